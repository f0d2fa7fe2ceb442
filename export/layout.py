"""Every layout constant of the exported report in one place.

The page follows GB/T 9704-2012 党政机关公文格式 (A4, 版心 156 mm × 225 mm, 22 lines × 28 characters,
三号仿宋 body), which is what published 政府信息公开工作年度报告 use; the official formats
(国办公开办函〔2019〕60号, 〔2021〕30号) prescribe the tables but no typography.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- page (millimetres) ----------------------------------------------------------------------------
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0  # 天头
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0  # 订口
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
# The page number's 一字线 sits 7 mm below the type area; Word measures the footer from the paper's
# edge to the bottom of the footer line, so 35 − 7 − half a 四号 line ≈ 25 mm.
FOOTER_DISTANCE_MM = 25.0
HEADER_DISTANCE_MM = 15.0

# -- type sizes (points): 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5 ---------------------------------
TITLE_PT = 22.0
BODY_PT = 16.0
PAGE_NUMBER_PT = 14.0
TABLE_PT = 10.5

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# Exact line pitch that puts 22 lines in the 225 mm type area (637.8 pt / 22 = 28.99 pt), rounded down
# to whole twips so the 22nd line never spills onto the next page.
LINE_PITCH_PT = 28.9
# 28 三号 characters are 448 pt but the type area is 442.2 pt wide; the usual 公文 templates condense
# the characters slightly, which is what gives 28 characters a line (28 × 15.7 pt = 439.6 pt, leaving
# room for rounding in Word and WPS; 29 characters would need 15.25 pt each).
BODY_CHAR_SPACING_PT = -0.3
FIRST_LINE_INDENT_CHARS = 2
TITLE_SPACE_AFTER_LINES = 1  # one empty body line between the title and the text
SIGNATURE_RIGHT_CHARS = 2  # 发文机关署名右空二字
SIGNATURE_DATE_SHIFT_CHARS = 2  # 成文日期首字比署名首字右移二字
PAGE_NUMBER_SIDE_CHARS = 1  # 单页码居右空一字，双页码居左空一字
PAGE_NUMBER_TEXT = ("— ", " —")  # 一字线 on both sides of the number

# -- tables ------------------------------------------------------------------------------------------
TABLE_BORDER_EIGHTHS = 4  # 0.5 pt single lines
TABLE_CELL_MARGIN_MM = 1.0  # left/right padding; Word's default 1.9 mm leaves too little for 7 columns
TABLE_CELL_MARGIN_TOP_MM = 0.4
TABLE_KEEP_GROUP_MAX_ROWS = 10  # row groups up to this size are kept on one page
# A count of up to six digits never wraps in a value column (issue 14: "300/1" in table 三's 11.4 mm
# columns): the digits' advance is taken at 0.64 em — 宋体's are 0.5 em, but where it is missing a reader
# substitutes what it has (DejaVu's are 0.636 em, Noto's 0.55) — and where a column cannot hold six such
# digits at TABLE_PT the numbers get a smaller size, never below TABLE_NUMBER_MIN_PT (table 四’s fifteen
# columns then hold four digits in the widest fallback, five in 宋体).
TABLE_VALUE_DIGITS = 6
DIGIT_EM = 0.64
TABLE_NUMBER_MIN_PT = 9.0  # 小五, as published reports set table 四
PT_PER_MM = 72 / 25.4
PICTURE_MAX_HEIGHT_MM = TEXT_HEIGHT_MM - LINE_PITCH_PT / PT_PER_MM  # the type area less one line
TABLE_MIN_WIDTH_MM = 150.0  # the web page's tables: narrower screens scroll the table, not squeeze it
SPACE_AFTER_TABLE_LINES = 1  # one empty line between a table and the next heading, as published reports


def number_pt(column_mm: float) -> float:
    """The type size (in half points) at which TABLE_VALUE_DIGITS digits fit a value column `column_mm` wide."""
    room_pt = (column_mm - 2 * TABLE_CELL_MARGIN_MM) * PT_PER_MM
    fits = room_pt / (TABLE_VALUE_DIGITS * DIGIT_EM)
    return max(TABLE_NUMBER_MIN_PT, min(TABLE_PT, int(fits * 2) / 2))


def table_number_pt(col_widths: tuple[float, ...], value_cols: set[int]) -> float:
    """One size for all the numbers of a table (from its narrowest value column), so a table reads evenly."""
    narrowest = min((col_widths[c] for c in value_cols), default=1.0)
    return number_pt(narrowest * TEXT_WIDTH_MM)


def picture_mm(width_px: int, height_px: int, width_mm: float | None = None) -> tuple[float, float]:
    """A picture's size on the page: `width_mm` (or its pixels at 96 dpi), scaled down, keeping its shape, until
    it fits the type area both ways — a tall screenshot (800×2000 px) was written 390 mm high on a page with
    225 mm. The height leaves one line for the caption or the paragraph after it."""
    if width_px <= 0 or height_px <= 0:
        return (min(width_mm or TEXT_WIDTH_MM, TEXT_WIDTH_MM), 0.0)
    w = width_mm if width_mm else width_px * 25.4 / 96
    h = w * height_px / width_px
    scale = min(1.0, TEXT_WIDTH_MM / w, PICTURE_MAX_HEIGHT_MM / h)
    return (w * scale, h * scale)


@dataclass(frozen=True)
class Font:
    """A font by the name publications use, with what to use where it is not installed."""

    name: str
    fallbacks: tuple[str, ...]  # in order; all ship with Chinese Windows
    panose: str  # lets Word pick a look-alike when neither name is found
    family: str  # OOXML w:family: "roman" | "modern" | "swiss" | "script" | "decorative" | "auto"
    pitch: str = "variable"


# GB fonts carry the GB2312 character set (charset 0x86); their fallbacks are the fonts Windows ships
# under the same look (仿宋 = FangSong, 楷体 = KaiTi, 黑体 = SimHei, 宋体 = SimSun).
BODY_FONT = Font("仿宋_GB2312", ("仿宋", "FangSong"), "02010609030101010101", "modern", "fixed")
# 方正小标宋简体 is a bold display serif; plain 宋体 is a thin text face and reads as a different title. The chain
# goes through the faces closest to it that offices have: 方正小标宋_GBK (the GBK cut, same look), 华文中宋
# (STZhongsong, installed with Microsoft Office and WPS on Windows), 宋体 last. Word reads only the first
# altName; the panose of a heavy serif lets it pick a bold 宋 look-alike when none of the names is there.
TITLE_FONT = Font(
    "方正小标宋简体", ("华文中宋", "方正小标宋_GBK", "STZhongsong", "宋体", "SimSun"), "02010800040101010101", "roman"
)
HEADING1_FONT = Font("黑体", ("SimHei",), "02010609060101010101", "modern", "fixed")
HEADING2_FONT = Font("楷体_GB2312", ("楷体", "KaiTi"), "02010609030101010101", "modern", "fixed")
PAGE_NUMBER_FONT = Font("宋体", ("SimSun",), "02010600030101010101", "auto")
TABLE_FONT = PAGE_NUMBER_FONT

ALL_FONTS = (BODY_FONT, TITLE_FONT, HEADING1_FONT, HEADING2_FONT, PAGE_NUMBER_FONT)
FONT_CHARSET_GB2312 = "86"
LANG_LATIN = "en-US"
LANG_EAST_ASIAN = "zh-CN"

# -- HTML / XLSX ---------------------------------------------------------------------------------------
# Families for the web page: the GB name first, then what Windows, macOS and Linux have.
# Single quotes inside: the families go into style="…" attributes.
CSS_FAMILIES = {
    "body": "'仿宋_GB2312', '仿宋', FangSong, STFangsong, 'Noto Serif CJK SC', serif",
    "title": (
        "'方正小标宋简体', '方正小标宋_GBK', '华文中宋', STZhongsong, 'Source Han Serif SC Heavy', "
        "'Noto Serif CJK SC Black', 'Noto Serif CJK SC', '宋体', SimSun, STSong, serif"
    ),
    "h1": "'黑体', SimHei, STHeiti, 'Noto Sans CJK SC', sans-serif",
    "h2": "'楷体_GB2312', '楷体', KaiTi, STKaiti, 'Noto Serif CJK SC', serif",
    "table": "'宋体', SimSun, STSong, 'Noto Serif CJK SC', serif",
}
XLSX_FONT = "宋体"
XLSX_FONT_PT = 10.5
XLSX_TABLE_WIDTH_CHARS = 96.0  # the sum of a sheet's column widths, in Excel character units


def mm_to_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def pt_to_twips(pt: float) -> int:
    return round(pt * 20)


TEXT_WIDTH_TWIPS = mm_to_twips(TEXT_WIDTH_MM)
LINE_PITCH_TWIPS = pt_to_twips(LINE_PITCH_PT)
