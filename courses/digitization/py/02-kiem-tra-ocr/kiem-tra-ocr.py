# %% [markdown]
# # Bài 2. Chạy nhận dạng chữ (OCR) và kiểm tra chất lượng
#
# *Khóa Số hóa tài liệu lưu trữ — dành cho cán bộ văn thư, lưu trữ.*
#
# **Điều kiện tiên quyết:** Bài 1 (tiêu chuẩn số hóa: PDF, ảnh màu, ≥ 200 dpi, tỉ lệ 100%).
# Không cần biết lập trình: anh/chị chạy các ô có sẵn và viết vài dòng theo khung.
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. chạy bộ công cụ `digitize` trên một thư mục bản quét và tìm các tệp kết quả (PDF có lớp
#    chữ, văn bản thuần);
# 2. đọc các chỉ số chất lượng của từng trang: độ phân giải, số từ nhận dạng được, độ tin cậy
#    trung bình và các cảnh báo;
# 3. lập danh sách trang cần người kiểm tra;
# 4. tính **tỉ lệ lỗi ký tự** (CER) của kết quả OCR so với văn bản gốc, trên văn bản đã chuẩn
#    hóa Unicode (NFC);
# 5. quyết định trang nào đạt, trang nào cần hiệu đính, trang nào phải quét lại.
#
# **Cách làm bài.** Như Bài 1: viết câu trả lời vào ô có dòng `# VIẾT MÃ CỦA BẠN Ở ĐÂY` (xóa
# dòng `raise NotImplementedError()`), chạy ô kiểm tra bên dưới; khi chấm, hệ thống chạy thêm
# **kiểm thử ẩn** với dữ liệu khác. Tổng 12 điểm: 9 điểm chấm tự động, 3 điểm câu suy ngẫm.
# Trước khi nộp, chọn *Kernel → Restart & Run All*.
#
# Thư mục `data/ban-quet/` có hai bản quét giả định (một trang mỗi bản) của tỉnh Sơn Hà;
# `data/van-ban-goc/` có văn bản gốc của từng trang, viết theo thứ tự dòng trên trang.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import tempfile
import unicodedata
from pathlib import Path

from digitize import digitize_archive

BAN_QUET = Path("data/ban-quet")
VAN_BAN_GOC = Path("data/van-ban-goc")
print([tep.name for tep in sorted(BAN_QUET.iterdir())])

# %% [markdown]
# ## Phần 1. Chạy OCR và đọc báo cáo chất lượng (2 điểm)
#
# Hàm `digitize_archive(thư_mục_bản_quét, thư_mục_kho, tùy_chọn)` nhận dạng mọi bản quét
# trong thư mục, ghi vào **kho** một tệp PDF có lớp chữ (tìm kiếm được), một tệp văn bản
# thuần `.txt` và các tệp hOCR, ALTO cho mỗi văn bản. Tùy chọn `{"jobs": 1}` chạy từng trang
# một (máy học đủ nhẹ). Ô dưới đây chạy mất vài giây.

# %%
KHO = Path(tempfile.mkdtemp(prefix="kho-so-hoa-"))
KET_QUA = digitize_archive(BAN_QUET, KHO, {"jobs": 1})
print("Không có lỗi:", KET_QUA.ok, "| số trang:", KET_QUA.pages_total)
print("Số trang cần xem lại:", KET_QUA.pages_flagged)

# %% [markdown]
# `KET_QUA.documents` là danh sách văn bản. Mỗi văn bản có `relpath` (tên tệp bản quét),
# `outputs` (các tệp kết quả) và `pages` (các trang). Mỗi trang có:
#
# | Thuộc tính | Ý nghĩa |
# |---|---|
# | `page_no` | số trang, bắt đầu từ 1 |
# | `state` | trạng thái: `done` (xong) hoặc `failed` (lỗi) |
# | `dpi` | độ phân giải của bản quét |
# | `words` | số từ nhận dạng được |
# | `mean_confidence` | độ tin cậy trung bình của các từ, từ 0 đến 100 |
# | `flags` | các **cảnh báo** (bộ chuỗi tiếng Việt); rỗng là trang không có gì đáng ngờ |
#
# Công cụ gắn cảnh báo khi bản quét dưới 200 dpi, khi độ tin cậy thấp, hoặc khi nhận dạng
# được ít chữ hơn nhiều so với lượng mực trên trang (có thể mất chữ). Độ tin cậy cao **chưa
# chắc** đã đúng: phải so với văn bản gốc (Phần 2).

# %%
for van_ban in KET_QUA.documents:
    print(van_ban.relpath, "→", sorted(van_ban.outputs))
    for trang in van_ban.pages:
        print(
            f"  trang {trang.page_no}: {trang.state.value}, {trang.dpi} dpi, {trang.words} từ, "
            f"độ tin cậy {trang.mean_confidence or 0:.1f}"
        )
        for canh_bao in trang.flags:
            print("    cảnh báo:", canh_bao)

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `trang_can_xem(ket_qua)` trả về danh sách (`list`) các trang cần người kiểm tra,
# mỗi trang là một bộ `(tên tệp, số trang)`, ví dụ `("vb-b.png", 1)`, theo thứ tự văn bản rồi
# thứ tự trang như trong `ket_qua.documents`. Một trang cần kiểm tra khi nó **có cảnh báo**
# (`flags` không rỗng) **hoặc bị lỗi** (`state.value == "failed"`).


# %% nbgrader={"grade": false, "grade_id": "trang-can-xem", "locked": false, "schema_version": 3, "solution": true}
def trang_can_xem(ket_qua) -> list[tuple[str, int]]:
    """Các trang (tên tệp, số trang) có cảnh báo hoặc bị lỗi."""
    ### BEGIN SOLUTION
    return [
        (vb.relpath, p.page_no)
        for vb in ket_qua.documents
        for p in vb.pages
        if p.flags or p.state.value == "failed"
    ]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "trang-can-xem-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_true, assert_type

_can_xem = trang_can_xem(KET_QUA)
assert_type(_can_xem, list, what="kết quả của trang_can_xem")
for _muc in _can_xem:
    assert_type(_muc, tuple, what="mỗi trang trong danh sách (bộ tên tệp, số trang)")
assert_true(
    ("vb-b.png", 1) in _can_xem,
    f"Trang 1 của vb-b.png (quét 150 dpi) phải có trong danh sách; nhận được {_can_xem!r}.",
)

# %% nbgrader={"grade": true, "grade_id": "trang-can-xem-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: kết quả giả định có trang lỗi, nhiều trang, trang không cảnh báo.
from pathlib import Path

from digitize.models import BatchResult, DocumentResult, PageMethod, PageSummary, State
from graders.asserts import check_cases


### BEGIN HIDDEN TESTS
def _trang(so, trang_thai=State.DONE, canh_bao=()):
    return PageSummary(so, trang_thai, PageMethod.IMAGE, 300, 100, 90.0, canh_bao, "")


def _van_ban(ten, trang):
    return DocumentResult(ten, ten, (), State.DONE, "", tuple(trang), {}, 90.0)


_gia_dinh = BatchResult(
    Path("kho"),
    (
        _van_ban("hs-01/a.pdf", [_trang(1), _trang(2, canh_bao=("độ tin cậy thấp",)), _trang(3)]),
        _van_ban("hs-01/b.tif", [_trang(1, State.FAILED), _trang(2)]),
        _van_ban("hs-02/c.jpg", [_trang(1)]),
        _van_ban("hs-02/d.png", [_trang(1, canh_bao=("dpi thấp", "mất chữ"))]),
    ),
    (),
    (),
)
_sach = BatchResult(Path("kho"), (_van_ban("e.png", [_trang(1), _trang(2)]),), (), ())
check_cases(
    trang_can_xem,
    [
        ((_gia_dinh,), [("hs-01/a.pdf", 2), ("hs-01/b.tif", 1), ("hs-02/d.png", 1)]),
        ((_sach,), []),
    ],
    what="các trang cần xem",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Tỉ lệ lỗi ký tự (CER) (3 điểm)
#
# Để biết OCR đúng đến đâu, ta so kết quả với **văn bản gốc** (gõ lại bằng tay, hoặc — như
# ở đây — biết trước vì bản quét được tạo từ văn bản). **Khoảng cách sửa** giữa hai chuỗi là
# số lần thêm, xóa hoặc thay một ký tự ít nhất để biến chuỗi này thành chuỗi kia. Tỉ lệ lỗi
# ký tự là:
#
# $$\text{CER} = \frac{\text{khoảng cách sửa}(\text{gốc}, \text{OCR})}{\text{số ký tự của
# văn bản gốc}}$$
#
# Mẫu số là độ dài văn bản **gốc** (không phải văn bản OCR): OCR bỏ sót nửa trang thì văn bản
# OCR ngắn đi, chia cho nó sẽ làm lỗi có vẻ nhỏ hơn thực tế.
#
# Trước khi so, phải **chuẩn hóa** cả hai chuỗi:
#
# - **Unicode NFC.** Chữ «ệ» có thể lưu là một ký tự, hoặc là «e» cộng hai dấu rời (dạng NFD);
#   hai cách nhìn giống hệt nhau nhưng máy coi là khác. `unicodedata.normalize("NFC", chuoi)`
#   đưa về một dạng.
# - **Khoảng trắng.** Nhiều dấu cách, xuống dòng, sang trang liền nhau coi là một dấu cách:
#   `" ".join(chuoi.split())`.
#
# Hàm `khoang_cach_sua` dưới đây đã viết sẵn.


# %%
def khoang_cach_sua(a: str, b: str) -> int:
    """Số lần thêm, xóa, thay ký tự ít nhất để biến a thành b (khoảng cách Levenshtein)."""
    truoc = list(range(len(b) + 1))
    for i, ky_tu_a in enumerate(a, 1):
        hien_tai = [i]
        for j, ky_tu_b in enumerate(b, 1):
            hien_tai.append(
                min(truoc[j] + 1, hien_tai[j - 1] + 1, truoc[j - 1] + (ky_tu_a != ky_tu_b))
            )
        truoc = hien_tai
    return truoc[-1]


nfc = unicodedata.normalize("NFC", "Nghị định")
nfd = unicodedata.normalize("NFD", "Nghị định")
print(nfc == nfd, len(nfc), len(nfd), khoang_cach_sua(nfc, nfd))
print(khoang_cach_sua("Quyết định", "Quyet dinh"))

# %% [markdown]
# ### Bài tập 2 (3 điểm)
#
# Viết hàm `ty_le_loi_ky_tu(goc, nhan_dang)` trả về CER (số thực): chuẩn hóa cả hai chuỗi
# (NFC, rồi gộp khoảng trắng), tính khoảng cách sửa bằng `khoang_cach_sua`, chia cho số ký tự
# của văn bản gốc **đã chuẩn hóa**; nếu văn bản gốc rỗng thì chia cho 1. Ví dụ
# `ty_le_loi_ky_tu("Quyết định", "Quyet dinh")` là `0.3` (3 lỗi trên 10 ký tự).


# %% nbgrader={"grade": false, "grade_id": "ty-le-loi-ky-tu", "locked": false, "schema_version": 3, "solution": true}
def ty_le_loi_ky_tu(goc: str, nhan_dang: str) -> float:
    """Tỉ lệ lỗi ký tự của nhan_dang so với goc, trên văn bản đã chuẩn hóa."""
    ### BEGIN SOLUTION
    goc = " ".join(unicodedata.normalize("NFC", goc).split())
    nhan_dang = " ".join(unicodedata.normalize("NFC", nhan_dang).split())
    return khoang_cach_sua(goc, nhan_dang) / max(1, len(goc))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ty-le-loi-ky-tu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ty_le_loi_ky_tu,
    [(("Quyết định", "Quyet dinh"), 0.3), (("Sơn Hà", "Sơn Hà"), 0.0)],
    what="tỉ lệ lỗi ký tự",
    close=True,
)

# %% nbgrader={"grade": true, "grade_id": "ty-le-loi-ky-tu-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: so với digitize.quality.cer — chữ dạng NFD, khoảng trắng thừa, OCR bỏ sót
# chữ (mẫu số là văn bản gốc), OCR thêm chữ, văn bản gốc rỗng.
import unicodedata

from digitize.quality import cer
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_cap = [
    ("Ủy ban nhân dân tỉnh", unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh")),
    (unicodedata.normalize("NFD", "Độc lập - Tự do"), "Độc lập - Tu do"),
    ("Số: 15/QĐ-UBND", "Số:   15/QĐ-UBND\n\f"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA"),
    ("Nơi nhận", "Nơi nhận: - Như trên; - Lưu: VT"),
    ("", "abc"),
    ("Kính gửi: Sở Nội vụ", "Kinh gui So Noi vu"),
]
check_cases(
    ty_le_loi_ky_tu, [((a, b), cer(a, b)) for a, b in _cap], what="tỉ lệ lỗi ký tự", close=True
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. CER của hai trang vừa nhận dạng (2 điểm)
#
# Tệp văn bản thuần của mỗi văn bản là `van_ban.outputs["txt"]`; văn bản gốc của bản quét
# `vb-a.jpg` là `data/van-ban-goc/vb-a.txt`. Đọc tệp bằng `.read_text(encoding="utf-8")`.

# %%
for van_ban in KET_QUA.documents:
    goc = (VAN_BAN_GOC / (Path(van_ban.relpath).stem + ".txt")).read_text(encoding="utf-8")
    ocr = Path(van_ban.outputs["txt"]).read_text(encoding="utf-8")
    print("==", van_ban.relpath, "— văn bản gốc / OCR, ba dòng đầu:")
    print("\n".join(goc.splitlines()[:3]))
    print("\n".join(ocr.splitlines()[:3]))

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `cer_van_ban(ket_qua, thu_muc_goc)` trả về từ điển (`dict`) ghép tên tệp bản quét
# (`van_ban.relpath`, ví dụ `"vb-a.jpg"`) với CER của văn bản đó, tính bằng hàm
# `ty_le_loi_ky_tu` của anh/chị, cho **mọi** văn bản trong `ket_qua.documents`. Văn bản gốc
# của bản quét `X.jpg` là tệp `X.txt` trong thư mục `thu_muc_goc`, kể cả khi bản quét nằm
# trong một thư mục con (`hs-01/X.jpg`): tên tệp bỏ thư mục và phần mở rộng là
# `Path(van_ban.relpath).stem`. Khi chấm, hàm được chạy thêm trên một lô bản quét khác.


# %% nbgrader={"grade": false, "grade_id": "cer-trang", "locked": false, "schema_version": 3, "solution": true}
def cer_van_ban(ket_qua, thu_muc_goc: Path) -> dict[str, float]:
    """CER của từng văn bản trong ket_qua so với văn bản gốc trong thu_muc_goc."""
    ### BEGIN SOLUTION
    ty_le = {}
    for vb in ket_qua.documents:
        tep_goc = Path(thu_muc_goc) / f"{Path(vb.relpath).stem}.txt"
        ty_le[vb.relpath] = ty_le_loi_ky_tu(
            tep_goc.read_text(encoding="utf-8"),
            Path(vb.outputs["txt"]).read_text(encoding="utf-8"),
        )
    return ty_le
    ### END SOLUTION


# %%
CER_TRANG = cer_van_ban(KET_QUA, VAN_BAN_GOC)
CER_TRANG

# %% nbgrader={"grade": true, "grade_id": "cer-trang-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true, assert_type

_cer = cer_van_ban(KET_QUA, VAN_BAN_GOC)
assert_type(_cer, dict, what="kết quả của cer_van_ban")
assert_equal(sorted(_cer), ["vb-a.jpg", "vb-b.png"], what="các tên tệp trong kết quả")
for _ten, _gia_tri in _cer.items():
    assert_type(_gia_tri, float, what=f"CER của {_ten}")
    assert_true(0 <= _gia_tri <= 1, f"CER của {_ten} phải từ 0 đến 1, nhận được {_gia_tri!r}.")

# %% nbgrader={"grade": true, "grade_id": "cer-trang-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: một lô bản quét khác, sinh khi chấm (văn bản khác, thư mục con, văn bản gốc ở
# thư mục khác), và hai bản quét của bài; so với digitize.quality.cer.
import tempfile
from pathlib import Path

from digitize import digitize_archive
from digitize.quality import cer
from digitize.synth import Degradation, make_document
from graders.asserts import assert_close, assert_equal, assert_type

### BEGIN HIDDEN TESTS
_quet_an = Path(tempfile.mkdtemp(prefix="quet-an-"))
_goc_an = Path(tempfile.mkdtemp(prefix="goc-an-"))
(_quet_an / "hs-09").mkdir()
_tai_lieu = make_document(27, degradation=Degradation(dpi=200, noise=8))
_tai_lieu.images[0].save(_quet_an / "hs-09" / "to-trinh.png", dpi=(200, 200))
(_goc_an / "to-trinh.txt").write_text(_tai_lieu.truths[0].text_rows + "\n", encoding="utf-8")
_lo_an = digitize_archive(_quet_an, Path(tempfile.mkdtemp(prefix="kho-an-")), {"jobs": 1})
_cer_an = cer_van_ban(_lo_an, _goc_an)
assert_type(_cer_an, dict, what="kết quả của cer_van_ban trên lô bản quét khác")
assert_equal(sorted(_cer_an), ["hs-09/to-trinh.png"], what="các tên tệp (kèm thư mục con)")
# _cer: kết quả trên hai bản quét của bài, tính ở ô kiểm tra công khai ngay trên.
for _lo, _thu_muc, _ket_qua in [(_lo_an, _goc_an, _cer_an), (KET_QUA, VAN_BAN_GOC, _cer)]:
    for _vb in _lo.documents:
        _goc = (_thu_muc / (Path(_vb.relpath).stem + ".txt")).read_text("utf-8")
        _ocr = Path(_vb.outputs["txt"]).read_text("utf-8")
        _dung = cer(_goc, _ocr)
        assert_close(_ket_qua[_vb.relpath], _dung, rel=1e-6, what=f"CER của {_vb.relpath}")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Đạt, hiệu đính hay quét lại? (2 điểm)
#
# Quy trình số hóa của Lưu trữ lịch sử tỉnh Sơn Hà xếp mỗi trang vào một trong ba loại:
#
# 1. `"quét lại"` — bản quét dưới 200 dpi (không đạt NĐ 30, dù OCR đọc tốt đến đâu);
# 2. `"hiệu đính"` — đủ dpi nhưng CER **lớn hơn** 2% (0,02): người sửa lớp chữ;
# 3. `"đạt"` — đủ dpi và CER không quá 2%.

# %% [markdown]
# ### Bài tập 4 (2 điểm)
#
# Viết hàm `xep_loai(ty_le_loi, dpi)` trả về một trong ba chuỗi trên (viết đúng, có dấu).


# %% nbgrader={"grade": false, "grade_id": "xep-loai", "locked": false, "schema_version": 3, "solution": true}
def xep_loai(ty_le_loi: float, dpi: int) -> str:
    """Xếp loại một trang theo dpi và tỉ lệ lỗi ký tự."""
    ### BEGIN SOLUTION
    if dpi < 200:
        return "quét lại"
    if ty_le_loi > 0.02:
        return "hiệu đính"
    return "đạt"
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "xep-loai-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    xep_loai,
    [((0.01, 300), "đạt"), ((0.15, 300), "hiệu đính"), ((0.01, 150), "quét lại")],
    what="xếp loại trang",
)

# %% nbgrader={"grade": true, "grade_id": "xep-loai-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đúng ngưỡng 2% và 200 dpi, CER cao mà dpi thấp, chuỗi đúng dạng NFC.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    xep_loai,
    [
        ((0.02, 200), "đạt"),
        ((0.0201, 200), "hiệu đính"),
        ((0.0, 199), "quét lại"),
        ((0.5, 100), "quét lại"),
        ((0.0, 600), "đạt"),
    ],
    what="xếp loại trang",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Bảng kiểm tra từng văn bản
#
# Chọn một văn bản để xem chỉ số chất lượng, CER và xếp loại (dùng các hàm của anh/chị).
# Không chấm điểm.

# %%
import ipywidgets as widgets
from IPython.display import display


def mo_ta_van_ban(ten: str) -> str:
    """Chỉ số chất lượng và xếp loại của một văn bản trong KET_QUA."""
    van_ban = next(vb for vb in KET_QUA.documents if vb.relpath == ten)
    trang = van_ban.pages[0]
    dong = f"{ten}: {trang.dpi} dpi, {trang.words} từ, độ tin cậy {trang.mean_confidence or 0:.1f}"
    try:
        ty_le = CER_TRANG[ten]
        dong += f", CER {ty_le:.2%} → {xep_loai(ty_le, trang.dpi)}"
    except (KeyError, NameError, NotImplementedError):
        dong += " — hãy làm Bài tập 3 và Bài tập 4 để xem CER và xếp loại."
    return dong


o_chon = widgets.Dropdown(options=[vb.relpath for vb in KET_QUA.documents], description="Văn bản:")
o_mo_ta = widgets.Label()


def cap_nhat(_thay_doi: object = None) -> None:
    o_mo_ta.value = mo_ta_van_ban(o_chon.value)


o_chon.observe(cap_nhat, names="value")
cap_nhat()
display(widgets.VBox([o_chon, o_mo_ta]))

# %% [markdown]
# ## Phần 5. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): độ tin cậy trung bình và CER của hai trang trong
# bài có nói cùng một điều không? Ở cơ quan anh/chị, ai sẽ hiệu đính lớp chữ, mỗi ngày được
# bao nhiêu trang, và anh/chị sẽ chọn mẫu kiểm tra (bao nhiêu trang, chọn thế nào) khi không
# có văn bản gốc để tính CER cho mọi trang?

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nhận ra độ tin cậy là ước đoán của máy, CER là đo thật so với văn bản gốc
# (trang 150 dpi có thể có độ tin cậy cao mà vẫn phải quét lại), nêu người và năng suất hiệu
# đính thực tế, và đề xuất lấy mẫu: gõ lại một số trang chọn ngẫu nhiên trong mỗi lô, ưu tiên
# trang có cảnh báo, để ước tính CER của cả lô.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - `digitize_archive(thư_mục_bản_quét, kho, {"jobs": 1})` cho mỗi văn bản một PDF có lớp
#   chữ, một tệp `.txt`, hOCR và ALTO; kết quả ghi từng trang: dpi, số từ, độ tin cậy, cảnh báo.
# - Trang có cảnh báo hoặc bị lỗi phải có người xem; độ tin cậy cao chưa chắc đã đúng.
# - CER = khoảng cách sửa ÷ số ký tự của văn bản **gốc**, sau khi chuẩn hóa NFC và gộp
#   khoảng trắng.
# - Dưới 200 dpi thì quét lại; đủ dpi mà CER lớn hơn ngưỡng thì hiệu đính.
