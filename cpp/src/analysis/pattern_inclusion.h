// File: pattern_inclusion.h
// Pattern inclusion: does one pattern match every string another one matches? For IAM globs
// (`*`, `?`) and for Resource values with the ARN rules of spec §3.2 (match/arn.h): fields
// 1-4 are globbed on their own (a wildcard there never matches ':'), the resource-id's `*`
// crosses '/' and ':', a short pattern whose last field ends in `*` reaches over the rest of
// the ARN, `*` alone matches everything including the request value `*`.
//
//   GlobIncludes("s3:Get*", "s3:GetObject*")                          // true
//   ResourcePatternIncludes("arn:aws:s3:::*", "arn:aws:s3:::bkt/*")    // true
//   ResourcePatternIncludes("arn:aws:s3:::bkt/*", "arn:aws:s3:::*")    // false
//
// Exact: both reduce to an emptiness question answered by the automaton search of
// pattern_language.h (complexity and the state budget are documented there). kUnknown means
// the budget ran out; the bool forms then answer false ("not proven"), which is the safe
// answer for every caller (a Deny is not assumed to cover, a grant is not assumed narrower).
//
// Policy variables (`${aws:username}`) make a value's language depend on the request: as the
// outer pattern such a value includes nothing (it matches nothing when the variable has no
// value); as the inner pattern a variable stands for any text.
#ifndef IAMEVAL_SRC_ANALYSIS_PATTERN_INCLUSION_H_
#define IAMEVAL_SRC_ANALYSIS_PATTERN_INCLUSION_H_

#include <string>
#include <string_view>

#include "analysis/pattern_language.h"
#include "match/arn.h"
#include "match/glob.h"

namespace iameval::internal {

enum class Inclusion : uint8_t { kIncluded, kNotIncluded, kUnknown };

// Every string `inner` matches is matched by `outer` (both IAM globs, no escapes).
Inclusion GlobInclusion(std::string_view outer, std::string_view inner,
                        CaseMode mode = CaseMode::kSensitive,
                        const SearchLimits& limits = SearchLimits());
bool GlobIncludes(std::string_view outer, std::string_view inner,
                  CaseMode mode = CaseMode::kSensitive);

// Every request resource (any string: ARNs, `*`, other text) that the Resource value `inner`
// matches is matched by `outer`, for every request context. `substitute_variables`: the
// policies' Version is 2012-10-17.
Inclusion ResourcePatternInclusion(std::string_view outer, std::string_view inner,
                                   bool substitute_variables = true,
                                   const SearchLimits& limits = SearchLimits());
bool ResourcePatternIncludes(std::string_view outer, std::string_view inner,
                             bool substitute_variables = true);

// The shape of a Resource value (the cases of arn.h).
enum class ResourceShape : uint8_t {
  kStar,           // `*`
  kOther,          // not an ARN pattern: a plain glob over the whole request string
  kArnFull,        // six fields
  kArnShortStar,   // fewer fields, the last ending in a `*` wildcard
  kArnShortPlain,  // fewer fields otherwise: matches no ARN
};

// One Resource / NotResource value prepared for the analyses.
struct ResourcePatternLanguage {
  ResourceShape shape = ResourceShape::kStar;
  // kArnFull / kArnShortStar: the value with its first fields field-local and its last field
  // free, so that over ARN strings it matches exactly what ResourcePattern::Match does.
  LinearPattern fieldwise;
  // kOther / kArnShort*: the whole value as a plain glob (the rule for non-ARN requests).
  LinearPattern plain;
  // False when the value has policy variables: then the languages above over-approximate it
  // (a variable is any text) and `prefix_variable` says a variable sits before the
  // resource-id, where its value could move field boundaries (over-approximated by "any").
  bool exact = true;
  bool prefix_variable = false;
  // A malformed variable reference: the value never matches (ResourcePattern: kUnresolved).
  bool matches_nothing = false;
};

// `scope`: where variables are substituted (match/arn.h, EvaluatorOptions).
ResourcePatternLanguage AnalyzeResourcePattern(
    std::string_view value, bool substitute_variables,
    ArnVariableScope scope = ArnVariableScope::kResourceIdOnly);

enum class Approximation : uint8_t {
  kUnder,  // a subset of what the value matches under every request context
  kOver,   // a superset of what it matches under any request context
};

// What the value matches among ARN strings (the resources of resource-scoped actions, which
// are never `*`). kUnder of a value with variables is empty.
PatternLanguage ArnLanguage(const ResourcePatternLanguage& pattern, Approximation approx);

// Every string that parses as an ARN (`arn:` and five fields), in `partition` when not empty.
LinearPattern AnyArnPattern(std::string_view partition);

// The resources an ARN format of the catalog describes, e.g.
// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`: `${Partition}` becomes `partition` (any
// partition when empty), every other placeholder one or more characters (field-local before
// the resource-id), a `*` written in the format any run.
LinearPattern ArnFormatPattern(std::string_view arn_format, std::string_view partition);

// A cheap sufficient test that two patterns share no string: their leading (or trailing)
// literal texts conflict, or some ARN field among the first five is plain text in both, at
// the same place, and differs (typically the service). False means "not shown", not "they
// intersect".
bool FieldsSurelyDisjoint(const LinearPattern& a, const LinearPattern& b);
// The same for every alternative of `language` against `pattern`.
bool FieldsSurelyDisjoint(const PatternLanguage& language, const LinearPattern& pattern);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_ANALYSIS_PATTERN_INCLUSION_H_
