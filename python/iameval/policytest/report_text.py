"""The human-readable report of a run: problems, failures with explanations, a summary line."""

from __future__ import annotations

import textwrap
from typing import TextIO

from .results import ERROR, FAILED, PASSED, SKIPPED, RunResult

__all__ = ["write_text"]


def write_text(run: RunResult, out: TextIO, *, verbose: bool = False, warnings: bool = True) -> None:
    """Writes the report: per file its problems and failing tests (every test with
    ``verbose``), each failure with the decision's explanation; then one summary line."""
    for f in run.files:
        shown = [t for t in f.tests if verbose or t.status in (FAILED, ERROR)]
        problems = [i for i in f.issues if warnings or i.severity == "error"]
        if not shown and not problems:
            continue
        out.write(f"{f.file}\n")
        for issue in problems:
            out.write(f"  {issue}\n")
        for t in shown:
            label = {PASSED: "PASS", FAILED: "FAIL", ERROR: "ERROR", SKIPPED: "SKIP"}[t.status]
            counts = f" ({t.requests} request{'s' * (t.requests != 1)})" if t.status == PASSED else ""
            out.write(f"  {label:5} {t.name}{counts}\n")
            if t.status in (FAILED, ERROR, SKIPPED) and t.message:
                out.write(f"        {t.message}\n")
            for failure in t.failures:
                out.write(f"        - {failure.request.label()}\n")
                out.write(f"          {failure.message}\n")
                out.write(textwrap.indent(failure.explanation, "            ") + "\n")
            hidden = t.failed_requests - len(t.failures)
            if t.status == FAILED and hidden > 0:
                out.write(f"        ... and {hidden} more failing request{'s' * (hidden != 1)}\n")
    out.write(summary(run) + "\n")


def summary(run: RunResult) -> str:
    """One line: tests passed/failed/errors/skipped, requests decided, files."""
    files = len(run.files)
    errors = run.input_errors
    return (f"iameval test: {run.count(PASSED)} passed, {run.count(FAILED)} failed, "
            f"{errors} error{'s' * (errors != 1)}, {run.count(SKIPPED)} skipped "
            f"({run.requests} request{'s' * (run.requests != 1)} decided in {files} "
            f"file{'s' * (files != 1)})")
