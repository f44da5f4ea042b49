// Catalog checks on a parsed policy (warnings only): an action pattern that names an unknown
// service or matches no catalog action is almost always a typo, and a typo in a Deny silently
// removes a guardrail.
#include <string>

#include "iameval/catalog.h"
#include "iameval/policy.h"

namespace iameval {
namespace {

Diagnostic Warn(std::string kind, std::string message, const SourceLocation& where) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.kind = std::move(kind);
  d.message = std::move(message);
  d.location = where;
  return d;
}

void CheckAction(const LocatedString& action, const Catalog& catalog,
                 std::vector<Diagnostic>& out) {
  const std::string& pattern = action.value;
  if (pattern == "*") return;
  size_t colon = pattern.find(':');
  if (colon == std::string::npos) return;  // the parser already reported it
  std::string_view prefix = std::string_view(pattern).substr(0, colon);
  if (prefix != "*" && catalog.FindService(prefix) == nullptr) {
    out.push_back(Warn("unknown_service",
                       "service prefix `" + std::string(prefix) + "` is not in the action catalog",
                       action.location));
    return;
  }
  if (catalog.Expand(pattern).Empty()) {
    out.push_back(Warn("unknown_action", "`" + pattern + "` matches no action in the catalog",
                       action.location));
  }
}

void CheckResource(const LocatedString& resource, std::vector<Diagnostic>& out) {
  std::string_view value = resource.value;
  if (value.substr(0, 4) != "arn:") return;
  size_t start = 4;
  size_t first = value.find(':', start);           // end of partition
  if (first == std::string_view::npos) return;
  size_t second = value.find(':', first + 1);      // end of service
  std::string_view service = value.substr(first + 1, second == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : second - first - 1);
  if (second != std::string_view::npos && service.find_first_of("*?") != std::string_view::npos) {
    out.push_back(Warn("wildcard_in_service",
                       "AWS does not allow wildcards in the service field of a resource ARN: `" +
                           std::string(value) + "`",
                       resource.location));
  }
}

}  // namespace

std::vector<Diagnostic> ValidatePolicy(const Policy& policy, const Catalog& catalog) {
  std::vector<Diagnostic> out;
  for (const Statement& st : policy.statements) {
    for (const LocatedString& action : st.actions) CheckAction(action, catalog, out);
    for (const LocatedString& resource : st.resources) CheckResource(resource, out);
  }
  return out;
}

}  // namespace iameval
