// The account audit (audit.h): effective permissions and findings for every principal,
// computed on worker threads over immutable inputs, with finding locations moved from
// policy-document coordinates into the authorization-details file. Principals with the same
// policies share one effective-permissions computation; each thread keeps its universes and
// clause answers across the principals it audits.
#include "iameval/audit.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "analysis/effective_compute.h"
#include "eval/principal.h"

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

// Effective permissions do not depend on the caller's name when no policy names principals
// (no resource, RCP, session or VPC endpoint policy): only on its policies (the loader shares
// one Policy between equal documents) and on the kind, partition and account of the caller
// and whether it is a service-linked role. Principals that agree on those share one
// computation. nullopt: not shareable.
std::optional<std::string> SharingKey(const PolicySet& set, std::string_view arn) {
  if (set.resource_policy || !set.rcp_levels.empty() || !set.session_policies.empty() ||
      set.vpc_endpoint_policy) {
    return std::nullopt;
  }
  const std::optional<internal::CallerPrincipal> caller = internal::ParseCallerPrincipal(arn, "");
  if (!caller) return std::nullopt;
  std::string key;
  key.push_back(static_cast<char>('0' + static_cast<int>(caller->kind)));
  key.push_back(caller->IsServiceLinkedRole() ? 'S' : '-');
  key.append(caller->partition).push_back('\0');
  key.append(caller->account).push_back('\0');
  auto add = [&key](const NamedPolicy& p) {
    const Policy* policy = p.policy.get();
    key.append(reinterpret_cast<const char*>(&policy), sizeof(policy));
    key.append(p.name).push_back('\0');
  };
  for (const NamedPolicy& p : set.identity) add(p);
  key.push_back('\1');
  if (set.permission_boundary) add(*set.permission_boundary);
  for (const std::vector<NamedPolicy>& level : set.scp_levels) {
    key.push_back('\2');
    for (const NamedPolicy& p : level) add(p);
  }
  return key;
}

// Stands for the principal's ARN in shared findings (AnalyzePrincipal() only copies the
// principal into findings' text fields; it does not parse it). AuditTest checks the findings
// of shared principals against a computation under their own ARN.
constexpr std::string_view kPrincipalToken = "\x1f\x1eiameval:principal\x1e\x1f";

void ReplaceToken(std::string& text, std::string_view arn) {
  for (size_t at = text.find(kPrincipalToken); at != std::string::npos;
       at = text.find(kPrincipalToken, at + arn.size())) {
    text.replace(at, kPrincipalToken.size(), arn);
  }
}

// What principals with the same SharingKey share: the summary of their effective permissions
// and their findings, the principal written as kPrincipalToken.
struct SharedEffective {
  PrincipalAudit summary;  // only the counts, services and is_admin
  std::vector<Finding> findings;
};

class SharedEffectiveCache {
 public:
  std::shared_ptr<const SharedEffective> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_key_.find(key);
    return it != by_key_.end() ? it->second : nullptr;
  }
  // Keeps the first value stored under `key` (two threads may compute the same one).
  std::shared_ptr<const SharedEffective> Insert(const std::string& key,
                                                std::shared_ptr<const SharedEffective> value) {
    std::lock_guard<std::mutex> lock(mu_);
    return by_key_.emplace(key, std::move(value)).first->second;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const SharedEffective>> by_key_;
};

class PrincipalAuditor {
 public:
  PrincipalAuditor(const AuditOptions& options, const Catalog& catalog)
      : options_(options), catalog_(catalog) {}

  // `tables`: the calling thread's (universes and pattern caches reused across principals).
  absl::StatusOr<PrincipalAudit> Run(const AccountPrincipal& p,
                                     internal::analysis::EffectiveTables* tables) const {
    PrincipalAudit out;
    out.type = p.type;
    out.name = p.name;
    out.arn = p.arn;
    out.location = p.location;
    PolicySet set = p.policies;
    if (!options_.management_account) set.scp_levels = options_.scp_levels;

    const std::optional<std::string> key = SharingKey(set, p.arn);
    std::shared_ptr<const SharedEffective> shared = key ? cache_.Find(*key) : nullptr;
    if (shared == nullptr) {
      absl::StatusOr<EffectivePermissions> effective = internal::analysis::ComputeEffective(
          set, p.arn, EffectiveOptions(), catalog_, tables);
      if (!effective.ok()) return effective.status();
      auto made = std::make_shared<SharedEffective>();
      Summarize(*effective, made->summary);
      if (key) effective->principal = std::string(kPrincipalToken);
      made->findings = AnalyzePrincipal(*effective, set, options_.findings, catalog_);
      shared = key ? cache_.Insert(*key, std::move(made)) : std::move(made);
    }
    out.findings = shared->findings;
    if (key) {
      for (Finding& f : out.findings) {
        ReplaceToken(f.principal, p.arn);
        ReplaceToken(f.title, p.arn);
        ReplaceToken(f.message, p.arn);
        for (std::string& r : f.resources) ReplaceToken(r, p.arn);
      }
    }
    if (p.trust_policy) {
      std::vector<Finding> trust = AnalyzePolicy(*p.trust_policy->policy, p.trust_policy->name,
                                                 options_.findings, catalog_);
      for (Finding& f : trust) {
        f.principal = p.arn;
        out.findings.push_back(std::move(f));
      }
    }
    MapLocations(p, out.findings);
    out.allowed = shared->summary.allowed;
    out.allowed_unconditionally = shared->summary.allowed_unconditionally;
    out.denied = shared->summary.denied;
    out.services = shared->summary.services;
    out.is_admin = shared->summary.is_admin;
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
    // Per service over its consecutive action ids (no per-action lookups by name).
    for (const ServiceInfo& service : catalog_.services()) {
      ServiceSummary s;
      bool any = false;
      const ActionId end = service.first_action + service.action_count;
      for (ActionId id = service.first_action; id < end; ++id) {
        if (effective.denied.Contains(id)) AddLevel(out.denied, catalog_.Action(id).access_level);
        if (!effective.allowed.Contains(id)) continue;
        const AccessLevel level = catalog_.Action(id).access_level;
        any = true;
        AddLevel(out.allowed, level);
        AddLevel(s.allowed, level);
        if (effective.allowed_unconditionally.Contains(id)) {
          AddLevel(out.allowed_unconditionally, level);
          AddLevel(s.allowed_unconditionally, level);
        }
      }
      if (!any) continue;
      s.service = catalog_.Action(service.first_action).service;
      out.services.push_back(std::move(s));
    }
    std::sort(out.services.begin(), out.services.end(),
              [](const ServiceSummary& a, const ServiceSummary& b) { return a.service < b.service; });
    // Some actions are never allowed by identity policies alone (role trust and KMS key
    // policies are mandatory), so "admin" means nearly the whole catalog unconditionally.
    out.is_admin = effective.allowed_unconditionally.Count() * 100 >= catalog_.action_count() * 99;
  }

  const AuditOptions& options_;
  const Catalog& catalog_;
  mutable SharedEffectiveCache cache_;  // thread-safe
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
    // Per thread: the universes and pattern caches of the account's partition, shared by the
    // principals this thread audits (ComputeEffective() makes its own for another partition).
    std::optional<internal::analysis::EffectiveTables> tables;
    for (size_t i = next++; i < n; i = next++) {
      if (!tables) {
        const std::string_view arn = account.principals[i].arn;
        const std::optional<internal::CallerPrincipal> caller =
            internal::ParseCallerPrincipal(arn, "");
        tables.emplace(catalog, caller ? std::string(caller->partition) : std::string(),
                       EffectiveOptions().evaluator.substitute_variables_in_all_arn_fields);
      }
      results[i] = auditor.Run(account.principals[i], &*tables);
    }
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
