"""Policy diff ("check no new access"): does NEW allow anything OLD does not?

    >>> import iameval
    >>> old = {"Version": "2012-10-17", "Statement": [
    ...     {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}]}
    >>> new = {"Version": "2012-10-17", "Statement": [
    ...     {"Effect": "Allow", "Action": "s3:*Object", "Resource": "arn:aws:s3:::bkt/*"}]}
    >>> d = iameval.diff(old, new)
    >>> d.verdict, "s3:PutObject" in d.newly_allowed
    ('new-access', True)
    >>> iameval.diff(new, old).new_access
    False

The answer is exact over the catalog's actions and over resource patterns (glob inclusion);
conditions are compared as opaque facts shared by both sides. Three verdicts:

* ``"no-new-access"``: a proof that no request NEW allows is denied by OLD.
* ``"new-access"``: a proof too: each counterexample is a concrete request (action, resource,
  context) that NEW allows and OLD does not, checked with the evaluator on both sides.
* ``"may-grant-new-access"``: for some actions neither could be proven (for example NEW's
  condition is a narrower form of OLD's); those changes say why.

Two forms. Two policies of the same ``kind`` (documents, JSON text, files, AWS managed policy
names): ``diff(old, new, kind="identity")``. Two policy sets, for one principal or two
(``old_principal``): ``diff(Policies(...), Policies(...), principal=arn)``; a list of policies
stands for a set of identity policies. :func:`diff_principals` compares principals of
``aws iam get-account-authorization-details`` files (two principals, or one principal in two
snapshots).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from . import _core
from ._errors import InvalidArgumentError, NotFoundError
from ._html import table_html
from .account import AccountDetails, AccountPolicy, AccountPrincipal, read_authorization_details
from .evaluator import Policies, PolicyInput, _named
from .managed import managed_policy

__all__ = ["ActionChange", "Counterexample", "PolicyDiff", "PolicyLike", "PolicySetLike", "VERDICTS",
           "diff", "diff_principals",
           "principal_policies"]

VERDICTS = ("no-new-access", "new-access", "may-grant-new-access")

# One policy: what iameval.Policies takes (a dict, JSON text or bytes, {"name", "document"}),
# a pathlib.Path of a JSON file, a str naming a JSON file, or an AWS managed policy name or ARN.
PolicyLike = Union[PolicyInput, Path]
# A policy set: an iameval.Policies, or a list of policies (the principal's identity policies).
PolicySetLike = Union[Policies, Sequence[PolicyLike]]

# The principal the two-policy form decides for, and the account trusted by the resource policy
# it adds (the stand-in of iameval/diff.h, src/analysis/diff_subjects.cc).
_STAND_IN_ACCOUNT = "111122223333"
_DEFAULT_PRINCIPAL = f"arn:aws:iam::{_STAND_IN_ACCOUNT}:user/principal"
_IDENTITY_LIKE_KINDS = ("identity", "session", "boundary", "scp")


def _allow(statement: Mapping[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]}


_ALLOW_ALL = {"name": "iameval-allow-all", "document": _allow({"Action": "*", "Resource": "*"})}


def _grant_all(principal: Any) -> dict[str, Any]:
    return {"name": "iameval-grant-all",
            "document": _allow({"Principal": principal, "Action": "*", "Resource": "*"})}


def _resolve(policy: PolicyLike, default_name: str) -> PolicyInput:
    """One policy input as iameval.Policies takes it; files and managed policy names are read."""
    if isinstance(policy, Path):
        return {"name": policy.stem, "document": policy.read_text(encoding="utf-8")}
    if isinstance(policy, Mapping) and "document" in policy and "Statement" not in policy:
        return policy  # already {"name", "document"}
    if not isinstance(policy, str) or policy.lstrip().startswith(("{", "[")):
        return {"name": default_name, "document": policy}
    if Path(policy).is_file():
        return _resolve(Path(policy), default_name)
    try:
        return {"name": policy.rsplit("/", 1)[-1], "document": managed_policy(policy)}
    except NotFoundError:
        raise NotFoundError(f"{policy!r} is not JSON text, a file, or an AWS managed policy name") from None


def _as_set(policies: PolicySetLike, side: str, strict: bool) -> Policies:
    if isinstance(policies, Policies):
        return policies
    return Policies([_resolve(p, f"{side}{i}") for i, p in enumerate(policies)], strict=strict)


def _is_set(value: Any) -> bool:
    return isinstance(value, (Policies, list, tuple))


def _loaded(document: Any) -> Any:
    """A policy source as a JSON value for a simulation case (objects stay objects)."""
    if isinstance(document, (str, bytes)):
        try:
            return json.loads(document)
        except ValueError:
            return document if isinstance(document, str) else document.decode("utf-8", "replace")
    return document


def _named_case_policy(name: str, text: Any) -> dict[str, Any]:
    return {"name": name, "document": _loaded(text)}


def _set_case_fields(state: Mapping[str, Any]) -> dict[str, Any]:
    """The policy fields of a simulation case for an iameval.Policies state (__getstate__())."""
    def one(source: Optional[Sequence[Any]]) -> Optional[dict[str, Any]]:
        return None if source is None else _named_case_policy(source[0], source[1])

    fields: dict[str, Any] = {"identity_policies": [one(s) for s in state["identity"]]}
    for key, field_name in (("resource", "resource_policy"), ("boundary", "permission_boundary"),
                            ("session", "session_policy"), ("vpc_endpoint", "vpc_endpoint_policy")):
        if state.get(key) is not None:
            fields[field_name] = one(state[key])
    for key in ("scps", "rcps"):
        if state.get(key):
            fields[key] = [[one(s) for s in level] for level in state[key]]
    return fields


@dataclass(frozen=True)
class _PairFrame:
    """How the two-policy form placed the policies (as src/analysis/diff_subjects.cc does), so
    that a counterexample can be written as a simulation case that reproduces it. The request
    facts (stand-in resource account, role behind a session) come with each counterexample."""

    kind: str
    old_policy: dict[str, Any]
    new_policy: dict[str, Any]

    def policy_fields(self, side: str) -> dict[str, Any]:
        policy = self.new_policy if side == "new" else self.old_policy
        if self.kind in _IDENTITY_LIKE_KINDS:
            return {"identity_policies": [policy],
                    "resource_policy": _grant_all({"AWS": f"arn:aws:iam::{_STAND_IN_ACCOUNT}:root"})}
        fields: dict[str, Any] = {"identity_policies": [_ALLOW_ALL]}
        if self.kind in ("resource", "trust"):
            fields["resource_policy"] = policy
            return fields
        fields["resource_policy"] = _grant_all("*")
        if self.kind == "rcp":
            fields["rcps"] = [[policy]]
        else:
            fields["vpc_endpoint_policy"] = policy
        return fields


@dataclass(frozen=True)
class _SetFrame:
    """The two policy sets of the policy-set form."""

    old_state: Mapping[str, Any]
    new_state: Mapping[str, Any]

    def policy_fields(self, side: str) -> dict[str, Any]:
        return _set_case_fields(self.new_state if side == "new" else self.old_state)


_Frame = Union[_PairFrame, _SetFrame]


@dataclass(frozen=True)
class Counterexample:
    """A request NEW allows and OLD does not (checked with the evaluator on both sides).

    ``principal`` is the caller NEW decided for, ``old_principal`` OLD's (the same one unless
    two principals are compared). ``context`` is the request context as simulation cases write
    it: key -> value, or a list for a multivalued key. ``resource_account``,
    ``principal_parent_arn`` (NEW's caller; ``old_principal_parent_arn`` OLD's) and the
    management-account flags are the other request facts both sides were decided with (for the
    two-policy form of resource-type kinds: the stand-in resource account and, for a role
    session, the role behind it).

    Use :meth:`to_request` with :meth:`iameval.Policies.decide` or inside a simulation case, or
    :meth:`to_case` for a complete case (``iameval.simulate(c.to_case("new")).decision`` is
    "Allow", with ``"old"`` it is not).
    """

    principal: str
    action: str
    resource: str
    context: dict[str, Any]
    old_principal: str
    old_decision: str = "ImplicitDeny"
    new_decision: str = "Allow"
    resource_account: str = ""
    principal_parent_arn: str = ""
    old_principal_parent_arn: str = ""
    principal_in_management_account: bool = False
    resource_in_management_account: bool = False
    _frame: Optional[_Frame] = field(default=None, repr=False, compare=False)

    def to_request(self, side: str = "new") -> dict[str, Any]:
        """The request fields of a simulation case for NEW's side (``side="old"``: OLD's
        principal): principal, action, resource, context, and resource_account /
        principal_parent_arn / management-account flags when the diff used them. The keys are
        also the keyword arguments of :meth:`iameval.Policies.decide`."""
        principal = self.old_principal if side == "old" else self.principal
        out: dict[str, Any] = {"principal": principal, "action": self.action,
                               "resource": self.resource, "context": dict(self.context)}
        out.update(self._facts(side))
        return out

    def _facts(self, side: str) -> dict[str, Any]:
        parent = self.old_principal_parent_arn if side == "old" else self.principal_parent_arn
        return {k: v for k, v in (
            ("resource_account", self.resource_account), ("principal_parent_arn", parent),
            ("principal_in_management_account", self.principal_in_management_account),
            ("resource_in_management_account", self.resource_in_management_account)) if v}

    def to_case(self, side: str = "new") -> dict[str, Any]:
        """A complete simulation case (shared/spec/simulation-format.md) with ``side``'s
        policies ("new" or "old"): NEW's decides Allow, OLD's does not. The two-policy form
        places the policy as the diff did (e.g. a resource policy with an allow-all identity
        policy and the resource in an account of its own)."""
        if side not in ("new", "old"):
            raise ValueError(f"side must be 'new' or 'old', not {side!r}")
        if self._frame is None:
            raise ValueError("this counterexample was built without its policies")
        expect = self.new_decision if side == "new" else self.old_decision
        return {**self._frame.policy_fields(side), **self.to_request(side), "expect": expect}

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (JSON-friendly)."""
        return {"principal": self.principal, "old_principal": self.old_principal, "action": self.action,
                "resource": self.resource, "context": dict(self.context),
                "old_decision": self.old_decision, "new_decision": self.new_decision,
                **self._facts("new"),
                **({"old_principal_parent_arn": self.old_principal_parent_arn}
                   if self.old_principal_parent_arn != self.principal_parent_arn else {})}

    def __str__(self) -> str:
        return json.dumps(self.to_request(), separators=(", ", ": "))


@dataclass(frozen=True)
class ActionChange:
    """One action NEW allows more of than OLD.

    ``change`` is "newly-allowed" (OLD allows it nowhere), "wider-resources" (NEW on resources
    OLD never allows: ``new_resources``), "wider-conditions" (NEW under contexts OLD does not)
    or "may-be-wider" (not proven either way: ``reason``). ``example_resource`` and
    ``example_context`` are the verified example (empty for "may-be-wider"); ``principal`` the
    caller it applies to (resource-type policies tell several apart).
    """

    action: str
    change: str
    new_resources: list[str]
    example_resource: str
    example_context: dict[str, Any]
    reason: str
    principal: str

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (JSON-friendly)."""
        return {"action": self.action, "change": self.change, "new_resources": list(self.new_resources),
                "example_resource": self.example_resource, "example_context": dict(self.example_context),
                "reason": self.reason, "principal": self.principal}


_VERDICT_TEXT = {
    "no-new-access": "NEW allows nothing OLD does not (proven)",
    "new-access": "NEW allows requests OLD does not",
    "may-grant-new-access": "NEW may allow requests OLD does not (not proven either way)",
}
_VERDICT_COLOR = {"no-new-access": "32", "new-access": "31", "may-grant-new-access": "33"}


@dataclass(frozen=True)
class PolicyDiff:
    """The answer of :func:`diff`.

    Attributes:
        verdict: "no-new-access", "new-access" or "may-grant-new-access" (see the module doc).
        form: "policies" (two policies of ``kind``) or "policy-sets".
        kind: the policy kind of the two-policy form, else "".
        newly_allowed: actions OLD allows nowhere and NEW does (proven), by name.
        widened: actions allowed on more resources or under more contexts (proven).
        maybe_widened: actions not proven either way.
        changes: one :class:`ActionChange` per action (and caller).
        counterexamples: verified requests NEW allows and OLD denies (at most
            ``max_counterexamples``).
        principals: the callers analysed (NEW's).
        old_principal: OLD's caller in the policy-set form ("" in the two-policy form).
        notes: conservative steps the diff took, in words.
    """

    verdict: str
    form: str
    kind: str
    newly_allowed: list[str]
    widened: list[str]
    maybe_widened: list[str]
    changes: list[ActionChange]
    counterexamples: list[Counterexample]
    principals: list[str]
    old_principal: str
    notes: list[str]

    @property
    def new_access(self) -> bool:
        """False only when it is proven that NEW allows nothing OLD does not: True for
        "new-access" and for "may-grant-new-access" (what a CI gate should fail on)."""
        return self.verdict != "no-new-access"

    @property
    def proven(self) -> bool:
        """True for "no-new-access" and "new-access", False for "may-grant-new-access"."""
        return self.verdict != "may-grant-new-access"

    def table(self) -> list[dict[str, Any]]:
        """One flat row per change (strings), for tables and CSV."""
        return [{"action": c.action, "change": c.change, "new_resources": ", ".join(c.new_resources),
                 "example_resource": c.example_resource,
                 "example_context": json.dumps(c.example_context) if c.example_context else "",
                 "reason": c.reason, "principal": c.principal} for c in self.changes]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`table` (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.table(), columns=["action", "change", "new_resources", "example_resource",
                                                   "example_context", "reason", "principal"])

    def to_dict(self) -> dict[str, Any]:
        """The whole result as a JSON-friendly dict."""
        return {"verdict": self.verdict, "new_access": self.new_access, "form": self.form, "kind": self.kind,
                "principals": list(self.principals), "old_principal": self.old_principal,
                "newly_allowed": list(self.newly_allowed), "widened": list(self.widened),
                "maybe_widened": list(self.maybe_widened), "changes": [c.to_dict() for c in self.changes],
                "counterexamples": [c.to_dict() for c in self.counterexamples], "notes": list(self.notes)}

    def cases(self) -> list[dict[str, Any]]:
        """Two simulation cases per counterexample, NEW's then OLD's, with ids "new-N" and
        "old-N" and an ``expect`` field: lines for ``iameval simulate --jsonl``."""
        out = []
        for i, c in enumerate(self.counterexamples, start=1):
            out.append({"id": f"new-{i}", **c.to_case("new")})
            out.append({"id": f"old-{i}", **c.to_case("old")})
        return out

    def headline(self) -> str:
        """One line: the verdict and the counts."""
        counts = (f"{len(self.newly_allowed)} newly allowed, {len(self.widened)} widened, "
                  f"{len(self.maybe_widened)} undecided")
        return f"{self.verdict}: {_VERDICT_TEXT.get(self.verdict, self.verdict)} ({counts})"

    def summary(self, max_changes: int = 50, *, color: bool = False) -> str:
        """A readable report: the verdict, up to ``max_changes`` changes, the counterexamples
        (each a JSON object of simulation-case request fields) and the notes. ``color`` wraps
        the verdict in ANSI colours (terminals)."""
        head = self.headline()
        if color:
            head = f"\033[1;{_VERDICT_COLOR.get(self.verdict, '0')}m{self.verdict}\033[0m" + head[len(self.verdict):]
        lines = [head]
        width = max((len(c.action) for c in self.changes[:max_changes]), default=0)
        callers = len({c.principal for c in self.changes}) > 1
        for c in self.changes[:max_changes]:
            detail = f"  {c.change:<17} {c.action:<{width}}"
            if c.new_resources:
                detail += " on " + ", ".join(c.new_resources[:3]) + (" …" if len(c.new_resources) > 3 else "")
            if c.reason:
                detail += f"  ({c.reason})"
            if callers:
                detail += f"  [caller {c.principal}]"
            lines.append(detail.rstrip())
        if len(self.changes) > max_changes:
            lines.append(f"  … {len(self.changes) - max_changes} more changes (JSON output lists all)")
        if self.counterexamples:
            lines.append("counterexamples (NEW allows, OLD does not; request fields of simulation cases):")
            lines.extend(f"  {c}" for c in self.counterexamples)
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        color = {"no-new-access": "#1a7f37", "new-access": "#cf222e"}.get(self.verdict, "#9a6700")
        import html

        head = (f'<p><b style="color:{color}">{html.escape(self.verdict)}</b>: '
                f"{html.escape(self.headline()[len(self.verdict) + 2:])}</p>")
        rows = self.table()[:200]
        cols = ["action", "change", "new_resources", "example_resource", "example_context", "reason"]
        body = table_html(cols, [[r[c] for c in cols] for r in rows]) if rows else ""
        more = f"<p>… {len(self.changes) - 200} more (use .to_pandas())</p>" if len(self.changes) > 200 else ""
        examples = ""
        if self.counterexamples:
            examples = "<p>Counterexamples (NEW allows, OLD does not):</p>" + table_html(
                ["principal", "action", "resource", "context", "OLD"],
                [[c.principal, c.action, c.resource, json.dumps(c.context), c.old_decision]
                 for c in self.counterexamples])
        return head + body + more + examples


def _result(d: Mapping[str, Any], form: str, kind: str, old_principal: str, frame: _Frame) -> PolicyDiff:
    return PolicyDiff(
        verdict=d["verdict"], form=form, kind=kind, newly_allowed=list(d["newly_allowed"]),
        widened=list(d["widened"]), maybe_widened=list(d["maybe_widened"]),
        changes=[ActionChange(**c) for c in d["changes"]],
        counterexamples=[Counterexample(_frame=frame, **c) for c in d["counterexamples"]],
        principals=list(d["principals"]), old_principal=old_principal, notes=list(d["notes"]))


def diff(old: Union[PolicyLike, PolicySetLike], new: Union[PolicyLike, PolicySetLike], *,
         kind: str = "identity", principal: Optional[str] = None, old_principal: Optional[str] = None,
         principal_parent_arn: str = "", old_principal_parent_arn: str = "", resource_account: str = "",
         principal_in_management_account: bool = False, resource_in_management_account: bool = False,
         max_counterexamples: int = 20, max_opaque_atoms: int = 14, strict: bool = True) -> PolicyDiff:
    """Does NEW allow anything OLD does not?

    Two policies (``old`` and ``new`` each a dict, JSON text or bytes, ``{"name", "document"}``,
    a :class:`pathlib.Path` or str naming a JSON file, or an AWS managed policy name or ARN):
    compared as policies of ``kind`` ("identity", "resource", "trust", "scp", "rcp",
    "boundary", "session", "vpc-endpoint"). Identity-type kinds are compared for a stand-in
    IAM user; resource-type kinds for every caller their Principal elements tell apart.

    Two policy sets (``old`` and ``new`` each an :class:`iameval.Policies`, or a list of the
    policies above, read as identity policies): compared for ``principal`` (default: a
    placeholder user of account 111122223333), OLD for ``old_principal`` when given (two
    principals). The request facts (``resource_account``, ``principal_parent_arn``, the
    management-account flags) are those :meth:`iameval.Policies.decide` takes.

    Args:
        max_counterexamples: how many verified example requests to keep at most.
        max_opaque_atoms: distinct conditions considered at once for one action; beyond it
            the action is reported "may-be-wider".
        strict: parse policies strictly (the default; as AWS does at write time).

    Raises:
        TypeError: one side is a policy set and the other a single policy, or a principal
            option was given for the two-policy form.
        PolicyParseError: a policy has errors (its attributes locate the first one).
        InvalidArgumentError: policies of different kinds, an unknown kind, a bad principal.
        NotFoundError: a str that is neither JSON text, a file, nor an AWS managed policy name.
    """
    if _is_set(old) != _is_set(new):
        raise TypeError("diff() compares two policies or two policy sets (iameval.Policies, or lists "
                        "of policies), not one of each")
    if _is_set(old):
        old_set = _as_set(old, "old", strict)  # type: ignore[arg-type]
        new_set = _as_set(new, "new", strict)  # type: ignore[arg-type]
        new_principal = principal or _DEFAULT_PRINCIPAL
        old_caller = old_principal or new_principal
        d = _core.check_no_new_access_sets(
            old_set.__getstate__(), new_set.__getstate__(), new_principal,
            old_principal or "", principal_parent_arn,
            old_principal_parent_arn if old_principal else principal_parent_arn, resource_account,
            principal_in_management_account, resource_in_management_account, max_counterexamples,
            max_opaque_atoms)
        frame = _SetFrame(old_set.__getstate__(), new_set.__getstate__())
        return _result(d, "policy-sets", "", old_caller, frame)
    given = [name for name, value in (
        ("principal", principal), ("old_principal", old_principal),
        ("principal_parent_arn", principal_parent_arn), ("old_principal_parent_arn", old_principal_parent_arn),
        ("resource_account", resource_account),
        ("principal_in_management_account", principal_in_management_account),
        ("resource_in_management_account", resource_in_management_account)) if value]
    if given:
        raise TypeError(f"{', '.join(given)}: only for policy sets (the two-policy form chooses its callers)")
    old_input = _resolve(old, "old")  # type: ignore[arg-type]
    new_input = _resolve(new, "new")  # type: ignore[arg-type]
    old_parsed = _named(old_input, "old", kind, strict)
    new_parsed = _named(new_input, "new", kind, strict)
    d = _core.check_no_new_access_policies(old_parsed, new_parsed, max_counterexamples, max_opaque_atoms)
    pair = _PairFrame(kind, _case_policy(old_input, old_parsed[0]), _case_policy(new_input, new_parsed[0]))
    return _result(d, "policies", kind, "", pair)


def _case_policy(policy: PolicyInput, name: str) -> dict[str, Any]:
    document: Any = policy
    if isinstance(policy, Mapping) and "document" in policy and "Statement" not in policy:
        document = policy["document"]
    return _named_case_policy(name, document)


def _account(details: Union[AccountDetails, str, Path]) -> AccountDetails:
    if isinstance(details, AccountDetails):
        return details
    text = str(details)
    if isinstance(details, Path) or not text.lstrip().startswith("{"):
        text = Path(details).read_text(encoding="utf-8")
    return read_authorization_details(text)


def _find_principal(account: AccountDetails, arn_or_name: str) -> AccountPrincipal:
    exact = [p for p in account.principals if p.arn == arn_or_name]
    named = [p for p in account.principals if p.name == arn_or_name]
    found = exact or named
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(f"no user or role {arn_or_name!r} in the authorization details")
    raise InvalidArgumentError(f"{arn_or_name!r} names {len(found)} principals; give the ARN")


def _account_policy(policy: AccountPolicy) -> dict[str, Any]:
    name = f"{policy.via_group}/{policy.name}" if policy.via_group else policy.name
    return {"name": name, "document": policy.document}


def principal_policies(details: Union[AccountDetails, str, Path], principal: str, *,
                       scps: Sequence[Sequence[PolicyInput]] = (), strict: bool = True) -> Policies:
    """The policy set of a user or role of an authorization-details file (a path, the JSON
    text, or :class:`iameval.account.AccountDetails`): identity policies (groups included) and
    permission boundary, plus the SCP levels given. ``principal`` is an ARN or a unique name."""
    p = _find_principal(_account(details), principal)
    return Policies([_account_policy(a) for a in p.identity_policies], scps=scps,
                    permission_boundary=_account_policy(p.permission_boundary) if p.permission_boundary else None,
                    strict=strict)


def diff_principals(details: Union[AccountDetails, str, Path], old_principal: str,
                    new_principal: Optional[str] = None, *,
                    new_details: Union[AccountDetails, str, Path, None] = None,
                    scps: Sequence[Sequence[PolicyInput]] = (), management_account: bool = False,
                    max_counterexamples: int = 20, strict: bool = True) -> PolicyDiff:
    """Principals of ``aws iam get-account-authorization-details`` files: does NEW's principal
    get anything OLD's does not?

    * two principals of one file: ``diff_principals("account.json", "role/app", "role/app-v2")``
      (ARNs or unique names);
    * one principal in two snapshots: ``diff_principals("before.json", "app",
      new_details="after.json")``.

    Each side is the principal's identity policies (groups included) and boundary, under the
    SCP levels ``scps`` (root first) unless ``management_account``. Trust policies are not part
    of it (they decide who may assume a role, not what the role may do).
    """
    account = _account(details)
    new_account = _account(new_details) if new_details is not None else account
    old_p = _find_principal(account, old_principal)
    new_p = _find_principal(new_account, new_principal or old_principal)
    old_set = principal_policies(account, old_p.arn, scps=scps, strict=strict)
    new_set = principal_policies(new_account, new_p.arn, scps=scps, strict=strict)
    return diff(old_set, new_set, principal=new_p.arn,
                old_principal=old_p.arn if old_p.arn != new_p.arn else None,
                principal_in_management_account=management_account,
                max_counterexamples=max_counterexamples, strict=strict)
