"""Effective permissions, findings and the account audit, as tables.

    >>> import iameval
    >>> eff = iameval.effective_permissions(
    ...     "arn:aws:iam::111122223333:user/alice",
    ...     identity_policies=[iameval.managed_policy("ReadOnlyAccess")])
    >>> eff.counts()["allowed"] > 1000
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from . import _core
from ._errors import _located_parse_error
from ._html import table_html
from .evaluator import NamedParse, PolicyInput, _named, _named_list

__all__ = ["AuditReport", "EffectivePermissions", "Findings", "audit", "effective_permissions",
           "finding_rules", "findings", "suggest_least_privilege"]


# identity, resource, SCP levels, boundary, session: the extension's policy-set arguments.
_PolicyArgs = tuple[list[NamedParse], Optional[NamedParse], list[list[NamedParse]], Optional[NamedParse],
                    list[NamedParse]]


def _policy_args(identity_policies: Iterable[PolicyInput], resource_policy: Optional[PolicyInput],
                 scps: Iterable[Iterable[PolicyInput]], permission_boundary: Optional[PolicyInput],
                 session_policy: Optional[PolicyInput], strict: bool) -> _PolicyArgs:
    identity = _named_list(identity_policies, "identity", "identity", strict)
    resource = _named(resource_policy, "resource", "resource", strict) if resource_policy is not None else None
    scp_levels = [_named_list(level, f"scp{i}.", "scp", strict) for i, level in enumerate(scps)]
    boundary = (_named(permission_boundary, "boundary", "boundary", strict)
                if permission_boundary is not None else None)
    session = [_named(session_policy, "session", "session", strict)] if session_policy is not None else []
    return identity, resource, scp_levels, boundary, session


def _flat_conditions(conditions: Sequence[dict[str, Any]]) -> str:
    return "; ".join(f"{c['operator']} {c['key']} {c['values']}" for c in conditions)


# The row fields of EffectivePermissions, in order; `table()` flattens them into _TABLE_COLUMNS.
_ROW_FIELDS = ("service", "action", "access_level", "status", "resources", "excluded_resources",
               "conditions", "layer", "level", "policy")
_TABLE_COLUMNS = ("service", "action", "access_level", "status", "resources", "excluded_resources",
                  "conditions", "deciding_policy", "layer")


class EffectivePermissions:
    """Every action a principal can perform, with resources, conditions and deciding policy.

    The result is columnar: :attr:`columns` maps each row field (service, action, access_level,
    status, resources, excluded_resources, conditions, layer, level, policy) to a list with one
    value per action; actions decided by the same formula share their values (resources,
    excluded_resources and conditions are tuples there). :attr:`rows` gives one dict per action
    (made on first use). Status is "allowed", "allowed-on-some-resources",
    "allowed-conditionally", "denied" (or "not-allowed" when requested).
    """

    __slots__ = ("principal", "allowed", "allowed_unconditionally", "denied", "catalog_actions",
                 "_columns", "_rows", "_entry")

    def __init__(self, principal: str, rows: Optional[list[dict[str, Any]]] = None, allowed: int = 0,
                 allowed_unconditionally: int = 0, denied: int = 0, catalog_actions: int = 0, *,
                 columns: Optional[dict[str, list[Any]]] = None) -> None:
        self.principal = principal
        self.allowed = allowed
        self.allowed_unconditionally = allowed_unconditionally
        self.denied = denied
        self.catalog_actions = catalog_actions
        self._rows = rows
        # Per row, the group of rows sharing its values (from the extension), or None.
        self._entry: Optional[list[int]] = None
        if columns is None:
            columns = {f: [r[f] for r in rows or []] for f in _ROW_FIELDS}
        else:
            self._entry = columns.get("entry")
        self._columns: dict[str, list[Any]] = {f: columns[f] for f in _ROW_FIELDS}

    def __len__(self) -> int:
        return len(self._columns["action"])

    def __repr__(self) -> str:
        return (f"EffectivePermissions(principal={self.principal!r}, rows={len(self)}, "
                f"allowed={self.allowed}, allowed_unconditionally={self.allowed_unconditionally}, "
                f"denied={self.denied}, catalog_actions={self.catalog_actions})")

    @property
    def columns(self) -> dict[str, list[Any]]:
        """The row fields as columns: field name -> one value per action (do not modify)."""
        return self._columns

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per action (made from the columns on first use, then kept)."""
        if self._rows is None:
            self._rows = [{"service": service, "action": action, "access_level": level, "status": status,
                           "resources": list(resources), "excluded_resources": list(excluded),
                           "conditions": [dict(x) for x in conditions], "layer": layer, "level": lvl,
                           "policy": policy}
                          for (service, action, level, status, resources, excluded, conditions, layer, lvl,
                               policy) in zip(*(self._columns[f] for f in _ROW_FIELDS))]
        return self._rows

    def counts(self) -> dict[str, int]:
        """Action counts: allowed, allowed_unconditionally, denied, catalog_actions."""
        return {"allowed": self.allowed, "allowed_unconditionally": self.allowed_unconditionally,
                "denied": self.denied, "catalog_actions": self.catalog_actions}

    def _flat(self, field: str, flatten: Callable[[Any], str]) -> list[str]:
        """``flatten`` of each value of a column, computed once per group of rows sharing it."""
        values = self._columns[field]
        if self._entry is None:
            return [flatten(v) for v in values]
        done: dict[int, str] = {}
        out = []
        for e, v in zip(self._entry, values):
            flat = done.get(e)
            if flat is None:
                flat = done[e] = flatten(v)
            out.append(flat)
        return out

    def table_columns(self) -> dict[str, list[Any]]:
        """The flat table (strings) as columns, in :meth:`table`'s column order."""
        c = self._columns
        return {"service": c["service"], "action": c["action"], "access_level": c["access_level"],
                "status": c["status"], "resources": self._flat("resources", ", ".join),
                "excluded_resources": self._flat("excluded_resources", ", ".join),
                "conditions": self._flat("conditions", _flat_conditions),
                "deciding_policy": c["policy"], "layer": c["layer"]}

    def table(self) -> list[dict[str, Any]]:
        """Flat rows (strings) for tables and CSV."""
        columns = self.table_columns()
        return [dict(zip(_TABLE_COLUMNS, values)) for values in zip(*(columns[k] for k in _TABLE_COLUMNS))]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`table`, built from the columns (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.table_columns(), columns=list(_TABLE_COLUMNS))

    def _repr_html_(self) -> str:
        columns = self.table_columns()
        n = len(self)
        head = (f"<p><b>{self.allowed}</b> of {self.catalog_actions} actions allowed "
                f"({self.allowed_unconditionally} unconditionally), {self.denied} denied</p>")
        more = f"<p>… {n - 200} more rows (use .to_pandas())</p>" if n > 200 else ""
        cols = ["service", "action", "access_level", "status", "resources", "conditions", "deciding_policy"]
        return head + table_html(cols, [[columns[c][i] for c in cols] for i in range(min(n, 200))]) + more

    def plot_heatmap(self, ax: Any = None, **kwargs: Any) -> Any:
        """A heatmap of the allowed actions, services × access levels; returns the matplotlib
        Axes. Same arguments as :func:`iameval.plotting.access_heatmap` (needs matplotlib)."""
        from .plotting import access_heatmap

        return access_heatmap(self, ax, **kwargs)


def effective_permissions(principal: str, identity_policies: Iterable[PolicyInput] = (), *,
                          resource_policy: Optional[PolicyInput] = None,
                          scps: Iterable[Iterable[PolicyInput]] = (),
                          permission_boundary: Optional[PolicyInput] = None,
                          session_policy: Optional[PolicyInput] = None,
                          include_not_allowed: bool = False, strict: bool = True) -> EffectivePermissions:
    """Computes what ``principal`` can do over the whole action catalog (exact, no sampling)."""
    args = _policy_args(identity_policies, resource_policy, scps, permission_boundary, session_policy, strict)
    d = _core.effective_permissions(*args, principal, include_not_allowed)
    return EffectivePermissions(d["principal"], None, d["allowed"], d["allowed_unconditionally"],
                                d["denied"], d["catalog_actions"], columns=d["columns"])


@dataclass(frozen=True)
class Findings:
    """Overreach and least-privilege findings (one dict each: rule_id, severity, title,
    message, policy, statement, sid, location {path, line, column}, actions, action_counts,
    conditional, conditions, method, resources, related). ``actions`` is a tuple of action
    names, one object shared by the findings that name the same actions."""

    items: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Any:
        return iter(self.items)

    def rule_ids(self) -> set[str]:
        """The distinct rule ids found."""
        return {f["rule_id"] for f in self.items}

    def table(self) -> list[dict[str, Any]]:
        """Flat rows for tables and CSV."""
        return [{"principal": f.get("principal", ""), "severity": f["severity"], "rule_id": f["rule_id"],
                 "title": f["title"], "policy": f["policy"], "sid": f["sid"],
                 "path": f["location"]["path"], "line": f["location"]["line"],
                 "column": f["location"]["column"], "actions": len(f["actions"]),
                 "conditional": f["conditional"], "message": f["message"]} for f in self.items]

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`table`."""
        import pandas as pd

        return pd.DataFrame(self.table())

    def _repr_html_(self) -> str:
        cols = ["severity", "rule_id", "policy", "sid", "line", "message"]
        return table_html(cols, [[r[c] for c in cols] for r in self.table()])


def findings(policy: Optional[PolicyInput] = None, *, principal: Optional[str] = None,
             identity_policies: Iterable[PolicyInput] = (), resource_policy: Optional[PolicyInput] = None,
             scps: Iterable[Iterable[PolicyInput]] = (), permission_boundary: Optional[PolicyInput] = None,
             session_policy: Optional[PolicyInput] = None, kind: str = "identity", account_id: str = "",
             disabled_rules: Sequence[str] = (), strict: bool = True) -> Findings:
    """Findings for one policy document (``policy``), or for a principal's policies combined
    (``principal`` + ``identity_policies`` ...), after SCPs and boundaries."""
    if principal is None:
        if policy is None:
            raise TypeError("findings() needs a policy or a principal")
        named = _named(policy, "policy", kind, strict)
        return Findings(_core.analyze_policy(named, account_id, [], list(disabled_rules)))
    args = _policy_args(identity_policies, resource_policy, scps, permission_boundary, session_policy, strict)
    return Findings(_core.analyze_principal(*args, principal, account_id, list(disabled_rules)))


def finding_rules() -> list[dict[str, str]]:
    """Every rule: id, severity, title and how to fix it."""
    return list(_core.finding_rules())


def suggest_least_privilege(policy: PolicyInput, used: Optional[Iterable[tuple[str, str]]] = None, *,
                            account_id: str = "", region: str = "", strict: bool = True) -> dict[str, Any]:
    """A narrower rewrite of ``policy`` (optionally limited to the (action, resource) pairs
    actually used): {policy_json, kept, removed, removed_counts, notes}."""
    named = _named(policy, "policy", "identity", strict)
    return dict(_core.suggest_least_privilege(named, list(used) if used is not None else None,
                                              account_id, region))


@dataclass(frozen=True)
class AuditReport:
    """The account audit: per principal, findings and an effective-permission summary."""

    data: dict[str, Any]
    source: str = ""

    @property
    def principals(self) -> list[dict[str, Any]]:
        """One dict per principal: type, name, arn, findings, allowed counts, services, is_admin."""
        return list(self.data["principals"])

    def findings(self) -> Findings:
        """Every finding of every principal."""
        return Findings([f for p in self.data["principals"] for f in p["findings"]])

    def summary_table(self) -> list[dict[str, Any]]:
        """One row per principal with finding counts by severity and allowed actions."""
        rows = []
        for p in self.data["principals"]:
            by_sev: dict[str, int] = {}
            for f in p["findings"]:
                by_sev[f["severity"]] = by_sev.get(f["severity"], 0) + 1
            rows.append({"type": p["type"], "name": p["name"], "admin": p["is_admin"],
                         "allowed": sum(p["allowed"].values()),
                         "permissions_management": p["allowed"]["Permissions management"],
                         "critical": by_sev.get("critical", 0), "high": by_sev.get("high", 0),
                         "medium": by_sev.get("medium", 0), "low": by_sev.get("low", 0),
                         "findings": len(p["findings"])})
        return rows

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`summary_table`."""
        import pandas as pd

        return pd.DataFrame(self.summary_table())

    def _repr_html_(self) -> str:
        rows = self.summary_table()
        cols = list(rows[0].keys()) if rows else ["name"]
        return (f"<p>Account {self.data['account_id']}: {len(rows)} principals, "
                f"{self.data['finding_count']} findings</p>" + table_html(cols, [[r[c] for c in cols] for r in rows]))


def audit(path_or_text: Union[str, Path], *, scps: Iterable[Iterable[PolicyInput]] = (),
          management_account: bool = False, threads: int = 0, disabled_rules: Sequence[str] = (),
          strict: bool = True) -> AuditReport:
    """Audits an authorization-details file (a path, or the JSON text itself).

    A policy in the file that does not parse is reported in the result (``data["diagnostics"]``)
    and the audit goes on.

    Raises:
        PolicyParseError: the file is not valid JSON (``line`` and ``column`` locate the error),
            or one of ``scps`` has errors.
        InvalidArgumentError: JSON that is not an authorization-details document.
    """
    source = ""
    text = str(path_or_text)
    if isinstance(path_or_text, Path) or not text.lstrip().startswith("{"):
        source = str(path_or_text)
        text = Path(path_or_text).read_text(encoding="utf-8")
    scp_levels = [_named_list(level, f"scp{i}.", "scp", strict) for i, level in enumerate(scps)]
    try:
        data = _core.audit_authorization_details(text, scp_levels, management_account, threads,
                                                 list(disabled_rules))
    except _core.InvalidArgumentError as e:   # the file is not JSON: say where, as parse_policy does
        located = _located_parse_error(e)
        if located is None:
            raise
        raise located from e
    return AuditReport(data, source)
