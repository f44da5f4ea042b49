// File: diff_search.h
// The search of one pair of formulas (diff_formula.h) for new access: a resource of the
// universe and an assignment of the opaque atoms (conditions, policy-variable values) under
// which NEW allows and OLD does not.
//
// The resource dimension is the exact automaton search (pattern_language.h); for each
// acceptance set it reaches, the atoms that can matter there are enumerated (fewest true atoms
// first), which is exact for the atoms as free Booleans. "No candidate" is therefore a proof of
// no new access: real request contexts only realize some of the assignments. Candidates are
// not proofs: a candidate's assignment may be unrealizable; the caller builds and verifies a
// request for each.
#ifndef IAMEVAL_SRC_ANALYSIS_DIFF_SEARCH_H_
#define IAMEVAL_SRC_ANALYSIS_DIFF_SEARCH_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/diff_formula.h"

namespace iameval::internal::analysis {

struct PairCandidate {
  std::string word;              // a resource (from the search; may be refined by the caller)
  AcceptSet languages;           // the searched languages containing it
  std::vector<uint8_t> atoms;    // an assignment of every atom of the vocabulary
  std::vector<uint32_t> live;    // the atoms that can matter for this resource
};

struct PairSearch {
  enum class Verdict : uint8_t { kNoNewAccess, kCandidates, kUnknown };
  Verdict verdict = Verdict::kNoNewAccess;
  std::vector<PairCandidate> candidates;
  std::string reason;  // kUnknown
};

struct PairSearchLimits {
  size_t max_atoms = 14;       // live atoms enumerated per resource
  size_t max_resources = 3;    // distinct acceptance sets returned
  size_t max_assignments = 6;  // assignments returned per acceptance set
  SearchLimits automaton;
};

// Remembers which pattern alternatives meet which universe format, across the pairs of one
// diff (the same values come back for many action groups).
class MeetCache {
 public:
  bool Meets(const PatternLanguage* format, const LinearPattern& alternative);

 private:
  std::map<std::pair<const PatternLanguage*, std::string>, bool> answers_;
};

PairSearch SearchNewAccess(const DiffVocabulary& vocabulary, const SideFormula& old_side,
                           const SideFormula& new_side, const PairSearchLimits& limits,
                           MeetCache& meets);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_SEARCH_H_
