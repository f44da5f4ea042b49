// File: action_glob.h
// IAM action patterns ("s3:Get*", "*:Describe*", "iam:?etUser"), split into service and name
// glob; the glob itself is match/glob.h (MatchGlobText). Internal to the catalog.
#ifndef IAMEVAL_SRC_CATALOG_ACTION_GLOB_H_
#define IAMEVAL_SRC_CATALOG_ACTION_GLOB_H_

#include <optional>
#include <string_view>

namespace iameval::internal {

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
