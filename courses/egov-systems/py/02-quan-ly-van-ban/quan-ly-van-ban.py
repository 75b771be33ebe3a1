# %% [markdown]
# # Bài 2. Quản lý văn bản và điều hành: quy trình, dữ liệu đầu vào, tìm kiếm
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** Bài 1 (chạy ô, điền từ điển, đọc sổ văn bản bằng `pandas`).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. xếp các việc hằng ngày của văn thư, lãnh đạo, chuyên viên vào đúng bước của quy trình
#    quản lý văn bản đến theo Nghị định 30/2020/NĐ-CP (NĐ 30);
# 2. nhập đúng các trường thông tin đầu vào của văn bản theo Phụ lục VI của NĐ 30;
# 3. tìm văn bản không phân biệt chữ hoa, chữ thường, có dấu hay không dấu (kể cả chữ `đ`);
# 4. chuẩn hóa số, ký hiệu và cảnh báo văn bản bị đăng ký trùng;
# 5. thống kê văn bản tồn đọng theo đơn vị xử lý từ sổ trên hệ thống QLVB&ĐH.
#
# **Cách làm bài.** Như Bài 1: điền câu trả lời vào ô có dòng `# VIẾT MÃ CỦA BẠN Ở ĐÂY`
# (xóa dòng `raise NotImplementedError()`), chạy ô kiểm tra ngay bên dưới; khi chấm, hệ thống
# chạy thêm kiểm thử ẩn. Tổng 17 điểm: 14 điểm chấm tự động, 3 điểm câu suy ngẫm.
#
# Dữ liệu: sổ văn bản đến quý I/2024 của Sở Nội vụ tỉnh Sơn Hà (giả định), xuất từ hệ thống
# quản lý văn bản và điều hành (QLVB&ĐH) dùng chung của tỉnh.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import unicodedata

import pandas as pd

SO = pd.read_csv("data/van-ban-den-quy-1-2024.csv", dtype=str).astype({"so_den": int})
SO.head()

# %% [markdown]
# ## Phần 1. Quy trình xử lý văn bản đến (2 điểm)
#
# NĐ 30 quy định trình tự quản lý văn bản đến gồm bốn bước:
#
# 1. **Tiếp nhận** văn bản đến: với văn bản giấy, kiểm tra số lượng, tình trạng bì, dấu niêm
#    phong; với văn bản điện tử (nhận qua hệ thống, trục liên thông), kiểm tra tính xác thực
#    về nguồn gốc, nơi gửi và sự toàn vẹn của văn bản.
# 2. **Đăng ký** văn bản đến: ghi số đến, ngày đến và các thông tin của văn bản vào sổ hoặc
#    hệ thống (văn bản đến phải được đăng ký, không được để ngoài sổ).
# 3. **Trình, chuyển giao** văn bản đến: trình người có thẩm quyền cho ý kiến phân công, rồi
#    chuyển tới đơn vị, cá nhân được giao giải quyết.
# 4. **Giải quyết và theo dõi, đôn đốc** việc giải quyết văn bản đến.
#
# Trên hệ thống QLVB&ĐH của tỉnh, mỗi văn bản đến có một **trạng thái** phản ánh bước đang
# làm: `Chờ phân công` (đã đăng ký, đang trình lãnh đạo), `Đang xử lý` (đã giao đơn vị),
# `Chờ duyệt` (đơn vị đã dự thảo văn bản trả lời, trình lãnh đạo duyệt), `Hoàn thành`.

# %%
SO["trang_thai"].value_counts()

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Mỗi việc dưới đây thuộc bước nào (1, 2, 3 hay 4) của quy trình trên?
#
# | Mã | Việc |
# |---|---|
# | a | Văn thư kiểm tra chữ ký số của văn bản điện tử vừa nhận qua trục liên thông |
# | b | Văn thư ghi số đến, ngày đến, trích yếu vào hệ thống |
# | c | Văn thư chuyển văn bản lên Giám đốc Sở để cho ý kiến phân công |
# | d | Hệ thống chuyển văn bản tới Phòng Tổ chức cán bộ theo ý kiến của Giám đốc Sở |
# | e | Chuyên viên dự thảo công văn trả lời |
# | f | Văn phòng lập danh sách văn bản sắp đến hạn để nhắc các phòng |
# | g | Văn thư kiểm tra số tờ, bì và dấu niêm phong của văn bản giấy |
#
# Có thể chọn bằng các ô chọn dưới đây rồi chép dòng kết quả vào ô trả lời, hoặc gõ trực
# tiếp. Giá trị là **số nguyên** 1, 2, 3 hoặc 4 (không để trong dấu nháy).

# %%
import ipywidgets as widgets
from IPython.display import display

VIEC = {
    "a": "Kiểm tra chữ ký số văn bản điện tử",
    "b": "Ghi số đến, ngày đến, trích yếu",
    "c": "Chuyển lên Giám đốc cho ý kiến",
    "d": "Chuyển tới Phòng Tổ chức cán bộ",
    "e": "Dự thảo công văn trả lời",
    "f": "Lập danh sách văn bản sắp đến hạn",
    "g": "Kiểm tra số tờ, bì, niêm phong",
}
BUOC_CHON = [
    ("1. Tiếp nhận", 1),
    ("2. Đăng ký", 2),
    ("3. Trình, chuyển giao", 3),
    ("4. Giải quyết, theo dõi, đôn đốc", 4),
]


def dong_tra_loi(lua_chon: dict[str, int | None]) -> str:
    """Dòng lệnh ghi các lựa chọn vào biến BUOC, để chép vào ô trả lời."""
    if any(gia_tri is None for gia_tri in lua_chon.values()):
        return "Hãy chọn bước cho mọi việc."
    return "BUOC = " + repr(dict(sorted(lua_chon.items())))


o_chon = {
    ma: widgets.Dropdown(options=BUOC_CHON, value=None, description=ma, layout={"width": "28em"})
    for ma in VIEC
}
o_dong = widgets.Label()


def cap_nhat_dong(_thay_doi: object = None) -> None:
    o_dong.value = dong_tra_loi({ma: o.value for ma, o in o_chon.items()})


for o in o_chon.values():
    o.observe(cap_nhat_dong, names="value")
cap_nhat_dong()
display(
    widgets.VBox([widgets.HBox([o_chon[ma], widgets.Label(VIEC[ma])]) for ma in VIEC] + [o_dong])
)

# %% nbgrader={"grade": false, "grade_id": "buoc", "locked": false, "schema_version": 3, "solution": true}
# BUOC = {"a": ..., "b": ..., "c": ..., "d": ..., "e": ..., "f": ..., "g": ...}
### BEGIN SOLUTION
BUOC = {"a": 1, "b": 2, "c": 3, "d": 3, "e": 4, "f": 4, "g": 1}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "buoc-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true, assert_type

assert_type(BUOC, dict, what="BUOC")
assert_equal(sorted(BUOC), ["a", "b", "c", "d", "e", "f", "g"], what="các mã việc trong BUOC")
for ma_viec, buoc in BUOC.items():
    assert_type(buoc, int, what=f"bước của việc {ma_viec}")
    assert_true(buoc in (1, 2, 3, 4), f"Bước của việc {ma_viec} phải là 1, 2, 3 hoặc 4.")
assert_equal(BUOC["b"], 2, what="bước của việc b (ghi số đến)")

# %% nbgrader={"grade": true, "grade_id": "buoc-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: bước của từng việc.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    BUOC,
    dict(zip("abcdefg", [1, 2, 3, 3, 4, 4, 1], strict=True)),
    what="bước của các việc",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Thông tin đầu vào của văn bản (Phụ lục VI, NĐ 30) (2 điểm)
#
# Phụ lục VI của NĐ 30 quy định các trường thông tin đầu vào của văn bản điện tử, mỗi trường
# có tên thẻ (tiếng Anh), kiểu dữ liệu và độ dài tối đa. Một số trường của văn bản đi:
#
# | Trường | Thẻ | Kiểu | Độ dài |
# |---|---|---|---|
# | Tên loại văn bản | `TypeName` | Chuỗi | 100 |
# | Số của văn bản | `CodeNumber` | Chuỗi | 11 |
# | Ký hiệu của văn bản | `CodeNotation` | Chuỗi | 30 |
# | Ngày, tháng, năm văn bản | `IssuedDate` | Ngày | 10 |
# | Tên cơ quan, tổ chức ban hành | `OrganName` | Chuỗi | 200 |
# | Trích yếu nội dung | `Subject` | Chuỗi | 500 |
# | Số trang của văn bản | `PageAmount` | Số | 3 |
#
# Lưu ý: **số** và **ký hiệu** là hai trường riêng. Với `48/QĐ-SNV`, `CodeNumber` là `"48"`
# (kiểu chuỗi, giữ nguyên cả số 0 ở đầu nếu có, như `"05"`) và `CodeNotation` là `"QĐ-SNV"`
# (không có số, không có dấu `/`). Hệ thống của tỉnh lưu ngày theo dạng quốc tế
# `YYYY-MM-DD`, ví dụ ngày 05/3/2024 là `"2024-03-05"`.
#
# ### Bài tập 2 (2 điểm)
#
# Văn thư Sở Nội vụ phát hành văn bản sau (3 trang):
#
# > UBND TỈNH SƠN HÀ — **SỞ NỘI VỤ** &nbsp;&nbsp;&nbsp; CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
# > Độc lập - Tự do - Hạnh phúc
# >
# > Số: 07/QĐ-SNV &nbsp;&nbsp;&nbsp; *Sơn Hà, ngày 05 tháng 3 năm 2024*
# >
# > **QUYẾT ĐỊNH**
# > **Về việc thành lập Tổ số hóa tài liệu lưu trữ của Sở Nội vụ**
#
# Điền từ điển `THONG_TIN` với bảy thẻ ở bảng trên: `TypeName`, `CodeNumber`,
# `CodeNotation`, `IssuedDate`, `OrganName`, `Subject` (chép dòng trích yếu) là chuỗi;
# `PageAmount` là số nguyên.

# %% nbgrader={"grade": false, "grade_id": "thong-tin", "locked": false, "schema_version": 3, "solution": true}
THONG_TIN = {}
# THONG_TIN["TypeName"] = "..."
# THONG_TIN["CodeNumber"] = "..."
# THONG_TIN["CodeNotation"] = "..."
# THONG_TIN["IssuedDate"] = "..."
# THONG_TIN["OrganName"] = "..."
# THONG_TIN["Subject"] = "..."
# THONG_TIN["PageAmount"] = ...
### BEGIN SOLUTION
THONG_TIN["TypeName"] = "Quyết định"
THONG_TIN["CodeNumber"] = "07"
THONG_TIN["CodeNotation"] = "QĐ-SNV"
THONG_TIN["IssuedDate"] = "2024-03-05"
THONG_TIN["OrganName"] = "Sở Nội vụ tỉnh Sơn Hà"
THONG_TIN["Subject"] = "Về việc thành lập Tổ số hóa tài liệu lưu trữ của Sở Nội vụ"
THONG_TIN["PageAmount"] = 3
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "thong-tin-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(THONG_TIN, dict, what="THONG_TIN")
assert_equal(
    sorted(THONG_TIN),
    sorted(
        [
            "TypeName",
            "CodeNumber",
            "CodeNotation",
            "IssuedDate",
            "OrganName",
            "Subject",
            "PageAmount",
        ]
    ),
    what="các thẻ trong THONG_TIN",
)
for the_truong in ["TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName", "Subject"]:
    assert_type(THONG_TIN[the_truong], str, what=f"giá trị của {the_truong}")
assert_type(THONG_TIN["PageAmount"], int, what="giá trị của PageAmount")
assert_equal(THONG_TIN["TypeName"], "Quyết định", what="TypeName")

# %% nbgrader={"grade": true, "grade_id": "thong-tin-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: số và ký hiệu tách riêng, ngày dạng YYYY-MM-DD, số trang, cơ quan, trích yếu.
from graders.asserts import assert_equal, assert_true

### BEGIN HIDDEN TESTS
assert_equal(THONG_TIN["CodeNumber"], "07", what="CodeNumber (số, giữ số 0 ở đầu)")
assert_equal(THONG_TIN["CodeNotation"], "QĐ-SNV", what="CodeNotation (ký hiệu, không có số)")
assert_equal(THONG_TIN["IssuedDate"], "2024-03-05", what="IssuedDate (dạng YYYY-MM-DD)")
assert_equal(THONG_TIN["PageAmount"], 3, what="PageAmount")
assert_true(
    "Sở Nội vụ" in unicodedata.normalize("NFC", THONG_TIN["OrganName"]),
    "OrganName phải là tên cơ quan ban hành (Sở Nội vụ tỉnh Sơn Hà).",
)
assert_true(
    "thành lập Tổ số hóa tài liệu lưu trữ" in unicodedata.normalize("NFC", THONG_TIN["Subject"])
    and len(THONG_TIN["Subject"]) <= 500,
    "Subject phải là trích yếu nội dung của văn bản (tối đa 500 ký tự).",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Tìm kiếm có dấu và không dấu (4 điểm)
#
# Người dùng gõ từ khóa theo nhiều cách: `số hóa`, `SỐ HÓA`, `so hoa`, có người gõ kiểu dấu cũ
# `số hoá`. Văn bản nhập từ nguồn khác còn có thể ở dạng Unicode **tổ hợp** (NFD: chữ cái
# và dấu thanh là hai ký tự riêng) thay vì dạng **dựng sẵn** (NFC) — nhìn giống hệt nhau
# nhưng máy coi là hai chuỗi khác nhau. Để tìm được mọi cách viết, hệ thống so sánh **khóa
# tìm kiếm** của từ khóa và của văn bản. Khóa tìm kiếm tạo theo bốn bước:
#
# 1. tách dấu khỏi chữ cái (`unicodedata.normalize("NFD", chuoi)`);
# 2. bỏ các ký tự dấu — những ký tự từ `"\u0300"` đến `"\u036f"`;
# 3. đổi `đ` thành `d` và `Đ` thành `D`: chữ `đ` **không** tách được thành `d` + dấu, nên
#    bước 2 không bỏ được nó;
# 4. đưa về chữ thường bằng `.casefold()`.

# %%
tach_dau = unicodedata.normalize("NFD", "Hòa Đồng")
print([(ky_tu, hex(ord(ky_tu))) for ky_tu in tach_dau])
print("Số ký tự NFC:", len("Hòa"), "— NFD:", len(unicodedata.normalize("NFD", "Hòa")))
hoa_nfc = "Hòa"
print("So sánh NFC với NFD:", hoa_nfc == unicodedata.normalize("NFD", hoa_nfc))

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `khoa_tim_kiem(chuoi)` trả về khóa tìm kiếm theo bốn bước trên. Ví dụ:
# `khoa_tim_kiem("Đất đai")` trả về `"dat dai"`, `khoa_tim_kiem("27/QĐ-UBND")` trả về
# `"27/qd-ubnd"`. Gợi ý: `"".join(k for k in chuoi if not ("\u0300" <= k <= "\u036f"))` giữ
# lại các ký tự không phải dấu; `chuoi.replace("đ", "d")` đổi `đ`.


# %% nbgrader={"grade": false, "grade_id": "khoa-tim-kiem", "locked": false, "schema_version": 3, "solution": true}
def khoa_tim_kiem(chuoi: str) -> str:
    """Khóa tìm kiếm: bỏ dấu, đổi đ thành d, chữ thường."""
    ### BEGIN SOLUTION
    da_tach = unicodedata.normalize("NFD", chuoi)
    khong_dau = "".join(c for c in da_tach if not "\u0300" <= c <= "\u036f")
    return khong_dau.replace("đ", "d").replace("Đ", "D").casefold()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "khoa-tim-kiem-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    khoa_tim_kiem,
    [(("Đất đai",), "dat dai"), (("27/QĐ-UBND",), "27/qd-ubnd"), (("Số hóa",), "so hoa")],
    what="khóa tìm kiếm",
)

# %% nbgrader={"grade": true, "grade_id": "khoa-tim-kiem-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ hoa có dấu, dạng NFD, dấu kiểu cũ, chữ Đ hoa, chuỗi không dấu.
import unicodedata

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    khoa_tim_kiem,
    [
        (("QUYẾT ĐỊNH",), "quyet dinh"),
        ((unicodedata.normalize("NFD", "Trường Đại học Sơn Hà"),), "truong dai hoc son ha"),
        (("số hoá",), "so hoa"),
        (("ĐỒNG TÂM",), "dong tam"),
        (("Thủy lợi, thuỷ sản",), "thuy loi, thuy san"),
        (("QLVB&ĐH 2024",), "qlvb&dh 2024"),
        (("",), ""),
        (("van ban",), "van ban"),
        (("Hội nghị – tổng kết năm 2024",), "hoi nghi – tong ket nam 2024"),
    ],
    what="khóa tìm kiếm",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `tim_van_ban(so, tu_khoa)` trả về danh sách số đến (`int`, tăng dần) của các văn
# bản có **trích yếu** chứa từ khóa, so sánh theo khóa tìm kiếm của Bài tập 3. Ví dụ, tìm
# `"so hoa"`, `"Số hóa"` hay `"SỐ HOÁ"` trong sổ của bài đều cho `[202, 206, 217]`.
# Gợi ý: `so["trich_yeu"].map(khoa_tim_kiem)` tạo cột khóa tìm kiếm;
# `cot.str.contains(khoa, regex=False)` cho biết dòng nào chứa `khoa`.


# %% nbgrader={"grade": false, "grade_id": "tim-van-ban", "locked": false, "schema_version": 3, "solution": true}
def tim_van_ban(so: pd.DataFrame, tu_khoa: str) -> list[int]:
    """Số đến của các văn bản có trích yếu chứa tu_khoa (không phân biệt dấu, hoa thường)."""
    ### BEGIN SOLUTION
    khoa = khoa_tim_kiem(tu_khoa)
    co_chua = so["trich_yeu"].map(khoa_tim_kiem).str.contains(khoa, regex=False)
    return sorted(int(x) for x in so.loc[co_chua, "so_den"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tim-van-ban-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    tim_van_ban,
    [((SO, "so hoa"), [202, 206, 217]), ((SO, "Số hóa"), [202, 206, 217])],
    what="kết quả tìm kiếm",
)

# %% nbgrader={"grade": true, "grade_id": "tim-van-ban-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ đ, chữ hoa, không có kết quả, trích yếu dạng NFD, ký tự đặc biệt.
import unicodedata

import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_so_nfd = pd.DataFrame(
    {
        "so_den": [7, 3, 5, 9, 11],
        "trich_yeu": [
            unicodedata.normalize("NFD", "Về việc đo đạc đất đai xã Đồng Tâm"),
            "Kế hoạch (sửa đổi) đào tạo cán bộ",
            "V/v ĐẤT ĐAI và tài nguyên",
            "Sửa đổi Quyết định 01/1999/QĐ-UB của UBND tỉnh",
            "Thực hiện Quyết định 01/1999/QĐ.UB",
        ],
    }
)
check_cases(
    tim_van_ban,
    [
        ((SO, "dat dai"), [204, 207, 217]),
        ((SO, "ĐẤT ĐAI"), [204, 207, 217]),
        ((SO, "chuyển đổi số"), [203]),
        ((SO, "hộ tịch"), []),
        ((_so_nfd, "đất đai"), [5, 7]),
        ((_so_nfd, "dong tam"), [7]),
        ((_so_nfd, "(sửa đổi)"), [3]),
        ((_so_nfd, "QĐ.UB"), [11]),
    ],
    what="kết quả tìm kiếm",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Cảnh báo văn bản trùng (4 điểm)
#
# Phụ lục VI của NĐ 30 yêu cầu hệ thống **cảnh báo** khi cùng một số, ký hiệu của cùng một cơ
# quan ban hành được đăng ký hai lần (trong một năm, số + ký hiệu + cơ quan ban hành là duy
# nhất). Chuyện này hay xảy ra khi một văn bản đến cả bản điện tử lẫn bản giấy. Nhưng người
# gõ thường thêm dấu cách (`245 /UBND-NC`, `12/TTr - SNN`), và văn bản chuyển từ hệ thống khác
# có thể dùng nhầm chữ `Ð` (U+00D0, chữ Eth của tiếng Iceland) thay cho `Đ` (U+0110). Trước
# khi so sánh phải **chuẩn hóa**:
#
# 1. đưa về dạng NFC;
# 2. thay `"\u00d0"` (Ð) bằng `"Đ"`;
# 3. bỏ mọi dấu cách.
#
# Lưu ý: hai cơ quan khác nhau có thể cùng có văn bản số `05/KH-UBND` (UBND huyện Tân Lập và
# UBND huyện Yên Hòa) — đó **không** phải văn bản trùng.
#
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `chuan_hoa_so_ky_hieu(so_ky_hieu)` theo ba bước trên. Ví dụ
# `chuan_hoa_so_ky_hieu("12/TTr - SNN")` trả về `"12/TTr-SNN"`.


# %% nbgrader={"grade": false, "grade_id": "chuan-hoa-so-ky-hieu", "locked": false, "schema_version": 3, "solution": true}
def chuan_hoa_so_ky_hieu(so_ky_hieu: str) -> str:
    """Số, ký hiệu ở dạng NFC, chữ Đ đúng, không có dấu cách."""
    ### BEGIN SOLUTION
    ket_qua = unicodedata.normalize("NFC", so_ky_hieu)
    ket_qua = ket_qua.replace("\u00d0", "Đ")
    return ket_qua.replace(" ", "")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "chuan-hoa-so-ky-hieu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    chuan_hoa_so_ky_hieu,
    [(("12/TTr - SNN",), "12/TTr-SNN"), (("245 /UBND-NC",), "245/UBND-NC")],
    what="số, ký hiệu chuẩn hóa",
)

# %% nbgrader={"grade": true, "grade_id": "chuan-hoa-so-ky-hieu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ Ð (U+00D0), dạng NFD, nhiều dấu cách, số, ký hiệu đã đúng.
import unicodedata

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    chuan_hoa_so_ky_hieu,
    [
        (("08/\u00d0A-UBND",), "08/ĐA-UBND"),
        ((unicodedata.normalize("NFD", "31/QyĐ-UBND"),), "31/QyĐ-UBND"),
        (("27 / 2024 / QĐ - UBND",), "27/2024/QĐ-UBND"),
        (("118/UBND-VP",), "118/UBND-VP"),
        ((unicodedata.normalize("NFD", "05 / ĐA-UBND"),), "05/ĐA-UBND"),
    ],
    what="số, ký hiệu chuẩn hóa",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `van_ban_trung(so)` trả về danh sách số đến (`int`, tăng dần) của các văn bản
# **đăng ký lại**: văn bản có số, ký hiệu (sau khi chuẩn hóa) **và** cơ quan ban hành (sau khi
# đưa về NFC) giống một văn bản đã đăng ký **trước** nó trong sổ. Văn bản đăng ký đầu tiên
# không bị cảnh báo. Với sổ của bài, kết quả là `[214, 219]`.
#
# Gợi ý: tạo một bảng hai cột đã chuẩn hóa, rồi dùng `bang.duplicated()`: phương thức này
# đánh dấu `True` cho mỗi dòng trùng với một dòng **phía trên** nó.

# %%
vi_du_trung = pd.DataFrame({"ky_hieu": ["A", "B", "A", "A"], "co_quan": ["X", "X", "Y", "X"]})
vi_du_trung.duplicated()


# %% nbgrader={"grade": false, "grade_id": "van-ban-trung", "locked": false, "schema_version": 3, "solution": true}
def van_ban_trung(so: pd.DataFrame) -> list[int]:
    """Số đến của các văn bản trùng số, ký hiệu và cơ quan với một văn bản đăng ký trước."""
    ### BEGIN SOLUTION
    khoa = pd.DataFrame(
        {
            "so_ky_hieu": so["so_ky_hieu"].map(chuan_hoa_so_ky_hieu),
            "co_quan": so["co_quan_ban_hanh"].map(lambda t: unicodedata.normalize("NFC", t)),
        }
    )
    return sorted(int(x) for x in so.loc[khoa.duplicated(), "so_den"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "van-ban-trung-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(van_ban_trung, [((SO,), [214, 219])], what="các văn bản đăng ký trùng")

# %% nbgrader={"grade": true, "grade_id": "van-ban-trung-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: cùng số khác cơ quan, chữ Ð, tên cơ quan dạng NFD, trùng ba lần, không trùng.
import unicodedata

import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_so_trung = pd.DataFrame(
    {
        "so_den": [31, 32, 33, 34, 35, 36, 37],
        "so_ky_hieu": [
            "08/ĐA-UBND",
            "08/\u00d0A-UBND",
            "05/KH-UBND",
            "05/KH-UBND",
            "08/ĐA - UBND",
            "09/ĐA-UBND",
            "05/KH-UBND",
        ],
        "co_quan_ban_hanh": [
            "UBND huyện Tân Lập",
            "UBND huyện Tân Lập",
            "UBND huyện Yên Hòa",
            "UBND xã Đồng Tâm",
            unicodedata.normalize("NFD", "UBND huyện Tân Lập"),
            "UBND huyện Tân Lập",
            unicodedata.normalize("NFD", "UBND xã Đồng Tâm"),
        ],
    }
)
check_cases(
    van_ban_trung,
    [
        ((_so_trung,), [32, 35, 37]),
        ((_so_trung.iloc[[0, 2, 3, 5]],), []),
        ((SO.iloc[::-1],), [205, 216]),
    ],
    what="các văn bản đăng ký trùng",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Theo dõi văn bản tồn đọng (2 điểm)
#
# Lãnh đạo cần biết mỗi đơn vị còn bao nhiêu văn bản **đã giao** (cột `don_vi_xu_ly` có giá
# trị) mà **chưa** ở trạng thái `Hoàn thành`. Văn bản `Chờ phân công` chưa giao cho đơn vị
# nào nên không tính cho đơn vị nào.
#
# `pandas` đếm theo nhóm bằng `value_counts()`:

# %%
SO["do_khan"].value_counts()

# %% [markdown]
# ### Bài tập 7 (2 điểm)
#
# Viết hàm `ton_dong_theo_don_vi(so)` trả về từ điển tên đơn vị → số văn bản tồn đọng, chỉ
# gồm các đơn vị có ít nhất một văn bản tồn đọng. Số lượng phải là số nguyên Python (`int`):
# kết quả của `pandas` là kiểu `numpy.int64`, hãy đổi bằng `int(...)`, ví dụ
# `{ten: int(so_luong) for ten, so_luong in dem.items()}`.


# %% nbgrader={"grade": false, "grade_id": "ton-dong-theo-don-vi", "locked": false, "schema_version": 3, "solution": true}
def ton_dong_theo_don_vi(so: pd.DataFrame) -> dict[str, int]:
    """Số văn bản đã giao mà chưa hoàn thành, theo đơn vị xử lý."""
    ### BEGIN SOLUTION
    chua_xong = so[(so["trang_thai"] != "Hoàn thành") & so["don_vi_xu_ly"].notna()]
    dem = chua_xong["don_vi_xu_ly"].value_counts()
    return {ten: int(so_luong) for ten, so_luong in dem.items()}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ton-dong-theo-don-vi-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ton_dong_theo_don_vi,
    [
        (
            (SO,),
            {
                "Chi cục Văn thư - Lưu trữ": 2,
                "Thanh tra Sở": 2,
                "Phòng Xây dựng chính quyền": 1,
                "Phòng Cải cách hành chính": 2,
                "Văn phòng Sở": 1,
                "Phòng Tổ chức cán bộ": 1,
            },
        )
    ],
    what="số văn bản tồn đọng",
)

# %% nbgrader={"grade": true, "grade_id": "ton-dong-theo-don-vi-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: sổ khác, không còn văn bản tồn đọng, văn bản chưa giao.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_so_ton = pd.DataFrame(
    {
        "so_den": [1, 2, 3, 4, 5],
        "don_vi_xu_ly": ["Văn phòng Sở", None, "Văn phòng Sở", "Thanh tra Sở", "Thanh tra Sở"],
        "trang_thai": ["Chờ duyệt", "Chờ phân công", "Đang xử lý", "Hoàn thành", "Đang xử lý"],
    }
)
check_cases(
    ton_dong_theo_don_vi,
    [
        ((_so_ton,), {"Văn phòng Sở": 2, "Thanh tra Sở": 1}),
        ((_so_ton.iloc[[1, 3]],), {}),
    ],
    what="số văn bản tồn đọng",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy mô tả ngắn gọn (khoảng 150–250 từ) cách cơ quan của anh/chị đang dùng hệ thống
# QLVB&ĐH: những bước nào đã làm hoàn toàn trên hệ thống, bước nào vẫn làm trên giấy; lãnh đạo
# phân công và theo dõi văn bản ra sao; anh/chị thường tìm văn bản cũ thế nào và đã bao giờ
# không tìm thấy hay gặp văn bản bị đăng ký trùng chưa. Đề xuất một cải tiến cụ thể (quy
# trình hoặc tính năng của hệ thống).

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt mô tả được hiện trạng cụ thể (bước nào điện tử, bước nào giấy, ai phân
# công), nêu tình huống thực tế khi tìm kiếm hoặc khi văn bản đến cả bản giấy lẫn bản điện tử,
# và đề xuất cải tiến khả thi: chuẩn hóa số, ký hiệu khi nhập, bật cảnh báo trùng, tìm kiếm
# không dấu, báo cáo tồn đọng hằng tuần cho lãnh đạo.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Quản lý văn bản đến theo NĐ 30 gồm: tiếp nhận; đăng ký; trình, chuyển giao; giải quyết
#   và theo dõi, đôn đốc. Trạng thái trên hệ thống QLVB&ĐH cho biết văn bản đang ở bước nào.
# - Phụ lục VI của NĐ 30 tách **số** (`CodeNumber`, chuỗi) và **ký hiệu** (`CodeNotation`);
#   ngày lưu dạng `YYYY-MM-DD`.
# - Khóa tìm kiếm: NFD, bỏ dấu, đổi `đ` → `d`, chữ thường; nhờ vậy `so hoa`, `Số hóa`,
#   `số hoá` tìm ra cùng văn bản.
# - Trước khi so sánh số, ký hiệu: NFC, thay `Ð` bằng `Đ`, bỏ dấu cách; văn bản trùng là
#   trùng cả số, ký hiệu **và** cơ quan ban hành.
# - Số liệu từ `pandas` là `numpy.int64`: đổi sang `int` khi cần giá trị Python thuần.
