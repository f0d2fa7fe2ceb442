"""The shape of a format file (`resources/formats/*.json`), checked before anything reads it.

A format file is edited by people, not generated: a misspelled rule kind, a cell key with a typo or a
missing field must stop the load with a message naming the file and the place in it
(`gb_2021.json: $.rules[3].kind: 未知的规则类型 "sum_eqq"`), not be skipped or crash later. The schema is
a small nested description in plain Python (no JSON Schema dependency for ~150 lines of checks).

Schema language: a Python type (`str`, `int`, `bool`), `Enum(...)`, `ListOf(x)`, `MapOf(x)` (any keys),
`Nullable(x)`, `ANY`, or a dict of field → schema where a trailing `?` marks an optional field. Unknown
fields are refused, so "rulse" or "frist_year" is caught.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Any

from model.errors import FormatFileError

# Every rule kind the checks understand and, for kinds that dispatch on "check", the checks of that kind.
# model/checks.py interprets them (a test asserts its handlers cover exactly this vocabulary).
RELATION_KINDS = ("equal", "sum", "le")
RULE_CHECKS: dict[str, tuple[str, ...]] = {
    "cell": ("integer", "non_negative", "unreadable"),
    "table_cells": ("placeholder", "unfilled"),
    "meta": ("agency_missing", "title_year", "publication_late", "publication_missing"),
    "section": ("empty", "review_marks"),
    "text": ("t4_vs_text", "fee_text"),
    "narrative": ("facts", "years", "similarity", "topics", "problems", "article50"),
}
SEVERITIES = ("error", "warning")
LAYOUTS = ("t2", "t3", "t4")
CELL_TYPES = ("int", "signed_int", "decimal")


@dataclass(frozen=True)
class Enum:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class MapOf:
    item: Any


@dataclass(frozen=True)
class Nullable:
    item: Any


ANY = object()
WORDS = ListOf(str)
SCOPES = MapOf(ANY)  # loop name → "t3.columns"-style scope or a list of values; resolved by Format

SECTION = {
    "no": str,
    "title": str,
    "kind": Enum(("text", "table")),
    "table?": str,
    "guidance?": str,
    "suggested_headings?": WORDS,
    "heading_words?": WORDS,  # heading wordings seen in published reports, official first (import)
}
_TABLE_COMMON = {
    "layout": Enum(LAYOUTS),
    "name": str,  # 表二
    "long_name": str,  # 表二（主动公开政府信息情况）, for the import log
    "location": str,  # how a finding names a cell: "{table}“{row}”行“{col}”列"
    "title": str,
}
T2_TABLE = {
    **_TABLE_COMMON,
    "caption_marker?": str,  # the words that open a caption row in a published table (import)
    "subtables": ListOf(
        {
            "id": str,
            "caption": str,
            "header_label": str,
            "columns": ListOf({"key": str, "label": str, "type": Enum(CELL_TYPES), "unit?": str, "match?": WORDS}),
            "rows": ListOf({"key": str, "label": str, "match?": WORDS}),
        }
    ),
}
T3_TABLE = {
    **_TABLE_COMMON,
    "corner_note": str,
    "super_header": str,
    "row_markers?": WORDS,  # labels that tell the first data row (import)
    "columns": ListOf({"key": str, "label": str, "group": Nullable(str), "match?": WORDS}),
    # Rows are found by their label without its numbering, cut short or run together with their group
    # (importers/tables.py), so they carry no keyword list.
    "rows": ListOf({"key": str, "label": str, "data": bool, "level": int, "parent?": str}),
}
T4_TABLE = {
    **_TABLE_COMMON,
    "header_words?": WORDS,  # words only a header row has (import)
    "groups": ListOf({"key": str, "label": str, "parent": Nullable(str), "match?": WORDS}),
    "columns": ListOf({"key": str, "label": str, "match?": WORDS}),
}
TABLE_BY_LAYOUT = {"t2": T2_TABLE, "t3": T3_TABLE, "t4": T4_TABLE}

_RULE_COMMON = {
    "id": str,
    "severity": Enum(SEVERITIES),
    "kind": str,  # checked against the vocabulary above, with its own message
    "title": str,
    "message": str,
    "hint?": str,
    "basis?": str,
    "source?": str,
}
RELATION_RULE = {
    **_RULE_COMMON,
    "for?": SCOPES,
    "derive?": bool,  # the target is a pure sum the model computes
    "lhs?": WORDS,  # equal / le
    "rhs?": WORDS,
    "target?": str,  # sum
    "parts?": WORDS,
}
CHECK_RULE = {
    **_RULE_COMMON,
    "check": str,
    "types?": ListOf(Enum(CELL_TYPES)),
    "field?": str,
    "section?": str,  # the section a text finding opens
    "cell?": str,  # a cell the check reads (e.g. FEE_TEXT: 逾期未缴费 total)
    "cells?": WORDS,  # cells the check reads (e.g. T4_VS_TEXT: the 表四 totals)
    "patterns?": MapOf(str),  # regular expressions the check reads its words with, by name
}
# The patterns a text check cannot do without (the wording a format's reports use is data, not code).
REQUIRED_PATTERNS: dict[str, tuple[str, ...]] = {"t4_vs_text": ("none", "some")}

TOP = {
    "format_id": str,
    "name": str,
    "doc_no": str,
    "first_year": int,
    "last_year?": Nullable(int),
    "sections": ListOf(SECTION),
    "tables": MapOf(ANY),  # per layout, below
    "rules": ListOf(ANY),  # per kind, below
    "sources?": WORDS,
    "roll_forward?": {"carry": ListOf({"for?": SCOPES, "from": str, "to": str})},
    "migrate_from?": {"format_id": str, "for?": SCOPES, "cells": MapOf(str), "notes": MapOf(str)},
    "import?": {"markers": WORDS, "classify": ListOf({"table": str, "any_of": ListOf(WORDS)})},
    # Owned by the narrative checks (the `words` engineer's loader in model/ validates its content); the
    # format loader accepts any object here and passes it through untouched as `Format.narrative`.
    "narrative?": MapOf(ANY),
}
# The narrative checks' data (model/narrative). Only the keys named here are checked, so that a key a later
# check adds is not refused by a program that does not read it yet; a key named here must have this shape,
# or the checks would fail with a KeyError instead of naming the file and the place.
NUMBER = (int, float)
_READINGS = ListOf({"cells": WORDS, "label": str})
NARRATIVE = {
    "sections?": WORDS,
    "section_names?": MapOf(str),
    "other_scope?": WORDS,
    "other_time?": WORDS,
    "time_exceptions?": WORDS,
    "contexts?": MapOf(str),
    "years?": ListOf({"kind": Enum(("period", "title", "leading")), "pattern": str, "sections": WORDS}),
    "fee_none?": WORDS,
    "fee_figures?": ListOf({"name": str, "patterns": WORDS}),
    "similarity?": {
        "threshold": NUMBER,
        "min_chars": int,
        "min_sentence": int,
        "boilerplate": WORDS,
    },
    "facts?": ListOf(
        {
            "id": str,
            "patterns": WORDS,
            "readings": _READINGS,
            "keywords": WORDS,
            "percent_of?": _READINGS,
            "unit?": str,
            "scale?": MapOf(str),
            "sets_context?": str,
            "needs_context?": bool,
        }
    ),
    "claims?": ListOf({"id": str, "pattern": str, "subjects": MapOf(WORDS)}),
    "content?": {
        "topics?": {"section": str, "min_chars?": int, "items": ListOf({"name": str, "words": WORDS})},
        "problems?": {"section": str, "min_chars": int, "none": WORDS},
        "article50?": {"section": str, "name": str, "agency": WORDS, "words": WORDS},
    },
}
YEAR_MIN, YEAR_MAX = 2000, 2100

_TYPE_NAMES: dict[Any, str] = {str: "文字", int: "整数", bool: "true/false", NUMBER: "数"}


def fail(source: str, path: str, problem: str) -> FormatFileError:
    return FormatFileError(source, path, problem)


def check_shape(value: Any, schema: Any, source: str, path: str) -> None:
    """Raise `FormatFileError` at the first place `value` does not fit `schema`."""
    if schema is ANY:
        return
    if isinstance(schema, Nullable):
        if value is not None:
            check_shape(value, schema.item, source, path)
        return
    if isinstance(schema, Enum):
        if value not in schema.values:
            raise fail(source, path, f"取值{_show(value)}不在允许的范围内（{'、'.join(schema.values)}）")
        return
    if isinstance(schema, ListOf):
        if not isinstance(value, list):
            raise fail(source, path, f"应为列表，现为{_show(value)}")
        for i, item in enumerate(value):
            check_shape(item, schema.item, source, f"{path}[{i}]")
        return
    if isinstance(schema, MapOf):
        if not isinstance(value, dict):
            raise fail(source, path, f"应为对象，现为{_show(value)}")
        for k, item in value.items():
            check_shape(item, schema.item, source, f"{path}.{k}")
        return
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            raise fail(source, path, f"应为对象，现为{_show(value)}")
        fields = {k.rstrip("?"): k.endswith("?") for k in schema}
        for name, optional in fields.items():
            if name not in value and not optional:
                raise fail(source, f"{path}.{name}", "缺少必填字段")
        for name, item in value.items():
            if name not in fields:
                raise fail(source, f"{path}.{name}", "未知的字段")
            check_shape(item, schema[name + "?" if fields[name] else name], source, f"{path}.{name}")
        return
    # a plain type; bool is an int in Python but never a year or a level here
    if not isinstance(value, schema) or (schema is int and isinstance(value, bool)):
        raise fail(source, path, f"应为{_TYPE_NAMES.get(schema, str(schema))}，现为{_show(value)}")


def check_header(data: Any, source: str) -> None:
    """What discovery needs of every file (id and years), without the cost of checking the whole file:
    the rest is checked when the format is first used."""
    if not isinstance(data, dict):
        raise fail(source, "$", f"应为对象，现为{_show(data)}")
    header = {k: v for k, v in TOP.items() if k.rstrip("?") in ("format_id", "doc_no", "first_year", "last_year")}
    check_shape({k: v for k, v in data.items() if k + "?" in header or k in header}, header, source, "$")
    _check_years_of(data, source)


def check_format_data(data: Any, source: str) -> None:
    """The whole file's shape: top level, each table by its layout, each rule by its kind."""
    check_shape(data, TOP, source, "$")
    _check_years_of(data, source)
    narrative = data.get("narrative", {})
    known = {k: v for k, v in narrative.items() if k + "?" in NARRATIVE}
    check_shape(known, NARRATIVE, source, "$.narrative")
    _check_tables_and_rules(data, source)


def _check_years_of(data: dict[str, Any], source: str) -> None:
    if not YEAR_MIN <= data["first_year"] <= YEAR_MAX:
        raise fail(source, "$.first_year", f"年度{data['first_year']}不在{YEAR_MIN}–{YEAR_MAX}之间")
    last = data.get("last_year")
    if last is not None and not data["first_year"] <= last <= YEAR_MAX:
        raise fail(source, "$.last_year", f"截止年度{last}早于起始年度{data['first_year']}或晚于{YEAR_MAX}")


def _check_tables_and_rules(data: dict[str, Any], source: str) -> None:
    for tid, table in data["tables"].items():
        path = f"$.tables.{tid}"
        if not isinstance(table, dict):
            raise fail(source, path, f"应为对象，现为{_show(table)}")
        layout = table.get("layout")
        if layout not in TABLE_BY_LAYOUT:
            raise fail(source, f"{path}.layout", f"未知的表格样式{_show(layout)}（可用：{'、'.join(LAYOUTS)}）")
        check_shape(table, TABLE_BY_LAYOUT[layout], source, path)
    ids: set[str] = set()
    for i, rule in enumerate(data["rules"]):
        path = f"$.rules[{i}]"
        if not isinstance(rule, dict):
            raise fail(source, path, f"应为对象，现为{_show(rule)}")
        kind = rule.get("kind")
        if kind not in RELATION_KINDS and kind not in RULE_CHECKS:
            known = "、".join((*RELATION_KINDS, *RULE_CHECKS))
            raise fail(source, f"{path}.kind", f"未知的规则类型 {_show(kind)}（可用：{known}）")
        check_shape(rule, RELATION_RULE if kind in RELATION_KINDS else CHECK_RULE, source, path)
        if rule["id"] in ids:
            raise fail(source, f"{path}.id", f"规则编号{_show(rule['id'])}重复")
        ids.add(rule["id"])
        if kind in RELATION_KINDS:
            sides = ("target", "parts") if kind == "sum" else ("lhs", "rhs")
            for side in sides:
                if side not in rule:
                    raise fail(source, f"{path}.{side}", f"缺少必填字段（{kind}规则需要{'、'.join(sides)}）")
        elif rule["check"] not in RULE_CHECKS[kind]:
            known = "、".join(RULE_CHECKS[kind])
            raise fail(source, f"{path}.check", f"未知的检查 {_show(rule['check'])}（{kind}规则可用：{known}）")
        else:
            _check_patterns(rule, source, path)
    tables = data["tables"]
    for i, s in enumerate(data["sections"]):
        if s["kind"] == "table" and s.get("table") not in tables:
            raise fail(source, f"$.sections[{i}].table", f"没有这张表：{_show(s.get('table'))}")
    for i, c in enumerate(data.get("import", {}).get("classify", [])):
        if c["table"] not in tables:
            raise fail(source, f"$.import.classify[{i}].table", f"没有这张表：{_show(c['table'])}")


def _check_patterns(rule: dict[str, Any], source: str, path: str) -> None:
    patterns = rule.get("patterns", {})
    for name in REQUIRED_PATTERNS.get(rule["check"], ()):
        if name not in patterns:
            raise fail(source, f"{path}.patterns.{name}", f"缺少必填字段（{rule['check']}检查需要这个正则表达式）")
    for name, pattern in patterns.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail(source, f"{path}.patterns.{name}", f"正则表达式写错了：{exc}") from None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "对象"
    if isinstance(value, list):
        return "列表"
    return "空值" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
