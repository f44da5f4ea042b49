// File: catalog_reader.h
// Reads catalog JSON (the format documented in tools/gen_catalog.py) into plain records, in
// file order. Checks the shape and the values of every field; catalog_loader.h then checks
// the records against each other and builds the indexes.
#ifndef IAMEVAL_SRC_CATALOG_CATALOG_READER_H_
#define IAMEVAL_SRC_CATALOG_CATALOG_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "iameval/catalog.h"

namespace iameval::internal {

// One service as read. ActionInfo::id and the ServiceInfo id range are not yet set.
struct ServiceRecord {
  ServiceInfo info;
  std::vector<ActionInfo> actions;
};

struct CatalogRecords {
  CatalogSource source;
  std::vector<std::string> rcp_services;
  std::vector<ServiceRecord> services;
};

// InvalidArgumentError naming the offending value by JSON Pointer ("/services/12/actions/3/1")
// when the text is not catalog JSON. Unknown object members are ignored, so that the generator
// can add fields without breaking older readers.
absl::StatusOr<CatalogRecords> ReadCatalogJson(std::string_view json_text);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_CATALOG_READER_H_
