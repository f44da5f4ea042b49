// File: simulate.h
// Runs simulation cases in the JSON Lines format of shared/spec/simulation-format.md: one
// request per line with every policy that takes part, one result line per case, in order.
// A bad case yields an `Error` result and never stops a run. Identical policy sets across
// lines are compiled once (the Simulator keeps a cache; it is not thread-safe itself, but the
// compiled policies it shares are).
#ifndef IAMEVAL_SIMULATE_H_
#define IAMEVAL_SIMULATE_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/catalog.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval {

struct SimulationOptions {
  ParseOptions parse;
  EvaluatorOptions evaluator;
  bool explain = true;          // include the explanation object in results
  size_t max_cached_policy_sets = 4096;
};

struct SimulationError {
  std::string kind;
  std::string message;
  std::string path;  // JSON Pointer into the case line (or into a policy given as a string)
  uint32_t line = 0;
  uint32_t column = 0;
};

struct SimulationResult {
  std::string id_json = "null";  // the case's `id`, as JSON text
  bool is_error = false;
  Decision decision = Decision::kImplicitDeny;
  std::optional<Explanation> explanation;
  SimulationError error;  // when is_error
  // The output line of the format: {"id":..., "decision":..., "explanation"|"error": ...}.
  std::string ToJson() const;
};

class Simulator {
 public:
  explicit Simulator(SimulationOptions options = SimulationOptions(),
                     const Catalog& catalog = Catalog::Default());
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // One case (a JSON object as text).
  SimulationResult Run(std::string_view case_json);
  // One line of a JSON Lines file: nullopt for blank lines and `#` comments.
  std::optional<SimulationResult> RunLine(std::string_view line);
  // A whole JSON Lines text: one output line (JSON, no newline) per case, in input order.
  std::vector<std::string> RunJsonl(std::string_view text);

  size_t cache_size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iameval

#endif  // IAMEVAL_SIMULATE_H_
