// File: decision_logic.h
// The authorization decision of spec §7 (reference algorithm §7.10), over compiled layers.
// Written once as a template over the tracer: Decide() instantiates it with NullTracer,
// Explain() with a recording tracer.
#ifndef IAMEVAL_SRC_EVAL_DECISION_LOGIC_H_
#define IAMEVAL_SRC_EVAL_DECISION_LOGIC_H_

#include <vector>

#include "compile/compiled_policy.h"
#include "eval/layer_evaluation.h"
#include "eval/prepared_request.h"
#include "iameval/evaluator.h"

namespace iameval::internal {

struct CompiledPolicySet {
  const Catalog* catalog = nullptr;
  EvaluatorOptions options;
  CompiledLayer identity;
  CompiledLayer resource;
  CompiledLayer boundary;
  CompiledLayer session;
  CompiledLayer vpc_endpoint;
  std::vector<CompiledLayer> scp_levels;
  std::vector<CompiledLayer> rcp_levels;
  bool has_resource_policy = false;
  bool has_boundary = false;
  bool has_session_policy = false;
  bool has_vpc_endpoint_policy = false;
};

struct Outcome {
  Decision decision = Decision::kImplicitDeny;
  Layer layer = Layer::kNone;
  int level = -1;
  const char* reason = "";
};

// Role trust policies and KMS key policies must grant access themselves (§7.4).
bool IsResourcePolicyMandatory(const PreparedRequest& request);

template <class Tracer>
Outcome DecideRequest(const CompiledPolicySet& set, const PreparedRequest& r, Tracer& tracer) {
  const CallerPrincipal& caller = r.caller();
  const PrincipalKind kind = caller.kind;
  const Request& req = r.request();
  const bool principal_side = caller.IsAccountPrincipal();

  if (kind != PrincipalKind::kAnonymous && r.action_lower() == "sts:getcalleridentity") {
    return {Decision::kAllow, Layer::kImplicit, -1,
            "sts:GetCallerIdentity is allowed for every authenticated caller, even over a Deny"};
  }

  const bool scp_on = principal_side && !set.scp_levels.empty() &&
                      !req.principal_in_management_account && !caller.IsServiceLinkedRole();
  const bool rcp_on = !set.rcp_levels.empty() && !req.resource_in_management_account &&
                      set.catalog->SupportsRcp(r.service_lower());

  EvaluationFlags flags;
  flags.caller_has_boundary = principal_side && set.has_boundary;
  flags.not_principal_full_chain = set.options.not_principal_requires_full_chain;
  flags.plain_operator_matches_any = set.options.plain_operator_matches_any_of_multivalued;

  // 1. Explicit deny anywhere wins (§7.1). Every layer is evaluated once; the verdicts also
  //    serve the guardrail and grant steps below.
  constexpr size_t kMaxLevels = 16;  // AWS allows at most 5 OU levels + root + account
  LayerVerdict scp[kMaxLevels];
  const size_t scp_count = scp_on ? std::min(set.scp_levels.size(), kMaxLevels) : 0;
  for (size_t i = 0; i < scp_count; ++i) {
    scp[i] = EvaluateLayer(set.scp_levels[i], r, flags, tracer);
    if (scp[i].deny) {
      return {Decision::kExplicitDeny, Layer::kScp, static_cast<int>(i),
              "an SCP statement denies the request"};
    }
  }
  if (rcp_on) {
    for (size_t i = 0; i < set.rcp_levels.size(); ++i) {
      if (EvaluateLayer(set.rcp_levels[i], r, flags, tracer).deny) {
        return {Decision::kExplicitDeny, Layer::kRcp, static_cast<int>(i),
                "an RCP statement denies the request"};
      }
    }
  }
  LayerVerdict resource;
  if (set.has_resource_policy) {
    resource = EvaluateLayer(set.resource, r, flags, tracer);
    if (resource.deny) {
      return {Decision::kExplicitDeny, Layer::kResource, -1,
              "the resource policy denies the request"};
    }
  }
  LayerVerdict endpoint;
  if (set.has_vpc_endpoint_policy) {
    endpoint = EvaluateLayer(set.vpc_endpoint, r, flags, tracer);
    if (endpoint.deny) {
      return {Decision::kExplicitDeny, Layer::kVpcEndpoint, -1,
              "the VPC endpoint policy denies the request"};
    }
  }
  LayerVerdict identity, boundary, session;
  if (principal_side) {
    identity = EvaluateLayer(set.identity, r, flags, tracer);
    if (identity.deny) {
      return {Decision::kExplicitDeny, Layer::kIdentity, -1,
              "an identity policy denies the request"};
    }
    if (set.has_boundary) {
      boundary = EvaluateLayer(set.boundary, r, flags, tracer);
      if (boundary.deny) {
        return {Decision::kExplicitDeny, Layer::kBoundary, -1,
                "the permission boundary denies the request"};
      }
    }
    if (set.has_session_policy && caller.IsSession()) {
      session = EvaluateLayer(set.session, r, flags, tracer);
      if (session.deny) {
        return {Decision::kExplicitDeny, Layer::kSession, -1,
                "the session policy denies the request"};
      }
    }
  }

  // 2. Guardrails: every SCP level must allow (§7.2); RCPs imply RCPFullAWSAccess (§7.3).
  for (size_t i = 0; i < scp_count; ++i) {
    if (!scp[i].allow) {
      return {Decision::kImplicitDeny, Layer::kScp, static_cast<int>(i),
              "no SCP statement at this level allows the request"};
    }
  }
  if (set.has_vpc_endpoint_policy && !endpoint.allow) {
    return {Decision::kImplicitDeny, Layer::kVpcEndpoint, -1,
            "the VPC endpoint policy does not allow the request"};
  }

  // 3. Grants (§7.4-7.9).
  if (kind == PrincipalKind::kAnonymous || kind == PrincipalKind::kService) {
    if (resource.allow) {
      return {Decision::kAllow, Layer::kResource, -1, "the resource policy allows the caller"};
    }
    return {Decision::kImplicitDeny, Layer::kResource, -1,
            "only a resource policy can grant to this caller, and none does"};
  }
  const bool same = r.same_account();
  const bool mandatory = IsResourcePolicyMandatory(r);
  if (kind == PrincipalKind::kRoot) {
    if (r.action_lower().substr(0, 14) == "sts:assumerole") {
      return {Decision::kImplicitDeny, Layer::kImplicit, -1, "the root user cannot assume roles"};
    }
    if (same && !mandatory) {
      return {Decision::kAllow, Layer::kImplicit, -1,
              "the account root user has full access to its own account"};
    }
  }
  const bool I = identity.allow || kind == PrincipalKind::kRoot;
  const bool B = !set.has_boundary || boundary.allow;
  bool S = true;
  if (caller.IsSession()) {
    if (set.has_session_policy) {
      S = session.allow;
    } else {
      S = kind != PrincipalKind::kFederatedSession;
    }
  }
  const bool RD = resource.allow_class == PrincipalClass::kDirect;
  const bool RE = resource.allow_class == PrincipalClass::kRoleOrParent;
  const bool RA = resource.allow_class == PrincipalClass::kAccount;
  const bool any_resource_grant = resource.allow;

  if (same) {
    if (RD) {
      return {Decision::kAllow, Layer::kResource, -1,
              "the resource policy grants to the caller itself"};
    }
    if (mandatory) {
      if (RE && B && S) {
        return {Decision::kAllow, Layer::kResource, -1,
                "the resource policy grants to the caller's role or parent user"};
      }
      if (RA && I && B && S) {
        return {Decision::kAllow, Layer::kIdentity, -1,
                "the resource policy trusts the account and the identity policies allow"};
      }
      if (!any_resource_grant) {
        return {Decision::kImplicitDeny, Layer::kResource, -1,
                "this resource's policy must allow the caller, and it does not"};
      }
    } else if ((I || RE) && B && S) {
      return I ? Outcome{Decision::kAllow, Layer::kIdentity, -1,
                         "an identity policy allows the request"}
               : Outcome{Decision::kAllow, Layer::kResource, -1,
                         "the resource policy grants to the caller's role or parent user"};
    }
  } else {
    if (I && B && S && any_resource_grant) {
      return {Decision::kAllow, Layer::kIdentity, -1,
              "cross-account: the identity policies and the resource policy both allow"};
    }
    if (!any_resource_grant) {
      return {Decision::kImplicitDeny, Layer::kResource, -1,
              "cross-account access needs the resource policy to allow the caller"};
    }
  }
  if (!I && !(same && RE)) {
    return {Decision::kImplicitDeny, Layer::kIdentity, -1, "no identity policy allows the request"};
  }
  if (!B) {
    return {Decision::kImplicitDeny, Layer::kBoundary, -1,
            "the permission boundary does not allow the request"};
  }
  if (!S) {
    return {Decision::kImplicitDeny, Layer::kSession, -1,
            set.has_session_policy ? "the session policy does not allow the request"
                                   : "a federated-user session without a session policy has "
                                     "no permissions"};
  }
  return {Decision::kImplicitDeny, Layer::kNone, -1, "nothing allows the request"};
}

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_DECISION_LOGIC_H_
