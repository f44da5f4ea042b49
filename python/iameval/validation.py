"""Parsing and validating policy documents, with diagnostics as dataclasses."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from collections.abc import Mapping
from typing import Any, Union

from . import _core
from ._errors import PolicyParseError

__all__ = ["Diagnostic", "PolicyDocument", "parse_policy", "policy_kinds", "validate"]

# A policy as JSON text (str or bytes) or as an already-decoded JSON object.
PolicyDocument = Union[str, bytes, Mapping[str, Any]]


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning about a policy document.

    ``kind`` is a stable snake_case code ("invalid_json", "unknown_action", ...), ``path`` the
    JSON Pointer of the element, ``line``/``column`` 1-based positions in the source text (0 when
    unknown; for a dict document they refer to its ``json.dumps(doc, indent=2)`` form).
    """

    kind: str
    severity: str  # "error" or "warning"
    message: str
    path: str
    line: int
    column: int

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (for JSON output)."""
        return asdict(self)

    def __str__(self) -> str:
        text = f"{self.line}:{self.column}: {self.severity}: {self.message} [{self.kind}]"
        return f"{text} at {self.path}" if self.path else text


def _to_text(document: PolicyDocument) -> str | bytes:
    if isinstance(document, (str, bytes)):
        return document
    if isinstance(document, Mapping):
        # Indented so that line numbers in diagnostics still mean something.
        return json.dumps(document, indent=2)
    raise TypeError(
        f"policy document must be str, bytes or a mapping, not {type(document).__name__}"
    )


def _convert(result: _core.ParseResult) -> list[Diagnostic]:
    return [
        Diagnostic(d.kind, d.severity, d.message, d.path, d.line, d.column)
        for d in result.diagnostics
    ]


def policy_kinds() -> list[str]:
    """Returns the policy kind names: identity, resource, trust, scp, rcp, boundary, ..."""
    return _core.policy_kinds()


def validate(
    document: PolicyDocument, kind: str = "identity", *, strict: bool = True
) -> list[Diagnostic]:
    """Checks a policy document and returns its errors and warnings (empty when clean).

    Parse errors (invalid JSON, wrong types, unknown elements, kind rules such as Principal in
    an SCP) are errors; catalog checks (unknown services and actions) are warnings, added only
    when the document parses. ``strict=False`` turns unknown condition operators and the kind
    rules into warnings.

    Raises:
        InvalidArgumentError: (a ValueError) for an unknown ``kind``.
        TypeError: when ``document`` is not str, bytes or a mapping.
    """
    return _convert(_core.validate_policy(_to_text(document), kind, strict))


def parse_policy(
    document: PolicyDocument, kind: str = "identity", *, strict: bool = True
) -> list[Diagnostic]:
    """Parses a policy document, raising on the first error; returns the parser's warnings.

    Unlike :func:`validate` this runs no catalog checks.

    Raises:
        PolicyParseError: (a ValueError) when the document has errors; its ``path``, ``line``
            and ``column`` locate the first one and ``diagnostics`` holds all of them.
        InvalidArgumentError: (a ValueError) for an unknown ``kind``.
    """
    result = _core.parse_policy(_to_text(document), kind, strict)
    diagnostics = _convert(result)
    if not result.ok:
        raise PolicyParseError(diagnostics)
    return diagnostics
