// File: glob.cc
// See glob.h for the algorithm and its cost bound.
#include "match/glob.h"

#include <cstring>

#include "match/ascii.h"

namespace iameval::internal {
namespace {

constexpr std::size_t kNoMatch = static_cast<std::size_t>(-1);

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool BytesEqual(const char* a, const char* b, std::size_t n, CaseMode mode) {
  if (mode == CaseMode::kSensitive) return n == 0 || std::memcmp(a, b, n) == 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

// Smallest number of subject bytes pieces[begin, end) (no stars) can match.
std::size_t MinLength(const GlobPiece* pieces, std::size_t begin, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t i = begin; i < end; ++i) {
    n += pieces[i].kind == GlobPieceKind::kLiteral ? pieces[i].text.size() : 1;
  }
  return n;
}

bool HasQuestion(const GlobPiece* pieces, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (pieces[i].kind == GlobPieceKind::kQuestion) return true;
  }
  return false;
}

// Matches the star-free segment pieces[begin, end) at `pos` without passing `limit`.
// Returns the end position, or kNoMatch. Deterministic: each piece consumes a fixed amount.
std::size_t MatchSegmentAt(const GlobPiece* pieces, std::size_t begin, std::size_t end,
                           std::string_view subject, std::size_t pos, std::size_t limit,
                           CaseMode mode) {
  for (std::size_t i = begin; i < end; ++i) {
    const GlobPiece& piece = pieces[i];
    if (piece.kind == GlobPieceKind::kLiteral) {
      const std::size_t n = piece.text.size();
      if (n > limit - pos || !BytesEqual(subject.data() + pos, piece.text.data(), n, mode)) {
        return kNoMatch;
      }
      pos += n;
    } else {  // kQuestion; stars never occur inside a segment
      if (pos >= limit) return kNoMatch;
      pos += Utf8CharLength(subject, pos);
      if (pos > limit) return kNoMatch;
    }
  }
  return pos;
}

// Leftmost position >= `from` where `needle` occurs inside subject[0, limit).
std::size_t FindLiteral(std::string_view subject, std::size_t limit, std::string_view needle,
                        std::size_t from, CaseMode mode) {
  if (mode == CaseMode::kSensitive) {
    const std::size_t found = subject.substr(0, limit).find(needle, from);
    return found == std::string_view::npos ? kNoMatch : found;
  }
  if (needle.size() > limit) return kNoMatch;
  const char first = AsciiToLower(needle[0]);
  for (std::size_t p = from; p + needle.size() <= limit; ++p) {
    if (AsciiToLower(subject[p]) == first &&
        BytesEqual(subject.data() + p, needle.data(), needle.size(), mode)) {
      return p;
    }
  }
  return kNoMatch;
}

// Leftmost placement of the star-free segment pieces[begin, end) starting at or after `pos`
// and ending at or before `limit`. Returns the end of the match, or kNoMatch.
std::size_t FindSegment(const GlobPiece* pieces, std::size_t begin, std::size_t end,
                        std::string_view subject, std::size_t pos, std::size_t limit,
                        CaseMode mode) {
  const std::size_t min_len = MinLength(pieces, begin, end);
  const GlobPiece& first = pieces[begin];
  const bool skip_by_search = first.kind == GlobPieceKind::kLiteral && !first.text.empty();
  std::size_t start = pos;
  while (start <= limit && limit - start >= min_len) {
    if (skip_by_search) {
      start = FindLiteral(subject, limit, first.text, start, mode);
      if (start == kNoMatch) return kNoMatch;
    }
    const std::size_t matched = MatchSegmentAt(pieces, begin, end, subject, start, limit, mode);
    if (matched != kNoMatch) return matched;
    // min_len > 0 here (an all-empty segment always matches), so start < limit <= size.
    start += Utf8CharLength(subject, start);
  }
  return kNoMatch;
}

}  // namespace

std::size_t Utf8CharLength(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t len = 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
  } else {
    return 1;  // ASCII, a stray continuation byte, or an invalid lead byte
  }
  if (len > text.size() - pos) return 1;
  for (std::size_t i = 1; i < len; ++i) {
    if (!IsContinuation(text[pos + i])) return 1;
  }
  return len;
}

bool MatchGlobPieces(const GlobPiece* pieces, std::size_t count, std::string_view subject,
                     CaseMode mode) {
  // Fast paths for the shapes ARN fields and most values have: "", "*", "text", "text*".
  if (count == 0) return subject.empty();
  if (pieces[0].kind == GlobPieceKind::kLiteral && (count == 1 || count == 2)) {
    const std::string_view text = pieces[0].text;
    if (count == 1) {
      return subject.size() == text.size() &&
             BytesEqual(subject.data(), text.data(), text.size(), mode);
    }
    if (pieces[1].kind == GlobPieceKind::kStar) {
      return subject.size() >= text.size() &&
             BytesEqual(subject.data(), text.data(), text.size(), mode);
    }
  }
  if (count == 1 && pieces[0].kind == GlobPieceKind::kStar) return true;

  std::size_t first_star = count;
  std::size_t last_star = count;
  for (std::size_t i = 0; i < count; ++i) {
    if (pieces[i].kind == GlobPieceKind::kStar) {
      if (first_star == count) first_star = i;
      last_star = i;
    }
  }
  const std::size_t size = subject.size();
  if (first_star == count) {
    return MatchSegmentAt(pieces, 0, count, subject, 0, size, mode) == size;
  }

  // Prefix: anchored at the start.
  std::size_t pos = MatchSegmentAt(pieces, 0, first_star, subject, 0, size, mode);
  if (pos == kNoMatch) return false;

  // Suffix: anchored at the end; it needs at least suffix_min bytes, so middle segments must
  // end by `limit`.
  const std::size_t suffix_begin = last_star + 1;
  const std::size_t suffix_min = MinLength(pieces, suffix_begin, count);
  if (suffix_min > size - pos) return false;
  const std::size_t limit = size - suffix_min;

  // Middle segments: leftmost placement, left to right.
  std::size_t seg_begin = first_star + 1;
  while (seg_begin < last_star) {
    std::size_t seg_end = seg_begin;
    while (pieces[seg_end].kind != GlobPieceKind::kStar) ++seg_end;
    if (seg_end > seg_begin) {
      pos = FindSegment(pieces, seg_begin, seg_end, subject, pos, limit, mode);
      if (pos == kNoMatch) return false;
    }
    seg_begin = seg_end + 1;
  }

  if (suffix_begin == count) return true;  // pattern ends with a star
  if (!HasQuestion(pieces, suffix_begin, count)) {
    // Fixed byte length: only one possible start. pos <= limit holds by construction.
    return MatchSegmentAt(pieces, suffix_begin, count, subject, limit, size, mode) == size;
  }
  // `?` spans 1-4 bytes, so try each character boundary from pos (O(size * L) at worst).
  for (std::size_t start = pos; start <= limit; start += Utf8CharLength(subject, start)) {
    if (MatchSegmentAt(pieces, suffix_begin, count, subject, start, size, mode) == size) {
      return true;
    }
    if (start == size) break;
  }
  return false;
}

Glob::Glob() : pattern_(std::make_shared<const std::string>()) {}

namespace {

// Splits `text` into pieces: literal runs, `?`, and `*` (consecutive stars collapse into one).
// Returns whether the text has any wildcard.
template <typename Sink>
bool SplitGlobPattern(std::string_view text, Sink&& push) {
  bool has_wildcards = false;
  bool last_was_star = false;
  std::size_t literal_start = 0;
  auto flush = [&](std::size_t end) {
    if (end > literal_start) {
      push(GlobPiece{GlobPieceKind::kLiteral, text.substr(literal_start, end - literal_start)});
      last_was_star = false;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '*' && c != '?') continue;
    flush(i);
    literal_start = i + 1;
    has_wildcards = true;
    if (c == '*') {
      if (!last_was_star) push(GlobPiece{GlobPieceKind::kStar, {}});
      last_was_star = true;
    } else {
      push(GlobPiece{GlobPieceKind::kQuestion, {}});
      last_was_star = false;
    }
  }
  flush(text.size());
  return has_wildcards;
}

}  // namespace

Glob Glob::Compile(std::string_view pattern, CaseMode mode) {
  Glob glob;
  glob.pattern_ = std::make_shared<const std::string>(pattern);
  glob.mode_ = mode;
  glob.has_wildcards_ = SplitGlobPattern(
      *glob.pattern_, [&glob](const GlobPiece& piece) { glob.pieces_.push_back(piece); });
  return glob;
}

bool MatchGlobText(std::string_view pattern, std::string_view subject, CaseMode mode) {
  PieceBuffer pieces;
  SplitGlobPattern(pattern, [&pieces](const GlobPiece& piece) { pieces.PushBack(piece); });
  return MatchGlobPieces(pieces.data(), pieces.size(), subject, mode);
}

}  // namespace iameval::internal
