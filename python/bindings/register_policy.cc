// Policy parsing and validation. Parsing never throws in C++ (errors are Diagnostic values);
// only an unknown policy kind name raises, as InvalidArgumentError.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "bindings.h"
#include "iameval/catalog.h"
#include "iameval/diagnostic.h"
#include "iameval/policy.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

constexpr PolicyKind kPolicyKinds[] = {
    PolicyKind::kIdentity, PolicyKind::kResource, PolicyKind::kTrust,
    PolicyKind::kScp,      PolicyKind::kRcp,      PolicyKind::kPermissionBoundary,
    PolicyKind::kSession,  PolicyKind::kVpcEndpoint};

PolicyKind KindOrThrow(const std::string& name) {
  std::optional<PolicyKind> kind = PolicyKindFromName(name);
  if (!kind) {
    std::string known;
    for (PolicyKind k : kPolicyKinds) {
      if (!known.empty()) known += ", ";
      known += PolicyKindName(k);
    }
    throw StatusNotOk(absl::InvalidArgumentError("unknown policy kind '" + name +
                                                 "' (known: " + known + ")"));
  }
  return *kind;
}

ParseOptions OptionsFor(bool strict) {
  ParseOptions options;
  options.strict = strict;
  return options;
}

std::string DiagnosticRepr(const Diagnostic& d) {
  return std::string("Diagnostic(") + SeverityName(d.severity) + ", '" + d.kind + "', path='" +
         d.location.path + "', line=" + std::to_string(d.location.line) +
         ", column=" + std::to_string(d.location.column) + ")";
}

void RegisterTypes(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic", "One error or warning about a policy document.")
      .def_property_readonly("severity",
                             [](const Diagnostic& d) { return SeverityName(d.severity); })
      .def_readonly("kind", &Diagnostic::kind)
      .def_readonly("message", &Diagnostic::message)
      .def_property_readonly("path", [](const Diagnostic& d) { return d.location.path; })
      .def_property_readonly("line", [](const Diagnostic& d) { return d.location.line; })
      .def_property_readonly("column", [](const Diagnostic& d) { return d.location.column; })
      .def("__str__", &FormatDiagnostic)
      .def("__repr__", &DiagnosticRepr);

  py::class_<ParseResult>(m, "ParseResult", "Diagnostics of one policy document.")
      .def_property_readonly("ok", &ParseResult::ok, "True when there is no error.")
      .def_readonly("diagnostics", &ParseResult::diagnostics,
                    "Errors and warnings: the parser's in document order, then the catalog's.");
}

}  // namespace

void RegisterPolicy(py::module_& m) {
  RegisterTypes(m);

  m.def("policy_kinds", [] {
    std::vector<std::string> names;
    for (PolicyKind kind : kPolicyKinds) names.emplace_back(PolicyKindName(kind));
    return names;
  }, "The policy kind names parse_policy() accepts (aliases aside).");

  // `text` binds str (as UTF-8) and bytes (as is) alike; both are copied before the GIL goes.
  m.def(
      "parse_policy",
      [](const std::string& text, const std::string& kind, bool strict) {
        const PolicyKind policy_kind = KindOrThrow(kind);
        py::gil_scoped_release release;
        return ParsePolicy(text, policy_kind, OptionsFor(strict));
      },
      py::arg("text"), py::arg("kind") = "identity", py::arg("strict") = true,
      "Parses one policy document (JSON text). Structural and kind-specific problems are "
      "error diagnostics; strict=False turns unknown operators and kind rules into warnings.");

  m.def(
      "validate_policy",
      [](const std::string& text, const std::string& kind, bool strict, const Catalog* catalog) {
        const PolicyKind policy_kind = KindOrThrow(kind);
        py::gil_scoped_release release;
        ParseResult result = ParsePolicy(text, policy_kind, OptionsFor(strict));
        if (result.ok()) {
          std::vector<Diagnostic> warnings = ValidatePolicy(
              *result.policy, catalog != nullptr ? *catalog : Catalog::Default());
          for (Diagnostic& d : warnings) result.diagnostics.push_back(std::move(d));
        }
        return result;
      },
      py::arg("text"), py::arg("kind") = "identity", py::arg("strict") = true,
      py::arg("catalog") = nullptr,
      "parse_policy() plus the catalog checks (unknown services and actions) as warnings; "
      "the default catalog when `catalog` is None.");
}

}  // namespace bindings
}  // namespace iameval
