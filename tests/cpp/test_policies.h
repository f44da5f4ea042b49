// File: test_policies.h
// Policies for C++ tests: JSON text or an AWS managed policy, parsed into a NamedPolicy.
#ifndef IAMEVAL_TESTS_CPP_TEST_POLICIES_H_
#define IAMEVAL_TESTS_CPP_TEST_POLICIES_H_

#include <gtest/gtest.h>

#include <string>

#include "iameval/managed_policies.h"
#include "iameval/policy.h"

namespace iameval::testing {

// `json` parsed as a policy of `kind`; a parse error fails the calling test (and the policy
// is then the parser's partial result).
inline NamedPolicy Named(const std::string& name, const std::string& json,
                         PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult r = ParsePolicy(json, kind);
  EXPECT_TRUE(r.ok()) << name << ": "
                      << (r.diagnostics.empty() ? "" : FormatDiagnostic(r.diagnostics[0]));
  return NamedPolicy{name, r.policy};
}

// The AWS managed policy `name` from the embedded set; an unknown name fails the calling test.
inline NamedPolicy Managed(const std::string& name, PolicyKind kind = PolicyKind::kIdentity) {
  const ManagedPolicy* policy = ManagedPolicies::Default().Find(name);
  EXPECT_NE(policy, nullptr) << name;
  return Named(name, policy == nullptr ? "{}" : policy->document_json, kind);
}

}  // namespace iameval::testing

#endif  // IAMEVAL_TESTS_CPP_TEST_POLICIES_H_
