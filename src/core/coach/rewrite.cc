// Rewrites for harsh messages. Blame, generalisations and criticism get an I-statement built
// from the person's own words about the situation ("I feel … when …, and I need …"); nothing
// is invented: where their words do not give a situation or a need, the rewrite leaves a
// bracketed place for them. Every candidate is checked by the coach itself (at the depth that finds
// every harsh flag), and one that would still be flagged harsh (or would not read as an
// I-statement) falls back to the bracketed form.
// Stonewalling gets a pause-and-return script; contempt a prompt to name the feeling underneath.
#include <algorithm>
#include <cctype>

#include "core/coach/model.h"

namespace hearth::coach {
namespace {

struct Situation {
  std::string text;
  bool past = false;
  bool care = false;
  std::string need;  // "you to call me back", or empty
};

class Writer {
 public:
  Writer(const Coach::Model& m, const Analysis& a) : m_(m), a_(a) {}

  const Token& tok(int i) const { return a_.toks[static_cast<std::size_t>(i)]; }
  bool is_word(int i) const { return tok(i).kind != TokenKind::kPunct; }

  const PhraseSpan* phrase(int i, std::uint64_t bits) const {
    for (std::uint32_t p = a_.phrase_begin[static_cast<std::size_t>(i)];
         p < a_.phrase_begin[static_cast<std::size_t>(i) + 1]; ++p) {
      if (a_.phrases[p].classes & bits) return &a_.phrases[p];
    }
    return nullptr;
  }

  // Appends the words of tokens [begin, end) to `out`, leaving out generalisations and
  // complaint words; false when the words cannot be turned into a plain description.
  bool words(int begin, int end, std::string& out, Situation& s) {
    const std::uint64_t drop = m_.c.absolute | m_.c.complaint_cue;
    for (int k = begin; k < end;) {
      const Token& t = tok(k);
      if (!is_word(k) || t.kind == TokenKind::kSymbol) {
        ++k;
        continue;
      }
      if (t.classes & m_.c.past) s.past = true;
      if ((t.classes & m_.c.care_verb) || phrase(k, m_.c.care_verb)) s.care = true;
      if (t.word == m_.w.nothing || t.word == m_.w.everything) return false;
      const PhraseSpan* p = phrase(k, drop);
      if (t.word == m_.w.never) {
        int len = p ? p->len : 1;
        int next = k + len;
        while (next < end && !is_word(next)) ++next;
        if (next < end && (tok(next).classes & m_.c.past)) return false;
        bool after_aux = last_ >= 0 && (tok(last_).classes & m_.c.aux);
        emit(after_aux ? "not" : "don't", out);
        k += len;
        continue;
      }
      if (p) {
        k += p->len;
        continue;
      }
      if ((t.classes & drop) || t.word == m_.w.ever) {
        ++k;
        continue;
      }
      if (t.written != t.word && !t.expanded) {  // texting forms: "u" -> "you"
        emit(m_.vocab.text(t.word), out);
      } else if (t.written == m_.w.ur) {
        emit(m_.vocab.text(t.word), out);
      } else if (!(t.expanded && last_ >= 0 && tok(last_).start == t.start)) {
        emit(a_.text.substr(t.start, t.end - t.start), out);
      }
      last_ = k;
      ++k;
    }
    return true;
  }

  void emit(std::string_view w, std::string& out) {
    if (!out.empty()) out.push_back(' ');
    std::size_t at = out.size();
    out.append(w);
    // Shouting does not carry over: "LISTEN" becomes "listen" (short acronyms stay).
    bool caps = w.size() >= 4 && std::all_of(w.begin(), w.end(), [](char c) {
                  return (c >= 'A' && c <= 'Z') || c == '\'';
                });
    if (caps) {
      for (std::size_t i = at; i < out.size(); ++i) {
        out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
      }
    }
  }

  // The situation from an accusing clause: "you never call me back when I'm upset" becomes
  // "you don't call me back when I'm upset"; what follows in subordinate clauses stays.
  bool from_clause(int ci, Situation& s) {
    const Clause& c = a_.clauses[static_cast<std::size_t>(ci)];
    const Sentence& sent = a_.sentences[static_cast<std::size_t>(c.sentence)];
    int end = c.end;
    for (int k = ci + 1; k < sent.first_clause + sent.clause_count; ++k) {
      const Clause& next = a_.clauses[static_cast<std::size_t>(k)];
      if (next.opener < 0 || !(next.opener_classes & m_.c.subordinator)) break;
      end = next.end;
    }
    std::string& out = s.text;
    out.clear();
    int from;
    if (c.subject_tok < 0) {
      if (c.subject != Subject::kYou) return false;
      emit("you", out);
      from = c.content;
    } else {
      if (!words(c.subject_tok, c.subject_tok + 1, out, s)) return false;
      last_ = c.subject_tok;
      if (c.aux_tok >= 0) {
        const Token& aux = tok(c.aux_tok);
        bool plain_do = aux.word == m_.w.do_ || aux.word == m_.w.does || aux.word == m_.w.did;
        if (c.aux_negated || !plain_do) {
          emit(a_.text.substr(aux.start, aux.end - aux.start), out);
          last_ = c.aux_tok;
        }
        if (aux.classes & m_.c.past) s.past = true;
      }
      from = c.subject_tok + 1;
    }
    // "I don't think | you care": the negation belongs to the situation.
    if (c.inherited_negations % 2 == 1) emit("don't", out);
    if (!words(from, end, out, s)) return false;
    if (out.find(' ') == std::string::npos) return false;
    lower_first_pronoun(out);
    // "I need you to call me back" follows from a habit; after one past event it reads oddly.
    if (!s.past) need(c, s.need);
    return true;
  }

  // "you don't listen to me" -> "you to listen to me" in `out`; left empty when the clause has no
  // such shape.
  void need(const Clause& c, std::string& out) {
    out.clear();
    if (c.subject != Subject::kYou) return;
    int k = c.subject_tok >= 0 ? c.subject_tok + 1 : c.content;
    if (c.aux_tok >= 0 && c.aux_negated) {
      const Token& aux = tok(c.aux_tok);
      if (aux.word != m_.w.do_ && aux.word != m_.w.does && aux.word != m_.w.did) return;
    } else {
      bool negated = c.inherited_negations % 2 == 1;
      for (; k < c.end && !negated; ++k) {
        const Token& t = tok(k);
        if (!is_word(k) || (t.classes & (m_.c.complaint_cue | m_.c.modifier))) continue;
        if (t.word == m_.w.never) {
          negated = true;
        } else if ((t.word == m_.w.do_ || t.word == m_.w.does || t.word == m_.w.did) &&
                   k + 1 < c.end && tok(k + 1).word == m_.w.not_) {
          negated = true;
          ++k;
        } else {
          return;
        }
      }
      if (!negated) return;
    }
    while (k + 1 < c.end && is_word(k + 1) &&
           ((tok(k).classes & (m_.c.complaint_cue | m_.c.modifier)) || tok(k).word == m_.w.ever)) {
      ++k;
    }
    if (k >= c.end || (tok(k).classes & m_.c.past)) return;
    Situation ignored;
    last_ = -1;
    out = "you to";
    std::size_t bare = out.size();
    if (!words(k, c.end, out, ignored) || out.size() == bare) out.clear();
  }

  // The situation after an accusing phrase: "Because of you | I had to cancel my plans".
  // A phrase that starts with the partner ("you keep leaving your shoes ...") is itself the
  // situation, to the end of the sentence.
  bool after_hit(const Hit& h, Situation& s) {
    const Sentence& sent = a_.sentences[static_cast<std::size_t>(h.sentence)];
    int k = h.end;
    if (tok(h.begin).classes & (m_.c.you | m_.c.your)) {
      k = h.begin;
    } else {
      while (k < sent.end && !is_word(k)) ++k;
      if (k >= sent.end) return false;
      const std::uint64_t subjectish =
          m_.c.you | m_.c.your | m_.c.i | m_.c.me | m_.c.we | m_.c.pronoun | m_.c.determiner;
      if (!(tok(k).classes & subjectish)) return false;
    }
    std::string& out = s.text;
    out.clear();
    last_ = -1;
    if (!words(k, sent.end, out, s)) return false;
    lower_first_pronoun(out);
    return out.find(' ') != std::string::npos;
  }

  // The situation continues the rewrite's sentence: "You ..." becomes "you ...".
  static void lower_first_pronoun(std::string& out) {
    for (std::string_view w : {"You", "Your", "We", "Our", "It", "The", "My", "They", "This",
                               "That", "YOU", "YOUR", "WE"}) {
      if (out.size() >= w.size() && std::string_view(out).substr(0, w.size()) == w &&
          (out.size() == w.size() || out[w.size()] == ' ' || out[w.size()] == '\'' ||
           static_cast<unsigned char>(out[w.size()]) >= 0x80)) {
        for (std::size_t i = 0; i < w.size(); ++i) {
          out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
        }
        return;
      }
    }
  }

 private:
  const Coach::Model& m_;
  const Analysis& a_;
  int last_ = -1;
};

std::string fill(const Coach::Model& m, std::string_view feel, std::string_view feeling,
                 std::string_view situation, std::string_view need) {
  // One pass over the template: {feel}, {feeling}, {situation} and {need} are replaced.
  const std::string& t = m.rewrite_template;
  std::string out;
  out.reserve(t.size() + feeling.size() + situation.size() + need.size());
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '{') {
      std::string_view rest = std::string_view(t).substr(i);
      std::pair<std::string_view, std::string_view> slots[] = {
          {"{feeling}", feeling}, {"{feel}", feel}, {"{situation}", situation}, {"{need}", need}};
      bool replaced = false;
      for (const auto& [slot, value] : slots) {
        if (rest.starts_with(slot)) {
          out.append(value);
          i += slot.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out.push_back(t[i++]);
  }
  return out;
}

std::string i_statement(const Coach::Model& m, const Analysis& a, Analysis& scratch) {
  Writer w(m, a);
  // Reused between calls on this thread: building a rewrite allocates little.
  thread_local Situation s;
  bool found = false;
  for (const Hit& h : a.hits) {
    if (!h.alive || !h.from_rule || h.clause < 0) continue;
    if (h.flag != static_cast<int>(Flag::kBlame) && h.flag != static_cast<int>(Flag::kAbsolute))
      continue;
    s.past = s.care = false;
    s.need.clear();
    if (w.from_clause(h.clause, s)) {
      found = true;
      break;
    }
  }
  if (!found) {
    for (const Hit& h : a.hits) {
      if (!h.alive || h.from_rule || h.flag != static_cast<int>(Flag::kBlame)) continue;
      s.past = s.care = false;
      s.need.clear();
      if (w.after_hit(h, s)) {
        found = true;
        break;
      }
    }
  }
  if (found) {
    std::string candidate = fill(m, s.past ? "felt" : "feel", s.care ? m.feeling_care : m.feeling,
                                 s.text, s.need.empty() ? m.need_general : s.need);
    analyze(m, candidate, scratch, Depth::kHarshAndIStatements);
    if (scratch.flags.has(Flag::kIStatement) && !scratch.flags.any_harsh()) return candidate;
  }
  return fill(m, "feel", m.feeling, m.situation_unknown, m.need_unknown);
}

}  // namespace

std::optional<std::string> make_rewrite(const Coach::Model& m, const Analysis& a,
                                        Analysis& scratch) {
  const FlagSet& f = a.flags;
  if (f.has(Flag::kBlame) || f.has(Flag::kAbsolute) || f.has(Flag::kCriticism)) {
    return i_statement(m, a, scratch);
  }
  if (f.has(Flag::kContempt)) return m.contempt_prompt;
  if (f.has(Flag::kStonewalling)) return m.stonewalling_script;
  return std::nullopt;
}

}  // namespace hearth::coach
