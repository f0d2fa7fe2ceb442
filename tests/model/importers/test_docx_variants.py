"""Reports written by other agencies: 2021 and 2019 formats, clerk-style headings, label variants, units,
missing rows — each recovered by labels, with the guesses in the import log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.formats import get_format
from model.importers.docx_reader import read_docx
from tests.model.importers import make_docx


def distinct_values(format_id: str):
    """A different number in every cell, so a cell read from the wrong place cannot pass."""
    keys = list(get_format(format_id).cells)

    def text_for(key: str) -> str:
        if get_format(format_id).cells[key].type == "decimal":
            return f"{keys.index(key)}.5"
        return str(keys.index(key) + 1)

    def expected(key: str):
        if get_format(format_id).cells[key].type == "decimal":
            return Decimal(f"{keys.index(key)}.5")
        return keys.index(key) + 1

    return text_for, expected


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@pytest.mark.parametrize("style", ["styled", "bold_indented", "numbered_list"])
def test_every_cell_by_label_in_both_formats_and_heading_styles(tmp_path, format_id, style):
    text_for, expected = distinct_values(format_id)
    heading = None if style == "styled" else getattr(make_docx, style)
    path = make_docx.build(tmp_path / "r.docx", format_id=format_id, heading=heading, text_for=text_for)
    report, log = read_docx(path)
    assert report.format_id == format_id
    assert {k: c.value for k, c in report.cells.items()} == {k: expected(k) for k in get_format(format_id).cells}
    assert all(c.read_as == "number" for c in report.cells.values())
    assert [b.text for b in report.blocks("五")] == ["第五部分的正文。"]
    assert [b.text for b in report.blocks("六")] == ["第六部分的正文。"]
    assert report.meta.agency == "测试县审计局" and report.meta.year == 2025
    assert str(report.meta.publication_date) == "2026-01-20"
    assert not log.missing


def test_label_variants_and_broken_headers(tmp_path):
    relabel = {
        "现行有效件数": "现行有效件数（历史累计）",
        "本年制发件数": "本年制发\n件数",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        "3.其他": "3、其他",
        "商业企业": "商业\n企业",
        "结果维持": "结果\n维持",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开",
    }
    text_for, expected = distinct_values("gb_2021")
    report, _ = read_docx(make_docx.build(tmp_path / "r.docx", relabel=relabel, text_for=text_for))
    assert report.format_id == "gb_2021"
    for key in get_format("gb_2021").cells:
        assert report.value(key) == expected(key), key


def test_placeholders_units_and_empty_total_column(tmp_path):
    def text_for(key: str) -> str:
        if key.endswith("@total"):
            return ""
        if key == "t2.art20_8.admin_fee.amount":
            return "251000元"
        if key.startswith("t4."):
            return "／"
        return "３\u3000" if key.startswith("t3.new_received") else "-"

    report, log = read_docx(make_docx.build(tmp_path / "r.docx", text_for=text_for))
    assert report.cells["t2.art20_8.admin_fee.amount"].value == Decimal("25.1")
    assert any("251000元" in g and "万元" in g for g in log.guessed)
    assert report.cells["t3.new_received@natural_person"].value == 3
    assert report.cells["t3.new_received@total"].read_as == "blank"
    assert report.cells["t4.review.upheld"].read_as == "placeholder"
    assert report.cells["t4.review.upheld"].raw == "／"
    assert report.cells["t3.result.granted@natural_person"].read_as == "placeholder"


def test_format_detected_from_labels_not_from_year(tmp_path):
    # A 2021 report still written on the 2019 tables: the labels decide.
    path = make_docx.build(tmp_path / "r.docx", format_id="gb_2019")
    report, _ = read_docx(path)
    assert report.meta.year == 2025 and report.format_id == "gb_2019"


def test_table_with_missing_rows_imports_the_rest_and_says_so(tmp_path):
    text_for, expected = distinct_values("gb_2021")
    path = make_docx.build(tmp_path / "r.docx", text_for=text_for, drop_rows_with=("t3.carried_over_out",))
    report, log = read_docx(path)
    assert not any(k.startswith("t3.carried_over_out") for k in report.cells)
    assert report.value("t3.result.total@total") == expected("t3.result.total@total")
    assert any("表三" in m and "缺少7个单元格" in m and "结转下年度" in m for m in log.missing)


def test_report_without_tables_imports_text_and_lists_missing_tables(tmp_path):
    report, log = read_docx(make_docx.build(tmp_path / "r.docx", tables=()))
    assert report.cells == {}
    assert sum("未找到表" in m for m in log.missing) == 3
    assert [b.text for b in report.blocks("一")] == ["第一部分的正文。"]
    assert any("推断为" in g for g in log.guessed)  # format from the year, said as a guess


def test_sub_items_numbered_with_dun_comma_in_2019_table(tmp_path):
    relabel = {"1.属于国家秘密": "1、属于国家秘密", "2.重复申请": "2、重复申请", "采购项目数量": "采购项目数"}
    text_for, expected = distinct_values("gb_2019")
    report, _ = read_docx(make_docx.build(tmp_path / "r.docx", format_id="gb_2019", relabel=relabel, text_for=text_for))
    for key in (
        "t3.result.withheld.state_secret@natural_person",
        "t3.result.not_processed.duplicate@total",
        "t2.art20_9.central_procurement.projects",
    ):
        assert report.value(key) == expected(key)


def test_title_with_year_first_and_chinese_date(tmp_path):
    path = make_docx.build(
        tmp_path / "r.docx",
        title="2025年测试县审计局政府信息公开工作年度报告",
        signature=("测试县审计局", "二〇二六年一月二十日"),
    )
    report, log = read_docx(path)
    assert (report.meta.agency, report.meta.year) == ("测试县审计局", 2025)
    assert report.meta.title == "2025年测试县审计局政府信息公开工作年度报告"
    assert str(report.meta.publication_date) == "2026-01-20"
    assert report.blocks("六")[-1].text == "第六部分的正文。"


def plain_fullwidth_space(doc, text: str) -> None:
    """Not bold, no style: "一　总体情况" with a full-width space instead of "、"."""
    doc.add_paragraph("\u3000\u3000" + text.replace("、", "\u3000"))


def test_plain_headings_with_full_width_space(tmp_path):
    report, log = read_docx(make_docx.build(tmp_path / "r.docx", heading=plain_fullwidth_space))
    assert [b.text for b in report.blocks("一")] == ["第一部分的正文。"]
    assert [b.text for b in report.blocks("六")] == ["第六部分的正文。"]
    assert not log.missing


def test_section_heading_only_inside_its_table_is_not_reported_missing(tmp_path):
    def no_table_headings(doc, text: str) -> None:
        if text[0] not in "二三四":
            make_docx._styled(doc, text)

    report, log = read_docx(make_docx.build(tmp_path / "r.docx", heading=no_table_headings))
    assert not log.missing and len(report.cells) == len(get_format("gb_2021").cells)
    assert sum("已按表格内容识别" in g for g in log.guessed) == 3


def test_body_text_starting_with_a_numeral_is_not_a_section(tmp_path):
    sections = {"一": ["一是加强领导。", "二、主动公开工作扎实推进"], "五": ["一、公开质量有待提高"], "六": ["无。"]}
    report, _ = read_docx(make_docx.build(tmp_path / "r.docx", sections=sections, tables=()))
    # A numbered line is a section heading only when its words are that section's title, and only in order.
    assert [b.text for b in report.blocks("五")] == ["一、公开质量有待提高"]
    assert [b.text for b in report.blocks("一")] == ["一是加强领导。", "二、主动公开工作扎实推进"]


def test_tracked_changes_and_fields_read_as_shown(tmp_path):
    import docx
    from docx.oxml import parse_xml

    path = make_docx.build(tmp_path / "r.docx", sections={"一": ["占位"], "五": ["x"], "六": ["y"]})
    doc = docx.Document(path)
    target = next(p for p in doc.paragraphs if p.text == "占位")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    target._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>本年新增</w:t></w:r></w:ins>'))
    target._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>已删除</w:delText></w:r></w:del>'))
    target._p.append(parse_xml(f'<w:fldSimple {w} w:instr="PAGE"><w:r><w:t>12</w:t></w:r></w:fldSimple>'))
    doc.save(path)
    report, _ = read_docx(path)
    assert report.blocks("一")[0].text == "占位本年新增12"


def test_table_two_without_header_rows_reads_columns_in_order(tmp_path):
    import docx

    text_for, expected = distinct_values("gb_2021")
    path = make_docx.build(tmp_path / "r.docx", text_for=text_for)
    doc = docx.Document(path)
    t2 = doc.tables[0]
    for row in [r for r in t2.rows if r.cells[0].text == "信息内容"]:
        row._tr.getparent().remove(row._tr)
    doc.save(path)
    report, _ = read_docx(path)
    for key in get_format("gb_2021").table_cells("t2"):
        assert report.value(key) == expected(key), key


def test_old_style_horizontal_merges(tmp_path):
    """Older Word/WPS files merge with hMerge instead of gridSpan: 行政复议 spans its five columns."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    text_for, expected = distinct_values("gb_2019")
    path = make_docx.build(tmp_path / "r.docx", format_id="gb_2019", text_for=text_for)
    doc = docx.Document(path)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            for tc in list(tr.tc_lst):
                span = tc.grid_span
                if span > 1:
                    tc.tcPr.remove(tc.tcPr.find(qn("w:gridSpan")))
                    tc.tcPr.append(parse_xml(f'<w:hMerge {ns} w:val="restart"/>'))
                    at = list(tr).index(tc)
                    for i in range(span - 1):
                        tr.insert(at + 1 + i, parse_xml(f"<w:tc {ns}><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"))
    doc.save(path)
    report, log = read_docx(path)
    assert {k: c.value for k, c in report.cells.items()} == {k: expected(k) for k in get_format("gb_2019").cells}
    assert log.guessed == []  # read by the headers, not by the fallback column order


def test_units_in_every_cell_are_one_guess_per_table(tmp_path):
    report, log = read_docx(make_docx.build(tmp_path / "r.docx", text_for=lambda k: "0" if "amount" in k else "2件"))
    assert report.value("t3.new_received@total") == 2 and report.cells["t3.new_received@total"].raw == "2件"
    unit_lines = [g for g in log.guessed if "单位“件”" in g]
    assert unit_lines == [
        "表二有9个单元格在数字后写了单位“件”，已去掉单位读取数字",
        "表三有175个单元格在数字后写了单位“件”，已去掉单位读取数字",
        "表四有15个单元格在数字后写了单位“件”，已去掉单位读取数字",
    ]
