"""Metadata of Vietnamese administrative documents (DOMAIN.md §1–§7).

Submodules: :mod:`~digitize.metadata.doctypes` (§4 types), :mod:`~digitize.metadata.numbering`
(§5 số/ký hiệu), :mod:`~digitize.metadata.dates` (§6 date lines).
"""

from __future__ import annotations
