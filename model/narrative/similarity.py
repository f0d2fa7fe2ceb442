"""How much of this year's narrative repeats last year's, sentence by sentence.

A sentence counts as copied when, without blanks and punctuation, it is one of last year's sentences (any
section). Statutory boilerplate (data: ``narrative.similarity.boilerplate``, e.g. the opening "根据《条例》…
编制本报告") counts on neither side. The share is by characters; above the threshold kept as data (50% by
default, what one city's assessment deducts for) a section gets a 核实性提示.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from model.report import Report

_SENTENCE = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")
_NOISE = re.compile(r"[\s，。；：、！？,.;:!?“”‘’\"'（）()《》〈〉【】\[\]—…·-]+")


@dataclass(frozen=True)
class Settings:
    threshold: float
    min_chars: int  # a section shorter than this gets no figure (three copied lines are no report)
    min_sentence: int  # shorter sentences ("一是加强培训。") are too common to count
    boilerplate: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Share:
    section: str
    copied: int  # characters of copied sentences
    total: int  # characters of all counted sentences
    sentences: int
    copied_sentences: int
    spans: tuple[tuple[int, int, int], ...]  # (block, start, end) of each copied sentence

    @property
    def ratio(self) -> float:
        return self.copied / self.total if self.total else 0.0


def settings(data: dict[str, Any]) -> Settings:
    s = data.get("similarity") or {}
    return Settings(
        float(s.get("threshold", 0.5)),
        int(s.get("min_chars", 100)),
        int(s.get("min_sentence", 8)),
        tuple(re.compile(p) for p in s.get("boilerplate", [])),
    )


def key(sentence: str) -> str:
    return _NOISE.sub("", sentence)


def _sentences(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _SENTENCE.finditer(text):
        k = key(m.group(0))
        if k:
            yield m.start(), m.end(), k


def last_year_keys(narrative: dict[str, list[str]], cfg: Settings) -> frozenset[str]:
    return frozenset(
        k
        for texts in narrative.values()
        for text in texts
        for _s, _e, k in _sentences(text)
        if len(k) >= cfg.min_sentence and not any(p.search(k) for p in cfg.boilerplate)
    )


def share(report: Report, section: str, last: frozenset[str], cfg: Settings) -> Share:
    copied = total = n = n_copied = 0
    spans: list[tuple[int, int, int]] = []
    for index, block in enumerate(report.blocks(section)):
        if block.kind == "image" or not block.text:
            continue
        for s, e, k in _sentences(block.text):
            if len(k) < cfg.min_sentence or any(p.search(k) for p in cfg.boilerplate):
                continue
            n += 1
            total += len(k)
            if k in last:
                n_copied += 1
                copied += len(k)
                spans.append((index, s, e))
    return Share(section, copied, total, n, n_copied, tuple(spans))


def shares(report: Report) -> list[Share]:
    """The share per narrative section against last year's text ([] without last year's text)."""
    prev = report.previous
    if prev is None or not prev.narrative:
        return []
    cfg = settings(report.format.narrative)
    last = last_year_keys(prev.narrative, cfg)
    sections = report.format.narrative.get("sections", [])
    return [share(report, s, last, cfg) for s in sections]


def whole(parts: list[Share]) -> Share:
    return Share(
        "全文",
        sum(p.copied for p in parts),
        sum(p.total for p in parts),
        sum(p.sentences for p in parts),
        sum(p.copied_sentences for p in parts),
        (),
    )
