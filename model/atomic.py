"""Write a file the way a database commits: never truncate the user's file first.

temp file in the same folder → flush → fsync → keep the previous file as ``.bak`` → os.replace.
Used by the project file, the recovery file and every exporter.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from pathlib import Path

from model.errors import DiskFull, FileLocked, SaveFailed

_LOCKED = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY, errno.EROFS}
_FULL = {errno.ENOSPC, errno.EDQUOT}
# A temp file still being written has a fresh mtime; one whose mtime is this much older than the running
# save belongs to a save that was interrupted (killed, power cut) and will never be renamed into place.
STALE_TEMP_SECONDS = 60.0


def atomic_write(path: str | os.PathLike[str], data: bytes, *, backup: bool = True) -> None:
    target = Path(path)
    if target.exists() and not os.access(target, os.W_OK):
        raise FileLocked(path=str(target))
    remove_stale_temps(target)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        _set_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.exists():
            _write_backup(target)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(target.parent)
    except OSError as exc:
        raise _translate(exc, target) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def backup_path(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".bak")


def _write_backup(target: Path) -> None:
    data = target.read_bytes()
    bak = backup_path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=target.parent)
    try:
        _set_mode(fd, target)  # the backup is the old file: it keeps the old file's mode, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, bak)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _temp_pattern(target: Path) -> re.Pattern[str]:
    """The names mkstemp gives our temp files for `target` and its `.bak`: ".NAME.<8 random>.tmp"."""
    name = re.escape(target.name)
    return re.compile(rf"\.{name}(?:\.bak)?\.[A-Za-z0-9_]{{8}}\.tmp")


def remove_stale_temps(path: str | os.PathLike[str], now: float | None = None) -> list[Path]:
    """Delete the temp files an interrupted save of `path` left beside it (hidden, often as large as the
    project). Only names of our own pattern for this very file, only regular files (never through a
    symlink), and only those older than STALE_TEMP_SECONDS, so a save running right now is left alone.
    Never raises: cleaning up must not stop a save or an open. Returns what was removed."""
    target = Path(path)
    pattern = _temp_pattern(target)
    limit = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_mtime > limit:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes 0600 files; a saved document keeps the old file's mode, or the usual umask default."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.fchmod(fd, mode)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _translate(exc: OSError, target: Path) -> SaveFailed:
    if exc.errno in _FULL:
        return DiskFull(path=str(target))
    if exc.errno in _LOCKED or isinstance(exc, PermissionError):
        return FileLocked(path=str(target))
    if exc.errno == errno.ENOENT:
        return SaveFailed(
            f"保存位置“{target.parent}”不存在。", "请选择一个存在的文件夹，或用“另存为”换个位置。", path=str(target)
        )
    return SaveFailed(f"文件没有保存成功（{exc.strerror or exc}）。", path=str(target))
