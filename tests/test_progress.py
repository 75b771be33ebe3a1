"""The CLI progress bar shows what an archivist watches: pages per minute, failures, ETA."""

from __future__ import annotations

import io
import time

from digitize.progress import NullProgress, Progress, TqdmProgress


def test_bar_reports_pages_per_minute_and_failures() -> None:
    out = io.StringIO()
    bar = TqdmProgress(file=out, disable=False)
    bar.start(4, "Số hóa")
    time.sleep(0.05)
    bar.advance()
    bar.advance(failed=1)
    bar.finish()
    text = out.getvalue()
    assert "trang/phút" in text
    assert "lỗi: 1" in text
    assert "2/4" in text


def test_bar_without_failures_does_not_mention_them() -> None:
    out = io.StringIO()
    bar = TqdmProgress(file=out, disable=False)
    bar.start(1, "Số hóa")
    time.sleep(0.01)
    bar.advance()
    bar.finish()
    assert "lỗi" not in out.getvalue()


def test_both_adapters_satisfy_the_protocol() -> None:
    assert isinstance(NullProgress(), Progress)
    assert isinstance(TqdmProgress(), Progress)
