#include "catalog/action_glob.h"

#include "absl/strings/ascii.h"

namespace iameval::internal {

bool GlobMatch(std::string_view pattern, std::string_view text) {
  constexpr size_t kNoStar = std::string_view::npos;
  size_t p = 0;
  size_t t = 0;
  // On a mismatch, retry from the most recent `*`, letting it swallow one more character.
  // Earlier stars never need revisiting: the last one can absorb whatever they would have.
  size_t star_p = kNoStar;
  size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      if (p + 1 == pattern.size()) return true;  // a trailing `*` takes whatever is left
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (star_p != kNoStar) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<ActionPattern> ParseActionPattern(std::string_view pattern) {
  for (char c : pattern) {
    if (c == ',' || absl::ascii_isspace(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (pattern == "*") return ActionPattern{"*", "*"};
  const size_t colon = pattern.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == pattern.size()) {
    return std::nullopt;
  }
  return ActionPattern{pattern.substr(0, colon), pattern.substr(colon + 1)};
}

}  // namespace iameval::internal
