"""Hostile web pages (issue 12): pictures from outside the page's folder, pages too deep or too large,
charsets Python cannot decode with. Each is refused with a Chinese message or read safely."""

from __future__ import annotations

import os

import pytest

from export.html_writer import html_bytes
from model.errors import UnsafeDoc
from model.importers import html_reader
from model.importers.html_reader import read_html
from model.project_file import dumps, loads
from tests.model.importers.roundtrip import tiny_png

HEAD = "<h1>某局2025年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p><p>一、总体情况</p>"


def _page(tmp_path, body: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(f"<html><body>{HEAD}{body}</body></html>", "utf-8")
    return path


def _images(report):
    return [b for bs in report.narrative.values() for b in bs if b.kind == "image"]


def test_a_picture_in_the_pages_files_folder_is_read(tmp_path):
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "a.png").write_bytes(tiny_png())
    report, _ = read_html(_page(tmp_path, "<p><img src='page_files/a.png'></p>"))
    assert [b.image for b in _images(report)] == [tiny_png()]


def test_pictures_outside_the_pages_folder_are_not_read(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(tiny_png())
    site = tmp_path / "site" / "deep"
    site.mkdir(parents=True)
    srcs = [
        "../secret.png",
        "../../secret.png",
        str(outside),
        f"file://{outside}",
        "/etc/passwd",
        "page_files/../../../secret.png",
    ]
    body = "".join(f"<p><img src='{s}'></p>" for s in srcs)
    report, _ = read_html(_page(site, body))
    assert _images(report) == []


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symlink_in_the_files_folder_is_not_followed(tmp_path):
    secret = tmp_path / "outside.png"
    secret.write_bytes(tiny_png())
    (tmp_path / "site" / "page_files").mkdir(parents=True)
    (tmp_path / "site" / "page_files" / "pw.png").symlink_to("/etc/passwd")
    (tmp_path / "site" / "page_files" / "img.png").symlink_to(secret)
    (tmp_path / "site" / "linked_files").symlink_to(tmp_path)
    body = "<p><img src='page_files/pw.png'><img src='page_files/img.png'><img src='linked_files/outside.png'></p>"
    report, _ = read_html(_page(tmp_path / "site", body))
    assert _images(report) == []


def test_only_data_that_decodes_as_a_picture_is_kept(tmp_path):
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "passwd.png").write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    body = (
        "<p><img src='page_files/passwd.png'>"
        "<img src='data:image/png;base64,cm9vdDp4OjA6MDpyb290Oi9yb290Oi9iaW4vYmFzaAo='></p>"
    )
    report, _ = read_html(_page(tmp_path, body))
    assert _images(report) == []


def test_nesting_too_deep_is_refused_at_once(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(HEAD + "<span>" * 20_000 + "x" + "</span>" * 20_000, "utf-8")
    with pytest.raises(UnsafeDoc, match="嵌套"):
        read_html(path)


def test_deep_nesting_below_the_limit_is_linear_and_reads(tmp_path):
    depth = html_reader.MAX_DEPTH - 10
    path = tmp_path / "ok.html"
    path.write_text(HEAD + ("<span>" * depth + "<b>本年新收</b>" + "</span>" * depth) * 50, "utf-8")
    report, _ = read_html(path)
    assert report.meta.year == 2025


def test_unclosed_paragraphs_do_not_count_as_nesting(tmp_path):
    path = _page(tmp_path, "<p>一段文字" * (html_reader.MAX_DEPTH * 3))
    report, _ = read_html(path)
    assert report.meta.year == 2025


def test_a_megabyte_of_nested_spans_is_refused_at_once(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(HEAD + "<span>" * 80_000 + "x" + "</span>" * 80_000, "utf-8")  # ~1 MB; took 3 minutes
    with pytest.raises(UnsafeDoc, match="标签"):
        read_html(path)


@pytest.mark.parametrize("tail", ["<a b" * 40_000, "<!--" + "x" * 100_000, "<p " + "a=b " * 400_000])
def test_what_html_parser_takes_quadratic_or_long_time_over_is_cut_or_refused(tmp_path, tail):
    path = _page(tmp_path, "<p>三、收到和处理政府信息公开申请情况</p>")
    path.write_text(path.read_text("utf-8") + tail, "utf-8")
    try:
        report, _ = read_html(path)
    except UnsafeDoc as exc:
        assert "属性" in exc.message
    else:
        assert report.meta.year == 2025


def test_too_many_elements_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 1000)
    with pytest.raises(UnsafeDoc, match="标签"):
        read_html(_page(tmp_path, "<i>x</i>" * 2000))


def test_a_page_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_BYTES", 1024 * 1024)
    path = _page(tmp_path, "<p>" + "字" * 400_000 + "</p>")
    with pytest.raises(UnsafeDoc, match="MB"):
        read_html(path)


@pytest.mark.parametrize("charset", ["undefined", "hex", "rot13", "base64", "no-such-codec", "utf-16"])
def test_a_charset_python_cannot_decode_with_falls_back(tmp_path, charset):
    path = tmp_path / "c.html"
    path.write_bytes(f"<meta charset='{charset}'>{HEAD}<p>二、主动公开政府信息情况</p>".encode())
    report, _ = read_html(path)
    assert report.meta.year == 2025
    assert loads(dumps(report)).meta.year == 2025 and html_bytes(report)


def test_a_png_with_a_damaged_chunk_is_no_picture():
    from model.images import image_kind

    png = tiny_png()
    assert image_kind(png) == "png"
    broken = png[:37] + b"\xd7\xd7\xd7\xd7" + png[41:]  # the IDAT chunk's name
    assert image_kind(broken) is None


def test_fuzz_case_html_1_1504_exports_after_import(tmp_path):
    """Found by the long fuzz run: a picture whose PNG chunk names were damaged made the .docx export fail."""
    from tests.fuzz.mutate import make_case
    from tests.fuzz.worker import run_case

    data, _ = make_case("html", 1, 1504)
    path = tmp_path / "case.html"
    path.write_bytes(data)
    outcome, detail = run_case(path)
    assert outcome in ("imported", "refused"), detail
