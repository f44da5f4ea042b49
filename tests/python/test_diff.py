"""Policy diff ("check no new access"): iameval.diff, iameval.diff_principals and `iameval diff`.

Every counterexample is re-checked here on its own: its simulation case with NEW's policies
must decide Allow and with OLD's must not (iameval.simulate), and for policy sets the request
also goes through Policies.decide.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import iameval
from conftest import REPO_ROOT, run_cli
from iameval.diff import Counterexample, PolicyDiff, principal_policies

DETAILS = REPO_ROOT / "policies" / "identity" / "example-account-authorization-details.json"
ROLE = "arn:aws:iam::111122223333:role/app"


def policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


GET = policy(allow("s3:GetObject", "arn:aws:s3:::bkt/*"))
TLS = {"Bool": {"aws:SecureTransport": "true"}}


def assert_confirmed(d: PolicyDiff) -> None:
    """Each counterexample is Allow under NEW and not under OLD, run as simulation cases."""
    assert d.counterexamples, d
    for c in d.counterexamples:
        new, old = iameval.simulate(c.to_case("new")), iameval.simulate(c.to_case("old"))
        assert new.decision == "Allow", (c, new.explain())
        assert old.decision in ("ImplicitDeny", "ExplicitDeny"), (c, old.explain())
        assert (c.new_decision, c.old_decision) == ("Allow", old.decision)


# ---- two policies ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["ReadOnlyAccess", "AmazonS3FullAccess", "PowerUserAccess"])
def test_identical_managed_policies_give_no_new_access(name: str) -> None:
    d = iameval.diff(name, iameval.managed_policy(name))
    assert (d.verdict, d.new_access, d.proven) == ("no-new-access", False, True)
    assert d.changes == [] and d.counterexamples == [] and d.newly_allowed == []


def test_added_action_is_newly_allowed_with_confirmed_counterexample() -> None:
    new = policy(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::bkt/*"))
    d = iameval.diff(GET, new)
    assert d.verdict == "new-access" and d.new_access and d.proven
    assert d.newly_allowed == ["s3:PutObject"] and d.widened == []
    [change] = d.changes
    assert (change.action, change.change) == ("s3:PutObject", "newly-allowed")
    [c] = d.counterexamples
    assert (c.action, c.resource) == ("s3:PutObject", "arn:aws:s3:::bkt/iameval")
    assert_confirmed(d)


def test_wider_resource_pattern_is_found_by_glob_inclusion() -> None:
    d = iameval.diff(GET, policy(allow("s3:GetObject", "arn:aws:s3:::b*/*")))
    assert d.widened == ["s3:GetObject"] and d.changes[0].change == "wider-resources"
    assert d.changes[0].new_resources == ["arn:aws:s3:::b*/*"]
    [c] = d.counterexamples
    assert c.resource.startswith("arn:aws:s3:::b") and not c.resource.startswith("arn:aws:s3:::bkt/")
    assert_confirmed(d)


def test_narrower_resource_pattern_is_no_new_access() -> None:
    # arn:aws:s3:::bkt/logs/* is included in arn:aws:s3:::bkt/*: inclusion, not string equality.
    narrow = policy(allow("s3:GetObject", ["arn:aws:s3:::bkt/logs/*", "arn:aws:s3:::bkt/a?c"]))
    assert iameval.diff(GET, narrow).verdict == "no-new-access"
    assert iameval.diff(narrow, GET).verdict == "new-access"


def test_dropped_condition_is_wider_conditions() -> None:
    old = policy(allow("s3:GetObject", "*", Condition=TLS))
    d = iameval.diff(old, policy(allow("s3:GetObject")))
    assert d.verdict == "new-access" and d.changes[0].change == "wider-conditions"
    assert "aws:SecureTransport" not in d.counterexamples[0].context or \
        d.counterexamples[0].context["aws:SecureTransport"] != "true"
    assert_confirmed(d)
    # Adding the condition back narrows: no new access.
    assert iameval.diff(policy(allow("s3:GetObject")), old).verdict == "no-new-access"


def test_same_condition_on_both_sides_cancels_out() -> None:
    old = policy(allow("s3:GetObject", "*", Condition=TLS))
    new = policy(allow(["s3:GetObject"], "*", Condition=TLS), allow("s3:GetObject", "arn:aws:s3:::x/*",
                                                                      Condition=TLS))
    assert iameval.diff(old, new).verdict == "no-new-access"


TEAM_LIKE = policy(allow("s3:GetObject", "*", Condition={"StringLike": {"aws:PrincipalTag/team": "a*"}}))
TEAM_EQUALS = policy(allow("s3:GetObject", "*", Condition={"StringEquals": {"aws:PrincipalTag/team": "ab"}}))


def test_condition_rewritten_in_another_form_may_grant_new_access() -> None:
    # NEW's condition is a narrower form of OLD's; conditions are compared as written, so the
    # diff proves neither answer and says so rather than claiming "no new access".
    d = iameval.diff(TEAM_LIKE, TEAM_EQUALS)
    assert (d.verdict, d.new_access, d.proven) == ("may-grant-new-access", True, False)
    assert d.maybe_widened == ["s3:GetObject"] and d.counterexamples == []
    [change] = d.changes
    assert change.change == "may-be-wider" and "conditions" in change.reason
    assert d.notes


def test_removed_deny_gives_new_access() -> None:
    old = policy(allow("s3:*"), {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})
    d = iameval.diff(old, policy(allow("s3:*")))
    assert d.newly_allowed == ["s3:DeleteBucket"]
    assert_confirmed(d)


def test_managed_read_only_to_full_access() -> None:
    d = iameval.diff("AmazonS3ReadOnlyAccess", "AmazonS3FullAccess")
    assert d.verdict == "new-access"
    assert {"s3:PutObject", "s3:DeleteBucket"} <= set(d.newly_allowed)
    assert not set(d.newly_allowed) & {"s3:GetObject", "s3:ListBucket"}
    assert_confirmed(d)
    assert iameval.diff("AmazonS3FullAccess", "AmazonS3ReadOnlyAccess").verdict == "no-new-access"


def test_read_only_to_administrator_and_back() -> None:
    assert iameval.diff("AdministratorAccess", "ReadOnlyAccess").verdict == "no-new-access"
    d = iameval.diff("ReadOnlyAccess", "AdministratorAccess", max_counterexamples=5)
    assert d.verdict == "new-access" and len(d.counterexamples) == 5
    assert "iam:CreateUser" in d.newly_allowed
    assert_confirmed(d)


def test_resource_policy_new_caller_is_reported_for_that_caller() -> None:
    trusted = {"AWS": "arn:aws:iam::444455556666:role/ops/reader"}
    old = policy(allow("s3:GetObject", "arn:aws:s3:::bkt/*", Principal=trusted))
    new = policy(allow("s3:GetObject", "arn:aws:s3:::bkt/*", Principal="*"))
    d = iameval.diff(old, new, kind="resource")
    assert d.verdict == "new-access" and d.kind == "resource"
    callers = {c.principal for c in d.changes}
    assert "anonymous" in callers
    assert not any("assumed-role/reader" in p for p in callers)  # the trusted role had it already
    assert_confirmed(d)
    assert iameval.diff(new, old, kind="resource").verdict == "no-new-access"


def test_resource_policy_wider_actions_for_a_trusted_role() -> None:
    trusted = {"AWS": "arn:aws:iam::444455556666:role/ops/reader"}
    old = policy(allow("s3:GetObject", "arn:aws:s3:::bkt/*", Principal=trusted))
    new = policy(allow("s3:*Object", "arn:aws:s3:::bkt/*", Principal=trusted))
    d = iameval.diff(old, new, kind="resource")
    assert "s3:PutObject" in d.newly_allowed
    # The case needs the role behind the session and the resource in another account.
    request = d.counterexamples[0].to_request()
    assert request["principal_parent_arn"] == "arn:aws:iam::444455556666:role/ops/reader"
    assert request["resource_account"] not in ("444455556666", "")
    assert_confirmed(d)


def test_counterexamples_carry_the_request_facts_from_the_core() -> None:
    # The facts come from C++ (the subjects the diff decided for), not recomputed in Python.
    trusted = {"AWS": ["arn:aws:iam::999999999999:root", "arn:aws:iam::444455556666:role/worker"]}
    old = policy(allow("sqs:SendMessage", Principal={"AWS": "arn:aws:iam::999999999999:root"}))
    new = policy(allow("sqs:SendMessage", Principal=trusted))
    d = iameval.diff(old, new, kind="resource")
    [c] = d.counterexamples
    assert c.principal == "arn:aws:sts::444455556666:assumed-role/worker/iameval-diff"
    assert c.principal_parent_arn == c.old_principal_parent_arn == "arn:aws:iam::444455556666:role/worker"
    assert c.resource_account == "999999999998"  # the stand-in avoids the accounts named
    assert not c.principal_in_management_account and not c.resource_in_management_account
    assert c.to_dict()["resource_account"] == "999999999998"
    assert_confirmed(d)
    # Policy sets: the facts given are carried, for each side.
    sets = iameval.diff([GET], [policy(allow("s3:GetObject"))], principal=ROLE.replace(
        ":iam::", ":sts::").replace(":role/app", ":assumed-role/app/s"), principal_parent_arn=ROLE,
        resource_account="111122223333", principal_in_management_account=True)
    for c in sets.counterexamples:
        assert c.to_request()["principal_parent_arn"] == ROLE
        assert c.to_request("old")["principal_in_management_account"] is True
        assert c.resource_account == "111122223333"
    assert_confirmed(sets)


def test_example_resources_read_like_real_requests() -> None:
    d = iameval.diff(policy(allow("iam:GetUser")), policy(allow(
        ["s3:GetBucketAcl", "s3:GetObject"], ["arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*"])))
    examples = {c.action: c.example_resource for c in d.changes}
    assert examples["s3:GetBucketAcl"] == "arn:aws:s3:::bkt"  # a bucket ARN for a bucket action
    assert examples["s3:GetObject"] == "arn:aws:s3:::bkt/iameval"
    d = iameval.diff(policy(allow("iam:GetUser")),
                     policy(allow("sqs:SendMessage", "arn:aws:sqs:*:*:orders")))
    [c] = d.counterexamples
    assert c.resource == "arn:aws:sqs:us-east-1:111122223333:orders"
    assert_confirmed(d)
    # Only object ARNs allowed: the bucket action keeps the exact (implausible) example.
    d = iameval.diff(policy(allow("iam:GetUser")), policy(allow("s3:GetBucketAcl", "arn:aws:s3:::bkt/*")))
    assert d.counterexamples[0].resource.startswith("arn:aws:s3:::bkt/")
    assert_confirmed(d)


@pytest.mark.parametrize("kind", ["scp", "boundary", "session"])
def test_identity_type_kinds(kind: str) -> None:
    old = policy(allow("*"), {"Effect": "Deny", "Action": "iam:*", "Resource": "*"})
    new = policy(allow("*"), {"Effect": "Deny", "Action": "iam:Create*", "Resource": "*"})
    d = iameval.diff(old, new, kind=kind)
    assert d.verdict == "new-access" and "iam:DeleteUser" in d.newly_allowed
    assert not any(a.startswith("iam:Create") for a in d.newly_allowed)
    assert_confirmed(d)
    assert iameval.diff(new, old, kind=kind).verdict == "no-new-access"


def test_inputs_json_text_bytes_named_files_and_paths(tmp_path: Path) -> None:
    new = policy(allow("s3:*Object", "arn:aws:s3:::bkt/*"))
    f = tmp_path / "new.json"
    f.write_text(json.dumps(new))
    expected = iameval.diff(GET, new).newly_allowed
    assert iameval.diff(json.dumps(GET), f).newly_allowed == expected
    assert iameval.diff(json.dumps(GET).encode(), str(f)).newly_allowed == expected
    d = iameval.diff({"name": "before", "document": GET}, {"name": "after", "document": new})
    assert d.newly_allowed == expected
    assert d.counterexamples[0].to_case("old")["identity_policies"][0]["name"] == "before"


def test_errors() -> None:
    with pytest.raises(iameval.PolicyParseError) as e:
        iameval.diff(GET, '{"Statement": [{"Effect": "Alow"}]}')
    assert (e.value.line, e.value.path) == (1, "/Statement/0/Effect")
    with pytest.raises(iameval.NotFoundError):
        iameval.diff(GET, "NoSuchManagedPolicyAnywhere")
    with pytest.raises(TypeError):
        iameval.diff(GET, [GET])
    with pytest.raises(TypeError):
        iameval.diff(GET, GET, principal=ROLE)
    with pytest.raises(iameval.PolicyParseError):  # a Principal is not allowed in an SCP
        iameval.diff(GET, policy(allow("s3:*", Principal="*")), kind="scp")


# ---- policy sets and principals -------------------------------------------------------------

def test_policy_sets_with_boundary_and_decide() -> None:
    boundary = policy(allow("s3:*"))
    old = iameval.Policies([GET], permission_boundary=boundary)
    new = iameval.Policies([GET, policy(allow(["s3:PutObject", "iam:CreateUser"]))],
                           permission_boundary=boundary)
    d = iameval.diff(old, new, principal=ROLE)
    # iam:CreateUser is outside the boundary: not new access.
    assert d.verdict == "new-access" and d.newly_allowed == ["s3:PutObject"]
    assert d.form == "policy-sets" and d.principals == [ROLE]
    for c in d.counterexamples:
        assert new.decide(**c.to_request()) == "Allow"
        assert old.decide(**c.to_request("old")) != "Allow"
    assert_confirmed(d)
    assert iameval.diff(new, old, principal=ROLE).verdict == "no-new-access"


def test_lists_are_identity_policy_sets_and_accept_managed_names() -> None:
    d = iameval.diff(["ReadOnlyAccess"], ["ReadOnlyAccess", GET], principal=ROLE)
    assert d.verdict == "no-new-access"  # ReadOnlyAccess already allows s3:GetObject on *
    d = iameval.diff(["AmazonS3ReadOnlyAccess"], ["AmazonS3ReadOnlyAccess", "AmazonSQSFullAccess"],
                     principal=ROLE)
    assert d.verdict == "new-access" and all(a.startswith("sqs:") for a in d.newly_allowed)
    assert_confirmed(d)


def test_scp_in_both_sets_limits_the_diff() -> None:
    scp = [[policy(allow("s3:*"))]]
    old = iameval.Policies([GET], scps=scp)
    new = iameval.Policies([policy(allow("*"))], scps=scp)
    d = iameval.diff(old, new, principal=ROLE)
    assert d.newly_allowed and all(a.startswith("s3:") for a in d.newly_allowed)
    assert_confirmed(d)


def test_two_principals() -> None:
    sets = iameval.Policies([GET])
    d = iameval.diff(sets, sets, principal=ROLE, old_principal="arn:aws:iam::111122223333:user/bob")
    assert d.verdict == "no-new-access" and d.old_principal.endswith("user/bob")
    wider = iameval.Policies([policy(allow("s3:GetObject"))])
    d = iameval.diff(sets, wider, principal=ROLE, old_principal="arn:aws:iam::111122223333:user/bob")
    assert d.verdict == "new-access"
    c = d.counterexamples[0]
    assert (c.principal, c.old_principal) == (ROLE, "arn:aws:iam::111122223333:user/bob")
    assert c.to_request("old")["principal"] == c.old_principal
    assert_confirmed(d)


def test_diff_principals_of_an_authorization_details_file() -> None:
    admin, reader = "arn:aws:iam::111111111111:role/Admin", "report-reader"
    assert iameval.diff_principals(DETAILS, admin, reader).verdict == "no-new-access"
    d = iameval.diff_principals(DETAILS, reader, "Admin", max_counterexamples=3)
    assert d.verdict == "new-access" and d.principals == [admin]
    assert d.old_principal == "arn:aws:iam::111111111111:role/report-reader"
    assert "iam:CreateUser" in d.newly_allowed
    assert_confirmed(d)
    # The same principal against itself (one snapshot as both).
    assert iameval.diff_principals(DETAILS, "alice", new_details=DETAILS).verdict == "no-new-access"
    sets = principal_policies(DETAILS, "alice")
    assert sets.decide("arn:aws:iam::111111111111:user/alice", "s3:GetObject", "arn:aws:s3:::x/y") in (
        "Allow", "ImplicitDeny", "ExplicitDeny")
    with pytest.raises(iameval.NotFoundError):
        iameval.diff_principals(DETAILS, "nobody", "Admin")


def test_diff_principals_across_snapshots(tmp_path: Path) -> None:
    data = json.loads(DETAILS.read_text())
    for role in data["RoleDetailList"]:
        if role["RoleName"] == "report-reader":
            role["RolePolicyList"] = [{"PolicyName": "extra",
                                       "PolicyDocument": policy(allow("sqs:SendMessage"))}]
    after = tmp_path / "after.json"
    after.write_text(json.dumps(data))
    d = iameval.diff_principals(DETAILS, "report-reader", new_details=after)
    assert d.newly_allowed == ["sqs:SendMessage"]
    assert_confirmed(d)


# ---- the result object ----------------------------------------------------------------------

def test_result_views() -> None:
    d = iameval.diff(GET, policy(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::bkt/*")))
    text = str(d)
    assert text.startswith("new-access:") and "s3:PutObject" in text
    assert json.loads(text.splitlines()[-1].strip())["action"] == "s3:PutObject"
    assert "new-access" in d._repr_html_() and "<table>" in d._repr_html_()
    as_dict = json.loads(json.dumps(d.to_dict()))
    assert as_dict["verdict"] == "new-access" and as_dict["counterexamples"][0]["action"] == "s3:PutObject"
    assert [c["id"] for c in d.cases()] == ["new-1", "old-1"]
    assert [iameval.simulate(c).decision for c in d.cases()] == ["Allow", "ImplicitDeny"]
    df = d.to_pandas()
    assert list(df["action"]) == ["s3:PutObject"]
    assert isinstance(d.counterexamples[0], Counterexample)
    empty = iameval.diff(GET, GET)
    assert empty.to_pandas().empty and str(empty).startswith("no-new-access")


# ---- command line ---------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, doc in (("old", GET), ("new", policy(allow("s3:*Object", "arn:aws:s3:::bkt/*")))):
        out[name] = tmp_path / f"{name}.json"
        out[name].write_text(json.dumps(doc, indent=2))
    out["bad"] = tmp_path / "bad.json"
    out["bad"].write_text('{\n  "Statement": [{"Effect": "Alow", "Action": "s3:*", "Resource": "*"}]\n}')
    return out


def test_cli_exit_codes_and_text(files: dict[str, Path]) -> None:
    r = run_cli("diff", str(files["old"]), str(files["new"]))
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("new-access:") and "newly-allowed" in r.stdout
    assert "\033[" not in r.stdout  # no colour when stdout is not a terminal
    r = run_cli("diff", str(files["new"]), str(files["old"]))
    assert (r.returncode, r.stdout.split(":")[0]) == (0, "no-new-access")


def test_cli_may_grant_new_access_exits_1(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(TEAM_LIKE))
    (tmp_path / "new.json").write_text(json.dumps(TEAM_EQUALS))
    r = run_cli("diff", "old.json", "new.json", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout.startswith("may-grant-new-access:") and "may-be-wider" in r.stdout


def test_cli_json_and_stdin(files: dict[str, Path]) -> None:
    r = run_cli("diff", "-", str(files["new"]), "--format", "json", stdin=files["old"].read_text())
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert out["verdict"] == "new-access" and out["new_access"] is True
    assert "s3:PutObject" in out["newly_allowed"]
    assert {"principal", "action", "resource", "context"} <= set(out["counterexamples"][0])


def test_cli_jsonl_cases_run_in_simulate(files: dict[str, Path]) -> None:
    r = run_cli("diff", str(files["old"]), str(files["new"]), "--format", "jsonl")
    assert r.returncode == 1 and r.stdout
    sim = run_cli("simulate", "--jsonl", "-", "--no-explain", stdin=r.stdout)
    results = [json.loads(line) for line in sim.stdout.splitlines()]
    assert results and all(x["decision"] == ("Allow" if x["id"].startswith("new-") else "ImplicitDeny")
                           for x in results)


def test_cli_managed_policies_and_kind() -> None:
    r = run_cli("diff", "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "--format", "json")
    assert r.returncode == 1 and "s3:PutObject" in json.loads(r.stdout)["newly_allowed"]
    assert run_cli("diff", "ReadOnlyAccess", "ReadOnlyAccess").returncode == 0
    assert run_cli("diff", "ReadOnlyAccess", "ReadOnlyAccess", "--kind", "resource").returncode == 2


def test_cli_policy_sets_and_details(files: dict[str, Path]) -> None:
    r = run_cli("diff", "--old", str(files["old"]), "--new", str(files["old"]), "--new", "AmazonSQSReadOnlyAccess",
                "--principal", ROLE, "--format", "json")
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert out["form"] == "policy-sets" and all(a.startswith("sqs:") for a in out["newly_allowed"])
    r = run_cli("diff", "--details", str(DETAILS), "--old-principal", "Admin", "--new-principal", "report-reader")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_cli("diff", "--details", "-", "--old-principal", "report-reader", "--new-principal", "Admin",
                "--format", "json", "--max-counterexamples", "2", stdin=DETAILS.read_text())
    assert r.returncode == 1 and len(json.loads(r.stdout)["counterexamples"]) == 2


def test_cli_input_errors_exit_2_with_location(files: dict[str, Path]) -> None:
    r = run_cli("diff", str(files["old"]), str(files["bad"]))
    assert r.returncode == 2 and r.stdout == ""
    assert f"{files['bad']}:2:" in r.stderr and "/Statement/0/Effect" in r.stderr
    r = run_cli("diff", str(files["old"]), "no-such-file.json")
    assert r.returncode == 2 and "no such file or AWS managed policy" in r.stderr
    assert run_cli("diff").returncode == 2
    assert run_cli("diff", str(files["old"])).returncode == 2
    assert run_cli("diff", str(files["old"]), str(files["new"]), "--old", str(files["old"])).returncode == 2
    assert run_cli("diff", "-", "-", stdin="{}").returncode == 2
    r = run_cli("diff", "--details", str(DETAILS), "--old-principal", "nobody", "--principal", "Admin")
    assert r.returncode == 2 and "nobody" in r.stderr
    r = run_cli("diff", "--details", str(files["old"]), "--principal", "Admin")
    assert r.returncode == 2 and "authorization-details" in r.stderr
    r = run_cli("diff", "--help")
    assert r.returncode == 0 and "examples:" in r.stdout and "--format" in r.stdout
