"""Drafting from the numbers: a draft of any consistent report passes the narrative checks by construction,
and changing any one of this year's figures in it raises exactly one finding that quotes it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from model.checks import check
from model.narrative import draft as drafting
from model.narrative import facts
from model.report import Block, PreviousYear
from model.sample import load_sample
from tests.model.test_checks_properties import consistent_reports

pytestmark = pytest.mark.model

TEXT_RULES = ("TEXT_VS_TABLE", "TEXT_YEAR", "T4_VS_TEXT")


def text_findings(report):
    return [f for f in check(report) if f.rule_id in TEXT_RULES]


def with_draft(report, section="一"):
    report.narrative[section] = drafting.draft_blocks(report, section)
    return report


@st.composite
def reports_with_previous(draw, format_id):
    report = draw(consistent_reports(format_id))
    if draw(st.booleans()):
        last = draw(consistent_reports(format_id))
        report.previous = PreviousYear(report.meta.year - 1, format_id, {k: c.value for k, c in last.cells.items()})
    return report


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_draft_of_a_consistent_report_raises_no_text_finding(format_id, data):
    report = with_draft(data.draw(reports_with_previous(format_id)))
    assert report.blocks("一")
    assert text_findings(report) == []


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_figure_of_this_year_is_read_back_by_the_checks(format_id, data):
    report = data.draw(consistent_reports(format_id))
    d = drafting.draft(report, "一")
    report.narrative["一"] = [Block("paragraph", t) for t in d.paragraphs]
    read = {(s.block, s.start, s.end) for s in facts.statements(report, "一")}
    percents = {(s.block, s.percent[1], s.percent[2]) for s in facts.statements(report, "一") if s.percent}
    for fig in d.figures:
        inside = any(b == fig.paragraph and s <= fig.start and fig.end <= e for b, s, e in read | percents)
        assert inside, (fig, d.paragraphs[fig.paragraph])


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_changing_one_stated_figure_raises_exactly_one_finding_naming_it(format_id, data):
    report = data.draw(consistent_reports(format_id))
    d = drafting.draft(report, "一")
    fig = data.draw(st.sampled_from(d.figures))
    text = d.paragraphs[fig.paragraph]
    old = text[fig.start : fig.end]
    new = str(int(float(old)) + data.draw(st.integers(min_value=1, max_value=500)))
    if "." in old and fig.name.endswith("rate"):
        new = f"{new}.0"
    assume(float(new) <= 100 or not fig.name.endswith("rate"))
    changed = text[: fig.start] + new + text[fig.end :]
    paragraphs = list(d.paragraphs)
    paragraphs[fig.paragraph] = changed
    report.narrative["一"] = [Block("paragraph", t) for t in paragraphs]
    found = text_findings(report)
    # an ambiguous phrase ("收到申请N件": 新收, or 新收加上年结转) is right when any reading fits
    assume(found or fig.name == "received")
    assert len(found) == 1, (changed, [f.message for f in found])
    block, start, end = found[0].phrase
    assert block == fig.paragraph and start <= fig.start and fig.start + len(new) <= end
    assert new in found[0].message


def test_last_year_and_the_change_are_written_when_last_year_is_known():
    report = load_sample()
    report.previous = PreviousYear(
        report.meta.year - 1, report.format_id, {k: c.value for k, c in report.cells.items()}
    )
    report.previous.cells["t3.new_received@total"] = (report.value("t3.new_received@total") or 0) + 3
    text = "\n".join(drafting.draft(report, "一").paragraphs)
    assert "上年新收政府信息公开申请" in text and "本年减少3件" in text
    assert text_findings(with_draft(report)) == []


def test_nothing_is_guessed_for_an_empty_report():
    from model.report import new_report

    report = new_report("测试机关", 2025, "gb_2021")
    assert drafting.draft(report, "一").paragraphs == ()
    assert drafting.draft(report, "五").paragraphs == ()


def test_draft_paragraphs_are_marked_for_review():
    blocks = drafting.draft_blocks(load_sample(), "一")
    assert blocks and all(b.needs_review and b.review for b in blocks)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("本年发生政府信息公开行政复议案件10件。", False),
        ("本年发生行政复议案件5件，其中结果维持0件。", False),
        ("本年行政复议案件0件。", True),
        ("本年未发生行政复议案件。", True),
    ],
)
def test_a_count_ending_in_zero_is_not_read_as_no_cases(text, fires):
    report = load_sample()
    report.narrative["一"] = [Block("paragraph", text)]
    assert any(f.rule_id == "T4_VS_TEXT" for f in check(report)) is fires


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_opening_draft_names_the_report_year_and_a_wrong_year_is_one_finding(format_id, data):
    report = data.draw(consistent_reports(format_id))
    d = drafting.draft(report, "preamble")
    assert d.paragraphs and f"统计期限自{report.meta.year}年1月1日" in d.paragraphs[0]
    report.narrative["preamble"] = [Block("paragraph", t) for t in d.paragraphs]
    assert text_findings(report) == []
    fig = data.draw(st.sampled_from([f for f in d.figures if f.name == "year"]))
    text = d.paragraphs[fig.paragraph]
    wrong = str(report.meta.year - data.draw(st.integers(min_value=1, max_value=5)))
    report.narrative["preamble"] = [Block("paragraph", text[: fig.start] + wrong + text[fig.end :])]
    found = text_findings(report)
    assert [f.rule_id for f in found] == ["TEXT_YEAR"] and f"{wrong}年" in found[0].message


def test_a_drafted_paragraph_awaiting_review_is_not_called_last_years_text():
    report = load_sample()
    report.narrative["一"] = [*report.blocks("一"), *drafting.draft_blocks(report, "一")]
    stale = [f for f in check(report) if f.rule_id == "TEXT_STALE_YEAR" and f.section == "一"]
    assert stale and "起草" in stale[0].message
