"""Autosave: a recovery copy of the open report plus a journal of every edit since that copy, both in
``user_data_dir("nianbao")/recovery/`` and never written over the clerk's own file.

Every edit the document applies (typed, undone, redone) is appended to ``<id>.journal`` at once, and the
journal is fsync'd at most SYNC_MS later (`model/journal.py` says why a journal and not a full save). The
text still in an open table-cell editor goes in as a draft record (polled every DRAFT_POLL_MS). A full copy,
``<id>.nianbao``, is written when the journal has grown to a fair share of the project (on a typing pause,
or at once when it gets as large as the project), which starts a new, empty journal. Until the first full
copy the journal's base is the clerk's own file, unmodified since it was opened or saved. A clean save or a
deliberate close removes both; after a crash they stay, and the next start offers them back.

A failing autosave (full disk, folder gone) is not only logged: `failed` carries a Chinese message the
window shows until `recovered` says a full copy has been written again (retried on each pause and every
INTERVAL_MS).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from gui.session.document import Document
from model import journal, project_file
from model.errors import DiskFull, NianbaoError
from model.session import Outcome

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000  # retry a failed autosave this often even while the clerk keeps typing
SYNC_MS = 250  # an edit is written at once and fsync'd within this (the goal: on disk within 1 s)
PAUSE_MS = 1_000  # "typing stopped": sync, and write the full copy if the journal has grown
DRAFT_POLL_MS = 500  # how often the text of an open cell editor is looked at
COMPACT_MIN_BYTES = 1_000_000  # a journal smaller than this is never worth a full copy
COMPACT_SHARE = 8  # on a pause: full copy once the journal is 1/8 of the project's size …
COMPACT_NOW_MIN_BYTES = 32_000_000  # … and even mid-typing once it is as large as the project (≥ 32 MB)

Draft = tuple[str, str]  # (cell key, the text in its open editor)


def recovery_dir() -> Path:
    # Resolved on every call so a changed XDG/APPDATA (tests) is honoured.
    return Path(user_data_dir("nianbao", appauthor=False)) / "recovery"


@dataclass
class Recovery:
    path: Path  # the full copy <id>.nianbao (which may not exist yet: the journal's base is then the file)
    recovery_of: str | None
    title: str
    saved_at: str
    original_fingerprint: str | None

    @property
    def journal(self) -> Path:
        return journal.journal_path(self.path)


def find_recoveries() -> list[Recovery]:
    """Work left by earlier sessions (a copy, a journal or both per id), newest first. Unreadable ones are
    listed too (title = name): a damaged copy is still offered, never silently deleted."""
    out: list[tuple[float, Recovery]] = []
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    ids = {p.stem for p in folder.glob("*" + project_file.EXTENSION)} | {
        p.stem for p in folder.glob("*" + journal.EXTENSION)
    }
    for stem in ids:
        copy = folder / f"{stem}{project_file.EXTENSION}"
        if in_use(copy):
            continue  # another running copy of the app is still working on it
        found = _describe(copy)
        if found is not None:
            out.append(found)
    return [r for _, r in sorted(out, key=lambda x: x[0], reverse=True)]


def _describe(copy: Path) -> tuple[float, Recovery] | None:
    jpath = journal.journal_path(copy)
    contents = journal.read(jpath)
    head: dict = {}
    mtime = 0.0
    if copy.exists():
        mtime = copy.stat().st_mtime
        try:
            head = project_file.parse(copy.read_bytes(), str(copy))
        except Exception:  # noqa: BLE001 - damaged: offered under its name
            head = {}
    elif contents is None or not contents.records:
        # A journal with nothing in it (or unreadable, with no copy to fall back on) holds no work.
        jpath.unlink(missing_ok=True)
        return None
    if contents is not None:
        mtime = max(mtime, jpath.stat().st_mtime)
        head = {**head, **contents.header}
    saved_at = dt.datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M:%S") if mtime else ""
    return mtime, Recovery(
        copy, head.get("recovery_of"), str(head.get("title") or copy.stem), saved_at, head.get("original_fingerprint")
    )


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
    """A Document holding the recovered report (copy + journal replayed), attached to its original file and
    marked as modified. `doc.recovery_notes` says what the clerk should look at (a recovered cell draft)."""
    got = journal.recover(rec.path, rec.journal)
    doc = Document(got.report, path=rec.recovery_of, fingerprint=rec.original_fingerprint)
    if rec.recovery_of is None:
        doc.untitled_name = rec.title
    doc.undo_stack.resetClean()  # the recovered changes are not in any saved file yet
    doc.recovery_notes = got.notes
    return doc


def failure_text(exc: BaseException) -> str:
    """What the window says while autosave fails (Chinese, with what to do)."""
    if isinstance(exc, DiskFull) or getattr(exc, "errno", None) in (28, 122):  # ENOSPC, EDQUOT
        return "自动保存失败：磁盘空间不足。最近的修改还没有恢复副本，请清理磁盘空间，或立即用“另存为”保存到其他磁盘、U盘。"
    reason = exc.message if isinstance(exc, NianbaoError) else (getattr(exc, "strerror", None) or str(exc))
    return f"自动保存失败（{reason}）。最近的修改还没有恢复副本，请立即保存，或用“另存为”保存到其他位置。"


class AutoSaver(QObject):
    """Watches one Document and keeps its recovery copy and journal current."""

    saved = Signal(str)  # the time of a full copy, for the status bar
    failed = Signal(str)  # autosave does not work: a Chinese message, shown until `recovered`
    recovered = Signal()  # a full copy was written again after a failure

    def __init__(self, doc: Document, parent: QObject | None = None, path: Path | None = None):
        super().__init__(parent)
        self.doc = doc
        # A restored document keeps its old recovery file, so a second crash loses nothing either.
        self.path = path or recovery_dir() / f"{uuid.uuid4().hex}{project_file.EXTENSION}"
        self.journal_path = journal.journal_path(self.path)
        self._lock = _lock_file(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock.tryLock(0)
        self._journal: journal.Journal | None = None
        self._copy_bytes = 0  # size of the last full copy (or of the clerk's file), for when to compact
        self._base_file: tuple[str, str] | None = None  # (path, fingerprint) while the doc equals that file
        self._reset_base()
        self.failing: str | None = None  # the message while autosave fails
        self.drafts: Callable[[], Draft | None] | None = None  # set by the window: the open cell editor
        self._last_draft: Draft | None = None
        self._stopped = False
        self._timer = self._make_timer(INTERVAL_MS, self._on_interval, single=False)
        self._timer.start()
        self._sync = self._make_timer(SYNC_MS, self._on_sync)
        self._pause = self._make_timer(PAUSE_MS, self._on_pause)
        self._draft_timer = self._make_timer(DRAFT_POLL_MS, self._on_draft_poll, single=False)
        self._draft_timer.start()
        # The session's own stream: every edit, undo and redo as applied to the report, in order.
        self._unsubscribe = doc.session.subscribe(self._on_outcome)
        doc.modified_changed.connect(self._on_modified)
        if doc.modified:  # a recovered or imported report: nothing of it is in any file yet
            QTimer.singleShot(0, self.save_now)

    def _make_timer(self, ms: int, slot: Callable[[], object], single: bool = True) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(single)
        t.setInterval(ms)
        t.timeout.connect(slot)
        return t

    def _reset_base(self) -> None:
        """The document equals its file again (opened, saved, or undone back to the save)."""
        doc = self.doc
        if doc.path and doc.fingerprint and not doc.modified:
            self._base_file = (doc.path, doc.fingerprint)
            try:
                self._copy_bytes = os.stat(doc.path).st_size
            except OSError:
                self._base_file = None
        else:
            self._base_file = None

    # -- the edit stream -------------------------------------------------------------------------
    def _on_outcome(self, outcome: Outcome) -> None:
        self._on_applied(outcome.edit, outcome.inverse)

    def _on_applied(self, edit, inverse) -> None:
        if self._stopped:
            return
        self._pause.start()  # restarted by every edit: fires once the clerk pauses
        if self.failing is not None:
            return  # retried on the pause and the interval, not on every keystroke
        try:
            if self._journal is None and not self._open_journal():
                # No base to journal against (a new or imported report): one full copy. Forced, since a redo
                # from the saved state is applied before the stack says it is modified.
                self.save_now(force=True)
                return
            assert self._journal is not None
            self._journal.append(edit, inverse)
        except journal.Unjournalable:
            self.save_now()
            return
        except Exception as exc:  # noqa: BLE001 - OSError, DiskFull…: autosave must never break typing
            self._fail(exc)
            return
        if not self._sync.isActive():
            self._sync.start()  # not restarted: the first unsynced edit is on disk within SYNC_MS
        if self._journal.size >= max(COMPACT_NOW_MIN_BYTES, self._copy_bytes):
            self.save_now()

    def _open_journal(self) -> bool:
        """Start a journal on the clerk's file as its base; False when there is none to use."""
        if self._base_file is None:
            return False
        path, fingerprint = self._base_file
        self._journal = journal.Journal(self.journal_path, {"file": path, "fingerprint": fingerprint}, self._info())
        return True

    def _info(self) -> dict:
        return {
            "recovery_of": self.doc.path,
            "title": self.doc.display_name,
            "original_fingerprint": self.doc.fingerprint,
        }

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()  # saved (or undone back to the saved state): the copy is no longer needed
            self._reset_base()

    def _on_sync(self) -> None:
        if self._journal is None:
            return
        try:
            self._journal.sync()
        except OSError as exc:
            self._fail(exc)

    def _on_pause(self) -> None:
        self._on_draft_poll()
        if self.failing is not None:
            self.save_now()
            return
        self._on_sync()
        j = self._journal
        if j is not None and j.records and j.size >= max(COMPACT_MIN_BYTES, self._copy_bytes // COMPACT_SHARE):
            self.save_now()

    def _on_interval(self) -> None:
        if self.failing is not None and not self._pause.isActive():
            self.save_now()
        else:
            self._on_sync()

    def _on_draft_poll(self) -> None:
        """Journal the text of an open cell editor when it changed (typed but not yet confirmed)."""
        if self.drafts is None or self._stopped or self.failing is not None:
            return
        draft = self.drafts()
        if draft == self._last_draft:
            return
        try:
            if self._journal is None and not self._open_journal():
                if draft is None or not self.save_now(force=True):  # an untitled report: copy it first
                    return
            assert self._journal is not None
            if draft is None:
                self._journal.draft(None)
            else:
                self._journal.draft(*draft)
            self._journal.sync()
        except Exception as exc:  # noqa: BLE001 - as in _on_applied
            self._fail(exc)
            return
        self._last_draft = draft

    # -- full copy -------------------------------------------------------------------------------
    def save_now(self, force: bool = False) -> bool:
        """Write the full recovery copy (and start an empty journal on it) if there is anything unsaved.
        Never raises (autosave must not interrupt); a failure is signalled by `failed`."""
        if not (self.doc.modified or force) or self._stopped:
            return False
        started = time.perf_counter()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            info = self._info()
            fingerprint = project_file.save(self.doc.report, self.path, backup=False, extra=info)
            self._copy_bytes = self.path.stat().st_size
            self._close_journal()
            # The new journal names the copy it follows: had the app died just before this line, the old
            # journal (naming the old copy) is recognised as already contained in the new copy.
            self._journal = journal.Journal(self.journal_path, {"copy": fingerprint}, info)
            self._last_draft = None
        except Exception as exc:  # noqa: BLE001 - a full disk must not break typing; the window says it
            self._fail(exc)
            return False
        log.info("recovery copy written (%d bytes, %.0f ms)", self._copy_bytes, (time.perf_counter() - started) * 1000)
        if self.failing is not None:
            self.failing = None
            self.recovered.emit()
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        return True

    def _fail(self, exc: BaseException) -> None:
        log.error("autosave failed: %s", exc, exc_info=exc)
        # What the journal holds after a refused write is uncertain: the next full copy starts it afresh.
        self._close_journal()
        self._base_file = None
        message = failure_text(exc)
        if self.failing != message:
            self.failing = message
            self.failed.emit(message)

    def _close_journal(self) -> None:
        if self._journal is not None:
            try:
                self._journal.close()
            except OSError:
                pass
            self._journal = None

    def discard(self) -> None:
        self._close_journal()
        self._last_draft = None
        for p in (self.path, self.journal_path):
            try:
                p.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove recovery file %s", p)

    def stop(self, keep: bool = False) -> None:
        """Detach from the document; `keep` leaves the copy and journal (used when the app dies)."""
        for t in (self._timer, self._sync, self._pause, self._draft_timer):
            t.stop()
        if self._stopped:
            self._lock.unlock()
            return
        if keep and self._journal is not None:
            try:
                self._journal.sync()
            except OSError:
                pass
        self._stopped = True
        try:
            self._unsubscribe()
            self.doc.modified_changed.disconnect(self._on_modified)
        except (RuntimeError, TypeError):
            pass
        if keep:
            self._close_journal()
        else:
            self.discard()
        self._lock.unlock()
