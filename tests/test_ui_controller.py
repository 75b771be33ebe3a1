"""Controllers of the archivist notebooks, driven without Jupyter (STYLE.md rule 9).

Archives come from the records test factory (``records_archive.make_archive``): no Tesseract,
milliseconds per test. The batch runner is swapped for fakes except where the real library
must produce the error (archive locked, Tesseract missing).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import records_archive as ra
from PIL import Image

from digitize.exceptions import ArchiveError, MissingDependencyError
from digitize.models import BatchResult, Failure
from digitize.pipeline import archive_lock
from digitize.progress import Progress
from digitize.records import RecordStore, build_records
from digitize.ui.controller import (
    SCOPE_ALL,
    ExportController,
    ReviewController,
    RunController,
    SearchController,
    revisions_frame,
    snippet_html,
    user_message,
    validate_fields,
)
from digitize.ui.pages import render_page
from digitize.ui.progress import Phase, ProgressTracker, RunSnapshot, format_duration


@pytest.fixture
def kho(tmp_path: Path) -> Path:
    """Two dossiers, three documents, one of two pages."""
    return ra.make_archive(
        tmp_path / "kho",
        [
            ra.Doc("HS-01/qd-15.png", (ra.admin_text(),)),
            ra.Doc(
                "HS-01/tb-20.png",
                (
                    ra.admin_text(
                        number="20/TB-SNV",
                        heading="THÔNG BÁO",
                        subject="Về việc lịch tiếp công dân",
                        date="ngày 10 tháng 6 năm 2016",
                    ),
                    "Trang hai: danh sách cán bộ tiếp công dân.",
                ),
                confidence=60.0,
            ),
            ra.Doc(
                "HS-02/cv-05.png",
                (
                    ra.admin_text(
                        number="05/SNV-VP",
                        heading="",
                        subject="V/v chữ ký số trong văn bản điện tử",
                        agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                    ),
                ),
            ),
        ],
    )


# ------------------------------------------------------------------------------ progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_tracker_reports_pages_per_minute_eta_and_failures() -> None:
    clock = Clock()
    tracker = ProgressTracker(clock)
    seen: list[RunSnapshot] = []
    tracker.subscribe(seen.append)
    assert isinstance(tracker, Progress)
    tracker.start(10, "Số hóa")
    clock.now += 30
    tracker.advance(2)
    clock.now += 30
    tracker.advance(1, failed=1)
    s = tracker.snapshot
    assert (s.total, s.done, s.failed, s.percent) == (10, 3, 1, 30)
    assert s.pages_per_minute == pytest.approx(3.0)
    assert s.eta_seconds == pytest.approx(140.0)
    assert s.describe() == (
        "Đang số hóa: 3/10 trang (30%) · 3,0 trang/phút · còn khoảng 2 phút 20 giây · lỗi: 1"
    )
    tracker.finish()
    tracker.end(Phase.FINISHED, "xong")
    assert seen[-1].phase is Phase.FINISHED
    assert seen[-1].eta_seconds is None
    assert "thời gian 1 phút 0 giây" in seen[-1].describe()
    assert len(seen) == 6  # initial, start, 2 advances, finish, end


def test_a_finished_run_with_nothing_to_do_is_complete() -> None:
    assert RunSnapshot(Phase.FINISHED).percent == 100
    assert RunSnapshot(Phase.RUNNING).percent == 0


def test_a_broken_listener_does_not_stop_the_batch(caplog: pytest.LogCaptureFixture) -> None:
    tracker = ProgressTracker()
    calls: list[int] = []

    def broken(snapshot: RunSnapshot) -> None:
        calls.append(snapshot.done)
        if snapshot.done:
            raise RuntimeError("display gone")

    tracker.subscribe(broken)
    tracker.start(2, "x")
    tracker.advance()
    assert tracker.snapshot.done == 1
    assert "progress listener failed" in caplog.text


def test_durations_read_in_vietnamese() -> None:
    assert format_duration(None) == "—"
    assert format_duration(45) == "45 giây"
    assert format_duration(200) == "3 phút 20 giây"
    assert format_duration(3900) == "1 giờ 5 phút"


def test_snapshot_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError, match="failed pages"):
        RunSnapshot(done=1, failed=2)


# ------------------------------------------------------------------------------ run


def fake_runner(
    result: BatchResult, pages: int = 3, *, failed: int = 0, threads: list[str] | None = None
) -> Any:
    def run(source: Path, archive: Path, options: object, *, progress: Progress) -> BatchResult:
        progress.start(pages, "Số hóa")
        for n in range(pages):
            progress.advance(1, failed=1 if n < failed else 0)
            if threads is not None:
                threads.append(threading.current_thread().name)
        progress.finish()
        return result

    return run


def test_run_happens_in_a_worker_thread_and_reaches_100_percent(kho: Path, tmp_path: Path) -> None:
    src = kho / "scans"
    threads: list[str] = []
    result = BatchResult(kho, (), (), (), pages_processed=3, seconds=1.0)
    controller = RunController(
        src, kho, {"jobs": 1}, runner=fake_runner(result, threads=threads), build_records=False
    )
    seen: list[RunSnapshot] = []
    controller.tracker.subscribe(seen.append)
    assert controller.run() is result
    assert set(threads) == {"digitize-batch"}
    assert controller.snapshot.phase is Phase.FINISHED
    assert controller.snapshot.percent == 100
    assert controller.snapshot.message.startswith("Đã xong: 0/0 trang có kết quả")
    assert [s.done for s in seen if s.phase is Phase.RUNNING][-1] == 3
    assert not controller.running


def test_start_returns_at_once_while_the_batch_runs(kho: Path) -> None:
    """The notebook's main thread is free during the batch (nothing freezes)."""
    release = threading.Event()

    def slow(source: Path, archive: Path, options: object, *, progress: Progress) -> BatchResult:
        progress.start(2, "Số hóa")
        progress.advance()
        assert release.wait(10)
        progress.advance()
        return BatchResult(archive, (), (), ())

    controller = RunController(kho / "scans", kho, runner=slow, build_records=False)
    assert controller.start() is True
    for _ in range(200):
        if controller.snapshot.done == 1:
            break
        threading.Event().wait(0.01)
    assert controller.running
    assert controller.snapshot.phase is Phase.RUNNING
    assert controller.snapshot.percent == 50
    assert controller.start() is False  # a second click while running is refused
    assert "đang được một lần chạy khác sử dụng" in controller.error
    assert controller.snapshot.phase is Phase.RUNNING
    release.set()
    assert controller.wait(10) is not None
    assert controller.snapshot.phase is Phase.FINISHED


def test_run_summary_and_charts_come_from_the_catalog(kho: Path, tmp_path: Path) -> None:
    controller = RunController(tmp_path / "scans", kho)
    frame = controller.summary_frame()
    assert list(frame["Tài liệu"]) == ["HS-01/qd-15.png", "HS-01/tb-20.png", "HS-02/cv-05.png"]
    assert list(frame["Số trang"]) == [1, 2, 1]
    assert list(frame["Trạng thái"]) == ["xong", "xong", "xong"]
    figure = controller.quality_figure()
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["Độ tin cậy OCR theo trang", "Trạng thái trang theo tài liệu"]


def test_failures_of_a_run_are_listed(kho: Path, tmp_path: Path) -> None:
    failure = Failure("HS-01/qd-15.png", 1, "trang hỏng; hãy quét lại")
    result = BatchResult(kho, (), (), (failure,), pages_processed=1, seconds=1.0)
    controller = RunController(
        kho / "scans", kho, runner=fake_runner(result, 1, failed=1), build_records=False
    )
    controller.run()
    assert controller.snapshot.failed == 1
    assert "1 lỗi" in controller.snapshot.message
    assert controller.failures_frame().to_dict("records") == [
        {"Tài liệu": "HS-01/qd-15.png", "Trang": 1, "Lý do": "trang hỏng; hãy quét lại"}
    ]


def test_missing_source_folder_is_a_vietnamese_message(tmp_path: Path) -> None:
    controller = RunController(tmp_path / "khong-co", tmp_path / "kho", runner=fake_runner(None))
    assert controller.start() is False
    assert "Không tìm thấy thư mục bản quét" in controller.error
    assert controller.snapshot.phase is Phase.FAILED
    assert controller.snapshot.message == controller.error


def test_archive_locked_by_another_run_is_a_vietnamese_message(kho: Path) -> None:
    controller = RunController(kho / "scans", kho, runner=fake_runner(None))
    with archive_lock(kho):
        assert controller.start() is False
    assert "đang được một lần chạy khác sử dụng" in controller.error
    # Once the other run ends, the same controller starts.
    controller._runner = fake_runner(BatchResult(kho, (), (), ()))
    controller._build_records = False
    assert controller.start() is True
    controller.wait()
    assert controller.snapshot.phase is Phase.FINISHED


def test_archive_locked_after_the_check_is_reported_by_the_worker(kho: Path) -> None:
    """The library's own lock error (a run that started in between) reaches the notebook."""
    import digitize

    controller = RunController(kho / "scans", kho, runner=digitize.digitize_archive)
    controller.problems = lambda: []  # type: ignore[method-assign]
    with archive_lock(kho):
        assert controller.start() is True
        controller.wait()
    assert controller.snapshot.phase is Phase.FAILED
    assert "đang được một lần chạy khác sử dụng" in controller.error


def test_tesseract_missing_is_a_vietnamese_message_with_the_install_command(
    tmp_path: Path,
) -> None:
    (tmp_path / "scans").mkdir()
    controller = RunController(
        tmp_path / "scans", tmp_path / "kho", {"tesseract_cmd": str(tmp_path / "no-tesseract")}
    )
    assert controller.start() is False
    assert "Tesseract" in controller.error
    assert "apt" in controller.error or "cài" in controller.error.lower()


def test_bad_options_are_reported_with_the_others(tmp_path: Path) -> None:
    controller = RunController(tmp_path / "khong-co", tmp_path / "kho", {"dpi": 5})
    problems = controller.problems()
    assert any("dpi phải trong khoảng" in p for p in problems)
    assert any("Không tìm thấy thư mục bản quét" in p for p in problems)


def test_unexpected_errors_become_a_message_not_a_traceback(kho: Path) -> None:
    def boom(*args: object, **kwargs: object) -> BatchResult:
        raise RuntimeError("đĩa đầy")

    controller = RunController(kho / "scans", kho, runner=boom)
    controller.start()
    controller.wait()
    assert controller.snapshot.phase is Phase.FAILED
    assert controller.error.startswith("Lỗi không mong đợi (RuntimeError: đĩa đầy)")
    assert user_message(ArchiveError("Kho hỏng.")) == "Kho hỏng."


def test_resume_note_tells_about_pending_pages(kho: Path, tmp_path: Path) -> None:
    controller = RunController(tmp_path / "scans", kho)
    assert "Kho đã có 3 tài liệu, 4 trang đã số hóa" in controller.resume_note()
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        db.execute("UPDATE pages SET state = 'pending' WHERE page_no = 2")
    assert controller.resume_note().startswith("Lần chạy trước chưa xong: còn 1 trang")
    assert RunController(tmp_path, tmp_path / "moi").resume_note().startswith("Kho mới")


# ------------------------------------------------------------------------------ review


def test_review_queue_holds_flagged_pages_only_by_default(kho: Path) -> None:
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        db.execute("""UPDATE pages SET flags = '["độ tin cậy 60 thấp hơn ngưỡng 80"]'
                      WHERE mean_confidence < 80""")
    review = ReviewController(kho)
    assert [(i.relpath, i.page_no) for i in review.items] == [
        ("HS-01/tb-20.png", 1),
        ("HS-01/tb-20.png", 2),
    ]
    assert review.items[0].label == "HS-01/tb-20.png, trang 1 (độ tin cậy 60,0%)"
    assert review.progress_text() == "Đã kiểm tra 0/2 trang · đang xem 1/2"
    assert len(ReviewController(kho, flagged_only=False).items) == 4


def test_review_navigation_stays_within_the_queue(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False)
    assert review.previous() == review.items[0]
    review.go(99)
    assert review.index == 3
    assert review.next() == review.items[3]
    assert review.go(1) == review.items[1]


def test_empty_queue_says_so(kho: Path) -> None:
    review = ReviewController(kho)
    assert review.current is None
    assert review.progress_text() == "Không có trang nào cần kiểm tra."
    assert review.save({}).messages == ("Không có trang nào để lưu.",)


def test_review_shows_fields_text_and_page_image(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False)
    values = review.field_values()
    assert values["Code"] == "15/QĐ-SNV"
    assert values["IssuedDate"] == "03/05/2015"
    assert values["TypeName"] == "Quyết định"
    assert "Căn cứ Luật Đầu tư công" in review.page_text()
    image = review.page_image(width=300)
    assert image is not None and image.width == 300
    assert image.png.startswith(b"\x89PNG")


def test_form_validation_names_each_problem_in_vietnamese() -> None:
    problems = validate_fields(
        {"Code": "15 QĐ BNV", "IssuedDate": "31/02/2015", "Subject": "x" * 501}
    )
    assert len(problems) == 3
    assert problems[0].startswith("Số, ký hiệu «15 QĐ BNV» không đúng dạng")
    assert problems[1].startswith("Ngày ban hành «31/02/2015» không hợp lệ")
    assert "500" in problems[2]
    assert validate_fields({"Code": "3236/TTr -SNN", "IssuedDate": "2015-05-03"}) == []


def test_saving_a_review_stores_revisions_and_reindexes_the_text(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False, author="Lan")
    values = review.field_values()
    values["Code"] = "16/QĐ-SNV"
    values["IssuedDate"] = "4/5/2015"
    ocr_text = review.page_text()
    text = ocr_text + "\nGhi chú viết tay: đã đối chiếu bản gốc"
    outcome = review.save(values, text)
    assert outcome.ok and outcome.saved
    assert outcome.messages[-1] == "Đã lưu 2 trường và nội dung trang; chỉ mục tra cứu đã cập nhật."
    assert review.field_values()["Code"] == "16/QĐ-SNV"
    assert review.field_values()["IssuedDate"] == "04/05/2015"
    assert review.page_text().endswith("đã đối chiếu bản gốc")
    assert review.progress_text().startswith("Đã kiểm tra 1/4")
    search = SearchController(kho)
    assert [h.source_path for h in search.search("doi chieu ban goc")] == ["HS-01/qd-15.png"]
    assert [h.source_path for h in search.search("16/QĐ-SNV")] == ["HS-01/qd-15.png"]
    history = revisions_frame(kho)
    assert set(history["Trường"]) >= {"Code", "CodeNumber", "IssuedDate", "Nội dung trang 1"}
    assert set(history["Người sửa"]) == {"Lan"}
    # The OCR text file is never overwritten.
    assert "đối chiếu" not in (kho / "documents/HS-01/qd-15.txt").read_text("utf-8")
    # The text is a records revision: a full rebuild keeps it searchable.
    build_records(kho, refresh=True)
    assert [h.source_path for h in search.search("doi chieu ban goc")] == ["HS-01/qd-15.png"]
    page_row = history[history["Trường"] == "Nội dung trang 1"].iloc[0]
    assert page_row["Giá trị cũ"] == ocr_text
    assert page_row["Giá trị mới"].endswith("đã đối chiếu bản gốc")
    with RecordStore(kho) as store:
        (revision,) = store.page_revisions("HS-01/qd-15.png")
    assert (revision.author, revision.note) == ("Lan", "kiểm tra trong sổ tay")


def test_review_reads_page_texts_saved_in_the_old_stopgap_table(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False)
    doc_id = review.current.doc_id if review.current else ""
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        db.execute(
            "CREATE TABLE ui_page_text (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, "
            "page_no INTEGER NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', "
            "at TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO ui_page_text(doc_id, page_no, text, author, at) "
            "VALUES (?, 1, 'Bản sửa cũ: đã hiệu đính', 'Lan', '2026-01-01T00:00:00+00:00')",
            (doc_id,),
        )
    assert review.page_text() == "Bản sửa cũ: đã hiệu đính"
    assert [h.source_path for h in SearchController(kho).search("hieu dinh")] == ["HS-01/qd-15.png"]
    assert list(revisions_frame(kho)["Trường"]) == ["Nội dung trang 1"]


def test_invalid_review_saves_nothing(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False)
    values = review.field_values() | {"Code": "không phải số"}
    outcome = review.save(values)
    assert not outcome.ok and not outcome.saved
    assert revisions_frame(kho).empty


def test_unchanged_review_only_marks_the_page(kho: Path) -> None:
    review = ReviewController(kho, flagged_only=False)
    outcome = review.save(review.field_values(), review.page_text())
    assert outcome.ok and not outcome.saved
    assert outcome.messages == ("Không có gì thay đổi; trang được đánh dấu đã kiểm tra.",)
    assert review.progress_text().startswith("Đã kiểm tra 1/4")


def test_review_of_a_missing_archive_raises_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="không phải kho số hóa"):
        ReviewController(tmp_path / "khong-co")


def test_low_confidence_words_are_highlighted_on_the_page(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 280))
    pdf.save(tmp_path / "p.pdf")
    hocr = tmp_path / "p.hocr"
    hocr.write_text(
        "<html xmlns='http://www.w3.org/1999/xhtml'><body>"
        "<div class='ocr_page' title='bbox 0 0 400 560'><p class='ocr_par' title='bbox 0 0 400 60'>"
        "<span class='ocr_line' title='bbox 20 20 380 60'>"
        "<span class='ocrx_word' title='bbox 20 20 100 60; x_wconf 41'>Sở</span>"
        "<span class='ocrx_word' title='bbox 120 20 200 60; x_wconf 96'>Nội</span>"
        "</span></p></div></body></html>",
        encoding="utf-8",
    )
    page = render_page(tmp_path / "p.pdf", 1, hocr=hocr, threshold=80, width=200)
    assert [(w.text, w.box) for w in page.low_words] == [("Sở", (10, 10, 50, 30))]
    import io

    image = Image.open(io.BytesIO(page.png)).convert("RGB")
    assert image.getpixel((30, 20)) != (255, 255, 255)  # tinted
    assert image.getpixel((80, 20)) == (255, 255, 255)  # the confident word is not
    with pytest.raises(ValueError, match="no page 2"):
        render_page(tmp_path / "p.pdf", 2)


# ------------------------------------------------------------------------------ search


def test_search_ignores_diacritics_and_highlights_safely(kho: Path) -> None:
    search = SearchController(kho)
    hits = search.search("chu ky so")
    assert [h.source_path for h in hits] == ["HS-02/cv-05.png"]
    assert "<mark>" in hits[0].snippet_html
    assert search.message.startswith("Tìm thấy 1 văn bản")
    assert hits[0].pdf is not None and hits[0].pdf.name == "cv-05.pdf"
    assert search.search("chu ky so", accents=True) == ()
    assert snippet_html("<b>\ue000x\ue001</b>") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"


def test_search_filters_by_type_agency_and_dates(kho: Path) -> None:
    search = SearchController(kho)
    assert search.doc_types() == ["Công văn", "Quyết định", "Thông báo"]
    by_type = search.search("", doc_type="Thông báo")
    assert [h.source_path for h in by_type] == ["HS-01/tb-20.png"]
    by_agency = search.search("", agency="thong tin va truyen thong")
    assert [h.source_path for h in by_agency] == ["HS-02/cv-05.png"]
    by_date = search.search("", date_from="01/01/2016", date_to="2016")
    assert [h.source_path for h in by_date] == ["HS-01/tb-20.png"]


def test_bad_query_is_a_message_not_an_exception(kho: Path) -> None:
    search = SearchController(kho)
    assert search.search("") == ()
    assert search.message.startswith("Câu tìm kiếm đang trống")
    assert search.search("x", date_from="hôm qua") == ()
    assert "không hợp lệ" in search.message


def test_search_opens_the_page_and_links_the_pdf(kho: Path) -> None:
    search = SearchController(kho)
    search.search("danh sach can bo")
    assert search.hits[0].page == 2
    image = search.page_image(0, width=200)
    assert image is not None and image.png.startswith(b"\x89PNG")
    assert search.pdf_link(0, kho) == "documents/HS-01/tb-20.pdf"


# ------------------------------------------------------------------------------ export


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "xml"])
def test_export_tables_lists_files_with_checksums_and_verifies_the_archive(
    kho: Path, tmp_path: Path, fmt: str
) -> None:
    export = ExportController(kho, tmp_path / "ra")
    outcome = export.export(fmt)
    assert outcome is not None and outcome.verified
    names = [row[0] for row in outcome.manifest]
    assert names == [f"van-ban.{fmt}", "bao-cao-xuat.txt"]
    assert all(len(row[2]) == 64 for row in outcome.manifest)
    assert outcome.messages[0].startswith(f"Đã xuất 3 văn bản ({fmt})")
    assert any("khớp mã SHA-256" in m for m in outcome.messages)


def test_export_bag_of_one_dossier_validates(kho: Path, tmp_path: Path) -> None:
    export = ExportController(kho, tmp_path / "ra")
    assert export.scopes() == [SCOPE_ALL, "HS-01", "HS-02"]
    outcome = export.export("bagit", "HS-01")
    assert outcome is not None and outcome.verified
    assert any(m.startswith("Túi BagIt hợp lệ") for m in outcome.messages)
    names = [row[0] for row in outcome.manifest]
    assert "data/dossier/HS-01.pdf" in names
    assert "data/documents/HS-01/qd-15.pdf" in names
    assert list(export.manifest_frame().columns) == ["Tệp", "Kích thước (byte)", "SHA-256"]
    # A second export goes to a new folder: bags are never overwritten.
    assert export.export("bagit", "HS-01") is not None


def test_export_reports_a_changed_output(kho: Path, tmp_path: Path) -> None:
    (kho / "documents/HS-02/cv-05.alto.xml").write_text("<alto/>", encoding="utf-8")
    export = ExportController(kho, tmp_path / "ra")
    outcome = export.export("json")
    assert outcome is not None and not outcome.verified
    assert any("thiếu hoặc bị thay đổi" in m for m in outcome.messages)


def test_export_error_is_a_message(kho: Path, tmp_path: Path) -> None:
    export = ExportController(kho, tmp_path / "ra")
    assert export.export("pdf") is None
    assert "không hỗ trợ" in export.message
    assert export.manifest_frame().empty


def test_missing_tesseract_error_class_is_what_the_library_raises(tmp_path: Path) -> None:
    from digitize.ocr import get_engine

    with pytest.raises(MissingDependencyError):
        get_engine("tesseract", tesseract_cmd=str(tmp_path / "none")).check("vie")
