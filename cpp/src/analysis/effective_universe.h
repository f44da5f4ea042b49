// File: effective_universe.h
// The resources an action can be asked for (effective.h, "Resources"): `*` alone for actions
// without resource-level permissions, else the ARNs of the action's resource types, from their
// catalog ARN formats, in the principal's partition. Actions with the same formats share one
// universe.
#ifndef IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
#define IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_

#include <deque>
#include <memory>
#include <string>
#include <vector>

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

// The catalog's actions sorted into classes by their ARN formats (sorted, distinct): class 0
// is the wildcard-only actions. Computed once for Catalog::Default() and shared.
struct FormatClasses {
  std::vector<uint32_t> class_of;                 // per ActionId
  std::vector<std::vector<std::string>> formats;  // per class
};

class UniverseTable {
 public:
  UniverseTable(const Catalog& catalog, std::string partition);

  // The universe of `action` (an id for universe()).
  int IdOf(ActionId action);
  const Catalog& catalog() const { return catalog_; }
  const std::string& partition() const { return partition_; }
  const FormatClasses& classes() const { return *classes_; }
  // References stay valid while the table lives (analyses keep pointers to universes).
  const Universe& universe(int id) const { return universes_[static_cast<size_t>(id)]; }
  size_t size() const { return universes_.size(); }

 private:
  const Catalog& catalog_;
  std::string partition_;
  std::shared_ptr<const FormatClasses> classes_;
  std::vector<int> universe_of_class_;  // -1: not built yet
  std::deque<Universe> universes_;  // a deque: growing keeps references valid
};

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_EFFECTIVE_UNIVERSE_H_
