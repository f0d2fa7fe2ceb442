"""Reading last year's report from a .docx written by anyone (Word or WPS, either format).

The file is checked for damage and zip bombs first (`safety`), then python-docx opens it and this module
walks the body in order, turning paragraphs and tables into the neutral `document` shape that
`recognize` understands. Merged cells (gridSpan, vMerge) become slots sharing one identity.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from model.errors import DamagedDoc, ImportError_
from model.images import image_kind
from model.importers import ImportLog
from model.importers.document import MAX_COLS, GridBuilder, Image, Para, TableGrid, sane_width
from model.importers.limits import check_items
from model.importers.recognize import recognize
from model.importers.safety import check_docx, sniff
from model.report import Report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V = "urn:schemas-microsoft-com:vml"
EMU_PER_MM = 36000
IMAGE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/x-bmp": "bmp",
}
# Text under these is not shown (deleted revisions), repeated (VML fallback) or not in the body flow.
_HIDDEN = frozenset({"del", "moveFrom", "Fallback", "txbxContent", "pPr", "rPr"})
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: str | os.PathLike[str]) -> tuple[Report, ImportLog]:
    p = Path(path)
    if sniff(p) in ("ole", "html"):
        # Saved as .docx by a tool that kept the old format (or a web page renamed): convert if we can.
        from model.importers import import_converted

        return import_converted(p)
    check_docx(p)
    import docx  # lazy: python-docx is heavy and only needed here

    try:
        document = docx.Document(str(p))
    except ImportError_:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package; all mean "damaged"
        raise DamagedDoc(path=str(p)) from exc
    log = ImportLog(str(p), "docx")
    items: list[Any] = []
    try:
        for item in _items(document, document.element.body):
            items.append(item)
            if len(items) % 1000 == 0:
                check_items(items, p)  # while reading: a hostile body is refused before it is all walked
    except ImportError_:
        raise
    except Exception as exc:
        raise DamagedDoc("文件内容结构异常，无法读取。", path=str(p)) from exc
    check_items(items, p)
    report = recognize(items, log)
    return report, log


def _items(document: Any, container: Any, styles: ParaStyles | None = None) -> Any:
    styles = styles if styles is not None else ParaStyles.of(document)
    for el in container.iterchildren():
        tag = _local(el.tag)
        if tag == "p":
            yield _para(document, el, styles)
        elif tag == "tbl":
            yield _table(document, el)
        elif tag in ("sdt", "sdtContent", "customXml", "smartTag"):
            # Content controls (templates, WPS forms) wrap ordinary paragraphs and tables.
            content = el if tag == "sdtContent" else _child(el, "sdtContent")
            yield from _items(document, content if content is not None else el, styles)


def _para(document: Any, el: Any, styles: ParaStyles) -> Para:
    from docx.text.paragraph import Paragraph

    p = Paragraph(el, document._body)
    style = styles.for_paragraph(el)
    level = style.level if style is not None else 0
    props = _props(el, _P_PR, _OUTLINE_LVL, _NUM_PR)
    outline = props[_OUTLINE_LVL]
    val = _small_int(outline.get(f"{{{W}}}val")) if outline is not None else None
    if not level and val is not None:
        level = val + 1 if val < 9 else 0
    numbered = props[_NUM_PR] is not None or (style is not None and style.numbered)
    return Para(para_text(el), level, _all_bold(p, style), numbered, list(_images(document, el)))


class _Invalid(Exception):
    """An attribute python-docx would refuse to decode (it raises; the caller treats that as "no style")."""


_STYLE_TYPES = frozenset({"paragraph", "character", "table", "numbering"})  # WD_STYLE_TYPE's XML values
_ON_OFF = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}  # ST_OnOff


class StyleInfo:
    """What the reader needs of one paragraph style: its heading level (from the name), whether the style
    itself carries numbering, and its own bold setting (None, True/False, or the error python-docx raises)."""

    __slots__ = ("level", "numbered", "_bold", "_bold_error")

    def __init__(self, el: Any, name: str) -> None:
        m = _HEADING_STYLE.match(name)
        self.level = int(m.group(1)) if m else 0
        self.numbered = el.find(f"{{{W}}}pPr/{{{W}}}numPr") is not None
        self._bold: bool | None = None
        self._bold_error: Exception | None = None
        rpr = el.find(f"{{{W}}}rPr")
        b = rpr.find(f"{{{W}}}b") if rpr is not None else None
        if b is not None:
            val = b.get(f"{{{W}}}val")
            if val is None:
                self._bold = True  # <w:b/> means bold
            elif val in _ON_OFF:
                self._bold = _ON_OFF[val]
            else:
                self._bold_error = _Invalid(f"w:b/@w:val {val!r}")

    @property
    def bold(self) -> bool | None:
        if self._bold_error is not None:
            raise self._bold_error  # python-docx's `style.font.bold` raises here too: the file is damaged
        return self._bold


class ParaStyles:
    """Paragraph style ids resolved once per document, from the styles part.

    Same answers as python-docx's `Paragraph.style`, which for every paragraph without its own style (most of
    them) scans every style in the file decoding each one's type — half the import time before this. The rules
    kept: a `w:pStyle` naming a missing style, or one that is not a paragraph style, falls back to the default
    paragraph style (the last `w:type="paragraph"` style with `w:default` on); anything python-docx cannot
    decode along the way means "no style" (None), as the reader treated it before.
    """

    @classmethod
    def of(cls, document: Any) -> ParaStyles:
        try:
            styles_el = document.styles.element  # python-docx adds a default styles part if there is none
        except Exception:  # e.g. the styles relationship points at a part of another kind
            styles_el = None
        return cls(styles_el)

    def __init__(self, styles_el: Any) -> None:
        self._by_id: dict[str, Any] = {}
        self._broken = styles_el is None or styles_el.tag != f"{{{W}}}styles"  # every lookup would raise
        for el in () if self._broken else styles_el.iterchildren(f"{{{W}}}style"):
            sid = el.get(f"{{{W}}}styleId")
            if sid is not None:
                self._by_id.setdefault(sid, el)  # python-docx takes the first in document order
        self._styles_el = styles_el
        self._resolved: dict[str | None, StyleInfo | None] = {}
        self._default: Any = None
        self._default_done = False

    def for_paragraph(self, p: Any) -> StyleInfo | None:
        if self._broken:
            return None
        ppr = p.find(f"{{{W}}}pPr")
        pstyle = ppr.find(f"{{{W}}}pStyle") if ppr is not None else None
        if pstyle is None:
            sid = None
        else:
            sid = pstyle.get(f"{{{W}}}val")
            if sid is None:
                return None  # <w:pStyle> without w:val: python-docx raises, so no style
        try:
            return self._resolved[sid]
        except KeyError:
            info = self._resolved[sid] = self._resolve(sid)
            return info

    def _resolve(self, sid: str | None) -> StyleInfo | None:
        try:
            el = self._style_el(sid)
            if el is None:
                return None
            name_el = el.find(f"{{{W}}}name")
            name = ""
            if name_el is not None:
                name = name_el.get(f"{{{W}}}val")
                if name is None:
                    raise _Invalid("w:name without w:val")
                from docx.styles import BabelFish

                name = BabelFish.internal2ui(name)
            return StyleInfo(el, name)
        except _Invalid:
            return None

    def _style_el(self, sid: str | None) -> Any:
        if sid:
            if '"' in sid:
                raise _Invalid("style id python-docx cannot look up")  # it builds an XPath literal from it
            el = self._by_id.get(sid)
            if el is not None and _style_type(el) == "paragraph":
                return el
        return self._default_paragraph_style()

    def _default_paragraph_style(self) -> Any:
        if not self._default_done:
            self._default_done = True
            try:
                found = None
                for el in self._styles_el.iterchildren(f"{{{W}}}style"):
                    # Every type is decoded (an undecodable one anywhere is an error), w:default only on
                    # paragraph styles; the last default wins.
                    if _style_type(el) == "paragraph" and _on_off(el.get(f"{{{W}}}default")):
                        found = el
                self._default = found
            except _Invalid as exc:
                self._default = exc
        if isinstance(self._default, _Invalid):
            raise self._default
        return self._default


def _style_type(el: Any) -> str | None:
    t: str | None = el.get(f"{{{W}}}type")
    if t is not None and t not in _STYLE_TYPES:
        raise _Invalid(f"w:type {t!r}")
    return t


def _on_off(val: str | None) -> bool:
    if val is None:
        return False
    if val not in _ON_OFF:
        raise _Invalid(f"ST_OnOff {val!r}")
    return _ON_OFF[val]


def para_text(el: Any) -> str:
    """The paragraph's visible text, including tracked insertions, fields and smart tags (python-docx's
    `Paragraph.text` sees only direct runs), without deleted text or the duplicate fallback of a text box."""
    out: list[str] = []
    for node in el.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr", f"{{{W}}}noBreakHyphen"):
        if _hidden(node, el):
            continue
        tag = _local(node.tag)
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            if _local(node.getparent().tag) == "r":  # a tab stop definition in pPr is not text
                out.append("\t")
        elif tag == "noBreakHyphen":
            out.append("-")
        elif node.get(f"{{{W}}}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _hidden(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if _local(parent.tag) in _HIDDEN:
            return True
        parent = parent.getparent()
    return False


def _all_bold(p: Any, style: StyleInfo | None) -> bool:
    style_bold = bool(style is not None and style.bold)
    seen = False
    for run in p.runs:
        if not _run_text(run._r).strip(" \u3000\xa0\t"):
            continue
        seen = True
        bold = run.bold if run.bold is not None else style_bold
        if not bold:
            return False
    return seen


_RUN_TEXT: Any = None


def _run_text(r: Any) -> str:
    """python-docx's `Run.text`, with its XPath compiled once instead of on every run."""
    global _RUN_TEXT
    if _RUN_TEXT is None:
        from docx.oxml.ns import nsmap
        from lxml import etree

        _RUN_TEXT = etree.XPath("w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab", namespaces=nsmap)
    return "".join(str(e) for e in _RUN_TEXT(r))


def _images(document: Any, el: Any) -> Any:
    part = document.part
    for blip in el.iter(f"{{{A}}}blip", f"{{{V}}}imagedata"):
        rid = blip.get(f"{{{R}}}embed") or blip.get(f"{{{R}}}id")
        if not rid or rid not in part.related_parts:
            continue
        img_part = part.related_parts[rid]
        if IMAGE_TYPES.get(getattr(img_part, "content_type", "")) is None:
            continue  # EMF/WMF drawings cannot be shown or re-exported reliably
        kind = image_kind(img_part.blob)
        if kind is None:
            continue  # not a picture, whatever the package says: it could not be exported
        width = None
        drawing = next((a for a in blip.iterancestors() if _local(a.tag) in ("inline", "anchor")), None)
        if drawing is not None:
            extent = drawing.find(f"{{{WP}}}extent")
            cx = _small_int(extent.get("cx")) if extent is not None else None
            if cx is not None:
                width = sane_width(round(cx / EMU_PER_MM, 1))
        yield Image(img_part.blob, kind, width)


def _table(document: Any, el: Any) -> TableGrid:
    builder = GridBuilder(_grid_width(el))
    for tr in el.iterchildren(f"{{{W}}}tr"):
        builder.new_row()
        before = _props(tr, _TR_PR, _GRID_BEFORE)[_GRID_BEFORE]
        skip = _small_int(before.get(f"{{{W}}}val")) if before is not None else None
        if skip:
            builder.add("", 1, skip)
        for tc in _cells(tr):
            props = _props(tc, _TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE)
            span_el = props[_GRID_SPAN]
            span = (_small_int(span_el.get(f"{{{W}}}val")) if span_el is not None else None) or 1
            vmerge = props[_V_MERGE]
            if vmerge is not None and vmerge.get(f"{{{W}}}val") in (None, "continue"):
                builder.continue_above(span)
                continue
            hmerge = props[_H_MERGE]
            if hmerge is not None and hmerge.get(f"{{{W}}}val") in (None, "continue"):
                builder.continue_left(span)
                continue
            found = list(tc.iter(_P, _TC))  # the cell itself first, then its paragraphs and any nested cells
            paras = [e for e in found if e.tag == _P]
            if len(paras) < len(found) - 1:  # a nested table: leave out its paragraphs
                paras = [p for p in paras if _in_cell(p, tc)]
            text = "\n".join(para_text(p) for p in paras)
            builder.add(text, 1, span)
    return builder.grid()


_SMALL_INT = re.compile(r"[0-9]{1,12}")


def _small_int(text: str | None) -> int | None:
    """An attribute's non-negative whole number, or None. ASCII digits only ("²".isdigit() is true, and
    int() of 5,000 digits raises); spans and counts are clipped by their users."""
    return int(text) if text is not None and _SMALL_INT.fullmatch(text) else None


def _grid_width(tbl: Any) -> int:
    """The table's column count from its w:tblGrid (what Word lays cells on); the builder's cap without one."""
    grid = tbl.find(f"{{{W}}}tblGrid")
    n = len(grid.findall(f"{{{W}}}gridCol")) if grid is not None else 0
    return n if n > 0 else MAX_COLS


_P, _TC = f"{{{W}}}p", f"{{{W}}}tc"
_P_PR, _OUTLINE_LVL, _NUM_PR = f"{{{W}}}pPr", f"{{{W}}}outlineLvl", f"{{{W}}}numPr"
_TR_PR, _GRID_BEFORE = f"{{{W}}}trPr", f"{{{W}}}gridBefore"
_TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE = f"{{{W}}}tcPr", f"{{{W}}}gridSpan", f"{{{W}}}vMerge", f"{{{W}}}hMerge"


def _props(el: Any, pr: str, *names: str) -> dict[str, Any]:
    """`el.find("pr/name")` for each name in one pass (the first match in document order, or None): three
    path lookups per table cell were a tenth of the import time."""
    found: dict[str, Any] = dict.fromkeys(names)
    for pr_el in el.iterchildren(pr):
        for child in pr_el.iterchildren(*names):
            if found[child.tag] is None:
                found[child.tag] = child
    return found


def _cells(tr: Any) -> Any:
    for child in tr.iterchildren():
        tag = _local(child.tag)
        if tag == "tc":
            yield child
        elif tag in ("sdt", "customXml"):
            yield from (c for c in child.iter(f"{{{W}}}tc"))


def _in_cell(p: Any, tc: Any) -> bool:
    """A paragraph belonging to this cell, not to a table nested inside it."""
    for anc in p.iterancestors():
        if anc is tc:
            return True
        if _local(anc.tag) == "tc":
            return False
    return False


def _child(el: Any, name: str) -> Any:
    return next((c for c in el.iterchildren() if _local(c.tag) == name), None)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
