// File: effective_statements.cc
// Which layers take part for the principal, and the facts of their statements. The layer
// rules mirror DecideRequest() (eval/decision_logic.h); the ones that depend on the action
// (RCP-supported services, the KMS and role-trust rules) are applied per action group.
#include "analysis/effective_statements.h"

#include <utility>

#include "compile/policy_compiler.h"
#include "eval/layer_evaluation.h"

namespace iameval::internal::analysis {
namespace {

std::string SidOf(const Statement& statement) {
  if (statement.sid) return statement.sid->value;
  return "#" + std::to_string(statement.index);
}

void AddLayer(AnalysisSetup& setup, const CompiledLayer& layer, bool rcp) {
  LayerFacts facts;
  facts.compiled = &layer;
  facts.layer = layer.layer;
  facts.level = layer.level;
  facts.rcp = rcp;
  const bool resource_type = IsResourceTypeLayer(layer.layer);
  const bool boundary_flag = setup.principal_side && setup.compiled.has_boundary;
  for (const CompiledPolicy& policy : layer.policies) {
    facts.first_statement.push_back(static_cast<uint32_t>(setup.statements.size()));
    const bool substitute =
        policy.source != nullptr && policy.source->version == PolicyVersion::k2012_10_17;
    for (const CompiledStatement& statement : policy.statements) {
      StatementFacts st;
      st.id = static_cast<uint32_t>(setup.statements.size());
      st.layer = layer.layer;
      st.level = layer.level;
      st.effect = statement.effect;
      st.policy = &policy;
      st.statement = &statement;
      st.sid = statement.source != nullptr ? SidOf(*statement.source) : std::string();
      if (resource_type) {
        // The caller is fixed, so the principal part is decided once here (§3.3, §3.4).
        st.names_caller = statement.has_principal;
        if (st.names_caller) {
          st.principal_class = statement.principals.Match(
              setup.caller, statement.effect, boundary_flag,
              setup.compiled.options.not_principal_requires_full_chain);
          st.names_caller = st.principal_class != PrincipalClass::kNone;
        }
      }
      st.resources = statement.has_resource
                         ? MakeResourceClause(statement.source, substitute, setup.scope)
                         : ResourceClause();
      for (const CompiledCondition& condition : statement.conditions) {
        if (condition.source().op.op == ConditionOperator::kUnknown) {
          // Fails closed (CompiledCondition::Evaluate): true in a Deny, false in an Allow.
          if (statement.effect == Effect::kAllow) st.never_applies = true;
          continue;
        }
        st.conditions.push_back(&condition);
      }
      setup.statements.push_back(std::move(st));
    }
  }
  setup.layers.push_back(std::move(facts));
}

uint32_t AddRuleTerm(AnalysisSetup& setup, bool not_key) {
  StatementFacts st;
  st.id = static_cast<uint32_t>(setup.statements.size());
  st.layer = Layer::kImplicit;
  st.sid = not_key ? "not a KMS key" : "a KMS key";
  // IsResourcePolicyMandatory(): a KMS request whose resource is an ARN with `key/...` after
  // the account field.
  st.resources = MakeListedClause({"arn:*:*:*:*:key/*"}, not_key, true, setup.scope);
  setup.statements.push_back(std::move(st));
  return setup.statements.back().id;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AnalysisSetup>> PrepareAnalysis(const PolicySet& policies,
                                                               std::string_view principal,
                                                               const EffectiveOptions& options,
                                                               const Catalog& catalog) {
  auto setup = std::make_unique<AnalysisSetup>();
  setup->catalog = &catalog;
  setup->principal = std::string(principal);
  setup->parent_arn = options.principal_parent_arn;
  std::optional<CallerPrincipal> caller =
      ParseCallerPrincipal(setup->principal, setup->parent_arn);
  if (!caller) {
    return absl::InvalidArgumentError("`" + setup->principal +
                                      "` is not a principal: expected an IAM user, role, "
                                      "session or root ARN, a service principal or `anonymous`");
  }
  setup->caller = *caller;
  setup->scope = options.evaluator.substitute_variables_in_all_arn_fields
                     ? ArnVariableScope::kAllFields
                     : ArnVariableScope::kResourceIdOnly;
  absl::Status status = CompilePolicySet(policies, options.evaluator, catalog, setup->compiled);
  if (!status.ok()) return status;

  const CallerPrincipal& c = setup->caller;
  const CompiledPolicySet& set = setup->compiled;
  setup->partition = std::string(c.partition);
  setup->resource_account =
      options.resource_account.empty() ? std::string(c.account) : options.resource_account;
  setup->principal_side = c.IsAccountPrincipal();
  setup->same_account = setup->principal_side && c.account == setup->resource_account;
  setup->scp_on = setup->principal_side && !set.scp_levels.empty() &&
                  !options.principal_in_management_account && !c.IsServiceLinkedRole();
  setup->has_boundary = setup->principal_side && set.has_boundary;
  setup->session_policy_applies =
      setup->principal_side && set.has_session_policy && c.IsSession();

  // §7.1 order: SCP levels, RCP levels, resource policy, VPC endpoint, identity, boundary,
  // session. DecideRequest() caps SCP levels at 16; compilation rejects more.
  if (setup->scp_on) {
    for (const CompiledLayer& level : set.scp_levels) AddLayer(*setup, level, false);
  }
  if (!options.resource_in_management_account) {
    for (const CompiledLayer& level : set.rcp_levels) AddLayer(*setup, level, true);
  }
  if (set.has_resource_policy) AddLayer(*setup, set.resource, false);
  if (set.has_vpc_endpoint_policy) AddLayer(*setup, set.vpc_endpoint, false);
  if (setup->principal_side) {
    AddLayer(*setup, set.identity, false);
    if (setup->has_boundary) AddLayer(*setup, set.boundary, false);
    if (setup->session_policy_applies) AddLayer(*setup, set.session, false);
  }
  setup->kms_key_term = AddRuleTerm(*setup, false);
  setup->kms_not_key_term = AddRuleTerm(*setup, true);
  return setup;
}

}  // namespace iameval::internal::analysis
