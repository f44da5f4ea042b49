#!/usr/bin/env python3
"""Compares iameval with the peer simulator on the same workload, in one run, and prints ratios.

The workload is the peer oracle's own benchmark request (bench/data/workload_case.json: a user
with 5 identity policies x 10 statements, an SCP level with a region Deny, a boundary,
s3:GetObject with 5 context keys). Measured:

  1. one decision, policies compiled once: the peer's core authorize() vs iameval's C++
     CompiledPolicies::Decide() (Google Benchmark) and Python Policies.decide();
  2. a batch of 1,000,000 requests against one compiled principal (Python decide_batch);
  3. the CLI on the same 10,000 JSON lines: `iameval simulate --jsonl` vs the oracle.

Usage:  python3 bench/compare.py [--build-dir build-ci] [--lines 10000] [--batch 1000000]
Needs: `pip install .` done (for the Python and CLI parts), the C++ benchmarks built
(-DIAMEVAL_BUILD_BENCHMARKS=ON) for part 1, node + npm for the peer (tools/run_oracle.sh
installs it into a cache). Parts whose tool is missing are reported as skipped.
"""

from __future__ import annotations

import argparse
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
WORKLOAD = REPO / "bench" / "data" / "workload_case.json"


def peer_bench(n: int) -> Optional[dict[str, Any]]:
    """The oracle's built-in measurement (µs per evaluation for several paths)."""
    if shutil.which("node") is None:
        return None
    proc = subprocess.run(["bash", str(REPO / "tools" / "run_oracle.sh"), "--bench", str(n)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"peer bench failed: {proc.stderr.strip()[-400:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout)["results"]


def cpp_bench(build_dir: Path) -> Optional[dict[str, float]]:
    """ns per operation of the C++ benchmarks on the workload."""
    binary = build_dir / "bench" / "iameval_benchmarks"
    if not binary.exists():
        return None
    proc = subprocess.run([str(binary), "--benchmark_filter=BM_Decide|BM_Explain|BM_SimulateLine",
                           "--benchmark_format=json", "--benchmark_min_time=1"],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return {b["name"]: b["real_time"] for b in json.loads(proc.stdout)["benchmarks"]}


def python_bench(batch: int) -> Optional[dict[str, float]]:
    try:
        import iameval
    except ImportError:
        return None
    case = json.loads(WORKLOAD.read_text())
    policies = iameval.Policies(identity_policies=case["identity_policies"], scps=case["scps"],
                                permission_boundary=case["permission_boundary"])
    args = (case["principal"], case["action"], case["resource"], case["context"])
    assert policies.decide(*args) == "Allow"
    n_single = 100_000
    start = time.perf_counter()
    for _ in range(n_single):
        policies.decide(*args)
    single_us = (time.perf_counter() - start) / n_single * 1e6
    actions = [case["action"]] * batch
    start = time.perf_counter()
    out = policies.decide_batch(case["principal"], actions, case["resource"], case["context"])
    batch_s = time.perf_counter() - start
    assert out[0] == "Allow" and len(out) == batch
    return {"single_us": single_us, "batch_per_s": batch / batch_s, "batch_s": batch_s}


def workload_lines(n: int) -> str:
    case = json.loads(WORKLOAD.read_text())
    lines = []
    for i in range(n):
        c = dict(case, id=i, resource=f"arn:aws:s3:::corp-bucket/home/alice/report-{i}.csv")
        lines.append(json.dumps(c, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def time_command(cmd: list[str], stdin_path: Path) -> Optional[float]:
    with open(stdin_path, "rb") as stdin:
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(f"{' '.join(cmd[:3])}... failed: {proc.stderr.decode()[-300:]}", file=sys.stderr)
        return None
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=os.environ.get("IAMEVAL_BUILD_DIR", "build-ci"))
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1_000_000)
    parser.add_argument("--peer-n", type=int, default=5_000)
    args = parser.parse_args()

    peer = peer_bench(args.peer_n)
    cpp = cpp_bench(REPO / args.build_dir)
    py = python_bench(args.batch)

    rows: list[tuple[str, str, str, str]] = []
    peer_core = peer["core_authorize_only"]["usPerEval"] if peer else None
    if cpp:
        ns = cpp.get("BM_Decide/threads:1")
        ratio = f"{peer_core * 1000 / ns:,.0f}x" if (peer_core and ns) else "-"
        rows.append(("decision, compiled (C++ Decide)", f"{ns:,.0f} ns", f"{peer_core:,.0f} us" if peer_core else "-", ratio))
        ex = cpp.get("BM_Explain")
        rows.append(("decision + explanation (C++ Explain)", f"{ex:,.0f} ns", "-", "-"))
    else:
        rows.append(("decision, compiled (C++ Decide)", "skipped (no benchmark build)", "-", "-"))
    if py:
        ratio = f"{peer_core / py['single_us']:,.0f}x" if peer_core else "-"
        rows.append(("decision, compiled (Python decide)", f"{py['single_us']:.2f} us", f"{peer_core:,.0f} us" if peer_core else "-", ratio))
        rows.append((f"batch of {args.batch:,} (Python decide_batch)", f"{py['batch_per_s']:,.0f} /s",
                     f"{1e6 / peer_core:,.0f} /s" if peer_core else "-",
                     f"{py['batch_per_s'] * peer_core / 1e6:,.0f}x" if peer_core else "-"))

    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.jsonl"
        cases.write_text(workload_lines(args.lines))
        ours = time_command([sys.executable, "-m", "iameval.cli", "simulate", "--jsonl", "-"], cases) if py else None
        theirs_core = theirs_sim = None
        if peer is not None:
            theirs_core = time_command(["bash", str(REPO / "tools" / "run_oracle.sh"), "--mode", "core"], cases)
            theirs_sim = time_command(["bash", str(REPO / "tools" / "run_oracle.sh"), "--mode", "sim"], cases)
        if ours:
            per_case = ours / args.lines * 1e6
            for label, theirs in (("core", theirs_core), ("sim", theirs_sim)):
                if theirs:
                    rows.append((f"CLI, {args.lines:,} lines vs oracle {label} mode", f"{per_case:.1f} us/line",
                                 f"{theirs / args.lines * 1e6:,.0f} us/line", f"{theirs / ours:,.0f}x"))
            if not (theirs_core or theirs_sim):
                rows.append((f"CLI, {args.lines:,} lines", f"{per_case:.1f} us/line", "skipped (no node)", "-"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'iameval':>22}  {'peer (iam-simulate)':>20}  {'ratio':>8}")
    for label, ours_s, peer_s, ratio in rows:
        print(f"{label:<{width}}  {ours_s:>22}  {peer_s:>20}  {ratio:>8}")
    if peer:
        print(f"\npeer paths (us per evaluation): " + ", ".join(f"{k} {v['usPerEval']}" for k, v in peer.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
