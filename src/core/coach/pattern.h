// The coach's small pattern language over tokens (documented in content/coach/README.md):
//   word          that word (written as in a message: "don't" means "do not")
//   @class        any entry of a word class, single words and several-word phrases alike
//   *             any one word;  *ing  any word ending in "ing"
//   [,.!?]        one punctuation mark from the brackets
//   ^  $          start and end of the sentence (punctuation and emoji around them are ignored)
//   (a b|c)       a group of alternatives, each a sequence
//   x?  x*  x+  x{m,n}   optional, repeated (at most 6 times for * and +), bounded
// Matching is greedy with backtracking, inside one sentence. Immutable once compiled.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/coach/content.h"
#include "core/coach/text.h"
#include "core/result.h"

namespace hearth::coach {

// A 128-bit set of word ids with false positives: a quick "certainly not there".
using WordBloom = std::array<std::uint64_t, 2>;
inline std::uint32_t bloom_bit(std::uint32_t word) { return (word * 2654435761u) >> 25; }
inline void bloom_add(WordBloom& b, std::uint32_t word) {
  std::uint32_t h = bloom_bit(word);
  b[h >> 6] |= 1ull << (h & 63);
}
inline bool bloom_has(const WordBloom& b, std::uint32_t bit) {
  return (b[bit >> 6] >> (bit & 63)) & 1;
}
inline bool bloom_meets(const WordBloom& a, const WordBloom& b) {
  return ((a[0] & b[0]) | (a[1] & b[1])) != 0;
}

// A several-word class entry found in a message: `len` tokens from where it starts.
struct PhraseSpan {
  int len = 0;
  std::uint64_t classes = 0;
};

// What a pattern is matched against: one sentence of a tokenized message.
struct MatchView {
  const Token* toks = nullptr;
  std::string_view norm;                        // the tokens' normalized text
  const PhraseSpan* phrases = nullptr;          // phrases, grouped by the token they start at
  const std::uint32_t* phrase_begin = nullptr;  // token i's phrases: [begin[i], begin[i + 1])
  int begin = 0, end = 0;                       // the sentence: tokens [begin, end)
};

class Pattern {
 public:
  // Compiles `source`; `classes` maps class names to bit numbers. Literal words are added to
  // `vocab`. Errors name `where`.
  static Result<Pattern> compile(std::string_view source, const SourceLine& where,
                                 Vocabulary& vocab,
                                 const std::unordered_map<std::string, int>& classes,
                                 std::uint64_t negator_bits);

  // The end (exclusive) of the match starting at token `pos`, or -1.
  int match(const MatchView& v, int pos) const;

  // What a match can start with, for indexing: words, class bits, or anything (`wild`).
  struct FirstSet {
    std::vector<std::uint32_t> words;
    std::uint64_t classes = 0;
    bool wild = false;
  };
  FirstSet first_set() const;
  // For each element every match must contain (not optional), a set of words and classes one
  // of which the sentence must then contain: for a group, the union over its alternatives of
  // each one's cheapest such set under `cost`. The coach indexes each pattern by its cheapest
  // set and skips sentences that miss any.
  using Cost = double (*)(const FirstSet&, const void* context);
  std::vector<FirstSet> required_sets(Cost cost, const void* context) const;
  // The pattern starts with ^: it can only match at the start of a sentence.
  bool anchored_at_start() const;
  // When the pattern starts with one plain word followed by an element that cannot be
  // skipped: what that element can start with (the token right after the word must have one
  // of these). Otherwise nullopt.
  std::optional<FirstSet> second_set() const;

  // The pattern spells out a negation itself ("i am not discussing this").
  bool mentions_negation() const { return mentions_negation_; }

  struct Node {
    enum class Kind : std::uint8_t { kWord, kClass, kAny, kSuffix, kPunct, kGroup, kStart, kEnd };
    Kind kind = Kind::kWord;
    std::uint8_t min = 1, max = 1;
    std::uint32_t value = 0;  // word id, or class bit number
    std::string text;         // suffix, or punctuation marks
    std::vector<std::vector<Node>> alts;
    // For a group: what each alternative can start with, so the matcher skips the ones that
    // cannot start at the current token.
    struct Start {
      std::uint32_t word = 0;  // the one word it starts with, if that is all it can start with
      std::vector<std::uint32_t> words;
      std::uint64_t classes = 0;
      bool open = false;  // may match nothing, or start with anything
    };
    std::vector<Start> starts;
    // Which alternatives start with which word, sorted by word then alternative; and the
    // alternatives that start with a class or with anything, in order.
    std::vector<std::pair<std::uint32_t, std::uint16_t>> word_alts;
    std::vector<std::uint16_t> other_alts;
    // All alternatives together: a token none of them can start with fails the group at once.
    WordBloom start_words{};
    std::uint64_t start_classes = 0;
    bool start_open = false;
  };
  using Seq = std::vector<Node>;

 private:
  Seq seq_;
  bool mentions_negation_ = false;
};

}  // namespace hearth::coach
