"""Section content: what reviewers mark down when a part of the narrative leaves out what it must cover.

- 总体情况 (section 一) covers 主动公开、依申请公开、政府信息管理、平台建设、监督保障 (``topics``), once it is
  long enough (``min_chars``) not to be a first sentence still being written;
- 第五部分 is not "无" nor shorter than a minimum (``problems``; an empty one is SECTION_EMPTY's);
- a government's own report covers 工作考核、社会评议和责任追究结果 (条例第五十条, ``article50``).

Every word list is data under ``narrative.content`` in the format file, and generous with synonyms:
precision first, a real report that covers a topic in its own words raises nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from model.report import Report


@dataclass(frozen=True)
class Gap:
    section: str
    missing: tuple[str, ...]  # the topics not covered ("" for a too-short 第五部分)
    length: int = 0  # 第五部分's length without punctuation and spaces


_NOT_WORDS = re.compile(r"[\s。，、；：,.;:！!？?（）()“”\"'《》【】\[\]·…—-]+")


def _text(report: Report, section: str) -> str:
    return "\n".join(b.text for b in report.blocks(section) if b.kind != "image")


def _all_text(report: Report) -> str:
    return "\n".join(_text(report, s) for s in report.narrative)


def topics(report: Report) -> Gap | None:
    """The mandated topics of 总体情况 that none of their words names (None: all covered, or the part is empty)."""
    cfg = report.format.narrative.get("content", {}).get("topics")
    if not cfg:
        return None
    text = _text(report, cfg["section"])
    if len(_NOT_WORDS.sub("", text)) < cfg.get("min_chars", 0):
        return None  # still being written (an empty part is SECTION_EMPTY's finding)
    missing = tuple(t["name"] for t in cfg["items"] if not any(w in text for w in t["words"]))
    return Gap(cfg["section"], missing) if missing else None


def problems(report: Report) -> Gap | None:
    """第五部分 written as "无" or shorter than the minimum (None: long enough, or empty)."""
    cfg = report.format.narrative.get("content", {}).get("problems")
    if not cfg:
        return None
    words = _NOT_WORDS.sub("", _text(report, cfg["section"]))
    if not words:
        return None  # empty: SECTION_EMPTY
    if words in cfg["none"] or len(words) < cfg["min_chars"]:
        return Gap(cfg["section"], (), len(words))
    return None


def is_government(report: Report, patterns: list[str]) -> bool:
    agency = report.meta.agency.strip()
    return any(re.search(p, agency) for p in patterns)


def article50(report: Report) -> Gap | None:
    """A government's own report that names none of 工作考核、社会评议、责任追究 anywhere in its narrative."""
    cfg = report.format.narrative.get("content", {}).get("article50")
    if not cfg or not is_government(report, cfg["agency"]):
        return None
    text = _all_text(report)
    if not text.strip() or any(w in text for w in cfg["words"]):
        return None
    return Gap(cfg["section"], (cfg["name"],))


CHECKS: dict[str, Any] = {"topics": topics, "problems": problems, "article50": article50}
