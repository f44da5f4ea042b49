// File: compiled_condition.h
// One (operator, key, values) of a Condition block, compiled: the key lowercased, the values
// pre-parsed for their operator (numbers, instants, CIDRs, bytes, ARN/string patterns with
// policy variables), evaluated per §4.
#ifndef IAMEVAL_SRC_COMPILE_COMPILED_CONDITION_H_
#define IAMEVAL_SRC_COMPILE_COMPILED_CONDITION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/derived_key.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"
#include "match/arn.h"
#include "match/date.h"
#include "match/ip.h"
#include "match/number.h"
#include "match/policy_variables.h"

namespace iameval::internal {

class PreparedRequest;
struct ContextValues;

// What evaluating one condition found; `note` explains surprising outcomes.
struct ConditionOutcome {
  bool result = false;
  const char* note = "";
};

class CompiledCondition {
 public:
  CompiledCondition(const Condition& condition, bool substitute_variables);

  // Evaluates the condition; `effect` decides how an unknown operator fails (closed: a Deny
  // matches, an Allow does not).
  ConditionOutcome Evaluate(const PreparedRequest& request, const ContextValues& values,
                            Effect effect, bool plain_operator_matches_any) const;

  const std::string& key_lower() const { return key_lower_; }
  // DerivedKeyOf(key_lower()), computed once.
  DerivedKey derived_key() const { return derived_key_; }
  const Condition& source() const { return *source_; }

 private:
  // keytest(r) of §4.3: positive operators: some policy value matches; negated: none does.
  bool TestOne(const PreparedRequest& request, std::string_view request_value) const;
  // The positive primitive `match(r, p_i)`.
  bool PrimitiveMatch(const PreparedRequest& request, std::string_view request_value,
                      size_t i) const;
  size_t value_count() const;

  const Condition* source_;
  ParsedOperator op_;
  bool negated_ = false;
  std::string key_lower_;
  DerivedKey derived_key_ = DerivedKey::kNone;
  enum class Family : uint8_t { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull,
                                kUnknown };
  Family family_ = Family::kUnknown;
  // Pre-parsed policy values; only the vector for the operator's family is filled. A value
  // that does not parse (possible only in lenient mode) is nullopt and matches nothing.
  std::vector<PolicyTemplate> patterns_;  // String*, Bool (variables allowed)
  std::vector<ArnConditionPattern> arns_;
  std::vector<std::optional<Decimal>> numbers_;
  std::vector<std::optional<Instant>> instants_;
  std::vector<std::optional<IpNetwork>> networks_;
  std::vector<std::optional<std::string>> bytes_;  // BinaryEquals: decoded base64
  std::vector<bool> null_expects_absent_;          // Null: "true" => the key is absent
  // String / Bool values that are plain text (no variables, no wildcards): TestOne compares
  // them directly (views into patterns_' storage) instead of going through the glob matcher.
  bool literals_only_ = false;
  bool literals_ignore_case_ = false;
  std::vector<std::string_view> literals_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_COMPILED_CONDITION_H_
