// The rule table. Severities are the usual ones; a rule may raise or lower its own for one
// occurrence (e.g. a service wildcard that includes Permissions-management actions), and
// docs/findings.md says when.
#include "findings/rule_registry.h"

#include <cstdlib>

namespace iameval {
namespace {

using S = FindingSeverity;

const std::vector<FindingRule>& Table() {
  static const std::vector<FindingRule> kRules = {
      {internal::rules::kActionStar, S::kCritical, "Action `*` allows every action",
       "list the actions the workload calls (SuggestLeastPrivilege can do it from usage)"},
      {internal::rules::kServiceWildcard, S::kMedium, "Action `service:*` allows every action of a service",
       "list the service's actions the workload calls"},
      {internal::rules::kPrefixWildcard, S::kLow, "Action wildcard allows more actions than its name suggests",
       "replace the wildcard by the actions it is meant to cover"},
      {internal::rules::kResourceStar, S::kMedium, "Resource `*` on actions that support resource-level permissions",
       "name the resources (ARNs) the actions need; keep `*` only for wildcard-only actions"},
      {internal::rules::kResourceEffectivelyStar, S::kMedium, "Resource pattern matches every resource of the actions",
       "narrow the pattern to the buckets, tables, functions ... the actions need"},
      {internal::rules::kAllowNotAction, S::kHigh, "Allow with NotAction allows everything not listed",
       "use Action with the actions to allow; NotAction belongs in Deny statements"},
      {internal::rules::kAllowNotResource, S::kMedium, "Allow with NotResource allows every resource not listed",
       "use Resource with the resources to allow"},
      {internal::rules::kPassRoleStar, S::kHigh, "iam:PassRole on every role",
       "name the roles that may be passed and add an iam:PassedToService condition"},
      {internal::rules::kAllowNotPrincipal, S::kMedium, "Allow with NotPrincipal allows every principal not listed",
       "use Principal with the principals to allow"},
      {internal::rules::kPrivilegeEscalation, S::kHigh, "Privilege escalation",
       "remove one action of the method, or scope it to resources that cannot lead to more privileges"},
      {internal::rules::kDataExfiltration, S::kMedium, "Data exfiltration: reading secrets or data on every resource",
       "scope the actions to the buckets, parameters and secrets the workload reads"},
      {internal::rules::kCredentialsExposure, S::kHigh, "Credentials exposure: actions that return credentials",
       "scope the actions to specific resources, or remove them"},
      {internal::rules::kResourceExposure, S::kHigh, "Resource exposure: writing resource policies or sharing on every resource",
       "scope the actions to the resources the principal administers"},
      {internal::rules::kInfrastructureModification, S::kLow, "Infrastructure modification on every resource",
       "scope the actions to the resources the workload manages"},
      {internal::rules::kPermissionsManagement, S::kMedium, "Permissions management on every resource",
       "scope the actions to specific resources, or move them to an administrator role"},
      {internal::rules::kTrustAnyPrincipal, S::kCritical, "Role trust policy allows any principal",
       "name the principals that may assume the role"},
      {internal::rules::kTrustCrossAccount, S::kMedium, "Role trusts another account without sts:ExternalId",
       "add a condition on sts:ExternalId (third parties) or name the role or user of the other account"},
      {internal::rules::kTrustFederatedUnscoped, S::kHigh, "Federated trust without a condition on the token's subject or audience",
       "add a condition on the provider's :sub (e.g. token.actions.githubusercontent.com:sub) or :aud key"},
      {internal::rules::kTrustComputeService, S::kInfo, "Role can be used by a compute service",
       "make sure only the intended workloads get this role (iam:PassRole scope)"},
      {internal::rules::kResourcePolicyPublic, S::kCritical, "Resource policy allows any principal",
       "name the principals, or add conditions such as aws:PrincipalOrgID or aws:SourceArn"},
  };
  return kRules;
}

}  // namespace

const std::vector<FindingRule>& FindingRules() { return Table(); }

const char* FindingSeverityName(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::kCritical: return "critical";
    case FindingSeverity::kHigh: return "high";
    case FindingSeverity::kMedium: return "medium";
    case FindingSeverity::kLow: return "low";
    case FindingSeverity::kInfo: return "info";
  }
  return "info";
}

namespace internal::rules {

const FindingRule& Get(std::string_view id) {
  for (const FindingRule& rule : Table()) {
    if (id == rule.id) return rule;
  }
  // Only the constants in rule_registry.h are passed here; a typo is a programming error.
  std::abort();
}

}  // namespace internal::rules
}  // namespace iameval
