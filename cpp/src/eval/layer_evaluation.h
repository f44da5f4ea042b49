// File: layer_evaluation.h
// Evaluating one layer (a set of OR-ed policies) for a prepared request (spec §6): which
// Deny and Allow statements apply, and for resource-type layers the strongest principal
// class among the Allows.
#ifndef IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_
#define IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_

#include <algorithm>
#include <optional>

#include "compile/compiled_policy.h"
#include "eval/prepared_request.h"

namespace iameval::internal {

struct EvaluationFlags {
  bool caller_has_boundary = false;
  bool not_principal_full_chain = true;
  bool plain_operator_matches_any = false;
};

// Resource-type layers match principals; a statement there without one never applies (§10
// item 33).
inline bool IsResourceTypeLayer(Layer layer) {
  return layer == Layer::kResource || layer == Layer::kRcp || layer == Layer::kVpcEndpoint;
}

template <class Tracer>
bool ConditionsHold(const CompiledPolicy& policy, const CompiledStatement& statement,
                    const PreparedRequest& request, const EvaluationFlags& flags,
                    Tracer& tracer) {
  bool all = true;
  for (const CompiledCondition& condition : statement.conditions) {
    ContextValues values = request.Values(condition.key_lower(), condition.derived_key());
    ConditionOutcome outcome = condition.Evaluate(request, values, statement.effect,
                                                  flags.plain_operator_matches_any);
    tracer.OnCondition(policy, statement, condition, values, outcome.result, outcome.note);
    if (!outcome.result) {
      all = false;
      if (!Tracer::kEnabled) return false;
    }
  }
  return all;
}

// One statement whose action part already matched: resource, principal, conditions.
// Returns false when the verdict is settled (a Deny on the plain decision path).
template <class Tracer>
bool ApplyStatement(const CompiledLayer& layer, const CompiledPolicy& policy,
                    const CompiledStatement& statement, const PreparedRequest& request,
                    const EvaluationFlags& flags, Tracer& tracer, LayerVerdict& verdict) {
  if (statement.has_resource && !statement.resources.Matches(request)) return true;
  PrincipalClass principal_class = PrincipalClass::kDirect;
  if (IsResourceTypeLayer(layer.layer)) {
    if (!statement.has_principal) return true;
    principal_class = statement.principals.Match(request.caller(), statement.effect,
                                                 flags.caller_has_boundary,
                                                 flags.not_principal_full_chain);
    if (principal_class == PrincipalClass::kNone) return true;
  }
  if (!ConditionsHold(policy, statement, request, flags, tracer)) return true;
  tracer.OnStatement(layer.layer, layer.level, policy, statement, principal_class);
  if (statement.effect == Effect::kDeny) {
    verdict.deny = true;
    // A Deny settles the whole request; only an explanation wants the rest.
    return Tracer::kEnabled;
  }
  verdict.allow = true;
  verdict.allow_class = std::max(verdict.allow_class, principal_class);
  return true;
}

// On the plain decision path, once the layer allows with the strongest class another Allow
// cannot change its verdict: only Deny statements are left to look at. (An explanation lists
// every applicable statement, so it evaluates them all.)
template <class Tracer>
inline bool AllowIsSettled(const CompiledStatement& statement, const LayerVerdict& verdict) {
  return !Tracer::kEnabled && statement.effect == Effect::kAllow && verdict.allow &&
         verdict.allow_class == PrincipalClass::kDirect;
}

template <class Tracer>
LayerVerdict EvaluateLayer(const CompiledLayer& layer, const PreparedRequest& request,
                           const EvaluationFlags& flags, Tracer& tracer) {
  LayerVerdict verdict;
  std::optional<ActionId> action = request.action_id();
  if (action && layer.indexed()) {
    // The action's narrow statements and the broad ones, merged in document order.
    const std::pair<size_t, size_t> run = layer.EntriesOf(*action);
    const IndexEntry* narrow = layer.index_entries.data() + run.first;
    const IndexEntry* const narrow_end = layer.index_entries.data() + run.second;
    auto broad = layer.broad_entries.begin();
    while (narrow != narrow_end || broad != layer.broad_entries.end()) {
      const bool take_broad =
          narrow == narrow_end ||
          (broad != layer.broad_entries.end() &&
           (broad->policy < narrow->ref.policy ||
            (broad->policy == narrow->ref.policy && broad->statement < narrow->ref.statement)));
      const StatementRef ref = take_broad ? *broad++ : (narrow++)->ref;
      const CompiledPolicy& policy = layer.policies[ref.policy];
      const CompiledStatement& statement = policy.statements[ref.statement];
      if (AllowIsSettled<Tracer>(statement, verdict)) continue;
      if (take_broad && !statement.actions.Matches(action, request.action_lower())) continue;
      if (!ApplyStatement(layer, policy, statement, request, flags, tracer, verdict)) break;
    }
    return verdict;
  }
  for (const CompiledPolicy& policy : layer.policies) {
    for (const CompiledStatement& statement : policy.statements) {
      if (AllowIsSettled<Tracer>(statement, verdict)) continue;
      if (!statement.actions.Matches(action, request.action_lower())) continue;
      if (!ApplyStatement(layer, policy, statement, request, flags, tracer, verdict)) {
        return verdict;
      }
    }
  }
  return verdict;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_
