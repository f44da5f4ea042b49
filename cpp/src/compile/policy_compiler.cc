#include "compile/policy_compiler.h"

#include <string>

namespace iameval::internal {
namespace {

absl::Status CompileLayer(const std::vector<NamedPolicy>& policies, Layer layer, int level,
                          const Catalog& catalog, const EvaluatorOptions& options,
                          CompiledLayer& out) {
  out.layer = layer;
  out.level = level;
  for (size_t i = 0; i < policies.size(); ++i) {
    if (policies[i].policy == nullptr) {
      return absl::InvalidArgumentError(std::string("policy ") + std::to_string(i) + " of the " +
                                        LayerName(layer) + " layer is null");
    }
    NamedPolicy named = policies[i];
    if (named.name.empty()) {
      named.name = std::string(LayerName(layer)) +
                   (level >= 0 ? std::to_string(level) + "." : std::string()) + std::to_string(i);
    }
    out.policies.push_back(CompilePolicy(named, catalog, options));
  }
  out.BuildIndex(catalog.action_count());
  return absl::OkStatus();
}

absl::Status CompileOptional(const std::optional<NamedPolicy>& policy, Layer layer,
                             const Catalog& catalog, const EvaluatorOptions& options,
                             CompiledLayer& out, bool& present) {
  present = policy.has_value();
  std::vector<NamedPolicy> one;
  if (policy) one.push_back(*policy);
  return CompileLayer(one, layer, -1, catalog, options, out);
}

}  // namespace

CompiledPolicy CompilePolicy(const NamedPolicy& named, const Catalog& catalog,
                             const EvaluatorOptions& options) {
  CompiledPolicy out;
  out.name = named.name;
  out.source = named.policy;
  const Policy& policy = *named.policy;
  // Policy variables are substituted only under Version 2012-10-17 (§2.1, §5).
  const bool variables = policy.version == PolicyVersion::k2012_10_17;
  out.statements.reserve(policy.statements.size());
  for (const Statement& st : policy.statements) {
    CompiledStatement cs;
    cs.effect = st.effect;
    cs.actions = ActionMatcher(st.actions, st.not_action, catalog);
    cs.has_resource = st.has_resource;
    if (st.has_resource) {
      cs.resources = ResourceMatcher(st.resources, st.not_resource, variables,
                                     options.substitute_variables_in_all_arn_fields
                                         ? ArnVariableScope::kAllFields
                                         : ArnVariableScope::kResourceIdOnly);
    }
    cs.has_principal = st.has_principal;
    if (st.has_principal) cs.principals = CompiledPrincipals(st.principals, st.not_principal);
    cs.conditions.reserve(st.conditions.size());
    for (const Condition& c : st.conditions) cs.conditions.emplace_back(c, variables);
    cs.source = &st;
    out.statements.push_back(std::move(cs));
  }
  return out;
}

absl::Status CompilePolicySet(const PolicySet& policies, const EvaluatorOptions& options,
                              const Catalog& catalog, CompiledPolicySet& out) {
  out.catalog = &catalog;
  out.options = options;
  absl::Status s = CompileLayer(policies.identity, Layer::kIdentity, -1, catalog, options, out.identity);
  if (s.ok()) {
    s = CompileOptional(policies.resource_policy, Layer::kResource, catalog, options, out.resource,
                        out.has_resource_policy);
  }
  if (s.ok()) {
    s = CompileOptional(policies.permission_boundary, Layer::kBoundary, catalog, options, out.boundary,
                        out.has_boundary);
  }
  if (s.ok()) {
    s = CompileOptional(policies.vpc_endpoint_policy, Layer::kVpcEndpoint, catalog, options,
                        out.vpc_endpoint, out.has_vpc_endpoint_policy);
  }
  if (s.ok()) {
    out.has_session_policy = !policies.session_policies.empty();
    s = CompileLayer(policies.session_policies, Layer::kSession, -1, catalog, options, out.session);
  }
  for (size_t i = 0; s.ok() && i < policies.scp_levels.size(); ++i) {
    out.scp_levels.emplace_back();
    s = CompileLayer(policies.scp_levels[i], Layer::kScp, static_cast<int>(i), catalog, options,
                     out.scp_levels.back());
  }
  for (size_t i = 0; s.ok() && i < policies.rcp_levels.size(); ++i) {
    out.rcp_levels.emplace_back();
    s = CompileLayer(policies.rcp_levels[i], Layer::kRcp, static_cast<int>(i), catalog, options,
                     out.rcp_levels.back());
  }
  if (s.ok() && policies.scp_levels.size() > 16) {
    s = absl::InvalidArgumentError("more than 16 SCP levels");
  }
  return s;
}

}  // namespace iameval::internal
