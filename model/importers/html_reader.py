"""Reading a report saved from a government website (.html, .htm, .mhtml) with the standard html.parser.

Many agencies only have last year's report as a published web page. This module turns the page into
the same paragraphs + tables-as-grids as the .docx reader (rowspan/colspan become merged slots), and
`recognize` does the rest. Navigation above the title is dropped there. Pages are decoded by their BOM,
their declared charset (gov sites often use GB2312/GBK) or by trying UTF-8 then GB18030.
"""

from __future__ import annotations

import base64
import binascii
import email
import os
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

from model.errors import DamagedDoc, UnsafeDoc
from model.images import image_kind
from model.importers import ImportLog
from model.importers.document import GridBuilder, Image, Item, Para, sane_width
from model.importers.limits import MB, Budget, check_items, read_bounded
from model.importers.recognize import recognize
from model.report import Report

MAX_BYTES = 32 * MB  # a published report's page is 0.1–1 MB, ~10 MB with its pictures inline
MAX_IMAGE = 20 * MB
MAX_ELEMENTS = 50_000  # start tags; a report's page has a few thousand, Word's bloated HTML ~10,000
MAX_DEPTH = 1000  # open elements at once; real pages nest a few dozen levels
# Attributes in all tags together: html.parser spends ~5 µs on each before any handler sees the tag, so
# 32 MB of "a=b " in one tag would take 40 s. A report's page has a few tens of thousands.
MAX_ATTRIBUTES = 300_000
BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "center",
    "header",
    "footer",
    "dd",
    "dt",
    "pre",
    "form",
    "hr",
    "figure",
    "figcaption",
    "main",
}
SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "select", "button", "textarea"}
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "param", "embed"}
_YEAR = re.compile(r"[12]\d{3}\s*年")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def read_html(path: str | os.PathLike[str]) -> tuple[Report, ImportLog]:
    p = Path(path)
    data = read_bounded(p, MAX_BYTES, "网页文件")
    resources: dict[str, bytes] = {}
    if p.suffix.lower() == ".mhtml" or data[:2048].lower().lstrip().startswith(b"mime-version"):
        data, resources = _from_mhtml(data)
    log = ImportLog(str(p), "html")
    try:
        items = parse_html(decode(data), p.parent, resources)
    except UnsafeDoc as exc:
        exc.path = str(p)
        raise
    except (AssertionError, ValueError, IndexError) as exc:  # html.parser on markup it cannot make sense of
        raise DamagedDoc("网页的内容结构异常，无法读取。", path=str(p)) from exc
    check_items(items, p)
    return recognize(items, log), log


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
        declared = "gb18030"  # the superset: GB2312 pages routinely contain GBK characters
    elif declared.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        declared = "utf-8"  # a byte-order mark would have said so; browsers read such a page as UTF-8
    for enc in (declared, "utf-8", "gb18030"):
        if not enc:
            continue
        try:
            return data.decode(enc)
        except (UnicodeError, LookupError, ValueError):
            # A charset Python does not know, or one it knows but that decodes nothing ("undefined" raises
            # UnicodeError on every byte; "hex" is not a text encoding): try the next.
            continue
    return data.decode("utf-8", "replace")


def _from_mhtml(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The HTML part of a "web archive" and its images by Content-Location."""
    msg = email.message_from_bytes(data, policy=policy.default)
    html: bytes | None = None
    resources: dict[str, bytes] = {}
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""  # decode=True gives bytes for a leaf part; anything else carries nothing usable
        ctype = part.get_content_type()
        if ctype == "text/html" and html is None:
            html = payload
        elif ctype.startswith("image/"):
            for key in (part.get("Content-Location"), part.get("Content-ID")):
                if key:
                    resources[str(key).strip("<>")] = payload
    if html is None:
        raise DamagedDoc("这个网页存档（.mhtml）中没有网页内容。")
    return html, resources


_LONG_TAG = re.compile(r"<[a-zA-Z][^<>\"'=]{256,}")


def _attributes(text: str) -> int:
    """About how many attributes html.parser will read, counted high, never low, without parsing: every '='
    in the page (a str.count), and the blanks of any long run of bare attribute names inside a tag. Quoted
    values (a picture inline as a data URI) stop the run, so they are not counted."""
    total = text.count("=")
    for m in _LONG_TAG.finditer(text):
        if total > MAX_ATTRIBUTES:
            break
        run = m.group()
        total += run.count(" ") + run.count("\n") + run.count("\t")
    return total


def _too_many(what: str, limit: int) -> UnsafeDoc:
    return UnsafeDoc(
        f"网页中的{what}超过{limit}个，远多于任何一份年度报告，已拒绝读取。",
        "请确认选择的是上一年度报告的网页；也可以在浏览器中打开它，复制正文到Word后另存为.docx再导入。",
    )


def parse_html(text: str, base: Path | None = None, resources: dict[str, bytes] | None = None) -> list[Item]:
    # Counted before parsing (html.parser takes 10–25 µs a tag): a refusal comes at once, not after seconds.
    if text.count("<") > 3 * MAX_ELEMENTS:
        raise _too_many("标签", MAX_ELEMENTS)
    if _attributes(text) > MAX_ATTRIBUTES:
        raise UnsafeDoc(
            f"网页中的标签属性超过{MAX_ATTRIBUTES}个，远多于任何一份年度报告，已拒绝读取。",
            "请确认选择的是上一年度报告的网页；也可以在浏览器中打开它，复制正文到Word后另存为.docx再导入。",
        )
    # A tag, comment or declaration left open at the end of the page: html.parser's close() retries it from
    # every "<" to the end (quadratic: 40,000 × "<a b" took 90 s). Browsers drop such a tail; so do we.
    end = text.rfind(">") + 1
    cut = text.find("<", end)
    if cut >= 0:
        text = text[:cut]
    parser = _ReportParser(base, resources or {})
    parser.feed(text)
    parser.close()
    parser.flush()
    items = parser.items
    page_title = next(
        (part for part in re.split(r"[_|｜—\-]+", "".join(parser.page_title)) if "年度报告" in part), ""
    ).strip()
    if page_title and not any(
        isinstance(it, Para) and "年度报告" in it.text and _YEAR.search(it.text) for it in items[:20]
    ):
        # The title is drawn as an image or sits outside the article: the browser tab's title still names it.
        items.insert(0, Para(page_title, 1, True))
    return items


class _ReportParser(HTMLParser):
    def __init__(self, base: Path | None, resources: dict[str, bytes]) -> None:
        super().__init__(convert_charrefs=True)
        self.base, self.resources = base, resources
        self.items: list[Item] = []
        self.stack: list[tuple[str, bool]] = []  # open elements and whether each makes text bold
        self.skip = 0
        self.heading = 0
        self.chunks: list[tuple[str, bool]] = []  # current paragraph's text pieces, bold or not
        self.images: list[Image] = []
        self.tables: list[GridBuilder] = []
        self.cell: list[str] | None = None  # lines of the table cell being read
        self.cell_span = (1, 1)
        self.page_title: list[str] = []
        self.skip_at: set[int] = set()  # stack depths of skipped elements that are not in SKIP
        # Kept alongside the stack so that each tag costs O(1), not O(depth): with the stack walked per text
        # and per end tag, a page of nested spans took minutes.
        self.bold_depth = 0  # open elements that make text bold
        self.open_count: dict[str, int] = {}  # open elements by tag
        self.elements = Budget(
            MAX_ELEMENTS,
            f"网页中的标签超过{MAX_ELEMENTS}个，远多于任何一份年度报告，已拒绝读取。",
            "请确认选择的是上一年度报告的网页；也可以在浏览器中打开它，复制正文到Word后另存为.docx再导入。",
        )

    # -- elements ---------------------------------------------------------------------------------
    def _push(self, tag: str, bold: bool) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise UnsafeDoc(
                f"网页的标签嵌套超过{MAX_DEPTH}层，远深于任何一份年度报告，已拒绝读取。",
                "请确认选择的是上一年度报告的网页；也可以在浏览器中打开它，复制正文到Word后另存为.docx再导入。",
            )
        self.stack.append((tag, bold))
        self.bold_depth += bold
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def _pop(self) -> str:
        tag, bold = self.stack.pop()
        self.bold_depth -= bold
        self.open_count[tag] -= 1
        if tag in SKIP or len(self.stack) in self.skip_at:
            self.skip_at.discard(len(self.stack))
            self.skip -= 1
        return tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.spend()
        a = {k: v or "" for k, v in attrs}
        if tag in ("p", "li") and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)  # an unclosed <p> or <li> ends where the next begins, as in a browser
        if "nianbao-draft" in a.get("class", "").split() and tag not in VOID:
            self.skip_at.add(len(self.stack))  # our own exports' 草稿 banner: not the report's text
            self.skip += 1
            self._push(tag, False)
            return
        if tag in SKIP:
            self.skip += 1
            self._push(tag, False)
            return
        if tag == "br":
            self._text("\n")
            return
        if tag == "img":
            self._image(a)
            return
        if tag in VOID:
            return
        if tag == "table":
            if self.cell is None:
                self.flush()
            self.tables.append(GridBuilder())
        elif tag == "tr" and self.tables:
            self.tables[-1].new_row()
        elif tag in ("td", "th") and self.tables:
            if self.tables[-1].cur < 0:
                self.tables[-1].new_row()
            self.cell = []
            self.chunks = []
            self.cell_span = (_int(a.get("rowspan")), _int(a.get("colspan")))
        elif tag in BLOCKS:
            self._break()
            if tag[0] == "h" and tag[1:].isdigit():
                self.heading = int(tag[1:])
        bold = (
            tag in ("b", "strong")
            or bool(_BOLD_STYLE.search(a.get("style", "")))
            or tag[0] == "h"
            and tag[1:].isdigit()
        )
        self._push(tag, bold)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag; browsers ignore it too
        while self.stack:
            if self._pop() == tag:
                break
        if tag in ("td", "th") and self.tables and self.cell is not None:
            self._cell_line()
            self.tables[-1].add("\n".join(self.cell), *self.cell_span)
            self.cell = None
        elif tag == "table" and self.tables:
            grid = self.tables.pop().grid()
            if self.tables and self.cell is not None:
                self.cell.append(grid.text())  # a table inside a cell: keep its words only
            elif grid.rows:
                self.items.append(grid)
        elif tag in BLOCKS:
            self._break()
            if tag[0] == "h" and tag[1:].isdigit():
                self.heading = 0

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "title":
            self.page_title.append(data)
        if self.skip:
            return
        self._text(_SPACE.sub(" ", data))

    # -- text ---------------------------------------------------------------------------------------
    def _text(self, text: str) -> None:
        self.chunks.append((text, self.bold_depth > 0))

    def _break(self) -> None:
        if self.cell is not None:
            self._cell_line()
        else:
            self.flush()

    def _cell_line(self) -> None:
        text = "".join(t for t, _ in self.chunks).strip(" ")
        if text:
            self.cell.append(text)  # type: ignore[union-attr]
        self.chunks = []

    def flush(self) -> None:
        if self.cell is not None:
            return
        text = "".join(t for t, _ in self.chunks)
        text = "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n ")
        visible = [(t, b) for t, b in self.chunks if t.strip(" \n\u3000\xa0")]
        if text.strip() or self.images:
            bold = bool(visible) and all(b for _, b in visible)
            self.items.append(Para(text, self.heading, bold, False, self.images))
        self.chunks, self.images = [], []

    def _image(self, a: dict[str, str]) -> None:
        data, kind = self._image_bytes(a.get("src", ""))
        if data is None:
            return
        width = None
        if re.fullmatch(r"[0-9]{1,6}", a.get("width", "")):
            width = round(int(a["width"]) * 25.4 / 96, 1)
        m = re.search(r"width\s*:\s*([0-9]{1,6}(?:\.[0-9]{1,3})?)\s*mm", a.get("style", ""))
        if m:
            width = float(m.group(1))
        width = sane_width(width)
        image = Image(data, kind, width)
        if self.cell is not None:
            return  # images inside table cells are not part of the narrative
        self.images.append(image)

    def _image_bytes(self, src: str) -> tuple[bytes | None, str]:
        """The picture's bytes and kind, from a data URI, the web archive's parts, or a file beside the page —
        and only when the bytes decode as a picture (whatever the name or the data URI's type claims)."""
        m = re.match(r"data:image/[a-zA-Z+.\-]+;base64,(.*)$", src.strip(), re.DOTALL)
        if m:
            if len(m.group(1)) > MAX_IMAGE * 4 // 3 + 4:
                return None, ""
            try:
                data = base64.b64decode(m.group(1), validate=False)
            except (binascii.Error, ValueError):
                return None, ""
            return _picture(data)
        if src in self.resources:
            return _picture(self.resources[src])
        if self.base is not None:
            found = _file_beside(self.base, src)
            if found is not None:
                return _picture(found)
        return None, ""


def _picture(data: bytes) -> tuple[bytes | None, str]:
    kind = image_kind(data)
    return (data, kind) if kind else (None, "")


def _file_beside(base: Path, src: str) -> bytes | None:
    """A picture "Save page as…" put beside the page: a relative path inside the page's folder (usually its
    "name_files" folder), never above it, never through a symbolic link, at most `MAX_IMAGE` bytes. A page
    from the web must not make us read other files on this computer ("../../x.png", a link to /etc/passwd)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    rel = unquote(parts.path).replace("\\", "/")
    if rel.startswith("/") or re.match(r"^[A-Za-z]:", rel):
        return None
    names = [n for n in rel.split("/") if n not in ("", ".")]
    if not names or any(n == ".." for n in names):
        return None
    try:
        root = base.resolve(strict=True)
        current = root
        for name in names:
            current = current / name
            if current.is_symlink() or current.is_junction():
                return None
        if not current.is_file() or not current.resolve(strict=True).is_relative_to(root):
            return None
        with open(current, "rb") as f:
            data = f.read(MAX_IMAGE + 1)
    except (OSError, RuntimeError, ValueError):
        return None
    return data if len(data) <= MAX_IMAGE else None


def _int(text: str | None) -> int:
    """A rowspan/colspan: 1 unless it is a plain whole number (the grid builder clips it to the table)."""
    t = (text or "").strip()
    return max(1, int(t)) if re.fullmatch(r"[0-9]{1,9}", t) else 1
