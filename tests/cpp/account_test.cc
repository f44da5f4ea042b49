// Reading authorization-details files: the real ones in ../shared/data and hand-made edge cases.
#include "iameval/account.h"

#include <gtest/gtest.h>

#include <string>

#include "test_data.h"

namespace iameval {
namespace {

const char kDir[] = "../shared/data/authorization-details/";

std::string Sample(const std::string& file) {
  return testing::ReadFile(testing::SourcePath(std::string(kDir) + file));
}

TEST(AccountTest, LoadsCloudsplainingExample) {
  std::string text = Sample("salesforce-cloudsplaining/example.json");
  if (text.empty()) GTEST_SKIP() << "no ../shared/data";
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
  ASSERT_TRUE(account.ok()) << account.status();
  size_t users = 0, roles = 0;
  for (const AccountPrincipal& p : account->principals) {
    (p.type == EntityType::kUser ? users : roles) += 1;
    EXPECT_EQ(p.policies.identity.size(), p.identity_origins.size());
    if (p.type == EntityType::kRole) {
      EXPECT_TRUE(p.trust_policy.has_value()) << p.name;
    }
    EXPECT_TRUE(CompiledPolicies::Compile(p.policies).ok()) << p.name;
  }
  EXPECT_EQ(users, 44u);
  EXPECT_EQ(roles, 78u);
  EXPECT_EQ(account->group_count, 5u);
  EXPECT_EQ(account->account_id, "200611803367");
  for (const Diagnostic& d : account->diagnostics) {
    EXPECT_NE(d.severity, Severity::kError) << FormatDiagnostic(d);
  }
}

TEST(AccountTest, GroupPoliciesReachMembersAndDecide) {
  std::string text = Sample("salesforce-cloudsplaining/example.json");
  if (text.empty()) GTEST_SKIP() << "no ../shared/data";
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
  ASSERT_TRUE(account.ok());
  // fn1-privesc3-partial-user holds fn1-passrole-star: iam:PassRole on "*".
  const AccountPrincipal* user = nullptr;
  for (const AccountPrincipal& p : account->principals) {
    if (p.name == "fn1-privesc3-partial-user") user = &p;
  }
  ASSERT_NE(user, nullptr);
  auto compiled = CompiledPolicies::Compile(user->policies);
  ASSERT_TRUE(compiled.ok());
  Request request;
  request.principal = user->arn;
  request.action = "iam:PassRole";
  request.resource = "arn:aws:iam::200611803367:role/anything";
  EXPECT_EQ(*(*compiled)->Decide(request), Decision::kAllow);
  request.action = "s3:DeleteBucket";
  request.resource = "arn:aws:s3:::bucket";
  EXPECT_NE(*(*compiled)->Decide(request), Decision::kAllow);
  // Origins point into the file.
  for (const PolicyOrigin& o : user->identity_origins) {
    EXPECT_FALSE(o.arn.empty());
    EXPECT_GT(o.location.line, 0u);
    EXPECT_EQ(o.location.path.rfind("/Policies/", 0), 0u) << o.location.path;
  }
}

TEST(AccountTest, LoadsEverySampleFile) {
  const char* files[] = {"salesforce-cloudsplaining/example-authz-details.json",
                         "salesforce-cloudsplaining/example_authz_v2.json",
                         "salesforce-cloudsplaining/example_authz_details_for_overrides_complete.json",
                         "duo-labs-cloudmapper/iam-get-account-authorization-details.json"};
  for (const char* file : files) {
    std::string text = Sample(file);
    if (text.empty()) GTEST_SKIP() << "no ../shared/data";
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
    ASSERT_TRUE(account.ok()) << file << ": " << account.status();
    EXPECT_FALSE(account->principals.empty()) << file;
  }
}

TEST(AccountTest, UrlEncodedDocumentsAndMissingPolicies) {
  const std::string text = R"({
    "UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "Path": "/",
      "UserPolicyList": [{"PolicyName": "enc", "PolicyDocument":
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"}],
      "AttachedManagedPolicies": [
        {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
        {"PolicyName": "gone", "PolicyArn": "arn:aws:iam::111122223333:policy/gone"}],
      "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
        "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/missing-boundary"}}],
    "RoleDetailList": [], "GroupDetailList": [], "Policies": []})";
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(text);
  ASSERT_TRUE(account.ok()) << account.status();
  ASSERT_EQ(account->principals.size(), 1u);
  const AccountPrincipal& u = account->principals[0];
  // The encoded inline policy and the embedded ReadOnlyAccess; `gone` is reported.
  EXPECT_EQ(u.policies.identity.size(), 2u);
  bool reported_gone = false, reported_boundary = false;
  for (const Diagnostic& d : account->diagnostics) {
    reported_gone |= d.kind == "unknown_managed_policy" && d.message.find("gone") != std::string::npos;
    reported_boundary |= d.kind == "unreadable_boundary";
  }
  EXPECT_TRUE(reported_gone);
  EXPECT_TRUE(reported_boundary);
  // An unreadable boundary allows nothing (never widens access).
  auto compiled = CompiledPolicies::Compile(u.policies);
  ASSERT_TRUE(compiled.ok());
  Request request;
  request.principal = u.arn;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::b/k";
  EXPECT_EQ(*(*compiled)->Decide(request), Decision::kImplicitDeny);
}

TEST(AccountTest, RejectsOtherDocuments) {
  EXPECT_FALSE(LoadAuthorizationDetails("[]").ok());
  EXPECT_FALSE(LoadAuthorizationDetails("{\"Statement\": []}").ok());
  absl::StatusOr<AccountAuthorization> bad = LoadAuthorizationDetails("{\"UserDetailList\": [");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("1:"), std::string::npos);
}

}  // namespace
}  // namespace iameval
