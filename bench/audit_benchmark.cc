// The account audit on cloudsplaining's example.json (../shared/data, 127 principals): reading
// the authorization-details file, auditing it (effective permissions, findings and summaries
// of every principal), and both together; with one thread and with one per core. Skipped when
// the shared data is not checked out next to the repository.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "iameval/account.h"
#include "iameval/audit.h"

namespace iameval {
namespace {

const std::string& ExampleText() {
  static const std::string* text = [] {
    std::ifstream in(std::string(IAMEVAL_SOURCE_DIR) +
                     "/../shared/data/authorization-details/salesforce-cloudsplaining/"
                     "example.json",
                     std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return new std::string(buffer.str());
  }();
  return *text;
}

// The example account, read; nullopt (and the benchmark marked skipped) without the data.
std::optional<AccountAuthorization> LoadExample(benchmark::State& state) {
  if (ExampleText().empty()) {
    state.SkipWithError("no ../shared/data");
    return std::nullopt;
  }
  absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(ExampleText());
  if (!account.ok()) std::abort();
  return *std::move(account);
}

void BM_LoadAuthorizationDetails(benchmark::State& state) {
  if (!LoadExample(state)) return;
  for (auto _ : state) {
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(ExampleText());
    if (!account.ok()) std::abort();
    benchmark::DoNotOptimize(account);
  }
}
BENCHMARK(BM_LoadAuthorizationDetails)->Unit(benchmark::kMillisecond);

// Audit of an already loaded account; the argument is the thread count (0: one per core).
void BM_AuditExample(benchmark::State& state) {
  const std::optional<AccountAuthorization> account = LoadExample(state);
  if (!account) return;
  AuditOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  size_t findings = 0;
  for (auto _ : state) {
    absl::StatusOr<AuditReport> report = AuditAccount(*account, options);
    if (!report.ok()) std::abort();
    findings = report->finding_count;
    benchmark::DoNotOptimize(report);
  }
  state.counters["principals"] = static_cast<double>(account->principals.size());
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_AuditExample)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// What `iameval audit` does in C++: read the file and audit it (one thread per core).
void BM_LoadAndAuditExample(benchmark::State& state) {
  if (!LoadExample(state)) return;
  for (auto _ : state) {
    absl::StatusOr<AccountAuthorization> account = LoadAuthorizationDetails(ExampleText());
    if (!account.ok()) std::abort();
    absl::StatusOr<AuditReport> report = AuditAccount(*account);
    if (!report.ok()) std::abort();
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_LoadAndAuditExample)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace iameval
