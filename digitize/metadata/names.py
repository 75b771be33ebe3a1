"""Dictionaries that let OCR'd capitals be restored to the names they spell.

Bold capitals lose tone marks under OCR (``SƠ KE HOẠCH VÀ ĐẤU TƯ`` for ``SỞ KẾ HOẠCH VÀ ĐẦU
TƯ``). When the accent-folded form of what was read equals the folded form of exactly one
known name, the known spelling is used: the letters agree, only marks differ, so this is a
restoration, not a guess (the same idea as DOMAIN.md §8's dictionary restoring ``ỵ``).

Sources: the departments of provincial and district People's Committees (Nghị định
24/2014/NĐ-CP, 107/2020/NĐ-CP, 37/2014/NĐ-CP), the 63 provinces and centrally run cities
before the 2025 reorganization, whose names archives keep holding, and the usual signers'
positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from digitize.vntext import fold

__all__ = ["AGENCY_FIELDS", "POSITIONS", "PROVINCES", "restore"]

#: Fields of activity that follow "Sở", "Phòng", "Bộ" in agency names, in their written case.
AGENCY_FIELDS: Final[tuple[str, ...]] = (
    "Nội vụ",
    "Tư pháp",
    "Kế hoạch và Đầu tư",
    "Tài chính",
    "Tài chính - Kế hoạch",
    "Công Thương",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Giao thông vận tải",
    "Xây dựng",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thông tin",
    "Văn hóa và Thể thao",
    "Du lịch",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Ngoại vụ",
    "Dân tộc",
    "Dân tộc và Tôn giáo",
    "Kinh tế",
    "Kinh tế và Hạ tầng",
    "Quản lý đô thị",
)

#: Provinces and centrally run cities (63, as before the 2025 reorganization).
PROVINCES: Final[tuple[str, ...]] = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hồ Chí Minh",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Lâm Đồng",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)


_TITLES: Final = (
    "Chủ tịch",
    "Giám đốc",
    "Tổng Giám đốc",
    "Trưởng phòng",
    "Trưởng ban",
    "Chánh Văn phòng",
    "Chánh Thanh tra",
    "Bí thư",
    "Bộ trưởng",
    "Cục trưởng",
    "Chi cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Hiệu trưởng",
    "Chủ nhiệm",
    "Chánh án",
    "Thủ trưởng",
)
#: Signers' positions (NĐ 30 Phụ lục I signature blocks), with their deputies, as written in
#: metadata. Thứ trưởng is itself a deputy title.
POSITIONS: Final[tuple[str, ...]] = (
    *_TITLES,
    *(f"Phó {title}" for title in _TITLES),
    "Thứ trưởng",
    "Thủ tướng",
    "Phó Thủ tướng",
    "Kế toán trưởng",
)


def _index(names: Iterable[str]) -> dict[str, str | None]:
    """Folded key → name; ``None`` where two names share a key (never pick between them)."""
    found: dict[str, str | None] = {}
    for name in names:
        key = " ".join(fold(name).split())
        found[key] = None if key in found and found[key] != name else name
    return found


_TABLES: Final = {
    "fields": _index(AGENCY_FIELDS),
    "provinces": _index(PROVINCES),
    "positions": _index(POSITIONS),
}


def _one_edit_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def restore(text: str, table: str, *, one_edit: bool = False) -> str | None:
    """The known name ``text`` spells once marks and case are ignored, or ``None``.

    ``table`` is ``"fields"``, ``"provinces"`` or ``"positions"``. With ``one_edit`` a reading
    one letter away from exactly one known name (``PHÓ GIÁM ĐC``) also restores it; used
    for short closed lists where two names are never one letter apart.
    """
    key = " ".join(fold(text).split())
    entries = _TABLES[table]
    if key in entries or not one_edit or len(key) < 6:
        return entries.get(key)  # None also when two names share the key (Thủ/Thứ trưởng)
    near = [k for k in entries if _one_edit_apart(key, k)]
    return entries[near[0]] if len(near) == 1 else None
