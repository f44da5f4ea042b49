// Hostile requests and patterns: pathological globs, long values, thousands of condition
// values, extreme numbers and dates, policy variables that try to recurse. Each case ends in
// a correct answer within bounded time, or a clear error; never a crash or a silent Allow.
#include <string>
#include <vector>

#include "hostile_test_util.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval::hostile {
namespace {

// ---- pathological patterns -----------------------------------------------------------------

std::string Repeat(const std::string& piece, size_t n) {
  std::string s;
  s.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) s += piece;
  return s;
}

TEST(HostilePatternTest, StarsInResourcesAgainstLongResources) {
  const std::string stars_a = Repeat("*a", 5000);       // `*a*a*a...`
  const std::string qstars = Repeat("?*", 5000);        // `?*?*?*...`
  const std::string long_a(100000, 'a');
  struct Case {
    std::string resource_pattern;
    std::string request_resource;
    bool allow;
  };
  const std::vector<Case> cases = {
      {"arn:aws:s3:::b/" + stars_a + "b", "arn:aws:s3:::b/" + long_a, false},
      {"arn:aws:s3:::b/" + stars_a + "b", "arn:aws:s3:::b/" + long_a + "b", true},
      {"arn:aws:s3:::b/" + stars_a, "arn:aws:s3:::b/" + long_a, true},
      {"arn:aws:s3:::b/" + stars_a, "arn:aws:s3:::b/" + std::string(4999, 'a'), false},
      {"arn:aws:s3:::b/" + qstars, "arn:aws:s3:::b/" + long_a, true},
      {"arn:aws:s3:::b/" + qstars, "arn:aws:s3:::b/" + std::string(4999, 'a'), false},
      {"arn:aws:s3:::b/" + qstars + "b", "arn:aws:s3:::b/" + long_a, false},
      // `*` in the ARN prefix fields. (A Resource that is neither `*` nor an ARN is a parse
      // error, so plain-glob patterns cannot reach the evaluator.)
      {"arn:" + Repeat("*a", 2000) + ":s3:::b/*", "arn:" + long_a + ":s3:::b/k", true},
      {"arn:" + Repeat("*a", 2000) + "b:s3:::b/*", "arn:" + long_a + ":s3:::b/k", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.resource_pattern.substr(0, 40) + "... vs " + c.request_resource.substr(0, 40));
    const double seconds = Seconds([&] {
      OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"" + c.resource_pattern + "\"")));
      const Decision d = p.Decide("s3:GetObject", c.request_resource);
      EXPECT_EQ(d == Decision::kAllow, c.allow);
    });
    EXPECT_LT(seconds, kBudget);
  }
}

TEST(HostilePatternTest, StarsInActions) {
  // Action patterns are expanded against the catalog at compile time and globbed against
  // unknown actions at request time; requests name long, unknown actions.
  const std::vector<std::string> patterns = {
      "s3:" + Repeat("*a", 5000) + "*",
      "*:" + Repeat("*e", 5000) + "*",
      "*:" + Repeat("?*", 5000),
      "s3:" + Repeat("?", 100000),
  };
  for (const std::string& pattern : patterns) {
    SCOPED_TRACE(pattern.substr(0, 30));
    const double seconds = Seconds([&] {
      OnePolicy p(Wrap(AllowStatement("\"" + pattern + "\"", "\"*\"")));
      // The longest action a request may name (2 KiB; see HostileRequestTest).
      EXPECT_NE(p.Decide("s3:" + std::string(2045, 'a'), "*"), Decision::kAllow);
      EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/k"), Decision::kAllow);
    });
    EXPECT_LT(seconds, kBudget);
  }
}

TEST(HostilePatternTest, StarsInStringLikeConditions) {
  const std::string long_value(100000, 'a');
  struct Case {
    std::string op;
    std::string pattern;
    bool allow;
  };
  const std::vector<Case> cases = {
      {"StringLike", Repeat("*a", 5000) + "b", false},
      {"StringLike", Repeat("*a", 5000) + "*", true},
      {"StringLike", Repeat("?*", 5000), true},
      {"StringLike", Repeat("?*", 5000) + "b", false},
      {"StringNotLike", Repeat("*a", 5000) + "*", false},
      {"StringNotLike", Repeat("*a", 5000) + "b", true},
      {"ForAnyValue:StringLike", Repeat("*a", 5000) + "b", false},
      {"StringLikeIfExists", Repeat("*A", 5000) + "*", false},  // case-sensitive
      {"ArnLike", "arn:aws:s3:::" + Repeat("*a", 3000) + "b", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op + " " + c.pattern.substr(0, 30));
    const double seconds = Seconds([&] {
      const std::string key = c.op == "ArnLike" ? "aws:SourceArn" : "aws:username";
      OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                      "{\"" + c.op + "\":{\"" + key + "\":\"" + c.pattern + "\"}}")));
      RequestContext context;
      context.Set(key, c.op == "ArnLike" ? "arn:aws:s3:::" + long_value : long_value);
      EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/k", &context) == Decision::kAllow, c.allow);
    });
    EXPECT_LT(seconds, kBudget);
  }
}

// ---- condition values ----------------------------------------------------------------------

TEST(HostileConditionTest, ThousandsOfValues) {
  std::string values = "[";
  for (int i = 0; i < 5000; ++i) values += "\"team-" + std::to_string(i) + "-*\",";
  values += "\"target\"]";
  OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                  "{\"StringLike\":{\"aws:PrincipalTag/team\":" + values + "}}")));
  RequestContext hit, miss, many;
  hit.Set("aws:PrincipalTag/team", "target");
  miss.Set("aws:PrincipalTag/team", "team-x");
  std::vector<std::string> request_values;
  for (int i = 0; i < 5000; ++i) request_values.push_back("v" + std::to_string(i));
  many.SetList("aws:PrincipalTag/team", request_values);
  const double seconds = Seconds([&] {
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &hit), Decision::kAllow);
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &miss), Decision::kImplicitDeny);
    // A multivalued key against a plain operator: not Allow (docs/semantics.md §4.4 choice).
    EXPECT_NE(p.Decide("s3:GetObject", "*", &many), Decision::kAllow);
  });
  EXPECT_LT(seconds, kBudget);
}

TEST(HostileConditionTest, HugeCidrLists) {
  std::string cidrs = "[";
  for (int i = 0; i < 60000; ++i) {
    cidrs += "\"10." + std::to_string((i >> 8) & 255) + "." + std::to_string(i & 255) + ".0/24\",";
  }
  for (int i = 0; i < 20000; ++i) cidrs += "\"2001:db8:" + std::to_string(i % 9999) + "::/48\",";
  cidrs += "\"203.0.113.7/32\"]";
  const double seconds = Seconds([&] {
    OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                    "{\"IpAddress\":{\"aws:SourceIp\":" + cidrs + "}}")));
    RequestContext in, out, garbage;
    in.Set("aws:SourceIp", "203.0.113.7");
    out.Set("aws:SourceIp", "198.51.100.1");
    garbage.Set("aws:SourceIp", std::string(100000, '9'));
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &in), Decision::kAllow);
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &out), Decision::kImplicitDeny);
    EXPECT_NE(p.Decide("s3:GetObject", "*", &garbage), Decision::kAllow);
  });
  EXPECT_LT(seconds, kBudget * 2);
  // Malformed CIDRs are located errors.
  for (const std::string bad : {"10.0.0.0/33", "10.0.0.256/8", "::/129", "1.2.3", "10.0.0.0/-1",
                                "10.0.0.0/08x", "fe80::1%eth0/64"}) {
    SCOPED_TRACE(bad);
    Diagnostic d = FirstError(ParsePolicy(
        Wrap(AllowStatement("\"*\"", "\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"" + bad + "\"]}}")),
        PolicyKind::kIdentity));
    EXPECT_EQ(d.kind, "invalid_condition_value");
    EXPECT_EQ(d.location.path, "/Statement/0/Condition/IpAddress/aws:SourceIp/1");
  }
}

TEST(HostileConditionTest, ExtremeNumbers) {
  // Policy side: unparseable numbers are located errors.
  for (const std::string bad : {"NaN", "Infinity", "0x10", "", " 1", "1e", "--1", "1,000"}) {
    SCOPED_TRACE(bad);
    Diagnostic d = FirstError(ParsePolicy(
        Wrap(AllowStatement("\"*\"", "\"*\"", "{\"NumericLessThan\":{\"n\":\"" + bad + "\"}}")),
        PolicyKind::kIdentity));
    EXPECT_EQ(d.kind, "invalid_condition_value");
  }
  // Extreme but well-formed numbers on both sides: a correct answer, never a crash.
  const std::string huge = "1" + std::string(400, '0');
  const std::string tiny = "0." + std::string(400, '0') + "1";
  struct Case {
    std::string op, policy, request;
    bool allow;
  };
  const std::vector<Case> cases = {
      {"NumericLessThan", "10", huge, false},
      {"NumericLessThan", huge, "10", true},
      {"NumericGreaterThan", "0", tiny, true},
      {"NumericEquals", "1e400", "1e400", true},
      {"NumericLessThan", "1e400", "1e401", false},  // request < policy
      {"NumericLessThan", "1e401", "1e400", true},
      {"NumericLessThan", "-1e400", "10", false},
      {"NumericEquals", "0", "-0", true},
      {"NumericEquals", "99999999999999999999999999999999", "99999999999999999999999999999998", false},
      {"NumericLessThan", "10", "NaN", false},
      {"NumericGreaterThan", "10", "Infinity", false},
      {"NumericGreaterThanEquals", "0", "", false},
      // Spec §4.3: an unparseable value makes the primitive false, so a negated operator
      // ("equal to none of the values") holds. Documented, if surprising.
      {"NumericNotEquals", "10", "garbage", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op + " " + c.policy.substr(0, 20) + " vs " + c.request.substr(0, 20));
    OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                    "{\"" + c.op + "\":{\"n\":\"" + c.policy + "\"}}")));
    RequestContext context;
    context.Set("n", c.request);
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &context) == Decision::kAllow, c.allow);
  }
}

TEST(HostileConditionTest, ExtremeDates) {
  for (const std::string bad : {"2024-02-30T00:00:00Z", "2024-13-01", "yesterday", "", "2024-01-01T25:00:00Z",
                                "99999999999999999999999"}) {
    SCOPED_TRACE(bad);
    ParseResult r = ParsePolicy(
        Wrap(AllowStatement("\"*\"", "\"*\"", "{\"DateLessThan\":{\"aws:CurrentTime\":\"" + bad + "\"}}")),
        PolicyKind::kIdentity);
    EXPECT_EQ(FirstError(r).kind, "invalid_condition_value");
  }
  struct Case {
    std::string op, policy, request;
    bool allow;
  };
  const std::vector<Case> cases = {
      {"DateLessThan", "9999-12-31T23:59:59Z", "2024-01-01T00:00:00Z", true},
      {"DateGreaterThan", "9999-12-31T23:59:59Z", "2024-01-01T00:00:00Z", false},
      {"DateGreaterThan", "0001-01-01T00:00:00Z", "2024-01-01T00:00:00Z", true},
      {"DateLessThan", "2030-01-01T00:00:00Z", "not a date", false},
      {"DateGreaterThan", "2000-01-01T00:00:00Z", "not a date", false},
      {"DateLessThan", "2030-01-01T00:00:00Z", "99999999999999999999999", false},
      {"DateNotEquals", "2030-01-01T00:00:00Z", "", true},  // as NumericNotEquals above
      {"DateEquals", "2030-01-01T00:00:00Z", "1893456000", true},  // epoch seconds
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op + " " + c.policy + " vs " + c.request);
    OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                    "{\"" + c.op + "\":{\"aws:CurrentTime\":\"" + c.policy + "\"}}")));
    RequestContext context;
    context.Set("aws:CurrentTime", c.request);
    EXPECT_EQ(p.Decide("s3:GetObject", "*", &context) == Decision::kAllow, c.allow);
  }
}

// ---- policy variables ----------------------------------------------------------------------

TEST(HostileVariableTest, LongValuesUnknownVariablesAndNoRecursion) {
  OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"",
                                  R"(["arn:aws:s3:::b/${aws:username}/*",
                                      "arn:aws:s3:::c/${aws:nosuchkey}/*",
                                      "arn:aws:s3:::d/${aws:nosuchkey, 'fallback'}/*",
                                      "arn:aws:s3:::e/${${aws:username}}/*"])")));
  const std::string long_name(100 * 1024, 'n');
  RequestContext long_user;
  long_user.Set("aws:username", long_name);
  const double seconds = Seconds([&] {
    EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/" + long_name + "/x", &long_user), Decision::kAllow);
    EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/" + long_name + "x/x", &long_user), Decision::kAllow);
    EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/" + long_name.substr(1) + "/x", &long_user),
              Decision::kAllow);
  });
  EXPECT_LT(seconds, kBudget);

  RequestContext alice;
  alice.Set("aws:username", "alice");
  // Unknown variable without a default: the value matches nothing, whatever the request.
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::c/${aws:nosuchkey}/x", &alice), Decision::kAllow);
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::c//x", &alice), Decision::kAllow);
  EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::d/fallback/x", &alice), Decision::kAllow);
  // `${${aws:username}}` is malformed, not a double substitution.
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::e/alice/x", &alice), Decision::kAllow);
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::e/${alice}/x", &alice), Decision::kAllow);
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::e/${${aws:username}}/x", &alice), Decision::kAllow);

  // A value that looks like a reference stays literal: no second round of substitution.
  RequestContext sneaky;
  sneaky.Set("aws:username", "${aws:username}");
  EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/${aws:username}/x", &sneaky), Decision::kAllow);
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/alice/x", &sneaky), Decision::kAllow);
  // ...and so do wildcard characters in a value.
  RequestContext star;
  star.Set("aws:username", "*");
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/bob/x", &star), Decision::kAllow);
  EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/*/x", &star), Decision::kAllow);
  // A multivalued key cannot be a variable.
  RequestContext list;
  list.SetList("aws:username", {"alice"});
  EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/alice/x", &list), Decision::kAllow);
}

TEST(HostileVariableTest, VariablesInConditionValues) {
  OnePolicy p(Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                                  R"({"StringLike":{"s3:prefix":"home/${aws:username}/*"}})")));
  RequestContext context;
  context.Set("aws:username", "*");
  context.Set("s3:prefix", "home/bob/x");
  EXPECT_NE(p.Decide("s3:GetObject", "*", &context), Decision::kAllow);
  context.Set("aws:username", std::string(100 * 1024, '?'));
  context.Set("s3:prefix", "home/" + std::string(100 * 1024, 'x') + "/y");
  EXPECT_NE(p.Decide("s3:GetObject", "*", &context), Decision::kAllow);
  context.Set("s3:prefix", "home/" + std::string(100 * 1024, '?') + "/y");
  EXPECT_EQ(p.Decide("s3:GetObject", "*", &context), Decision::kAllow);
}

// ---- long request strings ------------------------------------------------------------------

// The evaluator keeps the lowercased action and derived principal values in fixed 2 KiB
// buffers. Longer request strings must be refused (a clear error) or evaluated in full:
// never cut, where a cut action could match a shorter name and a missing aws:PrincipalArn
// satisfies negated conditions.
TEST(HostileRequestTest, LongActionsAndPrincipalsNeverWidenAGrant) {
  const std::string name(2045, 'a');  // "s3:" + name is exactly 2048 bytes
  const std::string policy = Wrap(AllowStatement("\"s3:" + name + "\"", "\"*\""));
  OnePolicy exact(policy);
  EXPECT_EQ(exact.Decide("s3:" + name, "*"), Decision::kAllow);
  // Through the public API directly: an error is fine, an Allow is not.
  ParseResult r = ParsePolicy(policy, PolicyKind::kIdentity);
  ASSERT_TRUE(r.ok());
  PolicySet exact_set;
  exact_set.identity.push_back({"p", r.policy});
  auto exact_compiled = CompiledPolicies::Compile(exact_set);
  ASSERT_TRUE(exact_compiled.ok());
  for (const std::string& action : {"s3:" + name + "b", "s3:" + name + std::string(5000, 'b')}) {
    Request request;
    request.principal = kUser;
    request.action = action;
    absl::StatusOr<Decision> d = (*exact_compiled)->Decide(request);
    absl::StatusOr<Explanation> e = (*exact_compiled)->Explain(request);
    EXPECT_EQ(d.ok(), e.ok());
    if (d.ok()) {
      EXPECT_NE(*d, Decision::kAllow) << action.size();
      EXPECT_EQ(*d, e->decision);
    } else {
      EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }

  // A long principal ARN: aws:PrincipalArn must not go missing (StringNotLike on an absent
  // key is true, which would turn this Allow-for-everyone-else into an Allow for the caller).
  const std::string long_user = "arn:aws:iam::111122223333:user/" + std::string(3000, 'u');
  ParseResult guarded = ParsePolicy(
      Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"",
                          R"({"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/u*"}})")),
      PolicyKind::kIdentity);
  ASSERT_TRUE(guarded.ok());
  PolicySet set;
  set.identity.push_back({"p", guarded.policy});
  auto compiled = CompiledPolicies::Compile(set);
  ASSERT_TRUE(compiled.ok());
  for (const std::string& principal :
       {long_user, "arn:aws:sts::111122223333:assumed-role/" + std::string(3000, 'u') + "/s"}) {
    Request request;
    request.principal = principal;
    request.action = "s3:GetObject";
    request.resource = "arn:aws:s3:::b/k";
    std::string parent;
    if (principal.find(":assumed-role/") != std::string::npos) {
      parent = "arn:aws:iam::111122223333:role/" + std::string(3000, 'u');
      request.principal_parent_arn = parent;
    }
    absl::StatusOr<Decision> d = (*compiled)->Decide(request);
    absl::StatusOr<Explanation> e = (*compiled)->Explain(request);
    EXPECT_EQ(d.ok(), e.ok());
    if (d.ok()) {
      EXPECT_NE(*d, Decision::kAllow) << principal.substr(0, 50);
      EXPECT_EQ(*d, e->decision);
    }
  }
}

// More SCP levels than the evaluator supports: a clear error, not levels silently dropped
// (a dropped empty level would let a request through that the real hierarchy denies).
TEST(HostileRequestTest, TooManyScpLevelsIsAnError) {
  ParseResult allow_all = ParsePolicy(Wrap(AllowStatement("\"*\"", "\"*\"")), PolicyKind::kScp);
  ASSERT_TRUE(allow_all.ok());
  PolicySet set;
  set.identity.push_back({"id", allow_all.policy});
  for (int i = 0; i < 16; ++i) set.scp_levels.push_back({{"allow", allow_all.policy}});
  set.scp_levels.push_back({});  // level 17: an empty level denies everything
  auto compiled = CompiledPolicies::Compile(set);
  if (compiled.ok()) {
    Request request;
    request.principal = kUser;
    request.action = "s3:GetObject";
    EXPECT_NE(*(*compiled)->Decide(request), Decision::kAllow);
  } else {
    EXPECT_EQ(compiled.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace iameval::hostile
