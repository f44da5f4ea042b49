#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>

#include "iameval/simulate.h"
#include "json/json_parser.h"
#include "simulate/case_reader.h"

namespace iameval {

struct Simulator::Impl {
  SimulationOptions options;
  const Catalog* catalog;
  // Parsed documents by kind + text, and compiled sets by their policy key: the same policy
  // repeated over thousands of lines is parsed and compiled once.
  std::unordered_map<std::string, ParseResult> parsed;
  std::unordered_map<std::string, std::shared_ptr<const CompiledPolicies>> compiled;

  const ParseResult& Parse(std::string_view text, PolicyKind kind) {
    std::string key = std::string(PolicyKindName(kind)) + '\x1f' + std::string(text);
    auto it = parsed.find(key);
    if (it != parsed.end()) return it->second;
    if (parsed.size() >= options.max_cached_policy_sets * 8) parsed.clear();
    return parsed.emplace(std::move(key), ParsePolicy(text, kind, options.parse)).first->second;
  }
};

Simulator::Simulator(SimulationOptions options, const Catalog& catalog)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->catalog = &catalog;
}

Simulator::~Simulator() = default;

size_t Simulator::cache_size() const { return impl_->compiled.size(); }

SimulationResult Simulator::Run(std::string_view case_json) {
  SimulationResult result;
  // Policies (depth 2 and deeper) are skimmed: the reader only needs their text.
  internal::JsonLimits limits;
  limits.materialize_depth = 2;
  internal::JsonParseResult json = internal::ParseJson(case_json, limits);
  if (!json.ok) {
    result.is_error = true;
    result.error = SimulationError{json.error.kind, json.error.message, json.error.path,
                                   json.error.location.line, json.error.location.column};
    return result;
  }
  internal::SimulationCase c;
  internal::PolicyParser parse = [this](std::string_view text, PolicyKind kind) -> const ParseResult& {
    return impl_->Parse(text, kind);
  };
  if (!internal::ReadSimulationCase(json.value, case_json, parse, c, result.error)) {
    if (const internal::JsonValue* id = json.value.Find("id")) {
      result.id_json = std::string(
          case_json.substr(id->location.offset, id->end_offset - id->location.offset));
    }
    result.is_error = true;
    return result;
  }
  result.id_json = c.id_json;

  std::shared_ptr<const CompiledPolicies> compiled;
  auto it = impl_->compiled.find(c.policy_key);
  if (it != impl_->compiled.end()) {
    compiled = it->second;
  } else {
    auto made = CompiledPolicies::Compile(c.policies, impl_->options.evaluator, *impl_->catalog);
    if (!made.ok()) {
      result.is_error = true;
      result.error = SimulationError{"compile_error", std::string(made.status().message()), "", 0, 0};
      return result;
    }
    compiled = *made;
    if (impl_->compiled.size() >= impl_->options.max_cached_policy_sets) impl_->compiled.clear();
    impl_->compiled.emplace(std::move(c.policy_key), compiled);
  }

  Request request = c.MakeRequest();
  if (impl_->options.explain) {
    absl::StatusOr<Explanation> explanation = compiled->Explain(request);
    if (!explanation.ok()) {
      result.is_error = true;
      result.error = SimulationError{"invalid_request", std::string(explanation.status().message()),
                                     "/principal", 0, 0};
      return result;
    }
    result.decision = explanation->decision;
    result.explanation = std::move(*explanation);
  } else {
    absl::StatusOr<Decision> decision = compiled->Decide(request);
    if (!decision.ok()) {
      result.is_error = true;
      result.error = SimulationError{"invalid_request", std::string(decision.status().message()),
                                     "/principal", 0, 0};
      return result;
    }
    result.decision = *decision;
  }
  return result;
}

std::optional<SimulationResult> Simulator::RunLine(std::string_view line) {
  size_t start = line.find_first_not_of(" \t\r");
  if (start == std::string_view::npos || line[start] == '#') return std::nullopt;
  return Run(line);
}

std::vector<std::string> Simulator::RunJsonl(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::optional<SimulationResult> r = RunLine(text.substr(pos, end - pos));
    if (r) out.push_back(r->ToJson());
    pos = end + 1;
  }
  return out;
}

std::string SimulationResult::ToJson() const {
  nlohmann::ordered_json out;
  out["id"] = nlohmann::ordered_json::parse(id_json, nullptr, false);
  if (out["id"].is_discarded()) out["id"] = nullptr;
  if (is_error) {
    out["decision"] = "Error";
    out["error"] = {{"kind", error.kind},
                    {"message", error.message},
                    {"path", error.path},
                    {"line", error.line},
                    {"column", error.column}};
    return out.dump();
  }
  out["decision"] = DecisionName(decision);
  if (explanation) {
    const Explanation& e = *explanation;
    nlohmann::ordered_json ex;
    ex["layer"] = LayerName(e.deciding_layer);
    ex["level"] = e.deciding_level >= 0 ? nlohmann::ordered_json(e.deciding_level) : nullptr;
    ex["reason"] = e.reason;
    nlohmann::ordered_json matched = nlohmann::ordered_json::array();
    for (const MatchedStatement& m : e.matched) {
      nlohmann::ordered_json j;
      j["layer"] = LayerName(m.layer);
      if (m.level >= 0) j["level"] = m.level;
      j["policy"] = m.policy_name;
      j["sid"] = m.sid;
      j["effect"] = m.effect == Effect::kAllow ? "Allow" : "Deny";
      j["path"] = m.path;
      if (!m.principal_class.empty()) j["principal_class"] = m.principal_class;
      matched.push_back(std::move(j));
    }
    ex["matched"] = std::move(matched);
    ex["missing_context_keys"] = e.missing_context_keys;
    out["explanation"] = std::move(ex);
  }
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace iameval
