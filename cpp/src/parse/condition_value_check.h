// File: condition_value_check.h
// Write-time checks of condition values that AWS rejects when a policy is stored: numbers
// that are not numbers, dates that are not dates, bad CIDRs, bad base64, Bool/Null values
// other than true/false.
#ifndef IAMEVAL_SRC_PARSE_CONDITION_VALUE_CHECK_H_
#define IAMEVAL_SRC_PARSE_CONDITION_VALUE_CHECK_H_

#include <string>
#include <string_view>

#include "iameval/policy.h"

namespace iameval::internal {

// Empty when `value` is acceptable for `op`; otherwise a message for the person. Values that
// contain a policy variable are accepted where the operator allows variables (String*, Arn*,
// Bool).
std::string CheckConditionValue(ConditionOperator op, std::string_view value);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_PARSE_CONDITION_VALUE_CHECK_H_
