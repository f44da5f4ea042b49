// File: findings.h
// Wildcard-overreach and least-privilege findings: what a policy, or a principal with all its
// policies, lets someone do that a reviewer should look at, each finding pointing at the
// statement (JSON Pointer, line, column) that causes it.
//
//   iameval::ParseResult r = iameval::ParsePolicy(text, iameval::PolicyKind::kIdentity);
//   for (const iameval::Finding& f : iameval::AnalyzePolicy(*r.policy, "my-policy"))
//     std::cout << iameval::FormatFinding(f) << "\n";
//
// Three entry points:
//   * AnalyzePolicy: one document on its own: wildcards, NotAction / NotResource, Resource
//     `*` on actions that could be scoped, risky action categories, trust-policy principals.
//   * AnalyzePrincipal: every policy of one principal combined, after the permission
//     boundary, SCPs and session policy removed what they remove (effective permissions), so
//     an escalation method split across two policies is found, and one an SCP blocks is not.
//   * SuggestLeastPrivilege: a narrower policy (explicit actions, scoped resources), optionally
//     cut down to the actions and resources actually used.
//
// Principles (docs/findings.md):
//   * A Condition never silences a finding: the finding says `conditional` and shows the
//     conditions, so the reader judges them.
//   * Deny statements remove actions only where they apply unconditionally and to every
//     resource the action can name.
//   * A resource pattern that matches every ARN of an action's resource types (for example
//     `arn:aws:*:*:*`, or `arn:aws:s3:::*` for object actions) counts as `*`. Actions without
//     resource-level permissions ("wildcard-only") are never reported for Resource `*`.
// Nothing here throws; inputs that cannot be analysed give an error Status.
#ifndef IAMEVAL_FINDINGS_H_
#define IAMEVAL_FINDINGS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"
#include "iameval/diagnostic.h"
#include "iameval/effective.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval {

enum class FindingSeverity : uint8_t { kCritical, kHigh, kMedium, kLow, kInfo };

// "critical", "high", "medium", "low", "info".
const char* FindingSeverityName(FindingSeverity severity);

// How many actions of a set are at each access level.
struct AccessLevelCounts {
  size_t list = 0;
  size_t read = 0;
  size_t write = 0;
  size_t permissions_management = 0;
  size_t tagging = 0;
  size_t total() const { return list + read + write + permissions_management + tagging; }
};

AccessLevelCounts CountAccessLevels(const ActionSet& actions,
                                    const Catalog& catalog = Catalog::Default());

// One statement (or one value inside it) that a finding points at.
struct FindingLocation {
  std::string policy_name;
  int statement_index = -1;  // -1: about the policy or the principal as a whole
  std::string sid;           // empty when the statement has none
  SourceLocation location;   // JSON Pointer, line, column in the policy document
};

struct Finding {
  std::string rule_id;  // stable, e.g. "IAM001-action-star"; see FindingRules()
  FindingSeverity severity = FindingSeverity::kInfo;
  std::string title;    // the rule's title, one line
  std::string message;  // this occurrence, with numbers and names
  std::string principal;  // AnalyzePrincipal: the principal; empty otherwise
  // Where it is: the statement (and the element or value) to change.
  std::string policy_name;
  int statement_index = -1;
  std::string sid;
  SourceLocation location;
  // Other statements that contribute (an escalation method split across statements or
  // policies, a risky category granted in several places).
  std::vector<FindingLocation> related;
  // The catalog actions concerned, after denies (and, for a principal, after boundaries and
  // SCPs), with their counts per access level. Empty for trust-policy rules.
  ActionSet actions;
  AccessLevelCounts action_counts;
  // True when the grant applies only under Condition elements; `conditions` shows them.
  bool conditional = false;
  std::vector<EffectiveCondition> conditions;
  std::string method;                  // privilege escalation: the method id
  std::vector<std::string> resources;  // resource patterns or principals concerned
};

// What a rule is, for documentation and for tools that list rules.
struct FindingRule {
  const char* id;
  FindingSeverity severity;  // the usual severity; some rules adjust it (docs/findings.md)
  const char* title;
  const char* fix;  // how to fix, one sentence
};

// Every rule, in id order.
const std::vector<FindingRule>& FindingRules();

struct FindingOptions {
  // The account the policies belong to (12 digits). Trust rules use it to tell other
  // accounts from this one; when empty, any named account counts as another account.
  std::string account_id;
  // Accounts that are not reported as cross-account (your own organisation's accounts).
  std::vector<std::string> trusted_accounts;
  // Rule ids (e.g. "IAM014-infrastructure-modification") to skip.
  std::vector<std::string> disabled_rules;
  // AnalyzePrincipal: also report the per-statement rules (wildcards, NotAction, Resource
  // `*` ...) of each identity policy, limited to what the principal is effectively allowed.
  bool include_statement_findings = true;
};

// (a) The findings for one policy document. `name` names it in the findings. Grant rules
// run for identity and resource policies, trust rules for trust policies; guardrail kinds
// (SCP, RCP, boundary, session, VPC endpoint) grant nothing, so they get no grant findings.
// Sorted by severity (critical first), then by position in the document.
std::vector<Finding> AnalyzePolicy(const Policy& policy, std::string_view name,
                                   const FindingOptions& options = FindingOptions(),
                                   const Catalog& catalog = Catalog::Default());

// (b) The findings for one principal from its effective permissions: risky categories and
// privilege-escalation methods over the union of everything its policies allow, after the
// boundary, SCPs and session policies; each finding lists the statements that contribute.
// `policies` must be the set `effective` was computed from (it supplies the statements).
std::vector<Finding> AnalyzePrincipal(const EffectivePermissions& effective,
                                      const PolicySet& policies,
                                      const FindingOptions& options = FindingOptions(),
                                      const Catalog& catalog = Catalog::Default());

// The same, computing the effective permissions first (ComputeEffectivePermissions()).
absl::StatusOr<std::vector<Finding>> AnalyzePrincipal(
    const PolicySet& policies, std::string_view principal,
    const FindingOptions& options = FindingOptions(),
    const Catalog& catalog = Catalog::Default());

// One observed use of a permission (e.g. from CloudTrail).
struct UsedAccess {
  std::string action;    // "s3:GetObject"; case-insensitive
  std::string resource;  // the ARN used; empty when unknown
};

struct LeastPrivilegeOptions {
  // Values put into ARN templates built from the catalog's formats. An empty region becomes
  // `*`; an empty account stays the placeholder `${Account}` for the author to fill in.
  std::string partition = "aws";
  std::string region;
  std::string account_id;
};

struct LeastPrivilegeResult {
  std::string policy_json;  // the narrower policy, pretty-printed
  ActionSet kept;           // catalog actions the new policy allows
  ActionSet removed;        // allowed before, not any more
  AccessLevelCounts removed_counts;
  // Statements rewritten, placeholders to fill in, action names kept verbatim because the
  // catalog does not know them, and similar remarks, one sentence each.
  std::vector<std::string> notes;
};

// (c) A narrower version of `policy`: each Allow statement's wildcards and NotAction become
// explicit actions; Resource `*` (or an effectively-`*` pattern) becomes the catalog's ARN
// formats with placeholders (`arn:aws:s3:::${BucketName}/*`) or, when `used` gives them, the
// resources actually used. With `used`, actions never used are dropped. Deny statements and
// conditions are kept as they are. InvalidArgument for a policy kind that grants nothing
// to rewrite (trust, SCP, RCP, boundary, session, VPC endpoint).
absl::StatusOr<LeastPrivilegeResult> SuggestLeastPrivilege(
    const Policy& policy, const std::optional<std::vector<UsedAccess>>& used = std::nullopt,
    const LeastPrivilegeOptions& options = LeastPrivilegeOptions(),
    const Catalog& catalog = Catalog::Default());

// "line:column: severity: title [rule] at path: message".
std::string FormatFinding(const Finding& finding);

}  // namespace iameval

#endif  // IAMEVAL_FINDINGS_H_
