// Tests for match/base64.h (spec §4.3 BinaryEquals).
#include "match/base64.h"

#include <string>

#include "gtest/gtest.h"

namespace iameval::internal {
namespace {

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},         {"Zg==", "f"},         {"Zm8=", "fo"},       {"Zm9v", "foo"},
      {"Zm9vYg==", "foob"}, {"Zm9vYmE=", "fooba"}, {"Zm9vYmFy", "foobar"},
  };
  for (const auto& [encoded, decoded] : vectors) {
    EXPECT_EQ(DecodeBase64(encoded), std::optional<std::string>(decoded)) << encoded;
    EXPECT_TRUE(IsValidBase64(encoded)) << encoded;
    EXPECT_TRUE(Base64DecodesTo(encoded, decoded)) << encoded;
  }
}

TEST(Base64Test, BinaryBytesAndFullAlphabet) {
  const auto decoded = DecodeBase64("AP8A/w==");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, std::string("\x00\xff\x00\xff", 4));
  const auto all = DecodeBase64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 48u);
  EXPECT_EQ(static_cast<unsigned char>(all->back()), 0xBF);  // "89+/" = F3 DF BF
  EXPECT_EQ(static_cast<unsigned char>((*all)[0]), 0x00);
}

TEST(Base64Test, PaddingIsOptional) {
  EXPECT_EQ(DecodeBase64("Zg"), std::optional<std::string>("f"));
  EXPECT_EQ(DecodeBase64("Zm8"), std::optional<std::string>("fo"));
  EXPECT_TRUE(Base64DecodesTo("Zm9vYg", "foob"));
}

TEST(Base64Test, NonZeroTrailingBitsAccepted) {
  EXPECT_EQ(DecodeBase64("Zh=="), std::optional<std::string>("f"));
  EXPECT_EQ(DecodeBase64("Zm9="), std::optional<std::string>("fo"));
}

TEST(Base64Test, RejectsMalformed) {
  for (const char* text :
       {"Z", "Zm9vY", "Zg=", "Z===", "Zg===", "====", "=", "==", "Zg==Zg==", "Zm=9",
        "Zm9v\n", " Zm9v", "Zm 9v", "Zm9v\r\n", "Zm-_", "Zm9v!", "Zg==\n", "Zm9vY===",
        "Zm9vYg=", "Zm9vYg=a", "\x80\x80\x80\x80"}) {
    EXPECT_FALSE(DecodeBase64(text).has_value()) << text;
    EXPECT_FALSE(IsValidBase64(text)) << text;
    EXPECT_FALSE(Base64DecodesTo(text, "")) << text;
  }
}

TEST(Base64Test, DecodesToComparesExactly) {
  EXPECT_TRUE(Base64DecodesTo("Zm9vYmFy", "foobar"));
  EXPECT_FALSE(Base64DecodesTo("Zm9vYmFy", "fooba"));
  EXPECT_FALSE(Base64DecodesTo("Zm9vYmFy", "foobarx"));
  EXPECT_FALSE(Base64DecodesTo("Zm9vYmFy", "Foobar"));
  EXPECT_FALSE(Base64DecodesTo("Zm9vYmFy", ""));
  EXPECT_TRUE(Base64DecodesTo("", ""));
  EXPECT_FALSE(Base64DecodesTo("", "x"));
}

TEST(Base64Test, RoundTripsEveryLength) {
  // A tiny reference encoder to check decode over all lengths 0..64 and all byte values.
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int len = 0; len <= 64; ++len) {
    std::string bytes;
    for (int i = 0; i < len; ++i) bytes.push_back(static_cast<char>((i * 37 + len) & 0xFF));
    std::string encoded;
    for (int i = 0; i < len; i += 3) {
      const int n = std::min(3, len - i);
      unsigned v = 0;
      for (int k = 0; k < 3; ++k) {
        v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
      }
      for (int k = 0; k < 4; ++k) {
        encoded.push_back(k <= n ? alphabet[(v >> (18 - 6 * k)) & 63] : '=');
      }
    }
    EXPECT_EQ(DecodeBase64(encoded), std::optional<std::string>(bytes)) << encoded;
    EXPECT_TRUE(Base64DecodesTo(encoded, bytes)) << encoded;
    std::string unpadded = encoded;
    while (!unpadded.empty() && unpadded.back() == '=') unpadded.pop_back();
    EXPECT_EQ(DecodeBase64(unpadded), std::optional<std::string>(bytes)) << unpadded;
  }
}

}  // namespace
}  // namespace iameval::internal
