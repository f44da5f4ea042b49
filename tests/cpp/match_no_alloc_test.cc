// The hot-path contract of cpp/src/match (spec §9, target ~250 ns per decision): once the
// policy side is compiled, matching a request value must not touch the heap. This binary
// replaces global operator new to count allocations around each call.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "gtest/gtest.h"
#include "match/arn.h"
#include "match/base64.h"
#include "match/date.h"
#include "match/glob.h"
#include "match/ip.h"
#include "match/number.h"
#include "match/policy_variables.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace iameval::internal {
namespace {

// A resolver over a fixed table: allocation-free, like the evaluator's context view.
class FixedResolver final : public VariableResolver {
 public:
  std::optional<std::string_view> Lookup(std::string_view key) const override {
    if (key == "aws:username") return std::string_view("alice");
    if (key == "aws:principalaccount") return std::string_view("111122223333");
    return std::nullopt;
  }
};

template <typename F>
long AllocationsDuring(F&& f) {
  const long before = g_allocations.load();
  f();
  return g_allocations.load() - before;
}

TEST(NoAllocationTest, MatchingDoesNotAllocate) {
  const FixedResolver resolver;
  const Glob glob = Glob::Compile("s3:get*object?", CaseMode::kAsciiInsensitive);
  TemplateOptions like;
  const PolicyTemplate tmpl = PolicyTemplate::Compile("home/${aws:username}/*", like);
  const ResourcePattern resource =
      ResourcePattern::Compile("arn:aws:s3:::bucket/${aws:username}/*", true);
  const ResourcePattern resource_static = ResourcePattern::Compile("arn:aws:s3:::bucket/*", true);
  const ResourcePattern resource_short = ResourcePattern::Compile("arn:aws:s3:*", true);
  const ArnConditionPattern arn_like =
      ArnConditionPattern::Compile("arn:aws:iam::${aws:PrincipalAccount}:role/*", true);
  const auto network = ParseIpNetwork("10.0.0.0/8");
  ASSERT_TRUE(network.has_value());
  const std::string policy_bytes = *DecodeBase64("Zm9vYmFy");
  const auto policy_number = Decimal::Parse("10.0");
  const auto policy_date = ParseDate("2020-01-01T00:00:00Z");
  ASSERT_TRUE(policy_number && policy_date);
  const std::string long_subject(4096, 'a');
  const std::string long_arn = "arn:aws:s3:::bucket/alice/" + long_subject;

  bool all = true;
  const long allocations = AllocationsDuring([&] {
    for (int i = 0; i < 100; ++i) {
      all &= glob.Matches("S3:GetObjectX");
      all &= !glob.Matches(long_subject);
      all &= tmpl.Match("home/alice/x", resolver) == MatchResult::kMatch;
      all &= tmpl.Match("home/bob/x", resolver) == MatchResult::kNoMatch;
      const ResourceValue request = ResourceValue::Parse(long_arn);
      all &= resource.Match(request, resolver) == MatchResult::kMatch;
      all &= resource_static.Match(request, resolver) == MatchResult::kMatch;
      all &= resource_short.Match(request, resolver) == MatchResult::kMatch;
      all &= resource.Match(ResourceValue::Parse("*"), resolver) == MatchResult::kNoMatch;
      all &= arn_like.Match("arn:aws:iam::111122223333:role/r", resolver) == MatchResult::kMatch;
      const auto address = ParseIpAddress("10.1.2.3");
      all &= address.has_value() && network->Contains(*address);
      all &= ParseIpAddress("2001:db8::1").has_value();
      all &= Base64DecodesTo("Zm9vYmFy", policy_bytes);
      const auto number = Decimal::Parse("+10.00");
      all &= number.has_value() && *number == *policy_number;
      const auto date = ParseDate("1700000000");
      all &= date.has_value() && *policy_date < *date;
      all &= ParseDate("2023-11-14T22:13:20.123+01:00").has_value();
    }
  });
  EXPECT_TRUE(all);
  EXPECT_EQ(allocations, 0);
}

TEST(NoAllocationTest, CounterWorks) {
  const long allocations = AllocationsDuring([] {
    auto* s = new std::string(100, 'x');
    delete s;
  });
  EXPECT_GE(allocations, 1);
}

}  // namespace
}  // namespace iameval::internal
