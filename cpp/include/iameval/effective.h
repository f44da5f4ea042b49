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
//
// Resources. "Every resource" means every resource the action can be asked for: for an action
// without resource-level permissions (catalog: no resource types) the request resource `*`
// only, and only a Resource of exactly `*` names it (docs/semantics.md); for the other actions
// every ARN of the action's resource types (their catalog ARN formats) in the principal's
// partition. A request for some other resource string (an ARN of another service, another
// partition) is outside the answer.
//
// Exactness. The entry's `detail` (EffectiveDetail below) is the exact decision formula,
// simplified only by proven steps; EffectiveAllows() evaluates it for a request. The summary
// fields (status, resources, excluded_resources, conditions) are derived from it:
//   * kAllowed: every resource, every context. Never claimed when some Deny could apply.
//   * kDenied: unconditional Deny statements together cover every resource.
//   * kNotAllowed: no resource under no context (nothing grants, a guardrail lacks an Allow,
//     or unconditional Denies remove every granted resource).
//   * kAllowedOnSomeResources: no Condition takes part; `resources` minus `excluded_resources`
//     is exactly the allowed set when `resources_exact` is true, a superset otherwise.
//   * kAllowedConditionally: some Condition of a grant or of a Deny takes part; `conditions`
//     lists them (`effect` says which side), `detail` says how they combine.
// Resource values with policy variables (`${aws:username}`) are kept as written: they are
// resolved per request.
// The rules of §7 apply as Decide() applies them: KMS requests on keys and sts:AssumeRole*
// need the resource policy (key policy, trust policy) to grant, so without one they are
// kNotAllowed (deciding layer kResource) even for an administrator; sts:GetCallerIdentity is
// always kAllowed (layer kImplicit); the root user is allowed in its own account; SCPs skip
// the management account and service-linked roles.
// Pattern questions (does a Deny cover every resource, is one layer's pattern inside
// another's) are answered by an exact automaton search with a state budget; when the budget
// runs out (pathological patterns only) the answer is "not proven" and the summary stays on
// the safe side: an action is then reported allowed (on some resources) rather than denied,
// never kAllowed.
#ifndef IAMEVAL_EFFECTIVE_H_
#define IAMEVAL_EFFECTIVE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"
#include "iameval/evaluator.h"
#include "iameval/request.h"

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
  // kAllow: the grant needs the condition to hold. kDeny: part of a Deny statement, which
  // denies the request when all its conditions hold (and its resources match).
  Effect effect = Effect::kAllow;
  Layer layer = Layer::kNone;
  int level = -1;
  bool policy_variables = true;  // `${...}` in values are substituted (Version 2012-10-17)
};

// One statement's part in the decision of an action.
struct EffectiveTerm {
  Layer layer = Layer::kNone;
  int level = -1;                // SCP level, else -1
  std::string policy_name;       // empty for rules outside the policies (the KMS key rule)
  std::string sid;               // Sid, or "#<statement index>"
  // The resource part: with `not_resource` false the resource must match one of `resources`
  // (["*"]: any resource); with `not_resource` true it must match none of them.
  bool not_resource = false;
  std::vector<std::string> resources;
  bool policy_variables = true;  // `${...}` in resources are substituted
  std::vector<EffectiveCondition> conditions;  // all must hold; empty: none
};

// What one layer must supply: an applicable statement among `any_of`.
struct EffectiveRequirement {
  Layer layer = Layer::kNone;
  int level = -1;
  std::vector<EffectiveTerm> any_of;  // empty: the requirement can never be met
};

// One way §7 grants the action: every requirement holds.
struct EffectiveGrantPath {
  // "identity", "resource-direct", "resource-role", "resource-account", "resource",
  // "cross-account", "root", "implicit".
  std::string via;
  Layer layer = Layer::kNone;  // the granting layer
  std::vector<EffectiveRequirement> all_of;  // empty: always granted
};

// The exact decision formula of a group of actions (shared by every action it applies to):
//   allowed(r, c) = (some grant path holds) and not (some denial applies).
struct EffectiveDetail {
  std::vector<EffectiveGrantPath> grant_paths;
  std::vector<EffectiveTerm> denials;  // any applicable one denies the request
};

// A read-only view of a list owned by the EffectivePermissions it came from (the lists of an
// EffectiveEntry, shared by every action of a group): valid while that result, or a copy of
// it, lives. Iterates like a const std::vector; converts to one (a copy) when needed.
template <typename T>
class EffectiveList {
 public:
  using value_type = T;
  using size_type = size_t;
  using const_iterator = const T*;
  using iterator = const T*;
  using const_reference = const T&;
  using reference = const T&;

  EffectiveList() = default;
  EffectiveList(const std::vector<T>& owner)  // NOLINT: views are made from vectors
      : data_(owner.data()), size_(owner.size()) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }
  std::vector<T> ToVector() const { return std::vector<T>(begin(), end()); }
  operator std::vector<T>() const { return ToVector(); }  // NOLINT: a copy, for old callers

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

// What every action of one group (actions decided by the same formula) has in common: the
// summary fields of EffectiveAction, stored once. EffectivePermissions::entries.
struct EffectiveEntry {
  EffectiveStatus status = EffectiveStatus::kNotAllowed;
  std::vector<std::string> resources;
  std::vector<std::string> excluded_resources;
  std::vector<EffectiveCondition> conditions;
  Layer deciding_layer = Layer::kNone;
  int deciding_level = -1;
  std::string deciding_policy;
  std::string deciding_sid;
  bool resources_exact = false;
  uint32_t detail = 0;       // index into EffectivePermissions::details
  size_t action_count = 0;   // actions of the catalog in the group (listed or not)
};

// One action's entry. The lists and strings are views into the group's EffectiveEntry (no
// per-action copies: ~22,000 actions share a few dozen entries); they stay valid while the
// EffectivePermissions they came from (or a copy of it) lives.
struct EffectiveAction {
  ActionId action = 0;
  EffectiveStatus status = EffectiveStatus::kNotAllowed;
  // Allowed resource patterns (["*"] when every resource). Empty when not allowed.
  EffectiveList<std::string> resources;
  // Patterns carved out by Deny statements (or NotResource) that do not cover everything.
  EffectiveList<std::string> excluded_resources;
  EffectiveList<EffectiveCondition> conditions;  // when kAllowedConditionally
  Layer deciding_layer = Layer::kNone;            // the granting layer, or the denying one
  int deciding_level = -1;                        // SCP level for a guardrail
  std::string_view deciding_policy;               // policy name (and Sid) that decided
  std::string_view deciding_sid;                  // the Sid of that statement, when known
  // True when `resources` minus `excluded_resources` is exactly the allowed set (statuses
  // kAllowed, kAllowedOnSomeResources, kDenied, kNotAllowed; false when patterns of two
  // layers intersect without either including the other, or when NotResource grants mix).
  bool resources_exact = false;
  uint32_t detail = 0;  // index into EffectivePermissions::details
  uint32_t entry = 0;   // index into EffectivePermissions::entries
};

struct EffectivePermissions {
  std::string principal;
  std::vector<EffectiveAction> actions;  // only actions that are not kNotAllowed, by ActionId
  ActionSet allowed;                     // every action with some kAllowed* status
  ActionSet allowed_unconditionally;     // kAllowed
  ActionSet denied;                      // kDenied
  size_t catalog_actions = 0;
  std::vector<EffectiveDetail> details;  // referenced by EffectiveAction::detail
  // One per group of actions, referenced by EffectiveAction::entry; shared by copies of the
  // result, so the views of `actions` stay valid in every copy. A deque: adding entries
  // (AddAction) keeps the earlier ones in place.
  std::shared_ptr<const std::deque<EffectiveEntry>> entries;

  // For results built by hand (tests, callers that store results): stores `entry` and appends
  // an action viewing it (every field from the entry). The sets (`allowed`...) are left to
  // the caller.
  EffectiveAction& AddAction(ActionId action, EffectiveEntry entry);
  std::string partition;                 // of the principal ("" when unknown: any)
  std::string principal_parent_arn;      // EffectiveOptions::principal_parent_arn
  std::string resource_account;          // the account the resources were taken to be in
  EvaluatorOptions evaluator;            // EffectiveOptions::evaluator
};

struct EffectiveOptions {
  // Also list kNotAllowed actions in `actions` (every action of the catalog).
  bool include_not_allowed = false;
  // The request facts Decide() would be given (request.h); the same for every action.
  std::string principal_parent_arn;
  std::string resource_account;  // default: the principal's account (same-account rules)
  bool principal_in_management_account = false;
  bool resource_in_management_account = false;
  EvaluatorOptions evaluator;
};

// InvalidArgument when `principal` is not a principal Decide() accepts (request.h), or a
// policy is null.
absl::StatusOr<EffectivePermissions> ComputeEffectivePermissions(
    const PolicySet& policies, std::string_view principal,
    const EffectiveOptions& options = EffectiveOptions(),
    const Catalog& catalog = Catalog::Default());

// Whether the result allows `request`, evaluated from `permissions` alone (its details): for
// checking results, and for callers that keep results instead of policies. The request's
// principal is ignored (the result is for one principal); its action, resource and context
// are used. Agrees with CompiledPolicies::Decide() for resources of the action (see above).
absl::StatusOr<bool> EffectiveAllows(const EffectivePermissions& permissions,
                                     const Request& request,
                                     const Catalog& catalog = Catalog::Default());

}  // namespace iameval

#endif  // IAMEVAL_EFFECTIVE_H_
