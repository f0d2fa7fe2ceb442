"""The real app in a process of its own, typed into as a clerk types, for tests that kill it with SIGKILL.

    python -m tests.gui.kill_driver [--file P] (--narrative 一 | --cell KEY --page 三) --text TEXT [--rate N]

Starts the app the way `main.py` does (gui.app's logging, crash handler, first window, recovery offer), then
sends one key event per character to the focused widget (the narrative editor, or a table cell: its first
key opens the cell editor, as typing does), at `rate` characters per second. Nothing here calls the model:
the edits go through the same widgets, signals, undo stack and autosave as a keyboard's. After each key it
prints "edit N" (N characters typed so far); at the end "done", and then it waits to be killed.
"""

from __future__ import annotations

import argparse
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file")
    parser.add_argument("--narrative")
    parser.add_argument("--cell")
    parser.add_argument("--page", default="三")  # the page holding --cell
    parser.add_argument("--text", required=True)
    parser.add_argument("--rate", type=float, default=20.0)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from gui import app as gui_app
    from gui.shell import dialogs

    dialogs.ask_recover = lambda *_a, **_k: "later"  # a test start must not stop at the recovery question
    gui_app.setup_logging()
    sys.excepthook = gui_app.excepthook
    application = gui_app.make_application()
    window = gui_app.open_first_window(args.file)
    typed = 0

    def target():
        if args.narrative:
            return window.pages[args.narrative].editor
        view = window.pages[window.current_key()].view
        return view.indexWidget(view.currentIndex()) or view

    def key(ch: str) -> None:
        nonlocal typed
        widget = target()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
        typed += 1
        print(f"edit {typed}", flush=True)
        if typed == len(args.text):
            print("done", flush=True)

    def start() -> None:
        if args.narrative:
            window.go_to_page(args.narrative)
            editor = window.pages[args.narrative].editor
            editor.setFocus()
            editor.moveCursor(QTextCursor.MoveOperation.End)
        else:
            page = window.go_to_page(args.page)
            page.view.select_key(args.cell)
            page.view.setFocus()
        print("ready", flush=True)
        timer = QTimer(window)
        timer.setInterval(max(1, round(1000 / args.rate)))

        def tick() -> None:
            if typed < len(args.text):
                key(args.text[typed])
            else:
                timer.stop()

        timer.timeout.connect(tick)
        timer.start()

    window.ready.connect(start)
    return application.exec()


if __name__ == "__main__":
    sys.exit(main())
