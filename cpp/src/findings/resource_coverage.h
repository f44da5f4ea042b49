// File: resource_coverage.h
// "Effectively `*`": whether Resource patterns match every ARN an action can name. A pattern
// covers a resource type when it matches every ARN of the type's catalog ARN format
// (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), whatever the placeholders stand
// for. So `arn:aws:*:*:*` and `arn:aws:s3:::*` cover S3 objects, `arn:aws:s3:::logs-*/*` does
// not. Decisions (docs/findings.md):
//   * The partition field always counts as covered: a principal lives in one partition, so
//     `arn:aws:...` names every resource it can reach.
//   * A literal account or region is a restriction (a cross-account grant is what findings
//     are about), as is any policy variable.
//   * An action is covered when every resource type it requires is covered; when it requires
//     none (e.g. s3:GetObject takes an object or an access-point object), when any is. In both
//     cases no other pattern of the list may name some but not all resources of one of its
//     types: with [`arn:aws:ssm:*:*:document/*`, `arn:aws:ec2:*:*:instance/i-1`],
//     ssm:SendCommand is limited by the instance, so it is not covered.
#ifndef IAMEVAL_SRC_FINDINGS_RESOURCE_COVERAGE_H_
#define IAMEVAL_SRC_FINDINGS_RESOURCE_COVERAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "iameval/catalog.h"

namespace iameval::internal {

// True when `pattern` (a Resource value) matches every ARN of `arn_format`. `*` covers
// everything; a value not starting with "arn:" covers nothing.
bool PatternCoversArnFormat(std::string_view pattern, std::string_view arn_format);

// True when `pattern` may match some ARN of `arn_format` (placeholders stand for non-empty
// text). An over-approximation: wildcard fields are compared by their literal heads only.
bool PatternMayMatchArnFormat(std::string_view pattern, std::string_view arn_format);

// The coverage test for one list of patterns, memoised per resource type so that a statement
// with thousands of actions costs one test per distinct resource type.
class ResourceCoverage {
 public:
  ResourceCoverage(std::vector<std::string> patterns, const Catalog& catalog);

  // True when some pattern is `*`.
  bool has_star() const { return has_star_; }
  // The actions of `candidates` that the patterns cover. Wildcard-only actions are never
  // covered by anything but `*` (their request resource is `*`).
  ActionSet Covered(const ActionSet& candidates);
  bool CoversAction(ActionId id);
  // True when some pattern covers at least one of the action's resource types, whatever the
  // other patterns say (which pattern makes an action effectively `*`).
  bool CoversSomeType(ActionId id);

 private:
  struct TypeCoverage {
    bool covered = false;
    bool named = false;  // some pattern may match some of its ARNs
  };
  TypeCoverage CoversType(const std::string& service, const std::string& type);

  std::vector<std::string> patterns_;
  const Catalog& catalog_;
  bool has_star_ = false;
  absl::flat_hash_map<const ResourceTypeInfo*, TypeCoverage> memo_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_FINDINGS_RESOURCE_COVERAGE_H_
