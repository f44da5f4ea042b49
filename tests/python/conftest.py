"""Shared fixtures: paths to test data and a runner for the `iameval` CLI.

The tests import the installed package (`pip install .`), not the source tree: the extension
module only exists in a built wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_DATA = REPO_ROOT / "tests" / "data"
# Real-world corpora, beside the checkout (see ../shared/data/README.md); optional.
SHARED_DATA = Path(os.environ.get("IAMEVAL_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@dataclass(frozen=True)
class CliResult:
    """Exit code and captured output of one CLI run."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> CliResult:
    """Runs `python -m iameval.cli ARGS...` in a subprocess, so exit codes are real."""
    proc = subprocess.run(
        [sys.executable, "-m", "iameval.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def shared_data() -> Path:
    """The ../shared/data corpora; skips the test when they are not beside the checkout."""
    if not (SHARED_DATA / "aws-managed-policies.jsonl").is_file():
        pytest.skip(f"shared corpora not found at {SHARED_DATA}")
    return SHARED_DATA
