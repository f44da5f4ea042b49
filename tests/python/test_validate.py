"""Parsing and validation from Python: iameval.validate, iameval.parse_policy, the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iameval

GOOD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
}
# Effect "Alow" on line 4; the value starts at column 15.
BAD_TEXT = """{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"
  }
}"""


def test_clean_policy_has_no_diagnostics() -> None:
    assert iameval.validate(GOOD) == []
    assert iameval.validate(json.dumps(GOOD)) == []
    assert iameval.validate(json.dumps(GOOD).encode()) == []


def test_error_diagnostic_fields() -> None:
    [d] = iameval.validate(BAD_TEXT)
    assert (d.severity, d.kind, d.path, d.line, d.column) == (
        "error", "invalid_value", "/Statement/Effect", 4, 15)
    assert d.is_error and "Alow" in d.message
    assert str(d).startswith("4:15: error: ") and str(d).endswith("at /Statement/Effect")
    assert d.to_dict()["kind"] == "invalid_value"


def test_unknown_action_is_a_catalog_warning() -> None:
    doc = {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObjekt"], "Resource": "*"}]}
    [d] = iameval.validate(doc)
    assert (d.severity, d.kind, d.path) == ("warning", "unknown_action", "/Statement/0/Action/0")
    assert not d.is_error
    # parse_policy runs no catalog checks.
    assert iameval.parse_policy(doc) == []


def test_invalid_json_reports_position() -> None:
    [d] = iameval.validate('{"Statement": [}')
    assert d.is_error and d.line == 1 and d.column > 1


def test_kind_rules_depend_on_the_kind() -> None:
    with_principal = {
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::b/*"}]
    }
    assert any(d.is_error for d in iameval.validate(with_principal, "identity"))
    assert not any(d.is_error for d in iameval.validate(with_principal, "resource"))


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(iameval.InvalidArgumentError, match="unknown policy kind"):
        iameval.validate(GOOD, "nosuchkind")
    with pytest.raises(ValueError):
        iameval.parse_policy(GOOD, "nosuchkind")


def test_bad_document_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        iameval.validate(42)  # type: ignore[arg-type]


def test_lenient_turns_unknown_operators_into_warnings() -> None:
    doc = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                          "Condition": {"StringEqualz": {"aws:username": "x"}}}]}
    strict = iameval.validate(doc)
    lenient = iameval.validate(doc, strict=False)
    assert any(d.is_error for d in strict)
    assert lenient and not any(d.is_error for d in lenient)


def test_parse_policy_raises_with_location() -> None:
    with pytest.raises(iameval.PolicyParseError) as info:
        iameval.parse_policy(BAD_TEXT)
    err = info.value
    assert (err.kind, err.path, err.line, err.column) == (
        "invalid_value", "/Statement/Effect", 4, 15)
    assert isinstance(err, ValueError) and isinstance(err, iameval.Error)
    assert [d.kind for d in err.diagnostics] == ["invalid_value"]
    assert "Alow" in str(err)


def test_parse_policy_counts_further_errors_in_the_message() -> None:
    doc = '{"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Bogus": 1}]}'
    with pytest.raises(iameval.PolicyParseError, match=r"and \d+ more error"):
        iameval.parse_policy(doc)


def test_policy_kinds() -> None:
    assert iameval.policy_kinds()[:2] == ["identity", "resource"]
    assert {"scp", "rcp", "trust", "boundary"} <= set(iameval.policy_kinds())


def test_every_managed_policy_is_valid() -> None:
    # AWS accepted every one of these, so the strict parser must too.
    for name in iameval.managed_policy_names():
        errors = [d for d in iameval.validate(iameval.managed_policy(name)) if d.is_error]
        assert errors == [], name


@pytest.mark.parametrize(
    ("corpus", "kind"),
    [("aws-managed-policies.jsonl", "identity"), ("boundary-examples.jsonl", "boundary")],
)
def test_shared_corpus_parses_without_errors(shared_data: Path, corpus: str, kind: str) -> None:
    lines = (shared_data / corpus).read_text(encoding="utf-8").splitlines()
    failures = []
    for line in lines:
        record = json.loads(line)
        errors = [d for d in iameval.validate(record["document"], kind) if d.is_error]
        if errors:
            failures.append((record["name"], [str(d) for d in errors]))
    assert failures == []
