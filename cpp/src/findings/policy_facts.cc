// Statement facts: the catalog view of each statement that every rule needs.
#include "findings/policy_facts.h"

#include <utility>

#include "findings/resource_coverage.h"

namespace iameval::internal {
namespace {

ActionSet ExpandActions(const Statement& st, const Catalog& catalog) {
  ActionSet listed = catalog.EmptySet();
  for (const LocatedString& a : st.actions) listed |= catalog.Expand(a.value);
  return st.not_action ? catalog.AllActions() - listed : listed;
}

std::vector<EffectiveCondition> ConditionsOf(const Statement& st, std::string_view policy_name) {
  std::vector<EffectiveCondition> out;
  for (const Condition& c : st.conditions) {
    EffectiveCondition e;
    e.policy_name = std::string(policy_name);
    e.sid = SidOrIndex(st);
    e.operator_text = c.operator_text;
    e.key = c.key.value;
    for (const LocatedString& v : c.values) e.values.push_back(v.value);
    out.push_back(std::move(e));
  }
  return out;
}

StatementFacts Facts(const Statement& st, std::string_view policy_name, const Catalog& catalog) {
  StatementFacts f;
  f.statement = &st;
  f.expanded = ExpandActions(st, catalog);
  f.conditional = !st.conditions.empty();
  f.conditions = ConditionsOf(st, policy_name);
  if (!st.has_resource || st.not_resource) {
    f.applicable = f.expanded;
    f.unrestricted = f.expanded;
    return f;
  }
  std::vector<std::string> patterns;
  for (const LocatedString& r : st.resources) patterns.push_back(r.value);
  ResourceCoverage coverage(std::move(patterns), catalog);
  if (coverage.has_star()) {
    f.applicable = f.expanded;
    f.unrestricted = f.expanded;
    return f;
  }
  f.applicable = f.expanded - catalog.WildcardOnlyActions();
  f.unrestricted = coverage.Covered(f.applicable);
  return f;
}

}  // namespace

std::string SidOrIndex(const Statement& statement) {
  return statement.sid ? statement.sid->value : "#" + std::to_string(statement.index);
}

PolicyFacts BuildPolicyFacts(const Policy& policy, std::string_view name, const Catalog& catalog) {
  PolicyFacts facts;
  facts.name = std::string(name);
  facts.policy = &policy;
  facts.unconditional_deny = catalog.EmptySet();
  facts.statements.reserve(policy.statements.size());
  for (const Statement& st : policy.statements) {
    facts.statements.push_back(Facts(st, name, catalog));
    const StatementFacts& f = facts.statements.back();
    // Deny NotResource carves out the listed resources, so it never covers everything.
    if (st.effect == Effect::kDeny && !f.conditional && !st.not_resource) {
      facts.unconditional_deny |= f.unrestricted;
    }
  }
  return facts;
}

FindingLocation StatementLocation(const PolicyFacts& facts, const Statement& statement,
                                  const SourceLocation& where) {
  FindingLocation loc;
  loc.policy_name = facts.name;
  loc.statement_index = static_cast<int>(statement.index);
  loc.sid = statement.sid ? statement.sid->value : "";
  loc.location = where;
  return loc;
}

SourceLocation LocateActions(const Statement& statement, const ActionSet& hit,
                             const Catalog& catalog) {
  if (statement.not_action) {
    return ElementLocation(statement, "NotAction", statement.actions);
  }
  for (const LocatedString& a : statement.actions) {
    if (!(catalog.Expand(a.value) & hit).Empty()) return a.location;
  }
  return statement.location;
}

SourceLocation ElementLocation(const Statement& statement, std::string_view element,
                               const std::vector<LocatedString>& values) {
  SourceLocation loc = statement.location;
  loc.path = statement.location.path + "/" + std::string(element);
  if (!values.empty()) {
    loc.line = values.front().location.line;
    loc.column = values.front().location.column;
  }
  return loc;
}

}  // namespace iameval::internal
