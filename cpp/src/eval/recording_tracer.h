// File: recording_tracer.h
// The tracer behind Explain(): records each applicable statement, each evaluated condition
// with the request values it saw, and the context keys policies referenced but the request
// lacked (AWS's MissingContextValues).
#ifndef IAMEVAL_SRC_EVAL_RECORDING_TRACER_H_
#define IAMEVAL_SRC_EVAL_RECORDING_TRACER_H_

#include <set>
#include <string>
#include <string_view>

#include "compile/compiled_policy.h"
#include "eval/prepared_request.h"
#include "eval/tracer.h"

namespace iameval::internal {

class RecordingTracer {
 public:
  static constexpr bool kEnabled = true;

  void OnStatement(Layer layer, int level, const CompiledPolicy& policy,
                   const CompiledStatement& statement, PrincipalClass principal_class);
  void OnCondition(const CompiledPolicy& policy, const CompiledStatement& statement,
                   const CompiledCondition& condition, const ContextValues& values, bool result,
                   std::string_view note);
  void OnWarning(std::string_view warning) { explanation_.warnings.emplace_back(warning); }

  Explanation Finish();

 private:
  Explanation explanation_;
  std::set<std::string> missing_keys_;
};

// "#3" for a statement without a Sid.
std::string StatementLabel(const Statement& statement);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_RECORDING_TRACER_H_
