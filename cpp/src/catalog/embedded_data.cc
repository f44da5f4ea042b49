// Embeds the action catalog, the AWS managed policies and the risk action lists into the
// library image, so the library needs no data files and no network at run time. `.incbin`
// keeps the build fast (a multi-megabyte C array literal takes the compiler far longer).
#include "catalog/embedded_data.h"

#ifndef IAMEVAL_CATALOG_FILE
#error "IAMEVAL_CATALOG_FILE must name the catalog JSON file"
#endif
#ifndef IAMEVAL_RISK_ACTIONS_FILE
#error "IAMEVAL_RISK_ACTIONS_FILE must name the risk actions JSON file"
#endif

#define IAMEVAL_INCBIN(symbol, file)                                  \
  __asm__(".section .rodata\n"                                        \
          ".global " #symbol "_begin\n"                               \
          ".hidden " #symbol "_begin\n"                               \
          ".balign 16\n" #symbol "_begin:\n"                          \
          ".incbin \"" file "\"\n"                                    \
          ".global " #symbol "_end\n"                                 \
          ".hidden " #symbol "_end\n" #symbol "_end:\n"               \
          ".byte 0\n"                                                 \
          ".previous\n")

IAMEVAL_INCBIN(iameval_catalog_json, IAMEVAL_CATALOG_FILE);
IAMEVAL_INCBIN(iameval_managed_policies_jsonl, IAMEVAL_MANAGED_POLICIES_FILE);
IAMEVAL_INCBIN(iameval_risk_actions_json, IAMEVAL_RISK_ACTIONS_FILE);

extern "C" {
extern const char iameval_catalog_json_begin[];
extern const char iameval_catalog_json_end[];
extern const char iameval_managed_policies_jsonl_begin[];
extern const char iameval_managed_policies_jsonl_end[];
extern const char iameval_risk_actions_json_begin[];
extern const char iameval_risk_actions_json_end[];
}

namespace iameval::internal {

std::string_view EmbeddedCatalogJson() {
  return {iameval_catalog_json_begin,
          static_cast<size_t>(iameval_catalog_json_end - iameval_catalog_json_begin)};
}

std::string_view EmbeddedManagedPoliciesJsonl() {
  return {iameval_managed_policies_jsonl_begin,
          static_cast<size_t>(iameval_managed_policies_jsonl_end -
                              iameval_managed_policies_jsonl_begin)};
}

std::string_view EmbeddedRiskActionsJson() {
  return {iameval_risk_actions_json_begin,
          static_cast<size_t>(iameval_risk_actions_json_end - iameval_risk_actions_json_begin)};
}

}  // namespace iameval::internal
