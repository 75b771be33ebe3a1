"""Regenerate the sample submissions of every network-admin assignment from its release.

Run from the repository root after changing an assignment, then review the diff and the
expected scores in ``<assignment>/expected.toml``:
``.venv/bin/python courses/network-admin/samples/make_samples.py [assignment ...]``.
Each case starts from the student version nbgrader generates, as a trainee would get it
(``graders.samples`` does the notebook work). Assignment 01 holds its own, richer harness
cases (an interrupt-proof loop, a crash and a memory bomb at chosen cells); 02–09 hold
``dung`` (model answers), ``sai-thuong-gap`` (typical mistakes, ``MISTAKES``), ``rong`` (the
release as is) and the failure cases of ``graders.samples.failure_cases``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import nbformat

from graders.cells import nbgrader_meta
from graders.course import Course
from graders.samples import failure_cases, fill, release_and_source, solution_of

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
REFLECTION = (
    "Phường tôi dùng khối 10.68.33.0/24 do Trung tâm dữ liệu tỉnh cấp; bảng quy hoạch lưu trong "
    "một tệp Excel ở bộ phận CNTT. Sau khi ba phường cũ sáp nhập ngày 01/7/2025, hai trụ sở cũ "
    "cùng dùng dải 192.168.1.0/24 nên máy in bị mất kết nối. Nếu quy hoạch lại, tôi để dự "
    "phòng khoảng 30% cho các sở, cấp cho mỗi xã, phường sau sáp nhập một mạng lớn hơn một bậc "
    "vì số cán bộ dồn về trụ sở mới, và bắt đầu chạy song song IPv6 ở trung tâm dữ liệu trước."
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
        "Các xã nối về điểm tập trung khu vực bằng tuyến tĩnh, khu vực nối về tỉnh qua mạng "
        "TSLCD chạy OSPF; chỉ hai cán bộ của Trung tâm dữ liệu được sửa cấu hình bộ định tuyến. "
        "Năm ngoái một tuyến tĩnh 10.68.0.0/16 đặt nhầm next hop làm cả một khu vực mất kết nối "
        "nửa ngày. Nếu trước khi áp dụng tôi chạy hàm kiểm tra next hop và chọn tuyến trên bảng "
        "mới thì đã thấy lỗi ngay."
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
        "Đơn vị tôi giám sát ping và SNMP các đường truyền khu vực bằng Zabbix, cảnh báo gửi qua "
        "thư điện tử nên ngoài giờ ít người thấy. Hợp đồng có cam kết SLA 99,5% nhưng chưa bao "
        "giờ đối chiếu với số liệu đo. Trước họp trực tuyến tôi xem tỉ lệ mất gói, độ trễ và "
        "lưu lượng giờ cao điểm của từng khu vực có xã làm điểm cầu."
    ),
    "06-nhat-ky": (
        "Các máy chủ Linux gửi nhật ký về một máy chủ rsyslog tập trung, giữ sáu tháng; đồng hồ "
        "đồng bộ NTP nhưng vài máy Windows vẫn để giờ UTC. Nếu tài khoản văn thư bị đăng nhập "
        "lúc 2 giờ sáng, tôi khóa tài khoản, chặn địa chỉ nguồn, lưu nhật ký làm bằng chứng và "
        "báo ngay cho đội ứng cứu sự cố của tỉnh theo quy trình."
    ),
    "07-quan-tri-linux": (
        "Ba cán bộ có quyền sudo, không ai đăng nhập trực tiếp bằng root; tệp cấu hình có mật "
        "khẩu để quyền 640. Zabbix cảnh báo khi một phân vùng dùng quá 85% và khi systemd báo "
        "failed. Dịch vụ QLVB chạy bằng tài khoản riêng với Restart=on-failure, nhưng dịch vụ "
        "một cửa do nhà thầu cài vẫn chạy bằng root. Nếu gặp tình huống như trong bài, tôi xem "
        "journalctl -u trước, rồi sửa tệp unit, chạy daemon-reload và kiểm tra lại."
    ),
    "08-sao-luu-khoi-phuc": (
        "Cơ sở dữ liệu một cửa được sao lưu hằng đêm lên NAS, giữ 14 bản, và mỗi tuần chép ra ổ "
        "cứng rời cất ở phòng khác; chưa có bản ở ngoài trụ sở. Lần thử khôi phục gần nhất cách "
        "đây một năm, mất bốn giờ; RPO thực tế là một ngày. Tôi sẽ đề nghị chép thêm một bản lên "
        "trung tâm dữ liệu tỉnh và diễn tập khôi phục mỗi quý."
    ),
    "09-tu-dong-hoa": (
        "Bảng kiểm kê khoảng 400 thiết bị nằm trong một tệp Excel dùng chung; sau khi sáp nhập "
        "xã ngày 01/7/2025 chúng tôi ghép bảng của ba đơn vị cũ và thấy nhiều tên trùng chỉ khác "
        "chữ hoa. Cấu hình được Oxidized lấy về hằng đêm nhưng chưa ai so với cấu hình chuẩn. "
        "Tôi sẽ làm sạch bảng kiểm kê trước, rồi chạy kiểm tra lệch mỗi sáng bằng một tài khoản "
        "chỉ đọc, dùng khóa SSH và chỉ đăng nhập được từ máy chủ tự động hóa."
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

# Typical mistakes of trainees in 02–09, per exercise. A string replaces the whole answer
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
        # Coi enabled-runtime (mất khi khởi động lại) là đã bật.
        "dich-vu-can-xu-ly": (
            'unit["UnitFileState"] != "enabled"',
            'not unit["UnitFileState"].startswith("enabled")',
        ),
        # Bỏ qua DynamicUser=yes (chỉ kiểm thử ẩn bắt được).
        "kiem-tra-unit": (" and not dong_tam:", ":"),
    },
    "08-sao-luu-khoi-phuc": {
        # Đòi cả ngày-trong-tháng lẫn thứ-trong-tuần cùng khớp (chỉ kiểm thử ẩn bắt được).
        "lan-chay-tiep": ("return khop_ngay or khop_thu", "return khop_ngay and khop_thu"),
        # Nhóm ngày, tuần, tháng theo giờ UTC của danh mục.
        "giu-lai-gfs": ("nhom_cua(moc.astimezone(GIO_VN))", "nhom_cua(moc)"),
        # Quên loại các bản chưa thử khôi phục.
        "diem-khoi-phuc": ('        & danh_muc["da_kiem_tra"]\n', ""),
    },
    "09-tu-dong-hoa": {
        # So sánh tên máy có phân biệt chữ hoa, chữ thường.
        "loi-kiem-ke": ('tb["ten"].casefold()', 'tb["ten"]'),
        # So sánh bộ số phiên bản mà không thêm số 0: (16, 11) < (16, 11, 0).
        "can-nang-cap": (
            "if so(co, do_dai) < so(can, do_dai):",
            'if tuple(map(int, co.split("."))) < tuple(map(int, can.split("."))):',
        ),
        # Đúng bằng hạn đã coi là quá hạn (chỉ kiểm thử ẩn bắt được).
        "qua-han-sao-luu": ("> timedelta(hours=so_gio)", ">= timedelta(hours=so_gio)"),
    },
}


def answer(cell: nbformat.NotebookNode, spec: Answer) -> str | None:
    """The answer ``spec`` describes for the source cell (see ``MISTAKES``)."""
    if not isinstance(spec, tuple):
        return spec
    old, new = spec
    model = solution_of(cell)
    if old not in model:  # the model answer changed: rewrite the mistake against it
        raise ValueError(f"{nbgrader_meta(cell)['grade_id']}: {old!r} not in the model answer")
    return model.replace(old, new)


def answers_of(
    source: dict[str, nbformat.NotebookNode], specs: dict[str, Answer]
) -> dict[str, str | None]:
    """``graders.samples.fill`` answers from ``MISTAKES``-style specs, as Jupyter saves them."""
    out = {}
    for grade_id, spec in specs.items():
        text = answer(source[grade_id], spec)
        out[grade_id] = None if text is None else text.rstrip("\n")
    return out


def harness_cases(
    release: nbformat.NotebookNode, source: dict[str, nbformat.NotebookNode]
) -> dict[str, nbformat.NotebookNode]:
    """The cases of 01, which also pin down the grading limits."""

    def case(specs: dict[str, Answer]) -> nbformat.NotebookNode:
        return fill(release, source, answers_of(source, specs), REFLECTION)

    cases: dict[str, nbformat.NotebookNode] = {
        "dung": case({}),
        "dung-mot-phan": case(
            {
                "so-host": SO_HOST_OFF_BY_ONE,
                "ty-le-lang-phi": WASTE_WITH_ALL_ADDRESSES,
                "mang-ipv6-thu": None,
            }
        ),
        "vong-lap-vo-han": case({"ty-le-lang-phi": WASTE_INFINITE_LOOP}),
        "bat-ca-ngat": case(
            {"ty-le-lang-phi": solution_of(source["ty-le-lang-phi"]) + WASTE_IGNORES_INTERRUPT}
        ),
        "kernel-chet": case(
            {"tim-chong-lan": CRASH + "\n\n" + solution_of(source["tim-chong-lan"])}
        ),
        "bom-bo-nho": case(
            {"quy-hoach-vlsm": MEMORY_BOMB + "\n\n" + solution_of(source["quy-hoach-vlsm"])}
        ),
        "rong": fill(release, source, dict.fromkeys(source), REFLECTION),
    }
    tampered = case({"so-host": SO_HOST_WRONG})
    for cell in list(tampered.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id == "so-host-kiem-tra":
            cell.source = "# Đã sửa: bỏ kiểm tra.\npass"
            cell.metadata["nbgrader"]["points"] = 100
        elif grade_id == "so-host-an":
            tampered.cells.remove(cell)
    cases["sua-o-kiem-thu"] = tampered
    return cases


def cases_of(
    assignment: str, release: nbformat.NotebookNode, source: dict[str, nbformat.NotebookNode]
) -> dict[str, nbformat.NotebookNode]:
    """Every sample of one assignment by case name."""
    if assignment == "01-dia-chi-ip":
        return harness_cases(release, source)
    reflection = REFLECTIONS[assignment]
    mistakes = answers_of(source, MISTAKES[assignment])
    return {
        "dung": fill(release, source, {}, reflection),
        "sai-thuong-gap": fill(release, source, mistakes, reflection),
        "rong": fill(release, source, dict.fromkeys(source), reflection),
        **failure_cases(release, source, reflection),
    }


def main(assignments: list[str]) -> None:
    course = Course.find("network-admin")
    for assignment in assignments:
        releases, sources = release_and_source(course, assignment)
        for name, release in releases.items():
            for case, nb in cases_of(assignment, release, sources[name]).items():
                folder = HERE / assignment / case
                folder.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, folder / name)
                log.info("wrote %s", folder / name)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main(sys.argv[1:] or sorted(p.name for p in (HERE.parent / "source").iterdir() if p.is_dir()))
