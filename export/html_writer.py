"""Report → one self-contained HTML file for a government website CMS.

Styles are inline `style` attributes (CMS editors drop <style> blocks when a page is pasted in), images
are data: URIs, and the tables are real <table>s with rowspan/colspan from `model.grid`.
"""

from __future__ import annotations

import base64
import os
from html import escape

from export import layout as L
from export.content import DRAFT_NOTE, cell_text, grid, lead_in, parts, signature_lines, title_lines, xml_safe
from export.files import write_file
from export.images import image_pixels
from model.grid import Grid
from model.report import Block, Report

_MIME = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}

_BODY = (
    f"font-family:{L.CSS_FAMILIES['body']};font-size:{L.BODY_PT:g}pt;line-height:1.8;"
    "text-indent:2em;text-align:justify;margin:0;"
)
_STYLE = {
    "page": "max-width:156mm;margin:0 auto;padding:1em;color:#000;background:#fff;",
    "title": (
        f"font-family:{L.CSS_FAMILIES['title']};font-size:{L.TITLE_PT:g}pt;font-weight:normal;"
        "text-align:center;line-height:1.5;margin:0 0 1em 0;"
    ),
    "h2": (
        f"font-family:{L.CSS_FAMILIES['h1']};font-size:{L.BODY_PT:g}pt;font-weight:normal;"
        "text-indent:2em;line-height:1.8;margin:0;"
    ),
    "h3": (
        f"font-family:{L.CSS_FAMILIES['h2']};font-size:{L.BODY_PT:g}pt;font-weight:normal;"
        "text-indent:2em;line-height:1.8;margin:0;"
    ),
    "p": _BODY,
    "lead": f"font-family:{L.CSS_FAMILIES['h2']};",
    "figure": "text-align:center;margin:0.5em 0;",
    "img": "max-width:100%;height:auto;",
    "sign": (
        f"font-family:{L.CSS_FAMILIES['body']};font-size:{L.BODY_PT:g}pt;line-height:1.8;"
        "text-align:right;margin:0;padding-right:2em;"
    ),
    "table": (
        f"border-collapse:collapse;width:100%;min-width:{L.TABLE_MIN_WIDTH_MM:g}mm;table-layout:fixed;margin:0.5em 0 0 0;"
        f"font-family:{L.CSS_FAMILIES['table']};font-size:{L.TABLE_PT:g}pt;"
    ),
    # No word-break:break-all: it broke numbers mid-number on a phone. Numbers never wrap; labels wrap
    # between characters as Chinese does; on a narrow screen the table scrolls sideways in its frame.
    "cell": "border:1px solid #000;padding:2px 3px;vertical-align:middle;overflow-wrap:anywhere;",
    "value": "white-space:nowrap;",
    "frame": "overflow-x:auto;margin:0 0 1.8em 0;",  # and one empty line after the table, as in the .docx
}
_ALIGN = {"value": "center", "header": "center", "caption": "center", "corner": "center", "label": "left"}


DRAFT_CLASS = "nianbao-draft"  # the importer skips it
_DRAFT_STYLE = (
    "color:#c00;border:2px solid #c00;text-align:center;font-size:14pt;font-weight:bold;padding:0.3em;margin:0 0 1em 0;"
)


def html_text(report: Report, draft: bool = False) -> str:
    title = xml_safe(report.meta.display_title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "</head>",
        '<body style="margin:0;">',
        f'<div class="nianbao-report" style="{_STYLE["page"]}">',
        *([f'<p class="{DRAFT_CLASS}" style="{_DRAFT_STYLE}">{DRAFT_NOTE}</p>'] if draft else []),
        f'<h1 style="{_STYLE["title"]}">{"<br>".join(_lines(t) for t in title_lines(report))}</h1>',
    ]
    for part in parts(report):
        if part.kind == "heading1":
            out.append(f'<h2 style="{_STYLE["h2"]}">{escape(part.text)}</h2>')
        elif part.kind == "table":
            out.append(table_html(report, grid(report, part.table or "")))
        elif part.block is not None:
            out.append(_block(part.block))
    lines = signature_lines(report)
    if lines:
        out.append(f'<p style="{_STYLE["sign"]}">&nbsp;</p>')
        out += [f'<p style="{_STYLE["sign"]}">{_lines(line)}</p>' for line in lines]
    out += ["</div>", "</body>", "</html>", ""]
    return "\n".join(out)


def html_bytes(report: Report, draft: bool = False) -> bytes:
    return html_text(report, draft).encode("utf-8")


def write_html(report: Report, path: str | os.PathLike[str], draft: bool = False) -> None:
    write_file(path, html_bytes(report, draft))


def table_html(report: Report, g: Grid) -> str:
    rows: list[list[str]] = [[] for _ in range(g.n_rows)]
    number_pt = L.table_number_pt(g.col_widths, {c.col for c in g.cells if c.is_value})
    for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
        tag = "td" if c.is_value or c.kind == "label" else "th"
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
            f' colspan="{c.colspan}"' if c.colspan > 1 else ""
        )
        style = f"{_STYLE['cell']}text-align:{_ALIGN[c.kind]};font-weight:normal;"
        if c.is_value:
            style += f"{_STYLE['value']}font-size:{number_pt:g}pt;"
        rows[c.row].append(f'<{tag}{span} style="{style}">{escape(cell_text(report, c))}</{tag}>')
    cols = "".join(f'<col width="{w * 100:.2f}%" style="width:{w * 100:.2f}%">' for w in g.col_widths)
    head = [f"<tr>{''.join(r)}</tr>" for r in rows[: g.header_rows]]
    body = [f"<tr>{''.join(r)}</tr>" for r in rows[g.header_rows :]]
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    # The old border/width attributes too: some CMS editors strip style attributes from pasted tables.
    return (
        f'<div style="{_STYLE["frame"]}">'
        f'<table data-table="{g.table}" width="100%" border="1" cellspacing="0" cellpadding="3" '
        f'style="{_STYLE["table"]}"><colgroup>{cols}</colgroup>'
        f"{thead}<tbody>{''.join(body)}</tbody></table></div>"
    )


def _block(block: Block) -> str:
    if block.kind == "heading":
        return f'<h3 style="{_STYLE["h3"]}">{escape(block.text)}</h3>'
    if block.kind == "image":
        if not block.image:
            return ""
        mime = _MIME.get(block.image_type.lower(), "image/png")
        data = base64.b64encode(block.image).decode("ascii")
        w_mm, h_mm = L.picture_mm(*image_pixels(block.image), block.width_mm or None)
        # At most the type area both ways (export/layout.py), and never wider than a phone's screen.
        width = f"width:{round(w_mm, 1):g}mm;max-height:{L.PICTURE_MAX_HEIGHT_MM:.0f}mm;" if h_mm else ""
        alt = escape(block.text or "图片", quote=True)
        return (
            f'<p style="{_STYLE["figure"]}"><img src="data:{mime};base64,{data}" alt="{alt}" '
            f'style="{width}{_STYLE["img"]}"></p>'
        )
    head, rest = lead_in(block.text)
    inner = _lines(rest)
    if head:
        inner = f'<span style="{_STYLE["lead"]}">{_lines(head)}</span>{inner}'
    return f'<p style="{_STYLE["p"]}">{inner}</p>'


def _lines(text: str) -> str:
    """A line break typed inside a paragraph stays one (the DOCX writer makes it a w:br)."""
    return "<br>".join(escape(line) for line in xml_safe(text).split("\n"))
