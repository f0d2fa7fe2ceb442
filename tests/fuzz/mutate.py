"""Deterministic mutations of real seeds: byte flips, truncations, and structural edits of rows, cells,
spans, values and encodings at the XML / HTML / JSON level. `make_case(kind, rng)` → (bytes, what)."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
KINDS = ("docx", "html", "nianbao", "pdf")
SUFFIX = {"docx": ".docx", "html": ".html", "nianbao": ".nianbao", "pdf": ".pdf"}

# Values an attacker or an unlucky export would put in a cell.
HOSTILE_VALUES = [
    "1e5000",
    "1e7",
    "1E+07",
    "1e-999999999",
    "1e999999999",
    "9" * 5000,
    "NaN",
    "-Infinity",
    "sNaN",
    "-0",
    "１２",
    "３件",
    "251000元",
    "25.1万元",
    "0x10",
    "1_000",
    "٣",
    "²",
    "　",
    "无",
    "—",
    "",
    "-1",
    "3.5",
    "99999999999999999999",
    "0.0000001",
    "1,2,3",
    "二〇二五年十十月三日",
    "二〇二五年一月二十日",
    "\u202e12",
    "本年新收",
    "自然人",
    "合计",
    "行政复议",
    "一、总体情况",
    "x" * 20000,
]
HOSTILE_SPANS = [
    "0",
    "1",
    "2",
    "7",
    "60",
    "61",
    "1000",
    "1000000",
    "1000000000000",
    "-1",
    "abc",
    "²",
    "",
    "99999999999999999999999",
]
HOSTILE_ENCODINGS = ["UTF-16", "utf-8", "UTF-7", "EBCDIC-US", "latin-1", "gbk", "bogus", "undefined"]
HOSTILE_CHARSETS = [
    "undefined",
    "hex",
    "rot13",
    "utf-16",
    "utf-32",
    "gbk",
    "gb2312",
    "big5",
    "latin-1",
    "x-none",
    "utf-7",
]
HOSTILE_SRCS = [
    "../../../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "a_files/../../x.png",
    "a_files/image001.png",
    "C:\\Windows\\win.ini",
    "data:image/png;base64,AAAA",
    "data:image/png;base64," + "A" * 1000,
    "http://x/y.png",
    "%2e%2e/%2e%2e/etc/passwd",
    "\\\\server\\share\\x.png",
]
HOSTILE_JSON = [
    None,
    -1,
    0,
    99999,
    2025,
    1.5,
    -1e308,
    True,
    False,
    "",
    "x" * 100_000,
    "2025",
    {},
    [],
    {"decimal": "abc"},
    {"decimal": "sNaN"},
    {"decimal": "1e5000"},
    {"decimal": "1.5"},
    [1, 2],
    {"a": {"b": {}}},
]
RAW_NUMBERS = ["NaN", "-Infinity", "Infinity", "1e5000", "9" * 5000, "-0", "1e-400", "0.1" + "0" * 3000 + "1"]


@cache
def docx_seeds() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in sorted(SEEDS.glob("*.docx")))


@cache
def html_seeds() -> tuple[bytes, ...]:
    """The web pages the app itself writes for the seed reports, plus a Word-style page of the same text."""
    from export.html_writer import html_bytes
    from model.importers import import_file

    out = []
    for p in sorted(SEEDS.glob("*.docx")):
        report, _ = import_file(p)
        out.append(html_bytes(report))
    return tuple(out)


@cache
def nianbao_seeds() -> tuple[bytes, ...]:
    from model.importers import import_file
    from model.project_file import dumps
    from model.rollover import roll_forward

    out = [(ROOT / "resources" / "sample_2025.nianbao").read_bytes()]
    out += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "projects").glob("*.nianbao"))]
    for p in sorted(SEEDS.glob("*official.docx")):
        report, _ = import_file(p)
        out.append(dumps(report))
        out.append(dumps(roll_forward(report)))
    return tuple(out)


@cache
def pdf_seeds() -> tuple[bytes, ...]:
    """The real agency-made PDF (WPS) of tests/fixtures/pdf."""
    return tuple(p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")))


def seeds(kind: str) -> tuple[bytes, ...]:
    return {"docx": docx_seeds, "html": html_seeds, "nianbao": nianbao_seeds, "pdf": pdf_seeds}[kind]()


# -- bytes ------------------------------------------------------------------------------------------


def byte_flips(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    buf = bytearray(data)
    n = rng.choice((1, 2, 4, 16, 64))
    for _ in range(n):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf), f"{n} byte flips"


def truncation(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    cut = rng.randrange(len(data))
    return data[:cut], f"cut at {cut}"


def splice(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] * rng.choice((1, 2, 10)) + data[at:], f"splice {a}:{b} at {at}"


BYTE_MUTATIONS = (byte_flips, truncation, splice)


# -- text-level structure, shared by docx XML and html ---------------------------------------------


def _elements(text: str, pattern: str) -> list[re.Match[str]]:
    return list(re.finditer(pattern, text, re.DOTALL))


def _edit_element(text: str, rng: random.Random, pattern: str, what: str) -> tuple[str, str]:
    found = _elements(text, pattern)
    if not found:
        return text, f"no {what}"
    m = rng.choice(found)
    op = rng.choice(("delete", "duplicate", "duplicate many", "swap"))
    if op == "delete":
        return text[: m.start()] + text[m.end() :], f"delete a {what}"
    if op == "swap" and len(found) > 1:
        o = rng.choice(found)
        if o.start() >= m.end():
            return text[: m.start()] + o.group() + text[m.end() : o.start()] + m.group() + text[
                o.end() :
            ], f"swap {what}s"
    times = 2 if op == "duplicate" else rng.choice((10, 100))
    return text[: m.start()] + m.group() * times + text[m.end() :], f"{what} × {times}"


# -- docx -----------------------------------------------------------------------------------------

_TR = r"<w:tr[ >].*?</w:tr>"
_TC = r"<w:tc>.*?</w:tc>"
_T = r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)"


def _docx_xml_mutation(xml: str, rng: random.Random) -> tuple[str, str]:
    op = rng.choice(
        ("rows", "cells", "spans", "spans", "values", "values", "gridbefore", "grid", "nest") * 3 + ("doctype",)
    )
    if op == "rows":
        return _edit_element(xml, rng, _TR, "row")
    if op == "cells":
        return _edit_element(xml, rng, _TC, "cell")
    if op == "spans":
        cells = [m.end() for m in re.finditer(r"<w:tc>", xml)]
        if not cells:
            return xml, "no cell"
        at = rng.choice(cells)
        props = f'<w:gridSpan w:val="{rng.choice(HOSTILE_SPANS)}"/>'
        props += rng.choice(
            (
                "",
                '<w:vMerge w:val="continue"/>',
                "<w:vMerge/>",
                '<w:vMerge w:val="restart"/>',
                "<w:hMerge/>",
                '<w:hMerge w:val="continue"/>',
            )
        )
        return xml[:at] + f"<w:tcPr>{props}</w:tcPr>" + xml[at:], f"span {props}"
    if op == "values":
        texts = list(re.finditer(_T, xml))
        if not texts:
            return xml, "no text"
        out, what = xml, []
        for m in sorted(rng.sample(texts, min(len(texts), rng.choice((1, 5, 50)))), key=lambda m: -m.start()):
            value = rng.choice(HOSTILE_VALUES)
            value = value.replace("&", "&amp;").replace("<", "&lt;")
            out = out[: m.start(2)] + value + out[m.end(2) :]
            what.append(value[:12])
        return out, f"values {what[:5]}"
    if op == "gridbefore":
        rows = [m.end() for m in re.finditer(r"<w:tr(?: [^>]*)?>", xml)]
        if not rows:
            return xml, "no row"
        at = rng.choice(rows)
        return xml[:at] + f'<w:trPr><w:gridBefore w:val="{rng.choice(HOSTILE_SPANS)}"/></w:trPr>' + xml[
            at:
        ], "gridBefore"
    if op == "grid":
        return re.sub(r"<w:tblGrid>.*?</w:tblGrid>", "", xml, count=rng.choice((1, 0)), flags=re.DOTALL), "no tblGrid"
    if op == "nest":
        found = _elements(xml, r"<w:tbl>.*?</w:tbl>")
        cells = [m.end() for m in re.finditer(r"<w:tc>", xml)]
        if not found or not cells:
            return xml, "no table"
        table = rng.choice(found).group()
        at = rng.choice(cells)
        return xml[:at] + table + "<w:p/>" + xml[at:], "nested table"
    decl = xml.find("?>") + 2
    return xml[:decl] + '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>' + xml[decl:], "doctype"


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random, stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info.filename, data)
    return out.getvalue()


def docx_case(rng: random.Random) -> tuple[bytes, str]:
    seed = rng.choice(docx_seeds())
    if rng.random() < 0.2:
        data, what = rng.choice(BYTE_MUTATIONS)(seed, rng)
        return data, what
    with zipfile.ZipFile(io.BytesIO(seed)) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    names = [i.filename for i, _ in members]
    op = rng.choice(("xml",) * 6 + ("encoding", "parts"))
    whats = []
    if op == "xml":
        idx = names.index("word/document.xml")
        xml = members[idx][1].decode("utf-8")
        for _ in range(rng.choice((1, 1, 2, 4))):
            xml, what = _docx_xml_mutation(xml, rng)
            whats.append(what)
        members[idx] = (members[idx][0], xml.encode("utf-8"))
    elif op == "encoding":
        idx = names.index(rng.choice([n for n in names if n.endswith((".xml", ".rels"))]))
        xml = members[idx][1].decode("utf-8")
        encoding = rng.choice(HOSTILE_ENCODINGS)
        xml = re.sub(r"encoding=['\"][^'\"]*['\"]", f'encoding="{encoding}"', xml, count=1)
        try:
            raw = xml.encode(encoding if encoding in ("UTF-16", "latin-1", "gbk", "utf-8") else "utf-8", "replace")
        except LookupError:
            raw = xml.encode("utf-8")
        if rng.random() < 0.5 and encoding == "UTF-16":
            raw = raw[2:]  # no byte-order mark
        members[idx] = (members[idx][0], raw)
        whats.append(f"{names[idx]} as {encoding}")
    else:
        i = rng.randrange(len(members))
        sub = rng.choice(("drop", "upper", "rename", "stored"))
        info, data = members[i]
        if sub == "drop":
            del members[i]
        elif sub == "upper":
            info.filename = info.filename.upper()
        elif sub == "rename":
            info.filename = info.filename + ".bak"
        whats.append(f"{sub} {names[i]}")
        return _rezip(members, rng, stored=sub == "stored"), "; ".join(whats)
    data = _rezip(members, rng)
    if rng.random() < 0.1:
        data, what = byte_flips(data, rng)
        whats.append(what)
    return data, "; ".join(whats)


# -- html -----------------------------------------------------------------------------------------


def _html_mutation(text: str, rng: random.Random) -> tuple[str, str]:
    op = rng.choice(("rows", "cells", "spans", "spans", "values", "values", "charset", "nest", "img", "cut", "junk"))
    if op == "rows":
        return _edit_element(text, rng, r"<tr[ >].*?</tr>", "row")
    if op == "cells":
        return _edit_element(text, rng, r"<t[dh][ >].*?</t[dh]>", "cell")
    if op == "spans":
        cells = [m.end() - 1 for m in re.finditer(r"<t[dh]\b[^>]*>", text)]
        if not cells:
            return text, "no cell"
        at = rng.choice(cells)
        attr = f' {rng.choice(("rowspan", "colspan"))}="{rng.choice(HOSTILE_SPANS)}"'
        return text[:at] + attr + text[at:], f"span{attr}"
    if op == "values":
        cells = list(re.finditer(r"(<t[dh]\b[^>]*>)([^<]*)(</t[dh]>)", text))
        if not cells:
            return text, "no cell"
        out = text
        for m in sorted(rng.sample(cells, min(len(cells), rng.choice((1, 5, 50)))), key=lambda m: -m.start()):
            value = rng.choice(HOSTILE_VALUES).replace("&", "&amp;").replace("<", "&lt;")
            out = out[: m.start(2)] + value + out[m.end(2) :]
        return out, "values"
    if op == "charset":
        charset = rng.choice(HOSTILE_CHARSETS)
        return re.sub(r"<meta[^>]*charset[^>]*>", f'<meta charset="{charset}">', text, count=1), f"charset {charset}"
    if op == "nest":
        at = rng.randrange(len(text))
        depth = rng.choice((10, 100, 999, 1001, 5000))
        tag = rng.choice(("span", "div", "b", "table", "td", "p"))
        return text[:at] + f"<{tag}>" * depth + text[at:], f"<{tag}> × {depth}"
    if op == "img":
        at = text.find("</body>")
        at = at if at >= 0 else len(text)
        src = rng.choice(HOSTILE_SRCS)
        return text[:at] + f'<p><img src="{src}" width="{rng.choice(HOSTILE_SPANS)}"></p>' + text[
            at:
        ], f"img {src[:30]}"
    if op == "cut":
        at = rng.randrange(len(text))
        return text[:at] + rng.choice(
            ("<a b", "<!--", "<![CDATA[", "<td colspan=", "&#x", "<script>")
        ), f"cut + open at {at}"
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(
        ("&#0;", "&#xD800;", "&bogus;", "\x00", "\ufffe", "</table></tr>", "<tr><td>", "<table>")
    ) + text[at:], "junk"


def html_case(rng: random.Random) -> tuple[bytes, str]:
    seed = rng.choice(html_seeds())
    if rng.random() < 0.25:
        return rng.choice(BYTE_MUTATIONS)(seed, rng)
    text = seed.decode("utf-8")
    whats = []
    for _ in range(rng.choice((1, 1, 2, 4))):
        text, what = _html_mutation(text, rng)
        whats.append(what)
    encoding = rng.choice(("utf-8", "utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig", "big5"))
    return text.encode(encoding, "replace"), "; ".join(whats) + f"; as {encoding}"


# -- pdf ------------------------------------------------------------------------------------------

# A number in the PDF's object syntax (object and generation numbers, lengths, offsets, boxes, widths): what a
# damaged or hostile file lies about. The content streams are compressed, so their bytes get the byte mutations.
_PDF_NUMBER = re.compile(rb"(?<=[ /\[])\d{1,10}(?=[ \]/\r\n>])")
PDF_NUMBERS = (b"0", b"-1", b"1", b"999999999", b"4294967296", b"99999999999999999999")


def pdf_case(rng: random.Random) -> tuple[bytes, str]:
    seed = rng.choice(pdf_seeds())
    if rng.random() < 0.5:
        return rng.choice(BYTE_MUTATIONS)(seed, rng)
    numbers = list(_PDF_NUMBER.finditer(seed))
    picked = sorted(rng.sample(numbers, min(len(numbers), rng.choice((1, 2, 8, 32)))), key=lambda m: m.start())
    out, at = [], 0
    for m in picked:
        out += [seed[at : m.start()], rng.choice(PDF_NUMBERS)]
        at = m.end()
    out.append(seed[at:])
    return b"".join(out), f"{len(picked)} numbers of the PDF syntax changed"


# -- nianbao --------------------------------------------------------------------------------------


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if len(prefix) > 40:
        return out  # a nesting an earlier mutation made: deep enough
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def nianbao_case(rng: random.Random) -> tuple[bytes, str]:
    seed = rng.choice(nianbao_seeds())
    if rng.random() < 0.25:
        return rng.choice(BYTE_MUTATIONS)(seed, rng)
    if rng.random() < 0.2:
        text = seed.decode("utf-8")
        numbers = list(re.finditer(r"(?<=[:\[,] )-?\d+(?:\.\d+)?(?=[,\n\]}])", text))
        if numbers:
            m = rng.choice(numbers)
            raw = rng.choice(RAW_NUMBERS)
            return (text[: m.start()] + raw + text[m.end() :]).encode("utf-8"), f"raw number {raw[:12]}"
    doc = json.loads(seed)
    whats = []
    for _ in range(rng.choice((1, 1, 2, 5))):
        paths = _paths(doc)[1:]
        path = rng.choice(paths)
        parent = doc
        for key in path[:-1]:
            parent = parent[key]  # type: ignore[index]
        op = rng.choice(("replace", "replace", "replace", "delete", "deep"))
        if op == "delete":
            del parent[path[-1]]  # type: ignore[attr-defined]
        elif op == "deep":
            value: object = 1
            for _ in range(rng.choice((10, 63, 65, 2000))):
                value = [value]
            parent[path[-1]] = value  # type: ignore[index]
        else:
            parent[path[-1]] = rng.choice(HOSTILE_JSON)  # type: ignore[index]
        whats.append(f"{op} {'/'.join(map(str, path))[:60]}")
    try:
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    except (ValueError, RecursionError):
        data = seed
    return data, "; ".join(whats)


CASES = {"docx": docx_case, "html": html_case, "nianbao": nianbao_case, "pdf": pdf_case}


def make_case(kind: str, seed: int, number: int) -> tuple[bytes, str]:
    """The input of case `number` of the run seeded `seed`: the same bytes every time."""
    rng = random.Random(f"{kind}:{seed}:{number}")
    return CASES[kind](rng)
