// The evaluator's C++ API: compile once, decide from many threads, explanations, errors.
#include "iameval/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "compile/policy_compiler.h"
#include "iameval/simulate.h"
#include "simulate/case_reader.h"
#include "test_data.h"
#include "test_policies.h"

namespace iameval {
namespace {

using testing::Named;

using ::testing::ElementsAre;

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

// The layer index's action table answers exactly what a binary search over the entries does,
// for every catalog action.
TEST(LayerIndexTest, ActionTableAgreesWithBinarySearch) {
  const std::vector<std::string> documents = {
      R"({"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:Get*","s3:List*","ec2:Describe*"],"Resource":"*"},
          {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"},
          {"Effect":"Allow","Action":"*","Resource":"*"},
          {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
          {"Effect":"Allow","Action":["dynamodb:*","sqs:SendMessage","kms:*"],"Resource":"*"}]})",
      R"({"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","lambda:*"],"Resource":"*"}]})"};
  internal::CompiledLayer layer;
  for (const std::string& text : documents) {
    ParseResult parsed = ParsePolicy(text, PolicyKind::kIdentity);
    ASSERT_TRUE(parsed.ok());
    layer.policies.push_back(
        internal::CompilePolicy(NamedPolicy{"p", parsed.policy}, Catalog::Default()));
  }
  const size_t actions = Catalog::Default().action_count();
  layer.BuildIndex(actions);
  ASSERT_FALSE(layer.action_ranges.empty());
  size_t listed = 0;
  for (ActionId id = 0; id < actions; ++id) {
    const auto range = std::equal_range(
        layer.index_entries.begin(), layer.index_entries.end(), internal::IndexEntry{id, {}},
        [](const internal::IndexEntry& a, const internal::IndexEntry& b) {
          return a.action < b.action;
        });
    const std::pair<size_t, size_t> expected{range.first - layer.index_entries.begin(),
                                             range.second - layer.index_entries.begin()};
    const std::pair<size_t, size_t> got = layer.EntriesOf(id);
    if (expected.first == expected.second) {
      ASSERT_EQ(got.first, got.second) << id;
    } else {
      ASSERT_EQ(got, expected) << id;
      ++listed;
    }
  }
  EXPECT_GT(listed, 100u);
}

// SimulationResult::ToJson writes ASCII results itself; it must give exactly the bytes the
// nlohmann::json rendering gives, for every documented case, explained or not.
TEST(SimulationOutputTest, DirectJsonMatchesLibraryOnEveryCase) {
  const std::vector<std::string> cases =
      testing::ReadJsonLines(testing::SourcePath("tests/data/evaluation_cases.jsonl"));
  ASSERT_FALSE(cases.empty());
  for (bool explain : {true, false}) {
    SimulationOptions options;
    options.explain = explain;
    options.parse.strict = false;
    Simulator simulator(options);
    for (const std::string& line : cases) {
      const SimulationResult result = simulator.Run(line);
      EXPECT_EQ(result.ToJson(), internal::SimulationResultJsonThroughLibrary(result)) << line;
    }
  }
}

TEST(SimulationOutputTest, DirectJsonMatchesLibraryOnOddStrings) {
  const std::vector<std::string> ids = {
      "null", "true", "false", "0", "-0", "7", "-12", "123456789012345678",
      "1234567890123456789012", "1.5", "1e3", "\"plain id\"", "\"quote\\\"d\"",
      "\"\\u0041\"", "\"tab\\t\"", "\"\xc3\xa9\"", "{\"a\":[1,2]}", "[]", "\"\x7f\"",
      "not json"};
  const std::vector<std::string> texts = {
      "",          "plain",        "quote \" and \\ backslash", "ctl \x01\x1f\b\f\n\r\t",
      "del \x7f", "caf\xc3\xa9", "bad \xff utf8",               std::string("nul \0 byte", 10)};
  for (const std::string& id : ids) {
    for (const std::string& text : texts) {
      SimulationResult error;
      error.id_json = id;
      error.is_error = true;
      error.error = SimulationError{text, text, text, 3, 14};
      SimulationResult decided;
      decided.id_json = id;
      decided.decision = Decision::kExplicitDeny;
      Explanation e;
      e.deciding_layer = Layer::kScp;
      e.deciding_level = 1;
      e.reason = text;
      MatchedStatement m;
      m.layer = Layer::kScp;
      m.level = 1;
      m.policy_name = text;
      m.sid = text;
      m.path = text;
      m.effect = Effect::kDeny;
      m.principal_class = text;
      e.matched = {m, MatchedStatement()};
      e.missing_context_keys = {text, "aws:sourceip"};
      decided.explanation = e;
      for (const SimulationResult* r : {&error, &decided}) {
        std::string direct, library;
        bool direct_threw = false, library_threw = false;
        try {
          direct = r->ToJson();
        } catch (const std::exception&) {
          direct_threw = true;
        }
        try {
          library = internal::SimulationResultJsonThroughLibrary(*r);
        } catch (const std::exception&) {
          library_threw = true;
        }
        EXPECT_EQ(direct_threw, library_threw) << id << " " << text;
        EXPECT_EQ(direct, library) << id << " " << text;
      }
    }
  }
}

// The compiled-set cache is keyed by the parsed documents' identity: lines that share
// policies share an entry, lines that differ in any policy, name or place do not, and
// answers stay right when the caches are evicted.
TEST(SimulationCacheTest, SharesCompiledSetsOnlyForTheSamePolicies) {
  const std::string allow =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
  const std::string deny =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})";
  auto line = [](const std::string& identity, const std::string& boundary) {
    std::string out = R"({"id":1,"principal":"arn:aws:iam::111122223333:user/alice",)"
                      R"("action":"s3:GetObject","resource":"arn:aws:s3:::b/k",)"
                      R"("identity_policies":[)" + identity + "]";
    if (!boundary.empty()) out += R"(,"permission_boundary":)" + boundary;
    return out + "}";
  };
  Simulator simulator;
  EXPECT_EQ(simulator.Run(line(allow, "")).decision, Decision::kAllow);
  EXPECT_EQ(simulator.Run(line(allow, "")).decision, Decision::kAllow);
  EXPECT_EQ(simulator.cache_size(), 1u);
  EXPECT_EQ(simulator.Run(line(deny, "")).decision, Decision::kExplicitDeny);
  EXPECT_EQ(simulator.cache_size(), 2u);
  EXPECT_EQ(simulator.Run(line(allow, allow)).decision, Decision::kAllow);
  EXPECT_EQ(simulator.Run(line(allow, deny)).decision, Decision::kExplicitDeny);
  EXPECT_EQ(simulator.Run(line(allow + "," + allow, "")).decision, Decision::kAllow);
  EXPECT_EQ(simulator.cache_size(), 5u);
  const std::string named =
      R"({"name":"mine","document":)" + allow + "}";
  EXPECT_EQ(simulator.Run(line(named, "")).decision, Decision::kAllow);
  EXPECT_EQ(simulator.cache_size(), 6u);
  const SimulationResult explained = simulator.Run(line(named, ""));
  ASSERT_TRUE(explained.explanation.has_value());
  ASSERT_FALSE(explained.explanation->matched.empty());
  EXPECT_EQ(explained.explanation->matched[0].policy_name, "mine");
  // The same form where a policy is a single value (one level less deep in the line).
  const SimulationResult bounded = simulator.Run(line(allow, named));
  ASSERT_TRUE(bounded.explanation.has_value());
  ASSERT_EQ(bounded.explanation->matched.size(), 2u);
  EXPECT_EQ(bounded.explanation->matched[1].policy_name, "mine");
  EXPECT_EQ(bounded.explanation->matched[1].layer, Layer::kBoundary);

  // Tiny caches: the parse cache (8 documents) and the compiled cache (1 set) are emptied
  // again and again; every answer must match a fresh simulator's.
  SimulationOptions small;
  small.max_cached_policy_sets = 1;
  Simulator churn(small);
  std::vector<std::string> lines;
  for (int i = 0; i < 12; ++i) {
    const std::string sid = R"("Sid":"S)" + std::to_string(i) + R"(",)";
    const std::string effect = i % 3 == 0 ? "Deny" : "Allow";
    lines.push_back(line(R"({"Version":"2012-10-17","Statement":[{)" + sid + R"("Effect":")" +
                             effect + R"(","Action":"s3:*","Resource":"*"}]})",
                         i % 2 == 0 ? allow : ""));
  }
  for (int round = 0; round < 3; ++round) {
    for (const std::string& l : lines) {
      Simulator fresh;
      EXPECT_EQ(churn.Run(l).ToJson(), fresh.Run(l).ToJson()) << l;
    }
  }
}

}  // namespace
}  // namespace iameval
