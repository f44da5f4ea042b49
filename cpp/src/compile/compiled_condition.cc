#include "compile/compiled_condition.h"

#include <cstring>

#include "eval/prepared_request.h"
#include "match/ascii.h"
#include "match/base64.h"

namespace iameval::internal {
namespace {

bool IsTrueText(std::string_view s) { return AsciiEqualsIgnoreCase(s, "true"); }

// The comparison an ordered operator asks for, given Compare(request, policy).
bool OrderedHolds(ConditionOperator op, int cmp) {
  switch (op) {
    case ConditionOperator::kNumericEquals:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kDateEquals:
    case ConditionOperator::kDateNotEquals:
      return cmp == 0;
    case ConditionOperator::kNumericLessThan:
    case ConditionOperator::kDateLessThan:
      return cmp < 0;
    case ConditionOperator::kNumericLessThanEquals:
    case ConditionOperator::kDateLessThanEquals:
      return cmp <= 0;
    case ConditionOperator::kNumericGreaterThan:
    case ConditionOperator::kDateGreaterThan:
      return cmp > 0;
    case ConditionOperator::kNumericGreaterThanEquals:
    case ConditionOperator::kDateGreaterThanEquals:
      return cmp >= 0;
    default:
      return false;
  }
}

}  // namespace

CompiledCondition::CompiledCondition(const Condition& condition, bool substitute_variables)
    : source_(&condition),
      op_(condition.op),
      negated_(IsNegatedOperator(condition.op.op)),
      key_lower_(AsciiLowered(condition.key.value)),
      derived_key_(DerivedKeyOf(key_lower_)) {
  const ConditionOperator op = op_.op;
  TemplateOptions string_options;
  string_options.substitute_variables = substitute_variables;
  switch (op) {
    case ConditionOperator::kStringEquals:
    case ConditionOperator::kStringNotEquals:
      family_ = Family::kString;
      string_options.wildcards = false;
      break;
    case ConditionOperator::kStringEqualsIgnoreCase:
    case ConditionOperator::kStringNotEqualsIgnoreCase:
      family_ = Family::kString;
      string_options.wildcards = false;
      string_options.case_mode = CaseMode::kAsciiInsensitive;
      break;
    case ConditionOperator::kStringLike:
    case ConditionOperator::kStringNotLike:
      family_ = Family::kString;
      break;
    case ConditionOperator::kBool:
      // Bool literals are case-insensitive ([PEER], docs/semantics.md).
      family_ = Family::kBool;
      string_options.wildcards = false;
      string_options.case_mode = CaseMode::kAsciiInsensitive;
      break;
    case ConditionOperator::kNumericEquals:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kNumericLessThan:
    case ConditionOperator::kNumericLessThanEquals:
    case ConditionOperator::kNumericGreaterThan:
    case ConditionOperator::kNumericGreaterThanEquals:
      family_ = Family::kNumeric;
      break;
    case ConditionOperator::kDateEquals:
    case ConditionOperator::kDateNotEquals:
    case ConditionOperator::kDateLessThan:
    case ConditionOperator::kDateLessThanEquals:
    case ConditionOperator::kDateGreaterThan:
    case ConditionOperator::kDateGreaterThanEquals:
      family_ = Family::kDate;
      break;
    case ConditionOperator::kBinaryEquals:
      family_ = Family::kBinary;
      break;
    case ConditionOperator::kIpAddress:
    case ConditionOperator::kNotIpAddress:
      family_ = Family::kIp;
      break;
    case ConditionOperator::kArnEquals:
    case ConditionOperator::kArnLike:
    case ConditionOperator::kArnNotEquals:
    case ConditionOperator::kArnNotLike:
      family_ = Family::kArn;
      break;
    case ConditionOperator::kNull:
      family_ = Family::kNull;
      break;
    case ConditionOperator::kUnknown:
      family_ = Family::kUnknown;
      break;
  }
  for (const LocatedString& v : condition.values) {
    const std::string& text = v.value;
    switch (family_) {
      case Family::kString:
      case Family::kBool:
        patterns_.push_back(PolicyTemplate::Compile(text, string_options));
        break;
      case Family::kArn:
        arns_.push_back(ArnConditionPattern::Compile(text, substitute_variables));
        break;
      case Family::kNumeric:
        numbers_.push_back(Decimal::Parse(text));
        break;
      case Family::kDate:
        instants_.push_back(ParseDate(text));
        break;
      case Family::kIp:
        networks_.push_back(ParseIpNetwork(text));
        break;
      case Family::kBinary:
        bytes_.push_back(DecodeBase64(text));
        break;
      case Family::kNull:
        null_expects_absent_.push_back(IsTrueText(text));
        break;
      case Family::kUnknown:
        break;
    }
  }
  if (family_ == Family::kString || family_ == Family::kBool) {
    literals_only_ = true;
    literals_ignore_case_ = string_options.case_mode == CaseMode::kAsciiInsensitive;
    for (const PolicyTemplate& pattern : patterns_) {
      const std::vector<GlobPiece>& pieces = pattern.static_pieces();
      if (pattern.has_variables() || pattern.has_malformed_variable() ||
          pattern.case_mode() != string_options.case_mode || pieces.size() > 1 ||
          (pieces.size() == 1 && pieces[0].kind != GlobPieceKind::kLiteral)) {
        literals_only_ = false;
        literals_.clear();
        break;
      }
      literals_.push_back(pieces.empty() ? std::string_view() : pieces[0].text);
    }
  }
}

size_t CompiledCondition::value_count() const { return source_->values.size(); }

bool CompiledCondition::PrimitiveMatch(const PreparedRequest& request, std::string_view r,
                                       size_t i) const {
  switch (family_) {
    case Family::kString:
      return patterns_[i].Match(r, request) == MatchResult::kMatch;
    case Family::kBool:
      // Anything but true/false in the request is no Bool value: false.
      return (IsTrueText(r) || AsciiEqualsIgnoreCase(r, "false")) &&
             patterns_[i].Match(r, request) == MatchResult::kMatch;
    case Family::kArn:
      return arns_[i].Match(r, request) == MatchResult::kMatch;
    case Family::kNumeric: {
      if (!numbers_[i]) return false;
      std::optional<Decimal> value = Decimal::Parse(r);
      return value && OrderedHolds(op_.op, Decimal::Compare(*value, *numbers_[i]));
    }
    case Family::kDate: {
      if (!instants_[i]) return false;
      std::optional<Instant> value = ParseDate(r);
      if (!value) return false;
      int cmp = *value < *instants_[i] ? -1 : (*value == *instants_[i] ? 0 : 1);
      return OrderedHolds(op_.op, cmp);
    }
    case Family::kIp: {
      if (!networks_[i]) return false;
      std::optional<IpAddress> address = ParseIpAddress(r);
      return address && networks_[i]->Contains(*address);
    }
    case Family::kBinary:
      // Request bytes come base64-encoded, as in the policy.
      return bytes_[i] && Base64DecodesTo(r, *bytes_[i]);
    case Family::kNull:
    case Family::kUnknown:
      return false;
  }
  return false;
}

bool CompiledCondition::TestOne(const PreparedRequest& request, std::string_view r) const {
  if (literals_only_) {
    // Same answers as PrimitiveMatch over plain-text patterns, without the glob matcher.
    if (family_ == Family::kBool && !IsTrueText(r) && !AsciiEqualsIgnoreCase(r, "false")) {
      return negated_;  // no Bool value: matches no policy value
    }
    bool any = false;
    for (const std::string_view literal : literals_) {
      if (literals_ignore_case_ ? AsciiEqualsIgnoreCase(r, literal) : SmallEquals(r, literal)) {
        any = true;
        break;
      }
    }
    return any != negated_;
  }
  const size_t n = value_count();
  if (negated_) {
    for (size_t i = 0; i < n; ++i) {
      if (PrimitiveMatch(request, r, i)) return false;
    }
    return true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (PrimitiveMatch(request, r, i)) return true;
  }
  return false;
}

ConditionOutcome CompiledCondition::Evaluate(const PreparedRequest& request,
                                             const ContextValues& values, Effect effect,
                                             bool plain_operator_matches_any) const {
  if (family_ == Family::kUnknown) {
    // Lenient mode only (strict parsing rejects it): fail closed (§4.1, §10 item 27).
    return {effect == Effect::kDeny, "unknown operator: fails closed"};
  }
  // An empty list counts as absent for Null and plain operators ([UNV], docs/semantics.md).
  const bool absent = !values.present || values.size() == 0;
  if (family_ == Family::kNull) {
    for (bool expects_absent : null_expects_absent_) {
      if (expects_absent == absent) return {true, ""};
    }
    return {false, ""};
  }
  switch (op_.qualifier) {
    case SetQualifier::kForAllValues: {
      if (absent) return {true, "ForAllValues on an absent or empty key is true"};
      for (size_t i = 0; i < values.size(); ++i) {
        if (!TestOne(request, values.at(i))) return {false, ""};
      }
      return {true, ""};
    }
    case SetQualifier::kForAnyValue: {
      if (absent) return {false, "ForAnyValue on an absent or empty key is false"};
      for (size_t i = 0; i < values.size(); ++i) {
        if (TestOne(request, values.at(i))) return {true, ""};
      }
      return {false, ""};
    }
    case SetQualifier::kNone:
      break;
  }
  if (absent) {
    if (op_.if_exists) return {true, "IfExists: the key is absent"};
    return negated_ ? ConditionOutcome{true, "negated operator on an absent key is true"}
                    : ConditionOutcome{false, "the key is absent"};
  }
  if (values.size() > 1) {
    if (!plain_operator_matches_any) {
      return {false, "multivalued key without ForAnyValue/ForAllValues"};
    }
    for (size_t i = 0; i < values.size(); ++i) {
      if (TestOne(request, values.at(i))) {
        return {true, "multivalued key without ForAnyValue/ForAllValues: any value"};
      }
    }
    return {false, "multivalued key without ForAnyValue/ForAllValues: any value"};
  }
  return {TestOne(request, values.at(0)), ""};
}

}  // namespace iameval::internal
