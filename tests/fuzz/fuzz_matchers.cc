// Differential fuzz target: the production matchers against deliberately naive reference
// matchers written here (a dynamic-programming glob, field splitting by hand). Any
// disagreement traps. Matchers compared:
//   mode 0/1  Glob (case-sensitive / ASCII-insensitive)     vs a code-point DP glob
//   mode 2    MatchGlobText (one-off glob, catalog lookups)   vs a code-point DP glob
//   mode 3/4  ResourcePattern (variables off / on, both ARN variable scopes)
//                                                             vs arn.h's rules over the DP glob
//   mode 5    ArnConditionPattern (ArnLike)                   vs field-wise DP glob
//   mode 6    Catalog::Expand                                 vs a scan of every catalog action
// The glob engine defines `?` as one UTF-8 code point and `*` / literals as byte-exact
// (glob.h); the two readings agree whenever the texts are structurally valid UTF-8, so the
// code-point comparisons run only then (other inputs still run, for crashes).
// Policy variables: the reference works on the substituted text (PolicyTemplate::Render);
// that text is only unambiguous when every `*` / `?` in it is a wildcard, so the comparison
// runs only when no variable value, default or escape contributed one.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/action_glob.h"
#include "iameval/catalog.h"
#include "match/arn.h"
#include "match/glob.h"
#include "match/policy_variables.h"

namespace {

using iameval::internal::CaseMode;
using iameval::internal::MatchResult;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// ---- reference globs -----------------------------------------------------------------------

// Code points of `s` split exactly as the engine steps through text (well-formed 2-4 byte
// sequences by lead byte and continuation bytes); nullopt when some byte >= 0x80 is not part
// of such a sequence.
std::optional<std::vector<uint32_t>> DecodeStructural(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    if (lead < 0x80) {
      len = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4;
    } else {
      return std::nullopt;
    }
    if (len > s.size() - i) return std::nullopt;
    uint32_t cp = lead;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 8) | b;  // any injective packing will do: only equality is needed
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

uint32_t Fold(uint32_t c, CaseMode mode) {
  if (mode == CaseMode::kAsciiInsensitive && c >= 'A' && c <= 'Z') return c + ('a' - 'A');
  return c;
}

// Classic O(|p| * |s|) table: row[j] = pattern prefix matches subject prefix of length j.
template <typename T>
bool DpGlob(const std::vector<T>& p, const std::vector<T>& s, CaseMode mode) {
  std::vector<char> row(s.size() + 1, 0), next(s.size() + 1, 0);
  row[0] = 1;
  for (const T pc : p) {
    std::fill(next.begin(), next.end(), 0);
    if (pc == static_cast<T>('*')) {
      char any = 0;
      for (size_t j = 0; j <= s.size(); ++j) {
        any |= row[j];
        next[j] = any;
      }
    } else {
      for (size_t j = 0; j < s.size(); ++j) {
        if (!row[j]) continue;
        if (pc == static_cast<T>('?') || Fold(pc, mode) == Fold(s[j], mode)) next[j + 1] = 1;
      }
    }
    row.swap(next);
  }
  return row[s.size()] != 0;
}

// Code-point glob; nullopt when either side is not structurally valid UTF-8.
std::optional<bool> RefGlob(std::string_view pattern, std::string_view subject, CaseMode mode) {
  auto p = DecodeStructural(pattern);
  auto s = DecodeStructural(subject);
  if (!p || !s) return std::nullopt;
  return DpGlob(*p, *s, mode);
}

// Byte-level glob over views (the action glob's definition: `?` is one byte). Row buffers
// are reused across calls: the catalog scan calls this ~20,000 times per input.
bool RefByteGlob(std::string_view p, std::string_view s) {
  thread_local std::vector<char> row, next;
  row.assign(s.size() + 1, 0);
  next.assign(s.size() + 1, 0);
  row[0] = 1;
  for (const char pc : p) {
    std::fill(next.begin(), next.end(), 0);
    if (pc == '*') {
      char any = 0;
      for (size_t j = 0; j <= s.size(); ++j) {
        any |= row[j];
        next[j] = any;
      }
    } else {
      for (size_t j = 0; j < s.size(); ++j) {
        if (row[j] && (pc == '?' || pc == s[j])) next[j + 1] = 1;
      }
    }
    row.swap(next);
  }
  return row[s.size()] != 0;
}

// ---- reference ARN rules (arn.h) -----------------------------------------------------------

// Splits at the first five colons: 1..6 fields, the last keeping further colons.
std::vector<std::string_view> SplitFields(std::string_view s) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() < 5) {
    const size_t colon = s.find(':', start);
    if (colon == std::string_view::npos) break;
    fields.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  fields.push_back(s.substr(start));
  return fields;
}

bool IsArn(std::string_view s) { return s.substr(0, 4) == "arn:" && SplitFields(s).size() == 6; }

std::optional<bool> RefFieldsMatch(const std::vector<std::string_view>& p,
                                   const std::vector<std::string_view>& r, size_t count) {
  for (size_t f = 0; f < count; ++f) {
    auto m = RefGlob(p[f], r[f], CaseMode::kSensitive);
    if (!m) return std::nullopt;
    if (!*m) return false;
  }
  return true;
}

// `pattern` is the substituted policy value, every `*` / `?` in it a wildcard.
std::optional<bool> RefResource(std::string_view pattern, std::string_view request) {
  if (pattern == "*") return true;
  if (request == "*") return false;
  if (pattern.substr(0, 4) != "arn:" || !IsArn(request)) {
    return RefGlob(pattern, request, CaseMode::kSensitive);
  }
  const auto p = SplitFields(pattern);
  const auto r = SplitFields(request);
  if (p.size() == 6) return RefFieldsMatch(p, r, 6);
  const std::string_view last = p.back();
  if (last.empty() || last.back() != '*') return false;
  auto head = RefFieldsMatch(p, r, p.size() - 1);
  if (!head || !*head) return head;
  const size_t offset = static_cast<size_t>(r[p.size() - 1].data() - request.data());
  return RefGlob(last, request.substr(offset), CaseMode::kSensitive);
}

std::optional<bool> RefArnCondition(std::string_view pattern, std::string_view request) {
  if (!IsArn(request)) return false;
  const auto p = SplitFields(pattern);
  if (p.size() != 6) return false;
  return RefFieldsMatch(p, SplitFields(request), 6);
}

// ---- variables -----------------------------------------------------------------------------

// Values chosen to stress substitution: empty, colons and slashes that could split ARN
// fields, text that looks like a reference (must stay literal), and wildcard characters
// (must stay literal; such cases skip the comparison, see the file comment).
class FixedResolver final : public iameval::internal::VariableResolver {
 public:
  std::optional<std::string_view> Lookup(std::string_view key) const override {
    if (key == "aws:username") return std::string_view("alice");
    if (key == "aws:userid") return std::string_view("AIDA:x/y");
    if (key == "k") return std::string_view("");
    if (key == "t") return std::string_view("${aws:username}");
    if (key == "w") return std::string_view("a*b?");
    if (key == "u") return std::string_view("\xC3\xA9t\xC3\xA9");
    return std::nullopt;
  }
};

size_t CountWildcardChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (c == '*' || c == '?');
  return n;
}

size_t CountWildcardTokens(const iameval::internal::PolicyTemplate& t) {
  size_t n = 0;
  for (const auto& token : t.tokens()) {
    n += token.kind == iameval::internal::TemplateTokenKind::kStar ||
         token.kind == iameval::internal::TemplateTokenKind::kQuestion;
  }
  return n;
}

// The substituted text when the reference can use it: nullopt = unresolvable (`*unresolved`
// set) or ambiguous (no comparison).
std::optional<std::string> Rendered(const iameval::internal::PolicyTemplate& t,
                                    const iameval::internal::VariableResolver& resolver,
                                    bool* unresolved) {
  std::optional<std::string> text = t.Render(resolver);
  *unresolved = !text.has_value();
  if (!text) return std::nullopt;
  if (CountWildcardChars(*text) != CountWildcardTokens(t)) return std::nullopt;
  return text;
}

void CheckAgainst(std::optional<bool> expected, MatchResult got) {
  if (expected.has_value()) Check((got == MatchResult::kMatch) == *expected);
}

// ---- modes ---------------------------------------------------------------------------------

void FuzzGlob(std::string_view pattern, std::string_view subject, CaseMode mode) {
  const auto glob = iameval::internal::Glob::Compile(pattern, mode);
  const bool got = glob.Matches(subject);
  const auto expected = RefGlob(pattern, subject, mode);
  if (expected) Check(got == *expected);
}

void FuzzActionGlob(std::string_view pattern, std::string_view text) {
  const bool got = iameval::internal::MatchGlobText(pattern, text);
  const auto expected = RefGlob(pattern, text, CaseMode::kSensitive);
  if (expected) Check(got == *expected);
  (void)iameval::internal::ParseActionPattern(pattern);
}

void FuzzResource(std::string_view pattern, std::string_view request, bool variables,
                  bool all_fields) {
  using iameval::internal::ArnVariableScope;
  const auto compiled = iameval::internal::ResourcePattern::Compile(
      pattern, variables,
      all_fields ? ArnVariableScope::kAllFields : ArnVariableScope::kResourceIdOnly);
  const auto value = iameval::internal::ResourceValue::Parse(request);
  FixedResolver resolver;
  const MatchResult got = compiled.Match(value, resolver);
  if (pattern == "*") {
    Check(got == MatchResult::kMatch);
    return;
  }
  bool unresolved = false;
  const auto text = Rendered(compiled.policy_template(), resolver, &unresolved);
  if (unresolved) {
    Check(got != MatchResult::kMatch);
    return;
  }
  if (text) CheckAgainst(RefResource(*text, request), got);
}

void FuzzArnCondition(std::string_view pattern, std::string_view request, bool variables) {
  const auto compiled = iameval::internal::ArnConditionPattern::Compile(pattern, variables);
  FixedResolver resolver;
  const MatchResult got = compiled.Match(request, resolver);
  bool unresolved = false;
  const auto text = Rendered(compiled.policy_template(), resolver, &unresolved);
  if (unresolved) {
    Check(got != MatchResult::kMatch);
    return;
  }
  if (text) CheckAgainst(RefArnCondition(*text, request), got);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Lowercased catalog names, computed once: the reference scan must stay cheap enough for
// the fuzzer to run it thousands of times a second.
struct LoweredCatalog {
  std::vector<std::string> service, name;
};

const LoweredCatalog& Lowered() {
  static const LoweredCatalog* lowered = [] {
    auto* out = new LoweredCatalog;
    const iameval::Catalog& catalog = iameval::Catalog::Default();
    for (iameval::ActionId id = 0; id < catalog.action_count(); ++id) {
      out->service.push_back(Lower(catalog.Action(id).service));
      out->name.push_back(Lower(catalog.Action(id).name));
    }
    return out;
  }();
  return *lowered;
}

// Catalog::Expand's contract (catalog.h), spelled out the slow way.
void FuzzExpand(std::string_view pattern) {
  const iameval::Catalog& catalog = iameval::Catalog::Default();
  const LoweredCatalog& lowered = Lowered();
  const iameval::ActionSet got = catalog.Expand(pattern);
  bool malformed = false;
  for (char c : pattern) malformed |= (c == ',' || IsAsciiSpace(c));
  std::string service_pattern, name_pattern;
  if (!malformed) {
    if (pattern == "*") {
      service_pattern = name_pattern = "*";
    } else {
      const size_t colon = pattern.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == pattern.size()) {
        malformed = true;
      } else {
        service_pattern = Lower(pattern.substr(0, colon));
        name_pattern = Lower(pattern.substr(colon + 1));
      }
    }
  }
  // A literal service prefix: scan that service's actions, and the count proves nothing
  // outside it was added. `*:...`: the whole catalog, sampled (every 8th action from an
  // input-dependent start), because a full scan would take most of the fuzzer's time.
  iameval::ActionId first = 0, end = static_cast<iameval::ActionId>(catalog.action_count());
  iameval::ActionId stride = 1;
  if (malformed) {
    Check(got.Empty());
    return;
  }
  if (service_pattern != "*") {
    const iameval::ServiceInfo* service = catalog.FindService(service_pattern);
    if (service == nullptr || Lower(service->prefix) != service_pattern) {
      Check(got.Empty());
      return;
    }
    first = service->first_action;
    end = first + service->action_count;
  } else {
    stride = 8;
    first = static_cast<iameval::ActionId>(pattern.size() % stride);
  }
  size_t expected_count = 0;
  for (iameval::ActionId id = first; id < end; id += stride) {
    const bool expected = (service_pattern == "*" || service_pattern == lowered.service[id]) &&
                          RefByteGlob(name_pattern, lowered.name[id]);
    expected_count += expected;
    Check(got.Contains(id) == expected);
  }
  if (stride == 1) Check(got.Count() == expected_count);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const uint8_t mode = in.ConsumeIntegral<uint8_t>();
  const std::string pattern = in.ConsumeRandomLengthString(256);
  std::string subject = in.ConsumeRemainingBytesAsString();
  if (subject.size() > 2048) subject.resize(2048);  // keeps the quadratic reference cheap
  switch (mode % 8) {
    case 0: FuzzGlob(pattern, subject, CaseMode::kSensitive); break;
    case 1: FuzzGlob(pattern, subject, CaseMode::kAsciiInsensitive); break;
    case 2: FuzzActionGlob(pattern, subject); break;
    case 3: FuzzResource(pattern, subject, /*variables=*/false, (mode >> 3) & 1); break;
    case 4: FuzzResource(pattern, subject, /*variables=*/true, (mode >> 3) & 1); break;
    case 5: FuzzArnCondition(pattern, subject, (mode >> 3) & 1); break;
    case 6:
      if (pattern.size() <= 64) FuzzExpand(pattern);
      break;
    default:
      // Both readings of the same text: a Resource value and an ArnLike value.
      FuzzResource(pattern, subject, true, false);
      FuzzArnCondition(pattern, subject, true);
      break;
  }
  return 0;
}
