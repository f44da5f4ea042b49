// File: action_matcher.h
// Action / NotAction of a statement, compiled: catalog actions as a bitset (one bit test per
// request), plus lowercase globs for actions the catalog does not know, so a new AWS action
// is still matched by `s3:*` or `s3:Get*`.
#ifndef IAMEVAL_SRC_COMPILE_ACTION_MATCHER_H_
#define IAMEVAL_SRC_COMPILE_ACTION_MATCHER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/catalog.h"
#include "iameval/policy.h"

namespace iameval::internal {

class ActionMatcher {
 public:
  ActionMatcher() = default;
  ActionMatcher(const std::vector<LocatedString>& patterns, bool not_action,
                const Catalog& catalog);

  // `action_id`: the catalog id of the request's action, if the catalog knows it;
  // `action_lower`: the request action lowercased ("s3:getobject").
  bool Matches(std::optional<ActionId> action_id, std::string_view action_lower) const {
    bool listed = action_id ? catalog_actions_.Contains(*action_id) : MatchesUnknown(action_lower);
    return listed != not_action_;
  }
  const ActionSet& catalog_actions() const { return catalog_actions_; }
  bool not_action() const { return not_action_; }

 private:
  bool MatchesUnknown(std::string_view action_lower) const;

  bool not_action_ = false;
  ActionSet catalog_actions_;
  // Patterns for actions outside the catalog: service prefix (lowercase, "*" = any) + name glob.
  struct FallbackPattern {
    std::string service;    // lowercase, or "*"
    std::string name_glob;  // lowercase
  };
  std::vector<FallbackPattern> fallback_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_ACTION_MATCHER_H_
