// File: catalog_loader.h
// Turns catalog JSON (the format written by tools/gen_catalog.py) into Catalog::Impl: reads
// it (catalog_reader.h), checks names are unique, numbers the actions and builds the indexes.
#ifndef IAMEVAL_SRC_CATALOG_CATALOG_LOADER_H_
#define IAMEVAL_SRC_CATALOG_CATALOG_LOADER_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "catalog/catalog_impl.h"

namespace iameval::internal {

// InvalidArgumentError naming the offending record when the text is not valid catalog JSON
// or names a service, action, resource type or condition key twice (case-insensitively).
// Services come out sorted by prefix and each service's actions by lowercased name, whatever
// the order in the text (the generator already writes them so).
absl::StatusOr<std::unique_ptr<Catalog::Impl>> LoadCatalog(std::string_view json_text);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_CATALOG_LOADER_H_
