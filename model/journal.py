"""The edit journal: every applied edit appended to a file beside the recovery copy, so that a crash or a
kill loses nothing the clerk committed.

Why a journal and not a debounced full save: a full recovery copy of a project with pictures costs what a
save costs (JSON + base64 of every picture + fsync: about a second per 100 MB here, see README 可靠性), so it
cannot run every second while the clerk types. An edit is small: one record per edit, written at once with
one `os.write` (in the operating system's hands immediately, so a killed process loses nothing), fsync'd
in batches by the caller (`sync`), replayed onto its base on recovery, and emptied ("compacted") each time
a full recovery copy is written.

File format: UTF-8 JSON lines. The first line is the header: ``{"journal": 1, "base": …, **info}``, where
base is ``{"copy": FINGERPRINT}`` (the recovery copy beside it, with that fingerprint) or
``{"file": PATH, "fingerprint": FP}`` (the clerk's own file, unmodified since it was opened or saved).
Then one record per line: ``{"e": EDIT}`` (an edit as applied, in order, including undo's inverses),
``{"img": SHA256, "b64": …}`` (a picture's bytes, once per journal; edits refer to it by its hash), or
``{"draft": {"cell": KEY, "text": TEXT}}`` / ``{"draft": null}`` (the text still in an open cell editor).
A line cut short by a kill mid-write is the last one and is ignored.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model import project_file
from model.atomic import atomic_write, backup_path
from model.edits import (
    Compound,
    Edit,
    EditRejected,
    RestoreCells,
    SetAck,
    SetBlocks,
    SetCell,
    SetMeta,
    SetTotalsMode,
    apply,
)
from model.errors import ProjectFileError
from model.report import Block, Cell, Report, parse_number
from model.report import _num_from_json as num_from_json
from model.report import _num_to_json as num_to_json

VERSION = 1
EXTENSION = ".journal"


class JournalBaseMissing(ProjectFileError):
    message = "找不到自动保存记录所依据的原文件（它在程序意外关闭后被移动、删除或修改过）。"
    hint = "请确认原文件仍在原来的位置；自动保存记录仍保留在恢复文件夹中，没有被删除。"


class Unjournalable(TypeError):
    """An edit the journal cannot write (a kind it does not know): the caller writes a full copy instead."""


# -- edits ⇄ JSON ----------------------------------------------------------------------------------


def _cell(c: Cell | None) -> Any:
    if c is None:
        return None
    return {"v": num_to_json(c.value), "o": c.origin, "raw": c.raw, "r": c.read_as}


def _cell_back(d: Any) -> Cell | None:
    if d is None:
        return None
    return Cell(num_from_json(d["v"]), d["o"], d["raw"], d["r"])


def _meta_value(v: Any) -> Any:
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return v


def _meta_value_back(v: Any) -> Any:
    if isinstance(v, dict):
        return dt.date.fromisoformat(v["date"])
    return v


class Encoder:
    """Edits → JSON-ready dicts; pictures go out once each, as separate records (`pending_images`)."""

    def __init__(self) -> None:
        self.written_images: set[str] = set()
        self.pending_images: list[tuple[str, bytes]] = []

    def block(self, b: Block) -> dict[str, Any]:
        d: dict[str, Any] = {"k": b.kind, "t": b.text}
        if b.image is not None:
            digest = hashlib.sha256(b.image).hexdigest()
            if digest not in self.written_images:
                self.written_images.add(digest)
                self.pending_images.append((digest, b.image))
            d["img"] = digest
        if b.image_type:
            d["it"] = b.image_type
        if b.width_mm is not None:
            d["w"] = b.width_mm
        if b.review:
            d["rv"] = b.review
        if b.carried:
            d["cr"] = b.carried
        return d

    def edit(self, e: Edit, inverse: Edit | None = None) -> dict[str, Any]:
        if isinstance(e, SetCell):
            return {"SetCell": [e.key, num_to_json(e.value), e.origin]}
        if isinstance(e, RestoreCells):
            return {"RestoreCells": [[k, _cell(c)] for k, c in e.cells]}
        if isinstance(e, SetMeta):
            return {"SetMeta": [e.field, _meta_value(e.value)]}
        if isinstance(e, SetBlocks):
            if isinstance(inverse, SetBlocks) and inverse.section == e.section:
                return {"SetBlocksDelta": [e.section, *self._delta(inverse.blocks, e.blocks)]}
            return {"SetBlocks": [e.section, [self.block(b) for b in e.blocks]]}
        if isinstance(e, SetAck):
            return {"SetAck": [e.finding_id, e.text, e.at]}
        if isinstance(e, SetTotalsMode):
            return {"SetTotalsMode": e.mode}
        if isinstance(e, Compound):
            inverses: tuple[Edit, ...] = ()
            if isinstance(inverse, Compound) and len(inverse.edits) == len(e.edits):
                inverses = tuple(reversed(inverse.edits))
            return {
                "Compound": [
                    [self.edit(x, inverses[i] if inverses else None) for i, x in enumerate(e.edits)],
                    e.label,
                ]
            }
        raise Unjournalable(type(e).__name__)

    def _delta(self, old: tuple[Block, ...], new: tuple[Block, ...]) -> list[Any]:
        """Typing changes one paragraph of a section: only the blocks between the unchanged head and tail
        are written, so a keystroke costs one paragraph, not the whole section and its pictures."""
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        middle = new[head : len(new) - tail]
        return [head, tail, [self.block(b) for b in middle]]


class Decoder:
    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}

    def block(self, d: dict[str, Any]) -> Block:
        image = self.images[d["img"]] if "img" in d else None
        return Block(d["k"], d["t"], image, d.get("it", ""), d.get("w"), d.get("rv", ""), d.get("cr", ""))

    def edit(self, d: dict[str, Any], report: Report) -> Edit:
        ((kind, a),) = d.items()
        if kind == "SetCell":
            return SetCell(a[0], num_from_json(a[1]), a[2])
        if kind == "RestoreCells":
            return RestoreCells(tuple((k, _cell_back(c)) for k, c in a))
        if kind == "SetMeta":
            return SetMeta(a[0], _meta_value_back(a[1]))
        if kind == "SetBlocks":
            return SetBlocks(a[0], tuple(self.block(b) for b in a[1]))
        if kind == "SetBlocksDelta":
            section, head, tail, middle = a
            old = report.blocks(section)
            kept_tail = old[len(old) - tail :] if tail else []
            blocks = [*old[:head], *(self.block(b) for b in middle), *kept_tail]
            return SetBlocks(section, tuple(dataclasses.replace(b) for b in blocks))
        if kind == "SetAck":
            return SetAck(a[0], a[1], a[2])
        if kind == "SetTotalsMode":
            return SetTotalsMode(a)
        if kind == "Compound":
            # Each part decodes against the report as the parts before it left it (deltas need that).
            raise AssertionError("Compound is replayed part by part")  # pragma: no cover
        raise ValueError(f"unknown edit {kind}")


def _line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


# -- writing -------------------------------------------------------------------------------------


class Journal:
    """An open journal file. `append` writes at once (no buffering in this process); `sync` fsyncs."""

    def __init__(self, path: str | os.PathLike[str], base: dict[str, Any], info: dict[str, Any] | None = None):
        self.path = Path(path)
        self.header = {"journal": VERSION, "base": base, **(info or {})}
        # A fresh journal replaces the old one whole, so a crash mid-way leaves the old one or the new one.
        atomic_write(self.path, _line(self.header), backup=False)
        self._fd: int | None = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        self._encoder = Encoder()
        self.size = len(_line(self.header))
        self.records = 0
        self.unsynced = False

    def append(self, edit: Edit, inverse: Edit | None = None) -> int:
        """Write one applied edit (with its inverse, which lets a section's typing go out as a delta).
        Raises Unjournalable for an unknown kind of edit, OSError when the disk refuses."""
        record = _line({"e": self._encoder.edit(edit, inverse)})
        out = b"".join(
            _line({"img": digest, "b64": base64.b64encode(data).decode("ascii")})
            for digest, data in self._encoder.pending_images
        )
        self._encoder.pending_images.clear()
        return self._write(out + record)

    def draft(self, cell: str | None, text: str = "") -> int:
        """The text in an open cell editor (None: no editor open any more)."""
        return self._write(_line({"draft": None if cell is None else {"cell": cell, "text": text}}))

    def _write(self, data: bytes) -> int:
        if self._fd is None:
            raise ValueError("journal closed")
        view = memoryview(data)
        while view:  # one write in practice; a short write (full disk) raises on the next round
            n = os.write(self._fd, view)
            view = view[n:]
        self.size += len(data)
        self.records += 1
        self.unsynced = True
        return len(data)

    def sync(self) -> None:
        if self._fd is not None and self.unsynced:
            os.fsync(self._fd)
            self.unsynced = False

    def close(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            finally:
                self._fd = None


# -- reading and recovery ------------------------------------------------------------------------


@dataclass
class Contents:
    header: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    torn: bool = False  # the last line was cut short (the process died mid-write)


def read(path: str | os.PathLike[str]) -> Contents | None:
    """The journal's header and records; None when there is no usable header."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    lines = data.split(b"\n")
    try:
        header = json.loads(lines[0])
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("journal") != VERSION or not isinstance(header.get("base"), dict):
        return None
    out = Contents(header)
    for raw in lines[1:]:
        if not raw:
            continue
        try:
            record = json.loads(raw)
        except (UnicodeDecodeError, ValueError):
            out.torn = True
            break  # only the last line can be cut short; nothing after it is trusted
        if isinstance(record, dict):
            out.records.append(record)
    return out


@dataclass
class Recovered:
    report: Report
    info: dict[str, Any]  # recovery_of, title, original_fingerprint, … from the header
    replayed: int = 0  # edits replayed from the journal
    notes: list[str] = field(default_factory=list)  # Chinese, for the clerk


def _load_file_base(base: dict[str, Any]) -> Report:
    path = Path(str(base.get("file")))
    for candidate in (path, backup_path(path)):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        if project_file.fingerprint(data) == base.get("fingerprint"):
            return project_file.loads(data, str(candidate))
    raise JournalBaseMissing(path=str(path))


def recover(copy: str | os.PathLike[str] | None, journal: str | os.PathLike[str] | None) -> Recovered:
    """The report as it was when the app died: the recovery copy or the clerk's file, plus the journal's
    edits after it, plus the text left in an open cell editor. Raises ProjectFileError subclasses."""
    contents = read(journal) if journal is not None else None
    copy_data: bytes | None = None
    if copy is not None:
        try:
            copy_data = Path(copy).read_bytes()
        except FileNotFoundError:
            copy_data = None
    copy_info: dict[str, Any] = {}
    if copy_data is not None:
        head = project_file.parse(copy_data, str(copy))
        copy_info = {k: head.get(k) for k in ("recovery_of", "title", "original_fingerprint", "saved_at")}
    if contents is None:
        if copy_data is None:
            raise ProjectFileError("恢复文件不存在或已损坏。", path=str(copy or journal))
        return Recovered(project_file.loads(copy_data, str(copy)), copy_info)
    base = contents.header["base"]
    info = {k: v for k, v in contents.header.items() if k not in ("journal", "base")}
    if "copy" in base:
        if copy_data is None:
            raise ProjectFileError("恢复文件不存在或已损坏。", path=str(copy))
        report = project_file.loads(copy_data, str(copy))
        if project_file.fingerprint(copy_data) != base["copy"]:
            # The copy was rewritten (compacted) but the app died before it started the new journal: the
            # copy already holds every edit of this journal.
            return Recovered(report, copy_info or info)
    else:
        report = _load_file_base(base)
    result = Recovered(report, info)
    _replay(result, contents.records)
    return result


def _replay(result: Recovered, records: list[dict[str, Any]]) -> None:
    decoder = Decoder()
    draft: dict[str, Any] | None = None
    for record in records:
        if "img" in record:
            decoder.images[record["img"]] = base64.b64decode(record["b64"])
        elif "e" in record:
            _apply_record(result.report, decoder, record["e"])
            result.replayed += 1
            draft = None  # an edit after a draft means the editor was closed (committed or cancelled)
        elif "draft" in record:
            draft = record["draft"]
    if draft is not None:
        _apply_draft(result, draft)


def _apply_record(report: Report, decoder: Decoder, d: dict[str, Any]) -> None:
    ((kind, a),) = d.items()
    if kind == "Compound":
        for part in a[0]:
            _apply_record(report, decoder, part)
        return
    try:
        apply(report, decoder.edit(d, report))
    except EditRejected:
        pass  # it was accepted when typed; the same edit on the same state cannot be refused now


def _apply_draft(result: Recovered, draft: dict[str, Any]) -> None:
    report, key, text = result.report, str(draft.get("cell")), str(draft.get("text", ""))
    cdef = report.format.cells.get(key)
    if cdef is None or not text.strip():
        return
    try:
        value = parse_number(text, cdef.type)
        apply(report, SetCell(key, value))
    except (ValueError, EditRejected):
        result.notes.append(f"{cdef.location}中尚未确认的输入“{text}”不是有效的数，没有恢复。")
        return
    result.notes.append(f"{cdef.location}中尚未按回车确认的输入“{text}”已恢复，请核对。")


def journal_path(copy: str | os.PathLike[str]) -> Path:
    """The journal beside a recovery copy: <id>.nianbao → <id>.journal."""
    p = Path(copy)
    return p.with_suffix(EXTENSION)


__all__ = [
    "EXTENSION",
    "Journal",
    "JournalBaseMissing",
    "Recovered",
    "Unjournalable",
    "journal_path",
    "read",
    "recover",
]
