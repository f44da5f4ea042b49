// File: diagnostic.h
// Errors and warnings about policy documents, as values: every one carries a stable kind, a
// message a person understands, the JSON Pointer path of the offending element and its
// 1-based line and column in the source text.
#ifndef IAMEVAL_DIAGNOSTIC_H_
#define IAMEVAL_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <vector>

namespace iameval {

enum class Severity { kError, kWarning };

// SourceLocation: where an element stands in the source document.
struct SourceLocation {
  std::string path;    // JSON Pointer, e.g. "/Statement/2/Condition/StringEquals"
  uint32_t line = 0;   // 1-based; 0 when unknown
  uint32_t column = 0; // 1-based, in bytes; 0 when unknown
};

// Diagnostic: one error or warning. `kind` is a stable snake_case code tests can match on
// (e.g. "invalid_json", "duplicate_key", "unknown_element", "unknown_operator").
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string kind;
  std::string message;
  SourceLocation location;
};

// Text for a severity: "error" or "warning".
const char* SeverityName(Severity severity);

// HasErrors is true when any diagnostic is an error.
bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// FormatDiagnostic renders "line:column: severity: message [kind] at path".
std::string FormatDiagnostic(const Diagnostic& diagnostic);

}  // namespace iameval

#endif  // IAMEVAL_DIAGNOSTIC_H_
