// File: date.cc
// Fixed-layout parsers; all arithmetic in int64 with explicit range checks (years 0000-9999
// are ~3.2e11 seconds, far from overflow; epoch input is checked digit by digit).
#include "match/date.h"

#include <cstddef>
#include <limits>

#include "match/ascii.h"

namespace iameval::internal {
namespace {

// Reads exactly `count` digits at text[*pos]; advances *pos.
bool ReadDigits(std::string_view text, std::size_t* pos, std::size_t count, int* value) {
  if (text.size() - *pos < count) return false;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[*pos + i];
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += count;
  *value = v;
  return true;
}

bool Expect(std::string_view text, std::size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Up to 9 fraction digits as nanoseconds; further digits must be digits and are dropped.
bool ReadFraction(std::string_view text, std::size_t* pos, std::int32_t* nanos) {
  std::size_t digits = 0;
  std::int32_t value = 0;
  while (*pos < text.size() && IsAsciiDigit(text[*pos])) {
    if (digits < 9) {
      value = value * 10 + (text[*pos] - '0');
    }
    ++digits;
    ++*pos;
  }
  if (digits == 0) return false;
  for (std::size_t d = digits; d < 9; ++d) value *= 10;
  *nanos = value;
  return true;
}

}  // namespace

std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  // Howard Hinnant's days_from_civil, valid for the whole proleptic Gregorian calendar.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Instant> ParseIso8601(std::string_view text) {
  std::size_t pos = 0;
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int32_t nanos = 0;
  int offset_minutes = 0;
  if (!ReadDigits(text, &pos, 4, &year)) return std::nullopt;
  if (pos < text.size()) {
    if (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &month)) return std::nullopt;
    if (month < 1 || month > 12) return std::nullopt;
    if (pos < text.size()) {
      if (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day)) return std::nullopt;
      if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
      if (pos < text.size()) {
        if (!Expect(text, &pos, 'T') || !ReadDigits(text, &pos, 2, &hour) ||
            !Expect(text, &pos, ':') || !ReadDigits(text, &pos, 2, &minute)) {
          return std::nullopt;
        }
        if (hour > 23 || minute > 59) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') {
          ++pos;
          if (!ReadDigits(text, &pos, 2, &second) || second > 60) return std::nullopt;
          if (pos < text.size() && text[pos] == '.') {
            ++pos;
            if (!ReadFraction(text, &pos, &nanos)) return std::nullopt;
          }
        }
        if (pos < text.size()) {  // TZD; absent means UTC (see date.h)
          const char sign = text[pos++];
          if (sign == 'Z') {
            offset_minutes = 0;
          } else if (sign == '+' || sign == '-') {
            int oh = 0;
            int om = 0;
            if (!ReadDigits(text, &pos, 2, &oh) || !Expect(text, &pos, ':') ||
                !ReadDigits(text, &pos, 2, &om) || oh > 23 || om > 59) {
              return std::nullopt;
            }
            offset_minutes = (sign == '+' ? 1 : -1) * (oh * 60 + om);
          } else {
            return std::nullopt;
          }
          if (pos != text.size()) return std::nullopt;
        }
      }
    }
  }
  const std::int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  Instant instant;
  // Local time minus the offset gives UTC.
  instant.seconds = days * 86400 + hour * 3600 + minute * 60 + second -
                    static_cast<std::int64_t>(offset_minutes) * 60;
  instant.nanos = nanos;
  return instant;
}

std::optional<Instant> ParseEpochSeconds(std::string_view text) {
  std::size_t pos = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++pos;
  if (pos >= text.size() || !IsAsciiDigit(text[pos])) return std::nullopt;
  std::int64_t seconds = 0;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  while (pos < text.size() && IsAsciiDigit(text[pos])) {
    const int digit = text[pos] - '0';
    // Keep one second of headroom for the fraction borrow below.
    if (seconds > (kMax - 1 - digit) / 10) return std::nullopt;
    seconds = seconds * 10 + digit;
    ++pos;
  }
  std::int32_t nanos = 0;
  if (pos < text.size()) {
    if (text[pos] != '.') return std::nullopt;
    ++pos;
    if (!ReadFraction(text, &pos, &nanos) || pos != text.size()) return std::nullopt;
  }
  Instant instant;
  if (!negative) {
    instant.seconds = seconds;
    instant.nanos = nanos;
  } else if (nanos == 0) {
    instant.seconds = -seconds;
  } else {  // -1.25 s = -2 s + 0.75 s
    instant.seconds = -seconds - 1;
    instant.nanos = 1000000000 - nanos;
  }
  return instant;
}

std::optional<Instant> ParseDate(std::string_view text) {
  // Four digits alone are a year (date.h); `YYYY-...` is ISO; everything else is tried as
  // epoch seconds.
  if (text.size() == 4 && IsAsciiDigit(text[0]) && IsAsciiDigit(text[1]) &&
      IsAsciiDigit(text[2]) && IsAsciiDigit(text[3])) {
    return ParseIso8601(text);
  }
  if (text.size() > 4 && text[4] == '-' && text[0] != '-') return ParseIso8601(text);
  return ParseEpochSeconds(text);
}

}  // namespace iameval::internal
