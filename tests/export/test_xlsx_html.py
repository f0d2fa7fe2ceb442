"""The Excel workbook and the web page: the official layouts of model.grid, numbers as numbers, no links."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from openpyxl.utils import absolute_coordinate

from export.content import cn_date
from export.html_writer import html_text
from export.xlsx_writer import FIRST_ROW, xlsx_bytes
from model.grid import table_grid
from model.report import Cell, format_number
from model.sample import load_sample
from tests.seed_projects import seed_report

TABLES = ("t2", "t3", "t4")


def _numbered(report):
    for n, key in enumerate(report.format.cells):
        report.cells[key] = Cell(2000 + n)
    return report


@pytest.fixture(scope="module", params=["sample", "seed_000"])
def report(request):
    r = load_sample() if request.param == "sample" else seed_report("seed_000")
    return _numbered(r)


@pytest.fixture(scope="module")
def workbook(report):
    return load_workbook(io.BytesIO(xlsx_bytes(report)))


def test_one_sheet_per_table_named_by_its_section(report, workbook):
    assert workbook.sheetnames == [s.heading for s in report.format.sections if s.table]


def test_xlsx_merges_labels_and_numbers_follow_the_grid(report, workbook):
    for name, table in zip(workbook.sheetnames, TABLES, strict=True):
        ws = workbook[name]
        grid = table_grid(report.format_id, table)
        merged = {str(r) for r in ws.merged_cells.ranges}
        for cell in grid.cells:
            xl = ws.cell(FIRST_ROW + cell.row, cell.col + 1)
            if cell.key is None:
                assert xl.value == cell.text
            else:
                assert xl.value == report.value(cell.key) and isinstance(xl.value, int)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = ws.cell(FIRST_ROW + cell.row + cell.rowspan - 1, cell.col + cell.colspan)
                assert f"{xl.coordinate}:{end.coordinate}" in merged
        table_merges = {m for m in ws.merged_cells.ranges if m.min_row >= FIRST_ROW}
        assert len(table_merges) == sum(1 for c in grid.cells if c.rowspan > 1 or c.colspan > 1)


def test_xlsx_prints_one_page_wide_with_borders_and_repeated_headers(report, workbook):
    for name, table in zip(workbook.sheetnames, TABLES, strict=True):
        ws = workbook[name]
        grid = table_grid(report.format_id, table)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        last = absolute_coordinate(ws.cell(FIRST_ROW + grid.n_rows - 1, grid.n_cols).coordinate)
        assert ws.print_area == f"'{name}'!$A$1:{last}"
        if grid.header_rows:
            assert ws.print_title_rows == f"${FIRST_ROW}:${FIRST_ROW + grid.header_rows - 1}"
        # every (merged) cell is outlined: Excel draws a merged range's border from its edge cells
        for cell in grid.cells:
            top, left = FIRST_ROW + cell.row, cell.col + 1
            bottom, right = top + cell.rowspan - 1, left + cell.colspan - 1
            for c in range(left, right + 1):
                assert ws.cell(top, c).border.top.style == "thin"
                assert ws.cell(bottom, c).border.bottom.style == "thin"
            for r in range(top, bottom + 1):
                assert ws.cell(r, left).border.left.style == "thin"
                assert ws.cell(r, right).border.right.style == "thin"


def test_xlsx_empty_cells_are_zero_and_money_stays_decimal():
    report = load_sample()
    report.cells.pop("t3.new_received@natural_person")
    wb = load_workbook(io.BytesIO(xlsx_bytes(report)))
    t3 = table_grid(report.format_id, "t3").value_cell("t3.new_received@natural_person")
    assert wb.worksheets[1].cell(FIRST_ROW + t3.row, t3.col + 1).value == 0
    fee = table_grid(report.format_id, "t2").value_cell("t2.art20_8.admin_fee.amount")
    got = wb.worksheets[0].cell(FIRST_ROW + fee.row, fee.col + 1).value
    assert Decimal(str(got)) == report.value("t2.art20_8.admin_fee.amount") == Decimal("35.62")


class _Tables(HTMLParser):
    """Collects every table cell with its spans, and every outside reference."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[dict]]] = []
        self.cell: dict | None = None
        self.outside: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag in ("script", "link", "iframe"):
            self.outside.append(tag)
        for attr in ("src", "href"):
            if a.get(attr) and not a[attr].startswith("data:"):
                self.outside.append(a[attr])
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = {"rowspan": int(a.get("rowspan", 1)), "colspan": int(a.get("colspan", 1)), "text": ""}
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def test_html_tables_have_the_grid_spans_and_numbers(report):
    parser = _Tables()
    parser.feed(html_text(report))
    assert len(parser.tables) == 3
    for rows, table in zip(parser.tables, TABLES, strict=True):
        grid = table_grid(report.format_id, table)
        by_row = sorted(grid.cells, key=lambda c: (c.row, c.col))
        got = [c for row in rows for c in row]
        assert len(rows) == grid.n_rows and len(got) == len(by_row)
        for cell, html_cell in zip(by_row, got, strict=True):
            assert (html_cell["rowspan"], html_cell["colspan"]) == (cell.rowspan, cell.colspan)
            want = cell.text if cell.key is None else format_number(report.value(cell.key), "0")
            assert html_cell["text"] == want


def test_html_is_self_contained_with_inline_styles(report):
    text = html_text(report)
    parser = _Tables()
    parser.feed(text)
    assert parser.outside == []
    assert "<style" not in text  # CMS editors drop style blocks; every element carries its own
    assert text.count('style="') > 100
    assert f">{report.meta.agency}</p>" in text
    assert f">{cn_date(report.meta.publication_date)}</p>" in text


class _Attributes(HTMLParser):
    """Every start tag's attributes as a browser reads them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


KNOWN_ATTRIBUTES = {
    "style",
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "width",
    "border",
    "cellspacing",
    "cellpadding",
    "rowspan",
    "colspan",
    "data-table",
    "src",
    "alt",
}


def test_html_style_attributes_are_whole(report):
    """A double quote inside style="…" (a quoted font name) ends the attribute early: the fonts, sizes and
    indents after it are lost and the rest turns into junk attributes."""
    parser = _Attributes()
    parser.feed(html_text(report))
    for tag, attrs in parser.tags:
        assert set(attrs) <= KNOWN_ATTRIBUTES, (tag, attrs)
    h1 = next(attrs for tag, attrs in parser.tags if tag == "h1")
    assert "font-size:22pt" in h1["style"] and "方正小标宋简体" in h1["style"]
    body = [attrs["style"] for tag, attrs in parser.tags if tag == "p" and "text-indent:2em" in attrs.get("style", "")]
    assert body and all("仿宋_GB2312" in s and "font-size:16pt" in s for s in body)


def test_html_says_what_the_report_says(report):
    text = html_text(report)
    plain = unescape(re.sub(r"<[^>]+>", "", text))
    for s in report.format.sections:
        assert f">{s.heading}</h2>" in text
    blocks = [b for k in ("preamble", "一", "二", "三", "四", "五", "六") for b in report.blocks(k)]
    assert blocks
    positions = [plain.index(b.text) for b in blocks]
    assert positions == sorted(positions)
    for b in blocks:
        if b.kind == "heading":
            assert f">{b.text}</h3>" in text


def test_html_escapes_text_and_keeps_line_breaks():
    from model.report import Block

    report = load_sample()
    report.narrative["六"] = [Block("paragraph", "收费<0>元 & 无\n第二行")]
    text = html_text(report)
    assert "收费&lt;0&gt;元 &amp; 无<br>第二行</p>" in text
