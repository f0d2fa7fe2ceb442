"""gui/paste.py without a display: clipboard parsing, placing a block on a table, the edits it builds."""

from __future__ import annotations


from gui.table.paste import clear_edit, parse_clipboard, plan_fill, plan_paste, to_tsv, value_rows
from model.edits import apply
from model.grid import table_grid
from model.report import new_report
from model.sample import load_sample

T3 = table_grid("gb_2021", "t3")
T2 = table_grid("gb_2021", "t2")
ROW1 = "t3.new_received"
COLS = [
    "natural_person",
    "legal.commercial",
    "legal.research",
    "legal.public_welfare",
    "legal.legal_service",
    "legal.other",
    "total",
]


def key(row: str, col: int) -> str:
    return f"{row}@{COLS[col]}"


# -- parsing -----------------------------------------------------------------------------------------


def test_excel_block_with_crlf_and_trailing_newline():
    assert parse_clipboard("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]


def test_old_mac_line_ends_and_no_trailing_newline():
    assert parse_clipboard("1\t2\r3\t4") == [["1", "2"], ["3", "4"]]


def test_quoted_cells_keep_their_tabs_and_line_breaks():
    assert parse_clipboard('"a\tb"\t"two\nlines"\t"say ""hi"""\n') == [["a\tb", "two\nlines", 'say "hi"']]


def test_single_value_and_empty_clipboard():
    assert parse_clipboard("12\n") == [["12"]]
    assert parse_clipboard('"12') == [['"12']]  # a lone quote is not the start of a quoted cell
    assert parse_clipboard("") == []
    assert parse_clipboard("\r\n\r\n") == []


def test_trailing_empty_rows_are_dropped_but_inner_empty_cells_kept():
    assert parse_clipboard("1\t\t3\n\t\n") == [["1", "", "3"]]


# -- placing a block ---------------------------------------------------------------------------------


def test_value_rows_skip_caption_and_header_rows():
    rows = value_rows(T2)
    assert [len(r) for r in rows] == [3, 3, 1, 1, 1, 1]
    assert rows[2][0].key == "t2.art20_5.licensing.decisions"


def test_block_lands_on_the_right_cells():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 1), parse_clipboard("1\t2\n3\t4\n"))
    assert plan.ok
    assert plan.values == {
        key(ROW1, 1): 1,
        key(ROW1, 2): 2,
        key("t3.carried_over_in", 1): 3,
        key("t3.carried_over_in", 2): 4,
    }
    assert "已从" in plan.message(report) and "4个单元格" in plan.message(report)


def test_block_rows_follow_value_rows_across_t2_subtables():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T2, "t2.art20_1.normative_doc.issued", parse_clipboard("5\t1\t20\n126\n"))
    assert plan.ok
    assert plan.values == {
        "t2.art20_1.normative_doc.issued": 5,
        "t2.art20_1.normative_doc.repealed": 1,
        "t2.art20_1.normative_doc.in_force": 20,
        "t2.art20_5.licensing.decisions": 126,
    }


def test_values_on_computed_totals_are_left_out_and_said():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 0), [["1", "2", "3", "4", "5", "6", "21"]])
    assert plan.ok
    assert key(ROW1, 6) not in plan.values
    assert plan.totals_skipped == [key(ROW1, 6)]
    assert "合计" in plan.message(report) and "没有使用" in plan.message(report)


def test_totals_are_pasted_when_the_report_keeps_published_totals():
    report = new_report("测试局", 2026)
    report.totals_mode = "manual"
    plan = plan_paste(report, T3, key(ROW1, 0), [["1", "2", "3", "4", "5", "6", "21"]])
    assert plan.values[key(ROW1, 6)] == 21 and not plan.totals_skipped


def test_block_too_wide_is_refused_whole_with_where():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 5), [["1", "2", "3"]])
    assert not plan.ok
    assert plan.outside == [(1, 3)]
    msg = plan.message(report)
    assert "放不下" in msg and "往右只有2个单元格" in msg and "1个数超出了表格" in msg and "没有粘贴任何数字" in msg


def test_block_too_tall_is_refused():
    report = new_report("测试局", 2026)
    last = T3.value_keys()[-7]  # 四、结转下年度 · 自然人
    plan = plan_paste(report, T3, last, [["1"], ["2"]])
    assert not plan.ok and plan.outside == [(2, 1)]
    assert "往下只有1行" in plan.message(report)


def test_empty_overflow_from_a_trailing_tab_is_ignored():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 5), [["1", ""]])
    assert plan.ok and plan.values == {key(ROW1, 5): 1}


def test_words_refuse_the_whole_paste():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 0), [["1", "两", "3"], ["x", "5", "6"]])
    assert not plan.ok
    assert plan.bad == [(1, 2, "两"), (2, 1, "x")]
    assert "第1行第2个“两”" in plan.message(report) and "表格未改动" in plan.message(report)


def test_placeholders_become_unfilled_and_are_counted():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 0), [["无", "2", ""]])
    assert plan.ok
    assert plan.values == {key(ROW1, 0): None, key(ROW1, 1): 2, key(ROW1, 2): None}
    assert plan.placeholders == [key(ROW1, 0)]
    assert "按未填写处理" in plan.message(report)


def test_plan_edit_is_one_compound_that_applies_and_totals_follow():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 0), [["1", "2", "3"]])
    inverse, changes = apply(report, plan.edit())
    assert report.value(key(ROW1, 6)) == 6
    assert key(ROW1, 6) in changes.cells
    apply(report, inverse)
    assert report.value(key(ROW1, 0)) is None and report.value(key(ROW1, 6)) is None


def test_one_value_fills_a_selection_but_not_its_totals():
    report = new_report("测试局", 2026)
    keys = [key(ROW1, c) for c in range(7)]
    plan = plan_fill(report, keys, "0")
    assert plan.ok and set(plan.values) == set(keys[:6])
    assert not plan_fill(report, keys, "零").ok


def test_clear_edit_only_touches_filled_editable_cells():
    report = load_sample()
    keys = [key(ROW1, 0), key(ROW1, 6)]
    edit = clear_edit(report, keys)
    assert edit is not None and [e.key for e in edit.edits] == [key(ROW1, 0)]
    assert clear_edit(new_report("测试局", 2026), keys) is None


def test_tsv_round_trip():
    lines = [["一、本年新收", "38", "6"], ["含\t制表符", "1", ""]]
    assert parse_clipboard(to_tsv(lines)) == lines


def test_a_negative_number_is_refused_as_negative_not_as_a_word():
    report = new_report("测试局", 2026)
    plan = plan_paste(report, T3, key(ROW1, 0), parse_clipboard("-3\t约5\n"))
    assert not plan.ok and plan.bad == [(1, 1, "-3"), (1, 2, "约5")]
    text = plan.message(report)
    assert "“-3”是负数" in text and "“约5”不是数字" in text and "表格未改动" in text
