// File: ascii.h
// ASCII-only case helpers shared by the matchers, and a colon scanner for ARN splitting. IAM
// folds case only where the spec says so (actions, condition keys, variable names,
// *IgnoreCase operators; spec §8), and only ASCII folding is known to be safe (spec §4.3,
// "Unicode folding UNV"), so nothing here touches bytes >= 0x80.
#ifndef IAMEVAL_SRC_MATCH_ASCII_H_
#define IAMEVAL_SRC_MATCH_ASCII_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// memcmp(a, b, n) == 0 for the short strings of the decision path (account ids, service
// prefixes, condition values), inline: two overlapping loads instead of a library call.
inline bool SmallBytesEqual(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    std::uint64_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 8);
    std::memcpy(&b0, b, 8);
    std::memcpy(&a1, a + n - 8, 8);
    std::memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n >= 4) {
    std::uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// a == b via SmallBytesEqual.
inline bool SmallEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && SmallBytesEqual(a.data(), b.data(), a.size());
}

// AsciiToLower on eight bytes at once (any byte order): each byte's test stays inside the
// byte (heptet + constant < 0x100), so no carry crosses into its neighbour.
constexpr std::uint64_t AsciiToLowerWord(std::uint64_t w) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t heptets = w & ~kHigh;
  const std::uint64_t above_z = heptets + 0x2525252525252525ull;  // high bit: byte > 'Z'
  const std::uint64_t from_a = heptets + 0x3f3f3f3f3f3f3f3full;   // high bit: byte >= 'A'
  const std::uint64_t upper = (from_a ^ above_z) & ~w & kHigh;    // 'A'..'Z', not >= 0x80
  return w | (upper >> 2);                                         // + 0x20
}

// out[0, n) = AsciiToLower(in[0, n)); `in` and `out` may be the same buffer.
inline void AsciiLowerCopy(const char* in, std::size_t n, char* out) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, in + i, 8);
    w = AsciiToLowerWord(w);
    std::memcpy(out + i, &w, 8);
  }
  for (; i < n; ++i) out[i] = AsciiToLower(in[i]);
}

// Byte positions of the first `want` colons in text[from, text.size()), in order, into
// `out`; returns how many were found (<= want). Sixteen bytes at a time where SSE2 exists.
inline std::size_t FindColons(std::string_view text, std::size_t from, std::size_t want,
                              std::size_t* out) {
  std::size_t found = 0;
  if (want == 0) return 0;
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i colon = _mm_set1_epi8(':');
  for (; i + 16 <= size; i += 16) {
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i)), colon)));
    while (mask != 0) {
      out[found++] = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (found == want) return found;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < size; ++i) {
    if (data[i] == ':') {
      out[found++] = i;
      if (found == want) return found;
    }
  }
  return found;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_ASCII_H_
