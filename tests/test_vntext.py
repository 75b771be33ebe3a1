"""Vietnamese normalization, folding and tone placement (DOMAIN.md §8, §5 clean-up)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitize.vntext import canonical_tones, fold, is_vietnamese_word, nfc, tokenize, tone_key

# Shared machines are slow and busy: a per-example deadline would only make tests flaky.
NO_DEADLINE = settings(deadline=None)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (nfd("Quyết định"), "Quyết định"),
        ("Hà\u00a0Nội", "Hà Nội"),
        ("Công\u200bvăn", "Côngvăn"),
        ("\ufeffSở Nội vụ", "Sở Nội vụ"),
        ("Tờ\u200d trình", "Tờ trình"),
        ("\u00d0ỘC LẬP", "ĐỘC LẬP"),
        ("Số: 15/Q\u00d0-BNV", "Số: 15/QĐ-BNV"),
        ("Tài liệu\u00a0gốc", "Tài liệu gốc"),
    ],
    ids=["nfd", "nbsp", "zwsp", "bom", "zwj", "eth-word", "eth-in-notation", "nbsp-2"],
)
def test_nfc_cleans_what_real_files_contain(raw: str, expected: str) -> None:
    """DOMAIN §8: NFD, U+00A0 and U+200B occur in real files; §5: Ð (U+00D0) → Đ."""
    assert nfc(raw) == expected
    assert unicodedata.is_normalized("NFC", nfc(raw))


def test_nfc_keeps_a_real_eth_in_an_icelandic_word() -> None:
    """Ð is only replaced where it stands for Đ: a word with ð/þ is not Vietnamese."""
    assert nfc("\u00d0orð") == "\u00d0orð"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Đầu tư", "dau tu"),
        ("ĐẦU TƯ", "dau tu"),
        (nfd("Đầu tư"), "dau tu"),
        ("Quyết định công sở điện tử", "quyet dinh cong so dien tu"),
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("thuỷ", "thuy"),
        ("thủy", "thuy"),
        ("Mỹ", "my"),
        ("Quỵ", "quy"),  # Tesseract's vie model outputs y for ỵ (§8)
        ("Ð", "d"),
        ("Ngày\u00a003", "ngay 03"),
    ],
)
def test_fold_is_accent_d_and_case_insensitive(text: str, key: str) -> None:
    """DOMAIN §8: NFD, drop U+0300–U+036F, đ→d, Đ→D, casefold."""
    assert fold(text) == key


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("HOÀ", "HÒA"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("thuỷ", "thủy"),
        ("THUỶ LỢI", "THỦY LỢI"),
        ("khoẻ", "khỏe"),
        ("xoá", "xóa"),
        ("hoạ", "họa"),
        ("uỷ ban", "ủy ban"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("tuỳ", "tùy"),
        ("luỹ", "lũy"),
        ("loè", "lòe"),
        ("Thanh Hoá", "Thanh Hóa"),
        (nfd("hoà"), "hòa"),
        ("oà", "òa"),
    ],
)
def test_canonical_tones_moves_the_tone_of_final_oa_oe_uy_to_the_first_vowel(
    text: str, canonical: str
) -> None:
    """DOMAIN §8: tone placement is canonicalized on syllable-final oa/oe/uy only."""
    assert canonical_tones(text) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "quý",
        "Quỳnh",
        "QUÝ",
        "quỹ",
        "quà",
        "què",
        "hoàn",  # oa + final consonant: one placement only
        "thuyền",
        "khuỷu",
        "toán",
        "Hoàng",
        "hoa",
        "thuy",
        "ủy",
        "Nguyễn",
        "khuya",
    ],
)
def test_canonical_tones_leaves_everything_else_alone(text: str) -> None:
    """DOMAIN §8: never after "qu" (``quý`` stays); non-final clusters are unambiguous."""
    assert canonical_tones(text) == text


def test_tone_key_equates_placements_but_not_tones() -> None:
    """Accent-sensitive mode (§8): hoà ⇄ hòa, but hoa ≠ hòa and hòa ≠ hóa."""
    assert tone_key("Hoà") == tone_key("hòa")
    assert tone_key("thuỷ") == tone_key("THỦY")
    assert tone_key("hoa") != tone_key("hòa")
    assert tone_key("hòa") != tone_key("hóa")
    assert tone_key("quý") == "quý"


def test_tokenize_feeds_both_fts_columns() -> None:
    """§8: index a folded column and an accent-sensitive one, tokenized the same way."""
    text = "Số: 15/QĐ-BNV về Hoà Bình"
    assert tokenize(text, folded=True) == ["so", "15", "qd", "bnv", "ve", "hoa", "binh"]
    assert tokenize(text) == ["số", "15", "qđ", "bnv", "về", "hòa", "bình"]


vietnamese = st.text(
    alphabet=st.sampled_from(
        [
            *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯQ ",
            *"\u0300\u0301\u0309\u0303\u0323",  # the five tones, as NFD input
            *"\u00a0\u200b\u00d0",  # junk nfc() must clean
        ]
    ),
    max_size=40,
)


@NO_DEADLINE
@given(vietnamese)
def test_fold_is_idempotent_and_mark_free(text: str) -> None:
    """§8: a folded key has no combining marks and no đ, and folding it again changes nothing."""
    key = fold(text)
    assert fold(key) == key
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", key))
    assert "đ" not in key and "Đ" not in key


@NO_DEADLINE
@given(vietnamese)
def test_canonical_tones_preserves_the_fold_and_is_idempotent(text: str) -> None:
    """§8: canonicalizing tone placement never changes what folded search sees."""
    once = canonical_tones(text)
    assert canonical_tones(once) == once
    assert fold(once) == fold(text)
    assert unicodedata.is_normalized("NFC", once)


@NO_DEADLINE
@given(vietnamese)
def test_nfc_is_idempotent_and_equal_for_nfd_input(text: str) -> None:
    """§8: NFC everywhere; NFD input normalizes to the same string."""
    assert nfc(nfc(text)) == nfc(text)
    assert nfc(nfd(text)) == nfc(text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Quảng", True),
        ("ĐỒNG", True),
        ("Hới", True),
        (nfd("Thủy"), True),
        ("1", True),
        ("Ö", False),
        ("ß", False),
        ("1ï", False),
        ("Hà-Nội", False),
        ("", False),
    ],
)
def test_is_vietnamese_word(word: str, expected: bool) -> None:
    """§8: letters of the Vietnamese alphabet only (tones, circumflex, breve, horn, đ)."""
    assert is_vietnamese_word(word) is expected
