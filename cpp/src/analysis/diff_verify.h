// File: diff_verify.h
// The ground truth of the diff: both sides compiled for CompiledPolicies::Decide(), and
// concrete resources for actions whose formulas do not depend on the resource.
#ifndef IAMEVAL_SRC_ANALYSIS_DIFF_VERIFY_H_
#define IAMEVAL_SRC_ANALYSIS_DIFF_VERIFY_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "analysis/diff_context.h"
#include "iameval/evaluator.h"

namespace iameval::internal::analysis {

class DiffVerifier {
 public:
  static absl::StatusOr<DiffVerifier> Create(const PolicySet& old_policies,
                                             const PolicySet& new_policies,
                                             const RequestFrame& frame,
                                             const EffectiveOptions& options,
                                             const Catalog& catalog);

  // Decides (action, resource, context) on both sides: true when NEW allows and OLD does not
  // (`old_decision` gets OLD's decision).
  bool NewAccess(std::string_view action, std::string_view resource,
                 const RequestContext& context, Decision* old_decision) const;

 private:
  std::shared_ptr<const CompiledPolicies> old_;
  std::shared_ptr<const CompiledPolicies> new_;
  RequestFrame frame_;
  bool principal_in_management_account_ = false;
  bool resource_in_management_account_ = false;
};

// A resource `action` can be asked for: `*` without resource-level permissions, else its first
// ARN format with placeholders filled (partition, a region, `account`, "iameval").
std::string ExampleResource(const Catalog& catalog, ActionId action, std::string_view partition,
                            std::string_view account);

// A concrete resource written from a policy's resource pattern (wildcards `*` and `?`), as a
// real request would name it: a wildcard-only region field becomes "us-east-1", a wildcard
// account field `account` (else 111122223333), other wildcards filler text ("iameval", "x").
// Fields are those of `arn:partition:service:region:account:resource`; a pattern that is not
// an ARN is filled as text.
std::string WriteResourcePattern(std::string_view pattern, std::string_view account);

// Whether `resource` reads as an ARN of one of `action`'s resource types (or `*` for an action
// without resource-level permissions): a real region, a 12-digit account, and no `/` in a
// placeholder unless the format puts it in a path (the last placeholder after a `/`). Used to
// prefer plausible examples; the search's own constraints are checked separately.
bool PlausibleResource(const Catalog& catalog, ActionId action, std::string_view resource);

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_VERIFY_H_
