"""``graders report``: grades, per-exercise success rates, score plot and trainees at risk.

Reads the course gradebook through nbgrader's ``Gradebook`` and summarises it with pandas;
the plot is drawn with matplotlib's Agg backend (no display needed).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graders.course import Course, ensure_tools_on_path

log = logging.getLogger(__name__)

AT_RISK_BELOW = 0.5


@dataclass(frozen=True, slots=True, eq=False)
class CourseReport:
    """Everything ``graders report`` writes, and where.

    Attributes:
        grades: one row per trainee and assignment (missing submissions score 0).
        success: one row per graded cell: how many submissions earned full points.
        at_risk: trainees below the threshold or with missing submissions, and why.
        files: the files written (CSV, XLSX, PNG).
    """

    grades: pd.DataFrame
    success: pd.DataFrame
    at_risk: pd.DataFrame
    files: tuple[Path, ...] = field(default=())


def read_gradebook(db_url: str, course_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(grades per trainee and assignment, scores per trainee and graded cell)."""
    from nbgrader.api import Gradebook, MissingEntry

    ensure_tools_on_path()
    rows = []
    cells = []
    with Gradebook(db_url, course_id) as gb:
        for assignment in gb.assignments:
            manual = {(nb.name, c.name) for nb in assignment.notebooks for c in nb.solution_cells}
            for student in gb.students:
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    rows.append(
                        (student.id, assignment.name, 0.0, float(assignment.max_score), False)
                    )
                    continue
                rows.append(
                    (
                        student.id,
                        assignment.name,
                        float(submission.score),
                        float(submission.max_score),
                        True,
                    )
                )
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        cells.append(
                            (
                                student.id,
                                assignment.name,
                                notebook.name,
                                grade.name,
                                (notebook.name, grade.name) not in manual,
                                None if grade.score is None else float(grade.score),
                                float(grade.max_score),
                                bool(grade.needs_manual_grade),
                            )
                        )
    grades = pd.DataFrame(
        rows, columns=["hoc_vien", "bai", "diem", "diem_toi_da", "da_nop"]
    ).astype({"diem": float, "diem_toi_da": float, "da_nop": bool})
    grades["ti_le"] = (grades["diem"] / grades["diem_toi_da"]).where(grades["diem_toi_da"] > 0)
    scores = pd.DataFrame(
        cells,
        columns=[
            "hoc_vien",
            "bai",
            "notebook",
            "grade_id",
            "tu_dong",
            "diem",
            "diem_toi_da",
            "cho_cham_tay",
        ],
    )
    return grades, scores


def success_rates(scores: pd.DataFrame) -> pd.DataFrame:
    """Per graded cell: submissions, share with full points, mean score."""
    if scores.empty:
        return pd.DataFrame(
            columns=["bai", "notebook", "grade_id", "tu_dong", "so_bai", "ti_le_dat", "diem_tb"]
        )
    scored = scores.assign(dat=(scores["diem"].fillna(0.0) >= scores["diem_toi_da"]).astype(float))
    grouped = scored.groupby(["bai", "notebook", "grade_id", "tu_dong"], sort=False)
    return grouped.agg(
        so_bai=("hoc_vien", "count"),
        ti_le_dat=("dat", "mean"),
        diem_tb=("diem", "mean"),
        diem_toi_da=("diem_toi_da", "first"),
    ).reset_index()


def trainees_at_risk(grades: pd.DataFrame, threshold: float = AT_RISK_BELOW) -> pd.DataFrame:
    """Trainees whose overall share of points is below ``threshold`` or who missed a submission."""
    if grades.empty:
        return pd.DataFrame(columns=["hoc_vien", "ti_le", "bai_chua_nop", "ly_do"])
    per_student = grades.groupby("hoc_vien").agg(
        diem=("diem", "sum"), diem_toi_da=("diem_toi_da", "sum")
    )
    per_student["ti_le"] = per_student["diem"] / per_student["diem_toi_da"]
    missing = (
        grades.loc[~grades["da_nop"]]
        .groupby("hoc_vien")["bai"]
        .apply(lambda names: ", ".join(sorted(names)))
    )
    per_student["bai_chua_nop"] = missing.reindex(per_student.index).fillna("")
    reasons = []
    for student, row in per_student.iterrows():
        why = []
        if row["ti_le"] < threshold:
            why.append(f"đạt {row['ti_le']:.0%} tổng điểm (dưới {threshold:.0%})")
        if row["bai_chua_nop"]:
            why.append(f"chưa nộp {row['bai_chua_nop']}")
        reasons.append((student, row["ti_le"], row["bai_chua_nop"], "; ".join(why)))
    table = pd.DataFrame(reasons, columns=["hoc_vien", "ti_le", "bai_chua_nop", "ly_do"])
    return table.loc[table["ly_do"] != ""].sort_values("ti_le").reset_index(drop=True)


def plot_distributions(grades: pd.DataFrame, path: Path) -> Path:
    """A PNG with one histogram of score shares per assignment."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    assignments = sorted(grades["bai"].unique()) if not grades.empty else []
    count = max(len(assignments), 1)
    fig, axes = plt.subplots(1, count, figsize=(4 * count, 3.2), squeeze=False)
    for ax, assignment in zip(axes[0], assignments, strict=False):
        shares = grades.loc[grades["bai"] == assignment, "ti_le"].dropna() * 100
        ax.hist(shares, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], color="#2b6cb0")
        ax.set_title(assignment)
        ax.set_xlabel("Tỉ lệ điểm (%)")
        ax.set_ylabel("Số học viên")
        ax.axvline(AT_RISK_BELOW * 100, color="#c53030", linestyle="--", linewidth=1)
    if not assignments:
        axes[0][0].text(0.5, 0.5, "Chưa có điểm", ha="center", va="center")
    fig.suptitle("Phân bố điểm theo bài")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def build_report(
    course: Course,
    out_dir: Path | None = None,
    *,
    threshold: float = AT_RISK_BELOW,
    workdir: Path | None = None,
) -> CourseReport:
    """Write grades (CSV, XLSX), success rates (CSV), the score plot (PNG) into ``out_dir``.

    ``out_dir`` defaults to ``<course>/reports/``; ``workdir`` reads the gradebook of a copy
    made by :func:`graders.autograde.autograde`.
    """
    config = course.config(root=workdir / course.name if workdir is not None else None)
    grades, scores = read_gradebook(config.CourseDirectory.db_url, course.name)
    success = success_rates(scores)
    at_risk = trainees_at_risk(grades, threshold)
    out = out_dir or Path(config.CourseDirectory.root) / "reports"
    out.mkdir(parents=True, exist_ok=True)
    grades_csv = out / "diem.csv"
    grades.to_csv(grades_csv, index=False)
    success_csv = out / "ti-le-dat.csv"
    success.to_csv(success_csv, index=False)
    risk_csv = out / "can-ho-tro.csv"
    at_risk.to_csv(risk_csv, index=False)
    xlsx = out / "diem.xlsx"
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        grades.pivot_table(index="hoc_vien", columns="bai", values="diem", aggfunc="sum").to_excel(
            writer, sheet_name="Bảng điểm"
        )
        grades.to_excel(writer, sheet_name="Điểm chi tiết", index=False)
        success.to_excel(writer, sheet_name="Tỉ lệ đạt", index=False)
        at_risk.to_excel(writer, sheet_name="Cần hỗ trợ", index=False)
    png = plot_distributions(grades, out / "phan-bo-diem.png")
    files = (grades_csv, xlsx, success_csv, risk_csv, png)
    log.info("Report of %s written to %s", course.name, out)
    return CourseReport(grades, success, at_risk, files)
