"""Every .nianbao that loads passes the schema check; every one that does not is refused with a Chinese
message naming the field (issue 12: each of these crashed the loader, the checks or an exporter)."""

from __future__ import annotations

import base64
import copy
import json

import pytest

from export.docx_writer import docx_bytes
from export.html_writer import html_bytes
from export.xlsx_writer import xlsx_bytes
from model.checks import check
from model.errors import CorruptProject
from model.project_file import dumps, loads
from tests.conftest import ROOT
from tests.model.importers.roundtrip import tiny_png

pytestmark = pytest.mark.model

BASE = json.loads((ROOT / "resources" / "sample_2025.nianbao").read_bytes())
CELL = "t3.new_received@natural_person"


def _doc(change) -> bytes:
    doc = copy.deepcopy(BASE)
    change(doc["report"])
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _set(path: str, value):
    def change(r):
        *parents, last = path.split("/")
        for p in parents:
            r = r[int(p)] if isinstance(r, list) else r[p]
        r[last] = value

    return change


def _append(block):
    return lambda r: r["narrative"]["一"].append(block)


CASES = {
    "year -1": (_doc(_set("meta/year", -1)), "report.meta.year"),
    "year 99999": (_doc(_set("meta/year", 99999)), "report.meta.year"),
    "year a string": (_doc(_set("meta/year", "2025")), "report.meta.year"),
    "year true": (_doc(_set("meta/year", True)), "report.meta.year"),
    "decimal abc": (_doc(_set(f"cells/{CELL}", {"v": {"decimal": "abc"}})), CELL),
    "decimal sNaN": (_doc(_set(f"cells/{CELL}", {"v": {"decimal": "sNaN"}})), CELL),
    "decimal 1e5000": (_doc(_set(f"cells/{CELL}", {"v": {"decimal": "1e5000"}})), CELL),
    "int too large": (_doc(_set(f"cells/{CELL}", {"v": 10**16})), CELL),
    "raw text a number": (_doc(_set(f"cells/{CELL}", {"v": 1, "raw": 5})), "raw"),
    "unknown origin": (_doc(_set(f"cells/{CELL}", {"v": 1, "origin": "magic"})), "origin"),
    "unknown cell": (_doc(_set("cells/t9.x", {"v": 1})), "t9.x"),
    "paragraph text an object": (_doc(_append({"kind": "paragraph", "text": {"a": 1}})), "text"),
    "block kind": (_doc(_append({"kind": "table", "text": ""})), "kind"),
    "image width a string": (_doc(_append({"kind": "image", "text": "", "width_mm": "80"})), "width_mm"),
    "image width 100,000 chars": (_doc(_append({"kind": "image", "text": "", "width_mm": "9" * 100_000})), "width_mm"),
    "image width negative": (_doc(_append({"kind": "image", "text": "", "width_mm": -5})), "width_mm"),
    "image type false": (
        _doc(
            _append({"kind": "image", "text": "", "image": base64.b64encode(tiny_png()).decode(), "image_type": False})
        ),
        "image_type",
    ),
    "image not base64": (_doc(_append({"kind": "image", "text": "", "image": "@@@", "image_type": "png"})), "image"),
    "publication date": (_doc(_set("meta/publication_date", "2026-13-45")), "publication_date"),
    "totals mode": (_doc(_set("totals_mode", "sometimes")), "totals_mode"),
    "notes not texts": (_doc(_set("notes", [1, 2])), "notes"),
    "ack text": (_doc(_set("acks", {"x": {"text": None}})), "acks"),
    "previous year": (_doc(_set("previous", {"year": 99999, "format_id": "gb_2021", "cells": {}})), "previous.year"),
    "previous value": (
        _doc(_set("previous", {"year": 2024, "format_id": "gb_2021", "cells": {CELL: "7"}})),
        "previous",
    ),
    "format": (_doc(_set("format_id", "gb_1999")), "format_id"),
    "meta missing": (_doc(lambda r: r.pop("meta")), "report.meta"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_field_is_named(name):
    data, field = CASES[name]
    with pytest.raises(CorruptProject) as exc:
        loads(data)
    assert field in exc.value.message and "无法打开" in exc.value.message


def _replace(change, old: str, new: str) -> bytes:
    data = _doc(change).decode("utf-8")
    assert old in data
    return data.replace(old, new, 1).encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        _replace(_set("meta/year", 12345), "12345", "-Infinity"),
        _replace(_set("meta/year", 12345), "12345", "NaN"),
        _replace(_set(f"cells/{CELL}", {"v": 424242424}), "424242424", "Infinity"),
        _replace(_set(f"cells/{CELL}", {"v": 424242424}), "424242424", "9" * 5000),
        _replace(_set("meta/year", 12345), "12345", "9" * 100_000),
        b'{"app": "nianbao", "schema_version": 2, "report": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"app": "nianbao", "schema_version": 2, "report": {"meta": ' + b'{"a":' * 1000 + b"1" + b"}" * 1001 + b"}",
        _doc(_set("meta", [])),
        b'{"app": "nianbao", "schema_version": 1, "report": {"cells": 5}}',
        b'{"app": "nianbao", "schema_version": -3, "report": {}}',
    ],
)
def test_numbers_json_cannot_hold_and_deep_nesting_are_refused(data):
    with pytest.raises(CorruptProject) as exc:
        loads(data)
    assert exc.value.for_user()


def test_a_picture_that_does_not_decode_loads_and_the_export_names_it():
    from model.errors import SaveFailed

    data = base64.b64encode(b"root:x:0:0").decode()
    report = loads(_doc(_append({"kind": "image", "text": "", "image": data, "image_type": "png"})))
    assert html_bytes(report)
    with pytest.raises(SaveFailed, match="图片"):
        docx_bytes(report)


def test_year_zero_is_a_year_not_yet_known():
    assert loads(_doc(_set("meta/year", 0))).meta.year == 0


def test_what_loads_checks_saves_and_exports():
    report = loads(
        _doc(
            lambda r: (
                r["narrative"]["一"].append(
                    {
                        "kind": "image",
                        "text": "",
                        "image": base64.b64encode(tiny_png()).decode(),
                        "image_type": "png",
                        "width_mm": 80,
                    }
                ),
                r["cells"].__setitem__(CELL, {"v": 999_999_999_999_999}),
            )
        )
    )
    check(report)
    assert loads(dumps(report)).cells[CELL].value == 999_999_999_999_999
    for write in (docx_bytes, xlsx_bytes, html_bytes):
        assert write(report)


MORE = {
    "narrative not an object": (_doc(_set("narrative", [])), "report.narrative"),
    "blocks not a list": (_doc(_set("narrative/一", {})), "report.narrative.一"),
    "read_as": (_doc(_set(f"cells/{CELL}", {"v": 1, "read_as": "guessed"})), "read_as"),
    "review not text": (_doc(_append({"kind": "paragraph", "text": "", "review": 3})), "review"),
    "image a number": (_doc(_append({"kind": "image", "text": "", "image": 5})), "image"),
    "ack at": (_doc(_set("acks", {"x": {"text": "已核实的说明文字", "at": 5}})), "at"),
    "acks not an object": (_doc(_set("acks", [])), "report.acks"),
    "previous cells": (_doc(_set("previous", {"year": 2024, "format_id": "gb_2021", "cells": []})), "previous.cells"),
    "previous format": (_doc(_set("previous", {"year": 2024, "format_id": 7, "cells": {}})), "previous.format_id"),
    "carried not text": (_doc(_append({"kind": "paragraph", "text": "", "carried": 3})), "carried"),
    "previous texts": (
        _doc(_set("previous", {"year": 2024, "format_id": "gb_2021", "cells": {}, "narrative": {"一": [5]}})),
        "previous.narrative",
    ),
    "agency too long": (_doc(_set("meta/agency", "局" * 20_000)), "agency"),
    "decimal with more keys": (_doc(_set(f"cells/{CELL}", {"v": {"decimal": "1", "x": 1}})), CELL),
}


@pytest.mark.parametrize("name", list(MORE))
def test_more_bad_fields_are_named(name):
    data, field = MORE[name]
    with pytest.raises(CorruptProject) as exc:
        loads(data)
    assert field in exc.value.message
