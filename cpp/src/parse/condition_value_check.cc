#include "parse/condition_value_check.h"

namespace iameval::internal {
namespace {

bool IsTrueOrFalse(std::string_view value) {
  auto lower_equals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != b[i]) return false;
    }
    return true;
  };
  return lower_equals(value, "true") || lower_equals(value, "false");
}

bool HasPolicyVariable(std::string_view value) {
  return value.find("${") != std::string_view::npos;
}

}  // namespace

std::string CheckConditionValue(ConditionOperator op, std::string_view value) {
  switch (op) {
    case ConditionOperator::kBool:
      if (IsTrueOrFalse(value) || HasPolicyVariable(value)) return "";
      return "`Bool` values must be `true` or `false`, found `" + std::string(value) + "`";
    case ConditionOperator::kNull:
      if (IsTrueOrFalse(value)) return "";
      return "`Null` values must be `true` or `false`, found `" + std::string(value) + "`";
    default:
      return "";
  }
}

}  // namespace iameval::internal
