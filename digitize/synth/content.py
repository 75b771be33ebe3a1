"""Seeded, realistic content of Vietnamese administrative documents (no layout, no pixels).

Everything a page shows comes from here: the issuing agency of a province, the document type
and its abbreviation (DOMAIN.md §4, exact case), số and ký hiệu (§5), the date line (§6), the
trích yếu, body paragraphs, the ``Nơi nhận`` list and the signer block (§7). Text is NFC with
full diacritics. The same seed always yields the same content, on any machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DOCUMENT_TYPES",
    "DRAWN_KINDS",
    "Agency",
    "BodyBlock",
    "BodyStyle",
    "DocumentContent",
    "DocumentKind",
    "DocumentType",
    "Era",
    "Signer",
    "format_date_line",
    "format_long_date",
    "generate_content",
]


class Era(StrEnum):
    """When the document was written, which decides its conventions."""

    MODERN = "modern"  # 2012–2024, NĐ 30/2020 and Thông tư 01/2011 conventions
    LEGACY = "legacy"  # 1995–2004: "UB", "CV", dotted ký hiệu, old tone placement (Uỷ, hoá)


class DocumentKind(StrEnum):
    """The document types the generator writes."""

    QUYET_DINH = "quyet_dinh"
    CONG_VAN = "cong_van"
    KE_HOACH = "ke_hoach"
    BAO_CAO = "bao_cao"
    THONG_BAO = "thong_bao"
    TO_TRINH = "to_trinh"
    GIAY_MOI = "giay_moi"
    # Only when asked for: drawing them by default would change every seed's document.
    CHI_THI = "chi_thi"
    NGHI_QUYET = "nghi_quyet"


@dataclass(frozen=True, slots=True)
class DocumentType:
    """A type of administrative document.

    Attributes:
        kind: the generator's key.
        name: the type name as written in metadata (``TypeName``), e.g. ``"Quyết định"``.
        abbreviation: NĐ 30 Phụ lục III abbreviation in its exact case (``"QĐ"``, ``"TTr"``);
            ``None`` for công văn, which has none (DOMAIN.md §4).
    """

    kind: DocumentKind
    name: str
    abbreviation: str | None

    @property
    def title(self) -> str | None:
        """The type name printed in capitals at the centre of page 1; none for công văn."""
        return None if self.abbreviation is None else self.name.upper()


DOCUMENT_TYPES: dict[DocumentKind, DocumentType] = {
    t.kind: t
    for t in (
        DocumentType(DocumentKind.QUYET_DINH, "Quyết định", "QĐ"),
        DocumentType(DocumentKind.CONG_VAN, "Công văn", None),
        DocumentType(DocumentKind.KE_HOACH, "Kế hoạch", "KH"),
        DocumentType(DocumentKind.BAO_CAO, "Báo cáo", "BC"),
        DocumentType(DocumentKind.THONG_BAO, "Thông báo", "TB"),
        DocumentType(DocumentKind.TO_TRINH, "Tờ trình", "TTr"),
        DocumentType(DocumentKind.GIAY_MOI, "Giấy mời", "GM"),
        DocumentType(DocumentKind.CHI_THI, "Chỉ thị", "CT"),
        DocumentType(DocumentKind.NGHI_QUYET, "Nghị quyết", "NQ"),
    )
}

#: The kinds drawn when none is asked for (the first seven, in their original order).
DRAWN_KINDS: tuple[DocumentKind, ...] = tuple(DocumentKind)[:7]


@dataclass(frozen=True, slots=True)
class Agency:
    """An issuing agency (cơ quan ban hành) of a province.

    Attributes:
        name: full name for metadata (``OrganName``), e.g. ``"Sở Nội vụ tỉnh Quảng Bình"``.
        short: how the body text refers to it, e.g. ``"Sở Nội vụ"``.
        printed: the issuing agency as printed top left, in capitals and bold, one or more
            lines (``("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH")``).
        parent: the parent agency printed above it in regular capitals, or ``None``.
        code: the agency's group in ký hiệu (``"UBND"``, ``"SNV"``).
        units: unit codes used in công văn ký hiệu (``"VX"`` → ``UBND-VX``); may be empty.
        head: title of the head (``"Giám đốc"``, ``"Chủ tịch"``).
        deputy: title of a deputy (``"Phó Giám đốc"``).
        collective: the collective body a head signs for with ``TM.`` (``"Ủy ban nhân dân"``),
            or ``None`` for agencies run by their head.
        superior: name of the body a Tờ trình is addressed to.
        place: the place name of the date line (``"Quảng Bình"``, ``"Bố Trạch"``).
    """

    name: str
    short: str
    printed: tuple[str, ...]
    parent: str | None
    code: str
    units: tuple[str, ...]
    head: str
    deputy: str
    collective: str | None
    superior: str
    place: str


class BodyStyle(StrEnum):
    """How a body block is set on the page."""

    PARAGRAPH = "paragraph"  # justified, first line indented
    PREAMBLE = "preamble"  # italic paragraph (căn cứ ban hành of a Quyết định)
    HEADING = "heading"  # bold, flush with the paragraph indent
    CENTER = "center"  # bold, centred (``QUYẾT ĐỊNH:``)
    ADDRESS = "address"  # ``Kính gửi: …`` lines, indented
    TABLE = "table"  # ruled grid, first row bold; ``cells`` holds the rows


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """One paragraph-like block of the body.

    Attributes:
        text: the text, one logical paragraph (the renderer wraps it); for a table, its rows
            (cells joined by spaces) joined by newlines, as the ground truth reads them.
        style: how it is set.
        cells: for a table, its rows of cells (the first row is the header); else empty.
    """

    text: str
    style: BodyStyle = BodyStyle.PARAGRAPH
    cells: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("empty body block")
        if (self.style is BodyStyle.TABLE) != bool(self.cells):
            raise ValueError("a table, and only a table, has cells")
        if self.cells and len({len(row) for row in self.cells}) != 1:
            raise ValueError("every table row needs the same number of cells")

    @classmethod
    def table(cls, rows: tuple[tuple[str, ...], ...]) -> BodyBlock:
        """A table block from its rows."""
        return cls("\n".join(" ".join(row) for row in rows), BodyStyle.TABLE, rows)


@dataclass(frozen=True, slots=True)
class Signer:
    """The signature block (DOMAIN.md §7): authority lines, position and full name.

    Attributes:
        authority: lines above the position, in capitals: ``("TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH")``; empty when the head signs in their own name.
        position: the signer's position in capitals (``"PHÓ CHỦ TỊCH"``).
        full_name: the signer's full name (``"Nguyễn Văn Hùng"``).
    """

    authority: tuple[str, ...]
    position: str
    full_name: str

    @property
    def position_title(self) -> str:
        """The position in sentence case for metadata (``"Phó Chủ tịch"``)."""
        return _sentence_case(self.position)


@dataclass(frozen=True, slots=True)
class DocumentContent:
    """Everything printed on a document, plus the metadata it implies.

    Attributes:
        seed: the seed it was generated from.
        doc_type: type name and abbreviation.
        agency: the issuing agency.
        number: the document's number in its year's register (1-based).
        year_in_code: whether the year is part of số/ký hiệu (legal normative documents,
            ``25/2019/QĐ-UBND``, DOMAIN.md §5).
        code_notation: ký hiệu, e.g. ``"QĐ-UBND"`` or ``"UBND-VX"``.
        issued: issue date.
        subject: trích yếu; for a công văn without its printed ``V/v`` prefix.
        body: body blocks in reading order.
        recipients: ``Nơi nhận`` lines, each printed with a leading ``- ``; the last one is
            ``Lưu: VT, …``.
        signer: the signature block.
        national_name: the first line of the quốc hiệu; NĐ 30 writes ``CỘNG HÒA``, its
            official text and older documents also ``CỘNG HOÀ`` (DOMAIN.md §7).
        era: the conventions the document follows.
        date_zero_day: whether the date line writes days below 10 with a leading zero.
        date_zero_month: whether months get a leading zero: ``None`` follows the rule
            (months 1–2 only, DOMAIN.md §6); legacy documents break it either way.
    """

    seed: int
    doc_type: DocumentType
    agency: Agency
    number: int
    year_in_code: bool
    code_notation: str
    issued: dt.date
    subject: str
    body: tuple[BodyBlock, ...]
    recipients: tuple[str, ...]
    signer: Signer
    national_name: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    era: Era = Era.MODERN
    date_zero_day: bool = True
    date_zero_month: bool | None = None

    #: Second line of the quốc hiệu (tiêu ngữ).
    MOTTO = "Độc lập - Tự do - Hạnh phúc"

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("document numbers start at 1")
        for text in (self.subject, self.code_notation, *self.recipients):
            if unicodedata.normalize("NFC", text) != text:
                raise ValueError(f"text is not NFC: {text!r}")

    @property
    def code_number(self) -> str:
        """Số: the number, with a leading zero below 10 (DOMAIN.md §5)."""
        return f"{self.number:02d}"

    @property
    def code(self) -> str:
        """Số and ký hiệu as printed after ``Số:``: ``15/QĐ-BNV``, ``25/2019/QĐ-UBND``."""
        if self.year_in_code:
            return f"{self.code_number}/{self.issued.year}/{self.code_notation}"
        return f"{self.code_number}/{self.code_notation}"

    @property
    def number_line(self) -> str:
        """The printed number line: ``Số: 15/QĐ-BNV``."""
        return f"Số: {self.code}"

    @property
    def date_line(self) -> str:
        """The printed date line: ``Quảng Bình, ngày 03 tháng 5 năm 2015``."""
        return format_date_line(
            self.agency.place,
            self.issued,
            zero_day=self.date_zero_day,
            zero_month=self.date_zero_month,
        )

    @property
    def printed_subject(self) -> str:
        """The trích yếu as printed: with ``V/v`` for a công văn."""
        if self.doc_type.abbreviation is None:
            return f"V/v {self.subject}"
        return self.subject

    def metadata(self) -> dict[str, str | int | None]:
        """Ground-truth metadata keyed by NĐ 30 Phụ lục VI tags (DOMAIN.md §1)."""
        return {
            "TypeName": self.doc_type.name,
            "TypeAbbreviation": self.doc_type.abbreviation,
            "CodeNumber": self.code_number,
            "CodeNotation": self.code_notation,
            "Code": self.code,
            "IssuedDate": self.issued.isoformat(),
            "Place": self.agency.place,
            "OrganName": self.agency.name,
            "OrganNamePrinted": " ".join(self.agency.printed),
            "ParentOrganPrinted": self.agency.parent,
            "Subject": self.subject,
            "Position": self.signer.position_title,
            "FullName": self.signer.full_name,
            "SignerAuthority": " ".join(self.signer.authority) or None,
            "Language": "vi",
            "Era": str(self.era),
        }


def format_date_line(
    place: str, day: dt.date, *, zero_day: bool = True, zero_month: bool | None = None
) -> str:
    """``<Địa danh>, ngày DD tháng M năm YYYY`` per DOMAIN.md §6 (or a rule-breaking variant)."""
    return f"{place}, {format_long_date(day, zero_day=zero_day, zero_month=zero_month)}"


def format_long_date(day: dt.date, *, zero_day: bool = True, zero_month: bool | None = None) -> str:
    """``ngày 03 tháng 5 năm 2015``: leading zero for days below 10 and months 1–2 only.

    ``zero_day=False`` or a boolean ``zero_month`` write the variants real documents use
    (``ngày 3``, ``tháng 05``).
    """
    pad_month = day.month <= 2 if zero_month is None else zero_month
    month = f"{day.month:02d}" if pad_month else str(day.month)
    days = f"{day.day:02d}" if zero_day else str(day.day)
    return f"ngày {days} tháng {month} năm {day.year}"


def _sentence_case(text: str) -> str:
    """``PHÓ CHỦ TỊCH`` → ``Phó Chủ tịch``: only the title's first word keeps a capital…

    …except known proper terms, which administrative style capitalizes.
    """
    lowered = text.lower()
    for proper in ("chủ tịch", "giám đốc", "chánh văn phòng", "trưởng phòng"):
        lowered = lowered.replace(proper, proper.capitalize())
    return lowered[:1].upper() + lowered[1:]


# ---------------------------------------------------------------------------- word lists

_PROVINCES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Quảng Bình",
        (
            ("thành phố", "Đồng Hới"),
            ("thị xã", "Ba Đồn"),
            ("huyện", "Bố Trạch"),
            ("huyện", "Lệ Thủy"),
            ("huyện", "Quảng Ninh"),
            ("huyện", "Tuyên Hóa"),
        ),
    ),
    (
        "Hà Tĩnh",
        (
            ("thành phố", "Hà Tĩnh"),
            ("huyện", "Hương Khê"),
            ("huyện", "Cẩm Xuyên"),
            ("huyện", "Đức Thọ"),
        ),
    ),
    (
        "Nghệ An",
        (
            ("thành phố", "Vinh"),
            ("huyện", "Diễn Châu"),
            ("huyện", "Nghi Lộc"),
            ("huyện", "Thanh Chương"),
        ),
    ),
)

# (name, code, units) of provincial departments run by a Giám đốc
_DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Sở Nội vụ", "SNV", ("VP", "TCBC", "CCHC", "CCVTLT")),
    ("Sở Thông tin và Truyền thông", "STTTT", ("VP", "CNTT", "BCVT")),
    ("Sở Tài chính", "STC", ("VP", "QLNS", "TCHCSN")),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", ("VP", "ĐKKD", "TH")),
    ("Sở Tư pháp", "STP", ("VP", "XDKTVB", "HCTP")),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", ("VP", "GDTrH", "TCCB")),
)

_FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lương",
)
_MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Thế", "Công")
_GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Nam",
    "Phong",
    "Phương",
    "Quý",
    "Sơn",
    "Thảo",
    "Thủy",
    "Trung",
    "Tuấn",
    "Vinh",
    "Yến",
)

_TOPICS = (
    "số hóa tài liệu lưu trữ tại các cơ quan, tổ chức thuộc nguồn nộp lưu",
    "ứng dụng chữ ký số trong gửi, nhận văn bản điện tử",
    "sử dụng Hệ thống quản lý văn bản và điều hành",
    "cải cách hành chính và nâng cao chỉ số hài lòng của người dân",
    "chỉnh lý tài liệu tồn đọng",
    "cung cấp dịch vụ công trực tuyến toàn trình",
    "sử dụng thư điện tử công vụ",
    "bảo đảm an toàn thông tin mạng",
    "chuyển đổi số trong cơ quan nhà nước",
    "bồi dưỡng nghiệp vụ văn thư, lưu trữ cho công chức cấp xã",
    "thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử tỉnh",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "thực hiện chế độ báo cáo trên Hệ thống thông tin báo cáo",
    "kiểm tra công tác văn thư, lưu trữ",
    "xây dựng cơ sở dữ liệu hồ sơ cán bộ, công chức",
)

# Middle paragraphs' sentences; placeholders are filled per document.
_SENTENCES = (
    "Thực hiện {ref}, {organ} đã chỉ đạo các phòng, đơn vị trực thuộc triển khai nhiệm vụ "
    "{topic} theo đúng tiến độ đề ra.",
    "Các cơ quan, đơn vị rà soát, thống kê khối lượng hồ sơ, tài liệu hiện đang bảo quản, "
    "xác định tài liệu có giá trị bảo quản vĩnh viễn để ưu tiên số hóa trước.",
    "Việc số hóa phải bảo đảm bản số hóa có định dạng PDF, độ phân giải tối thiểu 200 dpi, "
    "tỷ lệ số hóa 100% và được ký số của cơ quan, tổ chức.",
    "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về "
    "kết quả thực hiện tại cơ quan, đơn vị mình.",
    "Trong năm {prev_year}, toàn tỉnh đã tiếp nhận {n1} hồ sơ, trong đó {n2} hồ sơ được giải "
    "quyết trước và đúng hạn.",
    "Công chức làm công tác văn thư có trách nhiệm đăng ký, quản lý văn bản đến, văn bản đi "
    "trên Hệ thống quản lý văn bản và điều hành.",
    "Văn bản điện tử được ký số bởi người có thẩm quyền và ký số của cơ quan, tổ chức theo quy "
    "định có giá trị pháp lý như bản gốc văn bản giấy.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và "
    "các nguồn hợp pháp khác.",
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị liên quan hướng dẫn, kiểm "
    "tra việc bảo đảm an toàn thông tin cho hệ thống.",
    "Định kỳ hằng quý, các cơ quan, đơn vị báo cáo kết quả thực hiện về {organ} trước ngày 15 "
    "của tháng cuối quý để tổng hợp.",
    "Bên cạnh những kết quả đạt được, việc triển khai vẫn còn một số hạn chế: hạ tầng kỹ "
    "thuật tại cấp xã chưa đồng bộ, đội ngũ công chức chuyên trách còn thiếu.",
    "Tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử đạt {pct}%, tăng "
    "{pct2}% so với cùng kỳ năm trước.",
    "Hồ sơ, tài liệu giao nộp phải được chỉnh lý hoàn chỉnh, có mục lục hồ sơ và cơ sở dữ "
    "liệu tra cứu kèm theo.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị phản "
    "ánh kịp thời về {organ} để được hướng dẫn.",
    "Ủy ban nhân dân các huyện, thị xã, thành phố chỉ đạo Ủy ban nhân dân cấp xã bố trí công "
    "chức kiêm nhiệm công tác văn thư, lưu trữ.",
    "Thời gian thực hiện từ ngày {d1} đến hết ngày {d2}.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm quản lý tài khoản thư điện tử công vụ "
    "được cấp cho cán bộ, công chức thuộc phạm vi quản lý.",
    "Cơ sở dữ liệu tài liệu lưu trữ được xây dựng theo các trường thông tin quy định tại Phụ "
    "lục VI Nghị định số 30/2020/NĐ-CP.",
    "Tổ chức kiểm tra việc thực hiện tại {n3} cơ quan, đơn vị; qua kiểm tra đã kịp thời chấn "
    "chỉnh những tồn tại, thiếu sót.",
    "Tài liệu sau khi số hóa được kiểm tra chất lượng, đối chiếu với bản gốc và lưu trữ an "
    "toàn trên hệ thống máy chủ của tỉnh.",
    "Các phòng chuyên môn theo chức năng, nhiệm vụ được giao chủ động phối hợp triển khai thực "
    "hiện có hiệu quả.",
    "Đối với những hồ sơ quá hạn, cơ quan giải quyết phải gửi văn bản xin lỗi tổ chức, cá nhân "
    "và hẹn lại thời gian trả kết quả.",
    "Hệ thống Một cửa điện tử của tỉnh đã kết nối với Cổng Dịch vụ công quốc gia, bảo đảm công "
    "khai, minh bạch tiến độ giải quyết hồ sơ.",
    "Đề nghị Sở Tài chính thẩm định, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí để triển "
    "khai các nhiệm vụ nêu trên.",
    "Mỗi cán bộ, công chức phải nâng cao ý thức trách nhiệm, không sử dụng thư điện tử cá nhân "
    "để trao đổi văn bản công vụ.",
    "Lưu trữ lịch sử tỉnh đã tiếp nhận {n4} mét giá tài liệu của các cơ quan, tổ chức thuộc "
    "nguồn nộp lưu.",
    "Việc khai thác, sử dụng tài liệu lưu trữ phải được người có thẩm quyền cho phép và ghi "
    "vào sổ theo dõi.",
    "Phòng Nội vụ các huyện phối hợp với Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện "
    "hướng dẫn nghiệp vụ cho cấp xã.",
    "Thực hiện nghiêm quy định về thời hạn bảo quản hồ sơ, tài liệu và tiêu hủy tài liệu hết "
    "giá trị theo đúng trình tự, thủ tục.",
    "Kết quả thực hiện là một trong những tiêu chí đánh giá, xếp loại thi đua của các cơ quan, "
    "đơn vị trong năm.",
    "Các cơ quan, đơn vị cập nhật đầy đủ, kịp thời thông tin lên Cổng thông tin điện tử của "
    "tỉnh theo quy định.",
    "Hồ sơ điện tử được lập, quản lý trên hệ thống và nộp lưu theo đúng thời hạn quy định.",
)

_LEGACY_DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Ban Tổ chức chính quyền", "TCCQ", ("VP", "CCVTLT")),
    ("Sở Tài chính - Vật giá", "TCVG", ("VP", "NS")),
    ("Sở Kế hoạch và Đầu tư", "KHĐT", ("VP", "TH")),
    ("Sở Tư pháp", "TP", ("VP",)),
    ("Sở Giáo dục và Đào tạo", "GDĐT", ("VP", "TCCB")),
    ("Sở Văn hoá - Thông tin", "VHTT", ("VP",)),
)

_LEGACY_TOPICS = (
    "chỉnh lý tài liệu tồn đọng",
    "tin học hoá quản lý hành chính nhà nước",
    "quản lý công văn, giấy tờ và công tác lưu trữ",
    "phòng, chống lụt bão và giảm nhẹ thiên tai",
    "cải cách thủ tục hành chính theo cơ chế một cửa",
    "thu nộp hồ sơ, tài liệu vào Trung tâm Lưu trữ tỉnh",
    "kiểm kê kho lưu trữ của các cơ quan",
)

_LEGACY_SENTENCES = (
    "Thực hiện {ref}, {organ} đã chỉ đạo các phòng, ban trực thuộc triển khai nhiệm vụ {topic}.",
    "Các cơ quan, đơn vị phải bố trí cán bộ chuyên trách làm công tác văn thư, lưu trữ và "
    "trang bị đủ giá, tủ đựng tài liệu.",
    "Việc quản lý công văn đi, công văn đến phải được vào sổ đầy đủ, chuyển giao kịp thời, "
    "đúng người, đúng địa chỉ.",
    "Trong năm {prev_year}, toàn tỉnh đã chỉnh lý được {n4} mét giá tài liệu tồn đọng, lập "
    "{n3} mục lục hồ sơ.",
    "Thủ trưởng các sở, ban, ngành và Chủ tịch Uỷ ban nhân dân các huyện, thị xã chịu trách "
    "nhiệm tổ chức thực hiện nghiêm túc.",
    "Kinh phí thực hiện được cân đối trong dự toán ngân sách hằng năm của các cơ quan, đơn vị.",
    "Mạng tin học diện rộng của tỉnh đã kết nối đến {n3} sở, ban, ngành, bước đầu phục vụ có "
    "hiệu quả công tác chỉ đạo, điều hành.",
    "Định kỳ 6 tháng và hằng năm, các cơ quan, đơn vị báo cáo kết quả thực hiện về {organ} để "
    "tổng hợp, báo cáo Uỷ ban nhân dân tỉnh.",
    "Tài liệu hết giá trị phải được thống kê, lập hội đồng xét huỷ theo đúng quy định.",
    "Đề nghị các cơ quan, đơn vị khẩn trương thực hiện, không để tài liệu bị hư hỏng, thất lạc.",
    "Công tác cải cách thủ tục hành chính theo cơ chế một cửa bước đầu đã đạt được những kết "
    "quả đáng khích lệ.",
    "Việc sử dụng máy vi tính trong soạn thảo văn bản đã được triển khai rộng rãi tại các cơ "
    "quan cấp tỉnh.",
    "Bên cạnh đó vẫn còn một số tồn tại: tài liệu tích đống, bó gói còn nhiều, kho tàng chật "
    "hẹp, thiếu trang thiết bị bảo quản.",
    "Thời gian thực hiện từ ngày {d1} đến hết ngày {d2}.",
    "Các phòng, ban chuyên môn theo chức năng, nhiệm vụ được giao phối hợp chặt chẽ trong quá "
    "trình tổ chức thực hiện.",
)

#: How many middle paragraphs are drawn from the document's stream, used or not, so that
#: the number a page needs never shifts the stream (and with it the other fields).
_STREAM_PARAGRAPHS = 40

#: Most middle paragraphs a body can have (about 20 pages); those beyond
#: ``_STREAM_PARAGRAPHS`` come from a second stream of the same seed.
MAX_PARAGRAPHS = 160


@dataclass(frozen=True, slots=True)
class _Draw:
    """Per-document values shared by the templates."""

    rng: random.Random
    agency: Agency
    year: int
    issued: dt.date
    topic: str
    ref: str
    era: Era = Era.MODERN

    def date(self, *, before: dt.date | None = None, after: dt.date | None = None) -> dt.date:
        if before is not None:
            return before - dt.timedelta(days=self.rng.randint(3, 60))
        start = after or self.issued
        return start + dt.timedelta(days=self.rng.randint(3, 90))

    def fill(self, template: str) -> str:
        rng = self.rng
        start = self.date(after=self.issued)
        values = {
            "organ": self.agency.short,
            "topic": self.topic,
            "ref": self.ref,
            "year": self.year,
            "prev_year": self.year - 1,
            "n1": f"{rng.randint(12, 98)}.{rng.randint(100, 999)}",
            "n2": f"{rng.randint(10, 11)}.{rng.randint(100, 999)}",
            "n3": rng.randint(12, 48),
            "n4": rng.randint(120, 860),
            "pct": rng.randint(62, 98),
            "pct2": rng.randint(3, 19),
            "d1": _short_date(start),
            "d2": _short_date(start + dt.timedelta(days=rng.randint(60, 200))),
        }
        return template.format(**values)


def _short_date(day: dt.date) -> str:
    """``15/3/2021``: the way bodies cite dates (DOMAIN.md §6)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def _legacy(agency: Agency) -> Agency:
    """The same agency as written before 2005: ``UB`` and the old tone placement ``Uỷ``."""

    def old(text: str) -> str:
        return text.replace("Ủy", "Uỷ").replace("ỦY", "UỶ")

    return dataclasses.replace(
        agency,
        name=old(agency.name),
        short=old(agency.short),
        printed=tuple(old(line) for line in agency.printed),
        code="UB" if agency.code == "UBND" else agency.code,
        collective=None if agency.collective is None else old(agency.collective),
        superior=old(agency.superior),
    )


def _agencies(rng: random.Random, era: Era = Era.MODERN) -> list[Agency]:
    province, districts = rng.choice(_PROVINCES)
    kind, district = rng.choice(districts)
    if era is Era.LEGACY:
        found = _modern_agencies(province, kind, district, _LEGACY_DEPARTMENTS)
        return [_legacy(a) for a in found if not a.short.startswith("Phòng ")]
    return _modern_agencies(province, kind, district, _DEPARTMENTS)


def _modern_agencies(
    province: str,
    kind: str,
    district: str,
    departments: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> list[Agency]:
    up_province = f"TỈNH {province.upper()}"
    ubnd_tinh = Agency(
        name=f"Ủy ban nhân dân tỉnh {province}",
        short="Ủy ban nhân dân tỉnh",
        printed=("ỦY BAN NHÂN DÂN", up_province),
        parent=None,
        code="UBND",
        units=("VX", "KT", "NC", "TH", "KSTT"),
        head="Chủ tịch",
        deputy="Phó Chủ tịch",
        collective="Ủy ban nhân dân",
        superior=f"Hội đồng nhân dân tỉnh {province}",
        place=province,
    )
    found = [ubnd_tinh]
    for name, code, units in departments:
        found.append(
            Agency(
                name=f"{name} tỉnh {province}",
                short=name,
                printed=(name.upper(),),
                parent=f"UBND {up_province}",
                code=code,
                units=units,
                head="Giám đốc",
                deputy="Phó Giám đốc",
                collective=None,
                superior=f"Ủy ban nhân dân tỉnh {province}",
                place=province,
            )
        )
    up_district = f"{kind.upper()} {district.upper()}"
    found.append(
        Agency(
            name=f"Ủy ban nhân dân {kind} {district}",
            short=f"Ủy ban nhân dân {kind}",
            printed=("ỦY BAN NHÂN DÂN", up_district),
            parent=None,
            code="UBND",
            units=("VP", "NV", "TCKH"),
            head="Chủ tịch",
            deputy="Phó Chủ tịch",
            collective="Ủy ban nhân dân",
            superior=f"Ủy ban nhân dân tỉnh {province}",
            place=district,
        )
    )
    found.append(
        Agency(
            name=f"Phòng Nội vụ {kind} {district}",
            short="Phòng Nội vụ",
            printed=("PHÒNG NỘI VỤ",),
            parent=f"UBND {up_district}",
            code="PNV",
            units=(),
            head="Trưởng phòng",
            deputy="Phó Trưởng phòng",
            collective=None,
            superior=f"Ủy ban nhân dân {kind} {district}",
            place=district,
        )
    )
    return found


def _issuer(drawn: Agency, province_ubnd: Agency, kind: DocumentKind) -> Agency:
    """Who may issue ``kind``: a Nghị quyết comes from the HĐND, a Chỉ thị from an UBND."""
    if kind is DocumentKind.NGHI_QUYET:
        province = province_ubnd.place
        return dataclasses.replace(
            province_ubnd,
            name=f"Hội đồng nhân dân tỉnh {province}",
            short="Hội đồng nhân dân tỉnh",
            printed=("HỘI ĐỒNG NHÂN DÂN", f"TỈNH {province.upper()}"),
            code="HĐND",
            units=(),
            collective="Hội đồng nhân dân",
            superior="Ủy ban Thường vụ Quốc hội",
        )
    if kind is DocumentKind.CHI_THI and drawn.collective is None:
        return province_ubnd
    return drawn


def _head_of(agency: Agency) -> str:
    """``Giám đốc Sở Nội vụ``, ``Trưởng phòng Nội vụ`` (not ``Trưởng phòng Phòng Nội vụ``)."""
    if agency.short.startswith("Phòng "):
        return f"Trưởng phòng {agency.short.removeprefix('Phòng ')}"
    return f"{agency.head} {agency.short}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _signer(rng: random.Random, agency: Agency) -> Signer:
    name = _person(rng)
    head = agency.head.upper()
    deputy_signs = rng.random() < 0.5
    if agency.collective is not None:
        authority = [f"TM. {agency.collective.upper()}"]
        if deputy_signs:
            return Signer((*authority, f"KT. {head}"), agency.deputy.upper(), name)
        return Signer(tuple(authority), head, name)
    if deputy_signs:
        return Signer((f"KT. {head}",), agency.deputy.upper(), name)
    return Signer((), head, name)


def _subject(d: _Draw, kind: DocumentKind) -> str:
    rng, topic, year = d.rng, d.topic, d.year
    match kind:
        case DocumentKind.QUYET_DINH:
            return rng.choice(
                (
                    f"Về việc phê duyệt Kế hoạch {topic} năm {year}",
                    f"Về việc thành lập Tổ công tác {topic}",
                    f"Ban hành Quy chế {topic}",
                )
            )
        case DocumentKind.CONG_VAN:
            verb = rng.choice(("tăng cường", "triển khai", "đôn đốc thực hiện"))
            return f"{verb} {topic}"
        case DocumentKind.KE_HOACH:
            return f"{rng.choice(('Triển khai', 'Thực hiện'))} {topic} năm {year}"
        case DocumentKind.BAO_CAO:
            period = rng.choice((f"năm {year - 1}", f"6 tháng đầu năm {year}", f"quý I năm {year}"))
            return f"Kết quả {topic} {period}"
        case DocumentKind.THONG_BAO:
            return f"Kết luận của {_head_of(d.agency)} tại cuộc họp về {topic}"
        case DocumentKind.TO_TRINH:
            return f"Về việc đề nghị phê duyệt Kế hoạch {topic} năm {year}"
        case DocumentKind.GIAY_MOI:
            return rng.choice((f"Dự Hội nghị triển khai {topic}", f"Dự lớp tập huấn {topic}"))
        case DocumentKind.CHI_THI:
            return f"Về việc tăng cường {topic}"
        case DocumentKind.NGHI_QUYET:
            return f"Thông qua Đề án {topic} giai đoạn {year} - {year + 5}"
    raise AssertionError(kind)  # pragma: no cover


def _middle(d: _Draw, count: int, seed: int) -> list[str]:
    """At least ``count`` paragraphs of 2–3 sentences; any ``count`` gives the same prefix."""
    paragraphs = _deal(d, _STREAM_PARAGRAPHS)
    if count > _STREAM_PARAGRAPHS:
        extra = dataclasses.replace(d, rng=random.Random(f"digitize.synth extra {seed}"))
        paragraphs += _deal(extra, count - _STREAM_PARAGRAPHS)
    return paragraphs


def _deal(d: _Draw, count: int) -> list[str]:
    """``count`` paragraphs of 2–3 sentences each, drawn from the sentence pool.

    Sentences are dealt from a shuffled deck so that none repeats until all were used.
    """
    paragraphs = []
    deck: list[str] = []
    for _ in range(count):
        picks = []
        for _ in range(d.rng.randint(2, 3)):
            if not deck:
                deck = list(_SENTENCES if d.era is Era.MODERN else _LEGACY_SENTENCES)
                d.rng.shuffle(deck)
            picks.append(deck.pop())
        paragraphs.append(" ".join(d.fill(s) for s in picks))
    return paragraphs


_TABLE_ROWS = (
    ("Hồ sơ thủ tục hành chính tiếp nhận", "hồ sơ"),
    ("Hồ sơ giải quyết trước và đúng hạn", "hồ sơ"),
    ("Tài liệu đã chỉnh lý", "mét giá"),
    ("Tài liệu đã số hóa", "trang"),
    ("Văn bản điện tử gửi đi", "văn bản"),
    ("Công chức được bồi dưỡng", "người"),
    ("Cơ quan được kiểm tra", "cơ quan"),
)
_LEGACY_TABLE_ROWS = (
    ("Công văn đến", "văn bản"),
    ("Công văn đi", "văn bản"),
    ("Tài liệu đã chỉnh lý", "mét giá"),
    ("Hồ sơ nộp lưu", "hồ sơ"),
    ("Cán bộ được tập huấn", "người"),
    ("Cơ quan được kiểm tra", "cơ quan"),
)


def _table(seed: int, era: Era) -> BodyBlock:
    """A small results table (STT, content, unit, figure) from its own stream of ``seed``."""
    rng = random.Random(f"digitize.synth table {seed}")
    pool = _TABLE_ROWS if era is Era.MODERN else _LEGACY_TABLE_ROWS
    picks = rng.sample(pool, rng.randint(3, 5))
    rows = [("STT", "Nội dung", "Đơn vị tính", "Kết quả")]
    for i, (what, unit) in enumerate(picks, 1):
        figure = rng.randint(12, 98_000)
        rows.append((str(i), what, unit, f"{figure:,}".replace(",", ".")))
    return BodyBlock.table(tuple(rows))


def _first_article(subject: str, topic: str, year: int) -> str:
    """Article 1 of a Quyết định: what the trích yếu announces."""
    if subject.startswith("Ban hành "):
        return f"Ban hành kèm theo Quyết định này {subject.removeprefix('Ban hành ')}."
    if "thành lập" in subject:
        return f"Thành lập Tổ công tác {topic}, gồm các thành viên có tên tại Phụ lục kèm theo."
    return f"Phê duyệt Kế hoạch {topic} năm {year} (có Kế hoạch chi tiết kèm theo)."


def _body(
    d: _Draw,
    kind: DocumentKind,
    subject: str,
    middle: list[str],
    table: BodyBlock | None = None,
) -> list[BodyBlock]:
    a, rng, year, topic = d.agency, d.rng, d.year, d.topic
    p, h = BodyStyle.PARAGRAPH, BodyStyle.HEADING
    blocks: list[BodyBlock] = []
    match kind:
        case DocumentKind.QUYET_DINH if d.era is Era.LEGACY:
            pre = BodyStyle.PREAMBLE
            blocks.append(
                BodyBlock(
                    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 21 tháng 6 "
                    "năm 1994;",
                    pre,
                )
            )
            if year >= 2001:
                law = "Căn cứ Pháp lệnh Lưu trữ quốc gia ngày 04 tháng 4 năm 2001;"
            else:
                law = (
                    "Căn cứ Nghị định số 142/CP ngày 28 tháng 9 năm 1963 của Hội đồng Chính "
                    "phủ ban hành Điều lệ về công tác công văn giấy tờ và công tác lưu trữ;"
                )
            blocks.append(BodyBlock(law, pre))
            tt = d.date(before=d.issued)
            blocks.append(
                BodyBlock(
                    "Xét đề nghị của Trưởng ban Tổ chức chính quyền tỉnh tại Tờ trình số "
                    f"{rng.randint(12, 420)}/TTr-TCCQ {format_long_date(tt)},",
                    pre,
                )
            )
            blocks.append(BodyBlock("QUYẾT ĐỊNH:", BodyStyle.CENTER))
            blocks.append(BodyBlock(f"Điều 1. {_first_article(subject, topic, year)}", p))
            blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(
                BodyBlock(
                    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Uỷ ban "
                    "nhân dân tỉnh, Thủ trưởng các sở, ban, ngành và các đơn vị có liên quan "
                    "chịu trách nhiệm thi hành Quyết định này./.",
                    p,
                )
            )
        case DocumentKind.QUYET_DINH:
            pre = BodyStyle.PREAMBLE
            if a.collective is not None:
                blocks.append(
                    BodyBlock(
                        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                        pre,
                    )
                )
            else:
                q = rng.randint(10, 60)
                blocks.append(
                    BodyBlock(
                        f"Căn cứ Quyết định số {q}/{year - 4}/QĐ-UBND "
                        f"{format_long_date(dt.date(year - 4, rng.randint(1, 12), 15))} "
                        f"của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và "
                        f"cơ cấu tổ chức của {a.short};",
                        pre,
                    )
                )
            if year >= 2020:
                blocks.append(
                    BodyBlock(
                        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính "
                        "phủ về công tác văn thư;",
                        pre,
                    )
                )
            else:
                blocks.append(
                    BodyBlock(
                        "Căn cứ Luật Lưu trữ ngày 11 tháng 11 năm 2011;",
                        pre,
                    )
                )
            proposer = "Giám đốc Sở Nội vụ" if a.collective is not None else "Chánh Văn phòng"
            tt = d.date(before=d.issued)
            blocks.append(
                BodyBlock(
                    f"Theo đề nghị của {proposer} tại Tờ trình số {rng.randint(12, 420)}/TTr-"
                    f"{'SNV' if a.collective is not None else a.code} {format_long_date(tt)}.",
                    pre,
                )
            )
            blocks.append(BodyBlock("QUYẾT ĐỊNH:", BodyStyle.CENTER))
            blocks.append(BodyBlock(f"Điều 1. {_first_article(subject, topic, year)}", p))
            blocks.append(BodyBlock(f"Điều 2. {middle[0]}", p))
            blocks.extend(BodyBlock(m, p) for m in middle[1:])
            who = (
                "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở"
                if a.collective is not None
                else "Chánh Văn phòng, Trưởng các phòng chuyên môn"
            )
            blocks.append(
                BodyBlock(
                    f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {who}, Thủ trưởng các "
                    "cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết "
                    "định này./.",
                    p,
                )
            )
        case DocumentKind.CONG_VAN:
            blocks.append(
                BodyBlock(
                    "Kính gửi: Các cơ quan, đơn vị trực thuộc."
                    if a.collective is None
                    else "Kính gửi: Các sở, ban, ngành cấp tỉnh.",
                    BodyStyle.ADDRESS,
                )
            )
            blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(
                BodyBlock(
                    f"{a.short} đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.", p
                )
            )
        case DocumentKind.KE_HOACH:
            blocks.append(
                BodyBlock(
                    f"Thực hiện {d.ref}, {a.short} ban hành Kế hoạch {topic} năm {year} như sau:",
                    p,
                )
            )
            blocks.append(BodyBlock("I. MỤC ĐÍCH, YÊU CẦU", h))
            blocks.append(BodyBlock(middle[0], p))
            blocks.append(BodyBlock("II. NỘI DUNG THỰC HIỆN", h))
            blocks.extend(BodyBlock(f"{i}. {m}", p) for i, m in enumerate(middle[1:], 1))
            blocks.append(BodyBlock("III. TỔ CHỨC THỰC HIỆN", h))
            blocks.append(
                BodyBlock(
                    f"Trên đây là Kế hoạch {topic} năm {year} của {a.short}; đề nghị các cơ "
                    "quan, đơn vị nghiêm túc triển khai thực hiện./.",
                    p,
                )
            )
        case DocumentKind.BAO_CAO:
            blocks.append(
                BodyBlock(
                    f"Thực hiện {d.ref}, {a.short} báo cáo kết quả thực hiện như sau:",
                    p,
                )
            )
            blocks.append(BodyBlock("I. KẾT QUẢ THỰC HIỆN", h))
            if table is not None:
                blocks.append(BodyBlock(middle[0], p))
                blocks.append(table)
                blocks.extend(BodyBlock(m, p) for m in middle[1:])
            else:
                blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(BodyBlock("II. ĐỀ XUẤT, KIẾN NGHỊ", h))
            blocks.append(
                BodyBlock(
                    f"Đề nghị {a.superior} quan tâm bố trí kinh phí, bổ sung biên chế để "
                    "bảo đảm thực hiện có hiệu quả các nhiệm vụ trong thời gian tới.",
                    p,
                )
            )
            blocks.append(BodyBlock(f"Trên đây là báo cáo của {a.short}./.", p))
        case DocumentKind.THONG_BAO:
            meeting = d.date(before=d.issued)
            blocks.append(
                BodyBlock(
                    f"Ngày {_short_date(meeting)}, {a.short} tổ chức cuộc họp về {topic}. Sau "
                    "khi nghe báo cáo và ý kiến của các đại biểu dự họp, "
                    f"{_head_of(a)} kết luận như sau:",
                    p,
                )
            )
            blocks.extend(BodyBlock(f"{i}. {m}", p) for i, m in enumerate(middle, 1))
            blocks.append(
                BodyBlock(
                    f"{a.short} thông báo để các cơ quan, đơn vị biết, thực hiện./.",
                    p,
                )
            )
        case DocumentKind.TO_TRINH:
            blocks.append(BodyBlock(f"Kính gửi: {a.superior}.", BodyStyle.ADDRESS))
            blocks.append(
                BodyBlock(
                    f"Căn cứ {d.ref}, {a.short} kính trình phê duyệt Kế hoạch {topic} "
                    f"năm {year}, cụ thể như sau:",
                    p,
                )
            )
            blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(BodyBlock(f"{a.short} kính trình {a.superior} xem xét, quyết định./.", p))
        case DocumentKind.GIAY_MOI:
            when = d.date(after=d.issued)
            hour = rng.choice(("07 giờ 30 phút", "08 giờ 00 phút", "14 giờ 00 phút"))
            blocks.append(
                BodyBlock(
                    f"{a.short} trân trọng kính mời đại biểu {subject[:1].lower()}{subject[1:]}.",
                    p,
                )
            )
            blocks.append(
                BodyBlock(
                    "1. Thành phần: Lãnh đạo và công chức phụ trách công tác văn thư, lưu trữ "
                    "của các cơ quan, đơn vị.",
                    p,
                )
            )
            blocks.append(BodyBlock(f"2. Thời gian: {hour}, {format_long_date(when)}.", p))
            blocks.append(BodyBlock(f"3. Địa điểm: Hội trường tầng 3, {a.short}.", p))
            blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(
                BodyBlock("Rất mong quý đại biểu tham dự đúng thời gian, thành phần./.", p)
            )
        case DocumentKind.CHI_THI:
            blocks.append(
                BodyBlock(
                    f"Thời gian qua, việc {topic} đã đạt được những kết quả bước đầu; tuy "
                    "nhiên, vẫn còn những hạn chế cần sớm khắc phục. Để khắc phục những hạn "
                    f"chế nêu trên, {_head_of(a)} chỉ thị:",
                    p,
                )
            )
            blocks.extend(BodyBlock(f"{i}. {m}", p) for i, m in enumerate(middle, 1))
            blocks.append(
                BodyBlock(
                    "Thủ trưởng các sở, ban, ngành cấp tỉnh, Chủ tịch Ủy ban nhân dân các "
                    "huyện, thị xã, thành phố nghiêm túc thực hiện Chỉ thị này./.",
                    p,
                )
            )
        case DocumentKind.NGHI_QUYET:
            terms = ((2021, "XVIII"), (2016, "XVII"), (2011, "XVI"), (2004, "XV"), (1999, "XIV"))
            term = next((t for start, t in terms if year >= start), "XIII")
            session = rng.randint(2, 20)
            blocks.append(BodyBlock(a.name.upper(), BodyStyle.CENTER))
            blocks.append(BodyBlock(f"KHÓA {term}, KỲ HỌP THỨ {session}", BodyStyle.CENTER))
            pre = BodyStyle.PREAMBLE
            if d.era is Era.LEGACY:
                laws = [
                    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 21 tháng 6 "
                    "năm 1994;"
                ]
                if year >= 1997:
                    laws.append(
                        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 12 tháng 11 năm 1996;"
                    )
            else:
                laws = [
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
                ]
            blocks.extend(BodyBlock(law, pre) for law in laws)
            tt = d.date(before=d.issued)
            blocks.append(
                BodyBlock(
                    f"Xét Tờ trình số {rng.randint(12, 420)}/TTr-UBND {format_long_date(tt)} "
                    "của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Pháp chế; ý kiến thảo "
                    "luận của đại biểu tại kỳ họp.",
                    pre,
                )
            )
            blocks.append(BodyBlock("QUYẾT NGHỊ:", BodyStyle.CENTER))
            blocks.append(
                BodyBlock(f"Điều 1. Thông qua Đề án {topic} giai đoạn {year} - {year + 5}.", p)
            )
            blocks.extend(BodyBlock(m, p) for m in middle)
            blocks.append(
                BodyBlock(
                    "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện; Thường trực, các Ban "
                    "và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.",
                    p,
                )
            )
            blocks.append(
                BodyBlock(
                    f"Nghị quyết này được {a.name} Khóa {term}, Kỳ họp thứ {session} thông "
                    f"qua {format_long_date(d.issued)}./.",
                    p,
                )
            )
    return blocks


def _recipients(
    rng: random.Random, agency: Agency, kind: DocumentKind, unit: str, era: Era = Era.MODERN
) -> list[str]:
    if kind is DocumentKind.NGHI_QUYET:
        lines = [
            "Ủy ban Thường vụ Quốc hội;",
            "Chính phủ;",
            "TT Tỉnh ủy, TT HĐND, UBND tỉnh;",
            "Lưu: VT.",
        ]
        return lines
    if kind is DocumentKind.QUYET_DINH:
        # the legacy decision has two articles, the modern one three
        first = "Như Điều 2;" if era is Era.LEGACY else "Như Điều 3;"
    elif kind in (DocumentKind.CONG_VAN, DocumentKind.TO_TRINH):
        first = "Như trên;"
    else:
        first = "Các cơ quan, đơn vị liên quan;"
    lines = [first]
    if agency.collective is not None:
        # the level the UBND sits at: its party committee and council get the copies
        level = agency.short.split(" nhân dân ", 1)[-1]
        committee = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(
            level, "Tỉnh ủy"
        )
        lines += [f"TT {committee}, TT HĐND {level} (b/c);", f"Chủ tịch, các PCT UBND {level};"]
    else:
        lines += [f"{agency.superior} (b/c);", f"{agency.head}, các {agency.deputy};"]
    if rng.random() < 0.5:
        lines.append("Cổng thông tin điện tử tỉnh;")
    store = f"VT, {unit}" if unit else "VT"
    if rng.random() < 0.4:
        store += ", " + rng.choice(("Hg", "Th", "Ng", "Tr"))
    lines.append(f"Lưu: {store}.")
    return lines


def generate_content(
    seed: int,
    *,
    kind: DocumentKind | str | None = None,
    paragraphs: int = 3,
    era: Era | str = Era.MODERN,
    tables: bool = False,
) -> DocumentContent:
    """The content of one document, entirely determined by ``seed`` and the arguments.

    Args:
        seed: any integer; equal seeds give equal documents.
        kind: the document type; drawn from the seed when ``None``.
        paragraphs: how many middle paragraphs the body has (1 to ``MAX_PARAGRAPHS``); the
            opening and closing blocks of the type come on top. Changing it changes nothing
            else in the document.
        era: ``"modern"`` (2012–2024) or ``"legacy"`` (1995–2004: ``QĐ-UB``/``QĐ.UB``,
            ``CV-…`` công văn numbers, date lines that break §6's rule, ``Uỷ``/``hoá``).
        tables: give a Báo cáo a ruled results table (rows read cell by cell, left to
            right, in the ground truth); other types are unaffected. Raw Tesseract read
            such pages at 4–8% CER (it often reads a table column by column).
    """
    if not 1 <= paragraphs <= MAX_PARAGRAPHS:
        raise ValueError(f"paragraphs must be within 1..{MAX_PARAGRAPHS}, got {paragraphs}")
    rng = random.Random(seed)
    chosen = DocumentKind(kind) if kind is not None else rng.choice(DRAWN_KINDS)
    if kind is not None:
        rng.random()  # keep the stream aligned with the kind=None case
    doc_type = DOCUMENT_TYPES[chosen]
    era = Era(era)
    table = _table(seed, era) if tables else None
    if era is Era.LEGACY:
        return _legacy_content(seed, rng, doc_type, paragraphs, table)
    agencies = _agencies(rng)
    agency = _issuer(rng.choice(agencies), agencies[0], chosen)
    year = rng.randint(2012, 2024)
    issued = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    doy = issued.timetuple().tm_yday
    number = rng.randint(max(1, doy // 3), doy * 3 + 5)
    year_in_code = (
        chosen is DocumentKind.QUYET_DINH and agency.collective is not None and rng.random() < 0.3
    ) or (chosen is DocumentKind.NGHI_QUYET and rng.random() < 0.7)
    if chosen is DocumentKind.NGHI_QUYET:
        number = number % 60 + 1  # a council passes tens of resolutions a year, not hundreds
    unit = rng.choice(agency.units) if agency.units else ""
    if doc_type.abbreviation is None:
        notation = f"{agency.code}-{unit}" if unit else agency.code
    else:
        notation = f"{doc_type.abbreviation}-{agency.code}"
    topic = rng.choice(_TOPICS)
    ref_date = issued - dt.timedelta(days=rng.randint(20, 200))
    ref = (
        f"Kế hoạch số {rng.randint(10, 250)}/KH-UBND {format_long_date(ref_date)} của Ủy ban "
        f"nhân dân tỉnh về {topic}"
    )
    draw = _Draw(rng, agency, year, issued, topic, ref)
    subject = _subject(draw, chosen)
    middle = _middle(draw, paragraphs, seed)
    signer = _signer(rng, agency)
    recipients = _recipients(rng, agency, chosen, unit)
    body = _body(draw, chosen, subject, middle[:paragraphs], table)
    national = "CỘNG HOÀ" if rng.random() < 0.2 else "CỘNG HÒA"
    return DocumentContent(
        seed=seed,
        doc_type=doc_type,
        agency=agency,
        number=number,
        year_in_code=year_in_code,
        code_notation=notation,
        issued=issued,
        subject=subject,
        body=tuple(body),
        recipients=tuple(recipients),
        signer=signer,
        national_name=f"{national} XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )


def _legacy_content(
    seed: int,
    rng: random.Random,
    doc_type: DocumentType,
    paragraphs: int,
    table: BodyBlock | None,
) -> DocumentContent:
    """Content of a document written 1995–2004 (see :class:`Era`)."""
    chosen = doc_type.kind
    agencies = _agencies(rng, Era.LEGACY)
    agency = _issuer(rng.choice(agencies), agencies[0], chosen)
    year = rng.randint(1995, 2004)
    issued = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    doy = issued.timetuple().tm_yday
    number = rng.randint(max(1, doy // 3), doy * 2 + 5)
    year_in_code = (
        chosen is DocumentKind.QUYET_DINH and agency.collective is not None and rng.random() < 0.4
    ) or (chosen is DocumentKind.NGHI_QUYET and rng.random() < 0.5)
    if chosen is DocumentKind.NGHI_QUYET:
        number = number % 40 + 1
    separator = "." if rng.random() < 0.35 else "-"
    unit = rng.choice(agency.units) if agency.units else ""
    if doc_type.abbreviation is None:
        # công văn of the time carried "CV" (DOMAIN.md §5: 116/CV-BĐH122)
        notation = f"CV{separator}{agency.code}" if rng.random() < 0.7 else f"{agency.code}-{unit}"
    else:
        notation = f"{doc_type.abbreviation}{separator}{agency.code}"
    topic = rng.choice(_LEGACY_TOPICS)
    ref_date = issued - dt.timedelta(days=rng.randint(20, 200))
    ref = (
        f"Chỉ thị số {rng.randint(2, 40)}/CT-UB {format_long_date(ref_date)} của Uỷ ban nhân "
        f"dân tỉnh về {topic}"
    )
    draw = _Draw(rng, agency, year, issued, topic, ref, Era.LEGACY)
    subject = _subject(draw, chosen)
    middle = _middle(draw, paragraphs, seed)
    signer = _signer(rng, agency)
    recipients = _recipients(rng, agency, chosen, unit, Era.LEGACY)
    body = _body(draw, chosen, subject, middle[:paragraphs], table)
    national = "CỘNG HOÀ" if rng.random() < 0.7 else "CỘNG HÒA"
    follows_rule = rng.random() < 0.4
    zero_day = follows_rule or rng.random() < 0.5
    zero_month = None if follows_rule else rng.random() < 0.5
    return DocumentContent(
        seed=seed,
        doc_type=doc_type,
        agency=agency,
        number=number,
        year_in_code=year_in_code,
        code_notation=notation,
        issued=issued,
        subject=subject,
        body=tuple(body),
        recipients=tuple(recipients),
        signer=signer,
        national_name=f"{national} XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        era=Era.LEGACY,
        date_zero_day=zero_day,
        date_zero_month=zero_month,
    )
