// Tests for match/number.h (spec §4.3 Numeric operators).
#include "match/number.h"

#include <string>

#include "gtest/gtest.h"

namespace iameval::internal {
namespace {

Decimal D(std::string_view text) {
  const auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(*Decimal::Parse("0"));
}

int Cmp(std::string_view a, std::string_view b) { return Decimal::Compare(D(a), D(b)); }

TEST(DecimalTest, EqualValuesWrittenDifferently) {
  EXPECT_EQ(Cmp("10", "10.0"), 0);
  EXPECT_EQ(Cmp("10", "+10.00"), 0);
  EXPECT_EQ(Cmp("010", "10"), 0);
  EXPECT_EQ(Cmp("0", "-0"), 0);
  EXPECT_EQ(Cmp("0", "0.000"), 0);
  EXPECT_EQ(Cmp("-0.0", "+0"), 0);
  EXPECT_EQ(Cmp("0.5", "0.50"), 0);
  EXPECT_EQ(Cmp("1e1", "10"), 0);
  EXPECT_EQ(Cmp("1E+1", "10"), 0);
  EXPECT_EQ(Cmp("100e-2", "1"), 0);
  EXPECT_EQ(Cmp("1.5e3", "1500"), 0);
  EXPECT_EQ(Cmp("15e-1", "1.5"), 0);
  EXPECT_EQ(Cmp("0.001e3", "1"), 0);
  EXPECT_EQ(Cmp("0e999", "0"), 0);
  EXPECT_TRUE(D("-0").is_zero());
  EXPECT_FALSE(D("-0").is_negative());
}

TEST(DecimalTest, Ordering) {
  EXPECT_LT(Cmp("1", "2"), 0);
  EXPECT_GT(Cmp("2", "1"), 0);
  EXPECT_LT(Cmp("-2", "-1"), 0);
  EXPECT_LT(Cmp("-1", "0"), 0);
  EXPECT_GT(Cmp("0", "-1"), 0);
  EXPECT_LT(Cmp("0", "0.0001"), 0);
  EXPECT_LT(Cmp("-0.0001", "0"), 0);
  EXPECT_LT(Cmp("9", "10"), 0);
  EXPECT_LT(Cmp("0.09", "0.1"), 0);
  EXPECT_LT(Cmp("0.1", "0.10001"), 0);
  EXPECT_LT(Cmp("1.9", "1.95"), 0);
  EXPECT_GT(Cmp("-1.9", "-1.95"), 0);
  EXPECT_LT(Cmp("99.99", "100"), 0);
  EXPECT_LT(Cmp("1e-5", "0.0001"), 0);
  EXPECT_GT(Cmp("1e5", "99999.999"), 0);
  EXPECT_LT(Cmp("-1e5", "-99999.999"), 0);
  EXPECT_TRUE(D("3") < D("4"));
  EXPECT_TRUE(D("4") <= D("4.0"));
  EXPECT_TRUE(D("4") >= D("4.0"));
  EXPECT_TRUE(D("5") > D("4.99"));
  EXPECT_TRUE(D("5") != D("4.99"));
  EXPECT_TRUE(D("5") == D("5.000"));
}

TEST(DecimalTest, ExactBeyondDouble) {
  // 2^53 + 1 is not representable as a double.
  EXPECT_LT(Cmp("9007199254740992", "9007199254740993"), 0);
  // 20-digit integers beyond uint64.
  EXPECT_LT(Cmp("18446744073709551616", "18446744073709551617"), 0);
  EXPECT_EQ(Cmp("18446744073709551617", "18446744073709551617.0"), 0);
  EXPECT_GT(Cmp("99999999999999999999", "99999999999999999998"), 0);
  // 0.1 + 0.2 style values stay exact.
  EXPECT_LT(Cmp("0.3", "0.30000000000000004"), 0);
  EXPECT_NE(Cmp("0.1", "0.1000000000000000055511151231257827"), 0);
}

TEST(DecimalTest, HugeAndTinyValues) {
  const std::string one_e400 = "1" + std::string(400, '0');
  EXPECT_EQ(Cmp(one_e400, "1e400"), 0);
  EXPECT_LT(Cmp(one_e400, one_e400 + "1"), 0);
  EXPECT_GT(Cmp(one_e400, "9e399"), 0);
  const std::string hundred_digits(100, '7');
  EXPECT_EQ(Cmp(hundred_digits, hundred_digits + ".0"), 0);
  EXPECT_LT(Cmp(hundred_digits, "8" + std::string(99, '0')), 0);
  EXPECT_GT(Cmp("-" + hundred_digits, "-" + std::string(101, '1')), 0);
  const std::string tiny = "0." + std::string(400, '0') + "1";
  EXPECT_EQ(Cmp(tiny, "1e-401"), 0);
  EXPECT_GT(Cmp(tiny, "0"), 0);
  EXPECT_LT(Cmp(tiny, "1e-400"), 0);
  EXPECT_GT(Cmp("1e1000000000", "9" + std::string(1000, '9')), 0);
  EXPECT_LT(Cmp("1e-1000000000", "1e-999999999"), 0);
  EXPECT_EQ(Cmp(std::string(100000, '0') + "5", "5"), 0);
}

TEST(DecimalTest, RejectsMalformed) {
  for (const char* text :
       {"", "+", "-", ".", ".5", "5.", "-.5", "1..2", "1.2.3", "1,000", "1 000", " 1", "1 ",
        "0x10", "1e", "1e+", "e5", "1e5.5", "1e1000000001", "--1", "+-1", "NaN", "Infinity",
        "inf", "1_000", "١", "1e-1000000001", "12a", "\t1"}) {
    EXPECT_FALSE(Decimal::Parse(text).has_value()) << text;
  }
}

TEST(DecimalTest, ArbitraryInputNeverCrashes) {
  const char alphabet[] = {'0', '1', '9', '.', '-', '+', 'e'};
  std::vector<std::string> inputs = {""};
  for (std::size_t len = 0; len < 6; ++len) {
    const std::size_t n = inputs.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (inputs[i].size() != len) continue;
      for (char c : alphabet) inputs.push_back(inputs[i] + c);
    }
  }
  std::vector<Decimal> parsed;
  for (const std::string& input : inputs) {
    if (auto d = Decimal::Parse(input)) parsed.push_back(*d);
  }
  ASSERT_GT(parsed.size(), 100u);
  // Compare must be a consistent total order: antisymmetric and reflexive.
  for (std::size_t i = 0; i < parsed.size(); i += 7) {
    for (std::size_t j = 0; j < parsed.size(); j += 11) {
      EXPECT_EQ(Decimal::Compare(parsed[i], parsed[j]), -Decimal::Compare(parsed[j], parsed[i]));
    }
    EXPECT_EQ(Decimal::Compare(parsed[i], parsed[i]), 0);
  }
}

}  // namespace
}  // namespace iameval::internal
