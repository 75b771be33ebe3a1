"""nbgrader settings every hub user shares: the one exchange of this hub.

The hub puts this folder on JUPYTER_CONFIG_PATH (deploy/jupyterhub_config.py), so the
JupyterLab Assignments tab and ``nbgrader`` in a hub terminal find the same exchange as the
courses' own ``nbgrader_config.py`` (which reads the same variable, graders/config.py).
"""

import os

c = get_config()  # noqa: F821 - provided by the traitlets config loader
c.Exchange.root = os.environ.get("CONGSO_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
