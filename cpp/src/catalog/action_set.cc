// ActionSet: a bitset over ActionId, 64 actions to a word.
// INVARIANT: words_.size() == ceil(size_ / 64) and bits at or beyond size_ are zero, so Count(),
// Empty() and == can work on whole words.
#include <algorithm>
#include <cstddef>

#include "absl/numeric/bits.h"
#include "iameval/catalog.h"

namespace iameval {
namespace {

constexpr size_t kBitsPerWord = 64;

size_t WordCount(size_t bits) { return (bits + kBitsPerWord - 1) / kBitsPerWord; }
uint64_t Bit(ActionId id) { return uint64_t{1} << (id % kBitsPerWord); }

}  // namespace

ActionSet::ActionSet(size_t universe_size)
    : size_(universe_size), words_(WordCount(universe_size), 0) {}

void ActionSet::Insert(ActionId id) {
  if (id >= size_) {
    size_ = size_t{id} + 1;
    words_.resize(WordCount(size_), 0);
  }
  words_[id / kBitsPerWord] |= Bit(id);
}

void ActionSet::Erase(ActionId id) {
  if (id < size_) words_[id / kBitsPerWord] &= ~Bit(id);
}

size_t ActionSet::Count() const {
  size_t count = 0;
  for (uint64_t word : words_) count += static_cast<size_t>(absl::popcount(word));
  return count;
}

bool ActionSet::Empty() const {
  return std::all_of(words_.begin(), words_.end(), [](uint64_t word) { return word == 0; });
}

void ActionSet::InsertAll() { InsertRange(0, static_cast<ActionId>(size_)); }

void ActionSet::InsertRange(ActionId first, ActionId last) {
  if (first >= last) return;
  if (last > size_) {
    size_ = last;
    words_.resize(WordCount(size_), 0);
  }
  // Whole words in the middle, masked words at the two ends.
  const size_t first_word = first / kBitsPerWord;
  const size_t last_word = (size_t{last} - 1) / kBitsPerWord;
  const uint64_t head = ~uint64_t{0} << (first % kBitsPerWord);
  const uint64_t tail = ~uint64_t{0} >> (kBitsPerWord - 1 - (size_t{last} - 1) % kBitsPerWord);
  if (first_word == last_word) {
    words_[first_word] |= head & tail;
    return;
  }
  words_[first_word] |= head;
  for (size_t w = first_word + 1; w < last_word; ++w) words_[w] = ~uint64_t{0};
  words_[last_word] |= tail;
}

ActionSet& ActionSet::operator|=(const ActionSet& other) {
  if (other.size_ > size_) {
    size_ = other.size_;
    words_.resize(other.words_.size(), 0);
  }
  for (size_t w = 0; w < other.words_.size(); ++w) words_[w] |= other.words_[w];
  return *this;
}

ActionSet& ActionSet::operator&=(const ActionSet& other) {
  const size_t common = std::min(words_.size(), other.words_.size());
  for (size_t w = 0; w < common; ++w) words_[w] &= other.words_[w];
  // Beyond the other set's universe nothing is in it.
  std::fill(words_.begin() + static_cast<std::ptrdiff_t>(common), words_.end(), 0);
  if (other.size_ > size_) {
    size_ = other.size_;
    words_.resize(other.words_.size(), 0);
  }
  return *this;
}

ActionSet& ActionSet::operator-=(const ActionSet& other) {
  const size_t common = std::min(words_.size(), other.words_.size());
  for (size_t w = 0; w < common; ++w) words_[w] &= ~other.words_[w];
  if (other.size_ > size_) {
    size_ = other.size_;
    words_.resize(other.words_.size(), 0);
  }
  return *this;
}

bool ActionSet::operator==(const ActionSet& other) const {
  const bool this_shorter = words_.size() <= other.words_.size();
  const std::vector<uint64_t>& shorter = this_shorter ? words_ : other.words_;
  const std::vector<uint64_t>& longer = this_shorter ? other.words_ : words_;
  if (!std::equal(shorter.begin(), shorter.end(), longer.begin())) return false;
  return std::all_of(longer.begin() + static_cast<std::ptrdiff_t>(shorter.size()), longer.end(),
                     [](uint64_t word) { return word == 0; });
}

bool ActionSet::IsSubsetOf(const ActionSet& other) const {
  for (size_t w = 0; w < words_.size(); ++w) {
    const uint64_t theirs = w < other.words_.size() ? other.words_[w] : 0;
    if ((words_[w] & ~theirs) != 0) return false;
  }
  return true;
}

std::vector<ActionId> ActionSet::Ids() const {
  std::vector<ActionId> ids;
  ids.reserve(Count());
  for (size_t w = 0; w < words_.size(); ++w) {
    // Peel off the lowest set bit until the word is empty.
    for (uint64_t word = words_[w]; word != 0; word &= word - 1) {
      ids.push_back(static_cast<ActionId>(w * kBitsPerWord +
                                          static_cast<size_t>(absl::countr_zero(word))));
    }
  }
  return ids;
}

}  // namespace iameval
