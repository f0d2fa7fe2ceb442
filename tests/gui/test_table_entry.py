"""Typing into the table pages: values, computed totals, live findings, refusals, Tab order, undo/redo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor  # noqa: E402

from gui.pages.table_page import TablePage
from gui.table.model import COLOURS, FLASH_ROLE, PREVIOUS_ROLE
from model.report import Cell, new_report
from model.sample import load_sample
from tests.gui.pages import make_page

NP = "t3.new_received@natural_person"
NP_TOTAL = "t3.new_received@total"
COMMERCIAL = "t3.new_received@legal.commercial"


def type_into(qtbot, page: TablePage, key: str, text: str, end=Qt.Key.Key_Return) -> None:
    """Select a cell and type as a clerk does: the first key opens the editor, the rest go into it."""
    view = page.view
    view.select_key(key)
    view.setFocus()
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing a digit should open the cell editor"
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, end)


def cell(page: TablePage, key: str, role: int = Qt.ItemDataRole.DisplayRole):
    return page.model.index_of(key).data(role)


def background(page: TablePage, key: str) -> str | None:
    brush = cell(page, key, Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if isinstance(brush, QBrush) else None


def finding_ids(page: TablePage) -> set[str]:
    return {f.id for f in page.doc.findings}


@pytest.fixture
def sample_page(qtbot) -> TablePage:
    return make_page(qtbot, load_sample())


def test_sample_starts_clean(sample_page):
    assert not [f for f in sample_page.doc.findings if f.section == "三"]
    assert cell(sample_page, NP) == "38"


def test_typing_a_number_updates_total_and_finding_comes_and_goes(qtbot, sample_page):
    page = sample_page
    type_into(qtbot, page, NP, "40")
    report = page.doc.report
    assert report.value(NP) == 40
    assert report.value(NP_TOTAL) == 50  # computed by the model, shown by the view
    assert cell(page, NP_TOTAL) == "50"
    assert "T3_BALANCE:natural_person" in finding_ids(page)
    assert background(page, NP) == QColor(COLOURS["error"]).name()
    tip = cell(page, NP, Qt.ItemDataRole.ToolTipRole)
    assert "【错误】" in tip and "自然人" in tip
    assert page.view.current_key() == "t3.carried_over_in@natural_person"  # Enter moved down, as in Excel

    type_into(qtbot, page, NP, "38")
    assert report.value(NP) == 38 and report.value(NP_TOTAL) == 48
    assert "T3_BALANCE:natural_person" not in finding_ids(page)
    assert background(page, NP) is None


def test_undo_and_redo_restore_value_total_and_findings(qtbot, sample_page):
    page = sample_page
    type_into(qtbot, page, NP, "40")
    stack = page.doc.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert page.doc.report.value(NP) == 38 and page.doc.report.value(NP_TOTAL) == 48
    assert cell(page, NP) == "38"
    assert "T3_BALANCE:natural_person" not in finding_ids(page)
    stack.redo()
    assert cell(page, NP) == "40" and cell(page, NP_TOTAL) == "50"
    assert "T3_BALANCE:natural_person" in finding_ids(page)


def test_a_letter_is_refused_before_editing(qtbot, sample_page):
    page = sample_page
    page.view.select_key(NP)
    qtbot.keyClick(page.view, "a")
    assert page.view.indexWidget(page.view.currentIndex()) is None
    assert "请输入数字" in page.status.text()
    assert page.doc.report.value(NP) == 38 and page.doc.undo_stack.count() == 0


def test_a_letter_inside_the_editor_is_refused(qtbot, sample_page):
    page = sample_page
    page.view.select_key(NP)
    qtbot.keyClick(page.view, "1")
    editor = page.view.indexWidget(page.view.currentIndex())
    qtbot.keyClicks(editor, "x2")
    assert editor.text() == "12"
    assert "请输入数字" in page.status.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.doc.report.value(NP) == 12


def test_a_fraction_in_a_count_cell_is_refused_and_the_editor_stays_open(qtbot, sample_page):
    page = sample_page
    type_into(qtbot, page, NP, "3.5")
    assert page.doc.report.value(NP) == 38
    assert "整数" in page.status.text()
    assert page.view.current_key() == NP
    editor = page.view.indexWidget(page.view.currentIndex())
    assert editor is not None and editor.text() == "3.5"  # the clerk corrects it rather than retyping
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.doc.report.value(NP) == 3
    assert page.doc.undo_stack.count() == 1


def test_a_refusal_on_leaving_the_cell_does_not_stick(qtbot, sample_page):
    page = sample_page
    page.view.select_key(NP)
    # ("-" alone is a placeholder, read as unfilled as on import and paste: a fraction is refused instead.)
    qtbot.keyClick(page.view, "1")
    qtbot.keyClicks(page.view.indexWidget(page.view.currentIndex()), ".5")
    page.view.commitData(page.view.indexWidget(page.view.currentIndex()))  # as when focus leaves the cell
    assert "整数" in page.status.text()
    page.view.closePersistentEditor(page.view.currentIndex())
    type_into(qtbot, page, COMMERCIAL, "7")
    assert page.doc.report.value(COMMERCIAL) == 7


@pytest.mark.parametrize("text", ["N/A", "-", "none", "--"])
def test_a_typed_placeholder_leaves_the_cell_unfilled_as_import_and_paste_do(qtbot, sample_page, text):
    page = sample_page
    type_into(qtbot, page, NP, text)
    assert page.doc.report.value(NP) is None
    assert page.doc.undo_stack.count() == 1


@pytest.mark.parametrize("text", ["没有", "无", "×", "暂无"])
def test_a_chinese_placeholder_committed_from_the_editor_leaves_the_cell_unfilled(sample_page, text):
    # (Chinese arrives through the input method, not as key presses: commit the editor's text directly.)
    page = sample_page
    assert page.model.setData(page.model.index_of(NP), text)
    assert page.doc.report.value(NP) is None


def test_arrow_keys_in_the_editor_commit_and_move(qtbot, sample_page):
    page = sample_page
    type_into(qtbot, page, NP, "39", end=Qt.Key.Key_Down)
    assert page.doc.report.value(NP) == 39
    assert page.view.current_key() == "t3.carried_over_in@natural_person"
    assert page.view.indexWidget(page.view.currentIndex()) is None
    type_into(qtbot, page, page.view.current_key(), "2", end=Qt.Key.Key_Up)
    assert page.view.current_key() == NP


def test_computed_totals_are_read_only(qtbot, sample_page):
    page = sample_page
    idx = page.model.index_of(NP_TOTAL)
    assert not idx.flags() & Qt.ItemFlag.ItemIsEditable
    assert background(page, NP_TOTAL) == QColor(COLOURS["computed"]).name()
    page.view.select_key(NP_TOTAL)
    qtbot.keyClick(page.view, "5")
    assert page.view.indexWidget(idx) is None
    assert "自动计算" in page.status.text()
    assert not page.model.setData(idx, "5")


def test_emptying_a_cell_in_the_editor_clears_it(qtbot, sample_page):
    page = sample_page
    page.view.select_key(NP)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.indexWidget(page.view.currentIndex())
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.doc.report.value(NP) is None
    assert cell(page, NP) == ""


def test_tab_order_follows_the_official_reading_order_and_skips_totals(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026))
    view = page.view
    expected = view.entry_keys()
    first_row = (
        "natural_person",
        "legal.commercial",
        "legal.research",
        "legal.public_welfare",
        "legal.legal_service",
        "legal.other",
    )
    assert expected[:7] == [f"t3.new_received@{c}" for c in first_row] + ["t3.carried_over_in@natural_person"]
    assert not any(k.endswith("@total") or k.startswith("t3.result.total") for k in expected)
    view.select_key(expected[0])
    view.setFocus()
    seen = [view.current_key()]
    for _ in range(9):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        seen.append(view.current_key())
    assert seen == expected[:10]
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.current_key() == expected[8]


def test_tab_in_the_editor_commits_and_moves_on(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026), "四")
    type_into(qtbot, page, "t4.review.upheld", "2", end=Qt.Key.Key_Tab)
    type_into(qtbot, page, page.view.current_key(), "1", end=Qt.Key.Key_Tab)
    report = page.doc.report
    assert report.value("t4.review.upheld") == 2 and report.value("t4.review.corrected") == 1
    assert report.value("t4.review.total") == 3
    assert page.view.current_key() == "t4.review.other"


def test_arrow_keys_move_between_cells(qtbot, sample_page):
    view = sample_page.view
    view.select_key(NP)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_key() == "t3.carried_over_in@natural_person"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_key() == "t3.carried_over_in@legal.commercial"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)  # labels are not cells a clerk lands on
    assert view.current_key() == "t3.carried_over_in@natural_person"


def test_focus_cell_selects_scrolls_and_flashes(qtbot, sample_page):
    page = sample_page
    key = "t3.carried_over_out@legal.other"
    page.focus_cell(key)
    idx = page.model.index_of(key)
    assert page.view.currentIndex() == idx
    assert page.view.selectionModel().isSelected(idx)
    assert page.model.data(idx, FLASH_ROLE) is True
    page._end_flash()
    assert page.model.data(idx, FLASH_ROLE) is False
    page.focus_cell("t2.art20_1.regulation.issued")  # not on this page: ignored
    assert page.view.currentIndex() == idx


def test_previous_year_values_show_on_hover_and_on_request(qtbot, sample_page):
    page = sample_page
    key = "t3.carried_over_out@natural_person"
    assert page.previous_box.isVisibleTo(page)
    assert "上年：3" in cell(page, key, Qt.ItemDataRole.ToolTipRole)
    assert cell(page, key, PREVIOUS_ROLE) == "3"
    before = page.view.rowHeight(page.model.index_of(key).row())
    page.previous_box.setChecked(True)
    assert page.model.show_previous
    assert page.view.rowHeight(page.model.index_of(key).row()) > before  # room for the small second line


def test_no_previous_toggle_without_last_year(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026))
    assert not page.previous_box.isVisibleTo(page)


def test_provenance_tooltips_and_tints(qtbot):
    report = load_sample()
    report.cells[NP] = Cell(38, "imported", "３８", "number")
    report.cells[COMMERCIAL] = Cell(6, "carried")
    page = make_page(qtbot, report)
    tip = cell(page, NP, Qt.ItemDataRole.ToolTipRole)
    assert "原文为“３８”" in tip and "导入" in tip
    assert background(page, NP) == QColor(COLOURS["imported"]).name()
    assert background(page, COMMERCIAL) == QColor(COLOURS["carried"]).name()
    assert "自动计算" in cell(page, NP_TOTAL, Qt.ItemDataRole.ToolTipRole)
    type_into(qtbot, page, COMMERCIAL, "6")  # confirming the carried value makes it the clerk's own
    assert page.doc.report.cell(COMMERCIAL).origin == "entered"
    assert background(page, COMMERCIAL) is None
    assert page.doc.undo_stack.count() == 1


def test_imported_placeholder_shows_its_original_text(qtbot):
    report = new_report("测试局", 2026)
    report.cells[NP] = Cell(None, "imported", "无", "placeholder")
    page = make_page(qtbot, report)
    tip = cell(page, NP, Qt.ItemDataRole.ToolTipRole)
    assert "原文为“无”" in tip and "【提示】" in tip
    assert cell(page, NP) == ""
    assert background(page, NP) == QColor(COLOURS["warning"]).name()


def test_unfilled_cells_get_the_pale_tint_and_fill_zero_clears_it(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026), "四")
    assert background(page, "t4.review.upheld") == QColor(COLOURS["unfilled"]).name()
    assert background(page, "t4.review.total") == QColor(COLOURS["computed"]).name()  # read-only even if empty
    assert "CELL_UNFILLED:t4" in finding_ids(page)
    page.fill_button.click()
    report = page.doc.report
    assert report.value("t4.review.upheld") == 0 and report.value("t4.review.total") == 0
    assert "CELL_UNFILLED:t4" not in finding_ids(page)
    assert page.doc.undo_stack.count() == 1
    assert "填为0" in page.status.text()
    page.doc.undo_stack.undo()
    assert report.value("t4.review.upheld") is None


def test_acknowledged_warnings_are_not_highlighted_but_keep_their_note(qtbot):
    from model.edits import Compound, SetAck, SetCell

    page = make_page(qtbot, load_sample())
    # last year carried 3 out; 5 carried in, 2 fewer new ones keeps this year's balance
    page.doc.push(
        Compound((SetCell("t3.carried_over_in@natural_person", 5), SetCell("t3.new_received@natural_person", 36))), "改"
    )
    key = "t3.carried_over_in@natural_person"
    assert "X_CARRYOVER:natural_person" in finding_ids(page)
    assert background(page, key) == QColor(COLOURS["warning"]).name()
    assert page.doc.push(SetAck("X_CARRYOVER:natural_person", "机构改革划入两件申请"), "填写说明")
    assert background(page, key) is None
    assert "【已说明】" in cell(page, key, Qt.ItemDataRole.ToolTipRole)


def test_full_width_digits_and_thousands_separators_are_numbers(qtbot, sample_page):
    page = sample_page
    page.view.select_key(NP)
    qtbot.keyClick(page.view, "1")
    editor = page.view.indexWidget(page.view.currentIndex())
    editor.insert("，２００")  # as a Chinese input method types them (QTest can only send Latin-1 keys)
    editor.insert("元")  # refused by the validator
    assert editor.text() == "1，２００"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.doc.report.value(NP) == 1200


def test_a_shown_page_starts_on_the_first_cell_to_fill(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026), "二")
    assert page.view.current_key() == "t2.art20_1.regulation.issued"
