"""The one factory of scan fixtures for the engine tests (``tests/test_engine_*.py``).

Small pages (about A6 at 200 dpi) of Vietnamese administrative text in Liberation Serif,
written as PNG, JPEG, (multi-frame) TIFF or PDF; texts are compared with the project's
CER (``digitize.quality.cer``).
Imported by path because tests run with ``--import-mode=importlib`` and no ``__init__.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from digitize.quality import cer
from digitize.synth.fonts import find_font_family

__all__ = ["FAST", "cer", "expected_text", "make_scan", "page_image"]

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "QUYẾT ĐỊNH về việc ban hành quy chế làm việc",
    "của Ủy ban nhân dân tỉnh Quảng Bình năm 2015",
)
FAST = {"jobs": 2, "preprocess": False}


def page_image(n: int, *, dpi: int = 200, mode: str = "L") -> Image.Image:
    """A small page (A6-ish) with LINES and its page number, at ``dpi``."""
    scale = dpi / 200
    font = ImageFont.truetype(FONT, round(30 * scale))
    image = Image.new("L", (round(1100 * scale), round(520 * scale)), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate((*LINES, f"Trang số {n}")):
        draw.text((round(60 * scale), round((50 + k * 80) * scale)), line, font=font, fill=0)
    return image.convert(mode)


def make_scan(path: Path, kind: str, pages: Sequence[int] = (1,), *, dpi: int = 200) -> Path:
    """Write a scan file of ``kind`` (png, jpeg, tiff, pdf) holding the given page numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    images = [page_image(n, dpi=dpi, mode="RGB" if kind == "jpeg" else "L") for n in pages]
    first, rest = images[0], images[1:]
    if kind == "png":
        first.save(path, format="PNG", dpi=(dpi, dpi))
    elif kind == "jpeg":
        first.save(path, format="JPEG", dpi=(dpi, dpi), quality=92)
    elif kind == "tiff":
        first.save(path, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi))
    elif kind == "pdf":
        first.save(path, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    else:
        raise ValueError(kind)
    return path


def expected_text(n: int) -> str:
    return "\n".join((*LINES, f"Trang số {n}"))


DENSE_LINE = "Quyết định về việc ban hành quy chế công tác văn thư, lưu trữ của cơ quan "


def dense_page(path: Path, width: int, height: int) -> Path:
    """A page filled with text lines: slow to recognise, large to hold in memory."""
    font = ImageFont.truetype(str(find_font_family().regular), 40)
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, height - 100, 120):
        draw.text((80, y), DENSE_LINE * (width // 1400 + 1), fill=0, font=font)
    image.save(path)
    return path
