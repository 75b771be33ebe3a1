"""Facet and pair tokens: filters and phrases answered inside the FTS5 match find exactly
what the record columns and the plain phrase find, through revisions, rebuilds and the
upgrade of a catalog indexed by the previous layout (DOMAIN.md §8)."""

from __future__ import annotations

import importlib
import sqlite3
import unicodedata
from pathlib import Path

import pytest
import records_archive as factory

from digitize.records import (
    Mode,
    RecordStore,
    SearchFilters,
    build_records,
    revise_page_text,
    revise_record,
    search,
)
from digitize.records.index import FIRST_SEQ, FTS_TABLES, PAGE_BITS, pair_phrase, pair_text
from digitize.records.query import parse_query
from digitize.records.search import rank_documents

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
    '"binh hanh"',  # the last word of the metadata, the first of the body: no phrase
    '"ﬁn de"',  # a ligature: folded to plain letters on both sides
)

FILTERS: tuple[dict[str, str], ...] = (
    {"doc_type": "QĐ"},
    {"doc_type": "Công văn"},
    {"agency": "sở nội vụ"},
    {"agency": "so"},
    {"date_from": "2015"},
    {"date_from": "2014", "date_to": "2015"},
    {"date_from": "2015-05-04"},  # inside a year: the year tokens narrow, the dates decide
    {"date_to": "03/05/2015"},
    {"dossier": "a"},
    {"dossier": "a/b"},
    {"dossier": "a/bc"},
    {"dossier": "A"},  # folder names are case-sensitive
    {"doc_type": "QĐ", "dossier": "a", "date_from": "2015"},
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tokens") / "kho"
    factory.make_archive(
        root,
        [
            Doc(
                "a/qd.png",
                (
                    admin_text(body="Ủy ban nhân dân thành phố Đồng Hới, Quảng Bình."),
                    "Tổ hoà giải; Đồng. Hới (dấu chấm giữa hai chữ); đồng hồ. ﬁn de.",
                ),
            ),
            Doc(
                "a/b/cv.png",
                (
                    admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v cai cach hanh chinh",
                        date="ngày 10 tháng 02 năm 2014",
                        body="Dong Hoi\nQuang Binh; quý cơ quan thực hiện.",
                    ),
                ),
            ),
            # NFD text, and a phrase split across the metadata and the body.
            Doc(
                "a/bc/tb.png",
                (
                    unicodedata.normalize(
                        "NFD",
                        admin_text(
                            number="07/TB-STP",
                            heading="THÔNG BÁO",
                            agency="SỞ TƯ PHÁP",
                            subject="Cải cách hành chính",
                            date="ngày 20 tháng 12 năm 2015",
                            body="hành chính và hòa giải ở Đồng Hới.",
                        ),
                    ),
                ),
            ),
            Doc("khac/kh.png", (admin_text(number="30/QĐ-SNV", body="Đồng Hới; kế hoạch."),)),
        ],
    )
    build_records(root)
    return root


def _pages(store: RecordStore, match: str) -> set[int]:
    rows = store.db.execute("SELECT rowid FROM rec_fts WHERE rec_fts MATCH ?", (match,))
    return {int(r[0]) for r in rows}


def _check_phrases(root: Path) -> None:
    with RecordStore(root) as store:
        for query in PHRASES:
            parsed = parse_query(query)
            expected = _pages(store, f"{{meta body}} : ({parsed.fts()})")
            assert _pages(store, parsed.page_fts()) == expected, query


def _reference(store: RecordStore, query: str, filters: dict[str, str]) -> set[str]:
    """Documents with a page matching the plain query, filtered on the record columns."""
    where, params = SearchFilters.resolve(filters).sql()
    rows = store.db.execute(
        "SELECT DISTINCT p.doc_id FROM rec_fts JOIN rec_pages p ON p.id = rec_fts.rowid "
        f"JOIN rec_records r ON r.doc_id = p.doc_id WHERE rec_fts MATCH ? AND {where}",
        (f"{{meta body}} : ({parse_query(query).fts()})", *params),
    )
    return {str(r[0]) for r in rows}


def _check_filters(root: Path, query: str = "dong hoi") -> None:
    with RecordStore(root) as store:
        for filters in FILTERS:
            ranking = rank_documents(store, query, filters, limit=50)
            expected = _reference(store, query, filters)
            assert set(ranking.doc_ids) == expected, filters
            assert ranking.total == len(expected) and ranking.total_exact, filters


def test_pairs_find_exactly_the_pages_of_each_phrase(archive: Path) -> None:
    _check_phrases(archive)
    with RecordStore(archive) as store:
        pairs = parse_query('"dong hoi"').page_fts()
        assert "\ue001" in pairs and _pages(store, pairs)  # not a vacuous check
        longer = _pages(store, parse_query('"cai cach hanh chinh"').page_fts())
        assert longer and longer <= _pages(store, parse_query('"cai cach"').page_fts())
        assert not _pages(store, parse_query('"binh hanh"').page_fts())


def test_facets_filter_exactly_as_the_record_columns_do(archive: Path) -> None:
    _check_filters(archive)
    _check_filters(archive, "ke hoach")
    with RecordStore(archive) as store:  # the checks are not vacuous
        assert len(_reference(store, "dong hoi", {"dossier": "a"})) == 3
        assert len(_reference(store, "dong hoi", {"dossier": "a/b"})) == 1
        assert _reference(store, "dong hoi", {"date_from": "2015-05-04"})
        assert not _reference(store, "dong hoi", {"dossier": "A"})


def test_an_agency_naming_too_many_agencies_for_tokens_is_tested_on_the_records(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = {str(f): search(archive, "dong hoi", f).hits for f in FILTERS}
    monkeypatch.setattr(importlib.import_module("digitize.records.search"), "MAX_FACET_TOKENS", 0)
    _check_filters(archive)
    assert {str(f): search(archive, "dong hoi", f).hits for f in FILTERS} == tokens


def test_facets_and_pairs_follow_revisions_and_rebuilds(tmp_path: Path) -> None:
    root = factory.make_archive(
        tmp_path / "kho",
        [Doc("qd.png", (admin_text(subject="Về thành phố Đồng Hới"), "Đồng Hới, kênh mương."))],
    )
    build_records(root)
    _check_phrases(root)
    assert search(root, '"kenh muong"', {"doc_type": "QĐ", "date_from": "2015"}).total == 1
    revise_record(root, "qd.png", {"TypeName": "Công văn", "IssuedDate": "2013-04-02"})
    assert search(root, '"kenh muong"', {"doc_type": "QĐ"}).total == 0
    assert search(root, '"kenh muong"', {"date_from": "2015"}).total == 0
    assert search(root, '"kenh muong"', {"doc_type": "Công văn", "date_to": "2013"}).total == 1
    revise_record(root, "qd.png", {"Subject": "Về cải cách hành chính"})
    revise_page_text(root, "qd.png", 2, "Tổ hoà giải ở cơ sở.")
    build_records(root, refresh=True)
    _check_phrases(root)
    _check_filters(root)
    assert search(root, '"dong hoi"', {"doc_type": "Công văn"}).total == 1  # still on page 1
    assert search(root, '"hoa giai"').hits[0].pages == (2,)
    assert search(root, '"kenh muong"').total == 0  # the old page 2 text is gone


def test_newest_documents_have_the_lowest_rowids(archive: Path) -> None:
    with RecordStore(archive) as store:
        seqs = [int(r[0]) for r in store.db.execute("SELECT seq FROM rec_records ORDER BY rowid")]
        pages = store.db.execute("SELECT id, doc_id, page_no FROM rec_pages").fetchall()
        seq_of = dict(store.db.execute("SELECT doc_id, seq FROM rec_records").fetchall())
    assert seqs == list(range(FIRST_SEQ, FIRST_SEQ - len(seqs), -1))
    assert all(rid == seq_of[doc] << PAGE_BITS | page for rid, doc, page in pages)


def test_a_catalog_of_the_previous_layout_is_upgraded_when_opened(tmp_path: Path) -> None:
    root = factory.make_archive(
        tmp_path / "kho",
        [
            Doc("a/qd.png", (admin_text(body="Đồng Hới."), "Trang hai: Đồng Hới.")),
            Doc("b/cv.png", (admin_text(number="12/SNV-VP", heading="", body="Dong Hoi."),)),
        ],
    )
    build_records(root)
    before = search(root, '"dong hoi"', {"dossier": "a"})
    db = sqlite3.connect(root / "catalog.sqlite")
    with db:  # what layout 2 left: no facets or pairs, seqs counted up from 1
        for table in FTS_TABLES:
            db.execute(f"DROP TABLE {table}")
        db.execute("ALTER TABLE rec_pages DROP COLUMN facets")
        db.execute("ALTER TABLE rec_pages DROP COLUMN pairs")
        db.execute("UPDATE rec_records SET seq = ? - seq", (FIRST_SEQ + 1,))
        db.execute(
            "UPDATE rec_pages SET id = (SELECT seq FROM rec_records r "
            f"WHERE r.doc_id = rec_pages.doc_id) << {PAGE_BITS} | page_no"
        )
        for table, folding in (("rec_fts", 2), ("rec_fts_tone", 0)):
            db.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5(meta, body, content='rec_pages', "
                f"content_rowid='id', tokenize='unicode61 remove_diacritics {folding}')"
            )
        db.execute("UPDATE rec_meta SET value = 'layout 2' WHERE key = 'fold'")
    db.close()
    after = search(root, '"dong hoi"', {"dossier": "a"})
    assert [h.record.doc_id for h in after.hits] == [h.record.doc_id for h in before.hits]
    assert [(h.pages, h.snippet) for h in after.hits] == [(h.pages, h.snippet) for h in before.hits]
    assert after.total == before.total == 1
    _check_phrases(root)
    _check_filters(root)
    with RecordStore(root, read_only=True) as store:
        assert store._schema_current()
        (low,) = store.db.execute("SELECT MIN(seq) FROM rec_records").fetchone()
    assert low == FIRST_SEQ - 1


def test_pair_text_joins_plain_adjacent_tokens_and_breaks_elsewhere() -> None:
    join, gap = "\ue001", "\ue002"
    assert pair_text("dong hoi, quang\nbinh") == f"dong{join}hoi hoi{join}quang quang{join}binh"
    assert pair_text("a b", "c d") == f"a{join}b {gap} c{join}d"  # none across columns
    assert pair_text("a", "b c") == f"b{join}c"
    assert pair_text("x ﬁn y z") == f"{gap} {gap} y{join}z"
    assert pair_text("một") == pair_text("") == ""
    assert pair_phrase(("dong", "hoi")) == f"dong{join}hoi"
    assert pair_phrase(("dong",)) is None
    assert pair_phrase(("ﬁn", "de")) is None
    assert parse_query('"dong hoi" lenh').page_fts() == f'"dong{join}hoi" "lenh"'
    assert parse_query('"dong hoi"', Mode.ACCENTS).page_fts() == '"dong hoi"'


def test_prefix_queries_highlight_the_text_not_the_pairs(archive: Path) -> None:
    # "dong*" also begins pair tokens ("dong" + "hoi"), whose column has no text to show.
    for query in ("dong*", "dong-ho*", "thanh pho dong*"):
        result = search(archive, query)
        assert result.hits, query
        assert all("«" in hit.snippet for hit in result.hits), query
