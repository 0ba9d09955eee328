"""notebooks/walkthrough.ipynb executes top to bottom and prints the figures it promises.

The notebook is run with nbclient in the venv's own Python: a `python3` kernel spec pointing at
`sys.executable` is installed into a temporary folder that `JUPYTER_PATH` puts first, so a
user-level `python3` spec (e.g. in ~/.local/share/jupyter) cannot swap in another interpreter.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
kernelspec = pytest.importorskip("ipykernel.kernelspec")

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "walkthrough.ipynb"


def _text(output) -> str:
    """The printable text of one output: stream text or the text/plain of a result."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


def _cell(nb, tag: str):
    found = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(found) == 1, f"expected one cell tagged {tag!r}, found {len(found)}"
    return found[0]


def _cell_text(nb, tag: str) -> str:
    return "".join(_text(o) for o in _cell(nb, tag).get("outputs", []))


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "clear the notebook's outputs before committing"


@pytest.mark.tesseract
@pytest.mark.slow
def test_walkthrough_executes(tmp_path, monkeypatch):
    prefix = tmp_path / "jupyter"
    kernelspec.install(kernel_name="python3", prefix=str(prefix))
    data_dir = prefix / "share" / "jupyter"
    assert (data_dir / "kernels" / "python3" / "kernel.json").exists()
    monkeypatch.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(data_dir), os.environ.get("JUPYTER_PATH")])))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(REPO / "notebooks")}}
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:  # the message names the cell and traceback
        pytest.fail(f"a notebook cell raised:\n{e}", pytrace=False)

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]

    # The kernel is this venv's interpreter.
    setup = _cell_text(nb, "setup")
    assert f"kernel python: {sys.executable}\n" in setup
    assert f"kernel prefix: {sys.prefix}\n" in setup

    # 1. header of the text PDF and the clause outline
    header = _cell_text(nb, "header")
    assert "number:   33/CT-TTg" in header
    assert "issued:   2025-11-06" in header
    assert "doc_type: Chỉ thị" in header
    m = re.search(r"assignments: (\d+) in 33/CT-TTg", header)
    assert m and int(m.group(1)) >= 12, header
    n_text = int(m.group(1))
    outline = _cell_text(nb, "outline")
    assert re.search(r"^1\. Nguyên tắc", outline, re.M)
    assert re.search(r"^    c\) Giao Bộ Công an:", outline, re.M)
    assert re.search(r"^        - ", outline, re.M)  # items sit two levels deep

    # 2. the assignments DataFrame
    frame = _cell(nb, "assignments")
    assert f"{n_text} assignments" in _cell_text(nb, "assignments")
    html = "".join(o.get("data", {}).get("text/html", "") for o in frame.outputs)
    assert "Bộ Công an" in html and "completeness" in html

    # 3. the scan: OCR on every page, same assignments as the text PDF
    scan = _cell_text(nb, "scan")
    assert "pages read as: ['ocr', 'ocr', 'ocr', 'ocr', 'ocr']" in scan
    assert "number: 33/CT-TTg" in scan
    assert "same clause paths and leads as the text PDF: True" in scan

    # 4. damaged OCR: repaired blindly and against the reference, then parsed
    assert "Chinh phi" in _cell_text(nb, "raw")  # the English model's "Chính phủ"
    assert "method=blind" in _cell_text(nb, "blind")
    assert "Chính phủ" in _cell_text(nb, "blind")
    m = re.search(r"method=(reference|mixed), reference coverage=([\d.]+)%", _cell_text(nb, "reference"))
    assert m and float(m.group(2)) >= 90, _cell_text(nb, "reference")
    damaged = _cell_text(nb, "parse-damaged")
    assert "repair: damaged=True" in damaged
    m = re.search(r"number: 33/CT-TTg \| assignments: (\d+)", damaged)
    assert m and int(m.group(1)) >= 12, damaged

    # several documents in one frame with directive_parser.to_dataframe
    stacked = "".join(o.get("data", {}).get("text/plain", "") for o in _cell(nb, "to-dataframe").outputs)
    m = re.search(r"33/CT-TTg\s+(\d+)\s+(\d+)", stacked)
    assert m and int(m.group(1)) == n_text, stacked

    # 5. the chart
    chart = _cell(nb, "chart")
    m = re.search(r"(\d+) assignments, (\d+) with a due date", _cell_text(nb, "chart"))
    assert m and int(m.group(2)) >= 10, _cell_text(nb, "chart")
    assert any("image/png" in o.get("data", {}) for o in chart.outputs), "the chart cell showed no image"
