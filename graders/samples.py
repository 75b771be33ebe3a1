"""Build sample submissions of an assignment from its source and release notebooks.

Instructors and the course tests use samples (the model answers, typical mistakes, the
untouched release) to prove that grading scores what it should; each course's
``samples/make_samples.py`` says which mistakes, this module does the notebook work.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from graders.cells import SOLUTION_MARK, nbgrader_meta
from graders.course import Course, nbgrader_api


def solution_of(cell: nbformat.NotebookNode) -> str:
    """The source cell with its solution delimiters removed (the model answer)."""
    begin, end = SOLUTION_MARK
    return "\n".join(
        line for line in cell.source.split("\n") if begin not in line and end not in line
    )


def release_and_source(
    course: Course, assignment: str
) -> tuple[dict[str, nbformat.NotebookNode], dict[str, dict[str, nbformat.NotebookNode]]]:
    """The released notebooks and, per notebook, the source cells by grade_id."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        shutil.copytree(course.root / "source" / assignment, root / "source" / assignment)
        result = nbgrader_api(course.config(root=root)).generate_assignment(assignment)
        assert result["success"], result.get("error")
        releases = {
            p.name: nbformat.read(p, as_version=4)  # type: ignore[no-untyped-call]
            for p in sorted((root / "release" / assignment).glob("*.ipynb"))
        }
    sources = {}
    for name in releases:
        source = nbformat.read(course.root / "source" / assignment / name, as_version=4)  # type: ignore[no-untyped-call]
        sources[name] = {nbgrader_meta(c)["grade_id"]: c for c in source.cells if nbgrader_meta(c)}
    return releases, sources


def fill(
    release: nbformat.NotebookNode,
    source: dict[str, nbformat.NotebookNode],
    answers: dict[str, str | None],
    reflection: str,
) -> nbformat.NotebookNode:
    """A copy of the release whose answer cells hold the model answer, or ``answers[id]``."""
    nb: nbformat.NotebookNode = nbformat.reads(nbformat.writes(release), as_version=4)  # type: ignore[no-untyped-call]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        meta = nbgrader_meta(cell)
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if grade_id in answers:
            replacement = answers[grade_id]
            if replacement is not None:
                cell.source = replacement
        elif cell.cell_type == "markdown":
            cell.source = reflection
        else:
            cell.source = solution_of(source[grade_id])
    return nb


# What trainees really submit when things go wrong; each must cost one cell, not the run.
INFINITE_LOOP = """# Chờ một kết quả không bao giờ đến: vòng lặp vô hạn.
while True:
    pass
"""

KERNEL_CRASH = """import ctypes

# Đọc bộ nhớ ở địa chỉ 0: kernel bị lỗi phân đoạn (segfault) và dừng hẳn.
ctypes.string_at(0)
"""

MEMORY_BOMB = """# Một bảng đệm 8 GiB, vượt xa giới hạn bộ nhớ khi chấm.
bo_dem = b"\\x00" * (8 * 2**30)
"""

TAMPERED_TEST = "# Đã sửa: bỏ kiểm tra.\npass"


def failure_cases(
    release: nbformat.NotebookNode,
    source: dict[str, nbformat.NotebookNode],
    reflection: str,
) -> dict[str, nbformat.NotebookNode]:
    """Samples that attack the grading itself, for any assignment.

    ``vong-lap-vo-han`` loops forever before the first answer, ``kernel-chet`` kills the kernel
    before the last answer, ``bom-bo-nho`` allocates 8 GiB before a middle answer (all other
    answers are the model answers), and ``sua-o-kiem-thu`` leaves the answers empty but turns
    the first autograded test into ``pass`` worth 100 points and deletes the last one: nbgrader
    must restore both, so it scores like the untouched release.
    """
    answers = [
        grade_id
        for grade_id in (nbgrader_meta(c).get("grade_id") for c in release.cells)
        if grade_id in source
        and source[grade_id].cell_type == "code"
        and nbgrader_meta(source[grade_id]).get("solution")
    ]
    tests = [
        nbgrader_meta(c)["grade_id"]
        for c in release.cells
        if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
    ]
    if not answers or len(tests) < 2:
        raise ValueError("failure cases need an answer cell and two autograded test cells")
    first, middle, last = answers[0], answers[len(answers) // 2], answers[-1]
    tampered = fill(release, source, dict.fromkeys(source), "")
    for cell in list(tampered.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id == tests[0]:
            cell.source = TAMPERED_TEST
            cell.metadata["nbgrader"]["points"] = 100
        elif grade_id == tests[-1]:
            tampered.cells.remove(cell)
    return {
        "vong-lap-vo-han": fill(
            release, source, {first: INFINITE_LOOP + "\n" + solution_of(source[first])}, reflection
        ),
        "kernel-chet": fill(
            release, source, {last: KERNEL_CRASH + "\n" + solution_of(source[last])}, reflection
        ),
        "bom-bo-nho": fill(
            release, source, {middle: MEMORY_BOMB + "\n" + solution_of(source[middle])}, reflection
        ),
        "sua-o-kiem-thu": tampered,
    }


def error_names(workdir: Path, course: str, assignment: str, case: str) -> frozenset[str]:
    """The exception names in the error outputs of one case's autograded notebooks.

    ``workdir`` is where ``graders.autograde.autograde`` graded a copy of ``course``.
    """
    names: set[str] = set()
    for path in (workdir / course / "autograded" / case / assignment).glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        names |= {
            o.ename for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"
        }
    return frozenset(names)
