"""The seed reports of ../shared/fixtures entered by hand as projects (the fixtures' expected JSON → Report).

Cells keep how the agency wrote them (a number, "无", blank), as a clerk copying the published report
would see them; totals stay as published (totals_mode "manual").
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from model.report import Block, Cell, Meta, Report

from tests.conftest import fixture_path

READ_AS = {"": "number", "blank": "blank"}


def seed_json(name: str) -> dict:
    return json.loads(fixture_path(f"{name}.json").read_text("utf-8"))


def seed_cell(spec: dict) -> Cell:
    note = spec.get("note", "") or ""
    value = spec.get("value")
    if isinstance(value, float):
        value = Decimal(str(value))
    read_as = "placeholder" if note.startswith("placeholder") else READ_AS.get(note, "number")
    if value is None and read_as == "number":
        read_as = "unreadable"
    return Cell(value, "entered", spec.get("raw"), read_as)


def seed_cells(data: dict) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for row, cols in data["tables"]["t2"].items():
        for col, spec in cols.items():
            cells[f"{row}.{col}"] = seed_cell(spec)
    for row, cols in data["tables"]["t3"].items():
        for col, spec in cols.items():
            cells[f"{row}@{col}"] = seed_cell(spec)
    for key, spec in data["tables"]["t4"].items():
        cells[key] = seed_cell(spec)
    return cells


def seed_report(name: str) -> Report:
    data = seed_json(name)
    fid = {"2019": "gb_2019", "2021": "gb_2021"}[data["format"]]
    sig = data.get("signature") or {}
    meta = Meta(
        agency=data["agency"],
        year=int(data["year"]),
        publication_date=dt.date.fromisoformat(sig["date"]) if sig.get("date") else None,
    )
    if data["title"] != meta.default_title():
        meta.title = data["title"]
    narrative = {"preamble": [Block("paragraph", t) for t in data.get("preamble", [])]}
    for heading, paras in data["sections"].items():
        narrative[heading[0]] = [Block("paragraph", t) for t in paras]
    return Report(meta=meta, format_id=fid, cells=seed_cells(data), narrative=narrative, totals_mode="manual")
