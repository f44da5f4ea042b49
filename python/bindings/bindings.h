// File: bindings.h
// Shared declarations of the iameval._core extension. Each area of the library registers its
// Python API in its own register_<area>.cc; module.cc calls them in order.
#ifndef IAMEVAL_PYTHON_BINDINGS_BINDINGS_H_
#define IAMEVAL_PYTHON_BINDINGS_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace iameval {
namespace bindings {

namespace py = pybind11;

// The exception classes and the absl::Status translator (status.cc). Must run first: the
// other areas raise these classes.
void RegisterExceptions(py::module_& m);
void RegisterVersion(py::module_& m);
void RegisterCatalog(py::module_& m);
void RegisterManagedPolicies(py::module_& m);
void RegisterPolicy(py::module_& m);
void RegisterEvaluator(py::module_& m);
void RegisterAnalysis(py::module_& m);
void RegisterDiff(py::module_& m);

}  // namespace bindings
}  // namespace iameval

#endif  // IAMEVAL_PYTHON_BINDINGS_BINDINGS_H_
