"""Policy tests: expectations written next to policies, checked by `iameval test`.

A test file (``*.test.json``, or ``*.test.yaml`` with PyYAML) lists tests; each names the
policies of every layer, one or many requests (principals x actions x resources x context
combinations) and the decision they must get. See docs/policy-tests.md.

    >>> from iameval.policytest import run_paths
    >>> run, specs = run_paths(["policies/"])        # doctest: +SKIP
    >>> run.exit_code()                              # doctest: +SKIP
    0
"""

from __future__ import annotations

from .export import export_cases, write_cases
from .junit import junit_xml, write_junit
from .model import Expectation, Location, PolicyRef, Principal, Request, Setup, TestSpec
from .report_text import summary, write_text
from .results import FileResult, Issue, RequestFailure, RunResult, TestResult
from .runner import UsageError, find_test_files, load_file, run_file, run_paths, run_test
from .sarif import sarif_log, write_sarif

__all__ = [
    "Expectation", "FileResult", "Issue", "Location", "PolicyRef", "Principal", "Request",
    "RequestFailure", "RunResult", "Setup", "TestResult", "TestSpec", "UsageError",
    "export_cases", "find_test_files", "junit_xml", "load_file", "run_file", "run_paths",
    "run_test", "sarif_log", "summary", "write_cases", "write_junit", "write_sarif", "write_text",
]
