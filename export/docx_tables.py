"""A `model.grid` layout → a Word table with the official merged cells.

Widths are explicit (fixed layout, grid columns and every cell in twips) so WPS and LibreOffice show
what Word shows; header rows repeat on a new page and no row splits across pages.
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.simpletypes import ST_Merge
from docx.table import Table
from docx.text.paragraph import Paragraph

from export import layout as L
from export.content import cell_text, rows_kept_with_next
from export.docx_base import TABLE_TEXT, add_text
from model.grid import Grid
from model.report import Report

_ALIGN = {
    "value": WD_ALIGN_PARAGRAPH.CENTER,
    "header": WD_ALIGN_PARAGRAPH.CENTER,
    "caption": WD_ALIGN_PARAGRAPH.CENTER,
    "corner": WD_ALIGN_PARAGRAPH.CENTER,
    "label": WD_ALIGN_PARAGRAPH.LEFT,
}


def column_twips(grid: Grid, total: int = L.TEXT_WIDTH_TWIPS) -> list[int]:
    """Relative widths → twips summing exactly to the text width (the last column takes the rounding)."""
    widths = [int(total * w) for w in grid.col_widths]
    widths[-1] += total - sum(widths)
    return widths


def add_table(doc: DocxDocument, report: Report, grid: Grid) -> Table:
    table: Table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    widths = column_twips(grid)
    _set_table_properties(table, widths)
    trs = table._tbl.tr_lst
    _merge_cells(trs, grid)
    keep = rows_kept_with_next(grid)
    tc_at = {}  # (row, grid column) → w:tc, after the merges
    for r, tr in enumerate(trs):
        _set_row_properties(tr, header=r < grid.header_rows)
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            _set_cell_width(tc, sum(widths[col : col + span]))
            tc_at[r, col] = tc
            col += span
    first_paragraphs = {}  # w:p → its cell's alignment
    number_pt = L.table_number_pt(grid.col_widths, {c.col for c in grid.cells if c.is_value})
    for cell in grid.cells:
        tc = tc_at[cell.row, cell.col]
        tc.get_or_add_tcPr().vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = tc.p_lst[0]
        first_paragraphs[p] = _ALIGN[cell.kind]
        size = number_pt if cell.is_value else L.TABLE_PT
        add_text(Paragraph(p, table), cell_text(report, cell), L.TABLE_FONT, size)
    # Every paragraph of every w:tc (also the hidden ones under a vertical merge) gets the table style,
    # or an empty body-style paragraph there would stretch the row to a 28.9 pt line. A cell's first
    # paragraph also gets its alignment; rows in `keep` keep with the next. The paragraphs of a table
    # python-docx has just made have no w:pPr yet, so it goes in first, before the runs.
    for r, tr in enumerate(trs):
        for p in tr.iter(qn("w:p")):
            p.insert(0, deepcopy(_paragraph_properties(first_paragraphs.get(p), r in keep)))
    return table


def _merge_cells(trs: list[Any], grid: Grid) -> None:
    """The official merged cells, in one pass over the fresh table (one empty w:tc per grid column): what
    python-docx's CT_Tc.merge writes — gridSpan on the first w:tc of each row of a span, the others of
    that row removed, vMerge restart/continue down a tall span — without its rectangle checks and XPath
    walks, which were half of the export time. Widths are set afterwards, for every w:tc alike."""
    starts: dict[tuple[int, int], tuple[int, str | None]] = {}
    covered: set[tuple[int, int]] = set()
    for c in grid.cells:
        if c.rowspan == 1 and c.colspan == 1:
            continue
        for r in range(c.row, c.row + c.rowspan):
            vmerge = None if c.rowspan == 1 else ST_Merge.RESTART if r == c.row else ST_Merge.CONTINUE
            starts[r, c.col] = (c.colspan, vmerge)
            covered.update((r, col) for col in range(c.col + 1, c.col + c.colspan))
    for r, tr in enumerate(trs):
        for col, tc in enumerate(tr.tc_lst):
            if (r, col) in covered:
                tr.remove(tc)
            elif (r, col) in starts:
                span, vmerge = starts[r, col]
                if span > 1:
                    tc.grid_span = span
                if vmerge is not None:
                    tc.vMerge = vmerge


@lru_cache(maxsize=16)
def _paragraph_properties(align: WD_ALIGN_PARAGRAPH | None, keep_next: bool) -> Any:
    """A table paragraph's w:pPr, made once by python-docx (so in schema order) and copied into each
    paragraph: setting the style, alignment and keep-with-next one by one on ~700 paragraphs a report
    was a third of the export time."""
    ppr = OxmlElement("w:p").get_or_add_pPr()
    ppr.style = TABLE_TEXT
    if keep_next:
        ppr.keepNext_val = True
    if align is not None:
        ppr.jc_val = align
    return ppr


def _set_table_properties(table: Table, widths: list[int]) -> None:
    tbl = table._tbl
    b = L.TABLE_BORDER_EIGHTHS
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{b}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    pad = L.mm_to_twips(L.TABLE_CELL_MARGIN_MM)
    pad_v = L.mm_to_twips(L.TABLE_CELL_MARGIN_TOP_MM)
    tbl_pr = parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{pad_v}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad_v}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    tbl.replace(tbl.tblPr, tbl_pr)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))


_CANT_SPLIT = parse_xml(f"<w:cantSplit {nsdecls('w')}/>")
_TBL_HEADER = parse_xml(f"<w:tblHeader {nsdecls('w')}/>")


def _set_row_properties(tr: Any, *, header: bool) -> None:
    tr_pr = tr.get_or_add_trPr()
    for child in list(tr_pr):
        tr_pr.remove(child)
    tr_pr.append(deepcopy(_CANT_SPLIT))
    if header:
        tr_pr.append(deepcopy(_TBL_HEADER))


def _set_cell_width(tc: Any, twips: int) -> None:
    tc_pr = tc.get_or_add_tcPr()
    tcw = tc_pr.find(qn("w:tcW"))
    if tcw is None:
        tcw = parse_xml(f"<w:tcW {nsdecls('w')}/>")
        tc_pr.insert(0, tcw)
    tcw.set(qn("w:w"), str(twips))
    tcw.set(qn("w:type"), "dxa")
