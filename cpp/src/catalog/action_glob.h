// File: action_glob.h
// IAM action patterns ("s3:Get*", "*:Describe*", "iam:?etUser") and the glob matcher behind
// them. Internal to the catalog.
#ifndef IAMEVAL_SRC_CATALOG_ACTION_GLOB_H_
#define IAMEVAL_SRC_CATALOG_ACTION_GLOB_H_

#include <optional>
#include <string_view>

namespace iameval::internal {

// True when `text` matches `pattern`, where `*` matches any run of characters (possibly empty)
// and `?` exactly one. Case-sensitive: callers lowercase both sides to match as IAM does.
// Iterative, remembering only the last `*`, so no input can make it backtrack exponentially
// (the cost is bounded by |pattern| * |text| and is linear for the patterns IAM policies use).
bool GlobMatch(std::string_view pattern, std::string_view text);

// An action pattern split at its first ':'. Views into the pattern text.
struct ActionPattern {
  std::string_view service;    // literal service prefix, or "*" for every service
  std::string_view name_glob;  // glob over action names
};

// Splits an IAM action pattern. The bare pattern "*" becomes {"*", "*"}. Returns nullopt for
// patterns IAM would never match: no ':', an empty prefix or name, or any whitespace or ','
// (usually a list pasted into one string).
std::optional<ActionPattern> ParseActionPattern(std::string_view pattern);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_ACTION_GLOB_H_
