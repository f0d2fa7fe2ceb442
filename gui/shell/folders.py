"""Where a file dialog opens, and the name it proposes.

A clerk who started from last year's report and chose 另存为 was shown "/", the export dialog opened in the
home folder and the import dialog in the program's folder. Every dialog now opens in the folder last used
by any of them (remembered in the settings), else in the Documents folder, and proposes a name made from
the report's title (机关 + 年度 + 政府信息公开工作年度报告).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from gui.shell import settings

KEY = "files/last_folder"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows refuses in a file name


def documents() -> str:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return location if location and os.path.isdir(location) else str(Path.home())


def last_folder() -> str:
    """The folder last used by a file dialog, if it still exists; else Documents."""
    value = settings.settings().value(KEY)
    if isinstance(value, str) and value and os.path.isdir(value):
        return value
    return documents()


def remember(path: str) -> None:
    """Call with a file a dialog returned: its folder is where the next dialog opens."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(folder):
        settings.settings().setValue(KEY, folder)


def file_name(title: str, extension: str) -> str:
    """A file name from the report's title, with what Windows refuses replaced."""
    stem = _UNSAFE.sub("_", title).strip(" .") or "年度报告"
    return f"{stem}{extension}"


def start_path(title: str, extension: str, folder: str | None = None) -> str:
    """What a save dialog starts on: `folder` (or the last used folder) joined with the proposed name."""
    return os.path.join(folder or last_folder(), file_name(title, extension))
