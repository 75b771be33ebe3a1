"""Real-browser smoke test of notebook 01 in JupyterLab (issue 9).

Debian's chromium (``apt-get install -y chromium``) driven by Playwright for Python, launched
through ``executable_path``: no browser is ever downloaded (``playwright install`` is never
run). JupyterLab listens on 127.0.0.1 with a random port and token. The test runs all cells,
checks that the widgets render, clicks «Bắt đầu», waits for the progress to reach 100% while
the kernel stays responsive, and saves a screenshot under ``build/test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_so_hoa_lo_tai_lieu.ipynb"
SAMPLE = ROOT / "data" / "samples" / "01-clean-png" / "vb-01.png"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: User settings of the throw-away JupyterLab: start the notebook's kernel without asking,
#: and no news or update toasts over the page.
SETTINGS = {
    "notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False,
        "fetchNews": "false",
    },
}

pytestmark = [pytest.mark.slow, pytest.mark.notebooks, pytest.mark.tesseract]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepared_notebook(folder: Path, source: Path, archive: Path) -> Path:
    """Notebook 01 with the test's folders injected after its parameters cell."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    index = next(
        i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])
    )
    cell = nbformat.v4.new_code_cell(
        f"THU_MUC_BAN_QUET = {str(source)!r}\nTHU_MUC_KHO = {str(archive)!r}\n"
        'TUY_CHON = {"jobs": 1}\nBAT_DAU_NGAY = False'
    )
    cell.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(index + 1, cell)
    path = folder / NOTEBOOK.name
    nbformat.write(notebook, path)
    return path


@contextlib.contextmanager
def jupyterlab(root: Path, log: Path) -> Iterator[tuple[str, str]]:
    """A JupyterLab server on 127.0.0.1 (random port and token); yields (base URL, token)."""
    port, token = free_port(), secrets.token_hex(16)
    settings = root / ".jupyter" / "lab-settings" / "@jupyterlab"
    for name, values in SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(root / ".jupyter"),
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".jupyter" / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".jupyter" / "workspaces"),
    }
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:  # CI containers run as root
        argv.append("--allow-root")
    with log.open("wb") as out:
        server = subprocess.Popen(
            argv, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab exited: {log.read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5):
                        break
                except (urllib.error.URLError, OSError):
                    if time.monotonic() > deadline:
                        pytest.fail("JupyterLab did not start within 90 s")
                    time.sleep(0.5)
            yield base, token
        finally:
            # Ask politely (kernels are shut down with the server), then insist.
            with contextlib.suppress(OSError, urllib.error.URLError):
                request = urllib.request.Request(
                    f"{base}/api/shutdown?token={token}", method="POST", data=b""
                )
                urllib.request.urlopen(request, timeout=10).close()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait(timeout=10)


def test_notebook_01_runs_in_jupyterlab_and_progress_reaches_100_percent(
    tmp_path: Path,
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is missing: apt-get install -y chromium")
    source = tmp_path / "ban-quet"
    source.mkdir()
    shutil.copy(SAMPLE, source / SAMPLE.name)
    archive = tmp_path / "kho"
    prepared_notebook(tmp_path, source, archive)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "notebook-01-progress.png"
    results_shot = ARTIFACTS / "notebook-01-results.png"
    with (
        jupyterlab(tmp_path, tmp_path / "jupyterlab.log") as (base, token),
        sync_api.sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, timeout=60_000
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}")
            page.locator(".jp-Notebook").first.wait_for()
            kernel_dialog = page.locator(".jp-Dialog .jp-mod-accept", has_text="Select")
            with contextlib.suppress(sync_api.TimeoutError):
                kernel_dialog.click(timeout=5_000)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
                timeout=90_000
            )
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            start = page.locator(".widget-button", has_text="Bắt đầu")
            start.wait_for(timeout=90_000)
            assert page.locator(".widget-text input").count() >= 2
            assert page.locator(".widget-hprogress").count() == 1
            assert any("Kho mới" in t for t in page.locator(".widget-html").all_inner_texts())
            start.click()
            # Pages reach 100% first; the run ends after assembly and the records build.
            page.locator(".congso-progress", has_text="(100%)").wait_for(timeout=240_000)
            done = page.locator(".congso-progress", has_text="Đã xong")
            done.wait_for(timeout=120_000)
            text = done.inner_text()
            assert text.startswith("Đã xong: 1/1 trang (100%)"), text
            done.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshot))
            # Run the result cells again now that the batch is over: table and charts.
            page.locator(".jp-Notebook .jp-Cell").nth(5).locator(".jp-InputPrompt").click()
            page.keyboard.press("Shift+Enter")
            page.keyboard.press("Shift+Enter")
            page.locator(".jp-RenderedHTMLCommon table", has_text="Trang cần kiểm tra").wait_for()
            page.locator(".jp-RenderedImage img").first.wait_for()
            page.screenshot(path=str(results_shot))
            for shot in (screenshot, results_shot):
                shutil.copy(shot, tmp_path / shot.name)
            outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
            assert "Traceback" not in outputs
        except Exception:
            # The page as it was when the test gave up, for whoever reads the CI artifacts.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / "notebook-01-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    assert (archive / "catalog.sqlite").exists()
    assert screenshot.stat().st_size > 10_000
    assert results_shot.stat().st_size > 10_000
    # The kernel went down with the server: nothing keeps the archive locked.
    with (archive / ".lock").open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
