"""Find a document's Phụ lục VI metadata in its OCR text and word layout (DOMAIN.md §1, §4–§7).

Page 1 of an administrative document has a fixed layout (§7): agency block top left, quốc hiệu
top right, ``Số:`` under the agency with the date line beside it, the type name centred in
capitals with the trích yếu under it (a công văn has ``V/v …`` under its number instead), the
body, then ``Nơi nhận:`` on the left beside the signer block on the right (authority ``TM.``,
``KT.``, ``TL.``, ``Q.``; position; full name). :func:`extract_metadata` reads those parts.

Plain text arrives in one of three orders and all are handled: block by block (each column in
turn, as Tesseract usually segments), row by row (side-by-side blocks merged into one line), or
with word positions (:class:`~digitize.metadata.layout.WordBox`), which tell the columns apart.

Every field carries a confidence; a field that is not found is empty with confidence 0, never
filled with a likely value.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from digitize.metadata.dates import DateLine, find_date_lines, fold_aligned, parse_date_line
from digitize.metadata.doctypes import CONG_VAN, DocType, TypeFamily, lookup_name
from digitize.metadata.fields import RecordKind, fields_for
from digitize.metadata.layout import Column, LayoutLine, WordBox, layout_lines
from digitize.metadata.names import restore
from digitize.metadata.numbering import (
    DocumentNumber,
    NumberKind,
    clean_number_text,
    find_numbers,
    parse_number,
)
from digitize.metadata.phrases import restore_subject
from digitize.vntext import TONE_MARKS, canonical_tones, fold, nfc, tone_key

__all__ = [
    "EMPTY",
    "ExtractedMetadata",
    "Field",
    "agency_name_case",
    "extract_metadata",
    "position_case",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Field:
    """One extracted value.

    Attributes:
        value: the text, NFC; ``""`` when not found.
        confidence: 0–1; always 0 for an empty value.
    """

    value: str = ""
    confidence: float = 0.0

    def __post_init__(self) -> None:
        if self.value != nfc(self.value).strip():
            raise ValueError(f"field value must be trimmed NFC text: {self.value!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0–1: {self.confidence}")
        if not self.value and self.confidence:
            raise ValueError("an empty field has confidence 0")

    def __bool__(self) -> bool:
        return bool(self.value)


#: The value of every field that was not found.
EMPTY: Final = Field()


def _field(value: str | None, confidence: float) -> Field:
    value = nfc(value or "").strip()
    return Field(value, round(min(max(confidence, 0.0), 1.0), 3)) if value else EMPTY


@dataclass(frozen=True, slots=True)
class ExtractedMetadata:
    """Metadata found in one document, each field with its confidence.

    Attributes:
        type_name: TypeName (``Quyết định``, ``Công văn``).
        code_number: CodeNumber, the số as printed (``05``).
        code_notation: CodeNotation, the ký hiệu (``QĐ-UBND``; no year, see ``number``).
        issued_date: IssuedDate, ISO ``YYYY-MM-DD``.
        place: the địa danh of the date line.
        organ_name: OrganName, the issuing agency in normal case, with the locality of its
            parent when its printed name has none (``Sở Nội vụ tỉnh Quảng Bình``).
        parent_organ: the parent agency printed above it, normal case.
        subject: Subject, the trích yếu (without the ``V/v`` of a công văn).
        position: Position of the signer (``Phó Chủ tịch``).
        full_name: FullName of the signer.
        signer_authority: authority lines as printed (``TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH``).
        recipients: the ``Nơi nhận`` entries, without the ``Lưu`` line.
        recipients_confidence: confidence of the recipient list as a whole.
        number: the parsed số/ký hiệu, with year, kind and issuer groups.
        notes: Vietnamese notes for the reviewer (disagreements found while reading).
    """

    type_name: Field = EMPTY
    code_number: Field = EMPTY
    code_notation: Field = EMPTY
    issued_date: Field = EMPTY
    place: Field = EMPTY
    organ_name: Field = EMPTY
    parent_organ: Field = EMPTY
    subject: Field = EMPTY
    position: Field = EMPTY
    full_name: Field = EMPTY
    signer_authority: Field = EMPTY
    recipients: tuple[str, ...] = ()
    recipients_confidence: float = 0.0
    number: DocumentNumber | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not 0.0 <= self.recipients_confidence <= 1.0:
            raise ValueError("recipients_confidence must be within 0–1")
        if not self.recipients and self.recipients_confidence:
            raise ValueError("no recipients, so recipients_confidence must be 0")

    def fields(self) -> dict[str, Field]:
        """The single-valued fields by Phụ lục VI tag (plus Place, ParentOrgan, Authority)."""
        return {
            "TypeName": self.type_name,
            "CodeNumber": self.code_number,
            "CodeNotation": self.code_notation,
            "IssuedDate": self.issued_date,
            "Place": self.place,
            "OrganName": self.organ_name,
            "ParentOrgan": self.parent_organ,
            "Subject": self.subject,
            "Position": self.position,
            "FullName": self.full_name,
            "SignerAuthority": self.signer_authority,
        }

    def to_record(self) -> dict[str, object]:
        """The found values under their Phụ lục VI tags, ready for
        :func:`~digitize.metadata.fields.validate_record`; missing fields are left out."""
        tags = (
            "TypeName",
            "CodeNumber",
            "CodeNotation",
            "IssuedDate",
            "OrganName",
            "Subject",
            "Position",
            "FullName",
        )
        fields = self.fields()
        record: dict[str, object] = {t: fields[t].value for t in tags if fields[t]}
        if self.recipients:
            record["To"] = [{"OrganName": r} for r in self.recipients]
        return record

    def confidences(self) -> dict[str, float]:
        """Confidence per tag, 0 for fields not found; ``To`` for the recipient list."""
        found = {tag: f.confidence for tag, f in self.fields().items()}
        found["To"] = self.recipients_confidence
        return found


# ---------------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    """A working line: text and the column it is known (or guessed) to stand in."""

    text: str
    column: Column = Column.UNKNOWN
    page: int = 1
    centred: bool | None = None  # known only with word positions


_RULE: Final = re.compile(r"^[\s_\-–—=~*.·•+]*$")


def _is_rule(text: str) -> bool:
    """A decorative rule or the Party's star line: ``______``, ``*``, ``---``."""
    return _RULE.fullmatch(text) is not None


# Characters that no administrative text uses but OCR of a signature, a seal or a smudge
# produces ("Ì`WN-E==—~", ">¬ >>>"): a token holding one is noise.
_JUNK: Final = frozenset("~=¬<>|^#{}@$%\\¦§¤")
# Stray marks OCR attaches to a word: "'Thị", "Hùng`".
_STRAY: Final = "_'‘’`´\"“”«»"


# Tokens without letters that mean something: list dashes, the Party's star, the end mark.
_MARKERS: Final = frozenset({"-", "+", "•", "*", "./.", "/."})
_RANGE_DASHES: Final = frozenset({"-", "–"})


def _clean_line(text: str) -> str:
    """The line without noise tokens; rule lines (``_____``, ``*``) are kept as they are."""
    words = text.split()
    if _is_rule(text):
        return " ".join(words)
    kept = []
    for token in words:
        if _JUNK.intersection(token):
            continue
        # Spacing modifier letters and symbols (ˆ ˜ ʼ) are OCR's reading of specks.
        word = "".join(ch for ch in token if unicodedata.category(ch) not in {"Lm", "Sk"})
        # "_UBND": an underline OCR'd into the word next to it.
        stripped = word.strip(_STRAY) if any(c.isalnum() for c in word) else word
        if stripped:
            kept.append(stripped)
    # Specks before and after the text ("___ Kết quả …", "-ˆ_ UBND …"): list dashes stay.
    while kept and not any(c.isalnum() for c in kept[0]) and kept[0] not in _MARKERS:
        kept.pop(0)
    while kept and not any(c.isalnum() for c in kept[-1]) and kept[-1] != "./.":
        if kept[-1] in _RANGE_DASHES and len(kept) > 1 and kept[-2][-1:].isdigit():
            break  # "giai đoạn 1998 -" / "2003": a range wrapped at its dash
        kept.pop()
    return " ".join(kept)


def _lines_from_text(text: str) -> list[_Line]:
    """Non-empty lines with their page: pages are separated by form feeds."""
    lines = []
    for page, page_text in enumerate(nfc(text).split("\f"), start=1):
        for raw in page_text.splitlines():
            cleaned = _clean_line(raw)
            if cleaned:
                lines.append(_Line(cleaned, Column.UNKNOWN, page))
    return lines


def _lines_from_layout(lines: Sequence[LayoutLine]) -> list[_Line]:
    cleaned = [(_clean_line(ln.text), ln) for ln in lines]
    return [_Line(text, ln.column, ln.page, ln.centred) for text, ln in cleaned if text]


# ------------------------------------------------------------------------- right-hand items

# Matched on folded text, whose offsets are the original's (fold_aligned).
_NATIONAL: Final = re.compile(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam")
_MOTTO: Final = re.compile(r"doc\s*lap\s*[-–—]*\s*tu\s*do\s*[-–—]*\s*hanh\s*phuc")
_PARTY: Final = re.compile(r"dang\s*cong\s*san\s*viet\s*nam")


def _right_items(text: str) -> tuple[str, list[str]]:
    """Split off quốc hiệu, tiêu ngữ, the Party's heading and a date line that share a row
    with left-column text; returns (left part, right items found)."""
    folded = fold_aligned(text)
    starts: list[tuple[int, str]] = []
    for pattern, name in ((_NATIONAL, "national"), (_MOTTO, "motto"), (_PARTY, "party")):
        m = pattern.search(folded)
        if m:
            starts.append((m.start(), name))
    date = parse_date_line(text)
    if date is not None:
        start = date.start
        if date.place:
            start = text.rfind(date.place, 0, date.start)
        starts.append((start, "date"))
    if not starts:
        return text, []
    cut = min(s for s, _ in starts)
    return text[:cut].strip(), [name for _, name in sorted(starts)]


# ----------------------------------------------------------------------------- agency block

# Words that begin an agency's name; checked before localities so "TỈNH ỦY" is an agency.
_AGENCY_HEADS: Final = tuple(
    sorted(
        (
            "ỦY BAN NHÂN DÂN",
            "HỘI ĐỒNG NHÂN DÂN",
            "UBND",
            "HĐND",
            "ỦY BAN KIỂM TRA",
            "ỦY BAN",
            "SỞ",
            "PHÒNG",
            "BỘ CHỈ HUY",
            "BỘ",
            "BAN CHẤP HÀNH",
            "BAN THƯỜNG VỤ",
            "BAN QUẢN LÝ",
            "BAN CHỈ ĐẠO",
            "BAN",
            "VĂN PHÒNG",
            "TỔNG CỤC",
            "CHI CỤC",
            "CỤC",
            "TRUNG TÂM",
            "THANH TRA",
            "TRƯỜNG",
            "VIỆN KIỂM SÁT NHÂN DÂN",
            "VIỆN",
            "TÒA ÁN NHÂN DÂN",
            "TỈNH ỦY",
            "HUYỆN ỦY",
            "THÀNH ỦY",
            "THỊ ỦY",
            "QUẬN ỦY",
            "ĐẢNG ỦY",
            "ĐẢNG BỘ",
            "CHI BỘ",
            "CÔNG AN",
            "BỆNH VIỆN",
            "KHO BẠC NHÀ NƯỚC",
            "CHI NHÁNH",
            "LIÊN ĐOÀN",
            "ĐOÀN",
            "HỘI",
            "MẶT TRẬN",
            "CHÍNH PHỦ",
            "QUỐC HỘI",
        ),
        key=len,
        reverse=True,
    )
)
_LOCALITIES: Final = tuple(
    sorted(
        ("TỈNH", "HUYỆN", "THÀNH PHỐ", "THỊ XÃ", "QUẬN", "XÃ", "PHƯỜNG", "THỊ TRẤN"),
        key=len,
        reverse=True,
    )
)
_EXPANSIONS: Final = {"UBND": "ỦY BAN NHÂN DÂN", "HĐND": "HỘI ĐỒNG NHÂN DÂN", "TP.": "THÀNH PHỐ"}
# Party committees: what follows the head is a place name ("TỈNH ỦY QUẢNG BÌNH").
_PLACE_AFTER: Final = frozenset(
    tone_key(h) for h in ("TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY", "THỊ ỦY", "QUẬN ỦY", "ĐẢNG BỘ")
)


def _starts_with(
    words: Sequence[str], phrases: Sequence[str], *, loose: bool = False
) -> str | None:
    """The phrase ``words`` start with, or ``None``. Tone placement and case never matter;
    with ``loose`` marks do not either (OCR drops them from bold capitals: ``SƠ`` for ``SỞ``)."""
    key_of = fold if loose else tone_key
    key = key_of(" ".join(words))
    for phrase in phrases:
        p = key_of(phrase)
        if key == p or key.startswith(p + " "):
            return phrase
    return None


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _agency_units(lines: Sequence[str]) -> list[str]:
    """Printed agency lines grouped into agencies: a wrapped line joins the one above unless
    it starts a new agency (``UBND TỈNH QUẢNG BÌNH`` / ``SỞ NỘI VỤ``)."""
    units: list[str] = []
    for line in lines:
        words = line.split()
        previous = units[-1].split() if units else []
        # Exact match only: "HÀ TĨNH" ends in a name that folds like "TỈNH".
        dangling = bool(previous) and _starts_with(previous[-1:], _LOCALITIES) is not None
        starts_agency = _starts_with(words, _AGENCY_HEADS) is not None or (
            # "BỐ TRẠCH" after "HUYỆN" is the district's name, not a "BỘ".
            not dangling and _starts_with(words, _AGENCY_HEADS, loose=True) is not None
        )
        continues = bool(previous) and (
            previous[-1].upper() in {"VÀ", "-", ","} or previous[-1].endswith(",") or dangling
        )
        if units and (continues or not starts_agency):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    return units


def _capitalize(word: str) -> str:
    # Acronyms (no vowel, or digits) keep their capitals: THPT, CNTT, 389.
    if not any(c in "AĂÂEÊIOÔƠUƯY" for c in fold(word).upper()) or any(c.isdigit() for c in word):
        return word
    return word[:1].upper() + word[1:].lower()


def _field_case(words: Sequence[str]) -> str:
    """A field of activity: first word of each part capitalized (``Kế hoạch và Đầu tư``).

    After an acronym the words are a proper name (``Trường THPT Đồng Hới``), so each keeps
    its capital.
    """
    out: list[str] = []
    start = True
    proper = False
    for word in words:
        low = word.lower()
        if low in {"và", "-", "–"}:
            out.append(low)
            start, proper = True, False
            continue
        cased = _capitalize(word) if start or proper else _cased(word, capital=False)
        out.append(cased)
        if cased == word and word.isupper() and len(word) > 1:
            proper = True  # an acronym kept in capitals
        start = word.endswith(",")
    return " ".join(out)


def _cased(word: str, capital: bool) -> str:
    if capital:
        return _capitalize(word)
    return word if _capitalize(word) == word and word.isupper() else word.lower()


# Localities recognized without their marks too (``THANH PHO`` read for ``THÀNH PHỐ``); not
# QUẬN, XÃ, PHƯỜNG, whose unmarked forms are common words (QUẢN LÝ, ĐỊA PHƯƠNG).
_LOOSE_LOCALITIES: Final = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "TỈNH", "HUYỆN")


def _locality(words: Sequence[str]) -> str | None:
    return _starts_with(words, _LOCALITIES) or _starts_with(words, _LOOSE_LOCALITIES, loose=True)


def _locality_index(words: Sequence[str]) -> int | None:
    """Where the locality starts (``TỈNH`` in ``ỦY BAN NHÂN DÂN TỈNH …``); a locality read
    without marks counts only when a name follows it."""
    for i in range(1, len(words)):
        if _starts_with(words[i:], _LOCALITIES):
            return i
        loose = _starts_with(words[i:], _LOOSE_LOCALITIES, loose=True)
        if loose and len(words) - i > len(loose.split()):
            return i
    return None


def _locality_case(words: Sequence[str]) -> str:
    """``TỈNH QUẢNG BÌNH`` → ``tỉnh Quảng Bình``; a province OCR'd without marks is restored
    from the list of provinces (``TỈNH NGHE AN`` → ``tỉnh Nghệ An``)."""
    head = _locality(words) or ""
    n = len(head.split())
    name = " ".join(_capitalize(w) for w in words[n:])
    if tone_key(head) in {tone_key("TỈNH"), tone_key("THÀNH PHỐ")}:
        name = restore(name, "provinces") or name
    # The locality word as the table spells it: "THANH PHO" differs from it in marks only.
    return " ".join(filter(None, (head.lower(), name)))


def agency_name_case(printed: str) -> str:
    """An agency name printed in capitals, in normal case (NĐ 30 Phụ lục II rules):
    ``UBND TỈNH QUẢNG BÌNH`` → ``Ủy ban nhân dân tỉnh Quảng Bình``, ``SỞ KẾ HOẠCH VÀ ĐẦU TƯ``
    → ``Sở Kế hoạch và Đầu tư``, ``TỈNH ỦY QUẢNG BÌNH`` → ``Tỉnh ủy Quảng Bình``."""
    words = [w for word in nfc(printed).split() for w in _EXPANSIONS.get(word, word).split()]
    if not words:
        return ""
    where = _locality_index(words)
    own, locality = (words, []) if where is None else (words[:where], words[where:])
    cased = " ".join(filter(None, (_head_case(own), _locality_case(locality) if locality else "")))
    # Names are keys for search and duplicate checks: one tone placement (UỶ → Ủy).
    return canonical_tones(cased)


def _head_case(words: Sequence[str], capital: bool = True) -> str:
    head = _starts_with(words, _AGENCY_HEADS) or _starts_with(words, _AGENCY_HEADS, loose=True)
    if head is None:
        return restore(" ".join(words), "fields") or _field_case(words)
    n = len(head.split())
    # The head as the table spells it: "SƠ" read for "SỞ" differs in marks only.
    head_words = head.lower().split()
    if capital:
        head_words[0] = _capitalize(head_words[0])
    rest = words[n:]
    if not rest:
        return " ".join(head_words)
    if tone_key(head) in _PLACE_AFTER:
        place = " ".join(_capitalize(w) for w in rest)
        tail = restore(place, "provinces") or place
    elif _starts_with(rest, _AGENCY_HEADS):
        tail = _head_case(rest)  # "VĂN PHÒNG ỦY BAN NHÂN DÂN" → "Văn phòng Ủy ban nhân dân"
    else:
        tail = restore(" ".join(rest), "fields") or _field_case(rest)
    return f"{' '.join(head_words)} {tail}"


def _organ_names(units: Sequence[str]) -> tuple[str, str]:
    """(OrganName, parent) in normal case; the issuing agency borrows the parent's locality
    when its own printed name has none (``SỞ NỘI VỤ`` under ``UBND TỈNH QUẢNG BÌNH``)."""
    if not units:
        return "", ""
    issuing = agency_name_case(units[-1])
    parent = agency_name_case(units[-2]) if len(units) > 1 else ""
    issuing_words = units[-1].split()
    head = _starts_with(issuing_words, _AGENCY_HEADS) or _starts_with(
        issuing_words, _AGENCY_HEADS, loose=True
    )
    own = issuing_words[len(head.split()) if head else 0 :]
    if parent and _locality_index(["_", *own]) is None:
        parent_words = [w for x in units[-2].split() for w in _EXPANSIONS.get(x, x).split()]
        where = _locality_index(parent_words)
        if where is None:
            pass
        elif head is not None and tone_key(head) in _PLACE_AFTER:
            if not own:
                # "TỈNH ỦY" under "ĐẢNG BỘ TỈNH QUẢNG BÌNH" → "Tỉnh ủy Quảng Bình".
                place = " ".join(_capitalize(w) for w in parent_words[where + 1 :])
                issuing = f"{issuing} {place}".strip()
        else:
            issuing = f"{issuing} {_locality_case(parent_words[where:])}"
    return canonical_tones(issuing), parent


def _vote_place_spelling(name: str, text: str) -> str:
    """``name`` with its place name spelled as the document spells it most often.

    The agency block is bold capitals, which OCR reads with wrong marks (``TUYẾN HÓA`` for
    ``TUYÊN HÓA``); the date line and the body name the same place in regular type. Readings
    whose letters agree and only marks differ vote; the agency block's own reading wins ties,
    so nothing changes without evidence in the document itself.
    """
    words = name.split()
    where = _locality_index(words)
    if where is None:
        return name
    head = _locality(words[where:]) or ""
    start = where + len(head.split())
    place = " ".join(words[start:])
    if not place:
        return name
    folded_text = fold_aligned(text)
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, fold(place).split())) + r"(?!\w)"
    # The agency block's own lines are in the text too, so its reading gets its vote there.
    votes: dict[str, int] = {place: 0}
    for m in re.finditer(pattern, folded_text):
        reading = " ".join(_capitalize(w) for w in text[m.start() : m.end()].split())
        votes[reading] = votes.get(reading, 0) + 1
    best = max(votes, key=lambda r: (votes[r], r == place))
    return " ".join([*words[:start], best])


# ------------------------------------------------------------------------------ the header

# "Số:" and the specks OCR may put before the number ("Số: .439/TB-STC").
_NUMBER_PREFIX: Final = re.compile(r"^\s*([^\W\d_]{2,3})\s*[:.;,]?[\s.'\"`_]*(?=[0-9])")
# "486TTr-PNV": the slash between the number and the ký hiệu lost, the rest intact.
_LOST_SLASH: Final = re.compile(r"^([0-9]{1,5})([^\W\d_][\w&]*(?:-[^\W_][\w&]*)+)")
# "V/v", "V/V", "v/v"; OCR may drop the second v ("V/ đôn đốc …"), never the slash, or read
# it as w ("V/w triển khai …"): nothing else is written "V/w" under a số.
_VV: Final = re.compile(r"^\s*(?:V\s*/\s*[vVwW]?|v\s*/\s*[vw])\s*[:.]?(?:\s+(?P<rest>.*))?$")
_BODY_START: Final = tuple(
    fold(w)
    for w in (
        "Căn cứ",
        "Kính gửi",
        "Thực hiện",
        "Theo đề nghị",
        "Xét đề nghị",
        "Điều 1",
        "Trên đây",
        "Nhằm",
        "Ngày",
        "Để",
        "Sau khi",
        "Trên cơ sở",
        "Vừa qua",
        "Hiện nay",
        "Thừa lệnh",
    )
)
# What OCR puts before the first letter of a line: dashes, dots, quotes, underscores.
_LEADING_SPECKS: Final = "-–—.,:;'\"“”‘’_|¡ "
# Phrases that only a body sentence holds, wherever they stand in the line.
_BODY_PHRASES: Final = re.compile(r"tran trong|kinh moi|kinh trinh|nhu sau\s*:")


# Two-word openings long enough to be recognized with one OCR error ("Găn cứ", "ính gửi").
_FUZZY_STARTS: Final = tuple(s for s in _BODY_START if " " in s and len(s) >= 6)


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _starts_body(text: str) -> bool:
    """Whether a line opens the body: a capitalized opening phrase, a numbered heading, or a
    phrase no trích yếu contains. Wrapped trích yếu lines start in lower case."""
    text = text.lstrip(_LEADING_SPECKS)  # "-Ngày 29/4/2014, …": a speck before the capital
    key = fold(text)
    if text[:1].isupper() and key.startswith(_BODY_START):
        return True
    if re.match(r"^(?:[IVX]+|[0-9]+)\.\s", text) or _BODY_PHRASES.search(key):
        return True
    # OCR damage at the start of the line: a dash or quote before it, one letter misread.
    head = " ".join(re.findall(r"[^\W_]+", key)[:2])
    return any(_edit_distance_at_most_one(head[: len(s) + 1].rstrip(), s) for s in _FUZZY_STARTS)


def _heading_type(text: str) -> DocType | None:
    """The type a centred capital heading names: ``QUYẾT ĐỊNH``, legacy ``QUYẾT ĐỊNH CỦA …``."""
    if text.rstrip().endswith(":"):
        return None  # "QUYẾT ĐỊNH:" opens the articles of a Quyết định's body
    if _is_caps(text):
        found = lookup_name(text)
        if found is not None:
            return found
        # Legacy headings name the issuer: "QUYẾT ĐỊNH CỦA UBND TỈNH QUẢNG BÌNH".
        m = re.match(r"^(.+?)\s+(?:CỦA|Của)\s+", text)
        if m and (found := lookup_name(m.group(1))) is not None:
            return found
    # Specks around the heading ('M "xx. x : BÁO CÁO - . -'): the run of capital words, if
    # everything else on the line is one- or two-letter junk or punctuation.
    words = text.split()
    runs: list[list[str]] = [[]]
    for word in words:
        letters = [c for c in word if c.isalpha()]
        core = word.strip(".,;'\"“”-_|")
        if len(letters) >= 2 and all(c.isupper() for c in letters) and core.isalpha():
            runs[-1].append(core)
        elif (
            len(letters) > 2
            or (word.endswith(":") and runs[-1])
            or re.fullmatch(r"[IVXLC0-9]+[.)]?", word)
        ):
            # A real word that is not a capital, "QUYẾT ĐỊNH :", or a section number
            # ("2. BÁO CÁO" is a heading inside the body).
            return None
        elif runs[-1]:
            runs.append([])
    longest = max(runs, key=len)
    return lookup_name(" ".join(longest)) if longest else None


def _number_from(text: str) -> tuple[DocumentNumber | None, bool]:
    """(number, had a ``Số`` prefix) of a left-column line, or (None, False)."""
    m = _NUMBER_PREFIX.match(text)
    if m and fold(m.group(1)) in {"so", "s0"}:
        rest = text[m.end() :]
        parsed = parse_number(rest)
        if parsed is None:
            found = next(find_numbers(rest), None)
            if found is not None and found[0] == 0:
                parsed = found[2]
        if parsed is None and (lost := _LOST_SLASH.match(rest)):
            # The boundary between digits and letters fixes where the slash was; the number
            # is kept, marked for review by a low confidence.
            repaired = parse_number(f"{lost.group(1)}/{lost.group(2)}")
            if repaired is not None:
                parsed = replace(repaired, confidence=round(repaired.confidence * 0.6, 3))
        return parsed, parsed is not None
    return None, False


_TYPE_GROUP: Final = re.compile(r"^([0-9]{1,5}/(?:[0-9]{4}/)?)([^\W_][\w]*)([-.].*)$")


def _repair_type_group(number_line: str, abbr: str) -> DocumentNumber | None:
    """The number with its first ký hiệu group read as ``abbr`` when the two differ in one
    letter only (``TTT-STC``, ``T1r-SKHĐT`` under a ``TỜ TRÌNH`` heading).

    Two independent readings agree on the type: the heading and all but one letter of the
    group. The result carries a low confidence so that a reviewer confirms it.
    """
    # Only the number itself: a row-merged date line may follow after a space.
    cleaned = clean_number_text(number_line.split("  ", maxsplit=1)[0])
    m = _TYPE_GROUP.match(cleaned.split(" ", maxsplit=1)[0])
    if m is None:
        return None
    group = m.group(2)
    if len(group) != len(abbr) or sum(a != b for a, b in zip(group, abbr, strict=True)) != 1:
        return None
    parsed = parse_number(f"{m.group(1)}{abbr}{m.group(3)}")
    if parsed is None or parsed.type_abbr != abbr:
        return None
    return replace(parsed, confidence=round(parsed.confidence * 0.6, 3), raw=number_line)


@dataclass(slots=True)
class _Header:
    agency_lines: list[str] = field(default_factory=list)
    number: DocumentNumber | None = None
    number_confidence: float = 0.0
    number_line: str = ""  # what follows "Số:", kept even when it did not parse
    date: DateLine | None = None
    doc_type: DocType | None = None
    subject: str = ""
    subject_confidence: float = 0.0
    has_vv: bool = False
    has_national: bool = False
    end: int = 0


def _read_header(lines: list[_Line]) -> _Header:
    h = _Header()
    first_page = [ln for ln in lines if ln.page == lines[0].page] if lines else []
    limit = min(len(first_page), 40)
    heading_at = None
    for i in range(limit):
        if first_page[i].column in (Column.FULL, Column.UNKNOWN):
            found = _heading_type(first_page[i].text)
            if found is not None:
                heading_at, h.doc_type = i, found
                break
    zone_end = heading_at if heading_at is not None else limit
    lefts: list[tuple[int, str]] = []
    for i in range(zone_end):
        line = first_page[i]
        if line.column is Column.RIGHT:
            left, items = "", ["right"]
        else:
            left, items = _right_items(line.text)
        if line.column is Column.UNKNOWN and any(fold(x).startswith("noi nhan") for x in [left]):
            break
        if items:
            h.has_national = h.has_national or "national" in items or "party" in items
        if heading_at is None and _starts_body(left):
            zone_end = i
            break
        lefts.append((i, left))
    # Date line: the first in the header zone; a line may wrap ("… tháng 5" / "năm 2015").
    zone_text = "\n".join(ln.text for ln in first_page[:zone_end] if ln.column is not Column.LEFT)
    dates = list(find_date_lines(zone_text))
    # A date without its place is the date line only above a type heading: otherwise it
    # may be a date the body cites, and IssuedDate is left empty rather than guessed.
    h.date = next((d for d in dates if d.place), None) or (
        dates[0] if dates and heading_at is not None else None
    )
    # Số line, agency lines above it, V/v below it.
    number_at = None
    for i, left in lefts:
        prefix = _NUMBER_PREFIX.match(left)
        if prefix and fold(prefix.group(1)) in {"so", "s0"} and not h.number_line:
            h.number_line = left[prefix.end() :]
        parsed, prefixed = _number_from(left)
        if parsed is not None:
            h.number, number_at = parsed, i
            h.number_confidence = parsed.confidence * (1.0 if prefixed else 0.8)
            break
    if h.number is None:
        for i, left in lefts:
            if _is_caps(left) and not any(c.isdigit() for c in left):
                continue
            cited = next(find_numbers(left), None)
            if cited is not None:
                h.number, number_at = cited[2], i
                h.number_confidence = cited[2].confidence * 0.7
                break
    for i, left in lefts:
        if number_at is not None and i >= number_at:
            break
        agency = _agency_text(left)
        if agency:
            h.agency_lines.append(agency)
        elif number_at is None and left and not _is_caps(left):
            break  # without a Số line the agency block ends at the first non-capital line
    # Trích yếu.
    if heading_at is not None:
        h.subject, h.subject_confidence, h.end = _subject_after(first_page, heading_at + 1)
        if h.subject:
            vv = _VV.match(h.subject)
            if vv:  # legacy "QUYẾT ĐỊNH CỦA …" / "V/v …"
                h.subject = (vv.group("rest") or "").strip()
    else:
        for i, left in lefts:
            vv = _VV.match(left)
            if vv and (number_at is None or i > number_at):
                h.has_vv = True
                parts = [(vv.group("rest") or "").strip()]
                j = i + 1
                while j < len(first_page) and len(parts) < 6:
                    nxt = first_page[j]
                    if nxt.column is Column.RIGHT:
                        j += 1
                        continue
                    text, items = _right_items(nxt.text)
                    if items or not text or _stops_subject(text):
                        break
                    parts.append(text)
                    j += 1
                h.subject = " ".join(p for p in parts if p)
                h.subject_confidence = 0.9 if len(parts) < 6 else 0.6
                h.end = j
                break
        else:
            h.end = zone_end
    # Punctuation OCR left after the last word ("… cứu nạn ; .") is not part of it.
    h.subject = re.sub(r"(?:\s+[;:.,\-–]+)+$", "", h.subject)
    h.subject, restored = restore_subject(h.subject)
    if restored:
        h.subject_confidence *= 0.95  # marks restored from the wording: a reviewer may look
    return h


# Also as OCR damages them: "Gộng Hòa", "Cộng:hòa", "Cgộnghòa Xã Hội".
_QUOC_HIEU_WORDS: Final = re.compile(
    r"\b(?:[cg]\w{0,2}ng\W{0,2}hoa|hoa\s*xa\s*hoi|chu\s*nghia|doc\s*lap|hanh\s*phuc|tu\s*do)\b"
)


def _agency_text(text: str) -> str:
    """The capital words of an agency line, without the rule or junk OCR put after them
    (``THÔNG 1ï... ốổốơớnớ.`` → ``THÔNG``); ``""`` when the line is not in capitals."""
    # Pieces of the quốc hiệu a skewed scan pushed into the left column end the agency text.
    folded = fold_aligned(text)
    cut = min((m.start() for m in _QUOC_HIEU_WORDS.finditer(folded)), default=len(text))
    kept: list[str] = []
    for raw in text[:cut].split():
        word = raw if raw in {"-", "–", ","} else raw.strip(":;.,'\"”“-")
        letters = [c for c in word if c.isalpha()]
        if letters and not all(c.isupper() for c in letters):
            break
        if letters or word.isdigit() or word in {"-", "–", ","}:
            kept.append(word)
    while kept and not any(c.isalnum() for c in kept[-1]):
        kept.pop()
    while kept and not any(c.isalnum() for c in kept[0]):
        kept.pop(0)  # "- SỞ KẾ HOẠCH …": a rule's end read as a dash
    return " ".join(kept) if _is_caps(" ".join(kept)) else ""


def _stops_subject(text: str, *, first: bool = False) -> bool:
    """Whether ``text`` cannot continue a trích yếu. The first line after the heading is the
    trích yếu even when it opens like a body (``Thực hiện …`` in a Kế hoạch)."""
    number = _NUMBER_PREFIX.match(text)
    return (
        _is_rule(text)
        or _is_caps(text)
        or (not first and _starts_body(text))
        or text.rstrip().endswith(":")
        or (number is not None and fold(number.group(1)) == "so")
    )


# A body line (full text width) against the trích yếu's block, centred and narrower (NĐ 30
# Phụ lục I): at 13–14 pt a body line holds 70–100 characters, a trích yếu line 40–70. Greedy
# wrapping fills a block's first line to within one word of its width, so a later line of the
# block is never longer than the widest by more than a word.
_BODY_WIDER_BY: Final = 12
_BODY_MIN_CHARS: Final = 60
# A wrapped centred paragraph is full to its last line, which alone is short.
_LAST_LINE_SHORTER: Final = 0.6


def _ends_centred_block(parts: Sequence[str], text: str) -> bool:
    """Whether ``text`` can no longer belong to the trích yếu ``parts`` (DOMAIN.md §7): it is
    much wider than the block, as a body line is, or the previous line was already the short
    last line of the centred block. Bodies that open without a cue (a chỉ thị's ``Thời gian
    qua, …``) are told apart only this way in plain text."""
    widest = max(len(p) for p in parts)
    if len(text) >= _BODY_MIN_CHARS and len(text) >= widest + _BODY_WIDER_BY:
        return True
    return len(parts) > 1 and len(parts[-1]) < _LAST_LINE_SHORTER * widest


def _subject_after(lines: Sequence[_Line], start: int) -> tuple[str, float, int]:
    """Trích yếu lines under a type heading: until a rule, a capital line or the body."""
    parts: list[str] = []
    j = start
    page = lines[start - 1].page if start > 0 else 1
    while j < len(lines) and len(parts) < 6:
        line = lines[j]
        if not parts and line.column in (Column.LEFT, Column.RIGHT) and _is_rule(line.text):
            j += 1  # a speck beside the heading (a warped photo's rows), not the rule under it
            continue
        if line.page != page or _stops_subject(line.text, first=not parts):
            break
        if parts and line.centred is False:
            break  # the trích yếu is centred; a flush or justified line is the body
        if parts and _ends_centred_block(parts, line.text):
            break  # also with positions: an indented first body line can pass for centred
        parts.append(line.text.lstrip(_LEADING_SPECKS))
        j += 1
    if not parts:
        return "", 0.0, j
    confidence = 0.9 if len(parts) <= 4 else 0.6
    return " ".join(parts), confidence, j


# ----------------------------------------------------------------------------- the closing

_AUTHORITY_MARK: Final = re.compile(
    r"(?:^|\s)(?P<mark>TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T/U)\s?[.:]?\s+(?P<next>\S+)"
)


def _authority(text: str, *, anywhere: bool = False) -> re.Match[str] | None:
    """``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.`` (or ``T/M``…) followed by a word in capitals:
    ``KT. CHỦ TỊCH``, not ``Phòng KT và …`` in a recipient line."""
    for m in _AUTHORITY_MARK.finditer(text):
        if not anywhere and m.start("mark") > 0:
            return None
        if _is_caps(m.group("next")):
            return m
    return None


_NOTE: Final = re.compile(r"^[(\[].{0,30}[)\]]$")  # "(Đã ký)", "[chữ ký]", "(Ký tên, đóng dấu)"
_POSITION_WORDS: Final = frozenset(
    {
        "PHÓ",
        "CHỦ",
        "GIÁM",
        "TRƯỞNG",
        "CHÁNH",
        "BÍ",
        "BỘ",
        "THỨ",
        "CỤC",
        "CHI",
        "VIỆN",
        "HIỆU",
        "TỔNG",
        "THỦ",
        "KẾ",
        "ỦY",
        "UỶ",
        "VỤ",
        "GIÁO",
        "THƯ",
    }
)
_TITLES: Final = (
    "chánh văn phòng",
    "chánh thanh tra",
    "tổng giám đốc",
    "chi cục trưởng",
    "kế toán trưởng",
    "trưởng phòng",
    "trưởng ban",
    "trưởng đoàn",
    "chủ tịch",
    "giám đốc",
    "bí thư",
    "bộ trưởng",
    "thứ trưởng",
    "cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "hiệu trưởng",
    "thủ tướng",
    "chủ nhiệm",
    "chánh án",
    "thủ trưởng",
)
_TITLE_CASED: Final = {"chánh văn phòng": "Chánh Văn phòng"}


_MAX_STROKE_LETTERS: Final = 3


def position_case(printed: str) -> str:
    """A position printed in capitals, in normal case: ``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``."""
    known = restore(printed, "positions", one_edit=True)
    if known is not None:
        return known  # also restores marks OCR dropped from bold capitals: PHO GIAM ĐOC
    text = canonical_tones(" ".join(nfc(printed).split())).lower()
    for title in _TITLES:
        cased = _TITLE_CASED.get(title, title[:1].upper() + title[1:])
        text = re.sub(rf"(?<!\w){title}(?!\w)", cased, text)
    return text[:1].upper() + text[1:]


_VOWELS: Final = frozenset("aeiouy")  # compared after fold(): â, ơ, ư… are plain vowels there


def _plausible_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable (or an acronym): letters only, at most
    one tone mark, at most three vowels in a row. OCR junk such as ``ÀAẼ`` is not."""
    if not word.isalpha() or len(word) > 8:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in TONE_MARKS for ch in decomposed) > 1:
        return False
    base = fold(word)
    run = longest = 0
    for ch in base:
        run = run + 1 if ch in _VOWELS else 0
        longest = max(longest, run)
    return longest <= 3


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def _is_caps_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w.isalpha() and w.isupper() for w in words)


_POSITION_KEYS: Final = frozenset(fold(w) for w in _POSITION_WORDS)


def _is_position(text: str) -> bool:
    """A capital line opening with a position word (``PHÓ``, ``GIÁM``…), marks optional since
    bold capitals lose them under OCR (``PHO GIAM ĐOC``)."""
    words = text.split()
    return _is_caps(text) and bool(words) and fold(words[0]) in _POSITION_KEYS


# The register copy's entry: "Lưu: VT, VX.", "Lưu VT", "Lưu: Văn thư" — not "Lưu Văn Hùng"
# (Lưu is a family name) nor "Lưu trữ lịch sử tỉnh" (a recipient).
_STORAGE: Final = re.compile(r"^luu(?:\s*:|\s+(?:vt|vp|van thu|van phong)\b)")


def _is_storage_entry(text: str) -> bool:
    text = text.lstrip("-+• ")
    # "Lưu VF, VP": an abbreviation in capitals after Lưu, however OCR garbled it.
    abbreviation = re.match(r"^\w+\s+[A-ZĐ]{2,}\b", text) is not None
    return _STORAGE.match(fold(text)) is not None or (fold(text[:4]) == "luu " and abbreviation)


def _is_recipient(text: str) -> bool:
    """A ``Nơi nhận`` line: the heading, a ``- …`` entry, or the ``Lưu`` entry whose dash
    OCR lost (``~ Lưu: VT`` → junk dropped → ``Lưu: VT``)."""
    key = fold(text)
    return text[:1] in "-+•" or key.startswith("noi nhan") or _is_storage_entry(text)


_NAME_PUNCTUATION: Final = ".,:;'\"-_“”"


def _trailing_name(text: str) -> tuple[str, str] | None:
    """(prefix, name) when ``text`` ends with a full name after OCR junk or punctuation:
    ``n1... Phan Văn Hải``, ``tố l Võ Văn Trung``, ``.Đỗ Minh Thảo``. The prefix must be junk
    (no word of three letters or more) or end with the punctuation that closes a recipient."""
    words = text.split()
    for k in range(max(len(words) - 6, 0), len(words) - 1):
        # Junk may stick to the name's outer ends only: "Th." before it is an abbreviation.
        parts = list(words[k:])
        parts[0] = parts[0].lstrip(_NAME_PUNCTUATION)
        parts[-1] = parts[-1].rstrip(_NAME_PUNCTUATION)
        candidate = " ".join(parts)
        if not _is_name(candidate):
            continue
        prefix = words[:k]
        # The word just before must not be a syllable: "LỀ Thế Phong" is a misread surname,
        # not junk before "Thế Phong".
        before = prefix[-1] if prefix else ""
        syllable = before.isalpha() and not (len(before) == 1 and before.islower())
        junk = not syllable and all(sum(c.isalpha() for c in w) <= 2 for w in prefix)
        closes = bool(prefix) and (
            prefix[-1][-1:] in ";.:)," or not any(c.isalnum() for c in prefix[-1])
        )
        if junk or closes:
            return " ".join(prefix), candidate
    return None


def _split_closing(text: str, last_left_open: bool) -> tuple[str, str]:
    """(left, right) of a closing line in plain text, where ``Nơi nhận`` rows and signer rows
    may have been merged: ``- Như Điều 3; KT. CHỦ TỊCH``, ``- Lưu: VT, VX. Nguyễn Văn A``."""
    if not _is_recipient(text) and not last_left_open:
        return "", text
    if not _is_recipient(text) and (
        _authority(text) or _is_position(text) or _is_name(text) or _NOTE.match(text)
    ):
        return "", text
    m = _authority(text, anywhere=True)
    if m and m.start("mark") > 0:
        return text[: m.start("mark")].strip(), text[m.start("mark") :].strip()
    words = text.split()
    # A trailing position in capitals: "- TT HĐND tỉnh (b/c); PHÓ CHỦ TỊCH".
    for k in range(1, len(words)):
        tail = " ".join(words[k:])
        if _is_position(tail) and not _is_caps(" ".join(words[k - 1 : k])):
            return " ".join(words[:k]), tail
    # A trailing name after the punctuation that ends a recipient entry.
    named = _trailing_name(text)
    if named is not None and named[0]:
        return named
    return text, ""


@dataclass(slots=True)
class _Closing:
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    position: str = ""
    position_confidence: float = 0.0
    full_name: str = ""
    name_confidence: float = 0.0


def _read_closing(lines: list[_Line], start: int) -> _Closing:
    c = _Closing()
    tail = lines[start:]
    # The closing starts at "Nơi nhận" or the first authority line after the header.
    begin = None
    for i in range(len(tail) - 1, -1, -1):
        if fold(tail[i].text).startswith("noi nhan") or _authority(tail[i].text):
            begin = i
            if fold(tail[i].text).startswith("noi nhan"):
                break
    if begin is None:
        # "Nơi nhận" and the authority lost to the scan: a known position in capitals among
        # the last lines still opens the signer block.
        last = len(tail)
        begin = next(
            (i for i in range(last - 1, max(last - 12, -1), -1) if _is_position(tail[i].text)),
            None,
        )
        if begin is None:
            return c
    while begin > 0 and (
        _authority(tail[begin - 1].text)
        or _is_position(tail[begin - 1].text)
        or _is_name(tail[begin - 1].text)
    ):
        begin -= 1
    lefts: list[str] = []
    rights: list[str] = []
    left_open = False
    for line in tail[begin:]:
        if line.column is Column.LEFT:
            left, right = line.text, ""
        elif line.column in (Column.RIGHT, Column.FULL):
            left, right = "", line.text
        else:
            left, right = _split_closing(line.text, left_open)
        if left:
            lefts.append(left)
            left_open = not left.rstrip().endswith((";", "."))
        if right:
            rights.append(right)
    c.recipients = _recipients(lefts)
    _read_signer(c, rights)
    return c


def _recipients(lefts: Sequence[str]) -> list[str]:
    items: list[str] = []
    for text in lefts:
        stripped = text
        if fold(text).startswith("noi nhan"):
            stripped = text.split(":", 1)[1] if ":" in text else ""
            if not stripped.strip():
                continue
        stripped = stripped.strip()
        if stripped[:1] in "-+•":
            items.append(stripped[1:].strip())
        elif items:
            items[-1] = f"{items[-1]} {stripped}"
        else:
            items.append(stripped)
    cleaned = [i.rstrip(" ;.,") for i in items]
    return [i for i in cleaned if i and not _is_storage_entry(i)]


def _read_signer(c: _Closing, rights: Sequence[str]) -> None:
    # A seal or a signature leaves short junk between the position and the name: skip it.
    lines = [r for r in rights if sum(ch.isalpha() for ch in r) >= 2 and not _NOTE.match(r)]
    name_at = None
    for i in range(len(lines) - 1, -1, -1):
        if _is_name(lines[i]):
            name_at = i
            c.full_name, c.name_confidence = lines[i], 0.9
            break
        named = _trailing_name(lines[i])
        if named is not None:
            name_at = i
            c.full_name, c.name_confidence = named[1], 0.8
            break
    if name_at is None and lines and _is_caps_name(lines[-1]) and len(lines) >= 2:
        previous = lines[-2]
        if _is_position(previous) and not _is_position(lines[-1]):
            name_at = len(lines) - 1
            c.full_name = " ".join(_capitalize(w) for w in lines[-1].split())
            c.name_confidence = 0.6
    head = lines[:name_at] if name_at is not None else lines
    positions: list[str] = []
    for text in head:
        if _authority(text):
            c.authority.append(text)
            positions = []
            continue
        words = [w.strip(".,:;'\"_-") for w in text.split()]
        words = [w for w in words if any(ch.isalpha() for ch in w)]
        if words and all(_plausible_syllable(w) for w in words) and _is_caps(" ".join(words)):
            stroke = len(words) == 1 and len(words[0]) <= _MAX_STROKE_LETTERS
            if stroke and positions and restore(" ".join(positions), "positions", one_edit=True):
                continue  # "BS", "ĐÀ" under a whole position: the signature read as letters
            positions.append(" ".join(words))
    if positions:
        c.position = position_case(" ".join(positions))
        known = _is_position(positions[0])
        c.position_confidence = (0.9 if known else 0.7) * (1.0 if name_at is not None else 0.8)
    if c.full_name and not c.position:
        c.name_confidence *= 0.8


# ------------------------------------------------------------------------------ the entry

_LIMITS: Final = {
    tag: spec.max_length or 0 for tag, spec in fields_for(RecordKind.OUTGOING).items()
}
_LENGTH_CHECKED: Final = {
    "organ_name": "OrganName",
    "parent_organ": "OrganName",
    "subject": "Subject",
    "position": "Position",
    "full_name": "FullName",
}
_RECIPIENT_LENGTH: Final = 200


def extract_metadata(text: str, words: Sequence[WordBox] | None = None) -> ExtractedMetadata:
    """Metadata of one document from its OCR text (all pages, form feeds between pages
    allowed) and, when available, its words with positions, which take precedence."""
    lines = _lines_from_layout(layout_lines(words)) if words else _lines_from_text(text)
    if not lines:
        return ExtractedMetadata()
    header = _read_header(lines)
    closing = _read_closing(lines, header.end)
    notes: list[str] = []
    number = header.number
    heading = header.doc_type
    # No type group read: a công văn number, or a dotted legacy one ("13/TIr.TCCQ").
    unsure = number is None or number.kind is NumberKind.CONG_VAN or number.type_abbr is None
    if heading is not None and heading.abbr and header.number_line and unsure:
        repaired = _repair_type_group(header.number_line, heading.abbr)
        if repaired is not None:
            number = header.number = repaired
            header.number_confidence = repaired.confidence
            notes.append(
                f"Ký hiệu đọc được {header.number_line.split()[0]!r} được sửa thành "
                f"{repaired.text} theo tên loại in trên văn bản; cần kiểm tra lại."
            )

    type_field = EMPTY
    if header.doc_type is not None:
        confidence = 0.95
        if number is not None and number.type_name not in (None, header.doc_type.name):
            if number.kind is NumberKind.CONG_VAN and header.doc_type.abbr is not None:
                confidence = 0.85
                notes.append(
                    f"Ký hiệu {number.text} không có chữ viết tắt của {header.doc_type.name} "
                    f"({header.doc_type.abbr}) như tên loại in trên văn bản; cần kiểm tra lại."
                )
            elif number.kind is NumberKind.CONG_VAN:
                confidence = 0.85
            else:
                confidence = 0.7
                notes.append(
                    f"Tên loại in trên văn bản ({header.doc_type.name}) khác với ký hiệu "
                    f"{number.text} ({number.type_name}); cần kiểm tra lại."
                )
        type_field = _field(header.doc_type.name, confidence)
    elif header.has_vv or (number is not None and number.kind is NumberKind.CONG_VAN):
        agree = header.has_vv and (number is None or number.kind is NumberKind.CONG_VAN)
        type_field = _field(CONG_VAN.name, 0.95 if agree else 0.75)
    elif number is not None and number.type_name:
        family_ok = number.kind is not NumberKind.LEGACY
        type_field = _field(number.type_name, number.confidence * (0.8 if family_ok else 0.7))

    code_number = code_notation = EMPTY
    if number is not None:
        number_confidence = header.number_confidence
        if header.doc_type is not None and header.doc_type.abbr and number.type_abbr is None:
            # The heading names a type with an abbreviation the ký hiệu lacks: likely misread.
            number_confidence *= 0.5
        code_number = _field(number.number, number_confidence)
        code_notation = _field(number.notation, number_confidence)

    issued = place = EMPTY
    if header.date is not None:
        issued = _field(header.date.iso, header.date.confidence)
        if header.date.place:
            place = _field(header.date.place, header.date.confidence)

    organ = parent = EMPTY
    units = _agency_units(header.agency_lines)
    anchored = number is not None or header.has_national or header.doc_type or header.has_vv
    if units and anchored:  # capitals atop a page are an agency only on an official layout
        organ_name, parent_name = _organ_names(units)
        full_text = "\n".join(line.text for line in lines)
        organ_name = _vote_place_spelling(organ_name, full_text)
        parent_name = _vote_place_spelling(parent_name, full_text)
        confidence = 0.9 if header.number is not None else 0.7
        if _starts_with(organ_name.split(), _AGENCY_HEADS) is None:
            confidence *= 0.7  # not an agency name we recognize the shape of
        organ = _field(organ_name, confidence)
        parent = _field(parent_name, confidence * 0.9)

    subject = _field(header.subject, header.subject_confidence)
    recipients = tuple(r for r in closing.recipients if len(r) <= _RECIPIENT_LENGTH)
    if header.doc_type is not None and header.doc_type.family is TypeFamily.COPY:
        notes.append("Văn bản là bản sao: siêu dữ liệu của bản gốc cần nhập riêng.")
    found = {
        "organ_name": organ,
        "parent_organ": parent,
        "subject": subject,
        "position": _field(closing.position, closing.position_confidence),
        "full_name": _field(closing.full_name, closing.name_confidence),
    }
    for attribute, tag in _LENGTH_CHECKED.items():
        value = found[attribute].value
        if len(value) > _LIMITS[tag]:
            # Longer than Phụ lục VI allows: the reading ran past the field (into the body,
            # say), so the value is wrong, not merely long.
            found[attribute] = EMPTY
            notes.append(
                f"Bỏ giá trị đọc được cho {tag} vì dài {len(value)} ký tự, quá {_LIMITS[tag]} "
                "ký tự cho phép; cần nhập tay."
            )
    return ExtractedMetadata(
        type_name=type_field,
        code_number=code_number,
        code_notation=code_notation,
        issued_date=issued,
        place=place,
        signer_authority=_field(" ".join(closing.authority), 0.9 if closing.authority else 0),
        recipients=recipients,
        recipients_confidence=0.85 if recipients else 0.0,
        number=number,
        notes=tuple(notes),
        **found,
    )
