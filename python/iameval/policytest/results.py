"""Outcomes of running test files: per request failure, per test, per file, per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Location, Request

__all__ = ["FileResult", "Issue", "RequestFailure", "RunResult", "TestResult"]

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"


@dataclass(frozen=True)
class Issue:
    """An input problem (schema error, unreadable or invalid policy) or a warning, located."""

    location: Location
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        loc = self.location
        where = f"{loc.file}:{loc.line}:{loc.column}" if loc.line else loc.file
        at = f" (at {loc.pointer})" if loc.pointer else ""
        return f"{where}: {self.severity}: {self.message}{at}"


@dataclass(frozen=True)
class RequestFailure:
    """One request whose decision did not meet the expectation."""

    request: Request
    message: str  # "expected ExplicitDeny, got Allow"
    explanation: str  # Decision.explain()


@dataclass
class TestResult:
    """The outcome of one test."""

    __test__ = False  # not a pytest test class

    name: str
    location: Location
    status: str  # passed, failed, error, skipped
    expectation: str = ""
    requests: int = 0
    failed_requests: int = 0
    failures: list[RequestFailure] = field(default_factory=list)  # the first few, explained
    message: str = ""  # skip reason, error text, or a summary of the failure
    seconds: float = 0.0
    description: str = ""

    @property
    def ok(self) -> bool:
        """True unless the test failed or could not run."""
        return self.status in (PASSED, SKIPPED)


@dataclass
class FileResult:
    """The tests of one file, and the problems met reading it."""

    file: str
    tests: list[TestResult] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # errors stop tests; warnings do not

    @property
    def errors(self) -> list[Issue]:
        """Input errors of the file itself (not of one test)."""
        return [i for i in self.issues if i.severity == "error"]


@dataclass
class RunResult:
    """Every file of a run."""

    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many tests have ``status``."""
        return sum(t.status == status for f in self.files for t in f.tests)

    @property
    def requests(self) -> int:
        """How many requests were decided."""
        return sum(t.requests for f in self.files for t in f.tests if t.status != SKIPPED)

    @property
    def input_errors(self) -> int:
        """File-level input errors plus tests that could not run."""
        return sum(len(f.errors) for f in self.files) + self.count(ERROR)

    def exit_code(self) -> int:
        """2 on any input error, else 1 on any failed test, else 0."""
        if self.input_errors:
            return 2
        return 1 if self.count(FAILED) else 0

    def first_error(self) -> Optional[str]:
        """The first input error, as text (for one-line messages)."""
        for f in self.files:
            for i in f.errors:
                return str(i)
            for t in f.tests:
                if t.status == ERROR:
                    return f"{t.location}: {t.message}"
        return None
