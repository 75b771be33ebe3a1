"""The ``digitize`` command: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from digitize import __version__
from digitize.api import archive_status, digitize_archive, verify_archive
from digitize.doctor import run_checks
from digitize.exceptions import DigitizeError, ExitCode
from digitize.models import BatchResult, Failure
from digitize.options import DigitizeOptions, ExistingText, PdfOutput
from digitize.progress import TqdmProgress

log = logging.getLogger("digitize")


def _doctor(_args: argparse.Namespace) -> int:
    checks = run_checks()
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = "OK " if check.ok else "THIẾU"
        line = f"[{mark:5}] {check.name:<{width}}  {check.found}"
        if not check.ok:
            line += f"\n         → {check.fix}"
        sys.stdout.write(line + "\n")
    failed = [c for c in checks if not c.ok]
    if failed:
        sys.stdout.write(f"\n{len(failed)} mục cần cài đặt thêm.\n")
        return int(ExitCode.MISSING_DEPENDENCY)
    sys.stdout.write("\nMọi thành phần cần thiết đã sẵn sàng.\n")
    return int(ExitCode.OK)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _failure_line(f: Failure) -> str:
    # Reasons already name the file (and page): they are written to stand alone.
    return f"  ✗ {f.reason}"


def _print_failures(failures: Sequence[Failure], limit: int) -> None:
    for f in failures[:limit]:
        _out(_failure_line(f))
    if len(failures) > limit:
        _out(f"  … và {len(failures) - limit} lỗi khác (xem: digitize status KHO --all).")


def _options_from_args(args: argparse.Namespace) -> DigitizeOptions:
    """CLI flags → options: each flag's dest is the field name (1:1)."""
    values = {
        name: getattr(args, name)
        for name in DigitizeOptions.__dataclass_fields__
        if getattr(args, name, None) is not None
    }
    return DigitizeOptions(**values)


def _run(args: argparse.Namespace) -> int:
    options = _options_from_args(args)
    if options.scheduler:
        from digitize.scaleout import cluster_summary  # dask is an optional extra

        _out(cluster_summary(options.scheduler))
    progress = TqdmProgress(disable=True if args.no_progress else None)
    result: BatchResult = digitize_archive(args.source, args.out, options, progress=progress)
    docs = result.documents
    done_docs = sum(1 for d in docs if d.outputs)
    _out(
        f"Đã xử lý {result.pages_processed} trang trong {result.seconds:.1f} giây "
        f"({result.pages_per_minute:.1f} trang/phút)."
    )
    _out(
        f"Kho {result.archive}: {len(docs)} tài liệu ({done_docs} có kết quả), "
        f"{result.pages_done}/{result.pages_total} trang xong, "
        f"{result.pages_flagged} trang cần soát lại."
    )
    duplicates = sum(len(d.duplicates) for d in docs)
    if duplicates:
        _out(f"{duplicates} tệp trùng nội dung với tệp khác: chỉ xử lý một lần (xem status).")
    ignored = [r for r in result.rejected if not r.failure]
    if ignored:
        _out(f"Bỏ qua {len(ignored)} tệp không phải bản quét.")
    if result.failures:
        _out(f"\n{len(result.failures)} mục lỗi:")
        _print_failures(result.failures, 20)
        _out(f"Chi tiết: {result.archive / 'digitize.log'}")
        return int(ExitCode.BATCH_HAD_FAILURES)
    _out("Hoàn tất, không có lỗi.")
    return int(ExitCode.OK)


def _status(args: argparse.Namespace) -> int:
    st = archive_status(args.archive)
    c = st.counts
    _out(f"Kho: {st.archive}")
    if st.last_run:
        started, finished, status, pages = st.last_run
        state = {"finished": "xong", "interrupted": "bị dừng giữa chừng", "running": "đang chạy"}
        _out(
            f"Lần chạy gần nhất: {started} → {finished or '…'} "
            f"({state.get(status, status)}, {pages} trang)"
        )
    _out(
        f"Tài liệu: {len(st.documents)} (xong {c.get('documents_done', 0)}, "
        f"lỗi {c.get('documents_failed', 0)}, chờ {c.get('documents_pending', 0)})"
    )
    _out(
        f"Trang: xong {c.get('pages_done', 0)}, lỗi {c.get('pages_failed', 0)}, "
        f"chờ {c.get('pages_pending', 0)}, cần soát lại {c.get('pages_flagged', 0)}"
    )
    confs = [d.mean_confidence for d in st.documents if d.mean_confidence is not None]
    if confs:
        _out(f"Độ tin cậy OCR trung bình: {sum(confs) / len(confs):.1f}")
    if args.all:
        for d in st.documents:
            flagged = ", ".join(map(str, d.flagged_pages)) or "—"
            _out(f"  {d.state:<7} {d.relpath} ({len(d.pages)} trang; cần soát: {flagged})")
            for dup in d.duplicates:
                _out(f"          trùng nội dung: {dup}")
    if st.failures:
        _out(f"\n{len(st.failures)} mục lỗi:")
        _print_failures(st.failures, len(st.failures) if args.all else 20)
    if st.pages_pending:
        _out("\nCòn trang chưa xử lý: chạy lại đúng lệnh digitize run trước đó để tiếp tục.")
    return int(ExitCode.OK)


def _verify(args: argparse.Namespace) -> int:
    report = verify_archive(args.archive, sources=args.sources)
    for issue in report.issues:
        _out(f"  ✗ {issue.message}")
    if report.ok:
        _out(f"Đã kiểm tra {report.checked} tệp: tất cả đều nguyên vẹn.")
        return int(ExitCode.OK)
    _out(
        f"Đã kiểm tra {report.checked} tệp: {len(report.issues)} tệp thiếu, bị thay đổi "
        "hoặc chưa đạt PDF/A."
    )
    return int(ExitCode.ARCHIVE_INVALID)


def _add_run_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = DigitizeOptions()
    run = sub.add_parser(
        "run",
        help="số hóa một thư mục bản quét vào kho (chạy lại cùng lệnh để tiếp tục)",
        description="OCR hàng loạt: mỗi tệp quét thành PDF tìm kiếm được, văn bản, hOCR và "
        "ALTO trong KHO; chạy lại cùng lệnh chỉ làm tiếp các trang chưa xong.",
    )
    run.add_argument("source", metavar="THƯ_MỤC_QUÉT", help="thư mục bản quét (hoặc một tệp)")
    run.add_argument("--out", required=True, metavar="KHO", help="thư mục kho kết quả")
    run.add_argument("--jobs", type=int, help="số tiến trình song song (mặc định: số lõi CPU)")
    run.add_argument("--lang", help=f"ngôn ngữ Tesseract (mặc định: {d.lang})")
    run.add_argument("--dpi", type=int, help=f"độ phân giải dựng trang PDF (mặc định: {d.dpi})")
    run.add_argument(
        "--default-image-dpi",
        dest="default_image_dpi",
        type=int,
        help=f"dpi giả định cho ảnh không ghi dpi (mặc định: {d.default_image_dpi})",
    )
    run.add_argument(
        "--review-threshold",
        dest="review_threshold",
        type=float,
        help=f"đánh dấu cần soát lại dưới độ tin cậy này (mặc định: {d.review_threshold:g})",
    )
    run.add_argument(
        "--min-word-ratio",
        dest="min_word_ratio",
        type=float,
        help="đánh dấu khi số từ nhận dạng < tỉ lệ này × số từ ước từ mực in "
        f"(mặc định: {d.min_word_ratio:g})",
    )
    run.add_argument(
        "--low-dpi", dest="low_dpi", type=int, help=f"ngưỡng dpi thấp (mặc định: {d.low_dpi})"
    )
    run.add_argument(
        "--no-preprocess",
        dest="preprocess",
        action="store_const",
        const=False,
        help="không xoay, chỉnh nghiêng, làm sạch ảnh trước khi OCR",
    )
    run.add_argument(
        "--clean", choices=["auto", "off", "always"], help="chế độ làm sạch ảnh (mặc định: auto)"
    )
    run.add_argument(
        "--existing-text",
        dest="existing_text",
        choices=[m.value for m in ExistingText],
        help="trang PDF đã có chữ: keep = giữ nguyên, ocr = OCR lại (mặc định: keep)",
    )
    run.add_argument(
        "--pdfa",
        dest="output",
        action="store_const",
        const=PdfOutput.PDFA,
        help="ghi PDF/A-2b để lưu trữ lâu dài (TCVN 14159)",
    )
    run.add_argument(
        "--page-timeout",
        dest="page_timeout",
        type=float,
        help=f"giây tối đa cho OCR một trang (mặc định: {d.page_timeout:g})",
    )
    run.add_argument(
        "--tesseract-memory-mb",
        dest="tesseract_memory_mb",
        type=int,
        help="giới hạn bộ nhớ (MB) của mỗi tiến trình Tesseract, 0 = không giới hạn "
        f"(mặc định: {d.tesseract_memory_mb})",
    )
    run.add_argument(
        "--max-image-pixels",
        dest="max_image_pixels",
        type=int,
        help=f"từ chối ảnh lớn hơn số điểm ảnh này (mặc định: {d.max_image_pixels})",
    )
    run.add_argument(
        "--retry-failed",
        dest="retry_failed",
        action="store_const",
        const=True,
        help="xử lý lại cả các tệp/trang đã lỗi ở lần trước",
    )
    run.add_argument(
        "--keep-work",
        dest="keep_work",
        action="store_const",
        const=True,
        help="giữ tệp trung gian từng trang",
    )
    run.add_argument(
        "--engine",
        help=f"bộ OCR: tesseract (gọi chương trình cho từng trang), tesserocr (giữ mô hình "
        f"trong bộ nhớ, nhanh hơn) hoặc module:hàm (mặc định: {d.engine})",
    )
    run.add_argument(
        "--tesseract-cmd", dest="tesseract_cmd", help="đường dẫn chương trình tesseract"
    )
    run.add_argument(
        "--scheduler",
        metavar="tcp://MÁY:CỔNG",
        help="chạy các trang trên cụm Dask qua scheduler này thay vì trên máy này "
        "(cài: pip install -e .[dask]; xem docs/scale-out.md)",
    )
    run.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")
    run.set_defaults(func=_run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digitize",
        description="Số hóa tài liệu lưu trữ: OCR hàng loạt bản quét (PDF, TIFF, JPEG, PNG) "
        "thành văn bản tìm kiếm được.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    doctor = sub.add_parser(
        "doctor", help="kiểm tra Tesseract, ngôn ngữ vie, poppler và các gói Python"
    )
    doctor.set_defaults(func=_doctor)
    _add_run_parser(sub)
    status = sub.add_parser("status", help="tóm tắt tình trạng một kho")
    status.add_argument("archive", metavar="KHO")
    status.add_argument("--all", action="store_true", help="liệt kê từng tài liệu và mọi lỗi")
    status.set_defaults(func=_status)
    verify = sub.add_parser(
        "verify",
        help="kiểm tra mã băm SHA-256 của mọi tệp kết quả và các yêu cầu PDF/A-2b của tệp PDF/A",
    )
    verify.add_argument("archive", metavar="KHO")
    verify.add_argument(
        "--sources", action="store_true", help="kiểm tra cả mã băm của các bản quét gốc"
    )
    verify.set_defaults(func=_verify)
    from digitize.cli_records import add_record_commands

    add_record_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # The archive's own log file takes INFO records during a run; the terminal stays quiet.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    if not hasattr(args, "func"):
        parser.print_help()
        return int(ExitCode.BAD_ARGS)
    try:
        return int(args.func(args))
    except DigitizeError as e:
        sys.stderr.write(f"Lỗi: {e}\n")
        return int(e.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng theo yêu cầu; chạy lại cùng lệnh để tiếp tục.\n")
        return int(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    sys.exit(main())
