"""`iameval effective`: what a principal can do over the whole action catalog."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from ..analysis import effective_permissions
from ..managed import managed_policy
from ._base import EXIT_OK, EXIT_USAGE, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--principal", default="arn:aws:iam::111122223333:user/principal",
                        help="the principal's ARN (default: a placeholder user)")
    parser.add_argument("--policy", metavar="FILE", action="append", default=[],
                        help="an identity policy file (repeatable)")
    parser.add_argument("--managed", metavar="NAME", action="append", default=[],
                        help="an AWS managed policy by name, e.g. ReadOnlyAccess (repeatable)")
    parser.add_argument("--boundary", metavar="FILE", help="a permission boundary")
    parser.add_argument("--scp", metavar="FILE", action="append", default=[],
                        help="an SCP level (a policy or a JSON list of policies); repeat per level")
    parser.add_argument("--session-policy", metavar="FILE", help="a session policy")
    parser.add_argument("--all", action="store_true", help="also list actions that are not allowed")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")


def _load(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _run(args: argparse.Namespace) -> int:
    try:
        identity: list[Any] = [{"name": Path(p).stem, "document": _load(p)} for p in args.policy]
        identity += [{"name": n, "document": managed_policy(n)} for n in args.managed]
        scps = [(lambda d: d if isinstance(d, list) else [d])(_load(p)) for p in args.scp]
        boundary = _load(args.boundary) if args.boundary else None
        session = _load(args.session_policy) if args.session_policy else None
    except (OSError, ValueError, KeyError) as e:
        print(f"iameval effective: {e}", file=sys.stderr)
        return EXIT_USAGE
    result = effective_permissions(args.principal, identity, scps=scps, permission_boundary=boundary,
                                   session_policy=session, include_not_allowed=args.all)
    rows = result.table()
    if args.format == "json":
        json.dump({"principal": result.principal, "counts": result.counts(), "actions": result.rows},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()) if rows else ["action"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        c = result.counts()
        print(f"{result.principal}: {c['allowed']} of {c['catalog_actions']} actions allowed "
              f"({c['allowed_unconditionally']} unconditionally), {c['denied']} denied")
        for r in rows:
            extra = f" on {r['resources']}" if r["resources"] not in ("", "*") else ""
            cond = f" if {r['conditions']}" if r["conditions"] else ""
            print(f"  {r['status']:<26} {r['action']:<50} {r['access_level']:<22}{extra}{cond}  [{r['deciding_policy']}]")
    return EXIT_OK


COMMAND = Command(
    name="effective",
    help="effective permissions of a principal over the whole catalog",
    description="Every catalog action the principal can perform, on which resources, under which "
    "conditions, after SCPs, boundary and denies.\n\nexamples:\n"
    "  iameval effective --managed AdministratorAccess --scp scp.json\n"
    "  iameval effective --policy mine.json --format csv",
    add_arguments=_add_arguments,
    run=_run,
)
