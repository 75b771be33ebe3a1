"""The pilot assignment network-admin/01-dia-chi-ip: facts, widget and lesson shape.

The source notebook (with solutions) is executed in-process, without a kernel, so the
subnet-calculator widget can be driven by setting ``.value`` like a trainee would.
"""

from __future__ import annotations

import ipaddress
import random
import unicodedata
from typing import Any

import nbformat
import pytest

from graders.cells import is_answer, is_autograded_test, is_manual, nbgrader_meta
from graders.course import Course

ASSIGNMENT = Course.find("network-admin").assignment("01-dia-chi-ip")
NOTEBOOK = nbformat.read(ASSIGNMENT.notebooks[0], as_version=4)


@pytest.fixture(scope="module")
def lesson() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "bai_hoc"}
    code = "\n\n".join(c.source for c in NOTEBOOK.cells if c.cell_type == "code")
    exec(compile(code, str(ASSIGNMENT.notebooks[0]), "exec"), namespace)
    return namespace


def test_lesson_has_the_house_shape() -> None:
    markdown = "\n".join(c.source for c in NOTEBOOK.cells if c.cell_type == "markdown")
    for heading in ("Điều kiện tiên quyết", "Mục tiêu", "## Tóm tắt", "Suy ngẫm"):
        assert heading in markdown
    answers = [c for c in NOTEBOOK.cells if is_answer(c)]
    assert 4 <= len(answers) <= 8
    assert sum(is_manual(c) for c in NOTEBOOK.cells) == 1
    points = sum(nbgrader_meta(c)["points"] for c in NOTEBOOK.cells if is_autograded_test(c))
    assert points == 18 and "tổng 21 điểm: 18 điểm chấm tự động" in markdown
    assert unicodedata.normalize("NFC", markdown) == markdown


def test_model_answers_agree_with_ipaddress(lesson: dict[str, Any]) -> None:
    rng = random.Random(2026)
    for _ in range(300):
        prefix = rng.randint(0, 32)
        address = ipaddress.IPv4Address(rng.getrandbits(32))
        net = ipaddress.IPv4Network((address, prefix), strict=False)
        hosts = list(net.hosts()) if net.num_addresses <= 1024 else None
        info = lesson["thong_tin_mang"](f"{address}/{prefix}")
        assert info["mang"] == str(net) and info["mat_na"] == str(net.netmask)
        assert info["quang_ba"] == str(net.broadcast_address)
        assert info["so_host"] == lesson["so_host"](prefix)
        if hosts is not None:
            assert info["so_host"] == len(hosts)
            assert (info["host_dau"], info["host_cuoi"]) == (str(hosts[0]), str(hosts[-1]))


def test_the_provincial_plan_fits_without_overlap(lesson: dict[str, Any]) -> None:
    plan = lesson["quy_hoach_vlsm"](lesson["KHOI_TINH"], lesson["NHU_CAU_TINH"])
    assert lesson["tim_chong_lan"]({k: str(v) for k, v in plan.items()}) == []
    waste = lesson["ty_le_lang_phi"](lesson["NHU_CAU_TINH"], plan)
    assert 0 < waste < 0.5


def test_subnet_calculator_widget_follows_the_text_box(lesson: dict[str, Any]) -> None:
    lesson["o_dia_chi"].value = "10.68.130.77/23"
    shown = lesson["o_ket_qua"].value
    assert "Mạng: 10.68.130.0/23" in shown and "Số host: 510" in shown
    lesson["o_dia_chi"].value = "10.68.300.1/24"
    assert "Địa chỉ không hợp lệ" in lesson["o_ket_qua"].value


def test_calculator_explains_an_unfinished_exercise(lesson: dict[str, Any]) -> None:
    def todo(dia_chi: str) -> dict[str, Any]:
        raise NotImplementedError

    describe = lesson["mo_ta_mang"]
    original = lesson["thong_tin_mang"]
    lesson["thong_tin_mang"] = todo
    try:
        assert "Hãy làm Bài tập 2" in describe("10.0.0.1/24")
    finally:
        lesson["thong_tin_mang"] = original
