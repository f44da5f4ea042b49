#!/usr/bin/env python3
"""Generates the simulation cases of the differential test (iameval vs the peer oracle).

Deterministic: the same seed, count and input files give byte-identical output. Inputs are the
real policies in ../shared/data (AWS managed policies, SCP, RCP, boundary and resource-policy
examples) and the action catalog cpp/data/catalog.json (actions, their resource types, ARN
formats and the RCP-supported services; format at the top of tools/gen_catalog.py).

Every line is a case in the format of ../shared/spec/simulation-format.md plus bookkeeping
fields that both engines ignore:
    category   the recipe that made the case (see CATEGORY_WEIGHTS)
    features   generic properties of the case that a known peer divergence depends on
               (computed by case_features() from the case content alone)
    expect     only on constructed cases: the decision the spec prescribes
    spec       only with `expect`: the section that prescribes it
    wildcard_only_action  read by the oracle (core mode): the action has no resource types
                          in our catalog, so its request resource is "*"

Usage:
    python3 tools/gen_differential_cases.py [--seed 20261129] [--count 3000]
        [--shared ../shared] [--catalog cpp/data/catalog.json] [--out FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import ipaddress
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

Json = Any
Policy = dict[str, Any]
Statement = dict[str, Any]
Case = dict[str, Any]
Context = dict[str, Any]

REPO_DIR = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO_DIR.parent / "shared"
DEFAULT_CATALOG = REPO_DIR / "cpp" / "data" / "catalog.json"
DEFAULT_SEED = 20261129
DEFAULT_COUNT = 3000

ACCOUNT = "111122223333"  # the principal's account
OTHER_ACCOUNT = "444455556666"  # another account (cross-account resources and callers)
ORG_ID = "o-a1b2c3d4e5"
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2")
V2012 = "2012-10-17"

FULL_AWS_ACCESS: Policy = {
    "Version": V2012,
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}

# Recipes and how many cases of each, per 3,000 (scaled to --count). The `div-*` recipes build
# small cases aimed at one known peer divergence each and carry the spec's `expect`.
CATEGORY_WEIGHTS: dict[str, int] = {
    "managed-identity": 580,
    "scp-guardrail": 330,
    "rcp-guardrail": 230,
    "boundary": 230,
    "resource-policy": 420,
    "condition-edge": 380,
    "policy-variables": 160,
    "principal-matrix": 190,
    "div-legacy-version-variables": 24,
    "div-rcp-unsupported-service": 24,
    "div-scp-service-linked-role": 24,
    "div-scp-service-principal": 18,
    "div-management-account": 20,
    "div-unknown-operator": 18,
    "div-federated-without-session-policy": 18,
    "div-root-caller": 24,
    "div-wildcard-only-notresource": 24,
    "div-epoch-date": 30,
    "div-session-policy-direct-grant": 24,
    "div-notprincipal-chain": 24,
    "div-trust-policy-required": 18,
    "div-derived-key-absent": 30,
    "div-unresolved-variable-in-negation": 24,
    "div-negated-operator-unparseable-value": 24,
    "div-empty-list-context": 20,
    "div-resource-type-wildcard": 20,
    "div-request-resource-star": 20,
    "div-ip-bare-address-other-family": 20,
}

# Global keys iameval derives from the request when the context lacks them (spec §1). Realistic
# recipes always send them with the values AWS sends, so derivation never decides a case there.
DERIVED_KEYS = (
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:ResourceAccount",
    "aws:username",
    "aws:PrincipalType",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalServiceName",
)

# Operator names are case-sensitive (spec §8): `IPAddress` is not `IpAddress`.
KNOWN_OPERATORS = frozenset(
    op
    for op in (
        "StringEquals StringNotEquals StringEqualsIgnoreCase StringNotEqualsIgnoreCase StringLike "
        "StringNotLike NumericEquals NumericNotEquals NumericLessThan NumericLessThanEquals "
        "NumericGreaterThan NumericGreaterThanEquals DateEquals DateNotEquals DateLessThan "
        "DateLessThanEquals DateGreaterThan DateGreaterThanEquals Bool BinaryEquals IpAddress "
        "NotIpAddress ArnEquals ArnLike ArnNotEquals ArnNotLike Null"
    ).split()
)
NEGATED_OPERATORS = frozenset(
    op.lower()
    for op in (
        "StringNotEquals StringNotEqualsIgnoreCase StringNotLike NumericNotEquals DateNotEquals "
        "NotIpAddress ArnNotEquals ArnNotLike"
    ).split()
)

TOKENS = ("prod", "dev", "app", "data", "alice", "team-a", "x1", "reports", "logs", "tmp")
USER_NAMES = ("alice", "bob", "carol", "JohnDoe", "dev-ci")
ROLE_NAMES = ("app", "admin", "deployer", "ReadOnly", "lambda-exec", "AWSControlTowerExecution")
ROLE_PATHS = ("/", "/", "/service/", "/teams/data/")
SESSION_NAMES = ("s1", "session-42", "bob@example.com")
SERVICE_PRINCIPALS = (
    "lambda.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "logs.amazonaws.com",
    "sns.amazonaws.com",
    "config.amazonaws.com",
)
SOURCE_IPS = ("10.1.2.3", "192.168.10.20", "203.0.113.7", "198.51.100.14", "52.94.76.1")


# ------------------------------------------------------------------------------ small helpers
def as_list(value: Json) -> list[Json]:
    """A policy element as a list (a single string or object becomes a one-element list)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(policy: Optional[Policy]) -> list[Statement]:
    """The statements of a policy document (`Statement` may be an object or a list)."""
    if not policy:
        return []
    return [s for s in as_list(policy.get("Statement")) if isinstance(s, dict)]


def policy_doc(policy: Json) -> Optional[Policy]:
    """Unwraps {"name", "document"} and JSON text into a document object."""
    if isinstance(policy, str):
        policy = json.loads(policy)
    if isinstance(policy, dict) and "document" in policy and "Statement" not in policy:
        return policy_doc(policy["document"])
    return policy if isinstance(policy, dict) else None


def value_text(value: Json) -> str:
    """A condition or context value as the text the engines compare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def split_operator(operator: str) -> tuple[str, str, bool]:
    """Splits `ForAnyValue:StringLikeIfExists` into (qualifier, base operator, if_exists)."""
    qualifier, _, base = operator.rpartition(":")
    if_exists = base.endswith("IfExists") and base != "IfExists"
    if if_exists:
        base = base[: -len("IfExists")]
    return qualifier, base, if_exists


def operator_family(base: str) -> str:
    """The operator family of a base operator name (String, Numeric, Date, ... or Unknown)."""
    if base not in KNOWN_OPERATORS:
        return "Unknown"
    for family in ("String", "Numeric", "Date", "Binary", "Arn", "Null", "Bool"):
        if base.startswith(family):
            return family
    return "Ip"


@dataclass(frozen=True)
class ConditionUse:
    """One key under one operator in one statement."""

    operator: str
    key: str
    values: tuple[str, ...]
    effect: str
    version: Optional[str]


def condition_uses(policy: Optional[Policy]) -> list[ConditionUse]:
    """Every (operator, key, values) of a policy's Condition blocks."""
    uses: list[ConditionUse] = []
    version = policy.get("Version") if policy else None
    for st in statements(policy):
        block = st.get("Condition")
        if not isinstance(block, dict):
            continue
        for operator, keys in block.items():
            if not isinstance(keys, dict):
                continue
            for key, values in keys.items():
                texts = tuple(value_text(v) for v in as_list(values))
                uses.append(ConditionUse(operator, key, texts, str(st.get("Effect")), version))
    return uses


def case_policies(case: Case) -> list[Policy]:
    """Every policy document of a case, in a fixed order."""
    found: list[Json] = list(case.get("identity_policies") or [])
    for slot in ("resource_policy", "permission_boundary", "session_policy"):
        if case.get(slot):
            found.append(case[slot])
    for slot in ("scps", "rcps"):
        for level in case.get(slot) or []:
            found.extend(level)
    docs = [policy_doc(p) for p in found]
    return [d for d in docs if d is not None]


def type_word(resource_id: str) -> str:
    """The resource-type word of an ARN's resource part (text before the first `/` or `:`),
    or "" when the part has no separator."""
    m = re.match(r"([^/:]*)[/:]", resource_id)
    return m.group(1) if m else ""


def glob_match(pattern: str, text: str) -> bool:
    """Case-sensitive glob with `*` (any run, crossing `/` and `:`) and `?` (one character)."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


def arn_glob_match(pattern: str, arn: str) -> bool:
    """Spec §3.2 for six-field patterns: the first five fields field by field, then the rest."""
    p, a = pattern.split(":", 5), arn.split(":", 5)
    return len(p) == 6 and len(a) == 6 and all(glob_match(x, y) for x, y in zip(p, a))


# ------------------------------------------------------------------------------ catalog
@dataclass(frozen=True)
class Action:
    """A catalog action with the ARN formats of its resource types."""

    service: str
    name: str
    arn_formats: tuple[str, ...]

    @property
    def full(self) -> str:
        return f"{self.service}:{self.name}"

    @property
    def wildcard_only(self) -> bool:
        return not self.arn_formats


@dataclass
class Catalog:
    """The parts of cpp/data/catalog.json the generator needs."""

    services: dict[str, list[Action]]
    by_name: dict[str, Action]
    rcp_services: frozenset[str]

    @staticmethod
    def load(path: Path) -> "Catalog":
        raw = json.loads(path.read_text(encoding="utf-8"))
        services: dict[str, list[Action]] = {}
        by_name: dict[str, Action] = {}
        for svc in raw["services"]:
            formats = {rt[0]: rt[1] for rt in svc["resource_types"]}
            actions = []
            for name, _level, rtypes, _keys in svc["actions"]:
                arns = tuple(formats[rt] for rt, _required in rtypes if rt in formats)
                action = Action(svc["prefix"], name, arns)
                actions.append(action)
                by_name[action.full.lower()] = action
            services[svc["prefix"]] = actions
        return Catalog(services, by_name, frozenset(raw["rcp_supported_services"]))

    def literal_words(self, service: str) -> frozenset[str]:
        """The literal segments of the resource part of a service's ARN formats (`webacl` in
        `arn:${Partition}:wafv2:${Region}:${Account}:${Scope}/webacl/${Name}/${Id}`)."""
        words: set[str] = set()
        for action in self.services.get(service, []):
            for fmt in action.arn_formats:
                if fmt.count(":") >= 5:
                    words.update(w for w in re.split(r"[/:]", fmt.split(":", 5)[-1]) if w and "$" not in w)
        return frozenset(words)

    def find(self, full_name: str) -> Optional[Action]:
        return self.by_name.get(full_name.lower())

    def expand(self, pattern: str) -> list[Action]:
        """Catalog actions matching an action pattern (`s3:Get*`); `*` gives []."""
        service, sep, name = pattern.partition(":")
        if not sep:
            return []
        actions = self.services.get(service.lower(), [])
        name = name.lower()
        return [a for a in actions if fnmatch.fnmatchcase(a.name.lower(), name)]

    def random_action(self, rng: random.Random, services: Optional[Sequence[str]] = None) -> Action:
        prefixes = sorted(services) if services else sorted(self.services)
        prefixes = [p for p in prefixes if self.services.get(p)]
        actions = self.services[rng.choice(prefixes)]
        return rng.choice(actions)


# ------------------------------------------------------------------------------ corpus
PLACEHOLDER = re.compile(r"<[^<>]*>|\[[A-Z_]+\]|DOC-EXAMPLE-[A-Z-]+-ARN")


def usable(document: Json, kind: str) -> bool:
    """Whether a data document is evaluable as published (no `<placeholder>` values, ARNs only,
    no empty value lists); the few that are not would only test the strict parser."""
    if not isinstance(document, dict):
        return False
    text = json.dumps(document)
    if PLACEHOLDER.search(text) or "[]" in text:
        return False
    for st in statements(document):
        for element in ("Resource", "NotResource"):
            for r in as_list(st.get(element)):
                if not isinstance(r, str) or (r != "*" and not r.startswith("arn:")):
                    return False
        if kind == "rcp" and "Resource" not in st and "NotResource" not in st:
            return False
        for action in as_list(st.get("Action")) + as_list(st.get("NotAction")):
            if not isinstance(action, str) or (action != "*" and ":" not in action):
                return False
    return True


@dataclass
class Corpus:
    """Real policies from ../shared/data."""

    managed: list[tuple[str, Policy]]
    scps: list[tuple[str, Policy]]
    rcps: list[tuple[str, Policy]]
    boundaries: list[tuple[str, Policy]]
    resource_policies: list[tuple[str, str, Policy]]

    @staticmethod
    def load(shared: Path) -> "Corpus":
        data = shared / "data"

        def read(name: str, kind: str) -> list[dict[str, Any]]:
            rows = [json.loads(line) for line in (data / name).read_text(encoding="utf-8").splitlines() if line.strip()]
            return [r for r in rows if usable(r["document"], kind)]

        resource = [
            (r["name"], r["kind"], r["document"])
            for r in read("resource-policy-examples.jsonl", "resource")
            if r["kind"] != "vpc-endpoint"
        ]
        return Corpus(
            managed=[(r["name"], r["document"]) for r in read("aws-managed-policies.jsonl", "identity")],
            scps=[(r["name"], r["document"]) for r in read("scp-examples.jsonl", "scp")],
            rcps=[(r["name"], r["document"]) for r in read("rcp-examples.jsonl", "rcp")],
            boundaries=[(r["name"], r["document"]) for r in read("boundary-examples.jsonl", "boundary")],
            resource_policies=resource,
        )


# ------------------------------------------------------------------------------ principals
@dataclass(frozen=True)
class Caller:
    """The principal of a request, with what AWS would know about it."""

    kind: str  # user | role-session | role | federated | root | service | anonymous
    principal: str
    account: str = ""
    parent_arn: str = ""  # role ARN with path behind a session
    name: str = ""

    @property
    def is_session(self) -> bool:
        return self.kind in ("role-session", "role", "federated")


def user(name: str, account: str = ACCOUNT, path: str = "/") -> Caller:
    return Caller("user", f"arn:aws:iam::{account}:user{path}{name}", account, name=name)


def role_session(role: str, session: str, account: str = ACCOUNT, path: str = "/") -> Caller:
    parent = f"arn:aws:iam::{account}:role{path}{role}"
    return Caller("role-session", f"arn:aws:sts::{account}:assumed-role/{role}/{session}", account, parent, role)


def bare_role(role: str, account: str = ACCOUNT, path: str = "/") -> Caller:
    return Caller("role", f"arn:aws:iam::{account}:role{path}{role}", account, name=role)


def federated(name: str, account: str = ACCOUNT) -> Caller:
    return Caller("federated", f"arn:aws:sts::{account}:federated-user/{name}", account, name=name)


def root(account: str = ACCOUNT) -> Caller:
    return Caller("root", f"arn:aws:iam::{account}:root", account)


def service(name: str) -> Caller:
    return Caller("service", name)


ANONYMOUS = Caller("anonymous", "anonymous")


def random_caller(rng: random.Random, account: str = ACCOUNT, federated_ok: bool = False) -> Caller:
    """An IAM user, a role session or a bare role of `account` (a federated user if allowed)."""
    roll = rng.random()
    if roll < 0.4:
        return user(rng.choice(USER_NAMES), account, rng.choice(("/", "/", "/engineering/")))
    if roll < 0.8 or not federated_ok and roll < 0.9:
        return role_session(rng.choice(ROLE_NAMES), rng.choice(SESSION_NAMES), account, rng.choice(ROLE_PATHS))
    if roll < 0.9:
        return federated(rng.choice(USER_NAMES), account)
    return bare_role(rng.choice(ROLE_NAMES), account, rng.choice(ROLE_PATHS))


def derived_context(caller: Caller, resource_account: str) -> Context:
    """The global keys AWS sends for this caller; the values iameval derives (spec §1)."""
    ctx: Context = {"aws:ResourceAccount": resource_account}
    if caller.kind == "service":
        ctx["aws:PrincipalIsAWSService"] = "true"
        ctx["aws:PrincipalServiceName"] = caller.principal
        return ctx
    ctx["aws:PrincipalIsAWSService"] = "false"
    if caller.kind == "anonymous":
        ctx["aws:PrincipalType"] = "Anonymous"
        return ctx
    types = {"user": "User", "role-session": "AssumedRole", "role": "AssumedRole",
             "federated": "FederatedUser", "root": "Account"}
    ctx["aws:PrincipalType"] = types[caller.kind]
    ctx["aws:PrincipalAccount"] = caller.account
    ctx["aws:PrincipalArn"] = caller.parent_arn or caller.principal
    if caller.kind == "user":
        ctx["aws:username"] = caller.name
    return ctx


def base_context(rng: random.Random, caller: Caller, resource_account: str, region: str) -> Context:
    """Derived keys plus the keys most requests carry (source IP, TLS, time, region, org)."""
    ctx = derived_context(caller, resource_account)
    if rng.random() < 0.85:
        ctx["aws:SourceIp"] = rng.choice(SOURCE_IPS)
    if rng.random() < 0.9:
        ctx["aws:SecureTransport"] = "true" if rng.random() < 0.85 else "false"
    ctx["aws:CurrentTime"] = random_iso_time(rng)
    ctx["aws:RequestedRegion"] = region
    if caller.account and rng.random() < 0.7:
        ctx["aws:PrincipalOrgID"] = ORG_ID
    if caller.kind in ("user", "role-session", "role") and rng.random() < 0.5:
        ctx["aws:MultiFactorAuthPresent"] = "true" if rng.random() < 0.5 else "false"
    return ctx


def random_iso_time(rng: random.Random) -> str:
    start = dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc)
    moment = start + dt.timedelta(seconds=rng.randrange(0, 8 * 365 * 86400))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------------------ resources
VARIABLE = re.compile(r"\$\{([^}]*)\}")


LITERAL = {"*": "\x01", "?": "\x02", "$": "\x03"}  # literal characters while a pattern is globbed


def resolve_variables(rng: random.Random, text: str, ctx: Context) -> str:
    """Replaces `${key}` / `${key, 'default'}` by a value a request could carry, and `${*}`,
    `${?}`, `${$}` by their character. Substituted text is literal (spec §5): its `*` and `?`
    come back as LITERAL sentinels, which unescape() turns into the characters after globbing."""

    def protect(value: str) -> str:
        return "".join(LITERAL.get(c, c) if c in "*?" else c for c in value)

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner in LITERAL:
            return LITERAL[inner]
        key, _, default = inner.partition(",")
        value = lookup(ctx, key.strip())
        if isinstance(value, str):
            return protect(value)
        default = default.strip().strip("'")
        return protect(default) if default else rng.choice(TOKENS)

    return VARIABLE.sub(one, text)


def unescape(text: str) -> str:
    """Turns the LITERAL sentinels back into their characters."""
    for char, sentinel in LITERAL.items():
        text = text.replace(sentinel, char)
    return text


def lookup(ctx: Context, key: str) -> Json:
    """Case-insensitive context lookup (None when absent)."""
    lowered = key.lower()
    for k, v in ctx.items():
        if k.lower() == lowered:
            return v
    return None


def instantiate_glob(rng: random.Random, pattern: str, filler: Sequence[str] = TOKENS) -> str:
    """A string matched by a glob: `*` becomes a token (or nothing), `?` one character."""
    out = []
    for ch in pattern:
        if ch == "*":
            out.append(rng.choice(("",) + tuple(filler) + ("a/b", "x/y.txt")))
        elif ch == "?":
            out.append(rng.choice("abcxyz019"))
        else:
            out.append(ch)
    return "".join(out)


def instantiate_arn(rng: random.Random, pattern: str, action: Action, account: str, region: str,
                    ctx: Context) -> str:
    """A concrete ARN matched by a Resource pattern, field by field. A wildcard in the
    resource-type word becomes a real type word of the action (`*/*` -> `directory/x`)."""
    pattern = resolve_variables(rng, pattern, ctx)
    fields = pattern.split(":", 5)
    if len(fields) < 6 or fields[0] != "arn":
        return catalog_arn(rng, action, account, region)
    partition, svc, reg, acct, resource = fields[1:]
    partition = "aws" if "*" in partition or "?" in partition else partition
    svc = action.service if "*" in svc or "?" in svc else svc
    if "*" in reg or "?" in reg:
        reg = region
    if "*" in acct or "?" in acct:
        acct = account
    word = type_word(resource)
    if "*" in word or "?" in word:
        real = sorted({w for f in action.arn_formats if f.count(":") >= 5
                       for w in [type_word(f.split(":", 5)[-1])] if w and "$" not in w and glob_match(word, w)})
        if not real:
            return catalog_arn(rng, action, account, region)
        resource = rng.choice(real) + resource[len(word):]
    return unescape(":".join(("arn", partition, svc, reg, acct, instantiate_glob(rng, resource))))


# Resources the peer protects with service-specific rules the spec does not model (IAM roles
# under /aws-reserved/, AWS managed policies, KMS aliases under alias/aws/): out of scope for
# the comparison, see docs/differential-testing.md.
OUT_OF_SCOPE_RESOURCE = re.compile(r":role/aws-reserved/|^arn:[^:]*:iam::aws:|:alias/aws/")


def catalog_arn(rng: random.Random, action: Action, account: str, region: str) -> str:
    """An ARN of one of the action's resource types, from the catalog's ARN format."""
    if action.wildcard_only:
        return "*"
    fmt = rng.choice(action.arn_formats)

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "Partition":
            return "aws"
        if name == "Region":
            return region
        if name in ("Account", "AccountId"):
            return account
        if name == "Scope":
            return rng.choice(("regional", "global"))
        return rng.choice(TOKENS) + ("" if rng.random() < 0.7 else "-" + str(rng.randrange(100)))

    return re.sub(r"\$\{([^}]*)\}", fill, fmt)


def arn_account(arn: str) -> str:
    fields = arn.split(":", 5)
    return fields[4] if len(fields) == 6 and re.fullmatch(r"\d{12}", fields[4]) else ""


# ------------------------------------------------------------------------------ actions
def statement_actions(st: Statement) -> tuple[list[str], bool]:
    """The statement's action patterns and whether they are a NotAction list."""
    if "NotAction" in st:
        return [a for a in as_list(st["NotAction"]) if isinstance(a, str)], True
    return [a for a in as_list(st.get("Action")) if isinstance(a, str)], False


def action_for_statement(rng: random.Random, st: Statement, catalog: Catalog) -> Action:
    """An action the statement talks about (or, for NotAction, one it may exclude)."""
    patterns, negated = statement_actions(st)
    if negated and rng.random() < 0.5:
        services = sorted({p.split(":")[0].lower() for p in patterns if ":" in p} & set(catalog.services))
        return catalog.random_action(rng, services or None)
    concrete = [p for p in patterns if p != "*"]
    if not concrete:
        return catalog.random_action(rng)
    matches = catalog.expand(rng.choice(concrete))
    return rng.choice(matches) if matches else catalog.random_action(rng)


def resource_for(rng: random.Random, st: Optional[Statement], action: Action, account: str,
                 region: str, ctx: Context) -> str:
    """The request resource: `*` for wildcard-only actions, else an ARN that the statement's
    Resource names half of the time, else an ARN of the action's resource type."""
    if action.wildcard_only:
        return "*"
    if st is not None and rng.random() < 0.5:
        patterns = [r for r in as_list(st.get("Resource")) if isinstance(r, str) and r.startswith("arn:")]
        if patterns:
            arn = instantiate_arn(rng, rng.choice(patterns), action, account, region, ctx)
            if not OUT_OF_SCOPE_RESOURCE.search(arn):
                return arn
    return catalog_arn(rng, action, account, region)


# ------------------------------------------------------------------------------ condition values
def ip_inside(rng: random.Random, cidr: str) -> str:
    net = ipaddress.ip_network(cidr, strict=False)
    if net.num_addresses <= 2:
        return str(net.network_address)
    return str(net.network_address + rng.randrange(1, min(net.num_addresses - 1, 1 << 20)))


def parse_date(text: str) -> Optional[dt.datetime]:
    """A policy or context date (ISO 8601 profile or epoch seconds) as an aware datetime."""
    if re.fullmatch(r"-?\d+", text):
        return dt.datetime.fromtimestamp(int(text), tz=dt.timezone.utc)
    t = text.replace("Z", "+00:00")
    for fmt in ("%Y", "%Y-%m", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(t, fmt).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    try:
        parsed = dt.datetime.fromisoformat(t)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def matching_value(rng: random.Random, family: str, base: str, value: str, ctx: Context) -> str:
    """A request value that makes the primitive comparison with `value` true."""
    if family == "String":
        text = resolve_variables(rng, value, ctx)
        if "like" in base.lower():
            text = instantiate_glob(rng, text)
        if "ignorecase" in base.lower():
            text = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
        return unescape(text)
    if family == "Arn":
        return unescape(instantiate_glob(rng, resolve_variables(rng, value, ctx)))
    if family == "Ip":
        try:
            return ip_inside(rng, value)
        except ValueError:
            return value
    if family == "Date":
        parsed = parse_date(value)
        return parsed.strftime("%Y-%m-%dT%H:%M:%SZ") if parsed else value
    if family == "Bool":
        return value.lower()
    return value


def other_value(rng: random.Random, family: str) -> str:
    """A plausible request value of the family that most likely matches nothing."""
    if family == "Numeric":
        return str(rng.randrange(0, 5000))
    if family == "Date":
        return random_iso_time(rng)
    if family == "Bool":
        return rng.choice(("true", "false"))
    if family == "Ip":
        return rng.choice(SOURCE_IPS + ("2001:db8::7",))
    if family == "Arn":
        return f"arn:aws:{rng.choice(('s3', 'sqs', 'sns'))}:{rng.choice(REGIONS)}:{OTHER_ACCOUNT}:{rng.choice(TOKENS)}"
    return rng.choice(TOKENS + (ORG_ID, ACCOUNT, OTHER_ACCOUNT))


def context_value_for(rng: random.Random, use: ConditionUse, ctx: Context, multivalued: bool) -> Json:
    """The request value(s) for a condition key: absent (None), matching, or other; a list of
    two or three values when the key is used with a set qualifier or is multivalued."""
    qualifier, base, _ = split_operator(use.operator)
    family = operator_family(base)
    if family == "Null":
        if use.values and use.values[0].lower() == "true" and rng.random() < 0.5:
            return None
        return rng.choice(TOKENS)
    if family == "Unknown" or rng.random() < 0.2:
        return None
    policy_values = [v for v in use.values if v] or ["x"]

    def one() -> str:
        if rng.random() < 0.6:
            return matching_value(rng, family, base, rng.choice(policy_values), ctx)
        return other_value(rng, family)

    if (multivalued or qualifier) and rng.random() < 0.65:
        return distinct_values(one, rng.randint(2, 3))
    return one()


def distinct_values(make: Callable[[], str], count: int) -> list[str]:
    """`count` distinct values from `make`. Lists always have two or more values: how a plain
    operator treats a one-element list is not specified (spec §4.4), so it is not compared."""
    values: list[str] = []
    for _ in range(count * 4):
        value = make()
        if value not in values:
            values.append(value)
        if len(values) == count:
            return values
    while len(values) < max(2, count):
        values.append(f"extra-{len(values)}")
    return values


def add_condition_context(rng: random.Random, ctx: Context, policies: Iterable[Optional[Policy]],
                          max_keys: int = 16) -> None:
    """Adds values for the condition keys of the policies (derived keys keep their value)."""
    uses = [u for p in policies for u in condition_uses(p)]
    rng.shuffle(uses)
    seen = {k.lower() for k in ctx}
    added = 0
    for use in uses:
        lowered = use.key.lower()
        if lowered in seen or added >= max_keys:
            continue
        seen.add(lowered)
        multivalued = lowered in ("aws:tagkeys", "aws:principalorgpaths", "aws:resourceorgpaths") or \
            lowered.endswith("tagkeys")
        value = context_value_for(rng, use, ctx, multivalued)
        if value is not None and value != []:
            ctx[use.key] = value
            added += 1


# ------------------------------------------------------------------------------ case assembly
@dataclass
class Env:
    """What every recipe needs."""

    rng: random.Random
    catalog: Catalog
    corpus: Corpus


def make_case(category: str, caller: Caller, action: Action, resource: str, *,
              resource_account: str = "", context: Optional[Context] = None,
              identity: Sequence[Policy] = (), resource_policy: Optional[Policy] = None,
              scps: Optional[list[list[Policy]]] = None, rcps: Optional[list[list[Policy]]] = None,
              boundary: Optional[Policy] = None, session: Optional[Policy] = None,
              expect: Optional[str] = None, spec: Optional[str] = None,
              extra: Optional[dict[str, Any]] = None) -> Case:
    """A case line; empty optional parts are left out."""
    case: Case = {
        "category": category,
        "principal": caller.principal,
        "action": action.full,
        "resource": resource,
        "resource_account": resource_account or caller.account or ACCOUNT,
        "identity_policies": list(identity),
    }
    if caller.parent_arn:
        case["principal_parent_arn"] = caller.parent_arn
    optional = {"resource_policy": resource_policy, "scps": scps, "rcps": rcps,
                "permission_boundary": boundary, "session_policy": session}
    case.update({k: v for k, v in optional.items() if v})
    if context:
        case["context"] = context
    case["wildcard_only_action"] = action.wildcard_only
    if extra:
        case.update(extra)
    if expect is not None:
        case["expect"] = expect
        case["spec"] = spec or ""
    return case


def doc(*stmts: Statement, version: Optional[str] = V2012) -> Policy:
    """A policy document from statements (no Version when version is None)."""
    policy: Policy = {"Version": version} if version else {}
    policy["Statement"] = list(stmts)
    return policy


def allow(action: Json = "*", resource: Json = "*", **more: Any) -> Statement:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **more}


def deny(action: Json = "*", resource: Json = "*", **more: Any) -> Statement:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **more}


def session_policy_for(rng: random.Random, caller: Caller, action: Action) -> Optional[Policy]:
    """Federated sessions always get a session policy in realistic recipes (see the
    federated-without-session-policy divergence); role sessions sometimes do."""
    if caller.kind == "federated" or (caller.kind == "role-session" and rng.random() < 0.15):
        if rng.random() < 0.7:
            return doc(allow([f"{action.service}:*"] if rng.random() < 0.5 else "*"))
        return doc(allow("ec2:Describe*"))
    return None


# ------------------------------------------------------------------------------ realistic recipes
def gen_managed_identity(env: Env) -> Case:
    """1-3 AWS managed policies as identity policies; an action one of them mentions."""
    rng = env.rng
    picked = [rng.choice(env.corpus.managed)[1] for _ in range(rng.choice((1, 1, 2, 3)))]
    caller = random_caller(rng, federated_ok=True)
    region = rng.choice(REGIONS)
    st: Optional[Statement] = None
    if rng.random() < 0.75:
        candidates = [s for p in picked for s in statements(p)]
        st = rng.choice(candidates) if candidates else None
        action = action_for_statement(rng, st, env.catalog) if st else env.catalog.random_action(rng)
    else:
        action = env.catalog.random_action(rng)
    ctx = base_context(rng, caller, ACCOUNT, region)
    resource = resource_for(rng, st, action, ACCOUNT, region, ctx)
    add_condition_context(rng, ctx, picked)
    return make_case("managed-identity", caller, action, resource, context=ctx, identity=picked,
                     session=session_policy_for(rng, caller, action))


def principal_arn_caller(rng: random.Random, policies: Sequence[Policy]) -> Optional[Caller]:
    """A caller whose ARN fits an aws:PrincipalArn pattern of the policies (exemptions in
    SCPs and RCPs are usually written that way), or None."""
    patterns = [v for p in policies for u in condition_uses(p) if u.key.lower() == "aws:principalarn"
                for v in u.values if v.startswith("arn:aws:iam::")]
    if not patterns:
        return None
    arn = instantiate_glob(rng, rng.choice(patterns), ("app", "exec", "x"))
    fields = arn.split(":", 5)
    if len(fields) < 6:
        return None
    account = fields[4] if re.fullmatch(r"\d{12}", fields[4]) else ACCOUNT
    kind, _, rest = fields[5].partition("/")
    if not rest or "$" in rest:
        return None
    path, _, name = ("/" + rest).rpartition("/")
    if kind == "role":
        return role_session(name, rng.choice(SESSION_NAMES), account, path + "/")
    if kind == "user":
        return user(name, account, path + "/")
    return None


def scp_levels(rng: random.Random, scps: Sequence[Policy]) -> list[list[Policy]]:
    """1-3 SCP levels; each SCP is attached to a random level; FullAWSAccess is attached at a
    level with probability 0.9 (a level without it allows only what its SCPs allow)."""
    count = rng.randint(1, 3)
    levels: list[list[Policy]] = [[] for _ in range(count)]
    for scp in scps:
        levels[rng.randrange(count)].append(scp)
    for level in levels:
        if rng.random() < 0.9 or not level:
            level.insert(0, FULL_AWS_ACCESS)
    return levels


def gen_scp_guardrail(env: Env) -> Case:
    """SCP examples on 1-3 levels over identity grants; actions the SCPs talk about."""
    rng = env.rng
    scps = [rng.choice(env.corpus.scps)[1] for _ in range(rng.choice((1, 1, 2)))]
    caller = principal_arn_caller(rng, scps) if rng.random() < 0.35 else None
    caller = caller or random_caller(rng)
    if caller.account != ACCOUNT:
        caller = random_caller(rng)
    region = rng.choice(REGIONS)
    candidates = [s for p in scps for s in statements(p)]
    st = rng.choice(candidates) if candidates and rng.random() < 0.8 else None
    action = action_for_statement(rng, st, env.catalog) if st else env.catalog.random_action(rng)
    ctx = base_context(rng, caller, ACCOUNT, region)
    resource = resource_for(rng, st, action, ACCOUNT, region, ctx)
    identity = [doc(allow())] if rng.random() < 0.5 else [rng.choice(env.corpus.managed)[1]]
    add_condition_context(rng, ctx, scps + identity)
    return make_case("scp-guardrail", caller, action, resource, context=ctx, identity=identity,
                     scps=scp_levels(rng, scps), session=session_policy_for(rng, caller, action))


def resource_grant(caller: Caller, action: Action) -> Policy:
    """A resource policy that grants the action to the caller (by ARN, service or "*")."""
    if caller.kind == "service":
        principal: Json = {"Service": caller.principal}
    elif caller.kind == "anonymous":
        principal = "*"
    else:
        principal = {"AWS": caller.parent_arn or caller.principal}
    return doc({"Effect": "Allow", "Principal": principal, "Action": action.full, "Resource": "*"})


def gen_rcp_guardrail(env: Env) -> Case:
    """RCP examples over requests to RCP-supported services, from same-account, cross-account,
    service and anonymous callers."""
    rng = env.rng
    rcps = [rng.choice(env.corpus.rcps)[1] for _ in range(rng.choice((1, 1, 2)))]
    roll = rng.random()
    caller = (random_caller(rng) if roll < 0.45 else random_caller(rng, OTHER_ACCOUNT) if roll < 0.7
              else service(rng.choice(SERVICE_PRINCIPALS)) if roll < 0.9 else ANONYMOUS)
    region = rng.choice(REGIONS)
    candidates = [s for p in rcps for s in statements(p)]
    st = rng.choice(candidates) if candidates else None
    action = action_for_statement(rng, st, env.catalog) if st else env.catalog.random_action(rng)
    if action.service not in env.catalog.rcp_services:
        action = env.catalog.random_action(rng, ("s3", "sqs", "kms", "secretsmanager", "sts", "dynamodb"))
    ctx = base_context(rng, caller, ACCOUNT, region)
    resource = resource_for(rng, st, action, ACCOUNT, region, ctx)
    identity = [doc(allow())] if caller.account else []
    grant = resource_grant(caller, action) if caller.account != ACCOUNT or rng.random() < 0.3 else None
    add_condition_context(rng, ctx, rcps)
    levels = [[p] for p in rcps] if rng.random() < 0.5 else [rcps]
    return make_case("rcp-guardrail", caller, action, resource, resource_account=ACCOUNT, context=ctx,
                     identity=identity, resource_policy=grant, rcps=levels)


def gen_boundary(env: Env) -> Case:
    """Permission-boundary examples over managed or broad identity grants, sometimes with a
    resource policy naming the role, the session or the user."""
    rng = env.rng
    boundary = rng.choice(env.corpus.boundaries)[1]
    caller = random_caller(rng)
    region = rng.choice(REGIONS)
    candidates = statements(boundary)
    st = rng.choice(candidates) if candidates and rng.random() < 0.8 else None
    action = action_for_statement(rng, st, env.catalog) if st else env.catalog.random_action(rng)
    ctx = base_context(rng, caller, ACCOUNT, region)
    resource = resource_for(rng, st, action, ACCOUNT, region, ctx)
    identity = [doc(allow())] if rng.random() < 0.6 else [rng.choice(env.corpus.managed)[1]]
    grant = None
    if rng.random() < 0.25:
        who = rng.choice([caller.principal, caller.parent_arn or caller.principal, "*"])
        grant = doc({"Effect": "Allow", "Principal": {"AWS": who} if who != "*" else "*",
                     "Action": action.full, "Resource": "*"})
    add_condition_context(rng, ctx, [boundary] + identity)
    return make_case("boundary", caller, action, resource, context=ctx, identity=identity,
                     resource_policy=grant, boundary=boundary,
                     session=session_policy_for(rng, caller, action))


def caller_from_principal(rng: random.Random, principal: Json) -> Caller:
    """A caller that a resource-policy Principal element names (or an arbitrary one)."""
    if principal == "*" or rng.random() < 0.2:
        return ANONYMOUS if rng.random() < 0.2 else random_caller(rng, rng.choice((ACCOUNT, OTHER_ACCOUNT)))
    if not isinstance(principal, dict):
        return random_caller(rng)
    if "Service" in principal:
        names = [s for s in as_list(principal["Service"]) if isinstance(s, str) and s.endswith(".com")]
        if names:
            return service(rng.choice(names))
    entries = [e for e in as_list(principal.get("AWS")) if isinstance(e, str)]
    if not entries:
        return random_caller(rng)
    entry = rng.choice(entries)
    if entry == "*":
        return random_caller(rng, rng.choice((ACCOUNT, OTHER_ACCOUNT)))
    if re.fullmatch(r"\d{12}", entry):
        return random_caller(rng, entry)
    m = re.fullmatch(r"arn:aws:(iam|sts)::(\d{12}):(user|role|assumed-role|federated-user|root)(/.*)?", entry)
    if not m:
        return random_caller(rng)
    _svc, account, kind, rest = m.groups()
    rest = rest or ""
    path, _, name = rest.rpartition("/")
    if kind == "root":
        return random_caller(rng, account)
    if kind == "user":
        return user(name, account, path + "/")
    if kind == "role":
        return role_session(name, rng.choice(SESSION_NAMES), account, path + "/")
    if kind == "assumed-role":
        role_name, _, session_name = rest.strip("/").partition("/")
        return Caller("role-session", entry, account, f"arn:aws:iam::{account}:role/{role_name}", role_name)
    return federated(name, account)


def gen_resource_policy(env: Env) -> Case:
    """Resource-policy examples (bucket, queue, topic, key, trust ...): a caller the policy names,
    one of its actions and resources, same- or cross-account, with or without identity grants."""
    rng = env.rng
    _name, kind, policy = rng.choice(env.corpus.resource_policies)
    candidates = statements(policy)
    st = rng.choice(candidates) if candidates else {}
    caller = caller_from_principal(rng, st.get("Principal", "*"))
    if caller.kind == "federated":
        caller = random_caller(rng, caller.account)
    region = rng.choice(REGIONS)
    action = action_for_statement(rng, st, env.catalog) if st else env.catalog.random_action(rng)
    trust = kind == "role-trust"
    if trust != action.full.lower().startswith("sts:assumerole"):
        action = simple(env, "sts:AssumeRole") if trust else env.catalog.random_action(rng, ("s3", "sqs", "sns", "kms"))
    owner = OTHER_ACCOUNT if caller.account == ACCOUNT and rng.random() < 0.3 else ACCOUNT
    ctx = base_context(rng, caller, owner, region)
    if trust:
        resource = f"arn:aws:iam::{owner}:role/{rng.choice(ROLE_NAMES)}"
    else:
        resource = resource_for(rng, st, action, owner, region, ctx)
        owner = arn_account(resource) or owner
        ctx["aws:ResourceAccount"] = owner
    identity: list[Policy] = []
    if caller.account and rng.random() < 0.75:
        identity = [doc(allow(action.full))] if rng.random() < 0.7 else [rng.choice(env.corpus.managed)[1]]
    add_condition_context(rng, ctx, [policy] + identity)
    return make_case("resource-policy", caller, action, resource, resource_account=owner, context=ctx,
                     identity=identity, resource_policy=policy,
                     session=session_policy_for(rng, caller, action))


# Condition templates: (operator family, key, policy values, whether the key is multivalued).
CONDITION_KEYS: dict[str, list[tuple[str, list[str], bool]]] = {
    "String": [("aws:PrincipalTag/team", ["red", "blue", "data-*"], False),
               ("aws:TagKeys", ["env", "owner", "cost*"], True),
               ("s3:prefix", ["home/", "home/*", "public/?/x"], False),
               ("aws:PrincipalOrgID", [ORG_ID, "o-zzzzzzzzzz"], False)],
    "Numeric": [("s3:max-keys", ["10", "100", "0.5", "-3"], False)],
    "Date": [("aws:CurrentTime", ["2020-01-01T00:00:00Z", "2024-06-30", "2025-03-01T12:00:00+02:00", "2026-02"], False),
             ("aws:TokenIssueTime", ["2023-12-31T23:59:59.500Z"], False)],
    "Bool": [("aws:SecureTransport", ["true", "false"], False), ("aws:MultiFactorAuthPresent", ["true"], False)],
    "Ip": [("aws:SourceIp", ["10.0.0.0/8", "203.0.113.0/24", "2001:DB8::/32", "192.168.10.20"], False)],
    "Arn": [("aws:SourceArn",
             ["arn:aws:s3:::bucket-*", "arn:aws:sns:*:111122223333:topic", "arn:aws:logs:*:*:log-group:app:*"], False),
            ("aws:PrincipalArn", ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::*:role/teams/*"], False)],
    "Binary": [("aws:PrincipalTag/blob", ["QmluYXJ5VmFsdWU="], False)],
    "Null": [("aws:PrincipalTag/team", ["true", "false"], False), ("aws:TagKeys", ["true", "false"], True)],
}
OPERATORS: dict[str, list[str]] = {
    "String": ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
               "StringLike", "StringNotLike"],
    "Numeric": ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
                "NumericGreaterThan", "NumericGreaterThanEquals"],
    "Date": ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
             "DateGreaterThanEquals"],
    "Bool": ["Bool"],
    "Ip": ["IpAddress", "NotIpAddress"],
    "Arn": ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"],
    "Binary": ["BinaryEquals"],
    "Null": ["Null"],
}


def random_condition(rng: random.Random) -> tuple[dict[str, dict[str, Json]], bool]:
    """One operator over one key with 1-3 values; qualifiers and IfExists at random. Returns
    the block and whether the key is multivalued."""
    family = rng.choice(sorted(CONDITION_KEYS))
    key, values, multivalued = rng.choice(CONDITION_KEYS[family])
    operator = rng.choice(OPERATORS[family])
    if family != "Null" and rng.random() < 0.25:
        operator += "IfExists"
    if multivalued or (family in ("String", "Arn") and rng.random() < 0.15):
        operator = rng.choice(("ForAnyValue:", "ForAllValues:")) + operator
    if rng.random() < 0.2:
        key = key.upper() if rng.random() < 0.5 else key.lower()  # key names are case-insensitive
    chosen: Json = rng.sample(values, k=min(len(values), rng.randint(1, 3))) if family != "Null" else rng.choice(values)
    if family == "Bool" and rng.random() < 0.3:
        chosen = chosen[0] == "true"  # JSON booleans are allowed in the policy
    if isinstance(chosen, list) and len(chosen) == 1 and rng.random() < 0.5:
        chosen = chosen[0]
    return {operator: {key: chosen}}, multivalued


def gen_condition_edge(env: Env) -> Case:
    """Synthetic condition blocks over every operator family: qualifiers, IfExists, absent,
    multivalued and case-varied keys, negated operators, several values."""
    rng = env.rng
    caller = random_caller(rng)
    region = rng.choice(REGIONS)
    action = env.catalog.find(rng.choice(("s3:GetObject", "s3:ListBucket", "sqs:SendMessage", "ec2:RunInstances")))
    assert action is not None
    ctx = base_context(rng, caller, ACCOUNT, region)
    resource = catalog_arn(rng, action, ACCOUNT, region)
    blocks = [random_condition(rng) for _ in range(rng.randint(1, 3))]
    condition: dict[str, dict[str, Json]] = {}
    for block, _mv in blocks:
        for op, keys in block.items():
            condition.setdefault(op, {}).update(keys)
    if rng.random() < 0.5:
        policy = doc(allow(action.full, "*", Condition=condition))
    else:
        policy = doc(allow(), deny(action.full, "*", Condition=condition))
    for lowered in {k.lower() for keys in condition.values() for k in keys}:
        for k in [k for k in ctx if k.lower() == lowered and k not in DERIVED_KEYS]:
            del ctx[k]
    add_condition_context(rng, ctx, [policy])
    return make_case("condition-edge", caller, action, resource, context=ctx, identity=[policy])


def gen_policy_variables(env: Env) -> Case:
    """Policy variables in 2012-10-17 policies: Resource, NotResource and condition values,
    defaults, escapes, case-insensitive keys, tag variables, a variable in the region field."""
    rng = env.rng
    caller = rng.choice((user(rng.choice(USER_NAMES)), role_session("app", "s1")))
    region = rng.choice(REGIONS)
    ctx = base_context(rng, caller, ACCOUNT, region)
    team = rng.choice(("red", "blue", "*"))
    if rng.random() < 0.7:
        ctx["aws:PrincipalTag/team"] = team
    get = env.catalog.find("s3:GetObject")
    assert get is not None
    owner = rng.choice((caller.name, "red", "blue", "shared", "a*b", "axb", "a$b"))
    resource = f"arn:aws:s3:::corp/home/{owner}/f.txt"
    variable = rng.choice(("${aws:username}", "${AWS:UserName}", "${aws:PrincipalTag/team}",
                           "${aws:principaltag/TEAM}", "${aws:PrincipalTag/team, 'shared'}",
                           "a${*}b", "a${?}b"))
    shape = rng.randrange(5)
    if shape == 0:
        policy = doc(allow("s3:GetObject", f"arn:aws:s3:::corp/home/{variable}/*"))
    elif shape == 1:
        policy = doc(allow(), deny("s3:GetObject", NotResource=f"arn:aws:s3:::corp/home/{variable}/*"))
        del policy["Statement"][1]["Resource"]
    elif shape == 2:
        ctx["aws:ResourceTag/owner"] = rng.choice((owner, team, caller.name))
        operator = rng.choice(("StringEquals", "StringLike", "StringNotEquals", "StringEqualsIgnoreCase"))
        effect = allow if operator != "StringNotEquals" else deny
        stmts = [effect("s3:GetObject", "*", Condition={operator: {"aws:ResourceTag/owner": variable}})]
        policy = doc(*([allow()] if effect is deny else []), *stmts)
    elif shape == 3:
        dyn = env.catalog.find("dynamodb:GetItem")
        assert dyn is not None
        table = f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/t"
        policy = doc(allow("dynamodb:GetItem", f"arn:aws:dynamodb:${{aws:RequestedRegion}}:{ACCOUNT}:table/t"))
        return make_case("policy-variables", caller, dyn, table, context=ctx, identity=[policy])
    else:
        ctx["s3:prefix"] = rng.choice((f"{caller.name}/docs", "other/", f"{team}/x"))
        policy = doc(allow("s3:ListBucket", "arn:aws:s3:::corp",
                           Condition={"StringLike": {"s3:prefix": [f"{variable}/*", "public/*"]}}))
        listing = env.catalog.find("s3:ListBucket")
        assert listing is not None
        return make_case("policy-variables", caller, listing, "arn:aws:s3:::corp", context=ctx, identity=[policy])
    return make_case("policy-variables", caller, get, resource, context=ctx, identity=[policy])


def gen_principal_matrix(env: Env) -> Case:
    """Who is granted how: caller kinds x resource-policy principal forms x identity, boundary
    and session policies x same/cross account (spec §7.4-7.8)."""
    rng = env.rng
    kind = rng.choice(("user", "role-session", "role", "federated"))
    # One role, `app` with path /svc/: its sessions, its ARN, and policies naming it by that ARN.
    caller = {"user": lambda: user("alice"), "role-session": lambda: role_session("app", "s1", path="/svc/"),
              "role": lambda: bare_role("app", path="/svc/"), "federated": lambda: federated("bob")}[kind]()
    action = simple(env, rng.choice(("s3:GetObject", "sqs:SendMessage", "kms:Decrypt",
                                     "secretsmanager:GetSecretValue")))
    owner = OTHER_ACCOUNT if rng.random() < 0.3 else ACCOUNT
    region = rng.choice(REGIONS)
    resource = catalog_arn(rng, action, owner, region)
    forms: list[Json] = ["*", {"AWS": "*"}, {"AWS": owner}, {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                         {"AWS": ACCOUNT}, {"AWS": caller.principal}, {"AWS": "arn:aws:iam::111122223333:user/alice"},
                         {"AWS": "arn:aws:iam::111122223333:role/svc/app"},
                         {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}, {"AWS": [caller.principal, OTHER_ACCOUNT]}]
    if caller.kind == "federated":
        forms = [f for f in forms if f not in ("*", {"AWS": "*"}, {"AWS": caller.principal})]
    resource_policy = None
    if rng.random() < 0.8:
        resource_policy = doc({"Effect": "Allow", "Principal": rng.choice(forms), "Action": action.full,
                               "Resource": "*"})
    identity = [doc(allow(action.full))] if rng.random() < 0.6 else []
    boundary = rng.choice((None, None, doc(allow(action.full)), doc(allow("ec2:*"))))
    session = None
    if caller.kind == "federated" or (caller.is_session and rng.random() < 0.3):
        session = rng.choice((doc(allow()), doc(allow(action.full)), doc(allow("ec2:*"))))
        if isinstance(resource_policy, dict):
            grant = statements(resource_policy)[0]["Principal"]
            if grant in ("*", {"AWS": "*"}) or caller.principal in json.dumps(grant):
                session = doc(allow())  # see the session-policy-direct-grant divergence
    ctx = base_context(rng, caller, owner, region)
    return make_case("principal-matrix", caller, action, resource, resource_account=owner, context=ctx,
                     identity=identity, resource_policy=resource_policy, boundary=boundary, session=session)


# ------------------------------------------------------------------------------ divergence recipes
def simple(env: Env, name: str) -> Action:
    action = env.catalog.find(name)
    assert action is not None, name
    return action


def plain_ctx(caller: Caller, resource_account: str = ACCOUNT) -> Context:
    return derived_context(caller, resource_account)


def gen_div_legacy_version_variables(env: Env) -> Case:
    """Spec §2.1/§5/§10.4: variables are literal text outside Version 2012-10-17."""
    rng = env.rng
    caller = user("alice")
    version = rng.choice(("2008-10-17", None))
    literal = rng.random() < 0.4
    resource = "arn:aws:s3:::corp/home/${aws:username}/f" if literal else "arn:aws:s3:::corp/home/alice/f"
    pattern = "arn:aws:s3:::corp/home/${aws:username}/*"
    if rng.random() < 0.5:
        policy = doc(allow("s3:GetObject", pattern), version=version)
        expect = "Allow" if literal else "ImplicitDeny"
    else:
        policy = doc(allow(), deny("s3:GetObject", pattern), version=version)
        expect = "ExplicitDeny" if literal else "Allow"
    return make_case("div-legacy-version-variables", caller, simple(env, "s3:GetObject"), resource,
                     context=plain_ctx(caller), identity=[policy], expect=expect, spec="§5")


NON_RCP_ACTIONS = ("ec2:StartInstances", "lambda:InvokeFunction", "sns:Publish", "iam:CreateUser",
                   "cloudwatch:PutMetricData")


def gen_div_rcp_unsupported_service(env: Env) -> Case:
    """Spec §7.3/§10.24: RCPs apply only to the services that support them."""
    rng = env.rng
    caller = random_caller(rng)
    action = simple(env, rng.choice(NON_RCP_ACTIONS))
    assert action.service not in env.catalog.rcp_services
    region = rng.choice(REGIONS)
    rcp = doc({"Effect": "Deny", "Principal": "*", "Action": rng.choice(("*", f"{action.service}:*")), "Resource": "*"})
    return make_case("div-rcp-unsupported-service", caller, action, catalog_arn(rng, action, ACCOUNT, region),
                     context=plain_ctx(caller), identity=[doc(allow())], rcps=[[rcp]], expect="Allow", spec="§7.3")


def gen_div_scp_service_linked_role(env: Env) -> Case:
    """Spec §7.2/§10.23: SCPs do not restrict service-linked roles."""
    rng = env.rng
    name, svc = rng.choice((("AWSServiceRoleForElasticBeanstalk", "elasticbeanstalk.amazonaws.com"),
                            ("AWSServiceRoleForAutoScaling", "autoscaling.amazonaws.com"),
                            ("AWSServiceRoleForConfig", "config.amazonaws.com")))
    path = f"/aws-service-role/{svc}/"
    caller = bare_role(name, path=path) if rng.random() < 0.5 else role_session(name, "sess", path=path)
    action = simple(env, rng.choice(("s3:GetObject", "ec2:DescribeInstances", "config:PutEvaluations")))
    no_allow: list[list[Policy]] = [[]]  # an empty level allows nothing
    scps = rng.choice(([[doc(deny())]], [[FULL_AWS_ACCESS], [doc(allow("ec2:*"))]], no_allow))
    return make_case("div-scp-service-linked-role", caller, action, catalog_arn(rng, action, ACCOUNT, "us-east-1"),
                     context=plain_ctx(caller), identity=[doc(allow())], scps=scps, expect="Allow", spec="§7.2")


def gen_div_scp_service_principal(env: Env) -> Case:
    """Spec §7.2/§7.9: SCPs do not apply to service principals acting via resource policies."""
    rng = env.rng
    caller = service(rng.choice(SERVICE_PRINCIPALS))
    action = simple(env, rng.choice(("s3:PutObject", "sqs:SendMessage", "sns:Publish")))
    resource = catalog_arn(rng, action, ACCOUNT, "us-east-1")
    scps = rng.choice(([[doc(deny())]], [[doc(allow("ec2:*"))]]))
    return make_case("div-scp-service-principal", caller, action, resource, resource_account=ACCOUNT,
                     context=plain_ctx(caller), resource_policy=resource_grant(caller, action), scps=scps,
                     expect="Allow", spec="§7.2")


def gen_div_management_account(env: Env) -> Case:
    """Spec §7.2/§7.3: SCPs skip management-account principals, RCPs management-account
    resources (the peer has no input for either flag)."""
    rng = env.rng
    caller = random_caller(rng)
    action = simple(env, rng.choice(("s3:GetObject", "sqs:SendMessage", "kms:Decrypt")))
    resource = catalog_arn(rng, action, ACCOUNT, "us-east-1")
    key_policy = resource_grant(caller, action) if action.service == "kms" else None
    if rng.random() < 0.5:
        return make_case("div-management-account", caller, action, resource, context=plain_ctx(caller),
                         identity=[doc(allow())], resource_policy=key_policy, scps=[[doc(deny())]],
                         extra={"principal_in_management_account": True}, expect="Allow", spec="§7.2")
    rcp = doc({"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"})
    return make_case("div-management-account", caller, action, resource, context=plain_ctx(caller),
                     identity=[doc(allow())], resource_policy=key_policy, rcps=[[rcp]],
                     extra={"resource_in_management_account": True}, expect="Allow", spec="§7.3")


def gen_div_unknown_operator(env: Env) -> Case:
    """Spec §4.1/§10.27: an unknown operator makes the policy invalid (strict: an error); the
    peer silently drops the statement, so a guardrail Deny disappears."""
    rng = env.rng
    caller = user("alice")
    operator = rng.choice(("StringEqualz", "StringEqualsIgnoringCase", "IPAddress", "DateBefore", "Boolean"))
    stmt = {"Effect": rng.choice(("Deny", "Allow")), "Action": "s3:GetObject", "Resource": "*",
            "Condition": {operator: {"aws:username": "alice"}}}
    policy = doc(allow(), stmt) if stmt["Effect"] == "Deny" else doc(stmt)
    return make_case("div-unknown-operator", caller, simple(env, "s3:GetObject"), "arn:aws:s3:::b/k",
                     context=plain_ctx(caller), identity=[policy], expect="Error", spec="§4.1")


def gen_div_federated_without_session_policy(env: Env) -> Case:
    """Spec §7.7/§10.3: a GetFederationToken session without a session policy has no
    permissions (except grants to the session ARN itself)."""
    rng = env.rng
    caller = federated(rng.choice(USER_NAMES))
    action = simple(env, rng.choice(("s3:GetObject", "sqs:SendMessage", "ec2:StartInstances")))
    return make_case("div-federated-without-session-policy", caller, action,
                     catalog_arn(rng, action, ACCOUNT, "us-east-1"), context=plain_ctx(caller),
                     identity=[doc(allow())], expect="ImplicitDeny", spec="§7.7")


def gen_div_root_caller(env: Env) -> Case:
    """Spec §7.9/§10.26: the account root user has full access to its own account's resources
    (explicit denies aside) and cannot assume roles."""
    rng = env.rng
    caller = root()
    roll = rng.random()
    if roll < 0.15:
        assume = simple(env, "sts:AssumeRole")
        trust = doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                     "Action": "sts:AssumeRole"})
        return make_case("div-root-caller", caller, assume, f"arn:aws:iam::{ACCOUNT}:role/app",
                         context=plain_ctx(caller), identity=[doc(allow())], resource_policy=trust,
                         expect="ImplicitDeny", spec="§7.9")
    action = simple(env, rng.choice(("s3:GetObject", "ec2:StartInstances", "iam:CreateUser", "sqs:DeleteQueue")))
    identity = rng.choice(([], [doc(allow("ec2:Describe*"))]))
    scps = [[FULL_AWS_ACCESS]] if rng.random() < 0.3 else None
    return make_case("div-root-caller", caller, action, catalog_arn(rng, action, ACCOUNT, "us-east-1"),
                     context=plain_ctx(caller), identity=identity, scps=scps, expect="Allow", spec="§7.9")


def gen_div_wildcard_only_notresource(env: Env) -> Case:
    """Spec §3.2 rules 7-8: the request resource of a wildcard-only action is `*`, which only a
    policy `*` names, so a NotResource of ARN patterns always applies to it."""
    rng = env.rng
    caller = random_caller(rng)
    action = simple(env, rng.choice(("s3:ListAllMyBuckets", "ec2:DescribeInstances", "iam:ListUsers",
                                     "sts:GetSessionToken")))
    assert action.wildcard_only
    excluded = rng.choice(("arn:*", "arn:aws:*", f"arn:aws:{action.service}:*", "arn:aws:s3:::*", "arn:*:*"))
    if rng.random() < 0.5:
        policy = doc({"Effect": "Allow", "Action": action.full, "NotResource": excluded})
        expect = "Allow"
    else:
        policy = doc(allow(), {"Effect": "Deny", "Action": action.full, "NotResource": [excluded]})
        expect = "ExplicitDeny"
    return make_case("div-wildcard-only-notresource", caller, action, "*", context=plain_ctx(caller),
                     identity=[policy], expect=expect, spec="§3.2")


DATE_OPERATORS = ("DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                  "DateGreaterThanEquals")


def date_holds(operator: str, request: dt.datetime, policy: dt.datetime) -> bool:
    """The primitive comparison of a Date operator (negated operators: the positive one)."""
    return {"DateEquals": request == policy, "DateNotEquals": request == policy,
            "DateLessThan": request < policy, "DateLessThanEquals": request <= policy,
            "DateGreaterThan": request > policy, "DateGreaterThanEquals": request >= policy}[operator]


def gen_div_epoch_date(env: Env) -> Case:
    """Spec §4.3 (Date) / §10.8: a date is ISO 8601 or epoch seconds; the two compare as instants."""
    rng = env.rng
    caller = user("alice")
    policy_time = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)  # 1700000000
    request_time = policy_time + dt.timedelta(seconds=rng.choice((-86400 * 400, -1, 0, 1, 86400 * 30)))
    policy_epoch = rng.random() < 0.6
    policy_value = str(int(policy_time.timestamp())) if policy_epoch else policy_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    request_value = (request_time.strftime("%Y-%m-%dT%H:%M:%SZ") if policy_epoch or rng.random() < 0.5
                     else str(int(request_time.timestamp())))
    operator = rng.choice(DATE_OPERATORS)
    holds = date_holds(operator, request_time, policy_time)
    if operator == "DateNotEquals":
        holds = not holds
    key = rng.choice(("aws:CurrentTime", "aws:TokenIssueTime"))
    ctx = plain_ctx(caller)
    ctx[key] = request_value
    if rng.random() < 0.5:
        policy = doc(allow("s3:GetObject", "*", Condition={operator: {key: policy_value}}))
        expect = "Allow" if holds else "ImplicitDeny"
    else:
        policy = doc(allow(), deny("s3:GetObject", "*", Condition={operator: {key: policy_value}}))
        expect = "ExplicitDeny" if holds else "Allow"
    return make_case("div-epoch-date", caller, simple(env, "s3:GetObject"), "arn:aws:s3:::b/k", context=ctx,
                     identity=[policy], expect=expect, spec="§4.3")


def gen_div_session_policy_direct_grant(env: Env) -> Case:
    """Spec §7.7/§10.1: a resource-policy grant naming the session itself (or `*`) is not cut by
    the session policy."""
    rng = env.rng
    caller = role_session("app", "s1") if rng.random() < 0.7 else federated("bob")
    action = simple(env, rng.choice(("s3:GetObject", "sqs:SendMessage", "sns:Publish")))
    principal = rng.choice(({"AWS": caller.principal}, "*", {"AWS": "*"}, {"AWS": [caller.principal]}))
    grant = doc({"Effect": "Allow", "Principal": principal, "Action": action.full, "Resource": "*"})
    session = rng.choice((doc(allow("ec2:*")), doc(allow("s3:ListBucket"))))
    identity = rng.choice(([], [doc(allow())]))
    return make_case("div-session-policy-direct-grant", caller, action, catalog_arn(rng, action, ACCOUNT, "us-east-1"),
                     context=plain_ctx(caller), identity=identity, resource_policy=grant, session=session,
                     expect="Allow", spec="§7.7")


def gen_div_notprincipal_chain(env: Env) -> Case:
    """Spec §3.4/§10.22: Deny+NotPrincipal exempts a caller only when every link of its chain
    (account, user or role, session) is listed."""
    rng = env.rng
    caller = user("alice") if rng.random() < 0.5 else role_session("app", "s1")
    chain = [f"arn:aws:iam::{ACCOUNT}:root", caller.parent_arn or caller.principal]
    if caller.parent_arn:
        chain.append(caller.principal)
    listed = rng.sample(chain, k=rng.randint(1, len(chain) - 1))
    if rng.random() < 0.3:
        listed.append(f"arn:aws:iam::{OTHER_ACCOUNT}:root")
    action = simple(env, "s3:GetObject")
    policy = doc({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"},
                 {"Effect": "Deny", "NotPrincipal": {"AWS": listed}, "Action": "s3:*", "Resource": "*"})
    return make_case("div-notprincipal-chain", caller, action, "arn:aws:s3:::b/k", context=plain_ctx(caller),
                     identity=rng.choice(([], [doc(allow())])), resource_policy=policy,
                     expect="ExplicitDeny", spec="§3.4")


def gen_div_trust_policy_required(env: Env) -> Case:
    """Spec §7.4/§10.19: assuming a role needs the role's trust policy to allow it; an
    identity Allow alone is not enough."""
    rng = env.rng
    caller = user("alice") if rng.random() < 0.5 else role_session("ci", "s1")
    assume = {"Effect": "Allow", "Action": "sts:AssumeRole"}
    trust = rng.choice((None, doc({**assume, "Principal": {"Service": "ec2.amazonaws.com"}}),
                        doc({**assume, "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}})))
    return make_case("div-trust-policy-required", caller, simple(env, "sts:AssumeRole"),
                     f"arn:aws:iam::{ACCOUNT}:role/target",
                     context=plain_ctx(caller), identity=[doc(allow("sts:AssumeRole"))], resource_policy=trust,
                     expect="ImplicitDeny", spec="§7.4")


def gen_div_derived_key_absent(env: Env) -> Case:
    """Spec §1: aws:username, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType and
    aws:ResourceAccount are always set by AWS; iameval derives them when the context lacks them."""
    rng = env.rng
    caller = user("alice") if rng.random() < 0.5 else role_session("app", "s1", path="/svc/")
    get = simple(env, "s3:GetObject")
    ctx: Context = {}
    shape = rng.randrange(5)
    if shape == 0 and caller.kind == "user":
        policy = doc(allow("s3:GetObject", "arn:aws:s3:::corp/home/${aws:username}/*"))
        return make_case("div-derived-key-absent", caller, get, "arn:aws:s3:::corp/home/alice/f", context=ctx,
                         identity=[policy], expect="Allow", spec="§1")
    if shape <= 1:
        value = caller.parent_arn or caller.principal
        policy = doc(allow("s3:GetObject", "*", Condition={"ArnEquals": {"aws:PrincipalArn": value}}))
        return make_case("div-derived-key-absent", caller, get, "arn:aws:s3:::b/k", context=ctx,
                         identity=[policy], expect="Allow", spec="§1")
    if shape == 2:
        condition = {"StringNotEquals": {"aws:PrincipalAccount": ACCOUNT}}
        policy = doc(allow(), deny("s3:GetObject", "*", Condition=condition))
        return make_case("div-derived-key-absent", caller, get, "arn:aws:s3:::b/k", context=ctx,
                         identity=[policy], expect="Allow", spec="§1")
    if shape == 3:
        kind = "User" if caller.kind == "user" else "AssumedRole"
        policy = doc(allow("s3:GetObject", "*", Condition={"StringEquals": {"aws:PrincipalType": kind}}))
        return make_case("div-derived-key-absent", caller, get, "arn:aws:s3:::b/k", context=ctx,
                         identity=[policy], expect="Allow", spec="§1")
    condition = {"StringNotEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}
    policy = doc(allow(), deny("s3:GetObject", "*", Condition=condition))
    return make_case("div-derived-key-absent", caller, get, "arn:aws:s3:::b/k", context=ctx,
                     identity=[policy], expect="Allow", spec="§1")


def gen_div_unresolved_variable_in_negation(env: Env) -> Case:
    """Spec §5/§10.6: a variable without a value matches nothing, so a NotResource entry
    excludes nothing and a negated condition holds."""
    rng = env.rng
    caller = user("alice")
    get = simple(env, "s3:GetObject")
    ctx = plain_ctx(caller)
    if rng.random() < 0.5:
        stmt = {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::corp/home/${aws:PrincipalTag/team}/*"}
        policy = doc(allow(), stmt)
        resource = "arn:aws:s3:::corp/home/" + rng.choice(("red", "x", "${aws:PrincipalTag/team}")) + "/f"
        return make_case("div-unresolved-variable-in-negation", caller, get, resource, context=ctx,
                         identity=[policy], expect="ExplicitDeny", spec="§5")
    ctx["aws:ResourceTag/owner"] = rng.choice(("red", "alice", ""))
    if ctx["aws:ResourceTag/owner"] == "":
        ctx["aws:ResourceTag/owner"] = "none"
    operator = rng.choice(("StringNotEquals", "StringNotLike", "ArnNotLike", "StringNotEqualsIgnoreCase"))
    condition = {operator: {"aws:ResourceTag/owner": "${aws:PrincipalTag/team}"}}
    policy = doc(allow(), deny("s3:GetObject", "*", Condition=condition))
    return make_case("div-unresolved-variable-in-negation", caller, get, "arn:aws:s3:::b/k", context=ctx,
                     identity=[policy], expect="ExplicitDeny", spec="§5")


UNPARSEABLE = {"NotIpAddress": ("aws:SourceIp", "10.0.0.0/8", ("not-an-ip", "10.1.2", "")),
               "ArnNotLike": ("aws:SourceArn", "arn:aws:s3:::bucket-*", ("bucket-1", "arn:aws:s3", "")),
               "ArnNotEquals": ("aws:SourceArn", "arn:aws:s3:::bucket-1", ("bucket-1", "")),
               "NumericNotEquals": ("s3:max-keys", "10", ("ten", "")),
               "DateNotEquals": ("aws:CurrentTime", "2024-01-01T00:00:00Z", ("yesterday", ""))}


def gen_div_negated_operator_unparseable_value(env: Env) -> Case:
    """Spec §4.3: a request value that does not parse for the operator makes the primitive
    comparison false, so the negated operator holds."""
    rng = env.rng
    caller = user("alice")
    operator = rng.choice(sorted(UNPARSEABLE))
    key, value, bad_values = UNPARSEABLE[operator]
    bad = rng.choice([b for b in bad_values if b])
    ctx = plain_ctx(caller)
    ctx[key] = bad
    if rng.random() < 0.5:
        policy = doc(allow("s3:GetObject", "*", Condition={operator: {key: value}}))
        expect = "Allow"
    else:
        policy = doc(allow(), deny("s3:GetObject", "*", Condition={operator: {key: value}}))
        expect = "ExplicitDeny"
    return make_case("div-negated-operator-unparseable-value", caller, simple(env, "s3:GetObject"),
                     "arn:aws:s3:::b/k", context=ctx, identity=[policy], expect=expect, spec="§4.3")


def gen_div_empty_list_context(env: Env) -> Case:
    """Spec §4.2 [UNV]: a key sent as an empty list is treated as absent by `Null` and plain
    operators (ForAllValues: true, ForAnyValue: false)."""
    rng = env.rng
    caller = user("alice")
    ctx = plain_ctx(caller)
    ctx["aws:TagKeys"] = []
    shape = rng.randrange(4)
    if shape == 0:
        cond, effect_allow, holds = {"Null": {"aws:TagKeys": "true"}}, True, True
    elif shape == 1:
        cond, effect_allow, holds = {"Null": {"aws:TagKeys": "false"}}, False, False
    elif shape == 2:
        cond, effect_allow, holds = {"StringNotEquals": {"aws:TagKeys": "env"}}, False, True
    else:
        cond, effect_allow, holds = {"StringEqualsIfExists": {"aws:TagKeys": "env"}}, True, True
    if effect_allow:
        policy = doc(allow("s3:PutObject", "*", Condition=cond))
        expect = "Allow" if holds else "ImplicitDeny"
    else:
        policy = doc(allow(), deny("s3:PutObject", "*", Condition=cond))
        expect = "ExplicitDeny" if holds else "Allow"
    return make_case("div-empty-list-context", caller, simple(env, "s3:PutObject"), "arn:aws:s3:::b/k",
                     context=ctx, identity=[policy], expect=expect, spec="§4.2")


TYPE_WILDCARD_TARGETS = (("ds:AuthorizeApplication", "arn:aws:ds:*:*:*/*",
                          "arn:aws:ds:us-east-1:111122223333:directory/d-1"),
                         ("ec2:StartInstances", "arn:aws:ec2:*:*:*/i-*",
                          "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"),
                         ("iam:PassRole", "arn:aws:iam::*:*/app", "arn:aws:iam::111122223333:role/app"),
                         ("logs:PutLogEvents", "arn:aws:logs:*:*:*:app",
                          "arn:aws:logs:us-east-1:111122223333:log-group:app"))


def gen_div_resource_type_wildcard(env: Env) -> Case:
    """Spec §3.2 rule 6: a wildcard in the resource-type word is globbed like any other text
    (AWS managed policies such as `arn:*:ds:*:*:*/*` rely on it)."""
    rng = env.rng
    caller = random_caller(rng)
    name, pattern, arn = rng.choice(TYPE_WILDCARD_TARGETS)
    action = simple(env, name)
    if rng.random() < 0.5:
        policy, expect = doc(allow(action.full, pattern)), "Allow"
    else:
        policy, expect = doc(allow(), deny(action.full, pattern)), "ExplicitDeny"
    return make_case("div-resource-type-wildcard", caller, action, arn, context=plain_ctx(caller),
                     identity=[policy], expect=expect, spec="§3.2")


def literal_aware_regex(pattern: str) -> str:
    """Spec §3.2/§5 glob as a regex: `*`, `?` wildcards; `${*}`, `${?}`, `${$}` literal."""
    out = []
    for token in re.findall(r"\$\{[*?$]\}|.", pattern, flags=re.DOTALL):
        out.append(re.escape(token[2]) if len(token) == 4 else ".*" if token == "*" else "." if token == "?"
                   else re.escape(token))
    return "".join(out)


def gen_div_request_resource_star(env: Env) -> Case:
    """Spec §1/§3.2: the request resource is a concrete ARN; a `*` in it (S3 keys may have one)
    is a literal character that only a policy `*` wildcard or the `${*}` escape matches."""
    rng = env.rng
    caller = user("alice")
    name = rng.choice(("a*b", "a*b", "*", "a*"))
    pattern = "arn:aws:s3:::corp/" + rng.choice(("axb", "a${*}b", "a${?}b", "a${$}b", "a*b", "x", "a?b")) + "/*"
    resource = f"arn:aws:s3:::corp/{name}/f"
    hit = re.fullmatch(literal_aware_regex(pattern), resource) is not None
    if rng.random() < 0.5:
        policy, expect = doc(allow("s3:GetObject", pattern)), "Allow" if hit else "ImplicitDeny"
    else:
        policy, expect = doc(allow(), deny("s3:GetObject", pattern)), "ExplicitDeny" if hit else "Allow"
    return make_case("div-request-resource-star", caller, simple(env, "s3:GetObject"), resource,
                     context=plain_ctx(caller), identity=[policy], expect=expect, spec="§3.2")


def gen_div_ip_bare_address_other_family(env: Env) -> Case:
    """Spec §4.3 (IP): a bare address is a /32 (/128) network; an address of the other family
    is outside it, so NotIpAddress holds."""
    rng = env.rng
    caller = user("alice")
    bare, request = rng.choice((("192.168.10.20", "2001:db8::7"), ("2001:db8::7", "10.1.2.3"),
                                ("203.0.113.7", "::1")))
    values: Json = bare if rng.random() < 0.5 else [bare, "10.99.0.0/16"]
    ctx = plain_ctx(caller)
    ctx["aws:SourceIp"] = request
    condition = {"NotIpAddress": {"aws:SourceIp": values}}
    if rng.random() < 0.5:
        policy, expect = doc(allow("s3:GetObject", "*", Condition=condition)), "Allow"
    else:
        policy, expect = doc(allow(), deny("s3:GetObject", "*", Condition=condition)), "ExplicitDeny"
    return make_case("div-ip-bare-address-other-family", caller, simple(env, "s3:GetObject"), "arn:aws:s3:::b/k",
                     context=ctx, identity=[policy], expect=expect, spec="§4.3")


RECIPES: dict[str, Callable[[Env], Case]] = {
    "div-request-resource-star": gen_div_request_resource_star,
    "div-ip-bare-address-other-family": gen_div_ip_bare_address_other_family,
    "div-resource-type-wildcard": gen_div_resource_type_wildcard,
    "managed-identity": gen_managed_identity,
    "scp-guardrail": gen_scp_guardrail,
    "rcp-guardrail": gen_rcp_guardrail,
    "boundary": gen_boundary,
    "resource-policy": gen_resource_policy,
    "condition-edge": gen_condition_edge,
    "policy-variables": gen_policy_variables,
    "principal-matrix": gen_principal_matrix,
    "div-legacy-version-variables": gen_div_legacy_version_variables,
    "div-rcp-unsupported-service": gen_div_rcp_unsupported_service,
    "div-scp-service-linked-role": gen_div_scp_service_linked_role,
    "div-scp-service-principal": gen_div_scp_service_principal,
    "div-management-account": gen_div_management_account,
    "div-unknown-operator": gen_div_unknown_operator,
    "div-federated-without-session-policy": gen_div_federated_without_session_policy,
    "div-root-caller": gen_div_root_caller,
    "div-wildcard-only-notresource": gen_div_wildcard_only_notresource,
    "div-epoch-date": gen_div_epoch_date,
    "div-session-policy-direct-grant": gen_div_session_policy_direct_grant,
    "div-notprincipal-chain": gen_div_notprincipal_chain,
    "div-trust-policy-required": gen_div_trust_policy_required,
    "div-derived-key-absent": gen_div_derived_key_absent,
    "div-unresolved-variable-in-negation": gen_div_unresolved_variable_in_negation,
    "div-negated-operator-unparseable-value": gen_div_negated_operator_unparseable_value,
    "div-empty-list-context": gen_div_empty_list_context,
}


# ------------------------------------------------------------------------------ features
@dataclass
class CaseView:
    """What feature detection reads from a case."""

    case: Case
    catalog: "Catalog"
    policies: list[Policy] = field(default_factory=list)
    uses: list[ConditionUse] = field(default_factory=list)
    ctx: Context = field(default_factory=dict)

    @staticmethod
    def of(case: Case, catalog: "Catalog") -> "CaseView":
        policies = case_policies(case)
        return CaseView(case, catalog, policies, [u for p in policies for u in condition_uses(p)],
                        dict(case.get("context") or {}))

    @property
    def principal(self) -> str:
        return str(self.case.get("principal", ""))

    @property
    def service(self) -> str:
        return str(self.case.get("action", "")).split(":")[0].lower()

    def has_levels(self, slot: str) -> bool:
        return bool(self.case.get(slot))

    def caller(self) -> Caller:
        """The caller as far as the case tells (enough for derived keys)."""
        p = self.principal
        parent = str(self.case.get("principal_parent_arn") or "")
        m = re.fullmatch(r"arn:aws:(iam|sts)::(\d{12}):(.*)", p)
        if p == "anonymous":
            return ANONYMOUS
        if not m:
            return service(p)
        _svc, account, rest = m.groups()
        if rest == "root":
            return root(account)
        if rest.startswith("user/"):
            return Caller("user", p, account, name=rest.rsplit("/", 1)[1])
        if rest.startswith("assumed-role/"):
            role_name = rest.split("/")[1]
            return Caller("role-session", p, account, parent or f"arn:aws:iam::{account}:role/{role_name}", role_name)
        if rest.startswith("federated-user/"):
            return federated(rest.split("/", 1)[1], account)
        return Caller("role", p, account, name=rest.rsplit("/", 1)[-1])

    def effective(self, key: str) -> Json:
        """The context value of a key, or the value iameval derives for it."""
        value = lookup(self.ctx, key)
        if value is not None:
            return value
        resource_account = str(self.case.get("resource_account") or self.caller().account)
        return lookup(derived_context(self.caller(), resource_account), key)


def feature_legacy_version_variables(v: CaseView) -> bool:
    return any(p.get("Version") != V2012 and "${" in json.dumps(p) for p in v.policies)


def feature_rcp_unsupported_service(v: CaseView) -> bool:
    return any(level for level in v.case.get("rcps") or []) and v.service not in v.catalog.rcp_services


def is_service_linked(v: CaseView) -> bool:
    text = v.principal + " " + str(v.case.get("principal_parent_arn") or "")
    return "/aws-service-role/" in text or re.search(r":(assumed-)?role/(.*/)?AWSServiceRoleFor", text) is not None


def feature_scp_service_linked_role(v: CaseView) -> bool:
    return v.has_levels("scps") and is_service_linked(v)


def feature_scp_service_principal(v: CaseView) -> bool:
    return v.has_levels("scps") and v.caller().kind == "service"


def feature_management_account(v: CaseView) -> bool:
    return bool(v.case.get("principal_in_management_account") or v.case.get("resource_in_management_account"))


def feature_unknown_operator(v: CaseView) -> bool:
    return any(operator_family(split_operator(u.operator)[1]) == "Unknown" for u in v.uses)


def feature_federated_without_session_policy(v: CaseView) -> bool:
    return ":federated-user/" in v.principal and not v.case.get("session_policy")


def feature_root_caller(v: CaseView) -> bool:
    return v.caller().kind == "root"


def feature_wildcard_only_notresource(v: CaseView) -> bool:
    if v.case.get("resource", "*") != "*":
        return False
    return any(r != "*" for p in v.policies for s in statements(p) for r in as_list(s.get("NotResource")))


def feature_epoch_date(v: CaseView) -> bool:
    for u in v.uses:
        if operator_family(split_operator(u.operator)[1]) != "Date":
            continue
        request = v.effective(u.key)
        texts = list(u.values) + [value_text(x) for x in as_list(request)]
        if any(re.fullmatch(r"-?\d+", t) for t in texts):
            return True
    return False


def grants_directly(policy: Policy, principal: str) -> bool:
    """Whether an Allow statement's Principal is `*` or names `principal` itself."""
    for st in statements(policy):
        if st.get("Effect") != "Allow" or "Principal" not in st:
            continue
        p = st["Principal"]
        if p == "*":
            return True
        if isinstance(p, dict):
            entries = as_list(p.get("AWS"))
            if "*" in entries or principal in entries:
                return True
    return False


def feature_session_policy_direct_grant(v: CaseView) -> bool:
    rp = policy_doc(v.case.get("resource_policy")) if v.case.get("resource_policy") else None
    return (v.caller().kind in ("role-session", "federated") and bool(v.case.get("session_policy"))
            and rp is not None and grants_directly(rp, v.principal))


def feature_notprincipal(v: CaseView) -> bool:
    rp = policy_doc(v.case.get("resource_policy")) if v.case.get("resource_policy") else None
    return rp is not None and any("NotPrincipal" in s for s in statements(rp))


def feature_trust_policy_required(v: CaseView) -> bool:
    """sts:AssumeRole* by an account principal, and the trust policy (if any) has no Allow whose
    Principal mentions `*` or the caller's account."""
    caller = v.caller()
    if not str(v.case.get("action", "")).lower().startswith("sts:assumerole") or not caller.account:
        return False
    rp = policy_doc(v.case.get("resource_policy")) if v.case.get("resource_policy") else None
    for st in statements(rp):
        principal = json.dumps(st.get("Principal"))
        if st.get("Effect") == "Allow" and ('"*"' in principal or caller.account in principal):
            return False
    return True


def referenced_keys(v: CaseView) -> set[str]:
    """Lower-cased condition keys and variable keys of 2012-10-17 policies."""
    keys = {u.key.lower() for u in v.uses}
    for p in v.policies:
        if p.get("Version") == V2012:
            for m in VARIABLE.finditer(json.dumps(p)):
                keys.add(m.group(1).partition(",")[0].strip().lower())
    return keys


def feature_derived_key_absent(v: CaseView) -> bool:
    caller = v.caller()
    derived = derived_context(caller, str(v.case.get("resource_account") or caller.account))
    for key in referenced_keys(v):
        if lookup(v.ctx, key) is None and lookup(derived, key) is not None:
            return True
    return False


def unresolved(v: CaseView, text: str) -> bool:
    """Whether the text has a variable with neither a value nor a default."""
    for m in VARIABLE.finditer(text):
        inner = m.group(1)
        if inner in ("*", "?", "$") or "," in inner:
            continue
        if not isinstance(v.effective(inner.strip()), str):
            return True
    return False


def feature_unresolved_variable_in_negation(v: CaseView) -> bool:
    for p in v.policies:
        if p.get("Version") != V2012:
            continue
        for st in statements(p):
            if any(unresolved(v, r) for r in as_list(st.get("NotResource")) if isinstance(r, str)):
                return True
    for u in v.uses:
        if u.version == V2012 and split_operator(u.operator)[1].lower() in NEGATED_OPERATORS:
            if any(unresolved(v, x) for x in u.values):
                return True
    return False


def feature_empty_list_context(v: CaseView) -> bool:
    return any(value == [] for value in v.ctx.values())


def parses(family: str, text: str) -> bool:
    """Whether a request value parses for an operator family (as the spec §4.3 requires)."""
    if family == "Ip":
        try:
            ipaddress.ip_address(text)
            return True
        except ValueError:
            return False
    if family == "Arn":
        return text.startswith("arn:") and text.count(":") >= 5
    if family == "Numeric":
        return re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text) is not None
    if family == "Date":
        return parse_date(text) is not None
    return True


def feature_negated_operator_unparseable_value(v: CaseView) -> bool:
    for u in v.uses:
        base = split_operator(u.operator)[1]
        if base.lower() not in NEGATED_OPERATORS:
            continue
        family = operator_family(base)
        request = v.effective(u.key)
        if request is not None and not all(parses(family, value_text(x)) for x in as_list(request)):
            return True
    return False


def feature_resource_type_wildcard(v: CaseView) -> bool:
    """A Resource/NotResource pattern with a wildcard in the first segment of its resource part
    (`*/*` in `arn:*:ds:*:*:*/*`, `*/webacl/*` for WAFv2) matches the request ARN, and the
    request names a resource type of its service (a literal word of the catalog's ARN formats)."""
    arn = str(v.case.get("resource", "*"))
    if arn == "*" or arn.count(":") < 5:
        return False
    segments = set(re.split(r"[/:]", arn.split(":", 5)[-1]))
    if not segments & v.catalog.literal_words(v.service):
        return False
    for p in v.policies:
        for st in statements(p):
            for pattern in as_list(st.get("Resource")) + as_list(st.get("NotResource")):
                if not isinstance(pattern, str) or "${" in pattern or pattern.count(":") < 5:
                    continue
                word = type_word(pattern.split(":", 5)[-1])
                if ("*" in word or "?" in word) and arn_glob_match(pattern, arn):
                    return True
    return False


def feature_request_resource_star(v: CaseView) -> bool:
    """The request resource is an ARN with a literal `*` in it (an S3 key may contain one)."""
    resource = str(v.case.get("resource", "*"))
    return resource != "*" and "*" in resource


def ip_version(text: str) -> int:
    try:
        return ipaddress.ip_address(text).version
    except ValueError:
        return 0


def feature_ip_bare_address_other_family(v: CaseView) -> bool:
    """NotIpAddress with a bare address (no prefix length) of the other IP family than the
    request value."""
    for u in v.uses:
        if split_operator(u.operator)[1] != "NotIpAddress":
            continue
        request = {ip_version(value_text(x)) for x in as_list(v.effective(u.key))} - {0}
        bare = {ip_version(x) for x in u.values if "/" not in x} - {0}
        if any(a != b for a in request for b in bare):
            return True
    return False


FEATURE_CHECKS: dict[str, Callable[[CaseView], bool]] = {
    "request-resource-star": feature_request_resource_star,
    "ip-bare-address-other-family": feature_ip_bare_address_other_family,
    "resource-type-wildcard": feature_resource_type_wildcard,
    "legacy-version-variables": feature_legacy_version_variables,
    "rcp-unsupported-service": feature_rcp_unsupported_service,
    "scp-service-linked-role": feature_scp_service_linked_role,
    "scp-service-principal": feature_scp_service_principal,
    "management-account": feature_management_account,
    "unknown-operator": feature_unknown_operator,
    "federated-without-session-policy": feature_federated_without_session_policy,
    "root-caller": feature_root_caller,
    "wildcard-only-notresource": feature_wildcard_only_notresource,
    "epoch-date": feature_epoch_date,
    "session-policy-direct-grant": feature_session_policy_direct_grant,
    "notprincipal": feature_notprincipal,
    "trust-policy-required": feature_trust_policy_required,
    "derived-key-absent": feature_derived_key_absent,
    "unresolved-variable-in-negation": feature_unresolved_variable_in_negation,
    "empty-list-context": feature_empty_list_context,
    "negated-operator-unparseable-value": feature_negated_operator_unparseable_value,
}


def case_features(case: Case, catalog: Catalog) -> list[str]:
    """The known-divergence features of a case (generic: computed from its content only)."""
    view = CaseView.of(case, catalog)
    return sorted(name for name, check in FEATURE_CHECKS.items() if check(view))


# ------------------------------------------------------------------------------ driver
def category_plan(count: int) -> list[str]:
    """How many cases of each recipe, scaled to `count` (each recipe at least once)."""
    total = sum(CATEGORY_WEIGHTS.values())
    plan: list[str] = []
    for name, weight in CATEGORY_WEIGHTS.items():
        plan.extend([name] * max(1, round(weight * count / total)))
    largest = max(CATEGORY_WEIGHTS, key=lambda name: CATEGORY_WEIGHTS[name])
    while len(plan) < count:
        plan.append(largest)
    while len(plan) > count and plan.count(largest) > 1:
        plan.remove(largest)
    return plan


def generate(seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT, shared: Path = DEFAULT_SHARED,
             catalog_path: Path = DEFAULT_CATALOG) -> list[Case]:
    """The cases, in a deterministic order (categories interleaved)."""
    catalog = Catalog.load(catalog_path)
    env = Env(random.Random(seed), catalog, Corpus.load(shared))
    plan = category_plan(count)
    env.rng.shuffle(plan)
    cases: list[Case] = []
    for index, category in enumerate(plan):
        case = RECIPES[category](env)
        case = {"id": f"d{index:05d}-{category}", **case}
        case["features"] = case_features(case, catalog)
        cases.append(case)
    return cases


def write_jsonl(cases: Iterable[Case], out: Any) -> None:
    out.write(f"# Generated by tools/gen_differential_cases.py; do not edit.\n")
    for case in cases:
        out.write(json.dumps(case, separators=(",", ":"), sort_keys=False) + "\n")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG)
    parser.add_argument("--out", type=Path, help="output file (default: stdout)")
    args = parser.parse_args(argv)
    cases = generate(args.seed, args.count, args.shared, args.catalog)
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            write_jsonl(cases, f)
    else:
        write_jsonl(cases, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
