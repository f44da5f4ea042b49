// File: json_value.h
// A JSON document tree that remembers where each value stands (line, column, byte offset)
// and keeps object members in document order. Built by ParseJson() (json_parser.h), which
// rejects duplicate keys, so lookups by key are unambiguous.
#ifndef IAMEVAL_SRC_JSON_JSON_VALUE_H_
#define IAMEVAL_SRC_JSON_JSON_VALUE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iameval::internal {

struct JsonLocation {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, bytes
  size_t offset = 0;    // byte offset in the source text
};

enum class JsonType : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
const char* JsonTypeName(JsonType type);

struct JsonMember;

class JsonValue {
 public:
  JsonType type = JsonType::kNull;
  JsonLocation location;
  size_t end_offset = 0;  // one past the value's last byte in the source text
  // True when the parser validated this value but did not build its contents (it stands
  // deeper than JsonLimits::materialize_depth); re-parse its text to read it.
  bool skimmed = false;
  bool bool_value = false;
  // kString: the decoded string. kNumber: the number exactly as written (no rounding).
  std::string text;
  std::vector<JsonValue> elements;  // kArray
  std::vector<JsonMember> members;  // kObject, in document order

  bool is_string() const { return type == JsonType::kString; }
  bool is_object() const { return type == JsonType::kObject; }
  bool is_array() const { return type == JsonType::kArray; }
  // The member named `key` (exact, case-sensitive), or nullptr.
  const JsonValue* Find(std::string_view key) const;
  // Compact JSON text of this value (numbers keep their original text).
  std::string Dump() const;
};

struct JsonMember {
  std::string key;
  JsonLocation key_location;
  JsonValue value;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_JSON_JSON_VALUE_H_
