// File: effective_universe.h
// The resources an action can be asked for (effective.h, "Resources"): `*` alone for actions
// without resource-level permissions, else the ARNs of the action's resource types, from their
// catalog ARN formats, in the principal's partition. Actions with the same formats share one
// universe.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_

#include <deque>
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
  // Each format alone: searches run once per format (a union of many formats would make the
  // automaton search track them all at once).
  std::vector<PatternLanguage> parts;
};

class UniverseTable {
 public:
  UniverseTable(const Catalog& catalog, std::string partition);

  // The universe of `action` (an id for universe()).
  int IdOf(ActionId action);
  // References stay valid while the table lives (analyses keep pointers to universes).
  const Universe& universe(int id) const { return universes_[static_cast<size_t>(id)]; }
  size_t size() const { return universes_.size(); }

 private:
  const Catalog& catalog_;
  std::string partition_;
  std::deque<Universe> universes_;  // a deque: growing keeps references valid
  absl::flat_hash_map<std::string, int> by_formats_;  // formats joined by '\n'
};

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
