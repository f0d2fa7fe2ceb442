"""The official table layouts as a grid of (possibly merged) cells.

One description of every table's merged headers and row groups, derived from the format data, so the
GUI table view, the DOCX, XLSX and HTML writers and the DOCX importer all agree on where each value sits.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.formats import Format, get_format

T2_UNITS = 6  # value area of table 二 in units, so 1, 2 or 3 value columns all divide it evenly
T3_LABEL_COLS = 3


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # "caption" | "header" | "corner" | "label" | "value"
    text: str = ""
    key: str | None = None  # the cell key, for value cells

    @property
    def is_value(self) -> bool:
        return self.kind == "value"


@dataclass(frozen=True)
class Grid:
    table: str
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    header_rows: int  # leading rows to repeat on every page
    col_widths: tuple[float, ...]  # relative widths, summing to 1

    def covering(self, row: int, col: int) -> GridCell | None:
        return self._index().get((row, col))

    def value_cell(self, key: str) -> GridCell:
        return self._by_key()[key]

    def value_keys(self) -> list[str]:
        """Value cell keys in reading order (row by row) — the Tab order of data entry."""
        return [c.key for c in sorted(self.cells, key=lambda c: (c.row, c.col)) if c.key]

    def _index(self) -> dict[tuple[int, int], GridCell]:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {}
            for c in self.cells:
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        idx[(r, k)] = c
            object.__setattr__(self, "_idx", idx)
        return idx

    def _by_key(self) -> dict[str, GridCell]:
        m = self.__dict__.get("_keys")
        if m is None:
            m = {c.key: c for c in self.cells if c.key}
            object.__setattr__(self, "_keys", m)
        return m


def table_grid(format_id: str, table: str) -> Grid:
    # Kept on the Format itself, not in a cache keyed by format id: a test's formats folder may hold a
    # different format under the same id.
    fmt = get_format(format_id)
    grids: dict[str, Grid] = fmt.__dict__.setdefault("_grids", {})
    if table not in grids:
        grids[table] = _grid(fmt, table)
    return grids[table]


def _grid(fmt: Format, table: str) -> Grid:
    builder = {"t2": _t2, "t3": _t3, "t4": _t4}[fmt.tables[table]["layout"]]
    return builder(fmt, table)


def _t2(fmt: Format, table: str) -> Grid:
    t = fmt.tables[table]
    n_cols = 1 + T2_UNITS
    cells: list[GridCell] = []
    row = 0
    for sub in t["subtables"]:
        cells.append(GridCell(row, 0, 1, n_cols, "caption", sub["caption"]))
        row += 1
        span = T2_UNITS // len(sub["columns"])
        cells.append(GridCell(row, 0, 1, 1, "header", sub["header_label"]))
        for i, col in enumerate(sub["columns"]):
            cells.append(GridCell(row, 1 + i * span, 1, span, "header", col["label"]))
        row += 1
        for r in sub["rows"]:
            cells.append(GridCell(row, 0, 1, 1, "label", r["label"]))
            for i, col in enumerate(sub["columns"]):
                cells.append(GridCell(row, 1 + i * span, 1, span, "value", key=f"{r['key']}.{col['key']}"))
            row += 1
    widths = (0.28,) + (0.72 / T2_UNITS,) * T2_UNITS
    return Grid(table, row, n_cols, tuple(cells), 0, widths)


def _t3(fmt: Format, table: str) -> Grid:
    t = fmt.tables[table]
    cols = t["columns"]
    n_cols = T3_LABEL_COLS + len(cols)
    cells: list[GridCell] = [
        GridCell(0, 0, 3, T3_LABEL_COLS, "corner", t["corner_note"]),
        GridCell(0, T3_LABEL_COLS, 1, len(cols), "header", t["super_header"]),
    ]
    i = 0
    while i < len(cols):
        group = cols[i]["group"]
        c = T3_LABEL_COLS + i
        if group is None:
            cells.append(GridCell(1, c, 2, 1, "header", cols[i]["label"]))
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j]["group"] == group:
            cells.append(GridCell(2, T3_LABEL_COLS + j, 1, 1, "header", cols[j]["label"]))
            j += 1
        cells.append(GridCell(1, c, 1, j - i, "header", group))
        i = j
    header_rows = 3
    rows = t["rows"]
    data_rows = [r for r in rows if r["data"]]
    row_of = {r["key"]: header_rows + n for n, r in enumerate(data_rows)}
    children: dict[str, list[str]] = {}
    for r in rows:
        if r.get("parent"):
            children.setdefault(r["parent"], []).append(r["key"])

    def data_descendants(key: str) -> list[str]:
        out = []
        for k in children.get(key, []):
            out.extend([k] if k in row_of else [])
            out.extend(data_descendants(k))
        return out

    for r in rows:
        level = r.get("level", 0)
        if r["data"]:
            row = row_of[r["key"]]
            cells.append(GridCell(row, level, 1, T3_LABEL_COLS - level, "label", r["label"]))
            for n, col in enumerate(cols):
                cells.append(GridCell(row, T3_LABEL_COLS + n, 1, 1, "value", key=f"{r['key']}@{col['key']}"))
        else:
            desc = sorted(row_of[k] for k in data_descendants(r["key"]))
            cells.append(GridCell(desc[0], level, len(desc), 1, "label", r["label"]))
    # The label columns give up room so that a six-digit count, in 小五, fits a value column on one line
    # (7 × 14.3 mm of the 156 mm type area; the labels wrap instead, as published reports do): export/layout.py.
    value_w = 0.64 / len(cols)
    widths = (0.07, 0.09, 0.20) + (value_w,) * len(cols)  # 0.07: two characters a line for 三、本年度…
    return Grid(table, header_rows + len(data_rows), n_cols, tuple(cells), header_rows, widths)


def _t4(fmt: Format, table: str) -> Grid:
    t = fmt.tables[table]
    groups, cols = t["groups"], t["columns"]
    per = len(cols)
    n_cols = per * len(groups)
    cells: list[GridCell] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        c0 = i * per
        if not g.get("parent"):
            cells.append(GridCell(0, c0, 1, per, "header", g["label"]))
            for n, col in enumerate(cols):
                cells.append(GridCell(1, c0 + n, 2, 1, "header", col["label"]))
            i += 1
            continue
        j = i
        while j < len(groups) and groups[j].get("parent") == g["parent"]:
            cj = j * per
            cells.append(GridCell(1, cj, 1, per, "header", groups[j]["label"]))
            for n, col in enumerate(cols):
                cells.append(GridCell(2, cj + n, 1, 1, "header", col["label"]))
            j += 1
        cells.append(GridCell(0, c0, 1, per * (j - i), "header", g["parent"]))
        i = j
    for gi, g in enumerate(groups):
        for n, col in enumerate(cols):
            cells.append(GridCell(3, gi * per + n, 1, 1, "value", key=f"{table}.{g['key']}.{col['key']}"))
    return Grid(table, 4, n_cols, tuple(cells), 3, (1 / n_cols,) * n_cols)
