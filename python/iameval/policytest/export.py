"""Writing the requests of tests as simulation cases (JSON Lines, shared/spec/simulation-format.md),
so that another engine (the differential oracle) can decide exactly the same requests.

Each case carries the global keys iameval derives from the request itself (aws:PrincipalArn,
aws:PrincipalAccount, aws:username, aws:PrincipalType, aws:ResourceAccount,
aws:PrincipalIsAWSService, aws:PrincipalServiceName) unless the test gives them: iameval
decides the case exactly as the test, and an engine that does not derive them sees the same
request. Bookkeeping fields (``file``, ``test``, ``expect``) are ignored by both engines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Optional, TextIO

from .model import ContextValue, PolicyRef, Request, Setup, TestSpec

__all__ = ["derived_context", "export_cases", "request_case", "write_cases"]


def _document(policy: Optional[PolicyRef]) -> Any:
    if policy is None:
        return None
    try:
        document = json.loads(policy.text)
    except json.JSONDecodeError:
        document = policy.text
    return {"name": policy.name, "document": document}


def _caller(principal: str, parent_arn: str) -> dict[str, str]:
    """The derived keys of a caller, as iameval derives them (spec §1)."""
    if principal == "anonymous":
        return {"aws:PrincipalType": "Anonymous", "aws:PrincipalIsAWSService": "false"}
    if not principal.startswith("arn:"):
        return {"aws:PrincipalIsAWSService": "true", "aws:PrincipalServiceName": principal}
    parts = principal.split(":", 5)
    if len(parts) < 6:
        return {}
    service, account, resource = parts[2], parts[4], parts[5]
    kind, _, rest = resource.partition("/")
    out = {"aws:PrincipalAccount": account, "aws:PrincipalIsAWSService": "false",
           "aws:PrincipalArn": principal}
    if service == "iam" and kind == "user":
        out.update({"aws:PrincipalType": "User", "aws:username": rest.rsplit("/", 1)[-1]})
    elif service == "iam" and kind == "role":
        out["aws:PrincipalType"] = "AssumedRole"
    elif service == "sts" and kind == "assumed-role":
        role = rest.split("/", 1)[0]
        out.update({"aws:PrincipalType": "AssumedRole",
                    "aws:PrincipalArn": parent_arn or f"arn:{parts[1]}:iam::{account}:role/{role}"})
    elif service == "sts" and kind == "federated-user":
        out["aws:PrincipalType"] = "FederatedUser"
    elif service == "iam" and resource == "root":
        out["aws:PrincipalType"] = "Account"
    return out


def derived_context(request: Request) -> dict[str, ContextValue]:
    """The request's context plus the derived global keys it does not already give."""
    derived: dict[str, ContextValue] = dict(_caller(request.principal.arn, request.principal.parent_arn))
    account = request.resource_account or str(derived.get("aws:PrincipalAccount", ""))
    if account:
        derived["aws:ResourceAccount"] = account
    given = {k.lower() for k in request.context}
    out = dict(request.context)
    for key, value in derived.items():
        if key.lower() not in given:
            out[key] = value
    return out


def _setup_for(spec: TestSpec, request: Request) -> Setup:
    p = request.principal
    s = spec.setup
    if p.identity_policies is None:
        return s
    return Setup(p.identity_policies, s.resource_policy, s.scps, s.rcps, p.permission_boundary,
                 s.session_policy, s.vpc_endpoint_policy)


def request_case(spec: TestSpec, request: Request, case_id: str) -> dict[str, Any]:
    """One request of a test as a simulation case."""
    setup = _setup_for(spec, request)
    case: dict[str, Any] = {"id": case_id, "file": spec.location.file, "test": spec.name}
    if spec.require == "every":
        case["expect"] = spec.expect.decision
    case.update({"principal": request.principal.arn, "action": request.action,
                 "resource": request.resource})
    if request.resource_account:
        case["resource_account"] = request.resource_account
    if request.principal.parent_arn:
        case["principal_parent_arn"] = request.principal.parent_arn
    for flag in ("principal_in_management_account", "resource_in_management_account"):
        if getattr(request, flag):
            case[flag] = True
    case["context"] = derived_context(request)
    case["identity_policies"] = [_document(p) for p in setup.identity_policies]
    if setup.scps:
        case["scps"] = [[_document(p) for p in level] for level in setup.scps]
    if setup.rcps:
        case["rcps"] = [[_document(p) for p in level] for level in setup.rcps]
    for key in ("resource_policy", "permission_boundary", "session_policy", "vpc_endpoint_policy"):
        policy = getattr(setup, key)
        if policy is not None:
            case[key] = _document(policy)
    return case


def export_cases(specs: Iterable[TestSpec]) -> Iterator[dict[str, Any]]:
    """Every request of every (not skipped) test, as simulation cases with stable ids
    ``FILE#TEST#N``."""
    for spec in specs:
        if spec.skip is not None:
            continue
        for n, request in enumerate(spec.requests):
            yield request_case(spec, request, f"{spec.location.file}#{spec.name}#{n}")


def write_cases(specs: Iterable[TestSpec], out: TextIO) -> int:
    """Writes the cases as JSON Lines; returns how many."""
    count = 0
    for case in export_cases(specs):
        out.write(json.dumps(case, separators=(",", ":")) + "\n")
        count += 1
    return count
