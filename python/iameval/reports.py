"""Audit and findings reports: text, JSON, CSV, SARIF 2.1.0 and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from . import __version__
from ._html import table_html
from .analysis import AuditReport

__all__ = ["SEVERITY_ORDER", "audit_csv", "audit_html", "audit_json", "audit_sarif", "audit_text"]

SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"]
# SARIF result levels for finding severities.
_SARIF_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub code scanning reads this property as a 0.0-10.0 score.
_SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "0.0"}


def audit_text(report: AuditReport) -> str:
    """A summary for terminals: totals, then principals with findings, worst first."""
    data = report.data
    by_sev = data["findings_by_severity"]
    lines = [f"iameval audit: account {data['account_id'] or '?'}: {len(data['principals'])} principals, "
             f"{data['finding_count']} findings (" +
             ", ".join(f"{by_sev.get(s, 0)} {s}" for s in SEVERITY_ORDER) + ")"]
    rows = sorted(report.summary_table(),
                  key=lambda r: (-r["critical"], -r["high"], -r["medium"], -r["findings"], r["name"]))
    for r in rows:
        if not r["findings"]:
            continue
        admin = " [admin]" if r["admin"] else ""
        lines.append(f"  {r['type']:<4} {r['name']}{admin}: {r['findings']} findings "
                     f"({r['critical']} critical, {r['high']} high, {r['medium']} medium, {r['low']} low); "
                     f"{r['allowed']} actions allowed, {r['permissions_management']} permissions-management")
    escalations = [f for f in report.findings() if f.get("method")]
    if escalations:
        lines.append("privilege-escalation paths:")
        for f in escalations[:50]:
            cond = " (conditional)" if f["conditional"] else ""
            lines.append(f"  {f['principal']}: {f['method']}{cond}: {f['message']}")
    if data["diagnostics"]:
        lines.append(f"{len(data['diagnostics'])} problems reading the file (see --format json)")
    return "\n".join(lines) + "\n"


def audit_json(report: AuditReport) -> str:
    """The whole report as JSON."""
    return json.dumps(report.data, indent=2) + "\n"


def audit_csv(report: AuditReport) -> str:
    """One row per finding."""
    out = io.StringIO()
    rows = report.findings().table()
    fields = ["principal", "severity", "rule_id", "title", "policy", "sid", "path", "line", "column",
              "actions", "conditional", "message"]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in fields})
    return out.getvalue()


def audit_sarif(report: AuditReport, artifact_uri: str = "") -> dict[str, Any]:
    """SARIF 2.1.0: one run, one rule per finding rule, results located in the input file."""
    from .analysis import finding_rules

    rules = finding_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings():
        loc = f["location"]
        region = {"startLine": max(1, int(loc["line"]))}
        if loc["column"]:
            region["startColumn"] = int(loc["column"])
        result: dict[str, Any] = {
            "ruleId": f["rule_id"],
            "level": _SARIF_LEVEL.get(f["severity"], "warning"),
            "message": {"text": f["message"]},
            "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": artifact_uri or "authorization-details.json"},
                                     "region": region},
                "logicalLocations": [{"fullyQualifiedName": f"{f.get('principal', '')}/{f['policy']}{loc['path']}",
                                      "kind": "member"}],
            }],
            "properties": {"severity": f["severity"], "principal": f.get("principal", ""),
                           "policy": f["policy"], "jsonPointer": loc["path"], "conditional": f["conditional"],
                           "actionCount": len(f["actions"])},
        }
        if f["rule_id"] in index:
            result["ruleIndex"] = index[f["rule_id"]]
        results.append(result)
    driver_rules = [{
        "id": r["id"], "name": r["id"], "shortDescription": {"text": r["title"]},
        "help": {"text": r["fix"]},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(r["severity"], "warning")},
        "properties": {"security-severity": _SECURITY_SEVERITY.get(r["severity"], "5.0"), "tags": ["security"]},
    } for r in rules]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "iameval", "version": __version__,
                                "informationUri": "https://github.com/iameval/iameval", "rules": driver_rules}},
            "artifacts": [{"location": {"uri": artifact_uri or "authorization-details.json"}}],
            "results": results,
        }],
    }


def audit_html(report: AuditReport) -> str:
    """A self-contained HTML page (no scripts, no external assets)."""
    data = report.data
    summary = report.summary_table()
    cols = list(summary[0].keys()) if summary else ["name"]
    sections = []
    for p in data["principals"]:
        if not p["findings"]:
            continue
        rows = [[f["severity"], f["rule_id"], f["policy"], f["sid"] or f["statement"],
                 f"{f['location']['line']}:{f['location']['column']}", f["message"]] for f in p["findings"]]
        sections.append(f"<h3>{html.escape(p['type'])} {html.escape(p['name'])}</h3>" +
                        table_html(["severity", "rule", "policy", "statement", "line:col", "message"], rows))
    style = ("body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
             "th{background:#f3f3f3}")
    by_sev = data["findings_by_severity"]
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>iameval audit</title>"
            f"<style>{style}</style></head><body><h1>iameval audit: account {html.escape(data['account_id'])}</h1>"
            f"<p>{len(data['principals'])} principals, {data['finding_count']} findings: " +
            ", ".join(f"{by_sev.get(s, 0)} {s}" for s in SEVERITY_ORDER) + "</p>"
            "<h2>Principals</h2>" + table_html(cols, [[r[c] for c in cols] for r in summary]) +
            "<h2>Findings</h2>" + "".join(sections) + "</body></html>\n")
