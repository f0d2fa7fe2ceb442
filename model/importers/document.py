"""The neutral shape both readers produce: a list of paragraphs and tables-as-grids.

The .docx and .html readers only know their file format; `recognize` only knows reports. A table is
a rectangle of `Slot`s where a merged cell fills every slot it covers and keeps one `ident`, so
recognition can tell "one merged cell" from "two cells with the same text".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.importers.values import squeeze


@dataclass
class Image:
    data: bytes
    image_type: str  # "png" | "jpeg" | "gif" | "bmp"
    width_mm: float | None = None


MAX_WIDTH_MM = 1000.0  # wider than any page; the writers fit a picture to the text width anyway


def sane_width(mm: float | None) -> float | None:
    """A picture's width as the file gives it, or None (the writers' default) when it is no width at all."""
    if mm is None or not (0 < mm <= MAX_WIDTH_MM):
        return None
    return mm


@dataclass
class Para:
    text: str
    heading_level: int = 0  # from a Word heading style / outline level or an HTML <hN>; 0 = body text
    bold: bool = False  # every visible character is bold
    numbered: bool = False  # Word list numbering supplies the "一、" that is not in the text
    images: list[Image] = field(default_factory=list)


@dataclass(frozen=True)
class Slot:
    text: str
    ident: int  # the same for every slot of one merged cell


@dataclass
class TableGrid:
    rows: list[list[Slot]]

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def distinct(self, row: int) -> list[tuple[int, Slot]]:
        """The row's cells left to right, each merged cell once, with its first grid column."""
        out: list[tuple[int, Slot]] = []
        seen: set[int] = set()
        for col, slot in enumerate(self.rows[row]):
            if slot.ident in seen:
                continue
            seen.add(slot.ident)
            out.append((col, slot))
        return out

    def text(self) -> str:
        return "".join(norm(s.text) for r in self.rows for s in r)


Item = Para | TableGrid


MAX_SLOTS = 100_000  # a report table has a few hundred; a hostile page must not make us fill millions
MAX_COLS = 60  # table 三 has 10 columns with its labels; no report table comes near
MAX_ROWSPAN = 200


class GridBuilder:
    """Lays out cells with rowspan/colspan into slots, as a browser or Word does."""

    def __init__(self, max_cols: int = MAX_COLS) -> None:
        # Every cell is clipped to the table's width, whichever way it is widened (a span on the first cell,
        # on a merged continuation, a gridBefore): one hostile gridSpan must not make a row of millions.
        self.max_cols = max(1, min(max_cols, MAX_COLS))
        self.rows: list[list[Slot | None]] = []
        self._next = 0
        self._slots = 0
        self.cur = -1  # the row being filled; rows below may already hold cells spanning down into them

    def new_row(self) -> None:
        self.cur += 1
        if self.cur == len(self.rows):
            self.rows.append([])

    def _free_column(self) -> tuple[list[Slot | None], int]:
        """The row being filled and its first column not yet taken by a cell spanning into it."""
        if self.cur < 0:
            self.new_row()
        row = self.rows[self.cur]
        col = 0
        while col < len(row) and row[col] is not None:
            col += 1
        return row, col

    def add(self, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        rowspan = max(1, min(rowspan, MAX_ROWSPAN))
        _, col = self._free_column()
        colspan = self._clip(col, colspan)
        self._slots += rowspan * max(colspan, 1)
        if self._slots > MAX_SLOTS or colspan <= 0:
            return
        slot = Slot(text, self._next)
        self._next += 1
        for dr in range(rowspan):
            while len(self.rows) <= self.cur + dr:
                self.rows.append([])
            self._put(self.rows[self.cur + dr], col, colspan, slot)

    def _clip(self, col: int, colspan: int) -> int:
        """The span that fits between `col` and the table's last column (0 when `col` is already past it)."""
        return max(0, min(max(1, colspan), self.max_cols - col))

    @staticmethod
    def _put(row: list[Slot | None], col: int, colspan: int, slot: Slot) -> None:
        while len(row) < col + colspan:
            row.append(None)
        for dc in range(colspan):
            row[col + dc] = slot

    def continue_above(self, colspan: int = 1) -> None:
        """A Word vMerge="continue" cell: extend the cell above into this row."""
        row, col = self._free_column()
        r = self.cur
        above = self.rows[r - 1][col] if r > 0 and col < len(self.rows[r - 1]) else None
        if above is None:
            self.add("", 1, colspan)
        else:
            self._extend(row, col, colspan, above)

    def continue_left(self, colspan: int = 1) -> None:
        """An old-style Word/WPS hMerge="continue" cell: widen the cell to its left."""
        row, col = self._free_column()
        left = row[col - 1] if col > 0 else None
        if left is None:
            self.add("", 1, colspan)
        else:
            self._extend(row, col, colspan, left)

    def _extend(self, row: list[Slot | None], col: int, colspan: int, slot: Slot) -> None:
        colspan = self._clip(col, colspan)
        self._slots += colspan
        if colspan and self._slots <= MAX_SLOTS:
            self._put(row, col, colspan, slot)

    def grid(self) -> TableGrid:
        width = max((len(r) for r in self.rows), default=0)
        out: list[list[Slot]] = []
        for row in self.rows:
            if not row:
                continue
            filled = [s if s is not None else Slot("", -1 - i - 1000 * len(out)) for i, s in enumerate(row)]
            filled += [Slot("", -1 - i - 1000 * len(out)) for i in range(len(filled), width)]
            out.append(filled)
        return TableGrid(out)


_FW = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ（）．，：；／",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()．，：；/",
)
_BRACKETS = str.maketrans("()[]【】〔〕", "（）（）（）（）")


def _compose() -> dict[int, str]:
    """_FW, then _BRACKETS, then curly double quotes to straight ones, as one table (each maps a character to
    one character, so composing per character is exact); characters the chain leaves alone are left out."""
    out: dict[int, str] = {}
    for ch in {chr(c) for c in (*_FW, *_BRACKETS)} | {"“", "”"}:
        to = ch.translate(_FW).translate(_BRACKETS).replace("“", '"').replace("”", '"')
        if to != ch:
            out[ord(ch)] = to
    return out


_NORM = _compose()
_NEEDS_NORM = re.compile("[" + re.escape("".join(map(chr, _NORM))) + "]")


def norm(text: str) -> str:
    """Text for comparing labels: no spaces or line breaks, half-width digits, full-width brackets."""
    # Same as .translate(_FW).translate(_BRACKETS) then “” → ", in one pass and only when there is
    # something to change: str.translate is slow on Chinese text and this runs thousands of times per import.
    text = squeeze(text)
    return text.translate(_NORM) if _NEEDS_NORM.search(text) else text


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[.．、]|\d+(?=[^\d年]))")


def core(text: str) -> str:
    """A label without its numbering ("（三）", "1、", "一、"), for matching."""
    t = norm(text)
    return _NUMBERING.sub("", t, count=1)
