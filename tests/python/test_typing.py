"""The typed, documented API: `mypy --strict` is clean on the package and on the README example
(docs/examples/quickstart.py, which also runs), the _core stub matches the extension
(stubtest), and every public name has a docstring."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import iameval

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "examples" / "quickstart.py"
PACKAGE = REPO / "python" / "iameval"

# Public modules whose __all__ is the documented API (tools/gen_api_docs.py documents them).
PUBLIC_MODULES = ["iameval", "iameval.analysis", "iameval.account", "iameval.catalog",
                  "iameval.evaluator", "iameval.managed", "iameval.plotting", "iameval.progress",
                  "iameval.simulation", "iameval.validation", "iameval.dask"]


def _need_mypy() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install mypy; tools/install_deps.sh installs it)")


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One `mypy --strict` run over the package sources and the example (the example's
    `import iameval` resolves to the same sources)."""
    _need_mypy()
    cache = tmp_path_factory.mktemp("mypy-cache")
    env = {k: v for k, v in os.environ.items() if k != "MYPYPATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(REPO / "pyproject.toml"),
         "--cache-dir", str(cache), "--show-error-codes", "--no-color-output",
         str(PACKAGE.relative_to(REPO)), str(EXAMPLE.relative_to(REPO))],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr     # 2: mypy itself failed
    return proc.stdout


def _errors_in(output: str, prefix: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(prefix) and ": error:" in line]


def test_package_is_clean_under_mypy_strict(mypy_output: str) -> None:
    assert _errors_in(mypy_output, "python/iameval/") == [], mypy_output


def test_example_is_clean_under_mypy_strict(mypy_output: str) -> None:
    assert _errors_in(mypy_output, "docs/examples/") == [], mypy_output
    assert "Success: no issues found" in mypy_output


def test_example_is_the_readme_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## Python\n\n```python\n(.*?)```\n", readme, re.S)
    assert match, "README.md has no ## Python example"
    assert match.group(1) == EXAMPLE.read_text(encoding="utf-8"), \
        "README.md's Python example and docs/examples/quickstart.py must stay the same code"


def test_example_runs_and_prints_what_the_readme_says() -> None:
    pytest.importorskip("pandas")     # the example calls .to_pandas()
    proc = subprocess.run([sys.executable, str(EXAMPLE)], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[0].startswith("ImplicitDeny")
    assert ("5:17: warning: `s3:GetObjekt` matches no action in the catalog [unknown_action] "
            "at /Statement/0/Action") in out
    assert out[-1] == "/Statement/Effect 1 26"


def test_core_stub_matches_the_extension() -> None:
    """stubtest compares _core.pyi with the built module: every function, class, method and
    property of the extension must be in the stub with a compatible signature. Reports that
    come from pybind11 itself (its metaclass; the (*args, **kwargs) __init__ of classes that
    cannot be constructed from Python) are not stub errors."""
    _need_mypy()
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "iameval._core", "--concise",
         "--mypy-config-file", str(REPO / "pyproject.toml")],
        cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    artefacts = re.compile(r"^iameval\._core\.\w+ is inconsistent, metaclass differs$|"
                           r"^iameval\._core\.\w+\.__init__ is inconsistent, stub does not have "
                           r"\*args parameter \"args\"$")
    problems = [line for line in proc.stdout.splitlines()
                if line.strip() and not artefacts.match(line)]
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert problems == [], "\n".join(problems)


def _has_own_doc(obj: Any, name: str) -> bool:
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    if isinstance(obj, property):
        doc = obj.__doc__ or (obj.fget.__doc__ if obj.fget else None)
    if not doc or not doc.strip():
        return False
    # dataclasses make up "Name(field: type, ...)" when a class has no docstring
    return not (inspect.isclass(obj) and doc.startswith(f"{obj.__name__}("))


def _public_members(cls: type) -> list[tuple[str, Any]]:
    out = []
    for attr, value in vars(cls).items():
        if attr.startswith("_"):
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if isinstance(value, property) or inspect.isfunction(value):
            out.append((attr, value))
    return out


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for modname in PUBLIC_MODULES:
        try:
            module = importlib.import_module(modname)
        except ImportError:       # an optional dependency (iameval.dask needs pandas)
            continue
        if not (module.__doc__ or "").strip():
            missing.append(modname)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if name.startswith("__") or not (inspect.isclass(obj) or inspect.isroutine(obj)):
                continue          # __version__, type aliases (PolicyDocument), constants
            if not _has_own_doc(obj, name):
                missing.append(f"{modname}.{name}")
            if inspect.isclass(obj) and getattr(obj, "__module__", "").startswith("iameval"):
                missing += [f"{modname}.{name}.{attr}" for attr, member in _public_members(obj)
                            if not _has_own_doc(member, attr)]
    assert sorted(set(missing)) == [], "no docstring: " + ", ".join(sorted(set(missing)))


def test_top_level_all_is_complete_and_importable() -> None:
    for name in iameval.__all__:
        assert hasattr(iameval, name), name
    assert len(set(iameval.__all__)) == len(iameval.__all__)
    assert iameval.plotting.access_heatmap.__module__ == "iameval.plotting"
