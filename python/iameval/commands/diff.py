"""`iameval diff OLD NEW`: does NEW allow anything OLD does not (check no new access)?"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

from .._errors import Error, PolicyParseError
from ..account import AccountError
from ..diff import PolicyDiff, diff, diff_principals
from ..managed import managed_policy
from ..validation import parse_policy, policy_kinds
from ._base import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Command

_POLICY_HELP = "a JSON policy file, - for stdin, or an AWS managed policy name (e.g. ReadOnlyAccess)"


class _InputError(Exception):
    """An input that cannot be read or parsed; the message says where."""


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old_policy", metavar="OLD", nargs="?", help=f"the old policy: {_POLICY_HELP}")
    parser.add_argument("new_policy", metavar="NEW", nargs="?", help=f"the new policy: {_POLICY_HELP}")
    parser.add_argument("--kind", default="identity", choices=policy_kinds(),
                        help="the kind of OLD and NEW (default: identity)")
    sets = parser.add_argument_group("policy sets (instead of OLD NEW)")
    sets.add_argument("--old", metavar="POLICY", action="append", default=[],
                      help="an identity policy of the old set (repeatable); " + _POLICY_HELP)
    sets.add_argument("--new", metavar="POLICY", action="append", default=[],
                      help="an identity policy of the new set (repeatable)")
    sets.add_argument("--old-boundary", metavar="POLICY", help="the old set's permission boundary")
    sets.add_argument("--new-boundary", metavar="POLICY", help="the new set's permission boundary")
    sets.add_argument("--details", metavar="FILE",
                      help="an authorization-details file (`aws iam get-account-authorization-details`, "
                           "or -): the sets are its principals' policies")
    sets.add_argument("--new-details", metavar="FILE",
                      help="a second authorization-details file for NEW's principal (compare snapshots)")
    sets.add_argument("--principal", "--new-principal", dest="principal", metavar="ARN",
                      help="NEW's principal, and OLD's unless --old-principal (with --details: an ARN "
                           "or a user/role name)")
    sets.add_argument("--old-principal", metavar="ARN", help="OLD's principal (compare two principals)")
    sets.add_argument("--scp", metavar="FILE", action="append", default=[],
                      help="an SCP level for both sides (a policy or a JSON list of policies); repeat "
                           "per level, root first")
    sets.add_argument("--management-account", action="store_true",
                      help="the principals are in the organization's management account (no SCPs)")
    parser.add_argument("--format", choices=("text", "json", "jsonl"), default="text",
                        help="text (default); json: the whole result; jsonl: two simulation cases per "
                             "counterexample (NEW's, then OLD's) for `iameval simulate --jsonl`")
    parser.add_argument("--max-counterexamples", type=int, default=20, metavar="N",
                        help="verified example requests to report at most (default 20)")
    parser.add_argument("--max-changes", type=int, default=50, metavar="N",
                        help="changed actions listed in text output (default 50)")
    parser.add_argument("--lenient", action="store_true",
                        help="read policies leniently (unknown operators fail closed)")


class _Reader:
    """Reads policy arguments: files, `-` (stdin, once) or AWS managed policy names."""

    def __init__(self) -> None:
        self.stdin_used = False

    def text(self, spec: str) -> tuple[str, str]:
        """(source name, text) of a file argument, or of `-`."""
        if spec == "-":
            if self.stdin_used:
                raise _InputError("only one input can be read from stdin (-)")
            self.stdin_used = True
            return "<stdin>", sys.stdin.read()
        try:
            return spec, Path(spec).read_text(encoding="utf-8")
        except OSError as e:
            raise _InputError(f"cannot read {spec}: {e.strerror or e}") from None

    def policy(self, spec: str, kind: str, strict: bool) -> dict[str, Any]:
        """One policy as {"name", "document"}, parsed once here so errors name the file."""
        if spec != "-" and not Path(spec).exists():
            try:
                return {"name": spec.rsplit("/", 1)[-1], "document": managed_policy(spec)}
            except KeyError:
                raise _InputError(f"{spec}: no such file or AWS managed policy") from None
        source, text = self.text(spec)
        try:
            parse_policy(text, kind, strict=strict)
        except PolicyParseError as e:
            raise _InputError(f"{source}:{e}") from None
        return {"name": Path(spec).stem if spec != "-" else "stdin", "document": text}

    def scp_level(self, spec: str, strict: bool) -> list[Any]:
        source, text = self.text(spec)
        try:
            data = json.loads(text)
        except ValueError as e:
            raise _InputError(f"{source}: invalid JSON: {e}") from None
        level = data if isinstance(data, list) else [data]
        for i, policy in enumerate(level):
            try:
                parse_policy(policy, "scp", strict=strict)
            except PolicyParseError as e:
                raise _InputError(f"{source}: policy {i}: {e}") from None
        return level


def _compute(args: argparse.Namespace, reader: _Reader) -> PolicyDiff:
    strict = not args.lenient
    set_form = bool(args.old or args.new or args.details)
    if set_form == (args.old_policy is not None):
        raise _InputError("give OLD and NEW policies, or policy sets (--old/--new, or --details)")
    if not set_form:
        if args.new_policy is None:
            raise _InputError("give both OLD and NEW")
        return diff(reader.policy(args.old_policy, args.kind, strict),
                    reader.policy(args.new_policy, args.kind, strict),
                    kind=args.kind, max_counterexamples=args.max_counterexamples, strict=strict)
    scps = [reader.scp_level(p, strict) for p in args.scp]
    if args.details:
        if not (args.principal or args.old_principal):
            raise _InputError("--details needs --old-principal and/or --principal (ARN or name)")
        _, details = reader.text(args.details)
        new_details = reader.text(args.new_details)[1] if args.new_details else None
        old = args.old_principal or args.principal
        return diff_principals(details, old, args.principal or old, new_details=new_details, scps=scps,
                               management_account=args.management_account,
                               max_counterexamples=args.max_counterexamples, strict=strict)
    if not (args.old and args.new):
        raise _InputError("policy sets need at least one --old and one --new policy")
    from ..evaluator import Policies

    def side(specs: list[str], boundary: Optional[str]) -> Policies:
        return Policies([reader.policy(s, "identity", strict) for s in specs], scps=scps,
                        permission_boundary=reader.policy(boundary, "boundary", strict) if boundary else None,
                        strict=strict)

    return diff(side(args.old, args.old_boundary), side(args.new, args.new_boundary),
                principal=args.principal, old_principal=args.old_principal,
                principal_in_management_account=args.management_account,
                max_counterexamples=args.max_counterexamples, strict=strict)


def _run(args: argparse.Namespace) -> int:
    try:
        result = _compute(args, _Reader())
    except (_InputError, Error, AccountError, OSError, ValueError) as e:
        print(f"iameval diff: {e}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "jsonl":
        sys.stdout.writelines(json.dumps(case, separators=(",", ":")) + "\n" for case in result.cases())
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(result.summary(args.max_changes, color=color))
        if result.counterexamples:
            print("complete cases with the policies: --format jsonl | iameval simulate --jsonl -")
    return EXIT_OK if result.verdict == "no-new-access" else EXIT_FINDINGS


COMMAND = Command(
    name="diff",
    help="does NEW allow anything OLD does not? (check no new access)",
    description="Compare two policies, or two principals' policy sets, exactly over the catalog's "
    "actions and resource patterns. Verdicts: no-new-access (proven; exit 0), new-access (with "
    "counterexample requests NEW allows and OLD denies, each checked with the evaluator; exit 1), "
    "may-grant-new-access (not proven either way for some actions; exit 1). Errors exit 2.\n\n"
    "examples:\n"
    "  iameval diff old.json new.json\n"
    "  iameval diff AmazonS3ReadOnlyAccess AmazonS3FullAccess --format json\n"
    "  git show HEAD~1:bucket-policy.json | iameval diff - bucket-policy.json --kind resource\n"
    "  iameval diff --old app.json --new app.json --new extra.json --principal arn:aws:iam::111122223333:role/app\n"
    "  iameval diff --details account.json --old-principal app --new-principal app-v2\n"
    "  iameval diff --details before.json --new-details after.json --principal app\n"
    "  iameval diff old.json new.json --format jsonl | iameval simulate --jsonl -",
    add_arguments=_add_arguments,
    run=_run,
)
