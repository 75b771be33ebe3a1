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

A page's rowid is ``record seq << 20 | page number``, so a query groups its hits by document
straight from the FTS index, without a join per hit. ``rec_meta_fts`` and
``rec_meta_fts_tone`` (contentless, one row per document, rowid = seq) index the metadata
alone, so "which documents match in their metadata" never walks the body postings.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Final

from digitize.vntext import canonical_tones, fold, nfc, tone_key

__all__ = [
    "INDEX_SCHEMA",
    "META_TABLES",
    "PAGE_BITS",
    "fast_tone_key",
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
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_meta_fts USING fts5(
    meta, content='', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_meta_fts_tone USING fts5(
    meta, content='', tokenize='unicode61 remove_diacritics 0'
)
"""

#: The metadata-only index of each key, by the page index it goes with.
META_TABLES: Final = {"rec_fts": "rec_meta_fts", "rec_fts_tone": "rec_meta_fts_tone"}

#: Low bits of a page rowid that hold the page number (documents up to 1,048,575 pages).
PAGE_BITS: Final = 20

# The only words canonical_tones can change: a final o/u followed by a toned a/e or y.
_TONE_CANDIDATE: Final = re.compile(
    r"(?<![^\W\d_])[^\W\d_]*(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


def fast_tone_key(text: str, *, is_nfc: bool = False) -> str:
    """:func:`~digitize.vntext.tone_key`, word by word only where it can change anything.

    Same result (a test compares them), but indexing a page no longer runs Python code for
    every word: only words ending like ``hoà``, ``khoẻ``, ``thuỷ`` go through
    :func:`~digitize.vntext.canonical_tones`. ``is_nfc`` skips normalizing text that
    already went through :func:`~digitize.vntext.nfc`.
    """
    if not is_nfc:
        text = nfc(text)
    return _TONE_CANDIDATE.sub(lambda m: canonical_tones(m.group(0)), text).casefold()


# Strings whose keys change if fold or tone_key ever change; the index remembers them.
_PROBE: Final = "Đầu tư HOÀ hòa Quý thuỷ Ð ỵ ß ﬁ Å \u0301x"


def fold_fingerprint() -> str:
    """A short digest of what the key functions make of tricky text (and of the index
    layout): when it changes, the index is rebuilt."""
    # The layout tag makes archives indexed before the metadata-only tables re-index too.
    probe = fold(_PROBE) + "\x00" + tone_key(_PROBE) + "\x00layout 2"
    return hashlib.sha256(probe.encode("utf-8")).hexdigest()[:16]


def _keys(meta: str, body: str) -> tuple[str, str, str, str]:
    """Folded and tone keys of NFC ``meta`` and ``body``, as the two indexes store them."""
    return (
        fold(meta),
        fold(body),
        fast_tone_key(meta, is_nfc=True),
        fast_tone_key(body, is_nfc=True),
    )


def _insert(db: sqlite3.Connection, rowid: int, meta: str, body: str) -> None:
    folded_meta, folded_body, tone_meta, tone_body = _keys(meta, body)
    db.execute(
        "INSERT INTO rec_fts(rowid, meta, body) VALUES (?, ?, ?)",
        (rowid, folded_meta, folded_body),
    )
    db.execute(
        "INSERT INTO rec_fts_tone(rowid, meta, body) VALUES (?, ?, ?)",
        (rowid, tone_meta, tone_body),
    )
    if meta:
        seq = rowid >> PAGE_BITS
        db.execute("INSERT INTO rec_meta_fts(rowid, meta) VALUES (?, ?)", (seq, folded_meta))
        db.execute("INSERT INTO rec_meta_fts_tone(rowid, meta) VALUES (?, ?)", (seq, tone_meta))


def _delete(db: sqlite3.Connection, rowid: int, meta: str, body: str) -> None:
    # External-content FTS5 deletes by being told exactly what was indexed.
    folded_meta, folded_body, tone_meta, tone_body = _keys(meta, body)
    db.execute(
        "INSERT INTO rec_fts(rec_fts, rowid, meta, body) VALUES ('delete', ?, ?, ?)",
        (rowid, folded_meta, folded_body),
    )
    db.execute(
        "INSERT INTO rec_fts_tone(rec_fts_tone, rowid, meta, body) VALUES ('delete', ?, ?, ?)",
        (rowid, tone_meta, tone_body),
    )
    if meta:
        seq = rowid >> PAGE_BITS
        db.execute(
            "INSERT INTO rec_meta_fts(rec_meta_fts, rowid, meta) VALUES ('delete', ?, ?)",
            (seq, folded_meta),
        )
        db.execute(
            "INSERT INTO rec_meta_fts_tone(rec_meta_fts_tone, rowid, meta) VALUES ('delete', ?, ?)",
            (seq, tone_meta),
        )


def unindex_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document's pages from the index (inside the caller's transaction)."""
    rows = db.execute("SELECT id, meta, body FROM rec_pages WHERE doc_id = ?", (doc_id,))
    for rowid, meta, body in list(rows):
        _delete(db, rowid, meta, body)
    db.execute("DELETE FROM rec_pages WHERE doc_id = ?", (doc_id,))


def index_document(
    db: sqlite3.Connection, seq: int, doc_id: str, pages: Sequence[str], meta: str
) -> None:
    """(Re)index a document whose record has number ``seq``: one row per page, ``meta`` on
    page 1 (inside the caller's transaction)."""
    unindex_document(db, doc_id)
    texts = list(pages) or [""]
    if len(texts) >= 1 << PAGE_BITS:
        raise ValueError(f"{doc_id}: too many pages to index ({len(texts)})")
    for page_no, text in enumerate(texts, start=1):
        page_meta = nfc(meta) if page_no == 1 else ""
        body = nfc(text)
        rowid = (seq << PAGE_BITS) | page_no
        db.execute(
            "INSERT INTO rec_pages(id, doc_id, page_no, meta, body) VALUES (?, ?, ?, ?, ?)",
            (rowid, doc_id, page_no, page_meta, body),
        )
        _insert(db, rowid, page_meta, body)


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
    for table in ("rec_fts", "rec_fts_tone", "rec_meta_fts", "rec_meta_fts_tone"):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    count = 0
    rows: Iterable[tuple[int, str, str]] = list(db.execute("SELECT id, meta, body FROM rec_pages"))
    for rowid, meta, body in rows:
        _insert(db, rowid, meta, body)
        count += 1
    log.info("re-indexed %d pages", count)
    return count
