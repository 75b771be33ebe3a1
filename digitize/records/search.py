"""Full-text and metadata search over an archive's records (DOMAIN.md §1, §8).

``search(archive, "quyet dinh cong so dien tu", {"doc_type": "QĐ", "date_from": "2015-01-01"})``
finds documents whatever the user's diacritics, đ, case or tone placement, ranks them
(documents whose metadata matches first, then those with more matching pages, then the
newest) and returns a highlighted snippet and the matching page numbers for each. A query
that is a số/ký hiệu (``15/QĐ-BNV``) is also looked up in the exact-match column, and those
documents come first. Filters use the effective values (revisions win over OCR). All SQL is
parameterized; user text never becomes FTS5 syntax (:mod:`digitize.records.query`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Final

from digitize.metadata.dates import parse_numeric_date
from digitize.metadata.doctypes import lookup_abbreviation, lookup_name
from digitize.records.errors import SearchQueryError
from digitize.records.index import META_TABLES, PAGE_BITS, facet_token
from digitize.records.model import Record, agency_key, code_key
from digitize.records.query import Mode, ParsedQuery, parse_query
from digitize.records.store import RecordStore
from digitize.vntext import nfc

__all__ = [
    "Ranking",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "rank_documents",
    "search",
    "search_store",
]

log = logging.getLogger(__name__)

_TABLES: Final = {Mode.FOLDED: "rec_fts", Mode.ACCENTS: "rec_fts_tone"}
#: Score of a document whose metadata (type, số/ký hiệu, agency, trích yếu, signer) matches
#: the whole query: above any body-only match, whose score stays below 1.
META_SCORE: Final = 4.0
_SNIPPET_TOKENS: Final = 16
#: Above this many matching pages a query is not counted exactly: metadata matches come
#: first, then the newest documents, and the total is a lower bound.
FULL_RANK_PAGES: Final = 2000
_PAGE_MASK: Final = (1 << PAGE_BITS) - 1
MAX_LIMIT: Final = 1000
#: A filter keeping more than this share of the documents is tested page by page rather
#: than turned into a set of seqs (measured on 100,000 pages: a type filter keeping 14% was
#: faster as a set, a date filter keeping 43% three times faster page by page).
SET_SHARE: Final = 0.25
#: A filter needing more facet tokens than this (OR-ed agencies or years) is tested on the
#: records instead.
MAX_FACET_TOKENS: Final = 64


def _parse_day(value: object, name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = nfc(str(value)).strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01" if name == "date_from" else f"{text}-12-31"
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    day = parse_numeric_date(text)
    if day is None:
        label = "--from" if name == "date_from" else "--to"
        raise SearchQueryError(
            f"Ngày {text!r} ({label}) không hợp lệ; hãy ghi dạng YYYY-MM-DD (ví dụ 2015-01-01), "
            "DD/MM/YYYY hoặc chỉ năm (2015)."
        )
    return day.isoformat()


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Conditions on the record, combined with AND.

    Attributes:
        doc_type: type abbreviation (``QĐ``, exact case as in Phụ lục III) or name
            (``Quyết định``, accents optional).
        agency: part of the issuing agency's name, accents optional (``so noi vu``).
        date_from, date_to: issue date range, inclusive: ``2015-01-01``, ``01/01/2015`` or a
            year; documents without a date are left out when either is given.
        dossier: a dossier (folder) and its sub-folders.
    """

    doc_type: str | None = None
    agency: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    dossier: str | None = None

    def __post_init__(self) -> None:
        start = _parse_day(self.date_from, "date_from")
        end = _parse_day(self.date_to, "date_to")
        object.__setattr__(self, "date_from", start)
        object.__setattr__(self, "date_to", end)
        if start and end and start > end:
            raise SearchQueryError(
                f"Khoảng ngày không hợp lệ: từ {start} đến {end}; ngày bắt đầu phải trước ngày "
                "kết thúc."
            )
        for name in ("doc_type", "agency", "dossier"):
            value = getattr(self, name)
            if value is not None:
                value = nfc(str(value)).strip() or None
                if value is not None and len(value) > 500:
                    raise SearchQueryError(f"Điều kiện lọc {name} quá dài (tối đa 500 ký tự).")
                object.__setattr__(self, name, value)

    @classmethod
    def resolve(cls, value: SearchFilters | Mapping[str, object] | None) -> SearchFilters:
        """Filters from None, a dict of the fields, or an instance."""
        if value is None:
            return cls()
        if isinstance(value, SearchFilters):
            return value
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise SearchQueryError(
                f"Điều kiện lọc không có: {', '.join(unknown)}; dùng: {', '.join(sorted(known))}."
            )
        return cls(**{k: (None if v is None else str(v)) for k, v in value.items()})

    @property
    def active(self) -> bool:
        """Whether any condition is set."""
        return any(getattr(self, f.name) for f in fields(self))

    def sql(self) -> tuple[str, list[object]]:
        """A WHERE fragment over ``rec_records r`` and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.doc_type:
            clauses.append("r.type_key = ?")
            params.append(agency_key(_type_name(self.doc_type)))
        if self.agency:
            clauses.append(f"r.organ_key IN ({_distinct('organ_key')} WHERE v LIKE ? ESCAPE '\\')")
            params.append("%" + _escape_like(agency_key(self.agency)) + "%")
        if self.date_from:
            clauses.append("r.issued_date != '' AND r.issued_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("r.issued_date != '' AND r.issued_date <= ?")
            params.append(self.date_to)
        if self.dossier:
            # The folder or below it, case-sensitive as folder names are: "a/" ≤ v < "a0".
            folder = self.dossier.strip("/")
            clauses.append("(r.dossier = ? OR (r.dossier >= ? AND r.dossier < ?))")
            params += [folder, folder + "/", folder + "0"]
        return (" AND ".join(clauses) or "1"), params


def _type_name(value: str) -> str:
    match = lookup_abbreviation(value)
    if match is not None:
        return match.doc_type.name
    doc_type = lookup_name(value)
    return doc_type.name if doc_type is not None else value


def _distinct(column: str) -> str:
    """``SELECT v FROM …``: the distinct values of an indexed column of ``rec_records``, one
    index seek each. A LIKE can use no index, so it is tested on the few distinct agencies
    or dossiers and the records are then found by equality (on 30,000 records: 1.8 → 0.4 ms
    for an agency, 1.6 → 0.7 ms for a dossier, against testing every record's value)."""
    return (
        f"WITH RECURSIVE k(v) AS (SELECT MIN({column}) FROM rec_records UNION ALL "
        f"SELECT (SELECT MIN({column}) FROM rec_records WHERE {column} > k.v) FROM k "
        "WHERE k.v IS NOT NULL) SELECT v FROM k"
    )


def _d_variants(key: str) -> list[str]:
    """``key`` with each d or đ as either: a số/ký hiệu typed without diacritics
    (``15/QD-UBND``) finds ``15/QĐ-UBND`` in folded mode, through the exact column's index."""
    spots = [i for i, ch in enumerate(key) if ch in "dđ"]
    if len(spots) > 6:  # no real ký hiệu has so many; keep the lookup small
        return list(dict.fromkeys((key, key.replace("đ", "d"), key.replace("d", "đ"))))
    variants = []
    for choice in itertools.product("dđ", repeat=len(spots)):
        chars = list(key)
        for i, ch in zip(spots, choice, strict=True):
            chars[i] = ch
        variants.append("".join(chars))
    return variants


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document found.

    Attributes:
        record: its record (no text).
        score: relevance, higher is better: ``META_SCORE`` when the metadata matches the
            whole query, plus p/(p+1) for p matching pages when they were all counted;
            ``inf`` for an exact số/ký hiệu match, which ranks first.
        pages: pages whose text or metadata match, ascending.
        page: the page of the snippet (None for a metadata-only match).
        snippet: text around the best match, matched words between the highlight marks.
        exact: found by its số/ký hiệu in the exact-match column.
    """

    record: Record
    score: float
    pages: tuple[int, ...]
    page: int | None
    snippet: str
    exact: bool = False


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Answer to a query.

    Attributes:
        query: the query as understood (NFC).
        mode: folded or accent-sensitive.
        hits: the best documents, best first (at most ``limit``).
        total: documents that match in all.
        warnings: Vietnamese notes on parts of the query that were ignored, or on how a very
            broad query was ranked.
        seconds: time taken.
        total_exact: False when ``total`` is only a lower bound (a very broad query).
    """

    query: str
    mode: Mode
    hits: tuple[SearchHit, ...]
    total: int
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    total_exact: bool = True


def search(
    archive: str | Path,
    query: str,
    filters: SearchFilters | Mapping[str, object] | None = None,
    *,
    mode: Mode | str = Mode.FOLDED,
    limit: int = 20,
    highlight: tuple[str, str] = ("«", "»"),
) -> SearchResult:
    """Search an archive's records (build them first with :meth:`RecordStore.build`).

    Raises :class:`SearchQueryError` with a Vietnamese message for an unusable query (empty
    without filters, too long, bad dates); never lets user text reach SQL or FTS5 syntax.
    """
    with RecordStore(archive, read_only=True) as store:
        return search_store(store, query, filters, mode=mode, limit=limit, highlight=highlight)


@dataclass(frozen=True, slots=True)
class Ranking:
    """The documents a query finds, best first, before records and snippets are read.

    Attributes:
        query: the parsed query.
        doc_ids: the best documents (at most ``limit``).
        scores: their relevance, higher is better (``inf`` for a số/ký hiệu match).
        best_pages: rowid of each one's best page when known (None: first matching page).
        exact: whether each was found by its số/ký hiệu.
        total: documents that match in all (a lower bound when ``total_exact`` is False).
        total_exact: False for a very broad query.
        warnings: Vietnamese notes.
        seqs: each one's record number in the index (None without text terms).
        pages: each one's matching pages when the ranking already read them all (None:
            not known yet, :func:`search_store` looks them up).
    """

    query: ParsedQuery
    doc_ids: tuple[str, ...]
    scores: tuple[float, ...]
    best_pages: tuple[int | None, ...]
    exact: tuple[bool, ...]
    total: int
    total_exact: bool
    warnings: tuple[str, ...]
    seqs: tuple[int | None, ...] = ()
    pages: tuple[tuple[int, ...] | None, ...] = ()


def rank_documents(
    store: RecordStore,
    query: str,
    filters: SearchFilters | Mapping[str, object] | None = None,
    *,
    mode: Mode | str = Mode.FOLDED,
    limit: int = 20,
) -> Ranking:
    """The core of :func:`search`: which documents match, best first, and how many."""
    with _snapshot(store):
        return _rank(store, query, filters, mode=mode, limit=limit)


def _rank(
    store: RecordStore,
    query: str,
    filters: SearchFilters | Mapping[str, object] | None,
    *,
    mode: Mode | str,
    limit: int,
) -> Ranking:
    if not isinstance(query, str):
        raise SearchQueryError("Câu tìm kiếm phải là văn bản.")
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchQueryError(f"Số kết quả tối đa phải từ 1 đến {MAX_LIMIT}.")
    flt = SearchFilters.resolve(filters)
    parsed = parse_query(query, mode)
    if parsed.empty and not flt.active:
        detail = parsed.warnings[0] if parsed.warnings else "Câu tìm kiếm đang trống."
        raise SearchQueryError(
            f"{detail} Hãy nhập từ cần tìm (có dấu hay không dấu đều được), số/ký hiệu như "
            "15/QĐ-BNV, hoặc chỉ lọc theo loại văn bản, cơ quan ban hành, khoảng ngày hay hồ sơ."
        )
    warnings = list(parsed.warnings)
    if flt.doc_type and lookup_abbreviation(flt.doc_type) is None and not lookup_name(flt.doc_type):
        warnings.append(
            f"Không nhận ra loại văn bản {flt.doc_type!r} (viết tắt theo NĐ 30 Phụ lục III như "
            "QĐ, TTr, hoặc tên như Công văn); đã lọc theo đúng tên đã nhập."
        )
    if store.db.execute("SELECT 1 FROM rec_records LIMIT 1").fetchone() is None:
        warnings.append(
            "Kho chưa có hồ sơ văn bản nào để tìm; hãy chạy: digitize records KHO "
            "(sau digitize run)."
        )
    where, params = flt.sql()
    # (doc_id, score, best page rowid, exact)
    scored: list[tuple[str, float, int | None, bool]] = []
    seen: dict[str, int] = {}  # doc_id → seq of the documents found by số/ký hiệu
    # seq → matching pages, for the documents whose pages a query already read.
    pages_of: dict[int, tuple[int, ...]] = {}
    seq_of: dict[str, int] = {}
    total = 0
    total_exact = True
    if parsed.number is not None:
        key = code_key(parsed.number.number, parsed.number.notation)
        keys = _d_variants(key) if parsed.mode is Mode.FOLDED else [key]
        for doc_id, seq in store.db.execute(
            f"SELECT r.doc_id, r.seq FROM rec_records r WHERE r.code_key IN "
            f"({','.join('?' * len(keys))}) AND {where} ORDER BY r.issued_date",
            [*keys, *params],
        ):
            scored.append((doc_id, float("inf"), None, True))
            seen[doc_id] = int(seq)
    seq_of.update(seen)
    if parsed.terms:
        fts = _Fts(store, parsed, flt)
        want = limit + len(seen)
        picked: list[tuple[int, float, int | None]] = []
        # Newest pages first: a broad query's newest documents come with its count.
        rowids = fts.first(FULL_RANK_PAGES + 1) if fts.possible else []
        read = _PagesRead(rowids, complete=len(rowids) <= FULL_RANK_PAGES)
        total = len(read.counts)
        if read.complete:
            # Every matching page was read: each document's pages are known, and the score
            # needs only them and which documents match in their metadata (a few postings
            # of the small metadata index). BM25 was dropped here: FTS5 computes its IDF by
            # reading each term's whole doclist, and Vietnamese syllables occur on most
            # pages (2-10 ms a query on 100,000 pages; bench/README.md).
            meta = fts.meta_matches(read.counts)
            # Best first, then newest: most_common keeps the reading order among equals.
            by_pages = [seq for seq, _ in read.counts.most_common()]
            ordered = [s for s in by_pages if s in meta] + [s for s in by_pages if s not in meta]
            for seq in ordered[:want]:
                found = read.counts[seq]
                score = (META_SCORE if seq in meta else 0.0) + found / (found + 1)
                picked.append((seq, score, None))
        else:
            # Too broad to count the documents exactly in interactive time: documents
            # matching in their metadata (type, số, agency, trích yếu) come first, then the
            # most recently added; the total is a lower bound.
            total_exact = False
            picked = [(seq, META_SCORE, None) for seq in fts.newest_meta(want)]
            if len(picked) < want:
                have = {seq for seq, _, _ in picked}
                newest = list(read.counts)
                if len(newest) < want + len(have):  # documents of hundreds of pages
                    newest, read = fts.newest(want + len(have))
                extra = [s for s in newest if s not in have]
                picked += [(seq, 0.0, None) for seq in extra[: want - len(picked)]]
            warnings.append(
                f"Hơn {total} văn bản khớp: quá nhiều để xếp hạng theo mức độ liên quan, nên "
                "văn bản khớp ở tên loại, số, cơ quan, trích yếu được xếp trước, rồi đến văn "
                "bản mới nhập; hãy thêm từ khóa hoặc bộ lọc để thu hẹp."
            )
        doc_of = _doc_ids(store, [seq for seq, _, _ in picked])
        for seq, score, best in picked:
            if doc_of[seq] not in seen:
                scored.append((doc_of[seq], score, best, False))
                seq_of[doc_of[seq]] = seq
        for seq in [seq for seq, _, _ in picked] + list(seen.values()):
            pages = read.of(seq)
            if pages is not None:
                pages_of[seq] = pages
        # Documents found by their số/ký hiệu count once, whether the text matched too.
        unknown = [seq for seq in seen.values() if seq not in pages_of]
        pages_of.update(fts.pages(unknown))
        total += sum(1 for seq in seen.values() if not pages_of[seq])
    elif parsed.number is None:
        # Filters only: every matching document, oldest first.
        total = int(
            store.db.execute(
                f"SELECT COUNT(*) FROM rec_records r WHERE {where}", params
            ).fetchone()[0]
        )
        rows = store.db.execute(
            f"SELECT r.doc_id FROM rec_records r WHERE {where} ORDER BY r.issued_date, r.doc_id "
            "LIMIT ?",
            [*params, limit],
        ).fetchall()
        scored = [(r[0], 0.0, None, False) for r in rows]
    else:
        total = len(scored)
    scored = scored[:limit]
    seqs = tuple(seq_of.get(s[0]) for s in scored)
    return Ranking(
        query=parsed,
        doc_ids=tuple(s[0] for s in scored),
        scores=tuple(s[1] for s in scored),
        best_pages=tuple(s[2] for s in scored),
        exact=tuple(s[3] for s in scored),
        total=total,
        total_exact=total_exact,
        warnings=tuple(warnings),
        seqs=seqs,
        pages=tuple(None if seq is None else pages_of.get(seq) for seq in seqs),
    )


def search_store(
    store: RecordStore,
    query: str,
    filters: SearchFilters | Mapping[str, object] | None = None,
    *,
    mode: Mode | str = Mode.FOLDED,
    limit: int = 20,
    highlight: tuple[str, str] = ("«", "»"),
) -> SearchResult:
    """:func:`search` on an open store (benchmarks and notebooks reuse one connection)."""
    started = time.perf_counter()
    with _snapshot(store):
        ranking = rank_documents(store, query, filters, mode=mode, limit=limit)
        parsed = ranking.query
        records = {r.doc_id: r for r in store.records(ranking.doc_ids)}
        found = _pages_and_snippets(store, ranking, highlight) if parsed.terms else {}
    hits = []
    for doc_id, score, exact in zip(ranking.doc_ids, ranking.scores, ranking.exact, strict=True):
        record = records[doc_id]
        pages, page_no, snippet = found.get(doc_id, ((), None, ""))
        hits.append(
            SearchHit(
                record=record,
                score=score,
                pages=pages,
                page=page_no,
                snippet=snippet or record.subject or record.title,
                exact=exact,
            )
        )
    total, total_exact, warnings = ranking.total, ranking.total_exact, ranking.warnings
    seconds = time.perf_counter() - started
    log.debug("search %r: %d of %d in %.3f s", parsed.text, len(hits), total, seconds)
    return SearchResult(
        query=parsed.text,
        mode=parsed.mode,
        hits=tuple(hits),
        total=total,
        warnings=tuple(warnings),
        seconds=seconds,
        total_exact=total_exact,
    )


@contextmanager
def _snapshot(store: RecordStore) -> Iterator[None]:
    """One read transaction for the whole search: ranking, records and snippets see the
    same catalog even while a build writes, and SQLite takes its WAL read lock once instead
    of once per statement. Inside a caller's transaction, that one is used."""
    db = store.db
    owned = not db.in_transaction
    if owned:
        db.execute("BEGIN")
    try:
        yield
    finally:
        if owned and db.in_transaction:
            db.execute("COMMIT")


class _Fts:
    """The FTS5 queries of one search: same table, match expression and filters each time.

    Hits are grouped by document from the rowid alone (``seq << PAGE_BITS | page``). Filters
    are facet tokens AND-ed to the match wherever they can be (:func:`_facet_match`); what
    they cannot say exactly is tested on the records. A filter that keeps few documents
    becomes one set of seqs, read once (from covering indexes) and handed to each statement
    as a JSON list; its range also bounds the rowids FTS5 visits. A filter that keeps many
    is instead tested on each matching page's record (an index seek): building and probing
    a JSON set of 12,000 seqs cost 4-5 ms a statement on 100,000 pages, the seeks 1-2 ms.
    """

    def __init__(self, store: RecordStore, parsed: ParsedQuery, flt: SearchFilters) -> None:
        self.db = store.db
        self.table = _TABLES[parsed.mode]
        self.plain = parsed.fts()
        # A typed word never equals a facet or pair token, but a prefix can begin a pair:
        # then the column filter keeps snippets out of the pairs column, whose text is empty
        # (a filter costs each snippet a little, so only then).
        prefix = any(term.prefix for term in parsed.terms)
        self.snippet_match = f"{{meta body}} : ({self.plain})" if prefix else self.plain
        self.possible = True
        self.params: list[object] = []
        self.restrict = ""
        self.meta_restrict = ""
        self.meta_params: list[object] = []
        facets, rest = _facet_match(self.db, flt)
        if facets is None:
            self.possible = False
            facets = ""
        # The page index finds phrases through their pairs, the metadata index as phrases.
        self.match = _all_of(parsed.page_fts(), facets)
        self.meta_match = _all_of(self.plain, facets)
        where, params = rest.sql()
        if self.possible and rest.active:
            count, low, high = self.db.execute(
                f"SELECT COUNT(*), MIN(r.seq), MAX(r.seq) FROM rec_records r WHERE {where}",
                params,
            ).fetchone()
            self.possible = bool(count)
            documents = self.db.execute(
                "SELECT MAX(seq) - MIN(seq) + 1 FROM rec_records"
            ).fetchone()[0]
            if self.possible and count > SET_SHARE * documents:
                self._test_each(where, params)
            elif self.possible:
                (members,) = self.db.execute(
                    f"SELECT '[' || group_concat(r.seq) || ']' FROM rec_records r WHERE {where}",
                    params,
                ).fetchone()
                self._limit_to(int(low), int(high), str(members))

    def _limit_to(self, low: int, high: int, members: str) -> None:
        """Match only documents whose seq is in the JSON list ``members`` (from low to high)."""
        # rowid >> PAGE_BITS (and +rowid) is not a rowid constraint SQLite would hand FTS5:
        # it would run the MATCH once per listed document (230 ms for a type filter).
        inside = "IN (SELECT value FROM json_each(?))"
        self.restrict = f" AND rowid BETWEEN ? AND ? AND (rowid >> {PAGE_BITS}) {inside}"
        self.params = [low << PAGE_BITS, ((high + 1) << PAGE_BITS) - 1, members]
        self.meta_restrict = f" AND rowid BETWEEN ? AND ? AND +rowid {inside}"
        self.meta_params = [low, high, members]

    def _test_each(self, where: str, params: list[object]) -> None:
        """Test the filter on the record of each matching page (or document, in the
        metadata index)."""
        probe = f" AND EXISTS (SELECT 1 FROM rec_records r WHERE r.seq = {{}} AND {where})"
        self.restrict = probe.format(f"({self.table}.rowid >> {PAGE_BITS})")
        self.params = list(params)
        self.meta_restrict = probe.format(f"{META_TABLES[self.table]}.rowid")
        self.meta_params = list(params)

    def first(self, n: int) -> list[int]:
        """Rowids of the newest ``n`` matching pages, newest first: the cost follows the
        count, not the archive. They come as one string: fetching 2,001 rows one by one
        cost more than finding them (0.61 against 0.40 ms for a common word on 100,000
        pages)."""
        sql = (
            f"SELECT group_concat(rowid) FROM (SELECT rowid FROM {self.table} WHERE "
            f"{self.table} MATCH ?{self.restrict} ORDER BY rowid LIMIT ?)"
        )
        (found,) = self.db.execute(sql, [self.match, *self.params, n]).fetchone()
        return [int(rid) for rid in found.split(",")] if found else []

    def meta_matches(self, seqs: Collection[int]) -> set[int]:
        """Which of the documents ``seqs`` match the whole query in their metadata, from the
        metadata-only index (one row per document; its postings are few next to the pages')."""
        if not seqs:
            return set()
        table = META_TABLES[self.table]
        rows = self.db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
            [self.plain, min(seqs), max(seqs)],
        ).fetchall()
        return {int(r[0]) for r in rows} & set(seqs)

    def newest(self, n: int) -> tuple[list[int], _PagesRead]:
        """Up to ``n`` matching documents, most recently added first (no ranking work), and
        the pages read."""
        batch = n * 4
        while True:
            rowids = self.first(batch)
            read = _PagesRead(rowids, complete=len(rowids) < batch)
            if len(read.counts) >= n or read.complete:
                return list(read.counts)[:n], read
            batch *= 4

    def newest_meta(self, n: int) -> list[int]:
        """Up to ``n`` documents matching in their metadata, most recently added first, from
        the metadata-only index (no body postings are read)."""
        table = META_TABLES[self.table]
        rows = self.db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ?{self.meta_restrict} "
            "ORDER BY rowid LIMIT ?",
            [self.meta_match, *self.meta_params, n],
        ).fetchall()
        return [int(r[0]) for r in rows]

    def pages(self, seqs: Sequence[int]) -> dict[int, tuple[int, ...]]:
        """The matching pages of each document, ascending. One rowid-range query per
        document: FTS5 seeks a range, where an IN over computed seqs would scan every hit."""
        out = {}
        for seq in seqs:
            rows = self.db.execute(
                f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH ? "
                "AND rowid BETWEEN ? AND ?",
                (self.match, seq << PAGE_BITS, ((seq + 1) << PAGE_BITS) - 1),
            ).fetchall()
            out[seq] = tuple(sorted(int(r[0]) & _PAGE_MASK for r in rows))
        return out

    def snippets(self, rowids: Sequence[int], marks: tuple[str, str]) -> dict[int, str]:
        """The snippet of each page (FTS5 ``snippet()``: the best window of its best column,
        matched words between ``marks``), in one statement for all of them."""
        if not rowids:
            return {}
        rows = self.db.execute(
            f"SELECT rowid, snippet({self.table}, -1, ?, ?, '…', ?) FROM {self.table} "
            f"WHERE {self.table} MATCH ? AND rowid IN ({','.join('?' * len(rowids))})",
            [marks[0], marks[1], _SNIPPET_TOKENS, self.snippet_match, *rowids],
        ).fetchall()
        return {int(rid): str(text) for rid, text in rows if text}


def _facet_match(db: sqlite3.Connection, flt: SearchFilters) -> tuple[str | None, SearchFilters]:
    """The filters as facet tokens to AND to the match (None: nothing can match), and what
    is left to test on the records: an agency naming more than ``MAX_FACET_TOKENS`` agencies,
    and date bounds inside a year (the year tokens narrow, the dates then decide)."""
    groups: list[list[str]] = []
    rest: dict[str, str | None] = {}
    if flt.doc_type:
        groups.append([facet_token("t", agency_key(_type_name(flt.doc_type)))])
    if flt.dossier:
        groups.append([facet_token("d", flt.dossier.strip("/"))])
    if flt.agency:
        agencies = [
            str(r[0])
            for r in db.execute(
                f"SELECT v FROM ({_distinct('organ_key')}) WHERE v LIKE ? ESCAPE '\\' LIMIT ?",
                ["%" + _escape_like(agency_key(flt.agency)) + "%", MAX_FACET_TOKENS + 1],
            )
        ]
        if not agencies:
            return None, flt
        if len(agencies) > MAX_FACET_TOKENS:
            rest["agency"] = flt.agency
        else:
            groups.append([facet_token("o", key) for key in agencies])
    if flt.date_from or flt.date_to:
        # Two index seeks; MIN and MAX in one statement scanned the dates (1.4 ms).
        low, high = (
            db.execute(
                "SELECT issued_date FROM rec_records WHERE issued_date > '' "
                f"ORDER BY issued_date {order} LIMIT 1"
            ).fetchone()
            for order in ("ASC", "DESC")
        )
        if low is None or high is None:
            return None, flt
        low, high = str(low[0]), str(high[0])
        first = max(int((flt.date_from or low)[:4]), int(low[:4]))
        last = min(int((flt.date_to or high)[:4]), int(high[:4]))
        if first > last:
            return None, flt
        whole_years = (flt.date_from or "-01-01").endswith("-01-01") and (
            flt.date_to or "-12-31"
        ).endswith("-12-31")
        if last - first >= MAX_FACET_TOKENS or not whole_years:
            rest |= {"date_from": flt.date_from, "date_to": flt.date_to}
        if last - first < MAX_FACET_TOKENS:
            groups.append([facet_token("y", f"{year:04d}") for year in range(first, last + 1)])
    match = _all_of(*("(" + " OR ".join(f'"{t}"' for t in tokens) + ")" for tokens in groups))
    return match, SearchFilters(**rest)


def _all_of(*expressions: str) -> str:
    """FTS5 expressions AND-ed (an implicit AND may not precede a parenthesis)."""
    return " AND ".join(f"({e})" for e in expressions if e)


class _PagesRead:
    """Matching pages read newest first (ascending rowids), by document. Unless
    ``complete``, the last document read may have more pages beyond the cut."""

    def __init__(self, rowids: list[int], *, complete: bool) -> None:
        self.rowids = rowids
        self.complete = complete
        #: pages read of each document, in reading order (newest first)
        self.counts = Counter([rid >> PAGE_BITS for rid in rowids])
        self.cut = None if complete or not rowids else rowids[-1] >> PAGE_BITS

    def of(self, seq: int) -> tuple[int, ...] | None:
        """The document's matching pages, ascending, if they were all read."""
        found = self.counts.get(seq)
        if not found or seq == self.cut:
            return None
        start = bisect.bisect_left(self.rowids, seq << PAGE_BITS)
        return tuple(rid & _PAGE_MASK for rid in self.rowids[start : start + found])


def _doc_ids(store: RecordStore, seqs: list[int]) -> dict[int, str]:
    marks = ",".join("?" * len(seqs))
    rows = store.db.execute(f"SELECT seq, doc_id FROM rec_records WHERE seq IN ({marks})", seqs)
    return {int(seq): doc_id for seq, doc_id in rows}


def _pages_and_snippets(
    store: RecordStore, ranking: Ranking, marks: tuple[str, str]
) -> dict[str, tuple[tuple[int, ...], int | None, str]]:
    """Each hit's matching pages, and the snippet of its best page (the first matching page
    when no best is known): snippets only for these pages, never for every match."""
    fts = _Fts(store, ranking.query, SearchFilters())
    seqs = ranking.seqs or (None,) * len(ranking.doc_ids)
    known = ranking.pages or (None,) * len(ranking.doc_ids)
    missing = [
        seq for seq, pages in zip(seqs, known, strict=True) if seq is not None and pages is None
    ]
    looked_up = fts.pages(missing)
    chosen: dict[str, tuple[tuple[int, ...], int | None]] = {}
    for doc_id, seq, read, best in zip(
        ranking.doc_ids, seqs, known, ranking.best_pages, strict=True
    ):
        if seq is None:
            continue
        pages = read if read is not None else looked_up[seq]
        first = (seq << PAGE_BITS) | pages[0] if pages else None
        chosen[doc_id] = (pages, best if best is not None and pages else first)
    texts = fts.snippets([rid for _, rid in chosen.values() if rid is not None], marks)
    out: dict[str, tuple[tuple[int, ...], int | None, str]] = {}
    for doc_id, (pages, rid) in chosen.items():
        text = texts.get(rid, "") if rid is not None else ""
        if rid is None or not text:
            out[doc_id] = (pages, pages[0] if pages else None, "")
        else:
            out[doc_id] = (pages, rid & _PAGE_MASK, " ".join(text.split()))
    return out
