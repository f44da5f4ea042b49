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

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_VERIFY_H_
