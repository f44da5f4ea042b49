#!/usr/bin/env python3
"""Writes tests/data/evaluation_cases.jsonl: simulation cases with the decision AWS documents.

Each line is a case in the format of shared/spec/simulation-format.md plus `expect` (the
documented decision), optional `expect_layer`, and `spec` (the rule it pins, e.g. "§10.3").
Read by tests/cpp/evaluation_cases_test.cc, tests/python/test_evaluation_cases.py and the
differential test. Edit this script, not the JSONL, then run it.
"""
import json
import os

A = "111122223333"   # the principal's account
B = "444455556666"   # another account
USER = f"arn:aws:iam::{A}:user/alice"
ROLE = f"arn:aws:iam::{A}:role/app"
SESSION = f"arn:aws:sts::{A}:assumed-role/app/s1"
FED = f"arn:aws:sts::{A}:federated-user/bob"
ROOT = f"arn:aws:iam::{A}:root"
BUCKET = "arn:aws:s3:::bkt"
OBJ = "arn:aws:s3:::bkt/data/x.csv"

cases = []


def pol(*statements, version="2012-10-17"):
    d = {"Statement": list(statements)}
    if version:
        d = {"Version": version, **d}
    return d


def allow(action="s3:GetObject", resource=OBJ, **kw):
    s = {"Effect": "Allow", "Action": action}
    if resource is not None:
        s["Resource"] = resource
    s.update(kw)
    return s


def deny(action="s3:GetObject", resource=OBJ, **kw):
    s = allow(action, resource, **kw)
    s["Effect"] = "Deny"
    return s


FULL = pol(allow("*", "*"))


def case(id, expect, spec, principal=USER, action="s3:GetObject", resource=OBJ, layer=None, **kw):
    c = {"id": id, "principal": principal, "action": action, "resource": resource}
    c.update(kw)
    c["expect"] = expect
    if layer:
        c["expect_layer"] = layer
    c["spec"] = spec
    cases.append(c)


# ---------------- §6/§7.1 basics
case("identity-allow", "Allow", "§7.4", identity_policies=[pol(allow())], layer="identity")
case("nothing-allows", "ImplicitDeny", "§7.1", identity_policies=[])
case("identity-deny-wins", "ExplicitDeny", "§7.1", identity_policies=[pol(allow("*", "*"), deny())], layer="identity")
case("deny-in-other-policy-wins", "ExplicitDeny", "§6", identity_policies=[pol(allow()), pol(deny("s3:*", "*"))])
case("statement-order-irrelevant", "ExplicitDeny", "§6", identity_policies=[pol(deny(), allow())])
case("action-case-insensitive", "Allow", "§3.1", action="S3:getobject", identity_policies=[pol(allow("s3:GETOBJECT"))])
case("action-glob-question", "Allow", "§3.1", action="iam:GetUser", resource=f"arn:aws:iam::{A}:user/x", identity_policies=[pol(allow("iam:?etUser", "*"))])
case("action-no-wildcard-in-prefix", "ImplicitDeny", "§3.1", identity_policies=[pol(allow("s*:GetObject", "*"))])
case("notaction-excludes", "ImplicitDeny", "§3.1", identity_policies=[pol({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"})])
case("notaction-allows-other", "Allow", "§3.1", action="ec2:DescribeInstances", resource="*", identity_policies=[pol({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"})])
case("unknown-action-matched-by-service-wildcard", "Allow", "§3.1", action="s3:SomeFutureAction", identity_policies=[pol(allow("s3:*", "*"))])
# ---------------- §3.2 resources
case("resource-case-sensitive", "ImplicitDeny", "§10.17", resource="arn:aws:s3:::BKT/data/x.csv", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/*"))])
case("resource-star-crosses-slash", "Allow", "§3.2", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/*"))])
case("resource-id-star-crosses-colon", "Allow", "§3.2", action="logs:PutLogEvents", resource=f"arn:aws:logs:us-east-1:{A}:log-group:app:log-stream:s1", identity_policies=[pol(allow("logs:PutLogEvents", f"arn:aws:logs:us-east-1:{A}:log-group:app:*"))])
case("short-pattern-trailing-star", "Allow", "§10.16", identity_policies=[pol(allow(resource="arn:aws:s3:*"))])
case("arn-star-matches-all", "Allow", "§10.16", identity_policies=[pol(allow(resource="arn:*"))])
case("short-pattern-without-star", "ImplicitDeny", "§10.16", identity_policies=[pol(allow(resource="arn:aws:s3"))], note="invalid at write time; the lenient evaluator matches nothing", options={"lenient": True})
case("region-field-glob", "Allow", "§3.2", action="sqs:SendMessage", resource=f"arn:aws:sqs:eu-west-1:{A}:q", identity_policies=[pol(allow("sqs:SendMessage", f"arn:aws:sqs:eu-*:{A}:q"))])
case("region-field-glob-mismatch", "ImplicitDeny", "§3.2", action="sqs:SendMessage", resource=f"arn:aws:sqs:us-east-1:{A}:q", identity_policies=[pol(allow("sqs:SendMessage", f"arn:aws:sqs:eu-*:{A}:q"))])
case("notresource", "ImplicitDeny", "§3.2", identity_policies=[pol({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::bkt/*"})])
case("notresource-other", "Allow", "§3.2", resource="arn:aws:s3:::other/x", identity_policies=[pol({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::bkt/*"})])
case("wildcard-only-action-star", "Allow", "§3.2", action="s3:ListAllMyBuckets", resource="*", identity_policies=[pol(allow("s3:ListAllMyBuckets", "*"))])
case("wildcard-only-action-specific-arn", "ImplicitDeny", "§10.18", action="s3:ListAllMyBuckets", resource="*", identity_policies=[pol(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*"))], note="[UNV] we follow the peer: only Resource \"*\" names the implicit resource of a wildcard-only action (the safe reading); docs/semantics.md")
# ---------------- §5 variables
case("variable-username", "Allow", "§5", resource="arn:aws:s3:::bkt/home/alice/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:username}/*"))])
case("variable-other-user", "ImplicitDeny", "§5", resource="arn:aws:s3:::bkt/home/bob/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:username}/*"))])
case("variable-case-insensitive-key", "Allow", "§5", resource="arn:aws:s3:::bkt/home/alice/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${AWS:UserName}/*"))])
case("variable-2008-literal", "ImplicitDeny", "§10.4", resource="arn:aws:s3:::bkt/home/alice/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:username}/*"), version="2008-10-17")])
case("variable-no-version-literal", "ImplicitDeny", "§10.4", resource="arn:aws:s3:::bkt/home/alice/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:username}/*"), version=None)])
case("variable-2008-literal-text-matches", "Allow", "§10.4", resource="arn:aws:s3:::bkt/home/${aws:username}/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:username}/*"), version="2008-10-17")])
case("variable-value-star-is-literal", "ImplicitDeny", "§10.5", resource="arn:aws:s3:::bkt/home/x/f", context={"aws:PrincipalTag/team": "*"}, identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:PrincipalTag/team}/*"))])
case("variable-default", "Allow", "§5", resource="arn:aws:s3:::bkt/home/none/f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:PrincipalTag/team, 'none'}/*"))])
case("variable-escape-star", "Allow", "§5", resource="arn:aws:s3:::bkt/a*b", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/a${*}b"))])
case("variable-escape-star-is-literal", "ImplicitDeny", "§5", resource="arn:aws:s3:::bkt/axxb", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/a${*}b"))])
case("variable-missing-resource", "ImplicitDeny", "§5", resource="arn:aws:s3:::bkt/home//f", identity_policies=[pol(allow(resource="arn:aws:s3:::bkt/home/${aws:PrincipalTag/team}/*"))])
case("variable-missing-notresource-widens", "ExplicitDeny", "§10.6", resource="arn:aws:s3:::bkt/home/x/f", identity_policies=[pol(allow("s3:*", "*"), {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::bkt/home/${aws:PrincipalTag/team}/*"})])
case("variable-in-account-field-literal", "ImplicitDeny", "§5", action="secretsmanager:GetSecretValue", resource=f"arn:aws:secretsmanager:eu-west-1:{A}:secret:db-AbCdEf", context={"aws:RequestedRegion": "eu-west-1"}, identity_policies=[pol(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:db-*"))], note="variables are substituted only in the resource id (spec default); EvaluatorOptions::substitute_variables_in_all_arn_fields changes it")
case("variable-in-account-field", "Allow", "§5 (option)", options={"all_arn_fields": True}, action="secretsmanager:GetSecretValue", resource=f"arn:aws:secretsmanager:eu-west-1:{A}:secret:db-AbCdEf", context={"aws:RequestedRegion": "eu-west-1"}, identity_policies=[pol(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:db-*"))], note="AWS managed policies put variables in the region and account fields; docs/semantics.md")
case("variable-in-account-field-other-account", "ImplicitDeny", "§5 (option)", options={"all_arn_fields": True}, action="secretsmanager:GetSecretValue", resource=f"arn:aws:secretsmanager:eu-west-1:{B}:secret:db-AbCdEf", resource_account=B, context={"aws:RequestedRegion": "eu-west-1"}, identity_policies=[pol(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:db-*"))], resource_policy=pol(allow("secretsmanager:GetSecretValue", "*", Principal={"AWS": A})))
case("variable-in-condition", "Allow", "§5", context={"s3:prefix": "alice/"}, action="s3:ListBucket", resource=BUCKET, identity_policies=[pol(allow("s3:ListBucket", BUCKET, Condition={"StringLike": {"s3:prefix": "${aws:username}/*"}}))])
case("variable-missing-negated-condition-true", "ExplicitDeny", "§10.6", identity_policies=[pol(allow("*", "*"), deny(Condition={"StringNotEquals": {"aws:ResourceTag/owner": "${aws:PrincipalTag/team}"}}))], context={"aws:ResourceTag/owner": "x"})
# ---------------- §4 conditions
C = lambda cond, ctx, expect, id, spec="§4": case(id, expect, spec, identity_policies=[pol(allow(Condition=cond))], context=ctx)
C({"StringEquals": {"aws:PrincipalTag/team": "red"}}, {"aws:PrincipalTag/team": "red"}, "Allow", "string-equals")
C({"StringEquals": {"aws:PrincipalTag/team": "red"}}, {"aws:principaltag/TEAM": "red"}, "Allow", "condition-key-case-insensitive", "§4.1")
C({"StringEquals": {"aws:PrincipalTag/team": "red"}}, {"aws:PrincipalTag/team": "Red"}, "ImplicitDeny", "string-equals-case-sensitive")
C({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "red"}}, {"aws:PrincipalTag/team": "RED"}, "Allow", "string-equals-ignore-case")
C({"StringEquals": {"aws:PrincipalTag/team": "r*"}}, {"aws:PrincipalTag/team": "red"}, "ImplicitDeny", "string-equals-star-literal")
C({"StringLike": {"aws:PrincipalTag/team": "r*"}}, {"aws:PrincipalTag/team": "red"}, "Allow", "string-like")
C({"StringLike": {"aws:PrincipalTag/team": "r?d"}}, {"aws:PrincipalTag/team": "red"}, "Allow", "string-like-question")
C({"StringEquals": {"aws:PrincipalTag/team": ["blue", "red"]}}, {"aws:PrincipalTag/team": "red"}, "Allow", "positive-values-or")
C({"StringEquals": {"aws:PrincipalTag/team": "red"}}, {}, "ImplicitDeny", "positive-absent-false", "§4.2")
C({"StringNotEquals": {"aws:PrincipalTag/team": "red"}}, {}, "Allow", "negated-absent-true", "§10.10")
C({"StringNotEquals": {"aws:PrincipalTag/team": ["red", "blue"]}}, {"aws:PrincipalTag/team": "blue"}, "ImplicitDeny", "negated-multiple-values-none", "§10.11")
C({"StringNotEquals": {"aws:PrincipalTag/team": ["red", "blue"]}}, {"aws:PrincipalTag/team": "green"}, "Allow", "negated-multiple-values-green", "§10.11")
C({"StringEqualsIfExists": {"aws:PrincipalTag/team": "red"}}, {}, "Allow", "ifexists-absent-true", "§4.2")
C({"StringEqualsIfExists": {"aws:PrincipalTag/team": "red"}}, {"aws:PrincipalTag/team": "blue"}, "ImplicitDeny", "ifexists-present-evaluates", "§4.2")
C({"Null": {"aws:PrincipalTag/team": "true"}}, {}, "Allow", "null-true-absent", "§4.2")
C({"Null": {"aws:PrincipalTag/team": "true"}}, {"aws:PrincipalTag/team": "x"}, "ImplicitDeny", "null-true-present", "§4.2")
C({"Null": {"aws:PrincipalTag/team": "false"}}, {"aws:PrincipalTag/team": "x"}, "Allow", "null-false-present", "§4.2")
C({"NumericLessThan": {"s3:max-keys": "10"}}, {"s3:max-keys": "5"}, "Allow", "numeric-less")
C({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10.0"}, "Allow", "numeric-equals-decimal")
C({"NumericLessThan": {"s3:max-keys": "10"}}, {"s3:max-keys": "abc"}, "ImplicitDeny", "numeric-unparseable-false")
C({"NumericGreaterThanEquals": {"s3:max-keys": 10}}, {"s3:max-keys": 10}, "Allow", "numeric-json-number")
C({"DateLessThan": {"aws:CurrentTime": "2021-01-01T00:00:00Z"}}, {"aws:CurrentTime": "2020-06-01T12:00:00Z"}, "Allow", "date-less-iso")
C({"DateLessThan": {"aws:CurrentTime": "1700000000"}}, {"aws:CurrentTime": "2020-06-01T12:00:00Z"}, "Allow", "date-epoch-vs-iso-lessthan", "§10.8")
C({"DateGreaterThan": {"aws:CurrentTime": "2020-06-01"}}, {"aws:CurrentTime": "2020-06-01T00:00:01Z"}, "Allow", "date-day-profile")
C({"DateEquals": {"aws:CurrentTime": "2020-06-01T12:00:00+02:00"}}, {"aws:CurrentTime": "2020-06-01T10:00:00Z"}, "Allow", "date-timezone-offset")
C({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": True}, "Allow", "bool-json-true")
C({"Bool": {"aws:SecureTransport": True}}, {"aws:SecureTransport": "false"}, "ImplicitDeny", "bool-false")
C({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.113.7"}, "Allow", "ip-in-cidr")
C({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.114.7"}, "ImplicitDeny", "ip-outside-cidr")
C({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}, {"aws:SourceIp": "2001:DB8:0:0:1::1"}, "Allow", "ipv6-in-cidr")
C({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {}, "ImplicitDeny", "ip-absent-vpc-endpoint", "§10.12")
C({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {}, "Allow", "notip-absent-true", "§10.12")
C({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:topic-*"}}, {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic-a"}, "Allow", "arn-like")
C({"ArnLike": {"aws:SourceArn": "arn:aws:svc:*:A:finance/*"}}, {"aws:SourceArn": "arn:aws:svc:us-east-2:999:store/abc:A:finance/x"}, "ImplicitDeny", "arnlike-per-field", "§10.15")
C({"StringLike": {"aws:SourceArn": "arn:aws:svc:*:A:finance/*"}}, {"aws:SourceArn": "arn:aws:svc:us-east-2:999:store/abc:A:finance/x"}, "Allow", "stringlike-crosses-colon", "§10.15")
C({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t"}}, {"aws:SourceArn": "not-an-arn"}, "ImplicitDeny", "arn-not-an-arn")
C({"BinaryEquals": {"k:bin": "QmluYXJ5"}}, {"k:bin": "QmluYXJ5"}, "Allow", "binary-equals")
C({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": ["c", "b"]}, "Allow", "for-any-value")
C({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}}, {}, "ImplicitDeny", "for-any-value-absent-false", "§10.9")
C({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": ["a", "b"]}, "Allow", "for-all-values")
C({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": ["a", "c"]}, "ImplicitDeny", "for-all-values-extra")
C({"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}, {}, "Allow", "for-all-values-absent-true", "§10.9")
C({"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}, {"aws:TagKeys": []}, "Allow", "for-all-values-empty-true", "§4.2")
C({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}}, {"aws:TagKeys": []}, "ImplicitDeny", "for-any-value-empty-false", "§4.2")
C({"ForAllValues:StringNotLike": {"aws:TagKeys": ["x*"]}}, {"aws:TagKeys": ["a", "b"]}, "Allow", "for-all-values-notlike")
C({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a"]}}, {"aws:TagKeys": ["a", "b"]}, "Allow", "for-any-value-notequals")
C({"StringEquals": {"aws:TagKeys": "a"}}, {"aws:TagKeys": ["a", "b"]}, "ImplicitDeny", "plain-operator-multivalued", "§10.13")
C({"ForAnyValue:StringEquals": {"aws:PrincipalTag/team": "red"}}, {"aws:PrincipalTag/team": "red"}, "Allow", "qualifier-on-single-valued", "§10.14")
C({"StringEquals": {"aws:PrincipalTag/team": "red"}, "Bool": {"aws:SecureTransport": "true"}}, {"aws:PrincipalTag/team": "red"}, "ImplicitDeny", "operators-and")
C({"StringEquals": {"aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "dev"}}, {"aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "dev"}, "Allow", "keys-and")
case("derived-aws-username", "Allow", "§1", identity_policies=[pol(allow(Condition={"StringEquals": {"aws:username": "alice"}}))])
case("derived-principalarn-for-session-is-role", "Allow", "§1", principal=SESSION, identity_policies=[pol(allow(Condition={"ArnEquals": {"aws:PrincipalArn": ROLE}}))])
case("caller-context-wins-over-derived", "ImplicitDeny", "§1", context={"aws:username": "mallory"}, identity_policies=[pol(allow(Condition={"StringEquals": {"aws:username": "alice"}}))])
case("unknown-operator-deny-fails-closed", "ExplicitDeny", "§10.27", identity_policies=[pol(allow("*", "*"), deny(Condition={"StringEqualz": {"aws:username": "nobody"}}))], options={"lenient": True})
case("unknown-operator-allow-fails-closed", "ImplicitDeny", "§10.27", identity_policies=[pol(allow(Condition={"StringEqualz": {"aws:username": "alice"}}))], options={"lenient": True})
case("unknown-operator-strict-is-error", "Error", "§10.27", identity_policies=[pol(allow("*", "*"), deny(Condition={"StringEqualz": {"aws:username": "nobody"}}))])
case("duplicate-key-is-error", "Error", "§10.28", identity_policies=['{"Statement":[{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}]}'])
case("malformed-action-in-notaction-excludes-nothing", "ExplicitDeny", "§10.32", identity_policies=[pol(allow("*", "*"), {"Effect": "Deny", "NotAction": ["s3 :GetObject"], "Resource": "*"})], options={"lenient": True})
# ---------------- §7 layers: SCPs
SCP_FULL = pol(allow("*", "*"))
case("scp-allows", "Allow", "§7.2", identity_policies=[pol(allow())], scps=[[SCP_FULL]])
case("scp-deny", "ExplicitDeny", "§7.2", identity_policies=[pol(allow())], scps=[[SCP_FULL, pol(deny("s3:*", "*"))]], layer="scp")
case("scp-level-without-allow", "ImplicitDeny", "§10.25", identity_policies=[pol(allow())], scps=[[SCP_FULL], [pol(allow("ec2:*", "*"))], [SCP_FULL]], layer="scp")
case("scp-empty-level", "ImplicitDeny", "§7.2", identity_policies=[pol(allow())], scps=[[SCP_FULL], []])
case("scp-grants-nothing", "ImplicitDeny", "§7.2", identity_policies=[], scps=[[SCP_FULL]])
case("scp-management-account-exempt", "Allow", "§10.23", identity_policies=[pol(allow())], scps=[[pol(deny("s3:*", "*"))]], principal_in_management_account=True)
case("scp-service-linked-role-exempt", "Allow", "§10.23", principal=f"arn:aws:sts::{A}:assumed-role/AWSServiceRoleForSupport/s", identity_policies=[pol(allow())], scps=[[SCP_FULL, pol(deny("s3:*", "*"))]])
case("scp-service-linked-role-by-path", "Allow", "§10.23", principal=f"arn:aws:sts::{A}:assumed-role/MyLinked/s", principal_parent_arn=f"arn:aws:iam::{A}:role/aws-service-role/support.amazonaws.com/MyLinked", identity_policies=[pol(allow())], scps=[[SCP_FULL, pol(deny("s3:*", "*"))]])
case("scp-applies-to-member-root", "ExplicitDeny", "§10.23", principal=ROOT, scps=[[SCP_FULL, pol(deny("s3:*", "*"))]])
case("scp-region-deny-notaction", "ExplicitDeny", "§7.2", action="ec2:RunInstances", resource="*", context={"aws:RequestedRegion": "us-west-2"}, identity_policies=[FULL], scps=[[SCP_FULL, pol({"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}})]])
case("scp-region-deny-exempt-action", "Allow", "§7.2", action="iam:ListRoles", resource="*", context={"aws:RequestedRegion": "us-west-2"}, identity_policies=[FULL], scps=[[SCP_FULL, pol({"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}})]])
case("scp-cross-account-callers-scps", "ExplicitDeny", "§7.2", resource_account=B, identity_policies=[pol(allow())], resource_policy=pol(allow(Principal={"AWS": USER})), scps=[[SCP_FULL, pol(deny("s3:*", "*"))]])
# ---------------- RCPs
RCP_DENY_S3 = pol(deny("s3:*", "*", Principal="*"))
case("rcp-deny", "ExplicitDeny", "§7.3", identity_policies=[pol(allow())], rcps=[[RCP_DENY_S3]], layer="rcp")
case("rcp-full-access-implied", "Allow", "§7.3", identity_policies=[pol(allow())], rcps=[[pol(deny("sqs:*", "*", Principal="*"))]])
case("rcp-unsupported-service", "Allow", "§10.24", action="ec2:DescribeInstances", resource="*", identity_policies=[FULL], rcps=[[pol(deny("ec2:*", "*", Principal="*"))]])
case("rcp-management-account-resource", "Allow", "§10.24", identity_policies=[pol(allow())], rcps=[[RCP_DENY_S3]], resource_in_management_account=True)
case("rcp-applies-to-anonymous", "ExplicitDeny", "§7.3", principal="anonymous", resource_policy=pol(allow(Principal="*")), rcps=[[RCP_DENY_S3]])
# ---------------- resource policies, same account
case("resource-direct-user-grant", "Allow", "§7.4", identity_policies=[], resource_policy=pol(allow(Principal={"AWS": USER})), layer="resource")
case("resource-account-grant-alone", "ImplicitDeny", "§10.20", identity_policies=[], resource_policy=pol(allow(Principal={"AWS": A})))
case("resource-account-root-grant-alone", "ImplicitDeny", "§10.20", identity_policies=[], resource_policy=pol(allow(Principal={"AWS": ROOT})))
case("resource-account-grant-with-identity", "Allow", "§10.20", identity_policies=[pol(allow())], resource_policy=pol(allow(Principal={"AWS": A})))
case("resource-deny-wins", "ExplicitDeny", "§7.1", identity_policies=[pol(allow())], resource_policy=pol(deny(Principal="*")), layer="resource")
case("resource-no-principal-never-matches", "ImplicitDeny", "§10.33", identity_policies=[], resource_policy=pol(allow()), options={"lenient": True})
case("resource-role-grant-cut-by-boundary", "ImplicitDeny", "§10.2", principal=SESSION, identity_policies=[], permission_boundary=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": ROLE})), layer="boundary")
case("resource-session-grant-bypasses-boundary", "Allow", "§10.2", principal=SESSION, identity_policies=[], permission_boundary=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": SESSION})))
case("resource-star-bypasses-boundary", "Allow", "§10.2", principal=SESSION, identity_policies=[], permission_boundary=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal="*")))
case("resource-user-grant-bypasses-boundary", "Allow", "§7.6", identity_policies=[], permission_boundary=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": USER})))
case("resource-role-grant-without-identity", "Allow", "§7.4", principal=SESSION, identity_policies=[], resource_policy=pol(allow(Principal={"AWS": ROLE})))
case("resource-pathed-role-grant", "Allow", "§10.30", principal=SESSION, identity_policies=[], resource_policy=pol(allow(Principal={"AWS": f"arn:aws:iam::{A}:role/team/app"})))
case("resource-unique-id-never-matches", "ImplicitDeny", "§10.29", identity_policies=[], resource_policy=pol(allow(Principal={"AWS": "AIDAJQABLZS4A3QDU576Q"})))
# ---------------- boundaries
case("boundary-allows", "Allow", "§7.6", identity_policies=[pol(allow())], permission_boundary=pol(allow("s3:*", "*")))
case("boundary-cuts-identity", "ImplicitDeny", "§7.6", identity_policies=[pol(allow())], permission_boundary=pol(allow("ec2:*", "*")), layer="boundary")
case("boundary-deny", "ExplicitDeny", "§7.6", identity_policies=[pol(allow())], permission_boundary=pol(allow("*", "*"), deny()), layer="boundary")
case("boundary-grants-nothing", "ImplicitDeny", "§7.6", identity_policies=[], permission_boundary=pol(allow("*", "*")))
# ---------------- sessions
case("session-policy-cuts", "ImplicitDeny", "§7.7", principal=SESSION, identity_policies=[pol(allow())], session_policy=pol(allow("ec2:*", "*")), layer="session")
case("session-policy-allows", "Allow", "§7.7", principal=SESSION, identity_policies=[pol(allow())], session_policy=pol(allow("s3:*", "*")))
case("session-policy-vs-session-arn", "Allow", "§10.1", principal=SESSION, identity_policies=[], session_policy=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": SESSION})))
case("session-policy-vs-role-arn", "ImplicitDeny", "§7.7", principal=SESSION, identity_policies=[], session_policy=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": ROLE})))
case("federated-without-session-policy", "ImplicitDeny", "§10.3", principal=FED, principal_parent_arn=USER, identity_policies=[pol(allow())], layer="session")
case("federated-with-session-policy", "Allow", "§7.7", principal=FED, principal_parent_arn=USER, identity_policies=[pol(allow())], session_policy=pol(allow("s3:*", "*")))
case("federated-parent-user-grant-cut-by-session", "ImplicitDeny", "§7.7", principal=FED, principal_parent_arn=USER, identity_policies=[], session_policy=pol(allow("ec2:*", "*")), resource_policy=pol(allow(Principal={"AWS": USER})))
case("federated-session-arn-grant", "Allow", "§7.7", principal=FED, principal_parent_arn=USER, identity_policies=[], resource_policy=pol(allow(Principal={"AWS": FED})))
# ---------------- mandatory resource policies
TRUST = lambda principal: pol({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})
TARGET = f"arn:aws:iam::{A}:role/target"
case("trust-identity-alone-not-enough", "ImplicitDeny", "§10.19", action="sts:AssumeRole", resource=TARGET, identity_policies=[pol(allow("sts:AssumeRole", "*"))])
case("trust-names-user", "Allow", "§10.19", action="sts:AssumeRole", resource=TARGET, identity_policies=[], resource_policy=TRUST({"AWS": USER}))
case("trust-names-account-needs-identity", "ImplicitDeny", "§10.19", action="sts:AssumeRole", resource=TARGET, identity_policies=[], resource_policy=TRUST({"AWS": A}))
case("trust-names-account-with-identity", "Allow", "§10.19", action="sts:AssumeRole", resource=TARGET, identity_policies=[pol(allow("sts:AssumeRole", TARGET))], resource_policy=TRUST({"AWS": A}))
case("trust-cross-account", "Allow", "§7.8", action="sts:AssumeRole", resource=f"arn:aws:iam::{B}:role/target", resource_account=B, identity_policies=[pol(allow("sts:AssumeRole", "*"))], resource_policy=TRUST({"AWS": A}))
case("trust-cross-account-no-identity", "ImplicitDeny", "§7.8", action="sts:AssumeRole", resource=f"arn:aws:iam::{B}:role/target", resource_account=B, identity_policies=[], resource_policy=TRUST({"AWS": USER}))
case("trust-external-id", "Allow", "§4", action="sts:AssumeRole", resource=TARGET, context={"sts:ExternalId": "xyz"}, identity_policies=[], resource_policy=pol({"Effect": "Allow", "Principal": {"AWS": USER}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "xyz"}}}))
case("trust-external-id-missing", "ImplicitDeny", "§4", action="sts:AssumeRole", resource=TARGET, identity_policies=[], resource_policy=pol({"Effect": "Allow", "Principal": {"AWS": USER}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "xyz"}}}))
KEY = f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
case("kms-identity-alone-not-enough", "ImplicitDeny", "§10.19", action="kms:Decrypt", resource=KEY, identity_policies=[pol(allow("kms:Decrypt", "*"))])
case("kms-key-policy-trusts-account", "Allow", "§10.19", action="kms:Decrypt", resource=KEY, identity_policies=[pol(allow("kms:Decrypt", "*"))], resource_policy=pol(allow("kms:*", "*", Principal={"AWS": ROOT})))
case("kms-key-policy-names-role", "Allow", "§10.19", principal=SESSION, action="kms:Decrypt", resource=KEY, identity_policies=[], resource_policy=pol(allow("kms:Decrypt", "*", Principal={"AWS": ROLE})))
# ---------------- cross-account
XOBJ = "arn:aws:s3:::theirs/x"
case("cross-account-both-sides", "Allow", "§10.21", resource=XOBJ, resource_account=B, identity_policies=[pol(allow(resource="arn:aws:s3:::theirs/*"))], resource_policy=pol(allow(resource="arn:aws:s3:::theirs/*", Principal={"AWS": A})))
case("cross-account-resource-only", "ImplicitDeny", "§10.21", resource=XOBJ, resource_account=B, identity_policies=[], resource_policy=pol(allow(resource="arn:aws:s3:::theirs/*", Principal={"AWS": USER})), layer="identity")
case("cross-account-identity-only", "ImplicitDeny", "§10.21", resource=XOBJ, resource_account=B, identity_policies=[pol(allow("s3:*", "*"))], layer="resource")
case("cross-account-boundary-applies", "ImplicitDeny", "§7.6", resource=XOBJ, resource_account=B, identity_policies=[pol(allow("s3:*", "*"))], permission_boundary=pol(allow("ec2:*", "*")), resource_policy=pol(allow(resource="*", Principal={"AWS": USER})))
# ---------------- NotPrincipal
NP_DENY = lambda listed: pol(allow("s3:*", "*", Principal="*"), {"Effect": "Deny", "NotPrincipal": {"AWS": listed}, "Action": "s3:*", "Resource": "*"})
case("notprincipal-session-only-listed", "ExplicitDeny", "§10.22", principal=SESSION, identity_policies=[], resource_policy=NP_DENY([SESSION]))
case("notprincipal-full-chain-listed", "Allow", "§10.22", principal=SESSION, identity_policies=[], resource_policy=NP_DENY([ROOT, ROLE, SESSION]))
case("notprincipal-unlisted-denied", "ExplicitDeny", "§3.4", identity_policies=[], resource_policy=NP_DENY([ROOT, f"arn:aws:iam::{A}:user/bob"]))
case("notprincipal-boundary-always-denied", "ExplicitDeny", "§10.22", identity_policies=[], permission_boundary=pol(allow("*", "*")), resource_policy=NP_DENY([ROOT, USER]))
case("notprincipal-anonymous-denied", "ExplicitDeny", "§3.4", principal="anonymous", resource_policy=NP_DENY([ROOT]))
# ---------------- anonymous, services, root
case("anonymous-public-read", "Allow", "§7.9", principal="anonymous", resource_policy=pol(allow(Principal="*")))
case("anonymous-aws-star", "Allow", "§2.2", principal="anonymous", resource_policy=pol(allow(Principal={"AWS": "*"})))
case("anonymous-no-grant", "ImplicitDeny", "§7.9", principal="anonymous", resource_policy=pol(allow(Principal={"AWS": A})))
case("anonymous-identity-ignored", "ImplicitDeny", "§7.9", principal="anonymous", identity_policies=[FULL])
case("service-principal-grant", "Allow", "§7.9", principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_policy=pol(allow("s3:PutObject", Principal={"Service": "cloudtrail.amazonaws.com"})))
case("service-principal-other-service", "ImplicitDeny", "§7.9", principal="config.amazonaws.com", action="s3:PutObject", resource_policy=pol(allow("s3:PutObject", Principal={"Service": "cloudtrail.amazonaws.com"})))
case("service-principal-scps-dont-apply", "Allow", "§7.2", principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_policy=pol(allow("s3:PutObject", Principal={"Service": "cloudtrail.amazonaws.com"})), scps=[[pol(deny("*", "*"))]])
case("service-principal-aws-star", "Allow", "§10.31", principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_policy=pol(allow("s3:PutObject", Principal={"AWS": "*"})), note="[UNV] we follow the peer: {\"AWS\":\"*\"} also matches service principals")
case("root-implicit-full-access", "Allow", "§10.26", principal=ROOT, layer="implicit")
case("root-explicit-deny-resource", "ExplicitDeny", "§7.9", principal=ROOT, resource_policy=pol(deny(Principal="*")))
case("root-kms-key-policy-not-trusting", "ImplicitDeny", "§11.10", principal=ROOT, action="kms:Decrypt", resource=KEY, resource_policy=pol(allow("kms:*", "*", Principal={"AWS": ROLE})), note="[UNV] root cannot bypass a key policy that does not trust the account")
case("root-cannot-assume-role", "ImplicitDeny", "§7.9", principal=ROOT, action="sts:AssumeRole", resource=TARGET, resource_policy=TRUST({"AWS": ROOT}))
case("get-caller-identity-cannot-be-denied", "Allow", "§10.34", action="sts:GetCallerIdentity", resource="*", identity_policies=[pol(deny("*", "*"))], scps=[[pol(deny("*", "*"))]], layer="implicit")
case("get-caller-identity-anonymous", "ImplicitDeny", "§10.34", principal="anonymous", action="sts:GetCallerIdentity", resource="*")
# ---------------- VPC endpoint (extension field)
case("vpce-allows", "Allow", "§7.11", identity_policies=[pol(allow())], vpc_endpoint_policy=pol(allow("s3:*", "*", Principal="*")))
case("vpce-does-not-allow", "ImplicitDeny", "§7.11", identity_policies=[pol(allow())], vpc_endpoint_policy=pol(allow("dynamodb:*", "*", Principal="*")), layer="vpc-endpoint")
# ---------------- multivalued / context typing
case("context-number-and-bool-types", "Allow", "§1", context={"s3:max-keys": 5, "aws:SecureTransport": True}, identity_policies=[pol(allow(Condition={"NumericLessThanEquals": {"s3:max-keys": "5"}, "Bool": {"aws:SecureTransport": "true"}}))])
case("context-null-is-absent", "Allow", "§1", context={"aws:PrincipalTag/team": None}, identity_policies=[pol(allow(Condition={"Null": {"aws:PrincipalTag/team": "true"}}))])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "evaluation_cases.jsonl")
ids = [c["id"] for c in cases]
assert len(ids) == len(set(ids)), "duplicate ids"
with open(out, "w") as f:
    f.write("# Generated by tools/make_evaluation_cases.py: the documented decision for each rule of\n")
    f.write("# shared/spec/evaluation-semantics.md (`spec` names the section). Do not edit by hand.\n")
    for c in cases:
        f.write(json.dumps(c, separators=(",", ":")) + "\n")
print(f"wrote {len(cases)} cases to {out}")
