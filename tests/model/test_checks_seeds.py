"""The two published seed reports, entered as projects, through the checks."""

from __future__ import annotations

import datetime as dt

import pytest

from model.checks import check, counts
from model.report import Cell
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model


def test_seed_000_is_clean():
    findings = check(seed_report("seed_000"))
    assert findings == []


def test_seed_004_only_warns_about_unfilled_and_placeholder_cells():
    findings = check(seed_report("seed_004"))
    assert counts(findings)[0] == 0, [f.message for f in findings if f.severity == "error"]
    ids = {f.id for f in findings}
    assert {"CELL_PLACEHOLDER:t2", "CELL_PLACEHOLDER:t3", "CELL_PLACEHOLDER:t4", "CELL_UNFILLED:t3"} <= ids
    assert "SECTION_EMPTY:六" in ids  # the published report has no section 六
    assert "META_PUBLICATION_MISSING" in ids  # nor a signature date
    placeholder_t3 = next(f for f in findings if f.id == "CELL_PLACEHOLDER:t3")
    assert "“无”" in placeholder_t3.message and "已按0处理" in placeholder_t3.message
    # the "无" cells of 表三 are the first value column, one per data row
    assert len(placeholder_t3.cells) == 23
    assert all(k.endswith("@natural_person") for k in placeholder_t3.cells)
    unfilled = next(f for f in findings if f.id == "CELL_UNFILLED:t3")
    assert len(unfilled.cells) == 23 * 6


def test_blank_total_beside_filled_parts_is_an_error_saying_what_it_should_be():
    r = seed_report("seed_000")
    # parts of the first row add up to 11, the total is left blank
    r.cells["t3.new_received@natural_person"] = Cell(11)
    r.cells["t3.new_received@total"] = Cell(None, read_as="blank")
    errors = [f for f in check(r) if f.severity == "error"]
    total = next(f for f in errors if f.id == "T3_COLUMN_TOTAL:t3.new_received")
    assert "应为11" in total.message and "未填写" in total.message
    assert total.cells[0] == "t3.new_received@total"
    assert total.expected == 11 and total.actual is None


def test_publication_after_31_january_is_a_warning():
    r = seed_report("seed_000")
    r.meta.publication_date = dt.date(2021, 2, 1)
    f = next(f for f in check(r) if f.id == "META_PUBLICATION_LATE")
    assert f.severity == "warning" and "2021年1月31日" in f.message
    r.meta.publication_date = dt.date(2021, 1, 31)
    assert "META_PUBLICATION_LATE" not in {f.id for f in check(r)}


def test_title_year_must_match_report_year():
    r = seed_report("seed_000")
    r.meta.title = "昌乐县知识产权保护中心2019年政府信息公开工作年度报告"
    f = next(f for f in check(r) if f.id == "META_TITLE_YEAR")
    assert "2019" in f.message and "2020" in f.message


def test_negative_count_is_an_error_but_2019_delta_may_be_negative():
    r = seed_report("seed_000")
    r.cells["t2.art20_5.licensing.delta"] = Cell(-3)
    assert counts(check(r))[0] == 0
    r.cells["t4.review.upheld"] = Cell(-1)
    ids = {f.id for f in check(r) if f.severity == "error"}
    assert "CELL_NEGATIVE:t4.review.upheld" in ids


def test_unreadable_imported_cell_is_reported_with_its_text():
    r = seed_report("seed_000")
    r.cells["t4.review.upheld"] = Cell(None, "imported", "约3件", "unreadable")
    f = next(f for f in check(r) if f.rule_id == "CELL_UNREADABLE")
    assert "约3件" in f.message and f.cells == ("t4.review.upheld",)
