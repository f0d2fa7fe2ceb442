"""Seeded fuzzers for the inputs a clerk opens: .docx, .html, .nianbao (issue 12) and .pdf (issue 13).

Each case mutates a real seed (tests/fixtures/seeds/*.docx, the web pages and projects made from them) and
runs in a worker process watched by the runner, so that a hang (> 10 s) or a memory blow-up (> 1 GB) is
caught and reported instead of killing the run. Every case must end in one of two ways: refused with a
Chinese `NianbaoError`, or imported into a report that checks, saves and re-loads as a project file and
exports to .docx, .xlsx and .html without an exception.

    uv run python -m tests.fuzz --cases 2000 --seed 1          # every kind, 2,000 cases each
    uv run python -m tests.fuzz --kind html --cases 50 --seed 7  # one kind

A case is reproduced from (kind, seed, case number) alone; failing inputs are also kept under
`fuzz-failures/` (gitignored) with the traceback.
"""
