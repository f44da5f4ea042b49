// Decide() allocates nothing: the global operator new is counted around a batch of decisions
// on the benchmark workload's shape (variables, conditions, SCP, boundary).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "iameval/evaluator.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// The nothrow forms too: the standard library allocates with them (std::stable_sort's buffer)
// and frees with plain delete, and under AddressSanitizer the unreplaced forms would come from
// a different allocator (alloc-dealloc-mismatch).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace iameval {
namespace {

std::shared_ptr<const Policy> Parse(const char* json, PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult r = ParsePolicy(json, kind);
  EXPECT_TRUE(r.ok());
  return r.policy;
}

TEST(EvaluatorAllocationTest, DecideDoesNotAllocate) {
  PolicySet set;
  set.identity.push_back({"home", Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["s3:Get*","s3:List*"],
       "Resource":"arn:aws:s3:::corp/home/${aws:username}/*"},
      {"Effect":"Allow","Action":"s3:*","Resource":"*",
       "Condition":{"StringEquals":{"aws:PrincipalTag/team":["red","blue"]},
                    "IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
      {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})")});
  set.scp_levels.push_back({{"scp", Parse(R"({"Statement":[
      {"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","NotAction":["iam:*"],"Resource":"*",
       "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1"]}}}]})", PolicyKind::kScp)}});
  set.permission_boundary = NamedPolicy{"boundary", Parse(R"({"Statement":[
      {"Effect":"Allow","Action":"s3:*","Resource":"*"}]})", PolicyKind::kPermissionBoundary)};
  auto compiled = CompiledPolicies::Compile(set);
  ASSERT_TRUE(compiled.ok());
  RequestContext context;
  context.Set("aws:PrincipalTag/team", "red");
  context.Set("aws:SourceIp", "10.1.2.3");
  context.Set("aws:SecureTransport", "true");
  context.Set("aws:RequestedRegion", "us-east-1");
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::corp/home/alice/report.csv";
  request.context = &context;
  ASSERT_EQ(*(*compiled)->Decide(request), Decision::kAllow);  // warm up

  const long before = g_allocations.load();
  int allowed = 0;
  for (int i = 0; i < 1000; ++i) allowed += *(*compiled)->Decide(request) == Decision::kAllow;
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_EQ(allowed, 1000);
}

}  // namespace
}  // namespace iameval
