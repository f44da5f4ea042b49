"""The CLI subcommands. To add one: write a module exposing ``COMMAND`` and list it here."""

from __future__ import annotations

from . import audit, catalog, diff, effective, expand, simulate, test, validate
from ._base import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Command

# In the order `iameval --help` shows them.
COMMANDS: list[Command] = [
    expand.COMMAND,
    validate.COMMAND,
    simulate.COMMAND,
    effective.COMMAND,
    audit.COMMAND,
    diff.COMMAND,
    catalog.COMMAND,
    test.COMMAND,
]

# Names taken by planned subcommands; they print a notice and exit 2 until implemented.
RESERVED: list[str] = []

__all__ = ["COMMANDS", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "RESERVED", "Command"]
