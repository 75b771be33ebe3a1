# %% [markdown]
# # Bài 3. Siêu dữ liệu, văn bản trùng, tìm kiếm và xuất gói tài liệu
#
# *Khóa Số hóa tài liệu lưu trữ — dành cho cán bộ văn thư, lưu trữ.*
#
# **Điều kiện tiên quyết:** Bài 1 và Bài 2 (chạy `digitize_archive`, đọc kết quả). Nên có sẵn
# NĐ 30, Phụ lục VI (các trường thông tin đầu vào của văn bản) để tra cứu.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. lập bảng siêu dữ liệu (số, ký hiệu, ngày ban hành, cơ quan, trích yếu…) cho các văn bản
#    đã số hóa và đọc bảng đó;
# 2. phát hiện văn bản đăng ký trùng (cùng số, ký hiệu, cơ quan ban hành trong một năm);
# 3. tạo khóa tìm kiếm không dấu đúng cách (kể cả `đ` → `d`, chữ dạng NFD);
# 4. tìm kiếm có dấu và không dấu trong kho;
# 5. xuất gói tài liệu theo chuẩn BagIt và kiểm tra mã băm SHA-256 của từng tệp.
#
# **Cách làm bài.** Như các bài trước. Tổng 12 điểm: 9 điểm chấm tự động, 3 điểm câu suy ngẫm.
# Trước khi nộp, chọn *Kernel → Restart & Run All*.
#
# Thư mục `data/ban-quet/hs-01/` là một hồ sơ giả định gồm ba bản quét; văn thư đã lỡ quét
# một văn bản **hai lần**.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import hashlib
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from digitize import digitize_archive
from digitize.records import build_records, export_records, find_duplicates, records_frame, search

# %% [markdown]
# ## Phần 1. Bảng siêu dữ liệu và văn bản trùng (3 điểm)
#
# Sau khi nhận dạng chữ, `build_records(kho)` đọc trang đầu của mỗi văn bản và điền các trường
# của Phụ lục VI: `CodeNumber` (số), `CodeNotation` (ký hiệu), `IssuedDate` (ngày ban hành),
# `OrganName` (cơ quan ban hành), `Subject` (trích yếu)… `records_frame(kho)` trả về bảng
# `pandas` của các bản ghi. Ô dưới đây chạy OCR ba trang (vài giây) rồi lập bảng.

# %%
KHO = Path(tempfile.mkdtemp(prefix="kho-so-hoa-"))
digitize_archive("data/ban-quet", KHO, {"jobs": 1})
BAO_CAO = build_records(KHO)
print("Số bản ghi mới:", BAO_CAO.added)
BANG = records_frame(KHO)
BANG[["SourcePaths", "Code", "IssuedDate", "OrganName", "Subject"]]

# %% [markdown]
# Phụ lục VI của NĐ 30 yêu cầu hệ thống **cảnh báo** khi cùng một số, ký hiệu của cùng một cơ
# quan ban hành được đăng ký hai lần trong một năm (số văn bản đánh lại từ 01 mỗi năm, nên
# trùng số ở hai năm khác nhau là bình thường). `build_records` đã báo:

# %%
for nhom in find_duplicates(KHO):
    print(nhom.code, "|", nhom.organ_name, "|", nhom.year, "|", nhom.source_paths)

# %% [markdown]
# ### Bài tập 1 (3 điểm)
#
# Tự kiểm tra lại bằng bảng: viết hàm `so_ky_hieu_trung(bang)` nhận một bảng có các cột
# `Code` (số, ký hiệu, ví dụ `"15/QĐ-UBND"`), `OrganName` và `IssuedDate` (kiểu ngày của
# pandas), trả về danh sách (`list`) các số, ký hiệu bị trùng, **sắp xếp tăng dần, mỗi số chỉ
# một lần**. Hai dòng trùng nhau khi cùng số, ký hiệu, cùng cơ quan và cùng **năm** ban hành.
# Số, ký hiệu gõ tay hay OCR có thể lẫn dấu cách (`"15 /QĐ-UBND"`) hoặc ở dạng NFD: trước khi
# so, hãy chuẩn hóa NFC và **bỏ mọi dấu cách**; trả về số, ký hiệu đã chuẩn hóa.
#
# Gợi ý: tạo cột khóa `bang.assign(khoa=..., nam=bang["IssuedDate"].dt.year)`, rồi dùng
# `.duplicated(subset=[...], keep=False)` để đánh dấu mọi dòng trùng.


# %% nbgrader={"grade": false, "grade_id": "so-ky-hieu-trung", "locked": false, "schema_version": 3, "solution": true}
def so_ky_hieu_trung(bang: pd.DataFrame) -> list[str]:
    """Các số, ký hiệu (đã chuẩn hóa) trùng cơ quan và năm ban hành, tăng dần, không lặp."""
    ### BEGIN SOLUTION
    khoa = [unicodedata.normalize("NFC", ma).replace(" ", "") for ma in bang["Code"]]
    co_khoa = bang.assign(khoa=khoa, nam=bang["IssuedDate"].dt.year)
    trung = co_khoa.duplicated(subset=["khoa", "OrganName", "nam"], keep=False)
    return sorted(set(co_khoa.loc[trung, "khoa"]))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "so-ky-hieu-trung-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal

assert_equal(
    so_ky_hieu_trung(BANG),
    sorted({nhom.code for nhom in find_duplicates(KHO)}),
    what="các số, ký hiệu trùng trong hồ sơ hs-01",
)

# %% nbgrader={"grade": true, "grade_id": "so-ky-hieu-trung-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: trùng số ở hai năm, hai cơ quan khác nhau; dấu cách thừa; nhiều nhóm.
import pandas as pd

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_bang = pd.DataFrame(
    {
        "Code": [
            "15/QĐ-UBND",
            "15/QĐ-UBND",
            "15/QĐ-UBND",
            "07/KH-SNV",
            "07 /KH-SNV",
            "12/TTr -SNV",
            "12/TTr-SNV",
            "03/BC-SNV",
        ],
        "OrganName": [
            "Ủy ban nhân dân tỉnh Sơn Hà",
            "Ủy ban nhân dân tỉnh Sơn Hà",
            "Ủy ban nhân dân huyện Tân Lập",
            "Sở Nội vụ tỉnh Sơn Hà",
            "Sở Nội vụ tỉnh Sơn Hà",
            "Sở Nội vụ tỉnh Sơn Hà",
            "Sở Nội vụ tỉnh Sơn Hà",
            "Sở Nội vụ tỉnh Sơn Hà",
        ],
        "IssuedDate": pd.to_datetime(
            [
                "2023-01-09",
                "2024-01-10",
                "2024-01-10",
                "2024-03-01",
                "2024-03-02",
                "2024-05-05",
                "2024-06-06",
                "2024-07-07",
            ]
        ),
    }
)
check_cases(
    so_ky_hieu_trung,
    [
        ((_bang,), ["07/KH-SNV", "12/TTr-SNV"]),
        ((_bang.iloc[[0, 1, 2, 7]],), []),
        ((pd.concat([_bang, _bang.iloc[[0]]]),), ["07/KH-SNV", "12/TTr-SNV", "15/QĐ-UBND"]),
    ],
    what="các số, ký hiệu trùng",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Khóa tìm kiếm không dấu (2 điểm)
#
# Người tìm thường gõ không dấu («quyet dinh dau tu»). Để tìm được, hệ thống so **khóa không
# dấu** của câu tìm với khóa của văn bản. Cách tạo khóa (DOMAIN §8):
#
# 1. tách dấu khỏi chữ: `unicodedata.normalize("NFD", chuoi)` biến «ế» thành «e» + dấu mũ +
#    dấu sắc (các dấu là ký tự riêng, mã từ U+0300 đến U+036F);
# 2. bỏ các ký tự dấu đó: `unicodedata.combining(ky_tu)` khác 0 với ký tự dấu;
# 3. đổi `đ` → `d`, `Đ` → `D`: chữ đ **không** tách được thành d + dấu, nên bước 2 không bỏ
#    được nét gạch của nó;
# 4. chuyển thành chữ thường bằng `.casefold()`.

# %%
vi_du = "Đầu tư"
tach = unicodedata.normalize("NFD", vi_du)
print(len(vi_du), len(tach), [hex(ord(ky_tu)) for ky_tu in tach])
print("".join(ky_tu for ky_tu in tach if not unicodedata.combining(ky_tu)))

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `khoa_tim_kiem(chuoi)` trả về khóa không dấu theo bốn bước trên. Ví dụ
# `khoa_tim_kiem("Đầu tư")` là `"dau tu"`, `khoa_tim_kiem("QUYẾT ĐỊNH")` là `"quyet dinh"`.


# %% nbgrader={"grade": false, "grade_id": "khoa-tim-kiem", "locked": false, "schema_version": 3, "solution": true}
def khoa_tim_kiem(chuoi: str) -> str:
    """Khóa tìm kiếm bỏ dấu, đ → d, chữ thường."""
    ### BEGIN SOLUTION
    tach_dau = unicodedata.normalize("NFD", chuoi)
    khong_dau = "".join(c for c in tach_dau if not unicodedata.combining(c))
    return khong_dau.replace("đ", "d").replace("Đ", "D").casefold()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "khoa-tim-kiem-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    khoa_tim_kiem,
    [(("Đầu tư",), "dau tu"), (("QUYẾT ĐỊNH",), "quyet dinh")],
    what="khóa tìm kiếm",
)

# %% nbgrader={"grade": true, "grade_id": "khoa-tim-kiem-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: so với digitize.vntext.fold — đ giữa từ, chữ NFD, hoà/hòa, thuỷ/thủy, số hiệu.
import unicodedata

from digitize.vntext import fold
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_chuoi = [
    "Sở Nội vụ tỉnh Sơn Hà",
    "đất đai",
    unicodedata.normalize("NFD", "Ủy ban nhân dân"),
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "hòa giải",
    "thuỷ lợi",
    "15/QĐ-UBND",
    "Độc lập - Tự do - Hạnh phúc",
]
check_cases(khoa_tim_kiem, [((c,), fold(c)) for c in _chuoi], what="khóa tìm kiếm")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Tìm kiếm có dấu và không dấu (2 điểm)
#
# `search(kho, cau_tim, mode=...)` tìm trong siêu dữ liệu và toàn văn của kho. Chế độ
# `"folded"` (mặc định) bỏ qua dấu, `đ`, chữ hoa, thường: «thien tai» tìm được «thiên tai».
# Chế độ `"accents"` tính cả dấu (chỉ bỏ qua vị trí đặt dấu `hoà`/`hòa` và chữ hoa, thường):
# «thien tai» không tìm được «thiên tai». Mỗi kết quả trong `.hits` có `.record.source_path`
# (tệp bản quét) và `.snippet` (đoạn trích, từ khớp đặt trong «»).

# %%
for cau_tim, che_do in [
    ("thiên tai", "accents"),
    ("thien tai", "accents"),
    ("thien tai", "folded"),
]:
    ket_qua = search(KHO, cau_tim, mode=che_do)
    print(f"{cau_tim!r} ({che_do}): {ket_qua.total} văn bản")
    for hit in ket_qua.hits:
        print("   ", hit.record.source_path, "—", hit.snippet)

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `tim_van_ban(kho, cau_tim, co_dau)` trả về danh sách (`list`) tên tệp bản quét
# (`source_path`) của các văn bản tìm được, **sắp xếp tăng dần**: tìm **có dấu** (chế độ
# `"accents"`) khi `co_dau` là `True`, **không dấu** (chế độ `"folded"`) khi là `False`.


# %% nbgrader={"grade": false, "grade_id": "tim-van-ban", "locked": false, "schema_version": 3, "solution": true}
def tim_van_ban(kho: Path, cau_tim: str, co_dau: bool) -> list[str]:
    """Tên tệp bản quét của các văn bản tìm được, tăng dần."""
    ### BEGIN SOLUTION
    tim_thay = search(kho, cau_tim, mode="accents" if co_dau else "folded")
    return sorted(h.record.source_path for h in tim_thay.hits)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tim-van-ban-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    tim_van_ban,
    [((KHO, "thiên tai", True), ["hs-01/vb-2.png"]), ((KHO, "thien tai", True), [])],
    what="các văn bản tìm được",
)

# %% nbgrader={"grade": true, "grade_id": "tim-van-ban-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: các câu tìm khác, có dấu và không dấu, so với search của thư viện.
from digitize.records import search
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_cases = []
for _cau, _co_dau in [
    ("thien tai", False),
    ("chữ ký số", True),
    ("chu ky so", False),
    ("chu ky so", True),
    ("Ha Tinh", False),
    ("Hà Tĩnh", True),
]:
    _ra = search(KHO, _cau, mode="accents" if _co_dau else "folded")
    _cases.append(((KHO, _cau, _co_dau), sorted(h.record.source_path for h in _ra.hits)))
check_cases(tim_van_ban, _cases, what="các văn bản tìm được")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Xuất gói BagIt và kiểm tra mã băm (2 điểm)
#
# Khi nộp lưu tài liệu số vào Lưu trữ lịch sử, phải chứng minh tệp **không bị thay đổi** trên
# đường đi. Định dạng **BagIt** (RFC 8493) đóng gói các tệp vào thư mục `data/` và ghi mã băm
# SHA-256 của từng tệp vào `manifest-sha256.txt`, mỗi dòng `<mã băm>  <đường dẫn>`. Bên nhận
# tính lại mã băm từng tệp và so với bản kê: chỉ cần sửa một byte là mã băm khác hẳn.

# %%
RA = Path(tempfile.mkdtemp(prefix="xuat-"))
XUAT = export_records(KHO, RA, "bagit")
GOI = XUAT.files[0]
print("Gói:", GOI, "| số bản ghi:", XUAT.records)
print("\n".join((GOI / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()[:3]))
print(hashlib.sha256(b"Cong So").hexdigest())
print(hashlib.sha256(b"Cong so").hexdigest())

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `kiem_tra_goi(goi)` đọc `goi / "manifest-sha256.txt"` và trả về danh sách
# (`list`, sắp xếp tăng dần) đường dẫn (như ghi trong bản kê, ví dụ
# `"data/documents/hs-01/vb-2.txt"`) của các tệp **bị thay đổi hoặc bị mất**. Gói nguyên vẹn
# cho danh sách rỗng. Mã băm của một tệp: `hashlib.sha256(tep.read_bytes()).hexdigest()`;
# tách một dòng bản kê: `ma_bam, duong_dan = dong.split(maxsplit=1)`.


# %% nbgrader={"grade": false, "grade_id": "kiem-tra-goi", "locked": false, "schema_version": 3, "solution": true}
def kiem_tra_goi(goi: Path) -> list[str]:
    """Các tệp trong bản kê của gói bị thay đổi hoặc bị mất."""
    ### BEGIN SOLUTION
    hong = []
    for dong in (Path(goi) / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines():
        if not dong.strip():
            continue
        ma, ten = dong.split(maxsplit=1)
        tep = Path(goi) / ten
        if not tep.is_file() or hashlib.sha256(tep.read_bytes()).hexdigest() != ma:
            hong.append(ten)
    return sorted(hong)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kiem-tra-goi-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(kiem_tra_goi, [((GOI,), [])], what="các tệp hỏng trong gói vừa xuất")

# %% nbgrader={"grade": true, "grade_id": "kiem-tra-goi-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: bản sao của gói có một tệp bị sửa một byte và một tệp bị xóa.
import shutil
import tempfile
from pathlib import Path

from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_hong = Path(tempfile.mkdtemp()) / "goi"
shutil.copytree(GOI, _hong)
_sua = _hong / "data/documents/hs-01/vb-2.txt"
_sua.write_bytes(_sua.read_bytes() + b" ")
(_hong / "data/metadata/van-ban.csv").unlink()
check_cases(
    kiem_tra_goi,
    [
        ((_hong,), ["data/documents/hs-01/vb-2.txt", "data/metadata/van-ban.csv"]),
        ((GOI,), []),
    ],
    what="các tệp hỏng trong gói",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Tra cứu nhanh
#
# Gõ câu tìm và chọn chế độ để xem các văn bản tìm được (dùng hàm `tim_van_ban` của anh/chị
# khi đã làm Bài tập 3). Không chấm điểm.

# %%
import ipywidgets as widgets
from IPython.display import display

o_cau_tim = widgets.Text(value="thien tai", description="Tìm:")
o_co_dau = widgets.Checkbox(value=False, description="Có dấu")
o_ket_qua = widgets.Label()


def cap_nhat(_thay_doi: object = None) -> None:
    if not o_cau_tim.value.strip():
        o_ket_qua.value = "Hãy gõ câu tìm."
        return
    try:
        tim_thay = tim_van_ban(KHO, o_cau_tim.value, o_co_dau.value)
    except NotImplementedError:
        o_ket_qua.value = "Hãy làm Bài tập 3 trước."
        return
    except Exception as loi:
        o_ket_qua.value = f"Lỗi {type(loi).__name__}: {loi}"
        return
    o_ket_qua.value = f"{len(tim_thay)} văn bản: {', '.join(tim_thay) or '—'}"


o_cau_tim.observe(cap_nhat, names="value")
o_co_dau.observe(cap_nhat, names="value")
cap_nhat()
display(widgets.VBox([widgets.HBox([o_cau_tim, o_co_dau]), o_ket_qua]))

# %% [markdown]
# ## Phần 5. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): khi `build_records` đọc sai số, ký hiệu hay ngày ban
# hành (OCR nhầm chữ), ai ở cơ quan anh/chị sẽ hiệu đính và đối chiếu với bản giấy? Gặp cảnh
# báo văn bản trùng, anh/chị xử lý thế nào (quét hai lần, đăng ký nhầm, hay hai văn bản thật
# sự cùng số)? Khi bàn giao gói tài liệu số, bên giao và bên nhận nên kiểm tra mã băm vào
# những lúc nào?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt phân công người hiệu đính và đối chiếu bản giấy (giá trị OCR được giữ, bản
# sửa ghi thành phiên bản), phân biệt ba trường hợp trùng (bỏ bản quét thừa, sửa đăng ký,
# báo cơ quan ban hành), và kiểm tra mã băm khi đóng gói, khi nhận, và định kỳ trong kho.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - `build_records(kho)` điền các trường Phụ lục VI; `records_frame(kho)` cho bảng pandas.
# - Trùng là cùng số, ký hiệu, cơ quan **và năm**; chuẩn hóa NFC, bỏ dấu cách trước khi so.
# - Khóa không dấu: NFD, bỏ dấu, **đ → d**, chữ thường; `hoà`/`hòa` thành cùng một khóa.
# - `search(kho, cau_tim, mode="folded" | "accents")`: không dấu tìm rộng, có dấu tìm chính xác.
# - Gói BagIt kèm bản kê SHA-256; sửa một byte là mã băm khác, tệp mất cũng phải báo.
