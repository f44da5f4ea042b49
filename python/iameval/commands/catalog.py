"""`iameval catalog`: what the embedded catalog and managed-policy set hold."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ..catalog import catalog_info
from .._core import ManagedPolicies
from ._base import EXIT_OK, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json")


def _run(args: argparse.Namespace) -> int:
    info = catalog_info()
    managed = ManagedPolicies.default()
    if args.format == "json":
        summary = asdict(info)
        summary["managed_policies"] = {"source": managed.source, "count": len(managed)}
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    rows = [
        ("source", f"{info.package} {info.version} (generated {info.generated})"),
        ("services", str(info.service_count)),
        ("actions", str(info.action_count)),
    ]
    rows += [(f"  {level}", str(count)) for level, count in info.access_levels.items()]
    rows += [
        ("wildcard-only actions", str(info.wildcard_only_count)),
        ("managed policies", f"{len(managed)} ({managed.source})"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{label + ':':<{width}}{value}" for label, value in rows]
    print("\n".join(lines))
    return EXIT_OK


COMMAND = Command(
    name="catalog",
    help="summarise the embedded action catalog",
    description="Print the catalog's source and counts: services, actions, actions per access "
    "level, wildcard-only actions (no resource-level permissions), managed policies.\n\n"
    "examples:\n  iameval catalog\n  iameval catalog --format json",
    add_arguments=_add_arguments,
    run=_run,
)
