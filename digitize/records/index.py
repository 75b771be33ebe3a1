"""The full-text index in the catalog database: page texts and two FTS5 indexes over them.

``rec_pages`` holds each page's NFC text (``body``) and, on page 1, the document's metadata
(``meta``: type, số/ký hiệu, agency, trích yếu, signer). Two external-content FTS5 tables
index those rows without storing the text again (DOMAIN.md §8):

- ``rec_fts`` indexes :func:`~digitize.vntext.fold` of the text with ``unicode61
  remove_diacritics 2``: accents, đ, case and tone placement do not count. Queries are
  folded the same way, because unicode61 alone never folds đ and never normalizes.
- ``rec_fts_tone`` indexes :func:`~digitize.vntext.tone_key` with ``remove_diacritics 0``:
  accents count, tone placement (``hoà``/``hòa``) and case do not.

Both read snippets from ``rec_pages``: folding and tone keys keep every token in place, so
FTS5 highlights the original words. For the same reason the indexes must never be rebuilt
with FTS5's own ``rebuild`` (it would index the NFC text unfolded): :func:`rebuild_index`
re-indexes from Python, and runs by itself when the folding code changes.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Final

from digitize.vntext import fold, nfc, tone_key

__all__ = [
    "INDEX_SCHEMA",
    "fold_fingerprint",
    "index_document",
    "rebuild_index",
    "set_document_meta",
    "unindex_document",
]

log = logging.getLogger(__name__)

INDEX_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS rec_pages (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    page_no INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    UNIQUE (doc_id, page_no)
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_fts USING fts5(
    meta, body, content='rec_pages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_fts_tone USING fts5(
    meta, body, content='rec_pages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
)
"""

# Strings whose keys change if fold or tone_key ever change; the index remembers them.
_PROBE: Final = "Đầu tư HOÀ hòa Quý thuỷ Ð ỵ ß ﬁ Å \u0301x"


def fold_fingerprint() -> str:
    """A short digest of what the key functions make of tricky text."""
    probe = fold(_PROBE) + "\x00" + tone_key(_PROBE)
    return hashlib.sha256(probe.encode("utf-8")).hexdigest()[:16]


def _insert(db: sqlite3.Connection, rowid: int, meta: str, body: str) -> None:
    db.execute(
        "INSERT INTO rec_fts(rowid, meta, body) VALUES (?, ?, ?)", (rowid, fold(meta), fold(body))
    )
    db.execute(
        "INSERT INTO rec_fts_tone(rowid, meta, body) VALUES (?, ?, ?)",
        (rowid, tone_key(meta), tone_key(body)),
    )


def _delete(db: sqlite3.Connection, rowid: int, meta: str, body: str) -> None:
    # External-content FTS5 deletes by being told exactly what was indexed.
    db.execute(
        "INSERT INTO rec_fts(rec_fts, rowid, meta, body) VALUES ('delete', ?, ?, ?)",
        (rowid, fold(meta), fold(body)),
    )
    db.execute(
        "INSERT INTO rec_fts_tone(rec_fts_tone, rowid, meta, body) VALUES ('delete', ?, ?, ?)",
        (rowid, tone_key(meta), tone_key(body)),
    )


def unindex_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document's pages from the index (inside the caller's transaction)."""
    rows = db.execute("SELECT id, meta, body FROM rec_pages WHERE doc_id = ?", (doc_id,))
    for rowid, meta, body in list(rows):
        _delete(db, rowid, meta, body)
    db.execute("DELETE FROM rec_pages WHERE doc_id = ?", (doc_id,))


def index_document(db: sqlite3.Connection, doc_id: str, pages: Sequence[str], meta: str) -> None:
    """(Re)index a document: one row per page, ``meta`` on page 1 (caller's transaction)."""
    unindex_document(db, doc_id)
    texts = list(pages) or [""]
    for page_no, body in enumerate(texts, start=1):
        page_meta = nfc(meta) if page_no == 1 else ""
        cur = db.execute(
            "INSERT INTO rec_pages(doc_id, page_no, meta, body) VALUES (?, ?, ?, ?)",
            (doc_id, page_no, page_meta, nfc(body)),
        )
        _insert(db, int(cur.lastrowid or 0), page_meta, nfc(body))


def set_document_meta(db: sqlite3.Connection, doc_id: str, meta: str) -> None:
    """Replace the indexed metadata of a document (after a revision), text untouched."""
    row = db.execute(
        "SELECT id, meta, body FROM rec_pages WHERE doc_id = ? AND page_no = 1", (doc_id,)
    ).fetchone()
    if row is None:
        return
    rowid, old_meta, body = row
    _delete(db, rowid, old_meta, body)
    db.execute("UPDATE rec_pages SET meta = ? WHERE id = ?", (nfc(meta), rowid))
    _insert(db, rowid, nfc(meta), body)


def rebuild_index(db: sqlite3.Connection) -> int:
    """Re-index every stored page from Python (never FTS5's ``rebuild``); returns pages."""
    db.execute("INSERT INTO rec_fts(rec_fts) VALUES ('delete-all')")
    db.execute("INSERT INTO rec_fts_tone(rec_fts_tone) VALUES ('delete-all')")
    count = 0
    rows: Iterable[tuple[int, str, str]] = list(db.execute("SELECT id, meta, body FROM rec_pages"))
    for rowid, meta, body in rows:
        _insert(db, rowid, meta, body)
        count += 1
    log.info("re-indexed %d pages", count)
    return count
