// Hostile documents and case lines: every case ends in a clear error (kind + location) or a
// correct answer within bounded time and memory; never a crash, a hang or a silent Allow.
// The limits these cases run into are documented in docs/limits.md. Requests, patterns and
// condition values are in hostile_evaluation_test.cc.
#include <iostream>
#include <string>
#include <vector>

#include "hostile_test_util.h"
#include "iameval/evaluator.h"
#include "iameval/policy.h"
#include "iameval/simulate.h"
#include "json/json_parser.h"
#include "test_data.h"

namespace iameval::hostile {
namespace {

// ---- invalid JSON --------------------------------------------------------------------------

TEST(HostileJsonTest, InvalidJsonIsALocatedError) {
  const std::vector<std::string> cases = {
      "",
      "   \n\t ",
      "{",
      "}",
      "[",
      "{\"Version\":\"2012-10-17\",\"Statement\":[}",
      "{'Version':'2012-10-17'}",
      "{\"Version\":\"2012-10-17\",}",
      "{\"Version\":\"2012-10-17\" \"Statement\":[]}",
      "{\"Statement\":[]} x",
      "{\"Statement\":[]}{}",
      "{\"Statement\":[01]}",
      "{\"Statement\":[1e]}",
      "{\"Statement\":[-]}",
      "{\"Statement\":[.5]}",
      "{\"Statement\":[tru]}",
      "{\"Statement\":[nul]}",
      "{\"Statement\":[NaN]}",
      "{\"Statement\":[Infinity]}",
      "{\"Sid\":\"\\x41\"}",
      "{\"Sid\":\"\\u12\"}",
      "{\"Sid\":\"\\ud800\"}",        // lone high surrogate
      "{\"Sid\":\"\\udc00\\ud800\"}",  // surrogates in the wrong order
      "{\"Sid\":\"tab\there\"}",
      "{\"Sid\":\"new\nline\"}",
      "{\"Sid\":\"unterminated}",
      "{\"Sid\" \"missing colon\"}",
      "{\"Sid\":}",
      "{,}",
      "{\"a\":1,,\"b\":2}",
      "/* comment */{}",
      "{\"Statement\":[]}\n// trailing comment",
  };
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    ParseResult r = ParsePolicy(text, PolicyKind::kIdentity);
    Diagnostic d = FirstError(r);
    // A JSON-level problem, not a policy-level one that happens to follow a lenient read.
    EXPECT_TRUE(d.kind == "invalid_json" || d.kind == "invalid_utf8") << FormatDiagnostic(d);
  }
}

TEST(HostileJsonTest, ErrorLocationPointsAtTheProblem) {
  ParseResult r = ParsePolicy("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}",
                              PolicyKind::kIdentity);
  Diagnostic d = FirstError(r);
  EXPECT_EQ(d.kind, "invalid_json");
  EXPECT_EQ(d.location.line, 3u);
  EXPECT_EQ(d.location.column, 17u);
  EXPECT_EQ(d.location.path, "/Statement/0");
}

// Every proper prefix of a real policy is an error located inside the prefix.
void ExpectEveryPrefixFails(const std::string& document) {
  ASSERT_TRUE(ParsePolicy(document, PolicyKind::kIdentity).ok());
  for (size_t n = 0; n < document.size(); ++n) {
    const std::string prefix = document.substr(0, n);
    ParseResult r = ParsePolicy(prefix, PolicyKind::kIdentity);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes parsed";
    Diagnostic d = FirstError(r);
    size_t lines = 1;
    for (char c : prefix) lines += c == '\n';
    ASSERT_LE(d.location.line, lines) << n << ": " << FormatDiagnostic(d);
  }
}

TEST(HostileJsonTest, EveryPrefixOfARealPolicyFails) {
  ExpectEveryPrefixFails(R"({
  "Version": "2012-10-17",
  "Id": "prefixes",
  "Statement": [
    {
      "Sid": "ReadOwnPrefix",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:List*"],
      "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*"],
      "Condition": {
        "StringLike": {"s3:prefix": ["home/${aws:username}/*", ""]},
        "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
        "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
        "Bool": {"aws:SecureTransport": true},
        "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}
      }
    },
    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*"}
  ]
})");
}

TEST(HostileJsonTest, EveryPrefixOfAPublishedPolicyFails) {
  const std::string path = testing::SourcePath("../shared/data/boundary-examples.jsonl");
  if (!testing::FileExists(path)) GTEST_SKIP() << "no shared data at " << path;
  int tested = 0;
  for (const std::string& line : testing::ReadJsonLines(path)) {
    // The document's own text, cut out of the line by its extent (whitespace as published).
    internal::JsonParseResult row = internal::ParseJson(line);
    ASSERT_TRUE(row.ok) << row.error.message;
    const internal::JsonValue* document = row.value.Find("document");
    ASSERT_NE(document, nullptr);
    const size_t begin = document->location.offset;
    const std::string text = line.substr(begin, document->end_offset - begin);
    if (text.size() > 6000) continue;  // every prefix is a parse: keep the test quick
    SCOPED_TRACE(text.substr(0, 80));
    ExpectEveryPrefixFails(text);
    if (++tested == 3) break;
  }
  EXPECT_GT(tested, 0);
}

// ---- bytes that are not text ---------------------------------------------------------------

TEST(HostileBytesTest, InvalidUtf8IsLocated) {
  const std::vector<std::string> bad = {
      "\xC0\xAF",          // overlong '/'
      "\x80",              // lone continuation byte
      "\xC3",              // truncated two-byte sequence
      "\xE2\x82",          // truncated three-byte sequence
      "\xED\xA0\x80",      // UTF-16 surrogate encoded in UTF-8
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xFF",
      "\xFE\xFF",
  };
  for (const std::string& b : bad) {
    SCOPED_TRACE(::testing::PrintToString(b));
    const std::string text = Wrap(AllowStatement("\"s3:GetObject\"", "\"arn:aws:s3:::b/" + b + "\""));
    Diagnostic d = FirstError(ParsePolicy(text, PolicyKind::kIdentity));
    EXPECT_EQ(d.kind, "invalid_utf8");
    EXPECT_EQ(d.location.line, 1u);
    // Points into the Resource string, not at the start of the document.
    EXPECT_GT(d.location.column, text.find("arn:aws:s3:::b/"));
  }
}

TEST(HostileBytesTest, ByteOrderMarks) {
  const std::string policy = Wrap(AllowStatement("\"s3:GetObject\"", "\"*\""));
  // One UTF-8 BOM at the start is tolerated (editors add it)...
  EXPECT_TRUE(ParsePolicy("\xEF\xBB\xBF" + policy, PolicyKind::kIdentity).ok());
  // ...but not two, not in the middle, and not UTF-16/32 byte order marks or encodings.
  FirstError(ParsePolicy("\xEF\xBB\xBF\xEF\xBB\xBF" + policy, PolicyKind::kIdentity));
  FirstError(ParsePolicy(" \xEF\xBB\xBF" + policy, PolicyKind::kIdentity));
  FirstError(ParsePolicy("\xFF\xFE" + policy, PolicyKind::kIdentity));
  FirstError(ParsePolicy("\xFE\xFF" + policy, PolicyKind::kIdentity));
  FirstError(ParsePolicy(std::string("\xFF\xFE\x00\x00", 4) + policy, PolicyKind::kIdentity));
  std::string utf16;
  for (char c : policy) {
    utf16 += c;
    utf16 += '\0';
  }
  FirstError(ParsePolicy("\xFF\xFE" + utf16, PolicyKind::kIdentity));
  const std::string inside = Wrap(AllowStatement("\"s3:GetObject\"", "\"*\"")).insert(1, "\xEF\xBB\xBF");
  FirstError(ParsePolicy(inside, PolicyKind::kIdentity));
}

TEST(HostileBytesTest, NulBytes) {
  const std::string policy = Wrap(AllowStatement("\"s3:GetObject\"", "\"*\""));
  // Raw NUL: before, inside a string, between tokens and after the document.
  FirstError(ParsePolicy(std::string("\0", 1) + policy, PolicyKind::kIdentity));
  FirstError(ParsePolicy(policy + std::string("\0", 1), PolicyKind::kIdentity));
  std::string in_string = policy;
  in_string.insert(in_string.find("GetObject"), 1, '\0');
  Diagnostic d = FirstError(ParsePolicy(in_string, PolicyKind::kIdentity));
  EXPECT_EQ(d.kind, "invalid_json");
  EXPECT_GT(d.location.column, 1u);
  std::string between = policy;
  between.insert(1, 1, '\0');
  FirstError(ParsePolicy(between, PolicyKind::kIdentity));

  // An escaped NUL is a legal JSON string; the action it names is not s3:GetObject, so it
  // must never allow s3:GetObject (nor the prefix before the NUL).
  ParseResult escaped = ParsePolicy(
      Wrap(AllowStatement("\"s3:Get\\u0000Object\"", "\"*\"")), PolicyKind::kIdentity);
  if (escaped.ok()) {
    OnePolicy p(Wrap(AllowStatement("\"s3:Get\\u0000Object\"", "\"*\"")));
    EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/k"), Decision::kAllow);
    EXPECT_NE(p.Decide("s3:Get", "arn:aws:s3:::b/k"), Decision::kAllow);
  }
  // A NUL in a Resource: the request for the text before it is not allowed.
  OnePolicy r(Wrap(AllowStatement("\"s3:GetObject\"", "\"arn:aws:s3:::b/a\\u0000b\"")));
  EXPECT_NE(r.Decide("s3:GetObject", "arn:aws:s3:::b/a"), Decision::kAllow);
  EXPECT_EQ(r.Decide("s3:GetObject", std::string("arn:aws:s3:::b/a\0b", 18)), Decision::kAllow);
}

// ---- structure -----------------------------------------------------------------------------

TEST(HostileStructureTest, DuplicateKeysAreErrorsAtTheSecondKey) {
  struct Case {
    std::string text;
    std::string path;
  };
  const std::vector<Case> cases = {
      {R"({"Version":"2012-10-17","Statement":[],"Statement":[]})", ""},
      {Wrap(R"({"Effect":"Allow","Action":"*","Resource":"*","Effect":"Deny"})"), "/Statement/0"},
      // The same key spelled with an escape is the same key.
      {Wrap(R"({"Effect":"Deny","Action":"*","Resource":"*","Eff\u0065ct":"Allow"})"),
       "/Statement/0"},
      {Wrap(AllowStatement("\"*\"", "\"*\"",
                           R"({"StringEquals":{"aws:username":"a"},"StringEquals":{"aws:username":"b"}})")),
       "/Statement/0/Condition"},
      {Wrap(AllowStatement("\"*\"", "\"*\"",
                           R"({"StringEquals":{"aws:username":"a","aws:username":"b"}})")),
       "/Statement/0/Condition/StringEquals"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Diagnostic d = FirstError(ParsePolicy(c.text, PolicyKind::kIdentity));
    EXPECT_EQ(d.kind, "duplicate_key");
    EXPECT_EQ(d.location.path, c.path);
    ParseOptions lenient;
    lenient.strict = false;
    EXPECT_FALSE(ParsePolicy(c.text, PolicyKind::kIdentity, lenient).ok())
        << "lenient mode must not pick one of two values";
  }
  // Keys that differ only in case are not duplicates in JSON, but IAM element names are
  // case-sensitive: the second spelling is not an element this parser (or AWS) knows.
  FirstError(ParsePolicy(Wrap(R"({"Effect":"Deny","Action":"*","Resource":"*","effect":"Allow"})"),
                         PolicyKind::kIdentity));
}

// Each element given every wrong JSON type: an error at that element, never a policy.
TEST(HostileStructureTest, WrongTypesInEveryElement) {
  const std::vector<std::string> wrong = {"1", "-2.5", "true", "null", "{}", "[]", "[[]]",
                                          "[{}]", "[null]", "[1]", "\"\""};
  struct Element {
    std::string name;
    std::function<std::string(const std::string&)> build;
    std::vector<std::string> also_wrong;  // element-specific wrong values
  };
  const std::string stmt_tail = R"("Effect":"Allow","Action":"*","Resource":"*")";
  const std::vector<Element> elements = {
      {"Version", [](const std::string& v) { return R"({"Version":)" + v + R"(,"Statement":[]})"; },
       {"\"2012-10-18\"", "\"2012-10-17 \""}},
      {"Id", [](const std::string& v) { return R"({"Version":"2012-10-17","Id":)" + v + R"(,"Statement":[]})"; },
       {}},
      {"Statement", [](const std::string& v) { return R"({"Version":"2012-10-17","Statement":)" + v + "}"; },
       {"\"x\"", "[\"x\"]", "[[{}]]"}},
      {"Sid", [&](const std::string& v) { return Wrap(R"({"Sid":)" + v + "," + stmt_tail + "}"); }, {}},
      {"Effect", [](const std::string& v) { return Wrap(R"({"Effect":)" + v + R"(,"Action":"*","Resource":"*"})"); },
       {"\"allow\"", "\"Permit\"", "[\"Allow\"]"}},
      {"Action", [](const std::string& v) { return Wrap(R"({"Effect":"Allow","Action":)" + v + R"(,"Resource":"*"})"); },
       {"[\"s3:GetObject\", 1]", "[\"s3:GetObject\", null]"}},
      {"NotAction", [](const std::string& v) { return Wrap(R"({"Effect":"Allow","NotAction":)" + v + R"(,"Resource":"*"})"); },
       {}},
      {"Resource", [](const std::string& v) { return Wrap(R"({"Effect":"Allow","Action":"*","Resource":)" + v + "}"); },
       {"[\"*\", {}]"}},
      {"NotResource", [](const std::string& v) { return Wrap(R"({"Effect":"Allow","Action":"*","NotResource":)" + v + "}"); },
       {}},
      {"Principal", [](const std::string& v) {
         return Wrap(R"({"Effect":"Allow","Principal":)" + v + R"(,"Action":"*","Resource":"*"})");
       },
       {"{\"AWS\":1}", "{\"AWS\":[1]}", "{\"AWS\":{}}", "{\"Nobody\":\"x\"}"}},
      {"Condition", [](const std::string& v) { return Wrap(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":)" + v + "}"); },
       {"{\"StringEquals\":1}", "{\"StringEquals\":[]}", "{\"StringEquals\":\"x\"}",
        "{\"StringEquals\":{\"k\":{}}}", "{\"StringEquals\":{\"k\":[[]]}}",
        "{\"StringEquals\":{\"k\":null}}", "{\"StringEquals\":{\"k\":[null]}}",
        "{\"StringEquals\":{\"k\":[{}]}}", "{\"NoSuchOperator\":{\"k\":\"v\"}}"}},
  };
  for (const Element& e : elements) {
    std::vector<std::string> values = wrong;
    values.insert(values.end(), e.also_wrong.begin(), e.also_wrong.end());
    for (const std::string& v : values) {
      // Some of the generic values are legal for some elements ({} for Condition, [] for
      // Statement, "" for Sid/Id...). Skip exactly those.
      if ((e.name == "Condition" && v == "{}") || (e.name == "Statement" && v == "[]") ||
          ((e.name == "Sid" || e.name == "Id") && v == "\"\"")) {
        continue;
      }
      const std::string text = e.build(v);
      SCOPED_TRACE(e.name + " = " + v + "\n" + text);
      const PolicyKind kind = e.name == "Principal" ? PolicyKind::kResource : PolicyKind::kIdentity;
      ParseResult r = ParsePolicy(text, kind);
      Diagnostic d = FirstError(r);
      // The error is at (or inside) the element.
      EXPECT_NE(d.location.path.find(e.name == "Version" || e.name == "Id" ||
                                             e.name == "Statement"
                                         ? "/" + e.name
                                         : "/Statement/0/" + e.name),
                std::string::npos)
          << FormatDiagnostic(d);
    }
  }
}

TEST(HostileStructureTest, EmptyArraysAndObjects) {
  // An empty Statement list is a policy that allows nothing.
  ParseResult none = ParsePolicy(R"({"Version":"2012-10-17","Statement":[]})", PolicyKind::kIdentity);
  if (none.ok()) {
    OnePolicy p(R"({"Version":"2012-10-17","Statement":[]})");
    EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/k"), Decision::kImplicitDeny);
  } else {
    FirstError(none);
  }
  // Empty Action / Resource lists and empty condition value lists: errors, or statements
  // that match nothing. Never an Allow.
  const std::vector<std::string> statements = {
      AllowStatement("[]", "\"*\""),
      AllowStatement("\"*\"", "[]"),
      AllowStatement("\"*\"", "\"*\"", R"({"StringEquals":{"aws:username":[]}})"),
      AllowStatement("\"*\"", "\"*\"", R"({"StringEquals":{}})"),
  };
  for (const std::string& s : statements) {
    SCOPED_TRACE(s);
    ParseResult r = ParsePolicy(Wrap(s), PolicyKind::kIdentity);
    if (!r.ok()) {
      FirstError(r);
      continue;
    }
    RequestContext context;
    context.Set("aws:username", "alice");
    OnePolicy p(Wrap(s));
    EXPECT_NE(p.Decide("s3:GetObject", "arn:aws:s3:::b/k", &context), Decision::kAllow);
  }
}

TEST(HostileStructureTest, DeepNestingIsBoundedEverywhere) {
  const size_t kDepth = 100000;
  const std::vector<std::string> documents = {
      std::string(kDepth, '[') + std::string(kDepth, ']'),
      [&] {
        std::string s;
        for (size_t i = 0; i < kDepth; ++i) s += "{\"a\":";
        s += "1";
        s += std::string(kDepth, '}');
        return s;
      }(),
      // Deep inside a condition value and inside the Statement list.
      Wrap(AllowStatement("\"*\"", "\"*\"",
                          "{\"StringEquals\":{\"k\":" + std::string(kDepth, '[') + "]}}")),
      R"({"Version":"2012-10-17","Statement":)" + std::string(kDepth, '['),
  };
  for (const std::string& text : documents) {
    ParseResult r;
    const double seconds = Seconds([&] { r = ParsePolicy(text, PolicyKind::kIdentity); });
    Diagnostic d = FirstError(r);
    EXPECT_EQ(d.kind, "too_deep") << FormatDiagnostic(d);
    EXPECT_LT(seconds, kBudget);
  }
  // The same through the simulator, whose case lines nest policies two levels down.
  Simulator simulator;
  SimulationResult result =
      simulator.Run(R"({"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","context":{"k":)" +
                    std::string(kDepth, '[') + std::string(kDepth, ']') + "}}");
  ASSERT_TRUE(result.is_error);
  EXPECT_EQ(result.error.kind, "too_deep");
  EXPECT_GE(result.error.line, 1u);
  EXPECT_GE(result.error.column, 1u);
}

// ---- size and counts -----------------------------------------------------------------------

// A 50 MB document, three ways: it either fails fast on a limit or parses in bounded time
// and memory.
TEST(HostileSizeTest, FiftyMegabyteDocuments) {
  constexpr size_t kTarget = 50u << 20;
  struct Shape {
    std::string name;
    std::string text;
  };
  std::vector<Shape> shapes;
  {
    // One enormous Resource list: runs into max_values_per_element long before its end.
    std::string s = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[)";
    while (s.size() < kTarget) s += "\"arn:aws:s3:::bucket/some/fairly/long/key/name\",";
    s += "\"*\"]}]}";
    shapes.push_back({"huge list", std::move(s)});
  }
  {
    // One enormous string: runs into max_string_bytes.
    std::string s = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/)";
    s.append(kTarget, 'a');
    s += "\"}]}";
    shapes.push_back({"huge string", std::move(s)});
  }
  {
    // Whitespace: legal, parsed in one linear pass.
    std::string s = R"({"Version":"2012-10-17",)";
    s.append(kTarget, ' ');
    s += R"("Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
    shapes.push_back({"whitespace", std::move(s)});
  }
  {
    // Many ordinary statements (each with a long Sid) that stay under every count limit:
    // the whole document is parsed and built (~75,000 statements).
    std::string s = R"({"Version":"2012-10-17","Statement":[)";
    const std::string sid(600, 'S');
    size_t i = 0;
    while (s.size() < kTarget) {
      s += R"({"Sid":")" + sid + std::to_string(i++) +
           R"(","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"},)";
    }
    s += R"({"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]})";
    shapes.push_back({"many statements", std::move(s)});
  }
  for (const Shape& shape : shapes) {
    SCOPED_TRACE(shape.name);
    const double rss_before = PeakRssMiB();
    ParseResult r;
    const double seconds = Seconds([&] { r = ParsePolicy(shape.text, PolicyKind::kIdentity); });
    const double rss_growth = PeakRssMiB() - rss_before;
    std::cout << "[ info ] 50 MB " << shape.name << ": " << seconds << " s, "
              << (r.ok() ? "parsed" : FormatDiagnostic(r.diagnostics[0]))
              << ", peak RSS +" << rss_growth << " MiB\n";
    // Building 75,000 statements is real work (about 1 s unsanitized); the others are one
    // pass over the text.
    EXPECT_LT(seconds, shape.name == "many statements" ? 2 * kBudget : kBudget);
    // A generous bound: the AST may be several times the text, never an order of magnitude.
    EXPECT_LT(rss_growth, 1536.0);
    if (shape.name == "huge list") {
      // The JSON reader's container cap (max_values_per_element + 1 entries) stops it.
      EXPECT_EQ(FirstError(r).kind, "too_large");
      EXPECT_EQ(FirstError(r).location.path, "/Statement/0/Resource");
    } else if (shape.name == "huge string") {
      EXPECT_EQ(FirstError(r).kind, "too_large");
    } else {
      EXPECT_TRUE(r.ok()) << Describe(r.diagnostics);
    }
  }
  // Over the document limit: refused before any parsing.
  ParseOptions small;
  small.limits.max_document_bytes = 1u << 20;
  Diagnostic d = FirstError(ParsePolicy(shapes[2].text, PolicyKind::kIdentity, small));
  EXPECT_EQ(d.kind, "too_large");
}

TEST(HostileSizeTest, HundredThousandStatements) {
  auto build = [](size_t n) {
    std::string s = R"({"Version":"2012-10-17","Statement":[)";
    for (size_t i = 0; i + 1 < n; ++i) {
      s += R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b)" +
           std::to_string(i) + R"(/*"},)";
    }
    s += R"({"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b7/secret"}]})";
    return s;
  };
  const std::string at_limit = build(ParseLimits().max_statements);
  std::shared_ptr<OnePolicy> policy;
  const double seconds = Seconds([&] { policy = std::make_shared<OnePolicy>(at_limit); });
  EXPECT_LT(seconds, kBudget * 2);  // parse + compile of 100,000 statements
  double decide_seconds = Seconds([&] {
    EXPECT_EQ(policy->Decide("s3:GetObject", "arn:aws:s3:::b99998/x"), Decision::kAllow);
    EXPECT_EQ(policy->Decide("s3:GetObject", "arn:aws:s3:::b7/secret"), Decision::kExplicitDeny);
    EXPECT_EQ(policy->Decide("s3:GetObject", "arn:aws:s3:::c/x"), Decision::kImplicitDeny);
    EXPECT_EQ(policy->Decide("s3:PutObject", "arn:aws:s3:::b1/x"), Decision::kImplicitDeny);
  });
  EXPECT_LT(decide_seconds, kBudget);

  // One more is a located error.
  Diagnostic d = FirstError(ParsePolicy(build(ParseLimits().max_statements + 1), PolicyKind::kIdentity));
  EXPECT_EQ(d.kind, "too_many_statements");
  EXPECT_EQ(d.location.path, "/Statement");
}

TEST(HostileSizeTest, EnormousActionAndValueLists) {
  const size_t limit = ParseLimits().max_values_per_element;
  auto list = [](size_t n, const std::string& item) {
    std::string s = "[";
    for (size_t i = 0; i < n; ++i) s += (i ? ",\"" : "\"") + item + std::to_string(i) + "\"";
    return s + "]";
  };
  // At the limit: parses, compiles and decides quickly (none of the actions exists).
  const std::string actions = list(limit, "s3:NoSuchAction");
  OnePolicy p(Wrap(AllowStatement(actions, "\"*\"")));
  EXPECT_EQ(p.Decide("s3:GetObject", "arn:aws:s3:::b/k"), Decision::kImplicitDeny);
  // One over: a located error.
  Diagnostic d = FirstError(
      ParsePolicy(Wrap(AllowStatement(list(limit + 1, "s3:NoSuchAction"), "\"*\"")), PolicyKind::kIdentity));
  EXPECT_EQ(d.kind, "too_many_values");
  EXPECT_EQ(d.location.path, "/Statement/0/Action");
  Diagnostic c = FirstError(ParsePolicy(
      Wrap(AllowStatement("\"*\"", "\"*\"", "{\"StringEquals\":{\"aws:username\":" + list(limit + 1, "u") + "}}")),
      PolicyKind::kIdentity));
  EXPECT_EQ(c.kind, "too_many_values");
}

// ---- simulator -----------------------------------------------------------------------------

TEST(HostileSimulatorTest, BadLinesAreLocatedErrorsAndTheNextLineStillWorks) {
  const std::string good =
      R"({"id":"good","principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject",)"
      R"("resource":"arn:aws:s3:::b/k","identity_policies":[{"Version":"2012-10-17","Statement":)"
      R"([{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}]})";
  struct Case {
    std::string line;
    std::string kind;
    std::string path_prefix;
  };
  const std::vector<Case> bad = {
      {"{", "invalid_json", ""},
      {"[]", "invalid_type", ""},
      {"{\"id\":1}", "missing_field", ""},
      {std::string("{\"id\":1,\0}", 10), "invalid_json", ""},
      {"\xFF\xFE{}", "invalid_json", ""},
      {R"({"id":2,"principal":1,"action":"s3:GetObject"})", "invalid_type", "/principal"},
      {R"({"id":3,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","context":[]})",
       "invalid_type", "/context"},
      {R"({"id":4,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","context":{"k":{}}})",
       "invalid_type", "/context"},
      {R"({"id":5,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","identity_policies":{}})",
       "invalid_type", "/identity_policies"},
      {R"({"id":6,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","identity_policies":[{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}]})",
       "invalid_value", "/identity_policies/0/Statement/0/Effect"},
      {R"({"id":7,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","identity_policies":["{\"Statement\":[}"]})",
       "invalid_json", "/identity_policies/0"},
      {R"({"id":8,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","scps":[[{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Effect":"Deny"}]}]]})",
       "duplicate_key", "/scps/0/0"},
      {R"({"id":9,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","scps":[{}]})",
       "invalid_type", "/scps/0"},
      {R"({"id":10,"principal":"not a principal","action":"s3:GetObject"})", "invalid_request", "/principal"},
      {R"({"id":13,"principal":"arn:aws:iam::1:user/u","action":"s3:)" + std::string(3000, 'a') + R"("})",
       "invalid_request", "/action"},
      {R"({"id":11,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","id":12})", "duplicate_key", ""},
      {R"({"id":12,"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","principal_in_management_account":"yes"})",
       "invalid_type", "/principal_in_management_account"},
  };
  Simulator simulator;
  for (const Case& c : bad) {
    SCOPED_TRACE(c.line);
    SimulationResult r = simulator.Run(c.line);
    ASSERT_TRUE(r.is_error) << r.ToJson();
    EXPECT_EQ(r.error.kind, c.kind) << r.ToJson();
    EXPECT_EQ(r.error.path.substr(0, c.path_prefix.size()), c.path_prefix) << r.ToJson();
    EXPECT_GE(r.error.line, 1u) << r.ToJson();
    EXPECT_GE(r.error.column, 1u) << r.ToJson();
    EXPECT_NE(r.ToJson().find("\"decision\":\"Error\""), std::string::npos);
    SimulationResult next = simulator.Run(good);
    ASSERT_FALSE(next.is_error) << next.ToJson();
    EXPECT_EQ(next.decision, Decision::kAllow);
  }
  // The same through RunJsonl: one output line per case, in order.
  std::string text;
  for (const Case& c : bad) {
    if (c.line.find('\n') == std::string::npos) text += c.line + "\n" + good + "\n";
  }
  std::vector<std::string> out = simulator.RunJsonl(text);
  ASSERT_EQ(out.size(), 2 * bad.size());
  for (size_t i = 0; i < out.size(); i += 2) {
    EXPECT_NE(out[i].find("\"Error\""), std::string::npos) << out[i];
    EXPECT_NE(out[i + 1].find("\"Allow\""), std::string::npos) << out[i + 1];
  }
}

TEST(HostileSimulatorTest, ErrorInsideAPolicyLocatesTheCaseLine) {
  Simulator simulator;
  const std::string line =
      R"({"principal":"arn:aws:iam::1:user/u","action":"s3:GetObject","identity_policies":[)"
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Bogus":1}]}]})";
  SimulationResult r = simulator.Run(line);
  ASSERT_TRUE(r.is_error);
  EXPECT_EQ(r.error.kind, "unknown_element");
  EXPECT_EQ(r.error.path, "/identity_policies/0/Statement/0/Bogus");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.column, line.find("\"Bogus\"") + 1);
}

}  // namespace
}  // namespace iameval::hostile
