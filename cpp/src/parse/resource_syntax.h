// File: resource_syntax.h
// Write-time syntax check of one Resource / NotResource value (spec §3.2).
#ifndef IAMEVAL_SRC_PARSE_RESOURCE_SYNTAX_H_
#define IAMEVAL_SRC_PARSE_RESOURCE_SYNTAX_H_

#include <string>
#include <string_view>

namespace iameval::internal {

// Empty when `value` is `*` or a well-formed ARN pattern: `arn:` followed by partition,
// service, region, account and resource-id fields, or fewer fields ending in `*` (which
// stretches over the rest, e.g. `arn:aws:s3:*`). Otherwise a description of the problem,
// phrased to follow the value, e.g. "is not an ARN ...".
std::string CheckResourceSyntax(std::string_view value);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_PARSE_RESOURCE_SYNTAX_H_
