// File: finding_builder.h
// Small helpers every rule uses to build findings the same way: rule fields from the registry,
// action sets with their counts, readable action lists, and the final ordering.
#ifndef IAMEVAL_SRC_FINDINGS_FINDING_BUILDER_H_
#define IAMEVAL_SRC_FINDINGS_FINDING_BUILDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "iameval/catalog.h"
#include "iameval/findings.h"

namespace iameval::internal {

// A finding of rule `rule_id` at `where`, with the rule's severity and title.
Finding MakeFinding(std::string_view rule_id, const FindingLocation& where);

// Sets `actions` and `action_counts`.
void SetActions(Finding& finding, const ActionSet& actions, const Catalog& catalog);

bool RuleEnabled(const FindingOptions& options, std::string_view rule_id);

// "1,234 actions (56 Write, 7 Permissions management)": the count and the levels that matter
// for risk; List / Read / Tagging counts are in Finding::action_counts.
std::string DescribeCounts(const AccessLevelCounts& counts);

// Up to `max` action names, then "and N more".
std::string SampleActions(const ActionSet& actions, const Catalog& catalog, size_t max = 5);

// Critical first; within a severity, by policy, statement and then rule id, so the output is
// stable for tests and diffs.
void SortFindings(std::vector<Finding>& findings);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_FINDING_BUILDER_H_
