// The account audit on the real sample accounts: every principal audited, findings located in
// the input file, administrators recognised.
#include "iameval/audit.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

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

}  // namespace
}  // namespace iameval
