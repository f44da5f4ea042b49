// CompiledPolicies: compile once, decide many. The decision itself is DecideRequest()
// (decision_logic.h); this file builds the compiled layers and the explanations.
#include "iameval/evaluator.h"

#include <string>
#include <utility>

#include "compile/policy_compiler.h"
#include "eval/decision_logic.h"
#include "eval/recording_tracer.h"

namespace iameval {

struct CompiledPolicies::Impl {
  internal::CompiledPolicySet set;
};

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "Allow";
    case Decision::kExplicitDeny: return "ExplicitDeny";
    case Decision::kImplicitDeny: return "ImplicitDeny";
  }
  return "ImplicitDeny";
}

const char* LayerName(Layer layer) {
  switch (layer) {
    case Layer::kNone: return "none";
    case Layer::kIdentity: return "identity";
    case Layer::kResource: return "resource";
    case Layer::kScp: return "scp";
    case Layer::kRcp: return "rcp";
    case Layer::kBoundary: return "boundary";
    case Layer::kSession: return "session";
    case Layer::kVpcEndpoint: return "vpc-endpoint";
    case Layer::kImplicit: return "implicit";
  }
  return "none";
}

namespace internal {

bool IsResourcePolicyMandatory(const PreparedRequest& request) {
  std::string_view action = request.action_lower();
  if (action.substr(0, 14) == "sts:assumerole") return true;
  // KMS key policies: requests on a key (not on aliases or account-level actions).
  if (request.service_lower() == "kms") {
    std::string_view resource = request.resource();
    ArnView arn;
    return SplitArnView(resource, arn) && arn.resource.substr(0, 4) == "key/";
  }
  return false;
}

// The evaluator keeps the lowercased action and the derived principal ARNs in fixed buffers
// (StackText) so that deciding never allocates. A longer string would not fit: a cut action
// can match a shorter action name, and an absent aws:PrincipalArn makes negated conditions
// true, so both would widen grants. No AWS action or ARN comes near the limit; refuse.
absl::Status CheckRequestLengths(const Request& request) {
  constexpr size_t kMax = StackText::kCapacity;
  const std::pair<const char*, std::string_view> fields[] = {
      {"action", request.action},
      {"principal", request.principal},
      {"principal_parent_arn", request.principal_parent_arn},
  };
  for (const auto& [name, value] : fields) {
    if (value.size() > kMax) {
      return absl::InvalidArgumentError("request `" + std::string(name) + "` is " +
                                        std::to_string(value.size()) +
                                        " bytes, over the limit of " + std::to_string(kMax));
    }
  }
  return absl::OkStatus();
}

// The checks Decide() and Explain() share before deciding: field lengths and a principal.
absl::Status PrepareRequest(const Request& request, const Catalog& catalog,
                            PreparedRequest& prepared) {
  if (absl::Status s = CheckRequestLengths(request); !s.ok()) return s;
  if (!prepared.Prepare(request, catalog)) {
    return absl::InvalidArgumentError("`" + std::string(request.principal) +
                                      "` is not a principal: expected an IAM user, role, "
                                      "session or root ARN, a service principal or `anonymous`");
  }
  return absl::OkStatus();
}

}  // namespace internal

CompiledPolicies::CompiledPolicies(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledPolicies::~CompiledPolicies() = default;

absl::StatusOr<std::shared_ptr<const CompiledPolicies>> CompiledPolicies::Compile(
    const PolicySet& policies, const EvaluatorOptions& options, const Catalog& catalog) {
  auto impl = std::make_unique<Impl>();
  absl::Status status = internal::CompilePolicySet(policies, options, catalog, impl->set);
  if (!status.ok()) return status;
  return std::shared_ptr<const CompiledPolicies>(new CompiledPolicies(std::move(impl)));
}

absl::StatusOr<Decision> CompiledPolicies::Decide(const Request& request) const {
  internal::PreparedRequest prepared;
  if (absl::Status s = internal::PrepareRequest(request, *impl_->set.catalog, prepared); !s.ok()) {
    return s;
  }
  internal::NullTracer tracer;
  return internal::DecideRequest(impl_->set, prepared, tracer).decision;
}

absl::StatusOr<Explanation> CompiledPolicies::Explain(const Request& request) const {
  internal::PreparedRequest prepared;
  if (absl::Status s = internal::PrepareRequest(request, *impl_->set.catalog, prepared); !s.ok()) {
    return s;
  }
  internal::RecordingTracer tracer;
  internal::Outcome outcome = internal::DecideRequest(impl_->set, prepared, tracer);
  Explanation explanation = tracer.Finish();
  explanation.decision = outcome.decision;
  explanation.deciding_layer = outcome.layer;
  explanation.deciding_level = outcome.level;
  explanation.reason = outcome.reason;
  return explanation;
}

}  // namespace iameval
