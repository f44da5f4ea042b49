// File: effective_simplify.h
// Simplification of an action group's formula (effective_model.h) by proven steps only, and
// the summary the public result shows (status, resources, exclusions, deciding layer).
//
// Steps, each exact:
//   * a term (or denial) whose resource part matches nothing in the universe is dropped;
//   * a requirement whose unconditional terms together cover the universe always holds and is
//     dropped (the path keeps the statement that granted, for the report);
//   * a term whose resources lie inside an unconditional term of the same requirement is
//     dropped (it grants nothing more);
//   * a path with a requirement without terms, or whose resources unconditional denials
//     remove entirely, is dropped; a path without requirements absorbs the others, and a
//     conditional path inside the unconditional ones is dropped;
//   * a denial that touches no resource some path can grant is dropped, and so is a
//     conditional denial inside the unconditional ones.
// Conditions are never reasoned about (they stay conditions); "can grant" ignores them, which
// over-approximates and so keeps every drop above a proof.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SIMPLIFY_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SIMPLIFY_H_

#include <string>
#include <vector>

#include "analysis/effective_model.h"
#include "analysis/effective_resources.h"
#include "analysis/effective_statements.h"
#include "iameval/effective.h"

namespace iameval::internal::analysis {

struct ActionSummary {
  EffectiveStatus status = EffectiveStatus::kNotAllowed;
  std::vector<std::string> resources;
  std::vector<std::string> excluded;
  bool resources_exact = true;
  Layer deciding_layer = Layer::kNone;
  int deciding_level = -1;
  uint32_t deciding_statement = kNoStatement;
  // Statements whose conditions take part: terms of the grant paths, then denials.
  std::vector<uint32_t> conditional_statements;
};

struct SimplifiedAction {
  ActionModel model;
  ActionSummary summary;
};

SimplifiedAction Simplify(const AnalysisSetup& setup, const ActionModel& model,
                          ResourceAlgebra& algebra);

// The formula of a path / of the union of paths over resources, conditions ignored (for the
// diff as well).
ResourceExpr PathResources(const AnalysisSetup& setup, const GrantPath& path);
ResourceExpr RequirementResources(const AnalysisSetup& setup, const Requirement& requirement);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SIMPLIFY_H_
