// File: policy.h
// The policy AST: an immutable, source-faithful parse of one IAM policy document, with the
// location (JSON Pointer, line, column) of every element, and the parser that builds it.
//
//   iameval::ParseResult r = iameval::ParsePolicy(text, iameval::PolicyKind::kIdentity);
//   if (!r.ok()) for (const auto& d : r.diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
//
// Parsing is strict: invalid JSON, duplicate keys, wrong types, unknown elements, unknown
// condition operators, malformed ARNs in Resource and unparseable typed condition values are
// errors; the kind-specific rules (e.g. no Principal in an SCP) are errors too. Errors never
// throw. Catalog checks (unknown actions/services) are warnings from ValidatePolicy().
#ifndef IAMEVAL_POLICY_H_
#define IAMEVAL_POLICY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/diagnostic.h"

namespace iameval {

class Catalog;

enum class PolicyKind {
  kIdentity,           // inline or managed identity policy
  kResource,           // resource-based policy (bucket, key, queue, topic ...)
  kTrust,              // role trust policy (a resource policy without Resource)
  kScp,                // service control policy
  kRcp,                // resource control policy
  kPermissionBoundary,
  kSession,            // session policy
  kVpcEndpoint,        // VPC endpoint policy
};

// "identity", "resource", "trust", "scp", "rcp", "boundary", "session", "vpc-endpoint".
const char* PolicyKindName(PolicyKind kind);
// Parses the names above (also "permission-boundary", "endpoint"); nullopt when unknown.
std::optional<PolicyKind> PolicyKindFromName(std::string_view name);

enum class Effect { kAllow, kDeny };

enum class PolicyVersion { kNone, k2008_10_17, k2012_10_17 };

// A string from the document with where it stands.
struct LocatedString {
  std::string value;
  SourceLocation location;
};

// One entry of a Principal / NotPrincipal element.
enum class PrincipalType { kAny /* "*" string form */, kAws, kService, kFederated, kCanonicalUser };
struct PrincipalEntry {
  PrincipalType type = PrincipalType::kAny;
  LocatedString value;  // "*", an account id, an ARN, "svc.amazonaws.com", ...
};

// The condition operator without qualifier and IfExists suffix.
enum class ConditionOperator {
  kStringEquals, kStringNotEquals, kStringEqualsIgnoreCase, kStringNotEqualsIgnoreCase,
  kStringLike, kStringNotLike,
  kNumericEquals, kNumericNotEquals, kNumericLessThan, kNumericLessThanEquals,
  kNumericGreaterThan, kNumericGreaterThanEquals,
  kDateEquals, kDateNotEquals, kDateLessThan, kDateLessThanEquals, kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool, kBinaryEquals, kIpAddress, kNotIpAddress,
  kArnEquals, kArnLike, kArnNotEquals, kArnNotLike,
  kNull,
  kUnknown,  // only with ParseOptions::strict == false; evaluation fails closed on a Deny
};

enum class SetQualifier { kNone, kForAllValues, kForAnyValue };

// Operator name as written in policies, e.g. "StringNotLike".
const char* ConditionOperatorName(ConditionOperator op);
// True for the negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...).
bool IsNegatedOperator(ConditionOperator op);

// The parsed operator text, e.g. "ForAnyValue:StringLikeIfExists".
struct ParsedOperator {
  ConditionOperator op = ConditionOperator::kUnknown;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
};
// Parses an operator name; op == kUnknown when the name is not a known operator.
ParsedOperator ParseConditionOperator(std::string_view text);
// The same, ignoring ASCII case ("stringlike" -> kStringLike).
ParsedOperator ParseConditionOperatorIgnoringCase(std::string_view text);

// One (operator, key) pair of a Condition block with its values.
struct Condition {
  std::string operator_text;  // as written, e.g. "ForAnyValue:StringLike"
  ParsedOperator op;
  LocatedString key;          // as written; matching is case-insensitive
  // Values as text: JSON strings as is, numbers with their original text, booleans as
  // "true"/"false".
  std::vector<LocatedString> values;
  SourceLocation location;    // of the key
};

struct Statement {
  size_t index = 0;  // position in the Statement array (0 when Statement is an object)
  std::optional<LocatedString> sid;
  Effect effect = Effect::kAllow;
  // Principal / NotPrincipal (resource-type policies). Absent in identity-type policies.
  bool has_principal = false;
  bool not_principal = false;
  std::vector<PrincipalEntry> principals;
  // Action / NotAction: exactly one is present.
  bool not_action = false;
  std::vector<LocatedString> actions;
  // Resource / NotResource: absent is legal only in resource-type policies (trust policies),
  // where it means "the resource the policy is attached to".
  bool has_resource = false;
  bool not_resource = false;
  std::vector<LocatedString> resources;
  std::vector<Condition> conditions;  // AND-ed
  SourceLocation location;
};

struct Policy {
  PolicyKind kind = PolicyKind::kIdentity;
  PolicyVersion version = PolicyVersion::kNone;
  std::optional<LocatedString> id;
  bool statement_is_object = false;
  std::vector<Statement> statements;
};

// Limits that keep hostile input to bounded work.
struct ParseLimits {
  size_t max_document_bytes = 64u << 20;  // 64 MiB
  size_t max_depth = 64;                  // JSON nesting
  size_t max_statements = 100000;
  size_t max_values_per_element = 100000;  // entries in one Action/Resource/condition list
  size_t max_string_bytes = 1u << 20;      // one string
};

struct ParseOptions {
  // Strict (the default, as AWS at write time): unknown operators and the kind-specific
  // rules are errors. Lenient: unknown operators become ConditionOperator::kUnknown with a
  // warning, and kind rules become warnings; structural errors stay errors.
  bool strict = true;
  ParseLimits limits;
};

struct ParseResult {
  // Present when there is no error. Immutable and shareable.
  std::shared_ptr<const Policy> policy;
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in document order
  bool ok() const { return policy != nullptr; }
};

// Parses one policy document (JSON text).
ParseResult ParsePolicy(std::string_view json_text, PolicyKind kind,
                        const ParseOptions& options = ParseOptions());

// Catalog checks on a parsed policy: warnings for unknown services and for action patterns
// that match no catalog action, and for wildcard misuse the evaluator tolerates (wildcards in
// a Resource's service field). Never errors.
std::vector<Diagnostic> ValidatePolicy(const Policy& policy, const Catalog& catalog);

}  // namespace iameval

#endif  // IAMEVAL_POLICY_H_
