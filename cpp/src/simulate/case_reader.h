// File: case_reader.h
// Reads one simulation case (a JSON object) into a PolicySet, a Request and its context,
// with errors located in the case line.
#ifndef IAMEVAL_SRC_SIMULATE_CASE_READER_H_
#define IAMEVAL_SRC_SIMULATE_CASE_READER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "iameval/evaluator.h"
#include "iameval/simulate.h"
#include "json/json_value.h"

namespace iameval::internal {

// Parses a policy document text of a kind; cached by the caller.
using PolicyParser =
    std::function<const ParseResult&(std::string_view text, PolicyKind kind)>;

struct SimulationCase {
  std::string id_json = "null";
  PolicySet policies;
  // Identifies the policy set: equal keys compile to equal sets. Built from each policy's
  // kind, name and place in the set and the address of its parsed document (not its text, so
  // a cache lookup hashes a few bytes per policy): meaningful only while those documents are
  // alive, which a cache entry holding the compiled set guarantees (CompiledPolicies keeps
  // its source policies), and only with a PolicyParser that returns the same document for
  // the same text, as the Simulator's parse cache does.
  std::string policy_key;
  std::string principal, principal_parent_arn, action, resource = "*", resource_account;
  RequestContext context;
  bool principal_in_management_account = false;
  bool resource_in_management_account = false;

  Request MakeRequest() const;
};

// Reads `root` (the parsed case line `text`). On failure fills `error` and returns false.
bool ReadSimulationCase(const JsonValue& root, std::string_view text,
                        const PolicyParser& parse_policy, SimulationCase& out,
                        SimulationError& error);

// SimulationResult::ToJson() through nlohmann::json, the reference rendering: ToJson() writes
// the same bytes directly when every string is ASCII, and defers to this otherwise.
std::string SimulationResultJsonThroughLibrary(const SimulationResult& result);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_SIMULATE_CASE_READER_H_
