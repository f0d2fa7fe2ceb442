"""Autosave: a recovery copy of the open report, never written over the clerk's own file.

Every 30 s, and about 2 s after typing stops, a modified document is written to
``user_data_dir("nianbao")/recovery/<id>.nianbao`` with a header naming the file it belongs to. A clean
save or a deliberate close removes that copy; after a crash it stays, and the next start offers it back.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from gui.session.document import Document
from model import project_file

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000
QUIET_MS = 2_000


def recovery_dir() -> Path:
    # Resolved on every call so a changed XDG/APPDATA (tests) is honoured.
    return Path(user_data_dir("nianbao", appauthor=False)) / "recovery"


@dataclass
class Recovery:
    path: Path
    recovery_of: str | None
    title: str
    saved_at: str
    original_fingerprint: str | None


def find_recoveries() -> list[Recovery]:
    """Recovery copies left by earlier sessions, newest first. Unreadable ones are listed too (title = name)."""
    out: list[Recovery] = []
    folder = recovery_dir()
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*" + project_file.EXTENSION), key=lambda q: q.stat().st_mtime, reverse=True):
        if in_use(p):
            continue  # another running copy of the app is still working on it
        try:
            head = project_file.parse(p.read_bytes(), str(p))
        except Exception:  # noqa: BLE001 - a damaged copy is still offered, never silently deleted
            head = {}
        out.append(
            Recovery(
                p,
                head.get("recovery_of"),
                str(head.get("title") or p.stem),
                str(head.get("saved_at", "")).replace("T", " "),
                head.get("original_fingerprint"),
            )
        )
    return out


def _lock_file(path: Path) -> QLockFile:
    return QLockFile(str(path) + ".lock")


def in_use(path: Path) -> bool:
    """True while a running instance holds the copy. A crashed instance's lock is stale and Qt clears it."""
    lock = _lock_file(path)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True


def restore(rec: Recovery) -> Document:
    """A Document holding the recovered report, attached to its original file and marked as modified."""
    report = project_file.loads(rec.path.read_bytes(), str(rec.path))
    doc = Document(report, path=rec.recovery_of, fingerprint=rec.original_fingerprint)
    if rec.recovery_of is None:
        doc.untitled_name = rec.title
    doc.undo_stack.resetClean()  # the recovered changes are not in any saved file yet
    return doc


class AutoSaver(QObject):
    """Watches one Document and keeps its recovery copy current."""

    saved = Signal(str)  # the time of the save, for the status bar

    def __init__(self, doc: Document, parent: QObject | None = None, path: Path | None = None):
        super().__init__(parent)
        self.doc = doc
        # A restored document keeps its old recovery file, so a second crash loses nothing either.
        self.path = path or recovery_dir() / f"{uuid.uuid4().hex}{project_file.EXTENSION}"
        self._lock = _lock_file(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock.tryLock(0)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self.save_now)
        doc.changed.connect(self._on_changed)
        doc.modified_changed.connect(self._on_modified)
        self._stopped = False

    def _on_changed(self, _changes) -> None:
        self._quiet.start()  # restart: saves once the clerk pauses

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()  # saved (or undone back to the saved state): the copy is no longer needed

    def save_now(self) -> bool:
        """Write the recovery copy if there is anything unsaved. Never raises (autosave must not interrupt)."""
        if not self.doc.modified:
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            project_file.save(
                self.doc.report,
                self.path,
                backup=False,
                extra={
                    "recovery_of": self.doc.path,
                    "title": self.doc.display_name,
                    "original_fingerprint": self.doc.fingerprint,
                },
            )
        except Exception:  # noqa: BLE001 - a full disk must not break typing; the log keeps the reason
            log.exception("autosave failed")
            return False
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        return True

    def discard(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove recovery copy %s", self.path)

    def stop(self, keep: bool = False) -> None:
        """Detach from the document; `keep` leaves the copy (used when the app dies)."""
        self._timer.stop()
        self._quiet.stop()
        self._lock.unlock()
        if self._stopped:
            return
        self._stopped = True
        try:
            self.doc.changed.disconnect(self._on_changed)
            self.doc.modified_changed.disconnect(self._on_modified)
        except (RuntimeError, TypeError):
            pass
        if not keep:
            self.discard()
