// File: account.h
// Reads the output of `aws iam get-account-authorization-details` into principals with the
// policies that decide for them: a user's inline, attached and group policies and its
// permission boundary; a role's inline and attached policies, boundary and trust policy.
// Every policy keeps where it stands in the file (JSON Pointer, line, column), so findings
// can point into the input (SARIF). Policies are parsed once and shared between principals.
#ifndef IAMEVAL_ACCOUNT_H_
#define IAMEVAL_ACCOUNT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/diagnostic.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval {

enum class EntityType { kUser, kRole };

// "user" or "role".
const char* EntityTypeName(EntityType type);

// Where a policy document stands in the authorization-details file.
struct PolicyOrigin {
  std::string name;           // policy name (inline) or managed policy name
  std::string arn;            // managed policy ARN; empty for inline policies
  bool inline_policy = false;
  bool aws_managed = false;
  std::string via_group;      // group name when the policy comes from a group
  SourceLocation location;    // of the document in the input file (empty path when embedded)
};

struct AccountPrincipal {
  EntityType type = EntityType::kUser;
  std::string name;
  std::string arn;
  std::string path;
  std::string id;
  std::vector<std::string> groups;  // users only
  // Identity policies (user + groups, or role) and the boundary; SCPs are added by the caller.
  PolicySet policies;
  std::vector<PolicyOrigin> identity_origins;  // parallel to policies.identity
  std::optional<PolicyOrigin> boundary_origin;
  std::optional<NamedPolicy> trust_policy;     // roles
  std::optional<PolicyOrigin> trust_origin;
  SourceLocation location;                     // of the principal's entry in the file
};

struct AccountAuthorization {
  std::string account_id;  // from the first ARN seen
  std::vector<AccountPrincipal> principals;  // users first, then roles, in file order
  // Problems found while reading (unparseable policies, unknown managed policies), located
  // in the input file. Reading continues past them; a principal whose policy cannot be
  // parsed keeps its other policies and gets a diagnostic.
  std::vector<Diagnostic> diagnostics;
  size_t group_count = 0;
  size_t managed_policy_count = 0;
};

struct AccountLoadOptions {
  // Policies from real accounts are read leniently by default (warnings, not errors, for
  // values AWS itself accepted at the time); structural problems are still errors.
  ParseOptions parse = [] {
    ParseOptions o;
    o.strict = false;
    return o;
  }();
  // AWS managed policies attached but not listed in the file are taken from the embedded set.
  bool use_embedded_managed_policies = true;
};

// Parses authorization-details JSON. InvalidArgument when the text is not JSON or not an
// object with the expected lists (the message says where).
absl::StatusOr<AccountAuthorization> LoadAuthorizationDetails(
    std::string_view json_text, const AccountLoadOptions& options = AccountLoadOptions());

}  // namespace iameval

#endif  // IAMEVAL_ACCOUNT_H_
