"""Find and replace in one section's blocks (the narrative pages' 查找/替换 bar), without Qt.

Spans are (block index, start, end) in the model's text, the same as a finding's `phrase`, so the
editor selects them the way it selects a finding's phrase. Images are not searched (their text is a caption
the editor does not show as text).
"""

from __future__ import annotations

import dataclasses

from model.report import Block

Span = tuple[int, int, int]


def matches(blocks: list[Block] | tuple[Block, ...], needle: str) -> list[Span]:
    """Every non-overlapping occurrence of `needle`, in reading order."""
    out: list[Span] = []
    if not needle:
        return out
    for i, b in enumerate(blocks):
        if b.kind == "image":
            continue
        at = b.text.find(needle)
        while at >= 0:
            out.append((i, at, at + len(needle)))
            at = b.text.find(needle, at + len(needle))
    return out


def replace_at(blocks: list[Block] | tuple[Block, ...], span: Span, text: str) -> list[Block]:
    """The blocks with the characters of `span` replaced by `text` (the span must lie in one text block)."""
    i, start, end = span
    out = list(blocks)
    b = out[i]
    out[i] = dataclasses.replace(b, text=b.text[:start] + text + b.text[end:])
    return _without_empty(out)


def replace_all(blocks: list[Block] | tuple[Block, ...], needle: str, text: str) -> tuple[list[Block], int]:
    """The blocks with every occurrence of `needle` replaced, and how many were."""
    out = list(blocks)
    count = 0
    for i, b in enumerate(out):
        if b.kind == "image" or not needle:
            continue
        n = b.text.count(needle)
        if n:
            out[i] = dataclasses.replace(b, text=b.text.replace(needle, text))
            count += n
    return _without_empty(out), count


def _without_empty(blocks: list[Block]) -> list[Block]:
    # A paragraph replaced to nothing is gone, as the editor leaves out a blank line.
    return [b for b in blocks if b.kind == "image" or b.text.strip()]
