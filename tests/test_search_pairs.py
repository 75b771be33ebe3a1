"""The adjacent-token (pair) index answers every phrase exactly as the page index does."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import records_archive as factory

from digitize.records import (
    Mode,
    RecordStore,
    build_records,
    revise_page_text,
    revise_record,
    search,
)
from digitize.records.index import PAIR_TABLES, pair_text
from digitize.records.query import parse_query

Doc, admin_text = factory.Doc, factory.admin_text

PHRASES = (
    '"Đồng Hới"',
    '"dong hoi"',
    '"thành phố Đồng Hới"',
    '"hoà giải"',  # old tone placement in the text, new in the query
    '"hòa giải"',
    '"cải cách hành chính"',
    "cai-cac*",  # a bare written unit is a phrase too; * makes its last token a prefix
    "dong-ho*",
    "15/QĐ-SNV",  # a số/ký hiệu is a phrase of its parts
    "15/QD-SNV",
    '"quý cơ quan"',
    '"hới quảng"',  # across a comma and a line break
    '"nhân dân"',
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pairs") / "kho"
    factory.make_archive(
        root,
        [
            Doc(
                "a/qd.png",
                (
                    admin_text(body="Ủy ban nhân dân thành phố Đồng Hới, Quảng Bình."),
                    "Tổ hoà giải; Đồng. Hới (dấu chấm giữa hai chữ); đồng hồ.",
                ),
            ),
            Doc(
                "a/cv.png",
                (
                    admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v cai cach hanh chinh",
                        body="Dong Hoi\\nQuang Binh; quý cơ quan thực hiện.",
                    ),
                ),
            ),
            # NFD text, and a phrase split across the metadata and the body.
            Doc(
                "b/tb.png",
                (
                    unicodedata.normalize(
                        "NFD", admin_text(subject="Cải cách", body="hành chính và hòa giải.")
                    ),
                ),
            ),
        ],
    )
    build_records(root)
    return root


def _pages(store: RecordStore, query: str, mode: Mode, *, pairs: bool) -> set[int]:
    parsed = parse_query(query, mode)
    table = "rec_fts"
    match = parsed.pair_fts() if pairs else parsed.fts()
    assert match is not None
    if pairs:
        table = PAIR_TABLES[table]
    rows = store.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (match,))
    return {int(r[0]) for r in rows}


def _check(root: Path) -> None:
    with RecordStore(root) as store:
        for query in PHRASES:
            expected = _pages(store, query, Mode.FOLDED, pairs=False)
            assert _pages(store, query, Mode.FOLDED, pairs=True) == expected, query


def test_pair_index_finds_exactly_the_pages_of_each_phrase(archive: Path) -> None:
    _check(archive)
    with RecordStore(archive) as store:
        assert _pages(store, '"dong hoi"', Mode.FOLDED, pairs=True)  # not a vacuous check
        longer = _pages(store, '"cai cach hanh chinh"', Mode.FOLDED, pairs=True)
        assert longer and longer <= _pages(store, '"cai cach"', Mode.FOLDED, pairs=True)


def test_pair_index_follows_revisions_and_rebuilds(tmp_path: Path) -> None:
    root = factory.make_archive(
        tmp_path / "kho",
        [Doc("qd.png", (admin_text(subject="Về thành phố Đồng Hới"), "Đồng Hới, kênh mương."))],
    )
    build_records(root)
    _check(root)
    assert search(root, '"kenh muong"').total == 1
    revise_record(root, "qd.png", {"Subject": "Về cải cách hành chính"})
    revise_page_text(root, "qd.png", 2, "Tổ hoà giải ở cơ sở.")
    build_records(root, refresh=True)
    _check(root)
    assert search(root, '"dong hoi"').total == 1  # still in the body of page 1
    assert search(root, '"hoa giai"').hits[0].pages == (2,)
    assert search(root, '"kenh muong"').total == 0  # the old page 2 text is gone


def test_search_answers_a_phrase_from_the_pair_index(archive: Path) -> None:
    result = search(archive, '"dong hoi"')
    assert {h.record.source_path for h in result.hits} == {"a/qd.png", "a/cv.png"}
    (qd,) = [h for h in result.hits if h.record.source_path == "a/qd.png"]
    assert qd.pages == (1, 2) and "«Đồng Hới»" in qd.snippet
    assert search(archive, "dong-ho*").total == 2
    # Accent-sensitive phrases come from the accent-sensitive page index.
    accents = search(archive, '"Đồng Hới"', mode=Mode.ACCENTS)
    assert {h.record.source_path for h in accents.hits} == {"a/qd.png"}
    assert not search(archive, '"Đồng Hồi"', mode=Mode.ACCENTS).hits


def test_pair_text_joins_adjacent_tokens_across_punctuation() -> None:
    assert pair_text("dong hoi, quang\nbinh") == "dong_hoi hoi_quang quang_binh"
    assert pair_text("15/qđ-snv") == "15_qđ qđ_snv"
    assert pair_text("một") == pair_text("") == ""
    assert parse_query('"dong hoi" lenh').pair_fts() is None  # a lone word has no pair
    assert parse_query('"dong hoi" "cam xuyen"').pair_fts() == '"dong_hoi" "cam_xuyen"'


def test_a_catalog_indexed_before_the_pair_index_is_reindexed_when_opened(tmp_path: Path) -> None:
    root = factory.make_archive(tmp_path / "kho", [Doc("qd.png", (admin_text(),))])
    build_records(root)
    with RecordStore(root) as store, store.catalog.transaction() as db:
        for table in PAIR_TABLES.values():  # as an archive indexed by the previous layout
            db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
        db.execute("UPDATE rec_meta SET value = 'layout 3' WHERE key = 'fold'")
    assert search(root, '"ke hoach dau tu"').total == 1
    _check(root)
