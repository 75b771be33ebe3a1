"""Agency and dossier identifiers (DOMAIN.md §3, field lengths from §1).

- Mã định danh cơ quan (QCVN 102:2016/BTTTT), e.g. ``000.00.00.H49``: OrganId, 13 characters.
- Mã hồ sơ = OrganId + FileCatalog (year) + FileNotation, dot-separated, e.g.
  ``000.06.16.G09.2010.01.TH``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from digitize.vntext import nfc

__all__ = [
    "MAX_FILE_NOTATION_LENGTH",
    "ORGAN_ID_PATTERN",
    "FileCode",
    "is_organ_id",
    "parse_file_code",
    "parse_organ_id",
]

#: QCVN 102:2016/BTTTT, as given in DOMAIN §3.
# ASCII: \d would otherwise accept other scripts' digits.
ORGAN_ID_PATTERN: Final = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$", re.ASCII)
#: FileNotation, Phụ lục VI (DOMAIN §1).
MAX_FILE_NOTATION_LENGTH: Final = 20
_MIN_YEAR: Final = 1945
# Dossier numbers are typists' text ("01.TH", "05-KH", "12/HS"), but never contain spaces.
_FILE_NOTATION: Final = re.compile(r"^[^\W_][\w./-]*$")


def _clean(text: str) -> str:
    return nfc(text).strip()


def is_organ_id(text: str) -> bool:
    """Whether ``text`` is exactly a mã định danh cơ quan (``000.00.00.H49``)."""
    return ORGAN_ID_PATTERN.fullmatch(text) is not None


def parse_organ_id(text: str) -> str | None:
    """The mã định danh cơ quan in ``text`` after NFC and trimming, or ``None``.

    Only surrounding space is forgiven; a lower-case letter or a missing dot is an error to
    report, not to repair, because the code is a key into the national directory.
    """
    cleaned = _clean(text)
    return cleaned if is_organ_id(cleaned) else None


@dataclass(frozen=True, slots=True)
class FileCode:
    """A mã hồ sơ split into its Phụ lục VI parts.

    Attributes:
        organ_id: OrganId, mã định danh of the agency that built the dossier.
        year: FileCatalog, the year the dossier was formed.
        notation: FileNotation, số và ký hiệu hồ sơ (``01.TH``), at most 20 characters.
    """

    organ_id: str
    year: int
    notation: str

    def __post_init__(self) -> None:
        if not is_organ_id(self.organ_id):
            raise ValueError(f"mã định danh cơ quan sai dạng: {self.organ_id!r}")
        if not _MIN_YEAR <= self.year <= dt.date.today().year + 1:
            raise ValueError(f"năm hình thành hồ sơ không hợp lệ: {self.year}")
        if not self.notation or len(self.notation) > MAX_FILE_NOTATION_LENGTH:
            raise ValueError(
                f"số và ký hiệu hồ sơ phải có 1–{MAX_FILE_NOTATION_LENGTH} ký tự: {self.notation!r}"
            )
        if not _FILE_NOTATION.fullmatch(self.notation):
            raise ValueError(f"số và ký hiệu hồ sơ sai dạng: {self.notation!r}")

    @property
    def text(self) -> str:
        """The dotted form, ``000.06.16.G09.2010.01.TH``."""
        return f"{self.organ_id}.{self.year:04d}.{self.notation}"

    def __str__(self) -> str:
        return self.text


def parse_file_code(text: str) -> FileCode | None:
    """Split a mã hồ sơ (DOMAIN §3) or return ``None`` when it is not one."""
    parts = _clean(text).split(".")
    if len(parts) < 6:
        return None
    organ_id = ".".join(parts[:4])
    year_text = parts[4]
    if not (len(year_text) == 4 and year_text.isascii() and year_text.isdigit()):
        return None
    try:
        return FileCode(organ_id, int(year_text), ".".join(parts[5:]))
    except ValueError:
        return None
