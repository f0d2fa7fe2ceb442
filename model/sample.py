"""The built-in sample project that `uv run main.py` opens when no file is given."""

from __future__ import annotations

from resources import resource

from model.project_file import loads
from model.report import Report

SAMPLE_NAME = "sample_2025.nianbao"


def sample_bytes() -> bytes:
    return resource(SAMPLE_NAME).read_bytes()


def load_sample() -> Report:
    return loads(sample_bytes(), SAMPLE_NAME)
