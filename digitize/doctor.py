"""Check that the programs, language models and packages the suite needs are installed.

``digitize doctor`` prints this report; each failed check names the fix for Debian/Ubuntu
and for conda, because the people running it are IT officers, not Python developers.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

log = logging.getLogger(__name__)

REQUIRED_LANGUAGES = ("vie", "osd")
PYTHON_PACKAGES = (
    "pytesseract",
    "pdf2image",
    "pikepdf",
    "pypdfium2",
    "pillow",
    "numpy",
    "scipy",
    "pandas",
    "ipywidgets",
    "jupyterlab",
    "nbgrader",
    "jupytext",
    "tqdm",
)
APT_TESSERACT = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
CONDA_VIE = (
    "conda: tải vie.traineddata và osd.traineddata từ kho tessdata_fast của Tesseract "
    "vào thư mục $CONDA_PREFIX/share/tessdata (xem README, mục Conda)"
)


@dataclass(frozen=True, slots=True)
class Check:
    """Outcome of one check.

    Attributes:
        name: what was checked, e.g. ``"tesseract"``.
        ok: whether the requirement is met.
        found: what was found (a version, a list of languages) or why nothing was.
        fix: what to do when ``ok`` is false; empty otherwise.
    """

    name: str
    ok: bool
    found: str
    fix: str = ""


def _run(argv: list[str]) -> str | None:
    """Output (stdout + stderr) of a short informational command, or None if it cannot run."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        log.debug("cannot run %s: %s", argv[0], e)
        return None
    return done.stdout + done.stderr


def tesseract_version() -> str | None:
    """Version string of the ``tesseract`` on PATH, e.g. ``"5.3.0"``, or None."""
    if shutil.which("tesseract") is None:
        return None
    out = _run(["tesseract", "--version"])
    match = re.search(r"tesseract\s+v?(\d+\.\d+[\w.\-]*)", out or "")
    return match.group(1) if match else None


def tesseract_languages() -> list[str]:
    """Languages Tesseract can load (from ``--list-langs``); empty if it is missing."""
    if shutil.which("tesseract") is None:
        return []
    out = _run(["tesseract", "--list-langs"]) or ""
    return sorted(line.strip() for line in out.splitlines()[1:] if line.strip())


def check_tesseract() -> Check:
    found = tesseract_version()
    if found is None:
        return Check(
            "tesseract",
            False,
            "không tìm thấy",
            f"{APT_TESSERACT} | conda install -c conda-forge tesseract",
        )
    major = int(found.split(".")[0])
    if major < 4:
        return Check("tesseract", False, found, "cần Tesseract 4 trở lên (LSTM): " + APT_TESSERACT)
    return Check("tesseract", True, found)


def check_languages() -> Check:
    langs = tesseract_languages()
    missing = [lang for lang in REQUIRED_LANGUAGES if lang not in langs]
    found = ", ".join(langs) if langs else "không có"
    if missing:
        fix = f"thiếu {', '.join(missing)}: {APT_TESSERACT} | {CONDA_VIE}"
        return Check("tesseract-langs", False, found, fix)
    return Check("tesseract-langs", True, found)


def check_poppler() -> Check:
    if shutil.which("pdftoppm") is None:
        return Check(
            "poppler",
            False,
            "không tìm thấy",
            "sudo apt-get install poppler-utils | conda install -c conda-forge poppler",
        )
    out = _run(["pdftoppm", "-v"]) or ""
    match = re.search(r"version\s+([\d.]+)", out)
    return Check("poppler", True, match.group(1) if match else "có")


def check_python_package(name: str) -> Check:
    try:
        return Check(f"python:{name}", True, version(name))
    except PackageNotFoundError:
        return Check(
            f"python:{name}", False, "chưa cài", "bash tasks.sh setup (cài lại môi trường .venv)"
        )


def run_checks() -> list[Check]:
    """All checks, in the order they are reported."""
    checks = [check_tesseract(), check_languages(), check_poppler()]
    checks += [check_python_package(name) for name in PYTHON_PACKAGES]
    return checks
