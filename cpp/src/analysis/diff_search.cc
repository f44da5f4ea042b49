// File: diff_search.cc
#include "analysis/diff_search.h"

#include <algorithm>
#include <set>
#include <utility>

#include "analysis/pattern_inclusion.h"

namespace iameval::internal::analysis {
namespace {

// Masks over `n` bits, fewest set bits first: assignments with fewer conditions true are
// usually easier to realize (an absent key makes positive operators false).
std::vector<uint32_t> MasksByWeight(size_t n) {
  std::vector<uint32_t> masks(size_t{1} << n);
  for (uint32_t m = 0; m < masks.size(); ++m) masks[m] = m;
  std::stable_sort(masks.begin(), masks.end(), [](uint32_t a, uint32_t b) {
    return __builtin_popcount(a) < __builtin_popcount(b);
  });
  return masks;
}

// A string of the pattern: wildcards become "x" (at least one character, which every
// universe placeholder needs).
std::string FillPattern(const LinearPattern& pattern) {
  std::string out;
  for (const PatternToken& token : pattern) {
    if (token.kind == PatternTokenKind::kChar) {
      AppendPatternChar(token.c, &out);
    } else {
      out.push_back('x');
    }
  }
  return out;
}

std::string Key(const AcceptSet& set) {
  return std::string(reinterpret_cast<const char*>(set.words().data()),
                     set.words().size() * sizeof(uint64_t));
}

}  // namespace

bool MeetCache::Meets(const PatternLanguage* format, const LinearPattern& alternative) {
  std::string key(reinterpret_cast<const char*>(alternative.data()),
                  alternative.size() * sizeof(PatternToken));
  auto [it, inserted] = answers_.try_emplace(std::make_pair(format, std::move(key)), true);
  if (inserted) {
    const PatternLanguage one = PatternLanguage::Of(alternative);
    SearchLimits small;
    small.max_states = 2000;
    const WitnessResult meet = FindWitness(
        {format, &one}, [](const AcceptSet& in) { return in.Test(0) && in.Test(1); },
        CaseMode::kSensitive, small);
    it->second = meet.outcome != SearchOutcome::kNone;  // unknown: keep it (exact either way)
  }
  return it->second;
}

PairSearch SearchNewAccess(const DiffVocabulary& vocabulary, const SideFormula& old_side,
                           const SideFormula& new_side, const PairSearchLimits& limits,
                           MeetCache& meets) {
  PairSearch out;
  const std::vector<OpaqueAtom>& atoms = vocabulary.atoms();
  std::vector<std::vector<uint32_t>> masks_cache(limits.max_atoms + 1);
  std::set<std::string> used;  // acceptance sets already returned
  bool too_many = false;
  std::vector<PairCandidate> found;

  // Fills `found` with the satisfying assignments for one acceptance set.
  auto satisfying = [&](const AcceptSet& languages) {
    found.clear();
    std::vector<uint32_t> live;
    LiveAtoms(new_side, languages, atoms, live);
    LiveAtoms(old_side, languages, atoms, live);
    std::sort(live.begin(), live.end());
    live.erase(std::unique(live.begin(), live.end()), live.end());
    if (live.size() > limits.max_atoms) {
      too_many = true;
      return false;
    }
    std::vector<uint32_t>& masks = masks_cache[live.size()];
    if (masks.empty()) masks = MasksByWeight(live.size());
    std::vector<uint8_t> assignment(atoms.size(), 0);
    for (uint32_t mask : masks) {
      bool possible = true;
      for (size_t i = 0; i < live.size(); ++i) {
        const uint8_t value = (mask >> i) & 1u;
        assignment[live[i]] = value;
        // A policy-variable value can only match where its over-approximation does.
        const OpaqueAtom& atom = atoms[live[i]];
        if (value && atom.kind == OpaqueAtom::Kind::kTemplate &&
            !languages.Test(atom.over_language)) {
          possible = false;
        }
      }
      if (!possible) continue;
      if (EvaluateSide(new_side, languages, assignment) &&
          !EvaluateSide(old_side, languages, assignment)) {
        PairCandidate candidate;
        candidate.languages = languages;
        candidate.atoms = assignment;
        candidate.live = live;
        found.push_back(std::move(candidate));
        if (found.size() >= limits.max_assignments) break;
      }
    }
    return !found.empty();
  };

  // One format of the universe at a time (see ResourceAlgebra::Satisfiable).
  std::vector<const PatternLanguage*> languages = vocabulary.languages();
  bool unknown = false;
  for (const PatternLanguage* part : vocabulary.universe_parts()) {
    languages = vocabulary.languages();
    languages[0] = part;
    // Values that surely miss this format are never matched here: searched as the empty
    // language, they cost nothing (their acceptance bit stays false, as it would).
    // Within this format, keep of each language only the alternatives that can meet it: a
    // cheap field test, then an exact search over the format and that one alternative (two
    // small automata). The joint search then tracks only what can matter here.
    std::vector<PatternLanguage> reduced(languages.size());
    if (part->alternatives.size() == 1) {
      const LinearPattern& format = part->alternatives.front();
      for (size_t i = 1; i < languages.size(); ++i) {
        for (const LinearPattern& alternative : languages[i]->alternatives) {
          if (FieldsSurelyDisjoint(alternative, format)) continue;
          if (meets.Meets(part, alternative)) reduced[i].alternatives.push_back(alternative);
        }
        languages[i] = &reduced[i];
      }
    }
    // Quick path: strings written from the patterns themselves (wildcards filled) usually
    // witness new access at once; the breadth-first search, needed to prove that there is
    // none, can take long to reach such a string when many patterns are tracked together.
    {
      std::vector<std::string> words;
      for (size_t i = 1; i < languages.size(); ++i) {
        for (const LinearPattern& alternative : languages[i]->alternatives) {
          words.push_back(FillPattern(alternative));
        }
      }
      for (const LinearPattern& alternative : part->alternatives) {
        words.push_back(FillPattern(alternative));
      }
      for (const std::string& word : words) {
        if (out.candidates.size() >= limits.max_assignments) break;
        AcceptSet accepted(languages.size());
        for (size_t i = 0; i < languages.size(); ++i) {
          if (!languages[i]->alternatives.empty() && LanguageContains(*languages[i], word)) {
            accepted.Set(i);
          }
        }
        if (!accepted.Test(0) || used.count(Key(accepted)) != 0) continue;
        if (!satisfying(accepted)) continue;
        used.insert(Key(accepted));
        for (PairCandidate& candidate : found) {
          candidate.word = word;
          out.candidates.push_back(std::move(candidate));
        }
      }
      if (!out.candidates.empty()) break;
    }
    for (size_t round = 0; round < limits.max_resources; ++round) {
      if (out.candidates.size() >= limits.max_resources * limits.max_assignments) break;
      std::vector<PairCandidate> kept;
      const WitnessResult result = FindWitness(
          languages,
          [&](const AcceptSet& accepted) {
            if (!accepted.Test(0)) return false;  // not a resource of the universe
            if (used.count(Key(accepted)) != 0) return false;
            if (!satisfying(accepted)) return false;
            kept = found;
            return true;
          },
          CaseMode::kSensitive, limits.automaton);
      if (result.outcome == SearchOutcome::kUnknown) {
        unknown = true;
        break;
      }
      if (result.outcome == SearchOutcome::kNone) break;
      used.insert(Key(result.accepted));
      for (PairCandidate& candidate : kept) {
        candidate.word = result.word;
        out.candidates.push_back(std::move(candidate));
      }
    }
    if (out.candidates.size() >= limits.max_resources) break;
  }
  if (!out.candidates.empty()) {
    out.verdict = PairSearch::Verdict::kCandidates;
  } else if (unknown) {
    out.verdict = PairSearch::Verdict::kUnknown;
    out.reason = "the resource-pattern search ran over its budget";
  } else if (too_many) {
    out.verdict = PairSearch::Verdict::kUnknown;
    out.reason = "more distinct conditions than the diff enumerates for one action";
  }
  return out;
}

}  // namespace iameval::internal::analysis
