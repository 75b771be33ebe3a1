# %% [markdown]
# # Bài 6. Báo cáo trực tuyến: kỳ chốt số liệu, tổng hợp và đối chiếu
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** Bài 1 (ngày tháng trong Python) và Bài 5 (tỉ lệ trên tổng,
# số liệu bất thường, biểu đồ).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. xác định thời gian chốt số liệu của báo cáo định kỳ theo Nghị định 09/2019/NĐ-CP;
# 2. xếp một sự việc vào đúng kỳ báo cáo tháng theo ngày xảy ra;
# 3. đối chiếu số liệu huyện báo cáo với tổng số liệu các xã, tìm chỗ không khớp;
# 4. tính tỉ lệ văn bản điện tử theo tháng và vẽ biểu đồ so với chỉ tiêu.
#
# **Cách làm bài.** Như các bài trước. Tổng 13 điểm: 10 điểm chấm tự động, 3 điểm câu suy
# ngẫm. Dữ liệu: báo cáo quý I/2024 về văn bản gửi đi của các xã và huyện tỉnh Sơn Hà (giả
# định), nhập trên hệ thống báo cáo trực tuyến của tỉnh.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd

BAO_CAO_XA = pd.read_csv("data/bao-cao-xa-quy-1-2024.csv")
BAO_CAO_HUYEN = pd.read_csv("data/bao-cao-huyen-quy-1-2024.csv")

# %% [markdown]
# ## Phần 1. Thời gian chốt số liệu (5 điểm)
#
# Nghị định 09/2019/NĐ-CP quy định chế độ báo cáo của cơ quan hành chính nhà nước. Để số liệu
# các nơi cộng được với nhau, báo cáo định kỳ dùng chung **thời gian chốt số liệu**:
#
# | Kỳ báo cáo | Thời gian chốt số liệu |
# |---|---|
# | Hằng tháng | từ ngày 15 của tháng trước đến ngày 14 của tháng thuộc kỳ báo cáo |
# | Hằng quý | từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối quý |
# | 6 tháng đầu năm | từ ngày 15/12 năm trước đến ngày 14/6 |
# | 6 tháng cuối năm | từ ngày 15/6 đến ngày 14/12 |
# | Hằng năm | từ ngày 15/12 năm trước đến ngày 14/12 của năm báo cáo |
#
# Ví dụ: báo cáo tháng 1/2024 chốt số liệu từ 15/12/**2023** đến 14/01/2024; báo cáo quý
# II/2024 từ 15/3/2024 đến 14/6/2024. Kỳ không trùng với tháng dương lịch: một sự việc ngày
# 20/3/2024 thuộc kỳ báo cáo **tháng 4** và **quý II**.
#
# ### Bài tập 1 (3 điểm)
#
# Viết hàm `ky_chot_so_lieu(loai, nam, ky)` trả về cặp `(tu_ngay, den_ngay)` (hai giá trị
# kiểu `date`) của kỳ báo cáo:
#
# - `loai = "tháng"`, `ky` từ 1 đến 12;
# - `loai = "quý"`, `ky` từ 1 đến 4;
# - `loai = "6 tháng"`, `ky` là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm);
# - `loai = "năm"`, `ky` là 1.
#
# Gợi ý: mọi kỳ đều kết thúc ngày 14 của **tháng cuối kỳ** và bắt đầu ngày 15 của tháng
# **trước tháng đầu kỳ**; hãy tìm tháng đầu và tháng cuối trước. Tháng trước tháng 1 là tháng
# 12 của năm trước.


# %% nbgrader={"grade": false, "grade_id": "ky-chot-so-lieu", "locked": false, "schema_version": 3, "solution": true}
def ky_chot_so_lieu(loai: str, nam: int, ky: int) -> tuple[date, date]:
    """Ngày đầu và ngày cuối của thời gian chốt số liệu (NĐ 09/2019)."""
    ### BEGIN SOLUTION
    so_thang = {"tháng": 1, "quý": 3, "6 tháng": 6, "năm": 12}[loai]
    thang_cuoi = ky * so_thang
    thang_dau = thang_cuoi - so_thang + 1
    # Ngày 15 của tháng trước tháng đầu kỳ; trước tháng 1 là tháng 12 năm trước.
    tu_ngay = date(nam - 1, 12, 15) if thang_dau == 1 else date(nam, thang_dau - 1, 15)
    return tu_ngay, date(nam, thang_cuoi, 14)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ky-chot-so-lieu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ky_chot_so_lieu,
    [
        (("tháng", 2024, 3), (date(2024, 2, 15), date(2024, 3, 14))),
        (("quý", 2024, 2), (date(2024, 3, 15), date(2024, 6, 14))),
    ],
    what="thời gian chốt số liệu",
)

# %% nbgrader={"grade": true, "grade_id": "ky-chot-so-lieu-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tháng 1 và quý I (sang năm trước), tháng 12, quý IV, 6 tháng, năm.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    ky_chot_so_lieu,
    [
        (("tháng", 2024, 1), (date(2023, 12, 15), date(2024, 1, 14))),
        (("tháng", 2025, 12), (date(2025, 11, 15), date(2025, 12, 14))),
        (("quý", 2024, 1), (date(2023, 12, 15), date(2024, 3, 14))),
        (("quý", 2023, 4), (date(2023, 9, 15), date(2023, 12, 14))),
        (("6 tháng", 2024, 1), (date(2023, 12, 15), date(2024, 6, 14))),
        (("6 tháng", 2024, 2), (date(2024, 6, 15), date(2024, 12, 14))),
        (("năm", 2015, 1), (date(2014, 12, 15), date(2015, 12, 14))),
    ],
    what="thời gian chốt số liệu",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `ky_thang_cua_ngay(ngay)` trả về cặp `(nam, thang)` (hai số nguyên) của kỳ báo
# cáo **tháng** chứa ngày `ngay`. Ví dụ: ngày 14/3/2024 thuộc kỳ `(2024, 3)`, ngày 15/3/2024
# thuộc kỳ `(2024, 4)`, ngày 20/12/2024 thuộc kỳ `(2025, 1)`.


# %% nbgrader={"grade": false, "grade_id": "ky-thang-cua-ngay", "locked": false, "schema_version": 3, "solution": true}
def ky_thang_cua_ngay(ngay: date) -> tuple[int, int]:
    """(năm, tháng) của kỳ báo cáo tháng chứa ngày ngay."""
    ### BEGIN SOLUTION
    if ngay.day <= 14:
        return ngay.year, ngay.month
    if ngay.month == 12:
        return ngay.year + 1, 1
    return ngay.year, ngay.month + 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ky-thang-cua-ngay-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ky_thang_cua_ngay,
    [((date(2024, 3, 14),), (2024, 3)), ((date(2024, 3, 15),), (2024, 4))],
    what="kỳ báo cáo tháng",
)

# %% nbgrader={"grade": true, "grade_id": "ky-thang-cua-ngay-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: cuối năm sang năm sau, đầu tháng, ngày 31.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    ky_thang_cua_ngay,
    [
        ((date(2024, 12, 20),), (2025, 1)),
        ((date(2024, 12, 14),), (2024, 12)),
        ((date(2024, 12, 15),), (2025, 1)),
        ((date(2024, 1, 1),), (2024, 1)),
        ((date(2024, 1, 31),), (2024, 2)),
        ((date(2024, 11, 30),), (2024, 12)),
    ],
    what="kỳ báo cáo tháng",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Đối chiếu số liệu huyện với các xã (3 điểm)
#
# Mỗi tháng, các xã nhập số văn bản gửi đi (`vb_gui`) và số văn bản gửi hoàn toàn dưới dạng
# điện tử (`vb_dien_tu`); huyện nhập số liệu tổng của huyện. Số liệu huyện phải **bằng tổng**
# số liệu các xã của huyện đó trong cùng tháng. `groupby` cộng theo nhóm:

# %%
tong_xa = BAO_CAO_XA.groupby(["huyen", "thang"], as_index=False)[["vb_gui", "vb_dien_tu"]].sum()
tong_xa

# %%
BAO_CAO_HUYEN

# %% [markdown]
# ### Bài tập 3 (3 điểm)
#
# Viết hàm `khong_khop(bao_cao_xa, bao_cao_huyen)` trả về danh sách các cặp
# `(huyện, tháng)` — tên huyện là chuỗi, tháng là **số nguyên Python** (`int`) — mà số liệu
# huyện báo cáo khác tổng các xã ở **ít nhất một** trong hai cột `vb_gui`, `vb_dien_tu`;
# danh sách sắp xếp tăng dần. Hai bảng có cùng các cặp (huyện, tháng).
#
# Gợi ý: `tong_xa.merge(bao_cao_huyen, on=["huyen", "thang"], suffixes=("_xa", "_huyen"))`
# đặt hai số liệu cạnh nhau trên cùng một dòng (cột `vb_gui_xa`, `vb_gui_huyen`...).


# %% nbgrader={"grade": false, "grade_id": "khong-khop", "locked": false, "schema_version": 3, "solution": true}
def khong_khop(bao_cao_xa: pd.DataFrame, bao_cao_huyen: pd.DataFrame) -> list[tuple[str, int]]:
    """Các cặp (huyện, tháng) có số liệu huyện khác tổng các xã, tăng dần."""
    ### BEGIN SOLUTION
    cong = bao_cao_xa.groupby(["huyen", "thang"], as_index=False)[["vb_gui", "vb_dien_tu"]].sum()
    ghep = cong.merge(bao_cao_huyen, on=["huyen", "thang"], suffixes=("_xa", "_huyen"))
    lech = (ghep["vb_gui_xa"] != ghep["vb_gui_huyen"]) | (
        ghep["vb_dien_tu_xa"] != ghep["vb_dien_tu_huyen"]
    )
    cap_lech = zip(ghep.loc[lech, "huyen"], ghep.loc[lech, "thang"], strict=True)
    return sorted((str(huyen), int(thang)) for huyen, thang in cap_lech)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "khong-khop-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    khong_khop,
    [((BAO_CAO_XA, BAO_CAO_HUYEN), [("Tân Lập", 3), ("Yên Hòa", 2)])],
    what="các cặp (huyện, tháng) không khớp",
)

# %% nbgrader={"grade": true, "grade_id": "khong-khop-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: lệch chỉ ở cột văn bản điện tử, khớp hoàn toàn, thứ tự dòng khác.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_xa = pd.DataFrame(
    {
        "huyen": ["B", "A", "A", "B", "A"],
        "xa": ["b1", "a1", "a2", "b1", "a1"],
        "thang": [1, 1, 1, 2, 2],
        "vb_gui": [10, 20, 5, 7, 9],
        "vb_dien_tu": [4, 10, 5, 7, 3],
    }
)
_huyen_dung = pd.DataFrame(
    {
        "huyen": ["A", "A", "B", "B"],
        "thang": [2, 1, 2, 1],
        "vb_gui": [9, 25, 7, 10],
        "vb_dien_tu": [3, 15, 7, 4],
    }
)
_huyen_lech = _huyen_dung.assign(vb_dien_tu=[3, 16, 8, 4])
check_cases(
    khong_khop,
    [
        ((_xa, _huyen_dung), []),
        ((_xa, _huyen_lech), [("A", 1), ("B", 2)]),
        ((BAO_CAO_XA, BAO_CAO_HUYEN.iloc[::-1]), [("Tân Lập", 3), ("Yên Hòa", 2)]),
    ],
    what="các cặp (huyện, tháng) không khớp",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Tỉ lệ văn bản điện tử theo tháng (2 điểm)
#
# Chỉ tiêu kế hoạch: 60% văn bản trao đổi giữa các cơ quan hoàn toàn dưới dạng điện tử. Như ở
# Bài 5, tỉ lệ của cả địa bàn là **tổng** văn bản điện tử chia **tổng** văn bản gửi, không phải
# trung bình tỉ lệ của các xã.
#
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `ty_le_theo_thang(bao_cao_xa)` trả về từ điển tháng (`int`) → phần trăm văn bản
# điện tử của tháng đó trên toàn bộ các xã trong bảng (`float`, làm tròn một chữ số thập
# phân).


# %% nbgrader={"grade": false, "grade_id": "ty-le-theo-thang", "locked": false, "schema_version": 3, "solution": true}
def ty_le_theo_thang(bao_cao_xa: pd.DataFrame) -> dict[int, float]:
    """Phần trăm văn bản điện tử theo tháng, tính trên tổng."""
    ### BEGIN SOLUTION
    ket_qua = {}
    for thang, nhom in bao_cao_xa.groupby("thang"):
        ti_le = int(nhom["vb_dien_tu"].sum()) / int(nhom["vb_gui"].sum()) * 100
        ket_qua[int(thang)] = round(ti_le, 1)
    return ket_qua
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-theo-thang-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ty_le_theo_thang,
    [((BAO_CAO_XA,), {1: 52.8, 2: 57.6, 3: 66.0})],
    what="tỉ lệ văn bản điện tử theo tháng",
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-theo-thang-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: một huyện, bảng khác có tỉ lệ các xã rất khác nhau.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_bc = pd.DataFrame(
    {
        "thang": [5, 5, 6],
        "vb_gui": [100, 10, 40],
        "vb_dien_tu": [50, 10, 30],
    }
)
check_cases(
    ty_le_theo_thang,
    [
        ((_bc,), {5: 54.5, 6: 75.0}),
        ((BAO_CAO_XA[BAO_CAO_XA["huyen"] == "Yên Hòa"],), {1: 38.7, 2: 43.8, 3: 52.8}),
    ],
    what="tỉ lệ văn bản điện tử theo tháng",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Biểu đồ cho báo cáo
#
# Ô dưới đây vẽ tỉ lệ theo tháng của từng huyện (dùng hàm của Bài tập 4) và đường chỉ tiêu
# 60%.

# %%
try:
    hinh, truc = plt.subplots(figsize=(6, 3.5))
    for ten_huyen, nhom_huyen in BAO_CAO_XA.groupby("huyen"):
        ti_le_huyen = ty_le_theo_thang(nhom_huyen)
        truc.plot(list(ti_le_huyen), list(ti_le_huyen.values()), marker="o", label=ten_huyen)
    truc.axhline(60, color="red", linestyle="--", label="Chỉ tiêu 60%")
    truc.set_xticks([1, 2, 3])
    truc.set_xlabel("Tháng (kỳ báo cáo năm 2024)")
    truc.set_ylabel("Văn bản điện tử (%)")
    truc.legend()
    hinh.tight_layout()
    plt.show()
except NotImplementedError:
    plt.close("all")
    print("Hãy làm Bài tập 4 (hàm ty_le_theo_thang) trước để vẽ biểu đồ.")

# %% [markdown]
# ## Phần 4. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): cơ quan anh/chị đang gửi những báo cáo định kỳ nào
# qua hệ thống báo cáo trực tuyến, số liệu lấy từ đâu và chốt vào ngày nào? Đã bao giờ số liệu
# cấp trên tổng hợp không khớp với số liệu cấp dưới chưa, nguyên nhân là gì và đã xử lý ra
# sao? Đề xuất một cách để số liệu được lấy tự động từ các hệ thống (QLVB&ĐH, một cửa) thay vì
# nhập tay.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu được báo cáo cụ thể và thời gian chốt số liệu đúng NĐ 09/2019, một tình
# huống số liệu không khớp (nhập trùng, gõ nhầm, khác kỳ chốt) với cách xử lý đúng (đề nghị
# cấp dưới rà soát, không tự sửa), và đề xuất khả thi (kết nối hệ thống báo cáo với QLVB&ĐH,
# một cửa qua nền tảng tích hợp LGSP; kiểm tra tự động tổng cấp dưới).
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - NĐ 09/2019: kỳ báo cáo tháng chốt số liệu từ ngày 15 tháng trước đến ngày 14 tháng báo
#   cáo; quý, 6 tháng, năm cũng kết thúc ngày 14 của tháng cuối kỳ. Kỳ tháng 1, quý I, 6 tháng
#   đầu năm và năm bắt đầu từ 15/12 năm trước.
# - Sự việc từ ngày 15 trở đi thuộc kỳ báo cáo tháng sau (ngày 20/12 thuộc kỳ tháng 1 năm sau).
# - Số liệu cấp trên phải bằng tổng số liệu cấp dưới cùng kỳ: đối chiếu bằng `groupby` và
#   `merge`, báo lại chỗ lệch để đơn vị rà soát.
# - Tỉ lệ của cả địa bàn tính trên tổng; biểu đồ có đường chỉ tiêu giúp thấy ngay tháng nào đạt.
