#include "core/coach/pattern.h"

#include <algorithm>

namespace hearth::coach {
namespace {

using Node = Pattern::Node;
using Seq = Pattern::Seq;
using Kind = Node::Kind;

constexpr int kMaxRepeat = 6;

// ---- Parsing ---------------------------------------------------------------------------------

class Parser {
 public:
  Parser(std::string_view src, const SourceLine& where, Vocabulary& vocab,
         const std::unordered_map<std::string, int>& classes)
      : src_(src), where_(where), vocab_(vocab), classes_(classes) {}

  Result<Seq> parse() {
    lex();
    if (!error_.empty()) return fail(error_);
    std::size_t i = 0;
    auto seq = parse_alts(i);
    if (!seq) return seq.error();
    if (i != lexemes_.size()) return fail("unbalanced ')'");
    if (seq->size() == 1 && seq->front().kind == Kind::kGroup && seq->front().min == 1 &&
        seq->front().max == 1 && seq->front().alts.size() == 1) {
      return std::move(seq->front().alts.front());
    }
    return seq;
  }

 private:
  Error fail(const std::string& message) const {
    return content_error(where_, "pattern \"" + std::string(src_) + "\": " + message);
  }

  // Splits the source into "(", "|", ")" and chunks between spaces and those three.
  void lex() {
    // A chunk glued to a ')' ("(a|b)*") is that group's quantifier: it is marked with a
    // leading \x01 so it is not read as "any word".
    std::string chunk;
    bool after_paren = false;
    auto flush = [&] {
      if (!chunk.empty()) lexemes_.push_back(chunk);
      chunk.clear();
    };
    for (char c : src_) {
      if (c == ' ') {
        flush();
        after_paren = false;
      } else if (c == '(' || c == ')' || c == '|') {
        flush();
        lexemes_.push_back(std::string(1, c));
        after_paren = c == ')';
      } else {
        if (chunk.empty() && after_paren) chunk.push_back('\x01');
        after_paren = false;
        chunk.push_back(c);
      }
    }
    flush();
  }

  // A whole group body: alternatives separated by '|', until ')' or the end.
  Result<Seq> parse_alts(std::size_t& i) {
    Node group;
    group.kind = Kind::kGroup;
    group.alts.emplace_back();
    while (i < lexemes_.size() && lexemes_[i] != ")") {
      const std::string& lx = lexemes_[i];
      if (lx == "|") {
        group.alts.emplace_back();
        ++i;
        continue;
      }
      Seq& cur = group.alts.back();
      if (lx == "(") {
        ++i;
        auto inner = parse_alts(i);
        if (!inner) return inner.error();
        if (i >= lexemes_.size() || lexemes_[i] != ")") return fail("missing ')'");
        ++i;
        Node g;
        g.kind = Kind::kGroup;
        g.alts = std::move(inner->front().alts);
        cur.push_back(std::move(g));
        continue;
      }
      ++i;
      if (Status s = parse_chunk(lx, cur); !s.ok()) return s.error();
    }
    for (const auto& alt : group.alts) {
      if (alt.empty()) return fail("an empty alternative (\"||\", \"(|\" or \"|)\")");
    }
    Seq out;
    out.push_back(std::move(group));
    return out;
  }

  // Reads a quantifier ("?", "*", "+", "{m,n}") from the start of `q`; false when `q` is not one.
  static bool quantifier(std::string_view q, std::uint8_t& min, std::uint8_t& max) {
    if (q == "?") return min = 0, max = 1, true;
    if (q == "*") return min = 0, max = kMaxRepeat, true;
    if (q == "+") return min = 1, max = kMaxRepeat, true;
    if (q.size() >= 5 && q.front() == '{' && q.back() == '}') {
      auto comma = q.find(',');
      if (comma == std::string_view::npos) return false;
      auto num = [](std::string_view d, int& out) {
        if (d.empty() || d.size() > 2) return false;
        out = 0;
        for (char c : d) {
          if (c < '0' || c > '9') return false;
          out = out * 10 + (c - '0');
        }
        return true;
      };
      int a = 0, b = 0;
      if (!num(q.substr(1, comma - 1), a) || !num(q.substr(comma + 1, q.size() - comma - 2), b))
        return false;
      if (a > b || b == 0 || b > 20) return false;
      min = static_cast<std::uint8_t>(a);
      max = static_cast<std::uint8_t>(b);
      return true;
    }
    return false;
  }

  static std::size_t quantifier_start(std::string_view chunk) {
    if (chunk.empty()) return 0;
    char last = chunk.back();
    if (last == '?' || last == '*' || last == '+') return chunk.size() - 1;
    if (last == '}') {
      auto open = chunk.rfind('{');
      if (open != std::string_view::npos) return open;
    }
    return chunk.size();
  }

  Status apply_quantifier(std::string_view q, Seq& cur) {
    if (q.empty()) return Status::Ok();
    if (cur.empty()) return fail("\"" + std::string(q) + "\" has nothing to repeat");
    Node& last = cur.back();
    if (last.kind == Kind::kStart || last.kind == Kind::kEnd) {
      return fail("^ and $ cannot be repeated");
    }
    if (last.min != 1 || last.max != 1) return fail("two quantifiers in a row");
    if (!quantifier(q, last.min, last.max))
      return fail("unknown quantifier \"" + std::string(q) + "\"");
    return Status::Ok();
  }

  Status parse_chunk(std::string_view chunk, Seq& cur) {
    // A chunk that is only a quantifier applies to what came before ("(a|b)?").
    if (chunk.front() == '\x01') {
      chunk.remove_prefix(1);
      return apply_quantifier(chunk, cur);
    }
    std::uint8_t lo = 0, hi = 0;
    if (quantifier(chunk, lo, hi) && chunk != "*") return apply_quantifier(chunk, cur);
    if (chunk == "^" || chunk == "$") {
      Node n;
      n.kind = chunk == "^" ? Kind::kStart : Kind::kEnd;
      cur.push_back(n);
      return Status::Ok();
    }
    if (chunk.front() == '@') {
      std::size_t q = quantifier_start(chunk);
      std::string name(chunk.substr(1, q - 1));
      auto it = classes_.find(name);
      if (it == classes_.end()) return fail("unknown class @" + name);
      Node n;
      n.kind = Kind::kClass;
      n.value = static_cast<std::uint32_t>(it->second);
      cur.push_back(n);
      return apply_quantifier(chunk.substr(q), cur);
    }
    if (chunk.front() == '[') {
      auto close = chunk.find(']');
      if (close == std::string_view::npos || close < 2)
        return fail("bad punctuation " + std::string(chunk));
      Node n;
      n.kind = Kind::kPunct;
      n.text = std::string(chunk.substr(1, close - 1));
      for (char c : n.text) {
        if (std::string_view(".!?,;:-").find(c) == std::string_view::npos) {
          return fail("[" + n.text + "]: only . ! ? , ; : - can be matched");
        }
      }
      cur.push_back(n);
      return apply_quantifier(chunk.substr(close + 1), cur);
    }
    if (chunk.front() == '*') {
      std::size_t k = 1;
      while (k < chunk.size() && chunk[k] >= 'a' && chunk[k] <= 'z') ++k;
      Node n;
      n.kind = k == 1 ? Kind::kAny : Kind::kSuffix;
      n.text = std::string(chunk.substr(1, k - 1));
      cur.push_back(n);
      return apply_quantifier(chunk.substr(k), cur);
    }
    if (chunk == ",") {
      Node n;
      n.kind = Kind::kPunct;
      n.text = ",";
      cur.push_back(n);
      return Status::Ok();
    }
    // A literal word, read like a message so contractions mean the same everywhere.
    std::size_t q = quantifier_start(chunk);
    std::string_view literal = chunk.substr(0, q);
    for (char c : literal) {
      if (c >= 'A' && c <= 'Z') return fail("write \"" + std::string(literal) + "\" in lower case");
    }
    std::vector<Token> toks;
    std::string norm;
    tokenize(literal, vocab_, toks, norm);
    Seq words;
    for (const Token& t : toks) {
      if (t.kind == TokenKind::kPunct) {
        return fail("\"" + std::string(literal) + "\": write punctuation as [,] or [?]");
      }
      Node n;
      n.kind = Kind::kWord;
      n.value = vocab_.intern(std::string_view(norm).substr(t.norm, t.norm_len));
      words.push_back(n);
    }
    if (words.empty()) return fail("\"" + std::string(literal) + "\" has no word in it");
    if (words.size() == 1 || q == chunk.size()) {
      for (auto& w : words) cur.push_back(std::move(w));
    } else {
      Node g;
      g.kind = Kind::kGroup;
      g.alts.push_back(std::move(words));
      cur.push_back(std::move(g));
    }
    return apply_quantifier(chunk.substr(q), cur);
  }

  std::string_view src_;
  const SourceLine& where_;
  Vocabulary& vocab_;
  const std::unordered_map<std::string, int>& classes_;
  std::vector<std::string> lexemes_;
  std::string error_;
};

// Whether a sequence can match without consuming a token (from index i on).
bool nullable(const Seq& s, std::size_t i = 0);

bool node_nullable(const Node& n) {
  if (n.min == 0 || n.kind == Kind::kStart || n.kind == Kind::kEnd) return true;
  if (n.kind != Kind::kGroup) return false;
  return std::any_of(n.alts.begin(), n.alts.end(), [](const Seq& a) { return nullable(a); });
}

bool nullable(const Seq& s, std::size_t i) {
  for (; i < s.size(); ++i) {
    if (!node_nullable(s[i])) return false;
  }
  return true;
}

void collect_first(const Seq& s, Pattern::FirstSet& out) {
  for (const Node& n : s) {
    switch (n.kind) {
      case Kind::kWord:
        out.words.push_back(n.value);
        break;
      case Kind::kClass:
        out.classes |= 1ull << n.value;
        break;
      case Kind::kAny:
      case Kind::kSuffix:
      case Kind::kPunct:
        out.wild = true;
        break;
      case Kind::kGroup:
        for (const auto& a : n.alts) collect_first(a, out);
        break;
      case Kind::kStart:
      case Kind::kEnd:
        break;
    }
    if (!node_nullable(n)) return;
  }
}

bool mentions(const Seq& s, const Vocabulary& vocab, std::uint64_t bits) {
  for (const Node& n : s) {
    if (n.kind == Kind::kWord && (vocab.classes(n.value) & bits)) return true;
    if (n.kind == Kind::kClass && ((1ull << n.value) & bits)) return true;
    if (n.kind == Kind::kGroup) {
      for (const auto& a : n.alts) {
        if (mentions(a, vocab, bits)) return true;
      }
    }
  }
  return false;
}

void annotate_groups(Seq& s) {
  for (Node& n : s) {
    if (n.kind != Kind::kGroup) continue;
    n.starts.clear();
    n.word_alts.clear();
    n.other_alts.clear();
    n.start_words = {};
    n.start_classes = 0;
    n.start_open = false;
    for (auto& alt : n.alts) {
      annotate_groups(alt);
      Pattern::FirstSet f;
      collect_first(alt, f);
      Node::Start st;
      std::sort(f.words.begin(), f.words.end());
      f.words.erase(std::unique(f.words.begin(), f.words.end()), f.words.end());
      st.words = f.words;
      if (f.words.size() == 1 && f.classes == 0) st.word = f.words.front();
      st.classes = f.classes;
      st.open = f.wild || nullable(alt);
      for (std::uint32_t w : f.words) {
        bloom_add(n.start_words, w);
        n.word_alts.emplace_back(w, static_cast<std::uint16_t>(n.starts.size()));
      }
      if (st.open || st.classes)
        n.other_alts.push_back(static_cast<std::uint16_t>(n.starts.size()));
      n.start_classes |= st.classes;
      n.start_open = n.start_open || st.open;
      n.starts.push_back(std::move(st));
    }
    std::sort(n.word_alts.begin(), n.word_alts.end());
  }
}

// ---- Matching ---------------------------------------------------------------------------------

// What to do once the current sequence ends: resume the repetition of node `index` of `seq`
// (which started at token `start`, occurrence number `count`), then continue with `up`.
struct Cont {
  const Seq* seq;
  std::size_t index;
  int count;
  int start;
  const Cont* up;
};

class Matcher {
 public:
  explicit Matcher(const MatchView& v) : v_(v) {}

  int seq(const Seq& s, std::size_t i, int pos, const Cont* k) const {
    if (i == s.size()) return k ? resume(*k, pos) : pos;
    return rep(s, i, pos, 0, k);
  }

 private:
  bool skippable(int i) const { return v_.toks[i].kind != TokenKind::kWord; }

  int resume(const Cont& k, int pos) const {
    const Node& n = (*k.seq)[k.index];
    if (pos == k.start) {  // an empty occurrence: stop repeating
      return k.count + 1 >= n.min ? seq(*k.seq, k.index + 1, pos, k.up) : -1;
    }
    return rep(*k.seq, k.index, pos, k.count + 1, k.up);
  }

  // Node s[i] has matched `count` times, ending at `pos`.
  int rep(const Seq& s, std::size_t i, int pos, int count, const Cont* k) const {
    const Node& n = s[i];
    if (n.kind == Kind::kWord || n.kind == Kind::kAny || n.kind == Kind::kSuffix ||
        n.kind == Kind::kPunct) {
      // One token per occurrence: take as many as allowed, then give back one at a time.
      int c = count, p = pos;
      while (c < n.max && p < v_.end && single(n, v_.toks[p])) ++c, ++p;
      for (; c >= count; --c, --p) {
        if (c < n.min) return -1;
        int r = seq(s, i + 1, p, k);
        if (r >= 0) return r;
      }
      return -1;
    }
    if (count < n.max) {
      int r = one(s, i, pos, count, k);
      if (r >= 0) return r;
    }
    if (count >= n.min) return seq(s, i + 1, pos, k);
    return -1;
  }

  // One more occurrence of s[i] at `pos`, then the rest.
  int one(const Seq& s, std::size_t i, int pos, int count, const Cont* k) const {
    const Node& n = s[i];
    const int end = v_.end;
    switch (n.kind) {
      case Kind::kStart: {
        for (int j = v_.begin; j < pos; ++j) {
          if (!skippable(j)) return -1;
        }
        return seq(s, i + 1, pos, k);
      }
      case Kind::kEnd: {
        for (int j = pos; j < end; ++j) {
          if (!skippable(j)) return -1;
        }
        return seq(s, i + 1, pos, k);
      }
      case Kind::kGroup: {
        Cont c{&s, i, count, pos, k};
        std::uint32_t word = kUnknownWord;
        std::uint64_t classes = 0;
        if (pos < end && v_.toks[pos].kind != TokenKind::kPunct) {
          word = v_.toks[pos].word;
          classes = v_.toks[pos].classes;
          for (std::uint32_t p = v_.phrase_begin[pos]; p < v_.phrase_begin[pos + 1]; ++p) {
            classes |= v_.phrases[p].classes;
          }
        }
        if (!n.start_open && !(n.start_classes & classes) &&
            (word == kUnknownWord || !bloom_has(n.start_words, bloom_bit(word)))) {
          return -1;
        }
        // The alternatives that can start here, in their written order: those starting with
        // this word, merged with those starting with a class or with anything.
        auto lo = std::lower_bound(n.word_alts.begin(), n.word_alts.end(),
                                   std::pair<std::uint32_t, std::uint16_t>(word, 0));
        auto hi = lo;
        while (hi != n.word_alts.end() && hi->first == word && word != kUnknownWord) ++hi;
        auto other = n.other_alts.begin();
        while (lo != hi || other != n.other_alts.end()) {
          std::size_t a;
          if (other == n.other_alts.end() || (lo != hi && lo->second < *other)) {
            a = (lo++)->second;
          } else {
            a = *other++;
            if (lo != hi && lo->second == a) ++lo;
            const Node::Start& st = n.starts[a];
            bool by_word = word != kUnknownWord &&
                           std::find(st.words.begin(), st.words.end(), word) != st.words.end();
            if (!st.open && !(st.classes & classes) && !by_word) continue;
          }
          int r = seq(n.alts[a], 0, pos, &c);
          if (r >= 0) return r;
        }
        return -1;
      }
      case Kind::kClass: {
        if (pos >= end) return -1;
        std::uint64_t bit = 1ull << n.value;
        // Several-word entries first (longest first), then the single word.
        for (std::uint32_t p = v_.phrase_begin[pos]; p < v_.phrase_begin[pos + 1]; ++p) {
          const PhraseSpan& ph = v_.phrases[p];
          if ((ph.classes & bit) && pos + ph.len <= end) {
            int r = rep(s, i, pos + ph.len, count + 1, k);
            if (r >= 0) return r;
          }
        }
        if (v_.toks[pos].classes & bit) return rep(s, i, pos + 1, count + 1, k);
        return -1;
      }
      default: {
        if (pos >= end || !single(n, v_.toks[pos])) return -1;
        return rep(s, i, pos + 1, count + 1, k);
      }
    }
  }

  bool single(const Node& n, const Token& t) const {
    switch (n.kind) {
      case Kind::kWord:
        return t.kind != TokenKind::kPunct && t.word == n.value && t.word != 0;
      case Kind::kAny:
        return t.kind == TokenKind::kWord;
      case Kind::kSuffix: {
        if (t.kind != TokenKind::kWord || t.norm_len <= n.text.size()) return false;
        return v_.norm.substr(t.norm, t.norm_len).ends_with(n.text);
      }
      case Kind::kPunct:
        return t.kind == TokenKind::kPunct && n.text.find(t.punct) != std::string::npos;
      default:
        return false;
    }
  }

  const MatchView& v_;
};

}  // namespace

Result<Pattern> Pattern::compile(std::string_view source, const SourceLine& where,
                                 Vocabulary& vocab,
                                 const std::unordered_map<std::string, int>& classes,
                                 std::uint64_t negator_bits) {
  auto seq = Parser(source, where, vocab, classes).parse();
  if (!seq) return seq.error();
  if (nullable(*seq)) {
    return content_error(where, "pattern \"" + std::string(source) + "\" can match nothing at all");
  }
  Pattern p;
  p.seq_ = std::move(*seq);
  annotate_groups(p.seq_);
  p.mentions_negation_ = mentions(p.seq_, vocab, negator_bits);
  return p;
}

int Pattern::match(const MatchView& v, int pos) const {
  int end = Matcher(v).seq(seq_, 0, pos, nullptr);
  return end > pos ? end : -1;
}

namespace {

void merge_into(Pattern::FirstSet& into, const Pattern::FirstSet& from) {
  into.words.insert(into.words.end(), from.words.begin(), from.words.end());
  into.classes |= from.classes;
  into.wild = into.wild || from.wild;
}

// What every match of `s` contains, one set per required element.
std::vector<Pattern::FirstSet> required_of(const Seq& s, Pattern::Cost cost, const void* ctx);

// One set for a required node: itself, or for a group the union of each alternative's cheapest.
Pattern::FirstSet required_of_node(const Node& n, Pattern::Cost cost, const void* ctx) {
  Pattern::FirstSet out;
  if (n.kind != Kind::kGroup) {
    collect_first(Seq{n}, out);
    return out;
  }
  for (const auto& alt : n.alts) {
    auto sets = required_of(alt, cost, ctx);
    const Pattern::FirstSet* best = nullptr;
    for (const auto& set : sets) {
      if (!best || cost(set, ctx) < cost(*best, ctx)) best = &set;
    }
    if (!best) {  // an alternative that can match nothing: the group needs nothing
      out.wild = true;
      return out;
    }
    merge_into(out, *best);
  }
  return out;
}

std::vector<Pattern::FirstSet> required_of(const Seq& s, Pattern::Cost cost, const void* ctx) {
  std::vector<Pattern::FirstSet> out;
  for (const Node& n : s) {
    if (node_nullable(n) || n.kind == Kind::kStart || n.kind == Kind::kEnd) continue;
    auto f = required_of_node(n, cost, ctx);
    std::sort(f.words.begin(), f.words.end());
    f.words.erase(std::unique(f.words.begin(), f.words.end()), f.words.end());
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::vector<Pattern::FirstSet> Pattern::required_sets(Cost cost, const void* context) const {
  return required_of(seq_, cost, context);
}

std::optional<Pattern::FirstSet> Pattern::second_set() const {
  if (seq_.size() < 2) return std::nullopt;
  const Node& first = seq_[0];
  const Node& second = seq_[1];
  if (first.kind != Kind::kWord || first.min != 1 || first.max != 1) return std::nullopt;
  if (node_nullable(second) || second.kind == Kind::kStart || second.kind == Kind::kEnd) {
    return std::nullopt;
  }
  FirstSet f;
  collect_first(Seq{second}, f);
  if (f.wild) return std::nullopt;
  return f;
}

bool Pattern::anchored_at_start() const {
  return !seq_.empty() && seq_.front().kind == Kind::kStart;
}

Pattern::FirstSet Pattern::first_set() const {
  FirstSet f;
  collect_first(seq_, f);
  std::sort(f.words.begin(), f.words.end());
  f.words.erase(std::unique(f.words.begin(), f.words.end()), f.words.end());
  return f;
}

}  // namespace hearth::coach
