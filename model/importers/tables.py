"""Finding tables 二, 三 and 四 in a report by their labels, and reading every cell into a key.

Tables are recognised by what they say, not where they are: a caption "第二十条第（一）项", a row
"一、本年新收政府信息公开申请数量", a header "行政复议". Rows are matched by their label without its
numbering (so "1、" and "1." both work), columns by keywords of their header (so a header broken over
two lines or written "现行有效件数（历史累计）" still matches). The format (2019 or 2021) is detected
from the labels before any cell is read. Every label, keyword and marker comes from the format files
(`import`, and `match` on rows and columns): this module holds only the reading strategy per layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from model.formats import Format, format_ids, get_format
from model.importers.document import TableGrid, core, norm
from model.importers.values import read_cell
from model.report import Cell


def best_match(text: str, options: Iterable[tuple[str, Sequence[str]]]) -> str | None:
    """The option whose longest keyword occurs in `text` (ties: the first listed), so "行政规范性文件" is
    read as itself and not by its cousin "规范性文件", and "复议后起诉" beats "行政复议"."""
    best, best_len = None, 0
    for key, words in options:
        for w in words:
            if len(w) > best_len and w in text:
                best, best_len = key, len(w)
    return best


def _words(item: dict[str, Any]) -> list[str]:
    """An item's keywords: its known label variants from the format file, or else its label itself."""
    return list(item.get("match") or [core(item["label"]) or norm(item["label"])])


@dataclass
class TableResult:
    cells: dict[str, Cell] = field(default_factory=dict)
    guessed: list[str] = field(default_factory=list)
    units: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, unit) → cells written with it
    found_tables: list[str] = field(default_factory=list)


def classify(grid: TableGrid, text: str | None = None) -> str | None:
    """The table id ("t2", "t3", "t4") of a report table, or None for a table that is not one of the
    report's tables (`text`: `grid.text()`). The formats' `import.classify` rules, newest format first."""
    text = grid.text() if text is None else text
    for fid in format_ids():
        for rule in get_format(fid).import_spec["classify"]:
            if any(all(w in text for w in words) for words in rule["any_of"]):
                return str(rule["table"])
    return None


def detect_format(grids: list[TableGrid], texts: dict[int, str] | None = None) -> list[str]:
    """The formats whose marker labels (`import.markers`) the tables show most of, newest first; [] when
    the labels say nothing either way (every format scores the same).
    `texts`: `grid.text()` by `id(grid)`, for grids whose text the caller already has."""
    texts = texts or {}
    text = "".join(texts[id(g)] if id(g) in texts else g.text() for g in grids)
    scores = {fid: sum(m in text for m in get_format(fid).import_spec["markers"]) for fid in format_ids()}
    best = max(scores.values(), default=0)
    top = [fid for fid, n in scores.items() if n == best]
    return [] if len(top) == len(scores) else top


def read_tables(fmt: Format, grids: dict[str, list[TableGrid]]) -> TableResult:
    out = TableResult()
    for name, spec in fmt.tables.items():
        reader = {"t2": _read_t2, "t3": _read_t3, "t4": _read_t4}[spec["layout"]]
        for grid in grids.get(name, []):
            out.found_tables.append(name)
            reader(fmt, name, grid, out)
    for (table, unit), n in out.units.items():
        out.guessed.append(f"{fmt.table_name(table)}有{n}个单元格在数字后写了单位“{unit}”，已去掉单位读取数字")
    return out


def _put(fmt: Format, out: TableResult, key: str, raw: str) -> None:
    if key in out.cells and out.cells[key].read_as not in ("blank", ""):
        return  # the first filled reading wins (a merged value cell seen twice)
    cdef = fmt.cells[key]
    cell, note = read_cell(raw, cdef.type, cdef.unit)
    out.cells[key] = cell
    if not note:
        return
    unit = _UNIT_NOTE.search(note)
    if unit:
        # "3件" in every cell of a table is one habit, not 175 separate guesses: say it once per table.
        out.units[(cdef.table, unit.group(1))] = out.units.get((cdef.table, unit.group(1)), 0) + 1
        return
    out.guessed.append(f"{cdef.location}：{note}")


_UNIT_NOTE = re.compile(r"已去掉单位“(.+)”$")


# -- 表二 ---------------------------------------------------------------------------------------


def _t2_row_key(fmt: Format, tid: str, label: str) -> str | None:
    rows = [row for sub in fmt.tables[tid]["subtables"] for row in sub["rows"]]
    return best_match(norm(label), ((row["key"], _words(row)) for row in rows))


def _t2_col_key(sub: dict[str, Any], header: str) -> str | None:
    text = norm(header)
    for col in sub["columns"]:
        if norm(col["label"]) == text:
            return str(col["key"])
    return best_match(text, ((col["key"], col.get("match", ())) for col in sub["columns"]))


def _read_t2(fmt: Format, tid: str, grid: TableGrid, out: TableResult) -> None:
    table = fmt.tables[tid]
    subs = {row["key"]: sub for sub in table["subtables"] for row in sub["rows"]}
    caption_marker = table.get("caption_marker", "")
    header_labels = {norm(sub["header_label"]) for sub in table["subtables"]}
    column_words = [w for sub in table["subtables"] for col in sub["columns"] for w in col.get("match", ())]
    header: dict[int, str] = {}  # grid column → header text of the current 第二十条 item
    for r in range(len(grid.rows)):
        cells = grid.distinct(r)
        first = norm(cells[0][1].text) if cells else ""
        if len(cells) == 1 or caption_marker and caption_marker in first:
            header = {}  # a caption row starts a new item with its own header
            continue
        key = _t2_row_key(fmt, tid, first)
        names_column = any(w in norm(s.text) for _, s in cells[1:] for w in column_words)
        if any(h in first for h in header_labels) or key is None and names_column:
            header = {c: s.text for c, s in enumerate(grid.rows[r])}
            continue
        if key is None:
            continue
        sub = subs[key]
        by_header = {col: _t2_col_key(sub, header.get(col, "")) for col, _ in cells[1:]}
        if not any(by_header.values()):
            # No header (or one we cannot read): the value columns in the published order.
            order = [c["key"] for c in sub["columns"]]
            by_header = {col: order[i] if i < len(order) else None for i, (col, _) in enumerate(cells[1:])}
            if header:
                out.guessed.append(f"{fmt.table_name(tid)}“{sub['caption']}”的表头未能识别，已按标准列顺序读取")
        seen: set[str] = set()
        for col, slot in cells[1:]:
            col_key = by_header[col]
            if col_key is None or col_key in seen:
                continue
            seen.add(col_key)
            _put(fmt, out, f"{key}.{col_key}", slot.text)


# -- 表三 ---------------------------------------------------------------------------------------


def _read_t3(fmt: Format, tid: str, grid: TableGrid, out: TableResult) -> None:
    table = fmt.tables[tid]
    markers = table.get("row_markers", ())
    first_data = next(
        (r for r in range(len(grid.rows)) if any(w in norm(s.text) for s in grid.rows[r] for w in markers)),
        len(grid.rows),
    )
    options = [(c["key"], _words(c)) for c in table["columns"]]
    columns: dict[int, str] = {}
    for c in range(grid.n_cols):
        header = "".join(norm(grid.rows[r][c].text) for r in range(first_data) if c < len(grid.rows[r]))
        key = best_match(header, options)
        if key is not None:
            columns[c] = key
    if len(set(columns.values())) < len(options) and first_data < len(grid.rows):
        # Header missing or unreadable: the value columns are the last ones, in official order.
        order = [c["key"] for c in table["columns"]]
        width = len(grid.rows[first_data])
        columns = {width - len(order) + i: k for i, k in enumerate(order) if width - len(order) + i >= 0}
        span = f"{table['columns'][0]['label']}…{table['columns'][-1]['label']}"
        out.guessed.append(f"{fmt.table_name(tid)}表头未能识别，已按标准列顺序（{span}）读取")
    rows = table["rows"]
    by_key = {r["key"]: r for r in rows}
    cores = {r["key"]: core(r["label"]) for r in rows}  # once per table, not once per row read
    group = ""  # the latest group label seen, for rows whose group cell is not repeated
    for r in range(first_data, len(grid.rows)):
        labels: list[str] = []
        for c, slot in grid.distinct(r):
            if c not in columns and norm(slot.text):
                labels.append(slot.text)
        if not labels:
            continue
        single = _single_row_group(rows, cores, labels[-1])
        if single is not None:
            _read_single_group(fmt, grid, r, columns, single, rows, out)
            continue
        row_key = _t3_row_key(rows, by_key, labels, group, cores)
        if row_key is None:
            # A group row of its own ("（三）不予公开" above its items): remember it for the items below.
            leaf = core(labels[-1])
            grp = next((g for g in rows if not g["data"] and g.get("level") == 1 and cores[g["key"]] == leaf), None)
            group = norm(grp["label"]) if grp else group
            continue
        row = by_key[row_key]
        if row.get("level") == 2 and len(labels) > 1:
            group = norm(by_key[row["parent"]]["label"])
        for col_key, text in _value_columns(columns, grid, r):
            _put(fmt, out, f"{row_key}@{col_key}", text)


def _single_row_group(rows: list[dict[str, Any]], cores: dict[str, str], label: str) -> dict[str, Any] | None:
    """The group row ("（六）其他处理") that a table printed as one row of numbers, without its 1./2./3. items."""
    leaf = core(label)
    if not leaf:
        return None
    for row in rows:
        if not row["data"] and row.get("level") == 1 and cores[row["key"]] == leaf:
            return row
    return None


def _read_single_group(
    fmt: Format,
    grid: TableGrid,
    r: int,
    columns: dict[int, str],
    group: dict[str, Any],
    rows: list[dict[str, Any]],
    out: TableResult,
) -> None:
    """A group printed as one row: its numbers go to its last item (（六）其他处理 → “3.其他”, the item that
    takes what the others do not); the other items stay blank, to be filled in, and the log says so."""
    items = [row for row in rows if row.get("parent") == group["key"] and row["data"]]
    if not items:
        return
    target, others = items[-1], items[:-1]
    for col_key, text in _value_columns(columns, grid, r):
        _put(fmt, out, f"{target['key']}@{col_key}", text)
        for item in others:
            _put(fmt, out, f"{item['key']}@{col_key}", "")
    names = "、".join(core(i["label"])[:12] for i in others)
    out.guessed.append(
        f"表三“{norm(group['label'])}”只有一行合计数、没有分项：已记入“{norm(target['label'])}”，"
        f"“{names}”等{len(others)}项留空，请按实际情况填写"
    )


def _t3_row_key(
    rows: list[dict[str, Any]],
    by_key: dict[str, dict[str, Any]],
    labels: list[str],
    group: str,
    cores: dict[str, str] | None = None,
) -> str | None:
    """The data row a table row's labels name, e.g. ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"].
    `cores`: each row key's `core(label)`, if the caller has worked them out already."""
    if cores is None:
        cores = {r["key"]: core(r["label"]) for r in rows}
    leaf = core(labels[-1])
    context = "".join(norm(x) for x in labels[:-1]) or group
    best: tuple[int, str] | None = None
    for row in rows:
        own = cores[row["key"]]
        if not row["data"] or not own or not leaf:
            continue
        if own == leaf:
            score = 3
        elif (leaf.startswith(own[:6]) or own.startswith(leaf)) and min(len(leaf), len(own)) >= 2:
            score = 2  # label cut short ("（二）部分公开（区分处理的，") or a variant ending
        elif len(own) >= 4 and leaf.endswith(own):
            score = 1  # group and item written in one cell: "（三）不予公开1.属于国家秘密"
        else:
            continue
        if row.get("level") == 2:
            parent = cores[row["parent"]] if row["parent"] in cores else core(by_key[row["parent"]]["label"])
            if parent and (parent in context or parent in leaf):
                score += 2
        if best is None or score > best[0]:
            best = (score, row["key"])
    return best[1] if best else None


# -- 表四 ---------------------------------------------------------------------------------------


def _read_t4(fmt: Format, tid: str, grid: TableGrid, out: TableResult) -> None:
    table = fmt.tables[tid]
    groups, cols = table["groups"], table["columns"]
    header_words = table.get("header_words", ())
    value_rows = [
        r
        for r in range(len(grid.rows))
        if sum(read_cell(s.text)[0].read_as in ("number", "placeholder", "blank") for _, s in grid.distinct(r)) * 2
        > len(grid.distinct(r))
        and not any(w in norm(s.text) for _, s in grid.distinct(r) for w in header_words)
    ]
    if not value_rows:
        return
    vr = value_rows[0]
    header_rows = range(0, vr)
    group_options = [(g["key"], _words(g)) for g in groups]
    col_options = [(c["key"], _words(c)) for c in cols]
    mapping: dict[int, str] = {}
    for c in range(len(grid.rows[vr])):
        header = "".join(norm(grid.rows[r][c].text) for r in header_rows if c < len(grid.rows[r]))
        g = best_match(header, group_options)
        col = best_match(header, col_options) if g is not None else None
        if g is not None and col is not None:
            mapping[c] = f"{tid}.{g}.{col}"
    keys = [f"{tid}.{g['key']}.{c['key']}" for g in groups for c in cols]
    if len(set(mapping.values())) < len(keys):
        values = grid.distinct(vr)
        if len(values) >= len(keys):
            mapping = {c: k for (c, _), k in zip(values[-len(keys) :], keys, strict=True)}
            out.guessed.append(f"{fmt.table_name(tid)}表头未能识别，已按标准列顺序读取")
    for c, key in mapping.items():
        _put(fmt, out, key, grid.rows[vr][c].text)


def _value_columns(columns: dict[int, str], grid: TableGrid, r: int) -> Iterator[tuple[str, str]]:
    """(value column key, text) of table row r, each column key once (the first grid column that carries it)."""
    seen: set[str] = set()
    for c in sorted(columns):
        col_key = columns[c]
        if col_key in seen or c >= len(grid.rows[r]):
            continue
        seen.add(col_key)
        yield col_key, grid.rows[r][c].text
