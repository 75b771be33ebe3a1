"""Build the small scans bundled with the digitization course, from ``digitize.synth``.

Run from the repository root: ``.venv/bin/python courses/digitization/make_data.py``. The
same seeds give the same pages; files are kept tiny (cut-outs, low dpi) so that autograding
stays fast and the repository small.
"""

from __future__ import annotations

from pathlib import Path

from digitize.synth import Degradation, make_document

HERE = Path(__file__).resolve().parent

# Bài 1: trích đoạn (phần đầu trang) của bốn bản quét, mỗi bản một định dạng, chế độ màu, dpi.
# (tên tệp, seed, dpi, chế độ màu, định dạng Pillow)
SCANS_01 = [
    ("quet-01.jpg", 11, 300, "RGB", "JPEG"),
    ("quet-02.png", 12, 200, "L", "PNG"),
    ("quet-03.tif", 13, 300, "1", "TIFF"),
    ("quet-04.png", 14, 150, "RGB", "PNG"),
]
CUT_MM = (120, 45)  # chiều rộng, chiều cao của trích đoạn (mm) ở góc trên bên trái trang


def make_scans_01(folder: Path) -> None:
    """Header cut-outs at the stated dpi and colour mode: real pixels, real dpi metadata."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, seed, dpi, mode, fmt in SCANS_01:
        doc = make_document(seed, degradation=Degradation(dpi=dpi, color=mode == "RGB"))
        page = doc.images[0]
        width, height = (round(mm / 25.4 * dpi) for mm in CUT_MM)
        cut = page.crop((0, 0, width, height)).convert(mode)
        options: dict[str, object] = {"dpi": (dpi, dpi)}
        if fmt == "JPEG":
            options["quality"] = 70
        if fmt == "TIFF":
            options["compression"] = "group4"
        cut.save(folder / name, fmt, **options)


# Bài 2: hai trang A4 đầy đủ để chạy OCR thật, với văn bản gốc theo thứ tự dòng trên trang.
# (tên tệp, seed, hư hại, định dạng Pillow)
SCANS_02 = [
    ("vb-a.jpg", 21, Degradation(dpi=200, color=True), "JPEG"),
    ("vb-b.png", 22, Degradation(dpi=150, fade=0.5, blur=1.5), "PNG"),
]


def make_scans_02(folder: Path) -> None:
    """Whole pages (Tesseract needs them) and their ground truth in visual row order."""
    (folder / "ban-quet").mkdir(parents=True, exist_ok=True)
    (folder / "van-ban-goc").mkdir(parents=True, exist_ok=True)
    for name, seed, degradation, fmt in SCANS_02:
        doc = make_document(seed, degradation=degradation)
        page = doc.images[0]
        options: dict[str, object] = {"dpi": page.info["dpi"]}
        if fmt == "JPEG":
            options["quality"] = 45
        page.save(folder / "ban-quet" / name, fmt, **options)
        truth = folder / "van-ban-goc" / (Path(name).stem + ".txt")
        truth.write_text(doc.truths[0].text_rows + "\n", encoding="utf-8")


# Bài 3: một hồ sơ ba văn bản, trong đó một văn bản được quét hai lần (trùng số, ký hiệu).
SCANS_03 = [
    ("vb-1.png", 31, Degradation(dpi=200, bilevel=True)),
    ("vb-2.png", 32, Degradation(dpi=200, bilevel=True)),
    ("vb-1-quet-lai.png", 31, Degradation(dpi=200, skew=1.5, bilevel=True)),
]


def make_scans_03(folder: Path) -> None:
    """A small dossier for records, duplicate warnings, search and export."""
    dossier = folder / "ban-quet" / "hs-01"
    dossier.mkdir(parents=True, exist_ok=True)
    for name, seed, degradation in SCANS_03:
        page = make_document(seed, degradation=degradation).images[0]
        page.save(dossier / name, "PNG", dpi=page.info["dpi"])


def main() -> None:
    make_scans_01(HERE / "source" / "01-chuan-so-hoa" / "data")
    make_scans_02(HERE / "source" / "02-kiem-tra-ocr" / "data")
    make_scans_03(HERE / "source" / "03-sieu-du-lieu-xuat" / "data")


if __name__ == "__main__":
    main()
