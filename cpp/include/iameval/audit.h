// File: audit.h
// The account audit: for every principal of an authorization-details file (plus optional SCP
// levels), its findings (overreach, escalation paths combined across all its policies, after
// SCPs and boundaries), and a summary of its effective permissions (allowed actions per
// service and access level). Findings carry locations in the input file, for SARIF.
//
//   auto account = iameval::LoadAuthorizationDetails(text);
//   auto report = iameval::AuditAccount(*account);
#ifndef IAMEVAL_AUDIT_H_
#define IAMEVAL_AUDIT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/account.h"
#include "iameval/findings.h"

namespace iameval {

struct AuditOptions {
  // SCP levels of the audited account (root first); empty: no SCPs apply.
  std::vector<std::vector<NamedPolicy>> scp_levels;
  // The account is the organization's management account (SCPs do not apply).
  bool management_account = false;
  FindingOptions findings;
  // Worker threads (0: one per core). Compiled policies are shared read-only.
  unsigned threads = 0;
};

// Allowed actions of one service, per access level.
struct ServiceSummary {
  std::string service;
  AccessLevelCounts allowed;                // any kAllowed* status
  AccessLevelCounts allowed_unconditionally;
};

struct PrincipalAudit {
  EntityType type = EntityType::kUser;
  std::string name;
  std::string arn;
  SourceLocation location;  // of the principal's entry in the input file
  std::vector<Finding> findings;  // locations mapped into the input file when possible
  AccessLevelCounts allowed;      // over the whole catalog
  AccessLevelCounts allowed_unconditionally;
  AccessLevelCounts denied;
  std::vector<ServiceSummary> services;  // services with at least one allowed action
  // At least 99% of the catalog allowed unconditionally (actions that need a role trust or
  // KMS key policy are never allowed by identity policies alone).
  bool is_admin = false;
};

struct AuditReport {
  std::string account_id;
  std::vector<PrincipalAudit> principals;  // in file order
  std::vector<Diagnostic> diagnostics;     // from reading the file
  size_t finding_count = 0;
  std::map<std::string, size_t> findings_by_severity;  // "critical" -> n
};

// Audits every principal of `account`.
absl::StatusOr<AuditReport> AuditAccount(const AccountAuthorization& account,
                                         const AuditOptions& options = AuditOptions(),
                                         const Catalog& catalog = Catalog::Default());

}  // namespace iameval

#endif  // IAMEVAL_AUDIT_H_
