// File: effective_model.h
// The exact model behind effective permissions (effective.h), shared with the policy diff.
//
// For one principal and one action, the decision of spec §7 (eval/decision_logic.h) over all
// resources r and request contexts c is the formula
//
//   allowed(r, c) = OR over grant paths p:  AND over requirements q of p:  OR over terms t of q:
//                       t.resources(r) and t.conditions(c)
//                   AND NOT (OR over denials d:  d.resources(r) and d.conditions(c))
//
// A term is one statement (its Resource / NotResource part and its Condition block). A
// requirement is what one layer must supply (an Allow in the identity policies, in the
// boundary, at one SCP level, ...). A grant path is one way §7 grants: identity policies with
// the guardrails, a resource policy naming the caller, the root user's implicit access, ...
// Every applicable Deny of every layer that takes part is a denial.
//
// The model is built once per group of actions that are matched by the same statements and
// decided by the same rules (effective_grouping.h), not once per action.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_MODEL_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/pattern_inclusion.h"
#include "analysis/pattern_language.h"
#include "compile/compiled_policy.h"
#include "iameval/evaluator.h"
#include "match/arn.h"

namespace iameval::internal::analysis {

// The Resource / NotResource part of a statement, prepared once per statement.
struct ResourceClause {
  enum class Kind : uint8_t {
    kAny,        // no Resource element (trust policies): every resource
    kListed,     // Resource: the resource matches one of `values`
    kNotListed,  // NotResource: the resource matches none of `values`
  };
  Kind kind = Kind::kAny;
  bool has_star = false;    // some value is exactly `*` (it matches every resource)
  bool substitute = false;  // policy variables are substituted (Version 2012-10-17)
  std::vector<std::string> values;
  std::vector<ResourcePattern> compiled;  // for matching requests exactly
  std::vector<ResourcePatternLanguage> analyzed;
  // Over ARN resources: the union of `values`, under- and over-approximated (pattern_inclusion.h).
  PatternLanguage under;
  PatternLanguage over;
  bool exact = true;  // no value has policy variables

  // True when the clause matches every resource of every universe whatever the context.
  bool MatchesEverything() const {
    return kind == Kind::kAny || (kind == Kind::kListed && has_star);
  }
  bool MatchesNothing() const { return kind == Kind::kNotListed && has_star; }
  // True when the clause's answer does not depend on the action's resource universe.
  bool UniverseIndependent() const { return kind == Kind::kAny || has_star; }
};

// The Resource / NotResource part of `statement`; `substitute`: its policy's Version is
// 2012-10-17.
ResourceClause MakeResourceClause(const Statement* statement, bool substitute,
                                  ArnVariableScope scope);
// A clause over given values (also for the KMS key rule, which is no statement).
ResourceClause MakeListedClause(std::vector<std::string> values, bool not_listed,
                                bool substitute, ArnVariableScope scope);

// One statement as the analyses of one principal see it.
struct StatementFacts {
  uint32_t id = 0;  // index in AnalysisSetup::statements
  Layer layer = Layer::kNone;
  int level = -1;
  Effect effect = Effect::kAllow;
  const CompiledPolicy* policy = nullptr;        // null for rules outside the policies
  const CompiledStatement* statement = nullptr;  // null for rules outside the policies
  std::string sid;                               // Sid, or "#<index>"
  // For resource-type layers: whether the statement's principal part names the caller, and
  // with which class (§3.3); always true / kDirect for the other layers.
  bool names_caller = true;
  PrincipalClass principal_class = PrincipalClass::kDirect;
  ResourceClause resources;
  // Conditions that can fail. A condition with an unknown operator (lenient parsing) always
  // holds in a Deny (fail closed, §4.1) and is left out here; in an Allow it never holds.
  std::vector<const CompiledCondition*> conditions;
  bool never_applies = false;  // an Allow with an unknown operator

  bool unconditional() const { return conditions.empty(); }
};

struct Requirement {
  Layer layer = Layer::kNone;
  int level = -1;
  std::vector<uint32_t> terms;  // StatementFacts ids; empty: can never be met
};

enum class PathKind : uint8_t {
  kIdentity,         // identity policies (with boundary and session policy)
  kResourceDirect,   // a resource policy grant to the caller itself
  kResourceRole,     // a resource policy grant to the caller's role or parent user
  kResourceAccount,  // a resource policy trusting the account, and the identity policies
  kResourceAny,      // anonymous and service callers: the resource policy alone
  kCrossAccount,     // identity policies and a resource policy grant in another account
  kRoot,             // the account root user in its own account
  kImplicit,         // a rule outside the policies (sts:GetCallerIdentity)
};

const char* PathKindName(PathKind kind);
Layer PathLayer(PathKind kind);  // the layer reported as granting

constexpr uint32_t kNoStatement = UINT32_MAX;

struct GrantPath {
  PathKind kind = PathKind::kIdentity;
  std::vector<Requirement> requirements;  // all must be met; none: always met
  // The statement reported as granting (kept when simplification drops its requirement).
  uint32_t granting = kNoStatement;
};

struct ActionModel {
  std::vector<GrantPath> paths;   // none: nothing can grant
  std::vector<uint32_t> denials;  // StatementFacts ids of Deny statements
  // Why nothing can grant, when `paths` is empty from the start (root assuming a role, ...).
  Layer missing_layer = Layer::kNone;
  int missing_level = -1;
};

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_MODEL_H_
