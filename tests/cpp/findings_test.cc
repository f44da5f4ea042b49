// Findings on hand-written policies: every rule with its id, location (path, line:column),
// severity and the actions concerned; the three cloudsplaining false negatives of
// shared/reference/anchors-report.md; cross-policy escalation; least-privilege rewrites.
#include "iameval/findings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "findings/resource_coverage.h"
#include "findings/risk_data.h"
#include "test_data.h"

namespace iameval {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::shared_ptr<const Policy> Parse(const std::string& json,
                                    PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult r = ParsePolicy(json, kind);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : FormatDiagnostic(r.diagnostics[0]));
  return r.policy;
}

std::vector<Finding> Analyze(const std::string& json, PolicyKind kind = PolicyKind::kIdentity,
                             const FindingOptions& options = FindingOptions()) {
  std::shared_ptr<const Policy> policy = Parse(json, kind);
  if (policy == nullptr) return {};
  return AnalyzePolicy(*policy, "test", options);
}

std::string Dump(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += FormatFinding(f) + "\n";
  return out;
}

std::vector<Finding> WithRule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.rule_id == rule) out.push_back(f);
  }
  return out;
}

std::set<std::string> RuleIds(const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const Finding& f : findings) out.insert(f.rule_id);
  return out;
}

std::string At(const Finding& f) {
  return f.location.path + " " + std::to_string(f.location.line) + ":" +
         std::to_string(f.location.column);
}

ActionId Id(const char* name) { return *Catalog::Default().FindAction(name); }

// ---- per-statement rules ----------------------------------------------------------------

TEST(FindingsTest, ActionStarIsCritical) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Admin",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
})");
  std::vector<Finding> f = WithRule(all, "IAM001-action-star");
  ASSERT_EQ(f.size(), 1u) << Dump(all);
  EXPECT_EQ(f[0].severity, FindingSeverity::kCritical);
  EXPECT_EQ(At(f[0]), "/Statement/0/Action 7:17");
  EXPECT_EQ(f[0].sid, "Admin");
  EXPECT_EQ(f[0].statement_index, 0);
  EXPECT_EQ(f[0].policy_name, "test");
  EXPECT_EQ(f[0].actions.Count(), Catalog::Default().action_count());
  EXPECT_GT(f[0].action_counts.permissions_management, 300u);
  EXPECT_FALSE(f[0].conditional);
  EXPECT_EQ(all.front().rule_id, "IAM001-action-star");  // critical first
}

TEST(FindingsTest, ServiceAndPrefixWildcards) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:*", "airflow:*", "s3:Get*", "iam:*Policy"],
      "Resource": "*"
    }
  ]
})");
  std::vector<Finding> service = WithRule(all, "IAM002-service-wildcard");
  ASSERT_EQ(service.size(), 2u) << Dump(all);
  EXPECT_EQ(At(service[0]), "/Statement/0/Action/0 6:18");
  EXPECT_EQ(service[0].severity, FindingSeverity::kHigh);  // s3:* has Permissions management
  EXPECT_GT(service[0].action_counts.permissions_management, 0u);
  EXPECT_EQ(At(service[1]), "/Statement/0/Action/1 6:26");
  EXPECT_EQ(service[1].severity, FindingSeverity::kMedium);  // no PM action in airflow
  EXPECT_EQ(service[1].action_counts.permissions_management, 0u);

  std::vector<Finding> prefix = WithRule(all, "IAM003-action-prefix-wildcard");
  ASSERT_EQ(prefix.size(), 2u) << Dump(all);
  EXPECT_EQ(At(prefix[0]), "/Statement/0/Action/3 6:50");  // iam:*Policy: PM -> medium first
  EXPECT_EQ(prefix[0].severity, FindingSeverity::kMedium);
  EXPECT_TRUE(prefix[0].actions.Contains(Id("iam:PutRolePolicy")));
  EXPECT_EQ(At(prefix[1]), "/Statement/0/Action/2 6:39");  // s3:Get*: reads only -> info
  EXPECT_EQ(prefix[1].severity, FindingSeverity::kInfo);
  EXPECT_EQ(prefix[1].action_counts.write + prefix[1].action_counts.permissions_management, 0u);
  EXPECT_TRUE(prefix[1].actions.Contains(Id("s3:GetObject")));
  EXPECT_THAT(prefix[1].message, HasSubstr("matches 63 actions: s3:GetAccelerateConfiguration"));
}

TEST(FindingsTest, ResourceStarSkipsWildcardOnlyActions) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ec2:DescribeInstances", "sts:GetCallerIdentity"],
     "Resource": "*"},
    {"Effect": "Allow", "Action": ["s3:PutObject", "ec2:DescribeInstances"],
     "Resource": ["arn:aws:s3:::logs/*", "*"]}
  ]
})");
  std::vector<Finding> f = WithRule(all, "IAM004-resource-star");
  ASSERT_EQ(f.size(), 1u) << Dump(all);  // the first statement has only wildcard-only actions
  EXPECT_EQ(At(f[0]), "/Statement/1/Resource/1 7:42");
  EXPECT_EQ(f[0].actions.Count(), 1u);
  EXPECT_TRUE(f[0].actions.Contains(Id("s3:PutObject")));
  EXPECT_EQ(f[0].severity, FindingSeverity::kMedium);  // a Write action
}

TEST(FindingsTest, ResourceEffectivelyStar) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*/*"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Effect": "Allow", "Action": "ec2:TerminateInstances",
     "Resource": "arn:aws:ec2:*:*:instance/*"},
    {"Effect": "Allow", "Action": "ec2:TerminateInstances",
     "Resource": "arn:aws:ec2:*:111122223333:instance/*"}
  ]
})");
  std::vector<Finding> f = WithRule(all, "IAM005-resource-effectively-star");
  ASSERT_EQ(f.size(), 3u) << Dump(all);
  // Medium (a Write action) sorts first, then the reads in document order.
  EXPECT_EQ(At(f[0]), "/Statement/3/Resource 8:18");
  EXPECT_EQ(f[0].severity, FindingSeverity::kMedium);
  EXPECT_THAT(f[0].resources, ElementsAre("arn:aws:ec2:*:*:instance/*"));
  EXPECT_EQ(At(f[1]), "/Statement/0/Resource 4:63");
  EXPECT_EQ(f[1].severity, FindingSeverity::kLow);
  EXPECT_THAT(f[1].resources, ElementsAre("arn:aws:s3:::*"));
  EXPECT_EQ(At(f[2]), "/Statement/1/Resource 5:63");
}

TEST(FindingsTest, AllowWithNotActionAndNotResource) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}
  ]
})");
  std::vector<Finding> not_action = WithRule(all, "IAM006-allow-not-action");
  ASSERT_EQ(not_action.size(), 1u) << Dump(all);
  EXPECT_EQ(At(not_action[0]), "/Statement/0/NotAction 4:39");
  EXPECT_EQ(not_action[0].severity, FindingSeverity::kHigh);
  EXPECT_FALSE(not_action[0].actions.Contains(Id("iam:CreateUser")));
  EXPECT_TRUE(not_action[0].actions.Contains(Id("s3:PutBucketPolicy")));
  std::vector<Finding> not_resource = WithRule(all, "IAM007-allow-not-resource");
  ASSERT_EQ(not_resource.size(), 1u) << Dump(all);
  EXPECT_EQ(At(not_resource[0]), "/Statement/1/NotResource 5:66");
  EXPECT_EQ(not_resource[0].severity, FindingSeverity::kMedium);
}

TEST(FindingsTest, PassRoleOnEveryRoleIsReportedWithItsCondition) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Pass",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::*:role/*",
      "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
    },
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-*"}
  ]
})");
  std::vector<Finding> f = WithRule(all, "IAM008-passrole-star");
  ASSERT_EQ(f.size(), 1u) << Dump(all);
  EXPECT_EQ(At(f[0]), "/Statement/0/Resource 8:19");
  EXPECT_EQ(f[0].severity, FindingSeverity::kHigh);
  EXPECT_TRUE(f[0].conditional);
  ASSERT_EQ(f[0].conditions.size(), 1u);
  EXPECT_EQ(f[0].conditions[0].operator_text, "StringEquals");
  EXPECT_EQ(f[0].conditions[0].key, "iam:PassedToService");
  EXPECT_THAT(f[0].conditions[0].values, ElementsAre("ec2.amazonaws.com"));
  EXPECT_EQ(f[0].conditions[0].sid, "Pass");
}

TEST(FindingsTest, AllowWithNotPrincipalInResourcePolicy) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}
  ]
})",
                                     PolicyKind::kResource);
  std::vector<Finding> f = WithRule(all, "IAM009-allow-not-principal");
  ASSERT_EQ(f.size(), 1u) << Dump(all);
  EXPECT_EQ(At(f[0]), "/Statement/0/NotPrincipal 4:49");
  EXPECT_EQ(f[0].severity, FindingSeverity::kMedium);
}

// ---- risk categories --------------------------------------------------------------------

TEST(FindingsTest, RiskCategoriesOnEveryResource) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
    {"Effect": "Allow", "Action": "sqs:AddPermission", "Resource": "*"},
    {"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*"},
    {"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*"},
    {"Effect": "Allow", "Action": ["s3:GetObject", "ec2:TerminateInstances"],
     "Resource": "arn:aws:s3:::reports/*"}
  ]
})");
  auto one = [&](const char* rule) {
    std::vector<Finding> f = WithRule(all, rule);
    EXPECT_EQ(f.size(), 1u) << rule << "\n" << Dump(all);
    return f.empty() ? Finding() : f[0];
  };
  Finding exfil = one("IAM011-data-exfiltration");
  EXPECT_EQ(At(exfil), "/Statement/0/Action 4:35");
  EXPECT_EQ(exfil.severity, FindingSeverity::kMedium);
  EXPECT_EQ(exfil.actions.Count(), 1u);  // the scoped s3:GetObject in statement 5 is not counted
  EXPECT_TRUE(exfil.related.empty());
  Finding creds = one("IAM012-credentials-exposure");
  EXPECT_EQ(At(creds), "/Statement/1/Action 5:35");
  EXPECT_EQ(creds.severity, FindingSeverity::kHigh);
  Finding exposure = one("IAM013-resource-exposure");
  EXPECT_EQ(At(exposure), "/Statement/2/Action 6:35");
  EXPECT_EQ(exposure.severity, FindingSeverity::kHigh);
  Finding infra = one("IAM014-infrastructure-modification");
  // sqs:AddPermission is a control-plane write of a core service too.
  EXPECT_EQ(At(infra), "/Statement/2/Action 6:35");
  EXPECT_EQ(infra.severity, FindingSeverity::kLow);
  EXPECT_TRUE(infra.actions.Contains(Id("ec2:TerminateInstances")));
  ASSERT_EQ(infra.related.size(), 1u);
  EXPECT_EQ(infra.related[0].location.path, "/Statement/3/Action");
  Finding pm = one("IAM015-permissions-management");
  EXPECT_EQ(pm.severity, FindingSeverity::kMedium);
  EXPECT_TRUE(pm.actions.Contains(Id("iam:PutUserPolicy")));
  EXPECT_TRUE(pm.actions.Contains(Id("sqs:AddPermission")));
  ASSERT_EQ(pm.related.size(), 1u);  // granted by two statements
  EXPECT_EQ(pm.related[0].statement_index, 4);
  Finding esc = one("IAM010-privilege-escalation");
  EXPECT_EQ(esc.method, "PutUserPolicy");
  EXPECT_EQ(At(esc), "/Statement/4/Action 8:35");
  EXPECT_EQ(esc.severity, FindingSeverity::kHigh);
}

TEST(FindingsTest, EscalationAcrossStatementsOfOnePolicy) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
    {"Sid": "Lambda", "Effect": "Allow",
     "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}
  ]
})");
  std::vector<Finding> f = WithRule(all, "IAM010-privilege-escalation");
  ASSERT_EQ(f.size(), 1u) << Dump(all);
  EXPECT_EQ(f[0].method, "PassExistingRoleToNewLambdaThenInvoke");
  EXPECT_EQ(f[0].sid, "Pass");
  ASSERT_EQ(f[0].related.size(), 1u);
  EXPECT_EQ(f[0].related[0].sid, "Lambda");
  EXPECT_EQ(f[0].related[0].location.path, "/Statement/1/Action/0");
  EXPECT_EQ(f[0].actions.Count(), 3u);
}

TEST(FindingsTest, DenyRemovesOnlyUnconditionalEverywhereDenies) {
  const char* allow = R"({"Effect": "Allow", "Action": "iam:*", "Resource": "*"})";
  auto policy = [&](const std::string& deny) {
    return std::string(R"({"Version": "2012-10-17", "Statement": [)") + allow + "," + deny + "]}";
  };
  // Unconditional, every resource: nothing left to report.
  EXPECT_THAT(Analyze(policy(R"({"Effect": "Deny", "Action": "iam:*", "Resource": "*"})")),
              IsEmpty());
  // NotAction deny of everything but iam:Get*: only reads remain.
  std::vector<Finding> reads = Analyze(
      policy(R"({"Effect": "Deny", "NotAction": "iam:Get*", "Resource": "*"})"));
  EXPECT_THAT(WithRule(reads, "IAM010-privilege-escalation"), IsEmpty()) << Dump(reads);
  ASSERT_EQ(WithRule(reads, "IAM002-service-wildcard").size(), 1u);
  EXPECT_EQ(WithRule(reads, "IAM002-service-wildcard")[0].action_counts.write, 0u);
  // Conditional or resource-limited denies remove nothing.
  std::vector<Finding> conditional = Analyze(policy(
      R"({"Effect": "Deny", "Action": "iam:*", "Resource": "*",
          "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}})"));
  EXPECT_FALSE(WithRule(conditional, "IAM010-privilege-escalation").empty());
  std::vector<Finding> scoped = Analyze(policy(
      R"({"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::*:user/admin"})"));
  EXPECT_FALSE(WithRule(scoped, "IAM010-privilege-escalation").empty());
}

TEST(FindingsTest, GuardrailKindsGrantNothing) {
  const char* full = R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  EXPECT_THAT(Analyze(full, PolicyKind::kScp), IsEmpty());
  EXPECT_THAT(Analyze(full, PolicyKind::kPermissionBoundary), IsEmpty());
}

TEST(FindingsTest, DisabledRulesAreSkipped) {
  FindingOptions options;
  options.disabled_rules = {"IAM001-action-star", "IAM014-infrastructure-modification"};
  std::vector<Finding> all = Analyze(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})",
                                     PolicyKind::kIdentity, options);
  EXPECT_EQ(RuleIds(all).count("IAM001-action-star"), 0u);
  EXPECT_EQ(RuleIds(all).count("IAM014-infrastructure-modification"), 0u);
  EXPECT_EQ(RuleIds(all).count("IAM004-resource-star"), 1u);
}

// ---- the three cloudsplaining false negatives (anchors-report.md §1) --------------------

TEST(FindingsTest, CloudsplainingMissedArnWildcardResource) {
  // `Resource: arn:aws:*:*:*` gave no finding in cloudsplaining; `*` gave four.
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:PutBucketPolicy", "iam:CreateAccessKey"],
     "Resource": "arn:aws:*:*:*"}
  ]
})");
  std::set<std::string> ids = RuleIds(all);
  EXPECT_EQ(ids.count("IAM005-resource-effectively-star"), 1u) << Dump(all);
  EXPECT_EQ(ids.count("IAM013-resource-exposure"), 1u) << Dump(all);
  EXPECT_EQ(ids.count("IAM012-credentials-exposure"), 1u) << Dump(all);
  EXPECT_EQ(ids.count("IAM010-privilege-escalation"), 1u) << Dump(all);
  EXPECT_EQ(ids.count("IAM015-permissions-management"), 1u) << Dump(all);
  EXPECT_EQ(At(WithRule(all, "IAM005-resource-effectively-star")[0]),
            "/Statement/0/Resource 5:18");
  EXPECT_EQ(WithRule(all, "IAM005-resource-effectively-star")[0].actions.Count(), 2u);
}

TEST(FindingsTest, CloudsplainingMissedConditionalServiceWildcard) {
  // `iam:*` with a harmless Condition gave no finding: here it is conditional, shown.
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "iam:*", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
  ]
})");
  std::vector<Finding> wildcard = WithRule(all, "IAM002-service-wildcard");
  ASSERT_EQ(wildcard.size(), 1u) << Dump(all);
  EXPECT_TRUE(wildcard[0].conditional);
  EXPECT_EQ(wildcard[0].severity, FindingSeverity::kHigh);  // a condition does not lower it
  std::vector<Finding> esc = WithRule(all, "IAM010-privilege-escalation");
  ASSERT_FALSE(esc.empty());
  for (const Finding& f : esc) {
    EXPECT_TRUE(f.conditional);
    ASSERT_EQ(f.conditions.size(), 1u);
    EXPECT_EQ(f.conditions[0].key, "aws:SecureTransport");
    EXPECT_EQ(f.conditions[0].operator_text, "Bool");
  }
}

EffectivePermissions AllowedExactly(const std::vector<const char*>& names,
                                    const std::string& principal) {
  const Catalog& catalog = Catalog::Default();
  EffectivePermissions e;
  e.principal = principal;
  e.catalog_actions = catalog.action_count();
  e.allowed = catalog.EmptySet();
  e.allowed_unconditionally = catalog.EmptySet();
  e.denied = catalog.EmptySet();
  for (const char* name : names) {
    EffectiveEntry entry;
    entry.status = EffectiveStatus::kAllowed;
    entry.resources = {"*"};
    entry.deciding_layer = Layer::kIdentity;
    const EffectiveAction& a = e.AddAction(Id(name), entry);
    e.allowed.Insert(a.action);
    e.allowed_unconditionally.Insert(a.action);
  }
  std::sort(e.actions.begin(), e.actions.end(),
            [](const EffectiveAction& x, const EffectiveAction& y) { return x.action < y.action; });
  return e;
}

PolicySet SplitEscalationRole() {
  PolicySet set;
  set.identity.push_back({"pass-role", Parse(R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]
})")});
  set.identity.push_back({"lambda-deploy", Parse(R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Deploy", "Effect": "Allow",
                 "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
                 "Resource": "*"}]
})")});
  return set;
}

TEST(FindingsTest, CloudsplainingMissedEscalationSplitAcrossPolicies) {
  PolicySet set = SplitEscalationRole();
  // Each policy alone: no escalation (cloudsplaining looks at one document at a time).
  for (const NamedPolicy& p : set.identity) {
    EXPECT_THAT(WithRule(AnalyzePolicy(*p.policy, p.name), "IAM010-privilege-escalation"),
                IsEmpty());
  }
  // The principal with both: the method, pointing at both statements.
  const std::string role = "arn:aws:iam::111122223333:role/deployer";
  EffectivePermissions e = AllowedExactly(
      {"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, role);
  std::vector<Finding> all = AnalyzePrincipal(e, set);
  std::vector<Finding> esc = WithRule(all, "IAM010-privilege-escalation");
  ASSERT_EQ(esc.size(), 1u) << Dump(all);
  EXPECT_EQ(esc[0].method, "PassExistingRoleToNewLambdaThenInvoke");
  EXPECT_EQ(esc[0].principal, role);
  EXPECT_EQ(esc[0].policy_name, "pass-role");
  EXPECT_EQ(esc[0].sid, "Pass");
  EXPECT_EQ(At(esc[0]), "/Statement/0/Action 3:62");
  ASSERT_EQ(esc[0].related.size(), 1u);
  EXPECT_EQ(esc[0].related[0].policy_name, "lambda-deploy");
  EXPECT_EQ(esc[0].related[0].sid, "Deploy");
  EXPECT_EQ(esc[0].related[0].location.path, "/Statement/0/Action/0");
  EXPECT_THAT(esc[0].message, HasSubstr("2 statements"));
  // The statement rule for PassRole comes along, for the principal.
  std::vector<Finding> pass = WithRule(all, "IAM008-passrole-star");
  ASSERT_EQ(pass.size(), 1u);
  EXPECT_EQ(pass[0].principal, role);
}

TEST(FindingsTest, PrincipalFindingsFollowEffectivePermissions) {
  PolicySet set = SplitEscalationRole();
  const std::string role = "arn:aws:iam::111122223333:role/deployer";
  // An SCP or boundary removed lambda:CreateFunction: no escalation, and the statement
  // findings count only what is left.
  EffectivePermissions e = AllowedExactly({"iam:PassRole", "lambda:InvokeFunction"}, role);
  std::vector<Finding> all = AnalyzePrincipal(e, set);
  EXPECT_THAT(WithRule(all, "IAM010-privilege-escalation"), IsEmpty()) << Dump(all);
  // Allowed only on some resources that do not cover the action: not "every resource".
  EffectivePermissions scoped = AllowedExactly({}, role);
  for (const char* name : {"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}) {
    EffectiveEntry entry;
    entry.status = EffectiveStatus::kAllowedOnSomeResources;
    entry.resources = {"arn:aws:lambda:us-east-1:111122223333:function:app-*",
                       "arn:aws:iam::111122223333:role/app-*"};
    scoped.allowed.Insert(scoped.AddAction(Id(name), entry).action);
  }
  EXPECT_THAT(WithRule(AnalyzePrincipal(scoped, set), "IAM010-privilege-escalation"), IsEmpty());
  // Conditional grants: reported as conditional with the effective conditions.
  EffectivePermissions conditional = AllowedExactly({"iam:PassRole", "lambda:InvokeFunction"}, role);
  EffectiveEntry create;
  create.status = EffectiveStatus::kAllowedConditionally;
  create.resources = {"*"};
  create.conditions.push_back(
      {"lambda-deploy", "Deploy", "StringEquals", "aws:RequestedRegion", {"eu-west-1"}});
  conditional.allowed.Insert(conditional.AddAction(Id("lambda:CreateFunction"), create).action);
  std::vector<Finding> esc =
      WithRule(AnalyzePrincipal(conditional, set), "IAM010-privilege-escalation");
  ASSERT_EQ(esc.size(), 1u);
  EXPECT_TRUE(esc[0].conditional);
  ASSERT_EQ(esc[0].conditions.size(), 1u);
  EXPECT_EQ(esc[0].conditions[0].key, "aws:RequestedRegion");
}

// ---- trust and resource policies --------------------------------------------------------

TEST(FindingsTest, TrustPolicyOpenToAnyone) {
  std::vector<Finding> open = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
  ]
})",
                                      PolicyKind::kTrust);
  std::vector<Finding> f = WithRule(open, "IAM020-trust-any-principal");
  ASSERT_EQ(f.size(), 1u) << Dump(open);
  EXPECT_EQ(f[0].severity, FindingSeverity::kCritical);
  EXPECT_EQ(At(f[0]), "/Statement/0/Principal/AWS 4:46");
  std::vector<Finding> scoped = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
     "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}
  ]
})",
                                        PolicyKind::kTrust);
  f = WithRule(scoped, "IAM020-trust-any-principal");
  ASSERT_EQ(f.size(), 1u) << Dump(scoped);
  EXPECT_EQ(f[0].severity, FindingSeverity::kMedium);
  EXPECT_TRUE(f[0].conditional);
  EXPECT_EQ(f[0].conditions[0].key, "aws:PrincipalOrgID");
}

TEST(FindingsTest, TrustPolicyOtherAccounts) {
  const char* json = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root",
                                              "arn:aws:iam::111122223333:role/ci"]},
     "Action": "sts:AssumeRole"},
    {"Effect": "Allow", "Principal": {"AWS": "777788889999"}, "Action": "sts:AssumeRole",
     "Condition": {"StringEquals": {"sts:ExternalId": "vendor-42"}}}
  ]
})";
  FindingOptions options;
  options.account_id = "111122223333";
  std::vector<Finding> all = Analyze(json, PolicyKind::kTrust, options);
  std::vector<Finding> f = WithRule(all, "IAM021-trust-cross-account");
  ASSERT_EQ(f.size(), 1u) << Dump(all);  // own account and the ExternalId one are fine
  EXPECT_EQ(At(f[0]), "/Statement/0/Principal/AWS/0 4:47");
  EXPECT_EQ(f[0].severity, FindingSeverity::kMedium);
  EXPECT_THAT(f[0].message, HasSubstr("444455556666"));
  options.trusted_accounts = {"444455556666"};
  EXPECT_THAT(WithRule(Analyze(json, PolicyKind::kTrust, options), "IAM021-trust-cross-account"),
              IsEmpty());
}

TEST(FindingsTest, TrustPolicyFederatedAndComputeServices) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow",
     "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
     "Action": "sts:AssumeRoleWithWebIdentity",
     "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}},
    {"Effect": "Allow",
     "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
     "Action": "sts:AssumeRoleWithWebIdentity",
     "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/app:*"}}},
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
  ]
})",
                                     PolicyKind::kTrust);
  std::vector<Finding> fed = WithRule(all, "IAM022-trust-federated-unscoped");
  ASSERT_EQ(fed.size(), 1u) << Dump(all);
  EXPECT_EQ(fed[0].statement_index, 0);
  EXPECT_EQ(fed[0].severity, FindingSeverity::kHigh);
  EXPECT_EQ(At(fed[0]), "/Statement/0/Principal/Federated 5:33");
  std::vector<Finding> compute = WithRule(all, "IAM023-trust-compute-service");
  ASSERT_EQ(compute.size(), 1u);
  EXPECT_EQ(compute[0].severity, FindingSeverity::kInfo);
  EXPECT_EQ(At(compute[0]), "/Statement/2/Principal/Service 12:50");
}

TEST(FindingsTest, PublicResourcePolicy) {
  std::vector<Finding> all = Analyze(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::site/*"}
  ]
})",
                                     PolicyKind::kResource);
  std::vector<Finding> f = WithRule(all, "IAM024-resource-policy-public");
  ASSERT_EQ(f.size(), 1u) << Dump(all);
  EXPECT_EQ(f[0].severity, FindingSeverity::kCritical);
  EXPECT_EQ(At(f[0]), "/Statement/0/Principal 4:38");
}

// ---- rules, data, coverage ---------------------------------------------------------------

TEST(FindingsTest, EveryRuleIsDocumented) {
  const std::string doc = testing::ReadFile(testing::SourcePath("docs/findings.md"));
  ASSERT_FALSE(doc.empty());
  std::set<std::string> ids;
  for (const FindingRule& rule : FindingRules()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
    EXPECT_THAT(doc, HasSubstr(std::string("`") + rule.id + "`"));
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST(FindingsTest, RiskDataResolvesAgainstTheCatalog) {
  std::shared_ptr<const internal::RiskData> risk =
      internal::RiskDataFor(Catalog::Default());
  EXPECT_THAT(risk->unresolved, IsEmpty());
  EXPECT_GE(risk->escalation.size(), 40u);
  EXPECT_GE(risk->data_exfiltration.Count(), 5u);
  EXPECT_GE(risk->credentials_exposure.Count(), 40u);
  EXPECT_GE(risk->resource_exposure.Count(), 200u);
  EXPECT_GE(risk->infrastructure_modification.Count(), 1000u);
  EXPECT_EQ(risk->permissions_management,
            Catalog::Default().ActionsWithAccessLevel(AccessLevel::kPermissionsManagement));
  EXPECT_TRUE(risk->credentials_exposure.Contains(Id("gamelift:GetComputeAccess")));  // typo fixed
  EXPECT_FALSE(risk->infrastructure_modification.Contains(Id("s3:PutObject")));  // data plane
  std::set<std::string> ids;
  for (const internal::EscalationMethod& m : risk->escalation) {
    EXPECT_TRUE(ids.insert(m.id).second) << m.id;
    EXPECT_FALSE(m.actions.empty());
  }
  EXPECT_EQ(ids.count("PassExistingRoleToNewLambdaThenInvoke"), 1u);
  EXPECT_FALSE(internal::LoadRiskData("{", Catalog::Default()).ok());
  EXPECT_FALSE(internal::LoadRiskData(R"({"format": 2})", Catalog::Default()).ok());
}

TEST(FindingsTest, ArnFormatCoverage) {
  using internal::PatternCoversArnFormat;
  const char* object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  EXPECT_TRUE(PatternCoversArnFormat("*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:s3:::*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:s3:::*/*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:*:*:*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:s3:*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:*", object));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws-cn:s3:::*", object));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:s3:::logs-*/*", object));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:s3:::*/public/*", object));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:s3:::${aws:username}/*", object));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:ec2:*:*:*", object));
  EXPECT_FALSE(PatternCoversArnFormat("s3:::*", object));
  const char* instance = "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}";
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:ec2:*:*:instance/*", instance));
  EXPECT_TRUE(PatternCoversArnFormat("arn:aws:ec2:*:*:*", instance));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:ec2:*:111122223333:instance/*", instance));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:ec2:us-east-1:*:instance/*", instance));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:ec2:*:*:instance/i-*", instance));
  EXPECT_FALSE(PatternCoversArnFormat("arn:aws:ec2:*:*:instance/?*", instance));

  using internal::PatternMayMatchArnFormat;
  EXPECT_TRUE(PatternMayMatchArnFormat("arn:aws:ec2:*:*:instance/i-1", instance));
  EXPECT_TRUE(PatternMayMatchArnFormat("arn:aws:ec2:us-east-1:*:instance/*", instance));
  EXPECT_FALSE(PatternMayMatchArnFormat("arn:aws:ec2:*:*:volume/*", instance));
  EXPECT_FALSE(PatternMayMatchArnFormat("arn:aws:s3:::*", instance));
  // An access-point object always has a region: `arn:aws:s3:::*` names none of them.
  EXPECT_FALSE(PatternMayMatchArnFormat(
      "arn:aws:s3:::*",
      "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"));
}

TEST(FindingsTest, OtherPatternsOfTheStatementCanLimitAnAction) {
  // ssm:SendCommand names a document and an instance: every document, but one instance.
  std::vector<Finding> all = Analyze(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ssm:SendCommand",
     "Resource": ["arn:aws:ssm:*:*:document/*", "arn:aws:ec2:*:111122223333:instance/i-1"]}]})");
  EXPECT_THAT(WithRule(all, "IAM005-resource-effectively-star"), IsEmpty()) << Dump(all);
  EXPECT_THAT(WithRule(all, "IAM010-privilege-escalation"), IsEmpty()) << Dump(all);
  std::vector<Finding> open = Analyze(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ssm:SendCommand",
     "Resource": ["arn:aws:ssm:*:*:document/*", "arn:aws:ec2:*:*:instance/*"]}]})");
  EXPECT_EQ(WithRule(open, "IAM005-resource-effectively-star").size(), 2u) << Dump(open);
  EXPECT_EQ(WithRule(open, "IAM010-privilege-escalation").size(), 1u) << Dump(open);
}

// ---- least privilege --------------------------------------------------------------------

TEST(LeastPrivilegeTest, ExplicitActionsAndArnTemplatesWithoutUsage) {
  std::shared_ptr<const Policy> policy = Parse(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject*", "s3:ListAllMyBuckets"],
     "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::secret/*"}
  ]
})");
  absl::StatusOr<LeastPrivilegeResult> r = SuggestLeastPrivilege(*policy);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->removed.Empty());
  EXPECT_TRUE(r->kept.Contains(Id("s3:GetObject")));
  EXPECT_THAT(r->policy_json, HasSubstr("\"s3:GetObject\""));
  EXPECT_THAT(r->policy_json, HasSubstr("arn:aws:s3:::${BucketName}/*"));
  EXPECT_THAT(r->policy_json, Not(HasSubstr("s3:GetObject*")));
  EXPECT_THAT(r->policy_json, HasSubstr("arn:aws:s3:::secret/*"));  // the Deny, unchanged
  // The wildcard-only action keeps `*`.
  ParseResult reparsed = ParsePolicy(r->policy_json, PolicyKind::kIdentity);
  ASSERT_TRUE(reparsed.ok()) << r->policy_json;
  bool list_all_on_star = false;
  for (const Statement& st : reparsed.policy->statements) {
    for (const LocatedString& a : st.actions) {
      if (a.value == "s3:ListAllMyBuckets") {
        list_all_on_star = st.resources.size() == 1 && st.resources[0].value == "*";
      }
    }
  }
  EXPECT_TRUE(list_all_on_star) << r->policy_json;
  EXPECT_THAT(r->notes, Contains(HasSubstr("ARN templates")));
}

TEST(LeastPrivilegeTest, UsageDropsUnusedActionsAndNamesResources) {
  std::shared_ptr<const Policy> policy = Parse(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Data", "Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
  ]
})");
  std::vector<UsedAccess> used = {
      {"s3:GetObject", "arn:aws:s3:::reports/2024/q1.csv"},
      {"S3:GETOBJECT", "arn:aws:s3:::reports/2024/q2.csv"},
      {"dynamodb:Query", ""},
      {"not-a-service:Foo", ""},
  };
  LeastPrivilegeOptions options;
  options.account_id = "111122223333";
  absl::StatusOr<LeastPrivilegeResult> r = SuggestLeastPrivilege(*policy, used, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->kept.Count(), 2u);
  const size_t before = (Catalog::Default().Expand("s3:*") | Catalog::Default().Expand("dynamodb:*")).Count();
  EXPECT_EQ(r->removed.Count(), before - 2);
  EXPECT_EQ(r->removed_counts.total(), before - 2);
  EXPECT_GT(r->removed_counts.permissions_management, 0u);
  EXPECT_THAT(r->policy_json, HasSubstr("arn:aws:s3:::reports/2024/q1.csv"));
  EXPECT_THAT(r->policy_json, HasSubstr("arn:aws:dynamodb:*:111122223333:table/*"));
  EXPECT_THAT(r->policy_json, HasSubstr("aws:SecureTransport"));
  EXPECT_THAT(r->notes, Contains(HasSubstr("not-a-service:Foo")));
  ParseResult reparsed = ParsePolicy(r->policy_json, PolicyKind::kIdentity);
  ASSERT_TRUE(reparsed.ok()) << r->policy_json;
  EXPECT_EQ(reparsed.policy->statements.size(), 2u);  // one per resource list
  EXPECT_EQ(reparsed.policy->statements[1].sid->value, "Data2");
  // The narrower policy has no finding left at Resource `*`.
  EXPECT_THAT(WithRule(AnalyzePolicy(*reparsed.policy, "narrow"), "IAM004-resource-star"),
              IsEmpty());
}

TEST(LeastPrivilegeTest, UnusedStatementIsDroppedAndTrustIsRejected) {
  std::shared_ptr<const Policy> policy = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}]})");
  absl::StatusOr<LeastPrivilegeResult> r =
      SuggestLeastPrivilege(*policy, std::vector<UsedAccess>{{"s3:GetObject", ""}});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->notes, Contains(HasSubstr("dropped")));
  EXPECT_THAT(r->policy_json, Not(HasSubstr("ec2:")));
  EXPECT_THAT(r->policy_json, HasSubstr("arn:aws:s3:::a/*"));  // scoped resources stay
  std::shared_ptr<const Policy> trust = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})",
                                              PolicyKind::kTrust);
  EXPECT_EQ(SuggestLeastPrivilege(*trust).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace iameval
