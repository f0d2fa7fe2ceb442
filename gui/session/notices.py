"""The one channel for short words to the clerk about what just happened: an input refused, a paste done,
a file saved. Pages, the table and the file actions post here; the main window shows every notice in its
status bar, and a refusal in a dialog too unless the page in front shows notices itself (`Page.shows_notices`,
as the table pages do in their status line, beside the cell).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Signal

KINDS = ("refused", "done", "info", "clear")


@dataclass(frozen=True)
class Notice:
    text: str  # one Chinese sentence (or two): what happened and what to do
    kind: str = "info"  # one of KINDS
    at: QPoint | None = None  # a screen position the notice belongs to (the cell typed into), if any
    timeout_ms: int = 8000  # how long the status bar keeps it
    # "edit": about what the clerk just typed, pasted or asked of the report (a page may say it beside the
    # input); "file": about the file (saved, autosaved), for the status bar only.
    scope: str = "edit"


class Notices(QObject):
    posted = Signal(object)  # Notice

    def post(self, notice: Notice) -> None:
        self.posted.emit(notice)

    def refused(self, text: str, at: QPoint | None = None) -> None:
        """Something the clerk typed, pasted or asked for was not taken; nothing was changed."""
        self.post(Notice(text, "refused", at))

    def done(self, text: str, timeout_ms: int = 5000, scope: str = "edit") -> None:
        self.post(Notice(text, "done", timeout_ms=timeout_ms, scope=scope))

    def info(self, text: str, timeout_ms: int = 4000, scope: str = "edit") -> None:
        self.post(Notice(text, "info", timeout_ms=timeout_ms, scope=scope))

    def clear(self) -> None:
        """The last notice no longer holds (the clerk fixed what was refused)."""
        self.post(Notice("", "clear", timeout_ms=0))
