#!/usr/bin/env python3
"""Audits the same authorization-details files with iameval and with cloudsplaining, in one run,
and prints the times and ratios.

Files: cloudsplaining's own example.json (../shared/data; 122 users and roles, 5 groups) and a
copy with every user and role repeated N times (default 40), renamed so that each copy is a
distinct principal (name, ARN, id). A third file also renames each copy's inline policies: with
equal names and documents iameval computes the effective permissions of identical principals
once (findings are still made per principal), so this file shows the cost without that sharing
for principals with inline policies (managed policies stay shared, as in a real account).

Measured per file (minimum of --repeat runs; cloudsplaining once per file, it is slow):
  iameval, Python API     iameval.audit(path): read, audit, result as Python dicts.
  iameval, + HTML         the same plus iameval.reports.audit_html() written to a file.
  iameval, CLI            `python -m iameval.cli audit FILE --format html -o out.html`: a new
                          process (interpreter start, imports, catalog load) end to end.
  cloudsplaining, analysis    AuthorizationDetails(cfg, exclusions=DEFAULT_EXCLUSIONS).results
                          after json.load and its schema check: what `cloudsplaining scan` does
                          before rendering.
  cloudsplaining, + HTML  the same plus HTMLReport(...).get_html_report() and writing the HTML
                          and its two JSON data files: everything `cloudsplaining scan` does.
  cloudsplaining, CLI     `cloudsplaining scan --input-file FILE --output DIR --skip-open-report`
                          (--peer-cli-example-only: only on the first file).
Ratios compare like with like: analysis with analysis (iameval's Python API, which also builds
the Python result), HTML with HTML, CLI with CLI.

cloudsplaining is looked for in this interpreter, then in --cloudsplaining-python, then through
a `cloudsplaining` executable on PATH (its interpreter); when it is not found the peer columns
say "skipped". Install it for measuring with, e.g.:
    python3 -m venv /tmp/cs-venv && /tmp/cs-venv/bin/pip install cloudsplaining
    python3 bench/audit_compare.py --cloudsplaining-python /tmp/cs-venv/bin/python

Usage: python3 bench/audit_compare.py [--copies 40] [--repeat 3] [--input FILE]
iameval must be importable (installed, or tools/pydev.sh with a build directory).
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO.parent / "shared" / "data" / "authorization-details" / "salesforce-cloudsplaining" / "example.json"

# Runs in cloudsplaining's interpreter: the stages of `cloudsplaining scan`, timed separately.
PEER_SCRIPT = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from cloudsplaining.command.scan import get_account_from_arn
from cloudsplaining.output.report import HTMLReport
from cloudsplaining.scan.authorization_details import AuthorizationDetails
from cloudsplaining.shared.exclusions import DEFAULT_EXCLUSIONS
from cloudsplaining.shared.utils import write_results_data_file
from cloudsplaining.shared.validation import check_authorization_details_schema
path, out = Path(sys.argv[1]), Path(sys.argv[2])
t1 = time.perf_counter()
cfg = json.loads(path.read_text(encoding="utf-8"))
check_authorization_details_schema(cfg)
details = AuthorizationDetails(cfg, exclusions=DEFAULT_EXCLUSIONS)
results = details.results
t2 = time.perf_counter()
account_id = ""
for role in results.get("roles", []):
    if "arn:aws:iam::aws:" not in results["roles"][role]["arn"]:
        account_id = get_account_from_arn(results["roles"][role]["arn"])
        break
html = HTMLReport(account_id=account_id, account_name="default", results=results, minimize=False).get_html_report()
(out / "iam-report-default.html").write_text(html, encoding="utf-8")
write_results_data_file(details.results, out / "iam-results-default.json")
write_results_data_file(results, out / "iam-findings-default.json")
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "analysis": t2 - t1, "with_html": t3 - t1,
                  "principals": len(results.get("users", {})) + len(results.get("roles", {}))}))
"""


def make_copies(source: Path, target: Path, copies: int, rename_inline: bool) -> int:
    """Writes `source` with every user and role repeated `copies` times; returns the principal count."""
    data = json.loads(source.read_text(encoding="utf-8"))
    for list_name, name_key, id_key, inline_key in (("UserDetailList", "UserName", "UserId", "UserPolicyList"),
                                                    ("RoleDetailList", "RoleName", "RoleId", "RolePolicyList")):
        out = []
        for i in range(copies):
            for entry in data.get(list_name, []):
                e = copy.deepcopy(entry)
                if i:
                    old = e[name_key]
                    e[name_key] = f"{old}-copy{i}"
                    e["Arn"] = e["Arn"][: len(e["Arn"]) - len(old)] + e[name_key]
                    if id_key in e:
                        e[id_key] = f"{e[id_key]}{i:04d}"
                    if rename_inline:
                        for p in e.get(inline_key) or []:
                            p["PolicyName"] = f"{p['PolicyName']}-copy{i}"
                out.append(e)
        data[list_name] = out
    target.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return sum(len(data.get(k, [])) for k in ("UserDetailList", "RoleDetailList"))


def best(times: list[float]) -> float:
    return min(times)


def time_iameval_api(path: Path, out_dir: Path, repeat: int) -> dict[str, Any]:
    import iameval
    from iameval.reports import audit_html

    api, html = [], []
    principals = findings = 0
    for _ in range(repeat):
        gc.collect()  # the previous run's garbage is not this run's cost
        start = time.perf_counter()
        report = iameval.audit(path)
        api.append(time.perf_counter() - start)
        (out_dir / "iameval.html").write_text(audit_html(report), encoding="utf-8")
        html.append(time.perf_counter() - start)
        principals, findings = len(report.principals), report.data["finding_count"]
        del report
    return {"analysis": best(api), "with_html": best(html), "principals": principals, "findings": findings}


def time_iameval_cli(path: Path, out_dir: Path, repeat: int) -> Optional[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "iameval.cli", "audit", str(path), "--format", "html",
                               "-o", str(out_dir / "cli.html")], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):  # 1: findings at --fail-on (not used here)
            print(f"iameval audit failed: {proc.stderr[-400:]}", file=sys.stderr)
            return None
    return best(times)


def find_peer_python(explicit: Optional[str]) -> Optional[str]:
    """An interpreter that can import cloudsplaining, or None."""
    candidates = [sys.executable]
    if explicit:
        candidates.insert(0, explicit)
    exe = shutil.which("cloudsplaining")
    if exe:
        first = Path(exe).read_text(encoding="utf-8", errors="replace").splitlines()[:1]
        if first and first[0].startswith("#!"):
            candidates.append(first[0][2:].strip().split()[0])
    for python in candidates:
        ok = subprocess.run([python, "-c", "import cloudsplaining"], capture_output=True, check=False)
        if ok.returncode == 0:
            return python
    return None


def time_peer_api(python: str, path: Path, out_dir: Path) -> Optional[dict[str, Any]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([python, "-c", PEER_SCRIPT, str(path), str(out_dir)], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        print(f"cloudsplaining failed on {path.name}: {proc.stderr[-400:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def time_peer_cli(python: str, path: Path, out_dir: Path) -> Optional[float]:
    out_dir.mkdir(parents=True, exist_ok=True)
    cli = [python, "-c", "from cloudsplaining.bin.cli import main; main()"]
    start = time.perf_counter()
    proc = subprocess.run(cli + ["scan", "--input-file", str(path), "--output", str(out_dir), "--skip-open-report"],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"cloudsplaining scan failed on {path.name}: {proc.stderr[-400:]}", file=sys.stderr)
        return None
    return elapsed


def fmt(seconds: Optional[float]) -> str:
    return "skipped" if seconds is None else f"{seconds:.3f} s"


def ratio(peer: Optional[float], ours: Optional[float]) -> str:
    return "-" if peer is None or not ours else f"{peer / ours:,.0f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=EXAMPLE, help="authorization-details file (default: %(default)s)")
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="iameval runs per measurement (the minimum is shown)")
    parser.add_argument("--cloudsplaining-python", help="an interpreter with cloudsplaining installed")
    parser.add_argument("--skip-peer", action="store_true", help="do not run cloudsplaining")
    parser.add_argument("--peer-cli-example-only", action="store_true",
                        help="time `cloudsplaining scan` on the first file only (it is the slowest part)")
    args = parser.parse_args()
    if not args.input.is_file():
        print(f"no input file {args.input}", file=sys.stderr)
        return 2

    peer_python = None if args.skip_peer else find_peer_python(args.cloudsplaining_python)
    peer_version = "not found (peer columns skipped)"
    if peer_python:
        v = subprocess.run([peer_python, "-c", "import importlib.metadata as m; print(m.version('cloudsplaining'))"],
                           capture_output=True, text=True, check=False)
        peer_version = f"{v.stdout.strip()} ({peer_python})"
    import iameval

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"iameval {iameval.__version__}, cloudsplaining {peer_version}")
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = [(args.input.name, args.input)]
        if args.copies > 1:
            for label, rename in ((f"{args.copies}x copy", False), (f"{args.copies}x copy, inline policies renamed", True)):
                target = tmp / f"copy-{'renamed' if rename else 'same'}.json"
                make_copies(args.input, target, args.copies, rename)
                files.append((label, target))
        base_findings = None
        for label, path in files:
            out_dir = tmp / f"out-{len(rows)}"
            out_dir.mkdir()
            ours = time_iameval_api(path, out_dir, args.repeat)
            cli = time_iameval_cli(path, out_dir, args.repeat)
            if base_findings is None:
                base_findings = ours["findings"]
            elif "renamed" not in label:
                # Renaming principals changes nothing but names: the same findings per copy.
                assert ours["findings"] == base_findings * args.copies, (ours["findings"], base_findings)
            peer = peer_cli = None
            if peer_python:
                peer = time_peer_api(peer_python, path, tmp / f"peer-{len(rows)}")
                if path == args.input or not args.peer_cli_example_only:
                    peer_cli = time_peer_cli(peer_python, path, tmp / f"peer-cli-{len(rows)}")
            rows.append((label, ours, cli, peer, peer_cli))
            print(f"  done: {label} ({ours['principals']} principals)", file=sys.stderr)

    print()
    head = ("file", "principals", "measurement", "iameval", "cloudsplaining", "ratio")
    table = []
    for label, ours, cli, peer, peer_cli in rows:
        peer_a = peer["analysis"] if peer else None
        peer_h = peer["with_html"] if peer else None
        table.append((label, str(ours["principals"]), "analysis (Python API)", fmt(ours["analysis"]), fmt(peer_a),
                      ratio(peer_a, ours["analysis"])))
        table.append(("", "", "analysis + HTML report", fmt(ours["with_html"]), fmt(peer_h),
                      ratio(peer_h, ours["with_html"])))
        table.append(("", "", "CLI, new process, HTML", fmt(cli), fmt(peer_cli), ratio(peer_cli, cli)))
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    for r in [head] + table:
        print("  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print("\niameval: minimum of", args.repeat, "runs; cloudsplaining: one run. The CLI rows include"
          " interpreter start and imports.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
