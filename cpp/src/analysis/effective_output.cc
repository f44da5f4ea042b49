// File: effective_output.cc
#include "analysis/effective_output.h"

#include <utility>

namespace iameval::internal::analysis {
namespace {

bool SubstitutesVariables(const StatementFacts& fact) {
  return fact.policy == nullptr ||
         (fact.policy->source != nullptr &&
          fact.policy->source->version == PolicyVersion::k2012_10_17);
}

}  // namespace

std::vector<EffectiveCondition> MakeConditions(const AnalysisSetup& setup, uint32_t statement) {
  const StatementFacts& fact = setup.fact(statement);
  std::vector<EffectiveCondition> out;
  out.reserve(fact.conditions.size());
  for (const CompiledCondition* condition : fact.conditions) {
    const Condition& source = condition->source();
    EffectiveCondition c;
    c.policy_name = fact.policy != nullptr ? fact.policy->name : std::string();
    c.sid = fact.sid;
    c.operator_text = source.operator_text;
    c.key = source.key.value;
    c.values.reserve(source.values.size());
    for (const LocatedString& value : source.values) c.values.push_back(value.value);
    c.effect = fact.effect;
    c.layer = fact.layer;
    c.level = fact.level;
    c.policy_variables = SubstitutesVariables(fact);
    out.push_back(std::move(c));
  }
  return out;
}

EffectiveTerm MakeTerm(const AnalysisSetup& setup, uint32_t statement) {
  const StatementFacts& fact = setup.fact(statement);
  EffectiveTerm term;
  term.layer = fact.layer;
  term.level = fact.level;
  term.policy_name = fact.policy != nullptr ? fact.policy->name : std::string();
  term.sid = fact.sid;
  const ResourceClause& clause = fact.resources;
  term.not_resource = clause.kind == ResourceClause::Kind::kNotListed;
  if (clause.kind == ResourceClause::Kind::kAny) {
    term.resources = {"*"};
  } else {
    term.resources = clause.values;
  }
  term.policy_variables = clause.kind == ResourceClause::Kind::kAny || clause.substitute;
  term.conditions = MakeConditions(setup, statement);
  return term;
}

EffectiveDetail MakeDetail(const AnalysisSetup& setup, const ActionModel& model) {
  EffectiveDetail detail;
  for (const GrantPath& path : model.paths) {
    EffectiveGrantPath out;
    out.via = PathKindName(path.kind);
    out.layer = PathLayer(path.kind);
    for (const Requirement& requirement : path.requirements) {
      EffectiveRequirement r;
      r.layer = requirement.layer;
      r.level = requirement.level;
      for (uint32_t t : requirement.terms) r.any_of.push_back(MakeTerm(setup, t));
      out.all_of.push_back(std::move(r));
    }
    detail.grant_paths.push_back(std::move(out));
  }
  for (uint32_t d : model.denials) detail.denials.push_back(MakeTerm(setup, d));
  return detail;
}

EffectiveEntry MakeEntry(const AnalysisSetup& setup, const SimplifiedAction& action) {
  const ActionSummary& summary = action.summary;
  EffectiveEntry out;
  out.status = summary.status;
  out.resources = summary.resources;
  out.excluded_resources = summary.excluded;
  for (uint32_t id : summary.conditional_statements) {
    std::vector<EffectiveCondition> conditions = MakeConditions(setup, id);
    for (EffectiveCondition& c : conditions) out.conditions.push_back(std::move(c));
  }
  out.deciding_layer = summary.deciding_layer;
  out.deciding_level = summary.deciding_level;
  if (summary.deciding_statement != kNoStatement) {
    const StatementFacts& fact = setup.fact(summary.deciding_statement);
    if (fact.policy != nullptr) out.deciding_policy = fact.policy->name;
    out.deciding_sid = fact.sid;
    if (out.deciding_level < 0) out.deciding_level = fact.level;
  }
  out.resources_exact = summary.resources_exact;
  return out;
}

}  // namespace iameval::internal::analysis
