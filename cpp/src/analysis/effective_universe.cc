// File: effective_universe.cc
#include "analysis/effective_universe.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "analysis/pattern_inclusion.h"

namespace iameval::internal::analysis {

namespace {

std::shared_ptr<const FormatClasses> MakeClasses(const Catalog& catalog) {
  auto out = std::make_shared<FormatClasses>();
  out->class_of.assign(catalog.action_count(), 0);
  out->formats.emplace_back();  // class 0: wildcard-only
  absl::flat_hash_map<std::string, uint32_t> by_key;  // formats joined by '\n'
  std::vector<std::string> formats;
  for (ActionId action = 0; action < catalog.action_count(); ++action) {
    const ActionInfo& info = catalog.Action(action);
    if (info.IsWildcardOnly()) continue;
    formats.clear();
    for (const ResourceTypeRef& ref : info.resource_types) {
      const ResourceTypeInfo* type = catalog.FindResourceType(info.service, ref.name);
      if (type != nullptr && !type->arn_format.empty()) formats.push_back(type->arn_format);
    }
    std::sort(formats.begin(), formats.end());
    formats.erase(std::unique(formats.begin(), formats.end()), formats.end());
    std::string key = "\n";  // never the key of class 0
    for (const std::string& format : formats) key.append(format).push_back('\n');
    auto [it, inserted] = by_key.try_emplace(std::move(key),
                                             static_cast<uint32_t>(out->formats.size()));
    if (inserted) out->formats.push_back(formats);
    out->class_of[action] = it->second;
  }
  return out;
}

std::shared_ptr<const FormatClasses> ClassesFor(const Catalog& catalog) {
  if (&catalog == &Catalog::Default()) {
    static const std::shared_ptr<const FormatClasses> kDefault = MakeClasses(catalog);
    return kDefault;
  }
  return MakeClasses(catalog);
}

}  // namespace

UniverseTable::UniverseTable(const Catalog& catalog, std::string partition)
    : catalog_(catalog), partition_(std::move(partition)), classes_(ClassesFor(catalog)) {
  universe_of_class_.assign(classes_->formats.size(), -1);
  Universe star;
  star.wildcard_only = true;
  universes_.push_back(std::move(star));  // id 0
  universe_of_class_[0] = 0;
}

int UniverseTable::IdOf(ActionId action) {
  const uint32_t format_class = classes_->class_of[action];
  int& id = universe_of_class_[format_class];
  if (id >= 0) return id;

  Universe universe;
  universe.formats = classes_->formats[format_class];
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
  id = static_cast<int>(universes_.size());
  universes_.push_back(std::move(universe));
  return id;
}

}  // namespace iameval::internal::analysis
