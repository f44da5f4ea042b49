"""The AWS managed policies embedded in the library (default versions)."""

from __future__ import annotations

import json
from typing import Any

from ._core import ManagedPolicies, ManagedPolicy
from ._errors import NotFoundError

__all__ = ["managed_policy", "managed_policy_names", "managed_policy_version"]


def _find(name_or_arn: str) -> ManagedPolicy:
    policy = ManagedPolicies.default().find(name_or_arn)
    if policy is None:
        raise NotFoundError(f"unknown AWS managed policy {name_or_arn!r}")
    return policy


def managed_policy(name_or_arn: str) -> dict[str, Any]:
    """Returns the document of an AWS managed policy as a dict.

    Args:
        name_or_arn: "ReadOnlyAccess" or "arn:aws:iam::aws:policy/ReadOnlyAccess" (exact,
            case-sensitive, as IAM names are).

    Raises:
        NotFoundError: (a KeyError) when no managed policy has that name or ARN.
    """
    document: dict[str, Any] = json.loads(_find(name_or_arn).document_json)
    return document


def managed_policy_version(name_or_arn: str) -> str:
    """Returns the embedded default version id of a managed policy, e.g. "v188"."""
    return _find(name_or_arn).version


def managed_policy_names() -> list[str]:
    """Returns the names of every embedded AWS managed policy, sorted."""
    return ManagedPolicies.default().names()
