"""Roll-forward: last year's report → a new project for the next year (model/rollover.py)."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.checks import check
from model.formats import format_for_year, get_format
from model.report import Acknowledgement, Block, Cell, Meta, Report, new_report
from model.rollover import migrate, review_reason, roll_forward
from model.sample import load_sample
from tests.seed_projects import seed_report

COLS = [c["key"] for c in get_format("gb_2021").tables["t3"]["columns"]]
# No Chinese numerals here: "一件" counts as a number too (tested below), which would blur the oracle.
TEXT = st.text(alphabet="政府信息公开工作年度报告本局共件条，。0123456789２０年 ", max_size=40)


@st.composite
def reports(draw) -> Report:
    year = draw(st.integers(2019, 2030))
    fid = format_for_year(year)
    report = new_report(draw(st.sampled_from(["示例县自然资源局", "某市审计局"])), year)
    report.meta.publication_date = dt.date(year + 1, 1, draw(st.integers(1, 31)))
    report.meta.title = draw(st.sampled_from(["", "一个自定义标题"]))
    report.totals_mode = draw(st.sampled_from(["auto", "manual"]))
    for key in draw(st.lists(st.sampled_from(sorted(get_format(fid).cells)), max_size=30)):
        report.cells[key] = Cell(draw(st.integers(0, 500)), "entered")
    for col in COLS:
        how = draw(st.sampled_from(["number", "placeholder", "blank", "unreadable", "absent"]))
        key = f"t3.carried_over_out@{col}"
        if how == "number":
            report.cells[key] = Cell(draw(st.integers(0, 99)), "imported", "x", "number")
        elif how != "absent":
            report.cells[key] = Cell(None, "imported", "无", how)
    for sec in ("preamble", "一", "五", "六"):
        report.narrative[sec] = [
            Block(draw(st.sampled_from(["paragraph", "heading"])), t)
            for t in draw(st.lists(TEXT.filter(str.strip), max_size=4))
        ]
    report.narrative["一"].append(Block("image", "", b"\x89PNG-data", "png", 80.0))
    report.acks["X"] = Acknowledgement("已经核实过的说明")
    return report


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(reports())
def test_roll_forward_invariants(old):
    before = copy.deepcopy(old)
    new = roll_forward(old)
    assert old == before  # last year's report is not touched
    assert new.meta == Meta(agency=old.meta.agency, year=old.meta.year + 1, contact=old.meta.contact)
    assert new.format_id == format_for_year(old.meta.year + 1)
    assert (new.totals_mode, new.acks) == ("auto", {})
    assert new.previous.year == old.meta.year and new.previous.format_id == old.format_id
    for key, cell in old.cells.items():
        assert new.previous.cells[key] == cell.value
    for col in COLS:
        src = old.cells.get(f"t3.carried_over_out@{col}")
        got = new.cells.get(f"t3.carried_over_in@{col}")
        if src is None or src.read_as == "unreadable":
            assert got is None
        elif src.value is not None:
            assert got == Cell(src.value, "carried")
        else:  # "无" or blank last year: 0, remembering what was written
            assert got == Cell(0, "carried", src.raw, src.read_as)
    assert set(new.cells) <= {f"t3.carried_over_in@{c}" for c in COLS}
    for sec, blocks in old.narrative.items():
        carried = new.narrative[sec]
        assert [(b.kind, b.text, b.image) for b in carried] == [(b.kind, b.text, b.image) for b in blocks]
        for b in carried:
            has_number = any(ch.isdigit() for ch in b.text)
            # every carried paragraph is marked, digits or not; a sub-heading when it has a number
            assert bool(b.review) == (has_number or (b.kind != "heading" and bool(b.text))), b.text
            assert b.carried == (b.text if b.review else "")
            assert b.needs_review == bool(b.review)
    assert not [f for f in check(new) if f.rule_id == "X_CARRYOVER"]


def test_year_mentions_named_in_the_review_reason():
    assert review_reason("2025年，本局共公开信息426条。") == "沿用上年文字，含年份“2025年”和数字，请核对"
    assert review_reason("（一）2024年问题整改情况") == "沿用上年文字，含年份“2024年”，请核对"
    assert review_reason("共办理３件。") == "沿用上年文字，含数字，请核对"
    assert review_reason("二〇二五年工作总结") == "沿用上年文字，含年份“二〇二五年”，请核对"
    assert review_reason("本年度无其他需要报告的事项。") == ""
    assert review_reason("承办人大建议五件") == "沿用上年文字，含数字，请核对"


def test_sample_rolled_into_next_year():
    old = load_sample()
    new = roll_forward(old)
    assert (new.meta.year, new.format_id) == (old.meta.year + 1, "gb_2021")
    assert new.value("t3.carried_over_in@natural_person") == old.value("t3.carried_over_out@natural_person")
    # 现行有效件数 is kept as last year's baseline for the chain check (X_IN_FORCE reads previous values).
    key = "t2.art20_1.normative_doc.in_force"
    assert new.previous.cells[key] == old.value(key)
    new.cells[key] = Cell((old.value(key) or 0) + 5, "entered")
    assert any(f.rule_id == "X_IN_FORCE" for f in check(new))
    ids = {f.rule_id for f in check(new)}
    assert "TEXT_STALE_YEAR" in ids
    assert all(b.review for b in new.blocks("一") if b.kind != "image" and any(ch.isdigit() for ch in b.text))


def test_2019_report_rolled_into_2021_follows_the_migration_map():
    old = seed_report("seed_000")
    old.cells["t3.result.other@natural_person"] = Cell(3, "entered")
    old.cells["t3.carried_over_out@natural_person"] = Cell(2, "entered")
    new = roll_forward(old)
    assert (new.meta.year, new.format_id) == (2021, "gb_2021")
    assert new.previous.format_id == "gb_2019"
    assert new.value("t3.carried_over_in@natural_person") == 2
    assert new.previous.cells["t3.result.other.other@natural_person"] == 3
    assert new.previous.cells["t3.carried_over_out@natural_person"] == 2
    notes = "\n".join(new.notes)
    assert "（六）3.其他" in notes and "其他对外管理服务事项" in notes and "政府集中采购" in notes
    assert all(k in get_format("gb_2021").cells for k in new.cells)


def test_migrate_same_year_moves_other_handling_and_drops_removed_rows():
    old = seed_report("seed_000")
    old.cells["t3.result.other@legal.other"] = Cell(4, "entered")
    new = migrate(old, "gb_2021")
    assert new.format_id == "gb_2021" and new.meta == old.meta
    assert new.value("t3.result.other.other@legal.other") == 4
    assert new.value("t2.art20_5.licensing.decisions") == old.value("t2.art20_5.licensing.decisions")
    assert not any("other_mgmt_service" in k or "art20_9" in k for k in new.cells)
    assert set(new.cells) <= set(get_format("gb_2021").cells)
    assert any("（六）3.其他" in n for n in new.notes)


def test_roll_forward_twice():
    new = roll_forward(roll_forward(load_sample()))
    assert new.meta.year == load_sample().meta.year + 2
    assert new.previous.year == load_sample().meta.year + 1
