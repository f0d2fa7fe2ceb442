"""A clerk's text in a number cell means the same whether it is imported, typed or pasted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gui.table.paste import parse_clipboard, plan_paste
from model.entry import PLACEHOLDERS, NotANumber, could_be_entry, editable, is_placeholder, read_entry
from model.grid import table_grid
from model.importers.values import read_cell
from model.report import new_report
from model.sample import load_sample

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12", 12),
        ("１２", 12),
        ("1,234", 1234),
        (" 7\u3000", 7),
        ("\xa00", 0),
        ("3.0", 3),
        ("", None),
        ("  ", None),
        ("无", None),
        ("—", None),
        ("/", None),
        ("-", None),
    ],
)
def test_cell_texts(text, expected):
    assert read_entry(text, "int") == expected


def test_decimal_cells_keep_decimals_and_counts_refuse_them():
    assert read_entry("35.62", "decimal") == Decimal("35.62")
    with pytest.raises(ValueError):
        read_entry("3.5", "int")
    with pytest.raises(ValueError):
        read_entry("约10", "int")


def test_refusals_say_why_in_chinese():
    with pytest.raises(NotANumber, match="整数"):
        read_entry("3.5", "int")
    with pytest.raises(NotANumber, match="负数"):
        read_entry("-3", "int")
    with pytest.raises(NotANumber, match="负数"):
        read_entry("-0.5", "decimal")
    assert read_entry("－８", "signed_int") == -8
    with pytest.raises(NotANumber, match="数字"):
        read_entry("约10", "int")


SPELLINGS = sorted(PLACEHOLDERS) + ["n/A", "NONE", " 无 ", "\u3000没有", "———", "//", "Null"]


@pytest.mark.parametrize("text", SPELLINGS)
def test_import_typing_and_paste_read_every_placeholder_alike(text):
    # Import: unfilled, remembered as a placeholder.
    cell, _note = read_cell(text, "int")
    assert (cell.value, cell.read_as) == (None, "placeholder")
    # Typing: every keystroke on the way is allowed, and the committed text is unfilled.
    assert all(could_be_entry(text[:i]) for i in range(1, len(text) + 1))
    assert read_entry(text, "int") is None and read_entry(text, "decimal") is None
    # Paste: the block is taken, the cell left unfilled and counted as a placeholder.
    report = new_report("测试局", 2026)
    start = "t3.new_received@natural_person"
    plan = plan_paste(report, table_grid(report.format_id, "t3"), start, parse_clipboard(f"5\t{text}\n"))
    assert plan.ok and plan.values[start] == 5
    second = [k for k in plan.values if k != start][0]
    assert plan.values[second] is None and plan.placeholders == [second]
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["约10", "3.5", "十二", "abc", "3件件"])
def test_what_is_not_a_number_is_refused_by_typing_and_paste_and_unread_by_import(text):
    assert read_cell(text, "int")[0].read_as == "unreadable"
    with pytest.raises(NotANumber):
        read_entry(text, "int")
    report = new_report("测试局", 2026)
    plan = plan_paste(report, table_grid(report.format_id, "t3"), "t3.new_received@natural_person", [[text]])
    assert not plan.ok and plan.bad


def test_keystrokes_that_cannot_become_a_number_or_placeholder_are_refused():
    assert could_be_entry("12") and could_be_entry("１,2") and could_be_entry("N") and could_be_entry("没")
    assert not could_be_entry("约") and not could_be_entry("x") and not could_be_entry("12件")


def test_only_computed_totals_in_auto_mode_are_not_editable():
    r = load_sample()
    derived = [k for k, c in r.format.cells.items() if c.derived]
    assert derived and not any(editable(r, k) for k in derived)
    assert all(editable(r, k) for k in r.format.cells if k not in derived)
    r.totals_mode = "manual"
    assert all(editable(r, k) for k in r.format.cells)
