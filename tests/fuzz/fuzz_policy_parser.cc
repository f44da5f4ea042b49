// Fuzz target: bytes -> ParsePolicy (strict and lenient, every policy kind) -> ValidatePolicy.
// Invariants beyond "no crash, no sanitizer report":
//   * ok() exactly when no diagnostic is an error, and every diagnostic has a kind;
//   * lenient mode accepts everything strict mode accepts (it only downgrades errors);
//   * a parsed policy compiles, and compiling it never fails.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "iameval/catalog.h"
#include "iameval/diagnostic.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace {

using iameval::ParseOptions;
using iameval::ParseResult;
using iameval::PolicyKind;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckDiagnostics(const ParseResult& r) {
  Check(r.ok() == !iameval::HasErrors(r.diagnostics));
  for (const iameval::Diagnostic& d : r.diagnostics) {
    Check(!d.kind.empty());
    (void)iameval::FormatDiagnostic(d);
  }
}

constexpr PolicyKind kKinds[] = {
    PolicyKind::kIdentity, PolicyKind::kResource, PolicyKind::kTrust,
    PolicyKind::kScp,      PolicyKind::kRcp,      PolicyKind::kPermissionBoundary,
    PolicyKind::kSession,  PolicyKind::kVpcEndpoint,
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The kind comes from the input's length rather than a prefix byte, so seed files stay
  // plain policy documents that other tools can read.
  const PolicyKind kind = kKinds[size % (sizeof(kKinds) / sizeof(kKinds[0]))];
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const iameval::Catalog& catalog = iameval::Catalog::Default();

  ParseOptions strict;
  ParseResult s = iameval::ParsePolicy(text, kind, strict);
  CheckDiagnostics(s);

  ParseOptions lenient;
  lenient.strict = false;
  ParseResult l = iameval::ParsePolicy(text, kind, lenient);
  CheckDiagnostics(l);
  if (s.ok()) Check(l.ok());

  if (l.ok()) {
    for (const iameval::Diagnostic& d : iameval::ValidatePolicy(*l.policy, catalog)) {
      Check(d.severity == iameval::Severity::kWarning);
    }
    // Put the policy in the layer of its kind and decide one request: Decide and Explain
    // must agree.
    iameval::PolicySet set;
    iameval::NamedPolicy named{"fuzz", l.policy};
    switch (kind) {
      case PolicyKind::kIdentity: set.identity.push_back(named); break;
      case PolicyKind::kResource:
      case PolicyKind::kTrust: set.resource_policy = named; break;
      case PolicyKind::kScp: set.scp_levels.push_back({named}); break;
      case PolicyKind::kRcp: set.rcp_levels.push_back({named}); break;
      case PolicyKind::kPermissionBoundary: set.permission_boundary = named; break;
      case PolicyKind::kSession: set.session_policies.push_back(named); break;
      case PolicyKind::kVpcEndpoint: set.vpc_endpoint_policy = named; break;
    }
    auto compiled = iameval::CompiledPolicies::Compile(set);
    Check(compiled.ok());
    iameval::RequestContext context;
    context.Set("aws:username", "alice");
    context.SetList("aws:TagKeys", {"a", "b"});
    iameval::Request request;
    request.principal = "arn:aws:sts::111122223333:assumed-role/r/alice";
    request.principal_parent_arn = "arn:aws:iam::111122223333:role/r";
    request.action = "s3:GetObject";
    request.resource = "arn:aws:s3:::bucket/alice/x";
    request.context = &context;
    auto decision = (*compiled)->Decide(request);
    auto explanation = (*compiled)->Explain(request);
    Check(decision.ok() == explanation.ok());
    if (decision.ok()) Check(*decision == explanation->decision);
  }
  return 0;
}
