"""Modal dialogs that return a value with `dismiss()`: confirmations, help and explanations."""
