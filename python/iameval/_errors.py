"""The exceptions iameval raises.

``Error`` is the base of all of them. The extension defines the ones a C++ status maps to
(``InvalidArgumentError``, ``NotFoundError``); ``PolicyParseError`` is raised by the Python
helper :func:`iameval.parse_policy` and carries where the first error stands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from ._core import Error, InvalidArgumentError, NotFoundError

if TYPE_CHECKING:
    from .validation import Diagnostic

__all__ = ["Error", "InvalidArgumentError", "NotFoundError", "PolicyParseError"]


class PolicyParseError(Error, ValueError):
    """A policy document has errors; attributes locate the first one.

    Attributes:
        path: JSON Pointer of the offending element ("" for the whole document).
        line: 1-based line in the source text (0 when unknown).
        column: 1-based column, in bytes (0 when unknown).
        kind: stable snake_case code of the first error, e.g. "invalid_json".
        diagnostics: every error and warning, in document order.
    """

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else None
        self.diagnostics = list(diagnostics)
        self.kind = first.kind if first else ""
        self.path = first.path if first else ""
        self.line = first.line if first else 0
        self.column = first.column if first else 0
        message = str(first) if first else "policy has errors"
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})"
        super().__init__(message)


_LOCATED = re.compile(r"^(\d+):(\d+): (.+)$", re.S)


def _located_parse_error(error: Exception, kind: str = "invalid_json") -> Optional[PolicyParseError]:
    """A PolicyParseError for an extension error whose message starts with "line:column: "
    (how the C++ side reports a document it cannot parse), else None."""
    from .validation import Diagnostic

    match = _LOCATED.match(str(error))
    if match is None:
        return None
    line, column, message = int(match.group(1)), int(match.group(2)), match.group(3)
    return PolicyParseError([Diagnostic(kind, "error", message, "", line, column)])
