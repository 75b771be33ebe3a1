# %% [markdown]
# # Bài 8. Sao lưu và khôi phục: lịch cron, giữ bản sao lưu, điểm khôi phục và quy tắc 3-2-1
#
# *Khóa Quản trị mạng và hệ thống — dành cho cán bộ công nghệ thông tin (CNTT).*
#
# **Điều kiện tiên quyết:** Bài 5 (pandas, thời gian có múi giờ); Bài 7 (máy chủ
# `qlvb-app01`, dòng lệnh Linux); đã sửa lịch chạy bằng `crontab -e`.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. tính các lần chạy tiếp theo của một lịch cron;
# 2. áp dụng chính sách giữ bản sao lưu ông – cha – con (grandfather-father-son, GFS);
# 3. chọn điểm khôi phục (restore point) hợp lệ trước một sự cố và kiểm tra mục tiêu điểm khôi
#    phục (recovery point objective, RPO);
# 4. kiểm tra quy tắc sao lưu 3-2-1.
#
# Mọi việc đều làm bằng Python trên dữ liệu được cung cấp; bài không thay đổi gì trên máy
# đang chạy notebook.
#
# **Cách làm bài.** Viết mã vào chỗ `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, rồi chạy ô kiểm tra ngay bên
# dưới; khi chấm, hệ thống chạy thêm các **kiểm thử ẩn**. Điểm ghi ở tiêu đề từng phần (tổng
# 14 điểm: 11 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi nộp,
# hãy chọn *Kernel → Restart & Run All*.
#
# **Kiểu dữ liệu.** Kiểm thử so sánh cả kiểu: pandas và numpy trả về `numpy.float64`,
# `numpy.int64`, `numpy.bool_`; hãy đổi sang kiểu của Python bằng `float(...)`, `int(...)`,
# `bool(...)` trước khi trả về.
#
# **Bối cảnh.** Máy chủ `qlvb-app01` ở Trung tâm dữ liệu tỉnh Sơn Hà (Bài 7) chạy hệ thống quản
# lý văn bản và điều hành (QLVB&ĐH); cơ sở dữ liệu được sao lưu hai lần mỗi ngày (02:00 và
# 12:00 giờ Việt Nam) lên thiết bị lưu trữ mạng (NAS). Sáng 12/3/2026, lúc 10:15, phát hiện mã
# độc tống tiền (ransomware) đã mã hóa dữ liệu. Danh mục các lần sao lưu nằm trong tệp
# `danh-muc-sao-luu.csv` (giờ UTC): mỗi dòng là một lần sao lưu với thời điểm, trạng thái
# (`thanh-cong` hoặc `loi`), đã thử khôi phục hay chưa (`co`/`khong`) và kích thước.

# %% nbgrader={"grade": false, "grade_id": "du-lieu-sao-luu", "locked": true, "schema_version": 3, "solution": false}
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd

GIO_VN = timezone(timedelta(hours=7), "ICT")  # Việt Nam không dùng giờ mùa hè

DANH_MUC = pd.read_csv("danh-muc-sao-luu.csv")
DANH_MUC["thoi_diem"] = pd.to_datetime(DANH_MUC["thoi_diem"], utc=True)
DANH_MUC["da_kiem_tra"] = DANH_MUC["da_kiem_tra"] == "co"
print(DANH_MUC.tail())

# %% [markdown]
# ## Phần 1. Lịch cron (3 điểm)
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
# Ví dụ: lịch sao lưu `0 2,12 * * *` chạy lúc 02:00 và 12:00 mỗi ngày. Ô dưới đây cho thấy
# hai cách đánh số thứ trong tuần, và lần sao lưu 12:00 giờ Việt Nam được ghi trong danh mục
# theo giờ UTC ra sao:

# %%
ngay_su_co = date(2026, 3, 12)
print(
    f"{ngay_su_co:%d/%m/%Y}: weekday() của Python = {ngay_su_co.weekday()},",
    f"thứ theo cron = {(ngay_su_co.weekday() + 1) % 7}",
)
print("12:00 giờ Việt Nam là", datetime(2026, 3, 12, 12, 0, tzinfo=GIO_VN).astimezone(UTC))

# %% [markdown]
# ### Bài tập 1 (3 điểm)
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
        return "Hãy làm Bài tập 1 (hàm lan_chay_tiep) trước khi dùng công cụ này."
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
# ## Phần 2. Giữ bản sao lưu theo kiểu ông – cha – con (3 điểm)
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
# là `2026-03-08T19:00:xxZ`; xếp nó vào ngày 08/3 (Chủ nhật, tuần ISO 10) là sai. Ô dưới đây
# in ngày và tuần ISO của các bản sao lưu quanh ranh giới tuần đó theo cả hai cách:

# %%
quanh_ranh_gioi = DANH_MUC["thoi_diem"].between(
    pd.Timestamp("2026-03-08T00:00Z"), pd.Timestamp("2026-03-09T12:00Z")
)
for moc in DANH_MUC.loc[quanh_ranh_gioi, "thoi_diem"]:
    moc_vn = moc.tz_convert(GIO_VN)
    print(
        f"UTC {moc:%d/%m %H:%M} (tuần {moc.isocalendar()[1]})",
        f"→ giờ Việt Nam {moc_vn:%d/%m %H:%M} (tuần {moc_vn.isocalendar()[1]})",
    )

# %% [markdown]
# ### Bài tập 2 (3 điểm)
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
# ## Phần 3. Điểm khôi phục và RPO (3 điểm)
#
# Khi khôi phục sau sự cố, chỉ được dùng bản sao lưu **trước** thời điểm sự cố (bản sau đó có
# thể đã chứa dữ liệu bị mã hóa), **thành công** và **đã kiểm tra** (kiểm tra tổng kiểm
# — checksum — và thử khôi phục). Lượng dữ liệu mất là khoảng thời gian từ bản đó đến lúc sự
# cố. Mục tiêu điểm khôi phục (RPO) là lượng mất tối đa chấp nhận được: hai bản mỗi ngày lúc
# 02:00 và 12:00 cho lượng mất tối đa 14 giờ (từ 12:00 tới 02:00 hôm sau) — **nếu** mọi bản
# đều dùng được. Bản 02:00 ngày 12/3 đã thất bại vì NAS hết chỗ.
#
# Danh mục ghi giờ UTC, còn sự cố được báo theo giờ Việt Nam: bản `2026-03-12T05:01:13Z` là
# 12:01 giờ Việt Nam, **sau** sự cố lúc 10:15, dù "05:01" trông nhỏ hơn "10:15". So sánh hai
# mốc có múi giờ thì Python và pandas tự đổi về cùng một thang thời gian:

# %%
su_co_vi_du = datetime(2026, 3, 12, 10, 15, tzinfo=GIO_VN)
ban_vi_du = pd.Timestamp("2026-03-12T05:01:13Z")
print(ban_vi_du.tz_convert(GIO_VN), "sau sự cố?", ban_vi_du > su_co_vi_du)
print(f"cách sự cố {(ban_vi_du - su_co_vi_du).total_seconds() / 3600:.2f} giờ")

# %% [markdown]
# ### Bài tập 3 (3 điểm)
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
# ## Phần 4. Quy tắc 3-2-1 (2 điểm)
#
# Quy tắc 3-2-1: ít nhất **3** bản dữ liệu (kể cả bản đang chạy), trên ít nhất **2** loại
# phương tiện lưu trữ khác nhau, trong đó ít nhất **1** bản ở ngoài cơ sở (khác tòa nhà, khác
# địa điểm). Ransomware thường mã hóa cả bản sao lưu trên NAS nối mạng thường trực, nên nhiều
# đơn vị còn thêm một bản ngoại tuyến (offline) hoặc bất biến (immutable).
#
# ### Bài tập 4 (2 điểm)
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
# ## Phần 5. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) việc sao lưu ở đơn vị của anh/chị: các hệ thống nào
# được sao lưu, theo lịch nào, giữ bao lâu, bao nhiêu bản, trên những phương tiện nào, có bản
# ngoài cơ sở hay ngoại tuyến không; ai được xóa bản sao lưu; lần gần nhất **thử khôi phục**
# thật là khi nào và mất bao lâu. Nếu gặp sự cố như trong bài, RPO thực tế của đơn vị là bao
# nhiêu, và anh/chị sẽ thay đổi điều gì trước tiên?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu hiện trạng cụ thể: lịch và chính sách giữ bản sao lưu (GFS hoặc tương
# tự), mức độ đáp ứng 3-2-1 và bản ngoại tuyến hoặc bất biến, quyền xóa bản sao lưu tách khỏi
# quyền quản trị máy chủ, kết quả diễn tập khôi phục (thời gian, RPO/RTO đạt được) tính từ bản
# đã kiểm tra, và kế hoạch cải thiện có ưu tiên.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Cron: 0 và 7 là Chủ nhật; ngày-trong-tháng và thứ-trong-tuần cùng giới hạn thì khớp một
#   trong hai là chạy; cron chạy theo giờ máy chủ.
# - GFS giữ bản mới nhất của mỗi ngày, tuần ISO, tháng (theo giờ địa phương) cho tới đủ số lượng.
# - Điểm khôi phục: bản thành công, đã kiểm tra, trước sự cố — so sánh mốc có múi giờ; RPO chỉ
#   có ý nghĩa khi bản sao lưu dùng được. Áp dụng 3-2-1 và diễn tập khôi phục định kỳ.
