"""PySide6 views over the headless model. No business rules live here: ask `model`."""
