// Uses the installed library through its public headers only: version, the embedded
// catalog and the policy parser. Exit code 0 when all three work.
#include <iostream>

#include "iameval/catalog.h"
#include "iameval/policy.h"
#include "iameval/version.h"

int main() {
  std::cout << "iameval " << iameval::version() << "\n";

  const size_t reads = iameval::Catalog::Default().Expand("s3:Get*").Count();
  std::cout << "s3:Get* matches " << reads << " actions\n";
  if (reads == 0) return 1;

  const char* kPolicy = R"({"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})";
  iameval::ParseResult parsed = iameval::ParsePolicy(kPolicy, iameval::PolicyKind::kIdentity);
  if (!parsed.ok()) {
    for (const iameval::Diagnostic& d : parsed.diagnostics) {
      std::cerr << iameval::FormatDiagnostic(d) << "\n";
    }
    return 1;
  }
  std::cout << "parsed " << parsed.policy->statements.size() << " statement(s)\n";
  return parsed.policy->statements.size() == 1 ? 0 : 1;
}
