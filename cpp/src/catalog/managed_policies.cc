// ManagedPolicies: the embedded AWS managed policies (cpp/data/aws-managed-policies.jsonl),
// parsed once. The file's first line is a header {"source", "count"}; every further line is
// {"name", "arn", "version", "document"}.
#include "iameval/managed_policies.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "catalog/embedded_data.h"
#include "nlohmann/json.hpp"

namespace iameval {
namespace {

using nlohmann::json;

struct LoadedPolicies {
  std::string source;
  std::vector<ManagedPolicy> policies;
};

const std::string& StringMember(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    throw std::runtime_error(absl::StrCat("member `", key, "` must be a string"));
  }
  return it->get_ref<const std::string&>();
}

// Throws on malformed data; the caller turns that into a fatal error for the embedded file.
LoadedPolicies ParseJsonl(std::string_view text, size_t& line_number) {
  LoadedPolicies loaded;
  bool have_header = false;
  size_t expected_count = 0;
  line_number = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const json record = json::parse(line.begin(), line.end());
    if (!record.is_object()) throw std::runtime_error("expected a JSON object");
    if (!have_header) {
      loaded.source = StringMember(record, "source");
      const auto count = record.find("count");
      if (count == record.end() || !count->is_number_unsigned()) {
        throw std::runtime_error("header member `count` must be a non-negative integer");
      }
      expected_count = count->get<size_t>();
      loaded.policies.reserve(expected_count);
      have_header = true;
      continue;
    }
    const auto document = record.find("document");
    if (document == record.end() || !document->is_object()) {
      throw std::runtime_error("member `document` must be an object");
    }
    loaded.policies.push_back(ManagedPolicy{StringMember(record, "name"),
                                            StringMember(record, "arn"),
                                            StringMember(record, "version"), document->dump()});
  }
  if (!have_header) throw std::runtime_error("missing header line");
  if (loaded.policies.size() != expected_count) {
    throw std::runtime_error(absl::StrCat("header promises ", expected_count, " policies, found ",
                                          loaded.policies.size()));
  }
  return loaded;
}

}  // namespace

const ManagedPolicies& ManagedPolicies::Default() {
  // Leaked on purpose: no destructor runs at exit while other threads may still read it.
  static const ManagedPolicies* const policies = [] {
    auto* result = new ManagedPolicies();
    size_t line_number = 0;
    try {
      LoadedPolicies loaded = ParseJsonl(internal::EmbeddedManagedPoliciesJsonl(), line_number);
      result->source_ = std::move(loaded.source);
      result->policies_ = std::move(loaded.policies);
    } catch (const std::exception& e) {
      // The embedded data is part of the build and checked by the tests; this is a bad build.
      std::fprintf(stderr, "iameval: embedded managed policies, line %zu: %s\n", line_number,
                   e.what());
      std::abort();
    }
    std::sort(result->policies_.begin(), result->policies_.end(),
              [](const ManagedPolicy& a, const ManagedPolicy& b) { return a.name < b.name; });
    return result;
  }();
  return *policies;
}

const ManagedPolicy* ManagedPolicies::Find(std::string_view name_or_arn) const {
  // A managed-policy ARN ends in "/<name>" (after an optional path such as "service-role/"),
  // so both forms are found by name and an ARN is then checked in full.
  const bool is_arn = name_or_arn.rfind("arn:", 0) == 0;
  std::string_view name = name_or_arn;
  if (is_arn) {
    const size_t slash = name.rfind('/');
    if (slash == std::string_view::npos) return nullptr;
    name.remove_prefix(slash + 1);
  }
  auto it = std::lower_bound(
      policies_.begin(), policies_.end(), name,
      [](const ManagedPolicy& policy, std::string_view key) { return policy.name < key; });
  if (it == policies_.end() || it->name != name) return nullptr;
  if (is_arn && it->arn != name_or_arn) return nullptr;
  return &*it;
}

}  // namespace iameval
