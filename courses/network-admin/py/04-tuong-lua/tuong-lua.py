# %% [markdown]
# # Bài 4. Tường lửa và kiểm soát truy cập: tập luật có thứ tự, luật bị che, luật thừa
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 1 và Bài 2 (mạng con, so khớp địa chỉ bằng `ipaddress`);
# biết cổng (port) TCP/UDP của các dịch vụ thường gặp (22 SSH, 53 DNS, 443 HTTPS).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. xác định một gói tin có khớp một luật tường lửa (firewall rule) hay không;
# 2. đánh giá một tập luật **có thứ tự** theo nguyên tắc "luật khớp đầu tiên thắng"
#    (first match) với chính sách ngầm định chặn (implicit deny);
# 3. xác định một luật có bao trùm luật khác không, từ đó tìm **luật bị che** (shadowed rule)
#    và **luật thừa** (redundant rule);
# 4. viết tập luật cho một chính sách: chỉ trung tâm dữ liệu được vào mạng cơ sở dữ liệu;
# 5. so sánh hai phiên bản tập luật trên một bộ gói tin mẫu trước khi áp dụng thay đổi.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 18 điểm: 15 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Bối cảnh.** Tường lửa biên của Trung tâm dữ liệu tỉnh Sơn Hà bảo vệ mạng máy chủ
# `10.68.0.0/24`: cổng dịch vụ công `10.68.0.30`, thư điện tử `10.68.0.20`, quản lý văn bản
# `10.68.0.40`. Mạng cơ sở dữ liệu (CSDL) dùng chung `10.68.1.0/26` nằm sau một tường lửa nội
# bộ. Các xã, phường nối về qua các khu vực mạng (điểm tập trung đặt tại trụ sở UBND huyện cũ,
# xem Bài 1), mỗi khu vực một khối `/20` trong `10.68.0.0/16` (Tân Lập `10.68.32.0/20`, Yên
# Hòa `10.68.48.0/20`).

# %% [markdown]
# ## Cách viết luật trong bài
#
# Mỗi luật là một `dict`: `hanh_dong` (`"cho-phep"` hoặc `"chan"`), `nguon` và `dich` (chuỗi
# CIDR; `"0.0.0.0/0"` là mọi địa chỉ), `giao_thuc` (`"tcp"`, `"udp"`, `"icmp"` hoặc `"any"`) và
# `cong` — cổng **đích**: `"any"`, một cổng `"443"` hoặc một khoảng **gồm cả hai đầu**
# `"1000-2000"`. Luật có giao thức `"icmp"` hoặc `"any"` luôn có `cong` là `"any"`.
#
# Một gói tin là một `dict` với `nguon`, `dich` (địa chỉ IP), `giao_thuc` (`"tcp"`, `"udp"`
# hoặc `"icmp"`) và `cong` (số nguyên, hoặc `None` với ICMP). Hàm `luat` và `goi` dưới đây chỉ
# giúp viết cho gọn.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-luat", "locked": true, "schema_version": 3, "solution": false}
import ipaddress


def luat(hanh_dong: str, nguon: str, dich: str, giao_thuc: str = "any", cong: str = "any") -> dict:
    """Một luật tường lửa."""
    return {
        "hanh_dong": hanh_dong,
        "nguon": nguon,
        "dich": dich,
        "giao_thuc": giao_thuc,
        "cong": cong,
    }


def goi(nguon: str, dich: str, giao_thuc: str = "tcp", cong: int | None = None) -> dict:
    """Một gói tin (cổng đích là None với ICMP)."""
    return {"nguon": nguon, "dich": dich, "giao_thuc": giao_thuc, "cong": cong}


MOI_NOI = "0.0.0.0/0"
TAP_LUAT_TTDL = [
    luat("cho-phep", MOI_NOI, "10.68.0.30/32", "tcp", "443"),  # 0 cổng dịch vụ công (HTTPS)
    luat("cho-phep", MOI_NOI, "10.68.0.30/32", "tcp", "80"),  # 1 HTTP, chuyển hướng sang HTTPS
    luat("cho-phep", MOI_NOI, "10.68.0.20/32", "tcp", "25"),  # 2 nhận thư điện tử
    luat("cho-phep", "10.68.0.0/16", "10.68.0.0/24"),  # 3 mạng của tỉnh vào TTDL
    luat("chan", "10.68.48.0/20", "10.68.0.40/32", "tcp", "443"),  # 4 tạm chặn Yên Hòa vào QLVB
    luat("cho-phep", "10.68.32.0/20", "10.68.0.0/24", "tcp", "443"),  # 5 Tân Lập vào HTTPS
    luat("cho-phep", MOI_NOI, "10.68.0.30/32", "tcp", "443-443"),  # 6 thêm lần nữa cho chắc
    luat("chan", MOI_NOI, "10.68.0.0/24", "tcp", "22"),  # 7 chặn SSH từ bên ngoài
    luat("cho-phep", "10.68.0.0/24", MOI_NOI),  # 8 máy chủ TTDL đi ra ngoài
    luat("cho-phep", "10.68.0.0/24", MOI_NOI, "udp", "53"),  # 9 máy chủ hỏi DNS
    luat("chan", MOI_NOI, MOI_NOI),  # 10 chặn tất cả (ghi rõ để có nhật ký)
]

# %% [markdown]
# ## Phần 1. Gói tin có khớp luật không? (2 điểm)
#
# Gói khớp luật khi **cả bốn** điều kiện cùng đúng: địa chỉ nguồn nằm trong `nguon`, địa chỉ
# đích nằm trong `dich`, giao thức trùng (hoặc luật là `"any"`), và cổng đích nằm trong khoảng
# cổng (hoặc luật là `"any"`). Gói ICMP không có cổng nên không khớp luật có cổng cụ thể.
# Chú ý: so sánh cổng bằng **số** — theo thứ tự chuỗi thì `"8080" < "443"`.
#
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `khop_luat(quy_tac, goi_tin)` trả về `True` nếu gói khớp luật, ngược lại `False`.


# %% nbgrader={"grade": false, "grade_id": "khop-luat", "locked": false, "schema_version": 3, "solution": true}
def khop_luat(quy_tac: dict, goi_tin: dict) -> bool:
    """Gói tin goi_tin có khớp luật quy_tac không."""
    ### BEGIN SOLUTION
    if ipaddress.IPv4Address(goi_tin["nguon"]) not in ipaddress.IPv4Network(quy_tac["nguon"]):
        return False
    if ipaddress.IPv4Address(goi_tin["dich"]) not in ipaddress.IPv4Network(quy_tac["dich"]):
        return False
    if quy_tac["giao_thuc"] not in ("any", goi_tin["giao_thuc"]):
        return False
    if quy_tac["cong"] == "any":
        return True
    if goi_tin["cong"] is None:
        return False
    thap, _, cao = quy_tac["cong"].partition("-")
    return int(thap) <= goi_tin["cong"] <= int(cao or thap)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "khop-luat-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    khop_luat,
    [
        ((TAP_LUAT_TTDL[0], goi("203.113.131.7", "10.68.0.30", "tcp", 443)), True),
        ((TAP_LUAT_TTDL[0], goi("203.113.131.7", "10.68.0.30", "tcp", 80)), False),
        ((TAP_LUAT_TTDL[3], goi("10.68.33.15", "10.68.0.40", "icmp")), True),
    ],
    what="kết quả so khớp",
)

# %% nbgrader={"grade": true, "grade_id": "khop-luat-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: khoảng cổng (hai đầu, so sánh số), giao thức, ICMP với luật có cổng, địa chỉ biên.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_khoang = luat("cho-phep", "10.68.32.0/20", "10.68.0.50/32", "udp", "1000-2000")
check_cases(
    khop_luat,
    [
        ((_khoang, goi("10.68.47.255", "10.68.0.50", "udp", 1000)), True),
        ((_khoang, goi("10.68.32.0", "10.68.0.50", "udp", 2000)), True),
        ((_khoang, goi("10.68.40.1", "10.68.0.50", "udp", 2001)), False),
        ((_khoang, goi("10.68.40.1", "10.68.0.50", "udp", 999)), False),
        ((_khoang, goi("10.68.40.1", "10.68.0.50", "udp", 10000)), False),
        ((_khoang, goi("10.68.40.1", "10.68.0.50", "udp", 150)), False),
        ((_khoang, goi("10.68.40.1", "10.68.0.50", "tcp", 1500)), False),
        ((_khoang, goi("10.68.48.1", "10.68.0.50", "udp", 1500)), False),
        ((_khoang, goi("10.68.40.1", "10.68.0.5", "udp", 1500)), False),
        (
            (
                luat("chan", MOI_NOI, MOI_NOI, "tcp", "8080"),
                goi("1.2.3.4", "10.68.0.3", "tcp", 8080),
            ),
            True,
        ),
        (
            (
                luat("chan", MOI_NOI, MOI_NOI, "tcp", "443"),
                goi("1.2.3.4", "10.68.0.3", "tcp", 4433),
            ),
            False,
        ),
        ((TAP_LUAT_TTDL[7], goi("1.2.3.4", "10.68.0.3", "icmp")), False),
        ((TAP_LUAT_TTDL[10], goi("1.2.3.4", "10.68.0.3", "icmp")), True),
    ],
    what="kết quả so khớp",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Luật khớp đầu tiên thắng (3 điểm)
#
# Tường lửa (iptables/nftables, danh sách truy cập ACL của Cisco, phần lớn tường lửa thế hệ
# mới) duyệt luật **từ trên xuống** và dùng luật **khớp đầu tiên**; nếu không luật nào khớp
# thì áp dụng chính sách ngầm định — ở đây là chặn. Khác với định tuyến (Bài 2), luật cụ thể
# hơn **không** tự động thắng: luật 4 muốn chặn Yên Hòa vào QLVB, nhưng gói từ Yên Hòa tới
# `10.68.0.40:443` đã khớp luật 3 (cho phép) trước đó. (Một số ít tường lửa, như pf của BSD,
# mặc định dùng luật khớp **cuối cùng** trừ khi luật có từ khóa `quick`: hãy đọc tài liệu của
# thiết bị mình đang quản trị.)
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `danh_gia(tap_luat, goi_tin)` trả về `tuple` `(hành_động, chỉ_số)` của luật khớp
# đầu tiên (chỉ số đếm từ 0), hoặc `("chan", None)` khi không luật nào khớp.


# %% nbgrader={"grade": false, "grade_id": "danh-gia", "locked": false, "schema_version": 3, "solution": true}
def danh_gia(tap_luat: list[dict], goi_tin: dict) -> tuple[str, int | None]:
    """Hành động và chỉ số của luật khớp đầu tiên; chặn ngầm định khi không luật nào khớp."""
    ### BEGIN SOLUTION
    for chi_so, quy_tac in enumerate(tap_luat):
        if khop_luat(quy_tac, goi_tin):
            return quy_tac["hanh_dong"], chi_so
    return "chan", None
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "danh-gia-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    danh_gia,
    [
        ((TAP_LUAT_TTDL, goi("203.113.131.7", "10.68.0.30", "tcp", 443)), ("cho-phep", 0)),
        ((TAP_LUAT_TTDL, goi("203.113.131.7", "10.68.0.40", "tcp", 443)), ("chan", 10)),
        ((TAP_LUAT_TTDL[:3], goi("203.113.131.7", "10.68.0.40", "tcp", 443)), ("chan", None)),
    ],
    what="kết quả đánh giá",
)

# %% nbgrader={"grade": true, "grade_id": "danh-gia-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: luật cụ thể đứng sau luật rộng (khớp đầu tiên, không phải khớp tốt nhất).
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    danh_gia,
    [
        ((TAP_LUAT_TTDL, goi("10.68.50.5", "10.68.0.40", "tcp", 443)), ("cho-phep", 3)),
        ((TAP_LUAT_TTDL, goi("10.68.33.9", "10.68.0.40", "tcp", 22)), ("cho-phep", 3)),
        ((TAP_LUAT_TTDL, goi("203.113.131.7", "10.68.0.40", "tcp", 22)), ("chan", 7)),
        ((TAP_LUAT_TTDL, goi("10.68.0.5", "8.8.8.8", "udp", 53)), ("cho-phep", 8)),
        ((TAP_LUAT_TTDL, goi("203.113.131.7", "10.68.0.20", "tcp", 25)), ("cho-phep", 2)),
        ((TAP_LUAT_TTDL[4:8], goi("10.68.50.5", "10.68.0.40", "tcp", 443)), ("chan", 0)),
        ((TAP_LUAT_TTDL[4:8], goi("10.68.50.5", "10.68.0.40", "udp", 443)), ("chan", None)),
        (([], goi("10.68.0.5", "10.68.0.6", "icmp")), ("chan", None)),
    ],
    what="kết quả đánh giá",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Công cụ thử gói tin
#
# Nhập một gói tin để xem tường lửa TTDL xử lý ra sao, dùng hàm `danh_gia` của anh/chị. Thử
# gói từ Yên Hòa (`10.68.50.5`) tới QLVB (`10.68.0.40`) cổng 443: luật 4 có tác dụng không?
# Phần xử lý nằm trong hàm thường `mo_ta_goi_tin`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def mo_ta_goi_tin(tap_luat: list[dict], nguon: str, dich: str, giao_thuc: str, cong: int) -> str:
    """Kết quả đánh giá một gói tin, hoặc lời nhắc khi chưa làm bài tập."""
    goi_tin = goi(nguon.strip(), dich.strip(), giao_thuc, None if giao_thuc == "icmp" else cong)
    try:
        hanh_dong, chi_so = danh_gia(tap_luat, goi_tin)
    except NotImplementedError:
        return "Hãy làm Bài tập 1 và 2 trước khi dùng công cụ này."
    except ValueError as loi:
        return f"Địa chỉ không hợp lệ: {loi}"
    except Exception as loi:
        return f"Hàm của anh/chị báo lỗi {type(loi).__name__}: {loi}"
    if chi_so is None:
        return f"{hanh_dong.upper()} — không luật nào khớp, áp dụng chính sách ngầm định."
    return f"{hanh_dong.upper()} — khớp luật {chi_so}: {tap_luat[chi_so]}"


o_nguon = widgets.Text(value="10.68.50.5", description="Nguồn:")
o_dich_goi = widgets.Text(value="10.68.0.40", description="Đích:")
o_giao_thuc = widgets.Dropdown(options=["tcp", "udp", "icmp"], description="Giao thức:")
o_cong = widgets.BoundedIntText(value=443, min=0, max=65535, description="Cổng đích:")
o_ket_luan = widgets.HTML()


def cap_nhat_goi(_thay_doi: object = None) -> None:
    mo_ta = mo_ta_goi_tin(
        TAP_LUAT_TTDL, o_nguon.value, o_dich_goi.value, o_giao_thuc.value, o_cong.value
    )
    o_ket_luan.value = "<pre>" + html.escape(mo_ta) + "</pre>"


for o in (o_nguon, o_dich_goi, o_giao_thuc, o_cong):
    o.observe(cap_nhat_goi, names="value")
cap_nhat_goi()
display(widgets.VBox([o_nguon, o_dich_goi, o_giao_thuc, o_cong, o_ket_luan]))

# %% [markdown]
# ## Phần 3. Luật này bao trùm luật kia? (2 điểm)
#
# Luật A **bao trùm** luật B khi mọi gói khớp B đều khớp A: nguồn của B là mạng con của nguồn
# của A, đích cũng vậy, giao thức của A là `"any"` hoặc trùng giao thức của B, và khoảng cổng
# của A chứa khoảng cổng của B (`"any"` chứa mọi khoảng; một khoảng cụ thể không chứa
# `"any"`). Ví dụ: luật 3 bao trùm luật 4 và luật 5; luật 0 bao trùm luật 6 (`"443-443"` chính
# là `"443"`); luật 7 **không** bao trùm luật 3, cũng không bị luật 3 bao trùm.
#
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `bao_trum(a, b)` trả về `True` nếu luật `a` bao trùm luật `b` (không xét hành
# động), ngược lại `False`.


# %% nbgrader={"grade": false, "grade_id": "bao-trum", "locked": false, "schema_version": 3, "solution": true}
def bao_trum(a: dict, b: dict) -> bool:
    """Mọi gói khớp luật b có khớp luật a không."""
    ### BEGIN SOLUTION
    for truong in ("nguon", "dich"):
        if not ipaddress.IPv4Network(b[truong]).subnet_of(ipaddress.IPv4Network(a[truong])):
            return False
    if a["giao_thuc"] not in ("any", b["giao_thuc"]):
        return False
    if a["cong"] == "any":
        return True
    if b["cong"] == "any":
        return False

    def khoang(cong: str) -> tuple[int, int]:
        dau, _, cuoi = cong.partition("-")
        return int(dau), int(cuoi or dau)

    (a_dau, a_cuoi), (b_dau, b_cuoi) = khoang(a["cong"]), khoang(b["cong"])
    return a_dau <= b_dau and b_cuoi <= a_cuoi
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "bao-trum-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    bao_trum,
    [
        ((TAP_LUAT_TTDL[3], TAP_LUAT_TTDL[4]), True),
        ((TAP_LUAT_TTDL[0], TAP_LUAT_TTDL[6]), True),
        ((TAP_LUAT_TTDL[7], TAP_LUAT_TTDL[3]), False),
        ((TAP_LUAT_TTDL[3], TAP_LUAT_TTDL[7]), False),
    ],
    what="kết quả bao trùm",
)

# %% nbgrader={"grade": true, "grade_id": "bao-trum-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: khoảng cổng lồng nhau và chồng một phần, "any", giao thức, mạng rộng hơn.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_rong = luat("cho-phep", "10.68.0.0/16", "10.68.0.0/24", "tcp", "1000-2000")
check_cases(
    bao_trum,
    [
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "tcp", "1500-1600")), True),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "tcp", "1000-2000")), True),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "tcp", "1500-2500")), False),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "tcp", "999")), False),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "tcp", "any")), False),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.7/32", "udp", "1500")), False),
        ((_rong, luat("chan", "10.68.32.0/20", "10.68.0.0/23", "tcp", "1500")), False),
        ((_rong, luat("chan", "10.0.0.0/8", "10.68.0.7/32", "tcp", "1500")), False),
        ((luat("chan", MOI_NOI, MOI_NOI), _rong), True),
        ((luat("chan", MOI_NOI, MOI_NOI, "udp"), _rong), False),
        ((luat("chan", MOI_NOI, MOI_NOI, "tcp", "200-9000"), _rong), True),
        ((luat("chan", MOI_NOI, MOI_NOI, "tcp", "200-999"), _rong), False),
    ],
    what="kết quả bao trùm",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Luật bị che và luật thừa (3 điểm)
#
# Nếu một luật đứng trước bao trùm hoàn toàn luật j, luật j **không bao giờ được dùng**:
#
# - nếu luật đứng trước đó có hành động **khác** luật j, luật j **bị che** (shadowed) — đây là
#   lỗi nghiêm trọng: người viết muốn chặn (hay cho phép) nhưng tường lửa không làm vậy (luật 4);
# - nếu cùng hành động, luật j **thừa** (redundant) — vô hại nhưng làm tập luật khó đọc
#   (luật 5, 6, 9).
#
# Khi nhiều luật đứng trước cùng bao trùm luật j, xét luật **đứng trước sớm nhất** trong số đó.
#
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `phan_loai_luat(tap_luat)` trả về `dict` chỉ số → `"bi-che"` hoặc `"thua"`, chỉ gồm
# các luật bị một luật đứng trước bao trùm. Dùng hàm `bao_trum` của Bài tập 3.


# %% nbgrader={"grade": false, "grade_id": "phan-loai-luat", "locked": false, "schema_version": 3, "solution": true}
def phan_loai_luat(tap_luat: list[dict]) -> dict[int, str]:
    """Các luật không bao giờ được dùng: bị che (khác hành động) hoặc thừa (cùng hành động)."""
    ### BEGIN SOLUTION
    nhan = {}
    for j, sau in enumerate(tap_luat):
        for truoc in tap_luat[:j]:
            if bao_trum(truoc, sau):
                nhan[j] = "thua" if truoc["hanh_dong"] == sau["hanh_dong"] else "bi-che"
                break
    return nhan
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "phan-loai-luat-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    phan_loai_luat,
    [((TAP_LUAT_TTDL,), {4: "bi-che", 5: "thua", 6: "thua", 9: "thua"})],
    what="phân loại luật",
)

# %% nbgrader={"grade": true, "grade_id": "phan-loai-luat-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: luật đứng trước sớm nhất quyết định, chồng một phần không tính, tập rỗng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_tap_an = [
    luat("chan", "10.68.48.0/20", "10.68.1.0/26", "tcp", "5432"),
    luat("cho-phep", "10.68.0.0/16", "10.68.1.0/26", "tcp", "5000-6000"),
    luat("cho-phep", "10.68.49.0/24", "10.68.1.10/32", "tcp", "5432"),
    luat("chan", "10.68.33.0/24", "10.68.1.10/32", "tcp", "5500"),
    luat("cho-phep", "10.68.33.0/24", "10.68.1.0/25", "tcp", "5500"),
    luat("chan", MOI_NOI, "10.68.1.0/26", "tcp", "5000-7000"),
    luat("chan", "10.68.0.0/16", "10.68.1.0/26", "tcp", "6500"),
    luat("chan", "0.0.0.0/0", "0.0.0.0/0"),
    luat("cho-phep", "10.68.0.10/32", "10.68.1.10/32", "icmp"),
]
check_cases(
    phan_loai_luat,
    [
        ((_tap_an,), {2: "bi-che", 3: "bi-che", 6: "thua", 8: "bi-che"}),
        ((TAP_LUAT_TTDL[7:],), {2: "thua"}),
        (([],), {}),
    ],
    what="phân loại luật",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Viết luật cho một chính sách (3 điểm)
#
# Quy chế bảo đảm an toàn thông tin của Trung tâm dữ liệu tỉnh yêu cầu tường lửa nội bộ trước
# mạng CSDL dùng chung `10.68.1.0/26` thực hiện chính sách sau:
#
# 1. chỉ các máy chủ ứng dụng của trung tâm dữ liệu (`10.68.0.0/24`) được kết nối tới mạng
#    CSDL, và chỉ qua TCP cổng 5432 (PostgreSQL);
# 2. riêng máy trạm quản trị `10.68.0.10` được SSH (TCP 22) vào mạng CSDL;
# 3. hệ thống giám sát ở trung tâm dữ liệu được ping (ICMP) các máy trong mạng CSDL;
# 4. mọi lưu lượng khác tới mạng CSDL bị chặn — kể cả từ các sở, ngành, xã, phường trong mạng của tỉnh;
# 5. lưu lượng từ mạng của tỉnh (`10.68.0.0/16`) tới các đích khác đi qua tường lửa này được
#    cho phép; lưu lượng từ ngoài mạng tỉnh bị chặn.
#
# ### Bài tập 5 (3 điểm)
#
# Gán cho biến `LUAT_CSDL` một `list` luật (dùng hàm `luat`) thực hiện đúng chính sách trên
# với cách đánh giá "luật khớp đầu tiên, ngầm định chặn". Kiểm thử sẽ thử rất nhiều gói tin
# khác nhau. Hãy chú ý thứ tự luật.

# %% nbgrader={"grade": false, "grade_id": "luat-csdl", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
MANG_CSDL = "10.68.1.0/26"
LUAT_CSDL = [
    luat("cho-phep", "10.68.0.0/24", MANG_CSDL, "tcp", "5432"),
    luat("cho-phep", "10.68.0.10/32", MANG_CSDL, "tcp", "22"),
    luat("cho-phep", "10.68.0.0/24", MANG_CSDL, "icmp"),
    luat("chan", MOI_NOI, MANG_CSDL),
    luat("cho-phep", "10.68.0.0/16", MOI_NOI),
]
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "luat-csdl-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(LUAT_CSDL, list, what="LUAT_CSDL")
for _goi, _mong_doi in [
    (goi("10.68.0.25", "10.68.1.10", "tcp", 5432), "cho-phep"),
    (goi("10.68.33.15", "10.68.1.10", "tcp", 5432), "chan"),
    (goi("10.68.0.10", "10.68.1.10", "tcp", 22), "cho-phep"),
]:
    assert_equal(danh_gia(LUAT_CSDL, _goi)[0], _mong_doi, what="hành động với gói", given=str(_goi))

# %% nbgrader={"grade": true, "grade_id": "luat-csdl-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đánh giá bằng bộ đánh giá của giảng viên trên nhiều gói tin.
from graders.asserts import assert_equal, assert_true


### BEGIN HIDDEN TESTS
def _khop_gv(q: dict, g: dict) -> bool:
    ok = ipaddress.ip_address(g["nguon"]) in ipaddress.ip_network(q["nguon"])
    ok = ok and ipaddress.ip_address(g["dich"]) in ipaddress.ip_network(q["dich"])
    ok = ok and q["giao_thuc"] in ("any", g["giao_thuc"])
    if not ok or q["cong"] == "any":
        return ok
    a, _, b = q["cong"].partition("-")
    return g["cong"] is not None and int(a) <= g["cong"] <= int(b or a)


def _gv(tap: list[dict], g: dict) -> str:
    return next((q["hanh_dong"] for q in tap if _khop_gv(q, g)), "chan")


assert_true(
    all(
        type(q) is dict and set(q) == {"hanh_dong", "nguon", "dich", "giao_thuc", "cong"}
        for q in LUAT_CSDL
    ),
    "Mỗi phần tử của LUAT_CSDL phải là một luật tạo bằng hàm luat(...).",
)
_mau = [
    (goi("10.68.0.25", "10.68.1.10", "tcp", 5432), "cho-phep"),
    (goi("10.68.0.254", "10.68.1.63", "tcp", 5432), "cho-phep"),
    (goi("10.68.0.1", "10.68.1.0", "tcp", 5432), "cho-phep"),
    (goi("10.68.0.25", "10.68.1.10", "tcp", 5433), "chan"),
    (goi("10.68.0.25", "10.68.1.10", "udp", 5432), "chan"),
    (goi("10.68.0.25", "10.68.1.10", "tcp", 22), "chan"),
    (goi("10.68.0.10", "10.68.1.10", "tcp", 22), "cho-phep"),
    (goi("10.68.0.10", "10.68.1.10", "tcp", 5432), "cho-phep"),
    (goi("10.68.0.10", "10.68.1.10", "tcp", 3389), "chan"),
    (goi("10.68.0.11", "10.68.1.10", "tcp", 22), "chan"),
    (goi("10.68.0.99", "10.68.1.20", "icmp"), "cho-phep"),
    (goi("10.68.33.15", "10.68.1.20", "icmp"), "chan"),
    (goi("10.68.1.5", "10.68.1.20", "tcp", 5432), "chan"),
    (goi("10.68.16.8", "10.68.1.10", "tcp", 5432), "chan"),
    (goi("10.68.50.5", "10.68.1.10", "tcp", 22), "chan"),
    (goi("203.113.131.7", "10.68.1.10", "tcp", 5432), "chan"),
    (goi("10.68.33.15", "10.68.1.64", "tcp", 5432), "cho-phep"),
    (goi("10.68.33.15", "10.68.0.40", "tcp", 443), "cho-phep"),
    (goi("10.68.33.15", "8.8.8.8", "udp", 53), "cho-phep"),
    (goi("10.68.0.25", "10.68.1.70", "udp", 161), "cho-phep"),
    (goi("203.113.131.7", "10.68.0.30", "tcp", 443), "chan"),
    (goi("10.69.0.1", "10.68.0.30", "tcp", 443), "chan"),
]
for _goi, _mong_doi in _mau:
    assert_equal(_gv(LUAT_CSDL, _goi), _mong_doi, what="hành động với gói", given=str(_goi))
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. So sánh hai phiên bản tập luật (2 điểm)
#
# Trước khi áp dụng một thay đổi, hãy chạy cả tập luật cũ và mới trên một bộ gói tin mẫu
# (lấy từ nhật ký thật) và xem gói nào đổi kết quả. Thay đổi chỉ được duyệt khi mọi gói đổi
# kết quả đều nằm trong dự kiến.
#
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `goi_doi_ket_qua(tap_cu, tap_moi, cac_goi)` trả về `list` các chỉ số (tăng dần)
# của những gói trong `cac_goi` mà **hành động** theo `tap_moi` khác theo `tap_cu` (chỉ so
# hành động, không so chỉ số luật).


# %% nbgrader={"grade": false, "grade_id": "goi-doi-ket-qua", "locked": false, "schema_version": 3, "solution": true}
def goi_doi_ket_qua(tap_cu: list[dict], tap_moi: list[dict], cac_goi: list[dict]) -> list[int]:
    """Chỉ số các gói có hành động khác nhau giữa hai tập luật."""
    ### BEGIN SOLUTION
    return [
        i
        for i, goi_tin in enumerate(cac_goi)
        if danh_gia(tap_cu, goi_tin)[0] != danh_gia(tap_moi, goi_tin)[0]
    ]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "goi-doi-ket-qua-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

# Sửa lỗi luật 4 bị che: chuyển nó lên trước luật 3.
_tap_sua = [*TAP_LUAT_TTDL[:3], TAP_LUAT_TTDL[4], TAP_LUAT_TTDL[3], *TAP_LUAT_TTDL[5:]]
_cac_goi = [
    goi("10.68.50.5", "10.68.0.40", "tcp", 443),
    goi("10.68.33.9", "10.68.0.40", "tcp", 443),
    goi("10.68.50.5", "10.68.0.30", "tcp", 443),
]
check_cases(
    goi_doi_ket_qua, [((TAP_LUAT_TTDL, _tap_sua, _cac_goi), [0])], what="các gói đổi kết quả"
)

# %% nbgrader={"grade": true, "grade_id": "goi-doi-ket-qua-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đổi chỉ số luật nhưng không đổi hành động, tập luật rỗng, nhiều gói đổi.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_cac_goi_an = [
    goi("203.113.131.7", "10.68.0.30", "tcp", 443),
    goi("10.68.0.5", "8.8.8.8", "udp", 53),
    goi("203.113.131.7", "10.68.0.40", "tcp", 22),
    goi("10.68.33.9", "10.68.0.40", "icmp"),
]
check_cases(
    goi_doi_ket_qua,
    [
        ((TAP_LUAT_TTDL, TAP_LUAT_TTDL[1:], _cac_goi_an), []),
        ((TAP_LUAT_TTDL, [], _cac_goi_an), [0, 1, 3]),
        ((TAP_LUAT_TTDL, [luat("cho-phep", MOI_NOI, MOI_NOI)], _cac_goi_an), [2]),
        (([], [], []), []),
    ],
    what="các gói đổi kết quả",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) tập luật tường lửa ở cơ quan của anh/chị: có bao
# nhiêu luật, ai được thay đổi, mỗi luật có ghi chú lý do, người yêu cầu và thời hạn không; lần
# gần nhất rà soát luật bị che, luật thừa, luật "tạm thời" bị bỏ quên là khi nào. Nếu áp dụng
# chính sách "chỉ trung tâm dữ liệu được vào mạng CSDL" ở đơn vị mình, anh/chị sẽ triển khai
# và kiểm tra như thế nào để không làm gián đoạn các hệ thống đang chạy?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt mô tả hiện trạng cụ thể (số luật, phân quyền, quy trình yêu cầu — phê duyệt),
# nêu cách rà soát định kỳ (tìm luật bị che/thừa, luật hết hạn, luật "any any"), và kế hoạch
# triển khai chính sách có bước kiểm tra: thu nhật ký lưu lượng thật, chạy thử tập luật mới
# trên các gói mẫu (như Bài tập 6), áp dụng ngoài giờ, có phương án quay lui.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Gói khớp luật khi nguồn, đích, giao thức và cổng cùng khớp; so sánh địa chỉ bằng
#   `ipaddress` và cổng bằng số, khoảng cổng gồm cả hai đầu.
# - Tường lửa dùng luật **khớp đầu tiên**, không phải luật cụ thể nhất; không luật nào khớp
#   thì chặn.
# - Luật bị một luật đứng trước bao trùm không bao giờ được dùng: khác hành động là **bị che**
#   (lỗi), cùng hành động là **thừa**.
# - Viết chính sách: luật cho phép hẹp trước, luật chặn vùng cần bảo vệ sau, luật cho phép
#   rộng cuối cùng.
# - Trước khi áp dụng thay đổi, so sánh kết quả của tập luật cũ và mới trên gói tin mẫu.
