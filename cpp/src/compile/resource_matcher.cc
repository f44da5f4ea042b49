#include "compile/resource_matcher.h"

#include "eval/prepared_request.h"

namespace iameval::internal {

ResourceMatcher::ResourceMatcher(const std::vector<LocatedString>& patterns, bool not_resource,
                                 bool substitute_variables)
    : not_resource_(not_resource) {
  patterns_.reserve(patterns.size());
  for (const LocatedString& p : patterns) {
    // Variables are substituted in every ARN field, not only the resource id: AWS's own
    // managed policies rely on it (e.g. `arn:aws:secretsmanager:${aws:RequestedRegion}:
    // ${aws:PrincipalAccount}:secret:...` in AWSTransformSecretsManagerConnectorPolicy).
    // The spec (§5) says resource-id only; docs/semantics.md records the deviation.
    patterns_.push_back(
        ResourcePattern::Compile(p.value, substitute_variables, ArnVariableScope::kAllFields));
    if (patterns_.back().is_star()) has_star_ = true;
  }
}

bool ResourceMatcher::Matches(const PreparedRequest& request) const {
  if (has_star_) return !not_resource_;  // `*` matches every resource, `*` included
  const ResourceValue& resource = request.resource_value();
  bool listed = false;
  for (const ResourcePattern& p : patterns_) {
    // kUnresolved (a variable without value) matches nothing: in NotResource the entry then
    // excludes nothing and the statement applies more widely (§5, §10 item 6).
    if (p.Match(resource, request) == MatchResult::kMatch) {
      listed = true;
      break;
    }
  }
  return listed != not_resource_;
}

}  // namespace iameval::internal
