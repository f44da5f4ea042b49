// File: risk_rules.h
// Rules over everything a policy or a principal allows on every resource (IAM010-IAM015):
// privilege-escalation methods, and the categories data exfiltration, credentials exposure,
// resource exposure, infrastructure modification and permissions management. The input is a
// GrantView, built either from one policy's statements or from a principal's effective
// permissions, so the same rules serve AnalyzePolicy and AnalyzePrincipal.
#ifndef IAMEVAL_SRC_FINDINGS_RISK_RULES_H_
#define IAMEVAL_SRC_FINDINGS_RISK_RULES_H_

#include <vector>

#include "findings/grant_view.h"
#include "findings/risk_data.h"
#include "iameval/findings.h"

namespace iameval::internal {

void RunRiskRules(const GrantView& view, const RiskData& risk, const FindingOptions& options,
                  const Catalog& catalog, std::vector<Finding>& out);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_RISK_RULES_H_
