// Pattern inclusion (analysis/pattern_inclusion.h) and the automaton search behind it,
// checked by hand-written cases and against the request matchers on random patterns: every
// "not included" comes with a witness that the real matchers accept for the inner pattern and
// reject for the outer one, and every "included" survives random strings.
#include "analysis/pattern_inclusion.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "analysis/pattern_language.h"
#include "match/arn.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

TEST(GlobInclusionTest, Basics) {
  EXPECT_TRUE(GlobIncludes("*", "anything*"));
  EXPECT_TRUE(GlobIncludes("s3:Get*", "s3:GetObject*"));
  EXPECT_FALSE(GlobIncludes("s3:GetObject*", "s3:Get*"));
  EXPECT_TRUE(GlobIncludes("a*", "a?c"));
  EXPECT_FALSE(GlobIncludes("a?c", "a*"));
  EXPECT_TRUE(GlobIncludes("*a*b*", "*ab*"));
  EXPECT_FALSE(GlobIncludes("*ab*", "*a*b*"));
  EXPECT_TRUE(GlobIncludes("*", ""));
  EXPECT_TRUE(GlobIncludes("", ""));
  EXPECT_FALSE(GlobIncludes("", "?"));
  EXPECT_TRUE(GlobIncludes("??*", "*??"));
  EXPECT_TRUE(GlobIncludes("*x*", "x*x"));
  // `*a` with `?`s: the search must track positions, not just the last star.
  EXPECT_TRUE(GlobIncludes("*a?", "*aa?"));
  EXPECT_FALSE(GlobIncludes("*a??", "*a?"));
}

TEST(GlobInclusionTest, CaseModes) {
  EXPECT_FALSE(GlobIncludes("s3:get*", "s3:GetObject"));
  EXPECT_TRUE(GlobIncludes("s3:get*", "S3:GetObject", CaseMode::kAsciiInsensitive));
  EXPECT_TRUE(GlobIncludes("S3:*OBJECT", "s3:getobject", CaseMode::kAsciiInsensitive));
}

TEST(GlobInclusionTest, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(GlobIncludes("a?", "a\xC3\xA9"));          // "aé"
  EXPECT_TRUE(GlobIncludes("?\xE2\x82\xAC", "\xC3\xA9\xE2\x82\xAC"));  // "?€" includes "é€"
  EXPECT_FALSE(GlobIncludes("a?", "a\xC3\xA9x"));
}

TEST(GlobInclusionTest, PathologicalPatternsStayBounded) {
  // `*a` followed by many `?` needs exponentially many subset states: the search gives up
  // with kUnknown instead of running away, and the bool form says "not proven".
  const std::string outer = "*a" + std::string(40, '?');
  const std::string inner = "*a" + std::string(41, '?');
  SearchLimits limits;
  limits.max_states = 5000;
  const auto start = std::chrono::steady_clock::now();
  const Inclusion result = GlobInclusion(outer, "*b" + std::string(40, '?'), CaseMode::kSensitive,
                                         limits);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(result, Inclusion::kIncluded);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5);
  EXPECT_FALSE(GlobIncludes(outer, "*b" + std::string(40, '?')));
  // Many stars are cheap: the automaton grows linearly.
  std::string many;
  for (int i = 0; i < 200; ++i) many += "*a";
  EXPECT_TRUE(GlobIncludes("*", many));
  EXPECT_TRUE(GlobIncludes(many + "*", many + "*a"));
  (void)inner;
}

TEST(ResourcePatternInclusionTest, ArnRules) {
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:s3:::*", "arn:aws:s3:::bkt/*"));
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:::bkt/*", "arn:aws:s3:::*"));
  EXPECT_TRUE(ResourcePatternIncludes("*", "arn:aws:s3:::bkt/*"));
  EXPECT_TRUE(ResourcePatternIncludes("*", "*"));
  // Only `*` names the request resource `*`.
  EXPECT_FALSE(ResourcePatternIncludes("arn:*", "*"));
  EXPECT_TRUE(ResourcePatternIncludes("arn:*", "arn:aws:s3:::bkt"));
  // Short trailing-star patterns reach over the remaining fields (§3.2.5).
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:s3:*", "arn:aws:s3:::bkt/*"));
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:s3:*", "arn:aws:s3:us-east-1:1:x:y"));
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:*", "arn:aws:ec2:*:*:*"));
  // A star in the region field does not cross colons; in the resource id it does.
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:ec2:*:*:*", "arn:aws:ec2:us-east-1:1:a:b/c"));
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:logs:*:*:log-group:app:*",
                                      "arn:aws:logs:us-east-1:1:log-group:app:log-stream:s1"));
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:ec2:u*:1:x", "arn:aws:ec2:*:1:x"));
  // Resource matching is case-sensitive.
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:::Bkt/*", "arn:aws:s3:::bkt/*"));
  // A short pattern without trailing star matches no ARN, only the (non-ARN) text itself
  // (arn.h rule 5).
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:::x", "arn:aws:s3"));
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:*", "arn:aws:s3"));
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3", "arn:aws:s3:::x"));
}

TEST(ResourcePatternInclusionTest, PolicyVariables) {
  // As the outer pattern a variable includes nothing (unresolved, it matches nothing)...
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:::home/${aws:username}/*",
                                       "arn:aws:s3:::home/alice/*"));
  // ...as the inner one it stands for any text.
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:s3:::home/*",
                                      "arn:aws:s3:::home/${aws:username}/*"));
  EXPECT_FALSE(ResourcePatternIncludes("arn:aws:s3:::home/a*",
                                       "arn:aws:s3:::home/${aws:username}/*"));
  // Without substitution (Version 2008-10-17) the text is literal.
  EXPECT_TRUE(ResourcePatternIncludes("arn:aws:s3:::home/${aws:username}/*",
                                      "arn:aws:s3:::home/${aws:username}/x", false));
}

// --- Random cross-check against the request matchers -------------------------------------

std::string RandomGlob(std::mt19937& rng, const std::string& alphabet, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() + 1);
  std::string out;
  for (size_t n = len(rng); n > 0; --n) {
    const size_t c = pick(rng);
    out.push_back(c == alphabet.size() ? '*' : c == alphabet.size() + 1 ? '?' : alphabet[c]);
  }
  return out;
}

std::string RandomString(std::mt19937& rng, const std::string& alphabet, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (size_t n = len(rng); n > 0; --n) out.push_back(alphabet[pick(rng)]);
  return out;
}

TEST(GlobInclusionTest, AgreesWithTheMatcherOnRandomPatterns) {
  std::mt19937 rng(7);
  int included = 0;
  int refuted = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string outer = RandomGlob(rng, "ab", 6);
    const std::string inner = RandomGlob(rng, "ab", 6);
    const Glob outer_glob = Glob::Compile(outer);
    const Glob inner_glob = Glob::Compile(inner);
    const PatternLanguage in = PatternLanguage::Of(PlainGlobPattern(inner));
    const PatternLanguage out = PatternLanguage::Of(PlainGlobPattern(outer));
    const WitnessResult w = FindWitness(
        {&in, &out}, [](const AcceptSet& s) { return s.Test(0) && !s.Test(1); });
    ASSERT_NE(w.outcome, SearchOutcome::kUnknown) << outer << " / " << inner;
    if (w.outcome == SearchOutcome::kFound) {
      ++refuted;
      EXPECT_TRUE(inner_glob.Matches(w.word)) << inner << " witness " << w.word;
      EXPECT_FALSE(outer_glob.Matches(w.word)) << outer << " witness " << w.word;
    } else {
      ++included;
      for (int k = 0; k < 30; ++k) {
        const std::string s = RandomString(rng, "abc", 8);
        if (inner_glob.Matches(s)) {
          EXPECT_TRUE(outer_glob.Matches(s)) << outer << " " << inner;
        }
      }
    }
  }
  EXPECT_GT(included, 100);
  EXPECT_GT(refuted, 100);
}

TEST(ResourcePatternInclusionTest, WitnessesAgreeWithResourcePattern) {
  std::mt19937 rng(11);
  const std::vector<std::string> heads = {"arn:", "arn:a", "arn:a:", "arn:a:s:", "arn:a:s::",
                                          "arn:a:s:r:1:", "arn:*:", "*", ""};
  int refuted = 0;
  int included = 0;
  for (int i = 0; i < 3000; ++i) {
    std::uniform_int_distribution<size_t> pick(0, heads.size() - 1);
    const std::string outer = heads[pick(rng)] + RandomGlob(rng, "a:/", 5);
    const std::string inner = heads[pick(rng)] + RandomGlob(rng, "a:/", 5);
    const ResourcePattern outer_p = ResourcePattern::Compile(outer, true);
    const ResourcePattern inner_p = ResourcePattern::Compile(inner, true);
    const Inclusion inclusion = ResourcePatternInclusion(outer, inner);
    ASSERT_NE(inclusion, Inclusion::kUnknown);
    // Probe with random resources near both patterns.
    for (int k = 0; k < 40; ++k) {
      std::string s = heads[pick(rng)] + RandomString(rng, "a:/", 6);
      if (k == 0) s = "*";
      const ResourceValue value = ResourceValue::Parse(s);
      const bool in = inner_p.Match(value, EmptyVariableResolver()) == MatchResult::kMatch;
      const bool out = outer_p.Match(value, EmptyVariableResolver()) == MatchResult::kMatch;
      if (inclusion == Inclusion::kIncluded && in) {
        EXPECT_TRUE(out) << "outer " << outer << " inner " << inner << " resource " << s;
      }
      if (in && !out) {
        EXPECT_EQ(inclusion, Inclusion::kNotIncluded) << outer << " / " << inner << " / " << s;
      }
    }
    (inclusion == Inclusion::kIncluded ? included : refuted)++;
  }
  EXPECT_GT(included, 100);
  EXPECT_GT(refuted, 100);
}

TEST(PatternLanguageTest, ArnFormatUniverse) {
  const PatternLanguage object = PatternLanguage::Of(
      ArnFormatPattern("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "aws"));
  EXPECT_TRUE(LanguageContains(object, "arn:aws:s3:::b/k"));
  EXPECT_TRUE(LanguageContains(object, "arn:aws:s3:::b/k:with:colons/x"));
  EXPECT_FALSE(LanguageContains(object, "arn:aws:s3:::b"));
  EXPECT_FALSE(LanguageContains(object, "arn:aws-cn:s3:::b/k"));
  EXPECT_FALSE(LanguageContains(object, "arn:aws:s3:::/k"));  // names are not empty
  const PatternLanguage any = PatternLanguage::Of(AnyArnPattern(""));
  EXPECT_TRUE(LanguageContains(any, "arn:x:y:z:w:v"));
  EXPECT_FALSE(LanguageContains(any, "arn:x:y:z:w"));
}

}  // namespace
}  // namespace iameval::internal
