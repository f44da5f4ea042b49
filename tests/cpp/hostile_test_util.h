// File: hostile_test_util.h
// Helpers shared by the hostile-input tests (hostile_input_test.cc for documents and case
// lines, hostile_evaluation_test.cc for requests and patterns).
#ifndef IAMEVAL_TESTS_CPP_HOSTILE_TEST_UTIL_H_
#define IAMEVAL_TESTS_CPP_HOSTILE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "iameval/evaluator.h"
#include "iameval/policy.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define IAMEVAL_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define IAMEVAL_TEST_SANITIZED 1
#endif
#endif

namespace iameval::hostile {

// Time bounds are generous: they catch super-linear blow-ups, where seconds turn into
// minutes, not small slowdowns, so they do not flake on a loaded machine.
#ifdef IAMEVAL_TEST_SANITIZED
inline constexpr double kBudget = 10.0 * 5;  // sanitizers slow the library 2-5x
#else
inline constexpr double kBudget = 10.0;  // a busy 2-core machine is 4x slower than an idle one
#endif

inline constexpr char kUser[] = "arn:aws:iam::111122223333:user/alice";

inline double Seconds(const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident memory of the process so far, in MiB.
inline double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

inline std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  // Cut: the hostile documents carry megabyte-long values, and a failure message that
  // quotes them whole is unreadable.
  for (const Diagnostic& d : diagnostics) out += "\n  " + FormatDiagnostic(d).substr(0, 300);
  return out;
}

// The first error of a failed parse; fails the test when the parse succeeded or the error
// lacks a kind or a location.
inline Diagnostic FirstError(const ParseResult& r) {
  EXPECT_FALSE(r.ok()) << "parsed, expected an error";
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity != Severity::kError) continue;
    EXPECT_FALSE(d.kind.empty());
    EXPECT_GE(d.location.line, 1u) << FormatDiagnostic(d);
    EXPECT_GE(d.location.column, 1u) << FormatDiagnostic(d);
    return d;
  }
  ADD_FAILURE() << "no error diagnostic" << Describe(r.diagnostics);
  return Diagnostic{};
}

inline std::string Wrap(const std::string& statement) {
  return R"({"Version":"2012-10-17","Statement":[)" + statement + "]}";
}

inline std::string AllowStatement(const std::string& action, const std::string& resource,
                           const std::string& condition = "") {
  std::string s = R"({"Effect":"Allow","Action":)" + action + R"(,"Resource":)" + resource;
  if (!condition.empty()) s += R"(,"Condition":)" + condition;
  return s + "}";
}

// Compiles one identity policy (which must parse) and decides `request` for alice.
class OnePolicy {
 public:
  explicit OnePolicy(const std::string& json) {
    ParseResult r = ParsePolicy(json, PolicyKind::kIdentity);
    if (!r.ok()) {
      ADD_FAILURE() << "policy does not parse:" << Describe(r.diagnostics);
      return;
    }
    PolicySet set;
    set.identity.push_back({"p", r.policy});
    auto compiled = CompiledPolicies::Compile(set);
    if (!compiled.ok()) {
      ADD_FAILURE() << compiled.status();
      return;
    }
    compiled_ = *compiled;
  }

  // Decide and Explain must agree; returns the decision (ImplicitDeny on any failure, after
  // failing the test).
  Decision Decide(std::string_view action, std::string_view resource,
                  const RequestContext* context = nullptr) const {
    if (compiled_ == nullptr) return Decision::kImplicitDeny;
    Request request;
    request.principal = kUser;
    request.action = action;
    request.resource = resource;
    request.context = context;
    absl::StatusOr<Decision> d = compiled_->Decide(request);
    absl::StatusOr<Explanation> e = compiled_->Explain(request);
    EXPECT_TRUE(d.ok()) << d.status();
    EXPECT_TRUE(e.ok()) << e.status();
    if (!d.ok() || !e.ok()) return Decision::kImplicitDeny;
    EXPECT_EQ(*d, e->decision);
    return *d;
  }

 private:
  std::shared_ptr<const CompiledPolicies> compiled_;
};

}  // namespace iameval::hostile

#endif  // IAMEVAL_TESTS_CPP_HOSTILE_TEST_UTIL_H_
