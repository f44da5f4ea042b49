// File: principal_match.h
// Principal / NotPrincipal entries of resource-based policies, compiled, and matched against
// the caller with the class §3.3 assigns (direct, role, parent, account): §7 needs the class
// to decide whether a boundary or a session policy can cut a grant.
#ifndef IAMEVAL_SRC_EVAL_PRINCIPAL_MATCH_H_
#define IAMEVAL_SRC_EVAL_PRINCIPAL_MATCH_H_

#include <string>
#include <vector>

#include "eval/principal.h"
#include "iameval/policy.h"

namespace iameval::internal {

// Ordered from weakest to strongest grant.
enum class PrincipalClass : uint8_t { kNone, kAccount, kRoleOrParent, kDirect };

const char* PrincipalClassName(PrincipalClass c);  // "none", "account", "role", "direct"

class CompiledPrincipalEntry {
 public:
  explicit CompiledPrincipalEntry(const PrincipalEntry& entry);
  // The class this entry grants the caller, or kNone when it does not name the caller.
  PrincipalClass Match(const CallerPrincipal& caller) const;
  // Whether the entry names this link of the caller's chain (NotPrincipal, §3.4).
  bool NamesAccount(std::string_view account) const;
  bool NamesArn(std::string_view arn) const;
  bool NamesRole(std::string_view account, std::string_view role_name) const;
  bool NamesService(std::string_view service) const;

 private:
  enum class Form { kAnyone, kAccount, kUser, kRole, kRoleSession, kFederatedUser, kService,
                    kFederatedProvider, kUnmatchable };
  Form form_ = Form::kUnmatchable;
  std::string value_;    // the entry text (ARN, service name, provider)
  std::string account_;  // account of an account / ARN entry
  std::string name_;     // role name for kRole
};

class CompiledPrincipals {
 public:
  CompiledPrincipals() = default;
  CompiledPrincipals(const std::vector<PrincipalEntry>& entries, bool not_principal);

  bool not_principal() const { return not_principal_; }
  // Principal: the strongest class among matching entries.
  // NotPrincipal: whether the statement applies to the caller (kDirect when it does: it acts
  // like `*` minus the listed principals), per the rules of §3.4:
  //   Deny  - applies unless every link of the caller's chain is listed (or, with
  //           `full_chain` false, unless the caller's own ARN is listed); always applies to a
  //           caller with a permission boundary;
  //   Allow - applies only when no link of the chain is listed (the safe reading).
  PrincipalClass Match(const CallerPrincipal& caller, Effect effect, bool caller_has_boundary,
                       bool full_chain) const;

 private:
  std::vector<CompiledPrincipalEntry> entries_;
  bool not_principal_ = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_PRINCIPAL_MATCH_H_
