// File: effective_resources.cc
#include "analysis/effective_resources.h"

#include <functional>
#include <utility>

namespace iameval::internal::analysis {

ResourceAlgebra::ResourceAlgebra(const Universe* universe, SearchLimits limits,
                                 ClauseAnswers* shared)
    : universe_(universe), limits_(limits), shared_answers_(shared) {}

bool ResourceAlgebra::Constant(const ResourceLiteral& literal, bool* result) {
  const ResourceClause& clause = *literal.clause;
  bool value = false;
  if (literal.value < 0) {
    if (clause.MatchesEverything()) {
      value = true;
    } else if (clause.MatchesNothing()) {
      value = false;
    } else {
      return false;
    }
  } else if (clause.values[static_cast<size_t>(literal.value)] == "*") {
    value = true;
  } else {
    return false;
  }
  *result = value != literal.negated;
  return true;
}

ResourceAlgebra::Membership ResourceAlgebra::ToMembership(const ResourceLiteral& literal) {
  if (literal.value >= 0 || literal.clause->kind == ResourceClause::Kind::kListed) {
    return {literal.clause, literal.value, !literal.negated};
  }
  return {literal.clause, -1, literal.negated};  // NotResource: holds when not in the values
}

bool ResourceAlgebra::StarMember(const Membership& m) const {
  // Only a value of exactly `*` names the request resource `*` (arn.h rule 2).
  const bool in = m.value >= 0 ? m.clause->values[static_cast<size_t>(m.value)] == "*"
                               : m.clause->has_star;
  return in == m.positive;
}

const PatternLanguage& ResourceAlgebra::Language(const Membership& m) {
  // A positive membership is over-approximated and a negative one under-approximated, so the
  // whole formula is over-approximated: "no resource" answers stay proofs.
  const bool over = m.positive;
  if (m.value < 0) return over ? m.clause->over : m.clause->under;
  auto key = std::make_tuple(m.clause, m.value, over);
  auto it = value_languages_.find(key);
  if (it == value_languages_.end()) {
    auto language = std::make_unique<PatternLanguage>(
        ArnLanguage(m.clause->analyzed[static_cast<size_t>(m.value)],
                    over ? Approximation::kOver : Approximation::kUnder));
    it = value_languages_.emplace(key, std::move(language)).first;
  }
  return *it->second;
}

ResourceExpr ResourceAlgebra::Normalize(const ResourceExpr& expr, bool negate) {
  using Op = ResourceExpr::Op;
  switch (expr.op) {
    case Op::kTrue:
      return negate ? ResourceExpr::False() : ResourceExpr::True();
    case Op::kFalse:
      return negate ? ResourceExpr::True() : ResourceExpr::False();
    case Op::kNot:
      return Normalize(expr.children[0], !negate);
    case Op::kLiteral: {
      ResourceLiteral literal = expr.literal;
      literal.negated = literal.negated != negate;
      bool value = false;
      if (Constant(literal, &value)) return value ? ResourceExpr::True() : ResourceExpr::False();
      ResourceExpr e;
      e.op = Op::kLiteral;
      e.literal = literal;
      return e;
    }
    case Op::kAnd:
    case Op::kOr: {
      // De Morgan under negation.
      const bool is_and = (expr.op == Op::kAnd) != negate;
      std::vector<ResourceExpr> children;
      for (const ResourceExpr& child : expr.children) {
        ResourceExpr n = Normalize(child, negate);
        if (n.op == (is_and ? Op::kTrue : Op::kFalse)) continue;  // neutral element
        if (n.op == (is_and ? Op::kFalse : Op::kTrue)) return n;  // absorbing element
        children.push_back(std::move(n));
      }
      if (children.empty()) return is_and ? ResourceExpr::True() : ResourceExpr::False();
      if (children.size() == 1) return std::move(children[0]);
      return is_and ? ResourceExpr::And(std::move(children))
                    : ResourceExpr::Or(std::move(children));
    }
  }
  return ResourceExpr::True();
}

bool ResourceAlgebra::EvaluateAtStar(const ResourceExpr& expr) const {
  using Op = ResourceExpr::Op;
  switch (expr.op) {
    case Op::kTrue:
      return true;
    case Op::kFalse:
      return false;
    case Op::kLiteral:
      return StarMember(ToMembership(expr.literal));
    case Op::kNot:
      return !EvaluateAtStar(expr.children[0]);
    case Op::kAnd:
      for (const ResourceExpr& child : expr.children) {
        if (!EvaluateAtStar(child)) return false;
      }
      return true;
    case Op::kOr:
      for (const ResourceExpr& child : expr.children) {
        if (EvaluateAtStar(child)) return true;
      }
      return false;
  }
  return false;
}

namespace {

// The normalized expression with literals replaced by searched-language indexes.
struct AtomExpr {
  ResourceExpr::Op op = ResourceExpr::Op::kTrue;
  size_t index = 0;
  bool positive = true;
  std::vector<AtomExpr> children;

  bool Evaluate(const AcceptSet& in) const {
    switch (op) {
      case ResourceExpr::Op::kLiteral:
        return in.Test(index) == positive;
      case ResourceExpr::Op::kAnd:
        for (const AtomExpr& child : children) {
          if (!child.Evaluate(in)) return false;
        }
        return true;
      case ResourceExpr::Op::kOr:
        for (const AtomExpr& child : children) {
          if (child.Evaluate(in)) return true;
        }
        return false;
      case ResourceExpr::Op::kFalse:
        return false;
      default:
        return true;
    }
  }
};

}  // namespace

Tri ResourceAlgebra::Satisfiable(const ResourceExpr& expr, std::string* witness) {
  const ResourceExpr normalized = Normalize(expr, false);
  if (normalized.op == ResourceExpr::Op::kFalse) return Tri::kNo;
  if (universe_ == nullptr) return normalized.op == ResourceExpr::Op::kTrue ? Tri::kYes : Tri::kUnknown;
  if (universe_->wildcard_only) {
    if (!EvaluateAtStar(normalized)) return Tri::kNo;
    if (witness != nullptr) *witness = "*";
    return Tri::kYes;
  }

  // ARN universe: one search per format of the universe (exact: a resource is in the
  // universe when it is in one of its formats), each over the format and one language per
  // distinct membership. Memberships whose language surely misses the format (another
  // service, say) are constants there, which usually settles the question without a search.
  bool unknown = false;
  for (const PatternLanguage& part : universe_->parts) {
    const LinearPattern& format = part.alternatives.front();
    std::vector<const PatternLanguage*> languages{&part};
    std::map<const PatternLanguage*, size_t> index_of;
    std::function<AtomExpr(const ResourceExpr&)> convert = [&](const ResourceExpr& e) {
      AtomExpr a;
      a.op = e.op;
      if (e.op == ResourceExpr::Op::kLiteral) {
        const Membership m = ToMembership(e.literal);
        const PatternLanguage* language = &Language(m);
        if (FieldsSurelyDisjoint(*language, format)) {
          a.op = m.positive ? ResourceExpr::Op::kFalse : ResourceExpr::Op::kTrue;
          return a;
        }
        auto [it, inserted] = index_of.emplace(language, languages.size());
        if (inserted) languages.push_back(language);
        a.index = it->second;
        a.positive = m.positive;
        return a;
      }
      const bool is_and = e.op == ResourceExpr::Op::kAnd;
      for (const ResourceExpr& child : e.children) {
        AtomExpr c = convert(child);
        if (c.op == (is_and ? ResourceExpr::Op::kTrue : ResourceExpr::Op::kFalse)) continue;
        if (c.op == (is_and ? ResourceExpr::Op::kFalse : ResourceExpr::Op::kTrue)) return c;
        a.children.push_back(std::move(c));
      }
      if (a.children.empty() && e.op != ResourceExpr::Op::kTrue &&
          e.op != ResourceExpr::Op::kFalse) {
        a.op = is_and ? ResourceExpr::Op::kTrue : ResourceExpr::Op::kFalse;
      }
      return a;
    };
    const AtomExpr atoms = convert(normalized);
    if (atoms.op == ResourceExpr::Op::kFalse) continue;
    if (atoms.op == ResourceExpr::Op::kTrue && witness == nullptr) return Tri::kYes;
    // Quick path: strings written from the patterns (wildcards filled) often satisfy the
    // question at once; the exhaustive search below is what proves a "no".
    for (const PatternLanguage* language : languages) {
      for (const LinearPattern& alternative : language->alternatives) {
        std::string word;
        for (const PatternToken& token : alternative) {
          if (token.kind == PatternTokenKind::kChar) {
            AppendPatternChar(token.c, &word);
          } else {
            word.push_back('x');
          }
        }
        AcceptSet in(languages.size());
        for (size_t i = 0; i < languages.size(); ++i) {
          if (LanguageContains(*languages[i], word)) in.Set(i);
        }
        if (in.Test(0) && atoms.Evaluate(in)) {
          if (witness != nullptr) *witness = word;
          return Tri::kYes;
        }
      }
    }
    const WitnessResult result = FindWitness(
        languages, [&atoms](const AcceptSet& in) { return in.Test(0) && atoms.Evaluate(in); },
        CaseMode::kSensitive, limits_);
    if (result.outcome == SearchOutcome::kFound) {
      if (witness != nullptr) *witness = result.word;
      return Tri::kYes;
    }
    if (result.outcome == SearchOutcome::kUnknown) unknown = true;
  }
  return unknown ? Tri::kUnknown : Tri::kNo;
}

bool ResourceAlgebra::ClauseAnswer(const ResourceClause& clause, bool covers) {
  const auto key = std::make_pair(&clause, covers);
  auto it = clause_answers_.find(key);
  if (it != clause_answers_.end()) return it->second;
  // The answer depends only on what the clause says (its patterns are compiled from these).
  std::string content;
  if (shared_answers_ != nullptr) {
    content.push_back(covers ? 'C' : 'D');
    content.push_back(static_cast<char>('0' + static_cast<int>(clause.kind)));
    content.push_back(clause.substitute ? 'S' : '-');
    for (const std::string& value : clause.values) {
      content.append(value).push_back('\0');
    }
    auto shared = shared_answers_->find(content);
    if (shared != shared_answers_->end()) {
      clause_answers_.emplace(key, shared->second);
      return shared->second;
    }
  }
  const bool answer =
      covers ? Satisfiable(ResourceExpr::Not(ResourceExpr::Holds(clause))) == Tri::kNo
             : Satisfiable(ResourceExpr::Holds(clause)) == Tri::kNo;
  clause_answers_.emplace(key, answer);
  if (shared_answers_ != nullptr) shared_answers_->emplace(std::move(content), answer);
  return answer;
}

bool ResourceAlgebra::Covers(const ResourceClause& clause) {
  if (clause.MatchesEverything()) return true;
  return ClauseAnswer(clause, true);
}

bool ResourceAlgebra::Disjoint(const ResourceClause& clause) {
  if (clause.MatchesEverything()) return false;
  return ClauseAnswer(clause, false);
}

bool ResourceAlgebra::ValueIncludes(const ResourceClause& outer, int outer_value,
                                    const ResourceClause& inner, int inner_value) {
  return Satisfiable(ResourceExpr::And(
             {ResourceExpr::Holds(inner, inner_value),
              ResourceExpr::Not(ResourceExpr::Holds(outer, outer_value))})) == Tri::kNo;
}

bool ResourceAlgebra::ValuesDisjoint(const ResourceClause& a, int a_value,
                                     const ResourceClause& b, int b_value) {
  return Satisfiable(ResourceExpr::And({ResourceExpr::Holds(a, a_value),
                                        ResourceExpr::Holds(b, b_value)})) == Tri::kNo;
}

}  // namespace iameval::internal::analysis
