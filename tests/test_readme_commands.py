"""The README's Quick start has exactly two commands, and the demo one works as written.

CI runs the other one (`bash tasks.sh test`) itself, so the demo is what is left to prove.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "Quick start has no bash block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_the_demo_and_test_commands() -> None:
    assert quick_start_commands() == ["bash tasks.sh demo", "bash tasks.sh test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash tasks.sh test" in ci


@pytest.mark.slow
@pytest.mark.tesseract
@pytest.mark.nbgrader
def test_demo_command_digitizes_the_samples_and_builds_every_course(tmp_path: Path) -> None:
    env = {**os.environ, "DEMO_OUT": str(tmp_path / "demo")}
    done = subprocess.run(
        ["bash", "tasks.sh", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-3000:]
    assert "Hoàn tất, không có lỗi." in out
    assert "tất cả đều nguyên vẹn" in out
    assert re.search(r"Tìm thấy \d+ văn bản", out)
    bag = tmp_path / "demo" / "xuat-bagit" / "bagit"
    assert (bag / "bagit.txt").is_file() and (bag / "manifest-sha256.txt").is_file()
    assert (tmp_path / "demo" / "xuat-xlsx" / "van-ban.xlsx").is_file()
    for config in ROOT.glob("courses/*/nbgrader_config.py"):
        course = config.parent
        sources = {p.parent.name for p in course.glob("source/*/*.ipynb")}
        released = {p.parent.name for p in course.glob("release/*/*.ipynb")}
        assert sources == released, f"{course.name}: not every assignment was released"
