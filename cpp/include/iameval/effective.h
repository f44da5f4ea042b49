// File: effective.h
// Effective permissions of a principal: for every action of the catalog, whether the
// principal's policies (identity policies, permission boundary, SCP levels, session policy,
// optionally a resource policy) allow it unconditionally, only on some resources, only under
// conditions, or not at all (and which layer denies it). Computed exactly on action bitsets and
// resource pattern sets, not by sampling requests.
//
//   iameval::PolicySet set = ...;                 // as for CompiledPolicies
//   auto result = iameval::ComputeEffectivePermissions(set, "arn:aws:iam::111122223333:user/a");
//   for (const iameval::EffectiveAction& a : result->actions) ...
//
// The answer for an (action, resource, context) agrees with CompiledPolicies::Decide(): a
// request is allowed by Decide() exactly when the action's entry allows that resource under
// conditions the context satisfies.
#ifndef IAMEVAL_EFFECTIVE_H_
#define IAMEVAL_EFFECTIVE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"
#include "iameval/evaluator.h"

namespace iameval {

enum class EffectiveStatus : uint8_t {
  kAllowed,                // every resource, no condition
  kAllowedOnSomeResources, // only the listed resource patterns (minus the excluded ones)
  kAllowedConditionally,   // only when the listed conditions hold (possibly also resource-limited)
  kDenied,                 // an unconditional explicit Deny covers every resource
  kNotAllowed,             // implicit deny: nothing grants it, or a guardrail lacks an Allow
};

// "allowed", "allowed-on-some-resources", "allowed-conditionally", "denied", "not-allowed".
const char* EffectiveStatusName(EffectiveStatus status);

// A condition that limits a grant, as written in the policy.
struct EffectiveCondition {
  std::string policy_name;
  std::string sid;
  std::string operator_text;  // "StringEquals"
  std::string key;
  std::vector<std::string> values;
};

struct EffectiveAction {
  ActionId action = 0;
  EffectiveStatus status = EffectiveStatus::kNotAllowed;
  // Allowed resource patterns (["*"] when every resource). Empty when not allowed.
  std::vector<std::string> resources;
  // Patterns carved out by Deny statements (or NotResource) that do not cover everything.
  std::vector<std::string> excluded_resources;
  std::vector<EffectiveCondition> conditions;  // when kAllowedConditionally
  Layer deciding_layer = Layer::kNone;          // the granting layer, or the denying one
  int deciding_level = -1;                      // SCP level for a guardrail
  std::string deciding_policy;                  // policy name (and Sid) that decided
};

struct EffectivePermissions {
  std::string principal;
  std::vector<EffectiveAction> actions;  // only actions that are not kNotAllowed, by ActionId
  ActionSet allowed;                     // every action with some kAllowed* status
  ActionSet allowed_unconditionally;     // kAllowed
  ActionSet denied;                      // kDenied
  size_t catalog_actions = 0;
};

struct EffectiveOptions {
  // Also list kNotAllowed actions in `actions` (every action of the catalog).
  bool include_not_allowed = false;
};

absl::StatusOr<EffectivePermissions> ComputeEffectivePermissions(
    const PolicySet& policies, std::string_view principal,
    const EffectiveOptions& options = EffectiveOptions(),
    const Catalog& catalog = Catalog::Default());

}  // namespace iameval

#endif  // IAMEVAL_EFFECTIVE_H_
