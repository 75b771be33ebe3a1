"""A catalog that cannot be opened says why: damaged, or busy with another process's write
(which is not damage, and is fixed by waiting)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from digitize import catalog as catalog_module
from digitize.catalog import CATALOG_NAME, Catalog
from digitize.exceptions import ArchiveError


def test_a_file_that_is_not_sqlite_is_reported_as_damaged(tmp_path: Path) -> None:
    (tmp_path / CATALOG_NAME).write_bytes(b"day khong phai SQLite " * 100)
    with pytest.raises(ArchiveError, match="bị hỏng hoặc không phải SQLite"):
        Catalog(tmp_path)


def test_a_catalog_another_process_is_writing_is_reported_as_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Catalog(tmp_path).close()
    monkeypatch.setattr(catalog_module, "BUSY_TIMEOUT_S", 0.2)
    writer = sqlite3.connect(tmp_path / CATALOG_NAME, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ArchiveError) as raised:
            Catalog(tmp_path)
        message = str(raised.value)
        assert "đang được một tiến trình khác ghi" in message
        assert "chờ lệnh đó xong rồi chạy lại" in message
        assert "hỏng" not in message
        # Readers are not blocked by the writer.
        with Catalog(tmp_path, read_only=True) as reader:
            assert reader.db.execute("SELECT COUNT(*) FROM meta").fetchone()[0] >= 1
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    Catalog(tmp_path).close()  # free again once the writer is done
