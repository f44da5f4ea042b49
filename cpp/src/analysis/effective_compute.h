// File: effective_compute.h
// ComputeEffectivePermissions() with caller-owned tables: the universes of the principal's
// partition and the Covers / Disjoint answers by clause content can be kept and reused by one
// thread across many principals (the account audit), instead of being rebuilt per call.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMPUTE_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMPUTE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "analysis/effective_analysis.h"
#include "iameval/effective.h"

namespace iameval::internal::analysis {

// Not thread-safe: one per thread. Valid for one catalog, one partition and one ArnVariableScope
// (EvaluatorOptions::substitute_variables_in_all_arn_fields); ComputeEffective() checks.
// The algebras themselves (caches keyed by the clauses of one analysis) are made per call.
struct EffectiveTables {
  EffectiveTables(const Catalog& catalog, std::string partition, bool all_arn_fields)
      : universes(catalog, std::move(partition)), all_arn_fields(all_arn_fields) {}
  EffectiveTables(const EffectiveTables&) = delete;
  EffectiveTables& operator=(const EffectiveTables&) = delete;

  UniverseTable universes;
  bool all_arn_fields;
  SharedClauseAnswers answers;
};

// As ComputeEffectivePermissions(); `tables` (may be null) is used when it is for `catalog`
// and the principal's partition, else fresh tables are made for the call.
absl::StatusOr<EffectivePermissions> ComputeEffective(const PolicySet& policies,
                                                      std::string_view principal,
                                                      const EffectiveOptions& options,
                                                      const Catalog& catalog,
                                                      EffectiveTables* tables);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMPUTE_H_
