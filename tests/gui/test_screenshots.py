"""Screenshots of every page, on the built-in sample and on a new empty report, saved to `screenshots/` at
the repository root so anyone can look at the GUI without running it. Each test also checks the page for
plain layout faults: Latin words in visible labels, and text clipped by its label."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from gui.shell import style
from model.report import Block, new_report

pytestmark = pytest.mark.gui

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# Latin that may legitimately show: file extensions and the names of the file types a clerk knows.
ALLOWED_LATIN = {"Word", "Excel", "WPS", "PDF", "nianbao", "docx", "html", "xlsx", "PNG", "JPG", "Ctrl", "Tab", "V"}


def _shoot(window, prefix: str) -> list[Path]:
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    out = []
    for i, key in enumerate(window.pages):
        window.go_to_page(key)
        QApplication.processEvents()
        path = SHOTS / f"{prefix}_{i:02d}_{key}.png"
        assert window.grab().save(str(path))
        out.append(path)
        _check_page_text(window.pages[key])
    return out


def _check_page_text(page) -> None:
    for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if not w.isVisibleTo(page):
            continue
        text = re.sub(r"<[^>]+>|&\w+;|\(&.\)|&", "", w.text())
        for word in re.findall(r"[A-Za-z]+", text):
            assert word in ALLOWED_LATIN, f"English on screen: {text!r}"
        if isinstance(w, QLabel) and not w.wordWrap() and text and "\n" not in text:
            assert w.fontMetrics().horizontalAdvance(text) <= w.width() + 2, f"clipped: {text!r}"


@pytest.fixture
def styled(qapp):
    style.apply(qapp, 10)
    yield
    qapp.setStyleSheet("")


def test_screenshots_of_the_sample(make_window, styled):
    window = make_window()
    window.resize(1366, 860)
    shots = _shoot(window, "sample")
    assert len(shots) == len(window.pages) == 10


def test_screenshots_of_a_new_report(make_window, styled):
    report = new_report("某某县人民政府办公室", 2025)
    report.narrative["五"] = [
        Block(kind="heading", text="（一）上年度问题整改情况"),
        Block(text="针对2024年报告中指出的问题，本年度已完成整改。", review="沿用自2024年度报告"),
    ]
    window = make_window(report=report)
    window.resize(1366, 860)
    _shoot(window, "new")
