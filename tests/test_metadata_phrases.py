"""Marks of a trích yếu restored from administrative wording (DOMAIN.md §7 trích yếu and
``V/v``, §8 dictionary restoration): only where the letters leave one reading."""

from __future__ import annotations

import pytest

from digitize.metadata import extract_metadata
from digitize.metadata.phrases import PHRASES, restore_subject, untoned


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        # Tone marks misread on listed words (Tesseract on bold text, seen in bench_extraction).
        (
            "Kế hoạch chỉnh lý tài liệu tôn đọng năm 1995",
            "Kế hoạch chỉnh lý tài liệu tồn đọng năm 1995",
        ),
        ("triển khai kiếm tra công tác văn thư", "triển khai kiểm tra công tác văn thư"),
        ("đồn đốc thực hiện chữ ký số", "đôn đốc thực hiện chữ ký số"),
        ("Kiếm tra công tác", "Kiểm tra công tác"),
        # The opening formula, whatever marks OCR gave it (§7: V/v = Về việc).
        ("Vẽ việc đề nghị phê duyệt", "Về việc đề nghị phê duyệt"),
        ("Vê viêc đề nghị", "Về việc đề nghị"),
        # "năm" before a year.
        ("giảm nhẹ thiên tai nấm 1997", "giảm nhẹ thiên tai năm 1997"),
        # A speck read as a full stop inside the phrase.
        ("tăng cường sử dụng. thư điện tử", "tăng cường sử dụng thư điện tử"),
    ],
)
def test_marks_misread_on_fixed_wording_are_restored(read: str, restored: str) -> None:
    assert restore_subject(read) == (restored, True)


@pytest.mark.parametrize(
    "kept",
    [
        "đơn độc thực hiện",  # ơ is not ô: another word, not a misread tone
        "Chiến lược phát triển Việt Nam 2030",  # "Nam" is a name, not "năm"
        "về cơ số và dự liệu",  # tone variants of real words are not listed
        "Quy định v.v. các nội dung",  # an abbreviation keeps its dots
        "ban hành. Quy chế",  # before a capital a full stop may be real
        "KIẾM TRA",  # capitals are headings, restored by the name lists
        "Về việc tồn đọng năm 2015",
    ],
)
def test_anything_else_is_left_as_read(kept: str) -> None:
    assert restore_subject(kept) == (kept, False)


def test_listed_words_never_share_their_untoned_spelling() -> None:
    """Each entry is restored only from a reading that can mean nothing else."""
    keys = [untoned(p) for p in PHRASES]
    assert len(set(keys)) == len(keys)
    assert untoned("Tồn đọng") == "tôn đong"


def test_restored_subject_reaches_the_record_with_lower_confidence() -> None:
    head = "UBND TỈNH QUẢNG BÌNH\nSỞ NỘI VỤ\nSố: 15/KH-SNV\nQuảng Bình, ngày 03 tháng 5 năm 2015\n"
    clean = extract_metadata(head + "KẾ HOẠCH\nChỉnh lý tài liệu tồn đọng năm 1995\n")
    misread = extract_metadata(head + "KẾ HOẠCH\nChỉnh lý tài liệu tôn đọng nấm 1995\n")
    assert misread.subject.value == clean.subject.value == "Chỉnh lý tài liệu tồn đọng năm 1995"
    assert misread.subject.confidence < clean.subject.confidence


def test_a_legacy_type_group_misread_by_one_letter_is_repaired_from_the_heading() -> None:
    """DOMAIN.md §5 legacy dotted ký hiệu (``01/1999/QĐ.UB``): "13/TIr.TCCQ" under a TỜ TRÌNH
    heading is the tờ trình 13/TTr.TCCQ, marked for review; without the heading it stays."""
    text = (
        "BAN TỔ CHỨC CHÍNH QUYỀN\nSố: 13/TIr.TCCQ\nQuảng Bình, ngày 05 tháng 3 năm 1997\n"
        "{heading}Về việc đề nghị phê duyệt biên chế\n"
    )
    found = extract_metadata(text.format(heading="TỜ TRÌNH\n"))
    assert (found.code_number.value, found.code_notation.value) == ("13", "TTr.TCCQ")
    assert found.type_name.value == "Tờ trình"
    assert found.code_notation.confidence < 0.7
    assert any("cần kiểm tra lại" in note for note in found.notes)
    assert extract_metadata(text.format(heading="")).code_notation.value == "TIr.TCCQ"


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        ("bảo đảm an toàn thông tỉn mạng", "bảo đảm an toàn thông tin mạng"),
        ("Đề án tỉn học hoá quản lý", "Đề án tin học hoá quản lý"),
        ("tăng cường chuyến đổi số", "tăng cường chuyển đổi số"),
    ],
)
def test_e_government_words_misread_on_harsh_scans_are_restored(read: str, restored: str) -> None:
    """Seen on fax, blur and bilevel scans (bench_extraction --degradations …)."""
    assert restore_subject(read) == (restored, True)
