#include "eval/principal.h"

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

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool SplitArnView(std::string_view arn, ArnView& out) {
  if (!StartsWith(arn, "arn:")) return false;
  std::string_view rest = arn.substr(4);
  std::string_view* fields[] = {&out.partition, &out.service, &out.region, &out.account};
  for (std::string_view* field : fields) {
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    *field = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  out.resource = rest;
  return true;
}

bool CallerPrincipal::IsServiceLinkedRole() const {
  if (kind != PrincipalKind::kRoleSession) return false;
  return StartsWith(path, "/aws-service-role/") || StartsWith(name, "AWSServiceRoleFor");
}

std::optional<CallerPrincipal> ParseCallerPrincipal(std::string_view principal,
                                                    std::string_view parent_arn) {
  CallerPrincipal p;
  p.arn = principal;
  p.parent_arn = parent_arn;
  if (principal == "anonymous" || principal == "*") {
    p.kind = PrincipalKind::kAnonymous;
    return p;
  }
  ArnView arn;
  if (!SplitArnView(principal, arn)) {
    // A service principal: "lambda.amazonaws.com", "s3.amazonaws.com.cn", "elasticmapreduce.amazonaws.com".
    if (principal.empty() || principal.find_first_of(" :/*") != std::string_view::npos ||
        principal.find('.') == std::string_view::npos) {
      return std::nullopt;
    }
    p.kind = PrincipalKind::kService;
    return p;
  }
  if (!arn.region.empty() || !IsAccountId(arn.account) || arn.partition.empty()) {
    return std::nullopt;
  }
  p.partition = arn.partition;
  p.account = arn.account;
  std::string_view res = arn.resource;
  if (arn.service == "iam") {
    if (res == "root") {
      p.kind = PrincipalKind::kRoot;
      return p;
    }
    if (StartsWith(res, "user/")) {
      p.kind = PrincipalKind::kUser;
      SplitPathAndName(res.substr(4), p.path, p.name);
    } else if (StartsWith(res, "role/")) {
      p.kind = PrincipalKind::kRoleSession;
      p.is_bare_role = true;
      SplitPathAndName(res.substr(4), p.path, p.name);
    } else {
      return std::nullopt;
    }
    return p.name.empty() ? std::nullopt : std::optional<CallerPrincipal>(p);
  }
  if (arn.service == "sts") {
    if (StartsWith(res, "assumed-role/")) {
      std::string_view rest = res.substr(13);
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
        return std::nullopt;
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
      return p;
    }
    if (StartsWith(res, "federated-user/")) {
      p.kind = PrincipalKind::kFederatedSession;
      p.name = res.substr(15);
      return p.name.empty() ? std::nullopt : std::optional<CallerPrincipal>(p);
    }
  }
  return std::nullopt;
}

}  // namespace iameval::internal
