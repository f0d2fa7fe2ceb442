"""The report: metadata, narrative sections and table cells — the single source of truth.

Cells are keyed by the stable keys of `model.formats` (e.g. ``t3.result.total@natural_person``). A cell
remembers how its value was obtained, so "not filled" stays distinct from 0 and an imported "无" stays
visible until a clerk confirms it.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from model.formats import Format, get_format

Number = int | Decimal

# How a value came to be (shown as colours in the GUI).
ORIGINS = ("entered", "imported", "carried", "computed")
# How an imported cell's text was read.
READINGS = ("", "number", "placeholder", "blank", "unreadable")


def section_keys(fmt: Format) -> tuple[str, ...]:
    """The narrative's keys for a format: the opening paragraphs, then each section by its number."""
    return ("preamble", *(s.no for s in fmt.sections))


@dataclass
class Cell:
    value: Number | None = None
    origin: str = "entered"
    raw: str | None = None  # the text as found in an imported file
    read_as: str = ""  # one of READINGS; "" for typed values

    @property
    def filled(self) -> bool:
        return self.value is not None


@dataclass
class Block:
    """One narrative element: a paragraph, a sub-heading such as （一）…, or an image."""

    kind: str = "paragraph"  # "paragraph" | "heading" | "image"
    text: str = ""
    image: bytes | None = None
    image_type: str = ""  # "png" | "jpeg" | "gif" | "bmp"
    width_mm: float | None = None
    review: str = ""  # why a clerk must look at it again (set by roll-forward); "" = nothing to review
    # The text as roll-forward carried it over from last year ("" for the clerk's own paragraphs). Once the
    # text differs, the paragraph is the clerk's: no longer "carried", no longer marked.
    carried: str = ""

    @property
    def needs_review(self) -> bool:
        """Marked for review: carried from last year, unchanged since, and not yet reviewed."""
        return bool(self.review) and (not self.carried or self.text == self.carried)


@dataclass
class Meta:
    agency: str = ""
    year: int = 0
    title: str = ""  # "" = the usual title built from agency and year
    publication_date: dt.date | None = None
    contact: str = ""

    def default_title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def display_title(self) -> str:
        return self.title or self.default_title()


@dataclass
class Acknowledgement:
    text: str
    at: str = ""  # ISO timestamp


@dataclass
class PreviousYear:
    """Last year's report values, kept read-only for cross-year checks and side-by-side comparison."""

    year: int
    format_id: str
    cells: dict[str, Number | None] = field(default_factory=dict)
    # Last year's narrative, paragraph texts per section (for the cross-year text checks), and where it came
    # from (the file roll-forward started from), so a project remembers its source.
    narrative: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""


@dataclass
class Report:
    meta: Meta
    format_id: str
    cells: dict[str, Cell] = field(default_factory=dict)
    narrative: dict[str, list[Block]] = field(default_factory=dict)
    acks: dict[str, Acknowledgement] = field(default_factory=dict)
    previous: PreviousYear | None = None
    # "auto": pure-sum totals are computed by the model; "manual": kept as typed/imported (so checks can
    # point at a published total that does not add up).
    totals_mode: str = "auto"
    notes: list[str] = field(default_factory=list)  # carried remarks, e.g. from a format migration

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    def value(self, key: str) -> Number | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def cell(self, key: str) -> Cell:
        return self.cells.get(key) or Cell()

    def blocks(self, section: str) -> list[Block]:
        return self.narrative.get(section, [])

    def copy(self) -> Report:
        return copy.deepcopy(self)


def new_report(agency: str, year: int, format_id: str | None = None) -> Report:
    from model.formats import format_for_year

    fid = format_id or format_for_year(year)
    fmt = get_format(fid)  # validate early
    return Report(meta=Meta(agency=agency, year=year), format_id=fid, narrative={k: [] for k in section_keys(fmt)})


# -- values --------------------------------------------------------------------------------------


# The largest magnitude a cell may hold. A count of a quadrillion requests, or 万元 beyond a trillion yuan, is
# no report's figure; the bound keeps every value one that JSON, the checks and the writers handle (an int of
# 5,000 digits cannot even be saved: Python refuses to print ints over 4,300 digits).
MAX_INT_DIGITS = 15
MAX_FRACTION_DIGITS = 6
MAX_ABS: int = 10**MAX_INT_DIGITS
# Plain positional notation only: no exponent ("1e7", "1e999999999" would take minutes to expand), no
# "Infinity"/"NaN", nothing Decimal accepts beyond what a clerk writes in a table.
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_MAX_TEXT = 64  # longer than any number within the bounds, with separators and zeros


def parse_number(text: str, type_: str = "int") -> Number:
    """A clerk's or a file's number text → int/Decimal. Raises ValueError when it is not a number, is in
    exponent notation, or lies outside what a cell may hold (`MAX_INT_DIGITS`, `MAX_FRACTION_DIGITS`)."""
    if len(text) > 4 * _MAX_TEXT:
        raise ValueError("too long")
    t = text.strip().translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    if not t:
        raise ValueError("empty")
    if len(t) > _MAX_TEXT or not _PLAIN.fullmatch(t):
        raise ValueError(text)
    whole, _, fraction = t.lstrip("+-").partition(".")
    if len(whole.lstrip("0")) > MAX_INT_DIGITS:
        raise ValueError(text)
    if type_ == "decimal":
        if len(fraction.rstrip("0")) > MAX_FRACTION_DIGITS:
            raise ValueError(text)
        return Decimal(t)
    if fraction.strip("0"):
        raise ValueError(text)  # "3.0" typed into a count cell is still 3; "3.5" is not a count
    return int(t.split(".")[0] or "0")


def valid_number(value: object) -> bool:
    """True for a value a cell may hold: an int or a finite Decimal within `MAX_ABS` and
    `MAX_FRACTION_DIGITS` (bool is not a number here)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -MAX_ABS < value < MAX_ABS
    if isinstance(value, Decimal):
        if not value.is_finite():
            return False
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        if exponent < -(MAX_FRACTION_DIGITS + 30) or len(digits) + exponent > MAX_INT_DIGITS:
            return False  # checked on the tuple: comparing 1E+999999999 with MAX_ABS would be slow
        return bool(-MAX_ABS < value < MAX_ABS and value == round(value, MAX_FRACTION_DIGITS))
    return False


def format_number(value: Number | None, blank: str = "") -> str:
    if value is None:
        return blank
    if isinstance(value, Decimal):
        # As typed: 1234.50 stays 1234.50 (收费 amounts in 万元 are published to the fen). No normalize(),
        # which dropped the zero; format "f" never writes an exponent.
        return format(value, "f")
    return str(value)


def decimal_places(value: Number | None) -> int:
    """How many digits after the point a value was typed with (0 for counts), for writers that format."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return 0


_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")


# -- serialisation (used by the project file) --------------------------------------------------


def _num_to_json(v: Number | None) -> Any:
    if isinstance(v, Decimal):
        return {"decimal": format(v, "f")}
    return v


def _num_from_json(v: Any) -> Number | None:
    if isinstance(v, dict) and isinstance(v.get("decimal"), str):
        try:
            value: Number = parse_number(v["decimal"], "decimal")
        except ValueError:
            raise ValueError(f"bad number {v!r}") from None
        return value
    if v is None:
        return None
    if valid_number(v):
        return v  # type: ignore[no-any-return]
    raise ValueError(f"bad number {v!r}")


def report_to_dict(r: Report) -> dict[str, Any]:
    cells = {}
    for key, c in r.cells.items():
        d: dict[str, Any] = {"v": _num_to_json(c.value)}
        if c.origin != "entered":
            d["origin"] = c.origin
        if c.raw is not None:
            d["raw"] = c.raw
        if c.read_as:
            d["read_as"] = c.read_as
        cells[key] = d
    return {
        "format_id": r.format_id,
        "meta": {
            "agency": r.meta.agency,
            "year": r.meta.year,
            "title": r.meta.title,
            "publication_date": r.meta.publication_date.isoformat() if r.meta.publication_date else None,
            "contact": r.meta.contact,
        },
        "cells": cells,
        "narrative": {k: [_block_to_dict(b) for b in v] for k, v in r.narrative.items()},
        "acks": {k: {"text": a.text, "at": a.at} for k, a in r.acks.items()},
        "previous": None
        if r.previous is None
        else {
            "year": r.previous.year,
            "format_id": r.previous.format_id,
            "cells": {k: _num_to_json(v) for k, v in r.previous.cells.items()},
            # optional and additive (older files lack them, and read as they always did): no schema step
            **({"narrative": r.previous.narrative} if r.previous.narrative else {}),
            **({"source": r.previous.source} if r.previous.source else {}),
        },
        "totals_mode": r.totals_mode,
        "notes": list(r.notes),
    }


def report_from_dict(d: dict[str, Any]) -> Report:
    m = d["meta"]
    meta = Meta(
        agency=str(m.get("agency", "")),
        year=int(m["year"]),
        title=str(m.get("title", "")),
        publication_date=dt.date.fromisoformat(m["publication_date"]) if m.get("publication_date") else None,
        contact=str(m.get("contact", "")),
    )
    fmt = get_format(d["format_id"])
    cells = {}
    for key, c in d.get("cells", {}).items():
        if key not in fmt.cells:
            raise ValueError(f"unknown cell {key}")
        cells[key] = Cell(_num_from_json(c.get("v")), c.get("origin", "entered"), c.get("raw"), c.get("read_as", ""))
    prev = d.get("previous")
    return Report(
        meta=meta,
        format_id=d["format_id"],
        cells=cells,
        narrative={k: [_block_from_dict(b) for b in v] for k, v in d.get("narrative", {}).items()},
        acks={k: Acknowledgement(a["text"], a.get("at", "")) for k, a in d.get("acks", {}).items()},
        previous=None
        if not prev
        else PreviousYear(
            int(prev["year"]),
            prev["format_id"],
            {k: _num_from_json(v) for k, v in prev["cells"].items()},
            {str(k): [str(t) for t in v] for k, v in prev.get("narrative", {}).items()},
            str(prev.get("source", "")),
        ),
        totals_mode=d.get("totals_mode", "auto"),
        notes=list(d.get("notes", [])),
    )


def _block_to_dict(b: Block) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": b.kind, "text": b.text}
    if b.image is not None:
        d["image"] = base64.b64encode(b.image).decode("ascii")
        d["image_type"] = b.image_type
        d["width_mm"] = b.width_mm
    if b.review:
        d["review"] = b.review
    if b.carried:
        d["carried"] = b.carried
    return d


def _block_from_dict(d: dict[str, Any]) -> Block:
    img = d.get("image")
    return Block(
        kind=d.get("kind", "paragraph"),
        text=d.get("text", ""),
        # b"" stays b"": the file gives back exactly what was saved (exporters skip a picture with no data).
        image=base64.b64decode(img) if img is not None else None,
        image_type=d.get("image_type", ""),
        width_mm=d.get("width_mm"),
        review=d.get("review", ""),
        carried=d.get("carried", ""),
    )
