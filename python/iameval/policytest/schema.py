"""Checking a test file against the schema and turning it into TestSpecs (docs/policy-tests.md).

Every problem becomes a SchemaIssue that names the file, line, column and JSON Pointer; a bad
test does not stop the other tests of the file from being read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

from .expansion import ExpansionError, build_requests
from .model import DECISIONS, Expectation, Location, PolicyRef, Setup, TestSpec
from .refs import RefError, Resolver
from .source import SourceFile, escape_pointer

__all__ = ["LAYERS", "SchemaIssue", "TEST_KEYS", "read_tests"]

TOP_KEYS = ("version", "description", "policies", "defaults", "tests")
SUPPORTED_VERSIONS = (1,)
# Every key a test (or `defaults`) may have, with a one-line description for messages/docs.
TEST_KEYS: dict[str, str] = {
    "name": "the test's name, unique in the file",
    "description": "free text",
    "skip": "a reason: the test is reported as skipped",
    "expect": "Allow, ExplicitDeny, ImplicitDeny or Deny, or {decision, layer, sid}",
    "require": "every (default) or some: which requests must meet `expect`",
    "identity_policies": "list of policies",
    "resource_policy": "a policy",
    "scps": "list of SCP levels (root first), each a list of policies",
    "rcps": "list of RCP levels (root first), each a list of policies",
    "permission_boundary": "a policy",
    "session_policy": "a policy",
    "vpc_endpoint_policy": "a policy",
    "principal": "the caller's ARN",
    "principals": "several callers' ARNs (same policies)",
    "account": "an authorization-details file, or {file, include, exclude}",
    "principal_parent_arn": "the role (with path) behind a role session",
    "action": "service:Action",
    "actions": "list of actions or action patterns (expanded with the catalog)",
    "exclude_actions": "list of actions or patterns removed from `actions`",
    "access_level": "keep only actions of these catalog access levels",
    "resource": "an ARN or * (default)",
    "resources": "list of ARNs",
    "resource_account": "the resource owner's account id",
    "context": "condition keys and their values",
    "for_each": "context keys with a list of values each: one request per combination",
    "principal_in_management_account": "true: SCPs do not apply",
    "resource_in_management_account": "true: RCPs do not apply",
}
LAYERS = ("identity", "resource", "scp", "rcp", "boundary", "session", "vpc-endpoint", "implicit",
          "none")
# Keys that replace each other: a test giving one of a group drops the defaults' others.
_ALTERNATIVES = (("principal", "principals", "account"), ("action", "actions"),
                 ("resource", "resources"))
_POLICY_FIELDS = ("resource_policy", "permission_boundary", "session_policy", "vpc_endpoint_policy")


@dataclass(frozen=True)
class SchemaIssue:
    """A schema problem, located in the test file."""

    location: Location
    message: str

    def __str__(self) -> str:
        loc = self.location
        where = f"{loc.file}:{loc.line}:{loc.column}" if loc.line else loc.file
        at = f" (at {loc.pointer})" if loc.pointer else ""
        return f"{where}: error: {self.message}{at}"


class _Fail(Exception):
    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message


def read_tests(source: SourceFile) -> tuple[list[TestSpec], list[SchemaIssue]]:
    """The tests of a parsed file, and every schema problem found in it."""
    issues: list[SchemaIssue] = []

    def issue(pointer: str, message: str) -> None:
        line, column = source.locate(pointer)
        issues.append(SchemaIssue(Location(source.display, pointer, line, column), message))

    data = source.data
    if not isinstance(data, Mapping):
        issue("", "a test file must be an object with a `tests` list")
        return [], issues
    for key in data:
        if key not in TOP_KEYS:
            issue(f"/{escape_pointer(str(key))}",
                  f"unknown key {key!r}; a test file has {', '.join(TOP_KEYS)}")
    if "version" in data and data["version"] not in SUPPORTED_VERSIONS:
        issue("/version", f"unsupported version {data['version']!r}; this iameval reads version 1")
    named = data.get("policies", {})
    if not isinstance(named, Mapping):
        issue("/policies", "`policies` must be an object: name -> policy")
        named = {}
    defaults = data.get("defaults", {})
    if not isinstance(defaults, Mapping):
        issue("/defaults", "`defaults` must be an object with test keys")
        defaults = {}
    for key in defaults:
        if key == "name" or key not in TEST_KEYS:
            issue(f"/defaults/{escape_pointer(str(key))}", f"{key!r} cannot be a default")
    tests = data.get("tests")
    if not isinstance(tests, list) or not tests:
        issue("/tests" if "tests" in data else "", "`tests` must be a non-empty list")
        return [], issues
    if issues:  # structural problems above make every test suspect
        return [], issues

    resolver = Resolver(source.path.parent, named)
    for name in named:  # resolve named policies once, so a bad one is reported where it is
        try:
            resolver.resolve(name, name)
        except RefError as e:
            issue(f"/policies/{escape_pointer(str(name))}", str(e))
    if issues:
        return [], issues

    specs: list[TestSpec] = []
    seen: dict[str, int] = {}
    for index, test in enumerate(tests):
        pointer = f"/tests/{index}"
        try:
            spec = _read_test(source, resolver, defaults, test, pointer)
        except _Fail as e:
            issue(e.pointer, e.message)
            continue
        if spec.name in seen:
            issue(f"{pointer}/name", f"duplicate test name {spec.name!r} (also test {seen[spec.name]})")
            continue
        seen[spec.name] = index
        specs.append(spec)
    return specs, issues


class _Fields:
    """A test's keys merged over `defaults`, remembering where each value was written."""

    def __init__(self, defaults: Mapping[str, Any], test: Mapping[str, Any], pointer: str) -> None:
        self.values: dict[str, Any] = {}
        self.pointers: dict[str, str] = {}
        for source, base in ((defaults, "/defaults"), (test, pointer)):
            for group in _ALTERNATIVES:
                if any(k in source for k in group) and source is test:
                    for k in group:
                        if k not in test:
                            self.values.pop(k, None)
                            self.pointers.pop(k, None)
            for key, value in source.items():
                at = f"{base}/{escape_pointer(str(key))}"
                if key in ("context", "for_each") and isinstance(value, Mapping) and \
                        isinstance(self.values.get(key), Mapping):
                    value = {**self.values[key], **value}  # key-wise merge, the test wins
                self.values[key] = value
                self.pointers[key] = at

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def at(self, key: str) -> str:
        return self.pointers.get(key, "")

    def __contains__(self, key: str) -> bool:
        return key in self.values


def _read_test(source: SourceFile, resolver: Resolver, defaults: Mapping[str, Any], test: Any,
               pointer: str) -> TestSpec:
    if not isinstance(test, Mapping):
        raise _Fail(pointer, "a test must be an object")
    for key in test:
        if key not in TEST_KEYS:
            raise _Fail(f"{pointer}/{escape_pointer(str(key))}",
                        f"unknown key {key!r}; see docs/policy-tests.md for the test keys")
    f = _Fields(defaults, test, pointer)
    name = f.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Fail(f.at("name") or pointer, "every test needs a `name` (a non-empty string)")
    line, column = source.locate(pointer)
    location = Location(source.display, pointer, line, column)
    expect = _expectation(f)
    require = f.get("require", "every")
    if require not in ("every", "some"):
        raise _Fail(f.at("require"), "`require` must be \"every\" or \"some\"")
    for key in ("description", "skip"):
        if key in f and not isinstance(f.get(key), str):
            raise _Fail(f.at(key), f"`{key}` must be a string")
    setup = _setup(f, resolver, name)
    try:
        requests, strict = build_requests(f.values, source.path.parent)
    except ExpansionError as e:
        raise _Fail(f.at(e.key) or pointer, e.message) from e
    return TestSpec(name=name, location=location, setup=setup, expect=expect, requests=requests,
                    require=require, description=f.get("description", ""), skip=f.get("skip"),
                    strict=strict)


def _expectation(f: _Fields) -> Expectation:
    value = f.get("expect")
    at = f.at("expect")
    if value is None:
        raise _Fail(at or "", "every test needs `expect`: " + TEST_KEYS["expect"])
    if isinstance(value, str):
        value = {"decision": value}
    if not isinstance(value, Mapping):
        raise _Fail(at, "`expect` must be a decision or {decision, layer, sid}")
    for key in value:
        if key not in ("decision", "layer", "sid"):
            raise _Fail(f"{at}/{escape_pointer(str(key))}", f"unknown key {key!r} in `expect`")
    decision = value.get("decision")
    if decision not in DECISIONS:
        raise _Fail(at, f"`expect` must be one of {', '.join(DECISIONS)}; got {decision!r}")
    layer = value.get("layer")
    if layer is not None and layer not in LAYERS:
        raise _Fail(f"{at}/layer", f"`layer` must be one of {', '.join(LAYERS)}")
    sid = value.get("sid")
    if sid is not None and not isinstance(sid, str):
        raise _Fail(f"{at}/sid", "`sid` must be a string")
    return Expectation(decision, layer, sid)


def _setup(f: _Fields, resolver: Resolver, test_name: str) -> Setup:
    def one(key: str, value: Any, pointer: str) -> PolicyRef:
        try:
            return resolver.resolve(value, f"{test_name}/{key}")
        except RefError as e:
            raise _Fail(pointer, str(e)) from e

    def many(key: str) -> tuple[PolicyRef, ...]:
        value = f.get(key, [])
        if not isinstance(value, list):
            raise _Fail(f.at(key), f"`{key}` must be a list of policies")
        return tuple(one(key, v, f"{f.at(key)}/{i}") for i, v in enumerate(value))

    def levels(key: str) -> tuple[tuple[PolicyRef, ...], ...]:
        value = f.get(key, [])
        if not isinstance(value, list) or not all(isinstance(level, list) for level in value):
            raise _Fail(f.at(key), f"`{key}` must be a list of levels (root first), each a list "
                                   f"of policies, e.g. [[\"FullAWSAccess\", \"deny.json\"]]")
        return tuple(tuple(one(key, v, f"{f.at(key)}/{i}/{j}") for j, v in enumerate(level))
                     for i, level in enumerate(value))

    singles: dict[str, Optional[PolicyRef]] = {
        key: (one(key, f.get(key), f.at(key)) if f.get(key) is not None else None)
        for key in _POLICY_FIELDS}
    if "account" in f and ("identity_policies" in f or "permission_boundary" in f):
        key = "identity_policies" if "identity_policies" in f else "permission_boundary"
        raise _Fail(f.at(key), f"`{key}` cannot be combined with `account`: the "
                               "authorization-details file gives each principal its own")
    return Setup(identity_policies=many("identity_policies"), scps=levels("scps"),
                 rcps=levels("rcps"), **singles)

