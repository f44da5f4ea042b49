"""`iameval expand PATTERN...`: the catalog actions IAM action patterns match."""

from __future__ import annotations

import argparse
import json
import sys

from ..catalog import expand
from ._base import EXIT_FINDINGS, EXIT_OK, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("patterns", metavar="PATTERN", nargs="+",
                        help='an action pattern, e.g. "s3:Get*", "*:Describe*", "iam:?etUser"')
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: one service:Action per line (default); json: a list")


def _run(args: argparse.Namespace) -> int:
    names: set[str] = set()
    status = EXIT_OK
    for pattern in args.patterns:
        matched = expand(pattern)
        if not matched:
            print(f"iameval expand: {pattern!r} matches no action", file=sys.stderr)
            status = EXIT_FINDINGS
        names.update(matched)
    # Sorted by service, then action, ignoring case (as expand() sorts each pattern).
    ordered = sorted(names, key=lambda n: (n.partition(":")[0], n.lower(), n))
    if args.format == "json":
        json.dump(ordered, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(name + "\n" for name in ordered)
    return status


COMMAND = Command(
    name="expand",
    help="list the actions IAM action patterns match",
    description="Print every catalog action the patterns match (their union), sorted by "
    "service then action. Exit 1 when a pattern matches nothing.\n\nexamples:\n"
    "  iameval expand 's3:Get*'\n  iameval expand '*:Describe*' 'iam:?etUser' --format json\n"
    "  iameval expand 's3:*' | wc -l",
    add_arguments=_add_arguments,
    run=_run,
)
