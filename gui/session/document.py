"""The open report as the GUI sees it: a thin Qt adapter over `model.session.Session` (the report, its
history, its findings), plus the file it came from.

Every change goes through `push(edit)` → `Session.push`, which applies it, re-checks what it touched and
returns the findings delta. The QUndoStack mirrors the session's history one command per step, so Qt's undo
and redo texts, clean state and the title's `*` keep working; its commands call `Session.undo`/`redo`.
After each push, undo or redo the views hear, once each and in this order: `changed` (what changed in the
report), `findings_changed` (the delta) and `edited` (the whole `Outcome`). Widgets never keep their own copy
of a number. Refusals (and other words for the clerk) go out through `notices`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.session.notices import Notices
from model import project_file
from model.checks import Finding
from model.edits import Edit, EditRejected
from model.errors import ReadOnlyProject
from model.lock import ProjectLock
from model.report import Report
from model.session import Outcome, Session

TYPING_PAUSE_MS = 400  # the narrative checks re-run this long after the last keystroke, not on each one


class EditCommand(QUndoCommand):
    """One step of the session's history on the QUndoStack. The step is applied before being pushed (Qt
    swallows exceptions raised in redo()), so the first redo() that QUndoStack.push makes is skipped."""

    def __init__(self, doc: Document, text: str):
        super().__init__(text)
        self._doc = doc
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._doc._tell(self._doc.session.redo())

    def undo(self) -> None:
        self._doc._tell(self._doc.session.undo())


class Document(QObject):
    changed = Signal(object)  # model.edits.Changes
    findings_changed = Signal(object)  # model.session.FindingsDelta
    edited = Signal(object)  # model.session.Outcome, after the two above
    modified_changed = Signal(bool)
    path_changed = Signal()

    def __init__(
        self, report: Report, path: str | None = None, fingerprint: str | None = None, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.session = Session(report)
        self.path = path
        self.fingerprint = fingerprint
        self.notices = Notices(self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # Text edits re-run the narrative checks only once typing pauses (the session defers them).
        self.session.defer_text = True
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TYPING_PAUSE_MS)
        self._text_timer.timeout.connect(self.recheck_text)
        # What the title bar shows while there is no file (e.g. the built-in sample, a new report).
        self.untitled_name: str | None = None
        # After a recovery: what the clerk should look at (e.g. a cell value that was never confirmed).
        self.recovery_notes: list[str] = []
        # The lock beside the file (model/lock.py) while this window has it; read_only when another instance
        # has it and the clerk chose 只读打开: then `save` refuses the file itself (另存为 is allowed).
        self.lock: ProjectLock | None = None
        self.read_only = False

    @property
    def report(self) -> Report:
        return self.session.report

    @property
    def findings(self) -> list[Finding]:
        return self.session.findings

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # -- editing ---------------------------------------------------------------------------------
    def push(self, edit: Edit, text: str, merge_key: str | None = None) -> bool:
        """Apply an edit as one undo step (typing bursts with one `merge_key` merge into one). Returns False,
        and posts the reason as a refusal notice, when the model refuses it."""
        clean = self.undo_stack.cleanIndex()
        self.session.clean_index = clean if clean >= 0 else None  # Qt's stack is the truth for "saved"
        try:
            outcome = self.session.push(edit, text, merge_key)
        except EditRejected as exc:
            self.notices.refused(str(exc))
            return False
        if outcome.kind != "merge":
            self.undo_stack.push(EditCommand(self, text))
        self._tell(outcome)
        return True

    def _tell(self, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        if self.session.text_stale:
            self._text_timer.start()
        else:
            self._text_timer.stop()
        self.changed.emit(outcome.changes)
        self.findings_changed.emit(outcome.delta)
        self.edited.emit(outcome)

    @property
    def text_check_pending(self) -> bool:
        return self._text_timer.isActive()

    def recheck_text(self) -> None:
        """Run the deferred narrative checks now (the typing pause, or before the final page or an export)."""
        self._text_timer.stop()
        self.findings_changed.emit(self.session.recheck_text())

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """File name for the title bar, or the untitled name ("示例报告", "未命名报告")."""
        if self.path:
            return Path(self.path).name
        return self.untitled_name or "未命名报告"

    # -- findings --------------------------------------------------------------------------------
    def findings_for_cell(self, key: str) -> list[Finding]:
        return self.session.findings_for_cell(key)

    def findings_for_section(self, section: str) -> list[Finding]:
        return self.session.findings_for_section(section)

    # -- file ------------------------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        """Atomic save; raises model.errors.NianbaoError (FileLocked, DiskFull, ChangedOnDisk…) with a Chinese message."""
        target = path or self.path
        if target is None:
            raise ValueError("no path")
        same_file = target == self.path
        if same_file and self.read_only:
            raise ReadOnlyProject(path=target)
        self.fingerprint = project_file.save(
            self.report, target, expected_fingerprint=self.fingerprint if same_file else None
        )
        if not same_file:
            self.path = target
            self.read_only = False  # a file of its own now
            self.path_changed.emit()
        self.undo_stack.setClean()
        self.session.mark_clean()
