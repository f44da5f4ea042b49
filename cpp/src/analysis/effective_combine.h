// File: effective_combine.h
// The combination of layers (spec §7, eval/decision_logic.h) as the formula of
// effective_model.h: for one action group, its grant paths with their requirements, and its
// denials. No pattern reasoning happens here; effective_simplify.h does that.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMBINE_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMBINE_H_

#include "analysis/effective_grouping.h"
#include "analysis/effective_model.h"
#include "analysis/effective_statements.h"

namespace iameval::internal::analysis {

ActionModel CombineLayers(const AnalysisSetup& setup, const ActionGroup& group);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_COMBINE_H_
