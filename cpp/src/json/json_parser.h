// File: json_parser.h
// A strict RFC 8259 JSON parser for policy documents. Unlike general-purpose parsers it
//  - rejects duplicate keys in an object (AWS does; silently keeping the last one would let a
//    second "Effect" change a policy's meaning),
//  - reports every error with line, column and the JSON Pointer of the enclosing element,
//  - validates UTF-8, and bounds size and depth so hostile input is bounded work.
// A leading UTF-8 byte-order mark is skipped (editors add it; it carries no meaning).
#ifndef IAMEVAL_SRC_JSON_JSON_PARSER_H_
#define IAMEVAL_SRC_JSON_JSON_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "json/json_value.h"

namespace iameval::internal {

struct JsonLimits {
  size_t max_bytes = 64u << 20;
  size_t max_depth = 64;
  size_t max_string_bytes = 1u << 20;
  size_t max_elements = 1u << 20;  // members or elements in one container
  // Values at this depth or deeper are validated but not built (JsonValue::skimmed): a
  // reader that only needs the extent of large sub-documents saves building them. Duplicate
  // keys inside skimmed values are not detected.
  size_t materialize_depth = static_cast<size_t>(-1);
};

struct JsonError {
  std::string kind;     // "invalid_json", "duplicate_key", "invalid_utf8", "too_large", "too_deep"
  std::string message;  // lowercase, no final period
  std::string path;     // JSON Pointer of the element being parsed
  JsonLocation location;
};

struct JsonParseResult {
  bool ok = false;
  JsonValue value;
  JsonError error;  // when !ok
};

JsonParseResult ParseJson(std::string_view text, const JsonLimits& limits = JsonLimits());

// Line and column (1-based) of a byte offset in `text`.
JsonLocation LocationOfOffset(std::string_view text, size_t offset);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_JSON_JSON_PARSER_H_
