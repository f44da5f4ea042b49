"""SARIF 2.1.0 output: one result per failing test, input error and policy warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from .model import Location
from .results import ERROR, FAILED, RunResult

__all__ = ["RULES", "sarif_log", "write_sarif"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES: list[dict[str, Any]] = [
    {"id": "IAMTEST001", "name": "ExpectationNotMet",
     "shortDescription": {"text": "A policy test's expectation is not met"},
     "fullDescription": {"text": "Some request of the test is decided differently from what the "
                                 "test expects; the message carries the decision's explanation."},
     "defaultConfiguration": {"level": "error"}},
    {"id": "IAMTEST002", "name": "InvalidTestInput",
     "shortDescription": {"text": "A test file or a policy it uses cannot be read"},
     "fullDescription": {"text": "Schema errors in the test file, missing or unparseable policy "
                                 "files, unknown actions or policies."},
     "defaultConfiguration": {"level": "error"}},
    {"id": "IAMTEST003", "name": "PolicyWarning",
     "shortDescription": {"text": "A policy used by a test has a catalog warning"},
     "fullDescription": {"text": "For example an unknown action: a misspelt action in a Deny "
                                 "denies nothing."},
     "defaultConfiguration": {"level": "warning"}},
]


def _location(loc: Location) -> dict[str, Any]:
    path = Path(loc.file)
    uri = path.as_uri() if path.is_absolute() else path.as_posix()  # relative: a relative reference
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if loc.line:
        physical["region"] = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
    out: dict[str, Any] = {"physicalLocation": physical}
    if loc.pointer:
        out["logicalLocations"] = [{"fullyQualifiedName": loc.pointer, "kind": "element"}]
    return out


def _result(rule: int, level: str, text: str, loc: Location, extra: dict[str, Any]) -> dict[str, Any]:
    return {"ruleId": RULES[rule]["id"], "ruleIndex": rule, "level": level,
            "message": {"text": text}, "locations": [_location(loc)], "properties": extra}


def sarif_log(run: RunResult) -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log (a dict ready for json.dump)."""
    results: list[dict[str, Any]] = []
    for f in run.files:
        for issue in f.issues:
            if issue.severity == "error":
                results.append(_result(1, "error", issue.message, issue.location, {}))
            else:
                results.append(_result(2, "warning", issue.message, issue.location, {}))
        for t in f.tests:
            if t.status == ERROR:
                results.append(_result(1, "error", f"test {t.name!r}: {t.message}", t.location,
                                       {"test": t.name}))
            elif t.status == FAILED:
                lines = [f"test {t.name!r}: {t.message}"]
                for failure in t.failures:
                    lines += [f"- {failure.request.label()}: {failure.message}", failure.explanation]
                results.append(_result(0, "error", "\n".join(lines), t.location,
                                       {"test": t.name, "expectation": t.expectation,
                                        "requests": t.requests, "failedRequests": t.failed_requests}))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "iameval test", "version": __version__,
                                "rules": RULES}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def write_sarif(run: RunResult, path: Path) -> None:
    """Writes the run as a SARIF 2.1.0 file."""
    path.write_text(json.dumps(sarif_log(run), indent=2) + "\n", encoding="utf-8")
