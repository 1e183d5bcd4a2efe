"""Widgets of the wizard: the dimension sidebar, the answer options, score rows and text fields."""
