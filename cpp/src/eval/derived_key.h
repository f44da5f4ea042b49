// File: derived_key.h
// The global condition keys the engine derives from the request itself (aws:PrincipalArn,
// aws:username, ...), named by an enum so that a condition resolves its key once, at compile
// time, instead of comparing strings on every evaluation.
#ifndef IAMEVAL_SRC_EVAL_DERIVED_KEY_H_
#define IAMEVAL_SRC_EVAL_DERIVED_KEY_H_

#include <cstdint>
#include <string_view>

namespace iameval::internal {

enum class DerivedKey : std::uint8_t {
  kNone,  // not a derived key: only the request context can supply it
  kPrincipalArn,
  kPrincipalAccount,
  kResourceAccount,
  kUsername,
  kPrincipalType,
  kPrincipalIsAwsService,
  kPrincipalServiceName,
};

// `lowercase_key` must already be lowercase.
inline DerivedKey DerivedKeyOf(std::string_view lowercase_key) {
  if (lowercase_key.substr(0, 4) != "aws:") return DerivedKey::kNone;
  const std::string_view name = lowercase_key.substr(4);
  if (name == "principalarn") return DerivedKey::kPrincipalArn;
  if (name == "principalaccount") return DerivedKey::kPrincipalAccount;
  if (name == "resourceaccount") return DerivedKey::kResourceAccount;
  if (name == "username") return DerivedKey::kUsername;
  if (name == "principaltype") return DerivedKey::kPrincipalType;
  if (name == "principalisawsservice") return DerivedKey::kPrincipalIsAwsService;
  if (name == "principalservicename") return DerivedKey::kPrincipalServiceName;
  return DerivedKey::kNone;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_DERIVED_KEY_H_
