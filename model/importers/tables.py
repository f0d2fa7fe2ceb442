"""Finding tables 二, 三 and 四 in a report by their labels, and reading every cell into a key.

Tables are recognised by what they say, not where they are: a caption "第二十条第（一）项", a row
"一、本年新收政府信息公开申请数量", a header "行政复议". Rows are matched by their label without its
numbering (so "1、" and "1." both work), columns by keywords of their header (so a header broken over
two lines or written "现行有效件数（历史累计）" still matches). The format (2019 or 2021) is detected
from the labels before any cell is read.
"""

from __future__ import annotations

import re
from typing import Any
from dataclasses import dataclass, field

from model.formats import TABLE_NAMES, Format
from model.importers.document import TableGrid, core, norm
from model.importers.values import read_cell
from model.report import Cell

# Labels that exist in only one format: evidence for detecting it.
MARKERS_2021 = (
    "本年制发件数",
    "制发件数",
    "本年废止件数",
    "废止件数",
    "现行有效件数",
    "收费金额",
    "逾期不补正",
    "逾期未按收费通知",
    "行政规范性文件",
)
MARKERS_2019 = (
    "本年新制作数量",
    "新制作",
    "本年新公开数量",
    "对外公开总数",
    "上一年项目数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购项目数",
    "采购总金额",
    "本年增/减",
    "增/减",
)

# Column keywords per table-二 column key: the first keyword found in a header decides the column.
T2_COLUMNS = {
    "issued": ("制发",),
    "repealed": ("废止",),
    "in_force": ("现行有效", "有效件数"),
    "new_made": ("新制作", "制作数"),
    "new_published": ("新公开",),
    "total_published": ("公开总数", "对外公开"),
    "prev_year_items": ("上一年", "上年项目"),
    "delta": ("增/减", "增减", "增(减)", "增（减）"),
    "decisions": ("处理决定",),
    "amount": ("收费金额", "金额"),
    "projects": ("采购项目", "项目数"),
    "total_amount": ("采购总金额", "总金额", "金额"),
}
T2_ROWS = (  # (row key suffix, keywords) — longest first so 行政规范性文件 is not read as 规范性文件's cousin
    ("other_mgmt_service", ("其他对外管理服务事项", "对外管理服务")),
    ("normative_doc", ("行政规范性文件", "规范性文件")),
    ("regulation", ("规章",)),
    ("licensing", ("行政许可",)),
    ("penalty", ("行政处罚",)),
    ("coercion", ("行政强制",)),
    ("admin_fee", ("行政事业性收费", "事业性收费")),
    ("central_procurement", ("政府集中采购", "集中采购")),
)
T3_COLUMNS = (
    ("natural_person", ("自然人",)),
    ("legal.commercial", ("商业企业",)),
    ("legal.research", ("科研机构",)),
    ("legal.public_welfare", ("社会公益",)),
    ("legal.legal_service", ("法律服务",)),
    ("total", ("总计", "合计")),
    ("legal.other", ("其他",)),
)
T4_COLUMNS = (
    ("upheld", ("维持",)),
    ("corrected", ("纠正",)),
    ("other", ("其他",)),
    ("pending", ("尚未审结", "未审结")),
    ("total", ("总计", "合计")),
)


@dataclass
class TableResult:
    cells: dict[str, Cell] = field(default_factory=dict)
    guessed: list[str] = field(default_factory=list)
    units: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, unit) → cells written with it
    found_tables: list[str] = field(default_factory=list)


def classify(grid: TableGrid, text: str | None = None) -> str | None:
    """ "t2" / "t3" / "t4" / None for a table that is not one of the report's tables (`text`: `grid.text()`)."""
    text = grid.text() if text is None else text
    if (
        "本年新收" in text
        or "上年结转" in text
        or "结转下年度" in text
        or "申请人情况" in text
        or ("予以公开" in text and "不予公开" in text)
    ):
        return "t3"
    if "行政复议" in text and ("行政诉讼" in text or "复议后起诉" in text):
        return "t4"
    if (
        "第二十条" in text
        or ("信息内容" in text and ("规章" in text or "行政许可" in text))
        or "行政事业性收费" in text
    ):
        return "t2"
    return None


def detect_format(grids: list[TableGrid], texts: dict[int, str] | None = None) -> str | None:
    """ "gb_2021" / "gb_2019" from the labels, or None when the tables say nothing either way.
    `texts`: `grid.text()` by `id(grid)`, for grids whose text the caller already has."""
    texts = texts or {}
    text = "".join(texts[id(g)] if id(g) in texts else g.text() for g in grids)
    n21 = sum(m in text for m in MARKERS_2021)
    n19 = sum(m in text for m in MARKERS_2019)
    if n21 == n19:
        return None
    return "gb_2021" if n21 > n19 else "gb_2019"


def read_tables(fmt: Format, grids: dict[str, list[TableGrid]]) -> TableResult:
    out = TableResult()
    for name, reader in (("t2", _read_t2), ("t3", _read_t3), ("t4", _read_t4)):
        for grid in grids.get(name, []):
            out.found_tables.append(name)
            reader(fmt, grid, out)
    for (table, unit), n in out.units.items():
        out.guessed.append(f"{TABLE_NAMES[table]}有{n}个单元格在数字后写了单位“{unit}”，已去掉单位读取数字")
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


def _t2_row_key(fmt: Format, label: str) -> str | None:
    text = norm(label)
    for suffix, words in T2_ROWS:
        if any(w in text for w in words):
            for sub in fmt.tables["t2"]["subtables"]:
                for row in sub["rows"]:
                    if row["key"].endswith("." + suffix):
                        return str(row["key"])
            return None
    return None


def _t2_col_key(sub: dict[str, Any], header: str) -> str | None:
    text = norm(header)
    for col in sub["columns"]:
        if norm(col["label"]) == text:
            return str(col["key"])
    for col in sub["columns"]:
        if any(w in text for w in T2_COLUMNS.get(col["key"], ())):
            return str(col["key"])
    return None


def _read_t2(fmt: Format, grid: TableGrid, out: TableResult) -> None:
    subs = {row["key"]: sub for sub in fmt.tables["t2"]["subtables"] for row in sub["rows"]}
    header: dict[int, str] = {}  # grid column → header text of the current 第二十条 item
    for r in range(len(grid.rows)):
        cells = grid.distinct(r)
        first = norm(cells[0][1].text) if cells else ""
        if len(cells) == 1 or "第二十条" in first:
            header = {}  # a caption row starts a new item with its own header
            continue
        key = _t2_row_key(fmt, first)
        if "信息内容" in first or key is None and any(_names_t2_column(s.text) for _, s in cells[1:]):
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
                out.guessed.append(f"表二“{sub['caption']}”的表头未能识别，已按标准列顺序读取")
        seen: set[str] = set()
        for col, slot in cells[1:]:
            col_key = by_header[col]
            if col_key is None or col_key in seen:
                continue
            seen.add(col_key)
            _put(fmt, out, f"{key}.{col_key}", slot.text)


def _names_t2_column(text: str) -> bool:
    t = norm(text)
    return any(w in t for words in T2_COLUMNS.values() for w in words)


# -- 表三 ---------------------------------------------------------------------------------------


def _is_row_label(text: str) -> bool:
    t = norm(text)
    return any(w in t for w in ("本年新收", "上年结转", "本年度办理结果", "结转下年度", "予以公开"))


def _read_t3(fmt: Format, grid: TableGrid, out: TableResult) -> None:
    first_data = next(
        (r for r in range(len(grid.rows)) if any(_is_row_label(s.text) for s in grid.rows[r])), len(grid.rows)
    )
    columns: dict[int, str] = {}
    for c in range(grid.n_cols):
        header = "".join(norm(grid.rows[r][c].text) for r in range(first_data) if c < len(grid.rows[r]))
        for key, words in T3_COLUMNS:
            if any(w in header for w in words):
                columns[c] = key
                break
    if len(set(columns.values())) < 7 and first_data < len(grid.rows):
        # Header missing or unreadable: the seven value columns are the last seven, in official order.
        order = [c["key"] for c in fmt.tables["t3"]["columns"]]
        width = len(grid.rows[first_data])
        columns = {width - len(order) + i: k for i, k in enumerate(order) if width - len(order) + i >= 0}
        out.guessed.append("表三表头未能识别，已按标准列顺序（自然人…总计）读取")
    rows = fmt.tables["t3"]["rows"]
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
        seen: set[str] = set()
        for c in sorted(columns):
            col_key = columns[c]
            if col_key in seen or c >= len(grid.rows[r]):
                continue
            seen.add(col_key)
            _put(fmt, out, f"{row_key}@{col_key}", grid.rows[r][c].text)


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


def _read_t4(fmt: Format, grid: TableGrid, out: TableResult) -> None:
    groups = fmt.tables["t4"]["groups"]
    value_rows = [
        r
        for r in range(len(grid.rows))
        if sum(read_cell(s.text)[0].read_as in ("number", "placeholder", "blank") for _, s in grid.distinct(r)) * 2
        > len(grid.distinct(r))
        and not any(w in norm(s.text) for _, s in grid.distinct(r) for w in ("维持", "行政复议"))
    ]
    if not value_rows:
        return
    vr = value_rows[0]
    header_rows = range(0, vr)
    mapping: dict[int, str] = {}
    for c in range(len(grid.rows[vr])):
        header = "".join(norm(grid.rows[r][c].text) for r in header_rows if c < len(grid.rows[r]))
        if "复议后" in header:
            g = "litigation_after_review"
        elif "未经复议" in header or "直接起诉" in header:
            g = "litigation_direct"
        elif "行政复议" in header:
            g = "review"
        else:
            continue
        col = next((k for k, words in T4_COLUMNS if any(w in header for w in words)), None)
        if col is not None:
            mapping[c] = f"t4.{g}.{col}"
    if len(set(mapping.values())) < 15:
        keys = [f"t4.{g['key']}.{c['key']}" for g in groups for c in fmt.tables["t4"]["columns"]]
        values = grid.distinct(vr)
        if len(values) >= len(keys):
            mapping = {c: k for (c, _), k in zip(values[-len(keys) :], keys, strict=True)}
            out.guessed.append("表四表头未能识别，已按标准列顺序读取")
    for c, key in mapping.items():
        _put(fmt, out, key, grid.rows[vr][c].text)
