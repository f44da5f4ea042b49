// File: request.h
// A request to decide: who (principal), does what (action), to what (resource), with which
// request context. Requests are cheap views: strings are borrowed, not copied, so building
// one allocates nothing; the caller keeps the strings alive during evaluation.
#ifndef IAMEVAL_REQUEST_H_
#define IAMEVAL_REQUEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iameval {

// The request context: condition keys (case-insensitive) to one value or a list of values.
// A key with no entry is absent; an empty list is present-but-empty (spec §4.2).
// Build once, evaluate many times; immutable once passed to an evaluation.
class RequestContext {
 public:
  struct Entry {
    std::string key;  // lowercased
    std::vector<std::string> values;
    bool multivalued = false;  // given as a list
  };

  // Sets a single-valued key (replacing an earlier value of the same key).
  void Set(std::string_view key, std::string value);
  // Sets a multivalued key (a list, possibly empty).
  void SetList(std::string_view key, std::vector<std::string> values);
  // nullptr when absent. `lowercase_key` must already be lowercase.
  const Entry* Find(std::string_view lowercase_key) const;
  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  void Insert(std::string_view key, std::vector<std::string> values, bool multivalued);
  std::vector<Entry> entries_;  // sorted by key: lookups are a binary search
};

struct Request {
  // IAM user or role ARN, `arn:aws:sts::A:assumed-role/R/S`, `arn:aws:sts::A:federated-user/N`,
  // `arn:aws:iam::A:root`, a service principal such as `lambda.amazonaws.com`, or `anonymous`.
  std::string_view principal;
  // Optional: the role ARN with its path behind a role session, or the IAM user behind a
  // federated-user session (a session ARN carries neither).
  std::string_view principal_parent_arn;
  std::string_view action;                 // `service:Action`, case-insensitive
  std::string_view resource = "*";         // an ARN, or `*` for wildcard-only actions
  std::string_view resource_account;       // default: the principal's account
  const RequestContext* context = nullptr;  // may be null: no context keys
  bool principal_in_management_account = false;  // SCPs do not apply
  bool resource_in_management_account = false;    // RCPs do not apply
};

}  // namespace iameval

#endif  // IAMEVAL_REQUEST_H_
