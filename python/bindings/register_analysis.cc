// The analyses: effective permissions, findings, least-privilege suggestions and the account
// audit. Results cross into Python as plain dicts and lists (JSON-shaped), which the Python
// layer turns into tables and reports. The C++ work runs without the GIL.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "iameval/audit.h"
#include "iameval/effective.h"
#include "iameval/findings.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

using NamedParse = std::pair<std::string, ParseResult>;

NamedPolicy Named(const NamedParse& p) {
  if (!p.second.ok()) {
    throw StatusNotOk(absl::InvalidArgumentError("policy `" + p.first + "` has errors"));
  }
  return NamedPolicy{p.first, p.second.policy};
}

std::vector<NamedPolicy> NamedList(const std::vector<NamedParse>& list) {
  std::vector<NamedPolicy> out;
  for (const NamedParse& p : list) out.push_back(Named(p));
  return out;
}

PolicySet MakeSet(const std::vector<NamedParse>& identity, const std::optional<NamedParse>& resource,
                  const std::vector<std::vector<NamedParse>>& scps,
                  const std::optional<NamedParse>& boundary, const std::vector<NamedParse>& session) {
  PolicySet set;
  set.identity = NamedList(identity);
  if (resource) set.resource_policy = Named(*resource);
  for (const auto& level : scps) set.scp_levels.push_back(NamedList(level));
  if (boundary) set.permission_boundary = Named(*boundary);
  set.session_policies = NamedList(session);
  return set;
}

py::dict Counts(const AccessLevelCounts& c) {
  py::dict d;
  d["List"] = c.list;
  d["Read"] = c.read;
  d["Write"] = c.write;
  d["Permissions management"] = c.permissions_management;
  d["Tagging"] = c.tagging;
  return d;
}

py::list ActionNames(const ActionSet& set) {
  const Catalog& catalog = Catalog::Default();
  py::list out;
  for (ActionId id : set.Ids()) out.append(catalog.ActionName(id));
  return out;
}

py::dict ConditionDict(const EffectiveCondition& c) {
  py::dict d;
  d["policy"] = c.policy_name;
  d["sid"] = c.sid;
  d["operator"] = c.operator_text;
  d["key"] = c.key;
  d["values"] = c.values;
  return d;
}

py::list ConditionList(const std::vector<EffectiveCondition>& conditions) {
  py::list out;
  for (const EffectiveCondition& c : conditions) out.append(ConditionDict(c));
  return out;
}

py::dict LocationDict(const SourceLocation& l) {
  py::dict d;
  d["path"] = l.path;
  d["line"] = l.line;
  d["column"] = l.column;
  return d;
}

py::dict FindingDict(const Finding& f) {
  py::dict d;
  d["rule_id"] = f.rule_id;
  d["severity"] = FindingSeverityName(f.severity);
  d["title"] = f.title;
  d["message"] = f.message;
  d["principal"] = f.principal;
  d["policy"] = f.policy_name;
  d["statement"] = f.statement_index;
  d["sid"] = f.sid;
  d["location"] = LocationDict(f.location);
  py::list related;
  for (const FindingLocation& r : f.related) {
    py::dict rd;
    rd["policy"] = r.policy_name;
    rd["statement"] = r.statement_index;
    rd["sid"] = r.sid;
    rd["location"] = LocationDict(r.location);
    related.append(rd);
  }
  d["related"] = related;
  d["actions"] = ActionNames(f.actions);
  d["action_counts"] = Counts(f.action_counts);
  d["conditional"] = f.conditional;
  d["conditions"] = ConditionList(f.conditions);
  d["method"] = f.method;
  d["resources"] = f.resources;
  return d;
}

py::list FindingList(const std::vector<Finding>& findings) {
  py::list out;
  for (const Finding& f : findings) out.append(FindingDict(f));
  return out;
}

py::dict EffectiveDict(const EffectivePermissions& e) {
  const Catalog& catalog = Catalog::Default();
  py::list rows;
  for (const EffectiveAction& a : e.actions) {
    const ActionInfo& info = catalog.Action(a.action);
    py::dict row;
    row["service"] = info.service;
    row["action"] = info.FullName();
    row["access_level"] = AccessLevelName(info.access_level);
    row["status"] = EffectiveStatusName(a.status);
    row["resources"] = a.resources;
    row["excluded_resources"] = a.excluded_resources;
    row["conditions"] = ConditionList(a.conditions);
    row["layer"] = LayerName(a.deciding_layer);
    row["level"] = a.deciding_level >= 0 ? py::object(py::int_(a.deciding_level)) : py::none();
    row["policy"] = a.deciding_policy;
    rows.append(row);
  }
  py::dict d;
  d["principal"] = e.principal;
  d["rows"] = rows;
  d["allowed"] = e.allowed.Count();
  d["allowed_unconditionally"] = e.allowed_unconditionally.Count();
  d["denied"] = e.denied.Count();
  d["catalog_actions"] = e.catalog_actions;
  return d;
}

FindingOptions MakeFindingOptions(const std::string& account_id,
                                  const std::vector<std::string>& trusted_accounts,
                                  const std::vector<std::string>& disabled_rules) {
  FindingOptions o;
  o.account_id = account_id;
  o.trusted_accounts = trusted_accounts;
  o.disabled_rules = disabled_rules;
  return o;
}

py::dict AuditDict(const AuditReport& report) {
  py::dict d;
  d["account_id"] = report.account_id;
  py::list principals;
  for (const PrincipalAudit& p : report.principals) {
    py::dict pd;
    pd["type"] = EntityTypeName(p.type);
    pd["name"] = p.name;
    pd["arn"] = p.arn;
    pd["location"] = LocationDict(p.location);
    pd["findings"] = FindingList(p.findings);
    pd["allowed"] = Counts(p.allowed);
    pd["allowed_unconditionally"] = Counts(p.allowed_unconditionally);
    pd["denied"] = Counts(p.denied);
    py::list services;
    for (const ServiceSummary& s : p.services) {
      py::dict sd;
      sd["service"] = s.service;
      sd["allowed"] = Counts(s.allowed);
      sd["allowed_unconditionally"] = Counts(s.allowed_unconditionally);
      services.append(sd);
    }
    pd["services"] = services;
    pd["is_admin"] = p.is_admin;
    principals.append(pd);
  }
  d["principals"] = principals;
  py::list diagnostics;
  for (const Diagnostic& diag : report.diagnostics) {
    py::dict dd;
    dd["severity"] = SeverityName(diag.severity);
    dd["kind"] = diag.kind;
    dd["message"] = diag.message;
    dd["location"] = LocationDict(diag.location);
    diagnostics.append(dd);
  }
  d["diagnostics"] = diagnostics;
  d["finding_count"] = report.finding_count;
  d["findings_by_severity"] = report.findings_by_severity;
  return d;
}

}  // namespace

void RegisterAnalysis(py::module_& m) {
  m.def(
      "effective_permissions",
      [](const std::vector<NamedParse>& identity, const std::optional<NamedParse>& resource,
         const std::vector<std::vector<NamedParse>>& scps, const std::optional<NamedParse>& boundary,
         const std::vector<NamedParse>& session, const std::string& principal,
         bool include_not_allowed) {
        PolicySet set = MakeSet(identity, resource, scps, boundary, session);
        EffectiveOptions options;
        options.include_not_allowed = include_not_allowed;
        EffectivePermissions result;
        {
          py::gil_scoped_release release;
          result = ValueOrThrow(ComputeEffectivePermissions(set, principal, options));
        }
        return EffectiveDict(result);
      },
      py::arg("identity"), py::arg("resource"), py::arg("scps"), py::arg("boundary"),
      py::arg("session"), py::arg("principal"), py::arg("include_not_allowed") = false,
      "Effective permissions as {principal, rows: [...], counts}.");

  m.def(
      "analyze_policy",
      [](const NamedParse& policy, const std::string& account_id,
         const std::vector<std::string>& trusted_accounts,
         const std::vector<std::string>& disabled_rules) {
        NamedPolicy named = Named(policy);
        std::vector<Finding> findings;
        {
          py::gil_scoped_release release;
          findings = AnalyzePolicy(*named.policy, named.name,
                                   MakeFindingOptions(account_id, trusted_accounts, disabled_rules));
        }
        return FindingList(findings);
      },
      py::arg("policy"), py::arg("account_id") = "", py::arg("trusted_accounts") = std::vector<std::string>(),
      py::arg("disabled_rules") = std::vector<std::string>(), "Findings for one policy document.");

  m.def(
      "analyze_principal",
      [](const std::vector<NamedParse>& identity, const std::optional<NamedParse>& resource,
         const std::vector<std::vector<NamedParse>>& scps, const std::optional<NamedParse>& boundary,
         const std::vector<NamedParse>& session, const std::string& principal,
         const std::string& account_id, const std::vector<std::string>& disabled_rules) {
        PolicySet set = MakeSet(identity, resource, scps, boundary, session);
        std::vector<Finding> findings;
        {
          py::gil_scoped_release release;
          findings = ValueOrThrow(AnalyzePrincipal(
              set, principal, MakeFindingOptions(account_id, {}, disabled_rules)));
        }
        return FindingList(findings);
      },
      py::arg("identity"), py::arg("resource"), py::arg("scps"), py::arg("boundary"),
      py::arg("session"), py::arg("principal"), py::arg("account_id") = "",
      py::arg("disabled_rules") = std::vector<std::string>(),
      "Findings for a principal, across all its policies, after SCPs and boundaries.");

  m.def("finding_rules", [] {
    py::list out;
    for (const FindingRule& r : FindingRules()) {
      py::dict d;
      d["id"] = r.id;
      d["severity"] = FindingSeverityName(r.severity);
      d["title"] = r.title;
      d["fix"] = r.fix;
      out.append(d);
    }
    return out;
  }, "Every finding rule: id, severity, title, fix.");

  m.def(
      "suggest_least_privilege",
      [](const NamedParse& policy, const std::optional<std::vector<std::pair<std::string, std::string>>>& used,
         const std::string& account_id, const std::string& region) {
        NamedPolicy named = Named(policy);
        std::optional<std::vector<UsedAccess>> used_access;
        if (used) {
          used_access.emplace();
          for (const auto& [action, resource] : *used) used_access->push_back(UsedAccess{action, resource});
        }
        LeastPrivilegeOptions options;
        options.account_id = account_id;
        options.region = region;
        LeastPrivilegeResult result;
        {
          py::gil_scoped_release release;
          result = ValueOrThrow(SuggestLeastPrivilege(*named.policy, used_access, options));
        }
        py::dict d;
        d["policy_json"] = result.policy_json;
        d["kept"] = ActionNames(result.kept);
        d["removed"] = ActionNames(result.removed);
        d["removed_counts"] = Counts(result.removed_counts);
        d["notes"] = result.notes;
        return d;
      },
      py::arg("policy"), py::arg("used") = std::nullopt, py::arg("account_id") = "",
      py::arg("region") = "", "A narrower policy and what it removes.");

  m.def(
      "audit_authorization_details",
      [](const std::string& text, const std::vector<std::vector<NamedParse>>& scps,
         bool management_account, unsigned threads, const std::vector<std::string>& disabled_rules) {
        AuditOptions options;
        for (const auto& level : scps) options.scp_levels.push_back(NamedList(level));
        options.management_account = management_account;
        options.threads = threads;
        options.findings.disabled_rules = disabled_rules;
        AuditReport report;
        {
          py::gil_scoped_release release;
          AccountAuthorization account = ValueOrThrow(LoadAuthorizationDetails(text));
          report = ValueOrThrow(AuditAccount(account, options));
        }
        return AuditDict(report);
      },
      py::arg("text"), py::arg("scps") = std::vector<std::vector<NamedParse>>(),
      py::arg("management_account") = false, py::arg("threads") = 0,
      py::arg("disabled_rules") = std::vector<std::string>(),
      "Reads an authorization-details file and audits every principal.");
}

}  // namespace bindings
}  // namespace iameval
