// File: diff.h
// Policy diff ("check no new access"): does NEW allow anything OLD does not? For two principals'
// policy sets, or for two policies of the same kind.
//
//   auto diff = iameval::CheckNoNewAccess(old_set, new_set, "arn:aws:iam::111122223333:role/app");
//   if (diff->verdict == iameval::DiffVerdict::kNewAccess)
//     for (const auto& example : diff->counterexamples) ...   // requests NEW allows, OLD denies
//
// Method. Both sides are reduced to their effective-permission formulas (effective.h): per
// catalog action, grant paths and denials over resource patterns and conditions. For every
// action the diff searches for a resource of the action and an assignment of the conditions
// under which NEW's formula allows and OLD's does not; the resource search is the exact
// automaton search of the pattern analysis. Conditions are opaque: each distinct condition
// (operator, key, values) is one Boolean, shared by both sides, so identical conditions cancel
// out and a condition of OLD that NEW drops is found.
//
// What is exact and what is conservative:
//   * kNoNewAccess is a proof: no resource of any action, under no assignment of the
//     conditions (a superset of what real request contexts can do), lets NEW allow where OLD
//     does not. Exact over the catalog's actions and over resource patterns; policy variables
//     in resources are handled as "the same variable on both sides".
//   * kNewAccess is a proof too: every example request was built (resource, context) and
//     decided with CompiledPolicies::Decide() on both sides: NEW Allow, OLD not.
//   * kMayGrantNewAccess: neither could be proven for some action: the search found an
//     assignment of conditions that would grant new access but no real request context
//     realizes it that the diff could construct (e.g. NEW's condition is a narrower form of
//     OLD's: `StringEquals x "ab"` vs `StringLike x "a*"`), too many distinct conditions on one
//     action, or a pattern search over budget. Such actions are listed with the reason; the
//     diff never answers "no new access" for them.
// Resources are those of effective.h: ARNs of the action's resource types (or `*` for actions
// without resource-level permissions).
// Cost: two effective-permission analyses, then one search per distinct pair of action
// groups (typically tens to a few hundred), each usually settled by strings written from the
// patterns; milliseconds to about a second for large managed policies.
#ifndef IAMEVAL_DIFF_H_
#define IAMEVAL_DIFF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"
#include "iameval/effective.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"
#include "iameval/request.h"

namespace iameval {

enum class DiffVerdict : uint8_t {
  kNoNewAccess,        // proven
  kNewAccess,          // proven by verified example requests
  kMayGrantNewAccess,  // not proven either way for some actions (see `changes`)
};

// "no-new-access", "new-access", "may-grant-new-access".
const char* DiffVerdictName(DiffVerdict verdict);

// One request-context key of an example request.
struct DiffContextEntry {
  std::string key;
  std::vector<std::string> values;
  bool multivalued = false;  // set as a list (RequestContext::SetList)
};

// A request NEW allows and OLD does not, checked with CompiledPolicies::Decide().
struct NewAccessExample {
  std::string principal;         // the caller the request was decided for (NEW's principal)
  std::string old_principal;     // OLD's, when the diff compares two principals
  std::string action;
  std::string resource;
  std::vector<DiffContextEntry> context;
  Decision old_decision = Decision::kImplicitDeny;
  Decision new_decision = Decision::kAllow;
  // The other request facts both sides were decided with (Request's fields of the same names):
  // the account the resource was placed in (for the two-policy form of resource-type kinds, the
  // stand-in resource account), the role behind a role-session caller, on NEW's and OLD's side,
  // and the management-account flags.
  std::string resource_account;
  std::string principal_parent_arn;
  std::string old_principal_parent_arn;
  bool principal_in_management_account = false;
  bool resource_in_management_account = false;

  RequestContext MakeContext() const;
};

enum class ActionChange : uint8_t {
  kNewlyAllowed,     // OLD allows the action for no resource under no context; NEW does
  kWiderResources,   // both allow it; NEW on resources OLD never allows
  kWiderConditions,  // both allow it on these resources; NEW under contexts OLD does not
  kMayBeWider,       // not proven either way (`reason`)
};

// "newly-allowed", "wider-resources", "wider-conditions", "may-be-wider".
const char* ActionChangeName(ActionChange change);

struct ActionDiff {
  ActionId action = 0;
  std::string name;  // "s3:GetObject"
  ActionChange change = ActionChange::kNewlyAllowed;
  // NEW's allowed resource patterns (effective summary) with resources OLD never allows.
  std::vector<std::string> new_resources;
  // The example this change was verified with (empty for kMayBeWider).
  std::string example_resource;
  std::vector<DiffContextEntry> example_context;
  std::string reason;  // kMayBeWider: why no proof either way
  std::string principal;  // for resource-type policies: the caller this applies to
};

struct PolicyDiff {
  DiffVerdict verdict = DiffVerdict::kNoNewAccess;
  ActionSet newly_allowed;  // proven kNewlyAllowed
  std::vector<std::string> newly_allowed_names;
  ActionSet widened;        // proven kWiderResources or kWiderConditions
  ActionSet maybe_widened;  // kMayBeWider
  std::vector<ActionDiff> changes;  // one per (action, principal), by ActionId
  std::vector<NewAccessExample> counterexamples;  // verified; at most max_counterexamples
  std::vector<std::string> principals;  // the callers analysed
  std::vector<std::string> notes;       // conservative steps taken, in words
};

struct DiffOptions {
  size_t max_counterexamples = 20;
  // The request facts for policy-set diffs (resource account, management account, parent
  // ARN, evaluator options), as for ComputeEffectivePermissions().
  EffectiveOptions effective;
  // Policy-set diffs between two principals: OLD's principal (default: the same one).
  std::string old_principal;
  std::string old_principal_parent_arn;
  // Distinct conditions (and policy-variable resources) considered at once for one action;
  // beyond, the action is reported kMayBeWider.
  size_t max_opaque_atoms = 14;
};

// NEW's policy set against OLD's, for one principal (or two: DiffOptions::old_principal).
absl::StatusOr<PolicyDiff> CheckNoNewAccess(const PolicySet& old_policies,
                                            const PolicySet& new_policies,
                                            std::string_view principal,
                                            const DiffOptions& options = DiffOptions(),
                                            const Catalog& catalog = Catalog::Default());

// NEW against OLD, two policies of the same kind (InvalidArgument otherwise). A policy allows a
// request when one of its Allow statements applies and none of its Deny statements does.
// Identity, session, boundary and SCP policies are compared for a stand-in IAM user;
// resource-type policies (resource, trust, RCP, VPC endpoint) for every caller their Principal
// elements tell apart (each principal named, an unnamed user of each account named, an
// outside account's user, anonymous, a service), with the resource in an account of its own.
absl::StatusOr<PolicyDiff> CheckNoNewAccess(const NamedPolicy& old_policy,
                                            const NamedPolicy& new_policy,
                                            const DiffOptions& options = DiffOptions(),
                                            const Catalog& catalog = Catalog::Default());

}  // namespace iameval

#endif  // IAMEVAL_DIFF_H_
