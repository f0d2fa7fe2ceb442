"""The format definitions and the official table layouts derived from them."""

from __future__ import annotations

import json

import pytest

from model.formats import format_for_year, format_ids, get_format
from model.grid import table_grid
from tests.conftest import SPEC as SPEC_DIR

pytestmark = pytest.mark.model

SPEC = {"gb_2021": "format_2021.json", "gb_2019": "format_2019.json"}


@pytest.fixture(params=format_ids())
def fmt(request):
    return get_format(request.param)


def spec(fid):
    return json.loads((SPEC_DIR / SPEC[fid]).read_text("utf-8"))


def test_labels_are_exactly_as_published(fmt):
    s = spec(fmt.format_id)
    assert [r["label"] for r in fmt.tables["t3"]["rows"]] == [r["label"] for r in s["tables"]["t3"]["rows"]]
    assert [c["label"] for c in fmt.tables["t3"]["columns"]] == [c["label"] for c in s["tables"]["t3"]["columns"]]

    def t2_labels(t2):
        return [
            (sub["caption"], [c["label"] for c in sub["columns"]], [r["label"] for r in sub["rows"]])
            for sub in t2["subtables"]
        ]

    assert t2_labels(fmt.tables["t2"]) == t2_labels(s["tables"]["t2"])
    assert [sec.title for sec in fmt.sections] == [x["title"] for x in s["sections"]]
    assert {c["key"] for c in s["tables"]["t4"]["cells"]} == set(fmt.table_cells("t4"))


def test_cell_counts_match_the_official_tables():
    assert len(get_format("gb_2021").table_cells("t3")) == 175  # 25 data rows × 7
    assert len(get_format("gb_2019").table_cells("t3")) == 161  # 23 × 7
    assert len(get_format("gb_2021").table_cells("t4")) == 15


@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_grid_tiles_the_table_without_gaps_or_overlaps(fmt, table):
    g = table_grid(fmt.format_id, table)
    seen = {}
    for c in g.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert (r, k) not in seen
                seen[(r, k)] = c
    assert len(seen) == g.n_rows * g.n_cols
    assert sorted(g.value_keys()) == sorted(fmt.table_cells(table))
    assert abs(sum(g.col_widths) - 1) < 1e-9 and len(g.col_widths) == g.n_cols


def test_t3_official_merges(fmt):
    g = table_grid(fmt.format_id, "t3")
    corner = g.covering(0, 0)
    assert corner.kind == "corner" and (corner.rowspan, corner.colspan) == (3, 3)
    assert "第一项加第二项之和，等于第三项加第四项之和" in corner.text
    assert g.covering(1, 4).text == "法人或其他组织" and g.covering(1, 4).colspan == 5
    assert g.covering(1, 3).text == "自然人" and g.covering(1, 3).rowspan == 2
    result = next(c for c in g.cells if c.text == "三、本年度办理结果")
    n_outcomes = len([k for k in fmt.table_cells("t3") if k.startswith("t3.result.") and k.endswith("@total")])
    assert result.rowspan == n_outcomes and result.col == 0
    withheld = next(c for c in g.cells if c.text == "（三）不予公开")
    assert withheld.rowspan == 8 and withheld.col == 1
    first_row = next(c for c in g.cells if c.text == "一、本年新收政府信息公开申请数量")
    assert first_row.colspan == 3


def test_t4_official_merges():
    g = table_grid("gb_2021", "t4")
    assert g.covering(0, 0).text == "行政复议" and g.covering(0, 0).colspan == 5
    assert g.covering(0, 5).text == "行政诉讼" and g.covering(0, 5).colspan == 10
    assert g.covering(1, 0).text == "结果维持" and g.covering(1, 0).rowspan == 2
    assert g.covering(1, 5).text == "未经复议直接起诉" and g.covering(1, 10).text == "复议后起诉"
    assert g.covering(3, 14).key == "t4.litigation_after_review.total"


def test_format_by_year():
    assert format_for_year(2020) == "gb_2019" and format_for_year(2021) == "gb_2021"
    assert format_for_year(2026) == "gb_2021"


def test_rules_name_only_existing_cells_and_have_chinese_messages(fmt):
    for rel in fmt.relations:
        for t in (*rel.lhs, *rel.rhs):
            assert t.key in fmt.cells
    for rule in fmt.rules:
        assert rule["severity"] in ("error", "warning")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule["title"] + rule["hint"])
