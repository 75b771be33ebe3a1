"""Jupyter Server settings for trainees: no formgrader, no assignment authoring, no course list.

nbgrader's documented way to hide the instructor tools from students. Set explicitly here,
these entries win over the ``enabled`` flags the shared environment installs.
"""

c = get_config()  # noqa: F821 - provided by the traitlets config loader
c.ServerApp.jpserver_extensions.update(
    {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
    }
)
