"""Property tests (hypothesis): random identity policies, SCPs, boundaries and requests.

Invariants checked over a grid of requests (every action x every resource of a small pool, a few
sampled contexts) for each generated policy set:

  (a) adding a Deny statement never turns a decision into Allow (and keeps an ExplicitDeny);
  (b) removing an Allow statement never turns a decision into Allow;
  (c) effective_permissions() and decide() agree (rows with status allowed / denied /
      allowed-on-some-resources against sampled in-catalog resources; missing rows);
  (d) diff(A, A) is "no-new-access" with no changes, for policy sets and single policies, and
      diff(A, A with one more Deny and one Allow fewer) is never "new-access" (skipped when
      iameval.diff is missing);
  (e) rewriting a policy without changing its meaning (JSON formatting, key order, statement and
      policy order, string vs one-element list, case of actions and condition keys, splitting an
      Action list into statements, duplicating a statement) never changes a decision;
  (f) decide() == explain().decision, and decide_batch() == decide() for each request.

Deterministic: derandomize=True and no example database, so CI sees the same examples every run.
IAMEVAL_PROPERTY_EXAMPLES=N (default 30; (c) and (d) run half as many) raises the example count
for a longer local run. A bug found by (c) (NotAction: "*" in effective permissions) has a
regression test below.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
import re
from collections.abc import Callable
from typing import Any, Optional

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, assume, given, note, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import iameval  # noqa: E402

EXAMPLES = int(os.environ.get("IAMEVAL_PROPERTY_EXAMPLES", "30"))
PROPS = settings(derandomize=True, database=None, max_examples=EXAMPLES, deadline=None,
                 print_blob=False,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# effective_permissions() and diff() work over the whole catalog (up to ~1 s each for `*`): fewer examples.
SLOW = settings(PROPS, max_examples=max(1, EXAMPLES // 2))

# Hypothesis's failure report can import mypy_extensions (when installed), whose deprecation
# warning the project's filterwarnings=error would turn into an INTERNALERROR hiding the report.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

ACCOUNT = "111122223333"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"
ROLE_SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/session-1"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/app"
# (principal, principal_parent_arn)
PRINCIPALS = [(USER, ""), (ROLE_SESSION, ROLE_ARN)]

# Concrete request actions, and for each the resources of its catalog resource types (the
# "universe" effective_permissions answers for; "*" for actions without resource types).
ACTION_RESOURCES: dict[str, list[str]] = {
    "s3:GetObject": ["arn:aws:s3:::bkt/data/x.csv", "arn:aws:s3:::bkt/alice/notes", "arn:aws:s3:::other-1/k"],
    "s3:PutObject": ["arn:aws:s3:::bkt/data/x.csv", "arn:aws:s3:::other-1/k"],
    "s3:DeleteObject": ["arn:aws:s3:::bkt/alice/notes"],
    "s3:ListBucket": ["arn:aws:s3:::bkt", "arn:aws:s3:::other-1"],
    "s3:GetBucketPolicy": ["arn:aws:s3:::bkt"],
    "s3:ListAllMyBuckets": ["*"],
    "ec2:DescribeInstances": ["*"],
    "ec2:TerminateInstances": [f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-0abc"],
    "iam:CreateUser": [f"arn:aws:iam::{ACCOUNT}:user/bob"],
    "iam:GetUser": [f"arn:aws:iam::{ACCOUNT}:user/bob", f"arn:aws:iam::{ACCOUNT}:user/alice"],
    "iam:PassRole": [ROLE_ARN],
    "dynamodb:GetItem": [f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t1"],
    "dynamodb:PutItem": [f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t1"],
    "sqs:SendMessage": [f"arn:aws:sqs:us-east-1:{ACCOUNT}:q1"],
}
ACTIONS = sorted(ACTION_RESOURCES)
RESOURCES = sorted({r for rs in ACTION_RESOURCES.values() for r in rs})

ACTION_PATTERNS = ACTIONS + ["s3:Get*", "s3:*Object", "s3:?etObject", "s3:*", "ec2:Describe*", "ec2:*",
                             "iam:*", "iam:Get*", "dynamodb:*", "sqs:*", "*"]
RESOURCE_PATTERNS = [
    "*", "arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/data/*", "arn:aws:s3:::other*",
    "arn:aws:s3:::*", "arn:aws:s3:*", "arn:aws:s3:::bkt/${aws:username}/*",
    f"arn:aws:ec2:*:{ACCOUNT}:instance/*", "arn:aws:ec2:us-east-1:*:*",
    f"arn:aws:iam::{ACCOUNT}:user/*", ROLE_ARN, f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t?",
    "arn:aws:sqs:*:*:q1", f"arn:aws:*:*:{ACCOUNT}:*",
]

# operator -> key -> candidate policy values
CONDITIONS: dict[str, dict[str, list[str]]] = {
    "StringEquals": {"aws:PrincipalTag/team": ["red", "blue"]},
    "StringNotEquals": {"aws:PrincipalTag/team": ["red"]},
    "StringLike": {"s3:prefix": ["home/*", "data/?"], "aws:PrincipalTag/team": ["r*"]},
    "StringEqualsIfExists": {"aws:PrincipalTag/team": ["blue"]},
    "Bool": {"aws:SecureTransport": ["true", "false"]},
    "NumericLessThan": {"s3:max-keys": ["10", "100"]},
    "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.1", "203.0.113.0/24"]},
    "NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8"]},
}
CONTEXT_VALUES: dict[str, list[Any]] = {
    "aws:PrincipalTag/team": ["red", "blue", "green"],
    "s3:prefix": ["home/alice", "data/1", "other"],
    "aws:SecureTransport": ["true", "false", True, False],
    "s3:max-keys": ["5", "50", "500", 7],
    "aws:SourceIp": ["10.1.2.3", "192.0.2.1", "203.0.113.9", "8.8.8.8"],
}

Policy = dict[str, Any]


# ---------------------------------------------------------------------------------- strategies

def _one_or_list(values: list[str]) -> st.SearchStrategy[Any]:
    """A value list as written in a policy: the list, or the bare string when it has one item."""
    if len(values) == 1:
        return st.sampled_from([values[0], values])
    return st.just(values)


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    ops = draw(st.lists(st.sampled_from(sorted(CONDITIONS)), min_size=1, max_size=2, unique=True))
    block: dict[str, dict[str, Any]] = {}
    for op in ops:
        key = draw(st.sampled_from(sorted(CONDITIONS[op])))
        values = draw(st.lists(st.sampled_from(CONDITIONS[op][key]), min_size=1, max_size=2, unique=True))
        block[op] = {key: draw(_one_or_list(values))}
    return block


@st.composite
def statements(draw: st.DrawFn, effect: Optional[str] = None, conditional: bool = True) -> dict[str, Any]:
    s: dict[str, Any] = {"Effect": effect or draw(st.sampled_from(["Allow", "Deny"]))}
    actions = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=3, unique=True))
    s[draw(st.sampled_from(["Action", "Action", "Action", "NotAction"]))] = draw(_one_or_list(actions))
    resources = draw(st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=2, unique=True))
    s[draw(st.sampled_from(["Resource", "Resource", "Resource", "NotResource"]))] = draw(_one_or_list(resources))
    if conditional and draw(st.integers(0, 2)) == 0:
        s["Condition"] = draw(conditions())
    return s


def policies(effect: Optional[str] = None, min_size: int = 1) -> st.SearchStrategy[Policy]:
    return st.builds(lambda stmts: {"Version": "2012-10-17", "Statement": stmts},
                     st.lists(statements(effect), min_size=min_size, max_size=4))


FULL_ACCESS: Policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


@st.composite
def scp_levels(draw: st.DrawFn) -> list[list[Policy]]:
    """Zero to two SCP levels; most keep FullAWSAccess (else almost everything is denied)."""
    levels = []
    for _ in range(draw(st.integers(0, 2))):
        level = draw(st.lists(policies(), min_size=0, max_size=2))
        if draw(st.integers(0, 3)) > 0:
            level.insert(draw(st.integers(0, len(level))), copy.deepcopy(FULL_ACCESS))
        if not level:
            level = [copy.deepcopy(FULL_ACCESS)]
        levels.append(level)
    return levels


@st.composite
def policy_sets(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for iameval.Policies (identity policies, SCP levels, boundary)."""
    world: dict[str, Any] = {"identity_policies": draw(st.lists(policies(), min_size=1, max_size=3)),
                             "scps": draw(scp_levels())}
    if draw(st.integers(0, 2)) == 0:
        world["permission_boundary"] = draw(policies())
    return world


@st.composite
def contexts(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(sorted(CONTEXT_VALUES)), max_size=len(CONTEXT_VALUES), unique=True))
    return {k: draw(st.sampled_from(CONTEXT_VALUES[k])) for k in keys}


# ------------------------------------------------------------------------------------ helpers

def _compile(world: dict[str, Any]) -> iameval.Policies:
    return iameval.Policies(**world)


def _parent(principal: str) -> str:
    return dict(PRINCIPALS)[principal]


def _decide(p: iameval.Policies, principal: str, action: str, resource: str, ctx: dict[str, Any]) -> str:
    return p.decide(principal, action, resource, ctx, principal_parent_arn=_parent(principal))


def _grid(world: dict[str, Any], ctxs: list[dict[str, Any]]) -> dict[tuple[str, str, str, int], str]:
    p = _compile(world)
    return {(pr, a, r, i): _decide(p, pr, a, r, ctx)
            for pr, _parent in PRINCIPALS for a in ACTIONS for r in RESOURCES for i, ctx in enumerate(ctxs)}


def _policy_slots(world: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], Policy]]]:
    """(layer, getter) for every policy of a world; getter(world_copy) returns that copy's policy."""
    slots: list[tuple[str, Callable[[dict[str, Any]], Policy]]] = []
    for i in range(len(world["identity_policies"])):
        slots.append(("identity", lambda w, i=i: w["identity_policies"][i]))
    for i, level in enumerate(world["scps"]):
        for j in range(len(level)):
            slots.append(("scp", lambda w, i=i, j=j: w["scps"][i][j]))
    if "permission_boundary" in world:
        slots.append(("boundary", lambda w: w["permission_boundary"]))
    return slots


def _statements(policy: Policy) -> list[dict[str, Any]]:
    s = policy["Statement"]
    return [s] if isinstance(s, dict) else s


def _compare_grids(before: dict[Any, str], after: dict[Any, str], ok: Callable[[str, str], bool],
                   ctxs: list[dict[str, Any]]) -> None:
    bad = [(k, before[k], after[k]) for k in before if not ok(before[k], after[k])]
    if bad:
        (pr, a, r, i), b, c = bad[0]
        pytest.fail(f"{len(bad)} request(s) changed wrongly, e.g. {pr} {a} {r} context={ctxs[i]}: {b} -> {c}")


# ------------------------------------------------------------------------- (a) adding a Deny

@PROPS
@given(world=policy_sets(), deny=statements("Deny"), where=st.integers(0, 1000), position=st.integers(0, 10),
       ctxs=st.lists(contexts(), min_size=1, max_size=3))
def test_adding_a_deny_never_allows_more(world: dict[str, Any], deny: dict[str, Any], where: int,
                                         position: int, ctxs: list[dict[str, Any]]) -> None:
    slots = _policy_slots(world)
    changed = copy.deepcopy(world)
    if where % (len(slots) + 1) == len(slots):
        changed["identity_policies"].append({"Version": "2012-10-17", "Statement": [deny]})
        note("deny added as a new identity policy")
    else:
        layer, get = slots[where % (len(slots) + 1)]
        stmts = _statements(get(changed))
        get(changed)["Statement"] = stmts
        stmts.insert(position % (len(stmts) + 1), deny)
        note(f"deny added to a {layer} policy")
    before, after = _grid(world, ctxs), _grid(changed, ctxs)

    def ok(b: str, a: str) -> bool:
        if a == "Allow":
            return b == "Allow"
        return b != "ExplicitDeny" or a == "ExplicitDeny"

    _compare_grids(before, after, ok, ctxs)


# --------------------------------------------------------------------- (b) removing an Allow

@PROPS
@given(world=policy_sets(), which=st.integers(0, 1000), ctxs=st.lists(contexts(), min_size=1, max_size=3))
def test_removing_an_allow_never_allows_more(world: dict[str, Any], which: int,
                                             ctxs: list[dict[str, Any]]) -> None:
    changed = copy.deepcopy(world)
    allows = [(layer, get, k) for layer, get in _policy_slots(changed)
              for k, s in enumerate(_statements(get(changed))) if s["Effect"] == "Allow"]
    if not allows:
        return
    layer, get, k = allows[which % len(allows)]
    stmts = _statements(get(changed))
    del stmts[k]
    get(changed)["Statement"] = stmts
    note(f"removed Allow statement {k} of a {layer} policy")
    before, after = _grid(world, ctxs), _grid(changed, ctxs)
    _compare_grids(before, after, lambda b, a: a != "Allow" or b == "Allow", ctxs)


# ------------------------------------------------------- (c) effective permissions vs decide

def _glob(pattern: str, subject: str, star: str = ".*") -> bool:
    regex = "".join(star if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, subject, re.DOTALL) is not None


def arn_matches(pattern: str, resource: str) -> bool:
    """§3.2 of the spec: field-wise glob on partition..account, the resource id (and a trailing `*`
    of a short pattern) crossing colons; the request resource `*` only matches `*`."""
    if pattern == "*":
        return True
    if resource == "*":
        return False
    pf, rf = pattern.split(":", 5), resource.split(":", 5)
    if len(rf) < 6:
        return False
    if len(pf) < 6:
        # A short pattern matches only when its last field ends with `*`, which swallows the rest.
        if not pf[-1].endswith("*"):
            return False
        n = len(pf)
        head = all(_glob(p, r, "[^:]*") for p, r in zip(pf[:-1], rf[:n - 1]))
        last = "".join("[^:]*" if c == "*" else "." if c == "?" else re.escape(c) for c in pf[-1][:-1])
        return head and re.fullmatch(last + ".*", ":".join(rf[n - 1:]), re.DOTALL) is not None
    return all(_glob(p, r, "[^:]*") for p, r in zip(pf[:5], rf[:5])) and _glob(pf[5], rf[5])


def test_arn_matches_helper() -> None:
    assert arn_matches("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/data/x")
    assert not arn_matches("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt")
    assert arn_matches("arn:aws:s3:*", "arn:aws:s3:::bkt/x")
    assert not arn_matches("arn:aws:s3", "arn:aws:s3:::bkt/x")
    assert arn_matches(f"arn:aws:*:*:{ACCOUNT}:*", f"arn:aws:sqs:us-east-1:{ACCOUNT}:q1")
    assert not arn_matches(f"arn:aws:*:*:{ACCOUNT}:*", "arn:aws:s3:::bkt")
    assert arn_matches("arn:aws:sqs:*:*:q1", f"arn:aws:sqs:us-east-1:{ACCOUNT}:q1")
    assert not arn_matches("arn:aws:s3:::*", "*")


def test_effective_permissions_not_action_star() -> None:
    """Regression, found by test_effective_permissions_agree_with_decide: `NotAction: "*"`
    matches no action (spec §3.1), so this Allow grants nothing (decide() agrees) and a Deny of
    this form denies nothing. Effective permissions used to read such a NotAction, which lists
    most of the catalog, as matching the listed actions."""
    allow = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "*", "Resource": "*"}]}
    assert iameval.Policies([allow]).decide(USER, "s3:GetObject", "arn:aws:s3:::bkt/k") == "ImplicitDeny"
    rows = {r["action"]: r["status"] for r in iameval.effective_permissions(USER, [allow]).rows}
    assert "s3:GetObject" not in rows, rows.get("s3:GetObject")
    grant = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "*", "Resource": "*"}]}
    assert iameval.Policies([grant, deny]).decide(USER, "s3:GetObject", "arn:aws:s3:::bkt/k") == "Allow"
    assert iameval.effective_permissions(USER, [grant, deny]).counts()["denied"] == 0


@SLOW
@given(world=policy_sets(), ctxs=st.lists(contexts(), min_size=1, max_size=3))
def test_effective_permissions_agree_with_decide(world: dict[str, Any], ctxs: list[dict[str, Any]]) -> None:
    p = _compile(world)
    eff = iameval.effective_permissions(USER, **world)
    rows = {r["action"]: r for r in eff.rows}
    # The summary is exact only for one layer's plain Resource patterns (see effective.h).
    simple = not world["scps"] and "permission_boundary" not in world and not any(
        "NotResource" in s for pol in world["identity_policies"] for s in _statements(pol))
    for action in ACTIONS:
        row = rows.get(action)
        status = row["status"] if row else "not-allowed"
        if row and any("${" in x for x in row["resources"] + row["excluded_resources"]):
            continue
        for resource in ACTION_RESOURCES[action]:
            for ctx in ctxs:
                d = p.decide(USER, action, resource, ctx)
                where = f"{action} on {resource} context={ctx}: row {row}"
                if status == "allowed":
                    assert d == "Allow", f"effective says allowed, decide says {d}: {where}"
                elif status == "denied":
                    assert d == "ExplicitDeny", f"effective says denied, decide says {d}: {where}"
                elif status == "not-allowed":
                    assert d != "Allow", f"effective has no row, decide says Allow: {where}"
                elif status == "allowed-on-some-resources":
                    inside = any(arn_matches(x, resource) for x in row["resources"])
                    excluded = any(arn_matches(x, resource) for x in row["excluded_resources"])
                    if d == "Allow":
                        assert inside and not excluded, f"decide allows outside the rows's resources: {where}"
                    elif simple:
                        assert not inside or excluded, f"effective allows, decide says {d}: {where}"
                else:
                    assert status == "allowed-conditionally", status
                    if d == "Allow":
                        assert any(arn_matches(x, resource) for x in row["resources"]), \
                            f"decide allows outside the row's resources: {where}"


# ----------------------------------------------------------------------------- (d) diff(A, A)

def _diff_function() -> Any:
    """iameval.diff (python/iameval/diff.py), or None in a build that does not have it yet."""
    if importlib.util.find_spec("iameval.diff") is None:
        return None
    fn = getattr(iameval, "diff", None)
    return fn if callable(fn) else None


@SLOW
@given(world=policy_sets(), deny=statements("Deny"), which=st.integers(0, 1000))
def test_diff_of_a_policy_set_with_itself_is_empty(world: dict[str, Any], deny: dict[str, Any],
                                                  which: int) -> None:
    diff = _diff_function()
    if diff is None:
        pytest.skip("iameval.diff (the Python diff API, python/iameval/diff.py) is not in this build")
    same = diff(_compile(world), _compile(world), principal=USER)
    assert same.verdict == "no-new-access", same.summary()
    assert not same.changes and not same.counterexamples and not same.newly_allowed, same.summary()
    # Two-policy form: each identity policy against itself.
    policy = world["identity_policies"][which % len(world["identity_policies"])]
    alone = diff(policy, policy)
    assert alone.verdict == "no-new-access", alone.summary()
    # A set that can only allow less (one more Deny, one Allow fewer): never a proven new access.
    narrower = copy.deepcopy(world)
    narrower["identity_policies"].append({"Version": "2012-10-17", "Statement": [deny]})
    allows = [(get, k) for _layer, get in _policy_slots(narrower)
              for k, s in enumerate(_statements(get(narrower))) if s["Effect"] == "Allow"]
    if allows:
        get, k = allows[which % len(allows)]
        stmts = _statements(get(narrower))
        del stmts[k]
        get(narrower)["Statement"] = stmts
    less = diff(_compile(world), _compile(narrower), principal=USER)
    assert less.verdict != "new-access", less.summary()


# --------------------------------------------------------------------------- (e) normalising

def _recase(text: str, rnd: random.Random) -> str:
    return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in text)


def _shuffled_dict(d: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    items = list(d.items())
    rnd.shuffle(items)
    return dict(items)


def _value_form(v: Any, rnd: random.Random) -> Any:
    """A string and a one-element list mean the same."""
    if isinstance(v, str):
        return [v] if rnd.random() < 0.5 else v
    if isinstance(v, list) and len(v) == 1 and rnd.random() < 0.5:
        return v[0]
    v = list(v)
    rnd.shuffle(v)
    return v


def _normalise_statement(s: dict[str, Any], rnd: random.Random) -> list[dict[str, Any]]:
    s = copy.deepcopy(s)
    for key in ("Action", "NotAction"):
        if key in s:
            values = [s[key]] if isinstance(s[key], str) else s[key]
            # Action names compare case-insensitively (the service prefix too).
            s[key] = _value_form([_recase(v, rnd) for v in values], rnd)
    for key in ("Resource", "NotResource"):
        if key in s:
            s[key] = _value_form(s[key], rnd)
    if "Condition" in s:
        # Condition key names are case-insensitive; operators and values are not.
        s["Condition"] = _shuffled_dict({op: _shuffled_dict({_recase(k, rnd): _value_form(v, rnd)
                                                             for k, v in keys.items()}, rnd)
                                         for op, keys in s["Condition"].items()}, rnd)
    out = [_shuffled_dict(s, rnd)]
    actions = s.get("Action")
    if isinstance(actions, list) and len(actions) > 1 and rnd.random() < 0.5:
        # One statement per action: same resource part and condition, OR-ed.
        out = [_shuffled_dict({**s, "Action": a}, rnd) for a in actions]
    if rnd.random() < 0.2:
        out.append(copy.deepcopy(out[0]))
    return out


def _normalise_policy(policy: Policy, rnd: random.Random) -> Any:
    stmts = [n for s in _statements(policy) for n in _normalise_statement(s, rnd)]
    rnd.shuffle(stmts)
    doc = _shuffled_dict({**policy, "Statement": stmts[0] if len(stmts) == 1 and rnd.random() < 0.5 else stmts},
                         rnd)
    form = rnd.randrange(3)
    if form == 0:
        return doc
    if form == 1:
        return json.dumps(doc, indent=rnd.choice([None, 1, 4, "\t"]))
    return json.dumps(doc, separators=(",", ":"))


def _normalise_world(world: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    identity = [_normalise_policy(p, rnd) for p in world["identity_policies"]]
    rnd.shuffle(identity)
    scps = []
    for level in world["scps"]:
        level = [_normalise_policy(p, rnd) for p in level]
        rnd.shuffle(level)
        scps.append(level)
    out: dict[str, Any] = {"identity_policies": identity, "scps": scps}
    if "permission_boundary" in world:
        out["permission_boundary"] = _normalise_policy(world["permission_boundary"], rnd)
    return out


@PROPS
@given(world=policy_sets(), rnd=st.randoms(use_true_random=False),
       ctxs=st.lists(contexts(), min_size=1, max_size=3))
def test_normalising_policies_never_changes_a_decision(world: dict[str, Any], rnd: random.Random,
                                                       ctxs: list[dict[str, Any]]) -> None:
    normalised = _normalise_world(world, rnd)
    note(f"normalised: {json.dumps(normalised)}")
    before, after = _grid(world, ctxs), _grid(normalised, ctxs)
    _compare_grids(before, after, lambda b, a: a == b, ctxs)


# ---------------------------------------------------------------- (f) explain and batch agree

@PROPS
@given(world=policy_sets(), ctxs=st.lists(contexts(), min_size=1, max_size=3))
def test_decide_explain_and_batch_agree(world: dict[str, Any], ctxs: list[dict[str, Any]]) -> None:
    p = _compile(world)
    for ctx in ctxs:
        pairs = [(a, r) for a in ACTIONS for r in RESOURCES]
        single = [p.decide(USER, a, r, ctx) for a, r in pairs]
        explained = [p.explain(USER, a, r, ctx).decision for a, r in pairs]
        assert explained == single
        batch = p.decide_batch(USER, [a for a, _ in pairs], [r for _, r in pairs], [ctx] * len(pairs))
        assert batch == single
        one_context = p.decide_batch(USER, [a for a, _ in pairs], [r for _, r in pairs], ctx)
        assert one_context == single
