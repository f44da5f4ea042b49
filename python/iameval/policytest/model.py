"""The data a test file describes, once read and checked: policies, setups, expectations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from ..evaluator import Decision

__all__ = ["DECISIONS", "Expectation", "Location", "PolicyRef", "Principal", "Request", "Setup",
           "TestSpec"]

# What `expect` may say; "Deny" accepts either kind of deny.
DECISIONS = ("Allow", "ExplicitDeny", "ImplicitDeny", "Deny")
ContextValue = Union[str, list[str]]


@dataclass(frozen=True)
class Location:
    """Where something stands in a test file: file as displayed, JSON Pointer, line, column."""

    file: str
    pointer: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where} (at {self.pointer})" if self.pointer else where


@dataclass(frozen=True)
class PolicyRef:
    """One policy document ready for the evaluator.

    ``name`` appears in explanations (the file path relative to the test file, the managed
    policy name, or ``<test>/<field>`` for inline documents); ``text`` is the JSON text;
    ``file`` is set for documents read from a file, so parse errors can point into it.
    """

    name: str
    text: str
    origin: str  # "file", "managed", "inline" or "account"
    file: Optional[Path] = None

    def as_input(self) -> dict[str, Any]:
        """The ``{"name", "document"}`` form the evaluator and simulation cases accept."""
        return {"name": self.name, "document": self.text}


@dataclass(frozen=True)
class Setup:
    """The policies of every layer, in the vocabulary of the simulation format."""

    identity_policies: tuple[PolicyRef, ...] = ()
    resource_policy: Optional[PolicyRef] = None
    scps: tuple[tuple[PolicyRef, ...], ...] = ()
    rcps: tuple[tuple[PolicyRef, ...], ...] = ()
    permission_boundary: Optional[PolicyRef] = None
    session_policy: Optional[PolicyRef] = None
    vpc_endpoint_policy: Optional[PolicyRef] = None

    def all_policies(self) -> list[tuple[str, PolicyRef]]:
        """Every policy with the kind it is evaluated as ("identity", "scp", ...)."""
        out: list[tuple[str, PolicyRef]] = [("identity", p) for p in self.identity_policies]
        out += [("scp", p) for level in self.scps for p in level]
        out += [("rcp", p) for level in self.rcps for p in level]
        for kind, policy in (("resource", self.resource_policy),
                             ("boundary", self.permission_boundary),
                             ("session", self.session_policy),
                             ("vpc-endpoint", self.vpc_endpoint_policy)):
            if policy is not None:
                out.append((kind, policy))
        return out


@dataclass(frozen=True)
class Principal:
    """A caller. ``identity_policies``/``permission_boundary`` are set for principals read from
    an authorization-details file and then replace the test's own."""

    arn: str
    parent_arn: str = ""
    identity_policies: Optional[tuple[PolicyRef, ...]] = None
    permission_boundary: Optional[PolicyRef] = None


@dataclass(frozen=True)
class Request:
    """One concrete request a test decides."""

    principal: Principal
    action: str
    resource: str
    context: dict[str, ContextValue]
    resource_account: str = ""
    principal_in_management_account: bool = False
    resource_in_management_account: bool = False

    def label(self) -> str:
        """A short human description: principal, action, resource and the context keys."""
        text = f"{self.principal.arn} {self.action} on {self.resource}"
        if self.context:
            pairs = ", ".join(f"{k}={v}" for k, v in self.context.items())
            text += f" with {pairs}"
        return text


@dataclass(frozen=True)
class Expectation:
    """What every (or some) request of a test must be decided as."""

    decision: str
    layer: Optional[str] = None
    sid: Optional[str] = None

    def accepts(self, decision: str) -> bool:
        """Whether a decision name meets the expected decision (ignoring layer and sid)."""
        if self.decision == "Deny":
            return decision in ("ExplicitDeny", "ImplicitDeny")
        return decision == self.decision

    def mismatch(self, got: Decision) -> Optional[str]:
        """None when ``got`` meets the expectation, else what differs."""
        wanted = self.decision
        if not self.accepts(got.decision):
            return f"expected {wanted}, got {got.decision}"
        if self.layer is not None and (got.layer or "") != self.layer:
            return f"expected {wanted} decided by {self.layer}, got {got.decision} decided by {got.layer}"
        if self.sid is not None and not any(m.get("sid") == self.sid for m in got.matched):
            sids = sorted({str(m.get("sid")) for m in got.matched}) or ["none"]
            return f"expected statement {self.sid!r} to apply, applied: {', '.join(sids)}"
        return None

    def decision_only(self) -> bool:
        """True when only the decision is checked (then decide() suffices, no explanation)."""
        return self.layer is None and self.sid is None

    def __str__(self) -> str:
        text = self.decision
        if self.layer:
            text += f" by {self.layer}"
        if self.sid:
            text += f" (statement {self.sid})"
        return text


@dataclass
class TestSpec:
    """One test of a file, with its requests expanded."""

    __test__ = False  # not a pytest test class

    name: str
    location: Location
    setup: Setup
    expect: Expectation
    requests: list[Request] = field(default_factory=list)
    require: str = "every"  # "every" request must meet `expect`, or "some" request
    description: str = ""
    skip: Optional[str] = None
    strict: bool = True  # parse policies strictly (False for authorization-details files)
