"""``graders classroom``: a class from a Vietnamese roster, set up for the hub."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import graders.classroom
from graders.classroom import (
    Person,
    Role,
    RosterError,
    ensure_exchange,
    fold_ascii,
    make_username,
    next_steps,
    parse_roster,
    setup_classroom,
)
from graders.cli import main
from graders.course import Course
from graders.exceptions import ExitCode

ROSTER = (
    "họ tên,tên đăng nhập,email,vai trò\n"
    "Nguyễn Văn An,,an.nv@so-tttt.gov.vn,giảng viên\n"
    "Trần Thị Bình,,binh.tt@ubnd.gov.vn,học viên\n"
    "Trịnh Thị Bảo,,,học viên\n"
    "Đặng Quốc Hưng,hungdq,,hoc vien\n"
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Văn An", "annv"),
        ("Đặng Thị Ánh", "anhdt"),
        ("Lê Ngọc Trâm Anh", "anhlnt"),
        ("  Phạm   Ðức ", "ducp"),  # extra spaces
        (_nfd("Hồ Thị Ư"), "uht"),  # decomposed input (macOS, some web forms)
    ],
)
def test_usernames_are_given_name_and_initials_without_diacritics(name: str, expected: str) -> None:
    assert make_username(name) == expected


def test_a_taken_or_reserved_username_gets_a_number() -> None:
    assert make_username("Nguyễn Văn An", {"annv"}) == "annv2"
    assert make_username("Nguyễn Văn An", {"annv", "annv2"}) == "annv3"
    assert make_username("Root") == "root2"


def test_fold_ascii_handles_d_with_stroke() -> None:
    assert fold_ascii("Đường Đồng Đăng") == "Duong Dong Dang"


def test_the_roster_becomes_people_with_unique_ascii_logins_and_vietnamese_names() -> None:
    roster = parse_roster(ROSTER)
    assert [p.username for p in roster.people] == ["annv", "binhtt", "baott", "hungdq"]
    assert [p.username for p in roster.instructors] == ["annv"]
    an = roster.people[0]
    assert (an.last_name, an.first_name, an.email, an.role) == (
        "Nguyễn Văn",
        "An",
        "an.nv@so-tttt.gov.vn",
        Role.INSTRUCTOR,
    )


def test_given_logins_are_claimed_before_generated_ones() -> None:
    roster = parse_roster("họ tên,tên đăng nhập\nNguyễn Văn An,\nNgô Văn Ân,annv\n")
    assert [p.username for p in roster.people] == ["annv2", "annv"]


def test_names_are_stored_in_nfc_whatever_the_file_used() -> None:
    roster = parse_roster(_nfd("\ufeffHọ và tên;Vai trò\nTrần Thị Bích Ngọc;Học viên\n"))
    person = roster.people[0]
    assert person.full_name == unicodedata.normalize("NFC", "Trần Thị Bích Ngọc")
    assert person.username == "ngocttb"


def test_every_problem_of_the_roster_is_reported_at_once_with_its_line() -> None:
    text = (
        "họ tên,tên đăng nhập,email,vai trò\n"
        "Nguyễn Văn An,An.NV,,giảng viên\n"
        ",,,học viên\n"
        "Trần Bình,binh,binh-at-x,học viên\n"
        "Lê Chi,chi,,khách\n"
        "Lê Dung,chi,,học viên\n"
    )
    with pytest.raises(RosterError) as caught:
        parse_roster(text)
    problems = "\n".join(caught.value.problems)
    assert "dòng 2: tên đăng nhập 'An.NV' không hợp lệ" in problems
    assert "dòng 3: thiếu họ tên" in problems
    assert "dòng 4: email 'binh-at-x' không hợp lệ" in problems
    assert "dòng 5: vai trò 'khách' không rõ" in problems
    assert "dòng 6: tên đăng nhập 'chi' trùng với dòng 5" in problems
    assert caught.value.exit_code == ExitCode.BAD_ARGS


def test_a_roster_without_a_name_column_is_refused() -> None:
    with pytest.raises(RosterError, match="không thấy cột 'họ tên'"):
        parse_roster("email,vai trò\na@b.vn,học viên\n")


def test_person_refuses_decomposed_names_and_bad_logins() -> None:
    with pytest.raises(ValueError, match="NFC"):
        Person(_nfd("Lê Ánh"), "anhl")
    with pytest.raises(ValueError, match="username"):
        Person("Lê Ánh", "Ánh")


def _course_copy(tmp_path: Path) -> Course:
    source = Course.find("network-admin")
    root = tmp_path / "network-admin"
    (root / "source").mkdir(parents=True)
    shutil.copy(source.root / "nbgrader_config.py", root)
    return Course(root)


@pytest.mark.nbgrader
def test_setup_records_trainees_in_the_gradebook_and_writes_the_hub_file(
    tmp_path: Path,
) -> None:
    from nbgrader.api import Gradebook

    course = _course_copy(tmp_path)
    roster = parse_roster(ROSTER)
    result = setup_classroom(
        course, roster, exchange=tmp_path / "exchange", hub_dir=tmp_path / "classes"
    )
    assert result.students_added == ("binhtt", "baott", "hungdq")
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}", "network-admin") as gb:
        students = {s.id: (s.last_name, s.first_name, s.email) for s in gb.students}
    assert students == {
        "binhtt": ("Trần Thị", "Bình", "binh.tt@ubnd.gov.vn"),
        "baott": ("Trịnh Thị", "Bảo", None),
        "hungdq": ("Đặng Quốc", "Hưng", None),
    }
    hub = json.loads(result.hub_file.read_text(encoding="utf-8"))
    assert hub["course"] == "network-admin"
    assert hub["grader"] == "annv"
    assert hub["instructors"] == ["annv"]
    assert hub["trainees"] == ["binhtt", "baott", "hungdq"]
    assert hub["names"]["hungdq"] == "Đặng Quốc Hưng"
    assert stat.S_IMODE((tmp_path / "exchange").stat().st_mode) == 0o1777

    again = setup_classroom(
        course, roster, exchange=tmp_path / "exchange", hub_dir=tmp_path / "classes"
    )
    assert again.students_added == ()  # re-running is safe: names are updated, not doubled


@pytest.mark.nbgrader
def test_on_tljh_gradebook_ids_are_the_jupyter_prefixed_accounts(tmp_path: Path) -> None:
    course = _course_copy(tmp_path)
    result = setup_classroom(
        course,
        parse_roster(ROSTER),
        exchange=tmp_path / "exchange",
        hub_dir=tmp_path / "classes",
        system_prefix="jupyter-",
    )
    assert result.students_added == ("jupyter-binhtt", "jupyter-baott", "jupyter-hungdq")
    hub = json.loads(result.hub_file.read_text(encoding="utf-8"))
    assert (hub["system_prefix"], hub["grader"], hub["trainees"][0]) == (
        "jupyter-",
        "annv",
        "binhtt",
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the exchange folders away needs root")
def test_exchange_course_folders_get_nbgraders_modes_and_the_graders_ownership(
    tmp_path: Path,
) -> None:
    owner = pwd.getpwuid(os.geteuid()).pw_name
    ensure_exchange(tmp_path / "exchange", "network-admin", owner)
    course = tmp_path / "exchange" / "network-admin"
    modes = {
        p.name: stat.S_IMODE(p.stat().st_mode)
        for p in (course, course / "outbound", course / "inbound", course / "feedback")
    }
    assert modes == {
        "network-admin": 0o755,
        "outbound": 0o755,
        "inbound": 0o3733,
        "feedback": 0o711,
    }


def test_exchange_course_folders_are_left_to_nbgrader_without_a_known_owner(
    tmp_path: Path,
) -> None:
    ensure_exchange(tmp_path / "exchange", "network-admin", "cs-no-such-user")
    assert not (tmp_path / "exchange" / "network-admin").exists()


def test_a_class_without_an_instructor_needs_a_grader(tmp_path: Path) -> None:
    roster = parse_roster("họ tên\nTrần Thị Bình\n")
    with pytest.raises(graders.classroom.ClassroomError, match="không có giảng viên"):
        setup_classroom(_course_copy(tmp_path), roster, hub_dir=tmp_path / "classes")


def test_next_steps_tell_each_person_what_to_do(tmp_path: Path) -> None:
    roster = parse_roster(ROSTER)
    result = graders.classroom.ClassroomResult(
        Course(tmp_path / "network-admin"),
        roster,
        "annv",
        Path("/srv/nbgrader/exchange"),
        tmp_path / "network-admin.json",
        ("binhtt",),
    )
    text = next_steps(result, "https://hoc.tinh.gov.vn/")
    assert "Nguyễn Văn An (annv): đăng nhập https://hoc.tinh.gov.vn/" in text
    assert "https://hoc.tinh.gov.vn/services/network-admin/formgrader" in text
    for person in roster.trainees:
        assert f"{person.full_name} ({person.username})" in text
    assert text.count("bấm Fetch") == 3
    assert unicodedata.is_normalized("NFC", text)


def test_cli_passes_its_arguments_and_prints_next_steps(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roster_file = tmp_path / "lop.csv"
    roster_file.write_text(ROSTER, encoding="utf-8")
    seen: dict[str, Any] = {}

    def fake(course: Course, roster: Any, **kwargs: Any) -> graders.classroom.ClassroomResult:
        seen.update(course=course.name, people=len(roster.people), **kwargs)
        return graders.classroom.ClassroomResult(
            course, roster, "annv", kwargs["exchange"], tmp_path / "x.json"
        )

    monkeypatch.setattr(graders.classroom, "setup_classroom", fake)
    code = main(
        [
            "classroom",
            "network-admin",
            str(roster_file),
            "--exchange",
            str(tmp_path / "ex"),
            "--hub-dir",
            str(tmp_path / "classes"),
            "--create-users",
        ]
    )
    assert code == ExitCode.OK
    assert seen == {
        "course": "network-admin",
        "people": 4,
        "exchange": tmp_path / "ex",
        "hub_dir": tmp_path / "classes",
        "grader": None,
        "create_users": True,
        "chown_course": False,
        "system_prefix": "",
    }
    assert "Đặng Quốc Hưng (hungdq)" in capsys.readouterr().out


def test_cli_dry_run_lists_logins_and_a_bad_roster_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good, bad = tmp_path / "lop.csv", tmp_path / "sai.csv"
    good.write_text(ROSTER, encoding="utf-8")
    bad.write_text("họ tên,vai trò\nAn,khách\n", encoding="utf-8")
    assert main(["classroom", "network-admin", str(good), "--dry-run"]) == ExitCode.OK
    assert "baott\thọc viên\tTrịnh Thị Bảo" in capsys.readouterr().out
    assert main(["classroom", "network-admin", str(bad), "--dry-run"]) == ExitCode.BAD_ARGS
    assert "dòng 2: vai trò 'khách' không rõ" in capsys.readouterr().err
