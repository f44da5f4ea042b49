// File: tracer.h
// The evaluation is written once, as templates over a Tracer. NullTracer compiles to nothing,
// so the plain decision path pays nothing for explanations; RecordingTracer builds the
// Explanation when one is asked for.
#ifndef IAMEVAL_SRC_EVAL_TRACER_H_
#define IAMEVAL_SRC_EVAL_TRACER_H_

#include <string_view>

#include "eval/principal_match.h"
#include "iameval/evaluator.h"

namespace iameval::internal {

struct CompiledStatement;
struct CompiledPolicy;
struct CompiledCondition;
struct ContextValues;

struct NullTracer {
  static constexpr bool kEnabled = false;
  void OnStatement(Layer, int, const CompiledPolicy&, const CompiledStatement&, PrincipalClass) {}
  void OnCondition(const CompiledPolicy&, const CompiledStatement&, const CompiledCondition&,
                   const ContextValues&, bool, std::string_view) {}
  void OnWarning(std::string_view) {}
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_TRACER_H_
