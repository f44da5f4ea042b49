#!/usr/bin/env python3
"""Regenerate cpp/data/risk_actions.json and docs/risk-actions.md from the peers' risk lists.

Input: ../shared/reference/risk_actions.json (the lists of cloudsplaining, parliament, PMapper and
policy_sentry, as extracted from their sources) and cpp/data/catalog.json (the action catalog the
library embeds). Every entry is checked against the catalog: names are put in canonical case,
typos with an unambiguous fix are fixed, names that are not IAM actions (portal APIs, removed or
never-existing actions) are dropped, alternatives (`a|b`) are split into one method each, and
privilege-escalation methods that another method subsumes (a superset of its actions) are
dropped, since they can never add a finding. The report lists every change and why.

    python3 tools/gen_risk_actions.py [path/to/shared/reference/risk_actions.json]

Output format (cpp/src/findings/risk_data.cc reads it):
    {"format": 1, "catalog": {"package", "version"},
     "privilege_escalation": [{"id", "actions": [canonical names], "sources": [tool...]}...],
     "data_exfiltration": [names], "credentials_exposure": [names], "resource_exposure": [names],
     "infrastructure_modification": {"services": [prefix...], "access_levels": [level...],
                                     "exclude": [action glob...]},
     "permissions_management": {"access_levels": ["Permissions management"]},
     "compute_service_principals": [service principal...]}
The last three are rules the library applies to the catalog at load time, so they follow catalog
refreshes without regenerating this file.
"""
import difflib
import fnmatch
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT_INPUT = os.path.join(ROOT, "..", "shared", "reference", "risk_actions.json")
CATALOG = os.path.join(ROOT, "cpp", "data", "catalog.json")
OUT_JSON = os.path.join(ROOT, "cpp", "data", "risk_actions.json")
OUT_DOC = os.path.join(ROOT, "docs", "risk-actions.md")

# Names that look like IAM actions but are not governed by IAM policies at all.
NOT_IAM = {
    "sso:getrolecredentials": "IAM Identity Center portal API, authorised by the portal "
                              "access token, not by IAM policies",
    "iot:assumerolewithcertificate": "AWS IoT credential-provider endpoint, authorised by the "
                                     "device certificate and role alias, not an IAM action",
}

# PMapper techniques left out of the escalation methods, with the reason.
PMAPPER_EXCLUDED = {
    "Assume role (same account)": "sts:AssumeRole alone depends entirely on the target's trust "
                                  "policy; it is a credentials-exposure action here",
    "Assume role across accounts": "same as above, for other accounts",
    "ASG from existing launch configuration carrying the role":
        "needs an existing launch configuration and gives no control over the code that runs",
    "Create function with passed role":
        "incomplete: the new function must also be run; cloudsplaining's methods add the step "
        "(lambda:InvokeFunction, lambda:CreateEventSourceMapping or lambda:AddPermission)",
}
# Method ids for PMapper techniques (one per alternative), in the peers' naming style.
PMAPPER_IDS = {
    "Associate instance profile to a running instance": ["AssociateInstanceProfileWithRunningEC2"],
    "Swap role of existing function": ["PassRoleToExistingLambdaFunction"],
    "Update existing stack that already uses the role": ["UpdateExistingCloudFormationStack"],
    "Update stack and pass a new role": ["PassRoleToUpdatedCloudFormationStack"],
    "Start build of existing project whose service role is the target":
        ["StartBuildOfExistingCodeBuildProject", "StartBuildBatchOfExistingCodeBuildProject"],
    "Create project with passed role then build":
        ["PassExistingRoleToNewCodeBuildProjectThenBuild",
         "PassExistingRoleToNewCodeBuildProjectThenBuildBatch"],
    "Update project role then build":
        ["PassRoleToUpdatedCodeBuildProjectThenBuild",
         "PassRoleToUpdatedCodeBuildProjectThenBuildBatch"],
    "Create launch configuration with passed role + ASG":
        ["PassExistingRoleToNewAutoScalingLaunchConfiguration"],
    "Run instance with newly created instance profile": ["CreateEC2WithNewInstanceProfile"],
    "Run command / session on EC2 instance whose role has SSM agent permission":
        ["SendSSMCommandToEC2Instance", "StartSSMSessionOnEC2Instance"],
}

# PMapper techniques whose listed actions are alternatives, each enough on its own.
PMAPPER_EITHER = {
    "Set console password for another user",
    "Start build of existing project whose service role is the target",
    "Run command / session on EC2 instance whose role has SSM agent permission",
}

# Identity-administration services: their "Permissions management" actions manage principals,
# which the privilege-escalation and permissions-management categories cover. Resource
# exposure is about resource policies and sharing.
IDENTITY_SERVICES = {"iam", "sts", "sso", "sso-directory", "sso-oauth", "identitystore",
                     "identitystore-auth", "identity-sync", "organizations", "account"}
# Words in a Permissions-management action name that mark a policy / sharing / access write.
EXPOSURE_WORDS = ("policy", "policies", "permission", "grant", "share", "sharing", "acl",
                  "attribute", "access", "authorize", "trust", "principal", "publish")
# Names of actions that only read, whatever access level the catalog gives them.
READ_VERBS = ("Get", "Describe", "List", "Search", "View")
# Write-level actions that share a resource with other accounts or the public, although the
# catalog does not label them "Permissions management".
EXPOSURE_WRITE_EXTRAS = [
    "ec2:ModifyImageAttribute", "ec2:ModifyFpgaImageAttribute", "rds:ModifyDBSnapshotAttribute",
    "rds:ModifyDBClusterSnapshotAttribute", "ram:CreateResourceShare",
    "ram:AssociateResourceShare", "ram:UpdateResourceShare", "redshift:AuthorizeSnapshotAccess",
    "ebs:PutSnapshotBlock",
]
# Sibling APIs that return the same data as the peers' exfiltration actions.
EXFILTRATION_EXTRAS = [
    ("s3:GetObjectVersion", "same object data as s3:GetObject, for older versions"),
    ("ssm:GetParameterHistory", "returns parameter values, including SecureString ones"),
    ("secretsmanager:BatchGetSecretValue", "batch form of secretsmanager:GetSecretValue"),
]

# Infrastructure modification: control-plane writes of core infrastructure services.
INFRA_SERVICES = [
    "acm", "apigateway", "autoscaling", "backup", "batch", "cloudformation", "cloudfront",
    "cloudtrail", "cloudwatch", "config", "directconnect", "dynamodb", "ec2", "ecr", "ecs", "eks",
    "elasticache", "elasticbeanstalk", "elasticfilesystem", "elasticloadbalancing", "es",
    "events", "firehose", "fsx", "glacier", "guardduty", "kinesis", "kms", "lambda", "logs",
    "network-firewall", "rds", "redshift", "route53", "s3", "secretsmanager", "securityhub",
    "shield", "sns", "sqs", "ssm", "wafv2",
]
INFRA_LEVELS = ["Write", "Permissions management"]
# Data-plane writes of those services: they change data, not infrastructure.
INFRA_EXCLUDE = [
    # Reads the catalog files under Write or Permissions management (e.g.
    # backup:ListIndexedRecoveryPointsForSearch).
    "*:Get*", "*:Describe*", "*:List*", "*:Search*",
    "s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject", "s3:AbortMultipartUpload",
    "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:InitiateReplication",
    "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
    "dynamodb:PartiQL*", "sqs:SendMessage*", "sqs:DeleteMessage*", "sqs:ChangeMessageVisibility*",
    "sns:Publish", "kinesis:PutRecord*", "firehose:PutRecord*", "logs:PutLogEvents",
    "logs:CreateLogStream", "cloudwatch:PutMetricData", "events:PutEvents",
    "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
    "kms:GenerateRandom", "kms:GenerateMac", "kms:Sign", "kms:Verify*", "kms:DeriveSharedSecret",
    "lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeFunctionUrl",
    "secretsmanager:PutSecretValue", "ssm:PutParameter", "ssm:DeleteParameter*",
]
# Service principals whose workloads can use a role they are trusted by (trust-policy rule).
COMPUTE_SERVICE_PRINCIPALS = [
    "ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "eks.amazonaws.com",
    "eks-pods.amazonaws.com", "batch.amazonaws.com", "codebuild.amazonaws.com",
    "glue.amazonaws.com", "sagemaker.amazonaws.com", "states.amazonaws.com",
    "build.apprunner.amazonaws.com", "tasks.apprunner.amazonaws.com",
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Catalog:
    def __init__(self, data):
        self.source = data["source"]
        self.actions = {}   # lowercase name -> (canonical, level, has_resource_types)
        self.prefixes = {}  # lowercase prefix -> canonical prefix
        for s in data["services"]:
            self.prefixes[s["prefix"].lower()] = s["prefix"]
            for name, level, rtypes, _ in s["actions"]:
                level = level.split(",")[0]  # "Permissions management, Write" -> the specific one
                self.actions[(s["prefix"] + ":" + name).lower()] = (
                    s["prefix"] + ":" + name, level, bool(rtypes))

    def expand(self, pattern):
        low = pattern.lower()
        return sorted(v[0] for k, v in self.actions.items() if fnmatch.fnmatchcase(k, low))


class Checker:
    """Resolves names against the catalog and remembers every change for the report."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.fixed = {}    # raw -> (fixed, why)
        self.dropped = {}  # raw -> why
        self.expanded = {}  # raw -> [names]
        self.where = {}    # raw -> set of list labels

    def resolve(self, raw, label):
        """Canonical names for one entry (empty when dropped)."""
        self.where.setdefault(raw.lower(), set()).add(label)
        low = raw.lower()
        if "*" in low or "?" in low:
            names = self.catalog.expand(low)
            self.expanded[low] = names
            if not names:
                self.dropped[low] = "wildcard matching no catalog action"
            return names
        if low in self.catalog.actions:
            return [self.catalog.actions[low][0]]
        if low in NOT_IAM:
            self.dropped[low] = NOT_IAM[low]
            return []
        prefix, _, name = low.partition(":")
        if prefix not in self.catalog.prefixes:
            close = difflib.get_close_matches(prefix, list(self.catalog.prefixes), n=1, cutoff=0.8)
            if close and (close[0] + ":" + name) in self.catalog.actions:
                fixed = self.catalog.actions[close[0] + ":" + name][0]
                self.fixed[low] = (fixed, "service prefix `%s` is a typo for `%s`" % (prefix, close[0]))
                return [fixed]
            self.dropped[low] = "no service `%s` in the catalog" % prefix
            return []
        # Known service, unknown action: a plural / singular slip, or removed from AWS.
        for variant in (name[:-1] if name.endswith("s") else None, name + "s"):
            if variant and (prefix + ":" + variant) in self.catalog.actions:
                fixed = self.catalog.actions[prefix + ":" + variant][0]
                self.dropped[low] = ("not an action; `%s` exists and is already listed or added "
                                     "in its own right" % fixed)
                return [fixed]
        self.dropped[low] = "no such action in service `%s` (removed by AWS or never existed)" % prefix
        return []

    def resolve_all(self, raws, label):
        out = []
        for raw in raws:
            out.extend(self.resolve(raw, label))
        return out


def escalation_methods(ref, chk):
    """All methods as {id, actions, sources}, deduplicated and without subsumed ones."""
    raw_methods = []  # (id, [raw actions], source)
    for name, acts in ref["cloudsplaining"]["privilege_escalation_methods"].items():
        raw_methods.append((name, acts, "cloudsplaining"))
    for name, acts in ref["parliament"]["privilege_escalation_methods"].items():
        raw_methods.append((name, acts, "parliament"))
    pmapper_excluded = []
    for t in ref["pmapper"]["edge_techniques"]:
        if t["technique"] in PMAPPER_EXCLUDED:
            pmapper_excluded.append((t["technique"], PMAPPER_EXCLUDED[t["technique"]]))
            continue
        base = "PMapper" + "".join(w.capitalize() for w in
                                   t["technique"].replace("-", " ").replace("/", " ").split()
                                   if w.isalnum())
        # Alternatives: `a|b` inside one step, or techniques whose listed actions are each
        # enough on their own.
        if t["technique"] in PMAPPER_EITHER:
            alternatives = [[a] for a in t["actions"]]
        else:
            alternatives = [[]]
            for a in t["actions"]:
                alternatives = [prev + [o] for prev in alternatives for o in a.split("|")]
        ids = PMAPPER_IDS.get(t["technique"])
        for i, alt in enumerate(alternatives):
            if ids:
                name = ids[i]
            else:
                name = base + ("" if len(alternatives) == 1 else str(i + 1))
            raw_methods.append((name, alt, "pmapper"))

    by_set = {}  # frozenset(actions) -> {id, actions, sources}
    merged = []  # (id, into)
    broken = []  # (id, why)
    for name, acts, source in raw_methods:
        names = []
        ok = True
        for a in acts:
            r = chk.resolve(a, "privilege escalation (%s)" % source)
            if len(r) != 1:
                ok = False
            names.extend(r)
        if not ok:
            broken.append((name, "an action did not resolve to exactly one catalog action"))
            continue
        key = frozenset(names)
        if key in by_set:
            m = by_set[key]
            if source not in m["sources"]:
                m["sources"].append(source)
            if name != m["id"]:
                merged.append((name + " (" + source + ")", m["id"]))
            continue
        by_set[key] = {"id": name, "actions": sorted(key), "sources": [source]}

    methods = list(by_set.values())
    subsumed = []
    kept = []
    for m in methods:
        s = set(m["actions"])
        smaller = [o for o in methods if o is not m and set(o["actions"]) < s]
        if smaller:
            subsumed.append((m["id"] + " [" + ", ".join(m["sources"]) + "]", m["actions"],
                             sorted(o["id"] for o in smaller)))
        else:
            kept.append(m)
    kept.sort(key=lambda m: (len(m["actions"]), m["id"]))
    return kept, {"merged": merged, "subsumed": subsumed, "broken": broken,
                  "pmapper_excluded": pmapper_excluded, "total_raw": len(raw_methods)}


def resource_exposure(ref, chk, catalog):
    derived = []
    for low, (name, level, has_rt) in sorted(catalog.actions.items()):
        prefix = low.split(":")[0]
        if level != "Permissions management" or not has_rt or prefix in IDENTITY_SERVICES:
            continue
        action = name.split(":")[1]
        if action.startswith(READ_VERBS):
            continue  # mislabelled reads (e.g. billing:GetResourcePolicy) write nothing
        if any(w in low.split(":")[1] for w in EXPOSURE_WORDS):
            derived.append(name)
    extras = chk.resolve_all(EXPOSURE_WRITE_EXTRAS, "resource exposure (write-level extras)")
    endgame = chk.resolve_all(
        [a for v in ref["pmapper"]["endgame_resource_exposure_actions"].values() for a in v],
        "resource exposure (PMapper endgame)")
    ps_policies = chk.resolve_all(ref["policy_sentry_audit_lists"]["resource_policies"],
                                  "resource policies (policy_sentry)")
    # policy_sentry's resource-policy list only where the action writes a policy or a share.
    ps_kept = [a for a in ps_policies
               if a.split(":")[0].lower() not in IDENTITY_SERVICES
               and any(w in a.split(":")[1].lower() for w in EXPOSURE_WORDS)
               and not a.split(":")[1].startswith(("Get", "Describe", "List"))]
    cs = chk.resolve_all(ref["cloudsplaining"]["resource_exposure"]["actions_resource_restrictable"],
                         "resource exposure (cloudsplaining)")
    result = sorted(set(derived) | set(extras) | set(endgame) | set(ps_kept))
    cs_not_kept = sorted(set(cs) - set(result))
    return result, {"derived": len(derived), "extras": extras, "endgame": endgame,
                    "ps_kept": len(ps_kept), "ps_total": len(ps_policies),
                    "cloudsplaining_total": len(cs), "cloudsplaining_not_kept": cs_not_kept}


def infrastructure(catalog):
    services = [p for p in INFRA_SERVICES if p in catalog.prefixes]
    missing = [p for p in INFRA_SERVICES if p not in catalog.prefixes]
    members, excluded = [], []
    for low, (name, level, _) in catalog.actions.items():
        if low.split(":")[0] not in services or level not in INFRA_LEVELS:
            continue
        if any(fnmatch.fnmatchcase(low, g.lower()) for g in INFRA_EXCLUDE):
            excluded.append(name)
        else:
            members.append(name)
    return services, missing, sorted(members), sorted(excluded)


def write_json(out, catalog, methods, exfil, creds, exposure, infra_services):
    lines = ['{"format":1,"catalog":' + json.dumps(
        {"package": catalog.source["package"], "version": catalog.source["version"]},
        separators=(",", ":"))]
    lines.append(',"privilege_escalation":[\n' + ",\n".join(
        json.dumps(m, separators=(",", ":")) for m in methods) + "\n]")
    lines.append(',"data_exfiltration":' + json.dumps(exfil, separators=(",", ":")))
    lines.append(',"credentials_exposure":' + json.dumps(creds, separators=(",", ":")))
    lines.append(',"resource_exposure":' + json.dumps(exposure, separators=(",", ":")))
    lines.append(',"infrastructure_modification":' + json.dumps(
        {"services": infra_services, "access_levels": INFRA_LEVELS, "exclude": INFRA_EXCLUDE},
        separators=(",", ":")))
    lines.append(',"permissions_management":{"access_levels":["Permissions management"]}')
    lines.append(',"compute_service_principals":' + json.dumps(COMPUTE_SERVICE_PRINCIPALS,
                                                                separators=(",", ":")))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "}\n")


def main(argv):
    ref = load(argv[1] if len(argv) > 1 else DEFAULT_INPUT)
    catalog = Catalog(load(CATALOG))
    chk = Checker(catalog)

    methods, mstats = escalation_methods(ref, chk)
    cs = ref["cloudsplaining"]
    exfil_raw = cs["data_exfiltration_actions"] + [a for a, _ in EXFILTRATION_EXTRAS]
    exfil = sorted(set(chk.resolve_all(exfil_raw, "data exfiltration")))
    creds_lists = [("cloudsplaining", cs["credentials_exposure_actions"]),
                   ("parliament", ref["parliament"]["credentials_exposure_actions"]),
                   ("policy_sentry", ref["policy_sentry_audit_lists"]["credentials_exposure"])]
    creds = sorted(set(a for label, lst in creds_lists
                       for a in chk.resolve_all(lst, "credentials exposure (%s)" % label)))
    exposure, estats = resource_exposure(ref, chk, catalog)
    infra_services, infra_missing, infra_members, infra_excluded = infrastructure(catalog)
    # Lists checked for the report only (not written): they feed nothing but show staleness.
    pa_pm = chk.resolve_all(ref["parliament"]["permissions_management_actions_static_snapshot"],
                            "permissions management (parliament snapshot)")
    ps_priv = chk.resolve_all(ref["policy_sentry_audit_lists"]["privilege_escalation"],
                              "privilege escalation (policy_sentry flat list)")
    ps_exp = chk.resolve_all(ref["policy_sentry_audit_lists"]["resource_exposure"],
                             "resource exposure (policy_sentry)")
    pm_all = sorted(v[0] for v in catalog.actions.values() if v[1] == "Permissions management")

    write_json(OUT_JSON, catalog, methods, exfil, creds, exposure, infra_services)

    # ---- report ----
    r = []
    w = r.append
    w("# Risk action lists: what was checked, fixed and dropped\n")
    w("Generated by `tools/gen_risk_actions.py` from `shared/reference/risk_actions.json` against "
      "the embedded catalog (%s %s, %d actions). Do not edit by hand: rerun the tool.\n"
      % (catalog.source["package"], catalog.source["version"], len(catalog.actions)))
    w("The library embeds `cpp/data/risk_actions.json`; `docs/findings.md` says which rule uses "
      "which category.\n")
    w("## Summary\n")
    w("| category | entries in peers' lists | written | how |")
    w("|---|---|---|---|")
    w("| privilege escalation | %d methods (59 cloudsplaining, 22 parliament, %d PMapper after "
      "splitting alternatives) | %d methods | deduplicated by action set, subsumed methods dropped |"
      % (mstats["total_raw"], mstats["total_raw"] - 81, len(methods)))
    w("| data exfiltration | %d | %d | cloudsplaining's list plus %d sibling APIs |"
      % (len(cs["data_exfiltration_actions"]), len(exfil), len(EXFILTRATION_EXTRAS)))
    w("| credentials exposure | %d (union of three lists) | %d | typos fixed, non-IAM names dropped |"
      % (len(set(a.lower() for _, l in creds_lists for a in l)), len(creds)))
    w("| resource exposure | %d cloudsplaining, %d policy_sentry resource policies, %d PMapper "
      "endgame | %d | rule below, checked against the catalog |"
      % (estats["cloudsplaining_total"], estats["ps_total"], len(estats["endgame"]), len(exposure)))
    w("| infrastructure modification | rule (cloudsplaining: 9,339 actions) | rule: %d actions "
      "today | core services' control-plane writes |" % len(infra_members))
    w("| permissions management | parliament snapshot of 274 | rule: %d actions today | "
      "catalog access level |" % len(pm_all))
    w("")
    dead = sorted(chk.dropped.items())
    w("## Dead entries (%d distinct names)\n" % len(dead))
    w("Names in the peers' lists that match no action of the catalog. Each was dropped; where the "
      "intended action exists it is listed in its own right.\n")
    w("| entry | found in | why |")
    w("|---|---|---|")
    for raw, why in dead:
        w("| `%s` | %s | %s |" % (raw, ", ".join(sorted(chk.where.get(raw, []))), why))
    w("")
    w("## Fixed entries (%d)\n" % len(chk.fixed))
    w("| entry | now | why |")
    w("|---|---|---|")
    for raw, (fixed, why) in sorted(chk.fixed.items()):
        w("| `%s` | `%s` | %s |" % (raw, fixed, why))
    w("")
    if chk.expanded:
        w("## Wildcard entries expanded\n")
        for raw, names in sorted(chk.expanded.items()):
            w("- `%s` -> %d actions" % (raw, len(names)))
        w("")
    w("Every other entry resolved to exactly one catalog action and was put in the catalog's "
      "canonical case (the peers store most names lowercase).\n")
    w("## Privilege escalation\n")
    w("A method is a set of actions that together let a principal gain other permissions. The "
      "library reports a method when every one of its actions is allowed on every resource "
      "(`*`, or patterns that cover every ARN of the action's resource types), across all "
      "the policies of a principal.\n")
    w("- %d raw methods -> %d distinct action sets -> **%d methods written**."
      % (mstats["total_raw"], len(methods) + len(mstats["subsumed"]), len(methods)))
    w("- Same action set under another name (merged, sources combined): %d." % len(mstats["merged"]))
    for name, into in mstats["merged"]:
        w("  - %s = %s" % (name, into))
    w("- Subsumed (a strict superset of another method's actions, so it can never fire alone): %d."
      % len(mstats["subsumed"]))
    for name, acts, by in mstats["subsumed"]:
        w("  - %s (%s) by %s" % (name, ", ".join(acts), ", ".join(by)))
    w("- PMapper techniques left out:")
    for name, why in mstats["pmapper_excluded"]:
        w("  - %s: %s" % (name, why))
    if mstats["broken"]:
        w("- Dropped because an action is dead:")
        for name, why in mstats["broken"]:
            w("  - %s: %s" % (name, why))
    in_methods = {a for m in methods for a in m["actions"]}
    uncovered = sorted(set(ps_priv) - in_methods - set(creds) - set(exposure))
    w("- policy_sentry's flat privilege-escalation list (%d entries, single actions, no methods) "
      "is only checked, not written; its live entries that no method or other list holds: %s."
      % (len(ref["policy_sentry_audit_lists"]["privilege_escalation"]),
         ", ".join("`%s`" % a for a in uncovered) or "none"))
    w("")
    w("| method | actions | sources |")
    w("|---|---|---|")
    for m in methods:
        w("| %s | %s | %s |" % (m["id"], ", ".join(m["actions"]), ", ".join(m["sources"])))
    w("")
    w("## Data exfiltration\n")
    w("cloudsplaining's five actions plus:\n")
    for a, why in EXFILTRATION_EXTRAS:
        w("- `%s`: %s" % (a, why))
    w("\ncloudsplaining's `include-actions` `rds:CopyDBSnapshot` and `rds:CreateDBSnapshot` are "
      "not exfiltration by themselves (the snapshot stays in the account); the resource-exposure "
      "category has the sharing step (`rds:ModifyDBSnapshotAttribute`).\n")
    w("## Credentials exposure\n")
    w("Union of cloudsplaining (45), parliament (27) and policy_sentry (26): %d actions.\n"
      % len(creds))
    w(", ".join("`%s`" % a for a in creds) + "\n")
    w("## Resource exposure\n")
    w("Actions that write a resource-based policy, an ACL or a sharing setting, so that other "
      "accounts or the public get access. Rule:\n")
    w("1. catalog access level *Permissions management*, with resource-level permissions, outside "
      "the identity-administration services (%s), whose name contains one of: %s (%d actions);"
      % (", ".join(sorted(IDENTITY_SERVICES)), ", ".join(EXPOSURE_WORDS), estats["derived"]))
    w("2. Write-level sharing actions the catalog does not label Permissions management: %s;"
      % ", ".join("`%s`" % a for a in estats["extras"]))
    w("3. PMapper's endgame actions; policy_sentry's resource-policy writers (%d of %d kept: the "
      "others read policies or belong to identity services)." % (estats["ps_kept"], estats["ps_total"]))
    w("\ncloudsplaining uses every resource-scopable Permissions-management action (%d); %d of "
      "those are not resource exposure here, mostly IAM principal management (covered by the "
      "permissions-management and privilege-escalation categories) and read actions that "
      "policy_sentry's overrides raise to Permissions management:\n"
      % (estats["cloudsplaining_total"], len(estats["cloudsplaining_not_kept"])))
    w(", ".join("`%s`" % a for a in estats["cloudsplaining_not_kept"]) + "\n")
    w("## Infrastructure modification\n")
    w("cloudsplaining counts every Write, Permissions-management or Tagging action that accepts "
      "resource constraints (9,339 actions, nearly all writes in AWS), which makes the category "
      "noise. Here it is the control-plane writes of core infrastructure services: access level "
      "%s (not Tagging) in: %s." % (" or ".join(INFRA_LEVELS), ", ".join("`%s`" % s for s in infra_services)))
    if infra_missing:
        w("\nNot in the catalog (ignored): %s." % ", ".join(infra_missing))
    w("\nData-plane writes are excluded (%d actions), by these globs: %s.\n"
      % (len(infra_excluded), ", ".join("`%s`" % g for g in INFRA_EXCLUDE)))
    w("Today the rule selects %d actions. It is applied to the catalog at load time, so it "
      "follows catalog refreshes.\n" % len(infra_members))
    w("## Permissions management\n")
    w("Every action whose catalog access level is *Permissions management* (%d today; parliament's "
      "hard-coded snapshot has 274, %d of them still live). Applied at load time.\n"
      % (len(pm_all), len(set(pa_pm))))
    w("## Trust policies\n")
    w("Compute service principals (a role they trust can be used by any workload of that service "
      "in the account): %s.\n" % ", ".join("`%s`" % s for s in COMPUTE_SERVICE_PRINCIPALS))
    _ = ps_exp
    with open(OUT_DOC, "w", encoding="utf-8") as f:
        f.write("\n".join(r))
    print("methods %d, exfiltration %d, credentials %d, exposure %d, infra %d, pm %d, dead %d, fixed %d"
          % (len(methods), len(exfil), len(creds), len(exposure), len(infra_members), len(pm_all),
             len(dead), len(chk.fixed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
