// File: effective_analysis.cc
#include "analysis/effective_analysis.h"

#include <utility>

#include "analysis/effective_combine.h"

namespace iameval::internal::analysis {

ClauseAnswers* AlgebraPool::Shared(int universe) {
  if (shared_ == nullptr) return nullptr;
  const auto index = static_cast<size_t>(universe + 1);
  if (shared_->by_universe.size() <= index) shared_->by_universe.resize(index + 1);
  return &shared_->by_universe[index];
}

ResourceAlgebra& AlgebraPool::For(int universe) {
  if (universe < 0) {
    if (none_ == nullptr) {
      none_ = std::make_unique<ResourceAlgebra>(nullptr, SearchLimits(), Shared(-1));
    }
    return *none_;
  }
  const auto index = static_cast<size_t>(universe);
  if (by_universe_.size() <= index) by_universe_.resize(index + 1);
  if (by_universe_[index] == nullptr) {
    by_universe_[index] = std::make_unique<ResourceAlgebra>(&universes_.universe(universe),
                                                            SearchLimits(), Shared(universe));
  }
  return *by_universe_[index];
}

absl::StatusOr<EffectiveAnalysis> AnalyzeEffective(const PolicySet& policies,
                                                   std::string_view principal,
                                                   const EffectiveOptions& options,
                                                   const Catalog& catalog,
                                                   UniverseTable& universes,
                                                   AlgebraPool& algebras) {
  absl::StatusOr<std::unique_ptr<AnalysisSetup>> setup =
      PrepareAnalysis(policies, principal, options, catalog);
  if (!setup.ok()) return setup.status();
  EffectiveAnalysis analysis;
  analysis.setup = *std::move(setup);
  analysis.grouping = GroupActions(*analysis.setup, universes);
  analysis.groups.reserve(analysis.grouping.groups.size());
  for (const ActionGroup& group : analysis.grouping.groups) {
    analysis.groups.push_back(Simplify(*analysis.setup, CombineLayers(*analysis.setup, group),
                                       algebras.For(group.universe)));
  }
  return analysis;
}

}  // namespace iameval::internal::analysis
