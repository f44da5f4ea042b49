// The policy diff ("check no new access", iameval/diff.h): two policy sets for one or two
// principals, or two policies of the same kind. Results cross into Python as JSON-shaped dicts
// (iameval.diff turns them into PolicyDiff objects). The search runs without the GIL.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "iameval/diff.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

using NamedParse = std::pair<std::string, ParseResult>;

// A policy set as Python's iameval.Policies keeps it (Policies.__getstate__()): per layer the
// (name, JSON text) sources, plus "strict". The sources were parsed once already when the
// Policies object was built, so a parse error here is a state that was tampered with.
class SetReader {
 public:
  explicit SetReader(const py::dict& state) : state_(state) {
    options_.strict = state_.contains("strict") && state_["strict"].cast<bool>();
  }

  PolicySet Read() const {
    PolicySet set;
    set.identity = List(state_["identity"], PolicyKind::kIdentity);
    set.resource_policy = Optional("resource", PolicyKind::kResource);
    set.scp_levels = Levels("scps", PolicyKind::kScp);
    set.rcp_levels = Levels("rcps", PolicyKind::kRcp);
    set.permission_boundary = Optional("boundary", PolicyKind::kPermissionBoundary);
    if (std::optional<NamedPolicy> session = Optional("session", PolicyKind::kSession)) {
      set.session_policies.push_back(*std::move(session));
    }
    set.vpc_endpoint_policy = Optional("vpc_endpoint", PolicyKind::kVpcEndpoint);
    return set;
  }

 private:
  NamedPolicy One(const py::handle& source, PolicyKind kind) const {
    const auto [name, text] = source.cast<std::pair<std::string, std::string>>();
    ParseResult parsed = ParsePolicy(text, kind, options_);
    if (!parsed.ok()) {
      std::string first;
      for (const Diagnostic& d : parsed.diagnostics) {
        if (d.severity == Severity::kError && first.empty()) first = FormatDiagnostic(d);
      }
      throw StatusNotOk(absl::InvalidArgumentError("policy `" + name + "` has errors: " + first));
    }
    return NamedPolicy{name, parsed.policy};
  }

  std::vector<NamedPolicy> List(const py::handle& sources, PolicyKind kind) const {
    std::vector<NamedPolicy> out;
    for (const py::handle& source : sources) out.push_back(One(source, kind));
    return out;
  }

  std::optional<NamedPolicy> Optional(const char* key, PolicyKind kind) const {
    if (!state_.contains(key) || state_[key].is_none()) return std::nullopt;
    return One(state_[key], kind);
  }

  std::vector<std::vector<NamedPolicy>> Levels(const char* key, PolicyKind kind) const {
    std::vector<std::vector<NamedPolicy>> out;
    if (!state_.contains(key)) return out;
    for (const py::handle& level : state_[key]) out.push_back(List(level, kind));
    return out;
  }

  py::dict state_;
  ParseOptions options_;
};

NamedPolicy ParsedPolicy(const NamedParse& p) {
  if (!p.second.ok()) {
    throw StatusNotOk(absl::InvalidArgumentError("policy `" + p.first + "` has errors"));
  }
  return NamedPolicy{p.first, p.second.policy};
}

// A request context as simulation cases write it: key -> value, or a list when multivalued.
py::dict ContextDict(const std::vector<DiffContextEntry>& entries) {
  py::dict d;
  for (const DiffContextEntry& e : entries) {
    if (e.multivalued || e.values.size() != 1) {
      d[py::str(e.key)] = e.values;
    } else {
      d[py::str(e.key)] = e.values.front();
    }
  }
  return d;
}

py::list Names(const ActionSet& set, const Catalog& catalog) {
  py::list out;
  for (ActionId id : set.Ids()) out.append(catalog.ActionName(id));
  return out;
}

py::dict DiffDict(const PolicyDiff& diff) {
  const Catalog& catalog = Catalog::Default();
  py::list changes;
  for (const ActionDiff& c : diff.changes) {
    py::dict d;
    d["action"] = c.name;
    d["change"] = ActionChangeName(c.change);
    d["new_resources"] = c.new_resources;
    d["example_resource"] = c.example_resource;
    d["example_context"] = ContextDict(c.example_context);
    d["reason"] = c.reason;
    d["principal"] = c.principal;
    changes.append(d);
  }
  py::list examples;
  for (const NewAccessExample& e : diff.counterexamples) {
    py::dict d;
    d["principal"] = e.principal;
    d["old_principal"] = e.old_principal.empty() ? e.principal : e.old_principal;
    d["action"] = e.action;
    d["resource"] = e.resource;
    d["context"] = ContextDict(e.context);
    d["old_decision"] = DecisionName(e.old_decision);
    d["new_decision"] = DecisionName(e.new_decision);
    d["resource_account"] = e.resource_account;
    d["principal_parent_arn"] = e.principal_parent_arn;
    d["old_principal_parent_arn"] =
        e.old_principal.empty() ? e.principal_parent_arn : e.old_principal_parent_arn;
    d["principal_in_management_account"] = e.principal_in_management_account;
    d["resource_in_management_account"] = e.resource_in_management_account;
    examples.append(d);
  }
  py::dict d;
  d["verdict"] = DiffVerdictName(diff.verdict);
  d["newly_allowed"] = Names(diff.newly_allowed, catalog);
  d["widened"] = Names(diff.widened, catalog);
  d["maybe_widened"] = Names(diff.maybe_widened, catalog);
  d["changes"] = changes;
  d["counterexamples"] = examples;
  d["principals"] = diff.principals;
  d["notes"] = diff.notes;
  return d;
}

DiffOptions MakeDiffOptions(size_t max_counterexamples, size_t max_opaque_atoms) {
  DiffOptions options;
  options.max_counterexamples = max_counterexamples;
  options.max_opaque_atoms = max_opaque_atoms;
  return options;
}

}  // namespace

void RegisterDiff(py::module_& m) {
  m.def(
      "check_no_new_access_sets",
      [](const py::dict& old_state, const py::dict& new_state, const std::string& principal,
         const std::string& old_principal, const std::string& principal_parent_arn,
         const std::string& old_principal_parent_arn, const std::string& resource_account,
         bool principal_in_management_account, bool resource_in_management_account,
         size_t max_counterexamples, size_t max_opaque_atoms) {
        const PolicySet old_set = SetReader(old_state).Read();
        const PolicySet new_set = SetReader(new_state).Read();
        DiffOptions options = MakeDiffOptions(max_counterexamples, max_opaque_atoms);
        options.old_principal = old_principal;
        options.old_principal_parent_arn = old_principal_parent_arn;
        options.effective.principal_parent_arn = principal_parent_arn;
        options.effective.resource_account = resource_account;
        options.effective.principal_in_management_account = principal_in_management_account;
        options.effective.resource_in_management_account = resource_in_management_account;
        PolicyDiff diff;
        {
          py::gil_scoped_release release;
          diff = ValueOrThrow(CheckNoNewAccess(old_set, new_set, principal, options));
        }
        return DiffDict(diff);
      },
      py::arg("old_state"), py::arg("new_state"), py::arg("principal"),
      py::arg("old_principal") = "", py::arg("principal_parent_arn") = "",
      py::arg("old_principal_parent_arn") = "", py::arg("resource_account") = "",
      py::arg("principal_in_management_account") = false,
      py::arg("resource_in_management_account") = false, py::arg("max_counterexamples") = 20,
      py::arg("max_opaque_atoms") = 14,
      "Does NEW's policy set allow `principal` anything OLD's does not (OLD for `old_principal` "
      "when given)? The sets are iameval.Policies states (__getstate__()).");

  m.def(
      "check_no_new_access_policies",
      [](const NamedParse& old_policy, const NamedParse& new_policy, size_t max_counterexamples,
         size_t max_opaque_atoms) {
        const NamedPolicy old_named = ParsedPolicy(old_policy);
        const NamedPolicy new_named = ParsedPolicy(new_policy);
        const DiffOptions options = MakeDiffOptions(max_counterexamples, max_opaque_atoms);
        PolicyDiff diff;
        {
          py::gil_scoped_release release;
          diff = ValueOrThrow(CheckNoNewAccess(old_named, new_named, options));
        }
        return DiffDict(diff);
      },
      py::arg("old_policy"), py::arg("new_policy"), py::arg("max_counterexamples") = 20,
      py::arg("max_opaque_atoms") = 14,
      "Does NEW (a parsed policy) allow anything OLD (same kind) does not?");
}

}  // namespace bindings
}  // namespace iameval
