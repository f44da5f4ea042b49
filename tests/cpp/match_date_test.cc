// Tests for match/date.h (spec §4.3 Date operators, §10 item 8).
#include "match/date.h"

#include <string>

#include "gtest/gtest.h"

namespace iameval::internal {
namespace {

std::int64_t Seconds(std::string_view text) {
  const auto instant = ParseDate(text);
  EXPECT_TRUE(instant.has_value()) << text;
  return instant ? instant->seconds : 0;
}

Instant At(std::string_view text) {
  const auto instant = ParseDate(text);
  EXPECT_TRUE(instant.has_value()) << text;
  return instant.value_or(Instant{});
}

TEST(DateTest, CivilDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1970, 1, 2), 1);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(0, 1, 1), -719528);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), 2932896);
}

TEST(DateTest, IsoProfiles) {
  EXPECT_EQ(Seconds("1970"), 0);
  EXPECT_EQ(Seconds("1970-01"), 0);
  EXPECT_EQ(Seconds("1970-01-01"), 0);
  EXPECT_EQ(Seconds("1970-01-01T00:00Z"), 0);
  EXPECT_EQ(Seconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(Seconds("1970-01-01T00:00:00.000Z"), 0);
  EXPECT_EQ(Seconds("2020-04-01T00:00:00Z"), 1585699200);
  EXPECT_EQ(Seconds("2020"), 1577836800);
  EXPECT_EQ(Seconds("2020-02"), 1580515200);
  EXPECT_EQ(Seconds("2020-02-29"), 1582934400);
  EXPECT_EQ(Seconds("2023-11-14T22:13:20Z"), 1700000000);
  EXPECT_EQ(Seconds("2023-11-14T22:13Z"), 1700000000 - 20);
}

TEST(DateTest, TimeZones) {
  EXPECT_EQ(At("2020-01-01T10:00:00+02:00"), At("2020-01-01T08:00:00Z"));
  EXPECT_EQ(At("2020-01-01T10:00:00-05:30"), At("2020-01-01T15:30:00Z"));
  EXPECT_EQ(At("2020-01-01T00:30:00+01:00"), At("2019-12-31T23:30:00Z"));
  EXPECT_EQ(At("2020-01-01T10:00+23:59"), At("2019-12-31T10:01Z"));
  EXPECT_EQ(At("2020-01-01T10:00:00-00:00"), At("2020-01-01T10:00:00Z"));
  // Decision: no TZD means UTC.
  EXPECT_EQ(At("2020-01-01T10:00:00"), At("2020-01-01T10:00:00Z"));
  EXPECT_EQ(At("2020-01-01T10:00"), At("2020-01-01T10:00Z"));
  EXPECT_EQ(At("2020-01-01T10:00:00.5"), At("2020-01-01T10:00:00.5Z"));
}

TEST(DateTest, Fractions) {
  EXPECT_EQ(At("2020-01-01T00:00:00.5Z").nanos, 500000000);
  EXPECT_EQ(At("2020-01-01T00:00:00.123456789Z").nanos, 123456789);
  EXPECT_EQ(At("2020-01-01T00:00:00.1234567891234Z").nanos, 123456789);  // truncated
  EXPECT_EQ(At("2020-01-01T00:00:00.000000001Z").nanos, 1);
  EXPECT_LT(At("2020-01-01T00:00:00Z"), At("2020-01-01T00:00:00.001Z"));
  EXPECT_LT(At("2020-01-01T00:00:00.999Z"), At("2020-01-01T00:00:01Z"));
  EXPECT_EQ(At("2020-01-01T00:00:00.100Z"), At("2020-01-01T00:00:00.1Z"));
  EXPECT_EQ(At("2020-01-01T00:00:00." + std::string(1000, '9') + "Z").nanos, 999999999);
}

TEST(DateTest, EpochSeconds) {
  EXPECT_EQ(Seconds("0"), 0);
  EXPECT_EQ(Seconds("1700000000"), 1700000000);
  EXPECT_EQ(At("1700000000.25").nanos, 250000000);
  EXPECT_EQ(Seconds("-1"), -1);
  const Instant neg = At("-1.25");
  EXPECT_EQ(neg.seconds, -2);
  EXPECT_EQ(neg.nanos, 750000000);
  EXPECT_LT(At("-1.25"), At("-1"));
  EXPECT_LT(At("-2"), At("-1.25"));
  EXPECT_EQ(Seconds("1000000000000000000"), 1000000000000000000);
  EXPECT_EQ(Seconds("9223372036854775806"), 9223372036854775806);
  EXPECT_EQ(Seconds("-9223372036854775806"), -9223372036854775806);
  EXPECT_EQ(Seconds("00000000000000000000000000001"), 1);
  EXPECT_EQ(Seconds("12345"), 12345);
  EXPECT_EQ(Seconds("123"), 123);
  EXPECT_EQ(Seconds("-123"), -123);  // four characters but not a year
  // Digit strings that are not exactly four long are epoch seconds.
  EXPECT_EQ(Seconds("20"), 20);
  EXPECT_EQ(Seconds("202"), 202);
  EXPECT_EQ(Seconds("20200"), 20200);
}

TEST(DateTest, EpochVsIsoComparesInSeconds) {
  // spec §10 item 8: DateLessThan aws:CurrentTime "1700000000" with a 2020 time is TRUE.
  EXPECT_LT(At("2020-04-01T00:00:00Z"), At("1700000000"));
  EXPECT_EQ(At("1700000000"), At("2023-11-14T22:13:20Z"));
  EXPECT_EQ(At("1700000000.5"), At("2023-11-14T22:13:20.5Z"));
  EXPECT_GT(At("2024-01-01"), At("1700000000"));
}

TEST(DateTest, FourDigitsAreAYear) {
  EXPECT_EQ(Seconds("2020"), Seconds("2020-01-01T00:00:00Z"));
  EXPECT_EQ(Seconds("0000"), DaysFromCivil(0, 1, 1) * 86400);
  EXPECT_EQ(Seconds("9999"), DaysFromCivil(9999, 1, 1) * 86400);
}

TEST(DateTest, ExtremeYears) {
  EXPECT_EQ(Seconds("0000-01-01T00:00:00Z"), -62167219200);
  EXPECT_EQ(Seconds("9999-12-31T23:59:59Z"), 253402300799);
  EXPECT_LT(At("0000-01-01T00:00:00+23:59"), At("0000-01-01"));
  EXPECT_GT(At("9999-12-31T23:59:59-23:59"), At("9999-12-31T23:59:59Z"));
  EXPECT_TRUE(ParseDate("0000-02-29").has_value());  // year 0 is a leap year
}

TEST(DateTest, RangeValidation) {
  EXPECT_TRUE(ParseDate("2020-02-29").has_value());
  EXPECT_TRUE(ParseDate("2000-02-29").has_value());
  EXPECT_TRUE(ParseDate("2020-12-31T23:59:60Z").has_value());  // leap second
  EXPECT_EQ(At("2016-12-31T23:59:60Z"), At("2017-01-01T00:00:00Z"));
  for (const char* text :
       {"2019-02-29", "1900-02-29", "2020-00", "2020-13", "2020-01-00", "2020-01-32",
        "2020-04-31", "2020-06-31", "2020-09-31", "2020-11-31", "2020-01-01T24:00Z",
        "2020-01-01T23:60Z", "2020-01-01T23:59:61Z", "2020-01-01T00:00+24:00",
        "2020-01-01T00:00+00:60"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

TEST(DateTest, RejectsMalformed) {
  for (const char* text :
       {"", " ", "abc", "2020-1", "2020-01-1", "2020/01/01", "2020-01-01 ",
        " 2020-01-01", "2020-01-01T", "2020-01-01T10", "2020-01-01T10:0", "2020-01-01t10:00Z",
        "2020-01-01T10:00z", "2020-01-01 10:00:00Z", "2020-01-01T10:00:00.Z",
        "2020-01-01T10:00:00+0200", "2020-01-01T10:00:00+02",
        "2020-01-01T10:00:00+2:00", "2020-01-01T10:00:00ZZ", "2020-01-01T10:00:00Z ",
        "2020-01-01T10:00:00.12a", "+1700000000", "1700000000.", "1700000000.5.5", "1e9",
        "0x10", "--1", "-", ".5", "-.5", "1700000000 ", "9223372036854775807",
        "99999999999999999999", "-9223372036854775808", "NaN", "-2020-01-01", "2020-01-01Z",
        "2020-01Z", "2020Z"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
  EXPECT_FALSE(ParseDate(std::string(100000, '9')).has_value());
}

TEST(DateTest, ArbitraryInputNeverCrashes) {
  const char alphabet[] = {'1', '0', '-', ':', 'T', 'Z', '.', '+'};
  std::vector<std::string> inputs = {"2020-01-01"};
  for (std::size_t round = 0; round < 5; ++round) {
    const std::size_t n = inputs.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (inputs[i].size() != 10 + round) continue;
      for (char c : alphabet) inputs.push_back(inputs[i] + c);
    }
  }
  for (const std::string& input : inputs) (void)ParseDate(input);
  SUCCEED();
}

}  // namespace
}  // namespace iameval::internal
