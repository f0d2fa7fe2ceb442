"""The baseline for cold start: the least a PySide6 app can do to put a window on screen.

Run as a script (not `-m`, so no package import is charged to it). Same window size as the app's
first window, so both pay for painting the same number of pixels.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget

if __name__ == "__main__":
    app = QApplication(sys.argv)
    w = QWidget()
    w.setWindowTitle("bare")
    w.resize(1360, 860)  # gui.shell.main_window.MainWindow default size
    w.show()
    sys.exit(app.exec())
