// The catalog reader: nlohmann's SAX interface driven by a small table of the format's
// grammar. Building nlohmann's DOM first would double the load time, most of it spent
// allocating and freeing ~100,000 temporary nodes.
#include "catalog/catalog_reader.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "catalog/access_level.h"
#include "nlohmann/json.hpp"

namespace iameval::internal {
namespace {

using nlohmann::json;

// Every position in the format, containers and scalars alike.
enum class Node {
  kDocument,  // the parser's starting point: the root value goes here
  kRoot,
  kFormat,
  kSource,
  kPackage,
  kVersion,
  kGenerated,
  kRcpServices,
  kRcpService,
  kServices,
  kService,
  kPrefix,
  kServiceName,
  kActions,
  kAction,
  kActionName,
  kAccessLevel,
  kActionResourceTypes,
  kActionResourceType,
  kActionResourceTypeName,
  kActionResourceTypeRequired,
  kActionConditionKeys,
  kActionConditionKey,
  kResourceTypes,
  kResourceType,
  kResourceTypeName,
  kArnFormat,
  kResourceTypeConditionKeys,
  kResourceTypeConditionKey,
  kConditionKeys,
  kConditionKey,
  kConditionKeyName,
  kConditionKeyType,
  kIgnored,  // an unknown member's value, skipped whole
};

enum class Type { kAny, kObject, kArray, kString, kInteger, kFlag /* 0, 1, true, false */ };

const char* TypeName(Type type) {
  switch (type) {
    case Type::kAny:
      return "any value";
    case Type::kObject:
      return "an object";
    case Type::kArray:
      return "an array";
    case Type::kString:
      return "a string";
    case Type::kInteger:
      return "an integer";
    case Type::kFlag:
      return "0, 1 or a boolean";
  }
  return "?";
}

// What may stand at one position: its type, and for strings whether it may be empty.
struct Field {
  const char* name;  // object key; for tuple elements and list items, for messages only
  Type type;
  Node node;
  bool non_empty = false;
};

// The grammar. Objects list their members (all required, others ignored); tuples list their
// elements by position; lists give the type of every item.
constexpr Field kRootFields[] = {
    {"format", Type::kInteger, Node::kFormat},
    {"source", Type::kObject, Node::kSource},
    {"rcp_supported_services", Type::kArray, Node::kRcpServices},
    {"services", Type::kArray, Node::kServices},
};
constexpr Field kSourceFields[] = {
    {"package", Type::kString, Node::kPackage},
    {"version", Type::kString, Node::kVersion},
    {"generated", Type::kString, Node::kGenerated},
};
constexpr Field kServiceFields[] = {
    {"prefix", Type::kString, Node::kPrefix, true},
    {"name", Type::kString, Node::kServiceName},
    {"actions", Type::kArray, Node::kActions},
    {"resource_types", Type::kArray, Node::kResourceTypes},
    {"condition_keys", Type::kArray, Node::kConditionKeys},
};
constexpr Field kActionFields[] = {
    {"action name", Type::kString, Node::kActionName, true},
    {"access level", Type::kString, Node::kAccessLevel},
    {"action resource types", Type::kArray, Node::kActionResourceTypes},
    {"action condition keys", Type::kArray, Node::kActionConditionKeys},
};
constexpr Field kActionResourceTypeFields[] = {
    {"resource type name", Type::kString, Node::kActionResourceTypeName, true},
    {"required flag", Type::kFlag, Node::kActionResourceTypeRequired},
};
constexpr Field kResourceTypeFields[] = {
    {"resource type name", Type::kString, Node::kResourceTypeName, true},
    {"ARN format", Type::kString, Node::kArnFormat},
    {"resource type condition keys", Type::kArray, Node::kResourceTypeConditionKeys},
};
constexpr Field kConditionKeyFields[] = {
    {"condition key name", Type::kString, Node::kConditionKeyName, true},
    {"condition key type", Type::kString, Node::kConditionKeyType, true},
};

enum class Kind { kDocument, kObject, kTuple, kList, kIgnored };

struct Shape {
  Kind kind;
  absl::Span<const Field> fields;  // kObject, kTuple
  Field item{};                    // kList
};

Shape ShapeOf(Node node) {
  switch (node) {
    case Node::kDocument:
      return {Kind::kDocument, {}, {"catalog", Type::kObject, Node::kRoot}};
    case Node::kRoot:
      return {Kind::kObject, kRootFields};
    case Node::kSource:
      return {Kind::kObject, kSourceFields};
    case Node::kRcpServices:
      return {Kind::kList, {}, {"service prefix", Type::kString, Node::kRcpService, true}};
    case Node::kServices:
      return {Kind::kList, {}, {"service", Type::kObject, Node::kService}};
    case Node::kService:
      return {Kind::kObject, kServiceFields};
    case Node::kActions:
      return {Kind::kList, {}, {"action", Type::kArray, Node::kAction}};
    case Node::kAction:
      return {Kind::kTuple, kActionFields};
    case Node::kActionResourceTypes:
      return {Kind::kList, {}, {"resource type", Type::kArray, Node::kActionResourceType}};
    case Node::kActionResourceType:
      return {Kind::kTuple, kActionResourceTypeFields};
    case Node::kActionConditionKeys:
    case Node::kResourceTypeConditionKeys:
      return {Kind::kList,
              {},
              {"condition key", Type::kString,
               node == Node::kActionConditionKeys ? Node::kActionConditionKey
                                                  : Node::kResourceTypeConditionKey,
               true}};
    case Node::kResourceTypes:
      return {Kind::kList, {}, {"resource type", Type::kArray, Node::kResourceType}};
    case Node::kResourceType:
      return {Kind::kTuple, kResourceTypeFields};
    case Node::kConditionKeys:
      return {Kind::kList, {}, {"condition key", Type::kArray, Node::kConditionKey}};
    case Node::kConditionKey:
      return {Kind::kTuple, kConditionKeyFields};
    default:
      return {Kind::kIgnored, {}, {}};
  }
}

// One open container.
struct Frame {
  explicit Frame(Node n) : node(n), shape(ShapeOf(n)) {}

  Node node;
  Shape shape;
  size_t index = 0;       // arrays: position of the next element
  std::string key;        // objects: the current member's key
  int member = -1;        // objects: the current member in shape.fields, -1 if unknown
  uint32_t seen = 0;      // objects: bit i set once shape.fields[i] has appeared
};

// Receives nlohmann's SAX events. Every handler returns false to stop at the first error.
class Reader {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  Reader() { stack_.emplace_back(Node::kDocument); }

  bool null() { return Scalar(std::nullopt, "null", [](const Field&) { return true; }); }
  bool boolean(bool value) {
    return Scalar(Type::kFlag, "a boolean", [&](const Field& f) { return SetFlag(f, value); });
  }
  bool number_integer(number_integer_t value) {
    return Scalar(Type::kInteger, "an integer",
                  [&](const Field& f) { return SetInteger(f, value); });
  }
  bool number_unsigned(number_unsigned_t value) {
    const auto as_signed = static_cast<int64_t>(std::min<uint64_t>(value, INT64_MAX));
    return number_integer(as_signed);
  }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) {
    return Scalar(std::nullopt, "a fractional number", [](const Field&) { return true; });
  }
  bool string(string_t& value) {
    return Scalar(Type::kString, "a string",
                  [&](const Field& f) { return SetString(f, std::move(value)); });
  }
  bool binary(binary_t& /*value*/) { return Fail("unexpected binary value"); }

  bool start_object(std::size_t /*size*/) { return Open(Type::kObject, "an object"); }
  bool start_array(std::size_t /*size*/) { return Open(Type::kArray, "an array"); }
  bool key(string_t& key) {
    Frame& frame = stack_.back();
    frame.key = std::move(key);
    frame.member = -1;
    for (size_t i = 0; i < frame.shape.fields.size(); ++i) {
      if (frame.key == frame.shape.fields[i].name) {
        if (frame.seen & (1u << i)) return Fail(absl::StrCat("duplicate member `", frame.key, "`"));
        frame.member = static_cast<int>(i);
        frame.seen |= 1u << i;
      }
    }
    return true;
  }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) {
    // nlohmann's message already says where ("at line 1, column 5"); drop its id prefix.
    std::string_view what = e.what();
    if (const size_t end = what.find("] "); what.rfind("[json.exception.", 0) == 0 &&
                                            end != std::string_view::npos) {
      what.remove_prefix(end + 2);
    }
    error_ = std::string(what);
    return false;
  }

  const std::string& error() const { return error_; }
  CatalogRecords& records() { return records_; }

 private:
  // The field the next value fills, or nullopt past the end of a tuple.
  std::optional<Field> Expected() const {
    const Frame& frame = stack_.back();
    switch (frame.shape.kind) {
      case Kind::kObject:
        if (frame.member < 0) return Field{"", Type::kAny, Node::kIgnored};
        return frame.shape.fields[static_cast<size_t>(frame.member)];
      case Kind::kTuple:
        if (frame.index >= frame.shape.fields.size()) return std::nullopt;
        return frame.shape.fields[frame.index];
      case Kind::kDocument:
      case Kind::kList:
        return frame.shape.item;
      case Kind::kIgnored:
        return Field{"", Type::kAny, Node::kIgnored};
    }
    return std::nullopt;
  }

  // Checks the type of a scalar against the grammar, then stores it. `type` is nullopt for
  // values no position accepts (null, fractions).
  template <typename Store>
  bool Scalar(std::optional<Type> type, const char* found, Store store) {
    std::optional<Field> field = Expected();
    if (!field) return TooManyElements();
    if (field->type != Type::kAny) {
      const bool integer_as_flag = field->type == Type::kFlag && type == Type::kInteger;
      if (type != field->type && !integer_as_flag) return WrongType(*field, found);
      if (!store(*field)) return false;
    }
    ++stack_.back().index;
    return true;
  }

  bool Open(Type type, const char* found) {
    std::optional<Field> field = Expected();
    if (!field) return TooManyElements();
    if (field->type != Type::kAny && field->type != type) return WrongType(*field, found);
    const Node node = field->type == Type::kAny ? Node::kIgnored : field->node;
    switch (node) {  // start the record this container holds
      case Node::kService:
        records_.services.emplace_back();
        break;
      case Node::kAction:
        Service().actions.emplace_back();
        break;
      case Node::kActionResourceType:
        Service().actions.back().resource_types.emplace_back();
        break;
      case Node::kResourceType:
        Service().info.resource_types.emplace_back();
        break;
      case Node::kConditionKey:
        Service().info.condition_keys.emplace_back();
        break;
      default:
        break;
    }
    stack_.emplace_back(node);
    return true;
  }

  bool Close() {
    const Frame& frame = stack_.back();
    if (frame.shape.kind == Kind::kTuple && frame.index != frame.shape.fields.size()) {
      return Fail(absl::StrCat("expected ", frame.shape.fields.size(), " elements, found ",
                               frame.index),
                  /*at_value=*/false);
    }
    if (frame.shape.kind == Kind::kObject) {
      for (size_t i = 0; i < frame.shape.fields.size(); ++i) {
        if ((frame.seen & (1u << i)) == 0) {
          return Fail(absl::StrCat("missing member `", frame.shape.fields[i].name, "`"),
                      /*at_value=*/false);
        }
      }
    }
    stack_.pop_back();
    ++stack_.back().index;
    return true;
  }

  bool SetString(const Field& field, std::string&& value) {
    if (field.non_empty && value.empty()) return Fail(absl::StrCat(field.name, " is empty"));
    switch (field.node) {
      case Node::kPackage:
        records_.source.package = std::move(value);
        break;
      case Node::kVersion:
        records_.source.version = std::move(value);
        break;
      case Node::kGenerated:
        records_.source.generated = std::move(value);
        break;
      case Node::kRcpService:
        records_.rcp_services.push_back(std::move(value));
        break;
      case Node::kPrefix:
        if (value.find(':') != std::string::npos) {
          return Fail(absl::StrCat("service prefix `", value, "` contains ':'"));
        }
        Service().info.prefix = std::move(value);
        break;
      case Node::kServiceName:
        Service().info.name = std::move(value);
        break;
      case Node::kActionName:
        Service().actions.back().name = std::move(value);
        break;
      case Node::kAccessLevel: {
        const std::optional<AccessLevel> level = ParseAccessLevel(value);
        if (!level) return Fail(absl::StrCat("unknown access level `", value, "`"));
        Service().actions.back().access_level = *level;
        break;
      }
      case Node::kActionResourceTypeName:
        Service().actions.back().resource_types.back().name = std::move(value);
        break;
      case Node::kActionConditionKey:
        Service().actions.back().condition_keys.push_back(std::move(value));
        break;
      case Node::kResourceTypeName:
        Service().info.resource_types.back().name = std::move(value);
        break;
      case Node::kArnFormat:
        Service().info.resource_types.back().arn_format = std::move(value);
        break;
      case Node::kResourceTypeConditionKey:
        Service().info.resource_types.back().condition_keys.push_back(std::move(value));
        break;
      case Node::kConditionKeyName:
        Service().info.condition_keys.back().name = std::move(value);
        break;
      case Node::kConditionKeyType:
        Service().info.condition_keys.back().type = std::move(value);
        break;
      default:
        break;
    }
    return true;
  }

  bool SetInteger(const Field& field, int64_t value) {
    if (field.node == Node::kFormat) {
      if (value != 1) return Fail(absl::StrCat("unsupported catalog format `", value, "`"));
      return true;
    }
    if (value != 0 && value != 1) return WrongType(field, "another integer");
    return SetFlag(field, value == 1);
  }

  bool SetFlag(const Field& field, bool value) {
    if (field.node == Node::kActionResourceTypeRequired) {
      Service().actions.back().resource_types.back().required = value;
    }
    return true;
  }

  ServiceRecord& Service() { return records_.services.back(); }

  bool WrongType(const Field& field, const char* found) {
    return Fail(absl::StrCat(field.name, " must be ", TypeName(field.type), ", found ", found));
  }
  bool TooManyElements() {
    return Fail(absl::StrCat("expected ", stack_.back().shape.fields.size(),
                             " elements, found more"));
  }

  // `at_value`: the error is about the value being read, not the innermost open container.
  bool Fail(const std::string& message, bool at_value = true) {
    error_ = absl::StrCat(Where(at_value), ": ", message);
    return false;
  }

  // A JSON Pointer to the value in question, plus the service prefix when known.
  std::string Where(bool at_value) const {
    std::string pointer;
    // stack_[0] is the document and stack_[1] the root object: paths start below it.
    const size_t end = stack_.size() + (at_value ? 1 : 0);
    for (size_t i = 2; i < end; ++i) {
      const Frame& parent = stack_[i - 1];
      if (parent.shape.kind == Kind::kObject) {
        absl::StrAppend(&pointer, "/", parent.key);
      } else if (parent.shape.kind != Kind::kDocument) {
        absl::StrAppend(&pointer, "/", parent.index);
      }
    }
    if (pointer.empty()) pointer = "/";
    const bool in_service =
        stack_.size() > 3 && stack_[2].node == Node::kServices && !records_.services.empty();
    if (in_service && !records_.services.back().info.prefix.empty()) {
      absl::StrAppend(&pointer, " (service `", records_.services.back().info.prefix, "`)");
    }
    return pointer;
  }

  std::vector<Frame> stack_;
  CatalogRecords records_;
  std::string error_;
};

}  // namespace

absl::StatusOr<CatalogRecords> ReadCatalogJson(std::string_view json_text) {
  Reader reader;
  try {
    if (!json::sax_parse(json_text.begin(), json_text.end(), &reader)) {
      return absl::InvalidArgumentError(absl::StrCat("malformed catalog: ", reader.error()));
    }
  } catch (const std::exception& e) {  // e.g. std::bad_alloc: still never past the API
    return absl::InternalError(absl::StrCat("reading catalog: ", e.what()));
  }
  return std::move(reader.records());
}

}  // namespace iameval::internal
