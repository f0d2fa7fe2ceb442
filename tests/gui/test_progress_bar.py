"""The status bar says how far the report has got, and follows each edit (issue 14)."""

from __future__ import annotations

from model.edits import SetCell
from model.report import new_report


def test_the_status_bar_counts_cells_and_findings(make_window):
    report = new_report("某某局", 2025)
    window = make_window(report=report)
    total = sum(len(report.format.table_cells(t)) for t in ("t2", "t3", "t4"))
    assert f"已填 0/{total} 个单元格" in window.progress_label.text()
    assert "个问题待处理" in window.progress_label.text()
    window.doc.push(SetCell(report.format.table_cells("t4")[0], 1), "填写")
    filled = window.doc.report.value  # the cell and the total computed from it
    expected = sum(1 for t in ("t2", "t3", "t4") for k in report.format.table_cells(t) if filled(k) is not None)
    assert expected >= 1 and f"已填 {expected}/{total} 个单元格" in window.progress_label.text()
    row = window.navigator.row_of("四")
    assert f"已填 {expected}/" in window.navigator.item(row).toolTip()
    window.doc.undo_stack.undo()
    assert f"已填 0/{total} 个单元格" in window.progress_label.text()


def test_a_complete_report_says_nothing_is_open(make_window):
    window = make_window()
    assert "没有待处理的问题" in window.progress_label.text()
