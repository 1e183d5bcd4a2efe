"""Exports of a session, a comparison or a merge: JSON, CSV, Markdown and printable HTML."""
