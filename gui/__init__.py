"""PySide6 views over the headless model. No business rules live here: ask `model`."""
from gui.compat import protect_singletons

# Before any Qt call from any entry point (app, tests, benchmarks): PySide6 6.12 on Python 3.11 would
# otherwise abort the interpreter after a few seconds of painting (see gui/compat.py).
protect_singletons()
