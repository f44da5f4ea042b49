// The account audit (audit.h): effective permissions and findings for every principal,
// computed on worker threads over immutable inputs, with finding locations moved from
// policy-document coordinates into the authorization-details file.
#include "iameval/audit.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <unordered_map>

namespace iameval {
namespace {

void AddLevel(AccessLevelCounts& counts, AccessLevel level) {
  switch (level) {
    case AccessLevel::kList: ++counts.list; break;
    case AccessLevel::kRead: ++counts.read; break;
    case AccessLevel::kWrite: ++counts.write; break;
    case AccessLevel::kPermissionsManagement: ++counts.permissions_management; break;
    case AccessLevel::kTagging: ++counts.tagging; break;
  }
}

// A location inside a policy document, re-expressed in the file the document was read from.
SourceLocation InFile(const SourceLocation& in_policy, const PolicyOrigin& origin) {
  if (origin.location.line == 0 || in_policy.line == 0) {
    SourceLocation out = in_policy;
    if (!origin.location.path.empty()) out.path = origin.location.path + in_policy.path;
    return out;
  }
  SourceLocation out;
  out.path = origin.location.path + in_policy.path;
  out.line = origin.location.line + in_policy.line - 1;
  out.column = in_policy.line == 1 ? origin.location.column + in_policy.column - 1
                                   : in_policy.column;
  return out;
}

class PrincipalAuditor {
 public:
  PrincipalAuditor(const AuditOptions& options, const Catalog& catalog)
      : options_(options), catalog_(catalog) {}

  absl::StatusOr<PrincipalAudit> Run(const AccountPrincipal& p) const {
    PrincipalAudit out;
    out.type = p.type;
    out.name = p.name;
    out.arn = p.arn;
    out.location = p.location;
    PolicySet set = p.policies;
    if (!options_.management_account) set.scp_levels = options_.scp_levels;

    absl::StatusOr<EffectivePermissions> effective =
        ComputeEffectivePermissions(set, p.arn, EffectiveOptions(), catalog_);
    if (!effective.ok()) return effective.status();
    out.findings = AnalyzePrincipal(*effective, set, options_.findings, catalog_);
    if (p.trust_policy) {
      std::vector<Finding> trust = AnalyzePolicy(*p.trust_policy->policy, p.trust_policy->name,
                                                 options_.findings, catalog_);
      for (Finding& f : trust) {
        f.principal = p.arn;
        out.findings.push_back(std::move(f));
      }
    }
    MapLocations(p, out.findings);
    Summarize(*effective, out);
    return out;
  }

 private:
  void MapLocations(const AccountPrincipal& p, std::vector<Finding>& findings) const {
    std::unordered_map<std::string, const PolicyOrigin*> origins;
    for (size_t i = 0; i < p.policies.identity.size() && i < p.identity_origins.size(); ++i) {
      origins.emplace(p.policies.identity[i].name, &p.identity_origins[i]);
    }
    if (p.policies.permission_boundary && p.boundary_origin) {
      origins.emplace(p.policies.permission_boundary->name, &*p.boundary_origin);
    }
    if (p.trust_policy && p.trust_origin) origins.emplace(p.trust_policy->name, &*p.trust_origin);
    for (Finding& f : findings) {
      auto it = origins.find(f.policy_name);
      if (it != origins.end()) f.location = InFile(f.location, *it->second);
      for (FindingLocation& r : f.related) {
        auto rit = origins.find(r.policy_name);
        if (rit != origins.end()) r.location = InFile(r.location, *rit->second);
      }
    }
  }

  void Summarize(const EffectivePermissions& effective, PrincipalAudit& out) const {
    std::map<std::string, ServiceSummary> services;
    for (ActionId id : effective.allowed.Ids()) {
      const ActionInfo& a = catalog_.Action(id);
      AddLevel(out.allowed, a.access_level);
      ServiceSummary& s = services[a.service];
      s.service = a.service;
      AddLevel(s.allowed, a.access_level);
      if (effective.allowed_unconditionally.Contains(id)) {
        AddLevel(out.allowed_unconditionally, a.access_level);
        AddLevel(s.allowed_unconditionally, a.access_level);
      }
    }
    for (ActionId id : effective.denied.Ids()) AddLevel(out.denied, catalog_.Action(id).access_level);
    for (auto& [name, summary] : services) out.services.push_back(std::move(summary));
    // Some actions are never allowed by identity policies alone (role trust and KMS key
    // policies are mandatory), so "admin" means nearly the whole catalog unconditionally.
    out.is_admin = effective.allowed_unconditionally.Count() * 100 >= catalog_.action_count() * 99;
  }

  const AuditOptions& options_;
  const Catalog& catalog_;
};

}  // namespace

absl::StatusOr<AuditReport> AuditAccount(const AccountAuthorization& account,
                                         const AuditOptions& options, const Catalog& catalog) {
  AuditReport report;
  report.account_id = account.account_id;
  report.diagnostics = account.diagnostics;
  const size_t n = account.principals.size();
  std::vector<absl::StatusOr<PrincipalAudit>> results(n, absl::UnknownError("not run"));
  AuditOptions effective_options = options;
  if (effective_options.findings.account_id.empty()) {
    effective_options.findings.account_id = account.account_id;
  }
  PrincipalAuditor auditor(effective_options, catalog);
  unsigned threads = options.threads != 0 ? options.threads
                                          : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) results[i] = auditor.Run(account.principals[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (size_t i = 0; i < n; ++i) {
    absl::StatusOr<PrincipalAudit>& r = results[i];
    if (!r.ok()) {
      // One principal that cannot be evaluated (e.g. an ARN that is no principal) is reported
      // and skipped; the rest of the account is still audited.
      const AccountPrincipal& p = account.principals[i];
      Diagnostic d;
      d.severity = Severity::kError;
      d.kind = "principal_not_evaluated";
      d.message = "`" + p.arn + "` was not audited: " + std::string(r.status().message());
      d.location = p.location;
      report.diagnostics.push_back(std::move(d));
      PrincipalAudit skipped;
      skipped.type = p.type;
      skipped.name = p.name;
      skipped.arn = p.arn;
      skipped.location = p.location;
      report.principals.push_back(std::move(skipped));
      continue;
    }
    for (const Finding& f : r->findings) {
      ++report.finding_count;
      ++report.findings_by_severity[FindingSeverityName(f.severity)];
    }
    report.principals.push_back(std::move(*r));
  }
  return report;
}

}  // namespace iameval
