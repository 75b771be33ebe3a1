"""Regenerate the sample submissions of every egov-systems assignment from its release.

Run from the repository root after changing an assignment, then review the diff and the
expected scores in ``<assignment>/expected.toml``:
``.venv/bin/python courses/egov-systems/samples/make_samples.py``.
Each case starts from the student version nbgrader generates, as a trainee would get it:
``dung`` holds the model answers, ``dung-mot-phan`` typical mistakes of officials (listed
in README.md), ``rong`` the release as is; ``vong-lap-vo-han``, ``kernel-chet``,
``bom-bo-nho`` and ``sua-o-kiem-thu`` attack the grading itself (``graders.samples.
failure_cases``). The samples are ruff-formatted afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from graders.course import Course
from graders.samples import failure_cases, fill, release_and_source

HERE = Path(__file__).resolve().parent
COURSE = "egov-systems"

REFLECTIONS = {
    "01-van-ban-hanh-chinh": (
        "Văn thư Sở đăng ký văn bản đến trên hệ thống QLVB&ĐH, nhưng hạn xử lý do lãnh đạo "
        "phòng ghi tay trên phiếu trình nên hệ thống không nhắc hạn. Tôi từng gặp dự thảo ghi "
        "«QĐ» cho một Quy định và dòng ngày tháng «ngày 5 tháng 05». Đề xuất: ghi hạn ngay khi "
        "phân công trên hệ thống và gửi danh sách văn bản sắp đến hạn mỗi sáng thứ Hai."
    ),
    "02-quan-ly-van-ban": (
        "Đơn vị tôi tiếp nhận và phân công trên hệ thống, nhưng văn bản giấy vẫn được vào sổ "
        "lần nữa nên có văn bản bị đăng ký hai lần. Tìm văn bản cũ bằng từ khóa không dấu "
        "thường không ra vì hệ thống cũ phân biệt dấu. Đề xuất bật cảnh báo trùng số, ký hiệu."
    ),
    "03-thu-dien-tu-an-toan": (
        "Phần lớn cán bộ dùng hộp thư công vụ, nhưng số liệu gấp vẫn gửi qua Zalo và Gmail vì "
        "hộp thư công vụ đầy. Tháng trước tôi nhận thư giả Cổng dịch vụ công có tên miền "
        "dichvucong-gov.vn. Đề xuất bật xác thực hai yếu tố cho mọi hộp thư và tăng dung lượng."
    ),
    "04-chu-ky-so": (
        "Văn bản đi của Sở đã ký số: Giám đốc ký bằng thiết bị ký số cá nhân, văn thư ký bằng "
        "chứng thư số của cơ quan. Có lúc lãnh đạo đi công tác để lại thiết bị cho văn thư, "
        "việc này trái quy định. Đề xuất chuyển sang ký số từ xa trên điện thoại."
    ),
    "05-dich-vu-cong-bao-cao": (
        "Kính gửi lãnh đạo: năm 2015 tỉnh đạt chỉ tiêu QLVB&ĐH cấp tỉnh, cấp huyện, một cửa cấp "
        "tỉnh và cấp xã; chưa đạt QLVB&ĐH cấp xã, một cửa cấp huyện, thư điện tử (78,2%), chữ "
        "ký số và văn bản điện tử. Hai đơn vị báo cáo sai đã được đề nghị báo cáo lại."
    ),
    "06-bao-cao-truc-tuyen": (
        "Phòng tôi gửi báo cáo tháng về cải cách hành chính qua hệ thống báo cáo của tỉnh, chốt "
        "số liệu ngày 14. Có lần số liệu huyện lệch tổng các xã vì một xã nhập cả văn bản của "
        "ngày 15 vào kỳ cũ. Đề xuất lấy số văn bản điện tử tự động từ hệ thống QLVB&ĐH."
    ),
}

# Typical mistakes, as whole answer cells; None leaves the released stub (skipped exercise).
PARTIAL: dict[str, dict[str, str | None]] = {
    "01-van-ban-hanh-chinh": {
        "ky-hieu": (
            'KY_HIEU = {"Quy định": "QYĐ", "Quyết định": "QĐ", "Tờ trình": "TTR",\n'
            '           "Chương trình": "CTr", "Chỉ thị": "CT", "Trích sao": "TrS",\n'
            '           "Đề án": "ĐA", "Dự án": "DA"}\n'
        ),
        "han-xu-ly": (
            "def han_xu_ly(ngay_nhan, so_ngay, ngay_nghi=()):\n"
            "    ngay = ngay_nhan\n"
            "    con_lai = so_ngay\n"
            "    while con_lai > 0:\n"
            "        ngay = ngay + timedelta(days=1)\n"
            "        if ngay.weekday() < 5:  # quên ngày nghỉ lễ\n"
            "            con_lai = con_lai - 1\n"
            "    return ngay\n"
        ),
        "van-ban-qua-han": (
            "def van_ban_qua_han(so, ngay_xet):\n"
            "    # so sánh ngày dạng chuỗi dd/mm/yyyy\n"
            '    moc = so["ngay_hoan_thanh"].fillna(ngay_xet.strftime("%d/%m/%Y"))\n'
            '    qua_han = so["han_xu_ly"].notna() & (moc > so["han_xu_ly"])\n'
            '    return sorted(int(x) for x in so.loc[qua_han, "so_den"])\n'
        ),
        "so-tiep-theo": (
            "def so_tiep_theo(so_di, ngay):\n"
            '    nam = pd.to_datetime(so_di["ngay_ban_hanh"], format="%d/%m/%Y").dt.year\n'
            '    cung_nam = so_di.loc[nam == ngay.year, "so"]  # so sánh số dạng chuỗi\n'
            '    return f"{int(cung_nam.max()) + 1:02d}" if len(cung_nam) else "01"\n'
        ),
    },
    "02-quan-ly-van-ban": {
        "khoa-tim-kiem": (
            "def khoa_tim_kiem(chuoi):\n"
            '    tach = unicodedata.normalize("NFD", chuoi)\n'
            '    return "".join(k for k in tach if not unicodedata.combining(k)).lower()\n'
        ),
        "ton-dong-theo-don-vi": (
            "def ton_dong_theo_don_vi(so):\n"
            '    chua_xong = so[so["trang_thai"] != "Hoàn thành"]\n'
            '    return dict(chua_xong["don_vi_xu_ly"].value_counts())\n'
        ),
    },
    "03-thu-dien-tu-an-toan": {
        "la-thu-cong-vu": (
            "def la_thu_cong_vu(dia_chi):\n"
            '    return parseaddr(dia_chi)[1].lower().endswith("gov.vn")\n'
        ),
        "phan-loai-thu": (
            'PHAN_LOAI = {"thu-01.eml": "an toàn", "thu-02.eml": "lừa đảo",\n'
            '             "thu-03.eml": "lừa đảo", "thu-04.eml": "an toàn",\n'
            '             "thu-05.eml": "lừa đảo", "thu-06.eml": "an toàn"}\n'
        ),
        "tinh-huong": None,
    },
    "04-chu-ky-so": {
        "ma-bam-tep": (
            "def ma_bam_tep(duong_dan):\n"
            '    noi_dung = Path(duong_dan).read_text(encoding="utf-8")\n'
            "    return hashlib.sha256(noi_dung.encode()).hexdigest()\n"
        ),
        "xac-minh": (
            "def xac_minh(khoa_cong_khai, du_lieu, chu_ky):\n"
            "    khoa_cong_khai.verify(chu_ky, du_lieu, padding.PKCS1v15(), hashes.SHA256())\n"
            "    return True\n"
        ),
    },
    "05-dich-vu-cong-bao-cao": {
        "ty-le-dung-han": (
            "def ty_le_dung_han(nhat_ky):\n"
            '    da_tra = nhat_ky[nhat_ky["ngay_tra"].notna()]\n'
            '    dung = da_tra["ngay_tra"] <= da_tra["ngay_hen_tra"]  # so sánh chuỗi\n'
            "    return round(float(dung.mean()) * 100, 1)\n"
        ),
        "ty-le-dung-thu": (
            "def ty_le_dung_thu(bao_cao):\n"
            '    ti_le = bao_cao["dung_thu_hang_ngay"] / bao_cao["so_can_bo"]\n'
            "    return round(float(ti_le.mean()) * 100, 1)\n"
        ),
        "dat-chi-tieu": (
            'DAT_CHI_TIEU = {"QLVB&ĐH cấp tỉnh": True, "QLVB&ĐH cấp huyện": True,\n'
            '                "QLVB&ĐH cấp xã": False, "Một cửa cấp tỉnh": True,\n'
            '                "Một cửa cấp huyện": False, "Một cửa cấp xã": True,\n'
            '                "Thư điện tử": True, "Chữ ký số": False, "Văn bản điện tử": False}\n'
        ),
    },
    "06-bao-cao-truc-tuyen": {
        "ky-chot-so-lieu": (
            "def ky_chot_so_lieu(loai, nam, ky):\n"
            '    so_thang = {"tháng": 1, "quý": 3, "6 tháng": 6, "năm": 12}[loai]\n'
            "    thang_cuoi = ky * so_thang\n"
            "    thang_dau = thang_cuoi - so_thang + 1\n"
            "    # quên trường hợp kỳ bắt đầu từ tháng 12 năm trước\n"
            "    return date(nam, max(thang_dau - 1, 1), 15), date(nam, thang_cuoi, 14)\n"
        ),
        "ty-le-theo-thang": (
            "def ty_le_theo_thang(bao_cao_xa):\n"
            '    ti_le = bao_cao_xa["vb_dien_tu"] / bao_cao_xa["vb_gui"] * 100\n'
            '    trung_binh = ti_le.groupby(bao_cao_xa["thang"]).mean()\n'
            "    return {int(t): round(float(v), 1) for t, v in trung_binh.items()}\n"
        ),
    },
}


def main() -> None:
    course = Course.find(COURSE)
    for assignment in (a.name for a in course.assignments):
        releases, sources = release_and_source(course, assignment)
        for name, release in releases.items():
            source = sources[name]
            cases = {
                "dung": fill(release, source, {}, REFLECTIONS[assignment]),
                "dung-mot-phan": fill(
                    release, source, PARTIAL[assignment], REFLECTIONS[assignment]
                ),
                "rong": fill(release, source, dict.fromkeys(source), ""),
                **failure_cases(release, source, REFLECTIONS[assignment]),
            }
            for case, nb in cases.items():
                folder = HERE / assignment / case
                folder.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, folder / name)
                print(folder / name)
    # Format the samples like the lesson code, so regenerating them yields small, stable diffs.
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(HERE)], check=True)


if __name__ == "__main__":
    main()
