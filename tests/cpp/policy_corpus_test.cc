// Every real policy in ../shared/data parses. In lenient mode nothing is an error; in strict
// mode the only failures are the published samples that hold placeholders (`<action>`,
// `Bucket ARN`, `<my-corporate-cidr>`, an empty region list) or miss a Resource in an RCP, and the test names them
// so a new failure cannot hide among them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "iameval/policy.h"
#include "test_data.h"

namespace iameval {
namespace {

struct CorpusFile {
  const char* file;
  PolicyKind kind;
  size_t expected_documents;
};

PolicyKind KindOf(const CorpusFile& file, const nlohmann::json& line) {
  if (file.kind != PolicyKind::kResource || !line.contains("kind")) return file.kind;
  std::string label = line["kind"].get<std::string>();
  if (label == "role-trust") return PolicyKind::kTrust;
  if (label == "vpc-endpoint") return PolicyKind::kVpcEndpoint;
  return PolicyKind::kResource;
}

const CorpusFile kFiles[] = {
    {"aws-managed-policies.jsonl", PolicyKind::kIdentity, 1594},
    {"scp-examples.jsonl", PolicyKind::kScp, 158},
    {"rcp-examples.jsonl", PolicyKind::kRcp, 32},
    {"boundary-examples.jsonl", PolicyKind::kPermissionBoundary, 18},
    {"resource-policy-examples.jsonl", PolicyKind::kResource, 270},
};

TEST(PolicyCorpusTest, EveryDocumentParses) {
  const std::string dir = testing::SourcePath("../shared/data/");
  if (!testing::FileExists(dir + "scp-examples.jsonl")) GTEST_SKIP() << "no ../shared/data";
  // Samples that are not valid policies as published (placeholders in the source docs).
  const std::set<std::string> kKnownStrictFailures = {
      "aws-samples/data-perimeter-policy-examples/resource_control_policies/network_perimeter_sourcevpc_rcp.json",
      "aws-samples/data-perimeter-policy-examples/resource_control_policies/network_perimeter_vpceorgid_rcp.json",
      "aws-samples/data-perimeter-policy-examples/resource_control_policies/service_specific_controls/api_gateway_policy.json",
      "aws-samples/data-perimeter-policy-examples/resource_control_policies/service_specific_controls/sns_topic_policy.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/network_perimeter_sourcevpc_scp.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/network_perimeter_vpceorgid_scp.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/service_specific_controls/network_perimeter_ec2_scp.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/service_specific_controls/network_perimeter_glue_scp.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/service_specific_controls/network_perimeter_iam_users_scp.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/service_specific_controls/network_perimeter_lambda_scp.json",
      "aws-samples/resource-control-policy-examples/Service-specific-controls/S3-Prevent-long-term-presigned-url.json",
      "aws-samples/service-control-policy-examples/Protect-cloud-platform-resource/Deny-use-of-IAM-user-credentials-from-unexpected-networks.json",
      "aws-samples/resource-control-policy-examples/Limit-access-to-trusted-OIDC-identity-providers/Shared-Issuers.json",
      "awsdocs/amazon-s3-userguide/doc_source/MultiRegionAccessPointPermissions.md#MultiRegionAccessPointPolicyExamples[1]",
      "awsdocs/amazon-s3-userguide/doc_source/access-points-policies.md#access-points-delegating-control",
      "awsdocs/amazon-s3-userguide/doc_source/access-points-policies.md#access-points-cross-account",
      "awsdocs/amazon-s3-userguide/doc_source/grant-destinations-permissions-to-s3.md#sns-topic-policy",
      "awsdocs/amazon-s3-userguide/doc_source/olap-create.md#olap-create-cli",
      "awsdocs/amazon-s3-userguide/doc_source/ways-to-add-notification-config-to-bucket.md#step1-create-sqs-queue-for-notification[1]",
      "aws-samples/data-perimeter-policy-examples/vpc_endpoint_policies/s3_endpoint_policy.json",
      "aws-samples/data-perimeter-policy-examples/service_control_policies/resource_perimeter_scp.json",
      "awsdocs/aws-control-tower-guide/doc_source/data-residency-controls.md#primary-region-deny-policy",
  };
  size_t warnings = 0;
  std::set<std::string> strict_failures;
  for (const CorpusFile& file : kFiles) {
    size_t documents = 0;
    for (const std::string& text : testing::ReadJsonLines(dir + file.file)) {
      nlohmann::json line = nlohmann::json::parse(text);
      const std::string name = line["name"].get<std::string>();
      const std::string document = line["document"].is_string()
                                       ? line["document"].get<std::string>()
                                       : line["document"].dump();
      ++documents;
      ParseOptions lenient;
      lenient.strict = false;
      ParseResult relaxed = ParsePolicy(document, KindOf(file, line), lenient);
      EXPECT_TRUE(relaxed.ok()) << file.file << ": " << name << ": "
                                << (relaxed.diagnostics.empty()
                                        ? std::string()
                                        : FormatDiagnostic(relaxed.diagnostics[0]));
      for (const Diagnostic& d : relaxed.diagnostics) warnings += d.severity == Severity::kWarning;
      if (!ParsePolicy(document, KindOf(file, line)).ok()) strict_failures.insert(name);
    }
    EXPECT_EQ(documents, file.expected_documents) << file.file;
  }
  EXPECT_EQ(strict_failures, kKnownStrictFailures);
  // Lenient warnings are the strict failures' findings plus the operator-case and RCP-allow warnings.
  EXPECT_EQ(warnings, 31u);
}

}  // namespace
}  // namespace iameval
