# %% [markdown]
# # Bài 3. Thư điện tử công vụ và an toàn thông tin
#
# *Khóa Hệ thống thông tin dùng chung — dành cho cán bộ, công chức các cơ quan, đơn vị.*
#
# **Điều kiện tiên quyết:** Bài 1 (chạy ô, điền giá trị, viết hàm ngắn theo khung).
#
# **Mục tiêu.** Sau bài này, anh/chị có thể:
#
# 1. nêu yêu cầu dùng thư điện tử công vụ theo Chỉ thị 34/2008/CT-TTg và nhận ra địa chỉ thư
#    công vụ thật (tên miền `.gov.vn`) với địa chỉ giả mạo trông giống;
# 2. đọc tiêu đề thư (người gửi, địa chỉ trả lời, kết quả kiểm tra SPF/DKIM/DMARC);
# 3. nhận ra liên kết giả mạo và tệp đính kèm nguy hiểm;
# 4. phân loại một hộp thư mẫu: thư an toàn, thư lừa đảo, thư vi phạm quy định;
# 5. kiểm tra mật khẩu theo quy chế và dùng xác thực hai yếu tố đúng cách.
#
# **Cách làm bài.** Như các bài trước: điền câu trả lời vào ô có dòng
# `# VIẾT MÃ CỦA BẠN Ở ĐÂY`, chạy ô kiểm tra bên dưới; khi chấm có thêm kiểm thử ẩn. Tổng
# 17 điểm: 14 điểm chấm tự động, 3 điểm câu suy ngẫm.
#
# **Lưu ý an toàn.** Các thư mẫu trong thư mục `data/thu-mau/` là thư giả định của tỉnh Sơn
# Hà, được tạo cho bài học; các liên kết và tệp đính kèm trong đó **không** hoạt động. Trong
# bài, ta chỉ *đọc* thư bằng Python, không mở tệp đính kèm, không truy cập liên kết.

# %% nbgrader={"grade": false, "grade_id": "chuan-bi", "locked": true, "schema_version": 3, "solution": false}
import re
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

THU_MUC_THU = Path("data/thu-mau")


def doc_thu(duong_dan: Path) -> dict[str, object]:
    """Các thông tin cần xem của một thư: tiêu đề, liên kết, tên tệp đính kèm.

    Liên kết là địa chỉ thật (trong phần chữ thường và trong thuộc tính href của phần HTML);
    chữ hiển thị là những địa chỉ người đọc *nhìn thấy* trên liên kết HTML.
    """
    thu = BytesParser(policy=policy.default).parsebytes(duong_dan.read_bytes())
    lien_ket, chu_hien_thi = set(), set()
    for phan in thu.walk():
        if phan.get_content_type() == "text/plain":
            lien_ket.update(re.findall(r"https?://[^\s\"'<>]+", phan.get_content()))
        elif phan.get_content_type() == "text/html":
            for dich, chu in re.findall(r'<a href="([^"]+)">([^<]*)</a>', phan.get_content()):
                lien_ket.add(dich)
                chu_hien_thi.add(chu)
    return {
        "tu": str(thu["From"]),
        "tra_loi_den": str(thu.get("Reply-To", "")),
        "return_path": str(thu.get("Return-Path", "")),
        "xac_thuc": " ".join(str(thu.get("Authentication-Results", "")).split()),
        "tieu_de": str(thu["Subject"]),
        "lien_ket": sorted(lien_ket),
        "chu_hien_thi": sorted(chu_hien_thi - lien_ket),
        "tep_dinh_kem": [phan.get_filename() for phan in thu.iter_attachments()],
    }


doc_thu(THU_MUC_THU / "thu-01.eml")

# %% [markdown]
# ## Phần 1. Địa chỉ thư điện tử công vụ (2 điểm)
#
# Chỉ thị 34/2008/CT-TTg của Thủ tướng Chính phủ yêu cầu cán bộ, công chức sử dụng hệ thống
# thư điện tử của cơ quan nhà nước trong công việc; các hộp thư công vụ dùng tên miền
# `.gov.vn` (của tỉnh Sơn Hà là `sonha.gov.vn` và các tên miền con như `snv.sonha.gov.vn`).
# Không dùng thư cá nhân (Gmail, Yahoo…) để gửi, nhận văn bản, số liệu công việc.
#
# Kẻ gian hay dùng tên miền **trông giống** tên miền nhà nước: `dichvucong-gov.vn`,
# `sonhagov.vn`, `sonha.gov.vn.com`, hoặc đặt `gov.vn` vào phần **trước** dấu `@`
# (`gov.vn@gmail.com`). Chỉ phần **sau** dấu `@` mới là tên miền; tên miền là của nhà nước khi
# nó **là** `gov.vn` hoặc **kết thúc bằng** `.gov.vn` (có dấu chấm phía trước).
#
# Địa chỉ thường kèm tên hiển thị: `Văn phòng UBND tỉnh Sơn Hà <vanphong@sonha.gov.vn>`. Tên
# hiển thị ai cũng đặt được tùy ý, nên chỉ tin vào địa chỉ. Hàm `parseaddr` tách hai phần:

# %%
print(parseaddr("Văn phòng UBND tỉnh Sơn Hà <vanphong@sonha.gov.vn>"))
dia_chi_mau = "hotro@dichvucong-gov.vn"
print("Phần sau @:", dia_chi_mau.rsplit("@", 1)[-1])
print("Kết thúc bằng .gov.vn?", dia_chi_mau.endswith(".gov.vn"))

# %% [markdown]
# ### Bài tập 1 (2 điểm)
#
# Viết hàm `la_thu_cong_vu(dia_chi)` trả về `True` nếu tên miền của địa chỉ (có thể kèm tên
# hiển thị) là `gov.vn` hoặc kết thúc bằng `.gov.vn`, không phân biệt chữ hoa, chữ thường;
# ngược lại trả về `False`. Gợi ý: `parseaddr(dia_chi)[1]` lấy địa chỉ;
# `.rsplit("@", 1)[-1]` lấy phần sau dấu `@` cuối cùng; `.lower()` đưa về chữ thường.


# %% nbgrader={"grade": false, "grade_id": "la-thu-cong-vu", "locked": false, "schema_version": 3, "solution": true}
def la_thu_cong_vu(dia_chi: str) -> bool:
    """Địa chỉ có thuộc tên miền .gov.vn không."""
    ### BEGIN SOLUTION
    ten_mien = parseaddr(dia_chi)[1].rsplit("@", 1)[-1].lower()
    return ten_mien == "gov.vn" or ten_mien.endswith(".gov.vn")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "la-thu-cong-vu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    la_thu_cong_vu,
    [
        (("vanphong@sonha.gov.vn",), True),
        (("hotro@dichvucong-gov.vn",), False),
        (("Trần Thị B <tranthib.sonha@gmail.com>",), False),
    ],
    what="kết luận về địa chỉ công vụ",
)

# %% nbgrader={"grade": true, "grade_id": "la-thu-cong-vu-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: tên hiển thị, chữ hoa, tên miền giả có gov.vn ở giữa hoặc trước @.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    la_thu_cong_vu,
    [
        (("Sở Nội vụ <snv@sonha.gov.vn>",), True),
        (("CDS@STTTT.SONHA.GOV.VN",), True),
        (("Ban Cơ yếu <ca@bcy.gov.vn>",), True),
        (("hotro@sonha.gov.vn.com",), False),
        (("hotro@sonhagov.vn",), False),
        (("gov.vn@gmail.com",), False),
        (("Cổng DVC <sonha.gov.vn@outlook.com>",), False),
        (("admin@gov.vn.xac-thuc.net",), False),
    ],
    what="kết luận về địa chỉ công vụ",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 2. Liên kết giả mạo (2 điểm)
#
# Trước khi bấm một liên kết, hãy xem **tên máy chủ** (hostname) thật của nó — phần giữa
# `://` và dấu `/` tiếp theo, sau khi bỏ phần `ai-đó@` (nếu có) và số cổng `:443`:
#
# | Liên kết | Tên máy chủ thật |
# |---|---|
# | `https://dichvucong.gov.vn/p/home` | `dichvucong.gov.vn` |
# | `https://dichvucong.gov.vn.xac-thuc-tai-khoan.com/dang-nhap` | `dichvucong.gov.vn.xac-thuc-tai-khoan.com` |
# | `https://ca.gov.vn@203.0.113.45/gia-han` | `203.0.113.45` (phần trước `@` chỉ để đánh lừa) |
#
# Trong thư dạng HTML, **chữ hiển thị** của liên kết có thể khác địa chỉ thật: thư hiện
# `https://dichvucong.gov.vn` nhưng khi bấm lại tới trang khác. Hãy rê chuột lên liên kết để
# xem địa chỉ thật trước khi bấm. Hàm `urlsplit` của Python tách các phần của liên kết:

# %%
phan = urlsplit("HTTPS://ca.gov.vn@203.0.113.45:8443/gia-han")
print("giao thức:", phan.scheme, "| máy chủ:", phan.hostname, "| cổng:", phan.port)

# %% [markdown]
# ### Bài tập 2 (2 điểm)
#
# Viết hàm `lien_ket_an_toan(lien_ket)` trả về `True` khi liên kết dùng giao thức `https`
# **và** tên máy chủ là `gov.vn` hoặc kết thúc bằng `.gov.vn`; ngược lại trả về `False`.
# Gợi ý: `urlsplit(lien_ket)` cho `.scheme` (đã là chữ thường) và `.hostname` (đã bỏ phần
# trước `@`, số cổng, và đã là chữ thường; bằng `None` nếu liên kết không có máy chủ).


# %% nbgrader={"grade": false, "grade_id": "lien-ket-an-toan", "locked": false, "schema_version": 3, "solution": true}
def lien_ket_an_toan(lien_ket: str) -> bool:
    """Liên kết https tới một máy chủ thuộc tên miền .gov.vn."""
    ### BEGIN SOLUTION
    phan_tach = urlsplit(lien_ket)
    may_chu = phan_tach.hostname or ""
    dung_mien = may_chu == "gov.vn" or may_chu.endswith(".gov.vn")
    return phan_tach.scheme == "https" and dung_mien
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "lien-ket-an-toan-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    lien_ket_an_toan,
    [
        (("https://dichvucong.gov.vn/p/home",), True),
        (("https://dichvucong.gov.vn.xac-thuc-tai-khoan.com/dang-nhap",), False),
    ],
    what="kết luận về liên kết",
)

# %% nbgrader={"grade": true, "grade_id": "lien-ket-an-toan-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: phần trước @, http, chữ hoa và số cổng, tên miền na ná, địa chỉ IP.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    lien_ket_an_toan,
    [
        (("https://ca.gov.vn@203.0.113.45/gia-han-chung-thu",), False),
        (("http://dichvucong.sonha.gov.vn/huong-dan",), False),
        (("HTTPS://DichVuCong.SonHa.Gov.Vn:443/thu-tuc",), True),
        (("https://sonha.gov.vn-dang-nhap.net/",), False),
        (("https://hop.sonha.gov.vn/phong/1403?ma=gov.vn",), True),
        (("https://203.0.113.45/dichvucong.gov.vn/",), False),
        (("https://xacthuc.com/?next=https://dichvucong.gov.vn",), False),
        (("dichvucong.gov.vn",), False),
    ],
    what="kết luận về liên kết",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 3. Tệp đính kèm nguy hiểm (2 điểm)
#
# Mã độc thường đến dưới dạng tệp đính kèm **chạy được** (`.exe`, `.scr`, `.js`…) hoặc tài
# liệu có **macro** (`.docm`, `.xlsm`…). Kẻ gian đặt tên có **hai đuôi** như
# `Bang luong thang 3.pdf.exe`: Windows mặc định ẩn đuôi cuối, người nhận chỉ thấy
# `Bang luong thang 3.pdf`. Chỉ **đuôi cuối cùng** quyết định loại tệp. Windows cũng bỏ qua
# dấu chấm và dấu cách ở cuối tên, nên `tailieu.exe.` vẫn là tệp `.exe`.

# %%
DUOI_NGUY_HIEM = {
    "exe",
    "scr",
    "com",
    "bat",
    "cmd",
    "msi",
    "js",
    "vbs",
    "ps1",
    "hta",
    "jar",
    "lnk",
    "iso",
    "docm",
    "xlsm",
    "pptm",
}
ten_mau = "Bang luong thang 3.pdf.exe"
print(ten_mau.rsplit(".", 1))
print("tailieu.exe. ".rstrip(". "))

# %% [markdown]
# ### Bài tập 3 (2 điểm)
#
# Viết hàm `tep_nguy_hiem(ten_tep)` trả về `True` nếu đuôi cuối cùng của tên tệp (bỏ dấu chấm
# và dấu cách ở cuối tên, không phân biệt chữ hoa, chữ thường) nằm trong tập
# `DUOI_NGUY_HIEM`; tên không có đuôi thì trả về `False`.


# %% nbgrader={"grade": false, "grade_id": "tep-nguy-hiem", "locked": false, "schema_version": 3, "solution": true}
def tep_nguy_hiem(ten_tep: str) -> bool:
    """Tệp đính kèm có đuôi chạy được hoặc chứa macro."""
    ### BEGIN SOLUTION
    ten_gon = ten_tep.rstrip(". ").lower()
    if "." not in ten_gon:
        return False
    return ten_gon.rsplit(".", 1)[1] in DUOI_NGUY_HIEM
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "tep-nguy-hiem-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    tep_nguy_hiem,
    [
        (("Bang luong thang 3.pdf.exe",), True),
        (("14-GM-UBND.pdf",), False),
        (("bieu-mau-gia-han.docm",), True),
    ],
    what="kết luận về tệp đính kèm",
)

# %% nbgrader={"grade": true, "grade_id": "tep-nguy-hiem-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: chữ hoa, dấu chấm và dấu cách ở cuối, đuôi nguy hiểm nằm giữa tên, không có đuôi.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    tep_nguy_hiem,
    [
        (("QUYET DINH.PDF.EXE",), True),
        (("so-lieu.XLSM",), True),
        (("tailieu.exe. ",), True),
        (("huong-dan.exe.pdf",), False),
        (("exe-hoach-2024.docx",), False),
        (("bao-cao.js.txt",), False),
        (("README",), False),
        (("ke hoach.scr",), True),
        (("anh-hoi-nghi.jpg",), False),
    ],
    what="kết luận về tệp đính kèm",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 4. Phân loại hộp thư mẫu (3 điểm)
#
# Máy chủ thư của tỉnh ghi kết quả kiểm tra người gửi vào tiêu đề `Authentication-Results`:
#
# - **SPF** (`spf=pass`): máy chủ gửi thư có được tên miền trong địa chỉ gửi cho phép không;
# - **DKIM** (`dkim=pass`): thư có chữ ký số của tên miền gửi và không bị sửa trên đường đi;
# - **DMARC** (`dmarc=pass`): tên miền hiển thị ở dòng `From` khớp với tên miền đã kiểm tra.
#
# `fail`, `softfail` hay `none` là dấu hiệu giả mạo, nhất là khi dòng `From` ghi địa chỉ
# `.gov.vn`. Chú ý thêm: `Reply-To` (thư trả lời đi đâu) khác người gửi; `Return-Path` thuộc
# tên miền lạ; lời lẽ thúc ép ("khẩn", "bị khóa sau 24 giờ"); gửi ngoài giờ làm việc. Ngược
# lại, thư của **tên miền thật** vẫn có thể vi phạm quy định: gửi số liệu công việc từ hộp
# thư cá nhân là trái Chỉ thị 34/2008/CT-TTg, dù không phải lừa đảo.
#
# Công cụ dưới đây đọc từng thư mẫu và áp dụng ba hàm của anh/chị (Bài tập 1–3).

# %%
import html

import ipywidgets as widgets
from IPython.display import display


def danh_dau(ham: object, gia_tri: str) -> str:
    """«an toàn»/«cảnh báo» theo một hàm kiểm tra của học viên, hoặc lời nhắc."""
    try:
        return "an toàn" if ham(gia_tri) else "CẢNH BÁO"
    except NotImplementedError:
        return "(chưa làm bài tập)"
    except Exception as loi:
        return f"(hàm báo lỗi {type(loi).__name__})"


def bao_cao_thu(duong_dan: Path) -> str:
    """Tóm tắt một thư mẫu kèm nhận xét của các hàm kiểm tra."""
    thu = doc_thu(duong_dan)
    dong = [
        f"Tiêu đề: {thu['tieu_de']}",
        f"Người gửi: {thu['tu']} → địa chỉ công vụ: {danh_dau(la_thu_cong_vu, thu['tu'])}",
        f"Trả lời đến: {thu['tra_loi_den'] or '(như người gửi)'}",
        f"Return-Path: {thu['return_path']}",
        f"Kiểm tra người gửi: {thu['xac_thuc']}",
    ]
    dong += [f"Liên kết: {lk} → {danh_dau(lien_ket_an_toan, lk)}" for lk in thu["lien_ket"]]
    dong += [f"Chữ hiển thị «{chu}» KHÁC địa chỉ thật của liên kết" for chu in thu["chu_hien_thi"]]
    # tep_nguy_hiem trả về True khi tệp NGUY HIỂM: đảo lại để «an toàn» là không nguy hiểm.
    dong += [
        f"Tệp: {tep} → {danh_dau(lambda ten: not tep_nguy_hiem(ten), tep)}"
        for tep in thu["tep_dinh_kem"]
    ]
    return "\n".join(dong)


o_thu = widgets.Dropdown(
    options=sorted(p.name for p in THU_MUC_THU.glob("*.eml")), description="Thư:"
)
o_bao_cao = widgets.HTML()


def cap_nhat_thu(_thay_doi: object = None) -> None:
    o_bao_cao.value = "<pre>" + html.escape(bao_cao_thu(THU_MUC_THU / o_thu.value)) + "</pre>"


o_thu.observe(cap_nhat_thu, names="value")
cap_nhat_thu()
display(widgets.VBox([o_thu, o_bao_cao]))

# %% [markdown]
# ### Bài tập 4 (3 điểm)
#
# Xem cả sáu thư mẫu (chọn lần lượt trong ô chọn ở trên) rồi phân loại từng thư vào một
# trong ba nhóm: `"an toàn"`, `"lừa đảo"` hoặc `"sai quy định"` (không phải lừa đảo nhưng vi
# phạm quy định dùng thư công vụ).

# %% nbgrader={"grade": false, "grade_id": "phan-loai-thu", "locked": false, "schema_version": 3, "solution": true}
PHAN_LOAI = {}
# PHAN_LOAI["thu-01.eml"] = "..."
# PHAN_LOAI["thu-02.eml"] = "..."
# PHAN_LOAI["thu-03.eml"] = "..."
# PHAN_LOAI["thu-04.eml"] = "..."
# PHAN_LOAI["thu-05.eml"] = "..."
# PHAN_LOAI["thu-06.eml"] = "..."
### BEGIN SOLUTION
PHAN_LOAI["thu-01.eml"] = "an toàn"
PHAN_LOAI["thu-02.eml"] = "lừa đảo"
PHAN_LOAI["thu-03.eml"] = "lừa đảo"
PHAN_LOAI["thu-04.eml"] = "an toàn"
PHAN_LOAI["thu-05.eml"] = "lừa đảo"
PHAN_LOAI["thu-06.eml"] = "sai quy định"
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "phan-loai-thu-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
import unicodedata

from graders.asserts import assert_equal, assert_true, assert_type

assert_type(PHAN_LOAI, dict, what="PHAN_LOAI")
assert_equal(
    sorted(PHAN_LOAI), [f"thu-0{i}.eml" for i in range(1, 7)], what="các thư trong PHAN_LOAI"
)
for ten_thu, nhom in PHAN_LOAI.items():
    assert_type(nhom, str, what=f"nhóm của {ten_thu}")
    assert_true(
        unicodedata.normalize("NFC", nhom) in ("an toàn", "lừa đảo", "sai quy định"),
        f"Nhóm của {ten_thu} phải là «an toàn», «lừa đảo» hoặc «sai quy định», "
        f"không phải {nhom!r}.",
    )
assert_equal(unicodedata.normalize("NFC", PHAN_LOAI["thu-02.eml"]), "lừa đảo", what="thu-02")

# %% nbgrader={"grade": true, "grade_id": "phan-loai-thu-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: nhóm của từng thư.
import unicodedata

from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
_nhom_dung = ["an toàn", "lừa đảo", "lừa đảo", "an toàn", "lừa đảo", "sai quy định"]
assert_equal(
    {ten: unicodedata.normalize("NFC", nhom) for ten, nhom in PHAN_LOAI.items()},
    {f"thu-0{i}.eml": nhom for i, nhom in enumerate(_nhom_dung, start=1)},
    what="phân loại các thư mẫu",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 5. Mật khẩu (3 điểm)
#
# Quy chế bảo đảm an toàn thông tin của tỉnh Sơn Hà (giả định, theo thông lệ phổ biến) yêu
# cầu mật khẩu hộp thư công vụ:
#
# 1. dài **ít nhất 12** ký tự;
# 2. có ký tự thuộc **ít nhất 3 trong 4 nhóm**: chữ thường, chữ hoa, chữ số, ký tự khác (dấu
#    câu, dấu cách, ký hiệu); chữ có dấu tiếng Việt cũng là chữ thường hoặc chữ hoa;
# 3. **không chứa tên đăng nhập** (không phân biệt chữ hoa, chữ thường);
# 4. **không nằm trong danh sách mật khẩu phổ biến** đã bị lộ (không phân biệt chữ hoa, chữ
#    thường).
#
# Python có sẵn các phép thử cho từng ký tự: `k.islower()`, `k.isupper()`, `k.isdigit()`,
# `k.isalnum()` (chữ hoặc số). `any(...)` cho biết có ít nhất một ký tự thỏa mãn.

# %%
MAT_KHAU_PHO_BIEN = ["Sonha@123456", "Admin@123456", "Matkhau@2024", "P@ssw0rd1234", "123456789abc"]
vi_du_mk = "Đồng-tâm 2024"
print(
    "chữ thường:",
    any(k.islower() for k in vi_du_mk),
    "| chữ hoa:",
    any(k.isupper() for k in vi_du_mk),
    "| chữ số:",
    any(k.isdigit() for k in vi_du_mk),
    "| ký tự khác:",
    any(not k.isalnum() for k in vi_du_mk),
)

# %% [markdown]
# ### Bài tập 5 (3 điểm)
#
# Viết hàm `mat_khau_dat_chuan(mat_khau, ten_dang_nhap)` trả về `True` khi mật khẩu thỏa cả
# bốn yêu cầu trên, `False` trong trường hợp ngược lại. Gợi ý: `True` được tính là 1 khi cộng,
# nên `sum([co_thuong, co_hoa, co_so, co_khac])` đếm số nhóm có mặt.


# %% nbgrader={"grade": false, "grade_id": "mat-khau-dat-chuan", "locked": false, "schema_version": 3, "solution": true}
def mat_khau_dat_chuan(mat_khau: str, ten_dang_nhap: str) -> bool:
    """Mật khẩu thỏa bốn yêu cầu của quy chế."""
    ### BEGIN SOLUTION
    if len(mat_khau) < 12:
        return False
    so_nhom = sum(
        [
            any(k.islower() for k in mat_khau),
            any(k.isupper() for k in mat_khau),
            any(k.isdigit() for k in mat_khau),
            any(not k.isalnum() for k in mat_khau),
        ]
    )
    if so_nhom < 3:
        return False
    if ten_dang_nhap.casefold() in mat_khau.casefold():
        return False
    return mat_khau.casefold() not in [m.casefold() for m in MAT_KHAU_PHO_BIEN]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "mat-khau-dat-chuan-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import check_cases

check_cases(
    mat_khau_dat_chuan,
    [
        (("Mua-thu-Ha-Noi-2024", "nguyenvana"), True),
        (("sonha123", "nguyenvana"), False),
        (("Sonha@123456", "nguyenvana"), False),
    ],
    what="kết luận về mật khẩu",
)

# %% nbgrader={"grade": true, "grade_id": "mat-khau-dat-chuan-an", "locked": true, "points": 2, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đúng 11 và 12 ký tự, đủ hoặc thiếu nhóm, chứa tên đăng nhập, danh sách phổ biến.
from graders.asserts import check_cases

### BEGIN HIDDEN TESTS
check_cases(
    mat_khau_dat_chuan,
    [
        (("Abcdefghij1!", "tranthib"), True),
        (("Abcdefghi1!", "tranthib"), False),
        (("abcdefghijk1", "tranthib"), False),
        (("abcdefghij1!", "tranthib"), True),
        (("ABCDEFGHIJKLMNOP", "tranthib"), False),
        (("NguyenVanA@2024", "nguyenvana"), False),
        (("Lam-viec-TRANTHIB-9", "tranthib"), False),
        (("SONHA@123456", "tranthib"), False),
        (("p@ssw0rd1234", "tranthib"), False),
        (("đồng lúa chín 2024", "tranthib"), True),
        (("ĐỒNGLÚACHÍN2024", "tranthib"), False),
    ],
    what="kết luận về mật khẩu",
)
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 6. Xác thực hai yếu tố và xử lý tình huống (2 điểm)
#
# **Xác thực hai yếu tố** (2FA) đòi hỏi hai thứ thuộc **hai loại khác nhau**: điều anh/chị
# *biết* (mật khẩu), vật anh/chị *có* (điện thoại có ứng dụng tạo mã OTP, khóa bảo mật, thiết
# bị ký số), hoặc đặc điểm của anh/chị (vân tay). Hai mật khẩu, hay mật khẩu cộng câu hỏi bí
# mật, vẫn chỉ là một loại. Mã OTP chỉ dành cho chính người đăng nhập: **không ai** có quyền
# hỏi mã này, kể cả người xưng là cán bộ CNTT. Khi nghi ngờ một thư, không bấm liên kết, không
# mở tệp, báo ngay cho bộ phận phụ trách CNTT, an toàn thông tin của cơ quan.
#
# ### Bài tập 6 (2 điểm)
#
# Chọn đáp án đúng (ghi chữ cái `"a"`, `"b"` hoặc `"c"`) cho bốn câu hỏi:
#
# 1. Theo Chỉ thị 34/2008/CT-TTg, cán bộ gửi văn bản, số liệu công việc bằng:
#    a) hộp thư cá nhân nếu tiện hơn; b) hộp thư công vụ do cơ quan cấp; c) bất kỳ hộp thư nào
#    có mật khẩu mạnh.
# 2. Cách đăng nhập nào là xác thực hai yếu tố?
#    a) mật khẩu và câu hỏi bí mật; b) hai mật khẩu khác nhau; c) mật khẩu và mã OTP từ ứng
#    dụng trên điện thoại.
# 3. Thư báo "tài khoản sẽ bị khóa sau 24 giờ" kèm liên kết đăng nhập. Anh/chị nên:
#    a) không bấm liên kết, báo bộ phận CNTT của cơ quan; b) bấm thử để xem trang có thật
#    không; c) trả lời thư để hỏi lại người gửi.
# 4. Một người gọi điện xưng là cán bộ CNTT, xin mã OTP vừa gửi tới điện thoại anh/chị để
#    "kích hoạt lại hộp thư". Anh/chị nên:
#    a) đọc mã vì người đó là cán bộ CNTT; b) gửi mã qua tin nhắn thay vì đọc; c) không cung
#    cấp mã cho bất kỳ ai và báo bộ phận CNTT.

# %% nbgrader={"grade": false, "grade_id": "tinh-huong", "locked": false, "schema_version": 3, "solution": true}
# DAP_AN = {1: "...", 2: "...", 3: "...", 4: "..."}
### BEGIN SOLUTION
DAP_AN = {1: "b", 2: "c", 3: "a", 4: "c"}
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "tinh-huong-kiem-tra", "locked": true, "points": 1, "schema_version": 3, "solution": false}
from graders.asserts import assert_equal, assert_true, assert_type

assert_type(DAP_AN, dict, what="DAP_AN")
assert_equal(sorted(DAP_AN), [1, 2, 3, 4], what="các số câu hỏi trong DAP_AN")
for cau, chu in DAP_AN.items():
    assert_type(chu, str, what=f"đáp án câu {cau}")
    assert_true(chu in ("a", "b", "c"), f"Đáp án câu {cau} phải là 'a', 'b' hoặc 'c'.")
assert_equal(DAP_AN[1], "b", what="đáp án câu 1")

# %% nbgrader={"grade": true, "grade_id": "tinh-huong-an", "locked": true, "points": 1, "schema_version": 3, "solution": false}
# Kiểm thử ẩn: đáp án từng câu.
from graders.asserts import assert_equal

### BEGIN HIDDEN TESTS
assert_equal(DAP_AN, {1: "b", 2: "c", 3: "a", 4: "c"}, what="các đáp án")
### END HIDDEN TESTS

# %% [markdown]
# ## Phần 7. Suy ngẫm (3 điểm, giảng viên chấm)
#
# Hãy viết ngắn gọn (khoảng 150–250 từ): ở cơ quan anh/chị, cán bộ có dùng hộp thư công vụ
# hằng ngày không, còn những việc nào vẫn gửi qua thư cá nhân hay ứng dụng nhắn tin, vì sao?
# Anh/chị (hoặc đồng nghiệp) đã từng nhận thư lừa đảo nào; dấu hiệu nào giúp nhận ra? Hộp thư
# của anh/chị đã bật xác thực hai yếu tố chưa? Đề xuất hai việc cụ thể cơ quan nên làm.

# %% [markdown] nbgrader={"grade": true, "grade_id": "suy-ngam", "locked": false, "points": 3, "schema_version": 3, "solution": true}
# ### BEGIN SOLUTION
# Câu trả lời tốt nêu thực trạng cụ thể (tỉ lệ dùng thư công vụ, lý do còn dùng thư cá nhân
# như dung lượng, thói quen, thiết bị di động), một ví dụ thư lừa đảo với dấu hiệu nhận biết
# (tên miền giả, liên kết, tệp đính kèm, lời lẽ thúc ép), và đề xuất khả thi: bật 2FA cho mọi
# hộp thư, tăng dung lượng, diễn tập nhận diện thư lừa đảo, đầu mối báo cáo sự cố rõ ràng.
# ### END SOLUTION

# %% [markdown]
# ## Tóm tắt
#
# - Chỉ thị 34/2008/CT-TTg: trao đổi công việc bằng hộp thư công vụ của cơ quan nhà nước
#   (`.gov.vn`), không dùng thư cá nhân.
# - Tên miền là phần sau `@`; thư công vụ thật có tên miền là `gov.vn` hoặc kết thúc bằng
#   `.gov.vn` — cảnh giác với `dichvucong-gov.vn`, `sonha.gov.vn.com`, `gov.vn@gmail.com`.
# - Liên kết: xem tên máy chủ thật (bỏ phần trước `@`), dùng `https`; chữ hiển thị có thể khác
#   địa chỉ thật.
# - Tệp đính kèm: chỉ đuôi cuối quyết định loại tệp; cảnh giác với tệp chạy được và tài liệu
#   có macro, kể cả tên có hai đuôi.
# - SPF, DKIM, DMARC không đạt, `Reply-To` lạ, lời lẽ thúc ép là dấu hiệu thư giả mạo.
# - Mật khẩu dài, nhiều nhóm ký tự, không chứa tên đăng nhập, không phổ biến; bật xác thực hai
#   yếu tố và không bao giờ đưa mã OTP cho người khác.
