"""Resolving policy references of a test file into documents.

A reference is one of:

* a string: a name from the file's ``policies`` section, else a file path relative to the test
  file, else the name or ARN of an AWS managed policy (``ReadOnlyAccess``) or of the two AWS
  Organizations managed policies ``FullAWSAccess`` (SCP) and ``RCPFullAWSAccess`` (RCP);
* ``{"file": "path"}``, ``{"managed": "name or ARN"}``;
* ``{"name": "...", "document": {...}}`` or an inline document (an object with ``Statement``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from .._errors import NotFoundError
from ..managed import managed_policy
from .model import PolicyRef

__all__ = ["BUILTIN_POLICIES", "RefError", "Resolver"]

_ALLOW_ALL = {"Effect": "Allow", "Action": "*", "Resource": "*"}
# AWS Organizations managed policies (not IAM managed policies, so not in the embedded set).
BUILTIN_POLICIES: dict[str, dict[str, Any]] = {
    "FullAWSAccess": {"Version": "2012-10-17", "Statement": [dict(_ALLOW_ALL)]},
    "RCPFullAWSAccess": {"Version": "2012-10-17",
                         "Statement": [dict(_ALLOW_ALL, Principal="*")]},
}
_BUILTIN_ARNS = {
    "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess": "FullAWSAccess",
    "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess": "RCPFullAWSAccess",
}


class RefError(ValueError):
    """A reference that resolves to nothing; the message says why."""


class Resolver:
    """Resolves the references of one test file (named policies are resolved once)."""

    def __init__(self, directory: Path, named: Mapping[str, Any]) -> None:
        self.directory = directory
        self.named = dict(named)
        self._cache: dict[str, PolicyRef] = {}
        self._resolving: set[str] = set()

    def resolve(self, ref: Any, inline_name: str) -> PolicyRef:
        """The document ``ref`` stands for; ``inline_name`` names an inline document."""
        if isinstance(ref, str):
            return self._string(ref)
        if isinstance(ref, Mapping):
            if "Statement" in ref:
                return PolicyRef(inline_name, json.dumps(ref, indent=2), "inline")
            keys = set(ref)
            if keys == {"file"}:
                return self._file(_text(ref["file"], "file"))
            if keys == {"managed"}:
                name = _text(ref["managed"], "managed")
                managed = self._managed(name, strict=True)
                if managed is None:  # strict lookups raise instead
                    raise RefError(f"{name!r} is not an AWS managed policy")
                return managed
            if "document" in ref and keys <= {"name", "document"}:
                name = _text(ref.get("name", inline_name), "name")
                document = ref["document"]
                if isinstance(document, str):
                    return PolicyRef(name, document, "inline")
                if isinstance(document, Mapping):
                    return PolicyRef(name, json.dumps(document, indent=2), "inline")
                raise RefError("`document` must be a policy object or its JSON text")
            raise RefError("a policy is a name, a file path, {\"file\": ...}, {\"managed\": ...}, "
                           "{\"name\": ..., \"document\": ...} or a document with `Statement`; "
                           f"got an object with {', '.join(sorted(keys)) or 'no keys'}")
        raise RefError(f"a policy must be a string or an object, not {_type_name(ref)}")

    def _string(self, ref: str) -> PolicyRef:
        if ref in self.named:
            if ref not in self._cache:
                if ref in self._resolving:
                    raise RefError(f"policy {ref!r} refers to itself")
                self._resolving.add(ref)
                try:
                    resolved = self.resolve(self.named[ref], ref)
                finally:
                    self._resolving.discard(ref)
                # Named inline documents carry the name the file gave them.
                self._cache[ref] = resolved
            return self._cache[ref]
        if (self.directory / ref).is_file():
            return self._file(ref)
        managed = self._managed(ref, strict=False)
        if managed is not None:
            return managed
        looks_like_file = "/" in ref or ref.endswith((".json", ".yaml", ".yml"))
        if looks_like_file and not ref.startswith("arn:"):
            raise RefError(f"policy file {ref!r} not found (paths are relative to the test file)")
        raise RefError(f"no policy {ref!r}: not a name in `policies`, not a file next to the test "
                       "file, not an AWS managed policy")

    def _file(self, path: str) -> PolicyRef:
        full = self.directory / path
        key = f"file:{full}"
        if key not in self._cache:
            try:
                text = full.read_text(encoding="utf-8")
            except FileNotFoundError as e:
                raise RefError(f"policy file {path!r} not found (paths are relative to the test file)") from e
            except (OSError, UnicodeDecodeError) as e:
                raise RefError(f"cannot read policy file {path!r}: {e}") from e
            self._cache[key] = PolicyRef(path, text, "file", full)
        return self._cache[key]

    def _managed(self, name: str, strict: bool) -> Optional[PolicyRef]:
        builtin = _BUILTIN_ARNS.get(name, name)
        if builtin in BUILTIN_POLICIES:
            return PolicyRef(builtin, json.dumps(BUILTIN_POLICIES[builtin], indent=2), "managed")
        try:
            document = managed_policy(name)
        except NotFoundError as e:
            if strict:
                raise RefError(f"{name!r} is not an AWS managed policy") from e
            return None
        return PolicyRef(name.rsplit("/", 1)[-1], json.dumps(document, indent=2), "managed")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise RefError(f"`{what}` must be a non-empty string")
    return value


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list",
            type(None): "null"}.get(type(value), type(value).__name__)
