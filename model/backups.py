"""Dated copies of a project, beyond the single ``.bak`` beside it.

The ``.bak`` (model.atomic) holds only the version before the last save: a clerk who saved a mistake twice
has lost the good version. So the first save of each day also copies the version it replaces into the
data folder, ``user_data_dir("nianbao")/backups/<project name>-<path hash>/<YYYYMMDD-HHMMSS>.nianbao``,
and the newest ``KEEP`` days are kept. They are kept there, not beside the project, so a clerk's folder
(often a shared drive) does not fill with copies; 文件 → 打开备份… lists them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

KEEP = 5
_NAME = re.compile(r"(\d{8})-(\d{6})\.nianbao")


@dataclass(frozen=True)
class Backup:
    path: Path
    of: str  # the project's file name
    saved: dt.datetime  # when the copied version was last saved (the copy's modification time)


def root() -> Path:
    return Path(user_data_dir("nianbao", appauthor=False)) / "backups"


def folder_for(project: str | os.PathLike[str]) -> Path:
    """One folder per project file: its name (readable) and a hash of its full path (two 报告.nianbao in
    different folders never share one)."""
    full = os.path.normcase(os.path.abspath(project))
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:10]
    return root() / f"{Path(project).stem}-{digest}"


def keep(project: str | os.PathLike[str], now: dt.datetime | None = None, count: int = KEEP) -> Path | None:
    """Before `project` is overwritten: copy it if no copy was made today; drop all but the newest `count`
    days. Returns the copy made, if any. A project not yet on disk has nothing to keep."""
    source = Path(project)
    if not source.is_file():
        return None
    now = now or dt.datetime.now()
    folder = folder_for(source)
    today = now.strftime("%Y%m%d")
    existing = _copies(folder)
    made = None
    if not any(p.name.startswith(today) for p in existing):
        folder.mkdir(parents=True, exist_ok=True)
        made = folder / f"{now.strftime('%Y%m%d-%H%M%S')}.nianbao"
        tmp = made.with_suffix(".tmp")
        shutil.copy2(source, tmp)  # copy2: the copy keeps the time the version was saved
        os.replace(tmp, made)
        existing = _copies(folder)
    for old in existing[count:]:
        old.unlink(missing_ok=True)
    return made


def list_for(project: str | os.PathLike[str] | None = None) -> list[Backup]:
    """The copies of one project (or of all projects), newest first."""
    folders = [folder_for(project)] if project else sorted(p for p in root().glob("*") if p.is_dir())
    found = []
    for folder in folders:
        name = folder.name.rsplit("-", 1)[0] + ".nianbao"
        for p in _copies(folder):
            found.append(Backup(p, name, dt.datetime.fromtimestamp(p.stat().st_mtime)))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def _copies(folder: Path) -> list[Path]:
    """A folder's copies, newest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.fullmatch(p.name)), key=lambda p: p.name, reverse=True)
