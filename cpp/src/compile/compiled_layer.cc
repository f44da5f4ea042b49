#include <algorithm>
#include <cstdint>

#include "compile/compiled_policy.h"

namespace iameval::internal {

void CompiledLayer::BuildIndex(size_t action_count) {
  index_entries.clear();
  broad_entries.clear();
  index_built = true;
  for (uint32_t p = 0; p < policies.size(); ++p) {
    for (uint32_t s = 0; s < policies[p].statements.size(); ++s) {
      const ActionMatcher& actions = policies[p].statements[s].actions;
      const ActionSet& listed = actions.catalog_actions();
      // Listing a statement under thousands of actions costs more than checking its bit.
      if (actions.not_action() || listed.Count() * 2 > action_count) {
        broad_entries.push_back(StatementRef{p, s});
        continue;
      }
      for (ActionId id : listed.Ids()) index_entries.push_back(IndexEntry{id, StatementRef{p, s}});
    }
  }
  // Stable: within one action the entries stay in document order.
  std::stable_sort(index_entries.begin(), index_entries.end(),
                   [](const IndexEntry& a, const IndexEntry& b) { return a.action < b.action; });

  // The action -> run table, at most half full.
  size_t distinct = 0;
  for (size_t i = 0; i < index_entries.size(); ++i) {
    if (i == 0 || index_entries[i].action != index_entries[i - 1].action) ++distinct;
  }
  action_ranges.clear();
  if (distinct == 0 || index_entries.size() > UINT32_MAX) return;
  size_t capacity = 8;
  while (capacity < distinct * 2) capacity *= 2;
  action_ranges.assign(capacity, ActionRange{});
  const size_t mask = capacity - 1;
  for (size_t begin = 0; begin < index_entries.size();) {
    const ActionId id = index_entries[begin].action;
    size_t end = begin + 1;
    while (end < index_entries.size() && index_entries[end].action == id) ++end;
    size_t slot = ActionSlot(id) & mask;
    while (action_ranges[slot].id_plus_one != 0) slot = (slot + 1) & mask;
    action_ranges[slot] = ActionRange{id + 1, static_cast<uint32_t>(begin),
                                      static_cast<uint32_t>(end)};
    begin = end;
  }
}

}  // namespace iameval::internal
