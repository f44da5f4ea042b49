#include "eval/prepared_request.h"

namespace iameval::internal {

bool PreparedRequest::Prepare(const Request& request, const Catalog& catalog) {
  request_ = &request;
  if (!ParseCallerPrincipalInto(request.principal, request.principal_parent_arn, caller_)) {
    return false;
  }
  action_lower_.Clear();
  action_lower_.AppendLower(request.action);
  std::string_view action = action_lower_.view();
  size_t colon = 0;  // a short loop: the service prefix is a few bytes
  while (colon < action.size() && action[colon] != ':') ++colon;
  service_lower_ = colon == action.size() ? std::string_view() : action.substr(0, colon);
  action_id_ = catalog.FindAction(request.action);
  resource_value_ = ResourceValue::Parse(request.resource);
  resource_account_ = request.resource_account.empty() ? caller_.account : request.resource_account;

  // aws:PrincipalArn names the role (with its path) for role sessions, not the session (§1).
  principal_arn_ = std::string_view();
  if (caller_.kind == PrincipalKind::kRoleSession && !caller_.is_bare_role) {
    if (!caller_.parent_arn.empty()) {
      // (An ARN longer than the buffer the value used to be copied into stays absent.)
      if (caller_.parent_arn.size() <= StackText::kCapacity) principal_arn_ = caller_.parent_arn;
    } else {
      principal_arn_text_.Clear();
      principal_arn_text_.Append("arn:");
      principal_arn_text_.Append(caller_.partition);
      principal_arn_text_.Append(":iam::");
      principal_arn_text_.Append(caller_.account);
      principal_arn_text_.Append(":role");
      principal_arn_text_.Append(caller_.path);
      principal_arn_text_.Append(caller_.name);
      principal_arn_ = principal_arn_text_.view();
    }
  } else if (caller_.IsAccountPrincipal()) {
    if (caller_.arn.size() <= StackText::kCapacity) principal_arn_ = caller_.arn;
  }
  return true;
}

bool PreparedRequest::same_account() const {
  return caller_.IsAccountPrincipal() && SmallEquals(caller_.account, resource_account_);
}

std::string_view PreparedRequest::Derived(DerivedKey key) const {
  switch (key) {
    case DerivedKey::kNone:
      return std::string_view();
    case DerivedKey::kPrincipalArn:
      return principal_arn_;
    case DerivedKey::kPrincipalAccount:
      return caller_.account;
    case DerivedKey::kResourceAccount:
      return resource_account_;
    case DerivedKey::kUsername:
      return caller_.kind == PrincipalKind::kUser ? caller_.name : std::string_view();
    case DerivedKey::kPrincipalType:
      switch (caller_.kind) {
        case PrincipalKind::kUser: return "User";
        case PrincipalKind::kRoleSession: return "AssumedRole";
        case PrincipalKind::kFederatedSession: return "FederatedUser";
        case PrincipalKind::kRoot: return "Account";
        case PrincipalKind::kAnonymous: return "Anonymous";
        case PrincipalKind::kService: return std::string_view();
      }
      return std::string_view();
    case DerivedKey::kPrincipalIsAwsService:
      return caller_.kind == PrincipalKind::kService ? "true" : "false";
    case DerivedKey::kPrincipalServiceName:
      return caller_.kind == PrincipalKind::kService ? caller_.arn : std::string_view();
  }
  return std::string_view();
}

std::optional<std::string_view> PreparedRequest::Lookup(std::string_view lowercased_key) const {
  ContextValues values = Values(lowercased_key);
  if (!values.present || values.multivalued || values.size() != 1) return std::nullopt;
  return values.at(0);
}

}  // namespace iameval::internal
