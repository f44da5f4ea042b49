// File: effective_statements.h
// The setup of one effective-permissions analysis: the policies compiled, the principal
// parsed, which layers take part (as Decide() would decide for this principal), and the
// facts of every statement of those layers (effective_model.h).
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_STATEMENTS_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_STATEMENTS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/effective_model.h"
#include "eval/decision_logic.h"
#include "eval/principal.h"
#include "iameval/effective.h"

namespace iameval::internal::analysis {

// One layer that takes part, with the id of each policy's first statement.
struct LayerFacts {
  const CompiledLayer* compiled = nullptr;
  Layer layer = Layer::kNone;
  int level = -1;
  bool rcp = false;  // applies only to actions of RCP-supported services
  std::vector<uint32_t> first_statement;  // per policy
};

struct AnalysisSetup {
  const Catalog* catalog = nullptr;
  CompiledPolicySet compiled;
  // Owned copies: `caller` views into them.
  std::string principal;
  std::string parent_arn;
  CallerPrincipal caller;
  std::string partition;         // of the caller; empty for service and anonymous callers
  std::string resource_account;
  // Where Resource values substitute policy variables (EvaluatorOptions).
  ArnVariableScope scope = ArnVariableScope::kResourceIdOnly;
  bool principal_side = false;   // an IAM principal of an account (identity layers apply)
  bool same_account = false;
  bool scp_on = false;
  bool has_boundary = false;           // principal side and a boundary is given
  bool session_policy_applies = false; // a session policy is given and the caller is a session
  std::vector<LayerFacts> layers;      // taking part, in the order of §7.1
  std::vector<StatementFacts> statements;
  // The KMS key rule (§7.4: key policies are mandatory for requests on keys) as two clauses
  // outside the policies: "the resource is a key" and "it is not".
  uint32_t kms_key_term = 0;
  uint32_t kms_not_key_term = 0;

  const StatementFacts& fact(uint32_t id) const { return statements[id]; }
};

// Prepares the analysis. InvalidArgument for a principal that is not one, or a null policy.
// The setup is not movable (views into its own strings): it lives behind the pointer.
absl::StatusOr<std::unique_ptr<AnalysisSetup>> PrepareAnalysis(const PolicySet& policies,
                                                               std::string_view principal,
                                                               const EffectiveOptions& options,
                                                               const Catalog& catalog);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_STATEMENTS_H_
