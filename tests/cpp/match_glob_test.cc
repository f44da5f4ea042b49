// Tests for match/glob.h: wildcard semantics, case modes, UTF-8 `?`, the piece engine and the
// linear-time guarantee on pathological patterns.
#include "match/glob.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "match/ascii.h"

namespace iameval::internal {
namespace {

bool Sensitive(std::string_view pattern, std::string_view subject) {
  return Glob::Compile(pattern).Matches(subject);
}
bool Insensitive(std::string_view pattern, std::string_view subject) {
  return Glob::Compile(pattern, CaseMode::kAsciiInsensitive).Matches(subject);
}

struct Case {
  const char* pattern;
  const char* subject;
  bool expected;
};

TEST(GlobTest, Table) {
  const Case cases[] = {
      {"", "", true},
      {"", "a", false},
      {"a", "", false},
      {"abc", "abc", true},
      {"abc", "abcd", false},
      {"abc", "ab", false},
      {"*", "", true},
      {"*", "anything/at:all", true},
      {"**", "", true},
      {"***", "x", true},
      {"?", "", false},
      {"?", "a", true},
      {"?", "ab", false},
      {"??", "ab", true},
      {"a*", "a", true},
      {"a*", "abc", true},
      {"a*", "ba", false},
      {"*a", "a", true},
      {"*a", "bba", true},
      {"*a", "ab", false},
      {"a*b", "ab", true},
      {"a*b", "axxb", true},
      {"a*b", "axxbx", false},
      {"a*b*c", "abc", true},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "acb", false},
      {"*ab*", "xxaxbxx", false},
      {"*ab*", "xxabxx", true},
      {"a?c", "abc", true},
      {"a?c", "ac", false},
      {"*?", "", false},
      {"*?", "x", true},
      {"?*?", "x", false},
      {"?*?", "xy", true},
      {"*a?b*", "zzaxbzz", true},
      {"*a?b*", "zzabzz", false},
      // Suffix overlapping the middle segment must not double-count characters.
      {"*aa*aa", "aaa", false},
      {"*aa*aa", "aaaa", true},
      {"a*a", "a", false},
      {"a*a", "aa", true},
      {"ab*ba", "aba", false},
      {"ab*ba", "abba", true},
      // Greedy leftmost placement needs to keep looking after a false start.
      {"*abc*", "ababc", true},
      {"*aab", "aaab", true},
      {"*a*b", "aaaaab", true},
      {"*a*b", "aaaaa", false},
      // `*` crosses `/` and `:`; nothing is special about them in a glob.
      {"arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y:z", true},
      {"s3:Get*", "s3:GetObject", true},
      {"s3:Get*", "s3:getobject", false},
      // Characters that are special in regexes are plain here.
      {".+[]()\\^$|{}", ".+[]()\\^$|{}", true},
      {"a.c", "abc", false},
      {"a\\*", "a\\xyz", true},
      {"${*}", "${x}", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Sensitive(c.pattern, c.subject), c.expected)
        << "pattern=`" << c.pattern << "` subject=`" << c.subject << "`";
  }
}

TEST(GlobTest, CaseSensitiveByDefault) {
  EXPECT_FALSE(Sensitive("ABC", "abc"));
  EXPECT_FALSE(Sensitive("a*C", "abc"));
  EXPECT_TRUE(Sensitive("a*C", "abC"));
}

TEST(GlobTest, AsciiInsensitive) {
  EXPECT_TRUE(Insensitive("ABC", "abc"));
  EXPECT_TRUE(Insensitive("s3:get*", "S3:GetObject"));
  EXPECT_TRUE(Insensitive("*OBJECT", "s3:GetObject"));
  EXPECT_TRUE(Insensitive("*bJeC*", "s3:GetObjectAcl"));
  EXPECT_TRUE(Insensitive("iam:?ETUSER", "IAM:getuser"));
  EXPECT_FALSE(Insensitive("iam:GetUser", "iam:GetUsers"));
  // Only ASCII folds: É (C3 89) and é (C3 A9) stay different.
  EXPECT_FALSE(Insensitive("\xC3\x89", "\xC3\xA9"));
  EXPECT_TRUE(Insensitive("\xC3\xA9", "\xC3\xA9"));
  // Non-letters are not folded into letters.
  EXPECT_FALSE(Insensitive("[", "{"));
  EXPECT_FALSE(Insensitive("@", "`"));
}

TEST(GlobTest, QuestionMarkMatchesOneUtf8CodePoint) {
  const std::string e_acute = "\xC3\xA9";           // é, 2 bytes
  const std::string euro = "\xE2\x82\xAC";          // €, 3 bytes
  const std::string smile = "\xF0\x9F\x98\x80";     // U+1F600, 4 bytes
  EXPECT_TRUE(Sensitive("?", e_acute));
  EXPECT_FALSE(Sensitive("??", e_acute));
  EXPECT_TRUE(Sensitive("?", euro));
  EXPECT_TRUE(Sensitive("?", smile));
  EXPECT_TRUE(Sensitive("a?c", "a" + smile + "c"));
  EXPECT_TRUE(Sensitive("???", e_acute + euro + smile));
  EXPECT_FALSE(Sensitive("????", e_acute + euro + smile));
  EXPECT_TRUE(Sensitive("*?", smile));
  EXPECT_TRUE(Sensitive("?*", smile));
  EXPECT_TRUE(Sensitive("*?x", "ab" + smile + "x"));
  EXPECT_TRUE(Sensitive("*" + euro + "?", "x" + euro + smile));
  EXPECT_TRUE(Sensitive("*?" + euro, "a" + e_acute + euro));
  EXPECT_FALSE(Sensitive("*??" + euro, e_acute + euro));
  EXPECT_TRUE(Sensitive("*??" + euro, "a" + e_acute + euro));
  // `*` and literals are byte-exact and UTF-8 literals match themselves.
  EXPECT_TRUE(Sensitive("caf" + e_acute + "*", "caf" + e_acute + "s"));
  EXPECT_TRUE(Sensitive("*", smile + smile));
}

TEST(GlobTest, MalformedUtf8CountsBytewise) {
  // A stray continuation byte, a truncated sequence and an invalid lead byte are each one
  // character per byte; nothing reads out of bounds.
  EXPECT_TRUE(Sensitive("?", "\x80"));
  EXPECT_TRUE(Sensitive("??", "\xC3"
                              "a"));
  EXPECT_TRUE(Sensitive("?", "\xFF"));
  EXPECT_TRUE(Sensitive("??", "\xE2\x82"));  // truncated 3-byte sequence = 2 chars
  EXPECT_TRUE(Sensitive("?", "\xF0\x9F\x98\x80"));
  EXPECT_FALSE(Sensitive("?", "\xF0\x9F\x98"));
  EXPECT_TRUE(Sensitive("*?", "\xF0\x9F\x98"));
  EXPECT_EQ(Utf8CharLength("\xC3", 0), 1u);
  EXPECT_EQ(Utf8CharLength("\xC3\xA9", 0), 2u);
  EXPECT_EQ(Utf8CharLength("\xC0\x80", 0), 1u);  // overlong lead byte C0 is invalid
  EXPECT_EQ(Utf8CharLength("\xF5\x80\x80\x80", 0), 1u);
}

TEST(GlobTest, EmbeddedNulBytes) {
  const std::string subject("a\0b", 3);
  EXPECT_TRUE(Glob::Compile(std::string_view("a\0b", 3)).Matches(subject));
  EXPECT_TRUE(Sensitive("a?b", subject));
  EXPECT_FALSE(Sensitive("ab", subject));
}

TEST(GlobTest, CompiledShape) {
  const Glob g = Glob::Compile("a**b?c*");
  EXPECT_TRUE(g.has_wildcards());
  ASSERT_EQ(g.pieces().size(), 6u);  // a * b ? c *
  EXPECT_EQ(g.pieces()[0].text, "a");
  EXPECT_EQ(g.pieces()[1].kind, GlobPieceKind::kStar);
  EXPECT_EQ(g.pieces()[3].kind, GlobPieceKind::kQuestion);
  EXPECT_EQ(g.pattern(), "a**b?c*");
  EXPECT_FALSE(Glob::Compile("plain").has_wildcards());
  EXPECT_TRUE(Glob().Matches(""));
  EXPECT_FALSE(Glob().Matches("x"));
}

TEST(GlobTest, CopiesAndMovesKeepValidViews) {
  // Short patterns live in the string's inline buffer: views must survive moves anyway.
  std::vector<Glob> globs;
  for (int i = 0; i < 50; ++i) globs.push_back(Glob::Compile("a" + std::to_string(i) + "*"));
  const Glob copy = globs[7];
  globs.clear();
  EXPECT_TRUE(copy.Matches("a7xyz"));
  EXPECT_FALSE(copy.Matches("a8"));
  Glob moved = Glob::Compile("x?z");
  Glob target = std::move(moved);
  EXPECT_TRUE(target.Matches("xyz"));
}

TEST(GlobTest, EngineAcceptsEmptyLiteralPieces) {
  // Resolved variables can produce empty literal pieces anywhere.
  const GlobPiece pieces[] = {{GlobPieceKind::kLiteral, ""},
                              {GlobPieceKind::kStar, {}},
                              {GlobPieceKind::kLiteral, ""},
                              {GlobPieceKind::kStar, {}},
                              {GlobPieceKind::kLiteral, "x"},
                              {GlobPieceKind::kLiteral, ""}};
  EXPECT_TRUE(MatchGlobPieces(pieces, 6, "abx", CaseMode::kSensitive));
  EXPECT_FALSE(MatchGlobPieces(pieces, 6, "abxy", CaseMode::kSensitive));
  EXPECT_TRUE(MatchGlobPieces(pieces, 0, "", CaseMode::kSensitive));
  EXPECT_FALSE(MatchGlobPieces(pieces, 0, "a", CaseMode::kSensitive));
  // Adjacent literal pieces behave like their concatenation.
  const GlobPiece split[] = {{GlobPieceKind::kStar, {}},
                             {GlobPieceKind::kLiteral, "ab"},
                             {GlobPieceKind::kLiteral, "c"},
                             {GlobPieceKind::kStar, {}}};
  EXPECT_TRUE(MatchGlobPieces(split, 4, "xxabcxx", CaseMode::kSensitive));
  EXPECT_FALSE(MatchGlobPieces(split, 4, "xxab_cxx", CaseMode::kSensitive));
}

TEST(GlobTest, PieceBufferSpillsToHeap) {
  PieceBuffer buffer;
  for (std::size_t i = 0; i < PieceBuffer::kInlineCapacity * 3; ++i) {
    buffer.PushBack({i % 2 == 0 ? GlobPieceKind::kLiteral : GlobPieceKind::kStar, "a"});
  }
  EXPECT_EQ(buffer.size(), PieceBuffer::kInlineCapacity * 3);
  EXPECT_EQ(buffer[0].kind, GlobPieceKind::kLiteral);
  EXPECT_EQ(buffer[1].kind, GlobPieceKind::kStar);
  EXPECT_TRUE(MatchGlobPieces(buffer.data(), buffer.size(), std::string(96, 'a'),
                              CaseMode::kSensitive));
  buffer.Clear();
  EXPECT_EQ(buffer.size(), 0u);
  buffer.PushBack({GlobPieceKind::kLiteral, "z"});
  EXPECT_EQ(buffer[0].text, "z");
}

// A brute-force reference: exponential in the worst case, fine on tiny inputs.
bool ReferenceMatch(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p[0] == '*') {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (ReferenceMatch(p.substr(1), s.substr(i))) return true;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' || p[0] == s[0]) return ReferenceMatch(p.substr(1), s.substr(1));
  return false;
}

TEST(GlobTest, AgreesWithReferenceOnAllSmallAsciiCases) {
  // Every pattern over {a,b,*,?} up to length 5 against every subject over {a,b} up to 5.
  const char pattern_alphabet[] = {'a', 'b', '*', '?'};
  const char subject_alphabet[] = {'a', 'b'};
  std::vector<std::string> patterns = {""};
  std::vector<std::string> subjects = {""};
  for (std::size_t len = 0; len < 5; ++len) {
    const std::size_t n = patterns.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (patterns[i].size() != len) continue;
      for (char c : pattern_alphabet) patterns.push_back(patterns[i] + c);
    }
    const std::size_t m = subjects.size();
    for (std::size_t i = 0; i < m; ++i) {
      if (subjects[i].size() != len) continue;
      for (char c : subject_alphabet) subjects.push_back(subjects[i] + c);
    }
  }
  int checked = 0;
  for (const std::string& p : patterns) {
    const Glob g = Glob::Compile(p);
    for (const std::string& s : subjects) {
      ASSERT_EQ(g.Matches(s), ReferenceMatch(p, s)) << "pattern=`" << p << "` subject=`" << s
                                                    << "`";
      ++checked;
    }
  }
  EXPECT_GT(checked, 50000);
}

// Code-point reference: pattern and subject as lists of characters ("*" and "?" special).
bool ReferenceMatchChars(const std::vector<std::string>& p, std::size_t pi,
                         const std::vector<std::string>& s, std::size_t si) {
  if (pi == p.size()) return si == s.size();
  if (p[pi] == "*") {
    for (std::size_t k = si; k <= s.size(); ++k) {
      if (ReferenceMatchChars(p, pi + 1, s, k)) return true;
    }
    return false;
  }
  if (si == s.size()) return false;
  if (p[pi] == "?" || p[pi] == s[si]) return ReferenceMatchChars(p, pi + 1, s, si + 1);
  return false;
}

TEST(GlobTest, AgreesWithCodePointReferenceOnUtf8) {
  const std::vector<std::string> pattern_chars = {"a", "\xC3\xA9", "*", "?"};
  const std::vector<std::string> subject_chars = {"a", "\xC3\xA9", "\xF0\x9F\x98\x80"};
  std::vector<std::vector<std::string>> patterns = {{}};
  std::vector<std::vector<std::string>> subjects = {{}};
  for (std::size_t len = 0; len < 4; ++len) {
    const std::size_t n = patterns.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (patterns[i].size() != len) continue;
      for (const std::string& c : pattern_chars) {
        patterns.push_back(patterns[i]);
        patterns.back().push_back(c);
      }
    }
    const std::size_t m = subjects.size();
    for (std::size_t i = 0; i < m; ++i) {
      if (subjects[i].size() != len) continue;
      for (const std::string& c : subject_chars) {
        subjects.push_back(subjects[i]);
        subjects.back().push_back(c);
      }
    }
  }
  auto join = [](const std::vector<std::string>& chars) {
    std::string out;
    for (const std::string& c : chars) out += c;
    return out;
  };
  for (const auto& p : patterns) {
    const std::string pattern = join(p);
    const Glob g = Glob::Compile(pattern);
    for (const auto& s : subjects) {
      ASSERT_EQ(g.Matches(join(s)), ReferenceMatchChars(p, 0, s, 0))
          << "pattern=`" << pattern << "` subject=`" << join(s) << "`";
    }
  }
}

// Sanitizer builds (tools/sanitize.sh) run several times slower; the bounds only catch
// super-linear blow-ups.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kSlowdown = 5.0;
#else
constexpr double kSlowdown = 1.0;
#endif

double MillisecondsFor(const Glob& glob, const std::string& subject, bool* result) {
  const auto start = std::chrono::steady_clock::now();
  *result = glob.Matches(subject);
  const auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::milli>(end - start).count();
}

TEST(GlobTest, PathologicalStarsAreLinear) {
  std::string pattern;
  for (int i = 0; i < 1000; ++i) pattern += "*a";
  pattern += "*b";
  const std::string subject(100 * 1024, 'a');
  bool result = true;
  const double ms = MillisecondsFor(Glob::Compile(pattern), subject, &result);
  EXPECT_FALSE(result);
  EXPECT_LT(ms, 50.0 * kSlowdown);  // a single pass; typically well under 1 ms

  const double ms_match = MillisecondsFor(Glob::Compile(pattern), subject + "b", &result);
  EXPECT_TRUE(result);
  EXPECT_LT(ms_match, 50.0 * kSlowdown);

  // Same shape with `?` and case folding.
  std::string qpattern;
  for (int i = 0; i < 1000; ++i) qpattern += "*?a";
  qpattern += "*?B";
  const double ms_q = MillisecondsFor(Glob::Compile(qpattern, CaseMode::kAsciiInsensitive),
                                      subject, &result);
  EXPECT_FALSE(result);
  EXPECT_LT(ms_q, 50.0 * kSlowdown);
}

TEST(GlobTest, LongSegmentsStayBounded) {
  // O(n * L): a 100-byte segment that almost matches everywhere in 100 KB.
  const std::string subject(100 * 1024, 'a');
  const std::string pattern = "*" + std::string(99, 'a') + "b*";
  bool result = true;
  const double ms = MillisecondsFor(Glob::Compile(pattern), subject, &result);
  EXPECT_FALSE(result);
  EXPECT_LT(ms, 200.0 * kSlowdown);
  const std::string qsuffix = "*" + std::string(50, '?') + "b";
  const double ms_q = MillisecondsFor(Glob::Compile(qsuffix), subject, &result);
  EXPECT_FALSE(result);
  EXPECT_LT(ms_q, 200.0 * kSlowdown);
}

// The word-at-a-time ASCII helpers against their byte-at-a-time definitions.
TEST(AsciiTest, LowerWordMatchesLowerOnEveryByteInEveryPosition) {
  for (int pos = 0; pos < 8; ++pos) {
    for (int b = 0; b < 256; ++b) {
      unsigned char in[8] = {'A', 'z', '@', '[', 0x80, 0xC1, 'Q', '`'};
      in[pos] = static_cast<unsigned char>(b);
      std::uint64_t w;
      std::memcpy(&w, in, 8);
      w = AsciiToLowerWord(w);
      unsigned char out[8];
      std::memcpy(out, &w, 8);
      for (int i = 0; i < 8; ++i) {
        ASSERT_EQ(out[i], static_cast<unsigned char>(AsciiToLower(static_cast<char>(in[i]))))
            << "byte " << b << " at " << pos;
      }
    }
  }
}

TEST(AsciiTest, LowerCopyAndFindColonsAgreeWithNaiveLoops) {
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  const char alphabet[] = {'a', 'Z', ':', ':', '/', 'Q', '0', '\x80', '\xff', '@', '[', ' '};
  for (int round = 0; round < 3000; ++round) {
    std::string text(next() % 70, ' ');
    for (char& c : text) c = alphabet[next() % sizeof alphabet];
    std::string lowered(text.size(), '\0');
    AsciiLowerCopy(text.data(), text.size(), lowered.data());
    for (size_t i = 0; i < text.size(); ++i) ASSERT_EQ(lowered[i], AsciiToLower(text[i]));
    const size_t from = text.empty() ? 0 : next() % (text.size() + 1);
    const size_t want = next() % 6;
    std::vector<size_t> expected;
    for (size_t i = from; i < text.size() && expected.size() < want; ++i) {
      if (text[i] == ':') expected.push_back(i);
    }
    size_t found[8];
    const size_t n = FindColons(text, from, want, found);
    ASSERT_EQ(std::vector<size_t>(found, found + n), expected) << text << " from " << from;
  }
}

}  // namespace
}  // namespace iameval::internal
