"""Build the outputs: a searchable PDF page per OCR'd page, then whole documents.

Each page of the searchable PDF is the original (display) image with Tesseract's invisible
text-only page laid over it: Tesseract sizes that page from the image and the dpi we pass,
so drawing the image over the same MediaBox keeps words aligned with their pixels and
``pdftotext`` returns Tesseract's own text, word spaces included.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from PIL import Image

from digitize.models import PageMethod, State
from digitize.ocr import alto, hocr
from digitize.options import PdfOutput

log = logging.getLogger(__name__)

_MERGE_CHUNK = 200  # pages merged per step, so few source files are open at once


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates 0600 files; outputs are shared documents and get the usual permissions.
_FILE_MODE = 0o666 & ~_current_umask()


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target``, renamed onto it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        tmp.chmod(_FILE_MODE)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_MODES = {(0, 1): "1", (0, 8): "L", (2, 8): "RGB"}  # (colour type, bit depth) → mode


def png_flate(png: bytes, image: Image.Image) -> tuple[bytes, int, int] | None:
    """(zlib data, colours, bits) of a PNG whose IDAT can be a PDF Flate stream as is.

    PNG's compressed rows (with per-row filter bytes) are exactly PDF's FlateDecode with
    ``/Predictor 15``; only non-interlaced grey/RGB PNGs of the image's size and mode fit.
    """
    if not png.startswith(_PNG_SIGNATURE):
        return None
    pos, chunks, header = 8, [], b""
    while pos + 8 <= len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            chunks.append(data)
        elif kind == b"IEND":
            break
    if len(header) != 13 or not chunks:
        return None
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour, interlace = header[8], header[9], header[12]
    if interlace or _PNG_MODES.get((colour, depth)) != image.mode or (width, height) != image.size:
        return None
    return b"".join(chunks), 3 if colour == 2 else 1, depth


def _image_stream(
    pdf: pikepdf.Pdf,
    image: Image.Image,
    jpeg: bytes | None,
    lossy: bool,
    png: bytes | None = None,
) -> pikepdf.Stream:
    """An image XObject: original JPEG or PNG data when given, JPEG for lossy sources, else
    Flate."""
    width, height = image.size
    colorspace = pikepdf.Name.DeviceRGB if image.mode == "RGB" else pikepdf.Name.DeviceGray
    bits = 1 if image.mode == "1" else 8
    passthrough = png_flate(png, image) if png is not None and jpeg is None else None
    if passthrough is not None:
        data, colours, depth = passthrough
        return pikepdf.Stream(
            pdf,
            data,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=width,
            Height=height,
            ColorSpace=colorspace,
            BitsPerComponent=depth,
            Filter=pikepdf.Name.FlateDecode,
            DecodeParms=pikepdf.Dictionary(
                Predictor=15, Colors=colours, BitsPerComponent=depth, Columns=width
            ),
        )
    if jpeg is None and lossy and image.mode in ("L", "RGB"):
        buf = io.BytesIO()
        image.save(buf, format="JPEG", quality=90, optimize=False)
        jpeg = buf.getvalue()
    if jpeg is not None:
        data, filt = jpeg, pikepdf.Name.DCTDecode
    else:
        data, filt = zlib.compress(image.tobytes(), 6), pikepdf.Name.FlateDecode
    return pikepdf.Stream(
        pdf,
        data,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=width,
        Height=height,
        ColorSpace=colorspace,
        BitsPerComponent=bits,
        Filter=filt,
    )


def build_page_pdf(
    text_only_pdf: Path,
    image: Image.Image,
    out: Path,
    *,
    jpeg: bytes | None,
    lossy: bool,
    png: bytes | None = None,
) -> None:
    """One searchable page: ``image`` painted under Tesseract's invisible text layer."""
    with pikepdf.open(text_only_pdf) as pdf:
        page = pdf.pages[0]
        box = [float(v) for v in page.mediabox]
        width, height = box[2] - box[0], box[3] - box[1]
        xobj = _image_stream(pdf, image, jpeg, lossy, png)
        if "/Resources" not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        resources = page.obj.Resources
        if "/XObject" not in resources:
            resources.XObject = pikepdf.Dictionary()
        resources.XObject.Scan = xobj
        draw = f"q {width:.4f} 0 0 {height:.4f} {box[0]:.4f} {box[1]:.4f} cm /Scan Do Q\n"
        page.contents_add(pikepdf.Stream(pdf, draw.encode("ascii")), prepend=True)
        with atomic_path(out) as tmp:
            pdf.save(tmp)


@dataclass(frozen=True, slots=True)
class PagePart:
    """One page as the assembler sees it.

    Attributes:
        page_no: 1-based.
        state: done or failed.
        method: how it was obtained (``TEXT_LAYER`` pages are copied from the source PDF).
        pdf, text, hocr: per-page outputs (None when absent).
        width, height: image pixels (0 when none).
    """

    page_no: int
    state: State
    method: PageMethod | None
    pdf: Path | None
    text: Path | None
    hocr: Path | None
    width: int = 0
    height: int = 0


@dataclass(frozen=True, slots=True)
class AssembleTask:
    """Everything needed to assemble one document; picklable.

    Attributes:
        doc_id: sha256 of the source.
        source: source file (PDF pages may be copied from it).
        source_is_pdf: whether ``source`` is a PDF.
        title: shown in PDF metadata and hOCR.
        out_stem: output path without extension; ``.pdf``, ``.txt``, ``.hocr``,
            ``.alto.xml`` are appended.
        pages: all pages in order.
        output: plain PDF or PDF/A-2b.
        lang: OCR language, for metadata.
    """

    doc_id: str
    source: Path
    source_is_pdf: bool
    title: str
    out_stem: Path
    pages: tuple[PagePart, ...]
    output: PdfOutput = PdfOutput.PDF
    lang: str = "vie"


@dataclass(frozen=True, slots=True)
class AssembleResult:
    """Outputs written for a document: kind → path (or an error)."""

    doc_id: str
    outputs: dict[str, Path]
    error: str = ""
    seconds: float = 0.0


def assemble_document(task: AssembleTask) -> AssembleResult:
    """Write the searchable PDF, text, hOCR and ALTO of one document; never raises."""
    started = time.perf_counter()
    try:
        outputs = {
            "pdf": task.out_stem.with_name(task.out_stem.name + ".pdf"),
            "txt": task.out_stem.with_name(task.out_stem.name + ".txt"),
            "hocr": task.out_stem.with_name(task.out_stem.name + ".hocr"),
            "alto": task.out_stem.with_name(task.out_stem.name + ".alto.xml"),
        }
        _write_pdf(task, outputs["pdf"])
        _write_text(task, outputs["txt"])
        _write_hocr_alto(task, outputs["hocr"], outputs["alto"])
        return AssembleResult(task.doc_id, outputs, seconds=time.perf_counter() - started)
    except Exception as e:
        log.exception("assembling %s failed", task.source)
        return AssembleResult(
            task.doc_id,
            {},
            f"Không ghép được kết quả cho {task.title} ({type(e).__name__}: {e}); "
            "hãy kiểm tra chỗ trống trên ổ đĩa rồi chạy lại cùng lệnh.",
        )


def _write_text(task: AssembleTask, target: Path) -> None:
    pages = []
    for part in task.pages:
        text = ""
        if part.text is not None and part.text.exists():
            text = part.text.read_text("utf-8", errors="replace")
        text = unicodedata.normalize("NFC", text).replace("\f", "").strip()
        pages.append(text + "\n" if text else "")
    write_text_atomic(target, "\f".join(pages))


def _write_hocr_alto(task: AssembleTask, hocr_target: Path, alto_target: Path) -> None:
    fragments: list[str] = []
    parsed: list[hocr.Page | None] = []
    system = "tesseract"
    for part in task.pages:
        if part.hocr is not None and part.hocr.exists():
            page_hocr = part.hocr.read_text("utf-8")
            system = hocr.ocr_system(page_hocr) or system
            fragments.append(hocr.renumber_page(page_hocr, part.page_no, task.source.name))
            pages = hocr.parse_hocr(page_hocr)
            parsed.append(pages[0] if pages else None)
        else:
            note = (
                "text layer kept from the source PDF"
                if part.method is PageMethod.TEXT_LAYER
                else "page failed"
            )
            fragments.append(hocr.empty_page(part.page_no, part.width, part.height, note))
            parsed.append(None)
    write_text_atomic(hocr_target, hocr.merge_pages(fragments, title=task.title, system=system))
    write_text_atomic(
        alto_target, alto.to_alto(parsed, source_name=task.source.name, software=system)
    )


def _write_pdf(task: AssembleTask, target: Path) -> None:
    with ExitStack() as stack:
        source_pdf = stack.enter_context(pikepdf.open(task.source)) if task.source_is_pdf else None
        pieces: list[tuple[Path | None, int]] = []
        for part in task.pages:
            if part.pdf is not None and part.pdf.exists():
                pieces.append((part.pdf, 0))
            elif source_pdf is not None:
                # Kept text layers, and failed pages: the original page stays in the document.
                pieces.append((None, part.page_no - 1))
        copied = sum(1 for path, _ in pieces if path is None)
        if copied and task.output is PdfOutput.PDFA:
            # Copied pages bring their own fonts and colours, which PDF/A may not accept;
            # ``digitize verify`` checks the result (digitize.pdfa).
            log.warning(
                "%s: %d page(s) copied from the source into a PDF/A output unchanged",
                task.title,
                copied,
            )
        with atomic_path(target) as tmp:
            _merge(pieces, source_pdf, tmp, task)


def _merge(
    pieces: Sequence[tuple[Path | None, int]],
    source_pdf: pikepdf.Pdf | None,
    out: Path,
    task: AssembleTask,
) -> None:
    if len(pieces) > _MERGE_CHUNK:
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".merge-") as tmpdir:
            parts: list[tuple[Path | None, int]] = []
            for i in range(0, len(pieces), _MERGE_CHUNK):
                part_path = Path(tmpdir) / f"part{i:06d}.pdf"
                _merge_flat(pieces[i : i + _MERGE_CHUNK], source_pdf, part_path, None)
                parts.extend((part_path, k) for k in range(len(pieces[i : i + _MERGE_CHUNK])))
            _merge_flat(parts, source_pdf, out, task)
        return
    _merge_flat(pieces, source_pdf, out, task)


def _merge_flat(
    pieces: Sequence[tuple[Path | None, int]],
    source_pdf: pikepdf.Pdf | None,
    out: Path,
    task: AssembleTask | None,
) -> None:
    with ExitStack() as stack, pikepdf.new() as pdf:
        opened: dict[Path, pikepdf.Pdf] = {}
        for path, index in pieces:
            if path is None:
                assert source_pdf is not None
                pdf.pages.append(source_pdf.pages[index])
                continue
            if path not in opened:
                opened[path] = stack.enter_context(pikepdf.open(path))
            pdf.pages.append(opened[path].pages[index])
        if task is not None:
            _set_metadata(pdf, task)
        # NĐ 30 asks for PDF 1.4 or later; PDF/A-2 is built on PDF 1.7.
        pdf.save(out, min_version="1.7")


def _set_metadata(pdf: pikepdf.Pdf, task: AssembleTask) -> None:
    now = datetime.now(UTC)
    pdfa = task.output is PdfOutput.PDFA
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = task.title
        meta["dc:language"] = ["vi"]
        meta["xmp:CreatorTool"] = "Công Sở digitize"
        meta["pdf:Producer"] = f"pikepdf {pikepdf.__version__}"
        meta["xmp:CreateDate"] = now.isoformat(timespec="seconds")
        meta["xmp:ModifyDate"] = now.isoformat(timespec="seconds")
        if pdfa:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
    if pdfa:
        _add_pdfa_output_intent(pdf)


def _add_pdfa_output_intent(pdf: pikepdf.Pdf) -> None:
    """sRGB output intent, which PDF/A requires for device colour spaces (ISO 19005-2 6.2.4)."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    profile = pikepdf.Stream(pdf, icc, N=3)
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier="sRGB IEC61966-2.1",
        Info="sRGB IEC61966-2.1",
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = pikepdf.Array([intent])
