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
from model.importers import ImportLog
from model.importers.document import GridBuilder, Image, Para, TableGrid
from model.importers.recognize import recognize
from model.importers.safety import check_docx, sniff
from model.report import Report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V = "urn:schemas-microsoft-com:vml"
EMU_PER_MM = 36000
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/gif": "gif", "image/bmp": "bmp",
               "image/x-bmp": "bmp"}
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
    try:
        items = list(_items(document, document.element.body))
    except Exception as exc:
        raise DamagedDoc("文件内容结构异常，无法读取。", path=str(p)) from exc
    report = recognize(items, log)
    return report, log


def _items(document: Any, container: Any) -> Any:
    for el in container.iterchildren():
        tag = _local(el.tag)
        if tag == "p":
            yield _para(document, el)
        elif tag == "tbl":
            yield _table(document, el)
        elif tag in ("sdt", "sdtContent", "customXml", "smartTag"):
            # Content controls (templates, WPS forms) wrap ordinary paragraphs and tables.
            content = el if tag == "sdtContent" else _child(el, "sdtContent")
            yield from _items(document, content if content is not None else el)


def _para(document: Any, el: Any) -> Para:
    from docx.text.paragraph import Paragraph

    p = Paragraph(el, document._body)
    level = 0
    style_name = ""
    try:
        style = p.style
        style_name = style.name if style is not None else ""
    except Exception:  # a paragraph naming a style that is not defined
        style = None
    m = _HEADING_STYLE.match(style_name or "")
    if m:
        level = int(m.group(1))
    outline = el.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
    if not level and outline is not None and (outline.get(f"{{{W}}}val") or "").isdigit():
        val = int(outline.get(f"{{{W}}}val"))
        level = val + 1 if val < 9 else 0
    numbered = el.find(f"{{{W}}}pPr/{{{W}}}numPr") is not None or _style_numbered(style)
    return Para(para_text(el), level, _all_bold(p, style), numbered, list(_images(document, el)))


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


def _style_numbered(style: Any) -> bool:
    try:
        return style is not None and style.element.find(f"{{{W}}}pPr/{{{W}}}numPr") is not None
    except Exception:
        return False


def _all_bold(p: Any, style: Any) -> bool:
    style_bold = bool(style is not None and getattr(style.font, "bold", None))
    seen = False
    for run in p.runs:
        if not run.text.strip(" \u3000\xa0\t"):
            continue
        seen = True
        bold = run.bold if run.bold is not None else style_bold
        if not bold:
            return False
    return seen


def _images(document: Any, el: Any) -> Any:
    part = document.part
    for blip in el.iter(f"{{{A}}}blip", f"{{{V}}}imagedata"):
        rid = blip.get(f"{{{R}}}embed") or blip.get(f"{{{R}}}id")
        if not rid or rid not in part.related_parts:
            continue
        img_part = part.related_parts[rid]
        kind = IMAGE_TYPES.get(getattr(img_part, "content_type", ""))
        if kind is None:
            continue  # EMF/WMF drawings cannot be shown or re-exported reliably
        width = None
        drawing = next((a for a in blip.iterancestors() if _local(a.tag) in ("inline", "anchor")), None)
        if drawing is not None:
            extent = drawing.find(f"{{{WP}}}extent")
            if extent is not None and (extent.get("cx") or "").isdigit():
                width = round(int(extent.get("cx")) / EMU_PER_MM, 1)
        yield Image(img_part.blob, kind, width)


def _table(document: Any, el: Any) -> TableGrid:
    builder = GridBuilder()
    for tr in el.iterchildren(f"{{{W}}}tr"):
        builder.new_row()
        before = tr.find(f"{{{W}}}trPr/{{{W}}}gridBefore")
        if before is not None and (before.get(f"{{{W}}}val") or "").isdigit():
            builder.add("", 1, int(before.get(f"{{{W}}}val")))
        for tc in _cells(tr):
            span_el = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
            span = int(span_el.get(f"{{{W}}}val")) if span_el is not None and (
                span_el.get(f"{{{W}}}val") or "").isdigit() else 1
            vmerge = tc.find(f"{{{W}}}tcPr/{{{W}}}vMerge")
            if vmerge is not None and vmerge.get(f"{{{W}}}val") in (None, "continue"):
                builder.continue_above(span)
                continue
            hmerge = tc.find(f"{{{W}}}tcPr/{{{W}}}hMerge")
            if hmerge is not None and hmerge.get(f"{{{W}}}val") in (None, "continue"):
                builder.continue_left(span)
                continue
            text = "\n".join(para_text(p) for p in tc.iter(f"{{{W}}}p") if _in_cell(p, tc))
            builder.add(text, 1, span)
    return builder.grid()


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
