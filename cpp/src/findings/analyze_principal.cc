// AnalyzePrincipal from effective permissions: the risk rules over the union of everything
// the principal may do, and the statement rules of its identity policies limited to it.
#include <vector>

#include "findings/finding_builder.h"
#include "findings/grant_view.h"
#include "findings/policy_facts.h"
#include "findings/risk_data.h"
#include "findings/risk_rules.h"
#include "findings/statement_rules.h"
#include "iameval/findings.h"

namespace iameval {

std::vector<Finding> AnalyzePrincipal(const EffectivePermissions& effective,
                                      const PolicySet& policies, const FindingOptions& options,
                                      const Catalog& catalog) {
  std::vector<internal::PolicyFacts> facts;
  for (size_t i = 0; i < policies.identity.size(); ++i) {
    const NamedPolicy& p = policies.identity[i];
    if (p.policy == nullptr) continue;
    facts.push_back(internal::BuildPolicyFacts(
        *p.policy, p.name.empty() ? "identity" + std::to_string(i) : p.name, catalog));
  }
  const size_t identity_count = facts.size();
  if (policies.resource_policy && policies.resource_policy->policy != nullptr) {
    const NamedPolicy& p = *policies.resource_policy;
    facts.push_back(internal::BuildPolicyFacts(*p.policy, p.name.empty() ? "resource" : p.name,
                                               catalog));
  }
  std::vector<Finding> out;
  const std::shared_ptr<const internal::RiskData> risk = internal::RiskDataFor(catalog);
  internal::RunRiskRules(internal::PrincipalGrantView(effective, facts, catalog), *risk, options,
                         catalog, out);
  if (options.include_statement_findings) {
    const size_t first = out.size();
    for (size_t i = 0; i < identity_count; ++i) {
      internal::RunStatementRules(facts[i], options, &effective.allowed, catalog, out);
    }
    for (size_t i = first; i < out.size(); ++i) out[i].principal = effective.principal;
  }
  internal::SortFindings(out);
  return out;
}

}  // namespace iameval
