// File: resource_matcher.h
// Resource / NotResource of a statement, compiled into ARN patterns (spec §3.2) with policy
// variables resolved per request.
#ifndef IAMEVAL_SRC_COMPILE_RESOURCE_MATCHER_H_
#define IAMEVAL_SRC_COMPILE_RESOURCE_MATCHER_H_

#include <string_view>
#include <vector>

#include "iameval/policy.h"
#include "match/arn.h"

namespace iameval::internal {

class PreparedRequest;

class ResourceMatcher {
 public:
  ResourceMatcher() = default;
  ResourceMatcher(const std::vector<LocatedString>& patterns, bool not_resource,
                  bool substitute_variables,
                  ArnVariableScope scope = ArnVariableScope::kResourceIdOnly);
  // Whether the statement's resource part matches the request resource. An entry whose
  // policy variable has no value matches nothing (so NotResource widens, §5).
  bool Matches(const PreparedRequest& request) const {
    if (has_star_) return !not_resource_;  // `*` matches every resource, `*` included
    return MatchesPatterns(request);
  }
  bool not_resource() const { return not_resource_; }

 private:
  bool MatchesPatterns(const PreparedRequest& request) const;

  bool not_resource_ = false;
  bool has_star_ = false;  // a `*` entry: every request resource is listed
  std::vector<ResourcePattern> patterns_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_COMPILE_RESOURCE_MATCHER_H_
