// File: managed_policies.h
// The AWS managed policies (default versions), embedded in the library
// (see tools/gen_managed_policies.py). Lookup by name or ARN.
#ifndef IAMEVAL_MANAGED_POLICIES_H_
#define IAMEVAL_MANAGED_POLICIES_H_

#include <string>
#include <string_view>
#include <vector>

namespace iameval {

struct ManagedPolicy {
  std::string name;           // "AdministratorAccess"
  std::string arn;            // "arn:aws:iam::aws:policy/AdministratorAccess"
  std::string version;        // "v1"
  std::string document_json;  // the policy document as compact JSON text
};

class ManagedPolicies {
 public:
  // The embedded set, loaded on first use (thread-safe).
  static const ManagedPolicies& Default();
  size_t size() const { return policies_.size(); }
  const std::vector<ManagedPolicy>& all() const { return policies_; }
  // By name ("ReadOnlyAccess") or ARN ("arn:aws:iam::aws:policy/ReadOnlyAccess"); exact,
  // case-sensitive as IAM names are. nullptr when unknown.
  const ManagedPolicy* Find(std::string_view name_or_arn) const;
  std::string source() const { return source_; }

 private:
  ManagedPolicies() = default;
  std::vector<ManagedPolicy> policies_;  // sorted by name
  std::string source_;
};

}  // namespace iameval

#endif  // IAMEVAL_MANAGED_POLICIES_H_
