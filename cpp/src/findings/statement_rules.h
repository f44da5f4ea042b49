// File: statement_rules.h
// Rules on single Allow statements (IAM001-IAM008): action wildcards, NotAction, NotResource,
// Resource `*` and effectively-`*` patterns on resource-scopable actions, iam:PassRole on
// every role. Each finding points at the offending value.
#ifndef IAMEVAL_SRC_FINDINGS_STATEMENT_RULES_H_
#define IAMEVAL_SRC_FINDINGS_STATEMENT_RULES_H_

#include <vector>

#include "findings/policy_facts.h"
#include "iameval/findings.h"

namespace iameval::internal {

// Runs the statement rules on every Allow statement of `facts`. Actions the policy denies
// unconditionally never count. `limit`, when not null, keeps only actions in it (a
// principal's effective permissions); a finding left with no action is not reported.
void RunStatementRules(const PolicyFacts& facts, const FindingOptions& options,
                       const ActionSet* limit, const Catalog& catalog,
                       std::vector<Finding>& out);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_STATEMENT_RULES_H_
