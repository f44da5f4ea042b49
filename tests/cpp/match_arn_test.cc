// Tests for match/arn.h: ARN splitting, the Resource element algorithm (spec §3.2) and
// ArnEquals/ArnLike (spec §4.3), including the spec §10 checklist items 15-18.
#include "match/arn.h"

#include <map>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "match/policy_variables.h"

namespace iameval::internal {
namespace {

// A map-backed resolver (keys already lowercased) that counts lookups.
class MapResolver final : public VariableResolver {
 public:
  MapResolver() = default;
  MapResolver(std::initializer_list<std::pair<const std::string, std::string>> values)
      : values_(values) {}

  std::optional<std::string_view> Lookup(std::string_view lowercased_key) const override {
    ++lookups_;
    const auto it = values_.find(std::string(lowercased_key));
    if (it == values_.end()) return std::nullopt;
    return std::string_view(it->second);
  }
  int lookups() const { return lookups_; }

 private:
  std::map<std::string, std::string> values_;  // keys already lowercased
  mutable int lookups_ = 0;
};

constexpr MatchResult kMatch = MatchResult::kMatch;
constexpr MatchResult kNoMatch = MatchResult::kNoMatch;
constexpr MatchResult kUnresolved = MatchResult::kUnresolved;

const MapResolver& Context() {
  static const MapResolver* const kResolver = new MapResolver{
      {"aws:username", "alice"},
      {"aws:principalaccount", "111122223333"},
      {"aws:requestedregion", "us-east-1"},
      {"colon", "a:b"},
      {"star", "*"},
      {"aws:principalarn", "arn:aws:iam::111122223333:role/r"},
  };
  return *kResolver;
}

MatchResult Resource(std::string_view policy, std::string_view request,
                     bool substitute = true,
                     ArnVariableScope scope = ArnVariableScope::kResourceIdOnly) {
  return ResourcePattern::Compile(policy, substitute, scope)
      .Match(ResourceValue::Parse(request), Context());
}

MatchResult ArnLike(std::string_view policy, std::string_view request, bool substitute = true) {
  return ArnConditionPattern::Compile(policy, substitute).Match(request, Context());
}

TEST(ParseArnTest, SplitsSixFields) {
  const auto arn = ParseArn("arn:aws:iam::123456789012:user/path/name");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->partition, "aws");
  EXPECT_EQ(arn->service, "iam");
  EXPECT_EQ(arn->region, "");
  EXPECT_EQ(arn->account, "123456789012");
  EXPECT_EQ(arn->resource_id, "user/path/name");
  EXPECT_EQ(arn->Field(0), "arn");
  EXPECT_EQ(arn->Field(5), "user/path/name");
  EXPECT_EQ(arn->text, "arn:aws:iam::123456789012:user/path/name");
}

TEST(ParseArnTest, ResourceIdKeepsColons) {
  const auto arn = ParseArn("arn:aws:logs:us-east-1:1:log-group:app:log-stream:s1");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->resource_id, "log-group:app:log-stream:s1");
}

TEST(ParseArnTest, S3EmptyFields) {
  const auto arn = ParseArn("arn:aws:s3:::bucket/key");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->region, "");
  EXPECT_EQ(arn->account, "");
  EXPECT_EQ(arn->resource_id, "bucket/key");
  const auto empty = ParseArn("arn:::::");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->resource_id, "");
}

TEST(ParseArnTest, RejectsNonArns) {
  for (const char* text : {"", "*", "arn", "arn:", "arn:aws:s3", "ARN:aws:s3:::b",
                           " arn:aws:s3:::b", "bucket/key", "arn:aws:s3::"}) {
    EXPECT_FALSE(ParseArn(text).has_value()) << text;
  }
  EXPECT_TRUE(ParseArn("arn:aws:s3:::").has_value());
}

TEST(ResourcePatternTest, StarMatchesEverything) {
  EXPECT_EQ(Resource("*", "arn:aws:s3:::b/k"), kMatch);
  EXPECT_EQ(Resource("*", "*"), kMatch);
  EXPECT_EQ(Resource("*", "not-an-arn"), kMatch);
  EXPECT_EQ(Resource("*", ""), kMatch);
  EXPECT_TRUE(ResourcePattern::Compile("*", true).is_star());
}

TEST(ResourcePatternTest, RequestStarMatchedOnlyByStar) {
  // spec §3.2 item 7, §10 item 18.
  EXPECT_EQ(Resource("arn:aws:s3:::*", "*"), kNoMatch);
  EXPECT_EQ(Resource("arn:*", "*"), kNoMatch);
  EXPECT_EQ(Resource("**", "*"), kNoMatch);
  EXPECT_EQ(Resource("?", "*"), kNoMatch);
  EXPECT_EQ(Resource("${*}", "*"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::${aws:userid}", "*"), kNoMatch);
}

TEST(ResourcePatternTest, SixFieldPatterns) {
  EXPECT_EQ(Resource("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/x"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::bucket", "arn:aws:s3:::bucket"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::bucket", "arn:aws:s3:::bucket2"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/a/b"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:iam::*:user/*", "arn:aws:iam::999:user/x"), kMatch);
  EXPECT_EQ(Resource("arn:aws:iam::*:user/*", "arn:aws:iam::999:role/x"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:ec2:us-east-?:*:instance/*",
                     "arn:aws:ec2:us-east-1:1:instance/i-1"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:ec2:us-east-?:*:instance/*",
                     "arn:aws:ec2:us-east-10:1:instance/i-1"),
            kNoMatch);
  // Wildcard in the service field is globbed at evaluation time (spec §3.2 item 3).
  EXPECT_EQ(Resource("arn:aws:s*:::b", "arn:aws:s3:::b"), kMatch);
  // Wildcard in the resource type word is just globbed (item 6).
  EXPECT_EQ(Resource("arn:aws:iam::1:*/x", "arn:aws:iam::1:user/x"), kMatch);
}

TEST(ResourcePatternTest, ResourceIdStarCrossesSlashAndColon) {
  // spec §3.2 item 4 example.
  EXPECT_EQ(Resource("arn:aws:logs:us-east-1:A:log-group:app:*",
                     "arn:aws:logs:us-east-1:A:log-group:app:log-stream:s1"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:logs:us-east-1:A:log-group:*",
                     "arn:aws:logs:us-east-1:A:log-group:x:y:z"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:logs:us-east-1:A:log-group:a?b",
                     "arn:aws:logs:us-east-1:A:log-group:a:b"),
            kMatch);
}

TEST(ResourcePatternTest, MiddleFieldStarIsFieldLocal) {
  // spec §3.2 item 5 / §11 item 7: a `*` ending a middle field of a six-field pattern does not
  // reach into the next field.
  EXPECT_EQ(Resource("arn:aws:s3:us-*:1:b", "arn:aws:s3:us-east-1:1:b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:us-*:1:b", "arn:aws:s3:us-east-1:2:1:b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:*:*:*:b", "arn:aws:s3:x:y:z:b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:*:*:*:*", "arn:aws:s3:x:y:z:b"), kMatch);
}

TEST(ResourcePatternTest, ShortPatternsWithTrailingStar) {
  // spec §3.2 item 5, §10 item 16.
  EXPECT_EQ(Resource("arn:aws:s3:*", "arn:aws:s3:::bucket/key"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:*", "arn:aws:s3:us-east-1:1:accesspoint/x"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:*", "arn:aws:sqs:us-east-1:1:q"), kNoMatch);
  EXPECT_EQ(Resource("arn:*", "arn:aws:iam::1:user/x"), kMatch);
  EXPECT_EQ(Resource("arn:*", "arn:aws-cn:s3:::b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:*", "arn:aws:s3:::b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:*", "arn:aws-cn:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::*", "arn:aws:s3:::b"), kMatch);
  // The last field's glob still has to match from its own start.
  EXPECT_EQ(Resource("arn:aws:s3:us-*", "arn:aws:s3:us-east-1:1:x"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:us-*", "arn:aws:s3:eu-west-1:1:x"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:us-*", "arn:aws:s3::1:us-x"), kNoMatch);
  // Earlier fields stay field-local: `a*` cannot reach into the service field.
  EXPECT_EQ(Resource("arn:a*:x*", "arn:aws:s3:::xbucket"), kNoMatch);
  EXPECT_EQ(Resource("arn:a*:s*", "arn:aws:s3:::xbucket"), kMatch);
}

TEST(ResourcePatternTest, ShortPatternsWithoutTrailingStarMatchNothing) {
  EXPECT_EQ(Resource("arn:aws:s3", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:*b", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:?", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:", "arn:aws:s3:::b"), kNoMatch);
  // A `*` that comes from an escape or a variable is literal and does not count (only
  // reachable with kAllFields: short values have no resource-id to substitute in).
  EXPECT_EQ(Resource("arn:aws:s3:${*}", "arn:aws:s3:::b", true, ArnVariableScope::kAllFields),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:${star}", "arn:aws:s3:::b", true, ArnVariableScope::kAllFields),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:x${*}", "arn:aws:s3:x*:1:b", true, ArnVariableScope::kAllFields),
            kNoMatch);
  // Default scope: `${*}` in a short value is plain text around a real wildcard.
  EXPECT_EQ(Resource("arn:aws:s3:${*}", "arn:aws:s3:::b"), kNoMatch);
}

TEST(ResourcePatternTest, CaseSensitive) {
  // spec §3.2, §8, §10 item 17.
  EXPECT_EQ(Resource("arn:aws:iam::1:user/Alice", "arn:aws:iam::1:user/alice"), kNoMatch);
  EXPECT_EQ(Resource("arn:AWS:s3:::b", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:S3:::b", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::B*", "arn:aws:s3:::bucket"), kNoMatch);
}

TEST(ResourcePatternTest, VariablesInResourceId) {
  EXPECT_EQ(Resource("arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/alice/x"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/bob/x"),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/home/${aws:userid}/*", "arn:aws:s3:::b/home/bob/x"),
            kUnresolved);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:userid, 'shared'}/*", "arn:aws:s3:::b/shared/x"),
            kMatch);
  // Substituted `*` is literal (spec §10 item 5).
  EXPECT_EQ(Resource("arn:aws:s3:::b/${star}", "arn:aws:s3:::b/anything"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${star}", "arn:aws:s3:::b/*"), kMatch);
  // A colon inside a resource-id variable value is just text.
  EXPECT_EQ(Resource("arn:aws:s3:::b/${colon}", "arn:aws:s3:::b/a:b"), kMatch);
  // Escapes (spec §5 example).
  EXPECT_EQ(Resource("arn:aws:s3:::b/a${*}b", "arn:aws:s3:::b/a*b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/a${*}b", "arn:aws:s3:::b/axb"), kNoMatch);
  // kUnresolved once the variable part is reached (the value matches nothing either way).
  EXPECT_EQ(Resource("arn:aws:s3:::zzz/${nope}", "arn:aws:s3:::zzz/q"), kUnresolved);
  // A mismatch in a field without variables is found first.
  EXPECT_EQ(Resource("arn:aws:s3:::zzz/${nope}", "arn:aws:sqs:::q"), kNoMatch);
  EXPECT_TRUE(ResourcePattern::Compile("arn:aws:s3:::b/${aws:username}", true).has_variables());
}

TEST(ResourcePatternTest, VariablesOutsideResourceIdStayLiteral) {
  // Default scope (spec §5): region/account variables are not substituted.
  EXPECT_EQ(Resource("arn:aws:secretsmanager:*:${aws:PrincipalAccount}:secret:*",
                     "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:sqs:${aws:RequestedRegion}:1:q", "arn:aws:sqs:us-east-1:1:q"),
            kNoMatch);
  EXPECT_FALSE(
      ResourcePattern::Compile("arn:aws:sqs:${aws:RequestedRegion}:1:q", true).has_variables());
}

TEST(ResourcePatternTest, AllFieldsScopeSubstitutesEverywhere) {
  constexpr auto kAll = ArnVariableScope::kAllFields;
  EXPECT_EQ(Resource("arn:aws:secretsmanager:*:${aws:PrincipalAccount}:secret:*",
                     "arn:aws:secretsmanager:us-east-1:111122223333:secret:x", true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:"
                     "secret:${aws:username}",
                     "arn:aws:secretsmanager:us-east-1:111122223333:secret:alice", true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:sqs:${aws:RequestedRegion}:1:q", "arn:aws:sqs:eu-west-1:1:q",
                     true, kAll),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:sqs:${nope}:1:q", "arn:aws:sqs:eu-west-1:1:q", true, kAll),
            kUnresolved);
  // A substituted colon in a prefix field splits fields (split after substitution).
  EXPECT_EQ(Resource("arn:aws:${colon}::q", "arn:aws:a:b::q", true, kAll), kMatch);
}

TEST(ResourcePatternTest, AllFieldsScopeVariablesOnlyInResourceId) {
  // The static-prefix fast path (no variable before the fifth colon) agrees with the rules.
  constexpr auto kAll = ArnVariableScope::kAllFields;
  const char* home = "arn:aws:s3:::corp/home/${aws:username}/*";
  EXPECT_EQ(Resource(home, "arn:aws:s3:::corp/home/alice/x", true, kAll), kMatch);
  EXPECT_EQ(Resource(home, "arn:aws:s3:::corp/home/bob/x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource(home, "arn:aws:s3:::corp/other/alice/x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource(home, "arn:aws:s3:us-east-1::corp/home/alice/x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource(home, "arn:aws:sqs:::corp/home/alice/x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource(home, "corp/home/alice/x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource(home, "*", true, kAll), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::corp/${nope}/*", "arn:aws:s3:::corp/a/b", true, kAll),
            kUnresolved);
  EXPECT_EQ(Resource("arn:aws:s3:::corp/${nope, 'd'}/*", "arn:aws:s3:::corp/d/b", true, kAll),
            kMatch);
  // Wildcards and globs in the prefix fields.
  EXPECT_EQ(Resource("arn:aws:s3:*:1111*:b/${aws:username}", "arn:aws:s3:eu:11112:b/alice",
                     true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:*:1111*:b/${aws:username}", "arn:aws:s3:eu:2111:b/alice",
                     true, kAll),
            kNoMatch);
  EXPECT_EQ(Resource("arn:a?s:s*3:e*:1:${aws:username}", "arn:aws:sxx3:eu:1:alice", true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:a?s:s*3:e*:1:${aws:username}", "arn:aws:sxx3:us:1:alice", true, kAll),
            kNoMatch);
  // The variable starts the resource-id; its value may hold colons and stars (literal).
  EXPECT_EQ(Resource("arn:aws:s3:::${colon}", "arn:aws:s3:::a:b", true, kAll), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::${star}", "arn:aws:s3:::x", true, kAll), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::${star}", "arn:aws:s3:::*", true, kAll), kMatch);
  // The fifth colon inside the literal before the variable; the rest of it is resource-id.
  EXPECT_EQ(Resource("arn:aws:logs:us-east-1:1:log-group:${aws:username}:*",
                     "arn:aws:logs:us-east-1:1:log-group:alice:log-stream:s", true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:logs:us-east-1:1:log-group:${aws:username}:*",
                     "arn:aws:logs:us-east-1:1:log-group:bob:log-stream:s", true, kAll),
            kNoMatch);
  // Escapes in the prefix fields stay literal.
  EXPECT_EQ(Resource("arn:aws:s${*}:::${aws:username}", "arn:aws:s*:::alice", true, kAll),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:s${*}:::${aws:username}", "arn:aws:s3:::alice", true, kAll),
            kNoMatch);
}

TEST(ResourcePatternTest, StaticFieldTests) {
  // Exact, prefix (`text*`), any (`*`) and general globs per field, with and without variables.
  EXPECT_EQ(Resource("arn:aws:s3:::b", "arn:aws:s3:::b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b", "arn:aws:s3x:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b", "arn:aws:s:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws*:s3:::b", "arn:aws-cn:s3:::b"), kMatch);
  EXPECT_EQ(Resource("arn:aws*:s3:::b", "arn:aw:s3:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:*:s3:*:*:b", "arn:aws:s3:eu:1:b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:*3:::b", "arn:aws:s3:::b"), kMatch);
  EXPECT_EQ(Resource("arn:aws:*3:::b", "arn:aws:s4:::b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:ec2:*:111122223333:thing-0/*",
                     "arn:aws:ec2:eu-west-1:111122223333:thing-0/x"),
            kMatch);
  EXPECT_EQ(Resource("arn:aws:ec2:*:111122223333:thing-0/*",
                     "arn:aws:ec2:eu-west-1:111122223334:thing-0/x"),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:ec2:*:111122223333:thing-0/*", "arn:aws:ec2:eu-west-1::thing-0/x"),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::c/alice/x"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/alice/x"), kMatch);
}

TEST(ResourcePatternTest, Version2008IsLiteral) {
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/alice", false),
            kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/${aws:username}", false),
            kMatch);
  // `${*}` is not an escape there: `*` is a wildcard.
  EXPECT_EQ(Resource("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/${xyz}", false), kMatch);
}

TEST(ResourcePatternTest, NonArnValues) {
  // Policy value that is not an ARN: plain glob, no substitution.
  EXPECT_EQ(Resource("bucket*", "bucket-1"), kMatch);
  EXPECT_EQ(Resource("bucket*", "Bucket-1"), kNoMatch);
  EXPECT_EQ(Resource("${aws:username}", "alice"), kNoMatch);
  EXPECT_EQ(Resource("${aws:username}", "${aws:username}"), kMatch);
  EXPECT_EQ(Resource("*/x", "arn:aws:s3:::b/x"), kMatch);
  // Request value that is not an ARN vs an ARN pattern: whole-string glob.
  EXPECT_EQ(Resource("arn:*", "arn:foo"), kMatch);
  EXPECT_EQ(Resource("arn:aws:s3:*", "arn:aws:s3"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b", "b"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${aws:username}", "arn:aws"), kNoMatch);
  EXPECT_EQ(Resource("arn:aws:s3:::b/${nope}", "arn:aws"), kUnresolved);
  EXPECT_EQ(Resource("arn:aws:s3:::b", ""), kNoMatch);
}

TEST(ResourcePatternTest, DefaultConstructedMatchesNothing) {
  EXPECT_EQ(ResourcePattern().Match(ResourceValue::Parse("*"), Context()), kNoMatch);
  EXPECT_EQ(ResourcePattern().Match(ResourceValue::Parse("arn:aws:s3:::b"), Context()),
            kNoMatch);
}

TEST(ResourcePatternTest, MalformedVariable) {
  const ResourcePattern p = ResourcePattern::Compile("arn:aws:s3:::b/${}", true);
  EXPECT_TRUE(p.has_malformed_variable());
  EXPECT_EQ(p.Match(ResourceValue::Parse("arn:aws:s3:::b/${}"), Context()), kUnresolved);
}

TEST(ArnConditionTest, DocExampleArnLikeVsStringLike) {
  // spec §4.3 / §10 item 15.
  const std::string policy = "arn:aws:svc:*:A:finance/*";
  const std::string request = "arn:aws:svc:us-east-2:999:store/abc:A:finance/x";
  EXPECT_EQ(ArnLike(policy, request), kNoMatch);
  EXPECT_TRUE(Glob::Compile(policy).Matches(request));  // StringLike: plain glob
}

TEST(ArnConditionTest, FieldWise) {
  EXPECT_EQ(ArnLike("arn:aws:iam::*:role/x", "arn:aws:iam::123:role/x"), kMatch);
  EXPECT_EQ(ArnLike("arn:aws:iam::*:role/*", "arn:aws:iam::123:role/a/b"), kMatch);
  EXPECT_EQ(ArnLike("arn:aws:iam::*:role/*", "arn:aws:iam::123:user/a"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:sns:*:*:*", "arn:aws:sns:us-east-1:1:topic"), kMatch);
  EXPECT_EQ(ArnLike("arn:*:*:*:*:*", "arn:aws:s3:::b"), kMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:::b", "arn:aws:s3:::b"), kMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:::b", "arn:aws:s3:::B"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:s?:::b", "arn:aws:s3:::b"), kMatch);
  // A star in the account field does not swallow the next colon.
  EXPECT_EQ(ArnLike("arn:aws:s3:*:x", "arn:aws:s3:a:b:x"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:r:1:log-group:a:b"), kMatch);
  EXPECT_EQ(ArnLike("arn:aws:logs:*:*:*", "arn:aws:logs:r:1:log-group:a:b"), kMatch);
}

TEST(ArnConditionTest, ShortOrNonArnValuesMatchNothing) {
  EXPECT_EQ(ArnLike("*", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:*", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:*", "arn:aws:s3:::b"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:::b", "not-an-arn"), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:::b", ""), kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:s3:::*", "*"), kNoMatch);
  EXPECT_EQ(ArnConditionPattern().Match("arn:aws:s3:::b", Context()), kNoMatch);
}

TEST(ArnConditionTest, VariablesInAnyField) {
  EXPECT_EQ(ArnLike("arn:aws:iam::${aws:PrincipalAccount}:role/*",
                    "arn:aws:iam::111122223333:role/x"),
            kMatch);
  EXPECT_EQ(ArnLike("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::9:role/x"),
            kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:iam::${nope}:role/*", "arn:aws:iam::9:role/x"), kUnresolved);
  // A whole ARN from a variable is split after substitution.
  EXPECT_EQ(ArnLike("${aws:PrincipalArn}", "arn:aws:iam::111122223333:role/r"), kMatch);
  EXPECT_EQ(ArnLike("${aws:PrincipalArn}", "arn:aws:iam::111122223333:role/s"), kNoMatch);
  // Substituted `*` is literal.
  EXPECT_EQ(ArnLike("arn:aws:iam::${star}:role/x", "arn:aws:iam::1:role/x"), kNoMatch);
  // Version 2008: literal text.
  EXPECT_EQ(ArnLike("arn:aws:iam::${aws:PrincipalAccount}:role/x",
                    "arn:aws:iam::111122223333:role/x", false),
            kNoMatch);
  EXPECT_EQ(ArnLike("arn:aws:iam::*:role/${aws:username}", "arn:aws:iam::1:role/${aws:username}",
                    false),
            kMatch);
}

TEST(ArnConditionTest, PreParsedRequest) {
  const ArnConditionPattern p = ArnConditionPattern::Compile("arn:aws:s3:::b/*", true);
  const auto request = ParseArn("arn:aws:s3:::b/k");
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(p.Match(*request, Context()), kMatch);
  EXPECT_FALSE(p.has_variables());
}

TEST(ArnMatchingTest, ArbitraryInputsNeverCrash) {
  const char alphabet[] = {'a', ':', '*', '?', '$', '{', '}'};
  std::vector<std::string> inputs = {""};
  for (std::size_t len = 0; len < 6; ++len) {
    const std::size_t n = inputs.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (inputs[i].size() != len) continue;
      for (char c : alphabet) inputs.push_back(inputs[i] + c);
    }
  }
  const std::string requests[] = {"arn:a:a:a:a:a", "arn:::::", "arn:a", "*", "", "arn:a:a:a:a:a:a"};
  for (const std::string& input : inputs) {
    const std::string policy = "arn:" + input;
    for (ArnVariableScope scope :
         {ArnVariableScope::kResourceIdOnly, ArnVariableScope::kAllFields}) {
      const ResourcePattern rp = ResourcePattern::Compile(policy, true, scope);
      const ResourcePattern other = ResourcePattern::Compile(input, true, scope);
      for (const std::string& r : requests) {
        (void)rp.Match(ResourceValue::Parse(r), Context());
        (void)other.Match(ResourceValue::Parse(r), Context());
      }
    }
    const ArnConditionPattern cp = ArnConditionPattern::Compile(policy, true);
    for (const std::string& r : requests) (void)cp.Match(r, Context());
  }
  SUCCEED();
}

}  // namespace
}  // namespace iameval::internal
