"""Property tests: consistent tables pass; any single ±1 change breaks a relation naming that cell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.checks import check
from model.formats import get_format
from model.report import Cell, new_report
from model.totals import apply_totals

pytestmark = pytest.mark.model

APPLICANTS = [
    "natural_person",
    "legal.commercial",
    "legal.research",
    "legal.public_welfare",
    "legal.legal_service",
    "legal.other",
]


def outcome_rows(fmt):
    return [
        r["key"]
        for r in fmt.tables["t3"]["rows"]
        if r["data"] and r["key"].startswith("t3.result.") and r["key"] != "t3.result.total"
    ]


@st.composite
def consistent_reports(draw, format_id):
    """A report whose tables satisfy every relation: outcomes and carry-over drawn, new applications derived."""
    fmt = get_format(format_id)
    year = 2025 if format_id == "gb_2021" else 2020
    r = new_report("测试机关", year, format_id)
    counts = st.integers(min_value=0, max_value=40)
    for col in APPLICANTS:
        for row in outcome_rows(fmt):
            r.cells[f"{row}@{col}"] = Cell(draw(counts))
        carried_in = draw(counts)
        carried_out = draw(counts)
        outcomes = sum(r.cells[f"{row}@{col}"].value for row in outcome_rows(fmt))
        # 一 + 二 = 三（七） + 四  →  choose 一 so the balance holds; make 二 small enough for 一 ≥ 0
        carried_in = min(carried_in, outcomes + carried_out)
        r.cells[f"t3.carried_over_in@{col}"] = Cell(carried_in)
        r.cells[f"t3.carried_over_out@{col}"] = Cell(carried_out)
        r.cells[f"t3.new_received@{col}"] = Cell(outcomes + carried_out - carried_in)
    for key, cdef in fmt.cells.items():
        if cdef.table in ("t2", "t4") and not cdef.derived:
            r.cells[key] = Cell(draw(counts))
    if format_id == "gb_2021":
        for row in ("regulation", "normative_doc"):  # issued ≤ in force + repealed
            issued = r.cells[f"t2.art20_1.{row}.issued"].value
            r.cells[f"t2.art20_1.{row}.in_force"] = Cell(issued + draw(counts))
    else:
        for row in ("regulation", "normative_doc"):
            published = r.cells[f"t2.art20_1.{row}.new_published"].value
            r.cells[f"t2.art20_1.{row}.total_published"] = Cell(published + draw(counts))
    apply_totals(r)
    r.totals_mode = "manual"  # from here on every cell is an input a clerk could get wrong
    return r


def arithmetic_errors(report):
    return [f for f in check(report) if f.severity == "error"]


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_consistent_tables_pass(format_id, data):
    report = data.draw(consistent_reports(format_id))
    assert arithmetic_errors(report) == []


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_changing_one_cell_by_one_breaks_a_relation_naming_it(format_id, data):
    report = data.draw(consistent_reports(format_id))
    fmt = get_format(format_id)
    in_relations = sorted(k for k, rels in fmt.relations_by_cell.items() if any(r.severity == "error" for r in rels))
    key = data.draw(st.sampled_from(in_relations))
    delta = data.draw(st.sampled_from([1, -1]))
    old = report.cells[key].value
    if old + delta < 0:
        delta = 1
    report.cells[key] = Cell(old + delta)
    errors = arithmetic_errors(report)
    assert errors, f"changing {key} by {delta} went unnoticed"
    assert any(key in f.cells for f in errors)


def test_every_t3_and_t4_cell_stands_in_an_error_relation():
    for fid in ("gb_2021", "gb_2019"):
        fmt = get_format(fid)
        for key in fmt.table_cells("t3") + fmt.table_cells("t4"):
            assert any(r.severity == "error" for r in fmt.relations_by_cell.get(key, [])), key
