"""The ``graders`` command: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graders import __version__
from graders.exceptions import ExitCode, GradersError

if TYPE_CHECKING:
    from graders.limits import GradingLimits

log = logging.getLogger("graders")


def _limits(args: argparse.Namespace) -> GradingLimits | None:
    from graders.limits import GradingLimits

    if args.timeout is None:
        return None
    return GradingLimits(cell_timeout_s=args.timeout)


def cmd_check(args: argparse.Namespace) -> int:
    from graders.check import check_course
    from graders.course import Course, all_courses

    courses = [Course.find(args.course)] if args.course else all_courses()
    if not courses:
        print("Không có khóa học nào trong courses/.", file=sys.stderr)
        return ExitCode.NOT_FOUND
    ok = True
    for course in courses:
        report = check_course(
            course, args.assignment or None, limits=_limits(args), execute=not args.static
        )
        print(report.format())
        ok = ok and report.ok
    return ExitCode.OK if ok else ExitCode.CHECK_FAILED


def cmd_build(args: argparse.Namespace) -> int:
    from graders.build import build_course
    from graders.course import Course

    for result in build_course(Course.find(args.course), args.assignment or None):
        for notebook in result.notebooks:
            print(f"{result.assignment}: {notebook}")
    return ExitCode.OK


class _OnlyErrorsFromTraitlets(logging.Filter):
    """Drops nbgrader's step-by-step log (it logs through 'traitlets' at INFO/WARNING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("traitlets") or record.levelno >= logging.ERROR


def _quiet_nbgrader() -> None:
    import warnings

    for handler in logging.getLogger().handlers:
        handler.addFilter(_OnlyErrorsFromTraitlets())
    # nbgrader's gradebook code trips a harmless SQLAlchemy autoflush warning on every grade.
    warnings.filterwarnings("ignore", message="Object of type <Submitted")


def cmd_autograde(args: argparse.Namespace) -> int:
    from graders.autograde import autograde
    from graders.course import Course

    results = autograde(
        Course.find(args.course),
        args.assignment,
        submissions=args.submissions,
        students=args.student or None,
        limits=_limits(args),
    )
    if not results:
        print("Không có bài nộp nào để chấm.", file=sys.stderr)
        return ExitCode.NOT_FOUND
    for result in results:
        if not result.success:
            print(f"{result.student}: KHÔNG CHẤM ĐƯỢC\n{result.error}")
            continue
        failed = ", ".join(result.failed_tests) or "không"
        waiting = [c.grade_id for c in result.cells if c.score is None]
        line = (
            f"{result.student}: {result.auto_score:g}/{result.max_auto_score:g} điểm tự động; "
            f"ô kiểm thử chưa đạt: {failed}"
        )
        if waiting:
            line += f"; chờ chấm tay: {', '.join(waiting)}"
        print(line)
    return ExitCode.OK if all(r.success for r in results) else ExitCode.NBGRADER_FAILED


def cmd_feedback(args: argparse.Namespace) -> int:
    from graders.course import Course
    from graders.feedback import generate_feedback

    result = generate_feedback(Course.find(args.course), args.assignment, args.student)
    for path in result.files:
        print(path)
    return ExitCode.OK


def cmd_report(args: argparse.Namespace) -> int:
    from graders.course import Course
    from graders.report import build_report

    report = build_report(Course.find(args.course), args.out, threshold=args.threshold)
    for path in report.files:
        print(path)
    if report.at_risk.empty:
        print("Không có học viên nào cần hỗ trợ.")
    else:
        print("Học viên cần hỗ trợ:")
        for row in report.at_risk.itertuples():
            print(f"  {row.hoc_vien}: {row.ly_do}")
    return ExitCode.OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graders",
        description="Công cụ cho giảng viên: kiểm tra, phát hành, chấm điểm và báo cáo "
        "các khóa học nbgrader.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    check = commands.add_parser(
        "check",
        help="kiểm tra khóa học trước khi phát hành",
        description="Kiểm tra từng bài: siêu dữ liệu, bản gốc qua hết kiểm thử, bản phát "
        "hành trượt hết, không lộ lời giải hay kiểm thử ẩn, bản .py đồng bộ. Mã thoát khác 0 "
        "nếu có lỗi.",
    )
    check.add_argument("course", nargs="?", help="tên khóa (mặc định: mọi khóa trong courses/)")
    check.add_argument("-a", "--assignment", action="append", help="chỉ kiểm tra bài này")
    check.add_argument("--timeout", type=int, help="giây tối đa cho mỗi ô khi chạy thử")
    check.add_argument(
        "--static",
        action="store_true",
        help="chỉ kiểm tra tĩnh (siêu dữ liệu, kiểm thử ẩn, jupytext), không chạy notebook",
    )
    check.set_defaults(func=cmd_check)

    build = commands.add_parser("build", help="tạo bản phát hành cho học viên (release/)")
    build.add_argument("course", help="tên khóa, ví dụ network-admin")
    build.add_argument("-a", "--assignment", action="append", help="chỉ tạo bài này")
    build.set_defaults(func=cmd_build)

    grade = commands.add_parser(
        "autograde",
        help="chấm tự động bài nộp (giới hạn thời gian, bộ nhớ, CPU)",
        description="Chấm tự động các bài nộp trong submitted/ (hoặc nhập từ --submissions "
        "DIR, dạng DIR/<mã học viên>/*.ipynb) bằng nbgrader, với giới hạn tài nguyên.",
    )
    grade.add_argument("course", help="tên khóa")
    grade.add_argument("assignment", help="tên bài, ví dụ 01-dia-chi-ip")
    grade.add_argument("--submissions", type=Path, help="thư mục bài nộp cần nhập trước khi chấm")
    grade.add_argument("-s", "--student", action="append", help="chỉ chấm học viên này")
    grade.add_argument("--timeout", type=int, help="giây tối đa cho mỗi ô")
    grade.set_defaults(func=cmd_autograde)

    feedback = commands.add_parser(
        "feedback",
        help="tạo phản hồi HTML (không lộ kiểm thử ẩn)",
        description="Tạo phản hồi cho các bài đã chấm; phản hồi nào lộ kiểm thử ẩn bị xóa "
        "và lệnh báo lỗi.",
    )
    feedback.add_argument("course", help="tên khóa")
    feedback.add_argument("assignment", help="tên bài")
    feedback.add_argument("-s", "--student", help="chỉ tạo cho học viên này")
    feedback.set_defaults(func=cmd_feedback)

    report = commands.add_parser(
        "report",
        help="bảng điểm CSV/XLSX, tỉ lệ đạt từng bài tập, biểu đồ, học viên cần hỗ trợ",
    )
    report.add_argument("course", help="tên khóa")
    report.add_argument("--out", type=Path, help="thư mục kết quả (mặc định <khóa>/reports)")
    report.add_argument(
        "--threshold", type=float, default=0.5, help="dưới tỉ lệ điểm này là cần hỗ trợ (0.5)"
    )
    report.set_defaults(func=cmd_report)

    from graders.classroom import add_subcommand as add_classroom  # issue 11

    add_classroom(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if not args.verbose:
        _quiet_nbgrader()
    if not hasattr(args, "func"):
        parser.print_help()
        return ExitCode.BAD_ARGS
    try:
        return int(args.func(args))
    except GradersError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return int(error.exit_code)


if __name__ == "__main__":
    sys.exit(main())
