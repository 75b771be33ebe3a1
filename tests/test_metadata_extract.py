"""Metadata extraction from OCR text and word layout (DOMAIN.md §1, §4–§7; issue 5)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitize.metadata.extract import (
    EMPTY,
    ExtractedMetadata,
    Field,
    agency_name_case,
    extract_metadata,
    position_case,
)
from digitize.metadata.fields import validate_record
from digitize.metadata.layout import Column, WordBox, layout_lines, words_from_tsv

DATA = Path(__file__).parent / "data" / "metadata"
SAMPLES = sorted(p.stem for p in DATA.glob("*.txt"))


def load(name: str) -> tuple[str, dict[str, object]]:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_every_sample_has_its_expectation() -> None:
    assert len(SAMPLES) >= 6
    for name in SAMPLES:
        assert (DATA / f"{name}.json").is_file(), name
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), f"{name}.txt is not NFC (DOMAIN §8)"


@pytest.mark.parametrize("name", SAMPLES)
def test_full_documents_yield_every_field(name: str) -> None:
    """DOMAIN §7 layout read from realistic texts of several types, eras and OCR qualities;
    every field is compared, including those that must stay empty."""
    text, expected = load(name)
    found = extract_metadata(text)
    assert {tag: f.value for tag, f in found.fields().items()} == expected["fields"]
    assert list(found.recipients) == expected["recipients"]
    assert found.number is not None
    assert found.number.kind.value == expected["kind"]
    assert found.number.year == expected["year"]
    for tag, f in found.fields().items():
        assert (f.confidence > 0) == bool(f.value), tag


@pytest.mark.parametrize("name", SAMPLES)
def test_extracted_records_pass_the_phu_luc_vi_validator(name: str) -> None:
    """§1: what extraction produces is importable as is."""
    text, _ = load(name)
    assert validate_record(extract_metadata(text).to_record()) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_nfd_and_invisible_characters_do_not_change_the_result(name: str) -> None:
    """§8: NFD text, U+00A0 and U+200B occur in real files."""
    text, _ = load(name)
    messy = unicodedata.normalize("NFD", text).replace(" ", "\u00a0", 3).replace("\n", "\u200b\n")
    assert extract_metadata(messy) == extract_metadata(text)


def test_block_and_row_reading_orders_agree() -> None:
    """Tesseract reads side-by-side blocks either block by block or row by row (§7)."""
    blocks = extract_metadata(load("cong_van")[0])
    rows = extract_metadata(load("cong_van_rows")[0])
    assert blocks.to_record() == rows.to_record()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n   \n",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "Biên lai thu tiền điện tháng 5\nKhách hàng: Nguyễn Văn A\nSố tiền: 125.000 đồng",
        "ăâêôơưđ " * 50,
    ],
)
def test_nothing_is_guessed_from_text_without_the_layout(text: str) -> None:
    """Issue 5: a field that cannot be found is empty, never guessed."""
    found = extract_metadata(text)
    assert found.to_record() == {}
    assert all(c == 0 for c in found.confidences().values())


def test_missing_parts_stay_empty_and_the_rest_is_found() -> None:
    """Only the number and date survived OCR: the other fields are empty, not invented."""
    found = extract_metadata("Số: 15/QĐ-BNV\nHà Nội, ngày 03 tháng 5 năm 2015\n")
    assert found.code_number.value == "15" and found.code_notation.value == "QĐ-BNV"
    assert found.issued_date.value == "2015-05-03"
    assert found.type_name.value == "Quyết định"  # from the ký hiệu (§5), less sure
    assert found.type_name.confidence < 0.9
    assert not found.subject and not found.full_name and not found.organ_name


def test_heading_disagreeing_with_the_notation_is_flagged_for_review() -> None:
    """§5: the ký hiệu's first group names the type; a mismatch is noted, not hidden."""
    text = load("quyet_dinh")[0].replace("25/2019/QĐ-UBND", "25/TTr-UBND")
    found = extract_metadata(text)
    assert found.type_name.value == "Quyết định"
    assert found.type_name.confidence < 0.9
    assert any("Tờ trình" in note for note in found.notes)


def test_body_dates_are_not_the_issued_date() -> None:
    """§6: only the date line of the header is IssuedDate; bodies cite other dates."""
    text = load("quyet_dinh")[0].replace("Quảng Bình, ngày 03 tháng 5 năm 2019", "")
    found = extract_metadata(text)
    assert not found.issued_date and not found.place


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "Ủy ban nhân dân tỉnh Quảng Bình"),
        ("UBND TỈNH QUẢNG BÌNH", "Ủy ban nhân dân tỉnh Quảng Bình"),
        ("UỶ BAN NHÂN DÂN THÀNH PHỐ ĐỒNG HỚI", "Ủy ban nhân dân thành phố Đồng Hới"),
        ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Bộ Thông tin và Truyền thông"),
        ("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "Phòng Tài chính - Kế hoạch"),
        ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("TỈNH ỦY QUẢNG BÌNH", "Tỉnh ủy Quảng Bình"),
        ("TRƯỜNG THPT ĐỒNG HỚI", "Trường THPT Đồng Hới"),
        ("ỦY BAN NHÂN DÂN THỊ XÃ BA ĐỒN", "Ủy ban nhân dân thị xã Ba Đồn"),
        ("BỘ NỘI VỤ", "Bộ Nội vụ"),
    ],
)
def test_agency_names_are_put_in_normal_case(printed: str, name: str) -> None:
    """§7: the agency is printed in capitals; OrganName is stored in normal case with one
    tone placement (§8)."""
    assert agency_name_case(printed) == name


@pytest.mark.parametrize(
    ("printed", "position"),
    [
        ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
        ("CHỦ TỊCH", "Chủ tịch"),
        ("GIÁM ĐỐC", "Giám đốc"),
        ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
        ("PHÓ TRƯỞNG PHÒNG", "Phó Trưởng phòng"),
        ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
        ("BÍ THƯ", "Bí thư"),
        ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư thường trực"),
        ("PHO GIAM ĐOC", "Phó Giám đốc"),  # bold capitals without marks after OCR
        ("PHÓ GIÁM ĐC", "Phó Giám đốc"),  # one letter lost: one known position is that close
        ("THỨ TRƯỞNG", "Thứ trưởng"),  # folds like Thủ trưởng and one letter from Thủ tướng
        ("THỦ TƯỚNG", "Thủ tướng"),
        ("PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
    ],
)
def test_positions_are_put_in_normal_case(printed: str, position: str) -> None:
    assert position_case(printed) == position


def _words_for(rows: list[list[tuple[str, int]]], *, page: int = 1) -> list[WordBox]:
    """Word boxes for rows of (text, x) segments; each word 14 px per character wide."""
    words = []
    for r, row in enumerate(rows):
        for segment, x in row:
            left = x
            for word in segment.split():
                width = 14 * len(word)
                words.append(WordBox(word, left, 100 + 50 * r, width, 30, 95.0, page))
                left += width + 12
    return words


def test_word_positions_separate_the_columns() -> None:
    """§7 with positions: left block, right block and centred lines are told apart even
    though they share rows."""
    rows = [
        [("UBND TỈNH QUẢNG BÌNH", 100), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1000)],
        [("SỞ NỘI VỤ", 200), ("Độc lập - Tự do - Hạnh phúc", 1100)],
        [("Số: 12/KH-SNV", 150), ("Quảng Bình, ngày 03 tháng 5 năm 2015", 1000)],
        [("KẾ HOẠCH", 800)],
        [("Triển khai số hóa tài liệu lưu trữ năm 2015", 500)],
        [("Thực hiện Kế hoạch số 45/KH-UBND của Ủy ban nhân dân tỉnh, Sở Nội vụ ban hành", 100)],
        [("Nơi nhận:", 100), ("KT. GIÁM ĐỐC", 1200)],
        [("- Các cơ quan, đơn vị;", 100), ("PHÓ GIÁM ĐỐC", 1200)],
        [("- Lưu: VT, CCVTLT.", 100)],
        [("Phạm Thị Hạnh", 1200)],
    ]
    words = _words_for(rows)
    lines = layout_lines(words)
    assert [ln.column for ln in lines[:2]] == [Column.LEFT, Column.RIGHT]
    found = extract_metadata("", words)
    assert found.to_record() == {
        "TypeName": "Kế hoạch",
        "CodeNumber": "12",
        "CodeNotation": "KH-SNV",
        "IssuedDate": "2015-05-03",
        "OrganName": "Sở Nội vụ tỉnh Quảng Bình",
        "Subject": "Triển khai số hóa tài liệu lưu trữ năm 2015",
        "Position": "Phó Giám đốc",
        "FullName": "Phạm Thị Hạnh",
        "To": [{"OrganName": "Các cơ quan, đơn vị"}],
    }


def test_tesseract_tsv_is_read_into_word_boxes() -> None:
    """The adapter for the OCR stage: level-5 rows of Tesseract's TSV are words."""
    columns = ("level", "page_num", "block_num", "par_num", "line_num", "word_num")
    header = "\t".join((*columns, "left", "top", "width", "height", "conf", "text"))
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
        "5\t1\t1\t1\t1\t1\t236\t200\t80\t40\t96.5\tSố:",
        "5\t1\t1\t1\t1\t2\t330\t200\t250\t40\t91.0\t15/QĐ-BNV",
        "5\t1\t1\t1\t1\t3\t600\t200\t10\t40\t-1\t ",
        "5\t2\t1\t1\t1\t1\t236\t200\t80\t40\t88\tTrang",
    ]
    words = words_from_tsv("\n".join([header, *rows]))
    assert [(w.text, w.page, w.conf) for w in words] == [
        ("Số:", 1, 96.5),
        ("15/QĐ-BNV", 1, 91.0),
        ("Trang", 2, 88.0),
    ]
    assert words[1].right == 580 and words[1].bottom == 240
    assert {w.page for w in words_from_tsv("\n".join([header, *rows]), page=3)} == {3}


def test_data_objects_validate() -> None:
    """Frozen data validated in __post_init__ (STYLE §3)."""
    with pytest.raises(ValueError, match="empty field"):
        Field("", 0.5)
    with pytest.raises(ValueError, match="trimmed"):
        Field(" Hà Nội", 0.5)
    with pytest.raises(ValueError, match="confidence"):
        Field("x", 1.5)
    with pytest.raises(ValueError, match="recipients"):
        ExtractedMetadata(recipients_confidence=0.5)
    with pytest.raises(ValueError, match="word"):
        WordBox("", 0, 0, 1, 1)
    with pytest.raises(ValueError, match="confidence"):
        WordBox("a", 0, 0, 1, 1, conf=101)
    assert not EMPTY and EMPTY.confidence == 0


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("- Lưu: VT, NC. y Nx===", "- Lưu: VT, NC. y"),
        ("- Chủ tịch, các PCT UBND tỉnh; >¬ >>>", "- Chủ tịch, các PCT UBND tỉnh;"),
        ("Đặng 'Thị Phong", "Đặng Thị Phong"),
        ("_UBND TỈNH NGHỆ AN", "UBND TỈNH NGHỆ AN"),
        ("______________", "______________"),
        ("*", "*"),
        ("Lưu: VT, VX./.", "Lưu: VT, VX./."),
    ],
)
def test_junk_from_seals_and_signatures_is_dropped(line: str, cleaned: str) -> None:
    """OCR reads the signature stroke and the seal as junk tokens; rules stay recognizable."""
    from digitize.metadata.extract import _clean_line

    assert _clean_line(line) == cleaned


def test_bold_capitals_without_marks_are_restored_from_known_names() -> None:
    """Tesseract drops tone marks from bold capitals (``SƠ KE HOẠCH VÀ ĐẤU TƯ``); the letters
    agree with exactly one known name, which is restored."""
    assert agency_name_case("SƠ KE HOẠCH VÀ ĐẤU TƯ") == "Sở Kế hoạch và Đầu tư"
    assert agency_name_case("UBND TỈNH NGHE AN") == "Ủy ban nhân dân tỉnh Nghệ An"
    assert agency_name_case("SỞ CÔNG THƯƠNG") == "Sở Công Thương"
    # unknown names keep what was read
    assert agency_name_case("SỞ KHOA HOC MỚI") == "Sở Khoa hoc mới"


def test_known_name_lists_restore_only_unambiguous_spellings() -> None:
    from digitize.metadata.names import AGENCY_FIELDS, PROVINCES, restore

    assert restore("KE HOACH VA DAU TU", "fields") == "Kế hoạch và Đầu tư"
    assert restore("quang binh", "provinces") == "Quảng Bình"
    assert restore("Quảng Bình Mới", "provinces") is None
    for name in (*AGENCY_FIELDS, *PROVINCES):
        assert unicodedata.is_normalized("NFC", name)
    assert len(PROVINCES) == 63 and len(set(PROVINCES)) == 63


def test_district_names_that_fold_like_an_agency_stay_in_the_locality() -> None:
    """``BỐ TRẠCH`` folds like ``BỘ``: after a dangling ``HUYỆN`` it is the district's name."""
    text = "ỦY BAN NHÂN DÂN HUYỆN\nBỐ TRẠCH\nSố: 12/UBND-VP\n"
    assert extract_metadata(text).organ_name.value == "Ủy ban nhân dân huyện Bố Trạch"


@pytest.mark.parametrize("vv", ["V/", "V/w", "v/w"])
def test_v_v_with_its_second_v_lost_or_misread_still_marks_a_cong_van(vv: str) -> None:
    """DOMAIN.md §7: a công văn has ``V/v …`` under its number; OCR drops the second v or
    reads it as w (bench_extraction, photocopy preset)."""
    text = f"SỞ NỘI VỤ\nSố: 05/SNV-VP\n{vv} triển khai chữ ký số\nKính gửi: Các cơ quan."
    found = extract_metadata(text)
    assert found.type_name.value == "Công văn"
    assert found.subject.value == "triển khai chữ ký số"


def test_impossible_date_stays_empty_and_a_misread_type_is_repaired_only_with_the_heading() -> None:
    """Real noisy OCR: day 22 read as 32 is rejected, not repaired. ``TTr`` read as ``T1r``
    is restored only because the ``TỜ TRÌNH`` heading says so, with low confidence and a
    note for the reviewer; without the heading the number stays empty."""
    text = (
        "UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 977/T1r-SKHĐT : Nghệ An, ngày 32 tháng 11 năm 2022\n"
        "TỜ TRÌNH\n"
        "Về việc đề nghị phê duyệt Kế hoạch kiểm tra công tác văn\n"
        "thư, lưu trữ năm 2022\n"
    )
    found = extract_metadata(text)
    assert not found.issued_date
    assert found.code_notation.value == "TTr-SKHĐT"
    assert found.code_notation.confidence <= 0.6
    assert any("T1r" in note for note in found.notes)
    assert found.type_name.value == "Tờ trình"
    assert found.organ_name.value == "Sở Kế hoạch và Đầu tư tỉnh Nghệ An"
    assert found.subject.value.endswith("văn thư, lưu trữ năm 2022")
    without_heading = extract_metadata(text.replace("TỜ TRÌNH\n", ""))
    assert not without_heading.code_number and not without_heading.code_notation


def test_abbreviations_in_recipients_are_not_authority_marks() -> None:
    """``KT.`` before a capital position is an authority (§7); ``KT`` in a name is not."""
    text = load("quyet_dinh")[0].replace("- Bộ Nội vụ;", "- Phòng KT và Hạ tầng;")
    found = extract_metadata(text)
    assert "Phòng KT và Hạ tầng" in found.recipients
    assert found.signer_authority.value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"


def test_capitals_without_an_official_layout_are_not_an_agency() -> None:
    """No number, quốc hiệu, type heading or V/v: a capital first line is not OrganName."""
    found = extract_metadata("BIÊN LAI THU TIỀN ĐIỆN\nKhách hàng: Nguyễn Văn A\n")
    assert not found.organ_name


def test_a_placeless_date_in_the_body_is_not_the_issued_date() -> None:
    """§6: without a readable date line and without a type heading above the body, a date
    the body cites must not become IssuedDate."""
    text = (
        "SỞ TÀI CHÍNH\nSố: 58/TB-STC\n"
        "Ngày 11/7/2012, Sở Tài chính tổ chức cuộc họp; ngày 03 tháng 5 năm 2012 đã báo cáo.\n"
    )
    assert not extract_metadata(text).issued_date
    above_heading = "SỞ TÀI CHÍNH\nSố: 58/TB-STC\nngày 18 tháng 7 năm 2012\nTHÔNG BÁO\nKết luận\n"
    assert extract_metadata(above_heading).issued_date.value == "2012-07-18"


@pytest.mark.parametrize(
    "opening",
    [
        "ính gửi: Ủy ban nhân dân thành phố.",
        "- Găn cứ Quyết định số 16/2019/QĐ-UBND;",
        "ăn cứ Luật",
    ],
)
def test_body_openings_damaged_by_ocr_end_the_subject(opening: str) -> None:
    """One misread letter at the start of ``Kính gửi``/``Căn cứ`` still ends the trích yếu."""
    text = f"SỞ NỘI VỤ\nSố: 12/TTr-SNV\nTỜ TRÌNH\nVề việc phê duyệt kế hoạch\n{opening}\n"
    assert extract_metadata(text).subject.value == "Về việc phê duyệt kế hoạch"


def test_specks_read_as_modifier_letters_and_foreign_letters_are_ignored() -> None:
    """``ˆ`` after a ký hiệu and ``Ö`` before a place are specks, not text."""
    text = "PHÒNG NỘI VỤ\nSố: 486/TTr-PNVˆ\nÖ Vinh, ngày 19 tháng 11 năm 2012\nTỜ TRÌNH\nVề việc\n"
    found = extract_metadata(text)
    assert found.code_notation.value == "TTr-PNV"
    assert found.place.value == "Vinh"


def test_a_seal_read_as_capitals_is_not_part_of_the_position() -> None:
    """A seal under the position OCR'd as ``ÀAẼ.......`` (two tone marks: no syllable)."""
    text = load("cong_van")[0].replace("PHÓ GIÁM ĐỐC\n", "PHÓ GIÁM ĐỐC\n_.. ÀAẼ.......\n")
    assert extract_metadata(text).position.value == "Phó Giám đốc"


HEADER_TUYEN = (
    "UBND HUYỆN TUYẾN HÓA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "PHÒNG NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
    "Số: 479/KH-PNV Tuyên Hóa, ngày 09 tháng 7 năm 2019\n"
    "KẾ HOẠCH\nTriển khai số hóa tài liệu\n"
)


def test_place_names_are_spelled_as_the_document_spells_them_most_often() -> None:
    """Bold capitals lose marks under OCR (``TUYẾN`` for ``TUYÊN``); regular-type mentions of
    the same letters outvote them, and without a majority nothing changes."""
    tie = extract_metadata(HEADER_TUYEN)
    assert tie.organ_name.value == "Phòng Nội vụ huyện Tuyến Hóa"
    body = "Thực hiện chỉ đạo của Ủy ban nhân dân huyện Tuyên Hóa, Phòng Nội vụ ban hành.\n"
    majority = extract_metadata(HEADER_TUYEN + body)
    assert majority.organ_name.value == "Phòng Nội vụ huyện Tuyên Hóa"


def test_a_doubled_bold_d_in_the_notation_is_read_once_with_less_confidence() -> None:
    """§5/§4: Tesseract often reads a bold ``Đ`` twice (``QĐĐ``); the type group is read
    once, the confidence drops so a reviewer looks at it."""
    text = HEADER_TUYEN.replace("479/KH-PNV", "617/QĐÐ-PNV").replace("KẾ HOẠCH", "QUYẾT ĐỊNH")
    found = extract_metadata(text)
    assert found.code_notation.value == "QĐ-PNV"
    assert found.code_notation.confidence <= 0.7
    assert found.type_name.value == "Quyết định"


def test_specks_around_the_heading_and_lines_do_not_hide_them() -> None:
    """A noisy scan: junk around ``BÁO CÁO`` and before the trích yếu; the body's
    ``QUYẾT ĐỊNH:`` (with its colon) is never taken for a heading."""
    text = (
        "SỞ TÀI CHÍNH\nSố: 76/BC-STC\n"
        'M "xx. x : BÁO CÁO - . - -\n'
        "___ Kết quả cải cách hành chính\n"
        "Thực hiện Kế hoạch số 205/KH-UBND, Sở Tài chính báo cáo như sau:\n"
    )
    found = extract_metadata(text)
    assert found.type_name.value == "Báo cáo" and found.type_name.confidence > 0.9
    assert found.subject.value == "Kết quả cải cách hành chính"
    body_only = "SỞ TÀI CHÍNH\nSố: 76/STC-VP\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành.\n"
    assert extract_metadata(body_only).type_name.value == "Công văn"
    section = "SỞ TÀI CHÍNH\nSố: 76/STC-VP\nII. BÁO CÁO\n2. KẾ HOẠCH\n"
    assert extract_metadata(section).type_name.value == "Công văn"


@pytest.mark.parametrize(
    ("last_line", "name"),
    [
        ("_ Lưu: VTQUNS. - - ¬ Đỗ Ngọc Lan -", "Đỗ Ngọc Lan"),
        ("n1... Phan Văn Hải", "Phan Văn Hải"),
        ("tố l Võ Văn Trung", "Võ Văn Trung"),
        (".Đỗ Minh Thảo ˆ", "Đỗ Minh Thảo"),
        ("- Lưu: VT, HCTP, Th. Lương Văn Thủy", "Lương Văn Thủy"),
        ("_ _” - LỀ Thế Phong ˆ`", ""),  # a misread surname: no name rather than half of one
    ],
)
def test_signer_names_are_found_behind_ocr_junk(last_line: str, name: str) -> None:
    """§7: the full name closes the signer block; junk a seal or a smudge leaves before it is
    skipped, but a word that may be part of the name is never cut off."""
    text = load("cong_van")[0].replace("Trần Thị Thu Hà", last_line)
    assert extract_metadata(text).full_name.value == name


def test_signer_block_without_its_noi_nhan_heading_is_still_read() -> None:
    """The left edge lost to the scanner: no ``Nơi nhận``, no authority; a known position in
    capitals near the end still opens the signer block."""
    text = (
        "SỞ NỘI VỤ\nSố: 12/SNV-VP\nV/v triển khai\nKính gửi: Các cơ quan.\n"
        "Nội dung công văn./.\nác cơ quan, đơn vị;\nGIÁM ĐỐC\nNgô Hữu Nam\n"
    )
    found = extract_metadata(text)
    assert (found.position.value, found.full_name.value) == ("Giám đốc", "Ngô Hữu Nam")


@pytest.mark.parametrize(
    ("number_line", "code", "confident"),
    [
        ("Số: .439/TB-STC", "439/TB-STC", True),
        ("Số:486TTr-PNV", "486/TTr-PNV", False),
        ("Số:58TBSTC", None, False),  # two separators lost: where they were is not known
    ],
)
def test_damaged_number_lines(number_line: str, code: str | None, confident: bool) -> None:
    """§5 after OCR: specks before the number are skipped; a slash lost between digits and
    letters is restored with low confidence; anything more is left empty."""
    found = extract_metadata(f"SỞ TÀI CHÍNH\n{number_line}\nTHÔNG BÁO\nKết luận\n")
    if code is None:
        assert found.number is None and not found.code_number
        return
    assert found.number is not None and found.number.text == code
    assert (found.code_number.confidence >= 0.9) is confident


def test_dotted_headings_and_dashed_body_openings_after_ocr() -> None:
    """``THÔNG BÁO.`` is the heading; ``-Ngày 29/4/2014, …`` opens the body; specks before a
    trích yếu line are not part of it."""
    text = (
        "SỞ TƯ PHÁP\nSố: 270/TB-STP\n'THÔNG BÁO.\n"
        ".Kết luận của Giám đốc Sở Tư pháp tại cuộc họp về bồi dưỡng\n"
        "- nghiệp vụ văn thư\n"
        "-Ngày 29/4/2014, Sở Tư pháp tổ chức cuộc họp.\n"
    )
    found = extract_metadata(text)
    assert found.type_name.value == "Thông báo" and found.type_name.confidence > 0.9
    assert found.subject.value == (
        "Kết luận của Giám đốc Sở Tư pháp tại cuộc họp về bồi dưỡng nghiệp vụ văn thư"
    )


def test_luu_as_a_family_name_or_archive_recipient_is_not_the_register_copy() -> None:
    """``Lưu: VT`` is the register copy (§7); ``Lưu Văn Hùng`` signs, and ``Lưu trữ lịch sử
    tỉnh`` receives a copy."""
    text = load("cong_van")[0].replace("Trần Thị Thu Hà", "Lưu Văn Hùng")
    text = text.replace("- Như trên;", "- Như trên;\n- Lưu trữ lịch sử tỉnh;")
    found = extract_metadata(text)
    assert found.full_name.value == "Lưu Văn Hùng"
    assert "Lưu trữ lịch sử tỉnh" in found.recipients
    assert not any(r.startswith("Lưu:") for r in found.recipients)


FRAGMENTS = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG BÌNH",
    "SỞ NỘI VỤ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 15/QĐ-UBND",
    "Số: 12/UBND-VX",
    "Số 36-NQ/TW",
    "Hà Nội, ngày 03 tháng 5 năm 2015",
    "ngày 31 tháng 2 năm 2015",
    "QUYẾT ĐỊNH",
    "TỜ TRÌNH",
    "V/v triển khai chữ ký số",
    "Về việc ban hành quy chế",
    "Kính gửi: Các sở, ban, ngành.",
    "Căn cứ Luật Lưu trữ ngày 11 tháng 11 năm 2011;",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, VX.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "(Đã ký)",
    "Nguyễn Văn Hùng",
    "~=>¬ ì`wn",
    "______",
    "*",
    "x" * 600,
    "Ban hành " * 80,
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=60)),
        max_size=25,
    ),
    st.sampled_from(["\n", "\n\n", " ", "\f"]),
)
def test_any_text_gives_valid_importable_metadata(pieces: list[str], joiner: str) -> None:
    """Whatever OCR returns, extraction does not fail, and what it returns is valid Phụ lục VI
    data (lengths, real ISO dates) with confidences that match what was found (§1, §6)."""
    found = extract_metadata(joiner.join(pieces))
    assert validate_record(found.to_record()) == []
    for tag, f in found.fields().items():
        assert (f.confidence > 0) == bool(f.value), tag
        assert 0 <= f.confidence <= 1


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508; ppageno 0'>
 <div class='ocr_carea'><p class='ocr_par' title='bbox 236 200 580 240'>
  <span class='ocr_line' title='bbox 236 200 580 240'>
   <span class='ocrx_word' title='bbox 236 200 316 240; x_wconf 96'>Số:</span>
   <span class='ocrx_word' title='bbox 330 200 580 240; x_wconf 91'>15/QĐ-BNV</span>
  </span></p></div></div>
<div class='ocr_page' id='page_2' title='bbox 0 0 2480 3508; ppageno 1'>
 <div class='ocr_carea'><p class='ocr_par' title='bbox 236 200 316 240'>
  <span class='ocr_line' title='bbox 236 200 316 240'>
   <span class='ocrx_word' title='bbox 236 200 316 240; x_wconf 88'>Trang</span>
  </span></p></div></div>
</body></html>"""


def test_engine_hocr_is_read_into_word_boxes() -> None:
    """The engine writes hOCR (issue 3); its words feed extraction with their pages."""
    from digitize.metadata.layout import words_from_hocr

    words = words_from_hocr(HOCR)
    assert [(w.text, w.page, w.left, w.width, w.conf) for w in words] == [
        ("Số:", 1, 236, 80, 96.0),
        ("15/QĐ-BNV", 1, 330, 250, 91.0),
        ("Trang", 2, 236, 80, 88.0),
    ]
    assert extract_metadata("", words).code_notation.value == "QĐ-BNV"


def test_hocr_boxes_off_the_page_are_clipped_and_inverted_ones_dropped() -> None:
    """One reader of hOCR serves extraction and the record store: a word hanging past the
    page's top-left edge (deskewed scans) keeps its place, a word with an inverted box goes."""
    from digitize.metadata.layout import words_from_hocr
    from digitize.records import store

    hocr = HOCR.replace("bbox 236 200 316 240; x_wconf 96", "bbox -4 -2 316 240; x_wconf 96")
    hocr = hocr.replace("bbox 330 200 580 240; x_wconf 91", "bbox 580 200 330 240; x_wconf 91")
    words = words_from_hocr(hocr)
    assert [(w.text, w.page, w.left, w.top, w.width) for w in words] == [
        ("Số:", 1, 0, 0, 316),
        ("Trang", 2, 236, 200, 80),
    ]
    assert store.words_from_hocr is words_from_hocr


CHI_THI_HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 108/CT-UBND
Quảng Bình, ngày 02 tháng 4 năm 2016
CHỈ THỊ
"""
CHI_THI_BODY = """Thời gian qua, việc thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử tỉnh đã đạt được
những kết quả bước đầu; tuy nhiên, vẫn còn những hạn chế cần sớm khắc phục. Để
khắc phục những hạn chế nêu trên, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:
"""


@pytest.mark.parametrize(
    ("subject_lines", "subject"),
    [
        (
            "Về việc tăng cường thu thập hồ sơ, tài liệu vào Lưu trữ lịch\nsử tỉnh",
            "Về việc tăng cường thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử tỉnh",
        ),
        (
            "Về việc tăng cường sử dụng thư điện tử công vụ",
            "Về việc tăng cường sử dụng thư điện tử công vụ",
        ),
        (
            # The indented first body line is only 13 characters wider than the block.
            "Về việc tăng cường chuyển đổi số trong cơ quan nhà nước\n"
            "Thời gian qua, việc chuyển đổi số trong cơ quan nhà nước đã đạt được",
            "Về việc tăng cường chuyển đổi số trong cơ quan nhà nước",
        ),
    ],
)
def test_trich_yeu_ends_where_a_body_without_a_cue_begins(subject_lines: str, subject: str) -> None:
    """DOMAIN.md §7: the trích yếu is a centred block under the type name. A chỉ thị's body
    opens with no "Căn cứ" and no rule survives in the text, so in plain text the block ends
    at a line clearly wider than the block (a body line), or after its short last line."""
    found = extract_metadata(CHI_THI_HEAD + subject_lines + "\n" + CHI_THI_BODY)
    assert found.subject.value == subject
    assert found.type_name.value == "Chỉ thị"


def test_a_range_wrapped_at_its_dash_keeps_the_dash() -> None:
    """DOMAIN.md §7: a trích yếu wrapped after the dash of a year range ("1998 -" / "2003")
    keeps it; only specks after words are dropped."""
    text = load("quyet_dinh")[0].replace(
        "Ban hành Quy chế công tác văn thư, lưu trữ\ntại các cơ quan, tổ chức trên địa bàn tỉnh",
        "Thông qua Đề án chỉnh lý tài liệu tồn đọng giai đoạn 1998 -\n2003",
    )
    found = extract_metadata(text)
    assert found.subject.value == "Thông qua Đề án chỉnh lý tài liệu tồn đọng giai đoạn 1998 - 2003"


def test_a_speck_beside_the_heading_does_not_end_the_trich_yeu() -> None:
    """DOMAIN.md §7: the rule under a trích yếu is centred; a dash in the right column on the
    row after the type name (rows of a photographed page drift, bench_extraction "phone")
    is a speck, and the centred trích yếu under it is still read."""
    rows = [
        [("UBND TỈNH QUẢNG BÌNH", 100), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1000)],
        [("SỞ NỘI VỤ", 200), ("Độc lập - Tự do - Hạnh phúc", 1100)],
        [("Số: 12/KH-SNV", 150), ("Quảng Bình, ngày 03 tháng 5 năm 2015", 1000)],
        [("KẾ HOẠCH", 800)],
        [("-", 1500)],
        [("Triển khai số hóa tài liệu lưu trữ năm 2015", 500)],
        [("Thực hiện Kế hoạch số 45/KH-UBND của Ủy ban nhân dân tỉnh, Sở Nội vụ ban hành", 100)],
        [("Phạm Thị Hạnh", 1200)],
    ]
    words = _words_for(rows)
    assert [(ln.text, ln.column) for ln in layout_lines(words)][7] == ("-", Column.RIGHT)
    found = extract_metadata("", words)
    assert found.subject.value == "Triển khai số hóa tài liệu lưu trữ năm 2015"


@pytest.mark.parametrize("stroke", ["BS", "ĐÀ", "XS."])
def test_a_signature_read_as_two_capitals_is_not_part_of_the_position(stroke: str) -> None:
    """DOMAIN.md §7: signature between position and name. OCR reads the stroke as a short
    word in capitals on its own line (bench_extraction: ``PHÓ GIÁM ĐỐC`` / ``XS.``); under a
    whole position it is dropped, and the name is still found."""
    text = load("quyet_dinh")[0].replace("(Đã ký)", stroke)
    found = extract_metadata(text)
    assert found.position.value == "Phó Chủ tịch"
    assert found.full_name.value == "Nguyễn Văn Hùng"
