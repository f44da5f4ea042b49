// Effective permissions over the whole catalog (~22,000 actions): a principal holding the AWS
// managed AdministratorAccess under an SCP level with FullAWSAccess and guardrail Denies (leave
// the organization, stop/delete CloudTrail, a region Deny with a condition), and a principal
// with several real managed policies, a boundary and resource-scoped Denies.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "iameval/effective.h"
#include "iameval/managed_policies.h"

namespace iameval {
namespace {

NamedPolicy Named(const std::string& name, const std::string& json, PolicyKind kind) {
  ParseResult parsed = ParsePolicy(json, kind);
  if (!parsed.ok()) std::abort();
  return NamedPolicy{name, parsed.policy};
}

NamedPolicy Managed(const std::string& name) {
  const ManagedPolicy* policy = ManagedPolicies::Default().Find(name);
  if (policy == nullptr) std::abort();
  return Named(name, policy->document_json, PolicyKind::kIdentity);
}

PolicySet AdminUnderScp() {
  PolicySet set;
  set.identity.push_back(Managed("AdministratorAccess"));
  set.scp_levels.push_back(
      {Named("FullAWSAccess",
             R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
             PolicyKind::kScp),
       Named("guardrails", R"({"Version":"2012-10-17","Statement":[
          {"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"},
          {"Effect":"Deny","Action":["cloudtrail:Stop*","cloudtrail:Delete*"],"Resource":"*"},
          {"Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*","support:*"],
           "Resource":"*",
           "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}]})",
             PolicyKind::kScp)});
  return set;
}

PolicySet Developer() {
  PolicySet set;
  for (const char* name : {"PowerUserAccess", "ReadOnlyAccess", "AmazonS3FullAccess",
                           "AWSLambda_FullAccess", "AmazonDynamoDBFullAccess"}) {
    set.identity.push_back(Managed(name));
  }
  set.identity.push_back(Named("denies", R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Deny","Action":"s3:*","Resource":["arn:aws:s3:::prod-*","arn:aws:s3:::prod-*/*"]},
      {"Effect":"Deny","Action":"dynamodb:Delete*",
       "Resource":"arn:aws:dynamodb:*:*:table/prod-*"}]})",
                               PolicyKind::kIdentity));
  set.permission_boundary =
      Named("boundary", R"({"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
          {"Effect":"Allow","Action":["iam:Get*","iam:List*","iam:PassRole"],"Resource":"*"}]})",
            PolicyKind::kPermissionBoundary);
  return set;
}

void RunEffective(benchmark::State& state, const PolicySet& set) {
  size_t actions = 0;
  for (auto _ : state) {
    absl::StatusOr<EffectivePermissions> result =
        ComputeEffectivePermissions(set, "arn:aws:iam::111122223333:user/alice");
    if (!result.ok()) std::abort();
    actions = result->actions.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["actions"] = static_cast<double>(actions);
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(Catalog::Default().action_count()));
}

void BM_EffectiveAdminUnderScp(benchmark::State& state) {
  static const PolicySet* set = new PolicySet(AdminUnderScp());
  RunEffective(state, *set);
}
BENCHMARK(BM_EffectiveAdminUnderScp)->Unit(benchmark::kMillisecond);

// The same, timing the computation only: the result is destroyed with the clock stopped (since
// the per-action entries view per-group storage, destroying it is cheap: a few dozen groups,
// not the ~110,000 per-action heap blocks of the earlier owning structs).
void BM_EffectiveAdminUnderScpComputeOnly(benchmark::State& state) {
  static const PolicySet* set = new PolicySet(AdminUnderScp());
  for (auto _ : state) {
    absl::StatusOr<EffectivePermissions> result =
        ComputeEffectivePermissions(*set, "arn:aws:iam::111122223333:user/alice");
    if (!result.ok()) std::abort();
    state.PauseTiming();
    result = absl::StatusOr<EffectivePermissions>();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_EffectiveAdminUnderScpComputeOnly)->Unit(benchmark::kMillisecond);

void BM_EffectiveDeveloperWithBoundary(benchmark::State& state) {
  static const PolicySet* set = new PolicySet(Developer());
  RunEffective(state, *set);
}
BENCHMARK(BM_EffectiveDeveloperWithBoundary)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iameval
