// version(): the C++ library version, the single source of the package version.
#include "bindings.h"
#include "iameval/version.h"

namespace iameval {
namespace bindings {

void RegisterVersion(py::module_& m) {
  m.def("version", &iameval::version, "The library's semantic version, e.g. \"0.1.0\".");
}

}  // namespace bindings
}  // namespace iameval
