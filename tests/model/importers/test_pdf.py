"""Last year's report as a PDF: the real WPS-made fixture (its tables typed in by hand), our own PDF export
and our .docx as LibreOffice prints it — every cell, section and paragraph back, and a clear message for a
scan, an encrypted PDF and a PDF that is not a report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from copy import deepcopy

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from model.errors import DamagedDoc, ImportError_, NotAReport
from model.importers import import_file
from model.importers.docx_reader import read_docx
from model.radicals import RADICALS
from model.sample import load_sample
from tests.conftest import PDF_FIXTURES
from tests.model.importers import make_docx
from tests.model.importers.roundtrip import assert_same, full_reports
from tests.seed_projects import seed_report

pdf_writer = pytest.importorskip("export.pdf_writer")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
HONGZE = PDF_FIXTURES / "洪泽区人民政府_2023.pdf"


def _typed_in() -> dict[str, tuple[str, float]]:
    """The fixture's hand-typed tables as {cell key: (printed text, value)}."""
    data = json.loads((PDF_FIXTURES / "洪泽区人民政府_2023.json").read_text("utf-8"))
    out = {}
    for table, rows in data["tables"].items():
        for row, cols in rows.items():
            if table == "t4":
                out[row] = (cols["raw"], cols["value"])
                continue
            for col, v in cols.items():
                out[f"{row}.{col}" if table == "t2" else f"{row}@{col}"] = (v["raw"], v["value"])
    return out


@pytest.fixture(scope="module")
def hongze():
    return import_file(HONGZE)


def test_real_pdf_every_typed_in_cell(hongze):
    report, _log = hongze
    want = _typed_in()
    assert len(want) == 179
    got = {k: (report.cells[k].raw, float(report.cells[k].value)) for k in want if k in report.cells}
    assert got == {k: (raw, float(v)) for k, (raw, v) in want.items()}
    assert all(report.cells[k].read_as == "number" and report.cells[k].origin == "imported" for k in want)


def test_real_pdf_metadata_sections_and_joined_paragraphs(hongze):
    report, log = hongze
    assert (report.meta.agency, report.meta.year, report.format_id) == ("洪泽区人民政府", 2023, "gb_2021")
    assert all(report.blocks(s) for s in ("preamble", "一", "五", "六"))
    preamble = report.blocks("preamble")[0].text
    # Seven printed lines, one paragraph; the spaced-out "号 ， 邮 编 ：" of a justified line closes up.
    assert preamble.startswith("本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》")
    assert "洪泽湖大道90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）。" in preamble
    assert "统计期限自2023年1月1日起至2023年12月31日止" in preamble  # "2023 年" as printed, read as 2023年
    one = [b.text for b in report.blocks("一")]
    # A paragraph running over the page break stays one paragraph; the page number between is gone.
    joined = next(t for t in one if t.startswith("加强区政府门户网站"))
    assert "落实“三审三校”制度" in joined and joined.endswith("一律不准发布。")
    five = report.blocks("五")
    assert len(five) == 1 and five[0].text.endswith("不断提高各单位政府信息公开工作人员的思想认识和业务工作水平。")
    text = "".join(b.text for s in ("preamble", *"一二三四五六") for b in report.blocks(s))
    assert "-1-" not in text and "- 2 -" not in text and "2023 年" not in text
    assert "受理政府信息公开申请21件" in text
    assert not set(text) & set(RADICALS)
    assert not any("第五部分" in m or "第六部分" in m for m in log.missing)


def test_real_pdf_variants_single_other_row_and_label_typo(hongze):
    report, log = hongze
    # "2.其他法律行政止公开" (sic) is still 2.其他法律行政法规禁止公开.
    assert report.cells["t3.result.withheld.law_prohibited@natural_person"].raw == "0"
    # （六）其他处理 printed as one row: its numbers in 3.其他, the other two items left blank and said so.
    assert report.cells["t3.result.other.other@total"].value == 0
    assert report.cells["t3.result.other.no_correction@total"].read_as == "blank"
    assert report.cells["t3.result.other.fee_unpaid@natural_person"].value is None
    assert any("（六）其他处理" in g and "3.其他" in g for g in log.guessed)
    assert not any("缺少" in m for m in log.missing)


def _roundtrip(report, path, draft=False):
    pdf_writer.write_pdf(report, path, draft=draft)
    return import_file(path)


@pytest.mark.parametrize("draft", [False, True], ids=["clean", "draft"])
def test_our_pdf_comes_back_as_the_same_model(tmp_path, draft):
    report = load_sample()
    got, log = _roundtrip(report, tmp_path / "sample.pdf", draft)
    assert_same(got, report)
    assert not log.missing and not log.guessed


def test_our_pdf_2019_format(tmp_path):
    report = seed_report("seed_000")
    got, _ = _roundtrip(report, tmp_path / "seed.pdf")
    assert_same(got, report)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # a PDF round trip is slow to shrink: report as found
)
@given(report=full_reports())
def test_generated_full_reports(tmp_path, report):
    """Pictures are not read back from a PDF. Nor is a manual line break that falls at the end of a full line
    (on paper it looks like any other line end): the generated text has none; the test below has them."""
    for sec, blocks in report.narrative.items():
        report.narrative[sec] = [b for b in blocks if b.kind != "image"]
        for b in report.narrative[sec]:
            b.text = b.text.replace("\n", "")
    got, _ = _roundtrip(report, tmp_path / "gen.pdf")
    for sec in report.narrative:  # first the texts, so that a failure shows them
        assert [(b.kind, b.text) for b in got.blocks(sec)] == [(b.kind, b.text) for b in report.blocks(sec)], sec
    wrong = {k: (got.value(k), c.value) for k, c in report.cells.items() if got.value(k) != c.value}
    assert not wrong
    assert_same(got, report)


def test_manual_line_breaks_come_back(tmp_path):
    from model.report import Block

    report = load_sample()
    report.narrative["六"] = [
        Block("paragraph", "本年度无其他需要报告的事项。\n联系电话：0000-12345678\n地址：示例县人民路1号")
    ]
    got, _ = _roundtrip(report, tmp_path / "br.pdf")
    assert [b.text for b in got.blocks("六")] == [b.text for b in report.blocks("六")]


def _libreoffice_pdf(docx_path, folder):
    env = dict(os.environ, HOME=str(folder))
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx_path)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return folder / (docx_path.stem + ".pdf")


@needs_soffice
@pytest.mark.parametrize("which", ["sample", "seed_000"])
def test_our_docx_printed_by_libreoffice(tmp_path, which):
    from export.docx_writer import write_docx

    report = load_sample() if which == "sample" else seed_report("seed_000")
    docx = tmp_path / f"{which}.docx"
    write_docx(report, docx)
    got, log = import_file(_libreoffice_pdf(docx, tmp_path))
    assert_same(got, report)


def test_a_scan_without_text_is_refused_with_a_message(tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter, QPdfWriter

    pdf_writer.ensure_gui_app()
    path = tmp_path / "扫描件.pdf"
    writer = QPdfWriter(str(path))
    img = QImage(200, 280, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(writer)
    painter.drawImage(0, 0, img)
    painter.end()
    with pytest.raises(NotAReport, match="扫描件") as err:
        import_file(path)
    assert "Word" in err.value.hint


@needs_soffice
def test_an_encrypted_pdf_is_refused_with_a_message(tmp_path):
    from export.docx_writer import write_docx

    docx = tmp_path / "加密.docx"
    write_docx(load_sample(), docx)
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", options, "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        env=dict(os.environ, HOME=str(tmp_path)),
        timeout=180,
    )
    with pytest.raises(ImportError_, match="密码"):
        import_file(tmp_path / "加密.pdf")


def test_a_pdf_that_is_not_a_report(tmp_path):
    """A PDF of plain prose: no statistics tables, no section headings."""
    from PySide6.QtGui import QPainter, QPdfWriter

    pdf_writer.ensure_gui_app()
    path = tmp_path / "通知.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(200, 400, "关于召开全县安全生产工作会议的通知")
    painter.drawText(200, 800, "请各单位于3月5日上午9时到县政府三楼会议室参会。")
    painter.end()
    with pytest.raises(NotAReport, match="不是政府信息公开工作年度报告"):
        import_file(path)


def test_damaged_and_truncated_pdfs(tmp_path):
    good = tmp_path / "好.pdf"
    pdf_writer.write_pdf(load_sample(), good)
    data = good.read_bytes()
    (tmp_path / "半截.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "假的.pdf").write_bytes(b"PK\x03\x04 not a pdf")
    for name in ("半截.pdf", "假的.pdf"):
        with pytest.raises(ImportError_) as err:
            import_file(tmp_path / name)
        assert isinstance(err.value, (DamagedDoc, NotAReport)), name


# -- the same variants in a .docx -------------------------------------------------------------------------


def test_docx_with_a_single_other_row_maps_it_with_a_note(tmp_path):
    """（六）其他处理 as one row of numbers (no 1./2./3.) in a .docx: read into 3.其他, never silently."""
    import docx as python_docx

    path = make_docx.build(tmp_path / "r.docx", drop_rows_with=("t3.result.other.",))
    doc = python_docx.Document(str(path))
    t3 = next(t for t in doc.tables if "本年新收" in "".join(c.text for c in t.rows[3].cells))
    total_tr = next(r._tr for r in t3.rows if "（七）总计" in "".join(c.text for c in r.cells))
    single = deepcopy(total_tr)
    total_tr.addprevious(single)
    row = t3.rows[[r._tr for r in t3.rows].index(single)]
    seen = set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        if cell.text == "（七）总计":
            cell.text = "（六）其他处理"
        elif cell.text == "1":
            cell.text = "4"
    doc.save(str(path))
    report, log = read_docx(path)
    assert report.cells["t3.result.other.other@natural_person"].value == 4
    assert report.cells["t3.result.other.no_correction@natural_person"].read_as == "blank"
    assert any("（六）其他处理" in g and "3.其他" in g for g in log.guessed)
    assert not any("缺少" in m for m in log.missing)


@pytest.mark.parametrize("where", ["above", "below"])
def test_release_date_line_by_the_title_is_the_publication_date(tmp_path, where):
    from model.importers.html_reader import read_html

    title = "<h1>测试县审计局2025年政府信息公开工作年度报告</h1>"
    date = "<p>发布日期：2026-01-31</p>"
    body = "<p>根据《条例》要求编制本报告。</p><h2>一、总体情况</h2><p>正文。</p><h2>五、存在的主要问题及改进情况</h2><p>无。</p>"
    html = f"<html><body>{date + title if where == 'above' else title + date}{body}</body></html>"
    path = tmp_path / "r.html"
    path.write_text(html, "utf-8")
    report, log = read_html(path)
    assert str(report.meta.publication_date) == "2026-01-31"
    assert [b.text for b in report.blocks("preamble")] == ["根据《条例》要求编制本报告。"]
    assert any("发布日期" in f for f in log.found)
