"""Notebook front ends of the archive tools (issue 9): controllers and ipywidgets views.

- :mod:`digitize.ui.controller`: state and actions of the four archivist notebooks (run,
  review, search, export); no ipywidgets, tested without Jupyter.
- :mod:`digitize.ui.progress`: a thread-safe progress tracker and the ipywidgets adapter.
- :mod:`digitize.ui.widgets`: views that only build widgets and wire them to a controller.
- :mod:`digitize.ui.pages`: page images with low-confidence words highlighted (corrected
  page texts are revisions of :mod:`digitize.records`).
"""

from __future__ import annotations
