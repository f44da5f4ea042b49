// File: grant_view.h
// What is allowed on every resource, and by which statements: the input of the risk rules.
// Built from one policy's statements (AnalyzePolicy) or from a principal's effective
// permissions plus the statements of its policies (AnalyzePrincipal).
#ifndef IAMEVAL_SRC_FINDINGS_GRANT_VIEW_H_
#define IAMEVAL_SRC_FINDINGS_GRANT_VIEW_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "findings/policy_facts.h"
#include "iameval/effective.h"
#include "iameval/policy.h"

namespace iameval::internal {

// One statement that grants some of the actions (on every resource they can name).
struct GrantContribution {
  std::string policy_name;
  const Statement* statement = nullptr;
  ActionSet actions;
  bool conditional = false;
  std::vector<EffectiveCondition> conditions;
};

struct GrantView {
  std::string principal;  // empty for a single policy
  ActionSet unrestricted; // allowed on every resource, without condition
  ActionSet conditional;  // allowed on every resource only under conditions (disjoint)
  // Conditions per conditional action, when known per action (effective permissions); else
  // the conditions of the contributing statements are shown.
  absl::flat_hash_map<ActionId, EffectiveList<EffectiveCondition>> action_conditions;
  std::vector<GrantContribution> contributions;  // in policy and statement order
};

// The view of one policy: its Allow statements minus its unconditional denies.
GrantView PolicyGrantView(const PolicyFacts& facts, const Catalog& catalog);

// The view of a principal: actions from `effective` (kAllowed, or allowed on resource
// patterns that cover the action; conditional ones with their conditions), contributions
// from the Allow statements of `policies` (identity and resource policies).
GrantView PrincipalGrantView(const EffectivePermissions& effective,
                             const std::vector<PolicyFacts>& policies, const Catalog& catalog);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_GRANT_VIEW_H_
