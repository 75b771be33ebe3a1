"""The archive's catalog: one SQLite database (WAL) that is the single source of truth.

Only the coordinating process writes it. Page rows are keyed by (document, page number)
and updated conditionally, so a task finishing twice (after a crash or a rerun) can never
duplicate anything.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from digitize.exceptions import ArchiveError
from digitize.models import (
    DocumentResult,
    Failure,
    PageMethod,
    PageResult,
    PageSummary,
    SourceFile,
    State,
)

log = logging.getLogger(__name__)

CATALOG_NAME = "catalog.sqlite"
SCHEMA_VERSION = 1
#: Seconds a connection waits for another process's write to finish before giving up.
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    source TEXT NOT NULL,
    options TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'running',
    pages INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    relpath TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    size INTEGER NOT NULL,
    out_stem TEXT NOT NULL UNIQUE,
    page_count INTEGER,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    error TEXT NOT NULL DEFAULT '',
    assemble_seconds REAL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_paths (
    relpath TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    page_no INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    method TEXT,
    dpi INTEGER NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL DEFAULT 0,
    mean_confidence REAL,
    expected_words INTEGER,
    rotation INTEGER NOT NULL DEFAULT 0,
    skew REAL NOT NULL DEFAULT 0,
    flags TEXT NOT NULL DEFAULT '[]',
    preprocessing TEXT NOT NULL DEFAULT '[]',
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    pdf TEXT, txt TEXT, hocr TEXT,
    timings TEXT NOT NULL DEFAULT '{}',
    run_id INTEGER,
    updated TEXT NOT NULL,
    PRIMARY KEY (doc_id, page_no)
);
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    relpath TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    failure INTEGER NOT NULL,
    run_id INTEGER
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER,
    doc_id TEXT,
    page_no INTEGER,
    relpath TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


# (table, column, declaration) of columns newer than the first catalogs.
_ADDED_COLUMNS = (
    ("documents", "assemble_seconds", "REAL"),
    ("pages", "preprocessing", "TEXT NOT NULL DEFAULT '[]'"),
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _busy(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock (not a damaged file)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:  # extended codes (SQLITE_BUSY_SNAPSHOT, ...) keep the primary low
        return code & 0xFF in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
    return "locked" in str(error)


def _damaged(path: Path, error: sqlite3.DatabaseError) -> ArchiveError:
    return ArchiveError(
        f"Danh mục {path} bị hỏng hoặc không phải SQLite ({error}); hãy khôi phục từ "
        "bản sao lưu hoặc tạo kho mới."
    )


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """A stored output file and its checksum (path relative to the archive)."""

    path: str
    doc_id: str
    kind: str
    sha256: str
    size: int


class Catalog:
    """Connection to an archive's catalog; use as a context manager."""

    def __init__(self, archive: Path, *, create: bool = True, read_only: bool = False) -> None:
        self.archive = archive
        self.path = archive / CATALOG_NAME
        if (read_only or not create) and not self.path.exists():
            raise ArchiveError(
                f"{archive} không phải kho số hóa (không có {CATALOG_NAME}); hãy kiểm tra "
                "đường dẫn, hoặc tạo kho bằng lệnh: digitize run THƯ_MỤC_QUÉT --out "
                f"{archive}"
            )
        if read_only:
            # Readers (search) never take the write lock: no schema statements, and SQLite
            # refuses any write on this connection. The catalog is already in WAL mode.
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            return
        archive.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            with self.transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
                self._add_missing_columns()
        except sqlite3.OperationalError as e:
            if _busy(e):
                raise ArchiveError(
                    f"Danh mục {self.path} đang được một tiến trình khác ghi (có thể một lệnh "
                    "digitize khác đang chạy trên kho này); hãy chờ lệnh đó xong rồi chạy lại."
                ) from e
            raise _damaged(self.path, e) from e
        except sqlite3.DatabaseError as e:
            raise _damaged(self.path, e) from e

    def _add_missing_columns(self) -> None:
        """Columns added after an archive was created (CREATE IF NOT EXISTS skips them)."""
        for table, column, decl in _ADDED_COLUMNS:
            present = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # runs -----------------------------------------------------------------------------
    def begin_run(self, source: Path, options: dict[str, object]) -> int:
        """Record the start of a run; returns its id."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO runs(started, source, options) VALUES (?, ?, ?)",
                (_now(), str(source), json.dumps(options, ensure_ascii=False, default=str)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, pages: int) -> None:
        """Record how a run ended."""
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished = ?, status = ?, pages = ? WHERE id = ?",
                (_now(), status, pages, run_id),
            )

    # documents -------------------------------------------------------------------------
    def add_document(self, sf: SourceFile, out_stem: str) -> sqlite3.Row:
        """Insert a document once (keyed by content hash) and all its paths; return its row."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO documents(id, relpath, source, kind, size, out_stem, "
                "updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sf.sha256, sf.relpath, str(sf.path), sf.kind.value, sf.size, out_stem, _now()),
            )
            # The source folder may have moved since the last run: follow it.
            db.execute("UPDATE documents SET source = ? WHERE id = ?", (str(sf.path), sf.sha256))
            for rel in (sf.relpath, *sf.duplicates):
                db.execute(
                    "INSERT OR IGNORE INTO source_paths(relpath, doc_id, first_seen) "
                    "VALUES (?, ?, ?)",
                    (rel, sf.sha256, _now()),
                )
        row = self.document(sf.sha256)
        assert row is not None
        return row

    def out_stem_taken(self, out_stem: str, doc_id: str) -> bool:
        """Whether another document already writes to ``out_stem``."""
        row = self.db.execute(
            "SELECT 1 FROM documents WHERE out_stem = ? AND id != ?", (out_stem, doc_id)
        ).fetchone()
        return row is not None

    def set_page_count(self, doc_id: str, count: int) -> None:
        """Create the document's page rows (pending) once."""
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET page_count = ?, updated = ? WHERE id = ?",
                (count, _now(), doc_id),
            )
            db.executemany(
                "INSERT OR IGNORE INTO pages(doc_id, page_no, updated) VALUES (?, ?, ?)",
                [(doc_id, n, _now()) for n in range(1, count + 1)],
            )

    def fail_document(self, doc_id: str, relpath: str, reason: str, run_id: int) -> None:
        """Mark a whole file failed (it could not be opened)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET state = 'failed', error = ?, updated = ? WHERE id = ?",
                (reason, _now(), doc_id),
            )
            db.execute(
                "INSERT INTO errors(run_id, doc_id, page_no, relpath, reason, at) "
                "VALUES (?, ?, NULL, ?, ?, ?)",
                (run_id, doc_id, relpath, reason, _now()),
            )

    def reopen_document(self, doc_id: str, *, retry_failed: bool) -> None:
        """Make a document pending again for this run (and its failed pages, if asked)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET state = 'pending', error = '', updated = ? WHERE id = ?",
                (_now(), doc_id),
            )
            if retry_failed:
                db.execute(
                    "UPDATE pages SET state = 'pending', error = '', updated = ? "
                    "WHERE doc_id = ? AND state = 'failed'",
                    (_now(), doc_id),
                )

    def document(self, doc_id: str) -> sqlite3.Row | None:
        """The document's row."""
        row: sqlite3.Row | None = self.db.execute(
            "SELECT * FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return row

    def pages(self, doc_id: str) -> list[sqlite3.Row]:
        """The document's page rows in order."""
        return list(
            self.db.execute("SELECT * FROM pages WHERE doc_id = ? ORDER BY page_no", (doc_id,))
        )

    def reset_page(self, doc_id: str, page_no: int) -> None:
        """Back to pending (its intermediate files went missing)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE pages SET state = 'pending', updated = ? WHERE doc_id = ? AND page_no = ?",
                (_now(), doc_id, page_no),
            )

    # pages -----------------------------------------------------------------------------
    def record_page(
        self, result: PageResult, flags: tuple[str, ...], relpath: str, run_id: int
    ) -> bool:
        """Store a page result unless the page is already done; True if it was stored."""
        state = State.DONE if result.ok else State.FAILED
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE pages SET state = ?, method = ?, dpi = ?, width = ?, height = ?, "
                "words = ?, mean_confidence = ?, expected_words = ?, rotation = ?, skew = ?, "
                "flags = ?, preprocessing = ?, error = ?, attempts = attempts + 1, "
                "pdf = ?, txt = ?, hocr = ?, "
                "timings = ?, run_id = ?, updated = ? "
                "WHERE doc_id = ? AND page_no = ? AND state != 'done'",
                (
                    state.value,
                    result.method.value if result.method else None,
                    result.dpi,
                    result.width,
                    result.height,
                    result.words,
                    result.mean_confidence,
                    result.expected_words,
                    result.rotation,
                    result.skew,
                    json.dumps(list(flags), ensure_ascii=False),
                    json.dumps(list(result.preprocessing)),
                    result.error,
                    self._rel(result.pdf),
                    self._rel(result.text),
                    self._rel(result.hocr),
                    json.dumps(result.timings),
                    run_id,
                    _now(),
                    result.doc_id,
                    result.page_no,
                ),
            )
            stored = cur.rowcount == 1
            if stored and not result.ok:
                db.execute(
                    "INSERT INTO errors(run_id, doc_id, page_no, relpath, reason, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (run_id, result.doc_id, result.page_no, relpath, result.error, _now()),
                )
        return stored

    def _rel(self, path: Path | None) -> str | None:
        if path is None:
            return None
        try:
            return path.relative_to(self.archive).as_posix()
        except ValueError:
            return str(path)

    def resolve(self, stored: str | None) -> Path | None:
        """Absolute path of a stored (archive-relative) path."""
        if stored is None:
            return None
        p = Path(stored)
        return p if p.is_absolute() else self.archive / p

    # outputs ---------------------------------------------------------------------------
    def record_outputs(
        self,
        doc_id: str,
        outputs: list[OutputRecord],
        state: State,
        error: str,
        seconds: float = 0.0,
    ) -> None:
        """Replace the document's outputs and settle its state, in one transaction."""
        with self.transaction() as db:
            db.execute("DELETE FROM outputs WHERE doc_id = ?", (doc_id,))
            db.executemany(
                "INSERT OR REPLACE INTO outputs(path, doc_id, kind, sha256, size, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(o.path, o.doc_id, o.kind, o.sha256, o.size, _now()) for o in outputs],
            )
            db.execute(
                "UPDATE documents SET state = ?, error = ?, assemble_seconds = ?, updated = ? "
                "WHERE id = ?",
                (state.value, error, seconds, _now(), doc_id),
            )

    def outputs(self, doc_id: str | None = None) -> list[OutputRecord]:
        """Stored outputs (of one document, or all)."""
        sql = "SELECT path, doc_id, kind, sha256, size FROM outputs"
        rows = (
            self.db.execute(sql + " WHERE doc_id = ? ORDER BY path", (doc_id,))
            if doc_id
            else self.db.execute(sql + " ORDER BY path")
        )
        return [OutputRecord(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    # rejected files ----------------------------------------------------------------------
    def replace_rejected(self, rejected: list[tuple[str, str, bool]], run_id: int) -> None:
        """Files not taken in this run (relpath, reason, counts as failure); older ones go."""
        with self.transaction() as db:
            db.execute("DELETE FROM rejected")
            for relpath, reason, failure in rejected:
                db.execute(
                    "INSERT OR REPLACE INTO rejected(relpath, reason, failure, run_id) "
                    "VALUES (?, ?, ?, ?)",
                    (relpath, reason, int(failure), run_id),
                )
                if failure:
                    db.execute(
                        "INSERT INTO errors(run_id, doc_id, page_no, relpath, reason, at) "
                        "VALUES (?, NULL, NULL, ?, ?, ?)",
                        (run_id, relpath, reason, _now()),
                    )

    # read models -----------------------------------------------------------------------
    def document_results(self) -> list[DocumentResult]:
        """Every document with its pages and outputs."""
        results = []
        for doc in self.db.execute("SELECT * FROM documents ORDER BY relpath"):
            pages = []
            conf_sum, conf_words = 0.0, 0
            for p in self.pages(doc["id"]):
                pages.append(
                    PageSummary(
                        page_no=p["page_no"],
                        state=State(p["state"]),
                        method=PageMethod(p["method"]) if p["method"] else None,
                        dpi=p["dpi"],
                        words=p["words"],
                        mean_confidence=p["mean_confidence"],
                        flags=tuple(json.loads(p["flags"])),
                        error=p["error"],
                    )
                )
                if p["state"] == "done" and p["mean_confidence"] is not None:
                    conf_sum += p["mean_confidence"] * p["words"]
                    conf_words += p["words"]
            dups = tuple(
                r[0]
                for r in self.db.execute(
                    "SELECT relpath FROM source_paths WHERE doc_id = ? AND relpath != ? "
                    "ORDER BY relpath",
                    (doc["id"], doc["relpath"]),
                )
            )
            outputs = {o.kind: self.archive / o.path for o in self.outputs(doc["id"])}
            results.append(
                DocumentResult(
                    doc_id=doc["id"],
                    relpath=doc["relpath"],
                    duplicates=dups,
                    state=State(doc["state"]),
                    error=doc["error"],
                    pages=tuple(pages),
                    outputs=outputs,
                    mean_confidence=conf_sum / conf_words if conf_words else None,
                )
            )
        return results

    def failures(self) -> list[Failure]:
        """Current failures: failed files, failed pages and rejected scans."""
        out = [
            Failure(r["relpath"], None, r["error"])
            for r in self.db.execute(
                "SELECT relpath, error FROM documents WHERE state = 'failed' AND error != '' "
                "ORDER BY relpath"
            )
        ]
        out += [
            Failure(r["relpath"], r["page_no"], r["error"])
            for r in self.db.execute(
                "SELECT d.relpath, p.page_no, p.error FROM pages p JOIN documents d "
                "ON d.id = p.doc_id WHERE p.state = 'failed' ORDER BY d.relpath, p.page_no"
            )
        ]
        out += [
            Failure(r["relpath"], None, r["reason"])
            for r in self.db.execute(
                "SELECT relpath, reason FROM rejected WHERE failure = 1 ORDER BY relpath"
            )
        ]
        return out

    def counts(self) -> dict[str, int]:
        """Page and document counts by state."""
        counts: dict[str, int] = {}
        for table in ("documents", "pages"):
            for state, n in self.db.execute(f"SELECT state, COUNT(*) FROM {table} GROUP BY state"):
                counts[f"{table}_{state}"] = n
        counts["pages_flagged"] = self.db.execute(
            "SELECT COUNT(*) FROM pages WHERE flags != '[]'"
        ).fetchone()[0]
        counts["rejected_failures"] = self.db.execute(
            "SELECT COUNT(*) FROM rejected WHERE failure = 1"
        ).fetchone()[0]
        return counts
