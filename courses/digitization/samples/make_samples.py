"""Regenerate the sample submissions of every digitization assignment from its release.

Run from the repository root after changing an assignment, then review the diff and the
expected scores in ``<assignment>/expected.toml``:
``.venv/bin/python courses/digitization/samples/make_samples.py``.
Each case starts from the student version nbgrader generates, as a trainee would get it:
``dung`` holds the model answers, ``dung-mot-phan`` two typical mistakes (listed in
README.md), ``rong`` the release as is. The samples are ruff-formatted afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from graders.course import Course
from graders.samples import fill, release_and_source

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
    },
}


def main() -> None:
    course = Course.find(COURSE)
    for assignment in (a.name for a in course.assignments):
        releases, sources = release_and_source(course, assignment)
        for name, release in releases.items():
            source = sources[name]
            cases = {
                "dung": fill(release, source, {}, REFLECTIONS[assignment]),
                "dung-mot-phan": fill(
                    release, source, PARTIAL[assignment], REFLECTIONS[assignment]
                ),
                "rong": fill(release, source, dict.fromkeys(source), ""),
            }
            for case, nb in cases.items():
                folder = HERE / assignment / case
                folder.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, folder / name)
                print(folder / name)
    # Format the samples like the lesson code, so regenerating them yields small, stable diffs.
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(HERE)], check=True)


if __name__ == "__main__":
    main()
