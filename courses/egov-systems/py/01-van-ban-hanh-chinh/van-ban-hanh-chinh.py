# %% [markdown]
# # Bài 1. Văn bản hành chính: thể thức, sổ văn bản và thời hạn xử lý
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** không cần biết lập trình. Anh/chị chỉ cần biết chạy một ô
# (nhấn *Shift + Enter*) và sửa giá trị trong ô theo mẫu có sẵn. Nên có sẵn bản Nghị định
# 30/2020/NĐ-CP về công tác văn thư (gọi tắt là **NĐ 30**) để tra cứu khi cần.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. viết đúng chữ viết tắt tên loại văn bản hành chính theo Phụ lục III của NĐ 30, kể cả
#    chữ hoa, chữ thường (`QyĐ`, `TTr`, `CTr`, `TrS`);
# 2. viết đúng dòng địa danh, ngày tháng năm ban hành văn bản;
# 3. nhận ra số, ký hiệu văn bản viết sai thể thức;
# 4. tính hạn xử lý văn bản đến theo ngày làm việc, bỏ qua ngày nghỉ cuối tuần và ngày lễ;
# 5. dùng bảng tính `pandas` để lọc sổ văn bản đến và tìm các văn bản quá hạn;
# 6. lấy số tiếp theo cho văn bản đi từ sổ văn bản đi (số đánh lại từ 01 mỗi năm).
#
# **Cách làm bài.** Mỗi phần kết thúc bằng một bài tập. Anh/chị điền câu trả lời vào ô có
# dòng `# VIẾT MÃ CỦA BẠN Ở ĐÂY` (xóa dòng `raise NotImplementedError()` đi), rồi chạy ô
# kiểm tra ngay bên dưới. Ô kiểm tra công khai giúp anh/chị tự kiểm tra; khi chấm, hệ thống
# chạy thêm các **kiểm thử ẩn** với những dữ liệu khác. Điểm từng phần ghi ở tiêu đề phần
# (tổng 17 điểm: 14 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước khi
# nộp, hãy chọn *Kernel → Restart & Run All* để chắc chắn toàn bộ bài chạy được từ đầu.
#
# Dữ liệu trong bài là dữ liệu giả định của **tỉnh Sơn Hà**: sổ văn bản đến và sổ văn bản
# đi năm 2024 của Sở Nội vụ tỉnh.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
from datetime import date, timedelta

import pandas as pd

# Ngày nghỉ lễ, Tết năm 2024 dùng trong bài (ngoài thứ Bảy và Chủ nhật).
NGAY_NGHI_2024 = [
    date(2024, 1, 1),
    *[date(2024, 2, ngay) for ngay in range(8, 15)],  # Tết Nguyên đán: 08–14/02
    date(2024, 4, 18),  # Giỗ Tổ Hùng Vương
    date(2024, 4, 29),
    date(2024, 4, 30),
    date(2024, 5, 1),
    date(2024, 9, 2),
    date(2024, 9, 3),
]

# %% [markdown]
# ## Phần 1. Tên loại văn bản và chữ viết tắt (2 điểm)
#
# Phụ lục III của NĐ 30 quy định chữ viết tắt tên loại văn bản hành chính. Chữ viết tắt
# dùng trong **ký hiệu** văn bản, nên phải viết **đúng từng chữ hoa, chữ thường**: Quy định là
# `QyĐ` (để phân biệt với Quyết định `QĐ`), Tờ trình là `TTr`, Chương trình là `CTr` (khác
# Chỉ thị `CT`), Trích sao là `TrS`.
#
# | Tên loại | Viết tắt | Tên loại | Viết tắt | Tên loại | Viết tắt |
# |---|---|---|---|---|---|
# | Nghị quyết (cá biệt) | NQ | Kế hoạch | KH | Hợp đồng | HĐ |
# | Quyết định | QĐ | Phương án | PA | Công điện | CĐ |
# | Chỉ thị | CT | Đề án | ĐA | Bản ghi nhớ | BGN |
# | Quy chế | QC | Dự án | DA | Bản thỏa thuận | BTT |
# | Quy định | QyĐ | Báo cáo | BC | Giấy ủy quyền | GUQ |
# | Thông cáo | TC | Biên bản | BB | Giấy mời | GM |
# | Thông báo | TB | Tờ trình | TTr | Giấy giới thiệu | GGT |
# | Hướng dẫn | HD | Chương trình | CTr | Giấy nghỉ phép | GNP |
# | Phiếu gửi | PG | Phiếu chuyển | PC | Phiếu báo | PB |
#
# Bản sao văn bản cũng có chữ viết tắt: Sao y `SY`, Trích sao `TrS`, Sao lục `SL`. **Công văn**
# và **thư công** không có chữ viết tắt: ký hiệu công văn gồm chữ viết tắt tên cơ quan và tên
# đơn vị soạn thảo, ví dụ `118/UBND-VP`.
#
# Trong Python, một **từ điển** (`dict`) ghép mỗi *khóa* với một *giá trị*. Ví dụ:

# %%
vi_du_ky_hieu = {"Quyết định": "QĐ", "Kế hoạch": "KH"}
vi_du_ky_hieu["Báo cáo"] = "BC"  # thêm một dòng vào từ điển
print(vi_du_ky_hieu)
print("Kế hoạch viết tắt là", vi_du_ky_hieu["Kế hoạch"])

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Điền chữ viết tắt của tám loại văn bản dưới đây vào từ điển `KY_HIEU`, đúng chữ hoa,
# chữ thường như Phụ lục III. Hãy chép các dòng mẫu bên dưới vào ô trả lời, bỏ dấu `#` ở
# đầu dòng và thay `"..."` bằng chữ viết tắt.

# %% nbgrader={"grade": false, "grade_id": "ky-hieu", "locked": false, "schema_version": 3, "solution": true}
KY_HIEU = {}
# KY_HIEU["Quy định"] = "..."
# KY_HIEU["Quyết định"] = "..."
# KY_HIEU["Tờ trình"] = "..."
# KY_HIEU["Chương trình"] = "..."
# KY_HIEU["Chỉ thị"] = "..."
# KY_HIEU["Trích sao"] = "..."
# KY_HIEU["Đề án"] = "..."
# KY_HIEU["Dự án"] = "..."
### BEGIN SOLUTION
KY_HIEU["Quy định"] = "QyĐ"
KY_HIEU["Quyết định"] = "QĐ"
KY_HIEU["Tờ trình"] = "TTr"
KY_HIEU["Chương trình"] = "CTr"
KY_HIEU["Chỉ thị"] = "CT"
KY_HIEU["Trích sao"] = "TrS"
KY_HIEU["Đề án"] = "ĐA"
KY_HIEU["Dự án"] = "DA"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "ky-hieu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(KY_HIEU, dict, what="KY_HIEU")
assert_equal(
    sorted(KY_HIEU),
    sorted(
        [
            "Quy định",
            "Quyết định",
            "Tờ trình",
            "Chương trình",
            "Chỉ thị",
            "Trích sao",
            "Đề án",
            "Dự án",
        ]
    ),
    what="danh sách tên loại trong KY_HIEU",
)
for ten_loai, viet_tat in KY_HIEU.items():
    assert_type(viet_tat, str, what=f"chữ viết tắt của {ten_loai}")
assert_equal(KY_HIEU["Quyết định"], "QĐ", what="chữ viết tắt của Quyết định")

# %% nbgrader={"grade": true, "grade_id": "ky-hieu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: từng chữ viết tắt, đúng chữ hoa, chữ thường.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
for _ten, _dung in [
    ("Quy định", "QyĐ"),
    ("Tờ trình", "TTr"),
    ("Chương trình", "CTr"),
    ("Chỉ thị", "CT"),
    ("Trích sao", "TrS"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
]:
    assert_equal(KY_HIEU[_ten], _dung, what=f"chữ viết tắt của {_ten}")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Dòng địa danh, ngày tháng năm (2 điểm)
#
# Theo Phụ lục I của NĐ 30, dòng ngày tháng có dạng
# `<Địa danh>, ngày DD tháng M năm YYYY`. Ngày nhỏ hơn 10 và **tháng 1, tháng 2** viết thêm
# số 0 ở trước; các tháng từ 3 đến 12 **không** thêm số 0. Ví dụ:
#
# - `Sơn Hà, ngày 03 tháng 5 năm 2015` (không viết `ngày 3`, không viết `tháng 05`);
# - `Sơn Hà, ngày 15 tháng 02 năm 2024`;
# - `Sơn Hà, ngày 01 tháng 10 năm 2024`.
#
# Python ghép chuỗi bằng **f-string**: `f"ngày {so:02d}"` viết số `so` với ít nhất hai chữ số
# (thêm 0 ở trước nếu cần), còn `f"tháng {so}"` viết số như bình thường. Một ngày được biểu
# diễn bằng `date(năm, tháng, ngày)`, với các phần `.day`, `.month`, `.year`:

# %%
hom_nay = date(2024, 3, 7)
print(f"ngày {hom_nay.day:02d}, ngày {hom_nay.day}, tháng {hom_nay.month}, năm {hom_nay.year}")

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `dong_ngay_thang(dia_danh, ngay)` trả về dòng địa danh, ngày tháng năm đúng thể
# thức. Ví dụ `dong_ngay_thang("Sơn Hà", date(2015, 5, 3))` trả về
# `"Sơn Hà, ngày 03 tháng 5 năm 2015"`. Gợi ý: dùng `if ngay.month <= 2:` để chọn cách viết
# tháng.


# %% nbgrader={"grade": false, "grade_id": "dong-ngay-thang", "locked": false, "schema_version": 3, "solution": true}
def dong_ngay_thang(dia_danh: str, ngay: date) -> str:
    """Dòng địa danh, ngày tháng năm theo thể thức của NĐ 30."""
    ### BEGIN SOLUTION
    thang = str(ngay.month)
    if ngay.month <= 2:
        thang = "0" + thang
    return f"{dia_danh}, ngày {ngay.day:02d} tháng {thang} năm {ngay.year}"
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "dong-ngay-thang-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    dong_ngay_thang,
    [
        (("Sơn Hà", date(2015, 5, 3)), "Sơn Hà, ngày 03 tháng 5 năm 2015"),
        (("Sơn Hà", date(2024, 2, 15)), "Sơn Hà, ngày 15 tháng 02 năm 2024"),
    ],
    what="dòng ngày tháng",
)

# %% nbgrader={"grade": true, "grade_id": "dong-ngay-thang-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tháng 1, tháng 10–12, ngày có hai chữ số, địa danh khác.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    dong_ngay_thang,
    [
        (("Tân Lập", date(2024, 1, 9)), "Tân Lập, ngày 09 tháng 01 năm 2024"),
        (("Sơn Hà", date(2024, 10, 1)), "Sơn Hà, ngày 01 tháng 10 năm 2024"),
        (("Sơn Hà", date(2023, 12, 31)), "Sơn Hà, ngày 31 tháng 12 năm 2023"),
        (("Yên Hòa", date(2024, 3, 10)), "Yên Hòa, ngày 10 tháng 3 năm 2024"),
        (("Sơn Hà", date(2020, 2, 29)), "Sơn Hà, ngày 29 tháng 02 năm 2020"),
    ],
    what="dòng ngày tháng",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Số, ký hiệu văn bản (2 điểm)
#
# Số của văn bản đánh liên tục trong năm, bắt đầu từ 01 (số nhỏ hơn 10 viết thêm 0 ở
# trước), tiếp theo là dấu `/` và ký hiệu; các nhóm chữ trong ký hiệu nối bằng dấu `-`,
# **không có dấu cách**. Một số dạng đúng:
#
# | Dạng | Ví dụ |
# |---|---|
# | Văn bản có tên loại: số/chữ viết tắt tên loại-cơ quan | `15/QĐ-UBND`, `07/QyĐ-UBND` |
# | Công văn: số/cơ quan-đơn vị soạn thảo | `118/UBND-VP` |
# | Văn bản quy phạm pháp luật: có thêm năm ban hành | `25/2024/QĐ-UBND` |
#
# Văn bản cũ trong kho lưu trữ có thể theo thể thức trước đây (ví dụ `01/1999/QĐ.UB`), nhưng
# văn bản **ban hành từ nay** phải theo NĐ 30. Ô dưới đây tách một số, ký hiệu thành các phần
# và tra chữ viết tắt đầu tiên trong từ điển `KY_HIEU` của anh/chị (chạy lại sau khi làm
# Bài tập 1).


# %%
def mo_ta_so_ky_hieu(so_ky_hieu: str) -> str:
    """Tách số, ký hiệu và đoán tên loại văn bản từ nhóm chữ đầu tiên của ký hiệu."""
    if "/" not in so_ky_hieu:
        return "Thiếu dấu «/» giữa số và ký hiệu."
    phan = so_ky_hieu.split("/")
    nhom = phan[-1].split("-")
    tra_nguoc = {viet_tat: ten for ten, viet_tat in globals().get("KY_HIEU", {}).items()}
    loai = tra_nguoc.get(nhom[0], "Công văn hoặc loại chưa có trong KY_HIEU")
    return f"Số: {phan[0]} | các nhóm ký hiệu: {nhom} | loại: {loai}"


for vi_du in ["15/QĐ-UBND", "07/QyĐ-UBND", "118/UBND-VP", "25/2024/QĐ-UBND"]:
    print(vi_du, "→", mo_ta_so_ky_hieu(vi_du))

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Văn thư Sở Nội vụ nhận được các dự thảo dưới đây. Với mỗi số, ký hiệu, điền `True` nếu viết
# **đúng** thể thức của NĐ 30 cho văn bản ban hành năm 2024, `False` nếu **sai** (sai chữ hoa,
# chữ thường; thiếu số 0; có dấu cách; dùng dấu chấm thay dấu gạch nối...). Chỉ thay `...`
# bằng `True` hoặc `False`.

# %% nbgrader={"grade": false, "grade_id": "dung-the-thuc", "locked": false, "schema_version": 3, "solution": true}
DUNG_THE_THUC = {}
# DUNG_THE_THUC["15/QĐ-UBND"] = ...
# DUNG_THE_THUC["5/QĐ-UBND"] = ...
# DUNG_THE_THUC["07/QYĐ-UBND"] = ...
# DUNG_THE_THUC["03/TTr-SNV"] = ...
# DUNG_THE_THUC["12/TTR-SNV"] = ...
# DUNG_THE_THUC["25/2024/QĐ-UBND"] = ...
# DUNG_THE_THUC["118/UBND-VP"] = ...
# DUNG_THE_THUC["09 /KH-UBND"] = ...
# DUNG_THE_THUC["02/CTr-UBND"] = ...
# DUNG_THE_THUC["04/QĐ.UBND"] = ...
### BEGIN SOLUTION
DUNG_THE_THUC["15/QĐ-UBND"] = True
DUNG_THE_THUC["5/QĐ-UBND"] = False
DUNG_THE_THUC["07/QYĐ-UBND"] = False
DUNG_THE_THUC["03/TTr-SNV"] = True
DUNG_THE_THUC["12/TTR-SNV"] = False
DUNG_THE_THUC["25/2024/QĐ-UBND"] = True
DUNG_THE_THUC["118/UBND-VP"] = True
DUNG_THE_THUC["09 /KH-UBND"] = False
DUNG_THE_THUC["02/CTr-UBND"] = True
DUNG_THE_THUC["04/QĐ.UBND"] = False
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "dung-the-thuc-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(DUNG_THE_THUC, dict, what="DUNG_THE_THUC")
assert_equal(
    sorted(DUNG_THE_THUC),
    sorted(
        [
            "15/QĐ-UBND",
            "5/QĐ-UBND",
            "07/QYĐ-UBND",
            "03/TTr-SNV",
            "12/TTR-SNV",
            "25/2024/QĐ-UBND",
            "118/UBND-VP",
            "09 /KH-UBND",
            "02/CTr-UBND",
            "04/QĐ.UBND",
        ]
    ),
    what="danh sách số, ký hiệu trong DUNG_THE_THUC",
)
for so_ky_hieu, nhan_xet in DUNG_THE_THUC.items():
    assert_type(nhan_xet, bool, what=f"nhận xét về {so_ky_hieu} (True hoặc False)")
assert_equal(DUNG_THE_THUC["15/QĐ-UBND"], True, what="nhận xét về 15/QĐ-UBND")

# %% nbgrader={"grade": true, "grade_id": "dung-the-thuc-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: nhận xét về từng số, ký hiệu.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
# Khóa và giá trị để riêng, để bài làm của học viên không trùng dòng nào của kiểm thử ẩn.
_so_ky_hieu = [
    "15/QĐ-UBND",
    "5/QĐ-UBND",
    "07/QYĐ-UBND",
    "03/TTr-SNV",
    "12/TTR-SNV",
    "25/2024/QĐ-UBND",
    "118/UBND-VP",
    "09 /KH-UBND",
    "02/CTr-UBND",
    "04/QĐ.UBND",
]
_dung = {"03/TTr-SNV", "02/CTr-UBND", "118/UBND-VP", "15/QĐ-UBND", "25/2024/QĐ-UBND"}
assert_equal(
    DUNG_THE_THUC,
    {ma: ma in _dung for ma in _so_ky_hieu},
    what="các nhận xét về thể thức số, ký hiệu",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Hạn xử lý văn bản đến (3 điểm)
#
# NĐ 30 yêu cầu văn bản đến phải được đăng ký và trình người có thẩm quyền trong ngày, chậm
# nhất là trong ngày làm việc tiếp theo; người có thẩm quyền giao đơn vị xử lý và thời hạn
# giải quyết. Quy chế làm việc của Sở Nội vụ tỉnh Sơn Hà tính thời hạn theo **ngày làm việc**:
#
# - ngày thứ nhất là **ngày làm việc tiếp theo** sau ngày nhận (không tính chính ngày nhận);
# - không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết (danh sách `NGAY_NGHI_2024` ở đầu bài).
#
# Ví dụ: văn bản nhận thứ Sáu 08/03/2024, hạn 3 ngày làm việc: ngày thứ nhất là thứ Hai
# 11/03, ngày thứ hai là thứ Ba 12/03, ngày thứ ba là thứ Tư 13/03 — hạn xử lý là 13/03/2024.
#
# Trong Python, `ngay + timedelta(days=1)` là ngày hôm sau, và `ngay.weekday()` cho biết thứ
# trong tuần: 0 là thứ Hai, …, 4 là thứ Sáu, 5 là thứ Bảy, 6 là Chủ nhật.

# %%
ngay = date(2024, 3, 8)
for _ in range(4):
    print(ngay, "weekday =", ngay.weekday(), "ngày nghỉ lễ" if ngay in NGAY_NGHI_2024 else "")
    ngay = ngay + timedelta(days=1)

# %% [markdown]
# ### Bài tập 4 (3 điểm)
#
# Hoàn thành hàm `han_xu_ly(ngay_nhan, so_ngay, ngay_nghi)`: trả về ngày hết hạn (kiểu
# `date`) khi được giao `so_ngay` ngày làm việc (từ 1 trở lên), với `ngay_nghi` là danh sách
# ngày nghỉ lễ. Khung hàm đã có vòng lặp đi từng ngày một; anh/chị chỉ cần viết phần
# **quyết định ngày đó có được tính hay không** (nếu là ngày làm việc thì giảm `con_lai`
# đi 1).


# %% nbgrader={"grade": false, "grade_id": "han-xu-ly", "locked": false, "schema_version": 3, "solution": true}
def han_xu_ly(ngay_nhan: date, so_ngay: int, ngay_nghi: list[date] | tuple[date, ...] = ()) -> date:
    """Ngày làm việc thứ so_ngay sau ngày nhận, bỏ qua cuối tuần và ngày nghỉ lễ."""
    ngay = ngay_nhan
    con_lai = so_ngay
    while con_lai > 0:
        ngay = ngay + timedelta(days=1)
        ### BEGIN SOLUTION
        if ngay.weekday() < 5 and ngay not in ngay_nghi:
            con_lai = con_lai - 1
        ### END SOLUTION
    return ngay


# %% nbgrader={"grade": true, "grade_id": "han-xu-ly-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    han_xu_ly,
    [
        ((date(2024, 3, 8), 3, NGAY_NGHI_2024), date(2024, 3, 13)),
        ((date(2024, 3, 4), 5, NGAY_NGHI_2024), date(2024, 3, 11)),
    ],
    what="hạn xử lý",
)

# %% nbgrader={"grade": true, "grade_id": "han-xu-ly-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: Tết, dịp 30/4–1/5, nhận vào thứ Bảy, sang năm mới, không có ngày lễ.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    han_xu_ly,
    [
        ((date(2024, 2, 7), 2, NGAY_NGHI_2024), date(2024, 2, 16)),
        ((date(2024, 4, 26), 2, NGAY_NGHI_2024), date(2024, 5, 3)),
        ((date(2024, 4, 17), 1, NGAY_NGHI_2024), date(2024, 4, 19)),
        ((date(2024, 3, 9), 1, NGAY_NGHI_2024), date(2024, 3, 11)),
        ((date(2024, 4, 29), 1, []), date(2024, 4, 30)),
        ((date(2024, 12, 31), 1, [date(2025, 1, 1)]), date(2025, 1, 2)),
        ((date(2024, 3, 1), 10, NGAY_NGHI_2024), date(2024, 3, 15)),
    ],
    what="hạn xử lý",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Máy tính hạn xử lý
#
# Chọn ngày nhận văn bản và số ngày làm việc được giao; ô dưới đây dùng chính hàm
# `han_xu_ly` của anh/chị và lịch nghỉ `NGAY_NGHI_2024`. Phần tính toán nằm trong hàm thường
# `mo_ta_han`, giao diện chỉ gọi lại hàm đó.

# %%
import ipywidgets as widgets
from IPython.display import display


def mo_ta_han(ngay_nhan: date | None, so_ngay: int) -> str:
    """Câu trả lời của máy tính hạn xử lý, hoặc lời nhắc khi chưa tính được."""
    if ngay_nhan is None:
        return "Hãy chọn ngày nhận văn bản."
    try:
        han = han_xu_ly(ngay_nhan, so_ngay, NGAY_NGHI_2024)
    except NotImplementedError:
        return "Hãy làm Bài tập 4 (hàm han_xu_ly) trước."
    except Exception as loi:
        return f"Hàm han_xu_ly báo lỗi {type(loi).__name__}: {loi}"
    return f"Hạn xử lý: {han:%d/%m/%Y} ({so_ngay} ngày làm việc sau {ngay_nhan:%d/%m/%Y})."


o_ngay = widgets.DatePicker(value=date(2024, 3, 8), description="Ngày nhận:")
o_so_ngay = widgets.BoundedIntText(value=3, min=1, max=60, description="Số ngày:")
o_han = widgets.Label()


def cap_nhat_han(_thay_doi: object = None) -> None:
    o_han.value = mo_ta_han(o_ngay.value, o_so_ngay.value)


o_ngay.observe(cap_nhat_han, names="value")
o_so_ngay.observe(cap_nhat_han, names="value")
cap_nhat_han()
display(widgets.VBox([o_ngay, o_so_ngay, o_han]))

# %% [markdown]
# ## Phần 5. Sổ văn bản đến và văn bản quá hạn (3 điểm)
#
# Phụ lục IV của NĐ 30 quy định mẫu sổ đăng ký văn bản đến, văn bản đi. Khi đăng ký trên hệ
# thống quản lý văn bản và điều hành (QLVB&ĐH), sổ có thể xuất ra bảng tính. Tệp
# `data/so-van-ban-den-2024.csv` là một phần sổ văn bản đến của Sở Nội vụ tỉnh Sơn Hà. Ngày
# được ghi theo kiểu Việt Nam, `ngày/tháng/năm`; ô `han_xu_ly` để trống là văn bản không
# giao hạn, ô `ngay_hoan_thanh` để trống là văn bản chưa giải quyết xong.


# %%
def doc_so(duong_dan: str) -> pd.DataFrame:
    """Đọc sổ văn bản đến: mọi cột là chuỗi (ô trống là NaN), riêng số đến là số nguyên."""
    return pd.read_csv(duong_dan, dtype=str).astype({"so_den": int})


SO_DEN = doc_so("data/so-van-ban-den-2024.csv")
SO_DEN[["so_den", "ngay_den", "so_ky_hieu", "don_vi_xu_ly", "han_xu_ly", "ngay_hoan_thanh"]]

# %% [markdown]
# **Cẩn thận khi so sánh ngày viết dạng chuỗi.** Máy so sánh chuỗi từng ký tự từ trái sang
# phải, nên chuỗi `"29/03/2024"` *lớn hơn* `"03/04/2024"` (vì `2` > `0`), dù ngày 29/3 đến
# trước ngày 3/4. Phải đổi chuỗi thành ngày trước khi so sánh, bằng `pd.to_datetime` với
# định dạng `"%d/%m/%Y"`; ô trống trở thành `NaT` (*not a time*), và mọi phép so sánh với
# `NaT` đều cho `False`.

# %%
chuoi_a, chuoi_b = "29/03/2024", "03/04/2024"
print("So sánh chuỗi:", chuoi_a > chuoi_b)
han = pd.to_datetime(SO_DEN["han_xu_ly"], format="%d/%m/%Y")
print("So sánh ngày:", pd.Timestamp(2024, 3, 29) > pd.Timestamp(2024, 4, 3))
# Các văn bản có hạn trước ngày 20/03/2024:
SO_DEN[han < pd.Timestamp(2024, 3, 20)][["so_den", "trich_yeu", "han_xu_ly"]]

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `van_ban_qua_han(so, ngay_xet)` trả về danh sách (`list`) số đến (kiểu `int`) của
# các văn bản **quá hạn** tính đến ngày `ngay_xet` (kiểu `date`), sắp xếp tăng dần. Một văn
# bản quá hạn khi có hạn xử lý và:
#
# - đã giải quyết xong, nhưng **sau** hạn xử lý; hoặc
# - chưa giải quyết xong, và ngày xét đã **qua** hạn xử lý.
#
# Văn bản giải quyết xong đúng vào ngày hết hạn, hoặc chưa xong nhưng hôm nay mới là ngày
# hết hạn, thì **chưa** quá hạn. Gợi ý: đổi hai cột ngày bằng `pd.to_datetime`, đổi
# `ngay_xet` bằng `pd.Timestamp(ngay_xet)`; `cot.fillna(gia_tri)` thay các ô trống của một
# cột bằng `gia_tri`; `sorted(int(x) for x in ...)` cho danh sách số nguyên đã sắp xếp.


# %% nbgrader={"grade": false, "grade_id": "van-ban-qua-han", "locked": false, "schema_version": 3, "solution": true}
def van_ban_qua_han(so: pd.DataFrame, ngay_xet: date) -> list[int]:
    """Số đến của các văn bản quá hạn tính đến ngày ngay_xet, tăng dần."""
    ### BEGIN SOLUTION
    han_cuoi = pd.to_datetime(so["han_xu_ly"], format="%d/%m/%Y")
    ngay_xong = pd.to_datetime(so["ngay_hoan_thanh"], format="%d/%m/%Y")
    moc_so_sanh = ngay_xong.fillna(pd.Timestamp(ngay_xet))
    qua_han = moc_so_sanh > han_cuoi
    return sorted(int(x) for x in so.loc[qua_han, "so_den"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "van-ban-qua-han-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    van_ban_qua_han,
    [((SO_DEN, date(2024, 4, 1)), [102, 104, 107, 110, 114])],
    what="các văn bản quá hạn",
)

# %% nbgrader={"grade": true, "grade_id": "van-ban-qua-han-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: ngày xét khác, đúng ngày hết hạn, ngày dạng chuỗi dễ so sánh nhầm, sổ khác.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_so_khac = pd.DataFrame(
    {
        "so_den": [1, 2, 3, 4, 5, 6, 7, 8],
        "han_xu_ly": [
            "10/01/2025",
            "09/12/2024",
            "31/12/2024",
            None,
            "02/01/2025",
            "15/12/2024",
            "28/12/2024",
            "03/01/2025",
        ],
        "ngay_hoan_thanh": [
            None,
            "10/12/2024",
            "30/12/2024",
            None,
            None,
            "15/12/2024",
            "05/01/2025",
            "29/12/2024",
        ],
    }
)
check_cases(
    van_ban_qua_han,
    [
        ((SO_DEN, date(2024, 4, 2)), [102, 104, 107, 110, 114, 115]),
        ((SO_DEN, date(2024, 4, 9)), [102, 104, 107, 110, 111, 112, 114, 115, 116]),
        ((_so_khac, date(2025, 1, 10)), [2, 5, 7]),
        ((_so_khac, date(2025, 1, 13)), [1, 2, 5, 7]),
        ((_so_khac.iloc[[3, 5]], date(2030, 1, 1)), []),
    ],
    what="các văn bản quá hạn",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Sổ văn bản đi: lấy số cho văn bản mới (2 điểm)
#
# Theo NĐ 30, số của văn bản là số thứ tự văn bản cơ quan ban hành **trong một năm**, đăng ký
# tại Văn thư cơ quan: bắt đầu từ số 01 ngày 01 tháng 01 và kết thúc ngày 31 tháng 12. Sở
# Nội vụ tỉnh Sơn Hà dùng một dãy số chung cho mọi văn bản hành chính. Tệp
# `data/so-van-ban-di-2024.csv` là các dòng đầu và cuối của sổ văn bản đi (cả những văn bản
# cuối năm 2023). Cột `so` được đọc dưới dạng **chuỗi**, như người ta viết: `"01"`, `"99"`,
# `"100"`.

# %%
SO_DI = pd.read_csv("data/so-van-ban-di-2024.csv", dtype=str)
print("Số lớn nhất nếu so sánh chuỗi:", SO_DI["so"].max())
print("Số lớn nhất nếu đổi sang số:", SO_DI["so"].astype(int).max())
SO_DI

# %% [markdown]
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `so_tiep_theo(so_di, ngay)` trả về số (dạng chuỗi, có số 0 ở trước nếu nhỏ hơn
# 10) cho văn bản đi ban hành ngày `ngay`: lớn hơn 1 so với số lớn nhất đã cấp **trong cùng
# năm** với `ngay`; nếu năm đó chưa có văn bản nào thì là `"01"`. Gợi ý: năm của một cột ngày
# là `pd.to_datetime(cot, format="%d/%m/%Y").dt.year`; đổi cột số bằng `.astype(int)`.


# %% nbgrader={"grade": false, "grade_id": "so-tiep-theo", "locked": false, "schema_version": 3, "solution": true}
def so_tiep_theo(so_di: pd.DataFrame, ngay: date) -> str:
    """Số cho văn bản đi tiếp theo trong năm của ngày ngay."""
    ### BEGIN SOLUTION
    nam = pd.to_datetime(so_di["ngay_ban_hanh"], format="%d/%m/%Y").dt.year
    cung_nam = so_di.loc[nam == ngay.year, "so"].astype(int)
    so_moi = int(cung_nam.max()) + 1 if len(cung_nam) else 1
    return f"{so_moi:02d}"
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "so-tiep-theo-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(so_tiep_theo, [((SO_DI, date(2024, 4, 2)), "102")], what="số tiếp theo")

# %% nbgrader={"grade": true, "grade_id": "so-tiep-theo-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: cuối năm trước, năm mới chưa có số, số nhỏ hơn 10, sổ khác.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_so_di_khac = pd.DataFrame(
    {
        "so": ["07", "08", "09", "10", "9"],
        "ngay_ban_hanh": ["10/01/2025", "13/01/2025", "14/01/2025", "30/12/2024", "15/01/2026"],
    }
)
_so_di_tram = pd.DataFrame({"so": ["99", "100", "101", "102"], "ngay_ban_hanh": ["02/04/2024"] * 4})
check_cases(
    so_tiep_theo,
    [
        ((SO_DI, date(2023, 12, 30)), "313"),
        ((SO_DI, date(2025, 1, 2)), "01"),
        ((_so_di_khac, date(2025, 1, 15)), "10"),
        ((_so_di_khac.iloc[[0, 1]], date(2025, 1, 15)), "09"),
        ((_so_di_khac, date(2024, 12, 31)), "11"),
        ((_so_di_khac, date(2026, 2, 1)), "10"),
        ((_so_di_tram, date(2024, 4, 3)), "103"),
    ],
    what="số tiếp theo",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách cơ quan, đơn vị của anh/chị đang đăng ký văn
# bản đến và theo dõi thời hạn giải quyết: sổ giấy hay trên hệ thống QLVB&ĐH, ai giao hạn,
# ai nhắc hạn, văn bản quá hạn được báo cáo thế nào. Anh/chị đã gặp lỗi thể thức nào (số, ký
# hiệu, dòng ngày tháng, chữ viết tắt) trong văn bản đến hoặc văn bản đi? Đề xuất một thay
# đổi cụ thể để giảm văn bản quá hạn.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt mô tả được quy trình thật (nơi đăng ký, người giao hạn, cách nhắc hạn),
# nêu ví dụ lỗi thể thức đã gặp (viết `QĐ` cho Quy định, thiếu số 0, sai dòng ngày tháng)
# và đề xuất một thay đổi khả thi, ví dụ bật cảnh báo hạn trên hệ thống QLVB&ĐH, báo cáo
# văn bản quá hạn hằng tuần, thống nhất cách tính ngày làm việc.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Chữ viết tắt tên loại văn bản theo Phụ lục III của NĐ 30 phải đúng từng chữ hoa, chữ
#   thường: `QĐ` là Quyết định, `QyĐ` là Quy định, `CT` là Chỉ thị, `CTr` là Chương trình,
#   `TTr` là Tờ trình, `TrS` là Trích sao; công văn không có chữ viết tắt.
# - Dòng ngày tháng: ngày nhỏ hơn 10 và tháng 1, 2 thêm số 0 ở trước
#   (`ngày 03 tháng 5`, `ngày 15 tháng 02`).
# - Số văn bản bắt đầu từ 01 mỗi năm; số, ký hiệu không có dấu cách, các nhóm nối bằng `-`;
#   văn bản quy phạm pháp luật có thêm năm (`25/2024/QĐ-UBND`).
# - Hạn tính theo ngày làm việc bắt đầu từ ngày làm việc tiếp theo sau ngày nhận; bỏ qua
#   cuối tuần và ngày lễ.
# - Đổi ngày dạng chuỗi thành ngày thật trước khi so sánh; văn bản xong đúng ngày hết hạn
#   chưa phải là quá hạn.
# - Số văn bản đi đánh lại từ 01 mỗi năm: lấy số lớn nhất **trong năm**, so sánh dạng số
#   (dạng chuỗi thì `"99"` lớn hơn `"100"`).
