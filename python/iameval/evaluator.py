"""Deciding requests: compile a principal's policies once, then decide many requests.

    >>> import iameval
    >>> policies = iameval.Policies(identity_policies=[
    ...     {"Version": "2012-10-17",
    ...      "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}])
    >>> policies.decide("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
    ...                 "arn:aws:s3:::bucket/key")
    'Allow'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from . import _core
from ._errors import PolicyParseError
from .validation import Diagnostic, PolicyDocument, _convert, _to_text

__all__ = ["Decision", "NamedPolicyInput", "Policies", "PolicyInput"]

# A policy: a document (dict or JSON text), or {"name": ..., "document": document}.
PolicyInput = Union[PolicyDocument, Mapping[str, Any]]
NamedPolicyInput = PolicyInput
ContextValue = Union[str, int, float, bool, Sequence[Union[str, int, float, bool]], None]

DECISIONS = ("Allow", "ExplicitDeny", "ImplicitDeny")

# Version of the pickled Policies state (Policies.__getstate__); see docs/python-api.md.
PICKLE_FORMAT = 1


# A parsed policy with its name, as the extension takes them.
NamedParse = tuple[str, _core.ParseResult]


def _named(policy: PolicyInput, default_name: str, kind: str, strict: bool) -> NamedParse:
    """Parses one policy input into (name, ParseResult); raises PolicyParseError on errors."""
    name = default_name
    document: Any = policy
    if isinstance(policy, Mapping) and "document" in policy and "Statement" not in policy:
        name = str(policy.get("name", default_name))
        document = policy["document"]
    result = _core.parse_policy(_to_text(document), kind, strict)
    if not result.ok:
        raise PolicyParseError(_convert(result))
    return name, result


def _source(policy: PolicyInput, default_name: str) -> tuple[str, Union[str, bytes]]:
    """One policy input as (name, source text): what pickling keeps (see Policies.__getstate__)."""
    if isinstance(policy, Mapping) and "document" in policy and "Statement" not in policy:
        return str(policy.get("name", default_name)), _to_text(policy["document"])
    return default_name, _to_text(policy)


def _named_list(policies: Iterable[PolicyInput], prefix: str, kind: str, strict: bool) -> list[NamedParse]:
    return [_named(p, f"{prefix}{i}", kind, strict) for i, p in enumerate(policies)]


@dataclass(frozen=True)
class Decision:
    """The answer to one request.

    Attributes:
        decision: "Allow", "ExplicitDeny", "ImplicitDeny", or "Error" (simulation cases only).
        id: the case id (simulation cases), else None.
        layer: the deciding layer ("identity", "resource", "scp", "rcp", "boundary", "session",
            "vpc-endpoint", "implicit", "none"), when known.
        level: the SCP/RCP level that decided, when one did.
        reason: one sentence on why.
        matched: the statements that applied, as dicts (layer, policy, sid, effect, path, ...).
        missing_context_keys: condition keys the policies used but the request did not give.
        error: for "Error": {kind, message, path, line, column}.
    """

    decision: str
    id: Any = None
    layer: Optional[str] = None
    level: Optional[int] = None
    reason: str = ""
    matched: list[dict[str, Any]] = field(default_factory=list)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    missing_context_keys: list[str] = field(default_factory=list)
    error: Optional[dict[str, Any]] = None

    @property
    def allowed(self) -> bool:
        """True when the decision is Allow."""
        return self.decision == "Allow"

    def explain(self) -> str:
        """A readable multi-line explanation."""
        if self.error is not None:
            e = self.error
            return f"Error: {e.get('message')} [{e.get('kind')}] at {e.get('path')} ({e.get('line')}:{e.get('column')})"
        where = self.layer or "none"
        if self.level is not None:
            where += f" level {self.level}"
        lines = [f"{self.decision} (decided by {where}): {self.reason}"]
        for m in self.matched:
            level = f" level {m['level']}" if m.get("level") is not None else ""
            lines.append(f"  {m.get('effect')}: {m.get('layer')}{level} policy {m.get('policy')!r} "
                         f"statement {m.get('sid')} ({m.get('path')})")
        for c in self.conditions:
            verdict = "true" if c.get("result") else "false"
            lines.append(f"  condition {c.get('operator')} {c.get('key')} = {c.get('request_values')} "
                         f"vs {c.get('policy_values')}: {verdict}" + (f" ({c['note']})" if c.get("note") else ""))
        if self.missing_context_keys:
            lines.append("  missing context keys: " + ", ".join(self.missing_context_keys))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The decision as a plain dict (JSON-friendly)."""
        return {
            "id": self.id, "decision": self.decision, "layer": self.layer, "level": self.level,
            "reason": self.reason, "matched": self.matched, "conditions": self.conditions,
            "missing_context_keys": self.missing_context_keys, "error": self.error,
        }

    def __str__(self) -> str:
        return self.decision

    def _repr_html_(self) -> str:
        from ._html import decision_html

        return decision_html(self)

    @classmethod
    def _from_explanation(cls, e: Any) -> "Decision":
        return cls(
            decision=e.decision,
            layer=e.layer,
            level=e.level,
            reason=e.reason,
            matched=[{"layer": m.layer, "level": m.level, "policy": m.policy_name, "sid": m.sid,
                      "effect": m.effect, "path": m.path, "principal_class": m.principal_class or None}
                     for m in e.matched],
            conditions=[{"policy": c.policy_name, "sid": c.sid, "operator": c.operator, "key": c.key,
                         "policy_values": list(c.policy_values), "request_values": list(c.request_values),
                         "key_present": c.key_present, "result": c.result, "note": c.note}
                        for c in e.conditions],
            missing_context_keys=list(e.missing_context_keys),
        )


class Policies:
    """The policies that decide requests for a principal (and optionally a resource), compiled.

    Compile once, decide many times: instances are immutable and safe to share between
    threads; :meth:`decide_batch` releases the GIL while it runs.

    Args:
        identity_policies: the principal's identity policies (user + groups, or role).
        resource_policy: the resource's policy (bucket, key, trust, ...), or None.
        scps: SCP levels of the principal's account, root first; each level a list of SCPs.
            FullAWSAccess is not implied.
        rcps: RCP levels of the resource's account (RCPFullAWSAccess implied).
        permission_boundary: the principal's boundary, or None.
        session_policy: a session policy, or None.
        vpc_endpoint_policy: a VPC endpoint policy, or None.
        strict: reject what AWS rejects when a policy is stored (default); False reads
            leniently (unknown operators fail closed).

    Raises:
        PolicyParseError: a policy has errors (its attributes locate the first one).
    """

    def __init__(
        self,
        identity_policies: Iterable[PolicyInput] = (),
        resource_policy: Optional[PolicyInput] = None,
        scps: Iterable[Iterable[PolicyInput]] = (),
        rcps: Iterable[Iterable[PolicyInput]] = (),
        permission_boundary: Optional[PolicyInput] = None,
        session_policy: Optional[PolicyInput] = None,
        vpc_endpoint_policy: Optional[PolicyInput] = None,
        *,
        strict: bool = True,
    ) -> None:
        state: dict[str, Any] = {
            "format": PICKLE_FORMAT,
            "identity": [_source(p, f"identity{i}") for i, p in enumerate(identity_policies)],
            "resource": _source(resource_policy, "resource") if resource_policy is not None else None,
            "scps": [[_source(p, f"scp{i}.{j}") for j, p in enumerate(level)] for i, level in enumerate(scps)],
            "rcps": [[_source(p, f"rcp{i}.{j}") for j, p in enumerate(level)] for i, level in enumerate(rcps)],
            "boundary": _source(permission_boundary, "boundary") if permission_boundary is not None else None,
            "session": _source(session_policy, "session") if session_policy is not None else None,
            "vpc_endpoint": (_source(vpc_endpoint_policy, "vpc-endpoint")
                             if vpc_endpoint_policy is not None else None),
            "strict": strict,
        }
        self._build(state)

    def _build(self, state: dict[str, Any]) -> None:
        """Compiles the policies of a state dict (see :meth:`__getstate__`)."""
        strict = bool(state["strict"])

        def one(source: tuple[str, Union[str, bytes]], kind: str) -> NamedParse:
            return _named({"name": source[0], "document": source[1]}, source[0], kind, strict)

        def optional(source: Optional[tuple[str, Union[str, bytes]]], kind: str) -> Optional[NamedParse]:
            return None if source is None else one(source, kind)

        identity = [one(s, "identity") for s in state["identity"]]
        resource = optional(state["resource"], "resource")
        scp_levels = [[one(s, "scp") for s in level] for level in state["scps"]]
        rcp_levels = [[one(s, "rcp") for s in level] for level in state["rcps"]]
        boundary = optional(state["boundary"], "boundary")
        session = [one(state["session"], "session")] if state["session"] is not None else []
        endpoint = optional(state["vpc_endpoint"], "vpc-endpoint")
        self._compiled = _core.compile_policies(identity, resource, scp_levels, rcp_levels, boundary,
                                                session, endpoint)
        self._state = state

    def __getstate__(self) -> dict[str, Any]:
        """The pickled form: a versioned dict of the policy sources and options.

        ``{"format": 1, "identity": [(name, text), ...], "resource": (name, text) | None,
        "scps": [[(name, text), ...], ...], "rcps": [...], "boundary": ..., "session": ...,
        "vpc_endpoint": ..., "strict": bool}``. The compiled form is not pickled: it is rebuilt
        from the sources on load (docs/python-api.md, "Pickling").
        """
        return {k: (list(v) if isinstance(v, list) else v) for k, v in self._state.items()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Recompiles from a :meth:`__getstate__` dict.

        Raises:
            ValueError: the state is not a dict, or was written by a newer iameval (a format
                this version does not know).
        """
        if not isinstance(state, dict) or not isinstance(state.get("format"), int):
            raise ValueError("not a pickled iameval.Policies state")
        if state["format"] > PICKLE_FORMAT or state["format"] < 1:
            raise ValueError(f"pickled iameval.Policies has format {state['format']}; this iameval "
                             f"reads formats 1 to {PICKLE_FORMAT} (upgrade iameval to load it)")
        self._build(dict(state))

    def decide(self, principal: str, action: str, resource: str = "*",
               context: Optional[Mapping[str, ContextValue]] = None, *,
               resource_account: str = "", principal_parent_arn: str = "",
               principal_in_management_account: bool = False,
               resource_in_management_account: bool = False) -> str:
        """The decision for one request: "Allow", "ExplicitDeny" or "ImplicitDeny"."""
        return self._compiled.decide(principal, action, resource, context, resource_account,
                                     principal_parent_arn, principal_in_management_account,
                                     resource_in_management_account)

    def explain(self, principal: str, action: str, resource: str = "*",
                context: Optional[Mapping[str, ContextValue]] = None, *,
                resource_account: str = "", principal_parent_arn: str = "",
                principal_in_management_account: bool = False,
                resource_in_management_account: bool = False) -> Decision:
        """The decision with its explanation (deciding layer, statements, conditions)."""
        e = self._compiled.explain(principal, action, resource, context, resource_account,
                                   principal_parent_arn, principal_in_management_account,
                                   resource_in_management_account)
        return Decision._from_explanation(e)

    def decide_batch(self, principal: str, actions: Sequence[str],
                     resources: Union[str, Sequence[str]] = "*",
                     contexts: Union[None, Mapping[str, ContextValue], Sequence[Mapping[str, ContextValue]]] = None,
                     *, resource_account: str = "") -> list[str]:
        """Decides one request per action, without the GIL.

        ``resources`` and ``contexts`` are either one value for every request or a sequence as
        long as ``actions``. Returns the decision names in order.
        """
        if not isinstance(actions, Sequence) or isinstance(actions, str):
            actions = list(actions)
        if not isinstance(resources, str) and not isinstance(resources, Sequence):
            resources = list(resources)
        if contexts is not None and not isinstance(contexts, Mapping) and not isinstance(contexts, Sequence):
            contexts = list(contexts)
        return self._compiled.decide_batch(principal, actions, resources, contexts, resource_account)
