"""A decimal keeps the precision typed (issue 14: 1234.50 was printed 1234.5): in the model, the project
file, the table view and every writer."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from export.docx_writer import docx_bytes
from export.html_writer import html_text
from export.xlsx_writer import xlsx_bytes
from model import project_file
from model.importers import import_file
from model.report import format_number, parse_number
from model.sample import load_sample
from tests.export.helpers import open_docx

FEE = "t2.art20_8.admin_fee.amount"


@pytest.mark.parametrize("typed", ["1234.50", "0.10", "35.620", "12.00", "7"])
def test_parse_and_format_keep_the_digits(typed):
    assert format_number(parse_number(typed, "decimal")) == typed


def report_with(typed: str):
    report = load_sample()
    report.cells[FEE].value = parse_number(typed, "decimal")
    return report


def test_the_project_file_keeps_them(tmp_path):
    path = tmp_path / "报告.nianbao"
    project_file.save(report_with("1234.50"), path)
    loaded, _ = project_file.load(path)
    assert format_number(loaded.value(FEE)) == "1234.50"


def test_docx_html_and_xlsx_print_them(tmp_path):
    report = report_with("1234.50")
    doc = open_docx(docx_bytes(report))
    texts = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "1234.50" in texts and "1234.5" not in texts
    assert ">1234.50<" in html_text(report)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report))).worksheets[0]
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value is not None and str(c.value).startswith("1234.5")
    )
    assert Decimal(str(cell.value)) == Decimal("1234.5") and cell.number_format == "0.00"


def test_an_exported_report_imports_with_the_same_digits(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(docx_bytes(report_with("1234.50")))
    imported, _log = import_file(path)
    assert format_number(imported.value(FEE)) == "1234.50"
