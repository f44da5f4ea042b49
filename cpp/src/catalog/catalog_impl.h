// File: catalog_impl.h
// The data behind a Catalog: the public records plus the indexes that make lookups and
// pattern expansion fast. Built once by the loader, immutable afterwards.
#ifndef IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_
#define IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "catalog/access_level.h"
#include "iameval/catalog.h"
#include "match/ascii.h"

namespace iameval {
namespace internal {

// Per-service lookup tables; indexes point into the matching ServiceInfo's vectors.
struct ServiceIndex {
  absl::flat_hash_map<std::string, uint32_t> resource_types;  // lowercased name
  absl::flat_hash_map<std::string, uint32_t> condition_keys;  // lowercased key
  // Keys with placeholders, as (lowercased glob, index): tried when no key matches exactly.
  std::vector<std::pair<std::string, uint32_t>> key_templates;
};

// The lowercased full action names ("s3:getobject") in an open-addressing table: the lookup
// behind FindAction(), on every request's path. One hash of the name, usually one probe and
// one compare; no std::string keys to chase.
class ActionNameTable {
 public:
  // `full_names[id]`: the lowercased "service:name" of action `id`; names are distinct.
  void Build(const std::vector<std::string>& full_names);

  // `lowercase_name` must already be lowercase.
  std::optional<ActionId> Find(std::string_view lowercase_name) const {
    if (slots_.empty() || lowercase_name.size() > max_length_) return std::nullopt;
    const uint64_t hash = Hash(lowercase_name);
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return std::nullopt;
      if (static_cast<uint32_t>(slot >> 32) != tag) continue;
      const auto id = static_cast<ActionId>((slot & 0xffffffffu) - 1);
      const uint32_t begin = offsets_[id];
      const uint32_t length = offsets_[id + 1] - begin;
      if (length == lowercase_name.size() &&
          SmallBytesEqual(arena_.data() + begin, lowercase_name.data(), length)) {
        return id;
      }
    }
  }
  size_t max_length() const { return max_length_; }

  static uint64_t Hash(std::string_view s) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
    const char* p = s.data();
    size_t n = s.size();
    while (n >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 29;
      p += 8;
      n -= 8;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < n; ++i) tail |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = (h ^ tail) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
  }

 private:
  std::string arena_;              // every name, concatenated in id order
  std::vector<uint32_t> offsets_;  // name `id` is arena_[offsets_[id], offsets_[id + 1])
  std::vector<uint64_t> slots_;    // (hash >> 32) << 32 | (id + 1); 0 = empty
  uint64_t mask_ = 0;
  size_t max_length_ = 0;
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
  internal::ActionNameTable action_table;  // lowercased "svc:name" -> id (FindAction)

  // Precomputed because analyses ask for them per policy.
  ActionSet all_actions;
  ActionSet wildcard_only;
  std::array<ActionSet, internal::kAccessLevelCount> by_access_level;
};

}  // namespace iameval

#endif  // IAMEVAL_SRC_CATALOG_CATALOG_IMPL_H_
