// File: policy_facts.h
// What each statement of a policy grants or denies, in catalog terms, computed once and
// shared by the rules: expanded actions, the actions it applies to on every resource they can
// name ("unrestricted"), its conditions, and the policy's unconditional denies.
#ifndef IAMEVAL_SRC_FINDINGS_POLICY_FACTS_H_
#define IAMEVAL_SRC_FINDINGS_POLICY_FACTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "iameval/catalog.h"
#include "iameval/effective.h"
#include "iameval/findings.h"
#include "iameval/policy.h"

namespace iameval::internal {

struct StatementFacts {
  const Statement* statement = nullptr;
  // Catalog actions of Action (NotAction: every catalog action not listed).
  ActionSet expanded;
  // The subset the statement can apply to at all: wildcard-only actions need Resource `*`
  // (or NotResource, or no Resource element, which means the attached resource).
  ActionSet applicable;
  // The subset applicable on every resource the action can name: Resource `*`, patterns that
  // cover the action's resource types, NotResource (treated as everything; rule IAM007 says
  // so), or no Resource element.
  ActionSet unrestricted;
  bool conditional = false;
  std::vector<EffectiveCondition> conditions;  // as written, for findings
};

struct PolicyFacts {
  std::string name;
  const Policy* policy = nullptr;
  std::vector<StatementFacts> statements;  // parallel to policy->statements
  // Actions denied on every resource without a condition: they are removed from every
  // Allow of the policy. Conditional or resource-limited denies remove nothing.
  ActionSet unconditional_deny;
};

PolicyFacts BuildPolicyFacts(const Policy& policy, std::string_view name, const Catalog& catalog);

// The statement's Sid, or "#<index>" when it has none (as in explanations).
std::string SidOrIndex(const Statement& statement);

// Where a statement is, for `related` lists and as a finding's primary location.
FindingLocation StatementLocation(const PolicyFacts& facts, const Statement& statement,
                                  const SourceLocation& where);

// The location of the first Action value that brings in any action of `hit` (for NotAction,
// the NotAction element); the statement's location when none does.
SourceLocation LocateActions(const Statement& statement, const ActionSet& hit,
                             const Catalog& catalog);

// The location of an element (`Action`, `NotResource` ...): its path, and the line and column
// of its first value.
SourceLocation ElementLocation(const Statement& statement, std::string_view element,
                               const std::vector<LocatedString>& values);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_POLICY_FACTS_H_
