// File: effective_output.h
// The public structs of effective.h from the internal model: terms, details, conditions and
// the per-group EffectiveEntry (viewed by every action of the group).
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_OUTPUT_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_OUTPUT_H_

#include <cstdint>
#include <vector>

#include "analysis/effective_simplify.h"
#include "analysis/effective_statements.h"
#include "iameval/effective.h"

namespace iameval::internal::analysis {

EffectiveTerm MakeTerm(const AnalysisSetup& setup, uint32_t statement);
std::vector<EffectiveCondition> MakeConditions(const AnalysisSetup& setup, uint32_t statement);
EffectiveDetail MakeDetail(const AnalysisSetup& setup, const ActionModel& model);
// Every field but `detail` and `action_count`.
EffectiveEntry MakeEntry(const AnalysisSetup& setup, const SimplifiedAction& action);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_OUTPUT_H_
