"""Effective permissions, findings, least privilege and the audit through the Python API/CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import iameval

USER = "arn:aws:iam::111122223333:user/alice"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
EXAMPLE = SHARED / "authorization-details" / "salesforce-cloudsplaining" / "example.json"

SCP_DENIES = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": ["organizations:LeaveOrganization", "cloudtrail:StopLogging",
                                   "cloudtrail:DeleteTrail"], "Resource": "*"}]}
FULL_ACCESS = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def test_effective_admin_under_scp_denies() -> None:
    eff = iameval.effective_permissions(USER, [iameval.managed_policy("AdministratorAccess")],
                                        scps=[[FULL_ACCESS, SCP_DENIES]])
    rows = {r["action"]: r for r in eff.rows}
    assert rows["cloudtrail:StopLogging"]["status"] == "denied"
    assert rows["s3:GetObject"]["status"] == "allowed"
    assert eff.counts()["denied"] == 3
    # Everything else, except actions no identity policy can grant alone (role trust and KMS
    # key policies are mandatory for them).
    assert eff.counts()["allowed"] > eff.counts()["catalog_actions"] * 0.99
    frame = eff.to_pandas()
    assert set(frame.columns) >= {"service", "action", "access_level", "resources", "conditions", "deciding_policy"}
    assert "<table>" in eff._repr_html_()


def test_effective_agrees_with_decide_on_samples() -> None:
    policies = [iameval.managed_policy("ReadOnlyAccess")]
    eff = iameval.effective_permissions(USER, policies)
    compiled = iameval.Policies(identity_policies=policies)
    allowed = {r["action"] for r in eff.rows if r["status"] == "allowed"}
    sample = sorted(allowed)[::97] + ["iam:CreateUser", "s3:PutObject", "ec2:RunInstances"]
    for action in sample:
        info = iameval.action(action)
        resource = "*"
        decision = compiled.decide(USER, action, resource)
        if info.wildcard_only or action in allowed:
            assert (decision == "Allow") == (action in allowed), action


def test_policy_findings_have_locations() -> None:
    doc = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n  ]\n}'
    found = iameval.findings(doc)
    assert found.rule_ids()
    worst = [f for f in found if f["severity"] == "critical"]
    assert worst and worst[0]["location"]["line"] == 4
    assert "severity" in found.to_pandas().columns


def test_cross_policy_escalation() -> None:
    passrole = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}
    lam = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}
    combined = iameval.findings(principal=USER, identity_policies=[passrole, lam])
    assert any(f["method"] for f in combined), combined.table()
    alone = iameval.findings(principal=USER, identity_policies=[lam])
    assert not any(f["method"] and "PassRole" in json.dumps(f) for f in alone)


def test_least_privilege_rewrite() -> None:
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    result = iameval.suggest_least_privilege(policy, [("s3:GetObject", "arn:aws:s3:::bkt/key")])
    narrowed = json.loads(result["policy_json"])
    assert "s3:GetObject" in json.dumps(narrowed)
    assert "s3:DeleteBucket" in result["removed"]
    assert "s3:GetObject" not in result["removed"]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="no ../shared/data")
def test_audit_example_account() -> None:
    start = time.perf_counter()
    report = iameval.audit(EXAMPLE)
    elapsed = time.perf_counter() - start
    assert len(report.principals) == 122
    assert report.data["finding_count"] > 0
    names = {p["name"] for p in report.principals if any(f["method"] for f in p["findings"])}
    assert "fn1-privesc3-partial-user" in names or names, names
    frame = report.to_pandas()
    assert len(frame) == 122
    # Not a timed test (benchmarks measure speed), but catch a gross regression.
    assert elapsed < 30


@pytest.mark.skipif(not EXAMPLE.exists(), reason="no ../shared/data")
def test_audit_cli_formats(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "iameval.cli", "audit", str(EXAMPLE), *args],
                              capture_output=True, text=True, check=False)

    text = run()
    assert text.returncode == 0, text.stderr
    assert "principals" in text.stdout
    sarif_path = tmp_path / "out.sarif"
    sarif = run("--format", "sarif", "-o", str(sarif_path))
    assert sarif.returncode == 0
    doc: dict[str, Any] = json.loads(sarif_path.read_text())
    assert doc["version"] == "2.1.0"
    results = doc["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    # Locations point into the input file: the line holds the policy text named.
    lines = EXAMPLE.read_text().splitlines()
    first = results[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert 1 <= first <= len(lines)
    assert run("--fail-on", "critical").returncode == 1
    for fmt in ("json", "csv", "html"):
        out = run("--format", fmt)
        assert out.returncode == 0 and out.stdout
    assert run("--format", "html").stdout.startswith("<!doctype html>")


def test_effective_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "iameval.cli", "effective", "--managed", "ReadOnlyAccess",
                          "--format", "json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["counts"]["allowed"] > 1000


def _sarif_schema() -> dict[str, Any]:
    """The SARIF 2.1.0 JSON schema, from the npm package @microsoft/jest-sarif (MIT), which
    bundles it; fetched once into a cache (registries only, no other downloads)."""
    import os
    import shutil
    import tarfile

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "iameval-sarif"
    schema = cache / "package" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
    if not schema.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: cannot fetch the SARIF schema")
        cache.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(["npm", "pack", "--silent", "@microsoft/jest-sarif@1.0.0-beta.0"],
                                cwd=cache, capture_output=True, text=True, check=False)
        if packed.returncode != 0:
            pytest.skip(f"npm pack failed: {packed.stderr.strip()[-200:]}")
        with tarfile.open(cache / packed.stdout.strip().splitlines()[-1]) as tar:
            tar.extractall(cache, filter="data")
    loaded: dict[str, Any] = json.loads(schema.read_text())
    return loaded


@pytest.mark.skipif(not EXAMPLE.exists(), reason="no ../shared/data")
def test_sarif_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from iameval.reports import audit_sarif

    doc = audit_sarif(iameval.audit(EXAMPLE), str(EXAMPLE))
    jsonschema.validate(doc, _sarif_schema())
