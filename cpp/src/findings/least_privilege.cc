// SuggestLeastPrivilege: rewrites each Allow statement into explicit actions grouped by the
// resources they need. Without usage data nothing is dropped: wildcards become the actions
// they stand for and `*` resources become ARN templates from the catalog. With usage data the
// actions never used are dropped and the used resources replace the templates.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "findings/policy_facts.h"
#include "findings/resource_coverage.h"
#include "iameval/findings.h"
#include "match/arn.h"
#include "match/policy_variables.h"
#include "nlohmann/json.hpp"

namespace iameval {
namespace {

using Json = nlohmann::ordered_json;

// The size limit of a customer managed policy, without whitespace.
constexpr size_t kManagedPolicyLimit = 6144;

// An ARN template for one resource type: the partition, region and account from the options
// (an unknown region becomes `*`, an unknown account stays `${Account}` for the author), the
// trailing placeholder becomes `*`, the others stay as placeholders to fill in.
std::string ArnTemplate(std::string format, const LeastPrivilegeOptions& options) {
  auto replace = [&format](const std::string& from, const std::string& to) {
    for (size_t pos = format.find(from); pos != std::string::npos; pos = format.find(from, pos)) {
      format.replace(pos, from.size(), to);
      pos += to.size();
    }
  };
  replace("${Partition}", options.partition.empty() ? "aws" : options.partition);
  replace("${Region}", options.region.empty() ? "*" : options.region);
  if (!options.account_id.empty()) replace("${Account}", options.account_id);
  if (!format.empty() && format.back() == '}') {
    const size_t open = format.rfind("${");
    const bool account = format.compare(open, std::string::npos, "${Account}") == 0;
    if (open != std::string::npos && !account) format.replace(open, std::string::npos, "*");
  }
  return format;
}

// The templates for an action: its required resource types, or all of them when none is
// required (any of them may be named).
std::vector<std::string> ActionTemplates(ActionId id, const LeastPrivilegeOptions& options,
                                         const Catalog& catalog) {
  const ActionInfo& action = catalog.Action(id);
  bool any_required = false;
  for (const ResourceTypeRef& r : action.resource_types) any_required = any_required || r.required;
  std::set<std::string> out;
  for (const ResourceTypeRef& r : action.resource_types) {
    if (any_required && !r.required) continue;
    if (const ResourceTypeInfo* t = catalog.FindResourceType(action.service, r.name)) {
      out.insert(ArnTemplate(t->arn_format, options));
    }
  }
  return {out.begin(), out.end()};
}

// Whether the statement's Resource patterns allow `resource` (unknown policy variables are
// taken to allow it: usage says it was allowed).
bool StatementAllows(const Statement& st, const std::string& resource) {
  if (!st.has_resource) return true;
  const internal::ResourceValue value = internal::ResourceValue::Parse(resource);
  bool listed = false;
  for (const LocatedString& r : st.resources) {
    const internal::ResourcePattern p = internal::ResourcePattern::Compile(
        r.value, true, internal::ArnVariableScope::kAllFields);
    if (p.Match(value, internal::EmptyVariableResolver()) != internal::MatchResult::kNoMatch) {
      listed = true;
      break;
    }
  }
  return listed != st.not_resource;
}

Json StringOrList(const std::vector<std::string>& values) {
  if (values.size() == 1) return values.front();
  Json list = Json::array();
  for (const std::string& v : values) list.push_back(v);
  return list;
}

Json ConditionJson(const Statement& st) {
  Json block = Json::object();
  for (const Condition& c : st.conditions) {
    std::vector<std::string> values;
    for (const LocatedString& v : c.values) values.push_back(v.value);
    block[c.operator_text][c.key.value] = StringOrList(values);
  }
  return block;
}

Json PrincipalJson(const Statement& st) {
  Json principal = Json::object();
  for (const PrincipalEntry& p : st.principals) {
    const char* key = "AWS";
    switch (p.type) {
      case PrincipalType::kAny: return "*";
      case PrincipalType::kAws: key = "AWS"; break;
      case PrincipalType::kService: key = "Service"; break;
      case PrincipalType::kFederated: key = "Federated"; break;
      case PrincipalType::kCanonicalUser: key = "CanonicalUser"; break;
    }
    if (!principal.contains(key)) principal[key] = Json::array();
    principal[key].push_back(p.value.value);
  }
  return principal;
}

Json StatementJson(const Statement& st, const std::string& sid, const std::vector<std::string>& actions,
                   const std::vector<std::string>* resources) {
  Json out = Json::object();
  if (!sid.empty()) out["Sid"] = sid;
  out["Effect"] = st.effect == Effect::kAllow ? "Allow" : "Deny";
  if (st.has_principal) out[st.not_principal ? "NotPrincipal" : "Principal"] = PrincipalJson(st);
  out[resources != nullptr || !st.not_action ? "Action" : "NotAction"] = StringOrList(actions);
  if (resources != nullptr) {
    out["Resource"] = StringOrList(*resources);
  } else if (st.has_resource) {
    std::vector<std::string> r;
    for (const LocatedString& v : st.resources) r.push_back(v.value);
    out[st.not_resource ? "NotResource" : "Resource"] = StringOrList(r);
  }
  if (!st.conditions.empty()) out["Condition"] = ConditionJson(st);
  return out;
}

// Usage by catalog action: the resources used (empty when only the action is known).
struct Usage {
  ActionSet actions;
  absl::flat_hash_map<ActionId, std::vector<std::string>> resources;
};

Usage IndexUsage(const std::vector<UsedAccess>& used, const Catalog& catalog,
                 std::vector<std::string>& notes) {
  Usage usage;
  usage.actions = catalog.EmptySet();
  std::set<std::string> unknown;
  for (const UsedAccess& u : used) {
    const std::optional<ActionId> id = catalog.FindAction(u.action);
    if (!id) {
      unknown.insert(u.action);
      continue;
    }
    usage.actions.Insert(*id);
    std::vector<std::string>& list = usage.resources[*id];
    if (!u.resource.empty() && std::find(list.begin(), list.end(), u.resource) == list.end()) {
      list.push_back(u.resource);
    }
  }
  for (const std::string& u : unknown) {
    notes.push_back("used action `" + u + "` is not in the catalog and was ignored");
  }
  return usage;
}

}  // namespace

absl::StatusOr<LeastPrivilegeResult> SuggestLeastPrivilege(
    const Policy& policy, const std::optional<std::vector<UsedAccess>>& used,
    const LeastPrivilegeOptions& options, const Catalog& catalog) {
  if (policy.kind != PolicyKind::kIdentity && policy.kind != PolicyKind::kResource) {
    return absl::InvalidArgumentError(std::string("a ") + PolicyKindName(policy.kind) +
                                      " policy grants nothing to narrow; pass an identity or "
                                      "resource policy");
  }
  LeastPrivilegeResult result;
  result.kept = catalog.EmptySet();
  Usage usage;
  if (used) usage = IndexUsage(*used, catalog, result.notes);
  const internal::PolicyFacts facts = internal::BuildPolicyFacts(policy, "policy", catalog);
  ActionSet before = catalog.EmptySet();
  Json statements = Json::array();
  bool placeholders = false;
  for (const internal::StatementFacts& sf : facts.statements) {
    const Statement& st = *sf.statement;
    const std::string label = "statement " + internal::SidOrIndex(st);
    if (st.effect == Effect::kDeny) {
      std::vector<std::string> actions;
      for (const LocatedString& a : st.actions) actions.push_back(a.value);
      statements.push_back(StatementJson(st, st.sid ? st.sid->value : "", actions, nullptr));
      continue;
    }
    before |= sf.applicable;
    const ActionSet kept = used ? sf.applicable & usage.actions : sf.applicable;
    // Literal names the catalog does not know stay as written: they may be new actions.
    std::vector<std::string> unknown;
    for (const LocatedString& a : st.actions) {
      if (!st.not_action && a.value.find_first_of("*?") == std::string::npos &&
          !catalog.FindAction(a.value)) {
        unknown.push_back(a.value);
      }
    }
    if (!unknown.empty()) {
      result.notes.push_back(label + ": " + std::to_string(unknown.size()) +
                             " action name(s) unknown to the catalog kept as written");
    }
    if (kept.Empty() && unknown.empty()) {
      result.notes.push_back(label + " dropped: none of its " +
                             std::to_string(sf.applicable.Count()) + " actions was used");
      continue;
    }
    result.kept |= kept;
    internal::ResourceCoverage coverage(
        [&st] {
          std::vector<std::string> p;
          for (const LocatedString& r : st.resources) p.push_back(r.value);
          return p;
        }(),
        catalog);
    const bool everything = !st.has_resource || st.not_resource;
    // Group the kept actions by the resource list each one gets.
    std::map<std::vector<std::string>, std::vector<std::string>> groups;
    size_t templated = 0;
    for (ActionId id : kept.Ids()) {
      std::vector<std::string> resources;
      auto it = usage.resources.find(id);
      if (it != usage.resources.end()) {
        for (const std::string& r : it->second) {
          if (StatementAllows(st, r)) resources.push_back(r);
        }
      }
      if (resources.empty()) {
        const bool wildcard_only = catalog.Action(id).IsWildcardOnly();
        if (wildcard_only) {
          resources = {"*"};
        } else if (everything || coverage.CoversAction(id)) {
          resources = ActionTemplates(id, options, catalog);
          ++templated;
        } else {
          for (const LocatedString& r : st.resources) resources.push_back(r.value);
        }
      }
      std::sort(resources.begin(), resources.end());
      groups[resources].push_back(catalog.ActionName(id));
    }
    if (!unknown.empty()) {
      std::vector<std::string> resources;
      for (const LocatedString& r : st.resources) resources.push_back(r.value);
      if (resources.empty() || st.not_resource) resources = {"*"};
      std::vector<std::string>& names = groups[resources];
      names.insert(names.end(), unknown.begin(), unknown.end());
    }
    if (templated > 0) {
      placeholders = true;
      result.notes.push_back(label + ": resources of " + std::to_string(templated) +
                             " action(s) written as ARN templates from the catalog; replace "
                             "the ${...} placeholders and narrow the `*` parts");
    }
    const std::string sid = st.sid ? st.sid->value : "";
    size_t part = 0;
    for (const auto& [resources, actions] : groups) {
      const std::string part_sid = sid.empty() || part == 0 ? sid : sid + std::to_string(part + 1);
      statements.push_back(StatementJson(st, part_sid, actions, &resources));
      ++part;
    }
    if (groups.size() > 1) {
      result.notes.push_back(label + " split into " + std::to_string(groups.size()) +
                             " statements, one per resource list");
    }
  }
  Json doc = Json::object();
  doc["Version"] = policy.version == PolicyVersion::k2008_10_17 ? "2008-10-17" : "2012-10-17";
  if (policy.id) doc["Id"] = policy.id->value;
  doc["Statement"] = std::move(statements);
  result.policy_json = doc.dump(2);
  result.removed = before - result.kept;
  result.removed_counts = CountAccessLevels(result.removed, catalog);
  const size_t compact = doc.dump().size();
  if (compact > kManagedPolicyLimit) {
    result.notes.push_back("the policy has " + std::to_string(compact) +
                           " characters without whitespace, above the 6,144 a managed policy "
                           "may have: split it" +
                           (used ? "" : ", or pass usage data to drop unused actions"));
  }
  if (placeholders && options.account_id.empty()) {
    result.notes.push_back("set LeastPrivilegeOptions::account_id to fill in ${Account}");
  }
  return result;
}

}  // namespace iameval
