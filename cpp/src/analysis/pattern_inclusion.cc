// File: pattern_inclusion.cc
// Resource values and catalog ARN formats as pattern languages, and the inclusion tests.
#include "analysis/pattern_inclusion.h"

#include <algorithm>
#include <vector>

#include "match/policy_variables.h"

namespace iameval::internal {
namespace {

constexpr size_t kArnFields = 6;

PatternToken Token(PatternTokenKind kind, PatternChar c = 0) { return PatternToken{kind, c}; }

PatternToken Star(bool field_local) {
  return Token(field_local ? PatternTokenKind::kStarNoColon : PatternTokenKind::kStar);
}
PatternToken AnyChar(bool field_local) {
  return Token(field_local ? PatternTokenKind::kAnyCharNoColon : PatternTokenKind::kAnyChar);
}

// Literal colons of the template before the fifth one, and whether a variable (or malformed
// reference) comes first.
struct FieldScan {
  size_t colons = 0;
  bool variable_before_resource_id = false;
  bool ends_with_star = false;
};

FieldScan ScanFields(const std::vector<TemplateToken>& tokens) {
  FieldScan scan;
  for (const TemplateToken& token : tokens) {
    if (token.kind == TemplateTokenKind::kLiteral) {
      for (char c : token.text) {
        if (c == ':' && scan.colons < kArnFields - 1) ++scan.colons;
      }
    } else if ((token.kind == TemplateTokenKind::kVariable ||
                token.kind == TemplateTokenKind::kMalformed) &&
               scan.colons < kArnFields - 1) {
      scan.variable_before_resource_id = true;
    }
  }
  scan.ends_with_star = !tokens.empty() && tokens.back().kind == TemplateTokenKind::kStar;
  return scan;
}

// The template as a linear pattern. Fields before `free_field` are field-local; `free_field`
// and later ones let wildcards match ':'. With free_field == 0 it is the plain glob.
// Variables become `*` (an over-approximation; callers mark the result inexact).
LinearPattern TokensToPattern(const std::vector<TemplateToken>& tokens, size_t free_field) {
  LinearPattern pattern;
  size_t field = 0;
  for (const TemplateToken& token : tokens) {
    const bool local = field < free_field;
    switch (token.kind) {
      case TemplateTokenKind::kLiteral:
        for (PatternChar c : DecodePatternChars(token.text)) {
          pattern.push_back(Token(PatternTokenKind::kChar, c));
          if (c == ':' && field < kArnFields - 1) ++field;
        }
        break;
      case TemplateTokenKind::kStar:
        pattern.push_back(Star(local));
        break;
      case TemplateTokenKind::kQuestion:
        pattern.push_back(AnyChar(local));
        break;
      case TemplateTokenKind::kVariable:
      case TemplateTokenKind::kMalformed:
        pattern.push_back(Star(false));
        break;
    }
  }
  return pattern;
}

// What a prepared value matches among all strings, as a Boolean over searched languages:
// `fieldwise` and `plain` for this value, `arn` (any ARN) and `star` (the string "*").
struct ShapeAtoms {
  size_t fieldwise;
  size_t plain;
};

bool MembershipOverAllStrings(const ResourcePatternLanguage& p, Approximation approx,
                              const ShapeAtoms& atoms, size_t arn, size_t star,
                              const AcceptSet& in) {
  if (p.matches_nothing) return false;
  if (!p.exact) {
    if (approx == Approximation::kUnder) return false;
    if (p.prefix_variable) return true;
  }
  switch (p.shape) {
    case ResourceShape::kStar:
      return true;
    case ResourceShape::kOther:
      return in.Test(atoms.plain) && !in.Test(star);
    case ResourceShape::kArnFull:
      return in.Test(atoms.fieldwise);
    case ResourceShape::kArnShortStar:
      return in.Test(arn) ? in.Test(atoms.fieldwise) : in.Test(atoms.plain);
    case ResourceShape::kArnShortPlain:
      return !in.Test(arn) && in.Test(atoms.plain);
  }
  return false;
}

Inclusion FromSearch(SearchOutcome outcome) {
  switch (outcome) {
    case SearchOutcome::kFound:
      return Inclusion::kNotIncluded;
    case SearchOutcome::kNone:
      return Inclusion::kIncluded;
    case SearchOutcome::kUnknown:
      return Inclusion::kUnknown;
  }
  return Inclusion::kUnknown;
}

}  // namespace

Inclusion GlobInclusion(std::string_view outer, std::string_view inner, CaseMode mode,
                        const SearchLimits& limits) {
  const PatternLanguage inner_language = PatternLanguage::Of(PlainGlobPattern(inner));
  const PatternLanguage outer_language = PatternLanguage::Of(PlainGlobPattern(outer));
  const WitnessResult result = FindWitness(
      {&inner_language, &outer_language},
      [](const AcceptSet& in) { return in.Test(0) && !in.Test(1); }, mode, limits);
  return FromSearch(result.outcome);
}

bool GlobIncludes(std::string_view outer, std::string_view inner, CaseMode mode) {
  return GlobInclusion(outer, inner, mode) == Inclusion::kIncluded;
}

ResourcePatternLanguage AnalyzeResourcePattern(std::string_view value, bool substitute_variables,
                                               ArnVariableScope scope) {
  ResourcePatternLanguage p;
  if (value == "*") {
    p.shape = ResourceShape::kStar;
    return p;
  }
  if (value.substr(0, 4) != "arn:") {
    // ResourcePattern kOther: no variable substitution, one glob over the whole string.
    p.shape = ResourceShape::kOther;
    p.plain = PlainGlobPattern(value);
    return p;
  }
  TemplateOptions options;
  options.substitute_variables = substitute_variables;
  options.wildcards = true;
  options.case_mode = CaseMode::kSensitive;
  if (scope == ArnVariableScope::kResourceIdOnly && substitute_variables) {
    // As ResourcePattern::Compile: the text before the fifth colon of the raw value is plain
    // (no variables), the rest is the resource-id template. Without five colons nothing is
    // substituted.
    size_t from = 0;
    size_t colons = 0;
    while (colons < kArnFields - 1) {
      const size_t colon = value.find(':', from);
      if (colon == std::string_view::npos) break;
      from = colon + 1;
      ++colons;
    }
    if (colons == kArnFields - 1) {
      TemplateOptions plain = options;
      plain.substitute_variables = false;
      const PolicyTemplate prefix = PolicyTemplate::Compile(value.substr(0, from - 1), plain);
      const PolicyTemplate rid = PolicyTemplate::Compile(value.substr(from), options);
      p.shape = ResourceShape::kArnFull;
      p.fieldwise = TokensToPattern(prefix.tokens(), kArnFields);
      p.fieldwise.push_back(Token(PatternTokenKind::kChar, ':'));
      const LinearPattern tail = TokensToPattern(rid.tokens(), 0);
      p.fieldwise.insert(p.fieldwise.end(), tail.begin(), tail.end());
      p.exact = !rid.has_variables() && !rid.has_malformed_variable();
      p.matches_nothing = rid.has_malformed_variable();
      return p;
    }
    options.substitute_variables = false;
  }
  const PolicyTemplate tmpl = PolicyTemplate::Compile(value, options);
  p.matches_nothing = tmpl.has_malformed_variable();
  p.exact = !tmpl.has_variables() && !tmpl.has_malformed_variable();
  const FieldScan scan = ScanFields(tmpl.tokens());
  p.prefix_variable = scan.variable_before_resource_id;
  const size_t fields = scan.colons + 1;
  if (fields == kArnFields) {
    p.shape = ResourceShape::kArnFull;
    p.fieldwise = TokensToPattern(tmpl.tokens(), kArnFields - 1);
    return p;
  }
  p.shape = scan.ends_with_star ? ResourceShape::kArnShortStar : ResourceShape::kArnShortPlain;
  p.plain = TokensToPattern(tmpl.tokens(), 0);
  if (p.shape == ResourceShape::kArnShortStar) {
    p.fieldwise = TokensToPattern(tmpl.tokens(), fields - 1);
  }
  return p;
}

PatternLanguage ArnLanguage(const ResourcePatternLanguage& p, Approximation approx) {
  if (p.matches_nothing) return PatternLanguage::Empty();
  if (!p.exact) {
    if (approx == Approximation::kUnder) return PatternLanguage::Empty();
    if (p.prefix_variable) return PatternLanguage::Universal();
  }
  switch (p.shape) {
    case ResourceShape::kStar:
      return PatternLanguage::Universal();
    case ResourceShape::kOther:
      return PatternLanguage::Of(p.plain);
    case ResourceShape::kArnFull:
    case ResourceShape::kArnShortStar:
      return PatternLanguage::Of(p.fieldwise);
    case ResourceShape::kArnShortPlain:
      return PatternLanguage::Empty();
  }
  return PatternLanguage::Empty();
}

LinearPattern AnyArnPattern(std::string_view partition) {
  LinearPattern pattern = LiteralPattern("arn:");
  if (partition.empty()) {
    pattern.push_back(Star(true));
  } else {
    const LinearPattern literal = LiteralPattern(partition);
    pattern.insert(pattern.end(), literal.begin(), literal.end());
  }
  for (size_t field = 2; field < kArnFields; ++field) {
    pattern.push_back(Token(PatternTokenKind::kChar, ':'));
    pattern.push_back(Star(field < kArnFields - 1));
  }
  return pattern;
}

LinearPattern ArnFormatPattern(std::string_view format, std::string_view partition) {
  LinearPattern pattern;
  size_t field = 0;
  size_t i = 0;
  while (i < format.size()) {
    const bool local = field < kArnFields - 1;
    if (format.compare(i, 2, "${") == 0) {
      const size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = format.substr(i + 2, close - i - 2);
        if (name == "Partition" && !partition.empty()) {
          const LinearPattern literal = LiteralPattern(partition);
          pattern.insert(pattern.end(), literal.begin(), literal.end());
        } else {
          // A placeholder stands for a real name, so at least one character.
          pattern.push_back(AnyChar(local));
          pattern.push_back(Star(local));
        }
        i = close + 1;
        continue;
      }
    }
    const char c = format[i];
    if (c == '*') {
      pattern.push_back(Star(local));
    } else if (c == '?') {
      pattern.push_back(AnyChar(local));
    } else {
      pattern.push_back(Token(PatternTokenKind::kChar, static_cast<unsigned char>(c)));
      if (c == ':' && field < kArnFields - 1) ++field;
    }
    ++i;
  }
  return pattern;
}

Inclusion ResourcePatternInclusion(std::string_view outer, std::string_view inner,
                                   bool substitute_variables, const SearchLimits& limits) {
  const ResourcePatternLanguage in = AnalyzeResourcePattern(inner, substitute_variables);
  const ResourcePatternLanguage out = AnalyzeResourcePattern(outer, substitute_variables);
  if (out.shape == ResourceShape::kStar) return Inclusion::kIncluded;
  // Languages: 0/1 inner fieldwise/plain, 2/3 outer fieldwise/plain, 4 any ARN, 5 "*".
  const PatternLanguage languages[] = {
      PatternLanguage::Of(in.fieldwise), PatternLanguage::Of(in.plain),
      PatternLanguage::Of(out.fieldwise), PatternLanguage::Of(out.plain),
      PatternLanguage::Of(AnyArnPattern("")), PatternLanguage::Of(LiteralPattern("*"))};
  std::vector<const PatternLanguage*> searched;
  for (const PatternLanguage& language : languages) searched.push_back(&language);
  const WitnessResult result = FindWitness(
      searched,
      [&](const AcceptSet& set) {
        return MembershipOverAllStrings(in, Approximation::kOver, {0, 1}, 4, 5, set) &&
               !MembershipOverAllStrings(out, Approximation::kUnder, {2, 3}, 4, 5, set);
      },
      CaseMode::kSensitive, limits);
  return FromSearch(result.outcome);
}

namespace {

// The first five fields of a pattern while they are aligned with the string: each field is
// the text before a literal ':' with nothing that can match ':' before it. `literal[k]` says
// field k is plain text.
struct Fields {
  size_t count = 0;
  std::vector<PatternChar> text[kArnFields - 1];
  bool literal[kArnFields - 1] = {true, true, true, true, true};
  std::vector<PatternChar> rid_head;  // when count == 5: literal start of the resource-id
};

Fields LeadingFields(const LinearPattern& pattern) {
  Fields fields;
  for (const PatternToken& token : pattern) {
    if (fields.count == kArnFields - 1) {
      if (token.kind != PatternTokenKind::kChar) break;
      fields.rid_head.push_back(token.c);
      continue;
    }
    if (token.kind == PatternTokenKind::kStar || token.kind == PatternTokenKind::kAnyChar) {
      break;  // could match a colon: the remaining boundaries are not aligned
    }
    if (token.kind == PatternTokenKind::kChar && token.c == ':') {
      ++fields.count;
      continue;
    }
    if (token.kind == PatternTokenKind::kChar) {
      fields.text[fields.count].push_back(token.c);
    } else {
      fields.literal[fields.count] = false;
    }
  }
  return fields;
}

}  // namespace

// The literal characters a pattern starts (or ends) with, up to its first (last) wildcard.
std::vector<PatternChar> LiteralRun(const LinearPattern& pattern, bool from_end) {
  std::vector<PatternChar> run;
  const size_t n = pattern.size();
  for (size_t i = 0; i < n; ++i) {
    const PatternToken& token = pattern[from_end ? n - 1 - i : i];
    if (token.kind != PatternTokenKind::kChar) break;
    run.push_back(token.c);
  }
  return run;
}

// Two strings that both start (end) with given texts: one text must extend the other.
bool RunsConflict(const std::vector<PatternChar>& x, const std::vector<PatternChar>& y) {
  const size_t common = std::min(x.size(), y.size());
  return !std::equal(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(common), y.begin());
}

bool FieldsSurelyDisjoint(const LinearPattern& a, const LinearPattern& b) {
  if (RunsConflict(LiteralRun(a, false), LiteralRun(b, false)) ||
      RunsConflict(LiteralRun(a, true), LiteralRun(b, true))) {
    return true;
  }
  const Fields x = LeadingFields(a);
  const Fields y = LeadingFields(b);
  const size_t complete = std::min(x.count, y.count);
  for (size_t k = 0; k < complete; ++k) {
    if (x.literal[k] && y.literal[k] && x.text[k] != y.text[k]) return true;
  }
  return complete == kArnFields - 1 && RunsConflict(x.rid_head, y.rid_head);
}

bool FieldsSurelyDisjoint(const PatternLanguage& language, const LinearPattern& pattern) {
  for (const LinearPattern& alternative : language.alternatives) {
    if (!FieldsSurelyDisjoint(alternative, pattern)) return false;
  }
  return true;
}

bool ResourcePatternIncludes(std::string_view outer, std::string_view inner,
                             bool substitute_variables) {
  return ResourcePatternInclusion(outer, inner, substitute_variables) == Inclusion::kIncluded;
}

}  // namespace iameval::internal
