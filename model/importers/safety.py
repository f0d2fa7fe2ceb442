"""Checks on a .docx before any XML parser sees it: damaged files, zip bombs, entity expansion.

A .docx is a zip of XML. A hostile or broken one can claim gigabytes after decompression or define
entities that expand exponentially ("billion laughs"). python-docx parses with lxml and
``resolve_entities=False``, but we refuse such files outright: Word and WPS never write a DTD, and
the declared sizes in the zip directory are what `zipfile` will at most decompress.

Entities can only be declared in a DOCTYPE, and a DOCTYPE can only stand in the prolog, before the root
element; so only each part's prolog (a few dozen bytes in a real document) is decompressed and read here,
not the whole part, which python-docx decompresses again anyway. A damaged part (bad CRC, cut short) is
then found when python-docx reads it, and reported as damage by the importer just the same.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path
from typing import Protocol

from model.errors import DamagedDoc, ImportError_, NotAReport, UnsafeDoc, UnsupportedDoc

MAX_ENTRIES = 5000
MAX_TOTAL = 200 * 1024 * 1024  # a report with photos is a few MB; 200 MB is already absurd
MAX_PART = 50 * 1024 * 1024  # one picture
# One XML part: a real report's document.xml is 0.1–1 MB (a 100-page one ~3 MB). Parsing costs ~15× its
# size in memory, and every paragraph is exported again, so the bound is what keeps import and export fast.
MAX_XML_PART = 8 * 1024 * 1024
# Word and WPS only store or deflate. zipfile decompresses the others (bzip2, LZMA) without a bound on the
# output of one read, so a member lying about its size could expand to gigabytes before any check.
COMPRESSIONS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
# Encodings an XML declaration may name in a part we let lxml parse: those where "<!DOCTYPE" is the same
# bytes as in ASCII, so the prolog check reads it; Word and WPS write UTF-8 (UTF-16 is decoded first).
ASCII_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "gb2312", "gbk", "gb18030"})
MAX_RATIO = 200  # XML compresses ~10:1; a bomb compresses 1000:1 and more
RATIO_FLOOR = 2 * 1024 * 1024  # small parts may compress very well without being a bomb
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
PROLOG_CHUNK = 1024
PROLOG_MAX = 64 * 1024  # a longer prolog (comments, processing instructions) is read whole and searched

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """ "zip" | "ole" (.doc/.wps) | "html" | "rtf" | "pdf" | "empty" | "other", from the first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except FileNotFoundError as exc:
        raise ImportError_("找不到这个文件，可能已被移动、改名或删除。", "请重新选择文件。", path=str(path)) from exc
    except OSError as exc:
        raise ImportError_(
            "无法打开这个文件（可能没有读取权限，或正被其他程序占用）。",
            "请关闭打开它的程序，或把文件复制到桌面后再导入。",
            path=str(path),
        ) from exc
    if not head:
        return "empty"
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if low.startswith((b"<!doctype html", b"<html", b"<meta", b"<head", b"mime-version")) or b"<html" in low:
        return "html"
    return "other"


def check_docx(path: Path) -> None:
    """Raise a `model.errors` failure unless the file is a well-formed, reasonably sized .docx."""
    kind = sniff(path)
    if kind == "empty":
        raise DamagedDoc("文件是空的（0字节），可能没有下载或复制完整。", path=str(path))
    if kind == "ole":
        raise UnsupportedDoc(
            "这个文件的扩展名是.docx，但内容是旧版Word（.doc）或WPS格式。请在Word或WPS中另存为.docx后再导入。",
            "",
            path=str(path),
        )
    if kind == "pdf":
        raise NotAReport(
            "这个文件实际是PDF，暂不支持从PDF导入。", "请找到上一年度报告的Word文件或网页再导入。", path=str(path)
        )
    if kind != "zip":
        raise DamagedDoc("这个文件不是有效的Word（.docx）文件，可能已损坏或只是改了扩展名。", path=str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(infos, path)
            if not any(i.filename.lower().startswith("word/") for i in infos):
                raise NotAReport("这个文件不是Word文档（可能是Excel、PowerPoint或其他压缩文件）。", path=str(path))
            for info in infos:
                # Every member, whatever its name or case: the package's relationships can make any of them
                # a part python-docx parses ("styles.XML", the main part renamed).
                if info.is_dir():
                    continue
                with zf.open(info) as part:
                    if part_declares_dtd(part, info.file_size):
                        raise UnsafeDoc(path=str(path))
    except zipfile.BadZipFile as exc:
        raise DamagedDoc(path=str(path)) from exc
    except (OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        # A truncated member, a bad CRC, an unknown compression method: all are damage, not a crash.
        raise DamagedDoc(path=str(path)) from exc


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


class _Recoded:
    """A UTF-16/UTF-32 stream read as UTF-8, chunk by chunk, so `declares_dtd` sees its prolog as bytes."""

    def __init__(self, stream: Readable, encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")

    def read(self, n: int = -1) -> bytes:
        raw = self._stream.read(n if n >= 0 else -1)
        return self._decoder.decode(raw, final=not raw).encode("utf-8")


_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")


def part_declares_dtd(part: Readable, size: int) -> bool:
    """True if a zip member could make lxml read a DTD: a declaration in its prolog in any encoding lxml
    detects (UTF-8, UTF-16 and UTF-32 with or without a byte-order mark), or an encoding the check cannot
    read (EBCDIC, UTF-7, …). A member that does not begin like XML (a picture) is not parsed as XML, and an
    XML part larger than `MAX_XML_PART` is refused as oversized."""
    head = part.read(4)
    if head[:3] == b"\xef\xbb\xbf":
        head = head[3:]
    encoding = _sniff_encoding(head)
    if encoding is None:
        if not head.lstrip(b" \t\r\n").startswith(b"<"):
            return False  # not XML; if python-docx tries to parse it as XML anyway, lxml fails
        encoding = "ascii"
    if size > MAX_XML_PART:
        return True
    if encoding == "ebcdic":
        return True
    if encoding == "ascii":
        first = head + part.read(PROLOG_CHUNK)
        m = _DECLARED.match(first.lstrip(b" \t\r\n"))
        if m and m.group(1).decode("ascii").lower() not in ASCII_ENCODINGS:
            return True
        return declares_dtd(_Chained(first, part))
    return declares_dtd(_Recoded(_Chained(head, part), encoding))


def _sniff_encoding(head: bytes) -> str | None:
    """The XML spec's autodetection (appendix F) from the first four bytes: "utf-32-be"/"utf-32-le",
    "utf-16-be"/"utf-16-le", "ebcdic", or None (ASCII-compatible or not XML)."""
    if head in (b"\x00\x00\xfe\xff", b"\x00\x00\x00<"):
        return "utf-32-be"
    if head in (b"\xff\xfe\x00\x00", b"<\x00\x00\x00"):
        return "utf-32-le"
    if head[:2] == b"\xfe\xff" or head[:2] == b"\x00<":
        return "utf-16-be"
    if head[:2] == b"\xff\xfe" or head[:2] == b"<\x00":
        return "utf-16-le"
    if head == b"\x4c\x6f\xa7\x94":
        return "ebcdic"
    return None


class _Chained:
    """`first` (already read), then the rest of `stream`."""

    def __init__(self, first: bytes, stream: Readable) -> None:
        self._first, self._stream = first, stream

    def read(self, n: int = -1) -> bytes:
        if self._first:
            if n < 0:
                out, self._first = self._first + self._stream.read(), b""
                return out
            out, self._first = self._first[:n], self._first[n:]
            return out
        return self._stream.read(n)


def declares_dtd(stream: Readable) -> bool:
    """True if the XML in `stream` has a DOCTYPE (or any other markup declaration) before its root element.

    Reads the prolog only: the XML declaration, processing instructions, comments and white space, up
    to the first start tag. A `<!` there that does not open a comment is a declaration."""
    buf = b""
    pos = 0
    eof = False
    while True:
        lt = buf.find(b"<", pos)
        if lt >= 0 and len(buf) - lt >= 4:
            if buf.startswith(b"<?", lt):
                end = buf.find(b"?>", lt + 2)
                if end >= 0:
                    pos = end + 2
                    continue
            elif buf.startswith(b"<!--", lt):
                end = buf.find(b"-->", lt + 4)
                if end >= 0:
                    pos = end + 3
                    continue
            else:
                return buf.startswith(b"<!", lt)  # a declaration, or the root element's start tag
        elif lt < 0:
            pos = len(buf)  # only text so far (a BOM, white space): nothing to re-scan
        if eof:
            return False  # no root element at all: python-docx will call it damaged
        if len(buf) >= PROLOG_MAX:
            rest = buf + stream.read()
            return b"<!" in rest and _DTD.search(rest) is not None
        chunk = stream.read(PROLOG_CHUNK)
        eof = not chunk
        buf += chunk


def _check_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    if len(infos) > MAX_ENTRIES:
        raise UnsafeDoc(f"文件内含{len(infos)}个部件，远多于正常的Word文档，已拒绝读取。", path=str(path))
    total = 0
    for info in infos:
        if info.compress_type not in COMPRESSIONS:
            raise UnsafeDoc("文件使用了Word和WPS不会使用的压缩方式，已拒绝读取。", path=str(path))
        if info.flag_bits & 0x1:
            raise UnsupportedDoc(
                "这个文件设置了密码（已加密），无法读取。",
                "请在Word或WPS中取消密码后另存为.docx再导入。",
                path=str(path),
            )
        total += info.file_size
        if info.file_size > MAX_PART or total > MAX_TOTAL:
            raise UnsafeDoc("文件解压后超过正常年度报告的大小，可能是恶意构造的文件，已拒绝读取。", path=str(path))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeDoc("文件的压缩比异常（疑似“压缩炸弹”），已拒绝读取。", path=str(path))
