// Finding construction helpers, plus the public CountAccessLevels() and FormatFinding().
#include "findings/finding_builder.h"

#include <algorithm>
#include <tuple>

#include "findings/rule_registry.h"

namespace iameval {
namespace internal {

Finding MakeFinding(std::string_view rule_id, const FindingLocation& where) {
  const FindingRule& rule = rules::Get(rule_id);
  Finding f;
  f.rule_id = rule.id;
  f.severity = rule.severity;
  f.title = rule.title;
  f.policy_name = where.policy_name;
  f.statement_index = where.statement_index;
  f.sid = where.sid;
  f.location = where.location;
  return f;
}

void SetActions(Finding& finding, const ActionSet& actions, const Catalog& catalog) {
  finding.actions = actions;
  finding.action_counts = CountAccessLevels(actions, catalog);
}

bool RuleEnabled(const FindingOptions& options, std::string_view rule_id) {
  return std::find(options.disabled_rules.begin(), options.disabled_rules.end(), rule_id) ==
         options.disabled_rules.end();
}

namespace {

// 12345 -> "12,345": counts of actions are read by people.
std::string WithCommas(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string DescribeCounts(const AccessLevelCounts& counts) {
  std::string out = WithCommas(counts.total()) + (counts.total() == 1 ? " action" : " actions");
  std::vector<std::string> parts;
  if (counts.write > 0) parts.push_back(WithCommas(counts.write) + " Write");
  if (counts.permissions_management > 0) {
    parts.push_back(WithCommas(counts.permissions_management) + " Permissions management");
  }
  if (!parts.empty()) {
    out += " (";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    out += ")";
  }
  return out;
}

std::string SampleActions(const ActionSet& actions, const Catalog& catalog, size_t max) {
  std::vector<ActionId> ids = actions.Ids();
  std::string out;
  for (size_t i = 0; i < ids.size() && i < max; ++i) {
    out += (i ? ", " : "") + catalog.ActionName(ids[i]);
  }
  if (ids.size() > max) out += " and " + std::to_string(ids.size() - max) + " more";
  return out;
}

void SortFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.severity, a.policy_name, a.statement_index, a.rule_id) <
           std::tie(b.severity, b.policy_name, b.statement_index, b.rule_id);
  });
}

}  // namespace internal

AccessLevelCounts CountAccessLevels(const ActionSet& actions, const Catalog& catalog) {
  AccessLevelCounts counts;
  for (ActionId id : actions.Ids()) {
    if (id >= catalog.action_count()) continue;
    switch (catalog.Action(id).access_level) {
      case AccessLevel::kList: ++counts.list; break;
      case AccessLevel::kRead: ++counts.read; break;
      case AccessLevel::kWrite: ++counts.write; break;
      case AccessLevel::kPermissionsManagement: ++counts.permissions_management; break;
      case AccessLevel::kTagging: ++counts.tagging; break;
    }
  }
  return counts;
}

std::string FormatFinding(const Finding& finding) {
  std::string out = std::to_string(finding.location.line) + ":" +
                    std::to_string(finding.location.column) + ": " +
                    FindingSeverityName(finding.severity) + ": " + finding.title + " [" +
                    finding.rule_id + "]";
  if (!finding.policy_name.empty()) out += " in " + finding.policy_name;
  if (!finding.location.path.empty()) out += " at " + finding.location.path;
  out += ": " + finding.message;
  if (finding.conditional) out += " (conditional)";
  return out;
}

}  // namespace iameval
