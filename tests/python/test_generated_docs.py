"""The generated reference docs (docs/python-api.md, docs/cli.md) match the code: a changed
docstring, signature or CLI option fails here until `python3 tools/gen_api_docs.py` is rerun."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import sys
from pathlib import Path
from typing import Any

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "gen_api_docs.py"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_api_docs_check", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_reference_docs_are_current() -> None:
    gen = _generator()
    if sys.version_info[:2] != gen.DOCS_PYTHON:
        pytest.skip(f"docs are generated with Python {'.'.join(map(str, gen.DOCS_PYTHON))} "
                    "(argparse's --help layout differs between versions)")
    for modname, _, _ in gen.MODULES:
        try:
            importlib.import_module(modname)
        except ImportError as e:
            pytest.skip(f"{modname} does not import here ({e}); the docs document it")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = gen.main(["--check"])
    assert status == 0, err.getvalue() + "regenerate with: python3 tools/gen_api_docs.py (then commit)"


def test_check_mode_leaves_the_docs_alone(tmp_path: Path) -> None:
    gen = _generator()
    stale = tmp_path / "python-api.md"
    stale.write_text("old", encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert gen.main(["--docs", str(tmp_path), "--check"]) == 1
    assert "out of date: python-api.md, cli.md" in err.getvalue()
    assert stale.read_text(encoding="utf-8") == "old" and not (tmp_path / "cli.md").exists()
