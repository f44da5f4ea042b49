#include "catalog/catalog_loader.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "catalog/catalog_reader.h"
#include "catalog/condition_key_template.h"

namespace iameval::internal {
namespace {

absl::Status Duplicate(const char* what, const std::string& name, const std::string& prefix) {
  return absl::InvalidArgumentError(absl::StrCat("malformed catalog: duplicate ", what, " `",
                                                 name, "` in service `", prefix, "`"));
}

// Orders a service's actions by lowercased name (Expand() binary-searches them) and returns
// the lowercased names in the new order.
std::vector<std::string> SortActions(std::vector<ActionInfo>& actions) {
  std::vector<std::string> names;
  names.reserve(actions.size());
  for (const ActionInfo& action : actions) names.push_back(absl::AsciiStrToLower(action.name));
  if (std::is_sorted(names.begin(), names.end())) return names;  // as the generator writes
  std::vector<size_t> order(actions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return names[a] < names[b]; });
  std::vector<ActionInfo> sorted_actions;
  std::vector<std::string> sorted_names;
  sorted_actions.reserve(order.size());
  sorted_names.reserve(order.size());
  for (size_t i : order) {
    sorted_actions.push_back(std::move(actions[i]));
    sorted_names.push_back(std::move(names[i]));
  }
  actions = std::move(sorted_actions);
  return sorted_names;
}

absl::StatusOr<ServiceIndex> IndexService(const ServiceInfo& info) {
  ServiceIndex index;
  for (size_t i = 0; i < info.resource_types.size(); ++i) {
    const std::string& name = info.resource_types[i].name;
    if (!index.resource_types.emplace(absl::AsciiStrToLower(name), i).second) {
      return Duplicate("resource type", name, info.prefix);
    }
  }
  for (size_t i = 0; i < info.condition_keys.size(); ++i) {
    const std::string& name = info.condition_keys[i].name;
    if (!index.condition_keys.emplace(absl::AsciiStrToLower(name), i).second) {
      return Duplicate("condition key", name, info.prefix);
    }
    if (std::optional<std::string> glob = ConditionKeyTemplateGlob(name)) {
      index.key_templates.emplace_back(std::move(*glob), static_cast<uint32_t>(i));
    }
  }
  return index;
}

// Appends one service, numbering its actions from the current end.
absl::Status AddService(ServiceRecord&& record, Catalog::Impl& impl) {
  ServiceInfo& info = record.info;
  const std::string lower_prefix = absl::AsciiStrToLower(info.prefix);
  const auto position = static_cast<uint32_t>(impl.services.size());
  if (!impl.service_by_prefix.emplace(lower_prefix, position).second) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed catalog: duplicate service prefix `", info.prefix, "`"));
  }
  absl::StatusOr<ServiceIndex> index = IndexService(info);
  if (!index.ok()) return index.status();

  std::vector<std::string> lower_names = SortActions(record.actions);
  info.first_action = static_cast<ActionId>(impl.actions.size());
  info.action_count = static_cast<ActionId>(record.actions.size());
  for (size_t i = 0; i < record.actions.size(); ++i) {
    ActionInfo& action = record.actions[i];
    action.id = static_cast<ActionId>(impl.actions.size());
    action.service = info.prefix;
    if (!impl.action_by_name.emplace(absl::StrCat(lower_prefix, ":", lower_names[i]), action.id)
             .second) {
      return Duplicate("action", action.name, info.prefix);
    }
    impl.actions.push_back(std::move(action));
    impl.lowercase_names.push_back(std::move(lower_names[i]));
  }
  impl.service_indexes.push_back(*std::move(index));
  impl.services.push_back(std::move(info));
  return absl::OkStatus();
}

void BuildActionSets(Catalog::Impl& impl) {
  const size_t n = impl.actions.size();
  impl.all_actions = ActionSet(n);
  impl.all_actions.InsertAll();
  impl.wildcard_only = ActionSet(n);
  for (ActionSet& set : impl.by_access_level) set = ActionSet(n);
  for (const ActionInfo& action : impl.actions) {
    if (action.IsWildcardOnly()) impl.wildcard_only.Insert(action.id);
    impl.by_access_level[static_cast<size_t>(action.access_level)].Insert(action.id);
  }
}

// FindAction's table over the same names as action_by_name.
void BuildActionTable(Catalog::Impl& impl) {
  std::vector<std::string> full_names;
  full_names.reserve(impl.actions.size());
  for (const ServiceInfo& service : impl.services) {
    const std::string lower_prefix = absl::AsciiStrToLower(service.prefix);
    for (ActionId id = service.first_action; id < service.first_action + service.action_count;
         ++id) {
      full_names.push_back(absl::StrCat(lower_prefix, ":", impl.lowercase_names[id]));
    }
  }
  impl.action_table.Build(full_names);
}

}  // namespace

void ActionNameTable::Build(const std::vector<std::string>& full_names) {
  arena_.clear();
  offsets_.assign(1, 0);
  max_length_ = 0;
  for (const std::string& name : full_names) {
    arena_ += name;
    offsets_.push_back(static_cast<uint32_t>(arena_.size()));
    max_length_ = std::max(max_length_, name.size());
  }
  size_t capacity = 16;
  while (capacity < full_names.size() * 2) capacity *= 2;  // load factor <= 1/2
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (size_t id = 0; id < full_names.size(); ++id) {
    const uint64_t hash = Hash(full_names[id]);
    uint64_t i = hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (hash >> 32 << 32) | (static_cast<uint64_t>(id) + 1);
  }
}

absl::StatusOr<std::unique_ptr<Catalog::Impl>> LoadCatalog(std::string_view json_text) {
  absl::StatusOr<CatalogRecords> records = ReadCatalogJson(json_text);
  if (!records.ok()) return records.status();

  auto impl = std::make_unique<Catalog::Impl>();
  impl->source = std::move(records->source);
  for (const std::string& prefix : records->rcp_services) {
    impl->rcp_services.insert(absl::AsciiStrToLower(prefix));
  }
  std::vector<ServiceRecord>& services = records->services;
  std::sort(services.begin(), services.end(), [](const ServiceRecord& a, const ServiceRecord& b) {
    return a.info.prefix < b.info.prefix;
  });
  size_t action_count = 0;
  for (const ServiceRecord& service : services) action_count += service.actions.size();
  impl->actions.reserve(action_count);
  impl->lowercase_names.reserve(action_count);
  impl->action_by_name.reserve(action_count);
  impl->services.reserve(services.size());
  impl->service_indexes.reserve(services.size());
  for (ServiceRecord& service : services) {
    if (absl::Status status = AddService(std::move(service), *impl); !status.ok()) return status;
  }
  BuildActionSets(*impl);
  BuildActionTable(*impl);
  return impl;
}

}  // namespace iameval::internal
