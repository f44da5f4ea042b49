// The analyses: effective permissions, findings, least-privilege suggestions and the account
// audit. Results cross into Python as plain dicts and lists (JSON-shaped; effective
// permissions as columns), which the Python layer turns into tables and reports. The C++ work
// runs without the GIL.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <unordered_map>
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

// Per catalog action, the Python str of its full name ("s3:GetObject"), service and access
// level (one str object per distinct service / level), made once per process: the default
// catalog is immutable. Built and read with the GIL held.
struct ActionObjects {
  py::list names;
  py::list services;
  py::list levels;
};

const ActionObjects& CatalogObjects() {
  static ActionObjects* objects = [] {
    const Catalog& catalog = Catalog::Default();
    auto* out = new ActionObjects{py::list(catalog.action_count()), py::list(catalog.action_count()),
                                  py::list(catalog.action_count())};
    py::dict interned;
    auto intern = [&](const std::string& text) {
      py::str key(text);
      if (!interned.contains(key)) interned[key] = key;
      return py::object(interned[key]);
    };
    for (ActionId id = 0; id < catalog.action_count(); ++id) {
      const ActionInfo& info = catalog.Action(id);
      out->names[id] = py::str(info.FullName());
      out->services[id] = intern(info.service);
      out->levels[id] = intern(AccessLevelName(info.access_level));
    }
    return out;
  }();
  return *objects;
}

// Objects shared while one result is converted: repeated strings (rule ids, titles, policy
// names, paths) as one str each, and the full names of an ActionSet's actions as one tuple per
// distinct set. Findings of principals with the same permissions (tens of thousands in a large
// account, each listing up to thousands of actions) then share them instead of holding copies.
class ResultObjects {
 public:
  py::object Str(const std::string& text) {
    auto it = strings_.find(text);
    if (it == strings_.end()) it = strings_.emplace(text, py::str(text)).first;
    return it->second;
  }

  py::object Actions(const ActionSet& set) {
    const std::vector<ActionId> ids = set.Ids();
    std::string key(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(ActionId));
    auto it = by_ids_.find(key);
    if (it != by_ids_.end()) return it->second;
    const py::list& names = CatalogObjects().names;
    py::tuple out(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      py::handle name = PyList_GET_ITEM(names.ptr(), ids[i]);
      PyTuple_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), name.inc_ref().ptr());
    }
    return by_ids_.emplace(std::move(key), std::move(out)).first->second;
  }

 private:
  std::unordered_map<std::string, py::object> strings_;
  std::unordered_map<std::string, py::object> by_ids_;
};

// The full names of `set`'s actions (the shared str objects of CatalogObjects()).
py::list ActionNames(const ActionSet& set) {
  const py::list& names = CatalogObjects().names;
  const std::vector<ActionId> ids = set.Ids();
  py::list out(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    py::handle name = PyList_GET_ITEM(names.ptr(), ids[i]);
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), name.inc_ref().ptr());
  }
  return out;
}

// A dict key: the interned str of a literal, made once per process (GIL held).
py::handle Key(const char* literal) {
  static auto* keys = new std::unordered_map<const char*, PyObject*>();
  PyObject*& key = (*keys)[literal];
  if (key == nullptr) key = PyUnicode_InternFromString(literal);
  return key;
}

void Put(py::dict& d, const char* key, const py::handle& value) {
  if (PyDict_SetItem(d.ptr(), Key(key).ptr(), value.ptr()) != 0) throw py::error_already_set();
}

py::dict Counts(const AccessLevelCounts& c) {
  py::dict d;
  Put(d, "List", py::int_(c.list));
  Put(d, "Read", py::int_(c.read));
  Put(d, "Write", py::int_(c.write));
  Put(d, "Permissions management", py::int_(c.permissions_management));
  Put(d, "Tagging", py::int_(c.tagging));
  return d;
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

py::dict LocationDict(const SourceLocation& l, ResultObjects& objects) {
  py::dict d;
  Put(d, "path", objects.Str(l.path));
  Put(d, "line", py::int_(l.line));
  Put(d, "column", py::int_(l.column));
  return d;
}

py::dict FindingDict(const Finding& f, ResultObjects& objects) {
  py::dict d;
  Put(d, "rule_id", objects.Str(f.rule_id));
  Put(d, "severity", objects.Str(FindingSeverityName(f.severity)));
  Put(d, "title", objects.Str(f.title));
  Put(d, "message", py::str(f.message));
  Put(d, "principal", objects.Str(f.principal));
  Put(d, "policy", objects.Str(f.policy_name));
  Put(d, "statement", py::int_(f.statement_index));
  Put(d, "sid", objects.Str(f.sid));
  Put(d, "location", LocationDict(f.location, objects));
  py::list related;
  for (const FindingLocation& r : f.related) {
    py::dict rd;
    Put(rd, "policy", objects.Str(r.policy_name));
    Put(rd, "statement", py::int_(r.statement_index));
    Put(rd, "sid", objects.Str(r.sid));
    Put(rd, "location", LocationDict(r.location, objects));
    related.append(rd);
  }
  Put(d, "related", related);
  Put(d, "actions", objects.Actions(f.actions));
  Put(d, "action_counts", Counts(f.action_counts));
  Put(d, "conditional", py::bool_(f.conditional));
  Put(d, "conditions", ConditionList(f.conditions));
  Put(d, "method", objects.Str(f.method));
  py::list resources(f.resources.size());
  for (size_t i = 0; i < f.resources.size(); ++i) resources[i] = objects.Str(f.resources[i]);
  Put(d, "resources", resources);
  return d;
}

py::list FindingList(const std::vector<Finding>& findings, ResultObjects& objects) {
  py::list out;
  for (const Finding& f : findings) out.append(FindingDict(f, objects));
  return out;
}

// Pauses Python's cyclic garbage collector while a large result (tens of thousands of dicts,
// lists and tuples, none of them in cycles) is built: each allocation would otherwise count
// towards collections that traverse everything allocated so far.
class GcPause {
 public:
#if PY_VERSION_HEX >= 0x030A0000
  GcPause() : was_enabled_(PyGC_Disable() == 1) {}
  ~GcPause() {
    if (was_enabled_) PyGC_Enable();
  }

 private:
  bool was_enabled_;
#endif
};

// A Python list of `n` items where item i is `value(i)` (a borrowed handle, increfed here).
template <typename F>
py::list Column(size_t n, F value) {
  py::list out(n);
  for (size_t i = 0; i < n; ++i) {
    py::handle h = value(i);
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), h.inc_ref().ptr());
  }
  return out;
}

py::tuple StringTuple(EffectiveList<std::string> values) {
  py::tuple out(values.size());
  for (size_t i = 0; i < values.size(); ++i) out[i] = py::str(values[i]);
  return out;
}

// Effective permissions as columns (one Python list per field, one item per listed action):
// the per-group values (status, resources, conditions, deciding layer and policy) are made
// once per group and shared by its rows (tuples: immutable), service, access level and action
// name once per process. `entry` gives each row's group: rows of one group share their values,
// so the Python side can do per-group work once.
py::dict EffectiveColumns(const EffectivePermissions& e) {
  GcPause pause;
  const size_t n = e.actions.size();
  const size_t groups = e.entries != nullptr ? e.entries->size() : 0;
  struct GroupObjects {
    py::object status, resources, excluded, conditions, layer, level, policy, index;
  };
  std::vector<GroupObjects> by_group(groups);
  for (size_t g = 0; g < groups; ++g) {
    const EffectiveEntry& entry = (*e.entries)[g];
    GroupObjects& o = by_group[g];
    o.status = py::str(EffectiveStatusName(entry.status));
    o.resources = StringTuple(entry.resources);
    o.excluded = StringTuple(entry.excluded_resources);
    py::tuple conditions(entry.conditions.size());
    for (size_t i = 0; i < entry.conditions.size(); ++i) {
      conditions[i] = ConditionDict(entry.conditions[i]);
    }
    o.conditions = conditions;
    o.layer = py::str(LayerName(entry.deciding_layer));
    o.level = entry.deciding_level >= 0 ? py::object(py::int_(entry.deciding_level)) : py::none();
    o.policy = py::str(entry.deciding_policy);
    o.index = py::int_(g);
  }
  auto group = [&](size_t i) -> const GroupObjects& { return by_group[e.actions[i].entry]; };
  const ActionObjects& catalog_objects = CatalogObjects();
  py::dict columns;
  auto per_action = [&](const py::list& objects) {
    return Column(n, [&](size_t i) {
      return py::handle(PyList_GET_ITEM(objects.ptr(), e.actions[i].action));
    });
  };
  columns["service"] = per_action(catalog_objects.services);
  columns["action"] = per_action(catalog_objects.names);
  columns["access_level"] = per_action(catalog_objects.levels);
  columns["status"] = Column(n, [&](size_t i) { return group(i).status; });
  columns["resources"] = Column(n, [&](size_t i) { return group(i).resources; });
  columns["excluded_resources"] = Column(n, [&](size_t i) { return group(i).excluded; });
  columns["conditions"] = Column(n, [&](size_t i) { return group(i).conditions; });
  columns["layer"] = Column(n, [&](size_t i) { return group(i).layer; });
  columns["level"] = Column(n, [&](size_t i) { return group(i).level; });
  columns["policy"] = Column(n, [&](size_t i) { return group(i).policy; });
  columns["entry"] = Column(n, [&](size_t i) { return group(i).index; });
  py::dict d;
  d["principal"] = e.principal;
  d["columns"] = columns;
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
  GcPause pause;
  ResultObjects objects;
  py::dict d;
  d["account_id"] = report.account_id;
  py::list principals;
  for (const PrincipalAudit& p : report.principals) {
    py::dict pd;
    pd["type"] = EntityTypeName(p.type);
    pd["name"] = p.name;
    pd["arn"] = p.arn;
    pd["location"] = LocationDict(p.location, objects);
    pd["findings"] = FindingList(p.findings, objects);
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
    dd["location"] = LocationDict(diag.location, objects);
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
        return EffectiveColumns(result);
      },
      py::arg("identity"), py::arg("resource"), py::arg("scps"), py::arg("boundary"),
      py::arg("session"), py::arg("principal"), py::arg("include_not_allowed") = false,
      "Effective permissions as {principal, columns: {name: [one value per action]}, counts}.");

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
        ResultObjects objects;
        return FindingList(findings, objects);
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
        ResultObjects objects;
        return FindingList(findings, objects);
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
