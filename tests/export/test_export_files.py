"""Writing exports: locked, read-only and missing targets, open documents, and the CLI's export_all."""

from __future__ import annotations

import os
import sys

import pytest

from export import KINDS, export_all, export_report
from export.docx_writer import write_docx
from export.html_writer import write_html
from export.pdf_writer import write_pdf
from export.xlsx_writer import write_xlsx
from model.errors import ExportRefused, FileLocked, SaveFailed
from model.project_file import save
from model.sample import load_sample

WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "html": write_html, "pdf": write_pdf}
OLD = b"the clerk's previous export"


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "报告.nianbao"
    save(load_sample(), path)
    return path


@pytest.fixture
def broken_project(tmp_path):
    report = load_sample()
    report.cells["t3.new_received@natural_person"].value += 5
    path = tmp_path / "有错.nianbao"
    save(report, path)
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_read_only_target_raises_file_locked_and_keeps_the_old_file(tmp_path, kind):
    target = tmp_path / f"out.{kind}"
    target.write_bytes(OLD)
    target.chmod(0o444)
    with pytest.raises(FileLocked) as err:
        WRITERS[kind](load_sample(), target)
    assert "只读" in err.value.for_user()
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left behind


@pytest.mark.parametrize("kind", KINDS)
def test_a_target_locked_by_another_program_is_left_as_it_was(tmp_path, kind, monkeypatch):
    """Windows refuses to replace a document Word or WPS holds open; that arrives as PermissionError."""
    import model.atomic

    def locked(src, dst):
        raise PermissionError(13, "being used by another process")

    target = tmp_path / f"out.{kind}"
    target.write_bytes(OLD)
    monkeypatch.setattr(model.atomic.os, "replace", locked)
    with pytest.raises(FileLocked) as err:
        WRITERS[kind](load_sample(), target)
    assert "打开" in err.value.for_user()
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_folder_raises_save_failed_in_chinese(tmp_path, kind):
    target = tmp_path / "没有这个文件夹" / f"out.{kind}"
    with pytest.raises(SaveFailed) as err:
        export_report(load_sample(), kind, target)
    assert "不存在" in err.value.for_user()
    assert not target.parent.exists()


@pytest.mark.parametrize("owner", ["~$out.docx", "~$t.docx", ".~lock.out.docx#"])
def test_a_document_open_in_word_wps_or_libreoffice_is_not_overwritten(tmp_path, owner):
    target = tmp_path / "out.docx"
    target.write_bytes(OLD)
    (tmp_path / owner).write_bytes(b"owner")
    with pytest.raises(FileLocked) as err:
        export_report(load_sample(), "docx", target)
    assert "out.docx" in err.value.for_user() and owner in err.value.for_user()
    assert target.read_bytes() == OLD


def test_an_existing_closed_file_is_replaced(tmp_path):
    target = tmp_path / "out.html"
    target.write_bytes(OLD)
    export_report(load_sample(), "html", target)
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")
    assert not (tmp_path / "out.html.bak").exists()  # exports keep no backup


def test_export_all_writes_every_requested_file(project, tmp_path):
    out = {k: tmp_path / f"报告.{k}" for k in KINDS}
    lines = export_all(project, **{k: str(p) for k, p in out.items()})
    assert all(p.stat().st_size > 1000 for p in out.values())
    assert lines == [
        f"已导出Word文件：{out['docx']}",
        f"已导出Excel文件：{out['xlsx']}",
        f"已导出网页文件：{out['html']}",
        f"已导出PDF文件：{out['pdf']}",
    ]


def test_export_all_mentions_open_warnings(tmp_path):
    report = load_sample()
    report.cells.pop("t4.review.corrected")  # unfilled (0 in the sample): a 核实性提示, not an error
    path = tmp_path / "提示.nianbao"
    save(report, path)
    lines = export_all(path, html=str(tmp_path / "x.html"))
    assert lines[0].startswith("提示：还有") and "核实性提示" in lines[0]
    assert (tmp_path / "x.html").exists()


def test_export_all_refuses_a_report_with_errors_and_names_them(broken_project, tmp_path):
    before = broken_project.read_bytes()
    target = tmp_path / "x.docx"
    with pytest.raises(ExportRefused) as err:
        export_all(broken_project, docx=str(target))
    text = err.value.for_user()
    assert "表三收支不平衡" in text and "表三总计列与各申请人之和不符" in text and "--force" in text
    assert "相差5件" in text  # the message, not just the title
    assert not target.exists()
    assert broken_project.read_bytes() == before


def test_export_all_with_force_writes_and_warns(broken_project, tmp_path):
    target = tmp_path / "x.docx"
    lines = export_all(broken_project, docx=str(target), force=True)
    assert target.exists()
    assert "2个强制性错误" in lines[0]


def test_export_all_never_writes_over_the_project(project):
    before = project.read_bytes()
    with pytest.raises(SaveFailed):
        export_all(project, html=str(project))
    assert project.read_bytes() == before


def test_export_all_refuses_one_path_for_two_formats(project, tmp_path):
    with pytest.raises(SaveFailed):
        export_all(project, docx=str(tmp_path / "a.out"), html=str(tmp_path / "a.out"))
    assert not (tmp_path / "a.out").exists()


def test_cli_export_refuses_errors_with_exit_code_and_message(broken_project, tmp_path, capsys):
    sys.path.insert(0, str(os.getcwd()))
    import main

    code = main.main(["export", str(broken_project), "--docx", str(tmp_path / "x.docx")])
    err = capsys.readouterr().err
    assert code == 2 and "--force" in err and "表三收支不平衡" in err
    assert main.main(["export", str(broken_project), "--docx", str(tmp_path / "x.docx"), "--force"]) == 0
    assert (tmp_path / "x.docx").exists()


def test_export_all_says_a_missing_signature_date_before_writing(tmp_path):
    """Issue 14: the notice comes first, through `say`, while nothing is written yet."""
    report = load_sample()
    report.meta.publication_date = None
    path = tmp_path / "无日期.nianbao"
    save(report, path)
    target = tmp_path / "无日期.docx"
    said = []
    lines = export_all(path, docx=str(target), say=lambda line: said.append((line, target.exists())))
    assert said and "落款日期" in said[0][0] and said[0][1] is False
    assert lines == [f"已导出Word文件：{target}"]
    assert "落款日期" in export_all(path, docx=str(target))[0]  # without `say`: the first line returned


def test_export_all_says_nothing_of_the_date_when_it_is_there(project, tmp_path):
    said = []
    export_all(project, docx=str(tmp_path / "x.docx"), say=said.append)
    assert not [s for s in said if "落款日期" in s]
