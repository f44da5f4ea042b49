"""JUnit XML for CI systems: one <testsuite> per test file, one <testcase> per test."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .results import ERROR, FAILED, SKIPPED, FileResult, RunResult

__all__ = ["junit_xml", "write_junit"]


def _suite(f: FileResult) -> ET.Element:
    failures = sum(t.status == FAILED for t in f.tests)
    errors = sum(t.status == ERROR for t in f.tests) + len(f.errors)
    skipped = sum(t.status == SKIPPED for t in f.tests)
    tests = len(f.tests) + len(f.errors)
    seconds = sum(t.seconds for t in f.tests)
    suite = ET.Element("testsuite", name=f.file, tests=str(tests), failures=str(failures),
                       errors=str(errors), skipped=str(skipped), time=f"{seconds:.3f}")
    for issue in f.errors:  # an unreadable file or schema error: a test case that errored
        case = ET.SubElement(suite, "testcase", classname=f.file, name=f"input: {issue.location.pointer or 'file'}",
                             file=f.file, line=str(issue.location.line))
        ET.SubElement(case, "error", message=issue.message, type="input-error").text = str(issue)
    for t in f.tests:
        case = ET.SubElement(suite, "testcase", classname=f.file, name=t.name, file=f.file,
                             line=str(t.location.line), time=f"{t.seconds:.3f}")
        if t.status == SKIPPED:
            ET.SubElement(case, "skipped", message=t.message)
        elif t.status == ERROR:
            ET.SubElement(case, "error", message=t.message, type="input-error").text = t.message
        elif t.status == FAILED:
            body = [t.message]
            for failure in t.failures:
                body += [f"- {failure.request.label()}", f"  {failure.message}", failure.explanation]
            ET.SubElement(case, "failure", message=t.message, type="expectation").text = "\n".join(body)
    return suite


def junit_xml(run: RunResult) -> str:
    """The whole run as JUnit XML text."""
    root = ET.Element("testsuites", name="iameval test", tests=str(sum(len(f.tests) + len(f.errors) for f in run.files)),
                      failures=str(run.count(FAILED)), errors=str(run.input_errors),
                      skipped=str(run.count(SKIPPED)))
    root.extend(_suite(f) for f in run.files)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(run: RunResult, path: Path) -> None:
    """Writes the run as JUnit XML to ``path``."""
    path.write_text(junit_xml(run), encoding="utf-8")
