"""Stored DocOrdinals (read by every search hit) stay what numbering the dossier gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import records_archive as factory

from digitize.records import RecordStore, build_records

Doc, admin_text = factory.Doc, factory.admin_text

# Numbered from scratch, as the store did before it kept them: the reference.
_FRESH = (
    "SELECT r.doc_id, ROW_NUMBER() OVER (PARTITION BY r.dossier ORDER BY "
    "CASE r.issued_date WHEN '' THEN '9999' ELSE r.issued_date END, "
    "CAST(r.code_key AS INTEGER), d.relpath) FROM rec_records r "
    "JOIN documents d ON d.id = r.doc_id"
)


def _archive(root: Path) -> Path:
    docs = [
        Doc("hs1/a.png", (admin_text(number="07/QĐ-SNV", date="ngày 05 tháng 3 năm 2016"),)),
        Doc("hs1/b.png", (admin_text(number="02/QĐ-SNV", date="ngày 05 tháng 3 năm 2016"),)),
        Doc("hs1/c.png", (admin_text(number="01/QĐ-SNV", date="ngày 01 tháng 01 năm 2015"),)),
        Doc("hs2/d.png", (admin_text(number="03/QĐ-SNV", date="ngày 02 tháng 02 năm 2014"),)),
    ]
    root = factory.make_archive(root, docs)
    build_records(root)
    return root


def _stored(store: RecordStore) -> dict[str, int]:
    return {r.source_path: r.doc_ordinal for r in store.records() if r.doc_ordinal is not None}


def _fresh(store: RecordStore) -> dict[str, int]:
    paths = dict(store.db.execute("SELECT id, relpath FROM documents").fetchall())
    return {paths[d]: int(n) for d, n in store.db.execute(_FRESH)}


def test_ordinals_follow_date_then_number_within_each_dossier(tmp_path: Path) -> None:
    with RecordStore(_archive(tmp_path / "kho")) as store:
        assert _stored(store) == {"hs1/c.png": 1, "hs1/b.png": 2, "hs1/a.png": 3, "hs2/d.png": 1}
        assert _stored(store) == _fresh(store)


def test_revising_a_date_or_number_renumbers_the_dossier(tmp_path: Path) -> None:
    with RecordStore(_archive(tmp_path / "kho")) as store:
        store.revise("hs1/c.png", {"IssuedDate": "2017-01-01"})
        assert _stored(store) == {"hs1/b.png": 1, "hs1/a.png": 2, "hs1/c.png": 3, "hs2/d.png": 1}
        store.revise("hs1/a.png", {"CodeNumber": "01", "CodeNotation": "QĐ-SNV"})
        assert _stored(store)["hs1/a.png"] == 1
        assert _stored(store) == _fresh(store)
        # A search hit carries the same number as the record.
        (hit,) = [h for h in _search(store, "07/QĐ-SNV") if h.record.source_path == "hs1/a.png"]
        assert hit.record.doc_ordinal == 1


def _search(store: RecordStore, query: str) -> list:  # type: ignore[type-arg]
    from digitize.records import search_store

    return list(search_store(store, query).hits)


def test_a_document_put_in_another_dossier_renumbers_both(tmp_path: Path) -> None:
    with RecordStore(_archive(tmp_path / "kho")) as store:
        doc_id = store.resolve("hs1/b.png")
        pages = store.page_texts(doc_id)
        store.put(
            doc_id,
            dossier="hs2",
            extracted={"CodeNumber": "02", "CodeNotation": "QĐ-SNV", "IssuedDate": "2016-03-05"},
            pages=pages,
        )
        stored = _stored(store)
        assert stored == _fresh(store)
        assert (stored["hs1/c.png"], stored["hs1/a.png"]) == (1, 2)
        assert (stored["hs2/d.png"], stored["hs1/b.png"]) == (1, 2)


def test_a_catalog_without_stored_ordinals_is_numbered_when_opened(tmp_path: Path) -> None:
    root = _archive(tmp_path / "kho")
    db = sqlite3.connect(root / "catalog.sqlite")
    with db:
        db.execute("DELETE FROM rec_ordinals")
        db.execute("DELETE FROM rec_meta WHERE key = 'ordinals'")
    db.close()
    # A reader cannot fill the table: it opens for writing once, then reads.
    with RecordStore(root, read_only=True) as store:
        assert store._schema_current()
        assert _stored(store) == _fresh(store) and len(_stored(store)) == 4


def test_a_build_numbers_each_dossier_once_and_an_interrupted_one_is_finished_on_open(
    tmp_path: Path,
) -> None:
    root = _archive(tmp_path / "kho")
    with RecordStore(root) as store:
        # build() marks dossiers per document and numbers them once at its end: none left.
        assert store.db.execute("SELECT COUNT(*) FROM rec_unnumbered").fetchone()[0] == 0
        assert _stored(store) == _fresh(store)
    # A build that died after storing documents but before numbering: marks and stale
    # numbers are left behind.
    db = sqlite3.connect(root / "catalog.sqlite")
    with db:
        db.execute("UPDATE rec_ordinals SET ordinal = ordinal + 10")
        db.execute("INSERT INTO rec_unnumbered(dossier) VALUES ('hs1')")
    db.close()
    with RecordStore(root, read_only=True) as store:
        assert store.db.execute("SELECT COUNT(*) FROM rec_unnumbered").fetchone()[0] == 0
        stored = _stored(store)
        assert (stored["hs1/c.png"], stored["hs1/b.png"], stored["hs1/a.png"]) == (1, 2, 3)
