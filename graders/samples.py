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
