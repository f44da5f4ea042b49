// File: evaluator.h
// The request evaluator. Compile the policies that take part in deciding requests for one
// principal (identity policies, permission boundary, session policy, SCP levels) and one
// resource (resource policy, RCP levels, VPC endpoint policy) once; then decide any number
// of requests, from any number of threads, without allocating:
//
//   iameval::PolicySet set;
//   set.identity.push_back({"inline", policy});             // from ParsePolicy()
//   auto compiled = iameval::CompiledPolicies::Compile(set);
//   iameval::Request req{.principal = "arn:aws:iam::111122223333:user/alice",
//                        .action = "s3:GetObject", .resource = "arn:aws:s3:::bkt/x"};
//   iameval::Decision d = compiled->Decide(req);            // hot path
//   iameval::Explanation why = compiled->Explain(req);      // on request, slower
//
// The decision logic follows shared/spec/evaluation-semantics.md §7; docs/semantics.md lists
// the choices made where the spec marks a rule unverified.
#ifndef IAMEVAL_EVALUATOR_H_
#define IAMEVAL_EVALUATOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"
#include "iameval/policy.h"
#include "iameval/request.h"

namespace iameval {

enum class Decision : uint8_t { kAllow, kExplicitDeny, kImplicitDeny };

// "Allow", "ExplicitDeny", "ImplicitDeny".
const char* DecisionName(Decision decision);

// The policy layers of §7.
enum class Layer : uint8_t {
  kNone,         // no layer decided (e.g. an implicit deny because nothing allowed)
  kIdentity,
  kResource,
  kScp,
  kRcp,
  kBoundary,
  kSession,
  kVpcEndpoint,
  kImplicit,     // a rule outside the policies: root user, sts:GetCallerIdentity
};

// "identity", "resource", "scp", "rcp", "boundary", "session", "vpc-endpoint", "implicit",
// "none".
const char* LayerName(Layer layer);

// A policy with a name for explanations.
struct NamedPolicy {
  std::string name;
  std::shared_ptr<const Policy> policy;
};

// Every policy that takes part in deciding a request.
struct PolicySet {
  std::vector<NamedPolicy> identity;  // user + groups, or the role: inline and managed
  std::optional<NamedPolicy> resource_policy;
  std::vector<std::vector<NamedPolicy>> scp_levels;  // principal's account, root first
  std::vector<std::vector<NamedPolicy>> rcp_levels;  // resource's account, root first;
                                                     // RCPFullAWSAccess implied
  std::optional<NamedPolicy> permission_boundary;
  std::vector<NamedPolicy> session_policies;  // OR-ed; empty = no session policy
  std::optional<NamedPolicy> vpc_endpoint_policy;
};

struct EvaluatorOptions {
  // §4.4: a plain (unqualified) operator on a key sent with several values. AWS leaves it
  // unspecified; false = the condition does not match (and the explanation says why).
  bool plain_operator_matches_any_of_multivalued = false;
  // §3.4: NotPrincipal exempts a caller only when every link of its chain (account, role or
  // user, session) is listed. false = exempt when the caller's own ARN is listed.
  bool not_principal_requires_full_chain = true;
  // §5: policy variables in a Resource are substituted only in the resource id (after the
  // fifth colon), as the spec says. AWS's own managed policies also put variables in the
  // region and account fields (e.g. `arn:aws:secretsmanager:${aws:RequestedRegion}:
  // ${aws:PrincipalAccount}:secret:...`); true substitutes there too. Unverified against AWS:
  // see docs/semantics.md.
  bool substitute_variables_in_all_arn_fields = false;
};

// One statement that applied to the request.
struct MatchedStatement {
  Layer layer = Layer::kNone;
  int level = -1;            // SCP / RCP level (0 = root); -1 otherwise
  std::string policy_name;   // NamedPolicy::name, or "<layer><index>" when unnamed
  std::string sid;           // Sid, or "#<statement index>" when absent
  std::string path;          // JSON Pointer of the statement in its policy
  Effect effect = Effect::kAllow;
  std::string principal_class;  // resource policies: "direct", "role", "parent", "account"
};

// One condition that was evaluated, with the request values it saw.
struct ConditionTrace {
  std::string policy_name;
  std::string sid;
  std::string operator_text;
  std::string key;
  std::vector<std::string> policy_values;
  std::vector<std::string> request_values;  // empty when absent
  bool key_present = false;
  bool result = false;
  std::string note;  // e.g. "multivalued key without ForAnyValue/ForAllValues"
};

struct Explanation {
  Decision decision = Decision::kImplicitDeny;
  Layer deciding_layer = Layer::kNone;
  int deciding_level = -1;
  std::string reason;  // one sentence for people
  std::vector<MatchedStatement> matched;      // every applicable statement, all layers
  std::vector<ConditionTrace> conditions;     // every condition evaluated
  std::vector<std::string> missing_context_keys;  // referenced by policies, absent in request
  std::vector<std::string> warnings;
};

class CompiledPolicies {
 public:
  // Compiles `policies` against `catalog`. Fails (InvalidArgument) only on malformed request
  // independent inputs, e.g. a null policy pointer; policies are already validated by the
  // parser.
  static absl::StatusOr<std::shared_ptr<const CompiledPolicies>> Compile(
      const PolicySet& policies, const EvaluatorOptions& options = EvaluatorOptions(),
      const Catalog& catalog = Catalog::Default());

  ~CompiledPolicies();
  CompiledPolicies(const CompiledPolicies&) = delete;
  CompiledPolicies& operator=(const CompiledPolicies&) = delete;

  // The decision. Never allocates. InvalidArgument for a request that cannot be evaluated:
  // a principal that is not a principal, or an action, principal or principal_parent_arn
  // longer than 2 KiB (the internal buffers; no AWS name comes near it).
  absl::StatusOr<Decision> Decide(const Request& request) const;
  // The decision with its explanation.
  absl::StatusOr<Explanation> Explain(const Request& request) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit CompiledPolicies(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iameval

#endif  // IAMEVAL_EVALUATOR_H_
