"""Our own PDF (Qt's painter): the .docx's page, fonts embedded, the text a reader copies out of it, the 草稿
mark, the command line — and, against the same report's .docx rendered by LibreOffice, the same pages.

Measured with poppler's `pdftotext -bbox-layout` (tests/export/pdf_lines.py), as test_render measures the .docx.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from export import export_all, export_report
from export import layout as L
from export.pdf_writer import pdf_bytes
from model.edits import SetCell, apply
from model.project_file import save
from model.radicals import RADICALS
from model.report import Block, new_report
from model.sample import load_sample
from tests.export.pdf_lines import pdf_pages
from tests.export.test_render import BODY_LINE, LEFT, PT_PER_MM, RIGHT, _footer, _page_numbers_ok, render
from tests.seed_projects import seed_report

POPPLER = shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _write(tmp_path, report, name="r", draft=False):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes(report, draft=draft))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def sample_pdf(folder):
    return _write(folder, load_sample(), "sample")


def test_a4_fonts_embedded_and_metadata(sample_pdf):
    data = sample_pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)
    fonts = re.findall(rb"/FontFile[23]?", data)
    assert fonts, "no embedded font: the PDF would look different on a PC without the fonts"
    if POPPLER:
        info = subprocess.run(["pdfinfo", str(sample_pdf)], capture_output=True, text=True, check=True).stdout
        assert "示例县自然资源局2025年政府信息公开工作年度报告" in info
        fonts_out = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True).stdout
        rows = fonts_out.splitlines()[2:]
        assert rows and all(" yes " in r for r in rows), fonts_out  # every font embedded


@needs_poppler
def test_text_copied_out_of_the_pdf_has_no_radicals(sample_pdf):
    """Qt maps 人 back to the radical ⼈ that shares its glyph; the writer puts the ideograph back."""
    text = subprocess.run(["pdftotext", str(sample_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "人民政府" in text and "示例县自然资源局" in text
    assert not set(text) & set(RADICALS), sorted(set(text) & set(RADICALS))


@needs_poppler
def test_pages_page_numbers_title_and_signature(sample_pdf):
    pages = pdf_pages(sample_pdf)
    assert 4 <= len(pages) <= 6
    _page_numbers_ok(pages)
    first = [ln.text for ln in pages[0]]
    assert first[:2] == ["示例县自然资源局", "2025年政府信息公开工作年度报告"]
    last = [ln.text for ln in pages[-1]]
    assert last[-3:-1] == ["示例县自然资源局", "2026年1月20日"]


@needs_poppler
def test_a_full_page_holds_22_lines_of_28_characters(folder):
    report = load_sample()
    text = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。" * 6
    report.narrative["一"] = [Block("paragraph", text) for _ in range(12)]
    pages = pdf_pages(_write(folder, report, "long"))
    page = [ln for ln in pages[1] if ln.height > BODY_LINE and ln is not _footer(pages[1])]
    assert len(page) == L.LINES_PER_PAGE
    gaps = [b.y0 - a.y0 for a, b in zip(page, page[1:], strict=False)]
    assert all(abs(g - L.LINE_PITCH_PT) < 0.2 for g in gaps), gaps
    full = [len(ln.text) for ln in page if abs(ln.x0 - LEFT) < 1 and abs(ln.x1 - RIGHT) < 2]
    # 28 characters; 27 where a 、 may not begin the next line (Word squeezes the punctuation instead).
    assert full and max(full) == L.CHARS_PER_LINE and min(full) >= L.CHARS_PER_LINE - 1, full
    assert full.count(L.CHARS_PER_LINE) > len(full) / 2, full
    top = page[0].y0
    assert abs(top - L.MARGIN_TOP_MM * PT_PER_MM) < 6  # the first line at the top of the type area


@needs_poppler
def test_table_header_repeats_and_rows_stay_whole(folder):
    """Table 三 runs over two pages: its three header rows come again at the top of the next one."""
    report = load_sample()
    report.narrative["三"] = [Block("paragraph", "本年度依申请公开工作平稳有序。" * 8) for _ in range(4)]
    pages = pdf_pages(_write(folder, report, "t3"))
    with_header = [n for n, p in enumerate(pages) if any(ln.text == "申请人情况" for ln in p)]
    assert len(with_header) == 2 and with_header[1] == with_header[0] + 1
    for n in with_header:
        assert any(ln.text.startswith("（本列数据的勾稽关系为") for ln in pages[n])


def _draft_texts(kind, path):
    if kind == "pdf":
        return [" ".join(ln.text for ln in p) for p in pdf_pages(path)]  # one per page
    if kind == "docx":
        import docx

        d = docx.Document(str(path))
        sec = d.sections[0]
        return [sec.header.paragraphs[0].text, sec.even_page_header.paragraphs[0].text]
    if kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path)
        return [f"{ws['A2'].value} {ws.oddHeader.center.text}" for ws in wb.worksheets]
    return [path.read_text("utf-8")]


@needs_poppler
@pytest.mark.parametrize("kind", ["docx", "xlsx", "html", "pdf"])
def test_a_forced_export_says_draft_in_every_format_and_a_clean_one_never(tmp_path, kind):
    report = load_sample()
    export_report(report, kind, tmp_path / f"d.{kind}", draft=True)
    export_report(report, kind, tmp_path / f"c.{kind}")
    marked = _draft_texts(kind, tmp_path / f"d.{kind}")
    assert marked and all("草稿" in t for t in marked), marked
    assert not any("草稿" in t for t in _draft_texts(kind, tmp_path / f"c.{kind}"))


def test_cli_export_pdf_marks_a_forced_report_as_draft(tmp_path):
    report = new_report("某某局", 2025)
    apply(report, SetCell(report.format.table_cells("t3")[0], 5))  # 总计 no longer adds up: a 强制性错误
    project = tmp_path / "p.nianbao"
    save(report, project)
    lines = export_all(project, pdf=str(tmp_path / "p.pdf"), force=True)
    assert any("草稿" in line for line in lines) and (tmp_path / "p.pdf").exists()
    if POPPLER:
        pages = pdf_pages(tmp_path / "p.pdf")
        assert all(any("草稿" in ln.text for ln in p) for p in pages)
    from main import main

    assert main(["export", str(project), "--pdf", str(tmp_path / "q.pdf")]) == 2  # refused without --force
    assert not (tmp_path / "q.pdf").exists()


# -- against the .docx as LibreOffice lays it out --------------------------------------------------------


def _table_starts(pages) -> dict[str, int]:
    """The page each statistics table starts on, by a header only that table has."""
    marks = {"t2": "第二十条第（一）项", "t3": "申请人情况", "t4": "行政复议"}
    return {t: next(n for n, p in enumerate(pages) if any(ln.text == m for ln in p)) for t, m in marks.items()}


def _table_x(pages, text) -> tuple[float, float]:
    ln = next(ln for p in pages for ln in p if ln.text == text)
    return ln.x0, ln.x1


@pytest.mark.skipif(SOFFICE is None or not POPPLER, reason="LibreOffice or poppler not installed")
@pytest.mark.parametrize("which", ["sample", "seed_000"])
def test_same_pages_as_the_docx_rendered_by_libreoffice(folder, which):
    report = load_sample() if which == "sample" else seed_report("seed_000")
    ours = pdf_pages(_write(folder, report, f"ours_{which}"))
    docx = render(report, folder, f"lo_{which}")
    assert abs(len(ours) - len(docx)) <= 0, (len(ours), len(docx))
    starts = _table_starts(ours), _table_starts(docx)
    for t in ("t3", "t4"):
        assert abs(starts[0][t] - starts[1][t]) <= 1, starts
    # Table 三's super header is centred over the same columns in both: same column widths, same text width.
    a, b = _table_x(ours, "申请人情况"), _table_x(docx, "申请人情况")
    assert abs((a[0] + a[1]) / 2 - (b[0] + b[1]) / 2) < 3, (a, b)


def test_pictures_are_drawn_within_the_type_area(tmp_path):
    """A picture as wide as asked (or its own size at its dpi), never wider than the text, centred."""
    from tests.model.importers.roundtrip import tiny_png

    report = load_sample()
    report.narrative["一"].insert(1, Block("image", "", tiny_png(), "png", 60.0))
    report.narrative["一"].insert(2, Block("image", "", tiny_png((0, 90, 200)), "png", 400.0))  # too wide
    report.narrative["一"].insert(3, Block("image", "", tiny_png((0, 150, 0)), "png", None))
    data = pdf_bytes(report)
    assert data.count(b"/Subtype /Image") >= 3
    widths = [float(w) for w in re.findall(rb"/Width (\d+)", data)]
    assert widths  # the pictures went in as images, not as nothing


def test_a_broken_picture_is_refused_with_a_message():
    from model.errors import SaveFailed

    report = load_sample()
    report.narrative["二"].append(Block("image", "", b"\x89PNG not really", "png", 50.0))
    with pytest.raises(SaveFailed, match="图片"):
        pdf_bytes(report)
