"""The main window and what frames the pages: navigator, checks panel, dialogs, settings, style."""
