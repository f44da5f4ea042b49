// File: effective.cc
// ComputeEffectivePermissions(): prepare the layers, group the catalog's actions, build and
// simplify one formula per group, then copy the group's entry to each of its actions.
#include "iameval/effective.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/effective_analysis.h"
#include "analysis/effective_output.h"
#include "analysis/effective_statements.h"
#include "eval/principal.h"

namespace iameval {

namespace analysis = internal::analysis;

const char* EffectiveStatusName(EffectiveStatus status) {
  switch (status) {
    case EffectiveStatus::kAllowed: return "allowed";
    case EffectiveStatus::kAllowedOnSomeResources: return "allowed-on-some-resources";
    case EffectiveStatus::kAllowedConditionally: return "allowed-conditionally";
    case EffectiveStatus::kDenied: return "denied";
    case EffectiveStatus::kNotAllowed: return "not-allowed";
  }
  return "not-allowed";
}

absl::StatusOr<EffectivePermissions> ComputeEffectivePermissions(
    const PolicySet& policies, std::string_view principal, const EffectiveOptions& options,
    const Catalog& catalog) {
  // Resources are taken in the principal's partition (any, for service and anonymous callers;
  // a bad principal is reported by AnalyzeEffective()).
  const std::optional<internal::CallerPrincipal> caller =
      internal::ParseCallerPrincipal(principal, options.principal_parent_arn);
  analysis::UniverseTable universes(catalog,
                                    caller ? std::string(caller->partition) : std::string());
  analysis::AlgebraPool algebras(universes);
  absl::StatusOr<analysis::EffectiveAnalysis> analyzed =
      analysis::AnalyzeEffective(policies, principal, options, catalog, universes, algebras);
  if (!analyzed.ok()) return analyzed.status();
  const analysis::AnalysisSetup& setup = *analyzed->setup;
  const analysis::ActionGrouping& grouping = analyzed->grouping;

  EffectivePermissions result;
  result.principal = std::string(principal);
  result.catalog_actions = catalog.action_count();
  result.partition = setup.partition;
  result.principal_parent_arn = options.principal_parent_arn;
  result.resource_account = setup.resource_account;
  result.evaluator = options.evaluator;
  result.allowed = catalog.EmptySet();
  result.allowed_unconditionally = catalog.EmptySet();
  result.denied = catalog.EmptySet();

  std::vector<EffectiveAction> prototypes;
  prototypes.reserve(grouping.groups.size());
  result.details.reserve(grouping.groups.size());
  size_t listed = 0;
  for (size_t g = 0; g < grouping.groups.size(); ++g) {
    const analysis::SimplifiedAction& simplified = analyzed->groups[g];
    prototypes.push_back(analysis::MakePrototype(setup, simplified));
    prototypes.back().detail = static_cast<uint32_t>(result.details.size());
    result.details.push_back(analysis::MakeDetail(setup, simplified.model));
    if (options.include_not_allowed ||
        simplified.summary.status != EffectiveStatus::kNotAllowed) {
      listed += grouping.groups[g].action_count;
    }
  }

  result.actions.reserve(listed);
  for (ActionId id = 0; id < catalog.action_count(); ++id) {
    const EffectiveAction& prototype = prototypes[grouping.group_of[id]];
    switch (prototype.status) {
      case EffectiveStatus::kAllowed:
        result.allowed_unconditionally.Insert(id);
        result.allowed.Insert(id);
        break;
      case EffectiveStatus::kAllowedOnSomeResources:
      case EffectiveStatus::kAllowedConditionally:
        result.allowed.Insert(id);
        break;
      case EffectiveStatus::kDenied:
        result.denied.Insert(id);
        break;
      case EffectiveStatus::kNotAllowed:
        if (!options.include_not_allowed) continue;
        break;
    }
    result.actions.push_back(prototype);
    result.actions.back().action = id;
  }
  return result;
}

}  // namespace iameval
