// iameval._core: the pybind11 extension. One register_<area>.cc per area of the library.
#include "bindings.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Low-level bindings of the iameval C++ library; use the `iameval` package instead.";
  iameval::bindings::RegisterExceptions(m);
  iameval::bindings::RegisterVersion(m);
  iameval::bindings::RegisterCatalog(m);
  iameval::bindings::RegisterManagedPolicies(m);
  iameval::bindings::RegisterPolicy(m);
  iameval::bindings::RegisterEvaluator(m);
  iameval::bindings::RegisterAnalysis(m);
  iameval::bindings::RegisterDiff(m);
}
