// The exception classes of iameval._core and the translator from StatusNotOk.
//
//   Error                               base of everything the library raises
//   InvalidArgumentError(Error, ValueError)   bad input: kInvalidArgument, kOutOfRange
//   NotFoundError(Error, KeyError)            unknown name: kNotFound
//
// The Python package adds PolicyParseError(Error, ValueError) on top. The classes derive from
// the builtin ones too so callers that only know `except ValueError` still work.
#include <exception>
#include <string>

#include "bindings.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

// Owned references kept for the life of the process: the translator needs them after module
// init, and the interpreter never unloads extension modules.
PyObject* error_class = nullptr;
PyObject* invalid_argument_class = nullptr;
PyObject* not_found_class = nullptr;

PyObject* NewException(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  std::string qualified = std::string("iameval._core.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // add_object takes its own reference
  return cls;
}

PyObject* ClassFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return invalid_argument_class;
    case absl::StatusCode::kNotFound:
      return not_found_class;
    default:
      return error_class;
  }
}

}  // namespace

void RegisterExceptions(py::module_& m) {
  error_class = NewException(m, "Error", py::make_tuple(py::handle(PyExc_Exception)),
                             "Base class of the errors iameval raises.");
  invalid_argument_class = NewException(
      m, "InvalidArgumentError",
      py::make_tuple(py::handle(error_class), py::handle(PyExc_ValueError)),
      "An argument was malformed (an unknown policy kind, bad catalog JSON, ...).");
  not_found_class = NewException(
      m, "NotFoundError", py::make_tuple(py::handle(error_class), py::handle(PyExc_KeyError)),
      "A name (action, service, managed policy) is not known.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusNotOk& e) {
      const absl::Status& status = e.status();
      py::set_error(py::handle(ClassFor(status.code())), std::string(status.message()).c_str());
    }
  });
}

}  // namespace bindings
}  // namespace iameval
