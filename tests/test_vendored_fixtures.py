"""tests/fixtures/seeds, tests/fixtures/pdf and tests/fixtures/spec are copies of ../shared/fixtures,
../shared/fixtures/pdf and ../shared/spec, kept in the
repository so that a checkout of main alone can run the tests. Where ../shared is present (a developer's
workplace), the copies must be identical to it."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, PDF_FIXTURES, SHARED, SPEC

PAIRS = [(SHARED / "fixtures", FIXTURES), (SHARED / "fixtures" / "pdf", PDF_FIXTURES), (SHARED / "spec", SPEC)]


@pytest.mark.parametrize(("source", "copy"), PAIRS, ids=["fixtures", "pdf", "spec"])
def test_copies_match_shared(source, copy):
    if not source.is_dir():
        pytest.skip(f"{source} is not here (CI checks out the repository alone)")
    names = sorted(p.name for p in source.iterdir() if p.is_file())
    assert names == sorted(p.name for p in copy.iterdir() if p.is_file()), f"copy {source} into {copy} again"
    for name in names:
        assert (copy / name).read_bytes() == (source / name).read_bytes(), f"{copy / name} differs from {source}"
