"""``graders check``: prove that a course is safe to release, assignment by assignment.

For every assignment: the nbgrader metadata and course conventions hold; the source passes
all its tests (in-process Validator, not the CLI's exit code); the generated release fails
every autograded test when submitted as is; no solution text or hidden test appears anywhere
in the release or in the feedback generated for that submission; the jupytext twins are in
sync; grade_ids recorded in the course gradebook still exist. Every problem is reported,
not just the first.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import nbformat

from graders.cells import (
    HIDDEN_MARK,
    SOLUTION_MARK,
    RegionError,
    is_autograded_test,
    nbgrader_meta,
    significant_lines,
    split_regions,
)
from graders.course import Assignment, Course, ensure_tools_on_path, nbgrader_api
from graders.limits import GradingLimits
from graders.metadata import exercise_problems, metadata_problems, region_problems

log = logging.getLogger(__name__)

RELEASE_STUDENT = "kiem-tra-ban-phat-hanh"


class Check(StrEnum):
    """The checks run on each assignment, in order."""

    METADATA = "metadata"
    HIDDEN_TESTS = "hidden-tests"
    JUPYTEXT = "jupytext-sync"
    STABLE_IDS = "stable-ids"
    SOURCE_PASSES = "source-passes"
    RELEASE = "release-generated"
    NO_LEAK = "no-leak"
    RELEASE_FAILS = "release-fails"
    FEEDBACK_CLEAN = "feedback-clean"


LABELS: dict[Check, str] = {
    Check.METADATA: "siêu dữ liệu nbgrader hợp lệ",
    Check.HIDDEN_TESTS: "mỗi bài tập có kiểm thử ẩn",
    Check.JUPYTEXT: "bản .py (jupytext) khớp với notebook",
    Check.STABLE_IDS: "grade_id đã phát hành vẫn còn",
    Check.SOURCE_PASSES: "bản gốc vượt qua mọi kiểm thử",
    Check.RELEASE: "tạo được bản phát hành",
    Check.NO_LEAK: "bản phát hành không lộ lời giải hay kiểm thử ẩn",
    Check.RELEASE_FAILS: "bản phát hành (chưa làm) trượt mọi kiểm thử tự động",
    Check.FEEDBACK_CLEAN: "phản hồi không lộ kiểm thử ẩn hay lời giải",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason an assignment is not safe to release.

    Attributes:
        check: which check found it.
        message: what is wrong and where, in Vietnamese, for the course author.
        notebook: the notebook file name, when the problem is inside one.
    """

    check: Check
    message: str
    notebook: str | None = None

    def __str__(self) -> str:
        where = f"{self.notebook}: " if self.notebook else ""
        return f"[{self.check}] {where}{self.message}"


@dataclass(frozen=True, slots=True)
class AssignmentReport:
    """The outcome of every check on one assignment.

    Attributes:
        course: the course id.
        assignment: the assignment id.
        checks: the checks that ran (later ones are skipped when earlier ones fail).
        problems: everything that is wrong; empty when the assignment is safe to release.
    """

    course: str
    assignment: str
    checks: tuple[Check, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def failed(self, check: Check) -> bool:
        """Whether ``check`` found a problem."""
        return any(p.check is check for p in self.problems)

    def format(self) -> str:
        """A human-readable block for the CLI."""
        static_only = self.ok and Check.SOURCE_PASSES not in self.checks
        verdict = "ĐẠT" if self.ok else f"KHÔNG ĐẠT ({len(self.problems)} lỗi)"
        if static_only:
            verdict += " (chỉ kiểm tra tĩnh, chưa chạy notebook)"
        lines = [f"{self.course}/{self.assignment}: {verdict}"]
        for check in self.checks:
            mark = "✗" if self.failed(check) else "✓"
            lines.append(f"  {mark} {LABELS[check]}")
            lines.extend(f"      - {p}" for p in self.problems if p.check is check)
        skipped = [c for c in Check if c not in self.checks]
        if skipped and not static_only:
            lines.append("  (chưa chạy: " + ", ".join(LABELS[c] for c in skipped) + ")")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class CourseReport:
    """The reports of every checked assignment of a course."""

    course: str
    assignments: tuple[AssignmentReport, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems and all(a.ok for a in self.assignments)

    def format(self) -> str:
        blocks = [a.format() for a in self.assignments]
        blocks += [f"{self.course}: KHÔNG ĐẠT — {p}" for p in self.problems]
        return "\n".join(blocks)


@dataclass(frozen=True, slots=True)
class Secrets:
    """Text that must never reach a trainee before grading.

    Attributes:
        solution: significant lines of solution regions (and of solution cells without one).
        hidden: significant lines of hidden-test regions.
    """

    solution: frozenset[str]
    hidden: frozenset[str]


def collect_secrets(notebooks: Iterable[Mapping[str, Any]]) -> Secrets:
    """The solution and hidden-test lines of the source notebooks."""
    solution: set[str] = set()
    hidden: set[str] = set()
    public: set[str] = set()
    for nb in notebooks:
        for cell in nb.get("cells", []):
            source = "".join(cell.get("source", ""))
            meta = nbgrader_meta(cell)
            try:
                sol = split_regions(source, SOLUTION_MARK)
                hid = split_regions(source, HIDDEN_MARK)
            except RegionError:
                continue  # reported by the metadata check
            if meta.get("solution"):
                solution |= significant_lines(sol.inside if sol.regions else sol.outside)
            hidden |= significant_lines(hid.inside)
            if cell.get("cell_type") == "code" and not meta.get("solution"):
                public |= significant_lines(hid.outside)
    # Hidden tests share boilerplate with visible ones (``what="số host",``); a line the
    # trainee sees in a visible code cell anyway is no secret. Solutions get no such pass:
    # a solution line repeated anywhere in the release is a leak.
    return Secrets(frozenset(solution), frozenset(hidden - public))


def visible_text(path: Path) -> str:
    """The text a reader of ``path`` sees, whitespace-collapsed (notebooks, HTML, text)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        nb = nbformat.reads(raw, as_version=4)  # type: ignore[no-untyped-call]
        parts = []
        for cell in nb.cells:
            parts.append(cell.source)
            for output in cell.get("outputs", []):
                parts.append(str(output.get("text", "")))
                parts.append(str(output.get("evalue", "")))
                parts.extend(map(str, output.get("traceback", [])))
                parts.extend(str(v) for v in output.get("data", {}).values())
        raw = "\n".join(parts)
    elif path.suffix in {".html", ".htm"}:
        raw = html.unescape(re.sub(r"<[^>]*>", "", raw))
    return " ".join(raw.split())


def find_leaks(files: Iterable[Path], secrets: Secrets, *, solutions: bool = True) -> list[str]:
    """Messages naming each file that shows a secret line or a region delimiter."""
    found = []
    for path in files:
        text = visible_text(path)
        leaked: list[str] = []
        for marker in (*HIDDEN_MARK, *SOLUTION_MARK):
            if marker in text:
                leaked.append(f"dấu {marker!r}")
        leaked += [f"kiểm thử ẩn «{line}»" for line in sorted(secrets.hidden) if line in text]
        if solutions:
            leaked += [f"lời giải «{line}»" for line in sorted(secrets.solution) if line in text]
        if leaked:
            shown = "; ".join(leaked[:3]) + (
                f" và {len(leaked) - 3} dòng khác" if len(leaked) > 3 else ""
            )
            found.append(f"{path.name} lộ {shown}")
    return found


def _text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _comparable(nb: Any) -> list[tuple[str, str, Any]]:
    return [
        (c.cell_type, c.source.strip(), c.get("metadata", {}).get("nbgrader")) for c in nb.cells
    ]


def jupytext_problem(assignment: Assignment, notebook: Path) -> str | None:
    """Why the py:percent twin of ``notebook`` is missing or differs from it, or None.

    Cells are compared by type, source and nbgrader metadata, so key order and
    formatting details of either file do not matter.
    """
    import jupytext

    twin = assignment.py_twin(notebook)
    if not twin.is_file():
        return f"thiếu bản py:percent {twin}; chạy: jupytext --sync {notebook}"
    ours = _comparable(jupytext.read(notebook))
    theirs = _comparable(jupytext.read(twin, fmt="py:percent"))
    if ours != theirs:
        differ = next(
            (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
            min(len(ours), len(theirs)),
        )
        return (
            f"{twin.name} lệch với notebook từ ô số {differ + 1}; sửa một bên rồi chạy: "
            f"jupytext --sync {notebook}"
        )
    return None


def released_id_problems(course: Course, assignment: Assignment) -> list[Problem]:
    """grade_ids recorded in the course's gradebook that disappeared from the source."""
    db = course.root / "gradebook.db"
    if not db.is_file():
        return []
    from nbgrader.api import Gradebook, MissingEntry

    ensure_tools_on_path()
    problems = []
    with Gradebook(f"sqlite:///{db}", course.name) as gb:
        try:
            recorded = gb.find_assignment(assignment.name)
        except MissingEntry:
            return []
        for notebook in recorded.notebooks:
            path = assignment.source_dir / f"{notebook.name}.ipynb"
            current = set()
            if path.is_file():
                nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
                current = {nbgrader_meta(c).get("grade_id") for c in nb.cells}
            for cell in notebook.grade_cells:
                if cell.name not in current:
                    problems.append(
                        Problem(
                            Check.STABLE_IDS,
                            f"grade_id {cell.name!r} đã có trong sổ điểm nhưng không còn trong "
                            "bản gốc; đừng đổi tên ô chấm điểm đã phát hành (nếu bài chưa phát "
                            "hành cho học viên, xóa gradebook.db của khóa rồi kiểm tra lại)",
                            f"{notebook.name}.ipynb",
                        )
                    )
    return problems


def _static_checks(
    course: Course, assignment: Assignment, sources: dict[str, Any]
) -> list[Problem]:
    problems: list[Problem] = []
    for name, nb in sources.items():
        problems += [Problem(Check.METADATA, m, name) for m in metadata_problems(nb)]
        problems += [Problem(Check.METADATA, m, name) for m in region_problems(nb)]
        problems += [Problem(Check.HIDDEN_TESTS, m, name) for m in exercise_problems(nb)]
        if not any(is_autograded_test(c) for c in nb.get("cells", [])):
            problems.append(Problem(Check.HIDDEN_TESTS, "không có ô kiểm thử tự động nào", name))
        message = jupytext_problem(assignment, assignment.source_dir / name)
        if message:
            problems.append(Problem(Check.JUPYTEXT, message, name))
    problems += released_id_problems(course, assignment)
    return problems


def _source_passes(
    config: Any, notebooks: Sequence[Path], sources: Mapping[str, Any]
) -> list[Problem]:
    from nbconvert.filters import strip_ansi
    from nbgrader.preprocessors import CheckCellMetadata, ClearOutput
    from nbgrader.validator import Validator

    from graders.preprocessors import GradingExecute

    problems = []
    for path in notebooks:
        validator = Validator(
            config=config, preprocessors=[CheckCellMetadata, ClearOutput, GradingExecute]
        )
        try:
            results = validator.validate(str(path))
        except Exception as error:  # nbgrader raises on invalid metadata and kernel failures
            problems.append(Problem(Check.SOURCE_PASSES, f"không chạy được: {error}", path.name))
            continue
        # The Validator reports cells by source; name them by grade_id instead.
        ids = {
            c.source.strip(): nbgrader_meta(c).get("grade_id")
            for c in sources[path.name].cells
            if nbgrader_meta(c)
        }
        for key in ("failed", "changed", "type_changed"):
            for entry in results.get(key, []):
                source = entry.get("source", "").strip()
                first = source.splitlines()[:1]
                label = ids.get(source) or f"«{first[0] if first else ''}»"
                raw = strip_ansi(entry.get("raw_error", ""))  # type: ignore[no-untyped-call]
                error_lines = raw.strip().splitlines()[-1:]
                problems.append(
                    Problem(
                        Check.SOURCE_PASSES,
                        f"ô {label} trượt: {error_lines[0] if error_lines else key}",
                        path.name,
                    )
                )
    return problems


def check_assignment(
    course: Course,
    assignment: Assignment,
    *,
    workdir: Path,
    limits: GradingLimits | None = None,
    execute: bool = True,
) -> AssignmentReport:
    """Run every check on one assignment, using ``workdir`` as a scratch copy of the course.

    With ``execute=False`` only the static checks run (metadata, hidden tests, jupytext,
    grade_ids): seconds for a whole course, but nothing proves the tests pass or fail.
    """
    from nbgrader.api import Gradebook

    ran: list[Check] = [Check.METADATA, Check.HIDDEN_TESTS, Check.JUPYTEXT, Check.STABLE_IDS]
    notebooks = assignment.notebooks
    sources = {
        p.name: nbformat.read(p, as_version=4)  # type: ignore[no-untyped-call]
        for p in notebooks
    }
    problems = _static_checks(course, assignment, sources)
    if not notebooks:
        problems.append(Problem(Check.METADATA, f"{assignment.source_dir} không có notebook nào"))

    def report() -> AssignmentReport:
        return AssignmentReport(course.name, assignment.name, tuple(ran), tuple(problems))

    if not execute or any(p.check is Check.METADATA for p in problems):
        # nbgrader itself would reject or silently mangle notebooks with bad metadata.
        return report()

    scratch = workdir / course.name
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(assignment.source_dir, scratch / "source" / assignment.name)
    config = course.config(root=scratch, limits=limits)
    secrets = collect_secrets(sources.values())

    ran.append(Check.SOURCE_PASSES)
    problems += _source_passes(
        config, sorted((scratch / "source" / assignment.name).glob("*.ipynb")), sources
    )

    ran.append(Check.RELEASE)
    api = nbgrader_api(config)
    generated = api.generate_assignment(assignment.name)
    release = scratch / "release" / assignment.name
    if not generated["success"]:
        problems.append(
            Problem(Check.RELEASE, _last_lines(generated.get("error") or generated["log"]))
        )
        return report()

    ran.append(Check.NO_LEAK)
    problems += [Problem(Check.NO_LEAK, m) for m in find_leaks(_text_files(release), secrets)]

    ran.append(Check.RELEASE_FAILS)
    submitted = scratch / "submitted" / RELEASE_STUDENT / assignment.name
    shutil.copytree(release, submitted)
    graded = api.autograde(assignment.name, RELEASE_STUDENT)
    if not graded["success"]:
        problems.append(
            Problem(
                Check.RELEASE_FAILS,
                "không chấm được bản phát hành: "
                + _last_lines(graded.get("error") or graded["log"]),
            )
        )
        return report()
    tests = {
        (Path(name).stem, nbgrader_meta(c)["grade_id"])
        for name, nb in sources.items()
        for c in nb.cells
        if is_autograded_test(c)
    }
    with Gradebook(config.CourseDirectory.db_url, course.name) as gb:
        submission = gb.find_submission(assignment.name, RELEASE_STUDENT)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if (notebook.name, grade.name) in tests and (grade.auto_score or 0) > 0:
                    problems.append(
                        Problem(
                            Check.RELEASE_FAILS,
                            f"ô kiểm thử {grade.name!r} cho {grade.auto_score:g}/"
                            f"{grade.max_score:g} điểm dù học viên chưa làm gì",
                            f"{notebook.name}.ipynb",
                        )
                    )

    ran.append(Check.FEEDBACK_CLEAN)
    feedback = api.generate_feedback(assignment.name, RELEASE_STUDENT)
    if not feedback["success"]:
        problems.append(
            Problem(
                Check.FEEDBACK_CLEAN,
                "không tạo được phản hồi: " + _last_lines(feedback.get("error") or feedback["log"]),
            )
        )
        return report()
    feedback_dir = scratch / "feedback" / RELEASE_STUDENT / assignment.name
    problems += [
        Problem(Check.FEEDBACK_CLEAN, m) for m in find_leaks(_text_files(feedback_dir), secrets)
    ]
    return report()


def _last_lines(text: str, n: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-n:])


def check_course(
    course: Course,
    assignments: Sequence[str] | None = None,
    *,
    limits: GradingLimits | None = None,
    workdir: Path | None = None,
    execute: bool = True,
) -> CourseReport:
    """Check the named assignments of ``course`` (all of them by default)."""
    chosen = [course.assignment(a) for a in assignments] if assignments else course.assignments
    problems = []
    if not chosen:
        problems.append(Problem(Check.METADATA, "khóa học chưa có bài nào trong source/"))
    if not (course.root / "README.md").is_file():
        problems.append(Problem(Check.METADATA, "khóa học thiếu README.md (đề cương)"))
    with tempfile.TemporaryDirectory(prefix="graders-check-") as tmp:
        base = workdir or Path(tmp)
        reports = []
        for assignment in chosen:
            log.info("Checking %s/%s", course.name, assignment.name)
            reports.append(
                check_assignment(course, assignment, workdir=base, limits=limits, execute=execute)
            )
    return CourseReport(course.name, tuple(reports), tuple(problems))
