// File: ip.cc
// Hand-written address parsers (no inet_pton: it accepts/rejects platform-dependent forms and
// we want the exact grammar documented in ip.h).
#include "match/ip.h"

#include <cstddef>

namespace iameval::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted quad into out[0..4).
bool ParseV4(std::string_view text, std::uint8_t* out) {
  std::size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= text.size() || text[pos] != '.') return false;
      ++pos;
    }
    int value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 3) return false;
      value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0 || value > 255) return false;
    out[part] = static_cast<std::uint8_t>(value);
  }
  return pos == text.size();
}

// Colon-separated hex groups ("" is zero groups), each written as 16 bits into `out`.
// When `allow_v4_tail`, the last group may be a dotted quad worth two groups.
// Returns the number of 16-bit groups written (<= max_groups), or -1.
int ParseGroups(std::string_view text, bool allow_v4_tail, std::uint16_t* out,
                int max_groups) {
  if (text.empty()) return 0;
  int count = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    const std::string_view group =
        text.substr(start, colon == std::string_view::npos ? std::string_view::npos
                                                           : colon - start);
    const bool last = colon == std::string_view::npos;
    if (last && allow_v4_tail && group.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (count + 2 > max_groups || !ParseV4(group, v4)) return -1;
      out[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      out[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      return count;
    }
    if (group.empty() || group.size() > 4 || count + 1 > max_groups) return -1;
    unsigned value = 0;
    for (char c : group) {
      const int h = HexValue(c);
      if (h < 0) return -1;
      value = value << 4 | static_cast<unsigned>(h);
    }
    out[count++] = static_cast<std::uint16_t>(value);
    if (last) return count;
    start = colon + 1;
  }
}

bool ParseV6(std::string_view text, std::uint8_t* out) {
  std::uint16_t head[8] = {};
  std::uint16_t tail[8] = {};
  int head_count = 0;
  int tail_count = 0;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    head_count = ParseGroups(text, true, head, 8);
    if (head_count != 8) return false;
  } else {
    const std::string_view after = text.substr(gap + 2);
    if (after.find("::") != std::string_view::npos) return false;
    head_count = ParseGroups(text.substr(0, gap), false, head, 7);
    if (head_count < 0) return false;
    tail_count = ParseGroups(after, true, tail, 7 - head_count);
    if (tail_count < 0) return false;  // `::` must stand for at least one group
  }
  std::uint16_t groups[8] = {};
  for (int i = 0; i < head_count; ++i) groups[i] = head[i];
  for (int i = 0; i < tail_count; ++i) groups[8 - tail_count + i] = tail[i];
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xFF);
  }
  return true;
}

bool IsV4Mapped(const std::array<std::uint8_t, 16>& bytes) {
  for (int i = 0; i < 10; ++i) {
    if (bytes[i] != 0) return false;
  }
  return bytes[10] == 0xFF && bytes[11] == 0xFF;
}

// Parses either family. `written_as_v4` tells which syntax was used.
bool ParseAny(std::string_view text, std::array<std::uint8_t, 16>* bytes, bool* written_as_v4) {
  bytes->fill(0);
  if (text.find(':') == std::string_view::npos) {
    if (!ParseV4(text, bytes->data() + 12)) return false;
    (*bytes)[10] = 0xFF;
    (*bytes)[11] = 0xFF;
    *written_as_v4 = true;
    return true;
  }
  *written_as_v4 = false;
  return ParseV6(text, bytes->data());
}

}  // namespace

bool IpNetwork::Contains(const IpAddress& address) const {
  if (address.is_v4 != network.is_v4) return false;
  const int full_bytes = prefix_len / 8;
  for (int i = 0; i < full_bytes; ++i) {
    if (address.bytes[i] != network.bytes[i]) return false;
  }
  const int rest_bits = prefix_len % 8;
  if (rest_bits == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest_bits));
  return (address.bytes[full_bytes] & mask) == network.bytes[full_bytes];
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  IpAddress address;
  bool written_as_v4 = false;
  if (!ParseAny(text, &address.bytes, &written_as_v4)) return std::nullopt;
  address.is_v4 = written_as_v4 || IsV4Mapped(address.bytes);
  return address;
}

std::optional<IpNetwork> ParseIpNetwork(std::string_view text) {
  const std::size_t slash = text.find('/');
  IpNetwork net;
  bool written_as_v4 = false;
  if (!ParseAny(text.substr(0, slash), &net.network.bytes, &written_as_v4)) {
    return std::nullopt;
  }
  int prefix = written_as_v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > (written_as_v4 ? 32 : 128)) return std::nullopt;
  }
  if (written_as_v4) {
    net.network.is_v4 = true;
    prefix += 96;
  } else {
    net.network.is_v4 = prefix >= 96 && IsV4Mapped(net.network.bytes);
  }
  net.prefix_len = static_cast<std::uint8_t>(prefix);
  // Clear host bits so Contains can compare the network bytes directly.
  for (int bit = prefix; bit < 128; ++bit) {
    net.network.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
  }
  return net;
}

}  // namespace iameval::internal
