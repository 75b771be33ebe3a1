"""Fields of a hồ sơ that the archivist provides (DOMAIN.md §1, dossier table).

Maintenance (thời hạn bảo quản), Rights (chế độ sử dụng) and Creator (người lập hồ sơ) are
decided when the dossier is made up, not printed on its documents, so OCR never reads them:
they are set per dossier or for a whole batch and checked here before they are stored.

DOMAIN.md gives only their length (30 characters each). The accepted forms of Maintenance
come from archival practice: ``Vĩnh viễn`` or a number of years (``10 năm``) as the Luật Lưu
trữ 2011 and the retention tables since 2011 write them, and ``Lâu dài`` / ``Tạm thời`` that
dossiers made up under the 1975 tables still carry. Rights and Creator are free text
(single line, within the length).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from digitize.metadata.fields import (
    DOSSIER_FIELDS,
    FieldProblem,
    FieldSpec,
    ProblemCode,
)
from digitize.vntext import fold, nfc

__all__ = [
    "ARCHIVIST_TAGS",
    "MAX_RETENTION_YEARS",
    "check_dossier_fields",
    "normalize_maintenance",
]

#: Dossier tags the archivist sets (the others are derived from the documents).
ARCHIVIST_TAGS: Final[tuple[str, ...]] = ("Maintenance", "Rights", "Creator")
#: Longest fixed retention period accepted; retention tables stop at 70 years, anything
#: longer is "Vĩnh viễn".
MAX_RETENTION_YEARS: Final = 99

_SPECS: Final[dict[str, FieldSpec]] = {s.tag: s for s in DOSSIER_FIELDS}
# Folded spelling → canonical wording; folding accepts "vinh vien" typed without accents.
_NAMED_PERIODS: Final = {
    "vinh vien": "Vĩnh viễn",
    "lau dai": "Lâu dài",
    "tam thoi": "Tạm thời",
}
_YEARS: Final = re.compile(r"([0-9]{1,3})\s*(?:nam)?")
_ALLOWED: Final = (
    "Vĩnh viễn, một số năm từ 1 đến 99 (ví dụ 10 năm), hoặc Lâu dài / Tạm thời với hồ sơ "
    "lập theo quy định cũ"
)


def normalize_maintenance(value: str) -> str | None:
    """The canonical wording of a thời hạn bảo quản (``vinh vien`` → ``Vĩnh viễn``,
    ``10``/``10 nam`` → ``10 năm``), or ``None`` when it is not one."""
    folded = " ".join(fold(nfc(value)).split())
    if folded in _NAMED_PERIODS:
        return _NAMED_PERIODS[folded]
    match = _YEARS.fullmatch(folded)
    if match is None:
        return None
    years = int(match[1])
    if not 1 <= years <= MAX_RETENTION_YEARS:
        return None
    return f"{years} năm"


def _label(spec: FieldSpec) -> str:
    return f"{spec.tag} ({spec.label})"


def check_dossier_fields(
    changes: Mapping[str, object],
) -> tuple[dict[str, str], list[FieldProblem]]:
    """Values for :data:`ARCHIVIST_TAGS` in stored form, and every problem found at once.

    Text is NFC with spaces collapsed; an empty value means "clear the field" and is kept as
    ``""``. Unknown tags, non-text values, line breaks, over-long values and a Maintenance that
    is not a retention period are problems (Vietnamese messages).
    """
    out: dict[str, str] = {}
    problems: list[FieldProblem] = []
    for tag, raw in changes.items():
        spec = _SPECS.get(tag)
        if spec is None or tag not in ARCHIVIST_TAGS:
            problems.append(
                FieldProblem(
                    tag or "?",
                    ProblemCode.UNKNOWN_FIELD,
                    f"Không đặt được trường {tag!r} cho hồ sơ; các trường đặt được: "
                    + ", ".join(_label(_SPECS[t]) for t in ARCHIVIST_TAGS)
                    + ".",
                )
            )
            continue
        if raw is None:
            out[tag] = ""
            continue
        if not isinstance(raw, str):
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.WRONG_TYPE,
                    f"Trường {_label(spec)} phải là chuỗi ký tự, nhận được {type(raw).__name__}.",
                )
            )
            continue
        text = nfc(raw).strip()
        if "\n" in text or "\r" in text:
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.BAD_FORMAT,
                    f"Trường {_label(spec)} chỉ được viết trên một dòng.",
                )
            )
            continue
        text = " ".join(text.split())
        if text and tag == "Maintenance":
            period = normalize_maintenance(text)
            if period is None:
                problems.append(
                    FieldProblem(
                        tag,
                        ProblemCode.BAD_FORMAT,
                        f"Thời hạn bảo quản {text!r} không hợp lệ; hãy ghi {_ALLOWED}.",
                    )
                )
                continue
            text = period
        if spec.max_length is not None and len(text) > spec.max_length:
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.TOO_LONG,
                    f"Trường {_label(spec)} dài {len(text)} ký tự, vượt quá {spec.max_length} "
                    "ký tự cho phép (NĐ 30/2020, Phụ lục VI); hãy viết gọn lại.",
                )
            )
            continue
        if text and tag == "Creator" and not any(c.isalpha() for c in text):
            problems.append(
                FieldProblem(
                    tag,
                    ProblemCode.BAD_FORMAT,
                    f"Người lập hồ sơ {text!r} phải là họ tên hoặc chức danh (có chữ cái).",
                )
            )
            continue
        out[tag] = text
    return out, problems
