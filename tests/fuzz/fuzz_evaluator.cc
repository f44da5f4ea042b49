// Fuzz target: a simulation case line through the case reader, the compiler and both
// evaluation entry points, plus the Simulator's output path.
//
// Input: either one JSON case line (shared/spec/simulation-format.md), or
// `<policy document>\n<case line>`: then the first line is parsed as an identity policy and
// added to the case's identity policies, so mutations hit a policy's structure directly rather
// than a JSON string inside the line.
//
// Invariants beyond "no crash, no sanitizer report":
//   * Decide() and Explain() agree on success and on the decision;
//   * the Simulator returns the same decision (or an error when the case is bad), its output
//     line renders, and running the line again (now from the cache) gives the same line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/evaluator.h"
#include "iameval/policy.h"
#include "iameval/simulate.h"
#include "json/json_parser.h"
#include "simulate/case_reader.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// Cases bigger than this are cut: the interesting bugs need few bytes, and long inputs slow
// the run without finding more.
constexpr size_t kMaxInput = 16 << 10;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view policy_text;
  std::string_view case_text = input;
  const size_t newline = input.find('\n');
  if (newline != std::string_view::npos) {
    policy_text = input.substr(0, newline);
    case_text = input.substr(newline + 1);
  }

  iameval::Simulator simulator;

  iameval::internal::JsonLimits limits;
  limits.materialize_depth = 2;  // as the Simulator reads lines
  iameval::internal::JsonParseResult json = iameval::internal::ParseJson(case_text, limits);
  if (!json.ok) {
    Check(simulator.Run(case_text).is_error);
    return 0;
  }
  // The reader holds references to parse results while it reads the case; keep every result
  // alive until the case is done.
  std::vector<std::unique_ptr<iameval::ParseResult>> keep;
  iameval::internal::PolicyParser parse = [&keep](std::string_view text, iameval::PolicyKind kind)
      -> const iameval::ParseResult& {
    keep.push_back(std::make_unique<iameval::ParseResult>(iameval::ParsePolicy(text, kind)));
    return *keep.back();
  };
  iameval::internal::SimulationCase c;
  iameval::SimulationError error;
  const bool read = iameval::internal::ReadSimulationCase(json.value, case_text, parse, c, error);

  iameval::SimulationResult sim = simulator.Run(case_text);
  // The second run takes the compiled set from the simulator's cache: same answer.
  const std::string first_json = sim.ToJson();
  Check(simulator.Run(case_text).ToJson() == first_json);
  if (!read) {
    Check(sim.is_error);
    Check(!error.kind.empty());
    return 0;
  }

  if (!policy_text.empty()) {
    iameval::ParseResult extra = iameval::ParsePolicy(policy_text, iameval::PolicyKind::kIdentity);
    if (extra.ok()) c.policies.identity.push_back({"extra", extra.policy});
  }
  auto compiled = iameval::CompiledPolicies::Compile(c.policies);
  if (!compiled.ok()) return 0;
  const iameval::Request request = c.MakeRequest();
  auto decision = (*compiled)->Decide(request);
  auto explanation = (*compiled)->Explain(request);
  Check(decision.ok() == explanation.ok());
  if (!decision.ok()) return 0;
  Check(*decision == explanation->decision);
  if (policy_text.empty() && !sim.is_error) Check(sim.decision == *decision);
  return 0;
}
