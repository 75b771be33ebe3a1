# %% [markdown]
# # Bài 1. Tiêu chuẩn số hóa: định dạng, màu, độ phân giải và dung lượng lưu trữ
#
# *Khóa Số hóa tài liệu lưu trữ — dành cho cán bộ văn thư, lưu trữ.*
#
# **Điều kiện tiên quyết:** không cần biết lập trình. Anh/chị chỉ cần biết chạy một ô
# (nhấn *Shift + Enter*) và sửa mã trong ô theo mẫu có sẵn. Nên có sẵn Nghị định
# 30/2020/NĐ-CP về công tác văn thư (gọi tắt là **NĐ 30**), Phụ lục I, để tra cứu.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. nêu yêu cầu của NĐ 30 đối với bản số hóa: định dạng PDF, ảnh màu, độ phân giải tối
#    thiểu 200 dpi, tỉ lệ số hóa 100%;
# 2. đọc định dạng, chế độ màu và độ phân giải của một tệp ảnh quét bằng thư viện Pillow;
# 3. quyết định một bản quét đạt hay không đạt tiêu chuẩn, và vì sao;
# 4. tính kích thước (điểm ảnh) của một trang A4 quét ở tỉ lệ 100%;
# 5. ước tính dung lượng lưu trữ cho cả một kho tài liệu, phân biệt MB và MiB, GB và GiB.
#
# **Cách làm bài.** Mỗi phần kết thúc bằng một bài tập. Anh/chị viết câu trả lời vào ô có
# dòng `# VIẾT MÃ CỦA BẠN Ở ĐÂY` (xóa dòng `raise NotImplementedError()` đi), rồi chạy ô
# kiểm tra ngay bên dưới. Ô kiểm tra công khai giúp anh/chị tự kiểm tra; khi chấm, hệ thống
# chạy thêm các **kiểm thử ẩn** với những tệp và số liệu khác. Điểm từng phần ghi ở tiêu đề
# phần (tổng 12 điểm: 9 điểm chấm tự động, 3 điểm câu suy ngẫm do giảng viên chấm). Trước
# khi nộp, hãy chọn *Kernel → Restart & Run All* để chắc chắn toàn bộ bài chạy được từ đầu.
#
# Thư mục `data/` có bốn **trích đoạn** (phần đầu trang) của bốn bản quét văn bản giả định
# của tỉnh Sơn Hà. Chỉ giữ phần đầu trang cho nhẹ, nhưng độ phân giải, chế độ màu và định
# dạng tệp giữ nguyên như bản quét gốc.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
from pathlib import Path

from PIL import Image

THU_MUC = Path("data")
CAC_TEP = sorted(THU_MUC.glob("quet-*"))
print([tep.name for tep in CAC_TEP])

# %% [markdown]
# ## Phần 1. Đọc thông tin một bản quét (3 điểm)
#
# Phụ lục I của NĐ 30 (mục về số hóa văn bản giấy) yêu cầu bản số hóa:
#
# | Yêu cầu | Nội dung |
# |---|---|
# | Định dạng | PDF (phiên bản 1.4 trở lên); lưu trữ lâu dài dùng PDF/A (TCVN 14159) |
# | Màu | ảnh màu |
# | Độ phân giải | tối thiểu **200 dpi** (điểm ảnh trên mỗi inch) |
# | Tỉ lệ | **100%** (không thu nhỏ, không phóng to) |
#
# Máy quét thường lưu ảnh dạng JPEG, PNG hay TIFF trước khi ghép thành PDF. Thư viện
# **Pillow** mở một tệp ảnh và cho biết:
#
# - `anh.format`: định dạng tệp (`"JPEG"`, `"PNG"`, `"TIFF"`…);
# - `anh.mode`: chế độ màu — `"RGB"` là ảnh màu, `"L"` là ảnh xám (grayscale), `"1"` là ảnh
#   đen trắng hai mức (như máy fax);
# - `anh.info.get("dpi")`: độ phân giải, là một **bộ hai số** (chiều ngang, chiều dọc), ví
#   dụ `(300, 300)`; không có thông tin thì là `None`.
#
# Chú ý: tệp PNG lưu độ phân giải theo *điểm ảnh trên mét* (số nguyên), nên 200 dpi đọc lại
# thành `199.9996`. Phải **làm tròn** (`round`) chứ không cắt phần thập phân (`int`), nếu
# không một bản quét 200 dpi sẽ bị coi là 199 dpi và bị loại oan.

# %%
with Image.open(CAC_TEP[1]) as anh:
    print("Định dạng:", anh.format)
    print("Chế độ màu:", anh.mode)
    print("Kích thước (điểm ảnh):", anh.size)
    print("dpi:", anh.info.get("dpi"))
    print("int:", int(anh.info["dpi"][0]), "— round:", round(anh.info["dpi"][0]))

# %% [markdown]
# ### Bài tập 1 (3 điểm)
#
# Viết hàm `thong_tin_ban_quet(duong_dan)` trả về một từ điển có ba khóa:
#
# - `"dinh_dang"`: định dạng tệp (chuỗi, như `anh.format`);
# - `"che_do"`: chế độ màu (chuỗi, như `anh.mode`);
# - `"dpi"`: độ phân giải theo chiều ngang, là **một số nguyên** (`int`) đã làm tròn — không
#   phải bộ hai số; nếu tệp không ghi độ phân giải thì là `None`.
#
# Ví dụ: tệp `data/quet-02.png` cho `{"dinh_dang": "PNG", "che_do": "L", "dpi": 200}`.


# %% nbgrader={"grade": false, "grade_id": "thong-tin-ban-quet", "locked": false, "schema_version": 3, "solution": true}
def thong_tin_ban_quet(duong_dan: str | Path) -> dict:
    """Định dạng, chế độ màu và độ phân giải (dpi, số nguyên) của một tệp ảnh quét."""
    with Image.open(duong_dan) as anh:
        ### BEGIN SOLUTION
        dpi = anh.info.get("dpi")
        return {
            "dinh_dang": anh.format,
            "che_do": anh.mode,
            "dpi": None if dpi is None else round(dpi[0]),
        }
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "thong-tin-ban-quet-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    thong_tin_ban_quet,
    [
        (("data/quet-01.jpg",), {"dinh_dang": "JPEG", "che_do": "RGB", "dpi": 300}),
        (("data/quet-02.png",), {"dinh_dang": "PNG", "che_do": "L", "dpi": 200}),
    ],
    what="thông tin bản quét",
)

# %% nbgrader={"grade": true, "grade_id": "thong-tin-ban-quet-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: TIFF đen trắng (dpi là số thực), PNG 150 dpi, các tệp khác tạo ngay khi chấm
# (dpi lẻ cần làm tròn, tệp không ghi dpi).
import tempfile
from pathlib import Path

from PIL import Image

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_tam = Path(tempfile.mkdtemp())
Image.new("RGB", (40, 30), "white").save(_tam / "a.png", dpi=(240, 240))
Image.new("L", (40, 30), "white").save(_tam / "b.tif", dpi=(199.6, 199.6))
Image.new("RGB", (40, 30), "white").save(_tam / "c.jpg", dpi=(72, 72))
Image.new("1", (40, 30), 1).save(_tam / "d.png")
Image.new("RGB", (40, 30), "white").save(_tam / "e.tif", dpi=(400.4, 400.4))
check_cases(
    thong_tin_ban_quet,
    [
        (("data/quet-03.tif",), {"dinh_dang": "TIFF", "che_do": "1", "dpi": 300}),
        (("data/quet-04.png",), {"dinh_dang": "PNG", "che_do": "RGB", "dpi": 150}),
        ((_tam / "a.png",), {"dinh_dang": "PNG", "che_do": "RGB", "dpi": 240}),
        ((_tam / "b.tif",), {"dinh_dang": "TIFF", "che_do": "L", "dpi": 200}),
        ((_tam / "c.jpg",), {"dinh_dang": "JPEG", "che_do": "RGB", "dpi": 72}),
        ((_tam / "d.png",), {"dinh_dang": "PNG", "che_do": "1", "dpi": None}),
        ((_tam / "e.tif",), {"dinh_dang": "TIFF", "che_do": "RGB", "dpi": 400}),
    ],
    what="thông tin bản quét",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Bản quét có đạt tiêu chuẩn không? (2 điểm)
#
# Khi kiểm tra bản số hóa, cán bộ lưu trữ ghi rõ **lý do** không đạt để bộ phận quét làm
# lại cho đúng. Ta dùng ba mã lý do, luôn theo thứ tự này:
#
# | Mã | Khi nào |
# |---|---|
# | `"dinh-dang"` | định dạng không phải `"PDF"` |
# | `"mau"` | chế độ màu không phải ảnh màu; chỉ `"RGB"` và `"CMYK"` được coi là ảnh màu |
# | `"do-phan-giai"` | không có thông tin dpi (`None`) hoặc dpi nhỏ hơn 200 |
#
# Bản quét **đạt** khi không có lý do nào (danh sách rỗng). Ví dụ một tệp PDF màu 300 dpi
# đạt; một ảnh JPEG xám 150 dpi có ba lý do. Các ảnh trong `data/` đều **chưa** là PDF: sau
# khi ghép vào PDF, độ phân giải và màu của ảnh được giữ nguyên, nên lý do `"mau"` và
# `"do-phan-giai"` cho biết bản nào phải **quét lại**.

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `ly_do_khong_dat(thong_tin)` nhận một từ điển như kết quả của Bài tập 1 và trả về
# danh sách (`list`) các mã lý do không đạt, theo thứ tự của bảng trên.


# %% nbgrader={"grade": false, "grade_id": "ly-do-khong-dat", "locked": false, "schema_version": 3, "solution": true}
def ly_do_khong_dat(thong_tin: dict) -> list[str]:
    """Các mã lý do bản quét không đạt tiêu chuẩn NĐ 30; danh sách rỗng nếu đạt."""
    ### BEGIN SOLUTION
    ly_do = []
    if thong_tin["dinh_dang"] != "PDF":
        ly_do.append("dinh-dang")
    if thong_tin["che_do"] not in ("RGB", "CMYK"):
        ly_do.append("mau")
    if thong_tin["dpi"] is None or thong_tin["dpi"] < 200:
        ly_do.append("do-phan-giai")
    return ly_do
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ly-do-khong-dat-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ly_do_khong_dat,
    [
        (({"dinh_dang": "PDF", "che_do": "RGB", "dpi": 300},), []),
        (({"dinh_dang": "JPEG", "che_do": "L", "dpi": 150},), ["dinh-dang", "mau", "do-phan-giai"]),
    ],
    what="lý do không đạt",
)

# %% nbgrader={"grade": true, "grade_id": "ly-do-khong-dat-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đúng 200 dpi, 199 dpi, không có dpi, ảnh đen trắng, CMYK, bảng màu.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    ly_do_khong_dat,
    [
        (({"dinh_dang": "PDF", "che_do": "RGB", "dpi": 200},), []),
        (({"dinh_dang": "PDF", "che_do": "RGB", "dpi": 199},), ["do-phan-giai"]),
        (({"dinh_dang": "PDF", "che_do": "CMYK", "dpi": None},), ["do-phan-giai"]),
        (({"dinh_dang": "PDF", "che_do": "1", "dpi": 600},), ["mau"]),
        (({"dinh_dang": "PDF", "che_do": "P", "dpi": 300},), ["mau"]),
        (({"dinh_dang": "TIFF", "che_do": "RGB", "dpi": 400},), ["dinh-dang"]),
        (({"dinh_dang": "PNG", "che_do": "L", "dpi": 250},), ["dinh-dang", "mau"]),
    ],
    what="lý do không đạt",
)
### END HIDDEN TESTS

# %% [markdown]
# Khi hai hàm đã viết xong, ô dưới đây lập bảng kiểm tra bốn bản quét trong `data/`.

# %%
for tep in CAC_TEP:
    try:
        thong_tin = thong_tin_ban_quet(tep)
        print(tep.name, thong_tin, "→", ly_do_khong_dat(thong_tin) or "đạt")
    except NotImplementedError:
        print("Hãy làm Bài tập 1 và Bài tập 2 trước.")
        break

# %% [markdown]
# ## Phần 3. Tỉ lệ 100%: kích thước điểm ảnh của một trang A4 (2 điểm)
#
# Quét ở tỉ lệ 100% nghĩa là mỗi inch (25,4 mm) của tờ giấy thành đúng `dpi` điểm ảnh. Khổ
# A4 rộng 210 mm, cao 297 mm, nên ở 200 dpi một trang A4 rộng `210 / 25.4 * 200 ≈ 1654`
# điểm ảnh. Nếu ảnh ghi 200 dpi mà chỉ rộng khoảng 1169 điểm ảnh, trang đã bị **thu nhỏ**
# (khoảng 70%), không đạt yêu cầu tỉ lệ 100%.

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `kich_thuoc_a4(dpi)` trả về **bộ hai số nguyên** `(rộng, cao)` là số điểm ảnh
# của một trang A4 (210 × 297 mm) quét ở tỉ lệ 100% với độ phân giải `dpi`, mỗi số làm tròn
# đến số nguyên gần nhất. Ví dụ `kich_thuoc_a4(200)` trả về `(1654, 2339)`.


# %% nbgrader={"grade": false, "grade_id": "kich-thuoc-a4", "locked": false, "schema_version": 3, "solution": true}
def kich_thuoc_a4(dpi: int) -> tuple[int, int]:
    """Số điểm ảnh (rộng, cao) của trang A4 quét ở tỉ lệ 100%."""
    ### BEGIN SOLUTION
    return (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kich-thuoc-a4-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(kich_thuoc_a4, [((200,), (1654, 2339))], what="kích thước trang A4")

# %% nbgrader={"grade": true, "grade_id": "kich-thuoc-a4-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: các độ phân giải khác (làm tròn chứ không cắt phần thập phân).
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    kich_thuoc_a4,
    [
        ((300,), (2480, 3508)),
        ((150,), (1240, 1754)),
        ((400,), (3307, 4677)),
        ((72,), (595, 842)),
    ],
    what="kích thước trang A4",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Ước tính dung lượng lưu trữ (2 điểm)
#
# Khi lập kế hoạch số hóa, cần ước tính dung lượng ổ đĩa. Một trang A4 màu 200 dpi chưa
# nén chiếm `1654 × 2339 × 3` byte (3 byte cho mỗi điểm ảnh màu), khoảng 11,6 triệu byte;
# nén JPEG trong PDF thường còn khoảng 0,3–0,8 triệu byte mỗi trang.
#
# **MB hay MiB?** Nhà sản xuất ổ đĩa tính 1 GB = 1 000 000 000 byte (hệ thập phân), còn hệ
# điều hành thường tính 1 GiB = 1024 × 1024 × 1024 = 1 073 741 824 byte (hệ nhị phân, dù
# nhiều khi vẫn ghi là «GB»). Chênh lệch khoảng 7%: một ổ «1 TB» chỉ hiện khoảng 931 GiB.
# Lập kế hoạch mà nhầm hai đơn vị thì thiếu ổ đĩa.

# %%
print("1 GB  =", 1000**3, "byte")
print("1 GiB =", 1024**3, "byte")
print("Ổ 1 TB =", round(1000**4 / 1024**3), "GiB")

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `dung_luong_gib(so_trang, byte_moi_trang)` trả về dung lượng (số thực, **GiB**,
# không làm tròn) của một kho `so_trang` trang, mỗi trang trung bình `byte_moi_trang` byte.
# Ví dụ 2 000 000 trang, mỗi trang 500 000 byte cho khoảng `931.32` GiB.


# %% nbgrader={"grade": false, "grade_id": "dung-luong-gib", "locked": false, "schema_version": 3, "solution": true}
def dung_luong_gib(so_trang: int, byte_moi_trang: int | float) -> float:
    """Dung lượng (GiB) của so_trang trang, mỗi trang byte_moi_trang byte."""
    ### BEGIN SOLUTION
    return so_trang * byte_moi_trang / 1024**3
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "dung-luong-gib-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    dung_luong_gib, [((2_000_000, 500_000), 931.3225746154785)], what="dung lượng", close=True
)

# %% nbgrader={"grade": true, "grade_id": "dung-luong-gib-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: kho khác, trang chưa nén, đúng 1 GiB.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    dung_luong_gib,
    [
        ((1024, 1024**2), 1.0),
        ((300_000, 1654 * 2339 * 3), 300_000 * 1654 * 2339 * 3 / 1024**3),
        ((12_500, 650_000.0), 12_500 * 650_000 / 1024**3),
        ((0, 500_000), 0.0),
    ],
    what="dung lượng",
    close=True,
    rel=1e-6,
)
### END HIDDEN TESTS

# %% [markdown]
# ### Máy tính dung lượng
#
# Khi Bài tập 3 và 4 đã xong, kéo các thanh trượt để xem một kho tài liệu cần bao nhiêu
# dung lượng ở các độ phân giải khác nhau (chưa nén và nén khoảng 20 lần). Không chấm điểm.

# %%
import ipywidgets as widgets
from IPython.display import display


def mo_ta_dung_luong(so_trang: int, dpi: int) -> str:
    """Câu trả lời của máy tính dung lượng, hoặc lời nhắc khi chưa tính được."""
    try:
        rong, cao = kich_thuoc_a4(dpi)
        chua_nen = dung_luong_gib(so_trang, rong * cao * 3)
    except NotImplementedError:
        return "Hãy làm Bài tập 3 và Bài tập 4 trước."
    except Exception as loi:
        return f"Hàm báo lỗi {type(loi).__name__}: {loi}"
    return (
        f"{so_trang:,} trang A4 màu {dpi} dpi ({rong} × {cao} điểm ảnh): "
        f"chưa nén {chua_nen:,.1f} GiB, nén JPEG khoảng {chua_nen / 20:,.1f} GiB."
    )


o_so_trang = widgets.IntSlider(value=100_000, min=1_000, max=2_000_000, step=1_000)
o_so_trang.description = "Số trang:"
o_dpi = widgets.SelectionSlider(options=[150, 200, 300, 400, 600], value=200, description="dpi:")
o_ket_qua = widgets.Label()


def cap_nhat(_thay_doi: object = None) -> None:
    o_ket_qua.value = mo_ta_dung_luong(o_so_trang.value, o_dpi.value)


o_so_trang.observe(cap_nhat, names="value")
o_dpi.observe(cap_nhat, names="value")
cap_nhat()
display(widgets.VBox([o_so_trang, o_dpi, o_ket_qua]))

# %% [markdown]
# ## Phần 5. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): kho lưu trữ của cơ quan, đơn vị anh/chị có những
# loại tài liệu nào cần số hóa trước (theo giá trị, tần suất khai thác, tình trạng vật lý)?
# Máy quét hiện có quét được ảnh màu 200 dpi trở lên không, mặc định đang đặt thế nào? Với số
# trang ước tính của kho, cần bao nhiêu GiB và sẽ lưu, sao lưu ở đâu?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu được tiêu chí ưu tiên (hồ sơ có giá trị vĩnh viễn, hay được khai thác,
# giấy đang xuống cấp), kiểm tra cấu hình thật của máy quét (màu, 200 dpi, 100%, xuất PDF),
# ước tính dung lượng bằng số trang × dung lượng mỗi trang (nói rõ GiB), và có phương án
# lưu trữ kèm bản sao lưu ở nơi khác.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - NĐ 30, Phụ lục I: bản số hóa là tệp **PDF**, **ảnh màu**, độ phân giải tối thiểu
#   **200 dpi**, tỉ lệ **100%**.
# - Pillow cho biết `format`, `mode` (`"RGB"` màu, `"L"` xám, `"1"` đen trắng) và
#   `info["dpi"]` là **bộ hai số**; lấy một số và **làm tròn** (PNG lưu 200 dpi thành
#   199,9996).
# - Ghi rõ lý do không đạt (định dạng, màu, độ phân giải) để bộ phận quét làm lại.
# - Tỉ lệ 100%: trang A4 ở 200 dpi rộng 1654, cao 2339 điểm ảnh; ảnh nhỏ hơn là đã bị thu nhỏ.
# - Dung lượng = số trang × dung lượng mỗi trang; 1 GiB = 1024³ byte, lớn hơn 1 GB = 10⁹ byte
#   khoảng 7%.
