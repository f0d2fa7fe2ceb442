"""Work-arounds for bugs in the Qt binding that the app cannot avoid by writing its code differently.

PySide6 6.12 returns ``None`` (from every C++ function that returns nothing, and from ``QModelIndex.data()``
with nothing to say) and ``True``/``False`` (e.g. from ``Signal.emit()``) without taking a reference to them.
From Python 3.12 on these objects are immortal and that is harmless; on Python 3.11 each such call drops
their reference count by one, and after a few thousand calls (a few seconds of painting a table) the
interpreter aborts with "none_dealloc: deallocating None" or "bool_dealloc". `protect_singletons()` gives
them a reference count so large it can never reach zero — what Python 3.12 does for them by design.
Call it once at start-up, before the first Qt call (the app and the GUI tests must).
"""
from __future__ import annotations

import sys

_FLOOR = 1 << 40  # ~10^12 calls: more than any session makes
_BOOST = 1 << 41
_SINGLETONS = (None, True, False, Ellipsis, NotImplemented)


def protect_singletons() -> None:
    if sys.version_info >= (3, 12):
        return  # immortal objects (PEP 683)
    import ctypes

    for obj in _SINGLETONS:
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field of every object
        if refcnt.value < _FLOOR:
            refcnt.value += _BOOST
