"""The open report as the GUI holds it: the document (report + undo), file actions, autosave."""
