"""A `model.grid` layout → a Word table with the official merged cells.

Widths are explicit (fixed layout, grid columns and every cell in twips) so WPS and LibreOffice show
what Word shows; header rows repeat on a new page and no row splits across pages.
"""
from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table, _Cell

from export import layout as L
from export.content import cell_text
from export.docx_base import TABLE_TEXT, add_text, set_style
from model.grid import Grid
from model.report import Report

_ALIGN = {"value": WD_ALIGN_PARAGRAPH.CENTER, "header": WD_ALIGN_PARAGRAPH.CENTER,
          "caption": WD_ALIGN_PARAGRAPH.CENTER, "corner": WD_ALIGN_PARAGRAPH.CENTER,
          "label": WD_ALIGN_PARAGRAPH.LEFT}


def column_twips(grid: Grid, total: int = L.TEXT_WIDTH_TWIPS) -> list[int]:
    """Relative widths → twips summing exactly to the text width (the last column takes the rounding)."""
    widths = [int(total * w) for w in grid.col_widths]
    widths[-1] += total - sum(widths)
    return widths


def add_table(doc: DocxDocument, report: Report, grid: Grid) -> Table:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    widths = column_twips(grid)
    _set_table_properties(table, widths)
    trs = table._tbl.tr_lst
    # Merged at the XML level by grid offset: Table.cell() re-walks the whole table on every call.
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        if cell.rowspan > 1 or cell.colspan > 1:
            trs[cell.row].tc_at_grid_offset(cell.col).merge(
                trs[cell.row + cell.rowspan - 1].tc_at_grid_offset(cell.col + cell.colspan - 1))
    for r, row in enumerate(table.rows):
        _set_row_properties(row._tr, header=r < grid.header_rows)
    # Every paragraph of every w:tc (also the hidden ones under a vertical merge) gets the table style,
    # or an empty body-style paragraph there would stretch the row to a 28.9 pt line.
    for p in table._tbl.iter(qn("w:p")):
        p.get_or_add_pPr().style = TABLE_TEXT
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            _set_cell_width(tc, sum(widths[col:col + tc.grid_span]))
            col += tc.grid_span
    for cell in grid.cells:
        tc = _Cell(trs[cell.row].tc_at_grid_offset(cell.col), table)
        tc.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        par = tc.paragraphs[0]
        set_style(par, TABLE_TEXT)
        par.paragraph_format.alignment = _ALIGN[cell.kind]
        add_text(par, cell_text(report, cell), L.TABLE_FONT, L.TABLE_PT)
    # A caption or header row never ends a page: in Word a table row follows the keep-with-next of its
    # paragraphs, so each sub-table of 表二 stays with its first numbers and 表四 stays whole.
    rows_with_values = {c.row for c in grid.cells if c.is_value}
    keep = {r for r in range(grid.n_rows) if r not in rows_with_values}
    # A row group such as （五）不予处理 1–5 stays on one page, so its merged label is never cut in two;
    # the long 三、本年度办理结果 group cannot, and breaks between its sub-groups instead.
    for c in grid.cells:
        if c.kind == "label" and 1 < c.rowspan <= L.TABLE_KEEP_GROUP_MAX_ROWS:
            keep.update(range(c.row, c.row + c.rowspan - 1))
    for r, tr in enumerate(table._tbl.tr_lst):
        if r in keep:
            for p in tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = True
    return table


def _set_table_properties(table: Table, widths: list[int]) -> None:
    tbl = table._tbl
    b = L.TABLE_BORDER_EIGHTHS
    borders = "".join(f'<w:{side} w:val="single" w:sz="{b}" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad = L.mm_to_twips(L.TABLE_CELL_MARGIN_MM)
    pad_v = L.mm_to_twips(L.TABLE_CELL_MARGIN_TOP_MM)
    tbl_pr = parse_xml(
        f"<w:tblPr {nsdecls('w')}><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f"<w:tblCellMar><w:top w:w=\"{pad_v}\" w:type=\"dxa\"/><w:left w:w=\"{pad}\" w:type=\"dxa\"/>"
        f"<w:bottom w:w=\"{pad_v}\" w:type=\"dxa\"/><w:right w:w=\"{pad}\" w:type=\"dxa\"/></w:tblCellMar>"
        f"<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
        f"w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>")
    tbl.replace(tbl.tblPr, tbl_pr)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))


def _set_row_properties(tr, *, header: bool) -> None:
    tr_pr = tr.get_or_add_trPr()
    for child in list(tr_pr):
        tr_pr.remove(child)
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _set_cell_width(tc, twips: int) -> None:
    tc_pr = tc.get_or_add_tcPr()
    tcw = tc_pr.find(qn("w:tcW"))
    if tcw is None:
        tcw = parse_xml(f'<w:tcW {nsdecls("w")}/>')
        tc_pr.insert(0, tcw)
    tcw.set(qn("w:w"), str(twips))
    tcw.set(qn("w:type"), "dxa")
