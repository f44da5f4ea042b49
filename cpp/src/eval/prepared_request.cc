#include "eval/prepared_request.h"

#include <cctype>

namespace iameval::internal {

bool PreparedRequest::Prepare(const Request& request, const Catalog& catalog) {
  request_ = &request;
  std::optional<CallerPrincipal> caller =
      ParseCallerPrincipal(request.principal, request.principal_parent_arn);
  if (!caller) return false;
  caller_ = *caller;
  action_lower_.Clear();
  for (char c : request.action) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!action_lower_.Append(std::string_view(&lower, 1))) break;
  }
  std::string_view action = action_lower_.view();
  size_t colon = action.find(':');
  service_lower_ = colon == std::string_view::npos ? std::string_view() : action.substr(0, colon);
  action_id_ = catalog.FindAction(request.action);
  resource_value_ = ResourceValue::Parse(request.resource);
  resource_account_ = request.resource_account.empty() ? caller_.account : request.resource_account;

  // aws:PrincipalArn names the role (with its path) for role sessions, not the session (§1).
  principal_arn_.Clear();
  if (caller_.kind == PrincipalKind::kRoleSession && !caller_.is_bare_role) {
    if (!caller_.parent_arn.empty()) {
      principal_arn_.Append(caller_.parent_arn);
    } else {
      principal_arn_.Append("arn:");
      principal_arn_.Append(caller_.partition);
      principal_arn_.Append(":iam::");
      principal_arn_.Append(caller_.account);
      principal_arn_.Append(":role");
      principal_arn_.Append(caller_.path);
      principal_arn_.Append(caller_.name);
    }
  } else if (caller_.IsAccountPrincipal()) {
    principal_arn_.Append(caller_.arn);
  }
  return true;
}

bool PreparedRequest::same_account() const {
  return caller_.IsAccountPrincipal() && caller_.account == resource_account_;
}

std::string_view PreparedRequest::Derived(std::string_view key) const {
  if (key == "aws:principalarn") return principal_arn_.view();
  if (key == "aws:principalaccount") return caller_.account;
  if (key == "aws:resourceaccount") return resource_account_;
  if (key == "aws:username") {
    return caller_.kind == PrincipalKind::kUser ? caller_.name : std::string_view();
  }
  if (key == "aws:principaltype") {
    switch (caller_.kind) {
      case PrincipalKind::kUser: return "User";
      case PrincipalKind::kRoleSession: return "AssumedRole";
      case PrincipalKind::kFederatedSession: return "FederatedUser";
      case PrincipalKind::kRoot: return "Account";
      case PrincipalKind::kAnonymous: return "Anonymous";
      case PrincipalKind::kService: return std::string_view();
    }
  }
  if (key == "aws:principalisawsservice") {
    return caller_.kind == PrincipalKind::kService ? "true" : "false";
  }
  if (key == "aws:principalservicename") {
    return caller_.kind == PrincipalKind::kService ? caller_.arn : std::string_view();
  }
  return std::string_view();
}

ContextValues PreparedRequest::Values(std::string_view lowercase_key) const {
  ContextValues out;
  if (request_->context != nullptr) {
    if (const RequestContext::Entry* e = request_->context->Find(lowercase_key)) {
      out.list = e->values.data();
      out.count = e->values.size();
      out.present = true;
      out.from_context = true;
      out.multivalued = e->multivalued;
      return out;
    }
  }
  std::string_view derived = Derived(lowercase_key);
  if (!derived.empty()) {
    out.derived = derived;
    out.present = true;
  }
  return out;
}

}  // namespace iameval::internal

namespace iameval::internal {

std::optional<std::string_view> PreparedRequest::Lookup(std::string_view lowercased_key) const {
  ContextValues values = Values(lowercased_key);
  if (!values.present || values.multivalued || values.size() != 1) return std::nullopt;
  return values.at(0);
}

}  // namespace iameval::internal
