// Runs the table-driven parser vectors in tests/data/parser_cases.jsonl (shared with pytest).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "test_data.h"

namespace iameval {
namespace {

std::string DecodeBase64(const std::string& in) {
  static const std::string kChars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, buffer = 0;
  for (char c : in) {
    size_t v = kChars.find(c);
    if (v == std::string::npos) break;
    buffer = ((buffer << 6) | static_cast<int>(v)) & 0xFFFFFF;  // 24 bits: no overflow
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

struct Expected {
  std::string kind, path;
  uint32_t line, column;
};

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += "\n  " + FormatDiagnostic(d);
  return out;
}

class ParserCasesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ParserCasesTest, MatchesExpectedDiagnostics) {
  nlohmann::json c = nlohmann::json::parse(GetParam());
  SCOPED_TRACE(c["name"].get<std::string>());
  std::string text = c.contains("document_base64")
                         ? DecodeBase64(c["document_base64"].get<std::string>())
                         : c["document"].get<std::string>();
  std::optional<PolicyKind> kind = PolicyKindFromName(c["kind"].get<std::string>());
  ASSERT_TRUE(kind.has_value());
  ParseOptions options;
  options.strict = c["strict"].get<bool>();
  ParseResult result = ParsePolicy(text, *kind, options);

  std::vector<Diagnostic> errors, warnings;
  for (const Diagnostic& d : result.diagnostics) {
    (d.severity == Severity::kError ? errors : warnings).push_back(d);
  }
  const auto& expected_errors = c["errors"];
  EXPECT_EQ(result.ok(), expected_errors.empty()) << Describe(result.diagnostics);
  ASSERT_EQ(errors.size(), expected_errors.size()) << Describe(result.diagnostics);
  for (size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].kind, expected_errors[i]["kind"].get<std::string>());
    EXPECT_EQ(errors[i].location.path, expected_errors[i]["path"].get<std::string>());
    EXPECT_EQ(errors[i].location.line, expected_errors[i]["line"].get<uint32_t>());
    EXPECT_EQ(errors[i].location.column, expected_errors[i]["column"].get<uint32_t>());
    EXPECT_FALSE(errors[i].message.empty());
  }
  if (c.contains("warnings")) {
    for (const auto& w : c["warnings"]) {
      bool found = false;
      for (const Diagnostic& d : warnings) {
        found = found || (d.kind == w["kind"].get<std::string>() &&
                          d.location.path == w["path"].get<std::string>() &&
                          d.location.line == w["line"].get<uint32_t>() &&
                          d.location.column == w["column"].get<uint32_t>());
      }
      EXPECT_TRUE(found) << "missing warning " << w.dump() << Describe(result.diagnostics);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, ParserCasesTest,
    ::testing::ValuesIn(testing::ReadJsonLines(testing::SourcePath("tests/data/parser_cases.jsonl"))),
    [](const ::testing::TestParamInfo<std::string>& param_info) {
      return "case" + std::to_string(param_info.index);
    });

TEST(ParserCasesFile, IsNotEmpty) {
  EXPECT_GE(testing::ReadJsonLines(testing::SourcePath("tests/data/parser_cases.jsonl")).size(),
            50u);
}

}  // namespace
}  // namespace iameval
