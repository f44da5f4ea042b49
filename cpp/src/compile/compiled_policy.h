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

struct StatementRef {
  uint32_t policy = 0;
  uint32_t statement = 0;
};

struct CompiledLayer {
  Layer layer = Layer::kNone;
  int level = -1;
  std::vector<CompiledPolicy> policies;
  // The statements whose Action / NotAction matches each catalog action, in document order:
  // index_entries[index_offsets[id] .. index_offsets[id + 1]). A request for a catalog
  // action visits only these; an action the catalog does not know scans every statement.
  std::vector<uint32_t> index_offsets;
  std::vector<StatementRef> index_entries;

  bool empty() const { return policies.empty(); }
  bool indexed() const { return !index_offsets.empty(); }
  // Builds the index over a catalog of `action_count` actions.
  void BuildIndex(size_t action_count);
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_
