"""Scale-out with Dask: audit many account files, decide very large request tables.

    >>> from dask.distributed import Client, LocalCluster              # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=4, threads_per_worker=1))  # doctest: +SKIP
    >>> results = iameval.dask.audit_files(paths, client=client)       # doctest: +SKIP
    >>> iameval.dask.audit_table(results)                              # doctest: +SKIP
    >>> table = dd.read_parquet("requests/")    # principal, action, resource, context
    >>> iameval.dask.decide_table(policies, table).compute()           # doctest: +SKIP

Import it as ``iameval.dask`` (it is not imported by ``import iameval``, and needs ``dask``;
:func:`audit_files` with a ``client`` needs ``distributed``). :class:`iameval.Policies` pickles
as its policy sources and recompiles on the worker, so compiled policy sets travel to workers
cheaply (docs/python-api.md, "Pickling").
"""

from __future__ import annotations

import ast
import importlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Union

from .account import AccountError, read_authorization_details
from .evaluator import DECISIONS, Policies, PolicyInput
from .progress import ProgressBar

__all__ = ["DEFAULT_PROBE_ACTIONS", "FileAudit", "audit_file", "audit_files", "audit_table", "decide_table"]

# What the fallback audit (no iameval.audit in this build) decides for every principal.
DEFAULT_PROBE_ACTIONS: tuple[str, ...] = (
    "iam:CreateUser", "iam:CreateAccessKey", "iam:AttachUserPolicy", "iam:AttachRolePolicy",
    "iam:PutRolePolicy", "iam:PassRole", "iam:UpdateAssumeRolePolicy", "iam:CreatePolicyVersion",
    "s3:GetObject", "s3:PutObject", "s3:PutBucketPolicy", "kms:Decrypt", "secretsmanager:GetSecretValue",
    "ec2:RunInstances", "lambda:CreateFunction", "organizations:LeaveOrganization",
)


@dataclass(frozen=True)
class FileAudit:
    """The audit of one authorization-details file.

    Attributes:
        path: the file.
        account_id: the account the file describes ("" when unknown).
        method: "audit" (``iameval.audit``: findings and effective-permission summaries) or
            "decisions" (this build has no ``iameval.audit``: the probe actions decided for each
            principal with :class:`iameval.Policies`).
        rows: one dict per principal, each with a "file" key. With "audit": the columns of
            ``AuditReport.summary_table()``; with "decisions": type, name, arn, allowed (count),
            allowed_actions (list), error.
        findings: every finding (method "audit" only).
        warnings: problems met reading the file.
        error: why ``iameval.audit`` rejected the file (the rows then come from the
            "decisions" method), or why the file could not be read at all (method "failed",
            no rows); "" when all went well.
    """

    path: str
    account_id: str
    method: str
    rows: list[dict[str, Any]]
    findings: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""


def _audit_with_decisions(path: str, text: str, scps: Sequence[Sequence[PolicyInput]],
                          actions: Sequence[str]) -> FileAudit:
    account = read_authorization_details(text)
    rows: list[dict[str, Any]] = []
    for p in account.principals:
        row: dict[str, Any] = {"file": path, "type": p.type, "name": p.name, "arn": p.arn}
        try:
            policies = Policies(
                identity_policies=[{"name": a.name, "document": a.document} for a in p.identity_policies],
                scps=scps,
                permission_boundary=({"name": p.permission_boundary.name,
                                      "document": p.permission_boundary.document}
                                     if p.permission_boundary is not None else None),
                strict=False)
            decisions = policies.decide_batch(p.arn, list(actions))
            allowed = [a for a, d in zip(actions, decisions) if d == "Allow"]
            row.update(allowed=len(allowed), allowed_actions=allowed, error="")
        except ValueError as e:  # a policy the lenient parser still rejects
            row.update(allowed=0, allowed_actions=[], error=str(e))
        rows.append(row)
    return FileAudit(path, account.account_id, "decisions", rows, [], list(account.warnings))


def audit_file(path: Union[str, Path], *, scps: Sequence[Sequence[PolicyInput]] = (),
               actions: Optional[Sequence[str]] = None, use_audit: Optional[bool] = None) -> FileAudit:
    """Audits one authorization-details file (the unit of work of :func:`audit_files`).

    Uses ``iameval.audit`` (one thread) when this build has it, ``use_audit`` is not False and
    no ``actions`` are given; otherwise reads the file with
    :func:`iameval.account.read_authorization_details` and decides ``actions`` (default
    :data:`DEFAULT_PROBE_ACTIONS`) for each principal; also when ``iameval.audit`` rejects the
    file (``error`` says why). A file that is not an authorization-details document gives
    method "failed". ``use_audit=True`` raises RuntimeError when the build has no
    ``iameval.audit``.
    """
    import iameval

    name = str(path)
    text = Path(path).read_text(encoding="utf-8")
    audit_fn = getattr(iameval, "audit", None)
    error = ""
    if audit_fn is not None and use_audit is not False and actions is None:
        try:
            report = audit_fn(text, scps=scps, threads=1)
        except ValueError as e:  # one odd file must not sink a batch of many
            error = f"iameval.audit: {e}"
        else:
            rows = [{"file": name, **r} for r in report.summary_table()]
            found = [{"file": name, **f} for f in report.findings().items]
            return FileAudit(name, str(report.data.get("account_id", "")), "audit", rows, found,
                             list(report.data.get("warnings", [])))
    elif use_audit is True:
        raise RuntimeError("this iameval build has no iameval.audit")
    try:
        result = _audit_with_decisions(name, text, scps, tuple(actions or DEFAULT_PROBE_ACTIONS))
    except AccountError as e:
        return FileAudit(name, "", "failed", [], error=(error + "; " if error else "") + str(e))
    return replace(result, error=error)


def audit_files(paths: Iterable[Union[str, Path]], client: Any = None, *,
                scps: Sequence[Sequence[PolicyInput]] = (), actions: Optional[Sequence[str]] = None,
                use_audit: Optional[bool] = None, progress: Optional[bool] = None,
                scheduler: Optional[str] = None) -> list[FileAudit]:
    """Audits many authorization-details files as a Dask computation, one task per file.

    With a ``dask.distributed`` ``client`` the tasks run on its cluster (the workers read the
    files, so the paths must be visible to them); without one, on Dask's local ``scheduler``
    ("threads" by default; "processes" or "sync" also work). Results come back in the order of
    ``paths``. ``progress`` shows a bar per finished file (None: only when interactive, see
    :mod:`iameval.progress`). ``scps``, ``actions`` and ``use_audit`` are as for
    :func:`audit_file`.
    """
    dask = _module("dask")

    names = [str(p) for p in paths]
    tasks = [dask.delayed(audit_file, pure=True)(name, scps=scps, actions=actions, use_audit=use_audit,
                                                 dask_key_name=f"iameval-audit-{i}")
             for i, name in enumerate(names)]
    with ProgressBar(len(tasks), "audit", progress, unit="file") as bar:
        if client is not None:
            as_completed = _module("distributed").as_completed
            futures = client.compute(tasks)
            for future in as_completed(futures):
                bar.update()
            results = client.gather(futures)
        else:
            def tick(key: Any, result: Any, dsk: Any, state: Any, worker_id: Any) -> None:
                if isinstance(key, str) and key.startswith("iameval-audit-"):
                    bar.update()

            with _module("dask.callbacks").Callback(posttask=tick):
                results = dask.compute(*tasks, scheduler=scheduler or "threads")
    return list(results)


def audit_table(results: Iterable[FileAudit]) -> Any:
    """One pandas DataFrame of every principal row of ``results`` (the "file" column says where)."""
    return _module("pandas").DataFrame([row for r in results for row in r.rows])


def _module(name: str) -> Any:
    """Imports an optional dependency (dask, distributed, pandas: untyped, so typed Any here)."""
    return importlib.import_module(name)


def _context(value: Any) -> Optional[dict[str, Any]]:
    """One row's context: None/NaN/NA, a mapping, or its JSON text (or Python repr, which is
    what Dask's string conversion makes of a dict in an object column)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType":
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = ast.literal_eval(value)
        if not isinstance(parsed, Mapping):
            raise TypeError(f"context text must hold an object, not {type(parsed).__name__}")
        return dict(parsed)
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"context must be a mapping, JSON text or None, not {type(value).__name__}")


def _decide_partition(frame: Any, policies: Union[Policies, Mapping[str, Policies]], column: str,
                      resource_account: str) -> Any:
    """Adds the decision column to one pandas partition (decide_batch per principal)."""
    pd = _module("pandas")
    principals = [str(p) for p in frame["principal"].tolist()]
    actions = [str(a) for a in frame["action"].tolist()]
    resources = [str(r) for r in frame["resource"].tolist()] if "resource" in frame.columns else None
    contexts = [_context(c) for c in frame["context"].tolist()] if "context" in frame.columns else None
    groups: dict[str, list[int]] = {}
    for i, principal in enumerate(principals):
        groups.setdefault(principal, []).append(i)
    decisions = [""] * len(principals)
    for principal, rows in groups.items():
        compiled = policies[principal] if isinstance(policies, Mapping) else policies
        out = compiled.decide_batch(principal, [actions[i] for i in rows],
                                    [resources[i] for i in rows] if resources is not None else "*",
                                    [contexts[i] for i in rows] if contexts is not None else None,  # type: ignore[misc]
                                    resource_account=resource_account)
        for i, d in zip(rows, out):
            decisions[i] = d
    result = frame.copy()
    result[column] = pd.Categorical(decisions, categories=list(DECISIONS))
    return result


def decide_table(policies: Union[Policies, Mapping[str, Policies]], dataframe: Any, *,
                 column: str = "decision", resource_account: str = "") -> Any:
    """Decides every row of a request table; returns the table with a ``column`` of decisions.

    ``dataframe`` is a pandas or Dask DataFrame with columns ``principal`` and ``action`` and
    optionally ``resource`` (default "*") and ``context`` (a dict, JSON text or None per row;
    in Dask prefer JSON text, since Dask may turn object columns into strings).
    ``policies`` decides for every principal of the table, or is a mapping from principal ARN to
    its policies (a principal missing from it raises KeyError). Rows are decided with
    :meth:`Policies.decide_batch`, one call per principal per partition, without the GIL.

    The decision column is categorical (Allow, ExplicitDeny, ImplicitDeny). A pandas input gives
    a pandas result at once; a Dask input gives a lazy Dask DataFrame (``map_partitions``), to
    ``.compute()`` or write out; the policies are pickled into the graph once.
    """
    if hasattr(dataframe, "map_partitions") and hasattr(dataframe, "npartitions"):
        meta = _decide_partition(dataframe._meta, policies, column, resource_account)
        return dataframe.map_partitions(_decide_partition, policies, column, resource_account, meta=meta)
    return _decide_partition(dataframe, policies, column, resource_account)
