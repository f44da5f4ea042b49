// Findings benchmarks: every AWS managed policy through AnalyzePolicy (the per-document
// rules), a few well-known policies on their own, the principal-level rules over hand-built
// effective permissions, and the least-privilege rewrite.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "iameval/findings.h"
#include "iameval/managed_policies.h"

namespace iameval {
namespace {

struct Corpus {
  std::vector<std::pair<std::string, std::shared_ptr<const Policy>>> policies;
};

const Corpus& ManagedCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    ParseOptions lenient;
    lenient.strict = false;
    for (const ManagedPolicy& p : ManagedPolicies::Default().all()) {
      ParseResult r = ParsePolicy(p.document_json, PolicyKind::kIdentity, lenient);
      if (r.ok()) c->policies.emplace_back(p.name, r.policy);
    }
    return c;
  }();
  return *corpus;
}

const Policy& Managed(const char* name) {
  for (const auto& [n, p] : ManagedCorpus().policies) {
    if (n == name) return *p;
  }
  std::abort();
}

// All 1,594 managed policies, one iteration = the whole corpus.
void BM_AnalyzeAllManagedPolicies(benchmark::State& state) {
  const Corpus& corpus = ManagedCorpus();
  AnalyzePolicy(*corpus.policies.front().second, "warm-up");  // loads the risk lists once
  size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (const auto& [name, policy] : corpus.policies) {
      std::vector<Finding> f = AnalyzePolicy(*policy, name);
      findings += f.size();
      benchmark::DoNotOptimize(f);
    }
  }
  state.counters["policies"] = static_cast<double>(corpus.policies.size());
  state.counters["findings"] = static_cast<double>(findings);
  // Policies per second of wall time; its inverse is the time per policy.
  state.counters["policies_per_s"] = benchmark::Counter(
      static_cast<double>(corpus.policies.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_AnalyzeAllManagedPolicies)->Unit(benchmark::kMillisecond);

void BM_AnalyzePolicy(benchmark::State& state, const char* name) {
  const Policy& policy = Managed(name);
  for (auto _ : state) {
    std::vector<Finding> f = AnalyzePolicy(policy, name);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK_CAPTURE(BM_AnalyzePolicy, AdministratorAccess, "AdministratorAccess")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzePolicy, ReadOnlyAccess, "ReadOnlyAccess")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzePolicy, PowerUserAccess, "PowerUserAccess")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzePolicy, AmazonS3ReadOnlyAccess, "AmazonS3ReadOnlyAccess")
    ->Unit(benchmark::kMicrosecond);

// A principal with PowerUserAccess + IAMReadOnlyAccess, every action allowed on `*`.
void BM_AnalyzePrincipal(benchmark::State& state) {
  const Catalog& catalog = Catalog::Default();
  PolicySet set;
  for (const char* name : {"PowerUserAccess", "IAMReadOnlyAccess"}) {
    for (const auto& [n, p] : ManagedCorpus().policies) {
      if (n == name) set.identity.push_back({n, p});
    }
  }
  EffectivePermissions e;
  e.principal = "arn:aws:iam::111122223333:role/dev";
  e.allowed = (catalog.Expand("*") - catalog.Expand("iam:*")) | catalog.Expand("iam:Get*") |
              catalog.Expand("iam:List*");
  e.allowed_unconditionally = e.allowed;
  EffectiveEntry entry;
  entry.status = EffectiveStatus::kAllowed;
  entry.resources = {"*"};
  for (ActionId id : e.allowed.Ids()) e.AddAction(id, entry);
  for (auto _ : state) {
    std::vector<Finding> f = AnalyzePrincipal(e, set);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_AnalyzePrincipal)->Unit(benchmark::kMillisecond);

void BM_SuggestLeastPrivilege(benchmark::State& state, const char* name) {
  const Policy& policy = Managed(name);
  for (auto _ : state) {
    absl::StatusOr<LeastPrivilegeResult> r = SuggestLeastPrivilege(policy);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK_CAPTURE(BM_SuggestLeastPrivilege, AmazonS3ReadOnlyAccess, "AmazonS3ReadOnlyAccess")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_SuggestLeastPrivilege, ReadOnlyAccess, "ReadOnlyAccess")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iameval
