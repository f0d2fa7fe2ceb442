"""User-visible Chinese strings of the GUI that are not in the format data (section titles, guidance and
check messages come from `model.formats` / `model.checks`). Kept in one place so wording is reviewed once.
"""

from __future__ import annotations

APP_NAME = "政府信息公开年报助手"
ORG_NAME = "nianbao"
UNTITLED = "未命名报告"
SAMPLE_TITLE = "示例报告（内置）"
OPENING = "正在打开报告……"
START_FAILED = "报告没能打开。请关闭本程序后重新启动；如果仍然不行，请把日志文件发给技术支持：\n{log}"
FILE_FILTER = "年报项目 (*.nianbao)"
IMPORT_FILTER = "上一年度报告 (*.docx *.pdf *.html *.htm *.nianbao);;所有文件 (*)"
IMAGE_FILTER = "图片 (*.png *.jpg *.jpeg *.gif *.bmp)"

# -- pages -------------------------------------------------------------------------------------------
PAGE_START = "开始"
PAGE_META = "基本信息"
PAGE_PREAMBLE = "开头段落"
PAGE_FINAL = "检查与导出"
PREAMBLE_GUIDANCE = (
    "报告开头的说明段落：写明依据《中华人民共和国政府信息公开条例》编制本报告、报告所列数据的统计期限"
    "（本年度1月1日至12月31日），以及本报告电子版可在何处查阅、对本报告有疑问的联系方式。"
)

STATE_NAMES = {
    "empty": "尚未填写",
    "progress": "正在填写",
    "error": "有错误",
    "warning": "有待核实的提示",
    "done": "已完成",
    "none": "",
}

PROGRESS = "已填 {filled}/{total} 个单元格 · 已完成 {done}/{pages} 部分 · {findings}"
PROGRESS_FINDINGS = "{n} 个问题待处理"
PROGRESS_CLEAN = "没有待处理的问题"
PROGRESS_PAGE = "已填 {filled}/{total} 项"

# -- menus and actions (& marks the mnemonic: Alt+letter) --------------------------------------------
# No two commands visible together share a letter (the menu bar's F/E/V/H, a page's buttons, the footer's
# B/N, the checks panel's M/G): Alt+E on the final page once opened 编辑 and Enter then ran 撤销.
# tests/gui/test_access_keys.py walks every menu, page and dialog.
MENU_FILE = "文件(&F)"
MENU_EDIT = "编辑(&E)"
MENU_VIEW = "视图(&V)"
MENU_HELP = "帮助(&H)"
MENU_RECENT = "最近打开(&R)"
MENU_EXPORT = "导出(&X)"
MENU_FONT = "字号(&Z)"
ACT_NEW = "新建(&N)…"
ACT_OPEN = "打开(&O)…"
ACT_IMPORT = "从去年的报告开始(&L)…"
ACT_SAVE = "保存(&S)"
ACT_SAVE_AS = "另存为(&A)…"
ACT_OPEN_BACKUP = "打开备份(&B)…"
ACT_QUIT = "退出(&Q)"
ACT_UNDO = "撤销(&U)"
ACT_REDO = "重做(&R)"
UNDO_TIP = "{action}：{step}"
ACT_PREV = "上一步"
ACT_NEXT = "下一步"
ACT_CHECKS = "显示检查结果面板(&C)"
ACT_FOCUS_NAV = "转到报告目录(&M)"
ACT_FOCUS_CHECKS = "转到检查结果(&J)"
ACT_ABOUT = "关于年报助手(&A)"
ACT_EXPORT_DOCX = "导出 Word 文件(&W)…"
ACT_EXPORT_XLSX = "导出 Excel 表格(&E)…"
ACT_EXPORT_HTML = "导出网页文件(&H)…"
ACT_EXPORT_PDF = "导出 PDF 文件(&P)…"
ACT_PRINT_PREVIEW = "打印预览(&V)…"
ACT_PRINT = "打印(&P)…"
RECENT_EMPTY = "（没有最近打开的文件）"
FONT_SIZES = (("标准", 10), ("较大", 12), ("特大", 14))

# -- start page --------------------------------------------------------------------------------------
START_HEADING = "开始编写年度报告"
START_INTRO = (
    "每年1月31日前，行政机关应当公布上一年度的政府信息公开工作年度报告。"
    "本软件按国务院办公厅规定的格式逐节引导填写，实时检查表格之间的勾稽关系，并导出可直接发布的Word文件。"
)
START_IMPORT = "从去年的报告开始"
START_IMPORT_DESC = "选择上一年度的报告（Word、网页或项目文件），自动带入沿用的文字和结转数据。推荐。"
START_NEW = "新建空白报告"
START_NEW_DESC = "从头填写一份新的年度报告。"
START_OPEN = "打开项目文件"
START_OPEN_DESC = "继续编辑以前保存的 .nianbao 项目文件。"
START_CONTINUE = "继续编辑当前报告"
START_RECENT = "最近打开的文件"
START_RECENT_NONE = "还没有最近打开的文件。"

# -- meta page ---------------------------------------------------------------------------------------
META_HEADING = "基本信息"
META_INTRO = "这些信息出现在报告标题和落款处。"
META_AGENCY = "机关全称(&J)："
META_YEAR = "报告年度(&Y)："
META_TITLE = "报告标题(&T)："
META_TITLE_HINT = "不填则使用默认标题"
META_DATE = "落款日期(&D)："
META_DATE_UNSET = "未填写"
META_DATE_SET = "填写日期"
META_DATE_CLEAR = "清除"
META_CONTACT = "联系方式(&L)："
META_FORMAT = "报告格式："

# -- narrative page ----------------------------------------------------------------------------------
NARR_GUIDANCE = "本部分应当写什么"
NARR_HEADINGS = "常用小标题（点击插入）"
NARR_GUIDANCE_HIDE = "隐藏说明(&S)"
NARR_GUIDANCE_SHOW = "显示说明(&S)"
NARR_GUIDANCE_TIP = "隐藏或显示右侧“本部分应当写什么”的说明，让正文编辑区更宽。各部分都按这里的选择显示。"
NARR_INSERT_HEADING = "插入小标题(&T)"
NARR_INSERT_IMAGE = "插入图片(&I)…"
NARR_COUNT = "字数：{n}"
NARR_REPEATED = "与上年相同：{p}%"
NARR_REPEATED_TIP = "本部分{n}句中有{c}句与{year}年报告相同（浅蓝底色标出）；评议时重复过多会扣分。"
NARR_REVIEW_BANNER = (
    "有 {n} 段文字待核对（黄色底纹：沿用自上一年度报告，或由“起草”按数字写出），改写或核对后点“已核对”。"
)
NARR_REVIEW_ONE = "本段已核对(&K)"
NARR_DRAFT = "起草(&D)"
NARR_DRAFT_TIP = "按表格中的数字（有上年数字时含上年和增减）起草几段文字，接在已有正文之后，标为待核对；可撤销。"
NARR_DRAFT_EDIT = "起草“{name}”"
NARR_DRAFT_NONE = "表格中还没有可用于起草本部分的数字。请先填写表三、表四等表格，再点“起草”。"
NARR_REVIEW_ALL = "本部分全部已核对"
NARR_PLACEHOLDER = "在这里输入本部分的正文。每段一行，回车另起一段。"
NARR_HEADING_DEFAULT = "（一）小标题"
NARR_IMAGE_FAILED = "无法读取这张图片，请换一张 PNG 或 JPG 格式的图片。"
NARR_EDIT = "修改“{name}”"
FIND_LABEL = "查找"
FIND_PLACEHOLDER = "查找（Ctrl+F）：输入要找的文字，回车找下一处"
REPLACE_LABEL = "替换为"
REPLACE_PLACEHOLDER = "替换为（Ctrl+H）"
FIND_PREV = "上一处"
FIND_NEXT = "下一处"
REPLACE_ONE = "替换"
REPLACE_ALL = "全部替换"
FIND_CLOSE = "关闭"
FIND_COUNT = "共 {n} 处"
FIND_AT = "第 {i} 处，共 {n} 处"
FIND_NONE = "本部分没有找到“{text}”"
REPLACED = "已替换 {n} 处"
REPLACE_EDIT = "在“{name}”中把“{old}”替换为“{new}”"
MARK_NONE = "本部分没有标出的年份、数字或与上年相同的句子"
MARK_AT = "标记 {i}/{n}（F3 下一处，Shift+F3 上一处）"

# -- checks ------------------------------------------------------------------------------------------
CHECKS_TITLE = "检查结果"
CHECKS_SUMMARY = "{errors} 个错误，{warnings} 个待核实的提示"
CHECKS_SUMMARY_NO_ERRORS = "没有错误，{warnings} 个待核实的提示"
CHECKS_CLEAN = "没有发现问题"
CHECKS_ACK = "填写说明(&M)…"
CHECKS_UNACK = "撤回说明"
CHECKS_GO = "转到(&G)"
CHECKS_ACKED = "已说明：{text}"
CHECKS_HINT = "处理办法：{hint}"
SEVERITY = {"error": "错误", "warning": "提示", "acked": "已说明"}
ACK_TITLE = "填写说明"
ACK_PROMPT = (
    "如果这里确实与规则不一致（例如数据口径特殊），请写明原因（至少 {n} 个字）。"
    "说明会保存在项目中，并随报告检查结果一起留存。"
)
ACK_EDIT = "说明“{title}”"
ACK_WITHDRAW = "撤回说明"

# -- final page --------------------------------------------------------------------------------------
FINAL_HEADING = "检查与导出"
FINAL_CLEAN = "检查通过：没有错误，也没有待核实的提示。可以导出报告。"
FINAL_ERRORS = "还有 {errors} 个错误必须改正，{warnings} 个提示需要核实或说明。点击下面的条目可转到相应位置。"
FINAL_WARNINGS = "没有错误。还有 {warnings} 个提示需要核实：改正，或点“填写说明”写明原因。"
FINAL_EXPORT = "导出"
FINAL_DOCX = "导出 Word 文件(&W)…"
FINAL_DOCX_DESC = "公文格式，可直接印发、上网公开"
FINAL_XLSX = "导出 Excel 表格(&X)…"
FINAL_XLSX_DESC = "三张统计表，便于汇总报送"
FINAL_HTML = "导出网页文件(&P)…"
FINAL_HTML_DESC = "可粘贴到政府网站的信息公开专栏"
FINAL_PDF = "导出 PDF 文件(&T)…"
FINAL_PDF_DESC = "与 Word 文件版式相同，可直接发布"
PRINT_TITLE = "打印报告"
PRINT_PREVIEW_TITLE = "打印预览"
PRINT_FAILED = "无法打印：{reason}。请检查打印机是否已连接、已开机，或先导出 PDF 文件再打印。"
FINAL_OPEN_FOLDER = "打开所在文件夹(&D)"
FINAL_LAST = "已导出：{path}"
EXPORT_FILTERS = {
    "docx": "Word 文件 (*.docx)",
    "xlsx": "Excel 文件 (*.xlsx)",
    "html": "网页文件 (*.html)",
    "pdf": "PDF 文件 (*.pdf)",
}
EXPORT_NAMES = {"docx": "Word 文件", "xlsx": "Excel 表格", "html": "网页文件", "pdf": "PDF 文件"}
EXPORT_FORCE_TITLE = "报告中还有错误"
EXPORT_FORCE = "仍然导出(&E)"
NO_DATE_TITLE = "没有落款日期"
EXPORT_ANYWAY = "仍然导出(&E)"
EXPORT_UNAVAILABLE = "导出功能尚未安装完整，暂时无法导出。"
EXPORT_DONE = "已导出{name}：\n{path}"

# -- files -------------------------------------------------------------------------------------------
DLG_OPEN = "打开项目文件"
DLG_SAVE_AS = "另存为"
DLG_IMPORT = "选择上一年度的报告"
DLG_EXPORT = "导出{name}"
UNSAVED_TITLE = "保存修改"
UNSAVED_TEXT = "“{name}”有尚未保存的修改。"
UNSAVED_INFO = "如果不保存，本次修改将会丢失。"
BTN_SAVE = "保存(&S)"
BTN_DISCARD = "不保存(&N)"
BTN_CANCEL = "取消(&C)"
BTN_SAVE_AS = "另存为(&A)…"
BTN_RECOVER = "恢复(&R)"
BTN_DROP = "放弃(&D)"
BTN_LATER = "以后再说(&L)"
LOCKED_TITLE = "文件正在使用中"
LOCKED_TEXT = "“{name}”{who}打开编辑。"
LOCKED_INFO = (
    "为避免两处的修改互相覆盖：选“只读打开”可以查看和修改，但不能保存到原文件（可以用“另存为”保存为新文件）；"
    "选“另存副本”先把它另存为一个新文件，再在副本上工作。"
)
BTN_OPEN_READ_ONLY = "只读打开(&R)"
BTN_SAVE_COPY = "另存副本(&A)…"
DLG_SAVE_COPY = "另存副本"
READ_ONLY_MARK = "（只读）"
SAVE_FAILED_TITLE = "保存失败"
OPEN_FAILED_TITLE = "无法打开"
IMPORT_FAILED_TITLE = "无法导入"
IMPORT_UNAVAILABLE = "导入功能尚未安装完整，暂时无法从去年的报告开始。可以先“新建空白报告”。"
IMPORT_LOG_TITLE = "导入结果"
IMPORT_DONE = "已根据上一年度报告建立{year}年度的新报告。沿用的文字已用黄色底纹标出，请逐段核对。"
NEW_TITLE = "新建报告"
NEW_AGENCY = "机关全称："
NEW_YEAR = "报告年度："
BACKUP_TITLE = "打开备份"
BACKUP_INTRO = (
    "每天第一次保存时，本软件会把保存前的版本另存一份备份，每份报告保留最近 {n} 天。"
    "选择一份打开：它作为新的未保存报告打开，原文件和备份都不会被改动。"
)
BACKUP_ITEM = "{name}　　{time} 保存的版本"
BACKUP_NONE = "还没有备份。每天第一次保存报告时会自动留一份备份。"
BACKUP_UNTITLED = "{name}（{time} 的备份）"
STATUS_SAVED = "已保存：{path}"
STATUS_AUTOSAVED = "已自动保存恢复副本（{time}）"
STATUS_REJECTED = "未能修改：{text}"

# -- recovery and crashes ----------------------------------------------------------------------------
RECOVER_TITLE = "恢复未保存的工作"
RECOVER_TEXT = "上次退出时，有 {n} 份报告的修改没有保存。是否恢复？"
RECOVER_ITEM = "“{title}”（{source}，自动保存于 {time}）"
RECOVER_SOURCE_NONE = "尚未保存过的报告"
RECOVER_INFO = "选“恢复”打开这些修改，之后请及时保存；选“放弃”将删除恢复副本；选“以后再说”下次启动时再询问。"
CRASH_TITLE = "程序出错"
CRASH_TEXT = "年报助手遇到了意外错误。"
CRASH_INFO = "您的修改已保存为恢复副本，下次启动时可以恢复。错误详情已记入日志文件：\n{log}"
CRASH_INFO_NOSAVE = "错误详情已记入日志文件：\n{log}"
FONT_MISSING_TITLE = "缺少中文字体"
FONT_MISSING = (
    "系统中没有找到中文字体，界面文字可能显示为方框。请安装中文字体（如 Noto Sans CJK 或微软雅黑）后重新启动。"
)

# -- about -------------------------------------------------------------------------------------------
ABOUT_TITLE = "关于年报助手"
ABOUT_TEXT = (
    "<h3>政府信息公开年报助手</h3><p>版本 {version}</p>"
    "<p>按国务院办公厅政府信息公开工作年度报告格式（国办公开办函〔2021〕30号；"
    "2019—2020年度为〔2019〕60号）编写、检查并导出年度报告。</p>"
    "<p>离线运行，报告只保存在您自己的电脑上。</p>"
)
