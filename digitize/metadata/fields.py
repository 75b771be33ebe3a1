"""The NĐ 30 Phụ lục VI metadata fields and a validator for records (DOMAIN.md §1).

Records are plain mappings from tag to value, the shape import files and the export take.
:func:`validate_record` reports every problem at once, each with a Vietnamese message an
archivist can act on (as bagit-python reports a bag). :func:`fit_lengths` cuts over-long text
to the Phụ lục VI lengths and says what it cut. On import the tag spelled ``Organld`` (lower-case
L, as in the official docx) is accepted for ``OrganId`` (:func:`normalize_tags`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from digitize.metadata.identifiers import is_organ_id, parse_file_code

__all__ = [
    "ARCHIVAL_FIELDS",
    "DOSSIER_FIELDS",
    "INCOMING_FIELDS",
    "OUTGOING_FIELDS",
    "RECIPIENT_FIELDS",
    "TAG_ALIASES",
    "FieldProblem",
    "FieldSpec",
    "FieldType",
    "ProblemCode",
    "RecordKind",
    "fields_for",
    "fit_lengths",
    "normalize_tags",
    "validate_record",
]

log = logging.getLogger(__name__)


class FieldType(StrEnum):
    """Phụ lục VI data types."""

    STRING = "String"
    NUMBER = "Number"
    DATE = "Date"
    LONG_TEXT = "LongText"
    LIST = "List"  # the "To" element: a list of recipients, each OrganId + OrganName


class RecordKind(StrEnum):
    """Which field table applies."""

    OUTGOING = "outgoing"  # văn bản đi
    INCOMING = "incoming"  # văn bản đến
    DOSSIER = "dossier"  # hồ sơ


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One metadata field.

    Attributes:
        tag: the XML tag / column key (``CodeNotation``).
        label: the Vietnamese label (``Ký hiệu của văn bản``), used for XLSX headers and
            messages.
        type: the Phụ lục VI type.
        max_length: maximum characters (digits for numbers); ``None`` when unlimited or not
            given.
        ref: the row of the Phụ lục VI table (``1.1``), or ``TT 02/2019`` for archival extras.
    """

    tag: str
    label: str
    type: FieldType
    max_length: int | None
    ref: str = ""

    def __post_init__(self) -> None:
        if not self.tag.isascii() or not self.tag.isalnum():
            raise ValueError(f"tag must be ASCII letters and digits: {self.tag!r}")
        if not self.label:
            raise ValueError(f"field {self.tag} needs a Vietnamese label")
        if self.max_length is not None and self.max_length <= 0:
            raise ValueError(f"max_length of {self.tag} must be positive")


_S, _N, _D, _L = FieldType.STRING, FieldType.NUMBER, FieldType.DATE, FieldType.LONG_TEXT

#: Elements of each ``To`` entry (row 13): mã and tên of the recipient.
RECIPIENT_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("OrganId", "Mã định danh nơi nhận", _S, 13, "13"),
    FieldSpec("OrganName", "Tên nơi nhận", _S, 200, "13"),
)

#: Văn bản đi (DOMAIN §1 table). FileCode's length is that of its dotted parts: 13+1+4+1+20.
OUTGOING_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("FileCode", "Mã hồ sơ", _S, 39, "1"),
    FieldSpec("OrganId", "Mã định danh cơ quan lập hồ sơ", _S, 13, "1.1"),
    FieldSpec("FileCatalog", "Năm hình thành hồ sơ", _N, 4, "1.2"),
    FieldSpec("FileNotation", "Số và ký hiệu hồ sơ", _S, 20, "1.3"),
    FieldSpec("DocOrdinal", "Số thứ tự văn bản trong hồ sơ", _N, 3, "2"),
    FieldSpec("TypeName", "Tên loại văn bản", _S, 100, "3"),
    FieldSpec("CodeNumber", "Số của văn bản", _S, 11, "4"),
    FieldSpec("CodeNotation", "Ký hiệu của văn bản", _S, 30, "5"),
    FieldSpec("IssuedDate", "Ngày, tháng, năm văn bản", _D, 10, "6"),
    FieldSpec("OrganName", "Tên cơ quan, tổ chức ban hành văn bản", _S, 200, "7"),
    FieldSpec("Subject", "Trích yếu nội dung", _S, 500, "8"),
    FieldSpec("Language", "Ngôn ngữ", _S, 30, "9"),
    FieldSpec("PageAmount", "Số trang của văn bản", _N, 3, "10"),
    FieldSpec("Description", "Ghi chú", _S, 500, "11"),
    FieldSpec("Position", "Chức vụ của người ký", _S, 100, "12"),
    FieldSpec("FullName", "Họ và tên người ký", _S, 50, "12"),
    FieldSpec("To", "Nơi nhận", FieldType.LIST, None, "13"),
    FieldSpec("Priority", "Mức độ khẩn, độ mật", _N, 1, "14"),
    FieldSpec("IssuedAmount", "Số lượng bản phát hành", _N, 3, "15"),
    FieldSpec("DueDate", "Hạn trả lời", _D, 10, "16"),
)

_INCOMING_EXTRA: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("ArrivalDate", "Ngày đến", _D, 10, "đến"),
    FieldSpec("ArrivalNumber", "Số đến", _S, 10, "đến"),
    FieldSpec("ToPlaces", "Đơn vị, cá nhân nhận", _S, 1000, "đến"),
    FieldSpec("TraceHeaderList", "Quá trình xử lý văn bản", _L, None, "đến"),
)
#: Văn bản đến: the outgoing fields plus arrival data (DueDate is already among them).
INCOMING_FIELDS: Final[tuple[FieldSpec, ...]] = (*OUTGOING_FIELDS, *_INCOMING_EXTRA)

#: Hồ sơ (DOMAIN §1).
DOSSIER_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("FileCode", "Mã hồ sơ", _S, 39, "hồ sơ"),
    FieldSpec("OrganId", "Mã định danh cơ quan lập hồ sơ", _S, 13, "hồ sơ"),
    FieldSpec("FileCatalog", "Năm hình thành hồ sơ", _N, 4, "hồ sơ"),
    FieldSpec("FileNotation", "Số và ký hiệu hồ sơ", _S, 20, "hồ sơ"),
    FieldSpec("Title", "Tiêu đề hồ sơ", _S, 500, "hồ sơ"),
    FieldSpec("Maintenance", "Thời hạn bảo quản", _S, 30, "hồ sơ"),
    FieldSpec("Rights", "Chế độ sử dụng", _S, 30, "hồ sơ"),
    FieldSpec("Creator", "Người lập hồ sơ", _S, 30, "hồ sơ"),
    FieldSpec("Language", "Ngôn ngữ", _S, 50, "hồ sơ"),
    FieldSpec("StartDate", "Thời gian bắt đầu", _D, 10, "hồ sơ"),
    FieldSpec("EndDate", "Thời gian kết thúc", _D, 10, "hồ sơ"),
    FieldSpec("DocTotal", "Tổng số văn bản trong hồ sơ", _N, 4, "hồ sơ"),
    FieldSpec("PageTotal", "Tổng số trang của hồ sơ", _N, 4, "hồ sơ"),
    FieldSpec("Description", "Ghi chú", _S, 500, "hồ sơ"),
)

_TT02 = "TT 02/2019/TT-BNV"
#: Archival extras (DOMAIN §1, as implemented by archive systems), allowed on any record.
ARCHIVAL_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("DocCode", "Mã định danh văn bản", _S, 25, _TT02),
    FieldSpec("Identifier", "Mã cơ quan lưu trữ", _S, 13, _TT02),
    FieldSpec("InforSign", "Ký hiệu thông tin", _S, 30, _TT02),
    FieldSpec("Keyword", "Từ khóa", _S, 100, _TT02),
    FieldSpec("Mode", "Chế độ sử dụng", _S, 20, _TT02),
    FieldSpec("ConfidenceLevel", "Mức độ tin cậy", _S, 30, _TT02),
    FieldSpec("Autograph", "Bút tích", _S, 2000, _TT02),
    FieldSpec("Format", "Tình trạng vật lý", _S, 50, _TT02),
)

#: Tags accepted on import for another tag: the official docx spells OrganId "Organld".
TAG_ALIASES: Final[Mapping[str, str]] = {"Organld": "OrganId"}


def fields_for(kind: RecordKind | str, *, archival: bool = True) -> dict[str, FieldSpec]:
    """The field table of a record kind, by tag, archival extras included unless disabled."""
    base = {
        RecordKind.OUTGOING: OUTGOING_FIELDS,
        RecordKind.INCOMING: INCOMING_FIELDS,
        RecordKind.DOSSIER: DOSSIER_FIELDS,
    }[RecordKind(kind)]
    table = {spec.tag: spec for spec in base}
    if archival:
        table.update({spec.tag: spec for spec in ARCHIVAL_FIELDS if spec.tag not in table})
    return table


_KIND_NAMES: Final = {
    RecordKind.OUTGOING: "văn bản đi",
    RecordKind.INCOMING: "văn bản đến",
    RecordKind.DOSSIER: "hồ sơ",
}


class ProblemCode(StrEnum):
    """Machine-readable kind of a validation problem."""

    UNKNOWN_FIELD = "unknown_field"
    MISSING = "missing"
    TOO_LONG = "too_long"
    WRONG_TYPE = "wrong_type"
    BAD_DATE = "bad_date"
    BAD_FORMAT = "bad_format"
    ALIAS_CONFLICT = "alias_conflict"
    INCONSISTENT = "inconsistent"
    TRUNCATED = "truncated"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with one field.

    Attributes:
        tag: the field's tag; for a recipient, ``To[2].OrganName``.
        code: what kind of problem.
        message: Vietnamese, says what is wrong and what is allowed.
    """

    tag: str
    code: ProblemCode
    message: str

    def __post_init__(self) -> None:
        if not self.tag or not self.message:
            raise ValueError("a problem needs a tag and a message")

    def __str__(self) -> str:
        return self.message


def normalize_tags(record: Mapping[str, object]) -> tuple[dict[str, object], list[FieldProblem]]:
    """The record with alias tags renamed (``Organld`` → ``OrganId``), also inside ``To``.

    When both spellings are present with different values the canonical one is kept and the
    conflict reported.
    """
    problems: list[FieldProblem] = []
    out = {tag: value for tag, value in record.items() if tag not in TAG_ALIASES}
    for alias, canonical in TAG_ALIASES.items():
        if alias not in record:
            continue
        value = record[alias]
        if canonical not in out:
            out[canonical] = value
        elif out[canonical] != value:
            problems.append(
                FieldProblem(
                    canonical,
                    ProblemCode.ALIAS_CONFLICT,
                    f"Trường {canonical} và {alias} có giá trị khác nhau "
                    f"({out[canonical]!r} và {value!r}); giữ giá trị của {canonical}.",
                )
            )
    recipients = out.get("To")
    if isinstance(recipients, Sequence) and not isinstance(recipients, str):
        fixed = []
        for entry in recipients:
            if isinstance(entry, Mapping):
                entry_out, entry_problems = normalize_tags(entry)
                problems += entry_problems
                fixed.append(entry_out)
            else:
                fixed.append(entry)
        out["To"] = fixed
    return out, problems


def _label(spec: FieldSpec) -> str:
    return f"{spec.tag} ({spec.label})"


def _check_value(name: str, spec: FieldSpec, value: object) -> list[FieldProblem]:
    """Problems of one value against its spec; ``name`` is how the message names the field."""
    problems: list[FieldProblem] = []
    if spec.type in (FieldType.STRING, FieldType.LONG_TEXT):
        if not isinstance(value, str):
            return [
                FieldProblem(
                    spec.tag,
                    ProblemCode.WRONG_TYPE,
                    f"Trường {name} phải là chuỗi ký tự, nhận được {type(value).__name__}.",
                )
            ]
        if spec.max_length is not None and len(value) > spec.max_length:
            problems.append(
                FieldProblem(
                    spec.tag,
                    ProblemCode.TOO_LONG,
                    f"Trường {name} dài {len(value)} ký tự, vượt quá {spec.max_length} ký tự "
                    "cho phép (NĐ 30/2020, Phụ lục VI).",
                )
            )
    elif spec.type is FieldType.NUMBER:
        digits = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not (isinstance(digits, str) and digits.isascii() and digits.isdigit()):
            return [
                FieldProblem(
                    spec.tag,
                    ProblemCode.WRONG_TYPE,
                    f"Trường {name} phải là số nguyên không âm, nhận được {value!r}.",
                )
            ]
        if spec.max_length is not None and len(digits.lstrip("0") or "0") > spec.max_length:
            problems.append(
                FieldProblem(
                    spec.tag,
                    ProblemCode.TOO_LONG,
                    f"Trường {name} có giá trị {value}, vượt quá {spec.max_length} chữ số "
                    "cho phép (NĐ 30/2020, Phụ lục VI).",
                )
            )
    elif spec.type is FieldType.DATE and not _is_date(value):
        problems.append(
            FieldProblem(
                spec.tag,
                ProblemCode.BAD_DATE,
                f"Trường {name} phải là ngày có thật, dạng YYYY-MM-DD (ví dụ 2015-05-03), "
                f"nhận được {value!r}.",
            )
        )
    return problems


def _is_date(value: object) -> bool:
    if isinstance(value, dt.datetime):
        return False  # a timestamp is not a Phụ lục VI date; say so rather than truncate
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_recipients(spec: FieldSpec, value: object) -> list[FieldProblem]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        return [
            FieldProblem(
                spec.tag,
                ProblemCode.WRONG_TYPE,
                f"Trường {_label(spec)} phải là danh sách nơi nhận, mỗi nơi có OrganId "
                "và/hoặc OrganName.",
            )
        ]
    problems: list[FieldProblem] = []
    table = {s.tag: s for s in RECIPIENT_FIELDS}
    for index, entry in enumerate(value, start=1):
        where = f"To[{index}]"
        if not isinstance(entry, Mapping):
            problems.append(
                FieldProblem(
                    where,
                    ProblemCode.WRONG_TYPE,
                    f"Nơi nhận thứ {index} phải có OrganId và/hoặc OrganName.",
                )
            )
            continue
        if not entry.get("OrganId") and not entry.get("OrganName"):
            problems.append(
                FieldProblem(
                    where, ProblemCode.MISSING, f"Nơi nhận thứ {index} không có mã và tên."
                )
            )
        for tag, item in entry.items():
            sub = table.get(tag)
            if sub is None:
                problems.append(
                    FieldProblem(
                        f"{where}.{tag}",
                        ProblemCode.UNKNOWN_FIELD,
                        f"Nơi nhận thứ {index} có trường lạ {tag!r}; chỉ dùng OrganId, OrganName.",
                    )
                )
                continue
            if item in (None, ""):
                continue
            name = f"{tag} ({sub.label}) của nơi nhận thứ {index}"
            for problem in _check_value(name, sub, item):
                problems.append(FieldProblem(f"{where}.{tag}", problem.code, problem.message))
            if tag == "OrganId" and isinstance(item, str) and not is_organ_id(item):
                problems.append(
                    FieldProblem(
                        f"{where}.{tag}",
                        ProblemCode.BAD_FORMAT,
                        f"Mã định danh {item!r} của nơi nhận thứ {index} sai dạng "
                        "(đúng: 000.00.00.H49, QCVN 102:2016/BTTTT).",
                    )
                )
    return problems


def validate_record(
    record: Mapping[str, object],
    kind: RecordKind | str = RecordKind.OUTGOING,
    *,
    required: Iterable[str] = (),
    archival: bool = True,
) -> list[FieldProblem]:
    """Every problem of ``record`` against the Phụ lục VI table of ``kind``; empty when valid.

    Checks unknown tags, missing required tags, types, lengths, real ISO dates, the mã định
    danh format, and that FileCode agrees with OrganId, FileCatalog and FileNotation. Empty
    values (``None``, ``""``) count as absent.
    """
    record, problems = normalize_tags(record)
    table = fields_for(kind, archival=archival)
    for tag in required:
        if record.get(tag) in (None, "", []):
            spec = table.get(tag)
            label = _label(spec) if spec else tag
            problems.append(
                FieldProblem(tag, ProblemCode.MISSING, f"Thiếu trường bắt buộc {label}.")
            )
    for tag, value in record.items():
        spec = table.get(tag)
        if spec is None:
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.UNKNOWN_FIELD,
                    f"Trường {tag!r} không có trong danh mục siêu dữ liệu "
                    f"{_KIND_NAMES[RecordKind(kind)]} của NĐ 30/2020, Phụ lục VI.",
                )
            )
            continue
        if value in (None, ""):
            continue
        if spec.type is FieldType.LIST:
            problems += _check_recipients(spec, value)
            continue
        problems += _check_value(_label(spec), spec, value)
        if tag == "OrganId" and isinstance(value, str) and not is_organ_id(value):
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.BAD_FORMAT,
                    f"Trường {_label(spec)} sai dạng: {value!r} (đúng: 000.00.00.H49, "
                    "QCVN 102:2016/BTTTT).",
                )
            )
    problems += _check_file_code(record)
    return problems


def _check_file_code(record: Mapping[str, object]) -> list[FieldProblem]:
    code = record.get("FileCode")
    if not isinstance(code, str) or not code:
        return []
    parsed = parse_file_code(code)
    if parsed is None:
        return [
            FieldProblem(
                "FileCode",
                ProblemCode.BAD_FORMAT,
                f"Mã hồ sơ {code!r} sai dạng (đúng: mã cơ quan.năm.số và ký hiệu hồ sơ, "
                "ví dụ 000.06.16.G09.2010.01.TH).",
            )
        ]
    parts = {
        "OrganId": parsed.organ_id,
        "FileCatalog": parsed.year,
        "FileNotation": parsed.notation,
    }
    problems = []
    for tag, expected in parts.items():
        given = record.get(tag)
        if given in (None, ""):
            continue
        if str(given) != str(expected):
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.INCONSISTENT,
                    f"Trường {tag} ({given!r}) không khớp với mã hồ sơ {code!r} ({expected!r}).",
                )
            )
    return problems


def fit_lengths(
    record: Mapping[str, object], kind: RecordKind | str = RecordKind.OUTGOING
) -> tuple[dict[str, object], list[FieldProblem]]:
    """A copy of ``record`` with text cut to the Phụ lục VI lengths, and a report of each cut.

    Only text fields are cut (at a word boundary when one is near); numbers, dates and codes
    that are too long are wrong rather than long, so :func:`validate_record` reports them.
    """
    record, _ = normalize_tags(record)
    table = fields_for(kind)
    out: dict[str, object] = {}
    report: list[FieldProblem] = []
    for tag, original in record.items():
        value = original
        spec = table.get(tag)
        limit = spec.max_length if spec else None
        if spec is not None and limit is not None and _cuttable(tag, spec, value):
            assert isinstance(value, str)
            if len(value) > limit:
                cut = _cut(value, limit)
                report.append(
                    FieldProblem(
                        tag,
                        ProblemCode.TRUNCATED,
                        f"Đã cắt trường {_label(spec)} từ {len(value)} xuống {len(cut)} ký tự "
                        f"(tối đa {limit}); phần bị cắt: {value[len(cut) :].strip()!r}.",
                    )
                )
                log.info("truncated %s from %d to %d characters", tag, len(value), len(cut))
                value = cut
        if tag == "To" and isinstance(value, list):
            value = [_fit_recipient(i, entry, report) for i, entry in enumerate(value, 1)]
        out[tag] = value
    return out, report


# Codes and identifiers are keys; cutting them would silently make a different key.
_NEVER_CUT: Final = frozenset({"FileCode", "OrganId", "FileNotation", "CodeNumber", "DocCode"})
_NEVER_CUT_ALSO: Final = frozenset({"CodeNotation", "Identifier", "ArrivalNumber"})


def _cuttable(tag: str, spec: FieldSpec, value: object) -> bool:
    return (
        isinstance(value, str)
        and spec.type in (FieldType.STRING, FieldType.LONG_TEXT)
        and tag not in _NEVER_CUT | _NEVER_CUT_ALSO
    )


def _cut(value: str, limit: int) -> str:
    """``value`` shortened to ``limit`` characters, at the last space if it is close."""
    head = value[:limit]
    space = head.rfind(" ")
    if space >= limit * 0.8 and len(value) > limit:
        head = head[:space]
    return head.rstrip()


def _fit_recipient(index: int, entry: object, report: list[FieldProblem]) -> object:
    if not isinstance(entry, Mapping):
        return entry
    fixed = dict(entry)
    name = fixed.get("OrganName")
    if isinstance(name, str) and len(name) > 200:
        cut = _cut(name, 200)
        report.append(
            FieldProblem(
                f"To[{index}].OrganName",
                ProblemCode.TRUNCATED,
                f"Đã cắt tên nơi nhận thứ {index} từ {len(name)} xuống {len(cut)} ký tự "
                "(tối đa 200).",
            )
        )
        fixed["OrganName"] = cut
    return fixed
