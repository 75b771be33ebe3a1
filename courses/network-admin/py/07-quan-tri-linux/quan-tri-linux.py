# %% [markdown]
# # Bài 7. Quản trị Linux: quyền, người dùng và nhóm, dung lượng đĩa, dịch vụ systemd
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** đã dùng dòng lệnh Linux (`ls -l`, `chmod`, `du`, `systemctl`);
# viết được hàm Python xử lý chuỗi, `dict`, `set`.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. đổi chuỗi quyền kiểu `ls -l` (`rwxr-x---`, `rwsr-xr-x`) thành số bát phân (octal);
# 2. quyết định một người dùng có quyền đọc, ghi, chạy một tệp hay không, đúng như nhân Linux;
# 3. đọc `/etc/passwd` và `/etc/group` để biết thành viên của từng nhóm;
# 4. tìm thư mục chiếm nhiều dung lượng đĩa nhất, như lệnh `du`, mà không đếm trùng qua liên
#    kết mềm (symbolic link);
# 5. đọc trạng thái các dịch vụ systemd để tìm dịch vụ lỗi, chết đi sống lại hay không tự bật;
# 6. kiểm tra một tệp unit dịch vụ tìm các lỗi cấu hình hay gặp.
#
# Mọi việc đều làm bằng Python trên dữ liệu được cung cấp hoặc trong một thư mục tạm; bài
# không thay đổi gì trên máy đang chạy notebook. Lịch cron, sao lưu và khôi phục được học ở
# Bài 8.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 18 điểm: 15 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Bối cảnh.** Máy chủ `qlvb-app01` ở Trung tâm dữ liệu tỉnh Sơn Hà chạy hệ thống quản lý văn
# bản và điều hành (QLVB&ĐH). Sáng 12/3/2026, cán bộ trực phát hiện hệ thống chạy chập chờn:
# anh/chị được giao rà soát tài khoản và quyền, dung lượng đĩa và các dịch vụ của máy chủ này.
# Ô dưới đây chứa nội dung hai tệp `/etc/passwd` và `/etc/group` của máy.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-linux", "locked": true, "schema_version": 3, "solution": false}
PASSWD = """root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
postgres:x:111:118:PostgreSQL administrator:/var/lib/postgresql:/bin/bash
quantri:x:1000:1000:Nguyễn Văn An,Phòng CNTT:/home/quantri:/bin/bash
vanthu:x:1001:1001:Trần Thị Bình,Văn thư:/home/vanthu:/bin/bash
qlvb:x:998:998:Tài khoản dịch vụ QLVB:/srv/qlvb:/usr/sbin/nologin
ketoan:x:1002:1003:Lê Văn Cường,Kế toán:/home/ketoan:/bin/bash
saoluu:x:997:997:Tài khoản sao lưu:/var/backups/qlvb:/usr/sbin/nologin
"""
GROUP = """root:x:0:
sudo:x:27:quantri
adm:x:4:syslog,quantri
postgres:x:118:
quantri:x:1000:
vanthu:x:1001:
qlvb:x:998:vanthu,saoluu
ketoan:x:1003:
saoluu:x:997:
nhatky:x:1004:
"""

# %% [markdown]
# ## Phần 1. Chuỗi quyền và số bát phân (2 điểm)
#
# `ls -l` in quyền thành 9 ký tự, ba nhóm `rwx` cho chủ sở hữu (user), nhóm (group), người khác
# (other); `r` = 4, `w` = 2, `x` = 1, nên `rwxr-x---` là `0o750`. Ba bit đặc biệt hiện ở vị
# trí `x`: **setuid** (4000) là `s` ở nhóm chủ sở hữu, **setgid** (2000) là `s` ở nhóm, **sticky**
# (1000) là `t` ở người khác; chữ **hoa** `S`/`T` nghĩa là bit đặc biệt bật nhưng bit `x` tắt.
# `ls -l` còn thêm một ký tự loại tệp ở đầu (`-` tệp thường, `d` thư mục).
#
# Ví dụ chạy trong một thư mục tạm (không động tới tệp thật của máy):

# %%
import stat
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as thu_muc_tam:
    tep_thu = Path(thu_muc_tam) / "cau-hinh.env"
    tep_thu.write_text("DB_PASSWORD=...\n", encoding="utf-8")
    tep_thu.chmod(0o640)
    che_do = tep_thu.stat().st_mode
    print(stat.filemode(che_do), oct(stat.S_IMODE(che_do)))
print(
    stat.filemode(stat.S_IFDIR | 0o1777),
    "là /tmp;",
    stat.filemode(stat.S_IFREG | 0o4755),
    "là /usr/bin/passwd",
)

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `che_do_tu_chuoi(chuoi)` nhận chuỗi 9 ký tự (hoặc 10 ký tự, có ký tự loại tệp ở
# đầu) và trả về quyền dạng số nguyên (`int`), kể cả các bit đặc biệt: `"rwxr-x---"` → `0o750`
# (tức 488), `"-rwsr-xr-x"` → `0o4755`. Chuỗi sai độ dài hoặc có ký tự không hợp lệ ở một vị
# trí (ví dụ `w` ở vị trí của `r`) phải báo lỗi `ValueError`. Lưu ý: `750` (thập phân) **không**
# phải `0o750`.


# %% nbgrader={"grade": false, "grade_id": "che-do-tu-chuoi", "locked": false, "schema_version": 3, "solution": true}
def che_do_tu_chuoi(chuoi: str) -> int:
    """Quyền dạng số (kể cả setuid, setgid, sticky) của một chuỗi kiểu ls -l."""
    ### BEGIN SOLUTION
    if len(chuoi) == 10:
        chuoi = chuoi[1:]
    if len(chuoi) != 9:
        raise ValueError(f"chuỗi quyền phải dài 9 ký tự: {chuoi!r}")
    dac_biet = {2: ("sS", 0o4000), 5: ("sS", 0o2000), 8: ("tT", 0o1000)}
    ket_qua = 0
    for i, ky_tu in enumerate(chuoi):
        bit = 1 << (8 - i)
        chu = "rwx"[i % 3]
        if ky_tu == chu:
            ket_qua |= bit
        elif i in dac_biet and ky_tu in dac_biet[i][0]:
            ket_qua |= dac_biet[i][1]
            if ky_tu.islower():
                ket_qua |= bit
        elif ky_tu != "-":
            raise ValueError(f"ký tự {ky_tu!r} không hợp lệ ở vị trí {i + 1} của {chuoi!r}")
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "che-do-tu-chuoi-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    che_do_tu_chuoi,
    [(("rwxr-x---",), 0o750), (("rw-r-----",), 0o640), (("-rwsr-xr-x",), 0o4755)],
    what="quyền dạng số",
)

# %% nbgrader={"grade": true, "grade_id": "che-do-tu-chuoi-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: setgid, sticky, chữ hoa S/T, thư mục, chuỗi sai.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
check_cases(
    che_do_tu_chuoi,
    [
        (("---------",), 0),
        (("rwxrwxrwx",), 0o777),
        (("drwxrwxrwt",), 0o1777),
        (("rwxr-sr-x",), 0o2755),
        (("rwSr--r--",), 0o4644),
        (("rw-r--r-T",), 0o1644),
        (("drwxrws---",), 0o2770),
        (("--x--x--x",), 0o111),
    ],
    what="quyền dạng số",
)
assert_raises(ValueError, che_do_tu_chuoi, "rwxr-x--", what="khi chuỗi thiếu ký tự")
assert_raises(ValueError, che_do_tu_chuoi, "wrxr-x---", what="khi ký tự sai vị trí")
assert_raises(ValueError, che_do_tu_chuoi, "rwxr-x--s", what="khi s ở nhóm người khác")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Ai được làm gì với tệp? (3 điểm)
#
# Nhân Linux kiểm tra quyền theo thứ tự, và **chỉ dùng một** trong ba nhóm bit:
#
# 1. người dùng `root` được đọc và ghi mọi tệp; được chạy tệp nếu **ít nhất một** bit `x` bật;
# 2. nếu người dùng là **chủ sở hữu**, chỉ xét bit của chủ sở hữu — kể cả khi bit của nhóm
#    rộng hơn (tệp `----rwx---` của `ketoan` thì chính `ketoan` không đọc được!);
# 3. nếu không, và người dùng thuộc nhóm của tệp (nhóm chính hoặc nhóm phụ), chỉ xét bit nhóm;
# 4. còn lại xét bit của người khác.
#
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `co_quyen(nguoi_dung, cac_nhom, tep, quyen)`: `cac_nhom` là tập các nhóm của người
# dùng; `tep` là `dict` với `"chu"`, `"nhom"`, `"che_do"` (số nguyên như Bài tập 1); `quyen` là
# `"r"`, `"w"` hoặc `"x"`. Trả về `True` nếu được phép, ngược lại `False`.


# %% nbgrader={"grade": false, "grade_id": "co-quyen", "locked": false, "schema_version": 3, "solution": true}
def co_quyen(nguoi_dung: str, cac_nhom: set[str], tep: dict, quyen: str) -> bool:
    """Người dùng có quyền quyen (r, w, x) trên tep không, theo thứ tự kiểm tra của Linux."""
    ### BEGIN SOLUTION
    gia_tri = {"r": 4, "w": 2, "x": 1}[quyen]
    che_do = tep["che_do"]
    if nguoi_dung == "root":
        return quyen != "x" or bool(che_do & 0o111)
    if nguoi_dung == tep["chu"]:
        lop = (che_do >> 6) & 7
    elif tep["nhom"] in cac_nhom:
        lop = (che_do >> 3) & 7
    else:
        lop = che_do & 7
    return bool(lop & gia_tri)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "co-quyen-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_env = {"chu": "qlvb", "nhom": "qlvb", "che_do": 0o640}
check_cases(
    co_quyen,
    [
        (("vanthu", {"vanthu", "qlvb"}, _env, "r"), True),
        (("vanthu", {"vanthu", "qlvb"}, _env, "w"), False),
        (("quantri", {"quantri", "sudo", "adm"}, _env, "r"), False),
    ],
    what="kết quả kiểm tra quyền",
)

# %% nbgrader={"grade": true, "grade_id": "co-quyen-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chủ sở hữu bị chặn dù nhóm được phép, root và bit x, người khác, nhóm phụ.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_la = {"chu": "ketoan", "nhom": "ketoan", "che_do": 0o070}
_script = {"chu": "quantri", "nhom": "adm", "che_do": 0o754}
_khoa = {"chu": "root", "nhom": "root", "che_do": 0o000}
_cong_khai = {"chu": "root", "nhom": "root", "che_do": 0o644}
check_cases(
    co_quyen,
    [
        (("ketoan", {"ketoan"}, _la, "r"), False),
        (("ketoan", {"ketoan"}, _la, "w"), False),
        (("vanthu", {"vanthu", "ketoan"}, _la, "w"), True),
        (("root", {"root"}, _khoa, "r"), True),
        (("root", {"root"}, _khoa, "w"), True),
        (("root", {"root"}, _khoa, "x"), False),
        (("root", {"root"}, _script, "x"), True),
        (("root", {"root"}, _cong_khai, "x"), False),
        (("quantri", {"quantri", "adm"}, _script, "x"), True),
        (("syslog", {"syslog", "adm"}, _script, "x"), True),
        (("syslog", {"syslog", "adm"}, _script, "w"), False),
        (("vanthu", {"vanthu"}, _script, "r"), True),
        (("vanthu", {"vanthu"}, _script, "x"), False),
        (("vanthu", {"vanthu"}, _cong_khai, "w"), False),
    ],
    what="kết quả kiểm tra quyền",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Người dùng và nhóm (2 điểm)
#
# Mỗi dòng `/etc/passwd` là `tên:x:UID:GID:mô tả:thư mục nhà:shell`, trong đó GID là **nhóm
# chính** (primary group). Mỗi dòng `/etc/group` là `tên:x:GID:thành viên phụ` (cách nhau bằng
# dấu phẩy, có thể rỗng). Một người thuộc một nhóm nếu nhóm đó là nhóm chính của họ **hoặc**
# họ có tên trong danh sách thành viên phụ — lệnh `id vanthu` cho thấy cả hai. Chỉ đọc
# `/etc/group` thì sẽ thiếu các thành viên theo nhóm chính. Chú ý: `"".split(",")` là `[""]`.
#
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `thanh_vien_nhom(passwd, group)` nhận nội dung hai tệp và trả về `dict` tên nhóm →
# `list` tên thành viên (chính và phụ, không trùng, sắp xếp), cho **mọi** nhóm trong `group`
# (nhóm không có ai thì là `[]`). Bỏ qua dòng trống.


# %% nbgrader={"grade": false, "grade_id": "thanh-vien-nhom", "locked": false, "schema_version": 3, "solution": true}
def thanh_vien_nhom(passwd: str, group: str) -> dict[str, list[str]]:
    """Thành viên (theo nhóm chính và nhóm phụ) của từng nhóm."""
    ### BEGIN SOLUTION
    ten_theo_gid = {}
    thanh_vien: dict[str, set[str]] = {}
    for dong in group.splitlines():
        if not dong.strip():
            continue
        ten, _, gid, ds = dong.split(":")
        ten_theo_gid[gid] = ten
        thanh_vien[ten] = {x for x in ds.split(",") if x}
    for dong in passwd.splitlines():
        if not dong.strip():
            continue
        truong = dong.split(":")
        if truong[3] in ten_theo_gid:
            thanh_vien[ten_theo_gid[truong[3]]].add(truong[0])
    return {ten: sorted(ds) for ten, ds in thanh_vien.items()}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "thanh-vien-nhom-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

_tv = thanh_vien_nhom(PASSWD, GROUP)
assert_type(_tv, dict, what="kết quả của thanh_vien_nhom")
assert_equal(_tv["qlvb"], ["qlvb", "saoluu", "vanthu"], what="thành viên nhóm qlvb")
assert_equal(_tv["sudo"], ["quantri"], what="thành viên nhóm sudo")

# %% nbgrader={"grade": true, "grade_id": "thanh-vien-nhom-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: toàn bộ các nhóm, nhóm rỗng, người vừa là thành viên chính vừa là thành viên phụ.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    thanh_vien_nhom(PASSWD, GROUP),
    {
        "root": ["root"],
        "sudo": ["quantri"],
        "adm": ["quantri", "syslog"],
        "postgres": ["postgres"],
        "quantri": ["quantri"],
        "vanthu": ["vanthu"],
        "qlvb": ["qlvb", "saoluu", "vanthu"],
        "ketoan": ["ketoan"],
        "saoluu": ["saoluu"],
        "nhatky": [],
    },
    what="thành viên của mọi nhóm",
)
assert_equal(
    thanh_vien_nhom("a:x:1:10::/:/bin/sh\nb:x:2:10::/:/bin/sh\n\n", "g:x:10:b,a,c\nh:x:11:\n"),
    {"g": ["a", "b", "c"], "h": []},
    what="thành viên của hai nhóm nhỏ",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Ai được làm gì với một tệp?
#
# Nhập chuỗi quyền, chọn chủ sở hữu và nhóm của một tệp để xem từng tài khoản của máy chủ
# `qlvb-app01` được đọc (`r`), ghi (`w`), chạy (`x`) tệp đó hay không, tính bằng ba hàm
# `che_do_tu_chuoi`, `co_quyen` và `thanh_vien_nhom` của anh/chị. Thử tệp cấu hình chứa mật
# khẩu `rw-r-----` của chủ `qlvb`, nhóm `qlvb`: ai trong nhóm đọc được nó? Rồi đổi thành
# `----r-----` và xem chính `qlvb` còn đọc được không. Phần xử lý nằm trong hàm thường
# `bang_quyen`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display

TAI_KHOAN = [dong.split(":")[0] for dong in PASSWD.splitlines() if dong.strip()]
TEN_NHOM = [dong.split(":")[0] for dong in GROUP.splitlines() if dong.strip()]


def bang_quyen(chuoi: str, chu: str, nhom: str) -> str:
    """Quyền r, w, x của từng tài khoản trong PASSWD trên một tệp, hoặc lời nhắc."""
    try:
        che_do = che_do_tu_chuoi(chuoi)
    except NotImplementedError:
        return "Hãy làm Bài tập 1 (hàm che_do_tu_chuoi) trước khi dùng công cụ này."
    except ValueError as loi:
        return f"Chuỗi quyền không hợp lệ: {loi}"
    except Exception as loi:
        return f"Hàm che_do_tu_chuoi báo lỗi {type(loi).__name__}: {loi}"
    tep = {"chu": chu, "nhom": nhom, "che_do": che_do}
    try:
        thanh_vien = thanh_vien_nhom(PASSWD, GROUP)
        cac_dong = [
            f"Tệp {stat.filemode(stat.S_IFREG | che_do)} ({che_do:04o}), chủ {chu}, nhóm {nhom}"
        ]
        for tai_khoan in TAI_KHOAN:
            cac_nhom = {ten for ten, ds in thanh_vien.items() if tai_khoan in ds}
            quyen = "".join(q if co_quyen(tai_khoan, cac_nhom, tep, q) else "-" for q in "rwx")
            ten_cac_nhom = ", ".join(sorted(cac_nhom)) or "không thuộc nhóm nào trong GROUP"
            cac_dong.append(f"{tai_khoan:<10} {quyen}   (nhóm: {ten_cac_nhom})")
    except NotImplementedError:
        return "Hãy làm Bài tập 2 và 3 (co_quyen, thanh_vien_nhom) trước khi dùng công cụ này."
    except Exception as loi:
        return f"Hàm của anh/chị báo lỗi {type(loi).__name__}: {loi}"
    return "\n".join(cac_dong)


o_chuoi = widgets.Text(value="rw-r-----", description="Quyền:")
o_chu = widgets.Dropdown(options=TAI_KHOAN, value="qlvb", description="Chủ sở hữu:")
o_nhom = widgets.Dropdown(options=TEN_NHOM, value="qlvb", description="Nhóm:")
o_bang = widgets.HTML()


def cap_nhat_bang(_thay_doi: object = None) -> None:
    o_bang.value = (
        "<pre>" + html.escape(bang_quyen(o_chuoi.value, o_chu.value, o_nhom.value)) + "</pre>"
    )


for _o in (o_chuoi, o_chu, o_nhom):
    _o.observe(cap_nhat_bang, names="value")
cap_nhat_bang()
display(widgets.VBox([widgets.HBox([o_chuoi, o_chu, o_nhom]), o_bang]))

# %% [markdown]
# ## Phần 4. Dung lượng đĩa (2 điểm)
#
# Đĩa đầy là nguyên nhân hay gặp khiến dịch vụ dừng ghi nhật ký, cơ sở dữ liệu từ chối ghi và
# bản sao lưu thất bại (Bài 8). Lệnh `df -h` cho biết mỗi hệ thống tệp còn bao nhiêu chỗ;
# lệnh `du -b --max-depth=2 /` cho biết thư mục nào chiếm chỗ. `du` cộng dồn kích thước mọi
# tệp ở **mọi cấp con** của một thư mục, và **không đi theo liên kết mềm**: một liên kết tới
# tệp sao lưu 212 MiB không làm thư mục chứa nó nặng thêm 212 MiB.
#
# Ô dưới đây dựng một "hộp cát" (sandbox) — một cây thư mục giống máy chủ `qlvb-app01` trong
# thư mục tạm — bằng các tệp thưa (sparse file): có kích thước nhưng gần như không chiếm đĩa.
# Hộp cát tự xóa khi kernel dừng.

# %% nbgrader={"grade": false, "grade_id": "hop-cat", "locked": true, "schema_version": 3, "solution": false}
import atexit
import os
import shutil
import tempfile
from pathlib import Path

MIB = 1024 * 1024
HOP_CAT = Path(tempfile.mkdtemp(prefix="qlvb-app01-"))
atexit.register(shutil.rmtree, HOP_CAT, ignore_errors=True)
CAY_THU_MUC = {
    "var/log/nginx/access.log": 120 * MIB,
    "var/log/nginx/access.log.1": 95 * MIB,
    "var/log/nginx/error.log": 2 * MIB,
    "var/log/journal/system.journal": 180 * MIB,
    "var/log/journal/user-1000.journal": 24 * MIB,
    "var/backups/qlvb/qlvb-2026-03-10.dump": 210 * MIB,
    "var/backups/qlvb/qlvb-2026-03-11.dump": 212 * MIB,
    "srv/qlvb/tep-dinh-kem/2025/12/cong-van-den.zip": 140 * MIB,
    "srv/qlvb/tep-dinh-kem/2026/01/quyet-dinh.zip": 88 * MIB,
    "srv/qlvb/tep-dinh-kem/2026/03/to-trinh.zip": 61 * MIB,
    "srv/qlvb/ung-dung/qlvb.jar": 75 * MIB,
    "tmp/xuat-bao-cao.xlsx": 9 * MIB,
}
for duong_dan, kich_thuoc in CAY_THU_MUC.items():
    tep_moi = HOP_CAT / duong_dan
    tep_moi.parent.mkdir(parents=True, exist_ok=True)
    with tep_moi.open("wb") as f:
        f.truncate(kich_thuoc)  # tệp thưa: kích thước biểu kiến, không ghi dữ liệu thật
(HOP_CAT / "var/cache").mkdir()
(HOP_CAT / "srv/qlvb/ban-sao-moi-nhat.dump").symlink_to(
    HOP_CAT / "var/backups/qlvb/qlvb-2026-03-11.dump"
)
(HOP_CAT / "srv/qlvb/nhat-ky").symlink_to(HOP_CAT / "var/log", target_is_directory=True)
for muc in sorted(HOP_CAT.rglob("*")):
    loai = (
        "liên kết"
        if muc.is_symlink()
        else ("thư mục" if muc.is_dir() else f"{muc.stat().st_size // MIB} MiB")
    )
    print(muc.relative_to(HOP_CAT), "—", loai)

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `thu_muc_lon_nhat(goc, do_sau=1, so_luong=5)` trả về `list` các `tuple`
# `(đường_dẫn_tương_đối, số_byte)` cho các thư mục **bên dưới** `goc` (không tính chính `goc`)
# ở độ sâu từ 1 đến `do_sau` (thư mục con trực tiếp có độ sâu 1). `đường_dẫn_tương_đối` viết
# bằng dấu `/`, ví dụ `"var/log"`; `số_byte` (`int`) là tổng `st_size` của mọi tệp thường nằm
# ở mọi cấp bên dưới thư mục đó; liên kết mềm (tới tệp hay thư mục) không được tính và không
# được đi theo. Sắp xếp theo số byte giảm dần, bằng nhau thì theo đường dẫn tăng dần; lấy
# `so_luong` phần tử đầu. Gợi ý: `os.walk` mặc định không đi vào liên kết tới thư mục;
# `Path.is_symlink()`, `Path.lstat()`.


# %% nbgrader={"grade": false, "grade_id": "thu-muc-lon-nhat", "locked": false, "schema_version": 3, "solution": true}
def thu_muc_lon_nhat(goc: Path | str, do_sau: int = 1, so_luong: int = 5) -> list[tuple[str, int]]:
    """Các thư mục (độ sâu 1..do_sau dưới goc) chiếm nhiều byte nhất, không theo liên kết mềm."""
    ### BEGIN SOLUTION
    goc = Path(goc)
    tong: dict[str, int] = {}
    for thu_muc, _, cac_tep in os.walk(goc):
        noi = Path(thu_muc)
        cong_them = sum((noi / t).lstat().st_size for t in cac_tep if not (noi / t).is_symlink())
        phan = noi.relative_to(goc).parts
        for i in range(1, min(len(phan), do_sau) + 1):
            khoa = "/".join(phan[:i])
            tong[khoa] = tong.get(khoa, 0) + cong_them
    return sorted(tong.items(), key=lambda muc: (-muc[1], muc[0]))[:so_luong]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "thu-muc-lon-nhat-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    thu_muc_lon_nhat,
    [
        ((HOP_CAT, 1, 5), [("var", 843 * MIB), ("srv", 364 * MIB), ("tmp", 9 * MIB)]),
        (
            (HOP_CAT, 2, 4),
            [
                ("var", 843 * MIB),
                ("var/backups", 422 * MIB),
                ("var/log", 421 * MIB),
                ("srv", 364 * MIB),
            ],
        ),
    ],
    what="các thư mục lớn nhất",
)

# %% nbgrader={"grade": true, "grade_id": "thu-muc-lon-nhat-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: độ sâu lớn hơn, thư mục rỗng, bằng nhau thì xếp theo tên, một cây khác.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_cay = Path(tempfile.mkdtemp(prefix="cay-an-"))
atexit.register(shutil.rmtree, _cay, ignore_errors=True)
for _duong, _so_byte in {
    "b/x/1.txt": 300,
    "b/2.txt": 200,
    "a/1.txt": 500,
    "c/d/e/f.txt": 50,
}.items():
    (_cay / _duong).parent.mkdir(parents=True, exist_ok=True)
    (_cay / _duong).write_bytes(b"0" * _so_byte)
(_cay / "rong").mkdir()
(_cay / "c/lien-ket").symlink_to(_cay / "a/1.txt")
(_cay / "c/thu-muc-lien-ket").symlink_to(_cay / "b", target_is_directory=True)
check_cases(
    thu_muc_lon_nhat,
    [
        ((_cay, 1, 10), [("a", 500), ("b", 500), ("c", 50), ("rong", 0)]),
        (
            (_cay, 3, 10),
            [
                ("a", 500),
                ("b", 500),
                ("b/x", 300),
                ("c", 50),
                ("c/d", 50),
                ("c/d/e", 50),
                ("rong", 0),
            ],
        ),
        ((_cay, 2, 2), [("a", 500), ("b", 500)]),
        (
            (HOP_CAT, 3, 6),
            [
                ("var", 843 * MIB),
                ("var/backups", 422 * MIB),
                ("var/backups/qlvb", 422 * MIB),
                ("var/log", 421 * MIB),
                ("srv", 364 * MIB),
                ("srv/qlvb", 364 * MIB),
            ],
        ),
        (
            (str(HOP_CAT / "srv"), 2, 3),
            [("qlvb", 364 * MIB), ("qlvb/tep-dinh-kem", 289 * MIB), ("qlvb/ung-dung", 75 * MIB)],
        ),
    ],
    what="các thư mục lớn nhất",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Dịch vụ systemd: trạng thái (3 điểm)
#
# Trên Debian và Ubuntu, các dịch vụ (service) do **systemd** quản lý; mỗi dịch vụ là một
# **unit** mô tả bằng một tệp unit (unit file). Lệnh `systemctl show` in thuộc tính của từng
# unit thành các dòng `Tên=giá trị`, các unit cách nhau bằng một dòng trống; giá trị có thể
# chứa cả dấu `=` (ví dụ `Environment=LANG=vi_VN.UTF-8`). Các thuộc tính cần đọc
# (theo `systemctl(1)`, `systemd.unit(5)`, `systemd.service(5)`):
#
# - `LoadState`: `loaded` là systemd đã nạp được tệp unit; `not-found` là không có tệp;
#   `masked` là unit bị **che** (mask) có chủ ý để không thể khởi động;
# - `ActiveState`: `active` (đang hoạt động), `inactive` (không chạy), `failed` (lần chạy
#   gần nhất bị lỗi), `activating`, `deactivating`, `reloading`;
# - `SubState`: trạng thái chi tiết theo loại unit. `active` đi với `running` ở dịch vụ chạy
#   thường trực, nhưng cũng có thể là `exited` (dịch vụ `oneshot` có `RemainAfterExit=yes`,
#   như `postgresql.service` của Debian) hay `waiting` (một bộ hẹn giờ — timer — đang chờ lần
#   chạy tới): đó **không** phải lỗi. `activating` đi với `auto-restart` nghĩa là tiến trình
#   vừa kết thúc và systemd đang chờ để khởi động lại theo `Restart=`; gặp trạng thái này ở một
#   dịch vụ chạy thường trực thường là dấu hiệu nó đang **chết đi sống lại liên tục**;
# - `UnitFileState`: `enabled` là unit được bật để tự khởi động cùng hệ thống (có liên kết
#   trong `/etc/systemd/system/*.wants/`); `enabled-runtime` là bật bằng
#   `systemctl enable --runtime`, liên kết nằm trong `/run` và **mất khi khởi động lại**;
#   `disabled`, `static` (không có phần `[Install]`, chỉ chạy khi unit khác kéo theo, như dịch
#   vụ sao lưu do bộ hẹn giờ gọi), `masked`.
#
# Ô dưới đây là kết quả của
# `systemctl show -p Id,Description,LoadState,ActiveState,SubState,UnitFileState,Environment`
# trên máy chủ `qlvb-app01` sáng 12/3/2026.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-systemd", "locked": true, "schema_version": 3, "solution": false}
SYSTEMCTL_SHOW = """Id=nginx.service
Description=A high performance web server and a reverse proxy server
LoadState=loaded
ActiveState=active
SubState=running
UnitFileState=enabled
Environment=

Id=postgresql.service
Description=PostgreSQL RDBMS
LoadState=loaded
ActiveState=active
SubState=exited
UnitFileState=enabled
Environment=

Id=qlvb.service
Description=Hệ thống quản lý văn bản và điều hành (QLVB&ĐH)
LoadState=loaded
ActiveState=activating
SubState=auto-restart
UnitFileState=enabled
Environment=LANG=vi_VN.UTF-8 TZ=Asia/Ho_Chi_Minh

Id=saoluu-qlvb.service
Description=Sao lưu cơ sở dữ liệu QLVB lên NAS
LoadState=loaded
ActiveState=failed
SubState=failed
UnitFileState=static
Environment=DICH=/mnt/nas/qlvb

Id=saoluu-qlvb.timer
Description=Lịch sao lưu QLVB lúc 02:00 và 12:00
LoadState=loaded
ActiveState=active
SubState=waiting
UnitFileState=enabled
Environment=

Id=ssh.service
Description=OpenBSD Secure Shell server
LoadState=loaded
ActiveState=active
SubState=running
UnitFileState=enabled
Environment=

Id=chrony.service
Description=chrony, an NTP client/server
LoadState=loaded
ActiveState=inactive
SubState=dead
UnitFileState=disabled
Environment=

Id=zabbix-agent2.service
Description=Zabbix Agent 2
LoadState=loaded
ActiveState=active
SubState=running
UnitFileState=enabled-runtime
Environment=

Id=clamav-daemon.service
Description=clamav-daemon.service
LoadState=not-found
ActiveState=inactive
SubState=dead
UnitFileState=
Environment=

Id=apache2.service
Description=apache2.service
LoadState=masked
ActiveState=inactive
SubState=dead
UnitFileState=masked
Environment=

Id=cups.service
Description=CUPS Scheduler
LoadState=loaded
ActiveState=inactive
SubState=dead
UnitFileState=disabled
Environment=
"""

# Các unit phải luôn sẵn sàng trên máy chủ này, theo quy chế vận hành của Trung tâm dữ liệu.
BAT_BUOC = {
    "nginx.service",
    "postgresql.service",
    "qlvb.service",
    "saoluu-qlvb.timer",
    "ssh.service",
    "chrony.service",
    "zabbix-agent2.service",
    "clamav-daemon.service",
}

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `dich_vu_can_xu_ly(ket_qua_show, bat_buoc)`: `ket_qua_show` là văn bản như
# `SYSTEMCTL_SHOW` (thứ tự thuộc tính trong một khối có thể khác, có thể có nhiều dòng trống
# liền nhau), `bat_buoc` là tập tên các unit phải luôn sẵn sàng. Trả về `dict` tên unit (`Id`)
# → `list` (sắp xếp) các mã vấn đề, **chỉ** cho những unit có ít nhất một vấn đề:
#
# - `"khong-nap-duoc"`: unit bắt buộc có `LoadState` khác `loaded`; khi đó không xét gì thêm
#   cho unit này. Unit **không** bắt buộc mà bị che hay không tồn tại thì không phải vấn đề
#   (thường là che có chủ ý, như `apache2` để khỏi tranh cổng 80 với `nginx`);
# - `"loi"`: `ActiveState` là `failed` (bất kể unit có bắt buộc hay không);
# - `"khoi-dong-lai-lien-tuc"`: `ActiveState` là `activating` **và** `SubState` là
#   `auto-restart` (bất kể unit có bắt buộc hay không);
# - `"khong-tu-bat"`: unit bắt buộc có `UnitFileState` khác `enabled`;
# - `"khong-chay"`: unit bắt buộc có `ActiveState` là `inactive`.


# %% nbgrader={"grade": false, "grade_id": "dich-vu-can-xu-ly", "locked": false, "schema_version": 3, "solution": true}
def dich_vu_can_xu_ly(ket_qua_show: str, bat_buoc: set[str]) -> dict[str, list[str]]:
    """Các unit có vấn đề và mã vấn đề của chúng, từ kết quả systemctl show."""
    ### BEGIN SOLUTION
    cac_unit = []
    hien_tai: dict[str, str] = {}
    for dong in [*ket_qua_show.splitlines(), ""]:
        if not dong.strip():
            if hien_tai:
                cac_unit.append(hien_tai)
            hien_tai = {}
            continue
        khoa, _, gia_tri = dong.partition("=")
        hien_tai[khoa] = gia_tri
    ket_qua = {}
    for unit in cac_unit:
        ten = unit["Id"]
        can = ten in bat_buoc
        if unit["LoadState"] != "loaded":
            if can:
                ket_qua[ten] = ["khong-nap-duoc"]
            continue
        van_de = []
        if unit["ActiveState"] == "failed":
            van_de.append("loi")
        if unit["ActiveState"] == "activating" and unit["SubState"] == "auto-restart":
            van_de.append("khoi-dong-lai-lien-tuc")
        if can and unit["UnitFileState"] != "enabled":
            van_de.append("khong-tu-bat")
        if can and unit["ActiveState"] == "inactive":
            van_de.append("khong-chay")
        if van_de:
            ket_qua[ten] = sorted(van_de)
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "dich-vu-can-xu-ly-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    dich_vu_can_xu_ly(SYSTEMCTL_SHOW, BAT_BUOC),
    {
        "qlvb.service": ["khoi-dong-lai-lien-tuc"],
        "saoluu-qlvb.service": ["loi"],
        "chrony.service": ["khong-chay", "khong-tu-bat"],
        "zabbix-agent2.service": ["khong-tu-bat"],
        "clamav-daemon.service": ["khong-nap-duoc"],
    },
    what="các unit cần xử lý trên qlvb-app01",
)

# %% nbgrader={"grade": true, "grade_id": "dich-vu-can-xu-ly-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tập bắt buộc khác, thuộc tính đổi thứ tự, trạng thái chuyển tiếp bình thường,
# khối cuối không có dòng trống, nhiều dòng trống liền nhau.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    dich_vu_can_xu_ly(SYSTEMCTL_SHOW, {"apache2.service", "cups.service", "nginx.service"}),
    {
        "qlvb.service": ["khoi-dong-lai-lien-tuc"],
        "saoluu-qlvb.service": ["loi"],
        "apache2.service": ["khong-nap-duoc"],
        "cups.service": ["khong-chay", "khong-tu-bat"],
    },
    what="các unit cần xử lý với một tập bắt buộc khác",
)
assert_equal(
    dich_vu_can_xu_ly(SYSTEMCTL_SHOW, set()),
    {
        "qlvb.service": ["khoi-dong-lai-lien-tuc"],
        "saoluu-qlvb.service": ["loi"],
    },
    what="các unit cần xử lý khi không có unit bắt buộc",
)
_show_khac = """UnitFileState=enabled
SubState=start
ActiveState=activating
LoadState=loaded
Id=qlvb.service


Id=nginx.service
ActiveState=reloading
SubState=reload
UnitFileState=enabled
LoadState=loaded

Id=chrony.service
LoadState=loaded
UnitFileState=enabled
ActiveState=failed
SubState=failed

Id=ssh.service
LoadState=loaded
ActiveState=inactive
SubState=dead
UnitFileState=static
Environment=A=1 B=2"""
assert_equal(
    dich_vu_can_xu_ly(
        _show_khac, {"qlvb.service", "nginx.service", "chrony.service", "ssh.service"}
    ),
    {
        "chrony.service": ["loi"],
        "ssh.service": ["khong-chay", "khong-tu-bat"],
    },
    what="các unit cần xử lý trong một kết quả systemctl show khác",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Dịch vụ systemd: kiểm tra tệp unit (3 điểm)
#
# Tệp unit là tệp văn bản chia thành các phần `[Unit]`, `[Service]`, `[Install]`; mỗi dòng là
# `Khóa=giá trị` (khoảng trắng quanh dấu `=` được bỏ qua), dòng bắt đầu bằng `#` hoặc `;` là
# chú thích. Một khóa chỉ có nghĩa trong **đúng phần** của nó: `WantedBy=` đặt trong
# `[Service]` bị systemd bỏ qua (kèm một cảnh báo trong nhật ký). Với khóa một giá trị như
# `User=`, `Restart=`, dòng sau ghi đè dòng trước; với khóa danh sách như `After=`, `Wants=`,
# `WantedBy=` (các tên cách nhau bằng dấu cách), các dòng được cộng dồn, còn một dòng rỗng
# (`WantedBy=`) xóa danh sách đã có. Bốn lỗi hay gặp ở tệp unit do cán bộ tự viết:
#
# 1. **chạy bằng root**: không có `User=` trong `[Service]` thì dịch vụ chạy bằng `root`
#    (`systemd.exec(5)`); nên chạy bằng một tài khoản riêng (`User=qlvb`), hoặc để systemd cấp
#    tài khoản tạm bằng `DynamicUser=yes` (giá trị bật: `yes`, `true`, `on`, `1`);
# 2. **không tự khởi động lại**: mặc định `Restart=no`; theo bảng trong `systemd.service(5)`,
#    chỉ `on-failure` và `always` khởi động lại cả khi tiến trình thoát với mã lỗi
#    (`on-abnormal`, `on-abort`, `on-watchdog`, `on-success` thì không);
# 3. **`WantedBy=` sai**: `systemctl enable` đọc `WantedBy=` trong `[Install]` để biết gắn
#    dịch vụ vào đích (target) nào; dịch vụ máy chủ cần `WantedBy=multi-user.target` để được
#    bật cùng hệ thống. `network.target` là unit bị động (passive unit), chỉ dùng để sắp thứ
#    tự quanh việc khởi động mạng, không phải đích khởi động (`systemd.special(7)`);
# 4. **chờ mạng mà không kéo mạng lên**: `After=` chỉ sắp thứ tự, không kéo unit kia lên
#    (`systemd.unit(5)`). Có `After=network-online.target` mà không có `Wants=` (hoặc
#    `Requires=`) `network-online.target` trong `[Unit]` thì, nếu không unit nào khác kéo nó
#    lên, systemd không chờ mạng sẵn sàng và dịch vụ có thể khởi động khi chưa có mạng
#    (`systemd.special(7)` khuyên dùng cả hai).
#
# Tệp unit của dịch vụ QLVB do nhà thầu cài đặt:

# %% nbgrader={"grade": false, "grade_id": "du-lieu-unit", "locked": true, "schema_version": 3, "solution": false}
UNIT_QLVB = """# /etc/systemd/system/qlvb.service — nhà thầu cài đặt 11/2025
[Unit]
Description=Hệ thống quản lý văn bản và điều hành (QLVB&ĐH)
After=network-online.target postgresql.service
Requires=postgresql.service

[Service]
Type=simple
; User=qlvb
WorkingDirectory=/srv/qlvb
Environment=LANG=vi_VN.UTF-8
ExecStart=/usr/bin/java -Xmx2g -jar /srv/qlvb/ung-dung/qlvb.jar
Restart=on-abnormal
WantedBy=multi-user.target

[Install]
WantedBy=network.target
"""

# %% [markdown]
# ### Bài tập 6 (3 điểm)
#
# Viết hàm `kiem_tra_unit(noi_dung)` nhận nội dung một tệp unit dịch vụ và trả về `list`
# (sắp xếp) các mã lỗi: `"chay-bang-root"`, `"thieu-restart"`, `"wantedby-sai"` (không có
# `multi-user.target` trong `WantedBy=` của `[Install]`), `"after-thieu-wants"` (có
# `network-online.target` trong `After=` nhưng không có trong `Wants=` lẫn `Requires=` của
# `[Unit]`). Tệp không có lỗi nào thì trả về `[]`.


# %% nbgrader={"grade": false, "grade_id": "kiem-tra-unit", "locked": false, "schema_version": 3, "solution": true}
def kiem_tra_unit(noi_dung: str) -> list[str]:
    """Các lỗi thường gặp trong một tệp unit dịch vụ systemd."""
    ### BEGIN SOLUTION
    danh_sach = {"After", "Wants", "Requires", "WantedBy"}
    phan = ""
    gia_tri: dict[tuple[str, str], str] = {}
    cac_ten: dict[tuple[str, str], list[str]] = {}
    for dong_goc in noi_dung.splitlines():
        dong = dong_goc.strip()
        if not dong or dong[0] in "#;":
            continue
        if dong.startswith("[") and dong.endswith("]"):
            phan = dong[1:-1]
            continue
        khoa, _, gt = dong.partition("=")
        khoa, gt = khoa.strip(), gt.strip()
        if khoa in danh_sach:
            cac_ten[phan, khoa] = cac_ten.get((phan, khoa), []) + gt.split() if gt else []
        else:
            gia_tri[phan, khoa] = gt
    loi = []
    nguoi_dung = gia_tri.get(("Service", "User"), "")
    dong_tam = gia_tri.get(("Service", "DynamicUser"), "no").lower() in {"yes", "true", "on", "1"}
    if nguoi_dung in {"", "root", "0"} and not dong_tam:
        loi.append("chay-bang-root")
    if gia_tri.get(("Service", "Restart"), "no") not in {"on-failure", "always"}:
        loi.append("thieu-restart")
    if "multi-user.target" not in cac_ten.get(("Install", "WantedBy"), []):
        loi.append("wantedby-sai")
    keo_theo = cac_ten.get(("Unit", "Wants"), []) + cac_ten.get(("Unit", "Requires"), [])
    if "network-online.target" in cac_ten.get(("Unit", "After"), []) and (
        "network-online.target" not in keo_theo
    ):
        loi.append("after-thieu-wants")
    return sorted(loi)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kiem-tra-unit-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_unit_tot = """[Unit]
Description=Cổng dịch vụ công
Wants=network-online.target
After=network-online.target

[Service]
User=dvc
ExecStart=/srv/dvc/bin/dvc-server
Restart=on-failure

[Install]
WantedBy=multi-user.target
"""
check_cases(
    kiem_tra_unit,
    [
        (
            (UNIT_QLVB,),
            ["after-thieu-wants", "chay-bang-root", "thieu-restart", "wantedby-sai"],
        ),
        ((_unit_tot,), []),
    ],
    what="các lỗi của tệp unit",
)

# %% nbgrader={"grade": true, "grade_id": "kiem-tra-unit-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: khoảng trắng quanh dấu =, root viết bằng UID, DynamicUser, dòng ghi đè, danh
# sách cộng dồn và bị xóa, khóa đặt sai phần, Requires thay cho Wants.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_unit_a = """[Unit]
Description=Máy chủ tệp đính kèm
After=network-online.target
After=network.target

[Service]
User = 0
Restart = always

[Install]
WantedBy = graphical.target multi-user.target
"""
_unit_b = """[Unit]
Requires=network-online.target
After=network-online.target

[Service]
DynamicUser=true
Restart=always
Restart=on-success

[Install]
WantedBy=multi-user.target
WantedBy=
"""
_unit_c = """[Unit]
Wants=network-online.target

[Service]
User=nhatky
Restart=on-failure
After=network-online.target

[Install]
WantedBy=multi-user.targets
"""
_unit_d = """[Unit]
Wants=network-online.target
After=network-online.target

[Service]
User=saoluu
User=root
Restart=no
Restart=on-failure

[Install]
WantedBy=multi-user.target
WantedBy=graphical.target
"""
_unit_e = """[Service]
ExecStart=/usr/local/bin/dong-bo-danh-muc
User=qlvb
Restart=on-failure
"""
_unit_f = """[Unit]
After=network-online.target
Wants=network.target

[Service]
User=qlvb
DynamicUser=no
Restart=on-failure

[Install]
WantedBy=multi-user.target
"""
check_cases(
    kiem_tra_unit,
    [
        ((_unit_a,), ["after-thieu-wants", "chay-bang-root"]),
        ((_unit_b,), ["thieu-restart", "wantedby-sai"]),
        ((_unit_c,), ["wantedby-sai"]),
        ((_unit_d,), ["chay-bang-root"]),
        ((_unit_e,), ["wantedby-sai"]),
        ((_unit_f,), ["after-thieu-wants"]),
        (("",), ["chay-bang-root", "thieu-restart", "wantedby-sai"]),
    ],
    what="các lỗi của tệp unit",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) việc quản trị máy chủ Linux ở đơn vị của anh/chị:
# ai có tài khoản quản trị, có dùng chung tài khoản `root` không, quyền của các tệp cấu hình
# chứa mật khẩu ra sao; ai theo dõi dung lượng đĩa và được cảnh báo khi nào; các dịch vụ chạy
# bằng tài khoản nào, có tự khởi động lại và được giám sát không. Nếu máy chủ của đơn vị gặp
# tình huống như `qlvb-app01` trong bài (dịch vụ chết đi sống lại, tệp unit chạy bằng root),
# anh/chị sẽ xử lý theo thứ tự nào?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng cụ thể (tài khoản quản trị cá nhân, sudo, không dùng chung
# root; quyền 640/600 cho tệp bí mật), cách giám sát dung lượng đĩa và ngưỡng cảnh báo, tài
# khoản chạy dịch vụ và cấu hình `Restart=`, cách phát hiện dịch vụ lỗi (giám sát trạng thái
# systemd), và một thứ tự xử lý hợp lý (xem nhật ký `journalctl -u` trước khi sửa tệp unit,
# đổi sang tài khoản riêng, `systemctl daemon-reload`, kiểm tra lại) kèm kế hoạch cải thiện.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Quyền Linux: ba nhóm `rwx` (4-2-1) cộng các bit setuid 4000, setgid 2000, sticky 1000; chữ
#   hoa `S`/`T` là bit đặc biệt không có `x`.
# - Nhân chỉ xét **một** nhóm bit: chủ sở hữu, rồi nhóm, rồi người khác; root đọc ghi mọi thứ,
#   chạy được khi có ít nhất một bit `x`.
# - Thành viên nhóm gồm cả người có nhóm đó là nhóm chính trong `/etc/passwd`.
# - Dung lượng thư mục: cộng dồn các tệp thường ở mọi cấp con, không đi theo liên kết mềm.
# - systemd: `failed` là lỗi, `activating`/`auto-restart` là chết đi sống lại, `exited` hay
#   `waiting` vẫn là bình thường; dịch vụ bắt buộc phải `enabled` (không phải
#   `enabled-runtime`) và đang chạy; unit bị che có chủ ý không phải lỗi.
# - Tệp unit: mỗi khóa chỉ có nghĩa trong phần của nó; đặt `User=` (mặc định là root),
#   `Restart=on-failure` hoặc `always`, `WantedBy=multi-user.target`; `After=` chỉ sắp thứ
#   tự, muốn chờ mạng thì thêm `Wants=network-online.target`.
