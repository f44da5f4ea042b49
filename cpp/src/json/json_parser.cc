#include "json/json_parser.h"

#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <unordered_map>
#include <utility>

#include "json/json_pointer.h"

namespace iameval::internal {
namespace {

// Recursive descent over the text. Depth is bounded by JsonLimits::max_depth, so recursion
// cannot exhaust the stack; the first error stops the parse.
class Parser {
 public:
  Parser(std::string_view text, const JsonLimits& limits) : text_(text), limits_(limits) {}

  JsonParseResult Run() {
    JsonParseResult result;
    if (text_.size() > limits_.max_bytes) {
      Fail("too_large", "document is " + std::to_string(text_.size()) +
                            " bytes, over the limit of " + std::to_string(limits_.max_bytes));
      result.error = std::move(error_);
      return result;
    }
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") Advance(3);
    SkipSpace();
    if (AtEnd()) {
      Fail("invalid_json", "document is empty");
    } else if (ParseValue(result.value, 0)) {
      SkipSpace();
      if (!AtEnd()) Fail("invalid_json", "unexpected text after the JSON value");
    }
    result.ok = !failed_;
    if (failed_) result.error = std::move(error_);
    return result;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  void Advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < text_.size(); ++i) {
      if (text_[pos_] == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      ++pos_;
    }
  }

  JsonLocation Here() const {
    return JsonLocation{line_, static_cast<uint32_t>(pos_ - line_start_ + 1), pos_};
  }

  bool Fail(std::string kind, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_.kind = std::move(kind);
      error_.message = std::move(message);
      error_.path = path_;
      error_.location = Here();
    }
    return false;
  }

  void SkipSpace() {
    while (!AtEnd()) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        Advance(1);
      } else {
        break;
      }
    }
  }

  bool ParseValue(JsonValue& out, size_t depth) {
    bool ok = ParseValueAt(out, depth);
    out.end_offset = pos_;
    return ok;
  }

  bool ParseValueAt(JsonValue& out, size_t depth) {
    if (depth >= limits_.max_depth) {
      return Fail("too_deep", "nesting is deeper than the limit of " +
                                  std::to_string(limits_.max_depth));
    }
    out.location = Here();
    if (depth >= limits_.materialize_depth && !AtEnd()) {
      out.skimmed = true;
      if (TrySkimFast(out.type, depth)) return true;
      return SkipValue(out, depth);
    }
    if (AtEnd()) return Fail("invalid_json", "unexpected end of document");
    char c = Peek();
    switch (c) {
      case '{':
        return ParseObject(out, depth);
      case '[':
        return ParseArray(out, depth);
      case '"':
        out.type = JsonType::kString;
        return ParseString(out.text);
      case 't':
        out.type = JsonType::kBool;
        out.bool_value = true;
        return ParseLiteral("true");
      case 'f':
        out.type = JsonType::kBool;
        return ParseLiteral("false");
      case 'n':
        out.type = JsonType::kNull;
        return ParseLiteral("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          out.type = JsonType::kNumber;
          return ParseNumber(out.text);
        }
        return Fail("invalid_json", Describe(c) + " cannot start a JSON value");
    }
  }

  static std::string Describe(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0) return "a NUL byte";
    if (u < 0x20 || u >= 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
    }
    return std::string("`") + c + "`";
  }

  bool ParseLiteral(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      return Fail("invalid_json", "invalid literal, expected `" + std::string(word) + "`");
    }
    Advance(word.size());
    return true;
  }

  bool ParseNumber(std::string& out) {
    size_t start = pos_;
    if (Peek() == '-') Advance(1);
    if (AtEnd() || !IsDigit(Peek())) return Fail("invalid_json", "invalid number");
    if (Peek() == '0') {
      Advance(1);
      if (!AtEnd() && IsDigit(Peek())) return Fail("invalid_json", "number has a leading zero");
    } else {
      while (!AtEnd() && IsDigit(Peek())) Advance(1);
    }
    if (!AtEnd() && Peek() == '.') {
      Advance(1);
      if (AtEnd() || !IsDigit(Peek())) return Fail("invalid_json", "invalid number fraction");
      while (!AtEnd() && IsDigit(Peek())) Advance(1);
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      Advance(1);
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) Advance(1);
      if (AtEnd() || !IsDigit(Peek())) return Fail("invalid_json", "invalid number exponent");
      while (!AtEnd() && IsDigit(Peek())) Advance(1);
    }
    if (pos_ - start > limits_.max_string_bytes) return Fail("too_large", "number is too long");
    out.assign(text_.substr(start, pos_ - start));
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool ParseHex4(uint32_t& out) {
    if (pos_ + 4 > text_.size()) return Fail("invalid_json", "truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int v = HexValue(text_[pos_ + i]);
      if (v < 0) return Fail("invalid_json", "invalid \\u escape");
      out = out * 16 + static_cast<uint32_t>(v);
    }
    Advance(4);
    return true;
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // Length of the valid UTF-8 sequence starting at pos_ (>= 2 bytes), or 0 if invalid.
  size_t Utf8SequenceLength() const {
    auto byte = [&](size_t i) -> unsigned char {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0;
    };
    auto cont = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
    unsigned char b0 = byte(0);
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (b0 == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
      if (b0 == 0xED && byte(1) >= 0xA0) return 0;  // surrogates
      return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (b0 == 0xF0 && byte(1) < 0x90) return 0;   // overlong
      if (b0 == 0xF4 && byte(1) >= 0x90) return 0;  // > U+10FFFF
      return 4;
    }
    return 0;
  }

  bool ParseString(std::string& out) { return ScanString(&out); }

  // End of the run of plain string bytes (printable ASCII other than `"` and `\\`) that
  // starts at `from`. Eight bytes at a time: each test below flags exactly the bytes it looks
  // for at the lowest flagged position (borrows only reach more significant bytes), so the
  // first flagged byte of the OR is the first byte that ends the run.
  size_t PlainRunEnd(size_t from) const {
    const char* data = text_.data();
    const size_t size = text_.size();
    size_t run = from;
#if defined(__SSE2__)
    // Sixteen bytes at a time. The signed compare with 0x20 flags control bytes and every
    // byte >= 0x80 (negative as int8).
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i backslashes = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (run + 16 <= size) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + run));
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quotes),
                                                     _mm_cmpeq_epi8(v, backslashes)),
                                        _mm_cmplt_epi8(v, space));
      const int mask = _mm_movemask_epi8(stop);
      if (mask != 0) return run + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      run += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    while (run + 8 <= size) {
      uint64_t w;
      std::memcpy(&w, data + run, 8);
      const uint64_t quote = w ^ (kOnes * '"');
      const uint64_t backslash = w ^ (kOnes * '\\');
      const uint64_t flags = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                              ((w - kOnes * 0x20) & ~w) | w) &
                             kHigh;
      if (flags != 0) return run + static_cast<size_t>(__builtin_ctzll(flags)) / 8;
      run += 8;
    }
#endif
    while (run < size) {
      const unsigned char b = static_cast<unsigned char>(data[run]);
      if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
      ++run;
    }
    return run;
  }

  // Scans a string; decodes it into `*out` unless `out` is null (skimming only validates).
  bool ScanString(std::string* out) {
    ++pos_;  // the opening quote (no newline to account for)
    size_t decoded = 0;
    if (out) out->clear();
    auto Put = [&](char ch) {
      if (out) out->push_back(ch);
      ++decoded;
    };
    while (true) {
      if (AtEnd()) return Fail("invalid_json", "unterminated string");
      if (decoded > limits_.max_string_bytes) {
        return Fail("too_large", "string is longer than the limit of " +
                                     std::to_string(limits_.max_string_bytes) + " bytes");
      }
      // Fast path: a run of plain ASCII characters is copied at once. Strings cannot hold a
      // raw newline, so skipping Advance()'s line bookkeeping is safe here.
      const size_t run = PlainRunEnd(pos_);
      if (run > pos_) {
        if (out) out->append(text_.data() + pos_, run - pos_);
        decoded += run - pos_;
        pos_ = run;
        // The common end: the closing quote right after the run (what the next iteration
        // would find, after the same checks).
        if (pos_ < text_.size() && text_[pos_] == '"' && decoded <= limits_.max_string_bytes) {
          ++pos_;
          return true;
        }
        continue;
      }
      unsigned char c = static_cast<unsigned char>(Peek());
      if (c == '"') {
        Advance(1);
        return true;
      }
      if (c == '\\') {
        Advance(1);
        if (AtEnd()) return Fail("invalid_json", "unterminated string");
        char e = Peek();
        Advance(1);
        switch (e) {
          case '"': Put('"'); break;
          case '\\': Put('\\'); break;
          case '/': Put('/'); break;
          case 'b': Put('\b'); break;
          case 'f': Put('\f'); break;
          case 'n': Put('\n'); break;
          case 'r': Put('\r'); break;
          case 't': Put('\t'); break;
          case 'u': {
            uint32_t cp = 0;
            if (!ParseHex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              uint32_t low = 0;
              if (text_.substr(pos_, 2) != "\\u") {
                return Fail("invalid_utf8", "unpaired surrogate in \\u escape");
              }
              Advance(2);
              if (!ParseHex4(low)) return false;
              if (low < 0xDC00 || low > 0xDFFF) {
                return Fail("invalid_utf8", "unpaired surrogate in \\u escape");
              }
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return Fail("invalid_utf8", "unpaired surrogate in \\u escape");
            }
            std::string encoded;
            AppendUtf8(encoded, cp);
            if (out) out->append(encoded);
            decoded += encoded.size();
            break;
          }
          default:
            return Fail("invalid_json", "invalid escape `\\" + std::string(1, e) + "`");
        }
        continue;
      }
      if (c < 0x20) {
        return Fail("invalid_json", Describe(static_cast<char>(c)) +
                                        " (a control character) must be escaped in a string");
      }
      if (c < 0x80) {
        Put(static_cast<char>(c));
        Advance(1);
        continue;
      }
      size_t n = Utf8SequenceLength();
      if (n == 0) return Fail("invalid_utf8", "invalid UTF-8 byte sequence in a string");
      if (out) out->append(text_.substr(pos_, n));
      decoded += n;
      Advance(n);
    }
  }

  // The skim of an ordinary valid value, fast: one iterative pass with no error reporting.
  // Returns false, with pos_ / line_ / line_start_ untouched, on anything it does not handle
  // itself: escapes, non-ASCII or control bytes, nesting past the limits, over-long strings
  // or numbers, and every syntax error. SkipValue then redoes the value from the same place,
  // so errors are reported exactly as before; on success the position, line bookkeeping and
  // type are what SkipValue would have produced.
  bool TrySkimFast(JsonType& type, size_t depth) {
    // Locals throughout (registers); the members are written back only on success.
    const char* const data = text_.data();
    const size_t size = text_.size();
    const size_t max_string = limits_.max_string_bytes;
    const size_t max_depth = limits_.max_depth;
    size_t pos = pos_;
    uint32_t line = line_;
    size_t line_start = line_start_;
    auto skip_space = [&] {
      while (pos < size) {
        const auto c = static_cast<unsigned char>(data[pos]);
        if (c > ' ') return;  // the usual case: no whitespace
        if (c == ' ' || c == '\t' || c == '\r') {
          ++pos;
        } else if (c == '\n') {
          ++line;
          line_start = ++pos;
        } else {
          return;
        }
      }
    };
    // A string without escapes, non-ASCII or control bytes.
    auto plain_string = [&] {
      if (pos >= size || data[pos] != '"') return false;
      const size_t run = PlainRunEnd(pos + 1);
      if (run >= size || data[run] != '"' || run - (pos + 1) > max_string) return false;
      pos = run + 1;
      return true;
    };
    // A member name, the colon and the whitespace around it.
    auto member_name = [&] {
      if (!plain_string()) return false;
      skip_space();
      if (pos >= size || data[pos] != ':') return false;
      ++pos;
      skip_space();
      return true;
    };
    auto digits = [&](size_t& p) {
      while (p < size && IsDigit(data[p])) ++p;
    };
    // The grammar of ParseNumber.
    auto number = [&] {
      size_t p = pos;
      if (data[p] == '-') ++p;
      if (p >= size || !IsDigit(data[p])) return false;
      if (data[p] == '0') {
        ++p;
        if (p < size && IsDigit(data[p])) return false;
      } else {
        digits(p);
      }
      if (p < size && data[p] == '.') {
        ++p;
        if (p >= size || !IsDigit(data[p])) return false;
        digits(p);
      }
      if (p < size && (data[p] == 'e' || data[p] == 'E')) {
        ++p;
        if (p < size && (data[p] == '+' || data[p] == '-')) ++p;
        if (p >= size || !IsDigit(data[p])) return false;
        digits(p);
      }
      if (p - pos > max_string) return false;
      pos = p;
      return true;
    };
    auto literal = [&](std::string_view word) {
      if (size - pos < word.size() || std::memcmp(data + pos, word.data(), word.size()) != 0) {
        return false;
      }
      pos += word.size();
      return true;
    };

    constexpr size_t kMaxNesting = 64;
    bool in_object[kMaxNesting];
    size_t open = 0;  // containers around the value being read
    JsonType top_type = JsonType::kNull;
    while (true) {
      // One value at pos.
      if (depth + open >= max_depth || pos >= size) return false;
      const char c = data[pos];
      JsonType value_type;
      if (c == '"') {
        if (!plain_string()) return false;
        value_type = JsonType::kString;
      } else if (c == '{' || c == '[') {
        if (open == kMaxNesting) return false;
        if (open == 0) top_type = c == '{' ? JsonType::kObject : JsonType::kArray;
        in_object[open++] = c == '{';
        ++pos;
        skip_space();
        if (pos < size && data[pos] == (c == '{' ? '}' : ']')) {
          ++pos;
          --open;
        } else {
          if (c == '{' && !member_name()) return false;
          continue;  // the first element
        }
        value_type = top_type;
      } else if (c == 't' || c == 'f') {
        if (!literal(c == 't' ? "true" : "false")) return false;
        value_type = JsonType::kBool;
      } else if (c == 'n') {
        if (!literal("null")) return false;
        value_type = JsonType::kNull;
      } else if (c == '-' || IsDigit(c)) {
        if (!number()) return false;
        value_type = JsonType::kNumber;
      } else {
        return false;
      }
      // After a value: close every container that ends here, then move to the next element.
      while (true) {
        if (open == 0) {
          type = top_type == JsonType::kNull ? value_type : top_type;
          pos_ = pos;
          line_ = line;
          line_start_ = line_start;
          return true;
        }
        skip_space();
        if (pos >= size) return false;
        const char next = data[pos];
        if (next == ',') {
          ++pos;
          skip_space();
          if (in_object[open - 1] && !member_name()) return false;
          break;
        }
        if (next != (in_object[open - 1] ? '}' : ']')) return false;
        ++pos;
        --open;
      }
    }
  }

  // Validates a value without building it: same grammar and limits as the building parser.
  bool SkipValue(JsonValue& out, size_t depth) { return SkipValueOfType(out.type, depth); }

  // SkipValue, reporting only the value's type (no JsonValue temporaries per element).
  bool SkipValueOfType(JsonType& type, size_t depth) {
    if (depth >= limits_.max_depth) {
      return Fail("too_deep", "nesting is deeper than the limit of " +
                                  std::to_string(limits_.max_depth));
    }
    char c = Peek();
    switch (c) {
      case '{':
      case '[': {
        type = c == '{' ? JsonType::kObject : JsonType::kArray;
        const char close = c == '{' ? '}' : ']';
        Advance(1);
        SkipSpace();
        if (!AtEnd() && Peek() == close) {
          Advance(1);
          return true;
        }
        JsonType element_type = JsonType::kNull;
        while (true) {
          if (c == '{') {
            if (AtEnd() || Peek() != '"') return Fail("invalid_json", "expected a quoted member name");
            if (!ScanString(nullptr)) return false;
            SkipSpace();
            if (AtEnd() || Peek() != ':') return Fail("invalid_json", "expected `:` after member name");
            Advance(1);
            SkipSpace();
          }
          if (AtEnd()) return Fail("invalid_json", "unexpected end of document");
          if (!SkipValueOfType(element_type, depth + 1)) return false;
          SkipSpace();
          if (AtEnd()) return Fail("invalid_json", "unterminated container");
          if (Peek() == ',') {
            Advance(1);
            SkipSpace();
            continue;
          }
          if (Peek() == close) {
            Advance(1);
            return true;
          }
          return Fail("invalid_json", "expected `,` or `" + std::string(1, close) + "`, found " +
                                          Describe(Peek()));
        }
      }
      case '"':
        type = JsonType::kString;
        return ScanString(nullptr);
      default: {
        type = JsonType::kNull;
        return ParseValueAtScalar(type);
      }
    }
  }

  bool ParseValueAtScalar(JsonType& type) {
    char c = Peek();
    if (c == 't') {
      type = JsonType::kBool;
      return ParseLiteral("true");
    }
    if (c == 'f') {
      type = JsonType::kBool;
      return ParseLiteral("false");
    }
    if (c == 'n') {
      type = JsonType::kNull;
      return ParseLiteral("null");
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      type = JsonType::kNumber;
      return ParseNumber(scratch_string_);
    }
    return Fail("invalid_json", Describe(c) + " cannot start a JSON value");
  }

  // path_ += "/" + the escaped key or index (what JoinPointer builds, without a new string).
  void AppendPointerKey(std::string_view key) {
    path_.push_back('/');
    for (const char c : key) {
      if (c == '~') {
        path_ += "~0";
      } else if (c == '/') {
        path_ += "~1";
      } else {
        path_.push_back(c);
      }
    }
  }
  void AppendPointerIndex(size_t index) {
    path_.push_back('/');
    char digits[24];
    size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + index % 10);
      index /= 10;
    } while (index != 0);
    while (n > 0) path_.push_back(digits[--n]);
  }

  bool ParseArray(JsonValue& out, size_t depth) {
    out.type = JsonType::kArray;
    Advance(1);
    SkipSpace();
    if (!AtEnd() && Peek() == ']') {
      Advance(1);
      return true;
    }
    while (true) {
      if (out.elements.size() >= limits_.max_elements) {
        return Fail("too_large", "array has more than " + std::to_string(limits_.max_elements) +
                                     " elements");
      }
      size_t saved = path_.size();
      AppendPointerIndex(out.elements.size());
      out.elements.emplace_back();
      if (!ParseValue(out.elements.back(), depth + 1)) return false;
      path_.resize(saved);
      SkipSpace();
      if (AtEnd()) return Fail("invalid_json", "unterminated array, expected `,` or `]`");
      if (Peek() == ',') {
        Advance(1);
        SkipSpace();
        continue;
      }
      if (Peek() == ']') {
        Advance(1);
        return true;
      }
      return Fail("invalid_json", "expected `,` or `]` in array, found " + Describe(Peek()));
    }
  }

  // Small objects (every policy element) are scanned linearly; large ones switch to a hash
  // index so duplicate detection stays linear overall on hostile input.
  static const JsonMember* FindDuplicate(const std::vector<JsonMember>& members,
                                         std::unordered_map<std::string, size_t>& seen,
                                         const std::string& key) {
    constexpr size_t kLinearScanLimit = 32;
    if (members.size() < kLinearScanLimit) {
      for (const JsonMember& m : members) {
        if (m.key == key) return &m;
      }
      return nullptr;
    }
    if (seen.empty()) {
      for (size_t i = 0; i < members.size(); ++i) seen.emplace(members[i].key, i);
    }
    auto it = seen.find(key);
    if (it != seen.end()) return &members[it->second];
    seen.emplace(key, members.size());
    return nullptr;
  }

  bool ParseObject(JsonValue& out, size_t depth) {
    std::unordered_map<std::string, size_t> seen;
    out.type = JsonType::kObject;
    Advance(1);
    SkipSpace();
    if (!AtEnd() && Peek() == '}') {
      Advance(1);
      return true;
    }
    while (true) {
      if (AtEnd()) return Fail("invalid_json", "unterminated object");
      if (Peek() != '"') {
        return Fail("invalid_json", "expected a quoted member name, found " + Describe(Peek()));
      }
      if (out.members.size() >= limits_.max_elements) {
        return Fail("too_large", "object has more than " + std::to_string(limits_.max_elements) +
                                     " members");
      }
      JsonMember member;
      member.key_location = Here();
      if (!ParseString(member.key)) return false;
      if (const JsonMember* existing = FindDuplicate(out.members, seen, member.key)) {
        pos_ = member.key_location.offset;
        line_start_ = pos_ + 1 - member.key_location.column;
        line_ = member.key_location.line;
        return Fail("duplicate_key", "duplicate key `" + member.key + "` (first at line " +
                                         std::to_string(existing->key_location.line) + ")");
      }
      SkipSpace();
      if (AtEnd() || Peek() != ':') return Fail("invalid_json", "expected `:` after member name");
      Advance(1);
      SkipSpace();
      size_t saved = path_.size();
      AppendPointerKey(member.key);
      if (!ParseValue(member.value, depth + 1)) return false;
      path_.resize(saved);
      out.members.push_back(std::move(member));
      SkipSpace();
      if (AtEnd()) return Fail("invalid_json", "unterminated object, expected `,` or `}`");
      if (Peek() == ',') {
        Advance(1);
        SkipSpace();
        continue;
      }
      if (Peek() == '}') {
        Advance(1);
        return true;
      }
      return Fail("invalid_json", "expected `,` or `}` in object, found " + Describe(Peek()));
    }
  }

  std::string_view text_;
  const JsonLimits& limits_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
  std::string path_;
  std::string scratch_string_;  // reused by SkipValue
  bool failed_ = false;
  JsonError error_;
};

void DumpString(const std::string& s, std::string& out) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

void DumpValue(const JsonValue& v, std::string& out) {
  switch (v.type) {
    case JsonType::kNull: out += "null"; break;
    case JsonType::kBool: out += v.bool_value ? "true" : "false"; break;
    case JsonType::kNumber: out += v.text; break;
    case JsonType::kString: DumpString(v.text, out); break;
    case JsonType::kArray:
      out.push_back('[');
      for (size_t i = 0; i < v.elements.size(); ++i) {
        if (i) out.push_back(',');
        DumpValue(v.elements[i], out);
      }
      out.push_back(']');
      break;
    case JsonType::kObject:
      out.push_back('{');
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out.push_back(',');
        DumpString(v.members[i].key, out);
        out.push_back(':');
        DumpValue(v.members[i].value, out);
      }
      out.push_back('}');
      break;
  }
}

}  // namespace

const char* JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull: return "null";
    case JsonType::kBool: return "boolean";
    case JsonType::kNumber: return "number";
    case JsonType::kString: return "string";
    case JsonType::kArray: return "array";
    case JsonType::kObject: return "object";
  }
  return "unknown";
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

std::string JsonValue::Dump() const {
  std::string out;
  DumpValue(*this, out);
  return out;
}

JsonParseResult ParseJson(std::string_view text, const JsonLimits& limits) {
  return Parser(text, limits).Run();
}

JsonLocation LocationOfOffset(std::string_view text, size_t offset) {
  JsonLocation loc{1, 1, offset};
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      line_start = i + 1;
    }
  }
  loc.column = static_cast<uint32_t>(offset - line_start + 1);
  return loc;
}

}  // namespace iameval::internal
