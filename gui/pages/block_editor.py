"""A plain text editor over a section's blocks (paragraphs, sub-headings, images).

One QTextDocument paragraph per model Block: the block kind and the roll-forward review mark ride along
as block-format properties, images as document resources. Qt's own undo is off — every change becomes a
SetBlocks on the Document's undo stack, and Ctrl+Z / Ctrl+Y go there too.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QObject, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextEdit

from model.report import Block

KIND_PROP = QTextFormat.Property.UserProperty + 1
REVIEW_PROP = QTextFormat.Property.UserProperty + 2
CARRIED_PROP = QTextFormat.Property.UserProperty + 3  # the text as carried from last year: typing over it unmarks it
REVIEW_BG = QColor("#fff1b8")
THUMB_WIDTH = 360
OBJECT_CHAR = "\ufffc"


class UndoRouter(QObject):
    """Sends Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) of a text widget to the Document's undo stack, so the
    widget's private undo never fights the shared one."""

    def __init__(self, undo_stack, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = undo_stack

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            undo, redo = event.matches(QKeySequence.StandardKey.Undo), event.matches(QKeySequence.StandardKey.Redo)
            if undo or redo:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                else:
                    (self.stack.undo if undo else self.stack.redo)()
                return True
        return False


class BlockEditor(QTextEdit):
    edited = Signal()  # the clerk changed the text (not emitted by set_blocks)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._images: dict[str, tuple[bytes, str, float | None]] = {}
        self._next_image = 0
        self._loading = False
        self.document().setDocumentMargin(12)
        self.document().contentsChanged.connect(self._on_contents)

    # -- model → editor ----------------------------------------------------------------------------
    def set_blocks(self, blocks: list[Block]) -> None:
        pos = self.textCursor().position()
        self._loading = True
        try:
            self.document().clear()
            self._images.clear()
            cursor = QTextCursor(self.document())
            for i, b in enumerate(blocks):
                if i:
                    cursor.insertBlock()
                self._format_block(cursor, b.kind, b.review, b.carried)
                if b.kind == "image" and b.image:
                    self._insert_image(cursor, b.image, b.image_type, b.width_mm)
                    if b.text:
                        cursor.insertText(b.text, self._char_format("paragraph"))
                else:
                    cursor.insertText(b.text, self._char_format(b.kind))
            cursor.setPosition(min(pos, self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            tb = self.document().begin()
            while tb.isValid():
                self._shade(tb)
                tb = tb.next()
        finally:
            self._loading = False

    def _shade(self, block) -> None:
        """The review colour on a marked paragraph, as long as it is still last year's text."""
        fmt = block.blockFormat()
        review = fmt.property(REVIEW_PROP) or ""
        carried = fmt.property(CARRIED_PROP) or ""
        text = block.text().replace(OBJECT_CHAR, "").strip()
        marked = Block(text=text, review=review, carried=carried).needs_review
        if marked == (fmt.background().color() == REVIEW_BG):
            return
        if marked:
            fmt.setBackground(REVIEW_BG)
        else:
            fmt.clearBackground()
        loading, self._loading = self._loading, True
        try:
            QTextCursor(block).setBlockFormat(fmt)
        finally:
            self._loading = loading

    def _format_block(self, cursor: QTextCursor, kind: str, review: str, carried: str = "") -> None:
        fmt = QTextBlockFormat()
        fmt.setProperty(KIND_PROP, kind)
        fmt.setBottomMargin(6)
        if kind == "heading":
            fmt.setTopMargin(6)
        if review:
            fmt.setProperty(REVIEW_PROP, review)
            fmt.setBackground(REVIEW_BG)
        if carried:
            fmt.setProperty(CARRIED_PROP, carried)
        cursor.setBlockFormat(fmt)
        cursor.setBlockCharFormat(self._char_format(kind))

    def _char_format(self, kind: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if kind == "heading" else QFont.Weight.Normal)
        return fmt

    def _insert_image(self, cursor: QTextCursor, data: bytes, image_type: str, width_mm: float | None) -> None:
        name = f"nianbao-image-{self._next_image}"
        self._next_image += 1
        image = QImage.fromData(QByteArray(data))
        self._images[name] = (data, image_type, width_mm)
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        fmt = QTextImageFormat()
        fmt.setName(name)
        if not image.isNull():
            w = min(THUMB_WIDTH, image.width())
            fmt.setWidth(w)
            fmt.setHeight(image.height() * w / max(1, image.width()))
        cursor.insertImage(fmt)

    # -- editor → model ----------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        """The editor's content as model blocks; blank paragraphs are left out (they are just spacing)."""
        out: list[Block] = []
        b = self.document().begin()
        while b.isValid():
            fmt = b.blockFormat()
            kind = fmt.property(KIND_PROP) or "paragraph"
            review = fmt.property(REVIEW_PROP) or ""
            carried = fmt.property(CARRIED_PROP) or ""
            image = self._image_in(b)
            text = b.text().replace(OBJECT_CHAR, "").strip()
            if image is not None:
                data, image_type, width_mm = image
                out.append(Block("image", text, data, image_type, width_mm, review, carried))
            elif text:
                out.append(Block("heading" if kind == "heading" else "paragraph", text, review=review, carried=carried))
            b = b.next()
        return out

    def _image_in(self, block) -> tuple[bytes, str, float | None] | None:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.charFormat().isImageFormat():
                found = self._images.get(frag.charFormat().toImageFormat().name())
                if found is not None:
                    return found
            it += 1
        return None

    def _on_contents(self) -> None:
        if not self._loading:
            self._shade(self.textCursor().block())
            self.edited.emit()

    # -- commands ----------------------------------------------------------------------------------
    def _own_line(self) -> QTextCursor:
        """A cursor inside an open edit block, on a line of its own after the current paragraph (the current
        line itself when it is empty)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.block().text().strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock()
        return cursor

    def insert_heading(self, text: str, select: bool = False) -> None:
        """A sub-heading on its own line after the current paragraph; the cursor goes to the empty paragraph
        below it, or (select) onto the heading so typing replaces a placeholder heading."""
        cursor = self._own_line()
        self._format_block(cursor, "heading", "")
        start = cursor.position()
        cursor.insertText(text, self._char_format("heading"))
        cursor.insertBlock()
        self._format_block(cursor, "paragraph", "")
        cursor.endEditBlock()
        if select:
            cursor.setPosition(start)
            cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert_image(self, data: bytes, image_type: str) -> bool:
        if QImage.fromData(QByteArray(data)).isNull():
            return False
        cursor = self._own_line()
        self._format_block(cursor, "image", "")
        self._insert_image(cursor, data, image_type, None)
        cursor.insertBlock()
        self._format_block(cursor, "paragraph", "")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return True

    def text_block(self, index: int):
        """The QTextBlock that holds model block `index` (as `blocks()` counts them), or None."""
        n = -1
        b = self.document().begin()
        while b.isValid():
            if self._image_in(b) is not None or b.text().replace(OBJECT_CHAR, "").strip():
                n += 1
                if n == index:
                    return b
            b = b.next()
        return None

    def select_phrase(self, index: int, start: int, end: int, phrase: str = "") -> bool:
        """Select characters start..end of model block `index`. The model's text may differ from the
        editor's by surrounding blanks, so when the phrase is given its nearest occurrence is taken."""
        cursor = self.phrase_cursor(index, start, end, phrase)
        if cursor is None:
            return False
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def mark_phrases(self, spans: list[tuple[int, int, int]], colour: QColor) -> None:
        """Shade these phrases (e.g. the sentences copied from last year) without touching the text."""
        selections = []
        for index, start, end in spans:
            cursor = self.phrase_cursor(index, start, end)
            if cursor is not None:
                fmt = QTextCharFormat()
                fmt.setBackground(colour)
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
        self.setExtraSelections(selections)

    def phrase_cursor(self, index: int, start: int, end: int, phrase: str = "") -> QTextCursor | None:
        b = self.text_block(index)
        if b is None:
            return None
        raw = b.text()
        at = start + len(raw) - len(raw.lstrip())
        if phrase:
            hits = [i for i in range(len(raw)) if raw.startswith(phrase, i)]
            if hits:
                at = min(hits, key=lambda i: abs(i - start))
        length = b.length() - 1
        cursor = QTextCursor(b)
        cursor.setPosition(b.position() + min(at, length))
        cursor.setPosition(b.position() + min(at + end - start, length), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def current_index(self) -> int:
        """Index in `blocks()` of the paragraph holding the cursor (-1 if it is a blank line)."""
        target = self.textCursor().block()
        index = -1
        b = self.document().begin()
        while b.isValid():
            if self._image_in(b) is not None or b.text().replace(OBJECT_CHAR, "").strip():
                index += 1
                if b == target:
                    return index
            elif b == target:
                return -1
            b = b.next()
        return -1

    def model_position(self) -> tuple[int, int]:
        """Where the selection starts, as (model block index, offset in its stripped text); on a blank line,
        just after the block before it (for find and next/previous mark)."""
        cursor = self.textCursor()
        target = self.document().findBlock(cursor.selectionStart())
        index = -1
        b = self.document().begin()
        while b.isValid():
            raw = b.text().replace(OBJECT_CHAR, "")
            counted = self._image_in(b) is not None or bool(raw.strip())
            if counted:
                index += 1
            if b == target:
                if not counted:
                    return index, 1 << 30
                lead = len(raw) - len(raw.lstrip())
                return index, max(0, cursor.selectionStart() - b.position() - lead)
            b = b.next()
        return index, 1 << 30

    # -- keys --------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            # A copied picture (e.g. a screenshot) is not offered to insertFromMimeData by QTextEdit, so
            # Ctrl+V looks at the clipboard itself. (Overriding canInsertFromMimeData crashes PySide 6.12.)
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and mime.hasImage() and not mime.hasText():
                self.insertFromMimeData(mime)
                return
        block_kind = self.textCursor().blockFormat().property(KIND_PROP)
        if event.key() in (0x01000004, 0x01000005) and block_kind in ("heading", "image"):
            # Enter after a sub-heading or picture starts an ordinary paragraph, not another heading.
            cursor = self.textCursor()
            cursor.beginEditBlock()
            cursor.insertBlock()
            self._format_block(cursor, "paragraph", "")
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt override
        # A screenshot or copied picture becomes a picture block; text pasted from Word/WPS arrives as plain
        # paragraphs, because their fonts and colours do not belong in the report.
        if source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.insert_image(image_bytes(image), "png")
                return
        if source.hasText():
            self.textCursor().insertText(source.text())


def image_bytes(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # stubs say bytes; the run time takes str, refuses bytes
    return bytes(buf.data().data())


def with_review_cleared(blocks: list[Block], index: int | None = None) -> list[Block]:
    """The blocks with the review mark removed from one block (index) or all of them (None)."""
    return [dataclasses.replace(b, review="") if index is None or i == index else b for i, b in enumerate(blocks)]
