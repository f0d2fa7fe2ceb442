"""A report being worked on, without any GUI: the report, its undo history and its findings.

`Session.push(edit)` applies an edit (through `model.edits.apply`, the only mutation path), records it with
its inverse for undo, and re-checks only what the edit can have touched: the relations of the changed cells
(`Format.relations_by_cell`), the per-cell rules of those cells, and the rules that read the changed part of
the report as a whole (see `DEPENDS`). It returns an `Outcome`: what changed and the findings delta, so a
view updates in place instead of rebuilding. `recheck_all()` runs every check from scratch; the property test
in tests/model/test_session.py holds the two to the same findings after any run of edits, undos and redos.

Listeners (`subscribe`) hear every outcome — edits, undos and redos alike — in order: the GUI adapter,
autosave and the narrative checks build on this one stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from model.checks import META_SECTION, Finding, cell_finding, previous_values, relation_finding, rule_findings, with_ack
from model.edits import Changes, Edit, SetBlocks, SetMeta, apply
from model.format_schema import RELATION_KINDS
from model.report import Number, Report

# What each kind of non-relation rule reads, so an edit re-runs it only when that part changed:
# "each_cell" rules look at one cell at a time (re-run for the changed cells); "cells" at the tables as a
# whole; "meta"/"sections" at the metadata or the narrative. A kind not listed here (one a later format or
# rule pack adds) is re-run after every edit: slower, never wrong.
DEPENDS: dict[str, frozenset[str]] = {
    "cell": frozenset({"each_cell"}),
    "table_cells": frozenset({"cells", "settings"}),
    "meta": frozenset({"meta"}),
    "section": frozenset({"sections"}),
    # The text rules compare the narrative with table figures (表四's totals, the fee cell).
    "text": frozenset({"sections", "cells"}),
    # The narrative checks read the text against the tables and the report year (model/narrative).
    "narrative": frozenset({"sections", "cells", "meta"}),
}
_EVERYTHING = frozenset({"cells", "meta", "sections", "settings"})
# Rule kinds a text-only edit leaves for `recheck_text` when `defer_text` is on (the GUI's typing pause).
DEFERRED_KINDS = frozenset({"narrative"})
# Where findings come from: ("rel", relation index, ""), ("cell", rule index, cell key), ("rule", rule index, "").
Source = tuple[str, int, str]
# Edits whose inverse restores a whole field or section, so a burst of them can be one undo step.
_MERGEABLE = (SetBlocks, SetMeta)


@dataclass(frozen=True)
class FindingsDelta:
    """How the findings moved: new ids, ids gone, and ids whose finding now reads differently."""

    added: tuple[Finding, ...] = ()
    removed: tuple[Finding, ...] = ()
    changed: tuple[Finding, ...] = ()  # the new version of each

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def ids(self) -> frozenset[str]:
        return frozenset(f.id for f in (*self.added, *self.removed, *self.changed))


@dataclass(frozen=True)
class Outcome:
    """What one push, undo or redo did. `edit` is the edit applied (for an undo: the inverse)."""

    kind: str  # "do" | "undo" | "redo" | "merge"
    edit: Edit
    changes: Changes
    delta: FindingsDelta
    label: str = ""
    # The edit that would undo `edit` from the state it produced (the autosave journal writes a section's
    # typing as the paragraphs between `edit` and this, instead of the whole section).
    inverse: Edit | None = None


@dataclass
class Step:
    """One undo step: the edit as (last) applied, and the edit that takes the report back to before it."""

    edit: Edit
    inverse: Edit
    label: str = ""
    merge_key: str | None = None


@dataclass
class _Checked:
    """The findings as the last check left them, by where they came from."""

    by_source: dict[Source, tuple[Finding, ...]] = field(default_factory=dict)
    final: dict[str, Finding] = field(default_factory=dict)  # id → finding, acknowledgements applied
    order: dict[str, tuple[int, ...]] = field(default_factory=dict)  # id → position in the full check


class Session:
    def __init__(self, report: Report):
        self.report = report
        self.history: list[Step] = []
        self.index = 0  # steps[:index] are applied
        self.clean_index: int | None = 0  # the index at the last save (None: no saved state in the history)
        self._listeners: list[Callable[[Outcome], None]] = []
        self._prev: dict[str, Number | None] | None = None
        self._checked = _Checked()
        self._sorted: list[Finding] | None = None
        self._relation_index: dict[str, int] = {}
        self._cell_position: dict[str, int] = {}
        # With defer_text on, an edit of the narrative alone leaves the narrative checks' findings as they
        # were (text_stale) until recheck_text(): the GUI runs them on the typing pause, not per keystroke.
        self.defer_text = False
        self.text_stale = False
        self.recheck_all()

    # -- findings --------------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """Every finding, errors first, then in the report's reading order (as `model.checks.check`)."""
        if self._sorted is None:
            order = {s.no: i for i, s in enumerate(self.report.format.sections)}
            order[META_SECTION], order["preamble"] = -2, -1
            c = self._checked
            self._sorted = sorted(
                c.final.values(), key=lambda f: (f.severity != "error", order.get(f.section, 99), c.order[f.id])
            )
        return self._sorted

    def findings_for_cell(self, key: str) -> list[Finding]:
        return [f for f in self.findings if key in f.cells]

    def findings_for_section(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]

    def recheck_all(self) -> FindingsDelta:
        """Run every check from scratch (e.g. after the report was replaced outside the session)."""
        fmt = self.report.format
        self._prev = previous_values(self.report)
        self._relation_index = {r.finding_id: i for i, r in enumerate(fmt.relations)}
        self._cell_position = {k: i for i, k in enumerate(fmt.cells)}
        fresh: dict[Source, tuple[Finding, ...]] = {}
        for i in range(len(fmt.relations)):
            fresh[("rel", i, "")] = self._relation(i)
        for ri, rule in enumerate(fmt.rules):
            if rule["kind"] in RELATION_KINDS:
                continue
            if "each_cell" in DEPENDS.get(rule["kind"], _EVERYTHING):
                for key in self.report.cells:
                    fresh[("cell", ri, key)] = self._cell(ri, key)
            else:
                fresh[("rule", ri, "")] = tuple(rule_findings(self.report, rule))
        old = self._checked
        self._checked = _Checked()
        self.text_stale = False
        for source, found in fresh.items():
            self._store(source, found)
        return self._delta(old.final, self._checked.final.keys() | old.final.keys())

    def _recheck(self, changes: Changes) -> FindingsDelta:
        fmt = self.report.format
        touched: set[str] = set()  # finding ids that may read differently now
        sources: dict[Source, tuple[Finding, ...]] = {}
        for key in changes.cells:
            for rel in fmt.relations_by_cell.get(key, ()):
                i = self._relation_index[rel.finding_id]
                sources.setdefault(("rel", i, ""), ())
        parts = {
            name
            for name, changed in (
                ("cells", changes.cells),
                ("meta", changes.meta),
                ("sections", changes.sections),
                ("settings", changes.settings),
            )
            if changed
        }
        defer = self.defer_text and parts == {"sections"}  # typing: the narrative checks wait for the pause
        for ri, rule in enumerate(fmt.rules):
            if rule["kind"] in RELATION_KINDS:
                continue
            needs = DEPENDS.get(rule["kind"], _EVERYTHING)
            if "each_cell" in needs:
                for key in changes.cells:
                    sources.setdefault(("cell", ri, key), ())
            elif needs & parts:
                if rule["kind"] in DEFERRED_KINDS:
                    if defer:
                        self.text_stale = True
                        continue
                    self.text_stale = False
                sources.setdefault(("rule", ri, ""), ())
        old_final = dict(self._checked.final)
        for source in sources:
            touched.update(f.id for f in self._checked.by_source.get(source, ()))
            kind, i, key = source
            if kind == "rel":
                found = self._relation(i)
            elif kind == "cell":
                found = self._cell(i, key)
            else:
                found = tuple(rule_findings(self.report, fmt.rules[i]))
            self._store(source, found)
            touched.update(f.id for f in found)
        for fid in changes.acks:  # an explanation given or withdrawn: the same finding, acknowledged or not
            raw = self._raw(fid)
            if raw is not None:
                self._checked.final[fid] = with_ack(self.report, raw)
                touched.add(fid)
        return self._delta(old_final, touched)

    def recheck_text(self) -> FindingsDelta:
        """Run the narrative checks an edit deferred (and so bring the findings up to date)."""
        fmt = self.report.format
        old_final = dict(self._checked.final)
        touched: set[str] = set()
        for ri, rule in enumerate(fmt.rules):
            if rule["kind"] not in DEFERRED_KINDS:
                continue
            source: Source = ("rule", ri, "")
            touched.update(f.id for f in self._checked.by_source.get(source, ()))
            found = tuple(rule_findings(self.report, rule))
            self._store(source, found)
            touched.update(f.id for f in found)
        self.text_stale = False
        return self._delta(old_final, touched)

    def _relation(self, i: int) -> tuple[Finding, ...]:
        f = relation_finding(self.report, self.report.format.relations[i], self._prev)
        return () if f is None else (f,)

    def _cell(self, ri: int, key: str) -> tuple[Finding, ...]:
        f = cell_finding(self.report, self.report.format.rules[ri], key)
        return () if f is None else (f,)

    def _store(self, source: Source, found: tuple[Finding, ...]) -> None:
        c = self._checked
        for f in c.by_source.pop(source, ()):
            c.final.pop(f.id, None)
            c.order.pop(f.id, None)
        if not found:
            return
        c.by_source[source] = found
        base = self._source_order(source)
        for j, f in enumerate(found):
            c.final[f.id] = with_ack(self.report, f)
            c.order[f.id] = (*base, j)

    def _source_order(self, source: Source) -> tuple[int, ...]:
        kind, i, key = source
        if kind == "rel":
            return (0, i)
        if kind == "cell":
            return (1, i, self._cell_position.get(key, len(self._cell_position)))
        return (1, i, -1)

    def _raw(self, fid: str) -> Finding | None:
        for found in self._checked.by_source.values():
            for f in found:
                if f.id == fid:
                    return f
        return None

    def _delta(self, old: dict[str, Finding], ids: Iterable[str]) -> FindingsDelta:
        new = self._checked.final
        added, removed, changed = [], [], []
        for fid in ids:
            before, after = old.get(fid), new.get(fid)
            if before is None and after is not None:
                added.append(after)
            elif after is None and before is not None:
                removed.append(before)
            elif before is not None and after is not None and before != after:
                changed.append(after)
        delta = FindingsDelta(tuple(added), tuple(removed), tuple(changed))
        if delta:
            self._sorted = None
        return delta

    # -- editing ---------------------------------------------------------------------------------
    def push(self, edit: Edit, label: str = "", merge_key: str | None = None) -> Outcome:
        """Apply an edit as one undo step (or merge it into the last one: typing in one field or section).
        Raises model.edits.EditRejected (InvalidValue for a bad value); the report is then unchanged."""
        inverse, changes = apply(self.report, edit)
        top = self.history[self.index - 1] if self.index else None
        merge = (
            merge_key is not None
            and top is not None
            and top.merge_key == merge_key
            and self.index == len(self.history)
            and self.clean_index != self.index  # as Qt's QUndoStack: never merge into the saved state
            and isinstance(edit, _MERGEABLE)
        )
        if merge and top is not None:
            top.edit = edit  # keep the oldest inverse: one undo goes back to before the burst began
        else:
            del self.history[self.index :]
            if self.clean_index is not None and self.clean_index > self.index:
                self.clean_index = None  # the saved state was in the redo branch just dropped
            self.history.append(Step(edit, inverse, label, merge_key))
            self.index += 1
        return self._tell(Outcome("merge" if merge else "do", edit, changes, self._recheck(changes), label, inverse))

    def undo(self) -> Outcome | None:
        if not self.can_undo:
            return None
        step = self.history[self.index - 1]
        redo_edit, changes = apply(self.report, step.inverse)
        step.edit = redo_edit
        self.index -= 1
        return self._tell(Outcome("undo", step.inverse, changes, self._recheck(changes), step.label, redo_edit))

    def redo(self) -> Outcome | None:
        if not self.can_redo:
            return None
        step = self.history[self.index]
        step.inverse, changes = apply(self.report, step.edit)
        self.index += 1
        return self._tell(Outcome("redo", step.edit, changes, self._recheck(changes), step.label, step.inverse))

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.history)

    @property
    def undo_label(self) -> str:
        return self.history[self.index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self.history[self.index].label if self.can_redo else ""

    def mark_clean(self) -> None:
        """The report as it is now is saved."""
        self.clean_index = self.index

    def reset_clean(self) -> None:
        """No state in the history is saved (a new or imported report): every state counts as modified."""
        self.clean_index = None

    @property
    def modified(self) -> bool:
        return self.clean_index != self.index

    # -- the edit stream ---------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Outcome], None]) -> Callable[[], None]:
        """Call `listener(outcome)` after every push, undo and redo; returns the call that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _tell(self, outcome: Outcome) -> Outcome:
        for listener in list(self._listeners):
            listener(outcome)
        return outcome


__all__ = ["DEPENDS", "FindingsDelta", "Outcome", "Session", "Step"]
