"""iameval.dask on a local cluster (2 worker processes) equals the single-process result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import iameval  # noqa: E402
import iameval.dask as idask  # noqa: E402

ACCOUNT = "111122223333"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
DEPLOY = f"arn:aws:iam::{ACCOUNT}:role/deploy"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "authorization-details"

READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}
WRITE_TLS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
    {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/secret/*"}]}


def _details(user: str, role: str) -> dict[str, Any]:
    return {
        "UserDetailList": [{"UserName": user, "Arn": f"arn:aws:iam::{ACCOUNT}:user/{user}", "Path": "/",
                            "UserPolicyList": [{"PolicyName": "read", "PolicyDocument": READ}],
                            "GroupList": [], "AttachedManagedPolicies": []}],
        "GroupDetailList": [],
        "RoleDetailList": [{"RoleName": role, "Arn": f"arn:aws:iam::{ACCOUNT}:role/{role}", "Path": "/",
                            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                                {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                 "Action": "sts:AssumeRole"}]},
                            "RolePolicyList": [],
                            "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess",
                                                         "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
        "Policies": [],
    }


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for i in range(4):
        path = tmp_path / f"account{i}.json"
        path.write_text(json.dumps(_details(f"user{i}", f"role{i}")), encoding="utf-8")
        paths.append(path)
    paths += sorted(SHARED.glob("*/*.json"))[:3]  # real files when ../shared/data is there
    return paths


def test_audit_file_fallback_decisions(files: list[Path]) -> None:
    result = idask.audit_file(files[0], use_audit=False)
    assert result.method == "decisions" and result.account_id == ACCOUNT
    rows = {r["name"]: r for r in result.rows}
    assert rows["user0"]["allowed_actions"] == ["s3:GetObject"]
    assert rows["role0"]["allowed"] == len(idask.DEFAULT_PROBE_ACTIONS)
    assert all(r["file"] == str(files[0]) for r in result.rows)


def test_audit_files_cluster_equals_single_process(client: Any, files: list[Path]) -> None:
    local = idask.audit_files(files, scheduler="sync", progress=False)
    distributed = idask.audit_files(files, client=client, progress=False)
    assert [r.path for r in distributed] == [str(p) for p in files]
    assert distributed == local
    threads = idask.audit_files(files, progress=False)
    assert threads == local
    table = idask.audit_table(distributed)
    assert len(table) == sum(len(r.rows) for r in local)
    assert set(table["file"]) == {str(p) for p in files}


def test_audit_files_scps_apply(files: list[Path]) -> None:
    deny_iam = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}
    [result] = idask.audit_files(files[:1], scps=[[deny_iam]], actions=["iam:CreateUser", "s3:GetObject"],
                                 progress=False)
    rows = {r["name"]: r for r in result.rows}
    assert rows["role0"]["allowed_actions"] == ["s3:GetObject"]


def _requests(n: int) -> Any:
    actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteBucket", "ec2:RunInstances"]
    resources = ["arn:aws:s3:::bkt/a", "arn:aws:s3:::bkt/secret/b", "*"]
    contexts: list[Any] = [None, {"aws:SecureTransport": True}, '{"aws:SecureTransport": false}']
    return pd.DataFrame({
        "principal": [ALICE if i % 3 else DEPLOY for i in range(n)],
        "action": [actions[i % len(actions)] for i in range(n)],
        "resource": [resources[(i // 4) % len(resources)] for i in range(n)],
        "context": [contexts[(i // 12) % len(contexts)] for i in range(n)],
    })


def test_decide_table_pandas_matches_decide() -> None:
    policies = iameval.Policies(identity_policies=[READ, WRITE_TLS])
    frame = _requests(72)
    out = idask.decide_table(policies, frame)
    assert list(out.columns) == ["principal", "action", "resource", "context", "decision"]
    for row in out.itertuples():
        ctx = json.loads(row.context) if isinstance(row.context, str) else row.context
        assert row.decision == policies.decide(row.principal, row.action, row.resource, ctx), row
    assert set(out["decision"]) == {"Allow", "ExplicitDeny", "ImplicitDeny"}


def test_decide_table_dask_cluster_equals_pandas(client: Any) -> None:
    by_principal = {ALICE: iameval.Policies(identity_policies=[READ, WRITE_TLS]),
                    DEPLOY: iameval.Policies(identity_policies=[iameval.managed_policy("AdministratorAccess")])}
    frame = _requests(20_000)
    expected = idask.decide_table(by_principal, frame)
    lazy = idask.decide_table(by_principal, dd.from_pandas(frame, npartitions=8), column="verdict")
    got = client.compute(lazy).result()
    assert list(got["verdict"]) == list(expected["decision"])
    assert (got.loc[got["principal"] == DEPLOY, "verdict"] == "Allow").all()


def test_decide_table_rejects_bad_context() -> None:
    policies = iameval.Policies(identity_policies=[READ])
    frame = pd.DataFrame({"principal": [ALICE], "action": ["s3:GetObject"], "context": [42]})
    with pytest.raises(TypeError, match="context"):
        idask.decide_table(policies, frame)


class _FakeReport:
    data = {"account_id": ACCOUNT, "warnings": ["w"]}

    def summary_table(self) -> list[dict[str, Any]]:
        return [{"type": "user", "name": "user0", "critical": 1}]

    def findings(self) -> Any:
        class F:
            items = [{"rule_id": "IAM001", "severity": "critical"}]
        return F()


def test_audit_file_uses_iameval_audit_when_present(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_audit(text: str, **kwargs: Any) -> _FakeReport:
        assert "UserDetailList" in text
        calls.append(kwargs)
        return _FakeReport()

    monkeypatch.setattr(iameval, "audit", fake_audit, raising=False)
    result = idask.audit_file(files[0])
    assert result.method == "audit" and result.account_id == ACCOUNT
    assert result.rows == [{"file": str(files[0]), "type": "user", "name": "user0", "critical": 1}]
    assert result.findings == [{"file": str(files[0]), "rule_id": "IAM001", "severity": "critical"}]
    assert calls == [{"scps": (), "threads": 1}]
    assert idask.audit_file(files[0], use_audit=False).method == "decisions"
    monkeypatch.delattr(iameval, "audit")
    with pytest.raises(RuntimeError, match="no iameval.audit"):
        idask.audit_file(files[0], use_audit=True)


def test_audit_file_records_rejected_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def rejecting_audit(text: str, **kwargs: Any) -> Any:
        raise iameval.InvalidArgumentError("`arn:aws:iam::aws:user/x` is not a principal")

    good = tmp_path / "good.json"
    good.write_text(json.dumps(_details("u", "r")), encoding="utf-8")
    monkeypatch.setattr(iameval, "audit", rejecting_audit, raising=False)
    result = idask.audit_file(good)
    assert result.method == "decisions" and "is not a principal" in result.error
    assert {r["name"] for r in result.rows} == {"u", "r"}
    bad = tmp_path / "bad.json"
    bad.write_text('{"Users": []}', encoding="utf-8")
    failed = idask.audit_file(bad, use_audit=False)
    assert failed.method == "failed" and failed.rows == [] and "authorization-details" in failed.error
