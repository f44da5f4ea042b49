// File: glob.h
// The IAM glob: `*` matches any run of characters (possibly empty), `?` exactly one character,
// everything else matches itself (spec §3.1, §3.2, §4.3 StringLike). There is no escape syntax
// in IAM globs; policy-variable escapes (`${*}`) are handled one level up, in
// policy_variables.h, by turning them into literal pieces.
//
// Design (spec §3.2 "Glob implementation note", §9):
//   * A pattern is compiled once into pieces {literal run, `*`, `?`}.
//   * Matching never recurses, never uses a regex and never allocates.
//   * The matcher splits the pieces at the stars into segments. The segment before the first
//     star is anchored at the start, the one after the last star at the end, and each middle
//     segment is placed at its leftmost occurrence (greedy leftmost placement is optimal for
//     star-separated segments because each segment consumes a fixed number of characters).
//     Cost: O(|subject| * L) where L is the longest star-free segment, independent of the
//     number of stars; `*a*a*...*b` (1,000 stars) over 100 KB is a single linear pass.
//
// Character unit for `?` (a design decision, tested in match_glob_test.cc): `?` matches one
// UTF-8 encoded code point (1-4 bytes), the closest byte-level equivalent of "one character"
// in AWS's documentation. A byte that does not start a well-formed UTF-8 sequence counts as
// one character on its own, so malformed input is matched deterministically and never read
// out of bounds. `*` and literal text are byte-exact.
//
// Case: kSensitive compares bytes; kAsciiInsensitive folds A-Z/a-z on both sides (only ASCII:
// spec §4.3 says Unicode folding is unverified).
#ifndef IAMEVAL_SRC_MATCH_GLOB_H_
#define IAMEVAL_SRC_MATCH_GLOB_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace iameval::internal {

enum class CaseMode : std::uint8_t { kSensitive, kAsciiInsensitive };

enum class GlobPieceKind : std::uint8_t {
  kLiteral,   // `text` must appear verbatim (empty text is allowed and matches "")
  kStar,      // any run of characters, possibly empty
  kQuestion,  // exactly one character (UTF-8 code point, see above)
};

// One element of a compiled or resolved pattern. `text` is used by kLiteral only and points
// into storage owned elsewhere (a Glob, a PolicyTemplate or a context value).
struct GlobPiece {
  GlobPieceKind kind = GlobPieceKind::kLiteral;
  std::string_view text;
};

// The matching engine: true when the whole `subject` matches the concatenation of
// `pieces[0..count)`. Never allocates, never recurses. Thread-safe (pure function).
bool MatchGlobPieces(const GlobPiece* pieces, std::size_t count, std::string_view subject,
                     CaseMode mode);

// One-off match of a pattern given as text (no compiled Glob kept): for patterns used once,
// such as catalog lookups. Same semantics as Glob::Compile(pattern, mode).Matches(subject);
// allocates only for patterns of more than PieceBuffer::kInlineCapacity pieces.
bool MatchGlobText(std::string_view pattern, std::string_view subject,
                   CaseMode mode = CaseMode::kSensitive);

// Byte length of the character starting at `pos` (`pos < text.size()`): the length of a
// well-formed UTF-8 sequence, else 1.
std::size_t Utf8CharLength(std::string_view text, std::size_t pos);

// Scratch space for pieces built at match time (resolved policy variables, ARN fields).
// Lives on the stack; only patterns with more than kInlineCapacity pieces spill to the heap,
// which real policies never reach. Not copyable.
class PieceBuffer {
 public:
  static constexpr std::size_t kInlineCapacity = 32;

  PieceBuffer() = default;
  PieceBuffer(const PieceBuffer&) = delete;
  PieceBuffer& operator=(const PieceBuffer&) = delete;

  void Clear() {
    size_ = 0;
    heap_.clear();
  }
  void PushBack(const GlobPiece& piece) {
    if (heap_.empty() && size_ < kInlineCapacity) {
      new (&inline_[size_]) GlobPiece(piece);
      ++size_;
      return;
    }
    if (heap_.empty()) heap_.assign(InlineData(), InlineData() + size_);
    heap_.push_back(piece);
    size_ = heap_.size();
  }
  const GlobPiece* data() const { return heap_.empty() ? InlineData() : heap_.data(); }
  std::size_t size() const { return size_; }
  const GlobPiece& operator[](std::size_t i) const { return data()[i]; }

 private:
  const GlobPiece* InlineData() const {
    return std::launder(reinterpret_cast<const GlobPiece*>(inline_));
  }

  // Raw storage: constructing 32 pieces up front would cost more than most matches.
  // GlobPiece is trivially copyable and destructible, so no destructor calls are needed.
  static_assert(std::is_trivially_copyable_v<GlobPiece> &&
                std::is_trivially_destructible_v<GlobPiece>);
  std::aligned_storage_t<sizeof(GlobPiece), alignof(GlobPiece)> inline_[kInlineCapacity];
  std::vector<GlobPiece> heap_;
  std::size_t size_ = 0;
};

// A compiled glob pattern. Immutable after Compile; cheap to copy (the pattern text is shared)
// and safe to use from many threads at once.
//
//   Glob g = Glob::Compile("s3:Get*", CaseMode::kAsciiInsensitive);
//   g.Matches("S3:GetObject");  // true
class Glob {
 public:
  // The empty pattern: matches only "".
  Glob();

  // Every byte of `pattern` is literal except `*` and `?`. Consecutive stars collapse.
  static Glob Compile(std::string_view pattern, CaseMode mode = CaseMode::kSensitive);

  // True when all of `subject` matches. No allocation.
  bool Matches(std::string_view subject) const {
    return MatchGlobPieces(pieces_.data(), pieces_.size(), subject, mode_);
  }

  // The source text given to Compile.
  std::string_view pattern() const { return *pattern_; }
  CaseMode case_mode() const { return mode_; }
  // False when the pattern is plain text (then Matches is an equality test).
  bool has_wildcards() const { return has_wildcards_; }
  const std::vector<GlobPiece>& pieces() const { return pieces_; }

 private:
  // INVARIANT: every literal piece's text points into *pattern_, a heap object that never
  // moves, so copies and moves of the Glob keep valid views.
  std::shared_ptr<const std::string> pattern_;
  std::vector<GlobPiece> pieces_;
  CaseMode mode_ = CaseMode::kSensitive;
  bool has_wildcards_ = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_GLOB_H_
