"""Create a class on a JupyterHub from a roster CSV: usernames, gradebook, exchange, hub file.

The roster is what a training centre already keeps (Vietnamese names, one person a line)::

    họ tên,tên đăng nhập,email,vai trò
    Nguyễn Văn An,,an.nv@tinh.gov.vn,giảng viên
    Trần Thị Bình,,binh.tt@tinh.gov.vn,học viên

From it :func:`setup_classroom` adds the trainees to the course's nbgrader gradebook, prepares
the course's folders in nbgrader's exchange and writes ``<course>.json`` for
``deploy/jupyterhub_config.py`` (allowed users, groups, the course's formgrader service).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from graders.exceptions import ExitCode, GradersError

if TYPE_CHECKING:
    from graders.course import Course

log = logging.getLogger(__name__)

DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")
DEFAULT_HUB_DIR = Path("/etc/congso/classes")
HUB_DIR_ENV = "CONGSO_HUB_CLASSES"
# A portable Linux login name that is also a valid nbgrader student id and URL segment.
USERNAME_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
# Names a generated login must never take: they belong to the system or to the hub.
RESERVED = frozenset(
    {"root", "admin", "daemon", "bin", "sys", "nobody", "jupyterhub", "grader", "www-data"}
)
USERADD_TIMEOUT_S = 30

# Modes nbgrader's own release/collect code creates and checks (nbgrader/exchange/default).
EXCHANGE_ROOT_MODE = 0o1777  # world-writable, sticky: nobody removes another's files
COURSE_DIR_MODE = 0o755
OUTBOUND_MODE = 0o755
# Trainees can write into inbound but not list it (nbgrader's 2733); the sticky bit added here
# stops anyone who learns the name of another's submission from deleting or replacing it.
INBOUND_MODE = 0o3733
FEEDBACK_MODE = 0o711  # feedback sits under an unguessable hash; listing is not allowed


class RosterError(GradersError):
    """The roster has problems; every one of them is listed, with its line number."""

    exit_code = ExitCode.BAD_ARGS

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "Danh sách lớp có lỗi, hãy sửa tệp CSV rồi chạy lại:\n"
            + "\n".join(f"  - {p}" for p in self.problems)
        )


class ClassroomError(GradersError):
    """The class could not be set up on this machine (permissions, missing accounts)."""

    exit_code = ExitCode.NBGRADER_FAILED


class Role(StrEnum):
    """What a person does in the class."""

    INSTRUCTOR = "giảng viên"
    TRAINEE = "học viên"


_ROLE_WORDS = {
    "giang vien": Role.INSTRUCTOR,
    "gv": Role.INSTRUCTOR,
    "instructor": Role.INSTRUCTOR,
    "teacher": Role.INSTRUCTOR,
    "hoc vien": Role.TRAINEE,
    "hv": Role.TRAINEE,
    "trainee": Role.TRAINEE,
    "student": Role.TRAINEE,
    "": Role.TRAINEE,
}

# Column headers as folded lower-case ASCII, so "Họ tên", "HO TEN" and "name" all match.
_COLUMNS = {
    "ho ten": "name",
    "ho va ten": "name",
    "name": "name",
    "full name": "name",
    "ten dang nhap": "username",
    "username": "username",
    "login": "username",
    "email": "email",
    "e-mail": "email",
    "thu dien tu": "email",
    "vai tro": "role",
    "role": "role",
}


def nfc(text: str) -> str:
    """``text`` in Unicode NFC with runs of white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_ascii(text: str) -> str:
    """Vietnamese text without diacritics: ``Đặng Thị Ánh`` → ``Dang Thi Anh``."""
    # Đ has no decomposition; the look-alike Ð (eth) turns up in names typed on other layouts.
    text = text.translate(str.maketrans("đĐðÐ", "dDdD"))
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Person:
    """One line of the roster.

    Attributes:
        full_name: the name as written, NFC, e.g. ``Nguyễn Thị Minh Khai``.
        username: the login on the hub and the nbgrader student id (ASCII, see USERNAME_RE).
        email: may be empty.
        role: instructor or trainee.
    """

    full_name: str
    username: str
    email: str = ""
    role: Role = Role.TRAINEE

    def __post_init__(self) -> None:
        if not self.full_name or self.full_name != nfc(self.full_name):
            raise ValueError(f"full_name must be non-empty NFC text, got {self.full_name!r}")
        if not USERNAME_RE.match(self.username):
            raise ValueError(f"username {self.username!r} does not match {USERNAME_RE.pattern}")

    @property
    def last_name(self) -> str:
        """Họ and tên đệm (everything but the last word): nbgrader's ``last_name``."""
        return self.full_name.rpartition(" ")[0]

    @property
    def first_name(self) -> str:
        """Tên, the given name Vietnamese lists sort by: nbgrader's ``first_name``."""
        return self.full_name.rpartition(" ")[2]


@dataclass(frozen=True, slots=True)
class Roster:
    """Everyone in one class, in roster order, with unique usernames."""

    people: tuple[Person, ...]

    def __post_init__(self) -> None:
        names = [p.username for p in self.people]
        if len(names) != len(set(names)):
            raise ValueError("usernames must be unique")

    @property
    def instructors(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role is Role.INSTRUCTOR)

    @property
    def trainees(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role is Role.TRAINEE)


def make_username(full_name: str, taken: Iterable[str] = ()) -> str:
    """A login in the usual style of Vietnamese offices: given name + initials of the rest.

    ``Nguyễn Văn An`` → ``annv``; when that is taken, ``annv2``, ``annv3``…
    """
    words = re.sub(r"[^a-z0-9 ]", "", fold_ascii(nfc(full_name)).lower()).split()
    if not words:
        raise ValueError(f"no letters to build a username from in {full_name!r}")
    base = (words[-1] + "".join(w[0] for w in words[:-1]))[:28]
    if not base[0].isalpha():
        base = "u" + base
    unavailable = set(taken) | RESERVED
    candidate, n = base, 1
    while candidate in unavailable:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def parse_role(text: str) -> Role:
    """The role written in the roster, in Vietnamese or English, with or without accents."""
    key = fold_ascii(nfc(text)).lower()
    if key not in _ROLE_WORDS:
        raise ValueError(text)
    return _ROLE_WORDS[key]


def parse_roster(text: str) -> Roster:
    """Read a roster from CSV text (comma or semicolon), reporting every problem at once."""
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.partition("\n")[0], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(text.splitlines(), dialect))
    if not rows:
        raise RosterError(["tệp trống: dòng đầu phải là tiêu đề (họ tên, tên đăng nhập, ...)"])
    header = [_COLUMNS.get(fold_ascii(nfc(h)).lower(), "") for h in rows[0]]
    if "name" not in header:
        raise RosterError([f"dòng 1: không thấy cột 'họ tên' trong tiêu đề {', '.join(rows[0])}"])

    problems: list[str] = []
    entries: list[tuple[int, dict[str, str]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {key: nfc(cell) for key, cell in zip(header, row, strict=False) if key}
        entries.append((number, values))

    # Given logins are claimed first, so generated ones never collide with them.
    given: dict[str, int] = {}
    for number, values in entries:
        username = values.get("username", "")
        if not username:
            continue
        if not USERNAME_RE.match(username):
            problems.append(
                f"dòng {number}: tên đăng nhập {username!r} không hợp lệ (chỉ chữ thường "
                "không dấu, số, '_' hoặc '-', bắt đầu bằng chữ, tối đa 32 ký tự)"
            )
        elif username in given:
            problems.append(
                f"dòng {number}: tên đăng nhập {username!r} trùng với dòng {given[username]}"
            )
        else:
            given[username] = number

    people: list[Person] = []
    taken = set(given)
    for number, values in entries:
        name = values.get("name", "")
        if not name:
            problems.append(f"dòng {number}: thiếu họ tên")
            continue
        try:
            role = parse_role(values.get("role", ""))
        except ValueError:
            problems.append(
                f"dòng {number}: vai trò {values.get('role')!r} không rõ "
                "(ghi 'giảng viên' hoặc 'học viên')"
            )
            continue
        email = values.get("email", "")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            problems.append(f"dòng {number}: email {email!r} không hợp lệ")
            continue
        username = values.get("username", "")
        if not username:
            try:
                username = make_username(name, taken)
            except ValueError:
                problems.append(f"dòng {number}: họ tên {name!r} không có chữ cái nào")
                continue
            taken.add(username)
        elif given.get(username) != number:
            continue  # already reported above
        people.append(Person(name, username, email, role))
    if problems:
        raise RosterError(problems)
    if not people:
        raise RosterError(["danh sách không có ai"])
    return Roster(tuple(people))


def read_roster(path: Path) -> Roster:
    """Read a roster CSV file (UTF-8, with or without Excel's byte-order mark)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise RosterError(
            [f"{path}: không phải UTF-8; trong Excel hãy lưu bằng 'CSV UTF-8 (Comma delimited)'"]
        ) from error
    except OSError as error:
        raise RosterError([f"không đọc được {path}: {error.strerror}"]) from error
    return parse_roster(text)


@dataclass(frozen=True, slots=True)
class ClassroomResult:
    """What :func:`setup_classroom` did.

    Attributes:
        course: the course.
        roster: everyone in the class.
        grader: the account that owns the course folder and runs its formgrader service.
        exchange: nbgrader's exchange root.
        hub_file: the ``<course>.json`` that ``deploy/jupyterhub_config.py`` reads.
        students_added: trainees newly recorded in the gradebook (others were updated).
        accounts_created: system accounts created by ``useradd``.
    """

    course: Course
    roster: Roster
    grader: str
    exchange: Path
    hub_file: Path
    students_added: tuple[str, ...] = ()
    accounts_created: tuple[str, ...] = field(default=())


def _owner_ids(username: str) -> tuple[int, int] | None:
    import pwd

    try:
        entry = pwd.getpwnam(username)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def pwd_home(username: str) -> str:
    """The home folder of a system account (empty when there is no such account)."""
    import pwd

    try:
        return pwd.getpwnam(username).pw_dir
    except KeyError:
        return ""


def ensure_exchange(exchange: Path, course: str, owner: str | None = None) -> None:
    """Create nbgrader's exchange root and, given the course's owner, its course folders.

    nbgrader refuses to release into a course folder its user does not own, so the course
    folders are only created here when they can be given to ``owner`` (running as root);
    otherwise the first ``nbgrader release_assignment`` creates them.
    """
    exchange.mkdir(parents=True, exist_ok=True)
    try:
        exchange.chmod(EXCHANGE_ROOT_MODE)
    except PermissionError as error:
        raise ClassroomError(
            f"Không đổi được quyền của {exchange}; hãy chạy lệnh này bằng sudo "
            f"hoặc: sudo chmod 1777 {exchange}"
        ) from error
    ids = _owner_ids(owner) if owner and os.geteuid() == 0 else None
    if ids is None:
        return
    course_dir = exchange / course
    for path, mode in (
        (course_dir, COURSE_DIR_MODE),
        (course_dir / "outbound", OUTBOUND_MODE),
        (course_dir / "inbound", INBOUND_MODE),
        (course_dir / "feedback", FEEDBACK_MODE),
    ):
        path.mkdir(exist_ok=True)
        os.chown(path, *ids)
        path.chmod(mode)


def record_students(
    course: Course, trainees: Iterable[Person], system_prefix: str = ""
) -> tuple[str, ...]:
    """Add or update the trainees in the course's gradebook; return the ids that were new.

    nbgrader's student id is the Linux account running the trainee's server: the hub name
    with ``system_prefix`` (TLJH makes ``jupyter-<name>`` accounts).
    """
    from nbgrader.api import Gradebook

    from graders.course import ensure_tools_on_path

    ensure_tools_on_path()  # nbgrader runs alembic to create a new gradebook
    config = course.config()
    added: list[str] = []
    with Gradebook(config.CourseDirectory.db_url, course_id=course.name) as gradebook:
        known = {s.id for s in gradebook.students}
        for person in trainees:
            student_id = system_prefix + person.username
            gradebook.update_or_create_student(
                student_id,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email or None,
            )
            if student_id not in known:
                added.append(student_id)
    return tuple(added)


def create_accounts(people: Iterable[Person], system_prefix: str = "") -> tuple[str, ...]:
    """Create a local system account (``useradd -m``) for each person who has none."""
    if os.geteuid() != 0:
        raise ClassroomError("Tạo tài khoản hệ thống cần quyền root: hãy chạy lại bằng sudo.")
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    created: list[str] = []
    for person in people:
        account = system_prefix + person.username
        if _owner_ids(account) is not None:
            continue
        # GECOS stays ASCII: some PAM and mail tools still choke on UTF-8 there.
        argv = [useradd, "-m", "-s", "/bin/bash", "-c", fold_ascii(person.full_name)]
        try:
            subprocess.run(
                [*argv, account],
                check=True,
                capture_output=True,
                text=True,
                timeout=USERADD_TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            detail = getattr(error, "stderr", "") or str(error)
            raise ClassroomError(
                f"useradd không tạo được tài khoản {account}: {detail.strip()}"
            ) from error
        home = pwd_home(account)
        if home and Path(home).is_dir():
            # Debian's useradd makes homes 0755 (UMASK 022): trainees would read each other's
            # notebooks and fetched feedback.
            Path(home).chmod(0o700)
        log.info("Created the system account %s", account)
        created.append(account)
    return tuple(created)


def hub_entry(
    course: Course, roster: Roster, grader: str, system_prefix: str = ""
) -> dict[str, object]:
    """The class as ``deploy/jupyterhub_config.py`` reads it (hub names, not accounts)."""
    return {
        "system_prefix": system_prefix,
        "course": course.name,
        "course_root": str(course.root),
        "grader": grader,
        "instructors": [p.username for p in roster.instructors],
        "trainees": [p.username for p in roster.trainees],
        "names": {p.username: p.full_name for p in roster.people},
    }


def setup_classroom(
    course: Course,
    roster: Roster,
    *,
    exchange: Path = DEFAULT_EXCHANGE,
    hub_dir: Path = DEFAULT_HUB_DIR,
    grader: str | None = None,
    create_users: bool = False,
    chown_course: bool = False,
    system_prefix: str = "",
) -> ClassroomResult:
    """Set the course up for ``roster`` on this hub machine.

    ``grader`` owns the course folder and runs its formgrader service (default: the first
    instructor). With ``create_users`` missing system accounts are created; with
    ``chown_course`` the course folder is given to ``grader`` and closed to everyone else, so
    trainees cannot read the sources with their solutions. ``system_prefix`` is what the hub
    puts before a hub name to get the Linux account (``jupyter-`` on TLJH, empty otherwise).
    """
    if not roster.instructors and grader is None:
        raise ClassroomError(
            "Danh sách không có giảng viên nào: thêm một dòng có vai trò 'giảng viên' "
            "hoặc chỉ định --grader."
        )
    grader = grader or roster.instructors[0].username
    if not USERNAME_RE.match(grader):
        raise ClassroomError(f"Tên tài khoản chấm bài {grader!r} không hợp lệ.")

    created = create_accounts(roster.people, system_prefix) if create_users else ()
    added = record_students(course, roster.trainees, system_prefix)
    if chown_course:
        _give_course_to(course.root, system_prefix + grader)
    ensure_exchange(exchange, course.name, system_prefix + grader)

    hub_dir.mkdir(parents=True, exist_ok=True)
    hub_file = hub_dir / f"{course.name}.json"
    entry = hub_entry(course, roster, grader, system_prefix)
    text = json.dumps(entry, ensure_ascii=False, indent=2)
    temporary = hub_file.with_suffix(".json.tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(hub_file)
    log.info("Wrote %s for %d people", hub_file, len(roster.people))
    return ClassroomResult(course, roster, grader, exchange, hub_file, added, created)


def _give_course_to(root: Path, owner: str) -> None:
    ids = _owner_ids(owner)
    if ids is None:
        raise ClassroomError(
            f"Chưa có tài khoản hệ thống {owner}: tạo nó trước (thêm --create-users)."
        )
    if os.geteuid() != 0:
        raise ClassroomError("Giao thư mục khóa học cho tài khoản khác cần quyền root (sudo).")
    for directory, _dirs, files in os.walk(root):
        os.chown(directory, *ids)
        for name in files:
            os.chown(Path(directory) / name, *ids, follow_symlinks=False)
    # Sources carry solutions and hidden tests: only the grader may read them.
    root.chmod(0o700)


def next_steps(result: ClassroomResult, hub_url: str = "http://<máy-chủ>/") -> str:
    """What each person does next, in Vietnamese, ready to print or e-mail."""
    hub = hub_url.rstrip("/")
    course = result.course.name
    root = result.course.root
    lines = [
        f"Lớp {course}: {len(result.roster.instructors)} giảng viên, "
        f"{len(result.roster.trainees)} học viên.",
        f"Sổ điểm: thêm mới {len(result.students_added)} học viên. "
        f"Exchange: {result.exchange}. Cấu hình hub: {result.hub_file}.",
    ]
    if result.accounts_created:
        lines.append(f"Đã tạo tài khoản hệ thống: {', '.join(result.accounts_created)}.")
    lines += [
        "",
        "Quản trị viên (IT):",
        "  1. Đặt mật khẩu cho từng tài khoản mới (sudo passwd <tên đăng nhập>), hoặc dùng "
        "mật khẩu chung của buổi tập huấn (CONGSO_HUB_AUTH=shared-password).",
        "  2. Nạp lại cấu hình JupyterHub: sudo systemctl restart jupyterhub "
        "(TLJH: sudo tljh-config reload hub).",
        "",
        "Giảng viên:",
    ]
    for person in result.roster.instructors:
        lines.append(
            f"  - {person.full_name} ({person.username}): đăng nhập {hub}/ bằng tài khoản "
            f"{person.username}; chấm bài tại {hub}/services/{course}/formgrader ; "
            f"phát hành bài: cd {root} && nbgrader release_assignment <bài>"
        )
    lines += ["", "Học viên:"]
    for person in result.roster.trainees:
        lines.append(
            f"  - {person.full_name} ({person.username}): đăng nhập {hub}/ bằng tài khoản "
            f"{person.username}; mở tab Assignments, chọn khóa {course}, bấm Fetch để nhận "
            "bài, làm bài, rồi bấm Submit để nộp."
        )
    return "\n".join(lines)


def add_subcommand(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``graders classroom`` (the CLI's only hook into this module)."""
    parser = commands.add_parser(
        "classroom",
        help="tạo lớp trên JupyterHub từ danh sách CSV",
        description="Đọc danh sách lớp (CSV UTF-8: họ tên, tên đăng nhập, email, vai trò), "
        "tạo tên đăng nhập không dấu còn thiếu, ghi học viên vào sổ điểm, chuẩn bị thư mục "
        "exchange và tệp cấu hình cho JupyterHub, rồi in việc từng người cần làm.",
    )
    parser.add_argument("course", help="tên hoặc đường dẫn khóa học")
    parser.add_argument("roster", type=Path, help="tệp CSV danh sách lớp")
    parser.add_argument(
        "--exchange",
        type=Path,
        default=Path(os.environ.get("CONGSO_NBGRADER_EXCHANGE") or DEFAULT_EXCHANGE),
        help=f"thư mục exchange của nbgrader (mặc định {DEFAULT_EXCHANGE})",
    )
    parser.add_argument(
        "--hub-dir",
        type=Path,
        default=Path(os.environ.get(HUB_DIR_ENV) or DEFAULT_HUB_DIR),
        help=f"nơi ghi <khóa>.json cho JupyterHub (mặc định {DEFAULT_HUB_DIR})",
    )
    parser.add_argument("--grader", help="tài khoản chạy formgrader (mặc định: giảng viên đầu)")
    parser.add_argument("--hub-url", default="http://<máy-chủ>/", help="địa chỉ hub để in ra")
    parser.add_argument(
        "--create-users", action="store_true", help="tạo tài khoản hệ thống còn thiếu (root)"
    )
    parser.add_argument(
        "--chown",
        action="store_true",
        help="giao thư mục khóa cho tài khoản chấm bài và khóa với người khác (root)",
    )
    parser.add_argument(
        "--system-prefix",
        default="",
        help="tiền tố tài khoản Linux của người dùng hub (TLJH: jupyter-)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra danh sách và in tên đăng nhập"
    )
    parser.set_defaults(func=run_subcommand)


def run_subcommand(args: argparse.Namespace) -> int:
    """``graders classroom``: parse, call :func:`setup_classroom`, print next steps."""
    from graders.course import Course

    roster = read_roster(args.roster)
    course = Course.find(args.course)
    if args.dry_run:
        for person in roster.people:
            print(f"{person.username}\t{person.role}\t{person.full_name}")
        return ExitCode.OK
    result = setup_classroom(
        course,
        roster,
        exchange=args.exchange,
        hub_dir=args.hub_dir,
        grader=args.grader,
        create_users=args.create_users,
        chown_course=args.chown,
        system_prefix=args.system_prefix,
    )
    sys.stdout.write(next_steps(result, args.hub_url) + "\n")
    return ExitCode.OK
