"""检查与导出: every finding of the report, then the three exports and "open the folder".

Export is `export.export_report(report, kind, path, draft)`, imported only when the clerk exports so
python-docx and openpyxl never slow the start-up.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QGridLayout, QLabel, QPushButton, QWidget

from gui.shell import dialogs, folders
from gui import texts
from gui.shell.checks_panel import FindingsView
from gui.session.document import Document
from gui.pages.base import RedrawWhenShown, heading, page_layout
from model.checks import Finding, counts
from model.errors import ExportRefused, NianbaoError

KINDS = ("docx", "xlsx", "html", "pdf")


class FinalPage(QWidget):
    key = "final"
    shows_notices = False
    exported = Signal(str)  # the path written

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.last_export: str | None = None
        lay = page_layout(self)
        lay.addWidget(heading(texts.FINAL_HEADING))
        self.summary = QLabel()
        self.summary.setObjectName("finalSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.findings = FindingsView(doc)
        self.findings.summary.hide()  # the sentence above says it in full
        lay.addWidget(self.findings, 1)

        lay.addWidget(heading(texts.FINAL_EXPORT, level=2))
        box = QFrame()
        box.setObjectName("exportBox")
        grid = QGridLayout(box)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        self.buttons: dict[str, QPushButton] = {}
        for col, (kind, label, desc) in enumerate(
            (
                ("docx", texts.FINAL_DOCX, texts.FINAL_DOCX_DESC),
                ("xlsx", texts.FINAL_XLSX, texts.FINAL_XLSX_DESC),
                ("html", texts.FINAL_HTML, texts.FINAL_HTML_DESC),
                ("pdf", texts.FINAL_PDF, texts.FINAL_PDF_DESC),
            )
        ):
            b = QPushButton(label)
            b.setObjectName("primaryButton" if kind == "docx" else "cardButton")
            b.setMinimumHeight(36)
            b.clicked.connect(lambda _=False, k=kind: self.choose_and_export(k))
            d = QLabel(desc)
            d.setObjectName("muted")
            d.setWordWrap(True)
            grid.addWidget(b, 0, col)
            grid.addWidget(d, 1, col, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(col, 1)
            self.buttons[kind] = b
        lay.addWidget(box)
        self.last_label = QLabel()
        self.last_label.setObjectName("muted")
        self.btn_folder = QPushButton(texts.FINAL_OPEN_FOLDER)
        self.btn_folder.clicked.connect(self.open_folder)
        self.btn_folder.setEnabled(False)
        row = QGridLayout()
        row.addWidget(self.last_label, 0, 0)
        row.addWidget(self.btn_folder, 0, 1, Qt.AlignmentFlag.AlignRight)
        row.setColumnStretch(0, 1)
        lay.addLayout(row)
        self._summary = RedrawWhenShown(self, self.refresh)
        doc.findings_changed.connect(self._summary)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self.doc.text_check_pending:  # typed just before coming here: the summary must include the text
            self.doc.recheck_text()
        self._summary.shown()
        super().showEvent(event)

    def focus_finding(self, finding: Finding) -> None:
        item = self.findings.item_for(finding.id)
        if item is not None:
            self.findings.tree.setCurrentItem(item)

    def refresh(self, *_delta: object) -> None:
        errors, warnings = counts(self.doc.findings)
        if errors:
            text, state = texts.FINAL_ERRORS.format(errors=errors, warnings=warnings), "error"
        elif warnings:
            text, state = texts.FINAL_WARNINGS.format(warnings=warnings), "warning"
        else:
            text, state = texts.FINAL_CLEAN, "done"
        self.summary.setText(text)
        self.summary.setProperty("state", state)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    # -- export ------------------------------------------------------------------------------------
    def default_name(self, kind: str) -> str:
        """The last folder used (else Documents) and a name from the report's title (gui/shell/folders.py)."""
        return folders.start_path(self.doc.report.meta.display_title, f".{kind}")

    def choose_and_export(self, kind: str) -> bool:
        # The question about errors comes first: a clerk who cancels it has not chosen a file name for nothing.
        draft = self.ask_draft()
        if draft is None:
            return False
        name = texts.EXPORT_NAMES[kind]
        path, _ = QFileDialog.getSaveFileName(
            self, texts.DLG_EXPORT.format(name=name), self.default_name(kind), texts.EXPORT_FILTERS[kind]
        )
        if not path:
            return False
        folders.remember(path)
        if not path.lower().endswith("." + kind):
            path += "." + kind
        return self.write(kind, path, draft)

    def ask_draft(self) -> bool | None:
        """The questions before an export, asked before the file name: False — no 强制性错误; True — there are
        and the clerk exports anyway, as a 草稿; None — cancelled (at that question or at the one about a
        missing 落款 date). Same policy as the CLI's `export`, which refuses errors without --force."""
        if self.doc.text_check_pending:  # the narrative checks of the last typing, before errors are counted
            self.doc.recheck_text()
        errors, _warnings = counts(self.doc.findings)
        draft = False
        if errors:
            refusal = ExportRefused(f"报告中还有{errors}个强制性错误，导出的文件将标有“草稿”。", ExportRefused.hint)
            if not dialogs.confirm_force_export(self, refusal):
                return None
            draft = True
        from export import missing_date_notice

        notice = missing_date_notice(self.doc.report)
        if notice and not dialogs.confirm_no_date(self, notice):
            return None
        return draft

    def export(self, kind: str, path: str) -> bool:
        draft = self.ask_draft()
        return draft is not None and self.write(kind, path, draft)

    def write(self, kind: str, path: str, draft: bool) -> bool:
        try:
            from export import export_report
        except ImportError:
            dialogs.show_error(self, texts.DLG_EXPORT.format(name=texts.EXPORT_NAMES[kind]), texts.EXPORT_UNAVAILABLE)
            return False
        try:
            export_report(self.doc.report, kind, path, draft=draft)
        except NianbaoError as exc:  # FileLocked, SaveFailed… with their Chinese message
            dialogs.show_error(self, texts.DLG_EXPORT.format(name=texts.EXPORT_NAMES[kind]), exc)
            return False
        except OSError as exc:
            dialogs.show_error(
                self,
                texts.DLG_EXPORT.format(name=texts.EXPORT_NAMES[kind]),
                f"{texts.SAVE_FAILED_TITLE}：{exc.strerror or exc}",
            )
            return False
        self.last_export = path
        self.last_label.setText(texts.FINAL_LAST.format(path=path))
        self.btn_folder.setEnabled(True)
        self.exported.emit(path)
        return True

    def open_folder(self) -> None:
        if self.last_export:
            QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(os.path.abspath(self.last_export))))
