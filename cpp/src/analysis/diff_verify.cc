// File: diff_verify.cc
#include "analysis/diff_verify.h"

#include <utility>
#include <vector>

namespace iameval::internal::analysis {
namespace {

constexpr char kFillerAccount[] = "111122223333";
constexpr char kFillerRegion[] = "us-east-1";

// `*` (any run) and `?` (one character) glob matching.
bool GlobMatches(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool IsDigits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1": letters, dashes, a final digit.
bool RealRegion(std::string_view s) {
  if (s.size() < 4 || s.back() < '0' || s.back() > '9' || s[s.size() - 2] != '-') return false;
  if (s.find('-') != 2) return false;
  for (char c : s.substr(0, s.size() - 1)) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

struct FormatToken {
  bool placeholder = false;
  std::string text;        // literal text, or the placeholder's name
  bool allow_slash = false;
};

std::vector<FormatToken> Tokens(std::string_view format) {
  std::vector<FormatToken> tokens;
  size_t i = 0;
  while (i < format.size()) {
    if (format.compare(i, 2, "${") == 0) {
      const size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        tokens.push_back({true, std::string(format.substr(i + 2, close - i - 2)), false});
        i = close + 1;
        continue;
      }
    }
    if (tokens.empty() || tokens.back().placeholder) tokens.push_back({false, "", false});
    tokens.back().text.push_back(format[i]);
    ++i;
  }
  // The last placeholder may hold a path when the resource part before it has a '/'.
  for (size_t k = tokens.size(); k-- > 0;) {
    if (!tokens[k].placeholder) continue;
    if (k + 1 == tokens.size()) {
      std::string before;
      for (size_t j = 0; j < k; ++j) before += tokens[j].placeholder ? "x" : tokens[j].text;
      size_t colons = 0, pos = 0;
      for (; pos < before.size() && colons < 5; ++pos) {
        if (before[pos] == ':') ++colons;
      }
      tokens[k].allow_slash = colons == 5 && before.find('/', pos) != std::string::npos;
    }
    break;
  }
  return tokens;
}

bool PlaceholderValue(const FormatToken& token, std::string_view value) {
  if (value.empty() || value.find(':') != std::string_view::npos) return false;
  if (!token.allow_slash && value.find('/') != std::string_view::npos) return false;
  if (token.text == "Region") return RealRegion(value);
  if (token.text == "Account") return IsDigits(value, 12);
  return true;
}

bool MatchTokens(const std::vector<FormatToken>& tokens, size_t k, std::string_view rest) {
  if (k == tokens.size()) return rest.empty();
  const FormatToken& token = tokens[k];
  if (!token.placeholder) {
    if (HasWildcard(token.text)) {  // a literal `*` of the format: any text up to what follows
      for (size_t n = 0; n <= rest.size(); ++n) {
        if (GlobMatches(token.text, rest.substr(0, n)) &&
            MatchTokens(tokens, k + 1, rest.substr(n))) {
          return true;
        }
      }
      return false;
    }
    if (rest.compare(0, token.text.size(), token.text) != 0) return false;
    return MatchTokens(tokens, k + 1, rest.substr(token.text.size()));
  }
  for (size_t n = 1; n <= rest.size(); ++n) {
    if (!PlaceholderValue(token, rest.substr(0, n))) {
      if (rest[n - 1] == ':' || (!token.allow_slash && rest[n - 1] == '/')) return false;
      continue;
    }
    if (MatchTokens(tokens, k + 1, rest.substr(n))) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<DiffVerifier> DiffVerifier::Create(const PolicySet& old_policies,
                                                  const PolicySet& new_policies,
                                                  const RequestFrame& frame,
                                                  const EffectiveOptions& options,
                                                  const Catalog& catalog) {
  DiffVerifier verifier;
  absl::StatusOr<std::shared_ptr<const CompiledPolicies>> old_compiled =
      CompiledPolicies::Compile(old_policies, options.evaluator, catalog);
  if (!old_compiled.ok()) return old_compiled.status();
  absl::StatusOr<std::shared_ptr<const CompiledPolicies>> new_compiled =
      CompiledPolicies::Compile(new_policies, options.evaluator, catalog);
  if (!new_compiled.ok()) return new_compiled.status();
  verifier.old_ = *std::move(old_compiled);
  verifier.new_ = *std::move(new_compiled);
  verifier.frame_ = frame;
  verifier.principal_in_management_account_ = options.principal_in_management_account;
  verifier.resource_in_management_account_ = options.resource_in_management_account;
  return verifier;
}

bool DiffVerifier::NewAccess(std::string_view action, std::string_view resource,
                             const RequestContext& context, Decision* old_decision) const {
  Request request;
  request.action = action;
  request.resource = resource;
  request.resource_account = frame_.resource_account;
  request.context = &context;
  request.principal_in_management_account = principal_in_management_account_;
  request.resource_in_management_account = resource_in_management_account_;
  request.principal = frame_.new_principal;
  request.principal_parent_arn = frame_.new_parent_arn;
  const absl::StatusOr<Decision> new_decision = new_->Decide(request);
  if (!new_decision.ok() || *new_decision != Decision::kAllow) return false;
  request.principal = frame_.old_principal;
  request.principal_parent_arn = frame_.old_parent_arn;
  const absl::StatusOr<Decision> decided = old_->Decide(request);
  if (!decided.ok() || *decided == Decision::kAllow) return false;
  if (old_decision != nullptr) *old_decision = *decided;
  return true;
}

std::string ExampleResource(const Catalog& catalog, ActionId action, std::string_view partition,
                            std::string_view account) {
  const ActionInfo& info = catalog.Action(action);
  // Prefer a resource type whose ARNs belong to the action's own service (the catalog also
  // lists other services' resources some actions accept).
  const ResourceTypeInfo* type = nullptr;
  const std::string own = "arn:${Partition}:" + info.service + ":";
  for (const ResourceTypeRef& ref : info.resource_types) {
    const ResourceTypeInfo* candidate = catalog.FindResourceType(info.service, ref.name);
    if (candidate == nullptr || candidate->arn_format.empty()) continue;
    if (type == nullptr) type = candidate;
    if (candidate->arn_format.compare(0, own.size(), own) == 0) {
      type = candidate;
      break;
    }
  }
  if (type == nullptr || type->arn_format.empty()) {
    if (info.IsWildcardOnly()) return "*";
    return "arn:" + std::string(partition.empty() ? "aws" : partition) + ":" + info.service +
           ":us-east-1:" + std::string(account) + ":iameval";
  }
  const std::string_view format = type->arn_format;
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    if (format.compare(i, 2, "${") == 0) {
      const size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = format.substr(i + 2, close - i - 2);
        if (name == "Partition") {
          out.append(partition.empty() ? "aws" : partition);
        } else if (name == "Region") {
          out.append("us-east-1");
        } else if (name == "Account") {
          out.append(account);
        } else {
          out.append("iameval");
        }
        i = close + 1;
        continue;
      }
    }
    out.push_back(format[i] == '*' ? 'x' : format[i]);
    ++i;
  }
  return out;
}

std::string WriteResourcePattern(std::string_view pattern, std::string_view account) {
  if (!HasWildcard(pattern)) return std::string(pattern);
  const std::string_view own_account = IsDigits(account, 12) ? account : kFillerAccount;
  // The first five fields; the sixth (the resource part) is the rest.
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() < 5) {
    const size_t colon = pattern.find(':', start);
    if (colon == std::string_view::npos) break;
    fields.push_back(pattern.substr(start, colon - start));
    start = colon + 1;
  }
  fields.push_back(pattern.substr(start));
  if (fields.size() < 4 || fields[0] != "arn" || HasWildcard(fields[0])) return FillWildcards(pattern);
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(':');
    const std::string_view field = fields[i];
    const bool last = i + 1 == fields.size();
    if (last && i < 5 && field == "*") {
      // One `*` standing for the region, account and resource fields that are not written.
      if (i <= 3) out += std::string(kFillerRegion) + ":";
      if (i <= 4) out += std::string(own_account) + ":";
      out += "iameval";
      break;
    }
    if (!HasWildcard(field)) {
      out.append(field);
    } else if (i == 3 && !last && GlobMatches(field, kFillerRegion)) {
      out += kFillerRegion;
    } else if (i == 4 && !last && GlobMatches(field, own_account)) {
      out.append(own_account);
    } else if (i == 4 && !last && GlobMatches(field, kFillerAccount)) {
      out += kFillerAccount;
    } else if (i == 1 && !last && GlobMatches(field, "aws")) {
      out += "aws";
    } else {
      out += FillWildcards(field);
    }
  }
  return out;
}

bool PlausibleResource(const Catalog& catalog, ActionId action, std::string_view resource) {
  const ActionInfo& info = catalog.Action(action);
  if (info.IsWildcardOnly()) return resource == "*";
  for (const ResourceTypeRef& ref : info.resource_types) {
    const ResourceTypeInfo* type = catalog.FindResourceType(info.service, ref.name);
    if (type == nullptr || type->arn_format.empty()) continue;
    if (MatchTokens(Tokens(type->arn_format), 0, resource)) return true;
  }
  return false;
}

}  // namespace iameval::internal::analysis
