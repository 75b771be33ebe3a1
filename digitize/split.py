"""Split a source file into page images, one page at a time.

A PDF page that is a single scanned image yields that image itself (lossless, at its native
dpi, via pikepdf); other PDF pages are rendered with pypdfium2 (measured ~6× faster than
pdf2image/poppler); TIFFs yield their frames; other images themselves. A page that already
carries a text layer is reported as such so the caller can keep its text instead of OCR.
Nothing here ever holds more than one page image in memory.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from digitize.exceptions import InputFileError
from digitize.models import PageMethod, SourceKind

log = logging.getLogger(__name__)

MIN_SIDE = 32  # pixels; anything smaller cannot hold a line of text
MIN_TEXT_CHARS = 20  # non-space characters that make a PDF page's text layer worth keeping
_FIT_TOLERANCE = 0.03  # relative aspect-ratio mismatch still counted as "image fills page"


@dataclass(frozen=True, slots=True)
class LoadedPage:
    """One page, in memory in the worker that loaded it.

    Attributes:
        image: the page image (modes ``1``, ``L`` or ``RGB``); None for kept text layers.
        dpi: its resolution.
        method: how it was obtained.
        text: the existing text layer when ``method`` is ``TEXT_LAYER``.
        jpeg: the original JPEG bytes when the page is an untouched JPEG (embedded as is in
            the searchable PDF so no generation is lost).
        png: the original PNG bytes of an untouched PNG (its compressed data goes into the
            PDF as is: lossless, and no time spent compressing again).
        width_pt, height_pt: page size in PDF points when the source is a PDF.
    """

    image: Image.Image | None
    dpi: int
    method: PageMethod
    text: str = ""
    jpeg: bytes | None = None
    png: bytes | None = None
    width_pt: float = 0.0
    height_pt: float = 0.0


@contextmanager
def pillow_limits(max_pixels: int) -> Iterator[None]:
    """Refuse images above ``max_pixels`` instead of Pillow's warn-then-error default.

    Pillow warns above ``MAX_IMAGE_PIXELS`` and raises only at twice that; a warning cannot
    reach the catalog, so we turn it into the error at the limit we chose.
    """
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            # Pillow's complaints about odd metadata (corrupt EXIF...) are not failures.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _bomb(str(e)) from e
    finally:
        Image.MAX_IMAGE_PIXELS = old


def _bomb(detail: str) -> InputFileError:
    """Pillow's message (pixels first) restated for an archivist, with our limit."""
    found = re.findall(r"\d+", detail)
    pixels = f"{int(found[0]):,}".replace(",", ".") if found else "?"
    limit = f"{Image.MAX_IMAGE_PIXELS or 0:,}".replace(",", ".")
    size = f"{pixels} điểm ảnh, vượt giới hạn {limit}"
    return InputFileError(
        "",
        f"ảnh quá lớn ({size}), nghi là 'bom giải nén'; hãy kiểm tra tệp gốc, hoặc tăng "
        "--max-image-pixels nếu đây thật là bản quét khổ lớn.",
    )


def _normalize(image: Image.Image) -> Image.Image:
    """Bring any Pillow mode to ``1``, ``L`` or ``RGB`` (what OCR and PDF embedding take)."""
    if image.mode in ("1", "L", "RGB"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode.startswith("I"):
        # 16/32-bit greyscale scans: scale to 8 bits by the actual range.
        extrema = image.getextrema()
        lo, hi = (float(v) for v in extrema[:2])  # type: ignore[arg-type]
        scale = 255.0 / max(1.0, hi - lo)
        return image.point(lambda v: (v - lo) * scale).convert("L")
    return image.convert("RGB")


def _check_size(image: Image.Image) -> None:
    w, h = image.size
    if w < MIN_SIDE or h < MIN_SIDE:
        raise InputFileError(
            "",
            f"ảnh quá nhỏ ({w}×{h} điểm ảnh), không thể chứa chữ; hãy quét lại trang này "
            "(tối thiểu 200 dpi theo Nghị định 30/2020/NĐ-CP).",
        )


def _image_dpi(image: Image.Image, default: int) -> int:
    raw = image.info.get("dpi") or image.info.get("resolution")
    try:
        dpi = round(float(raw[0])) if raw else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    # 1 and 72 are what software writes when it does not know; a scan is never that coarse.
    return dpi if 75 <= dpi <= 4800 else default


def count_pages(path: Path, kind: SourceKind, max_pixels: int) -> int:
    """Number of pages of a source file; raises InputFileError (Vietnamese) if unreadable."""
    if kind is SourceKind.PDF:
        return _count_pdf_pages(path)
    try:
        with pillow_limits(max_pixels), Image.open(path) as im:
            n = int(getattr(im, "n_frames", 1))
    except InputFileError:
        raise
    except Exception as e:
        raise InputFileError(path, _unreadable_image(kind, e)) from e
    return max(1, n)


def _unreadable_image(kind: SourceKind, e: BaseException) -> str:
    what = "TIFF" if kind is SourceKind.TIFF else f"ảnh {kind.value.upper()}"
    return (
        f"không đọc được tệp {what} (hỏng, bị cắt cụt hoặc định dạng không hỗ trợ: "
        f"{type(e).__name__}); hãy mở thử bằng phần mềm xem ảnh và quét lại nếu cần."
    )


def _count_pdf_pages(path: Path) -> int:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            n = len(pdf.pages)
    except pikepdf.PasswordError as e:
        raise InputFileError(
            path,
            "PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu (ví dụ: qpdf --decrypt "
            "--password=MẬT_KHẨU vào.pdf ra.pdf) rồi chạy lại.",
        ) from e
    except Exception as e:
        raise InputFileError(
            path,
            f"PDF hỏng hoặc bị cắt cụt, không mở được ({type(e).__name__}); hãy lấy lại tệp "
            "gốc hoặc quét lại.",
        ) from e
    if n == 0:
        raise InputFileError(path, "PDF không có trang nào; hãy kiểm tra tệp gốc.")
    return n


def load_page(
    path: Path,
    kind: SourceKind,
    index: int,
    *,
    render_dpi: int,
    default_dpi: int,
    max_pixels: int,
    keep_text: bool,
) -> LoadedPage:
    """Load page ``index`` (0-based) of a source file; raises InputFileError on bad input."""
    with pillow_limits(max_pixels):
        if kind is SourceKind.PDF:
            page = _load_pdf_page(path, index, render_dpi, max_pixels, keep_text)
        else:
            page = _load_image_page(path, kind, index, default_dpi)
        if page.image is not None:
            _check_size(page.image)
        return page


def _load_image_page(path: Path, kind: SourceKind, index: int, default_dpi: int) -> LoadedPage:
    jpeg: bytes | None = None
    png: bytes | None = None
    try:
        with Image.open(path) as im:
            if index:
                im.seek(index)
            dpi = _image_dpi(im, default_dpi)
            transposed = ImageOps.exif_transpose(im)
            untouched = transposed is None or (transposed.size == im.size and not _exif_rotated(im))
            image = (transposed if transposed is not None else im).copy()
            image.load()
            if kind is SourceKind.JPEG and untouched and im.mode in ("L", "RGB"):
                jpeg = path.read_bytes()
            elif kind is SourceKind.PNG and untouched and im.mode in ("1", "L", "RGB"):
                png = path.read_bytes()
    except InputFileError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _bomb(str(e)) from e
    except Exception as e:
        raise InputFileError(path, _unreadable_image(kind, e)) from e
    method = PageMethod.FRAME if kind is SourceKind.TIFF else PageMethod.IMAGE
    return LoadedPage(image=_normalize(image), dpi=dpi, method=method, jpeg=jpeg, png=png)


def _exif_rotated(im: Image.Image) -> bool:
    try:
        return int(im.getexif().get(0x0112, 1)) != 1
    except Exception:
        return False


def _load_pdf_page(
    path: Path, index: int, render_dpi: int, max_pixels: int, keep_text: bool
) -> LoadedPage:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputFileError(
                path, "PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi chạy lại."
            ) from e
        # qpdf repairs damage (lost xref, truncation) that PDFium refuses: try its copy.
        repaired = _repaired_pdf(path)
        if repaired is None:
            raise InputFileError(
                path,
                f"PDF hỏng, không dựng được trang {index + 1} ({e}); hãy lấy lại tệp gốc.",
            ) from e
        log.warning("%s: damaged PDF, reading the copy qpdf repaired", path.name)
        doc = pdfium.PdfDocument(repaired)
    try:
        page = doc[index]
        width_pt, height_pt = page.get_size()
        text = ""
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
        has_text = sum(1 for c in text if not c.isspace()) >= MIN_TEXT_CHARS
        if has_text and keep_text:
            return LoadedPage(
                image=None,
                dpi=0,
                method=PageMethod.TEXT_LAYER,
                text=text.replace("\r\n", "\n").replace("\r", "\n"),
                width_pt=width_pt,
                height_pt=height_pt,
            )
        if not has_text:
            extracted = _extract_single_image(path, index, width_pt, height_pt)
            if extracted is not None:
                return extracted
        scale = render_dpi / 72.0
        pixels = width_pt * scale * height_pt * scale
        if pixels > max_pixels:
            raise _bomb(f"{pixels:.0f}")
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil()
        image.load()
        return LoadedPage(
            image=_normalize(image),
            dpi=render_dpi,
            method=PageMethod.RENDERED,
            width_pt=width_pt,
            height_pt=height_pt,
        )
    except InputFileError:
        raise
    except (pdfium.PdfiumError, ValueError, OSError) as e:
        raise InputFileError(
            path, f"không dựng được trang {index + 1} của PDF ({e}); tệp có thể bị hỏng."
        ) from e
    finally:
        doc.close()


def _repaired_pdf(path: Path) -> bytes | None:
    import io

    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            buf = io.BytesIO()
            pdf.save(buf)
            return buf.getvalue()
    except Exception:
        return None


def _extract_single_image(
    path: Path, index: int, width_pt: float, height_pt: float
) -> LoadedPage | None:
    """The page's one scanned image, if the page is exactly that; else None (render it)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[index]
            resources = page.obj.get("/Resources", pikepdf.Dictionary())
            xobjects = resources.get("/XObject", pikepdf.Dictionary())
            if len(xobjects) != 1 or "/Font" in resources:
                return None
            raw = next(iter(xobjects.values()))
            if raw.get("/Subtype") != pikepdf.Name.Image:
                return None
            if raw.get("/ImageMask", False) or "/SMask" in raw or "/Mask" in raw:
                return None
            pdfimage = pikepdf.PdfImage(raw)  # type: ignore[arg-type]
            w, h = pdfimage.width, pdfimage.height
            if not _draws_full_page(page, width_pt, height_pt):
                return None
            rotate = int(page.obj.get("/Rotate", 0)) % 360
            # pdfium reports the displayed (rotated) size; the image is stored unrotated.
            shown_w, shown_h = (h, w) if rotate in (90, 270) else (w, h)
            if abs(shown_w / shown_h - width_pt / height_pt) > _FIT_TOLERANCE * (
                width_pt / height_pt
            ):
                return None
            jpeg = None
            if raw.get("/Filter") == pikepdf.Name.DCTDecode and rotate == 0:
                jpeg = raw.read_raw_bytes()
            image = pdfimage.as_pil_image()
            image.load()
    except Exception as e:  # JBIG2 without a decoder, odd colour spaces...: render instead
        log.debug("%s page %d: image not extractable (%s), rendering", path, index + 1, e)
        return None
    if rotate:
        image = image.rotate(-rotate, expand=True)
    dpi = round(shown_w / (width_pt / 72.0))
    normalized = _normalize(image)
    if normalized is not image or (jpeg is not None and normalized.mode not in ("L", "RGB")):
        jpeg = None
    return LoadedPage(
        image=normalized,
        dpi=max(1, dpi),
        method=PageMethod.EXTRACTED,
        jpeg=jpeg,
        width_pt=width_pt,
        height_pt=height_pt,
    )


def _draws_full_page(page: object, width_pt: float, height_pt: float) -> bool:
    """Whether the content stream paints its image over (nearly) the whole page."""
    import pikepdf

    stack: list[tuple[float, float, float, float]] = []
    ctm = (1.0, 0.0, 0.0, 1.0)  # only the linear part matters for the painted size
    try:
        for instruction in pikepdf.parse_content_stream(page):  # type: ignore[arg-type]
            operands, operator = instruction.operands, instruction.operator
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm":
                a, b, c, d = (float(v) for v in operands[:4])
                ctm = (
                    a * ctm[0] + b * ctm[2],
                    a * ctm[1] + b * ctm[3],
                    c * ctm[0] + d * ctm[2],
                    c * ctm[1] + d * ctm[3],
                )
            elif op == "Do":
                drawn_w = abs(ctm[0]) + abs(ctm[2])
                drawn_h = abs(ctm[1]) + abs(ctm[3])
                sizes = sorted((drawn_w, drawn_h))
                page_sizes = sorted((width_pt, height_pt))
                return all(
                    abs(s - p) <= _FIT_TOLERANCE * p for s, p in zip(sizes, page_sizes, strict=True)
                )
    except Exception:
        return False
    return False
