"""Records in the catalog: building, idempotence, provenance, duplicates, revisions."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import records_archive as factory

from digitize.catalog import Catalog
from digitize.exceptions import ArchiveError
from digitize.records import (
    RecordNotFoundError,
    RecordStore,
    RevisionError,
    build_records,
    document_text,
    find_duplicates,
    list_records,
    records_frame,
    revise_page_text,
    revise_record,
    search,
    set_dossier_fields,
)

Doc, admin_text, make_archive = factory.Doc, factory.admin_text, factory.make_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_archive(
        tmp_path / "kho",
        [
            Doc("a/qd-15.png", (admin_text(), "Điều 2. Trang hai của quyết định.")),
            Doc(
                "a/cv-12.png",
                (
                    admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v báo cáo tình hình cải cách hành chính",
                        date="ngày 10 tháng 02 năm 2014",
                    ),
                ),
            ),
        ],
    )


def test_build_creates_one_record_per_document_with_phu_luc_vi_fields(archive: Path) -> None:
    report = build_records(archive)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (2, 0, 0, ())
    records = {r.code: r for r in list_records(archive)}
    qd = records["15/QĐ-SNV"]
    assert qd.type_name == "Quyết định"
    assert (qd.code_number, qd.code_notation) == ("15", "QĐ-SNV")
    assert qd.issued_date == "2015-05-03"
    assert qd.organ_name == "Sở Nội vụ tỉnh Quảng Bình"
    assert qd.full_name == "Nguyễn Văn An"
    assert qd.page_amount == 2
    assert qd.language == "Tiếng Việt"
    assert qd.dossier == "a"
    assert qd.to_phuluc()["CodeNotation"] == "QĐ-SNV"
    assert qd.confidence["CodeNumber"] > 0
    cv = records["12/SNV-VP"]
    assert cv.type_name == "Công văn"
    assert cv.subject == "báo cáo tình hình cải cách hành chính"


def test_provenance_names_source_sha256_pages_quality_and_outputs(archive: Path) -> None:
    build_records(archive)
    record = next(r for r in list_records(archive) if r.code == "15/QĐ-SNV")
    p = record.provenance
    assert p.source_paths == ("a/qd-15.png",)
    assert p.sha256 == record.doc_id and len(p.sha256) == 64
    assert p.page_count == 2
    assert p.mean_confidence == pytest.approx(90.0)
    assert {o.kind for o in p.outputs} == {"txt", "pdf", "alto"}
    txt = p.output("txt")
    assert txt is not None and (archive / txt.path).exists()


def test_rebuilding_changes_nothing_and_duplicates_nothing(archive: Path) -> None:
    build_records(archive)
    again = build_records(archive)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    refreshed = build_records(archive, refresh=True)
    assert (refreshed.added, refreshed.updated) == (0, 2)
    with RecordStore(archive) as store:
        assert store.count() == 2
        pages = store.db.execute("SELECT COUNT(*) FROM rec_pages").fetchone()[0]
        assert pages == 3
    assert search(archive, "trang hai").total == 1


def test_documents_not_finished_are_skipped_with_a_reason(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "kho", [Doc("x.png", (admin_text(),))])
    with Catalog(archive) as catalog:
        catalog.db.execute("UPDATE documents SET state = 'pending'")
    report = build_records(archive)
    assert report.added == 0
    assert len(report.skipped) == 1
    assert "chưa số hóa xong" in report.skipped[0][1]


def test_duplicate_warning_for_same_number_notation_agency_and_year(tmp_path: Path) -> None:
    archive = make_archive(
        tmp_path / "kho",
        [
            Doc("hs1/a.png", (admin_text(),)),
            Doc("hs2/b.png", (admin_text(body="Bản quét lần hai."),)),
            Doc("hs3/c.png", (admin_text(date="ngày 03 tháng 5 năm 2016"),)),
            Doc("hs3/d.png", (admin_text(number="16/QĐ-SNV"),)),
        ],
    )
    report = build_records(archive)
    assert len(report.duplicates) == 1
    group = report.duplicates[0]
    assert group.source_paths == ("hs1/a.png", "hs2/b.png")
    assert group.year == "2015"
    assert "Trùng số và ký hiệu 15/QĐ-SNV" in group.message
    assert find_duplicates(archive) == list(report.duplicates)


def test_revision_keeps_the_ocr_value_and_wins_everywhere(archive: Path) -> None:
    build_records(archive)
    revised = revise_record(
        archive,
        "15/QĐ-SNV",
        {"Subject": "Về việc xây dựng trụ sở xã Thủy Phù", "IssuedDate": "04/05/2015"},
        author="lưu trữ viên",
        note="đọc lại bản gốc",
    )
    record = revised.record
    assert record.subject == "Về việc xây dựng trụ sở xã Thủy Phù"
    assert record.issued_date == "2015-05-04"
    assert set(record.revised) == {"Subject", "IssuedDate"}
    assert record.confidence["Subject"] == 1.0
    with RecordStore(archive) as store:
        ocr = store.ocr_values(record.doc_id)
        history = store.revisions(record.doc_id)
    assert ocr["Subject"] == "Về việc phê duyệt kế hoạch đầu tư công trung hạn"
    assert ocr["IssuedDate"] == "2015-05-03"
    assert [(r.tag, r.previous) for r in history] == [
        ("Subject", "Về việc phê duyệt kế hoạch đầu tư công trung hạn"),
        ("IssuedDate", "2015-05-03"),
    ]
    assert history[0].author == "lưu trữ viên"
    # Search uses the revision: the new words, and the new date in filters.
    assert search(archive, "tru so xa thuy phu").total == 1
    assert search(archive, "", {"date_from": "2015-05-04", "date_to": "2015-05-04"}).total == 1
    # A rebuild reads OCR again but the revision still wins.
    build_records(archive, refresh=True)
    assert next(r for r in list_records(archive) if r.code_number == "15").subject.endswith(
        "Thủy Phù"
    )


def test_revision_can_clear_a_field_and_change_the_number(archive: Path) -> None:
    build_records(archive)
    revise_record(archive, "15/QĐ-SNV", {"code_number": "17", "FullName": ""})
    record = next(r for r in list_records(archive) if r.code_notation == "QĐ-SNV")
    assert record.code == "17/QĐ-SNV"
    assert record.full_name == ""
    assert search(archive, "17/QĐ-SNV").hits[0].exact


def test_bad_revisions_report_every_problem_at_once(archive: Path) -> None:
    build_records(archive)
    with pytest.raises(RevisionError) as caught:
        revise_record(
            archive,
            "15/QĐ-SNV",
            {"Subjekt": "x", "IssuedDate": "31/02/2015", "Priority": "cao", "OrganId": "H49"},
        )
    message = str(caught.value)
    assert "Subjekt" in message
    assert "IssuedDate" in message
    assert "Priority" in message
    assert "OrganId" in message
    assert revise_record(archive, "15/QĐ-SNV", {"Organld": "000.00.00.H49"}).record.organ_id == (
        "000.00.00.H49"
    )


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"Code": "16 /QĐ - SGDĐT"}, "16 /QĐ - SGDĐT"),  # OCR's spaces, typed by a person
        ({"Code": "Quyết định 16"}, "Quyết định 16"),
        ({"CodeNumber": "abc"}, "abc"),
        ({"CodeNumber": "１５"}, "１５"),  # full-width digits
        ({"CodeNotation": "QĐ SGDĐT"}, "QĐ SGDĐT"),
        ({"Code": "16/QĐ-SGDĐT", "CodeNumber": "15"}, "phải là «16»"),
        ({"Code": "16/QĐ-SGDĐT", "CodeNotation": "QĐ-SNV"}, "phải là «QĐ-SGDĐT»"),
    ],
)
def test_a_malformed_or_inconsistent_number_is_refused_and_nothing_is_stored(
    archive: Path, changes: dict[str, str], complaint: str
) -> None:
    """Số/ký hiệu per DOMAIN.md §5: a correction must be one, with agreeing parts."""
    build_records(archive)
    with pytest.raises(RevisionError, match=complaint):
        revise_record(archive, "15/QĐ-SNV", changes)
    with RecordStore(archive) as store:
        (record,) = [r for r in store.records() if r.code == "15/QĐ-SNV"]
        assert store.revisions(record.doc_id) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"Code": "16/QĐ-SNV", "CodeNumber": "16", "CodeNotation": "QĐ-SNV"},
        {"Code": "25/2019/QĐ-UBND"},
        {"Code": "36-NQ/TW"},
        {"CodeNumber": "05", "CodeNotation": "QĐ.UB"},
    ],
)
def test_well_formed_numbers_of_every_family_are_accepted(
    archive: Path, changes: dict[str, str]
) -> None:
    build_records(archive)
    assert revise_record(archive, "15/QĐ-SNV", changes).record is not None


def test_too_long_revision_is_kept_with_a_warning(archive: Path) -> None:
    build_records(archive)
    revised = revise_record(archive, "12/SNV-VP", {"Subject": "rất dài " * 80})
    assert revised.warnings and "500" in revised.warnings[0]


def test_records_are_found_by_id_prefix_path_or_number(archive: Path) -> None:
    build_records(archive)
    with RecordStore(archive) as store:
        doc_id = store.resolve("a/qd-15.png")
        assert store.resolve(doc_id[:8]) == doc_id
        assert store.resolve("15 / QĐ - SNV") == doc_id
        with pytest.raises(RecordNotFoundError, match="Không tìm thấy"):
            store.resolve("99/QĐ-XYZ")


def test_dossier_named_by_a_file_code_fills_file_code_and_ordinal(tmp_path: Path) -> None:
    folder = "000.00.00.H49.2015.01.TH"
    archive = make_archive(
        tmp_path / "kho",
        [
            Doc(
                f"{folder}/b.png",
                (admin_text(number="20/QĐ-SNV", date="ngày 09 tháng 6 năm 2015"),),
            ),
            Doc(
                f"{folder}/a.png",
                (admin_text(number="30/QĐ-SNV", date="ngày 01 tháng 01 năm 2015"),),
            ),
        ],
    )
    build_records(archive)
    records = list_records(archive, dossier=folder)
    assert [r.code_number for r in records] == ["30", "20"]
    assert [r.doc_ordinal for r in records] == [1, 2]
    assert records[0].file_code == folder
    assert (records[0].organ_id, records[0].file_catalog, records[0].file_notation) == (
        "000.00.00.H49",
        2015,
        "01.TH",
    )


def test_dataframe_view_has_tags_as_columns(archive: Path) -> None:
    build_records(archive)
    frame = records_frame(archive)
    assert len(frame) == 2
    assert {"TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "SHA256"} <= set(frame)
    assert pd.api.types.is_datetime64_any_dtype(frame["IssuedDate"])


def test_own_tables_leave_the_engine_catalog_alone(archive: Path) -> None:
    build_records(archive)
    with Catalog(archive, create=False) as catalog:
        assert catalog.counts()["documents_done"] == 2
        names = {r[0] for r in catalog.db.execute("SELECT name FROM sqlite_master")}
        version = catalog.db.execute(
            "SELECT value FROM rec_meta WHERE key = 'schema_version'"
        ).fetchone()[0]
    assert {"rec_records", "rec_revisions", "rec_pages", "rec_fts", "rec_fts_tone"} <= names
    assert version == "1"


def test_newer_records_schema_is_refused(archive: Path) -> None:
    build_records(archive)
    db = sqlite3.connect(archive / "catalog.sqlite")
    db.execute("UPDATE rec_meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(ArchiveError, match="phiên bản mới hơn"):
        RecordStore(archive)


def test_records_table_of_another_shape_is_a_clear_error_naming_the_catalog(
    archive: Path,
) -> None:
    """A development build's records table (no ``seq`` column) gives words, not a traceback."""
    build_records(archive)
    db = sqlite3.connect(archive / "catalog.sqlite")
    db.executescript(
        "PRAGMA foreign_keys=OFF; DROP TABLE rec_records;"
        "CREATE TABLE rec_records (doc_id TEXT PRIMARY KEY, dossier TEXT NOT NULL);"
    )
    db.close()
    with pytest.raises(ArchiveError, match=r"catalog\.sqlite.*số hóa lại vào một kho mới"):
        RecordStore(archive)


def test_not_an_archive_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="không phải kho"):
        build_records(tmp_path)


def test_extracted_values_are_stored_as_json(archive: Path) -> None:
    build_records(archive)
    db = sqlite3.connect(archive / "catalog.sqlite")
    rows = [json.loads(r[0]) for r in db.execute("SELECT extracted FROM rec_records")]
    db.close()
    assert all("TypeName" in r for r in rows)


def test_values_put_in_any_normal_form_come_back_nfc(archive: Path) -> None:
    """NFC at the write boundary (DOMAIN.md §8): records read back are never re-normalized."""
    build_records(archive)

    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    with RecordStore(archive) as store:
        doc_id = store.resolve("a/qd-15.png")
        store.put(
            doc_id,
            dossier="a",
            extracted={
                "TypeName": nfd("Quyết định"),
                "Subject": nfd("Về việc thành lập Hội đồng"),
                "To": [nfd("Sở Tài chính"), {"OrganName": nfd("Ủy ban nhân dân tỉnh")}],
            },
            pages=[nfd("Điều 1. Thành lập.")],
        )
        record = store.record(doc_id)
        stored = store.db.execute(
            "SELECT extracted FROM rec_records WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
    assert record.type_name == "Quyết định" and record.subject == "Về việc thành lập Hội đồng"
    assert [r.organ_name for r in record.to] == ["Sở Tài chính", "Ủy ban nhân dân tỉnh"]
    assert stored == unicodedata.normalize("NFC", stored)
    assert search(archive, "thanh lap hoi dong").total == 1


def test_needs_build_follows_new_and_changed_documents(archive: Path) -> None:
    with RecordStore(archive) as store:
        assert store.needs_build()
        store.build()
        assert not store.needs_build()
        # The engine re-OCR'd a document: its text output has a new checksum.
        store.db.execute(
            "UPDATE outputs SET sha256 = ? WHERE kind = 'txt' AND path LIKE ?",
            ("0" * 64, "%qd-15%"),
        )
        assert store.needs_build()
        report = store.build()
        assert (report.updated, report.unchanged) == (1, 1)


def test_index_is_rebuilt_when_the_folding_code_changes(archive: Path) -> None:
    build_records(archive)
    db = sqlite3.connect(archive / "catalog.sqlite")
    db.execute("UPDATE rec_meta SET value = 'older' WHERE key = 'fold'")
    # Simulate an index made by other key functions: drop the folded index's content.
    db.execute("INSERT INTO rec_fts(rec_fts) VALUES ('delete-all')")
    db.commit()
    db.close()
    assert search(archive, "dau tu").total == 2  # reopening re-indexed from rec_pages
    with RecordStore(archive) as store:
        value = store.db.execute("SELECT value FROM rec_meta WHERE key = 'fold'").fetchone()[0]
    assert value != "older"


# ------------------------------------------------------------------------ page-text revisions


def _paths(archive: Path, query: str) -> set[str]:
    return {h.record.source_path for h in search(archive, query).hits}


def _ocr_file(archive: Path, source: str) -> Path:
    with RecordStore(archive) as store:
        record = store.record(source)
    output = record.provenance.output("txt")
    assert output is not None
    return archive / output.path


def test_page_text_revision_survives_refresh_and_never_touches_the_ocr_file(
    archive: Path,
) -> None:
    build_records(archive)
    ocr_file = _ocr_file(archive, "a/qd-15.png")
    ocr_bytes = ocr_file.read_bytes()
    assert len(_paths(archive, "Trang hai")) == 1
    first = revise_page_text(
        archive, "a/qd-15.png", 2, "Điều 2. Trang hia của quyết định.", author="Lan"
    )
    second = revise_page_text(
        archive,
        "a/qd-15.png",
        2,
        unicodedata.normalize("NFD", "Điều 2. Trang hai sửa lỗi chính tả."),
        author="Minh",
        note="đối chiếu bản gốc",
    )
    assert unicodedata.is_normalized("NFC", second.text)
    for report in (build_records(archive, refresh=True), build_records(archive)):
        assert report.total == 2
        assert _paths(archive, "sua loi chinh ta") == {"a/qd-15.png"}
        assert _paths(archive, "Trang hia") == set()
    # An extraction-code change re-reads the document: the correction stays.
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        db.execute("UPDATE rec_records SET extractor = 'cũ'")
    assert build_records(archive).updated == 2
    assert _paths(archive, "sua loi chinh ta") == {"a/qd-15.png"}
    assert ocr_file.read_bytes() == ocr_bytes
    with RecordStore(archive) as store:
        assert store.page_texts("a/qd-15.png")[1] == second.text
        assert store.ocr_page_texts("a/qd-15.png")[1] == "Điều 2. Trang hai của quyết định.\n"
        assert store.text("a/qd-15.png") == document_text(archive, "a/qd-15.png")
        record = store.record("a/qd-15.png", with_text=True)
        assert record.revised_pages == (2,)
        assert record.pages[1] == second.text
        assert record.pages[0] == store.ocr_page_texts("a/qd-15.png")[0]
        history = store.page_revisions("a/qd-15.png")
        assert [h.id for h in history] == [first.id, second.id]
        assert [(h.page_no, h.author, h.note) for h in history] == [
            (2, "Lan", ""),
            (2, "Minh", "đối chiếu bản gốc"),
        ]
        assert history[0].previous == "Điều 2. Trang hai của quyết định.\n"
        assert history[1].previous == first.text
        assert store.page_revisions("a/cv-12.png") == []
        with pytest.raises(RevisionError, match="không có trang 3"):
            store.revise_page_text("a/qd-15.png", 3, "x")
        assert len(store.page_revisions()) == 2


def test_stopgap_ui_page_text_rows_are_imported_once_then_dropped(archive: Path) -> None:
    build_records(archive)
    with RecordStore(archive) as store:
        doc_id = store.resolve("a/qd-15.png")
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        db.execute(
            "CREATE TABLE ui_page_text (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, "
            "page_no INTEGER NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', "
            "at TEXT NOT NULL)"
        )
        db.executemany(
            "INSERT INTO ui_page_text(doc_id, page_no, text, author, at) VALUES (?, ?, ?, ?, ?)",
            [
                (doc_id, 2, "Trang hai bản nháp.", "Lan", "2026-01-01T00:00:00+00:00"),
                (doc_id, 2, "Trang hai đã hiệu đính.", "Lan", "2026-01-02T00:00:00+00:00"),
                ("0" * 64, 1, "tài liệu không còn", "Lan", "2026-01-02T00:00:00+00:00"),
            ],
        )
    for _ in range(2):  # the second opening finds nothing more to import
        with RecordStore(archive) as store:
            history = store.page_revisions()
            assert [(h.doc_id, h.text, h.at) for h in history] == [
                (doc_id, "Trang hai bản nháp.", "2026-01-01T00:00:00+00:00"),
                (doc_id, "Trang hai đã hiệu đính.", "2026-01-02T00:00:00+00:00"),
            ]
            assert store.page_texts(doc_id)[1] == "Trang hai đã hiệu đính."
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "ui_page_text" not in tables
    build_records(archive, refresh=True)
    assert _paths(archive, "hieu dinh") == {"a/qd-15.png"}


def test_dossier_fields_set_for_the_archive_and_one_dossier_reach_every_record(
    tmp_path: Path,
) -> None:
    """Maintenance, Rights and Creator are set by the archivist (DOMAIN.md §1 dossier table),
    per dossier or for the whole batch; the dossier's own values win over the archive's."""
    root = make_archive(
        tmp_path / "kho",
        [
            Doc("hs-1/a.png", (admin_text(),)),
            Doc("hs-2/b.png", (admin_text(number="16/QĐ-SNV"),)),
            Doc("c.png", (admin_text(number="17/QĐ-SNV"),)),
        ],
    )
    build_records(root)
    with RecordStore(root) as store:
        assert store.dossiers() == ["", "hs-1", "hs-2"]
        assert store.dossier_fields() == {}
        store.set_dossier_fields(None, {"Maintenance": "vinh vien", "Creator": "Trần Thị Lan"})
        current = store.set_dossier_fields(
            "hs-1/", {"Maintenance": "10", "Rights": "Hạn chế"}, author="lan", note="mục lục"
        )
        assert current == {"Maintenance": "10 năm", "Rights": "Hạn chế", "Creator": "Trần Thị Lan"}
        store.set_dossier_fields(".", {"Rights": "Công khai"})
        by_dossier = {r.dossier: r for r in store.records()}
        assert store.dossier_fields("hs-2") == {
            "Maintenance": "Vĩnh viễn",
            "Creator": "Trần Thị Lan",
        }
    assert by_dossier["hs-1"].dossier_values() == current
    assert (by_dossier["hs-2"].maintenance, by_dossier["hs-2"].rights) == ("Vĩnh viễn", "")
    assert by_dossier[""].rights == "Công khai"
    assert by_dossier[""].maintenance == "Vĩnh viễn"
    # Dossier fields belong to the dossier table: they never enter the document's tags.
    assert "Maintenance" not in by_dossier["hs-1"].to_phuluc()
    # Rebuilding from OCR keeps them; clearing the dossier's value falls back to the archive's.
    build_records(root, refresh=True)
    with RecordStore(root) as store:
        assert store.records(dossier="hs-1")[0].maintenance == "10 năm"
        store.set_dossier_fields("hs-1", {"Maintenance": ""})
        assert store.records(dossier="hs-1")[0].maintenance == "Vĩnh viễn"
        history = store.dossier_revisions("hs-1")
        frame = store.frame()
    assert [(h.dossier, h.tag, h.previous, h.value) for h in history] == [
        (None, "Maintenance", "", "Vĩnh viễn"),
        (None, "Creator", "", "Trần Thị Lan"),
        ("hs-1", "Maintenance", "", "10 năm"),
        ("hs-1", "Rights", "", "Hạn chế"),
        ("hs-1", "Maintenance", "10 năm", ""),
    ]
    assert (history[2].author, history[2].note) == ("lan", "mục lục")
    assert set(frame["Creator"]) == {"Trần Thị Lan"}
    assert set_dossier_fields(root, "hs-2", {"Rights": "Mật"}) == {
        "Maintenance": "Vĩnh viễn",
        "Rights": "Mật",
        "Creator": "Trần Thị Lan",
    }


def test_bad_dossier_fields_and_unknown_dossiers_are_refused_before_anything_is_stored(
    archive: Path,
) -> None:
    build_records(archive)
    with RecordStore(archive) as store:
        with pytest.raises(RevisionError) as caught:
            store.set_dossier_fields("a", {"Maintenance": "mãi mãi", "Creator": "x" * 31})
        message = str(caught.value)
        assert "Thời hạn bảo quản 'mãi mãi' không hợp lệ" in message
        assert "Creator (Người lập hồ sơ) dài 31 ký tự" in message
        with pytest.raises(RevisionError, match="Chưa có giá trị nào"):
            store.set_dossier_fields("a", {})
        with pytest.raises(RecordNotFoundError, match=r"Không có hồ sơ 'b'.*'a'"):
            store.set_dossier_fields("b", {"Rights": "Công khai"})
        assert store.dossier_revisions() == []
        # A per-document revision cannot set a dossier field.
        with pytest.raises(RevisionError, match="Không có trường 'Maintenance'"):
            store.revise("15/QĐ-SNV", {"Maintenance": "10 năm"})
