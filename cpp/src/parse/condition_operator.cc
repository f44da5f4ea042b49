// Condition operator names: "ForAnyValue:StringLikeIfExists" -> (kStringLike, kForAnyValue,
// if_exists). Operator names are case-sensitive (spec §8).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

#include "iameval/policy.h"

namespace iameval {
namespace {

struct OperatorName {
  ConditionOperator op;
  const char* name;
  bool negated;
};

constexpr OperatorName kOperators[] = {
    {ConditionOperator::kStringEquals, "StringEquals", false},
    {ConditionOperator::kStringNotEquals, "StringNotEquals", true},
    {ConditionOperator::kStringEqualsIgnoreCase, "StringEqualsIgnoreCase", false},
    {ConditionOperator::kStringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase", true},
    {ConditionOperator::kStringLike, "StringLike", false},
    {ConditionOperator::kStringNotLike, "StringNotLike", true},
    {ConditionOperator::kNumericEquals, "NumericEquals", false},
    {ConditionOperator::kNumericNotEquals, "NumericNotEquals", true},
    {ConditionOperator::kNumericLessThan, "NumericLessThan", false},
    {ConditionOperator::kNumericLessThanEquals, "NumericLessThanEquals", false},
    {ConditionOperator::kNumericGreaterThan, "NumericGreaterThan", false},
    {ConditionOperator::kNumericGreaterThanEquals, "NumericGreaterThanEquals", false},
    {ConditionOperator::kDateEquals, "DateEquals", false},
    {ConditionOperator::kDateNotEquals, "DateNotEquals", true},
    {ConditionOperator::kDateLessThan, "DateLessThan", false},
    {ConditionOperator::kDateLessThanEquals, "DateLessThanEquals", false},
    {ConditionOperator::kDateGreaterThan, "DateGreaterThan", false},
    {ConditionOperator::kDateGreaterThanEquals, "DateGreaterThanEquals", false},
    {ConditionOperator::kBool, "Bool", false},
    {ConditionOperator::kBinaryEquals, "BinaryEquals", false},
    {ConditionOperator::kIpAddress, "IpAddress", false},
    {ConditionOperator::kNotIpAddress, "NotIpAddress", true},
    {ConditionOperator::kArnEquals, "ArnEquals", false},
    {ConditionOperator::kArnLike, "ArnLike", false},
    {ConditionOperator::kArnNotEquals, "ArnNotEquals", true},
    {ConditionOperator::kArnNotLike, "ArnNotLike", true},
    {ConditionOperator::kNull, "Null", false},
};

bool ConsumePrefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view& text, std::string_view suffix) {
  if (text.size() < suffix.size() || text.substr(text.size() - suffix.size()) != suffix) {
    return false;
  }
  text.remove_suffix(suffix.size());
  return true;
}

}  // namespace

const char* ConditionOperatorName(ConditionOperator op) {
  for (const OperatorName& o : kOperators) {
    if (o.op == op) return o.name;
  }
  return "Unknown";
}

bool IsNegatedOperator(ConditionOperator op) {
  for (const OperatorName& o : kOperators) {
    if (o.op == op) return o.negated;
  }
  return false;
}

ParsedOperator ParseConditionOperatorIgnoringCase(std::string_view text) {
  std::string canonical;
  auto starts_with_ignoring_case = [&](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) !=
          std::tolower(static_cast<unsigned char>(prefix[i]))) {
        return false;
      }
    }
    return true;
  };
  std::string_view rest = text;
  for (std::string_view qualifier : {std::string_view("ForAllValues:"),
                                     std::string_view("ForAnyValue:")}) {
    if (starts_with_ignoring_case(qualifier)) {
      canonical = std::string(qualifier);
      rest = text.substr(qualifier.size());
      break;
    }
  }
  std::string_view suffix = "IfExists";
  bool if_exists = false;
  if (rest.size() > suffix.size()) {
    std::string_view tail = rest.substr(rest.size() - suffix.size());
    if (std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      if_exists = true;
      rest.remove_suffix(suffix.size());
    }
  }
  for (const OperatorName& o : kOperators) {
    std::string_view name = o.name;
    if (name.size() == rest.size() &&
        std::equal(name.begin(), name.end(), rest.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      canonical += name;
      if (if_exists) canonical += suffix;
      return ParseConditionOperator(canonical);
    }
  }
  return ParsedOperator{};
}

ParsedOperator ParseConditionOperator(std::string_view text) {
  ParsedOperator parsed;
  if (ConsumePrefix(text, "ForAllValues:")) {
    parsed.qualifier = SetQualifier::kForAllValues;
  } else if (ConsumePrefix(text, "ForAnyValue:")) {
    parsed.qualifier = SetQualifier::kForAnyValue;
  }
  std::string_view base = text;
  // "IfExists" is a suffix; no operator name itself ends with it, so stripping is unambiguous.
  bool if_exists = ConsumeSuffix(base, "IfExists");
  for (const OperatorName& o : kOperators) {
    if (base == o.name) {
      // Null takes no IfExists (it already tests existence).
      if (if_exists && o.op == ConditionOperator::kNull) break;
      parsed.op = o.op;
      parsed.if_exists = if_exists;
      return parsed;
    }
  }
  parsed.op = ConditionOperator::kUnknown;
  parsed.if_exists = false;
  return parsed;
}

}  // namespace iameval
