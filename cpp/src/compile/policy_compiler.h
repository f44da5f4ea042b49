// File: policy_compiler.h
// Compiles a PolicySet into the layers DecideRequest() evaluates.
#ifndef IAMEVAL_SRC_COMPILE_POLICY_COMPILER_H_
#define IAMEVAL_SRC_COMPILE_POLICY_COMPILER_H_

#include "absl/status/status.h"
#include "eval/decision_logic.h"
#include "iameval/evaluator.h"

namespace iameval::internal {

absl::Status CompilePolicySet(const PolicySet& policies, const EvaluatorOptions& options,
                              const Catalog& catalog, CompiledPolicySet& out);

// One policy, compiled (exposed for the analyses, which reuse statement matchers).
CompiledPolicy CompilePolicy(const NamedPolicy& policy, const Catalog& catalog,
                             const EvaluatorOptions& options = EvaluatorOptions());

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_POLICY_COMPILER_H_
