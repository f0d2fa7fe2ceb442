"""File paths through the GUI: save / 另存为, a refused save, open, recent files, close with unsaved changes,
从去年的报告开始, and export from the final page."""

from __future__ import annotations


import pytest
from PySide6.QtWidgets import QFileDialog

from gui.shell import settings
from model import project_file
from model.edits import SetCell, SetMeta
from model.errors import FileLocked
from model.report import new_report
from model.sample import load_sample

pytestmark = pytest.mark.gui


def _answer_file_dialogs(monkeypatch, open_path=None, save_path=None):
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: asked.append("open") or (str(open_path or ""), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append("save") or (str(save_path or ""), ""))
    )
    return asked


def test_ctrl_s_on_the_sample_asks_where_to_save(make_window, monkeypatch, tmp_path):
    target = tmp_path / "我的报告"  # the extension is added
    asked = _answer_file_dialogs(monkeypatch, save_path=target)
    window = make_window()
    window.doc.push(SetMeta("contact", "电话：1234"), "联系方式")
    window.act_save.trigger()
    assert asked == ["save"]
    saved = tmp_path / "我的报告.nianbao"
    assert project_file.load(saved)[0].meta.contact == "电话：1234"
    assert window.doc.path == str(saved)
    assert window.windowTitle().startswith("我的报告.nianbao[*]")
    assert not window.isWindowModified()
    assert settings.recent_files() == [str(saved)]
    window.doc.push(SetMeta("contact", "电话：5678"), "联系方式")
    window.act_save.trigger()  # now it has a path: no dialog
    assert asked == ["save"]
    assert project_file.load(saved)[0].meta.contact == "电话：5678"


def test_locked_target_offers_save_as(make_window, monkeypatch, tmp_path, fake_dialogs):
    path = tmp_path / "报告.nianbao"
    project_file.save(load_sample(), path)
    window = make_window(path)
    window.doc.push(SetMeta("contact", "新的联系方式"), "联系方式")
    real_save = window.doc.save

    def locked(p=None):
        if p in (None, str(path)):
            raise FileLocked(path=str(path))
        return real_save(p)

    monkeypatch.setattr(window.doc, "save", locked)
    fake_dialogs.save_error_wants_save_as = True
    _answer_file_dialogs(monkeypatch, save_path=tmp_path / "副本.nianbao")
    assert window.files.save() is True
    assert fake_dialogs.names() == ["show_save_error"]
    message = fake_dialogs.calls[0][1][1]
    assert "只读" in message.message and message.hint
    assert project_file.load(tmp_path / "副本.nianbao")[0].meta.contact == "新的联系方式"
    assert project_file.load(path)[0].meta.contact != "新的联系方式"  # the locked file is untouched


def test_open_through_the_menu(make_window, monkeypatch, tmp_path):
    path = tmp_path / "去年.nianbao"
    project_file.save(new_report("某某局", 2024), path)
    _answer_file_dialogs(monkeypatch, open_path=path)
    window = make_window()
    window.act_open.trigger()
    assert window.doc.path == str(path)
    assert window.doc.report.meta.agency == "某某局"
    assert window.current_key() == "meta"
    assert window.pages["meta"].agency.text() == "某某局"
    assert [a.text() for a in window.recent_menu.actions()] == ["&1 去年.nianbao"]


def test_open_a_damaged_file_says_so(make_window, monkeypatch, tmp_path, fake_dialogs):
    path = tmp_path / "坏的.nianbao"
    path.write_bytes(b"{not json")
    _answer_file_dialogs(monkeypatch, open_path=path)
    window = make_window()
    window.act_open.trigger()
    assert fake_dialogs.names() == ["show_error"]
    assert window.doc.path is None  # still the sample


def test_new_report_through_the_start_page(make_window, fake_dialogs):
    fake_dialogs.new_report = ("某某市人民政府办公室", 2025)
    window = make_window()
    window.pages["start"].btn_new.click()
    assert window.doc.report.meta.agency == "某某市人民政府办公室"
    assert window.windowTitle().startswith("未命名报告")
    assert window.current_key() == "meta"


def test_close_with_unsaved_changes(make_window, fake_dialogs, monkeypatch, tmp_path):
    window = make_window()
    window.doc.push(SetMeta("contact", "x电话"), "联系方式")
    fake_dialogs.unsaved = "cancel"
    assert window.close() is False
    assert window.isVisible()
    assert fake_dialogs.names() == ["ask_unsaved"]
    fake_dialogs.unsaved = "save"
    _answer_file_dialogs(monkeypatch, save_path=tmp_path / "关闭前保存.nianbao")
    assert window.close() is True
    assert project_file.load(tmp_path / "关闭前保存.nianbao")[0].meta.contact == "x电话"


def test_close_without_saving_leaves_no_recovery_copy(make_window, fake_dialogs):
    window = make_window()
    window.doc.push(SetMeta("contact", "x电话"), "联系方式")
    assert window.autosaver.save_now()
    assert window.autosaver.path.exists()
    fake_dialogs.unsaved = "discard"
    assert window.close() is True
    assert not window.autosaver.path.exists()


def test_start_from_last_years_report(make_window, monkeypatch, fake_dialogs):
    pytest.importorskip("model.rollover")
    from tests.conftest import fixture_path

    source = fixture_path("seed_000__official.docx")
    _answer_file_dialogs(monkeypatch, open_path=source)
    window = make_window()
    window.pages["start"].btn_import.click()
    assert "show_import_log" in fake_dialogs.names(), fake_dialogs.calls
    summary, lines = fake_dialogs.calls[-1][1][1:]
    assert "新报告" in summary and lines
    assert window.doc.path is None
    assert window.isWindowModified()  # nothing of it is saved yet
    assert window.current_key() == "meta"
    # last year's 统计期限 was advanced as one undo step of its own
    preamble = window.doc.report.blocks("preamble")[0].text
    assert "统计期限自2021年1月1日起" in preamble
    assert window.doc.undo_stack.undoText() == "沿用文字中的年份改为2021年"
    window.act_undo.trigger()
    assert "统计期限自2020年1月1日起" in window.doc.report.blocks("preamble")[0].text
    assert any(f.rule_id == "TEXT_YEAR" for f in window.doc.findings)


def test_export_word_from_the_final_page(make_window, monkeypatch, tmp_path):
    pytest.importorskip("export.docx_writer")
    target = tmp_path / "年报.docx"
    _answer_file_dialogs(monkeypatch, save_path=target)
    window = make_window()
    page = window.go_to_page("final")
    page.buttons["docx"].click()
    assert target.exists() and target.stat().st_size > 0
    assert page.last_export == str(target)
    assert page.btn_folder.isEnabled()


def test_export_with_errors_asks_first(make_window, monkeypatch, tmp_path, fake_dialogs):
    pytest.importorskip("export.html_writer")
    report = new_report("某某局", 2025)
    window = make_window(report=report)
    window.doc.push(SetCell(report.format.table_cells("t3")[0], 5), "填写")
    page = window.go_to_page("final")
    target = tmp_path / "草稿.html"
    assert page.export("html", str(target)) is False
    assert fake_dialogs.names() == ["confirm_force_export"] and not target.exists()
    fake_dialogs.force_export = True
    assert page.export("html", str(target)) is True
    assert target.exists()


def test_a_recent_file_that_vanished_is_said_and_dropped(make_window, tmp_path, fake_dialogs):
    from gui.shell import settings

    kept = tmp_path / "还在.nianbao"
    project_file.save(new_report("某某局", 2024), kept)
    gone = tmp_path / "已删除.nianbao"
    project_file.save(new_report("某某局", 2023), gone)
    settings.add_recent(str(kept))
    settings.add_recent(str(gone))
    gone.unlink()
    window = make_window()
    assert window.files.open(str(gone)) is False
    assert fake_dialogs.names() == ["show_error"]
    assert "找不到" in fake_dialogs.calls[0][1][2].message
    assert settings.recent_files() == [str(kept)]
    assert [a.text() for a in window.recent_menu.actions()] == ["&1 还在.nianbao"]


def _first_window(qtbot, path):
    from gui.app import open_first_window

    window = open_first_window(str(path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass  # the frame is filled after its first paint
    return window


def test_a_project_handed_to_the_app_opens_in_its_first_window(qtbot, tmp_path, fake_dialogs):
    path = tmp_path / "本局2025年报.nianbao"
    report = new_report("某某局", 2025)
    project_file.save(report, path)
    window = _first_window(qtbot, path)
    assert fake_dialogs.calls == []
    assert window.doc.path == str(path) and window.doc.report.meta.agency == "某某局"
    assert window.windowTitle().startswith("本局2025年报.nianbao") and not window.isWindowModified()
    assert window.current_key() == "start"
    assert settings.recent_files() == [str(path)]
    assert [a.text() for a in window.recent_menu.actions()] == ["&1 本局2025年报.nianbao"]


def test_a_docx_handed_to_the_app_starts_from_it(qtbot, fake_dialogs):
    from tests.conftest import fixture_path

    window = _first_window(qtbot, fixture_path("seed_000__official.docx"))
    assert fake_dialogs.names() == ["show_import_log"]
    assert window.doc.path is None and window.doc.report.meta.year == 2021  # the 2020 report, rolled forward
    assert window.current_key() == "meta"
    window.doc.undo_stack.setClean()


def test_a_damaged_project_handed_to_the_app_opens_the_sample_and_says_why(qtbot, tmp_path, fake_dialogs):
    path = tmp_path / "坏的.nianbao"
    path.write_bytes(b"{not json")
    window = _first_window(qtbot, path)
    assert fake_dialogs.names() == ["show_error"]
    assert window.doc.report.meta.agency == load_sample().meta.agency
    assert path.read_bytes() == b"{not json"
