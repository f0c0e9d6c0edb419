#include "core/coach/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace hearth::coach {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_apostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060 || c == 0x00B4;
}

bool is_word_char(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(static_cast<char>(c));
  return u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool is_emoji_part(UChar32 c) {
  return c == 0xFE0F || c == 0xFE0E || c == 0x200D || c == 0x20E3 ||
         (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool is_symbol(UChar32 c) {
  if (c < 0x80) return false;
  if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return true;
  if (c >= 0x1F1E6 && c <= 0x1F1FF) return true;  // regional indicators (flags)
  return u_charType(c) == U_OTHER_SYMBOL;
}

// Punctuation that matters to the coach, normalized; 0 for everything else.
char punct_of(UChar32 c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case ',':
    case ';':
    case ':':
      return static_cast<char>(c);
    case '\n':
    case '\r':
    case 0x2028:
    case 0x2029:
      return '\n';
    case '-':
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2012:
      return '-';
    case '(':
    case ')':
    case '[':
    case ']':
      return ',';
    case 0x2026:
    case 0x3002:
    case 0xFF0E:
      return '.';
    case 0x203D:
    case 0xFF1F:
    case 0x2E2E:
      return '?';
    case 0xFF01:
    case 0x00A1:
      return '!';
    case 0xFF0C:
    case 0x3001:
      return ',';
    case 0xFF1B:
      return ';';
    default:
      return 0;
  }
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const Vocabulary& vocab, std::vector<Token>& out,
            std::string& norm)
      : s_(text), vocab_(vocab), out_(out), norm_(norm) {}

  void run() {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s_.data());
    const auto length = static_cast<int32_t>(s_.size());
    int32_t i = 0;
    while (i < length) {
      // ASCII fast path.
      auto b = static_cast<unsigned char>(s_[static_cast<std::size_t>(i)]);
      if (b < 0x80) {
        char ch = static_cast<char>(b);
        if (is_ascii_alnum(ch)) {
          begin_word(i);
          norm_.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
          word_end_ = i + 1;
          ++i;
          continue;
        }
        if (ch == ' ' || ch == '\t') {
          end_word();
          ++i;
          continue;
        }
        handle_other(ch, i, i + 1);
        ++i;
        continue;
      }
      int32_t at = i;
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c < 0) {
        end_word();
        continue;
      }
      if (is_word_char(c)) {
        begin_word(at);
        append_utf8(norm_, u_tolower(c));
        word_end_ = i;
        continue;
      }
      if (is_symbol(c)) {
        end_word();
        symbol(at, i, c, bytes, length);
        continue;
      }
      handle_other(c, at, i);
    }
    end_word();
  }

 private:
  void begin_word(int32_t at) {
    if (!in_word_) {
      in_word_ = true;
      word_start_ = at;
      word_norm_ = norm_.size();
    }
  }

  // The code point at byte `i`, or -1 at the end.
  UChar32 peek(int32_t i) const {
    if (i >= static_cast<int32_t>(s_.size())) return -1;
    auto b = static_cast<unsigned char>(s_[static_cast<std::size_t>(i)]);
    if (b < 0x80) return b;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s_.data()), i, static_cast<int32_t>(s_.size()), c);
    return c;
  }

  // Apostrophes, joiners inside words, punctuation, spaces.
  void handle_other(UChar32 c, int32_t at, int32_t next) {
    if (in_word_) {
      UChar32 after = peek(next);
      bool letter_after = after >= 0 && is_word_char(after);
      if (letter_after && is_apostrophe(c)) {
        norm_.push_back('\'');
        return;
      }
      char last = norm_.empty() ? 0 : norm_.back();
      bool digit_before = last >= '0' && last <= '9';
      if (letter_after && (c == '-' || c == 0x2010 || c == '/' || (c == '.' && digit_before))) {
        norm_.push_back(c == 0x2010 ? '-' : static_cast<char>(c));
        return;
      }
      if (is_apostrophe(c) && last == 's') return;  // "parents'": ends the word
    }
    end_word();
    if (char p = punct_of(c)) {
      Token t;
      t.start = static_cast<std::uint32_t>(at);
      t.end = static_cast<std::uint32_t>(next);
      t.kind = TokenKind::kPunct;
      t.punct = p;
      t.norm = static_cast<std::uint32_t>(norm_.size());
      norm_.push_back(p);
      t.norm_len = 1;
      out_.push_back(t);
    }
  }

  void symbol(int32_t at, int32_t& i, UChar32 c, const uint8_t* bytes, int32_t length) {
    Token t;
    t.start = static_cast<std::uint32_t>(at);
    t.kind = TokenKind::kSymbol;
    t.norm = static_cast<std::uint32_t>(norm_.size());
    append_utf8(norm_, c);
    bool regional = c >= 0x1F1E6 && c <= 0x1F1FF;
    // Absorb what belongs to the same emoji: selectors, skin tones, keycaps, tags, ZWJ sequences.
    while (i < length) {
      int32_t j = i;
      UChar32 d;
      U8_NEXT(bytes, j, length, d);
      if (d < 0) break;
      if (d == 0x200D) {
        int32_t k = j;
        UChar32 e;
        U8_NEXT(bytes, k, length, e);
        if (e < 0 || !is_symbol(e)) break;
        norm_.append("\u200D");
        append_utf8(norm_, e);
        i = k;
        continue;
      }
      if (is_emoji_part(d)) {
        i = j;
        continue;
      }
      if (regional && d >= 0x1F1E6 && d <= 0x1F1FF) {
        append_utf8(norm_, d);
        regional = false;
        i = j;
        continue;
      }
      break;
    }
    t.end = static_cast<std::uint32_t>(i);
    t.norm_len = static_cast<std::uint16_t>(norm_.size() - t.norm);
    t.word = t.written = vocab_.find(std::string_view(norm_).substr(t.norm, t.norm_len));
    t.classes = vocab_.classes(t.word);
    out_.push_back(t);
  }

  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    std::string_view w = std::string_view(norm_).substr(word_norm_);
    if (w.size() > 0xffff) w = w.substr(0, 0xffff);
    Token& t = out_.emplace_back();
    t.start = static_cast<std::uint32_t>(word_start_);
    t.end = static_cast<std::uint32_t>(word_end_);
    t.norm = static_cast<std::uint32_t>(word_norm_);
    t.norm_len = static_cast<std::uint16_t>(w.size());
    std::uint32_t id = vocab_.find(w);
    if (id == kUnknownWord && w.size() > 2) {
      // Possessives and stray apostrophes: "mom's" -> "mom", "did'nt" -> "didnt".
      std::string_view base = w;
      if (base.ends_with("'s")) base.remove_suffix(2);
      if (base.ends_with('\'')) base.remove_suffix(1);
      if (base.size() != w.size()) {
        id = vocab_.find(base);
        t.norm_len = static_cast<std::uint16_t>(base.size());
      } else if (w.find('\'') != std::string_view::npos) {
        std::string bare;
        for (char ch : w) {
          if (ch != '\'') bare.push_back(ch);
        }
        id = vocab_.find(bare);
      }
    }
    t.written = id;
    if (const auto* expansion = id ? vocab_.expansion(id) : nullptr) {
      // The written word gives way to the words it stands for.
      Token written = t;
      out_.pop_back();
      norm_.resize(word_norm_);
      for (std::uint32_t part : *expansion) {
        Token& p = out_.emplace_back(written);
        p.expanded = expansion->size() > 1;
        p.word = part;
        p.classes = vocab_.classes(part);
        p.norm = static_cast<std::uint32_t>(norm_.size());
        std::string_view text = vocab_.text(part);
        norm_.append(text);
        p.norm_len = static_cast<std::uint16_t>(text.size());
      }
      return;
    }
    t.word = id;
    t.classes = vocab_.classes(id);
  }

  std::string_view s_;
  const Vocabulary& vocab_;
  std::vector<Token>& out_;
  std::string& norm_;
  bool in_word_ = false;
  int32_t word_start_ = 0, word_end_ = 0;
  std::size_t word_norm_ = 0;
};

}  // namespace

std::uint32_t Vocabulary::hash(std::string_view s) noexcept {
  // FNV-1a: words are short, and this is quicker than the standard hash for them.
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

Vocabulary::Vocabulary() {
  entries_.push_back({});
  slots_.resize(1024);
}

std::uint32_t Vocabulary::find(std::string_view norm) const {
  const std::uint32_t h = hash(norm);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return kUnknownWord;
    if (slot.hash == h && entries_[slot.id].text == norm) return slot.id;
  }
}

void Vocabulary::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t Vocabulary::intern(std::string_view norm) {
  if (auto id = find(norm)) return id;
  auto id = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({std::string(norm), 0, -1});
  if (entries_.size() * 2 > slots_.size()) grow();
  const std::uint32_t h = hash(norm);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {h, id};
  return id;
}

const std::vector<std::uint32_t>* Vocabulary::expansion(std::uint32_t id) const {
  std::int32_t e = entries_[id].expansion;
  return e < 0 ? nullptr : &expansions_[static_cast<std::size_t>(e)];
}

void Vocabulary::set_expansion(std::uint32_t id, std::vector<std::uint32_t> words) {
  entries_[id].expansion = static_cast<std::int32_t>(expansions_.size());
  expansions_.push_back(std::move(words));
}

void tokenize(std::string_view text, const Vocabulary& vocab, std::vector<Token>& out,
              std::string& norm) {
  out.reserve(out.size() + text.size() / 2 + 8);
  Tokenizer(text, vocab, out, norm).run();
}

std::vector<std::string> inflections(std::string_view word) {
  std::string w(word);
  std::vector<std::string> out{w, w + "s", w + "es", w + "ed", w + "ing"};
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  std::size_t n = w.size();
  if (n >= 2 && w.back() == 'e') {
    std::string stem = w.substr(0, n - 1);
    out.push_back(w + "d");
    out.push_back(stem + "ing");
    if (n >= 3 && w[n - 2] == 'i') out.push_back(w.substr(0, n - 2) + "ying");  // lie -> lying
  }
  if (n >= 2 && w.back() == 'y' && !vowel(w[n - 2])) {
    std::string stem = w.substr(0, n - 1);
    out.push_back(stem + "ies");
    out.push_back(stem + "ied");
  }
  // Consonant-vowel-consonant endings double: stop -> stopped, nag -> nagging, cancel -> cancelled.
  if (n >= 3 && !vowel(w[n - 1]) && vowel(w[n - 2]) && !vowel(w[n - 3]) && w.back() != 'w' &&
      w.back() != 'x' && w.back() != 'y') {
    out.push_back(w + w.back() + "ed");
    out.push_back(w + w.back() + "ing");
  }
  return out;
}

}  // namespace hearth::coach
