// File: diff_subjects.cc
#include "analysis/diff_subjects.h"

#include <set>
#include <utility>

#include "eval/principal.h"

namespace iameval::internal::analysis {
namespace {

constexpr char kStandInAccount[] = "111122223333";
constexpr char kStandInUser[] = "arn:aws:iam::111122223333:user/iameval-diff";

NamedPolicy Parse(const std::string& name, const std::string& json, PolicyKind kind) {
  ParseResult parsed = ParsePolicy(json, kind);
  return NamedPolicy{name, parsed.policy};  // fixed, valid text: never fails
}

NamedPolicy AllowEverything() {
  return Parse("iameval-allow-all",
               R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
               PolicyKind::kIdentity);
}

// A resource policy granting everything to `principal_json` (a Principal element).
NamedPolicy GrantAll(const std::string& principal_json) {
  return Parse("iameval-grant-all",
               R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)" +
                   principal_json + R"(,"Action":"*","Resource":"*"}]})",
               PolicyKind::kResource);
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

struct Caller {
  std::string principal;
  std::string parent_arn;
};

// The callers the Principal / NotPrincipal entries of `policy` tell apart.
void CollectCallers(const Policy& policy, std::vector<Caller>& callers,
                    std::set<std::string>& accounts) {
  for (const Statement& st : policy.statements) {
    for (const PrincipalEntry& entry : st.principals) {
      const std::string& v = entry.value.value;
      if (entry.type == PrincipalType::kService) {
        if (v.find('.') != std::string::npos && v.find_first_of(":/* ") == std::string::npos) {
          callers.push_back({v, ""});
        }
        continue;
      }
      if (entry.type != PrincipalType::kAws || v == "*") continue;
      if (IsAccountId(v)) {
        accounts.insert(v);
        callers.push_back({"arn:aws:iam::" + v + ":user/iameval-diff", ""});
        continue;
      }
      ArnView arn;
      if (!SplitArnView(v, arn) || !IsAccountId(arn.account)) continue;
      accounts.insert(std::string(arn.account));
      const std::string prefix = "arn:" + std::string(arn.partition) + ":";
      const std::string_view resource = arn.resource;
      if (resource == "root") {
        callers.push_back({prefix + "iam::" + std::string(arn.account) + ":user/iameval-diff", ""});
      } else if (resource.substr(0, 5) == "user/" || resource.substr(0, 14) == "federated-user" ||
                 resource.substr(0, 13) == "assumed-role/") {
        callers.push_back({v, ""});
      } else if (resource.substr(0, 5) == "role/") {
        const std::string_view name = resource.substr(resource.rfind('/') + 1);
        callers.push_back({prefix + "sts::" + std::string(arn.account) + ":assumed-role/" +
                               std::string(name) + "/iameval-diff",
                           v});
      }
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<DiffSubject>> SubjectsForPolicies(const NamedPolicy& old_policy,
                                                             const NamedPolicy& new_policy,
                                                             const DiffOptions& options) {
  if (old_policy.policy == nullptr || new_policy.policy == nullptr) {
    return absl::InvalidArgumentError("a policy to compare is null");
  }
  const PolicyKind kind = old_policy.policy->kind;
  if (new_policy.policy->kind != kind) {
    return absl::InvalidArgumentError(std::string("policies of different kinds: ") +
                                      PolicyKindName(kind) + " and " +
                                      PolicyKindName(new_policy.policy->kind));
  }
  std::vector<DiffSubject> subjects;
  switch (kind) {
    case PolicyKind::kIdentity:
    case PolicyKind::kSession:
    case PolicyKind::kPermissionBoundary:
    case PolicyKind::kScp: {
      // The policy as the only identity policy; the account trusted by a resource policy for
      // the services where one is mandatory (KMS keys, role trust), so that the policy alone
      // decides there too.
      DiffSubject s;
      s.principal = kStandInUser;
      s.options = options.effective;
      s.old_set.identity.push_back(old_policy);
      s.new_set.identity.push_back(new_policy);
      const NamedPolicy trust =
          GrantAll(std::string(R"({"AWS":"arn:aws:iam::)") + kStandInAccount + R"(:root"})");
      s.old_set.resource_policy = trust;
      s.new_set.resource_policy = trust;
      subjects.push_back(std::move(s));
      return subjects;
    }
    case PolicyKind::kResource:
    case PolicyKind::kTrust:
    case PolicyKind::kRcp:
    case PolicyKind::kVpcEndpoint:
      break;
  }
  std::vector<Caller> callers;
  std::set<std::string> accounts;
  CollectCallers(*old_policy.policy, callers, accounts);
  CollectCallers(*new_policy.policy, callers, accounts);
  callers.push_back({"anonymous", ""});
  callers.push_back({"arn:aws:iam::777788889999:user/iameval-outsider", ""});
  callers.push_back({"iameval.amazonaws.com", ""});
  accounts.insert("777788889999");
  // The resource lives in an account of its own, so that identity policies (allow-all here)
  // never decide on their own (§7.8: cross-account needs the resource side).
  std::string resource_account = "999999999999";
  while (accounts.count(resource_account) != 0) {
    resource_account = std::to_string(std::stoull(resource_account) - 1);
  }
  std::set<std::string> seen;
  for (const Caller& caller : callers) {
    if (!seen.insert(caller.principal + "|" + caller.parent_arn).second) continue;
    DiffSubject s;
    s.principal = caller.principal;
    s.parent_arn = caller.parent_arn;
    s.options = options.effective;
    s.options.resource_account = resource_account;
    s.options.principal_parent_arn = caller.parent_arn;
    const NamedPolicy allow_all = AllowEverything();
    s.old_set.identity.push_back(allow_all);
    s.new_set.identity.push_back(allow_all);
    if (kind == PolicyKind::kResource || kind == PolicyKind::kTrust) {
      s.old_set.resource_policy = old_policy;
      s.new_set.resource_policy = new_policy;
    } else {
      const NamedPolicy everyone = GrantAll(R"("*")");
      s.old_set.resource_policy = everyone;
      s.new_set.resource_policy = everyone;
      if (kind == PolicyKind::kRcp) {
        s.old_set.rcp_levels.push_back({old_policy});
        s.new_set.rcp_levels.push_back({new_policy});
      } else {
        s.old_set.vpc_endpoint_policy = old_policy;
        s.new_set.vpc_endpoint_policy = new_policy;
      }
    }
    subjects.push_back(std::move(s));
  }
  return subjects;
}

}  // namespace iameval::internal::analysis
