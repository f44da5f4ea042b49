// Tests for match/policy_variables.h (spec §5, §10 items 4, 5, 7; §11 item 4).
#include "match/policy_variables.h"

#include <map>
#include <optional>
#include <string>

#include "gtest/gtest.h"

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

TemplateOptions Like(bool substitute = true) {
  TemplateOptions options;
  options.substitute_variables = substitute;
  options.wildcards = true;
  return options;
}
TemplateOptions Equals(bool substitute = true) {
  TemplateOptions options = Like(substitute);
  options.wildcards = false;
  return options;
}

MatchResult MatchLike(std::string_view pattern, std::string_view subject,
                      const VariableResolver& resolver, bool substitute = true) {
  return PolicyTemplate::Compile(pattern, Like(substitute)).Match(subject, resolver);
}

const MapResolver& Alice() {
  static const MapResolver* const kResolver = new MapResolver{
      {"aws:username", "alice"},
      {"aws:principaltag/team", "blue"},
      {"aws:principaltag/cost center", "cc-1"},
      {"star", "*"},
      {"question", "?"},
      {"dollar", "${aws:username}"},
      {"empty", ""},
      {"arn", "arn:aws:iam::111122223333:role/r"},
  };
  return *kResolver;
}

TEST(PolicyTemplateTest, PlainTextWithoutVariables) {
  const PolicyTemplate t = PolicyTemplate::Compile("home/*/x?", Like());
  EXPECT_FALSE(t.has_variables());
  EXPECT_FALSE(t.has_malformed_variable());
  EXPECT_EQ(t.Match("home/a/b/xy", EmptyVariableResolver()), kMatch);
  EXPECT_EQ(t.Match("home/a/b/x", EmptyVariableResolver()), kNoMatch);
  ASSERT_EQ(t.static_pieces().size(), 4u);
}

TEST(PolicyTemplateTest, SubstitutesVariableAsLiteral) {
  EXPECT_EQ(MatchLike("home/${aws:username}/*", "home/alice/notes", Alice()), kMatch);
  EXPECT_EQ(MatchLike("home/${aws:username}/*", "home/bob/notes", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${aws:username}", "alice", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${aws:username}", "alicex", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("a${aws:username}b${aws:username}c", "aalicebalicec", Alice()), kMatch);
  EXPECT_EQ(MatchLike("*${aws:username}*", "xxalicexx", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${aws:PrincipalTag/team}-*", "blue-1", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${empty}", "", Alice()), kMatch);
  EXPECT_EQ(MatchLike("a${empty}b", "ab", Alice()), kMatch);
}

TEST(PolicyTemplateTest, KeyNamesAreCaseInsensitive) {
  EXPECT_EQ(MatchLike("${AWS:UserName}", "alice", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${aws:PRINCIPALTAG/TEAM}", "blue", Alice()), kMatch);
  const PolicyTemplate t = PolicyTemplate::Compile("${AWS:UserName}", Like());
  ASSERT_EQ(t.tokens().size(), 1u);
  EXPECT_EQ(t.tokens()[0].kind, TemplateTokenKind::kVariable);
  EXPECT_EQ(t.tokens()[0].text, "aws:username");
  // Values are not case-folded.
  EXPECT_EQ(MatchLike("${aws:username}", "Alice", Alice()), kNoMatch);
}

TEST(PolicyTemplateTest, SubstitutedWildcardsAreLiteral) {
  // spec §5 / §10 item 5: aws:username = "*" must not match every user.
  EXPECT_EQ(MatchLike("home/${star}", "home/anything", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("home/${star}", "home/*", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${question}", "x", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${question}", "?", Alice()), kMatch);
  // A value that looks like a variable is not substituted again.
  EXPECT_EQ(MatchLike("${dollar}", "alice", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${dollar}", "${aws:username}", Alice()), kMatch);
}

TEST(PolicyTemplateTest, Escapes) {
  EXPECT_EQ(MatchLike("a${*}b", "a*b", Alice()), kMatch);
  EXPECT_EQ(MatchLike("a${*}b", "axxb", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("a${?}b", "a?b", Alice()), kMatch);
  EXPECT_EQ(MatchLike("a${?}b", "axb", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${$}{x}", "${x}", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${$}", "$", Alice()), kMatch);
  EXPECT_EQ(MatchLike("b/a${*}b", "b/a*b", Alice()), kMatch);
  // Escapes next to real wildcards.
  EXPECT_EQ(MatchLike("*${*}*", "x*y", Alice()), kMatch);
  EXPECT_EQ(MatchLike("*${*}*", "xy", Alice()), kNoMatch);
  // Escapes need no resolver values.
  const PolicyTemplate t = PolicyTemplate::Compile("${*}${?}${$}", Like());
  EXPECT_FALSE(t.has_variables());
  EXPECT_EQ(t.Match("*?$", EmptyVariableResolver()), kMatch);
  // Escapes are exact: with spaces they are an ordinary key (that has no value).
  EXPECT_EQ(MatchLike("${ * }", "*", Alice()), kUnresolved);
}

TEST(PolicyTemplateTest, MissingVariable) {
  EXPECT_EQ(MatchLike("home/${aws:userid}/*", "home/x/y", Alice()), kUnresolved);
  EXPECT_EQ(MatchLike("${nope}", "", Alice()), kUnresolved);
  // Unresolved wins even when the rest could never match.
  EXPECT_EQ(MatchLike("zzz${nope}", "abc", Alice()), kUnresolved);
  EXPECT_EQ(PolicyTemplate::Compile("${aws:username}", Like())
                .Match("alice", EmptyVariableResolver()),
            kUnresolved);
  EXPECT_EQ(PolicyTemplate::Compile("${aws:username}", Like()).Render(EmptyVariableResolver()),
            std::nullopt);
}

TEST(PolicyTemplateTest, Defaults) {
  EXPECT_EQ(MatchLike("${aws:userid, 'anon'}", "anon", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${aws:username, 'anon'}", "alice", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${aws:username, 'anon'}", "anon", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${missing, ''}", "", Alice()), kMatch);
  // Default text is literal.
  EXPECT_EQ(MatchLike("${missing, '*'}", "x", Alice()), kNoMatch);
  EXPECT_EQ(MatchLike("${missing, '*'}", "*", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${missing, 'a}b'}", "a}b", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${missing, 'has space'}", "has space", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${missing, '${x}'}", "${x}", Alice()), kMatch);
  const PolicyTemplate t = PolicyTemplate::Compile("${K, 'D'}", Like());
  ASSERT_EQ(t.tokens().size(), 1u);
  EXPECT_TRUE(t.tokens()[0].has_default);
  EXPECT_EQ(t.tokens()[0].default_value, "D");  // default keeps its case
}

TEST(PolicyTemplateTest, DefaultSpacingIsLenient) {
  // Decision (spec §10 item 7, §11 item 4): whitespace around key, comma and default is
  // optional. The peer treats `${k,'d'}` as unresolvable; we use the default.
  for (const char* pattern :
       {"${missing,'d'}", "${missing, 'd'}", "${missing ,'d'}", "${ missing , 'd' }",
        "${missing,\t'd'}", "${missing,  'd'}"}) {
    EXPECT_EQ(MatchLike(pattern, "d", Alice()), kMatch) << pattern;
  }
  EXPECT_EQ(MatchLike("${ aws:username }", "alice", Alice()), kMatch);
  // Keys may contain inner spaces (tag keys can).
  EXPECT_EQ(MatchLike("${aws:PrincipalTag/Cost Center}", "cc-1", Alice()), kMatch);
}

TEST(PolicyTemplateTest, MalformedReferencesMatchNothing) {
  for (const char* pattern :
       {"${}", "${ }", "a${}b", "${a${b}}", "${a{b}", "${k,}", "${k, d}", "${k, \"d\"}",
        "${k, 'd' x}", "${k, 'd}", "${a'b}", "${k,'a'}${}"}) {
    const PolicyTemplate t = PolicyTemplate::Compile(pattern, Like());
    EXPECT_TRUE(t.has_malformed_variable()) << pattern;
    EXPECT_EQ(t.Match(pattern, Alice()), kUnresolved) << pattern;
    EXPECT_EQ(t.Match("", Alice()), kUnresolved) << pattern;
  }
  // Nested: the reference runs to the first `}`; the rest is plain text (but the value is
  // unresolvable as a whole).
  const PolicyTemplate nested = PolicyTemplate::Compile("${a${b}}x", Like());
  ASSERT_EQ(nested.tokens().size(), 2u);
  EXPECT_EQ(nested.tokens()[0].kind, TemplateTokenKind::kMalformed);
  EXPECT_EQ(nested.tokens()[0].text, "${a${b}");
  EXPECT_EQ(nested.tokens()[1].text, "}x");
}

TEST(PolicyTemplateTest, UnterminatedReferenceIsLiteral) {
  // No `}` after `${`: the two characters are text, scanning continues, later wildcards stay.
  EXPECT_EQ(MatchLike("a${b", "a${b", Alice()), kMatch);
  EXPECT_EQ(MatchLike("a${b*", "a${bcd", Alice()), kMatch);
  EXPECT_EQ(MatchLike("a${b?", "a${bc", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${", "${", Alice()), kMatch);
  EXPECT_EQ(MatchLike("$", "$", Alice()), kMatch);
  EXPECT_EQ(MatchLike("x$", "x$", Alice()), kMatch);
  EXPECT_EQ(MatchLike("${k, 'd", "${k, 'd", Alice()), kMatch);
  // `${` is unterminated but a later `${$}`... has a `}`: the first `${` then starts a
  // reference reaching that `}`, which is malformed.
  EXPECT_TRUE(PolicyTemplate::Compile("${a ${$}", Like()).has_malformed_variable());
  // `$` not followed by `{` is just a dollar.
  EXPECT_EQ(MatchLike("$x{y}", "$x{y}", Alice()), kMatch);
}

TEST(PolicyTemplateTest, SubstitutionOffIsPlainGlob) {
  // Version 2008-10-17 or none: `${...}` is text, `*`/`?` stay wildcards (spec §2.1, §10.4).
  EXPECT_EQ(MatchLike("home/${aws:username}", "home/alice", Alice(), false), kNoMatch);
  EXPECT_EQ(MatchLike("home/${aws:username}", "home/${aws:username}", Alice(), false), kMatch);
  EXPECT_EQ(MatchLike("${*}", "${anything}", Alice(), false), kMatch);
  EXPECT_EQ(MatchLike("${*}", "*", Alice(), false), kNoMatch);
  EXPECT_EQ(MatchLike("${?}", "${x}", Alice(), false), kMatch);
  EXPECT_EQ(MatchLike("${}", "${}", Alice(), false), kMatch);
  const PolicyTemplate t = PolicyTemplate::Compile("${aws:username}", Like(false));
  EXPECT_FALSE(t.has_variables());
  EXPECT_EQ(t.Match("${aws:username}", EmptyVariableResolver()), kMatch);
}

TEST(PolicyTemplateTest, EqualsModeTreatsWildcardsAsText) {
  auto equals = [](std::string_view p, std::string_view s, bool substitute = true) {
    return PolicyTemplate::Compile(p, Equals(substitute)).Match(s, Alice());
  };
  EXPECT_EQ(equals("a*b", "a*b"), kMatch);
  EXPECT_EQ(equals("a*b", "axb"), kNoMatch);
  EXPECT_EQ(equals("a?b", "axb"), kNoMatch);
  EXPECT_EQ(equals("${aws:username}", "alice"), kMatch);
  EXPECT_EQ(equals("${star}", "*"), kMatch);
  EXPECT_EQ(equals("${*}", "*"), kMatch);
  EXPECT_EQ(equals("${aws:username}", "alice", false), kNoMatch);
  EXPECT_EQ(equals("${aws:username}", "${aws:username}", false), kMatch);
  EXPECT_EQ(equals("${nope}", "x"), kUnresolved);
}

TEST(PolicyTemplateTest, IgnoreCaseMode) {
  TemplateOptions options = Equals();
  options.case_mode = CaseMode::kAsciiInsensitive;
  const PolicyTemplate t = PolicyTemplate::Compile("Home/${aws:username}", options);
  EXPECT_EQ(t.Match("HOME/ALICE", Alice()), kMatch);
  EXPECT_EQ(t.Match("home/alice", Alice()), kMatch);
  EXPECT_EQ(t.Match("home/alicex", Alice()), kNoMatch);
  EXPECT_EQ(t.case_mode(), CaseMode::kAsciiInsensitive);
}

TEST(PolicyTemplateTest, VariablesFromOffset) {
  TemplateOptions options = Like();
  options.variables_from = 5;
  const PolicyTemplate t = PolicyTemplate::Compile("${a}:${aws:username}", options);
  EXPECT_EQ(t.Match("${a}:alice", Alice()), kMatch);
  EXPECT_EQ(t.Match("x:alice", Alice()), kNoMatch);
}

TEST(PolicyTemplateTest, Render) {
  const PolicyTemplate t = PolicyTemplate::Compile("a/${aws:username}/${*}*?${x, 'd'}", Like());
  EXPECT_EQ(t.Render(Alice()), std::optional<std::string>("a/alice/**?d"));
  EXPECT_EQ(PolicyTemplate().Render(Alice()), std::optional<std::string>(""));
  EXPECT_EQ(PolicyTemplate().Match("", Alice()), kMatch);
  EXPECT_EQ(PolicyTemplate().Match("x", Alice()), kNoMatch);
}

TEST(PolicyTemplateTest, ManyVariablesSpillWithoutBreaking) {
  std::string pattern;
  std::string subject;
  for (int i = 0; i < 100; ++i) {
    pattern += "${aws:username}-";
    subject += "alice-";
  }
  const PolicyTemplate t = PolicyTemplate::Compile(pattern, Like());
  EXPECT_EQ(t.Match(subject, Alice()), kMatch);
  EXPECT_EQ(t.Match(subject + "x", Alice()), kNoMatch);
}

TEST(PolicyTemplateTest, CopiesShareStorageSafely) {
  std::vector<PolicyTemplate> v;
  for (int i = 0; i < 20; ++i) {
    v.push_back(PolicyTemplate::Compile("p" + std::to_string(i) + "/${aws:username}", Like()));
  }
  const PolicyTemplate copy = v[3];
  v.clear();
  EXPECT_EQ(copy.Match("p3/alice", Alice()), kMatch);
}

TEST(PolicyTemplateTest, OneLookupPerVariablePerMatch) {
  MapResolver resolver{{"k", "v"}};
  const PolicyTemplate t = PolicyTemplate::Compile("*${k}*${k}*", Like());
  EXPECT_EQ(t.Match("xvxvx", resolver), kMatch);
  EXPECT_EQ(resolver.lookups(), 2);
}

TEST(PolicyTemplateTest, ArbitraryInputNeverCrashes) {
  // Every string over a small alphabet of the special characters, up to length 6.
  const char alphabet[] = {'$', '{', '}', '*', '?', ',', '\'', ' ', 'k'};
  std::vector<std::string> inputs = {""};
  for (std::size_t len = 0; len < 6; ++len) {
    const std::size_t n = inputs.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (inputs[i].size() != len) continue;
      for (char c : alphabet) inputs.push_back(inputs[i] + c);
    }
  }
  const MapResolver resolver{{"k", "v"}};
  for (const std::string& input : inputs) {
    for (bool substitute : {true, false}) {
      const PolicyTemplate t = PolicyTemplate::Compile(input, Like(substitute));
      (void)t.Match(input, resolver);
      (void)t.Render(resolver);
      if (!substitute) {
        EXPECT_EQ(t.Match(input, resolver), kMatch) << input;
      }
    }
  }
}

}  // namespace
}  // namespace iameval::internal
