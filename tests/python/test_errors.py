"""Typed errors from every entry point: a policy that does not parse raises
iameval.PolicyParseError (an iameval.Error and a ValueError) located by path, line and column;
simulation cases report the same location in Decision.error instead of raising."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import iameval
from conftest import run_cli

ALICE = "arn:aws:iam::111122223333:user/alice"
# Line 3, column 28: the misspelt Effect ("Alow").
BROKEN = """{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Alow", "Action": "s3:*", "Resource": "*"}]
}"""
WHERE = ("/Statement/0/Effect", 3, 28)

ENTRY_POINTS: dict[str, Callable[[], Any]] = {
    "parse_policy": lambda: iameval.parse_policy(BROKEN),
    "Policies(identity)": lambda: iameval.Policies(identity_policies=[BROKEN]),
    "Policies(named)": lambda: iameval.Policies(identity_policies=[{"name": "app", "document": BROKEN}]),
    "Policies(resource)": lambda: iameval.Policies(resource_policy=BROKEN),
    "Policies(scp)": lambda: iameval.Policies(scps=[[BROKEN]]),
    "Policies(rcp)": lambda: iameval.Policies(rcps=[[BROKEN]]),
    "Policies(boundary)": lambda: iameval.Policies(permission_boundary=BROKEN),
    "Policies(session)": lambda: iameval.Policies(session_policy=BROKEN),
    "Policies(vpc_endpoint)": lambda: iameval.Policies(vpc_endpoint_policy=BROKEN),
    "effective_permissions": lambda: iameval.effective_permissions(ALICE, [BROKEN]),
    "effective_permissions(scp)": lambda: iameval.effective_permissions(ALICE, [], scps=[[BROKEN]]),
    "findings(policy)": lambda: iameval.findings(BROKEN),
    "findings(principal)": lambda: iameval.findings(principal=ALICE, identity_policies=[BROKEN]),
    "suggest_least_privilege": lambda: iameval.suggest_least_privilege(BROKEN),
    "audit(scps)": lambda: iameval.audit('{"UserDetailList": [], "RoleDetailList": []}', scps=[[BROKEN]]),
}


def test_error_hierarchy() -> None:
    assert issubclass(iameval.PolicyParseError, iameval.Error)
    assert issubclass(iameval.PolicyParseError, ValueError)
    assert issubclass(iameval.InvalidArgumentError, iameval.Error)
    assert issubclass(iameval.InvalidArgumentError, ValueError)
    assert issubclass(iameval.NotFoundError, iameval.Error)
    assert issubclass(iameval.NotFoundError, KeyError)
    assert issubclass(iameval.Error, Exception)


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_parse_errors_are_located_policy_parse_errors(entry: str) -> None:
    with pytest.raises(iameval.PolicyParseError) as info:
        ENTRY_POINTS[entry]()
    e = info.value
    assert isinstance(e, iameval.Error) and isinstance(e, ValueError)
    assert (e.path, e.line, e.column) == WHERE
    assert e.kind == "invalid_value"
    assert str(e).startswith("3:28: error: `Effect` must be `Allow` or `Deny`")
    assert [d.kind for d in e.diagnostics if d.is_error][0] == "invalid_value"


def test_dict_documents_are_located_in_their_indented_json() -> None:
    doc = json.loads(BROKEN)
    with pytest.raises(iameval.PolicyParseError) as info:
        iameval.Policies(identity_policies=[doc])
    text = json.dumps(doc, indent=2)
    line = text.splitlines()[info.value.line - 1]
    assert info.value.path == "/Statement/0/Effect"
    assert line[info.value.column - 1:].startswith('"Alow"')


def test_invalid_json_is_located() -> None:
    with pytest.raises(iameval.PolicyParseError) as info:
        iameval.effective_permissions(ALICE, ['{"Statement": [\n  {"Effect": "Allow",,}]}'])
    assert (info.value.kind, info.value.line, info.value.column) == ("invalid_json", 2, 22)


def test_audit_of_a_file_that_is_not_json(tmp_path: Path) -> None:
    bad = tmp_path / "account.json"
    bad.write_text('{\n  "UserDetailList": [}\n', encoding="utf-8")
    for source in (bad, str(bad), bad.read_text(encoding="utf-8")):
        with pytest.raises(iameval.PolicyParseError) as info:
            iameval.audit(source)
        e = info.value
        assert isinstance(e, ValueError)
        assert (e.kind, e.path, e.line, e.column) == ("invalid_json", "", 2, 22)
    # JSON, but not authorization details: not a parse error, still an iameval.Error/ValueError
    with pytest.raises(iameval.InvalidArgumentError, match="not an authorization-details document"):
        iameval.audit('{"Statement": []}')


def test_audit_reports_a_broken_principal_policy_and_goes_on() -> None:
    account = {"UserDetailList": [{
        "UserName": "alice", "Arn": ALICE, "Path": "/", "GroupList": [], "AttachedManagedPolicies": [],
        "UserPolicyList": [{"PolicyName": "app", "PolicyDocument": json.loads(BROKEN)}]}],
        "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
    report = iameval.audit(json.dumps(account, indent=2))
    [diag] = [d for d in report.data["diagnostics"] if d["severity"] == "error"]
    assert diag["kind"] == "invalid_value"
    assert diag["location"]["path"] == "/UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/0/Effect"
    assert diag["location"]["line"] > 0 and diag["location"]["column"] > 0


def test_simulate_reports_the_location_instead_of_raising() -> None:
    case = ('{"principal": "' + ALICE + '", "action": "s3:GetObject", "resource": "*",\n'
            ' "identity_policies": [' + BROKEN + ']}')
    one_line = case.replace("\n", " ")      # simulate_many sends each case as one JSON line
    for d, where in ((iameval.simulate(case), (4, 28)),
                     (iameval.simulate_many([case])[0], (1, one_line.index('"Alow"') + 1))):
        assert d.decision == "Error" and d.error is not None
        assert d.error["kind"] == "invalid_value"
        assert d.error["path"] == "/identity_policies/0/Statement/0/Effect"
        assert (d.error["line"], d.error["column"]) == where
    out = json.loads(iameval.simulate_jsonl('{"principal": ')[0])
    assert out["decision"] == "Error" and out["error"]["kind"] == "invalid_json"
    assert (out["error"]["line"], out["error"]["column"]) == (1, 15)


def test_unknown_kind_and_names_are_typed_too() -> None:
    with pytest.raises(iameval.InvalidArgumentError):
        iameval.parse_policy(BROKEN, kind="no-such-kind")
    with pytest.raises(iameval.NotFoundError):
        iameval.managed_policy("NoSuchPolicy")
    with pytest.raises(iameval.NotFoundError):
        iameval.action("s3:NoSuchAction")


def test_cli_audit_reports_a_malformed_file_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "account.json"
    bad.write_text('{"UserDetailList": [}', encoding="utf-8")
    r = run_cli("audit", str(bad))
    assert r.returncode == 2
    assert r.stderr.strip() == "iameval audit: 1:21: error: `}` cannot start a JSON value [invalid_json]"
    scp = tmp_path / "scp.json"
    scp.write_text(BROKEN, encoding="utf-8")
    r = run_cli("audit", "policies/identity/example-account-authorization-details.json", "--scp", str(scp),
                cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "3:28: error: `Effect` must be" in r.stderr
