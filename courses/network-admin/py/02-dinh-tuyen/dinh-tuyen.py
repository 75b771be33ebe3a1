# %% [markdown]
# # Bài 2. Định tuyến: so khớp tiền tố dài nhất, bảng định tuyến và tổng hợp tuyến
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 1 (địa chỉ IPv4, tiền tố, mô-đun `ipaddress`); viết được hàm
# Python với `list`, `dict`, vòng lặp và `sorted`.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. tìm mọi tuyến trong bảng định tuyến (routing table) khớp với một địa chỉ đích;
# 2. chọn tuyến theo quy tắc so khớp tiền tố dài nhất (longest-prefix match), rồi đến khoảng
#    cách quản trị (administrative distance) và metric;
# 3. phát hiện tuyến có bước nhảy kế tiếp (next hop) không tới được và tuyến thừa;
# 4. tổng hợp tuyến (route summarization) cho các khu vực và tính số địa chỉ bị tổng hợp "thừa".
#
# **Cách làm bài.** Mỗi phần kết thúc bằng một bài tập: viết mã vào chỗ
# `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên dưới. Khi chấm, hệ thống chạy thêm
# các **kiểm thử ẩn** với những đầu vào khác. Điểm ghi ở tiêu đề từng phần (tổng 17 điểm:
# 14 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp, hãy chọn
# *Kernel → Restart & Run All*.
#
# **Bối cảnh.** Bộ định tuyến lõi `R-TTDL` đặt tại Trung tâm dữ liệu tỉnh Sơn Hà nối mạng
# LAN của trung tâm, khối các sở `10.68.16.0/20` (qua thiết bị chuyển mạch lõi của khu liên cơ
# quan), ba khu vực Tân Lập `10.68.32.0/20`, Yên Hòa `10.68.48.0/20`, Đông Sơn `10.68.64.0/20`
# (qua các đường truyền /30 trên mạng truyền số liệu chuyên dùng — TSLCD), bộ định tuyến biên
# của mạng TSLCD cấp II (VNPT) để đi tới các bộ, ngành và tỉnh khác, và tường lửa ra Internet.
# Mỗi khu vực là một điểm tập trung mạng đặt tại trụ sở UBND huyện cũ, gom đường truyền của
# các xã, phường lân cận (xem Bài 1). Đông Sơn có thêm đường dự phòng qua Tân Lập (học qua
# OSPF). Xã Hòa Bình mới, sáp nhập từ ba xã cũ ngày 01/7/2025, nay nối về khu vực Yên Hòa
# nhưng vẫn giữ dải địa chỉ cũ `10.68.40.0/24` thuộc khối của khu vực Tân Lập.

# %% nbgrader={"grade": false, "grade_id": "bang-dinh-tuyen", "locked": true, "schema_version": 3, "solution": false}
import ipaddress

# Bảng định tuyến của R-TTDL, như lệnh "show ip route" nhưng viết thành dữ liệu Python.
# nguon: connected (mạng nối trực tiếp, next_hop là None), static (tuyến tĩnh), ospf.
# ad: khoảng cách quản trị (administrative distance) — nhỏ hơn thì tin cậy hơn.
BANG_R_TTDL = [
    {"dich": "0.0.0.0/0", "next_hop": "10.68.254.1", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.0.0.0/8", "next_hop": "10.68.253.1", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.0.0/24", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.253.0/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.254.0/29", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.255.0/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.255.4/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.255.8/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.255.12/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.16.0/20", "next_hop": "10.68.255.14", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.32.0/20", "next_hop": "10.68.255.2", "nguon": "ospf", "ad": 110, "metric": 20},
    {"dich": "10.68.40.0/24", "next_hop": "10.68.255.6", "nguon": "ospf", "ad": 110, "metric": 30},
    {"dich": "10.68.48.0/20", "next_hop": "10.68.255.6", "nguon": "ospf", "ad": 110, "metric": 20},
    {"dich": "10.68.64.0/20", "next_hop": "10.68.255.2", "nguon": "ospf", "ad": 110, "metric": 40},
    {"dich": "10.68.64.0/20", "next_hop": "10.68.255.10", "nguon": "static", "ad": 1, "metric": 0},
]

# %% [markdown]
# ## Phần 1. Tuyến nào khớp với địa chỉ đích? (2 điểm)
#
# Một tuyến có đích `10.68.32.0/20` **khớp** với địa chỉ `a` khi 20 bit đầu của `a` trùng với
# 20 bit đầu của `10.68.32.0`, tức là `a` nằm trong mạng đó. Tuyến mặc định `0.0.0.0/0` khớp
# với mọi địa chỉ. Đừng so sánh chuỗi: `"10.68.4.1".startswith("10.68.40")` là sai về nghĩa,
# còn `"10.68.100.1" < "10.68.20.1"` là `True` theo thứ tự chữ cái.
#
# Ví dụ với `ipaddress`:

# %%
dia_chi_vi_du = ipaddress.ip_address("10.68.40.17")
for dich in ["10.68.32.0/20", "10.68.40.0/24", "10.68.48.0/20", "0.0.0.0/0"]:
    print(dich, dia_chi_vi_du in ipaddress.ip_network(dich))

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `cac_tuyen_khop(bang, dia_chi)` trả về `list` các chuỗi đích (`"dich"`) của mọi
# tuyến khớp với `dia_chi`, xếp theo độ dài tiền tố **giảm dần** (tuyến cụ thể nhất đứng
# đầu); các tuyến có cùng độ dài tiền tố giữ nguyên thứ tự trong bảng. Một đích có thể xuất
# hiện nhiều lần nếu bảng có nhiều tuyến tới cùng đích. Địa chỉ không hợp lệ phải báo lỗi
# `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "cac-tuyen-khop", "locked": false, "schema_version": 3, "solution": true}
def cac_tuyen_khop(bang: list[dict], dia_chi: str) -> list[str]:
    """Đích của mọi tuyến khớp với dia_chi, tuyến cụ thể nhất trước."""
    ### BEGIN SOLUTION
    ip = ipaddress.IPv4Address(dia_chi)
    khop = [tuyen for tuyen in bang if ip in ipaddress.IPv4Network(tuyen["dich"])]
    khop.sort(key=lambda tuyen: -ipaddress.IPv4Network(tuyen["dich"]).prefixlen)
    return [tuyen["dich"] for tuyen in khop]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "cac-tuyen-khop-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    cac_tuyen_khop,
    [
        (
            (BANG_R_TTDL, "10.68.40.17"),
            ["10.68.40.0/24", "10.68.32.0/20", "10.0.0.0/8", "0.0.0.0/0"],
        ),
        ((BANG_R_TTDL, "8.8.8.8"), ["0.0.0.0/0"]),
    ],
    what="các tuyến khớp",
)

# %% nbgrader={"grade": true, "grade_id": "cac-tuyen-khop-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: địa chỉ ở biên mạng, tiền tố 2 chữ số và 1 chữ số, tuyến trùng đích.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
check_cases(
    cac_tuyen_khop,
    [
        ((BANG_R_TTDL, "10.68.47.255"), ["10.68.32.0/20", "10.0.0.0/8", "0.0.0.0/0"]),
        ((BANG_R_TTDL, "10.68.48.0"), ["10.68.48.0/20", "10.0.0.0/8", "0.0.0.0/0"]),
        ((BANG_R_TTDL, "10.68.255.13"), ["10.68.255.12/30", "10.0.0.0/8", "0.0.0.0/0"]),
        (
            (BANG_R_TTDL, "10.68.70.5"),
            ["10.68.64.0/20", "10.68.64.0/20", "10.0.0.0/8", "0.0.0.0/0"],
        ),
        (
            ([{"dich": "9.0.0.0/8"}, {"dich": "9.9.0.0/16"}, {"dich": "9.9.9.0/24"}], "9.9.9.9"),
            ["9.9.9.0/24", "9.9.0.0/16", "9.0.0.0/8"],
        ),
        (([{"dich": "10.68.0.0/16"}], "172.16.0.1"), []),
    ],
    what="các tuyến khớp",
)
assert_raises(ValueError, cac_tuyen_khop, BANG_R_TTDL, "10.68.300.1", what="khi địa chỉ sai")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Chọn tuyến: tiền tố dài nhất thắng (3 điểm)
#
# Bộ định tuyến **không** dùng tuyến đầu tiên khớp trong bảng: nó dùng tuyến có tiền tố
# **dài nhất** (cụ thể nhất). Gói tới `10.68.40.17` đi theo `10.68.40.0/24` về Yên Hòa,
# dù `10.68.32.0/20` (Tân Lập) cũng khớp. Khi có nhiều tuyến cùng đích và cùng độ dài tiền
# tố, bộ định tuyến chọn tuyến có khoảng cách quản trị (`ad`) nhỏ nhất; nếu vẫn bằng nhau thì
# metric nhỏ nhất. Trong bài này, nếu vẫn còn bằng nhau thì lấy tuyến đứng trước trong bảng.
#
# Ví dụ: `10.68.64.0/20` có hai tuyến, tĩnh (`ad` 1) qua `10.68.255.10` và OSPF (`ad` 110)
# qua `10.68.255.2`; tuyến tĩnh được chọn, tuyến OSPF là đường dự phòng.
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `chon_tuyen(bang, dia_chi)` trả về **chính `dict`** của tuyến được chọn cho
# `dia_chi`, hoặc `None` nếu không tuyến nào khớp.


# %% nbgrader={"grade": false, "grade_id": "chon-tuyen", "locked": false, "schema_version": 3, "solution": true}
def chon_tuyen(bang: list[dict], dia_chi: str) -> dict | None:
    """Tuyến được chọn cho dia_chi: tiền tố dài nhất, rồi ad nhỏ nhất, rồi metric nhỏ nhất."""
    ### BEGIN SOLUTION
    ip = ipaddress.IPv4Address(dia_chi)
    tot_nhat = None
    khoa_tot_nhat = None
    for tuyen in bang:
        mang_dich = ipaddress.IPv4Network(tuyen["dich"])
        if ip not in mang_dich:
            continue
        khoa = (-mang_dich.prefixlen, tuyen["ad"], tuyen["metric"])
        if khoa_tot_nhat is None or khoa < khoa_tot_nhat:
            tot_nhat, khoa_tot_nhat = tuyen, khoa
    return tot_nhat
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "chon-tuyen-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    chon_tuyen,
    [
        ((BANG_R_TTDL, "10.68.40.17"), BANG_R_TTDL[11]),
        ((BANG_R_TTDL, "203.113.131.1"), BANG_R_TTDL[0]),
    ],
    what="tuyến được chọn",
)

# %% nbgrader={"grade": true, "grade_id": "chon-tuyen-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ad và metric, tuyến cụ thể nằm sau tuyến rộng, không tuyến nào khớp.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_bang_an = [
    {"dich": "172.16.0.0/12", "next_hop": "10.0.0.1", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "172.16.8.0/22", "next_hop": "10.0.0.2", "nguon": "ospf", "ad": 110, "metric": 50},
    {"dich": "172.16.8.0/22", "next_hop": "10.0.0.3", "nguon": "ospf", "ad": 110, "metric": 10},
    {"dich": "172.16.8.0/22", "next_hop": "10.0.0.4", "nguon": "ospf", "ad": 110, "metric": 10},
    {"dich": "172.16.9.0/24", "next_hop": "10.0.0.5", "nguon": "rip", "ad": 120, "metric": 2},
]
check_cases(
    chon_tuyen,
    [
        ((BANG_R_TTDL, "10.68.70.5"), BANG_R_TTDL[14]),
        ((BANG_R_TTDL, "10.68.39.200"), BANG_R_TTDL[10]),
        ((BANG_R_TTDL, "10.69.0.1"), BANG_R_TTDL[1]),
        ((BANG_R_TTDL, "10.68.255.6"), BANG_R_TTDL[6]),
        ((_bang_an, "172.16.10.1"), _bang_an[2]),
        ((_bang_an, "172.16.9.77"), _bang_an[4]),
        ((_bang_an, "172.31.255.255"), _bang_an[0]),
        ((_bang_an, "192.168.1.1"), None),
    ],
    what="tuyến được chọn",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Công cụ tra cứu bảng định tuyến
#
# Ô dưới đây dùng hai hàm của anh/chị để giải thích một lần tra cứu: mọi tuyến khớp, và tuyến
# được chọn. Thử `10.68.40.17`, `10.68.41.1`, `10.68.70.5`, `10.70.1.1`, `8.8.8.8`. Phần xử lý
# nằm trong hàm thường `giai_thich_tra_cuu`, nên có thể gọi nó mà không cần giao diện.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def giai_thich_tra_cuu(bang: list[dict], dia_chi: str) -> str:
    """Giải thích lần tra cứu dia_chi trong bang, hoặc lời nhắc khi chưa làm bài tập."""
    try:
        khop = cac_tuyen_khop(bang, dia_chi.strip())
        chon = chon_tuyen(bang, dia_chi.strip())
    except NotImplementedError:
        return "Hãy làm Bài tập 1 và 2 trước khi dùng công cụ tra cứu."
    except ValueError as loi:
        return f"Địa chỉ không hợp lệ: {loi}"
    except Exception as loi:
        return f"Hàm của anh/chị báo lỗi {type(loi).__name__}: {loi}"
    dong = [f"Các tuyến khớp (cụ thể nhất trước): {', '.join(khop) or 'không có'}"]
    if chon is None:
        dong.append("Không có tuyến nào: gói bị hủy (ICMP destination unreachable).")
    else:
        qua = chon["next_hop"] or "mạng nối trực tiếp"
        dong.append(f"Tuyến được chọn: {chon['dich']} qua {qua} ({chon['nguon']}, ad {chon['ad']})")
    return "\n".join(dong)


o_dich = widgets.Text(value="10.68.40.17", description="Địa chỉ đích:")
o_giai_thich = widgets.HTML()


def cap_nhat_tra_cuu(_thay_doi: object = None) -> None:
    o_giai_thich.value = (
        "<pre>" + html.escape(giai_thich_tra_cuu(BANG_R_TTDL, o_dich.value)) + "</pre>"
    )


o_dich.observe(cap_nhat_tra_cuu, names="value")
cap_nhat_tra_cuu()
display(widgets.VBox([o_dich, o_giai_thich]))

# %% [markdown]
# ## Phần 3. Bước nhảy kế tiếp có tới được không? (2 điểm)
#
# Tuyến tĩnh trỏ tới một next hop; bộ định tuyến chỉ gửi được gói tới next hop nếu địa chỉ đó
# là một **host** trong một mạng nối trực tiếp (tuyến `connected`). Lỗi gõ nhầm khi cấu hình
# (`10.68.255.15` thay cho `10.68.255.14`, hay trỏ vào địa chỉ mạng `10.68.255.12`) làm
# tuyến "treo" và cả khối địa chỉ mất kết nối. Trong mạng /30, chỉ hai địa chỉ giữa là host.
#
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `next_hop_khong_toi_duoc(bang)` trả về `list` các chuỗi đích của những tuyến
# **không phải** `connected` mà next hop **không** là host (khác địa chỉ mạng và địa chỉ quảng
# bá) của bất kỳ mạng `connected` nào trong bảng. Giữ thứ tự xuất hiện trong bảng.


# %% nbgrader={"grade": false, "grade_id": "next-hop-khong-toi-duoc", "locked": false, "schema_version": 3, "solution": true}
def next_hop_khong_toi_duoc(bang: list[dict]) -> list[str]:
    """Đích của các tuyến có next hop không nằm trong mạng nối trực tiếp nào."""
    ### BEGIN SOLUTION
    ket_noi = [ipaddress.IPv4Network(t["dich"]) for t in bang if t["nguon"] == "connected"]
    loi = []
    for tuyen in bang:
        if tuyen["nguon"] == "connected":
            continue
        nh = ipaddress.IPv4Address(tuyen["next_hop"])
        if not any(nh in m and nh not in (m.network_address, m.broadcast_address) for m in ket_noi):
            loi.append(tuyen["dich"])
    return loi
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "next-hop-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_bang_loi = [
    *BANG_R_TTDL[2:9],
    {"dich": "10.68.16.0/20", "next_hop": "10.68.255.15", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.80.0/20", "next_hop": "10.68.255.9", "nguon": "static", "ad": 1, "metric": 0},
]
check_cases(
    next_hop_khong_toi_duoc,
    [((BANG_R_TTDL,), []), ((_bang_loi,), ["10.68.16.0/20"])],
    what="các tuyến có next hop không tới được",
)

# %% nbgrader={"grade": true, "grade_id": "next-hop-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: địa chỉ mạng, địa chỉ quảng bá, địa chỉ "giống chuỗi" nhưng khác mạng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_ket_noi_an = [
    {"dich": "10.68.255.12/30", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
    {"dich": "10.68.1.0/24", "next_hop": None, "nguon": "connected", "ad": 0, "metric": 0},
]
_tinh_an = [
    {"dich": "10.68.16.0/20", "next_hop": "10.68.255.12", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.32.0/20", "next_hop": "10.68.255.13", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.48.0/20", "next_hop": "10.68.255.15", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.64.0/20", "next_hop": "10.68.255.130", "nguon": "static", "ad": 1, "metric": 0},
    {"dich": "10.68.80.0/20", "next_hop": "10.68.1.254", "nguon": "ospf", "ad": 110, "metric": 5},
    {"dich": "10.68.96.0/20", "next_hop": "10.68.10.1", "nguon": "static", "ad": 1, "metric": 0},
]
check_cases(
    next_hop_khong_toi_duoc,
    [
        (
            (_ket_noi_an + _tinh_an,),
            ["10.68.16.0/20", "10.68.48.0/20", "10.68.64.0/20", "10.68.96.0/20"],
        ),
        ((_tinh_an[1:2],), ["10.68.32.0/20"]),
        ((_ket_noi_an,), []),
    ],
    what="các tuyến có next hop không tới được",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Tuyến thừa (3 điểm)
#
# Một tuyến là **thừa** khi xóa nó đi thì không gói nào đổi đường. Khi xóa tuyến R (đích D),
# các địa chỉ trong D mà R đang phục vụ sẽ đi theo tuyến **tốt nhất trong số các tuyến có đích
# rộng hơn** và chứa D (tiền tố dài nhất trong số đó, rồi `ad`, rồi metric, như Bài tập 2). Vì
# thế R thừa khi tuyến rộng hơn tốt nhất đó có **cùng next hop** với R. Ví dụ: nếu thêm tuyến
# `10.68.33.0/24` qua `10.68.255.2`, tuyến này thừa vì `10.68.32.0/20` cũng đi qua
# `10.68.255.2`. Ngược lại `10.68.40.0/24` (qua Yên Hòa) không thừa.
#
# Lưu ý hai bẫy: tuyến rộng hơn cần xét là tuyến **gần nhất** (tiền tố dài nhất), không phải
# tuyến đầu tiên trong bảng; và chỉ xét tuyến đang được dùng cho đích của nó (tuyến dự phòng
# `ad` lớn hơn của cùng một đích thì không bao giờ được dùng, nên không tính là thừa ở đây).
#
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `tuyen_thua(bang)` trả về `list` đích (chuỗi) của các tuyến thừa, **xếp theo thứ
# tự địa chỉ mạng** (dùng khóa `ipaddress.ip_network`, không xếp chuỗi). Chỉ xét các tuyến
# không phải `connected`, là tuyến được chọn cho đích của chính nó (nhỏ nhất theo `ad` rồi
# metric trong các tuyến cùng đích). Tuyến không có tuyến rộng hơn nào chứa nó thì không thừa.


# %% nbgrader={"grade": false, "grade_id": "tuyen-thua", "locked": false, "schema_version": 3, "solution": true}
def tuyen_thua(bang: list[dict]) -> list[str]:
    """Đích của các tuyến mà xóa đi cũng không đổi đường đi của gói nào."""
    ### BEGIN SOLUTION
    tot_nhat_theo_dich: dict[ipaddress.IPv4Network, dict] = {}
    for tuyen in bang:
        net = ipaddress.IPv4Network(tuyen["dich"])
        cu = tot_nhat_theo_dich.get(net)
        if cu is None or (tuyen["ad"], tuyen["metric"]) < (cu["ad"], cu["metric"]):
            tot_nhat_theo_dich[net] = tuyen
    thua = []
    for net, tuyen in tot_nhat_theo_dich.items():
        if tuyen["nguon"] == "connected":
            continue
        rong_hon = [
            n for n in tot_nhat_theo_dich if n.prefixlen < net.prefixlen and net.subnet_of(n)
        ]
        if not rong_hon:
            continue
        gan_nhat = max(rong_hon, key=lambda n: n.prefixlen)
        if tot_nhat_theo_dich[gan_nhat]["next_hop"] == tuyen["next_hop"]:
            thua.append(net)
    return [str(n) for n in sorted(thua)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tuyen-thua-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_them = {
    "dich": "10.68.33.0/24",
    "next_hop": "10.68.255.2",
    "nguon": "static",
    "ad": 1,
    "metric": 0,
}
check_cases(tuyen_thua, [((BANG_R_TTDL,), []), (([*BANG_R_TTDL, _them],), ["10.68.33.0/24"])])

# %% nbgrader={"grade": true, "grade_id": "tuyen-thua-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tuyến rộng gần nhất khác tuyến đầu bảng, thứ tự địa chỉ, tuyến dự phòng.
from graders.asserts import check_cases


### BEGIN HIDDEN TESTS
def _t(dich: str, nh: str, ad: int = 1, metric: int = 0) -> dict:
    return {"dich": dich, "next_hop": nh, "nguon": "static", "ad": ad, "metric": metric}


_bang_thua = [
    _t("0.0.0.0/0", "10.68.254.1"),
    _t("10.0.0.0/8", "10.68.253.1"),
    _t("10.68.100.0/24", "10.68.255.2"),
    _t("10.68.96.0/20", "10.68.255.2"),
    _t("10.68.9.0/24", "10.68.253.1"),
    _t("10.68.97.0/24", "10.68.255.2"),
    _t("10.68.98.0/24", "10.68.253.1"),
    _t("10.68.98.128/25", "10.68.253.1"),
    _t("192.0.2.0/24", "10.68.254.1"),
    _t("192.0.2.0/24", "10.68.253.1", 110, 20),
    _t("198.51.100.0/24", "10.68.253.1", 1),
    _t("198.51.100.0/24", "10.68.254.1", 5),
]
check_cases(
    tuyen_thua,
    [
        (
            (_bang_thua,),
            ["10.68.9.0/24", "10.68.97.0/24", "10.68.98.128/25", "10.68.100.0/24", "192.0.2.0/24"],
        ),
        (([_t("10.68.0.0/16", "10.68.255.2")],), []),
    ],
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Tổng hợp tuyến (4 điểm)
#
# Thay vì quảng bá lên mạng TSLCD từng khối /20 của các khu vực, tỉnh có thể quảng bá một
# **tuyến tổng hợp** (summary route): mạng nhỏ nhất chứa tất cả. Cách tính: tìm số bit đầu
# chung dài nhất của các địa chỉ đầu và cuối của mọi mạng. Ví dụ `10.68.32.0/20` và
# `10.68.48.0/20` có chung 19 bit đầu, tổng hợp thành `10.68.32.0/19`; thêm `10.68.64.0/20`
# thì phải lùi về `10.68.0.0/17`, bao cả những khối không thuộc ba khu vực.
#
# Phần "thừa" của tuyến tổng hợp là số địa chỉ nằm trong tuyến tổng hợp mà không thuộc mạng
# nào được tổng hợp: gói tới đó sẽ bị hút về tỉnh rồi bị hủy. Cẩn thận khi các mạng chồng lấn
# nhau: đừng đếm một địa chỉ hai lần.

# %%
for cap in [("10.68.32.0/20", "10.68.48.0/20"), ("10.68.32.0/20", "10.68.64.0/20")]:
    a, b = (ipaddress.ip_network(x) for x in cap)
    print(cap, "→ XOR địa chỉ đầu:", bin(int(a.network_address) ^ int(b.network_address)))

# %% [markdown]
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `tuyen_tong_hop(cac_mang)` nhận `list` các chuỗi CIDR IPv4 (ít nhất một) và trả về
# chuỗi CIDR của mạng **nhỏ nhất** chứa tất cả. Danh sách rỗng phải báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "tuyen-tong-hop", "locked": false, "schema_version": 3, "solution": true}
def tuyen_tong_hop(cac_mang: list[str]) -> str:
    """Mạng IPv4 nhỏ nhất chứa mọi mạng trong cac_mang."""
    ### BEGIN SOLUTION
    if not cac_mang:
        raise ValueError("cần ít nhất một mạng để tổng hợp")
    nets = [ipaddress.IPv4Network(m) for m in cac_mang]
    thap = min(int(n.network_address) for n in nets)
    cao = max(int(n.broadcast_address) for n in nets)
    do_dai = 32 - (thap ^ cao).bit_length()
    return str(ipaddress.IPv4Network((thap, do_dai), strict=False))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tuyen-tong-hop-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    tuyen_tong_hop,
    [
        ((["10.68.32.0/20", "10.68.48.0/20"],), "10.68.32.0/19"),
        ((["10.68.32.0/20", "10.68.48.0/20", "10.68.64.0/20"],), "10.68.0.0/17"),
    ],
    what="tuyến tổng hợp",
)

# %% nbgrader={"grade": true, "grade_id": "tuyen-tong-hop-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: một mạng, mạng lồng nhau, mạng không theo thứ tự, khác nhau từ bit đầu.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
check_cases(
    tuyen_tong_hop,
    [
        ((["10.68.40.0/24"],), "10.68.40.0/24"),
        ((["10.68.41.0/24", "10.68.40.0/24"],), "10.68.40.0/23"),
        ((["10.68.42.0/24", "10.68.41.0/24"],), "10.68.40.0/22"),
        ((["10.68.0.0/16", "10.68.200.0/24"],), "10.68.0.0/16"),
        ((["10.68.255.0/30", "10.68.255.4/30", "10.68.255.8/30"],), "10.68.255.0/28"),
        ((["10.0.0.0/8", "192.168.0.0/16"],), "0.0.0.0/0"),
        ((["172.16.0.0/16", "172.31.0.0/16"],), "172.16.0.0/12"),
    ],
    what="tuyến tổng hợp",
)
assert_raises(ValueError, tuyen_tong_hop, [], what="khi danh sách rỗng")
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `so_dia_chi_thua(cac_mang)` trả về số địa chỉ (kiểu `int`) nằm trong
# `tuyen_tong_hop(cac_mang)` nhưng không thuộc mạng nào trong `cac_mang`. Gợi ý:
# `ipaddress.collapse_addresses` gộp các mạng chồng lấn hoặc kề nhau.


# %% nbgrader={"grade": false, "grade_id": "so-dia-chi-thua", "locked": false, "schema_version": 3, "solution": true}
def so_dia_chi_thua(cac_mang: list[str]) -> int:
    """Số địa chỉ tuyến tổng hợp hút về nhưng không thuộc mạng nào được tổng hợp."""
    ### BEGIN SOLUTION
    tong = ipaddress.IPv4Network(tuyen_tong_hop(cac_mang))
    gop = ipaddress.collapse_addresses(ipaddress.IPv4Network(m) for m in cac_mang)
    return tong.num_addresses - sum(n.num_addresses for n in gop)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "so-dia-chi-thua-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    so_dia_chi_thua,
    [
        ((["10.68.32.0/20", "10.68.48.0/20"],), 0),
        ((["10.68.32.0/20", "10.68.48.0/20", "10.68.64.0/20"],), 32768 - 3 * 4096),
    ],
    what="số địa chỉ thừa",
)

# %% nbgrader={"grade": true, "grade_id": "so-dia-chi-thua-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: mạng chồng lấn (không đếm hai lần), mạng trùng nhau, một mạng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    so_dia_chi_thua,
    [
        ((["10.68.40.0/24"],), 0),
        ((["10.68.40.0/24", "10.68.40.0/24", "10.68.43.0/24"],), 512),
        ((["10.68.40.0/22", "10.68.41.0/24", "10.68.44.0/24"],), 768),
        ((["10.68.255.0/30", "10.68.255.8/30"],), 8),
    ],
    what="số địa chỉ thừa",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách định tuyến ở đơn vị của anh/chị: dùng tuyến
# tĩnh hay giao thức định tuyến động (OSPF, BGP trên mạng TSLCD), ai được sửa bảng định tuyến,
# thay đổi có được ghi lại và kiểm tra trước khi áp dụng không. Kể một sự cố mất kết nối do
# định tuyến (nếu có) và cho biết các hàm trong bài này có thể giúp phát hiện sớm sự cố đó
# như thế nào.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt mô tả đúng hiện trạng (tuyến tĩnh ở xã, OSPF hoặc tuyến tĩnh ở tỉnh, tuyến
# mặc định ra Internet), quy trình thay đổi (phê duyệt, lưu cấu hình, kiểm tra sau thay đổi),
# một sự cố cụ thể với nguyên nhân (next hop gõ sai, tuyến cụ thể bị xóa, tổng hợp hút nhầm
# lưu lượng) và cách kiểm tra tự động bảng định tuyến trước khi áp dụng.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Tuyến khớp khi địa chỉ đích nằm trong mạng đích; so sánh bằng `ipaddress`, không so
#   sánh chuỗi.
# - Bộ định tuyến chọn tuyến có tiền tố **dài nhất**, rồi khoảng cách quản trị nhỏ nhất, rồi
#   metric nhỏ nhất — không phải tuyến đầu tiên trong bảng.
# - Next hop phải là host của một mạng nối trực tiếp; kiểm tra tự động trước khi áp dụng cấu
#   hình giúp tránh tuyến "treo".
# - Tuyến thừa là tuyến mà tuyến rộng hơn gần nhất đã đưa gói đi cùng đường.
# - Tuyến tổng hợp là mạng nhỏ nhất chứa mọi mạng; khi các khối không liền nhau, nó hút cả
#   những địa chỉ không thuộc ai — hãy đếm phần thừa đó trước khi quảng bá.
