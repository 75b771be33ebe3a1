"""The ``graders`` command: thin wrapper over the course tools for instructors."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from graders import __version__

log = logging.getLogger("graders")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graders",
        description="Công cụ cho giảng viên: kiểm tra, phát hành, chấm điểm và báo cáo "
        "các khóa học nbgrader.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    parser.add_subparsers(dest="command", metavar="LỆNH")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
