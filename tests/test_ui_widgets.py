"""The ipywidgets views, driven by setting ``.value`` and calling ``.click()`` (STYLE.md 9).

No kernel is needed: widgets work without a front end, their values are plain traits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
import records_archive as ra

from digitize.models import BatchResult
from digitize.progress import Progress
from digitize.ui.controller import RunController
from digitize.ui.progress import Phase, RunSnapshot
from digitize.ui.widgets import (
    ExportView,
    ProgressView,
    ReviewView,
    RunView,
    SearchView,
    WidgetProgress,
    export_app,
    message_html,
    review_app,
    run_app,
    search_app,
)


@pytest.fixture
def kho(tmp_path: Path) -> Path:
    return ra.make_archive(
        tmp_path / "kho",
        [
            ra.Doc("HS-01/qd-15.png", (ra.admin_text(),)),
            ra.Doc(
                "HS-02/cv-05.png",
                (ra.admin_text(number="05/SNV-VP", subject="V/v chữ ký số", heading=""),),
            ),
        ],
    )


def test_progress_view_shows_percent_rate_and_failures() -> None:
    view = ProgressView()
    view.update(RunSnapshot(Phase.RUNNING, total=4, done=1, elapsed=30.0))
    assert view.bar.value == 25
    assert view.bar.description == "25%"
    assert view.bar.bar_style == "info"
    assert "1/4 trang (25%) · 2,0 trang/phút · còn khoảng 1 phút 30 giây" in view.label.value
    view.update(RunSnapshot(Phase.FINISHED, total=4, done=4, failed=1, elapsed=60.0))
    assert (view.bar.value, view.bar.bar_style) == (100, "danger")
    assert "lỗi: 1" in view.label.value


def test_widget_progress_is_a_progress_adapter() -> None:
    progress = WidgetProgress()
    assert isinstance(progress, Progress)
    progress.start(2, "Số hóa")
    progress.advance()
    progress.advance(failed=1)
    progress.finish()
    assert progress.view.bar.value == 100
    assert isinstance(progress.widget, w.VBox)


def test_message_html_escapes_and_marks_errors() -> None:
    assert message_html("") == ""
    html = message_html("a <b>\nc", error=True)
    assert "a &lt;b&gt;<br>c" in html and "#b00020" in html


def fake_runner(pages: int) -> Any:
    def run(source: Path, archive: Path, options: Any, *, progress: Progress) -> BatchResult:
        run.options = options  # type: ignore[attr-defined]
        progress.start(pages, "Số hóa")
        for _ in range(pages):
            progress.advance()
        progress.finish()
        return BatchResult(archive, (), (), (), pages_processed=pages, seconds=1.0)

    return run


def test_run_view_passes_form_values_and_follows_progress(kho: Path) -> None:
    runner = fake_runner(3)
    controller = RunController("/nowhere", "/nowhere", {"engine": "x:y"}, runner=runner)
    controller._build_records = False
    view = RunView(controller)
    view.source.value = str(kho / "scans")
    view.archive.value = str(kho)
    view.jobs.value = 2
    view.threshold.value = 70
    view.pdfa.value = True
    view.start_button.click()
    controller.wait()
    assert runner.options.jobs == 2
    assert runner.options.review_threshold == 70.0
    assert runner.options.output == "pdfa"
    assert runner.options.engine == "x:y"  # notebook options the form does not show survive
    assert view.progress.bar.value == 100
    assert view.progress.bar.bar_style == "success"
    assert "Đã xong" in view.message.value
    assert view.start_button.disabled is False


def test_run_view_keeps_options_given_as_an_object(kho: Path) -> None:
    from digitize.options import DigitizeOptions

    runner = fake_runner(1)
    options = DigitizeOptions(jobs=3, lang="vie", page_timeout=60.0)
    controller = RunController(kho / "scans", kho, options, runner=runner)
    controller._build_records = False
    view = RunView(controller)
    assert view.jobs.value == 3
    view.start_button.click()
    controller.wait()
    assert runner.options.page_timeout == 60.0
    assert runner.options.jobs == 3


def test_run_view_shows_a_missing_folder_in_red(tmp_path: Path) -> None:
    view = run_app(tmp_path / "khong-co", tmp_path / "kho")
    assert view.note.value and "Kho mới" in view.note.value
    view.start_button.click()
    assert "Không tìm thấy thư mục bản quét" in view.message.value
    assert "#b00020" in view.message.value
    assert view.progress.bar.bar_style == "danger"
    assert view.start_button.disabled is False


def test_review_view_saves_edits_and_moves_on(kho: Path) -> None:
    view = review_app(kho, flagged_only=False, author="Lan")
    assert isinstance(view, ReviewView)
    assert "Đã kiểm tra 0/2 trang" in view.header.value
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert view.fields["Code"].value == "15/QĐ-SNV"
    view.fields["Code"].value = "15 QĐ"
    assert "không đúng dạng" in view.validation.value
    view.save_button.click()
    assert "không đúng dạng" in view.message.value
    assert view.controller.reviewed == set()
    view.fields["Code"].value = "17/QĐ-SNV"
    assert view.validation.value == ""
    view.text.value = view.text.value + "\nđã sửa tay"
    view.save_next_button.click()
    assert "Đã lưu 1 trường và nội dung trang" in view.message.value
    assert view.controller.index == 1
    assert view.progress.value == 1
    assert view.fields["Code"].value == "05/SNV-VP"
    view.prev_button.click()
    assert view.fields["Code"].value == "17/QĐ-SNV"
    assert view.text.value.endswith("đã sửa tay")
    view.next_button.click()
    assert view.controller.index == 1


def test_review_view_with_an_empty_queue(kho: Path) -> None:
    view = review_app(kho)
    assert isinstance(view, ReviewView)
    assert "Không có trang nào cần kiểm tra." in view.header.value
    assert view.save_button.disabled


def test_apps_on_a_missing_archive_show_a_message(tmp_path: Path) -> None:
    for app in (review_app(tmp_path / "x"), search_app(tmp_path / "x")):
        assert isinstance(app, w.HTML)
        assert "không phải kho số hóa" in app.value
    export = export_app(tmp_path / "x", tmp_path / "ra")
    assert isinstance(export, w.HTML)


def test_search_view_lists_highlighted_hits_and_opens_a_page(kho: Path) -> None:
    view = search_app(kho, notebook_dir=kho)
    assert isinstance(view, SearchView)
    assert ("Quyết định", "Quyết định") in view.doc_type.options
    view.query.value = "chu ky so"  # searching on change of the box
    assert "Tìm thấy 1 văn bản" in view.message.value
    assert "<mark>" in view.results.value
    assert "HS-02/cv-05.png" in view.results.value
    assert view.choice.value == 0  # the first hit is ready to open
    assert view.image.layout.display == "none"  # no broken-image icon before that
    view.open_button.click()
    assert bytes(view.image.value).startswith(b"\x89PNG")
    assert view.image.layout.display is None
    assert 'href="documents/HS-02/cv-05.pdf"' in view.link.value
    view.accents.value = True
    view.search_button.click()
    assert "Tìm thấy 0 văn bản" in view.message.value
    view.query.value = ""
    view.doc_type.value = "Quyết định"
    view.search_button.click()
    assert "HS-01/qd-15.png" in view.results.value
    view.date_from.value = "không phải ngày"
    view.search_button.click()
    assert "không hợp lệ" in view.message.value and "#b00020" in view.message.value


def test_export_view_exports_and_shows_the_manifest(kho: Path, tmp_path: Path) -> None:
    view = export_app(kho, tmp_path / "ra")
    assert isinstance(view, ExportView)
    assert view.scope.options == ("Toàn bộ kho", "HS-01", "HS-02")
    view.format.value = "bagit"
    view.scope.value = "HS-02"
    view.export_button.click()
    assert "Túi BagIt hợp lệ" in view.message.value
    assert "data/dossier/HS-02.pdf" in view.manifest.value
    view.format.value = "csv"
    view.export_button.click()
    assert "van-ban.csv" in view.manifest.value
