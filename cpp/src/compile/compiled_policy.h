// File: compiled_policy.h
// The compiled form of policies: immutable after compilation, shared read-only by every
// evaluation thread. One CompiledLayer is one set of OR-ed policies (the identity policies,
// the boundary, one SCP level, ...).
#ifndef IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_
#define IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compile/action_matcher.h"
#include "compile/compiled_condition.h"
#include "compile/resource_matcher.h"
#include "eval/principal_match.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"

namespace iameval::internal {

struct CompiledStatement {
  Effect effect = Effect::kAllow;
  ActionMatcher actions;
  bool has_resource = false;  // false: trust-policy style, the attached resource
  ResourceMatcher resources;
  bool has_principal = false;
  CompiledPrincipals principals;
  std::vector<CompiledCondition> conditions;
  const Statement* source = nullptr;  // for explanations; owned by CompiledPolicy::source
};

struct CompiledPolicy {
  std::string name;
  std::shared_ptr<const Policy> source;
  std::vector<CompiledStatement> statements;
};

struct LayerVerdict {
  bool allow = false;
  bool deny = false;
  PrincipalClass allow_class = PrincipalClass::kNone;  // strongest class among Allows
};

struct StatementRef {
  uint32_t policy = 0;
  uint32_t statement = 0;
};

struct IndexEntry {
  ActionId action = 0;
  StatementRef ref;
};

struct CompiledLayer {
  Layer layer = Layer::kNone;
  int level = -1;
  std::vector<CompiledPolicy> policies;
  // Candidate statements by catalog action: the narrow statements (explicit actions and
  // service wildcards) are listed per action in `index_entries`, sorted by action and then in
  // document order; the broad ones (`*`, NotAction, anything matching most of the catalog)
  // are in `broad_entries` and checked with their matcher. A request for a catalog action
  // visits one equal range plus the broad statements; an action the catalog does not know
  // scans every statement. Sparse on purpose: compiling a small policy set stays cheap.
  std::vector<IndexEntry> index_entries;
  std::vector<StatementRef> broad_entries;
  bool index_built = false;
  // Where each action's run of index_entries lies, in an open-addressing table on the action
  // id (built by BuildIndex): the decision path's lookup is one probe, not a binary search.
  struct ActionRange {
    ActionId id_plus_one = 0;  // 0 = empty slot
    uint32_t begin = 0;
    uint32_t end = 0;
  };
  std::vector<ActionRange> action_ranges;

  bool empty() const { return policies.empty(); }
  bool indexed() const { return index_built; }
  // Builds the index over a catalog of `action_count` actions.
  void BuildIndex(size_t action_count);

  // index_entries[first, second) are the narrow entries of catalog action `id`.
  std::pair<size_t, size_t> EntriesOf(ActionId id) const {
    if (action_ranges.empty()) {
      auto range = std::equal_range(
          index_entries.begin(), index_entries.end(), IndexEntry{id, {}},
          [](const IndexEntry& a, const IndexEntry& b) { return a.action < b.action; });
      return {static_cast<size_t>(range.first - index_entries.begin()),
              static_cast<size_t>(range.second - index_entries.begin())};
    }
    const size_t mask = action_ranges.size() - 1;
    for (size_t i = ActionSlot(id) & mask;; i = (i + 1) & mask) {
      const ActionRange& slot = action_ranges[i];
      if (slot.id_plus_one == id + 1) return {slot.begin, slot.end};
      if (slot.id_plus_one == 0) return {0, 0};
    }
  }
  static size_t ActionSlot(ActionId id) {
    return static_cast<size_t>((uint64_t{id} * 0x9E3779B97F4A7C15ull) >> 32);
  }

  // Calls f(StatementRef) for every statement whose Action / NotAction matches catalog action
  // `id`, in document order. Requires indexed().
  template <class F>
  void ForEachStatementOf(ActionId id, F&& f) const {
    auto narrow = std::lower_bound(
        index_entries.begin(), index_entries.end(), id,
        [](const IndexEntry& e, ActionId a) { return e.action < a; });
    auto broad = broad_entries.begin();
    auto before = [](const StatementRef& a, const StatementRef& b) {
      return a.policy < b.policy || (a.policy == b.policy && a.statement < b.statement);
    };
    while (true) {
      const bool has_narrow = narrow != index_entries.end() && narrow->action == id;
      // Skip broad statements whose matcher does not take this action.
      while (broad != broad_entries.end() &&
             !policies[broad->policy].statements[broad->statement].actions.Matches(id, {})) {
        ++broad;
      }
      const bool has_broad = broad != broad_entries.end();
      if (!has_narrow && !has_broad) return;
      if (has_broad && (!has_narrow || before(*broad, narrow->ref))) {
        f(*broad++);
      } else {
        f((narrow++)->ref);
      }
    }
  }
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_COMPILED_POLICY_H_
