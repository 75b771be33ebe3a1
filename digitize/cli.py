"""The ``digitize`` command: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from digitize import __version__
from digitize.doctor import run_checks
from digitize.exceptions import DigitizeError, ExitCode

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
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
