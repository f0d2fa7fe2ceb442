"""A bounded, seeded subset of the fuzzers (the long run is `uv run python -m tests.fuzz`, see README).

Each case runs in a worker process with the runner's 10 s and 1 GB limits: a failure names the kind, the
case number and what was mutated, and the case is reproduced by `make_case(kind, SEED, number)`."""

from __future__ import annotations

import pytest

from tests.fuzz.mutate import make_case
from tests.fuzz.runner import run

SEED = 2026
CASES = {"docx": 16, "html": 16, "nianbao": 40, "pdf": 8}


@pytest.mark.parametrize("kind", list(CASES))
def test_fuzz_cases_import_and_export_or_are_refused(kind, tmp_path):
    result = run(kind, SEED, CASES[kind], keep=tmp_path)
    assert result.cases == CASES[kind]
    assert not result.failures, "\n".join(f"case {f['number']} ({f['what']}): {f['detail']}" for f in result.failures)
    # The subset exercises both ends: some cases import, some are refused.
    assert result.imported and result.refused, result.line()


def test_cases_are_reproducible():
    for kind in CASES:
        assert make_case(kind, SEED, 3) == make_case(kind, SEED, 3)
        assert make_case(kind, SEED, 3) != make_case(kind, SEED, 4)


@pytest.mark.parametrize(("limits", "said"), [({"timeout": 1e-9}, "over 0 s"), ({"memory_mb": 1}, "over 1 MB")])
def test_the_runner_catches_a_case_over_its_time_or_memory_and_goes_on(limits, said):
    result = run("nianbao", SEED, 2, **limits)
    assert result.cases == 2 and len(result.failures) == 2
    assert all(said in str(f["detail"]) for f in result.failures)
