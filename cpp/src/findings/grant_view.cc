// Building GrantViews. For a principal the action sets come from the effective permissions
// (so boundaries, SCPs and session policies have already removed what they remove); the
// statements are only used to say where each grant comes from.
#include "findings/grant_view.h"

#include <memory>
#include <utility>

#include "findings/resource_coverage.h"

namespace iameval::internal {
namespace {

void AddContributions(const PolicyFacts& facts, const ActionSet& relevant, const ActionSet& minus,
                      GrantView& view) {
  for (const StatementFacts& st : facts.statements) {
    if (st.statement->effect != Effect::kAllow) continue;
    ActionSet actions = (st.unrestricted - minus) & relevant;
    if (actions.Empty()) continue;
    view.contributions.push_back(
        {facts.name, st.statement, std::move(actions), st.conditional, st.conditions});
  }
}

}  // namespace

GrantView PolicyGrantView(const PolicyFacts& facts, const Catalog& catalog) {
  GrantView view;
  view.unrestricted = catalog.EmptySet();
  view.conditional = catalog.EmptySet();
  for (const StatementFacts& st : facts.statements) {
    if (st.statement->effect != Effect::kAllow) continue;
    const ActionSet net = st.unrestricted - facts.unconditional_deny;
    (st.conditional ? view.conditional : view.unrestricted) |= net;
  }
  view.conditional -= view.unrestricted;
  AddContributions(facts, view.unrestricted | view.conditional, facts.unconditional_deny, view);
  return view;
}

GrantView PrincipalGrantView(const EffectivePermissions& effective,
                             const std::vector<PolicyFacts>& policies, const Catalog& catalog) {
  GrantView view;
  view.principal = effective.principal;
  view.unrestricted = catalog.EmptySet();
  view.unrestricted |= effective.allowed_unconditionally;
  view.conditional = catalog.EmptySet();
  // Many actions share one resource list: test coverage once per distinct list.
  absl::flat_hash_map<std::string, std::unique_ptr<ResourceCoverage>> coverages;
  // Actions of one group view the same stored list: look its coverage up once per list.
  absl::flat_hash_map<const std::string*, ResourceCoverage*> by_list;
  auto covers = [&](const EffectiveAction& a) {
    if (a.resources.empty()) return true;  // conditional grants may list none: every resource
    ResourceCoverage*& coverage = by_list[a.resources.data()];
    if (coverage == nullptr) {
      std::string key;
      for (const std::string& r : a.resources) key += r + '\n';
      auto it = coverages.find(key);
      if (it == coverages.end()) {
        it = coverages.emplace(key, std::make_unique<ResourceCoverage>(a.resources, catalog))
                 .first;
      }
      coverage = it->second.get();
    }
    return coverage->CoversAction(a.action);
  };
  for (const EffectiveAction& a : effective.actions) {
    if (a.action >= catalog.action_count()) continue;
    switch (a.status) {
      case EffectiveStatus::kAllowed:
        view.unrestricted.Insert(a.action);
        break;
      case EffectiveStatus::kAllowedOnSomeResources:
        if (covers(a)) view.unrestricted.Insert(a.action);
        break;
      case EffectiveStatus::kAllowedConditionally:
        if (covers(a)) {
          view.conditional.Insert(a.action);
          view.action_conditions[a.action] = a.conditions;
        }
        break;
      case EffectiveStatus::kDenied:
      case EffectiveStatus::kNotAllowed:
        break;
    }
  }
  view.conditional -= view.unrestricted;
  const ActionSet relevant = view.unrestricted | view.conditional;
  for (const PolicyFacts& facts : policies) {
    AddContributions(facts, relevant, facts.unconditional_deny, view);
  }
  return view;
}

}  // namespace iameval::internal
