"""JupyterHub configuration for Công Sở classes (deploy/README.md explains every setting).

Reads the classes written by ``graders classroom`` (one ``<course>.json`` per course) and sets:
who may log in, groups and roles (only a course's instructors reach its formgrader), one
formgrader service per course running as the course's grader account, the shared nbgrader
exchange, trainee servers without the instructor tools, and optional per-user limits.

Settings come from environment variables so one file serves a laptop workshop, TLJH and
tests. Authenticator and spawner are only chosen when no earlier config file chose them, so
the file can be loaded as a TLJH snippet (``load_subconfig``) without undoing TLJH's choices.

Only the standard library is used: the hub may run from another environment than the suite.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("congso.hub")

c: Any = get_config()  # type: ignore[name-defined]  # noqa: F821 - traitlets config loader

HERE = Path(__file__).resolve().parent
CLASSES = Path(os.environ.get("CONGSO_HUB_CLASSES", "/etc/congso/classes"))
EXCHANGE = os.environ.get("CONGSO_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
# The suite's environment as users get it: jupyterhub-singleuser, nbgrader, python.
USER_BIN = Path(os.environ.get("CONGSO_HUB_USER_BIN", str(Path(sys.executable).parent)))
AUTH = os.environ.get("CONGSO_HUB_AUTH", "pam")
SPAWNER = os.environ.get("CONGSO_HUB_SPAWNER", "cgroup")
SERVICE_PORT_BASE = int(os.environ.get("CONGSO_HUB_SERVICE_PORT_BASE", "9700"))
MEM_LIMIT = os.environ.get("CONGSO_HUB_MEM_LIMIT", "")
CPU_LIMIT = os.environ.get("CONGSO_HUB_CPU_LIMIT", "")

COMMON_CONFIG = str(HERE / "jupyter" / "common")
TRAINEE_CONFIG = str(HERE / "jupyter" / "trainee")


def _load_classes(folder: Path) -> list[dict[str, Any]]:
    classes = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        entry = json.loads(path.read_text(encoding="utf-8"))
        classes.append(entry)
    if not classes:
        log.warning("No classes in %s: run `graders classroom COURSE ROSTER.csv` first", folder)
    return classes


classes = _load_classes(CLASSES)
instructors = sorted({u for k in classes for u in [*k["instructors"], k["grader"]]})
trainees = sorted({u for k in classes for u in k["trainees"]} - set(instructors))

# --- who may log in -------------------------------------------------------------------------
if "authenticator_class" not in c.JupyterHub:
    if AUTH == "shared-password":
        # A workshop: one password for every trainee (JupyterHub >= 5.3); accounts still exist
        # on the machine because each server runs as its own Linux user.
        c.JupyterHub.authenticator_class = "shared-password"
        c.SharedPasswordAuthenticator.user_password = os.environ["CONGSO_HUB_SHARED_PASSWORD"]
    else:
        c.JupyterHub.authenticator_class = "pam"
earlier_allowed = (
    set(c.Authenticator.allowed_users) if "allowed_users" in c.Authenticator else set()
)
c.Authenticator.allowed_users = earlier_allowed | {*instructors, *trainees}
admins = {u for u in os.environ.get("CONGSO_HUB_ADMINS", "").split(",") if u}
if admins:
    c.Authenticator.admin_users = admins

# --- groups and roles (nbgrader's "JupyterHub with multiple courses" recipe) ----------------
groups: dict[str, dict[str, list[str]]] = {}
roles: list[dict[str, Any]] = [
    # The course list of an instructor's server asks the hub for the user's groups.
    {"name": "server", "scopes": ["inherit"]},
]
services: list[dict[str, Any]] = []
for index, klass in enumerate(sorted(classes, key=lambda k: k["course"])):
    course = klass["course"]
    groups[f"formgrader-{course}"] = {"users": sorted({*klass["instructors"], klass["grader"]})}
    groups[f"nbgrader-{course}"] = {"users": sorted(klass["trainees"])}
    roles.append(
        {
            "name": f"formgrader-{course}",
            "description": f"Instructors of {course}: may open its formgrader",
            "groups": [f"formgrader-{course}"],
            "scopes": [f"access:services!service={course}"],
        }
    )
    services.append(
        {
            "name": course,
            "url": f"http://127.0.0.1:{SERVICE_PORT_BASE + index}",
            "command": [str(USER_BIN / "jupyterhub-singleuser")],
            # Runs as the grader, in the course folder, so the formgrader reads the course's
            # nbgrader_config.py; trainees cannot read that folder (graders classroom --chown).
            "user": klass.get("system_prefix", "") + klass["grader"],
            "cwd": klass["course_root"],
            "environment": {
                "CONGSO_NBGRADER_EXCHANGE": EXCHANGE,
                "JUPYTER_CONFIG_PATH": COMMON_CONFIG,
                "JUPYTERHUB_DEFAULT_URL": "/lab",
                # nbgrader runs alembic from PATH to create a gradebook.
                "PATH": f"{USER_BIN}:/usr/local/bin:/usr/bin:/bin",
            },
            "oauth_no_confirm": True,
        }
    )
c.JupyterHub.load_groups = groups
c.JupyterHub.load_roles = roles
c.JupyterHub.services = (
    [*c.JupyterHub.services, *services] if "services" in c.JupyterHub else services
)

# --- single-user servers --------------------------------------------------------------------
if "spawner_class" not in c.JupyterHub:
    if SPAWNER == "systemd":
        # systemdspawner puts each server in its own systemd unit: mem_limit and cpu_limit bind.
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    elif SPAWNER == "local":
        c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    else:
        # Local processes, each server in a cgroup of its own (congso_spawner.py, next to
        # this file): enforces mem_limit and cpu_limit without systemd.
        if str(HERE) not in sys.path:
            sys.path.insert(0, str(HERE))
        c.JupyterHub.spawner_class = "congso_spawner.CgroupSpawner"
    c.Spawner.cmd = [str(USER_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "CONGSO_NBGRADER_EXCHANGE": EXCHANGE,
    "PATH": f"{USER_BIN}:/usr/local/bin:/usr/bin:/bin",
}
if MEM_LIMIT:
    c.Spawner.mem_limit = MEM_LIMIT
if CPU_LIMIT:
    c.Spawner.cpu_limit = float(CPU_LIMIT)
if (MEM_LIMIT or CPU_LIMIT) and str(c.JupyterHub.spawner_class).endswith("LocalProcessSpawner"):
    log.warning(
        "LocalProcessSpawner does not enforce mem_limit/cpu_limit; use the default "
        "CONGSO_HUB_SPAWNER=cgroup, CONGSO_HUB_SPAWNER=systemd (TLJH) or Kubernetes (Z2JH)"
    )

INSTRUCTORS = frozenset(instructors)


def _per_role_config(spawner: Any) -> None:
    """Trainees get a Jupyter config path that switches the instructor tools off."""
    name = spawner.user.name
    path = COMMON_CONFIG if name in INSTRUCTORS else f"{TRAINEE_CONFIG}{os.pathsep}{COMMON_CONFIG}"
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": path}


c.Spawner.pre_spawn_hook = _per_role_config
