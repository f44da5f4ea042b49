// The policy parser: JSON text -> immutable Policy AST with locations, enforcing the grammar
// of spec §2 and the per-kind rules of §2.3. Every problem becomes a Diagnostic; the parse
// continues after an element-level error so one run reports as much as it can.
#include <string>
#include <string_view>
#include <utility>

#include "iameval/policy.h"
#include "json/json_parser.h"
#include "json/json_pointer.h"
#include "parse/condition_value_check.h"
#include "parse/resource_syntax.h"

namespace iameval {
namespace {

using internal::JoinPointer;
using internal::JsonMember;
using internal::JsonType;
using internal::JsonValue;

bool IsResourceTypeKind(PolicyKind kind) {
  return kind == PolicyKind::kResource || kind == PolicyKind::kTrust ||
         kind == PolicyKind::kRcp || kind == PolicyKind::kVpcEndpoint;
}

class PolicyBuilder {
 public:
  PolicyBuilder(PolicyKind kind, const ParseOptions& options) : kind_(kind), options_(options) {}

  std::vector<Diagnostic> TakeDiagnostics() { return std::move(diagnostics_); }

  std::shared_ptr<Policy> Build(const JsonValue& root) {
    auto policy = std::make_shared<Policy>();
    policy->kind = kind_;
    if (!root.is_object()) {
      Error("invalid_type", "policy document must be a JSON object, found " +
                                std::string(internal::JsonTypeName(root.type)),
            "", root);
      return nullptr;
    }
    const JsonValue* statement = nullptr;
    std::string statement_path;
    for (const JsonMember& m : root.members) {
      std::string path = JoinPointer("", m.key);
      if (m.key == "Version") {
        ParseVersion(m.value, path, *policy);
      } else if (m.key == "Id") {
        if (ExpectString(m.value, path, "Id")) {
          policy->id = Located(m.value, path);
          if (kind_ == PolicyKind::kIdentity || kind_ == PolicyKind::kPermissionBoundary ||
              kind_ == PolicyKind::kSession) {
            Warning("id_not_supported", "`Id` is not supported in " +
                                            std::string(PolicyKindName(kind_)) + " policies",
                    path, m.value);
          }
        }
      } else if (m.key == "Statement") {
        statement = &m.value;
        statement_path = path;
      } else {
        UnknownElement(m, "", "policy");
      }
    }
    if (statement == nullptr) {
      Error("missing_element", "policy has no `Statement`", "", root);
    } else if (statement->is_object()) {
      policy->statement_is_object = true;
      ParseStatement(*statement, statement_path, 0, *policy);
    } else if (statement->is_array()) {
      if (statement->elements.size() > options_.limits.max_statements) {
        Error("too_many_statements",
              "policy has " + std::to_string(statement->elements.size()) +
                  " statements, over the limit of " +
                  std::to_string(options_.limits.max_statements),
              statement_path, *statement);
      } else {
        for (size_t i = 0; i < statement->elements.size(); ++i) {
          ParseStatement(statement->elements[i], JoinPointer(statement_path, i), i, *policy);
        }
      }
    } else {
      Error("invalid_type", "`Statement` must be an object or an array of objects", statement_path,
            *statement);
    }
    return HasErrors(diagnostics_) ? nullptr : policy;
  }

 private:
  // ----- diagnostics -----------------------------------------------------------------------
  void Add(Severity severity, std::string kind, std::string message, std::string path,
           const JsonValue& at) {
    Diagnostic d;
    d.severity = severity;
    d.kind = std::move(kind);
    d.message = std::move(message);
    d.location = SourceLocation{std::move(path), at.location.line, at.location.column};
    diagnostics_.push_back(std::move(d));
  }
  void Error(std::string kind, std::string message, std::string path, const JsonValue& at) {
    Add(Severity::kError, std::move(kind), std::move(message), std::move(path), at);
  }
  void Warning(std::string kind, std::string message, std::string path, const JsonValue& at) {
    Add(Severity::kWarning, std::move(kind), std::move(message), std::move(path), at);
  }
  // A rule of the policy kind (§2.3): an error when strict, a warning when lenient.
  void KindRule(std::string kind, std::string message, std::string path, const JsonValue& at) {
    Add(options_.strict ? Severity::kError : Severity::kWarning, std::move(kind),
        std::move(message), std::move(path), at);
  }
  // A value AWS rejects at write time but whose meaning at evaluation is still well defined
  // (a malformed action or ARN matches nothing): an error when strict, a warning when lenient.
  void ValueRule(std::string kind, std::string message, SourceLocation where) {
    Diagnostic d;
    d.severity = options_.strict ? Severity::kError : Severity::kWarning;
    d.kind = std::move(kind);
    d.message = std::move(message);
    d.location = std::move(where);
    diagnostics_.push_back(std::move(d));
  }
  void UnknownElement(const JsonMember& m, const std::string& base, const char* where) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.kind = "unknown_element";
    d.message = "unknown element `" + m.key + "` in " + where;
    d.location = SourceLocation{JoinPointer(base, m.key), m.key_location.line,
                                m.key_location.column};
    diagnostics_.push_back(std::move(d));
  }

  LocatedString Located(const JsonValue& v, const std::string& path) {
    return LocatedString{v.text, SourceLocation{path, v.location.line, v.location.column}};
  }

  bool ExpectString(const JsonValue& v, const std::string& path, const char* element) {
    if (v.is_string()) return true;
    Error("invalid_type", "`" + std::string(element) + "` must be a string, found " +
                              internal::JsonTypeName(v.type),
          path, v);
    return false;
  }

  // A string or a non-empty array of strings.
  bool ParseStringList(const JsonValue& v, const std::string& path, const char* element,
                       std::vector<LocatedString>& out) {
    if (v.is_string()) {
      out.push_back(Located(v, path));
      return true;
    }
    if (!v.is_array()) {
      Error("invalid_type", "`" + std::string(element) +
                                "` must be a string or an array of strings, found " +
                                internal::JsonTypeName(v.type),
            path, v);
      return false;
    }
    if (v.elements.empty()) {
      Error("empty_value", "`" + std::string(element) + "` must not be an empty array", path, v);
      return false;
    }
    if (v.elements.size() > options_.limits.max_values_per_element) {
      Error("too_many_values", "`" + std::string(element) + "` has more than " +
                                   std::to_string(options_.limits.max_values_per_element) +
                                   " values",
            path, v);
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v.elements.size(); ++i) {
      std::string item_path = JoinPointer(path, i);
      if (ExpectString(v.elements[i], item_path, element)) {
        out.push_back(Located(v.elements[i], item_path));
      } else {
        ok = false;
      }
    }
    return ok;
  }

  // ----- elements --------------------------------------------------------------------------
  void ParseVersion(const JsonValue& v, const std::string& path, Policy& policy) {
    if (!ExpectString(v, path, "Version")) return;
    if (v.text == "2012-10-17") {
      policy.version = PolicyVersion::k2012_10_17;
    } else if (v.text == "2008-10-17") {
      policy.version = PolicyVersion::k2008_10_17;
    } else {
      Error("invalid_value",
            "`Version` must be `2012-10-17` or `2008-10-17`, found `" + v.text + "`", path, v);
    }
  }

  // Records member `m`, one of the pair `X` / `NotX` (`positive` names X), unless the
  // statement already has one of them: a statement may carry X or NotX, never both.
  void TakeExclusiveElement(const JsonMember& m, std::string mpath, std::string_view positive,
                            const JsonValue*& slot, std::string& slot_path, bool& negated) {
    if (slot != nullptr) {
      Error("conflicting_elements",
            "a statement has both `" + std::string(positive) + "` and `Not" +
                std::string(positive) + "`",
            std::move(mpath), m.value);
      return;
    }
    slot = &m.value;
    slot_path = std::move(mpath);
    negated = m.key != positive;
  }

  void ParseStatement(const JsonValue& v, const std::string& path, size_t index, Policy& policy) {
    if (!v.is_object()) {
      Error("invalid_type", "a statement must be an object, found " +
                                std::string(internal::JsonTypeName(v.type)),
            path, v);
      return;
    }
    Statement st;
    st.index = index;
    st.location = SourceLocation{path, v.location.line, v.location.column};
    const JsonValue* effect = nullptr;
    const JsonValue* action = nullptr;
    const JsonValue* resource = nullptr;
    const JsonValue* principal = nullptr;
    std::string action_path, resource_path, principal_path;
    for (const JsonMember& m : v.members) {
      std::string mpath = JoinPointer(path, m.key);
      if (m.key == "Sid") {
        if (ExpectString(m.value, mpath, "Sid")) st.sid = Located(m.value, mpath);
      } else if (m.key == "Effect") {
        effect = &m.value;
        if (ExpectString(m.value, mpath, "Effect")) {
          if (m.value.text == "Allow") {
            st.effect = Effect::kAllow;
          } else if (m.value.text == "Deny") {
            st.effect = Effect::kDeny;
          } else {
            Error("invalid_value",
                  "`Effect` must be `Allow` or `Deny` (case-sensitive), found `" + m.value.text +
                      "`",
                  mpath, m.value);
          }
        }
      } else if (m.key == "Action" || m.key == "NotAction") {
        TakeExclusiveElement(m, mpath, "Action", action, action_path, st.not_action);
      } else if (m.key == "Resource" || m.key == "NotResource") {
        TakeExclusiveElement(m, mpath, "Resource", resource, resource_path, st.not_resource);
      } else if (m.key == "Principal" || m.key == "NotPrincipal") {
        TakeExclusiveElement(m, mpath, "Principal", principal, principal_path, st.not_principal);
      } else if (m.key == "Condition") {
        ParseConditionBlock(m.value, mpath, st);
      } else {
        UnknownElement(m, path, "a statement");
      }
    }
    if (effect == nullptr) Error("missing_element", "statement has no `Effect`", path, v);
    if (action == nullptr) {
      Error("missing_element", "statement has no `Action` or `NotAction`", path, v);
    } else {
      ParseActions(*action, action_path, st);
    }
    if (resource == nullptr) {
      if (kind_ == PolicyKind::kRcp) {
        // Without Resource an RCP statement covers every resource the policy governs.
        KindRule("missing_element", "RCP statement has no `Resource` or `NotResource`", path, v);
      } else if (!IsResourceTypeKind(kind_)) {
        Error("missing_element", "statement has no `Resource` or `NotResource`", path, v);
      }
    } else {
      st.has_resource = true;
      ParseResources(*resource, resource_path, st);
    }
    if (principal != nullptr) {
      st.has_principal = true;
      ParsePrincipal(*principal, principal_path, st);
    }
    CheckKindRules(v, path, st);
    policy.statements.push_back(std::move(st));
  }

  void ParseActions(const JsonValue& v, const std::string& path, Statement& st) {
    const char* element = st.not_action ? "NotAction" : "Action";
    if (!ParseStringList(v, path, element, st.actions)) return;
    for (const LocatedString& a : st.actions) {
      if (a.value == "*") continue;
      size_t colon = a.value.find(':');
      bool malformed = colon == std::string::npos || colon == 0 || colon + 1 == a.value.size() ||
                       a.value.find_first_of(" \t\r\n,") != std::string::npos ||
                       a.value.find(':', colon + 1) != std::string::npos;
      if (malformed) {
        ValueRule("invalid_action",
                  "`" + a.value + "` is not an action of the form `service:Action`", a.location);
      }
    }
  }

  void ParseResources(const JsonValue& v, const std::string& path, Statement& st) {
    const char* element = st.not_resource ? "NotResource" : "Resource";
    if (!ParseStringList(v, path, element, st.resources)) return;
    for (const LocatedString& r : st.resources) {
      std::string problem = internal::CheckResourceSyntax(r.value);
      if (!problem.empty()) ValueRule("invalid_resource", "`" + r.value + "` " + problem, r.location);
    }
  }

  void ParsePrincipal(const JsonValue& v, const std::string& path, Statement& st) {
    const char* element = st.not_principal ? "NotPrincipal" : "Principal";
    if (v.is_string()) {
      if (v.text != "*") {
        Error("invalid_principal",
              "a string `" + std::string(element) +
                  "` must be `*`; name principals as {\"AWS\": ...}, {\"Service\": ...} ...",
              path, v);
        return;
      }
      st.principals.push_back(PrincipalEntry{PrincipalType::kAny, Located(v, path)});
      return;
    }
    if (!v.is_object()) {
      Error("invalid_type", "`" + std::string(element) + "` must be `*` or an object, found " +
                                internal::JsonTypeName(v.type),
            path, v);
      return;
    }
    if (v.members.empty()) {
      Error("empty_value", "`" + std::string(element) + "` must name at least one principal", path,
            v);
    }
    for (const JsonMember& m : v.members) {
      PrincipalType type;
      if (m.key == "AWS") {
        type = PrincipalType::kAws;
      } else if (m.key == "Service") {
        type = PrincipalType::kService;
      } else if (m.key == "Federated") {
        type = PrincipalType::kFederated;
      } else if (m.key == "CanonicalUser") {
        type = PrincipalType::kCanonicalUser;
      } else {
        UnknownElement(m, path, element);
        continue;
      }
      std::string mpath = JoinPointer(path, m.key);
      std::vector<LocatedString> values;
      if (!ParseStringList(m.value, mpath, m.key.c_str(), values)) continue;
      for (LocatedString& value : values) {
        // Only the whole value `*` is a wildcard; `*` or `?` inside a principal never matches
        // (spec §2.2), so a policy relying on it is broken: reject it.
        if (value.value != "*" && type != PrincipalType::kService &&
            value.value.find_first_of("*?") != std::string::npos) {
          Diagnostic d;
          d.severity = Severity::kError;
          d.kind = "invalid_principal";
          d.message = "wildcards are not supported inside a principal: `" + value.value + "`";
          d.location = value.location;
          diagnostics_.push_back(std::move(d));
          continue;
        }
        st.principals.push_back(PrincipalEntry{type, std::move(value)});
      }
    }
  }

  void ParseConditionBlock(const JsonValue& v, const std::string& path, Statement& st) {
    if (!v.is_object()) {
      Error("invalid_type", "`Condition` must be an object, found " +
                                std::string(internal::JsonTypeName(v.type)),
            path, v);
      return;
    }
    for (const JsonMember& op_member : v.members) {
      std::string op_path = JoinPointer(path, op_member.key);
      SourceLocation op_location{op_path, op_member.key_location.line,
                                 op_member.key_location.column};
      ParsedOperator op = ParseConditionOperator(op_member.key);
      if (op.op == ConditionOperator::kUnknown) {
        // Published AWS samples spell operators in other cases (`ForAnyValue:Stringlike`).
        // Reading them as the operator they name is the safe reading; say so.
        op = ParseConditionOperatorIgnoringCase(op_member.key);
        if (op.op != ConditionOperator::kUnknown) {
          Diagnostic d;
          d.severity = Severity::kWarning;
          d.kind = "operator_case";
          d.message = "condition operator `" + op_member.key + "` is not in its canonical case";
          d.location = op_location;
          diagnostics_.push_back(std::move(d));
        } else {
          ValueRule("unknown_operator", "unknown condition operator `" + op_member.key + "`",
                    op_location);
        }
      }
      const JsonValue& keys = op_member.value;
      if (!keys.is_object()) {
        Error("invalid_type", "condition operator `" + op_member.key +
                                  "` must map to an object of keys, found " +
                                  internal::JsonTypeName(keys.type),
              op_path, keys);
        continue;
      }
      if (keys.members.empty()) {
        Error("empty_value", "condition operator `" + op_member.key + "` has no keys", op_path,
              keys);
      }
      for (const JsonMember& key_member : keys.members) {
        std::string key_path = JoinPointer(op_path, key_member.key);
        Condition c;
        c.operator_text = op_member.key;
        c.op = op;
        c.key = LocatedString{key_member.key, SourceLocation{key_path, key_member.key_location.line,
                                                             key_member.key_location.column}};
        c.location = c.key.location;
        if (key_member.key.empty()) {
          Error("invalid_value", "condition key must not be empty", key_path, key_member.value);
        }
        if (ParseConditionValues(key_member.value, key_path, c)) {
          for (const LocatedString& value : c.values) {
            std::string problem = internal::CheckConditionValue(op.op, value.value);
            // A value that does not parse matches nothing at evaluation (lenient mode).
            if (!problem.empty()) ValueRule("invalid_condition_value", problem, value.location);
          }
          st.conditions.push_back(std::move(c));
        }
      }
    }
  }

  bool ParseConditionValues(const JsonValue& v, const std::string& path, Condition& c) {
    auto scalar = [&](const JsonValue& item, const std::string& item_path) {
      switch (item.type) {
        case JsonType::kString:
        case JsonType::kNumber:
          c.values.push_back(Located(item, item_path));
          return true;
        case JsonType::kBool:
          c.values.push_back(LocatedString{
              item.bool_value ? "true" : "false",
              SourceLocation{item_path, item.location.line, item.location.column}});
          return true;
        default:
          Error("invalid_type", "condition values must be strings, numbers or booleans, found " +
                                    std::string(internal::JsonTypeName(item.type)),
                item_path, item);
          return false;
      }
    };
    if (!v.is_array()) return scalar(v, path);
    if (v.elements.empty()) {
      // An empty list: positive operators can never match, negated ones always do (spec §4.1
      // marks the runtime meaning unverified; AWS rejects it when the policy is stored).
      ValueRule("empty_value", "condition key `" + c.key.value + "` has an empty list of values",
                SourceLocation{path, v.location.line, v.location.column});
      return true;
    }
    if (v.elements.size() > options_.limits.max_values_per_element) {
      Error("too_many_values", "condition key `" + c.key.value + "` has more than " +
                                   std::to_string(options_.limits.max_values_per_element) +
                                   " values",
            path, v);
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v.elements.size(); ++i) {
      ok = scalar(v.elements[i], JoinPointer(path, i)) && ok;
    }
    return ok;
  }

  // §2.3: which elements each policy kind may use.
  void CheckKindRules(const JsonValue& v, const std::string& path, const Statement& st) {
    const std::string kind_name = PolicyKindName(kind_);
    const char* principal_element = st.not_principal ? "NotPrincipal" : "Principal";
    if (!IsResourceTypeKind(kind_)) {
      if (st.has_principal) {
        KindRule("principal_not_allowed",
                 "`" + std::string(principal_element) + "` is not allowed in " + kind_name +
                     " policies",
                 path, v);
      }
      return;
    }
    if (!st.has_principal) {
      KindRule("missing_principal",
               kind_name + " policy statements must have a `Principal` or `NotPrincipal`", path, v);
      return;
    }
    if (st.not_principal && (kind_ == PolicyKind::kTrust || kind_ == PolicyKind::kRcp)) {
      KindRule("not_principal_not_allowed",
               "`NotPrincipal` is not allowed in " + kind_name + " policies", path, v);
    }
    if (kind_ == PolicyKind::kRcp) {
      bool star = st.principals.size() == 1 && st.principals[0].value.value == "*";
      if (!star) KindRule("invalid_principal", "RCP statements require `\"Principal\": \"*\"`",
                          path, v);
      if (st.effect == Effect::kAllow) {
        Warning("rcp_allow", "RCPs grant nothing: only Deny statements have an effect", path, v);
      }
    }
    if (st.not_principal && st.effect == Effect::kAllow) {
      Warning("not_principal_with_allow",
              "`NotPrincipal` with `Allow` grants to everyone not listed, including anonymous "
              "callers; AWS requires it to be used with `Deny`",
              path, v);
    }
  }

  PolicyKind kind_;
  const ParseOptions& options_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

ParseResult ParsePolicy(std::string_view json_text, PolicyKind kind, const ParseOptions& options) {
  ParseResult result;
  internal::JsonLimits limits;
  limits.max_bytes = options.limits.max_document_bytes;
  limits.max_depth = options.limits.max_depth;
  limits.max_string_bytes = options.limits.max_string_bytes;
  limits.max_elements = std::max(options.limits.max_statements,
                                 options.limits.max_values_per_element) + 1;
  internal::JsonParseResult json = internal::ParseJson(json_text, limits);
  if (!json.ok) {
    Diagnostic d;
    d.kind = json.error.kind;
    d.message = json.error.message;
    d.location = SourceLocation{json.error.path, json.error.location.line,
                                json.error.location.column};
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  PolicyBuilder builder(kind, options);
  std::shared_ptr<Policy> policy = builder.Build(json.value);
  result.diagnostics = builder.TakeDiagnostics();
  result.policy = std::move(policy);
  return result;
}

}  // namespace iameval
