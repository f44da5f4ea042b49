"""Expanding one test into concrete requests: principals x actions x resources x contexts.

``actions`` entries with ``*`` or ``?`` are expanded with the action catalog (and filtered by
``access_level``, minus ``exclude_actions``); ``for_each`` gives one request per combination
of its context values; ``account`` gives one principal per user and role of an
authorization-details file (optionally filtered by ``include``/``exclude`` globs).
"""

from __future__ import annotations

import fnmatch
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from .._core import access_levels
from ..account import AccountError, AccountPrincipal, read_authorization_details
from ..catalog import action as catalog_action, expand
from .._errors import NotFoundError
from .model import ContextValue, PolicyRef, Principal, Request

__all__ = ["ExpansionError", "MAX_REQUESTS", "build_requests"]

MAX_REQUESTS = 2_000_000  # per test: a larger product is almost certainly a mistake


class ExpansionError(ValueError):
    """A test whose request fields are wrong; ``key`` is the offending test key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def build_requests(values: Mapping[str, Any], directory: Path) -> tuple[list[Request], bool]:
    """The requests of a test (its merged keys) and whether its policies are read strictly
    (False for principals from an authorization-details file, read leniently as AWS stored them)."""
    principals, strict = _principals(values, directory)
    actions = _actions(values)
    resources = _strings(values, "resource", "resources", default=["*"])
    contexts = _contexts(values)
    resource_account = _optional_string(values, "resource_account")
    flags = {key: _bool(values, key) for key in ("principal_in_management_account",
                                                 "resource_in_management_account")}
    total = len(principals) * len(actions) * len(resources) * len(contexts)
    if total > MAX_REQUESTS:
        raise ExpansionError("actions", f"the test expands to {total:,} requests (limit "
                             f"{MAX_REQUESTS:,}); split it or narrow its patterns")
    requests = [Request(p, a, r, c, resource_account, **flags)
                for p in principals for a in actions for r in resources for c in contexts]
    return requests, strict


def _strings(values: Mapping[str, Any], one: str, many: str,
             default: Optional[list[str]] = None) -> list[str]:
    if one in values and many in values:
        raise ExpansionError(many, f"give `{one}` or `{many}`, not both")
    if one in values:
        value = values[one]
        if not isinstance(value, str) or not value:
            raise ExpansionError(one, f"`{one}` must be a non-empty string")
        return [value]
    if many in values:
        value = values[many]
        if not isinstance(value, list) or not value or \
                not all(isinstance(v, str) and v for v in value):
            raise ExpansionError(many, f"`{many}` must be a non-empty list of strings")
        return list(dict.fromkeys(value))
    if default is None:
        raise ExpansionError(one, f"every test needs `{one}` or `{many}`")
    return default


def _optional_string(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key, "")
    if not isinstance(value, str):
        raise ExpansionError(key, f"`{key}` must be a string")
    return value


def _bool(values: Mapping[str, Any], key: str) -> bool:
    value = values.get(key, False)
    if not isinstance(value, bool):
        raise ExpansionError(key, f"`{key}` must be true or false")
    return value


# ------------------------------------------------------------------------------ principals
def _principals(values: Mapping[str, Any], directory: Path) -> tuple[list[Principal], bool]:
    given = [k for k in ("principal", "principals", "account") if k in values]
    if len(given) != 1:
        raise ExpansionError(given[-1] if given else "principal",
                             "give exactly one of `principal`, `principals` or `account`")
    parent = _optional_string(values, "principal_parent_arn")
    if given[0] != "account":
        return [Principal(arn, parent) for arn in _strings(values, "principal", "principals")], True
    if parent:
        raise ExpansionError("principal_parent_arn", "`principal_parent_arn` does not apply to `account`")
    return _account_principals(values["account"], directory), False


def _account_principals(spec: Any, directory: Path) -> list[Principal]:
    if isinstance(spec, str):
        spec = {"file": spec}
    if not isinstance(spec, Mapping) or not isinstance(spec.get("file"), str) or \
            not set(spec) <= {"file", "include", "exclude"}:
        raise ExpansionError("account", "`account` must be a file path or {file, include, exclude}")
    include = _globs(spec, "include", ["*"])
    exclude = _globs(spec, "exclude", [])
    path = directory / spec["file"]
    try:
        details = read_authorization_details(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ExpansionError("account", f"cannot read authorization-details file {spec['file']!r}: {e}") from e
    except AccountError as e:
        raise ExpansionError("account", f"{spec['file']}: {e}") from e

    def chosen(p: AccountPrincipal) -> bool:
        names = (p.arn, p.name, f"{p.type}/{p.name}")
        return any(fnmatch.fnmatchcase(n, g) for g in include for n in names) and \
            not any(fnmatch.fnmatchcase(n, g) for g in exclude for n in names)

    out = [_from_account(p, spec["file"]) for p in details.principals if chosen(p)]
    if not out:
        raise ExpansionError("account", f"no principal of {spec['file']!r} is selected")
    return out


def _globs(spec: Mapping[str, Any], key: str, default: list[str]) -> list[str]:
    value = spec.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExpansionError("account", f"`account.{key}` must be a glob or a list of globs")
    return value


def _from_account(p: AccountPrincipal, file: str) -> Principal:
    def ref(policy: Any) -> PolicyRef:
        origin = f" via group {policy.via_group}" if policy.via_group else ""
        return PolicyRef(f"{file}:{p.type}/{p.name}:{policy.name}{origin}", policy.document, "account")

    boundary = ref(p.permission_boundary) if p.permission_boundary is not None else None
    return Principal(p.arn, "", tuple(ref(x) for x in p.identity_policies), boundary)


# ------------------------------------------------------------------------------ actions
def _actions(values: Mapping[str, Any]) -> list[str]:
    levels = values.get("access_level")
    if isinstance(levels, str):
        levels = [levels]
    if levels is not None:
        known = access_levels()
        if not isinstance(levels, list) or not levels or any(v not in known for v in levels):
            raise ExpansionError("access_level", f"`access_level` must be one or more of {', '.join(known)}")
    if levels is not None and "action" not in values and "actions" not in values:
        patterns = ["*"]
    else:
        patterns = _strings(values, "action", "actions")
    names = _expand_all(patterns, "actions" if "actions" in values else "action")
    if levels is not None:
        names = [n for n in names if catalog_action(n).access_level in levels]
    if "exclude_actions" in values:
        excluded_patterns = values["exclude_actions"]
        if isinstance(excluded_patterns, str):
            excluded_patterns = [excluded_patterns]
        if not isinstance(excluded_patterns, list) or \
                not all(isinstance(v, str) and v for v in excluded_patterns):
            raise ExpansionError("exclude_actions", "`exclude_actions` must be a list of actions or patterns")
        excluded = set(_expand_all(excluded_patterns, "exclude_actions"))
        names = [n for n in names if n not in excluded]
    if not names:
        raise ExpansionError("actions", "the action patterns and filters leave no action to test")
    return names


def _expand_all(patterns: list[str], key: str) -> list[str]:
    names: list[str] = []
    for pattern in patterns:
        if "*" in pattern or "?" in pattern:
            matched = expand(pattern)
            if not matched:
                raise ExpansionError(key, f"action pattern {pattern!r} matches no catalog action")
            names += matched
            continue
        try:
            names.append(catalog_action(pattern).full_name)
        except NotFoundError as e:
            raise ExpansionError(key, f"unknown action {pattern!r} (not in the action catalog)") from e
    return list(dict.fromkeys(names))


# ------------------------------------------------------------------------------ contexts
def _context_value(value: Any) -> Optional[ContextValue]:
    """A context value as text (or a list of texts for a multivalued key); None if invalid."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        items = [_context_value(v) for v in value]
        if all(isinstance(i, str) for i in items):
            return [str(i) for i in items]
    return None


def _contexts(values: Mapping[str, Any]) -> list[dict[str, ContextValue]]:
    base: dict[str, ContextValue] = {}
    context = values.get("context", {})
    if not isinstance(context, Mapping):
        raise ExpansionError("context", "`context` must be an object: key -> value")
    for key, value in context.items():
        if value is None:
            continue  # null = absent, as in the simulation format
        converted = _context_value(value)
        if converted is None:
            raise ExpansionError("context", f"context key {key!r}: a value is a string, number, "
                                 "boolean or a list of those (multivalued key)")
        base[str(key)] = converted
    matrix = values.get("for_each", {})
    if not isinstance(matrix, Mapping):
        raise ExpansionError("for_each", "`for_each` must be an object: context key -> list of values")
    axes: list[tuple[str, list[Optional[ContextValue]]]] = []
    for key, options in matrix.items():
        if not isinstance(options, list) or not options:
            raise ExpansionError("for_each", f"`for_each` key {key!r} needs a non-empty list of values")
        converted_options = []
        for option in options:
            converted = None if option is None else _context_value(option)
            if option is not None and converted is None:
                raise ExpansionError("for_each", f"`for_each` key {key!r}: invalid value {option!r}")
            converted_options.append(converted)
        axes.append((str(key), converted_options))
    out: list[dict[str, ContextValue]] = []
    for combination in itertools.product(*(options for _, options in axes)):
        ctx = dict(base)
        for (key, _), value in zip(axes, combination):
            if value is None:
                ctx.pop(key, None)  # null in for_each: one request without the key
            else:
                ctx[key] = value
        out.append(ctx)
    return out
