"""The documented decisions in tests/data/evaluation_cases.jsonl (shared with GoogleTest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import iameval

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "evaluation_cases.jsonl"


def _cases() -> list[dict[str, Any]]:
    lines = CASES_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


CASES = _cases()


def test_case_file_covers_the_spec() -> None:
    assert len(CASES) >= 170
    sections = {c["spec"].split()[0] for c in CASES}
    # Every tricky case of spec §10 that a request can express has a vector.
    tricky = {s for s in sections if s.startswith("§10.")}
    assert len(tricky) >= 28


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_documented_decision(case: dict[str, Any]) -> None:
    options = case.get("options", {})
    result = iameval.simulate(case, strict=not options.get("lenient", False),
                              all_arn_fields=bool(options.get("all_arn_fields")))
    if case["expect"] == "Error":
        assert result.decision == "Error"
        assert result.error is not None and result.error["kind"]
        return
    assert result.decision == case["expect"], result.explain()
    if "expect_layer" in case:
        assert result.layer == case["expect_layer"], result.explain()


def test_simulate_many_keeps_order_and_ids() -> None:
    results = iameval.simulate_many(CASES[:40])
    assert [r.id for r in results] == [c["id"] for c in CASES[:40]]


def test_jsonl_round_trip_matches_single_calls() -> None:
    text = "\n".join(json.dumps(c) for c in CASES[:25])
    lines = iameval.simulate_jsonl("# a comment\n\n" + text)
    assert len(lines) == 25
    for line, case in zip(lines, CASES[:25]):
        out = json.loads(line)
        assert out["id"] == case["id"]
        assert out["decision"] == iameval.simulate(case).decision
