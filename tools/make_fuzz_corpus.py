#!/usr/bin/env python3
"""Builds seed corpora for the libFuzzer targets in tests/fuzz from ../shared/data.

    python3 tools/make_fuzz_corpus.py [--shared ../shared/data] [--out fuzz-corpus]

Writes one directory per target under --out (git-ignored): fuzz_policy_parser,
fuzz_evaluator, fuzz_matchers, fuzz_authorization_details. Files are named by the hash of
their content, so re-running is idempotent and libFuzzer's own additions can live alongside.
The committed hand seeds in tests/fuzz/seeds/<target>/ are copied in too.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Documents above this are skipped: libFuzzer mutates small inputs far faster, and the
# targets cut big inputs anyway.
MAX_SEED_BYTES = 16 * 1024
EVALUATOR_SEED_BYTES = 3 * 1024


def write(out_dir, data, max_bytes=MAX_SEED_BYTES):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        return False
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)
    return True


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield json.loads(line)


def policy_documents(shared):
    """(kind, document) for every document of the JSONL files."""
    kinds = {
        "aws-managed-policies.jsonl": "identity",
        "scp-examples.jsonl": "scp",
        "rcp-examples.jsonl": "rcp",
        "boundary-examples.jsonl": "boundary",
        "resource-policy-examples.jsonl": "resource",
    }
    for name, kind in kinds.items():
        path = os.path.join(shared, name)
        if os.path.exists(path):
            for row in read_jsonl(path):
                yield kind, row["document"]


def parser_corpus(shared, out):
    n = 0
    for _, doc in policy_documents(shared):
        n += write(out, json.dumps(doc, separators=(",", ":")))
    cases = os.path.join(ROOT, "tests", "data", "parser_cases.jsonl")
    if os.path.exists(cases):
        for row in read_jsonl(cases):
            if "document" in row:
                n += write(out, row["document"])
    return n


# One request per layer kind, shaped to reach the statements of typical examples.
REQUESTS = [
    {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::bucket/alice/x", "context": {"aws:username": "alice"}},
    {"principal": "arn:aws:sts::111122223333:assumed-role/admin/s",
     "principal_parent_arn": "arn:aws:iam::111122223333:role/admin",
     "action": "ec2:RunInstances", "resource": "*",
     "context": {"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": ["a", "b"],
                 "aws:SecureTransport": False, "aws:MultiFactorAuthAge": 3600}},
    {"principal": "lambda.amazonaws.com", "action": "sts:AssumeRole", "resource": "*",
     "resource_account": "444455556666"},
]

ALLOW_ALL = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def evaluator_corpus(shared, out):
    n = 0
    cases = os.path.join(ROOT, "tests", "data", "evaluation_cases.jsonl")
    if os.path.exists(cases):
        with open(cases, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    n += write(out, line.strip())
    for i, (kind, doc) in enumerate(policy_documents(shared)):
        request = dict(REQUESTS[i % len(REQUESTS)])
        if kind == "identity":
            # The split form: `<policy>\n<case line>`. Every compile costs the evaluator target
            # far more than a parse, so only small managed policies, and one in four.
            if i % 4 == 0:
                n += write(out, json.dumps(doc, separators=(",", ":")) + "\n" +
                           json.dumps(request, separators=(",", ":")), EVALUATOR_SEED_BYTES)
            continue
        case = dict(request)
        case["identity_policies"] = [ALLOW_ALL]
        if kind == "scp":
            case["scps"] = [[doc]]
        elif kind == "rcp":
            case["rcps"] = [[doc]]
        elif kind == "boundary":
            case["permission_boundary"] = doc
        else:
            case["resource_policy"] = {"name": "rp", "document": json.dumps(doc)}
        n += write(out, json.dumps(case, separators=(",", ":")), EVALUATOR_SEED_BYTES)
    return n


def provider_input(mode, pattern, subject):
    """Bytes that FuzzedDataProvider hands back as (mode, pattern, subject) in fuzz_matchers:
    integers come from the end; ConsumeRandomLengthString ends at a backslash followed by
    anything but a backslash."""
    p = pattern.encode("utf-8").replace(b"\\", b"\\\\")
    return p + b"\\x" + subject.encode("utf-8") + bytes([mode])


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


SAMPLE_ARNS = [
    "arn:aws:s3:::bucket/alice/x",
    "arn:aws:s3:::bucket",
    "arn:aws:iam::111122223333:role/path/admin",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-0123",
    "arn:aws:dynamodb:eu-west-1:111122223333:table/t/index/i",
    "arn:aws:sqs:us-east-1:111122223333:queue:with:colons",
    "*",
    "not-an-arn",
]


def matchers_corpus(shared, out):
    n = 0
    resources, actions = set(), set()
    for _, doc in policy_documents(shared):
        statements = doc.get("Statement", [])
        if isinstance(statements, dict):
            statements = [statements]
        for st in statements:
            if not isinstance(st, dict):
                continue
            for key in ("Resource", "NotResource"):
                resources.update(strings_of(st.get(key)))
            for key in ("Action", "NotAction"):
                actions.update(strings_of(st.get(key)))
    resources = sorted(r for r in resources if len(r) < 200)[:600]
    actions = sorted(a for a in actions if len(a) < 64)[:400]
    for i, r in enumerate(resources):
        arn = SAMPLE_ARNS[i % len(SAMPLE_ARNS)]
        n += write(out, provider_input(3 + (i % 2), r, arn))
        n += write(out, provider_input(5 + 8 * (i % 2), r, arn))
        n += write(out, provider_input(i % 2, r, arn))
    for i, a in enumerate(actions):
        n += write(out, provider_input(2, a.lower(), "s3:getobject"))
        if i % 8 == 0:
            n += write(out, provider_input(6, a, ""))
    return n


def authorization_corpus(shared, out):
    """Each file whole (when small) and cut into one-entity documents."""
    n = 0
    root = os.path.join(shared, "authorization-details")
    lists = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(dirpath, name), "rb") as f:
                raw = f.read()
            n += write(out, raw)
            doc = json.loads(raw)
            for key in lists:
                for i, entity in enumerate(doc.get(key, [])[:40]):
                    small = {k: [] for k in lists}
                    small[key] = [entity]
                    # Keep the managed policies a user or role attaches, so lookups succeed.
                    if key != "Policies":
                        attached = {p.get("PolicyArn") for p in entity.get("AttachedManagedPolicies", [])}
                        small["Policies"] = [p for p in doc.get("Policies", []) if p.get("Arn") in attached]
                    n += write(out, json.dumps(small, separators=(",", ":")))
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--out", default=os.path.join(ROOT, "fuzz-corpus"))
    args = parser.parse_args()
    if not os.path.isdir(args.shared):
        print(f"no shared data at {args.shared}; only hand seeds are used", file=sys.stderr)
    builders = {
        "fuzz_policy_parser": parser_corpus,
        "fuzz_evaluator": evaluator_corpus,
        "fuzz_matchers": matchers_corpus,
        "fuzz_authorization_details": authorization_corpus,
    }
    for target, build in builders.items():
        out = os.path.join(args.out, target)
        os.makedirs(out, exist_ok=True)
        n = build(args.shared, out) if os.path.isdir(args.shared) else 0
        seeds = os.path.join(ROOT, "tests", "fuzz", "seeds", target)
        if os.path.isdir(seeds):
            for name in sorted(os.listdir(seeds)):
                shutil.copy(os.path.join(seeds, name), os.path.join(out, "seed-" + name))
                n += 1
        print(f"{target}: {n} seeds in {out}")


if __name__ == "__main__":
    main()
