"""Damaged and hostile inputs never crash: they import, or raise a `model.errors` failure."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import ImportError_
from model.importers.docx_reader import read_docx
from model.importers.html_reader import read_html
from tests.conftest import fixture_path

SEED = fixture_path("seed_004__official.docx").read_bytes()
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.none() | st.integers(0, len(SEED)),
)
def test_damaged_docx_bytes(tmp_path, flips, cut):
    data = bytearray(SEED)
    for pos, byte in flips:
        data[pos] = byte
    path = tmp_path / "fuzz.docx"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    try:
        report, log = read_docx(path)
    except ImportError_ as exc:
        assert exc.for_user()
    else:
        assert report.meta is not None and log.lines()


TAGS = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td rowspan='99999'>",
        "<td colspan='abc'>",
        "</td>",
        "<p>",
        "</p>",
        "<b>",
        "</div>",
        "<br>",
        "<img src='data:image/png;base64,@@'>",
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "本年新收",
        "自然人",
        "无",
        "１２",
        "2025年1月20日",
        "<script>",
        "&#x0;",
        "&bogus;",
        "<h1>",
        "某局2025年政府信息公开工作年度报告",
    ]
)


@FUZZ
@given(parts=st.lists(TAGS | st.text(max_size=20), max_size=60))
def test_arbitrary_html(tmp_path, parts):
    path = tmp_path / "fuzz.html"
    path.write_text("".join(parts), "utf-8")
    try:
        read_html(path)
    except ImportError_ as exc:
        assert exc.for_user()


def test_huge_spans_are_capped(tmp_path):
    cells = "<td rowspan='200' colspan='60'>x</td>" * 5000
    path = tmp_path / "spans.html"
    path.write_text(
        f"<h1>某局2025年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>二、主动公开政府信息情况</p>"
        f"<table><tr>{cells}</tr></table>",
        "utf-8",
    )
    report, _ = read_html(path)
    assert report.meta.year == 2025
