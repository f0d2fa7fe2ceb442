"""Report → one Excel workbook with the three official tables, one sheet each.

What an upper-level office asks for when it adds up its units' reports: the official layout (merged
headers, labels, borders), numbers stored as numbers (0 for an empty cell), printable one page wide.
"""

from __future__ import annotations

import io
import math
import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export import layout as L
from export.content import DRAFT_NOTE, cell_text, grid, text_width_em, xml_safe
from export.files import write_file
from model.grid import Grid
from model.report import Report, decimal_places

FIRST_ROW = 3  # row 1: the section heading, row 2: the agency and year, then the table
_LINE_PT = 14.0  # one line of 10.5 pt text with leading
_CJK_UNITS = 2.0  # an Excel column-width unit is one digit; a CJK character takes about two
_SIDE = Side(style="thin", color="000000")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
_ALIGN = {"value": "center", "header": "center", "caption": "center", "corner": "center", "label": "left"}


def xlsx_bytes(report: Report, draft: bool = False) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    headings = {s.table: s.heading for s in report.format.sections if s.table}
    for table in report.format.tables:
        ws = wb.create_sheet(_sheet_title(headings[table]))
        _write_sheet(ws, report, grid(report, table), headings[table])
        if draft:
            _mark_draft(ws)
    wb.properties.title = xml_safe(report.meta.display_title)
    wb.properties.creator = xml_safe(report.meta.agency) or "政府信息公开年报助手"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    write_file(path, xlsx_bytes(report, draft))


def _mark_draft(ws: Worksheet) -> None:
    """On screen: the sheet's second line says it in red; on paper: the page header too."""
    ws["A2"] = f"{DRAFT_NOTE}　　{ws['A2'].value}"
    ws["A2"].font = Font(name=L.XLSX_FONT, size=L.XLSX_FONT_PT, bold=True, color="C00000")
    ws.oddHeader.center.text = DRAFT_NOTE
    ws.oddHeader.center.color = "C00000"


def _sheet_title(heading: str) -> str:
    bad = str.maketrans({c: "_" for c in "[]:*?/\\"})
    return heading.translate(bad)[:31]


def _write_sheet(ws: Worksheet, report: Report, g: Grid, heading: str) -> None:
    font = Font(name=L.XLSX_FONT, size=L.XLSX_FONT_PT)
    last_col = get_column_letter(g.n_cols)
    ws["A1"] = heading
    ws["A1"].font = Font(name=L.XLSX_FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws["A2"] = xml_safe(f"填报单位：{report.meta.agency}　　报告年度：{report.meta.year}年")
    ws["A2"].font = font
    ws.merge_cells(f"A2:{last_col}2")
    ws.row_dimensions[1].height = 24
    widths = [w * L.XLSX_TABLE_WIDTH_CHARS for w in g.col_widths]
    for n, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = round(w, 2)
    for r in range(g.n_rows):
        for c in range(g.n_cols):
            ws.cell(FIRST_ROW + r, c + 1).border = _BORDER  # merged areas need the border on every cell
    lines = [1] * g.n_rows
    for cell in g.cells:
        xl = ws.cell(FIRST_ROW + cell.row, cell.col + 1)
        if cell.key is not None:
            value = report.value(cell.key)
            xl.value = 0 if value is None else value
            places = decimal_places(value)
            if places:  # Excel keeps a number, not its digits: the format shows 1234.50 as typed
                xl.number_format = "0." + "0" * places
        else:
            xl.value = cell.text
        xl.font = font
        xl.alignment = Alignment(horizontal=_ALIGN[cell.kind], vertical="center", wrap_text=True)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=FIRST_ROW + cell.row,
                start_column=cell.col + 1,
                end_row=FIRST_ROW + cell.row + cell.rowspan - 1,
                end_column=cell.col + cell.colspan,
            )
        if cell.rowspan == 1:
            room = sum(widths[cell.col : cell.col + cell.colspan]) - 1
            need = text_width_em(cell_text(report, cell)) * _CJK_UNITS
            lines[cell.row] = max(lines[cell.row], math.ceil(need / max(room, 1)))
    # Excel does not grow a row for wrapped text in merged cells, so the heights are set here.
    for r, n in enumerate(lines):
        ws.row_dimensions[FIRST_ROW + r].height = max(n, 1) * _LINE_PT + 4
    last_row = FIRST_ROW + g.n_rows - 1
    ws.print_area = f"A1:{last_col}{last_row}"
    if g.header_rows:
        ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW + g.header_rows - 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if g.n_cols > 10 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
