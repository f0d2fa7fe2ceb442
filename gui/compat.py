"""Work-arounds for bugs in the Qt binding that the app cannot avoid by writing its code differently.

PySide6 6.12 returns ``None`` from every C++ function that returns nothing (and from ``QModelIndex.data()``
with nothing to say) without taking a reference to it. From Python 3.12 on ``None`` is immortal and that is
harmless; on Python 3.11 each such call drops ``None``'s reference count by one, and after a few thousand
calls (a few seconds of painting a table) the interpreter aborts with "none_dealloc: deallocating None".
`protect_none()` gives ``None`` a reference count so large it can never reach zero — what Python 3.12 does
for it by design. Call it once at start-up, before the first Qt call (the app and the GUI tests do).
"""
from __future__ import annotations

import sys

_FLOOR = 1 << 40  # ~10^12 calls: more than any session makes
_BOOST = 1 << 41


def protect_none() -> None:
    if sys.version_info >= (3, 12):
        return  # None is immortal (PEP 683)
    import ctypes

    # ob_refcnt is the first field of every CPython object.
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    if refcnt.value < _FLOOR:
        refcnt.value += _BOOST
