#include "catalog/condition_key_template.h"

#include "absl/strings/ascii.h"

namespace iameval::internal {

std::optional<std::string> ConditionKeyTemplateGlob(std::string_view key) {
  std::string glob;
  glob.reserve(key.size());
  bool templated = false;
  size_t i = 0;
  while (i < key.size()) {
    // A placeholder opens with "${" or "<" and runs to the matching close; an unclosed one is
    // taken literally.
    size_t close = std::string_view::npos;
    if (key.compare(i, 2, "${") == 0) {
      close = key.find('}', i + 2);
    } else if (key[i] == '<') {
      close = key.find('>', i + 1);
    }
    if (close != std::string_view::npos) {
      glob += "?*";
      templated = true;
      i = close + 1;
    } else {
      glob += absl::ascii_tolower(static_cast<unsigned char>(key[i]));
      ++i;
    }
  }
  if (!templated) return std::nullopt;
  return glob;
}

}  // namespace iameval::internal
