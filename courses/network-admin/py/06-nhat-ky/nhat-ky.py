# %% [markdown]
# # Bài 6. Phân tích nhật ký và an ninh: dò mật khẩu, quét lỗ hổng và tóm tắt sự cố
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 5 (pandas, thời gian có múi giờ); biết biểu thức chính quy
# (regular expression, mô-đun `re`) ở mức cơ bản.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. đọc nhật ký xác thực SSH (`/var/log/auth.log`, định dạng syslog) thành bảng pandas;
# 2. phát hiện tấn công dò mật khẩu (brute force) bằng cửa sổ thời gian trượt;
# 3. tìm lần đăng nhập thành công của địa chỉ đang tấn công — dấu hiệu bị xâm nhập;
# 4. phát hiện máy quét lỗ hổng (scanner) trong nhật ký truy cập web;
# 5. thống kê lưu lượng web theo giờ Việt Nam khi nhật ký ghi giờ UTC;
# 6. lập bản tóm tắt sự cố (incident summary) từ hai nguồn nhật ký.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 18 điểm: 15 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Kiểu dữ liệu.** Kiểm thử so sánh cả kiểu: pandas và numpy trả về `numpy.float64`,
# `numpy.int64`, `numpy.bool_`; hãy đổi sang kiểu của Python bằng `float(...)`, `int(...)`,
# `bool(...)` trước khi trả về.
#
# **Bối cảnh.** Máy chủ `dvc-web01` chạy cổng dịch vụ công của tỉnh Sơn Hà. Sáng 12/3/2026,
# cán bộ văn thư báo "máy chủ có người đăng nhập bằng tài khoản của tôi lúc 2 giờ sáng". Anh/chị
# có hai tệp: `auth.log` của máy chủ (giờ Việt Nam, như cấu hình của máy) và `access.log` của
# bộ cân bằng tải đứng trước cổng (giờ **UTC**, đuôi `+0000`), từ 09/3 đến 12/3/2026. Các địa
# chỉ công cộng trong dữ liệu thuộc các dải dành cho tài liệu (RFC 5737).

# %% nbgrader={"grade": false, "grade_id": "du-lieu-nhat-ky", "locked": true, "schema_version": 3, "solution": false}
import ipaddress
import re
from pathlib import Path

import pandas as pd

GIO_VN = "Asia/Ho_Chi_Minh"
AUTH_LOG = Path("auth.log").read_text(encoding="utf-8")
ACCESS_LOG = Path("access.log").read_text(encoding="utf-8")

MAU_TRUY_CAP = re.compile(
    r'^(?P<ip>\S+) \S+ \S+ \[(?P<thoi_gian>[^\]]+)\] "(?P<phuong_thuc>\S+) (?P<duong_dan>\S+) [^"]*" '
    r'(?P<ma>\d{3}) (?P<kich_thuoc>\d+|-) "[^"]*" "(?P<user_agent>[^"]*)"$'
)


def doc_access_log(van_ban: str) -> pd.DataFrame:
    """Nhật ký truy cập định dạng combined (nginx, Apache) thành bảng; thời gian có múi giờ."""
    dong = [m.groupdict() for m in map(MAU_TRUY_CAP.match, van_ban.splitlines()) if m]
    bang = pd.DataFrame(
        dong,
        columns=["ip", "thoi_gian", "phuong_thuc", "duong_dan", "ma", "kich_thuoc", "user_agent"],
    )
    bang["thoi_gian"] = pd.to_datetime(bang["thoi_gian"], format="%d/%b/%Y:%H:%M:%S %z")
    bang["ma"] = bang["ma"].astype(int)
    bang["kich_thuoc"] = bang["kich_thuoc"].replace("-", "0").astype(int)
    return bang


WEB = doc_access_log(ACCESS_LOG)
print(AUTH_LOG[:600])
print(WEB.head(3))

# %% [markdown]
# ## Phần 1. Đọc nhật ký xác thực (3 điểm)
#
# Mỗi dòng syslog có dạng `Tháng Ngày Giờ Máy Tiến-trình[pid]: Nội-dung`. Dòng syslog **không
# ghi năm và múi giờ**: ta phải biết máy ghi theo giờ nào (ở đây giờ Việt Nam) và năm nào. Ngày
# có một chữ số được căn phải bằng một dấu cách thêm: `Mar  9 00:17:01`. Các nội dung cần quan
# tâm của `sshd`:
#
# ```
# Failed password for root from 203.0.113.45 port 40212 ssh2
# Failed password for invalid user admin from 203.0.113.45 port 40998 ssh2
# Accepted publickey for quantri from 10.68.0.10 port 51234 ssh2: ED25519 SHA256:…
# Accepted password for vanthu from 10.68.33.21 port 52011 ssh2
# message repeated 3 times: [ Failed password for root from 203.0.113.45 port 40212 ssh2]
# ```
#
# Dòng cuối do rsyslog gộp các dòng giống hệt nhau liên tiếp: nó là **3 lần** thất bại. Bỏ
# qua tên tài khoản sai mà bỏ sót chữ "invalid user" thì sẽ ghi nhận nhầm tên tài khoản là
# `invalid`.

# %% [markdown]
# ### Bài tập 1 (3 điểm)
#
# Viết hàm `doc_auth_log(van_ban, nam=2026)` trả về một `pd.DataFrame` có đúng bốn cột theo
# thứ tự `thoi_gian`, `su_kien`, `nguoi_dung`, `ip`, mỗi dòng là **một** lần đăng nhập SSH thất
# bại (`su_kien` là `"that-bai"`) hoặc thành công (`"thanh-cong"`), theo thứ tự trong tệp; dòng
# "message repeated N times" cho N dòng. `thoi_gian` là `pd.Timestamp` **có múi giờ**
# `Asia/Ho_Chi_Minh`. Các dòng khác bị bỏ qua. Chỉ số dòng (index) là 0, 1, 2, …


# %% nbgrader={"grade": false, "grade_id": "doc-auth-log", "locked": false, "schema_version": 3, "solution": true}
def doc_auth_log(van_ban: str, nam: int = 2026) -> pd.DataFrame:
    """Các lần đăng nhập SSH thất bại và thành công trong auth.log."""
    ### BEGIN SOLUTION
    dau_dong = re.compile(r"^(\w{3}) +(\d{1,2}) (\d\d:\d\d:\d\d) \S+ sshd\[\d+\]: (.*)$")
    that_bai = re.compile(r"Failed password for (?:invalid user )?(\S+) from (\S+) port")
    thanh_cong = re.compile(r"Accepted \S+ for (\S+) from (\S+) port")
    lap_lai = re.compile(r"message repeated (\d+) times: \[ ?(.*)\]$")
    cac_dong = []
    for dong in van_ban.splitlines():
        khop = dau_dong.match(dong)
        if not khop:
            continue
        thang, ngay, gio, noi_dung = khop.groups()
        so_lan = 1
        if lap := lap_lai.match(noi_dung):
            so_lan, noi_dung = int(lap.group(1)), lap.group(2)
        luc = pd.Timestamp(f"{nam} {thang} {ngay} {gio}").tz_localize(GIO_VN)
        for mau, su_kien in ((that_bai, "that-bai"), (thanh_cong, "thanh-cong")):
            if m := mau.search(noi_dung):
                cac_dong += [(luc, su_kien, m.group(1), m.group(2))] * so_lan
    return pd.DataFrame(cac_dong, columns=["thoi_gian", "su_kien", "nguoi_dung", "ip"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "doc-auth-log-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

AUTH = doc_auth_log(AUTH_LOG)
assert_type(AUTH, pd.DataFrame, what="kết quả của doc_auth_log")
assert_equal(list(AUTH.columns), ["thoi_gian", "su_kien", "nguoi_dung", "ip"], what="các cột")
assert_equal(
    {str(k): int(v) for k, v in AUTH["su_kien"].value_counts().items()},
    {"that-bai": 157, "thanh-cong": 13},
    what="số lần thất bại và thành công",
)
assert_equal(
    AUTH.iloc[0].tolist(),
    [pd.Timestamp("2026-03-09 08:20:21", tz=GIO_VN), "thanh-cong", "vanthu", "10.68.33.21"],
    what="dòng đầu tiên",
)

# %% nbgrader={"grade": true, "grade_id": "doc-auth-log-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: "invalid user", "message repeated", ngày một chữ số, năm khác, dòng không liên quan.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_mau_log = """Dec  1 23:59:58 may-a sshd[11]: Failed password for invalid user admin from 203.0.113.9 port 1 ssh2
Dec  1 23:59:59 may-a sshd[11]: message repeated 2 times: [ Failed password for root from 203.0.113.9 port 1 ssh2]
Dec  1 23:59:59 may-a CRON[12]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)
Dec  2 00:00:01 may-a sshd[13]: Invalid user guest from 203.0.113.10 port 2
Dec 12 08:00:00 may-a sshd[14]: Accepted publickey for quantri from 10.68.0.10 port 3 ssh2: ED25519 SHA256:x
Dec 12 08:00:00 may-a sshd[14]: pam_unix(sshd:session): session opened for user quantri(uid=1000) by (uid=0)
"""
_bang = doc_auth_log(_mau_log, 2025)
assert_equal(
    [tuple(dong) for dong in _bang.itertuples(index=False)],
    [
        (pd.Timestamp("2025-12-01 23:59:58", tz=GIO_VN), "that-bai", "admin", "203.0.113.9"),
        (pd.Timestamp("2025-12-01 23:59:59", tz=GIO_VN), "that-bai", "root", "203.0.113.9"),
        (pd.Timestamp("2025-12-01 23:59:59", tz=GIO_VN), "that-bai", "root", "203.0.113.9"),
        (pd.Timestamp("2025-12-12 08:00:00", tz=GIO_VN), "thanh-cong", "quantri", "10.68.0.10"),
    ],
    what="các dòng đọc được từ một nhật ký nhỏ",
)
assert_equal(list(_bang.index), [0, 1, 2, 3], what="chỉ số dòng")
_auth = doc_auth_log(AUTH_LOG)
assert_equal(
    int((_auth["ip"] == "203.0.113.45").sum()), 47, what="số lần thất bại của 203.0.113.45"
)
assert_equal(
    int((_auth["nguoi_dung"] == "invalid").sum()), 0, what="số dòng có tên tài khoản 'invalid'"
)
assert_equal(str(_auth["thoi_gian"].dt.tz), GIO_VN, what="múi giờ của cột thoi_gian")
### END HIDDEN TESTS

# %% [markdown]
# ### Bộ lọc nhật ký tương tác
#
# Lọc bảng `AUTH` theo địa chỉ, loại sự kiện và tài khoản. Thử `192.0.2.77`, rồi tài khoản
# `vanthu`. Phần lọc nằm trong hàm thường `loc_nhat_ky`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def loc_nhat_ky(
    bang: pd.DataFrame, ip: str = "", su_kien: str = "tat-ca", nguoi_dung: str = ""
) -> pd.DataFrame:
    """Các dòng khớp bộ lọc; ô để trống nghĩa là không lọc theo trường đó."""
    chon = pd.Series(True, index=bang.index)
    if ip.strip():
        chon &= bang["ip"] == ip.strip()
    if su_kien != "tat-ca":
        chon &= bang["su_kien"] == su_kien
    if nguoi_dung.strip():
        chon &= bang["nguoi_dung"] == nguoi_dung.strip()
    return bang[chon]


o_ip = widgets.Text(value="192.0.2.77", description="Địa chỉ IP:")
o_su_kien = widgets.Dropdown(
    options=[("tất cả", "tat-ca"), ("thất bại", "that-bai"), ("thành công", "thanh-cong")],
    description="Sự kiện:",
)
o_tai_khoan = widgets.Text(value="", description="Tài khoản:")
o_bang = widgets.HTML()


def cap_nhat_bo_loc(_thay_doi: object = None) -> None:
    try:
        ket_qua = loc_nhat_ky(
            doc_auth_log(AUTH_LOG), o_ip.value, o_su_kien.value, o_tai_khoan.value
        )
    except NotImplementedError:
        o_bang.value = "Hãy làm Bài tập 1 (hàm doc_auth_log) trước khi dùng bộ lọc."
        return
    o_bang.value = f"<p>{len(ket_qua)} dòng</p>" + ket_qua.head(30).to_html(index=False)


for o in (o_ip, o_su_kien, o_tai_khoan):
    o.observe(cap_nhat_bo_loc, names="value")
cap_nhat_bo_loc()
display(widgets.VBox([o_ip, o_su_kien, o_tai_khoan, o_bang]))

# %% [markdown]
# ## Phần 2. Dò mật khẩu: cửa sổ trượt (3 điểm)
#
# Quy tắc phát hiện thường gặp (như của fail2ban): một địa chỉ có **ít nhất `nguong` lần thất
# bại trong vòng `phut` phút**. "Trong vòng" nghĩa là **bất kỳ** khoảng `phut` phút nào — cửa sổ
# **trượt** — chứ không phải các ô cố định 00–10, 10–20…: sáu lần thất bại từ 03:07 đến 03:13
# chia vào hai ô cố định chỉ được 3 + 3 lần. Cũng đừng đếm cả ngày: một địa chỉ thử 4 phút một
# lần suốt 6 tiếng là kiểu tấn công "chậm" (low and slow), cần một quy tắc khác (ví dụ đếm theo
# ngày), không phải quy tắc này.
#
# Cách làm: với mỗi địa chỉ, xếp các lần thất bại theo thời gian t₀ ≤ t₁ ≤ …; địa chỉ bị phát
# hiện khi có i sao cho t[i + nguong − 1] − t[i] ≤ `phut` phút.
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `do_mat_khau(bang, nguong=5, phut=10)`, với `bang` có dạng như kết quả của
# `doc_auth_log`, trả về `list` các địa chỉ IP (chuỗi) bị phát hiện, **sắp xếp theo giá trị số
# của địa chỉ** (`key=ipaddress.ip_address`).


# %% nbgrader={"grade": false, "grade_id": "do-mat-khau", "locked": false, "schema_version": 3, "solution": true}
def do_mat_khau(bang: pd.DataFrame, nguong: int = 5, phut: float = 10) -> list[str]:
    """Các địa chỉ có ít nhất nguong lần thất bại trong một cửa sổ trượt phut phút."""
    ### BEGIN SOLUTION
    cua_so = pd.Timedelta(minutes=phut)
    bi_phat_hien = []
    for ip, nhom in bang[bang["su_kien"] == "that-bai"].groupby("ip"):
        moc = sorted(nhom["thoi_gian"])
        if any(moc[i + nguong - 1] - moc[i] <= cua_so for i in range(len(moc) - nguong + 1)):
            bi_phat_hien.append(str(ip))
    return sorted(bi_phat_hien, key=ipaddress.ip_address)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "do-mat-khau-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    do_mat_khau,
    [((doc_auth_log(AUTH_LOG),), ["192.0.2.77", "198.51.100.200", "203.0.113.45"])],
    what="các địa chỉ dò mật khẩu",
)

# %% nbgrader={"grade": true, "grade_id": "do-mat-khau-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ngưỡng khác, cửa sổ dài hơn, đúng biên 10 phút, thứ tự số của địa chỉ.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_a = doc_auth_log(AUTH_LOG)
_vn = pd.Timestamp("2026-03-12 10:00:00", tz=GIO_VN)
_bien = pd.DataFrame(
    {
        "thoi_gian": [
            _vn + pd.Timedelta(minutes=m) for m in (0, 2, 4, 6, 10, 0, 2, 4, 6, 10.02, 0, 1, 2)
        ],
        "su_kien": ["that-bai"] * 10 + ["that-bai", "thanh-cong", "thanh-cong"],
        "nguoi_dung": ["root"] * 13,
        "ip": ["10.68.9.5"] * 5 + ["10.68.10.5"] * 5 + ["10.68.100.5"] * 3,
    }
)
check_cases(
    do_mat_khau,
    [
        ((_a, 3, 10), ["192.0.2.77", "198.51.100.23", "198.51.100.200", "203.0.113.45"]),
        ((_a, 10, 5), ["192.0.2.77", "203.0.113.45"]),
        ((_a, 12, 10), ["192.0.2.77", "203.0.113.45"]),
        ((_a, 13, 10), ["203.0.113.45"]),
        ((_bien, 5, 10), ["10.68.9.5"]),
        ((_bien, 2, 10), ["10.68.9.5", "10.68.10.5"]),
    ],
    what="các địa chỉ dò mật khẩu",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Đăng nhập thành công từ địa chỉ tấn công (2 điểm)
#
# Một địa chỉ dò mật khẩu rồi **đăng nhập thành công** là dấu hiệu tài khoản đã bị lộ: phải xử
# lý ngay (khóa tài khoản, ngắt phiên, đổi mật khẩu, kiểm tra máy chủ), không chờ đến sáng.
#
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `dang_nhap_dang_ngo(bang, cac_ip)` trả về `list` các `tuple`
# `(thời_điểm, ip, tài_khoản)` của mọi lần đăng nhập **thành công** từ các địa chỉ trong
# `cac_ip`, sắp xếp theo thời gian; `thời_điểm` là chuỗi `Timestamp.isoformat()` giờ Việt Nam,
# như `"2026-03-12T02:10:31+07:00"`.


# %% nbgrader={"grade": false, "grade_id": "dang-nhap-dang-ngo", "locked": false, "schema_version": 3, "solution": true}
def dang_nhap_dang_ngo(bang: pd.DataFrame, cac_ip: list[str]) -> list[tuple[str, str, str]]:
    """Các lần đăng nhập thành công từ những địa chỉ đáng ngờ, theo thời gian."""
    ### BEGIN SOLUTION
    chon = bang[(bang["su_kien"] == "thanh-cong") & bang["ip"].isin(cac_ip)].sort_values(
        "thoi_gian", kind="stable"
    )
    return [
        (t.tz_convert(GIO_VN).isoformat(), str(ip), str(ten))
        for t, ip, ten in zip(chon["thoi_gian"], chon["ip"], chon["nguoi_dung"], strict=True)
    ]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "dang-nhap-dang-ngo-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    dang_nhap_dang_ngo,
    [
        (
            (doc_auth_log(AUTH_LOG), ["192.0.2.77", "198.51.100.200", "203.0.113.45"]),
            [("2026-03-12T02:10:31+07:00", "192.0.2.77", "vanthu")],
        )
    ],
    what="các lần đăng nhập đáng ngờ",
)

# %% nbgrader={"grade": true, "grade_id": "dang-nhap-dang-ngo-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: nhiều địa chỉ, thứ tự thời gian, múi giờ UTC trong bảng, danh sách rỗng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_b = pd.DataFrame(
    {
        "thoi_gian": pd.to_datetime(
            [
                "2026-03-12T03:00:00Z",
                "2026-03-11T20:00:00Z",
                "2026-03-12T01:00:00Z",
                "2026-03-12T02:00:00Z",
            ]
        ),
        "su_kien": ["thanh-cong", "thanh-cong", "that-bai", "thanh-cong"],
        "nguoi_dung": ["ketoan", "root", "root", "quantri"],
        "ip": ["198.51.100.7", "203.0.113.8", "198.51.100.7", "10.68.0.10"],
    }
)
check_cases(
    dang_nhap_dang_ngo,
    [
        (
            (_b, ["198.51.100.7", "203.0.113.8"]),
            [
                ("2026-03-12T03:00:00+07:00", "203.0.113.8", "root"),
                ("2026-03-12T10:00:00+07:00", "198.51.100.7", "ketoan"),
            ],
        ),
        ((_b, []), []),
        (
            (doc_auth_log(AUTH_LOG), ["10.68.33.21"]),
            [
                ("2026-03-09T08:20:21+07:00", "10.68.33.21", "vanthu"),
                ("2026-03-10T08:17:00+07:00", "10.68.33.21", "vanthu"),
                ("2026-03-11T08:18:51+07:00", "10.68.33.21", "vanthu"),
                ("2026-03-12T08:16:48+07:00", "10.68.33.21", "vanthu"),
            ],
        ),
    ],
    what="các lần đăng nhập đáng ngờ",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Máy quét lỗ hổng trong nhật ký web (2 điểm)
#
# Máy quét tự động thử hàng chục đường dẫn "nhạy cảm" (`/.env`, `/wp-login.php`,
# `/phpmyadmin/`…) và nhận về lỗi 404 (không tìm thấy). Dấu hiệu là **nhiều đường dẫn khác
# nhau** bị 404 từ cùng một địa chỉ. Đếm tổng số lần 404 thì sai: một cán bộ có dấu trang
# (bookmark) cũ bấm lại 25 lần vẫn chỉ là **một** đường dẫn.
#
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `phat_hien_quet(web, nguong)`: `web` có dạng như bảng `WEB`. Trả về `list` các
# địa chỉ IP có **ít nhất** `nguong` đường dẫn (`duong_dan`, phân biệt cả phần sau dấu `?`)
# **khác nhau** bị mã 404, sắp xếp theo giá trị số của địa chỉ.


# %% nbgrader={"grade": false, "grade_id": "phat-hien-quet", "locked": false, "schema_version": 3, "solution": true}
def phat_hien_quet(web: pd.DataFrame, nguong: int) -> list[str]:
    """Các địa chỉ có ít nhất nguong đường dẫn khác nhau bị lỗi 404."""
    ### BEGIN SOLUTION
    so_duong_dan = web[web["ma"] == 404].groupby("ip")["duong_dan"].nunique()
    return sorted(
        (str(ip) for ip, n in so_duong_dan.items() if n >= nguong), key=ipaddress.ip_address
    )
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "phat-hien-quet-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(phat_hien_quet, [((WEB, 10), ["198.51.100.150", "203.0.113.99"])], what="các máy quét")

# %% nbgrader={"grade": true, "grade_id": "phat-hien-quet-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ngưỡng khác, lặp lại cùng đường dẫn, mã 403 không tính, đúng ngưỡng.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_w = pd.DataFrame(
    {
        "ip": ["10.68.9.1"] * 3 + ["10.68.10.1"] * 4 + ["10.68.100.1"] * 3,
        "duong_dan": ["/a", "/a", "/a", "/a", "/b", "/c", "/c?x=1", "/a", "/b", "/c"],
        "ma": [404, 404, 404, 404, 404, 404, 404, 404, 403, 404],
    }
)
check_cases(
    phat_hien_quet,
    [
        ((WEB, 20), ["203.0.113.99"]),
        ((WEB, 2), ["10.68.33.21", "198.51.100.150", "203.0.113.99"]),
        ((_w, 3), ["10.68.10.1"]),
        ((_w, 2), ["10.68.10.1", "10.68.100.1"]),
        ((_w, 1), ["10.68.9.1", "10.68.10.1", "10.68.100.1"]),
    ],
    what="các máy quét",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Lưu lượng web theo giờ Việt Nam (2 điểm)
#
# Bộ cân bằng tải ghi giờ UTC: yêu cầu lúc `[11/Mar/2026:02:00:00 +0000]` là 9 giờ sáng ở Sơn
# Hà. Biểu đồ theo giờ vẽ trên cột UTC sẽ cho thấy "cao điểm lúc 2–3 giờ sáng" — một kết luận
# sai có thể dẫn tới quyết định sai (bảo trì đúng vào giờ đông người dùng nhất).
#
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `yeu_cau_theo_gio(web)` trả về `list` 24 số nguyên: phần tử thứ h là số yêu cầu
# có giờ (giờ Việt Nam) bằng h, với h từ 0 đến 23 (giờ không có yêu cầu nào thì là 0).


# %% nbgrader={"grade": false, "grade_id": "yeu-cau-theo-gio", "locked": false, "schema_version": 3, "solution": true}
def yeu_cau_theo_gio(web: pd.DataFrame) -> list[int]:
    """Số yêu cầu theo từng giờ (0–23) giờ Việt Nam."""
    ### BEGIN SOLUTION
    gio = web["thoi_gian"].dt.tz_convert(GIO_VN).dt.hour
    dem = gio.value_counts()
    return [int(dem.get(h, 0)) for h in range(24)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "yeu-cau-theo-gio-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

_theo_gio = yeu_cau_theo_gio(WEB)
assert_type(_theo_gio, list, what="kết quả của yeu_cau_theo_gio")
assert_equal(len(_theo_gio), 24, what="số phần tử")
assert_equal(sum(_theo_gio), len(WEB), what="tổng số yêu cầu")
assert_equal(_theo_gio[9], 103, what="số yêu cầu trong khung 9 giờ sáng (giờ Việt Nam)")

# %% nbgrader={"grade": true, "grade_id": "yeu-cau-theo-gio-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: toàn bộ 24 giờ, thời điểm qua nửa đêm, múi giờ khác UTC trong dữ liệu.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    yeu_cau_theo_gio(WEB),
    [
        13,
        6,
        21,
        21,
        11,
        29,
        16,
        80,
        70,
        103,
        62,
        108,
        82,
        75,
        89,
        94,
        76,
        20,
        30,
        34,
        31,
        19,
        19,
        35,
    ],
    what="số yêu cầu theo giờ",
)
_nho = pd.DataFrame(
    {
        "thoi_gian": pd.to_datetime(
            [
                "2026-03-11T16:59:59+00:00",
                "2026-03-11T17:00:00+00:00",
                "2026-03-12T08:30:00+07:00",
                "2026-03-12T01:30:00+00:00",
            ],
            format="ISO8601",
            utc=True,
        )
    }
)
_mong_doi = [0] * 24
_mong_doi[23] = 1
_mong_doi[0] = 1
_mong_doi[8] = 2
assert_equal(yeu_cau_theo_gio(_nho), _mong_doi, what="số yêu cầu theo giờ của bảng nhỏ")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Tóm tắt sự cố (3 điểm)
#
# Báo cáo sự cố gửi lãnh đạo và đơn vị chuyên trách cần ngắn gọn và chính xác: địa chỉ tấn
# công, số lần thử, các tài khoản bị nhắm tới, tài khoản đã bị chiếm, thời điểm bắt đầu và
# kết thúc hoạt động (trên **mọi** nguồn nhật ký). Hai nguồn ghi hai múi giờ khác nhau: phải so
# sánh các mốc **có múi giờ**, và viết báo cáo theo giờ Việt Nam.
#
# ### Bài tập 6 (3 điểm)
#
# Viết hàm `tom_tat_su_co(bang, web, ip)` trả về `dict` với đúng các khóa:
#
# | Khóa | Giá trị |
# |---|---|
# | `ip` | địa chỉ `ip` |
# | `so_lan_that_bai` | số lần đăng nhập thất bại của `ip` (`int`) |
# | `tai_khoan_bi_thu` | `list` các tài khoản khác nhau `ip` đã thử sai, sắp xếp |
# | `tai_khoan_bi_chiem` | `list` các tài khoản khác nhau `ip` đăng nhập thành công, sắp xếp |
# | `so_yeu_cau_web` | số yêu cầu web của `ip` (`int`) |
# | `bat_dau`, `ket_thuc` | mốc sớm nhất và muộn nhất của `ip` trên **cả hai** bảng, chuỗi `isoformat()` giờ Việt Nam |
#
# Nếu `ip` không xuất hiện trong bảng nào, báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "tom-tat-su-co", "locked": false, "schema_version": 3, "solution": true}
def tom_tat_su_co(bang: pd.DataFrame, web: pd.DataFrame, ip: str) -> dict[str, object]:
    """Tóm tắt hoạt động của một địa chỉ trên nhật ký SSH và nhật ký web."""
    ### BEGIN SOLUTION
    cua_ip = bang[bang["ip"] == ip]
    web_ip = web[web["ip"] == ip]
    moc = [t.tz_convert(GIO_VN) for t in [*cua_ip["thoi_gian"], *web_ip["thoi_gian"]]]
    if not moc:
        raise ValueError(f"{ip} không có trong nhật ký")
    sai = cua_ip[cua_ip["su_kien"] == "that-bai"]
    dung = cua_ip[cua_ip["su_kien"] == "thanh-cong"]
    return {
        "ip": ip,
        "so_lan_that_bai": len(sai),
        "tai_khoan_bi_thu": sorted({str(x) for x in sai["nguoi_dung"]}),
        "tai_khoan_bi_chiem": sorted({str(x) for x in dung["nguoi_dung"]}),
        "so_yeu_cau_web": len(web_ip),
        "bat_dau": min(moc).isoformat(),
        "ket_thuc": max(moc).isoformat(),
    }
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tom-tat-su-co-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    tom_tat_su_co(doc_auth_log(AUTH_LOG), WEB, "192.0.2.77"),
    {
        "ip": "192.0.2.77",
        "so_lan_that_bai": 12,
        "tai_khoan_bi_thu": ["vanthu"],
        "tai_khoan_bi_chiem": ["vanthu"],
        "so_yeu_cau_web": 5,
        "bat_dau": "2026-03-12T02:03:11+07:00",
        "ket_thuc": "2026-03-12T02:34:40+07:00",
    },
    what="tóm tắt sự cố của 192.0.2.77",
)

# %% nbgrader={"grade": true, "grade_id": "tom-tat-su-co-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: địa chỉ chỉ có trong một nhật ký, địa chỉ không có, hai múi giờ khác nhau.
from graders.asserts import assert_equal, assert_raises

### BEGIN HIDDEN TESTS
_auth_an = doc_auth_log(AUTH_LOG)
_thu_45 = [
    "admin",
    "ftpuser",
    "guest",
    "oracle",
    "pi",
    "postgres",
    "root",
    "test",
    "ubuntu",
    "user",
]
assert_equal(
    tom_tat_su_co(_auth_an, WEB, "203.0.113.45"),
    {
        "ip": "203.0.113.45",
        "so_lan_that_bai": 47,
        "tai_khoan_bi_thu": _thu_45,
        "tai_khoan_bi_chiem": [],
        "so_yeu_cau_web": 0,
        "bat_dau": "2026-03-10T01:12:27+07:00",
        "ket_thuc": "2026-03-10T01:30:44+07:00",
    },
    what="tóm tắt của 203.0.113.45",
)
assert_equal(
    tom_tat_su_co(_auth_an, WEB, "203.0.113.99"),
    {
        "ip": "203.0.113.99",
        "so_lan_that_bai": 0,
        "tai_khoan_bi_thu": [],
        "tai_khoan_bi_chiem": [],
        "so_yeu_cau_web": 31,
        "bat_dau": "2026-03-11T23:02:09+07:00",
        "ket_thuc": "2026-03-11T23:03:10+07:00",
    },
    what="tóm tắt của 203.0.113.99",
)
_bang_nho = pd.DataFrame(
    {
        "thoi_gian": [pd.Timestamp("2026-03-12 06:30:00", tz=GIO_VN)],
        "su_kien": ["that-bai"],
        "nguoi_dung": ["root"],
        "ip": ["198.51.100.9"],
    }
)
_web_nho = pd.DataFrame(
    {
        "ip": ["198.51.100.9"],
        "thoi_gian": [pd.Timestamp("2026-03-11T23:00:00Z")],
        "duong_dan": ["/"],
        "ma": [200],
    }
)
assert_equal(
    tom_tat_su_co(_bang_nho, _web_nho, "198.51.100.9"),
    {
        "ip": "198.51.100.9",
        "so_lan_that_bai": 1,
        "tai_khoan_bi_thu": ["root"],
        "tai_khoan_bi_chiem": [],
        "so_yeu_cau_web": 1,
        "bat_dau": "2026-03-12T06:00:00+07:00",
        "ket_thuc": "2026-03-12T06:30:00+07:00",
    },
    what="tóm tắt khi hai nhật ký ghi hai múi giờ",
)
assert_raises(
    ValueError,
    tom_tat_su_co,
    _bang_nho,
    _web_nho,
    "10.68.0.1",
    what="khi địa chỉ không có trong nhật ký",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách đơn vị của anh/chị thu thập và lưu nhật ký:
# máy nào gửi nhật ký về máy chủ tập trung, giữ bao lâu, đồng hồ các máy có được đồng bộ (NTP)
# và thống nhất múi giờ không; ai xem nhật ký và khi nào. Nếu gặp đúng tình huống của bài
# (tài khoản văn thư bị đăng nhập lúc 2 giờ sáng), anh/chị sẽ làm gì trong giờ đầu tiên, báo
# cáo cho ai theo quy trình ứng cứu sự cố của tỉnh?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng thu thập nhật ký (syslog tập trung, thời gian lưu, đồng bộ
# NTP, múi giờ), tần suất và công cụ xem xét (ví dụ fail2ban, SIEM), và các bước xử lý ban
# đầu có thứ tự: cô lập hoặc chặn địa chỉ, khóa tài khoản và ngắt phiên, giữ nguyên chứng cứ
# (sao lưu nhật ký), kiểm tra thay đổi trên máy chủ, báo cáo theo quy trình ứng cứu sự cố.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Dòng syslog không có năm và múi giờ: phải bổ sung khi đọc; "message repeated N times" là
#   N sự kiện; chú ý "invalid user".
# - Dò mật khẩu: đếm thất bại trong cửa sổ **trượt**; tấn công chậm cần quy tắc khác.
# - Đăng nhập thành công từ địa chỉ đang tấn công là dấu hiệu bị xâm nhập: xử lý ngay.
# - Máy quét lỗ hổng: nhiều đường dẫn **khác nhau** bị 404, không phải nhiều lần 404.
# - Nhật ký ghi UTC phải đổi sang giờ Việt Nam trước khi thống kê theo giờ hay ghép với nguồn
#   khác; báo cáo sự cố dùng mốc có múi giờ.
