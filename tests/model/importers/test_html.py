"""Reports saved from a government website: encodings, navigation around the report, rowspan/colspan."""

from __future__ import annotations

import base64
import subprocess

import pytest

from model.errors import NotAReport
from model.formats import get_format
from model.grid import table_grid
from model.importers import import_file, legacy
from model.importers.html_reader import read_html
from tests.conftest import fixture_path
from tests.model.importers.roundtrip import tiny_png
from tests.seed_projects import seed_report


def grid_html(format_id: str, table: str, text_for, split_t2: bool = False) -> str:
    """An official table as a CMS would publish it: td with rowspan/colspan, ragged whitespace."""
    g = table_grid(format_id, table)
    rows: list[list[str]] = [[] for _ in range(g.n_rows)]
    for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
            f' colspan="{c.colspan}"' if c.colspan > 1 else ""
        )
        text = text_for(c.key) if c.key else c.text.replace("\n", "<br>")
        rows[c.row].append(f"<td{span}>\n   <p><span>{text}</span></p>\n</td>")
    out, html_rows = [], [f"<tr>{''.join(r)}</tr>" for r in rows]
    if split_t2:
        # Some sites publish each 第二十条 item as its own small table.
        starts = [c.row for c in g.cells if c.kind == "caption"] + [g.n_rows]
        for a, b in zip(starts, starts[1:], strict=False):
            out.append(f"<table border='1'>{''.join(html_rows[a:b])}</table>")
        return "\n".join(out)
    return f"<table border='1'><tbody>{''.join(html_rows)}</tbody></table>"


def page(format_id="gb_2021", encoding="utf-8", six=True, text_for=lambda k: "1", split_t2=False) -> bytes:
    img = base64.b64encode(tiny_png()).decode()
    body = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>某市审计局2025年政府信息公开工作年度报告_某市人民政府</title>
<script>var nav = "一、总体情况";</script><style>p {{ margin: 0 }}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a>政府信息公开</a> &gt; <a>年度报告</a></div>
<div>索引号：11370000-2026-00012</div><div>发布日期：2026-01-20</div>
<h1>某市审计局2025年政府信息公开工作年度报告</h1>
<p>　　根据《中华人民共和国政府信息公开条例》要求，编制本报告。</p>
<p><strong>　　一、总体情况</strong></p>
<p>　　2025年，本局认真落实条例。</p><p style="text-align:center"><img src="data:image/png;base64,{img}" width="300"></p>
<p><b>（一）主动公开</b></p><p>全年主动公开信息&nbsp;120&nbsp;条。</p>
<p><strong>二、主动公开政府信息情况</strong></p>{grid_html(format_id, "t2", text_for, split_t2)}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>{grid_html(format_id, "t3", text_for)}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>{grid_html(format_id, "t4", text_for)}
<p><strong>五、存在的主要问题及改进情况</strong></p><p>　　一是公开质量有待提高。</p>
{"<p><strong>六、其他需要报告的事项</strong></p><p>本年度未收取信息处理费。</p>" if six else ""}
<p style="text-align:right">某市审计局</p><p style="text-align:right">2026年1月20日</p>
<div class="footer">主办：某市人民政府办公室　网站标识码：3700000000</div></body></html>"""
    return body.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "gb2312", "gbk"])
def test_cms_page_in_any_encoding(tmp_path, encoding):
    keys = list(get_format("gb_2021").cells)
    path = tmp_path / "report.html"
    path.write_bytes(page(encoding=encoding, text_for=lambda k: f"{keys.index(k)}" if "amount" not in k else "3.25"))
    report, log = read_html(path)
    assert (report.meta.agency, report.meta.year, str(report.meta.publication_date)) == (
        "某市审计局",
        2025,
        "2026-01-20",
    )
    assert report.format_id == "gb_2021"
    for key in keys:
        assert report.cells[key].value == (
            keys.index(key) if "amount" not in key else __import__("decimal").Decimal("3.25")
        )
    assert [b.text for b in report.blocks("preamble")] == ["根据《中华人民共和国政府信息公开条例》要求，编制本报告。"]
    blocks = report.blocks("一")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "2025年，本局认真落实条例。"),
        ("image", ""),
        ("heading", "（一）主动公开"),
        ("paragraph", "全年主动公开信息\xa0120\xa0条。"),
    ]
    assert blocks[1].image == tiny_png() and blocks[1].width_mm == pytest.approx(79.4)
    assert [b.text for b in report.blocks("六")] == ["本年度未收取信息处理费。"]
    assert any("标题之前" in g for g in log.guessed)  # navigation, 索引号 and 发布日期 lines were dropped
    assert not log.missing


def test_2019_page_split_tables_placeholders_and_missing_section(tmp_path):
    path = tmp_path / "r.htm"
    path.write_bytes(page("gb_2019", six=False, split_t2=True, text_for=lambda k: "无" if "@" in k else "２"))
    report, log = read_html(path)
    assert report.format_id == "gb_2019"
    assert all(report.cells[k].value == 2 for k in get_format("gb_2019").table_cells("t2"))
    assert all(report.cells[k].read_as == "placeholder" for k in get_format("gb_2019").table_cells("t3"))
    assert any("未找到第六部分" in m for m in log.missing)
    assert report.blocks("五")[-1].text == "一是公开质量有待提高。"


def test_mhtml_web_archive(tmp_path):
    html = page()
    mhtml = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(html)
        + b"\r\n--B--\r\n"
    )
    path = tmp_path / "r.mhtml"
    path.write_bytes(mhtml)
    report, _ = import_file(path)
    assert report.meta.agency == "某市审计局" and report.value("t4.review.total") == 1


def test_page_that_is_no_report(tmp_path):
    path = tmp_path / "news.html"
    path.write_text(
        "<html><body><h1>工作动态</h1><p>今天召开了会议。</p><table><tr><td>a</td></tr></table></body></html>", "utf-8"
    )
    with pytest.raises(NotAReport):
        read_html(path)


@pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("variant", ["official", "clerk_wu"])
def test_seed_saved_as_web_page_by_an_office_suite(tmp_path, variant):
    src = fixture_path(f"seed_000__{variant}.docx")
    subprocess.run(
        [
            legacy.find_soffice(),
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    report, _ = import_file(tmp_path / src.with_suffix(".html").name)
    want = seed_report("seed_000")
    assert {k: (c.value or 0) for k, c in report.cells.items()} == {k: (c.value or 0) for k, c in want.cells.items()}
    for sec in ("preamble", "一", "五", "六"):
        assert [b.text for b in report.blocks(sec) if b.kind != "image"] == [b.text for b in want.blocks(sec)]
    assert [b.kind for b in report.blocks("一")].count("image") == 1  # the image file saved beside the page
    assert report.meta == want.meta


def test_table_three_with_one_label_column_and_group_rows(tmp_path):
    """Some sites flatten table 三: one label column, group rows of their own, or group and item in one cell."""
    fmt = get_format("gb_2021")
    cols = [c["label"] for c in fmt.tables["t3"]["columns"]]
    rows = [
        "<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        + "".join(f"<td>{c}</td>" for c in cols)
        + "</tr>"
    ]
    expected = {}
    for n, row in enumerate(fmt.tables["t3"]["rows"]):
        if not row["data"]:
            rows.append(f"<tr><td>{row['label']}</td>{'<td></td>' * 7}</tr>")
            continue
        label = row["label"]
        if row["key"].startswith("t3.result.unable."):
            label = (
                fmt.tables["t3"]["rows"][[r["key"] for r in fmt.tables["t3"]["rows"]].index(row["parent"])]["label"]
                + label
            )
        rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{n * 10 + i}</td>" for i in range(7)) + "</tr>")
        for i, c in enumerate(fmt.tables["t3"]["columns"]):
            expected[f"{row['key']}@{c['key']}"] = n * 10 + i
    path = tmp_path / "flat.html"
    path.write_text(
        "<h1>某局2025年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>"
        f"<table>{''.join(rows)}</table>",
        "utf-8",
    )
    report, _ = read_html(path)
    assert {k: report.value(k) for k in expected} == expected


def test_title_from_the_browser_tab_when_the_page_has_none(tmp_path):
    html = page().decode("utf-8").replace("<h1>某市审计局2025年政府信息公开工作年度报告</h1>", "<img src='title.gif'>")
    path = tmp_path / "r.html"
    path.write_text(html, "utf-8")
    report, _ = read_html(path)
    assert (report.meta.agency, report.meta.year, report.meta.title) == ("某市审计局", 2025, "")
