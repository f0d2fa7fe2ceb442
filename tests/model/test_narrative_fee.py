"""FEE_TEXT reads the fee sentence of 第六部分 and names exactly which figure it lacks."""

from __future__ import annotations

import pytest

from model.checks import check
from model.report import Block, Cell
from model.sample import load_sample

pytestmark = pytest.mark.model


def fee(text):
    r = load_sample()
    r.narrative["六"] = [Block("paragraph", text)]
    return next((f for f in check(r) if f.rule_id == "FEE_TEXT"), None)


@pytest.mark.parametrize(
    "text",
    [
        "本年度未发出信息处理费收费通知，未收取信息处理费。",
        "本年度发出收费通知2件，合计金额300元，实际收取信息处理费300元。",
        "本年度共发出收费通知1份，总计100元，实际收取0元。",
    ],
)
def test_a_complete_fee_sentence_raises_nothing(text):
    assert fee(text) is None


def test_only_the_amount_collected_says_the_count_is_missing():
    f = fee("本年度收取信息处理费0元。")
    assert f is not None and "发出收费通知的件数" in f.message and "收费通知的总金额" in f.message
    assert "实际收取" not in f.message


def test_notices_without_the_amount_collected_say_so():
    f = fee("本年度发出收费通知2件，收费金额0元。")
    assert f is not None and f.message == "第六部分写了信息处理费的情况，但没有写明实际收取的总金额。"


def test_nothing_collected_reads_as_no_notices_unless_table_three_shows_unpaid_fees():
    assert fee("本年度未收取信息处理费。") is None
    r = load_sample()
    r.narrative["六"] = [Block("paragraph", "本年度未收取信息处理费。")]
    r.cells["t3.result.other.fee_unpaid@natural_person"] = Cell(1)
    r.cells["t3.result.other.fee_unpaid@total"] = Cell(1)
    f = next(f for f in check(r) if f.rule_id == "FEE_TEXT")
    assert "说明发出过收费通知" in f.message


def test_no_mention_keeps_the_general_message():
    assert fee("本年度无其他需要报告的事项。").message == "第六部分没有写明信息处理费的收取情况。"
