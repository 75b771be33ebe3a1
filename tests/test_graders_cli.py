"""The graders CLI only parses, calls the library and maps results and errors to exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import graders.autograde
import graders.feedback
from graders.autograde import CellScore, SubmissionResult
from graders.check import Secrets
from graders.cli import main
from graders.course import Course
from graders.exceptions import ExitCode
from graders.feedback import FeedbackLeakError, generate_feedback


def _result(student: str, score: float, *, success: bool = True) -> SubmissionResult:
    cells = (
        CellScore("bai", "a-kiem-tra", True, score, 2.0),
        CellScore("bai", "suy-ngam", False, None, 3.0),
    )
    return SubmissionResult(student, "01-dia-chi-ip", success, cells if success else (), "lỗi")


def test_autograde_passes_its_arguments_and_prints_scores(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def fake(course: Course, assignment: str, **kwargs: Any) -> list[SubmissionResult]:
        seen.update(course=course.name, assignment=assignment, **kwargs)
        return [_result("an", 2.0), _result("binh", 0.0)]

    monkeypatch.setattr(graders.autograde, "autograde", fake)
    argv = ["autograde", "network-admin", "01-dia-chi-ip", "--submissions", str(tmp_path)]
    code = main([*argv, "-s", "an", "--timeout", "7"])
    assert code == ExitCode.OK
    assert seen["course"] == "network-admin" and seen["assignment"] == "01-dia-chi-ip"
    assert seen["submissions"] == tmp_path and seen["students"] == ["an"]
    assert seen["limits"].cell_timeout_s == 7
    out = capsys.readouterr().out
    assert "an: 2/2 điểm tự động; ô kiểm thử chưa đạt: không; chờ chấm tay: suy-ngam" in out
    assert "binh: 0/2 điểm tự động; ô kiểm thử chưa đạt: a-kiem-tra" in out


def test_autograde_exits_nonzero_when_a_submission_could_not_be_graded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        graders.autograde, "autograde", lambda *a, **k: [_result("an", 0, success=False)]
    )
    assert main(["autograde", "network-admin", "01-dia-chi-ip"]) == ExitCode.NBGRADER_FAILED
    assert "an: KHÔNG CHẤM ĐƯỢC" in capsys.readouterr().out


def test_unknown_course_or_assignment_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "khong-co-khoa-nay"]) == ExitCode.NOT_FOUND
    assert "Không tìm thấy khóa học 'khong-co-khoa-nay'" in capsys.readouterr().err
    assert main(["autograde", "network-admin", "99-khong-co"]) == ExitCode.NOT_FOUND
    assert "không có bài '99-khong-co'" in capsys.readouterr().err


class _FakeApi:
    def generate_feedback(self, assignment: str, student: str | None) -> dict[str, Any]:
        return {"success": True, "log": ""}


def test_feedback_that_shows_a_hidden_test_is_deleted_and_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    course = Course.find("network-admin")
    root = tmp_path / course.name
    folder = root / "feedback" / "an" / "01-dia-chi-ip"
    folder.mkdir(parents=True)
    leaking = folder / "dia-chi-ip.html"
    hidden = "check_cases(mang_ipv6_thu, [((&quot;2001:db8::/48&quot;, 5), &quot;x&quot;)])"
    leaking.write_text(f"<pre><span>{hidden}</span></pre>", encoding="utf-8")
    clean = root / "feedback" / "binh" / "01-dia-chi-ip" / "dia-chi-ip.html"
    clean.parent.mkdir(parents=True)
    clean.write_text("<p>Bài làm tốt.</p>", encoding="utf-8")
    secret = 'check_cases(mang_ipv6_thu, [(("2001:db8::/48", 5), "x")])'
    monkeypatch.setattr(graders.feedback, "nbgrader_api", lambda config: _FakeApi())
    monkeypatch.setattr(
        graders.feedback,
        "assignment_secrets",
        lambda course, assignment: Secrets(frozenset(), frozenset({secret})),
    )
    with pytest.raises(FeedbackLeakError, match="lộ kiểm thử ẩn"):
        generate_feedback(course, "01-dia-chi-ip", workdir=tmp_path)
    assert not leaking.exists() and clean.exists()
