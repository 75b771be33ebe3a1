"""ipywidgets views of the archivist notebooks: they build widgets and wire them to a
controller of :mod:`digitize.ui.controller`, nothing else (STYLE.md rule 9).

Tests drive them by setting ``.value`` and calling ``.click()``. The only code that runs
outside the kernel's main thread is :meth:`ProgressView.update`, called by the batch's
orchestrating thread; it assigns widget values and nothing more (see the controller module).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, Final

import ipywidgets as w

from digitize.options import DigitizeOptions
from digitize.ui.controller import (
    EDITABLE_FIELDS,
    SCOPE_ALL,
    ExportController,
    ReviewController,
    RunController,
    SearchController,
)
from digitize.ui.progress import Phase, ProgressTracker, RunSnapshot

__all__ = [
    "ExportView",
    "ProgressView",
    "ReviewView",
    "RunView",
    "SearchView",
    "WidgetProgress",
    "error_box",
    "export_app",
    "message_html",
    "review_app",
    "run_app",
    "search_app",
]

_WIDE: Final = w.Layout(width="100%")
_LABEL_STYLE: Final = {"description_width": "11em"}


def _fit(*widgets: w.DOMWidget) -> None:
    """Size buttons and checkboxes to their label: Vietnamese labels are long and the
    default widths cut them («Lưu và sang tra…»)."""
    for widget in widgets:
        widget.layout.width = "auto"


#: Many monospace fonts place Vietnamese stacked diacritics badly (``ấ`` drawn as ``â´``):
#: text an archivist edits or reads is shown in a proportional font that has them all.
_STYLE: Final = (
    "<style>.congso textarea, .congso input[type=text] "
    "{font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif;}</style>"
)


def _quiet_console() -> None:
    """Keep the library's technical warnings (English, for developers) out of notebook cells:
    without any handler Python prints them to stderr. Runs keep them in digitize.log."""
    logger = logging.getLogger("digitize")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def _display(widget: w.Widget) -> None:
    from IPython.display import display

    display(widget)  # type: ignore[no-untyped-call]


def message_html(text: str, *, error: bool = False) -> str:
    """Escaped text with line breaks, red when it is an error."""
    if not text:
        return ""
    body = "<br>".join(html.escape(line) for line in text.splitlines())
    colour = "#b00020" if error else "#1b5e20"
    return f'<div style="color:{colour}; white-space:normal">{body}</div>'


class ProgressView:
    """A bar and a line: pages done, pages/minute, ETA, failures."""

    def __init__(self) -> None:
        self.bar = w.IntProgress(value=0, min=0, max=100, description="0%", layout=_WIDE)
        self.label = w.HTML(value="")
        self.box = w.VBox([self.bar, self.label])

    def update(self, snapshot: RunSnapshot) -> None:
        """Show ``snapshot`` (called from the orchestrating thread: values only)."""
        self.bar.value = snapshot.percent
        self.bar.description = f"{snapshot.percent}%"
        self.bar.bar_style = {
            Phase.FINISHED: "danger" if snapshot.failed else "success",
            Phase.FAILED: "danger",
        }.get(snapshot.phase, "info")
        line = html.escape(snapshot.describe())
        self.label.value = f'<span class="congso-progress">{line}</span>'


class WidgetProgress(ProgressTracker):
    """The ipywidgets adapter of the Progress protocol, for direct library calls:
    ``digitize_archive(src, kho, progress=WidgetProgress())`` then display ``.widget``."""

    def __init__(self) -> None:
        super().__init__()
        self.view = ProgressView()
        self.subscribe(self.view.update)

    @property
    def widget(self) -> w.VBox:
        """The widget to display."""
        return self.view.box

    def _ipython_display_(self) -> None:
        _display(self.widget)


class RunView:
    """Notebook 01: folders, options, start button, live progress, messages."""

    def __init__(self, controller: RunController) -> None:
        self.controller = controller
        given = controller.options_input
        base: dict[str, Any] = (
            {f.name: getattr(given, f.name) for f in fields(given)}
            if isinstance(given, DigitizeOptions)
            else dict(given or {})
        )
        self._base_options = base
        self.source = w.Text(
            value=str(controller.source),
            description="Thư mục bản quét",
            style=_LABEL_STYLE,
            layout=_WIDE,
        )
        self.archive = w.Text(
            value=str(controller.archive),
            description="Thư mục kho",
            style=_LABEL_STYLE,
            layout=_WIDE,
        )
        self.jobs = w.BoundedIntText(
            value=int(base.get("jobs", 0)),
            min=0,
            max=64,
            description="Số tiến trình",
            style=_LABEL_STYLE,
            tooltip="0 = mỗi lõi CPU một tiến trình",
        )
        self.threshold = w.FloatSlider(
            value=float(base.get("review_threshold", 80.0)),
            min=0,
            max=100,
            step=1,
            description="Ngưỡng kiểm tra (%)",
            style=_LABEL_STYLE,
        )
        self.preprocess = w.Checkbox(
            value=bool(base.get("preprocess", True)), description="Xoay, chỉnh nghiêng, làm sạch"
        )
        self.pdfa = w.Checkbox(
            value=base.get("output", "pdf") == "pdfa", description="Xuất PDF/A (lưu trữ lâu dài)"
        )
        self.retry = w.Checkbox(
            value=bool(base.get("retry_failed", False)), description="Làm lại các trang lỗi"
        )
        self.start_button = w.Button(
            description="Bắt đầu",
            button_style="primary",
            icon="play",
            tooltip="Số hóa các bản quét chưa xong (chạy tiếp nếu lần trước bị ngắt)",
        )
        self.note = w.HTML(value=message_html(controller.resume_note()))
        self.progress = ProgressView()
        self.message = w.HTML(value="")
        self.box = w.VBox(
            [
                w.HTML(_STYLE),
                self.source,
                self.archive,
                w.HBox([self.jobs, self.threshold]),
                w.HBox([self.preprocess, self.pdfa, self.retry]),
                self.note,
                self.start_button,
                self.progress.box,
                self.message,
            ]
        )
        self.box.add_class("congso")
        _fit(self.preprocess, self.pdfa, self.retry, self.start_button)
        self.start_button.on_click(self._on_start)
        controller.tracker.subscribe(self._on_progress)

    def _options(self) -> dict[str, Any]:
        return {
            **self._base_options,
            "jobs": self.jobs.value,
            "review_threshold": float(self.threshold.value),
            "preprocess": self.preprocess.value,
            "output": "pdfa" if self.pdfa.value else "pdf",
            "retry_failed": self.retry.value,
        }

    def _on_start(self, _button: Any = None) -> None:
        self.controller.source = Path(self.source.value.strip()).expanduser()
        self.controller.archive = Path(self.archive.value.strip()).expanduser()
        self.controller.options_input = self._options()
        self.start_button.disabled = True
        if not self.controller.start():
            self.start_button.disabled = False

    def _on_progress(self, snapshot: RunSnapshot) -> None:
        """Orchestrating thread: widget values only."""
        self.progress.update(snapshot)
        self.message.value = message_html(snapshot.message, error=snapshot.phase is Phase.FAILED)
        if snapshot.phase in (Phase.FINISHED, Phase.FAILED):
            self.start_button.disabled = False

    def _ipython_display_(self) -> None:
        _display(self.box)


class ReviewView:
    """Notebook 02: page image beside its editable text and metadata; save, next, prev."""

    def __init__(self, controller: ReviewController) -> None:
        self.controller = controller
        self.header = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(width="50%", height="auto"))
        self.text = w.Textarea(
            description="", layout=w.Layout(width="100%", height="32em"), continuous_update=False
        )
        self.fields: dict[str, w.Text | w.Textarea] = {}
        for tag, label in EDITABLE_FIELDS:
            cls = w.Textarea if tag == "Subject" else w.Text
            widget = cls(description=label, style=_LABEL_STYLE, layout=_WIDE)
            widget.continuous_update = False
            widget.observe(self._on_field, names="value")
            self.fields[tag] = widget
        self.validation = w.HTML()
        self.message = w.HTML()
        self.prev_button = w.Button(description="Trang trước", icon="arrow-left")
        self.save_button = w.Button(description="Lưu", button_style="primary", icon="save")
        self.save_next_button = w.Button(
            description="Lưu và sang trang sau", button_style="success", icon="check"
        )
        self.next_button = w.Button(description="Trang sau", icon="arrow-right")
        self.progress = w.IntProgress(min=0, max=max(1, len(controller.items)), layout=_WIDE)
        right = w.VBox(
            [w.HTML("<b>Nội dung trang (sửa trực tiếp)</b>"), self.text],
            layout=w.Layout(width="50%"),
        )
        self.box = w.VBox(
            [
                w.HTML(_STYLE),
                self.progress,
                self.header,
                w.HBox([self.image, right]),
                w.HTML("<b>Thông tin văn bản (NĐ 30/2020, Phụ lục VI)</b>"),
                *self.fields.values(),
                self.validation,
                w.HBox(
                    [self.prev_button, self.save_button, self.save_next_button, self.next_button]
                ),
                self.message,
            ]
        )
        self.box.add_class("congso")
        _fit(self.prev_button, self.save_button, self.save_next_button, self.next_button)
        self.prev_button.on_click(lambda _b: self._move(controller.previous))
        self.next_button.on_click(lambda _b: self._move(controller.next))
        self.save_button.on_click(lambda _b: self._save(advance=False))
        self.save_next_button.on_click(lambda _b: self._save(advance=True))
        self._loading = False
        self.show()

    def show(self) -> None:
        """Fill every widget from the controller's current page."""
        c = self.controller
        self.progress.value = len(c.reviewed)
        item = c.current
        enabled = item is not None
        for button in (self.prev_button, self.save_button, self.save_next_button):
            button.disabled = not enabled
        self.next_button.disabled = not enabled
        if item is None:
            self.header.value = message_html(c.progress_text())
            return
        flags = "".join(f"<li>{html.escape(f)}</li>" for f in item.flags)
        self.header.value = (
            f"<div>{html.escape(c.progress_text())}</div>"
            f"<h4>{html.escape(item.label)}</h4>" + (f"<ul>{flags}</ul>" if flags else "")
        )
        page = c.page_image()
        if page is not None:
            self.image.value = page.png
        self._loading = True
        try:
            self.text.value = c.page_text()
            for tag, value in c.field_values().items():
                self.fields[tag].value = value
        finally:
            self._loading = False
        self.validation.value = ""

    def values(self) -> dict[str, str]:
        """The form's field values."""
        return {tag: str(widget.value) for tag, widget in self.fields.items()}

    def _on_field(self, _change: Any) -> None:
        if self._loading:
            return
        from digitize.ui.controller import validate_fields

        problems = validate_fields(self.values())
        self.validation.value = message_html("\n".join(problems), error=True)

    def _move(self, step: Callable[[], object]) -> None:
        step()
        self.message.value = ""
        self.show()

    def _save(self, *, advance: bool) -> None:
        outcome = self.controller.save(self.values(), self.text.value)
        self.message.value = message_html("\n".join(outcome.messages), error=not outcome.ok)
        if outcome.ok and advance:
            self.controller.next()
        if outcome.ok:
            message = self.message.value
            self.show()
            self.message.value = message

    def _ipython_display_(self) -> None:
        _display(self.box)


class SearchView:
    """Notebook 03: query, diacritics switch, filters, highlighted results, page and PDF."""

    def __init__(self, controller: SearchController, *, notebook_dir: str | Path = ".") -> None:
        self.controller = controller
        self.notebook_dir = Path(notebook_dir)
        self.query = w.Text(
            description="Tìm",
            placeholder="ví dụ: quyet dinh dau tu, 15/QĐ-BNV",
            style=_LABEL_STYLE,
            layout=w.Layout(flex="1 1 auto", width="auto"),
            continuous_update=False,
        )
        self.accents = w.Checkbox(value=False, description="Phân biệt dấu (mặc định: không)")
        self.doc_type = w.Dropdown(
            options=[("(mọi loại)", ""), *((t, t) for t in controller.doc_types())],
            description="Loại văn bản",
            style=_LABEL_STYLE,
        )
        self.agency = w.Text(description="Cơ quan ban hành", style=_LABEL_STYLE)
        self.date_from = w.Text(description="Từ ngày", placeholder="01/01/2015", style=_LABEL_STYLE)
        self.date_to = w.Text(description="Đến ngày", placeholder="31/12/2015", style=_LABEL_STYLE)
        self.search_button = w.Button(description="Tìm kiếm", button_style="primary", icon="search")
        self.message = w.HTML()
        self.results = w.HTML()
        self.choice = w.Dropdown(
            options=[], description="Kết quả", style=_LABEL_STYLE, layout=w.Layout(width="60%")
        )
        self.open_button = w.Button(description="Xem trang", icon="image")
        self.link = w.HTML()
        # Hidden until a page is opened: an empty Image shows a broken-image icon.
        self.image = w.Image(format="png", layout=w.Layout(width="60%", display="none"))
        self.box = w.VBox(
            [
                w.HTML(_STYLE),
                w.HBox([self.query, self.search_button]),
                self.accents,
                w.HBox([self.doc_type, self.agency]),
                w.HBox([self.date_from, self.date_to]),
                self.message,
                self.results,
                w.HBox([self.choice, self.open_button]),
                self.link,
                self.image,
            ]
        )
        self.box.add_class("congso")
        _fit(self.accents, self.search_button, self.open_button)
        self.search_button.on_click(lambda _b: self.run())
        self.query.observe(lambda _c: self.run(), names="value")
        self.open_button.on_click(lambda _b: self.open())

    def run(self) -> None:
        """Search with the form's values and list the hits."""
        hits = self.controller.search(
            self.query.value,
            accents=self.accents.value,
            doc_type=self.doc_type.value,
            agency=self.agency.value,
            date_from=self.date_from.value,
            date_to=self.date_to.value,
        )
        self.message.value = message_html(self.controller.message, error=not hits)
        items = "".join(
            f"<li><b>{html.escape(h.title)}</b> — {html.escape(h.source_path)}, trang "
            f"{', '.join(map(str, h.pages)) or h.page}<br><small>{h.snippet_html}</small></li>"
            for h in hits
        )
        self.results.value = f'<ol class="congso-hits">{items}</ol>' if hits else ""
        self.choice.options = [(f"{i + 1}. {h.title}", i) for i, h in enumerate(hits)]
        self.choice.value = 0 if hits else None
        self.image.value = b""
        self.image.layout.display = "none"
        self.link.value = ""

    def open(self) -> None:
        """Show the chosen hit's page and a link to its PDF."""
        index = self.choice.value
        if index is None:
            return
        page = self.controller.page_image(index)
        if page is not None:
            self.image.value = page.png
            self.image.layout.display = None
        href = self.controller.pdf_link(index, self.notebook_dir)
        if href:
            self.link.value = (
                f'<a href="{html.escape(href)}" target="_blank">Mở tệp PDF có thể tìm kiếm: '
                f"{html.escape(href)}</a>"
            )

    def _ipython_display_(self) -> None:
        _display(self.box)


class ExportView:
    """Notebook 04: format, scope, export button, manifest and checksum verification."""

    def __init__(self, controller: ExportController) -> None:
        self.controller = controller
        self.format = w.Dropdown(
            options=[
                ("CSV", "csv"),
                ("Excel (XLSX)", "xlsx"),
                ("JSON", "json"),
                ("XML (NĐ 30 Phụ lục VI)", "xml"),
                ("Túi BagIt (lưu trữ, có mã kiểm tra)", "bagit"),
            ],
            value="bagit",
            description="Định dạng",
            style=_LABEL_STYLE,
            layout=w.Layout(width="36em"),
        )
        self.scope = w.Dropdown(
            options=controller.scopes(),
            value=SCOPE_ALL,
            description="Phạm vi",
            style=_LABEL_STYLE,
            layout=w.Layout(width="36em"),
        )
        self.export_button = w.Button(
            description="Xuất dữ liệu", button_style="primary", icon="download"
        )
        self.message = w.HTML()
        self.manifest = w.HTML()
        self.box = w.VBox(
            [
                w.HTML(_STYLE),
                self.format,
                self.scope,
                w.HBox([self.export_button]),
                self.message,
                self.manifest,
            ]
        )
        self.box.add_class("congso")
        _fit(self.export_button)
        self.export_button.on_click(lambda _b: self.run())

    def run(self) -> None:
        """Export with the chosen format and scope, then show the checks and manifest."""
        outcome = self.controller.export(self.format.value, self.scope.value)
        ok = outcome is not None and outcome.verified
        self.message.value = message_html(self.controller.message, error=not ok)
        if outcome is None:
            self.manifest.value = ""
            return
        table = self.controller.manifest_frame().to_html(index=False, border=0)
        self.manifest.value = f"<b>Danh sách tệp và mã SHA-256</b>{table}"

    def _ipython_display_(self) -> None:
        _display(self.box)


# ------------------------------------------------------------------------------ notebook entry


def error_box(message: str) -> w.HTML:
    """A red Vietnamese message in place of a view that could not open."""
    _quiet_console()
    return w.HTML(value=message_html(message, error=True))


def run_app(
    source: str | Path, archive: str | Path, options: Mapping[str, Any] | None = None
) -> RunView:
    """Notebook 01: the batch form and its live progress."""
    _quiet_console()
    return RunView(RunController(source, archive, options))


def review_app(
    archive: str | Path, *, flagged_only: bool = True, threshold: float = 80.0, author: str = ""
) -> ReviewView | w.HTML:
    """Notebook 02: the review queue, or a message saying why it cannot open."""
    _quiet_console()
    from digitize.exceptions import DigitizeError
    from digitize.ui.controller import user_message

    try:
        controller = ReviewController(
            archive, flagged_only=flagged_only, threshold=threshold, author=author
        )
    except DigitizeError as e:
        return error_box(user_message(e))
    return ReviewView(controller)


def search_app(archive: str | Path, *, notebook_dir: str | Path = ".") -> SearchView | w.HTML:
    """Notebook 03: the search form, or a message saying why it cannot open."""
    _quiet_console()
    from digitize.exceptions import DigitizeError
    from digitize.ui.controller import user_message

    try:
        controller = SearchController(archive)
    except DigitizeError as e:
        return error_box(user_message(e))
    return SearchView(controller, notebook_dir=notebook_dir)


def export_app(archive: str | Path, out: str | Path) -> ExportView | w.HTML:
    """Notebook 04: the export form, or a message saying why it cannot open."""
    _quiet_console()
    from digitize.exceptions import DigitizeError
    from digitize.ui.controller import user_message

    try:
        controller = ExportController(archive, out)
    except DigitizeError as e:
        return error_box(user_message(e))
    return ExportView(controller)
