"""Every number a cell can be given is one the project file, the checks and the writers handle (issue 12)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.report import MAX_ABS, parse_number, valid_number

NUMBERISH = st.text(alphabet="0123456789.,+-eE ０１２３４５６７８９．－ＥInfinityNaN", max_size=40)


@given(NUMBERISH | st.text(max_size=40))
def test_whatever_parses_is_a_valid_cell_value(text):
    for type_ in ("int", "signed_int", "decimal"):
        try:
            value = parse_number(text, type_)
        except ValueError:
            continue
        assert valid_number(value), (text, value)


@pytest.mark.parametrize("text", ["1e5000", "1e7", "1E+07", "1e-999999999", "1e999999999", "Infinity", "NaN", "sNaN"])
def test_exponent_and_special_values_are_refused(text):
    for type_ in ("int", "decimal"):
        with pytest.raises(ValueError):
            parse_number(text, type_)


def test_the_bounds():
    assert parse_number("999999999999999") == MAX_ABS - 1
    with pytest.raises(ValueError):
        parse_number("1000000000000000")
    assert parse_number("0.123456", "decimal") == Decimal("0.123456")
    with pytest.raises(ValueError):
        parse_number("0.1234567", "decimal")
    assert parse_number("3.0") == 3 and parse_number("1,234") == 1234 and parse_number("-8") == -8


@pytest.mark.parametrize(
    "value",
    [True, 10**15, -(10**15), Decimal("NaN"), Decimal("Infinity"), Decimal("1E+999999999"), Decimal("1E-40"), 1.5],
)
def test_values_outside_the_bounds_are_not_valid(value):
    assert not valid_number(value)
