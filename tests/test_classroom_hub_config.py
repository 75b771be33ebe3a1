"""deploy/jupyterhub_config.py turns the classes of ``graders classroom`` into hub settings."""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def _write_class(
    folder: Path, course: str, grader: str, instructors: list[str], trainees: list[str]
) -> None:
    folder.mkdir(exist_ok=True)
    entry = {
        "course": course,
        "course_root": f"/srv/congso/courses/{course}",
        "grader": grader,
        "instructors": instructors,
        "trainees": trainees,
        "names": {},
    }
    (folder / f"{course}.json").write_text(json.dumps(entry), encoding="utf-8")


def _load(
    monkeypatch: pytest.MonkeyPatch, classes: Path, earlier: Config | None = None, **env: str
) -> Config:
    monkeypatch.setenv("CONGSO_HUB_CLASSES", str(classes))
    monkeypatch.setenv("CONGSO_HUB_USER_BIN", "/opt/congso/venv/bin")
    monkeypatch.setenv("CONGSO_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    # Executed the way JupyterHub's loader does, into a config that may already hold earlier
    # choices (TLJH loads its own settings before the snippets).
    config = earlier if earlier is not None else Config()
    path = DEPLOY / "jupyterhub_config.py"
    namespace = {"get_config": lambda: config, "c": config, "__file__": str(path)}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return config


@pytest.fixture
def classes(tmp_path: Path) -> Path:
    folder = tmp_path / "classes"
    _write_class(folder, "network-admin", "grader-net", ["annv"], ["binhtt", "baott"])
    _write_class(folder, "egov-systems", "grader-egov", ["chilt", "annv"], ["baott", "dungpv"])
    return folder


def test_every_instructor_and_trainee_may_log_in_with_pam_by_default(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    c = _load(monkeypatch, classes)
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.Authenticator.allowed_users == {
        "annv",
        "chilt",
        "grader-net",
        "grader-egov",
        "binhtt",
        "baott",
        "dungpv",
    }


def test_only_a_courses_instructors_get_access_to_its_formgrader_service(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    c = _load(monkeypatch, classes)
    assert c.JupyterHub.load_groups["formgrader-network-admin"] == {"users": ["annv", "grader-net"]}
    assert c.JupyterHub.load_groups["nbgrader-egov-systems"] == {"users": ["baott", "dungpv"]}
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["formgrader-egov-systems"]["groups"] == ["formgrader-egov-systems"]
    assert roles["formgrader-egov-systems"]["scopes"] == ["access:services!service=egov-systems"]
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert set(services) == {"network-admin", "egov-systems"}
    net = services["network-admin"]
    assert net["user"] == "grader-net"
    assert net["cwd"] == "/srv/congso/courses/network-admin"
    assert net["command"] == ["/opt/congso/venv/bin/jupyterhub-singleuser"]
    assert net["environment"]["CONGSO_NBGRADER_EXCHANGE"] == "/srv/nbgrader/exchange"
    assert net["url"].startswith("http://127.0.0.1:")
    assert len({s["url"] for s in services.values()}) == 2


def _spawn_env(c: Config, user: str) -> dict[str, str]:
    spawner = SimpleNamespace(
        user=SimpleNamespace(name=user), environment=dict(c.Spawner.environment)
    )
    c.Spawner.pre_spawn_hook(spawner)
    env: dict[str, Any] = spawner.environment
    return env


def test_trainee_servers_get_the_config_that_hides_the_instructor_tools(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    c = _load(monkeypatch, classes)
    trainee = _spawn_env(c, "binhtt")["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    instructor = _spawn_env(c, "annv")["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert trainee == [str(DEPLOY / "jupyter" / "trainee"), str(DEPLOY / "jupyter" / "common")]
    assert instructor == [str(DEPLOY / "jupyter" / "common")]
    assert _spawn_env(c, "binhtt")["CONGSO_NBGRADER_EXCHANGE"] == "/srv/nbgrader/exchange"
    assert c.Spawner.cmd == ["/opt/congso/venv/bin/jupyterhub-singleuser"]


def test_a_workshop_uses_one_shared_password_and_systemd_enforces_limits(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    c = _load(
        monkeypatch,
        classes,
        CONGSO_HUB_AUTH="shared-password",
        CONGSO_HUB_SHARED_PASSWORD="tap-huan-2026",
        CONGSO_HUB_SPAWNER="systemd",
        CONGSO_HUB_MEM_LIMIT="2G",
        CONGSO_HUB_CPU_LIMIT="1",
    )
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "tap-huan-2026"
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("2G", 1.0)


def test_choices_of_an_earlier_config_are_kept_as_in_a_tljh_snippet(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    earlier = Config()
    earlier.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
    earlier.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    earlier.Authenticator.allowed_users = {"it-admin"}
    c = _load(monkeypatch, classes, earlier)
    assert c.JupyterHub.authenticator_class == "firstuseauthenticator.FirstUseAuthenticator"
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert "it-admin" in c.Authenticator.allowed_users


def test_the_trainee_jupyter_config_switches_off_formgrader_and_course_list() -> None:
    c = PyFileConfigLoader(
        "jupyter_server_config.py", path=str(DEPLOY / "jupyter" / "trainee")
    ).load_config()
    value = c.ServerApp.jpserver_extensions.get_value({"jupyterlab": True})
    assert value == {
        "jupyterlab": True,
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
    }
    page = json.loads(
        (DEPLOY / "jupyter" / "trainee" / "labconfig" / "page_config.json").read_text()
    )
    assert page["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True


def test_on_tljh_the_formgrader_service_runs_as_the_prefixed_account(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "classes"
    _write_class(folder, "network-admin", "annv", ["annv"], ["binhtt"])
    entry = json.loads((folder / "network-admin.json").read_text(encoding="utf-8"))
    (folder / "network-admin.json").write_text(
        json.dumps({**entry, "system_prefix": "jupyter-"}), encoding="utf-8"
    )
    c = _load(monkeypatch, folder)
    assert c.JupyterHub.services[0]["user"] == "jupyter-annv"
    assert c.JupyterHub.load_groups["formgrader-network-admin"] == {"users": ["annv"]}


def test_by_default_servers_run_under_the_cgroup_spawner_that_enforces_limits(
    monkeypatch: pytest.MonkeyPatch, classes: Path
) -> None:
    pytest.importorskip("jupyterhub", reason="needs the hub extra")
    monkeypatch.setattr(sys, "path", [*sys.path])  # the config adds deploy/ to it
    c = _load(monkeypatch, classes, CONGSO_HUB_MEM_LIMIT="1G", CONGSO_HUB_CPU_LIMIT="0.5")
    assert c.JupyterHub.spawner_class == "congso_spawner.CgroupSpawner"
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("1G", 0.5)
    # The hub imports the class by that name: it must resolve with the path the config set.
    from jupyterhub.spawner import LocalProcessSpawner
    from traitlets.utils.importstring import import_item

    assert issubclass(import_item(c.JupyterHub.spawner_class), LocalProcessSpawner)


def test_the_plain_local_spawner_stays_available_and_warns_that_limits_are_ignored(
    monkeypatch: pytest.MonkeyPatch, classes: Path, caplog: pytest.LogCaptureFixture
) -> None:
    c = _load(monkeypatch, classes, CONGSO_HUB_SPAWNER="local", CONGSO_HUB_MEM_LIMIT="1G")
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert "does not enforce mem_limit" in caplog.text


# The part of Zero to JupyterHub's values.schema.yaml that deploy/z2jh/values.yaml uses,
# transcribed from jupyterhub/zero-to-jupyterhub-k8s at commit 02dd73df (Helm chart 4.x):
# every level listed is `additionalProperties: false` there except those marked OPEN.
OPEN = "open"
NUMBER = (int, float)
EXTRA_FILE = {"mountPath": str, "data": dict, "stringData": str, "binaryData": str, "mode": int}
Z2JH_SCHEMA: dict[str, Any] = {
    "singleuser": {
        "image": {"name": str, "tag": str, "pullPolicy": str, "pullSecrets": list},
        "defaultUrl": str,
        "cmd": (list, str),
        "memory": {"limit": (str, *NUMBER), "guarantee": (str, *NUMBER)},
        "cpu": {"limit": NUMBER, "guarantee": NUMBER},
        "extraEnv": OPEN,
        "extraFiles": {"*": EXTRA_FILE},
        "profileList": list,
        "startTimeout": int,
    },
    "hub": {"config": OPEN, "extraConfig": OPEN, "loadRoles": OPEN, "services": OPEN},
    "cull": {
        "enabled": bool,
        "users": bool,
        "adminUsers": bool,
        "removeNamedServers": bool,
        "timeout": int,
        "every": int,
        "concurrency": int,
        "maxAge": int,
    },
}


def _schema_problems(value: Any, spec: Any, path: str) -> list[str]:
    if spec == OPEN:
        return []
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return [f"{path}: expected a mapping, got {type(value).__name__}"]
        problems = []
        for key, item in value.items():
            child = spec.get(key, spec.get("*"))
            if child is None:
                problems.append(f"{path}.{key}: not a key of the chart's schema")
            else:
                problems += _schema_problems(item, child, f"{path}.{key}")
        return problems
    allowed = spec if isinstance(spec, tuple) else (spec,)
    if isinstance(value, bool) and bool not in allowed:  # to isinstance, True is an int
        return [f"{path}: a boolean where the schema wants {spec}"]
    return [] if isinstance(value, allowed) else [f"{path}: {value!r} is not {spec}"]


def _z2jh_values() -> dict[str, Any]:
    import yaml

    values: dict[str, Any] = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    return values


def test_the_z2jh_values_use_only_keys_and_types_of_the_charts_schema() -> None:
    values = _z2jh_values()
    assert _schema_problems(values, Z2JH_SCHEMA, "values") == []
    for key, entry in values["singleuser"]["extraFiles"].items():
        contents = {"data", "stringData", "binaryData"} & set(entry)
        assert len(contents) == 1 and entry["mountPath"].startswith("/"), key  # schema's oneOf
    assert values["singleuser"]["memory"]["limit"] == "1G"
    assert values["singleuser"]["cpu"]["limit"] == 1


def test_the_schema_check_catches_unknown_keys_and_wrong_types() -> None:
    bad = {"singleuser": {"memory": {"limt": "1G"}, "cpu": {"limit": "1"}}, "cul": {}}
    assert _schema_problems(bad, Z2JH_SCHEMA, "values") == [
        "values.singleuser.memory.limt: not a key of the chart's schema",
        "values.singleuser.cpu.limit: '1' is not (<class 'int'>, <class 'float'>)",
        "values.cul: not a key of the chart's schema",
    ]


def test_the_z2jh_trainee_files_match_the_one_server_trainee_config() -> None:
    files = _z2jh_values()["singleuser"]["extraFiles"]
    env = _z2jh_values()["singleuser"]["extraEnv"]
    trainee = DEPLOY / "jupyter" / "trainee"
    page = json.loads((trainee / "labconfig" / "page_config.json").read_text())
    assert files["trainee-lab-config"]["data"] == page
    assert files["trainee-lab-config"]["mountPath"] == (
        f"{env['JUPYTER_CONFIG_PATH']}/labconfig/page_config.json"
    )
    # Same settings as the one-server file, loaded the way Jupyter loads it.
    config = Config()
    namespace = {"get_config": lambda: config}
    exec(files["trainee-server-config"]["stringData"], namespace)
    expected = PyFileConfigLoader("jupyter_server_config.py", path=str(trainee)).load_config()
    extensions = {"jupyterlab": True}
    assert config.ServerApp.jpserver_extensions.get_value(dict(extensions)) == (
        expected.ServerApp.jpserver_extensions.get_value(dict(extensions))
    )


def test_the_z2jh_formgrader_role_names_a_service_the_values_define() -> None:
    hub = _z2jh_values()["hub"]
    for name, role in hub["loadRoles"].items():
        services = {s.split("service=", 1)[1] for s in role["scopes"] if "service=" in s}
        assert services <= set(hub["services"]), name
        assert set(role["groups"]) <= set(hub["config"]["JupyterHub"]["load_groups"]), name


def _recipe_commands() -> list[str]:
    """The shell commands of deploy/README.md's bash blocks, continuation lines joined."""
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    joined = "\n".join(blocks).replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip()]


def test_every_graders_command_of_the_recipes_parses_with_the_real_cli() -> None:
    from graders.cli import build_parser

    commands = [c for c in _recipe_commands() if re.search(r"/graders classroom ", c)]
    assert len(commands) == 2, commands  # one server, and TLJH
    for command in commands:
        argv = shlex.split(command)
        start = next(i for i, a in enumerate(argv) if a.endswith("/graders")) + 1
        args = build_parser().parse_args(argv[start:])
        assert args.create_users and args.chown, command
    tljh = next(c for c in commands if "/opt/tljh/" in c)
    assert "--system-prefix jupyter-" in tljh  # TLJH names accounts jupyter-<name>


def test_the_paths_the_recipes_name_exist_in_the_repository() -> None:
    """``/srv/congso`` is the clone of this repository in every recipe."""
    texts = [
        (DEPLOY / "README.md").read_text(encoding="utf-8"),
        (DEPLOY / "jupyterhub.service").read_text(encoding="utf-8"),
    ]
    named = {m for text in texts for m in re.findall(r"/srv/congso/([\w./-]+\w)", text)}
    assert "deploy/jupyterhub_config.py" in named and "deploy/z2jh/values.yaml" in named
    for relative in named:
        assert (ROOT / relative).exists(), relative
    service = texts[1]
    assert (
        "ExecStart=/opt/congso/venv/bin/jupyterhub -f /srv/congso/deploy/jupyterhub_config.py"
        in (service)
    )


def test_the_tljh_config_snippet_is_python_that_loads_this_config() -> None:
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"<<'PY'\n(.*?)\nPY\n", text, flags=re.DOTALL)
    assert snippet is not None
    compile(snippet.group(1), "congso.py", "exec")
    loaded = re.findall(r'load_subconfig\("/srv/congso/([^"]+)"\)', snippet.group(1))
    assert loaded == ["deploy/jupyterhub_config.py"]
