"""The report's overall progress (issue 14): cells filled, findings open, pages done — per page and whole."""

from __future__ import annotations

from model.checks import check
from model.progress import report_progress
from model.report import new_report
from model.sample import load_sample

KEYS = ["start", "meta", "preamble", "一", "二", "三", "四", "五", "六", "final"]


def test_a_new_report_has_nothing_filled_and_says_what_is_open():
    report = new_report("某某局", 2025)
    p = report_progress(report, check(report), KEYS)
    assert p.cells_filled == 0 and p.cells_total == sum(len(report.format.table_cells(t)) for t in ("t2", "t3", "t4"))
    assert p.pages_done == 0 and p.pages_total == 8
    assert p.open_findings == len([f for f in check(report) if f.severity == "error" or f.open]) > 0
    assert [page.key for page in p.pages] == KEYS[1:-1]


def test_the_sample_is_complete_and_one_cell_cleared_counts():
    report = load_sample()
    p = report_progress(report, check(report), KEYS)
    assert p.cells_filled == p.cells_total and p.pages_done == p.pages_total and p.open_findings == 0
    report.cells["t3.new_received@natural_person"].value = None
    q = report_progress(report, check(report), KEYS)
    assert q.cells_filled == p.cells_filled - 1
    three = q.page("三")
    assert three is not None and three.filled == three.total - 1 and three.open_findings > 0
    assert q.pages_done == p.pages_done - 1 and q.open_findings > 0
