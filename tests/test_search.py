"""Search: folding both ways, tone placement, exact số/ký hiệu, filters, ranking, hostile input."""

from __future__ import annotations

import importlib
import sqlite3
import time
from pathlib import Path

import pytest
import records_archive as factory

from digitize.records import Mode, SearchQueryError, build_records, revise_page_text, search
from digitize.records.query import parse_query
from digitize.vntext import canonical_tones

Doc, admin_text = factory.Doc, factory.admin_text


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search") / "kho"
    factory.make_archive(
        root,
        [
            # Accented text, old tone placement "Hoà", "quý" in the body.
            Doc(
                "2015/qd.png",
                (
                    admin_text(
                        body="Căn cứ Luật Đầu tư công; xã Hoà Trạch và quý cơ quan thực hiện."
                    ),
                    "Điều 2. Sở Tài chính bố trí kinh phí cho dự án thủy lợi.",
                ),
            ),
            # Text typed without diacritics (an old file), new tone placement "hòa".
            Doc(
                "2014/cv.png",
                (
                    admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v bao cao dau tu xay dung nam 2014",
                        date="ngày 10 tháng 02 năm 2014",
                        body="Thi xa Ba Don va xã Hòa Trạch bao cao tien do; cac quy khac.",
                    ),
                ),
            ),
            # A trích yếu about trụ sở: should outrank a mere body mention.
            Doc(
                "2016/kh.png",
                (
                    admin_text(
                        number="05/KH-SNV",
                        heading="KẾ HOẠCH",
                        subject="Xây dựng trụ sở làm việc",
                        date="ngày 15 tháng 3 năm 2016",
                        body="Kế hoạch xây dựng trụ sở mới.",
                    ),
                ),
            ),
            Doc(
                "2016/tb.png",
                (
                    admin_text(
                        number="07/TB-SNV",
                        heading="THÔNG BÁO",
                        subject="Lịch tiếp công dân tháng 4",
                        date="ngày 01 tháng 4 năm 2016",
                        body="Địa điểm: hội trường, gần trụ sở cũ.",
                    ),
                ),
            ),
        ],
    )
    build_records(root)
    return root


def _paths(archive: Path, query: str, **kwargs: object) -> set[str]:
    result = search(archive, query, **kwargs)  # type: ignore[arg-type]
    return {h.record.source_path for h in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dau tu", {"2015/qd.png", "2014/cv.png"}),  # unaccented query finds accented text
        ("Đầu tư", {"2015/qd.png", "2014/cv.png"}),  # accented query finds unaccented text
        ("ĐẦU TƯ", {"2015/qd.png", "2014/cv.png"}),
        ("hòa trạch", {"2015/qd.png", "2014/cv.png"}),  # tone placement: hòa finds Hoà
        ("hoà trạch", {"2015/qd.png", "2014/cv.png"}),
        ("hoa trach", {"2015/qd.png", "2014/cv.png"}),
        ("thuỷ lợi", {"2015/qd.png"}),  # thuỷ finds thủy
        ("duong", set()),
    ],
)
def test_folded_search_ignores_accents_d_case_and_tone_placement(
    archive: Path, query: str, expected: set[str]
) -> None:
    assert _paths(archive, query) == expected


def test_accent_mode_keeps_accents_but_not_tone_placement(archive: Path) -> None:
    assert _paths(archive, "hòa trạch", mode=Mode.ACCENTS) == {"2015/qd.png", "2014/cv.png"}
    assert _paths(archive, "hoà trạch", mode="accents") == {"2015/qd.png", "2014/cv.png"}
    assert _paths(archive, "hoa trạch", mode=Mode.ACCENTS) == set()
    assert _paths(archive, "đầu tư", mode=Mode.ACCENTS) == {"2015/qd.png"}
    assert _paths(archive, "dau tu", mode=Mode.ACCENTS) == {"2014/cv.png"}
    # "quý": qu is the initial, so the tone is not moved, and "quy" is another word.
    assert canonical_tones("quý") == "quý"
    assert _paths(archive, "quý", mode=Mode.ACCENTS) == {"2015/qd.png"}
    assert _paths(archive, "quy", mode=Mode.ACCENTS) == {"2014/cv.png"}
    assert _paths(archive, "quy") == {"2015/qd.png", "2014/cv.png"}


def test_hits_carry_highlighted_snippets_and_page_numbers(archive: Path) -> None:
    result = search(archive, "tai chinh kinh phi")
    (hit,) = result.hits
    assert hit.pages == (2,)
    assert hit.page == 2
    assert "«Tài» «chính»" in hit.snippet
    assert "«kinh» «phí»" in hit.snippet
    (hit,) = search(archive, "dau tu", highlight=("<b>", "</b>"), limit=1).hits
    assert "<b>" in hit.snippet


def test_metadata_matches_rank_above_body_mentions(archive: Path) -> None:
    result = search(archive, "tru so")
    assert [h.record.source_path for h in result.hits] == ["2016/kh.png", "2016/tb.png"]
    assert result.hits[0].score > result.hits[1].score


def test_exact_number_search_tolerates_stray_spaces_and_case(archive: Path) -> None:
    for query in ("05/KH-SNV", "05 / KH - SNV", "5/KH-SNV"):
        result = search(archive, query)
        assert result.hits[0].record.source_path == "2016/kh.png"
        assert result.hits[0].exact


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"doc_type": "QĐ"}, {"2015/qd.png"}),
        ({"doc_type": "Công văn"}, {"2014/cv.png"}),
        ({"doc_type": "ke hoach"}, {"2016/kh.png"}),
        ({"agency": "so noi vu"}, {"2015/qd.png", "2014/cv.png", "2016/kh.png", "2016/tb.png"}),
        ({"agency": "Sở Tài chính"}, set()),
        ({"date_from": "2015-01-01"}, {"2015/qd.png", "2016/kh.png", "2016/tb.png"}),
        ({"date_from": "2015", "date_to": "31/12/2015"}, {"2015/qd.png"}),
        ({"dossier": "2016"}, {"2016/kh.png", "2016/tb.png"}),
    ],
)
def test_filters_select_by_type_agency_dates_and_dossier(
    archive: Path, filters: dict[str, str], expected: set[str]
) -> None:
    assert _paths(archive, "", filters=filters) == expected


def test_filters_combine_with_text(archive: Path) -> None:
    assert _paths(archive, "dau tu", filters={"date_from": "2015-01-01"}) == {"2015/qd.png"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"date_from": "2015-13-45"}, "không hợp lệ"),
        ({"date_from": "2016", "date_to": "2015"}, "Khoảng ngày"),
        ({"colour": "red"}, "Điều kiện lọc không có"),
    ],
)
def test_bad_filters_are_explained_in_vietnamese(
    archive: Path, filters: dict[str, str], message: str
) -> None:
    with pytest.raises(SearchQueryError, match=message):
        search(archive, "dau tu", filters)


HOSTILE = [
    '"',
    '"dau tu',
    'dau tu"',
    '""',
    "NEAR(dau tu)",
    "dau AND tu OR NOT x",
    "dau tu NOT",
    "*",
    "d*",
    "dau*",
    "meta:dau",
    "{meta body}: tu",
    "^dau",
    "dau + tu",
    "'; DROP TABLE rec_records; --",
    '") OR 1=1 --',
    "rec_fts MATCH 'x'",
    "dau\x00tu",
    "(((",
    "-",
    "a" * 999,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise_sql_errors(archive: Path, query: str) -> None:
    try:
        result = search(archive, query)
    except SearchQueryError as e:
        assert str(e)  # a Vietnamese explanation, not a traceback
        assert "Hãy nhập" in str(e) or "quá dài" in str(e)
    else:
        assert result.total >= 0
    db = sqlite3.connect(archive / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM rec_records").fetchone()[0] == 4
    db.close()


def test_operators_are_searched_as_words(archive: Path) -> None:
    assert _paths(archive, "dau AND tu") == set()  # "and" is a word that is not in the text
    assert _paths(archive, '"dau tu') == {"2015/qd.png", "2014/cv.png"}
    assert search(archive, '"dau tu').warnings
    assert _paths(archive, "dau*") == {"2015/qd.png", "2014/cv.png"}


def test_empty_and_too_long_queries_are_refused_clearly(archive: Path) -> None:
    with pytest.raises(SearchQueryError, match="trống"):
        search(archive, "   ")
    with pytest.raises(SearchQueryError, match="quá dài"):
        search(archive, "x" * 5000)
    with pytest.raises(SearchQueryError, match="tối đa"):
        search(archive, " ".join(f"w{i}" for i in range(40)))


def test_parsed_query_quotes_every_term() -> None:
    parsed = parse_query('NEAR(a b) "Đầu tư" col:x hoà*')
    # A unit written without spaces stays one phrase (as 15/QĐ-BNV must).
    assert parsed.fts() == '"near a" "b" "dau tu" "col x" "hoa"*'
    assert parse_query("hoà", Mode.ACCENTS).fts() == '"hòa"'


@pytest.mark.parametrize(
    "text",
    [
        "CỘNG HOÀ xã hội; Hòa Bình, THUỶ LỢI, khoẻ mạnh, quý, quỳnh, hoàn thành, thuyền, Khoé",
        "HOÀ HÒA hoà hòa Hoà Thuỷ thủy THỦY thuỵ Thụy ngoạ oà, uý uỷ Ủy ủy, 'hoà'",
        "x\u0301y NFD: ho\u0300a thu\u0309y \u200bhoà\u00a0thuỷ Ðà Nẵng",
    ],
)
def test_fast_tone_key_matches_vntext(text: str) -> None:
    from digitize.records.index import fast_tone_key
    from digitize.vntext import tone_key

    assert fast_tone_key(text) == tone_key(text)


def test_fast_tone_key_matches_vntext_on_any_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from digitize.records.index import fast_tone_key
    from digitize.vntext import tone_key

    letters = st.sampled_from(
        list("aăâeêioôơuưyđqhktnrgAOUYĐ ,.") + list("àáảãạèéẻẽẹỳýỷỹỵòóỏõọùúủũụ")
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(letters, max_size=40).map("".join))
    def check(text: str) -> None:
        assert fast_tone_key(text) == tone_key(text)

    check()


def test_unknown_type_and_missing_records_are_pointed_out(archive: Path, tmp_path: Path) -> None:
    result = search(archive, "dau tu", {"doc_type": "Sắc lệnh XYZ"})
    assert result.total == 0
    assert any("Không nhận ra loại văn bản" in w for w in result.warnings)
    empty = factory.make_archive(tmp_path / "rong", [Doc("x.png", (admin_text(),))])
    assert any("digitize records" in w for w in search(empty, "dau tu").warnings)


@pytest.mark.parametrize("limit", [0, 1])
def test_broad_queries_put_metadata_matches_first_and_say_so(
    archive: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    # The package exports the function search, which hides the module of the same name.
    search_module = importlib.import_module("digitize.records.search")
    full = search(archive, "tru so")
    monkeypatch.setattr(search_module, "FULL_RANK_PAGES", limit)
    broad = search(archive, "tru so")
    assert full.total == 2 and full.total_exact
    assert 1 <= broad.total <= full.total and not broad.total_exact  # a lower bound
    assert [h.record.source_path for h in broad.hits] == ["2016/kh.png", "2016/tb.png"]
    assert any("quá nhiều để xếp hạng" in w for w in broad.warnings)
    assert all(h.pages and h.snippet for h in broad.hits)
    filtered = search(archive, "tru so", {"doc_type": "TB"})
    assert [h.record.source_path for h in filtered.hits] == ["2016/tb.png"]


def test_corrected_page_text_is_searched_and_snippeted_instead_of_the_ocr_text(
    tmp_path: Path,
) -> None:
    root = factory.make_archive(
        tmp_path / "kho",
        [Doc("qd.png", (admin_text(), "Điều 2. Sở Tài chỉnh bố trí kinh phí cho dự án."))],
    )
    build_records(root)
    assert {h.record.source_path for h in search(root, "tai chinh").hits} == {"qd.png"}
    revise_page_text(root, "qd.png", 2, "Điều 2. Sở Tài chính bố trí kinh phí cho dự án.")
    build_records(root, refresh=True)
    (hit,) = search(root, "tài chính", mode=Mode.ACCENTS).hits
    assert hit.pages == (2,)
    assert "«Tài» «chính»" in hit.snippet
    assert search(root, "tài chỉnh", mode=Mode.ACCENTS).hits == ()


def _answers(root: Path, query: str, **kwargs: object) -> list[tuple[object, ...]]:
    result = search(root, query, **kwargs)  # type: ignore[arg-type]
    hits = [(h.record.doc_id, h.pages, h.page, h.snippet, h.score, h.exact) for h in result.hits]
    return [*hits, (result.total, result.total_exact)]


def _fragmented_archive(root: Path) -> tuple[Path, list[Doc]]:
    """15 two-page documents in 3 dossiers: indexed one transaction each, they leave FTS5
    more b-trees (segments) than MAX_SEGMENTS."""
    docs = [
        Doc(
            f"hs{i % 3}/vb{i:02d}.png",
            (
                admin_text(number=f"{i + 1}/QĐ-SNV", body=f"Đầu tư công trình số {i}."),
                f"Trang hai của văn bản {i}: kinh phí đầu tư.",
            ),
        )
        for i in range(15)
    ]
    return factory.make_archive(root, docs), docs


QUERIES = ("dau tu", "kinh phí", '"trang hai"', "3/QD-SNV", "hoà", "")


def test_merging_the_index_segments_keeps_every_answer(tmp_path: Path) -> None:
    from digitize.records import RecordStore
    from digitize.records.index import FTS_TABLES, MAX_SEGMENTS, compact_index, segment_count

    root, docs = _fragmented_archive(tmp_path / "kho")
    with RecordStore(root) as store:
        for doc in docs:
            (doc_id,) = store.db.execute(
                "SELECT id FROM documents WHERE relpath = ?", (doc.relpath,)
            ).fetchone()
            store.put(doc_id, dossier=doc.relpath.split("/")[0], extracted={}, pages=doc.pages)
        assert segment_count(store.db, "rec_fts") > MAX_SEGMENTS
    filters = {"dossier": "hs1"}
    before = [_answers(root, q, filters=filters) for q in QUERIES]
    before += [_answers(root, q, mode=Mode.ACCENTS) for q in QUERIES if q]
    with RecordStore(root) as store, store.catalog.transaction() as db:
        assert compact_index(db, max_segments=1) == FTS_TABLES
        assert all(segment_count(db, t) == 1 for t in FTS_TABLES)
    after = [_answers(root, q, filters=filters) for q in QUERIES]
    after += [_answers(root, q, mode=Mode.ACCENTS) for q in QUERIES if q]
    assert after == before
    assert before[1][0][1] == (2,)  # "kinh phí" is on page 2 only


def test_build_leaves_the_index_merged(tmp_path: Path) -> None:
    from digitize.records import RecordStore
    from digitize.records.index import FTS_TABLES, MAX_SEGMENTS, segment_count

    root, _ = _fragmented_archive(tmp_path / "kho")
    build_records(root)
    with RecordStore(root) as store:
        assert all(segment_count(store.db, t) <= MAX_SEGMENTS for t in FTS_TABLES)
        with pytest.raises(ValueError, match="not a search index"):
            segment_count(store.db, "rec_records")


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("dau tu", {"agency": "SỞ NỘI VỤ"}, {"2015/qd.png", "2014/cv.png"}),
        ("dau tu", {"agency": "so noi vu", "doc_type": "CV"}, {"2014/cv.png"}),
        ("tru so", {"dossier": "2016"}, {"2016/kh.png", "2016/tb.png"}),
        ("tru so", {"dossier": "/2016/"}, {"2016/kh.png", "2016/tb.png"}),
        ("tru so", {"dossier": "2015"}, set()),
        ("tru so", {"date_to": "2016-03-31"}, {"2016/kh.png"}),
        ("dau tu", {"agency": "Sở Tài chính"}, set()),
    ],
)
def test_text_and_filters_combine(
    archive: Path, query: str, filters: dict[str, str], expected: set[str]
) -> None:
    result = search(archive, query, filters)
    assert {h.record.source_path for h in result.hits} == expected
    assert result.total == len(expected) and result.total_exact


def test_number_typed_without_d_stroke_is_found_exactly_in_folded_mode(archive: Path) -> None:
    (hit,) = search(archive, "15/QD-SNV").hits
    assert hit.exact and hit.record.source_path == "2015/qd.png"
    assert hit.pages == (1,) and "«15/QĐ-SNV»" in hit.snippet
    assert not search(archive, "15/QD-SNV", mode=Mode.ACCENTS).hits


def test_search_reads_one_snapshot_and_leaves_the_connection_as_it_found_it(
    archive: Path,
) -> None:
    from digitize.records import RecordStore, search_store

    with RecordStore(archive) as store:
        assert search_store(store, "dau tu").hits
        assert not store.db.in_transaction
        store.db.execute("BEGIN")
        assert search_store(store, "dau tu").total == 2
        assert store.db.in_transaction  # the caller's transaction is left open
        store.db.execute("COMMIT")


@pytest.mark.parametrize(
    "query", ["05/kh-snv", "5/Kh-Snv", "05 / kh - snv", "15/qđ-snv", "15/qd-snv"]
)
def test_number_typed_in_lower_case_is_found_exactly(archive: Path, query: str) -> None:
    upper = search(archive, query.upper())
    lower = search(archive, query)
    assert lower.hits and lower.hits[0].exact
    assert [(h.record.doc_id, h.exact, h.score) for h in lower.hits] == [
        (h.record.doc_id, h.exact, h.score) for h in upper.hits
    ]
    assert lower.total == upper.total


def test_lower_case_number_in_accent_mode_keeps_its_d_stroke(archive: Path) -> None:
    (hit,) = search(archive, "15/qđ-snv", mode=Mode.ACCENTS).hits
    assert hit.exact and hit.record.source_path == "2015/qd.png"
    assert not search(archive, "15/qd-snv", mode=Mode.ACCENTS).hits


def test_parse_query_reads_a_lower_case_number_only_for_the_query() -> None:
    from digitize.metadata.numbering import parse_number

    parsed = parse_query("541/bc-snv")
    assert parsed.number is not None and parsed.number.text == "541/BC-SNV"
    assert parse_number("541/bc-snv") is None  # extraction from OCR text stays strict
    assert parse_query("ke hoach").number is None


def test_search_takes_no_write_lock_while_another_connection_writes(archive: Path) -> None:
    writer = sqlite3.connect(archive / "catalog.sqlite", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a running build does
        writer.execute("UPDATE rec_meta SET value = value WHERE key = 'fold'")
        started = time.perf_counter()
        result = search(archive, "dau tu")
        assert {h.record.source_path for h in result.hits} == {"2015/qd.png", "2014/cv.png"}
        # Waiting for the lock would take the connection's 30 s busy timeout.
        assert time.perf_counter() - started < 10
        writer.execute("COMMIT")
    finally:
        if writer.in_transaction:
            writer.execute("ROLLBACK")
        writer.close()


def test_read_only_store_refuses_writes_and_upgrades_an_old_index_once(
    tmp_path: Path,
) -> None:
    from digitize.records import RecordStore

    root = factory.make_archive(
        tmp_path / "kho", [Doc("a/qd.png", (admin_text(body="Đầu tư công."),))]
    )
    build_records(root)
    with (
        RecordStore(root, read_only=True) as store,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        store.db.execute("DELETE FROM rec_pages")
    with RecordStore(root) as store, store.catalog.transaction() as db:
        db.execute("UPDATE rec_meta SET value = 'old' WHERE key = 'fold'")
        db.execute("INSERT INTO rec_fts(rec_fts) VALUES ('delete-all')")
    # The first search after an upgrade rebuilds the index (a write), then finds the text.
    assert search(root, "dau tu").total == 1
    with RecordStore(root, read_only=True) as store:
        assert store._schema_current()
