"""The domain core: bank, scoring, sessions, storage and reports. Never imports Textual."""
