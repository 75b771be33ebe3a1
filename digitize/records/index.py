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
straight from the FTS index, without a join per hit; seqs count down (:data:`FIRST_SEQ`), so
the newest pages come first. ``rec_meta_fts`` and
``rec_meta_fts_tone`` (contentless, one row per document, rowid = seq) index the metadata
alone, so "which documents match in their metadata" never walks the body postings.

Two more columns make the common slow queries cheap, with tokens no typed word can equal
(they carry private-use characters, which the query parser drops and unicode61 keeps):

- ``facets``: the document's filter values (type, issuing agency, year of issue, each
  dossier folder it sits in) on every page, so a filter is one more token of the same
  MATCH instead of a test on each matching page's record (:func:`facet_token`). The
  metadata-only indexes carry them too.
- ``pairs`` (folded index only): each pair of adjacent plain tokens as one token
  (``dong``+``hoi``), so a phrase of common syllables is a few rare tokens instead of
  position checks on most pages (:func:`pair_phrase`). Its content column in ``rec_pages``
  stays empty: pairs are derived from the folded text, and only ever read from the index.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Final

from digitize.vntext import canonical_tones, fold, nfc, tone_key

__all__ = [
    "FACET",
    "FIRST_SEQ",
    "FTS_TABLES",
    "INDEX_SCHEMA",
    "MAX_SEGMENTS",
    "META_TABLES",
    "PAGE_BITS",
    "compact_index",
    "facet_token",
    "facets_text",
    "fast_tone_key",
    "fold_fingerprint",
    "index_document",
    "pair_phrase",
    "pair_text",
    "rebuild_index",
    "segment_count",
    "set_document_meta",
    "unindex_document",
    "upgrade_index_tables",
]

log = logging.getLogger(__name__)

INDEX_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS rec_pages (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    page_no INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    facets TEXT NOT NULL DEFAULT '',
    pairs TEXT NOT NULL DEFAULT '',
    UNIQUE (doc_id, page_no)
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_fts USING fts5(
    meta, body, facets, pairs, content='rec_pages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_fts_tone USING fts5(
    meta, body, facets, content='rec_pages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_meta_fts USING fts5(
    meta, facets, content='', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS rec_meta_fts_tone USING fts5(
    meta, facets, content='', tokenize='unicode61 remove_diacritics 0'
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

#: First character of a facet token. Private-use characters are token characters for
#: unicode61 and control characters for the query parser, which drops them.
FACET: Final = "\ue000"
_PAIR_JOIN: Final = "\ue001"
#: Stands between pairs that are not adjacent in the text (between metadata and body, or
#: around a token that is not plain), so that no phrase of pairs can span the gap.
_PAIR_BREAK: Final = "\ue002"
# Tokens as unicode61 cuts them: letters, digits and private-use characters.
_INDEX_TOKEN: Final = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")

#: Low bits of a page rowid that hold the page number (documents up to 1,048,575 pages).
PAGE_BITS: Final = 20
#: Seq of the first document; each new one gets the lowest seq so far minus one, so the
#: newest pages have the lowest rowids. Searches read the newest matches first, and FTS5
#: reads a doclist forwards faster than backwards (the newest 2,001 pages of a filtered
#: query on 100,000 pages: 0.46 ms against 0.79 ms).
FIRST_SEQ: Final = 1 << 40

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
    probe = fold(_PROBE) + "\x00" + tone_key(_PROBE) + "\x00layout 3"
    return hashlib.sha256(probe.encode("utf-8")).hexdigest()[:16]


def facet_token(kind: str, value: str) -> str:
    """The index token of one filter value: ``t`` type key, ``o`` agency key, ``y`` year,
    ``d`` dossier folder. Keys and folders are hashed, since they hold spaces and
    punctuation that would cut them into several tokens."""
    if kind == "y":
        return f"{FACET}y{value}"
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=10).hexdigest()
    return f"{FACET}{kind}{digest}"


_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def facets_text(type_key: str, organ_key: str, issued_date: str, dossier: str) -> str:
    """The facet tokens of a document (from its ``rec_records`` keys), one line."""
    tokens = []
    if type_key:
        tokens.append(facet_token("t", type_key))
    if organ_key:
        tokens.append(facet_token("o", organ_key))
    if _ISO_DAY.fullmatch(issued_date):
        tokens.append(facet_token("y", issued_date[:4]))
    folders = dossier.split("/") if dossier else []
    tokens += [facet_token("d", "/".join(folders[:n])) for n in range(1, len(folders) + 1)]
    return " ".join(tokens)


def _plain(token: str) -> bool:
    return token.isascii() and token.isalnum()


def pair_text(*keys: str) -> str:
    """The ``pairs`` column of folded ``keys`` (metadata, body): each two adjacent plain
    (ASCII letters and digits) tokens as one, a break token wherever the chain stops."""
    out: list[str] = []
    for key in keys:
        if out:
            out.append(_PAIR_BREAK)
        tokens = [t if _plain(t) else "" for t in _INDEX_TOKEN.findall(key)]
        out += [
            f"{a}{_PAIR_JOIN}{b}" if a and b else _PAIR_BREAK for a, b in itertools.pairwise(tokens)
        ]
    return " ".join(out)


def pair_phrase(tokens: Sequence[str]) -> str | None:
    """The folded tokens of a phrase as a phrase of the ``pairs`` column (FTS5 syntax
    without quotes), or None when it has fewer than two tokens or one that is not plain:
    such a phrase is searched token by token."""
    if len(tokens) < 2 or not all(_plain(t) for t in tokens):
        return None
    return " ".join(f"{a}{_PAIR_JOIN}{b}" for a, b in itertools.pairwise(tokens))


def _keys(meta: str, body: str) -> tuple[str, str, str, str]:
    """Folded and tone keys of NFC ``meta`` and ``body``, as the two indexes store them."""
    return (
        fold(meta),
        fold(body),
        fast_tone_key(meta, is_nfc=True),
        fast_tone_key(body, is_nfc=True),
    )


def _write(
    db: sqlite3.Connection, rowid: int, meta: str, body: str, *, facets: str, delete: bool
) -> None:
    """Index or unindex one page (external-content and contentless FTS5 tables delete by
    being told exactly what was indexed)."""
    folded_meta, folded_body, tone_meta, tone_body = _keys(meta, body)
    rows: list[tuple[str, str, tuple[object, ...]]] = [
        (
            "rec_fts",
            "rowid, meta, body, facets, pairs",
            (rowid, folded_meta, folded_body, facets, pair_text(folded_meta, folded_body)),
        ),
        ("rec_fts_tone", "rowid, meta, body, facets", (rowid, tone_meta, tone_body, facets)),
    ]
    if meta:
        seq = rowid >> PAGE_BITS
        rows.append(("rec_meta_fts", "rowid, meta, facets", (seq, folded_meta, facets)))
        rows.append(("rec_meta_fts_tone", "rowid, meta, facets", (seq, tone_meta, facets)))
    for table, columns, values in rows:
        marks = ", ".join("?" * len(values))
        if delete:
            db.execute(
                f"INSERT INTO {table}({table}, {columns}) VALUES ('delete', {marks})", values
            )
        else:
            db.execute(f"INSERT INTO {table}({columns}) VALUES ({marks})", values)


def unindex_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document's pages from the index (inside the caller's transaction)."""
    rows = db.execute("SELECT id, meta, body, facets FROM rec_pages WHERE doc_id = ?", (doc_id,))
    for rowid, meta, body, facets in list(rows):
        _write(db, rowid, meta, body, facets=facets, delete=True)
    db.execute("DELETE FROM rec_pages WHERE doc_id = ?", (doc_id,))


def index_document(
    db: sqlite3.Connection, seq: int, doc_id: str, pages: Sequence[str], *, meta: str, facets: str
) -> None:
    """(Re)index a document whose record has number ``seq``: one row per page, ``meta`` on
    page 1, ``facets`` (:func:`facets_text`) on every page (inside the caller's
    transaction)."""
    unindex_document(db, doc_id)
    texts = list(pages) or [""]
    if len(texts) >= 1 << PAGE_BITS:
        raise ValueError(f"{doc_id}: too many pages to index ({len(texts)})")
    for page_no, text in enumerate(texts, start=1):
        page_meta = nfc(meta) if page_no == 1 else ""
        body = nfc(text)
        rowid = (seq << PAGE_BITS) | page_no
        db.execute(
            "INSERT INTO rec_pages(id, doc_id, page_no, meta, body, facets) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, doc_id, page_no, page_meta, body, facets),
        )
        _write(db, rowid, page_meta, body, facets=facets, delete=False)


def set_document_meta(db: sqlite3.Connection, doc_id: str, *, meta: str, facets: str) -> None:
    """Replace the indexed metadata and facets of a document (after a revision), text
    untouched; pages whose indexed values do not change are left alone."""
    meta = nfc(meta)
    rows = db.execute(
        "SELECT id, page_no, meta, body, facets FROM rec_pages WHERE doc_id = ?", (doc_id,)
    ).fetchall()
    for rowid, page_no, old_meta, body, old_facets in rows:
        new_meta = meta if page_no == 1 else old_meta
        if (new_meta, facets) == (old_meta, old_facets):
            continue
        _write(db, rowid, old_meta, body, facets=old_facets, delete=True)
        db.execute(
            "UPDATE rec_pages SET meta = ?, facets = ? WHERE id = ?", (new_meta, facets, rowid)
        )
        _write(db, rowid, new_meta, body, facets=facets, delete=False)


def upgrade_index_tables(db: sqlite3.Connection) -> None:
    """Give a catalog indexed by an older layout (no ``facets``/``pairs`` columns) the
    current tables, empty; :func:`rebuild_index` then fills them (the layout is part of
    :func:`fold_fingerprint`). Run before :data:`INDEX_SCHEMA`."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(rec_pages)")}
    if not columns or "pairs" in columns:
        return
    for table in FTS_TABLES:
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute("ALTER TABLE rec_pages ADD COLUMN facets TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE rec_pages ADD COLUMN pairs TEXT NOT NULL DEFAULT ''")
    # Seqs counted up from 1; they now count down from FIRST_SEQ, newest lowest.
    db.execute("UPDATE rec_records SET seq = ? - seq", (FIRST_SEQ + 1,))
    db.execute(
        f"UPDATE rec_pages SET id = (SELECT r.seq FROM rec_records r "
        f"WHERE r.doc_id = rec_pages.doc_id) << {PAGE_BITS} | page_no "
        "WHERE doc_id IN (SELECT doc_id FROM rec_records)"
    )
    log.info("search index tables upgraded to the facet and pair columns")


def rebuild_index(db: sqlite3.Connection) -> int:
    """Re-index every stored page from Python (never FTS5's ``rebuild``), facets taken
    afresh from the records; returns pages."""
    for table in FTS_TABLES:
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    count = 0
    rows: Iterable[tuple[int, str, str, str, str, str, str]] = list(
        db.execute(
            "SELECT p.id, p.meta, p.body, COALESCE(r.type_key, ''), COALESCE(r.organ_key, ''), "
            "COALESCE(r.issued_date, ''), COALESCE(r.dossier, '') FROM rec_pages p "
            "LEFT JOIN rec_records r ON r.doc_id = p.doc_id"
        )
    )
    for rowid, meta, body, type_key, organ_key, issued, dossier in rows:
        facets = facets_text(type_key, organ_key, issued, dossier)
        db.execute("UPDATE rec_pages SET facets = ? WHERE id = ?", (facets, rowid))
        _write(db, rowid, meta, body, facets=facets, delete=False)
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
