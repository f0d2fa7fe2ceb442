"""Who has a project open: a lock file beside it, so a second instance (on this PC, or another PC on a
shared folder) warns instead of silently saving over the first one's work.

``.~lock.NAME.nianbao#`` (LibreOffice's pattern: hidden on Linux, not matched by the *.nianbao filter) holds
JSON: user, host, pid, since. It is created with O_EXCL, so two instances cannot both believe they created it.
A lock is stale — and taken over without a question — when it names this host and a process that is no
longer running (the instance crashed or was killed), or when nobody has refreshed it for STALE_SECONDS (its
holder refreshes it every REFRESH_SECONDS; an instance on another PC cannot be asked whether it still runs).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.errors import NianbaoError

STALE_SECONDS = 3600.0  # a lock of another PC not refreshed for an hour: its instance is gone (or asleep)
REFRESH_SECONDS = 600.0  # how often the holder touches its lock
PARTIAL_SECONDS = 10.0  # an empty/unreadable lock younger than this is being written right now


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO time the instance opened the file
    mtime: float = 0.0  # when the lock was last refreshed

    def describe(self) -> str:
        """In Chinese, for the dialog: who and since when."""
        since = self.since.replace("T", " ")[:16]
        where = "本机" if self.host == _host() else f"计算机“{self.host}”"
        return f"{where}上的用户“{self.user}”自 {since} 起"


class ProjectLocked(NianbaoError):
    message = "这个项目文件正由另一个年报助手窗口打开。"
    hint = "可以只读打开查看，或另存一份副本后在副本上修改。"

    def __init__(self, info: LockInfo, path: str | None = None):
        super().__init__(f"这个项目文件正由{info.describe()}打开编辑。", path=path)
        self.info = info


def lock_path(project: str | os.PathLike[str]) -> Path:
    p = Path(project)
    return p.with_name(f".~lock.{p.name}#")


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover - no hostname at all
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment (a service account)
        return ""


def pid_running(pid: int) -> bool:
    """Whether a process with this id runs on this PC (never signals it: os.kill on Windows would end it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def read_lock(project: str | os.PathLike[str]) -> LockInfo | None:
    """The lock beside `project`, or None when there is none. A damaged one reads as an unknown holder."""
    path = lock_path(project)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError:
        return None
    try:
        d: Any = json.loads(data.decode("utf-8"))
        return LockInfo(str(d["user"]), str(d["host"]), int(d["pid"]), str(d["since"]), mtime)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return LockInfo("", "", 0, "", mtime)


def is_stale(info: LockInfo, now: float | None = None) -> bool:
    age = (time.time() if now is None else now) - info.mtime
    if not info.host:  # damaged or half-written
        return age > PARTIAL_SECONDS
    if age > STALE_SECONDS:
        return True
    return info.host == _host() and not pid_running(info.pid)


def is_mine(info: LockInfo) -> bool:
    return info.host == _host() and info.pid == os.getpid()


class ProjectLock:
    """A lock held by this instance. `acquire` raises ProjectLocked when another live instance holds it."""

    def __init__(self, project: str | os.PathLike[str], info: LockInfo):
        self.project = Path(project)
        self.path = lock_path(project)
        self.info = info
        self.held = True

    @classmethod
    def acquire(cls, project: str | os.PathLike[str]) -> ProjectLock | None:
        """Take the lock (or a stale one over). None when the folder cannot hold a lock (read-only media):
        nobody can save there, so nobody can overwrite anybody either."""
        path = lock_path(project)
        info = LockInfo(_user(), _host(), os.getpid(), dt.datetime.now().isoformat(timespec="seconds"))
        data = json.dumps(
            {"app": "nianbao", "user": info.user, "host": info.host, "pid": info.pid, "since": info.since},
            ensure_ascii=False,
        ).encode("utf-8")
        for _attempt in range(3):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                held = read_lock(project)
                if held is None:
                    continue  # removed in between: try again
                if is_mine(held):
                    return cls(project, held)
                if not is_stale(held):
                    raise ProjectLocked(held, path=str(project)) from None
                try:
                    os.unlink(path)  # a crashed instance's: take it over
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            return cls(project, info)
        held = read_lock(project)
        if held is not None and not is_mine(held):
            raise ProjectLocked(held, path=str(project))
        return None

    def refresh(self) -> None:
        """Tell other instances this one still runs (they treat a lock not refreshed for an hour as stale)."""
        if self.held:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def release(self) -> None:
        """Remove the lock if it is still ours (never another instance's that took a stale one over)."""
        if not self.held:
            return
        self.held = False
        held = read_lock(self.project)
        if held is not None and is_mine(held):
            try:
                os.unlink(self.path)
            except OSError:
                pass


__all__ = [
    "LockInfo",
    "ProjectLock",
    "ProjectLocked",
    "is_stale",
    "lock_path",
    "pid_running",
    "read_lock",
]
