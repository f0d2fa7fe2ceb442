"""Ctrl+V, Ctrl+C and Delete on the table pages: one undo step each, a clear message when a block does
not fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.pages.table_page import TablePage
from model.report import new_report
from model.sample import load_sample
from tests.gui.pages import make_page

ROW = [
    "natural_person",
    "legal.commercial",
    "legal.research",
    "legal.public_welfare",
    "legal.legal_service",
    "legal.other",
    "total",
]


def k(row: str, col: int) -> str:
    return f"t3.{row}@{ROW[col]}"


def paste(qtbot, page: TablePage, start: str, text: str) -> None:
    QApplication.clipboard().setText(text)
    page.view.select_key(start)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def select(page: TablePage, keys: list[str]) -> None:
    selection = QItemSelection()
    for key in keys:
        idx = page.model.index_of(key)
        selection.select(idx, idx)
    page.view.setCurrentIndex(page.model.index_of(keys[0]))
    page.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


@pytest.fixture
def empty_page(qtbot) -> TablePage:
    return make_page(qtbot, new_report("测试局", 2026))


def test_paste_a_block_from_excel_is_one_undo_step(qtbot, empty_page):
    page = empty_page
    paste(qtbot, page, k("new_received", 0), "5\t2\t0\r\n1\t0\t0\r\n")
    report, stack = page.doc.report, page.doc.undo_stack
    assert [report.value(k("new_received", c)) for c in range(3)] == [5, 2, 0]
    assert [report.value(k("carried_over_in", c)) for c in range(3)] == [1, 0, 0]
    assert report.value(k("new_received", 6)) == 7  # totals follow
    assert page.model.data(page.model.index_of(k("new_received", 6))) == "7"
    assert stack.count() == 1
    assert "已从" in page.status.text() and "6个单元格" in page.status.text()
    pasted = {k(r, c) for r in ("new_received", "carried_over_in") for c in range(3)}
    assert set(page.view.selected_keys()) == pasted

    stack.undo()
    assert all(report.value(k(r, c)) is None for r in ("new_received", "carried_over_in") for c in range(7))
    stack.redo()
    assert report.value(k("carried_over_in", 0)) == 1 and report.value(k("new_received", 6)) == 7


def test_paste_that_does_not_fit_changes_nothing_and_says_where(qtbot, empty_page):
    page = empty_page
    paste(qtbot, page, k("new_received", 5), "1\t2\t3\n")
    assert page.doc.undo_stack.count() == 0
    assert page.doc.report.value(k("new_received", 5)) is None
    msg = page.status.text()
    assert "放不下" in msg and "超出了表格" in msg and "没有粘贴任何数字" in msg


def test_paste_with_words_changes_nothing(qtbot, empty_page):
    page = empty_page
    paste(qtbot, page, k("new_received", 0), "1\t两\t3\n")
    assert page.doc.undo_stack.count() == 0
    assert "“两”" in page.status.text() and "不是数字" in page.status.text()


def test_paste_over_a_total_column_keeps_the_computed_total(qtbot, empty_page):
    page = empty_page
    paste(qtbot, page, k("new_received", 0), "1\t1\t1\t1\t1\t1\t99\n")
    assert page.doc.report.value(k("new_received", 6)) == 6
    assert page.doc.report.cell(k("new_received", 6)).origin == "computed"
    assert "没有使用" in page.status.text()


def test_paste_into_2019_report_with_published_totals(qtbot):
    from tests.seed_projects import seed_report

    page = make_page(qtbot, seed_report("seed_000"), "四")
    paste(qtbot, page, "t4.review.upheld", "1\t0\t0\t0\t1\n")
    assert page.doc.report.value("t4.review.total") == 1  # manual totals take the pasted number
    assert page.doc.undo_stack.count() == 1


def test_one_value_fills_the_selection(qtbot, empty_page):
    page = empty_page
    keys = [k("new_received", c) for c in range(7)]
    select(page, keys)
    QApplication.clipboard().setText("0")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [page.doc.report.value(key) for key in keys] == [0] * 7
    assert page.doc.undo_stack.count() == 1


def test_delete_clears_the_selection_in_one_step(qtbot):
    page = make_page(qtbot, load_sample())
    report = page.doc.report
    keys = [k("new_received", c) for c in range(3)] + [k("carried_over_in", c) for c in range(3)]
    before = {key: report.value(key) for key in keys}
    select(page, keys)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert all(report.value(key) is None for key in keys)
    assert page.model.data(page.model.index_of(keys[0])) == ""
    assert report.value(k("new_received", 6)) == 4  # 48 less the 38+6+0 cleared
    assert page.doc.undo_stack.count() == 1
    assert any(f.id == "T3_BALANCE:natural_person" for f in page.doc.findings)
    page.doc.undo_stack.undo()
    assert {key: report.value(key) for key in keys} == before


def test_delete_on_a_total_explains_instead_of_clearing(qtbot):
    page = make_page(qtbot, load_sample())
    select(page, [k("new_received", 6)])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert page.doc.report.value(k("new_received", 6)) == 48
    assert page.doc.undo_stack.count() == 0
    assert "自动计算" in page.status.text()


def test_copy_gives_tab_separated_rows_with_labels(qtbot):
    page = make_page(qtbot, load_sample())
    select(page, [k(r, c) for r in ("new_received", "carried_over_in") for c in (0, 1)])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "38\t6\r\n3\t1\r\n"


def test_copy_then_paste_moves_a_block(qtbot):
    page = make_page(qtbot, load_sample(), "四")
    select(page, ["t4.review.upheld", "t4.review.corrected"])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    paste(qtbot, page, "t4.litigation_direct.upheld", text)
    report = page.doc.report
    assert report.value("t4.litigation_direct.upheld") == report.value("t4.review.upheld")
    assert report.value("t4.litigation_direct.corrected") == report.value("t4.review.corrected")
