"""docs/tutorial.ipynb runs end to end (nbclient); iameval.progress behaves without a terminal."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from iameval import progress as prog

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "tutorial.ipynb"


def _outputs(cell: Any) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        data = out.get("data", {})
        parts.append(data.get("text/plain", ""))
        parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def test_tutorial_runs_end_to_end() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # iopub_timeout: how long to wait for a cell's outputs after the kernel says the cell is
    # done. nbclient's default (4 s) silently drops late `print` output on a loaded machine.
    client = nbclient.NotebookClient(nb, timeout=180, iopub_timeout=60,
                                     raise_on_iopub_timeout=True, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(o.get("output_type") != "error" for c in code for o in c.get("outputs", []))
    text = "\n".join(_outputs(c) for c in code)
    assert "'Allow'" in text                                  # first decision
    assert "Deny: identity policy 'app' statement NoPayroll" in text   # explanation
    assert "cross-account-read Allow" in text                 # simulation case
    assert "[invalid_value] at /identity_policies/0/Statement/0/Effect" in text
    assert "PolicyParseError at line 12, column 17 (/Statement/1/Effect)" in text
    assert "logs:FilterLogEvent" in text and "unknown_action" in text
    assert "pickled state format: 1" in text
    import importlib.util

    if importlib.util.find_spec("matplotlib") is not None:     # the access-level heatmap cell
        assert "heatmap: 13 rows x 5 access levels" in text and "image/png" in str(nb.cells)
    else:
        assert "skipped: the heatmap needs matplotlib" in text
    import iameval

    if hasattr(iameval, "audit"):
        assert "findings" in text and "skipped" not in text
    else:
        assert "skipped: no iameval.audit" in text


def test_progress_is_silent_when_not_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not prog.is_interactive()
    assert not prog.in_notebook()
    with prog.progress(total=5, desc="x") as bar:
        for _ in range(5):
            bar.update()
        bar.set_postfix("done")
    assert bar.count == 5 and not bar.shown
    assert sys.stderr.getvalue() == ""
    assert list(prog.iterate(range(3), desc="y")) == [0, 1, 2]


def test_progress_forced_on_and_off(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with prog.progress(total=2, enabled=False) as off:
        off.update(2)
    assert not off.shown and err.getvalue() == ""
    if not prog.tqdm_available():
        with prog.progress(total=2, enabled=True) as bar:
            bar.update(2)
        assert not bar.shown and bar.count == 2
        return
    with prog.progress(total=2, desc="files", enabled=True) as bar:
        assert bar.shown
        bar.update(2)
    assert not bar.shown  # closed
    assert "files" in err.getvalue() and "2/2" in err.getvalue()


def test_progress_interactive_when_stderr_is_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    assert prog.is_interactive()
    with prog.progress(total=1) as bar:
        bar.update()
        assert bar.shown == prog.tqdm_available()


def _gen_api_docs() -> Any:
    import importlib.util

    path = NOTEBOOK.parents[1] / "tools" / "gen_api_docs.py"
    spec = importlib.util.spec_from_file_location("gen_api_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_docs(tmp_path: Path) -> None:
    gen = _gen_api_docs()
    api = gen.python_api()
    assert "## Pickling" in api and '"format": 1' in api
    assert "### class `Policies(identity_policies: Iterable[PolicyInput] = ()" in api
    assert "- `decide_batch(self, principal: str" in api
    assert "### `validate(document: PolicyDocument, kind: str = 'identity'" in api
    cli = gen.cli_reference()
    assert "## iameval validate" in cli and "usage: iameval validate" in cli
    assert gen.main(["--docs", str(tmp_path)]) == 0
    assert (tmp_path / "python-api.md").read_text(encoding="utf-8") == api
    assert gen.main(["--docs", str(tmp_path), "--check"]) == 0
    (tmp_path / "cli.md").write_text("stale", encoding="utf-8")
    assert gen.main(["--docs", str(tmp_path), "--check"]) == 1
