"""The synthetic scan generator (issue 3, "Build", last bullet; Foundation: committed samples).

Pins down: determinism, content rules of DOMAIN.md, page layout and reading order, what each
degradation does, the file formats, the committed samples' manifest, and (with the real
Tesseract) that a clean generated page is OCR-able.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw
from scipy import ndimage

from digitize.exceptions import MissingDependencyError
from digitize.synth import (
    DOCUMENT_TYPES,
    PRESETS,
    Block,
    Degradation,
    DocumentKind,
    SyntheticDocument,
    TextLine,
    degrade,
    fonts,
    generate_content,
    generate_corpus,
    make_document,
)
from digitize.synth.content import format_date_line
from digitize.synth.corpus import generator_environment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SAMPLES = DATA / "samples"

#: NĐ 30 Phụ lục III abbreviations, exact case (DOMAIN.md §4).
ND30_ABBREVIATIONS = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Kế hoạch": "KH",
    "Báo cáo": "BC",
    "Tờ trình": "TTr",
    "Giấy mời": "GM",
}

SEEDS = range(60)


# --------------------------------------------------------------------------- helpers


def _levenshtein(a: str, b: str) -> int:
    """Edit distance, vectorized over one string (fast enough for whole pages)."""
    if len(a) < len(b):
        a, b = b, a
    codes = np.array([ord(c) for c in b], dtype=np.int64)
    ramp = np.arange(len(b) + 1, dtype=np.int64)
    prev = ramp.copy()
    for ch in a:
        cost = (codes != ord(ch)).astype(np.int64)
        row = np.empty_like(prev)
        row[0] = prev[0] + 1
        row[1:] = np.minimum(prev[1:] + 1, prev[:-1] + cost)
        prev = np.minimum.accumulate(row - ramp) + ramp
    return int(prev[-1])


def _cer(reference: str, hypothesis: str) -> float:
    """Character error rate on NFC, whitespace-collapsed text, with ỵ folded (DOMAIN.md §8)."""

    def norm(text: str) -> str:
        text = unicodedata.normalize("NFC", text).replace("ỵ", "y").replace("Ỵ", "Y")
        return re.sub(r"\s+", " ", text).strip()

    ref, hyp = norm(reference), norm(hypothesis)
    return _levenshtein(ref, hyp) / max(1, len(ref))


def _ink(image: Image.Image, threshold: int = 128) -> np.ndarray[Any, Any]:
    return np.asarray(image.convert("L")) < threshold


def _measure_skew(image: Image.Image) -> float:
    """Skew in degrees (counter-clockwise positive) by projection-profile search."""
    small = image.convert("L").reduce(4)
    best, best_score = 0.0, -1.0
    for coarse in (True, False):
        centre = best
        span = np.arange(-10, 10.01, 0.5) if coarse else np.arange(-0.5, 0.51, 0.05)
        for delta in span:
            angle = centre + float(delta)
            turned = small.rotate(-angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
            profile = (np.asarray(turned) < 128).sum(axis=1).astype(float)
            score = float(np.var(profile))
            if score > best_score:
                best, best_score = angle, score
    return best


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_same_content_and_different_seeds_differ() -> None:
    """Content is a pure function of the seed."""
    assert generate_content(11) == generate_content(11)
    assert generate_content(11) != generate_content(12)


def test_paragraph_count_changes_only_the_body() -> None:
    """Asking for more body text keeps every other field (so page targeting is stable)."""
    short, long = generate_content(5, paragraphs=2), generate_content(5, paragraphs=9)
    assert len(long.body) > len(short.body)
    assert dataclasses.replace(long, body=short.body) == short


@pytest.mark.parametrize("preset", ["photocopy", "fax", "speckle", "bleed_through", "skew"])
def test_same_seed_gives_identical_pixels_and_truth(preset: str) -> None:
    """Degradations draw only from the seed: two runs give the same pixels and ground truth."""
    # 150 dpi: a quarter of the pixels, same code paths
    a = make_document(3, degradation=preset, dpi=150)
    b = make_document(3, degradation=preset, dpi=150)
    assert a.truths == b.truths
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a.images, b.images, strict=True))
    c = make_document(4, degradation=preset, dpi=150)
    assert c.images[0].tobytes() != a.images[0].tobytes()


def test_generate_corpus_writes_identical_bytes_twice(tmp_path: Path) -> None:
    """Same arguments, same files, byte for byte (PNG, JPEG, TIFF, PDF and ground truth)."""
    kwargs: dict[str, Any] = {
        "seed": 9,
        "count": 2,
        "degradations": ["skew_small", "fax"],
        "formats": ["png", "jpeg", "tiff", "pdf"],
        "pages": (1, 2),
        "docs_per_dossier": 1,
        "dpi": 150,
    }
    first = generate_corpus(tmp_path / "a", **kwargs)
    generate_corpus(tmp_path / "b", **kwargs)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    assert files_a == files_b
    assert {p.parts[0] for p in files_a} == {"hoso-01", "hoso-02"}
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert [d[1] for d in first.documents] == ["vb-9-0001", "vb-9-0002"]


# --------------------------------------------------------------------------- content rules


def test_type_abbreviations_follow_nd30_exact_case() -> None:
    """DOMAIN.md §4: abbreviations in NĐ 30 Phụ lục III's exact case; công văn has none."""
    for doc_type in DOCUMENT_TYPES.values():
        if doc_type.kind is DocumentKind.CONG_VAN:
            assert doc_type.abbreviation is None
            assert doc_type.title is None
        else:
            assert ND30_ABBREVIATIONS[doc_type.name] == doc_type.abbreviation
            assert doc_type.title == doc_type.name.upper()


def test_so_ky_hieu_shape() -> None:
    """DOMAIN.md §5: number with a leading zero below 10, "/", groups joined by "-", no spaces;
    the year inside for legal normative documents; công văn ký hiệu is agency-unit."""
    shape = re.compile(r"^\d{2,4}(/(19|20)\d{2})?/[A-Za-zĐ]+(-[A-Za-zĐ]+)?$")
    seen_year = False
    for seed in SEEDS:
        c = generate_content(seed)
        assert shape.match(c.code), c.code
        assert " " not in c.code
        assert c.number_line == f"Số: {c.code}"
        first_group = c.code_notation.split("-")[0]
        if c.doc_type.abbreviation is None:
            assert first_group not in ND30_ABBREVIATIONS.values()
        else:
            assert first_group == c.doc_type.abbreviation
    for seed in range(200):
        c = generate_content(seed, kind="quyet_dinh")
        seen_year |= c.year_in_code
        if c.year_in_code:
            assert shape.match(c.code), c.code
            assert c.code.split("/")[1] == str(c.issued.year)
    assert seen_year, "no legal normative number (25/2019/QĐ-UBND style) in the sample"
    c = dataclasses.replace(generate_content(1), number=5)
    assert c.code_number == "05"


def test_date_line_follows_domain_rule() -> None:
    """DOMAIN.md §6: days below 10 and months 1–2 get a leading zero, months 3–12 do not."""
    assert format_date_line("Quảng Bình", dt.date(2015, 5, 3)) == (
        "Quảng Bình, ngày 03 tháng 5 năm 2015"
    )
    assert format_date_line("Vinh", dt.date(2020, 2, 14)) == "Vinh, ngày 14 tháng 02 năm 2020"
    assert format_date_line("Huế", dt.date(2021, 12, 1)) == "Huế, ngày 01 tháng 12 năm 2021"
    line = re.compile(r"^[^\d,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[012]) năm \d{4}$")
    for seed in SEEDS:
        c = generate_content(seed)
        assert line.match(c.date_line), c.date_line
        assert c.metadata()["IssuedDate"] == c.issued.isoformat()


def test_text_is_nfc_with_diacritics_and_metadata_is_complete() -> None:
    """DOMAIN.md §8 and §1: NFC everywhere; metadata carries the NĐ 30 Phụ lục VI fields."""
    for seed in range(20):
        doc = make_document(seed)
        for truth in doc.truths:
            assert unicodedata.normalize("NFC", truth.text) == truth.text
        assert any(ch in doc.text for ch in "ăâđêôơưạếộữ")
        meta = doc.content.metadata()
        for tag in ("TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName"):
            assert meta[tag], tag
        assert meta["Subject"] and meta["FullName"] and meta["Position"]
        for value in meta.values():
            if isinstance(value, str):
                assert unicodedata.normalize("NFC", value) == value


def test_legacy_era_uses_pre_2005_conventions() -> None:
    """DOMAIN.md §5, §6, §8: legacy numbers (``CV``, ``QĐ.UB``), dates breaking the rule,
    ``Uỷ`` tone placement; the metadata stays clean (ISO date, exact ký hiệu)."""
    docs = [generate_content(seed, era="legacy") for seed in range(80)]
    assert all(1995 <= c.issued.year <= 2004 for c in docs)
    assert any(".UB" in c.code or "-UB" in c.code for c in docs)
    assert any(c.code_notation.startswith("CV") for c in docs)
    assert any("." in c.code_notation for c in docs)
    assert any(re.search(r"ngày \d tháng|tháng (0[3-9]|1[0-2]) ", c.date_line) for c in docs)
    for c in docs:
        assert c.metadata()["IssuedDate"] == c.issued.isoformat()
        assert c.metadata()["Era"] == "legacy"
        assert "Ủy" not in c.agency.name
    assert any("UỶ BAN NHÂN DÂN" in c.agency.printed for c in docs)
    legacy_qd = generate_content(2, era="legacy", kind="quyet_dinh")
    assert legacy_qd.recipients[0] == "Như Điều 2;"
    assert make_document(2, era="legacy").content.era == "legacy"


def test_chi_thi_and_nghi_quyet_only_when_asked() -> None:
    """DOMAIN.md §4–§5: Chỉ thị (CT) of an UBND, Nghị quyết (NQ) of the HĐND with the year
    in its number when normative; never drawn by default, so existing seeds keep their type."""
    assert all(
        generate_content(seed).doc_type.kind not in (DocumentKind.CHI_THI, DocumentKind.NGHI_QUYET)
        for seed in range(100)
    )
    for seed in range(20):
        ct = generate_content(seed, kind="chi_thi")
        assert ct.code_notation.startswith("CT-UB") and ct.agency.collective is not None
        nq = generate_content(seed, kind="nghi_quyet")
        assert nq.code_notation == "NQ-HĐND" and nq.number <= 60
        assert nq.agency.name.startswith("Hội đồng nhân dân tỉnh")
        assert any(b.text == "QUYẾT NGHỊ:" for b in nq.body)
    assert any(generate_content(s, kind="nghi_quyet").year_in_code for s in range(20))


def test_recipients_and_signer_follow_nd30() -> None:
    """DOMAIN.md §7: Nơi nhận ends with "Lưu: VT, …"; authority is TM./KT./TL./Q."""
    for seed in SEEDS:
        c = generate_content(seed)
        assert c.recipients[-1].startswith("Lưu: VT")
        for line in c.signer.authority:
            assert line.split(" ")[0] in {"TM.", "KT.", "TL.", "Q."}
        assert c.signer.position == c.signer.position.upper()


# --------------------------------------------------------------------------- layout


def test_page_one_layout_and_reading_order() -> None:
    """DOMAIN.md §7 layout; ground truth in the documented block order."""
    for seed in range(12):
        doc = make_document(seed)
        truth = doc.truths[0]
        blocks = [line.block for line in truth.lines]
        order = [b for i, b in enumerate(blocks) if i == 0 or blocks[i - 1] != b]
        expected = [
            Block.AGENCY,
            Block.NATIONAL_TITLE,
            Block.NUMBER,
            Block.DATE,
            *([] if doc.content.doc_type.title is None else [Block.TYPE_TITLE]),
            Block.SUBJECT,
            Block.BODY,
            Block.RECIPIENTS,
            Block.SIGNER,
        ]
        assert order == expected, seed
        by_block = {b: [ln for ln in truth.lines if ln.block is b] for b in Block}
        national = by_block[Block.NATIONAL_TITLE]
        assert national[0].text.endswith("XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert national[1].text == "Độc lập - Tự do - Hạnh phúc"
        middle = truth.width / 2
        assert all(ln.box[2] < national[0].box[0] + 40 for ln in by_block[Block.AGENCY])
        assert national[0].box[0] > truth.width * 0.3
        number, date = by_block[Block.NUMBER][0], by_block[Block.DATE][0]
        assert number.text.startswith("Số: ") and number.box[2] < middle < date.box[0] + 80
        assert abs(number.box[3] - date.box[3]) < 30, "Số and the date share one row"
        assert by_block[Block.RECIPIENTS][0].text == "Nơi nhận:"
        assert by_block[Block.SIGNER][-1].text == doc.content.signer.full_name
        assert all(ln.box[0] > middle * 0.9 for ln in by_block[Block.SIGNER])


def test_text_rows_interleaves_side_by_side_blocks() -> None:
    """``text_rows`` reads the header row by row: agency beside quốc hiệu on one line."""
    truth = make_document(2, kind="quyet_dinh").truths[0]
    first_row = truth.text_rows.splitlines()[0]
    agency = next(ln for ln in truth.lines if ln.block is Block.AGENCY)
    assert first_row.startswith(agency.text)
    assert "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_row


def test_report_table_is_ruled_and_read_row_by_row() -> None:
    """``tables=True`` gives a Báo cáo a results table, read a row per line, cells left to
    right; without it (and for other types) the content is unchanged."""
    plain = generate_content(4, kind="bao_cao")
    with_table = generate_content(4, kind="bao_cao", tables=True)
    table = next(b for b in with_table.body if b.cells)
    assert table.cells[0] == ("STT", "Nội dung", "Đơn vị tính", "Kết quả")
    assert [b for b in with_table.body if not b.cells] == list(plain.body)
    assert generate_content(4, kind="cong_van", tables=True) == generate_content(4, kind="cong_van")
    doc = make_document(4, kind="bao_cao", tables=True)
    lines = [ln.text for ln in doc.truths[0].lines]
    start = lines.index("STT Nội dung Đơn vị tính Kết quả")
    for offset, row in enumerate(table.cells[1:], 1):
        assert lines[start + offset] == " ".join(row)
    ink = _ink(doc.images[0])
    header = next(ln for ln in doc.truths[0].lines if ln.text.startswith("STT "))
    x0, y0, x1, _ = header.box
    assert ink[y0 - 40 : y0, x0 + 20 : x1 - 20].any(axis=0).mean() > 0.9, "a rule above"


def _body_lines(doc: SyntheticDocument) -> list[TextLine]:
    return [ln for ln in doc.truths[0].lines if ln.block is Block.BODY]


def _darkest_per_word(doc: SyntheticDocument) -> list[float]:
    """The 2nd-percentile gray level inside each body word's box on page 1."""
    levels = np.asarray(doc.images[0])
    return [
        float(np.percentile(levels[w.box[1] : w.box[3], w.box[0] : w.box[2]], 2))
        for line in _body_lines(doc)
        for w in line.words
    ]


def test_typewriter_pages_are_monospaced_ragged_and_uneven() -> None:
    """``typewriter=True``: a monospaced family, no justification, letters struck unevenly;
    the ground truth still lists what is typed, boxes still on the ink."""
    doc = make_document(3, typewriter=True, era="legacy", kind="cong_van")
    printed = make_document(3, era="legacy", kind="cong_van")
    assert doc.ground_truth()["font"]["family"] in fonts.MONO_FAMILIES
    body = _body_lines(doc)
    assert len({ln.box[2] // 10 for ln in body}) > len(body) // 2, "ragged right edge"
    assert np.std(_darkest_per_word(doc)) > 5, "strikes of uneven darkness"
    assert np.std(_darkest_per_word(printed)) < 1, "a printer inks evenly"
    ink = _ink(doc.images[0])
    for line in body:
        for word in line.words:
            x0, y0, x1, y1 = word.box
            assert ink[y0 - 2 : y1 + 2, x0:x1].any(), word


def test_word_boxes_cover_ink() -> None:
    """Word boxes are where the ink is: inside boxes dark pixels, and nearly all ink boxed."""
    doc = make_document(8)
    image, truth = doc.images[0], doc.truths[0]
    ink = _ink(image)
    boxed = np.zeros_like(ink)
    for line in truth.lines:
        for word in line.words:
            x0, y0, x1, y1 = word.box
            assert ink[y0:y1, x0:x1].any(), word
            boxed[max(0, y0 - 3) : y1 + 3, max(0, x0 - 3) : x1 + 3] = True
    # the rest is rules under headings and the signature stroke
    assert (ink & ~boxed).sum() / ink.sum() < 0.08


@pytest.mark.parametrize("pages", [1, 2, 3, pytest.param(7, marks=pytest.mark.slow)])
def test_requested_page_count_is_met(pages: int) -> None:
    """``pages=N`` gives exactly N pages; continuation pages start with their number."""
    doc = make_document(21, pages=pages)
    assert len(doc.images) == len(doc.truths) == pages
    for n, truth in enumerate(doc.truths[1:], 2):
        assert truth.lines[0].block is Block.PAGE_NUMBER and truth.lines[0].text == str(n)
    last = doc.truths[-1]
    assert any(ln.block is Block.BODY for ln in last.lines), "signature never alone on a page"


@pytest.mark.parametrize("era", ["modern", "legacy"])
def test_every_kind_renders_in_every_variant(era: str) -> None:
    """Smoke test over kinds × seal × tables × degradations (low dpi, so it stays quick):
    nothing raises, truths are NFC and every page has body text."""
    combos = list(DocumentKind)
    for index, kind in enumerate(combos):
        doc = make_document(
            500 + index,
            kind=kind,
            era=era,
            seal=index % 2 == 0,
            tables=index % 3 == 0,
            pages=1 + index % 2,
            degradation="random",
            dpi=100,
        )
        assert doc.content.doc_type.kind is kind
        for truth in doc.truths:
            assert unicodedata.normalize("NFC", truth.text) == truth.text
            assert any(line.block is Block.BODY for line in truth.lines)


def test_a4_at_requested_dpi_and_fast() -> None:
    """A4 at the drawing dpi; a page takes well under a second (tests generate on the fly).

    Timed after a warm-up (font lookup, first FreeType load) and as CPU time, so a busy
    machine does not fail it."""
    make_document(0, dpi=100)
    start = time.process_time()
    doc = make_document(1, dpi=300)
    elapsed = time.process_time() - start
    assert doc.images[0].size == (2480, 3508)
    assert doc.images[0].info["dpi"] == (300, 300)
    assert elapsed < 1.0
    assert make_document(1, dpi=200).images[0].size == (1654, 2339)


# --------------------------------------------------------------------------- degradations


def _text_page() -> Image.Image:
    return make_document(30).images[0]


@pytest.mark.parametrize("angle", [-3.0, 2.0, 7.0])
def test_skew_turns_content_by_the_requested_angle(angle: float) -> None:
    """Measured skew of the output ≈ the requested angle (counter-clockwise positive)."""
    page = _text_page()
    assert abs(_measure_skew(page)) < 0.15
    assert _measure_skew(degrade.skew(page, angle)) == pytest.approx(angle, abs=0.2)


@pytest.mark.parametrize("degrees, k", [(90, 1), (180, 2), (270, 3)])
def test_rotation_is_a_lossless_quarter_turn(degrees: int, k: int) -> None:
    """``rotate`` turns counter-clockwise, like ``np.rot90``, without resampling."""
    page = _text_page()
    out = degrade.rotate(page, degrees)
    assert np.array_equal(np.asarray(out), np.rot90(np.asarray(page), k))
    assert out.info["dpi"] == page.info["dpi"]


def test_gaussian_noise_has_the_requested_sigma() -> None:
    """Noise is zero-mean with the requested standard deviation (away from clipping)."""
    flat = Image.new("L", (400, 400), 128)
    out = np.asarray(degrade.gaussian_noise(flat, 12.0, seed=1), dtype=float)
    assert out.std() == pytest.approx(12.0, rel=0.05)
    assert out.mean() == pytest.approx(128, abs=0.5)


def test_speckle_adds_specks_of_the_requested_density() -> None:
    """Dark specks appear about ``density × pixels × (1 − salt)`` times on blank paper."""
    blank = Image.new("L", (1000, 1000), 255)
    blank.paste(0, (0, 0, 1, 1))  # one ink pixel so the speck colour is the ink's
    out = degrade.speckle(blank, 0.0005, seed=2, salt=0.0)
    _, count = ndimage.label(_ink(out))
    assert count == pytest.approx(500, rel=0.15)


def test_shadow_darkens_one_edge_by_the_requested_strength() -> None:
    """The darkest edge keeps about ``1 − strength`` of the paper's brightness."""
    blank = Image.new("L", (600, 800), 250)
    out = np.asarray(degrade.shadow(blank, 0.6, seed=3), dtype=float)
    edges = [out[:, :5].mean(), out[:, -5:].mean(), out[:5].mean(), out[-5:].mean()]
    assert min(edges) == pytest.approx(250 * 0.4, rel=0.08)
    assert out[350:450, 250:350].mean() > min(edges) + 80


def test_bleed_through_shows_the_back_page_mirrored_and_faint() -> None:
    """Ink of the back page appears mirrored, no darker than ``strength`` of full ink."""
    blank = Image.new("L", (400, 200), 255)
    back = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(back).rectangle((20, 50, 120, 150), fill=0)
    out = np.asarray(degrade.bleed_through(blank, back, 0.25), dtype=float)
    assert out[100, 330] < 200 and out[100, 70] == 255, "mirrored: shows on the right"
    assert out.min() >= 255 * 0.75 - 1


def test_resample_changes_dpi_and_size() -> None:
    """A 150 dpi scan of an A4 page is half the pixels each way and says so."""
    out = degrade.resample(_text_page(), 150)
    assert out.size == (1240, 1754)
    assert out.info["dpi"] == (150, 150)


def test_jpeg_and_bilevel_and_color() -> None:
    """JPEG adds small artifacts; bilevel gives mode 1; colour maps to tinted paper."""
    page = _text_page()
    jpeg = degrade.jpeg_artifacts(page, 20)
    diff = np.abs(np.asarray(jpeg, dtype=float) - np.asarray(page, dtype=float))
    assert 0 < diff.mean() < 10
    assert degrade.bilevel(page).mode == "1"
    colour = degrade.to_color(page)
    assert colour.mode == "RGB" and colour.getpixel((5, 5)) == (246, 241, 226)


def test_fade_blur_and_border() -> None:
    """Fade keeps paper and lightens ink; blur spreads edges; border frames the page in dark."""
    page = _text_page()
    faded = np.asarray(degrade.fade(page, 0.6))
    assert faded.max() == 255 and faded.min() == pytest.approx(255 * 0.6, abs=1)
    sharp_levels = np.unique(np.asarray(page)).size
    blurred = np.asarray(degrade.blur(page, 2.0))
    assert np.unique(blurred).size >= sharp_levels * 0.5
    assert np.abs(np.diff(blurred.astype(int), axis=1)).max() < 128
    framed = degrade.border(page, 10.0, seed=5)
    assert framed.width > page.width + 2 * 50 and framed.height > page.height + 2 * 50
    frame = np.asarray(framed)
    assert frame[0, 0] == degrade.BED_LEVEL and frame[frame.shape[0] // 2, 3] == degrade.BED_LEVEL
    skewed = Degradation(skew=3.0, border=8.0).apply(page, seed=1)
    corner = np.asarray(skewed)[:40, :40]
    assert (corner == degrade.BED_LEVEL).all(), "corners of a skewed page show the bed"


def test_filing_holes_and_crease() -> None:
    """Holes: two dark disks in the left margin, 80 mm apart; crease: a darker band near a
    third of the height; neither touches the ground truth."""
    blank = Image.new("L", (2480, 3508), 250)
    blank.info["dpi"] = (300, 300)
    holed = np.asarray(degrade.punch_holes(blank)) < 128
    _, count = ndimage.label(holed)
    assert count == 2
    ys, xs = np.nonzero(holed)
    assert xs.max() < 300 and ys.max() - ys.min() == pytest.approx(945 + 71, abs=4)
    creased = np.asarray(degrade.fold(blank, 0.2, seed=1), dtype=float)
    row_means = creased.mean(axis=1)
    assert 0.28 * 3508 < int(np.argmin(row_means)) < 0.39 * 3508
    assert row_means.min() < 250 * 0.85 and row_means[100] == 250
    doc = make_document(9, degradation="archive", dpi=150)
    assert doc.truths == make_document(9, dpi=150).truths


def test_perspective_pulls_corners_in_and_shows_the_desk() -> None:
    """A slanted photo: same canvas, page corners moved inward, the desk dark around it."""
    page = _text_page()
    photo = degrade.perspective(page, 0.06, seed=2)
    assert photo.size == page.size
    levels = np.asarray(photo)
    assert levels[0, 0] == degrade.BED_LEVEL and levels[-1, -1] == degrade.BED_LEVEL
    assert levels[page.height // 2, page.width // 2] > 200
    with pytest.raises(ValueError, match="perspective"):
        Degradation(perspective=0.3)


def test_seal_is_red_over_the_signature_and_not_in_the_ground_truth() -> None:
    """DOMAIN.md §7: the seal covers the signature's left; it is ink, not text."""
    plain = make_document(12, degradation={"color": True}, dpi=150)
    sealed = make_document(12, degradation={"color": True}, seal=True, dpi=150)
    assert plain.truths == sealed.truths

    def reddish(image: Image.Image) -> np.ndarray[Any, Any]:
        rgb = np.asarray(image, dtype=int)
        return (rgb[..., 0] - rgb[..., 1] > 80) & (rgb[..., 0] - rgb[..., 2] > 80)

    red = reddish(sealed.images[0])
    assert red.sum() > 2000 and not reddish(plain.images[0]).any()
    ys, xs = np.nonzero(red)
    signer = [ln for ln in sealed.truths[0].lines if ln.block is Block.SIGNER]
    assert signer[0].box[1] < ys.mean() < signer[-1].box[3]
    assert xs.mean() < (signer[-1].box[0] + signer[-1].box[2]) / 2
    gray = make_document(12, seal=True, dpi=150)
    assert gray.images[0].mode == "L" and sealed.ground_truth()["seal"] is True


def test_random_degradations_are_seeded_varied_and_valid() -> None:
    """``"random"`` draws a plausible mix from the document's seed; severity 0 is clean."""
    mixes = [Degradation.random(seed) for seed in range(60)]
    assert mixes == [Degradation.random(seed) for seed in range(60)]
    assert len(set(mixes)) == 60
    assert any(m.rotation for m in mixes) and any(m.bilevel for m in mixes)
    harsh = ("rotation", "noise", "speckle", "shadow", "bleed_through", "fade", "blur")
    mild = [m for m in mixes if not any(getattr(m, name) for name in harsh)]
    assert len(mild) >= 5, "a real box holds many nearly clean pages too"
    assert Degradation.random(3, severity=0.0) == Degradation()
    assert Degradation.resolve("random", seed=4) == Degradation.random(4)
    assert Degradation.resolve("random:0.5", seed=4) == Degradation.random(4, severity=0.5)
    assert (
        make_document(5, degradation="random").degradation
        == make_document(5, degradation="random").degradation
    )


def test_degradation_validates_and_resolves_presets() -> None:
    """Bad parameters fail early; presets and dicts resolve to instances."""
    with pytest.raises(ValueError, match="rotation"):
        Degradation(rotation=45)
    with pytest.raises(ValueError, match="bilevel or colour"):
        Degradation(bilevel=True, color=True)
    with pytest.raises(ValueError, match="unknown degradation preset"):
        Degradation.resolve("smudge")
    assert Degradation.resolve("skew") == PRESETS["skew"]
    assert Degradation.resolve({"noise": 5.0}) == Degradation(noise=5.0)
    assert Degradation.resolve(None) == Degradation()


def test_lowres_preset_and_rotation_recorded_in_document() -> None:
    """A document records its degradation; images reflect it."""
    doc = make_document(2, degradation="sideways")
    assert doc.images[0].size == (3508, 2480)
    assert doc.ground_truth()["degradation"]["rotation"] == 90
    low = make_document(2, degradation="lowres")
    assert low.images[0].info["dpi"] == (150, 150)


@pytest.mark.parametrize(
    "spec",
    [
        Degradation(skew=5.0, border=8.0, dpi=200, rotation=90),
        Degradation(skew=-3.0, rotation=180),
        Degradation(dpi=150, rotation=270, border=4.0),
        Degradation(perspective=0.06, skew=2.0, rotation=90),
    ],
)
def test_scan_boxes_land_on_the_words_ink(spec: Degradation) -> None:
    """``scan_transform`` follows skew, border, resampling and rotation: every mapped word
    box holds ink on the scan, and nearly all text ink lies in some mapped box."""
    doc = make_document(14, degradation=spec)
    ink = _ink(doc.images[0])
    boxes = doc.scan_boxes(0)
    inked = [ink[y0:y1, x0:x1].mean() for _, (x0, y0, x1, y1) in boxes]
    assert min(inked) > 0.02
    covered = np.zeros_like(ink)
    for _, (x0, y0, x1, y1) in boxes:
        covered[max(0, y0 - 3) : y1 + 3, max(0, x0 - 3) : x1 + 3] = True
    # only the paper counts (the bed around a skewed page is dark too), and what is left
    # uncovered on it is the rules and the signature stroke
    page = doc.truths[0]
    inset = 40
    corners = np.array(
        [
            [inset, page.width - inset, page.width - inset, inset],
            [inset, inset, page.height - inset, page.height - inset],
            [1, 1, 1, 1],
        ]
    )
    xs, ys, ws = doc.scan_transform(0) @ corners
    xs, ys = xs / ws, ys / ws
    paper = Image.new("1", doc.images[0].size, 0)
    ImageDraw.Draw(paper).polygon(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=1)
    on_paper = np.asarray(paper, dtype=bool) & ink
    assert (on_paper & ~covered).sum() / on_paper.sum() < 0.1
    truth = doc.ground_truth()["pages"][0]
    assert truth["scan_size"] == list(doc.images[0].size)


def test_pages_of_one_document_can_be_scanned_differently(tmp_path: Path) -> None:
    """A list of degradations applies page by page (one page fed in upside down)."""
    doc = make_document(6, pages=3, degradation=["clean", "upside_down", "sideways"], dpi=150)
    assert doc.degradation_of(1).rotation == 180 and doc.degradation_of(0) == Degradation()
    assert doc.images[2].size == (doc.images[0].height, doc.images[0].width)
    for index, image in enumerate(doc.images):
        ink = _ink(image)
        inked = [ink[y0:y1, x0:x1].mean() for _, (x0, y0, x1, y1) in doc.scan_boxes(index)]
        assert min(inked) > 0.02, f"page {index + 1}: boxes miss the turned text"
    truth = doc.ground_truth()
    assert [p["degradation"]["rotation"] for p in truth["pages"]] == [0, 180, 90]
    write_pdf = tmp_path / "mixed.pdf"
    from digitize.synth import write_image_pdf

    write_image_pdf(doc.images, write_pdf)
    with pikepdf.open(write_pdf) as pdf:
        boxes = [tuple(float(v) for v in page.MediaBox) for page in pdf.pages]
    assert boxes[0][2] < boxes[0][3] and boxes[2][2] > boxes[2][3], "sideways page is landscape"
    same = make_document(6, pages=2, degradation=["skew", "skew"], dpi=150)
    assert same.page_degradations == ()


# --------------------------------------------------------------------------- formats


def test_formats_pdf_tiff_png_jpeg(tmp_path: Path) -> None:
    """Image-only PDF (one image per page, A4 at the scan dpi), multi-page TIFF, PNG, JPEG."""
    corpus = generate_corpus(
        tmp_path, seed=4, count=1, pages=2, formats=["pdf", "tiff", "png", "jpeg"]
    )
    (_, doc_id, truth_path) = corpus.documents[0]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    assert [f["path"] for f in truth["files"]] == [
        f"{doc_id}.pdf",
        f"{doc_id}.tif",
        f"{doc_id}-p01.png",
        f"{doc_id}-p02.png",
        f"{doc_id}-p01.jpg",
        f"{doc_id}-p02.jpg",
    ]
    with pikepdf.open(tmp_path / f"{doc_id}.pdf") as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            images = list(page.get_images().values())
            assert len(images) == 1
            assert images[0].Width == 2480
            assert float(page.MediaBox[2]) == pytest.approx(595.2, abs=0.1)
            assert not page.get("/Contents").read_bytes().count(b"Tj")
    with Image.open(tmp_path / f"{doc_id}.tif") as tif:
        assert tif.n_frames == 2
        assert tuple(round(v) for v in tif.info["dpi"]) == (300, 300)
    with Image.open(tmp_path / f"{doc_id}-p02.png") as png:
        assert png.size == (2480, 3508)
    assert len(truth["pages"]) == 2 and truth["metadata"]["PageAmount"] == 2
    assert truth["pages"][0]["text"] == _page_one_text(truth)


def _page_one_text(truth: dict[str, Any]) -> str:
    """Page 1 text rebuilt from the JSON's lines (the ``text`` field must agree with them)."""
    return "\n".join(line["text"] for line in truth["pages"][0]["lines"])


def test_module_cli_writes_a_box_and_rejects_bad_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m digitize.synth`` maps flags 1:1 onto ``generate_corpus``."""
    from digitize.synth.__main__ import main

    argv = [str(tmp_path), "--count", "2", "--degradations", "clean,bilevel", "--formats"]
    assert main([*argv, "tiff", "--dossier-size", "1", "--eras", "legacy", "--pages", "1-2"]) == 0
    assert len(list(tmp_path.glob("hoso-0*/vb-0-000*.tif"))) == 2
    assert "2 documents" in capsys.readouterr().out
    assert main([str(tmp_path / "x"), "--degradations", "smudge"]) == 2
    assert "unknown degradation preset" in capsys.readouterr().err


# --------------------------------------------------------------------------- fonts


def test_font_lookup_prefers_times_metric_family() -> None:
    """A serif family with Vietnamese coverage is found via fontconfig, not a fixed path."""
    family = fonts.find_font_family()
    assert family.name in fonts.PREFERRED_FAMILIES


def test_missing_fonts_name_the_debian_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a suitable font the error says which packages to install."""
    monkeypatch.setattr(fonts, "_fc_list", list)
    with pytest.raises(MissingDependencyError, match="fonts-liberation2"):
        fonts.find_font_family.__wrapped__(("Liberation Serif",))


# --------------------------------------------------------------------------- committed samples


def _manifest_rows() -> list[tuple[str, int, str]]:
    rows = []
    for line in (DATA / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([^`]+)` \|.*\| (\d+) \| `([0-9a-f]{64})` \|$", line)
        if match:
            rows.append((match[1], int(match[2]), match[3]))
    return rows


def test_manifest_lists_every_sample_with_true_size_and_sha256() -> None:
    """data/README.md is a bagit-style manifest: every committed sample, size and checksum."""
    rows = _manifest_rows()
    on_disk = sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*") if p.is_file())
    assert sorted(r[0] for r in rows) == on_disk
    problems = []
    for rel, size, digest in rows:
        path = SAMPLES / rel
        if path.stat().st_size != size:
            problems.append(f"{rel}: size")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{rel}: sha256")
    assert not problems, problems
    assert sum(r[1] for r in rows) < 3_000_000, "keep the committed samples small"


def test_committed_samples_cover_formats_and_carry_ground_truth() -> None:
    """The samples hold PNG, JPEG, TIFF (one multi-page) and a 3-page PDF, each with truth."""
    truths = sorted(SAMPLES.rglob("*.truth.json"))
    assert len(truths) >= 8
    formats: set[str] = set()
    for path in truths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert truth["schema"].startswith("congso.synth.ground-truth/")
        for entry in truth["files"]:
            formats.add(entry["format"])
            scan = path.parent / entry["path"]
            if entry["format"] == "pdf":
                with pikepdf.open(scan) as pdf:
                    assert len(pdf.pages) == len(entry["pages"])
            else:
                with Image.open(scan) as image:
                    assert getattr(image, "n_frames", 1) == len(entry["pages"])
        for page in truth["pages"]:
            assert unicodedata.normalize("NFC", page["text"]) == page["text"]
    assert formats == {"png", "jpeg", "tiff", "pdf"}


@pytest.mark.slow
def test_committed_samples_regenerate_identically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``data/generate_samples.py --seed 7`` reproduces every committed file byte for byte."""
    spec = importlib.util.spec_from_file_location("generate_samples", DATA / "generate_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    truth = json.loads(next(SAMPLES.rglob("*.truth.json")).read_text(encoding="utf-8"))
    if truth["font"]["family"] != fonts.find_font_family().name:
        pytest.skip("samples were drawn with another font family than this machine's")
    if truth["generator"] != generator_environment():
        pytest.skip(
            f"samples were drawn with {truth['generator']}, this machine has "
            f"{generator_environment()}: bytes may differ"
        )
    module.generate(tmp_path, 7)
    for rel, _, digest in _manifest_rows():
        assert hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest() == digest, rel


@pytest.mark.tesseract
def test_clean_sample_is_ocrable_by_tesseract_vie() -> None:
    """Real ``tesseract -l vie`` reads the clean committed sample at CER < 2%.

    Compared with the row-order text (``text_rows``), the order Tesseract's default page
    segmentation reads side-by-side blocks in; ỵ is folded (DOMAIN.md §8).
    """
    truth = json.loads((SAMPLES / "01-clean-png" / "vb-01.truth.json").read_text("utf-8"))
    done = subprocess.run(
        ["tesseract", str(SAMPLES / "01-clean-png" / "vb-01.png"), "-", "-l", "vie"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    cer = _cer(truth["pages"][0]["text_rows"], done.stdout)
    assert cer < 0.02, f"CER {cer:.2%}"
