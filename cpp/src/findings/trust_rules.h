// File: trust_rules.h
// Rules on who a policy lets in: role trust policies (IAM020-IAM023) and resource policies
// (IAM024), plus Allow with NotPrincipal (IAM009) for both.
#ifndef IAMEVAL_SRC_FINDINGS_TRUST_RULES_H_
#define IAMEVAL_SRC_FINDINGS_TRUST_RULES_H_

#include <vector>

#include "findings/policy_facts.h"
#include "findings/risk_data.h"
#include "iameval/findings.h"

namespace iameval::internal {

// Principal rules on every Allow statement with Principal / NotPrincipal. `trust` selects the
// trust-policy rules (any principal, other accounts, federation, compute services); otherwise
// a public principal is IAM024.
void RunPrincipalRules(const PolicyFacts& facts, bool trust, const RiskData& risk,
                       const FindingOptions& options, std::vector<Finding>& out);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_TRUST_RULES_H_
