"""文件 → 打印预览 / 打印: the pages of export.pdf_writer, drawn on Qt's printer.

The preview and the paper are the PDF's pages (same painter, same layout); a report with 强制性错误 prints
with the 草稿 mark, since printing for 签批 is how a draft goes round. QtPrintSupport is imported on first use.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui import texts
from gui.shell import dialogs
from model.checks import counts
from model.report import Report


def _printer():
    from PySide6.QtPrintSupport import QPrinter

    from export.pdf_writer import page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setFullPage(True)  # our margins are measured from the paper's edge, as in the .docx
    printer.setDocName(texts.PRINT_TITLE)
    return printer


def _painter_for(report: Report, draft: bool):
    from export.pdf_writer import paint_report

    def paint(printer) -> None:
        paint_report(report, printer, draft=draft)

    return paint


def is_draft(findings) -> bool:
    errors, _warnings = counts(findings)
    return errors > 0


def preview(parent: QWidget, report: Report, findings) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _printer()
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(texts.PRINT_PREVIEW_TITLE)
    dlg.paintRequested.connect(_painter_for(report, is_draft(findings)))
    dlg.resize(900, 700)
    dlg.exec()


def print_report(parent: QWidget, report: Report, findings) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _printer()
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle(texts.PRINT_TITLE)
    if dlg.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    try:
        _painter_for(report, is_draft(findings))(printer)
    except OSError as exc:
        dialogs.show_error(parent, texts.PRINT_TITLE, texts.PRINT_FAILED.format(reason=exc.strerror or exc))
        return False
    return True
