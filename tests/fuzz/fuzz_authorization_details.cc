// Fuzz target: bytes -> LoadAuthorizationDetails, then every principal it produced is
// compiled and asked one request. Invariants beyond "no crash, no sanitizer report":
//   * a successful load yields principals whose policy pointers are all set (Compile never
//     fails), and Decide / Explain agree for each;
//   * diagnostics all carry a kind.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "iameval/account.h"
#include "iameval/evaluator.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr size_t kMaxInput = 64 << 10;
constexpr size_t kMaxPrincipalsEvaluated = 16;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  iameval::AccountLoadOptions options;
  // Alternate the embedded managed-policy lookup on the input's length, so both paths run.
  options.use_embedded_managed_policies = (size % 2) == 0;
  auto loaded = iameval::LoadAuthorizationDetails(text, options);
  if (!loaded.ok()) return 0;
  for (const iameval::Diagnostic& d : loaded->diagnostics) Check(!d.kind.empty());

  size_t evaluated = 0;
  for (const iameval::AccountPrincipal& principal : loaded->principals) {
    if (++evaluated > kMaxPrincipalsEvaluated) break;
    for (const iameval::NamedPolicy& p : principal.policies.identity) Check(p.policy != nullptr);
    Check(principal.identity_origins.size() == principal.policies.identity.size());
    auto compiled = iameval::CompiledPolicies::Compile(principal.policies);
    Check(compiled.ok());
    iameval::Request request;
    request.principal = principal.arn;
    request.action = "s3:GetObject";
    request.resource = "arn:aws:s3:::bucket/key";
    auto decision = (*compiled)->Decide(request);
    auto explanation = (*compiled)->Explain(request);
    Check(decision.ok() == explanation.ok());
    if (decision.ok()) Check(*decision == explanation->decision);
  }
  return 0;
}
