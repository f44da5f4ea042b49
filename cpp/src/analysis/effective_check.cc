// File: effective_check.cc
// EffectiveAllows(): the decision formula of a result, evaluated for one request with the
// evaluator's own matchers (ResourcePattern, CompiledCondition), so that a result can be
// checked against CompiledPolicies::Decide() request by request.
#include <algorithm>
#include <memory>

#include "compile/compiled_condition.h"
#include "eval/prepared_request.h"
#include "iameval/effective.h"
#include "match/arn.h"

namespace iameval {
namespace {

class TermEvaluator {
 public:
  TermEvaluator(const internal::PreparedRequest& request, const EvaluatorOptions& options)
      : request_(request), options_(options) {}

  bool Holds(const EffectiveTerm& term, Effect effect) const {
    bool listed = false;
    for (const std::string& value : term.resources) {
      const internal::ResourcePattern pattern = internal::ResourcePattern::Compile(
          value, term.policy_variables,
          options_.substitute_variables_in_all_arn_fields
              ? internal::ArnVariableScope::kAllFields
              : internal::ArnVariableScope::kResourceIdOnly);
      if (pattern.Match(request_.resource_value(), request_) == internal::MatchResult::kMatch) {
        listed = true;
        break;
      }
    }
    if (listed == term.not_resource) return false;
    for (const EffectiveCondition& c : term.conditions) {
      // CompiledCondition keeps a pointer to its Condition: both live in this scope.
      Condition condition;
      condition.operator_text = c.operator_text;
      condition.op = ParseConditionOperator(c.operator_text);
      condition.key.value = c.key;
      for (const std::string& v : c.values) condition.values.push_back(LocatedString{v, {}});
      const internal::CompiledCondition compiled(condition, c.policy_variables);
      const internal::ContextValues values = request_.Values(compiled.key_lower());
      if (!compiled.Evaluate(request_, values, effect,
                             options_.plain_operator_matches_any_of_multivalued)
               .result) {
        return false;
      }
    }
    return true;
  }

 private:
  const internal::PreparedRequest& request_;
  const EvaluatorOptions& options_;
};

}  // namespace

absl::StatusOr<bool> EffectiveAllows(const EffectivePermissions& permissions,
                                     const Request& request, const Catalog& catalog) {
  const std::optional<ActionId> id = catalog.FindAction(request.action);
  if (!id) {
    return absl::InvalidArgumentError("`" + std::string(request.action) +
                                      "` is not an action of the catalog");
  }
  auto entry = std::lower_bound(
      permissions.actions.begin(), permissions.actions.end(), *id,
      [](const EffectiveAction& a, ActionId wanted) { return a.action < wanted; });
  if (entry == permissions.actions.end() || entry->action != *id) return false;
  if (entry->detail >= permissions.details.size()) {
    return absl::InvalidArgumentError("the entry's detail index is out of range");
  }
  const EffectiveDetail& detail = permissions.details[entry->detail];

  Request as_principal = request;
  as_principal.principal = permissions.principal;
  as_principal.principal_parent_arn = permissions.principal_parent_arn;
  as_principal.resource_account = permissions.resource_account;
  internal::PreparedRequest prepared;
  if (!prepared.Prepare(as_principal, catalog)) {
    return absl::InvalidArgumentError("the result's principal is not a principal");
  }
  const TermEvaluator evaluator(prepared, permissions.evaluator);
  for (const EffectiveTerm& denial : detail.denials) {
    if (evaluator.Holds(denial, Effect::kDeny)) return false;
  }
  for (const EffectiveGrantPath& path : detail.grant_paths) {
    const bool all = std::all_of(
        path.all_of.begin(), path.all_of.end(), [&](const EffectiveRequirement& requirement) {
          return std::any_of(requirement.any_of.begin(), requirement.any_of.end(),
                             [&](const EffectiveTerm& term) {
                               return evaluator.Holds(term, Effect::kAllow);
                             });
        });
    if (all) return true;
  }
  return false;
}

}  // namespace iameval
