// AnalyzePrincipal from a PolicySet. Kept in its own file so that programs that bring their
// own EffectivePermissions do not link the effective-permissions computation.
#include "iameval/effective.h"
#include "iameval/findings.h"

namespace iameval {

absl::StatusOr<std::vector<Finding>> AnalyzePrincipal(const PolicySet& policies,
                                                      std::string_view principal,
                                                      const FindingOptions& options,
                                                      const Catalog& catalog) {
  absl::StatusOr<EffectivePermissions> effective =
      ComputeEffectivePermissions(policies, principal, EffectiveOptions(), catalog);
  if (!effective.ok()) return effective.status();
  return AnalyzePrincipal(*effective, policies, options, catalog);
}

}  // namespace iameval
