"""Find an installed serif font family that covers Vietnamese.

Administrative documents are set in Times New Roman (DOMAIN.md §7); Liberation Serif has the
same metrics, so it is preferred, then Noto Serif and DejaVu Serif. The font is looked up with
``fc-list :lang=vi`` rather than a hard-coded path, so Debian, Ubuntu and conda all work.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from digitize.exceptions import MissingDependencyError

log = logging.getLogger(__name__)

#: Families tried in order; the first one with all four styles installed wins.
PREFERRED_FAMILIES: tuple[str, ...] = ("Liberation Serif", "Noto Serif", "DejaVu Serif")

#: Monospaced families for typewritten documents, in order of preference.
MONO_FAMILIES: tuple[str, ...] = ("Liberation Mono", "DejaVu Sans Mono", "Noto Sans Mono")

#: What to install when no family fits.
INSTALL_HINT = "sudo apt-get install -y fonts-liberation2 fonts-noto-core"

_REGULAR_WEIGHT = 80
_BOLD_WEIGHT = 200
_ROMAN_SLANT = 0
_ITALIC_SLANT = 100
_NORMAL_WIDTH = 100


@dataclass(frozen=True, slots=True)
class FontFamily:
    """One serif family with the four styles the page layout needs.

    Attributes:
        name: family name as fontconfig reports it, e.g. ``"Liberation Serif"``.
        regular: path of the upright regular face.
        bold: path of the upright bold face.
        italic: path of the italic face.
        bold_italic: path of the bold italic face.
    """

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def __post_init__(self) -> None:
        for path in (self.regular, self.bold, self.italic, self.bold_italic):
            if not path.is_file():
                raise MissingDependencyError(f"Không thấy tệp phông chữ {path}. {INSTALL_HINT}")

    def path(self, *, bold: bool = False, italic: bool = False) -> Path:
        """The face for a style."""
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular


def _fc_list() -> list[tuple[Path, str, int, int, int]]:
    """(file, family, weight, slant, width) of every installed face covering Vietnamese."""
    exe = shutil.which("fc-list")
    if exe is None:
        raise MissingDependencyError(
            "Không tìm thấy chương trình fc-list (fontconfig) để tìm phông chữ tiếng Việt. "
            "Hãy cài: sudo apt-get install -y fontconfig fonts-liberation2 fonts-noto-core"
        )
    fmt = "%{file}\t%{family[0]}\t%{weight}\t%{slant}\t%{width}\n"
    try:
        done = subprocess.run(
            [exe, ":lang=vi", "--format", fmt],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise MissingDependencyError(f"fc-list thất bại ({e}). {INSTALL_HINT}") from e
    faces = []
    for row in done.stdout.splitlines():
        parts = row.split("\t")
        if len(parts) != 5:
            continue
        try:
            weight, slant, width = (int(float(p)) for p in parts[2:])
        except ValueError:
            # variable fonts report ranges such as "[80 200]": not needed, skip them
            continue
        faces.append((Path(parts[0]), parts[1], weight, slant, width))
    return faces


@functools.cache
def find_font_family(preferred: tuple[str, ...] = PREFERRED_FAMILIES) -> FontFamily:
    """The first family of ``preferred`` installed with Vietnamese coverage in four styles.

    Raises:
        MissingDependencyError: none is installed; the message names the Debian packages.
    """
    faces = _fc_list()
    for family in preferred:
        styles: dict[tuple[int, int], Path] = {}
        # sorted so that duplicates (same face in two folders) resolve the same way every run
        for path, name, weight, slant, width in sorted(faces):
            if name == family and width == _NORMAL_WIDTH:
                styles.setdefault((weight, slant), path)
        wanted = [
            (_REGULAR_WEIGHT, _ROMAN_SLANT),
            (_BOLD_WEIGHT, _ROMAN_SLANT),
            (_REGULAR_WEIGHT, _ITALIC_SLANT),
            (_BOLD_WEIGHT, _ITALIC_SLANT),
        ]
        if all(key in styles for key in wanted):
            chosen = FontFamily(family, *(styles[key] for key in wanted))
            log.debug("serif font for synthetic scans: %s", chosen)
            return chosen
    raise MissingDependencyError(
        "Không tìm thấy phông chữ có chữ có dấu tiếng Việt (cần một trong: "
        + ", ".join(preferred)
        + f"). Hãy cài: {INSTALL_HINT}"
    )
