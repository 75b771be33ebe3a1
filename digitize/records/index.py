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
    "FTS_TABLES",
    "INDEX_SCHEMA",
    "MAX_SEGMENTS",
    "META_TABLES",
    "PAGE_BITS",
    "compact_index",
    "fast_tone_key",
    "fold_fingerprint",
    "index_document",
    "rebuild_index",
    "segment_count",
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
);
-- Search filters become a set of record seqs: these covering indexes give it without
-- reading the records' rows, whose JSON makes a table scan slow (8 ms for 30,000).
CREATE INDEX IF NOT EXISTS rec_search_type ON rec_records(type_key, seq);
CREATE INDEX IF NOT EXISTS rec_search_organ ON rec_records(organ_key, seq);
CREATE INDEX IF NOT EXISTS rec_search_date ON rec_records(issued_date, seq);
CREATE INDEX IF NOT EXISTS rec_search_dossier ON rec_records(dossier, seq)
"""

#: The metadata-only index of each key, by the page index it goes with.
META_TABLES: Final = {"rec_fts": "rec_meta_fts", "rec_fts_tone": "rec_meta_fts_tone"}
FTS_TABLES: Final = (*META_TABLES, *META_TABLES.values())

#: An index with more b-trees (FTS5 segments) than this is merged after a build. Every
#: MATCH descends each segment once per term: on 100,000 pages indexed one document per
#: transaction (17 segments), a four-word phrase lookup cost 0.7 ms against 0.02 ms merged.
MAX_SEGMENTS: Final = 4

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
    for table in FTS_TABLES:
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    count = 0
    rows: Iterable[tuple[int, str, str]] = list(db.execute("SELECT id, meta, body FROM rec_pages"))
    for rowid, meta, body in rows:
        _insert(db, rowid, meta, body)
        count += 1
    compact_index(db)
    log.info("re-indexed %d pages", count)
    return count


def segment_count(db: sqlite3.Connection, table: str) -> int:
    """How many b-trees (segments) the FTS5 index ``table`` has (one after ``optimize``)."""
    if table not in FTS_TABLES:
        raise ValueError(f"not a search index: {table!r}")
    # %_idx holds one row per leaf page range of each segment, keyed by segid.
    return int(db.execute(f"SELECT COUNT(DISTINCT segid) FROM {table}_idx").fetchone()[0])


def compact_index(db: sqlite3.Connection, *, max_segments: int = MAX_SEGMENTS) -> tuple[str, ...]:
    """Merge each FTS5 index that has more than ``max_segments`` segments into one (FTS5
    ``optimize``: the postings are rewritten, the indexed text is not read again); returns
    the tables merged. Run after a build, inside the caller's transaction.

    Indexing one document per transaction leaves a segment per document for FTS5's
    automerge to fold, which keeps about log(documents) of them; queries pay per segment.
    Merging costs about as much as the index is large (~10 s for 100,000 pages), so it
    waits until several segments have piled up rather than running after every document.
    """
    merged = []
    for table in FTS_TABLES:
        if segment_count(db, table) > max_segments:
            db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            merged.append(table)
    if merged:
        log.info("merged the search index segments of %s", ", ".join(merged))
    return tuple(merged)
