# %% [markdown]
# # Bài 5. Một cửa, dịch vụ công trực tuyến và báo cáo theo chỉ tiêu kế hoạch
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** Bài 1 (đổi ngày dạng chuỗi bằng `pd.to_datetime`, lọc bảng bằng
# `pandas`) và Bài 2 (đếm theo nhóm).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. phân biệt dịch vụ công trực tuyến toàn trình, một phần (Nghị định 42/2022/NĐ-CP) với
#    các mức độ 1–4 trước đây (Nghị định 43/2011/NĐ-CP);
# 2. tính tỉ lệ hồ sơ giải quyết đúng hạn từ nhật ký của bộ phận một cửa;
# 3. phát hiện số liệu báo cáo bất thường trước khi tổng hợp;
# 4. tính các chỉ số ứng dụng công nghệ thông tin của tỉnh và so sánh với chỉ tiêu kế
#    hoạch, đúng cách (tỉ lệ trên tổng, không phải trung bình các tỉ lệ);
# 5. vẽ một biểu đồ đơn giản cho báo cáo gửi lãnh đạo.
#
# **Cách làm bài.** Như các bài trước. Tổng 18 điểm: 15 điểm chấm tự động, 3 điểm câu suy
# ngẫm. Dữ liệu: nhật ký hồ sơ một cửa quý I/2024 và báo cáo ứng dụng công nghệ thông tin
# năm 2015 của các sở, huyện, xã tỉnh Sơn Hà (giả định).

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import matplotlib.pyplot as plt
import pandas as pd

NHAT_KY = pd.read_csv("data/ho-so-mot-cua-quy-1-2024.csv", dtype=str)
BAO_CAO = pd.read_csv("data/bao-cao-ung-dung-cntt-2015.csv")

# %% [markdown]
# ## Phần 1. Dịch vụ công trực tuyến: mức độ cũ và cách phân loại mới (4 điểm)
#
# **Trước đây**, Nghị định 43/2011/NĐ-CP chia dịch vụ công trực tuyến thành bốn mức độ:
#
# | Mức | Người dân, doanh nghiệp có thể |
# |---|---|
# | 1 | xem đầy đủ thông tin về thủ tục hành chính |
# | 2 | như mức 1, và tải về biểu mẫu, tờ khai |
# | 3 | như mức 2, và điền, nộp hồ sơ trực tuyến; hồ sơ được xử lý trên mạng; nộp phí và nhận kết quả trực tiếp |
# | 4 | như mức 3, và thanh toán phí trực tuyến, nhận kết quả trực tuyến hoặc qua bưu chính |
#
# **Hiện nay**, Nghị định 42/2022/NĐ-CP bỏ cách chia bốn mức, chỉ còn hai loại dịch vụ công
# trực tuyến:
#
# - **toàn trình**: toàn bộ việc thực hiện và giải quyết thủ tục đều trên môi trường mạng;
#   kết quả trả trực tuyến hoặc qua dịch vụ bưu chính công ích;
# - **một phần**: các dịch vụ công trực tuyến còn lại, tức có ít nhất một bước người dân phải
#   đến cơ quan (thường là nộp phí hoặc nhận kết quả).
#
# Thủ tục chỉ đăng thông tin, biểu mẫu trên mạng (mức 1, 2 cũ) không còn được tính là dịch vụ
# công trực tuyến; trong bài ta gọi là **"chỉ cung cấp thông tin"**.
#
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `loai_dich_vu(nop_ho_so, thanh_toan, nhan_ket_qua)` trả về `"toàn trình"`,
# `"một phần"` hoặc `"chỉ cung cấp thông tin"`. Các tham số là chuỗi:
#
# - `nop_ho_so`: `"trực tuyến"` hoặc `"trực tiếp"`;
# - `thanh_toan`: `"trực tuyến"`, `"trực tiếp"` hoặc `"không thu phí"`;
# - `nhan_ket_qua`: `"trực tuyến"`, `"bưu chính"` hoặc `"trực tiếp"`.
#
# Không nộp được hồ sơ trực tuyến thì chỉ là cung cấp thông tin; nộp trực tuyến mà thanh
# toán và nhận kết quả đều không cần đến cơ quan thì là toàn trình; còn lại là một phần.


# %% nbgrader={"grade": false, "grade_id": "loai-dich-vu", "locked": false, "schema_version": 3, "solution": true}
def loai_dich_vu(nop_ho_so: str, thanh_toan: str, nhan_ket_qua: str) -> str:
    """Loại dịch vụ công trực tuyến theo NĐ 42/2022."""
    ### BEGIN SOLUTION
    if nop_ho_so != "trực tuyến":
        return "chỉ cung cấp thông tin"
    if thanh_toan in ("trực tuyến", "không thu phí") and nhan_ket_qua in (
        "trực tuyến",
        "bưu chính",
    ):
        return "toàn trình"
    return "một phần"
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "loai-dich-vu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    loai_dich_vu,
    [
        (("trực tuyến", "trực tuyến", "trực tuyến"), "toàn trình"),
        (("trực tuyến", "trực tiếp", "trực tiếp"), "một phần"),
        (("trực tiếp", "trực tiếp", "trực tiếp"), "chỉ cung cấp thông tin"),
    ],
    what="loại dịch vụ",
)

# %% nbgrader={"grade": true, "grade_id": "loai-dich-vu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: bưu chính, không thu phí, chỉ một bước trực tiếp, nộp trực tiếp.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    loai_dich_vu,
    [
        (("trực tuyến", "trực tuyến", "bưu chính"), "toàn trình"),
        (("trực tuyến", "không thu phí", "trực tuyến"), "toàn trình"),
        (("trực tuyến", "không thu phí", "bưu chính"), "toàn trình"),
        (("trực tuyến", "không thu phí", "trực tiếp"), "một phần"),
        (("trực tuyến", "trực tiếp", "bưu chính"), "một phần"),
        (("trực tuyến", "trực tuyến", "trực tiếp"), "một phần"),
        (("trực tiếp", "trực tuyến", "trực tuyến"), "chỉ cung cấp thông tin"),
        (("trực tiếp", "không thu phí", "bưu chính"), "chỉ cung cấp thông tin"),
    ],
    what="loại dịch vụ",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Thử phân loại một thủ tục
#
# Chọn cách thực hiện từng bước của một thủ tục; ô dưới đây dùng hàm `loai_dich_vu` của
# anh/chị để cho biết loại dịch vụ.

# %%
import ipywidgets as widgets
from IPython.display import display


def mo_ta_loai(nop_ho_so: str, thanh_toan: str, nhan_ket_qua: str) -> str:
    """Kết luận của công cụ phân loại, hoặc lời nhắc khi chưa làm bài tập."""
    try:
        return "Loại dịch vụ: " + loai_dich_vu(nop_ho_so, thanh_toan, nhan_ket_qua)
    except NotImplementedError:
        return "Hãy làm Bài tập 1 (hàm loai_dich_vu) trước."
    except Exception as loi:
        return f"Hàm loai_dich_vu báo lỗi {type(loi).__name__}: {loi}"


o_nop = widgets.ToggleButtons(options=["trực tuyến", "trực tiếp"], description="Nộp hồ sơ:")
o_phi = widgets.ToggleButtons(
    options=["trực tuyến", "trực tiếp", "không thu phí"], description="Thanh toán:"
)
o_nhan = widgets.ToggleButtons(
    options=["trực tuyến", "bưu chính", "trực tiếp"], description="Nhận kết quả:"
)
o_loai = widgets.Label()


def cap_nhat_loai(_thay_doi: object = None) -> None:
    o_loai.value = mo_ta_loai(o_nop.value, o_phi.value, o_nhan.value)


for o in (o_nop, o_phi, o_nhan):
    o.observe(cap_nhat_loai, names="value")
cap_nhat_loai()
display(widgets.VBox([o_nop, o_phi, o_nhan, o_loai]))

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Chọn đáp án đúng (`"a"`, `"b"` hoặc `"c"`):
#
# 1. Theo Nghị định 43/2011/NĐ-CP, dịch vụ cho phép nộp và xử lý hồ sơ trực tuyến, nhưng nộp
#    phí và nhận kết quả tại cơ quan là mức: a) 2; b) 3; c) 4.
# 2. Mức 4 khác mức 3 ở chỗ: a) có biểu mẫu để tải về; b) thanh toán phí và nhận kết quả
#    trực tuyến (hoặc qua bưu chính); c) có thông tin về thủ tục.
# 3. Nghị định 42/2022/NĐ-CP thay bốn mức độ bằng: a) dịch vụ công trực tuyến toàn trình và
#    một phần; b) mức A, B, C; c) dịch vụ cơ bản và nâng cao.
# 4. Thủ tục cấp phiếu lý lịch tư pháp: nộp hồ sơ và nộp phí trực tuyến, nhận kết quả qua
#    bưu chính công ích. Đó là dịch vụ công trực tuyến: a) một phần; b) toàn trình;
#    c) không phải dịch vụ công trực tuyến.

# %% nbgrader={"grade": false, "grade_id": "muc-do", "locked": false, "schema_version": 3, "solution": true}
# DAP_AN = {1: "...", 2: "...", 3: "...", 4: "..."}
### BEGIN SOLUTION
DAP_AN = {1: "b", 2: "b", 3: "a", 4: "b"}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "muc-do-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true, assert_type

assert_type(DAP_AN, dict, what="DAP_AN")
assert_equal(sorted(DAP_AN), [1, 2, 3, 4], what="các số câu hỏi trong DAP_AN")
for cau, chu in DAP_AN.items():
    assert_type(chu, str, what=f"đáp án câu {cau}")
    assert_true(chu in ("a", "b", "c"), f"Đáp án câu {cau} phải là 'a', 'b' hoặc 'c'.")
assert_equal(DAP_AN[3], "a", what="đáp án câu 3")

# %% nbgrader={"grade": true, "grade_id": "muc-do-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đáp án từng câu.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(DAP_AN, {1: "b", 2: "b", 3: "a", 4: "b"}, what="các đáp án")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Tỉ lệ hồ sơ giải quyết đúng hạn (3 điểm)
#
# Hệ thống một cửa điện tử ghi cho mỗi hồ sơ: ngày nhận, **ngày hẹn trả** kết quả và **ngày
# trả** thực tế (để trống nếu chưa trả). Hồ sơ trả **đúng** ngày hẹn vẫn là đúng hạn. Tỉ lệ
# đúng hạn tính trên các hồ sơ **đã trả kết quả**; hồ sơ chưa trả được theo dõi riêng.

# %%
NHAT_KY.head(8)

# %% [markdown]
# ### Bài tập 3 (3 điểm)
#
# Viết hàm `ty_le_dung_han(nhat_ky)` trả về tỉ lệ phần trăm (kiểu `float`, làm tròn một chữ
# số thập phân, ví dụ `72.2`) hồ sơ trả đúng hạn trong số hồ sơ đã trả kết quả. Nhớ đổi ngày
# bằng `pd.to_datetime(..., format="%d/%m/%Y")` (so sánh chuỗi ngày sẽ sai, xem Bài 1).
# Gợi ý: `(cot_a <= cot_b).mean()` là tỉ lệ các dòng thỏa điều kiện; kết quả của `pandas` là
# kiểu `numpy.float64`, hãy đổi bằng `float(...)` trước khi `round(..., 1)`.


# %% nbgrader={"grade": false, "grade_id": "ty-le-dung-han", "locked": false, "schema_version": 3, "solution": true}
def ty_le_dung_han(nhat_ky: pd.DataFrame) -> float:
    """Phần trăm hồ sơ đã trả kết quả mà trả không muộn hơn ngày hẹn."""
    ### BEGIN SOLUTION
    da_tra = nhat_ky[nhat_ky["ngay_tra"].notna()]
    hen = pd.to_datetime(da_tra["ngay_hen_tra"], format="%d/%m/%Y")
    tra = pd.to_datetime(da_tra["ngay_tra"], format="%d/%m/%Y")
    return round(float((tra <= hen).mean()) * 100, 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-dung-han-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ty_le_dung_han,
    [((NHAT_KY,), 72.2)],
    what="tỉ lệ đúng hạn (%)",
    close=True,
    rel=1e-3,
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-dung-han-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: từng đơn vị, ngày dễ so sánh nhầm dạng chuỗi, trả đúng ngày hẹn, hồ sơ chưa trả.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_nk = pd.DataFrame(
    {
        "ngay_hen_tra": ["05/04/2024", "29/03/2024", "10/04/2024", "02/02/2024", "15/01/2024"],
        "ngay_tra": ["28/03/2024", "01/04/2024", None, "02/02/2024", "20/01/2024"],
    }
)
check_cases(
    ty_le_dung_han,
    [
        ((NHAT_KY[NHAT_KY["don_vi"] == "Sở Tư pháp"],), 75.0),
        ((NHAT_KY[NHAT_KY["don_vi"] == "Sở Kế hoạch và Đầu tư"],), 66.7),
        ((NHAT_KY[NHAT_KY["don_vi"] == "UBND huyện Tân Lập"],), 75.0),
        ((_nk,), 50.0),
        ((_nk.iloc[[0, 3]],), 100.0),
        ((_nk.iloc[[1, 2, 4]],), 0.0),
    ],
    what="tỉ lệ đúng hạn (%)",
    close=True,
    rel=1e-3,
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Số liệu báo cáo bất thường (2 điểm)
#
# Kế hoạch ứng dụng công nghệ thông tin năm 2015 của tỉnh đặt các chỉ tiêu: 80% cán bộ dùng
# thư điện tử công vụ hằng ngày; 60% văn bản trao đổi giữa các cơ quan hoàn toàn dưới dạng
# điện tử; QLVB&ĐH ở 70% đơn vị cấp tỉnh, 50% cấp huyện, 30% cấp xã; một cửa điện tử ở 50%
# đơn vị cấp tỉnh, 100% cấp huyện, 30% cấp xã; 30% đơn vị dùng chữ ký số. Các đơn vị báo cáo
# qua hệ thống báo cáo trực tuyến (theo Nghị định 09/2019/NĐ-CP về chế độ báo cáo); tệp
# `data/bao-cao-ung-dung-cntt-2015.csv` là số liệu tổng hợp. Cột `co_qlvb`, `co_mot_cua`,
# `co_chu_ky_so` bằng 1 nếu đơn vị đã triển khai, 0 nếu chưa.
#
# Trước khi tổng hợp phải soát số liệu: một con số gõ nhầm (thêm một chữ số 0) có thể làm
# chỉ số cả tỉnh "đạt" dù thực tế chưa đạt.

# %%
BAO_CAO.head()

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `du_lieu_bat_thuong(bao_cao)` trả về danh sách tên đơn vị (sắp xếp tăng dần) có
# số liệu **không thể đúng**:
#
# - số cán bộ dùng thư hằng ngày (`dung_thu_hang_ngay`) **lớn hơn** số cán bộ (`so_can_bo`);
# - số văn bản điện tử (`vb_dien_tu`) **lớn hơn** số văn bản trao đổi (`vb_lien_thong`);
# - có số âm ở một trong bốn cột số lượng trên.
#
# Gợi ý: điều kiện trên bảng nối bằng `|` (hoặc), mỗi điều kiện đặt trong ngoặc:
# `(bang["a"] > bang["b"]) | (bang["c"] < 0)`.


# %% nbgrader={"grade": false, "grade_id": "du-lieu-bat-thuong", "locked": false, "schema_version": 3, "solution": true}
def du_lieu_bat_thuong(bao_cao: pd.DataFrame) -> list[str]:
    """Các đơn vị có số liệu mâu thuẫn hoặc âm, tăng dần."""
    ### BEGIN SOLUTION
    cot_so = ["so_can_bo", "dung_thu_hang_ngay", "vb_lien_thong", "vb_dien_tu"]
    sai = (
        (bao_cao["dung_thu_hang_ngay"] > bao_cao["so_can_bo"])
        | (bao_cao["vb_dien_tu"] > bao_cao["vb_lien_thong"])
        | (bao_cao[cot_so] < 0).any(axis=1)
    )
    return sorted(bao_cao.loc[sai, "don_vi"])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "du-lieu-bat-thuong-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    du_lieu_bat_thuong,
    [((BAO_CAO,), ["Sở Xây dựng", "UBND xã Minh Châu"])],
    what="các đơn vị có số liệu bất thường",
)

# %% nbgrader={"grade": true, "grade_id": "du-lieu-bat-thuong-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: số âm, số bằng nhau (không bất thường), không có đơn vị nào bất thường.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_bc = pd.DataFrame(
    {
        "don_vi": ["Xã C", "Xã A", "Xã B", "Xã D", "Xã E"],
        "so_can_bo": [20, 18, 25, 30, 22],
        "dung_thu_hang_ngay": [20, 19, 10, 12, 22],
        "vb_lien_thong": [40, 35, 50, 20, 30],
        "vb_dien_tu": [40, 10, 55, -5, 30],
    }
)
check_cases(
    du_lieu_bat_thuong,
    [
        ((_bc,), ["Xã A", "Xã B", "Xã D"]),
        ((_bc.iloc[[0, 4]],), []),
    ],
    what="các đơn vị có số liệu bất thường",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Chỉ số so với chỉ tiêu kế hoạch (6 điểm)
#
# Hai cách tính "tỉ lệ" hay bị nhầm:
#
# - **Tỉ lệ đơn vị** đã triển khai một hệ thống ở một cấp: số đơn vị cấp đó có giá trị 1 chia
#   cho **số đơn vị của cấp đó** (không phải cho số đơn vị cả tỉnh).
# - **Tỉ lệ cán bộ** dùng thư điện tử: **tổng** số cán bộ dùng thư chia cho **tổng** số cán
#   bộ. **Không** lấy trung bình cộng tỉ lệ của các đơn vị: một xã 20 người dùng đủ 100% không
#   thể "bù" cho một sở 120 người mới dùng 55%.

# %%
vi_du_bang = pd.DataFrame({"so_can_bo": [120, 20], "dung_thu_hang_ngay": [66, 20]})
trung_binh_ti_le = (vi_du_bang["dung_thu_hang_ngay"] / vi_du_bang["so_can_bo"]).mean() * 100
ti_le_tren_tong = vi_du_bang["dung_thu_hang_ngay"].sum() / vi_du_bang["so_can_bo"].sum() * 100
print(f"Trung bình các tỉ lệ: {trung_binh_ti_le:.1f}% — tỉ lệ trên tổng: {ti_le_tren_tong:.1f}%")

# %% [markdown]
# ### Bài tập 5 (2 điểm)
#
# Viết hàm `ty_le_don_vi(bao_cao, cot, cap)` trả về phần trăm (kiểu `float`, làm tròn một chữ
# số thập phân) đơn vị thuộc cấp `cap` (`"tỉnh"`, `"huyện"` hoặc `"xã"`) có giá trị 1 ở cột
# `cot`. Ví dụ `ty_le_don_vi(BAO_CAO, "co_qlvb", "huyện")` trả về `50.0`.


# %% nbgrader={"grade": false, "grade_id": "ty-le-don-vi", "locked": false, "schema_version": 3, "solution": true}
def ty_le_don_vi(bao_cao: pd.DataFrame, cot: str, cap: str) -> float:
    """Phần trăm đơn vị của một cấp đã triển khai (cột cot bằng 1)."""
    ### BEGIN SOLUTION
    cung_cap = bao_cao[bao_cao["cap"] == cap]
    return round(float((cung_cap[cot] == 1).mean()) * 100, 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-don-vi-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ty_le_don_vi,
    [((BAO_CAO, "co_qlvb", "huyện"), 50.0), ((BAO_CAO, "co_qlvb", "tỉnh"), 80.0)],
    what="tỉ lệ đơn vị (%)",
    close=True,
    rel=1e-3,
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-don-vi-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: cột khác, cấp xã, bảng khác.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_dv = pd.DataFrame(
    {
        "cap": ["xã", "xã", "xã", "huyện", "huyện", "tỉnh"],
        "co_mot_cua": [1, 0, 0, 1, 1, 0],
    }
)
check_cases(
    ty_le_don_vi,
    [
        ((BAO_CAO, "co_mot_cua", "xã"), 30.0),
        ((BAO_CAO, "co_mot_cua", "huyện"), 75.0),
        ((BAO_CAO, "co_chu_ky_so", "tỉnh"), 40.0),
        ((_dv, "co_mot_cua", "xã"), 33.3),
        ((_dv, "co_mot_cua", "huyện"), 100.0),
        ((_dv, "co_mot_cua", "tỉnh"), 0.0),
    ],
    what="tỉ lệ đơn vị (%)",
    close=True,
    rel=1e-3,
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 6 (2 điểm)
#
# Viết hàm `ty_le_dung_thu(bao_cao)` trả về phần trăm cán bộ dùng thư điện tử công vụ hằng
# ngày (kiểu `float`, làm tròn một chữ số thập phân): **tổng** cột `dung_thu_hang_ngay` chia
# **tổng** cột `so_can_bo`.


# %% nbgrader={"grade": false, "grade_id": "ty-le-dung-thu", "locked": false, "schema_version": 3, "solution": true}
def ty_le_dung_thu(bao_cao: pd.DataFrame) -> float:
    """Phần trăm cán bộ dùng thư điện tử công vụ hằng ngày, tính trên tổng."""
    ### BEGIN SOLUTION
    tong_dung = int(bao_cao["dung_thu_hang_ngay"].sum())
    tong_can_bo = int(bao_cao["so_can_bo"].sum())
    return round(tong_dung / tong_can_bo * 100, 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-dung-thu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
import pandas as pd

from graders.asserts import check_cases

check_cases(
    ty_le_dung_thu,
    [((pd.DataFrame({"so_can_bo": [120, 20], "dung_thu_hang_ngay": [66, 20]}),), 61.4)],
    what="tỉ lệ cán bộ dùng thư (%)",
    close=True,
    rel=1e-3,
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-dung-thu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: số liệu của tỉnh (có và không có đơn vị bất thường), bảng khác.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_sach = BAO_CAO[~BAO_CAO["don_vi"].isin(["Sở Xây dựng", "UBND xã Minh Châu"])]
check_cases(
    ty_le_dung_thu,
    [
        ((BAO_CAO,), 97.4),
        ((_sach,), 78.2),
        ((pd.DataFrame({"so_can_bo": [10, 30, 60], "dung_thu_hang_ngay": [10, 15, 57]}),), 82.0),
    ],
    what="tỉ lệ cán bộ dùng thư (%)",
    close=True,
    rel=1e-3,
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bảng chỉ số và biểu đồ cho báo cáo
#
# Ô dưới đây loại các đơn vị có số liệu bất thường (Bài tập 4), rồi dùng các hàm của Bài tập
# 5 và 6 để lập bảng chỉ số so với chỉ tiêu. Hai chỉ số tính trực tiếp: tỉ lệ đơn vị dùng chữ
# ký số (trên mọi đơn vị) và tỉ lệ văn bản điện tử (tổng `vb_dien_tu` chia tổng
# `vb_lien_thong`).

# %%
CHI_TIEU = {
    "QLVB&ĐH cấp tỉnh": 70,
    "QLVB&ĐH cấp huyện": 50,
    "QLVB&ĐH cấp xã": 30,
    "Một cửa cấp tỉnh": 50,
    "Một cửa cấp huyện": 100,
    "Một cửa cấp xã": 30,
    "Thư điện tử": 80,
    "Chữ ký số": 30,
    "Văn bản điện tử": 60,
}


def lap_bang_chi_so(bao_cao: pd.DataFrame) -> pd.DataFrame:
    """Bảng chỉ số thực tế so với chỉ tiêu, sau khi loại đơn vị có số liệu bất thường."""
    sach = bao_cao[~bao_cao["don_vi"].isin(du_lieu_bat_thuong(bao_cao))]
    thuc_te = {}
    for ten_cap in ("tỉnh", "huyện", "xã"):
        thuc_te[f"QLVB&ĐH cấp {ten_cap}"] = ty_le_don_vi(sach, "co_qlvb", ten_cap)
        thuc_te[f"Một cửa cấp {ten_cap}"] = ty_le_don_vi(sach, "co_mot_cua", ten_cap)
    thuc_te["Thư điện tử"] = ty_le_dung_thu(sach)
    thuc_te["Chữ ký số"] = round(float(sach["co_chu_ky_so"].mean()) * 100, 1)
    thuc_te["Văn bản điện tử"] = round(
        float(sach["vb_dien_tu"].sum() / sach["vb_lien_thong"].sum()) * 100, 1
    )
    bang = pd.DataFrame({"thuc_te": thuc_te, "chi_tieu": CHI_TIEU})
    bang["dat"] = bang["thuc_te"] >= bang["chi_tieu"]
    return bang


try:
    BANG_CHI_SO = lap_bang_chi_so(BAO_CAO)
    display(BANG_CHI_SO)
    hinh, truc = plt.subplots(figsize=(8, 4))
    mau = ["tab:green" if dat else "tab:red" for dat in BANG_CHI_SO["dat"]]
    truc.barh(BANG_CHI_SO.index, BANG_CHI_SO["thuc_te"], color=mau, label="Thực tế")
    truc.scatter(BANG_CHI_SO["chi_tieu"], BANG_CHI_SO.index, color="black", marker="|", s=300)
    truc.set_xlabel("Tỉ lệ (%) — vạch đen: chỉ tiêu; xanh: đạt, đỏ: chưa đạt")
    truc.set_title("Ứng dụng CNTT năm 2015 so với kế hoạch (tỉnh Sơn Hà)")
    truc.invert_yaxis()
    hinh.tight_layout()
    plt.show()
except NotImplementedError:
    print("Hãy làm Bài tập 4, 5 và 6 trước để lập bảng chỉ số.")

# %% [markdown]
# ### Bài tập 7 (2 điểm)
#
# Dựa vào bảng chỉ số (số liệu **đã loại** đơn vị bất thường), điền `True` nếu chỉ số **đạt**
# chỉ tiêu (thực tế lớn hơn hoặc bằng chỉ tiêu), `False` nếu chưa đạt. Chép các dòng mẫu,
# thay `...` bằng `True` hoặc `False` (không sao chép từ bảng bằng mã: hãy tự đọc và kết
# luận).

# %% nbgrader={"grade": false, "grade_id": "dat-chi-tieu", "locked": false, "schema_version": 3, "solution": true}
DAT_CHI_TIEU = {}
# DAT_CHI_TIEU["QLVB&ĐH cấp tỉnh"] = ...
# DAT_CHI_TIEU["QLVB&ĐH cấp huyện"] = ...
# DAT_CHI_TIEU["QLVB&ĐH cấp xã"] = ...
# DAT_CHI_TIEU["Một cửa cấp tỉnh"] = ...
# DAT_CHI_TIEU["Một cửa cấp huyện"] = ...
# DAT_CHI_TIEU["Một cửa cấp xã"] = ...
# DAT_CHI_TIEU["Thư điện tử"] = ...
# DAT_CHI_TIEU["Chữ ký số"] = ...
# DAT_CHI_TIEU["Văn bản điện tử"] = ...
### BEGIN SOLUTION
DAT_CHI_TIEU["QLVB&ĐH cấp tỉnh"] = True
DAT_CHI_TIEU["QLVB&ĐH cấp huyện"] = True
DAT_CHI_TIEU["QLVB&ĐH cấp xã"] = False
DAT_CHI_TIEU["Một cửa cấp tỉnh"] = True
DAT_CHI_TIEU["Một cửa cấp huyện"] = False
DAT_CHI_TIEU["Một cửa cấp xã"] = True
DAT_CHI_TIEU["Thư điện tử"] = False
DAT_CHI_TIEU["Chữ ký số"] = False
DAT_CHI_TIEU["Văn bản điện tử"] = False
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "dat-chi-tieu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(DAT_CHI_TIEU, dict, what="DAT_CHI_TIEU")
assert_equal(sorted(DAT_CHI_TIEU), sorted(CHI_TIEU), what="các chỉ số trong DAT_CHI_TIEU")
for chi_so, ket_luan in DAT_CHI_TIEU.items():
    assert_type(ket_luan, bool, what=f"kết luận về {chi_so} (True hoặc False)")
assert_equal(DAT_CHI_TIEU["QLVB&ĐH cấp tỉnh"], True, what="kết luận về QLVB&ĐH cấp tỉnh")

# %% nbgrader={"grade": true, "grade_id": "dat-chi-tieu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: so với kết luận tính lại từ số liệu đã loại đơn vị bất thường.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_s = BAO_CAO[
    ~(
        (BAO_CAO["dung_thu_hang_ngay"] > BAO_CAO["so_can_bo"])
        | (BAO_CAO["vb_dien_tu"] > BAO_CAO["vb_lien_thong"])
    )
]
_thuc = {}
for _cap in ("tỉnh", "huyện", "xã"):
    _nhom = _s[_s["cap"] == _cap]
    _thuc[f"QLVB&ĐH cấp {_cap}"] = _nhom["co_qlvb"].sum() / len(_nhom) * 100
    _thuc[f"Một cửa cấp {_cap}"] = _nhom["co_mot_cua"].sum() / len(_nhom) * 100
_thuc["Thư điện tử"] = _s["dung_thu_hang_ngay"].sum() / _s["so_can_bo"].sum() * 100
_thuc["Chữ ký số"] = _s["co_chu_ky_so"].sum() / len(_s) * 100
_thuc["Văn bản điện tử"] = _s["vb_dien_tu"].sum() / _s["vb_lien_thong"].sum() * 100
assert_equal(
    DAT_CHI_TIEU,
    {k: bool(_thuc[k] >= CHI_TIEU[k]) for k in CHI_TIEU},
    what="các kết luận đạt/chưa đạt chỉ tiêu",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ) một đoạn **báo cáo gửi lãnh đạo** về kết quả trên:
# những chỉ tiêu đã đạt, chưa đạt, và hai số liệu bất thường đã xử lý thế nào (liên hệ đơn vị
# để xác minh, không tự sửa). Liên hệ cơ quan anh/chị: tỉ lệ hồ sơ đúng hạn, tỉ lệ dịch vụ
# công toàn trình hiện nay là bao nhiêu, số liệu báo cáo lấy từ đâu và có đáng tin không?
# Đề xuất một việc cụ thể để cải thiện chỉ tiêu còn thấp nhất.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu đúng kết luận (đạt: QLVB&ĐH cấp tỉnh, cấp huyện vừa đủ 50%, một cửa cấp
# tỉnh và cấp xã; chưa đạt: QLVB&ĐH cấp xã, một cửa cấp huyện, thư điện tử 78,2% sau khi loại
# số liệu sai, chữ ký số, văn bản điện tử), nêu cách xử lý số liệu bất thường (đề nghị đơn vị
# báo cáo lại), liên hệ được số liệu thật của cơ quan và đề xuất giải pháp khả thi.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - NĐ 42/2022: dịch vụ công trực tuyến **toàn trình** (mọi bước trên mạng, kết quả trả trực
#   tuyến hoặc qua bưu chính công ích) và **một phần**; thay cho các mức 1–4 của NĐ 43/2011.
# - Tỉ lệ đúng hạn tính trên hồ sơ đã trả; trả đúng ngày hẹn là đúng hạn; đổi ngày dạng chuỗi
#   trước khi so sánh.
# - Soát số liệu trước khi tổng hợp: số người dùng không thể vượt số cán bộ, số văn bản điện
#   tử không thể vượt tổng số văn bản, không có số âm.
# - Tỉ lệ đơn vị chia cho số đơn vị **cùng cấp**; tỉ lệ cán bộ là **tổng chia tổng**, không
#   phải trung bình các tỉ lệ.
# - Biểu đồ so sánh thực tế với chỉ tiêu giúp lãnh đạo thấy ngay chỉ tiêu nào chưa đạt.
