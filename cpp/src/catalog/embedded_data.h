#ifndef IAMEVAL_SRC_CATALOG_EMBEDDED_DATA_H_
#define IAMEVAL_SRC_CATALOG_EMBEDDED_DATA_H_

#include <string_view>

namespace iameval::internal {

// The compact catalog JSON produced by tools/gen_catalog.py (cpp/data/catalog.json).
std::string_view EmbeddedCatalogJson();

// The AWS managed policies, one JSON object per line (cpp/data/aws-managed-policies.jsonl).
std::string_view EmbeddedManagedPoliciesJsonl();

// The risk action lists produced by tools/gen_risk_actions.py (cpp/data/risk_actions.json).
std::string_view EmbeddedRiskActionsJson();

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_EMBEDDED_DATA_H_
