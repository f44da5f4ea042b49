// File: prepared_request.h
// A request prepared once for evaluation against every layer: the caller parsed, the
// action resolved to a catalog id and lowercased, the derived global context keys
// (aws:PrincipalArn, aws:username, ...) available without allocation. Lives on the stack of
// one evaluation.
#ifndef IAMEVAL_SRC_EVAL_PREPARED_REQUEST_H_
#define IAMEVAL_SRC_EVAL_PREPARED_REQUEST_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "eval/derived_key.h"
#include "eval/principal.h"
#include "iameval/catalog.h"
#include "iameval/request.h"
#include "match/arn.h"
#include "match/ascii.h"
#include "match/policy_variables.h"

namespace iameval::internal {

// Fixed-capacity text buffer: derived values are built here instead of on the heap.
class StackText {
 public:
  static constexpr size_t kCapacity = 2048;
  bool Append(std::string_view s) {
    if (size_ + s.size() > kCapacity) {
      overflow_ = true;
      return false;
    }
    for (char c : s) data_[size_++] = c;
    return true;
  }
  // Appends `s` ASCII-lowercased, as far as it fits (then overflow() is set).
  void AppendLower(std::string_view s) {
    size_t n = s.size();
    if (n > kCapacity - size_) {
      n = kCapacity - size_;
      overflow_ = true;
    }
    AsciiLowerCopy(s.data(), n, data_.data() + size_);
    size_ += n;
  }
  std::string_view view() const { return {data_.data(), size_}; }
  bool overflow() const { return overflow_; }
  void Clear() { size_ = 0; overflow_ = false; }

 private:
  std::array<char, kCapacity> data_;
  size_t size_ = 0;
  bool overflow_ = false;
};

// A condition key's value(s) in the request, whichever source supplied them.
struct ContextValues {
  const std::string* list = nullptr;  // values from the RequestContext
  size_t count = 0;
  std::string_view derived;           // a derived single value, when from_context is false
  bool present = false;
  bool from_context = false;
  bool multivalued = false;
  size_t size() const { return from_context ? count : (present ? 1 : 0); }
  std::string_view at(size_t i) const {
    return from_context ? std::string_view(list[i]) : derived;
  }
};

// Also the resolver of policy variables: `${aws:username}` reads the same values conditions
// see; multivalued keys are no variables (§5).
class PreparedRequest : public VariableResolver {
 public:
  // Prepares `request`; false when the principal is not a principal.
  bool Prepare(const Request& request, const Catalog& catalog);

  const Request& request() const { return *request_; }
  const CallerPrincipal& caller() const { return caller_; }
  std::optional<ActionId> action_id() const { return action_id_; }
  std::string_view action_lower() const { return action_lower_.view(); }  // "s3:getobject"
  std::string_view service_lower() const { return service_lower_; }       // "s3"
  std::string_view resource() const { return request_->resource; }
  const ResourceValue& resource_value() const { return resource_value_; }
  std::string_view resource_account() const { return resource_account_; }
  bool same_account() const;

  // Request values of a condition key (lowercase): the request context first, then the keys
  // the engine derives from the request (§1: caller-supplied values win).
  ContextValues Values(std::string_view lowercase_key) const {
    return Values(lowercase_key, DerivedKeyOf(lowercase_key));
  }
  // The same, with the key's DerivedKeyOf() computed beforehand (compiled conditions).
  ContextValues Values(std::string_view lowercase_key, DerivedKey derived) const {
    ContextValues out;
    if (request_->context != nullptr) {
      if (const RequestContext::Entry* e = request_->context->Find(lowercase_key)) {
        out.list = e->values.data();
        out.count = e->values.size();
        out.present = true;
        out.from_context = true;
        out.multivalued = e->multivalued;
        return out;
      }
    }
    if (derived != DerivedKey::kNone) {
      const std::string_view value = Derived(derived);
      if (!value.empty()) {
        out.derived = value;
        out.present = true;
      }
    }
    return out;
  }
  std::optional<std::string_view> Lookup(std::string_view lowercased_key) const override;

 private:
  std::string_view Derived(DerivedKey key) const;

  const Request* request_ = nullptr;
  CallerPrincipal caller_;
  std::optional<ActionId> action_id_;
  StackText action_lower_;
  std::string_view service_lower_;
  std::string_view resource_account_;
  ResourceValue resource_value_;  // the request resource split into ARN fields once
  std::string_view principal_arn_;  // aws:PrincipalArn (role ARN with path for sessions)
  StackText principal_arn_text_;    // its text when built from the session's fields
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_EVAL_PREPARED_REQUEST_H_
