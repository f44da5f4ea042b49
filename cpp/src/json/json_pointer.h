// File: json_pointer.h
// JSON Pointer (RFC 6901) paths for diagnostics: "/Statement/2/Condition/StringEquals".
#ifndef IAMEVAL_SRC_JSON_JSON_POINTER_H_
#define IAMEVAL_SRC_JSON_JSON_POINTER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iameval::internal {

// `base` + "/" + escaped `key` ('~' -> "~0", '/' -> "~1").
std::string JoinPointer(std::string_view base, std::string_view key);
std::string JoinPointer(std::string_view base, size_t index);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_JSON_JSON_POINTER_H_
