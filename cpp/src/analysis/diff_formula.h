// File: diff_formula.h
// The two sides of a policy diff as Boolean formulas over one shared vocabulary, for one pair
// of action groups (one OLD formula, one NEW formula, one resource universe):
//   * searched languages: the universe, then one language per distinct exact resource value;
//   * opaque atoms: one per distinct condition (operator, key, values) and one per distinct
//     resource value with policy variables (its truth depends on the request context; it can
//     only hold where its over-approximating language matches).
// Values and conditions with the same text on both sides map to the same language or atom, so
// what the two sides share cancels out exactly.
#ifndef IAMEVAL_SRC_ANALYSIS_DIFF_FORMULA_H_
#define IAMEVAL_SRC_ANALYSIS_DIFF_FORMULA_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/effective_model.h"
#include "analysis/effective_statements.h"
#include "analysis/effective_universe.h"
#include "analysis/pattern_language.h"

namespace iameval::internal::analysis {

struct ValueRef {
  enum class Kind : uint8_t { kTrue, kFalse, kLanguage, kTemplate };
  Kind kind = Kind::kFalse;
  uint32_t index = 0;  // kLanguage: searched language; kTemplate: opaque atom
};

struct TermFormula {
  ResourceClause::Kind clause = ResourceClause::Kind::kAny;
  std::vector<ValueRef> values;
  std::vector<uint32_t> conditions;  // opaque atoms, all must hold
  uint32_t statement = 0;            // StatementFacts id in its side's setup
};

struct SideFormula {
  // OR over paths of AND over requirements of OR over terms; minus OR over denials.
  std::vector<std::vector<std::vector<TermFormula>>> paths;
  std::vector<TermFormula> denials;
};

// One opaque atom.
struct OpaqueAtom {
  enum class Kind : uint8_t { kCondition, kTemplate };
  Kind kind = Kind::kCondition;
  int side = -1;  // -1: shared by both sides; 0: OLD only; 1: NEW only
  // kCondition: the condition (any one of the identical ones) and its statement's effect.
  const CompiledCondition* condition = nullptr;
  Effect effect = Effect::kAllow;
  // kTemplate: the value and its over-approximating language (a searched language index).
  const ResourceClause* clause = nullptr;
  int value = -1;
  uint32_t over_language = 0;
};

class DiffVocabulary {
 public:
  // `universe` null: the resource parts of both sides do not depend on it.
  // `shared_principal`: both sides decide for the same principal, so conditions and values
  // that read the principal (policy variables, aws:Principal* keys) mean the same thing.
  DiffVocabulary(const Universe* universe, bool shared_principal);

  // Side 0 is OLD, 1 is NEW.
  SideFormula Build(const AnalysisSetup& setup, const ActionModel& model, int side);

  const std::vector<const PatternLanguage*>& languages() const { return languages_; }
  // The universe split into its formats (searched one at a time in place of languages()[0]).
  std::vector<const PatternLanguage*> universe_parts() const;
  const std::vector<OpaqueAtom>& atoms() const { return atoms_; }

 private:
  TermFormula Term(const AnalysisSetup& setup, uint32_t statement, int side);
  ValueRef Value(const ResourceClause& clause, int value, int side);
  uint32_t ConditionAtom(const CompiledCondition& condition, Effect effect, bool substitute,
                         int side);

  const Universe* universe_;
  bool shared_principal_;
  PatternLanguage star_;  // the universe {"*"} of wildcard-only actions
  PatternLanguage any_;   // searched when the universe does not matter
  std::vector<const PatternLanguage*> languages_;
  std::vector<std::unique_ptr<PatternLanguage>> owned_;
  std::map<std::string, uint32_t> language_of_;
  std::vector<OpaqueAtom> atoms_;
  std::map<std::string, uint32_t> atom_of_;
};

// The truth of a side for the languages that accept a word and an assignment of the atoms.
bool EvaluateSide(const SideFormula& side, const AcceptSet& languages,
                  const std::vector<uint8_t>& atoms);

// A syntactic sufficient test for "NEW allows nothing OLD does not": every grant path of NEW
// is also one of OLD (same requirements, same terms), and every denial of OLD is also one of
// NEW. Identical formulas pass; so do removed grants and added denials.
bool SyntacticallyNoWider(const SideFormula& old_side, const SideFormula& new_side);

// Adds to `out` the atoms a side's verdict can depend on, given the languages that accept the
// word: those of terms whose resource part can hold there (a policy-variable value can hold
// only where its over-approximating language accepts).
void LiveAtoms(const SideFormula& side, const AcceptSet& languages,
               const std::vector<OpaqueAtom>& atoms, std::vector<uint32_t>& out);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_FORMULA_H_
