"""Regenerate the sample submissions of the harness from the current release.

Run from the repository root after changing an assignment, then review the diff and the
expected scores: ``.venv/bin/python courses/network-admin/samples/make_samples.py``.
Each case starts from the student version nbgrader generates, as a trainee would.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from graders.cells import SOLUTION_MARK, nbgrader_meta
from graders.course import Course, nbgrader_api

HERE = Path(__file__).resolve().parent
ASSIGNMENT = "01-dia-chi-ip"
NOTEBOOK = "dia-chi-ip.ipynb"

REFLECTION = (
    "Cơ quan tôi dùng khối 10.68.32.0/20 do Sở Thông tin và Truyền thông cấp; bảng quy hoạch "
    "lưu trong một tệp Excel ở phòng CNTT. Năm ngoái hai phòng tự đặt trùng dải 192.168.1.0/24 "
    "nên máy in bị mất kết nối. Nếu quy hoạch lại, tôi để dự phòng khoảng 30% cho các sở, "
    "chọn mạng lớn hơn một bậc cho huyện vì số xã nối về tăng dần, và bắt đầu chạy song song "
    "IPv6 ở trung tâm dữ liệu trước."
)

SO_HOST_OFF_BY_ONE = '''def so_host(do_dai_tien_to: int) -> int:
    """Số địa chỉ host dùng được của một mạng IPv4 /do_dai_tien_to."""
    if not 0 <= do_dai_tien_to <= 32:
        raise ValueError("độ dài tiền tố không hợp lệ")
    return 2 ** (32 - do_dai_tien_to) - 2
'''

WASTE_WITH_ALL_ADDRESSES = '''def ty_le_lang_phi(nhu_cau, quy_hoach):
    """Tỉ lệ host dùng được nhưng không cần đến trong quy hoạch."""
    can = sum(nhu_cau.values())
    co = sum(mang.num_addresses for mang in quy_hoach.values())
    return 1 - can / co
'''

WASTE_INFINITE_LOOP = '''def ty_le_lang_phi(nhu_cau, quy_hoach):
    """Tỉ lệ host dùng được nhưng không cần đến trong quy hoạch."""
    cac_mang = list(quy_hoach.values())
    co = 0
    i = 0
    while i < len(cac_mang):
        co += so_host(cac_mang[i].prefixlen)
    return 1 - sum(nhu_cau.values()) / co
'''

WASTE_IGNORES_INTERRUPT = """

import signal

# Bỏ qua Ctrl-C để phép tính dài không bị ngắt giữa chừng, rồi chờ đến khi tính được.
signal.signal(signal.SIGINT, signal.SIG_IGN)
ket_qua = None
while ket_qua is None:
    try:
        ket_qua = ty_le_lang_phi({}, {})
    except ZeroDivisionError:
        ket_qua = None
"""

CRASH = """import ctypes

# Đọc thử bộ nhớ ở địa chỉ 0: kernel bị lỗi phân đoạn (segfault) và dừng hẳn.
ctypes.string_at(0)
"""

MEMORY_BOMB = """# Bảng tra cứu cho mọi địa chỉ IPv4, mỗi địa chỉ hai byte: 8 GiB.
bang_tra_cuu = b"\\x00" * (2 * 2**32)
"""

SO_HOST_WRONG = """def so_host(do_dai_tien_to: int) -> int:
    return 2 ** (32 - do_dai_tien_to)
"""


def solution_of(cell: nbformat.NotebookNode) -> str:
    """The source cell with its solution delimiters removed (the model answer)."""
    begin, end = SOLUTION_MARK
    return "\n".join(
        line for line in cell.source.split("\n") if begin not in line and end not in line
    )


def release_and_source() -> tuple[nbformat.NotebookNode, dict[str, nbformat.NotebookNode]]:
    course = Course.find("network-admin")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        shutil.copytree(course.root / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
        api = nbgrader_api(course.config(root=root))
        result = api.generate_assignment(ASSIGNMENT)
        assert result["success"], result.get("error")
        release = nbformat.read(root / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(course.root / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    by_id = {nbgrader_meta(c)["grade_id"]: c for c in source.cells if nbgrader_meta(c)}
    return release, by_id


def fill(
    release: nbformat.NotebookNode,
    source: dict[str, nbformat.NotebookNode],
    answers: dict[str, str | None],
) -> nbformat.NotebookNode:
    """A copy of the release whose answer cells hold the model answer, or ``answers[id]``.

    ``None`` leaves the cell as released (the trainee skipped it).
    """
    nb = nbformat.reads(nbformat.writes(release), as_version=4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if grade_id in answers:
            if answers[grade_id] is not None:
                cell.source = answers[grade_id]
        elif cell.cell_type == "markdown":
            cell.source = REFLECTION
        else:
            cell.source = solution_of(source[grade_id])
    return nb


def main() -> None:
    release, source = release_and_source()
    cases: dict[str, nbformat.NotebookNode] = {
        "dung": fill(release, source, {}),
        "dung-mot-phan": fill(
            release,
            source,
            {
                "so-host": SO_HOST_OFF_BY_ONE,
                "ty-le-lang-phi": WASTE_WITH_ALL_ADDRESSES,
                "mang-ipv6-thu": None,
            },
        ),
        "vong-lap-vo-han": fill(release, source, {"ty-le-lang-phi": WASTE_INFINITE_LOOP}),
        "bat-ca-ngat": fill(
            release,
            source,
            {"ty-le-lang-phi": solution_of(source["ty-le-lang-phi"]) + WASTE_IGNORES_INTERRUPT},
        ),
        "kernel-chet": fill(
            release,
            source,
            {"tim-chong-lan": CRASH + "\n\n" + solution_of(source["tim-chong-lan"])},
        ),
        "bom-bo-nho": fill(
            release,
            source,
            {"quy-hoach-vlsm": MEMORY_BOMB + "\n\n" + solution_of(source["quy-hoach-vlsm"])},
        ),
        "rong": fill(release, source, dict.fromkeys(source)),
    }
    tampered = fill(release, source, {"so-host": SO_HOST_WRONG})
    for cell in list(tampered.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id == "so-host-kiem-tra":
            cell.source = "# Đã sửa: bỏ kiểm tra.\npass"
            cell.metadata["nbgrader"]["points"] = 100
        elif grade_id == "so-host-an":
            tampered.cells.remove(cell)
    cases["sua-o-kiem-thu"] = tampered
    for name, nb in cases.items():
        folder = HERE / ASSIGNMENT / name
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / NOTEBOOK)
        print(folder / NOTEBOOK)


if __name__ == "__main__":
    main()
