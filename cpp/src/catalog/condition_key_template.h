// File: condition_key_template.h
// Templated condition keys. The catalog names per-tag keys with a placeholder, as in
// "aws:ResourceTag/${TagKey}" or "s3:ExistingObjectTag/<key>"; a policy writes the concrete
// key ("aws:ResourceTag/Owner"). Internal to the catalog.
#ifndef IAMEVAL_SRC_CATALOG_CONDITION_KEY_TEMPLATE_H_
#define IAMEVAL_SRC_CATALOG_CONDITION_KEY_TEMPLATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace iameval::internal {

// For a key with at least one `${...}` or `<...>` placeholder, a lowercased glob for
// MatchGlobText() in which each placeholder matches any non-empty text ("?*"). nullopt for a plain
// key. Catalog keys contain no `*` or `?`, so the rest of the glob is literal.
std::optional<std::string> ConditionKeyTemplateGlob(std::string_view key);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_CATALOG_CONDITION_KEY_TEMPLATE_H_
