"""What the main window may ask of every wizard page (instead of probing pages with hasattr)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from model.checks import Finding


@runtime_checkable
class Page(Protocol):
    key: str  # "start", "meta", "preamble", a section number 一…六, or "final"
    # Whether the page says the document's notices itself (the table pages' status line); for the other
    # pages the main window shows a refusal in a dialog as well as in its status bar.
    shows_notices: bool

    def focus_finding(self, finding: Finding) -> None:
        """Take the clerk to where the finding points on this page (a cell, a field, the editor)."""
        ...
