#include "parse/condition_value_check.h"

#include "match/base64.h"
#include "match/date.h"
#include "match/ip.h"
#include "match/number.h"

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
    case ConditionOperator::kNumericEquals:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kNumericLessThan:
    case ConditionOperator::kNumericLessThanEquals:
    case ConditionOperator::kNumericGreaterThan:
    case ConditionOperator::kNumericGreaterThanEquals:
      if (Decimal::Parse(value)) return "";
      return "`" + std::string(value) + "` is not a number";
    case ConditionOperator::kDateEquals:
    case ConditionOperator::kDateNotEquals:
    case ConditionOperator::kDateLessThan:
    case ConditionOperator::kDateLessThanEquals:
    case ConditionOperator::kDateGreaterThan:
    case ConditionOperator::kDateGreaterThanEquals:
      if (ParseDate(value)) return "";
      return "`" + std::string(value) +
             "` is not a date: expected ISO 8601 (e.g. 2024-01-31T12:00:00Z) or epoch seconds";
    case ConditionOperator::kIpAddress:
    case ConditionOperator::kNotIpAddress:
      if (ParseIpNetwork(value)) return "";
      return "`" + std::string(value) + "` is not an IP address or CIDR block";
    case ConditionOperator::kBinaryEquals:
      if (IsValidBase64(value)) return "";
      return "`" + std::string(value) + "` is not base64";
    default:
      return "";
  }
}

}  // namespace iameval::internal
