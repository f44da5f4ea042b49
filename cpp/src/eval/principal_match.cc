#include "eval/principal_match.h"

#include <algorithm>

namespace iameval::internal {
namespace {

bool IsAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

const char* PrincipalClassName(PrincipalClass c) {
  switch (c) {
    case PrincipalClass::kNone: return "none";
    case PrincipalClass::kAccount: return "account";
    case PrincipalClass::kRoleOrParent: return "role";
    case PrincipalClass::kDirect: return "direct";
  }
  return "none";
}

CompiledPrincipalEntry::CompiledPrincipalEntry(const PrincipalEntry& entry)
    : value_(entry.value.value) {
  switch (entry.type) {
    case PrincipalType::kAny:
      form_ = Form::kAnyone;
      return;
    case PrincipalType::kService:
      form_ = value_ == "*" ? Form::kAnyone : Form::kService;
      return;
    case PrincipalType::kFederated:
      form_ = Form::kFederatedProvider;
      return;
    case PrincipalType::kCanonicalUser:
      // Needs the caller's canonical id, which requests do not carry (documented).
      form_ = Form::kUnmatchable;
      return;
    case PrincipalType::kAws:
      break;
  }
  if (value_ == "*") {
    form_ = Form::kAnyone;
    return;
  }
  if (IsAccountId(value_)) {
    form_ = Form::kAccount;
    account_ = value_;
    return;
  }
  ArnView arn;
  if (!SplitArnView(value_, arn) || !IsAccountId(arn.account)) {
    // Unique ids (AIDA..., AROA...) left behind by deleted principals match nobody (§3.3).
    form_ = Form::kUnmatchable;
    return;
  }
  account_ = std::string(arn.account);
  std::string_view res = arn.resource;
  if (arn.service == "iam" && res == "root") {
    form_ = Form::kAccount;
  } else if (arn.service == "iam" && StartsWith(res, "user/")) {
    form_ = Form::kUser;
  } else if (arn.service == "iam" && StartsWith(res, "role/")) {
    form_ = Form::kRole;
    // Matching is on the role name: session ARNs drop the role's path (§10 item 30).
    name_ = std::string(res.substr(res.rfind('/') + 1));
  } else if (arn.service == "sts" && StartsWith(res, "assumed-role/")) {
    form_ = Form::kRoleSession;
  } else if (arn.service == "sts" && StartsWith(res, "federated-user/")) {
    form_ = Form::kFederatedUser;
  } else {
    form_ = Form::kUnmatchable;
  }
}

PrincipalClass CompiledPrincipalEntry::Match(const CallerPrincipal& caller) const {
  switch (form_) {
    case Form::kAnyone:
      // `*` behaves like naming the caller itself (§3.3, [EMP/PEER]); it also covers
      // service principals (§11 item 2: we follow the peer, documented in docs/semantics.md).
      return PrincipalClass::kDirect;
    case Form::kAccount:
      return caller.IsAccountPrincipal() && caller.account == account_ ? PrincipalClass::kAccount
                                                                        : PrincipalClass::kNone;
    case Form::kUser:
      if (caller.kind == PrincipalKind::kUser && caller.arn == value_) {
        return PrincipalClass::kDirect;
      }
      if (caller.kind == PrincipalKind::kFederatedSession && caller.parent_arn == value_) {
        return PrincipalClass::kRoleOrParent;
      }
      return PrincipalClass::kNone;
    case Form::kRole:
      return caller.kind == PrincipalKind::kRoleSession && caller.account == account_ &&
                     caller.name == name_
                 ? PrincipalClass::kRoleOrParent
                 : PrincipalClass::kNone;
    case Form::kRoleSession:
      return caller.kind == PrincipalKind::kRoleSession && !caller.is_bare_role &&
                     caller.arn == value_
                 ? PrincipalClass::kDirect
                 : PrincipalClass::kNone;
    case Form::kFederatedUser:
      return caller.kind == PrincipalKind::kFederatedSession && caller.arn == value_
                 ? PrincipalClass::kDirect
                 : PrincipalClass::kNone;
    case Form::kService:
      return caller.kind == PrincipalKind::kService && caller.arn == value_
                 ? PrincipalClass::kDirect
                 : PrincipalClass::kNone;
    case Form::kFederatedProvider:
      // The identity provider itself stands as the caller of AssumeRoleWithSAML /
      // AssumeRoleWithWebIdentity in the simulation format.
      return caller.arn == value_ ? PrincipalClass::kDirect : PrincipalClass::kNone;
    case Form::kUnmatchable:
      return PrincipalClass::kNone;
  }
  return PrincipalClass::kNone;
}

bool CompiledPrincipalEntry::NamesAccount(std::string_view account) const {
  return form_ == Form::kAccount && account_ == account;
}

bool CompiledPrincipalEntry::NamesArn(std::string_view arn) const {
  return (form_ == Form::kUser || form_ == Form::kRoleSession || form_ == Form::kFederatedUser) &&
         value_ == arn;
}

bool CompiledPrincipalEntry::NamesRole(std::string_view account, std::string_view role_name) const {
  return form_ == Form::kRole && account_ == account && name_ == role_name;
}

bool CompiledPrincipalEntry::NamesService(std::string_view service) const {
  return form_ == Form::kService && value_ == service;
}

CompiledPrincipals::CompiledPrincipals(const std::vector<PrincipalEntry>& entries,
                                       bool not_principal)
    : not_principal_(not_principal) {
  entries_.reserve(entries.size());
  for (const PrincipalEntry& e : entries) entries_.emplace_back(e);
}

PrincipalClass CompiledPrincipals::Match(const CallerPrincipal& caller, Effect effect,
                                         bool caller_has_boundary, bool full_chain) const {
  if (!not_principal_) {
    PrincipalClass best = PrincipalClass::kNone;
    for (const CompiledPrincipalEntry& e : entries_) best = std::max(best, e.Match(caller));
    return best;
  }
  // NotPrincipal: count the links of the caller's chain that are listed.
  auto any = [&](auto pred) {
    return std::any_of(entries_.begin(), entries_.end(), pred);
  };
  int links = 0;
  int listed = 0;
  bool own_listed = false;
  auto link = [&](bool is_listed, bool is_own) {
    ++links;
    listed += is_listed;
    own_listed = own_listed || (is_listed && is_own);
  };
  switch (caller.kind) {
    case PrincipalKind::kAnonymous:
      break;
    case PrincipalKind::kService:
      link(any([&](const auto& e) { return e.NamesService(caller.arn); }), true);
      break;
    case PrincipalKind::kRoot:
      link(any([&](const auto& e) { return e.NamesAccount(caller.account); }), true);
      break;
    case PrincipalKind::kUser:
    case PrincipalKind::kFederatedSession:
      link(any([&](const auto& e) { return e.NamesAccount(caller.account); }), false);
      link(any([&](const auto& e) { return e.NamesArn(caller.arn); }), true);
      break;
    case PrincipalKind::kRoleSession:
      link(any([&](const auto& e) { return e.NamesAccount(caller.account); }), false);
      link(any([&](const auto& e) { return e.NamesRole(caller.account, caller.name); }),
           caller.is_bare_role);
      if (!caller.is_bare_role) {
        link(any([&](const auto& e) { return e.NamesArn(caller.arn); }), true);
      }
      break;
  }
  bool applies;
  if (effect == Effect::kDeny) {
    bool exempt = full_chain ? (links > 0 && listed == links) : own_listed;
    applies = caller_has_boundary || !exempt;
  } else {
    applies = listed == 0;
  }
  return applies ? PrincipalClass::kDirect : PrincipalClass::kNone;
}

}  // namespace iameval::internal
