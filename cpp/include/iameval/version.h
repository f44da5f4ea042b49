// File: version.h
// The library version, e.g. "0.1.0".
#ifndef IAMEVAL_VERSION_H_
#define IAMEVAL_VERSION_H_

#include <string>

namespace iameval {

// version() returns the library's semantic version string.
std::string version();

}  // namespace iameval

#endif  // IAMEVAL_VERSION_H_
