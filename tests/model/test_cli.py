"""main.py's headless subcommands: exit codes, messages, JSON."""

from __future__ import annotations

import json

import pytest

import main
from model import project_file
from model.report import Cell
from model.sample import load_sample
from tests.conftest import ROOT

pytestmark = pytest.mark.model

SAMPLE = str(ROOT / "resources" / "sample_2025.nianbao")


def test_check_clean_sample_exits_0(capsys):
    assert main.main(["check", SAMPLE]) == 0
    out = capsys.readouterr().out
    assert "0 个错误" in out


def test_check_with_errors_exits_1_and_names_the_cell(tmp_path, capsys):
    r = load_sample()
    r.totals_mode = "manual"
    r.cells["t3.result.total@total"] = Cell(49)
    path = tmp_path / "错.nianbao"
    project_file.save(r, path)
    assert main.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "强制性错误" in out and "应为50" in out and "处理办法" in out


def test_check_unreadable_exits_2(tmp_path, capsys):
    bad = tmp_path / "坏.nianbao"
    bad.write_bytes(b"{not json")
    good = tmp_path / "好.nianbao"
    project_file.save(load_sample(), good)
    assert main.main(["check", str(good), str(bad)]) == 2
    assert "无法读取" in capsys.readouterr().out


def test_check_json_output(tmp_path, capsys):
    r = load_sample()
    r.meta.publication_date = None
    path = tmp_path / "a.nianbao"
    project_file.save(r, path)
    assert main.main(["check", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["errors"] == 0 and data[0]["warnings"] == 1
    assert data[0]["findings"][0]["rule_id"] == "META_PUBLICATION_MISSING"


def test_new_creates_an_empty_project(tmp_path, capsys):
    out = tmp_path / "新.nianbao"
    assert main.main(["new", "--agency", "某某县统计局", "--year", "2026", "-o", str(out)]) == 0
    report, _ = project_file.load(out)
    assert report.meta.agency == "某某县统计局" and report.meta.year == 2026 and report.format_id == "gb_2021"
    assert main.main(["new", "--agency", "某某县统计局", "--year", "2020", "-o", str(out), "--force"]) == 0
    assert project_file.load(out)[0].format_id == "gb_2019"


def test_unknown_file_type_is_a_clear_message(tmp_path, capsys):
    p = tmp_path / "x.txt"
    p.write_text("hello")
    assert main.main(["check", str(p)]) == 2
    assert "不支持" in capsys.readouterr().out


def test_bad_arguments_are_explained_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main.main(["new", "--agency", "x"])
    assert exc.value.code == 2
    assert "命令参数有误" in capsys.readouterr().err
