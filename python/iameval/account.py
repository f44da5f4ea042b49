"""Reading `aws iam get-account-authorization-details` output into principals and their policies.

A pure-Python reader of the file format (the C++ core has its own loader; this one serves the
Python tools until that loader has bindings)::

    >>> from iameval.account import read_authorization_details
    >>> account = read_authorization_details(open("details.json").read())  # doctest: +SKIP
    >>> [p.arn for p in account.principals]                                 # doctest: +SKIP

Users get their inline policies, attached managed policies and those of their groups, and
their permission boundary; roles get their inline and attached policies, boundary and trust
policy. A managed policy's document is its default version in the file (``IsDefaultVersion``
or ``DefaultVersionId``); an AWS managed policy missing from the file comes from the embedded
set. Documents may be JSON objects or (URL-encoded) JSON strings.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Optional

from ._errors import NotFoundError
from .managed import managed_policy

__all__ = ["AccountDetails", "AccountError", "AccountPolicy", "AccountPrincipal",
           "read_authorization_details"]


class AccountError(ValueError):
    """The text is not an authorization-details document."""


@dataclass(frozen=True)
class AccountPolicy:
    """One policy document of a principal: its name, JSON text, and where it came from."""

    name: str
    document: str  # JSON text
    arn: str = ""  # managed policies
    via_group: str = ""  # group policies: the group's name
    inline: bool = False


@dataclass(frozen=True)
class AccountPrincipal:
    """A user or role with the policies that decide for it (SCPs are the caller's business)."""

    type: str  # "user" or "role"
    name: str
    arn: str
    path: str = "/"
    identity_policies: tuple[AccountPolicy, ...] = ()
    permission_boundary: Optional[AccountPolicy] = None
    trust_policy: Optional[AccountPolicy] = None
    groups: tuple[str, ...] = ()


@dataclass
class AccountDetails:
    """Every principal of the file (users first, then roles) and the problems met reading it."""

    account_id: str
    principals: list[AccountPrincipal]
    warnings: list[str] = field(default_factory=list)


def _document_text(value: Any) -> Optional[str]:
    """A policy document as JSON text: objects are dumped, strings URL-decoded when needed."""
    if isinstance(value, dict):
        return json.dumps(value, indent=2)
    if isinstance(value, str):
        text = urllib.parse.unquote(value) if "%" in value else value
        return text
    return None


def _default_document(policy: dict[str, Any]) -> Any:
    default = policy.get("DefaultVersionId")
    for version in policy.get("PolicyVersionList") or []:
        if version.get("IsDefaultVersion") is True or (default and version.get("VersionId") == default):
            return version.get("Document")
    return None


class _Reader:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.warnings: list[str] = []
        self.managed: dict[str, dict[str, Any]] = {
            p["Arn"]: p for p in root.get("Policies") or [] if isinstance(p, dict) and p.get("Arn")}
        self.cache: dict[str, Optional[AccountPolicy]] = {}
        self.groups: dict[str, tuple[AccountPolicy, ...]] = {}
        for g in root.get("GroupDetailList") or []:
            name = str(g.get("GroupName", ""))
            self.groups[name] = tuple(self.inline(g, "GroupPolicyList", name) + self.attached(g, name))

    def managed_policy(self, arn: str, name: str, via_group: str = "") -> Optional[AccountPolicy]:
        if arn not in self.cache:
            text = None
            entry = self.managed.get(arn)
            if entry is not None:
                text = _document_text(_default_document(entry))
            if text is None and ":iam::aws:policy/" in arn:
                try:
                    text = json.dumps(managed_policy(arn), indent=2)
                except NotFoundError:
                    text = None
            if text is None:
                self.warnings.append(f"managed policy {arn} is attached but its document is not in the file")
            self.cache[arn] = AccountPolicy(name or arn.rsplit("/", 1)[-1], text, arn) if text else None
        found = self.cache[arn]
        if found is not None and via_group:
            return AccountPolicy(found.name, found.document, found.arn, via_group)
        return found

    def inline(self, entity: dict[str, Any], key: str, via_group: str = "") -> list[AccountPolicy]:
        out = []
        for item in entity.get(key) or []:
            text = _document_text(item.get("PolicyDocument"))
            name = str(item.get("PolicyName", ""))
            if text is None:
                self.warnings.append(f"inline policy {name} has no document")
                continue
            out.append(AccountPolicy(name, text, via_group=via_group, inline=True))
        return out

    def attached(self, entity: dict[str, Any], via_group: str = "") -> list[AccountPolicy]:
        out = []
        for item in entity.get("AttachedManagedPolicies") or []:
            policy = self.managed_policy(str(item.get("PolicyArn", "")), str(item.get("PolicyName", "")),
                                         via_group)
            if policy is not None:
                out.append(policy)
        return out

    def boundary(self, entity: dict[str, Any]) -> Optional[AccountPolicy]:
        b = entity.get("PermissionsBoundary")
        if not isinstance(b, dict):
            return None
        arn = str(b.get("PermissionsBoundaryArn", ""))
        policy = self.managed_policy(arn, arn.rsplit("/", 1)[-1])
        if policy is None:
            # A boundary we cannot read must not widen access: it allows nothing.
            return AccountPolicy(arn.rsplit("/", 1)[-1], '{"Version":"2012-10-17","Statement":[]}', arn)
        return policy

    def user(self, u: dict[str, Any]) -> AccountPrincipal:
        groups = tuple(str(g) for g in u.get("GroupList") or [])
        policies = self.inline(u, "UserPolicyList") + self.attached(u)
        for g in groups:
            if g not in self.groups:
                self.warnings.append(f"user {u.get('UserName')} is in group {g}, which the file does not list")
            policies += self.groups.get(g, ())
        return AccountPrincipal("user", str(u.get("UserName", "")), str(u.get("Arn", "")),
                                str(u.get("Path", "/")), tuple(policies), self.boundary(u), None, groups)

    def role(self, r: dict[str, Any]) -> AccountPrincipal:
        policies = self.inline(r, "RolePolicyList") + self.attached(r)
        trust_text = _document_text(r.get("AssumeRolePolicyDocument"))
        trust = AccountPolicy("trust", trust_text, inline=True) if trust_text else None
        return AccountPrincipal("role", str(r.get("RoleName", "")), str(r.get("Arn", "")),
                                str(r.get("Path", "/")), tuple(policies), self.boundary(r), trust)


def read_authorization_details(text: str) -> AccountDetails:
    """Reads authorization-details JSON text.

    Raises:
        AccountError: the text is not JSON, or not an object with ``UserDetailList`` or
            ``RoleDetailList``.
    """
    try:
        root = json.loads(text)
    except json.JSONDecodeError as e:
        raise AccountError(f"{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from e
    if not isinstance(root, dict) or ("UserDetailList" not in root and "RoleDetailList" not in root):
        raise AccountError("not an authorization-details document: expected an object with "
                           "`UserDetailList` and `RoleDetailList` (the output of "
                           "`aws iam get-account-authorization-details`)")
    reader = _Reader(root)
    principals = [reader.user(u) for u in root.get("UserDetailList") or [] if isinstance(u, dict)]
    principals += [reader.role(r) for r in root.get("RoleDetailList") or [] if isinstance(r, dict)]
    account_id = ""
    for p in principals:
        parts = p.arn.split(":")
        if len(parts) > 4 and parts[4]:
            account_id = parts[4]
            break
    return AccountDetails(account_id, principals, reader.warnings)
