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
  std::string policy_key;  // identifies the policy set: equal keys compile to equal sets
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

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_SIMULATE_CASE_READER_H_
