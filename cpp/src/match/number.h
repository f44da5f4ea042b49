// File: number.h
// Exact decimal numbers for the Numeric* condition operators (spec §4.3).
//
// Grammar: [+|-] digits [. digits] [(e|E) [+|-] digits]
//   * At least one digit before the point, and at least one after it when a point is present
//     (`.5`, `5.` are rejected) [UNV].
//   * Exponents are ACCEPTED (decision): policy condition values may be JSON numbers, and JSON
//     numbers may carry an exponent (`1e3`); the parser keeps their original text, so
//     rejecting exponents would make `"NumericLessThan": {"k": 1e3}` silently false. AWS
//     documents integers and decimals only [UNV]. Exponent magnitudes above 1e9 are rejected
//     (no real value needs them, and the bound keeps all arithmetic in int64).
//   * No whitespace, no hex, no `NaN` / `Infinity`.
// Comparison is exact, never through double: "10" == "10.0" == "+10.00" == "1e1",
// "-0" == "0", 20-digit and 100-digit integers compare digit by digit, "0.1" stays 0.1.
//
// A Decimal is a VIEW into the text it was parsed from (no allocation, so request values can
// be parsed on the hot path); the text must outlive it.
#ifndef IAMEVAL_SRC_MATCH_NUMBER_H_
#define IAMEVAL_SRC_MATCH_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace iameval::internal {

class Decimal {
 public:
  // nullopt when `text` is not a number per the grammar above.
  static std::optional<Decimal> Parse(std::string_view text);

  // -1, 0 or 1 as a <, ==, > b. Exact.
  static int Compare(const Decimal& a, const Decimal& b);

  bool is_zero() const { return int_digits_.empty() && frac_digits_.empty(); }
  bool is_negative() const { return negative_; }

  friend bool operator==(const Decimal& a, const Decimal& b) { return Compare(a, b) == 0; }
  friend bool operator!=(const Decimal& a, const Decimal& b) { return Compare(a, b) != 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) { return Compare(a, b) < 0; }
  friend bool operator<=(const Decimal& a, const Decimal& b) { return Compare(a, b) <= 0; }
  friend bool operator>(const Decimal& a, const Decimal& b) { return Compare(a, b) > 0; }
  friend bool operator>=(const Decimal& a, const Decimal& b) { return Compare(a, b) >= 0; }

 private:
  // Digit with weight 10^power, 0 outside the stored digits.
  int DigitAt(std::int64_t power) const;
  // Weight of the most significant non-zero digit (only when !is_zero()).
  std::int64_t TopPower() const;

  // INVARIANT: int_digits_ has no leading zeros, frac_digits_ no trailing zeros; zero has
  // both empty and negative_ == false. value = ±(int.frac) * 10^exponent_.
  bool negative_ = false;
  std::string_view int_digits_;
  std::string_view frac_digits_;
  std::int64_t exponent_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_NUMBER_H_
