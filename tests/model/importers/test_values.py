"""How one published cell text is read: numbers, placeholders, blanks, units, full-width digits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.importers.values import read_cell


@pytest.mark.parametrize(
    ("raw", "value", "read_as"),
    [
        ("12", 12, "number"),
        ("\u300012\u3000", 12, "number"),
        ("１２", 12, "number"),
        ("\xa00", 0, "number"),
        ("1,234", 1234, "number"),
        ("3件", 3, "number"),
        ("无", None, "placeholder"),
        ("-", None, "placeholder"),
        ("／", None, "placeholder"),
        ("—", None, "placeholder"),
        ("——", None, "placeholder"),
        ("", None, "blank"),
        ("\u3000 ", None, "blank"),
        ("约10", None, "unreadable"),
        ("3.5", None, "unreadable"),
        ("-2", None, "unreadable"),
    ],
)
def test_count_cells(raw, value, read_as):
    cell, _ = read_cell(raw, "int")
    assert (cell.value, cell.read_as, cell.raw, cell.origin) == (value, read_as, raw, "imported")


def test_signed_cells_keep_negative_numbers():
    assert read_cell("-8", "signed_int")[0].value == -8
    assert read_cell("－８", "signed_int")[0].value == -8


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("25.1", Decimal("25.1")),
        ("0.35", Decimal("0.35")),
        ("0", 0),
        ("２５．１", Decimal("25.1")),
        ("25.1万元", Decimal("25.1")),
    ],
)
def test_money_in_wan_yuan(raw, value):
    cell, note = read_cell(raw, "decimal", "万元")
    assert cell.value == value and cell.read_as == "number" and note == ""
    assert isinstance(cell.value, Decimal)


def test_yuan_converted_to_wan_yuan_and_said():
    cell, note = read_cell("251000元", "decimal", "万元")
    assert cell.value == Decimal("25.1") and cell.raw == "251000元"
    assert "251000元" in note and "25.1万元" in note


def test_unit_stripped_is_said_and_unreadable_is_said():
    assert "件" in read_cell("3件", "int")[1]
    cell, note = read_cell("见附件", "int")
    assert cell.read_as == "unreadable" and "无法识别" in note
    assert read_cell("12", "int")[1] == "" and read_cell("无", "int")[1] == ""
