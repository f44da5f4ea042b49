// File: rule_registry.h
// The rule ids as constants and the table of every rule (id, usual severity, title, fix).
// docs/findings.md documents the same table for people; findings_test.cc checks they agree.
#ifndef IAMEVAL_SRC_FINDINGS_RULE_REGISTRY_H_
#define IAMEVAL_SRC_FINDINGS_RULE_REGISTRY_H_

#include <string_view>

#include "iameval/findings.h"

namespace iameval::internal::rules {

// Per statement: wildcards and negations.
inline constexpr char kActionStar[] = "IAM001-action-star";
inline constexpr char kServiceWildcard[] = "IAM002-service-wildcard";
inline constexpr char kPrefixWildcard[] = "IAM003-action-prefix-wildcard";
inline constexpr char kResourceStar[] = "IAM004-resource-star";
inline constexpr char kResourceEffectivelyStar[] = "IAM005-resource-effectively-star";
inline constexpr char kAllowNotAction[] = "IAM006-allow-not-action";
inline constexpr char kAllowNotResource[] = "IAM007-allow-not-resource";
inline constexpr char kPassRoleStar[] = "IAM008-passrole-star";
inline constexpr char kAllowNotPrincipal[] = "IAM009-allow-not-principal";
// Per policy or per principal: risky categories over everything allowed.
inline constexpr char kPrivilegeEscalation[] = "IAM010-privilege-escalation";
inline constexpr char kDataExfiltration[] = "IAM011-data-exfiltration";
inline constexpr char kCredentialsExposure[] = "IAM012-credentials-exposure";
inline constexpr char kResourceExposure[] = "IAM013-resource-exposure";
inline constexpr char kInfrastructureModification[] = "IAM014-infrastructure-modification";
inline constexpr char kPermissionsManagement[] = "IAM015-permissions-management";
// Trust policies and resource policies: who may call.
inline constexpr char kTrustAnyPrincipal[] = "IAM020-trust-any-principal";
inline constexpr char kTrustCrossAccount[] = "IAM021-trust-cross-account";
inline constexpr char kTrustFederatedUnscoped[] = "IAM022-trust-federated-unscoped";
inline constexpr char kTrustComputeService[] = "IAM023-trust-compute-service";
inline constexpr char kResourcePolicyPublic[] = "IAM024-resource-policy-public";

// The table entry for `id`; every id above has one.
const FindingRule& Get(std::string_view id);

}  // namespace iameval::internal::rules

#endif  // IAMEVAL_SRC_FINDINGS_RULE_REGISTRY_H_
