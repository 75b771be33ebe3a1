"""environment.yml (conda) and pyproject.toml (pip) must install the same Python packages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# Conda packages that are programs or tooling, not Python dependencies of the project.
CONDA_ONLY = {"python", "pip", "tesseract", "poppler", "qpdf"}


def _split(requirement: str) -> tuple[str, str]:
    """('name', 'specifier') with the name normalized as PEP 503 does."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", requirement)
    assert match, f"cannot parse requirement {requirement!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(3).replace(" ", "")


def pyproject_requirements(text: str) -> dict[str, str]:
    project = tomllib.loads(text)["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return dict(_split(r) for r in requirements)


def environment_requirements(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in yaml.safe_load(text)["dependencies"]:
        if isinstance(entry, dict):
            for pip_entry in entry.get("pip", []):
                if not pip_entry.startswith("-"):
                    name, spec = _split(pip_entry)
                    found[name] = spec
            continue
        name, spec = _split(str(entry))
        if name not in CONDA_ONLY:
            found[name] = spec
    return found


def compare(pyproject_text: str, environment_text: str) -> list[str]:
    """Human-readable differences; empty when both files agree."""
    pip = pyproject_requirements(pyproject_text)
    conda = environment_requirements(environment_text)
    problems = [
        f"{n} is in pyproject.toml but not environment.yml"
        for n in sorted(pip.keys() - conda.keys())
    ]
    problems += [
        f"{n} is in environment.yml but not pyproject.toml"
        for n in sorted(conda.keys() - pip.keys())
    ]
    problems += [
        f"{n}: pyproject.toml says {pip[n]!r}, environment.yml says {conda[n]!r}"
        for n in sorted(pip.keys() & conda.keys())
        if pip[n] != conda[n]
    ]
    return problems


def test_environment_yml_lists_the_same_python_dependencies_as_pyproject() -> None:
    problems = compare(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
        (ROOT / "environment.yml").read_text(encoding="utf-8"),
    )
    assert not problems, "environment.yml is out of step:\n" + "\n".join(problems)


def test_environment_yml_installs_the_project_itself() -> None:
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    pip_section = next(e for e in yaml.safe_load(text)["dependencies"] if isinstance(e, dict))
    assert "-e ." in pip_section["pip"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace('    "scipy>=1.11",\n', ""),
            "scipy is in environment.yml but not pyproject.toml",
        ),
        (
            lambda t: t.replace('"pandas>=2.1"', '"pandas>=2.2"'),
            "pandas: pyproject.toml says '>=2.2'",
        ),
        (
            lambda t: t.replace('    "tqdm>=4.66",\n', '    "tqdm>=4.66",\n    "lxml>=5",\n'),
            "lxml is in pyproject.toml but not environment.yml",
        ),
    ],
    ids=["dropped-from-pyproject", "version-drift", "added-only-to-pyproject"],
)
def test_the_check_notices_drift(edit: object, expected: str) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert callable(edit)
    changed = edit(pyproject)
    assert changed != pyproject, "the mutation did not apply; update this test"
    problems = compare(changed, environment)
    assert any(expected in p for p in problems), problems
