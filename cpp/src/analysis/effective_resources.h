// File: effective_resources.h
// Resource-set algebra over one action universe: is there a resource of the universe that
// satisfies a Boolean combination of statement resource parts? Every pattern question of the
// effective-permissions simplification (does a Deny cover everything, is a grant empty, is
// one layer's pattern inside another's) is one such question.
//
// Answers: kNo is a proof (no resource, under any request context). kYes means a resource
// was found for the formula with policy variables over-approximated: a witness, not a proof,
// unless every clause involved is exact. kUnknown: the search budget ran out.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_RESOURCES_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_RESOURCES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/effective_model.h"
#include "analysis/effective_universe.h"

namespace iameval::internal::analysis {

struct ResourceLiteral {
  const ResourceClause* clause = nullptr;
  // -1: the clause holds (its Resource / NotResource semantics); i >= 0: the resource
  // matches value i of the clause.
  int value = -1;
  bool negated = false;
};

// A Boolean combination of literals.
struct ResourceExpr {
  enum class Op : uint8_t { kTrue, kFalse, kLiteral, kAnd, kOr, kNot };
  Op op = Op::kTrue;
  ResourceLiteral literal;
  std::vector<ResourceExpr> children;

  static ResourceExpr True() { return ResourceExpr(); }
  static ResourceExpr False() {
    ResourceExpr e;
    e.op = Op::kFalse;
    return e;
  }
  static ResourceExpr Holds(const ResourceClause& clause, int value = -1) {
    ResourceExpr e;
    e.op = Op::kLiteral;
    e.literal = ResourceLiteral{&clause, value, false};
    return e;
  }
  static ResourceExpr And(std::vector<ResourceExpr> children) {
    return Node(Op::kAnd, std::move(children));
  }
  static ResourceExpr Or(std::vector<ResourceExpr> children) {
    return Node(Op::kOr, std::move(children));
  }
  static ResourceExpr Not(ResourceExpr child) {
    std::vector<ResourceExpr> one;
    one.push_back(std::move(child));
    return Node(Op::kNot, std::move(one));
  }

 private:
  static ResourceExpr Node(Op op, std::vector<ResourceExpr> children) {
    ResourceExpr e;
    e.op = op;
    e.children = std::move(children);
    return e;
  }
};

enum class Tri : uint8_t { kYes, kNo, kUnknown };

// Covers / Disjoint answers of one universe by clause content (kind, Version, values), kept
// across analyses (the account audit: a managed policy attached to many principals brings
// the same clauses back principal after principal). Valid for one ArnVariableScope.
using ClauseAnswers = absl::flat_hash_map<std::string, bool>;

class ResourceAlgebra {
 public:
  // `universe` null: the universe is irrelevant because every clause asked about is
  // universe-independent (ResourceClause::UniverseIndependent); other questions get kUnknown.
  // `shared` (may be null): answers by clause content, read and extended.
  explicit ResourceAlgebra(const Universe* universe, SearchLimits limits = SearchLimits(),
                           ClauseAnswers* shared = nullptr);

  // Whether some resource of the universe satisfies `expr` (see the file comment).
  Tri Satisfiable(const ResourceExpr& expr, std::string* witness = nullptr);

  // Shorthands. Covers / Disjoint / Includes answer true only when proven.
  bool Covers(const ResourceClause& clause);    // every resource of the universe
  bool Disjoint(const ResourceClause& clause);  // no resource of the universe
  // Every universe resource matching value `inner_value` of `inner` matches value
  // `outer_value` of `outer`.
  bool ValueIncludes(const ResourceClause& outer, int outer_value, const ResourceClause& inner,
                     int inner_value);
  bool ValuesDisjoint(const ResourceClause& a, int a_value, const ResourceClause& b,
                      int b_value);

  const Universe* universe() const { return universe_; }

 private:
  // The membership test behind a literal: resource in values (or value i), sign included.
  struct Membership {
    const ResourceClause* clause;
    int value;
    bool positive;
  };
  static bool Constant(const ResourceLiteral& literal, bool* result);
  static Membership ToMembership(const ResourceLiteral& literal);
  // Negation normal form with constants folded.
  static ResourceExpr Normalize(const ResourceExpr& expr, bool negate);
  bool EvaluateAtStar(const ResourceExpr& expr) const;
  bool StarMember(const Membership& m) const;
  const PatternLanguage& Language(const Membership& m);
  bool ClauseAnswer(const ResourceClause& clause, bool covers);

  const Universe* universe_;
  SearchLimits limits_;
  // Languages of single values, built on demand: (clause, value, under/over).
  std::map<std::tuple<const ResourceClause*, int, bool>, std::unique_ptr<PatternLanguage>>
      value_languages_;
  // Covers / Disjoint answers by clause: one algebra serves every action group of its
  // universe, and the same statements come back group after group.
  std::map<std::pair<const ResourceClause*, bool>, bool> clause_answers_;
  ClauseAnswers* shared_answers_ = nullptr;
};

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_RESOURCES_H_
