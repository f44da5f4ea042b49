// File: arn.h
// ARN splitting and the two ARN matching algorithms:
//   * ResourcePattern: the Resource / NotResource element (spec §3.2, §10 items 16-18);
//   * ArnConditionPattern: the ArnEquals / ArnLike family of condition operators (spec §4.3,
//     §10 item 15).
// Both are case-sensitive everywhere (spec §8) and compile once / match many: the policy side
// is compiled into PolicyTemplates, the request side is split once into views.
#ifndef IAMEVAL_SRC_MATCH_ARN_H_
#define IAMEVAL_SRC_MATCH_ARN_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "match/glob.h"
#include "match/policy_variables.h"

namespace iameval::internal {

// The six fields of `arn:partition:service:region:account:resource-id`, as views into the
// original text. resource_id is everything after the fifth colon and may contain `:` and `/`.
struct ArnParts {
  std::string_view text;  // the whole ARN
  std::string_view partition;
  std::string_view service;
  std::string_view region;
  std::string_view account;
  std::string_view resource_id;

  // Field i of 6: 0 = "arn", 1 = partition, ..., 5 = resource-id.
  std::string_view Field(std::size_t i) const {
    switch (i) {
      case 0: return text.substr(0, 3);
      case 1: return partition;
      case 2: return service;
      case 3: return region;
      case 4: return account;
      default: return resource_id;
    }
  }
};

// Splits `text` when it starts with "arn:" (case-sensitive) and has at least five colons;
// fields may be empty (S3: `arn:aws:s3:::bucket`, spec §3.2 item 9). nullopt otherwise.
std::optional<ArnParts> ParseArn(std::string_view text);

// A request resource, parsed once per request and then matched against many patterns.
struct ResourceValue {
  std::string_view text;
  bool is_star = false;          // `*`: the action has no resource-level permissions
  std::optional<ArnParts> arn;   // set when text is a well-formed ARN

  static ResourceValue Parse(std::string_view text);
};

// Where policy variables are substituted inside an ARN-shaped Resource value.
//   kResourceIdOnly: only after the fifth colon; `${...}` in partition/service/region/account
//     stays literal text and so matches nothing real (spec §5 [DOC; peer agrees]). Default.
//   kAllFields: in every field. NOTE: some AWS managed policies put variables in the region
//     and account fields (e.g. AWSTransformSecretsManagerConnectorPolicy uses
//     `arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:...`),
//     which suggests AWS does substitute there; kept as an option until verified.
enum class ArnVariableScope : std::uint8_t { kResourceIdOnly, kAllFields };

// One Resource / NotResource value (spec §3.2):
//   1. `*` matches every request resource, including the request value `*`.
//   2. The request value `*` is matched only by the policy value `*` (item 7, [PEER]).
//   3. A value starting with "arn:" is split after substitution at its first five colons:
//      * six fields: the first five are globbed field by field (a `*` there never crosses a
//        colon, §11 item 7), the resource-id is globbed with `*` crossing `/` and `:`;
//      * fewer fields whose last field ends in a `*` wildcard: fields before it are globbed
//        field by field and that last field is globbed against the rest of the request ARN,
//        colons included (`arn:aws:s3:*`, `arn:*`); a `*` that came from a variable value or
//        an escape is literal and does not count;
//      * fewer fields otherwise: matches nothing.
//   4. Any other value (not `*`, not starting with "arn:"): a plain case-sensitive glob over
//      the whole request string, without variable substitution (there is no resource-id).
//   5. A request value that is neither `*` nor a well-formed ARN is matched by kind-3 values
//      as one plain glob over the whole string (the pattern's colons must then appear in the
//      request, so in practice only short trailing-star patterns such as `arn:*` match).
// Unresolvable variables (missing, no default) or a malformed reference give kUnresolved
// when the part of the request compared with the variable is reached; a mismatch in a field
// without variables is reported first as kNoMatch (cheaper, and both mean "no match").
class ResourcePattern {
 public:
  ResourcePattern() = default;  // matches nothing

  // `substitute_variables`: the policy's Version is "2012-10-17".
  static ResourcePattern Compile(std::string_view policy_value, bool substitute_variables,
                                 ArnVariableScope scope = ArnVariableScope::kResourceIdOnly);

  MatchResult Match(const ResourceValue& request, const VariableResolver& resolver) const;

  bool is_star() const { return kind_ == Kind::kStar; }
  bool has_variables() const { return template_.has_variables(); }
  bool has_malformed_variable() const { return template_.has_malformed_variable(); }
  const PolicyTemplate& policy_template() const { return template_; }

 private:
  enum class Kind : std::uint8_t { kNothing, kStar, kArn, kOther };
  Kind kind_ = Kind::kNothing;
  PolicyTemplate template_;
  // Precomputed ARN field split (see arn.cc): of the whole value when it has no variables,
  // or of the five prefix fields when only the resource-id may have them (split_prefix_).
  std::vector<GlobPiece> static_fields_;
  std::array<std::size_t, 7> static_bounds_{};
  std::size_t static_field_count_ = 0;
  bool split_prefix_ = false;
  PolicyTemplate prefix_;       // fields 1-5 as plain text, when split_prefix_
  PolicyTemplate resource_id_;  // the sixth field, when split_prefix_

  // Fast paths (arn.cc). When the five prefix fields are static (no variables before the
  // fifth literal colon), each has a precomputed test: any (`*`), exact text, text + `*`, or
  // a general glob over its pieces.
  enum class FieldKind : std::uint8_t { kGlob, kAny, kExact, kPrefix };
  struct FieldTest {
    FieldKind kind = FieldKind::kGlob;
    std::string_view literal;
  };
  void PrepareFieldTests();
  bool PrefixFieldsMatch(const ArnParts& request) const;
  void SplitResourceIdTokens();
  bool prefix_static_ = false;  // static_fields_ holds >= 5 fields; field_tests_ are valid
  std::array<FieldTest, 5> field_tests_{};
  // kAllFields with variables only in the resource-id: the resource-id's tokens (views into
  // template_'s storage), matched after the static prefix fields.
  bool rid_split_ = false;
  std::vector<TemplateToken> rid_tokens_;
  // Leading literal text the request's resource-id must start with (fast reject), for
  // split_prefix_ and rid_split_ patterns.
  std::string_view rid_head_;
};

// One ArnEquals / ArnLike policy value (the two operators are the same, spec §4.3 [DOC]).
// The value is substituted (variables allowed in every field), then split into six fields at
// its first five colons; each field is globbed against the same field of the request ARN, so
// no `*` ever crosses a field boundary. Inside the resource-id (the sixth field, which may
// itself contain colons) `*` matches any characters, as in the Resource element [UNV: AWS
// only documents that fields are matched separately]. A policy value with fewer than six
// fields after substitution (including a bare `*`) matches nothing [UNV], and so does a
// request value that is not an ARN (spec §4.3): kNoMatch, or kUnresolved when the policy
// value has a malformed reference. For an ARN request, kUnresolved means a variable had no
// value and no default.
class ArnConditionPattern {
 public:
  ArnConditionPattern() = default;  // matches nothing

  static ArnConditionPattern Compile(std::string_view policy_value, bool substitute_variables);

  MatchResult Match(std::string_view request_value, const VariableResolver& resolver) const;
  MatchResult Match(const ArnParts& request, const VariableResolver& resolver) const;

  bool has_variables() const { return template_.has_variables(); }
  const PolicyTemplate& policy_template() const { return template_; }

 private:
  bool compiled_ = false;
  PolicyTemplate template_;
  std::vector<GlobPiece> static_fields_;
  std::array<std::size_t, 7> static_bounds_{};
  std::size_t static_field_count_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_ARN_H_
