// Every AWS managed policy through AnalyzePolicy and SuggestLeastPrivilege, with sanity
// checks on well-known policies and the number of findings per rule printed for the record
// (docs/findings.md quotes them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "iameval/account.h"
#include "iameval/findings.h"
#include "iameval/managed_policies.h"
#include "nlohmann/json.hpp"
#include "test_data.h"

namespace iameval {
namespace {

using ::testing::IsEmpty;

struct CorpusRun {
  std::map<std::string, std::vector<Finding>> by_policy;
  std::map<std::string, size_t> per_rule;        // findings
  std::map<std::string, size_t> policies_per_rule;  // policies with at least one
  size_t parsed = 0;
  std::vector<std::string> unparsed;
};

const CorpusRun& Corpus() {
  static const CorpusRun* run = [] {
    auto* r = new CorpusRun;
    ParseOptions lenient;
    lenient.strict = false;  // AWS accepted these documents; some predate today's checks
    for (const ManagedPolicy& p : ManagedPolicies::Default().all()) {
      ParseResult parsed = ParsePolicy(p.document_json, PolicyKind::kIdentity, lenient);
      if (!parsed.ok()) {
        r->unparsed.push_back(p.name);
        continue;
      }
      ++r->parsed;
      std::vector<Finding> findings = AnalyzePolicy(*parsed.policy, p.name);
      std::set<std::string> rules;
      for (const Finding& f : findings) {
        ++r->per_rule[f.rule_id];
        rules.insert(f.rule_id);
      }
      for (const std::string& rule : rules) ++r->policies_per_rule[rule];
      r->by_policy[p.name] = std::move(findings);
    }
    return r;
  }();
  return *run;
}

std::vector<const Finding*> WithRule(const std::string& policy, const std::string& rule) {
  std::vector<const Finding*> out;
  auto it = Corpus().by_policy.find(policy);
  if (it == Corpus().by_policy.end()) return out;
  for (const Finding& f : it->second) {
    if (f.rule_id == rule) out.push_back(&f);
  }
  return out;
}

TEST(FindingsCorpusTest, EveryManagedPolicyIsAnalysed) {
  const CorpusRun& run = Corpus();
  EXPECT_EQ(ManagedPolicies::Default().size(), 1594u);
  EXPECT_THAT(run.unparsed, IsEmpty());
  EXPECT_EQ(run.parsed, ManagedPolicies::Default().size());
  size_t total = 0;
  std::printf("findings per rule over %zu managed policies (findings / policies):\n", run.parsed);
  for (const FindingRule& rule : FindingRules()) {
    auto n = run.per_rule.find(rule.id);
    auto p = run.policies_per_rule.find(rule.id);
    const size_t count = n == run.per_rule.end() ? 0 : n->second;
    total += count;
    std::printf("  %-40s %6zu / %4zu\n", rule.id, count,
                p == run.policies_per_rule.end() ? size_t{0} : p->second);
  }
  std::printf("  %-40s %6zu\n", "total", total);
  // Every finding is well formed: a known rule, a location inside the document, actions
  // for the action rules.
  std::set<std::string> ids;
  for (const FindingRule& rule : FindingRules()) ids.insert(rule.id);
  for (const auto& [name, findings] : run.by_policy) {
    for (const Finding& f : findings) {
      ASSERT_EQ(ids.count(f.rule_id), 1u) << name;
      EXPECT_EQ(f.policy_name, name);
      EXPECT_FALSE(f.message.empty()) << name;
      if (f.statement_index >= 0) {
        EXPECT_EQ(f.location.path.rfind("/Statement", 0), 0u) << name << " " << f.rule_id;
        EXPECT_GT(f.location.line, 0u) << name;
      }
      EXPECT_FALSE(f.actions.Empty()) << name << " " << f.rule_id;
      EXPECT_EQ(f.action_counts.total(), f.actions.Count());
      EXPECT_EQ(f.conditional, !f.conditions.empty()) << name << " " << f.rule_id;
    }
  }
}

TEST(FindingsCorpusTest, AdministratorAccessIsCriticalActionStar) {
  std::vector<const Finding*> star = WithRule("AdministratorAccess", "IAM001-action-star");
  ASSERT_EQ(star.size(), 1u);
  EXPECT_EQ(star[0]->severity, FindingSeverity::kCritical);
  EXPECT_EQ(star[0]->location.path, "/Statement/0/Action");
  EXPECT_EQ(star[0]->actions.Count(), Catalog::Default().action_count());
  EXPECT_FALSE(WithRule("AdministratorAccess", "IAM010-privilege-escalation").empty());
  EXPECT_FALSE(WithRule("AdministratorAccess", "IAM008-passrole-star").empty());
}

TEST(FindingsCorpusTest, ReadOnlyAccessCannotEscalate) {
  EXPECT_THAT(WithRule("ReadOnlyAccess", "IAM010-privilege-escalation"), IsEmpty());
  EXPECT_THAT(WithRule("ReadOnlyAccess", "IAM013-resource-exposure"), IsEmpty());
  EXPECT_THAT(WithRule("ReadOnlyAccess", "IAM014-infrastructure-modification"), IsEmpty());
  // It does read every object and parameter: that is what data exfiltration means.
  EXPECT_FALSE(WithRule("ReadOnlyAccess", "IAM011-data-exfiltration").empty());
  EXPECT_THAT(WithRule("ViewOnlyAccess", "IAM010-privilege-escalation"), IsEmpty());
  EXPECT_THAT(WithRule("SecurityAudit", "IAM010-privilege-escalation"), IsEmpty());
}

TEST(FindingsCorpusTest, WellKnownPolicies) {
  // PowerUserAccess: NotAction on iam/organizations/account, plus a few iam actions.
  std::vector<const Finding*> not_action = WithRule("PowerUserAccess", "IAM006-allow-not-action");
  ASSERT_EQ(not_action.size(), 1u);
  EXPECT_FALSE(not_action[0]->actions.Contains(*Catalog::Default().FindAction("iam:CreateUser")));
  // IAMFullAccess can escalate and pass any role.
  EXPECT_FALSE(WithRule("IAMFullAccess", "IAM010-privilege-escalation").empty());
  EXPECT_FALSE(WithRule("IAMFullAccess", "IAM008-passrole-star").empty());
  EXPECT_FALSE(WithRule("IAMFullAccess", "IAM002-service-wildcard").empty());
  // AmazonS3ReadOnlyAccess: reads on every object, nothing that writes.
  EXPECT_FALSE(WithRule("AmazonS3ReadOnlyAccess", "IAM011-data-exfiltration").empty());
  EXPECT_THAT(WithRule("AmazonS3ReadOnlyAccess", "IAM013-resource-exposure"), IsEmpty());
}

TEST(FindingsCorpusTest, LeastPrivilegeRewritesEveryManagedPolicy) {
  ParseOptions lenient;
  lenient.strict = false;
  size_t rewritten = 0;
  for (const ManagedPolicy& p : ManagedPolicies::Default().all()) {
    ParseResult parsed = ParsePolicy(p.document_json, PolicyKind::kIdentity, lenient);
    ASSERT_TRUE(parsed.ok()) << p.name;
    absl::StatusOr<LeastPrivilegeResult> r = SuggestLeastPrivilege(*parsed.policy);
    ASSERT_TRUE(r.ok()) << p.name << ": " << r.status();
    // Without usage data nothing is removed, and the output is a valid policy again.
    EXPECT_TRUE(r->removed.Empty()) << p.name;
    ParseResult again = ParsePolicy(r->policy_json, PolicyKind::kIdentity, lenient);
    ASSERT_TRUE(again.ok()) << p.name << "\n" << r->policy_json.substr(0, 2000);
    ++rewritten;
  }
  EXPECT_EQ(rewritten, ManagedPolicies::Default().size());
}

// Trust and resource policies from the shared corpus: role trust policies of the real
// authorization-details files and the published resource-policy examples.
TEST(FindingsCorpusTest, TrustAndResourcePolicies) {
  const std::string root = testing::SourcePath("../shared/data/");
  std::map<std::string, size_t> per_rule;
  size_t trust_policies = 0;
  for (const char* file : {"authorization-details/duo-labs-cloudmapper/iam-get-account-authorization-details.json",
                           "authorization-details/salesforce-cloudsplaining/example.json",
                           "authorization-details/salesforce-cloudsplaining/example-authz-details.json"}) {
    const std::string text = testing::ReadFile(root + file);
    if (text.empty()) GTEST_SKIP() << "shared data not found at " << root;
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
    ASSERT_TRUE(account.ok()) << file << ": " << account.status();
    FindingOptions options;
    options.account_id = account->account_id;
    for (const AccountPrincipal& p : account->principals) {
      if (!p.trust_policy || p.trust_policy->policy == nullptr) continue;
      ++trust_policies;
      for (const Finding& f : AnalyzePolicy(*p.trust_policy->policy, p.name, options)) {
        ++per_rule[f.rule_id];
        EXPECT_EQ(f.rule_id.substr(0, 5), "IAM02") << p.name;  // trust rules only
      }
    }
  }
  size_t resource_policies = 0;
  ParseOptions lenient;
  lenient.strict = false;
  for (const std::string& line :
       testing::ReadJsonLines(root + "resource-policy-examples.jsonl")) {
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded());
    const std::string kind = entry["kind"].get<std::string>();
    if (kind == "vpc-endpoint") continue;
    ParseResult r = ParsePolicy(entry["document"].dump(),
                                kind == "role-trust" ? PolicyKind::kTrust : PolicyKind::kResource,
                                lenient);
    if (!r.ok()) continue;  // examples with placeholders that are not valid policies
    ++resource_policies;
    for (const Finding& f : AnalyzePolicy(*r.policy, entry["name"].get<std::string>())) {
      ++per_rule[f.rule_id];
    }
  }
  std::printf("trust policies %zu, resource/trust examples %zu:\n", trust_policies,
              resource_policies);
  for (const auto& [rule, n] : per_rule) std::printf("  %-40s %6zu\n", rule.c_str(), n);
  EXPECT_GT(trust_policies, 50u);
  EXPECT_GT(resource_policies, 150u);
  EXPECT_GT(per_rule["IAM023-trust-compute-service"], 0u);
  EXPECT_GT(per_rule["IAM024-resource-policy-public"], 0u);
}

}  // namespace
}  // namespace iameval
