"""Format files are discovered, picked by year and checked against the schema with errors that name the
file and the JSON path."""

from __future__ import annotations

import json

import pytest

from model import checks
from model.errors import FormatFileError, UnknownFormat
from model.format_schema import RELATION_KINDS, RULE_CHECKS
from model.formats import Format, forget_formats, format_for_year, format_ids, get_format
from resources import resource

pytestmark = pytest.mark.model


def read(folder, fid):
    return json.loads((folder / f"{fid}.json").read_text("utf-8"))


def write(folder, fid, data):
    (folder / f"{fid}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    forget_formats()


def broken(folder, fid, change):
    data = read(folder, fid)
    change(data)
    write(folder, fid, data)
    with pytest.raises(FormatFileError) as exc:
        get_format(fid)
    return exc.value


def rule_index(data, rule_id):
    return next(i for i, r in enumerate(data["rules"]) if r["id"] == rule_id)


def test_formats_are_discovered_in_the_folder_newest_first():
    assert format_ids() == ("gb_2021", "gb_2019")
    assert {p.stem for p in resource("formats").glob("*.json")} == set(format_ids())


def test_a_year_picks_the_greatest_first_year_at_or_before_it(formats_folder):
    assert [format_for_year(y) for y in (2018, 2019, 2020, 2021, 2098)] == ["gb_2019"] * 3 + ["gb_2021"] * 2
    data = read(formats_folder, "gb_2021")
    write(formats_folder, "gb_2099", {**data, "format_id": "gb_2099", "first_year": 2099})
    assert format_for_year(2098) == "gb_2021" and format_for_year(2099) == format_for_year(2100) == "gb_2099"
    assert format_ids() == ("gb_2099", "gb_2021", "gb_2019")


def test_last_year_ends_a_format_and_the_open_one_before_it_covers_the_gap(formats_folder):
    data = read(formats_folder, "gb_2021")
    write(formats_folder, "gb_2030", {**data, "format_id": "gb_2030", "first_year": 2030, "last_year": 2031})
    assert format_for_year(2030) == format_for_year(2031) == "gb_2030"
    assert format_for_year(2032) == "gb_2021"  # gb_2021 has no last_year; gb_2030 ended in 2031
    assert format_for_year(2029) == "gb_2021"


def test_the_folder_is_injectable_without_leaking(formats_folder, monkeypatch):
    data = read(formats_folder, "gb_2021")
    data["name"] = "测试用的格式"
    write(formats_folder, "gb_2021", data)
    assert get_format("gb_2021").name == "测试用的格式"
    monkeypatch.delenv("NIANBAO_FORMATS_DIR")
    assert get_format("gb_2021").name == "中华人民共和国政府信息公开工作年度报告格式"


def test_unknown_rule_kind(formats_folder):
    def change(d):
        d["rules"][3]["kind"] = "sum_eqq"

    err = broken(formats_folder, "gb_2021", change)
    assert 'gb_2021.json: $.rules[3].kind: 未知的规则类型 "sum_eqq"' in err.message
    assert (err.source, err.json_path) == ("gb_2021.json", "$.rules[3].kind")
    assert err.hint  # says what to do


def test_unknown_check_of_a_known_kind(formats_folder):
    i = rule_index(read(formats_folder, "gb_2021"), "CELL_INTEGER")
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][i].update(check="integr"))
    assert err.json_path == f"$.rules[{i}].check" and '未知的检查 "integr"' in err.problem


def test_unknown_cell_key_in_a_relation(formats_folder):
    def change(d):
        d["rules"][0]["lhs"][1] = "t3.carried_over_inn@{c}"

    err = broken(formats_folder, "gb_2021", change)
    assert err.json_path == "$.rules[0].lhs[1]"
    assert '未知的单元格 "t3.carried_over_inn@natural_person"' in err.problem


def test_unknown_cell_key_in_a_sum_target_a_check_rule_and_the_carry(formats_folder):
    data = read(formats_folder, "gb_2021")
    i = rule_index(data, "T3_RESULT_TOTAL")
    assert broken(formats_folder, "gb_2021", lambda d: d["rules"][i].update(target="t3.total@{c}")).json_path == (
        f"$.rules[{i}].target"
    )
    write(formats_folder, "gb_2021", data)
    j = rule_index(data, "FEE_TEXT")
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][j].update(cell="t3.fee@total"))
    assert err.json_path == f"$.rules[{j}].cell"
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d["roll_forward"]["carry"][0].update(to="t3.in@{c}"))
    assert err.json_path == "$.roll_forward.carry[0].to"


def test_unknown_scope_and_loop_variable(formats_folder):
    data = read(formats_folder, "gb_2021")
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][0]["for"].update(c="t3.colums"))
    assert err.json_path == "$.rules[0].for.c" and "t3.colums" in err.problem
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][0].update(lhs=["t3.new_received@{col}"]))
    assert err.json_path == "$.rules[0].lhs[0]" and "循环变量" in err.problem


def test_bad_severity(formats_folder):
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][1].update(severity="fatal"))
    assert err.json_path == "$.rules[1].severity" and '"fatal"' in err.problem and "error" in err.problem


def test_missing_required_fields(formats_folder):
    data = read(formats_folder, "gb_2021")
    err = broken(formats_folder, "gb_2021", lambda d: d.pop("doc_no"))
    assert err.message.startswith("年度报告格式文件有误：gb_2021.json: $.doc_no: 缺少必填字段")
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d["tables"]["t3"]["columns"][2].pop("label"))
    assert err.json_path == "$.tables.t3.columns[2].label"
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][0].pop("rhs"))
    assert err.json_path == "$.rules[0].rhs"


def test_wrong_types_and_misspelled_fields(formats_folder):
    data = read(formats_folder, "gb_2021")
    err = broken(formats_folder, "gb_2021", lambda d: d.update(first_year="2021"))
    assert err.json_path == "$.first_year" and "整数" in err.problem
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d.update(rulse=[]))
    assert err.json_path == "$.rulse" and "未知的字段" in err.problem
    write(formats_folder, "gb_2021", data)
    err = broken(formats_folder, "gb_2021", lambda d: d["sections"][1].update(table="t9"))
    assert err.json_path == "$.sections[1].table"


def test_overlapping_year_ranges(formats_folder):
    data19 = read(formats_folder, "gb_2019")
    err = broken(formats_folder, "gb_2019", lambda d: d.update(last_year=2021))
    assert (err.source, err.json_path) == ("gb_2019.json", "$.last_year") and "gb_2021.json" in err.problem
    write(formats_folder, "gb_2019", data19)
    data = read(formats_folder, "gb_2021")
    write(formats_folder, "gb_2021b", {**data, "format_id": "gb_2021b"})
    with pytest.raises(FormatFileError) as exc:
        format_for_year(2025)
    assert exc.value.source == "gb_2021b.json" and exc.value.json_path == "$.first_year"


def test_file_name_invalid_json_and_unknown_id(formats_folder):
    data = read(formats_folder, "gb_2021")
    write(formats_folder, "gb_2050", {**data, "first_year": 2050})
    with pytest.raises(FormatFileError) as exc:
        get_format("gb_2021")
    assert exc.value.source == "gb_2050.json" and exc.value.json_path == "$.format_id"
    (formats_folder / "gb_2050.json").write_text('{"format_id": ', "utf-8")
    forget_formats()
    with pytest.raises(FormatFileError) as exc:
        get_format("gb_2021")
    assert exc.value.source == "gb_2050.json" and "JSON" in exc.value.problem
    (formats_folder / "gb_2050.json").unlink()
    forget_formats()
    with pytest.raises(UnknownFormat) as unknown:
        get_format("gb_2050")
    assert "〔2021〕30号" in unknown.value.hint and "〔2019〕60号" in unknown.value.hint


def test_narrative_is_passed_through_untouched():
    data = json.loads(resource("formats", "gb_2021.json").read_text("utf-8"))
    narrative = {"patterns": [{"id": "X", "regex": "(未|没有)行政复议", "nested": {"any": [1, None, True]}}]}
    fmt = Format({**data, "narrative": narrative}, "gb_2021.json")
    assert fmt.narrative == narrative
    assert Format(data, "gb_2021.json").narrative == data["narrative"]  # the real patterns, as written
    without = {k: v for k, v in data.items() if k != "narrative"}
    assert Format(without, "gb_2021.json").narrative == {}


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda n: n["facts"][0].pop("readings"), "$.narrative.facts[0].readings", "缺少必填字段"),
        (
            lambda n: n["facts"][2]["readings"][0].update(cells="t3.result.partial@total"),
            "$.narrative.facts[2].readings[0].cells",
            "应为列表",
        ),
        (lambda n: n["similarity"].update(threshold="50%"), "$.narrative.similarity.threshold", "应为数"),
        (lambda n: n["years"][1].update(kind="annual"), "$.narrative.years[1].kind", "不在允许的范围内"),
        (
            lambda n: n["content"]["topics"]["items"][3].pop("words"),
            "$.narrative.content.topics.items[3].words",
            "缺少必填字段",
        ),
        (
            lambda n: n["content"]["problems"].update(min_chars="三十"),
            "$.narrative.content.problems.min_chars",
            "应为整数",
        ),
    ],
)
def test_malformed_narrative_data_names_the_file_and_the_place(formats_folder, change, path, words):
    err = broken(formats_folder, "gb_2021", lambda d: change(d["narrative"]))
    assert (err.source, err.json_path) == ("gb_2021.json", path) and words in err.problem


def test_a_narrative_key_this_program_does_not_read_is_left_for_the_program_that_does(formats_folder):
    data = read(formats_folder, "gb_2021")
    data["narrative"]["drafts"] = {"templates": [1, 2]}
    write(formats_folder, "gb_2021", data)
    assert get_format("gb_2021").narrative["drafts"] == {"templates": [1, 2]}


def test_the_checks_interpret_exactly_the_schema_vocabulary():
    assert set(checks._RULE_KINDS) == set(RULE_CHECKS)
    assert set(checks._CELL_TESTS) == set(RULE_CHECKS["cell"])
    used = {(r["kind"], r.get("check")) for fid in format_ids() for r in get_format(fid).rules}
    assert {k for k, _ in used} <= {*RELATION_KINDS, *RULE_CHECKS}


def _set(path, value):
    def change(d):
        *head, last = path
        for p in head:
            d = d[p]
        d[last] = value

    return change


def _dup_rule_id(d):
    d["rules"][1]["id"] = d["rules"][0]["id"]


def _dup_cell(d):
    rows = d["tables"]["t2"]["subtables"][0]["rows"]
    rows.append(dict(rows[0]))


def _orphan_table(d):
    d["sections"][1]["kind"] = "text"
    del d["sections"][1]["table"]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (_set(["sections"], {"no": "一"}), "$.sections", "应为列表"),
        (_set(["tables"], []), "$.tables", "应为对象"),
        (_set(["sections", 0], "一、总体情况"), "$.sections[0]", "应为对象"),
        (_set(["tables", "t3"], "表三"), "$.tables.t3", "应为对象"),
        (_set(["tables", "t3", "layout"], "t5"), "$.tables.t3.layout", '未知的表格样式"t5"'),
        (_set(["rules", 0], ["T3_BALANCE"]), "$.rules[0]", "应为对象"),
        (_set(["first_year"], 1999), "$.first_year", "不在2000–2100之间"),
        (_set(["last_year"], 2020), "$.last_year", "早于起始年度"),
        (_set(["first_year"], True), "$.first_year", "现为true"),
        (
            _set(["tables", "t2", "subtables", 0, "columns", 0, "type"], "float"),
            "$.tables.t2.subtables[0].columns[0].type",
            "int、signed_int、decimal",
        ),
        (_dup_rule_id, "$.rules[1].id", "重复"),
        (_dup_cell, "$.tables.t2", "重复"),
        (_set(["tables", "t3", "rows", 3, "parent"], "t3.resul"), "$.tables.t3.rows[3].parent", "t3.resul"),
        (_orphan_table, "$.tables.t2", "没有哪一部分"),
        (_set(["rules", 0, "for", "c"], "t9.columns"), "$.rules[0].for.c", "没有这张表"),
        (_set(["import", "classify", 0, "table"], "t9"), "$.import.classify[0].table", "没有这张表"),
        (_set(["migrate_from", "cells", "t3.result.other@{c}"], "t3.other@{c}"), "$.migrate_from.cells", "t3.other"),
    ],
)
def test_each_kind_of_mistake_names_its_place(formats_folder, change, path, words):
    err = broken(formats_folder, "gb_2021", change)
    assert err.source == "gb_2021.json" and err.json_path.startswith(path) and words in err.problem, err.message


def test_a_rule_naming_a_section_that_does_not_exist(formats_folder):
    i = rule_index(read(formats_folder, "gb_2021"), "FEE_TEXT")
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][i].update(section="七"))
    assert err.json_path == f"$.rules[{i}].section"


def test_an_empty_or_unreadable_folder(formats_folder):
    for p in formats_folder.glob("*.json"):
        p.unlink()
    (formats_folder / "gb_2021.json").mkdir()  # a folder where a file should be: unreadable
    forget_formats()
    with pytest.raises(FormatFileError) as exc:
        format_ids()
    assert exc.value.source == "gb_2021.json" and "无法读取" in exc.value.problem
    (formats_folder / "gb_2021.json").rmdir()
    forget_formats()
    with pytest.raises(UnknownFormat):
        format_for_year(2025)
    (formats_folder / "gb_2021.json").write_text("[]", "utf-8")
    forget_formats()
    with pytest.raises(FormatFileError) as exc:
        format_ids()
    assert exc.value.json_path == "$" and "应为对象" in exc.value.problem


def test_relations_know_their_rule():
    fmt = get_format("gb_2021")
    rel = fmt.relations_by_cell["t3.new_received@natural_person"][0]
    assert rel.rule_id == fmt.rule(rel.rule_id)["id"] and rel.severity in ("error", "warning")
    assert fmt.section("三").table == "t3"
    with pytest.raises(KeyError):
        fmt.section("七")
    with pytest.raises(KeyError):
        fmt.rule("NO_SUCH_RULE")


def test_findings_name_tables_as_the_format_names_them(formats_folder):
    from model.edits import SetBlocks, apply
    from model.report import Block, Cell, new_report

    data = read(formats_folder, "gb_2021")
    data["tables"]["t4"]["name"] = "表五"
    write(formats_folder, "gb_2021", data)
    report = new_report("某局", 2025)
    apply(report, SetBlocks("一", (Block("paragraph", "本年度未发生行政复议和行政诉讼案件。"),)))
    report.cells["t4.review.total"] = Cell(2)
    found = {f.rule_id: f for f in checks.check(report)}
    assert "表五共有2件" in found["T4_VS_TEXT"].message
    assert next(f for f in checks.check(report) if f.id == "CELL_UNFILLED:t4").message.startswith("表五中有")


def test_the_command_line_says_which_file_and_where(formats_folder, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    data = read(formats_folder, "gb_2021")
    data["rules"][3]["kind"] = "sum_eqq"
    write(formats_folder, "gb_2021", data)
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "new", "--agency", "某局", "--year", "2025", "-o", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and not (tmp_path / "x").exists()
    assert 'gb_2021.json: $.rules[3].kind: 未知的规则类型 "sum_eqq"' in out.stderr + out.stdout
    assert "请恢复安装包中原有的格式文件" in out.stderr + out.stdout


def test_text_checks_read_their_wording_from_the_file(formats_folder):
    # T4_VS_TEXT's "no cases" wording is data: a format whose reports say it otherwise changes the file only.
    from model.edits import SetBlocks, apply
    from model.report import Block, Cell, new_report

    def claims_none(text: str) -> bool:
        report = new_report("某局", 2025)
        apply(report, SetBlocks("一", (Block("paragraph", text),)))
        report.cells["t4.review.total"] = Cell(2)
        return any(f.rule_id == "T4_VS_TEXT" for f in checks.check(report))

    assert claims_none("本年度未发生行政复议和行政诉讼案件。")
    assert not claims_none("本年度行政复议、行政诉讼案件零发生。")
    data = read(formats_folder, "gb_2021")
    i = rule_index(data, "T4_VS_TEXT")
    data["rules"][i]["patterns"]["none"] = "(行政复议|行政诉讼)[^。]{0,12}零发生"
    write(formats_folder, "gb_2021", data)
    assert claims_none("本年度行政复议、行政诉讼案件零发生。")


def test_a_text_check_without_its_wording_or_with_a_broken_pattern(formats_folder):
    i = rule_index(read(formats_folder, "gb_2021"), "T4_VS_TEXT")
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][i]["patterns"].pop("some"))
    assert err.json_path == f"$.rules[{i}].patterns.some" and "缺少必填字段" in err.problem
    err = broken(formats_folder, "gb_2021", lambda d: d["rules"][i]["patterns"].update(none="(未|没有", some="件"))
    assert err.json_path == f"$.rules[{i}].patterns.none" and "正则表达式" in err.problem
