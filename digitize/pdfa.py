"""Structural PDF/A-2b checks (ISO 19005-2 = TCVN 14159) of the searchable PDFs, with pikepdf.

No full validator can be installed here (veraPDF is on neither PyPI, Debian nor npm, and
Ghostscript writes PDF/A but does not validate it), so this module checks the requirements
of ISO 19005-2 level B that can be decided from the file's structure, clause by clause as
veraPDF's PDF/A-2B profile numbers them: header and trailer (6.1.2, 6.1.3), qpdf's syntax
check, stream keys and filters (6.1.7), output intent and its ICC profile header (6.2.3),
device colour spaces against that intent (6.2.4.3), images and XObjects (6.2.8, 6.2.9),
transparency without an intent and blend modes (6.2.10), embedding of every font used to
paint visible text (6.2.11.4.1; invisible text, rendering mode 3, is exempt as in veraPDF),
annotations (6.3), actions (6.5), XMP metadata and the PDF/A identification (6.6.2.1, 6.6.4),
embedded files (6.8), and that the Info dictionary agrees with the XMP (required by
PDF/A-1, kept here because readers show either).

Not checked (see ``NOT_CHECKED``): the inside of font programs and ICC profiles beyond their
headers, glyph widths of visible text, colour spaces of annotation appearances, XMP
extension schemas, implementation limits and optional content.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf.models.metadata import decode_pdf_date

log = logging.getLogger(__name__)

NOT_CHECKED = (
    "font program internals and glyph widths of visible text (6.2.11.2, 6.2.11.5-8)",
    "ICC profile contents beyond the header (6.2.4.2)",
    "annotation appearance colour spaces, XMP extension schemas (6.6.2.3)",
    "implementation limits (6.1.13), optional content (6.9)",
)
"""Requirements of PDF/A-2b this checker does not decide; a real validator would."""

_FORBIDDEN_ACTIONS = {
    "/Launch",
    "/Sound",
    "/Movie",
    "/ResetForm",
    "/ImportData",
    "/Hide",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/JavaScript",
}
_FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie"}
_BLEND_MODES = {
    "/Normal",
    "/Compatible",
    "/Multiply",
    "/Screen",
    "/Overlay",
    "/Darken",
    "/Lighten",
    "/ColorDodge",
    "/ColorBurn",
    "/HardLight",
    "/SoftLight",
    "/Difference",
    "/Exclusion",
    "/Hue",
    "/Saturation",
    "/Color",
    "/Luminosity",
}
_ICC_SPACES = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}
# Info entry → XMP property holding the same value (ISO 19005-1 6.7.3).
_INFO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords",
    "/Creator": "xmp:CreatorTool",
    "/Producer": "pdf:Producer",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}
_SHOW_TEXT = {"Tj", "TJ", "'", '"'}
_DEVICE_OPERATORS = {"rg": "/DeviceRGB", "RG": "/DeviceRGB", "k": "/DeviceCMYK", "K": "/DeviceCMYK"}
_MAX_FORM_DEPTH = 8


@dataclass(frozen=True, slots=True)
class PdfaIssue:
    """One requirement a file does not meet.

    Attributes:
        clause: the ISO 19005-2 clause (as in veraPDF's PDF/A-2B profile).
        where: the object concerned, e.g. ``trang 2, phông /F1`` (empty: the whole file).
        message: Vietnamese explanation.
    """

    clause: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"[ISO 19005-2 §{self.clause}]{where} {self.message}"


@dataclass(frozen=True, slots=True)
class PdfaReport:
    """Outcome of ``check_pdfa``.

    Attributes:
        path: the file checked.
        claimed: the PDF/A identification found in its XMP, e.g. ``"2B"`` (empty: none).
        issues: every requirement not met.
    """

    path: Path
    claimed: str
    issues: tuple[PdfaIssue, ...]

    @property
    def ok(self) -> bool:
        """True when no checked requirement of PDF/A-2b is violated."""
        return not self.issues


def claims_pdfa(path: Path) -> bool:
    """Whether the PDF's XMP identifies it as PDF/A of any part (cheap: no content parsing)."""
    try:
        with pikepdf.open(path) as pdf:
            return bool(pdf.open_metadata().pdfa_status)
    except (pikepdf.PdfError, OSError, ValueError):
        return False


def check_pdfa(path: str | Path) -> PdfaReport:
    """Check ``path`` against the structural requirements of PDF/A-2b; report all at once."""
    path = Path(path)
    issues: list[PdfaIssue] = []

    def add(clause: str, where: str, message: str) -> None:
        issues.append(PdfaIssue(clause, where, message))

    raw = path.read_bytes()
    _check_header_and_tail(raw, add)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        add("6.1.3", "", "Tệp được mã hóa (cần mật khẩu); PDF/A không cho phép mã hóa.")
        return PdfaReport(path, "", tuple(issues))
    except pikepdf.PdfError as e:
        add("6.1", "", f"Không đọc được cấu trúc PDF: {e}")
        return PdfaReport(path, "", tuple(issues))
    with pdf:
        for problem in pdf.check_pdf_syntax():
            add("6.1", "", f"Lỗi cú pháp PDF (qpdf): {problem}")
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            add("6.1.3", "", "Tệp được mã hóa; PDF/A không cho phép mã hóa.")
        ident = pdf.trailer.get("/ID")
        if not isinstance(ident, pikepdf.Array) or len(ident) != 2:
            add("6.1.3", "trailer", "Thiếu mã định danh tệp (/ID) trong trailer.")
        claimed = _check_metadata(pdf, add)
        intent_space = _check_output_intent(pdf, add)
        _check_objects(pdf, intent_space, add)
        _check_catalog(pdf, add)
        for number, page in enumerate(pdf.pages, 1):
            _check_page(page, number, intent_space, add)
    for issue in issues:
        log.debug("%s: %s", path.name, issue)
    return PdfaReport(path, claimed, tuple(issues))


def _check_header_and_tail(raw: bytes, add: Any) -> None:
    header = re.match(rb"%PDF-1\.([0-7])\r?\n?", raw)
    if header is None:
        add("6.1.2", "", "Tệp không bắt đầu bằng %PDF-1.n (n từ 0 đến 7).")
    else:
        second = raw[header.end() : header.end() + 5].lstrip(b"\r\n")
        if not (second[:1] == b"%" and all(b >= 128 for b in second[1:5])):
            add(
                "6.1.2",
                "",
                "Dòng thứ hai của tệp phải là một dòng chú thích chứa 4 byte nhị phân (≥ 128).",
            )
    end = raw.rfind(b"%%EOF")
    if end < 0:
        add("6.1.3", "", "Thiếu dấu kết thúc %%EOF.")
    elif raw[end + 5 :].strip(b"\r\n"):
        add("6.1.3", "", "Có dữ liệu sau dấu kết thúc %%EOF cuối cùng.")


def _check_metadata(pdf: pikepdf.Pdf, add: Any) -> str:
    """Check the XMP stream, the PDF/A identification and Info ↔ XMP; return the claim."""
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        add("6.6.2.1", "Catalog", "Thiếu siêu dữ liệu XMP (/Metadata) trong Catalog.")
        return ""
    if stream.get("/Type") != pikepdf.Name.Metadata or stream.get("/Subtype") != pikepdf.Name.XML:
        add("6.6.2.1", "Metadata", "Luồng XMP phải có /Type /Metadata và /Subtype /XML.")
    packet = stream.read_bytes()[:200]
    if re.search(rb"<\?xpacket[^>]*\b(bytes|encoding)=", packet):
        add("6.6.2.1", "Metadata", "Đầu gói XMP không được có thuộc tính bytes hoặc encoding.")
    try:
        meta = pdf.open_metadata()
        part = str(meta.get("pdfaid:part", ""))
        conformance = str(meta.get("pdfaid:conformance", ""))
    except Exception as e:  # pikepdf raises several XML errors for a broken packet
        add("6.6.2.1", "Metadata", f"Không đọc được XMP: {e}")
        return ""
    if part != "2":
        add(
            "6.6.4",
            "Metadata",
            f"XMP phải khai báo pdfaid:part = 2 (PDF/A-2); giá trị hiện có: {part or 'không có'}.",
        )
    if conformance not in ("A", "B", "U"):
        add(
            "6.6.4",
            "Metadata",
            f"XMP phải khai báo pdfaid:conformance là A, B hoặc U; giá trị hiện có: "
            f"{conformance or 'không có'}.",
        )
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key, prop in _INFO_XMP.items():
            if key in info and not _same_value(key, info[key], meta.get(prop)):
                add(
                    "6.6.2.1",
                    f"Info {key}",
                    f"Giá trị {key} trong Info không khớp với {prop} trong XMP.",
                )
    return f"{part}{conformance}" if part else ""


def _same_value(key: str, info_value: Any, xmp_value: Any) -> bool:
    if xmp_value is None:
        return False
    if key in ("/CreationDate", "/ModDate"):
        try:
            return decode_pdf_date(str(info_value)) == datetime.fromisoformat(str(xmp_value))
        except ValueError:
            return False
    if isinstance(xmp_value, list | set | tuple):
        xmp_value = ", ".join(str(v) for v in xmp_value)
    return str(info_value) == str(xmp_value)


def _check_output_intent(pdf: pikepdf.Pdf, add: Any) -> int | None:
    """Check the PDF/A output intent; return its ICC profile's component count (or None)."""
    intents = pdf.Root.get("/OutputIntents")
    entries: list[Any] = list(intents) if isinstance(intents, pikepdf.Array) else []
    pdfa = [
        i
        for i in entries
        if isinstance(i, pikepdf.Dictionary) and i.get("/S") == pikepdf.Name.GTS_PDFA1
    ]
    if not pdfa:
        add("6.2.3", "Catalog", "Thiếu OutputIntent /GTS_PDFA1 kèm hồ sơ màu ICC.")
        return None
    profiles = {i.DestOutputProfile.objgen for i in entries if "/DestOutputProfile" in i}
    if len(profiles) > 1:
        add("6.2.3", "OutputIntents", "Các OutputIntent phải dùng chung một hồ sơ ICC.")
    for intent in entries:
        if "/DestOutputProfileRef" in intent:
            add("6.2.3", "OutputIntents", "OutputIntent không được chứa DestOutputProfileRef.")
    profile = pdfa[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        add("6.2.3", "OutputIntent", "OutputIntent /GTS_PDFA1 thiếu hồ sơ ICC nhúng.")
        return None
    icc = profile.read_bytes()
    components = _ICC_SPACES.get(icc[16:20])
    if len(icc) < 128 or icc[36:40] != b"acsp":
        add("6.2.3", "OutputIntent", "Hồ sơ ICC của OutputIntent không hợp lệ (thiếu chữ ký acsp).")
        return None
    if int.from_bytes(icc[:4], "big") != len(icc):
        add("6.2.3", "OutputIntent", "Kích thước ghi trong đầu hồ sơ ICC không khớp với dữ liệu.")
    if icc[12:16] not in (b"mntr", b"prtr"):
        add("6.2.3", "OutputIntent", "Hồ sơ ICC phải thuộc lớp thiết bị mntr hoặc prtr.")
    if icc[8] > 4:
        add("6.2.3", "OutputIntent", f"Hồ sơ ICC phiên bản {icc[8]} mới hơn mức PDF/A-2 cho phép.")
    if components is None or int(profile.get("/N", 0)) != components:
        add("6.2.3", "OutputIntent", "Giá trị /N không khớp với không gian màu của hồ sơ ICC.")
    return components


def _walk(value: Any, depth: int = 0) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Dictionaries nested directly in ``value`` (indirect ones are visited on their own)."""
    if depth > 32:
        return
    if isinstance(value, pikepdf.Stream | pikepdf.Dictionary):
        yield value
        items = value.stream_dict.items() if isinstance(value, pikepdf.Stream) else value.items()
        for _key, child in items:
            if _nested(child):
                yield from _walk(child, depth + 1)
    elif isinstance(value, pikepdf.Array):
        for child in value:
            if _nested(child):
                yield from _walk(child, depth + 1)


def _nested(value: Any) -> bool:
    """A dictionary or array stored inside its parent (not a reference to another object)."""
    return isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect


def _check_objects(pdf: pikepdf.Pdf, intent_space: int | None, add: Any) -> None:
    """Rules about single objects, wherever they are: streams, images, actions, blend modes."""
    for obj in pdf.objects:
        for d in _walk(obj):
            ref = f"đối tượng {obj.objgen[0]}"
            if isinstance(d, pikepdf.Stream):
                for key in ("/F", "/FFilter", "/FDecodeParms"):
                    if key in d.stream_dict:
                        add("6.1.7.1", ref, f"Luồng dữ liệu không được có khóa {key}.")
                filters = d.stream_dict.get("/Filter")
                names = filters if isinstance(filters, pikepdf.Array) else [filters]
                if pikepdf.Name.LZWDecode in names:
                    add("6.1.7.2", ref, "Không được dùng bộ lọc LZWDecode.")
                if pikepdf.Name.Crypt in names:
                    add("6.1.7.2", ref, "Không được dùng bộ lọc Crypt.")
                _check_xobject(d, ref, intent_space, add)
            if str(d.get("/S", "")) in _FORBIDDEN_ACTIONS:
                add("6.5.1", ref, f"Không được dùng hành động {d.get('/S')}.")
            blend = d.get("/BM")
            if blend is not None:
                modes = blend if isinstance(blend, pikepdf.Array) else [blend]
                if any(str(m) not in _BLEND_MODES for m in modes):
                    add("6.2.10", ref, f"Chế độ hòa trộn không chuẩn: {blend}.")


def _check_xobject(stream: pikepdf.Stream, ref: str, intent_space: int | None, add: Any) -> None:
    subtype = stream.stream_dict.get("/Subtype")
    if subtype == pikepdf.Name.PS or "/PS" in stream.stream_dict:
        add("6.2.9", ref, "Không được dùng XObject PostScript.")
    if subtype == pikepdf.Name.Form and stream.stream_dict.get("/Subtype2") == pikepdf.Name.PS:
        add("6.2.9", ref, "Không được dùng XObject PostScript.")
    if subtype != pikepdf.Name.Image:
        return
    if bool(stream.stream_dict.get("/Interpolate", False)):
        add("6.2.8", ref, "Ảnh không được đặt /Interpolate true.")
    for key in ("/Alternates", "/OPI"):
        if key in stream.stream_dict:
            add("6.2.8", ref, f"Ảnh không được có khóa {key}.")
    _check_device_space(stream.stream_dict.get("/ColorSpace"), ref, intent_space, add)


def _check_device_space(space: Any, ref: str, intent_space: int | None, add: Any) -> None:
    needs = {"/DeviceRGB": 3, "/DeviceCMYK": 4}.get(str(space)) if _is_name(space) else None
    if needs is not None and intent_space != needs:
        add(
            "6.2.4.3",
            ref,
            f"Dùng không gian màu {space} nhưng OutputIntent không có hồ sơ ICC tương ứng.",
        )


def _is_name(value: Any) -> bool:
    return isinstance(value, pikepdf.Name)


def _check_catalog(pdf: pikepdf.Pdf, add: Any) -> None:
    root = pdf.Root
    if "/AA" in root:
        add("6.5.2", "Catalog", "Catalog không được có hành động tự động (/AA).")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            add("6.5.1", "Catalog /Names", "Không được nhúng JavaScript.")
        if "/EmbeddedFiles" in names:
            add(
                "6.8",
                "Catalog /Names",
                "Có tệp đính kèm; PDF/A-2 chỉ cho đính kèm tệp PDF/A, hãy kiểm tra hoặc gỡ bỏ.",
            )


def _check_page(page: pikepdf.Page, number: int, intent_space: int | None, add: Any) -> None:
    where = f"trang {number}"
    obj = page.obj
    if "/AA" in obj:
        add("6.5.2", where, "Trang không được có hành động tự động (/AA).")
    group = obj.get("/Group")
    if (
        intent_space is None
        and isinstance(group, pikepdf.Dictionary)
        and group.get("/S") == pikepdf.Name.Transparency
        and "/CS" not in group
    ):
        add("6.2.10", where, "Nhóm trong suốt của trang thiếu /CS khi tệp không có OutputIntent.")
    for annot in obj.get("/Annots", pikepdf.Array()):
        subtype = annot.get("/Subtype")
        if str(subtype) in _FORBIDDEN_ANNOTATIONS:
            add("6.3.1", where, f"Không được dùng chú thích loại {subtype}.")
        elif subtype != pikepdf.Name.Popup:
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                add("6.3.2", where, "Chú thích phải được đặt cờ in (Print) và không bị ẩn.")
    visible: dict[str, Any] = {}
    spaces: set[str] = set()
    _scan_content(
        page.obj, page.resources, visible, spaces, state=(None, 0), depth=0, add=add, where=where
    )
    for space in sorted(spaces):
        _check_device_space(pikepdf.Name(space), f"{where}, nội dung", intent_space, add)
    for name, font in visible.items():
        if not _font_embedded(font):
            base = font.get("/BaseFont", name)
            add(
                "6.2.11.4.1",
                f"{where}, phông {base}",
                "Phông chữ dùng để hiển thị chưa được nhúng.",
            )


def _scan_content(
    content: Any,
    resources: Any,
    visible: dict[str, Any],
    spaces: set[str],
    *,
    state: tuple[str | None, int],
    depth: int,
    add: Any,
    where: str,
) -> None:
    """Collect fonts painting visible text (rendering mode ≠ 3) and device colour spaces set
    by operators, in ``content`` and the forms it draws."""
    is_dict = isinstance(resources, pikepdf.Dictionary)
    fonts: Any = resources.get("/Font", {}) if is_dict else {}
    xobjects: Any = resources.get("/XObject", {}) if is_dict else {}
    try:
        instructions = pikepdf.parse_content_stream(content)
    except pikepdf.PdfError as e:
        add("6.2.2", where, f"Không phân tích được luồng nội dung: {e}")
        return
    font, mode = state
    stack: list[tuple[str | None, int]] = []
    for item in instructions:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        operands, op = item.operands, str(item.operator)
        if op == "q":
            stack.append((font, mode))
        elif op == "Q" and stack:
            font, mode = stack.pop()
        elif op == "Tf" and operands:
            font = str(operands[0])
        elif op == "Tr" and operands:
            mode = int(operands[0])
        elif op in _SHOW_TEXT and mode != 3 and font is not None and font in fonts:
            visible.setdefault(font, fonts[font])
        elif op in _DEVICE_OPERATORS:
            spaces.add(_DEVICE_OPERATORS[op])
        elif op == "Do" and operands and depth < _MAX_FORM_DEPTH:
            form = xobjects.get(str(operands[0]))
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == pikepdf.Name.Form:
                _scan_content(
                    form,
                    form.get("/Resources", resources),
                    visible,
                    spaces,
                    state=(font, mode),
                    depth=depth + 1,
                    add=add,
                    where=where,
                )


def _font_embedded(font: Any) -> bool:
    subtype = font.get("/Subtype")
    if subtype == pikepdf.Name.Type3:
        return True
    if subtype == pikepdf.Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )
