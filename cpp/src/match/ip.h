// File: ip.h
// IPv4 / IPv6 addresses and CIDR blocks for IpAddress / NotIpAddress (spec §4.3).
//
// Representation: 128 bits, big-endian. IPv4 is stored IPv4-mapped (::ffff:a.b.c.d) with a
// family flag, and an IPv4 prefix /n is stored as /(96+n), so Contains is a single masked
// comparison. Families never mix: an IPv4 block contains only IPv4 addresses and an IPv6
// block only IPv6 ones (so `::/0` does not contain 10.0.0.1) [UNV]. An IPv6 text whose value
// is IPv4-mapped (`::ffff:10.1.2.3`) is treated as that IPv4 address, as Java's InetAddress
// (the likely AWS implementation language) does; a mapped *block* with prefix >= 96
// (`::ffff:10.0.0.0/104`) is likewise an IPv4 block [UNV].
//
// Accepted syntax (anything else is rejected; the caller then treats the primitive as false):
//   IPv4: four decimal parts 0-255, 1-3 digits each (leading zeros are decimal: `010` = 10,
//         never octal) [UNV].
//   IPv6: up to eight groups of 1-4 hex digits (either case), at most one `::` standing for at
//         least one zero group, optional dotted IPv4 in the last 32 bits. No zone (`%eth0`),
//         brackets or whitespace.
//   CIDR: address `/` decimal prefix (no sign, 1-3 digits, <= 32 or <= 128). Host bits may be
//         set and are ignored (`10.1.2.3/8` == `10.0.0.0/8`). A bare address is /32 or /128.
#ifndef IAMEVAL_SRC_MATCH_IP_H_
#define IAMEVAL_SRC_MATCH_IP_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iameval::internal {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
  bool is_v4 = false;

  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.is_v4 == b.is_v4 && a.bytes == b.bytes;
  }
};

struct IpNetwork {
  IpAddress network;           // host bits cleared
  std::uint8_t prefix_len = 0; // in the 128-bit space (IPv4 /n is 96+n)

  // Prefix length as written for the family: 0-32 for IPv4, 0-128 for IPv6.
  int FamilyPrefixLength() const { return network.is_v4 ? prefix_len - 96 : prefix_len; }

  // True when `address` is of the same family and inside the block. No allocation.
  bool Contains(const IpAddress& address) const;
};

// Parses one address (no prefix). nullopt when malformed.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// Parses a CIDR block or a bare address. nullopt when malformed.
std::optional<IpNetwork> ParseIpNetwork(std::string_view text);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_IP_H_
