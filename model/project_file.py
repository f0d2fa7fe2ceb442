"""The `.nianbao` project file: one UTF-8 JSON document with a schema version.

Saving is atomic with a `.bak` of the previous version (see `model.atomic`); loading refuses newer
schemas, upgrades older ones step by step, and turns every kind of damage into `CorruptProject`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model import backups
from model.atomic import atomic_write, remove_stale_temps
from model.errors import ChangedOnDisk, CorruptProject, NewerSchema, ProjectFileError, ProjectMissing, UnknownFormat
from model.project_schema import validate
from model.report import Report, report_from_dict, report_to_dict

log = logging.getLogger(__name__)

EXTENSION = ".nianbao"
APP_ID = "nianbao"
SCHEMA_VERSION = 2


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 (the prototype) stored bare numbers per cell; schema 2 stores value + provenance."""
    report = doc["report"]
    report["cells"] = {k: {"v": v} for k, v in report.get("cells", {}).items()}
    report.setdefault("totals_mode", "manual")
    return doc


# version n → n+1. Each step is tested against a frozen sample of version n (tests/fixtures/projects/).
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def dumps(report: Report, extra: dict[str, Any] | None = None) -> bytes:
    doc = {
        "app": APP_ID,
        "schema_version": SCHEMA_VERSION,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        **(extra or {}),
        "report": report_to_dict(report),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def loads(data: bytes, path: str | None = None) -> Report:
    return report_from_dict(upgrade(parse(data, path), path)["report"])


MAX_DEPTH = 64  # a schema-2 document nests 6 deep; JSON's own reader recurses once per level


class _BadNumber(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _BadNumber(name)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 20:
        raise _BadNumber(text[:20])  # int() refuses beyond 4,300 digits anyway, with a ValueError
    return int(text)


def parse(data: bytes, path: str | None = None) -> dict[str, Any]:
    """The raw document (for headers such as `recovery_of`), not yet upgraded."""
    try:
        text = data.decode("utf-8-sig")
        if _too_deep(text):
            raise CorruptProject("项目文件的结构嵌套过深，不是年报助手保存的文件，无法打开。", path=path)
        doc = json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
    except CorruptProject:
        raise
    except _BadNumber as exc:
        raise CorruptProject(
            f"项目文件中有无法作为数字读取的值（“{exc}”：NaN、Infinity 或位数过多的整数），无法打开。",
            "文件可能已损坏或被其他程序改动过；原文件没有被改动，同一文件夹中的 .bak 备份文件可以改名后打开。",
            path=path,
        ) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # ValueError covers json's own errors, NaN/Infinity and over-long integers.
        raise CorruptProject(path=path) from exc
    if not isinstance(doc, dict) or doc.get("app") != APP_ID or not isinstance(doc.get("schema_version"), int):
        raise CorruptProject("这个文件不是年报助手的项目文件，或已损坏。", path=path)
    return doc


def _too_deep(text: str) -> bool:
    """More than `MAX_DEPTH` open brackets at once, outside strings (scanned before json recurses into them).
    Only the brackets and quotes are looked at, by a regular expression, so the scan is one linear pass."""
    depth = 0
    for m in _STRUCTURE.finditer(text):
        token = m.group()
        if token[0] == '"':
            continue
        depth += 1 if token in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def upgrade(doc: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    version = doc["schema_version"]
    if version > SCHEMA_VERSION:
        raise NewerSchema(path=path)
    try:
        while version < SCHEMA_VERSION:
            doc = UPGRADES[version](doc)
            version += 1
            doc["schema_version"] = version
        validate(doc.get("report"), path)  # every field, with a message naming the first bad one
        report_from_dict(doc["report"])  # and build it once, before anyone uses it
    except UnknownFormat as exc:
        raise CorruptProject(
            f"项目文件中的{exc.message}", "文件可能已损坏，或由更新版本的年报助手保存；原文件没有被改动。", path=path
        ) from exc
    except CorruptProject:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise CorruptProject(path=path) from exc
    return doc


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(path: str | os.PathLike[str]) -> tuple[Report, str]:
    """(report, fingerprint of the bytes read) — pass the fingerprint back to `save` to detect changes on disk."""
    p = Path(path)
    remove_stale_temps(p)  # what an interrupted save of this file left behind
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ProjectMissing(f"找不到文件“{p}”。", "文件可能已被移动或删除，请重新选择。", path=str(p)) from exc
    except OSError as exc:
        raise ProjectFileError(
            f"无法读取文件“{p.name}”（{exc.strerror or exc}）。",
            "请确认文件没有被其他程序占用，并且有读取权限。",
            path=str(p),
        ) from exc
    return loads(data, str(p)), fingerprint(data)


def save(
    report: Report,
    path: str | os.PathLike[str],
    *,
    expected_fingerprint: str | None = None,
    backup: bool = True,
    extra: dict[str, Any] | None = None,
) -> str:
    """Atomically save; returns the new fingerprint. Refuses to overwrite a file changed since it was read."""
    p = Path(path)
    if expected_fingerprint is not None and p.exists():
        try:
            current = fingerprint(p.read_bytes())
        except OSError:
            current = None
        if current is not None and current != expected_fingerprint:
            raise ChangedOnDisk(path=str(p))
    data = dumps(report, extra)
    if backup:
        try:
            backups.keep(p)  # the day's first save also keeps a dated copy (model/backups.py)
        except OSError as exc:  # a full or read-only data folder must not stop the clerk's own save
            log.warning("no dated backup of %s: %s", p, exc)
    atomic_write(p, data, backup=backup)
    return fingerprint(data)
