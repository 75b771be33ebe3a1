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
# 5. xuất gói tài liệu theo chuẩn BagIt và kiểm tra mã băm SHA-256 của từng tệp;
# 6. hiệu đính siêu dữ liệu bằng **phiên bản sửa** (giữ nguyên giá trị OCR), để tìm kiếm và
#    gói xuất dùng giá trị đã sửa.
#
# **Cách làm bài.** Như các bài trước. Tổng 15 điểm: 12 điểm chấm tự động, 3 điểm câu suy
# ngẫm. Khi chấm, các hàm của anh/chị được chạy thêm trên một hồ sơ khác.
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
from digitize.metadata import parse_number
from digitize.records import (
    Record,
    RecordStore,
    RevisionError,
    build_records,
    export_records,
    find_duplicates,
    records_frame,
    revise_record,
    search,
)

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
# Kiểm thử ẩn: một hồ sơ khác (sinh và số hóa khi chấm), các câu tìm khác, có dấu và không
# dấu, so với search của thư viện.
import tempfile
from pathlib import Path

from digitize import digitize_archive
from digitize.records import build_records, search
from digitize.synth import Degradation, make_document
from graders.asserts import check_cases


### BEGIN HIDDEN TESTS
def _tao_kho_an() -> Path:
    # Hai văn bản khác cơ quan, số, ngày; chỉ quét nửa trên (phần có siêu dữ liệu) để chấm nhanh.
    goc = Path(tempfile.mkdtemp(prefix="ho-so-an-"))
    thu_muc = goc / "ban-quet" / "hs-07"
    thu_muc.mkdir(parents=True)
    for ten, hat in [("bao-cao.png", 41), ("quyet-dinh.png", 46)]:
        anh = make_document(hat, degradation=Degradation(dpi=200, bilevel=True)).images[0]
        anh.crop((0, 0, anh.width, anh.height // 2)).save(thu_muc / ten, dpi=(200, 200))
    kho = goc / "kho"
    digitize_archive(goc / "ban-quet", kho, {"jobs": 1})
    build_records(kho)
    return kho


_KHO_AN = _tao_kho_an()
_cases = []
for _kho, _cau, _co_dau in [
    (_KHO_AN, "chuyển đổi số", True),
    (_KHO_AN, "chuyen doi so", False),
    (_KHO_AN, "chuyen doi so", True),
    (_KHO_AN, "PHÊ DUYỆT", True),
    (_KHO_AN, "thong tin va truyen thong", False),
    (_KHO_AN, "Tài chính", True),
    (KHO, "chu ky so", False),
    (KHO, "Hà Tĩnh", True),
]:
    _ra = search(_kho, _cau, mode="accents" if _co_dau else "folded")
    _cases.append(((_kho, _cau, _co_dau), sorted(h.record.source_path for h in _ra.hits)))
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
# Kiểm thử ẩn: gói xuất từ một hồ sơ khác; bản sao có một tệp bị sửa một byte (cùng kích
# thước) và một tệp bị xóa.
import shutil
import tempfile
from pathlib import Path

from digitize.records import export_records
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_goi_an = export_records(_KHO_AN, Path(tempfile.mkdtemp()), "bagit").files[0]
_hong = Path(tempfile.mkdtemp()) / "goi"
shutil.copytree(_goi_an, _hong)
_sua = _hong / "data/documents/hs-07/quyet-dinh.pdf"
_noi_dung = bytearray(_sua.read_bytes())
_noi_dung[len(_noi_dung) // 2] ^= 1
_sua.write_bytes(bytes(_noi_dung))
(_hong / "data/documents/hs-07/bao-cao.txt").unlink()
check_cases(
    kiem_tra_goi,
    [
        ((_hong,), ["data/documents/hs-07/bao-cao.txt", "data/documents/hs-07/quyet-dinh.pdf"]),
        ((_goi_an,), []),
    ],
    what="các tệp hỏng trong gói",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Hiệu đính siêu dữ liệu (3 điểm)
#
# Khi đối chiếu bản ghi với bản giấy, người hiệu đính có thể thấy OCR đọc sai số, ký hiệu hay
# ngày ban hành. Bản sửa **không ghi đè** lên kết quả OCR: `revise_record(kho, tep_quet,
# {trường: giá_trị}, author=người_sửa)` lưu mỗi trường sửa thành một **phiên bản** (ai sửa,
# lúc nào, giá trị trước đó). Bảng bản ghi, tìm kiếm và gói xuất dùng giá trị mới nhất; giá
# trị OCR vẫn còn để đối chiếu (`kho.ocr_values(...)`) hay quay lại. Tên trường là thẻ của
# Phụ lục VI (`Subject`, `IssuedDate`, `CodeNumber`…); tên sai thì thư viện từ chối cả lần
# sửa. Đừng sửa thẳng vào tệp đã xuất (CSV): tìm kiếm vẫn thấy giá trị cũ và lần xuất sau sẽ
# mất bản sửa. Cũng đừng ghi đè bản ghi: giá trị OCR ban đầu mất hẳn, không ai biết đã sửa gì.
#
# Thư viện tự kiểm tra ngày: `"03/05/2023"` được lưu thành `"2023-05-03"`, ngày không có thật
# (`"31/02/2023"`) bị từ chối bằng lỗi `RevisionError` kèm lời giải thích tiếng Việt, và khi
# đó **không trường nào** được lưu. Số, ký hiệu sai dạng cũng bị từ chối, kể cả khi chỉ thừa
# dấu cách như bản OCR (`"15 /QĐ-BNV"`): thư viện không tự đoán. Vì vậy hãy kiểm tra và chuẩn
# hóa trước bằng `parse_number` (theo cách ghi số, ký hiệu của NĐ 30): hàm trả về `None` nếu
# không đúng dạng, nếu đúng thì cho bản đã chuẩn hóa `.text` (`"15/QĐ-BNV"`), phần số `.number`
# (`"15"`) và ký hiệu `.notation` (`"QĐ-BNV"`). Ví dụ (trên một bản sao của kho, để không
# đổi kho của bài):

# %%
import shutil

BAN_SAO = Path(tempfile.mkdtemp(prefix="ban-sao-")) / "kho"
shutil.copytree(KHO, BAN_SAO)
sua = revise_record(
    BAN_SAO,
    "hs-01/vb-2.png",
    {"Subject": "Về việc thành lập Tổ công tác phòng, chống thiên tai"},
    author="Nguyễn Thị Lan",
)
print("Trích yếu mới:", sua.record.subject)
with RecordStore(BAN_SAO) as kho:
    print("Trích yếu OCR:", kho.ocr_values("hs-01/vb-2.png")["Subject"])
    for phien_ban in kho.revisions("hs-01/vb-2.png"):
        print(phien_ban.tag, "|", phien_ban.previous, "→", phien_ban.value, "|", phien_ban.author)
for chuoi in ["15 /QĐ-BNV", "15/QĐ BNV", "12/UBND-VX"]:
    so = parse_number(chuoi)
    print(repr(chuoi), "→", None if so is None else (so.text, so.number, so.notation))
try:
    revise_record(BAN_SAO, "hs-01/vb-2.png", {"IssuedDate": "31/02/2023"})
except RevisionError as loi:
    print(loi)

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `hieu_dinh(kho, tep_quet, so_ky_hieu, ngay_ban_hanh, nguoi_sua)` ghi bản sửa số,
# ký hiệu và ngày ban hành của văn bản `tep_quet` (ví dụ `"hs-01/vb-2.png"`) và trả về bản ghi
# đã sửa (`Record`, thuộc tính `.record` của kết quả `revise_record`):
#
# 1. kiểm tra `so_ky_hieu` bằng `parse_number`; nếu sai dạng, báo lỗi
#    `raise RevisionError(...)` với thông báo tiếng Việt nêu số, ký hiệu sai, và không lưu gì;
# 2. gọi `revise_record` **một lần** với bốn trường: `Code` (số, ký hiệu đầy đủ, `.text`),
#    `CodeNumber` (`.number`), `CodeNotation` (`.notation`) và `IssuedDate`
#    (`ngay_ban_hanh` như nhận được: thư viện tự kiểm tra và từ chối ngày sai), với
#    `author=nguoi_sua`.


# %% nbgrader={"grade": false, "grade_id": "hieu-dinh", "locked": false, "schema_version": 3, "solution": true}
def hieu_dinh(
    kho: Path, tep_quet: str, so_ky_hieu: str, ngay_ban_hanh: str, nguoi_sua: str
) -> Record:
    """Ghi bản sửa số, ký hiệu và ngày ban hành thành phiên bản; trả về bản ghi đã sửa."""
    ### BEGIN SOLUTION
    so = parse_number(so_ky_hieu)
    if so is None:
        raise RevisionError(
            f"Số, ký hiệu «{so_ky_hieu}» không đúng dạng (ví dụ đúng: 15/QĐ-BNV); chưa lưu gì."
        )
    sua = {
        "Code": so.text,
        "CodeNumber": so.number,
        "CodeNotation": so.notation,
        "IssuedDate": ngay_ban_hanh,
    }
    return revise_record(kho, tep_quet, sua, author=nguoi_sua).record
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "hieu-dinh-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from digitize.records import Record, RecordStore, RevisionError
from graders.asserts import assert_equal, assert_raises, assert_type

_ocr_vb2 = BANG.loc[BANG["SourcePaths"] == "hs-01/vb-2.png", "Code"].item()
_ban_ghi = hieu_dinh(KHO, "hs-01/vb-2.png", "295 /QĐ-SKHĐT", "03/05/2023", "Nguyễn Thị Lan")
assert_type(_ban_ghi, Record, what="kết quả của hieu_dinh (bản ghi đã sửa)")
assert_equal(
    (_ban_ghi.code, _ban_ghi.issued_date),
    ("295/QĐ-SKHĐT", "2023-05-03"),
    what="số, ký hiệu và ngày ban hành của bản ghi đã sửa",
)
with RecordStore(KHO) as _kho:
    assert_equal(
        _kho.ocr_values("hs-01/vb-2.png")["Code"], _ocr_vb2, what="số, ký hiệu OCR (giữ nguyên)"
    )
assert_raises(
    RevisionError,
    hieu_dinh,
    KHO,
    "hs-01/vb-2.png",
    "295/QĐ-SKHĐT",
    "31/02/2023",
    "Nguyễn Thị Lan",
    what="(ngày không có thật)",
)

# %% nbgrader={"grade": true, "grade_id": "hieu-dinh-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: hồ sơ khác; phiên bản được lưu với người sửa, giá trị OCR giữ nguyên, tìm kiếm
# và gói xuất thấy giá trị mới; số, ký hiệu hay ngày sai bị từ chối mà không lưu gì.
import csv
import tempfile
import unicodedata
from pathlib import Path

from digitize.records import Record, RecordStore, RevisionError, export_records, search
from graders.asserts import GradingFailure, assert_equal, assert_true, assert_type

### BEGIN HIDDEN TESTS
_tep = "hs-07/quyet-dinh.png"
_nguoi = "Trần Văn Bình"
with RecordStore(_KHO_AN) as _kho:
    _ocr_truoc = _kho.ocr_values(_tep)
    _so_truoc = len(_kho.revisions())


def _loi_khi_sua(so_ky_hieu: str, ngay: str) -> RevisionError:
    goi = f"hieu_dinh(kho, {_tep!r}, {so_ky_hieu!r}, {ngay!r}, {_nguoi!r})"
    try:
        hieu_dinh(_KHO_AN, _tep, so_ky_hieu, ngay, _nguoi)
    except RevisionError as loi:
        return loi
    except NotImplementedError:
        raise GradingFailure("hieu_dinh chưa được viết (vẫn còn NotImplementedError).") from None
    except Exception as loi:
        thong_bao = f"{goi} cần báo lỗi RevisionError, nhưng lại báo {type(loi).__name__}: {loi}"
        raise GradingFailure(thong_bao) from None
    raise GradingFailure(f"{goi} cần báo lỗi RevisionError (giá trị sai), nhưng không báo lỗi.")


for _so, _ngay, _phai_neu in [
    ("244/QĐ STC", "23/9/2022", "244/QĐ STC"),
    ("QĐ-STC/244", "2022-09-23", "QĐ-STC/244"),
    ("244/QĐ-STC", "31/9/2022", "31/9/2022"),
    ("244/QĐ-STC", "ngày 23 tháng 9 năm 2022", "ngày 23 tháng 9 năm 2022"),
]:
    _thong_bao = str(_loi_khi_sua(_so, _ngay))
    assert_true(
        _phai_neu in _thong_bao and unicodedata.is_normalized("NFC", _thong_bao),
        f"Thông báo lỗi khi sửa thành ({_so!r}, {_ngay!r}) phải nêu giá trị sai {_phai_neu!r}; "
        f"nhận được {_thong_bao!r}.",
    )
    with RecordStore(_KHO_AN) as _kho:
        assert_equal(
            len(_kho.revisions()),
            _so_truoc,
            what=f"số phiên bản sửa sau lần sửa bị từ chối ({_so!r}, {_ngay!r})",
        )

try:
    _ban_ghi = hieu_dinh(_KHO_AN, _tep, "244 /QĐ-STC", "23/9/2022", _nguoi)
except NotImplementedError:
    raise GradingFailure("hieu_dinh chưa được viết (vẫn còn NotImplementedError).") from None
assert_type(_ban_ghi, Record, what="kết quả của hieu_dinh (bản ghi đã sửa)")
_dung = ("244/QĐ-STC", "244", "QĐ-STC", "2022-09-23")
assert_equal(
    (_ban_ghi.code, _ban_ghi.code_number, _ban_ghi.code_notation, _ban_ghi.issued_date),
    _dung,
    what="(Code, CodeNumber, CodeNotation, IssuedDate) của bản ghi đã sửa",
)
with RecordStore(_KHO_AN) as _kho:
    assert_equal(_kho.ocr_values(_tep), _ocr_truoc, what="giá trị OCR (phải giữ nguyên)")
    _luu = {(p.tag, p.value, p.author) for p in _kho.revisions(_tep)}
    _da_luu = _kho.record(_tep)
for _the, _gia_tri in zip(("Code", "CodeNumber", "CodeNotation", "IssuedDate"), _dung, strict=True):
    assert_true(
        (_the, _gia_tri, _nguoi) in _luu,
        f"Chưa có phiên bản sửa trường {_the} thành {_gia_tri!r} của người sửa {_nguoi!r}; "
        "hãy sửa bằng revise_record(..., author=nguoi_sua).",
    )
assert_equal(
    (_da_luu.code, _da_luu.code_number, _da_luu.code_notation, _da_luu.issued_date),
    _dung,
    what="bản ghi đọc lại từ kho sau khi sửa",
)
assert_equal(
    sorted(h.record.source_path for h in search(_KHO_AN, "244/QĐ-STC").hits),
    [_tep],
    what="kết quả tìm số, ký hiệu đã sửa",
)
_csv = export_records(_KHO_AN, Path(tempfile.mkdtemp()), "csv").files[0]
with _csv.open(encoding="utf-8-sig", newline="") as _tep_csv:
    _dong = next(d for d in csv.DictReader(_tep_csv) if d["SourcePaths"] == _tep)
assert_equal(
    (_dong["CodeNumber"], _dong["CodeNotation"], _dong["IssuedDate"]),
    _dung[1:],
    what="số, ký hiệu và ngày trong tệp CSV xuất sau khi sửa",
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
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
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
# - Hiệu đính bằng `revise_record(kho, tệp, {thẻ: giá_trị}, author=...)`: giá trị OCR được giữ,
#   phiên bản sửa ghi ai sửa, lúc nào; tìm kiếm và gói xuất dùng giá trị mới. Chuẩn hóa số, ký
#   hiệu bằng `parse_number` trước khi lưu; số, ký hiệu hay ngày sai thì thư viện từ chối.
