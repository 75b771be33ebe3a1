# %% [markdown]
# # Bài 9. Tự động hóa: kiểm kê thiết bị và phát hiện lệch cấu hình
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 1 (mô-đun `ipaddress`), Bài 2 (bảng định tuyến), Bài 5 (thời
# gian có múi giờ); đã xem cấu hình của bộ định tuyến hoặc thiết bị chuyển mạch (`show
# running-config`).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. kiểm tra một bảng kiểm kê (inventory) thiết bị: tên trùng, địa chỉ quản lý trùng, sai hoặc
#    nằm ngoài dải quản lý;
# 2. so sánh số phiên bản phần mềm đúng cách để tìm thiết bị cần nâng cấp;
# 3. đọc cấu hình dạng phân cấp theo thụt lề (như Cisco IOS) thành các đường dẫn cấu hình;
# 4. phát hiện lệch cấu hình (configuration drift) so với cấu hình chuẩn (baseline): dòng bắt
#    buộc bị thiếu, dòng bị cấm vẫn còn;
# 5. tìm thiết bị chưa được sao lưu cấu hình đúng hạn khi mốc thời gian ghi theo UTC.
#
# Mọi việc đều làm bằng Python trên dữ liệu được cung cấp; bài không kết nối tới thiết bị thật
# nào. Trong thực tế, cấu hình được lấy về hằng đêm bằng các công cụ như Ansible, Netmiko hay
# Oxidized, rồi được kiểm tra bằng những hàm giống hệt các hàm trong bài.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 16 điểm: 13 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Bối cảnh.** Trung tâm dữ liệu tỉnh Sơn Hà quản lý các thiết bị mạng của tỉnh: bộ định tuyến
# lõi, tường lửa, bộ định tuyến của các khu vực (điểm tập trung đường truyền của các xã,
# phường; xem Bài 1) và thiết bị chuyển mạch ở các sở và xã, phường. Sau khi sắp xếp đơn vị
# hành chính ngày 01/7/2025, bảng kiểm kê được ghép từ nhiều tệp Excel của các đơn vị cũ nên
# có trùng lặp và sai sót. Mọi thiết bị phải có địa chỉ quản lý trong dải
# `10.68.250.0/23` (mạng quản lý, chỉ máy quản trị ở trung tâm dữ liệu vào được).

# %% nbgrader={"grade": false, "grade_id": "du-lieu-kiem-ke", "locked": true, "schema_version": 3, "solution": false}
import ipaddress
from datetime import UTC, datetime, timedelta, timezone

GIO_VN = timezone(timedelta(hours=7), "ICT")  # Việt Nam không dùng giờ mùa hè
DAI_QUAN_LY = "10.68.250.0/23"


COT_KIEM_KE = ("ten", "loai", "noi_dat", "dia_chi_quan_ly", "dong", "phien_ban")


def _tb(*gia_tri: str) -> dict:
    """Một dòng của bảng kiểm kê, theo thứ tự các cột COT_KIEM_KE."""
    return dict(zip(COT_KIEM_KE, gia_tri, strict=True))


KIEM_KE = [
    _tb("R-TTDL", "bo-dinh-tuyen", "Trung tâm dữ liệu tỉnh", "10.68.250.1", "ios-xe", "17.9.4"),
    _tb("FW-TTDL", "tuong-lua", "Trung tâm dữ liệu tỉnh", "10.68.250.2", "fortios", "7.2.10"),
    _tb("FW-DMZ", "tuong-lua", "Trung tâm dữ liệu tỉnh", "10.68.250.3", "fortios", "7.0.15"),
    _tb("R-KV-TANLAP", "bo-dinh-tuyen", "Khu vực Tân Lập", "10.68.250.11", "ios-xe", "17.6.5"),
    _tb("R-KV-YENHOA", "bo-dinh-tuyen", "Khu vực Yên Hòa", "10.68.250.12", "ios-xe", "17.12.1"),
    _tb("R-KV-DONGSON", "bo-dinh-tuyen", "Khu vực Đông Sơn", "10.68.250.13", "ios-xe", "17.9.3"),
    _tb("SW-SO-YTE", "chuyen-mach", "Sở Y tế", "10.68.250.31", "aos-sw", "16.11"),
    _tb("SW-SO-NOIVU", "chuyen-mach", "Sở Nội vụ", "10.68.250.32", "aos-sw", "16.10.0.25"),
    _tb(
        "SW-SO-KHCN", "chuyen-mach", "Sở Khoa học và Công nghệ", "10.68.252.5", "aos-sw", "16.11.0"
    ),
    _tb("SW-PHUONG-TANLAP", "chuyen-mach", "Phường Tân Lập", "10.68.250.12", "aos-sw", "16.11.0.2"),
    _tb("SW-XA-HOABINH", "chuyen-mach", "Xã Hòa Bình", "10.68.251.40", "aos-sw", "16.11.0.2"),
    _tb(
        "sw-xa-hoabinh",
        "chuyen-mach",
        "Xã Hòa Bình (trụ sở cũ)",
        "10.68.251.41",
        "aos-sw",
        "16.9.0.1",
    ),
    _tb("AP-SO-TAICHINH", "diem-truy-cap", "Sở Tài chính", "10.68.250.300", "aos-ap", "8.10.0.6"),
]

for thiet_bi in KIEM_KE:
    print(f"{thiet_bi['ten']:18} {thiet_bi['dia_chi_quan_ly']:15} {thiet_bi['noi_dat']}")

# %% [markdown]
# ## Phần 1. Kiểm tra bảng kiểm kê (2 điểm)
#
# Công cụ tự động hóa dựa vào bảng kiểm kê để biết kết nối tới đâu; một dòng sai là một thiết
# bị bị bỏ sót hoặc bị cấu hình nhầm. Ba lỗi hay gặp khi ghép bảng:
#
# - **tên trùng**: tên máy (hostname) không phân biệt chữ hoa, chữ thường (như tên miền, RFC
#   4343), nên `SW-XA-HOABINH` và `sw-xa-hoabinh` là **cùng một tên**;
# - **địa chỉ quản lý trùng**: hai thiết bị cùng địa chỉ thì công cụ kết nối nhầm thiết bị;
# - **địa chỉ sai** (`10.68.250.300` không phải địa chỉ IPv4) hoặc **nằm ngoài dải quản lý**.
#
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `loi_kiem_ke(kiem_ke, dai_quan_ly)` trả về `list` (sắp xếp) các `tuple`
# `(tên_thiết_bị, mã_lỗi)` với mã lỗi `"trung-ten"`, `"trung-ip"`, `"ip-khong-hop-le"`,
# `"ngoai-dai-quan-ly"`. Khi trùng, **mọi** thiết bị trong nhóm trùng đều bị ghi lỗi (không chỉ
# thiết bị thứ hai). Địa chỉ không hợp lệ chỉ có lỗi `"ip-khong-hop-le"` (không xét trùng hay
# ngoài dải).


# %% nbgrader={"grade": false, "grade_id": "loi-kiem-ke", "locked": false, "schema_version": 3, "solution": true}
def loi_kiem_ke(kiem_ke: list[dict], dai_quan_ly: str) -> list[tuple[str, str]]:
    """Các lỗi (tên thiết bị, mã lỗi) của bảng kiểm kê."""
    ### BEGIN SOLUTION
    dai = ipaddress.IPv4Network(dai_quan_ly)
    loi = set()
    theo_ten: dict[str, list[str]] = {}
    theo_ip: dict[ipaddress.IPv4Address, list[str]] = {}
    for tb in kiem_ke:
        theo_ten.setdefault(tb["ten"].casefold(), []).append(tb["ten"])
        try:
            ip = ipaddress.IPv4Address(tb["dia_chi_quan_ly"])
        except ValueError:
            loi.add((tb["ten"], "ip-khong-hop-le"))
            continue
        theo_ip.setdefault(ip, []).append(tb["ten"])
        if ip not in dai:
            loi.add((tb["ten"], "ngoai-dai-quan-ly"))
    for ma, nhom in (("trung-ten", theo_ten), ("trung-ip", theo_ip)):
        for cac_ten in nhom.values():
            if len(cac_ten) > 1:
                loi.update((ten, ma) for ten in cac_ten)
    return sorted(loi)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "loi-kiem-ke-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    loi_kiem_ke(KIEM_KE, DAI_QUAN_LY),
    [
        ("AP-SO-TAICHINH", "ip-khong-hop-le"),
        ("R-KV-YENHOA", "trung-ip"),
        ("SW-PHUONG-TANLAP", "trung-ip"),
        ("SW-SO-KHCN", "ngoai-dai-quan-ly"),
        ("SW-XA-HOABINH", "trung-ten"),
        ("sw-xa-hoabinh", "trung-ten"),
    ],
    what="các lỗi của bảng kiểm kê",
)

# %% nbgrader={"grade": true, "grade_id": "loi-kiem-ke-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: dải quản lý khác, ba thiết bị trùng, một thiết bị có nhiều lỗi, bảng rỗng.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    loi_kiem_ke(KIEM_KE, "10.68.250.0/24"),
    [
        ("AP-SO-TAICHINH", "ip-khong-hop-le"),
        ("R-KV-YENHOA", "trung-ip"),
        ("SW-PHUONG-TANLAP", "trung-ip"),
        ("SW-SO-KHCN", "ngoai-dai-quan-ly"),
        ("SW-XA-HOABINH", "ngoai-dai-quan-ly"),
        ("SW-XA-HOABINH", "trung-ten"),
        ("sw-xa-hoabinh", "ngoai-dai-quan-ly"),
        ("sw-xa-hoabinh", "trung-ten"),
    ],
    what="các lỗi của bảng kiểm kê với dải quản lý /24",
)
_bang = [
    _tb("A", "x", "-", "10.0.0.1", "-", "1"),
    _tb("B", "x", "-", "10.0.0.1", "-", "1"),
    _tb("C", "x", "-", "10.0.0.1", "-", "1"),
    _tb("c", "x", "-", "192.168.1.1", "-", "1"),
    _tb("D", "x", "-", "10.0.0.01", "-", "1"),
    _tb("E", "x", "-", "", "-", "1"),
]
assert_equal(
    loi_kiem_ke(_bang, "10.0.0.0/8"),
    [
        ("A", "trung-ip"),
        ("B", "trung-ip"),
        ("C", "trung-ip"),
        ("C", "trung-ten"),
        ("D", "ip-khong-hop-le"),
        ("E", "ip-khong-hop-le"),
        ("c", "ngoai-dai-quan-ly"),
        ("c", "trung-ten"),
    ],
    what="các lỗi của một bảng kiểm kê nhỏ",
)
assert_equal(loi_kiem_ke([], DAI_QUAN_LY), [], what="các lỗi của bảng kiểm kê rỗng")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Phiên bản phần mềm (3 điểm)
#
# Nhà sản xuất công bố lỗ hổng theo phiên bản, nên việc đầu tiên khi có cảnh báo an ninh là
# tìm các thiết bị chạy phiên bản cũ hơn bản đã vá. Số phiên bản gồm các số cách nhau bằng
# dấu chấm và phải so sánh **từng số một**, không so sánh chuỗi: `"17.12.1"` mới hơn
# `"17.9.4"` (12 > 9) dù `"17.12.1" < "17.9.4"` là `True` theo thứ tự chữ cái. Thiếu số ở
# cuối coi như số 0: `"16.11"` là `16.11.0`, không cũ hơn `"16.11.0"`. Cẩn thận:
# `(16, 11) < (16, 11, 0)` là `True` trong Python.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-phien-ban", "locked": true, "schema_version": 3, "solution": false}
# Phiên bản tối thiểu (đã vá các lỗ hổng đã biết) theo dòng phần mềm, tháng 3/2026.
TOI_THIEU = {"ios-xe": "17.9.4", "fortios": "7.2.8", "aos-sw": "16.11.0"}

# %% [markdown]
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `can_nang_cap(kiem_ke, toi_thieu)` trả về `list` (sắp xếp) tên các thiết bị có
# phiên bản **cũ hơn hẳn** phiên bản tối thiểu của dòng phần mềm (`"dong"`) của nó. Thiết bị
# thuộc dòng không có trong `toi_thieu` thì bỏ qua.


# %% nbgrader={"grade": false, "grade_id": "can-nang-cap", "locked": false, "schema_version": 3, "solution": true}
def can_nang_cap(kiem_ke: list[dict], toi_thieu: dict[str, str]) -> list[str]:
    """Tên các thiết bị chạy phiên bản cũ hơn phiên bản tối thiểu của dòng phần mềm."""

    ### BEGIN SOLUTION
    def so(phien_ban: str, do_dai: int) -> tuple[int, ...]:
        cac_so = [int(x) for x in phien_ban.split(".")]
        return tuple(cac_so + [0] * (do_dai - len(cac_so)))

    ket_qua = []
    for tb in kiem_ke:
        if tb["dong"] not in toi_thieu:
            continue
        co, can = tb["phien_ban"], toi_thieu[tb["dong"]]
        do_dai = max(co.count("."), can.count(".")) + 1
        if so(co, do_dai) < so(can, do_dai):
            ket_qua.append(tb["ten"])
    return sorted(ket_qua)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "can-nang-cap-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    can_nang_cap(KIEM_KE, TOI_THIEU),
    ["FW-DMZ", "R-KV-DONGSON", "R-KV-TANLAP", "SW-SO-NOIVU", "sw-xa-hoabinh"],
    what="các thiết bị cần nâng cấp",
)

# %% nbgrader={"grade": true, "grade_id": "can-nang-cap-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: phiên bản bằng nhau, khác số chữ số, thiếu số ở cuối ở cả hai phía.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    can_nang_cap(KIEM_KE, {"ios-xe": "17.12.1", "aos-sw": "16.11.0.2"}),
    [
        "R-KV-DONGSON",
        "R-KV-TANLAP",
        "R-TTDL",
        "SW-SO-KHCN",
        "SW-SO-NOIVU",
        "SW-SO-YTE",
        "sw-xa-hoabinh",
    ],
    what="các thiết bị cần nâng cấp với mức tối thiểu khác",
)
_ds = [
    _tb("a", "x", "-", "-", "p", "2.10"),
    _tb("b", "x", "-", "-", "p", "2.9.9"),
    _tb("c", "x", "-", "-", "p", "2.10.0.0"),
    _tb("d", "x", "-", "-", "p", "10.0"),
    _tb("e", "x", "-", "-", "q", "1.0"),
    _tb("f", "x", "-", "-", "p", "2.9.10"),
]
assert_equal(can_nang_cap(_ds, {"p": "2.10.0"}), ["b", "f"], what="các thiết bị cần nâng cấp")
assert_equal(can_nang_cap(_ds, {"p": "2.9.10"}), ["b"], what="các thiết bị cần nâng cấp")
assert_equal(can_nang_cap(_ds, {}), [], what="khi không có mức tối thiểu nào")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Cấu hình phân cấp (3 điểm)
#
# Cấu hình của bộ định tuyến, thiết bị chuyển mạch (Cisco IOS, Aruba, Huawei VRP…) là văn bản
# phân cấp theo thụt lề: các dòng thụt vào thuộc về dòng ít thụt hơn gần nhất ở phía trên.
# Dòng `!` chỉ là dấu ngăn cách, dòng trống cũng không có nghĩa. Cùng một dòng
# `transport input ssh` có nghĩa khác nhau dưới `line vty 0 4` và dưới `line vty 5 15`, nên
# không thể so sánh cấu hình theo từng dòng rời rạc. Cách làm: biến mỗi dòng thành một **đường
# dẫn** gồm các dòng cha và chính nó, nối bằng `" > "`:
#
# ```
# line vty 0 4
#  transport input ssh
# ```
#
# cho hai đường dẫn `"line vty 0 4"` và `"line vty 0 4 > transport input ssh"`.
#
# ### Bài tập 3 (3 điểm)
#
# Viết hàm `cay_cau_hinh(cau_hinh)` trả về `set` các đường dẫn của một cấu hình. Bỏ qua dòng
# trống và dòng mà sau khi bỏ khoảng trắng đầu bắt đầu bằng `!`; bỏ khoảng trắng ở đầu và
# cuối mỗi dòng khi ghép đường dẫn. Cha của một dòng là dòng gần nhất phía trên có **ít khoảng
# trắng đầu dòng hơn**; cấu hình có thể lồng nhiều cấp.


# %% nbgrader={"grade": false, "grade_id": "cay-cau-hinh", "locked": false, "schema_version": 3, "solution": true}
def cay_cau_hinh(cau_hinh: str) -> set[str]:
    """Các đường dẫn (dòng cha > ... > dòng) của một cấu hình phân cấp theo thụt lề."""
    ### BEGIN SOLUTION
    duong_dan = set()
    ngan_xep: list[tuple[int, str]] = []
    for dong in cau_hinh.splitlines():
        noi_dung = dong.strip()
        if not noi_dung or noi_dung.startswith("!"):
            continue
        thut = len(dong) - len(dong.lstrip())
        while ngan_xep and ngan_xep[-1][0] >= thut:
            ngan_xep.pop()
        ngan_xep.append((thut, noi_dung))
        duong_dan.add(" > ".join(x for _, x in ngan_xep))
    return duong_dan
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cay-cau-hinh-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    cay_cau_hinh("hostname R1\n!\nline vty 0 4\n transport input ssh\n exec-timeout 10 0\n"),
    {
        "hostname R1",
        "line vty 0 4",
        "line vty 0 4 > transport input ssh",
        "line vty 0 4 > exec-timeout 10 0",
    },
    what="các đường dẫn cấu hình",
)

# %% nbgrader={"grade": true, "grade_id": "cay-cau-hinh-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: lồng ba cấp, quay lại cấp trên, dòng ! thụt lề, khoảng trắng cuối dòng, cùng một
# dòng con dưới hai dòng cha.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_cau_hinh = """!
router bgp 65068
 neighbor 10.68.253.1 remote-as 65000
 address-family ipv4
  network 10.68.0.0 mask 255.255.0.0
  neighbor 10.68.253.1 activate
 exit-address-family
!
interface GigabitEthernet0/0/1
 description TSLCD
 no shutdown
 !
interface GigabitEthernet0/0/2
 shutdown

ntp server 10.68.0.5
""".replace("0/0/1\n", "0/0/1   \n")  # khoảng trắng thừa cuối dòng, như khi chép từ màn hình
assert_equal(
    cay_cau_hinh(_cau_hinh),
    {
        "router bgp 65068",
        "router bgp 65068 > neighbor 10.68.253.1 remote-as 65000",
        "router bgp 65068 > address-family ipv4",
        "router bgp 65068 > address-family ipv4 > network 10.68.0.0 mask 255.255.0.0",
        "router bgp 65068 > address-family ipv4 > neighbor 10.68.253.1 activate",
        "router bgp 65068 > exit-address-family",
        "interface GigabitEthernet0/0/1",
        "interface GigabitEthernet0/0/1 > description TSLCD",
        "interface GigabitEthernet0/0/1 > no shutdown",
        "interface GigabitEthernet0/0/2",
        "interface GigabitEthernet0/0/2 > shutdown",
        "ntp server 10.68.0.5",
    },
    what="các đường dẫn của một cấu hình BGP",
)
assert_equal(
    cay_cau_hinh("a\n   b\n   c\n      d\n  e\n"),
    {"a", "a > b", "a > c", "a > c > d", "a > e"},
    what="các đường dẫn khi thụt lề không đều",
)
assert_equal(cay_cau_hinh("!\n\n! chỉ có chú thích\n"), set(), what="cấu hình chỉ có chú thích")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Lệch cấu hình so với cấu hình chuẩn (3 điểm)
#
# Quy chế an toàn thông tin của tỉnh đặt ra một **cấu hình chuẩn** mọi thiết bị phải có (đồng
# bộ giờ, gửi nhật ký về máy chủ tập trung, chỉ quản trị qua SSH…) và một danh sách **dòng bị
# cấm** (telnet, chuỗi cộng đồng SNMP mặc định). Lệch cấu hình là khi thiết bị thiếu một đường
# dẫn của cấu hình chuẩn hoặc còn một đường dẫn bị cấm. Đừng tìm chuỗi con trong văn bản cấu
# hình: `"ntp server 10.68.0.5"` là chuỗi con của `"ntp server 10.68.0.50"` — một máy chủ
# khác.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-cau-hinh", "locked": true, "schema_version": 3, "solution": false}
CHUAN = """service password-encryption
no ip http server
ip ssh version 2
ntp server 10.68.0.5
logging host 10.68.0.6
line vty 0 4
 transport input ssh
 exec-timeout 10 0
"""
CAM = [
    "snmp-server community public RO",
    "snmp-server community private RW",
    "line vty 0 4 > transport input telnet",
    "line vty 0 4 > transport input all",
]

# Cấu hình đang chạy, lấy về đêm 11/3/2026 (rút gọn).
CAU_HINH = {
    "R-TTDL": """hostname R-TTDL
service password-encryption
no ip http server
ip ssh version 2
ntp server 10.68.0.5
logging host 10.68.0.6
!
line vty 0 4
 exec-timeout 10 0
 transport input ssh
""",
    "R-KV-TANLAP": """hostname R-KV-TANLAP
service password-encryption
no ip http server
ip ssh version 2
ntp server 10.68.0.50
logging host 10.68.0.6
!
line vty 0 4
 transport input telnet
 exec-timeout 10 0
""",
    "R-KV-YENHOA": """hostname R-KV-YENHOA
service password-encryption
no ip http server
ip ssh version 2
ntp server 10.68.0.5
logging host 10.68.0.6
snmp-server community public RO
!
line vty 0 4
 exec-timeout 10 0
line vty 5 15
 transport input ssh
""",
    "R-KV-DONGSON": """hostname R-KV-DONGSON
service password-encryption
ip http server
ip ssh version 2
ntp server 10.68.0.5
logging host 10.68.0.6
!
line vty 0 4
 exec-timeout 10 0
 transport input ssh
 transport input all
""",
}

# %% [markdown]
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `lech_cau_hinh(cau_hinh, chuan, cam)` trả về `dict`
# `{"thieu": list, "cam": list}`: `"thieu"` là các đường dẫn của `chuan` không có trong
# `cau_hinh`, `"cam"` là các đường dẫn trong `cam` có trong `cau_hinh`; cả hai danh sách sắp
# xếp tăng dần. Dùng hàm `cay_cau_hinh` của Bài tập 3.


# %% nbgrader={"grade": false, "grade_id": "lech-cau-hinh", "locked": false, "schema_version": 3, "solution": true}
def lech_cau_hinh(cau_hinh: str, chuan: str, cam: list[str]) -> dict[str, list[str]]:
    """Các đường dẫn chuẩn bị thiếu và các đường dẫn bị cấm có trong một cấu hình."""
    ### BEGIN SOLUTION
    co = cay_cau_hinh(cau_hinh)
    return {
        "thieu": sorted(cay_cau_hinh(chuan) - co),
        "cam": sorted(set(cam) & co),
    }
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "lech-cau-hinh-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    lech_cau_hinh(CAU_HINH["R-TTDL"], CHUAN, CAM),
    {"thieu": [], "cam": []},
    what="độ lệch cấu hình của R-TTDL",
)
assert_equal(
    lech_cau_hinh(CAU_HINH["R-KV-TANLAP"], CHUAN, CAM),
    {
        "thieu": ["line vty 0 4 > transport input ssh", "ntp server 10.68.0.5"],
        "cam": ["line vty 0 4 > transport input telnet"],
    },
    what="độ lệch cấu hình của R-KV-TANLAP",
)

# %% nbgrader={"grade": true, "grade_id": "lech-cau-hinh-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: dòng đúng nhưng sai dòng cha, dòng cấm và dòng phủ định, cấu hình rỗng.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    lech_cau_hinh(CAU_HINH["R-KV-YENHOA"], CHUAN, CAM),
    {"thieu": ["line vty 0 4 > transport input ssh"], "cam": ["snmp-server community public RO"]},
    what="độ lệch cấu hình của R-KV-YENHOA",
)
assert_equal(
    lech_cau_hinh(CAU_HINH["R-KV-DONGSON"], CHUAN, CAM),
    {"thieu": ["no ip http server"], "cam": ["line vty 0 4 > transport input all"]},
    what="độ lệch cấu hình của R-KV-DONGSON",
)
assert_equal(
    lech_cau_hinh("", CHUAN, CAM),
    {
        "thieu": [
            "ip ssh version 2",
            "line vty 0 4",
            "line vty 0 4 > exec-timeout 10 0",
            "line vty 0 4 > transport input ssh",
            "logging host 10.68.0.6",
            "no ip http server",
            "ntp server 10.68.0.5",
            "service password-encryption",
        ],
        "cam": [],
    },
    what="độ lệch của một cấu hình rỗng",
)
assert_equal(
    lech_cau_hinh("a\n b\nc\n", "a\n b\n", ["b", "c", "a > c"]),
    {"thieu": [], "cam": ["c"]},
    what="độ lệch của một cấu hình nhỏ",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Xem độ lệch từng thiết bị
#
# Chọn một thiết bị để xem các dòng chuẩn bị thiếu và các dòng bị cấm còn trong cấu hình, bằng
# hàm `lech_cau_hinh` của anh/chị. Phần xử lý nằm trong hàm thường `bao_cao_lech`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def bao_cao_lech(ten: str) -> str:
    """Báo cáo lệch cấu hình của một thiết bị, hoặc lời nhắc khi chưa tính được."""
    try:
        lech = lech_cau_hinh(CAU_HINH[ten], CHUAN, CAM)
    except NotImplementedError:
        return "Hãy làm Bài tập 3 và 4 trước khi dùng công cụ này."
    except Exception as loi:
        return f"Hàm lech_cau_hinh báo lỗi {type(loi).__name__}: {loi}"
    if not lech["thieu"] and not lech["cam"]:
        return f"{ten}: khớp cấu hình chuẩn."
    dong = [f"{ten}:"]
    dong += [f"  thiếu: {x}" for x in lech["thieu"]]
    dong += [f"  bị cấm: {x}" for x in lech["cam"]]
    return "\n".join(dong)


o_thiet_bi = widgets.Dropdown(options=sorted(CAU_HINH), description="Thiết bị:")
o_bao_cao = widgets.HTML()


def cap_nhat_bao_cao(_thay_doi: object = None) -> None:
    o_bao_cao.value = "<pre>" + html.escape(bao_cao_lech(o_thiet_bi.value)) + "</pre>"


o_thiet_bi.observe(cap_nhat_bao_cao, names="value")
cap_nhat_bao_cao()
display(widgets.VBox([o_thiet_bi, o_bao_cao]))

# %% [markdown]
# ## Phần 5. Sao lưu cấu hình đúng hạn (2 điểm)
#
# Mỗi đêm máy chủ sao lưu lấy cấu hình của mọi thiết bị về; quy chế yêu cầu mỗi thiết bị có
# bản sao lưu không quá 24 giờ. Nhật ký sao lưu ghi mốc **UTC** (đuôi `Z`), còn báo cáo lập theo
# giờ Việt Nam. Thiết bị chưa có bản sao lưu nào thì hiển nhiên là quá hạn.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-sao-luu", "locked": true, "schema_version": 3, "solution": false}
# Lần sao lưu cấu hình thành công gần nhất của từng thiết bị (UTC).
LAN_SAO_LUU = {
    "R-TTDL": "2026-03-11T19:05:12Z",
    "FW-TTDL": "2026-03-11T19:06:40Z",
    "FW-DMZ": "2026-03-11T02:58:03Z",
    "R-KV-TANLAP": "2026-03-11T19:07:55Z",
    "R-KV-YENHOA": "2026-03-10T19:08:30Z",
    "R-KV-DONGSON": "2026-03-11T08:30:00Z",
    "SW-SO-YTE": "2026-03-11T19:10:02Z",
    "SW-SO-NOIVU": "2026-03-11T19:10:47Z",
    "SW-PHUONG-TANLAP": "2026-03-11T19:11:20Z",
    "SW-XA-HOABINH": "2026-03-11T19:12:05Z",
}

# %% [markdown]
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `qua_han_sao_luu(kiem_ke, lan_sao_luu, luc, so_gio=24)` trả về `list` (sắp xếp) tên
# các thiết bị trong `kiem_ke` có bản sao lưu gần nhất cũ hơn **hẳn** `so_gio` giờ tính tới
# `luc` (một `datetime` có múi giờ bất kỳ), hoặc không có trong `lan_sao_luu`. Gợi ý:
# `datetime.fromisoformat` đọc được đuôi `Z` (Python 3.11 trở lên).


# %% nbgrader={"grade": false, "grade_id": "qua-han-sao-luu", "locked": false, "schema_version": 3, "solution": true}
def qua_han_sao_luu(
    kiem_ke: list[dict], lan_sao_luu: dict[str, str], luc: datetime, so_gio: float = 24
) -> list[str]:
    """Các thiết bị chưa có bản sao lưu cấu hình trong so_gio giờ trước luc."""
    ### BEGIN SOLUTION
    ket_qua = []
    for tb in kiem_ke:
        moc = lan_sao_luu.get(tb["ten"])
        if moc is None or luc - datetime.fromisoformat(moc) > timedelta(hours=so_gio):
            ket_qua.append(tb["ten"])
    return sorted(ket_qua)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "qua-han-sao-luu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    qua_han_sao_luu(KIEM_KE, LAN_SAO_LUU, datetime(2026, 3, 12, 8, 0, tzinfo=GIO_VN)),
    ["AP-SO-TAICHINH", "R-KV-YENHOA", "SW-SO-KHCN", "sw-xa-hoabinh"],
    what="các thiết bị quá hạn sao lưu lúc 08:00 ngày 12/3 (giờ Việt Nam)",
)

# %% nbgrader={"grade": true, "grade_id": "qua-han-sao-luu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: mốc theo UTC, đúng bằng hạn, hạn ngắn hơn.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    qua_han_sao_luu(KIEM_KE, LAN_SAO_LUU, datetime(2026, 3, 12, 8, 30, tzinfo=UTC), 24),
    ["AP-SO-TAICHINH", "FW-DMZ", "R-KV-YENHOA", "SW-SO-KHCN", "sw-xa-hoabinh"],
    what="các thiết bị quá hạn lúc 08:30 UTC ngày 12/3",
)
assert_equal(
    qua_han_sao_luu(KIEM_KE, LAN_SAO_LUU, datetime(2026, 3, 12, 8, 30, 1, tzinfo=UTC), 24),
    ["AP-SO-TAICHINH", "FW-DMZ", "R-KV-DONGSON", "R-KV-YENHOA", "SW-SO-KHCN", "sw-xa-hoabinh"],
    what="các thiết bị quá hạn lúc 08:30:01 UTC ngày 12/3",
)
assert_equal(
    qua_han_sao_luu(KIEM_KE[:6], LAN_SAO_LUU, datetime(2026, 3, 12, 9, 0, tzinfo=GIO_VN), 12),
    ["FW-DMZ", "R-KV-DONGSON", "R-KV-YENHOA"],
    what="các thiết bị quá hạn 12 giờ lúc 09:00 ngày 12/3 (giờ Việt Nam)",
)
assert_equal(
    qua_han_sao_luu(KIEM_KE[:2], {}, datetime(2026, 3, 12, 9, 0, tzinfo=GIO_VN)),
    ["FW-TTDL", "R-TTDL"],
    what="khi chưa có bản sao lưu nào",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách đơn vị của anh/chị quản lý danh mục thiết bị và
# cấu hình: bảng kiểm kê lưu ở đâu, ai cập nhật, đã được rà soát sau khi sắp xếp đơn vị hành
# chính năm 2025 chưa; cấu hình có được sao lưu tự động và so với một cấu hình chuẩn không.
# Nếu bắt đầu tự động hóa, anh/chị sẽ chọn kiểm tra nào trước, chạy bằng công cụ gì, và làm sao
# để tài khoản mà công cụ dùng để đăng nhập thiết bị không trở thành điểm yếu?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng cụ thể (nơi lưu và người giữ bảng kiểm kê, các lỗi gặp khi
# ghép dữ liệu của đơn vị cũ), cách sao lưu cấu hình (công cụ, tần suất, nơi lưu, có so sánh
# với cấu hình chuẩn không), thứ tự ưu tiên hợp lý cho tự động hóa (kiểm kê đúng trước, rồi
# sao lưu, rồi kiểm tra lệch) và biện pháp bảo vệ tài khoản tự động hóa (tài khoản riêng chỉ đọc,
# khóa SSH, giới hạn nguồn truy cập, ghi nhật ký, không để mật khẩu trong mã).
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Bảng kiểm kê là nền của mọi việc tự động hóa: tên máy so sánh không phân biệt hoa thường,
#   địa chỉ quản lý phải hợp lệ, duy nhất và nằm trong dải quản lý; khi trùng, ghi lỗi cho mọi
#   thiết bị trong nhóm.
# - Số phiên bản so sánh từng số một, thêm số 0 cho đủ độ dài; không so sánh chuỗi.
# - Cấu hình phân cấp: biến mỗi dòng thành đường dẫn từ dòng cha, bỏ `!` và dòng trống; cùng
#   một dòng dưới hai dòng cha là hai cấu hình khác nhau.
# - Lệch cấu hình = đường dẫn chuẩn bị thiếu + đường dẫn bị cấm còn lại; so sánh tập hợp,
#   không tìm chuỗi con.
# - Hạn sao lưu: đọc mốc UTC có múi giờ rồi mới trừ; thiết bị chưa từng sao lưu là quá hạn.
