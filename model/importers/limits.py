"""Bounds on what an importer reads, shared by every reader (.docx, .html, .pdf, …).

Each bound is far beyond any real report (a published report is 0.1–5 MB with its pictures, its page a few
thousand elements deep at most a few dozen levels) and close enough that a hostile file is refused within a
second or two, before it can take minutes or gigabytes. README's 可靠性 section lists them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from model.errors import DamagedDoc, ImportError_, UnsafeDoc

if TYPE_CHECKING:
    from model.importers.document import Item

MB = 1024 * 1024


def read_bounded(path: Path, limit: int, what: str = "文件") -> bytes:
    """The file's bytes, refused (`UnsafeDoc`) when it is larger than `limit` — checked on its size and again
    while reading, so a file that grows (or a device posing as a file) cannot make us read more."""
    try:
        with open(path, "rb") as f:
            size = _size(f)
            if size is not None and size > limit:
                raise too_large(path, what, limit)
            data = f.read(limit + 1)
    except FileNotFoundError as exc:
        raise ImportError_("找不到这个文件，可能已被移动、改名或删除。", "请重新选择文件。", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise ImportError_("选择的是一个文件夹，不是文件。", "请重新选择文件。", path=str(path)) from exc
    except OSError as exc:
        raise DamagedDoc("无法读取这个文件。", path=str(path)) from exc
    if len(data) > limit:
        raise too_large(path, what, limit)
    return data


def too_large(path: Path | str, what: str, limit: int) -> UnsafeDoc:
    return UnsafeDoc(
        f"{what}超过{limit // MB} MB，远大于任何一份年度报告，已拒绝读取。",
        "请确认选择的是上一年度的年度报告；如果报告中有很多大图片，可在Word或WPS中压缩图片后另存再导入。",
        path=str(path),
    )


def _size(f: BinaryIO) -> int | None:
    st = os.fstat(f.fileno())
    return st.st_size if stat.S_ISREG(st.st_mode) else None


MAX_PARAGRAPHS = 5_000  # paragraphs outside tables; a report has 50–300
MAX_PICTURES = 200  # a report has 0–10; python-docx's export is quadratic in pictures (500 take ~5 s)


def check_items(items: list[Item], path: Path | str | None = None) -> None:
    """Refuse a document with more paragraphs or pictures than any report (before recognition and long
    before an export that would take minutes): `items` as the readers produce them."""
    from model.importers.document import Para

    paras = [it for it in items if isinstance(it, Para)]
    if len(paras) > MAX_PARAGRAPHS:
        raise UnsafeDoc(
            f"文件中有{len(paras)}段文字（表格以外），远多于任何一份年度报告（上限{MAX_PARAGRAPHS}段），已拒绝读取。",
            "请确认选择的是上一年度的年度报告。",
            path=None if path is None else str(path),
        )
    pictures = sum(len(p.images) for p in paras)
    if pictures > MAX_PICTURES:
        raise UnsafeDoc(
            f"文件中有{pictures}张图片，远多于任何一份年度报告（上限{MAX_PICTURES}张），已拒绝读取。",
            "请删去多余的图片后另存，再导入。",
            path=None if path is None else str(path),
        )


class Budget:
    """A count that refuses once it passes its limit: elements of a page, cells of a table, nesting depth."""

    def __init__(self, limit: int, message: str, hint: str = "") -> None:
        self.limit, self.message, self.hint = limit, message, hint
        self.used = 0

    def spend(self, n: int = 1) -> None:
        self.used += n
        if self.used > self.limit:
            raise UnsafeDoc(self.message, self.hint or None)
