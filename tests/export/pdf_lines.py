"""A PDF's text lines with their boxes (points, origin top left), as poppler's `pdftotext -bbox-layout` sees
them: the measure both for the .docx rendered by LibreOffice and for our own PDF."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def pdf_pages(pdf: Path) -> list[list[Line]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    root = ElementTree.fromstring(xml)
    pages = []
    for page in root.iter(f"{_NS}page"):
        lines = []
        for line in page.iter(f"{_NS}line"):
            text = "".join(w.text or "" for w in line.iter(f"{_NS}word"))
            lines.append(Line(*(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), text))
        pages.append(sorted(lines, key=lambda ln: (round(ln.y0), ln.x0)))
    return pages
