#include <string_view>

#include "iameval/policy.h"

namespace iameval {

const char* PolicyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity: return "identity";
    case PolicyKind::kResource: return "resource";
    case PolicyKind::kTrust: return "trust";
    case PolicyKind::kScp: return "scp";
    case PolicyKind::kRcp: return "rcp";
    case PolicyKind::kPermissionBoundary: return "boundary";
    case PolicyKind::kSession: return "session";
    case PolicyKind::kVpcEndpoint: return "vpc-endpoint";
  }
  return "identity";
}

std::optional<PolicyKind> PolicyKindFromName(std::string_view name) {
  if (name == "identity") return PolicyKind::kIdentity;
  if (name == "resource") return PolicyKind::kResource;
  if (name == "trust" || name == "role-trust") return PolicyKind::kTrust;
  if (name == "scp") return PolicyKind::kScp;
  if (name == "rcp") return PolicyKind::kRcp;
  if (name == "boundary" || name == "permission-boundary" || name == "permissions-boundary") {
    return PolicyKind::kPermissionBoundary;
  }
  if (name == "session") return PolicyKind::kSession;
  if (name == "vpc-endpoint" || name == "endpoint") return PolicyKind::kVpcEndpoint;
  return std::nullopt;
}

}  // namespace iameval
