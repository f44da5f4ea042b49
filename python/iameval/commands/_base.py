"""What every CLI subcommand provides; the list of them is in commands/__init__.py."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Callable

# Exit codes shared by every subcommand (argparse itself exits 2 on usage errors).
EXIT_OK = 0
EXIT_FINDINGS = 1  # errors in the input (invalid policies, unreadable files, ...)
EXIT_USAGE = 2


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, argument setup and entry point."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""
