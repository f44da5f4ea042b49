// Catalog: lookups and action-pattern expansion over the loaded catalog (catalog_loader.cc
// builds the data and its indexes).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "catalog/action_glob.h"
#include "catalog/catalog_impl.h"
#include "catalog/catalog_loader.h"
#include "catalog/embedded_data.h"
#include "iameval/catalog.h"
#include "match/ascii.h"
#include "match/glob.h"

namespace iameval {
namespace {

// A lowercased copy of a lookup key, on the stack when short, so that FindAction() and the
// other lookups do not allocate in the common case.
class LowercaseKey {
 public:
  explicit LowercaseKey(std::string_view text) {
    char* out = buffer_.data();
    if (text.size() > buffer_.size()) {
      heap_.resize(text.size());
      out = heap_.data();
    }
    for (size_t i = 0; i < text.size(); ++i) {
      out[i] = absl::ascii_tolower(static_cast<unsigned char>(text[i]));
    }
    view_ = absl::string_view(out, text.size());
  }
  LowercaseKey(const LowercaseKey&) = delete;
  LowercaseKey& operator=(const LowercaseKey&) = delete;

  absl::string_view view() const { return view_; }
  std::string_view std_view() const { return {view_.data(), view_.size()}; }

 private:
  std::array<char, 128> buffer_;
  std::string heap_;
  absl::string_view view_;
};

// Position of the service in impl.services, case-insensitively.
std::optional<size_t> ServicePosition(const Catalog::Impl& impl, std::string_view prefix) {
  const LowercaseKey key(prefix);
  auto it = impl.service_by_prefix.find(key.view());
  if (it == impl.service_by_prefix.end()) return std::nullopt;
  return it->second;
}

// A lowercased action-name glob prepared once per Expand() for every service it is tried on:
// its literal head (names are sorted, so the head narrows the search to a range) and the rest
// compiled.
struct NameGlob {
  explicit NameGlob(std::string_view glob)
      : text(glob),
        head(glob.substr(0, glob.find_first_of("*?"))),
        rest(internal::Glob::Compile(glob.substr(head.size()))) {}

  std::string_view text;
  std::string_view head;
  internal::Glob rest;
};

// Adds to `out` the actions of `service` whose lowercased names match `glob`.
void ExpandInService(const Catalog::Impl& impl, const ServiceInfo& service,
                     const NameGlob& glob, ActionSet& out) {
  const ActionId first = service.first_action;
  const ActionId last = first + service.action_count;
  if (glob.text == "*") {
    out.InsertRange(first, last);
    return;
  }
  const std::string_view head = glob.head;
  const auto names_begin = impl.lowercase_names.begin() + first;
  const auto names_end = impl.lowercase_names.begin() + last;
  for (auto it = std::lower_bound(names_begin, names_end, head,
                                  [](const std::string& name, std::string_view key) {
                                    return std::string_view(name) < key;
                                  });
       it != names_end && std::string_view(*it).substr(0, head.size()) == head; ++it) {
    if (glob.rest.Matches(std::string_view(*it).substr(head.size()))) {
      out.Insert(first + static_cast<ActionId>(it - names_begin));
    }
  }
}

}  // namespace

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::~Catalog() = default;

const Catalog& Catalog::Default() {
  // Leaked on purpose: no destructor runs at exit while other threads may still read it.
  static const Catalog* const catalog = [] {
    absl::StatusOr<std::unique_ptr<Catalog>> loaded = FromJson(internal::EmbeddedCatalogJson());
    if (!loaded.ok()) {
      // The embedded data is part of the build and checked by the tests; this is a bad build.
      std::fprintf(stderr, "iameval: embedded catalog: %s\n",
                   std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *catalog;
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::FromJson(std::string_view json_text) {
  absl::StatusOr<std::unique_ptr<Impl>> impl = internal::LoadCatalog(json_text);
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<Catalog>(new Catalog(*std::move(impl)));
}

const CatalogSource& Catalog::source() const { return impl_->source; }
size_t Catalog::action_count() const { return impl_->actions.size(); }
const std::vector<ServiceInfo>& Catalog::services() const { return impl_->services; }

const ServiceInfo* Catalog::FindService(std::string_view prefix) const {
  const std::optional<size_t> position = ServicePosition(*impl_, prefix);
  return position ? &impl_->services[*position] : nullptr;
}

std::optional<ActionId> Catalog::FindAction(std::string_view full_name) const {
  // On every request's path: lowercase into a stack buffer, one probe of action_table.
  const internal::ActionNameTable& table = impl_->action_table;
  if (full_name.size() > table.max_length()) return std::nullopt;  // no action is that long
  char buffer[256];
  if (full_name.size() <= sizeof buffer) {
    internal::AsciiLowerCopy(full_name.data(), full_name.size(), buffer);
    return table.Find(std::string_view(buffer, full_name.size()));
  }
  const LowercaseKey key(full_name);
  return table.Find(key.std_view());
}

const ActionInfo& Catalog::Action(ActionId id) const {
  if (id >= impl_->actions.size()) {
    // A reference cannot say "none", and ids only come from this catalog: a caller bug.
    std::fprintf(stderr, "iameval: action id %u out of range (%zu actions)\n",
                 static_cast<unsigned>(id), impl_->actions.size());
    std::abort();
  }
  return impl_->actions[id];
}

ActionSet Catalog::Expand(std::string_view pattern) const {
  ActionSet result = EmptySet();
  const std::optional<internal::ActionPattern> parsed = internal::ParseActionPattern(pattern);
  if (!parsed) return result;
  const LowercaseKey glob(parsed->name_glob);
  if (parsed->service == "*") {
    if (glob.std_view() == "*") return AllActions();
    const NameGlob name_glob(glob.std_view());
    for (const ServiceInfo& service : impl_->services) {
      ExpandInService(*impl_, service, name_glob, result);
    }
  } else if (const ServiceInfo* service = FindService(parsed->service)) {
    ExpandInService(*impl_, *service, NameGlob(glob.std_view()), result);
  }
  return result;
}

ActionSet Catalog::AllActions() const { return impl_->all_actions; }
ActionSet Catalog::WildcardOnlyActions() const { return impl_->wildcard_only; }

ActionSet Catalog::ActionsWithAccessLevel(AccessLevel level) const {
  return impl_->by_access_level[static_cast<size_t>(level)];
}

bool Catalog::SupportsRcp(std::string_view service_prefix) const {
  const LowercaseKey key(service_prefix);
  return impl_->rcp_services.contains(key.view());
}

const ResourceTypeInfo* Catalog::FindResourceType(std::string_view service_prefix,
                                                  std::string_view name) const {
  const std::optional<size_t> position = ServicePosition(*impl_, service_prefix);
  if (!position) return nullptr;
  const ServiceInfo& service = impl_->services[*position];
  const internal::ServiceIndex& index = impl_->service_indexes[*position];
  const LowercaseKey key(name);
  auto it = index.resource_types.find(key.view());
  return it == index.resource_types.end() ? nullptr : &service.resource_types[it->second];
}

const ConditionKeyInfo* Catalog::FindConditionKey(std::string_view service_prefix,
                                                  std::string_view key) const {
  const std::optional<size_t> position = ServicePosition(*impl_, service_prefix);
  if (!position) return nullptr;
  const ServiceInfo& service = impl_->services[*position];
  const internal::ServiceIndex& index = impl_->service_indexes[*position];
  const LowercaseKey lower(key);
  if (auto it = index.condition_keys.find(lower.view()); it != index.condition_keys.end()) {
    return &service.condition_keys[it->second];
  }
  for (const auto& [glob, i] : index.key_templates) {
    if (internal::MatchGlobText(glob, lower.std_view())) return &service.condition_keys[i];
  }
  return nullptr;
}

}  // namespace iameval
