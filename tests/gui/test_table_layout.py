"""The table pages drawn like the official tables: spans, printed parts, sizes, the totals banner and
screenshots.

The screenshots (sample report and the 2019-format seed, each table, plus one with a live error and last
year's values shown) go to `screenshots/` at the repository root (gitignored) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt  # noqa: E402

from gui.pages.table_page import TablePage
from model.grid import table_grid
from model.report import new_report
from model.sample import load_sample
from tests.gui.pages import make_page
from tests.seed_projects import seed_report

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.mark.parametrize("section,table", [("二", "t2"), ("三", "t3"), ("四", "t4")])
def test_2019_seed_renders_with_its_spans(qtbot, section, table):
    report = seed_report("seed_000")
    assert report.format_id == "gb_2019"
    page = make_page(qtbot, report, section)
    grid = table_grid("gb_2019", table)
    view = page.view
    assert (page.model.rowCount(), page.model.columnCount()) == (grid.n_rows, grid.n_cols)
    for c in grid.cells:
        assert (view.rowSpan(c.row, c.col), view.columnSpan(c.row, c.col)) == (c.rowspan, c.colspan), c
    assert view.horizontalHeader().isHidden() and view.verticalHeader().isHidden()
    for c in grid.cells:  # printed parts show their text; the keyboard cannot land on them
        idx = page.model.index(c.row, c.col)
        if not c.is_value:
            assert page.model.data(idx) == c.text
            assert not idx.flags() & Qt.ItemFlag.ItemIsEnabled


def test_labels_left_numbers_and_headers_centred(qtbot):
    page = make_page(qtbot, load_sample(), "三")
    m = page.model
    align = Qt.ItemDataRole.TextAlignmentRole
    assert m.data(m.index(3, 0), align) & int(Qt.AlignmentFlag.AlignLeft)
    assert m.data(m.index(0, 3), align) == int(Qt.AlignmentFlag.AlignCenter)
    assert m.data(m.index_of("t3.new_received@natural_person"), align) == int(Qt.AlignmentFlag.AlignCenter)


def test_table_three_fits_a_normal_window_without_sideways_scrolling(qtbot):
    page = make_page(qtbot, load_sample(), "三", width=1000)
    view = page.view
    total = sum(view.columnWidth(c) for c in range(page.model.columnCount()))
    assert total <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    # the whole table is shown (the page scrolls, not the table)
    assert view.height() >= sum(view.rowHeight(r) for r in range(page.model.rowCount()))


def test_too_narrow_a_page_scrolls_sideways_with_its_scrollbar_in_sight(qtbot):
    """At a large 字号 in a narrow window the columns keep their legible minimum; the page, not the table,
    scrolls sideways, so the scrollbar sits at the foot of the window rather than of a tall table."""
    page = make_page(qtbot, load_sample(), "三", width=520)
    qtbot.waitUntil(lambda: page.scroll_area.horizontalScrollBar().isVisible())
    view = page.view
    assert not view.horizontalScrollBar().isVisible()
    assert sum(view.columnWidth(c) for c in range(page.model.columnCount())) <= view.viewport().width()
    bar = page.scroll_area.horizontalScrollBar()
    assert bar.mapTo(page, bar.rect().bottomLeft()).y() <= page.height()


def test_long_labels_get_taller_rows(qtbot):
    page = make_page(qtbot, load_sample(), "三")
    grid = page.model.grid
    long_row = next(c.row for c in grid.cells if c.text.startswith("2.申请人逾期未按收费通知"))
    short_row = next(c.row for c in grid.cells if c.text == "2.重复申请")
    assert page.view.rowHeight(long_row) > page.view.rowHeight(short_row)


def test_published_totals_banner_and_switch_to_auto(qtbot):
    page = make_page(qtbot, seed_report("seed_000"), "三")
    assert page.banner.isVisibleTo(page)
    total = "t3.new_received@total"
    # published totals can be corrected
    assert page.model.index_of(total).flags() & Qt.ItemFlag.ItemIsEditable
    page.auto_button.click()
    assert page.doc.report.totals_mode == "auto"
    assert not page.banner.isVisibleTo(page)
    assert not page.model.index_of(total).flags() & Qt.ItemFlag.ItemIsEditable
    page.doc.undo_stack.undo()
    assert page.doc.report.totals_mode == "manual" and page.banner.isVisibleTo(page)


def test_refresh_redraws_after_the_report_changed_underneath(qtbot):
    page = make_page(qtbot, new_report("测试局", 2026), "四")
    page.doc.report.totals_mode = "manual"
    page.refresh()
    assert page.banner.isVisibleTo(page)


def _shot(page: TablePage, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    # Grab the whole page content (title to table), not just the visible part of the scroll area.
    body = page.scroll_area.widget()
    body.adjustSize()
    assert body.grab().save(str(path))
    return path


@pytest.mark.parametrize("name,factory", [("sample", load_sample), ("seed2019", lambda: seed_report("seed_000"))])
@pytest.mark.parametrize("section", ["二", "三", "四"])
def test_screenshots(qtbot, name, factory, section):
    page = make_page(qtbot, factory(), section, height=700)
    assert _shot(page, f"table_{name}_{section}").stat().st_size > 10_000


def test_screenshot_with_a_live_error_and_last_year(qtbot):
    from tests.gui.test_table_entry import type_into

    page = make_page(qtbot, load_sample(), "三", height=700)
    type_into(qtbot, page, "t3.new_received@natural_person", "40")
    page.previous_box.setChecked(True)
    page.focus_cell("t3.carried_over_out@natural_person")
    assert _shot(page, "table_sample_三_error").exists()


def test_fit_widths_keeps_minimums_and_fills_the_width():
    from gui.table.view import fit_widths

    assert fit_widths(1000, [0.5, 0.25, 0.25], [10, 10, 10]) == [500, 250, 250]
    widths = fit_widths(300, [0.05, 0.475, 0.475], [60, 10, 10])
    assert widths[0] == 60 and sum(widths) == 300 and widths[1] == widths[2]
    assert fit_widths(50, [0.5, 0.5], [40, 40]) == [40, 40]  # too narrow: minimums win (the view scrolls)


def test_headers_break_like_a_typesetter():
    from PySide6.QtGui import QFont, QFontMetrics

    from gui.table.delegate import balanced

    fm = QFontMetrics(QFont())
    one = fm.horizontalAdvance("中")
    assert balanced("社会公益组织", fm, one * 5) == "社会公\n益组织"  # even halves, not 5 + 1
    assert balanced("（四）无法提供", fm, one * 5) == "（四）\n无法提供"
    assert balanced("总计", fm, one * 5) == "总计"
    lines = balanced("要求行政机关确认或重新出具", fm, one * 4).split("\n")
    assert len(lines) > 1 and all(fm.horizontalAdvance(line) <= one * 4 for line in lines)


def test_header_rows_stay_in_sight_while_table_three_scrolls(qtbot):
    page = make_page(qtbot, load_sample(), "三", height=500)
    sticky = page.sticky_header
    assert not sticky.isVisible()
    page.focus_cell("t3.carried_over_out@natural_person")  # the last row: the headers are far above
    qtbot.waitUntil(sticky.isVisible)
    assert sticky.y() == 0
    assert sticky.height() == sum(page.view.rowHeight(r) for r in range(3)) + 2 * page.view.frameWidth()
    assert [sticky.columnWidth(c) for c in range(10)] == [page.view.columnWidth(c) for c in range(10)]
    assert sticky.isRowHidden(3) and not sticky.isRowHidden(2)
    assert _grab_visible(page, "table_sample_三_scrolled").exists()
    page.scroll_area.verticalScrollBar().setValue(0)
    assert not sticky.isVisible()


def _grab_visible(page: TablePage, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert page.grab().save(str(path))
    return path
