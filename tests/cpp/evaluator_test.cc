// The evaluator's C++ API: compile once, decide from many threads, explanations, errors.
#include "iameval/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace iameval {
namespace {

using ::testing::ElementsAre;

NamedPolicy Named(const std::string& name, const std::string& json,
                  PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult r = ParsePolicy(json, kind);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : FormatDiagnostic(r.diagnostics[0]));
  return NamedPolicy{name, r.policy};
}

constexpr char kUser[] = "arn:aws:iam::111122223333:user/alice";

std::shared_ptr<const CompiledPolicies> CompileOrDie(const PolicySet& set) {
  auto compiled = CompiledPolicies::Compile(set);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  return *compiled;
}

PolicySet ReadOnlyWithDeny() {
  PolicySet set;
  set.identity.push_back(Named("reads", R"({"Version":"2012-10-17","Statement":[
      {"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::bkt/*",
       "Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}]})"));
  set.identity.push_back(Named("guard", R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/secret/*"}]})"));
  return set;
}

TEST(EvaluatorTest, DecidesAndExplains) {
  auto compiled = CompileOrDie(ReadOnlyWithDeny());
  RequestContext context;
  context.Set("aws:PrincipalTag/team", "red");
  Request request;
  request.principal = kUser;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::bkt/report.csv";
  request.context = &context;
  EXPECT_EQ(*compiled->Decide(request), Decision::kAllow);

  absl::StatusOr<Explanation> why = compiled->Explain(request);
  ASSERT_TRUE(why.ok());
  EXPECT_EQ(why->decision, Decision::kAllow);
  EXPECT_EQ(why->deciding_layer, Layer::kIdentity);
  ASSERT_EQ(why->matched.size(), 1u);
  EXPECT_EQ(why->matched[0].policy_name, "reads");
  EXPECT_EQ(why->matched[0].sid, "Read");
  EXPECT_EQ(why->matched[0].path, "/Statement/0");
  ASSERT_EQ(why->conditions.size(), 1u);
  EXPECT_EQ(why->conditions[0].key, "aws:PrincipalTag/team");
  EXPECT_THAT(why->conditions[0].request_values, ElementsAre("red"));
  EXPECT_TRUE(why->conditions[0].result);
  EXPECT_TRUE(why->missing_context_keys.empty());

  request.resource = "arn:aws:s3:::bkt/secret/x";
  why = compiled->Explain(request);
  EXPECT_EQ(why->decision, Decision::kExplicitDeny);
  EXPECT_EQ(why->deciding_layer, Layer::kIdentity);
  // Both the Allow and the Deny applied; the explanation lists both.
  EXPECT_EQ(why->matched.size(), 2u);
}

TEST(EvaluatorTest, ReportsMissingContextKeys) {
  auto compiled = CompileOrDie(ReadOnlyWithDeny());
  Request request;
  request.principal = kUser;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::bkt/report.csv";
  absl::StatusOr<Explanation> why = compiled->Explain(request);
  ASSERT_TRUE(why.ok());
  EXPECT_EQ(why->decision, Decision::kImplicitDeny);
  EXPECT_THAT(why->missing_context_keys, ElementsAre("aws:PrincipalTag/team"));
  ASSERT_EQ(why->conditions.size(), 1u);
  EXPECT_FALSE(why->conditions[0].key_present);
  EXPECT_FALSE(why->conditions[0].result);
}

TEST(EvaluatorTest, RejectsRequestsWithoutAPrincipal) {
  auto compiled = CompileOrDie(ReadOnlyWithDeny());
  for (const char* bad : {"", "alice", "arn:aws:iam::12345:user/alice",
                          "arn:aws:iam::111122223333:group/g", "arn:aws:sts::111122223333:assumed-role/r"}) {
    Request request;
    request.principal = bad;
    request.action = "s3:GetObject";
    absl::StatusOr<Decision> d = compiled->Decide(request);
    EXPECT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(EvaluatorTest, RejectsNullPolicies) {
  PolicySet set;
  set.identity.push_back(NamedPolicy{"null", nullptr});
  EXPECT_FALSE(CompiledPolicies::Compile(set).ok());
}

TEST(EvaluatorTest, ActionsOutsideTheCatalogStillMatchWildcards) {
  PolicySet set;
  set.identity.push_back(Named("p", R"({"Statement":[
      {"Effect":"Allow","Action":"newsvc:Get*","Resource":"*"},
      {"Effect":"Deny","NotAction":"newsvc:GetSecret","Resource":"*"}]})"));
  auto compiled = CompileOrDie(set);
  Request request;
  request.principal = kUser;
  request.action = "NewSvc:GetSecret";
  EXPECT_EQ(*compiled->Decide(request), Decision::kAllow);
  request.action = "newsvc:GetOther";
  EXPECT_EQ(*compiled->Decide(request), Decision::kExplicitDeny);
  request.action = "newsvc:Put";
  EXPECT_EQ(*compiled->Decide(request), Decision::kExplicitDeny);
}

// Compiled policies are immutable: many threads decide concurrently and agree with the
// single-threaded answers (run under TSan in the sanitizer job).
TEST(EvaluatorTest, ConcurrentDecisionsAgree) {
  auto compiled = CompileOrDie(ReadOnlyWithDeny());
  RequestContext red;
  red.Set("aws:PrincipalTag/team", "red");
  const char* resources[] = {"arn:aws:s3:::bkt/a", "arn:aws:s3:::bkt/secret/b",
                             "arn:aws:s3:::other/c"};
  const Decision expected[] = {Decision::kAllow, Decision::kExplicitDeny, Decision::kImplicitDeny};
  std::atomic<int> disagreements{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) {
        Request request;
        request.principal = kUser;
        request.action = "s3:GetObject";
        request.resource = resources[i % 3];
        request.context = &red;
        absl::StatusOr<Decision> d = compiled->Decide(request);
        if (!d.ok() || *d != expected[i % 3]) ++disagreements;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(disagreements.load(), 0);
}

}  // namespace
}  // namespace iameval
