// Risky categories and escalation methods over a GrantView. An unconditional and a
// conditional part of the same category are separate findings, so the conditional one can
// show exactly the conditions that limit it.
#include "findings/risk_rules.h"

#include <tuple>
#include <utility>

#include "findings/finding_builder.h"
#include "findings/policy_facts.h"
#include "findings/rule_registry.h"

namespace iameval::internal {
namespace {

FindingLocation ContributionLocation(const GrantContribution& c, const ActionSet& hit,
                                     const Catalog& catalog) {
  FindingLocation loc;
  loc.policy_name = c.policy_name;
  if (c.statement != nullptr) {
    loc.statement_index = static_cast<int>(c.statement->index);
    loc.sid = c.statement->sid ? c.statement->sid->value : "";
    loc.location = LocateActions(*c.statement, hit, catalog);
  }
  return loc;
}

bool SameCondition(const EffectiveCondition& a, const EffectiveCondition& b) {
  return std::tie(a.policy_name, a.sid, a.operator_text, a.key, a.values) ==
         std::tie(b.policy_name, b.sid, b.operator_text, b.key, b.values);
}

void AddConditions(EffectiveList<EffectiveCondition> from,
                   std::vector<EffectiveCondition>& to) {
  for (const EffectiveCondition& c : from) {
    bool seen = false;
    for (const EffectiveCondition& t : to) seen = seen || SameCondition(c, t);
    if (!seen) to.push_back(c);
  }
}

// A finding for `hit` (all in view.unrestricted, or all conditional) located at the first
// contributing statement, with the others as related locations.
Finding Locate(std::string_view rule, const ActionSet& hit, bool conditional,
               const GrantView& view, const Catalog& catalog) {
  // Prefer statements that grant without condition for an unconditional finding.
  const GrantContribution* primary = nullptr;
  for (int pass = 0; pass < 2 && primary == nullptr; ++pass) {
    for (const GrantContribution& c : view.contributions) {
      if ((c.actions & hit).Empty()) continue;
      if (pass == 0 && c.conditional != conditional) continue;
      primary = &c;
      break;
    }
  }
  Finding f = MakeFinding(rule, primary ? ContributionLocation(*primary, hit, catalog)
                                        : FindingLocation{});
  f.principal = view.principal;
  f.conditional = conditional;
  for (const GrantContribution& c : view.contributions) {
    if (&c == primary || (c.actions & hit).Empty()) continue;
    f.related.push_back(ContributionLocation(c, c.actions & hit, catalog));
  }
  if (conditional) {
    if (!view.action_conditions.empty()) {
      for (ActionId id : hit.Ids()) {
        auto it = view.action_conditions.find(id);
        if (it != view.action_conditions.end()) AddConditions(it->second, f.conditions);
      }
    } else {
      for (const GrantContribution& c : view.contributions) {
        if (c.conditional && !(c.actions & hit).Empty()) AddConditions(c.conditions, f.conditions);
      }
    }
  }
  SetActions(f, hit, catalog);
  return f;
}

std::string Where(const GrantView& view) {
  return view.principal.empty() ? "" : " for `" + view.principal + "`";
}

void CategoryRule(std::string_view rule, const ActionSet& category, const char* what,
                  const GrantView& view, const Catalog& catalog, std::vector<Finding>& out) {
  for (bool conditional : {false, true}) {
    const ActionSet hit = (conditional ? view.conditional : view.unrestricted) & category;
    if (hit.Empty()) continue;
    Finding f = Locate(rule, hit, conditional, view, catalog);
    f.message = std::string(what) + Where(view) + " on every resource: " +
                DescribeCounts(f.action_counts) + ": " + SampleActions(hit, catalog);
    out.push_back(std::move(f));
  }
}

void EscalationRule(const GrantView& view, const RiskData& risk, const Catalog& catalog,
                    std::vector<Finding>& out) {
  const ActionSet allowed = view.unrestricted | view.conditional;
  for (const EscalationMethod& m : risk.escalation) {
    if (!m.set.IsSubsetOf(allowed)) continue;
    const bool conditional = !m.set.IsSubsetOf(view.unrestricted);
    Finding f = Locate(rules::kPrivilegeEscalation, m.set, conditional, view, catalog);
    if (conditional) {
      // Only the conditionally allowed actions carry conditions worth showing.
      const ActionSet conditional_part = m.set - view.unrestricted;
      Finding only = Locate(rules::kPrivilegeEscalation, conditional_part, true, view, catalog);
      f.conditions = std::move(only.conditions);
    }
    f.method = m.id;
    f.title = std::string(f.title) + ": " + m.id;
    std::string names;
    for (size_t i = 0; i < m.actions.size(); ++i) {
      names += (i ? ", " : "") + catalog.ActionName(m.actions[i]);
    }
    const size_t places = f.related.size() + 1;
    f.message = m.id + Where(view) + ": " + names +
                (m.actions.size() == 1 ? " is" : " are all") + " allowed on every resource" +
                (places > 1 ? " (granted by " + std::to_string(places) + " statements)" : "");
    out.push_back(std::move(f));
  }
}

}  // namespace

void RunRiskRules(const GrantView& view, const RiskData& risk, const FindingOptions& options,
                  const Catalog& catalog, std::vector<Finding>& out) {
  if (RuleEnabled(options, rules::kPrivilegeEscalation)) EscalationRule(view, risk, catalog, out);
  struct Category {
    const char* rule;
    const ActionSet* set;
    const char* what;
  };
  const Category categories[] = {
      {rules::kDataExfiltration, &risk.data_exfiltration, "reads data or secrets"},
      {rules::kCredentialsExposure, &risk.credentials_exposure, "obtains credentials"},
      {rules::kResourceExposure, &risk.resource_exposure,
       "writes resource policies or sharing settings"},
      {rules::kInfrastructureModification, &risk.infrastructure_modification,
       "modifies infrastructure"},
      {rules::kPermissionsManagement, &risk.permissions_management, "manages permissions"},
  };
  for (const Category& c : categories) {
    if (RuleEnabled(options, c.rule)) CategoryRule(c.rule, *c.set, c.what, view, catalog, out);
  }
}

}  // namespace iameval::internal
