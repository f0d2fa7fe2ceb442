"""The app's few settings (font size, recent files, window layout) in an INI file under the user's
config folder. Resolved on every call so tests, which point XDG/APPDATA elsewhere, never share settings.
"""

from __future__ import annotations

import os

from platformdirs import user_config_dir
from PySide6.QtCore import QSettings

RECENT_MAX = 8


def settings() -> QSettings:
    return QSettings(
        os.path.join(user_config_dir("nianbao", appauthor=False), "settings.ini"), QSettings.Format.IniFormat
    )


def font_size(default: int = 10) -> int:
    value = settings().value("view/font_pt", default)
    if not isinstance(value, (int, str)):  # the INI file holds text; anything else was not written by us
        return default
    try:
        return int(value)
    except ValueError:
        return default


def set_font_size(pt: int) -> None:
    settings().setValue("view/font_pt", int(pt))


def recent_files() -> list[str]:
    value = settings().value("files/recent", [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    if not isinstance(value, list):
        return []
    return [p for p in value if p]


def add_recent(path: str) -> list[str]:
    path = os.path.abspath(path)
    items = [path] + [p for p in recent_files() if os.path.abspath(p) != path]
    settings().setValue("files/recent", items[:RECENT_MAX])
    return items[:RECENT_MAX]


def remove_recent(path: str) -> None:
    settings().setValue("files/recent", [p for p in recent_files() if p != path])


def guidance_visible() -> bool:
    """Whether the narrative pages show their guidance beside the editor (on by default)."""
    return str(settings().value("view/guidance", "true")).lower() != "false"


def set_guidance_visible(visible: bool) -> None:
    settings().setValue("view/guidance", "true" if visible else "false")
