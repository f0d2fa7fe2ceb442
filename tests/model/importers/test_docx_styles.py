"""The reader resolves paragraph styles once per document from the styles part; every answer must match
what python-docx's `Paragraph.style` gave it before (including the odd files where python-docx raises)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from model.importers import docx_reader
from model.importers.docx_reader import ParaStyles

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _style(
    sid: str | None,
    name: str | None = None,
    type_: str | None = "paragraph",
    default: str | None = None,
    inner: str = "",
    name_without_val: bool = False,
) -> str:
    attrs = "".join(
        f' w:{k}="{v}"' for k, v in (("type", type_), ("styleId", sid), ("default", default)) if v is not None
    )
    name_el = "<w:name/>" if name_without_val else (f'<w:name w:val="{name}"/>' if name is not None else "")
    return f"<w:style {W_NS}{attrs}>{name_el}{inner}</w:style>"


def _doc(styles: list[str], style_ids: list[str | None]):
    document = docx.Document()
    root = document.styles.element
    for el in list(root.iterchildren("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}style")):
        root.remove(el)
    for xml in styles:
        root.append(parse_xml(xml))
    body = document.element.body
    for sid in style_ids:
        ppr = (
            ""
            if sid is None
            else ("<w:pPr><w:pStyle/></w:pPr>" if sid == "<no val>" else f"<w:pPr><w:pStyle w:val='{sid}'/></w:pPr>")
        )
        body.insert(len(body) - 1, parse_xml(f"<w:p {W_NS}>{ppr}<w:r><w:t>正文</w:t></w:r></w:p>"))
    return document


def _before(document, el):
    """The reader's style handling as it was, through python-docx."""
    p = Paragraph(el, document._body)
    try:
        style = p.style
        name = style.name if style is not None else ""
    except Exception:
        style, name = None, ""
    m = docx_reader._HEADING_STYLE.match(name or "")
    numbered = style is not None and style.element.find(f"{{{docx_reader.W}}}pPr/{{{docx_reader.W}}}numPr") is not None
    try:
        bold = bool(style is not None and getattr(style.font, "bold", None))
    except Exception:
        return int(m.group(1)) if m else 0, numbered, "raises"
    return int(m.group(1)) if m else 0, numbered, bold


def _now(styles: ParaStyles, el):
    info = styles.for_paragraph(el)
    if info is None:
        return 0, False, False
    try:
        bold = bool(info.bold)
    except Exception:
        return info.level, info.numbered, "raises"
    return info.level, info.numbered, bold


def _check(styles: list[str], ids: list[str | None]) -> None:
    document = _doc(styles, ids)
    resolved = ParaStyles.of(document)
    paras = [el for el in document.element.body.iterchildren() if el.tag.endswith("}p")]
    assert len(paras) == len(ids)
    for el, sid in zip(paras, ids, strict=True):
        assert _now(resolved, el) == _before(document, el), sid


NORMAL = _style("Normal", "Normal", default="1")
BOLD = "<w:rPr><w:b/></w:rPr>"
NUM = "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr>"
IDS = [
    None,
    "",
    "Normal",
    "Heading1",
    "Heading2",
    "Missing",
    "Char",
    "Untyped",
    "Bold",
    "NotBold",
    "Numbered",
    'a"b',
    "<no val>",
    "Dup",
    "Cn3",
    "NoName",
]


@pytest.mark.parametrize(
    "styles",
    [
        [
            NORMAL,
            _style("Heading1", "heading 1", inner=BOLD),
            _style("Heading2", "Heading 2"),
            _style("Char", "Strong", type_="character", inner=BOLD),
            _style("Untyped", "heading 4", type_=None),
            _style("Bold", "Bold", inner=BOLD),
            _style("NotBold", "nb", inner="<w:rPr><w:b w:val='off'/></w:rPr>"),
            _style("Numbered", "List", inner=NUM),
            _style("Dup", "heading 5"),
            _style("Dup", "heading 6"),
            _style("Cn3", "标题 3"),
            _style("NoName"),
        ],
        # No default paragraph style; then two defaults (the last wins), one a heading and bold.
        [_style("Heading1", "heading 1"), _style("Char", "c", type_="character", default="1")],
        [NORMAL, _style("Other", "heading 7", default="true", inner=BOLD + NUM), _style("Heading1", "heading 1")],
        [_style("Normal", "Normal", default="on"), _style("Off", "heading 8", default="0")],
        # Broken styles: an unknown type anywhere breaks the default lookup; a bad w:default, w:b or w:name.
        [NORMAL, _style("Heading1", "heading 1"), _style("Weird", "w", type_="bogus")],
        [NORMAL, _style("Heading1", "heading 1"), _style("BadDefault", "x", default="yes")],
        [
            NORMAL,
            _style("Bold", "Bold", inner="<w:rPr><w:b w:val='maybe'/></w:rPr>"),
            _style("NoName", name_without_val=True),
        ],
        [
            _style("Normal", "Normal", default="1", inner="<w:rPr><w:b w:val='maybe'/></w:rPr>"),
            _style("Heading1", "heading 1"),
        ],
        [_style("Bogus", "heading 1", type_="bogus"), _style("Heading1", "heading 2", default="1")],
    ],
)
def test_styles_resolve_as_python_docx_does(styles):
    _check(styles, IDS)


def test_a_bad_bold_in_the_paragraphs_style_is_still_a_damaged_file(tmp_path):
    from model.errors import DamagedDoc
    from model.importers import import_file

    document = _doc([_style("Normal", "Normal", default="1", inner="<w:rPr><w:b w:val='maybe'/></w:rPr>")], [None])
    path = tmp_path / "bad.docx"
    document.save(path)
    with pytest.raises(DamagedDoc):
        import_file(path)
