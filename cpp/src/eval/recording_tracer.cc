#include "eval/recording_tracer.h"

namespace iameval::internal {

std::string StatementLabel(const Statement& statement) {
  if (statement.sid && !statement.sid->value.empty()) return statement.sid->value;
  return "#" + std::to_string(statement.index);
}

void RecordingTracer::OnStatement(Layer layer, int level, const CompiledPolicy& policy,
                                  const CompiledStatement& statement,
                                  PrincipalClass principal_class) {
  MatchedStatement m;
  m.layer = layer;
  m.level = level;
  m.policy_name = policy.name;
  m.sid = StatementLabel(*statement.source);
  m.path = statement.source->location.path;
  m.effect = statement.effect;
  if (statement.has_principal) {
    m.principal_class = principal_class == PrincipalClass::kRoleOrParent
                            ? "role"
                            : PrincipalClassName(principal_class);
  }
  explanation_.matched.push_back(std::move(m));
}

void RecordingTracer::OnCondition(const CompiledPolicy& policy, const CompiledStatement& statement,
                                  const CompiledCondition& condition, const ContextValues& values,
                                  bool result, std::string_view note) {
  ConditionTrace t;
  t.policy_name = policy.name;
  t.sid = StatementLabel(*statement.source);
  t.operator_text = condition.source().operator_text;
  t.key = condition.source().key.value;
  for (const LocatedString& v : condition.source().values) t.policy_values.push_back(v.value);
  for (size_t i = 0; i < values.size(); ++i) t.request_values.emplace_back(values.at(i));
  t.key_present = values.present;
  t.result = result;
  t.note = std::string(note);
  if (!values.present) missing_keys_.insert(condition.source().key.value);
  explanation_.conditions.push_back(std::move(t));
}

Explanation RecordingTracer::Finish() {
  explanation_.missing_context_keys.assign(missing_keys_.begin(), missing_keys_.end());
  return std::move(explanation_);
}

}  // namespace iameval::internal
