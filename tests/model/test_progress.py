"""Page progress for the navigator, read from the report and its findings (no GUI needed)."""

from __future__ import annotations

import pytest

from model.checks import check
from model.edits import SetBlocks, SetCell, SetMeta, apply
from model.progress import filled_parts, page_of_section, page_state, section_of_page
from model.report import Block, new_report
from model.sample import load_sample

pytestmark = pytest.mark.model


def test_a_new_report_is_empty_where_nothing_was_written():
    r = new_report("测试局", 2026)
    found = check(r)
    assert page_state(r, found, "start") == ("none", 0)
    assert page_state(r, found, "一")[0] == "empty"
    assert page_state(r, found, "三")[0] == "empty"
    state, count = page_state(r, found, "final")
    assert state == ("error" if any(f.severity == "error" for f in found) else "warning")
    assert count == len([f for f in found if f.severity == "error" or f.open]) > 0


def test_progress_then_done_as_a_table_fills():
    r = new_report("测试局", 2026)
    key = next(k for k, c in r.format.cells.items() if c.table == "t4" and not c.derived)
    apply(r, SetCell(key, 0))
    assert filled_parts(r, "四")[0] >= 1
    assert page_state(r, [], "四") == ("progress", 0)
    for k, c in r.format.cells.items():
        if c.table == "t4" and not c.derived:
            apply(r, SetCell(k, 0))
    assert page_state(r, [], "四") == ("done", 0)


def test_errors_and_open_warnings_are_counted_per_page():
    r = load_sample()
    apply(r, SetMeta("agency", ""))
    found = check(r)
    state, count = page_state(r, found, "meta")
    assert state == "error" and count >= 1
    apply(r, SetBlocks("六", (Block("paragraph", "本年度情况如下。"),)))
    found = check(r)
    six = [f for f in found if f.section == "六" and (f.severity == "error" or f.open)]
    assert page_state(r, found, "六") == (("warning", len(six)) if six else ("done", 0))


def test_page_keys_and_finding_sections_map_both_ways():
    assert section_of_page("meta") == "基本信息" and page_of_section("基本信息") == "meta"
    assert section_of_page("三") == "三" and page_of_section("三") == "三"
