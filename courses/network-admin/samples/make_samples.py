"""Regenerate the sample submissions of every network-admin assignment from its release.

Run from the repository root after changing an assignment, then review the diff and the
expected scores in ``<assignment>/expected.toml``:
``.venv/bin/python courses/network-admin/samples/make_samples.py [assignment ...]``.
Each case starts from the student version nbgrader generates, as a trainee would get it.
Assignment 01 also holds the harness cases (timeouts, a dead kernel, tampered tests); the
others hold ``dung`` (model answers), ``sai-thuong-gap`` (typical mistakes, ``MISTAKES``) and
``rong`` (the release as is).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from graders.cells import SOLUTION_MARK, nbgrader_meta
from graders.course import Course, nbgrader_api

HERE = Path(__file__).resolve().parent
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


REFLECTIONS = {
    "01-dia-chi-ip": REFLECTION,
    "02-dinh-tuyen": (
        "Các xã nối về huyện bằng tuyến tĩnh, huyện nối về tỉnh qua mạng TSLCD chạy OSPF; chỉ "
        "hai cán bộ phòng CNTT của Sở được sửa cấu hình bộ định tuyến. Năm ngoái một tuyến tĩnh "
        "10.68.0.0/16 đặt nhầm next hop làm cả huyện mất kết nối nửa ngày. Nếu trước khi áp dụng "
        "tôi chạy hàm kiểm tra next hop và chọn tuyến trên bảng mới thì đã thấy lỗi ngay."
    ),
    "03-dns-dhcp": (
        "Cơ quan tôi có hai máy chủ DNS nội bộ chạy BIND, chỉ phòng CNTT được sửa tệp vùng và "
        "phải chạy named-checkzone trước khi nạp. Dải DHCP của tầng hai từng cạn vào đầu giờ "
        "sáng khi có hội nghị, nhiều máy không vào được Cổng dịch vụ công. Tôi sẽ theo dõi số "
        "hợp đồng thuê đang hiệu lực và cảnh báo khi dải dùng quá 80%."
    ),
    "04-tuong-lua": (
        "Tường lửa ở trung tâm dữ liệu có khoảng 300 luật, chỉ trưởng phòng hạ tầng được duyệt "
        "thay đổi nhưng nhiều luật không ghi lý do và người yêu cầu. Đợt rà soát gần nhất tìm "
        "thấy hàng chục luật tạm thời mở cho nhà thầu từ hai năm trước. Với mạng CSDL, tôi sẽ "
        "chạy tập luật mới ở chế độ ghi nhật ký một tuần, so sánh với tập cũ rồi mới chặn."
    ),
    "05-giam-sat": (
        "Đơn vị tôi giám sát ping và SNMP các đường truyền huyện bằng Zabbix, cảnh báo gửi qua "
        "thư điện tử nên ngoài giờ ít người thấy. Hợp đồng có cam kết SLA 99,5% nhưng chưa bao "
        "giờ đối chiếu với số liệu đo. Trước họp trực tuyến tôi xem tỉ lệ mất gói, độ trễ và "
        "lưu lượng giờ cao điểm của từng huyện có điểm cầu."
    ),
    "06-nhat-ky": (
        "Các máy chủ Linux gửi nhật ký về một máy chủ rsyslog tập trung, giữ sáu tháng; đồng hồ "
        "đồng bộ NTP nhưng vài máy Windows vẫn để giờ UTC. Nếu tài khoản văn thư bị đăng nhập "
        "lúc 2 giờ sáng, tôi khóa tài khoản, chặn địa chỉ nguồn, lưu nhật ký làm bằng chứng và "
        "báo ngay cho đội ứng cứu sự cố của tỉnh theo quy trình."
    ),
    "07-quan-tri-linux": (
        "Ba cán bộ có quyền sudo, không ai đăng nhập trực tiếp bằng root; tệp cấu hình có mật "
        "khẩu để quyền 640. Cơ sở dữ liệu một cửa được sao lưu hằng đêm lên NAS và mỗi tuần chép "
        "ra ổ cứng rời cất ở phòng khác. Lần thử khôi phục gần nhất cách đây một năm, mất bốn "
        "giờ; RPO thực tế là một ngày."
    ),
}

FIRST_MATCH_ROUTE = '''def chon_tuyen(bang: list[dict], dia_chi: str) -> dict | None:
    """Tuyến được chọn cho dia_chi."""
    ip = ipaddress.IPv4Address(dia_chi)
    for tuyen in bang:
        if ip in ipaddress.IPv4Network(tuyen["dich"]):
            return tuyen
    return None
'''

# Typical mistakes of trainees in 02–07, per exercise. A string replaces the whole answer
# cell; a pair (old, new) is the model answer with ``old`` replaced by ``new``; ``None``
# leaves the released stub (skipped exercise).
Answer = str | tuple[str, str] | None
MISTAKES: dict[str, dict[str, Answer]] = {
    "02-dinh-tuyen": {
        # Tuyến khớp đầu tiên thay cho tiền tố dài nhất.
        "chon-tuyen": FIRST_MATCH_ROUTE,
        # Địa chỉ thấp nhất, cao nhất tìm bằng so sánh chuỗi ("10.68.9.0" > "10.68.10.0").
        "tuyen-tong-hop": (
            "thap = min(int(n.network_address) for n in nets)\n"
            "    cao = max(int(n.broadcast_address) for n in nets)",
            "thap = int(min((n.network_address for n in nets), key=str))\n"
            "    cao = int(max((n.broadcast_address for n in nets), key=str))",
        ),
        # Mạng chồng lấn được đếm hai lần (không gộp trước khi cộng).
        "so-dia-chi-thua": (
            "ipaddress.collapse_addresses(ipaddress.IPv4Network(m) for m in cac_mang)",
            "[ipaddress.IPv4Network(m) for m in cac_mang]",
        ),
    },
    "03-dns-dhcp": {
        # Quên tính địa chỉ cuối của dải.
        "so-dia-chi-cap-duoc": (
            "return b - a + 1 - len(trong_dai)",
            "return b - a - len(trong_dai)",
        ),
        # Giờ trong dhcpd.leases là UTC, đọc nhầm thành giờ Việt Nam.
        "dang-thue": (".replace(tzinfo=UTC)", ".replace(tzinfo=GIO_VN)"),
    },
    "04-tuong-lua": {
        # Không luật nào khớp thì cho qua (quên luật chặn ngầm định).
        "danh-gia": ('return "chan", None', 'return "cho-phep", None'),
        # So sánh cổng dạng chuỗi ("1024" < "443").
        "bao-trum": ("return int(dau), int(cuoi or dau)", "return dau, cuoi or dau"),
        # So sánh cả chỉ số luật, không chỉ hành động.
        "goi-doi-ket-qua": (
            "danh_gia(tap_cu, goi_tin)[0] != danh_gia(tap_moi, goi_tin)[0]",
            "danh_gia(tap_cu, goi_tin) != danh_gia(tap_moi, goi_tin)",
        ),
    },
    "05-giam-sat": {
        # Lấy cả lần đo đúng lúc kết thúc khoảng.
        "do-san-sang": ('(df["thoi_gian"] < ket_thuc)', '(df["thoi_gian"] <= ket_thuc)'),
        # Giờ hành chính xét theo giờ UTC của dữ liệu, không đổi sang giờ Việt Nam.
        "sla-gio-hanh-chinh": ('df["thoi_gian"].dt.tz_convert(GIO_VN)', 'df["thoi_gian"]'),
        # Quên bộ đếm Counter32 quay vòng về 0.
        "toc-do-mbps": (".diff().iloc[1:] % 2**32", ".diff().iloc[1:]"),
    },
    "06-nhat-ky": {
        # Đếm mọi lần thất bại, bỏ qua cửa sổ thời gian.
        "do-mat-khau": (
            "if any(moc[i + nguong - 1] - moc[i] <= cua_so for i in range(len(moc) - nguong + 1)):",
            "if len(moc) >= nguong:",
        ),
        # Đếm số lần 404 thay cho số đường dẫn khác nhau.
        "phat-hien-quet": ('["duong_dan"].nunique()', '["duong_dan"].count()'),
        # Đếm mọi lần đăng nhập (cả thành công) là thất bại.
        "tom-tat-su-co": ('"so_lan_that_bai": len(sai)', '"so_lan_that_bai": len(cua_ip)'),
    },
    "07-quan-tri-linux": {
        # Cho root mọi quyền, kể cả chạy tệp không có bit x nào.
        "co-quyen": ('return quyen != "x" or bool(che_do & 0o111)', "return True"),
        # Nhóm ngày, tuần, tháng theo giờ UTC của danh mục.
        "giu-lai-gfs": ("nhom_cua(moc.astimezone(GIO_VN))", "nhom_cua(moc)"),
        # Quên loại các bản chưa thử khôi phục.
        "diem-khoi-phuc": ('        & danh_muc["da_kiem_tra"]\n', ""),
    },
}


def solution_of(cell: nbformat.NotebookNode) -> str:
    """The source cell with its solution delimiters removed (the model answer)."""
    begin, end = SOLUTION_MARK
    return "\n".join(
        line for line in cell.source.split("\n") if begin not in line and end not in line
    )


def release_and_source(
    assignment: str,
) -> tuple[str, nbformat.NotebookNode, dict[str, nbformat.NotebookNode]]:
    """The notebook's file name, its release and its source cells by grade_id."""
    course = Course.find("network-admin")
    (path,) = (course.root / "source" / assignment).glob("*.ipynb")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        shutil.copytree(course.root / "source" / assignment, root / "source" / assignment)
        api = nbgrader_api(course.config(root=root))
        result = api.generate_assignment(assignment)
        assert result["success"], result.get("error")
        release = nbformat.read(root / "release" / assignment / path.name, as_version=4)
    source = nbformat.read(path, as_version=4)
    by_id = {nbgrader_meta(c)["grade_id"]: c for c in source.cells if nbgrader_meta(c)}
    return path.name, release, by_id


def answer(cell: nbformat.NotebookNode, spec: Answer) -> str | None:
    """The answer ``spec`` describes for the source cell (see ``MISTAKES``)."""
    if not isinstance(spec, tuple):
        return spec
    old, new = spec
    model = solution_of(cell)
    if old not in model:  # the model answer changed: rewrite the mistake against it
        raise ValueError(f"{nbgrader_meta(cell)['grade_id']}: {old!r} not in the model answer")
    return model.replace(old, new)


def fill(
    release: nbformat.NotebookNode,
    source: dict[str, nbformat.NotebookNode],
    answers: dict[str, Answer],
    reflection: str = REFLECTION,
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
            text = answer(source[grade_id], answers[grade_id])
            if text is not None:
                cell.source = text.rstrip("\n")  # as Jupyter saves a cell
        elif cell.cell_type == "markdown":
            cell.source = reflection
        else:
            cell.source = solution_of(source[grade_id])
    return nb


def harness_cases(
    release: nbformat.NotebookNode, source: dict[str, nbformat.NotebookNode]
) -> dict[str, nbformat.NotebookNode]:
    """The cases of 01, which also pin down the grading limits."""
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
    return cases


def main(assignments: list[str]) -> None:
    for assignment in assignments:
        name, release, source = release_and_source(assignment)
        if assignment == "01-dia-chi-ip":
            cases = harness_cases(release, source)
        else:
            reflection = REFLECTIONS[assignment]
            cases = {
                "dung": fill(release, source, {}, reflection),
                "sai-thuong-gap": fill(release, source, MISTAKES[assignment], reflection),
                "rong": fill(release, source, dict.fromkeys(source)),
            }
        for case, nb in cases.items():
            folder = HERE / assignment / case
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / name)
            print(folder / name)


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(p.name for p in (HERE.parent / "source").iterdir() if p.is_dir()))
