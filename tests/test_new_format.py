"""A new format is one JSON file: a hypothetical format valid from 2099 (a copy of 2021 with one row
relabelled and one row added), written into a private formats folder, goes through new, editing, check,
export to .docx/.xlsx/.html, import of its own .docx and roll-forward from a 2021 report — no code knows it.
And the drop-in: resources/formats/gb_2099.json in a copy of the checkout makes `main.py new --year 2099`
create a gb_2099 project that checks and exports."""

from __future__ import annotations

import datetime as dt
import io
import os
import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from export import export_report
from model.checks import check
from model.edits import InvalidValue, SetBlocks, SetCell, SetMeta
from model.formats import format_for_year, get_format
from model.grid import table_grid
from model.importers import import_file
from model.project_file import load, save
from model.report import Block, new_report
from model.rollover import roll_forward
from model.session import Session
from tests.conftest import ROOT

NEW_ROW = "t2.art20_6.inspection"  # the added row: 行政检查, in 第二十条第（六）项
RELABELLED = "t3.result.granted"  # 予以公开 → 予以全部公开
NEW_LABEL = "（一）予以全部公开"


def write_2099(folder):
    data = json.loads((folder / "gb_2021.json").read_text("utf-8"))
    data.update(format_id="gb_2099", first_year=2099, doc_no="国办公开办函〔2099〕1号", name="假想的2099年格式")
    sub = next(s for s in data["tables"]["t2"]["subtables"] if s["id"] == "t2.art20_6")
    sub["rows"].append({"key": NEW_ROW, "label": "行政检查", "match": ["行政检查"]})
    row = next(r for r in data["tables"]["t3"]["rows"] if r["key"] == RELABELLED)
    row["label"] = NEW_LABEL
    data.pop("migrate_from")
    data["migrate_from"] = {
        "format_id": "gb_2021",
        "cells": {},
        "notes": {NEW_ROW: "2099年格式新增“行政检查”一行，请按本年度数据填写。"},
    }
    (folder / "gb_2099.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


@pytest.fixture
def folder(formats_folder):
    write_2099(formats_folder)
    return formats_folder


# 第五部分 says what a reviewer wants (a 第五部分 of a few words gets TEXT_PROBLEMS_SHORT).
FIFTH = "本年度存在的主要问题是公开内容还不够全面，改进措施是加强业务培训、完善制度并定期检查公开情况。"


def filled(year=2099):
    """A 2099 report with every cell filled so that it checks clean (3 applications, all granted)."""
    report = new_report("假想市测试局", year)
    session = Session(report)
    for key, cdef in report.format.cells.items():
        if not cdef.derived:
            session.push(SetCell(key, Decimal("1.5") if cdef.type == "decimal" else 0))
    for col in ("natural_person", "legal.commercial"):
        session.push(SetCell(f"t3.new_received@{col}", 3))
        session.push(SetCell(f"{RELABELLED}@{col}", 3))
    session.push(SetCell(f"{NEW_ROW}.decisions", 17))
    session.push(SetMeta("publication_date", dt.date(year + 1, 1, 20)))
    for no in ("preamble", "一", "五", "六"):
        text = {"六": "本年度未收取信息处理费。", "五": FIFTH}.get(no, f"{no}部分的文字。")
        session.push(SetBlocks(no, (Block("paragraph", text),)))
    return report, session


def test_new_edit_and_check(folder):
    assert format_for_year(2099) == "gb_2099" and format_for_year(2098) == "gb_2021"
    report = new_report("假想市测试局", 2099)
    fmt = report.format
    assert report.format_id == "gb_2099" and fmt.name == "假想的2099年格式"
    assert fmt.cells[f"{NEW_ROW}.decisions"].location == "表二“行政检查”的“本年处理决定数量”"
    assert fmt.cells[f"{RELABELLED}@total"].row_label == NEW_LABEL
    keys = table_grid("gb_2099", "t2").value_keys()
    assert f"{NEW_ROW}.decisions" in keys and len(keys) == len(table_grid("gb_2021", "t2").value_keys()) + 1
    assert any(c.text == NEW_LABEL for c in table_grid("gb_2099", "t3").cells)

    unfilled = next(f for f in check(report) if f.id == "CELL_UNFILLED:t2")
    assert f"{NEW_ROW}.decisions" in unfilled.cells

    report, session = filled()
    assert session.findings == check(report)
    assert [f for f in check(report) if f.open] == []
    # An edit that breaks 表三's balance, named with the relabelled row's label where the rule names it.
    outcome = session.push(SetCell(f"{RELABELLED}@natural_person", 2))
    assert session.findings == check(report)
    found = {f.rule_id for f in outcome.delta.added}
    assert {"T3_BALANCE"} <= found
    with pytest.raises(InvalidValue) as refused:
        session.push(SetCell(f"{NEW_ROW}.decisions", -1))
    assert "表二“行政检查”" in str(refused.value)
    session.push(SetCell(f"{NEW_ROW}.decisions", None))
    unfilled = next(f for f in check(report) if f.rule_id == "CELL_UNFILLED")
    assert unfilled.cells == (f"{NEW_ROW}.decisions",) and unfilled.section == "二"
    assert session.findings == check(report)


def test_export_to_all_three_and_import_its_own_docx(folder, tmp_path):
    report, _session = filled()
    for kind in ("docx", "xlsx", "html"):
        export_report(report, kind, tmp_path / f"r.{kind}")
    doc = Document(str(tmp_path / "r.docx"))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "行政检查" in cells and NEW_LABEL in cells and "17" in cells
    wb = load_workbook(tmp_path / "r.xlsx")
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert "行政检查" in values and NEW_LABEL in values and 17 in values
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "行政检查" in html and NEW_LABEL in html

    back, log = import_file(tmp_path / "r.docx")
    assert back.format_id == "gb_2099", log.lines()
    assert back.value(f"{NEW_ROW}.decisions") == 17
    assert back.value(f"{RELABELLED}@natural_person") == 3
    assert {k: c.value for k, c in back.cells.items()} == {k: c.value for k, c in report.cells.items()}
    html_back, _ = import_file(tmp_path / "r.html")
    assert html_back.format_id == "gb_2099" and html_back.value(f"{NEW_ROW}.decisions") == 17


def test_a_2021_report_rolls_forward_into_it(folder, tmp_path):
    sample, _ = load(ROOT / "resources" / "sample_2025.nianbao")
    sample.meta.year = 2098
    assert sample.format_id == "gb_2021"
    new = roll_forward(sample)
    assert new.format_id == "gb_2099" and new.meta.year == 2099
    for col in ("natural_person", "total"):
        old = sample.value(f"t3.carried_over_out@{col}") or 0
        assert new.cells[f"t3.carried_over_in@{col}"].value == old
        assert new.cells[f"t3.carried_over_in@{col}"].origin == "carried"
    assert any("行政检查" in n for n in new.notes)
    assert new.previous.cells[f"{RELABELLED}@total"] == sample.value(f"{RELABELLED}@total")
    assert f"{NEW_ROW}.decisions" not in new.cells  # new in 2099: nothing to carry
    save(new, tmp_path / "new.nianbao")
    again, _ = load(tmp_path / "new.nianbao")
    assert again.format_id == "gb_2099"
    assert {f.rule_id for f in check(again)} >= {"CELL_UNFILLED"}
    assert get_format("gb_2021").name != get_format("gb_2099").name


def test_dropping_gb_2099_json_into_a_checkout(tmp_path):
    """The drop-in as a clerk's IT would do it: a copy of the program, one more file in its
    resources/formats folder, no environment variable and no code change."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("model", "export", "resources"):
        shutil.copytree(ROOT / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "main.py", checkout / "main.py")
    data = json.loads((checkout / "resources" / "formats" / "gb_2021.json").read_text("utf-8"))
    data.update(format_id="gb_2099", first_year=2099)
    (checkout / "resources" / "formats" / "gb_2099.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    def run(*args):
        env = {k: v for k, v in os.environ.items() if k != "NIANBAO_FORMATS_DIR"}
        return subprocess.run(
            [sys.executable, "main.py", *args], cwd=checkout, capture_output=True, text=True, env=env, timeout=300
        )

    made = run("new", "--agency", "某市某局", "--year", "2099", "-o", str(tmp_path / "p.nianbao"))
    assert made.returncode == 0, made.stderr
    project = json.loads((tmp_path / "p.nianbao").read_text("utf-8"))["report"]
    assert project["format_id"] == "gb_2099" and project["meta"]["year"] == 2099
    checked = run("check", "--json", str(tmp_path / "p.nianbao"))
    assert checked.returncode == 0, checked.stderr  # an empty report has warnings, no errors
    result = json.loads(checked.stdout)[0]
    assert result["errors"] == 0 and "CELL_UNFILLED" in {f["rule_id"] for f in result["findings"]}
    out = [str(tmp_path / f"p.{k}") for k in ("docx", "xlsx", "html")]
    exported = run("export", str(tmp_path / "p.nianbao"), "--docx", out[0], "--xlsx", out[1], "--html", out[2])
    assert exported.returncode == 0, exported.stderr
    doc = Document(out[0])
    assert "某市某局2099年政府信息公开工作年度报告" in [p.text for p in doc.paragraphs]
    assert load_workbook(io.BytesIO(open(out[1], "rb").read())).sheetnames
    assert "<table" in open(out[2], encoding="utf-8").read()


def test_real_reports_import_as_before_beside_it(folder, monkeypatch, tmp_path):
    """gb_2099 keeps 2021's labels: the report year, not the labels, tells the two apart, and no guess is logged
    that was not logged without it."""
    from model.formats import FORMATS_ENV
    from tests.conftest import FIXTURES

    sample, _ = load(ROOT / "resources" / "sample_2025.nianbao")  # a 2021-format report (the seeds are 2019's)
    export_report(sample, "docx", tmp_path / "sample.docx")
    seeds = [*sorted(FIXTURES.glob("*.docx")), tmp_path / "sample.docx"]
    for seed in seeds:
        monkeypatch.delenv(FORMATS_ENV)
        before, log_before = import_file(seed)
        monkeypatch.setenv(FORMATS_ENV, str(folder))
        after, log_after = import_file(seed)
        assert after.format_id == before.format_id != "gb_2099", seed.name
        assert log_after.guessed == log_before.guessed and after.cells == before.cells
    assert {"gb_2019", "gb_2021"} <= {import_file(s)[0].format_id for s in seeds}
