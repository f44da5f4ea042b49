// Tests for match/ip.h (spec §4.3 IpAddress / NotIpAddress, §10 item 12).
#include "match/ip.h"

#include <string>

#include "gtest/gtest.h"

namespace iameval::internal {
namespace {

bool InNet(std::string_view network, std::string_view address) {
  const auto net = ParseIpNetwork(network);
  const auto addr = ParseIpAddress(address);
  EXPECT_TRUE(net.has_value()) << network;
  EXPECT_TRUE(addr.has_value()) << address;
  return net && addr && net->Contains(*addr);
}

std::array<std::uint8_t, 16> Bytes(std::string_view address) {
  const auto parsed = ParseIpAddress(address);
  EXPECT_TRUE(parsed.has_value()) << address;
  return parsed ? parsed->bytes : std::array<std::uint8_t, 16>{};
}

TEST(IpTest, ParsesIpv4) {
  const auto a = ParseIpAddress("192.0.2.1");
  ASSERT_TRUE(a.has_value());
  EXPECT_TRUE(a->is_v4);
  EXPECT_EQ(a->bytes[10], 0xFF);
  EXPECT_EQ(a->bytes[11], 0xFF);
  EXPECT_EQ(a->bytes[12], 192);
  EXPECT_EQ(a->bytes[15], 1);
  EXPECT_TRUE(ParseIpAddress("0.0.0.0").has_value());
  EXPECT_TRUE(ParseIpAddress("255.255.255.255").has_value());
  // Leading zeros are decimal, never octal.
  EXPECT_EQ(Bytes("010.0.0.1"), Bytes("10.0.0.1"));
  EXPECT_EQ(Bytes("000.000.000.000"), Bytes("0.0.0.0"));
}

TEST(IpTest, RejectsMalformedIpv4) {
  for (const char* text :
       {"", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ",
        " 1.2.3.4", "1.2.3.a", "1.2.3.-1", "1.2.3.+1", "0001.2.3.4", "1.2.3.4/32", "1,2,3,4",
        "999.999.999.999", "4294967295", "0x1.2.3.4", "1.2.3.4\n"}) {
    EXPECT_FALSE(ParseIpAddress(text).has_value()) << text;
  }
}

TEST(IpTest, ParsesIpv6) {
  const auto loopback = ParseIpAddress("::1");
  ASSERT_TRUE(loopback.has_value());
  EXPECT_FALSE(loopback->is_v4);
  EXPECT_EQ(loopback->bytes[15], 1);
  EXPECT_EQ(Bytes("2001:db8::1"), Bytes("2001:0db8:0000:0000:0000:0000:0000:0001"));
  EXPECT_EQ(Bytes("2001:DB8::ABCD"), Bytes("2001:db8::abcd"));  // hex is case-insensitive
  EXPECT_EQ(Bytes("::"), Bytes("0:0:0:0:0:0:0:0"));
  EXPECT_EQ(Bytes("1::"), Bytes("1:0:0:0:0:0:0:0"));
  EXPECT_EQ(Bytes("1:2:3:4:5:6:7::"), Bytes("1:2:3:4:5:6:7:0"));
  EXPECT_EQ(Bytes("::2:3:4:5:6:7:8"), Bytes("0:2:3:4:5:6:7:8"));
  EXPECT_EQ(Bytes("1:2:3::6:7:8"), Bytes("1:2:3:0:0:6:7:8"));
  EXPECT_EQ(Bytes("::1.2.3.4"), Bytes("::102:304"));
  EXPECT_EQ(Bytes("1:2:3:4:5:6:1.2.3.4"), Bytes("1:2:3:4:5:6:102:304"));
  const auto full = ParseIpAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->bytes[0], 0x20);
  EXPECT_EQ(full->bytes[1], 0x01);
  EXPECT_EQ(full->bytes[14], 0x73);
  EXPECT_EQ(full->bytes[15], 0x48);
}

TEST(IpTest, RejectsMalformedIpv6) {
  for (const char* text :
       {":::", "::::", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::",
        "1:2:3:4:5:6:7:8:", "::1.2.3", "::256.1.1.1", "1.2.3.4::", "::1.2.3.4:5",
        "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "[::1]", ":: 1", "1:::2", "::-1", "::+1",
        "::1/128"}) {
    EXPECT_FALSE(ParseIpAddress(text).has_value()) << text;
  }
}

TEST(IpTest, Ipv4MappedAddressesAreIpv4) {
  const auto mapped = ParseIpAddress("::ffff:10.1.2.3");
  ASSERT_TRUE(mapped.has_value());
  EXPECT_TRUE(mapped->is_v4);
  EXPECT_EQ(*mapped, *ParseIpAddress("10.1.2.3"));
  EXPECT_EQ(*ParseIpAddress("::FFFF:a01:203"), *ParseIpAddress("10.1.2.3"));
  EXPECT_TRUE(InNet("10.0.0.0/8", "::ffff:10.1.2.3"));
  // ::a.b.c.d (IPv4-compatible, deprecated) is plain IPv6.
  EXPECT_FALSE(ParseIpAddress("::10.1.2.3")->is_v4);
  EXPECT_FALSE(InNet("10.0.0.0/8", "::10.1.2.3"));
}

TEST(IpTest, CidrContains) {
  EXPECT_TRUE(InNet("203.0.113.0/24", "203.0.113.255"));
  EXPECT_TRUE(InNet("203.0.113.0/24", "203.0.113.0"));
  EXPECT_FALSE(InNet("203.0.113.0/24", "203.0.114.0"));
  EXPECT_TRUE(InNet("0.0.0.0/0", "1.2.3.4"));
  EXPECT_TRUE(InNet("10.0.0.0/9", "10.127.255.255"));
  EXPECT_FALSE(InNet("10.0.0.0/9", "10.128.0.0"));
  EXPECT_TRUE(InNet("1.2.3.4/32", "1.2.3.4"));
  EXPECT_FALSE(InNet("1.2.3.4/32", "1.2.3.5"));
  EXPECT_TRUE(InNet("1.2.3.4/31", "1.2.3.5"));
  EXPECT_TRUE(InNet("2001:db8::/32", "2001:db8:ffff::1"));
  EXPECT_FALSE(InNet("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(InNet("2001:DB8:1234::/48", "2001:db8:1234:ffff::"));
  EXPECT_TRUE(InNet("::/0", "2001:db8::1"));
  EXPECT_TRUE(InNet("2001:db8::1/128", "2001:db8::1"));
  EXPECT_FALSE(InNet("2001:db8::1/128", "2001:db8::2"));
  EXPECT_TRUE(InNet("2001:db8::/127", "2001:db8::1"));
  EXPECT_TRUE(InNet("2001:db8::/33", "2001:db8:7fff::"));
  EXPECT_FALSE(InNet("2001:db8::/33", "2001:db8:8000::"));
}

TEST(IpTest, BareAddressIsHostRoute) {
  const auto v4 = ParseIpNetwork("192.0.2.7");
  ASSERT_TRUE(v4.has_value());
  EXPECT_EQ(v4->FamilyPrefixLength(), 32);
  EXPECT_TRUE(InNet("192.0.2.7", "192.0.2.7"));
  EXPECT_FALSE(InNet("192.0.2.7", "192.0.2.8"));
  const auto v6 = ParseIpNetwork("2001:db8::7");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->FamilyPrefixLength(), 128);
  EXPECT_TRUE(InNet("2001:db8::7", "2001:db8:0::7"));
}

TEST(IpTest, HostBitsAreIgnored) {
  const auto net = ParseIpNetwork("10.1.2.3/8");
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->network, *ParseIpAddress("10.0.0.0"));
  EXPECT_TRUE(InNet("10.1.2.3/8", "10.200.0.1"));
  EXPECT_TRUE(InNet("2001:db8::ffff/32", "2001:db8:1::"));
}

TEST(IpTest, FamiliesDoNotMix) {
  EXPECT_FALSE(InNet("0.0.0.0/0", "::1"));
  EXPECT_FALSE(InNet("::/0", "1.2.3.4"));
  EXPECT_FALSE(InNet("0.0.0.0/0", "2001:db8::1"));
  // An IPv4-mapped block with prefix >= 96 is an IPv4 block.
  EXPECT_TRUE(InNet("::ffff:10.0.0.0/104", "10.9.9.9"));
  EXPECT_FALSE(InNet("::ffff:10.0.0.0/104", "11.0.0.0"));
  const auto all_v4 = ParseIpNetwork("::ffff:0:0/96");
  ASSERT_TRUE(all_v4.has_value());
  EXPECT_TRUE(all_v4->network.is_v4);
  EXPECT_EQ(all_v4->FamilyPrefixLength(), 0);
  EXPECT_TRUE(InNet("::ffff:0:0/96", "8.8.8.8"));
  // Below /96 it stays an IPv6 block.
  EXPECT_FALSE(InNet("::ffff:0:0/95", "8.8.8.8"));
}

TEST(IpTest, RejectsMalformedCidrs) {
  for (const char* text :
       {"1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/8/8", "1.2.3.4/ 8",
        "1.2.3.4/8 ", "1.2.3.4/0008", "1.2.3.4/a", "/8", "::/129", "::/", "::/1000",
        "256.0.0.0/8", ":::/64", "", "/", "10.0.0.0/8,10.1.0.0/16", "*"}) {
    EXPECT_FALSE(ParseIpNetwork(text).has_value()) << text;
  }
  EXPECT_TRUE(ParseIpNetwork("1.2.3.4/0").has_value());
  EXPECT_TRUE(ParseIpNetwork("1.2.3.4/08").has_value());
  EXPECT_TRUE(ParseIpNetwork("::/128").has_value());
  EXPECT_TRUE(ParseIpNetwork("::/0").has_value());
}

TEST(IpTest, ArbitraryInputNeverCrashes) {
  const char alphabet[] = {'1', 'f', ':', '.', '/', '9'};
  std::vector<std::string> inputs = {""};
  for (std::size_t len = 0; len < 7; ++len) {
    const std::size_t n = inputs.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (inputs[i].size() != len) continue;
      for (char c : alphabet) inputs.push_back(inputs[i] + c);
    }
  }
  for (const std::string& input : inputs) {
    const auto net = ParseIpNetwork(input);
    const auto addr = ParseIpAddress(input);
    if (net && addr) {
      EXPECT_TRUE(net->Contains(*addr)) << input;
    }
  }
  EXPECT_FALSE(ParseIpAddress(std::string(100000, ':')).has_value());
  EXPECT_FALSE(ParseIpNetwork(std::string(100000, '1')).has_value());
}

}  // namespace
}  // namespace iameval::internal
