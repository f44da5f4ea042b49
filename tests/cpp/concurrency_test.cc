// One compiled policy set shared by 8 threads: mixed requests through Decide() and Explain()
// must give exactly the single-threaded answers. Built for ThreadSanitizer (tools/sanitize.sh
// runs it in build-tsan), and meaningful without it: any data race that corrupts a result
// shows up as a disagreement.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "iameval/catalog.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval {
namespace {

constexpr int kThreads = 8;

std::shared_ptr<const Policy> Parse(const std::string& json, PolicyKind kind) {
  ParseResult r = ParsePolicy(json, kind);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : FormatDiagnostic(r.diagnostics[0]));
  return r.policy;
}

// Every layer, conditions of several families and policy variables, so the threads share
// every kind of compiled matcher.
PolicySet MixedPolicies() {
  PolicySet set;
  set.identity.push_back({"identity", Parse(R"({"Version":"2012-10-17","Statement":[
      {"Sid":"Home","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
       "Resource":"arn:aws:s3:::bkt/home/${aws:username}/*"},
      {"Sid":"Team","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::bkt/*",
       "Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"},
                    "IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}},
      {"Sid":"Ec2","Effect":"Allow","Action":"ec2:*","Resource":"*",
       "Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["env","owner-*"]},
                    "NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}},
      {"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::bkt/secret/*"}
  ]})", PolicyKind::kIdentity)});
  set.permission_boundary = NamedPolicy{"boundary", Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]})", PolicyKind::kPermissionBoundary)};
  set.scp_levels.push_back({{"root", Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*",
       "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]})", PolicyKind::kScp)}});
  set.resource_policy = NamedPolicy{"bucket", Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},
       "Action":"s3:GetObject","Resource":"arn:aws:s3:::bkt/shared/*"},
      {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bkt/*",
       "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})", PolicyKind::kResource)};
  return set;
}

struct Case {
  std::string principal;
  std::string action;
  std::string resource;
  RequestContext context;
};

std::vector<Case> MixedRequests() {
  std::vector<Case> cases;
  const std::string alice = "arn:aws:iam::111122223333:user/alice";
  const std::string bob = "arn:aws:iam::444455556666:user/bob";
  auto add = [&](const std::string& principal, const std::string& action,
                 const std::string& resource, auto fill) {
    Case c{principal, action, resource, {}};
    fill(c.context);
    cases.push_back(std::move(c));
  };
  auto none = [](RequestContext&) {};
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/home/alice/a", [](RequestContext& c) {
    c.Set("aws:username", "alice");
  });
  add(alice, "s3:PutObject", "arn:aws:s3:::bkt/home/bob/a", [](RequestContext& c) {
    c.Set("aws:username", "alice");
  });
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/team/x", [](RequestContext& c) {
    c.Set("aws:PrincipalTag/team", "red");
    c.Set("aws:SourceIp", "10.1.2.3");
  });
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/team/x", [](RequestContext& c) {
    c.Set("aws:PrincipalTag/team", "red");
    c.Set("aws:SourceIp", "192.0.2.1");
  });
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/secret/x", [](RequestContext& c) {
    c.Set("aws:PrincipalTag/team", "red");
    c.Set("aws:SourceIp", "2001:db8::1");
  });
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/team/x", [](RequestContext& c) {
    c.Set("aws:PrincipalTag/team", "red");
    c.Set("aws:SourceIp", "10.1.2.3");
    c.Set("aws:SecureTransport", "false");
  });
  add(alice, "ec2:RunInstances", "*", [](RequestContext& c) {
    c.SetList("aws:TagKeys", {"env", "owner-team"});
    c.Set("aws:MultiFactorAuthAge", "60");
    c.Set("aws:RequestedRegion", "eu-west-1");
  });
  add(alice, "ec2:RunInstances", "*", [](RequestContext& c) {
    c.SetList("aws:TagKeys", {"env"});
    c.Set("aws:MultiFactorAuthAge", "60");
    c.Set("aws:RequestedRegion", "us-east-1");
  });
  add(alice, "ec2:DescribeInstances", "*", [](RequestContext& c) {
    c.SetList("aws:TagKeys", {"cost"});
    c.Set("aws:MultiFactorAuthAge", "60");
  });
  add(alice, "iam:CreateUser", "*", none);
  add(bob, "s3:GetObject", "arn:aws:s3:::bkt/shared/r", none);
  add(bob, "s3:GetObject", "arn:aws:s3:::bkt/private/r", none);
  add(alice, "s3:GetObject", "arn:aws:s3:::bkt/shared/r", none);
  add("not a principal", "s3:GetObject", "arn:aws:s3:::bkt/x", none);
  return cases;
}

Request MakeRequest(const Case& c) {
  Request request;
  request.principal = c.principal;
  request.action = c.action;
  request.resource = c.resource;
  request.context = &c.context;
  return request;
}

struct Answer {
  bool ok = false;
  Decision decision = Decision::kImplicitDeny;
  Layer layer = Layer::kNone;
  size_t matched = 0;
  size_t conditions = 0;
  std::string reason;

  bool operator==(const Answer& o) const {
    return ok == o.ok && decision == o.decision && layer == o.layer && matched == o.matched &&
           conditions == o.conditions && reason == o.reason;
  }
};

Answer Explained(const CompiledPolicies& compiled, const Case& c) {
  Answer a;
  absl::StatusOr<Explanation> e = compiled.Explain(MakeRequest(c));
  a.ok = e.ok();
  if (!e.ok()) return a;
  a.decision = e->decision;
  a.layer = e->deciding_layer;
  a.matched = e->matched.size();
  a.conditions = e->conditions.size();
  a.reason = e->reason;
  return a;
}

// Runs `body(thread_index)` on kThreads threads released at the same moment.
template <typename Body>
void RunTogether(Body body) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      body(t);
    });
  }
  for (std::thread& thread : threads) thread.join();
}

// First in the file on purpose: in a fresh process the embedded catalog is loaded lazily,
// and here 8 threads race for that first use.
TEST(ConcurrencyTest, FirstUseOfTheCatalogFromManyThreads) {
  std::atomic<int> failures{0};
  RunTogether([&](int) {
    const Catalog& catalog = Catalog::Default();
    if (!catalog.FindAction("s3:GetObject").has_value()) ++failures;
    if (catalog.Expand("s3:Get*").Empty()) ++failures;
  });
  EXPECT_EQ(failures.load(), 0);
}

TEST(ConcurrencyTest, SharedCompiledPoliciesAgreeWithSingleThreadedAnswers) {
  auto compiled_or = CompiledPolicies::Compile(MixedPolicies());
  ASSERT_TRUE(compiled_or.ok()) << compiled_or.status();
  std::shared_ptr<const CompiledPolicies> compiled = *compiled_or;
  const std::vector<Case> cases = MixedRequests();

  // Single-threaded answers first; they also cover every layer, so the test means something.
  std::vector<absl::StatusOr<Decision>> decisions;
  std::vector<Answer> answers;
  for (const Case& c : cases) {
    decisions.push_back(compiled->Decide(MakeRequest(c)));
    answers.push_back(Explained(*compiled, c));
    ASSERT_EQ(decisions.back().ok(), answers.back().ok);
    if (answers.back().ok) {
      ASSERT_EQ(*decisions.back(), answers.back().decision);
    }
  }
  int allows = 0, explicit_denies = 0, implicit_denies = 0, errors = 0;
  for (const Answer& a : answers) {
    if (!a.ok) {
      ++errors;
    } else if (a.decision == Decision::kAllow) {
      ++allows;
    } else if (a.decision == Decision::kExplicitDeny) {
      ++explicit_denies;
    } else {
      ++implicit_denies;
    }
  }
  EXPECT_GE(allows, 3);
  EXPECT_GE(explicit_denies, 2);
  EXPECT_GE(implicit_denies, 2);
  EXPECT_EQ(errors, 1);

  std::atomic<int> disagreements{0};
  constexpr int kRounds = 300;
  RunTogether([&](int t) {
    for (int round = 0; round < kRounds; ++round) {
      // Each thread walks the cases in its own order, so different requests overlap.
      for (size_t k = 0; k < cases.size(); ++k) {
        const size_t i = (k * (2 * t + 1) + round) % cases.size();
        absl::StatusOr<Decision> d = compiled->Decide(MakeRequest(cases[i]));
        if (d.ok() != decisions[i].ok() || (d.ok() && *d != *decisions[i])) ++disagreements;
        if ((round + t) % 4 == 0 && !(Explained(*compiled, cases[i]) == answers[i])) {
          ++disagreements;
        }
      }
    }
  });
  EXPECT_EQ(disagreements.load(), 0);
}

// Parsing and compiling are also free of shared mutable state: 8 threads compiling the same
// parsed policies get evaluators that agree.
TEST(ConcurrencyTest, ConcurrentParseAndCompile) {
  const PolicySet reference_set = MixedPolicies();
  auto reference = CompiledPolicies::Compile(reference_set);
  ASSERT_TRUE(reference.ok());
  const std::vector<Case> cases = MixedRequests();
  std::atomic<int> disagreements{0};
  RunTogether([&](int t) {
    for (int round = 0; round < 5; ++round) {
      // Half the threads reuse the shared parsed policies, half parse their own.
      const PolicySet set = (t % 2 == 0) ? reference_set : MixedPolicies();
      auto compiled = CompiledPolicies::Compile(set);
      if (!compiled.ok()) {
        ++disagreements;
        continue;
      }
      for (const Case& c : cases) {
        absl::StatusOr<Decision> mine = (*compiled)->Decide(MakeRequest(c));
        absl::StatusOr<Decision> theirs = (*reference)->Decide(MakeRequest(c));
        if (mine.ok() != theirs.ok() || (mine.ok() && *mine != *theirs)) ++disagreements;
      }
    }
  });
  EXPECT_EQ(disagreements.load(), 0);
}

}  // namespace
}  // namespace iameval
