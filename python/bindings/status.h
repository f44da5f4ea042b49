// File: status.h
// absl::Status -> Python exceptions, in the style of pybind11_abseil: an OK status is
// nothing, StatusOr<T> is T, a non-OK status raises. The C++ side only throws StatusNotOk
// (which does not depend on pybind11), so it is safe to throw inside a released-GIL region:
// the GIL is re-acquired while unwinding, then the translator in status.cc picks the Python
// class by status code.
#ifndef IAMEVAL_PYTHON_BINDINGS_STATUS_H_
#define IAMEVAL_PYTHON_BINDINGS_STATUS_H_

#include <exception>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace iameval {
namespace bindings {

class StatusNotOk : public std::exception {
 public:
  explicit StatusNotOk(absl::Status status)
      : status_(std::move(status)), what_(std::string(status_.message())) {}
  const absl::Status& status() const { return status_; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  absl::Status status_;
  std::string what_;  // std::string copy: status_.message() is an absl::string_view
};

inline void ThrowIfError(absl::Status status) {
  if (!status.ok()) throw StatusNotOk(std::move(status));
}

template <typename T>
T ValueOrThrow(absl::StatusOr<T> status_or) {
  if (!status_or.ok()) throw StatusNotOk(std::move(status_or).status());
  return *std::move(status_or);
}

}  // namespace bindings
}  // namespace iameval

#endif  // IAMEVAL_PYTHON_BINDINGS_STATUS_H_
