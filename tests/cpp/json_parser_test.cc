#include "json/json_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace iameval::internal {
namespace {

TEST(JsonParserTest, KeepsNumberTextAndMemberOrder) {
  JsonParseResult r = ParseJson(R"({"b": 10.50, "a": -0, "c": 1e400})");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.value.members.size(), 3u);
  EXPECT_EQ(r.value.members[0].key, "b");
  EXPECT_EQ(r.value.members[0].value.text, "10.50");
  EXPECT_EQ(r.value.Find("c")->text, "1e400");
  EXPECT_EQ(r.value.Dump(), R"({"b":10.50,"a":-0,"c":1e400})");
}

TEST(JsonParserTest, LocatesValues) {
  JsonParseResult r = ParseJson("{\n  \"k\": [1,\n   true]\n}");
  ASSERT_TRUE(r.ok);
  const JsonValue& arr = *r.value.Find("k");
  EXPECT_EQ(arr.location.line, 2u);
  EXPECT_EQ(arr.location.column, 8u);
  EXPECT_EQ(arr.elements[1].location.line, 3u);
  EXPECT_EQ(arr.elements[1].location.column, 4u);
}

TEST(JsonParserTest, DecodesEscapesAndSurrogatePairs) {
  JsonParseResult r = ParseJson(R"(["a\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00"])");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.value.elements[0].text, "a\"\\/\b\f\n\r\t");
  EXPECT_EQ(r.value.elements[1].text, "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonParserTest, SkipsByteOrderMark) {
  JsonParseResult r = ParseJson("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.value.Find("a")->text, "1");
}

TEST(JsonParserTest, RejectsDuplicateKeysInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) text += "\"k" + std::to_string(i) + "\": 1,";
  text += "\"k500\": 2}";
  JsonParseResult r = ParseJson(text);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.kind, "duplicate_key");
  EXPECT_NE(r.error.message.find("k500"), std::string::npos);
}

TEST(JsonParserTest, BoundsDepthWithoutRecursingFurther) {
  std::string text(100000, '[');
  JsonParseResult r = ParseJson(text);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.kind, "too_deep");
}

TEST(JsonParserTest, BoundsSize) {
  JsonLimits limits;
  limits.max_bytes = 10;
  JsonParseResult r = ParseJson("[1,2,3,4,5,6,7]", limits);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.kind, "too_large");
}

TEST(JsonParserTest, RejectsMalformedInput) {
  const char* bad[] = {"",       "{",        "[1,]",      "{\"a\" 1}", "01",     "1.",
                       "-",      "tru",      "\"\\x\"",   "\"\\u12\"", "[1] 2",  "{a: 1}",
                       "\"\\ud800\"", "nul",  "[\"a\"\"b\"]"};
  for (const char* text : bad) {
    JsonParseResult r = ParseJson(text);
    EXPECT_FALSE(r.ok) << text;
    EXPECT_FALSE(r.error.message.empty()) << text;
  }
}

TEST(JsonParserTest, RejectsNulAndInvalidUtf8) {
  std::string with_nul("{\"a\": \"x\0y\"}", 12);
  JsonParseResult r = ParseJson(with_nul);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.location.column, 9u);
  for (std::string bytes : {std::string("\"\xC0\xAF\""), std::string("\"\xED\xA0\x80\""),
                            std::string("\"\xF5\x80\x80\x80\""), std::string("\"\x80\"")}) {
    JsonParseResult u = ParseJson(bytes);
    ASSERT_FALSE(u.ok);
    EXPECT_EQ(u.error.kind, "invalid_utf8");
  }
}

TEST(JsonParserTest, LocationOfOffsetCountsLines) {
  JsonLocation loc = LocationOfOffset("ab\ncd\nef", 7);
  EXPECT_EQ(loc.line, 3u);
  EXPECT_EQ(loc.column, 2u);
}

}  // namespace
}  // namespace iameval::internal
