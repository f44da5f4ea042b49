// AnalyzePrincipal on real accounts (the authorization-details files of the shared corpus),
// with effective permissions computed by ComputeEffectivePermissions(): every principal is
// analysed, principal-level findings only name actions the principal is effectively allowed,
// and escalation methods split across a principal's policies are found.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "iameval/account.h"
#include "iameval/effective.h"
#include "iameval/findings.h"
#include "test_data.h"

namespace iameval {
namespace {

using ::testing::IsEmpty;

std::set<std::string> PolicyLevelMethods(const PolicySet& set) {
  std::set<std::string> methods;
  for (const NamedPolicy& p : set.identity) {
    if (p.policy == nullptr) continue;
    for (const Finding& f : AnalyzePolicy(*p.policy, p.name)) {
      if (!f.method.empty()) methods.insert(f.method);
    }
  }
  return methods;
}

TEST(FindingsPrincipalTest, RealAccounts) {
  const std::string root = testing::SourcePath("../shared/data/authorization-details/");
  std::map<std::string, size_t> per_rule;
  size_t principals = 0;
  size_t cross_policy = 0;
  double seconds = 0;
  for (const char* file : {"duo-labs-cloudmapper/iam-get-account-authorization-details.json",
                           "salesforce-cloudsplaining/example.json",
                           "salesforce-cloudsplaining/example-authz-details.json"}) {
    const std::string text = testing::ReadFile(root + file);
    if (text.empty()) GTEST_SKIP() << "shared data not found at " << root;
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
    ASSERT_TRUE(account.ok()) << file << ": " << account.status();
    for (const AccountPrincipal& p : account->principals) {
      const auto start = std::chrono::steady_clock::now();
      absl::StatusOr<EffectivePermissions> effective =
          ComputeEffectivePermissions(p.policies, p.arn);
      if (effective.status().code() == absl::StatusCode::kUnimplemented) GTEST_SKIP();
      // A fixture holds `arn:aws:iam::aws:user/...`, which is no principal: rejected, not guessed.
      if (effective.status().code() == absl::StatusCode::kInvalidArgument &&
          p.arn.find(":iam::aws:") != std::string::npos) {
        continue;
      }
      ASSERT_TRUE(effective.ok()) << p.arn << ": " << effective.status();
      std::vector<Finding> findings = AnalyzePrincipal(*effective, p.policies);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      ++principals;
      const std::set<std::string> alone = PolicyLevelMethods(p.policies);
      for (const Finding& f : findings) {
        ++per_rule[f.rule_id];
        EXPECT_EQ(f.principal, p.arn);
        EXPECT_TRUE(f.actions.IsSubsetOf(effective->allowed)) << p.arn << " " << f.rule_id;
        if (!f.method.empty() && alone.count(f.method) == 0) ++cross_policy;
      }
    }
  }
  std::printf("%zu principals, %.2f ms per principal (effective permissions + findings)\n",
              principals, principals ? 1000 * seconds / principals : 0.0);
  std::printf("escalation methods found only across policies: %zu\n", cross_policy);
  for (const auto& [rule, n] : per_rule) std::printf("  %-40s %6zu\n", rule.c_str(), n);
  EXPECT_GT(principals, 100u);
  EXPECT_GT(per_rule["IAM010-privilege-escalation"], 0u);
}

TEST(FindingsPrincipalTest, SplitEscalationFromPolicySet) {
  auto parse = [](const char* json) { return ParsePolicy(json, PolicyKind::kIdentity).policy; };
  PolicySet set;
  set.identity.push_back({"pass-role", parse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]})")});
  set.identity.push_back({"lambda", parse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
       "Resource": "*"}]})")});
  const char* role = "arn:aws:iam::111122223333:role/deployer";
  absl::StatusOr<std::vector<Finding>> all = AnalyzePrincipal(set, role);
  if (all.status().code() == absl::StatusCode::kUnimplemented) GTEST_SKIP();
  ASSERT_TRUE(all.ok()) << all.status();
  size_t methods = 0;
  for (const Finding& f : *all) methods += f.method == "PassExistingRoleToNewLambdaThenInvoke";
  EXPECT_EQ(methods, 1u);
  // A boundary that allows no lambda action removes the path.
  set.permission_boundary = NamedPolicy{"boundary", ParsePolicy(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]})",
                                                                 PolicyKind::kPermissionBoundary)
                                                        .policy};
  all = AnalyzePrincipal(set, role);
  ASSERT_TRUE(all.ok()) << all.status();
  for (const Finding& f : *all) EXPECT_TRUE(f.method.empty()) << FormatFinding(f);
}

}  // namespace
}  // namespace iameval
