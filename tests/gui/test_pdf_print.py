"""导出 PDF, 打印预览 and 打印 from the window: the same pages as the exported PDF; the 草稿 question first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from model.edits import SetCell
from model.report import new_report


def _record_save_dialog(monkeypatch, fake_dialogs, target):
    order = []

    def save_dialog(*_a, **_k):
        order.append("choose file")
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    monkeypatch.setattr(fake_dialogs, "calls", _Recorder(fake_dialogs.calls, order))
    return order


class _Recorder(list):
    """fake_dialogs.calls that also notes each question in `order`, beside the file dialog."""

    def __init__(self, calls, order):
        super().__init__(calls)
        self.order = order

    def append(self, item):
        self.order.append(item[0])
        super().append(item)


def test_export_pdf_from_the_menu_writes_the_pdf(make_window, monkeypatch, tmp_path, fake_dialogs):
    target = tmp_path / "年报"
    order = _record_save_dialog(monkeypatch, fake_dialogs, target)
    window = make_window()
    window.act_export["pdf"].trigger()
    assert order == ["choose file"]  # the sample has no 强制性错误: no question
    data = (tmp_path / "年报.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"/FontFile" in data


def test_with_errors_the_draft_question_comes_before_the_file_name(make_window, monkeypatch, tmp_path, fake_dialogs):
    report = new_report("某某局", 2025)
    window = make_window(report=report)
    window.doc.push(SetCell(report.format.table_cells("t3")[0], 5), "填写")
    target = tmp_path / "草稿.pdf"
    order = _record_save_dialog(monkeypatch, fake_dialogs, target)
    page = window.go_to_page("final")
    assert page.choose_and_export("pdf") is False  # the clerk cancels the question
    assert order == ["confirm_force_export"] and not target.exists()  # and was never asked for a name
    fake_dialogs.force_export = True
    fake_dialogs.export_without_date = True  # a new report has no 落款 date: that question comes first too
    assert page.buttons["pdf"].text().startswith("导出 PDF")
    page.buttons["pdf"].click()
    assert order == ["confirm_force_export", "confirm_force_export", "confirm_no_date", "choose file"]
    assert target.exists()


def test_the_file_menu_offers_print_preview_and_print_with_unique_access_keys(make_window):
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    assert "打印预览(&V)…" in texts and "打印(&P)…" in texts
    keys = [t.split("(&")[1][0] for t in texts if "(&" in t]
    assert len(keys) == len(set(keys)), texts
    export_menu = next(a.menu() for a in file_menu.actions() if a.menu() and "导出" in a.text())
    sub = [a.text().split("(&")[1][0] for a in export_menu.actions()]
    assert "P" in sub and len(sub) == len(set(sub))


def test_printing_draws_the_pdf_pages_on_the_printer(make_window, tmp_path):
    """The printer of 打印 / 打印预览, sent to a file, gets the pages the PDF export draws."""
    pytest.importorskip("PySide6.QtPrintSupport")
    from PySide6.QtPrintSupport import QPrinter

    from export.pdf_writer import paint_report, pdf_bytes
    from gui.shell import printing

    window = make_window()
    printer = printing._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = paint_report(window.doc.report, printer)
    del printer  # ends the print job: the file is complete
    exported = pdf_bytes(window.doc.report)
    assert pages >= 4 and exported.count(b"/Type /Page\n") == pages == out.read_bytes().count(b"/Type /Page\n")


def test_print_preview_opens_on_the_report(make_window, monkeypatch, qtbot):
    pytest.importorskip("PySide6.QtPrintSupport")
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    from export.pdf_writer import pdf_bytes

    seen = []

    def fake_exec(dlg):  # shown, not modal: the preview paints its pages, then it closes
        dlg.show()
        widget = dlg.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=20000)
        seen.append((dlg.windowTitle(), widget.pageCount()))
        dlg.close()
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    window = make_window()
    window.act_print_preview.trigger()
    pages = pdf_bytes(window.doc.report).count(b"/Type /Page\n")
    assert seen == [("打印预览", pages)]


@pytest.mark.parametrize("accepted", [True, False], ids=["printed", "cancelled"])
def test_print_asks_for_the_printer_then_prints_the_pages(make_window, monkeypatch, tmp_path, accepted):
    pytest.importorskip("PySide6.QtPrintSupport")
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    out = tmp_path / "纸.pdf"

    def fake_exec(dlg):  # the clerk picks a printer (here: a PDF file, which CI has) and presses 打印
        dlg.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dlg.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted if accepted else QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    from gui.shell import printing

    window = make_window()
    assert printing.print_report(window, window.doc.report, window.doc.findings) is accepted
    assert out.exists() is accepted


def test_printing_a_report_with_errors_prints_the_draft_mark(make_window):
    from gui.shell import printing

    report = new_report("某某局", 2025)
    window = make_window(report=report)
    assert not printing.is_draft(window.doc.findings)
    window.doc.push(SetCell(report.format.table_cells("t3")[0], 5), "填写")
    assert printing.is_draft(window.doc.findings)
