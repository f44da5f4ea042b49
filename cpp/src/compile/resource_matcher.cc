#include "compile/resource_matcher.h"

#include "eval/prepared_request.h"

namespace iameval::internal {

ResourceMatcher::ResourceMatcher(const std::vector<LocatedString>& patterns, bool not_resource,
                                 bool substitute_variables, ArnVariableScope scope)
    : not_resource_(not_resource) {
  patterns_.reserve(patterns.size());
  for (const LocatedString& p : patterns) {
    // The scope of variable substitution is EvaluatorOptions::
    // substitute_variables_in_all_arn_fields (spec §5 by default).
    patterns_.push_back(ResourcePattern::Compile(p.value, substitute_variables, scope));
    if (patterns_.back().is_star()) has_star_ = true;
  }
}

bool ResourceMatcher::MatchesPatterns(const PreparedRequest& request) const {
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
