// The action catalog: Catalog (the embedded one or one from JSON), ActionInfo, ServiceInfo
// and friends. Everything is returned by value (copies): the Python objects then never point
// into a catalog that could go away.
#include <pybind11/stl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.h"
#include "iameval/catalog.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

constexpr AccessLevel kAccessLevels[] = {AccessLevel::kList, AccessLevel::kRead,
                                         AccessLevel::kWrite, AccessLevel::kPermissionsManagement,
                                         AccessLevel::kTagging};

// The names of the actions a pattern matches, sorted by service then action name (ASCII
// case-insensitive, ties broken by the exact name) so output never depends on catalog order.
std::vector<std::string> ExpandSorted(const Catalog& catalog, const std::string& pattern) {
  std::vector<std::tuple<std::string, std::string, std::string>> keyed;
  for (ActionId id : catalog.Expand(pattern).Ids()) {
    const ActionInfo& info = catalog.Action(id);
    std::string lower = info.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    keyed.emplace_back(info.service, std::move(lower), info.FullName());
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> names;
  names.reserve(keyed.size());
  for (auto& key : keyed) names.push_back(std::move(std::get<2>(key)));
  return names;
}

std::map<std::string, size_t> AccessLevelCounts(const Catalog& catalog) {
  std::map<std::string, size_t> counts;
  for (AccessLevel level : kAccessLevels) {
    counts[AccessLevelName(level)] = catalog.ActionsWithAccessLevel(level).Count();
  }
  return counts;
}

void RegisterInfoTypes(py::module_& m) {
  py::class_<CatalogSource>(m, "CatalogSource", "Where the catalog data came from.")
      .def_readonly("package", &CatalogSource::package)
      .def_readonly("version", &CatalogSource::version)
      .def_readonly("generated", &CatalogSource::generated)
      .def("__repr__", [](const CatalogSource& s) {
        return "CatalogSource(package='" + s.package + "', version='" + s.version +
               "', generated='" + s.generated + "')";
      });

  py::class_<ResourceTypeRef>(m, "ResourceTypeRef", "A resource type an action applies to.")
      .def_readonly("name", &ResourceTypeRef::name)
      .def_readonly("required", &ResourceTypeRef::required);

  py::class_<ActionInfo>(m, "ActionInfo", "One catalog action.")
      .def_readonly("id", &ActionInfo::id)
      .def_readonly("service", &ActionInfo::service)
      .def_readonly("name", &ActionInfo::name)
      .def_property_readonly("full_name", &ActionInfo::FullName)
      .def_property_readonly("access_level",
                             [](const ActionInfo& a) { return AccessLevelName(a.access_level); })
      .def_readonly("resource_types", &ActionInfo::resource_types)
      .def_readonly("condition_keys", &ActionInfo::condition_keys)
      .def_property_readonly("wildcard_only", &ActionInfo::IsWildcardOnly)
      .def("__repr__", [](const ActionInfo& a) { return "ActionInfo('" + a.FullName() + "')"; });

  py::class_<ResourceTypeInfo>(m, "ResourceTypeInfo", "A resource type of a service.")
      .def_readonly("name", &ResourceTypeInfo::name)
      .def_readonly("arn_format", &ResourceTypeInfo::arn_format)
      .def_readonly("condition_keys", &ResourceTypeInfo::condition_keys);

  py::class_<ConditionKeyInfo>(m, "ConditionKeyInfo", "A condition key and its type.")
      .def_readonly("name", &ConditionKeyInfo::name)
      .def_readonly("type", &ConditionKeyInfo::type);

  py::class_<ServiceInfo>(m, "ServiceInfo", "One service of the catalog.")
      .def_readonly("prefix", &ServiceInfo::prefix)
      .def_readonly("name", &ServiceInfo::name)
      .def_readonly("action_count", &ServiceInfo::action_count)
      .def_readonly("resource_types", &ServiceInfo::resource_types)
      .def_readonly("condition_keys", &ServiceInfo::condition_keys)
      .def("__repr__", [](const ServiceInfo& s) { return "ServiceInfo('" + s.prefix + "')"; });
}

}  // namespace

void RegisterCatalog(py::module_& m) {
  RegisterInfoTypes(m);

  m.def("access_levels", [] {
    std::vector<std::string> names;
    for (AccessLevel level : kAccessLevels) names.emplace_back(AccessLevelName(level));
    return names;
  }, "The access level names, in catalog order.");

  // Immutable and thread-safe in C++, so every method may run without the GIL.
  py::class_<Catalog>(m, "Catalog", "The AWS action catalog (Service Authorization Reference).")
      .def_static(
          "default",
          []() -> const Catalog& {
            // The first call parses the embedded catalog: let other threads run meanwhile.
            py::gil_scoped_release release;
            return Catalog::Default();
          },
          py::return_value_policy::reference, "The catalog embedded in the library.")
      .def_static(
          "from_json",
          [](const std::string& json_text) {
            py::gil_scoped_release release;
            return ValueOrThrow(Catalog::FromJson(json_text));
          },
          py::arg("json_text"),
          "A catalog from JSON in the format of tools/gen_catalog.py. Raises "
          "InvalidArgumentError when the text is not such a catalog.")
      .def_property_readonly("source", &Catalog::source)
      .def_property_readonly("action_count", &Catalog::action_count)
      .def(
          "services", [](const Catalog& c) { return c.services(); },
          "Every service, in catalog order.")
      .def(
          "find_service",
          [](const Catalog& c, const std::string& prefix) -> std::optional<ServiceInfo> {
            const ServiceInfo* service = c.FindService(prefix);
            if (service == nullptr) return std::nullopt;
            return *service;
          },
          py::arg("prefix"), "The service with this prefix (case-insensitive), or None.")
      .def(
          "find_action",
          [](const Catalog& c, const std::string& full_name) -> std::optional<ActionInfo> {
            std::optional<ActionId> id = c.FindAction(full_name);
            if (!id) return std::nullopt;
            return c.Action(*id);
          },
          py::arg("full_name"), "The action \"service:Action\" (case-insensitive), or None.")
      .def(
          "expand",
          [](const Catalog& c, const std::string& pattern) {
            py::gil_scoped_release release;
            return ExpandSorted(c, pattern);
          },
          py::arg("pattern"),
          "Canonical names of the actions an IAM action pattern matches, sorted by service "
          "then action. Malformed patterns match nothing.")
      .def(
          "wildcard_only_count",
          [](const Catalog& c) {
            py::gil_scoped_release release;
            return c.WildcardOnlyActions().Count();
          },
          "How many actions support no resource-level permissions.")
      .def(
          "access_level_counts",
          [](const Catalog& c) {
            py::gil_scoped_release release;
            return AccessLevelCounts(c);
          },
          "Number of actions per access level name.")
      .def("supports_rcp", &Catalog::SupportsRcp, py::arg("service_prefix"),
           "Whether resource control policies govern this service's resources.");
}

}  // namespace bindings
}  // namespace iameval
