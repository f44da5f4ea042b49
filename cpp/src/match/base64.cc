// File: base64.cc
// One streaming decoder drives all three entry points through a byte sink.
#include "match/base64.h"

#include <cstdint>

namespace iameval::internal {
namespace {

int SextetValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Calls sink(byte) for each decoded byte; stops and returns false when the sink does or the
// input is malformed (see base64.h for the accepted forms).
template <typename Sink>
bool Decode(std::string_view encoded, Sink&& sink) {
  std::size_t data_len = encoded.size();
  std::size_t padding = 0;
  while (data_len > 0 && encoded[data_len - 1] == '=' && padding < 2) {
    --data_len;
    ++padding;
  }
  if (padding > 0 && encoded.size() % 4 != 0) return false;  // padding must be complete
  if (data_len % 4 == 1) return false;                         // a lone sextet is no byte
  if (padding > 0 && (data_len % 4) + padding != 4) return false;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < data_len; ++i) {
    const int value = SextetValue(encoded[i]);
    if (value < 0) return false;  // includes '=' in the middle and whitespace
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (!sink(static_cast<char>((buffer >> bits) & 0xFF))) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> DecodeBase64(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size() / 4 * 3 + 2);
  if (!Decode(encoded, [&out](char c) {
        out.push_back(c);
        return true;
      })) {
    return std::nullopt;
  }
  return out;
}

bool IsValidBase64(std::string_view encoded) {
  return Decode(encoded, [](char) { return true; });
}

bool Base64DecodesTo(std::string_view encoded, std::string_view bytes) {
  std::size_t pos = 0;
  const bool ok = Decode(encoded, [&pos, bytes](char c) {
    if (pos >= bytes.size() || bytes[pos] != c) return false;
    ++pos;
    return true;
  });
  return ok && pos == bytes.size();
}

}  // namespace iameval::internal
