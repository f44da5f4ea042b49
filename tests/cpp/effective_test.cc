// Effective permissions (iameval/effective.h): behaviour on the layer combinations of §7, and a
// cross-check against the evaluator: for principals built from real AWS managed policies,
// thousands of sampled requests are decided by CompiledPolicies::Decide() and by the effective
// result (EffectiveAllows() and the summary fields), which must agree on every one.
#include "iameval/effective.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "analysis/effective_universe.h"
#include "analysis/pattern_language.h"
#include "iameval/evaluator.h"
#include "iameval/managed_policies.h"
#include "match/arn.h"
#include "test_policies.h"

namespace iameval {
namespace {

using testing::Named;
using testing::Managed;

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr char kUser[] = "arn:aws:iam::111122223333:user/alice";
constexpr char kSession[] = "arn:aws:sts::111122223333:assumed-role/Dev/alice";

std::string Statements(const std::string& body) {
  return R"({"Version":"2012-10-17","Statement":[)" + body + "]}";
}

const EffectiveAction* Find(const EffectivePermissions& e, std::string_view action) {
  const std::optional<ActionId> id = Catalog::Default().FindAction(action);
  if (!id) return nullptr;
  for (const EffectiveAction& a : e.actions) {
    if (a.action == *id) return &a;
  }
  return nullptr;
}

EffectiveStatus StatusOf(const EffectivePermissions& e, std::string_view action) {
  const EffectiveAction* a = Find(e, action);
  return a == nullptr ? EffectiveStatus::kNotAllowed : a->status;
}

EffectivePermissions Compute(const PolicySet& set, std::string_view principal = kUser,
                             EffectiveOptions options = EffectiveOptions()) {
  absl::StatusOr<EffectivePermissions> e = ComputeEffectivePermissions(set, principal, options);
  EXPECT_TRUE(e.ok()) << e.status();
  return e.ok() ? *std::move(e) : EffectivePermissions();
}

bool Allows(const EffectivePermissions& e, std::string_view action, std::string_view resource,
            const RequestContext* context = nullptr) {
  Request request;
  request.principal = e.principal;
  request.action = action;
  request.resource = resource;
  request.context = context;
  absl::StatusOr<bool> allowed = EffectiveAllows(e, request);
  EXPECT_TRUE(allowed.ok()) << allowed.status();
  return allowed.ok() && *allowed;
}

// The SCP AWS Organizations attaches everywhere (not an IAM managed policy).
NamedPolicy FullAwsAccess() {
  return Named("FullAWSAccess", Statements(R"({"Effect":"Allow","Action":"*","Resource":"*"})"),
               PolicyKind::kScp);
}

// The AWS managed AdministratorAccess under an SCP level with FullAWSAccess and guardrails.
PolicySet AdminWithGuardrails() {
  PolicySet set;
  set.identity.push_back(Managed("AdministratorAccess"));
  set.scp_levels.push_back({
      FullAwsAccess(),
      Named("guardrails", Statements(R"(
        {"Sid":"NoLeaving","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"},
        {"Sid":"KeepTrail","Effect":"Deny","Action":["cloudtrail:Stop*","cloudtrail:Delete*"],
         "Resource":"*"},
        {"Sid":"Regions","Effect":"Deny",
         "NotAction":["iam:*","sts:*","organizations:*","support:*","cloudfront:*","route53:*"],
         "Resource":"*",
         "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}})"),
            PolicyKind::kScp)});
  return set;
}

TEST(EffectiveTest, AdministratorUnderScpGuardrails) {
  const EffectivePermissions e = Compute(AdminWithGuardrails());
  EXPECT_EQ(e.catalog_actions, Catalog::Default().action_count());
  EXPECT_EQ(e.partition, "aws");

  const EffectiveAction* leave = Find(e, "organizations:LeaveOrganization");
  ASSERT_NE(leave, nullptr);
  EXPECT_EQ(leave->status, EffectiveStatus::kDenied);
  EXPECT_EQ(leave->deciding_layer, Layer::kScp);
  EXPECT_EQ(leave->deciding_level, 0);
  EXPECT_EQ(leave->deciding_policy, "guardrails");
  EXPECT_EQ(leave->deciding_sid, "NoLeaving");
  EXPECT_EQ(StatusOf(e, "cloudtrail:StopLogging"), EffectiveStatus::kDenied);
  EXPECT_EQ(StatusOf(e, "cloudtrail:DeleteTrail"), EffectiveStatus::kDenied);
  EXPECT_TRUE(e.denied.Contains(*Catalog::Default().FindAction("cloudtrail:DeleteTrail")));

  // Global services are outside the region guardrail: allowed everywhere, unconditionally.
  const EffectiveAction* create_user = Find(e, "iam:CreateUser");
  ASSERT_NE(create_user, nullptr);
  EXPECT_EQ(create_user->status, EffectiveStatus::kAllowed);
  EXPECT_THAT(create_user->resources, ElementsAre("*"));
  EXPECT_EQ(create_user->deciding_layer, Layer::kIdentity);
  EXPECT_EQ(create_user->deciding_policy, "AdministratorAccess");
  EXPECT_TRUE(create_user->resources_exact);

  // Everything else: allowed unless the region condition of the Deny holds.
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowedConditionally);
  ASSERT_EQ(get->conditions.size(), 1u);
  EXPECT_EQ(get->conditions[0].effect, Effect::kDeny);
  EXPECT_EQ(get->conditions[0].key, "aws:RequestedRegion");
  EXPECT_EQ(get->conditions[0].operator_text, "StringNotEquals");
  EXPECT_THAT(get->conditions[0].values, ElementsAre("us-east-1", "eu-west-1"));
  EXPECT_EQ(get->conditions[0].layer, Layer::kScp);
  EXPECT_THAT(get->resources, ElementsAre("*"));
  EXPECT_FALSE(get->resources_exact);
  const EffectiveDetail& detail = e.details[get->detail];
  ASSERT_EQ(detail.denials.size(), 1u);
  EXPECT_EQ(detail.denials[0].sid, "Regions");

  RequestContext in_region;
  in_region.Set("aws:RequestedRegion", "eu-west-1");
  RequestContext elsewhere;
  elsewhere.Set("aws:RequestedRegion", "ap-south-1");
  EXPECT_TRUE(Allows(e, "s3:GetObject", "arn:aws:s3:::bkt/k", &in_region));
  EXPECT_FALSE(Allows(e, "s3:GetObject", "arn:aws:s3:::bkt/k", &elsewhere));
  EXPECT_FALSE(Allows(e, "s3:GetObject", "arn:aws:s3:::bkt/k"));  // absent key: denied

  // sts:GetCallerIdentity is allowed whatever the policies say.
  const EffectiveAction* who = Find(e, "sts:GetCallerIdentity");
  ASSERT_NE(who, nullptr);
  EXPECT_EQ(who->status, EffectiveStatus::kAllowed);
  EXPECT_EQ(who->deciding_layer, Layer::kImplicit);

  // Every action is allowed or denied, except KMS requests on keys and role assumption: key
  // policies and trust policies are mandatory (§7.4) and none is given.
  EXPECT_EQ(e.allowed.Count() + e.denied.Count(), e.actions.size());
  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions all = Compute(AdminWithGuardrails(), kUser, options);
  size_t not_allowed = 0;
  for (const EffectiveAction& a : all.actions) {
    if (a.status != EffectiveStatus::kNotAllowed) continue;
    ++not_allowed;
    const ActionInfo& info = Catalog::Default().Action(a.action);
    EXPECT_TRUE(info.service == "kms" || info.name.rfind("AssumeRole", 0) == 0)
        << info.FullName();
    EXPECT_EQ(a.deciding_layer, Layer::kResource);
  }
  EXPECT_EQ(e.actions.size() + not_allowed, e.catalog_actions);
  EXPECT_EQ(StatusOf(e, "kms:CreateAlias"), EffectiveStatus::kAllowedConditionally);
}

TEST(EffectiveTest, NotActionAllow) {
  PolicySet set;
  set.identity.push_back(Named("all-but-iam", Statements(R"(
      {"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"})")));
  const EffectivePermissions e = Compute(set);
  EXPECT_EQ(StatusOf(e, "s3:GetObject"), EffectiveStatus::kAllowed);
  EXPECT_EQ(StatusOf(e, "ec2:RunInstances"), EffectiveStatus::kAllowed);
  EXPECT_EQ(Find(e, "iam:CreateUser"), nullptr);  // kNotAllowed entries are not listed

  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions all = Compute(set, kUser, options);
  EXPECT_EQ(all.actions.size(), all.catalog_actions);
  const EffectiveAction* create = Find(all, "iam:CreateUser");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->status, EffectiveStatus::kNotAllowed);
  EXPECT_EQ(create->deciding_layer, Layer::kIdentity);
}

// A NotAction listing most of the catalog matches the few actions it leaves out: with `*` it
// matches none (spec §3.1). Found by the property tests (tests/python/test_properties.py):
// such an Allow was read as granting the listed actions, such a Deny as denying them.
TEST(EffectiveTest, NarrowNotActionMatchesTheComplement) {
  PolicySet allow_nothing;
  allow_nothing.identity.push_back(Named("not-action-star", Statements(R"(
      {"Effect":"Allow","NotAction":"*","Resource":"*"})")));
  // Only what no policy can take away (spec §7: sts:GetCallerIdentity) remains.
  const EffectivePermissions none = Compute(allow_nothing);
  ASSERT_EQ(none.actions.size(), 1u);
  EXPECT_EQ(Catalog::Default().ActionName(none.actions[0].action), "sts:GetCallerIdentity");

  PolicySet deny_nothing;
  deny_nothing.identity.push_back(Named("grant", Statements(R"(
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})")));
  deny_nothing.identity.push_back(Named("deny-not-star", Statements(R"(
      {"Effect":"Deny","NotAction":"*","Resource":"*"})")));
  EXPECT_EQ(StatusOf(Compute(deny_nothing), "s3:GetObject"), EffectiveStatus::kAllowed);

  // Every service but iam and sts is listed: far more than half the catalog.
  PolicySet only_iam;
  only_iam.identity.push_back(Named("grant-all", Statements(R"(
      {"Effect":"Allow","Action":"*","Resource":"*"})")));
  std::string listed;
  for (const ServiceInfo& service : Catalog::Default().services()) {
    if (service.prefix == "iam" || service.prefix == "sts") continue;
    listed += (listed.empty() ? "\"" : ",\"") + service.prefix + ":*\"";
  }
  only_iam.identity.push_back(Named("deny-all-but-iam", Statements(
      R"({"Effect":"Deny","NotAction":[)" + listed + R"(],"Resource":"*"})")));
  const EffectivePermissions e = Compute(only_iam);
  EXPECT_EQ(StatusOf(e, "iam:CreateUser"), EffectiveStatus::kDenied);
  EXPECT_EQ(StatusOf(e, "sts:AssumeRole"), EffectiveStatus::kDenied);
  EXPECT_EQ(StatusOf(e, "s3:GetObject"), EffectiveStatus::kAllowed);
}

TEST(EffectiveTest, ConditionalAndResourceLimitedDenies) {
  PolicySet set;
  set.identity.push_back(Named("s3", Statements(R"(
      {"Effect":"Allow","Action":"s3:*","Resource":"*"},
      {"Sid":"Mfa","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*",
       "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}},
      {"Sid":"Secret","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"},
      {"Sid":"AllBuckets","Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::*"},
      {"Sid":"AllS3","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:*"})")));
  const EffectivePermissions e = Compute(set);

  // A conditional Deny: never kAllowed, its condition shown.
  const EffectiveAction* del = Find(e, "s3:DeleteObject");
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->status, EffectiveStatus::kAllowedConditionally);
  ASSERT_EQ(del->conditions.size(), 1u);
  EXPECT_EQ(del->conditions[0].effect, Effect::kDeny);
  EXPECT_EQ(del->conditions[0].sid, "Mfa");
  RequestContext mfa;
  mfa.Set("aws:MultiFactorAuthPresent", "true");
  EXPECT_TRUE(Allows(e, "s3:DeleteObject", "arn:aws:s3:::b/k", &mfa));
  EXPECT_FALSE(Allows(e, "s3:DeleteObject", "arn:aws:s3:::b/k"));

  // A resource-limited Deny: excluded resources.
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_THAT(get->resources, ElementsAre("*"));
  EXPECT_THAT(get->excluded_resources, ElementsAre("arn:aws:s3:::secret/*"));
  EXPECT_TRUE(get->resources_exact);
  EXPECT_TRUE(Allows(e, "s3:GetObject", "arn:aws:s3:::public/k"));
  EXPECT_FALSE(Allows(e, "s3:GetObject", "arn:aws:s3:::secret/k"));

  // `arn:aws:s3:::*` covers every bucket object, but the catalog also lists access-point
  // objects (`arn:aws:s3:<region>:<account>:accesspoint/...`), which it does not cover.
  const EffectiveAction* put = Find(e, "s3:PutObject");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_THAT(put->excluded_resources, ElementsAre("arn:aws:s3:::*"));
  EXPECT_FALSE(Allows(e, "s3:PutObject", "arn:aws:s3:::b/k"));
  EXPECT_TRUE(Allows(e, "s3:PutObject",
                     "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k"));

  // `arn:aws:s3:*` reaches over the remaining fields: every S3 ARN.
  const EffectiveAction* del_bucket = Find(e, "s3:DeleteBucket");
  ASSERT_NE(del_bucket, nullptr);
  EXPECT_EQ(del_bucket->status, EffectiveStatus::kDenied);
  EXPECT_EQ(del_bucket->deciding_sid, "AllS3");

  // Other actions are untouched by these Denies, including wildcard-only ones.
  EXPECT_EQ(StatusOf(e, "s3:ListAllMyBuckets"), EffectiveStatus::kAllowed);
  EXPECT_EQ(StatusOf(e, "s3:ListBucket"), EffectiveStatus::kAllowed);
}

TEST(EffectiveTest, WildcardOnlyActionsNeedResourceStar) {
  PolicySet set;
  set.identity.push_back(Named("scoped", Statements(R"(
      {"Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:ListBucket"],
       "Resource":"arn:aws:s3:::*"})")));
  const EffectivePermissions e = Compute(set);
  // docs/semantics.md: only Resource "*" names the `*` of a wildcard-only action.
  EXPECT_EQ(StatusOf(e, "s3:ListAllMyBuckets"), EffectiveStatus::kNotAllowed);
  // Buckets yes, access points (also resources of s3:ListBucket) no.
  const EffectiveAction* list = Find(e, "s3:ListBucket");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_THAT(list->resources, ElementsAre("arn:aws:s3:::*"));
  EXPECT_TRUE(list->resources_exact);
}

TEST(EffectiveTest, BoundaryIntersection) {
  PolicySet set;
  set.identity.push_back(Named("id", Statements(R"(
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"},
      {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::a*/x"},
      {"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::a/*"},
      {"Effect":"Allow","Action":"iam:*","Resource":"*"})")));
  set.permission_boundary = Named("boundary", Statements(R"(
      {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::*"},
      {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::*b/x"},
      {"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"})"),
                                   PolicyKind::kPermissionBoundary);
  const EffectivePermissions e = Compute(set);

  // One includes the other: the narrower pattern is kept, exactly.
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_THAT(get->resources, ElementsAre("arn:aws:s3:::a/*"));
  EXPECT_TRUE(get->resources_exact);

  // PutObject: boundary `arn:aws:s3:::*` includes `a*/x`, so `a*/x` is what is allowed.
  const EffectiveAction* put = Find(e, "s3:PutObject");
  ASSERT_NE(put, nullptr);
  EXPECT_THAT(put->resources, ElementsAre("arn:aws:s3:::a*/x"));
  EXPECT_TRUE(put->resources_exact);

  // Disjoint layers: nothing allowed.
  EXPECT_EQ(StatusOf(e, "s3:DeleteObject"), EffectiveStatus::kNotAllowed);
  // The boundary does not allow IAM at all.
  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions all = Compute(set, kUser, options);
  const EffectiveAction* iam = Find(all, "iam:CreateUser");
  ASSERT_NE(iam, nullptr);
  EXPECT_EQ(iam->status, EffectiveStatus::kNotAllowed);
  EXPECT_EQ(iam->deciding_layer, Layer::kBoundary);
}

TEST(EffectiveTest, IncomparableIntersectionKeepsBothConstraints) {
  PolicySet set;
  set.identity.push_back(Named("id", Statements(R"(
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a*/x"})")));
  set.permission_boundary = Named("boundary", Statements(R"(
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*b/x"})"),
                                   PolicyKind::kPermissionBoundary);
  const EffectivePermissions e = Compute(set);
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_THAT(get->resources, ElementsAre("arn:aws:s3:::a*/x"));
  EXPECT_FALSE(get->resources_exact);  // the boundary's `*b/x` also applies
  const EffectiveDetail& detail = e.details[get->detail];
  ASSERT_EQ(detail.grant_paths.size(), 1u);
  EXPECT_EQ(detail.grant_paths[0].all_of.size(), 2u);  // identity and boundary
  EXPECT_TRUE(Allows(e, "s3:GetObject", "arn:aws:s3:::ab/x"));
  EXPECT_FALSE(Allows(e, "s3:GetObject", "arn:aws:s3:::ac/x"));
  EXPECT_FALSE(Allows(e, "s3:GetObject", "arn:aws:s3:::cb/x"));
}

TEST(EffectiveTest, SessionPolicy) {
  PolicySet set;
  set.identity.push_back(Managed("AdministratorAccess"));
  set.session_policies.push_back(Named("session", Statements(R"(
      {"Effect":"Allow","Action":"s3:Get*","Resource":"*"})"),
                                       PolicyKind::kSession));
  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions e = Compute(set, kSession, options);
  EXPECT_EQ(StatusOf(e, "s3:GetObject"), EffectiveStatus::kAllowed);
  const EffectiveAction* put = Find(e, "s3:PutObject");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->status, EffectiveStatus::kNotAllowed);
  EXPECT_EQ(put->deciding_layer, Layer::kSession);

  // The same set for an IAM user: the session policy does not apply.
  EXPECT_EQ(StatusOf(Compute(set), "s3:PutObject"), EffectiveStatus::kAllowed);

  // A federated-user session without a session policy has no permissions (§7.7).
  PolicySet bare;
  bare.identity.push_back(Managed("AdministratorAccess"));
  const EffectivePermissions fed =
      Compute(bare, "arn:aws:sts::111122223333:federated-user/bob", options);
  EXPECT_EQ(StatusOf(fed, "s3:GetObject"), EffectiveStatus::kNotAllowed);
  EXPECT_EQ(Find(fed, "s3:GetObject")->deciding_layer, Layer::kSession);
  EXPECT_EQ(StatusOf(fed, "sts:GetCallerIdentity"), EffectiveStatus::kAllowed);
}

TEST(EffectiveTest, ScpLevelWithoutAllowBlocks) {
  PolicySet set;
  set.identity.push_back(Managed("AdministratorAccess"));
  set.scp_levels.push_back({FullAwsAccess()});
  set.scp_levels.push_back({Named("ou", Statements(R"(
      {"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"})"),
                                  PolicyKind::kScp)});
  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions e = Compute(set, kUser, options);
  EXPECT_EQ(StatusOf(e, "s3:GetObject"), EffectiveStatus::kAllowed);
  const EffectiveAction* iam = Find(e, "iam:CreateUser");
  ASSERT_NE(iam, nullptr);
  EXPECT_EQ(iam->status, EffectiveStatus::kNotAllowed);
  EXPECT_EQ(iam->deciding_layer, Layer::kScp);
  EXPECT_EQ(iam->deciding_level, 1);

  // SCPs do not apply in the management account, nor to service-linked roles.
  options.principal_in_management_account = true;
  EXPECT_EQ(StatusOf(Compute(set, kUser, options), "iam:CreateUser"), EffectiveStatus::kAllowed);
  options.principal_in_management_account = false;
  EXPECT_EQ(StatusOf(Compute(set,
                             "arn:aws:sts::111122223333:assumed-role/"
                             "AWSServiceRoleForSupport/s",
                             options),
                     "iam:CreateUser"),
            EffectiveStatus::kAllowed);
}

TEST(EffectiveTest, RootUserRules) {
  PolicySet set;  // no identity policies at all
  set.scp_levels.push_back({FullAwsAccess(),
                            Named("deny", Statements(R"(
      {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"})"),
                                  PolicyKind::kScp)});
  EffectiveOptions options;
  options.include_not_allowed = true;
  const EffectivePermissions e = Compute(set, "arn:aws:iam::111122223333:root", options);
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowed);
  EXPECT_EQ(get->deciding_layer, Layer::kImplicit);
  EXPECT_EQ(StatusOf(e, "s3:DeleteBucket"), EffectiveStatus::kDenied);
  // The root user cannot assume roles.
  EXPECT_EQ(StatusOf(e, "sts:AssumeRole"), EffectiveStatus::kNotAllowed);
  // KMS keys need the key policy: decrypting (keys only) is not allowed without one...
  EXPECT_EQ(StatusOf(e, "kms:Decrypt"), EffectiveStatus::kNotAllowed);
  // ...while an action on aliases and keys is allowed on the aliases only.
  const EffectiveAction* alias = Find(e, "kms:CreateAlias");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_TRUE(Allows(e, "kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:alias/a"));
  EXPECT_FALSE(Allows(e, "kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:key/k"));
  EXPECT_THAT(alias->excluded_resources, ElementsAre("arn:*:*:*:*:key/*"));
}

TEST(EffectiveTest, SameAccountResourcePolicy) {
  PolicySet set;
  set.resource_policy = Named("bucket", Statements(R"(
      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
       "Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"},
      {"Effect":"Allow","Principal":{"AWS":"111122223333"},
       "Action":"s3:PutObject","Resource":"arn:aws:s3:::shared/*"},
      {"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
       "Resource":"arn:aws:s3:::shared/private/*"})"),
                              PolicyKind::kResource);
  set.permission_boundary = Named("boundary", Statements(R"(
      {"Effect":"Allow","Action":"ec2:*","Resource":"*"})"),
                                   PolicyKind::kPermissionBoundary);
  const EffectivePermissions e = Compute(set);
  // A grant to the user itself is not cut by the boundary (§7.4, §7.6).
  const EffectiveAction* get = Find(e, "s3:GetObject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->status, EffectiveStatus::kAllowedOnSomeResources);
  EXPECT_EQ(get->deciding_layer, Layer::kResource);
  EXPECT_THAT(get->resources, ElementsAre("arn:aws:s3:::shared/*"));
  EXPECT_THAT(get->excluded_resources, ElementsAre("arn:aws:s3:::shared/private/*"));
  EXPECT_TRUE(get->resources_exact);
  // An account grant only delegates to the identity policies, which allow nothing here.
  EXPECT_EQ(StatusOf(e, "s3:PutObject"), EffectiveStatus::kNotAllowed);
}

TEST(EffectiveTest, RejectsBadPrincipal) {
  PolicySet set;
  EXPECT_FALSE(ComputeEffectivePermissions(set, "not a principal").ok());
}


// --- Cross-check against the evaluator ----------------------------------------------------

struct Subject {
  std::string name;
  PolicySet set;
  std::string principal;
  EffectiveOptions options;
};

std::vector<Subject> Subjects() {
  std::vector<Subject> subjects;
  {
    Subject s{"readonly-user", {}, kUser, {}};
    s.set.identity.push_back(Managed("ReadOnlyAccess"));
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"poweruser-with-boundary", {}, kUser, {}};
    s.set.identity.push_back(Managed("PowerUserAccess"));
    s.set.identity.push_back(Managed("AmazonS3FullAccess"));
    s.set.identity.push_back(Named("denies", Statements(R"(
        {"Effect":"Deny","Action":"s3:*","Resource":["arn:aws:s3:::prod-*","arn:aws:s3:::prod-*/*"]},
        {"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*",
         "Condition":{"StringNotEquals":{"aws:ResourceTag/owner":"${aws:username}"}}})")));
    s.set.permission_boundary = Named("boundary", Statements(R"(
        {"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
        {"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"})"),
                                      PolicyKind::kPermissionBoundary);
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"admin-session-under-scps", {}, kSession, {}};
    s.options.principal_parent_arn = "arn:aws:iam::111122223333:role/team/Dev";
    s.set.identity.push_back(Managed("AdministratorAccess"));
    s.set.scp_levels.push_back({FullAwsAccess(), Named("guardrails", Statements(R"(
        {"Effect":"Deny","NotAction":["iam:*","sts:*","support:*"],"Resource":"*",
         "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}},
        {"Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::audit-*",
         "Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin/*"}}})"),
                                                           PolicyKind::kScp)});
    s.set.scp_levels.push_back({Named("ou", Statements(R"(
        {"Effect":"Allow","Action":["s3:*","ec2:*","iam:*","sts:*","kms:*","dynamodb:*"],
         "Resource":"*"})"),
                                      PolicyKind::kScp)});
    s.set.session_policies.push_back(Managed("AmazonS3ReadOnlyAccess", PolicyKind::kSession));
    s.set.session_policies.push_back(Managed("AmazonEC2ReadOnlyAccess", PolicyKind::kSession));
    s.set.session_policies.push_back(Named("session-extra", Statements(R"(
        {"Effect":"Allow","Action":["s3:PutObject","dynamodb:PutItem"],
         "Resource":["arn:aws:s3:::uploads/*","arn:aws:dynamodb:*:*:table/app-*"]})"),
                                           PolicyKind::kSession));
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"conditional-managed-user", {}, kUser, {}};
    for (const char* name : {"IAMUserChangePassword", "IAMSelfManageServiceSpecificCredentials",
                             "AmazonEC2FullAccess", "AWSCodeCommitPowerUser",
                             "AWSKeyManagementServicePowerUser", "AmazonSSMManagedInstanceCore"}) {
      s.set.identity.push_back(Managed(name));
    }
    s.set.identity.push_back(Named("tags", Statements(R"(
        {"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],
         "Resource":"arn:aws:dynamodb:*:*:table/${aws:PrincipalTag/team}-*"},
        {"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*",
         "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},
                      "ForAnyValue:StringLike":{"aws:TagKeys":["env*"]}}},
        {"Effect":"Deny","Action":"ec2:*","Resource":"*",
         "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}})")));
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"root-under-scp", {}, "arn:aws:iam::111122223333:root", {}};
    s.set.scp_levels.push_back({FullAwsAccess(), Named("deny", Statements(R"(
        {"Effect":"Deny","Action":["s3:DeleteBucket","ec2:*"],"Resource":"*",
         "Condition":{"StringEquals":{"aws:RequestedRegion":"ap-south-1"}}},
        {"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::*:role/protected/*"})"),
                                                           PolicyKind::kScp)});
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"resource-policy-user", {}, kUser, {}};
    s.set.identity.push_back(Managed("AmazonEC2ReadOnlyAccess"));
    s.set.resource_policy = Named("bucket-and-key", Statements(R"(
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},
         "Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::shared/*"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
         "Action":["kms:*","s3:ListBucket"],"Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::shared/locked/*",
         "Condition":{"Bool":{"aws:SecureTransport":"false"}}})"),
                                     PolicyKind::kResource);
    s.set.identity.push_back(Named("kms", Statements(R"(
        {"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:CreateAlias"],"Resource":"*"})")));
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"federated-with-session", {}, "arn:aws:sts::111122223333:federated-user/bob", {}};
    s.options.principal_parent_arn = "arn:aws:iam::111122223333:user/bob";
    s.set.identity.push_back(Managed("PowerUserAccess"));
    s.set.session_policies.push_back(Managed("AmazonS3ReadOnlyAccess", PolicyKind::kSession));
    s.set.session_policies.push_back(Managed("AWSLambda_FullAccess", PolicyKind::kSession));
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"cross-account-role", {}, kSession, {}};
    s.options.resource_account = "444455556666";
    s.set.identity.push_back(Managed("AmazonS3FullAccess"));
    s.set.identity.push_back(Managed("AmazonDynamoDBFullAccess"));
    s.set.resource_policy = Named("bucket", Statements(R"(
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Dev"},
         "Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::partner/*",
         "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}},
        {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket",
         "Resource":"arn:aws:s3:::partner"})"),
                              PolicyKind::kResource);
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"anonymous-with-rcp", {}, "anonymous", {}};
    s.options.resource_account = "111122223333";
    s.set.resource_policy = Named("public-bucket", Statements(R"(
        {"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],
         "Resource":["arn:aws:s3:::site","arn:aws:s3:::site/*"],
         "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}},
        {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*"},
        {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},
         "Action":"s3:DeleteObject","Resource":"*"})"),
                                  PolicyKind::kResource);
    s.set.rcp_levels.push_back({Named("rcp", Statements(R"(
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"Bool":{"aws:SecureTransport":"false"}}})"),
                                      PolicyKind::kRcp)});
    subjects.push_back(std::move(s));
  }
  {
    Subject s{"service-with-endpoint-policy", {}, "lambda.amazonaws.com", {}};
    s.options.resource_account = "111122223333";
    s.set.resource_policy = Named("queue", Statements(R"(
        {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
         "Action":["sqs:SendMessage","sqs:ReceiveMessage","s3:PutObject"],"Resource":"*",
         "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:lambda:*:111122223333:function:*"}}})"),
                                  PolicyKind::kResource);
    s.set.vpc_endpoint_policy = Named("endpoint", Statements(R"(
        {"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","Action":"sqs:ReceiveMessage",
         "Resource":"arn:aws:sqs:*:*:private-*"})"),
                                      PolicyKind::kVpcEndpoint);
    subjects.push_back(std::move(s));
  }
  return subjects;
}

// Condition keys and candidate values from every policy of a subject.
struct ContextSpace {
  std::map<std::string, std::vector<std::string>> values;  // key -> candidates
};

std::string FillWildcards(const std::string& pattern, const std::string& star) {
  std::string out;
  for (char c : pattern) {
    if (c == '*') {
      out += star;
    } else if (c == '?') {
      out += 'q';
    } else {
      out += c;
    }
  }
  return out;
}

void CollectPolicy(const NamedPolicy& named, ContextSpace& space,
                   std::vector<std::string>& resource_values) {
  if (named.policy == nullptr) return;
  for (const Statement& st : named.policy->statements) {
    for (const LocatedString& r : st.resources) resource_values.push_back(r.value);
    for (const Condition& c : st.conditions) {
      std::vector<std::string>& candidates = space.values[c.key.value];
      for (const LocatedString& v : c.values) {
        candidates.push_back(FillWildcards(v.value, "x"));
        candidates.push_back(FillWildcards(v.value, ""));
        const size_t slash = v.value.find('/');
        if (c.op.op == ConditionOperator::kIpAddress || c.op.op == ConditionOperator::kNotIpAddress) {
          candidates.push_back(v.value.substr(0, slash) == v.value ? v.value
                                                                     : v.value.substr(0, slash));
          candidates.push_back("203.0.113.9");
        }
      }
      candidates.push_back("true");
      candidates.push_back("false");
      candidates.push_back("other-value");
    }
  }
}

void Collect(const PolicySet& set, ContextSpace& space, std::vector<std::string>& resources) {
  for (const NamedPolicy& p : set.identity) CollectPolicy(p, space, resources);
  for (const auto& level : set.scp_levels) {
    for (const NamedPolicy& p : level) CollectPolicy(p, space, resources);
  }
  for (const NamedPolicy& p : set.session_policies) CollectPolicy(p, space, resources);
  if (set.permission_boundary) CollectPolicy(*set.permission_boundary, space, resources);
  if (set.resource_policy) CollectPolicy(*set.resource_policy, space, resources);
  if (set.vpc_endpoint_policy) CollectPolicy(*set.vpc_endpoint_policy, space, resources);
  for (const auto& level : set.rcp_levels) {
    for (const NamedPolicy& p : level) CollectPolicy(p, space, resources);
  }
  space.values["aws:RequestedRegion"] = {"us-east-1", "eu-west-1", "ap-south-1"};
  space.values["aws:PrincipalTag/team"] = {"red", "blue"};
}

// A resource of `format` with placeholders filled.
std::string FromFormat(const std::string& format, std::mt19937& rng,
                       const std::vector<std::string>& tokens) {
  static const std::vector<std::string> kRegions = {"us-east-1", "eu-west-1", "ap-south-1"};
  static const std::vector<std::string> kAccounts = {"111122223333", "444455556666"};
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    if (format.compare(i, 2, "${") == 0) {
      const size_t close = format.find('}', i);
      const std::string name = format.substr(i + 2, close - i - 2);
      if (name == "Partition") {
        out += "aws";
      } else if (name == "Region") {
        out += kRegions[rng() % kRegions.size()];
      } else if (name == "Account") {
        out += kAccounts[rng() % kAccounts.size()];
      } else {
        out += tokens[rng() % tokens.size()];
      }
      i = close + 1;
    } else if (format[i] == '*') {
      out += tokens[rng() % tokens.size()];
      ++i;
    } else {
      out += format[i++];
    }
  }
  return out;
}

struct CrossCheckCounts {
  size_t requests = 0;
  size_t allowed = 0;
  size_t summary_checked = 0;
};

void CrossCheck(const Subject& subject, std::mt19937& rng, CrossCheckCounts& counts) {
  SCOPED_TRACE(subject.name);
  EffectiveOptions options = subject.options;
  options.include_not_allowed = true;
  absl::StatusOr<EffectivePermissions> effective =
      ComputeEffectivePermissions(subject.set, subject.principal, options);
  ASSERT_TRUE(effective.ok()) << effective.status();
  ASSERT_EQ(effective->actions.size(), Catalog::Default().action_count());
  absl::StatusOr<std::shared_ptr<const CompiledPolicies>> compiled =
      CompiledPolicies::Compile(subject.set, options.evaluator);
  ASSERT_TRUE(compiled.ok()) << compiled.status();

  ContextSpace space;
  std::vector<std::string> policy_resources;
  Collect(subject.set, space, policy_resources);
  std::vector<std::string> tokens = {"x1", "prod-x", "app-1", "audit-log", "shared", "uploads",
                                     "secret", "partner", "team/dev", "locked/a", "red-t"};

  // Actions: a few from every distinct decision formula, and random ones.
  const Catalog& catalog = Catalog::Default();
  std::map<uint32_t, std::vector<ActionId>> by_detail;
  for (const EffectiveAction& a : effective->actions) by_detail[a.detail].push_back(a.action);
  std::vector<ActionId> actions;
  for (auto& [detail, ids] : by_detail) {
    std::shuffle(ids.begin(), ids.end(), rng);
    for (size_t i = 0; i < ids.size() && i < 4; ++i) actions.push_back(ids[i]);
  }
  for (int i = 0; i < 60; ++i) actions.push_back(static_cast<ActionId>(rng() % catalog.action_count()));

  internal::analysis::UniverseTable universes(catalog, "aws");
  for (ActionId id : actions) {
    const ActionInfo& info = catalog.Action(id);
    const std::string action_name = info.FullName();  // Request borrows it
    const EffectiveAction& entry = effective->actions[id];
    ASSERT_EQ(entry.action, id);
    std::vector<std::string> resources;
    const internal::analysis::Universe& universe = universes.universe(universes.IdOf(id));
    if (universe.wildcard_only) {
      resources.push_back("*");
    } else {
      for (int k = 0; k < 3; ++k) {
        resources.push_back(
            FromFormat(universe.formats[rng() % universe.formats.size()], rng, tokens));
      }
      // Resources written in the policies, when they are resources of this action.
      for (const std::string& value : policy_resources) {
        for (const char* star : {"x1", "prod-x/k", ""}) {
          std::string r = FillWildcards(value, star);
          const size_t var = r.find("${aws:username}");
          if (var != std::string::npos) r.replace(var, 15, "alice");
          if (internal::LanguageContains(universe.language, r)) resources.push_back(r);
        }
      }
      std::shuffle(resources.begin(), resources.end(), rng);
      if (resources.size() > 6) resources.resize(6);
    }
    for (const std::string& resource : resources) {
      for (int c = 0; c < 4; ++c) {
        RequestContext context;
        for (const auto& [key, candidates] : space.values) {
          if (rng() % 3 == 0) continue;  // absent
          const std::string& v = candidates[rng() % candidates.size()];
          if (rng() % 4 == 0) {
            context.SetList(key, {v, candidates[rng() % candidates.size()]});
          } else {
            context.Set(key, v);
          }
        }
        Request request;
        request.principal = subject.principal;
        request.principal_parent_arn = subject.options.principal_parent_arn;
        request.action = action_name;
        request.resource = resource;
        request.resource_account = subject.options.resource_account;
        request.context = &context;
        absl::StatusOr<Decision> decision = (*compiled)->Decide(request);
        ASSERT_TRUE(decision.ok()) << decision.status();
        absl::StatusOr<bool> allows = EffectiveAllows(*effective, request);
        ASSERT_TRUE(allows.ok()) << allows.status();
        const bool decided_allow = *decision == Decision::kAllow;
        ++counts.requests;
        counts.allowed += decided_allow ? 1 : 0;
        ASSERT_EQ(decided_allow, *allows)
            << info.FullName() << " on " << resource << ": Decide says "
            << DecisionName(*decision) << ", effective status "
            << EffectiveStatusName(entry.status);
        // The summary alone.
        switch (entry.status) {
          case EffectiveStatus::kAllowed:
            EXPECT_TRUE(decided_allow) << info.FullName() << " " << resource;
            break;
          case EffectiveStatus::kDenied:
          case EffectiveStatus::kNotAllowed:
            EXPECT_FALSE(decided_allow) << info.FullName() << " " << resource;
            break;
          case EffectiveStatus::kAllowedOnSomeResources: {
            if (!entry.resources_exact) break;
            // Values with policy variables are resolved per request: checked by
            // EffectiveAllows() above, not here.
            auto has_variables = [](const std::vector<std::string>& patterns) {
              return std::any_of(patterns.begin(), patterns.end(), [](const std::string& p) {
                return p.find("${") != std::string::npos;
              });
            };
            if (has_variables(entry.resources) || has_variables(entry.excluded_resources)) break;
            auto matches_any = [&](const std::vector<std::string>& patterns) {
              for (const std::string& p : patterns) {
                const internal::ResourcePattern pattern = internal::ResourcePattern::Compile(p, true);
                if (pattern.Match(internal::ResourceValue::Parse(resource),
                                  internal::EmptyVariableResolver()) ==
                    internal::MatchResult::kMatch) {
                  return true;
                }
              }
              return false;
            };
            ++counts.summary_checked;
            EXPECT_EQ(decided_allow,
                      matches_any(entry.resources) && !matches_any(entry.excluded_resources))
                << info.FullName() << " " << resource;
            break;
          }
          case EffectiveStatus::kAllowedConditionally:
            break;
        }
      }
    }
  }
}

TEST(EffectiveCrossCheckTest, AgreesWithTheEvaluatorOnSampledRequests) {
  std::mt19937 rng(20240601);
  CrossCheckCounts counts;
  for (const Subject& subject : Subjects()) {
    CrossCheck(subject, rng, counts);
    if (HasFatalFailure()) return;
  }
  std::printf("cross-check: %zu requests, %zu allowed by Decide(), %zu summary checks\n",
              counts.requests, counts.allowed, counts.summary_checked);
  EXPECT_GT(counts.requests, 5000u);
  EXPECT_GT(counts.allowed, 500u);
  EXPECT_GT(counts.requests - counts.allowed, 500u);
}

}  // namespace
}  // namespace iameval
