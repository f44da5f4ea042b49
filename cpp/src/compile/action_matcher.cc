#include "compile/action_matcher.h"

#include <cctype>

#include "catalog/action_glob.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

ActionMatcher::ActionMatcher(const std::vector<LocatedString>& patterns, bool not_action,
                             const Catalog& catalog)
    : not_action_(not_action), catalog_actions_(catalog.EmptySet()) {
  for (const LocatedString& pattern : patterns) {
    catalog_actions_ |= catalog.Expand(pattern.value);
    // Malformed patterns match nothing (§3.1), so in NotAction they exclude nothing.
    std::optional<ActionPattern> parsed = ParseActionPattern(pattern.value);
    if (parsed) fallback_.push_back({Lowercase(parsed->service), Lowercase(parsed->name_glob)});
  }
}

bool ActionMatcher::MatchesUnknown(std::string_view action_lower) const {
  size_t colon = action_lower.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view service = action_lower.substr(0, colon);
  std::string_view name = action_lower.substr(colon + 1);
  for (const FallbackPattern& p : fallback_) {
    if ((p.service == "*" || p.service == service) && MatchGlobText(p.name_glob, name)) return true;
  }
  return false;
}

}  // namespace iameval::internal
