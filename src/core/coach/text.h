// Text handling for the coach: a vocabulary of known words (with their word classes and
// contraction expansions) and a UTF-8 tokenizer that turns a message into words, punctuation and
// emoji, each remembering the bytes of the original text it came from.
//
// Normalisation: lower case (Unicode-aware), curly and other apostrophes read as ', contractions
// and texting forms expanded through the vocabulary ("don't" -> "do not", "u" -> "you"),
// possessive 's dropped ("mom's" -> "mom"), emoji variation selectors and skin tones ignored.
// Thread-safety: a Vocabulary is built once, then only read; tokenize() is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::coach {

inline constexpr std::uint32_t kUnknownWord = 0;

enum class TokenKind : std::uint8_t { kWord, kPunct, kSymbol };

struct Token {
  std::uint32_t start = 0, end = 0;  // bytes of the original text the token came from
  std::uint32_t norm = 0;            // normalized text: offset into the caller's buffer
  std::uint16_t norm_len = 0;
  TokenKind kind = TokenKind::kWord;
  char punct = 0;         // for kPunct: one of . ! ? , ; : - and '\n'
  bool expanded = false;  // one of several tokens read from one written word ("don't")
  std::uint32_t written = kUnknownWord;  // the written word, before expansion
  std::uint32_t word = kUnknownWord;     // the word this token stands for
  std::uint64_t classes = 0;             // the word's classes (Vocabulary::classes)
};

class Vocabulary {
 public:
  Vocabulary();

  // The word's id, or kUnknownWord.
  std::uint32_t find(std::string_view norm) const;
  // The word's id, adding it when it is new.
  std::uint32_t intern(std::string_view norm);

  std::string_view text(std::uint32_t id) const { return entries_[id].text; }
  std::uint64_t classes(std::uint32_t id) const { return entries_[id].classes; }
  void add_classes(std::uint32_t id, std::uint64_t bits) { entries_[id].classes |= bits; }
  // What a written form stands for (a contraction), or nullptr.
  const std::vector<std::uint32_t>* expansion(std::uint32_t id) const;
  void set_expansion(std::uint32_t id, std::vector<std::uint32_t> words);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string text;
    std::uint64_t classes = 0;
    std::int32_t expansion = -1;
  };
  // Open addressing, linear probing: slot = (hash, id); id 0 marks an empty slot. Looking up a
  // word is the tokenizer's most frequent operation.
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = 0;
  };
  static std::uint32_t hash(std::string_view s) noexcept;
  void grow();

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::vector<std::vector<std::uint32_t>> expansions_;
};

// Appends the tokens of `text` to `out` and their normalized text to `norm`. Invalid UTF-8 is
// treated as a separator. Words the vocabulary does not know get kUnknownWord.
void tokenize(std::string_view text, const Vocabulary& vocab, std::vector<Token>& out,
              std::string& norm);

// All inflections of a word ("forget" -> forgets, forgetting, forgeted, ...): generous on
// purpose; forms that are not English words do no harm in a lookup table.
std::vector<std::string> inflections(std::string_view word);

}  // namespace hearth::coach
