# %% [markdown]
# # Bài 3. DNS và DHCP: bản ghi vùng, đường phân giải, dải cấp phát và sửa cấu hình lỗi
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 1 (địa chỉ IPv4, `ipaddress`); xử lý chuỗi trong Python
# (`split`, `strip`, `lower`); biết `datetime` ở mức cơ bản.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. đọc tệp vùng (zone file) DNS và viết đầy đủ tên miền của từng bản ghi (resource record);
# 2. lần theo đường phân giải qua các bản ghi bí danh (CNAME) và phát hiện vòng lặp;
# 3. tìm các lỗi cấu hình vùng hay gặp: CNAME đứng chung với bản ghi khác, MX/NS trỏ vào
#    CNAME, tên đích không có địa chỉ;
# 4. tính số địa chỉ của dải cấp phát (pool) DHCP và kiểm tra cấu hình một mạng con DHCP;
# 5. đọc tệp `dhcpd.leases` và đếm các hợp đồng thuê (lease) còn hiệu lực, đúng múi giờ.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn** với những đầu vào khác. Điểm ghi ở
# tiêu đề từng phần (tổng 20 điểm: 17 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên
# chấm). Trước khi nộp, hãy chọn *Kernel → Restart & Run All*.
#
# **Bối cảnh.** Tỉnh Sơn Hà dùng tên miền `sonha.gov.vn`. Hai máy chủ DNS `ns1`, `ns2` đặt
# tại Trung tâm dữ liệu tỉnh; cổng dịch vụ công, hệ thống quản lý văn bản (`qlvb`), thư điện
# tử công vụ và hệ thống họp trực tuyến đều được gọi bằng tên trong vùng này. Mạng LAN của
# UBND phường Tân Lập (`10.68.33.0/24`) nhận địa chỉ từ một máy chủ ISC DHCP. Các tệp dữ liệu
# nằm cùng thư mục với bài: `sonha.gov.vn.zone`, `sonha-loi.zone`, `dhcpd.leases`.

# %% nbgrader={"grade": false, "grade_id": "du-lieu", "locked": true, "schema_version": 3, "solution": false}
import ipaddress
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

VUNG_SONHA = Path("sonha.gov.vn.zone").read_text(encoding="utf-8")
VUNG_LOI = Path("sonha-loi.zone").read_text(encoding="utf-8")
LEASES = Path("dhcpd.leases").read_text(encoding="utf-8")
GIO_VN = timezone(timedelta(hours=7), "ICT")  # giờ Việt Nam, UTC+7, không có giờ mùa hè

print(VUNG_SONHA)

# %% [markdown]
# ## Phần 1. Đọc tệp vùng (3 điểm)
#
# Tệp vùng (RFC 1035, mục 5) có mỗi dòng một bản ghi: `tên [TTL] [IN] loại dữ-liệu`. Vài
# quy ước làm người mới hay nhầm:
#
# - Tên **không** kết thúc bằng dấu chấm là tên tương đối: nối thêm `$ORIGIN`. Trong vùng
#   `sonha.gov.vn.`, `qlvb` là `qlvb.sonha.gov.vn.`, còn `ns2.sonha.gov.vn.` (có dấu chấm
#   cuối) là tên tuyệt đối. Quên dấu chấm cuối khi viết tên đầy đủ sẽ thành
#   `ns2.sonha.gov.vn.sonha.gov.vn.` — lỗi rất hay gặp. Quy ước này áp dụng cả cho tên đích
#   trong bản ghi NS, CNAME, MX, PTR.
# - `@` là chính `$ORIGIN`. Dòng bắt đầu bằng khoảng trắng **dùng lại tên của dòng trước**.
# - Dấu `;` mở đầu chú thích đến hết dòng. `$TTL` đặt TTL mặc định (giây) cho các bản ghi
#   không ghi TTL; TTL và lớp `IN` có thể đứng theo thứ tự nào cũng được.
# - Tên miền không phân biệt chữ hoa, chữ thường: ta viết tất cả bằng chữ thường.
#
# Ví dụ dòng `vanban 600 IN CNAME qlvb` cho bản ghi
# `("vanban.sonha.gov.vn.", 600, "CNAME", "qlvb.sonha.gov.vn.")`.

# %% [markdown]
# ### Bài tập 1 (3 điểm)
#
# Viết hàm `doc_vung(van_ban)` trả về `list` các `tuple` `(tên, ttl, loại, dữ_liệu)` theo thứ
# tự trong tệp: `tên` đầy đủ, chữ thường, có dấu chấm cuối; `ttl` kiểu `int`; `loại` chữ hoa.
# `dữ_liệu` là chuỗi: với A, AAAA giữ nguyên địa chỉ; với NS, CNAME, PTR là tên đích đầy đủ
# (như `tên`); với MX là `"ưu_tiên tên_đầy_đủ"`, ví dụ `"10 mail.sonha.gov.vn."`; với loại
# khác (SOA, TXT…) là các trường còn lại nối bằng một dấu cách. Bỏ qua dòng trống và chú
# thích; TTL luôn là số giây.


# %% nbgrader={"grade": false, "grade_id": "doc-vung", "locked": false, "schema_version": 3, "solution": true}
def doc_vung(van_ban: str) -> list[tuple[str, int, str, str]]:
    """Các bản ghi của một tệp vùng DNS, với tên đầy đủ."""
    ### BEGIN SOLUTION
    goc = "."
    ttl_mac_dinh = None
    chu_cu = None
    ket_qua = []

    def day_du(ten: str) -> str:
        ten = ten.lower()
        if ten == "@":
            return goc
        if ten.endswith("."):
            return ten
        return ten + "." + goc if goc != "." else ten + "."

    for dong_goc in van_ban.splitlines():
        dong = dong_goc.split(";", 1)[0]
        if not dong.strip():
            continue
        truong = dong.split()
        if truong[0].upper() == "$ORIGIN":
            goc = truong[1].lower()
            continue
        if truong[0].upper() == "$TTL":
            ttl_mac_dinh = int(truong[1])
            continue
        chu = chu_cu if dong[0] in " \t" else day_du(truong.pop(0))
        chu_cu = chu
        ttl = ttl_mac_dinh
        while truong and (truong[0].isdigit() or truong[0].upper() == "IN"):
            muc = truong.pop(0)
            if muc.isdigit():
                ttl = int(muc)
        loai = truong[0].upper()
        du_lieu = truong[1:]
        if loai in ("NS", "CNAME", "PTR"):
            gia_tri = day_du(du_lieu[0])
        elif loai == "MX":
            gia_tri = f"{int(du_lieu[0])} {day_du(du_lieu[1])}"
        else:
            gia_tri = " ".join(du_lieu)
        ket_qua.append((chu, ttl, loai, gia_tri))
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "doc-vung-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

ban_ghi_sonha = doc_vung(VUNG_SONHA)
assert_type(ban_ghi_sonha, list, what="kết quả của doc_vung")
assert_equal(len(ban_ghi_sonha), 24, what="số bản ghi của vùng sonha.gov.vn")
assert_equal(
    ban_ghi_sonha[1], ("sonha.gov.vn.", 3600, "NS", "ns1.sonha.gov.vn."), what="bản ghi thứ 2"
)
assert_equal(
    ban_ghi_sonha[3], ("sonha.gov.vn.", 3600, "MX", "10 mail.sonha.gov.vn."), what="bản ghi MX"
)
assert_equal(
    ban_ghi_sonha[16],
    ("vanban.sonha.gov.vn.", 600, "CNAME", "qlvb.sonha.gov.vn."),
    what="bản ghi CNAME của vanban",
)

# %% nbgrader={"grade": true, "grade_id": "doc-vung-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: dòng tiếp nối, tên tuyệt đối, đổi $ORIGIN giữa tệp, chữ hoa, lớp trước TTL.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    doc_vung(VUNG_SONHA)[11:13],
    [
        ("congdichvucong.sonha.gov.vn.", 3600, "A", "10.68.0.31"),
        ("congdichvucong.sonha.gov.vn.", 3600, "A", "10.68.0.32"),
    ],
    what="bản ghi trên dòng tiếp nối (dòng bắt đầu bằng khoảng trắng)",
)
assert_equal(
    doc_vung(VUNG_SONHA)[14],
    ("motcua.sonha.gov.vn.", 3600, "CNAME", "dichvucong.sonha.gov.vn."),
    what="CNAME trỏ tới tên tuyệt đối",
)
_vung_an = """$TTL 86400
$ORIGIN TanLap.SonHa.gov.vn.
@ IN 7200 NS ns1.sonha.gov.vn. ; máy chủ của tỉnh
Www.MotCua 300 IN A 10.68.33.20
  IN AAAA 2001:db8:a00:21::20
$ORIGIN SONHA.GOV.VN.
tanlap IN MX 5 Mail.TanLap
10.33.68.10.in-addr.arpa. IN PTR tanlap
"""
assert_equal(
    doc_vung(_vung_an),
    [
        ("tanlap.sonha.gov.vn.", 7200, "NS", "ns1.sonha.gov.vn."),
        ("www.motcua.tanlap.sonha.gov.vn.", 300, "A", "10.68.33.20"),
        ("www.motcua.tanlap.sonha.gov.vn.", 86400, "AAAA", "2001:db8:a00:21::20"),
        ("tanlap.sonha.gov.vn.", 86400, "MX", "5 mail.tanlap.sonha.gov.vn."),
        ("10.33.68.10.in-addr.arpa.", 86400, "PTR", "tanlap.sonha.gov.vn."),
    ],
    what="các bản ghi của một vùng khác",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Đường phân giải và bí danh CNAME (3 điểm)
#
# Khi một máy tính ở một xã hỏi `motcua.sonha.gov.vn`, máy chủ phân giải đệ quy (recursive
# resolver) của tỉnh, nếu chưa lưu sẵn câu trả lời, sẽ hỏi lần lượt máy chủ gốc (root) →
# máy chủ của `vn.` → của `gov.vn.` → máy chủ có thẩm quyền (authoritative) của
# `sonha.gov.vn.`. Trong vùng, `motcua` là bí danh (CNAME) của `dichvucong`, mà `dichvucong`
# lại là bí danh của `congdichvucong`; tên cuối cùng mới có bản ghi A. Đường phân giải là
# `motcua → dichvucong → congdichvucong`, câu trả lời là hai địa chỉ `10.68.0.31` và
# `10.68.0.32`. Nếu hai CNAME trỏ vòng vào nhau, việc phân giải không bao giờ kết thúc:
# máy chủ thật trả lỗi SERVFAIL, còn hàm của ta phải báo lỗi thay vì lặp mãi.
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `phan_giai(ban_ghi, ten, loai="A")`, với `ban_ghi` là kết quả của `doc_vung`.
# Chuẩn hóa `ten` (chữ thường, thêm dấu chấm cuối nếu thiếu), rồi đi theo các CNAME. Trả về
# `tuple` `(duong_di, gia_tri)`: `duong_di` là `list` các tên đã đi qua, bắt đầu bằng tên đã
# chuẩn hóa; `gia_tri` là `list` dữ liệu các bản ghi loại `loai` của tên cuối cùng, theo thứ
# tự trong vùng (rỗng nếu không có). Gặp vòng CNAME thì báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "phan-giai", "locked": false, "schema_version": 3, "solution": true}
def phan_giai(
    ban_ghi: list[tuple[str, int, str, str]], ten: str, loai: str = "A"
) -> tuple[list[str], list[str]]:
    """Đường đi qua các CNAME và dữ liệu loại loai của tên cuối cùng."""
    ### BEGIN SOLUTION
    hien_tai = ten.lower() if ten.endswith(".") else ten.lower() + "."
    da_qua = [hien_tai]
    while True:
        bi_danh = [d for t, _, kieu, d in ban_ghi if t == hien_tai and kieu == "CNAME"]
        if not bi_danh:
            break
        hien_tai = bi_danh[0]
        if hien_tai in da_qua:
            raise ValueError(f"vòng CNAME: {' → '.join([*da_qua, hien_tai])}")
        da_qua.append(hien_tai)
    return da_qua, [d for t, _, kieu, d in ban_ghi if t == hien_tai and kieu == loai.upper()]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "phan-giai-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

ban_ghi_sonha = doc_vung(VUNG_SONHA)
check_cases(
    phan_giai,
    [
        ((ban_ghi_sonha, "qlvb.sonha.gov.vn."), (["qlvb.sonha.gov.vn."], ["10.68.0.40"])),
        (
            (ban_ghi_sonha, "motcua.sonha.gov.vn."),
            (
                [
                    "motcua.sonha.gov.vn.",
                    "dichvucong.sonha.gov.vn.",
                    "congdichvucong.sonha.gov.vn.",
                ],
                ["10.68.0.31", "10.68.0.32"],
            ),
        ),
    ],
    what="kết quả phân giải",
)

# %% nbgrader={"grade": true, "grade_id": "phan-giai-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ hoa và thiếu dấu chấm cuối, loại MX, tên không tồn tại, vòng CNAME.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
_bg_tinh = doc_vung(VUNG_SONHA)
_loi = doc_vung(VUNG_LOI)
check_cases(
    phan_giai,
    [
        (
            (_bg_tinh, "VanBan.SonHa.gov.vn"),
            (["vanban.sonha.gov.vn.", "qlvb.sonha.gov.vn."], ["10.68.0.40"]),
        ),
        (
            (_bg_tinh, "sonha.gov.vn", "MX"),
            (["sonha.gov.vn."], ["10 mail.sonha.gov.vn.", "20 mail2.sonha.gov.vn."]),
        ),
        (
            (_bg_tinh, "thudientu.sonha.gov.vn.", "AAAA"),
            (["thudientu.sonha.gov.vn.", "mail.sonha.gov.vn."], []),
        ),
        ((_bg_tinh, "khongco.sonha.gov.vn."), (["khongco.sonha.gov.vn."], [])),
        ((_loi, "hop.sonha.gov.vn."), (["hop.sonha.gov.vn.", "hop-moi.sonha.gov.vn."], [])),
        ((_loi, "bando.sonha.gov.vn."), (["bando.sonha.gov.vn.", "gis.sonha-gis.vn."], [])),
    ],
    what="kết quả phân giải",
)
assert_raises(ValueError, phan_giai, _loi, "cong.sonha.gov.vn.", what="khi gặp vòng CNAME")
assert_raises(
    ValueError, phan_giai, [("a.", 60, "CNAME", "a.")], "a.", what="khi CNAME trỏ về chính nó"
)
### END HIDDEN TESTS

# %% [markdown]
# ### Công cụ xem đường phân giải
#
# Chọn một tên trong vùng để xem đường đi qua các CNAME và câu trả lời, dùng chính hàm
# `phan_giai` của anh/chị. Đổi sang vùng lỗi để thấy tên trỏ vào chỗ trống hay vòng CNAME.
# Phần xử lý nằm trong hàm thường `giai_thich_phan_giai`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def giai_thich_phan_giai(van_ban_vung: str, ten: str, loai: str = "A") -> str:
    """Mô tả đường phân giải ten, hoặc lời nhắc khi chưa làm bài tập."""
    try:
        duong_di, gia_tri = phan_giai(doc_vung(van_ban_vung), ten, loai)
    except NotImplementedError:
        return "Hãy làm Bài tập 1 và 2 trước khi dùng công cụ này."
    except ValueError as loi:
        return f"Phân giải thất bại (máy chủ thật sẽ trả SERVFAIL): {loi}"
    except Exception as loi:
        return f"Hàm của anh/chị báo lỗi {type(loi).__name__}: {loi}"
    tra_loi = ", ".join(gia_tri) if gia_tri else "không có bản ghi (NODATA hoặc NXDOMAIN)"
    return f"Đường đi: {' → '.join(duong_di)}\nTrả lời {loai}: {tra_loi}"


o_vung = widgets.Dropdown(
    options=[("sonha.gov.vn.zone", VUNG_SONHA), ("sonha-loi.zone", VUNG_LOI)], description="Vùng:"
)
o_ten = widgets.Combobox(
    value="motcua.sonha.gov.vn.",
    options=[
        "motcua.sonha.gov.vn.",
        "vanban.sonha.gov.vn.",
        "hop.sonha.gov.vn.",
        "cong.sonha.gov.vn.",
    ],
    description="Tên:",
)
o_loai = widgets.Dropdown(options=["A", "AAAA", "MX", "NS"], description="Loại:")
o_tra_loi = widgets.HTML()


def cap_nhat_phan_giai(_thay_doi: object = None) -> None:
    mo_ta = giai_thich_phan_giai(o_vung.value, o_ten.value, o_loai.value)
    o_tra_loi.value = "<pre>" + html.escape(mo_ta) + "</pre>"


for o in (o_vung, o_ten, o_loai):
    o.observe(cap_nhat_phan_giai, names="value")
cap_nhat_phan_giai()
display(widgets.VBox([o_vung, o_ten, o_loai, o_tra_loi]))

# %% [markdown]
# ## Phần 3. Tìm lỗi trong vùng (3 điểm)
#
# Tệp `sonha-loi.zone` do một cán bộ mới sửa và chưa ai kiểm tra. Các lỗi hay gặp (và chuẩn
# quy định chúng):
#
# | Mã lỗi | Ý nghĩa | Căn cứ |
# |---|---|---|
# | `cname-va-ban-ghi-khac` | một tên vừa có CNAME vừa có bản ghi khác | RFC 1034 mục 3.6.2, RFC 2181 mục 10.1 |
# | `dich-la-cname` | đích của bản ghi MX hoặc NS là một tên có CNAME | RFC 2181 mục 10.3 |
# | `dich-khong-co-dia-chi` | đích của MX, NS hoặc CNAME **nằm trong vùng** nhưng không có bản ghi A, AAAA hay CNAME nào | thư, phân giải thất bại |
# | `vong-cname` | tên nằm trên một vòng CNAME | phân giải không kết thúc |
#
# Một tên "nằm trong vùng" khi nó bằng tên của bản ghi SOA (đỉnh vùng) hoặc kết thúc bằng
# `.` + tên đó. Đích nằm ngoài vùng (như `gis.sonha-gis.vn.`) thì không kiểm tra được ở đây.
#
# ### Bài tập 3 (3 điểm)
#
# Viết hàm `loi_vung(ban_ghi)` trả về `list` các `tuple` `(tên, mã_lỗi)` **không trùng lặp**,
# sắp xếp tăng dần. `tên` là tên mang lỗi: tên có cả CNAME và bản ghi khác; tên **đích** với
# hai lỗi `dich-…`; mỗi tên trên vòng với `vong-cname`. Vùng không có lỗi trả về `[]`.


# %% nbgrader={"grade": false, "grade_id": "loi-vung", "locked": false, "schema_version": 3, "solution": true}
def loi_vung(ban_ghi: list[tuple[str, int, str, str]]) -> list[tuple[str, str]]:
    """Các lỗi cấu hình của một vùng DNS, dạng (tên, mã lỗi)."""
    ### BEGIN SOLUTION
    dinh = next(t for t, _, kieu, _ in ban_ghi if kieu == "SOA")
    loai_theo_ten: dict[str, set[str]] = {}
    cname: dict[str, str] = {}
    for t, _, kieu, d in ban_ghi:
        loai_theo_ten.setdefault(t, set()).add(kieu)
        if kieu == "CNAME":
            cname[t] = d
    loi = set()
    for t, cac_loai in loai_theo_ten.items():
        if "CNAME" in cac_loai and len(cac_loai) > 1:
            loi.add((t, "cname-va-ban-ghi-khac"))
    for _, _, kieu, d in ban_ghi:
        if kieu not in ("MX", "NS", "CNAME"):
            continue
        dich = d.split()[-1]
        if kieu in ("MX", "NS") and dich in cname:
            loi.add((dich, "dich-la-cname"))
        trong_vung = dich == dinh or dich.endswith("." + dinh)
        if trong_vung and not loai_theo_ten.get(dich, set()) & {"A", "AAAA", "CNAME"}:
            loi.add((dich, "dich-khong-co-dia-chi"))
    for bat_dau, dich_dau in cname.items():
        hien_tai = dich_dau
        buoc = 0
        while hien_tai in cname and hien_tai != bat_dau and buoc <= len(cname):
            hien_tai = cname[hien_tai]
            buoc += 1
        if hien_tai == bat_dau:
            loi.add((bat_dau, "vong-cname"))
    return sorted(loi)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "loi-vung-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true

assert_equal(loi_vung(doc_vung(VUNG_SONHA)), [], what="lỗi của vùng sonha.gov.vn (không có lỗi)")
loi_cua_vung_loi = loi_vung(doc_vung(VUNG_LOI))
assert_equal(len(loi_cua_vung_loi), 6, what="số lỗi tìm thấy trong sonha-loi.zone")
assert_true(
    ("vanban.sonha.gov.vn.", "cname-va-ban-ghi-khac") in loi_cua_vung_loi,
    "Chưa tìm thấy lỗi của vanban.sonha.gov.vn (vừa có CNAME vừa có bản ghi A).",
)

# %% nbgrader={"grade": true, "grade_id": "loi-vung-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: toàn bộ lỗi của sonha-loi.zone, một vùng nhỏ khác.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    loi_vung(doc_vung(VUNG_LOI)),
    [
        ("cong-cu.sonha.gov.vn.", "vong-cname"),
        ("cong.sonha.gov.vn.", "vong-cname"),
        ("hop-moi.sonha.gov.vn.", "dich-khong-co-dia-chi"),
        ("ns3.sonha.gov.vn.", "dich-khong-co-dia-chi"),
        ("thudientu.sonha.gov.vn.", "dich-la-cname"),
        ("vanban.sonha.gov.vn.", "cname-va-ban-ghi-khac"),
    ],
    what="các lỗi của sonha-loi.zone",
)
_vung_nho = [
    (
        "yenhoa.sonha.gov.vn.",
        3600,
        "SOA",
        "ns1.sonha.gov.vn. qt.sonha.gov.vn. 1 7200 900 1209600 3600",
    ),
    ("yenhoa.sonha.gov.vn.", 3600, "NS", "ns1.sonha.gov.vn."),
    ("yenhoa.sonha.gov.vn.", 3600, "NS", "dns.yenhoa.sonha.gov.vn."),
    ("yenhoa.sonha.gov.vn.", 3600, "MX", "10 mx.yenhoa.sonha.gov.vn."),
    ("yenhoa.sonha.gov.vn.", 3600, "MX", "20 mx2.yenhoa.sonha.gov.vn."),
    ("dns.yenhoa.sonha.gov.vn.", 3600, "AAAA", "2001:db8:a00:31::53"),
    ("mx.yenhoa.sonha.gov.vn.", 3600, "CNAME", "mail.sonha.gov.vn."),
    ("a.yenhoa.sonha.gov.vn.", 3600, "CNAME", "b.yenhoa.sonha.gov.vn."),
    ("b.yenhoa.sonha.gov.vn.", 3600, "CNAME", "c.yenhoa.sonha.gov.vn."),
    ("c.yenhoa.sonha.gov.vn.", 3600, "CNAME", "b.yenhoa.sonha.gov.vn."),
    ("c.yenhoa.sonha.gov.vn.", 3600, "TXT", "ghi-chu"),
]
assert_equal(
    loi_vung(_vung_nho),
    [
        ("b.yenhoa.sonha.gov.vn.", "vong-cname"),
        ("c.yenhoa.sonha.gov.vn.", "cname-va-ban-ghi-khac"),
        ("c.yenhoa.sonha.gov.vn.", "vong-cname"),
        ("mx.yenhoa.sonha.gov.vn.", "dich-la-cname"),
        ("mx2.yenhoa.sonha.gov.vn.", "dich-khong-co-dia-chi"),
    ],
    what="các lỗi của vùng yenhoa.sonha.gov.vn",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Dải cấp phát DHCP (5 điểm)
#
# Máy chủ DHCP cấp địa chỉ theo bốn bước DORA (Discover, Offer, Request, Acknowledge) từ một
# **dải cấp phát** (pool) `range đầu cuối;` — **gồm cả hai đầu**. Dải
# `10.68.33.100`–`10.68.33.199` có 199 − 100 + 1 = 100 địa chỉ, không phải 99. Nếu trong dải có
# địa chỉ đã gán tĩnh cho máy in hay camera (loại trừ), số địa chỉ cấp được còn ít hơn.
#
# So sánh địa chỉ bằng số, không bằng chuỗi: `"10.68.33.25" > "10.68.33.100"` là `True`!

# %%
dau, cuoi = ipaddress.ip_address("10.68.33.100"), ipaddress.ip_address("10.68.33.199")
chuoi_a, chuoi_b = "10.68.33.25", "10.68.33.100"
print(int(cuoi) - int(dau) + 1, "địa chỉ;", "so sánh chuỗi:", chuoi_a > chuoi_b)

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `so_dia_chi_cap_duoc(dau, cuoi, loai_tru)` trả về số địa chỉ (`int`) trong dải
# `dau`–`cuoi` (gồm cả hai đầu) trừ các địa chỉ trong `list` `loai_tru` nằm trong dải (một địa
# chỉ ghi hai lần chỉ trừ một lần; địa chỉ ngoài dải không ảnh hưởng). Nếu `dau` lớn hơn
# `cuoi` thì báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "so-dia-chi-cap-duoc", "locked": false, "schema_version": 3, "solution": true}
def so_dia_chi_cap_duoc(dau: str, cuoi: str, loai_tru: list[str]) -> int:
    """Số địa chỉ cấp được trong dải DHCP dau–cuoi, trừ các địa chỉ loại trừ."""
    ### BEGIN SOLUTION
    a, b = int(ipaddress.IPv4Address(dau)), int(ipaddress.IPv4Address(cuoi))
    if a > b:
        raise ValueError(f"dải ngược: {dau} lớn hơn {cuoi}")
    trong_dai = {int(ipaddress.IPv4Address(x)) for x in loai_tru} & set(range(a, b + 1))
    return b - a + 1 - len(trong_dai)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "so-dia-chi-cap-duoc-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    so_dia_chi_cap_duoc,
    [
        (("10.68.33.100", "10.68.33.199", []), 100),
        (("10.68.33.100", "10.68.33.199", ["10.68.33.150"]), 99),
    ],
    what="số địa chỉ cấp được",
)

# %% nbgrader={"grade": true, "grade_id": "so-dia-chi-cap-duoc-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: dải một địa chỉ, qua ranh giới octet, loại trừ trùng và ngoài dải, dải ngược.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
check_cases(
    so_dia_chi_cap_duoc,
    [
        (("10.68.33.50", "10.68.33.50", []), 1),
        (("10.68.34.200", "10.68.35.49", []), 106),
        (
            (
                "10.68.33.25",
                "10.68.33.100",
                ["10.68.33.25", "10.68.33.25", "10.68.33.100", "10.68.33.101"],
            ),
            74,
        ),
        (("10.68.33.9", "10.68.33.10", ["10.68.33.1", "10.68.33.90"]), 2),
    ],
    what="số địa chỉ cấp được",
)
assert_raises(
    ValueError, so_dia_chi_cap_duoc, "10.68.33.100", "10.68.33.25", [], what="khi dải ngược"
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Cấu hình một mạng con DHCP được viết thành `dict` như ví dụ dưới (tương ứng khối
# `subnet … { range …; option routers …; }` và các khai báo `host … { fixed-address …; }` của
# ISC DHCP). Viết hàm `kiem_tra_dhcp(cau_hinh)` trả về `list` **sắp xếp, không trùng** các mã
# lỗi sau:
#
# | Mã lỗi | Khi nào |
# |---|---|
# | `dai-nguoc` | địa chỉ đầu của dải lớn hơn địa chỉ cuối |
# | `dai-ngoai-mang` | đầu hoặc cuối dải không phải host của mạng (ngoài mạng, hoặc là địa chỉ mạng hay quảng bá) |
# | `gateway-ngoai-mang` | cổng mặc định (`gateway`) không phải host của mạng |
# | `gateway-trong-dai` | cổng mặc định nằm trong dải cấp phát (sẽ bị cấp trùng cho máy khác) |
# | `co-dinh-trong-dai` | có địa chỉ gán cố định (`co_dinh`) nằm trong dải cấp phát |
# | `co-dinh-trung` | hai thiết bị gán cố định cùng một địa chỉ |
#
# "Nằm trong dải" xét theo giá trị số, gồm cả hai đầu (với dải ngược, coi như không địa chỉ
# nào nằm trong dải). Cấu hình đúng trả về `[]`.

# %% nbgrader={"grade": false, "grade_id": "cau-hinh-tan-lap", "locked": true, "schema_version": 3, "solution": false}
DHCP_TAN_LAP = {
    "mang": "10.68.33.0/24",
    "dai": ("10.68.33.100", "10.68.33.199"),
    "gateway": "10.68.33.1",
    "co_dinh": {
        "MAYIN-TANG1": "10.68.33.20",
        "MAYIN-TANG2": "10.68.33.21",
        "CAMERA-CONG": "10.68.33.30",
        "DIEN-THOAI-IP-VANTHU": "10.68.33.40",
    },
}


# %% nbgrader={"grade": false, "grade_id": "kiem-tra-dhcp", "locked": false, "schema_version": 3, "solution": true}
def kiem_tra_dhcp(cau_hinh: dict) -> list[str]:
    """Các mã lỗi của một cấu hình mạng con DHCP, sắp xếp, không trùng."""
    ### BEGIN SOLUTION
    net = ipaddress.IPv4Network(cau_hinh["mang"])
    hosts = range(int(net.network_address) + 1, int(net.broadcast_address))
    a, b = (int(ipaddress.IPv4Address(x)) for x in cau_hinh["dai"])
    gw = int(ipaddress.IPv4Address(cau_hinh["gateway"]))
    co_dinh = [int(ipaddress.IPv4Address(x)) for x in cau_hinh["co_dinh"].values()]
    loi = set()
    if a > b:
        loi.add("dai-nguoc")
    if a not in hosts or b not in hosts:
        loi.add("dai-ngoai-mang")
    if gw not in hosts:
        loi.add("gateway-ngoai-mang")
    if a <= gw <= b:
        loi.add("gateway-trong-dai")
    if any(a <= x <= b for x in co_dinh):
        loi.add("co-dinh-trong-dai")
    if len(set(co_dinh)) < len(co_dinh):
        loi.add("co-dinh-trung")
    return sorted(loi)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kiem-tra-dhcp-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_cau_hinh_loi = {**DHCP_TAN_LAP, "dai": ("10.68.33.1", "10.68.33.199")}
check_cases(
    kiem_tra_dhcp,
    [((DHCP_TAN_LAP,), []), ((_cau_hinh_loi,), ["co-dinh-trong-dai", "gateway-trong-dai"])],
    what="các lỗi cấu hình DHCP",
)

# %% nbgrader={"grade": true, "grade_id": "kiem-tra-dhcp-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: dải ngược (so sánh chuỗi), dải chạm địa chỉ quảng bá, gateway ngoài mạng, trùng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_co_dinh = {"MAYIN": "10.68.49.20", "CAMERA": "10.68.49.30"}


def _ch(**thay: object) -> dict:
    goc = {
        "mang": "10.68.49.0/24",
        "dai": ("10.68.49.100", "10.68.49.200"),
        "gateway": "10.68.49.1",
    }
    return {**goc, "co_dinh": dict(_co_dinh), **thay}


check_cases(
    kiem_tra_dhcp,
    [
        ((_ch(dai=("10.68.49.50", "10.68.49.100")),), []),
        ((_ch(dai=("10.68.49.100", "10.68.49.50")),), ["dai-nguoc"]),
        ((_ch(dai=("10.68.49.100", "10.68.49.255")),), ["dai-ngoai-mang"]),
        ((_ch(dai=("10.68.48.250", "10.68.49.10")),), ["dai-ngoai-mang", "gateway-trong-dai"]),
        ((_ch(gateway="10.68.50.1"),), ["gateway-ngoai-mang"]),
        ((_ch(gateway="10.68.49.0"),), ["gateway-ngoai-mang"]),
        ((_ch(gateway="10.68.49.200"),), ["gateway-trong-dai"]),
        (
            (_ch(co_dinh={"A": "10.68.49.20", "B": "10.68.49.20", "C": "10.68.49.100"}),),
            ["co-dinh-trong-dai", "co-dinh-trung"],
        ),
        (
            (
                _ch(
                    mang="10.68.49.128/25",
                    dai=("10.68.49.130", "10.68.49.254"),
                    gateway="10.68.49.129",
                    co_dinh={},
                ),
            ),
            [],
        ),
    ],
    what="các lỗi cấu hình DHCP",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Hợp đồng thuê còn hiệu lực — cẩn thận múi giờ (3 điểm)
#
# ISC DHCP ghi mỗi lần cấp hoặc gia hạn địa chỉ thành một khối `lease … { … }` **nối vào cuối**
# tệp `dhcpd.leases`, nên một địa chỉ có thể xuất hiện nhiều lần: **khối cuối cùng** của mỗi
# địa chỉ là khối có hiệu lực. Thời điểm ghi theo **giờ UTC** (trang hướng dẫn dhcpd.leases(5)),
# dạng `starts 4 2026/03/12 01:30:00;` (số 4 là thứ trong tuần, 0 là Chủ nhật), trong khi
# cán bộ ở Sơn Hà nói theo giờ Việt Nam (UTC+7): 01:30 UTC là 08:30 sáng. `ends never;` là
# hợp đồng không hết hạn. `binding state free;` nghĩa là máy đã trả địa chỉ.

# %%
print(LEASES[LEASES.index("lease 10.68.33.1") :][:330])
luc = datetime(2026, 3, 12, 1, 30, tzinfo=UTC)
print(luc, "=", luc.astimezone(GIO_VN))

# %% [markdown]
# ### Bài tập 6 (3 điểm)
#
# Viết hàm `dang_thue(van_ban_leases, thoi_diem)`: `thoi_diem` là một `datetime` **có múi
# giờ**. Trả về `list` các địa chỉ IP (chuỗi), **sắp xếp theo giá trị số**, có hợp đồng thuê
# hiệu lực tại `thoi_diem`: lấy khối cuối cùng của mỗi địa chỉ; khối đó phải có
# `binding state active` và `starts ≤ thoi_diem < ends` (`ends never` coi như vô hạn).


# %% nbgrader={"grade": false, "grade_id": "dang-thue", "locked": false, "schema_version": 3, "solution": true}
def dang_thue(van_ban_leases: str, thoi_diem: datetime) -> list[str]:
    """Các địa chỉ có hợp đồng thuê DHCP hiệu lực tại thoi_diem (có múi giờ)."""
    ### BEGIN SOLUTION
    cuoi_cung: dict[str, dict] = {}
    khoi: dict = {}
    for dong in van_ban_leases.splitlines():
        truong = dong.strip().rstrip(";").split()
        if not truong:
            continue
        if truong[0] == "lease":
            khoi = {"ip": truong[1]}
        elif truong[0] in ("starts", "ends"):
            if truong[1] == "never":
                khoi[truong[0]] = None
            else:
                khoi[truong[0]] = datetime.strptime(
                    f"{truong[2]} {truong[3]}", "%Y/%m/%d %H:%M:%S"
                ).replace(tzinfo=UTC)
        elif truong[:2] == ["binding", "state"]:
            khoi["state"] = truong[2]
        elif truong[0] == "}" and "ip" in khoi:
            cuoi_cung[khoi["ip"]] = khoi
            khoi = {}
    hieu_luc = [
        ip
        for ip, k in cuoi_cung.items()
        if k.get("state") == "active"
        and k["starts"] <= thoi_diem
        and (k["ends"] is None or thoi_diem < k["ends"])
    ]
    return sorted(hieu_luc, key=ipaddress.IPv4Address)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "dang-thue-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

_luc_9_gio = datetime(2026, 3, 12, 9, 0, tzinfo=GIO_VN)
_thue = dang_thue(LEASES, _luc_9_gio)
assert_type(_thue, list, what="kết quả của dang_thue")
assert_equal(
    len(_thue), 19, what="số địa chỉ đang được thuê lúc 9 giờ sáng 12/3/2026 (giờ Việt Nam)"
)
assert_equal(_thue[:3], ["10.68.33.106", "10.68.33.108", "10.68.33.111"], what="ba địa chỉ đầu")

# %% nbgrader={"grade": true, "grade_id": "dang-thue-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: các thời điểm khác (sáng sớm, ranh giới hết hạn, chiều), múi giờ UTC.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_kiem = {
    datetime(2026, 3, 12, 7, 0, tzinfo=GIO_VN): ["10.68.33.111", "10.68.33.198"],
    datetime(2026, 3, 12, 0, 5, tzinfo=UTC): [
        "10.68.33.111",
        "10.68.33.139",
        "10.68.33.198",
    ],
    datetime(2026, 3, 12, 16, 30, tzinfo=GIO_VN): [
        "10.68.33.108",
        "10.68.33.134",
        "10.68.33.138",
        "10.68.33.143",
        "10.68.33.152",
        "10.68.33.157",
        "10.68.33.162",
        "10.68.33.163",
        "10.68.33.166",
        "10.68.33.177",
        "10.68.33.188",
        "10.68.33.192",
        "10.68.33.198",
    ],
    datetime(2026, 3, 12, 17, 0, tzinfo=GIO_VN): [
        "10.68.33.143",
        "10.68.33.152",
        "10.68.33.157",
        "10.68.33.188",
        "10.68.33.192",
        "10.68.33.198",
    ],
}
for _t, _mong_doi in _kiem.items():
    assert_equal(
        dang_thue(LEASES, _t), _mong_doi, what=f"các địa chỉ đang được thuê lúc {_t.isoformat()}"
    )
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách cơ quan của anh/chị quản lý DNS và DHCP: máy
# chủ nào phân giải tên cho các máy trong cơ quan, ai được sửa bản ghi, thay đổi có được kiểm
# tra (ví dụ bằng `named-checkzone`) trước khi nạp không; dải DHCP có đủ rộng vào giờ cao
# điểm, thiết bị cố định được gán địa chỉ ra sao. Kể một sự cố "không vào được" hệ thống
# dùng chung mà nguyên nhân là DNS hoặc DHCP, và cách anh/chị sẽ phát hiện sớm.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng cụ thể (máy chủ DNS nội bộ hay của nhà mạng, phân quyền sửa
# vùng, cách lưu và kiểm tra tệp vùng, tăng serial), tình hình dải DHCP (tỉ lệ sử dụng giờ
# cao điểm, thời gian thuê, đặt trước địa chỉ cho máy in, camera), một sự cố có nguyên nhân
# rõ (CNAME sai, hết địa chỉ, máy chủ DHCP lạ) và biện pháp kiểm tra tự động hoặc giám sát.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Trong tệp vùng, tên không có dấu chấm cuối là tên tương đối (nối `$ORIGIN`); `@` là đỉnh
#   vùng; dòng bắt đầu bằng khoảng trắng dùng lại tên của dòng trước.
# - Phân giải đi theo chuỗi CNAME đến tên có bản ghi cần tìm; luôn chặn vòng lặp.
# - Một tên có CNAME thì không được có bản ghi nào khác; MX và NS không được trỏ vào CNAME;
#   tên đích trong vùng phải có địa chỉ.
# - Dải DHCP gồm cả hai đầu; so sánh địa chỉ bằng số; gateway và thiết bị gán cố định phải
#   nằm ngoài dải cấp phát.
# - `dhcpd.leases` ghi giờ UTC và nối tiếp: lấy khối cuối của mỗi địa chỉ và so sánh thời
#   điểm có múi giờ.
