#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "iameval/request.h"

namespace iameval {
namespace {

std::string Lowercase(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

// Equal-length keys, compared inline eight bytes at a time, the last eight first (keys
// differ at the end: most share a prefix such as "aws:").
bool SameKeyText(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n < 8) {
    for (size_t i = n; i-- > 0;) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  uint64_t x, y;
  std::memcpy(&x, a.data() + n - 8, 8);
  std::memcpy(&y, b.data() + n - 8, 8);
  if (x != y) return false;
  for (size_t i = 0; i + 8 < n; i += 8) {
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return false;
  }
  return true;
}

}  // namespace

void RequestContext::Set(std::string_view key, std::string value) {
  std::vector<std::string> values;
  values.push_back(std::move(value));
  Insert(key, std::move(values), /*multivalued=*/false);
}

void RequestContext::SetList(std::string_view key, std::vector<std::string> values) {
  Insert(key, std::move(values), /*multivalued=*/true);
}

void RequestContext::Insert(std::string_view key, std::vector<std::string> values,
                            bool multivalued) {
  std::string lower = Lowercase(key);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), lower,
                             [](const Entry& e, const std::string& k) { return e.key < k; });
  if (it != entries_.end() && it->key == lower) {
    it->values = std::move(values);
    it->multivalued = multivalued;
    return;
  }
  entries_.insert(it, Entry{std::move(lower), std::move(values), multivalued});
}

const RequestContext::Entry* RequestContext::Find(std::string_view lowercase_key) const {
  // Typical contexts hold a handful of keys: comparing lengths first rejects most entries
  // without touching their text.
  constexpr size_t kLinearScan = 16;
  if (entries_.size() <= kLinearScan) {
    for (const Entry& e : entries_) {
      if (e.key.size() == lowercase_key.size() && SameKeyText(e.key, lowercase_key)) return &e;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), lowercase_key,
                             [](const Entry& e, std::string_view k) { return e.key < k; });
  if (it != entries_.end() && it->key == lowercase_key) return &*it;
  return nullptr;
}

}  // namespace iameval
