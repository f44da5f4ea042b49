// File: effective_combine.cc
// Each branch below corresponds to one branch of DecideRequest(); keep them in step.
#include "analysis/effective_combine.h"

#include <utility>
#include <vector>

namespace iameval::internal::analysis {
namespace {

// The Allow statements of the group, sorted by layer (and principal class).
struct Allows {
  std::vector<std::vector<uint32_t>> scp;  // per level
  std::vector<uint32_t> vpc_endpoint;
  std::vector<uint32_t> identity;
  std::vector<uint32_t> boundary;
  std::vector<uint32_t> session;
  std::vector<uint32_t> resource_direct;
  std::vector<uint32_t> resource_role;
  std::vector<uint32_t> resource_account;
  std::vector<uint32_t> resource_any;
};

Requirement Require(Layer layer, std::vector<uint32_t> terms, int level = -1) {
  Requirement requirement;
  requirement.layer = layer;
  requirement.level = level;
  requirement.terms = std::move(terms);
  return requirement;
}

GrantPath Path(PathKind kind, const std::vector<Requirement>& guardrails,
               std::vector<Requirement> own) {
  GrantPath path;
  path.kind = kind;
  path.requirements = guardrails;
  for (Requirement& requirement : own) path.requirements.push_back(std::move(requirement));
  return path;
}

}  // namespace

ActionModel CombineLayers(const AnalysisSetup& setup, const ActionGroup& group) {
  ActionModel model;
  if (group.rule == ActionRule::kCallerIdentity) {
    // Allowed even over an explicit Deny (§7.9).
    model.paths.push_back(GrantPath{PathKind::kImplicit, {}});
    return model;
  }
  const CompiledPolicySet& set = setup.compiled;
  Allows allows;
  allows.scp.resize(setup.scp_on ? set.scp_levels.size() : 0);
  for (uint32_t id : group.statements) {
    const StatementFacts& fact = setup.fact(id);
    if (fact.effect == Effect::kDeny) {
      model.denials.push_back(id);
      continue;
    }
    switch (fact.layer) {
      case Layer::kScp:
        allows.scp[static_cast<size_t>(fact.level)].push_back(id);
        break;
      case Layer::kVpcEndpoint:
        allows.vpc_endpoint.push_back(id);
        break;
      case Layer::kIdentity:
        allows.identity.push_back(id);
        break;
      case Layer::kBoundary:
        allows.boundary.push_back(id);
        break;
      case Layer::kSession:
        allows.session.push_back(id);
        break;
      case Layer::kResource:
        allows.resource_any.push_back(id);
        if (fact.principal_class == PrincipalClass::kDirect) allows.resource_direct.push_back(id);
        if (fact.principal_class == PrincipalClass::kRoleOrParent) {
          allows.resource_role.push_back(id);
        }
        if (fact.principal_class == PrincipalClass::kAccount) {
          allows.resource_account.push_back(id);
        }
        break;
      default:
        break;  // RCPs imply RCPFullAWSAccess: their Allows add nothing (§7.3)
    }
  }

  // Guardrails (§7.2): every SCP level must allow; the VPC endpoint policy must allow.
  std::vector<Requirement> guardrails;
  for (size_t level = 0; level < allows.scp.size(); ++level) {
    guardrails.push_back(Require(Layer::kScp, allows.scp[level], static_cast<int>(level)));
  }
  if (set.has_vpc_endpoint_policy) {
    guardrails.push_back(Require(Layer::kVpcEndpoint, allows.vpc_endpoint));
  }

  const CallerPrincipal& caller = setup.caller;
  if (caller.kind == PrincipalKind::kAnonymous || caller.kind == PrincipalKind::kService) {
    model.paths.push_back(Path(PathKind::kResourceAny, guardrails,
                               {Require(Layer::kResource, allows.resource_any)}));
    return model;
  }
  const bool root = caller.kind == PrincipalKind::kRoot;
  if (root && group.rule == ActionRule::kAssumeRole) {
    model.missing_layer = Layer::kImplicit;  // the root user cannot assume roles
    return model;
  }

  // B, S and I of §7.4-7.7 as requirements (absent when they always hold).
  std::vector<Requirement> bs;
  if (setup.has_boundary) bs.push_back(Require(Layer::kBoundary, allows.boundary));
  if (caller.IsSession()) {
    if (setup.session_policy_applies) {
      bs.push_back(Require(Layer::kSession, allows.session));
    } else if (caller.kind == PrincipalKind::kFederatedSession) {
      bs.push_back(Require(Layer::kSession, {}));  // no session policy: no permissions
    }
  }
  auto with_bs = [&](std::vector<Requirement> own) {
    own.insert(own.end(), bs.begin(), bs.end());
    return own;
  };
  auto identity = [&](std::vector<Requirement> own) {
    if (!root) own.insert(own.begin(), Require(Layer::kIdentity, allows.identity));
    return own;
  };

  if (!setup.same_account) {
    // §7.8: both sides; the root user's I is implied.
    std::vector<Requirement> own = identity({});
    own = with_bs(std::move(own));
    own.push_back(Require(Layer::kResource, allows.resource_any));
    model.paths.push_back(Path(PathKind::kCrossAccount, guardrails, std::move(own)));
    return model;
  }

  // Same account (§7.4). The KMS rule splits on the resource: keys follow the mandatory
  // rules, other KMS resources the ordinary ones.
  const bool any_ordinary = group.rule != ActionRule::kAssumeRole;
  const bool any_mandatory =
      group.rule == ActionRule::kAssumeRole || group.rule == ActionRule::kKms;
  auto only = [&](bool key, std::vector<Requirement> own) {
    if (group.rule == ActionRule::kKms) {
      own.push_back(Require(Layer::kImplicit,
                            {key ? setup.kms_key_term : setup.kms_not_key_term}));
    }
    return own;
  };
  // A grant to the caller itself wins in both cases.
  model.paths.push_back(Path(PathKind::kResourceDirect, guardrails,
                             {Require(Layer::kResource, allows.resource_direct)}));
  if (any_ordinary) {
    if (root) {
      model.paths.push_back(Path(PathKind::kRoot, guardrails, only(false, {})));
    } else {
      model.paths.push_back(
          Path(PathKind::kIdentity, guardrails,
               only(false, with_bs({Require(Layer::kIdentity, allows.identity)}))));
      model.paths.push_back(
          Path(PathKind::kResourceRole, guardrails,
               only(false, with_bs({Require(Layer::kResource, allows.resource_role)}))));
    }
  }
  if (any_mandatory) {
    model.paths.push_back(
        Path(PathKind::kResourceRole, guardrails,
             only(true, with_bs({Require(Layer::kResource, allows.resource_role)}))));
    std::vector<Requirement> own = {Require(Layer::kResource, allows.resource_account)};
    if (!root) own.push_back(Require(Layer::kIdentity, allows.identity));
    model.paths.push_back(
        Path(PathKind::kResourceAccount, guardrails, only(true, with_bs(std::move(own)))));
  }
  return model;
}

}  // namespace iameval::internal::analysis
