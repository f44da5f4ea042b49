// File: catalog_impl.h
// The data behind a Catalog: the public records plus the indexes that make lookups and
// pattern expansion fast. Built once by the loader, immutable afterwards.
#ifndef IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_
#define IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "catalog/access_level.h"
#include "iameval/catalog.h"

namespace iameval {
namespace internal {

// Per-service lookup tables; indexes point into the matching ServiceInfo's vectors.
struct ServiceIndex {
  absl::flat_hash_map<std::string, uint32_t> resource_types;  // lowercased name
  absl::flat_hash_map<std::string, uint32_t> condition_keys;  // lowercased key
  // Keys with placeholders, as (lowercased glob, index): tried when no key matches exactly.
  std::vector<std::pair<std::string, uint32_t>> key_templates;
};

}  // namespace internal

struct Catalog::Impl {
  CatalogSource source;
  // INVARIANT: services sorted by prefix; the actions of services[i] are the ids
  // [first_action, first_action + action_count), sorted by lowercased name.
  std::vector<ServiceInfo> services;
  std::vector<ActionInfo> actions;                 // indexed by ActionId
  std::vector<std::string> lowercase_names;        // action name without prefix, by ActionId
  std::vector<internal::ServiceIndex> service_indexes;  // parallel to services
  absl::flat_hash_map<std::string, uint32_t> service_by_prefix;  // lowercased prefix
  absl::flat_hash_map<std::string, ActionId> action_by_name;     // lowercased "svc:name"
  absl::flat_hash_set<std::string> rcp_services;                 // lowercased prefixes

  // Precomputed because analyses ask for them per policy.
  ActionSet all_actions;
  ActionSet wildcard_only;
  std::array<ActionSet, internal::kAccessLevelCount> by_access_level;
};

}  // namespace iameval

#endif  // IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_
