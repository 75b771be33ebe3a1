"""Committed notebooks carry no outputs or execution counts (STYLE.md, rule 18)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dirty_cells(notebook: dict[str, object]) -> list[int]:
    """Indexes of code cells that carry outputs or an execution count."""
    cells = notebook.get("cells", [])
    assert isinstance(cells, list)
    return [
        i
        for i, cell in enumerate(cells)
        if cell.get("cell_type") == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def tracked_notebooks() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / p for p in listed.split("\0") if p]


def test_no_committed_notebook_has_outputs() -> None:
    offenders = {
        str(path.relative_to(ROOT)): cells
        for path in tracked_notebooks()
        if path.exists() and (cells := dirty_cells(json.loads(path.read_text(encoding="utf-8"))))
    }
    assert not offenders, f"strip outputs (jupyter nbconvert --clear-output --inplace): {offenders}"


def test_the_check_catches_outputs_and_execution_counts() -> None:
    clean = {"cells": [{"cell_type": "code", "outputs": [], "execution_count": None, "source": ""}]}
    with_output = {
        "cells": [
            {"cell_type": "markdown", "source": ""},
            {
                "cell_type": "code",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}],
                "execution_count": None,
                "source": "",
            },
        ]
    }
    with_count = {
        "cells": [{"cell_type": "code", "outputs": [], "execution_count": 3, "source": ""}]
    }
    assert dirty_cells(clean) == []
    assert dirty_cells(with_output) == [1]
    assert dirty_cells(with_count) == [0]
