// File: principal.h
// The calling principal of a request, parsed without allocating (views into the request's
// strings), and what §3.3 / §7 need to know about it.
#ifndef IAMEVAL_SRC_EVAL_PRINCIPAL_H_
#define IAMEVAL_SRC_EVAL_PRINCIPAL_H_

#include <optional>
#include <string_view>

namespace iameval::internal {

enum class PrincipalKind { kUser, kRoleSession, kFederatedSession, kRoot, kService, kAnonymous };

struct CallerPrincipal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string_view arn;        // as given (service principal name for kService)
  std::string_view partition;  // "aws"
  std::string_view account;    // 12 digits; empty for service and anonymous
  // User name, role name or federated-user name (no path).
  std::string_view name;
  // Assumed-role session name; empty for a bare role ARN ("some session of this role").
  std::string_view session_name;
  // Path of the user or role ("/", "/aws-service-role/...") when known: from the ARN of a
  // user or bare role, or from principal_parent_arn for a session.
  std::string_view path;
  // The role ARN behind a role session, or the IAM user behind a federated-user session,
  // when the request gave it.
  std::string_view parent_arn;
  bool is_bare_role = false;

  bool IsSession() const {
    return kind == PrincipalKind::kRoleSession || kind == PrincipalKind::kFederatedSession;
  }
  // IAM principals of an account: SCPs can apply, identity policies exist.
  bool IsAccountPrincipal() const {
    return kind != PrincipalKind::kService && kind != PrincipalKind::kAnonymous;
  }
  // Service-linked roles live under /aws-service-role/ and are named AWSServiceRoleFor*;
  // the name alone identifies them when a session ARN hides the path.
  bool IsServiceLinkedRole() const;
};

// ParseCallerPrincipalInto() resets every field one by one: keep it in step with this struct.
static_assert(sizeof(CallerPrincipal) == 8 * sizeof(std::string_view),
              "a CallerPrincipal field was added: reset it in ParseCallerPrincipalInto()");

// nullopt when `principal` is none of the accepted forms (request.h).
std::optional<CallerPrincipal> ParseCallerPrincipal(std::string_view principal,
                                                    std::string_view parent_arn);
// The same into `out` (no optional copy on the hot path); false when not a principal, `out`
// then holds partial results.
bool ParseCallerPrincipalInto(std::string_view principal, std::string_view parent_arn,
                              CallerPrincipal& out);

// Splits an IAM/STS ARN into its fields; false when it is not `arn:P:svc:region:account:rest`.
struct ArnView {
  std::string_view partition, service, region, account, resource;
};
bool SplitArnView(std::string_view arn, ArnView& out);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_PRINCIPAL_H_
