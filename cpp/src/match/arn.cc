// File: arn.cc
// ARN splitting and field-wise matching; the rules are documented in arn.h.
#include "match/arn.h"

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

}  // namespace

std::string_view ArnParts::Field(std::size_t i) const {
  switch (i) {
    case 0:
      return text.substr(0, 3);
    case 1:
      return partition;
    case 2:
      return service;
    case 3:
      return region;
    case 4:
      return account;
    default:
      return resource_id;
  }
}

std::optional<ArnParts> ParseArn(std::string_view text) {
  if (text.substr(0, 4) != "arn:") return std::nullopt;
  std::string_view fields[kArnFields - 1];
  std::size_t start = 4;
  for (std::size_t f = 0; f < kArnFields - 2; ++f) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    fields[f] = text.substr(start, colon - start);
    start = colon + 1;
  }
  fields[kArnFields - 2] = text.substr(start);
  ArnParts parts;
  parts.text = text;
  parts.partition = fields[0];
  parts.service = fields[1];
  parts.region = fields[2];
  parts.account = fields[3];
  parts.resource_id = fields[4];
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
    std::size_t fifth_colon = 0;
    std::size_t from = 0;
    int colons = 0;
    for (; colons < 5; ++colons) {
      fifth_colon = policy_value.find(':', from);
      if (fifth_colon == std::string_view::npos) break;
      from = fifth_colon + 1;
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
  if (!pattern.split_prefix_) {
    SplitStatic(pattern.template_, &pattern.static_fields_, &pattern.static_bounds_,
                &pattern.static_field_count_);
  }
  return pattern;
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
    for (std::size_t f = 0; f + 1 < kArnFields; ++f) {
      if (!MatchField(static_fields_.data(), static_bounds_, f, request.arn->Field(f))) {
        return MatchResult::kNoMatch;
      }
    }
    return resource_id_.Match(request.arn->resource_id, resolver);
  }
  if (template_.has_malformed_variable()) return MatchResult::kUnresolved;
  if (!template_.has_variables()) {
    if (!request.arn.has_value()) return template_.Match(request.text, resolver);
    return ToResult(MatchResourceFields(static_fields_.data(), static_bounds_,
                                        static_field_count_, *request.arn));
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
