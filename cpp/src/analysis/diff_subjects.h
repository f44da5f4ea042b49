// File: diff_subjects.h
// A diff of two single policies as diffs of policy sets (diff.h): the policies are placed in a
// policy set whose other layers let exactly the policy decide (CompiledPolicies::Decide() then
// allows a request iff an Allow statement of the policy applies and no Deny does), for one
// stand-in principal, or for every caller the Principal elements of resource-type policies
// tell apart.
#ifndef IAMEVAL_SRC_ANALYSIS_DIFF_SUBJECTS_H_
#define IAMEVAL_SRC_ANALYSIS_DIFF_SUBJECTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/diff.h"

namespace iameval::internal::analysis {

struct DiffSubject {
  std::string principal;
  std::string parent_arn;
  PolicySet old_set;
  PolicySet new_set;
  EffectiveOptions options;  // resource account etc.
};

absl::StatusOr<std::vector<DiffSubject>> SubjectsForPolicies(const NamedPolicy& old_policy,
                                                             const NamedPolicy& new_policy,
                                                             const DiffOptions& options);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_SUBJECTS_H_
