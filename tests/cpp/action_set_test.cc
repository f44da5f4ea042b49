// ActionSet: membership, ranges, the set-algebra laws, and mixed universe sizes.
#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "iameval/catalog.h"

namespace iameval {
namespace {

// A set of `size` with each id present with probability 1/`one_in`, and its reference copy.
ActionSet RandomSet(size_t size, unsigned one_in, std::mt19937& rng, std::set<ActionId>* ref) {
  ActionSet set(size);
  for (ActionId id = 0; id < size; ++id) {
    if (rng() % one_in == 0) {
      set.Insert(id);
      if (ref != nullptr) ref->insert(id);
    }
  }
  return set;
}

std::vector<ActionId> Ids(const std::set<ActionId>& ref) { return {ref.begin(), ref.end()}; }

TEST(ActionSetTest, EmptySet) {
  const ActionSet set(100);
  EXPECT_EQ(set.universe_size(), 100u);
  EXPECT_EQ(set.Count(), 0u);
  EXPECT_TRUE(set.Empty());
  EXPECT_TRUE(set.Ids().empty());
  EXPECT_FALSE(set.Contains(0));
  EXPECT_FALSE(set.Contains(1000));  // beyond the universe: simply absent
  EXPECT_TRUE(ActionSet().Empty());
}

TEST(ActionSetTest, InsertEraseContainsAtWordBoundaries) {
  ActionSet set(130);
  for (ActionId id : {0u, 63u, 64u, 127u, 128u, 129u}) set.Insert(id);
  set.Insert(64);  // again: no change
  EXPECT_EQ(set.Count(), 6u);
  EXPECT_EQ(set.Ids(), (std::vector<ActionId>{0, 63, 64, 127, 128, 129}));
  EXPECT_TRUE(set.Contains(63));
  EXPECT_FALSE(set.Contains(62));
  set.Erase(63);
  set.Erase(62);    // absent: no change
  set.Erase(5000);  // beyond the universe: no change
  EXPECT_FALSE(set.Contains(63));
  EXPECT_EQ(set.Count(), 5u);
  EXPECT_FALSE(set.Empty());
  EXPECT_EQ(set.universe_size(), 130u);
}

TEST(ActionSetTest, InsertAllFillsExactlyTheUniverse) {
  for (size_t size : {0u, 1u, 63u, 64u, 65u, 130u, 22091u}) {
    ActionSet set(size);
    set.InsertAll();
    EXPECT_EQ(set.Count(), size);
    EXPECT_FALSE(set.Contains(static_cast<ActionId>(size)));
    const std::vector<ActionId> ids = set.Ids();
    ASSERT_EQ(ids.size(), size);
    for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], i);
    // Complement of everything is empty: the padding bits stay clear.
    EXPECT_TRUE((set - set).Empty());
    ActionSet none(size);
    EXPECT_EQ(set - none, set);
  }
}

TEST(ActionSetTest, InsertRangeMatchesSingleInserts) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    const ActionId a = rng() % 300;
    const ActionId b = rng() % 300;
    ActionSet by_range = RandomSet(300, 5, rng, nullptr);
    ActionSet by_insert = by_range;
    by_range.InsertRange(a, b);
    for (ActionId id = a; id < b; ++id) by_insert.Insert(id);
    ASSERT_EQ(by_range, by_insert) << a << ".." << b;
    ASSERT_EQ(by_range.Count(), by_insert.Count());
  }
}

TEST(ActionSetTest, IdsAreAscendingAndMatchAReference) {
  std::mt19937 rng(1);
  std::set<ActionId> ref;
  const ActionSet set = RandomSet(5000, 3, rng, &ref);
  EXPECT_EQ(set.Ids(), Ids(ref));
  EXPECT_EQ(set.Count(), ref.size());
}

TEST(ActionSetTest, OperatorsMatchAReference) {
  std::mt19937 rng(2);
  std::set<ActionId> ra;
  std::set<ActionId> rb;
  const ActionSet a = RandomSet(1000, 3, rng, &ra);
  const ActionSet b = RandomSet(1000, 4, rng, &rb);
  std::set<ActionId> r_union = ra;
  r_union.insert(rb.begin(), rb.end());
  std::set<ActionId> r_inter;
  std::set<ActionId> r_diff;
  for (ActionId id : ra) (rb.count(id) ? r_inter : r_diff).insert(id);
  EXPECT_EQ((a | b).Ids(), Ids(r_union));
  EXPECT_EQ((a & b).Ids(), Ids(r_inter));
  EXPECT_EQ((a - b).Ids(), Ids(r_diff));
}

TEST(ActionSetTest, AlgebraLaws) {
  std::mt19937 rng(3);
  constexpr size_t kSize = 1000;
  ActionSet all(kSize);
  all.InsertAll();
  const ActionSet empty(kSize);
  for (int round = 0; round < 20; ++round) {
    const ActionSet a = RandomSet(kSize, 2 + round % 5, rng, nullptr);
    const ActionSet b = RandomSet(kSize, 3, rng, nullptr);
    const ActionSet c = RandomSet(kSize, 4, rng, nullptr);
    // Commutative, associative, idempotent.
    EXPECT_EQ(a | b, b | a);
    EXPECT_EQ(a & b, b & a);
    EXPECT_EQ((a | b) | c, a | (b | c));
    EXPECT_EQ((a & b) & c, a & (b & c));
    EXPECT_EQ(a | a, a);
    EXPECT_EQ(a & a, a);
    // Identities and annihilators.
    EXPECT_EQ(a | empty, a);
    EXPECT_EQ(a & all, a);
    EXPECT_EQ(a & empty, empty);
    EXPECT_EQ(a | all, all);
    EXPECT_EQ(a - empty, a);
    EXPECT_TRUE((a - a).Empty());
    EXPECT_TRUE((a - all).Empty());
    // Distributive.
    EXPECT_EQ(a & (b | c), (a & b) | (a & c));
    EXPECT_EQ(a | (b & c), (a | b) & (a | c));
    // Complement and De Morgan.
    const ActionSet not_a = all - a;
    EXPECT_TRUE((a & not_a).Empty());
    EXPECT_EQ(a | not_a, all);
    EXPECT_EQ(all - (a | b), (all - a) & (all - b));
    EXPECT_EQ(all - (a & b), (all - a) | (all - b));
    EXPECT_EQ(a - b, a & (all - b));
    // Subsets and counts.
    EXPECT_TRUE((a & b).IsSubsetOf(a));
    EXPECT_TRUE(a.IsSubsetOf(a | b));
    EXPECT_TRUE(empty.IsSubsetOf(a));
    EXPECT_TRUE(a.IsSubsetOf(all));
    EXPECT_EQ(a.IsSubsetOf(b), (a - b).Empty());
    EXPECT_TRUE(((a - b) & b).Empty());
    EXPECT_EQ((a | b).Count(), a.Count() + b.Count() - (a & b).Count());
    EXPECT_EQ((a - b).Count() + (a & b).Count(), a.Count());
    if (a != b) {
      EXPECT_FALSE(a.IsSubsetOf(b) && b.IsSubsetOf(a));
    }
  }
}

TEST(ActionSetTest, CompoundAssignmentEqualsBinaryOperators) {
  std::mt19937 rng(4);
  const ActionSet a = RandomSet(200, 2, rng, nullptr);
  const ActionSet b = RandomSet(200, 2, rng, nullptr);
  ActionSet x = a;
  x |= b;
  EXPECT_EQ(x, a | b);
  x = a;
  x &= b;
  EXPECT_EQ(x, a & b);
  x = a;
  x -= b;
  EXPECT_EQ(x, a - b);
  // Value semantics: the copy was changed, not the original.
  EXPECT_NE(x, a);
}

TEST(ActionSetTest, MixedUniversesActAsIfPadded) {
  ActionSet big(200);
  big.Insert(5);
  big.Insert(150);
  ActionSet small(10);
  small.Insert(5);
  small.Insert(7);

  ActionSet accumulator;  // universe 0
  accumulator |= big;
  EXPECT_EQ(accumulator.universe_size(), 200u);
  EXPECT_EQ(accumulator, big);

  EXPECT_EQ((small | big).Ids(), (std::vector<ActionId>{5, 7, 150}));
  EXPECT_EQ((big | small).Ids(), (std::vector<ActionId>{5, 7, 150}));
  EXPECT_EQ((small & big).Ids(), (std::vector<ActionId>{5}));
  EXPECT_EQ((big & small).Ids(), (std::vector<ActionId>{5}));
  EXPECT_EQ((small & big).universe_size(), 200u);
  EXPECT_EQ((big - small).Ids(), (std::vector<ActionId>{150}));
  EXPECT_EQ((small - big).Ids(), (std::vector<ActionId>{7}));
  EXPECT_EQ((small - big).universe_size(), 200u);

  // Equality and subset compare members.
  EXPECT_EQ(ActionSet(10), ActionSet(500));
  EXPECT_EQ(ActionSet(), ActionSet(64));
  ActionSet five(1000);
  five.Insert(5);
  EXPECT_EQ(five, big & small);
  EXPECT_NE(five, big);
  EXPECT_TRUE(five.IsSubsetOf(small));
  EXPECT_TRUE((small & big).IsSubsetOf(small));
  EXPECT_FALSE(big.IsSubsetOf(small));
  EXPECT_FALSE(small.IsSubsetOf(big));
}

TEST(ActionSetTest, InsertBeyondTheUniverseGrowsIt) {
  ActionSet set(10);
  set.Insert(100);
  EXPECT_EQ(set.universe_size(), 101u);
  EXPECT_TRUE(set.Contains(100));
  set.InsertAll();
  EXPECT_EQ(set.Count(), 101u);
  ActionSet ranged;
  ranged.InsertRange(60, 70);
  EXPECT_EQ(ranged.universe_size(), 70u);
  EXPECT_EQ(ranged.Count(), 10u);
  ranged.InsertRange(5, 5);  // empty range
  ranged.InsertRange(9, 3);  // reversed: empty
  EXPECT_EQ(ranged.Count(), 10u);
}

}  // namespace
}  // namespace iameval
