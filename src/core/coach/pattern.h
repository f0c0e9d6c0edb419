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

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/coach/content.h"
#include "core/coach/text.h"
#include "core/result.h"

namespace hearth::coach {

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

  // The pattern spells out a negation itself ("i am not discussing this").
  bool mentions_negation() const { return mentions_negation_; }

  struct Node {
    enum class Kind : std::uint8_t { kWord, kClass, kAny, kSuffix, kPunct, kGroup, kStart, kEnd };
    Kind kind = Kind::kWord;
    std::uint8_t min = 1, max = 1;
    std::uint32_t value = 0;  // word id, or class bit number
    std::string text;         // suffix, or punctuation marks
    std::vector<std::vector<Node>> alts;
  };
  using Seq = std::vector<Node>;

 private:
  Seq seq_;
  bool mentions_negation_ = false;
};

}  // namespace hearth::coach
