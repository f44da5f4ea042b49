// AnalyzePolicy: the rules that apply to one document, chosen by its kind.
#include <vector>

#include "findings/finding_builder.h"
#include "findings/grant_view.h"
#include "findings/policy_facts.h"
#include "findings/risk_data.h"
#include "findings/risk_rules.h"
#include "findings/statement_rules.h"
#include "findings/trust_rules.h"
#include "iameval/findings.h"

namespace iameval {

std::vector<Finding> AnalyzePolicy(const Policy& policy, std::string_view name,
                                   const FindingOptions& options, const Catalog& catalog) {
  std::vector<Finding> out;
  const internal::PolicyFacts facts = internal::BuildPolicyFacts(policy, name, catalog);
  const std::shared_ptr<const internal::RiskData> risk = internal::RiskDataFor(catalog);
  switch (policy.kind) {
    case PolicyKind::kIdentity:
      internal::RunStatementRules(facts, options, nullptr, catalog, out);
      internal::RunRiskRules(internal::PolicyGrantView(facts, catalog), *risk, options, catalog,
                             out);
      break;
    case PolicyKind::kResource:
      // Grants to other principals: the statement rules apply, and who is let in. The risk
      // categories describe what an identity can do, so they are left to AnalyzePrincipal.
      internal::RunStatementRules(facts, options, nullptr, catalog, out);
      internal::RunPrincipalRules(facts, /*trust=*/false, *risk, options, out);
      break;
    case PolicyKind::kTrust:
      internal::RunPrincipalRules(facts, /*trust=*/true, *risk, options, out);
      break;
    case PolicyKind::kScp:
    case PolicyKind::kRcp:
    case PolicyKind::kPermissionBoundary:
    case PolicyKind::kSession:
    case PolicyKind::kVpcEndpoint:
      // Guardrails: an Allow only sets a ceiling, it grants nothing by itself.
      break;
  }
  internal::SortFindings(out);
  return out;
}

}  // namespace iameval
