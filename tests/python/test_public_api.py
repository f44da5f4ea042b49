"""Public result types in use: tables, pandas frames and notebook HTML agree with each other;
the finding-rule list matches what findings report."""

from __future__ import annotations

from pathlib import Path

import pytest

import iameval

REPO = Path(__file__).resolve().parents[2]
ACCOUNT = REPO / "policies" / "identity" / "example-account-authorization-details.json"
ALICE = "arn:aws:iam::111122223333:user/alice"
RISKY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Deploy", "Effect": "Allow", "Action": ["iam:PassRole", "lambda:*"], "Resource": "*"},
    {"Sid": "Tag<b>", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}


@pytest.fixture(scope="module")
def report() -> iameval.AuditReport:
    return iameval.audit(ACCOUNT)


def test_finding_rules_describe_every_reported_rule() -> None:
    rules = iameval.finding_rules()
    assert rules and all(set(r) == {"id", "severity", "title", "fix"} for r in rules)
    ids = [r["id"] for r in rules]
    assert len(set(ids)) == len(ids)
    assert {r["severity"] for r in rules} <= {"critical", "high", "medium", "low", "info"}
    found = iameval.findings(RISKY)
    assert found.rule_ids() and found.rule_ids() <= set(ids)


def test_findings_table_frame_and_html_agree() -> None:
    found = iameval.findings(RISKY)
    assert len(found) == len(list(found)) == len(found.items) > 0
    table = found.table()
    assert [row["rule_id"] for row in table] == [f["rule_id"] for f in found]
    html = found._repr_html_()
    assert html.count("<tr>") == len(table) + 1
    assert "Tag&lt;b&gt;" in html and "Tag<b>" not in html       # cells are escaped
    pd = pytest.importorskip("pandas")
    frame = found.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(table[0]) and len(frame) == len(table)


def test_effective_permissions_table_frame_and_html_agree() -> None:
    eff = iameval.effective_permissions(ALICE, [RISKY])
    table = eff.table()
    assert len(table) == len(eff.rows) == eff.allowed
    counts = eff.counts()
    assert counts["allowed"] >= counts["allowed_unconditionally"] and counts["catalog_actions"] > 20000
    assert f"<b>{eff.allowed}</b> of {eff.catalog_actions} actions allowed" in eff._repr_html_()
    pytest.importorskip("pandas")
    frame = eff.to_pandas()
    assert list(frame.columns) == list(table[0]) and len(frame) == len(table)
    assert set(frame["service"]) >= {"iam", "lambda", "s3"}


def test_audit_report_summary(report: iameval.AuditReport) -> None:
    principals = report.principals
    summary = report.summary_table()
    assert [row["name"] for row in summary] == [p["name"] for p in principals]
    for row, p in zip(summary, principals):
        assert row["findings"] == len(p["findings"])
        assert row["findings"] == sum(row[s] for s in ("critical", "high", "medium", "low")) + sum(
            1 for f in p["findings"] if f["severity"] not in ("critical", "high", "medium", "low"))
        assert row["allowed"] == sum(p["allowed"].values())
    assert len(report.findings()) == sum(row["findings"] for row in summary) == report.data["finding_count"]
    assert report.source == str(ACCOUNT)
    html = report._repr_html_()
    assert f"{len(principals)} principals" in html and html.count("<tr>") == len(summary) + 1
    pytest.importorskip("pandas")
    frame = report.to_pandas()
    assert list(frame.columns) == list(summary[0]) and len(frame) == len(summary)


def test_audit_of_text_has_no_source() -> None:
    report = iameval.audit(ACCOUNT.read_text(encoding="utf-8"))
    assert report.source == "" and report.principals
