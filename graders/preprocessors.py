"""nbgrader preprocessors: grading under limits, and feedback without hidden tests."""

from __future__ import annotations

from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Unicode, default

from graders.cells import HIDDEN_MARK, RegionError, split_regions
from graders.kernel import LimitedKernelManager

KERNEL_DIED = (
    "Kernel đã dừng đột ngột khi chạy ô này (mã gọi os._exit, làm hỏng bộ nhớ, hoặc dùng "
    "quá giới hạn CPU). Các ô phía sau không được chạy và không được tính điểm."
)
NOT_RUN = "Ô này không được chạy vì kernel đã dừng ở một ô phía trước."
CELL_TIMEOUT_STUCK = (
    "Ô này chạy quá thời gian cho phép và không dừng khi bị ngắt (có thể do `except:` bắt cả "
    "KeyboardInterrupt), nên kernel đã bị dừng. Các ô phía sau không được chạy."
)
HIDDEN_FAILED = (
    "Bài làm chưa vượt qua các kiểm thử ẩn của bài này. Hãy xem lại các trường hợp đặc biệt "
    "và các đầu vào khác với ví dụ trong bài."
)
HIDDEN_PLACEHOLDER = "# (Các kiểm thử ẩn được chấm nhưng không hiển thị trong phản hồi.)"


def error_output(ename: str, evalue: str) -> NotebookNode:
    """An nbformat error output with a one-line traceback (no code, no frames)."""
    return NotebookNode(  # type: ignore[no-untyped-call]
        output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]
    )


class GradingExecute(Execute):  # type: ignore[misc]
    """nbgrader's Execute, with kernels under rlimits and a dead kernel scored, not fatal.

    A kernel that dies (``os._exit``, segfault, RLIMIT_CPU) would make nbclient raise and
    nbgrader abandon the whole submission. Instead the crashed cell and every later code cell
    get an error output, so cells before the crash keep their scores and later test cells
    score zero.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", LimitedKernelManager)
        super().__init__(**kwargs)
        self._kernel_dead = False

    @default("kernel_manager_class")
    def _default_kernel_manager_class(self) -> type[LimitedKernelManager]:
        return LimitedKernelManager

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: Any = None
    ) -> tuple[NotebookNode, Any]:
        self._kernel_dead = False
        return super().preprocess(nb, resources, km)  # type: ignore[no-any-return]

    def preprocess_cell(
        self, cell: NotebookNode, resources: Any, index: int
    ) -> tuple[NotebookNode, Any]:
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)  # type: ignore[no-any-return]
        if self._kernel_dead:
            cell.outputs = [error_output("KernelDied", NOT_RUN)]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)  # type: ignore[no-any-return]
        except DeadKernelError:
            self.log.warning("Kernel died while running cell %d", index)
            self._kernel_dead = True
            cell.outputs.append(error_output("KernelDied", KERNEL_DIED))
        except CellTimeoutError:
            # nbclient raises only when the kernel stayed busy after the timeout's interrupt
            # (code that swallows KeyboardInterrupt): every later cell would queue behind it
            # and time out in turn until RLIMIT_CPU, so stop the kernel now instead.
            self.log.warning("Cell %d ignored the timeout interrupt; stopping the kernel", index)
            self._kernel_dead = True
            cell.outputs.append(error_output("CellTimeoutError", CELL_TIMEOUT_STUCK))
            self._kill_kernel()
        return cell, self.resources

    def _kill_kernel(self) -> None:
        if self.km is None:
            return
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # the kernel may die on its own meanwhile; nothing left to stop
            self.log.debug("Stopping the stuck kernel failed", exc_info=True)


class HideHiddenTests(NbGraderPreprocessor):  # type: ignore[misc]
    """Feedback preprocessor: removes hidden tests and everything their run printed.

    Autograded notebooks carry the instructor's test cells (nbgrader restores them), so
    feedback would show hidden tests verbatim, and a failing hidden assertion would show its
    code again in the traceback. In every cell with a hidden-test region this replaces the
    region by a placeholder and the cell's error by a generic message; printed output of the
    cell is dropped (it may echo hidden inputs), a partial-credit number is kept.
    """

    placeholder = Unicode(HIDDEN_PLACEHOLDER, help="Replaces each hidden-test region").tag(
        config=True
    )
    failure_message = Unicode(HIDDEN_FAILED, help="Replaces hidden-test errors").tag(config=True)

    def preprocess_cell(
        self, cell: NotebookNode, resources: Any, cell_index: int
    ) -> tuple[NotebookNode, Any]:
        if cell.cell_type != "code":
            return cell, resources
        try:
            split = split_regions(cell.source, HIDDEN_MARK)
        except RegionError:
            # A malformed region cannot be trimmed safely: show nothing of the cell.
            split = None
        if split is not None and split.regions == 0:
            return cell, resources
        visible = list(split.outside) if split is not None else []
        cell.source = "\n".join([*visible, self.placeholder]).strip("\n")
        outputs = []
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                outputs.append(error_output(output.ename, self.failure_message))
            elif output.output_type == "execute_result" and _is_number(output):
                outputs.append(output)
        cell.outputs = outputs
        return cell, resources


def _is_number(output: NotebookNode) -> bool:
    text = output.get("data", {}).get("text/plain", "")
    if isinstance(text, list):
        text = "".join(text)
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True
