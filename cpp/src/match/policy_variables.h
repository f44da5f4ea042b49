// File: policy_variables.h
// Policy values that may contain policy variables (spec §5), compiled once and matched many
// times without building strings.
//
// A value compiles into tokens {LITERAL, STAR, QMARK, VAR(lowercased key, optional default)}.
// Text that comes from an escape (`${*}` `${?}` `${$}`) or, at match time, from a variable's
// value or default is always LITERAL: it never acts as a wildcard (spec §5, §10 item 5).
//
// Syntax accepted when substitution is on (Version "2012-10-17" only; spec §2.1, §5):
//   ${key}                 variable; key compared case-insensitively (lowercased here)
//   ${key, 'default'}      variable with a default, used when the key has no value
//   ${*} ${?} ${$}         escapes for a literal `*`, `?`, `$` (exact spelling, no spaces)
// Decisions for forms AWS does not document (spec §10 item 7, §11 item 4), all [UNV]:
//   * Whitespace is optional and ignored around the key, the comma and the quoted default:
//     `${k,'d'}` == `${k, 'd'}` == `${ k ,'d' }`. We take the lenient reading because AWS's
//     own documents vary in spacing and the strict reading (the peer's) silently turns a
//     valid-looking default into "matches nothing".
//   * Unterminated `${` (no `}` anywhere after it): the two characters `${` are literal text
//     and scanning continues right after them, so later `*` / `?` stay wildcards.
//   * Malformed reference (empty key `${}`, `${ }`, nested `${a${b}}`, a key containing `$`,
//     `{` or a quote, a default that is not one single-quoted string, `${k,}`): the reference
//     runs from `${` to the first `}` and makes the whole value unresolvable (it matches
//     nothing, like a missing variable; has_malformed_variable() lets validation report it).
//     We prefer "matches nothing" to "literal text" because AWS rejects such policies at write
//     time, so no real grant can depend on them.
//   * Defaults have no escape syntax: the default is everything between the quotes, and may
//     contain `}`, `*`, `?` (all literal).
// With substitution off (Version 2008-10-17 or none) `${` is ordinary text and `*` / `?`
// inside it are wildcards like anywhere else (spec §2.1, §10 item 4).
#ifndef IAMEVAL_SRC_MATCH_POLICY_VARIABLES_H_
#define IAMEVAL_SRC_MATCH_POLICY_VARIABLES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/glob.h"

namespace iameval::internal {

// Result of matching a value that may contain variables. kUnresolved means a variable had no
// value and no default (or the reference was malformed): the policy value matches nothing.
// Callers need the distinction for explanations and for negated operators / NotResource,
// where "matches nothing" makes the statement broader (spec §5, §3.2 item 8).
enum class MatchResult : std::uint8_t { kNoMatch, kMatch, kUnresolved };

// Supplies variable values at match time. Implemented by the evaluator over the request
// context; must not allocate if the hot path is to stay allocation-free.
class VariableResolver {
 public:
  virtual ~VariableResolver() = default;
  // The value of the single-valued key `lowercased_key` (e.g. "aws:username",
  // "aws:principaltag/team"), or nullopt when the key is absent. Multivalued keys must also
  // return nullopt: they cannot be used as variables (spec §5). The returned view must stay
  // valid for the duration of the match call.
  virtual std::optional<std::string_view> Lookup(std::string_view lowercased_key) const = 0;
};

// A resolver with no values (every lookup misses). Handy for callers with no context.
const VariableResolver& EmptyVariableResolver();

enum class TemplateTokenKind : std::uint8_t {
  kLiteral,    // `text` verbatim
  kStar,       // wildcard `*` (only when TemplateOptions::wildcards)
  kQuestion,   // wildcard `?` (only when TemplateOptions::wildcards)
  kVariable,   // `text` = lowercased key; `default_value` when has_default
  kMalformed,  // `text` = the raw reference; makes the value unresolvable
};

struct TemplateToken {
  TemplateTokenKind kind = TemplateTokenKind::kLiteral;
  std::string_view text;
  bool has_default = false;
  std::string_view default_value;
};

// Appends the glob pieces of `tokens` with every variable replaced by its value (or default)
// from `resolver`. False when a variable has neither or a token is malformed: the value
// matches nothing. Shared by PolicyTemplate::Resolve and the per-field ARN matcher.
bool ResolveTemplateTokens(const std::vector<TemplateToken>& tokens,
                           const VariableResolver& resolver, PieceBuffer* out);

struct TemplateOptions {
  // True only for policies with Version "2012-10-17" (spec §2.1).
  bool substitute_variables = true;
  // True for Like operators and Resource values (`*`, `?` are wildcards); false for Equals
  // operators, where `*` and `?` are plain characters (spec §4.3).
  bool wildcards = true;
  CaseMode case_mode = CaseMode::kSensitive;
  // Variables are recognised only at byte offsets >= this (ARN resources substitute only in
  // the resource-id part; see arn.h). Earlier `${` are plain text.
  std::size_t variables_from = 0;
};

// A compiled policy value. Immutable; cheap to copy; thread-safe to match concurrently.
//
//   PolicyTemplate t = PolicyTemplate::Compile("home/${aws:username}/*", {});
//   t.Match("home/alice/notes.txt", resolver);   // kMatch when aws:username = alice
class PolicyTemplate {
 public:
  PolicyTemplate();  // the empty value: matches only ""

  static PolicyTemplate Compile(std::string_view text, const TemplateOptions& options);

  // Matches the whole `subject`. Allocation-free unless the value has more than
  // PieceBuffer::kInlineCapacity tokens.
  MatchResult Match(std::string_view subject, const VariableResolver& resolver) const;

  // Appends the value's pieces to `out` with every variable replaced by a literal piece
  // (its value or default). Returns false (out partially filled) when unresolvable.
  bool Resolve(const VariableResolver& resolver, PieceBuffer* out) const;

  // The substituted text, `*`/`?` rendered as themselves; nullopt when unresolvable.
  // Allocates: for explanations and diagnostics, not for matching.
  std::optional<std::string> Render(const VariableResolver& resolver) const;

  // Pieces of a value without variables (empty when has_variables() or malformed).
  const std::vector<GlobPiece>& static_pieces() const { return static_pieces_; }
  const std::vector<TemplateToken>& tokens() const { return tokens_; }
  bool has_variables() const { return has_variables_; }
  bool has_malformed_variable() const { return has_malformed_; }
  CaseMode case_mode() const { return case_mode_; }

 private:
  // INVARIANT: all token/piece views point into *storage_, which never moves.
  std::shared_ptr<const std::string> storage_;
  std::vector<TemplateToken> tokens_;
  std::vector<GlobPiece> static_pieces_;
  CaseMode case_mode_ = CaseMode::kSensitive;
  bool has_variables_ = false;
  bool has_malformed_ = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_POLICY_VARIABLES_H_
