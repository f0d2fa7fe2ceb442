"""Section content: 总体情况's five topics, a 第五部分 that says nothing, and a government's 条例第五十条 duties."""

from __future__ import annotations

import pytest

from model.checks import check
from model.formats import get_format
from model.report import Block, new_report
from model.sample import load_sample
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model
RULES = ("TEXT_TOPICS", "TEXT_PROBLEMS_SHORT", "TEXT_ARTICLE50")

# Words about the year's work that name none of the five topics (an overview is checked from 100 characters on).
PAD = "本机关坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，各项工作取得了新的进展和成效。"
FULL_OVERVIEW = PAD + (
    "本年度主动公开政府信息120条。全年收到信息公开申请5件，均按时答复。"
    "严格落实保密审查，动态更新公开指南。依托门户网站和政务新媒体发布信息。"
    "将政务公开纳入年度考核，组织培训2次。"
)


def content_findings(report):
    return [f for f in check(report) if f.rule_id in RULES]


def test_the_sample_and_seed_000_raise_nothing():
    assert content_findings(load_sample()) == []
    assert content_findings(seed_report("seed_000")) == []


def test_seed_004_skips_two_topics_for_real_and_is_told_so():
    # A true finding, not a false alarm: seed_004's 总体情况 (1,851 characters) is all about its
    # 知识产权 service work and never says 公开 — neither 主动公开 nor 依申请公开 is covered anywhere in it.
    (f,) = content_findings(seed_report("seed_004"))
    assert f.rule_id == "TEXT_TOPICS" and f.section == "一" and f.severity == "warning"
    assert f.message == "第一部分（总体情况）没有写到：主动公开、依申请公开。"
    assert "补写主动公开、依申请公开方面" in f.hint


@pytest.mark.parametrize("fid", ["gb_2021", "gb_2019"])
def test_an_overview_covering_all_five_topics_in_its_own_words_raises_nothing(fid):
    r = new_report("示例县自然资源局", 2025, fid)
    r.narrative["一"] = [Block("paragraph", FULL_OVERVIEW)]
    assert [f for f in content_findings(r) if f.rule_id == "TEXT_TOPICS"] == []


@pytest.mark.parametrize(
    ("cut", "missing"),
    [
        ("依托门户网站和政务新媒体发布信息。", "平台建设"),
        ("将政务公开纳入年度考核，组织培训2次。", "监督保障"),
        ("严格落实保密审查，动态更新公开指南。", "政府信息管理"),
    ],
)
def test_an_overview_without_a_topic_names_it(cut, missing):
    r = load_sample()
    r.narrative["一"] = [Block("paragraph", FULL_OVERVIEW.replace(cut, ""))]
    (f,) = content_findings(r)
    assert f.message == f"第一部分（总体情况）没有写到：{missing}。"
    assert f"请补写{missing}方面的情况" in f.hint


def test_an_overview_naming_only_its_own_work_misses_all_five():
    r = load_sample()
    r.narrative["一"] = [Block("paragraph", PAD * 2)]
    (f,) = content_findings(r)
    assert f.message == "第一部分（总体情况）没有写到：主动公开、依申请公开、政府信息管理、平台建设、监督保障。"


def test_an_overview_still_being_written_is_not_checked_yet():
    r = load_sample()
    r.narrative["一"] = [Block("paragraph", PAD)]
    assert content_findings(r) == []


@pytest.mark.parametrize("text", ["无", "无。", "  暂无  ", "本年度无。", "工作有待加强。"])
def test_a_fifth_part_of_none_or_a_few_words_gets_a_hint(text):
    r = load_sample()
    r.narrative["五"] = [Block("paragraph", text)]
    (f,) = content_findings(r)
    assert f.rule_id == "TEXT_PROBLEMS_SHORT" and f.section == "五"
    assert f.message.startswith("第五部分（存在的主要问题及改进情况）只有")
    assert "改进措施" in f.hint


def test_an_empty_fifth_part_is_told_once_by_section_empty():
    r = load_sample()
    r.narrative["五"] = []
    found = check(r)
    assert [f.rule_id for f in found if f.section == "五"] == ["SECTION_EMPTY"]


@pytest.mark.parametrize(
    "agency", ["示例县人民政府", "示例县人民政府办公室", "示例市人民政府办公厅", "示例县政府办公室"]
)
def test_a_governments_report_without_article_50_results_gets_a_hint(agency):
    r = load_sample()
    r.meta.agency = agency
    r.narrative["一"] = [Block("paragraph", FULL_OVERVIEW.replace("将政务公开纳入年度考核，", ""))]
    (f,) = content_findings(r)
    assert f.rule_id == "TEXT_ARTICLE50" and f.section == "六"
    assert f.message.endswith("正文没有写到工作考核、社会评议和责任追究结果。")
    assert "第五十条" in f.hint


@pytest.mark.parametrize(
    ("agency", "six"),
    [
        ("示例县人民政府", "本年度政府信息公开工作考核结果为优秀，未发生责任追究情况。"),
        ("示例县人民政府", "社会评议满意度为98%。"),
        ("示例县人民政府办公室", "无责任追究事项。"),
        ("示例县自然资源局", "本年度无其他需要报告的事项。"),  # not a government's own report
        ("示例县人民政府教育局", "本年度无其他需要报告的事项。"),  # ends otherwise: a department
    ],
)
def test_article_50_covered_or_not_a_government_raises_nothing(agency, six):
    r = load_sample()
    r.meta.agency = agency
    r.narrative["一"] = [Block("paragraph", FULL_OVERVIEW.replace("将政务公开纳入年度考核，", ""))]
    r.narrative["六"] = [Block("paragraph", "本年度未发出信息处理费收费通知，未收取信息处理费。" + six)]
    assert content_findings(r) == []


def test_the_content_words_are_data_in_both_formats():
    for fid in ("gb_2021", "gb_2019"):
        content = get_format(fid).narrative["content"]
        assert {t["name"] for t in content["topics"]["items"]} == {
            "主动公开",
            "依申请公开",
            "政府信息管理",
            "平台建设",
            "监督保障",
        }
        assert content["problems"]["min_chars"] > 0


def test_a_real_government_report_is_told_only_what_it_lacks():
    # 洪泽区人民政府's 2023 report (a real PDF): its 总体情况 covers all five topics and its 第五部分 is full, but
    # nowhere does it report 工作考核、社会评议或责任追究 (“责任单位”“责任明确” are not 责任追究) — a true 提示.
    from model.importers import import_file
    from tests.conftest import PDF_FIXTURES

    report = import_file(PDF_FIXTURES / "洪泽区人民政府_2023.pdf")[0]
    (f,) = content_findings(report)
    assert f.rule_id == "TEXT_ARTICLE50" and f.section == "六"
