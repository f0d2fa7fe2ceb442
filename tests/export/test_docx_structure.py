"""The exported DOCX re-opened: page, fonts (incl. eastAsia), sizes, page numbers, sections in order."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from export import layout as L
from export.docx_writer import docx_bytes
from model.report import Block
from model.sample import load_sample
from tests.export.helpers import (
    effective_font,
    effective_size_pt,
    open_docx,
    paragraph_style_id,
    visible_text_runs,
)
from tests.seed_projects import seed_report


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def sample_doc(sample):
    return open_docx(docx_bytes(sample))


def _paragraphs(document):
    return document.element.body.findall(qn("w:p"))


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _fonts(document, p, slot="eastAsia") -> set[str]:
    return {effective_font(document, r, p, slot) for r in visible_text_runs(p)}


def _sizes(document, p) -> set[float]:
    return {effective_size_pt(document, r, p) for r in visible_text_runs(p)}


def test_page_is_a4_with_gb9704_margins(sample_doc):
    sec = sample_doc.sections[0]
    got = [
        round(x.mm, 1)
        for x in (sec.page_width, sec.page_height, sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)
    ]
    assert got == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]


def test_body_has_exact_line_pitch_for_22_lines_and_two_character_indent(sample_doc):
    normal = sample_doc.styles.element.xpath('w:style[@w:styleId="Normal"]')[0]
    spacing = normal.find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    pitch = int(spacing.get(qn("w:line")))
    text_height = L.mm_to_twips(L.TEXT_HEIGHT_MM)
    assert 22 * pitch <= text_height < 23 * pitch
    ind = normal.find(qn("w:pPr")).find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert int(ind.get(qn("w:firstLine"))) == 2 * 16 * 20


def test_title_is_fangzheng_xiaobiaosong_erhao_centred(sample, sample_doc):
    title = _paragraphs(sample_doc)[0]
    assert _text(title) == sample.meta.display_title  # the line break adds no characters
    assert _fonts(sample_doc, title) == {"方正小标宋简体"}
    assert _sizes(sample_doc, title) == {22.0}
    assert sample_doc.paragraphs[0].alignment in (WD_ALIGN_PARAGRAPH.CENTER, None)
    style = sample_doc.styles.element.xpath('w:style[@w:styleId="Title"]')[0]
    assert style.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"


def test_section_headings_are_heiti_sanhao_in_format_order(sample, sample_doc):
    wanted = [s.heading for s in sample.format.sections]
    heads = [p for p in _paragraphs(sample_doc) if paragraph_style_id(p) == "Heading1"]
    assert [_text(p) for p in heads] == wanted
    for p in heads:
        assert _fonts(sample_doc, p) == {"黑体"} and _fonts(sample_doc, p, "ascii") == {"黑体"}
        assert _sizes(sample_doc, p) == {16.0}


def test_sub_headings_are_kaiti_and_paragraphs_fangsong(sample, sample_doc):
    subs = [p for p in _paragraphs(sample_doc) if paragraph_style_id(p) == "Heading2"]
    wanted = [
        b.text
        for k in ("preamble", "一", "二", "三", "四", "五", "六")
        for b in sample.blocks(k)
        if b.kind == "heading"
    ]
    assert [_text(p) for p in subs] == wanted
    for p in subs:
        assert _fonts(sample_doc, p) == {"楷体_GB2312"} and _sizes(sample_doc, p) == {16.0}
    body = [p for p in _paragraphs(sample_doc) if paragraph_style_id(p) == "Normal" and _text(p)]
    assert body
    for p in body:
        assert _fonts(sample_doc, p) == {"仿宋_GB2312"}
        assert _fonts(sample_doc, p, "ascii") == {"仿宋_GB2312"}  # digits in the same face
        assert _sizes(sample_doc, p) == {16.0}


def test_narrative_paragraphs_in_order_with_text_intact(sample, sample_doc):
    texts = [_text(p) for p in _paragraphs(sample_doc)]
    wanted = [b.text for k in ("preamble", "一", "二", "三", "四", "五", "六") for b in sample.blocks(k)]
    positions = [texts.index(t) for t in wanted]
    assert positions == sorted(positions)


def test_run_in_heading_is_kaiti_and_the_paragraph_text_is_kept():
    report = seed_report("seed_000")
    doc = open_docx(docx_bytes(report))
    text = next(b.text for b in report.blocks("一") if b.text.startswith("（一）主动公开情况。"))
    p = next(p for p in _paragraphs(doc) if _text(p) == text)
    runs = visible_text_runs(p)
    assert "".join(t.text for t in runs[0].iter(qn("w:t"))) == "（一）主动公开情况。"
    assert effective_font(doc, runs[0], p) == "楷体_GB2312"
    assert {effective_font(doc, r, p) for r in runs[1:]} == {"仿宋_GB2312"}


def test_east_asian_fonts_have_windows_fallbacks_in_the_font_table(sample_doc):
    part = next(p for p in sample_doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    from lxml import etree

    fonts = etree.fromstring(part.blob)
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val")).split(",")
        for f in fonts.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["仿宋_GB2312"][0] == "仿宋"
    assert alt["楷体_GB2312"][0] == "楷体"
    assert alt["方正小标宋简体"][0] == "华文中宋"  # the closest bold 宋 offices have (issue 14), not plain 宋体
    for name in ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"):
        f = next(f for f in fonts.findall(qn("w:font")) if f.get(qn("w:name")) == name)
        assert f.find(qn("w:charset")).get(qn("w:val")) == "86"


def test_no_theme_fonts_left_to_override_the_chinese_ones(sample_doc):
    xml = sample_doc.styles.element.xml + sample_doc.element.xml
    assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml


def test_page_numbers_are_dashed_songti_sihao_odd_right_even_left(sample_doc):
    assert sample_doc.settings.odd_and_even_pages_header_footer
    sec = sample_doc.sections[0]
    for footer, align, side in (
        (sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        p = footer.paragraphs[0]
        assert p.text == "— 1 —"
        assert " PAGE " in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.alignment == align
        assert round(getattr(p.paragraph_format, side).pt) == 14  # 空一字
        assert _fonts(sample_doc, p._p) == {"宋体"} and _sizes(sample_doc, p._p) == {14.0}


def test_signature_is_agency_and_chinese_date_right_aligned_at_the_end(sample, sample_doc):
    last = sample_doc.paragraphs[-2:]
    assert [p.text for p in last] == ["示例县自然资源局", "2026年1月20日"]
    for p in last:
        style = sample_doc.styles.element.xpath(f'w:style[@w:styleId="{paragraph_style_id(p._p)}"]')[0]
        assert style.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "right"
    # the date starts further right than the name (署名右空二字, 日期右移二字)
    assert last[1].paragraph_format.right_indent < last[0].paragraph_format.right_indent


def test_signature_without_a_date_is_the_agency_only(sample):
    report = sample.copy()
    report.meta.publication_date = None
    doc = open_docx(docx_bytes(report))
    assert doc.paragraphs[-1].text == "示例县自然资源局"
    assert "2026年1月20日" not in [p.text for p in doc.paragraphs]


def test_lead_in_paragraphs_of_a_table_section_come_before_its_table(sample):
    report = sample.copy()
    report.narrative["三"] = [Block("paragraph", "本年度共收到申请48件。")]
    doc = open_docx(docx_bytes(report))
    kinds = []
    for el in doc.element.body:
        if el.tag == qn("w:p") and _text(el):
            kinds.append(_text(el))
        elif el.tag == qn("w:tbl"):
            kinds.append("<table>")
    i = kinds.index("三、收到和处理政府信息公开申请情况")
    assert kinds[i + 1 : i + 3] == ["本年度共收到申请48件。", "<table>"]


def test_both_formats_export(sample):
    for report in (sample, seed_report("seed_000"), seed_report("seed_004")):
        doc = open_docx(docx_bytes(report))
        assert len(doc.tables) == 3


@pytest.mark.parametrize(
    "text,head",
    [
        ("（一）主动公开情况。全年共公开政务信息26条。", "（一）主动公开情况。"),
        ("（二）2020年存在的问题。", "（二）2020年存在的问题。"),
        ("（三）改进措施", "（三）改进措施"),
        ("（四）政府信息管理：建立健全制度。", "（四）政府信息管理："),
        ("（一）全年共公开政务信息26条，其中政策文件12条，工作动态14条，均在门户网站发布", ""),
        ("一是加大公开力度。", ""),
    ],
)
def test_run_in_sub_headings_are_recognised_without_changing_text(text, head):
    from export.content import lead_in

    got_head, rest = lead_in(text)
    assert got_head == head and got_head + rest == text


def test_word_opens_it_as_a_current_document_not_in_compatibility_mode(sample_doc):
    modes = [
        s.get(qn("w:val"))
        for s in sample_doc.settings.element.iter(qn("w:compatSetting"))
        if s.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_only_body_text_is_condensed_to_28_characters_a_line(sample_doc):
    def spacing(style_id):
        style = sample_doc.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]')[0]
        return int(style.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val")))

    body = round(L.BODY_CHAR_SPACING_PT * 20)
    assert spacing("Normal") == spacing("Heading1") == spacing("Heading2") == body
    assert spacing("Title") == spacing("TableText") == spacing("Footer") == 0


def test_control_characters_pasted_from_word_do_not_stop_the_export(sample):
    from export.html_writer import html_text
    from export.xlsx_writer import xlsx_bytes

    report = sample.copy()
    report.meta.agency = "示例县\x07自然资源局"
    report.narrative["六"] = [Block("paragraph", "第一行\x0b第二行\x01。")]
    doc = open_docx(docx_bytes(report))
    p = next(p for p in doc.paragraphs if p.text.startswith("第一行"))
    assert p.text == "第一行\n第二行。"  # Word's \v line break kept as a line break
    assert "第一行<br>第二行。" in html_text(report)
    assert xlsx_bytes(report)
