"""Records and revisions in the archive's catalog database (DOMAIN.md §1, DESIGN.md Review).

The engine's catalog (``catalog.sqlite``, WAL) gains tables of its own, all prefixed
``rec_``, with their own schema version in ``rec_meta``:

- ``rec_records``: per document, the values OCR extraction read (JSON, never changed by
  review), their confidences and notes, and the *effective* keys (OCR value or latest
  revision) that filters, exact số/ký hiệu search and duplicate checks use.
- ``rec_revisions``: corrections from review, one row per field change, append-only.
- ``rec_page_revisions``: corrected page texts from review, one row per saved page,
  append-only. The OCR text files are never modified; the latest revision of a page replaces
  the OCR text of that page wherever the library reads text (index, snippets, exports).
- ``rec_dossier_revisions``: the hồ sơ fields the archivist sets (Maintenance, Rights,
  Creator), per dossier or for the whole archive (``dossier`` NULL), append-only; the latest
  value wins and every record of the dossier carries it.
- ``rec_pages`` + FTS5 indexes: see :mod:`digitize.records.index`.

Building is idempotent: a document is read again only when its text output changed (by
SHA-256) or the extraction code changed, so a rerun neither duplicates nor loses anything.
Revisions (fields and page texts) survive a rebuild and keep winning over the new OCR
values.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final

from digitize.catalog import Catalog
from digitize.exceptions import ArchiveError
from digitize.metadata import extract_metadata, parse_number
from digitize.metadata.dates import parse_numeric_date
from digitize.metadata.dossier import ARCHIVIST_TAGS, check_dossier_fields
from digitize.metadata.fields import FieldType, ProblemCode, normalize_tags, validate_record
from digitize.metadata.identifiers import parse_file_code
from digitize.metadata.layout import words_from_hocr
from digitize.records.errors import RecordNotFoundError, RevisionError
from digitize.records.index import (
    FIRST_SEQ,
    INDEX_SCHEMA,
    compact_index,
    facets_text,
    fold_fingerprint,
    index_document,
    rebuild_index,
    set_document_meta,
    upgrade_index_tables,
)
from digitize.records.model import (
    DOSSIER_TAGS,
    EXTRA_TAGS,
    FIELD_TAGS,
    OutputFile,
    Provenance,
    Recipient,
    Record,
    agency_key,
    code_key,
    field_type,
    format_code,
)
from digitize.vntext import nfc

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RECORDS_SCHEMA_VERSION",
    "BuildReport",
    "DossierRevision",
    "DuplicateGroup",
    "PageRevision",
    "RecordStore",
    "Revised",
    "Revision",
]

log = logging.getLogger(__name__)

RECORDS_SCHEMA_VERSION: Final = 1

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS rec_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rec_records (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    seq INTEGER NOT NULL UNIQUE,
    dossier TEXT NOT NULL,
    extracted TEXT NOT NULL,
    confidence TEXT NOT NULL,
    notes TEXT NOT NULL,
    source_sha TEXT NOT NULL,
    extractor TEXT NOT NULL,
    built TEXT NOT NULL,
    type_key TEXT NOT NULL DEFAULT '',
    organ_key TEXT NOT NULL DEFAULT '',
    issued_date TEXT NOT NULL DEFAULT '',
    code_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS rec_records_code ON rec_records(code_key);
CREATE INDEX IF NOT EXISTS rec_records_dossier ON rec_records(dossier);
CREATE INDEX IF NOT EXISTS rec_records_date ON rec_records(issued_date);
CREATE TABLE IF NOT EXISTS rec_revisions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES rec_records(doc_id),
    tag TEXT NOT NULL,
    value TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_revisions_doc ON rec_revisions(doc_id, id);
CREATE TABLE IF NOT EXISTS rec_page_revisions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES rec_records(doc_id),
    page_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_page_revisions_doc ON rec_page_revisions(doc_id, page_no, id);
CREATE TABLE IF NOT EXISTS rec_dossier_revisions (
    id INTEGER PRIMARY KEY,
    dossier TEXT,
    tag TEXT NOT NULL,
    value TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
-- DocOrdinal of each document, kept by every write that can move it (put, revise): every
-- search hit's record needs it, and numbering its dossier on the fly cost 1-2 ms a search.
CREATE TABLE IF NOT EXISTS rec_ordinals (
    doc_id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL
) WITHOUT ROWID;
-- Dossiers whose ordinals a build has yet to renumber: marked in each document's own
-- transaction, renumbered once at the end (per document, a dossier of N documents cost N²)
-- or, after a crash, when the store is next opened.
CREATE TABLE IF NOT EXISTS rec_unnumbered (
    dossier TEXT PRIMARY KEY
) WITHOUT ROWID;
-- The engine's tables are keyed by path, records read them by document (every search hit).
CREATE INDEX IF NOT EXISTS rec_idx_source_paths_doc ON source_paths(doc_id);
CREATE INDEX IF NOT EXISTS rec_idx_outputs_doc ON outputs(doc_id)
"""

_TAG_OF: Final = dict(FIELD_TAGS) | dict(EXTRA_TAGS)
_ATTR_OF: Final = {tag: attr for attr, tag in (*FIELD_TAGS, *EXTRA_TAGS)}
# Dossier fields reach a record from its dossier, never from a per-document revision.
_RECORD_ATTR_OF: Final = _ATTR_OF | {tag: attr for attr, tag in DOSSIER_TAGS}
_NUMBER_TAGS: Final = frozenset(t for t in _RECORD_ATTR_OF if field_type(t) is FieldType.NUMBER)
_LANGUAGE: Final = "Tiếng Việt"
#: The review notebook's former table of corrected page texts, imported once then dropped.
_LEGACY_PAGE_TABLE: Final = "ui_page_text"
_LEGACY_NOTE: Final = "chuyển từ bảng ui_page_text của sổ tay kiểm tra"
#: Bumped when the stored DocOrdinal numbering changes: rec_ordinals is then filled again.
_ORDINALS_VERSION: Final = "1"
# Position of each document in its dossier: by issue date (undated last), then số, then
# source path.
_NUMBERED: Final = (
    "SELECT r.doc_id, ROW_NUMBER() OVER (PARTITION BY r.dossier ORDER BY "
    "CASE r.issued_date WHEN '' THEN '9999' ELSE r.issued_date END, "
    "CAST(r.code_key AS INTEGER), d.relpath) FROM rec_records r "
    "JOIN documents d ON d.id = r.doc_id"
)


def _renumber(db: sqlite3.Connection, dossiers: Iterable[str] | None) -> None:
    """Store the DocOrdinal of every document of ``dossiers`` (all when None), inside the
    caller's transaction."""
    sql = f"INSERT OR REPLACE INTO rec_ordinals(doc_id, ordinal) {_NUMBERED}"
    if dossiers is None:
        db.execute("DELETE FROM rec_ordinals")
        db.execute(sql)
        return
    for chunk in _chunks(sorted(set(dossiers)), 400):
        db.execute(f"{sql} WHERE r.dossier IN ({','.join('?' * len(chunk))})", chunk)


def _renumber_marked(db: sqlite3.Connection) -> None:
    """Renumber the dossiers marked in ``rec_unnumbered`` and clear the marks."""
    marked = [row[0] for row in db.execute("SELECT dossier FROM rec_unnumbered")]
    if marked:
        _renumber(db, marked)
        db.execute("DELETE FROM rec_unnumbered")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _extractor_version() -> str:
    """Digest of the extraction code: records are read again when it changes."""
    import digitize.metadata as metadata_pkg

    digest = hashlib.sha256()
    folder = Path(metadata_pkg.__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Revision:
    """One correction of one field.

    Attributes:
        id: order of entry.
        doc_id: the document.
        tag: the Phụ lục VI tag (or ``Code``, ``Place``…).
        value: the new value (``None`` or ``""`` clears the field).
        previous: the effective value before this revision.
        author: who made it.
        note: why.
        at: UTC timestamp.
    """

    id: int
    doc_id: str
    tag: str
    value: object
    previous: object
    author: str
    note: str
    at: str


@dataclass(frozen=True, slots=True)
class PageRevision:
    """One correction of one page's text (the OCR text file is never modified).

    Attributes:
        id: order of entry.
        doc_id: the document.
        page_no: the page, from 1.
        text: the corrected text, NFC.
        previous: the page's text before this revision (the OCR text for the first one;
            ``""`` when the OCR text file can no longer be read).
        author: who made it.
        note: why.
        at: UTC timestamp.
    """

    id: int
    doc_id: str
    page_no: int
    text: str
    previous: str
    author: str
    note: str
    at: str


@dataclass(frozen=True, slots=True)
class DossierRevision:
    """One value of a hồ sơ field set by the archivist.

    Attributes:
        id: order of entry.
        dossier: the dossier folder (``""`` for the source folder itself), or ``None`` for
            the whole archive (the batch default every dossier inherits).
        tag: ``Maintenance``, ``Rights`` or ``Creator``.
        value: the value set; ``""`` removes it (a dossier then inherits the archive's).
        previous: the value of that scope before this revision (``""`` when none).
        author: who set it.
        note: why.
        at: UTC timestamp.
    """

    id: int
    dossier: str | None
    tag: str
    value: str
    previous: str
    author: str
    note: str
    at: str

    def __post_init__(self) -> None:
        if self.tag not in ARCHIVIST_TAGS:
            raise ValueError(f"not a dossier field the archivist sets: {self.tag!r}")


@dataclass(frozen=True, slots=True)
class Revised:
    """Result of :meth:`RecordStore.revise`.

    Attributes:
        record: the record with the corrections applied.
        warnings: Vietnamese notes (a value longer than Phụ lục VI allows will be cut on
            export).
    """

    record: Record
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Documents sharing số + ký hiệu + issuing agency in one year (Phụ lục VI warning).

    Attributes:
        code: the số/ký hiệu.
        organ_name: the agency.
        year: the year of issue, ``""`` when one of them has no date.
        doc_ids: the documents, in source-path order.
        source_paths: their scans.
    """

    code: str
    organ_name: str
    year: str
    doc_ids: tuple[str, ...]
    source_paths: tuple[str, ...]

    @property
    def message(self) -> str:
        """The warning in Vietnamese."""
        year = f" năm {self.year}" if self.year else ""
        return (
            f"Trùng số và ký hiệu {self.code} của {self.organ_name or 'cùng cơ quan'}{year} ở "
            f"{len(self.doc_ids)} tài liệu: {', '.join(self.source_paths)}; hãy kiểm tra "
            "(bản sao, quét hai lần hoặc đọc sai số)."
        )


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What :meth:`RecordStore.build` did.

    Attributes:
        added: documents given a record for the first time.
        updated: records read again (text or extraction code changed, or refresh asked).
        unchanged: records left as they were.
        skipped: (source path, Vietnamese reason) of documents without usable text.
        duplicates: duplicate warnings over the whole archive.
    """

    added: int
    updated: int
    unchanged: int
    skipped: tuple[tuple[str, str], ...]
    duplicates: tuple[DuplicateGroup, ...]

    @property
    def total(self) -> int:
        """Records in the archive after the build."""
        return self.added + self.updated + self.unchanged


def _dossier_of(relpath: str) -> str:
    parent = PurePosixPath(relpath).parent.as_posix()
    return "" if parent == "." else parent


def _derived(dossier: str, page_count: int) -> dict[str, object]:
    return {"PageAmount": page_count, "Language": _LANGUAGE} | _file_code_values(dossier)


@functools.lru_cache(maxsize=4096)
def _file_code_values(dossier: str) -> dict[str, object]:
    """The hồ sơ fields its folder name gives (cached: every search hit asks for them)."""
    code = parse_file_code(PurePosixPath(dossier).name) if dossier else None
    if code is None:
        return {}
    return {
        "FileCode": nfc(code.text),
        "OrganId": nfc(code.organ_id),
        "FileCatalog": code.year,
        "FileNotation": nfc(code.notation),
    }


def _nfc_value(value: object) -> object:
    """``value`` with every string in it NFC (extracted values may hold lists and dicts)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list | tuple):
        return [_nfc_value(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _nfc_value(v) for k, v in value.items()}
    return value


def _facets(db: sqlite3.Connection, doc_id: str) -> str:
    """The facet tokens of a document, from its stored filter keys."""
    row = db.execute(
        "SELECT type_key, organ_key, issued_date, dossier FROM rec_records WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    return facets_text(*(str(v) for v in row))


def _meta_text(values: Mapping[str, object], dossier: str) -> str:
    """What the index knows of a document besides its text (searched with it)."""
    tags: tuple[str, ...] = ("TypeName", "Code", "OrganName", "ParentOrgan", "Subject")
    tags += ("Position", "FullName")
    tags += ("Place", "Keyword", "Description", "FileCode")
    lines = [str(values[t]) for t in tags if values.get(t)]
    if dossier:
        lines.append(dossier)
    return "\n".join(lines)


class RecordStore:
    """Records of one archive; use as a context manager. Writes come from one process."""

    def __init__(self, archive: str | Path, *, read_only: bool = False) -> None:
        """Open the archive's records; ``read_only`` (search) takes no write lock and
        refuses writes, unless the catalog first needs its tables created or its index
        rebuilt (a new archive, or the first use after an upgrade)."""
        self.archive = Path(archive).expanduser().resolve()
        self.catalog = Catalog(self.archive, create=False, read_only=read_only)
        self.db = self.catalog.db
        try:
            if read_only and self._schema_current():
                return
            if read_only:
                self.catalog.close()
                self.catalog = Catalog(self.archive, create=False)
                self.db = self.catalog.db
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            self.catalog.close()
            # A table of the expected name but another shape: a damaged catalog, or one left
            # by a development build; either way the user needs words, not a traceback.
            raise ArchiveError(
                f"Không đọc được bảng hồ sơ văn bản trong danh mục {self.catalog.path} "
                f"({exc}). Kho bị hỏng hoặc do một bản thử nghiệm cũ tạo ra: hãy số hóa lại "
                f"vào một kho mới (digitize run … --out KHO_MỚI)."
            ) from exc
        except BaseException:
            self.catalog.close()
            raise

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the catalog connection."""
        self.catalog.close()

    def _schema_current(self) -> bool:
        """Whether the tables, their version and the index format are what this code
        writes, so that :meth:`_ensure_schema` would change nothing."""
        try:
            values = dict(
                self.db.execute(
                    "SELECT key, value FROM rec_meta "
                    "WHERE key IN ('schema_version', 'fold', 'ordinals')"
                ).fetchall()
            )
            legacy = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                (_LEGACY_PAGE_TABLE,),
            ).fetchone()
            unnumbered = self.db.execute("SELECT 1 FROM rec_unnumbered LIMIT 1").fetchone()
        except sqlite3.OperationalError:  # no rec_meta: records never built here
            return False
        return (
            values.get("schema_version") == str(RECORDS_SCHEMA_VERSION)
            and values.get("fold") == fold_fingerprint()
            and values.get("ordinals") == _ORDINALS_VERSION
            and legacy is None
            and unnumbered is None
        )

    def _ensure_schema(self) -> None:
        with self.catalog.transaction() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            upgrade_index_tables(db)
            for statement in INDEX_SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            row = db.execute("SELECT value FROM rec_meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO rec_meta(key, value) VALUES ('schema_version', ?)",
                    (str(RECORDS_SCHEMA_VERSION),),
                )
            elif int(row[0]) > RECORDS_SCHEMA_VERSION:
                raise ArchiveError(
                    f"Bảng hồ sơ văn bản của kho {self.archive} do phiên bản mới hơn tạo ra "
                    f"(lược đồ {row[0]}); hãy cập nhật phần mềm (bash tasks.sh setup)."
                )
            fingerprint = fold_fingerprint()
            row = db.execute("SELECT value FROM rec_meta WHERE key = 'fold'").fetchone()
            if row is not None and row[0] != fingerprint:
                log.warning("text folding changed since the index was built: re-indexing")
                rebuild_index(db)
            db.execute(
                "INSERT OR REPLACE INTO rec_meta(key, value) VALUES ('fold', ?)", (fingerprint,)
            )
            row = db.execute("SELECT value FROM rec_meta WHERE key = 'ordinals'").fetchone()
            if row is None or row[0] != _ORDINALS_VERSION:
                _renumber(db, None)  # a catalog built before DocOrdinals were stored
                db.execute(
                    "INSERT OR REPLACE INTO rec_meta(key, value) VALUES ('ordinals', ?)",
                    (_ORDINALS_VERSION,),
                )
            _renumber_marked(db)  # left by a build that did not finish
            self._import_legacy_page_texts(db)

    def _import_legacy_page_texts(self, db: sqlite3.Connection) -> None:
        """Move the review notebook's stopgap ``ui_page_text`` rows into
        ``rec_page_revisions`` (same order, author and time), re-index the documents
        concerned, and drop the old table, so the import happens once."""
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_LEGACY_PAGE_TABLE,)
        ).fetchone()
        if exists is None:
            return
        known = {r[0] for r in db.execute("SELECT doc_id FROM rec_records")}
        moved: set[str] = set()
        for doc_id, page_no, text, author, at in list(
            db.execute(
                f"SELECT doc_id, page_no, text, author, at FROM {_LEGACY_PAGE_TABLE} ORDER BY id"
            )
        ):
            if doc_id not in known:
                log.warning("%s: page text correction of a document without record dropped", doc_id)
                continue
            db.execute(
                "INSERT INTO rec_page_revisions(doc_id, page_no, text, author, note, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, int(page_no), nfc(text), author or "", _LEGACY_NOTE, at),
            )
            moved.add(doc_id)
        db.execute(f"DROP TABLE {_LEGACY_PAGE_TABLE}")
        for doc_id in sorted(moved):
            self._reindex_text(db, doc_id)
        log.info("imported page text corrections of %d documents from ui_page_text", len(moved))

    # building -----------------------------------------------------------------------------
    def build(self, *, refresh: bool = False, use_layout: bool = True) -> BuildReport:
        """Create or update the record of every finished document of the archive.

        ``refresh`` reads every document again even when nothing changed; ``use_layout``
        gives the extractor the hOCR word boxes (better column detection) when present.
        """
        extractor = _extractor_version()
        existing = {
            r[0]: (r[1], r[2])
            for r in self.db.execute("SELECT doc_id, source_sha, extractor FROM rec_records")
        }
        outputs: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for o in self.catalog.outputs():
            outputs[o.doc_id][o.kind] = (o.path, o.sha256)
        added = updated = unchanged = 0
        skipped: list[tuple[str, str]] = []
        docs = list(
            self.db.execute("SELECT id, relpath, state, page_count FROM documents ORDER BY relpath")
        )
        for doc in docs:
            doc_id, relpath = doc["id"], doc["relpath"]
            txt = outputs[doc_id].get("txt")
            if doc["state"] != "done" or txt is None:
                reason = (
                    f"{relpath}: chưa số hóa xong (trạng thái {doc['state']}); chạy lại "
                    "digitize run rồi tạo hồ sơ văn bản."
                )
                skipped.append((relpath, reason))
                continue
            hocr = outputs[doc_id].get("hocr")
            source_sha = txt[1] + (("+" + hocr[1]) if use_layout and hocr else "")
            previous = existing.get(doc_id)
            if not refresh and previous == (source_sha, extractor):
                unchanged += 1
                continue
            text_path = self.archive / txt[0]
            try:
                text = nfc(text_path.read_text("utf-8"))
            except OSError as e:
                skipped.append(
                    (relpath, f"{relpath}: không đọc được {txt[0]} ({e}); chạy digitize verify.")
                )
                continue
            words = None
            if use_layout and hocr is not None:
                try:
                    words = words_from_hocr(self.archive / hocr[0]) or None
                except (OSError, ValueError, SyntaxError) as e:
                    log.warning("%s: hOCR unreadable (%s); extracting from text only", relpath, e)
            meta = extract_metadata(text, words)
            values = meta.to_record()
            values.update({k: f.value for k, f in meta.fields().items() if f and k not in values})
            if meta.number is not None:
                values["Code"] = meta.number.text
            self.put(
                doc_id,
                dossier=_dossier_of(relpath),
                extracted=values,
                confidence={k: v for k, v in meta.confidences().items() if v},
                notes=meta.notes,
                pages=text.split("\f"),
                source_sha=source_sha,
                extractor=extractor,
                renumber=False,
            )
            if previous is None:
                added += 1
            else:
                updated += 1
        if added or updated:
            with self.catalog.transaction() as db:
                _renumber_marked(db)
                # One transaction per document leaves many small index segments: merge them.
                compact_index(db)
        report = BuildReport(added, updated, unchanged, tuple(skipped), tuple(self.duplicates()))
        log.info(
            "records: %d added, %d updated, %d unchanged, %d skipped",
            added,
            updated,
            unchanged,
            len(skipped),
        )
        return report

    def put(
        self,
        doc_id: str,
        *,
        dossier: str,
        extracted: Mapping[str, object],
        pages: Sequence[str],
        confidence: Mapping[str, float] | None = None,
        notes: Sequence[str] = (),
        source_sha: str = "",
        extractor: str = "",
        renumber: bool = True,
    ) -> None:
        """Store the OCR reading of one document and index its text (one transaction).

        Revisions already stored for the document are kept and still win. ``renumber=False``
        only marks the dossier for numbering, as :meth:`build` does for many documents before
        numbering each dossier once (per document, a dossier of N documents cost N²); marks
        left behind are numbered when the store is next opened.
        """
        # NFC on the way in, so that reading records back (every search hit) need not.
        clean = {k: _nfc_value(v) for k, v in extracted.items() if v not in (None, "", [], ())}
        with self.catalog.transaction() as db:
            # seq numbers the document's pages in the index; it never changes once given.
            row = db.execute(
                "SELECT seq, dossier FROM rec_records WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            seq = (
                int(row[0])
                if row
                else int(
                    db.execute(
                        "SELECT COALESCE(MIN(seq), ? + 1) - 1 FROM rec_records", (FIRST_SEQ,)
                    ).fetchone()[0]
                )
            )
            db.execute(
                "INSERT INTO rec_records(doc_id, seq, dossier, extracted, confidence, notes, "
                "source_sha, extractor, built) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(doc_id) DO UPDATE SET dossier = excluded.dossier, "
                "extracted = excluded.extracted, confidence = excluded.confidence, "
                "notes = excluded.notes, source_sha = excluded.source_sha, "
                "extractor = excluded.extractor, built = excluded.built",
                (
                    doc_id,
                    seq,
                    dossier,
                    json.dumps(clean, ensure_ascii=False),
                    json.dumps(dict(confidence or {})),
                    json.dumps(list(notes), ensure_ascii=False),
                    source_sha,
                    extractor,
                    _now(),
                ),
            )
            effective = self._effective(db, doc_id)
            self._update_keys(db, doc_id, effective)
            # Its old dossier too, when the document moved.
            db.executemany(
                "INSERT OR IGNORE INTO rec_unnumbered(dossier) VALUES (?)",
                [(d,) for d in {dossier, *([row[1]] if row else [])}],
            )
            if renumber:
                _renumber_marked(db)
            texts = _apply_pages(pages, _latest_pages(db, doc_id), doc_id)
            meta = _meta_text(effective, dossier)
            index_document(db, seq, doc_id, texts, meta=meta, facets=_facets(db, doc_id))

    def _reindex_text(self, db: sqlite3.Connection, doc_id: str) -> None:
        """Index the document's stored pages again with its latest page revisions applied
        (inside the caller's transaction)."""
        seq = int(
            db.execute("SELECT seq FROM rec_records WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        )
        rows = list(
            db.execute(
                "SELECT meta, body FROM rec_pages WHERE doc_id = ? ORDER BY page_no", (doc_id,)
            )
        )
        meta = str(rows[0][0]) if rows else ""
        texts = _apply_pages([str(r[1]) for r in rows], _latest_pages(db, doc_id), doc_id)
        index_document(db, seq, doc_id, texts, meta=meta, facets=_facets(db, doc_id))

    # effective values ---------------------------------------------------------------------
    def _effective(self, db: sqlite3.Connection, doc_id: str) -> dict[str, object]:
        row = db.execute(
            "SELECT r.extracted, r.dossier, d.page_count FROM rec_records r "
            "JOIN documents d ON d.id = r.doc_id WHERE r.doc_id = ?",
            (doc_id,),
        ).fetchone()
        values: dict[str, object] = _derived(row[1], row[2] or 0) | json.loads(row[0])
        revised: set[str] = set()
        for tag, value in db.execute(
            "SELECT tag, value FROM rec_revisions WHERE doc_id = ? ORDER BY id", (doc_id,)
        ):
            values[tag] = json.loads(value)
            revised.add(tag)
        if revised & {"CodeNumber", "CodeNotation"} and "Code" not in revised:
            # The written số/ký hiệu follows the corrected parts.
            number, notation = values.get("CodeNumber"), values.get("CodeNotation")
            values["Code"] = f"{number}/{notation}" if number and notation else None
        return values

    def _update_keys(
        self, db: sqlite3.Connection, doc_id: str, values: Mapping[str, object]
    ) -> None:
        db.execute(
            "UPDATE rec_records SET type_key = ?, organ_key = ?, issued_date = ?, code_key = ? "
            "WHERE doc_id = ?",
            (
                agency_key(str(values.get("TypeName") or "")),
                agency_key(str(values.get("OrganName") or "")),
                str(values.get("IssuedDate") or ""),
                code_key(
                    str(values.get("CodeNumber") or ""), str(values.get("CodeNotation") or "")
                ),
                doc_id,
            ),
        )

    def needs_build(self) -> bool:
        """Whether :meth:`build` has work: a finished document without a record, or whose
        text or the extraction code changed since (one query, cheap on large archives)."""
        row = self.db.execute(
            "SELECT 1 FROM documents d JOIN outputs o ON o.doc_id = d.id AND o.kind = 'txt' "
            "LEFT JOIN rec_records r ON r.doc_id = d.id WHERE d.state = 'done' AND "
            "(r.doc_id IS NULL OR substr(r.source_sha, 1, 64) != o.sha256 OR r.extractor != ?) "
            "LIMIT 1",
            (_extractor_version(),),
        ).fetchone()
        return row is not None

    # reading ------------------------------------------------------------------------------
    def count(self) -> int:
        """Number of records."""
        return int(self.db.execute("SELECT COUNT(*) FROM rec_records").fetchone()[0])

    def doc_ids(self) -> list[str]:
        """Every document with a record."""
        return [r[0] for r in self.db.execute("SELECT doc_id FROM rec_records")]

    def records(
        self,
        doc_ids: Iterable[str] | None = None,
        *,
        dossier: str | None = None,
        with_text: bool = False,
    ) -> list[Record]:
        """Records (all, the given ones in that order, or one dossier's including its
        sub-folders), OCR values with revisions applied; sorted by dossier, then
        chronologically when no ids are given."""
        ids = list(doc_ids) if doc_ids is not None else None
        sql = (
            "SELECT r.doc_id, r.dossier, r.extracted, r.confidence, r.notes, d.relpath, "
            "d.page_count FROM rec_records r JOIN documents d ON d.id = r.doc_id"
        )
        rows: list[sqlite3.Row] = []
        if ids is not None:
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(f"{sql} WHERE r.doc_id IN ({marks})", chunk).fetchall()
        elif dossier is not None:
            rows = self.db.execute(
                f"{sql} WHERE r.dossier = ? OR r.dossier LIKE ? ESCAPE '\\'",
                (dossier.strip("/"), _like_prefix(dossier.strip("/")) + "/%"),
            ).fetchall()
        else:
            rows = self.db.execute(sql).fetchall()
        found = [r["doc_id"] for r in rows]
        every = ids is None and dossier is None
        revisions = self._revision_values(None if every else found)
        provenance = self._provenance(found, every=every)
        ordinals = self._ordinals(None if every else found)
        texts = self._texts(found) if with_text else {}
        dossier_values = self._dossier_values()
        revised_pages: dict[str, set[int]] = defaultdict(set)
        for doc_id, page_no in self._select_in(
            "SELECT DISTINCT doc_id, page_no FROM rec_page_revisions",
            "doc_id",
            None if every else found,
        ):
            revised_pages[doc_id].add(int(page_no))
        records = []
        for row in rows:
            doc_id = row["doc_id"]
            values = _derived(row["dossier"], row["page_count"] or 0) | json.loads(row["extracted"])
            revised = revisions.get(doc_id, {})
            values |= revised
            if "DocOrdinal" not in values and doc_id in ordinals:
                values["DocOrdinal"] = ordinals[doc_id]
            if ("CodeNumber" in revised or "CodeNotation" in revised) and "Code" not in revised:
                values.pop("Code", None)
            stored = row["confidence"]
            confidence = ({} if stored == "{}" else json.loads(stored)) | dict.fromkeys(
                revised, 1.0
            )
            values |= dossier_values.get(row["dossier"], dossier_values.get(None, {}))
            records.append(
                _make_record(
                    doc_id,
                    row["dossier"],
                    values,
                    provenance[doc_id],
                    confidence=confidence,
                    notes=tuple(json.loads(row["notes"])) if row["notes"] != "[]" else (),
                    revised=tuple(sorted(revised)),
                    revised_pages=tuple(sorted(revised_pages.get(doc_id, ()))),
                    text=texts.get(doc_id, ""),
                )
            )
        if ids is not None:
            order = {d: i for i, d in enumerate(ids)}
            records.sort(key=lambda r: order[r.doc_id])
        else:
            records.sort(key=_chronological)
        return records

    def record(self, ident: str, *, with_text: bool = False) -> Record:
        """One record by document id (or a unique prefix of at least 6 digits), source path
        or số/ký hiệu; raises :class:`RecordNotFoundError` otherwise."""
        return self.records([self.resolve(ident)], with_text=with_text)[0]

    def resolve(self, ident: str) -> str:
        """The document id a user means by ``ident`` (id, id prefix, source path, số/ký hiệu)."""
        ident = nfc(ident).strip()
        candidates: list[str] = []
        if re.fullmatch(r"[0-9a-fA-F]{6,64}", ident):
            candidates = [
                r[0]
                for r in self.db.execute(
                    "SELECT doc_id FROM rec_records WHERE doc_id LIKE ?", (ident.lower() + "%",)
                )
            ]
        if not candidates:
            candidates = [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT r.doc_id FROM rec_records r JOIN source_paths s "
                    "ON s.doc_id = r.doc_id WHERE s.relpath = ?",
                    (ident,),
                )
            ]
        if not candidates and "/" in ident:
            number = parse_number(ident)
            if number is not None:
                candidates = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT doc_id FROM rec_records WHERE code_key = ?",
                        (code_key(number.number, number.notation),),
                    )
                ]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise RecordNotFoundError(
                f"Không tìm thấy hồ sơ văn bản {ident!r}: hãy dùng mã tài liệu (ít nhất 6 ký tự "
                "đầu), đường dẫn tệp quét hoặc số/ký hiệu; xem danh sách bằng digitize records "
                "KHO --list."
            )
        raise RecordNotFoundError(
            f"{ident!r} ứng với {len(candidates)} tài liệu; hãy dùng mã tài liệu dài hơn "
            f"(ví dụ {candidates[0][:12]})."
        )

    def _select_in(
        self, sql: str, column: str, ids: Sequence[str] | None, tail: str = ""
    ) -> Iterator[sqlite3.Row]:
        """Rows of ``sql`` whose ``column`` is one of ``ids`` (all rows when None), in chunks
        so the work follows the records asked for, not the size of the archive."""
        if ids is None:
            yield from self.db.execute(f"{sql} {tail}")
            return
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"{sql} WHERE {column} IN ({marks}) {tail}", chunk)

    def _revision_values(self, doc_ids: Sequence[str] | None) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = defaultdict(dict)
        for doc_id, tag, value in self._select_in(
            "SELECT doc_id, tag, value FROM rec_revisions", "doc_id", doc_ids, "ORDER BY id"
        ):
            out[doc_id][tag] = json.loads(value)
        return out

    def _provenance(self, doc_ids: Sequence[str], every: bool = False) -> dict[str, Provenance]:
        scope = None if every else doc_ids
        main: dict[str, tuple[str, int]] = {
            row[0]: (row[1], row[2] or 0)
            for row in self._select_in("SELECT id, relpath, page_count FROM documents", "id", scope)
        }
        paths: dict[str, list[str]] = defaultdict(list)
        for doc_id, relpath in self._select_in(
            "SELECT doc_id, relpath FROM source_paths", "doc_id", scope, "ORDER BY relpath"
        ):
            if relpath != main.get(doc_id, ("", 0))[0]:
                paths[doc_id].append(relpath)
        quality: dict[str, tuple[float | None, tuple[int, ...]]] = {}
        for doc_id, conf_sum, conf_words, flagged in self._select_in(
            "SELECT doc_id, SUM(CASE WHEN mean_confidence IS NOT NULL AND state = 'done' "
            "THEN mean_confidence * words END), SUM(CASE WHEN mean_confidence IS NOT NULL "
            "AND state = 'done' THEN words END), group_concat(CASE WHEN flags != '[]' "
            "THEN page_no END) FROM pages",
            "doc_id",
            scope,
            "GROUP BY doc_id",
        ):
            mean = round(conf_sum / conf_words, 2) if conf_words else None
            pages = tuple(sorted(int(p) for p in flagged.split(","))) if flagged else ()
            quality[doc_id] = (mean, pages)
        outputs: dict[str, list[OutputFile]] = defaultdict(list)
        for row in self._select_in(
            "SELECT doc_id, kind, path, sha256, size FROM outputs", "doc_id", scope, "ORDER BY path"
        ):
            outputs[row[0]].append(OutputFile(row[1], row[2], row[3], row[4]))
        result = {}
        for doc_id in doc_ids:
            relpath, page_count = main[doc_id]
            mean, flagged_pages = quality.get(doc_id, (None, ()))
            result[doc_id] = Provenance(
                doc_id=doc_id,
                source_paths=(relpath, *paths[doc_id]),
                page_count=page_count,
                mean_confidence=mean,
                flagged_pages=flagged_pages,
                outputs=tuple(outputs[doc_id]),
            )
        return result

    def _ordinals(self, doc_ids: Sequence[str] | None) -> dict[str, int]:
        """Position of each document in its dossier (by issue date, undated last, then số,
        then source path), as the writes stored it."""
        return {
            doc_id: int(n)
            for doc_id, n in self._select_in(
                "SELECT doc_id, ordinal FROM rec_ordinals", "doc_id", doc_ids
            )
        }

    def _texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        pages: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks(list(doc_ids), 500):
            marks = ",".join("?" * len(chunk))
            for doc_id, body in self.db.execute(
                f"SELECT doc_id, body FROM rec_pages WHERE doc_id IN ({marks}) "
                "ORDER BY doc_id, page_no",
                chunk,
            ):
                pages[doc_id].append(body)
        return {d: "\f".join(p) for d, p in pages.items()}

    # review -------------------------------------------------------------------------------
    def revise(
        self, ident: str, changes: Mapping[str, object], *, author: str = "", note: str = ""
    ) -> Revised:
        """Store corrections (tag → value) as revisions; the OCR values stay as they were.

        Tags are Phụ lục VI tags (``Subject``, ``Organld`` accepted for ``OrganId``), record
        attribute names (``subject``) or extras (``Code``, ``Place``). Numbers and dates are
        checked (``2015-05-03`` or ``03/05/2015``); an empty value clears the field. Raises
        :class:`RevisionError` listing every problem at once.
        """
        doc_id = self.resolve(ident)
        values, problems = _coerce_changes(changes)
        if problems:
            raise RevisionError(
                "Không lưu được chỉnh sửa:\n" + "\n".join(f"- {p}" for p in problems)
            )
        if not values:
            raise RevisionError(
                "Chưa có chỉnh sửa nào; hãy ghi dạng Trường=giá trị, ví dụ Subject=…"
            )
        warnings = [
            p.message
            for p in validate_record(
                {k: v for k, v in values.items() if k in dict(FIELD_TAGS).values()}
            )
            if p.code is ProblemCode.TOO_LONG
        ]
        warnings = [w + " Khi xuất sẽ bị cắt theo độ dài cho phép." for w in warnings]
        with self.catalog.transaction() as db:
            for tag, value in values.items():
                db.execute(
                    "INSERT INTO rec_revisions(doc_id, tag, value, author, note, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (doc_id, tag, json.dumps(value, ensure_ascii=False), author, note, _now()),
                )
            after = self._effective(db, doc_id)
            self._update_keys(db, doc_id, after)
            dossier = db.execute(
                "SELECT dossier FROM rec_records WHERE doc_id = ?", (doc_id,)
            ).fetchone()[0]
            _renumber(db, [dossier])  # a new date or số moves it within its dossier
            # A new type, agency or date changes the facets of every page.
            set_document_meta(
                db, doc_id, meta=_meta_text(after, dossier), facets=_facets(db, doc_id)
            )
        log.info("revised %s: %s", doc_id[:12], ", ".join(values))
        return Revised(self.records([doc_id])[0], tuple(warnings))

    # dossier fields ---------------------------------------------------------------------
    def dossiers(self) -> list[str]:
        """The dossier folders that hold records (``""``: the source folder itself)."""
        return [
            r[0] for r in self.db.execute("SELECT DISTINCT dossier FROM rec_records ORDER BY 1")
        ]

    def _dossier_scope(self, dossier: str | None) -> str | None:
        if dossier is None:
            return None
        folder = nfc(dossier).strip().strip("/")
        folder = "" if folder == "." else folder
        known = self.dossiers()
        if folder not in known:
            shown = ", ".join(repr(k or ".") for k in known) or "chưa có (chạy digitize records)"
            raise RecordNotFoundError(
                f"Không có hồ sơ {dossier!r} trong kho; các hồ sơ có văn bản: {shown}. "
                "Dùng '.' cho thư mục gốc, hoặc đặt cho cả kho."
            )
        return folder

    def set_dossier_fields(
        self,
        dossier: str | None,
        changes: Mapping[str, object],
        *,
        author: str = "",
        note: str = "",
    ) -> dict[str, str]:
        """Set Maintenance, Rights and/or Creator of one dossier (its folder; ``"."`` for the
        source folder itself) or, with ``dossier=None``, of the whole archive as the default
        every dossier inherits. Stored as append-only revisions; ``""`` removes a value.
        Each folder is its own hồ sơ: a sub-folder inherits the archive's values, not those
        of the folder above it.

        Values are checked first (thời hạn bảo quản normalized: ``10`` → ``10 năm``,
        ``vinh vien`` → ``Vĩnh viễn``); :class:`RevisionError` lists every problem at once.
        Returns the fields now in effect for that scope.
        """
        scope = self._dossier_scope(dossier)
        values, problems = check_dossier_fields(changes)
        if problems:
            raise RevisionError(
                "Không lưu được trường của hồ sơ:\n" + "\n".join(f"- {p}" for p in problems)
            )
        if not values:
            raise RevisionError(
                'Chưa có giá trị nào; hãy ghi dạng Trường=giá trị, ví dụ Maintenance="10 năm".'
            )
        with self.catalog.transaction() as db:
            for tag, value in values.items():
                db.execute(
                    "INSERT INTO rec_dossier_revisions(dossier, tag, value, author, note, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (scope, tag, value, author, note, _now()),
                )
        log.info("dossier %r: set %s", scope, ", ".join(values))
        return self.dossier_fields(dossier)

    def _dossier_values(self) -> dict[str | None, dict[str, str]]:
        """Effective values per dossier with records, and the archive's (key ``None``)."""
        latest: dict[str | None, dict[str, str]] = defaultdict(dict)
        for scope, tag, value in self.db.execute(
            "SELECT dossier, tag, value FROM rec_dossier_revisions ORDER BY id"
        ):
            latest[scope][tag] = value
        default = {t: v for t, v in latest.get(None, {}).items() if v}
        out: dict[str | None, dict[str, str]] = {None: default}
        for scope, values in latest.items():
            if scope is not None:
                out[scope] = default | {t: v for t, v in values.items() if v}
        return out

    def dossier_fields(self, dossier: str | None = None) -> dict[str, str]:
        """The hồ sơ fields in effect for ``dossier`` (its own values over the archive's), or
        the archive's defaults when ``dossier`` is None; tags in :data:`DOSSIER_TAGS` order."""
        scope = self._dossier_scope(dossier)
        values = self._dossier_values()
        found = values.get(scope, values[None])
        return {tag: found[tag] for _, tag in DOSSIER_TAGS if tag in found}

    def dossier_revisions(self, dossier: str | None = None) -> list[DossierRevision]:
        """Every hồ sơ field value set, oldest first; with ``dossier``, that dossier's and
        the archive-wide ones (what its values come from)."""
        scope = self._dossier_scope(dossier) if dossier is not None else None
        current: dict[tuple[str | None, str], str] = {}
        out = []
        for row in self.db.execute("SELECT * FROM rec_dossier_revisions ORDER BY id"):
            key = (row["dossier"], row["tag"])
            previous = current.get(key, "")
            current[key] = row["value"]
            if dossier is None or row["dossier"] in (None, scope):
                out.append(
                    DossierRevision(
                        row["id"],
                        row["dossier"],
                        row["tag"],
                        row["value"],
                        previous,
                        row["author"],
                        row["note"],
                        row["at"],
                    )
                )
        return out

    def revisions(self, ident: str | None = None) -> list[Revision]:
        """Revisions (of one document, or all) in the order they were made."""
        doc_id = self.resolve(ident) if ident else None
        extracted = {
            r[0]: json.loads(r[1])
            for r in self.db.execute("SELECT doc_id, extracted FROM rec_records")
        }
        current: dict[tuple[str, str], object] = {}
        out = []
        for row in self.db.execute("SELECT * FROM rec_revisions ORDER BY id"):
            key = (row["doc_id"], row["tag"])
            previous = current.get(key, extracted.get(row["doc_id"], {}).get(row["tag"]))
            value = json.loads(row["value"])
            current[key] = value
            if doc_id is None or row["doc_id"] == doc_id:
                out.append(
                    Revision(
                        row["id"],
                        row["doc_id"],
                        row["tag"],
                        value,
                        previous,
                        row["author"],
                        row["note"],
                        row["at"],
                    )
                )
        return out

    # page texts ---------------------------------------------------------------------------
    def revise_page_text(
        self, ident: str, page_no: int, text: str, *, author: str = "", note: str = ""
    ) -> PageRevision:
        """Store a corrected text of page ``page_no`` (from 1) as a revision and re-index the
        document with it; the OCR text file is left as it is. The text is stored NFC.

        Raises :class:`RevisionError` when the document has no such page.
        """
        doc_id = self.resolve(ident)
        clean = nfc(text)
        with self.catalog.transaction() as db:
            count = int(
                db.execute("SELECT COUNT(*) FROM rec_pages WHERE doc_id = ?", (doc_id,)).fetchone()[
                    0
                ]
            )
            if not 1 <= page_no <= count:
                raise RevisionError(
                    f"Tài liệu {doc_id[:12]} không có trang {page_no} (có {count} trang); "
                    "không lưu được nội dung trang."
                )
            previous = _latest_pages(db, doc_id).get(page_no)
            if previous is None:
                previous = _page_of(self._ocr_pages(doc_id), page_no)
            at = _now()
            cursor = db.execute(
                "INSERT INTO rec_page_revisions(doc_id, page_no, text, author, note, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, page_no, clean, author, note, at),
            )
            self._reindex_text(db, doc_id)
        log.info("page %d of %s corrected and re-indexed", page_no, doc_id[:12])
        return PageRevision(
            int(cursor.lastrowid or 0), doc_id, page_no, clean, previous, author, note, at
        )

    def page_revisions(self, ident: str | None = None) -> list[PageRevision]:
        """Page-text revisions (of one document, or all) in the order they were made, each
        with the text it replaced."""
        doc_id = self.resolve(ident) if ident else None
        sql = "SELECT id, doc_id, page_no, text, author, note, at FROM rec_page_revisions"
        rows = list(
            self.db.execute(f"{sql} WHERE doc_id = ? ORDER BY id", (doc_id,))
            if doc_id
            else self.db.execute(f"{sql} ORDER BY id")
        )
        ocr: dict[str, list[str] | None] = {}
        current: dict[tuple[str, int], str] = {}
        out = []
        for rid, did, page_no, text, author, note, at in rows:
            key = (did, int(page_no))
            previous = current.get(key)
            if previous is None:
                if did not in ocr:
                    ocr[did] = self._ocr_pages(did)
                previous = _page_of(ocr[did], int(page_no))
            current[key] = text
            out.append(PageRevision(int(rid), did, int(page_no), text, previous, author, note, at))
        return out

    def ocr_page_texts(self, ident: str) -> list[str]:
        """The OCR text of each page, read from the document's text file (NFC), untouched by
        any revision; raises :class:`RecordNotFoundError` when the file cannot be read."""
        doc_id = self.resolve(ident)
        pages = self._ocr_pages(doc_id)
        if pages is None:
            raise RecordNotFoundError(
                f"Không đọc được tệp văn bản OCR của tài liệu {doc_id[:12]}; chạy digitize verify."
            )
        return pages

    def page_texts(self, ident: str) -> list[str]:
        """The current text of each page: the OCR text with the latest page-text revision of
        each corrected page applied (the indexed pages when the OCR file cannot be read)."""
        doc_id = self.resolve(ident)
        pages = self._ocr_pages(doc_id)
        if pages is None:
            return self._texts([doc_id]).get(doc_id, "").split("\f")
        return _apply_pages(pages, _latest_pages(self.db, doc_id), doc_id)

    def text(self, ident: str) -> str:
        """The current text of a document, pages separated by form feeds (see
        :meth:`page_texts`)."""
        return "\f".join(self.page_texts(ident))

    def _ocr_pages(self, doc_id: str) -> list[str] | None:
        txt = next((o for o in self.catalog.outputs(doc_id) if o.kind == "txt"), None)
        if txt is None:
            return None
        try:
            return nfc((self.archive / txt.path).read_text("utf-8")).split("\f")
        except OSError as e:
            log.warning("%s: OCR text unreadable (%s)", doc_id[:12], e)
            return None

    def ocr_values(self, ident: str) -> dict[str, object]:
        """The values extraction read, before any revision."""
        doc_id = self.resolve(ident)
        row = self.db.execute(
            "SELECT extracted FROM rec_records WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return dict(json.loads(row[0]))

    # checks -------------------------------------------------------------------------------
    def duplicates(self) -> list[DuplicateGroup]:
        """Groups of documents with the same số + ký hiệu + agency in the same year."""
        groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
        for doc_id, ckey, okey, issued, relpath in self.db.execute(
            "SELECT r.doc_id, r.code_key, r.organ_key, r.issued_date, d.relpath FROM rec_records r "
            "JOIN documents d ON d.id = r.doc_id WHERE r.code_key != '' ORDER BY d.relpath"
        ):
            groups[(ckey, okey)].append((doc_id, issued[:4], relpath))
        found = []
        for members in groups.values():
            if len(members) < 2:
                continue
            # Numbers restart every year (DOMAIN §5): same số in other years is no duplicate;
            # a member without a date may belong to any year.
            by_year: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            undated = [m for m in members if not m[1]]
            for m in members:
                if m[1]:
                    by_year[m[1]].append(m)
            clusters = [v + undated for v in by_year.values()] or [undated]
            for cluster in clusters:
                if len(cluster) < 2:
                    continue
                ids = tuple(m[0] for m in cluster)
                first = self.records([ids[0]])[0]
                years = {m[1] for m in cluster if m[1]}
                found.append(
                    DuplicateGroup(
                        code=first.code or format_code(first),
                        organ_name=first.organ_name,
                        year=years.pop() if len(years) == 1 else "",
                        doc_ids=ids,
                        source_paths=tuple(m[2] for m in cluster),
                    )
                )
        return found

    def frame(self) -> pd.DataFrame:
        """A pandas view for notebooks: one row per record, Phụ lục VI tags as columns
        (values as stored, not cut to export lengths); IssuedDate as datetime."""
        import pandas as pd

        from digitize.export.fields import Prepared, columns, flat_row

        rows = [flat_row(Prepared(r, r.to_phuluc(), (), ())) for r in self.records()]
        frame = pd.DataFrame(rows, columns=list(columns()))
        frame["IssuedDate"] = pd.to_datetime(
            frame["IssuedDate"], errors="coerce", format="%Y-%m-%d"
        )
        return frame


# ------------------------------------------------------------------------------ helpers


def _latest_pages(db: sqlite3.Connection, doc_id: str) -> dict[int, str]:
    """Page number → latest revised text, for the document's corrected pages."""
    rows = db.execute(
        "SELECT page_no, text FROM rec_page_revisions WHERE doc_id = ? ORDER BY id", (doc_id,)
    )
    return {int(page_no): str(text) for page_no, text in rows}


def _apply_pages(pages: Sequence[str], latest: Mapping[int, str], doc_id: str) -> list[str]:
    """``pages`` with each revised page replaced; a revision of a page the text no longer
    has is kept in the history but not applied."""
    out = list(pages)
    for page_no, text in latest.items():
        if 1 <= page_no <= len(out):
            out[page_no - 1] = text
        else:
            log.warning("%s: revised page %d no longer exists; not applied", doc_id[:12], page_no)
    return out


def _page_of(pages: Sequence[str] | None, page_no: int) -> str:
    return pages[page_no - 1] if pages is not None and 1 <= page_no <= len(pages) else ""


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chronological(record: Record) -> tuple[str, str, int, str]:
    number = int(record.code_number) if record.code_number.isdigit() else 0
    return (record.dossier, record.issued_date or "9999", number, record.source_path)


def _recipients(value: object) -> tuple[Recipient, ...]:
    if isinstance(value, str):
        value = [p for p in (s.strip() for s in value.split(";")) if p]
    out = []
    if isinstance(value, list | tuple):
        for entry in value:
            if isinstance(entry, str) and entry.strip():
                out.append(Recipient(organ_name=nfc(entry).strip()))
            elif isinstance(entry, Mapping):
                rid = str(entry.get("OrganId") or entry.get("Organld") or "")
                name = str(entry.get("OrganName") or "")
                if rid or name:
                    out.append(Recipient(rid, name))
    return tuple(out)


def _make_record(
    doc_id: str,
    dossier: str,
    values: Mapping[str, object],
    provenance: Provenance,
    *,
    confidence: Mapping[str, float],
    notes: tuple[str, ...],
    revised: tuple[str, ...],
    revised_pages: tuple[int, ...] = (),
    text: str,
) -> Record:
    kwargs: dict[str, object] = {}
    for tag, value in values.items():
        attribute = _RECORD_ATTR_OF.get(tag)
        if attribute is None or value is None or value == "":
            continue
        if tag == "To":
            kwargs[attribute] = _recipients(value)
        elif tag in _NUMBER_TAGS:
            kwargs[attribute] = int(str(value)) if str(value).isdigit() else None
        else:  # stored NFC: put, revisions and dossier fields normalize what they write
            kwargs[attribute] = value if isinstance(value, str) else str(value)
    record = Record(
        doc_id=doc_id,
        dossier=dossier,
        provenance=provenance,
        confidence=dict(confidence),
        notes=notes,
        revised=revised,
        revised_pages=revised_pages,
        text=text,
        **kwargs,  # type: ignore[arg-type]
    )
    if not record.code:
        code = format_code(record)
        if code:
            from dataclasses import replace

            record = replace(record, code=code)
    return record


_ISO: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _coerce_changes(changes: Mapping[str, object]) -> tuple[dict[str, object], list[str]]:
    """Revision values in stored form, and every problem found (Vietnamese)."""
    renamed: dict[str, object] = {}
    problems: list[str] = []
    for key, value in changes.items():
        tag = _TAG_OF.get(key, key)
        renamed[tag] = value
    renamed, alias_problems = normalize_tags(renamed)
    problems += [p.message for p in alias_problems]
    known = sorted(_ATTR_OF)
    out: dict[str, object] = {}
    for tag, raw in renamed.items():
        if tag not in _ATTR_OF:
            problems.append(f"Không có trường {tag!r}; các trường sửa được: {', '.join(known)}.")
            continue
        value = nfc(raw).strip() if isinstance(raw, str) else raw
        kind = field_type(tag)
        if value in (None, "", [], ()):
            out[tag] = None
            continue
        if tag == "To":
            out[tag] = [
                {k: v for k, v in (("OrganId", r.organ_id), ("OrganName", r.organ_name)) if v}
                for r in _recipients(value)
            ]
        elif kind is FieldType.NUMBER:
            text = str(value)
            if not (text.isascii() and text.isdigit()):
                problems.append(f"Trường {tag} phải là số nguyên không âm, nhận được {value!r}.")
                continue
            out[tag] = int(text)
        elif kind is FieldType.DATE:
            text = str(value)
            date = parse_numeric_date(text) if not _ISO.fullmatch(text) else None
            if date is not None:
                text = date.isoformat()
            out[tag] = text
        else:
            out[tag] = str(value)
    problems += _number_problems(out)
    checked = {t: v for t, v in out.items() if v is not None and t in dict(FIELD_TAGS).values()}
    for problem in validate_record(checked):
        if (
            problem.code is not ProblemCode.TOO_LONG
            or field_type(problem.tag) is not FieldType.STRING
        ):
            problems.append(problem.message)
    return out, problems


def _number_problems(values: Mapping[str, object]) -> list[str]:
    """A corrected số/ký hiệu must read as one (DOMAIN.md §5) and its parts must agree.

    Extraction forgives OCR's stray spaces; a person typing a correction gets told instead,
    so a wrong number never becomes the value search and export use.
    """
    problems: list[str] = []
    code, number, notation = (values.get(t) for t in ("Code", "CodeNumber", "CodeNotation"))
    parsed = None
    if isinstance(code, str):
        parsed = parse_number(code)
        if parsed is None or any(c.isspace() for c in code):
            problems.append(
                f"Số, ký hiệu «{code}» không đúng dạng (viết liền, không có dấu cách); ví dụ "
                "đúng: 15/QĐ-BNV, 25/2019/QĐ-UBND, 36-NQ/TW, 12/UBND-VX."
            )
            parsed = None
    if isinstance(number, str) and not (number.isascii() and number.isdigit()):
        problems.append(f"Số của văn bản «{number}» chỉ gồm chữ số, ví dụ 05 hoặc 125.")
    if isinstance(notation, str) and (
        any(c.isspace() for c in notation)
        or (parse_number(f"1/{notation}") is None and parse_number(f"1-{notation}") is None)
    ):
        problems.append(
            f"Ký hiệu «{notation}» không đúng dạng; ví dụ đúng: QĐ-UBND, UBND-VX, NQ/TW."
        )
    if parsed is not None:
        for tag, given, implied in (
            ("CodeNumber", number, parsed.number),
            ("CodeNotation", notation, parsed.notation),
        ):
            if isinstance(given, str) and given != implied:
                problems.append(
                    f"{tag} «{given}» không khớp với số, ký hiệu «{code}» (phải là «{implied}»)."
                )
    return problems
