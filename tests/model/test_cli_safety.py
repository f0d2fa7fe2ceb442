"""The command line never replaces a project or its own input silently, and always ends in one Chinese
line, whatever the console or the reader at the other end of a pipe (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import main
from model import project_file
from tests.conftest import ROOT, fixture_path

pytestmark = pytest.mark.model

SAMPLE = str(ROOT / "resources" / "sample_2025.nianbao")
DOCX = fixture_path("seed_000__official.docx")


def _new(out, *extra):
    return main.main(["new", "--agency", "某某县统计局", "--year", "2026", "-o", str(out), *extra])


def test_new_does_not_overwrite_a_project_unless_forced(tmp_path, capsys):
    out = tmp_path / "a.nianbao"
    assert _new(out) == 0
    before = out.read_bytes()
    assert main.main(["new", "--agency", "另一个局", "--year", "2025", "-o", str(out)]) == 2
    assert "已经存在" in capsys.readouterr().err and out.read_bytes() == before
    assert _new(out, "--force") == 0


@pytest.mark.parametrize("year", ["99999", "-1", "0"])
def test_new_refuses_a_year_no_report_has(tmp_path, capsys, year):
    out = tmp_path / "y.nianbao"
    assert main.main(["new", "--agency", "某局", "--year", year, "-o", str(out)]) == 2
    assert "年度" in capsys.readouterr().err and not out.exists()


def test_new_wants_a_nianbao_name(tmp_path, capsys):
    out = tmp_path / "a.docx"
    assert _new(out) == 2
    assert ".nianbao" in capsys.readouterr().err and not out.exists()


def test_export_refuses_a_target_of_another_kind(tmp_path, capsys):
    other = tmp_path / "B.nianbao"
    assert _new(other) == 0
    before = other.read_bytes()
    for flag in ("--docx", "--xlsx", "--html"):
        assert main.main(["export", SAMPLE, flag, str(other)]) == 2
        assert "扩展名" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_import_refuses_to_replace_its_source_or_a_project(tmp_path, capsys):
    src = tmp_path / "a.docx"
    src.write_bytes(DOCX.read_bytes())
    assert main.main(["import", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == DOCX.read_bytes()
    proj = tmp_path / "p.nianbao"
    assert _new(proj) == 0
    before = proj.read_bytes()
    assert main.main(["import", str(proj), "-o", str(proj), "--force"]) == 2
    assert "正在读取" in capsys.readouterr().err
    assert main.main(["import", str(src), "-o", str(proj)]) == 2
    assert proj.read_bytes() == before
    assert main.main(["import", str(src), "-o", str(proj), "--force"]) == 0
    assert project_file.load(proj)[0].meta.year == 2020


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["new", "--agency", "x"], "缺少必填的参数"),
        (["new", "--agency", "x", "--year", "abc", "-o", "a.nianbao"], "不是整数"),
        (["frob"], "不是可用的子命令"),
        (["check", SAMPLE, "--bogus"], "不认识的参数"),
        (["export", SAMPLE, "--docx"], "缺少它的值"),
    ],
)
def test_argument_errors_are_one_chinese_line(capsys, argv, said):
    with pytest.raises(SystemExit) as exc:
        main.main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "usage" not in err and "argument" not in err


def _run(args, **env):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=120,
    )


def test_a_closed_pipe_ends_quietly():
    # Forty reports' findings are far more than a pipe buffer: the writer meets the closed end.
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "check", "--json", *[SAMPLE] * 40],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Traceback" not in err and b"Error" not in err, err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_console_without_chinese_gets_no_traceback(encoding):
    done = _run(["check", SAMPLE], PYTHONIOENCODING=encoding)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert "个错误".encode() in done.stdout
    bad = _run(["new", "--agency", "x"], PYTHONIOENCODING=encoding)
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr and "命令参数有误".encode() in bad.stderr
