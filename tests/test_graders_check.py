"""`graders check` passes a sound course and fails each kind of broken one.

Broken courses are built in tmp dirs from cells made by one factory, ``make_cell``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config
from nbformat.notebooknode import NotebookNode

from graders.check import Check, CourseReport, check_course
from graders.cli import main as graders_main
from graders.course import Course
from graders.preprocessors import HIDDEN_FAILED, HideHiddenTests

ROOT = Path(__file__).resolve().parents[1]
DROP = object()  # make_cell(..., key=DROP) removes an nbgrader key

_ROLES = {
    "markdown": None,
    "code": None,
    "answer": {"grade": False, "solution": True, "locked": False},
    "test": {"grade": True, "solution": False, "locked": True},
    "manual": {"grade": True, "solution": True, "locked": False},
}


def make_cell(kind: str, source: str, grade_id: str | None = None, **meta: Any) -> NotebookNode:
    """One notebook cell: ``kind`` is markdown, code, answer, test or manual.

    nbgrader roles get complete schema-3 metadata; ``meta`` overrides keys (``DROP`` deletes).
    """
    markdown = kind == "markdown" or (kind == "manual" and meta.pop("markdown", True))
    cell = nbformat.v4.new_markdown_cell(source) if markdown else nbformat.v4.new_code_cell(source)
    role = _ROLES[kind]
    if role is not None:
        nbg: dict[str, Any] = {**role, "schema_version": 3, "grade_id": grade_id}
        if role["grade"]:
            nbg["points"] = 1
        for key, value in meta.items():
            if value is DROP:
                nbg.pop(key, None)
            else:
                nbg[key] = value
        cell.metadata["nbgrader"] = nbg
    return cell


ANSWER = (
    "def gap_doi(gia_tri_dau_vao):\n"
    "    ### BEGIN SOLUTION\n    return gia_tri_dau_vao * 2\n    ### END SOLUTION"
)
VISIBLE = (
    "from graders.asserts import check_cases\n\ncheck_cases(gap_doi, [((2,), 4)], what='gấp đôi')"
)
HIDDEN = (
    "# Kiểm thử ẩn.\nfrom graders.asserts import check_cases\n\n### BEGIN HIDDEN TESTS\n"
    "check_cases(gap_doi, [((21,), 42), ((-3,), -6)], what='gấp đôi')\n### END HIDDEN TESTS"
)


def sound_cells() -> list[NotebookNode]:
    return [
        make_cell("markdown", "# Bài thử\n\nViết hàm `gap_doi`."),
        make_cell("answer", ANSWER, "gap-doi"),
        make_cell("test", VISIBLE, "gap-doi-kiem-tra"),
        make_cell("test", HIDDEN, "gap-doi-an", points=2),
        make_cell(
            "manual", "### BEGIN SOLUTION\nMột câu trả lời mẫu.\n### END SOLUTION", "suy-ngam"
        ),
    ]


def make_course(tmp_path: Path, cells: list[NotebookNode], name: str = "khoa-thu") -> Course:
    """A course with one assignment ``bai-1`` holding one notebook made of ``cells``."""
    root = tmp_path / "courses" / name
    source = root / "source" / "bai-1"
    source.mkdir(parents=True)
    shutil.copy(ROOT / "jupytext.toml", tmp_path / "courses" / "jupytext.toml")
    shutil.copy(ROOT / "courses" / "network-admin" / "nbgrader_config.py", root)
    (root / "README.md").write_text("# Khóa thử\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = source / "bai.ipynb"
    nbformat.write(nb, path)
    twin = root / "py" / "bai-1" / "bai.py"
    twin.parent.mkdir(parents=True)
    config = load_jupytext_config(str(path))
    twin.write_text(jupytext.writes(nb, fmt="py:percent", config=config), encoding="utf-8")
    return Course(root)


def messages(report: CourseReport, check: Check) -> list[str]:
    return [p.message for a in report.assignments for p in a.problems if p.check is check]


@pytest.mark.nbgrader
def test_a_sound_course_passes_every_check(tmp_path: Path) -> None:
    report = check_course(make_course(tmp_path, sound_cells()))
    assert report.ok, report.format()
    assert set(report.assignments[0].checks) == set(Check)


@pytest.mark.nbgrader
def test_check_fails_when_the_release_shows_a_solution(tmp_path: Path) -> None:
    cells = sound_cells()
    cells.insert(1, make_cell("markdown", "Gợi ý: `return gia_tri_dau_vao * 2`"))
    course = make_course(tmp_path, cells)
    # A jupytext twin paired inside source/ is copied into the release, solutions included.
    twin = course.root / "py" / "bai-1" / "bai.py"
    shutil.copy(twin, course.root / "source" / "bai-1" / "bai.py")
    report = check_course(course)
    leaks = messages(report, Check.NO_LEAK)
    assert any(m.startswith("bai.ipynb lộ lời giải «return gia_tri_dau_vao * 2»") for m in leaks)
    assert any(m.startswith("bai.py lộ dấu 'BEGIN HIDDEN TESTS'") for m in leaks), leaks


@pytest.mark.nbgrader
def test_check_fails_when_the_release_passes_its_tests(tmp_path: Path) -> None:
    cells = sound_cells()
    # The working code sits outside the solution region, so the release still has it.
    cells[1] = make_cell(
        "answer",
        "def gap_doi(gia_tri_dau_vao):\n    return gia_tri_dau_vao * 2\n\n\n"
        "### BEGIN SOLUTION\npass\n### END SOLUTION",
        "gap-doi",
    )
    report = check_course(make_course(tmp_path, cells))
    failing = messages(report, Check.RELEASE_FAILS)
    assert any("'gap-doi-kiem-tra'" in m for m in failing), report.format()
    assert any("'gap-doi-an'" in m for m in failing)


def test_check_fails_when_an_exercise_has_no_hidden_test(tmp_path: Path) -> None:
    cells = [
        c for c in sound_cells() if c.metadata.get("nbgrader", {}).get("grade_id") != "gap-doi-an"
    ]
    report = check_course(make_course(tmp_path, cells), execute=False)
    assert not report.ok
    assert messages(report, Check.HIDDEN_TESTS) == [
        "bài tập ở ô 'gap-doi' không có kiểm thử ẩn (### BEGIN HIDDEN TESTS)"
    ]


@pytest.mark.parametrize(
    ("index", "change", "expected"),
    [
        (2, {"grade_id": "Gap_Doi"}, "kebab-case"),
        (2, {"grade_id": "cell-8f3a2b1c9d0e4f5a"}, "sinh ngẫu nhiên"),
        (2, {"grade_id": "gap-doi"}, "trùng"),
        (2, {"schema_version": 2}, "schema_version phải là 3"),
        (2, {"points": DROP}, "points là số dương"),
        (2, {"points": 0}, "points là số dương"),
        (2, {"locked": DROP}, "thiếu khóa nbgrader locked"),
        (2, {"locked": False}, "phải khóa"),
        (2, {"point": 1}, "khóa nbgrader lạ point"),
        (1, {"solution": "yes"}, "true/false"),
    ],
)
def test_check_fails_on_invalid_metadata_before_running_nbgrader(
    tmp_path: Path, index: int, change: dict[str, Any], expected: str
) -> None:
    cells = sound_cells()
    kind = "test" if index == 2 else "answer"
    grade_id = change.pop("grade_id", cells[index].metadata["nbgrader"]["grade_id"])
    cells[index] = make_cell(kind, cells[index].source, grade_id, **change)
    report = check_course(make_course(tmp_path, cells))
    assert any(expected in m for m in messages(report, Check.METADATA)), report.format()
    assert Check.SOURCE_PASSES not in report.assignments[0].checks


def test_check_fails_when_the_jupytext_twin_is_stale(tmp_path: Path) -> None:
    course = make_course(tmp_path, sound_cells())
    twin = course.root / "py" / "bai-1" / "bai.py"
    edited = twin.read_text(encoding="utf-8").replace("* 2", "* 3")
    twin.write_text(edited, encoding="utf-8")
    report = check_course(course, execute=False)
    assert any("lệch với notebook" in m for m in messages(report, Check.JUPYTEXT))


def test_hidden_tests_and_their_tracebacks_never_reach_feedback() -> None:
    cell = make_cell("test", HIDDEN, "gap-doi-an")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="thử gap_doi(21)"),
        nbformat.v4.new_output(
            "error",
            ename="GradingFailure",
            evalue="Sai gấp đôi với đầu vào gap_doi(21): cần 42",
            traceback=["check_cases(gap_doi, [((21,), 42), ((-3,), -6)], what='gấp đôi')"],
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    cleaned, _ = HideHiddenTests().preprocess(nb, {})
    shown = nbformat.writes(cleaned)
    assert "21" not in shown and "BEGIN HIDDEN" not in shown
    assert cleaned.cells[0].outputs[0].evalue == HIDDEN_FAILED
    assert "from graders.asserts import check_cases" in cleaned.cells[0].source


def test_cli_check_exits_nonzero_and_reports_per_assignment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = sound_cells()[:3]  # no hidden test
    course = make_course(tmp_path, cells)
    assert graders_main(["check", "--static", str(course.root)]) == 1
    out = capsys.readouterr().out
    assert "khoa-thu/bai-1: KHÔNG ĐẠT" in out and "✗ mỗi bài tập có kiểm thử ẩn" in out


@pytest.mark.nbgrader
def test_check_fails_when_a_released_grade_id_was_renamed(tmp_path: Path) -> None:
    from nbgrader.api import Gradebook

    from graders.course import ensure_tools_on_path

    course = make_course(tmp_path, sound_cells())
    ensure_tools_on_path()
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", course.name) as gb:
        gb.add_assignment("bai-1")
        gb.add_notebook("bai", "bai-1")
        gb.add_grade_cell("gap-doi-kiem-tra", "bai", "bai-1", max_score=1, cell_type="code")
        gb.add_grade_cell("gap-doi-cu", "bai", "bai-1", max_score=1, cell_type="code")
    report = check_course(course, execute=False)
    assert messages(report, Check.STABLE_IDS) == [
        "grade_id 'gap-doi-cu' đã có trong sổ điểm nhưng không còn trong bản gốc; "
        "đừng đổi tên ô chấm điểm đã phát hành (nếu bài chưa phát hành cho học viên, xóa "
        "gradebook.db của khóa rồi kiểm tra lại)"
    ]


@pytest.mark.nbgrader
def test_check_fails_when_the_source_fails_its_own_hidden_test(tmp_path: Path) -> None:
    cells = sound_cells()
    cells[3] = make_cell("test", HIDDEN.replace("((-3,), -6)", "((-3,), 6)"), "gap-doi-an")
    report = check_course(make_course(tmp_path, cells))
    failing = messages(report, Check.SOURCE_PASSES)
    assert len(failing) == 1 and failing[0].startswith("ô gap-doi-an trượt: GradingFailure: Sai")
