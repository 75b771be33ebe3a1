"""Regenerate the sample submissions of every digitization assignment from its release.

Run from the repository root after changing an assignment:
``.venv/bin/python courses/digitization/samples/make_samples.py``, then
``... make_samples.py --expected`` to autograde them for real and rewrite each
``<assignment>/expected.toml`` from the results; review both diffs.
Each case starts from the student version nbgrader generates, as a trainee would get it:
``dung`` holds the model answers, ``dung-mot-phan`` typical mistakes (listed in README.md),
``rong`` the release as is; ``vong-lap-vo-han``, ``kernel-chet``, ``bom-bo-nho`` and
``sua-o-kiem-thu`` attack the grading itself (``graders.samples.failure_cases``). The samples
are ruff-formatted afterwards.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from graders.autograde import SubmissionResult, autograde
from graders.course import Course
from graders.limits import GradingLimits
from graders.samples import error_names, failure_cases, fill, release_and_source

HERE = Path(__file__).resolve().parent
COURSE = "digitization"

REFLECTIONS = {
    "01-chuan-so-hoa": (
        "Chi cục Văn thư - Lưu trữ ưu tiên số hóa hồ sơ có giá trị vĩnh viễn và hay được khai "
        "thác, nhất là sổ đăng ký giấy đã ố vàng. Tôi kiểm tra máy quét thấy mặc định 150 dpi "
        "đen trắng, nên đã đặt lại màu, 200 dpi, 100%, xuất PDF. Với 300.000 trang, mỗi trang "
        "khoảng 500 KB, cần chừng 140 GiB, lưu trên máy chủ và một bản sao ở trung tâm dữ liệu."
    ),
    "02-kiem-tra-ocr": (
        "Độ tin cậy chỉ là máy tự đoán; CER mới là đo thật so với văn bản gốc. Trang quét 150 "
        "dpi có độ tin cậy cao vẫn phải quét lại. Phòng tôi có hai người hiệu đính, mỗi người "
        "khoảng 40 trang một ngày, nên mỗi lô chỉ gõ lại 20 trang chọn ngẫu nhiên, ưu tiên "
        "trang có cảnh báo, để ước tính CER của cả lô."
    ),
    "03-sieu-du-lieu-xuat": (
        "Người hiệu đính đối chiếu bản giấy, giữ giá trị OCR và ghi bản sửa thành phiên bản "
        "mới. Số, ký hiệu trùng thì xem là bản quét thừa, đăng ký sai hay cơ quan ban hành cấp "
        "trùng số để báo lại. Gói xuất được kiểm tra mã băm khi đóng gói, khi nhận và mỗi quý."
    ),
}

# Typical mistakes, as whole answer cells; None leaves the released stub (skipped exercise).
PARTIAL: dict[str, dict[str, str | None]] = {
    "01-chuan-so-hoa": {
        "thong-tin-ban-quet": (
            "def thong_tin_ban_quet(duong_dan: str | Path) -> dict:\n"
            '    """Định dạng, chế độ màu và độ phân giải (dpi, số nguyên) '
            'của một tệp ảnh quét."""\n'
            "    with Image.open(duong_dan) as anh:\n"
            '        dpi = anh.info.get("dpi")\n'
            "        return {\n"
            '            "dinh_dang": anh.format,\n'
            '            "che_do": anh.mode,\n'
            '            "dpi": None if dpi is None else int(dpi[0]),  # cắt chứ không làm tròn\n'
            "        }\n"
        ),
        "dung-luong-gib": (
            "def dung_luong_gib(so_trang: int, byte_moi_trang: int | float) -> float:\n"
            '    """Dung lượng (GiB) của so_trang trang, mỗi trang byte_moi_trang byte."""\n'
            "    return so_trang * byte_moi_trang / 1000**3  # GB chứ không phải GiB\n"
        ),
    },
    "02-kiem-tra-ocr": {
        "ty-le-loi-ky-tu": (
            "def ty_le_loi_ky_tu(goc: str, nhan_dang: str) -> float:\n"
            '    """Tỉ lệ lỗi ký tự của nhan_dang so với goc, trên văn bản đã chuẩn hóa."""\n'
            '    goc = " ".join(unicodedata.normalize("NFC", goc).split())\n'
            '    nhan_dang = " ".join(unicodedata.normalize("NFC", nhan_dang).split())\n'
            "    # chia cho độ dài văn bản nhận dạng thay vì văn bản gốc\n"
            "    return khoang_cach_sua(goc, nhan_dang) / max(1, len(nhan_dang))\n"
        ),
        "xep-loai": (
            "def xep_loai(ty_le_loi: float, dpi: int) -> str:\n"
            '    """Xếp loại một trang theo dpi và tỉ lệ lỗi ký tự."""\n'
            "    if dpi < 200:\n"
            '        return "quét lại"\n'
            "    if ty_le_loi >= 0.02:  # đúng 2% vẫn là đạt\n"
            '        return "hiệu đính"\n'
            '    return "đạt"\n'
        ),
    },
    "03-sieu-du-lieu-xuat": {
        "so-ky-hieu-trung": (
            "def so_ky_hieu_trung(bang: pd.DataFrame) -> list[str]:\n"
            '    """Các số, ký hiệu (đã chuẩn hóa) trùng cơ quan và năm ban hành, '
            'tăng dần, không lặp."""\n'
            "    # quên bỏ dấu cách thừa\n"
            '    khoa = [unicodedata.normalize("NFC", ma) for ma in bang["Code"]]\n'
            '    co_khoa = bang.assign(khoa=khoa, nam=bang["IssuedDate"].dt.year)\n'
            '    trung = co_khoa.duplicated(subset=["khoa", "OrganName", "nam"], keep=False)\n'
            '    return sorted(set(co_khoa.loc[trung, "khoa"]))\n'
        ),
        "khoa-tim-kiem": (
            "def khoa_tim_kiem(chuoi: str) -> str:\n"
            '    """Khóa tìm kiếm bỏ dấu, đ → d, chữ thường."""\n'
            '    tach_dau = unicodedata.normalize("NFD", chuoi)\n'
            '    return "".join(c for c in tach_dau if not unicodedata.combining(c)).casefold()\n'
        ),
        "hieu-dinh": (
            "def hieu_dinh(\n"
            "    kho: Path, tep_quet: str, so_ky_hieu: str, ngay_ban_hanh: str, nguoi_sua: str\n"
            ") -> Record:\n"
            '    """Ghi bản sửa số, ký hiệu và ngày ban hành thành phiên bản; '
            'trả về bản ghi đã sửa."""\n'
            "    so = parse_number(so_ky_hieu)\n"
            "    # chỉ sửa Code (quên CodeNumber, CodeNotation) và lưu cả số, ký hiệu sai dạng\n"
            '    sua = {"Code": so.text if so else so_ky_hieu, "IssuedDate": ngay_ban_hanh}\n'
            "    return revise_record(kho, tep_quet, sua, author=nguoi_sua).record\n"
        ),
    },
}

# Seconds one cell may run when grading an assignment's samples. Short where the correct
# cells allow it, since the endless-loop case waits for it; OCR cells need longer on the
# two shared CI cores (measured cells: see expected.toml).
CELL_TIMEOUT_S = {"01-chuan-so-hoa": 10, "02-kiem-tra-ocr": 30, "03-sieu-du-lieu-xuat": 30}


def write_samples(course: Course) -> None:
    """Every case of every assignment, rebuilt from the release and the source."""
    for assignment in (a.name for a in course.assignments):
        releases, sources = release_and_source(course, assignment)
        for name, release in releases.items():
            source = sources[name]
            reflection = REFLECTIONS[assignment]
            cases = {
                "dung": fill(release, source, {}, reflection),
                "dung-mot-phan": fill(release, source, PARTIAL[assignment], reflection),
                "rong": fill(release, source, dict.fromkeys(source), ""),
                **failure_cases(release, source, reflection),
            }
            for case, nb in cases.items():
                folder = HERE / assignment / case
                folder.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, folder / name)
                print(folder / name)
    # Format the samples like the lesson code, so regenerating them yields small, stable diffs.
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(HERE)], check=True)


def toml_list(items: list[str]) -> str:
    if len(items) <= 2:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"
    return "[\n" + "".join(f'    "{i}",\n' for i in items) + "]"


# The error each failure case must show in its graded notebook.
FAILURE_ERRORS = {
    "vong-lap-vo-han": ("CellTimeoutError",),
    "kernel-chet": ("KernelDied", "DeadKernelError"),
    "bom-bo-nho": ("MemoryError",),
}


def write_expected(course: Course, assignment: str) -> None:
    """Autograde the assignment's samples for real and record the scores in expected.toml."""
    timeout = CELL_TIMEOUT_S[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        results: dict[str, SubmissionResult] = {
            r.student: r
            for r in autograde(
                course,
                assignment,
                submissions=HERE / assignment,
                limits=GradingLimits(cell_timeout_s=timeout),
                workdir=Path(tmp),
            )
        }
        seconds = time.perf_counter() - start
        errors = {
            case: sorted(error_names(Path(tmp), COURSE, assignment, case)) for case in results
        }
    full = results["dung"].max_auto_score
    lines = [
        f"# Điểm tự động mong đợi của các bài nộp mẫu bài {assignment} (tối đa {full:g} điểm),",
        "# ghi từ lần chấm thật bằng make_samples.py --expected; failed: các ô kiểm thử không đạt",
        "# trọn điểm; error: lỗi phải hiện trong bài đã chấm.",
        "",
    ]
    if timeout != 10:
        lines += ["[grading]", f"cell_timeout_s = {timeout}", ""]
    order = ["dung", "dung-mot-phan", *FAILURE_ERRORS, "sua-o-kiem-thu", "rong"]
    for case in sorted(results, key=order.index):
        result = results[case]
        if not result.success:
            raise SystemExit(f"{assignment}/{case}: grading failed: {result.error}")
        lines += [f"[{case}]", f"auto_score = {result.auto_score:g}"]
        lines.append(f"failed = {toml_list(sorted(result.failed_tests))}")
        if case in FAILURE_ERRORS:
            shown = [e for e in FAILURE_ERRORS[case] if e in errors[case]]
            if not shown:
                raise SystemExit(f"{assignment}/{case}: none of {FAILURE_ERRORS[case]} shown")
            lines.append(f'error = "{shown[0]}"')
        lines.append("")
    (HERE / assignment / "expected.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{assignment}: {len(results)} samples graded in {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--expected", action="store_true", help="grade the samples and rewrite expected.toml"
    )
    parser.add_argument("assignments", nargs="*", help="only these (with --expected)")
    args = parser.parse_args()
    course = Course.find(COURSE)
    if not args.expected:
        write_samples(course)
        return
    for assignment in args.assignments or [a.name for a in course.assignments]:
        write_expected(course, assignment)


if __name__ == "__main__":
    main()
