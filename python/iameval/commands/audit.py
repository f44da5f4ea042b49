"""`iameval audit FILE`: findings and effective-permission summaries for every principal of an
authorization-details file."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from .._errors import Error
from ..analysis import audit
from ..reports import SEVERITY_ORDER, audit_csv, audit_html, audit_json, audit_sarif, audit_text
from ._base import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Command


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE",
                        help="output of `aws iam get-account-authorization-details` (JSON), or - for stdin")
    parser.add_argument("--scp", metavar="FILE", action="append", default=[],
                        help="an SCP level (a JSON policy, or a JSON list of policies); repeat per "
                             "level, root first")
    parser.add_argument("--management-account", action="store_true",
                        help="the account is the organization's management account (no SCPs)")
    parser.add_argument("--format", choices=("text", "json", "csv", "sarif", "html"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report here (default: stdout)")
    parser.add_argument("--fail-on", choices=SEVERITY_ORDER, default=None,
                        help="exit 1 when any finding is this severe or worse (CI gate)")
    parser.add_argument("--disable", metavar="RULE", action="append", default=[],
                        help="skip a finding rule (repeatable)")


def _read_scp_level(path: str) -> list[Any]:
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    # One policy stays text, so that parse errors give its line and column in the file.
    return data if isinstance(data, list) else [text]


def _run(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        scps = [_read_scp_level(p) for p in args.scp]
    except (OSError, ValueError) as e:
        print(f"iameval audit: {e}", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    try:
        report = audit(text, scps=scps, management_account=args.management_account,
                       disabled_rules=args.disable)
    except Error as e:   # the file is not JSON / not authorization details, or an SCP has errors
        print(f"iameval audit: {e}", file=sys.stderr)
        return EXIT_USAGE
    elapsed = time.perf_counter() - started
    uri = "" if args.file == "-" else args.file
    if args.format == "text":
        out = audit_text(report) + f"({elapsed:.3f} s)\n"
    elif args.format == "json":
        out = audit_json(report)
    elif args.format == "csv":
        out = audit_csv(report)
    elif args.format == "sarif":
        out = json.dumps(audit_sarif(report, uri), indent=2) + "\n"
    else:
        out = audit_html(report)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    if args.fail_on is not None:
        worst = SEVERITY_ORDER.index(args.fail_on)
        if any(SEVERITY_ORDER.index(f["severity"]) <= worst for f in report.findings()):
            return EXIT_FINDINGS
    return EXIT_OK


COMMAND = Command(
    name="audit",
    help="audit every principal of an authorization-details file",
    description="Findings (overreach, privilege escalation across policies, exposure) and "
    "effective-permission summaries per principal, after SCPs and boundaries.\n\nexamples:\n"
    "  iameval audit account.json\n  iameval audit account.json --scp root.json --format sarif -o out.sarif\n"
    "  iameval audit account.json --fail-on high",
    add_arguments=_add_arguments,
    run=_run,
)
