// Per-statement rules. Counts are of catalog actions after the policy's unconditional denies,
// so `Allow *` + `Deny NotAction [...]` (a common boundary shape) reports what it really
// allows.
#include "findings/statement_rules.h"

#include <optional>
#include <string>

#include "findings/finding_builder.h"
#include "findings/resource_coverage.h"
#include "findings/rule_registry.h"

namespace iameval::internal {
namespace {

enum class PatternShape { kStar, kServiceWildcard, kPartialWildcard, kLiteral };

PatternShape ShapeOf(const std::string& pattern) {
  if (pattern == "*") return PatternShape::kStar;
  if (pattern.find_first_of("*?") == std::string::npos) return PatternShape::kLiteral;
  const size_t colon = pattern.find(':');
  if (colon != std::string::npos && pattern.compare(colon + 1, std::string::npos, "*") == 0 &&
      pattern.find_first_of("*?") == colon + 1) {
    return PatternShape::kServiceWildcard;
  }
  return PatternShape::kPartialWildcard;
}

// One statement's context shared by its rules.
struct Context {
  const PolicyFacts& facts;
  const StatementFacts& st;
  const FindingOptions& options;
  const Catalog& catalog;
  ActionSet applicable;    // after denies and limit
  ActionSet unrestricted;  // after denies and limit
  std::vector<Finding>& out;

  Finding Make(std::string_view rule, const SourceLocation& where) const {
    Finding f = MakeFinding(rule, StatementLocation(facts, *st.statement, where));
    f.conditional = st.conditional;
    f.conditions = st.conditions;
    return f;
  }
  bool Enabled(std::string_view rule) const { return RuleEnabled(options, rule); }
};

std::string ResourceText(const Statement& st) {
  if (!st.has_resource) return "the attached resource";
  std::string out = st.not_resource ? "every resource except " : "";
  for (size_t i = 0; i < st.resources.size() && i < 3; ++i) {
    out += (i ? ", `" : "`") + st.resources[i].value + "`";
  }
  if (st.resources.size() > 3) out += " and " + std::to_string(st.resources.size() - 3) + " more";
  return out;
}

void ActionWildcardRules(Context& c) {
  const Statement& st = *c.st.statement;
  if (st.not_action) return;
  bool star_reported = false;
  for (const LocatedString& a : st.actions) {
    const PatternShape shape = ShapeOf(a.value);
    if (shape == PatternShape::kLiteral) continue;
    if (shape == PatternShape::kStar) {
      if (star_reported || !c.Enabled(rules::kActionStar) || c.applicable.Empty()) continue;
      star_reported = true;
      Finding f = c.Make(rules::kActionStar, a.location);
      SetActions(f, c.applicable, c.catalog);
      f.message = "`*` allows " + DescribeCounts(f.action_counts) + " on " + ResourceText(st);
      c.out.push_back(std::move(f));
      continue;
    }
    const char* rule = shape == PatternShape::kServiceWildcard ? rules::kServiceWildcard
                                                               : rules::kPrefixWildcard;
    if (!c.Enabled(rule)) continue;
    ActionSet hits = c.catalog.Expand(a.value) & c.applicable;
    if (hits.Empty()) continue;
    Finding f = c.Make(rule, a.location);
    SetActions(f, hits, c.catalog);
    const AccessLevelCounts& n = f.action_counts;
    if (shape == PatternShape::kServiceWildcard) {
      if (n.permissions_management > 0) f.severity = FindingSeverity::kHigh;
      f.message = "`" + a.value + "` allows " + DescribeCounts(n) + " on " + ResourceText(st);
    } else {
      f.severity = n.permissions_management > 0 ? FindingSeverity::kMedium
                   : n.write > 0                ? FindingSeverity::kLow
                                                : FindingSeverity::kInfo;
      f.message = "`" + a.value + "` matches " + DescribeCounts(n) + ": " +
                  SampleActions(hits, c.catalog);
    }
    c.out.push_back(std::move(f));
  }
}

FindingSeverity ResourceSeverity(const AccessLevelCounts& n) {
  return n.write + n.permissions_management > 0 ? FindingSeverity::kMedium : FindingSeverity::kLow;
}

void ResourceRules(Context& c) {
  const Statement& st = *c.st.statement;
  if (!st.has_resource || st.not_resource) return;
  const ActionSet scopable = c.applicable - c.catalog.WildcardOnlyActions();
  if (scopable.Empty()) return;
  for (const LocatedString& r : st.resources) {
    if (r.value != "*") continue;
    if (!c.Enabled(rules::kResourceStar)) return;
    Finding f = c.Make(rules::kResourceStar, r.location);
    SetActions(f, scopable, c.catalog);
    f.severity = ResourceSeverity(f.action_counts);
    f.resources = {r.value};
    f.message = "`*` on " + DescribeCounts(f.action_counts) +
                " with resource-level permissions: " + SampleActions(scopable, c.catalog);
    c.out.push_back(std::move(f));
    return;  // with `*` present, no other pattern of the list matters
  }
  if (!c.Enabled(rules::kResourceEffectivelyStar)) return;
  std::vector<std::string> patterns;
  for (const LocatedString& r : st.resources) patterns.push_back(r.value);
  ResourceCoverage all(std::move(patterns), c.catalog);
  const ActionSet unrestricted = all.Covered(scopable);
  if (unrestricted.Empty()) return;
  for (const LocatedString& r : st.resources) {
    ResourceCoverage one({r.value}, c.catalog);
    ActionSet covered = c.catalog.EmptySet();
    for (ActionId id : unrestricted.Ids()) {
      if (one.CoversSomeType(id)) covered.Insert(id);
    }
    if (covered.Empty()) continue;
    Finding f = c.Make(rules::kResourceEffectivelyStar, r.location);
    SetActions(f, covered, c.catalog);
    f.severity = ResourceSeverity(f.action_counts);
    f.resources = {r.value};
    f.message = "`" + r.value + "` matches every resource of " + DescribeCounts(f.action_counts) +
                ": " + SampleActions(covered, c.catalog);
    c.out.push_back(std::move(f));
  }
}

void NegationRules(Context& c) {
  const Statement& st = *c.st.statement;
  if (c.applicable.Empty()) return;
  if (st.not_action && c.Enabled(rules::kAllowNotAction)) {
    Finding f = c.Make(rules::kAllowNotAction, ElementLocation(st, "NotAction", st.actions));
    SetActions(f, c.applicable, c.catalog);
    if (f.action_counts.permissions_management == 0) f.severity = FindingSeverity::kMedium;
    f.message = "NotAction allows " + DescribeCounts(f.action_counts) + " on " + ResourceText(st);
    c.out.push_back(std::move(f));
  }
  if (st.not_resource && c.Enabled(rules::kAllowNotResource)) {
    Finding f = c.Make(rules::kAllowNotResource, ElementLocation(st, "NotResource", st.resources));
    SetActions(f, c.applicable, c.catalog);
    for (const LocatedString& r : st.resources) f.resources.push_back(r.value);
    f.message = "NotResource allows " + DescribeCounts(f.action_counts) + " on " + ResourceText(st);
    c.out.push_back(std::move(f));
  }
}

void PassRoleRule(Context& c) {
  const std::optional<ActionId> pass_role = c.catalog.FindAction("iam:PassRole");
  if (!pass_role || !c.unrestricted.Contains(*pass_role) || !c.Enabled(rules::kPassRoleStar)) {
    return;
  }
  const Statement& st = *c.st.statement;
  SourceLocation where = st.location;
  std::string resource = "*";
  if (st.not_resource) {
    where = ElementLocation(st, "NotResource", st.resources);
    resource = "NotResource";
  } else if (st.has_resource) {
    for (const LocatedString& r : st.resources) {
      ResourceCoverage coverage({r.value}, c.catalog);
      if (coverage.CoversSomeType(*pass_role)) {
        where = r.location;
        resource = r.value;
        break;
      }
    }
  }
  Finding f = c.Make(rules::kPassRoleStar, where);
  ActionSet one = c.catalog.EmptySet();
  one.Insert(*pass_role);
  SetActions(f, one, c.catalog);
  f.resources = {resource};
  f.message = "iam:PassRole on " + ResourceText(st) +
              " lets the principal hand any role, including administrator roles, to a service";
  c.out.push_back(std::move(f));
}

}  // namespace

void RunStatementRules(const PolicyFacts& facts, const FindingOptions& options,
                       const ActionSet* limit, const Catalog& catalog,
                       std::vector<Finding>& out) {
  for (const StatementFacts& st : facts.statements) {
    if (st.statement->effect != Effect::kAllow) continue;
    Context c{facts, st, options, catalog, st.applicable - facts.unconditional_deny,
              st.unrestricted - facts.unconditional_deny, out};
    if (limit != nullptr) {
      c.applicable &= *limit;
      c.unrestricted &= *limit;
    }
    ActionWildcardRules(c);
    ResourceRules(c);
    NegationRules(c);
    PassRoleRule(c);
  }
}

}  // namespace iameval::internal
