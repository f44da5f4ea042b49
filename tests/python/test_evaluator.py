"""The compiled-policies API: decide, explain, batches, errors, threads."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import iameval

USER = "arn:aws:iam::111122223333:user/alice"


def _policies() -> iameval.Policies:
    return iameval.Policies(
        identity_policies=[
            {"name": "reads", "document": {"Version": "2012-10-17", "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::bkt/*",
                 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}}]}},
            '{"Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/secret/*"}}',
        ],
        scps=[[{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]],
    )


def test_decide_and_explain() -> None:
    p = _policies()
    red = {"aws:PrincipalTag/team": "red"}
    assert p.decide(USER, "s3:GetObject", "arn:aws:s3:::bkt/a", red) == "Allow"
    assert p.decide(USER, "s3:GetObject", "arn:aws:s3:::bkt/secret/a", red) == "ExplicitDeny"
    assert p.decide(USER, "s3:GetObject", "arn:aws:s3:::bkt/a") == "ImplicitDeny"
    d = p.explain(USER, "s3:GetObject", "arn:aws:s3:::bkt/a", red)
    assert d.decision == "Allow" and d.layer == "identity"
    matched = [(m["policy"], m["sid"], m["layer"]) for m in d.matched]
    assert ("reads", "Read", "identity") in matched
    assert ("scp0.0", "#0", "scp") in matched
    assert d.conditions[0]["key"] == "aws:PrincipalTag/team" and d.conditions[0]["result"] is True
    missing = p.explain(USER, "s3:GetObject", "arn:aws:s3:::bkt/a")
    assert missing.missing_context_keys == ["aws:PrincipalTag/team"]
    assert "ImplicitDeny" in missing.explain()
    assert "<table>" in d._repr_html_()


def test_batch_matches_single_decisions() -> None:
    p = _policies()
    actions = ["s3:GetObject", "s3:PutObject", "s3:GetObjectAcl"] * 100
    resources = [f"arn:aws:s3:::bkt/{'secret/' if i % 7 == 0 else ''}k{i}" for i in range(300)]
    contexts = [{"aws:PrincipalTag/team": "red" if i % 2 else "blue"} for i in range(300)]
    batch = p.decide_batch(USER, actions, resources, contexts)
    single = [p.decide(USER, a, r, c) for a, r, c in zip(actions, resources, contexts)]
    assert batch == single
    assert set(batch) == {"Allow", "ExplicitDeny", "ImplicitDeny"}
    assert p.decide_batch(USER, ["s3:GetObject"] * 3, "arn:aws:s3:::bkt/x", {"aws:PrincipalTag/team": "red"}) == ["Allow"] * 3


def test_batch_rejects_mismatched_lengths() -> None:
    with pytest.raises(iameval.InvalidArgumentError):
        _policies().decide_batch(USER, ["s3:GetObject"] * 3, ["a", "b"])


def test_bad_policy_raises_parse_error_with_location() -> None:
    with pytest.raises(iameval.PolicyParseError) as err:
        iameval.Policies(identity_policies=['{"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}'])
    assert err.value.kind == "invalid_value"
    assert err.value.path == "/Statement/0/Effect"
    assert (err.value.line, err.value.column) == (1, 27)
    assert isinstance(err.value, ValueError)


def test_bad_principal_raises() -> None:
    with pytest.raises(iameval.InvalidArgumentError):
        _policies().decide("not-a-principal", "s3:GetObject")


def test_threads_share_one_compiled_set() -> None:
    p = _policies()
    red: dict[str, Any] = {"aws:PrincipalTag/team": "red"}
    results: list[list[str]] = []

    def work() -> None:
        results.append(p.decide_batch(USER, ["s3:GetObject"] * 20000, "arn:aws:s3:::bkt/x", red))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == ["Allow"] * 20000 for r in results)


def test_batch_releases_the_gil() -> None:
    """While a large batch runs in a worker thread, the main thread keeps running Python code:
    the longest pause it sees is far shorter than the batch itself (with the GIL held it would
    be blocked for the whole C++ loop)."""
    p = _policies()
    n = 1_000_000
    actions = ["s3:GetObject"] * n
    red = {"aws:PrincipalTag/team": "red"}
    start = time.perf_counter()
    p.decide_batch(USER, actions, "arn:aws:s3:::bkt/x", red)
    alone = time.perf_counter() - start
    worker = threading.Thread(target=p.decide_batch, args=(USER, actions, "arn:aws:s3:::bkt/x", red))
    worker.start()
    last = time.perf_counter()
    longest_pause = 0.0
    while worker.is_alive():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
    worker.join()
    assert longest_pause < alone * 0.5, (longest_pause, alone)


def test_threads_speed_up_batches() -> None:
    """Two threads deciding two batches beat one thread deciding both (2+ cores); retried
    because a shared machine can be busy."""
    import os

    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs two cores")
    p = _policies()
    actions = ["s3:GetObject"] * 400_000
    red = {"aws:PrincipalTag/team": "red"}

    def batch() -> None:
        p.decide_batch(USER, actions, "arn:aws:s3:::bkt/x", red)

    ratios = []
    for _ in range(5):
        start = time.perf_counter()
        batch()
        batch()
        sequential = time.perf_counter() - start
        threads = [threading.Thread(target=batch) for _ in range(2)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ratios.append((time.perf_counter() - start) / sequential)
        if ratios[-1] < 0.95:
            return
    pytest.fail(f"no speed-up with two threads: parallel/sequential = {ratios}")
