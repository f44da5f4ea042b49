// File: effective_grouping.cc
#include "analysis/effective_grouping.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "match/ascii.h"

namespace iameval::internal::analysis {
namespace {

// The signature of an action: rule, statement ids, universe; as bytes for hashing.
absl::string_view Bytes(const std::vector<uint32_t>& words) {
  return absl::string_view(reinterpret_cast<const char*>(words.data()),
                          words.size() * sizeof(uint32_t));
}

ActionRule RuleOf(const AnalysisSetup& setup, const ServiceInfo& service, const ActionInfo& info) {
  if (service.prefix == "kms") return ActionRule::kKms;
  if (service.prefix == "sts") {
    if (AsciiEqualsIgnoreCase(info.name, "GetCallerIdentity") &&
        setup.caller.kind != PrincipalKind::kAnonymous) {
      return ActionRule::kCallerIdentity;
    }
    if (info.name.size() >= 10 && AsciiEqualsIgnoreCase(info.name.substr(0, 10), "assumerole")) {
      return ActionRule::kAssumeRole;
    }
  }
  return ActionRule::kOrdinary;
}

// Per catalog action, the statements (ids, increasing) whose Action / NotAction matches it:
// the action-set algebra done once, from each statement's catalog bitset. Statements that
// match fewer than half the catalog are listed per action in compressed rows; the broad ones
// (`*`, NotAction) are kept apart and tested with one bit per action, which avoids writing
// ~22,000 row entries for each. Built here rather than read from the evaluator's layer
// index, whose layout is tuned for single requests.
struct ActionRows {
  std::vector<uint32_t> offsets;  // per action: [offsets[a], offsets[a + 1])
  std::vector<uint32_t> entries;
  std::vector<uint32_t> broad;    // statement ids, increasing
};

ActionRows MatchStatements(const AnalysisSetup& setup) {
  const Catalog& catalog = *setup.catalog;
  const size_t count = catalog.action_count();
  std::vector<std::vector<ActionId>> matched(setup.statements.size());
  std::vector<uint32_t> sizes(count + 1, 0);
  ActionRows rows;
  for (const StatementFacts& fact : setup.statements) {
    if (fact.statement == nullptr || !fact.names_caller || fact.never_applies) continue;
    const ActionMatcher& actions = fact.statement->actions;
    const size_t listed = actions.catalog_actions().Count();
    const size_t matching = actions.not_action() ? count - std::min(listed, count) : listed;
    if (matching > count / 2) {
      rows.broad.push_back(fact.id);
      continue;
    }
    // A narrow NotAction lists most of the catalog (`NotAction: "*"` matches nothing): its
    // actions are the complement of the listed ones.
    matched[fact.id] = actions.not_action()
                           ? (catalog.AllActions() - actions.catalog_actions()).Ids()
                           : actions.catalog_actions().Ids();
    for (ActionId a : matched[fact.id]) {
      if (a < count) ++sizes[a + 1];
    }
  }
  rows.offsets.assign(count + 1, 0);
  for (size_t a = 0; a < count; ++a) rows.offsets[a + 1] = rows.offsets[a] + sizes[a + 1];
  rows.entries.resize(rows.offsets[count]);
  std::vector<uint32_t> next(rows.offsets.begin(), rows.offsets.end() - 1);
  for (uint32_t id = 0; id < matched.size(); ++id) {
    for (ActionId a : matched[id]) {
      if (a < count) rows.entries[next[a]++] = id;
    }
  }
  return rows;
}

// vector == without a memcmp call (signatures are a few words long).
bool SameWords(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Whether action `a` (> 0) has the row of action `a - 1`. Most rows are empty.
bool SameRow(const ActionRows& rows, ActionId a) {
  const uint32_t begin = rows.offsets[a];
  const uint32_t length = rows.offsets[a + 1] - begin;
  const uint32_t previous = rows.offsets[a - 1];
  if (length != begin - previous) return false;
  for (uint32_t i = 0; i < length; ++i) {
    if (rows.entries[begin + i] != rows.entries[previous + i]) return false;
  }
  return true;
}

}  // namespace

ActionGrouping GroupActions(const AnalysisSetup& setup, UniverseTable& universes) {
  const Catalog& catalog = *setup.catalog;
  const ActionRows rows = MatchStatements(setup);
  ActionGrouping grouping;
  grouping.group_of.assign(catalog.action_count(), 0);
  absl::flat_hash_map<std::string, uint32_t> by_signature;
  std::vector<uint32_t> signature;
  std::vector<uint32_t> previous;
  uint32_t previous_group = 0;

  // Fast path: an action whose inputs to the signature are those of the previous action of
  // its service (same row of narrow statements, same broad statements matching, same ARN
  // format class, no special rule) has the previous action's group. Tracked with one bit per
  // broad statement, so only for up to 64 of them.
  const bool track_broad = rows.broad.size() <= 64;
  const std::vector<uint32_t>& format_class = universes.classes().class_of;
  uint64_t previous_broad = 0;
  bool previous_needs_universe = true;

  for (const ServiceInfo& service : catalog.services()) {
    const bool rcp = catalog.SupportsRcp(service.prefix);
    const bool special = service.prefix == "kms" || service.prefix == "sts";
    for (ActionId a = service.first_action; a < service.first_action + service.action_count;
         ++a) {
      if (track_broad) {
        uint64_t broad = 0;
        for (size_t b = 0; b < rows.broad.size(); ++b) {
          if (setup.statements[rows.broad[b]].statement->actions.Matches(a, {})) {
            broad |= uint64_t{1} << b;
          }
        }
        // The same statements as the previous action: its universe matters only if it did
        // for the previous one.
        const bool same_inputs =
            !special && a != service.first_action && broad == previous_broad &&
            (!previous_needs_universe || format_class[a] == format_class[a - 1]) &&
            SameRow(rows, a);
        previous_broad = broad;
        if (same_inputs) {
          grouping.group_of[a] = previous_group;
          ++grouping.groups[previous_group].action_count;
          continue;
        }
      }
      const ActionRule rule =
          special ? RuleOf(setup, service, catalog.Action(a)) : ActionRule::kOrdinary;
      signature.clear();
      signature.push_back(static_cast<uint32_t>(rule));
      bool needs_universe = rule == ActionRule::kKms;
      // sts:GetCallerIdentity ignores every policy: one group, whatever matches it.
      if (rule != ActionRule::kCallerIdentity) {
        // Merge the action's row with the broad statements that match it, in id order.
        uint32_t i = rows.offsets[a];
        const uint32_t end = rows.offsets[a + 1];
        size_t b = 0;
        while (true) {
          while (b < rows.broad.size() &&
                 !setup.statements[rows.broad[b]].statement->actions.Matches(a, {})) {
            ++b;
          }
          const bool has_row = i < end;
          const bool has_broad = b < rows.broad.size();
          if (!has_row && !has_broad) break;
          uint32_t id;
          if (has_broad && (!has_row || rows.broad[b] < rows.entries[i])) {
            id = rows.broad[b++];
          } else {
            id = rows.entries[i++];
          }
          const StatementFacts& fact = setup.statements[id];
          // RCPs govern only the services that support them (§7.3).
          if (fact.layer == Layer::kRcp && !rcp) continue;
          signature.push_back(fact.id);
          if (!fact.resources.UniverseIndependent()) needs_universe = true;
        }
      }
      const int universe = needs_universe ? universes.IdOf(a) : -1;
      previous_needs_universe = needs_universe;
      signature.push_back(static_cast<uint32_t>(universe));

      // Neighbouring actions (one service) usually share their signature.
      uint32_t group = previous_group;
      if (grouping.groups.empty() || !SameWords(signature, previous)) {
        auto [it, inserted] = by_signature.try_emplace(
            std::string(Bytes(signature)), static_cast<uint32_t>(grouping.groups.size()));
        if (inserted) {
          ActionGroup g;
          g.rule = rule;
          g.universe = universe;
          g.statements.assign(signature.begin() + 1, signature.end() - 1);
          g.first_action = a;
          grouping.groups.push_back(std::move(g));
        }
        group = it->second;
        previous.swap(signature);
        previous_group = group;
      }
      grouping.group_of[a] = group;
      ++grouping.groups[group].action_count;
    }
  }
  return grouping;
}

}  // namespace iameval::internal::analysis
