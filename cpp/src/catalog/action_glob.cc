#include "catalog/action_glob.h"

#include "absl/strings/ascii.h"

namespace iameval::internal {

std::optional<ActionPattern> ParseActionPattern(std::string_view pattern) {
  for (char c : pattern) {
    if (c == ',' || absl::ascii_isspace(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (pattern == "*") return ActionPattern{"*", "*"};
  const size_t colon = pattern.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == pattern.size()) {
    return std::nullopt;
  }
  return ActionPattern{pattern.substr(0, colon), pattern.substr(colon + 1)};
}

}  // namespace iameval::internal
