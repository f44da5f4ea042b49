// File: layer_evaluation.h
// Evaluating one layer (a set of OR-ed policies) for a prepared request (spec §6): which
// Deny and Allow statements apply, and for resource-type layers the strongest principal
// class among the Allows.
#ifndef IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_
#define IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_

#include <algorithm>

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
    ContextValues values = request.Values(condition.key_lower());
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

template <class Tracer>
LayerVerdict EvaluateLayer(const CompiledLayer& layer, const PreparedRequest& request,
                           const EvaluationFlags& flags, Tracer& tracer) {
  LayerVerdict verdict;
  const bool resource_type = IsResourceTypeLayer(layer.layer);
  for (const CompiledPolicy& policy : layer.policies) {
    for (const CompiledStatement& statement : policy.statements) {
      if (!statement.actions.Matches(request.action_id(), request.action_lower())) continue;
      if (statement.has_resource && !statement.resources.Matches(request)) continue;
      PrincipalClass principal_class = PrincipalClass::kDirect;
      if (resource_type) {
        if (!statement.has_principal) continue;
        principal_class = statement.principals.Match(request.caller(), statement.effect,
                                                     flags.caller_has_boundary,
                                                     flags.not_principal_full_chain);
        if (principal_class == PrincipalClass::kNone) continue;
      }
      if (!ConditionsHold(policy, statement, request, flags, tracer)) continue;
      tracer.OnStatement(layer.layer, layer.level, policy, statement, principal_class);
      if (statement.effect == Effect::kDeny) {
        verdict.deny = true;
        // A Deny settles the whole request; only an explanation wants the rest.
        if (!Tracer::kEnabled) return verdict;
      } else {
        verdict.allow = true;
        verdict.allow_class = std::max(verdict.allow_class, principal_class);
      }
    }
  }
  return verdict;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_LAYER_EVALUATION_H_
