#include "parse/resource_syntax.h"

#include <algorithm>

namespace iameval::internal {

std::string CheckResourceSyntax(std::string_view value) {
  if (value == "*") return "";
  if (value.substr(0, 4) != "arn:") {
    return "is not an ARN: expected `*` or `arn:partition:service:region:account:resource`";
  }
  size_t colons = static_cast<size_t>(std::count(value.begin(), value.end(), ':'));
  if (colons >= 5) return "";
  if (!value.empty() && value.back() == '*') return "";
  return "has fewer than six ARN fields and no trailing `*`, so it matches nothing";
}

}  // namespace iameval::internal
