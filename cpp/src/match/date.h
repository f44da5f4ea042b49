// File: date.h
// Date values for the Date* condition operators (spec §4.3, §10 item 8).
//
// Accepted forms (anything else is an error; the caller treats the primitive as false):
//   * W3C ISO-8601 profiles: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD,
//     YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD. TZD is `Z` or `+hh:mm` / `-hh:mm`
//     (offset hours 00-23, minutes 00-59). Missing parts default to the start of the period
//     (`2020` == 2020-01-01T00:00:00Z). Fractions may have any number of digits; instants keep
//     nanoseconds and further digits are truncated. Ranges are validated: month 1-12, day
//     within the month (leap years per the Gregorian rules, proleptic before 1582), hour
//     0-23, minute 0-59, second 0-60 (60 = leap second, i.e. the next minute's :00). Years
//     are exactly four digits, 0000-9999. `T` and `Z` are upper case.
//     Decision [UNV]: a time without TZD (`2020-01-01T10:00:00`) is read as UTC rather than
//     rejected, because AWS's own condition examples are always UTC and a rejected value
//     would silently make a Deny condition false.
//   * Epoch values in SECONDS: optional `-`, digits, optional `.` fraction
//     (`1700000000`, `1700000000.25`). Always seconds, never milliseconds, so that
//     `DateLessThan aws:CurrentTime "1700000000"` compares as 2023-11-14 (the peer mixes
//     seconds and milliseconds, spec §10 item 8). Values whose seconds do not fit in int64
//     are errors, not crashes.
//   * Ambiguity: a string of exactly four digits is a year (`2020` = 2020-01-01), never
//     2,020 seconds after the epoch [UNV]; every other all-digit string is epoch seconds.
#ifndef IAMEVAL_SRC_MATCH_DATE_H_
#define IAMEVAL_SRC_MATCH_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace iameval::internal {

// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds in [0, 1e9).
struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;

  friend bool operator==(const Instant& a, const Instant& b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
  friend bool operator!=(const Instant& a, const Instant& b) { return !(a == b); }
  friend bool operator<(const Instant& a, const Instant& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
  }
  friend bool operator>(const Instant& a, const Instant& b) { return b < a; }
  friend bool operator<=(const Instant& a, const Instant& b) { return !(b < a); }
  friend bool operator>=(const Instant& a, const Instant& b) { return !(a < b); }
};

// Parses either accepted form. No allocation. nullopt when malformed or out of range.
std::optional<Instant> ParseDate(std::string_view text);

// The two halves, exposed for tests and diagnostics.
std::optional<Instant> ParseIso8601(std::string_view text);
std::optional<Instant> ParseEpochSeconds(std::string_view text);

// Days since 1970-01-01 of a valid proleptic Gregorian date (year may be 0).
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_DATE_H_
