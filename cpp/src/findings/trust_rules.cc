// Principal rules. A Condition never removes a finding here either: an open trust policy
// with a condition is reported as conditional, with a lower severity, because conditions on
// aws:PrincipalOrgID or aws:SourceArn are the usual way to scope such trust.
#include "findings/trust_rules.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "findings/finding_builder.h"
#include "findings/rule_registry.h"

namespace iameval::internal {
namespace {

bool IsAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The account of an AWS principal: a bare id, or the account field of an ARN.
std::optional<std::string> AccountOf(std::string_view value) {
  if (IsAccountId(value)) return std::string(value);
  if (value.substr(0, 4) != "arn:") return std::nullopt;
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    pos = value.find(':', pos);
    if (pos == std::string_view::npos) return std::nullopt;
    ++pos;
  }
  const size_t end = value.find(':', pos);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view account = value.substr(pos, end - pos);
  return IsAccountId(account) ? std::optional<std::string>(std::string(account)) : std::nullopt;
}

// Condition keys compare case-insensitively (spec §4.1).
bool HasConditionKey(const Statement& st, const std::string& key) {
  const std::string lower = absl::AsciiStrToLower(key);
  for (const Condition& c : st.conditions) {
    if (absl::AsciiStrToLower(c.key.value) == lower) return true;
  }
  return false;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct StatementContext {
  const PolicyFacts& facts;
  const StatementFacts& st;
  const FindingOptions& options;
  std::vector<Finding>& out;

  Finding Make(std::string_view rule, const SourceLocation& where) const {
    Finding f = MakeFinding(rule, StatementLocation(facts, *st.statement, where));
    f.conditional = st.conditional;
    f.conditions = st.conditions;
    return f;
  }
  bool Enabled(std::string_view rule) const { return RuleEnabled(options, rule); }
};

void PublicRule(StatementContext& c, const PrincipalEntry& p, bool trust) {
  const char* rule = trust ? rules::kTrustAnyPrincipal : rules::kResourcePolicyPublic;
  if (!c.Enabled(rule)) return;
  Finding f = c.Make(rule, p.value.location);
  if (f.conditional) f.severity = FindingSeverity::kMedium;
  f.resources = {p.value.value};
  f.message = std::string(trust ? "any principal of any account may assume this role"
                                : "any principal of any account, or anonymous callers, may "
                                  "use this resource") +
              (f.conditional ? ", limited only by its conditions" : "");
  c.out.push_back(std::move(f));
}

void CrossAccountRule(StatementContext& c, const PrincipalEntry& p) {
  const std::optional<std::string> account = AccountOf(p.value.value);
  if (!account || !c.Enabled(rules::kTrustCrossAccount)) return;
  const std::vector<std::string>& trusted = c.options.trusted_accounts;
  if (*account == c.options.account_id ||
      std::find(trusted.begin(), trusted.end(), *account) != trusted.end()) {
    return;
  }
  const Statement& st = *c.st.statement;
  if (HasConditionKey(st, "sts:ExternalId")) return;
  Finding f = c.Make(rules::kTrustCrossAccount, p.value.location);
  if (f.conditional) f.severity = FindingSeverity::kLow;
  f.resources = {p.value.value};
  const bool whole_account = IsAccountId(p.value.value) || EndsWith(p.value.value, ":root");
  f.message = "account " + *account +
              (whole_account ? " (any principal its administrators allow)" : "") +
              " may assume this role without sts:ExternalId" +
              (f.conditional ? ", limited only by its conditions" : "") +
              (c.options.account_id.empty() ? "; set FindingOptions::account_id to exempt "
                                              "your own account"
                                            : "");
  c.out.push_back(std::move(f));
}

void FederatedRule(StatementContext& c, const PrincipalEntry& p) {
  if (!c.Enabled(rules::kTrustFederatedUnscoped)) return;
  const Statement& st = *c.st.statement;
  const std::string& value = p.value.value;
  std::string host = value;
  const size_t oidc = value.find(":oidc-provider/");
  if (value.find(":saml-provider/") != std::string::npos) {
    if (HasConditionKey(st, "SAML:aud")) return;
    Finding f = c.Make(rules::kTrustFederatedUnscoped, p.value.location);
    f.severity = FindingSeverity::kMedium;
    f.resources = {value};
    f.message = "SAML provider `" + value + "` trusted without a condition on SAML:aud";
    c.out.push_back(std::move(f));
    return;
  }
  if (oidc != std::string::npos) host = value.substr(oidc + std::string(":oidc-provider/").size());
  const std::string lower_host = absl::AsciiStrToLower(host);
  const bool github = lower_host.rfind("token.actions.githubusercontent.com", 0) == 0;
  const bool has_sub = HasConditionKey(st, host + ":sub");
  const bool has_aud = HasConditionKey(st, host + ":aud");
  // GitHub's audience is the same for every repository, so only :sub scopes it.
  if (has_sub || (!github && has_aud)) return;
  Finding f = c.Make(rules::kTrustFederatedUnscoped, p.value.location);
  f.resources = {value};
  f.message = "identity provider `" + host + "` trusted without a condition on `" + host +
              (github ? ":sub`: any GitHub repository's workflow may assume this role"
                      : ":sub` or `:aud`: any identity of that provider may assume this role");
  c.out.push_back(std::move(f));
}

void ComputeServiceRule(StatementContext& c, const PrincipalEntry& p, const RiskData& risk) {
  if (!c.Enabled(rules::kTrustComputeService)) return;
  const std::string lower = absl::AsciiStrToLower(p.value.value);
  if (std::find(risk.compute_service_principals.begin(), risk.compute_service_principals.end(),
                lower) == risk.compute_service_principals.end()) {
    return;
  }
  Finding f = c.Make(rules::kTrustComputeService, p.value.location);
  f.resources = {p.value.value};
  f.message = "`" + p.value.value + "` may assume this role: workloads of that service that "
              "are given the role run with its permissions";
  c.out.push_back(std::move(f));
}

}  // namespace

void RunPrincipalRules(const PolicyFacts& facts, bool trust, const RiskData& risk,
                       const FindingOptions& options, std::vector<Finding>& out) {
  for (const StatementFacts& st : facts.statements) {
    const Statement& s = *st.statement;
    if (s.effect != Effect::kAllow || !s.has_principal) continue;
    StatementContext c{facts, st, options, out};
    if (s.not_principal) {
      if (c.Enabled(rules::kAllowNotPrincipal) && !s.principals.empty()) {
        std::vector<LocatedString> values;
        for (const PrincipalEntry& p : s.principals) values.push_back(p.value);
        Finding f = c.Make(rules::kAllowNotPrincipal, ElementLocation(s, "NotPrincipal", values));
        for (const PrincipalEntry& p : s.principals) f.resources.push_back(p.value.value);
        f.message = "NotPrincipal allows every principal, of every account, except " +
                    std::to_string(s.principals.size()) + " listed";
        out.push_back(std::move(f));
      }
      continue;
    }
    bool public_reported = false;
    for (const PrincipalEntry& p : s.principals) {
      const bool any = p.type == PrincipalType::kAny ||
                       (p.type == PrincipalType::kAws && p.value.value == "*");
      if (any) {
        if (!public_reported) PublicRule(c, p, trust);
        public_reported = true;
        continue;
      }
      if (!trust) continue;
      if (p.type == PrincipalType::kAws) CrossAccountRule(c, p);
      if (p.type == PrincipalType::kFederated) FederatedRule(c, p);
      if (p.type == PrincipalType::kService) ComputeServiceRule(c, p, risk);
    }
  }
}

}  // namespace iameval::internal
