"""`iameval simulate --jsonl [FILE|-]`: decide simulation cases, one result line per case."""

from __future__ import annotations

import argparse
import sys

from ..simulation import _simulator
from ._base import EXIT_FINDINGS, EXIT_OK, Command

# Lines are handed to the C++ simulator in chunks: bounded memory on huge inputs, and the
# GIL is released for each chunk.
_CHUNK_LINES = 4096


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jsonl", metavar="FILE", nargs="?", const="-", default="-",
                        help="case file in JSON Lines (default: standard input, also `-`)")
    parser.add_argument("--lenient", action="store_true",
                        help="read policies leniently: unknown operators fail closed instead "
                             "of making the case an Error")
    parser.add_argument("--no-explain", action="store_true",
                        help="print only id and decision (faster)")
    parser.add_argument("--fail-on-error", action="store_true",
                        help="exit 1 when any case is an Error")


def _run(args: argparse.Namespace) -> int:
    simulator = _simulator(strict=not args.lenient, explain=not args.no_explain)
    stream = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8", errors="surrogateescape")
    errors = 0
    out = sys.stdout
    try:
        chunk: list[str] = []

        def flush() -> None:
            nonlocal errors
            if not chunk:
                return
            for line in simulator.run_jsonl("\n".join(chunk)):
                errors += '"decision":"Error"' in line
                out.write(line + "\n")
            chunk.clear()

        for line in stream:
            chunk.append(line.rstrip("\n"))
            if len(chunk) >= _CHUNK_LINES:
                flush()
        flush()
    finally:
        if stream is not sys.stdin:
            stream.close()
    out.flush()
    return EXIT_FINDINGS if errors and args.fail_on_error else EXIT_OK


COMMAND = Command(
    name="simulate",
    help="decide simulation cases (JSON Lines) like AWS does",
    description="Read one case per line (shared/spec/simulation-format.md) and print one result "
    "line per case, in input order: {\"id\", \"decision\", \"explanation\"|\"error\"}. A bad line "
    "prints an Error result and the run continues. Identical policy sets are compiled once.\n\n"
    "examples:\n  iameval simulate --jsonl cases.jsonl\n  cat cases.jsonl | iameval simulate --jsonl -",
    add_arguments=_add_arguments,
    run=_run,
)
