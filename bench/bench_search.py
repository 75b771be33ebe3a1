"""Search on a synthetic catalog: FTS5 index build rate, and query latency against a pandas
``str.contains`` scan of the same pages, side by side.

Pages are assembled (seeded) from ``digitize.synth`` document content: page 1 carries the
header (agency, số/ký hiệu, date, type, trích yếu), every page body paragraphs. As in real
archives, some pages are typed without diacritics, some use the old tone placement (``hoà``,
``thuỷ``) and some are NFD. They are stored through ``RecordStore.put`` into a real catalog
(one transaction per document), then the index is compacted as ``RecordStore.build`` does;
both are timed in the build rate.

Each query is run in two spellings (accented as a user with a Vietnamese keyboard types it,
unaccented as one without), in kinds: one word (many hits), a quoted phrase, several words,
few hits, a số/ký hiệu, and text with a filter (type, dates, dossier, agency). Measured
side by side, interleaved:

- the scan: plain pandas ``str.contains`` (substring, no regex) of each folded term over
  pre-folded columns of the same page text and metadata the index holds, AND-ed, and the
  filter as pandas comparisons on the pages' record columns (the folding and the columns are
  prepared beforehand, not timed): it answers "which pages match";
- ``search_store``: the whole search call (what ``digitize search`` and the Python API run
  on an open catalog): query parsing, FTS5 match, ranking and total, filters, records of the
  20 best documents with their matching pages and a highlighted snippet each — the figure
  the target is about;
- ``rank_documents``: its ranking part alone, for the split.

The garbage collector is paused inside timed calls (search and scan alike), as ``timeit``
does, so that no call pays for collecting what earlier ones left.

Checked: the unaccented spelling returns exactly what the accented one does (every hit, its
pages, page, snippet and score, and the total); the index finds exactly the documents a
word-bounded regex scan finds (with the filter), and the search's exact totals equal them.

Targets (issue 5): scan median / ``search_store`` p95 ≥ 50; folded = accented results.

    .venv/bin/python bench/bench_search.py               # 100,000 pages
    .venv/bin/python bench/bench_search.py --pages 5000  # a quick look
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from digitize.catalog import Catalog
from digitize.models import SourceFile, SourceKind
from digitize.records import RecordStore, SearchFilters, SearchResult
from digitize.records.index import compact_index
from digitize.records.model import agency_key
from digitize.records.query import parse_query
from digitize.records.search import _type_name, rank_documents, search_store
from digitize.synth import generate_content
from digitize.vntext import fold

Filter = dict[str, str]
#: (kind, accented spelling, unaccented spelling, filters); quoted ones are phrases. The
#: số/ký hiệu queries are added from the corpus (see ``_number_queries``).
QUERIES: tuple[tuple[str, str, str, Filter | None], ...] = (
    ("word", "đầu tư", "dau tu", None),
    ("word", "hòa giải", "hoa giai", None),
    ("word", "thủy lợi", "thuy loi", None),
    ("word", "tập huấn", "tap huan", None),
    ("word", "Đảng ủy", "dang uy", None),
    ("word", "kiểm tra", "kiem tra", None),
    ("phrase", '"cải cách hành chính"', '"cai cach hanh chinh"', None),
    ("phrase", '"chuyển đổi số"', '"chuyen doi so"', None),
    ("phrase", '"Đồng Hới"', '"dong hoi"', None),
    ("words", "văn thư lưu trữ", "van thu luu tru", None),
    ("words", "chữ ký số", "chu ky so", None),
    ("words", "Ủy ban nhân dân", "uy ban nhan dan", None),
    ("words", "bồi dưỡng nghiệp vụ", "boi duong nghiep vu", None),
    ("few hits", "Diễn Châu", "dien chau", None),
    ("few hits", "Phúc Lộc", "phuc loc", None),
    ("few hits", "Lệnh", "lenh", None),
    ("few hits", '"Cẩm Xuyên"', '"cam xuyen"', None),
    ("filtered", "đầu tư", "dau tu", {"doc_type": "QĐ"}),
    ("filtered", "báo cáo", "bao cao", {"date_from": "2015", "date_to": "2016"}),
    ("filtered", "kiểm tra", "kiem tra", {"dossier": "hoso-0100"}),
    ("filtered", "thủy lợi", "thuy loi", {"agency": "sở tư pháp"}),
    ("filtered", "kế hoạch", "ke hoach", {"date_from": "2018-01-01"}),
)
TARGET_RATIO = 50.0
_TONE_OLD = (("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"), ("Thủy", "Thuỷ"), ("khỏe", "khoẻ"))
_PAGES_PER_DOC = (1, 6)


_META = ("TypeName", "CodeNumber", "CodeNotation", "Code", "IssuedDate", "OrganName", "Subject")
_META += ("Position", "FullName", "Place")


def _pools(seed: int, documents: int) -> tuple[list[tuple[str, dict[str, object]]], list[str]]:
    """Page-1 headers (with the metadata a build would extract) and body paragraphs."""
    headers: list[tuple[str, dict[str, object]]] = []
    paragraphs: list[str] = []
    for i in range(documents):
        c = generate_content(seed + i, era="legacy" if i % 5 == 4 else "modern")
        meta = c.metadata()
        header = (
            "\n".join(
                (
                    str(meta["ParentOrganPrinted"] or ""),
                    str(meta["OrganNamePrinted"]),
                    f"Số: {meta['Code']}",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    c.date_line,
                    str(meta["TypeName"]).upper(),
                    c.printed_subject,
                )
            ),
            {k: meta[k] for k in _META if meta.get(k)},
        )
        headers.append(header)
        paragraphs += [b.text for b in c.body]
    # Words the generator rarely writes, so every query has some hits.
    extra = (
        "Tổ hòa giải ở cơ sở tập huấn kỹ năng hòa giải cho hòa giải viên.",
        "Công trình thủy lợi và phòng chống thiên tai được kiểm tra trước mùa mưa lũ.",
        "Đảng ủy khối các cơ quan tỉnh lãnh đạo công tác chuyển đổi số.",
    )
    paragraphs += list(extra) * max(1, len(paragraphs) // 200)
    return headers, paragraphs


def _variant(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:  # typed without diacritics (old files, e-mail)
        return (
            "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
            .replace("đ", "d")
            .replace("Đ", "D")
        )
    if roll < 0.35:
        for new, old in _TONE_OLD:
            text = text.replace(new, old)
    if roll > 0.9:
        text = unicodedata.normalize("NFD", text)
    return text


Doc = tuple[str, list[str], dict[str, object]]


def make_corpus(pages: int, seed: int) -> list[Doc]:
    """(dossier, page texts, metadata) per document, about ``pages`` pages in all."""
    rng = random.Random(seed)
    headers, paragraphs = _pools(seed, min(2000, max(50, pages // 20)))
    docs: list[Doc] = []
    total = 0
    while total < pages:
        n = min(rng.randint(*_PAGES_PER_DOC), pages - total)
        header, meta = rng.choice(headers)
        texts = []
        for page_no in range(1, n + 1):
            body = "\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 10))))
            text = (header + "\n" + body) if page_no == 1 else body
            texts.append(_variant(text, rng))
        docs.append((f"hoso-{len(docs) // 50:04d}", texts, meta))
        total += n
    return docs


def _number_queries(docs: list[Doc]) -> list[tuple[str, str, str, Filter | None]]:
    """Two số/ký hiệu of the corpus with a Đ, as written and typed with D."""
    codes = [str(m["Code"]) for _, _, m in docs if "Đ" in str(m.get("Code") or "")]
    picked = [codes[len(codes) // 3], codes[2 * len(codes) // 3]]
    return [("số/ký hiệu", c, c.replace("Đ", "D"), None) for c in picked]


def _terms(query: str) -> list[str]:
    """Each query term as folded text (a phrase's tokens joined by one space)."""
    return [" ".join(term.tokens) for term in parse_query(query).terms]


def _filter_mask(frame: pd.DataFrame, filters: Filter | None) -> pd.Series:
    """The filter as pandas comparisons on each page's record columns, the way
    ``SearchFilters.sql`` states it (values normalized by ``SearchFilters``)."""
    mask = pd.Series(True, index=frame.index)
    if not filters:
        return mask
    flt = SearchFilters.resolve(filters)
    if flt.doc_type:
        mask &= frame["type_key"] == agency_key(_type_name(flt.doc_type))
    if flt.agency:
        mask &= frame["organ_key"].str.contains(agency_key(flt.agency), regex=False)
    if flt.date_from:
        mask &= (frame["issued_date"] != "") & (frame["issued_date"] >= flt.date_from)
    if flt.date_to:
        mask &= (frame["issued_date"] != "") & (frame["issued_date"] <= flt.date_to)
    if flt.dossier:
        folder = flt.dossier.strip("/")
        mask &= (frame["dossier"] == folder) | frame["dossier"].str.startswith(folder + "/")
    return mask


def _scan(frame: pd.DataFrame, query: str, filters: Filter | None) -> set[str]:
    """The baseline: plain ``str.contains`` (substring, no regex) of every folded term in
    the page's folded text or metadata, AND-ed, and the filter; documents with a matching
    page."""
    mask = _filter_mask(frame, filters)
    for term in _terms(query):
        mask &= frame["body"].str.contains(term, regex=False) | frame["meta"].str.contains(
            term, regex=False
        )
    return set(frame.loc[mask, "doc_id"])


def _scan_words(frame: pd.DataFrame, query: str, filters: Filter | None) -> set[str]:
    """The same scan with word boundaries, as FTS5 tokens match: for the exactness check."""
    mask = _filter_mask(frame, filters)
    for term in parse_query(query).terms:
        body = r"[\W_]+".join(re.escape(t) for t in term.tokens)
        pattern = re.compile(rf"(?<![^\W_]){body}(?![^\W_])")
        mask &= frame["body"].str.contains(pattern) | frame["meta"].str.contains(pattern)
    return set(frame.loc[mask, "doc_id"])


def _index_docs(store: RecordStore, query: str, filters: Filter | None) -> set[str]:
    """Every document the FTS5 index matches, by a query of its own (no ranking, no cap)."""
    where, params = SearchFilters.resolve(filters).sql()
    rows = store.db.execute(
        "SELECT DISTINCT p.doc_id FROM rec_fts JOIN rec_pages p ON p.id = rec_fts.rowid "
        f"JOIN rec_records r ON r.doc_id = p.doc_id WHERE rec_fts MATCH ? AND {where}",
        (parse_query(query).fts(), *params),
    )
    return {r[0] for r in rows}


def _answer(result: SearchResult) -> tuple[object, ...]:
    """What a search returns, apart from the query text and the time taken."""
    hits = tuple(
        (h.record.doc_id, h.pages, h.page, h.snippet, round(h.score, 9), h.exact)
        for h in result.hits
    )
    return (hits, result.total, result.total_exact)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection inside timed calls, as ``timeit`` does: otherwise a search pays,
    at fixed points of the run, for collecting what the pandas scans left (2.5-3 ms each
    time; a ``gc.collect()`` before each call instead leaves every call with cold caches)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _build(archive: Path, docs: list[Doc], ids: list[str]) -> tuple[float, float]:
    """Create the documents in the catalog, then time storing and indexing their records,
    and the compaction that ends a build; returns (storing, compacting) seconds."""
    with Catalog(archive) as catalog:
        for i, (dossier, texts, _) in enumerate(docs):
            rel = f"{dossier}/vb-{i:06d}.pdf"
            catalog.add_document(
                SourceFile(archive / rel, rel, ids[i], 1, SourceKind.PDF), f"documents/{i}"
            )
            catalog.db.execute(
                "UPDATE documents SET state = 'done', page_count = ? WHERE id = ?",
                (len(texts), ids[i]),
            )
    with RecordStore(archive) as store:
        started = time.perf_counter()
        for sha, (dossier, texts, meta) in zip(ids, docs, strict=True):
            store.put(sha, dossier=dossier, extracted=meta, pages=texts)
        stored = time.perf_counter()
        with store.catalog.transaction() as db:
            compact_index(db)
        return stored - started, time.perf_counter() - stored


def _frame(store: RecordStore) -> pd.DataFrame:
    """What the index holds, one row per page, folded, with the record columns filters use."""
    rows = store.db.execute(
        "SELECT p.doc_id, p.meta, p.body, r.type_key, r.organ_key, r.issued_date, r.dossier "
        "FROM rec_pages p JOIN rec_records r ON r.doc_id = p.doc_id"
    ).fetchall()
    columns = ("doc_id", "meta", "body", "type_key", "organ_key", "issued_date", "dossier")
    data = {name: [r[i] for r in rows] for i, name in enumerate(columns)}
    data["meta"] = [fold(t) for t in data["meta"]]
    data["body"] = [fold(t) for t in data["body"]]
    return pd.DataFrame(data)


def _row(label: str, times: Sequence[Sequence[float]]) -> str:
    scan, full, core, scan_cpu, full_cpu = times
    scan_med, cpu_med = statistics.median(scan), statistics.median(scan_cpu)
    return (
        f"{label:16s} {statistics.median(full) * 1e3:9.2f} {_p95(full) * 1e3:8.2f} "
        f"{statistics.median(core) * 1e3:9.2f} {_p95(core) * 1e3:8.2f} {scan_med * 1e3:9.1f} "
        f"{scan_med / _p95(full):9.0f}×    {'':9s} {statistics.median(full_cpu) * 1e3:9.2f} "
        f"{_p95(full_cpu) * 1e3:8.2f} {cpu_med * 1e3:9.1f} {cpu_med / _p95(full_cpu):9.0f}×"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000, help="pages (default 100,000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each search per scan")
    parser.add_argument("--keep", type=Path, help="build the catalog here and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: query a catalog built before"
    )
    args = parser.parse_args(argv)
    if args.reuse and not (args.keep and (args.keep / "catalog.sqlite").exists()):
        parser.error("--reuse needs --keep FOLDER holding a catalog built by this script")

    started = time.perf_counter()
    docs = make_corpus(args.pages, args.seed)
    n_pages = sum(len(t) for _, t, _ in docs)
    print(f"corpus: {len(docs)} documents, {n_pages} pages ({time.perf_counter() - started:.1f} s)")
    queries = [*QUERIES, *_number_queries(docs)]

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        archive = args.keep or Path(tmp) / "kho"
        ids = [f"{i:064x}" for i in range(len(docs))]
        if not args.reuse:
            stored, compacted = _build(archive, docs, ids)
            build = stored + compacted
            size = sum(p.stat().st_size for p in archive.glob("catalog.sqlite*")) / 1e6
            print(
                f"index build: {n_pages / build:,.0f} pages/s ({build:.1f} s, of which "
                f"{compacted:.1f} s merging the index; catalog {size:,.0f} MB, two FTS5 "
                "indexes: folded and accent-sensitive)"
            )
        with RecordStore(archive) as store:
            t0 = time.perf_counter()
            frame = _frame(store)
            prep = time.perf_counter() - t0
            print(f"pandas baseline: folded columns built in {prep:.1f} s (not counted below)")

            # (scan, search, rank) wall-clock, then (scan, search) CPU time of this thread
            Times = tuple[list[float], list[float], list[float], list[float], list[float]]
            by_kind: dict[str, Times] = {}
            by_spelling: dict[str, Times] = {}
            same_spelling = True
            same_as_scan = True
            print(
                f"\n{'kind':11s} {'query':24s} {'filter':22s} {'docs':>6s} {'search ms':>10s} "
                f"{'rank ms':>8s} {'scan ms':>8s} {'scan/search':>12s}"
            )
            for kind, accented, plain, filters in queries:
                answers: dict[str, tuple[object, ...]] = {}
                for spelling, query in (("unaccented", plain), ("accented", accented)):
                    flt = filters
                    if filters and "agency" in filters and spelling == "unaccented":
                        flt = {**filters, "agency": fold(filters["agency"])}
                    core, full, full_cpu = [], [], []
                    for _ in range(args.repeat):
                        with _collector_paused():
                            t0 = time.perf_counter()
                            rank_documents(store, query, flt, limit=20)
                            core.append(time.perf_counter() - t0)
                            t0, c0 = time.perf_counter(), time.thread_time()
                            result = search_store(store, query, flt, limit=20)
                            full.append(time.perf_counter() - t0)
                            full_cpu.append(time.thread_time() - c0)
                    with _collector_paused():
                        t0, c0 = time.perf_counter(), time.thread_time()
                        _scan(frame, query, flt)
                        scan = time.perf_counter() - t0
                        scan_cpu = time.thread_time() - c0
                    answers[spelling] = _answer(result)
                    indexed = _index_docs(store, query, flt)
                    scanned = _scan_words(frame, query, flt)
                    exact_total = result.total_exact and kind != "số/ký hiệu"
                    if indexed != scanned or (exact_total and result.total != len(scanned)):
                        same_as_scan = False
                        print(
                            f"  ! {query!r}: index {len(indexed)}, search total {result.total}"
                            f" ≠ scan {len(scanned)}"
                        )
                    for table, key in ((by_kind, kind), (by_spelling, spelling)):
                        bucket = table.setdefault(key, ([], [], [], [], []))
                        bucket[0].append(scan)
                        bucket[1].extend(full)
                        bucket[2].extend(core)
                        bucket[3].append(scan_cpu)
                        bucket[4].extend(full_cpu)
                    med = statistics.median(full)
                    label = ", ".join(f"{k}={v}" for k, v in (flt or {}).items())
                    print(
                        f"{kind:11s} {query:24s} {label[:22]:22s} {len(indexed):6d} "
                        f"{med * 1000:10.2f} {statistics.median(core) * 1000:8.2f} "
                        f"{scan * 1000:8.1f} {scan / med:11.0f}×"
                    )
                if answers["accented"] != answers["unaccented"]:
                    same_spelling = False
                    print(f"  ! {accented!r} and {plain!r} return different results")

    every = [[t for bucket in by_kind.values() for t in bucket[i]] for i in range(5)]
    print(
        f"\nwall-clock     {'search ms':>9s} {'':8s} {'rank ms':>9s} {'':8s} {'scan ms':>9s} "
        f"{'scan median /':>10s}    CPU time: {'search ms':>9s} {'':8s} {'scan ms':>9s} "
        f"{'scan median /':>10s}\n{'':16s} {'median':>9s} {'p95':>8s} {'median':>9s} "
        f"{'p95':>8s} {'median':>9s} {'search p95':>10s}    {'':9s} {'median':>9s} {'p95':>8s} "
        f"{'median':>9s} {'search p95':>10s}"
    )
    for table in (by_kind, by_spelling):
        for key, times in table.items():
            print(_row(key, times))
    print(_row("all queries", every))
    ratio = statistics.median(every[0]) / _p95(every[1])
    cpu_ratio = statistics.median(every[3]) / _p95(every[4])
    print(f"\ntarget: scan median / search_store p95 ≥ {TARGET_RATIO:.0f}×: {ratio:.0f}×")
    print(f"  (CPU time of the same runs, untouched by other processes: {cpu_ratio:.0f}×)")
    print(
        f"folded spelling returns exactly the accented results: {'yes' if same_spelling else 'NO'}"
    )
    print(f"index returns exactly what the scan finds: {'yes' if same_as_scan else 'NO'}")
    ok = ratio >= TARGET_RATIO and same_spelling and same_as_scan
    print("\nall targets met" if ok else "\nTARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
