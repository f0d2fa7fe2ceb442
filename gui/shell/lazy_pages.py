"""The wizard's pages, built the first time they are asked for.

A window with nine pages (three large official tables among them) took over half of its start-up time to
build pages the clerk had not opened yet. Each page keeps a placeholder in the stack until then, so the stack's
order always matches the navigator's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QStackedWidget, QWidget


class LazyPages(Mapping[str, QWidget]):
    def __init__(self, stack: QStackedWidget, keys: list[str], build: Callable[[str], QWidget]):
        self._stack = stack
        self._keys = list(keys)
        self._build = build
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for key in self._keys:
            placeholder = QWidget()
            self._placeholders[key] = placeholder
            stack.addWidget(placeholder)

    def __getitem__(self, key: str) -> QWidget:
        page = self._built.get(key)
        if page is not None:
            return page
        if key not in self._placeholders:
            raise KeyError(key)
        page = self._build(key)
        placeholder = self._placeholders.pop(key)
        self._stack.insertWidget(self._stack.indexOf(placeholder), page)
        self._stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built[key] = page
        return page

    def __contains__(self, key: object) -> bool:
        return key in self._keys  # without building it, as Mapping's own would

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self, key: str) -> QWidget | None:
        """The page if it exists already; never builds one."""
        return self._built.get(key)

    def clear(self) -> None:
        """Take every page and placeholder out of the stack and delete them."""
        for widget in [*self._built.values(), *self._placeholders.values()]:
            self._stack.removeWidget(widget)
            widget.deleteLater()
        self._built.clear()
        self._placeholders.clear()
        self._keys.clear()
