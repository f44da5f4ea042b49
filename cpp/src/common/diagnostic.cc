#include "iameval/diagnostic.h"

#include <algorithm>

namespace iameval {

const char* SeverityName(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
                    ": " + SeverityName(d.severity) + ": " + d.message + " [" + d.kind + "]";
  if (!d.location.path.empty()) out += " at " + d.location.path;
  return out;
}

}  // namespace iameval
