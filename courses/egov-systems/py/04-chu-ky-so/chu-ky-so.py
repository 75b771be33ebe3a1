# %% [markdown]
# # Bài 4. Chữ ký số: mã băm, ký, xác minh và phát hiện văn bản bị sửa
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** Bài 1 (chạy ô, điền giá trị, viết hàm ngắn theo khung); Bài 2
# (quy trình văn bản đến, văn bản đi).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. giải thích mã băm (SHA-256) và dùng nó để phát hiện tệp bị sửa;
# 2. nêu đúng những điều chữ ký số chứng minh được và những điều nó **không** chứng minh;
# 3. ký và xác minh một văn bản điện tử bằng cặp khóa tạo ngay trong bài;
# 4. kiểm tra văn bản có chữ ký của người có thẩm quyền và chữ ký của cơ quan theo Thông tư
#    41/2017/TT-BTTTT;
# 5. nêu khung pháp lý: Nghị định 130/2018/NĐ-CP, Thông tư 41/2017/TT-BTTTT, Nghị định
#    30/2020/NĐ-CP.
#
# **Cách làm bài.** Như các bài trước. Tổng 17 điểm: 14 điểm chấm tự động, 3 điểm câu suy
# ngẫm. Các khóa trong bài được tạo ngẫu nhiên mỗi lần chạy, chỉ để học; chúng không phải
# chứng thư số thật do Ban Cơ yếu Chính phủ cấp.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import hashlib
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

THU_MUC_HO_SO = Path("data/ho-so")


def tao_khoa() -> rsa.RSAPrivateKey:
    """Một khóa bí mật RSA 2048 bit mới (khóa công khai đi kèm: .public_key())."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ky(khoa_bi_mat: rsa.RSAPrivateKey, du_lieu: bytes) -> bytes:
    """Chữ ký số của du_lieu: băm SHA-256 rồi ký bằng khóa bí mật (RSA, PKCS #1 v1.5)."""
    return khoa_bi_mat.sign(du_lieu, padding.PKCS1v15(), hashes.SHA256())


# Khóa của Giám đốc Sở Nội vụ, của cơ quan (Sở Nội vụ) và của một kẻ giả mạo.
KHOA_GIAM_DOC = tao_khoa()
KHOA_SO_NOI_VU = tao_khoa()
KHOA_GIA_MAO = tao_khoa()

# %% [markdown]
# ## Phần 1. Mã băm (4 điểm)
#
# **Hàm băm** SHA-256 biến một dữ liệu bất kỳ (một tệp, một văn bản) thành một dãy 64 chữ số
# thập lục phân, gọi là **mã băm** (giá trị băm). Chỉ cần đổi một ký tự, mã băm đổi hoàn
# toàn; và không thể tìm hai dữ liệu khác nhau có cùng mã băm. Vì vậy mã băm như "dấu vân
# tay" của tệp: lưu mã băm lúc lập hồ sơ, sau này băm lại và so sánh sẽ biết tệp có bị sửa
# không.
#
# Mã băm tính trên **các byte** của tệp. Đọc tệp dạng văn bản (`read_text`) có thể làm đổi
# dữ liệu: Python đổi cách xuống dòng của Windows (`\r\n`) thành `\n`. Luôn đọc tệp bằng
# `read_bytes()` khi băm.

# %%
print(hashlib.sha256("Quyết định số 27".encode()).hexdigest())
print(hashlib.sha256("Quyết định số 28".encode()).hexdigest())
tep_mau = THU_MUC_HO_SO / "02-du-thao-quyet-dinh.txt"
print(len(tep_mau.read_bytes()), "byte khi đọc dạng byte;", end=" ")
print(len(tep_mau.read_text(encoding="utf-8").encode()), "byte khi đọc dạng văn bản")

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `ma_bam_tep(duong_dan)` trả về mã băm SHA-256 (chuỗi 64 ký tự thập lục phân, chữ
# thường, như `.hexdigest()` trả về) của **nội dung byte** của tệp.


# %% nbgrader={"grade": false, "grade_id": "ma-bam-tep", "locked": false, "schema_version": 3, "solution": true}
def ma_bam_tep(duong_dan: Path) -> str:
    """Mã băm SHA-256 của tệp, dạng thập lục phân chữ thường."""
    ### BEGIN SOLUTION
    return hashlib.sha256(Path(duong_dan).read_bytes()).hexdigest()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "ma-bam-tep-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    ma_bam_tep,
    [
        (
            (THU_MUC_HO_SO / "01-to-trinh.txt",),
            "a3245bfe17eb1cef191676e7e5d34ad8ac5e6d18b56e81cd9523c1350a64480f",
        )
    ],
    what="mã băm",
)

# %% nbgrader={"grade": true, "grade_id": "ma-bam-tep-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tệp xuống dòng kiểu Windows, tệp rỗng, tệp nhị phân.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as _thu_muc:
    _rong = Path(_thu_muc) / "rong.txt"
    _rong.write_bytes(b"")
    _nhi_phan = Path(_thu_muc) / "anh.bin"
    _nhi_phan.write_bytes(bytes(range(256)))
    check_cases(
        ma_bam_tep,
        [
            (
                (THU_MUC_HO_SO / "02-du-thao-quyet-dinh.txt",),
                "351f23614449c535850cb0c476ba78f56ddb63ef96d95d8710e3240f7629d742",
            ),
            ((_rong,), hashlib.sha256(b"").hexdigest()),
            ((_nhi_phan,), hashlib.sha256(bytes(range(256))).hexdigest()),
        ],
        what="mã băm",
    )
### END HIDDEN TESTS

# %% [markdown]
# Khi lập hồ sơ điện tử, phần mềm lưu một **danh mục mã băm**: mỗi dòng gồm mã băm và tên
# tệp. Tệp `data/danh-muc-sha256.txt` là danh mục của hồ sơ "Thành lập Tổ số hóa" lập ngày
# 12/3/2024. Hàm `doc_danh_muc` đọc nó thành từ điển tên tệp → mã băm.


# %%
def doc_danh_muc(duong_dan: Path) -> dict[str, str]:
    """Danh mục mã băm: mỗi dòng «mã_băm  tên_tệp»."""
    danh_muc = {}
    for dong in Path(duong_dan).read_text(encoding="utf-8").splitlines():
        if dong.strip():
            ma, ten = dong.split(maxsplit=1)
            danh_muc[ten] = ma
    return danh_muc


DANH_MUC = doc_danh_muc(Path("data/danh-muc-sha256.txt"))
DANH_MUC

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `tep_bi_sua(danh_muc, thu_muc)` trả về danh sách tên tệp (sắp xếp tăng dần) có
# trong danh mục mà **bị sửa** (mã băm hiện tại khác mã băm trong danh mục) hoặc **bị mất**
# (không còn trong thư mục). Gợi ý: `(thu_muc / ten).exists()` cho biết tệp còn không; dùng
# hàm `ma_bam_tep` của Bài tập 1.


# %% nbgrader={"grade": false, "grade_id": "tep-bi-sua", "locked": false, "schema_version": 3, "solution": true}
def tep_bi_sua(danh_muc: dict[str, str], thu_muc: Path) -> list[str]:
    """Các tệp trong danh mục đã bị sửa hoặc bị mất, tăng dần."""
    ### BEGIN SOLUTION
    sai = []
    for ten, ma in danh_muc.items():
        tep = Path(thu_muc) / ten
        if not tep.exists() or ma_bam_tep(tep) != ma:
            sai.append(ten)
    return sorted(sai)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tep-bi-sua-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    tep_bi_sua,
    [((DANH_MUC, THU_MUC_HO_SO), ["03-bien-ban-hop.txt", "04-phu-luc.txt"])],
    what="các tệp bị sửa hoặc bị mất",
)

# %% nbgrader={"grade": true, "grade_id": "tep-bi-sua-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: hồ sơ khác, không tệp nào bị sửa, tệp ngoài danh mục không tính, mã băm chữ thường.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as _thu_muc:
    _goc = Path(_thu_muc)
    (_goc / "a.txt").write_bytes("Quyết định số 01".encode())
    (_goc / "b.txt").write_bytes("Tờ trình số 02\r\n".encode())
    (_goc / "c.txt").write_bytes(b"Phu luc")
    (_goc / "ngoai-danh-muc.txt").write_bytes(b"khong co trong danh muc")
    _dm = {
        "a.txt": hashlib.sha256("Quyết định số 01".encode()).hexdigest(),
        "b.txt": hashlib.sha256("Tờ trình số 02\r\n".encode()).hexdigest(),
        "c.txt": hashlib.sha256(b"Phu luc cu").hexdigest(),
    }
    check_cases(
        tep_bi_sua,
        [
            ((_dm, _goc), ["c.txt"]),
            (({k: _dm[k] for k in ("a.txt", "b.txt")}, _goc), []),
            (({"z.txt": _dm["a.txt"], **_dm}, _goc), ["c.txt", "z.txt"]),
        ],
        what="các tệp bị sửa hoặc bị mất",
    )
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Chữ ký số chứng minh điều gì? (2 điểm)
#
# Mỗi người ký có một **cặp khóa**: **khóa bí mật** chỉ người đó giữ (trong thiết bị ký số,
# USB token, hoặc dịch vụ ký số từ xa), và **khóa công khai** ai cũng biết, được gắn với danh
# tính người ký trong **chứng thư số** do tổ chức cung cấp dịch vụ chứng thực cấp (với cơ
# quan nhà nước là Ban Cơ yếu Chính phủ). Ký số là: băm văn bản, rồi dùng khóa bí mật "khóa"
# mã băm lại. Xác minh là: dùng khóa công khai kiểm tra chữ ký có khớp với mã băm của văn bản
# đang có không.
#
# Nếu khớp, người nhận biết rằng: văn bản **không bị sửa** từ lúc ký (toàn vẹn); văn bản do
# **người giữ khóa bí mật** ký (xác thực nguồn gốc); và người đó **không thể chối** là đã ký.
# Chữ ký số **không** giữ bí mật nội dung (ai cũng đọc được văn bản đã ký; muốn giữ bí mật
# phải **mã hóa**), và **không** chứng minh nội dung đúng pháp luật hay đúng thẩm quyền.
#
# ### Bài tập 3 (2 điểm)
#
# Với mỗi khẳng định về một văn bản điện tử có chữ ký số hợp lệ, điền `True` (chữ ký số chứng
# minh được) hoặc `False` (không chứng minh được):
#
# | Mã | Khẳng định |
# |---|---|
# | a | Nội dung không bị sửa sau khi ký |
# | b | Người nhận thứ ba không đọc được nội dung |
# | c | Văn bản do người giữ khóa bí mật tương ứng ký |
# | d | Nội dung văn bản đúng quy định của pháp luật |
# | e | Người ký không thể chối là mình đã ký văn bản này |

# %% nbgrader={"grade": false, "grade_id": "chu-ky-chung-minh", "locked": false, "schema_version": 3, "solution": true}
# CHUNG_MINH = {"a": ..., "b": ..., "c": ..., "d": ..., "e": ...}
### BEGIN SOLUTION
CHUNG_MINH = {"a": True, "b": False, "c": True, "d": False, "e": True}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "chu-ky-chung-minh-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_type

assert_type(CHUNG_MINH, dict, what="CHUNG_MINH")
assert_equal(sorted(CHUNG_MINH), ["a", "b", "c", "d", "e"], what="các mã khẳng định")
for ma_kh, gia_tri in CHUNG_MINH.items():
    assert_type(gia_tri, bool, what=f"câu trả lời cho khẳng định {ma_kh} (True hoặc False)")
assert_equal(CHUNG_MINH["a"], True, what="khẳng định a")

# %% nbgrader={"grade": true, "grade_id": "chu-ky-chung-minh-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: từng khẳng định.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(
    CHUNG_MINH,
    {ma: ma in "ace" for ma in "abcde"},
    what="các khẳng định về chữ ký số",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Ký và xác minh (3 điểm)
#
# Hàm `ky(khoa_bi_mat, du_lieu)` ở đầu bài tạo chữ ký số. Để xác minh, khóa công khai có
# phương thức `verify(chu_ky, du_lieu, padding.PKCS1v15(), hashes.SHA256())`: nếu chữ ký
# khớp, nó không trả về gì; nếu **không** khớp, nó **báo lỗi** `InvalidSignature`. Câu lệnh
# `try … except` bắt lỗi đó:

# %%
van_ban_mau = "Giấy mời họp ngày 18/3/2024".encode()
chu_ky_mau = ky(KHOA_GIAM_DOC, van_ban_mau)
print("Chữ ký dài", len(chu_ky_mau), "byte; 16 byte đầu:", chu_ky_mau[:16].hex())
try:
    KHOA_GIAM_DOC.public_key().verify(
        chu_ky_mau, "Giấy mời họp ngày 19/3/2024".encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    print("Chữ ký khớp")
except InvalidSignature as loi:
    print("Không khớp: văn bản đã bị sửa hoặc chữ ký không phải của khóa này", type(loi))

# %% [markdown]
# ### Bài tập 4 (3 điểm)
#
# Viết hàm `xac_minh(khoa_cong_khai, du_lieu, chu_ky)` trả về `True` nếu chữ ký khớp với dữ
# liệu và khóa công khai, `False` nếu không. Hàm **không được báo lỗi** khi chữ ký sai: người
# dùng cần câu trả lời có/không.


# %% nbgrader={"grade": false, "grade_id": "xac-minh", "locked": false, "schema_version": 3, "solution": true}
def xac_minh(khoa_cong_khai: rsa.RSAPublicKey, du_lieu: bytes, chu_ky: bytes) -> bool:
    """Chữ ký có khớp với dữ liệu và khóa công khai không."""
    ### BEGIN SOLUTION
    try:
        khoa_cong_khai.verify(chu_ky, du_lieu, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "xac-minh-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_vb = "Quyết định số 27/QĐ-UBND".encode()
check_cases(
    xac_minh,
    [
        ((KHOA_GIAM_DOC.public_key(), _vb, ky(KHOA_GIAM_DOC, _vb)), True),
        (
            (
                KHOA_GIAM_DOC.public_key(),
                "Quyết định số 28/QĐ-UBND".encode(),
                ky(KHOA_GIAM_DOC, _vb),
            ),
            False,
        ),
    ],
    what="kết quả xác minh",
)

# %% nbgrader={"grade": true, "grade_id": "xac-minh-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: khóa của người khác, chữ ký bị sửa một byte, chữ ký rỗng, văn bản thêm dấu cách.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_du_lieu = "Kế hoạch chuyển đổi số năm 2024".encode()
_chu_ky = ky(KHOA_SO_NOI_VU, _du_lieu)
_chu_ky_sua = bytes([_chu_ky[0] ^ 1]) + _chu_ky[1:]
check_cases(
    xac_minh,
    [
        ((KHOA_SO_NOI_VU.public_key(), _du_lieu, _chu_ky), True),
        ((KHOA_GIA_MAO.public_key(), _du_lieu, _chu_ky), False),
        ((KHOA_GIA_MAO.public_key(), _du_lieu, ky(KHOA_GIA_MAO, _du_lieu)), True),
        ((KHOA_SO_NOI_VU.public_key(), _du_lieu, _chu_ky_sua), False),
        ((KHOA_SO_NOI_VU.public_key(), _du_lieu, b""), False),
        ((KHOA_SO_NOI_VU.public_key(), _du_lieu + b" ", _chu_ky), False),
    ],
    what="kết quả xác minh",
)
### END HIDDEN TESTS

# %% [markdown]
# ### Thử sửa một văn bản đã ký
#
# Văn bản dưới đây đã được Giám đốc Sở ký. Hãy sửa thử một chữ, một con số, thậm chí chỉ
# thêm một dấu cách: ô kết quả dùng hàm `xac_minh` của anh/chị để cho biết chữ ký còn khớp
# không, kèm mã băm của nội dung hiện tại. Phần kiểm tra nằm trong hàm thường `ket_qua_sua`.

# %%
import ipywidgets as widgets
from IPython.display import display

VAN_BAN_GOC = "Điều 1. Thành lập Tổ số hóa tài liệu lưu trữ gồm 05 thành viên."
CHU_KY_GOC = ky(KHOA_GIAM_DOC, VAN_BAN_GOC.encode())


def ket_qua_sua(noi_dung: str) -> str:
    """Chữ ký gốc còn khớp với nội dung đã sửa không, và mã băm của nội dung đó."""
    du_lieu = noi_dung.encode()
    ma = hashlib.sha256(du_lieu).hexdigest()
    try:
        khop = xac_minh(KHOA_GIAM_DOC.public_key(), du_lieu, CHU_KY_GOC)
    except NotImplementedError:
        return f"Mã băm: {ma}. Hãy làm Bài tập 4 (hàm xac_minh) để kiểm tra chữ ký."
    except Exception as loi:
        return f"Hàm xac_minh báo lỗi {type(loi).__name__}: {loi}"
    ket_luan = "chữ ký KHỚP" if khop else "chữ ký KHÔNG khớp — văn bản đã bị sửa"
    return f"Mã băm: {ma} — {ket_luan}."


o_van_ban = widgets.Textarea(value=VAN_BAN_GOC, layout={"width": "95%"})
o_ket_qua_ky = widgets.Label()


def cap_nhat_ky(_thay_doi: object = None) -> None:
    o_ket_qua_ky.value = ket_qua_sua(o_van_ban.value)


o_van_ban.observe(cap_nhat_ky, names="value")
cap_nhat_ky()
display(widgets.VBox([o_van_ban, o_ket_qua_ky]))

# %% [markdown]
# ## Phần 4. Chữ ký của người có thẩm quyền và chữ ký của cơ quan (3 điểm)
#
# Theo Thông tư 41/2017/TT-BTTTT, văn bản điện tử của cơ quan nhà nước có hai chữ ký số:
#
# 1. **chữ ký của người có thẩm quyền** (ví dụ Giám đốc Sở), ký bằng khóa bí mật **cá nhân**;
# 2. **chữ ký của cơ quan** (thay cho con dấu), do **văn thư** ký bằng khóa bí mật **của cơ
#    quan** sau khi người có thẩm quyền đã ký. Chữ ký này phủ lên cả nội dung **lẫn** chữ ký
#    cá nhân, nên không ai thay được chữ ký cá nhân mà không làm hỏng chữ ký cơ quan.
#
# Hàm `phat_hanh` dưới đây làm đúng hai bước đó; văn bản điện tử là một từ điển gồm nội dung
# và hai chữ ký.


# %%
def phat_hanh(
    noi_dung: bytes, khoa_nguoi_ky: rsa.RSAPrivateKey, khoa_co_quan: rsa.RSAPrivateKey
) -> dict[str, bytes]:
    """Văn bản điện tử: người có thẩm quyền ký nội dung, văn thư ký tiếp bằng khóa cơ quan."""
    chu_ky_ca_nhan = ky(khoa_nguoi_ky, noi_dung)
    chu_ky_co_quan = ky(khoa_co_quan, noi_dung + chu_ky_ca_nhan)
    return {
        "noi_dung": noi_dung,
        "chu_ky_ca_nhan": chu_ky_ca_nhan,
        "chu_ky_co_quan": chu_ky_co_quan,
    }


QUYET_DINH = phat_hanh(
    "QUYẾT ĐỊNH số 07/QĐ-SNV về việc thành lập Tổ số hóa".encode(), KHOA_GIAM_DOC, KHOA_SO_NOI_VU
)
sorted(QUYET_DINH)

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `kiem_tra_van_ban(van_ban, khoa_nguoi_ky, khoa_co_quan)` (hai khóa là khóa
# **công khai**) trả về đúng một trong ba chuỗi:
#
# - `"sai chữ ký cá nhân"` nếu chữ ký cá nhân không khớp với nội dung (kiểm tra trước);
# - `"sai chữ ký cơ quan"` nếu chữ ký cá nhân đúng nhưng chữ ký cơ quan không khớp với
#   *nội dung + chữ ký cá nhân*;
# - `"hợp lệ"` nếu cả hai đều đúng.
#
# Dùng hàm `xac_minh` của Bài tập 4.


# %% nbgrader={"grade": false, "grade_id": "kiem-tra-van-ban", "locked": false, "schema_version": 3, "solution": true}
def kiem_tra_van_ban(
    van_ban: dict[str, bytes], khoa_nguoi_ky: rsa.RSAPublicKey, khoa_co_quan: rsa.RSAPublicKey
) -> str:
    """Kết luận về hai chữ ký số của một văn bản điện tử."""
    ### BEGIN SOLUTION
    noi_dung = van_ban["noi_dung"]
    ca_nhan = van_ban["chu_ky_ca_nhan"]
    if not xac_minh(khoa_nguoi_ky, noi_dung, ca_nhan):
        return "sai chữ ký cá nhân"
    if not xac_minh(khoa_co_quan, noi_dung + ca_nhan, van_ban["chu_ky_co_quan"]):
        return "sai chữ ký cơ quan"
    return "hợp lệ"
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "kiem-tra-van-ban-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

_gd, _snv = KHOA_GIAM_DOC.public_key(), KHOA_SO_NOI_VU.public_key()
check_cases(
    kiem_tra_van_ban,
    [
        ((QUYET_DINH, _gd, _snv), "hợp lệ"),
        ((dict(QUYET_DINH, noi_dung=b"QUYET DINH da bi sua"), _gd, _snv), "sai chữ ký cá nhân"),
    ],
    what="kết luận về văn bản",
)

# %% nbgrader={"grade": true, "grade_id": "kiem-tra-van-ban-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ ký cơ quan giả, chữ ký cơ quan chỉ phủ nội dung, thay chữ ký cá nhân, đổi khóa.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
_nd = "CÔNG VĂN số 118/SNV-VP về việc báo cáo biên chế".encode()
_hop_le = phat_hanh(_nd, KHOA_GIAM_DOC, KHOA_SO_NOI_VU)
_co_quan_gia = phat_hanh(_nd, KHOA_GIAM_DOC, KHOA_GIA_MAO)
_chi_phu_noi_dung = dict(_hop_le, chu_ky_co_quan=ky(KHOA_SO_NOI_VU, _nd))
_thay_ca_nhan = dict(_hop_le, chu_ky_ca_nhan=ky(KHOA_GIA_MAO, _nd))
_ca_nhan_moi = ky(KHOA_GIAM_DOC, "nội dung khác".encode())
_gan_chu_ky_khac = dict(_hop_le, chu_ky_ca_nhan=_ca_nhan_moi)
check_cases(
    kiem_tra_van_ban,
    [
        ((_hop_le, _gd, _snv), "hợp lệ"),
        ((_co_quan_gia, _gd, _snv), "sai chữ ký cơ quan"),
        ((_chi_phu_noi_dung, _gd, _snv), "sai chữ ký cơ quan"),
        ((_thay_ca_nhan, _gd, _snv), "sai chữ ký cá nhân"),
        ((_gan_chu_ky_khac, _gd, _snv), "sai chữ ký cá nhân"),
        ((_hop_le, _snv, _gd), "sai chữ ký cá nhân"),
        ((_co_quan_gia, _gd, KHOA_GIA_MAO.public_key()), "hợp lệ"),
    ],
    what="kết luận về văn bản",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Khung pháp lý (2 điểm)
#
# - **Nghị định 130/2018/NĐ-CP** quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký
#   số và dịch vụ chứng thực chữ ký số. Chứng thư số chuyên dùng cho cơ quan nhà nước do **Ban
#   Cơ yếu Chính phủ** cấp.
# - **Thông tư 41/2017/TT-BTTTT** quy định sử dụng chữ ký số cho văn bản điện tử trong cơ quan
#   nhà nước: người có thẩm quyền ký bằng khóa cá nhân, văn thư ký bằng khóa của cơ quan.
# - **Nghị định 30/2020/NĐ-CP**: văn bản điện tử được ký số đúng quy định có giá trị pháp lý
#   như bản gốc văn bản giấy.
# - Khóa bí mật (thiết bị ký số) là của riêng người được cấp: không giao người khác giữ, không
#   ghi mật khẩu lên thiết bị; mất thiết bị phải báo ngay để thu hồi chứng thư số.
#
# *Lưu ý:* Luật Giao dịch điện tử năm 2023 có hiệu lực từ 01/7/2024, kéo theo các văn bản
# hướng dẫn mới về chữ ký điện tử; khi áp dụng trong công việc, hãy tra văn bản đang có hiệu
# lực.
#
# ### Bài tập 6 (2 điểm)
#
# Chọn đáp án đúng (`"a"`, `"b"` hoặc `"c"`):
#
# 1. Chứng thư số chuyên dùng cho cơ quan nhà nước do ai cấp? a) Ban Cơ yếu Chính phủ;
#    b) bất kỳ doanh nghiệp viễn thông nào; c) Văn phòng UBND tỉnh.
# 2. Theo Thông tư 41/2017/TT-BTTTT, văn thư ký số văn bản đi bằng: a) khóa bí mật cá nhân
#    của Giám đốc; b) khóa bí mật của cơ quan; c) khóa bí mật cá nhân của văn thư.
# 3. Thiết bị ký số của lãnh đạo nên: a) giao văn thư giữ để ký thay cho nhanh; b) do chính
#    người được cấp quản lý, không giao người khác; c) dán mật khẩu lên thiết bị để khỏi quên.
# 4. Văn bản điện tử được ký số đúng quy định: a) chỉ có giá trị tham khảo; b) phải in ra và
#    đóng dấu mới có giá trị; c) có giá trị pháp lý như bản gốc văn bản giấy.

# %% nbgrader={"grade": false, "grade_id": "phap-ly", "locked": false, "schema_version": 3, "solution": true}
# DAP_AN = {1: "...", 2: "...", 3: "...", 4: "..."}
### BEGIN SOLUTION
DAP_AN = {1: "a", 2: "b", 3: "b", 4: "c"}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "phap-ly-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true, assert_type

assert_type(DAP_AN, dict, what="DAP_AN")
assert_equal(sorted(DAP_AN), [1, 2, 3, 4], what="các số câu hỏi trong DAP_AN")
for cau, chu in DAP_AN.items():
    assert_type(chu, str, what=f"đáp án câu {cau}")
    assert_true(chu in ("a", "b", "c"), f"Đáp án câu {cau} phải là 'a', 'b' hoặc 'c'.")
assert_equal(DAP_AN[4], "c", what="đáp án câu 4")

# %% nbgrader={"grade": true, "grade_id": "phap-ly-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đáp án từng câu.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(DAP_AN, {1: "a", 2: "b", 3: "b", 4: "c"}, what="các đáp án")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): ở cơ quan anh/chị, văn bản đi đã được ký số chưa, ai
# ký số (lãnh đạo, văn thư), bằng thiết bị gì? Thiết bị ký số được quản lý thế nào (ai giữ,
# có khi nào ký thay)? Khi nhận văn bản điện tử, văn thư có kiểm tra chữ ký số không và làm
# gì khi chữ ký không hợp lệ? Đề xuất một việc để dùng chữ ký số an toàn hơn.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt mô tả hiện trạng cụ thể (loại văn bản đã ký số, người ký, thiết bị hoặc ký
# số từ xa), nhận xét đúng quy định (không giao thiết bị ký số cho người khác; văn thư ký bằng
# khóa cơ quan; kiểm tra chữ ký số khi tiếp nhận văn bản điện tử) và đề xuất khả thi (quy
# trình báo mất thiết bị, kiểm tra chữ ký tự động trên hệ thống QLVB&ĐH, tập huấn).
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Mã băm SHA-256 là "dấu vân tay" của dữ liệu: đổi một byte là đổi hẳn; băm các **byte** của
#   tệp (`read_bytes`), không băm văn bản đã đọc lại.
# - Danh mục mã băm giúp phát hiện tệp bị sửa hoặc bị mất trong hồ sơ điện tử.
# - Chữ ký số chứng minh toàn vẹn, nguồn gốc và chống chối bỏ; không giữ bí mật nội dung,
#   không chứng minh nội dung đúng pháp luật.
# - Xác minh trả lời có/không: bắt lỗi `InvalidSignature` thay vì để chương trình dừng.
# - Thông tư 41/2017/TT-BTTTT: người có thẩm quyền ký bằng khóa cá nhân, văn thư ký bằng khóa
#   của cơ quan, phủ lên cả nội dung lẫn chữ ký cá nhân; NĐ 30: văn bản ký số đúng quy định
#   có giá trị như bản gốc giấy.
