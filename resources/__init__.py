"""The app's data files: the format definitions, the built-in sample, icons, style sheets.

Read them with `resource(...)`. They always lie on disk beside this file — in the source tree and in the
PyInstaller bundle alike — so a plain path serves, and start-up skips importlib.resources (~8 ms).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    return HERE.joinpath(*parts)
