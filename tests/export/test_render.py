"""The DOCX as LibreOffice lays it out: pages, page numbers, 22 lines × 28 characters, table 三's width.

Converted with `soffice --headless --convert-to pdf` and measured with `pdftotext -bbox-layout`
(positions in points, origin top left). Skipped where LibreOffice or poppler is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export import layout as L
from export.docx_writer import write_docx
from model.grid import table_grid
from model.report import Block
from model.sample import load_sample
from tests.export.pdf_lines import Line, pdf_pages
from tests.seed_projects import seed_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"),
]

PT_PER_MM = 72 / 25.4
LEFT = L.MARGIN_LEFT_MM * PT_PER_MM
RIGHT = (L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM) * PT_PER_MM
BODY_LINE = 18.0  # pdftotext line boxes: 三号 text is ~20.8 pt tall, 五号 table text ~13.7 pt


def render(report, folder: Path, name: str) -> list[list[Line]]:
    docx = folder / f"{name}.docx"
    write_docx(report, docx)
    env = dict(os.environ, HOME=str(folder))  # a private LibreOffice profile; no clash with a running one
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return pdf_pages(folder / f"{name}.pdf")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("render")


@pytest.fixture(scope="module")
def sample_pages(folder):
    return render(load_sample(), folder, "sample")


@pytest.fixture(scope="module")
def seed_pages(folder):
    return render(seed_report("seed_000"), folder, "seed_000")


@pytest.fixture(scope="module")
def long_pages(folder):
    report = load_sample()
    text = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。" * 6
    report.narrative["一"] = [Block("paragraph", text) for _ in range(12)]
    return render(report, folder, "long")


def _footer(page: list[Line]) -> Line:
    return max(page, key=lambda ln: ln.y0)


def _page_numbers_ok(pages: list[list[Line]]) -> None:
    mid = L.PAGE_WIDTH_MM * PT_PER_MM / 2
    for n, page in enumerate(pages, 1):
        foot = _footer(page)
        assert re.fullmatch(rf"—\s*{n}\s*—", foot.text), foot
        assert foot.y0 > (L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM) * PT_PER_MM  # below the type area
        if n % 2:
            assert foot.x0 > mid and foot.x1 < RIGHT, "odd pages: number on the right, one character in"
        else:
            assert foot.x1 < mid and foot.x0 > LEFT, "even pages: number on the left, one character in"


def test_sample_pages_and_page_numbers(sample_pages):
    assert 4 <= len(sample_pages) <= 6
    _page_numbers_ok(sample_pages)


def test_seed_2019_format_pages_and_page_numbers(seed_pages):
    assert 5 <= len(seed_pages) <= 7
    _page_numbers_ok(seed_pages)


def test_title_on_page_one_and_signature_on_the_last_page(sample_pages):
    first = [ln.text for ln in sample_pages[0]]
    assert first[:2] == ["示例县自然资源局", "2025年政府信息公开工作年度报告"]
    last = [ln.text for ln in sample_pages[-1]]
    assert last[-3:-1] == ["示例县自然资源局", "2026年1月20日"]


def test_a_full_page_holds_22_lines_of_28_characters_at_the_fixed_pitch(long_pages):
    page = [ln for ln in long_pages[1] if ln.height > BODY_LINE and ln is not _footer(long_pages[1])]
    assert len(page) == L.LINES_PER_PAGE
    gaps = [b.y0 - a.y0 for a, b in zip(page, page[1:], strict=False)]
    assert all(abs(g - L.LINE_PITCH_PT) < 0.2 for g in gaps), gaps
    full = [ln for ln in page if abs(ln.x0 - LEFT) < 1 and abs(ln.x1 - RIGHT) < 2]
    assert full and all(len(ln.text) == L.CHARS_PER_LINE for ln in full)
    indented = [ln for ln in page if ln.x0 > LEFT + 1]
    indent = 2 * (L.BODY_PT + L.BODY_CHAR_SPACING_PT)
    assert indented and all(abs(ln.x0 - LEFT - indent) < 1.5 for ln in indented)


def _table_lines(pages, start: str, end: str) -> list[Line]:
    """Table text (五号) between two section headings."""
    out, inside = [], False
    for page in pages:
        for ln in page:
            if ln.text.startswith(start):
                inside = True
            elif ln.text.startswith(end):
                return out
            elif inside and ln.height < BODY_LINE:
                out.append(ln)
    return out


@pytest.mark.parametrize("which", ["sample", "seed"])
def test_table_three_fits_the_text_width(which, sample_pages, seed_pages):
    pages = sample_pages if which == "sample" else seed_pages
    fid = "gb_2021" if which == "sample" else "gb_2019"
    lines = _table_lines(pages, "三、收到和处理", "四、政府信息公开")
    assert len(lines) > 60
    assert min(ln.x0 for ln in lines) >= LEFT and max(ln.x1 for ln in lines) <= RIGHT
    # The 总计 column is the last one: its centre is where the grid's widths put it in a 156 mm table.
    grid = table_grid(fid, "t3")
    last_centre = LEFT + (1 - grid.col_widths[-1] / 2) * L.TEXT_WIDTH_MM * PT_PER_MM
    totals = [ln for ln in lines if ln.text == "总计"]
    assert totals and all(abs((ln.x0 + ln.x1) / 2 - last_centre) < 2 for ln in totals)
    # and the first label column starts at the left text edge (plus the cell padding)
    assert min(ln.x0 for ln in lines) < LEFT + L.TABLE_CELL_MARGIN_MM * PT_PER_MM + 2


@pytest.fixture(scope="module")
def big_numbers_pages(folder):
    """Table 三 with six-digit counts in every column of its first row, and a tall picture (800×2000 px)."""
    from tests.export.helpers import png

    report = load_sample()
    grid = table_grid(report.format_id, "t3")
    for cell in grid.cells:
        if cell.is_value and cell.key.startswith("t3.new_received@"):
            report.cells[cell.key].value = 123456
    report.narrative["一"].append(Block("image", image=png(800, 2000), image_type="png"))
    return render(report, folder, "big_numbers")


def test_six_digit_counts_and_the_column_heads_never_wrap(big_numbers_pages):
    """Issue 14: "300/1" and "自然/人" in table 三's 11.4 mm columns."""
    lines = [ln for page in big_numbers_pages for ln in page]
    words = [ln.text for ln in lines]
    assert sum(text.count("123456") for text in words) >= 6  # each six-digit number whole on its line
    assert not any(re.fullmatch(r"\d{1,5}", t) and "12345".startswith(t) for t in words if len(t) < 6 and t != "1")
    assert any("自然人" in t for t in words)
    assert not any(t == "自然" for t in words)


def test_a_tall_picture_fits_the_page(big_numbers_pages, folder):
    """Scaled to the type area both ways: every page keeps its page number below the type area."""
    _page_numbers_ok(big_numbers_pages)


def test_a_table_is_followed_by_one_empty_line(sample_pages):
    """三、/四、 headings do not sit on the table's bottom border: at least one line pitch between them."""
    lines = [ln for page in sample_pages for ln in page]
    fmt = load_sample().format
    for no in ("三", "四", "五"):  # each follows a table
        heading = fmt.section(no).heading
        h = next(i for i, ln in enumerate(lines) if ln.text.startswith(heading[:8]) and ln.x0 < LEFT + 40)
        above = lines[h - 1]
        if above.y0 < lines[h].y0:  # the heading did not start a new page
            assert lines[h].y0 - above.y1 >= L.LINE_PITCH_PT * 0.9, (heading, above.text)
