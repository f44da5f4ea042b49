// File: pattern_language.h
// Languages of glob-like patterns as finite automata, for the analyses (effective permissions,
// policy diff, pattern inclusion). The matchers in match/ answer "does this string match";
// the analyses need "is there a string that this pattern matches and that one does not", over
// every possible string. Both questions are answered here by one exact search.
//
// Model:
//   * A LinearPattern is a sequence of tokens: a character, one character (`?`), a run of
//     characters (`*`), and the field-local variants of the last two that never match ':'.
//     A plain IAM glob uses the first three; an ARN Resource pattern (spec §3.2) is one
//     LinearPattern whose first five fields use the field-local variants (pattern_inclusion.h).
//   * A PatternLanguage is a finite union of LinearPatterns.
//   * Characters are Unicode code points, the unit `?` matches (match/glob.h); a byte that
//     does not start a well-formed UTF-8 sequence is a character of its own.
//
// FindWitness(languages, want) looks for a string w such that want(A(w)) holds, where A(w) is
// the set of languages that contain w. Every Boolean question about the languages reduces to
// it: inclusion (w in inner, not in outer), emptiness of an intersection, coverage of a union.
//
// Algorithm: each language is a small NFA (one state per token position, `*` loops). The
// search explores the product of their subset constructions breadth first, over an alphabet
// of representative characters: every character written in some pattern, ':' and one fresh
// character that no pattern mentions (all other characters behave exactly like the fresh one,
// so the search is exact). The first product state whose acceptance set satisfies `want`
// yields the shortest witness.
//
// Complexity: the product has at most 2^P states for P token positions in total. Two things
// keep real searches small: a language that has reached a position from which it accepts
// every continuation (a trailing `*`) is collapsed to one canonical state, so a union of
// patterns does not track which of its alternatives matched; and callers search a union of
// ARN formats one format at a time (effective_resources.cc, diff_search.cc). What remains
// exponential is pathological input (a `*` followed by many `?`, e.g. `*a??????????`); real
// ARN patterns give a few dozen states. Each state costs O(alphabet x P / 64) word
// operations. The search stops after SearchLimits::max_states states with kUnknown, which
// every caller treats conservatively (never as proof), so hostile patterns cost bounded time
// and memory.
#ifndef IAMEVAL_SRC_ANALYSIS_PATTERN_LANGUAGE_H_
#define IAMEVAL_SRC_ANALYSIS_PATTERN_LANGUAGE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "match/glob.h"

namespace iameval::internal {

using PatternChar = uint32_t;

enum class PatternTokenKind : uint8_t {
  kChar,            // exactly `c`
  kAnyChar,         // one character
  kAnyCharNoColon,  // one character other than ':'
  kStar,            // any run of characters, possibly empty
  kStarNoColon,     // any run of characters without ':'
};

struct PatternToken {
  PatternTokenKind kind = PatternTokenKind::kChar;
  PatternChar c = 0;  // kChar only
  bool operator==(const PatternToken& other) const {
    return kind == other.kind && c == other.c;
  }
};

using LinearPattern = std::vector<PatternToken>;

// A finite union of linear patterns; no alternatives is the empty language.
struct PatternLanguage {
  std::vector<LinearPattern> alternatives;

  static PatternLanguage Empty() { return {}; }
  static PatternLanguage Universal();  // every string
  static PatternLanguage Of(LinearPattern pattern);
  void Add(const PatternLanguage& other);  // union
  bool empty_syntactically() const { return alternatives.empty(); }
};

// The characters of `text` (code points; see the file comment for malformed bytes).
std::vector<PatternChar> DecodePatternChars(std::string_view text);
// Appends the UTF-8 encoding of `c` (or the raw byte it stands for).
void AppendPatternChar(PatternChar c, std::string* out);

// `text` as literal characters.
LinearPattern LiteralPattern(std::string_view text);
// An IAM glob: `*` and `?` are wildcards that match any character, everything else literal.
LinearPattern PlainGlobPattern(std::string_view glob);

// Which of the searched languages accept a word: bit i for languages[i].
class AcceptSet {
 public:
  AcceptSet() = default;
  explicit AcceptSet(size_t count) : count_(count), words_((count + 63) / 64, 0) {}
  bool Test(size_t i) const { return (words_[i / 64] >> (i % 64)) & 1u; }
  void Set(size_t i) { words_[i / 64] |= uint64_t{1} << (i % 64); }
  size_t size() const { return count_; }
  const std::vector<uint64_t>& words() const { return words_; }

 private:
  size_t count_ = 0;
  std::vector<uint64_t> words_;
};

enum class SearchOutcome : uint8_t {
  kFound,    // `word` is a witness
  kNone,     // proven: no string satisfies the predicate
  kUnknown,  // the state budget ran out first
};

struct SearchLimits {
  size_t max_states = 20000;
};

struct WitnessResult {
  SearchOutcome outcome = SearchOutcome::kUnknown;
  std::string word;      // when kFound
  AcceptSet accepted;    // when kFound: the languages containing `word`
};

using AcceptPredicate = std::function<bool(const AcceptSet&)>;

// Searches for a string whose acceptance set satisfies `want` (see the file comment).
// `want` is called once per distinct acceptance set. With kAsciiInsensitive, ASCII letters of
// patterns and witnesses compare folded (the witness is written in lowercase).
WitnessResult FindWitness(const std::vector<const PatternLanguage*>& languages,
                          const AcceptPredicate& want, CaseMode mode = CaseMode::kSensitive,
                          const SearchLimits& limits = SearchLimits());

// Whether `word` is in `language` (a direct matcher over the same model, for tests and for
// checking constructed strings).
bool LanguageContains(const PatternLanguage& language, std::string_view word,
                      CaseMode mode = CaseMode::kSensitive);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_ANALYSIS_PATTERN_LANGUAGE_H_
