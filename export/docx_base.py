"""The empty publication-format document: GB/T 9704 page, styles, font table, page numbers.

python-docx's built-in template is a US-letter Word 2010 file with Japanese theme fonts and a stale
thumbnail; everything a clerk would notice is replaced here, so the DOCX writer only adds content.
"""

from __future__ import annotations

import datetime as dt
from copy import deepcopy
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from export import layout as L
from export.content import DRAFT_NOTE, xml_safe
from export.layout import Font

APP_NAME = "政府信息公开年报助手"

# Style ids used by the writer (Word shows the built-in ones under their localised names).
BODY, TITLE, HEADING1, HEADING2 = "Normal", "Title", "Heading1", "Heading2"
TABLE_TEXT, PICTURE, SIGNATURE, FOOTER = "TableText", "Picture", "Signature", "Footer"


def new_document(title: str, author: str) -> DocxDocument:
    doc = Document()
    _drop_template_leftovers(doc)
    _set_page(doc)
    _set_font_table(doc)
    _set_styles(doc)
    _set_settings(doc)
    _set_page_numbers(doc)
    _set_properties(doc, title, author)
    return doc


# -- runs ------------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _run_properties(font: Font, size_pt: float, bold: bool) -> Any:
    """A finished w:rPr, copied into every new run: building it through python-docx's element API for each run
    was a third of the export.

    The font is named in all four slots, so CJK text (eastAsia) and digits (ascii) use the same face. The
    style says the same; repeating it on the run keeps the look when a clerk pastes the text into another
    document whose Normal style differs.
    """
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]  # a detached run: no story part needed to set its properties
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font.name)
    rfonts.set(qn("w:hint"), "eastAsia")
    run.font.size = Pt(size_pt)
    run.font.bold = bold or None
    return run._r.rPr


def set_style(par: Paragraph, style_id: str) -> None:
    """By style id, not by (localised) name, so it cannot miss."""
    par._p.get_or_add_pPr().style = style_id


def add_text(par: Paragraph, text: str, font: Font, size_pt: float, *, bold: bool = False) -> Run:
    run = par.add_run(xml_safe(text))
    run._r.insert(0, deepcopy(_run_properties(font, size_pt, bold)))
    return run


# -- page ------------------------------------------------------------------------------------------


def _set_page(doc: DocxDocument) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    sec.top_margin, sec.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    sec.left_margin, sec.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    sec.header_distance, sec.footer_distance = Mm(L.HEADER_DISTANCE_MM), Mm(L.FOOTER_DISTANCE_MM)
    sec.gutter = 0


def _drop_template_leftovers(doc: DocxDocument) -> None:
    """The template's thumbnail would show an empty US-letter page in Explorer; stylesWithEffects
    carries Word 2010 copies of the styles we rewrite, which Word 2010 would prefer over ours."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects") or rel.reltype.endswith("/customXml"):
            doc.part.rels.pop(rid)
    for part in pkg.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.encode("utf-8")


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Template>Normal.dotm</Template><Application>{APP_NAME}</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


# -- fonts -----------------------------------------------------------------------------------------


def _font_entry(font: Font) -> str:
    """One w:font of the font table. w:altName is the standard's fallback (ECMA-376 §17.8.3.1): where
    仿宋_GB2312 is missing, Word and WPS look for 仿宋; panose, charset and family let Word pick a
    look-alike when no name matches at all. The spec allows a comma list, but Word itself only ever
    writes one name, so only the first fallback goes here (Windows resolves 仿宋 and FangSong alike)."""
    alt = font.fallbacks[0]
    return (
        f"<w:font w:name={quoteattr(font.name)}><w:altName w:val={quoteattr(alt)}/>"
        f'<w:panose1 w:val="{font.panose}"/><w:charset w:val="{L.FONT_CHARSET_GB2312}"/>'
        f'<w:family w:val="{font.family}"/><w:pitch w:val="{font.pitch}"/>'
        '<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000000" w:usb3="00000000" '
        'w:csb0="00040000" w:csb1="00000000"/></w:font>'
    )


def font_table_xml() -> str:
    entries = "".join(_font_entry(f) for f in L.ALL_FONTS)
    latin = (
        '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:fonts {nsdecls('w', 'r')}>{entries}{latin}</w:fonts>"
    )


def _set_font_table(doc: DocxDocument) -> None:
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = font_table_xml().encode("utf-8")


# -- styles ----------------------------------------------------------------------------------------


def _rpr(font: Font, size_pt: float, *, spacing_pt: float = 0.0, bold: bool = False) -> str:
    # Always explicit: styles based on Normal would otherwise inherit the body's condensed spacing.
    spacing = f'<w:spacing w:val="{L.pt_to_twips(spacing_pt)}"/>'
    b = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    half = round(size_pt * 2)
    f = quoteattr(font.name)
    return (
        f'<w:rPr><w:rFonts w:ascii={f} w:hAnsi={f} w:eastAsia={f} w:cs={f} w:hint="eastAsia"/>{b}'
        f'<w:color w:val="000000"/>{spacing}<w:kern w:val="0"/><w:sz w:val="{half}"/>'
        f'<w:szCs w:val="{half}"/><w:lang w:val="{L.LANG_LATIN}" w:eastAsia="{L.LANG_EAST_ASIAN}"/>'
        "</w:rPr>"
    )


def _exact(lines: float = 1.0) -> str:
    line = round(L.LINE_PITCH_TWIPS * lines)
    return f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'


_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_INDENT_2 = (
    f'<w:ind w:firstLineChars="{L.FIRST_LINE_INDENT_CHARS * 100}" '
    f'w:firstLine="{L.pt_to_twips(L.BODY_PT * L.FIRST_LINE_INDENT_CHARS)}"/>'
)
_NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'


def _style(
    style_id: str,
    name: str,
    ppr: str,
    rpr: str,
    *,
    based_on: str | None = BODY,
    default: bool = False,
    outline: int | None = None,
    extra: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{BODY}"/>' if style_id != BODY else ""
    dflt = ' w:default="1"' if default else ""
    lvl = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph"{dflt} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}{nxt}{extra}<w:qFormat/>'
        f"<w:pPr>{ppr.replace('<!--lvl-->', lvl)}</w:pPr>{rpr}</w:style>"
    )


def _paragraph_styles() -> list[str]:
    body_rpr = _rpr(L.BODY_FONT, L.BODY_PT, spacing_pt=L.BODY_CHAR_SPACING_PT)
    return [
        # Widow control off and exact pitch: every page holds exactly 22 lines, as in 公文.
        _style(
            BODY,
            "Normal",
            f'<w:widowControl w:val="0"/>{_exact()}{_INDENT_2}<w:jc w:val="both"/>',
            body_rpr,
            based_on=None,
            default=True,
        ),
        _style(
            TITLE,
            "Title",
            f'<w:keepNext/>{_exact(1.2)}{_NO_INDENT}<w:jc w:val="center"/><!--lvl-->',
            _rpr(L.TITLE_FONT, L.TITLE_PT),
        ),
        _style(
            HEADING1,
            "heading 1",
            f'<w:keepNext/>{_exact()}{_INDENT_2}<w:jc w:val="both"/><!--lvl-->',
            _rpr(L.HEADING1_FONT, L.BODY_PT, spacing_pt=L.BODY_CHAR_SPACING_PT),
            outline=0,
        ),
        _style(
            HEADING2,
            "heading 2",
            f'<w:keepNext/>{_exact()}{_INDENT_2}<w:jc w:val="both"/><!--lvl-->',
            _rpr(L.HEADING2_FONT, L.BODY_PT, spacing_pt=L.BODY_CHAR_SPACING_PT),
            outline=1,
        ),
        _style(
            TABLE_TEXT,
            "表格文字",
            f'<w:snapToGrid w:val="0"/>{_SINGLE}{_NO_INDENT}<w:jc w:val="center"/>',
            _rpr(L.TABLE_FONT, L.TABLE_PT),
        ),
        _style(PICTURE, "图片", f'{_SINGLE}{_NO_INDENT}<w:jc w:val="center"/>', body_rpr),
        _style(SIGNATURE, "落款", f'{_exact()}{_NO_INDENT}<w:jc w:val="right"/>', body_rpr),
        _style(FOOTER, "footer", f"{_SINGLE}{_NO_INDENT}", _rpr(L.PAGE_NUMBER_FONT, L.PAGE_NUMBER_PT)),
    ]


def _set_styles(doc: DocxDocument) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>{_rpr(L.BODY_FONT, L.BODY_PT)}</w:rPrDefault>"
            f"<w:pPrDefault><w:pPr>{_SINGLE}</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    # The template's other styles (Heading 3, character styles…) name theme fonts, which would beat
    # any w:eastAsia a clerk's Word applies through them; without the theme names they inherit ours.
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    new = [parse_xml(x) for x in _paragraph_styles()]
    wanted = {s.get(qn("w:styleId")) for s in new}
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) in wanted:
            styles.remove(old)
    for s in new:
        styles.append(s)


# -- settings, page numbers, properties --------------------------------------------------------------


def _set_settings(doc: DocxDocument) -> None:
    settings = doc.settings
    settings.odd_and_even_pages_header_footer = True
    el = settings.element
    lang = el.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), L.LANG_EAST_ASIAN)
    preview = el.find(qn("w:savePreviewPicture"))
    if preview is not None:
        el.remove(preview)
    # The template says Word 2010; Word 2013+ would open our file in 兼容模式 and say so in the title bar.
    for setting in el.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _page_number_paragraph(par: Paragraph, odd: bool) -> None:
    set_style(par, FOOTER)
    fmt = par.paragraph_format
    side = Pt(L.PAGE_NUMBER_PT * L.PAGE_NUMBER_SIDE_CHARS)
    if odd:
        fmt.alignment, fmt.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, side
    else:
        fmt.alignment, fmt.left_indent = WD_ALIGN_PARAGRAPH.LEFT, side
    before, after = L.PAGE_NUMBER_TEXT
    add_text(par, before, L.PAGE_NUMBER_FONT, L.PAGE_NUMBER_PT)
    _add_page_field(par)
    add_text(par, after, L.PAGE_NUMBER_FONT, L.PAGE_NUMBER_PT)


def _add_page_field(par: Paragraph) -> None:
    """A PAGE field (begin · instruction · separate · cached "1" · end), which every reader updates."""
    parts = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"), ("fldChar", "end")]
    for kind, val in parts:
        run = add_text(par, "", L.PAGE_NUMBER_FONT, L.PAGE_NUMBER_PT)
        if kind == "fldChar":
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{val}"/>'))
        elif kind == "instrText":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{val}</w:instrText>'))
        else:
            run.text = val


def _set_page_numbers(doc: DocxDocument) -> None:
    sec = doc.sections[0]
    sec.footer.is_linked_to_previous = False
    sec.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(sec.footer.paragraphs[0], odd=True)
    _page_number_paragraph(sec.even_page_footer.paragraphs[0], odd=False)


def mark_draft(doc: DocxDocument) -> None:
    """草稿 in red at the top of every page (odd and even headers): in the page header, so the body, which the
    importer reads, stays the report's own text."""
    from docx.shared import RGBColor

    sec = doc.sections[0]
    for header in (sec.header, sec.even_page_header):
        header.is_linked_to_previous = False
        par = header.paragraphs[0]
        set_style(par, FOOTER)
        par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = add_text(par, DRAFT_NOTE, L.HEADING1_FONT, L.PAGE_NUMBER_PT, bold=True)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _set_properties(doc: DocxDocument, title: str, author: str) -> None:
    props = doc.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title, props.author = xml_safe(title), xml_safe(author) or APP_NAME
    props.last_modified_by = APP_NAME
    props.created, props.modified, props.revision = now, now, 1
    props.language, props.comments = L.LANG_EAST_ASIAN, f"由{APP_NAME}导出"
