"""Number statements in the narrative against the tables: real text raises nothing, a wrong number one
warning that quotes the phrase and both numbers."""

from __future__ import annotations

import pytest

from model.checks import check
from model.importers import import_file
from model.narrative import facts
from model.narrative.numerals import chinese_to_int, to_number
from model.report import Block, Cell
from model.sample import load_sample
from tests.conftest import fixture_path
from tests.seed_projects import seed_report

pytestmark = pytest.mark.model

RULE = "TEXT_VS_TABLE"


def sample():
    return load_sample()


def text_findings(report):
    return [f for f in check(report) if f.rule_id == RULE]


def with_paragraph(report, text, section="一"):
    report.narrative.setdefault(section, []).append(Block("paragraph", text))
    return report


@pytest.mark.parametrize(
    ("text", "value"),
    [("48", 48), ("４８", 48), ("十二", 12), ("两", 2), ("一百零五", 105), ("二十", 20), ("一千零二十", 1020)]
    + [("一万二千", 12000), ("二〇二五", 2025), ("35.62", None), ("零", 0)],
)
def test_numbers_as_clerks_write_them(text, value):
    if value is None:
        assert str(to_number(text)) == "35.62"
    else:
        assert to_number(text) == value


def test_a_run_of_digits_is_not_a_chinese_count():
    assert chinese_to_int("二三") is None
    assert chinese_to_int("十十") is None


# -- real text raises nothing ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_seed_narratives_raise_nothing(name):
    assert text_findings(seed_report(name)) == []


@pytest.mark.parametrize("style", ["official", "clerk_wu", "blank0"])
@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_imported_seed_narratives_raise_nothing(name, style):
    report, _ = import_file(fixture_path(f"{name}__{style}.docx"))
    assert text_findings(report) == []


def test_the_sample_states_seven_facts_and_all_agree():
    r = sample()
    found = [st.fact.id for sec in ("preamble", "一", "五", "六") for st in facts.statements(r, sec)]
    assert found == [
        "normative_issued",
        "new_received",
        "carried_in",
        "answered",
        "carried_out",
        "review",
        "litigation",
    ]
    assert text_findings(r) == []


# -- a wrong number is one warning naming both numbers -----------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "table"),
    [
        ("本年度被申请行政复议3件。", "行政复议3件", "表四行政复议总计为2件"),
        ("提起行政诉讼两件。", "行政诉讼两件", "表四行政诉讼总计（直接起诉与复议后起诉之和）为1件"),
        ("全年新收政府信息公开申请50件。", "新收政府信息公开申请50件", "表三“本年新收”为48件"),
        ("上年结转申请5件。", "上年结转申请5件", "表三“上年结转”为4件"),
        ("结转下年度继续办理3件。", "结转下年度继续办理3件", "表三“结转下年度继续办理”为2件"),
        ("其中予以公开及部分公开30件。", "予以公开及部分公开30件", "表三“予以公开”与“部分公开”之和为31件"),
        ("予以公开二十五件。", "予以公开二十五件", "表三“予以公开”为26件"),
        ("部分公开4件。", "部分公开4件", "表三“部分公开”为5件"),
        ("无法提供８件。", "无法提供８件", "表三“无法提供”各项之和为9件"),
        ("不予公开10件。", "不予公开10件", "表三“不予公开”各项之和为9件"),
        ("本年制发行政规范性文件4件。", "制发行政规范性文件4件", "表二行政规范性文件“本年制发件数”为3件"),
        ("现行有效规范性文件15件。", "现行有效规范性文件15件", "表二行政规范性文件“现行有效件数”为14件"),
        ("作出行政处罚决定19件。", "作出行政处罚决定19件", "表二行政处罚“本年处理决定数量”为18件"),
        ("行政事业性收费38万元。", "行政事业性收费38万元", "表二行政事业性收费“本年收费金额”为35.62万元"),
    ],
)
def test_a_wrong_number_names_the_phrase_and_both_numbers(text, phrase, table):
    found = text_findings(with_paragraph(sample(), text))
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.severity == "warning" and f.section == "一"
    assert f.message.startswith(f"第一部分写“{phrase}”，") and table in f.message, f.message
    block, start, end = f.phrase
    assert sample().blocks("一") != [] and with_paragraph(sample(), text).blocks("一")[block].text[start:end] == phrase


def test_a_count_received_may_include_last_years_carry_over():
    # 48 new + 4 carried = 52: "收到" is read both ways and fits the second
    assert text_findings(with_paragraph(sample(), "全年共收到政府信息公开申请52件（含上年结转4件）。")) == []
    f = text_findings(with_paragraph(sample(), "全年共收到政府信息公开申请51件。"))[0]
    assert "表三“本年新收”为48件，本年新收与上年结转之和为52件" in f.message


def test_amount_in_yuan_and_rounded_amounts_fit():
    assert text_findings(with_paragraph(sample(), "行政事业性收费356200元。")) == []
    assert text_findings(with_paragraph(sample(), "行政事业性收费35.6万元。")) == []
    assert text_findings(with_paragraph(sample(), "行政事业性收费36万元。")) == []  # rounded to whole 万元


def test_a_combination_is_not_read_as_its_last_part():
    r = with_paragraph(sample(), "予以公开及部分公开31件。")
    assert [st.fact.id for st in facts.statements(r, "一")][-1] == "granted_partial"
    assert text_findings(r) == []


def test_results_named_after_the_review_belong_to_the_review():
    r = with_paragraph(sample(), "被申请行政复议2件，其中结果维持1件，尚未审结1件；行政诉讼1件，结果维持1件。")
    assert text_findings(r) == []
    f = text_findings(with_paragraph(sample(), "被申请行政复议2件，其中维持2件。"))
    assert [x.message for x in f] == ["第一部分写“维持2件”，表四行政复议“结果维持”为1件。"]


def test_all_upheld_while_a_case_is_pending_is_flagged():
    f = text_findings(with_paragraph(sample(), "本年度行政复议2件，均获维持。"))
    assert len(f) == 1 and "均获维持" in f[0].message and "尚未审结1件" in f[0].message
    assert text_findings(with_paragraph(sample(), "行政诉讼1件，均获维持。")) == []


def test_a_stated_share_is_compared_with_the_computed_one():
    assert text_findings(with_paragraph(sample(), "予以公开及部分公开31件，占62%。")) == []
    f = text_findings(with_paragraph(sample(), "予以公开及部分公开31件，占70%。"))
    assert len(f) == 1 and "占70%" in f[0].message and "62%" in f[0].message


@pytest.mark.parametrize(
    "text",
    [
        "全市共收到政府信息公开申请300件。",
        "全县各部门被申请行政复议9件。",
        "较上年同期，新收政府信息公开申请60件。",
        "去年行政复议5件。",
        "2024年，本机关收到政府信息公开申请40件。",
        "收到政府信息公开申请近百件。",
        "收到政府信息公开申请30余件。",
        "行政复议、行政诉讼各9件。",
        "受理行政许可申请130件，开展政务公开培训2次。",
        "公开行政许可和行政处罚信息146条。",
        "收到行政复议申请后起诉1件。",
    ],
)
def test_other_scope_year_vague_or_unrelated_statements_do_not_fire(text):
    assert text_findings(with_paragraph(sample(), text)) == []


def test_paragraphs_under_a_heading_about_another_year_are_not_read():
    r = sample()
    r.narrative["五"] += [Block("heading", "（一）2024年问题整改情况"), Block("paragraph", "行政复议9件。")]
    assert text_findings(r) == []
    r.narrative["五"] += [Block("heading", "（二）本年度情况"), Block("paragraph", "行政复议9件。")]
    assert len(text_findings(r)) == 1


def test_the_2019_format_seed_reads_its_own_cells():
    r = with_paragraph(seed_report("seed_000"), "2020年，作出行政许可决定3件。")
    f = text_findings(r)
    assert len(f) == 1 and "表二行政许可“处理决定数量”为0件" in f[0].message
    r = with_paragraph(seed_report("seed_000"), "2020年，未收到政府信息公开申请，行政复议0件。")
    assert text_findings(r) == []


def test_nothing_filled_means_nothing_to_compare():
    r = sample()
    for key in list(r.cells):
        if key.startswith("t4."):
            r.cells[key] = Cell(None)
    assert text_findings(with_paragraph(r, "行政复议9件。")) == []


def test_finding_ids_are_stable_and_serialisable():
    r = with_paragraph(sample(), "本年度被申请行政复议3件。")
    (f,) = text_findings(r)
    assert f.id == "TEXT_VS_TABLE:一:review:行政复议3件"
    assert f.to_dict()["phrase"] == [11, 6, 12]
    assert [x.id for x in text_findings(r)] == [f.id]


def test_all_findings_are_the_narrative_part_of_check():
    from model.narrative.findings import all_findings

    r = with_paragraph(sample(), "本年度被申请行政复议3件，均获维持。予以公开及部分公开31件，占70%。")
    facts.clear_cache()
    mine = all_findings(r)
    assert [f.id for f in mine] == [f.id for f in text_findings(r)]
    assert len(mine) == 3


@pytest.mark.parametrize("text", ["万万", "十万万", "三千二千", "十百"])
def test_malformed_chinese_numerals_are_not_numbers(text):
    assert chinese_to_int(text) is None


def test_big_chinese_numerals():
    assert chinese_to_int("两万") == 20000
    assert chinese_to_int("万") == 10000
    assert chinese_to_int("十二万零五") == 120005


def test_claims_respect_scope_and_need_a_subject():
    assert text_findings(with_paragraph(sample(), "全市行政复议均获维持。")) == []
    assert text_findings(with_paragraph(sample(), "相关决定均获维持。")) == []
    r = sample()
    r.narrative["五"] += [Block("heading", "（一）上年度问题整改情况"), Block("paragraph", "行政复议均获维持。")]
    assert text_findings(r) == []


def test_a_share_without_a_filled_denominator_is_not_compared():
    r = sample()
    for key in list(r.cells):
        if key.startswith("t3.") and not key.startswith("t3.result.granted"):
            r.cells[key] = Cell(None)
    assert text_findings(with_paragraph(r, "予以公开26件，占99%。")) == []


def test_a_results_word_without_a_group_before_it_is_not_read():
    assert text_findings(with_paragraph(sample(), "纠正错别字3件。尚未审结9件。")) == []


def test_the_same_wrong_sentence_twice_is_one_finding_at_its_first_place():
    # Found by the session's property test: two findings with one id, and the incremental view kept the other.
    report = sample()
    wrong = "本年度行政复议3件，行政诉讼1件。"
    report.narrative["preamble"] = [Block("paragraph", wrong), Block("paragraph", wrong)]
    found = [f for f in text_findings(report) if f.field == "preamble"]
    assert len({f.id for f in found}) == len(found) >= 1
    assert all(f.phrase is not None and f.phrase[0] == 0 for f in found)
