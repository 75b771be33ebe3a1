"""Bad input, crashes and kills never cost the batch more than the broken item itself.

Each bad kind becomes one failed item with a Vietnamese reason naming the file, and the
rest of the batch completes; a killed run resumes with nothing lost or duplicated.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from engine_scans import FAST, cer, expected_text, make_scan
from PIL import Image

import digitize
from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode
from digitize.models import State

BIN = Path(sys.executable).parent


def _reasons(result: digitize.BatchResult) -> dict[str, str]:
    return {f.relpath: f.reason for f in result.failures}


@pytest.mark.tesseract
def test_every_kind_of_bad_input_is_reported_and_the_rest_completes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_scan(src / "tot.png", "png")
    pdf = make_scan(src / "goc.pdf", "pdf", [1, 2])
    data = pdf.read_bytes()
    (src / "rong.pdf").write_bytes(b"")
    (src / "cat-cut.pdf").write_bytes(data[:2000])
    with pikepdf.open(pdf) as p:
        p.save(src / "mat-khau.pdf", encryption=pikepdf.Encryption(user="mk", owner="chu"))
    (src / "gia-anh.jpg").write_text("đây là ghi chú, không phải ảnh", "utf-8")
    make_scan(src / "png.tmp", "png", [2]).rename(src / "thuc-ra-png.pdf")  # lies about type
    Image.new("L", (1, 1), 255).save(src / "mot-diem.png")
    Image.new("1", (3000, 3000), 1).save(src / "bom.png")
    (src / "hong.tif").write_bytes(b"II*\x00\x08\x00\x00\x00" + b"\xff" * 64)
    (src / "Thumbs.db").write_bytes(b"\x00\x01")

    result = digitize.digitize_archive(
        src, tmp_path / "kho", {**FAST, "max_image_pixels": 4_000_000}
    )

    reasons = _reasons(result)
    assert set(reasons) == {
        "rong.pdf",
        "cat-cut.pdf",
        "mat-khau.pdf",
        "gia-anh.jpg",
        "mot-diem.png",
        "bom.png",
        "hong.tif",
    }
    assert "rỗng" in reasons["rong.pdf"]
    assert "hỏng" in reasons["cat-cut.pdf"]
    assert "mật khẩu" in reasons["mat-khau.pdf"]
    assert "không phải ảnh quét" in reasons["gia-anh.jpg"]
    assert "quá nhỏ" in reasons["mot-diem.png"]
    assert "bom giải nén" in reasons["bom.png"]
    assert "TIFF" in reasons["hong.tif"]
    for relpath, reason in reasons.items():
        assert relpath.rsplit("/", 1)[-1] in reason, reason
    # Everything good went through, including the PDF-named PNG (types come from content).
    done = {d.relpath for d in result.documents if d.state is State.DONE}
    assert done == {"tot.png", "goc.pdf", "thuc-ra-png.pdf"}
    assert [r.relpath for r in result.rejected if not r.failure] == ["Thumbs.db"]
    with sqlite3.connect(tmp_path / "kho" / "catalog.sqlite") as db:
        logged = {r[0] for r in db.execute("SELECT relpath FROM errors")}
    assert logged == set(reasons)


FAKE_TESSERACT = """#!/bin/sh
case "$1" in --version|--list-langs) exec tesseract "$@";; esac
{action}
"""


def _fake_tesseract(tmp_path: Path, action: str) -> str:
    script = tmp_path / "fake-tesseract"
    script.write_text(FAKE_TESSERACT.format(action=action))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.tesseract
@pytest.mark.parametrize(
    ("action", "words"),
    [("kill -SEGV $$", "tín hiệu 11"), ("sleep 60", "quá thời gian|không xong trang")],
    ids=["crash", "hang"],
)
def test_tesseract_crash_or_hang_fails_the_page_only(
    tmp_path: Path, action: str, words: str
) -> None:
    make_scan(tmp_path / "src" / "a.png", "png")
    make_scan(tmp_path / "src" / "b.tif", "tiff", [1, 2])
    started = time.monotonic()
    result = digitize.digitize_archive(
        tmp_path / "src",
        tmp_path / "kho",
        {**FAST, "tesseract_cmd": _fake_tesseract(tmp_path, action), "page_timeout": 2},
    )
    assert time.monotonic() - started < 30
    assert len(result.failures) == 3
    assert all(any(w in f.reason for w in words.split("|")) for f in result.failures)
    assert {f.page_no for f in result.failures} == {1, 2}


CRASHY_ENGINE = """
import os, signal
from digitize.ocr.tesseract import TesseractEngine

class Crashy(TesseractEngine):
    def recognize(self, image, out_base, **kw):
        if out_base.name.startswith(".p00002."):
            os.kill(os.getpid(), signal.SIGKILL)  # the worker process dies mid-page
        return super().recognize(image, out_base, **kw)

def make():
    return Crashy()
"""


@pytest.mark.tesseract
def test_a_worker_dying_fails_only_its_page_and_the_pool_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin_dir = tmp_path / "plugin"
    plugin_dir.mkdir()
    (plugin_dir / "crashy_engine.py").write_text(CRASHY_ENGINE)
    monkeypatch.syspath_prepend(str(plugin_dir))  # spawned workers inherit sys.path
    make_scan(tmp_path / "src" / "ba-trang.tif", "tiff", [1, 2, 3])
    make_scan(tmp_path / "src" / "mot-trang.png", "png", [1])
    result = digitize.digitize_archive(
        tmp_path / "src", tmp_path / "kho", {**FAST, "engine": "crashy_engine:make"}
    )
    assert [(f.relpath, f.page_no) for f in result.failures] == [("ba-trang.tif", 2)]
    assert "bị dừng đột ngột" in result.failures[0].reason
    tif = next(d for d in result.documents if d.relpath == "ba-trang.tif")
    assert [p.state for p in tif.pages] == [State.DONE, State.FAILED, State.DONE]
    # The document is still assembled from its good pages; the failed one is an empty page.
    pages = tif.outputs["txt"].read_text("utf-8").split("\f")
    assert cer(expected_text(1), pages[0]) < 0.02
    assert pages[1] == ""
    assert cer(expected_text(3), pages[2]) < 0.02
    mot = next(d for d in result.documents if d.relpath == "mot-trang.png")
    assert mot.state is State.DONE


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``: workers are grandchildren (forked by the fork server)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        below = [child for child, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _done_pages(catalog: Path) -> int:
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(catalog, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM pages WHERE state='done'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.tesseract
@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_a_killed_run_resumes_redoing_only_unfinished_pages(tmp_path: Path, sig: int) -> None:
    """Really kill the CLI mid-batch, then rerun the same command: no page lost or doubled."""
    src = tmp_path / "src"
    make_scan(src / "dai.tif", "tiff", list(range(1, 9)))
    make_scan(src / "ngan.png", "png", [1])
    kho = tmp_path / "kho"
    argv = [str(BIN / "digitize"), "run", str(src), "--out", str(kho), "--jobs", "1"]
    argv += ["--no-preprocess", "--no-progress"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _done_pages(kho / "catalog.sqlite") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _descendants(proc.pid)
    # The fork server, the resource tracker, one worker and its Tesseract (or a moment
    # between two pages without it).
    assert len(workers) >= 3, "the run should have started its worker processes"
    proc.send_signal(sig)
    code = proc.wait(30)
    proc.communicate()
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else ExitCode.INTERRUPTED)
    # No orphans: the workers die with the driver.
    limit = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < limit:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]

    before = _done_pages(kho / "catalog.sqlite")
    assert 2 <= before < 9
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        done_before = set(
            db.execute("SELECT doc_id, page_no, updated FROM pages WHERE state = 'done'")
        )

    assert digitize_main(argv[1:]) == ExitCode.OK
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        rows = list(db.execute("SELECT doc_id, page_no, state, attempts FROM pages"))
        pages_in_last_run = db.execute(
            "SELECT pages FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
        still = set(db.execute("SELECT doc_id, page_no, updated FROM pages WHERE run_id = 1"))
        outputs = db.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM outputs").fetchone()
    assert len(rows) == 9
    assert {r[2] for r in rows} == {"done"}
    assert all(r[3] == 1 for r in rows), "no page was processed twice"
    assert pages_in_last_run == 9 - before
    assert done_before <= still  # pages finished before the kill were not touched again
    assert outputs == (8, 8)
    result = digitize.archive_status(kho)
    tif = next(d for d in result.documents if d.relpath == "dai.tif")
    pages = tif.outputs["txt"].read_text("utf-8").split("\f")
    assert len(pages) == 8
    assert all(cer(expected_text(n), t) < 0.02 for n, t in enumerate(pages, 1))
    assert digitize.verify_archive(kho).ok


def test_a_second_run_on_a_busy_archive_is_refused(tmp_path: Path) -> None:
    import fcntl

    kho = tmp_path / "kho"
    kho.mkdir()
    with (kho / ".lock").open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        make_scan(tmp_path / "src" / "a.png", "png")
        code = digitize_main(["run", str(tmp_path / "src"), "--out", str(kho), "--no-progress"])
    assert code == ExitCode.ARCHIVE_INVALID


def test_os_allows_signals_we_rely_on() -> None:
    assert hasattr(os, "killpg") and hasattr(signal, "SIGKILL")
