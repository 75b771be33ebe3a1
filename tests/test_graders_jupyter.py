"""JupyterLab runs with the nbgrader extensions, and a course's formgrader answers over HTTP."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from graders.build import build_course
from graders.course import Course

BIN = Path(sys.executable).parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
START_TIMEOUT_S = 90


def _listing(*argv: str) -> str:
    done = subprocess.run(
        [str(BIN / "jupyter"), *argv], capture_output=True, text=True, timeout=120, check=True
    )
    return ANSI.sub("", done.stdout + done.stderr)


def test_nbgrader_server_extensions_are_enabled() -> None:
    listing = _listing("server", "extension", "list")
    for extension in ("formgrader", "assignment_list", "course_list", "validate_assignment"):
        assert re.search(rf"nbgrader\.server_extensions\.{extension}\s+enabled", listing), listing


def test_nbgrader_lab_extension_is_enabled() -> None:
    listing = _listing("labextension", "list")
    assert re.search(r"@jupyter/nbgrader v[\d.]+\s+enabled\s+OK", listing), listing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, token: str | None) -> tuple[int, str, str]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.geturl(), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, url, ""


@pytest.mark.nbgrader
@pytest.mark.slow
def test_formgrader_of_a_course_answers_over_http(tmp_path: Path) -> None:
    source = Course.find("network-admin")
    root = tmp_path / source.name
    (root / "source").mkdir(parents=True)
    shutil.copy(source.root / "nbgrader_config.py", root)
    shutil.copytree(
        source.assignment("01-dia-chi-ip").source_dir, root / "source" / "01-dia-chi-ip"
    )
    build_course(Course(root))  # records the assignment in the copy's gradebook

    port, token = _free_port(), secrets.token_hex(16)
    argv = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(argv, cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if _get(f"{base}/api/status", token)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, "jupyter lab did not start in time"
            time.sleep(0.5)

        status, final_url, page = _get(f"{base}/formgrader", token)
        assert status == 200 and final_url.endswith("/formgrader/manage_assignments")
        assert "<title>nbgrader formgrade</title>" in page

        status, _, body = _get(f"{base}/formgrader/api/assignments", token)
        assignments = {a["name"]: a for a in json.loads(body)}
        assert status == 200 and assignments["01-dia-chi-ip"]["max_code_score"] == 18.0

        status, url, _ = _get(f"{base}/formgrader/api/assignments", None)
        assert status in (302, 403) or "/login" in url  # the token is required
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()
