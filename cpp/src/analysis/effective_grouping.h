// File: effective_grouping.h
// Action-set algebra: which statements of the layers that take part match each catalog action
// (Action / NotAction compiled to bitsets, read through each layer's per-action index), and
// the partition of the catalog into groups of actions decided by the same formula: the same
// applicable statements, the same special rule of §7, and (when some statement's resource
// part depends on it) the same resource universe. The formula is then built and simplified
// once per group; a typical principal has a few dozen groups for ~22,000 actions.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_GROUPING_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_GROUPING_H_

#include <cstdint>
#include <vector>

#include "analysis/effective_statements.h"
#include "analysis/effective_universe.h"

namespace iameval::internal::analysis {

// Rules of §7 that depend on the action.
enum class ActionRule : uint8_t {
  kOrdinary,
  kCallerIdentity,  // sts:GetCallerIdentity: allowed for every authenticated caller
  kAssumeRole,      // sts:AssumeRole*: the role trust policy is mandatory
  kKms,             // KMS: the key policy is mandatory for requests on keys
};

struct ActionGroup {
  ActionRule rule = ActionRule::kOrdinary;
  int universe = -1;                 // -1: no resource part of the group depends on it
  std::vector<uint32_t> statements;  // applicable statements (StatementFacts ids), layer order
  ActionId first_action = 0;
  size_t action_count = 0;
};

struct ActionGrouping {
  std::vector<ActionGroup> groups;
  std::vector<uint32_t> group_of;  // per ActionId
};

ActionGrouping GroupActions(const AnalysisSetup& setup, UniverseTable& universes);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_GROUPING_H_
