"""The official report formats, loaded from data (`resources/formats/<format_id>.json`).

A format knows its sections, its tables' rows and columns, every cell key with its type and Chinese
location, and its consistency rules expanded into concrete relations over cell keys. Adding a future
format means adding a JSON file, not code.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from functools import cache
from resources import resource
from typing import Any

from model.errors import UnknownFormat

FORMAT_IDS = ("gb_2021", "gb_2019")
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


@dataclass(frozen=True)
class CellDef:
    key: str
    table: str
    row_label: str
    col_label: str
    type: str  # "int" | "signed_int" | "decimal"
    unit: str = ""
    derived: bool = False  # a pure sum the model can compute (shown read-only in the GUI)

    @property
    def location(self) -> str:
        name = TABLE_NAMES[self.table]
        if self.table == "t3":
            return f"{name}“{self.row_label}”行“{self.col_label}”列"
        return f"{name}“{self.row_label}”的“{self.col_label}”"


@dataclass(frozen=True)
class SectionDef:
    no: str
    title: str
    kind: str  # "text" | "table"
    table: str | None
    guidance: str
    suggested_headings: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.no}、{self.title}"


@dataclass(frozen=True)
class Term:
    key: str
    coef: int = 1
    prev: bool = False  # value from last year's report


@dataclass(frozen=True)
class Relation:
    """One concrete instance of a rule: lhs (= or <=) rhs over cell keys."""

    finding_id: str
    rule: dict[str, Any] = field(hash=False, compare=False)
    lhs: tuple[Term, ...] = ()
    rhs: tuple[Term, ...] = ()
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def rule_id(self) -> str:
        return str(self.rule["id"])

    @property
    def kind(self) -> str:
        return str(self.rule["kind"])

    @property
    def severity(self) -> str:
        return str(self.rule["severity"])

    @property
    def current_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in (*self.lhs, *self.rhs) if not t.prev)


class Format:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.format_id: str = data["format_id"]
        self.name: str = data["name"]
        self.doc_no: str = data["doc_no"]
        self.first_year: int = data["first_year"]
        self.last_year: int | None = data["last_year"]
        self.tables: dict[str, dict[str, Any]] = data["tables"]
        self.sections = tuple(
            SectionDef(
                s["no"],
                s["title"],
                s["kind"],
                s.get("table"),
                s.get("guidance", ""),
                tuple(s.get("suggested_headings", ())),
            )
            for s in data["sections"]
        )
        self.rules: list[dict[str, Any]] = data["rules"]
        self.migrate_to: dict[str, Any] | None = data.get("migrate_to")
        self.cells: dict[str, CellDef] = {}
        self._labels: dict[str, str] = {}
        self._build_cells()
        self.relations: list[Relation] = self._expand_relations()
        derived = {r.lhs[0].key for r in self.relations if r.rule.get("derive")}
        for key in derived:
            c = self.cells[key]
            self.cells[key] = CellDef(c.key, c.table, c.row_label, c.col_label, c.type, c.unit, True)
        self.relations_by_cell: dict[str, list[Relation]] = {}
        for rel in self.relations:
            for key in rel.current_keys:
                self.relations_by_cell.setdefault(key, []).append(rel)

    # -- cells -------------------------------------------------------------------------------
    def _build_cells(self) -> None:
        t2 = self.tables["t2"]
        for sub in t2["subtables"]:
            for row in sub["rows"]:
                self._labels[row["key"]] = row["label"]
                self._labels[row["key"].rsplit(".", 1)[1]] = row["label"]
                for col in sub["columns"]:
                    key = f"{row['key']}.{col['key']}"
                    self.cells[key] = CellDef(key, "t2", row["label"], col["label"], col["type"], col.get("unit", ""))
        t3 = self.tables["t3"]
        by_key = {r["key"]: r for r in t3["rows"]}
        for col in t3["columns"]:
            self._labels[col["key"]] = col["label"]
        for row in t3["rows"]:
            label = row["label"]
            if row.get("level", 0) == 2:
                label = f"{by_key[row['parent']]['label']}{label}"
            self._labels[row["key"]] = label
            if not row["data"]:
                continue
            for col in t3["columns"]:
                key = f"{row['key']}@{col['key']}"
                self.cells[key] = CellDef(key, "t3", label, col["label"], "int")
        t4 = self.tables["t4"]
        for g in t4["groups"]:
            glabel = f"{g['parent']}·{g['label']}" if g.get("parent") else g["label"]
            self._labels[g["key"]] = glabel
            for col in t4["columns"]:
                key = f"t4.{g['key']}.{col['key']}"
                self.cells[key] = CellDef(key, "t4", glabel, col["label"], "int")

    def table_cells(self, table: str) -> list[str]:
        return [k for k, c in self.cells.items() if c.table == table]

    def label(self, key: str) -> str:
        return self._labels.get(key, key)

    def section(self, no: str) -> SectionDef:
        for s in self.sections:
            if s.no == no:
                return s
        raise KeyError(no)

    def rule(self, rule_id: str) -> dict[str, Any]:
        for r in self.rules:
            if r["id"] == rule_id:
                return r
        raise KeyError(rule_id)

    # -- relations -----------------------------------------------------------------------------
    def _scope(self, name: str | list[str]) -> list[str]:
        if isinstance(name, list):
            return name
        if name == "t3.columns":
            return [c["key"] for c in self.tables["t3"]["columns"]]
        if name == "t3.data_rows":
            return [r["key"] for r in self.tables["t3"]["rows"] if r["data"]]
        if name == "t4.groups":
            return [g["key"] for g in self.tables["t4"]["groups"]]
        raise ValueError(f"unknown scope {name!r}")

    def _expand_relations(self) -> list[Relation]:
        out: list[Relation] = []
        for rule in self.rules:
            if rule["kind"] not in ("equal", "sum", "le"):
                continue
            loops = rule.get("for", {})
            names = list(loops)
            for combo in itertools.product(*(self._scope(loops[n]) for n in names)):
                env = dict(zip(names, combo, strict=True))
                if rule["kind"] == "sum":
                    lhs_t, rhs_t = [rule["target"]], rule["parts"]
                else:
                    lhs_t, rhs_t = rule["lhs"], rule["rhs"]
                lhs = tuple(_term(t.format(**env)) for t in lhs_t)
                rhs = tuple(_term(t.format(**env)) for t in rhs_t)
                for t in (*lhs, *rhs):
                    if t.key not in self.cells:
                        raise ValueError(f"rule {rule['id']} names unknown cell {t.key}")
                labels = {f"{n}_label": self.label(v) for n, v in env.items()}
                suffix = ",".join(combo)
                fid = f"{rule['id']}:{suffix}" if suffix else rule["id"]
                out.append(Relation(fid, rule, lhs, rhs, labels))
        return out


def _term(text: str) -> Term:
    coef = 1
    if text.startswith("-"):
        coef, text = -1, text[1:]
    prev = text.startswith("prev:")
    if prev:
        text = text[5:]
    return Term(text, coef, prev)


@cache
def get_format(format_id: str) -> Format:
    if format_id not in FORMAT_IDS:
        raise UnknownFormat(f"不认识的年度报告格式“{format_id}”。")
    text = resource("formats", f"{format_id}.json").read_text("utf-8")
    return Format(json.loads(text))


def format_for_year(year: int) -> str:
    """The format in force for a report year: 〔2019〕60号 for 2019–2020, 〔2021〕30号 from 2021 on."""
    return "gb_2019" if year <= 2020 else "gb_2021"
