// File: arn.cc
// ARN splitting and field-wise matching; the rules are documented in arn.h.
#include "match/arn.h"

#include <cstring>

#include "match/ascii.h"

namespace iameval::internal {
namespace {

constexpr std::size_t kArnFields = 6;
using FieldBounds = std::array<std::size_t, kArnFields + 1>;

// Copies pieces[0, count) to `out`, cutting literal pieces at the first five colons (literal
// colons only: a wildcard never separates fields). Field f is out[bounds[f], bounds[f+1]).
// Returns the number of fields (1..6); the last field keeps any further colons.
std::size_t SplitIntoArnFields(const GlobPiece* pieces, std::size_t count, PieceBuffer* out,
                               FieldBounds* bounds) {
  std::size_t field = 0;
  (*bounds)[0] = 0;
  for (std::size_t i = 0; i < count; ++i) {
    GlobPiece piece = pieces[i];
    if (piece.kind == GlobPieceKind::kLiteral) {
      std::size_t colon;
      while (field + 1 < kArnFields &&
             (colon = piece.text.find(':')) != std::string_view::npos) {
        if (colon > 0) out->PushBack({GlobPieceKind::kLiteral, piece.text.substr(0, colon)});
        ++field;
        (*bounds)[field] = out->size();
        piece.text.remove_prefix(colon + 1);
      }
      if (piece.text.empty()) continue;
    }
    out->PushBack(piece);
  }
  (*bounds)[field + 1] = out->size();
  return field + 1;
}

bool MatchField(const GlobPiece* fields, const FieldBounds& bounds, std::size_t f,
                std::string_view subject) {
  return MatchGlobPieces(fields + bounds[f], bounds[f + 1] - bounds[f], subject,
                         CaseMode::kSensitive);
}

// Resource element rule 3 (arn.h) for a well-formed request ARN.
bool MatchResourceFields(const GlobPiece* fields, const FieldBounds& bounds,
                         std::size_t field_count, const ArnParts& request) {
  if (field_count == kArnFields) {
    for (std::size_t f = 0; f < kArnFields; ++f) {
      if (!MatchField(fields, bounds, f, request.Field(f))) return false;
    }
    return true;
  }
  // Short pattern: only a trailing `*` wildcard lets it reach over the remaining fields.
  const std::size_t last = field_count - 1;
  if (bounds[last + 1] == bounds[last] ||
      fields[bounds[last + 1] - 1].kind != GlobPieceKind::kStar) {
    return false;
  }
  for (std::size_t f = 0; f < last; ++f) {
    if (!MatchField(fields, bounds, f, request.Field(f))) return false;
  }
  const std::string_view start = request.Field(last);
  const auto offset = static_cast<std::size_t>(start.data() - request.text.data());
  const std::string_view rest = request.text.substr(offset);
  return MatchField(fields, bounds, last, rest);
}

bool MatchConditionFields(const GlobPiece* fields, const FieldBounds& bounds,
                          std::size_t field_count, const ArnParts& request) {
  if (field_count != kArnFields) return false;
  for (std::size_t f = 0; f < kArnFields; ++f) {
    if (!MatchField(fields, bounds, f, request.Field(f))) return false;
  }
  return true;
}

MatchResult ToResult(bool matched) {
  return matched ? MatchResult::kMatch : MatchResult::kNoMatch;
}

// Precomputes the split of a variable-free template.
void SplitStatic(const PolicyTemplate& tmpl, std::vector<GlobPiece>* fields,
                 FieldBounds* bounds, std::size_t* field_count) {
  if (tmpl.has_variables() || tmpl.has_malformed_variable()) return;
  PieceBuffer split;
  const std::vector<GlobPiece>& pieces = tmpl.static_pieces();
  *field_count = SplitIntoArnFields(pieces.data(), pieces.size(), &split, bounds);
  fields->assign(split.data(), split.data() + split.size());
}

bool StartsWith(std::string_view text, std::string_view head) {
  return text.size() >= head.size() && SmallBytesEqual(text.data(), head.data(), head.size());
}

// The literal text every match of `tokens` starts with (empty when it starts otherwise).
std::string_view LiteralHead(const std::vector<TemplateToken>& tokens) {
  if (tokens.empty() || tokens[0].kind != TemplateTokenKind::kLiteral) return {};
  return tokens[0].text;
}

}  // namespace

std::optional<ArnParts> ParseArn(std::string_view text) {
  if (text.size() < 4 || text[0] != 'a' || text[1] != 'r' || text[2] != 'n' || text[3] != ':') {
    return std::nullopt;
  }
  std::size_t colons[kArnFields - 2];
  if (FindColons(text, 4, kArnFields - 2, colons) != kArnFields - 2) return std::nullopt;
  const char* data = text.data();
  ArnParts parts;
  parts.text = text;
  parts.partition = std::string_view(data + 4, colons[0] - 4);
  parts.service = std::string_view(data + colons[0] + 1, colons[1] - colons[0] - 1);
  parts.region = std::string_view(data + colons[1] + 1, colons[2] - colons[1] - 1);
  parts.account = std::string_view(data + colons[2] + 1, colons[3] - colons[2] - 1);
  parts.resource_id = text.substr(colons[3] + 1);
  return parts;
}

ResourceValue ResourceValue::Parse(std::string_view text) {
  ResourceValue value;
  value.text = text;
  value.is_star = text == "*";
  value.arn = ParseArn(text);
  return value;
}

ResourcePattern ResourcePattern::Compile(std::string_view policy_value,
                                         bool substitute_variables, ArnVariableScope scope) {
  ResourcePattern pattern;
  if (policy_value == "*") {
    pattern.kind_ = Kind::kStar;
    return pattern;
  }
  TemplateOptions options;
  options.wildcards = true;
  options.case_mode = CaseMode::kSensitive;
  if (policy_value.substr(0, 4) != "arn:") {
    // Rule 4: no resource-id part, so nothing is substituted.
    pattern.kind_ = Kind::kOther;
    options.substitute_variables = false;
    pattern.template_ = PolicyTemplate::Compile(policy_value, options);
    return pattern;
  }
  pattern.kind_ = Kind::kArn;
  options.substitute_variables = substitute_variables;
  if (scope == ArnVariableScope::kResourceIdOnly) {
    // Variables count only after the fifth colon of the raw text (spec §5). Without five
    // colons there is no resource-id and nothing is substituted.
    // Colons inside a `${...}` reference (`${aws:username}`) are part of the variable's
    // name, not field separators.
    std::size_t fifth_colon = 0;
    std::size_t from = 0;
    int colons = 0;
    for (std::size_t i = 0; i < policy_value.size() && colons < 5; ++i) {
      if (substitute_variables && policy_value[i] == '$' && i + 1 < policy_value.size() &&
          policy_value[i + 1] == '{') {
        std::size_t close = policy_value.find('}', i + 2);
        if (close != std::string_view::npos) {
          i = close;
          continue;
        }
      }
      if (policy_value[i] == ':') {
        ++colons;
        fifth_colon = i;
        from = i + 1;
      }
    }
    options.variables_from = colons == 5 ? from : policy_value.size() + 1;
    if (colons == 5) {
      // The five prefix fields are plain text: split them once here and keep the resource-id
      // as its own template, so matching resolves only the part that can hold variables.
      TemplateOptions part_options = options;
      part_options.variables_from = 0;
      part_options.substitute_variables = false;
      // prefix_ owns the text static_fields_ points into.
      pattern.prefix_ = PolicyTemplate::Compile(policy_value.substr(0, fifth_colon), part_options);
      SplitStatic(pattern.prefix_, &pattern.static_fields_, &pattern.static_bounds_,
                  &pattern.static_field_count_);
      part_options.substitute_variables = substitute_variables;
      pattern.resource_id_ = PolicyTemplate::Compile(policy_value.substr(from), part_options);
      pattern.split_prefix_ = true;
    }
  }
  pattern.template_ = PolicyTemplate::Compile(policy_value, options);
  if (pattern.split_prefix_) {
    if (!pattern.resource_id_.has_malformed_variable()) {
      pattern.rid_head_ = LiteralHead(pattern.resource_id_.tokens());
    }
    if (pattern.static_field_count_ == kArnFields - 1) pattern.PrepareFieldTests();
  } else {
    SplitStatic(pattern.template_, &pattern.static_fields_, &pattern.static_bounds_,
                &pattern.static_field_count_);
    if (pattern.template_.has_variables() && !pattern.template_.has_malformed_variable()) {
      pattern.SplitResourceIdTokens();
    } else if (pattern.static_field_count_ == kArnFields) {
      pattern.PrepareFieldTests();
    }
  }
  return pattern;
}

void ResourcePattern::PrepareFieldTests() {
  for (std::size_t f = 0; f + 1 < kArnFields; ++f) {
    const GlobPiece* pieces = static_fields_.data() + static_bounds_[f];
    const std::size_t count = static_bounds_[f + 1] - static_bounds_[f];
    FieldTest& test = field_tests_[f];
    test.kind = FieldKind::kGlob;
    if (count == 0) {
      test.kind = FieldKind::kExact;
      test.literal = {};
    } else if (count == 1 && pieces[0].kind == GlobPieceKind::kStar) {
      test.kind = FieldKind::kAny;
    } else if (count == 1 && pieces[0].kind == GlobPieceKind::kLiteral) {
      test.kind = FieldKind::kExact;
      test.literal = pieces[0].text;
    } else if (count == 2 && pieces[0].kind == GlobPieceKind::kLiteral &&
               pieces[1].kind == GlobPieceKind::kStar) {
      test.kind = FieldKind::kPrefix;
      test.literal = pieces[0].text;
    }
  }
  prefix_static_ = true;
}

bool ResourcePattern::PrefixFieldsMatch(const ArnParts& request) const {
  // Every field is static, so the order does not change the result: the most selective
  // fields (service, account) first.
  static constexpr std::size_t kOrder[kArnFields - 1] = {2, 4, 3, 1, 0};
  for (const std::size_t f : kOrder) {
    const FieldTest& test = field_tests_[f];
    const std::string_view subject = request.Field(f);
    switch (test.kind) {
      case FieldKind::kAny:
        break;
      case FieldKind::kExact:
        if (subject.size() != test.literal.size() || !StartsWith(subject, test.literal)) {
          return false;
        }
        break;
      case FieldKind::kPrefix:
        if (!StartsWith(subject, test.literal)) return false;
        break;
      case FieldKind::kGlob:
        if (!MatchField(static_fields_.data(), static_bounds_, f, subject)) return false;
        break;
    }
  }
  return true;
}

void ResourcePattern::SplitResourceIdTokens() {
  // Variables are substituted before the split (kAllFields), so a variable before the fifth
  // literal colon could move the field boundaries: only values whose first five colons are
  // literal text ahead of every variable get the static prefix.
  const std::vector<TemplateToken>& tokens = template_.tokens();
  std::vector<GlobPiece> prefix;
  std::size_t colons = 0;
  std::size_t next = 0;
  std::string_view remainder;
  for (; next < tokens.size() && colons < kArnFields - 1; ++next) {
    const TemplateToken& token = tokens[next];
    if (token.kind == TemplateTokenKind::kStar) {
      prefix.push_back({GlobPieceKind::kStar, {}});
      continue;
    }
    if (token.kind == TemplateTokenKind::kQuestion) {
      prefix.push_back({GlobPieceKind::kQuestion, {}});
      continue;
    }
    if (token.kind != TemplateTokenKind::kLiteral) return;
    std::size_t pos = 0;
    std::size_t colon;
    while (colons < kArnFields - 1 &&
           (colon = token.text.find(':', pos)) != std::string_view::npos) {
      ++colons;
      pos = colon + 1;
    }
    if (colons == kArnFields - 1) {
      prefix.push_back({GlobPieceKind::kLiteral, token.text.substr(0, pos - 1)});
      remainder = token.text.substr(pos);
    } else {
      prefix.push_back({GlobPieceKind::kLiteral, token.text});
    }
  }
  if (colons < kArnFields - 1) return;
  PieceBuffer split;
  FieldBounds bounds;
  if (SplitIntoArnFields(prefix.data(), prefix.size(), &split, &bounds) != kArnFields - 1) return;
  static_fields_.assign(split.data(), split.data() + split.size());
  static_bounds_ = bounds;
  static_field_count_ = kArnFields - 1;
  rid_tokens_.clear();
  if (!remainder.empty()) {
    TemplateToken literal;
    literal.kind = TemplateTokenKind::kLiteral;
    literal.text = remainder;
    rid_tokens_.push_back(literal);
  }
  rid_tokens_.insert(rid_tokens_.end(), tokens.begin() + static_cast<std::ptrdiff_t>(next),
                     tokens.end());
  rid_head_ = LiteralHead(rid_tokens_);
  rid_split_ = true;
  PrepareFieldTests();
}

MatchResult ResourcePattern::Match(const ResourceValue& request,
                                   const VariableResolver& resolver) const {
  switch (kind_) {
    case Kind::kNothing:
      return MatchResult::kNoMatch;
    case Kind::kStar:
      return MatchResult::kMatch;
    case Kind::kOther:
      if (request.is_star) return MatchResult::kNoMatch;
      return template_.Match(request.text, resolver);
    case Kind::kArn:
      break;
  }
  if (request.is_star) return MatchResult::kNoMatch;
  if (split_prefix_ && request.arn.has_value()) {
    // Fast path: five plain prefix fields, then the resource-id template.
    if (prefix_static_) {
      if (!PrefixFieldsMatch(*request.arn)) return MatchResult::kNoMatch;
    } else {
      for (std::size_t f = 0; f + 1 < kArnFields; ++f) {
        if (!MatchField(static_fields_.data(), static_bounds_, f, request.arn->Field(f))) {
          return MatchResult::kNoMatch;
        }
      }
    }
    // A literal head the resource-id lacks is a mismatch before any variable is reached.
    if (!StartsWith(request.arn->resource_id, rid_head_)) return MatchResult::kNoMatch;
    return resource_id_.Match(request.arn->resource_id, resolver);
  }
  if (template_.has_malformed_variable()) return MatchResult::kUnresolved;
  if (!template_.has_variables()) {
    if (!request.arn.has_value()) return template_.Match(request.text, resolver);
    if (prefix_static_) {
      return ToResult(PrefixFieldsMatch(*request.arn) &&
                      MatchField(static_fields_.data(), static_bounds_, kArnFields - 1,
                                 request.arn->resource_id));
    }
    return ToResult(MatchResourceFields(static_fields_.data(), static_bounds_,
                                        static_field_count_, *request.arn));
  }
  if (rid_split_ && request.arn.has_value()) {
    // Static prefix fields (no variable before the fifth colon), then the resource-id.
    if (!PrefixFieldsMatch(*request.arn)) return MatchResult::kNoMatch;
    const std::string_view resource_id = request.arn->resource_id;
    if (!StartsWith(resource_id, rid_head_)) return MatchResult::kNoMatch;
    PieceBuffer pieces;
    if (!ResolveTemplateTokens(rid_tokens_, resolver, &pieces)) return MatchResult::kUnresolved;
    return ToResult(
        MatchGlobPieces(pieces.data(), pieces.size(), resource_id, CaseMode::kSensitive));
  }
  PieceBuffer resolved;
  if (!template_.Resolve(resolver, &resolved)) return MatchResult::kUnresolved;
  if (!request.arn.has_value()) {
    return ToResult(MatchGlobPieces(resolved.data(), resolved.size(), request.text,
                                    CaseMode::kSensitive));
  }
  PieceBuffer fields;
  FieldBounds bounds;
  const std::size_t field_count =
      SplitIntoArnFields(resolved.data(), resolved.size(), &fields, &bounds);
  return ToResult(MatchResourceFields(fields.data(), bounds, field_count, *request.arn));
}

ArnConditionPattern ArnConditionPattern::Compile(std::string_view policy_value,
                                                 bool substitute_variables) {
  ArnConditionPattern pattern;
  pattern.compiled_ = true;
  TemplateOptions options;
  options.substitute_variables = substitute_variables;
  options.wildcards = true;
  options.case_mode = CaseMode::kSensitive;
  pattern.template_ = PolicyTemplate::Compile(policy_value, options);
  SplitStatic(pattern.template_, &pattern.static_fields_, &pattern.static_bounds_,
              &pattern.static_field_count_);
  return pattern;
}

MatchResult ArnConditionPattern::Match(std::string_view request_value,
                                       const VariableResolver& resolver) const {
  const std::optional<ArnParts> request = ParseArn(request_value);
  if (!request.has_value()) {
    // Still report an unresolvable policy value as such (it matches nothing either way).
    if (compiled_ && template_.has_malformed_variable()) return MatchResult::kUnresolved;
    return MatchResult::kNoMatch;
  }
  return Match(*request, resolver);
}

MatchResult ArnConditionPattern::Match(const ArnParts& request,
                                       const VariableResolver& resolver) const {
  if (!compiled_) return MatchResult::kNoMatch;
  if (template_.has_malformed_variable()) return MatchResult::kUnresolved;
  if (!template_.has_variables()) {
    return ToResult(MatchConditionFields(static_fields_.data(), static_bounds_,
                                         static_field_count_, request));
  }
  PieceBuffer resolved;
  if (!template_.Resolve(resolver, &resolved)) return MatchResult::kUnresolved;
  PieceBuffer fields;
  FieldBounds bounds;
  const std::size_t field_count =
      SplitIntoArnFields(resolved.data(), resolved.size(), &fields, &bounds);
  return ToResult(MatchConditionFields(fields.data(), bounds, field_count, request));
}

}  // namespace iameval::internal
