// Reads `aws iam get-account-authorization-details` output (account.h). The file is parsed
// once; each policy document is parsed from its own span of the file so diagnostics point
// into the input, and each managed policy is parsed once however many principals attach it.
#include <unordered_map>
#include <utility>

#include "account/url_decode.h"
#include "iameval/account.h"
#include "iameval/managed_policies.h"
#include "json/json_parser.h"
#include "json/json_pointer.h"

namespace iameval {
namespace {

using internal::JoinPointer;
using internal::JsonMember;
using internal::JsonType;
using internal::JsonValue;

std::string StringField(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

class Loader {
 public:
  Loader(std::string_view text, const AccountLoadOptions& options)
      : text_(text), options_(options) {}

  absl::StatusOr<AccountAuthorization> Run() {
    internal::JsonLimits limits;
    limits.max_bytes = size_t{1} << 31;
    limits.max_depth = 96;
    limits.max_elements = size_t{1} << 24;
    internal::JsonParseResult json = internal::ParseJson(text_, limits);
    if (!json.ok) {
      return absl::InvalidArgumentError(
          std::to_string(json.error.location.line) + ":" +
          std::to_string(json.error.location.column) + ": " + json.error.message);
    }
    const JsonValue& root = json.value;
    if (!root.is_object() ||
        (root.Find("UserDetailList") == nullptr && root.Find("RoleDetailList") == nullptr)) {
      return absl::InvalidArgumentError(
          "not an authorization-details document: expected an object with `UserDetailList` "
          "and `RoleDetailList` (the output of `aws iam get-account-authorization-details`)");
    }
    IndexManagedPolicies(root);
    IndexGroups(root);
    if (const JsonValue* users = root.Find("UserDetailList"); users && users->is_array()) {
      for (size_t i = 0; i < users->elements.size(); ++i) {
        ReadUser(users->elements[i], JoinPointer("/UserDetailList", i));
      }
    }
    if (const JsonValue* roles = root.Find("RoleDetailList"); roles && roles->is_array()) {
      for (size_t i = 0; i < roles->elements.size(); ++i) {
        ReadRole(roles->elements[i], JoinPointer("/RoleDetailList", i));
      }
    }
    out_.group_count = groups_.size();
    out_.managed_policy_count = managed_.size();
    return std::move(out_);
  }

 private:
  struct ManagedEntry {
    const JsonValue* document = nullptr;  // default version's document in the file
    std::string path;                     // JSON Pointer of that document
    std::string name;
    bool parsed = false;
    std::optional<NamedPolicy> policy;
    PolicyOrigin origin;
  };

  void Diagnose(Severity severity, std::string kind, std::string message, const std::string& path,
                const JsonValue* at) {
    Diagnostic d;
    d.severity = severity;
    d.kind = std::move(kind);
    d.message = std::move(message);
    d.location.path = path;
    if (at != nullptr) {
      d.location.line = at->location.line;
      d.location.column = at->location.column;
    }
    out_.diagnostics.push_back(std::move(d));
  }

  void NoteAccount(std::string_view arn) {
    if (!out_.account_id.empty()) return;
    // arn:aws:iam::123456789012:...
    size_t start = 0;
    for (int colons = 0; colons < 4 && start != std::string_view::npos; ++colons) {
      start = arn.find(':', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return;
    size_t end = arn.find(':', start);
    if (end != std::string_view::npos) out_.account_id = std::string(arn.substr(start, end - start));
  }

  // Parses a policy document (an object in the file, or a string holding URL-encoded or plain
  // JSON). Diagnostics are moved into the file's coordinates.
  std::optional<NamedPolicy> ParseDocument(const JsonValue& doc, const std::string& path,
                                           PolicyKind kind, const std::string& name) {
    std::string decoded;
    std::string_view policy_text;
    bool in_file = doc.is_object();
    if (in_file) {
      policy_text = text_.substr(doc.location.offset, doc.end_offset - doc.location.offset);
    } else if (doc.is_string()) {
      std::optional<std::string> d = doc.text.find('%') != std::string::npos
                                         ? internal::UrlDecode(doc.text)
                                         : std::optional<std::string>(doc.text);
      if (!d) {
        Diagnose(Severity::kError, "invalid_document", "policy `" + name + "` is not valid URL-encoded JSON", path, &doc);
        return std::nullopt;
      }
      decoded = std::move(*d);
      policy_text = decoded;
    } else {
      Diagnose(Severity::kError, "invalid_document", "policy `" + name + "` has no document", path, &doc);
      return std::nullopt;
    }
    // The same document text (a managed policy's default version, an inline policy repeated
    // across principals) is parsed once: its principals then share one Policy, which also
    // lets the audit recognise them as equal. Diagnostics are reported per occurrence.
    std::string key(1, static_cast<char>('0' + static_cast<int>(kind)));
    key.append(policy_text);
    auto cached = parsed_.find(key);
    if (cached == parsed_.end()) {
      cached = parsed_.emplace(std::move(key), ParsePolicy(policy_text, kind, options_.parse)).first;
    }
    const ParseResult& parsed = cached->second;
    for (Diagnostic d : parsed.diagnostics) {
      d.message = "policy `" + name + "`: " + d.message;
      if (in_file) {
        d.location.column = d.location.line == 1 ? doc.location.column + d.location.column - 1
                                                 : d.location.column;
        d.location.line = doc.location.line + d.location.line - 1;
      } else {
        d.location.line = doc.location.line;
        d.location.column = doc.location.column;
      }
      d.location.path = path + d.location.path;
      out_.diagnostics.push_back(std::move(d));
    }
    if (!parsed.ok()) return std::nullopt;
    return NamedPolicy{name, parsed.policy};
  }

  PolicyOrigin Origin(const JsonValue& doc, const std::string& path) {
    PolicyOrigin o;
    o.location = SourceLocation{path, doc.location.line, doc.location.column};
    return o;
  }

  void IndexManagedPolicies(const JsonValue& root) {
    const JsonValue* policies = root.Find("Policies");
    if (policies == nullptr || !policies->is_array()) return;
    for (size_t i = 0; i < policies->elements.size(); ++i) {
      const JsonValue& p = policies->elements[i];
      std::string arn = StringField(p, "Arn");
      if (arn.empty()) continue;
      ManagedEntry entry;
      entry.name = StringField(p, "PolicyName");
      std::string default_version = StringField(p, "DefaultVersionId");
      if (const JsonValue* versions = p.Find("PolicyVersionList"); versions && versions->is_array()) {
        for (size_t v = 0; v < versions->elements.size(); ++v) {
          const JsonValue& version = versions->elements[v];
          const JsonValue* is_default = version.Find("IsDefaultVersion");
          bool chosen = (is_default && is_default->type == JsonType::kBool && is_default->bool_value) ||
                        (!default_version.empty() && StringField(version, "VersionId") == default_version);
          if (chosen && version.Find("Document") != nullptr) {
            entry.document = version.Find("Document");
            entry.path = JoinPointer(JoinPointer(JoinPointer(JoinPointer("/Policies", i),
                                                             "PolicyVersionList"), v), "Document");
            break;
          }
        }
      }
      entry.origin.name = entry.name;
      entry.origin.arn = arn;
      entry.origin.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
      managed_.emplace(arn, std::move(entry));
    }
  }

  // The managed policy `arn`, parsed on first use.
  ManagedEntry* Managed(const std::string& arn, const std::string& name, const std::string& path,
                        const JsonValue& at) {
    auto it = managed_.find(arn);
    if (it == managed_.end()) {
      ManagedEntry entry;
      entry.name = name;
      entry.origin.name = name;
      entry.origin.arn = arn;
      entry.origin.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
      it = managed_.emplace(arn, std::move(entry)).first;
    }
    ManagedEntry& e = it->second;
    if (!e.parsed) {
      e.parsed = true;
      if (e.document != nullptr) {
        e.policy = ParseDocument(*e.document, e.path, PolicyKind::kIdentity, e.name);
        e.origin.location = SourceLocation{e.path, e.document->location.line, e.document->location.column};
      } else if (const ManagedPolicy* embedded = options_.use_embedded_managed_policies
                                                      ? ManagedPolicies::Default().Find(arn)
                                                      : nullptr) {
        ParseResult parsed = ParsePolicy(embedded->document_json, PolicyKind::kIdentity, options_.parse);
        if (parsed.ok()) e.policy = NamedPolicy{e.name, parsed.policy};
      }
      if (!e.policy) {
        Diagnose(Severity::kWarning, "unknown_managed_policy",
                 "managed policy `" + arn + "` is attached but its document is not in the file",
                 path, &at);
      }
    }
    return e.policy ? &e : nullptr;
  }

  struct Group {
    std::vector<NamedPolicy> policies;
    std::vector<PolicyOrigin> origins;
  };

  void AddInlinePolicies(const JsonValue& entity, const char* list_key, const std::string& base,
                         std::vector<NamedPolicy>& policies, std::vector<PolicyOrigin>& origins,
                         const std::string& via_group) {
    const JsonValue* list = entity.Find(list_key);
    if (list == nullptr || !list->is_array()) return;
    for (size_t i = 0; i < list->elements.size(); ++i) {
      const JsonValue& item = list->elements[i];
      std::string name = StringField(item, "PolicyName");
      const JsonValue* doc = item.Find("PolicyDocument");
      std::string path = JoinPointer(JoinPointer(JoinPointer(base, list_key), i), "PolicyDocument");
      if (doc == nullptr) continue;
      std::optional<NamedPolicy> p = ParseDocument(*doc, path, PolicyKind::kIdentity, name);
      if (!p) continue;
      PolicyOrigin origin = Origin(*doc, path);
      origin.name = name;
      origin.inline_policy = true;
      origin.via_group = via_group;
      policies.push_back(std::move(*p));
      origins.push_back(std::move(origin));
    }
  }

  void AddAttachedPolicies(const JsonValue& entity, const std::string& base,
                           std::vector<NamedPolicy>& policies, std::vector<PolicyOrigin>& origins,
                           const std::string& via_group) {
    const JsonValue* list = entity.Find("AttachedManagedPolicies");
    if (list == nullptr || !list->is_array()) return;
    for (size_t i = 0; i < list->elements.size(); ++i) {
      const JsonValue& item = list->elements[i];
      std::string path = JoinPointer(JoinPointer(base, "AttachedManagedPolicies"), i);
      if (ManagedEntry* e = Managed(StringField(item, "PolicyArn"), StringField(item, "PolicyName"),
                                    path, item)) {
        policies.push_back(*e->policy);
        PolicyOrigin origin = e->origin;
        origin.via_group = via_group;
        origins.push_back(std::move(origin));
      }
    }
  }

  void IndexGroups(const JsonValue& root) {
    const JsonValue* groups = root.Find("GroupDetailList");
    if (groups == nullptr || !groups->is_array()) return;
    for (size_t i = 0; i < groups->elements.size(); ++i) {
      const JsonValue& g = groups->elements[i];
      std::string name = StringField(g, "GroupName");
      std::string base = JoinPointer("/GroupDetailList", i);
      Group group;
      AddInlinePolicies(g, "GroupPolicyList", base, group.policies, group.origins, name);
      AddAttachedPolicies(g, base, group.policies, group.origins, name);
      groups_.emplace(name, std::move(group));
    }
  }

  void ReadBoundary(const JsonValue& entity, const std::string& base, AccountPrincipal& p) {
    const JsonValue* boundary = entity.Find("PermissionsBoundary");
    if (boundary == nullptr || !boundary->is_object()) return;
    std::string arn = StringField(*boundary, "PermissionsBoundaryArn");
    std::string name = arn.substr(arn.rfind('/') + 1);
    if (ManagedEntry* e = Managed(arn, name, JoinPointer(base, "PermissionsBoundary"), *boundary)) {
      // Boundaries are parsed as identity policies (same grammar); keep the same document.
      p.policies.permission_boundary = *e->policy;
      p.boundary_origin = e->origin;
    } else {
      // A boundary we cannot read must not widen access: an empty boundary allows nothing.
      Diagnose(Severity::kError, "unreadable_boundary",
               "the permission boundary `" + arn + "` of `" + p.name +
                   "` cannot be read; the principal is treated as allowed nothing",
               JoinPointer(base, "PermissionsBoundary"), boundary);
      ParseResult nothing = ParsePolicy(R"({"Version":"2012-10-17","Statement":[]})",
                                        PolicyKind::kPermissionBoundary);
      p.policies.permission_boundary = NamedPolicy{name, nothing.policy};
    }
  }

  void ReadUser(const JsonValue& u, const std::string& base) {
    AccountPrincipal p;
    p.type = EntityType::kUser;
    p.name = StringField(u, "UserName");
    p.arn = StringField(u, "Arn");
    p.path = StringField(u, "Path");
    p.id = StringField(u, "UserId");
    p.location = SourceLocation{base, u.location.line, u.location.column};
    NoteAccount(p.arn);
    AddInlinePolicies(u, "UserPolicyList", base, p.policies.identity, p.identity_origins, "");
    AddAttachedPolicies(u, base, p.policies.identity, p.identity_origins, "");
    if (const JsonValue* groups = u.Find("GroupList"); groups && groups->is_array()) {
      for (const JsonValue& g : groups->elements) {
        if (!g.is_string()) continue;
        p.groups.push_back(g.text);
        auto it = groups_.find(g.text);
        if (it == groups_.end()) {
          Diagnose(Severity::kWarning, "unknown_group",
                   "user `" + p.name + "` is in group `" + g.text + "`, which the file does not list",
                   JoinPointer(base, "GroupList"), &g);
          continue;
        }
        for (size_t i = 0; i < it->second.policies.size(); ++i) {
          p.policies.identity.push_back(it->second.policies[i]);
          p.identity_origins.push_back(it->second.origins[i]);
        }
      }
    }
    ReadBoundary(u, base, p);
    out_.principals.push_back(std::move(p));
  }

  void ReadRole(const JsonValue& r, const std::string& base) {
    AccountPrincipal p;
    p.type = EntityType::kRole;
    p.name = StringField(r, "RoleName");
    p.arn = StringField(r, "Arn");
    p.path = StringField(r, "Path");
    p.id = StringField(r, "RoleId");
    p.location = SourceLocation{base, r.location.line, r.location.column};
    NoteAccount(p.arn);
    AddInlinePolicies(r, "RolePolicyList", base, p.policies.identity, p.identity_origins, "");
    AddAttachedPolicies(r, base, p.policies.identity, p.identity_origins, "");
    if (const JsonValue* trust = r.Find("AssumeRolePolicyDocument")) {
      std::string path = JoinPointer(base, "AssumeRolePolicyDocument");
      p.trust_policy = ParseDocument(*trust, path, PolicyKind::kTrust, p.name + " trust policy");
      if (p.trust_policy) {
        PolicyOrigin origin = Origin(*trust, path);
        origin.name = "trust policy";
        origin.inline_policy = true;
        p.trust_origin = std::move(origin);
      }
    }
    ReadBoundary(r, base, p);
    out_.principals.push_back(std::move(p));
  }

  std::string_view text_;
  const AccountLoadOptions& options_;
  AccountAuthorization out_;
  std::unordered_map<std::string, ParseResult> parsed_;  // by kind and document text
  std::unordered_map<std::string, ManagedEntry> managed_;
  std::unordered_map<std::string, Group> groups_;
};

}  // namespace

const char* EntityTypeName(EntityType type) {
  return type == EntityType::kUser ? "user" : "role";
}

absl::StatusOr<AccountAuthorization> LoadAuthorizationDetails(std::string_view json_text,
                                                              const AccountLoadOptions& options) {
  return Loader(json_text, options).Run();
}

}  // namespace iameval
