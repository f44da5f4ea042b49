// File: effective_analysis.h
// One principal's effective-permission formulas, simplified, per action group: what
// ComputeEffectivePermissions() reports and what the policy diff compares. Two analyses that
// share a UniverseTable and an AlgebraPool see the same universes (same ids).
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_ANALYSIS_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_ANALYSIS_H_

#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/effective_grouping.h"
#include "analysis/effective_resources.h"
#include "analysis/effective_simplify.h"
#include "analysis/effective_statements.h"
#include "analysis/effective_universe.h"

namespace iameval::internal::analysis {

// One ResourceAlgebra per universe (it caches pattern answers), plus one for groups whose
// resource parts do not depend on the universe.
// Clause answers by content, per universe (index universe + 1: -1 is the universe-independent
// algebra), kept across analyses by one thread (ResourceAlgebra, ClauseAnswers).
struct SharedClauseAnswers {
  std::deque<ClauseAnswers> by_universe;  // a deque: growing keeps the algebras' pointers valid
};

class AlgebraPool {
 public:
  // `shared` (may be null): clause answers kept across pools of the same UniverseTable.
  explicit AlgebraPool(const UniverseTable& universes, SharedClauseAnswers* shared = nullptr)
      : universes_(universes), shared_(shared) {}
  ResourceAlgebra& For(int universe);

 private:
  ClauseAnswers* Shared(int universe);

  const UniverseTable& universes_;
  SharedClauseAnswers* shared_;
  std::unique_ptr<ResourceAlgebra> none_;
  std::vector<std::unique_ptr<ResourceAlgebra>> by_universe_;
};

struct EffectiveAnalysis {
  std::unique_ptr<AnalysisSetup> setup;
  ActionGrouping grouping;
  std::vector<SimplifiedAction> groups;  // per ActionGrouping::groups entry
};

absl::StatusOr<EffectiveAnalysis> AnalyzeEffective(const PolicySet& policies,
                                                   std::string_view principal,
                                                   const EffectiveOptions& options,
                                                   const Catalog& catalog,
                                                   UniverseTable& universes,
                                                   AlgebraPool& algebras);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_ANALYSIS_H_
