"""Report → the .docx a clerk publishes without touching it in Word.

Title, preamble, the six sections (heading, narrative, official table), signature block — on the
GB/T 9704 page of `export.docx_base`, with the tables of `export.docx_tables`.
"""

from __future__ import annotations

import io
import os

from docx.document import Document as DocxDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from export import layout as L
from export.content import Part, grid, lead_in, parts, signature_indents, signature_lines, title_lines
from export.docx_base import (
    BODY,
    HEADING1,
    HEADING2,
    PICTURE,
    SIGNATURE,
    TITLE,
    add_text,
    mark_draft,
    new_document,
    set_style,
)
from export.docx_tables import add_table
from export.files import write_file
from export.images import image_pixels, natural_width_mm
from model.errors import SaveFailed
from model.report import Block, Report


def docx_bytes(report: Report, draft: bool = False) -> bytes:
    doc = new_document(report.meta.display_title, report.meta.agency)
    if draft:
        mark_draft(doc)
    _title(doc, report)
    images: dict[str, int] = {}  # per section, for a message that says which picture is broken
    for part in parts(report):
        if part.kind == "heading1":
            par = doc.add_paragraph()
            set_style(par, HEADING1)
            add_text(par, part.text, L.HEADING1_FONT, L.BODY_PT)
        elif part.kind == "table":
            add_table(doc, report, grid(report, part.table or ""))
            for _ in range(L.SPACE_AFTER_TABLE_LINES):  # one empty line before the next heading, as published
                set_style(doc.add_paragraph(), BODY)
        elif part.block is not None:
            if part.block.kind == "image":
                images[part.section] = images.get(part.section, 0) + 1
            _block(doc, part, images.get(part.section, 0))
    _signature(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_docx(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    write_file(path, docx_bytes(report, draft))


def _title(doc: DocxDocument, report: Report) -> None:
    par = doc.add_paragraph()
    set_style(par, TITLE)
    for n, line in enumerate(title_lines(report)):
        run = add_text(par, line, L.TITLE_FONT, L.TITLE_PT)
        if n:
            # The break goes before the second line so the run texts stay the title's own words.
            run._r.insert(run._r.index(run._r.find(qn("w:t"))), OxmlElement("w:br"))
    par.paragraph_format.space_after = Pt(L.LINE_PITCH_PT * L.TITLE_SPACE_AFTER_LINES)


def _block(doc: DocxDocument, part: Part, image_no: int) -> None:
    block = part.block
    assert block is not None
    if block.kind == "heading":
        par = doc.add_paragraph()
        set_style(par, HEADING2)
        add_text(par, block.text, L.HEADING2_FONT, L.BODY_PT)
    elif block.kind == "image":
        _image(doc, block, part.section, image_no)
    else:
        par = doc.add_paragraph()
        set_style(par, BODY)
        head, rest = lead_in(block.text)
        if head:
            # A run-in sub-heading "（一）主动公开情况。" reads as a 楷体 heading, as in published reports.
            add_text(par, head, L.HEADING2_FONT, L.BODY_PT)
        if rest or not head:
            add_text(par, rest, L.BODY_FONT, L.BODY_PT)


def _image(doc: DocxDocument, block: Block, section: str, image_no: int) -> None:
    if not block.image:
        return
    par = doc.add_paragraph()
    set_style(par, PICTURE)
    run = par.add_run()
    try:
        px_w, px_h = image_pixels(block.image)
        if not px_w:
            raise ValueError("unreadable picture")
        # Fitted to the type area both ways (export/layout.py): the HTML and PDF writers size it alike.
        w_mm, h_mm = L.picture_mm(px_w, px_h, block.width_mm or natural_width_mm(block.image))
        run.add_picture(io.BytesIO(block.image), width=Mm(w_mm), height=Mm(h_mm))
    except (UnrecognizedImageError, ValueError, ZeroDivisionError) as exc:
        where = "开头" if section == "preamble" else f"第{section}部分"  # any format's section number
        raise SaveFailed(
            f"{where}的第{image_no}张图片无法识别，没有导出。",
            "请在该部分删除这张图片后重新插入（支持 PNG、JPEG、GIF、BMP 格式）。",
        ) from exc


def _signature(doc: DocxDocument, report: Report) -> None:
    """署名右空二字; the date below it starts two characters further right (GB/T 9704-2012 7.3.5.2);
    when the date is the longer line, the date keeps the two characters and the name moves left."""
    lines = signature_lines(report)
    if not lines:
        return
    doc.add_paragraph()  # 正文下空一行
    indents = signature_indents(lines)
    for n, (line, right) in enumerate(zip(lines, indents, strict=True)):
        par = doc.add_paragraph()
        set_style(par, SIGNATURE)
        par.paragraph_format.right_indent = Pt(right * (L.BODY_PT + L.BODY_CHAR_SPACING_PT))
        par.paragraph_format.keep_with_next = n < len(lines) - 1
        add_text(par, line, L.BODY_FONT, L.BODY_PT)
