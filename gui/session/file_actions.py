"""The File menu's work: new, open, start from last year's report, save, save as, recent files, recovery.

Every failure of the model arrives as a `model.errors.NianbaoError` with a Chinese message and hint and is
shown in one dialog; a failed save offers 另存为. The clerk's file is only ever written by `Document.save`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget

from gui.session import autosave
from gui.shell import dialogs, folders, settings
from gui import texts
from gui.session.document import Document
from model import project_file
from model.errors import NianbaoError, ProjectMissing, SaveFailed
from model.lock import ProjectLock, ProjectLocked

log = logging.getLogger(__name__)


class DocumentHost(Protocol):
    """What the file actions need of the window that shows the document (the main window is one)."""

    @property
    def doc(self) -> Document | None: ...

    def set_document(self, doc: Document, recovery_path: Path | None = None) -> None: ...

    def go_to_page(self, key: str) -> QWidget: ...

    def update_recent(self) -> None: ...


class FileActions:
    """`host` shows the documents these actions open; `parent` is the widget their dialogs belong to."""

    def __init__(self, host: DocumentHost, parent: QWidget):
        self.host = host
        self.parent = parent

    @property
    def doc(self) -> Document:
        doc = self.host.doc
        assert doc is not None  # the actions exist only once the window shows a document
        return doc

    # -- leaving the current document --------------------------------------------------------------
    def may_close_document(self) -> bool:
        """Ask about unsaved changes; True when the current document may be replaced or closed."""
        if not self.doc.modified:
            return True
        choice = dialogs.ask_unsaved(self.parent, self.doc.display_name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    # -- new / open / import -----------------------------------------------------------------------
    def new(self) -> bool:
        if not self.may_close_document():
            return False
        answer = dialogs.ask_new_report(self.parent)
        if answer is None:
            return False
        from model.report import new_report

        doc = Document(new_report(*answer))
        doc.untitled_name = texts.UNTITLED
        self.host.set_document(doc)
        self.host.go_to_page("meta")
        return True

    def open(self, path: str | None = None) -> bool:
        if not self.may_close_document():
            return False
        if path is None:
            path = self._ask_open(texts.DLG_OPEN, texts.FILE_FILTER)
            if not path:
                return False
        try:
            report, fingerprint = project_file.load(path)
        except NianbaoError as exc:
            dialogs.show_error(self.parent, texts.OPEN_FAILED_TITLE, exc)
            if isinstance(exc, ProjectMissing):
                settings.remove_recent(path)
                self.host.update_recent()
            return False
        doc = Document(report, path=path, fingerprint=fingerprint)
        if not self.claim(doc):
            return False
        self.host.set_document(doc)
        self.remember(doc.path or path)
        self.host.go_to_page("meta")
        return True

    # -- two instances, one file -------------------------------------------------------------------
    def claim(self, doc: Document) -> bool:
        """Lock `doc`'s file for this window before it is shown. When another running instance has it open,
        ask: 只读打开 (saving over the file is then refused), 另存副本 (save a copy first and work on that), or
        取消 — then False, and `doc` is not to be shown."""
        if doc.path is None:
            return True
        try:
            doc.lock = ProjectLock.acquire(doc.path)
            return True
        except ProjectLocked as exc:
            from pathlib import Path

            choice = dialogs.ask_locked(self.parent, Path(doc.path).name, exc.info.describe())
        if choice == "readonly":
            doc.read_only = True
            doc.path_changed.emit()  # the title says （只读） when the document is already shown
            return True
        if choice != "copy":
            return False
        path = self._ask_save_path(texts.DLG_SAVE_COPY, doc)
        if not path:
            return False
        try:
            new_lock = ProjectLock.acquire(path)
            doc.save(path)
        except NianbaoError as exc:
            dialogs.show_error(self.parent, texts.SAVE_FAILED_TITLE, exc)
            return False
        doc.lock = new_lock
        self.remember(path)
        return True

    def import_last_year(self, path: str | None = None) -> bool:
        """从去年的报告开始: read last year's report, roll it forward to a new, unsaved report."""
        try:
            from model.importers import import_file
            from model.rollover import advance_years, roll_forward
        except ImportError:
            dialogs.show_error(self.parent, texts.IMPORT_FAILED_TITLE, texts.IMPORT_UNAVAILABLE)
            return False
        if not self.may_close_document():
            return False
        if path is None:
            path = self._ask_open(texts.DLG_IMPORT, texts.IMPORT_FILTER)
            if not path:
                return False
        try:
            last_year, import_log = import_file(path)
            report = roll_forward(last_year, source_file=Path(path).name)
        except NianbaoError as exc:
            dialogs.show_error(self.parent, texts.IMPORT_FAILED_TITLE, exc)
            return False
        except ImportError:
            dialogs.show_error(self.parent, texts.IMPORT_FAILED_TITLE, texts.IMPORT_UNAVAILABLE)
            return False
        doc = Document(report)
        doc.untitled_name = texts.UNTITLED
        years = advance_years(report)
        if years is not None:  # an undo step of its own: the clerk sees what changed and can take it back
            doc.push(years, years.label)
        doc.undo_stack.resetClean()  # nothing of this new report is saved yet: closing must ask
        self.host.set_document(doc)
        self.host.go_to_page("meta")
        dialogs.show_import_log(self.parent, texts.IMPORT_DONE.format(year=report.meta.year), import_log.lines())
        return True

    def open_backup(self) -> bool:
        """文件 → 打开备份…: one of the dated copies (model/backups.py) of this report, or of any report when
        this one has none, opened as a new unsaved report so neither the file nor the copy is touched."""
        from model import backups

        found = backups.list_for(self.doc.path) if self.doc.path else []
        found = found or backups.list_for()
        if not found:
            dialogs.show_info(self.parent, texts.BACKUP_TITLE, texts.BACKUP_NONE)
            return False
        items = [texts.BACKUP_ITEM.format(name=b.of, time=f"{b.saved:%Y-%m-%d %H:%M}") for b in found]
        choice = dialogs.choose_backup(self.parent, items)
        if choice is None or not self.may_close_document():
            return False
        chosen = found[choice]
        try:
            report, _fingerprint = project_file.load(chosen.path)
        except NianbaoError as exc:
            dialogs.show_error(self.parent, texts.OPEN_FAILED_TITLE, exc)
            return False
        doc = Document(report)
        doc.untitled_name = texts.BACKUP_UNTITLED.format(
            name=chosen.of.removesuffix(project_file.EXTENSION), time=f"{chosen.saved:%Y-%m-%d %H:%M}"
        )
        doc.undo_stack.resetClean()  # not saved anywhere yet: closing must ask
        self.host.set_document(doc)
        self.host.go_to_page("meta")
        return True

    # -- save --------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        path = self._ask_save_path(texts.DLG_SAVE_AS, self.doc)
        if not path:
            return False
        return self._save_to(path)

    def _ask_save_path(self, title: str, doc: Document) -> str:
        """A .nianbao path the clerk picks, or "" when the dialog is cancelled."""
        start = doc.path or folders.start_path(doc.report.meta.display_title, project_file.EXTENSION)
        path, _ = QFileDialog.getSaveFileName(self.parent, title, start, texts.FILE_FILTER)
        if not path:
            return ""
        folders.remember(path)
        if not path.lower().endswith(project_file.EXTENSION):
            path += project_file.EXTENSION
        return path

    def _save_to(self, path: str) -> bool:
        new_lock = None
        try:
            if path != self.doc.path:  # 另存为: the new file must not be one another window has open
                new_lock = ProjectLock.acquire(path)
            try:
                self.doc.save(path)
            except OSError as exc:  # anything the model did not already translate
                raise SaveFailed(f"文件没有保存成功（{exc.strerror or exc}）。", path=path) from exc
        except NianbaoError as exc:
            if new_lock is not None:
                new_lock.release()
            log.warning("save to %s failed: %s", path, exc.message)
            if dialogs.show_save_error(self.parent, exc):
                return self.save_as()
            return False
        if new_lock is not None:
            if self.doc.lock is not None:
                self.doc.lock.release()
            self.doc.lock = new_lock
        self.remember(path)
        self.doc.notices.done(texts.STATUS_SAVED.format(path=path), scope="file")
        return True

    # -- recent files and recovery -----------------------------------------------------------------
    def remember(self, path: str) -> None:
        """Put `path` first in 最近打开的文件 (the File menu and the start page)."""
        settings.add_recent(path)
        self.host.update_recent()

    def _ask_open(self, title: str, name_filter: str) -> str:
        """The file the clerk picks, or "" when the dialog is cancelled."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, folders.last_folder(), name_filter)
        if path:
            folders.remember(path)
        return path

    def offer_recovery(self) -> bool:
        """At start: offer the recovery copies left by a crash. True when one was restored."""
        found = autosave.find_recoveries()
        if not found:
            return False
        lines = [
            texts.RECOVER_ITEM.format(title=r.title, source=r.recovery_of or texts.RECOVER_SOURCE_NONE, time=r.saved_at)
            for r in found
        ]
        choice = dialogs.ask_recover(self.parent, lines)
        if choice == "drop":
            for r in found:
                r.path.unlink(missing_ok=True)
                r.journal.unlink(missing_ok=True)
            return False
        if choice != "recover":
            return False
        for r in found:  # newest first; the others stay on disk and are offered again next time
            try:
                doc = autosave.restore(r)
            except NianbaoError as exc:
                dialogs.show_error(self.parent, texts.RECOVER_TITLE, exc)
                continue
            if not self.claim(doc):
                return False  # its file is open elsewhere and the clerk cancelled: the copy stays on disk
            self.host.set_document(doc, recovery_path=r.path)
            if doc.recovery_notes:
                dialogs.show_info(self.parent, texts.RECOVER_TITLE, "\n".join(doc.recovery_notes))
            return True
        return False
