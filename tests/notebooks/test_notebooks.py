"""Every notebook in notebooks/ runs top to bottom on small inputs and draws every plot it means to.

Each is executed as a reader runs it: nbclient on the `python3` kernel (ipykernel), from the
repository root, in its own kernel with its own data and temporary folders (so xdist workers
never share one). `ICDRILL_NB_OUT=DIR` keeps each executed copy there, outputs and plots included,
to look at them; the committed notebooks themselves carry no outputs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The sizes each notebook reads in its first code cell, small enough for CI.
SMALL = {"ICDRILL_NB_SEEDS": "2", "ICDRILL_NB_SESSIONS": "2"}
CELL_TIMEOUT = 600  # seconds; a cell takes seconds here, a loaded CI machine may take many times that


def plotting(cell) -> bool:
    """A code cell that draws a figure: the notebooks make each with plt.subplots or plt.figure."""
    return cell.cell_type == "code" and ("plt.subplots(" in cell.source or "plt.figure(" in cell.source)


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"balance.ipynb", "recordings_and_history.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean(path):
    """Outputs are made by running, never committed: no outputs, no execution counts."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {n} of {path.name} was committed executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_executes_and_plots(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    (tmp_path / "data").mkdir()
    # The kernel's own temporary folder, short: the balance pool's forkserver puts a Unix socket
    # in it, and pytest's tmp_path (pytest-of-USER/pytest-NNN/popen-gwN/test_...) can push that
    # socket's path past the 108 bytes a Unix socket address may have.
    scratch = tempfile.TemporaryDirectory(prefix="icdrill-nb-")
    env = {
        **os.environ,
        **SMALL,
        "ICDRILL_DATA_DIR": str(tmp_path / "data"),  # empty: the recordings notebook builds its demo
        "TMPDIR": scratch.name,  # the demo's folder goes here and is removed with it
        "MPLBACKEND": "agg",  # a backend that cannot show inline: the notebooks must still draw inline
    }
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    try:
        client.execute(env=env)  # a cell that raises fails here, with its traceback
    finally:
        scratch.cleanup()
        if out := os.environ.get("ICDRILL_NB_OUT"):
            Path(out).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(out) / path.name)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    plots = [n for n, cell in enumerate(nb.cells) if plotting(cell)]
    assert plots, f"{path.name} draws no plot"
    for n in plots:
        images = [o for o in nb.cells[n].outputs if "image/png" in o.get("data", {})]
        assert images, f"cell {n} of {path.name} drew no image"
