#include <algorithm>

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
}

}  // namespace iameval::internal
