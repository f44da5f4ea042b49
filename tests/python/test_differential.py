"""Differential test: iameval against the peer oracle (@cloud-copilot/iam-simulate).

Generates ~3,000 cases (tools/gen_differential_cases.py: real AWS managed policies, SCP / RCP /
boundary / resource-policy examples from ../shared/data, catalog actions, random ARNs and
contexts, edge-case conditions), runs them through the peer (tools/run_oracle.sh, core mode)
and through iameval (`iameval.simulate_jsonl`), and compares the decisions.

A mismatch passes only when a rule of tests/data/known_divergences.json explains it: the case
has the rule's feature and the decision pair is one the rule lists. Cases built for one rule
also carry the spec's `expect`, which iameval must match exactly.

Skips (with the reason) when node or npm is missing, the peer cannot be installed, ../shared
is absent, or the iameval Python module lacks simulate_jsonl. Knobs (environment):
    IAMEVAL_DIFF_COUNT / IAMEVAL_DIFF_SEED   number of cases (3000) / generator seed
    IAMEVAL_DIFF_REPORT                      write a JSON summary (counts, timings, the
                                             unexplained mismatches) there
    IAMEVAL_DIFF_SHOW                        how many mismatches a failure lists (25)
    IAMEVAL_SIMULATE_CMD                     run iameval as this command (JSONL on stdin,
                                             output lines on stdout) instead of the module,
                                             e.g. "iameval simulate --jsonl -"
    IAMEVAL_PEER_DIR, IAMEVAL_SHARED_DIR     see tools/run_oracle.sh
See docs/differential-testing.md.
"""
from __future__ import annotations

import collections
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Optional, Sequence

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("IAMEVAL_SHARED_DIR", REPO.parent / "shared"))
GENERATOR = REPO / "tools" / "gen_differential_cases.py"
RUN_ORACLE = REPO / "tools" / "run_oracle.sh"
KNOWN_DIVERGENCES = REPO / "tests" / "data" / "known_divergences.json"
SPEC = SHARED / "spec" / "evaluation-semantics.md"

CASE_COUNT = int(os.environ.get("IAMEVAL_DIFF_COUNT", "3000"))
INSTALL_TIMEOUT_S = 300
RUN_TIMEOUT_S = 600
MAX_PEER_ERROR_RATE = 0.01  # the peer refusing more cases than this means the harness broke
SHOW_MISMATCHES = int(os.environ.get("IAMEVAL_DIFF_SHOW", "25"))
DECISIONS = ("Allow", "ExplicitDeny", "ImplicitDeny", "Error")


# ------------------------------------------------------------------------------ known divergences
@dataclass(frozen=True)
class Rule:
    """One reviewed known divergence (see tests/data/known_divergences.json)."""

    id: str
    feature: str
    pairs: tuple[tuple[str, str], ...]
    spec: tuple[str, ...]

    def explains(self, features: Iterable[str], iameval: str, peer: str) -> bool:
        """Whether this rule accounts for `iameval` != `peer` on a case with `features`."""
        if self.feature not in features:
            return False
        return any(a in ("*", iameval) and b in ("*", peer) for a, b in self.pairs)


def load_rules(path: Path = KNOWN_DIVERGENCES) -> list[Rule]:
    """The reviewed rules, in file order."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [Rule(r["id"], r["feature"], tuple((a, b) for a, b in r["pairs"]), tuple(r["spec"]))
            for r in raw["rules"]]


def classify(case: dict[str, Any], iameval: str, peer: str, rules: Sequence[Rule]) -> Optional[str]:
    """The id of the rule explaining a mismatch, or None when nothing explains it."""
    features = case.get("features", [])
    for rule in rules:
        if rule.explains(features, iameval, peer):
            return rule.id
    return None


# ------------------------------------------------------------------------------ running both sides
def load_generator() -> ModuleType:
    """tools/gen_differential_cases.py as a module."""
    spec = importlib.util.spec_from_file_location("gen_differential_cases", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def install_peer() -> None:
    """Installs the peer into its cache (a no-op when present); skips the test when impossible."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("differential test needs node and npm on PATH (the peer oracle runs on Node)")
    try:
        done = subprocess.run(["bash", str(RUN_ORACLE), "--install-only"], capture_output=True, text=True,
                              timeout=INSTALL_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip(f"npm install of the peer took more than {INSTALL_TIMEOUT_S} s")
    if done.returncode != 0:
        pytest.skip(f"peer oracle unavailable (run_oracle.sh exit {done.returncode}): {done.stderr.strip()[-400:]}")


def iameval_simulator() -> Callable[[str], list[str]]:
    """What runs iameval on a JSON Lines text: the module's simulate_jsonl, or the command in
    IAMEVAL_SIMULATE_CMD. Skips the test when neither is available."""
    command = os.environ.get("IAMEVAL_SIMULATE_CMD")
    if command:
        def run_command(text: str) -> list[str]:
            done = subprocess.run(shlex.split(command), input=text, capture_output=True, text=True,
                                  timeout=RUN_TIMEOUT_S, check=True)
            return done.stdout.splitlines()
        return run_command
    iameval = pytest.importorskip("iameval", reason="the iameval Python module is not built/installed")
    if not hasattr(iameval, "simulate_jsonl"):
        pytest.skip("iameval.simulate_jsonl is not available in this build (set IAMEVAL_SIMULATE_CMD to use a CLI)")
    return lambda text: list(iameval.simulate_jsonl(text))


def simulate_with_peer(path: Path) -> list[str]:
    """The peer's verdict lines (core mode) for a case file."""
    with path.open(encoding="utf-8") as cases:
        done = subprocess.run(["bash", str(RUN_ORACLE), "--mode", "core"], stdin=cases, capture_output=True,
                              text=True, timeout=RUN_TIMEOUT_S, check=False)
    assert done.returncode == 0, f"oracle failed (exit {done.returncode}): {done.stderr[-2000:]}"
    return done.stdout.splitlines()


@dataclass
class Outcome:
    """One case with both verdicts."""

    case: dict[str, Any]
    iameval: str
    peer: str
    iameval_line: dict[str, Any]
    peer_line: dict[str, Any]


@dataclass
class DifferentialRun:
    """Everything the assertions and the report need."""

    outcomes: list[Outcome]
    rules: list[Rule]
    seconds: dict[str, float] = field(default_factory=dict)

    def mismatches(self) -> list[Outcome]:
        """Cases where both sides gave a verdict and the verdicts differ."""
        return [o for o in self.outcomes if o.peer != "Error" and o.iameval != o.peer]

    def unexplained(self) -> list[Outcome]:
        return [o for o in self.mismatches() if classify(o.case, o.iameval, o.peer, self.rules) is None]

    def spec_failures(self) -> list[Outcome]:
        """Constructed cases where iameval does not give the spec's decision."""
        return [o for o in self.outcomes if "expect" in o.case and o.iameval != o.case["expect"]]

    def peer_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.peer == "Error"]


def decision_of(line: str) -> tuple[str, dict[str, Any]]:
    parsed = json.loads(line)
    decision = parsed.get("decision")
    assert decision in DECISIONS, f"unexpected output line: {line[:300]}"
    return decision, parsed


@pytest.fixture(scope="module")
def differential_run(tmp_path_factory: pytest.TempPathFactory) -> DifferentialRun:
    """Generates the cases, runs both engines once, and keeps the timings."""
    if not (SHARED / "data").is_dir() or not (SHARED / "oracle" / "oracle.mjs").is_file():
        pytest.skip(f"shared reference folder not found at {SHARED}")
    simulate_with_iameval = iameval_simulator()
    install_peer()
    generator = load_generator()
    seed = int(os.environ.get("IAMEVAL_DIFF_SEED", generator.DEFAULT_SEED))
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    cases = generator.generate(seed=seed, count=CASE_COUNT, shared=SHARED)
    seconds["generate"] = time.perf_counter() - start
    path = tmp_path_factory.mktemp("differential") / "cases.jsonl"
    with path.open("w", encoding="utf-8") as out:
        generator.write_jsonl(cases, out)
    text = path.read_text(encoding="utf-8")

    start = time.perf_counter()
    mine = simulate_with_iameval(text)
    seconds["iameval"] = time.perf_counter() - start
    start = time.perf_counter()
    theirs = simulate_with_peer(path)
    seconds["peer"] = time.perf_counter() - start

    assert len(mine) == len(cases), f"iameval gave {len(mine)} lines for {len(cases)} cases"
    assert len(theirs) == len(cases), f"the oracle gave {len(theirs)} lines for {len(cases)} cases"
    outcomes = []
    for case, my_line, peer_line in zip(cases, mine, theirs):
        my_decision, my_parsed = decision_of(my_line)
        peer_decision, peer_parsed = decision_of(peer_line)
        assert my_parsed.get("id") == case["id"] == peer_parsed.get("id"), "output out of order"
        outcomes.append(Outcome(case, my_decision, peer_decision, my_parsed, peer_parsed))
    run = DifferentialRun(outcomes, load_rules(), seconds)
    write_report(run, seed)
    return run


# ------------------------------------------------------------------------------ reporting
def summary(run: DifferentialRun, seed: int) -> dict[str, Any]:
    """Counts per category and per rule, plus timings (printed, and written on request)."""
    per_category: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    per_rule: collections.Counter[str] = collections.Counter()
    for o in run.outcomes:
        counts = per_category[o.case["category"]]
        counts["cases"] += 1
        if o.peer == "Error":
            counts["peer_error"] += 1
        elif o.iameval != o.peer:
            rule = classify(o.case, o.iameval, o.peer, run.rules)
            counts["explained" if rule else "unexplained"] += 1
            if rule:
                per_rule[rule] += 1
        else:
            counts["agree"] += 1
    n = len(run.outcomes)
    return {
        "seed": seed,
        "cases": n,
        "decisions": {"iameval": dict(collections.Counter(o.iameval for o in run.outcomes)),
                      "peer": dict(collections.Counter(o.peer for o in run.outcomes))},
        "mismatches": len(run.mismatches()),
        "unexplained": len(run.unexplained()),
        "spec_failures": len(run.spec_failures()),
        "per_category": {k: dict(v) for k, v in sorted(per_category.items())},
        "per_rule": {r.id: per_rule.get(r.id, 0) for r in run.rules},
        "seconds": {k: round(v, 3) for k, v in run.seconds.items()},
        "us_per_case": {k: round(run.seconds[k] * 1e6 / n, 1) for k in ("iameval", "peer") if k in run.seconds},
        "unexplained_cases": [describe(o) for o in run.unexplained()[:200]],
        "spec_failure_cases": [describe(o) for o in run.spec_failures()[:200]],
    }


def write_report(run: DifferentialRun, seed: int) -> None:
    report = summary(run, seed)
    brief = {k: v for k, v in report.items() if not k.endswith("_cases")}
    print("\ndifferential summary: " + json.dumps(brief, indent=1))
    target = os.environ.get("IAMEVAL_DIFF_REPORT")
    if target:
        Path(target).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def describe(o: Outcome) -> str:
    """One mismatch, with enough to reproduce it."""
    why = o.iameval_line.get("error") or (o.iameval_line.get("explanation") or {}).get("reason")
    return (f"{o.case['id']}: iameval={o.iameval} peer={o.peer} expect={o.case.get('expect', '-')} "
            f"features={o.case.get('features')} action={o.case['action']} resource={o.case['resource']} "
            f"principal={o.case['principal']} | iameval: {why} | "
            f"peer layers: {o.peer_line.get('raw', {}).get('layers')}")


# ------------------------------------------------------------------------------ the tests
def spec_has_section(spec_text: str, section: str) -> bool:
    """Whether `§7.3` (a heading) or `§10.4` (item 4 of the §10 checklist) exists in the spec."""
    number = section.lstrip("§")
    major, _, minor = number.partition(".")
    if major == "10" and minor:
        checklist = spec_text.partition("## 10.")[2].partition("\n## ")[0]
        return f"\n{minor}. " in checklist
    if minor:
        return f"\n### {number} " in spec_text
    return f"\n## {major}. " in spec_text


def test_known_divergences_are_well_formed() -> None:
    """Every rule names a feature the generator computes, decisions that exist, and spec
    sections that exist."""
    rules = load_rules()
    features = set(load_generator().FEATURE_CHECKS)
    spec_text = SPEC.read_text(encoding="utf-8") if SPEC.is_file() else None
    assert len({r.id for r in rules}) == len(rules), "duplicate rule ids"
    for rule in rules:
        assert rule.feature in features, f"{rule.id}: the generator computes no feature {rule.feature!r}"
        assert rule.spec, f"{rule.id}: no spec section"
        for a, b in rule.pairs:
            assert a in DECISIONS + ("*",) and b in DECISIONS + ("*",), rule.id
            assert a != b or a == "*", f"{rule.id}: a pair of equal decisions explains nothing"
        for section in rule.spec:
            assert spec_text is None or spec_has_section(spec_text, section), f"{rule.id}: no spec section {section}"


def test_no_unexplained_mismatches(differential_run: DifferentialRun) -> None:
    """Every disagreement with the peer is a reviewed peer error; anything else may be an
    iameval bug and must be looked at."""
    unexplained = differential_run.unexplained()
    listing = "\n".join(describe(o) for o in unexplained[:SHOW_MISMATCHES])
    assert not unexplained, (
        f"{len(unexplained)} of {len(differential_run.outcomes)} cases disagree with the peer and no rule of "
        f"tests/data/known_divergences.json explains them (first {SHOW_MISMATCHES}):\n{listing}")


def test_constructed_cases_match_the_spec(differential_run: DifferentialRun) -> None:
    """Cases built for a known divergence carry the spec's decision; iameval must give it."""
    failures = differential_run.spec_failures()
    listing = "\n".join(describe(o) for o in failures[:SHOW_MISMATCHES])
    assert not failures, f"iameval differs from the spec's `expect` on {len(failures)} cases:\n{listing}"


def test_every_known_divergence_is_exercised(differential_run: DifferentialRun) -> None:
    """Each rule has cases with its feature, so a stale rule (or a peer fix) gets noticed."""
    seen = collections.Counter(f for o in differential_run.outcomes for f in o.case.get("features", []))
    missing = [r.id for r in differential_run.rules if seen[r.feature] == 0]
    assert not missing, f"no generated case has the feature of: {missing}"


def test_peer_gives_verdicts(differential_run: DifferentialRun) -> None:
    """The oracle must evaluate nearly every case (Error = no verdict, never a deny)."""
    errors = differential_run.peer_errors()
    rate = len(errors) / max(1, len(differential_run.outcomes))
    sample = "\n".join(f"{o.case['id']}: {o.peer_line.get('raw', {}).get('error')}" for o in errors[:10])
    assert rate <= MAX_PEER_ERROR_RATE, f"the peer refused {len(errors)} cases:\n{sample}"
