"""`iameval validate FILE...`: parse and check policy documents, report diagnostics."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..validation import policy_kinds, validate
from ._base import EXIT_FINDINGS, EXIT_OK, Command
from ._inputs import Document, InputError, iter_documents


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+",
                        help="a policy file, a directory (searched recursively for *.json, or "
                        "*.jsonl with --jsonl) or - for stdin")
    parser.add_argument("--jsonl", action="store_true",
                        help="inputs are JSON Lines: one {\"name\", \"document\"} object per line "
                        "(document an object or a JSON string; other keys are ignored)")
    parser.add_argument("--kind", default="identity", choices=policy_kinds(),
                        help="the policy kind, which decides the kind-specific rules "
                        "(default: identity)")
    parser.add_argument("--lenient", action="store_true",
                        help="unknown condition operators and kind rules are warnings, not errors")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: file:line:col: severity: message [kind] at path (default); "
                        "json: a list of objects")


def _findings(args: argparse.Namespace) -> tuple[list[dict[str, Any]], int]:
    """Every diagnostic of every input, as output records; and how many documents were read."""
    records: list[dict[str, Any]] = []
    documents = 0
    for item in iter_documents(args.files, args.jsonl):
        if isinstance(item, InputError):
            records.append({"file": item.file, "severity": "error", "kind": item.kind,
                            "message": item.message, "path": "", "line": item.line,
                            "column": item.column})
            continue
        documents += 1
        records.extend(_check(item, args.kind, not args.lenient))
    return records, documents


def _check(document: Document, kind: str, strict: bool) -> list[dict[str, Any]]:
    out = []
    for d in validate(document.text, kind, strict=strict):
        line, column = document.locate(d.line, d.column)
        record: dict[str, Any] = {"file": document.file, "severity": d.severity, "kind": d.kind,
                                  "message": d.message, "path": d.path, "line": line,
                                  "column": column}
        if document.name is not None:
            record["name"] = document.name
        out.append(record)
    return out


def _format_text(record: dict[str, Any]) -> str:
    text = (f"{record['file']}:{record['line']}:{record['column']}: {record['severity']}: "
            f"{record['message']} [{record['kind']}]")
    return f"{text} at {record['path']}" if record["path"] else text


def _run(args: argparse.Namespace) -> int:
    records, documents = _findings(args)
    if args.format == "json":
        json.dump(records, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(_format_text(r) + "\n" for r in records)
    errors = sum(r["severity"] == "error" for r in records)
    warnings = len(records) - errors
    print(f"iameval validate: {documents} document{'s' * (documents != 1)}, "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
          file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK


COMMAND = Command(
    name="validate",
    help="check policy documents for errors and catalog warnings",
    description="Parse each policy (strictly, as AWS does at write time) and check its actions "
    "against the catalog. Exit 0 when there is no error (warnings are fine), 1 otherwise.\n\n"
    "examples:\n  iameval validate policy.json\n  iameval validate policies/ --kind scp --format json\n"
    "  iameval validate --jsonl corpus.jsonl --lenient\n  cat policy.json | iameval validate -",
    add_arguments=_add_arguments,
    run=_run,
)
