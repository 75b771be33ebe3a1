# %% [markdown]
# # Bài 7. Quản trị Linux: quyền, người dùng và nhóm, lịch cron, sao lưu và khôi phục, dịch vụ
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** đã dùng dòng lệnh Linux (`ls -l`, `chmod`, `crontab -e`); Bài 5
# (pandas, thời gian có múi giờ).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. đổi chuỗi quyền kiểu `ls -l` (`rwxr-x---`, `rwsr-xr-x`) thành số bát phân (octal);
# 2. quyết định một người dùng có quyền đọc, ghi, chạy một tệp hay không, đúng như nhân Linux;
# 3. đọc `/etc/passwd` và `/etc/group` để biết thành viên của từng nhóm;
# 4. tính các lần chạy tiếp theo của một lịch cron;
# 5. áp dụng chính sách giữ bản sao lưu ông – cha – con (grandfather-father-son, GFS);
# 6. chọn điểm khôi phục (restore point) hợp lệ trước một sự cố và kiểm tra mục tiêu điểm khôi
#    phục (recovery point objective, RPO);
# 7. kiểm tra quy tắc sao lưu 3-2-1;
# 8. tìm thư mục chiếm nhiều dung lượng đĩa nhất, như lệnh `du`, mà không đếm trùng qua liên
#    kết mềm (symbolic link);
# 9. đọc trạng thái các dịch vụ systemd để tìm dịch vụ lỗi, chết đi sống lại hay không tự bật;
# 10. kiểm tra một tệp unit dịch vụ tìm các lỗi cấu hình hay gặp.
#
# Mọi việc đều làm bằng Python trên dữ liệu được cung cấp hoặc trong một thư mục tạm; bài
# không thay đổi gì trên máy đang chạy notebook.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 29 điểm: 26 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Kiểu dữ liệu.** Kiểm thử so sánh cả kiểu: pandas và numpy trả về `numpy.float64`,
# `numpy.int64`, `numpy.bool_`; hãy đổi sang kiểu của Python bằng `float(...)`, `int(...)`,
# `bool(...)` trước khi trả về.
#
# **Bối cảnh.** Máy chủ `qlvb-app01` ở Trung tâm dữ liệu tỉnh Sơn Hà chạy hệ thống quản lý văn
# bản và điều hành (QLVB&ĐH); cơ sở dữ liệu được sao lưu hai lần mỗi ngày (02:00 và 12:00 giờ
# Việt Nam) lên thiết bị lưu trữ mạng (NAS). Sáng 12/3/2026, lúc 10:15, phát hiện mã độc tống
# tiền (ransomware) đã mã hóa dữ liệu. Danh mục các lần sao lưu nằm trong tệp
# `danh-muc-sao-luu.csv` (giờ UTC).

# %% nbgrader={"grade": false, "grade_id": "du-lieu-linux", "locked": true, "schema_version": 3, "solution": false}
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd

GIO_VN = timezone(timedelta(hours=7), "ICT")  # Việt Nam không dùng giờ mùa hè

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

DANH_MUC = pd.read_csv("danh-muc-sao-luu.csv")
DANH_MUC["thoi_diem"] = pd.to_datetime(DANH_MUC["thoi_diem"], utc=True)
DANH_MUC["da_kiem_tra"] = DANH_MUC["da_kiem_tra"] == "co"
print(DANH_MUC.tail())

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
# ## Phần 4. Lịch cron (3 điểm)
#
# Một dòng crontab có năm trường thời gian: `phút giờ ngày-trong-tháng tháng thứ-trong-tuần`.
# Mỗi trường là `*`, một số, một khoảng `a-b`, một danh sách `1,15`, và có thể có bước `/n`
# (`*/15` là 0, 15, 30, 45; `5-59/20` là 5, 25, 45). Thứ trong tuần từ 0 đến 7, **0 và 7 đều
# là Chủ nhật** (khác `datetime.weekday()` của Python: thứ Hai là 0). Hai bẫy thường gặp:
#
# - khi **cả** ngày-trong-tháng **và** thứ-trong-tuần đều bị giới hạn (không bắt đầu bằng `*`),
#   cron chạy khi **một trong hai** khớp: `0 2 1 * 1` chạy lúc 02:00 ngày mùng 1 **và** mọi thứ
#   Hai; nếu một trong hai trường bắt đầu bằng `*`, chỉ trường kia quyết định;
# - cron chạy theo giờ của máy chủ (ở đây giờ Việt Nam), không phải UTC.
#
# Ví dụ: lịch sao lưu `0 2,12 * * *` chạy lúc 02:00 và 12:00 mỗi ngày.
#
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `lan_chay_tiep(lich, tu_luc, so_lan=5)` trả về `list` `so_lan` mốc `datetime` (có
# múi giờ `GIO_VN`, giây bằng 0) của các lần chạy tiếp theo, **sau hẳn** `tu_luc` (một
# `datetime` có múi giờ bất kỳ). Giá trị ngoài phạm vi của trường (ví dụ phút 60) hoặc lịch
# không đủ 5 trường phải báo lỗi `ValueError`.


# %% nbgrader={"grade": false, "grade_id": "lan-chay-tiep", "locked": false, "schema_version": 3, "solution": true}
def lan_chay_tiep(lich: str, tu_luc: datetime, so_lan: int = 5) -> list[datetime]:
    """so_lan lần chạy tiếp theo (giờ Việt Nam) của một lịch cron, sau hẳn tu_luc."""

    ### BEGIN SOLUTION
    def tap(truong: str, thap: int, cao: int) -> set[int]:
        ket_qua: set[int] = set()
        for phan in truong.split(","):
            khoang, _, buoc = phan.partition("/")
            if khoang == "*":
                a, b = thap, cao
            elif "-" in khoang:
                a, b = (int(x) for x in khoang.split("-"))
            else:
                a = b = int(khoang)
                if buoc:
                    b = cao
            if not thap <= a <= b <= cao:
                raise ValueError(f"trường {truong!r} ngoài phạm vi {thap}–{cao}")
            ket_qua.update(range(a, b + 1, int(buoc) if buoc else 1))
        return ket_qua

    truong = lich.split()
    if len(truong) != 5:
        raise ValueError(f"lịch cron cần 5 trường: {lich!r}")
    phut, gio, ngay, thang = (
        tap(truong[0], 0, 59),
        tap(truong[1], 0, 23),
        tap(truong[2], 1, 31),
        tap(truong[3], 1, 12),
    )
    thu = {t % 7 for t in tap(truong[4], 0, 7)}
    ngay_sao, thu_sao = truong[2].startswith("*"), truong[4].startswith("*")

    def ngay_khop(d: date) -> bool:
        khop_ngay = d.day in ngay
        khop_thu = (d.weekday() + 1) % 7 in thu
        if ngay_sao or thu_sao:
            return khop_ngay and khop_thu
        return khop_ngay or khop_thu

    bat_dau = tu_luc.astimezone(GIO_VN).replace(second=0, microsecond=0) + timedelta(minutes=1)
    ket_qua = []
    d = bat_dau.date()
    for _ in range(366 * 8):
        if d.month in thang and ngay_khop(d):
            for h in sorted(gio):
                for m in sorted(phut):
                    moc = datetime(d.year, d.month, d.day, h, m, tzinfo=GIO_VN)
                    if moc >= bat_dau:
                        ket_qua.append(moc)
                        if len(ket_qua) == so_lan:
                            return ket_qua
        d += timedelta(days=1)
    raise ValueError(f"lịch {lich!r} không chạy trong 8 năm tới")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "lan-chay-tiep-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases


def _vn(*thanh_phan: int) -> datetime:
    return datetime(*thanh_phan, tzinfo=GIO_VN)


check_cases(
    lan_chay_tiep,
    [
        (
            ("0 2,12 * * *", _vn(2026, 3, 12, 10, 15), 3),
            [_vn(2026, 3, 12, 12, 0), _vn(2026, 3, 13, 2, 0), _vn(2026, 3, 13, 12, 0)],
        ),
        (
            ("*/15 * * * *", _vn(2026, 3, 12, 10, 15), 2),
            [_vn(2026, 3, 12, 10, 30), _vn(2026, 3, 12, 10, 45)],
        ),
    ],
    what="các lần chạy tiếp theo",
)

# %% nbgrader={"grade": true, "grade_id": "lan-chay-tiep-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ngày-tháng HOẶC thứ, Chủ nhật là 0 và 7, bước trong khoảng, mốc UTC, cuối năm.
from graders.asserts import assert_raises, check_cases

### BEGIN HIDDEN TESTS
_tu = _vn(2026, 3, 12, 10, 15)  # thứ Năm
check_cases(
    lan_chay_tiep,
    [
        (
            ("0 2 1 * 1", _tu, 4),
            [
                _vn(2026, 3, 16, 2, 0),
                _vn(2026, 3, 23, 2, 0),
                _vn(2026, 3, 30, 2, 0),
                _vn(2026, 4, 1, 2, 0),
            ],
        ),
        (("30 23 * * 7", _tu, 2), [_vn(2026, 3, 15, 23, 30), _vn(2026, 3, 22, 23, 30)]),
        (("30 23 * * 0", _tu, 1), [_vn(2026, 3, 15, 23, 30)]),
        (
            ("0 3 */10 * *", _tu, 3),
            [_vn(2026, 3, 21, 3, 0), _vn(2026, 3, 31, 3, 0), _vn(2026, 4, 1, 3, 0)],
        ),
        (
            ("5-59/20 9 * * 1-5", _tu, 4),
            [
                _vn(2026, 3, 13, 9, 5),
                _vn(2026, 3, 13, 9, 25),
                _vn(2026, 3, 13, 9, 45),
                _vn(2026, 3, 16, 9, 5),
            ],
        ),
        (("15 10 12 3 *", _tu, 1), [_vn(2027, 3, 12, 10, 15)]),
        (("0 0 1 1 *", _vn(2026, 12, 31, 23, 59, 30), 1), [_vn(2027, 1, 1, 0, 0)]),
        (
            ("0 8 * * *", datetime(2026, 3, 12, 2, 0, tzinfo=UTC), 1),
            [_vn(2026, 3, 13, 8, 0)],
        ),
        (
            ("0 8 * * *", datetime(2026, 3, 12, 0, 59, 59, tzinfo=UTC), 1),
            [_vn(2026, 3, 12, 8, 0)],
        ),
        (
            ("0 8 * * *", datetime(2026, 3, 12, 1, 0, tzinfo=UTC), 1),
            [_vn(2026, 3, 13, 8, 0)],
        ),
    ],
    what="các lần chạy tiếp theo",
)
assert_raises(ValueError, lan_chay_tiep, "60 * * * *", _tu, what="khi phút bằng 60")
assert_raises(ValueError, lan_chay_tiep, "0 2 * *", _tu, what="khi lịch thiếu trường")
### END HIDDEN TESTS

# %% [markdown]
# ### Xem trước lịch cron
#
# Gõ một lịch để xem 5 lần chạy tiếp theo tính từ bây giờ, bằng hàm `lan_chay_tiep` của anh/chị.
# Thử `0 2 1 * 1`, rồi `0 2 * * 1`. Phần xử lý nằm trong hàm thường `mo_ta_lich`.

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def mo_ta_lich(lich: str, tu_luc: datetime) -> str:
    """Năm lần chạy tiếp theo của lich, hoặc lời nhắc khi chưa tính được."""
    try:
        cac_lan = lan_chay_tiep(lich, tu_luc, 5)
    except NotImplementedError:
        return "Hãy làm Bài tập 4 (hàm lan_chay_tiep) trước khi dùng công cụ này."
    except ValueError as loi:
        return f"Lịch không hợp lệ: {loi}"
    except Exception as loi:
        return f"Hàm lan_chay_tiep báo lỗi {type(loi).__name__}: {loi}"
    ten_thu = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
    return "\n".join(f"{moc:%d/%m/%Y %H:%M} ({ten_thu[moc.weekday()]})" for moc in cac_lan)


o_lich = widgets.Text(value="0 2,12 * * *", description="Lịch cron:")
o_cac_lan = widgets.HTML()


def cap_nhat_lich(_thay_doi: object = None) -> None:
    o_cac_lan.value = (
        "<pre>" + html.escape(mo_ta_lich(o_lich.value, datetime.now(GIO_VN))) + "</pre>"
    )


o_lich.observe(cap_nhat_lich, names="value")
cap_nhat_lich()
display(widgets.VBox([o_lich, o_cac_lan]))

# %% [markdown]
# ## Phần 5. Giữ bản sao lưu theo kiểu ông – cha – con (3 điểm)
#
# Giữ mọi bản sao lưu thì hết chỗ; chỉ giữ vài bản gần nhất thì không khôi phục được dữ liệu
# bị xóa nhầm từ tháng trước. Chính sách GFS giữ: các bản "con" (hằng ngày), "cha" (hằng tuần),
# "ông" (hằng tháng). Bài này dùng đúng cách tính của lệnh `restic forget --keep-daily N
# --keep-weekly M --keep-monthly K`:
#
# - xếp các bản sao lưu từ **mới nhất** về cũ nhất;
# - `keep-daily N`: đi từ mới về cũ, giữ bản **mới nhất của mỗi ngày**, cho tới khi đủ N ngày
#   **có** bản sao lưu (ngày không có bản nào không được tính);
# - `keep-weekly M`: tương tự với tuần theo ISO 8601 (thứ Hai đến Chủ nhật,
#   `date.isocalendar()`); `keep-monthly K`: tương tự với tháng;
# - một bản được giữ nếu **ít nhất một** quy tắc giữ nó.
#
# Ngày, tuần, tháng tính theo **giờ Việt Nam**: bản sao lưu 02:00 sáng 09/3 ghi trong danh mục
# là `2026-03-08T19:00:xxZ`; xếp nó vào ngày 08/3 là sai.
#
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `giu_lai_gfs(cac_moc, so_ngay, so_tuan, so_thang)`: `cac_moc` là `list` các mốc
# `datetime` (hoặc `pd.Timestamp`) có múi giờ của các bản sao lưu **thành công**. Trả về `list`
# các mốc được giữ (chính các phần tử của `cac_moc`), sắp xếp tăng dần.


# %% nbgrader={"grade": false, "grade_id": "giu-lai-gfs", "locked": false, "schema_version": 3, "solution": true}
def giu_lai_gfs(
    cac_moc: list[datetime], so_ngay: int, so_tuan: int, so_thang: int
) -> list[datetime]:
    """Các bản sao lưu được giữ theo chính sách GFS (cách tính của restic forget)."""
    ### BEGIN SOLUTION
    moi_truoc = sorted(cac_moc, reverse=True)
    giu = set()
    cach_nhom = [
        (so_ngay, lambda d: d.date()),
        (so_tuan, lambda d: d.isocalendar()[:2]),
        (so_thang, lambda d: (d.year, d.month)),
    ]
    for so_luong, nhom_cua in cach_nhom:
        nhom_truoc = None
        da_giu = 0
        for moc in moi_truoc:
            if da_giu >= so_luong:
                break
            nhom = nhom_cua(moc.astimezone(GIO_VN))
            if nhom != nhom_truoc:
                giu.add(moc)
                da_giu += 1
                nhom_truoc = nhom
    return sorted(giu)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "giu-lai-gfs-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

_thanh_cong = [
    m.to_pydatetime() for m in DANH_MUC.loc[DANH_MUC["trang_thai"] == "thanh-cong", "thoi_diem"]
]
_giu = giu_lai_gfs(_thanh_cong, 7, 0, 0)
assert_equal(len(_giu), 7, what="số bản giữ với 7 bản hằng ngày")
assert_equal(
    [m.astimezone(GIO_VN).strftime("%d/%m %H:%M") for m in _giu],
    [
        "06/03 12:00",
        "07/03 12:01",
        "08/03 12:00",
        "09/03 12:00",
        "10/03 12:01",
        "11/03 12:00",
        "12/03 12:01",
    ],
    what="các bản hằng ngày được giữ (giờ Việt Nam)",
)

# %% nbgrader={"grade": true, "grade_id": "giu-lai-gfs-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: kết hợp tuần và tháng, ngày không có bản sao lưu, ranh giới tuần ISO, múi giờ.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_tc = [m.to_pydatetime() for m in DANH_MUC.loc[DANH_MUC["trang_thai"] == "thanh-cong", "thoi_diem"]]
assert_equal(
    [m.astimezone(GIO_VN).strftime("%d/%m/%Y %H:%M") for m in giu_lai_gfs(_tc, 3, 4, 4)],
    [
        "31/12/2025 12:01",
        "31/01/2026 12:00",
        "22/02/2026 12:00",
        "28/02/2026 12:00",
        "01/03/2026 12:01",
        "08/03/2026 12:00",
        "10/03/2026 12:01",
        "11/03/2026 12:00",
        "12/03/2026 12:01",
    ],
    what="các bản được giữ với 3 ngày, 4 tuần, 4 tháng",
)
_u = UTC
_moc = [
    datetime(2026, 3, 1, 19, 0, tzinfo=_u),  # 02:00 thứ Hai 02/3 giờ VN (tuần ISO 10)
    datetime(2026, 3, 1, 5, 0, tzinfo=_u),  # 12:00 Chủ nhật 01/3 (tuần ISO 9)
    datetime(2026, 2, 28, 19, 0, tzinfo=_u),  # 02:00 Chủ nhật 01/3
    datetime(2026, 2, 27, 5, 0, tzinfo=_u),  # 12:00 thứ Sáu 27/2
    datetime(2026, 2, 20, 5, 0, tzinfo=_u),  # 12:00 thứ Sáu 20/2
]
assert_equal(giu_lai_gfs(_moc, 2, 0, 0), [_moc[1], _moc[0]], what="2 bản hằng ngày")
assert_equal(giu_lai_gfs(_moc, 0, 3, 0), [_moc[4], _moc[1], _moc[0]], what="3 bản hằng tuần")
assert_equal(giu_lai_gfs(_moc, 0, 0, 2), [_moc[3], _moc[0]], what="2 bản hằng tháng")
assert_equal(giu_lai_gfs(_moc, 0, 0, 0), [], what="không giữ gì")
assert_equal(
    giu_lai_gfs(_moc, 10, 0, 0),
    sorted([_moc[0], _moc[1], _moc[3], _moc[4]]),
    what="10 bản hằng ngày",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Điểm khôi phục và RPO (3 điểm)
#
# Khi khôi phục sau sự cố, chỉ được dùng bản sao lưu **trước** thời điểm sự cố (bản sau đó có
# thể đã chứa dữ liệu bị mã hóa), **thành công** và **đã kiểm tra** (kiểm tra tổng kiểm
# — checksum — và thử khôi phục). Lượng dữ liệu mất là khoảng thời gian từ bản đó đến lúc sự
# cố. Mục tiêu điểm khôi phục (RPO) là lượng mất tối đa chấp nhận được: hai bản mỗi ngày cho
# RPO khoảng 12 giờ — **nếu** mọi bản đều dùng được.
#
# Danh mục ghi giờ UTC, còn sự cố được báo theo giờ Việt Nam: bản `2026-03-12T05:01:13Z` là
# 12:01 giờ Việt Nam, **sau** sự cố lúc 10:15, dù "05:01" trông nhỏ hơn "10:15".
#
# ### Bài tập 6 (3 điểm)
#
# Viết hàm `diem_khoi_phuc(danh_muc, su_co, rpo_gio)`: `danh_muc` có dạng như `DANH_MUC`;
# `su_co` là mốc có múi giờ. Trả về `dict` với `"thoi_diem"`: chuỗi `isoformat()` **giờ Việt
# Nam** của bản mới nhất hợp lệ (thành công, đã kiểm tra, trước hẳn `su_co`), `"mat_du_lieu_gio"`:
# số giờ (`float`) từ bản đó tới `su_co`, `"dat_rpo"`: `True` nếu số giờ đó không vượt `rpo_gio`.
# Không có bản hợp lệ nào thì trả về `{"thoi_diem": None, "mat_du_lieu_gio": None, "dat_rpo": False}`.


# %% nbgrader={"grade": false, "grade_id": "diem-khoi-phuc", "locked": false, "schema_version": 3, "solution": true}
def diem_khoi_phuc(danh_muc: pd.DataFrame, su_co: datetime, rpo_gio: float) -> dict[str, object]:
    """Bản sao lưu hợp lệ mới nhất trước sự cố, lượng dữ liệu mất và có đạt RPO không."""
    ### BEGIN SOLUTION
    hop_le = danh_muc[
        (danh_muc["trang_thai"] == "thanh-cong")
        & danh_muc["da_kiem_tra"]
        & (danh_muc["thoi_diem"] < su_co)
    ]
    if hop_le.empty:
        return {"thoi_diem": None, "mat_du_lieu_gio": None, "dat_rpo": False}
    moi_nhat = hop_le["thoi_diem"].max()
    gio_mat = float((pd.Timestamp(su_co) - moi_nhat).total_seconds() / 3600)
    return {
        "thoi_diem": moi_nhat.tz_convert(GIO_VN).isoformat(),
        "mat_du_lieu_gio": gio_mat,
        "dat_rpo": bool(gio_mat <= rpo_gio),
    }
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "diem-khoi-phuc-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_close, assert_equal

_kq = diem_khoi_phuc(DANH_MUC, datetime(2026, 3, 12, 10, 15, tzinfo=GIO_VN), 24)
assert_equal(
    _kq["thoi_diem"], "2026-03-11T02:01:11+07:00", what="điểm khôi phục cho sự cố 10:15 ngày 12/3"
)
assert_close(_kq["mat_du_lieu_gio"], 32 + 13 / 60 + 49 / 3600, what="số giờ dữ liệu bị mất")
assert_equal(_kq["dat_rpo"], False, what="đạt RPO 24 giờ")

# %% nbgrader={"grade": true, "grade_id": "diem-khoi-phuc-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: sự cố ở thời điểm khác, sự cố đúng lúc sao lưu, mốc theo UTC, không có bản hợp lệ.
from graders.asserts import assert_close, assert_equal

### BEGIN HIDDEN TESTS
_kq2 = diem_khoi_phuc(DANH_MUC, datetime(2026, 3, 10, 15, 0, tzinfo=GIO_VN), 12)
assert_equal(
    _kq2["thoi_diem"], "2026-03-10T12:01:18+07:00", what="điểm khôi phục cho sự cố 15:00 ngày 10/3"
)
assert_close(
    _kq2["mat_du_lieu_gio"], 2 + 58 / 60 + 42 / 3600, what="số giờ mất cho sự cố 15:00 ngày 10/3"
)
assert_equal(_kq2["dat_rpo"], True, what="đạt RPO 12 giờ")
_kq3 = diem_khoi_phuc(DANH_MUC, datetime(2026, 3, 10, 5, 1, 18, tzinfo=UTC), 12)
assert_equal(
    _kq3["thoi_diem"],
    "2026-03-10T02:00:36+07:00",
    what="điểm khôi phục khi sự cố trùng lúc sao lưu",
)
_kq4 = diem_khoi_phuc(DANH_MUC, datetime(2025, 12, 1, 1, 0, tzinfo=GIO_VN), 12)
assert_equal(
    _kq4,
    {"thoi_diem": None, "mat_du_lieu_gio": None, "dat_rpo": False},
    what="khi không có bản hợp lệ",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Quy tắc 3-2-1 (2 điểm)
#
# Quy tắc 3-2-1: ít nhất **3** bản dữ liệu (kể cả bản đang chạy), trên ít nhất **2** loại
# phương tiện lưu trữ khác nhau, trong đó ít nhất **1** bản ở ngoài cơ sở (khác tòa nhà, khác
# địa điểm). Ransomware thường mã hóa cả bản sao lưu trên NAS nối mạng thường trực, nên nhiều
# đơn vị còn thêm một bản ngoại tuyến (offline) hoặc bất biến (immutable).
#
# ### Bài tập 7 (2 điểm)
#
# Viết hàm `vi_pham_3_2_1(cac_ban)`: `cac_ban` là `list` các `dict` với `"phuong_tien"` (ví dụ
# `"o-dia"`, `"nas"`, `"bang-tu"`, `"dam-may"`) và `"ngoai_co_so"` (`bool`). Trả về `list` (sắp
# xếp) các mã vi phạm: `"it-hon-3-ban"`, `"it-hon-2-phuong-tien"`, `"khong-co-ban-ngoai-co-so"`.


# %% nbgrader={"grade": false, "grade_id": "vi-pham-3-2-1", "locked": false, "schema_version": 3, "solution": true}
def vi_pham_3_2_1(cac_ban: list[dict]) -> list[str]:
    """Các vi phạm quy tắc sao lưu 3-2-1."""
    ### BEGIN SOLUTION
    vi_pham = []
    if len(cac_ban) < 3:
        vi_pham.append("it-hon-3-ban")
    if len({b["phuong_tien"] for b in cac_ban}) < 2:
        vi_pham.append("it-hon-2-phuong-tien")
    if not any(b["ngoai_co_so"] for b in cac_ban):
        vi_pham.append("khong-co-ban-ngoai-co-so")
    return sorted(vi_pham)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "vi-pham-3-2-1-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_qlvb_hien_nay = [
    {"noi": "máy chủ qlvb-db01", "phuong_tien": "o-dia", "ngoai_co_so": False},
    {"noi": "NAS trung tâm dữ liệu", "phuong_tien": "nas", "ngoai_co_so": False},
]
check_cases(
    vi_pham_3_2_1,
    [((_qlvb_hien_nay,), ["it-hon-3-ban", "khong-co-ban-ngoai-co-so"])],
    what="các vi phạm 3-2-1",
)

# %% nbgrader={"grade": true, "grade_id": "vi-pham-3-2-1-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đủ 3-2-1, ba bản cùng phương tiện, bản ngoài cơ sở cùng loại, danh sách rỗng.
from graders.asserts import check_cases


### BEGIN HIDDEN TESTS
def _b(phuong_tien: str, ngoai: bool) -> dict:
    return {"noi": "-", "phuong_tien": phuong_tien, "ngoai_co_so": ngoai}


check_cases(
    vi_pham_3_2_1,
    [
        (([_b("o-dia", False), _b("nas", False), _b("bang-tu", True)],), []),
        (([_b("o-dia", False), _b("o-dia", False), _b("o-dia", True)],), ["it-hon-2-phuong-tien"]),
        (([_b("o-dia", False), _b("nas", True)],), ["it-hon-3-ban"]),
        (
            ([_b("nas", False), _b("nas", False), _b("nas", False), _b("nas", False)],),
            ["it-hon-2-phuong-tien", "khong-co-ban-ngoai-co-so"],
        ),
        (([],), ["it-hon-2-phuong-tien", "it-hon-3-ban", "khong-co-ban-ngoai-co-so"]),
    ],
    what="các vi phạm 3-2-1",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 8. Dung lượng đĩa (2 điểm)
#
# Máy chủ đầy đĩa là nguyên nhân hàng đầu của những lần sao lưu "loi" trong danh mục (bản
# 02:00 ngày 12/3 thất bại vì NAS hết chỗ). Lệnh `df -h` cho biết mỗi hệ thống tệp còn bao
# nhiêu chỗ; lệnh `du -b --max-depth=2 /` cho biết thư mục nào chiếm chỗ. `du` cộng dồn kích
# thước mọi tệp ở **mọi cấp con** của một thư mục, và **không đi theo liên kết mềm**: một liên
# kết tới tệp sao lưu 212 MiB không làm thư mục chứa nó nặng thêm 212 MiB.
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
# ### Bài tập 8 (2 điểm)
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
# ## Phần 9. Dịch vụ systemd: trạng thái (3 điểm)
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
# ### Bài tập 9 (3 điểm)
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
# ## Phần 10. Dịch vụ systemd: kiểm tra tệp unit (3 điểm)
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
# ### Bài tập 10 (3 điểm)
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
# ## Phần 11. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) việc quản trị máy chủ Linux và sao lưu ở đơn vị của
# anh/chị: ai có tài khoản quản trị, có dùng chung tài khoản `root` không, quyền của các tệp
# cấu hình chứa mật khẩu ra sao; các dịch vụ chạy bằng tài khoản nào và có được giám sát
# không; các hệ thống nào được sao lưu, theo lịch nào, giữ bao lâu, có bản ngoài cơ sở hay
# ngoại tuyến không; lần gần nhất **thử khôi phục** thật là khi nào và mất bao lâu. Nếu gặp sự cố như trong bài, RPO thực tế của đơn vị là bao nhiêu?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng cụ thể (tài khoản quản trị cá nhân, sudo, không dùng chung
# root; quyền 640/600 cho tệp bí mật), lịch và chính sách giữ bản sao lưu (GFS hoặc tương tự),
# mức độ đáp ứng 3-2-1 và bản ngoại tuyến, kết quả diễn tập khôi phục (thời gian, RPO/RTO đạt
# được) và kế hoạch cải thiện có ưu tiên.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Quyền Linux: ba nhóm `rwx` (4-2-1) cộng các bit setuid 4000, setgid 2000, sticky 1000; chữ
#   hoa `S`/`T` là bit đặc biệt không có `x`.
# - Nhân chỉ xét **một** nhóm bit: chủ sở hữu, rồi nhóm, rồi người khác; root đọc ghi mọi thứ,
#   chạy được khi có ít nhất một bit `x`.
# - Thành viên nhóm gồm cả người có nhóm đó là nhóm chính trong `/etc/passwd`.
# - Cron: 0 và 7 là Chủ nhật; ngày-trong-tháng và thứ-trong-tuần cùng giới hạn thì khớp một
#   trong hai là chạy; cron chạy theo giờ máy chủ.
# - GFS giữ bản mới nhất của mỗi ngày, tuần ISO, tháng (theo giờ địa phương) cho tới đủ số lượng.
# - Dung lượng thư mục: cộng dồn các tệp thường ở mọi cấp con, không đi theo liên kết mềm.
# - Điểm khôi phục: bản thành công, đã kiểm tra, trước sự cố — so sánh mốc có múi giờ; RPO chỉ
#   có ý nghĩa khi bản sao lưu dùng được. Áp dụng 3-2-1 và diễn tập khôi phục định kỳ.
# - systemd: `failed` là lỗi, `activating`/`auto-restart` là chết đi sống lại, `exited` hay
#   `waiting` vẫn là bình thường; dịch vụ bắt buộc phải `enabled` (không phải
#   `enabled-runtime`) và đang chạy; unit bị che có chủ ý không phải lỗi.
# - Tệp unit: mỗi khóa chỉ có nghĩa trong phần của nó; đặt `User=` (mặc định là root),
#   `Restart=on-failure` hoặc `always`, `WantedBy=multi-user.target`; `After=` chỉ sắp thứ
#   tự, muốn chờ mạng thì thêm `Wants=network-online.target`.
