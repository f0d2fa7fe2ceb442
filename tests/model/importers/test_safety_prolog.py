"""The DTD check reads only each XML part's prolog: it must find every DOCTYPE there, whatever precedes
it and wherever the read chunks happen to end, and nothing inside comments or the document itself."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.importers import safety
from model.importers.safety import declares_dtd

ROOT = b'<w:document xmlns:w="urn:w"><w:body/></w:document>'
WORD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + ROOT


def _dtd(data: bytes) -> bool:
    return declares_dtd(io.BytesIO(data))


def test_a_part_as_word_writes_it_has_no_dtd():
    assert not _dtd(WORD)
    assert not _dtd(b"\xef\xbb\xbf" + WORD)  # with a byte-order mark


@pytest.mark.parametrize(
    "prolog",
    [
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "b">]>',
        b'<?xml version="1.0"?>\n<!doctype d SYSTEM "http://example.com/d.dtd">',
        b"<!-- <w:document> is not the root yet --><!DOCTYPE d>",
        b'<?pi with <angle> brackets?>\n<!--x--><!ENTITY a "b">',
    ],
)
def test_a_declaration_before_the_root_is_found(prolog):
    assert _dtd(prolog + b"<w:document/>")


def test_declarations_in_comments_or_after_the_root_are_not_declarations():
    assert not _dtd(b'<?xml version="1.0"?><!-- <!DOCTYPE d> --><w:document/>')
    assert not _dtd(b"<w:document><w:t><![CDATA[<!DOCTYPE d>]]></w:t></w:document>")


def test_only_the_prolog_is_read():
    class Reads(io.BytesIO):
        total = 0

        def read(self, n=-1):
            data = super().read(n)
            Reads.total += len(data)
            return data

    declares_dtd(Reads(WORD + b"<w:p/>" * 100_000))
    assert Reads.total <= safety.PROLOG_CHUNK


def test_a_prolog_longer_than_the_limit_is_searched_whole(monkeypatch):
    monkeypatch.setattr(safety, "PROLOG_MAX", 64)
    padding = b"<!--" + b"x" * 500 + b"-->"
    assert _dtd(padding + b"<!DOCTYPE d><w:document/>")
    assert not _dtd(padding + b"<w:document/>")


PIECES = st.sampled_from(
    [
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b"\r\n",
        b" ",
        b"<!-- a <b> c -->",
        b"<!---->",
        b"<?pi x?>",
        b"<!-- <!DOCTYPE fake> -->",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(PIECES, max_size=6),
    dtd=st.booleans(),
    after=st.lists(PIECES, max_size=3),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_any_prolog_any_chunking(before, dtd, after, chunk):
    doc = b"".join(before) + (b"<!DOCTYPE d [<!ENTITY e 'x'>]>" if dtd else b"") + b"".join(after) + ROOT
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(safety, "PROLOG_CHUNK", chunk)
        assert _dtd(doc) is dtd
