// File: effective_summary.h
// The resource summary of an allowed action (EffectiveAction::resources / excluded_resources /
// resources_exact) from its simplified formula.
//
// Per grant path, the patterns of its requirements are intersected pairwise: when one pattern
// includes the other (within the action's universe) the narrower one is kept, disjoint pairs
// are dropped, and for a pair where neither includes the other the first layer's pattern is
// kept and the summary is marked inexact (`resources_exact` false): both constraints stay in
// the entry's detail, which is exact. Unconditional Denies with Resource become
// `excluded_resources`; with NotResource they narrow the allowed patterns. An Allow with
// NotResource gives `*` minus its values when it is the only grant, else an inexact summary.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SUMMARY_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SUMMARY_H_

#include "analysis/effective_resources.h"
#include "analysis/effective_simplify.h"
#include "analysis/effective_statements.h"

namespace iameval::internal::analysis {

void SummarizeResources(const AnalysisSetup& setup, SimplifiedAction& action,
                        ResourceAlgebra& algebra);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_SUMMARY_H_
