"""Simulation cases in the JSON Lines format of shared/spec/simulation-format.md.

    >>> import iameval
    >>> iameval.simulate({
    ...     "principal": "arn:aws:iam::111122223333:user/alice",
    ...     "action": "s3:GetObject", "resource": "arn:aws:s3:::bkt/x",
    ...     "identity_policies": [{"Version": "2012-10-17", "Statement": [
    ...         {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}).decision
    'Allow'
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Union

from . import _core
from .evaluator import Decision

__all__ = ["simulate", "simulate_jsonl", "simulate_many"]

Case = Union[Mapping[str, Any], str]

_simulators: dict[tuple[bool, bool, bool], Any] = {}
_lock = threading.Lock()


def _simulator(strict: bool, explain: bool, all_arn_fields: bool = False) -> Any:
    """One cached simulator per option set, so repeated policies compile once per process."""
    key = (strict, explain, all_arn_fields)
    with _lock:
        sim = _simulators.get(key)
        if sim is None:
            sim = _simulators[key] = _core.Simulator(strict=strict, explain=explain,
                                                     all_arn_fields=all_arn_fields)
        return sim


def _case_text(case: Case) -> str:
    if isinstance(case, str):
        return case
    return json.dumps(case, separators=(",", ":"))


def _decision(line: str) -> Decision:
    out = json.loads(line)
    ex = out.get("explanation") or {}
    return Decision(
        decision=out["decision"],
        id=out.get("id"),
        layer=ex.get("layer"),
        level=ex.get("level"),
        reason=ex.get("reason", ""),
        matched=ex.get("matched", []),
        missing_context_keys=ex.get("missing_context_keys", []),
        error=out.get("error"),
    )


def simulate(case: Case, *, strict: bool = True, explain: bool = True,
             all_arn_fields: bool = False) -> Decision:
    """Decides one simulation case (a dict, or its JSON text).

    A case that cannot be evaluated (a malformed policy or request) gives a Decision whose
    ``decision`` is "Error" and whose ``error`` says what and where; nothing is raised.
    ``all_arn_fields`` substitutes policy variables in every field of a Resource ARN, not only
    the resource id (docs/semantics.md).
    """
    return _decision(_simulator(strict, explain, all_arn_fields).run(_case_text(case)))


def simulate_many(cases: Iterable[Case], *, strict: bool = True, explain: bool = True) -> list[Decision]:
    """Decides many cases in one call (the GIL is released meanwhile); results in order."""
    lines = [_case_text(c).replace("\n", " ") for c in cases]
    if not lines:
        return []
    return [_decision(line) for line in _simulator(strict, explain).run_jsonl("\n".join(lines))]


def simulate_jsonl(text: str, *, strict: bool = True, explain: bool = True) -> list[str]:
    """Runs JSON Lines text; returns one output line per case (blank and # lines give none)."""
    return list(_simulator(strict, explain).run_jsonl(text))
