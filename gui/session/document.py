"""The open report as the GUI sees it: the model Report, its undo stack, its findings, its file.

Every change goes through `push(edit)` → a QUndoCommand around `model.edits.apply`; after each change the
checks re-run and `changed` / `findings_changed` tell the views what to repaint. Widgets never keep their
own copy of a number.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import project_file
from model.checks import Finding, check
from model.edits import Changes, Edit, EditRejected, apply
from model.report import Report

_MERGE_ID = 0x6E62  # QUndoCommand.id() for edits that merge (typing in one narrative section)


class EditCommand(QUndoCommand):
    """One applied edit. It is applied before being pushed (Qt swallows exceptions raised in redo()),
    so the first redo() that QUndoStack.push makes is skipped."""

    def __init__(self, doc: Document, edit: Edit, inverse: Edit, text: str, merge_key: str | None = None):
        super().__init__(text)
        self._doc, self._edit, self._inverse = doc, edit, inverse
        self._merge_key = merge_key
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._inverse, changes = apply(self._doc.report, self._edit)
        self._doc._after_change(changes)

    def undo(self) -> None:
        self._edit, changes = apply(self._doc.report, self._inverse)
        self._doc._after_change(changes)

    def id(self) -> int:  # noqa: A003 - Qt override
        return _MERGE_ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, EditCommand) or other._merge_key != self._merge_key:
            return False
        self._edit = other._edit  # keep our inverse: one undo step restores the state before typing began
        return True


class Document(QObject):
    changed = Signal(object)  # model.edits.Changes
    findings_changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal()
    rejected = Signal(str)  # a Chinese sentence: why an edit was refused

    def __init__(
        self, report: Report, path: str | None = None, fingerprint: str | None = None, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.report = report
        self.path = path
        self.fingerprint = fingerprint
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.findings: list[Finding] = check(report)
        # What the title bar shows while there is no file (e.g. the built-in sample, a new report).
        self.untitled_name: str | None = None

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # -- editing ---------------------------------------------------------------------------------
    def push(self, edit: Edit, text: str, merge_key: str | None = None) -> bool:
        """Apply an edit as one undo step. Returns False (and emits `rejected`) when the model refuses it."""
        try:
            inverse, changes = apply(self.report, edit)
        except EditRejected as exc:
            self.rejected.emit(str(exc))
            return False
        self.undo_stack.push(EditCommand(self, edit, inverse, text, merge_key))
        self._after_change(changes)
        return True

    def _after_change(self, changes: Changes) -> None:
        self.findings = check(self.report)
        self.changed.emit(changes)
        self.findings_changed.emit()

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """File name for the title bar, or the untitled name ("示例报告", "未命名报告")."""
        if self.path:
            from pathlib import Path

            return Path(self.path).name
        return self.untitled_name or "未命名报告"

    # -- findings --------------------------------------------------------------------------------
    def findings_for_cell(self, key: str) -> list[Finding]:
        return [f for f in self.findings if key in f.cells]

    def findings_for_section(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]

    # -- file ------------------------------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        """Atomic save; raises model.errors.NianbaoError (FileLocked, DiskFull, ChangedOnDisk…) with a Chinese message."""
        target = path or self.path
        if target is None:
            raise ValueError("no path")
        same_file = target == self.path
        self.fingerprint = project_file.save(
            self.report, target, expected_fingerprint=self.fingerprint if same_file else None
        )
        if not same_file:
            self.path = target
            self.path_changed.emit()
        self.undo_stack.setClean()
