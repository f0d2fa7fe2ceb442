"""Years in the narrative: 统计期限, the report's name and a leading "YYYY年，" must name the report year;
roll-forward advances exactly those, visibly and undoably."""

from __future__ import annotations

import pytest

from model.checks import check
from model.edits import apply
from model.narrative.years import written_like
from model.report import Block
from model.rollover import advance_years, roll_forward
from model.sample import load_sample
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model
RULE = "TEXT_YEAR"


def year_findings(report):
    return [f for f in check(report) if f.rule_id == RULE]


@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_the_seeds_and_the_sample_name_their_own_year(name):
    assert year_findings(seed_report(name)) == []
    assert year_findings(load_sample()) == []


def test_a_period_of_last_year_is_flagged_with_the_phrase():
    r = load_sample()
    r.narrative["preamble"] = [Block("paragraph", "报告中所列数据统计期限自2024年1月1日至2024年12月31日。")]
    (f,) = year_findings(r)
    assert f.section == "preamble" and f.severity == "warning"
    assert f.message == "开头段落写“统计期限自2024年1月1日至2024年”，统计期限的年份为2024年，报告年度为2025年。"
    block, start, end = f.phrase
    assert r.blocks("preamble")[block].text[start:end].startswith("统计期限自2024年")


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("2024年，本局认真贯彻落实《条例》。", "一"),
        ("（三）依申请公开情况。2024年，本局未收到申请。", "一"),
        ("编制本机关2024年政府信息公开工作年度报告。", "preamble"),
        ("二〇二四年，本局扎实推进政务公开。", "一"),
        ("２０２４年，本局扎实推进政务公开。", "六"),
    ],
)
def test_a_leading_year_or_report_name_of_another_year_is_flagged(text, section):
    r = load_sample()
    r.narrative[section] = [Block("paragraph", text)]
    (f,) = year_findings(r)
    assert "报告年度为2025年" in f.message


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("针对2024年报告中指出的问题，本年度已整改。", "五"),
        ("2024年，上级指出的问题已全部整改。", "五"),  # 第五部分 may speak of last year
        ("本局于2024年12月制定了公开指南。", "一"),  # not leading, not a period: ambiguous, left alone
        ("2025年，本局认真贯彻落实《条例》。", "一"),
    ],
)
def test_meant_or_ambiguous_years_are_left_alone(text, section):
    r = load_sample()
    r.narrative[section] = [Block("paragraph", text)]
    assert year_findings(r) == []


def test_paragraphs_under_a_heading_about_last_year_are_left_alone():
    r = load_sample()
    r.narrative["一"] = [Block("heading", "（一）2024年工作回顾"), Block("paragraph", "2024年，本局扎实推进。")]
    assert year_findings(r) == []


@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_rolling_a_seed_forward_fixes_its_years_in_one_undoable_edit(name):
    new = roll_forward(seed_report(name))
    before = [b.text for b in new.blocks("preamble") + new.blocks("一")]
    assert year_findings(new)  # last year's years, left in carried text
    edit = advance_years(new)
    assert edit is not None and edit.label == "沿用文字中的年份改为2021年"
    inverse, changes = apply(new, edit)
    assert year_findings(new) == []
    assert changes.sections
    changed = [b for s in changes.sections for b in new.blocks(s) if b.review.startswith("年份已由")]
    assert changed and all("“2020年”改为“2021年”" in b.review for b in changed)  # marked, and why
    apply(new, inverse)
    assert [b.text for b in new.blocks("preamble") + new.blocks("一")] == before


def test_seed_000_statistics_period_reads_the_new_year():
    new = roll_forward(seed_report("seed_000"))
    apply(new, advance_years(new))
    text = new.blocks("preamble")[0].text
    assert "统计期限自2021年1月1日起，至2021年12月31日止" in text
    assert "2021年政府信息公开工作年度报告" in text and "2020" not in text
    assert new.blocks("一")[0].text.startswith("2021年，")
    # an ambiguous mention stays as it was, still marked by roll-forward
    five = [b for b in new.blocks("五") if "2019年问题整改" in b.text]
    assert five and five[0].review


def test_nothing_to_advance_is_no_edit():
    new = roll_forward(load_sample())
    apply(new, advance_years(new))
    assert advance_years(new) is None


def test_the_new_year_is_written_in_the_digits_the_text_used():
    assert written_like("2024", 2025) == "2025"
    assert written_like("２０２４", 2025) == "２０２５"
    assert written_like("二〇二四", 2025) == "二〇二五"


def test_the_session_defers_the_narrative_checks_of_a_text_edit_until_asked():
    from model.edits import SetBlocks
    from model.session import Session

    s = Session(load_sample())
    s.defer_text = True
    para = Block("paragraph", "2024年，本局认真贯彻落实《条例》。")
    s.push(SetBlocks("一", (para,)), "输入", merge_key="section:一")
    assert s.text_stale and not [f for f in s.findings if f.rule_id == RULE]
    delta = s.recheck_text()
    assert not s.text_stale and [f.rule_id for f in delta.added] == [RULE]
    assert [f.id for f in s.findings] == [f.id for f in check(s.report)]
    s.defer_text = False  # without deferring, the same edit is checked at once
    s.push(SetBlocks("一", ()), "清空")
    assert not s.text_stale and not [f for f in s.findings if f.rule_id == RULE]
