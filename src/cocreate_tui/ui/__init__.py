"""The Textual wizard: screens, dialogs and widgets that present the domain core."""
