// Catalog benchmarks: loading the embedded catalog, pattern expansion and action lookup.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "catalog/embedded_data.h"
#include "iameval/catalog.h"
#include "iameval/managed_policies.h"

namespace iameval {
namespace {

void BM_CatalogFromJson(benchmark::State& state) {
  const std::string_view json = internal::EmbeddedCatalogJson();
  for (auto _ : state) {
    auto catalog = Catalog::FromJson(json);
    benchmark::DoNotOptimize(catalog);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_CatalogFromJson)->Unit(benchmark::kMillisecond);

void BM_Expand(benchmark::State& state, const char* pattern) {
  const Catalog& catalog = Catalog::Default();
  size_t count = 0;
  for (auto _ : state) {
    ActionSet set = catalog.Expand(pattern);
    benchmark::DoNotOptimize(set);
    count = set.Count();
  }
  state.counters["actions"] = static_cast<double>(count);
}
BENCHMARK_CAPTURE(BM_Expand, star, "*")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Expand, s3_star, "s3:*")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Expand, s3_get_star, "s3:Get*")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Expand, any_describe_star, "*:Describe*")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Expand, any_star_tag_star, "*:*Tag*")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Expand, s3_get_object, "s3:GetObject")->Unit(benchmark::kMicrosecond);

void BM_FindAction(benchmark::State& state) {
  const Catalog& catalog = Catalog::Default();
  const std::vector<std::string> names = {"s3:GetObject", "IAM:PassRole",
                                          "ec2:describeinstances", "kms:Decrypt",
                                          "s3:NoSuchAction"};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog.FindAction(names[i]));
    i = (i + 1) % names.size();
  }
}
BENCHMARK(BM_FindAction);

void BM_ActionSetUnion(benchmark::State& state) {
  const Catalog& catalog = Catalog::Default();
  const ActionSet a = catalog.Expand("*:Describe*");
  const ActionSet b = catalog.Expand("*:List*");
  for (auto _ : state) {
    ActionSet c = a | b;
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_ActionSetUnion);

}  // namespace
}  // namespace iameval
