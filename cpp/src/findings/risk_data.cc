// Loading the risk action lists. The JSON is read with nlohmann in its non-throwing mode and
// every element's type is checked before use, so a malformed file is an error Status.
#include "findings/risk_data.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "catalog/access_level.h"
#include "catalog/embedded_data.h"
#include "nlohmann/json.hpp"

namespace iameval::internal {
namespace {

using Json = nlohmann::json;

// Adds the catalog actions named in `names` (a JSON array of strings) to `out`; names the
// catalog lacks go to `unresolved`.
absl::Status AddNames(const Json& names, std::string_view what, const Catalog& catalog,
                      ActionSet& out, std::vector<std::string>& unresolved) {
  if (!names.is_array()) {
    return absl::InvalidArgumentError(std::string(what) + " must be an array of action names");
  }
  for (const Json& name : names) {
    if (!name.is_string()) {
      return absl::InvalidArgumentError(std::string(what) + " must hold strings");
    }
    const std::string& text = name.get_ref<const std::string&>();
    std::optional<ActionId> id = catalog.FindAction(text);
    if (id) {
      out.Insert(*id);
    } else {
      unresolved.push_back(text);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AccessLevel>> Levels(const Json& rule, std::string_view what) {
  const Json* levels = rule.is_object() && rule.contains("access_levels")
                           ? &rule["access_levels"] : nullptr;
  if (levels == nullptr || !levels->is_array()) {
    return absl::InvalidArgumentError(std::string(what) + ".access_levels must be an array");
  }
  std::vector<AccessLevel> out;
  for (const Json& level : *levels) {
    std::optional<AccessLevel> parsed =
        level.is_string() ? ParseAccessLevel(level.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      return absl::InvalidArgumentError(std::string(what) + ": unknown access level");
    }
    out.push_back(*parsed);
  }
  return out;
}

absl::Status LoadEscalation(const Json& methods, const Catalog& catalog, RiskData& data) {
  if (!methods.is_array()) {
    return absl::InvalidArgumentError("privilege_escalation must be an array");
  }
  for (const Json& m : methods) {
    if (!m.is_object() || !m.contains("id") || !m["id"].is_string() || !m.contains("actions") ||
        !m["actions"].is_array()) {
      return absl::InvalidArgumentError("a privilege_escalation method needs id and actions");
    }
    EscalationMethod method;
    method.id = m["id"].get<std::string>();
    method.set = catalog.EmptySet();
    std::vector<std::string> missing;
    absl::Status s = AddNames(m["actions"], "privilege_escalation.actions", catalog, method.set,
                              missing);
    if (!s.ok()) return s;
    if (!missing.empty()) {
      data.unresolved.insert(data.unresolved.end(), missing.begin(), missing.end());
      continue;  // a method with an unknown action can never be complete
    }
    method.actions = method.set.Ids();
    if (m.contains("sources") && m["sources"].is_array()) {
      for (const Json& src : m["sources"]) {
        if (src.is_string()) method.sources.push_back(src.get<std::string>());
      }
    }
    data.escalation.push_back(std::move(method));
  }
  return absl::OkStatus();
}

absl::Status LoadInfrastructure(const Json& rule, const Catalog& catalog, RiskData& data) {
  absl::StatusOr<std::vector<AccessLevel>> levels = Levels(rule, "infrastructure_modification");
  if (!levels.ok()) return levels.status();
  if (!rule.contains("services") || !rule["services"].is_array()) {
    return absl::InvalidArgumentError("infrastructure_modification.services must be an array");
  }
  ActionSet by_level = catalog.EmptySet();
  for (AccessLevel level : *levels) by_level |= catalog.ActionsWithAccessLevel(level);
  ActionSet in_services = catalog.EmptySet();
  for (const Json& prefix : rule["services"]) {
    if (!prefix.is_string()) continue;
    // A service missing from an older catalog just contributes nothing.
    if (const ServiceInfo* s = catalog.FindService(prefix.get_ref<const std::string&>())) {
      in_services.InsertRange(s->first_action, s->first_action + s->action_count);
    }
  }
  ActionSet excluded = catalog.EmptySet();
  if (rule.contains("exclude") && rule["exclude"].is_array()) {
    for (const Json& glob : rule["exclude"]) {
      if (glob.is_string()) excluded |= catalog.Expand(glob.get_ref<const std::string&>());
    }
  }
  data.infrastructure_modification = (by_level & in_services) - excluded;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RiskData> LoadRiskData(std::string_view json_text, const Catalog& catalog) {
  Json doc = Json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("risk actions: not a JSON object");
  }
  if (!doc.contains("format") || doc["format"] != 1) {
    return absl::InvalidArgumentError("risk actions: unsupported format (expected 1)");
  }
  RiskData data;
  data.data_exfiltration = catalog.EmptySet();
  data.credentials_exposure = catalog.EmptySet();
  data.resource_exposure = catalog.EmptySet();
  data.permissions_management = catalog.EmptySet();
  static const Json kMissing;
  auto member = [&doc](const char* key) -> const Json& {
    return doc.contains(key) ? doc[key] : kMissing;
  };
  absl::Status s = LoadEscalation(member("privilege_escalation"), catalog, data);
  if (s.ok()) s = AddNames(member("data_exfiltration"), "data_exfiltration", catalog,
                           data.data_exfiltration, data.unresolved);
  if (s.ok()) s = AddNames(member("credentials_exposure"), "credentials_exposure", catalog,
                           data.credentials_exposure, data.unresolved);
  if (s.ok()) s = AddNames(member("resource_exposure"), "resource_exposure", catalog,
                           data.resource_exposure, data.unresolved);
  if (s.ok()) s = LoadInfrastructure(member("infrastructure_modification"), catalog, data);
  if (!s.ok()) return s;
  absl::StatusOr<std::vector<AccessLevel>> pm =
      Levels(member("permissions_management"), "permissions_management");
  if (!pm.ok()) return pm.status();
  for (AccessLevel level : *pm) data.permissions_management |= catalog.ActionsWithAccessLevel(level);
  const Json& compute = member("compute_service_principals");
  if (compute.is_array()) {
    for (const Json& p : compute) {
      if (!p.is_string()) continue;
      std::string lower = p.get<std::string>();
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      data.compute_service_principals.push_back(std::move(lower));
    }
  }
  return data;
}

std::shared_ptr<const RiskData> RiskDataFor(const Catalog& catalog) {
  auto load = [](const Catalog& c) {
    absl::StatusOr<RiskData> data = LoadRiskData(EmbeddedRiskActionsJson(), c);
    return std::make_shared<const RiskData>(data.ok() ? std::move(*data) : RiskData());
  };
  if (&catalog == &Catalog::Default()) {
    static const std::shared_ptr<const RiskData> kDefault = load(catalog);
    return kDefault;
  }
  return load(catalog);
}

}  // namespace iameval::internal
