#include "iameval/version.h"

namespace iameval {

std::string version() { return IAMEVAL_VERSION_STRING; }

}  // namespace iameval
