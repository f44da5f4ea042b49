// File: compiled_policy.h
// The compiled form of policies: immutable after compilation, shared read-only by every
// evaluation thread. One CompiledLayer is one set of OR-ed policies (the identity policies,
// the boundary, one SCP level, ...).
#ifndef IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_
#define IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_

#include <memory>
#include <string>
#include <vector>

#include "compile/action_matcher.h"
#include "compile/compiled_condition.h"
#include "compile/resource_matcher.h"
#include "eval/principal_match.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval::internal {

struct CompiledStatement {
  Effect effect = Effect::kAllow;
  ActionMatcher actions;
  bool has_resource = false;  // false: trust-policy style, the attached resource
  ResourceMatcher resources;
  bool has_principal = false;
  CompiledPrincipals principals;
  std::vector<CompiledCondition> conditions;
  const Statement* source = nullptr;  // for explanations; owned by CompiledPolicy::source
};

struct CompiledPolicy {
  std::string name;
  std::shared_ptr<const Policy> source;
  std::vector<CompiledStatement> statements;
};

struct LayerVerdict {
  bool allow = false;
  bool deny = false;
  PrincipalClass allow_class = PrincipalClass::kNone;  // strongest class among Allows
};

struct CompiledLayer {
  Layer layer = Layer::kNone;
  int level = -1;
  std::vector<CompiledPolicy> policies;
  bool empty() const { return policies.empty(); }
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_
