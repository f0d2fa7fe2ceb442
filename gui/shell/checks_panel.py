"""The checks panel: every finding of the open report, grouped by section, errors red, warnings amber,
acknowledged warnings grey. A click (or Enter) takes the clerk to the page and cell; a warning can be
explained (acknowledged) or the explanation withdrawn. Used in the right-hand dock and on the final page.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import texts
from gui.session.document import Document
from model.progress import page_of_section
from model.session import FindingsDelta
from model.checks import META_SECTION, Finding, counts
from model.edits import SetAck

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {"error": "#c62828", "warning": "#b86e00", "acked": "#7a7a7a"}


def finding_kind(f: Finding) -> str:
    return "error" if f.severity == "error" else ("warning" if f.open else "acked")


def _dot(colour: str, size: int = 12) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)


def section_name(doc: Document, section: str) -> str:
    if section == META_SECTION:
        return texts.PAGE_META
    if section == "preamble":
        return texts.PAGE_PREAMBLE
    try:
        return doc.report.format.section(section).heading
    except KeyError:
        return section


def finding_tooltip(f: Finding) -> str:
    lines = [f"【{texts.SEVERITY[finding_kind(f)]}】{f.title}", f.message]
    if f.hint:
        lines.append(texts.CHECKS_HINT.format(hint=f.hint))
    if f.acknowledged:
        lines.append(texts.CHECKS_ACKED.format(text=f.acknowledged))
    return "\n".join(lines)


class _WrapDelegate(QStyledItemDelegate):
    """Findings are sentences: draw them wrapped to the panel's width instead of cut off with "…"."""

    PAD = 4
    ICON = 16

    def _text_width(self, option: QStyleOptionViewItem, index) -> int:
        tree = option.widget
        depth = 1 if index.parent().isValid() else 0
        width = (
            tree.viewport().width() - depth * tree.indentation() if isinstance(tree, QTreeView) else 300
        ) - 2 * self.PAD
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= self.ICON + 6
        return max(width, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect = opt.fontMetrics.boundingRect(
            QRect(0, 0, self._text_width(opt, index), 10_000), Qt.TextFlag.TextWordWrap, opt.text
        )
        return QSize(rect.width(), rect.height() + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, icon = opt.text, index.data(Qt.ItemDataRole.DecorationRole)
        opt.text, opt.icon = "", QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, QRect(r.left(), r.top() + 2, self.ICON, self.ICON))
            r.setLeft(r.left() + self.ICON + 6)
        painter.setFont(opt.font)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(brush.color() if brush is not None else opt.palette.text().color())
        painter.drawText(r, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()


class _FindingsTree(QTreeWidget):
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width


class FindingsView(QWidget):
    """Summary line, grouped finding tree, details of the selected finding and its buttons."""

    go_to = Signal(object)  # Finding
    ack_requested = Signal(object)  # Finding

    def __init__(self, doc: Document, parent: QWidget | None = None, margin: int = 0):
        super().__init__(parent)
        self.doc = doc
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self.tree = _FindingsTree()
        self.tree.setItemDelegate(_WrapDelegate(self.tree))
        self.tree.setObjectName("findings")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(8)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAccessibleName(texts.CHECKS_TITLE)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.details = QLabel()
        self.details.setObjectName("findingDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.btn_go = QPushButton(texts.CHECKS_GO)
        self.btn_ack = QPushButton(texts.CHECKS_ACK)
        self.btn_unack = QPushButton(texts.CHECKS_UNACK)
        self.btn_go.clicked.connect(lambda: self._emit(self.go_to))
        self.btn_ack.clicked.connect(lambda: self._emit(self.ack_requested))
        self.btn_unack.clicked.connect(self._withdraw)
        buttons = QHBoxLayout()
        for b in (self.btn_go, self.btn_ack, self.btn_unack):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(margin, margin, margin, margin)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        self.filler = QWidget()  # takes the tree's room when there is nothing to list
        lay.addWidget(self.filler, 1)
        lay.addWidget(self.details)
        lay.addLayout(buttons)
        self._groups: dict[str, QTreeWidgetItem] = {}  # section → its group row
        self._items: dict[str, QTreeWidgetItem] = {}  # finding id → its row
        self._stale = False
        doc.findings_changed.connect(self.apply_delta)
        self.refresh()

    # -- content ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the whole list from the document's findings (first show, a stale view shown again)."""
        self._stale = False
        keep = self.current_finding()
        self.tree.clear()
        self._groups.clear()
        self._items.clear()
        position = {f.id: i for i, f in enumerate(self.doc.findings)}
        for f in self._ordered(self.doc.findings):
            self._place(f, position)
        self.tree.expandAll()
        self._after_update(keep.id if keep else None)

    def apply_delta(self, delta: FindingsDelta | None = None) -> None:
        """Update the list in place from a findings delta; a hidden view only notes that it is stale."""
        if delta is None or self._stale or not self.isVisible():
            self._stale = True
            self._update_summary()  # one line: kept right even while hidden (the final page shows it)
            return
        if not delta:
            return
        keep = self.current_finding()
        position = {f.id: i for i, f in enumerate(self.doc.findings)}
        for f in delta.removed:
            self._take(f.id)
        for f in (*delta.changed, *delta.added):
            self._take(f.id)
            self._place(f, position)
        self._after_update(keep.id if keep else None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _ordered(self, findings: list[Finding]) -> list[Finding]:
        order = self._section_order()
        return sorted(findings, key=lambda f: (order.get(f.section, 99), *self._rank(f)))

    @staticmethod
    def _rank(f: Finding) -> tuple[bool, bool]:
        kind = finding_kind(f)
        return kind != "error", kind == "acked"

    def _group(self, section: str) -> QTreeWidgetItem:
        group = self._groups.get(section)
        if group is None:
            order = self._section_order()
            at = sum(1 for s in self._groups if order.get(s, 99) <= order.get(section, 99))
            group = QTreeWidgetItem([section_name(self.doc, section)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.insertTopLevelItem(at, group)
            group.setExpanded(True)
            self._groups[section] = group
        return group

    def _place(self, f: Finding, position: dict[str, int]) -> None:
        """Insert the finding's row where a full rebuild would put it: after the rows of its section that
        rank before or with it (errors, then open warnings, then explained ones; the model's order within)."""
        group = self._group(f.section)
        key = (*self._rank(f), position.get(f.id, len(position)))
        at = 0
        for i in range(group.childCount()):
            child = group.child(i)
            assert child is not None  # i < childCount()
            other = child.data(0, FINDING_ROLE)
            if (*self._rank(other), position.get(other.id, len(position))) <= key:
                at = i + 1
        kind = finding_kind(f)
        item = QTreeWidgetItem([f"{f.title}：{f.message}"])
        item.setData(0, FINDING_ROLE, f)
        item.setIcon(0, _dot(COLOURS[kind]))
        item.setToolTip(0, finding_tooltip(f))
        if kind == "acked":
            item.setForeground(0, QBrush(QColor(COLOURS["acked"])))
        group.insertChild(at, item)
        self._items[f.id] = item

    def _take(self, finding_id: str) -> None:
        item = self._items.pop(finding_id, None)
        if item is None:
            return
        section = item.data(0, FINDING_ROLE).section
        group = self._groups[section]
        group.removeChild(item)
        if group.childCount() == 0:
            del self._groups[section]
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))

    def _after_update(self, keep_id: str | None) -> None:
        self._update_summary()
        has_items = bool(self._items)
        self.tree.setVisible(has_items)  # the summary line above already says "没有发现问题"
        self.filler.setVisible(not has_items)
        for b in (self.btn_go, self.btn_ack, self.btn_unack):
            b.setVisible(has_items)
        current = self._items.get(keep_id) if keep_id else None
        if current is not None and current is not self.tree.currentItem():
            self.tree.setCurrentItem(current)
        self._show_details()

    def _update_summary(self) -> None:
        errors, warnings = counts(self.doc.findings)
        if errors:
            self.summary.setText(texts.CHECKS_SUMMARY.format(errors=errors, warnings=warnings))
        elif warnings:
            self.summary.setText(texts.CHECKS_SUMMARY_NO_ERRORS.format(warnings=warnings))
        else:
            self.summary.setText(texts.CHECKS_CLEAN)
        state = "error" if errors else "warning" if warnings else "done"
        if self.summary.property("state") != state:
            self.summary.setProperty("state", state)
            self.summary.style().unpolish(self.summary)
            self.summary.style().polish(self.summary)

    def _section_order(self) -> dict[str, int]:
        order = {META_SECTION: 0, "preamble": 1}
        for i, s in enumerate(self.doc.report.format.sections):
            order[s.no] = 2 + i
        return order

    def items(self) -> list[QTreeWidgetItem]:
        if self._stale:
            self.refresh()  # asked while hidden: bring the rows up to date first
        out: list[QTreeWidgetItem] = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None  # g < topLevelItemCount()
            out += [child for i in range(group.childCount()) if (child := group.child(i)) is not None]
        return out

    def item_for(self, finding_id: str) -> QTreeWidgetItem | None:
        if self._stale:
            self.refresh()  # asked while hidden: bring the rows up to date first
        return self._items.get(finding_id)

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def _show_details(self) -> None:
        f = self.current_finding()
        self.btn_go.setEnabled(f is not None)
        self.btn_ack.setEnabled(f is not None and f.severity == "warning")
        self.btn_unack.setEnabled(f is not None and f.acknowledged is not None)
        if f is None:
            self.details.setText("")
            self.details.hide()
            return
        self.details.show()
        self.details.setText(finding_tooltip(f))

    # -- actions ---------------------------------------------------------------------------------
    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        f = item.data(0, FINDING_ROLE)
        if f is not None:
            self.go_to.emit(f)

    def _emit(self, signal) -> None:
        f = self.current_finding()
        if f is not None:
            signal.emit(f)

    def _withdraw(self) -> None:
        f = self.current_finding()
        if f is not None and f.acknowledged is not None:
            self.doc.push(SetAck(f.id, None), texts.ACK_WITHDRAW)


def acknowledge(doc: Document, finding: Finding, text: str) -> bool:
    """Store the clerk's explanation as one undo step (the model refuses fewer than six characters)."""
    at = dt.datetime.now().isoformat(timespec="seconds")
    return doc.push(SetAck(finding.id, text, at), texts.ACK_EDIT.format(title=finding.title))


class ChecksPanel(QDockWidget):
    """The dock that holds a FindingsView; re-targeted when the window opens another document."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(texts.CHECKS_TITLE, parent)
        self.setObjectName("checksDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.view: FindingsView | None = None

    def set_view(self, view: FindingsView) -> None:
        old = self.widget()
        self.setWidget(view)
        self.view = view
        if old is not None:
            old.deleteLater()


__all__ = ["ChecksPanel", "FindingsView", "acknowledge", "finding_kind", "finding_tooltip", "page_of_section"]
