"""Search on a synthetic catalog: FTS5 index build rate, and query latency against a pandas
``str.contains`` scan of the same pages, side by side.

Pages are assembled (seeded) from ``digitize.synth`` document content: page 1 carries the
header (agency, số/ký hiệu, date, type, trích yếu), every page body paragraphs. As in real
archives, some pages are typed without diacritics, some use the old tone placement (``hoà``,
``thuỷ``) and some are NFD. They are stored through ``RecordStore.put`` into a real catalog
(one transaction per document, as a build does).

Each query is run in two spellings (accented as a user with a Vietnamese keyboard types it,
unaccented as one without). Measured side by side:

- the scan: plain pandas ``str.contains`` (substring) of each folded term over pre-folded
  columns of the same page text and metadata the index holds, AND-ed (the folding is timed
  separately): it answers "which pages match";
- ``rank_documents``: the same question answered by the index, plus the ranking and the
  total — the figure the target is about;
- ``search_store``: the whole search call, adding per hit its record, matching pages and a
  highlighted snippet (20 hits), shown so presentation cost is not hidden.

Checked: the unaccented spelling returns exactly the documents the accented one does, and
the index exactly the documents a word-bounded regex scan finds.

Targets (issue 5): p95 latency under 1/50 of the scan's; folded = accented results.

    .venv/bin/python bench/bench_search.py               # 100,000 pages
    .venv/bin/python bench/bench_search.py --pages 5000  # a quick look
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from digitize.catalog import Catalog
from digitize.models import SourceFile, SourceKind
from digitize.records import RecordStore
from digitize.records.query import parse_query
from digitize.records.search import rank_documents, search_store
from digitize.synth import generate_content
from digitize.vntext import fold

#: (accented, unaccented) spellings of each query; quoted ones are phrases.
QUERIES: tuple[tuple[str, str], ...] = (
    ("đầu tư", "dau tu"),
    ('"cải cách hành chính"', '"cai cach hanh chinh"'),
    ("văn thư lưu trữ", "van thu luu tru"),
    ("chữ ký số", "chu ky so"),
    ('"chuyển đổi số"', '"chuyen doi so"'),
    ("hòa giải", "hoa giai"),
    ("thủy lợi", "thuy loi"),
    ("Ủy ban nhân dân", "uy ban nhan dan"),
    ("tập huấn", "tap huan"),
    ("Đảng ủy", "dang uy"),
    ("bồi dưỡng nghiệp vụ", "boi duong nghiep vu"),
    ("kiểm tra", "kiem tra"),
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


def _terms(query: str) -> list[str]:
    """Each query term as folded text (a phrase's tokens joined by one space)."""
    return [" ".join(term.tokens) for term in parse_query(query).terms]


def _scan(frame: pd.DataFrame, query: str) -> set[str]:
    """The baseline: plain ``str.contains`` (substring, no regex) of every folded term in
    the page's folded text or metadata, AND-ed; documents with a matching page."""
    mask = pd.Series(True, index=frame.index)
    for term in _terms(query):
        mask &= frame["body"].str.contains(term, regex=False) | frame["meta"].str.contains(
            term, regex=False
        )
    return set(frame.loc[mask, "doc_id"])


def _scan_words(frame: pd.DataFrame, query: str) -> set[str]:
    """The same scan with word boundaries, as FTS5 tokens match: for the exactness check."""
    mask = pd.Series(True, index=frame.index)
    for term in parse_query(query).terms:
        body = r"[\W_]+".join(re.escape(t) for t in term.tokens)
        pattern = re.compile(rf"(?<![^\W_]){body}(?![^\W_])")
        mask &= frame["body"].str.contains(pattern) | frame["meta"].str.contains(pattern)
    return set(frame.loc[mask, "doc_id"])


def _index_docs(store: RecordStore, query: str) -> set[str]:
    parsed = parse_query(query)
    rows = store.db.execute(
        "SELECT DISTINCT p.doc_id FROM rec_fts JOIN rec_pages p ON p.id = rec_fts.rowid "
        "WHERE rec_fts MATCH ?",
        (parsed.fts(),),
    )
    return {r[0] for r in rows}


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _build(archive: Path, docs: list[Doc], ids: list[str]) -> float:
    """Create the documents in the catalog, then time storing and indexing their records."""
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
        return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000, help="pages (default 100,000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each FTS query")
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

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        archive = args.keep or Path(tmp) / "kho"
        ids = [f"{i:064x}" for i in range(len(docs))]
        if not args.reuse:
            build = _build(archive, docs, ids)
            size = sum(p.stat().st_size for p in archive.glob("catalog.sqlite*")) / 1e6
            print(
                f"index build: {n_pages / build:,.0f} pages/s ({build:.1f} s; catalog "
                f"{size:,.0f} MB, two FTS5 indexes: folded and accent-sensitive)"
            )
        with RecordStore(archive) as store:
            t0 = time.perf_counter()
            # The scan reads exactly what the index holds: each page's text and metadata.
            rows = store.db.execute("SELECT doc_id, meta, body FROM rec_pages").fetchall()
            frame = pd.DataFrame(
                {
                    "doc_id": [r[0] for r in rows],
                    "meta": [fold(r[1]) for r in rows],
                    "body": [fold(r[2]) for r in rows],
                }
            )
            del rows
            prep = time.perf_counter() - t0
            print(f"pandas baseline: folded columns built in {prep:.1f} s (not counted below)")

            core_times: list[float] = []
            full_times: list[float] = []
            scan_times: list[float] = []
            same_spelling = True
            same_as_scan = True
            print(
                f"\n{'query':24s} {'docs':>6s} {'rank ms':>8s} {'search ms':>10s} "
                f"{'scan ms':>8s} {'scan/rank':>10s}"
            )
            for accented, plain in QUERIES:
                found: dict[str, set[str]] = {}
                for query in (plain, accented):
                    core, full = [], []
                    for _ in range(args.repeat):
                        t0 = time.perf_counter()
                        rank_documents(store, query, limit=20)
                        core.append(time.perf_counter() - t0)
                        t0 = time.perf_counter()
                        search_store(store, query, limit=20)
                        full.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    _scan(frame, query)
                    scan = time.perf_counter() - t0
                    if query == plain:  # folding makes the accented scan identical
                        scanned = _scan_words(frame, query)
                    indexed = _index_docs(store, query)
                    found[query] = indexed
                    if indexed != scanned:
                        same_as_scan = False
                        print(f"  ! {query!r}: index {len(indexed)} ≠ scan {len(scanned)}")
                    core_times += core
                    full_times += full
                    scan_times.append(scan)
                    med = statistics.median(core)
                    print(
                        f"{query:24s} {len(indexed):6d} {med * 1000:8.2f} "
                        f"{statistics.median(full) * 1000:10.2f} {scan * 1000:8.1f} "
                        f"{scan / med:9.0f}×"
                    )
                if found[accented] != found[plain]:
                    same_spelling = False
                    print(f"  ! {accented!r} and {plain!r} differ")

    scan_med = statistics.median(scan_times)
    print(f"\n{'':34s} {'median ms':>10s} {'p95 ms':>8s} {'scan median / p95':>18s}")
    for label, values in (
        ("pandas str.contains scan (plain)", scan_times),
        ("rank_documents (top 20 + total)", core_times),
        ("search_store (+ records, snippets)", full_times),
    ):
        p95 = _p95(values)
        print(
            f"{label:34s} {statistics.median(values) * 1000:10.2f} {p95 * 1000:8.2f} "
            f"{scan_med / p95:17.0f}×"
        )
    ratio = scan_med / _p95(core_times)
    print(f"target: scan median / rank p95 ≥ {TARGET_RATIO:.0f}×: {ratio:.0f}×")
    print(
        f"folded spelling returns exactly the accented results: {'yes' if same_spelling else 'NO'}"
    )
    print(f"index returns exactly what the scan finds: {'yes' if same_as_scan else 'NO'}")
    ok = ratio >= TARGET_RATIO and same_spelling and same_as_scan
    print("\nall targets met" if ok else "\nTARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
