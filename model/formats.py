"""The official report formats, each one JSON file in `resources/formats/` (`<format_id>.json`).

A format knows its sections, its tables (names, rows, columns, how a finding names a cell, the words an
importer recognises them by), every cell key with its type and Chinese location, its consistency rules
expanded into concrete relations over cell keys, which cells roll forward into next year's report, and how
an older format's report migrates into it. Adding a format means dropping a JSON file into the folder: the
files are discovered there, a report year picks the format with the greatest `first_year` ≤ year (and
`last_year` ≥ year where given), and each file is checked against `model.format_schema` before use.

Tests point the loader at another folder with the `NIANBAO_FORMATS_DIR` environment variable; every cache
is keyed by the folder, so one test's formats never leak into another's.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from model.errors import UnknownFormat
from model.format_schema import RELATION_KINDS, check_format_data, check_header, fail
from resources import resource

FORMATS_ENV = "NIANBAO_FORMATS_DIR"


@dataclass(frozen=True)
class CellDef:
    key: str
    table: str
    row_label: str
    col_label: str
    type: str  # "int" | "signed_int" | "decimal"
    unit: str = ""
    derived: bool = False  # a pure sum the model can compute (shown read-only in the GUI)
    location: str = ""  # how a finding names the cell, e.g. 表三“一、本年新收…”行“自然人”列


@dataclass(frozen=True)
class SectionDef:
    no: str
    title: str
    kind: str  # "text" | "table"
    table: str | None
    guidance: str
    suggested_headings: tuple[str, ...] = ()
    heading_words: tuple[str, ...] = ()  # wordings of the heading seen in published reports (import)

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
    def __init__(self, data: dict[str, Any], source: str = "<format>"):
        check_format_data(data, source)
        self.data = data
        self.source = source  # the file name, for error messages
        self.format_id: str = data["format_id"]
        self.name: str = data["name"]
        self.doc_no: str = data["doc_no"]
        self.first_year: int = data["first_year"]
        self.last_year: int | None = data.get("last_year")
        self.tables: dict[str, dict[str, Any]] = data["tables"]
        self.sections = tuple(
            SectionDef(
                s["no"],
                s["title"],
                s["kind"],
                s.get("table"),
                s.get("guidance", ""),
                tuple(s.get("suggested_headings", ())),
                tuple(s.get("heading_words", ())),
            )
            for s in data["sections"]
        )
        self.rules: list[dict[str, Any]] = data["rules"]
        self.migrate_from: dict[str, Any] | None = data.get("migrate_from")
        self.import_spec: dict[str, Any] = data.get("import", {"markers": [], "classify": []})
        # Narrative-check patterns, owned and validated by the narrative checks' own loader: passed through
        # untouched here, so adding patterns there never needs a change in this module.
        self.narrative: dict[str, Any] = data.get("narrative", {})
        self.section_of_table: dict[str, str] = {s.table: s.no for s in self.sections if s.table}
        self.cells: dict[str, CellDef] = {}
        self._labels: dict[str, str] = {}
        self._build_cells()
        self.relations: list[Relation] = self._expand_relations()
        derived = {r.lhs[0].key for r in self.relations if r.rule.get("derive")}
        for key in derived:
            self.cells[key] = replace(self.cells[key], derived=True)
        self.relations_by_cell: dict[str, list[Relation]] = {}
        for rel in self.relations:
            for key in rel.current_keys:
                self.relations_by_cell.setdefault(key, []).append(rel)
        self.carry: list[tuple[str, str]] = self._carry_pairs()
        self._check_references()

    # -- cells -------------------------------------------------------------------------------
    def _build_cells(self) -> None:
        for tid, table in self.tables.items():
            {"t2": self._t2_cells, "t3": self._t3_cells, "t4": self._t4_cells}[table["layout"]](tid, table)

    def _add(self, tid: str, key: str, row: str, col: str, type_: str = "int", unit: str = "") -> None:
        if key in self.cells:
            raise fail(self.source, f"$.tables.{tid}", f"单元格“{key}”重复")
        place = self.tables[tid]["location"].format(table=self.tables[tid]["name"], row=row, col=col)
        self.cells[key] = CellDef(key, tid, row, col, type_, unit, location=place)

    def _t2_cells(self, tid: str, t2: dict[str, Any]) -> None:
        for sub in t2["subtables"]:
            for row in sub["rows"]:
                self._labels[row["key"]] = row["label"]
                self._labels[row["key"].rsplit(".", 1)[-1]] = row["label"]
                for col in sub["columns"]:
                    self._add(
                        tid, f"{row['key']}.{col['key']}", row["label"], col["label"], col["type"], col.get("unit", "")
                    )

    def _t3_cells(self, tid: str, t3: dict[str, Any]) -> None:
        by_key = {r["key"]: r for r in t3["rows"]}
        for col in t3["columns"]:
            self._labels[col["key"]] = col["label"]
        for i, row in enumerate(t3["rows"]):
            if "parent" in row and row["parent"] not in by_key:
                raise fail(self.source, f"$.tables.{tid}.rows[{i}].parent", f"没有这一行：“{row['parent']}”")
            label = row["label"]
            if row.get("level", 0) == 2:
                label = f"{by_key[row['parent']]['label']}{label}"
            self._labels[row["key"]] = label
            if not row["data"]:
                continue
            for col in t3["columns"]:
                self._add(tid, f"{row['key']}@{col['key']}", label, col["label"])

    def _t4_cells(self, tid: str, t4: dict[str, Any]) -> None:
        for g in t4["groups"]:
            glabel = f"{g['parent']}·{g['label']}" if g.get("parent") else g["label"]
            self._labels[g["key"]] = glabel
            for col in t4["columns"]:
                self._add(tid, f"{tid}.{g['key']}.{col['key']}", glabel, col["label"])

    def table_cells(self, table: str) -> list[str]:
        return [k for k, c in self.cells.items() if c.table == table]

    def table_name(self, table: str) -> str:
        return str(self.tables[table]["name"])

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

    # -- loops over a table's columns, rows or groups ------------------------------------------------
    def scope(self, name: str | list[str]) -> list[str]:
        """The values a rule's loop variable runs over: a list as given, or "t3.columns", "t3.data_rows",
        "t3.rows", "t4.groups"… (table id, then what of it)."""
        if isinstance(name, list):
            return [str(v) for v in name]
        tid, _, what = str(name).partition(".")
        table = self.tables.get(tid)
        if table is None:
            raise ValueError(f"没有这张表：“{tid}”")
        if what == "data_rows" and "rows" in table:
            return [r["key"] for r in table["rows"] if r.get("data", True)]
        if what in ("columns", "rows", "groups") and what in table:
            return [c["key"] for c in table[what]]
        raise ValueError(f"未知的范围“{name}”（可用：表编号加 .columns、.rows、.data_rows 或 .groups）")

    def expand(self, loops: dict[str, Any], path: str) -> list[dict[str, str]]:
        """Every binding of a rule's loop variables (`path`: where `loops` sits in the file, for errors)."""
        names = list(loops)
        values = []
        for n in names:
            try:
                values.append(self.scope(loops[n]))
            except ValueError as exc:
                raise fail(self.source, f"{path}.{n}", str(exc)) from None
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]

    def _expand_relations(self) -> list[Relation]:
        out: list[Relation] = []
        for i, rule in enumerate(self.rules):
            if rule["kind"] not in RELATION_KINDS:
                continue
            path = f"$.rules[{i}]"
            sides = (
                (("target", [rule["target"]]), ("parts", rule["parts"]))
                if rule["kind"] == "sum"
                else (
                    ("lhs", rule["lhs"]),
                    ("rhs", rule["rhs"]),
                )
            )
            for env in self.expand(rule.get("for", {}), f"{path}.for"):
                terms: list[tuple[Term, ...]] = []
                for side, templates in sides:
                    one = []
                    for j, t in enumerate(templates):
                        where = f"{path}.{side}" if side == "target" else f"{path}.{side}[{j}]"
                        term = _term(self._fill(t, env, where))
                        self._known_cell(term.key, where)
                        one.append(term)
                    terms.append(tuple(one))
                labels = {f"{n}_label": self.label(v) for n, v in env.items()}
                suffix = ",".join(env.values())
                fid = f"{rule['id']}:{suffix}" if suffix else rule["id"]
                out.append(Relation(fid, rule, terms[0], terms[1], labels))
        return out

    def _fill(self, template: str, env: dict[str, str], where: str) -> str:
        try:
            return template.format(**env)
        except (KeyError, IndexError, ValueError):
            raise fail(
                self.source, where, f"“{template}”用了没有定义的循环变量（已定义：{'、'.join(env) or '无'}）"
            ) from None

    def _known_cell(self, key: str, where: str) -> None:
        if key not in self.cells:
            raise fail(self.source, where, f'未知的单元格 "{key}"')

    def _carry_pairs(self) -> list[tuple[str, str]]:
        """(last year's cell, this year's cell) for every carried value, e.g. 结转下年度 → 上年结转."""
        pairs: list[tuple[str, str]] = []
        for i, c in enumerate(self.data.get("roll_forward", {}).get("carry", [])):
            path = f"$.roll_forward.carry[{i}]"
            for env in self.expand(c.get("for", {}), f"{path}.for"):
                src, dst = self._fill(c["from"], env, f"{path}.from"), self._fill(c["to"], env, f"{path}.to")
                # "from" names a cell of last year's report; checked here against this format, the usual case.
                self._known_cell(src, f"{path}.from")
                self._known_cell(dst, f"{path}.to")
                pairs.append((src, dst))
        return pairs

    def _check_references(self) -> None:
        sections = {s.no for s in self.sections}
        for tid in self.tables:
            if tid not in self.section_of_table:
                raise fail(self.source, f"$.tables.{tid}", "没有哪一部分用到这张表（sections[].table）")
        for i, rule in enumerate(self.rules):
            if "cell" in rule:
                self._known_cell(rule["cell"], f"$.rules[{i}].cell")
            for j, key in enumerate(rule.get("cells", ())):
                self._known_cell(key, f"$.rules[{i}].cells[{j}]")
            if "section" in rule and rule["section"] not in sections:
                raise fail(self.source, f"$.rules[{i}].section", f"没有这一部分：“{rule['section']}”")
        spec = self.migrate_from
        if spec:
            for env in self.expand(spec.get("for", {}), "$.migrate_from.for"):
                for old, new in spec["cells"].items():
                    self._known_cell(self._fill(new, env, f"$.migrate_from.cells.{old}"), f"$.migrate_from.cells.{old}")


def _term(text: str) -> Term:
    coef = 1
    if text.startswith("-"):
        coef, text = -1, text[1:]
    prev = text.startswith("prev:")
    if prev:
        text = text[5:]
    return Term(text, coef, prev)


# -- discovery ------------------------------------------------------------------------------------


_DEFAULT = str(resource("formats"))


def formats_dir() -> Path:
    """The folder the formats are read from: `resources/formats`, or `$NIANBAO_FORMATS_DIR` (tests)."""
    return Path(os.environ.get(FORMATS_ENV) or _DEFAULT)


@dataclass(frozen=True)
class _Entry:
    format_id: str
    first_year: int
    last_year: int | None
    doc_no: str
    data: dict[str, Any] = field(hash=False, compare=False)
    source: str = ""


# Caches keyed by the folder (and format id): one folder's formats never answer for another's.
_CATALOGS: dict[str, dict[str, _Entry]] = {}
_FORMATS: dict[tuple[str, str], Format] = {}


def forget_formats() -> None:
    """Drop every loaded format, so changed files are read again (tests that rewrite a format file)."""
    _CATALOGS.clear()
    _FORMATS.clear()


def _catalog(folder: str) -> dict[str, _Entry]:
    found = _CATALOGS.get(folder)
    if found is None:
        found = _CATALOGS[folder] = _discover(folder)
    return found


def _discover(folder: str) -> dict[str, _Entry]:
    """Every format file in `folder`, shape-checked, by format id; the year ranges checked against each other."""
    entries: dict[str, _Entry] = {}
    for path in sorted(Path(folder).glob("*.json")):
        data = _read(path)
        check_header(data, path.name)
        if data["format_id"] != path.stem:
            raise fail(path.name, "$.format_id", f"格式编号“{data['format_id']}”应与文件名“{path.stem}”一致")
        entries[path.stem] = _Entry(
            path.stem, data["first_year"], data.get("last_year"), data["doc_no"], data, path.name
        )
    _check_years(entries.values())
    return entries


def _read(path: Path) -> Any:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(path.name, "$", f"文件无法读取（{type(exc).__name__}）") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(path.name, "$", f"不是有效的JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None


def _check_years(entries: Iterable[_Entry]) -> None:
    """Two formats may not claim the same year: an equal `first_year`, or a `last_year` that reaches into a
    later format's years. An open end (no `last_year`) simply gives way to the next format."""
    ordered = sorted(entries, key=lambda e: (e.first_year, e.source))
    for a, b in itertools.combinations(ordered, 2):
        if a.first_year == b.first_year:
            raise fail(b.source, "$.first_year", f"起始年度{b.first_year}与{a.source}相同，年度范围重叠")
        if a.last_year is not None and a.last_year >= b.first_year:
            raise fail(
                a.source, "$.last_year", f"截止年度{a.last_year}与{b.source}（{b.first_year}年起）的年度范围重叠"
            )


def format_ids() -> tuple[str, ...]:
    """The format ids of the formats folder, newest first."""
    cat = _catalog(str(formats_dir()))
    return tuple(sorted(cat, key=lambda f: -cat[f].first_year))


def get_format(format_id: str) -> Format:
    # Called on every report.format: one environment look-up and one dict hit when loaded.
    folder = os.environ.get(FORMATS_ENV) or _DEFAULT
    fmt = _FORMATS.get((folder, format_id))
    if fmt is not None:
        return fmt
    cat = _catalog(folder)
    if format_id not in cat:
        known = "、".join(cat[f].doc_no.split(" (")[0] for f in format_ids())
        raise UnknownFormat(f"不认识的年度报告格式“{format_id}”。", f"年报助手支持以下格式：{known}。")
    entry = cat[format_id]
    fmt = _FORMATS[(folder, format_id)] = Format(entry.data, entry.source)
    return fmt


def format_for_year(year: int) -> str:
    """The format in force for a report year: the greatest `first_year` ≤ year (and `last_year` ≥ year where
    given); a year before every format takes the oldest one, a year in no range the latest begun before it."""
    cat = _catalog(str(formats_dir()))
    if not cat:
        raise UnknownFormat("没有找到任何年度报告格式文件。", "请重新安装年报助手。")
    entries = sorted(cat.values(), key=lambda e: e.first_year)
    begun = [e for e in entries if e.first_year <= year]
    if not begun:
        return entries[0].format_id
    in_force = [e for e in begun if e.last_year is None or e.last_year >= year]
    return (in_force or begun)[-1].format_id
