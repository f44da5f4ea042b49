"""Pickling iameval.Policies: sources + options in a versioned state dict, recompiled on load."""

from __future__ import annotations

import copy
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import iameval

USER = "arn:aws:iam::111122223333:user/alice"
OTHER = "arn:aws:iam::444455556666:user/bob"
IDENTITY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"},
    {"Sid": "Tls", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/secret/*"}]}
BUCKET = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": OTHER}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}]}
SCP = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                                              {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}
REQUESTS: list[tuple[str, str, str, dict[str, Any]]] = [
    (USER, "s3:GetObject", "arn:aws:s3:::bkt/a", {}),
    (USER, "s3:GetObject", "arn:aws:s3:::bkt/secret/a", {}),
    (USER, "s3:PutObject", "arn:aws:s3:::bkt/a", {"aws:SecureTransport": True}),
    (USER, "s3:PutObject", "arn:aws:s3:::bkt/a", {"aws:SecureTransport": False}),
    (USER, "s3:DeleteBucket", "arn:aws:s3:::bkt", {}),
    (OTHER, "s3:GetObject", "arn:aws:s3:::bkt/a", {}),
    (USER, "ec2:RunInstances", "*", {}),
]


def _policies() -> iameval.Policies:
    return iameval.Policies(identity_policies=[{"name": "app", "document": IDENTITY}],
                            resource_policy=BUCKET, scps=[[SCP]],
                            permission_boundary=iameval.managed_policy("AmazonS3FullAccess"))


def _decisions(p: iameval.Policies) -> list[str]:
    return [p.decide(*r[:3], r[3], resource_account="111122223333") for r in REQUESTS]


def test_round_trip_decides_identically() -> None:
    p = _policies()
    q = pickle.loads(pickle.dumps(p))
    assert isinstance(q, iameval.Policies)
    assert _decisions(q) == _decisions(p)
    assert set(_decisions(p)) == {"Allow", "ExplicitDeny", "ImplicitDeny"}
    for r in REQUESTS:
        assert q.explain(*r[:3], r[3]).to_dict() == p.explain(*r[:3], r[3]).to_dict()
    assert copy.deepcopy(p).decide(*REQUESTS[0][:3]) == "Allow"


def test_state_is_versioned_sources_and_options() -> None:
    p = iameval.Policies(identity_policies=['{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}'],
                         strict=False)
    state = p.__getstate__()
    assert state["format"] == 1
    assert state["strict"] is False
    assert state["identity"] == [("identity0", '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}')]
    assert state["resource"] is None and state["scps"] == [] and state["session"] is None
    # The names given to policies survive, so explanations after unpickling name the same policies.
    named = pickle.loads(pickle.dumps(_policies()))
    assert "app" in {m["policy"] for m in named.explain(*REQUESTS[0][:3]).matched}


def test_newer_or_foreign_state_is_refused() -> None:
    p = _policies()
    state = p.__getstate__()
    state["format"] = 99
    blank = iameval.Policies.__new__(iameval.Policies)
    with pytest.raises(ValueError, match="format 99"):
        blank.__setstate__(state)
    with pytest.raises(ValueError, match="not a pickled"):
        blank.__setstate__({"identity": []})


def _decide_in_worker(p: iameval.Policies) -> list[str]:
    return _decisions(p)


def test_ship_to_process_pool() -> None:
    p = _policies()
    expected = _decisions(p)
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_decide_in_worker, [p, p, p, p]))
    assert results == [expected] * 4
