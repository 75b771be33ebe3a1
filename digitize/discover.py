"""Find the scans under a source folder: walk, hash, sniff types, record duplicates once."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from digitize.exceptions import InputFileError
from digitize.models import RejectedFile, SourceFile, SourceKind

log = logging.getLogger(__name__)

SCAN_EXTENSIONS: dict[str, SourceKind] = {
    ".pdf": SourceKind.PDF,
    ".tif": SourceKind.TIFF,
    ".tiff": SourceKind.TIFF,
    ".jpg": SourceKind.JPEG,
    ".jpeg": SourceKind.JPEG,
    ".jpe": SourceKind.JPEG,
    ".png": SourceKind.PNG,
    ".jp2": SourceKind.JP2,
    ".j2k": SourceKind.JP2,
    ".bmp": SourceKind.BMP,
    ".gif": SourceKind.GIF,
    ".webp": SourceKind.WEBP,
}


def sniff(head: bytes) -> SourceKind:
    """File type from its first bytes (at least 1 KiB recommended)."""
    if head.startswith(b"\xff\xd8\xff"):
        return SourceKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return SourceKind.PNG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return SourceKind.TIFF
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return SourceKind.JP2
    if head.startswith(b"BM") and len(head) >= 26:
        return SourceKind.BMP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return SourceKind.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return SourceKind.WEBP
    # PDF readers accept the header anywhere in the first KiB (some scanners prepend junk).
    if b"%PDF-" in head[:1024]:
        return SourceKind.PDF
    return SourceKind.UNKNOWN


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, streamed."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@dataclass(frozen=True, slots=True)
class Discovery:
    """Result of walking a source folder.

    Attributes:
        files: distinct scan files, sorted by relpath.
        rejected: files not taken, with reasons.
    """

    files: tuple[SourceFile, ...]
    rejected: tuple[RejectedFile, ...]


def _walk(source: Path, exclude: Path | None) -> Iterator[Path]:
    for root, dirs, names in os.walk(source, followlinks=False):
        root_path = Path(root)
        # Sorted, hidden folders skipped, and never descend into the archive itself when it
        # was placed inside the source folder.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (exclude is None or (root_path / d).resolve() != exclude)
        )
        for name in sorted(names):
            yield root_path / name


def discover(source: Path, *, exclude: Path | None = None) -> Discovery:
    """Walk ``source`` recursively (or take a single file) and identify every scan in it.

    Identity is the SHA-256 of the content: a file copied into two dossiers is recorded once,
    both paths kept. Types come from magic bytes; an extension that lies is noted, and a
    file named like a scan whose content is not one is rejected as a failure.
    """
    source = source.resolve()
    if not source.exists():
        raise InputFileError(source, "không tồn tại; hãy kiểm tra lại đường dẫn thư mục bản quét.")
    exclude = exclude.resolve() if exclude is not None else None
    paths = [source] if source.is_file() else list(_walk(source, exclude))
    base = source.parent if source.is_file() else source

    by_hash: dict[str, list[tuple[Path, str, SourceKind, int, bool]]] = {}
    rejected: list[RejectedFile] = []
    for path in paths:
        rel = path.relative_to(base).as_posix()
        if path.name.startswith(".") or not path.is_file():
            continue
        claimed = SCAN_EXTENSIONS.get(path.suffix.lower())
        try:
            size = path.stat().st_size
            with path.open("rb") as f:
                head = f.read(2048)
        except OSError as e:
            rejected.append(
                RejectedFile(
                    rel,
                    f"Không đọc được tệp {rel} ({e.strerror}); hãy kiểm tra quyền truy cập.",
                    True,
                )
            )
            continue
        if size == 0:
            if claimed is not None:
                rejected.append(
                    RejectedFile(
                        rel, f"Tệp {rel} rỗng (0 byte); hãy quét hoặc sao chép lại tệp này.", True
                    )
                )
            continue
        kind = sniff(head)
        if kind is SourceKind.UNKNOWN:
            if claimed is not None:
                rejected.append(
                    RejectedFile(
                        rel,
                        f"Tệp {rel} có đuôi {path.suffix} nhưng nội dung không phải ảnh quét "
                        "hay PDF; hãy kiểm tra tệp gốc và quét lại.",
                        True,
                    )
                )
            else:
                log.info("ignoring %s: not a scan", rel)
                rejected.append(
                    RejectedFile(rel, f"Bỏ qua {rel}: không phải ảnh quét hay PDF.", False)
                )
            continue
        mismatch = claimed is not None and claimed is not kind
        if mismatch:
            log.warning(
                "%s: extension says %s but content is %s; reading it as %s",
                rel,
                claimed,
                kind,
                kind,
            )
        try:
            digest = sha256_of(path)
        except OSError as e:
            rejected.append(
                RejectedFile(
                    rel, f"Không đọc được tệp {rel} ({e.strerror}); hãy kiểm tra ổ đĩa.", True
                )
            )
            continue
        by_hash.setdefault(digest, []).append((path, rel, kind, size, mismatch))

    files = []
    for digest, copies in by_hash.items():
        path, rel, kind, size, mismatch = copies[0]
        files.append(
            SourceFile(
                path=path,
                relpath=rel,
                sha256=digest,
                size=size,
                kind=kind,
                duplicates=tuple(c[1] for c in copies[1:]),
                extension_mismatch=mismatch,
            )
        )
    files.sort(key=lambda f: f.relpath)
    return Discovery(files=tuple(files), rejected=tuple(rejected))
