"""The installed console scripts answer --help and --version; doctor reports what it finds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitize import __version__, doctor
from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("script", ["digitize", "graders"])
def test_console_script_prints_version_and_help(script: str) -> None:
    exe = BIN / script
    assert exe.exists(), f"{script} is not installed next to {sys.executable}: pip install -e ."
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"{script} {__version__}"
    helped = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    assert "usage:" in helped.stdout


def test_doctor_reports_every_check_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = digitize_main(["doctor"])
    out = capsys.readouterr().out
    for name in (
        "tesseract",
        "tesseract-langs",
        "poppler",
        "python:pytesseract",
        "python:nbgrader",
    ):
        assert name in out
    expected = (
        ExitCode.OK if all(c.ok for c in doctor.run_checks()) else ExitCode.MISSING_DEPENDENCY
    )
    assert code == expected


@pytest.mark.tesseract
def test_doctor_finds_vietnamese_model_on_this_machine() -> None:
    langs = doctor.check_languages()
    assert langs.ok, langs
    assert "vie" in langs.found.split(", ")


def test_doctor_explains_a_missing_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "PATH", str(Path(shutil.which("python3") or sys.executable).parent.parent / "nonexistent")
    )
    check = doctor.check_tesseract()
    assert not check.ok
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in check.fix
    assert not doctor.check_languages().ok


def test_doctor_explains_a_missing_python_package() -> None:
    check = doctor.check_python_package("no-such-package-congso")
    assert not check.ok and "tasks.sh setup" in check.fix


def test_cli_without_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert digitize_main([]) == ExitCode.BAD_ARGS
    assert "doctor" in capsys.readouterr().out
