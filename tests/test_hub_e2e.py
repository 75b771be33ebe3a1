"""A real JupyterHub class, end to end: roster → release → fetch → submit → grade → feedback.

Runs the deployment in ``deploy/`` as IT staff would: ``graders classroom`` creates the Linux
accounts (one instructor, two trainees) from a Vietnamese roster, the hub starts with
``deploy/jupyterhub_config.py`` on 127.0.0.1 behind configurable-http-proxy, and every
nbgrader step runs as the Linux user who would run it on the hub (``runuser``), through the
shared exchange. The same hub then shows that the per-user memory and CPU limits bind a
trainee's server and kernels (deploy/congso_spawner.py). Needs root (useradd, a hub that
spawns servers as other users, cgroups).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

from graders.course import Course

pytestmark = [pytest.mark.slow, pytest.mark.nbgrader, pytest.mark.timeout(420)]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COURSE = "network-admin"
ASSIGNMENT = "01-dia-chi-ip"
NOTEBOOK = "dia-chi-ip.ipynb"
SAMPLES = ROOT / "courses" / COURSE / "samples" / ASSIGNMENT
STEP_TIMEOUT_S = 120
HUB_START_TIMEOUT_S = 90
SERVER_START_TIMEOUT_S = 90


def _why_skip() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return (
            "needs root: the test creates Linux users with useradd and runs JupyterHub as root "
            "so it can start servers as those users"
        )
    if shutil.which("configurable-http-proxy") is None:
        return "configurable-http-proxy is not installed: npm install -g configurable-http-proxy"
    if not (BIN / "jupyterhub").exists() or not (BIN / "jupyterhub-singleuser").exists():
        return "jupyterhub is not installed: .venv/bin/pip install -e '.[hub]'"
    for tool in ("runuser", "useradd", "userdel"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is missing (package util-linux / passwd)"
    return None


_SKIP = _why_skip()
if _SKIP:
    pytestmark.append(pytest.mark.skip(reason=_SKIP))

# Per-user limits of the hub under test: room for JupyterLab (~150 MB) and a kernel, not for
# the 600 MB the limits test allocates.
MEM_LIMIT_BYTES = 400 * 1024 * 1024
CPU_LIMIT = 0.5
HUB_LIMITS = {"CONGSO_HUB_MEM_LIMIT": "400M", "CONGSO_HUB_CPU_LIMIT": str(CPU_LIMIT)}
# This run's own parent cgroup (the default is congso-hub), removed at the end.
CGROUP_PARENT = f"congso-e2e-{secrets.token_hex(3)}"


def _why_no_cgroups() -> str | None:
    """Why the hub's CgroupSpawner cannot create cgroups here (it would fall back to rlimits)."""
    if _SKIP:
        return _SKIP
    sys.path.insert(0, str(ROOT / "deploy"))
    import congso_spawner

    found = congso_spawner.host_hierarchies()
    if set(found) != {"memory", "cpu"}:
        return f"no cgroup hierarchy with both the memory and cpu controllers: {found}"
    for hierarchy in found.values():
        probe = hierarchy.resolve(f"congso-probe-{secrets.token_hex(3)}")
        try:
            probe.mkdir()
            probe.rmdir()
        except OSError as error:
            return f"cgroups are not writable here ({error}): the spawner falls back to RLIMIT_AS"
    return None


_NO_CGROUPS = _why_no_cgroups()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Class:
    """The people and places of the class under test."""

    base: Path
    course_root: Path
    exchange: Path
    classes: Path
    instructor: str
    trainees: tuple[str, str]
    bin: Path  # the suite's environment as the accounts run it
    extra_env: dict[str, str]  # what that environment needs on top

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def env(self, user: str) -> dict[str, str]:
        """The environment a hub-spawned server gives ``user`` (deploy/jupyterhub_config.py)."""
        config = [str(ROOT / "deploy" / "jupyter" / "common")]
        if user != self.instructor:
            config.insert(0, str(ROOT / "deploy" / "jupyter" / "trainee"))
        return {
            "HOME": str(self.home(user)),
            "USER": user,
            "LOGNAME": user,
            "PATH": f"{self.bin}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "CONGSO_NBGRADER_EXCHANGE": str(self.exchange),
            "JUPYTER_CONFIG_PATH": os.pathsep.join(config),
            "PYTHONDONTWRITEBYTECODE": "1",
            **self.extra_env,
        }

    def run_as(
        self, user: str, *argv: str, cwd: Path | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run a command as ``user`` the way a hub terminal would, with a timeout."""
        command = ["runuser", "-u", user, "--", "env", "-i"]
        command += [f"{k}={v}" for k, v in self.env(user).items()]
        done = subprocess.run(
            [*command, *argv],
            cwd=cwd or self.home(user),
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_S,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"{' '.join(argv)} as {user} exited {done.returncode}:\n"
                f"{done.stdout}\n{done.stderr}"
            )
        return done

    def nbgrader(self, user: str, *argv: str, cwd: Path | None = None) -> str:
        done = self.run_as(user, str(self.bin / "nbgrader"), *argv, cwd=cwd)
        return done.stdout + done.stderr

    def can_read(self, user: str, path: Path) -> bool:
        return self.run_as(user, "cat", str(path), check=False).returncode == 0

    def can_list(self, user: str, path: Path) -> bool:
        return self.run_as(user, "ls", str(path), check=False).returncode == 0


def _processes_of(uid: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            for line in status.read_text().splitlines():
                if line.startswith("Uid:") and int(line.split()[1]) == uid:
                    pids.append(int(status.parent.name))
                    break
    return pids


def _remove_user(name: str) -> None:
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    # Only the test's own throw-away accounts: their processes are ones this test started.
    for pid in _processes_of(uid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    subprocess.run(["userdel", "-r", name], capture_output=True, timeout=30, check=False)


def _reachable_by_everyone(path: Path) -> bool:
    """Whether any account may execute ``path`` (every folder above it is o+x)."""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in (path, *path.parents))


def _link_or_copy(source: str, dest: str) -> None:
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _environment_for_everyone(where: Path) -> tuple[Path, dict[str, str]]:
    """A ``bin/`` of the suite every account can run, and the environment it needs.

    The test venv's own when its interpreter is reachable. A venv made by a root-only
    interpreter (pyenv under /root) is not: its interpreter is then linked (hard links, no
    copy) outside /root and a venv of it reuses the test venv's packages. (Debian 12's own
    python3.11 would not do: 3.11.2 mis-parses the possessive regexes of soupsieve, which
    nbconvert needs to write feedback.)
    """
    if _reachable_by_everyone(Path(sys.executable)):
        return BIN, {}
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = Path(sys.base_prefix)
    python = where / "python"
    (python / "bin").mkdir(parents=True)
    _link_or_copy(str(Path(sys._base_executable).resolve()), str(python / "bin" / version))
    (python / "lib").mkdir()
    for library in (base / "lib").glob("libpython*"):
        _link_or_copy(str(library), str(python / "lib" / library.name))
    shutil.copytree(
        base / "lib" / version,
        python / "lib" / version,
        ignore=shutil.ignore_patterns("site-packages", "test", "idlelib", "tkinter"),
        copy_function=_link_or_copy,
    )
    extra = {"LD_LIBRARY_PATH": str(python / "lib")}  # its RUNPATH points into /root
    venv = where / "venv"
    subprocess.run(
        [str(python / "bin" / version), "-m", "venv", "--without-pip", str(venv)],
        check=True,
        timeout=60,
        env={**os.environ, **extra},
    )
    site = Path(sys.prefix) / "lib" / version / "site-packages"
    (venv / "lib" / version / "site-packages" / "congso-shared.pth").write_text(
        f"import site; site.addsitedir({str(site)!r})\n", encoding="utf-8"
    )
    # Jupyter finds extensions, kernels and their enabled flags under sys.prefix.
    for name in ("etc", "share"):
        shutil.rmtree(venv / name, ignore_errors=True)
        (venv / name).symlink_to(Path(sys.prefix) / name)
    for script in BIN.iterdir():
        if script.is_file() and not (venv / "bin" / script.name).exists():
            with contextlib.suppress(UnicodeDecodeError):
                head, _, rest = script.read_text(encoding="utf-8").partition("\n")
                if head.startswith("#!") and "python" in head:
                    copy = venv / "bin" / script.name
                    copy.write_text(f"#!{venv / 'bin' / 'python'}\n{rest}", encoding="utf-8")
                    copy.chmod(0o755)
    return venv / "bin", extra


@pytest.fixture(scope="module")
def klass() -> Iterator[Class]:
    """Three real accounts from a roster, and a copy of the course owned by the instructor."""
    suffix = secrets.token_hex(3)
    instructor, trainees = f"cs_gv_{suffix}", (f"cs_hv1_{suffix}", f"cs_hv2_{suffix}")
    base = Path(tempfile.mkdtemp(prefix="cs_hub_", dir="/tmp"))
    base.chmod(0o755)  # the accounts must reach the exchange and course folders below
    try:
        root = base / "courses" / COURSE
        (root / "source").mkdir(parents=True)
        source = Course.find(COURSE)
        shutil.copy(source.root / "nbgrader_config.py", root)
        shutil.copytree(source.assignment(ASSIGNMENT).source_dir, root / "source" / ASSIGNMENT)
        roster = base / "danh-sach.csv"
        roster.write_text(
            "họ tên,tên đăng nhập,email,vai trò\n"
            f"Nguyễn Văn Giảng,{instructor},giang.nv@so-tttt.gov.vn,giảng viên\n"
            f"Trần Thị Bích Ngọc,{trainees[0]},ngoc.ttb@ubnd.gov.vn,học viên\n"
            f"Đặng Quốc Hưng,{trainees[1]},,học viên\n",
            encoding="utf-8",
        )
        user_bin, extra_env = _environment_for_everyone(base / "env")
        yield Class(
            base,
            root,
            base / "exchange",
            base / "classes",
            instructor,
            trainees,
            user_bin,
            extra_env,
        )
    finally:
        for user in (instructor, *trainees):
            _remove_user(user)
        shutil.rmtree(base, ignore_errors=True)


class Hub:
    """A JupyterHub process with the deploy/ configuration, stopped on exit."""

    def __init__(self, klass: Class, limits: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.dir = klass.base / "hub"
        self.dir.mkdir()
        self.log = self.dir / "hub.log"
        self._log_file = self.log.open("wb")
        config = self.dir / "test_config.py"
        config.write_text(
            f"load_subconfig({str(ROOT / 'deploy' / 'jupyterhub_config.py')!r})\n"
            f"c.JupyterHub.bind_url = {self.url!r}\n"
            f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{_free_port()}'\n"
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{_free_port()}'\n"
            "c.JupyterHub.services.append({'name': 'congso-e2e', 'api_token': "
            f"{self.token!r}}})\n"
            "c.JupyterHub.load_roles.append({'name': 'congso-e2e', 'services': ['congso-e2e'], "
            "'scopes': ['admin:users', 'admin:servers', 'tokens', 'access:servers', "
            "'access:services']})\n"
            f"extra = {klass.extra_env!r}\n"
            "c.Spawner.environment.update(extra)\n"
            "for service in c.JupyterHub.services:\n"
            "    service.get('environment', {}).update(extra)\n"
            "c.Spawner.start_timeout = 90\n"
            "c.Spawner.http_timeout = 90\n"
            f"c.CgroupSpawner.cgroup_parent = {CGROUP_PARENT!r}\n",
            encoding="utf-8",
        )
        env = {
            **klass.env("root"),
            "HOME": str(self.dir),
            "USER": "root",
            "LOGNAME": "root",
            "CONGSO_HUB_CLASSES": str(klass.classes),
            "CONGSO_HUB_USER_BIN": str(klass.bin),
            "CONGSO_HUB_SERVICE_PORT_BASE": str(_free_port()),
            **(limits or {}),
        }
        env.pop("JUPYTER_CONFIG_PATH")
        self.process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=self.dir,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]

    def request(
        self, method: str, path: str, token: str | None = None, body: Any = None
    ) -> tuple[int, str]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"token {token}")
        try:
            with _NO_REDIRECTS.open(request, timeout=15) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def follow(self, path: str, token: str | None) -> tuple[int, str, str]:
        """GET ``path``, following the hub's own redirects with the same token."""
        for _ in range(5):
            request = urllib.request.Request(self.url + path)
            if token:
                request.add_header("Authorization", f"token {token}")
            try:
                with _NO_REDIRECTS.open(request, timeout=15) as response:
                    return response.status, path, response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:
                location = error.headers.get("Location", "")
                if error.code in (301, 302, 303, 307) and location.startswith("/"):
                    path = location
                    continue
                return error.code, path, error.read().decode("utf-8", "replace")
        raise AssertionError(f"too many redirects at {path}")

    def api(self, method: str, path: str, body: Any = None) -> Any:
        status, text = self.request(method, "/hub/api" + path, self.token, body)
        assert status < 300, f"{method} {path}: {status} {text}\n{self.logs()}"
        return json.loads(text) if text else None

    def wait_ready(self, service: str) -> None:
        """Until the hub answers and the course's formgrader service is up."""
        deadline = time.monotonic() + HUB_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited early:\n{self.logs()}")
            with contextlib.suppress(OSError):
                status, _ = self.request("GET", "/hub/api/")
                if status == 200:
                    status, _ = self.request("GET", f"/services/{service}/api/status", self.token)
                    if status in (200, 403):  # the service answers (the admin lacks access)
                        return
            time.sleep(1)
        raise AssertionError(f"the hub was not ready in {HUB_START_TIMEOUT_S} s:\n{self.logs()}")

    def token_for(self, user: str) -> str:
        made = self.api("POST", f"/users/{user}/tokens", {"note": "e2e", "expires_in": 900})
        return str(made["token"])

    def start_server(self, user: str) -> None:
        self.request("POST", f"/hub/api/users/{user}/server", self.token)
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{user}")
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start:\n{self.logs()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            # SIGTERM lets the hub stop the proxy, the services and the users' servers.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log_file.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_NO_REDIRECTS = urllib.request.build_opener(_NoRedirect)


def _answers_from(sample: str) -> dict[str, str]:
    """The answer cells of a committed sample submission, by grade_id."""
    nb = nbformat.read(SAMPLES / sample / NOTEBOOK, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def _edit(path: Path, answers: dict[str, str]) -> None:
    """Fill the fetched notebook's answer cells, keeping its owner (the trainee)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(nb, path)


def _auto_scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE) as gradebook:
        return {
            s.student.id: float(s.code_score) for s in gradebook.assignment_submissions(ASSIGNMENT)
        }


@pytest.fixture(scope="module")
def classroom(klass: Class) -> subprocess.CompletedProcess[str]:
    """``graders classroom`` run by IT: accounts, gradebook, exchange and the hub's class file."""
    setup = subprocess.run(
        [
            str(BIN / "graders"),
            "classroom",
            str(klass.course_root),
            str(klass.base / "danh-sach.csv"),
            "--exchange",
            str(klass.exchange),
            "--hub-dir",
            str(klass.classes),
            "--create-users",
            "--chown",
            "--hub-url",
            "http://127.0.0.1/",
        ],
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT_S,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    return setup


@pytest.fixture(scope="module")
def hub(klass: Class, classroom: subprocess.CompletedProcess[str]) -> Iterator[Hub]:
    """The class's hub, shared by the tests below; per-user limits on where cgroups work."""
    running = Hub(klass, HUB_LIMITS if _NO_CGROUPS is None else None)
    try:
        yield running
    finally:
        running.stop()
        if _NO_CGROUPS is None:
            import congso_spawner

            for hierarchy in congso_spawner.host_hierarchies().values():
                with contextlib.suppress(FileNotFoundError):
                    hierarchy.resolve(CGROUP_PARENT).rmdir()


def test_a_class_runs_end_to_end_on_a_real_hub(
    klass: Class, classroom: subprocess.CompletedProcess[str], hub: Hub
) -> None:
    """Release, fetch, edit, submit, collect, autograde, feedback and fetch feedback.

    As the real accounts through the shared exchange, with the grades checked, trainees kept
    out of each other's work and of the sources, and the formgrader open to the instructor
    only (through the hub's proxy, with each person's own API token).
    """
    gv, (hv1, hv2) = klass.instructor, klass.trainees
    root = klass.course_root
    setup = classroom
    assert "Trần Thị Bích Ngọc" in setup.stdout and f"/services/{COURSE}/formgrader" in setup.stdout

    # Instructor: build and release (the hub starts meanwhile).
    klass.run_as(gv, str(klass.bin / "graders"), "build", str(root), cwd=root)
    klass.nbgrader(gv, "release_assignment", ASSIGNMENT, cwd=root)

    # Trainees: fetch, edit (one right, one partly right), submit.
    for user, sample in ((hv1, "dung"), (hv2, "dung-mot-phan")):
        klass.nbgrader(user, "fetch_assignment", ASSIGNMENT, "--course", COURSE)
        _edit(klass.home(user) / ASSIGNMENT / NOTEBOOK, _answers_from(sample))
        klass.nbgrader(user, "submit", ASSIGNMENT, "--course", COURSE)

    # Nobody reads what is not theirs.
    inbound = klass.exchange / COURSE / "inbound"
    hv1_submission = next(inbound.glob(f"{hv1}+{ASSIGNMENT}+*"))
    assert not klass.can_list(hv2, inbound), "a trainee can list the inbound submissions"
    # nbgrader's model: submissions are readable files in a folder nobody but the owner
    # can list, under a name ending in 72 random bits; without the name there is no way in.
    assert re.search(r"\+[A-Za-z0-9_-]{12}$", hv1_submission.name), hv1_submission.name
    guess = klass.run_as(hv2, "sh", "-c", f"cat '{inbound}/{hv1}+'*/*", check=False)
    assert guess.returncode != 0 and "def so_host" not in guess.stdout
    assert not klass.can_read(hv2, klass.home(hv1) / ASSIGNMENT / NOTEBOOK)
    assert not klass.can_read(hv1, root / "source" / ASSIGNMENT / NOTEBOOK)
    assert not klass.can_read(hv1, root / "gradebook.db")
    assert klass.can_read(gv, hv1_submission / NOTEBOOK)

    # Instructor: collect, autograde, feedback, return it.
    klass.nbgrader(gv, "collect", ASSIGNMENT, cwd=root)
    klass.run_as(gv, str(klass.bin / "graders"), "autograde", str(root), ASSIGNMENT, cwd=root)
    assert _auto_scores(root) == {hv1: 18.0, hv2: 13.0}  # samples/…/expected.toml
    klass.run_as(gv, str(klass.bin / "graders"), "feedback", str(root), ASSIGNMENT, cwd=root)
    klass.nbgrader(gv, "release_feedback", ASSIGNMENT, cwd=root)

    for user, score in ((hv1, "18"), (hv2, "13")):
        klass.nbgrader(user, "fetch_feedback", ASSIGNMENT, "--course", COURSE)
        feedback = list((klass.home(user) / ASSIGNMENT / "feedback").glob("*/*.html"))
        assert len(feedback) == 1, feedback
        html = feedback[0].read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        assert score in html
    assert not klass.can_read(hv2, next(klass.home(hv1).glob(f"{ASSIGNMENT}/feedback/*/*")))

    # The hub: formgrader for the instructor only.
    hub.wait_ready(COURSE)
    tokens = {user: hub.token_for(user) for user in (gv, hv1, hv2)}
    formgrader = f"/services/{COURSE}/formgrader"
    status, where, page = hub.follow(formgrader, tokens[gv])
    assert status == 200, f"{status} at {where}\n{page[:500]}\n{hub.logs()}"
    assert where.startswith(formgrader) and "formgrader" in page.lower(), where
    status, _, text = hub.follow(f"/services/{COURSE}/formgrader/api/assignments", tokens[gv])
    assert status == 200 and ASSIGNMENT in text, (status, text[:500])
    for trainee in (hv1, hv2):
        assert hub.follow(formgrader, tokens[trainee])[0] == 403
        assert hub.follow(f"/services/{COURSE}/api/contents", tokens[trainee])[0] == 403
    status, where, _ = hub.follow(formgrader, None)  # anonymous: sent to the login page
    assert not (status == 200 and where.startswith("/services/")), (status, where)

    # A trainee's own server: the shared exchange, no instructor tools.
    hub.start_server(hv1)
    status, text = hub.request("GET", f"/user/{hv1}/assignments?course_id={COURSE}", tokens[hv1])
    assert status == 200 and ASSIGNMENT in text, (status, text[:500])
    assert hub.request("GET", f"/user/{hv1}/formgrader", tokens[hv1])[0] == 404
    assert hub.request("GET", f"/user/{hv1}/api/status", tokens[hv2])[0] == 403


@dataclass
class Execution:
    """What one cell did in a kernel of a hub-spawned server."""

    stdout: str
    error: str | None  # the name of the exception the cell raised, if any
    died: bool  # the kernel died while running the cell (the server restarts it)


async def _execute(hub: Hub, user: str, token: str, kernel: str, code: str) -> Execution:
    """Run ``code`` in ``kernel`` through the hub's proxy, as the browser would (websocket)."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    url = "ws" + hub.url.removeprefix("http") + f"/user/{user}/api/kernels/{kernel}/channels"
    connection = await websocket_connect(
        HTTPRequest(url, headers={"Authorization": f"token {token}"})
    )
    msg_id = secrets.token_hex(8)
    header = {"msg_id": msg_id, "msg_type": "execute_request", "session": secrets.token_hex(8)}
    content = {"code": code, "silent": False, "store_history": False, "allow_stdin": False}
    connection.write_message(
        json.dumps(
            {
                "header": {**header, "username": user, "date": "", "version": "5.3"},
                "parent_header": {},
                "metadata": {},
                "content": {**content, "user_expressions": {}, "stop_on_error": True},
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    stdout: list[str] = []
    error: str | None = None
    deadline = time.monotonic() + STEP_TIMEOUT_S
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no reply from {user}'s kernel to {code!r}")
            raw = await asyncio.wait_for(connection.read_message(), remaining)
            if raw is None:  # the server closed the channel: the kernel is gone
                return Execution("".join(stdout), error, died=True)
            message = json.loads(raw)
            kind, body = message["header"]["msg_type"], message["content"]
            if kind == "status" and body["execution_state"] in ("restarting", "dead"):
                return Execution("".join(stdout), error, died=True)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if kind == "stream" and body["name"] == "stdout":
                stdout.append(body["text"])
            elif kind == "error":
                error = body["ename"]
            elif kind == "execute_reply":
                return Execution("".join(stdout), error, died=False)
    finally:
        connection.close()
        # Until the closing handshake is done and tornado has closed the socket itself.
        with contextlib.suppress(Exception):
            while await asyncio.wait_for(connection.read_message(), 10) is not None:
                pass


def _start_kernel(hub: Hub, user: str, token: str) -> str:
    status, text = hub.request("POST", f"/user/{user}/api/kernels", token, {"name": "python3"})
    assert status == 201, f"{status} {text[:500]}\n{hub.logs()}"
    return str(json.loads(text)["id"])


def _pids(folder: Path) -> set[int]:
    return {int(pid) for pid in (folder / "cgroup.procs").read_text().split()}


@pytest.mark.skipif(_NO_CGROUPS is not None, reason=str(_NO_CGROUPS))
def test_each_server_and_its_kernels_stay_within_the_per_user_limits(
    klass: Class, hub: Hub
) -> None:
    """Spawner.mem_limit and cpu_limit bind a trainee's server and kernels (CgroupSpawner).

    A kernel that allocates beyond the limit dies, while the hub, its own server and another
    trainee's server keep working; the limits are in the server's cgroup files; a stopped
    server's cgroup is removed.
    """
    import congso_spawner

    hv1, hv2 = klass.trainees
    hub.wait_ready(COURSE)
    tokens = {user: hub.token_for(user) for user in (hv1, hv2)}
    for user in (hv1, hv2):
        hub.start_server(user)
    found = congso_spawner.host_hierarchies()
    folders = {
        user: congso_spawner.server_cgroups(found, CGROUP_PARENT, user) for user in (hv1, hv2)
    }
    memory, cpu = folders[hv1]["memory"], folders[hv1]["cpu"]
    assert int((memory / "memory.limit_in_bytes").read_text()) == MEM_LIMIT_BYTES
    assert (cpu / "cpu.cfs_period_us").read_text().strip() == "100000"
    assert (cpu / "cpu.cfs_quota_us").read_text().strip() == str(round(CPU_LIMIT * 100_000))
    state = hub.api("GET", f"/users/{hv1}")["servers"][""]["state"]
    assert state["pid"] in _pids(memory) and state["pid"] in _pids(cpu)

    kernels = {user: _start_kernel(hub, user, tokens[user]) for user in (hv1, hv2)}

    def run(user: str, code: str) -> Execution:
        return asyncio.run(_execute(hub, user, tokens[user], kernels[user], code))

    pid = run(hv1, "import os; print(os.getpid())")
    assert pid.error is None and not pid.died, pid
    assert int(pid.stdout) in _pids(memory) and int(pid.stdout) in _pids(cpu)

    hog = run(hv1, "hog = bytearray(600 * 2**20); print('survived')")
    assert "survived" not in hog.stdout, hog
    assert hog.died or hog.error == "MemoryError", hog
    assert int((memory / "memory.max_usage_in_bytes").read_text()) <= MEM_LIMIT_BYTES
    if hog.died:  # killed by the cgroup's OOM killer, not by anything else
        oom = dict(
            line.split() for line in (memory / "memory.oom_control").read_text().splitlines()
        )
        assert int(oom.get("oom_kill", "1")) >= 1, oom

    # Everybody else carries on: the hub, the trainee's own server, the other trainee.
    assert hub.request("GET", "/hub/api/")[0] == 200
    assert hub.request("GET", f"/user/{hv1}/api/status", tokens[hv1])[0] == 200
    other = run(hv2, "print(sum(range(10**6)))")
    assert other == Execution("499999500000\n", None, died=False)

    # A stopped server leaves no cgroup (nor a process) behind.
    hub.request("DELETE", f"/hub/api/users/{hv2}/server", hub.token)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while any(f.exists() for f in folders[hv2].values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(f.exists() for f in folders[hv2].values()), hub.logs()
