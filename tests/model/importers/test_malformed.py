"""Malformed inputs each give their own Chinese message and never a crash (all built in tmp_path)."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from model.errors import DamagedDoc, ImportError_, NotAReport, UnsafeDoc, UnsupportedDoc
from model.importers import import_file, legacy
from model.importers.docx_reader import read_docx
from tests.conftest import fixture_path
from tests.model.importers import make_docx

SEED = "seed_000__official.docx"


def _rezip(src, dest, replace: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", compression) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in replace.items():
            if name not in zin.namelist():
                zout.writestr(name, data)
    return dest


def test_truncated_zip(tmp_path):
    data = fixture_path(SEED).read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(data[:cut])
        with pytest.raises(DamagedDoc) as exc:
            import_file(path)
        assert "损坏" in exc.value.for_user()


def test_corrupt_member_is_damage_not_crash(tmp_path):
    data = bytearray(fixture_path(SEED).read_bytes())
    start = data.find(b"word/document.xml") + 40  # inside the compressed document part
    data[start : start + 200] = bytes(200)
    path = tmp_path / "crc.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportError_):
        import_file(path)


def test_not_a_zip_renamed_docx(tmp_path):
    path = tmp_path / "text.docx"
    path.write_text("这不是Word文件", "utf-8")
    with pytest.raises(DamagedDoc) as exc:
        read_docx(path)
    assert "改了扩展名" in exc.value.message
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(DamagedDoc, match="0字节"):
        read_docx(empty)


def test_other_zip_is_not_a_report(tmp_path):
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NotAReport, match="不是Word文档"):
        read_docx(path)


def test_zip_bomb_refused_before_parsing(tmp_path):
    bomb = b"<w:p/>" * (20 * 1024 * 1024 // 6)  # 20 MB of one repeated tag: compresses ~1000:1
    path = _rezip(fixture_path(SEED), tmp_path / "bomb.docx", {"word/media/filler.xml": bomb})
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnsafeDoc, match="压缩"):
        read_docx(path)


def test_declared_size_over_limit_refused(tmp_path, monkeypatch):
    from model.importers import safety

    monkeypatch.setattr(safety, "MAX_TOTAL", 500_000)  # the seed unpacks to ~900 kB
    with pytest.raises(UnsafeDoc, match="过大|大小"):
        read_docx(fixture_path(SEED))


def test_too_many_parts_refused(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(5001):
            z.writestr(f"x/{i}", b"")
    with pytest.raises(UnsafeDoc):
        read_docx(path)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_document_refused(tmp_path):
    path = _rezip(fixture_path(SEED), tmp_path / "lol.docx", {"word/document.xml": BILLION_LAUGHS})
    with pytest.raises(UnsafeDoc):
        read_docx(path)


def test_python_docx_parser_does_not_expand_entities():
    """Second line of defence: even if a DTD got past the scan, python-docx's parser does not expand it."""
    from docx.oxml.parser import oxml_parser, parse_xml

    assert oxml_parser.resolve_entities is False if hasattr(oxml_parser, "resolve_entities") else True
    try:
        root = parse_xml(BILLION_LAUGHS)
    except Exception:  # lxml may refuse the undefined-entity reference outright: also safe
        return
    assert len("".join(root.itertext())) < 10_000


def test_docx_without_report_tables_or_headings(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("会议通知")
    doc.add_paragraph("定于下周一召开全体会议。")
    doc.add_table(rows=2, cols=2).cell(0, 0).text = "姓名"
    doc.save(tmp_path / "notice.docx")
    with pytest.raises(NotAReport) as exc:
        import_file(tmp_path / "notice.docx")
    assert "不是政府信息公开工作年度报告" in exc.value.message


def test_doc_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    for name in ("report.doc", "report.wps"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
        with pytest.raises(UnsupportedDoc) as exc:
            import_file(tmp_path / name)
        assert "请在Word或WPS中另存为.docx后再导入" in str(exc.value)
        assert exc.value.for_user().count("另存为") == 1


def test_ole_file_named_docx_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    with pytest.raises(UnsupportedDoc, match="Word|WPS"):
        import_file(path)


def test_doc_that_is_really_a_docx_is_imported(tmp_path):
    shutil.copyfile(fixture_path(SEED), tmp_path / "renamed.doc")
    report, log = import_file(tmp_path / "renamed.doc")
    assert report.meta.agency == "昌乐县知识产权保护中心"
    assert log.source.endswith("renamed.doc") and "自动转换" in log.guessed[0]


@pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed")
def test_doc_converted_with_libreoffice(tmp_path):
    import subprocess

    src = shutil.copyfile(fixture_path(SEED), tmp_path / "r.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            legacy.find_soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    report, log = import_file(tmp_path / "r.doc")
    assert report.value("t2.art20_5.other_mgmt_service.decisions") == 11
    assert [b.text for b in report.blocks("六")] == ["我单位无其他需要报告的事项。"]
    assert log.source.endswith("r.doc")


def test_unknown_extension_and_pdf(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")  # PDFs are read now; a truncated one is refused with a message
    with pytest.raises(ImportError_, match="PDF"):
        import_file(tmp_path / "a.pdf")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(UnsupportedDoc):
        import_file(tmp_path / "a.txt")


def test_garbage_inside_a_valid_zip_never_crashes(tmp_path):
    path = _rezip(fixture_path(SEED), tmp_path / "bad.docx", {"word/document.xml": b"<w:document><unclosed"})
    with pytest.raises(ImportError_):
        read_docx(path)


def test_missing_rows_built_report_still_checks(tmp_path):
    from model.checks import check

    path = make_docx.build(tmp_path / "r.docx", drop_rows_with=("t3.new_received", "t4."))
    report, log = read_docx(path)
    assert any("表三" in m and "缺少7个单元格" in m and "本年新收" in m for m in log.missing)
    assert "表四（行政复议、行政诉讼情况）中没有读到任何数据" in log.missing
    ids = {f.id for f in check(report)}
    assert "CELL_UNFILLED:t3" in ids and "CELL_UNFILLED:t4" in ids


def test_conversion_timeout_is_a_message(tmp_path, monkeypatch):
    import subprocess

    def hang(cmd, **kwargs):
        assert kwargs["timeout"] == legacy.TIMEOUT_S
        raise subprocess.TimeoutExpired(cmd, kwargs["timeout"])

    monkeypatch.setattr(legacy, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(legacy.subprocess, "run", hang)
    path = tmp_path / "slow.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(UnsupportedDoc, match="超时.*另存为.docx"):
        import_file(path)


@pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed")
def test_garbage_doc_that_libreoffice_cannot_convert(tmp_path):
    path = tmp_path / "garbage.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(UnsupportedDoc, match="无法自动转换.*另存为.docx"):
        import_file(path)


@pytest.mark.parametrize("name", ["gone.docx", "gone.html", "gone.doc"])
def test_missing_file_is_a_message(tmp_path, name):
    with pytest.raises(ImportError_, match="找不到这个文件"):
        import_file(tmp_path / name)


def test_garbage_collection_resumes_after_an_import_good_or_bad(tmp_path):
    import gc

    assert gc.isenabled()
    import_file(fixture_path(SEED))
    assert gc.isenabled()
    bad = tmp_path / "半截.docx"
    bad.write_bytes(fixture_path(SEED).read_bytes()[:200])
    with pytest.raises(DamagedDoc):
        import_file(bad)
    assert gc.isenabled()
    gc.disable()  # a caller that had switched it off keeps it off
    try:
        import_file(fixture_path(SEED))
        assert not gc.isenabled()
    finally:
        gc.enable()
