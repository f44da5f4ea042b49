"""`iameval test PATH...`: run policy tests (docs/policy-tests.md) and report failures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..policytest import UsageError, run_paths, write_cases, write_junit, write_sarif, write_text
from ._base import EXIT_USAGE, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="PATH", nargs="+",
                        help="a test file (*.test.json, *.test.yaml) or a folder searched "
                        "recursively for them")
    parser.add_argument("--junit", metavar="FILE", help="also write JUnit XML to FILE")
    parser.add_argument("--sarif", metavar="FILE", help="also write SARIF 2.1.0 to FILE")
    parser.add_argument("--export-cases", metavar="FILE",
                        help="also write every request as a simulation case (JSON Lines) to "
                        "FILE (- for stdout), e.g. for the differential oracle")
    parser.add_argument("-k", "--select", metavar="TEXT",
                        help="run only tests whose name contains TEXT (case-insensitive)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing tests too")
    parser.add_argument("--max-failures", type=int, default=5, metavar="N",
                        help="explain at most N failing requests per test (default 5)")
    parser.add_argument("--no-warnings", action="store_true",
                        help="do not print policy warnings (unknown actions, ...)")


def _run(args: argparse.Namespace) -> int:
    try:
        run, specs = run_paths(args.paths, shown_failures=max(args.max_failures, 0),
                               selected=args.select)
    except UsageError as e:
        print(f"iameval test: {e}", file=sys.stderr)
        return EXIT_USAGE
    exporting_to_stdout = args.export_cases == "-"
    # With the cases on stdout the report goes to stderr, so the two never mix.
    write_text(run, sys.stderr if exporting_to_stdout else sys.stdout, verbose=args.verbose,
               warnings=not args.no_warnings)
    try:
        if args.junit:
            write_junit(run, Path(args.junit))
        if args.sarif:
            write_sarif(run, Path(args.sarif))
        if args.export_cases:
            if exporting_to_stdout:
                write_cases(specs, sys.stdout)
            else:
                with open(args.export_cases, "w", encoding="utf-8") as out:
                    write_cases(specs, out)
    except OSError as e:
        print(f"iameval test: cannot write {e.filename}: {e.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return run.exit_code()


COMMAND = Command(
    name="test",
    help="run policy tests: expected decisions written next to the policies",
    description="Run every test of the given test files (folders are searched for *.test.json, "
    "*.test.yaml, *.test.yml), report the failing ones with the decision's explanation. "
    "Exit 0 when every test passes, 1 when some test fails, 2 on usage or input errors "
    "(schema errors, missing or invalid policies). The format is in docs/policy-tests.md.\n\n"
    "examples:\n  iameval test policies/\n  iameval test scp.test.json --junit out.xml --sarif out.sarif\n"
    "  iameval test policies/ --export-cases cases.jsonl",
    add_arguments=_add_arguments,
    run=_run,
)
