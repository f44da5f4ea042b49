#include "catalog/access_level.h"

namespace iameval {

const char* AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList:
      return "List";
    case AccessLevel::kRead:
      return "Read";
    case AccessLevel::kWrite:
      return "Write";
    case AccessLevel::kPermissionsManagement:
      return "Permissions management";
    case AccessLevel::kTagging:
      return "Tagging";
  }
  return "Unknown";
}

namespace internal {

std::optional<AccessLevel> ParseAccessLevel(std::string_view text) {
  for (int i = 0; i < kAccessLevelCount; ++i) {
    const auto level = static_cast<AccessLevel>(i);
    if (text == AccessLevelName(level)) return level;
  }
  if (text == "Permissions management, Write") return AccessLevel::kPermissionsManagement;
  if (text == "Tagging, Write") return AccessLevel::kTagging;
  return std::nullopt;
}

}  // namespace internal
}  // namespace iameval
