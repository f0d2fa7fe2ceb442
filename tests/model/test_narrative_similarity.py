"""How much of the narrative repeats last year's report, and `check --previous`."""

from __future__ import annotations

import pytest

import main
from model.checks import check
from model.narrative import similarity
from model.project_file import load, save
from model.report import Block, report_from_dict, report_to_dict
from model.rollover import roll_forward
from model.sample import load_sample
from tests.conftest import fixture_path
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model
RULE = "TEXT_REPEATED"


def repeated(report):
    return {f.id: f for f in check(report) if f.rule_id == RULE}


def test_a_report_without_last_years_text_has_no_figure():
    assert similarity.shares(load_sample()) == []
    assert repeated(seed_report("seed_000")) == {}


def test_carried_text_is_all_repeated_and_boilerplate_is_not_counted():
    new = roll_forward(load_sample(), source_file="2025年报告.nianbao")
    parts = {p.section: p for p in similarity.shares(new)}
    assert parts["一"].ratio == 1.0 and parts["一"].copied_sentences == parts["一"].sentences > 3
    assert parts["preamble"].total == 0  # 根据《条例》…编制本报告, 统计期限, 电子版, 如对本报告有疑问: boilerplate
    found = repeated(new)
    assert "TEXT_REPEATED:一" in found and "TEXT_REPEATED:全文" in found
    f = found["TEXT_REPEATED:一"]
    assert f.message.startswith("第一部分有100%的文字与2025年报告相同") and "超过50%" in f.message
    block, start, end = f.phrase
    assert new.blocks("一")[block].text[start:end]


def test_rewritten_sentences_bring_the_share_down():
    new = roll_forward(load_sample())
    new.narrative["一"] = [
        Block("paragraph", f"{new.meta.year}年，本局围绕年度重点任务新建了政务公开专区，专区访问量明显增加。"),
        Block("paragraph", "本年度新增依申请公开在线办理渠道，申请人可全程网上提交和查询办理进度。"),
        *new.blocks("一")[:2],
    ]
    part = next(p for p in similarity.shares(new) if p.section == "一")
    assert 0 < part.ratio < 0.5
    assert "TEXT_REPEATED:一" not in repeated(new)


def test_last_years_text_and_source_survive_the_project_file(tmp_path):
    new = roll_forward(seed_report("seed_000"), source_file="2020年报告.docx")
    again = report_from_dict(report_to_dict(new))
    assert again.previous.narrative == new.previous.narrative and again.previous.source == "2020年报告.docx"
    assert again.previous.narrative["五"][0].startswith("（一）2019年问题整改情况")
    path = tmp_path / "p.nianbao"
    save(new, path)
    loaded, _ = load(path)
    assert loaded.previous.source == "2020年报告.docx"


def test_check_with_previous_runs_the_cross_year_text_checks(tmp_path, capsys):
    project = tmp_path / "2021.nianbao"
    r = roll_forward(seed_report("seed_000"))
    r.previous = None  # as if typed anew: nothing known of last year
    save(r, project)
    assert main.main(["check", str(project)]) == 0
    assert "与上年报告文字重复较多" not in capsys.readouterr().out
    assert main.main(["check", str(project), "--previous", str(fixture_path("seed_000__official.docx"))]) == 0
    out = capsys.readouterr().out
    assert "与上年报告文字重复较多" in out and "2020年报告相同" in out


def test_check_with_an_unreadable_previous_says_so(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert main.main(["check", str(fixture_path("seed_000__official.docx")), "--previous", str(bad)]) == 2
    assert "无法读取上年的报告" in capsys.readouterr().err
