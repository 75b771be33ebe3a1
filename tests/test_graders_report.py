"""`graders report` turns a gradebook into grades, success rates, a plot and an at-risk list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from nbgrader.api import Gradebook
from PIL import Image

from graders.cli import main as graders_main
from graders.course import Course, ensure_tools_on_path
from graders.report import build_report

ROOT = Path(__file__).resolve().parents[1]

# (student, {grade_id: score}) for assignment "bai-1": two tests of 2 points, a manual 3.
SCORES = {
    "an": {"kiem-tra": 2.0, "an": 2.0, "suy-ngam": 3.0},
    "binh": {"kiem-tra": 2.0, "an": 0.0, "suy-ngam": 1.0},
    "chi": {"kiem-tra": 0.0, "an": 0.0, "suy-ngam": None},
}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """A course whose gradebook holds two assignments, one of them not submitted by 'chi'.

    Module-scoped: creating an nbgrader gradebook runs alembic, which takes seconds.
    """
    root = tmp_path_factory.mktemp("report") / "khoa-thu"
    root.mkdir()
    shutil.copy(ROOT / "courses" / "network-admin" / "nbgrader_config.py", root)
    ensure_tools_on_path()
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "khoa-thu") as gb:
        for name in ("bai-1", "bai-2"):
            gb.add_assignment(name)
            gb.add_notebook("bai", name)
            gb.add_grade_cell("kiem-tra", "bai", name, max_score=2, cell_type="code")
            gb.add_grade_cell("an", "bai", name, max_score=2, cell_type="code")
            gb.add_grade_cell("suy-ngam", "bai", name, max_score=3, cell_type="markdown")
            gb.add_solution_cell("suy-ngam", "bai", name)
        for student, scores in SCORES.items():
            gb.add_student(student)
            for name in ("bai-1", "bai-2"):
                if student == "chi" and name == "bai-2":
                    continue
                gb.add_submission(name, student)
                for grade_id, score in scores.items():
                    grade = gb.find_grade(grade_id, "bai", name, student)
                    if grade_id == "suy-ngam":
                        grade.manual_score = score
                    else:
                        grade.auto_score = score
                gb.db.commit()
    return Course(root)


def test_report_writes_grades_rates_plot_and_at_risk(course: Course, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao"
    report = build_report(course, out)
    assert {p.name for p in report.files} == {
        "diem.csv",
        "diem.xlsx",
        "ti-le-dat.csv",
        "can-ho-tro.csv",
        "phan-bo-diem.png",
    }
    grades = pd.read_csv(out / "diem.csv")
    row = grades.set_index(["hoc_vien", "bai"]).loc[("binh", "bai-1")]
    assert row["diem"] == 3.0 and row["diem_toi_da"] == 7.0
    missing = grades.set_index(["hoc_vien", "bai"]).loc[("chi", "bai-2")]
    assert missing["diem"] == 0.0 and not missing["da_nop"]

    rates = report.success.set_index(["bai", "grade_id"])
    assert rates.loc[("bai-1", "kiem-tra"), "ti_le_dat"] == pytest.approx(2 / 3)
    assert rates.loc[("bai-1", "an"), "ti_le_dat"] == pytest.approx(1 / 3)
    assert not rates.loc[("bai-1", "suy-ngam"), "tu_dong"]

    at_risk = report.at_risk.set_index("hoc_vien")
    assert list(at_risk.index) == ["chi", "binh"]
    assert "chưa nộp bai-2" in at_risk.loc["chi", "ly_do"]
    assert "43%" in at_risk.loc["binh", "ly_do"]

    sheets = pd.read_excel(out / "diem.xlsx", sheet_name=None)
    assert list(sheets) == ["Bảng điểm", "Điểm chi tiết", "Tỉ lệ đạt", "Cần hỗ trợ"]
    with Image.open(out / "phan-bo-diem.png") as image:
        assert image.size[0] > 400


def test_cli_report_lists_trainees_at_risk(
    course: Course, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert graders_main(["report", str(course.root), "--out", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "Học viên cần hỗ trợ:" in out and "chi: " in out and "an: " not in out
