"""What only the digitization course has to show beyond the generic course tests.

The hidden tests of lessons 2 and 3 run the trainee's code on scans generated and digitized at
grading time (issue 8: "hidden tests use different samples"), never on the bundled ones; the
lesson-3 correction exercise's hidden test catches the mistakes archivists really make (editing
the export, overwriting the record, wrong field names, partial or anonymous corrections);
grading one sample takes under a minute. Every course's samples are graded against their
expected.toml by test_course_samples.py; this module reuses that session's grading.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from sample_grading import GradedSamples, grade_all

from graders.cells import HIDDEN_MARK, nbgrader_meta

ROOT = Path(__file__).resolve().parents[1]
COURSE_ROOT = ROOT / "courses" / "digitization"
LESSON_3 = "03-sieu-du-lieu-xuat"
# Issue 8: grading a sample submission takes under a minute.
SECONDS_PER_SUBMISSION = 60
# "(file name, seed)" pairs and make_document(seed, ...) calls name the synthetic scans.
SEED = re.compile(r'\("[\w-]+\.(?:png|jpg|tif)", (\d+)|make_document\((\d+)')


def source_cells(assignment: str) -> dict[str, str]:
    """The source notebook's graded and answer cells by grade_id."""
    (path,) = (COURSE_ROOT / "source" / assignment).glob("*.ipynb")
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if nbgrader_meta(c)}


def hidden_part(source: str) -> str:
    begin, end = HIDDEN_MARK
    return source.split(begin, 1)[1].split(end, 1)[0] if begin in source else ""


def seeds(text: str) -> set[int]:
    return {int(a or b) for a, b in SEED.findall(text)}


@pytest.mark.parametrize(
    ("assignment", "cells"),
    [("02-kiem-tra-ocr", ["cer-trang-an"]), (LESSON_3, ["tim-van-ban-an", "kiem-tra-goi-an"])],
    ids=["02-kiem-tra-ocr", LESSON_3],
)
def test_hidden_tests_digitize_other_scans_than_the_bundled_ones(
    assignment: str, cells: list[str]
) -> None:
    """The hidden tests that run the library generate and digitize their own scans, from seeds
    make_data.py does not use for the bundled files, so passing cannot come from memorizing
    the visible results."""
    bundled = seeds((COURSE_ROOT / "make_data.py").read_text(encoding="utf-8"))
    assert bundled
    hidden = "".join(hidden_part(source_cells(assignment)[c]) for c in cells)
    assert "digitize_archive(" in hidden or "_KHO_AN" in hidden
    used = seeds(hidden)
    assert used and not used & bundled, (used, bundled)
    # The generated set stays out of the assignment folder nbgrader releases.
    data = COURSE_ROOT / "source" / assignment / "data"
    names = {p.stem for p in data.rglob("*") if p.is_file()}
    assert not any(name in names for name in re.findall(r'"([\w-]+)\.png"', hidden))


# Mistakes seen in review (issue 8), each a whole answer to the lesson-3 correction exercise.
WRONG_ANSWERS: dict[str, str] = {
    "edits-the-export": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    ra = export_records(kho, Path(tempfile.mkdtemp()), "csv").files[0]
    bang = pd.read_csv(ra, dtype=str)
    dong = bang["SourcePaths"] == tep_quet
    bang.loc[dong, ["Code", "CodeNumber", "CodeNotation"]] = [so.text, so.number, so.notation]
    bang.loc[dong, "IssuedDate"] = ngay_ban_hanh
    bang.to_csv(ra, index=False)
    with RecordStore(kho) as s:
        return s.record(tep_quet)
""",
    "overwrites-the-record": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    with RecordStore(kho) as s:
        cu = s.record(tep_quet)
        gia_tri = s.ocr_values(tep_quet)
        gia_tri.update(Code=so.text, CodeNumber=so.number, CodeNotation=so.notation)
        gia_tri["IssuedDate"] = "-".join(reversed(ngay_ban_hanh.split("/")))
        s.put(cu.doc_id, dossier=cu.dossier, extracted=gia_tri, pages=s.page_texts(tep_quet))
        return s.record(tep_quet)
""",
    "wrong-field-names": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    sua = {"Code": so.text, "Number": so.number, "Notation": so.notation, "Date": ngay_ban_hanh}
    return revise_record(kho, tep_quet, sua, author=nguoi_sua).record
""",
    "code-only": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    sua = {"Code": so.text, "IssuedDate": ngay_ban_hanh}
    return revise_record(kho, tep_quet, sua, author=nguoi_sua).record
""",
    "number-unchecked": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so, _, ky_hieu = so_ky_hieu.replace(" ", "").partition("/")
    sua = {"Code": f"{so}/{ky_hieu}", "CodeNumber": so, "CodeNotation": ky_hieu,
           "IssuedDate": ngay_ban_hanh}
    return revise_record(kho, tep_quet, sua, author=nguoi_sua).record
""",
    "two-calls": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    sua = {"Code": so.text, "CodeNumber": so.number, "CodeNotation": so.notation}
    revise_record(kho, tep_quet, sua, author=nguoi_sua)
    return revise_record(kho, tep_quet, {"IssuedDate": ngay_ban_hanh}, author=nguoi_sua).record
""",
    "no-author": """
def hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua):
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(f"Số, ký hiệu «{so_ky_hieu}» sai dạng.")
    sua = {"Code": so.text, "CodeNumber": so.number, "CodeNotation": so.notation,
           "IssuedDate": ngay_ban_hanh}
    return revise_record(kho, tep_quet, sua).record
""",
}


@pytest.fixture(scope="module")
def hidden_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hidden lesson-3 archive, built by the hidden test's own code (real OCR)."""
    source = source_cells(LESSON_3)["tim-van-ban-an"]
    imports = source.split(HIDDEN_MARK[0], 1)[0]
    builder = hidden_part(source).split("_KHO_AN = _tao_kho_an()", 1)[0]
    namespace: dict[str, Any] = {}
    exec(imports + builder, namespace)
    built = namespace["_tao_kho_an"]()
    assert isinstance(built, Path)
    return built


def run_correction_test(archive: Path, workdir: Path, answer: str | None) -> None:
    """Run the hidden test of the correction exercise on a copy of ``archive`` against
    ``answer`` (the model answer when None), as the autograder would."""
    cells = source_cells(LESSON_3)
    kho = workdir / "kho"
    shutil.copytree(archive, kho)
    namespace: dict[str, Any] = {}
    exec(cells["chuan-bi"], namespace)
    exec(answer if answer is not None else cells["hieu-dinh"], namespace)
    namespace["_KHO_AN"] = kho
    exec(cells["hieu-dinh-an"], namespace)


@pytest.mark.tesseract
def test_correction_hidden_test_passes_the_model_answer_and_catches_typical_mistakes(
    hidden_archive: Path, tmp_path: Path
) -> None:
    """The model answer passes; each plausible mistake fails the hidden test with one of its
    Vietnamese messages (GradingFailure), not with a crash of the test itself."""
    run_correction_test(hidden_archive, tmp_path / "model", None)
    caught: dict[str, str] = {}
    for name, answer in WRONG_ANSWERS.items():
        try:
            run_correction_test(hidden_archive, tmp_path / name, answer)
        except Exception as e:  # the kind of failure is what is checked below
            caught[name] = type(e).__name__
        else:
            caught[name] = "passed"
    assert caught == dict.fromkeys(WRONG_ANSWERS, "GradingFailure")


def graded_lesson(tmp_path_factory: pytest.TempPathFactory, assignment: str) -> GradedSamples:
    """One lesson's samples as graded in this session: the course's three lessons are graded
    together (two at a time) on first use, and test_course_samples.py reuses the outcome."""
    lessons = [(COURSE_ROOT, p.name) for p in sorted((COURSE_ROOT / "samples").iterdir())]
    lessons = [pair for pair in lessons if (pair[0] / "samples" / pair[1]).is_dir()]
    outcome = grade_all(lessons, tmp_path_factory.mktemp("samples"))
    samples = outcome[(COURSE_ROOT, assignment)]
    assert isinstance(samples, GradedSamples), samples
    return samples


def kernel_seconds(path: Path) -> float:
    """Seconds from the first cell's start to the last cell's reply in a graded notebook."""
    from datetime import datetime

    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    times = [
        datetime.fromisoformat(c.metadata["execution"][key].replace("Z", "+00:00"))
        for c in nb.cells
        if "execution" in c.get("metadata", {})
        for key in ("iopub.execute_input", "shell.execute_reply")
        if key in c.metadata["execution"]
    ]
    assert times, f"{path}: no execution timing recorded"
    return (max(times) - min(times)).total_seconds()


@pytest.mark.nbgrader
@pytest.mark.slow
def test_a_correct_submission_grades_in_under_a_minute(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Issue 8: the heaviest lesson's model answers (OCR of the bundled dossier and of the
    hidden one) run through the autograder in under a minute, measured from the first cell's
    start to the last cell's reply in the graded notebook (it took 38 s with the machine
    shared by eight sessions)."""
    samples = graded_lesson(tmp_path_factory, LESSON_3)
    (notebook,) = (samples.workdir / "digitization" / "autograded" / "dung" / LESSON_3).glob(
        "*.ipynb"
    )
    assert kernel_seconds(notebook) < SECONDS_PER_SUBMISSION


@pytest.mark.nbgrader
@pytest.mark.slow
def test_feedback_names_the_failed_correction_checks_in_vietnamese(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The typical-mistakes sample of lesson 3 fails the hidden correction test; its feedback
    says a hidden test failed but shows neither the hidden archive nor the checks."""
    samples = graded_lesson(tmp_path_factory, LESSON_3)
    assert "hieu-dinh-an" in samples.results["dung-mot-phan"].failed_tests
    assert "hieu-dinh-kiem-tra" not in samples.results["dung-mot-phan"].failed_tests
    (feedback,) = (p for p in samples.feedback if p.parent.parent.name == "dung-mot-phan")
    text = feedback.read_text(encoding="utf-8")
    assert "kiểm thử ẩn của bài này" in text
    for hidden in ("_tao_kho_an", "quyet-dinh.png", "Trần Văn Bình", "244/QĐ-STC"):
        assert hidden not in text, hidden
