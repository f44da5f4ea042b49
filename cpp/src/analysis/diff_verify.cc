// File: diff_verify.cc
#include "analysis/diff_verify.h"

#include <utility>

namespace iameval::internal::analysis {

absl::StatusOr<DiffVerifier> DiffVerifier::Create(const PolicySet& old_policies,
                                                  const PolicySet& new_policies,
                                                  const RequestFrame& frame,
                                                  const EffectiveOptions& options,
                                                  const Catalog& catalog) {
  DiffVerifier verifier;
  absl::StatusOr<std::shared_ptr<const CompiledPolicies>> old_compiled =
      CompiledPolicies::Compile(old_policies, options.evaluator, catalog);
  if (!old_compiled.ok()) return old_compiled.status();
  absl::StatusOr<std::shared_ptr<const CompiledPolicies>> new_compiled =
      CompiledPolicies::Compile(new_policies, options.evaluator, catalog);
  if (!new_compiled.ok()) return new_compiled.status();
  verifier.old_ = *std::move(old_compiled);
  verifier.new_ = *std::move(new_compiled);
  verifier.frame_ = frame;
  verifier.principal_in_management_account_ = options.principal_in_management_account;
  verifier.resource_in_management_account_ = options.resource_in_management_account;
  return verifier;
}

bool DiffVerifier::NewAccess(std::string_view action, std::string_view resource,
                             const RequestContext& context, Decision* old_decision) const {
  Request request;
  request.action = action;
  request.resource = resource;
  request.resource_account = frame_.resource_account;
  request.context = &context;
  request.principal_in_management_account = principal_in_management_account_;
  request.resource_in_management_account = resource_in_management_account_;
  request.principal = frame_.new_principal;
  request.principal_parent_arn = frame_.new_parent_arn;
  const absl::StatusOr<Decision> new_decision = new_->Decide(request);
  if (!new_decision.ok() || *new_decision != Decision::kAllow) return false;
  request.principal = frame_.old_principal;
  request.principal_parent_arn = frame_.old_parent_arn;
  const absl::StatusOr<Decision> decided = old_->Decide(request);
  if (!decided.ok() || *decided == Decision::kAllow) return false;
  if (old_decision != nullptr) *old_decision = *decided;
  return true;
}

std::string ExampleResource(const Catalog& catalog, ActionId action, std::string_view partition,
                            std::string_view account) {
  const ActionInfo& info = catalog.Action(action);
  // Prefer a resource type whose ARNs belong to the action's own service (the catalog also
  // lists other services' resources some actions accept).
  const ResourceTypeInfo* type = nullptr;
  const std::string own = "arn:${Partition}:" + info.service + ":";
  for (const ResourceTypeRef& ref : info.resource_types) {
    const ResourceTypeInfo* candidate = catalog.FindResourceType(info.service, ref.name);
    if (candidate == nullptr || candidate->arn_format.empty()) continue;
    if (type == nullptr) type = candidate;
    if (candidate->arn_format.compare(0, own.size(), own) == 0) {
      type = candidate;
      break;
    }
  }
  if (type == nullptr || type->arn_format.empty()) {
    if (info.IsWildcardOnly()) return "*";
    return "arn:" + std::string(partition.empty() ? "aws" : partition) + ":" + info.service +
           ":us-east-1:" + std::string(account) + ":iameval";
  }
  const std::string_view format = type->arn_format;
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    if (format.compare(i, 2, "${") == 0) {
      const size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = format.substr(i + 2, close - i - 2);
        if (name == "Partition") {
          out.append(partition.empty() ? "aws" : partition);
        } else if (name == "Region") {
          out.append("us-east-1");
        } else if (name == "Account") {
          out.append(account);
        } else {
          out.append("iameval");
        }
        i = close + 1;
        continue;
      }
    }
    out.push_back(format[i] == '*' ? 'x' : format[i]);
    ++i;
  }
  return out;
}

}  // namespace iameval::internal::analysis
