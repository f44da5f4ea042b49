// File: pattern_language.cc
// The product subset-construction search of pattern_language.h.
#include "analysis/pattern_language.h"

#include <algorithm>
#include <deque>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace iameval::internal {
namespace {

// Malformed bytes get values above every code point.
constexpr PatternChar kRawByteBase = 0x110000;

PatternChar Fold(PatternChar c, CaseMode mode) {
  if (mode == CaseMode::kAsciiInsensitive && c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  return c;
}

bool IsStar(PatternTokenKind kind) {
  return kind == PatternTokenKind::kStar || kind == PatternTokenKind::kStarNoColon;
}

// The NFAs of all searched languages, one position per token plus a final position per
// alternative, numbered consecutively.
class Automata {
 public:
  Automata(const std::vector<const PatternLanguage*>& languages, CaseMode mode) : mode_(mode) {
    for (size_t lang = 0; lang < languages.size(); ++lang) {
      finals_.emplace_back();
      ranges_.push_back({tokens_.size(), 0});
      for (const LinearPattern& alternative : languages[lang]->alternatives) {
        starts_.push_back(tokens_.size());
        for (const PatternToken& token : alternative) {
          PatternToken folded = token;
          folded.c = Fold(token.c, mode);
          tokens_.push_back(folded);
          is_final_.push_back(false);
        }
        finals_.back().push_back(tokens_.size());
        tokens_.push_back(PatternToken{});  // placeholder for the final position
        is_final_.push_back(true);
      }
      ranges_.back().end = tokens_.size();
    }
    // Positions from which every continuation is accepted: only crossing stars remain.
    universal_.assign(tokens_.size(), false);
    for (size_t p = tokens_.size(); p-- > 0;) {
      if (is_final_[p]) continue;
      universal_[p] = tokens_[p].kind == PatternTokenKind::kStar &&
                      (is_final_[p + 1] || universal_[p + 1]);
    }
    for (Range& range : ranges_) {
      range.universal = range.end;
      for (size_t p = range.begin; p < range.end; ++p) {
        if (universal_[p]) {
          range.universal = p;
          break;
        }
      }
    }
    // At least one word, so that a search over no patterns still has a (single) state.
    words_ = std::max<size_t>((tokens_.size() + 63) / 64, 1);
  }

  size_t words() const { return words_; }
  size_t language_count() const { return finals_.size(); }

  // The characters that behave differently from a fresh one: written ones and ':'.
  std::vector<PatternChar> Alphabet() const {
    std::vector<PatternChar> chars;
    for (size_t p = 0; p < tokens_.size(); ++p) {
      if (!is_final_[p] && tokens_[p].kind == PatternTokenKind::kChar) {
        chars.push_back(tokens_[p].c);
      }
    }
    chars.push_back(':');
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    // One fresh character stands for every other; first, so that wildcards are filled with
    // it in witnesses (readable: `x` rather than a character of the pattern).
    static constexpr std::string_view kCandidates = "xyzwvqkj0123456789";
    PatternChar fresh = 0;
    for (char c : kCandidates) {
      if (!std::binary_search(chars.begin(), chars.end(), static_cast<PatternChar>(c))) {
        fresh = static_cast<PatternChar>(c);
        break;
      }
    }
    for (PatternChar c = 0xE000; fresh == 0; ++c) {
      if (!std::binary_search(chars.begin(), chars.end(), c)) fresh = c;
    }
    chars.insert(chars.begin(), fresh);
    return chars;
  }

  void Initial(uint64_t* state) const {
    std::fill(state, state + words_, 0);
    for (size_t start : starts_) Set(state, start);
    Close(state);
  }

  // `out` = the successor of `in` on character `c` (already folded).
  void Step(const uint64_t* in, PatternChar c, uint64_t* out) const {
    std::fill(out, out + words_, 0);
    for (size_t w = 0; w < words_; ++w) {
      uint64_t bits = in[w];
      while (bits != 0) {
        const size_t p = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
        bits &= bits - 1;
        if (is_final_[p]) continue;
        const PatternToken& token = tokens_[p];
        switch (token.kind) {
          case PatternTokenKind::kChar:
            if (token.c == c) Set(out, p + 1);
            break;
          case PatternTokenKind::kAnyChar:
            Set(out, p + 1);
            break;
          case PatternTokenKind::kAnyCharNoColon:
            if (c != ':') Set(out, p + 1);
            break;
          case PatternTokenKind::kStar:
            Set(out, p);
            break;
          case PatternTokenKind::kStarNoColon:
            if (c != ':') Set(out, p);
            break;
        }
      }
    }
    Close(out);
  }

  AcceptSet Accepted(const uint64_t* state) const {
    AcceptSet accepted(finals_.size());
    for (size_t lang = 0; lang < finals_.size(); ++lang) {
      for (size_t f : finals_[lang]) {
        if (Test(state, f)) {
          accepted.Set(lang);
          break;
        }
      }
    }
    return accepted;
  }

 private:
  static void Set(uint64_t* state, size_t p) { state[p / 64] |= uint64_t{1} << (p % 64); }
  static bool Test(const uint64_t* state, size_t p) { return (state[p / 64] >> (p % 64)) & 1u; }
  static void Clear(uint64_t* state, size_t p) { state[p / 64] &= ~(uint64_t{1} << (p % 64)); }

  // A star may match the empty run: its position also stands at the next token. Stars only
  // point forward, so one ascending pass reaches the closure.
  void Close(uint64_t* state) const {
    for (size_t p = 0; p < tokens_.size(); ++p) {
      if (!is_final_[p] && IsStar(tokens_[p].kind) && Test(state, p)) Set(state, p + 1);
    }
    // A language that accepts every continuation from some active position accepts every
    // continuation, whatever its other positions: keep one canonical position. Without this
    // a union of patterns ending in `*` (a universe of many ARN formats) would make the
    // subset construction track which alternatives have matched: exponentially many states.
    for (const Range& range : ranges_) {
      if (range.universal == range.end) continue;
      bool absorbed = false;
      for (size_t p = range.begin; p < range.end && !absorbed; ++p) {
        absorbed = universal_[p] && Test(state, p);
      }
      if (!absorbed) continue;
      for (size_t p = range.begin; p < range.end; ++p) Clear(state, p);
      for (size_t p = range.universal; !is_final_[p]; ++p) Set(state, p);
      for (size_t p = range.universal; p < range.end; ++p) {
        if (is_final_[p]) {
          Set(state, p);
          break;
        }
      }
    }
  }

  CaseMode mode_;
  std::vector<PatternToken> tokens_;
  std::vector<bool> is_final_;
  std::vector<size_t> starts_;
  std::vector<std::vector<size_t>> finals_;
  struct Range {
    size_t begin = 0;
    size_t end = 0;        // positions of one language: [begin, end)
    size_t universal = 0;  // its first universal position, or `end` when it has none
  };
  std::vector<Range> ranges_;
  std::vector<bool> universal_;
  size_t words_ = 0;
};

std::string StateKey(const std::vector<uint64_t>& arena, size_t id, size_t words) {
  return std::string(reinterpret_cast<const char*>(arena.data() + id * words),
                          words * sizeof(uint64_t));
}

}  // namespace

PatternLanguage PatternLanguage::Universal() {
  return Of(LinearPattern{PatternToken{PatternTokenKind::kStar, 0}});
}

PatternLanguage PatternLanguage::Of(LinearPattern pattern) {
  PatternLanguage language;
  language.alternatives.push_back(std::move(pattern));
  return language;
}

void PatternLanguage::Add(const PatternLanguage& other) {
  alternatives.insert(alternatives.end(), other.alternatives.begin(), other.alternatives.end());
}

std::vector<PatternChar> DecodePatternChars(std::string_view text) {
  std::vector<PatternChar> chars;
  chars.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t len = Utf8CharLength(text, i);
    const auto lead = static_cast<unsigned char>(text[i]);
    if (len == 1) {
      chars.push_back(lead < 0x80 ? PatternChar{lead} : kRawByteBase + lead);
    } else {
      PatternChar c = lead & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
      for (size_t k = 1; k < len; ++k) {
        c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
      }
      chars.push_back(c);
    }
    i += len;
  }
  return chars;
}

void AppendPatternChar(PatternChar c, std::string* out) {
  if (c >= kRawByteBase) {
    out->push_back(static_cast<char>(c - kRawByteBase));
  } else if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

LinearPattern LiteralPattern(std::string_view text) {
  LinearPattern pattern;
  for (PatternChar c : DecodePatternChars(text)) {
    pattern.push_back({PatternTokenKind::kChar, c});
  }
  return pattern;
}

LinearPattern PlainGlobPattern(std::string_view glob) {
  LinearPattern pattern;
  for (PatternChar c : DecodePatternChars(glob)) {
    if (c == '*') {
      // `**` is `*`; fewer positions keep the automaton small.
      if (pattern.empty() || pattern.back().kind != PatternTokenKind::kStar) {
        pattern.push_back({PatternTokenKind::kStar, 0});
      }
    } else if (c == '?') {
      pattern.push_back({PatternTokenKind::kAnyChar, 0});
    } else {
      pattern.push_back({PatternTokenKind::kChar, c});
    }
  }
  return pattern;
}

WitnessResult FindWitness(const std::vector<const PatternLanguage*>& languages,
                          const AcceptPredicate& want, CaseMode mode,
                          const SearchLimits& limits) {
  WitnessResult result;
  const Automata automata(languages, mode);
  const std::vector<PatternChar> alphabet = automata.Alphabet();
  const size_t words = automata.words();

  // States live in one arena; the map finds a state's id from its bits.
  std::vector<uint64_t> arena(words, 0);
  automata.Initial(arena.data());
  absl::flat_hash_map<std::string, uint32_t> ids;
  ids.emplace(StateKey(arena, 0, words), 0);
  struct Parent {
    uint32_t state;
    PatternChar c;
  };
  std::vector<Parent> parents{{0, 0}};
  absl::flat_hash_map<std::string, bool> verdicts;  // acceptance set -> want()
  std::vector<uint64_t> next(words, 0);

  for (size_t current = 0; current < parents.size(); ++current) {
    AcceptSet accepted = automata.Accepted(arena.data() + current * words);
    const std::string key(reinterpret_cast<const char*>(accepted.words().data()),
                          accepted.words().size() * sizeof(uint64_t));
    auto verdict = verdicts.find(key);
    if (verdict == verdicts.end()) verdict = verdicts.emplace(key, want(accepted)).first;
    if (verdict->second) {
      std::vector<PatternChar> reversed;
      for (size_t s = current; s != 0; s = parents[s].state) reversed.push_back(parents[s].c);
      for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
        AppendPatternChar(*it, &result.word);
      }
      result.outcome = SearchOutcome::kFound;
      result.accepted = std::move(accepted);
      return result;
    }
    for (PatternChar c : alphabet) {
      automata.Step(arena.data() + current * words, c, next.data());
      // absl::string_view: heterogeneous lookup needs absl's own type (not always std's).
      const absl::string_view bits(reinterpret_cast<const char*>(next.data()),
                                   words * sizeof(uint64_t));
      if (ids.find(bits) != ids.end()) continue;
      if (parents.size() >= limits.max_states) {
        result.outcome = SearchOutcome::kUnknown;
        return result;
      }
      const auto id = static_cast<uint32_t>(parents.size());
      ids.emplace(std::string(bits), id);
      arena.insert(arena.end(), next.begin(), next.end());
      parents.push_back({static_cast<uint32_t>(current), c});
    }
  }
  result.outcome = SearchOutcome::kNone;
  return result;
}

bool LanguageContains(const PatternLanguage& language, std::string_view word, CaseMode mode) {
  const std::vector<const PatternLanguage*> one{&language};
  const Automata automata(one, mode);
  const size_t words = automata.words();
  std::vector<uint64_t> state(words, 0);
  std::vector<uint64_t> next(words, 0);
  automata.Initial(state.data());
  for (PatternChar c : DecodePatternChars(word)) {
    automata.Step(state.data(), Fold(c, mode), next.data());
    state.swap(next);
  }
  return automata.Accepted(state.data()).Test(0);
}

}  // namespace iameval::internal
