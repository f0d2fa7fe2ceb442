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

from model.errors import DamagedDoc, ImportError_, UnsafeDoc
from model.importers import ImportLog
from model.importers.document import GridBuilder, Image, Item, Para, sane_width
from model.importers.recognize import recognize
from model.report import Report

MAX_BYTES = 60 * 1024 * 1024
MAX_IMAGE = 20 * 1024 * 1024
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
IMAGE_TYPES = {"png": "png", "jpeg": "jpeg", "jpg": "jpeg", "gif": "gif", "bmp": "bmp"}


def read_html(path: str | os.PathLike[str]) -> tuple[Report, ImportLog]:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UnsafeDoc("网页文件过大，不像是一份年度报告，已拒绝读取。", path=str(p))
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ImportError_("找不到这个文件，可能已被移动、改名或删除。", "请重新选择文件。", path=str(p)) from exc
    except OSError as exc:
        raise DamagedDoc("无法读取这个文件。", path=str(p)) from exc
    resources: dict[str, bytes] = {}
    if p.suffix.lower() == ".mhtml" or data[:2048].lower().lstrip().startswith(b"mime-version"):
        data, resources = _from_mhtml(data)
    log = ImportLog(str(p), "html")
    items = parse_html(decode(data), p.parent, resources)
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


def parse_html(text: str, base: Path | None = None, resources: dict[str, bytes] | None = None) -> list[Item]:
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

    # -- elements ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "nianbao-draft" in a.get("class", "").split() and tag not in VOID:
            self.skip_at.add(len(self.stack))  # our own exports' 草稿 banner: not the report's text
            self.skip += 1
            self.stack.append((tag, False))
            return
        if tag in SKIP:
            self.skip += 1
            self.stack.append((tag, False))
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
        self.stack.append((tag, bold))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag; browsers ignore it too
        while self.stack:
            t, _ = self.stack.pop()
            if t in SKIP or len(self.stack) in self.skip_at:
                self.skip_at.discard(len(self.stack))
                self.skip -= 1
            if t == tag:
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
        bold = any(b for _, b in self.stack)
        self.chunks.append((text, bold))

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
        m = re.match(r"data:image/([a-zA-Z]+);base64,(.*)$", src.strip(), re.DOTALL)
        if m:
            kind = IMAGE_TYPES.get(m.group(1).lower())
            try:
                return (base64.b64decode(m.group(2), validate=False), kind) if kind else (None, "")
            except (binascii.Error, ValueError):
                return None, ""
        kind = IMAGE_TYPES.get(src.rsplit(".", 1)[-1].lower().split("?")[0], "")
        if not kind:
            return None, ""
        if src in self.resources:
            return self.resources[src], kind
        if self.base is not None and "://" not in src and not src.startswith("/"):
            # "Save page as…" keeps images in a folder next to the page.
            candidate = (self.base / src).resolve()
            try:
                if candidate.is_file() and candidate.stat().st_size <= MAX_IMAGE:
                    return candidate.read_bytes(), kind
            except OSError:
                return None, ""
        return None, ""


def _int(text: str | None) -> int:
    """A rowspan/colspan: 1 unless it is a plain whole number (the grid builder clips it to the table)."""
    t = (text or "").strip()
    return max(1, int(t)) if re.fullmatch(r"[0-9]{1,9}", t) else 1
