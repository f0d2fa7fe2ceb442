"""What fits where in the exports (issue 14): pictures inside the type area both ways in .docx and .html,
numbers that never wrap on a phone, one empty line after each table."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given
from hypothesis import strategies as st

from export import layout as L
from export.docx_writer import docx_bytes
from export.html_writer import html_text
from model.report import Block
from model.sample import load_sample
from tests.export.helpers import open_docx, png


@given(st.integers(1, 6000), st.integers(1, 6000), st.one_of(st.none(), st.floats(5, 400)))
def test_picture_size_keeps_the_shape_and_fits_both_ways(w, h, width_mm):
    pw, ph = L.picture_mm(w, h, width_mm)
    assert pw <= L.TEXT_WIDTH_MM + 1e-6 and ph <= L.PICTURE_MAX_HEIGHT_MM + 1e-6
    assert ph == pytest.approx(pw * h / w, rel=1e-6)
    if width_mm and width_mm <= L.TEXT_WIDTH_MM and width_mm * h / w <= L.PICTURE_MAX_HEIGHT_MM:
        assert pw == pytest.approx(width_mm)  # a picture that fits keeps the size the clerk gave it


def tall_report():
    report = load_sample()
    report.narrative["一"].append(Block("image", image=png(800, 2000), image_type="png"))
    return report


def test_a_tall_picture_is_scaled_to_the_page_height_in_docx():
    doc = open_docx(docx_bytes(tall_report()))
    shape = doc.inline_shapes[-1]
    assert shape.height <= Mm(L.PICTURE_MAX_HEIGHT_MM) + 1
    assert shape.width / shape.height == pytest.approx(800 / 2000, rel=0.01)


def test_a_tall_picture_is_scaled_to_the_page_height_in_html():
    text = html_text(tall_report())
    style = re.findall(r'<img [^>]*style="([^"]+)"', text)[-1]
    width = float(re.search(r"width:([\d.]+)mm", style).group(1))
    assert width * 2000 / 800 <= L.PICTURE_MAX_HEIGHT_MM + 0.1
    assert "max-width:100%" in style


def test_html_numbers_never_break_and_tables_scroll_on_a_phone():
    text = html_text(load_sample())
    assert "break-all" not in text
    cells = re.findall(r'<td style="([^"]+)">(\d+(?:\.\d+)?)</td>', text)
    assert cells and all("white-space:nowrap" in style for style, _ in cells)
    assert text.count('style="overflow-x:auto;') == text.count("<table ")


def test_docx_has_one_empty_line_after_each_table():
    doc = open_docx(docx_bytes(load_sample()))
    body = doc.element.body
    for tbl in body.findall(qn("w:tbl")):
        after = tbl.getnext()
        assert after.tag == qn("w:p") and not "".join(after.itertext()).strip()
