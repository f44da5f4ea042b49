// File: effective_universe.cc
#include "analysis/effective_universe.h"

#include <algorithm>
#include <utility>

#include "analysis/pattern_inclusion.h"

namespace iameval::internal::analysis {

UniverseTable::UniverseTable(const Catalog& catalog, std::string partition)
    : catalog_(catalog), partition_(std::move(partition)) {
  Universe star;
  star.wildcard_only = true;
  universes_.push_back(std::move(star));  // id 0
}

int UniverseTable::IdOf(ActionId action) {
  const ActionInfo& info = catalog_.Action(action);
  if (info.IsWildcardOnly()) return 0;
  std::vector<std::string> formats;
  for (const ResourceTypeRef& ref : info.resource_types) {
    const ResourceTypeInfo* type = catalog_.FindResourceType(info.service, ref.name);
    if (type != nullptr && !type->arn_format.empty()) formats.push_back(type->arn_format);
  }
  std::sort(formats.begin(), formats.end());
  formats.erase(std::unique(formats.begin(), formats.end()), formats.end());
  std::string key;
  for (const std::string& format : formats) key.append(format).push_back('\n');
  auto it = by_formats_.find(key);
  if (it != by_formats_.end()) return it->second;

  Universe universe;
  universe.formats = std::move(formats);
  for (const std::string& format : universe.formats) {
    universe.language.alternatives.push_back(ArnFormatPattern(format, partition_));
  }
  // A resource type the catalog does not describe: any ARN of the partition.
  if (universe.language.alternatives.empty()) {
    universe.language.alternatives.push_back(AnyArnPattern(partition_));
  }
  for (const LinearPattern& alternative : universe.language.alternatives) {
    universe.parts.push_back(PatternLanguage::Of(alternative));
  }
  const int id = static_cast<int>(universes_.size());
  universes_.push_back(std::move(universe));
  by_formats_.emplace(std::move(key), id);
  return id;
}

}  // namespace iameval::internal::analysis
