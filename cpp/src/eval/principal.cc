#include "eval/principal.h"

#include "match/ascii.h"

namespace iameval::internal {
namespace {

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "/path/to/name" (what follows `user` or `role` in an ARN) -> path "/path/to/", name "name".
void SplitPathAndName(std::string_view rest, std::string_view& path, std::string_view& name) {
  size_t last = rest.rfind('/');
  name = rest.substr(last + 1);
  path = rest.substr(0, last + 1);
}

// Inline byte loop: the prefixes are a few bytes, cheaper than a memcmp call.
bool StartsWith(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (s[i] != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool SplitArnView(std::string_view arn, ArnView& out) {
  if (!StartsWith(arn, "arn:")) return false;
  size_t colons[4];
  if (FindColons(arn, 4, 4, colons) != 4) return false;
  out.partition = arn.substr(4, colons[0] - 4);
  out.service = arn.substr(colons[0] + 1, colons[1] - colons[0] - 1);
  out.region = arn.substr(colons[1] + 1, colons[2] - colons[1] - 1);
  out.account = arn.substr(colons[2] + 1, colons[3] - colons[2] - 1);
  out.resource = arn.substr(colons[3] + 1);
  return true;
}

bool CallerPrincipal::IsServiceLinkedRole() const {
  if (kind != PrincipalKind::kRoleSession) return false;
  return StartsWith(path, "/aws-service-role/") || StartsWith(name, "AWSServiceRoleFor");
}

bool ParseCallerPrincipalInto(std::string_view principal, std::string_view parent_arn,
                              CallerPrincipal& p) {
  // Field by field: assigning a value-initialised temporary compiles to a `rep stos` and a
  // copy, which costs more than the whole parse.
  p.kind = PrincipalKind::kAnonymous;
  p.arn = principal;
  p.partition = std::string_view();
  p.account = std::string_view();
  p.name = std::string_view();
  p.session_name = std::string_view();
  p.path = std::string_view();
  p.parent_arn = parent_arn;
  p.is_bare_role = false;
  if (principal == "anonymous" || principal == "*") {
    p.kind = PrincipalKind::kAnonymous;
    return true;
  }
  ArnView arn;
  if (!SplitArnView(principal, arn)) {
    // A service principal: "lambda.amazonaws.com", "s3.amazonaws.com.cn", "elasticmapreduce.amazonaws.com".
    if (principal.empty() || principal.find_first_of(" :/*") != std::string_view::npos ||
        principal.find('.') == std::string_view::npos) {
      return false;
    }
    p.kind = PrincipalKind::kService;
    return true;
  }
  if (!arn.region.empty() || !IsAccountId(arn.account) || arn.partition.empty()) {
    return false;
  }
  p.partition = arn.partition;
  p.account = arn.account;
  std::string_view res = arn.resource;
  if (arn.service == "iam") {
    if (res == "root") {
      p.kind = PrincipalKind::kRoot;
      return true;
    }
    if (StartsWith(res, "user/")) {
      p.kind = PrincipalKind::kUser;
      SplitPathAndName(res.substr(4), p.path, p.name);
    } else if (StartsWith(res, "role/")) {
      p.kind = PrincipalKind::kRoleSession;
      p.is_bare_role = true;
      SplitPathAndName(res.substr(4), p.path, p.name);
    } else {
      return false;
    }
    return !p.name.empty();
  }
  if (arn.service == "sts") {
    if (StartsWith(res, "assumed-role/")) {
      std::string_view rest = res.substr(13);
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
        return false;
      }
      p.kind = PrincipalKind::kRoleSession;
      p.name = rest.substr(0, slash);
      p.session_name = rest.substr(slash + 1);
      p.path = "/";
      ArnView parent;
      if (SplitArnView(parent_arn, parent) && StartsWith(parent.resource, "role/")) {
        std::string_view parent_name;
        SplitPathAndName(parent.resource.substr(4), p.path, parent_name);
      }
      return true;
    }
    if (StartsWith(res, "federated-user/")) {
      p.kind = PrincipalKind::kFederatedSession;
      p.name = res.substr(15);
      return !p.name.empty();
    }
  }
  return false;
}

std::optional<CallerPrincipal> ParseCallerPrincipal(std::string_view principal,
                                                    std::string_view parent_arn) {
  CallerPrincipal p;
  if (!ParseCallerPrincipalInto(principal, parent_arn, p)) return std::nullopt;
  return p;
}

}  // namespace iameval::internal
