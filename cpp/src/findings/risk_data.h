// File: risk_data.h
// The risk action lists (cpp/data/risk_actions.json, embedded) resolved against a catalog into
// action bitsets: privilege-escalation methods, and the categories data exfiltration,
// credentials exposure, resource exposure, infrastructure modification and permissions
// management. The last two are rules over the catalog (services and access levels), so they
// follow catalog refreshes.
#ifndef IAMEVAL_SRC_FINDINGS_RISK_DATA_H_
#define IAMEVAL_SRC_FINDINGS_RISK_DATA_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"

namespace iameval::internal {

struct EscalationMethod {
  std::string id;                // "PassExistingRoleToNewLambdaThenInvoke"
  std::vector<ActionId> actions; // every one is required
  ActionSet set;
  std::vector<std::string> sources;  // "cloudsplaining", "parliament", "pmapper"
};

struct RiskData {
  std::vector<EscalationMethod> escalation;
  ActionSet data_exfiltration;
  ActionSet credentials_exposure;
  ActionSet resource_exposure;
  ActionSet infrastructure_modification;
  ActionSet permissions_management;
  std::vector<std::string> compute_service_principals;  // lowercase
  // Names in the file that the catalog does not know (a catalog older than the file); the
  // methods that need them are left out.
  std::vector<std::string> unresolved;
};

// Parses risk-actions JSON (the format of tools/gen_risk_actions.py) against `catalog`.
absl::StatusOr<RiskData> LoadRiskData(std::string_view json_text, const Catalog& catalog);

// The embedded lists resolved against `catalog`: computed once for Catalog::Default(), per
// call for other catalogs. Never null; the embedded file is tested, so a parse failure can
// only mean a broken build, and then the lists are empty.
std::shared_ptr<const RiskData> RiskDataFor(const Catalog& catalog);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_RISK_DATA_H_
