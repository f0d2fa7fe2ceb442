"""The headless door: `main.py import LAST.docx -o NEW.nianbao [--roll-forward]` and `main.py check X.docx`."""

from __future__ import annotations

import main
from model.project_file import load
from tests.conftest import fixture_path


def test_import_and_roll_forward(tmp_path, capsys):
    out = tmp_path / "new.nianbao"
    assert main.main(["import", str(fixture_path("seed_000__clerk_wu.docx")), "-o", str(out), "--roll-forward"]) == 0
    text = capsys.readouterr().out
    assert "找到：表三" in text and "“无”" in text and "2021年度" in text
    report, _ = load(out)
    assert (report.meta.year, report.format_id, report.previous.year) == (2021, "gb_2021", 2020)
    assert report.cells["t3.carried_over_in@natural_person"].origin == "carried"
    assert any("（六）3.其他" in n for n in report.notes)


def test_import_without_roll_forward_keeps_the_published_report(tmp_path, capsys):
    out = tmp_path / "same.nianbao"
    assert main.main(["import", str(fixture_path("seed_004__official.docx")), "-o", str(out)]) == 0
    assert "未找到第六部分" in capsys.readouterr().out
    report, _ = load(out)
    assert report.meta.year == 2020 and report.cells["t3.new_received@natural_person"].raw == "无"


def test_check_accepts_docx(capsys):
    assert main.main(["check", str(fixture_path("seed_004__blank0.docx"))]) == 0  # warnings only
    assert "表三中有161个单元格未填写" in capsys.readouterr().out


def test_damaged_file_is_a_message_and_exit_code_2(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert main.main(["import", str(bad), "-o", str(tmp_path / "x.nianbao")]) == 2
    assert "损坏" in capsys.readouterr().err
    assert not (tmp_path / "x.nianbao").exists()


def test_roll_forward_on_the_command_line_advances_the_statistics_period(tmp_path, capsys):
    out = tmp_path / "new.nianbao"
    assert main.main(["import", str(fixture_path("seed_000__official.docx")), "-o", str(out), "--roll-forward"]) == 0
    assert "上年的年份已改为2021年" in capsys.readouterr().out
    report, _ = load(out)
    assert "统计期限自2021年1月1日起" in report.blocks("preamble")[0].text
    assert report.blocks("preamble")[0].review.startswith("年份已由“2020年”改为“2021年”")
