// File: number.cc
// Digit-by-digit comparison over views; see number.h.
#include "match/number.h"

#include <cstddef>

#include "match/ascii.h"

namespace iameval::internal {
namespace {

constexpr std::int64_t kMaxExponent = 1000000000;

std::string_view ReadDigitRun(std::string_view text, std::size_t* pos) {
  const std::size_t start = *pos;
  while (*pos < text.size() && IsAsciiDigit(text[*pos])) ++*pos;
  return text.substr(start, *pos - start);
}

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  std::string_view int_digits = ReadDigitRun(text, &pos);
  if (int_digits.empty()) return std::nullopt;
  std::string_view frac_digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    frac_digits = ReadDigitRun(text, &pos);
    if (frac_digits.empty()) return std::nullopt;
  }
  std::int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      ++pos;
    }
    const std::string_view exp_digits = ReadDigitRun(text, &pos);
    if (exp_digits.empty()) return std::nullopt;
    for (char c : exp_digits) {
      exponent = exponent * 10 + (c - '0');
      if (exponent > kMaxExponent) return std::nullopt;
    }
    if (exp_negative) exponent = -exponent;
  }
  if (pos != text.size()) return std::nullopt;

  while (!int_digits.empty() && int_digits.front() == '0') int_digits.remove_prefix(1);
  while (!frac_digits.empty() && frac_digits.back() == '0') frac_digits.remove_suffix(1);
  Decimal d;
  d.int_digits_ = int_digits;
  d.frac_digits_ = frac_digits;
  d.exponent_ = exponent;
  d.negative_ = negative && !d.is_zero();
  return d;
}

int Decimal::DigitAt(std::int64_t power) const {
  // Without the exponent, int digit i (from the left) has weight 10^(size-1-i) and fraction
  // digit j has weight 10^-(j+1).
  const std::int64_t p = power - exponent_;
  const auto int_size = static_cast<std::int64_t>(int_digits_.size());
  if (p >= 0) {
    if (p >= int_size) return 0;
    return int_digits_[static_cast<std::size_t>(int_size - 1 - p)] - '0';
  }
  const std::int64_t j = -p - 1;
  if (j >= static_cast<std::int64_t>(frac_digits_.size())) return 0;
  return frac_digits_[static_cast<std::size_t>(j)] - '0';
}

std::int64_t Decimal::TopPower() const {
  if (!int_digits_.empty()) {
    return static_cast<std::int64_t>(int_digits_.size()) - 1 + exponent_;
  }
  std::size_t zeros = 0;
  while (frac_digits_[zeros] == '0') ++zeros;  // is_zero() is false: a non-zero digit exists
  return -static_cast<std::int64_t>(zeros) - 1 + exponent_;
}

int Decimal::Compare(const Decimal& a, const Decimal& b) {
  if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
  if (a.is_zero() || b.is_zero()) {
    if (a.is_zero() && b.is_zero()) return 0;
    // Same sign flag and one of them is zero (never negative): the other is positive.
    return a.is_zero() ? -1 : 1;
  }
  const int sign = a.negative_ ? -1 : 1;  // magnitude order flips for negatives
  const std::int64_t top_a = a.TopPower();
  const std::int64_t top_b = b.TopPower();
  if (top_a != top_b) return top_a > top_b ? sign : -sign;
  // Same leading power: walk down to the lowest stored digit of either number.
  const std::int64_t low_a = a.exponent_ - static_cast<std::int64_t>(a.frac_digits_.size());
  const std::int64_t low_b = b.exponent_ - static_cast<std::int64_t>(b.frac_digits_.size());
  const std::int64_t low = low_a < low_b ? low_a : low_b;
  for (std::int64_t p = top_a; p >= low; --p) {
    const int da = a.DigitAt(p);
    const int db = b.DigitAt(p);
    if (da != db) return da > db ? sign : -sign;
  }
  return 0;
}

}  // namespace iameval::internal
