#include "simulate/case_reader.h"

#include <cctype>
#include <memory>
#include <vector>
#include <utility>

#include "json/json_parser.h"
#include "json/json_pointer.h"

namespace iameval::internal {
namespace {

// Shifts the locations of a value parsed from a substring to the enclosing text.
void ShiftLocations(JsonValue& v, const JsonLocation& base) {
  if (v.location.line == 1) v.location.column += base.column - 1;
  v.location.line += base.line - 1;
  v.location.offset += base.offset;
  v.end_offset += base.offset;
  for (JsonValue& e : v.elements) ShiftLocations(e, base);
  for (JsonMember& m : v.members) {
    if (m.key_location.line == 1) m.key_location.column += base.column - 1;
    m.key_location.line += base.line - 1;
    m.key_location.offset += base.offset;
    ShiftLocations(m.value, base);
  }
}

class CaseReader {
 public:
  CaseReader(std::string_view text, const PolicyParser& parse_policy, SimulationError& error)
      : text_(text), parse_policy_(parse_policy), error_(error) {}

  bool Fail(std::string kind, std::string message, std::string path, const JsonValue& at) {
    error_.kind = std::move(kind);
    error_.message = std::move(message);
    error_.path = std::move(path);
    error_.line = at.location.line;
    error_.column = at.location.column;
    return false;
  }

  // The case line is parsed with its policies skimmed (not built): only their extent is
  // needed to look them up in the parse cache. Values the reader must look into are built
  // here, `levels` deep below `v` (the rest stays skimmed).
  const JsonValue& Materialize(const JsonValue& v, size_t levels) {
    if (!v.skimmed) return v;
    internal::JsonLimits limits;
    limits.materialize_depth = levels;
    JsonParseResult r = ParseJson(text_.substr(v.location.offset, v.end_offset - v.location.offset), limits);
    if (!r.ok) return v;  // cannot happen: the text was validated when skimmed
    ShiftLocations(r.value, v.location);
    materialized_.push_back(std::make_unique<JsonValue>(std::move(r.value)));
    return *materialized_.back();
  }

  bool ReadString(const JsonValue* v, const char* field, std::string& out, bool required) {
    if (v == nullptr || v->type == JsonType::kNull) {
      if (!required) return true;
      error_ = SimulationError{"missing_field", "case has no `" + std::string(field) + "`",
                               "", 1, 1};
      return false;
    }
    if (!v->is_string()) {
      return Fail("invalid_type", "`" + std::string(field) + "` must be a string",
                  JoinPointer("", field), *v);
    }
    out = v->text;
    return true;
  }

  bool ReadBool(const JsonValue* v, const char* field, bool& out) {
    if (v == nullptr || v->type == JsonType::kNull) return true;
    if (v->type != JsonType::kBool) {
      return Fail("invalid_type", "`" + std::string(field) + "` must be a boolean",
                  JoinPointer("", field), *v);
    }
    out = v->bool_value;
    return true;
  }

  // P: a document object, a string holding the JSON text, or {"name", "document": P}.
  // The JSON Pointer of a policy in the case: `base`/`index`, or `base`/`key` when key is set.
  struct PolicyPath {
    std::string_view base;
    size_t index = 0;
    const char* key = nullptr;
    std::string Make() const {
      return key != nullptr ? JoinPointer(base, key) : JoinPointer(base, index);
    }
  };

  bool ReadPolicy(const JsonValue& skimmed, const PolicyPath& where, PolicyKind kind,
                  std::string default_name, NamedPolicy& out, std::string& key) {
    out.name = std::move(default_name);
    // Most policies are plain documents that parsed before (the cache answers by text):
    // only look inside an object when it is not a valid policy, to find the
    // {"name", "document"} form.
    if (skimmed.skimmed && skimmed.is_object()) {
      std::string_view text =
          text_.substr(skimmed.location.offset, skimmed.end_offset - skimmed.location.offset);
      const ParseResult& parsed = parse_policy_(text, kind);
      if (parsed.ok()) return Accept(parsed, kind, out, text, key);
    }
    // Not a cached document: its path is needed from here on (errors).
    const std::string path = where.Make();
    const JsonValue& v = Materialize(skimmed, skimmed.type == JsonType::kObject ? 1 : 64);
    const JsonValue* doc = &v;
    std::string doc_path = path;
    if (v.is_object() && v.Find("document") != nullptr && v.Find("Statement") == nullptr) {
      if (const JsonValue* found = v.Find("name")) {
        // The value may still be skimmed (type known, text not built): a skimmed name was
        // silently read as "" and the policy got its default name.
        const JsonValue* name = &Materialize(*found, 64);
        if (!name->is_string()) {
          return Fail("invalid_type", "a policy `name` must be a string", JoinPointer(path, "name"),
                      *name);
        }
        out.name = name->text;
      }
      doc = v.Find("document");
      if (doc->type == JsonType::kString) doc = &Materialize(*doc, 64);
      doc_path = JoinPointer(path, "document");
    }
    std::string_view policy_text;
    bool embedded_string = false;
    if (doc->is_string()) {
      policy_text = doc->text;
      embedded_string = true;
    } else if (doc->is_object()) {
      policy_text = text_.substr(doc->location.offset, doc->end_offset - doc->location.offset);
    } else {
      return Fail("invalid_type", "a policy must be a JSON object or a string holding one",
                  doc_path, *doc);
    }
    const ParseResult& parsed = parse_policy_(policy_text, kind);
    if (!parsed.ok()) {
      for (const Diagnostic& d : parsed.diagnostics) {
        if (d.severity != Severity::kError) continue;
        error_.kind = d.kind;
        error_.message = d.message;
        error_.path = doc_path + d.location.path;
        if (embedded_string) {
          // Locations inside a policy given as a string refer to that string's text.
          error_.line = d.location.line;
          error_.column = d.location.column;
        } else {
          error_.line = doc->location.line + d.location.line - 1;
          error_.column = d.location.line == 1 ? doc->location.column + d.location.column - 1
                                               : d.location.column;
        }
        return false;
      }
    }
    return Accept(parsed, kind, out, policy_text, key);
  }

  // Records a parsed policy and extends the policy-set key with it: the kind, the name and
  // the parsed document's address (see SimulationCase::policy_key), not its text.
  bool Accept(const ParseResult& parsed, PolicyKind kind, NamedPolicy& out,
              std::string_view /*policy_text*/, std::string& key) {
    out.policy = parsed.policy;
    const Policy* const document = parsed.policy.get();
    key += PolicyKindName(kind);
    key += '\x1f';
    key += out.name;
    key += '\x1f';
    key.append(reinterpret_cast<const char*>(&document), sizeof document);
    key += '\x1e';
    return true;
  }

  bool ReadPolicyList(const JsonValue* v, const char* field, PolicyKind kind,
                      std::vector<NamedPolicy>& out, std::string& key, const std::string& prefix) {
    if (v == nullptr || v->type == JsonType::kNull) return true;
    std::string path = JoinPointer("", field);
    if (!v->is_array()) return Fail("invalid_type", "`" + std::string(field) + "` must be an array", path, *v);
    out.reserve(out.size() + v->elements.size());
    for (size_t i = 0; i < v->elements.size(); ++i) {
      NamedPolicy p;
      if (!ReadPolicy(v->elements[i], PolicyPath{path, i}, kind, prefix + std::to_string(i), p,
                      key)) {
        return false;
      }
      out.push_back(std::move(p));
    }
    key += '\x1d';
    return true;
  }

  bool ReadLevels(const JsonValue* v, const char* field, PolicyKind kind,
                  std::vector<std::vector<NamedPolicy>>& out, std::string& key,
                  const std::string& prefix) {
    if (v == nullptr || v->type == JsonType::kNull) return true;
    std::string path = JoinPointer("", field);
    if (!v->is_array()) {
      return Fail("invalid_type", "`" + std::string(field) + "` must be an array of levels", path, *v);
    }
    for (size_t level = 0; level < v->elements.size(); ++level) {
      const JsonValue& l = Materialize(v->elements[level], 1);
      std::string lpath = JoinPointer(path, level);
      if (!l.is_array()) {
        return Fail("invalid_type", "each level of `" + std::string(field) + "` must be an array",
                    lpath, l);
      }
      out.emplace_back();
      for (size_t j = 0; j < l.elements.size(); ++j) {
        NamedPolicy p;
        if (!ReadPolicy(l.elements[j], PolicyPath{lpath, j}, kind,
                        prefix + std::to_string(level) + "." + std::to_string(j), p, key)) {
          return false;
        }
        out.back().push_back(std::move(p));
      }
      key += '\x1d';
    }
    key += '\x1c';
    return true;
  }

  bool ReadOptionalPolicy(const JsonValue* v, const char* field, PolicyKind kind,
                          std::optional<NamedPolicy>& out, std::string& key) {
    key += '\x1c';
    if (v == nullptr || v->type == JsonType::kNull) return true;
    NamedPolicy p;
    if (!ReadPolicy(*v, PolicyPath{"", 0, field}, kind, field, p, key)) return false;
    out = std::move(p);
    return true;
  }

  static bool ScalarText(const JsonValue& v, std::string& out) {
    switch (v.type) {
      case JsonType::kString:
      case JsonType::kNumber:
        out = v.text;
        return true;
      case JsonType::kBool:
        out = v.bool_value ? "true" : "false";
        return true;
      default:
        return false;
    }
  }

  bool ReadContext(const JsonValue* v, RequestContext& out) {
    if (v == nullptr || v->type == JsonType::kNull) return true;
    if (!v->is_object()) return Fail("invalid_type", "`context` must be an object", "/context", *v);
    for (const JsonMember& m : v->members) {
      if (m.value.skimmed) {
        // Scalars need no second parse: the skim validated them, and a string without
        // escapes is its own text between the quotes.
        const std::string_view raw = text_.substr(
            m.value.location.offset, m.value.end_offset - m.value.location.offset);
        switch (m.value.type) {
          case JsonType::kNull:
            continue;  // null = absent
          case JsonType::kBool:
          case JsonType::kNumber:
            out.Set(m.key, std::string(raw));
            continue;
          case JsonType::kString:
            if (raw.size() >= 2 && raw.find('\\') == std::string_view::npos) {
              out.Set(m.key, std::string(raw.substr(1, raw.size() - 2)));
              continue;
            }
            break;
          default:
            break;
        }
      }
      std::string path = JoinPointer("/context", m.key);
      const JsonValue& value = Materialize(m.value, 64);
      if (value.type == JsonType::kNull) continue;  // null = absent
      if (value.is_array()) {
        std::vector<std::string> values;
        for (size_t i = 0; i < value.elements.size(); ++i) {
          std::string s;
          if (!ScalarText(value.elements[i], s)) {
            return Fail("invalid_type", "context values must be strings, numbers or booleans",
                        JoinPointer(path, i), value.elements[i]);
          }
          values.push_back(std::move(s));
        }
        out.SetList(m.key, std::move(values));
        continue;
      }
      std::string s;
      if (!ScalarText(value, s)) {
        return Fail("invalid_type", "context values must be strings, numbers, booleans or lists",
                    path, value);
      }
      out.Set(m.key, std::move(s));
    }
    return true;
  }

 private:
  std::string_view text_;
  const PolicyParser& parse_policy_;
  SimulationError& error_;
  std::vector<std::unique_ptr<JsonValue>> materialized_;
};

bool StartsWithIgnoringCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Request SimulationCase::MakeRequest() const {
  Request r;
  r.principal = principal;
  r.principal_parent_arn = principal_parent_arn;
  r.action = action;
  r.resource = resource;
  r.resource_account = resource_account;
  r.context = &context;
  r.principal_in_management_account = principal_in_management_account;
  r.resource_in_management_account = resource_in_management_account;
  return r;
}

bool ReadSimulationCase(const JsonValue& root, std::string_view text,
                        const PolicyParser& parse_policy, SimulationCase& out,
                        SimulationError& error) {
  CaseReader reader(text, parse_policy, error);
  if (!root.is_object()) return reader.Fail("invalid_type", "a case must be a JSON object", "", root);
  // The id is echoed back unchanged: its own text.
  if (const JsonValue* id = root.Find("id")) {
    out.id_json = std::string(text.substr(id->location.offset, id->end_offset - id->location.offset));
  }
  if (!reader.ReadString(root.Find("principal"), "principal", out.principal, true) ||
      !reader.ReadString(root.Find("action"), "action", out.action, true) ||
      !reader.ReadString(root.Find("resource"), "resource", out.resource, false) ||
      !reader.ReadString(root.Find("resource_account"), "resource_account", out.resource_account,
                         false) ||
      !reader.ReadString(root.Find("principal_parent_arn"), "principal_parent_arn",
                         out.principal_parent_arn, false) ||
      !reader.ReadBool(root.Find("principal_in_management_account"),
                       "principal_in_management_account", out.principal_in_management_account) ||
      !reader.ReadBool(root.Find("resource_in_management_account"),
                       "resource_in_management_account", out.resource_in_management_account)) {
    return false;
  }
  if (out.resource.empty()) out.resource = "*";
  // A resource policy on sts:AssumeRole* is a role trust policy (its own kind rules).
  PolicyKind resource_kind =
      StartsWithIgnoringCase(out.action, "sts:assumerole") ? PolicyKind::kTrust : PolicyKind::kResource;
  std::string& key = out.policy_key;
  return reader.ReadPolicyList(root.Find("identity_policies"), "identity_policies",
                               PolicyKind::kIdentity, out.policies.identity, key, "identity") &&
         reader.ReadOptionalPolicy(root.Find("resource_policy"), "resource_policy", resource_kind,
                                   out.policies.resource_policy, key) &&
         reader.ReadLevels(root.Find("scps"), "scps", PolicyKind::kScp, out.policies.scp_levels,
                           key, "scp") &&
         reader.ReadLevels(root.Find("rcps"), "rcps", PolicyKind::kRcp, out.policies.rcp_levels,
                           key, "rcp") &&
         reader.ReadOptionalPolicy(root.Find("permission_boundary"), "permission_boundary",
                                   PolicyKind::kPermissionBoundary,
                                   out.policies.permission_boundary, key) &&
         reader.ReadOptionalPolicy(root.Find("vpc_endpoint_policy"), "vpc_endpoint_policy",
                                   PolicyKind::kVpcEndpoint, out.policies.vpc_endpoint_policy,
                                   key) &&
         [&] {
           std::optional<NamedPolicy> session;
           if (!reader.ReadOptionalPolicy(root.Find("session_policy"), "session_policy",
                                          PolicyKind::kSession, session, key)) {
             return false;
           }
           if (session) out.policies.session_policies.push_back(std::move(*session));
           return true;
         }() &&
         reader.ReadContext(root.Find("context"), out.context);
}

}  // namespace iameval::internal
