"""The three DOCX tables against `model.grid`, for both formats: every merge, label and number in place."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from export import layout as L
from export.docx_writer import docx_bytes
from model.grid import table_grid
from model.report import Cell, format_number
from model.sample import load_sample
from tests.export.helpers import body_tables, effective_font, effective_size_pt, open_docx, table_spans
from tests.seed_projects import seed_report

TABLES = ("t2", "t3", "t4")


def _reports():
    sample = load_sample()
    seed = seed_report("seed_000")
    # Distinct numbers in every cell, so a value written into a neighbour's cell cannot pass.
    for report in (sample, seed):
        for n, key in enumerate(report.format.cells):
            report.cells[key] = Cell(1000 + n)
    return {"gb_2021": sample, "gb_2019": seed}


REPORTS = _reports()
DOCS = {fid: open_docx(docx_bytes(r)) for fid, r in REPORTS.items()}


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@pytest.mark.parametrize("n,table", list(enumerate(TABLES)))
def test_merges_labels_and_numbers_are_where_the_grid_puts_them(format_id, n, table):
    report, doc = REPORTS[format_id], DOCS[format_id]
    grid = table_grid(format_id, table)
    spans = {(s.row, s.col): s for s in table_spans(body_tables(doc)[n])}
    assert set(spans) == {(c.row, c.col) for c in grid.cells}
    for cell in grid.cells:
        got = spans[(cell.row, cell.col)]
        assert (got.rowspan, got.colspan) == (cell.rowspan, cell.colspan), cell
        want = cell.text if cell.key is None else format_number(report.value(cell.key))
        assert got.text == want, cell


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
def test_grid_columns_and_row_lengths_agree(format_id):
    """Word shows a repair prompt when a row's cells do not add up to the table grid."""
    for tbl in body_tables(DOCS[format_id]):
        n_cols = len(tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
        for tr in tbl.findall(qn("w:tr")):
            total = 0
            for tc in tr.findall(qn("w:tc")):
                gs = tc.find(qn("w:tcPr")).find(qn("w:gridSpan"))
                total += int(gs.get(qn("w:val"))) if gs is not None else 1
                assert tc.findall(qn("w:p")), "every cell needs a paragraph"
            assert total == n_cols


def test_empty_cells_are_written_as_zero_never_blank_or_wu():
    report = load_sample()
    keys = report.format.table_cells("t3")[:10] + report.format.table_cells("t2")[:3]
    for key in keys:
        report.cells.pop(key, None)
    doc = open_docx(docx_bytes(report))
    for n, table in enumerate(TABLES):
        grid = table_grid(report.format_id, table)
        spans = {(s.row, s.col): s for s in table_spans(body_tables(doc)[n])}
        for cell in grid.cells:
            if cell.key in keys:
                assert spans[(cell.row, cell.col)].text == "0"
            if cell.is_value:
                assert spans[(cell.row, cell.col)].text not in ("", "无")


def test_decimal_fee_keeps_its_decimals():
    report = load_sample()
    key = "t2.art20_8.admin_fee.amount"
    grid = table_grid(report.format_id, "t2")
    cell = grid.value_cell(key)
    spans = {(s.row, s.col): s for s in table_spans(body_tables(open_docx(docx_bytes(report)))[0])}
    assert spans[(cell.row, cell.col)].text == "35.62" == format_number(report.value(key))


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
def test_header_rows_repeat_and_no_row_splits(format_id):
    for n, table in enumerate(TABLES):
        grid = table_grid(format_id, table)
        rows = body_tables(DOCS[format_id])[n].findall(qn("w:tr"))
        for r, tr in enumerate(rows):
            pr = tr.find(qn("w:trPr"))
            assert pr is not None and pr.find(qn("w:cantSplit")) is not None
            assert (pr.find(qn("w:tblHeader")) is not None) == (r < grid.header_rows)


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
def test_tables_are_fixed_to_the_text_width(format_id):
    for n in range(len(TABLES)):
        tbl = body_tables(DOCS[format_id])[n]
        pr = tbl.find(qn("w:tblPr"))
        assert pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        cols = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        assert sum(cols) == int(pr.find(qn("w:tblW")).get(qn("w:w"))) == L.TEXT_WIDTH_TWIPS
        for span in table_spans(tbl):
            tcw = span.tc.find(qn("w:tcPr")).find(qn("w:tcW"))
            assert tcw.get(qn("w:type")) == "dxa"
            assert int(tcw.get(qn("w:w"))) == sum(cols[span.col : span.col + span.colspan])


def test_table_three_value_columns_hold_a_four_digit_number_on_one_line():
    """The choice of 五号 for the tables: 1,000–9,999 applications fit a value column of table 三."""
    grid = table_grid("gb_2021", "t3")
    value_col = min(w for w in grid.col_widths) * L.TEXT_WIDTH_MM
    room_pt = (value_col - 2 * L.TABLE_CELL_MARGIN_MM) / 25.4 * 72
    assert 4 * L.TABLE_PT * 0.5 < room_pt  # digits are half an em
    assert 2 * L.TABLE_PT < room_pt  # and two characters of a header such as 商业/企业


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
@pytest.mark.parametrize("table", ["t2", "t3"])
def test_six_digits_fit_every_value_column_in_the_widest_fallback_font(format_id, table):
    """Issue 14: table 三's 11.4 mm columns broke 3001 as "300/1" where 宋体 was replaced by a wider face."""
    grid = table_grid(format_id, table)
    value_cols = {c.col for c in grid.cells if c.is_value}
    size = L.table_number_pt(grid.col_widths, value_cols)
    for col in value_cols:
        room_pt = (grid.col_widths[col] * L.TEXT_WIDTH_MM - 2 * L.TABLE_CELL_MARGIN_MM) * L.PT_PER_MM
        assert 6 * 0.636 * size < room_pt  # DejaVu's digits, the widest of the usual substitutes
        assert 3 * L.TABLE_PT < room_pt  # 自然人 on one line


def test_numbers_are_centred_in_songti_wuhao():
    doc = DOCS["gb_2021"]
    grid = table_grid("gb_2021", "t3")
    spans = {(s.row, s.col): s for s in table_spans(body_tables(doc)[1])}
    for cell in grid.cells:
        tc = spans[(cell.row, cell.col)].tc
        p = tc.find(qn("w:p"))
        if cell.is_value:
            assert p.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"
        run = p.find(qn("w:r"))
        # Labels and headers in 五号; the numbers as large as lets six digits fit their column (小五 here).
        size = L.table_number_pt(grid.col_widths, {c.col for c in grid.cells if c.is_value}) if cell.is_value else 10.5
        assert effective_font(doc, run, p) == "宋体" and effective_size_pt(doc, run, p) == size
        assert size >= 9
        assert tc.find(qn("w:tcPr")).find(qn("w:vAlign")).get(qn("w:val")) == "center"


@pytest.mark.parametrize("format_id", ["gb_2021", "gb_2019"])
def test_row_groups_and_header_rows_keep_with_the_next_row(format_id):
    grid = table_grid(format_id, "t3")
    rows = body_tables(DOCS[format_id])[1].findall(qn("w:tr"))

    def keeps(r):
        return all(p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None for p in rows[r].iter(qn("w:p")))

    group = next(c for c in grid.cells if c.text == "（五）不予处理")
    assert all(keeps(r) for r in range(group.row, group.row + group.rowspan - 1))
    assert not keeps(group.row + group.rowspan - 1)  # the group's last row may end a page
    assert all(keeps(r) for r in range(grid.header_rows))
    assert not keeps(grid.n_rows - 1)
