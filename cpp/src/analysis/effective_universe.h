// File: effective_universe.h
// The resources an action can be asked for (effective.h, "Resources"): `*` alone for actions
// without resource-level permissions, else the ARNs of the action's resource types, from their
// catalog ARN formats, in the principal's partition. Actions with the same formats share one
// universe.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/pattern_language.h"
#include "iameval/catalog.h"

namespace iameval::internal::analysis {

struct Universe {
  bool wildcard_only = false;        // the request resource is `*`
  std::vector<std::string> formats;  // catalog ARN formats (ARN universes)
  PatternLanguage language;          // their union (ARN universes)
};

class UniverseTable {
 public:
  UniverseTable(const Catalog& catalog, std::string partition);

  // The universe of `action` (an index into universes()).
  int IdOf(ActionId action);
  const Universe& universe(int id) const { return universes_[static_cast<size_t>(id)]; }
  const std::vector<Universe>& universes() const { return universes_; }

 private:
  const Catalog& catalog_;
  std::string partition_;
  std::vector<Universe> universes_;
  absl::flat_hash_map<std::string, int> by_formats_;  // formats joined by '\n'
};

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
