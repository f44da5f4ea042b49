// The evaluator on the shared benchmark workload (bench/data/workload_case.json, the same
// request the peer oracle's --bench mode times): a user with 5 identity policies x 10
// statements, one SCP level with a region Deny, a permission boundary, s3:GetObject with
// 5 context keys.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "iameval/evaluator.h"
#include "iameval/simulate.h"
#include "json/json_parser.h"
#include "simulate/case_reader.h"

namespace iameval {
namespace {

std::string ReadWorkload() {
  std::ifstream in(std::string(IAMEVAL_SOURCE_DIR) + "/bench/data/workload_case.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The workload case parsed and compiled once, shared by the benchmarks.
struct Workload {
  std::string text = ReadWorkload();
  internal::SimulationCase simulation_case;
  std::shared_ptr<const CompiledPolicies> compiled;
  std::vector<ParseResult> parsed;

  Workload() {
    internal::JsonParseResult json = internal::ParseJson(text);
    std::vector<std::unique_ptr<ParseResult>> keep;
    internal::PolicyParser parse = [this](std::string_view policy, PolicyKind kind) -> const ParseResult& {
      parsed.reserve(64);
      parsed.push_back(ParsePolicy(policy, kind));
      return parsed.back();
    };
    SimulationError error;
    if (!json.ok || !internal::ReadSimulationCase(json.value, text, parse, simulation_case, error)) {
      std::abort();
    }
    compiled = *CompiledPolicies::Compile(simulation_case.policies);
  }
};

const Workload& GetWorkload() {
  static const Workload* workload = new Workload();
  return *workload;
}

void BM_Decide(benchmark::State& state) {
  const Workload& w = GetWorkload();
  Request request = w.simulation_case.MakeRequest();
  for (auto _ : state) {
    absl::StatusOr<Decision> d = w.compiled->Decide(request);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decide)->ThreadRange(1, 2);

void BM_DecideDeniedRegion(benchmark::State& state) {
  const Workload& w = GetWorkload();
  RequestContext context = w.simulation_case.context;
  context.Set("aws:RequestedRegion", "ap-south-1");
  Request request = w.simulation_case.MakeRequest();
  request.context = &context;
  for (auto _ : state) {
    absl::StatusOr<Decision> d = w.compiled->Decide(request);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DecideDeniedRegion);

void BM_Explain(benchmark::State& state) {
  const Workload& w = GetWorkload();
  Request request = w.simulation_case.MakeRequest();
  for (auto _ : state) {
    absl::StatusOr<Explanation> e = w.compiled->Explain(request);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_Explain);

void BM_CompileWorkload(benchmark::State& state) {
  const Workload& w = GetWorkload();
  for (auto _ : state) {
    auto compiled = CompiledPolicies::Compile(w.simulation_case.policies);
    benchmark::DoNotOptimize(compiled);
  }
}
BENCHMARK(BM_CompileWorkload);

// A whole JSON line through the Simulator (parse the line, cache hit, explain, print).
void BM_SimulateLine(benchmark::State& state) {
  const Workload& w = GetWorkload();
  Simulator simulator;
  for (auto _ : state) {
    SimulationResult r = simulator.Run(w.text);
    std::string line = r.ToJson();
    benchmark::DoNotOptimize(line);
  }
}
BENCHMARK(BM_SimulateLine);

}  // namespace
}  // namespace iameval
