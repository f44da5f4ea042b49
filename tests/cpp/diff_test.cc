// Policy diff (iameval/diff.h): verdicts on hand-made and AWS managed policies, and every
// reported example re-checked here with CompiledPolicies::Decide().
#include "iameval/diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "iameval/managed_policies.h"
#include "test_policies.h"

namespace iameval {
namespace {

using testing::Named;
using testing::Managed;

using ::testing::Contains;
using ::testing::ElementsAre;

constexpr char kUser[] = "arn:aws:iam::111122223333:user/alice";

NamedPolicy Policy(const std::string& statements, PolicyKind kind = PolicyKind::kIdentity) {
  return Named("p", R"({"Version":"2012-10-17","Statement":[)" + statements + "]}", kind);
}

PolicyDiff Diff(const NamedPolicy& old_policy, const NamedPolicy& new_policy) {
  absl::StatusOr<PolicyDiff> diff = CheckNoNewAccess(old_policy, new_policy);
  EXPECT_TRUE(diff.ok()) << diff.status();
  return diff.ok() ? *std::move(diff) : PolicyDiff();
}

const ActionDiff* Change(const PolicyDiff& diff, std::string_view action) {
  for (const ActionDiff& c : diff.changes) {
    if (c.name == action) return &c;
  }
  return nullptr;
}

// Every example must really be allowed by NEW and not by OLD, for the sets given.
void ExpectExamplesHold(const PolicyDiff& diff, const PolicySet& old_set,
                        const PolicySet& new_set, const EffectiveOptions& options = {}) {
  auto old_compiled = CompiledPolicies::Compile(old_set, options.evaluator);
  auto new_compiled = CompiledPolicies::Compile(new_set, options.evaluator);
  ASSERT_TRUE(old_compiled.ok() && new_compiled.ok());
  for (const NewAccessExample& e : diff.counterexamples) {
    const RequestContext context = e.MakeContext();
    Request request;
    request.principal = e.principal;
    request.principal_parent_arn = options.principal_parent_arn;
    request.action = e.action;
    request.resource = e.resource;
    request.resource_account = options.resource_account;
    request.context = &context;
    EXPECT_EQ(*(*new_compiled)->Decide(request), Decision::kAllow) << e.action << " " << e.resource;
    if (!e.old_principal.empty()) request.principal = e.old_principal;
    EXPECT_NE(*(*old_compiled)->Decide(request), Decision::kAllow) << e.action << " " << e.resource;
  }
}

TEST(DiffTest, IdenticalPoliciesGrantNothingNew) {
  const NamedPolicy p = Managed("ReadOnlyAccess");
  const PolicyDiff diff = Diff(p, p);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNoNewAccess);
  EXPECT_TRUE(diff.changes.empty());
  EXPECT_TRUE(diff.counterexamples.empty());
}

TEST(DiffTest, NewAction) {
  const PolicyDiff diff =
      Diff(Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})"),
           Policy(R"({"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"})"));
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(diff.newly_allowed_names, ElementsAre("s3:PutObject"));
  EXPECT_EQ(diff.newly_allowed.Count(), 1u);
  ASSERT_EQ(diff.counterexamples.size(), 1u);
  EXPECT_EQ(diff.counterexamples[0].action, "s3:PutObject");
  EXPECT_EQ(diff.counterexamples[0].new_decision, Decision::kAllow);
  EXPECT_EQ(diff.counterexamples[0].old_decision, Decision::kImplicitDeny);
}

TEST(DiffTest, ResourceWidening) {
  const NamedPolicy old_policy =
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app/public/*"})");
  const NamedPolicy new_policy =
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app/*"})");
  const PolicyDiff diff = Diff(old_policy, new_policy);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  const ActionDiff* get = Change(diff, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->change, ActionChange::kWiderResources);
  EXPECT_THAT(get->new_resources, ElementsAre("arn:aws:s3:::app/*"));
  EXPECT_EQ(get->example_resource.rfind("arn:aws:s3:::app/", 0), 0u);
  EXPECT_NE(get->example_resource.rfind("arn:aws:s3:::app/public/", 0), 0u);
  // The other way round: narrower, nothing new.
  EXPECT_EQ(Diff(new_policy, old_policy).verdict, DiffVerdict::kNoNewAccess);
}

TEST(DiffTest, DroppedCondition) {
  const NamedPolicy conditional = Policy(R"({"Effect":"Allow","Action":"ec2:StartInstances",
      "Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}})");
  const NamedPolicy unconditional =
      Policy(R"({"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*"})");
  const PolicyDiff diff = Diff(conditional, unconditional);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  const ActionDiff* start = Change(diff, "ec2:StartInstances");
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(start->change, ActionChange::kWiderConditions);
  // Identical conditions cancel out; adding one narrows.
  EXPECT_EQ(Diff(conditional, conditional).verdict, DiffVerdict::kNoNewAccess);
  EXPECT_EQ(Diff(unconditional, conditional).verdict, DiffVerdict::kNoNewAccess);
}

TEST(DiffTest, ConditionsComparedByTextAreConservative) {
  // NEW's condition implies OLD's (`ab` is `a*`), but the diff compares conditions as written:
  // it cannot prove "no new access" and says so.
  const PolicyDiff diff = Diff(
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringLike":{"s3:prefix":"a*"}}})"),
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringEquals":{"s3:prefix":"ab"}}})"));
  EXPECT_EQ(diff.verdict, DiffVerdict::kMayGrantNewAccess);
  const ActionDiff* get = Change(diff, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->change, ActionChange::kMayBeWider);
  EXPECT_FALSE(get->reason.empty());
  EXPECT_TRUE(diff.counterexamples.empty());
  // A genuinely wider condition is proven with an example.
  const PolicyDiff wider = Diff(
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringEquals":{"s3:prefix":"ab"}}})"),
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringLike":{"s3:prefix":"a*"}}})"));
  EXPECT_EQ(wider.verdict, DiffVerdict::kNewAccess);
}

TEST(DiffTest, DenyStatements) {
  const NamedPolicy guarded = Policy(R"(
      {"Effect":"Allow","Action":"s3:*","Resource":"*"},
      {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"},
      {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"})");
  const NamedPolicy open = Policy(R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})");
  const PolicyDiff diff = Diff(guarded, open);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(diff.newly_allowed_names, Contains("s3:DeleteBucket"));
  const ActionDiff* get = Change(diff, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->change, ActionChange::kWiderResources);
  EXPECT_EQ(get->example_resource.rfind("arn:aws:s3:::secret/", 0), 0u);
  // Adding Denies never grants.
  EXPECT_EQ(Diff(open, guarded).verdict, DiffVerdict::kNoNewAccess);
}

TEST(DiffTest, NotActionAndNotResource) {
  const NamedPolicy not_iam =
      Policy(R"({"Effect":"Allow","NotAction":"iam:*","Resource":"*"})");
  const NamedPolicy not_secret =
      Policy(R"({"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"})");
  const PolicyDiff diff = Diff(not_iam, not_secret);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(diff.newly_allowed_names, Contains("iam:CreateUser"));
  EXPECT_EQ(Change(diff, "s3:GetObject"), nullptr);  // s3 was allowed everywhere already
  const PolicyDiff back = Diff(not_secret, not_iam);
  EXPECT_EQ(back.verdict, DiffVerdict::kNewAccess);
  const ActionDiff* get = Change(back, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->change, ActionChange::kWiderResources);
}

TEST(DiffTest, PolicyVariables) {
  const NamedPolicy home = Policy(R"({"Effect":"Allow","Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::home/${aws:username}/*"})");
  EXPECT_EQ(Diff(home, home).verdict, DiffVerdict::kNoNewAccess);
  const NamedPolicy all_homes =
      Policy(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/*"})");
  const PolicyDiff diff = Diff(home, all_homes);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  EXPECT_EQ(Diff(all_homes, home).verdict, DiffVerdict::kNoNewAccess);
}

TEST(DiffTest, ManagedPolicies) {
  const PolicyDiff wider = Diff(Managed("AmazonS3ReadOnlyAccess"), Managed("AmazonS3FullAccess"));
  EXPECT_EQ(wider.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(wider.newly_allowed_names, Contains("s3:PutObject"));
  EXPECT_THAT(wider.newly_allowed_names, Contains("s3:DeleteBucket"));
  EXPECT_EQ(Diff(Managed("AmazonS3FullAccess"), Managed("AmazonS3ReadOnlyAccess")).verdict,
            DiffVerdict::kNoNewAccess);

  const PolicyDiff admin = Diff(Managed("PowerUserAccess"), Managed("AdministratorAccess"));
  EXPECT_EQ(admin.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(admin.newly_allowed_names, Contains("iam:CreateUser"));
  EXPECT_EQ(Diff(Managed("AdministratorAccess"), Managed("PowerUserAccess")).verdict,
            DiffVerdict::kNoNewAccess);
  // ViewOnlyAccess is not inside ReadOnlyAccess: a few actions are only in the former.
  const PolicyDiff view = Diff(Managed("ReadOnlyAccess"), Managed("ViewOnlyAccess"));
  EXPECT_EQ(view.verdict, DiffVerdict::kNewAccess);
  EXPECT_THAT(view.newly_allowed_names, Contains("aws-marketplace:ViewSubscriptions"));
  EXPECT_LT(view.newly_allowed.Count(), 20u);
}

// "No new access" must survive sampling: whatever NEW allows among sampled requests, OLD
// allows too. The requests: every action NEW's policy names, example resources of the action
// and ones written in the policy. Returns the number of requests NEW allows.
size_t SampleNoNewAccess(const NamedPolicy& old_policy, const NamedPolicy& new_policy) {
  PolicySet old_set;
  old_set.identity.push_back(old_policy);
  PolicySet new_set;
  new_set.identity.push_back(new_policy);
  auto old_compiled = CompiledPolicies::Compile(old_set);
  auto new_compiled = CompiledPolicies::Compile(new_set);
  EXPECT_TRUE(old_compiled.ok() && new_compiled.ok());
  if (!old_compiled.ok() || !new_compiled.ok()) return 0;
  const Catalog& catalog = Catalog::Default();
  std::vector<std::string> resources = {"*"};
  for (const Statement& st : new_policy.policy->statements) {
    for (const LocatedString& r : st.resources) {
      std::string filled;
      for (char c : r.value) filled += c == '*' ? std::string("x1") : std::string(1, c);
      resources.push_back(filled);
    }
  }
  size_t checked = 0;
  for (const Statement& st : new_policy.policy->statements) {
    if (st.not_action || st.effect != Effect::kAllow) continue;
    for (const LocatedString& a : st.actions) {
      for (ActionId id : catalog.Expand(a.value).Ids()) {
        const std::string action = catalog.ActionName(id);
        const ActionInfo& info = catalog.Action(id);
        std::vector<std::string> candidates = resources;
        for (const ResourceTypeRef& ref : info.resource_types) {
          const ResourceTypeInfo* type = catalog.FindResourceType(info.service, ref.name);
          if (type == nullptr) continue;
          std::string r;
          for (size_t i = 0; i < type->arn_format.size(); ++i) {
            if (type->arn_format.compare(i, 2, "${") == 0) {
              const size_t close = type->arn_format.find('}', i);
              const std::string name = type->arn_format.substr(i + 2, close - i - 2);
              r += name == "Partition" ? "aws" : name == "Account" ? "111122223333" : "n1";
              i = close;
            } else {
              r += type->arn_format[i];
            }
          }
          candidates.push_back(r);
        }
        for (const std::string& resource : candidates) {
          Request request;
          request.principal = "arn:aws:iam::111122223333:user/iameval-diff";
          request.action = action;
          request.resource = resource;
          if (*(*new_compiled)->Decide(request) != Decision::kAllow) continue;
          ++checked;
          EXPECT_EQ(*(*old_compiled)->Decide(request), Decision::kAllow)
              << action << " " << resource;
        }
      }
    }
  }
  return checked;
}

TEST(DiffTest, NoNewAccessSurvivesSampling) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"AmazonS3FullAccess", "AmazonS3ReadOnlyAccess"},
      {"AdministratorAccess", "PowerUserAccess"},
      {"AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess"},
      {"PowerUserAccess", "AmazonSSMManagedInstanceCore"}};
  size_t checked = 0;
  for (const auto& [old_name, new_name] : pairs) {
    SCOPED_TRACE(old_name + " vs " + new_name);
    const PolicyDiff diff = Diff(Managed(old_name), Managed(new_name));
    ASSERT_EQ(diff.verdict, DiffVerdict::kNoNewAccess);
    checked += SampleNoNewAccess(Managed(old_name), Managed(new_name));
  }
  EXPECT_GT(checked, 1000u);
}

// Pairs of real managed policies (many with conditions and policy variables): every verdict
// is either backed by verified examples, or survives sampling, or is openly conservative.
TEST(DiffTest, ManagedPolicyPairs) {
  const std::vector<std::string> pool = {
      "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "IAMUserChangePassword",
      "IAMSelfManageServiceSpecificCredentials", "AWSCodeCommitPowerUser",
      "AWSCodeCommitReadOnly", "AmazonEC2ReadOnlyAccess", "AmazonSSMManagedInstanceCore",
      "AWSKeyManagementServicePowerUser", "AmazonDynamoDBReadOnlyAccess", "SecurityAudit",
      "AWSLambda_ReadOnlyAccess"};
  size_t counts[3] = {0, 0, 0};
  for (size_t i = 0; i < pool.size(); ++i) {
    for (size_t j = 0; j < pool.size(); ++j) {
      if ((i * 7 + j * 3) % 4 != 0) continue;  // a spread of about a quarter of the pairs
      SCOPED_TRACE(pool[i] + " vs " + pool[j]);
      const NamedPolicy old_policy = Managed(pool[i]);
      const NamedPolicy new_policy = Managed(pool[j]);
      const PolicyDiff diff = Diff(old_policy, new_policy);
      ++counts[static_cast<int>(diff.verdict)];
      switch (diff.verdict) {
        case DiffVerdict::kNoNewAccess:
          SampleNoNewAccess(old_policy, new_policy);
          break;
        case DiffVerdict::kNewAccess:
          EXPECT_FALSE(diff.counterexamples.empty());
          break;
        case DiffVerdict::kMayGrantNewAccess:
          EXPECT_TRUE(diff.counterexamples.empty());
          EXPECT_FALSE(diff.maybe_widened.Empty());
          break;
      }
      for (const ActionDiff& c : diff.changes) {
        EXPECT_EQ(c.change == ActionChange::kMayBeWider, !c.reason.empty()) << c.name;
      }
    }
  }
  std::printf("managed pairs: %zu no-new-access, %zu new-access, %zu may-grant\n", counts[0],
              counts[1], counts[2]);
  EXPECT_GT(counts[0], 0u);
  EXPECT_GT(counts[1], 0u);
}

TEST(DiffTest, PolicySetsForOnePrincipal) {
  PolicySet old_set;
  old_set.identity.push_back(Managed("AdministratorAccess"));
  old_set.scp_levels.push_back(
      {Policy(R"({"Effect":"Allow","Action":"*","Resource":"*"})", PolicyKind::kScp),
       Policy(R"({"Effect":"Deny","Action":"s3:*","Resource":"*",
                  "Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}})",
              PolicyKind::kScp)});
  PolicySet bounded = old_set;
  bounded.permission_boundary =
      Policy(R"({"Effect":"Allow","Action":"s3:*","Resource":"*"})",
             PolicyKind::kPermissionBoundary);
  absl::StatusOr<PolicyDiff> diff = CheckNoNewAccess(old_set, bounded, kUser);
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_EQ(diff->verdict, DiffVerdict::kNoNewAccess);

  PolicySet no_region_guard;
  no_region_guard.identity.push_back(Managed("AdministratorAccess"));
  no_region_guard.scp_levels.push_back(
      {Policy(R"({"Effect":"Allow","Action":"*","Resource":"*"})", PolicyKind::kScp)});
  diff = CheckNoNewAccess(old_set, no_region_guard, kUser);
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_EQ(diff->verdict, DiffVerdict::kNewAccess);
  const ActionDiff* get = Change(*diff, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->change, ActionChange::kWiderConditions);
  EXPECT_TRUE(diff->newly_allowed.Empty());
  ASSERT_FALSE(diff->counterexamples.empty());
  ExpectExamplesHold(*diff, old_set, no_region_guard);
  // Everything else was unchanged.
  for (const ActionDiff& c : diff->changes) {
    EXPECT_EQ(Catalog::Default().Action(c.action).service, "s3") << c.name;
  }
}

TEST(DiffTest, TwoPrincipals) {
  PolicySet reader;
  reader.identity.push_back(Managed("AmazonS3ReadOnlyAccess"));
  PolicySet writer;
  writer.identity.push_back(Managed("AmazonS3FullAccess"));
  DiffOptions options;
  options.old_principal = "arn:aws:iam::111122223333:user/bob";
  absl::StatusOr<PolicyDiff> diff = CheckNoNewAccess(reader, writer, kUser, options);
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_EQ(diff->verdict, DiffVerdict::kNewAccess);
  ASSERT_FALSE(diff->counterexamples.empty());
  EXPECT_EQ(diff->counterexamples[0].old_principal, "arn:aws:iam::111122223333:user/bob");
  ExpectExamplesHold(*diff, reader, writer);
}

TEST(DiffTest, ResourcePolicies) {
  const NamedPolicy account_only = Policy(R"({"Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::shared/*"})",
                                          PolicyKind::kResource);
  const NamedPolicy everyone = Policy(R"({"Effect":"Allow","Principal":"*",
      "Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"})",
                                      PolicyKind::kResource);
  const PolicyDiff diff = Diff(account_only, everyone);
  EXPECT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  bool anonymous = false;
  for (const NewAccessExample& e : diff.counterexamples) anonymous |= e.principal == "anonymous";
  EXPECT_TRUE(anonymous);
  EXPECT_EQ(Diff(everyone, account_only).verdict, DiffVerdict::kNoNewAccess);
  EXPECT_EQ(Diff(account_only, account_only).verdict, DiffVerdict::kNoNewAccess);

  // Trust policies: a new role is trusted.
  const NamedPolicy trust_a = Policy(R"({"Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::444455556666:role/ci"},"Action":"sts:AssumeRole"})",
                                     PolicyKind::kTrust);
  const NamedPolicy trust_ab = Policy(R"({"Effect":"Allow",
      "Principal":{"AWS":["arn:aws:iam::444455556666:role/ci",
                          "arn:aws:iam::444455556666:role/deploy"]},"Action":"sts:AssumeRole"})",
                                      PolicyKind::kTrust);
  const PolicyDiff trust = Diff(trust_a, trust_ab);
  EXPECT_EQ(trust.verdict, DiffVerdict::kNewAccess);
  ASSERT_FALSE(trust.counterexamples.empty());
  EXPECT_EQ(trust.counterexamples[0].principal,
            "arn:aws:sts::444455556666:assumed-role/deploy/iameval-diff");
  EXPECT_EQ(Diff(trust_ab, trust_a).verdict, DiffVerdict::kNoNewAccess);
}

// The two-policy form of a resource policy: every example carries the facts it was decided
// with (the stand-in resource account, the role behind a role session), and deciding it with
// exactly those facts, the policy placed as the diff places it, reproduces NEW Allow / OLD not.
TEST(DiffTest, ExamplesCarryTheirRequestFacts) {
  const NamedPolicy old_policy = Policy(R"({"Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sqs:SendMessage",
      "Resource":"*"})",
                                        PolicyKind::kResource);
  const NamedPolicy new_policy = Policy(R"({"Effect":"Allow",
      "Principal":{"AWS":["arn:aws:iam::444455556666:root",
                          "arn:aws:iam::555566667777:role/worker"]},
      "Action":"sqs:SendMessage","Resource":"*"})",
                                        PolicyKind::kResource);
  const PolicyDiff diff = Diff(old_policy, new_policy);
  ASSERT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  ASSERT_EQ(diff.counterexamples.size(), 1u);
  const NewAccessExample& e = diff.counterexamples[0];
  EXPECT_EQ(e.principal, "arn:aws:sts::555566667777:assumed-role/worker/iameval-diff");
  EXPECT_EQ(e.principal_parent_arn, "arn:aws:iam::555566667777:role/worker");
  EXPECT_EQ(e.old_principal_parent_arn, e.principal_parent_arn);
  EXPECT_EQ(e.resource_account, "999999999999");
  EXPECT_FALSE(e.principal_in_management_account);
  EXPECT_FALSE(e.resource_in_management_account);

  const NamedPolicy allow_all = Policy(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  PolicySet old_set, new_set;
  old_set.identity.push_back(allow_all);
  new_set.identity.push_back(allow_all);
  old_set.resource_policy = old_policy;
  new_set.resource_policy = new_policy;
  EffectiveOptions facts;  // exactly the example's facts
  facts.resource_account = e.resource_account;
  facts.principal_parent_arn = e.principal_parent_arn;
  ExpectExamplesHold(diff, old_set, new_set, facts);

  // Policy sets: the facts given are the facts carried.
  DiffOptions options;
  options.effective.resource_account = "111122223333";
  options.effective.principal_parent_arn = "arn:aws:iam::111122223333:role/app";
  options.effective.principal_in_management_account = true;
  PolicySet narrow, wide;
  narrow.identity.push_back(Policy(R"({"Effect":"Allow","Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::a/*"})"));
  wide.identity.push_back(Policy(R"({"Effect":"Allow","Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::*/*"})"));
  const absl::StatusOr<PolicyDiff> sets = CheckNoNewAccess(
      narrow, wide, "arn:aws:sts::111122223333:assumed-role/app/s", options);
  ASSERT_TRUE(sets.ok()) << sets.status();
  ASSERT_FALSE(sets->counterexamples.empty());
  for (const NewAccessExample& x : sets->counterexamples) {
    EXPECT_EQ(x.resource_account, "111122223333");
    EXPECT_EQ(x.principal_parent_arn, "arn:aws:iam::111122223333:role/app");
    EXPECT_TRUE(x.principal_in_management_account);
    EXPECT_FALSE(x.resource_in_management_account);
  }
}

// Example resources read like real ones: the ARN format of the action's own resource type, a
// real region and a 12-digit account for wildcard fields, filler only in the resource id.
TEST(DiffTest, ExampleResourcesArePlausible) {
  const NamedPolicy none = Policy(R"({"Effect":"Allow","Action":"iam:GetUser","Resource":"*"})");
  const NamedPolicy bucket = Policy(R"({"Effect":"Allow",
      "Action":["s3:GetObject","s3:GetBucketAcl"],
      "Resource":["arn:aws:s3:::bkt","arn:aws:s3:::bkt/*"]})");
  PolicyDiff diff = Diff(none, bucket);
  ASSERT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  const ActionDiff* acl = Change(diff, "s3:GetBucketAcl");
  const ActionDiff* object = Change(diff, "s3:GetObject");
  ASSERT_NE(acl, nullptr);
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(acl->example_resource, "arn:aws:s3:::bkt");
  EXPECT_EQ(object->example_resource, "arn:aws:s3:::bkt/iameval");
  for (const NewAccessExample& e : diff.counterexamples) {
    if (e.action == "s3:GetBucketAcl") {
      EXPECT_EQ(e.resource, "arn:aws:s3:::bkt");
    }
  }

  const NamedPolicy queues = Policy(R"({"Effect":"Allow","Action":"sqs:SendMessage",
      "Resource":"arn:aws:sqs:*:*:orders"})");
  diff = Diff(none, queues);
  ASSERT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  ASSERT_NE(Change(diff, "sqs:SendMessage"), nullptr);
  EXPECT_EQ(Change(diff, "sqs:SendMessage")->example_resource,
            "arn:aws:sqs:us-east-1:111122223333:orders");

  // No plausible resource: the exact construction stays (a bucket action on object ARNs).
  const NamedPolicy objects_only = Policy(R"({"Effect":"Allow","Action":"s3:GetBucketAcl",
      "Resource":"arn:aws:s3:::bkt/*"})");
  diff = Diff(none, objects_only);
  ASSERT_EQ(diff.verdict, DiffVerdict::kNewAccess);
  ASSERT_EQ(diff.counterexamples.size(), 1u);
  EXPECT_EQ(diff.counterexamples[0].resource.rfind("arn:aws:s3:::bkt/", 0), 0u);
}

TEST(DiffTest, KindsMustMatch) {
  EXPECT_FALSE(CheckNoNewAccess(Policy(R"({"Effect":"Allow","Action":"*","Resource":"*"})"),
                                Policy(R"({"Effect":"Allow","Action":"*","Resource":"*"})",
                                       PolicyKind::kScp))
                   .ok());
}

}  // namespace
}  // namespace iameval
