// File: ascii.h
// ASCII-only case helpers shared by the matchers. IAM folds case only where the spec says so
// (actions, condition keys, variable names, *IgnoreCase operators; spec §8), and only ASCII
// folding is known to be safe (spec §4.3, "Unicode folding UNV"), so nothing here touches
// bytes >= 0x80.
#ifndef IAMEVAL_SRC_MATCH_ASCII_H_
#define IAMEVAL_SRC_MATCH_ASCII_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iameval::internal {

// 'A'..'Z' -> 'a'..'z'; every other byte unchanged.
constexpr char AsciiToLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// A lowercased copy of `text` (ASCII letters only). Allocates: use at compile time.
inline std::string AsciiLowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

// True when `a` and `b` are equal after ASCII lowercasing. No allocation.
constexpr bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_ASCII_H_
