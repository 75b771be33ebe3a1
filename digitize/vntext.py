"""Vietnamese text normalization, accent folding and tone-placement canonicalization.

Follows DOMAIN.md §8: every stored string is NFC with invisible junk removed (:func:`nfc`);
accent-insensitive search compares :func:`fold` keys; accent-sensitive search compares
:func:`tone_key` keys, which only canonicalize where writers legitimately differ (the tone of a
syllable-final ``oa``/``oe``/``uy``).

Convention for tone placement (:func:`canonical_tones`): the *traditional* style ("kiểu cũ"),
tone on the first vowel of a syllable-final ``oa``/``oe``/``uy`` — ``hòa``, ``hòe``, ``thủy`` —
because it is the form of the quốc hiệu in the overwhelming majority of state documents
(``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``) and the default of the common input methods.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "TONE_MARKS",
    "canonical_tones",
    "fold",
    "is_vietnamese_word",
    "nfc",
    "tokenize",
    "tone_key",
]

#: Combining marks of the five Vietnamese tones (huyền, sắc, hỏi, ngã, nặng).
TONE_MARKS: Final = frozenset("\u0300\u0301\u0309\u0303\u0323")

# Spaces a word processor or PDF extractor emits that must compare equal to a plain space.
_SPACES: Final = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}
# Invisible characters that split words for FTS and exact matching but carry no meaning:
# zero-width space, ZWNJ, ZWJ, word joiner, BOM / zero-width no-break space, soft hyphen.
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_CLEANUP: Final = {**{ord(k): v for k, v in _SPACES.items()}, **_INVISIBLE}
# What nfc changes besides composing: the characters above and Ð.
_UNCLEAN: Final = re.compile("[" + "".join(map(chr, _CLEANUP)) + "\u00d0]")

# U+00D0 (Latin capital eth) is visually identical to U+0110 (Đ). OCR engines and text
# mis-decoded from Windows-1258 as Windows-1252 produce it for Đ. It is only a real eth in
# Icelandic/Faroese/Old English words, which betray themselves by other letters of those
# alphabets; a word holding any of these keeps its Ð.
_ETH_WORD: Final = re.compile(r"\w*\u00d0\w*")
_NOT_VIETNAMESE_LETTERS: Final = frozenset("ðþÞæÆøØåÅ")

_MARK_RANGE: Final = re.compile("[\u0300-\u036f]")
_DD: Final = str.maketrans({"đ": "d", "Đ": "D"})

# Letters only, so "15/QĐ-BNV" yields "15", "qđ", "bnv"; underscore is excluded from \w.
_TOKEN: Final = re.compile(r"[^\W_]+")

# Initial consonants allowed before a syllable-final oa/oe/uy. "q" is deliberately absent:
# in "qua", "que", "quy" the u belongs to the initial "qu", so there is no oa/oe/uy cluster.
_INITIALS: Final = frozenset(
    {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng"}
    | {"ngh", "nh", "p", "ph", "r", "s", "t", "th", "tr", "v", "x"}
)
_FINAL_CLUSTERS: Final = frozenset({"oa", "oe", "uy"})
_WORD: Final = re.compile(r"[^\W\d_]+")


def nfc(text: str) -> str:
    """NFC text with non-breaking spaces made plain, zero-width characters dropped and
    a Ð that stands for Đ turned into Đ (DOMAIN §8, §5 "Clean first")."""
    # Most text is already clean (it comes back from the catalog): two C-speed checks
    # instead of a translate and a normalize over every character.
    if text.isascii() or (_UNCLEAN.search(text) is None and unicodedata.is_normalized("NFC", text)):
        return text
    # Clean before composing: a dropped zero-width space may separate a letter from its mark.
    text = unicodedata.normalize("NFC", text.translate(_CLEANUP))
    if "\u00d0" in text:
        text = _ETH_WORD.sub(_fix_eth, text)
    return text


def _fix_eth(match: re.Match[str]) -> str:
    word = match.group(0)
    if _NOT_VIETNAMESE_LETTERS.intersection(word):
        return word
    return word.replace("\u00d0", "Đ")


def fold(text: str) -> str:
    """Accent-, đ- and case-insensitive search key (DOMAIN §8).

    NFD, drop U+0300–U+036F, đ→d, Đ→D, casefold. ``fold("Đầu tư") == "dau tu"``; tone
    placement differences vanish with the marks, and Tesseract's ``y`` for ``ỵ`` matches.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = _MARK_RANGE.sub("", decomposed).translate(_DD).casefold()
    return unicodedata.normalize("NFC", stripped)


def canonical_tones(text: str) -> str:
    """Move the tone of every syllable-final ``oa``/``oe``/``uy`` onto its first vowel.

    ``hoà``→``hòa``, ``khoẻ``→``khỏe``, ``THUỶ``→``THỦY``; ``hoàn``, ``thuyền`` (the cluster is
    not final) and ``quý`` (``qu`` is the initial) are untouched (DOMAIN §8). The result is NFC.
    """
    return _WORD.sub(_canonical_word, nfc(text))


def _canonical_word(match: re.Match[str]) -> str:
    word = match.group(0)
    decomposed = unicodedata.normalize("NFD", word)
    # Split into base letters, each with its marks, keeping the tone apart.
    letters: list[list[str]] = []
    for char in decomposed:
        if unicodedata.combining(char) and letters:
            letters[-1].append(char)
        else:
            letters.append([char])
    if len(letters) < 2:
        return word
    bases = "".join(group[0] for group in letters).lower()
    cluster = bases[-2:]
    if cluster not in _FINAL_CLUSTERS or bases[:-2] not in _INITIALS:
        return word
    first, second = letters[-2], letters[-1]
    # Only plain o/a/e/u/y may carry the tone here; any other mark (breve, circumflex,
    # horn) means a different vowel and a different rule.
    if any(m not in TONE_MARKS for m in first[1:] + second[1:]):
        return word
    tones = [m for m in second[1:] if m in TONE_MARKS]
    if not tones or len(first) > 1:
        return word
    letters[-2] = [first[0], *tones]
    letters[-1] = [second[0]]
    return unicodedata.normalize("NFC", "".join("".join(group) for group in letters))


# Marks of the Vietnamese alphabet besides the tones: circumflex (â ê ô), breve (ă), horn (ơ ư).
_LETTER_MARKS: Final = frozenset("\u0302\u0306\u031b")


def is_vietnamese_word(word: str) -> bool:
    """Whether ``word`` is spelled only with letters of the Vietnamese alphabet (Latin letters,
    đ, and the marks Vietnamese uses) and digits. ``Ö``, ``ß``, ``ï`` are not."""
    if not word:
        return False
    for char in unicodedata.normalize("NFD", word):
        if char in TONE_MARKS or char in _LETTER_MARKS or char in "đĐ":
            continue
        if not (char.isascii() and char.isalnum()):
            return False
    return True


def tone_key(text: str) -> str:
    """Accent-sensitive but tone-placement-insensitive key: ``hoà`` and ``Hòa`` agree,
    ``hoa`` and ``hòa`` do not (DOMAIN §8)."""
    return canonical_tones(text).casefold()


def tokenize(text: str, *, folded: bool = False) -> list[str]:
    """Word tokens for indexing: runs of letters and digits, lower-cased.

    With ``folded`` the tokens are :func:`fold` keys, otherwise :func:`tone_key` keys, so the
    same function feeds the accent-insensitive and the accent-sensitive FTS columns.
    """
    key = fold(text) if folded else tone_key(text)
    return _TOKEN.findall(key)
