"""The table-driven parser vectors in tests/data/parser_cases.jsonl, shared with the C++ test
tests/cpp/parser_cases_test.cc: the same expectations must hold through the bindings."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from conftest import TESTS_DATA
from iameval import _core

CASES_FILE = TESTS_DATA / "parser_cases.jsonl"


def _load_cases() -> list[Any]:
    if not CASES_FILE.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{CASES_FILE} not present"))]
    cases = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            case = json.loads(line)
            cases.append(pytest.param(case, id=case["name"]))
    return cases


def _key(d: Any) -> tuple[str, str, int, int]:
    return (d["kind"], d["path"], d["line"], d["column"]) if isinstance(d, dict) else (
        d.kind, d.path, d.line, d.column)


@pytest.mark.parametrize("case", _load_cases())
def test_parser_case(case: dict[str, Any]) -> None:
    text: str | bytes = (base64.b64decode(case["document_base64"])
                         if "document_base64" in case else case["document"])
    result = _core.parse_policy(text, case["kind"], case["strict"])
    errors = [d for d in result.diagnostics if d.severity == "error"]
    warnings = [d for d in result.diagnostics if d.severity == "warning"]
    described = "\n".join(str(d) for d in result.diagnostics)
    assert result.ok == (not case["errors"]), described
    assert [_key(d) for d in errors] == [_key(e) for e in case["errors"]], described
    assert all(d.message for d in errors)
    for expected in case.get("warnings", []):
        assert _key(expected) in {_key(d) for d in warnings}, described
