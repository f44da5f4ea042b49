"""iameval: AWS IAM policy evaluation, as a C++ library with Python bindings.

    >>> import iameval
    >>> "s3:GetObject" in iameval.expand("s3:Get*")
    True
    >>> iameval.action("s3:getobject").access_level
    'Read'
    >>> iameval.validate({"Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt",
    ...                                  "Resource": "*"}]})[0].kind
    'unknown_action'
"""

from __future__ import annotations

from ._core import version as _version
from ._errors import Error, InvalidArgumentError, NotFoundError, PolicyParseError
from .analysis import (AuditReport, EffectivePermissions, Findings, audit, effective_permissions,
                       finding_rules, findings, suggest_least_privilege)
from .evaluator import Decision, Policies
from .diff import PolicyDiff, diff, diff_principals
from .simulation import simulate, simulate_jsonl, simulate_many
from .catalog import Action, CatalogInfo, ResourceType, action, catalog_info, expand, services
from .managed import managed_policy, managed_policy_names, managed_policy_version
from .validation import Diagnostic, PolicyDocument, parse_policy, policy_kinds, validate
from . import plotting  # iameval.plotting.access_heatmap; matplotlib is imported on first use

__version__: str = _version()

__all__ = [
    "Action",
    "AuditReport",
    "EffectivePermissions",
    "Findings",
    "audit",
    "effective_permissions",
    "finding_rules",
    "findings",
    "suggest_least_privilege",
    "Decision",
    "Policies",
    "PolicyDiff",
    "diff",
    "diff_principals",
    "simulate",
    "simulate_jsonl",
    "simulate_many",
    "CatalogInfo",
    "Diagnostic",
    "Error",
    "InvalidArgumentError",
    "NotFoundError",
    "PolicyDocument",
    "PolicyParseError",
    "ResourceType",
    "__version__",
    "action",
    "catalog_info",
    "expand",
    "managed_policy",
    "managed_policy_names",
    "managed_policy_version",
    "parse_policy",
    "policy_kinds",
    "services",
    "validate",
]
