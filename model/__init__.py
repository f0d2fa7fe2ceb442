"""Headless core of 政府信息公开年报助手: the report, the formats, the checks, the project file.

No Qt here (enforced by ruff's banned-api rule and by tests/model/test_headless.py).
"""

from __future__ import annotations

from model.checks import Finding, check, counts
from model.edits import Changes, EditRejected, apply
from model.errors import NianbaoError
from model.formats import Format, format_for_year, format_ids, get_format
from model.grid import Grid, GridCell, table_grid
from model.report import Block, Cell, Meta, PreviousYear, Report, format_number, new_report, parse_number

__all__ = [
    "Block",
    "Cell",
    "Changes",
    "EditRejected",
    "Finding",
    "Format",
    "Grid",
    "GridCell",
    "Meta",
    "NianbaoError",
    "PreviousYear",
    "Report",
    "apply",
    "check",
    "counts",
    "format_for_year",
    "format_ids",
    "format_number",
    "get_format",
    "new_report",
    "parse_number",
    "table_grid",
]
