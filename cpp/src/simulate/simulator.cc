#include <array>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"

#include "iameval/simulate.h"
#include "json/json_parser.h"
#include "simulate/case_reader.h"

namespace iameval {

struct Simulator::Impl {
  SimulationOptions options;
  const Catalog* catalog;
  // Parsed documents by kind and text, and compiled sets by their policy key: the same policy
  // repeated over thousands of lines is parsed and compiled once. Looked up by string_view
  // (no key string built per line); ParseResults are boxed so references stay valid.
  static constexpr size_t kKinds = static_cast<size_t>(PolicyKind::kVpcEndpoint) + 1;
  std::array<absl::flat_hash_map<std::string, std::unique_ptr<ParseResult>>, kKinds> parsed;
  size_t parsed_count = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const CompiledPolicies>> compiled;

  const ParseResult& Parse(std::string_view text, PolicyKind kind) {
    auto& by_text = parsed[static_cast<size_t>(kind)];
    auto it = by_text.find(absl::string_view(text.data(), text.size()));
    if (it != by_text.end()) return *it->second;
    if (parsed_count >= options.max_cached_policy_sets * 8) {
      for (auto& map : parsed) map.clear();
      parsed_count = 0;
    }
    ++parsed_count;
    return *by_text
                .emplace(std::string(text),
                         std::make_unique<ParseResult>(ParsePolicy(text, kind, options.parse)))
                .first->second;
  }
};

Simulator::Simulator(SimulationOptions options, const Catalog& catalog)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->catalog = &catalog;
}

Simulator::~Simulator() = default;

size_t Simulator::cache_size() const { return impl_->compiled.size(); }

namespace {

// An evaluation error located at the request field it is about. The evaluator's messages start
// with "request `<field>`" when the field is not the principal (a field too long to evaluate).
SimulationError RequestError(const absl::Status& status, const internal::JsonValue& root) {
  const std::string message(status.message());
  std::string field = "principal";
  for (const char* name : {"principal_parent_arn", "action"}) {
    if (message.rfind("request `" + std::string(name) + "`", 0) == 0) field = name;
  }
  SimulationError error{"invalid_request", message, "/" + field, 0, 0};
  if (const internal::JsonValue* v = root.Find(field)) {
    error.line = v->location.line;
    error.column = v->location.column;
  }
  return error;
}

}  // namespace

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
  auto it = impl_->compiled.find(absl::string_view(c.policy_key));
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
      result.error = RequestError(explanation.status(), json.value);
      return result;
    }
    result.decision = explanation->decision;
    result.explanation = std::move(*explanation);
  } else {
    absl::StatusOr<Decision> decision = compiled->Decide(request);
    if (!decision.ok()) {
      result.is_error = true;
      result.error = RequestError(decision.status(), json.value);
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

namespace {

// Appends `s` as a JSON string exactly as nlohmann::json's dump() writes it (ensure_ascii
// off): `"` `\\` and the short escapes, other control bytes as \u00xx, everything else
// verbatim. False (out partly written) when `s` has a byte >= 0x80: UTF-8 checking and
// replacement stay with nlohmann.
bool AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    if (c >= 0x80) return false;
    const char ch = s[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c <= 0x1F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
  return true;
}

// An `id` whose text nlohmann would print back unchanged: null, true, false, a string of
// printable ASCII without escapes, or a plain integer (no -0, at most 18 digits).
bool IsVerbatimId(std::string_view id) {
  if (id == "null" || id == "true" || id == "false") return true;
  if (id.size() >= 2 && id.front() == '"' && id.back() == '"') {
    for (size_t i = 1; i + 1 < id.size(); ++i) {
      const auto c = static_cast<unsigned char>(id[i]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
  }
  std::string_view digits = id;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 18) return false;
  if (digits.front() == '0') return id == "0";
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void AppendInt(std::string& out, long long value) { out += std::to_string(value); }

// The result line written directly; false when a string needs nlohmann (see ToJson).
bool AppendFastJson(const SimulationResult& r, std::string& out) {
  const std::string& id_json = r.id_json;
  const SimulationError& error = r.error;
  const std::optional<Explanation>& explanation = r.explanation;
  if (!IsVerbatimId(id_json)) return false;
  if (!IsVerbatimId(id_json)) return false;
  out += "{\"id\":";
  out += id_json;
  if (r.is_error) {
    out += ",\"decision\":\"Error\",\"error\":{\"kind\":";
    if (!AppendJsonString(out, error.kind)) return false;
    out += ",\"message\":";
    if (!AppendJsonString(out, error.message)) return false;
    out += ",\"path\":";
    if (!AppendJsonString(out, error.path)) return false;
    out += ",\"line\":";
    AppendInt(out, error.line);
    out += ",\"column\":";
    AppendInt(out, error.column);
    out += "}}";
    return true;
  }
  out += ",\"decision\":";
  if (!AppendJsonString(out, DecisionName(r.decision))) return false;
  if (explanation) {
    const Explanation& e = *explanation;
    out += ",\"explanation\":{\"layer\":";
    if (!AppendJsonString(out, LayerName(e.deciding_layer))) return false;
    out += ",\"level\":";
    if (e.deciding_level >= 0) {
      AppendInt(out, e.deciding_level);
    } else {
      out += "null";
    }
    out += ",\"reason\":";
    if (!AppendJsonString(out, e.reason)) return false;
    out += ",\"matched\":[";
    bool first = true;
    for (const MatchedStatement& m : e.matched) {
      if (!first) out.push_back(',');
      first = false;
      out += "{\"layer\":";
      if (!AppendJsonString(out, LayerName(m.layer))) return false;
      if (m.level >= 0) {
        out += ",\"level\":";
        AppendInt(out, m.level);
      }
      out += ",\"policy\":";
      if (!AppendJsonString(out, m.policy_name)) return false;
      out += ",\"sid\":";
      if (!AppendJsonString(out, m.sid)) return false;
      out += ",\"effect\":";
      out += m.effect == Effect::kAllow ? "\"Allow\"" : "\"Deny\"";
      out += ",\"path\":";
      if (!AppendJsonString(out, m.path)) return false;
      if (!m.principal_class.empty()) {
        out += ",\"principal_class\":";
        if (!AppendJsonString(out, m.principal_class)) return false;
      }
      out.push_back('}');
    }
    out += "],\"missing_context_keys\":[";
    first = true;
    for (const std::string& key : e.missing_context_keys) {
      if (!first) out.push_back(',');
      first = false;
      if (!AppendJsonString(out, key)) return false;
    }
    out += "]}";
  }
  out.push_back('}');
  return true;
}

}  // namespace

std::string SimulationResult::ToJson() const {
  // Written directly when every string is ASCII (the common case); otherwise through
  // nlohmann::json, which validates UTF-8. Both give the same bytes.
  std::string fast;
  fast.reserve(256);
  if (AppendFastJson(*this, fast)) return fast;
  return internal::SimulationResultJsonThroughLibrary(*this);
}

namespace internal {

std::string SimulationResultJsonThroughLibrary(const SimulationResult& r) {
  const std::string& id_json = r.id_json;
  const bool is_error = r.is_error;
  const SimulationError& error = r.error;
  const Decision decision = r.decision;
  const std::optional<Explanation>& explanation = r.explanation;
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

}  // namespace internal

}  // namespace iameval
