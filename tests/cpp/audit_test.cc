// The account audit on the real sample accounts: every principal audited, findings located in
// the input file, administrators recognised.
#include "iameval/audit.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "iameval/effective.h"
#include "iameval/findings.h"
#include "test_data.h"

namespace iameval {
namespace {

TEST(AuditTest, AuditsEveryPrincipalWithFileLocations) {
  const std::string path = testing::SourcePath(
      "../shared/data/authorization-details/salesforce-cloudsplaining/example.json");
  const std::string text = testing::ReadFile(path);
  if (text.empty()) GTEST_SKIP() << "no ../shared/data";
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
  ASSERT_TRUE(account.ok()) << account.status();
  AuditOptions options;
  options.threads = 2;
  absl::StatusOr<AuditReport> report = AuditAccount(*account, options);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->principals.size(), 122u);
  EXPECT_GT(report->finding_count, 0u);

  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  size_t located = 0;
  bool admin_seen = false;
  for (const PrincipalAudit& p : report->principals) {
    admin_seen |= p.is_admin;
    for (const Finding& f : p.findings) {
      if (f.location.line == 0 || f.policy_name.empty()) continue;
      ASSERT_LE(f.location.line, lines.size()) << f.rule_id;
      ++located;
    }
  }
  EXPECT_GT(located, 0u);
  EXPECT_TRUE(admin_seen);
}

TEST(AuditTest, ScpDenyRemovesTheFinding) {
  const char* text = R"({"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u",
      "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}]}],
      "RoleDetailList": [], "GroupDetailList": [], "Policies": []})";
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
  ASSERT_TRUE(account.ok());
  auto has_passrole_finding = [](const AuditReport& r) {
    for (const Finding& f : r.principals[0].findings) {
      if (f.rule_id.rfind("IAM008", 0) == 0) return true;
    }
    return false;
  };
  absl::StatusOr<AuditReport> open = AuditAccount(*account);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(has_passrole_finding(*open));

  ParseResult full = ParsePolicy(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]})", PolicyKind::kScp);
  ASSERT_TRUE(full.ok());
  AuditOptions options;
  options.scp_levels.push_back({NamedPolicy{"scp", full.policy}});
  absl::StatusOr<AuditReport> guarded = AuditAccount(*account, options);
  ASSERT_TRUE(guarded.ok());
  EXPECT_FALSE(has_passrole_finding(*guarded));
}

// The audit reuses per-thread tables (universes, clause answers by content) across principals,
// shares effective permissions and findings between principals with the same policies, and
// sums its summaries per service: every principal's counts and findings must be those of a
// fresh ComputeEffectivePermissions() / AnalyzePrincipal() under its own ARN.
TEST(AuditTest, SharedTablesAgreeWithFreshComputation) {
  const Catalog& catalog = Catalog::Default();
  for (const char* file : {"salesforce-cloudsplaining/example.json",
                           "duo-labs-cloudmapper/iam-get-account-authorization-details.json"}) {
    const std::string text = testing::ReadFile(
        testing::SourcePath(std::string("../shared/data/authorization-details/") + file));
    if (text.empty()) GTEST_SKIP() << "no ../shared/data";
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
    ASSERT_TRUE(account.ok()) << account.status();
    AuditOptions options;
    options.threads = 1;  // one thread: every principal after the first reuses the tables
    absl::StatusOr<AuditReport> report = AuditAccount(*account, options);
    ASSERT_TRUE(report.ok()) << report.status();
    ASSERT_EQ(report->principals.size(), account->principals.size());
    for (size_t i = 0; i < account->principals.size(); ++i) {
      const AccountPrincipal& p = account->principals[i];
      const PrincipalAudit& audited = report->principals[i];
      absl::StatusOr<EffectivePermissions> fresh = ComputeEffectivePermissions(p.policies, p.arn);
      if (!fresh.ok()) continue;  // reported as not evaluated by the audit too
      const AccessLevelCounts allowed = CountAccessLevels(fresh->allowed, catalog);
      const AccessLevelCounts unconditional =
          CountAccessLevels(fresh->allowed_unconditionally, catalog);
      const AccessLevelCounts denied = CountAccessLevels(fresh->denied, catalog);
      EXPECT_EQ(audited.allowed.total(), allowed.total()) << file << " " << p.arn;
      EXPECT_EQ(audited.allowed.permissions_management, allowed.permissions_management) << p.arn;
      EXPECT_EQ(audited.allowed_unconditionally.total(), unconditional.total()) << p.arn;
      EXPECT_EQ(audited.denied.total(), denied.total()) << p.arn;
      size_t by_service = 0;
      for (const ServiceSummary& s : audited.services) by_service += s.allowed.total();
      EXPECT_EQ(by_service, allowed.total()) << p.arn;
      FindingOptions finding_options;
      finding_options.account_id = account->account_id;
      std::vector<Finding> findings = AnalyzePrincipal(*fresh, p.policies, finding_options);
      size_t trust = 0;
      if (p.trust_policy) {
        trust = AnalyzePolicy(*p.trust_policy->policy, p.trust_policy->name, finding_options).size();
      }
      ASSERT_EQ(audited.findings.size(), findings.size() + trust) << p.arn;
      for (size_t f = 0; f < findings.size(); ++f) {
        EXPECT_EQ(audited.findings[f].rule_id, findings[f].rule_id) << p.arn;
        EXPECT_EQ(audited.findings[f].principal, p.arn);
        EXPECT_EQ(audited.findings[f].message, findings[f].message) << p.arn;
        EXPECT_EQ(audited.findings[f].resources, findings[f].resources) << p.arn;
        EXPECT_EQ(audited.findings[f].actions, findings[f].actions) << p.arn;
      }
    }
  }
}

}  // namespace
}  // namespace iameval
