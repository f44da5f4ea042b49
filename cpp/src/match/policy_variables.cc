// File: policy_variables.cc
// Parsing of `${...}` references (decisions documented in policy_variables.h) and matching of
// the resulting token lists through the glob engine.
#include "match/policy_variables.h"

#include <utility>

#include "match/ascii.h"

namespace iameval::internal {
namespace {

class NoValues final : public VariableResolver {
 public:
  std::optional<std::string_view> Lookup(std::string_view) const override {
    return std::nullopt;
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsValidKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (c == '$' || c == '{' || c == '}' || c == '\'' || c == '"' || c == ',') return false;
  }
  return true;
}

// What a `${` at some position turned out to be.
struct Reference {
  enum class Kind { kEscape, kVariable, kMalformed, kUnterminated };
  static Reference Of(Kind kind, std::size_t end) {
    Reference ref;
    ref.kind = kind;
    ref.end = end;
    return ref;
  }
  Kind kind = Kind::kMalformed;
  std::size_t end = 0;  // one past the reference
  char escaped = 0;
  std::string_view key;  // trimmed, not yet lowercased
  bool has_default = false;
  std::string_view default_value;
};

// Parses the reference whose `${` starts at text[at].
Reference ParseReference(std::string_view text, std::size_t at) {
  const std::size_t body = at + 2;
  const std::size_t first_close = text.find('}', body);
  if (first_close == std::string_view::npos) {
    return Reference::Of(Reference::Kind::kUnterminated, 0);
  }
  if (first_close == body + 1 &&
      (text[body] == '*' || text[body] == '?' || text[body] == '$')) {
    Reference ref = Reference::Of(Reference::Kind::kEscape, first_close + 1);
    ref.escaped = text[body];
    return ref;
  }
  const Reference malformed = Reference::Of(Reference::Kind::kMalformed, first_close + 1);
  std::size_t key_end = body;
  while (key_end < text.size() && text[key_end] != ',' && text[key_end] != '}') ++key_end;
  const std::string_view key = Trim(text.substr(body, key_end - body));
  if (!IsValidKey(key)) return malformed;
  if (text[key_end] == '}') {
    Reference ref = Reference::Of(Reference::Kind::kVariable, key_end + 1);
    ref.key = key;
    return ref;
  }
  // A default: `,` ws* `'` chars `'` ws* `}`.
  std::size_t p = key_end + 1;
  while (p < text.size() && IsSpace(text[p])) ++p;
  if (p >= text.size() || text[p] != '\'') return malformed;
  const std::size_t close_quote = text.find('\'', p + 1);
  if (close_quote == std::string_view::npos) return malformed;
  std::size_t q = close_quote + 1;
  while (q < text.size() && IsSpace(text[q])) ++q;
  if (q >= text.size() || text[q] != '}') {
    // The default's quotes may enclose the first `}`; then the reference is malformed up to
    // the first `}` after the closing quote, if any.
    const std::size_t later_close = text.find('}', q);
    if (first_close > close_quote || later_close == std::string_view::npos) return malformed;
    return Reference::Of(Reference::Kind::kMalformed, later_close + 1);
  }
  Reference ref = Reference::Of(Reference::Kind::kVariable, q + 1);
  ref.key = key;
  ref.has_default = true;
  ref.default_value = text.substr(p + 1, close_quote - p - 1);
  return ref;
}

// Token with offsets into the storage string being built (views come after it is final).
struct PendingToken {
  TemplateTokenKind kind = TemplateTokenKind::kLiteral;
  std::size_t offset = 0;
  std::size_t length = 0;
  bool has_default = false;
  std::size_t default_offset = 0;
  std::size_t default_length = 0;
};

PendingToken Pending(TemplateTokenKind kind, std::size_t offset = 0, std::size_t length = 0) {
  PendingToken token;
  token.kind = kind;
  token.offset = offset;
  token.length = length;
  return token;
}

}  // namespace

const VariableResolver& EmptyVariableResolver() {
  static const NoValues kNoValues;
  return kNoValues;
}

PolicyTemplate::PolicyTemplate() : storage_(std::make_shared<const std::string>()) {}

PolicyTemplate PolicyTemplate::Compile(std::string_view text, const TemplateOptions& options) {
  std::string store;
  std::vector<PendingToken> pending;
  bool literal_open = false;  // the last pending token is a literal still being extended
  auto append_literal = [&](std::string_view bytes) {
    if (!literal_open) {
      pending.push_back(Pending(TemplateTokenKind::kLiteral, store.size()));
      literal_open = true;
    }
    store.append(bytes);
    pending.back().length += bytes.size();
  };
  auto push_token = [&](PendingToken token) {
    literal_open = false;
    pending.push_back(token);
  };

  PolicyTemplate result;
  result.case_mode_ = options.case_mode;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (options.substitute_variables && i >= options.variables_from && c == '$' &&
        i + 1 < text.size() && text[i + 1] == '{') {
      const Reference ref = ParseReference(text, i);
      switch (ref.kind) {
        case Reference::Kind::kUnterminated:
          append_literal("${");
          i += 2;
          continue;
        case Reference::Kind::kEscape:
          append_literal(std::string_view(&ref.escaped, 1));
          break;
        case Reference::Kind::kMalformed: {
          PendingToken token = Pending(TemplateTokenKind::kMalformed, store.size(), ref.end - i);
          store.append(text.substr(i, ref.end - i));
          push_token(token);
          result.has_malformed_ = true;
          break;
        }
        case Reference::Kind::kVariable: {
          PendingToken token = Pending(TemplateTokenKind::kVariable, store.size(), ref.key.size());
          store.append(AsciiLowered(ref.key));
          if (ref.has_default) {
            token.has_default = true;
            token.default_offset = store.size();
            token.default_length = ref.default_value.size();
            store.append(ref.default_value);
          }
          push_token(token);
          result.has_variables_ = true;
          break;
        }
      }
      i = ref.end;
      continue;
    }
    if (options.wildcards && c == '*') {
      // Collapse `**`: equivalent, and keeps the token list short.
      if (pending.empty() || literal_open || pending.back().kind != TemplateTokenKind::kStar) {
        push_token(Pending(TemplateTokenKind::kStar));
      }
    } else if (options.wildcards && c == '?') {
      push_token(Pending(TemplateTokenKind::kQuestion));
    } else {
      append_literal(std::string_view(&text[i], 1));
    }
    ++i;
  }

  result.storage_ = std::make_shared<const std::string>(std::move(store));
  const std::string_view stored = *result.storage_;
  result.tokens_.reserve(pending.size());
  for (const PendingToken& p : pending) {
    TemplateToken token;
    token.kind = p.kind;
    token.text = stored.substr(p.offset, p.length);
    token.has_default = p.has_default;
    if (p.has_default) token.default_value = stored.substr(p.default_offset, p.default_length);
    result.tokens_.push_back(token);
  }
  if (!result.has_variables_ && !result.has_malformed_) {
    for (const TemplateToken& token : result.tokens_) {
      switch (token.kind) {
        case TemplateTokenKind::kStar:
          result.static_pieces_.push_back({GlobPieceKind::kStar, {}});
          break;
        case TemplateTokenKind::kQuestion:
          result.static_pieces_.push_back({GlobPieceKind::kQuestion, {}});
          break;
        default:
          result.static_pieces_.push_back({GlobPieceKind::kLiteral, token.text});
          break;
      }
    }
  }
  return result;
}

bool ResolveTemplateTokens(const std::vector<TemplateToken>& tokens,
                           const VariableResolver& resolver, PieceBuffer* out) {
  for (const TemplateToken& token : tokens) {
    switch (token.kind) {
      case TemplateTokenKind::kLiteral:
        out->PushBack({GlobPieceKind::kLiteral, token.text});
        break;
      case TemplateTokenKind::kStar:
        out->PushBack({GlobPieceKind::kStar, {}});
        break;
      case TemplateTokenKind::kQuestion:
        out->PushBack({GlobPieceKind::kQuestion, {}});
        break;
      case TemplateTokenKind::kVariable: {
        const std::optional<std::string_view> value = resolver.Lookup(token.text);
        if (value.has_value()) {
          out->PushBack({GlobPieceKind::kLiteral, *value});
        } else if (token.has_default) {
          out->PushBack({GlobPieceKind::kLiteral, token.default_value});
        } else {
          return false;
        }
        break;
      }
      case TemplateTokenKind::kMalformed:
        return false;
    }
  }
  return true;
}

bool PolicyTemplate::Resolve(const VariableResolver& resolver, PieceBuffer* out) const {
  if (has_malformed_) return false;
  return ResolveTemplateTokens(tokens_, resolver, out);
}

MatchResult PolicyTemplate::Match(std::string_view subject,
                                  const VariableResolver& resolver) const {
  if (has_malformed_) return MatchResult::kUnresolved;
  if (!has_variables_) {
    return MatchGlobPieces(static_pieces_.data(), static_pieces_.size(), subject, case_mode_)
               ? MatchResult::kMatch
               : MatchResult::kNoMatch;
  }
  PieceBuffer pieces;
  if (!Resolve(resolver, &pieces)) return MatchResult::kUnresolved;
  return MatchGlobPieces(pieces.data(), pieces.size(), subject, case_mode_)
             ? MatchResult::kMatch
             : MatchResult::kNoMatch;
}

std::optional<std::string> PolicyTemplate::Render(const VariableResolver& resolver) const {
  PieceBuffer pieces;
  if (!Resolve(resolver, &pieces)) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    switch (pieces[i].kind) {
      case GlobPieceKind::kLiteral:
        out.append(pieces[i].text);
        break;
      case GlobPieceKind::kStar:
        out.push_back('*');
        break;
      case GlobPieceKind::kQuestion:
        out.push_back('?');
        break;
    }
  }
  return out;
}

}  // namespace iameval::internal
