# %% [markdown]
# # Bài 1. Địa chỉ IP và quy hoạch mạng con cho mạng WAN của tỉnh
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** viết được hàm Python đơn giản (hàm, `list`, `dict`, vòng lặp);
# biết đổi số giữa hệ thập phân và hệ nhị phân.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. tính địa chỉ mạng, địa chỉ quảng bá (broadcast) và dải địa chỉ host của một mạng IPv4;
# 2. chọn độ dài tiền tố (prefix length) nhỏ nhất đủ cho số máy của một đơn vị;
# 3. lập quy hoạch chia mạng con với mặt nạ có độ dài thay đổi (VLSM) cho các sở, ngành, xã, phường;
# 4. phát hiện các mạng con chồng lấn (overlap) và tính tỉ lệ địa chỉ bị lãng phí;
# 5. chia một khối địa chỉ IPv6 thành các mạng con /64.
#
# **Cách làm bài.** Mỗi phần kết thúc bằng một bài tập: viết mã vào chỗ
# `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên dưới. Ô kiểm tra công khai giúp
# anh/chị tự kiểm tra; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn** với những đầu vào
# khác. Điểm từng phần ghi ở tiêu đề phần (tổng 21 điểm: 18 điểm chấm tự động, 3 điểm câu
# suy ngẫm do giảng viên chấm). Trước khi nộp, hãy chọn *Kernel → Restart Kernel and Run All
# Cells…* để chắc chắn toàn bộ bài chạy được từ đầu.
#
# Dữ liệu trong bài là của một tỉnh giả định, tỉnh Sơn Hà, với khối địa chỉ riêng
# `10.68.0.0/16` (RFC 1918) dành cho mạng WAN nối các sở, ban, ngành của tỉnh và các xã,
# phường, đặc khu với Trung tâm dữ liệu tỉnh.
#
# **Chính quyền hai cấp và các tầng của mạng.** Từ ngày 01/7/2025, chính quyền địa phương chỉ
# còn hai cấp: tỉnh và xã (gồm xã, phường, đặc khu); cấp huyện không còn, nhiều xã và tỉnh
# được sáp nhập. Về mặt mạng, các nút đặt tại trụ sở UBND huyện cũ vẫn hữu ích: chúng gom
# đường truyền của các xã, phường lân cận trước khi lên Trung tâm dữ liệu tỉnh. Trong khóa
# học, mỗi nút như vậy gọi là một **điểm tập trung khu vực**, gọi tắt là **khu vực** (ví dụ
# khu vực Tân Lập): đó chỉ là một tầng của mạng, không phải một cấp hành chính.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-tinh", "locked": true, "schema_version": 3, "solution": false}
import ipaddress
from itertools import pairwise

# Các hàm kiểm tra dùng trong ô kiểm thử: báo lỗi bằng tiếng Việt, so sánh cả kiểu dữ liệu.
from graders.asserts import assert_equal, assert_raises, assert_true, assert_type, check_cases

KHOI_TINH = "10.68.0.0/16"

# Số máy (host) cần địa chỉ ở mỗi đơn vị, kể cả máy in, camera và điện thoại IP.
NHU_CAU_TINH = {
    "Trung tâm dữ liệu tỉnh": 60,
    "Văn phòng UBND tỉnh": 110,
    "Sở Nội vụ": 90,
    "Sở Tài chính": 120,
    "Sở Y tế": 200,
    "Sở Giáo dục và Đào tạo": 150,
    "Sở Khoa học và Công nghệ": 70,
    "UBND phường Tân Lập": 250,
    "UBND xã Yên Hòa": 180,
    "UBND xã Tân Thành": 25,
    "UBND xã Hòa Bình": 18,
    "UBND xã Đồng Tâm": 12,
}

# %% [markdown]
# ## Phần 1. Mạng IPv4 và số host (2 điểm)
#
# Một địa chỉ IPv4 dài 32 bit. Viết `10.68.37.130/26` nghĩa là 26 bit đầu là **phần mạng**,
# 6 bit còn lại là **phần host**. Mặt nạ mạng (subnet mask) tương ứng là
# `255.255.255.192`. Mạng /26 có 2⁶ = 64 địa chỉ; địa chỉ đầu tiên là **địa chỉ mạng**,
# địa chỉ cuối cùng là **địa chỉ quảng bá**, nên chỉ còn 64 − 2 = 62 địa chỉ gán được cho máy.
#
# Hai trường hợp đặc biệt: mạng /31 dùng cho đường truyền điểm – điểm (point-to-point) có
# 2 host và không có địa chỉ mạng, quảng bá riêng (RFC 3021); mạng /32 chỉ gồm một host.
#
# Mô-đun `ipaddress` của Python làm các phép tính này:

# %%
vi_du = ipaddress.ip_network("10.68.37.130/26", strict=False)
print("Địa chỉ mạng:", vi_du.network_address)
print("Mặt nạ:", vi_du.netmask)
print("Quảng bá:", vi_du.broadcast_address)
print("Số địa chỉ:", vi_du.num_addresses)

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `so_host(do_dai_tien_to)` trả về số địa chỉ host dùng được (kiểu `int`) của một
# mạng IPv4 có độ dài tiền tố cho trước: 2^(32 − p) − 2 với p ≤ 30; 2 với /31; 1 với /32.
# Độ dài tiền tố ngoài khoảng 0–32 phải báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "so-host", "locked": false, "schema_version": 3, "solution": true}
def so_host(do_dai_tien_to: int) -> int:
    """Số địa chỉ host dùng được của một mạng IPv4 /do_dai_tien_to."""
    ### BEGIN SOLUTION
    if not 0 <= do_dai_tien_to <= 32:
        raise ValueError(f"độ dài tiền tố IPv4 phải từ 0 đến 32, không phải {do_dai_tien_to}")
    if do_dai_tien_to == 32:
        return 1
    if do_dai_tien_to == 31:
        return 2
    return 2 ** (32 - do_dai_tien_to) - 2
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "so-host-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(so_host, [((24,), 254), ((26,), 62), ((30,), 2)], what="số host dùng được")

# %% nbgrader={"grade": true, "grade_id": "so-host-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: các trường hợp đặc biệt và đầu vào không hợp lệ.
### BEGIN HIDDEN TESTS
check_cases(
    so_host,
    [((31,), 2), ((32,), 1), ((29,), 6), ((16,), 65534), ((0,), 4294967294)],
    what="số host dùng được",
)
assert_raises(ValueError, so_host, 33, what="khi độ dài tiền tố lớn hơn 32")
assert_raises(ValueError, so_host, -1, what="khi độ dài tiền tố âm")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Máy tính mạng con (3 điểm)
#
# Khi nhận một địa chỉ giao diện như `10.68.37.130/26`, người quản trị cần biết ngay mạng
# chứa nó. Với /31 và /32, làm như mô-đun `ipaddress`: mọi địa chỉ đều là host, và
# `broadcast_address` là địa chỉ cuối của mạng.
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `thong_tin_mang(dia_chi)` nhận một chuỗi `"địa chỉ/tiền tố"` (các bit host có thể
# khác 0) và trả về một `dict` với đúng các khóa sau (giá trị là chuỗi, riêng `so_host` là
# `int`):
#
# | Khóa | Ý nghĩa | Ví dụ với `10.68.37.130/26` |
# |---|---|---|
# | `mang` | mạng, dạng CIDR | `"10.68.37.128/26"` |
# | `mat_na` | mặt nạ mạng | `"255.255.255.192"` |
# | `quang_ba` | địa chỉ quảng bá | `"10.68.37.191"` |
# | `host_dau` | host đầu tiên | `"10.68.37.129"` |
# | `host_cuoi` | host cuối cùng | `"10.68.37.190"` |
# | `so_host` | số host dùng được | `62` |
#
# Địa chỉ không hợp lệ phải báo lỗi `ValueError` (mô-đun `ipaddress` đã làm việc đó).


# %% nbgrader={"grade": false, "grade_id": "thong-tin-mang", "locked": false, "schema_version": 3, "solution": true}
def thong_tin_mang(dia_chi: str) -> dict[str, str | int]:
    """Mạng, mặt nạ, quảng bá, dải host và số host của mạng chứa địa chỉ dia_chi."""
    ### BEGIN SOLUTION
    mang = ipaddress.IPv4Network(dia_chi, strict=False)
    if mang.prefixlen >= 31:
        dau, cuoi = mang.network_address, mang.broadcast_address
    else:
        dau, cuoi = mang.network_address + 1, mang.broadcast_address - 1
    return {
        "mang": str(mang),
        "mat_na": str(mang.netmask),
        "quang_ba": str(mang.broadcast_address),
        "host_dau": str(dau),
        "host_cuoi": str(cuoi),
        "so_host": int(cuoi) - int(dau) + 1,
    }
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "thong-tin-mang-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(
    thong_tin_mang,
    [
        (
            ("10.68.37.130/26",),
            {
                "mang": "10.68.37.128/26",
                "mat_na": "255.255.255.192",
                "quang_ba": "10.68.37.191",
                "host_dau": "10.68.37.129",
                "host_cuoi": "10.68.37.190",
                "so_host": 62,
            },
        )
    ],
    what="thông tin mạng",
)

# %% nbgrader={"grade": true, "grade_id": "thong-tin-mang-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tiền tố khác /24, đường truyền /31, một host /32, địa chỉ sai.
### BEGIN HIDDEN TESTS
check_cases(
    thong_tin_mang,
    [
        (
            ("172.16.5.4/20",),
            {
                "mang": "172.16.0.0/20",
                "mat_na": "255.255.240.0",
                "quang_ba": "172.16.15.255",
                "host_dau": "172.16.0.1",
                "host_cuoi": "172.16.15.254",
                "so_host": 4094,
            },
        ),
        (
            ("10.68.255.255/31",),
            {
                "mang": "10.68.255.254/31",
                "mat_na": "255.255.255.254",
                "quang_ba": "10.68.255.255",
                "host_dau": "10.68.255.254",
                "host_cuoi": "10.68.255.255",
                "so_host": 2,
            },
        ),
        (
            ("10.68.0.9/32",),
            {
                "mang": "10.68.0.9/32",
                "mat_na": "255.255.255.255",
                "quang_ba": "10.68.0.9",
                "host_dau": "10.68.0.9",
                "host_cuoi": "10.68.0.9",
                "so_host": 1,
            },
        ),
    ],
    what="thông tin mạng",
)
assert_raises(ValueError, thong_tin_mang, "10.68.300.1/24", what="khi địa chỉ không hợp lệ")
assert_raises(ValueError, thong_tin_mang, "10.68.3.1/33", what="khi tiền tố lớn hơn 32")
### END HIDDEN TESTS

# %% [markdown]
# ### Máy tính mạng con tương tác
#
# Ô dưới đây dùng chính hàm `thong_tin_mang` của anh/chị. Gõ một địa chỉ như
# `10.68.130.77/23` để xem mạng chứa nó; thử cả `/31` và `/32`. Phần xử lý nằm trong hàm
# thường `mo_ta_mang`, nên có thể gọi nó mà không cần giao diện.

# %%
import html

import ipywidgets as widgets
from IPython.display import display

NHAN = {
    "mang": "Mạng",
    "mat_na": "Mặt nạ",
    "quang_ba": "Quảng bá",
    "host_dau": "Host đầu",
    "host_cuoi": "Host cuối",
    "so_host": "Số host",
}


def mo_ta_mang(dia_chi: str) -> str:
    """Mô tả mạng chứa dia_chi, hoặc lời nhắc khi chưa tính được."""
    try:
        thong_tin = thong_tin_mang(dia_chi.strip())
    except NotImplementedError:
        return "Hãy làm Bài tập 2 (hàm thong_tin_mang) trước khi dùng máy tính mạng con."
    except ValueError as loi:
        return f"Địa chỉ không hợp lệ: {loi}"
    except Exception as loi:
        return f"Hàm thong_tin_mang báo lỗi {type(loi).__name__}: {loi}"
    return "\n".join(f"{NHAN.get(khoa, khoa)}: {gia_tri}" for khoa, gia_tri in thong_tin.items())


o_dia_chi = widgets.Text(value="10.68.37.130/26", description="Địa chỉ/CIDR:")
o_ket_qua = widgets.HTML()


def cap_nhat(_thay_doi: object = None) -> None:
    o_ket_qua.value = "<pre>" + html.escape(mo_ta_mang(o_dia_chi.value)) + "</pre>"


o_dia_chi.observe(cap_nhat, names="value")
cap_nhat()
display(widgets.VBox([o_dia_chi, o_ket_qua]))

# %% [markdown]
# ## Phần 3. Chọn kích thước mạng con (2 điểm)
#
# Với mỗi đơn vị, ta chọn mạng **nhỏ nhất** vẫn đủ địa chỉ: mạng /p có 2^(32 − p) − 2 host.
# Ví dụ, 50 máy cần /26 (62 host), vì /27 chỉ có 30 host. Để dễ quản lý, mạng LAN của
# đơn vị không dùng /31 và /32: tiền tố dài nhất là /30.
#
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `tien_to_nho_nhat(so_may)` trả về độ dài tiền tố **lớn nhất** (tức mạng nhỏ nhất,
# tối đa /30) có ít nhất `so_may` host dùng được. `so_may` nhỏ hơn 1, hoặc lớn đến mức
# không mạng IPv4 nào chứa nổi, phải báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "tien-to-nho-nhat", "locked": false, "schema_version": 3, "solution": true}
def tien_to_nho_nhat(so_may: int) -> int:
    """Độ dài tiền tố của mạng IPv4 nhỏ nhất (tối đa /30) chứa được so_may host."""
    ### BEGIN SOLUTION
    if so_may < 1:
        raise ValueError(f"số máy phải từ 1 trở lên, không phải {so_may}")
    for tien_to in range(30, 0, -1):
        if 2 ** (32 - tien_to) - 2 >= so_may:
            return tien_to
    raise ValueError(f"không mạng IPv4 nào chứa nổi {so_may} host")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tien-to-nho-nhat-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(
    tien_to_nho_nhat, [((50,), 26), ((62,), 26), ((63,), 25), ((2,), 30)], what="độ dài tiền tố"
)

# %% nbgrader={"grade": true, "grade_id": "tien-to-nho-nhat-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ranh giới của từng cỡ mạng và đầu vào không hợp lệ.
### BEGIN HIDDEN TESTS
check_cases(
    tien_to_nho_nhat,
    [((1,), 30), ((3,), 29), ((254,), 24), ((255,), 23), ((500,), 23), ((5000,), 19)],
    what="độ dài tiền tố",
)
assert_raises(ValueError, tien_to_nho_nhat, 0, what="khi số máy bằng 0")
assert_raises(ValueError, tien_to_nho_nhat, 2**32, what="khi số máy quá lớn")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Quy hoạch VLSM cho mạng WAN của tỉnh (4 điểm)
#
# Chia mạng con với mặt nạ có độ dài thay đổi (Variable Length Subnet Masking, VLSM) cấp
# cho mỗi đơn vị một mạng vừa đủ, thay vì cấp cho mọi đơn vị cùng một cỡ. Cách làm quen
# thuộc: xếp các đơn vị theo số máy **giảm dần**, rồi cấp lần lượt từ đầu khối địa chỉ. Vì
# cỡ các mạng là lũy thừa của 2 và giảm dần, mỗi mạng mới luôn bắt đầu đúng ranh giới của nó.
#
# Ví dụ với khối `10.68.0.0/22` và ba đơn vị: Sở Y tế (200 máy → /24) nhận `10.68.0.0/24`,
# Sở Nội vụ (90 máy → /25) nhận `10.68.1.0/25`, UBND xã Tân Thành (25 máy → /27) nhận
# `10.68.1.128/27`.
#
# ### Bài tập 4 (4 điểm)
#
# Viết hàm `quy_hoach_vlsm(khoi, nhu_cau)`: `khoi` là chuỗi CIDR của khối địa chỉ,
# `nhu_cau` là `dict` tên đơn vị → số máy. Hàm trả về `dict` tên đơn vị →
# `ipaddress.IPv4Network`, trong đó mỗi mạng nằm trong khối, có đúng độ dài tiền tố
# `tien_to_nho_nhat(số máy)`, và không mạng nào chồng lấn mạng khác. Nếu khối không đủ chỗ,
# báo lỗi `ValueError`. Kiểm thử chỉ xét các tính chất trên, nên thứ tự cấp phát khác vẫn
# được chấp nhận nếu đúng.


# %% nbgrader={"grade": false, "grade_id": "quy-hoach-vlsm", "locked": false, "schema_version": 3, "solution": true}
def quy_hoach_vlsm(khoi: str, nhu_cau: dict[str, int]) -> dict[str, ipaddress.IPv4Network]:
    """Cấp cho mỗi đơn vị một mạng con vừa đủ trong khối địa chỉ khoi (VLSM)."""
    ### BEGIN SOLUTION
    mang_khoi = ipaddress.IPv4Network(khoi)
    tiep_theo = int(mang_khoi.network_address)
    ket_qua = {}
    for ten, so_may in sorted(nhu_cau.items(), key=lambda muc: (-muc[1], muc[0])):
        tien_to = tien_to_nho_nhat(so_may)
        mang = ipaddress.IPv4Network((tiep_theo, tien_to))
        if not mang.subnet_of(mang_khoi):
            raise ValueError(f"khối {khoi} không đủ chỗ cho {ten}")
        ket_qua[ten] = mang
        tiep_theo += mang.num_addresses
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "quy-hoach-vlsm-kiem-tra", "locked": true, "points": 2, "schema_version": 3, "solution": false}
def kiem_tra_quy_hoach(khoi: str, nhu_cau: dict[str, int]) -> None:
    """Kiểm tra các tính chất của một quy hoạch VLSM, không phụ thuộc thứ tự cấp phát."""
    quy_hoach = quy_hoach_vlsm(khoi, dict(nhu_cau))
    assert_type(quy_hoach, dict, what="kết quả của quy_hoach_vlsm")
    assert_equal(sorted(quy_hoach), sorted(nhu_cau), what=f"danh sách đơn vị trong khối {khoi}")
    toan_khoi = ipaddress.ip_network(khoi)
    for ten, mang in quy_hoach.items():
        assert_type(mang, ipaddress.IPv4Network, what=f"mạng của {ten}")
        assert_true(mang.subnet_of(toan_khoi), f"Mạng {mang} của {ten} nằm ngoài khối {khoi}.")
        assert_equal(
            mang.prefixlen,
            tien_to_nho_nhat(nhu_cau[ten]),
            what=f"độ dài tiền tố của {ten} ({nhu_cau[ten]} máy)",
        )
    cac_mang = sorted(quy_hoach.items(), key=lambda muc: muc[1])
    for (ten_a, a), (ten_b, b) in pairwise(cac_mang):
        assert_true(not a.overlaps(b), f"Mạng {a} ({ten_a}) chồng lấn mạng {b} ({ten_b}).")


kiem_tra_quy_hoach("10.68.0.0/22", {"Sở Nội vụ": 90, "Sở Y tế": 200, "UBND xã Tân Thành": 25})

# %% nbgrader={"grade": true, "grade_id": "quy-hoach-vlsm-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: quy hoạch cho cả tỉnh, khối vừa khít, khối không đủ chỗ.
### BEGIN HIDDEN TESTS
kiem_tra_quy_hoach(KHOI_TINH, NHU_CAU_TINH)
kiem_tra_quy_hoach("10.68.8.0/24", {"Xã A": 62, "Xã B": 62, "Xã C": 30, "Xã D": 30, "Xã E": 62})
kiem_tra_quy_hoach("10.68.9.0/30", {"Đường truyền": 2})
assert_raises(
    ValueError,
    quy_hoach_vlsm,
    "10.68.10.0/24",
    {"Sở A": 200, "Sở B": 100},
    what="khi khối thiếu chỗ",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Kiểm tra chồng lấn (3 điểm)
#
# Khi ghép quy hoạch của nhiều đơn vị, hoặc khi một xã, phường tự đặt địa chỉ, hai mạng có thể
# chồng lấn: một mạng nằm trong mạng kia, hoặc trùng nhau. Hai mạng kề nhau như
# `10.68.0.0/25` và `10.68.0.128/25` **không** chồng lấn. Mạng IPv4 và mạng IPv6 không bao giờ
# chồng lấn nhau.
#
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `tim_chong_lan(cac_mang)`: `cac_mang` là `dict` tên đơn vị → chuỗi CIDR (IPv4 hoặc
# IPv6). Trả về `list` các `tuple` `(tên_a, tên_b)` của mọi cặp mạng chồng lấn, với
# `tên_a < tên_b`, danh sách sắp xếp tăng dần. Không có cặp nào thì trả về `[]`.


# %% nbgrader={"grade": false, "grade_id": "tim-chong-lan", "locked": false, "schema_version": 3, "solution": true}
def tim_chong_lan(cac_mang: dict[str, str]) -> list[tuple[str, str]]:
    """Mọi cặp đơn vị có mạng chồng lấn nhau, sắp xếp tăng dần."""
    ### BEGIN SOLUTION
    mang = {ten: ipaddress.ip_network(cidr) for ten, cidr in cac_mang.items()}
    ten_sap_xep = sorted(mang)
    cap = []
    for i, ten_a in enumerate(ten_sap_xep):
        for ten_b in ten_sap_xep[i + 1 :]:
            a, b = mang[ten_a], mang[ten_b]
            if a.version == b.version and a.overlaps(b):
                cap.append((ten_a, ten_b))
    return cap
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tim-chong-lan-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(
    tim_chong_lan,
    [
        (({"Sở Y tế": "10.68.0.0/24", "Sở Nội vụ": "10.68.0.128/25"},), [("Sở Nội vụ", "Sở Y tế")]),
        (({"Sở Y tế": "10.68.0.0/24", "Sở Nội vụ": "10.68.1.0/25"},), []),
    ],
    what="các cặp chồng lấn",
)

# %% nbgrader={"grade": true, "grade_id": "tim-chong-lan-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: mạng kề nhau, mạng trùng nhau, nhiều cặp, IPv6 và IPv4 lẫn lộn.
### BEGIN HIDDEN TESTS
check_cases(
    tim_chong_lan,
    [
        (({"A": "10.68.0.0/25", "B": "10.68.0.128/25"},), []),
        (({"B": "10.68.4.0/24", "A": "10.68.4.0/24"},), [("A", "B")]),
        (
            ({"Tỉnh": "10.68.0.0/16", "Khu vực": "10.68.32.0/20", "Xã": "10.68.33.0/27"},),
            [("Khu vực", "Tỉnh"), ("Khu vực", "Xã"), ("Tỉnh", "Xã")],
        ),
        (
            ({"v4": "10.0.0.0/8", "v6": "2001:db8::/32", "v6-con": "2001:db8:a00::/48"},),
            [("v6", "v6-con")],
        ),
        (({},), []),
    ],
    what="các cặp chồng lấn",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Tỉ lệ lãng phí địa chỉ (2 điểm)
#
# Quy hoạch nào cũng để thừa một phần địa chỉ: 50 máy nhận /26 có 62 host, thừa 12. **Tỉ lệ
# lãng phí** của cả quy hoạch là phần host dùng được nhưng không ai cần:
# 1 − (tổng số máy cần) / (tổng số host dùng được của các mạng đã cấp).
#
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `ty_le_lang_phi(nhu_cau, quy_hoach)` trả về tỉ lệ lãng phí (kiểu `float`, từ 0 đến
# 1). `quy_hoach` có dạng như kết quả của `quy_hoach_vlsm`. Số host dùng được của mỗi mạng tính
# như ở Bài tập 1.


# %% nbgrader={"grade": false, "grade_id": "ty-le-lang-phi", "locked": false, "schema_version": 3, "solution": true}
def ty_le_lang_phi(nhu_cau: dict[str, int], quy_hoach: dict[str, ipaddress.IPv4Network]) -> float:
    """Tỉ lệ host dùng được nhưng không cần đến trong quy hoạch."""
    ### BEGIN SOLUTION
    can = sum(nhu_cau[ten] for ten in quy_hoach)
    co = sum(so_host(mang.prefixlen) for mang in quy_hoach.values())
    return 1 - can / co
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-lang-phi-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(
    ty_le_lang_phi,
    [(({"Sở Nội vụ": 50}, {"Sở Nội vụ": ipaddress.IPv4Network("10.68.0.0/26")}), 12 / 62)],
    what="tỉ lệ lãng phí",
    close=True,
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-lang-phi-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: mạng vừa khít, nhiều đơn vị, mạng /30.
### BEGIN HIDDEN TESTS
check_cases(
    ty_le_lang_phi,
    [
        (({"A": 62}, {"A": ipaddress.IPv4Network("10.68.0.0/26")}), 0.0),
        (
            (
                {"A": 200, "B": 2, "C": 25},
                {
                    "A": ipaddress.IPv4Network("10.68.0.0/24"),
                    "B": ipaddress.IPv4Network("10.68.1.0/30"),
                    "C": ipaddress.IPv4Network("10.68.1.32/27"),
                },
            ),
            1 - 227 / 286,
        ),
    ],
    what="tỉ lệ lãng phí",
    close=True,
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Chia khối IPv6 (2 điểm)
#
# Với IPv6, mỗi mạng LAN dùng một mạng /64 (RFC 4291); một tỉnh thường được cấp một khối
# /48, tức 2^(64 − 48) = 65 536 mạng /64. Trong bài dùng khối tài liệu `2001:db8::/32`
# (RFC 3849). Mạng con thứ k (đếm từ 0) của khối /48 có địa chỉ mạng bằng địa chỉ của khối
# cộng k × 2^(128 − 64). Ví dụ: mạng /64 thứ 255 của `2001:db8:a00::/48` là
# `2001:db8:a00:ff::/64`. Địa chỉ IPv6 viết gọn theo RFC 5952, đúng như `str()` của
# `ipaddress`.
#
# ### Bài tập 7 (2 điểm)
#
# Viết hàm `mang_ipv6_thu(khoi, chi_so, do_dai=64)` trả về chuỗi CIDR (dạng viết gọn) của mạng
# con thứ `chi_so` (đếm từ 0) có độ dài tiền tố `do_dai` trong khối `khoi`. Chỉ số ngoài
# phạm vi, hoặc `do_dai` ngắn hơn tiền tố của khối hay dài hơn 128, phải báo lỗi `ValueError`.
# Đừng liệt kê hết các mạng con: khối /48 có tới 65 536 mạng /64.


# %% nbgrader={"grade": false, "grade_id": "mang-ipv6-thu", "locked": false, "schema_version": 3, "solution": true}
def mang_ipv6_thu(khoi: str, chi_so: int, do_dai: int = 64) -> str:
    """Mạng con thứ chi_so (từ 0), độ dài do_dai, của khối IPv6 khoi."""
    ### BEGIN SOLUTION
    mang_khoi = ipaddress.IPv6Network(khoi)
    if not mang_khoi.prefixlen <= do_dai <= 128:
        raise ValueError(f"độ dài {do_dai} không hợp lệ cho khối {khoi}")
    so_mang = 2 ** (do_dai - mang_khoi.prefixlen)
    if not 0 <= chi_so < so_mang:
        raise ValueError(f"khối {khoi} chỉ có {so_mang} mạng /{do_dai}")
    dia_chi = int(mang_khoi.network_address) + chi_so * 2 ** (128 - do_dai)
    return str(ipaddress.IPv6Network((dia_chi, do_dai)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "mang-ipv6-thu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
check_cases(
    mang_ipv6_thu,
    [
        (("2001:db8:a00::/48", 0), "2001:db8:a00::/64"),
        (("2001:db8:a00::/48", 255), "2001:db8:a00:ff::/64"),
    ],
    what="mạng IPv6",
)

# %% nbgrader={"grade": true, "grade_id": "mang-ipv6-thu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: mạng cuối của khối, độ dài khác /64, chỉ số ngoài phạm vi.
### BEGIN HIDDEN TESTS
check_cases(
    mang_ipv6_thu,
    [
        (("2001:db8:a00::/48", 65535), "2001:db8:a00:ffff::/64"),
        (("2001:db8:a00::/48", 3, 56), "2001:db8:a00:300::/56"),
        (("2001:db8:a00:100::/56", 16), "2001:db8:a00:110::/64"),
    ],
    what="mạng IPv6",
)
assert_raises(ValueError, mang_ipv6_thu, "2001:db8:a00::/48", 65536, what="khi chỉ số vượt khối")
assert_raises(ValueError, mang_ipv6_thu, "2001:db8:a00::/48", -1, what="khi chỉ số âm")
assert_raises(
    ValueError, mang_ipv6_thu, "2001:db8:a00::/48", 0, 40, what="khi độ dài ngắn hơn khối"
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 8. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách cơ quan, đơn vị của anh/chị đang cấp phát địa
# chỉ IP: dùng khối nào, ai giữ bảng quy hoạch, đã từng gặp trùng địa chỉ hay hết địa chỉ chưa.
# Nếu được quy hoạch lại theo VLSM, anh/chị sẽ để dự phòng bao nhiêu cho mỗi loại đơn vị (sở,
# ngành, xã, phường) và vì sao? Việc sáp nhập xã từ 01/7/2025 ảnh hưởng thế nào đến quy hoạch? Có nên triển khai IPv6 song song ngay không?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu được hiện trạng cụ thể (khối địa chỉ, nơi lưu bảng quy hoạch, sự cố
# trùng hoặc thiếu địa chỉ), đề xuất mức dự phòng có lý do (ví dụ để thêm 30–50% cho đơn vị
# đang mở rộng, gộp hoặc cấp lại dải cho xã, phường vừa sáp nhập) và nhận xét về IPv6 (kế hoạch chạy song
# song dual-stack, cấp /64 cho mỗi mạng LAN).
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Mạng /p có 2^(32 − p) địa chỉ; trừ địa chỉ mạng và địa chỉ quảng bá còn 2^(32 − p) − 2
#   host (trừ /31 theo RFC 3021 và /32).
# - Mô-đun `ipaddress` tính địa chỉ mạng, mặt nạ, quảng bá; dùng `strict=False` khi nhận địa
#   chỉ giao diện có bit host khác 0.
# - VLSM: xếp đơn vị theo số máy giảm dần, cấp mạng nhỏ nhất vừa đủ, liên tiếp từ đầu khối.
# - Luôn kiểm tra chồng lấn trước khi áp dụng quy hoạch, và theo dõi tỉ lệ lãng phí để cân
#   đối giữa dự phòng và tiết kiệm địa chỉ.
# - IPv6: mỗi mạng LAN một /64; khối /48 của tỉnh có 65 536 mạng /64, tính trực tiếp mạng
#   thứ k thay vì liệt kê.
