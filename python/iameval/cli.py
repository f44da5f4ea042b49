"""The `iameval` command line: `iameval SUBCOMMAND ...` (see `iameval --help`).

Each subcommand lives in its own module under iameval/commands/ and is registered in
``commands.COMMANDS``. Exit codes: 0 success, 1 findings (errors in the input), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from typing import Sequence

from . import __version__
from .commands import COMMANDS, EXIT_USAGE, RESERVED


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps each line of a description on its own and keeps indented lines (the examples)
    exactly as written; argparse's default joins them all into one paragraph."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if not line.strip() or line.startswith(" "):
                lines.append(indent + line if line.strip() else "")
            else:
                lines.append(textwrap.fill(line, width, initial_indent=indent,
                                           subsequent_indent=indent))
        return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """Returns the argument parser with every registered and reserved subcommand."""
    parser = argparse.ArgumentParser(
        prog="iameval",
        description="AWS IAM policy tools: expand action patterns, validate policies, "
        "inspect the embedded action catalog.",
    )
    parser.add_argument("--version", action="version", version=f"iameval {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help,
                                    description=command.description or command.help,
                                    formatter_class=_HelpFormatter)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    for name in RESERVED:
        sub = subparsers.add_parser(name, help="(reserved; not implemented yet)")
        sub.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        sub.set_defaults(run=_not_implemented)
    return parser


def _not_implemented(args: argparse.Namespace) -> int:
    print(f"iameval: '{args.command}' is not implemented yet", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the CLI with ``argv`` (default: sys.argv[1:]) and returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # `iameval expand '*' | head`: the reader went away; not an error of ours. Point stdout
        # at /dev/null so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
