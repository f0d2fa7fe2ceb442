"""Building test .docx files the way different agencies write them, from the official grid layout.

Each call can rename labels, write any text into value cells, drop rows, break the tables apart or
leave out the heading styles — the variations of real published reports, built in `tmp_path` instead of
committing binaries.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document

from model.formats import get_format
from model.grid import table_grid

SECTION_HEADINGS = {s.no: s.heading for s in get_format("gb_2021").sections}


def add_grid_table(
    doc: Document,
    format_id: str,
    table: str,
    text_for: Callable[[str], str],
    relabel: dict[str, str] | None = None,
    drop_rows_with: tuple[str, ...] = (),
) -> None:
    """The official table, merged as published; `text_for(key)` gives each value cell's text."""
    grid = table_grid(format_id, table)
    relabel = relabel or {}
    t = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    t.style = "Table Grid"
    for gc in grid.cells:
        cell = t.cell(gc.row, gc.col)
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(t.cell(gc.row + gc.rowspan - 1, gc.col + gc.colspan - 1))
        cell.text = text_for(gc.key) if gc.key else relabel.get(gc.text, gc.text)
    for r in (
        sorted({gc.row for gc in grid.cells if gc.key and gc.key.startswith(drop_rows_with)}, reverse=True)
        if drop_rows_with
        else []
    ):
        tr = t.rows[r]._tr
        tr.getparent().remove(tr)


def build(
    path: Path,
    *,
    format_id: str = "gb_2021",
    title: str = "测试县审计局2025年政府信息公开工作年度报告",
    heading: Callable[[Document, str], None] | None = None,
    sections: dict[str, list[str]] | None = None,
    text_for: Callable[[str], str] = lambda key: "1",
    relabel: dict[str, str] | None = None,
    tables: tuple[str, ...] = ("t2", "t3", "t4"),
    drop_rows_with: tuple[str, ...] = (),
    signature: tuple[str, ...] = ("测试县审计局", "2026年1月20日"),
) -> Path:
    doc = docx.Document()
    p = doc.add_paragraph()
    p.add_run(title).bold = True
    doc.add_paragraph("根据《中华人民共和国政府信息公开条例》要求编制本报告。")
    sections = sections if sections is not None else {no: [f"第{no}部分的正文。"] for no in "一五六"}
    for no in "一二三四五六":
        table = {"二": "t2", "三": "t3", "四": "t4"}.get(no)
        if no not in sections and table not in tables:
            continue  # a section the report leaves out (seed 004 has no 六)
        (heading or _styled)(doc, SECTION_HEADINGS[no])
        for text in sections.get(no, []):
            doc.add_paragraph(text)
        if table in tables:
            add_grid_table(doc, format_id, table, text_for, relabel, drop_rows_with)
    for line in signature:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _styled(doc: Document, text: str) -> None:
    doc.add_heading(text, level=1)


def bold_indented(doc: Document, text: str) -> None:
    """Clerk style: no heading style, two full-width spaces, bold run."""
    p = doc.add_paragraph("\u3000\u3000")
    p.add_run(text).bold = True


def numbered_list(doc: Document, text: str) -> None:
    """Word list numbering supplies "一、"; the paragraph text is only the title."""
    p = doc.add_paragraph(text.split("、", 1)[1], style="List Number")
    p.runs[0].bold = True
