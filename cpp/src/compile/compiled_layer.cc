#include "compile/compiled_policy.h"

namespace iameval::internal {

void CompiledLayer::BuildIndex(size_t action_count) {
  // Counting sort: one pass to size each action's bucket, one to fill it in document order.
  std::vector<std::vector<ActionId>> matched;
  std::vector<uint32_t> counts(action_count + 1, 0);
  for (const CompiledPolicy& policy : policies) {
    for (const CompiledStatement& statement : policy.statements) {
      const ActionSet& listed = statement.actions.catalog_actions();
      std::vector<ActionId> ids;
      if (statement.actions.not_action()) {
        for (ActionId id = 0; id < action_count; ++id) {
          if (!listed.Contains(id)) ids.push_back(id);
        }
      } else {
        ids = listed.Ids();
      }
      for (ActionId id : ids) ++counts[id];
      matched.push_back(std::move(ids));
    }
  }
  index_offsets.assign(action_count + 1, 0);
  for (size_t id = 0; id < action_count; ++id) index_offsets[id + 1] = index_offsets[id] + counts[id];
  index_entries.resize(index_offsets[action_count]);
  std::vector<uint32_t> next(index_offsets.begin(), index_offsets.end() - 1);
  size_t flat = 0;
  for (uint32_t p = 0; p < policies.size(); ++p) {
    for (uint32_t s = 0; s < policies[p].statements.size(); ++s) {
      for (ActionId id : matched[flat]) index_entries[next[id]++] = StatementRef{p, s};
      ++flat;
    }
  }
}

}  // namespace iameval::internal
