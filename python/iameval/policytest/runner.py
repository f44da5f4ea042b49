"""Running test files: find them, read them, decide every request, compare, collect results."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional

from .._errors import PolicyParseError
from ..evaluator import Policies
from ..validation import parse_policy, validate
from .model import Location, PolicyRef, Principal, Request, Setup, TestSpec
from .results import ERROR, FAILED, PASSED, SKIPPED, FileResult, Issue, RequestFailure, RunResult, TestResult
from .schema import read_tests
from .source import SourceError, read_source

__all__ = ["TEST_FILE_SUFFIXES", "UsageError", "find_test_files", "load_file", "run_file", "run_paths"]

TEST_FILE_SUFFIXES = (".test.json", ".test.yaml", ".test.yml")
DEFAULT_SHOWN_FAILURES = 5


class UsageError(ValueError):
    """A path given on the command line that is neither a test file nor a folder with some."""


def find_test_files(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """(path, display name) of every test file: given files as they are, folders searched
    recursively for ``*.test.json``, ``*.test.yaml`` and ``*.test.yml`` (sorted)."""
    out: list[tuple[Path, str]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(TEST_FILE_SUFFIXES))
            if not found:
                raise UsageError(f"no test files (*{', *'.join(TEST_FILE_SUFFIXES)}) under {given}")
            out += [(f, str(f)) for f in found]
        elif p.is_file():
            out.append((p, given))
        else:
            raise UsageError(f"no such file or folder: {given}")
    return out


def load_file(path: Path, display: str) -> tuple[list[TestSpec], FileResult]:
    """The tests of one file and a FileResult holding its input problems (no test run yet)."""
    result = FileResult(display)
    try:
        source = read_source(path, display)
    except SourceError as e:
        result.issues.append(Issue(Location(display, "", e.line, e.column), e.message))
        return [], result
    specs, problems = read_tests(source)
    result.issues += [Issue(p.location, p.message) for p in problems]
    return specs, result


def run_paths(paths: Sequence[str], *, shown_failures: int = DEFAULT_SHOWN_FAILURES,
              selected: Optional[str] = None) -> tuple[RunResult, list[TestSpec]]:
    """Runs every test file under ``paths``; returns the results and the tests that were read.

    ``selected``: run only tests whose name contains this text (case-insensitive).

    Raises:
        UsageError: a path does not exist or a folder holds no test file.
    """
    run = RunResult()
    all_specs: list[TestSpec] = []
    for path, display in find_test_files(paths):
        specs, file_result = load_file(path, display)
        if selected:
            specs = [s for s in specs if selected.lower() in s.name.lower()]
        run_file(specs, file_result, shown_failures=shown_failures)
        run.files.append(file_result)
        all_specs += specs
    return run, all_specs


def run_file(specs: Iterable[TestSpec], result: FileResult, *,
             shown_failures: int = DEFAULT_SHOWN_FAILURES) -> FileResult:
    """Runs the tests of one file into ``result`` (also returned)."""
    checked: set[tuple[str, str]] = set()
    for spec in specs:
        result.issues += _policy_warnings(spec, checked)
        result.tests.append(run_test(spec, shown_failures=shown_failures))
    return result


def run_test(spec: TestSpec, *, shown_failures: int = DEFAULT_SHOWN_FAILURES) -> TestResult:
    """Decides every request of one test and compares the decisions with the expectation."""
    started = time.perf_counter()
    result = TestResult(spec.name, spec.location, PASSED, str(spec.expect), len(spec.requests),
                        description=spec.description)
    if spec.skip is not None:
        result.status, result.message = SKIPPED, spec.skip
        return result
    compiled: dict[int, Policies] = {}
    matched_some = False
    candidates: list[tuple[Request, Policies]] = []
    for principal, requests in _by_principal(spec.requests):
        key = id(principal.identity_policies)
        try:
            policies = compiled[key] if key in compiled else _compile(spec, principal)
        except _CompileError as e:
            result.status, result.message = ERROR, str(e)
            result.seconds = time.perf_counter() - started
            return result
        compiled[key] = policies
        for request, ok in zip(requests, _check(spec, policies, requests)):
            if ok:
                matched_some = True
            else:
                result.failed_requests += 1
                candidates.append((request, policies))
    if spec.require == "some":
        if matched_some:
            result.failed_requests = 0
            candidates = []
        else:
            result.failed_requests = len(spec.requests)
    if result.failed_requests:
        result.status = FAILED
        for request, policies in candidates[:shown_failures]:
            decision = policies.explain(request.principal.arn, request.action, request.resource,
                                        request.context, **_keywords(request))
            message = spec.expect.mismatch(decision) or f"expected {spec.expect}"
            result.failures.append(RequestFailure(request, message, decision.explain()))
        what = "no request" if spec.require == "some" else \
            f"{result.failed_requests} of {result.requests} request{'s' * (result.requests != 1)}"
        result.message = f"{what} met the expectation {spec.expect}" if spec.require == "some" else \
            f"{what} did not meet the expectation {spec.expect}"
    result.seconds = time.perf_counter() - started
    return result


# ------------------------------------------------------------------------------ helpers
class _CompileError(Exception):
    pass


def _by_principal(requests: list[Request]) -> list[tuple[Principal, list[Request]]]:
    groups: dict[Principal, list[Request]] = {}
    for r in requests:
        groups.setdefault(r.principal, []).append(r)
    return list(groups.items())


def _resource_kind(spec: TestSpec) -> str:
    actions = {r.action.lower() for r in spec.requests}
    return "trust" if actions and all(a.startswith("sts:assumerole") for a in actions) else "resource"


def _layer_policies(spec: TestSpec, principal: Principal) -> Setup:
    s = spec.setup
    if principal.identity_policies is None:
        return s
    return Setup(principal.identity_policies, s.resource_policy, s.scps, s.rcps,
                 principal.permission_boundary, s.session_policy, s.vpc_endpoint_policy)


def _compile(spec: TestSpec, principal: Principal) -> Policies:
    setup = _layer_policies(spec, principal)
    try:
        return Policies(
            identity_policies=[p.as_input() for p in setup.identity_policies],
            resource_policy=setup.resource_policy.as_input() if setup.resource_policy else None,
            scps=[[p.as_input() for p in level] for level in setup.scps],
            rcps=[[p.as_input() for p in level] for level in setup.rcps],
            permission_boundary=setup.permission_boundary.as_input() if setup.permission_boundary else None,
            session_policy=setup.session_policy.as_input() if setup.session_policy else None,
            vpc_endpoint_policy=setup.vpc_endpoint_policy.as_input() if setup.vpc_endpoint_policy else None,
            strict=spec.strict)
    except PolicyParseError as e:
        raise _CompileError(_locate_parse_error(spec, setup) or f"a policy has errors: {e}") from e


def _locate_parse_error(spec: TestSpec, setup: Setup) -> Optional[str]:
    """Names the policy (and its file position) that fails to parse."""
    for kind, policy in setup.all_policies():
        if kind == "resource":
            kind = _resource_kind(spec)
        try:
            parse_policy(policy.text, kind, strict=spec.strict)
        except PolicyParseError as e:
            where = f"{policy.file}:{e.line}:{e.column}" if policy.file else f"policy {policy.name!r}"
            return f"{where}: {e} (used as {kind} policy)"
    return None


def _keywords(request: Request) -> dict[str, Any]:
    return {"resource_account": request.resource_account,
            "principal_parent_arn": request.principal.parent_arn,
            "principal_in_management_account": request.principal_in_management_account,
            "resource_in_management_account": request.resource_in_management_account}


def _check(spec: TestSpec, policies: Policies, requests: list[Request]) -> list[bool]:
    """Whether each request meets the expectation. Decision-only expectations of plain requests
    are decided in one batch (no GIL, no explanation); layer/sid checks need explanations."""
    expect = spec.expect
    if not expect.decision_only():
        return [expect.mismatch(policies.explain(r.principal.arn, r.action, r.resource, r.context,
                                                 **_keywords(r))) is None for r in requests]
    plain = all(not r.principal.parent_arn and not r.principal_in_management_account and
                not r.resource_in_management_account for r in requests)
    accounts = {r.resource_account for r in requests}
    if plain and len(accounts) == 1:
        decisions = policies.decide_batch(requests[0].principal.arn, [r.action for r in requests],
                                          [r.resource for r in requests],
                                          [r.context for r in requests],
                                          resource_account=accounts.pop())
    else:
        decisions = [policies.decide(r.principal.arn, r.action, r.resource, r.context, **_keywords(r))
                     for r in requests]
    return [expect.accepts(d) for d in decisions]


def _policy_warnings(spec: TestSpec, checked: set[tuple[str, str]]) -> list[Issue]:
    """Catalog warnings (unknown actions, services) of the file policies a test uses, once per
    policy and kind: a misspelt action in a Deny would otherwise pass unnoticed."""
    out: list[Issue] = []
    for kind, policy in spec.setup.all_policies():
        if policy.origin != "file":
            continue
        if kind == "resource":
            kind = _resource_kind(spec)
        key = (str(policy.file), kind)
        if key in checked:
            continue
        checked.add(key)
        for d in validate(policy.text, kind, strict=spec.strict):
            if d.severity == "warning":
                out.append(Issue(Location(str(policy.file), d.path, d.line, d.column),
                                 f"{d.message} [{d.kind}]", "warning"))
    return out
