"""Throughput of the digitize pipeline against raw ``tesseract`` on the same clean pages.

Side by side in one run, interleaved, medians over repeats (the machine is shared):
  * raw: ``tesseract PAGE OUT -l vie txt hocr pdf`` per page, N at a time, OMP_THREAD_LIMIT=1
    (the same outputs the pipeline writes: text, hOCR and a searchable PDF);
  * pipeline: ``digitize_archive`` on the same files, with and without preprocessing.
Prints pages/minute, CPU-s/page (this process and every reaped child) and the ratio
pipeline/raw for 1 and N jobs (scaling), the time split rasterize / preprocess / OCR / page
PDF / assembly, and peak RSS per worker and Tesseract.
With ``--engines`` it also compares the two OCR engines side by side on the same pages:
``tesseract`` (the CLI, one process and one model load per page) and ``tesserocr`` (the
model kept loaded in one child per worker), alone (engine.recognize, N threads) and inside
the pipeline (``--no-preprocess``), prints the CER between their texts, and the CER of each
against the ground truth on generated degraded pages after ``prepare_page``
(``--accuracy-pages`` per class; the two engines bundle different Tesseract versions).
With ``--ocrmypdf PATH`` (an OCRmyPDF installed anywhere, e.g. its own venv: it is not a
project dependency) it also times ``ocrmypdf -l vie --jobs N --rotate-pages --deskew`` against
the pipeline on the same pages bound into one multi-page PDF.

    .venv/bin/python bench/bench_throughput.py --pages 8 --repeats 3 --jobs 2 \
        [--engines] [--cold] [--ocrmypdf /tmp/ocrvenv/bin/ocrmypdf]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from digitize import digitize_archive
from digitize.ocr import get_engine, tesserocr_engine
from digitize.quality import cer

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
DPI = 300
BODY_TEXT = (
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
    "văn thư; xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 3236/TTr-SNV, Ủy ban nhân "
    "dân tỉnh ban hành kèm theo Quyết định này Quy chế quản lý văn bản đi, văn bản đến và "
    "lập hồ sơ điện tử tại các sở, ban, ngành; giao Sở Thông tin và Truyền thông chủ trì, "
    "phối hợp với các cơ quan, đơn vị có liên quan triển khai thực hiện, định kỳ hằng năm "
    "tổng hợp, báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 tháng 12."
)
BODY = BODY_TEXT.split()


def make_pages(folder: Path, count: int) -> list[Path]:
    """Clean A4 pages at 300 dpi, 13 pt Liberation Serif, NĐ 30 margins, ~35 lines each."""
    folder.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(FONT, round(13 / 72 * DPI))
    width, height = round(8.27 * DPI), round(11.69 * DPI)
    left, right = round(30 / 25.4 * DPI), round(15 / 25.4 * DPI)
    paths = []
    for n in range(count):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        y = round(20 / 25.4 * DPI)
        draw.text((left, y), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=font, fill=0)
        y += round(13 / 72 * DPI * 2)
        words = BODY[n % len(BODY) :] + BODY * 8
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) > width - left - right:
                draw.text((left, y), line, font=font, fill=0)
                y += round(13 / 72 * DPI * 1.5)
                line = word
                if y > height - round(25 / 25.4 * DPI):
                    break
            else:
                line = trial
        path = folder / f"trang-{n + 1:03d}.png"
        page.save(path, dpi=(DPI, DPI))
        paths.append(path)
    return paths


def bind_pdf(pages: list[Path], target: Path) -> Path:
    """One image-only PDF of the pages, losslessly (Flate), at their 300 dpi."""
    import zlib

    import pikepdf

    with pikepdf.new() as pdf:
        for path in pages:
            with Image.open(path) as image:
                gray = image.convert("L")
            w, h = gray.size
            xobj = pikepdf.Stream(
                pdf,
                zlib.compress(gray.tobytes()),
                Type=pikepdf.Name.XObject,
                Subtype=pikepdf.Name.Image,
                Width=w,
                Height=h,
                ColorSpace=pikepdf.Name.DeviceGray,
                BitsPerComponent=8,
                Filter=pikepdf.Name.FlateDecode,
            )
            pw, ph = w * 72 / DPI, h * 72 / DPI
            page = pdf.add_blank_page(page_size=(pw, ph))
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=xobj))
            page.obj.Contents = pikepdf.Stream(pdf, f"q {pw} 0 0 {ph} 0 0 cm /Scan Do Q".encode())
        pdf.save(target)
    return target


def run_ocrmypdf(exe: str, pdf: Path, out: Path, jobs: int) -> float:
    """Seconds for OCRmyPDF with rotation and deskew (no Ghostscript: plain PDF output)."""
    out.mkdir(parents=True, exist_ok=True)
    argv = [exe, "-l", "vie", "--jobs", str(jobs), "--rotate-pages", "--deskew"]
    argv += ["--output-type", "pdf", "--quiet", str(pdf), str(out / "ocr.pdf")]
    started = time.perf_counter()
    subprocess.run(
        argv, check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}
    )
    return time.perf_counter() - started


def run_raw(pages: list[Path], out: Path, jobs: int) -> float:
    """Seconds for raw Tesseract to write txt+hocr+pdf for every page, ``jobs`` at a time."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> None:
        subprocess.run(
            ["tesseract", str(page), str(out / page.stem), "-l", "vie", "txt", "hocr", "pdf"],
            check=True,
            capture_output=True,
            env=env,
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, pages))
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of this process, every child reaped so far (Tesseract runs) and every
    living child with what it has reaped: the pipeline's workers are forked by a fork
    server that outlives a run, so their time reaches us only through its ``/proc`` entry."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, ...; utime, stime, cutime, cstime are 12-15.
        if int(fields[1]) == me:
            total += sum(int(v) for v in fields[11:15]) / tick
    return total


def run_engine(name: str, images: list[Path], out: Path, jobs: int) -> float:
    """Seconds for OCR engine ``name`` on TIFF ``images``, ``jobs`` threads (one child each).

    Each run starts its own children, so the tesserocr model loads are counted; they are
    reaped at the end so that their CPU time is counted too.
    """
    out.mkdir(parents=True, exist_ok=True)
    engine = get_engine(name, memory_mb=2048)
    engine.check("vie")

    def one(image: Path) -> None:
        engine.recognize(image, out / image.stem, dpi=DPI, lang="vie", timeout=600)

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, images))
    elapsed = time.perf_counter() - started
    for server in list(tesserocr_engine._all):
        CHILD_PEAK_MIB[name] = max(CHILD_PEAK_MIB.get(name, 0.0), _peak_rss_mib(server.proc.pid))
    tesserocr_engine.shutdown()
    return elapsed


CHILD_PEAK_MIB: dict[str, float] = {}


def _peak_rss_mib(pid: int) -> float:
    """Peak resident memory of a running process (Linux ``VmHWM``), MiB; 0 if unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_pipeline(
    src: Path, archive: Path, jobs: int, preprocess: bool, engine: str = "tesseract"
) -> float:
    """Seconds for ``digitize_archive`` on ``src`` into a fresh archive."""
    started = time.perf_counter()
    result = digitize_archive(
        src, archive, {"jobs": jobs, "preprocess": preprocess, "engine": engine}
    )
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"pipeline failed: {result.failures}")
    return elapsed


_COLD = """
import json, sys, time
from pathlib import Path
from digitize import digitize_archive

def main():
    src, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    times = []
    for n in range(3):
        started = time.perf_counter()
        digitize_archive(src, out / str(n), {"jobs": jobs, "preprocess": True})
        times.append(time.perf_counter() - started)
    print(json.dumps(times))

if __name__ == "__main__":
    main()
"""


def run_cold(src: Path, root: Path, jobs: int) -> list[float]:
    """Seconds of three pipeline runs in a fresh interpreter: the first one starts the
    fork server (and its imports), the next two reuse it."""
    script = root / "cold_runs.py"
    script.write_text(_COLD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(src), str(root / f"cold-{jobs}"), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    times: list[float] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


def time_split(archive: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Summed seconds per step, and peak RSS (MiB), from the archive's catalog."""
    steps: dict[str, float] = {}
    rss: dict[str, float] = {}
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        for (raw,) in db.execute("SELECT timings FROM pages WHERE state = 'done'"):
            for key, value in json.loads(raw).items():
                if key.startswith("rss."):
                    rss[key[4:]] = max(rss.get(key[4:], 0.0), value)
                elif "." not in key:
                    steps[key] = steps.get(key, 0.0) + value
        steps["assemble"] = sum(
            v or 0.0 for (v,) in db.execute("SELECT assemble_seconds FROM documents")
        )
    return steps, rss


def compare_ocrmypdf(args: argparse.Namespace, root: Path, pages: list[Path]) -> None:
    """Pipeline vs OCRmyPDF on one multi-page PDF, ``args.jobs`` each, interleaved."""
    pdf_dir = root / "pdf"
    pdf_dir.mkdir()
    bound = bind_pdf(pages, pdf_dir / "ho-so.pdf")
    ours: list[float] = []
    theirs: list[float] = []
    for r in range(args.repeats):
        theirs.append(run_ocrmypdf(args.ocrmypdf, bound, root / f"omp-{r}", args.jobs))
        ours.append(run_pipeline(pdf_dir, root / f"omp-ours-{r}", args.jobs, True))
    mine, other = statistics.median(ours), statistics.median(theirs)
    print(f"\nmulti-page PDF ({args.pages} pages), {args.jobs} jobs, medians:")
    print(f"  ocrmypdf --rotate-pages --deskew: {other:.1f} s, {60 * args.pages / other:.1f} p/min")
    print(f"  pipeline (preprocess auto):       {mine:.1f} s, {60 * args.pages / mine:.1f} p/min")
    print(f"  pipeline / OCRmyPDF throughput:   {other / mine:.2f}×")


def compare_engines(
    args: argparse.Namespace,
    times: dict[tuple[str, int], list[float]],
    cpus: dict[tuple[str, int], list[float]],
    job_counts: list[int],
    outputs: dict[str, Path],
) -> None:
    """Ratios tesserocr / tesseract (same pages, same run), and how far their texts differ."""
    print(f"\nOCR engines side by side ({args.pages} pages, medians of {args.repeats}):")
    pairs = (
        ("engine", "engine tesseract", "engine tesserocr"),
        ("pipeline", "pipeline --no-preprocess", "pipeline --engine tesserocr"),
    )
    for label, base, new in pairs:
        for jobs in job_counts:
            speed = statistics.median(times[(base, jobs)]) / statistics.median(times[(new, jobs)])
            cpu = statistics.median(cpus[(new, jobs)]) / statistics.median(cpus[(base, jobs)])
            print(
                f"  {label:<9} {jobs} job(s): tesserocr pages/min {speed:.2f}× tesseract, "
                f"CPU-s/page {cpu:.2f}× tesseract"
            )
    if peak := CHILD_PEAK_MIB.get("tesserocr"):
        print(f"  tesserocr child (model loaded, one per worker): peak RSS {peak:.0f} MiB")
    a, b = outputs["engine tesseract"], outputs["engine tesserocr"]
    errors = [
        cer(page.read_text("utf-8"), (b / page.name).read_text("utf-8"))
        for page in sorted(a.glob("*.txt"))
    ]
    print(
        f"  CER between the engines' texts: median {statistics.median(errors):.4%}, "
        f"max {max(errors):.4%} over {len(errors)} pages"
    )


ACCURACY_CLASSES = (
    "clean",
    "skew",
    "sideways",
    "speckle",
    "shadow",
    "noise",
    "bleed_through",
    "lowres",
    "jpeg",
)


def compare_engine_accuracy(root: Path, per_class: int) -> None:
    """CER against ground truth of both engines on the same prepared degraded pages."""
    from digitize.preprocess import prepare_page
    from digitize.synth import PRESETS, make_document

    folder = root / "accuracy"
    folder.mkdir()
    engines = {name: get_engine(name, memory_mb=2048) for name in ("tesseract", "tesserocr")}
    print(f"\nCER against ground truth after prepare_page ({per_class} page(s) per class):")
    print(f"  {'class':<14}{'tesseract':>11}{'tesserocr':>11}")
    totals: dict[str, list[float]] = {name: [] for name in engines}
    for preset in ACCURACY_CLASSES:
        errors: dict[str, list[float]] = {name: [] for name in engines}
        for seed in range(1000, 1000 + per_class):
            doc = make_document(seed, degradation=PRESETS[preset])
            image, truth = doc.images[0], doc.clean[0].truth
            dpi = round(float(image.info.get("dpi", (DPI, DPI))[0]))
            tiff = folder / f"{preset}-{seed}.tif"
            prepare_page(image, dpi=dpi).ocr_image.save(tiff, format="TIFF", compression="raw")
            for name, engine in engines.items():
                out = engine.recognize(
                    tiff, folder / f"{preset}-{seed}-{name}", dpi=dpi, lang="vie", timeout=600
                )
                text = out.txt.read_text("utf-8")
                # As bench_accuracy scores: either reading order of two-column headers.
                errors[name].append(min(cer(t, text) for t in (truth.text, truth.text_rows)))
        row = "".join(f"{statistics.median(v):>10.2%} " for v in errors.values())
        print(f"  {preset:<14}{row}")
        for name, values in errors.items():
            totals[name].extend(values)
    tesserocr_engine.shutdown()
    row = "".join(f"{statistics.median(v):>10.2%} " for v in totals.values())
    print(f"  {'median, all':<14}{row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--ocrmypdf", help="path of an ocrmypdf executable to compare with")
    parser.add_argument("--only-ocrmypdf", action="store_true", help="skip the raw-tesseract table")
    parser.add_argument(
        "--engines", action="store_true", help="also compare the tesseract and tesserocr engines"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also time a first run in a fresh interpreter (fork server start included)",
    )
    parser.add_argument(
        "--accuracy-pages",
        type=int,
        default=1,
        help="with --engines: degraded pages per class for the engines' CER (0: skip)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        root = Path(tmp)
        src = root / "src"
        pages = make_pages(src, args.pages)
        if args.only_ocrmypdf:
            compare_ocrmypdf(args, root, pages)
            return
        job_counts = sorted({1, args.jobs})
        configs: dict[str, Callable[[Path, int], float]] = {
            "tesseract CLI": lambda out, j: run_raw(pages, out, j),
            "pipeline --no-preprocess": lambda out, j: run_pipeline(src, out, j, False),
            "pipeline (preprocess auto)": lambda out, j: run_pipeline(src, out, j, True),
        }
        if args.engines:
            # What the pipeline hands an engine: uncompressed TIFF with the dpi given.
            tiffs = root / "tiff"
            tiffs.mkdir()
            images = []
            for page in pages:
                with Image.open(page) as image:
                    image.save(tiffs / f"{page.stem}.tif", format="TIFF", compression="raw")
                images.append(tiffs / f"{page.stem}.tif")
            configs |= {
                "engine tesseract": lambda out, j: run_engine("tesseract", images, out, j),
                "engine tesserocr": lambda out, j: run_engine("tesserocr", images, out, j),
                "pipeline --engine tesserocr": lambda out, j: run_pipeline(
                    src, out, j, False, "tesserocr"
                ),
            }
        times: dict[tuple[str, int], list[float]] = {}
        cpus: dict[tuple[str, int], list[float]] = {}
        last_archive: dict[str, Path] = {}
        last_engine_out: dict[str, Path] = {}
        runs = 0
        for _ in range(args.repeats):
            for jobs in job_counts:
                for name, run in configs.items():
                    runs += 1
                    out = root / f"out-{runs:03d}"  # a fresh folder (and archive) every run
                    cpu = cpu_seconds()
                    times.setdefault((name, jobs), []).append(run(out, jobs))
                    cpus.setdefault((name, jobs), []).append(cpu_seconds() - cpu)
                    if name.startswith("engine") and jobs == args.jobs:
                        last_engine_out[name] = out
                    elif name.startswith("pipeline") and jobs == args.jobs:
                        if name in last_archive:
                            shutil.rmtree(last_archive[name], ignore_errors=True)
                        last_archive[name] = out
                    else:
                        shutil.rmtree(out, ignore_errors=True)

        print(f"{args.pages} clean A4 pages at {DPI} dpi, vie, {args.repeats} repeats, medians")
        print(
            f"{'configuration':<28}{'jobs':>5}{'s':>8}{'pages/min':>11}{'CPU-s/p':>9}"
            f"{'× raw':>8}{'× 1 job':>9}"
        )
        for name in configs:
            for jobs in job_counts:
                med = statistics.median(times[(name, jobs)])
                cpu = statistics.median(cpus[(name, jobs)]) / args.pages
                raw = statistics.median(times[("tesseract CLI", jobs)])
                one = statistics.median(times[(name, 1)])
                print(
                    f"{name:<28}{jobs:>5}{med:>8.1f}{60 * args.pages / med:>11.1f}{cpu:>9.2f}"
                    f"{raw / med:>8.2f}{one / med:>9.2f}"
                )
        if args.cold:
            print("\nfresh interpreter, pipeline (preprocess auto): first run, then two more")
            for jobs in job_counts:
                cold = run_cold(src, root, jobs)
                raw = statistics.median(times[("tesseract CLI", jobs)])
                print(
                    f"  {jobs} job(s): "
                    + " / ".join(f"{t:.1f} s" for t in cold)
                    + f"; first run {raw / cold[0]:.2f}× raw, later {raw / cold[-1]:.2f}×"
                )
        if args.engines:
            compare_engines(args, times, cpus, job_counts, last_engine_out)
            if args.accuracy_pages:
                compare_engine_accuracy(root, args.accuracy_pages)
        if args.ocrmypdf:
            compare_ocrmypdf(args, root, pages)
        for name, archive in last_archive.items():
            steps, rss = time_split(archive)
            total = sum(steps.values()) or 1.0
            split = ", ".join(f"{k} {v / total:.0%}" for k, v in steps.items())
            print(f"\n{name}, {args.jobs} jobs, CPU-side time split: {split}")
            print(
                "  per page: " + ", ".join(f"{k} {v / args.pages:.2f} s" for k, v in steps.items())
            )
            print("  peak RSS: " + ", ".join(f"{k} {v:.0f} MiB" for k, v in sorted(rss.items())))


if __name__ == "__main__":
    main()
