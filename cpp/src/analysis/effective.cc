// File: effective.cc
// ComputeEffectivePermissions(): prepare the layers, group the catalog's actions, build and
// simplify one formula per group, store the group's entry once and give each of its actions
// views into it.
#include "iameval/effective.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/effective_analysis.h"
#include "analysis/effective_compute.h"
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

namespace {

// An action (`action` left 0) viewing `entry`, the entry number `index` of its result.
EffectiveAction ViewOf(const EffectiveEntry& entry, uint32_t index) {
  EffectiveAction a;
  a.status = entry.status;
  a.resources = entry.resources;
  a.excluded_resources = entry.excluded_resources;
  a.conditions = entry.conditions;
  a.deciding_layer = entry.deciding_layer;
  a.deciding_level = entry.deciding_level;
  a.deciding_policy = entry.deciding_policy;
  a.deciding_sid = entry.deciding_sid;
  a.resources_exact = entry.resources_exact;
  a.detail = entry.detail;
  a.entry = index;
  return a;
}

}  // namespace

EffectiveAction& EffectivePermissions::AddAction(ActionId action, EffectiveEntry entry) {
  std::shared_ptr<std::deque<EffectiveEntry>> store;
  if (entries != nullptr && entries.use_count() == 1) {
    // Only this result holds the entries (made non-const below): extend them in place (a
    // deque keeps the viewed entries where they are).
    store = std::const_pointer_cast<std::deque<EffectiveEntry>>(entries);
  } else {
    // Shared with a copy (or none yet): a private copy, and the actions view it instead.
    store = entries != nullptr ? std::make_shared<std::deque<EffectiveEntry>>(*entries)
                               : std::make_shared<std::deque<EffectiveEntry>>();
    for (EffectiveAction& a : actions) {
      // Only actions viewing an old entry (its own string buffer) are moved to the copy.
      if (entries != nullptr && a.entry < entries->size() &&
          a.deciding_policy.data() == (*entries)[a.entry].deciding_policy.data()) {
        const ActionId id = a.action;
        a = ViewOf((*store)[a.entry], a.entry);
        a.action = id;
      }
    }
  }
  store->push_back(std::move(entry));
  const auto index = static_cast<uint32_t>(store->size() - 1);
  entries = store;
  actions.push_back(ViewOf(store->back(), index));
  actions.back().action = action;
  return actions.back();
}

namespace internal::analysis {

absl::StatusOr<EffectivePermissions> ComputeEffective(const PolicySet& policies,
                                                      std::string_view principal,
                                                      const EffectiveOptions& options,
                                                      const Catalog& catalog,
                                                      EffectiveTables* shared) {
  // Resources are taken in the principal's partition (any, for service and anonymous callers;
  // a bad principal is reported by AnalyzeEffective()).
  const std::optional<CallerPrincipal> caller =
      ParseCallerPrincipal(principal, options.principal_parent_arn);
  const std::string partition = caller ? std::string(caller->partition) : std::string();
  const bool all_arn_fields = options.evaluator.substitute_variables_in_all_arn_fields;
  std::optional<EffectiveTables> local;
  EffectiveTables* tables = shared;
  if (tables == nullptr || &tables->universes.catalog() != &catalog ||
      tables->universes.partition() != partition || tables->all_arn_fields != all_arn_fields) {
    tables = &local.emplace(catalog, partition, all_arn_fields);
  }
  AlgebraPool algebras(tables->universes, shared != nullptr ? &tables->answers : nullptr);
  absl::StatusOr<EffectiveAnalysis> analyzed =
      AnalyzeEffective(policies, principal, options, catalog, tables->universes, algebras);
  if (!analyzed.ok()) return analyzed.status();
  const AnalysisSetup& setup = *analyzed->setup;
  const ActionGrouping& grouping = analyzed->grouping;

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

  // One entry per group; every action of the group views it (no per-action copies).
  auto entries = std::make_shared<std::deque<EffectiveEntry>>();
  result.details.reserve(grouping.groups.size());
  size_t listed = 0;
  for (size_t g = 0; g < grouping.groups.size(); ++g) {
    const SimplifiedAction& simplified = analyzed->groups[g];
    entries->push_back(MakeEntry(setup, simplified));
    entries->back().detail = static_cast<uint32_t>(result.details.size());
    entries->back().action_count = grouping.groups[g].action_count;
    result.details.push_back(MakeDetail(setup, simplified.model));
    if (options.include_not_allowed ||
        simplified.summary.status != EffectiveStatus::kNotAllowed) {
      listed += grouping.groups[g].action_count;
    }
  }
  std::vector<EffectiveAction> prototypes(entries->size());
  for (size_t g = 0; g < entries->size(); ++g) {
    prototypes[g] = ViewOf((*entries)[g], static_cast<uint32_t>(g));
  }
  result.entries = std::move(entries);

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

}  // namespace internal::analysis

absl::StatusOr<EffectivePermissions> ComputeEffectivePermissions(
    const PolicySet& policies, std::string_view principal, const EffectiveOptions& options,
    const Catalog& catalog) {
  return analysis::ComputeEffective(policies, principal, options, catalog, nullptr);
}

}  // namespace iameval
