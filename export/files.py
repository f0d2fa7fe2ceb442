"""Writing an exported file: refuse a target another program has open, then write it atomically.

On Windows Word and WPS lock an open document, so replacing it fails and `atomic_write` raises
`FileLocked`. On Linux and macOS nothing stops the replace, so the owner files those programs leave
beside an open document ("~$报告.docx", ".~lock.报告.docx#") are looked for first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from model.atomic import atomic_write
from model.errors import FileLocked


def owner_files(target: Path) -> list[Path]:
    """The lock files Word/WPS (~$name, with long names shortened by two characters) and LibreOffice
    (.~lock.name#) create while `target` is open."""
    name = target.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#", f".~{name}"}
    return [target.with_name(c) for c in sorted(candidates) if len(c) > 2 and target.with_name(c).exists()]


def ensure_not_open(path: str | os.PathLike[str]) -> None:
    target = Path(path)
    if not target.exists():
        return
    # The read-only flag (Windows attribute, or no write bits) is the clerk's "do not touch", even for
    # an administrator whom the OS would let replace it.
    if not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FileLocked(
            f"“{target.name}”是只读文件，没有导出。", "请换一个文件名，或先在文件属性中取消“只读”。", path=str(target)
        )
    found = owner_files(target)
    if found:
        raise FileLocked(
            f"“{target.name}”正在被 Word、WPS 或 LibreOffice 打开，没有导出。",
            f"请先关闭这个文件再导出，或换一个文件名。如果确认它没有被打开，可删除同一文件夹中的“{found[0].name}”后重试。",
            path=str(target),
        )


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Built in memory first, so a failure leaves the old file (if any) as it was."""
    ensure_not_open(path)
    atomic_write(path, data, backup=False)
