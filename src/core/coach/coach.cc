#include "core/coach/coach.h"

#include <algorithm>
#include <bit>

#include "core/coach/model.h"

namespace hearth::coach {
namespace {

// ---- Building -----------------------------------------------------------------------------------

Error build_error(const std::string& file, const std::string& message) {
  return Error::make(ErrorCode::kInvalidField, "content-invalid", file + ": " + message);
}

std::string lexicon_file(const Content& content) {
  return content.classes.empty() ? std::string(kLexiconFile) : content.classes.front().source.file;
}

Status add_classes(const Content& content, Coach::Model& m) {
  if (content.classes.size() > 64) {
    return content_error(content.classes[64].source, "too many classes (at most 64)");
  }
  for (std::size_t b = 0; b < content.classes.size(); ++b) {
    m.class_bits.emplace(content.classes[b].name, static_cast<int>(b));
  }
  for (const Contraction& c : content.contractions) {
    std::string form;
    for (std::size_t i = 0; i < c.form.size(); ++i) {
      if (c.form.compare(i, 3, "\u2019") == 0) {  // a curly apostrophe, read as '
        form.push_back('\'');
        i += 2;
      } else {
        form.push_back(c.form[i]);
      }
    }
    std::vector<std::uint32_t> words;
    std::string_view rest = c.expansion;
    while (!rest.empty()) {
      auto sp = rest.find(' ');
      std::string_view w = rest.substr(0, sp);
      if (!w.empty()) words.push_back(m.vocab.intern(w));
      rest.remove_prefix(sp == std::string_view::npos ? rest.size() : sp + 1);
    }
    if (words.empty()) return content_error(c.source, "the expansion is empty");
    std::uint32_t id = m.vocab.intern(form);
    if (words.size() == 1 && words.front() == id) continue;
    m.vocab.set_expansion(id, std::move(words));
  }
  for (std::size_t b = 0; b < content.classes.size(); ++b) {
    const WordClass& wc = content.classes[b];
    std::uint64_t bit = 1ull << b;
    for (const ClassEntry& e : wc.entries) {
      std::vector<Token> toks;
      std::string norm;
      tokenize(e.text, m.vocab, toks, norm);
      std::vector<std::uint32_t> words;
      for (const Token& t : toks) {
        if (t.kind == TokenKind::kPunct) {
          return content_error(
              wc.source, "entry \"" + e.text + "\" of class " + wc.name + " contains punctuation");
        }
        words.push_back(m.vocab.intern(std::string_view(norm).substr(t.norm, t.norm_len)));
      }
      if (words.empty()) {
        return content_error(wc.source,
                             "entry \"" + e.text + "\" of class " + wc.name + " has no word in it");
      }
      if (words.size() == 1) {
        if (e.inflect) {
          for (const std::string& form : inflections(m.vocab.text(words[0]))) {
            m.vocab.add_classes(m.vocab.intern(form), bit);
          }
        } else {
          m.vocab.add_classes(words[0], bit);
        }
        continue;
      }
      auto same = std::find_if(m.phrases.begin(), m.phrases.end(),
                               [&](const Coach::Model::Phrase& p) { return p.words == words; });
      if (same != m.phrases.end()) {
        same->classes |= bit;
      } else {
        m.phrases.push_back({std::move(words), bit});
      }
    }
  }
  return Status::Ok();
}

Status find_core_classes(const Content& content, Coach::Model& m) {
  auto bits = [&](std::string_view name, std::uint64_t& out) -> Status {
    auto it = m.class_bits.find(std::string(name));
    if (it == m.class_bits.end()) {
      return build_error(lexicon_file(content),
                         "the coach needs a class named \"" + std::string(name) + "\"");
    }
    out = 1ull << it->second;
    return Status::Ok();
  };
  CoreClasses& c = m.c;
  const std::pair<std::string_view, std::uint64_t*> required[] = {
      {"you", &c.you},
      {"your", &c.your},
      {"i", &c.i},
      {"me", &c.me},
      {"we", &c.we},
      {"pronoun", &c.pronoun},
      {"determiner", &c.determiner},
      {"negator", &c.negator},
      {"absolute", &c.absolute},
      {"absolute_opener", &c.absolute_opener},
      {"complaint_cue", &c.complaint_cue},
      {"positive", &c.positive},
      {"negative", &c.negative},
      {"discourse", &c.discourse},
      {"clause_break", &c.clause_break},
      {"subordinator", &c.subordinator},
      {"situation_opener", &c.situation_opener},
      {"disguise_verb", &c.disguise_verb},
      {"past", &c.past},
      {"aux", &c.aux},
      {"request_aux", &c.request_aux},
      {"question_word", &c.question_word},
      {"care_verb", &c.care_verb},
      {"modifier", &c.modifier},
  };
  for (const auto& [name, out] : required) {
    if (Status s = bits(name, *out); !s.ok()) return s;
  }
  c.ur_you_are = c.negative | c.positive | c.modifier | c.absolute | c.negator;
  for (std::string_view judgement : {"trait", "trait_noun", "insult", "insult_noun"}) {
    auto it = m.class_bits.find(std::string(judgement));
    if (it != m.class_bits.end()) c.judgement |= 1ull << it->second;
  }
  for (std::string_view optional : {"trait", "trait_noun", "insult", "praise", "feeling_bad",
                                    "feeling_good", "their_feeling"}) {
    auto it = m.class_bits.find(std::string(optional));
    if (it != m.class_bits.end()) c.ur_you_are |= 1ull << it->second;
  }
  CoreWords& w = m.w;
  const std::pair<std::string_view, std::uint32_t*> words[] = {
      {"ur", &w.ur},
      {"you", &w.you},
      {"are", &w.are},
      {"like", &w.like},
      {"that", &w.that},
      {"as", &w.as},
      {"if", &w.if_},
      {"though", &w.though},
      {"why", &w.why},
      {"how", &w.how},
      {"come", &w.come},
      {"please", &w.please},
      {"never", &w.never},
      {"not", &w.not_},
      {"do", &w.do_},
      {"does", &w.does},
      {"did", &w.did},
      {"nothing", &w.nothing},
      {"everything", &w.everything},
      {"it", &w.it},
      {"ever", &w.ever},
      {"believe", &w.believe},
      {"wonder", &w.wonder},
      {"wondering", &w.wondering},
      {"doubt", &w.doubt},
  };
  for (const auto& [text, out] : words) *out = m.vocab.intern(text);
  return Status::Ok();
}

Status add_rules(const Content& content, Coach::Model& m) {
  std::uint64_t negator_bits = m.c.negator;
  for (const PatternRule& r : content.patterns) {
    auto p = Pattern::compile(r.pattern, r.source, m.vocab, m.class_bits, negator_bits);
    if (!p) return p.error();
    Rule rule{std::move(*p), -1, r.reason, false, {}};
    if (r.flag != "shield") rule.flag = static_cast<int>(*flag_from_name(r.flag));
    rule.negation_ok = rule.pattern.mentions_negation();
    m.rules.push_back(std::move(rule));
  }
  return Status::Ok();
}

void index_everything(Coach::Model& m) {
  m.phrases_by_first.assign(m.vocab.size(), {});
  for (std::uint32_t p = 0; p < m.phrases.size(); ++p) {
    m.phrases_by_first[m.phrases[p].words.front()].push_back(p);
  }
  for (auto& list : m.phrases_by_first) {
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return m.phrases[a].words.size() > m.phrases[b].words.size();
    });
  }
  // How common an anchor is, roughly: function words and big classes are everywhere.
  const std::uint64_t function_words = m.c.you | m.c.your | m.c.i | m.c.me | m.c.we | m.c.aux |
                                       m.c.negator | m.c.determiner | m.c.pronoun |
                                       m.c.clause_break;
  const std::uint64_t small_words = m.c.modifier | m.c.discourse;
  auto word_cost = [&](std::uint32_t w) {
    std::uint64_t bits = m.vocab.classes(w);
    return (bits & function_words) ? 10.0 : (bits & small_words) ? 1.0 : 0.01;
  };
  std::array<double, 64> class_cost{};
  for (std::uint32_t w = 1; w < m.vocab.size(); ++w) {
    for (std::uint64_t bits = m.vocab.classes(w); bits; bits &= bits - 1) {
      class_cost[static_cast<std::size_t>(std::countr_zero(bits))] += word_cost(w);
    }
  }
  for (const auto& p : m.phrases) {
    for (std::uint64_t bits = p.classes; bits; bits &= bits - 1) {
      class_cost[static_cast<std::size_t>(std::countr_zero(bits))] += word_cost(p.words.front());
    }
  }
  struct CostContext {
    const Coach::Model* m;
    std::uint64_t function_words, small_words;
    const std::array<double, 64>* class_cost;
  } context{&m, function_words, small_words, &class_cost};
  auto set_cost = [](const Pattern::FirstSet& f, const void* raw) {
    const auto& ctx = *static_cast<const CostContext*>(raw);
    if (f.wild) return 1e9;
    double c = 0;
    for (std::uint32_t w : f.words) {
      std::uint64_t bits = ctx.m->vocab.classes(w);
      c += (bits & ctx.function_words) ? 10.0 : (bits & ctx.small_words) ? 1.0 : 0.01;
    }
    for (std::uint64_t bits = f.classes; bits; bits &= bits - 1) {
      c += (*ctx.class_cost)[static_cast<std::size_t>(std::countr_zero(bits))];
    }
    return c;
  };
  auto cost = [&](const Pattern::FirstSet& f) { return set_cost(f, &context); };
  m.rules_by_word.assign(m.vocab.size(), {});
  m.signatures.assign(m.rules.size(), RuleSignature{});
  m.helpful_only.assign(m.rules.size(), false);
  for (std::size_t r = 0; r < m.rules.size(); ++r) {
    int f = m.rules[r].flag;
    m.helpful_only[r] = f == static_cast<int>(Flag::kValidation) ||
                        f == static_cast<int>(Flag::kAppreciation) ||
                        f == static_cast<int>(Flag::kRepair);
  }
  for (std::uint32_t r = 0; r < m.rules.size(); ++r) {
    Rule& rule = m.rules[r];
    RuleSignature& sig = m.signatures[r];
    auto first = rule.pattern.first_set();
    rule.first_words = first.words;
    sig.first_classes = first.classes;
    sig.first_wild = first.wild;
    for (std::uint32_t w : first.words) bloom_add(sig.first_words, w);
    const Pattern::FirstSet* anchor = nullptr;
    auto required = rule.pattern.required_sets(set_cost, &context);
    sig.at_start = rule.pattern.anchored_at_start();
    if (auto second = rule.pattern.second_set()) {
      sig.has_second = true;
      sig.second_classes = second->classes;
      for (std::uint32_t w : second->words) bloom_add(sig.second_words, w);
    }
    for (const auto& set : required) {
      if (!anchor || cost(set) < cost(*anchor)) anchor = &set;
    }
    // compile() refuses patterns that can match nothing, so there is always a required element;
    // one made only of wildcards is anchored by its first set instead.
    if (!anchor || anchor->wild) anchor = &first;
    for (const auto& set : required) {
      if (set.wild || sig.need_count == RuleSignature::kMaxNeeds) continue;
      RuleSignature::Need& need = sig.needs[static_cast<std::size_t>(sig.need_count++)];
      need.classes = set.classes;
      for (std::uint32_t w : set.words) bloom_add(need.words, w);
    }
    for (std::uint32_t w : anchor->words) m.rules_by_word[w].push_back(r);
    for (std::uint64_t bits = anchor->classes; bits; bits &= bits - 1) {
      m.rules_by_class[static_cast<std::size_t>(std::countr_zero(bits))].push_back(r);
    }
    m.anchor_classes |= anchor->classes;
  }
}

Status add_texts(const Content& content, Coach::Model& m) {
  for (const Text& t : content.texts) m.texts.emplace(t.key, t.text);
  std::string file =
      content.texts.empty() ? std::string(kTextsFile) : content.texts.front().source.file;
  auto need = [&](std::string_view key, std::string* out) -> Status {
    auto it = m.texts.find(std::string(key));
    if (it == m.texts.end()) return build_error(file, "missing the key " + std::string(key));
    if (out) *out = it->second;
    return Status::Ok();
  };
  const std::pair<std::string_view, std::string*> keys[] = {
      {"reason.you-accusation", &m.reason_you_accusation},
      {"reason.you-generalisation", &m.reason_you_generalisation},
      {"reason.couple-generalisation", &m.reason_couple_generalisation},
      {"reason.disguised-you", &m.reason_disguised_you},
      {"reason.positive-generalisation", &m.reason_positive_generalisation},
      {"rewrite.i-statement", &m.rewrite_template},
      {"rewrite.feeling", &m.feeling},
      {"rewrite.feeling-care", &m.feeling_care},
      {"rewrite.situation-unknown", &m.situation_unknown},
      {"rewrite.need-unknown", &m.need_unknown},
      {"rewrite.need-general", &m.need_general},
      {"rewrite.stonewalling", &m.stonewalling_script},
      {"rewrite.contempt", &m.contempt_prompt},
  };
  for (const auto& [key, out] : keys) {
    if (Status s = need(key, out); !s.ok()) return s;
  }
  const std::string& tmpl = m.rewrite_template;
  for (std::string_view slot : {"{feel}", "{feeling}", "{situation}", "{need}"}) {
    if (tmpl.find(slot) == std::string::npos) {
      auto src = std::find_if(content.texts.begin(), content.texts.end(),
                              [](const Text& t) { return t.key == "rewrite.i-statement"; });
      return content_error(src->source, "rewrite.i-statement must contain " + std::string(slot));
    }
  }
  for (const TipRule& t : content.tips) {
    std::size_t slot =
        t.flag == "none" ? kFlagCount : static_cast<std::size_t>(*flag_from_name(t.flag));
    m.tips[slot].push_back(t.text);
  }
  std::string tips_file =
      content.tips.empty() ? std::string(kTipsFile) : content.tips.front().source.file;
  for (int f = 0; f <= kFlagCount; ++f) {
    if (m.tips[static_cast<std::size_t>(f)].empty()) {
      std::string name =
          f == kFlagCount ? "none" : std::string(kFlagNames[static_cast<std::size_t>(f)]);
      return build_error(tips_file, "no tip for " + name);
    }
  }
  return Status::Ok();
}

// ---- Analysis -----------------------------------------------------------------------------------

using Model = Coach::Model;

struct View {
  const Model& m;
  Analysis& a;

  const Token& tok(int i) const { return a.toks[static_cast<std::size_t>(i)]; }
  bool is_word(int i) const { return tok(i).kind != TokenKind::kPunct; }
  // The longest phrase starting at token i that has any of `bits`, or nullptr.
  const PhraseSpan* phrase(int i, std::uint64_t bits) const {
    for (std::uint32_t p = a.phrase_begin[static_cast<std::size_t>(i)];
         p < a.phrase_begin[static_cast<std::size_t>(i) + 1]; ++p) {
      if (a.phrases[p].classes & bits) return &a.phrases[p];
    }
    return nullptr;
  }
  // Classes of token i, plus those of phrases starting there.
  std::uint64_t classes_at(int i) const {
    std::uint64_t bits = tok(i).classes;
    for (std::uint32_t p = a.phrase_begin[static_cast<std::size_t>(i)];
         p < a.phrase_begin[static_cast<std::size_t>(i) + 1]; ++p) {
      bits |= a.phrases[p].classes;
    }
    return bits;
  }
};

void tokenize_message(const Model& m, Analysis& a) {
  a.toks.clear();
  a.norm.clear();
  a.norm.reserve(a.text.size() * 2 + 16);
  tokenize(a.text, m.vocab, a.toks, a.norm);
  // "ur" is "your" unless what follows reads as a description: "ur so lazy", "ur always late".
  for (std::size_t i = 0; i < a.toks.size(); ++i) {
    Token& t = a.toks[i];
    if (t.written != m.w.ur || t.kind != TokenKind::kWord || i + 1 >= a.toks.size()) continue;
    const Token& next = a.toks[i + 1];
    bool ing = next.norm_len > 4 &&
               std::string_view(a.norm).substr(next.norm, next.norm_len).ends_with("ing");
    if (!(next.classes & m.c.ur_you_are) && !ing) continue;
    Token you = t, are = t;
    you.word = m.w.you;
    are.word = m.w.are;
    you.expanded = are.expanded = true;
    you.classes = m.vocab.classes(you.word);
    are.classes = m.vocab.classes(are.word);
    a.toks[i] = you;
    a.toks.insert(a.toks.begin() + static_cast<std::ptrdiff_t>(i) + 1, are);
    ++i;
  }
}

void find_phrases(const Model& m, Analysis& a) {
  const std::size_t n = a.toks.size();
  a.phrases.clear();
  a.phrase_begin.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    a.phrase_begin[i] = static_cast<std::uint32_t>(a.phrases.size());
    const Token& t = a.toks[i];
    if (t.kind == TokenKind::kPunct || t.word >= m.phrases_by_first.size()) continue;
    for (std::uint32_t pid : m.phrases_by_first[t.word]) {
      const auto& ph = m.phrases[pid];
      std::size_t len = ph.words.size();
      if (i + len > n) continue;
      bool ok = true;
      for (std::size_t k = 1; k < len && ok; ++k) {
        const Token& u = a.toks[i + k];
        ok = u.kind != TokenKind::kPunct && u.word == ph.words[k];
      }
      if (ok) a.phrases.push_back({static_cast<int>(len), ph.classes});
    }
  }
  a.phrase_begin[n] = static_cast<std::uint32_t>(a.phrases.size());
}

bool is_terminal(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == '\n');
}

void find_sentences(Analysis& a) {
  a.sentences.clear();
  const int n = static_cast<int>(a.toks.size());
  int start = 0;
  auto push = [&](int end) {
    for (int k = start; k < end; ++k) {
      if (a.toks[static_cast<std::size_t>(k)].kind != TokenKind::kPunct) {
        Sentence s;
        s.begin = start;
        s.end = end;
        a.sentences.push_back(s);
        break;
      }
    }
    start = end;
  };
  for (int i = 0; i < n; ++i) {
    if (!is_terminal(a.toks[static_cast<std::size_t>(i)])) continue;
    int j = i;
    while (j < n && (is_terminal(a.toks[static_cast<std::size_t>(j)]) ||
                     (a.toks[static_cast<std::size_t>(j)].kind == TokenKind::kPunct &&
                      a.toks[static_cast<std::size_t>(j)].punct != '-'))) {
      ++j;
    }
    push(j);
    i = j - 1;
  }
  if (start < n) push(n);
}

// The first word of [begin, end) that is not a discourse word, or -1.
int first_content(const View& v, int begin, int end) {
  for (int i = begin; i < end; ++i) {
    if (!v.is_word(i)) continue;
    if (v.tok(i).classes & v.m.c.discourse) continue;
    return i;
  }
  return -1;
}

bool is_connector(const Model& m, const Token& t) {
  return t.word == m.w.like || t.word == m.w.that || t.word == m.w.as || t.word == m.w.if_ ||
         t.word == m.w.though;
}

void split_clauses(const View& v, int si) {
  const Model& m = v.m;
  Analysis& a = v.a;
  Sentence& s = a.sentences[static_cast<std::size_t>(si)];
  s.first_clause = static_cast<int>(a.clauses.size());
  int cb = s.begin;
  Clause next;
  auto close = [&](int end) {
    bool has_word = false;
    for (int k = cb; k < end && !has_word; ++k) has_word = v.is_word(k);
    if (has_word) {
      next.begin = cb;
      next.end = end;
      next.sentence = si;
      a.clauses.push_back(next);
    }
    next = Clause{};
  };
  const std::uint64_t subjectish = m.c.you | m.c.your | m.c.i | m.c.me | m.c.we | m.c.pronoun;
  for (int i = s.begin; i < s.end;) {
    const Token& t = v.tok(i);
    if (t.kind == TokenKind::kPunct) {
      if (t.punct == ',' || t.punct == ';' || t.punct == ':' || t.punct == '-') {
        close(i);
        cb = i + 1;
      }
      ++i;
      continue;
    }
    const PhraseSpan* pb = v.phrase(i, m.c.clause_break);
    std::uint64_t bits = pb ? pb->classes : t.classes;
    int len = pb ? pb->len : 1;
    if (bits & m.c.clause_break) {
      bool split = true;
      if (!pb && (t.classes & m.c.modifier)) {  // "so": "so you ..." splits, "so lazy" does not
        split = i + 1 < s.end && (v.tok(i + 1).classes & subjectish);
      }
      if (split) {
        if (i > cb) close(i);
        cb = i;
        next.opener = i;
        next.opener_len = len;
        next.opener_classes = bits;
        i += len;
        continue;
      }
    }
    const PhraseSpan* pd = v.phrase(i, m.c.disguise_verb);
    if (pd || (t.classes & m.c.disguise_verb)) {
      int after = i + (pd ? pd->len : 1);
      int j = after;
      while (j < s.end && j < after + 2 && is_connector(m, v.tok(j))) ++j;
      int first = first_content(v, cb == next.opener ? cb + next.opener_len : cb, i);
      // "I (really, do, am) feel like you ...": only small words between the subject and the verb.
      bool close_to_subject = first >= 0 && first < i;
      int negations = 0;
      for (int k = first + 1; close_to_subject && k < i; ++k) {
        const std::uint64_t bits = v.tok(k).classes;
        close_to_subject = (bits & (m.c.discourse | m.c.modifier | m.c.aux | m.c.negator)) != 0;
        if (bits & m.c.negator) ++negations;
      }
      // "I don't think you care" says the opposite of "you care"; "I can't believe you forgot"
      // does not deny that you forgot.
      if (t.word == m.w.believe) negations = 0;
      bool doubt = t.word == m.w.wonder || t.word == m.w.wondering || t.word == m.w.doubt;
      if (j < s.end && (v.tok(j).classes & (m.c.you | m.c.your)) && close_to_subject &&
          ((v.tok(first).classes & m.c.i) || v.tok(first).word == m.w.it)) {
        close(after);
        cb = after;
        next.embedded = true;
        next.inherited_negations = negations;
        next.doubt = doubt;
        i = after;
        continue;
      }
    }
    ++i;
  }
  close(s.end);
  s.clause_count = static_cast<int>(a.clauses.size()) - s.first_clause;
}

void find_subject(const View& v, int ci) {
  const Model& m = v.m;
  Clause& c = v.a.clauses[static_cast<std::size_t>(ci)];
  int j = c.begin;
  if (c.opener == c.begin) j += c.opener_len;
  for (int k = c.begin; k < c.end; ++k) {
    if (v.tok(k).word == m.w.please) c.request = true;
  }
  while (j < c.end) {
    const Token& t = v.tok(j);
    bool skip = t.kind == TokenKind::kPunct || (t.classes & m.c.discourse) ||
                (c.embedded && is_connector(m, t));
    // "Every single day you ...": a generalising phrase before the subject.
    if (!skip) {
      if (const PhraseSpan* p = v.phrase(j, m.c.absolute)) {
        j += p->len;
        continue;
      }
      break;
    }
    ++j;
  }
  c.content = j;
  if (j < c.end && v.tok(j).word == m.w.why) {
    c.why = true;
    ++j;
  } else if (j + 1 < c.end && v.tok(j).word == m.w.how && v.tok(j + 1).word == m.w.come) {
    c.why = true;
    j += 2;
  } else if (j < c.end && (v.tok(j).classes & m.c.question_word)) {
    ++j;
  }
  if (j < c.end && (v.tok(j).classes & m.c.aux)) {
    int aux = j;
    int k = j + 1;
    bool negated = false;
    if (k < c.end && v.tok(k).word == m.w.not_) {
      negated = true;
      ++k;
    }
    // Only an inversion ("did you", "can't you") puts the auxiliary before the subject.
    if (k < c.end && (v.tok(k).classes & (m.c.you | m.c.your | m.c.i | m.c.we | m.c.pronoun))) {
      c.aux_tok = aux;
      c.aux_negated = negated;
      j = k;
    }
  }
  if (j >= c.end) return;
  const Token& t = v.tok(j);
  const PhraseSpan* we_phrase = v.phrase(j, m.c.we);
  if (t.classes & m.c.you) {
    c.subject = Subject::kYou;
  } else if (t.classes & m.c.your) {
    c.subject = Subject::kYour;
  } else if (t.classes & (m.c.i | m.c.me)) {
    c.subject = Subject::kI;
  } else if ((t.classes & m.c.we) || we_phrase) {
    c.subject = Subject::kWe;
  } else if (t.classes & (m.c.pronoun | m.c.determiner)) {
    c.subject = Subject::kOther;
  }
  if (c.subject != Subject::kNone) {
    c.subject_tok = j;
  } else if (c.aux_tok < 0 && c.opener >= 0 && !(c.opener_classes & m.c.subordinator) &&
             ci > v.a.sentences[static_cast<std::size_t>(c.sentence)].first_clause) {
    // "You ignored me and laughed at me": a coordinated clause without a subject of its own.
    const Clause& prev = v.a.clauses[static_cast<std::size_t>(ci) - 1];
    c.subject = prev.subject;
    c.subject_tok = -1;
    c.embedded = prev.embedded;
  } else if (c.aux_tok < 0) {
    c.subject = Subject::kNone;  // an imperative or a fragment
  } else {
    c.subject = Subject::kOther;
  }
  if (c.aux_tok == c.content && (v.tok(c.aux_tok).classes & m.c.request_aux) && !c.aux_negated &&
      c.subject == Subject::kYou) {
    c.request = true;
  }
}

void find_pattern_hits(const View& v, int si, Depth depth) {
  const Model& m = v.m;
  Analysis& a = v.a;
  const Sentence& s = a.sentences[static_cast<std::size_t>(si)];
  MatchView mv;
  mv.toks = a.toks.data();
  mv.norm = a.norm;
  mv.phrases = a.phrases.data();
  mv.phrase_begin = a.phrase_begin.data();
  mv.begin = s.begin;
  mv.end = s.end;
  // The rules whose anchor occurs in this sentence.
  ++a.stamp;
  a.candidates.clear();
  // The sentence's signature: its classes and (roughly) its words.
  std::uint64_t sentence_classes = 0;
  WordBloom sentence_words{};
  a.pos_classes.resize(a.toks.size());
  a.pos_bloom_bit.resize(a.toks.size());
  for (int pos = s.begin; pos < s.end; ++pos) {
    const Token& t = v.tok(pos);
    std::uint64_t bits = t.kind == TokenKind::kPunct ? 0 : v.classes_at(pos);
    a.pos_classes[static_cast<std::size_t>(pos)] = bits;
    a.pos_bloom_bit[static_cast<std::size_t>(pos)] = static_cast<std::uint8_t>(bloom_bit(t.word));
    if (t.kind == TokenKind::kPunct) continue;
    sentence_classes |= bits;
    bloom_add(sentence_words, t.word);
  }
  // Rules whose anchor occurs here and whose every needed element is present.
  auto consider = [&](const std::vector<std::uint32_t>& rules) {
    for (std::uint32_t r : rules) {
      if (a.tried[r] == a.stamp) continue;
      a.tried[r] = a.stamp;
      if (depth == Depth::kHarshAndIStatements && m.helpful_only[r]) continue;
      const RuleSignature& sig = m.signatures[r];
      bool possible = true;
      for (int n = 0; n < sig.need_count && possible; ++n) {
        const auto& need = sig.needs[static_cast<std::size_t>(n)];
        possible = (need.classes & sentence_classes) || bloom_meets(need.words, sentence_words);
      }
      if (possible) a.candidates.push_back(r);
    }
  };
  for (int pos = s.begin; pos < s.end; ++pos) {
    const Token& t = v.tok(pos);
    if (t.kind == TokenKind::kPunct) continue;
    if (t.word < m.rules_by_word.size()) consider(m.rules_by_word[t.word]);
    for (std::uint64_t bits = a.pos_classes[static_cast<std::size_t>(pos)] & m.anchor_classes; bits;
         bits &= bits - 1) {
      consider(m.rules_by_class[static_cast<std::size_t>(std::countr_zero(bits))]);
    }
  }
  int first_word = s.begin;
  while (first_word < s.end && v.tok(first_word).kind != TokenKind::kWord) ++first_word;
  for (std::uint32_t r : a.candidates) {
    const Rule& rule = m.rules[r];
    const RuleSignature& sig = m.signatures[r];
    const int last = sig.at_start ? std::min(first_word + 1, s.end) : s.end;
    for (int pos = sig.at_start ? s.begin : s.begin; pos < last; ++pos) {
      const Token& t = v.tok(pos);
      if (!sig.first_wild) {
        if (t.kind == TokenKind::kPunct) continue;
        const auto p = static_cast<std::size_t>(pos);
        bool may_start =
            (a.pos_classes[p] & sig.first_classes) != 0 ||
            (bloom_has(sig.first_words, a.pos_bloom_bit[p]) &&
             std::binary_search(rule.first_words.begin(), rule.first_words.end(), t.word));
        if (!may_start) continue;
        if (sig.has_second) {
          // The token right after the first word must be able to start the second element.
          if (pos + 1 >= s.end) continue;
          const auto q = static_cast<std::size_t>(pos + 1);
          bool punct = v.tok(pos + 1).kind == TokenKind::kPunct;
          if (punct || (!(a.pos_classes[q] & sig.second_classes) &&
                        !bloom_has(sig.second_words, a.pos_bloom_bit[q]))) {
            continue;
          }
        }
      }
      int end = rule.pattern.match(mv, pos);
      if (end < 0) continue;
      if (!rule.negation_ok && rule.flag >= 0 && t.kind != TokenKind::kPunct) {
        // "I'm not blaming you", "I'm not saying it's your fault": a negation shortly before,
        // in the same clause, cancels the match.
        bool negated = false;
        int seen = 0;
        for (int k = pos - 1; k >= s.begin && seen < 5; --k) {
          const Token& b = v.tok(k);
          if (b.kind == TokenKind::kPunct) break;
          if (b.classes & m.c.negator) {
            negated = true;
            break;
          }
          if (b.classes & m.c.clause_break) break;
          ++seen;
        }
        if (negated) continue;
      }
      Hit h;
      h.flag = rule.flag;
      h.sentence = si;
      h.begin = pos;
      h.end = end;
      h.reason = &rule.reason;
      a.hits.push_back(h);
      pos = end - 1;  // the next match of this rule starts after this one
    }
  }
}

bool overlaps(const Hit& h, int begin, int end) { return h.begin < end && h.end > begin; }

struct ClauseFeatures {
  int negatives = 0, positives = 0;
  int absolute = -1, absolute_len = 0;
  bool cue = false, care = false;
};

ClauseFeatures features(const View& v, const Clause& c) {
  const Model& m = v.m;
  ClauseFeatures f;
  int i = c.opener == c.begin ? c.begin + c.opener_len : c.begin;
  const std::uint64_t negative = m.c.negative | m.c.judgement;
  const std::uint64_t polar = m.c.negator | negative | m.c.positive;
  while (i < c.end) {
    if (!v.is_word(i)) {
      ++i;
      continue;
    }
    // A second "you" starts a clause of its own ("you never admit | you're wrong"): what it
    // says is not said about the partner.
    if (i > c.subject_tok && c.subject_tok >= 0 && (v.tok(i).classes & m.c.you)) {
      break;
    }
    const PhraseSpan* p = v.phrase(i, polar | m.c.absolute | m.c.complaint_cue | m.c.care_verb);
    std::uint64_t bits = p ? p->classes : v.tok(i).classes;
    int len = p ? p->len : 1;
    if (bits & (m.c.negator | negative)) {
      ++f.negatives;
    } else if (bits & m.c.positive) {
      ++f.positives;
    }
    if ((bits & m.c.absolute) && f.absolute < 0) {
      f.absolute = i;
      f.absolute_len = len;
    }
    // A generalisation inside a longer phrase still counts ("make everything easier").
    for (int k = i + 1; p && k < i + len && f.absolute < 0; ++k) {
      if (v.tok(k).classes & m.c.absolute) {
        f.absolute = k;
        f.absolute_len = 1;
      }
    }
    if (bits & m.c.complaint_cue) f.cue = true;
    if (bits & m.c.care_verb) f.care = true;
    i += len;
  }
  return f;
}

Polarity polarity(const ClauseFeatures& f) {
  if (f.negatives % 2 == 1) return Polarity::kNegative;
  if (f.negatives > 0 || f.positives > 0) return Polarity::kPositive;
  return Polarity::kNeutral;
}

// The coach's own rules about clauses: accusations, generalisations, disguised you-statements.
void clause_rules(const View& v, int si) {
  const Model& m = v.m;
  Analysis& a = v.a;
  Sentence& s = a.sentences[static_cast<std::size_t>(si)];
  int opener_abs = -1, opener_abs_len = 0;
  for (int ci = s.first_clause; ci < s.first_clause + s.clause_count; ++ci) {
    const Clause& c = a.clauses[static_cast<std::size_t>(ci)];
    if (c.opener >= 0 && (c.opener_classes & m.c.absolute_opener)) {
      opener_abs = c.opener;
      opener_abs_len = c.opener_len;
    }
  }
  const std::size_t hit_count = a.hits.size();
  for (int ci = s.first_clause; ci < s.first_clause + s.clause_count; ++ci) {
    const Clause& c = a.clauses[static_cast<std::size_t>(ci)];
    bool shielded = false, statement_elsewhere = false;
    for (std::size_t h = 0; h < hit_count; ++h) {
      const Hit& hit = a.hits[h];
      if (hit.sentence != si || !hit.alive) continue;
      bool inside = overlaps(hit, c.begin, c.end);
      Flag f = static_cast<Flag>(hit.flag);
      if (inside && (hit.flag < 0 || f == Flag::kValidation || f == Flag::kAppreciation ||
                     f == Flag::kRepair)) {
        shielded = true;
      }
      // An I-statement that starts outside this clause ("I worry | when you ...").
      bool starts_inside = hit.begin >= c.begin && hit.begin < c.end;
      if (!starts_inside && hit.flag == static_cast<int>(Flag::kIStatement)) {
        statement_elsewhere = true;
      }
    }
    if (shielded) continue;
    ClauseFeatures f = features(v, c);
    f.negatives += c.inherited_negations;
    // "I wonder if you even care": doubting, with a complaint word, says you don't.
    if (c.doubt && f.cue) ++f.negatives;
    f.cue = f.cue || s.carry_cue;
    Polarity pol = polarity(f);
    bool about_partner = c.subject == Subject::kYou || c.subject == Subject::kYour;
    // "Everything is always about you": a generalisation whose subject is not the partner but
    // which is about them.
    if (!about_partner && c.subject == Subject::kOther && f.absolute >= 0 &&
        pol != Polarity::kPositive) {
      for (int k = c.subject_tok + 1; k < c.end && !about_partner; ++k) {
        about_partner = (v.tok(k).classes & (m.c.you | m.c.your)) != 0;
      }
    }
    if (about_partner) {
      bool general = f.absolute >= 0 || opener_abs >= 0;
      if (c.request && !general && !f.cue) continue;
      if (c.aux_tok >= 0 && !c.why && !general && !f.cue) continue;  // "did you feed the cat?"
      if (c.why || s.why) {
        if (f.negatives == 0 && !general && !f.cue) continue;
        pol = Polarity::kNegative;  // "why do you always ...?" is never praise
      }
      // "I feel hurt when you ignore me": the situation of an I-statement, not an accusation.
      if (c.opener >= 0 && (c.opener_classes & m.c.subordinator) && statement_elsewhere &&
          f.absolute < 0 && opener_abs < 0) {
        continue;
      }
      int from = c.subject_tok >= 0 ? c.subject_tok : c.content;
      Hit blame;
      blame.flag = static_cast<int>(Flag::kBlame);
      blame.sentence = si;
      blame.clause = ci;
      blame.begin = from;
      blame.end = c.end;
      blame.from_rule = true;
      blame.reason = c.embedded ? &m.reason_disguised_you : &m.reason_you_accusation;
      while (blame.end > blame.begin && !v.is_word(blame.end - 1)) --blame.end;
      if (general) {
        if (pol == Polarity::kPositive) {
          Hit praise = blame;
          praise.flag = static_cast<int>(Flag::kAppreciation);
          praise.reason = &m.reason_positive_generalisation;
          a.hits.push_back(praise);
          continue;
        }
        Hit abs = blame;
        abs.flag = static_cast<int>(Flag::kAbsolute);
        abs.begin = f.absolute >= 0 ? f.absolute : opener_abs;
        abs.end = abs.begin + (f.absolute >= 0 ? f.absolute_len : opener_abs_len);
        abs.reason = &m.reason_you_generalisation;
        a.hits.push_back(abs);
        a.hits.push_back(blame);
        if (c.embedded) s.disguised = true;
      } else if (pol == Polarity::kNegative || (f.cue && pol != Polarity::kPositive)) {
        a.hits.push_back(blame);
        if (c.embedded) s.disguised = true;
      }
      continue;
    }
    if (c.subject == Subject::kI) continue;
    bool about_us = c.subject == Subject::kWe;
    if (!about_us) {
      for (int k = c.begin; k < c.end && !about_us; ++k)
        about_us = (v.tok(k).classes & m.c.we) != 0;
    }
    if (about_us && f.absolute >= 0 && pol == Polarity::kNegative) {
      Hit abs;
      abs.flag = static_cast<int>(Flag::kAbsolute);
      abs.sentence = si;
      abs.clause = ci;
      abs.begin = f.absolute;
      abs.end = f.absolute + f.absolute_len;
      abs.from_rule = true;
      abs.reason = &m.reason_couple_generalisation;
      a.hits.push_back(abs);
    }
  }
}

void resolve(const View& v) {
  Analysis& a = v.a;
  auto& hits = a.hits;
  // A pattern inside a longer pattern of another flag gives way ("I'm sorry you feel that way"
  // is not an apology).
  // A shield also takes away the patterns inside it ("sorry, can you pass the salt?").
  for (auto& inner : hits) {
    if (inner.flag < 0 || inner.from_rule || inner.flag == static_cast<int>(Flag::kAbsolute)) {
      continue;
    }
    for (const auto& outer : hits) {
      if (&outer == &inner || outer.from_rule || outer.flag == inner.flag ||
          outer.flag == static_cast<int>(Flag::kAbsolute) || outer.sentence != inner.sentence) {
        continue;
      }
      if (outer.begin <= inner.begin && outer.end >= inner.end &&
          outer.end - outer.begin > inner.end - inner.begin) {
        inner.alive = false;
        break;
      }
    }
  }
  // "You're always there when I need you": a need inside a condition is part of the situation,
  // not an I-statement.
  for (auto& h : hits) {
    if (!h.alive || h.flag != static_cast<int>(Flag::kIStatement)) continue;
    const Sentence& s = a.sentences[static_cast<std::size_t>(h.sentence)];
    for (int ci = s.first_clause; ci < s.first_clause + s.clause_count; ++ci) {
      const Clause& c = a.clauses[static_cast<std::size_t>(ci)];
      if (h.begin < c.begin || h.begin >= c.end) continue;
      if (c.opener >= 0 && c.opener < h.begin && (c.opener_classes & v.m.c.situation_opener)) {
        h.alive = false;
      }
      break;
    }
  }
  // "I felt hurt when you left the door open": the situation of an I-statement is not an
  // accusation, unless it generalises.
  for (auto& h : hits) {
    if (!h.alive || h.from_rule || h.flag != static_cast<int>(Flag::kBlame)) continue;
    const Sentence& s = a.sentences[static_cast<std::size_t>(h.sentence)];
    for (int ci = s.first_clause; ci < s.first_clause + s.clause_count; ++ci) {
      const Clause& c = a.clauses[static_cast<std::size_t>(ci)];
      if (h.begin < c.begin || h.begin >= c.end) continue;
      if (c.opener < 0 || !(c.opener_classes & v.m.c.subordinator)) break;
      bool statement = false, general = false;
      for (const auto& other : hits) {
        if (!other.alive || other.sentence != h.sentence) continue;
        bool inside = overlaps(other, c.begin, c.end);
        bool starts_inside = other.begin >= c.begin && other.begin < c.end;
        if (!starts_inside && other.flag == static_cast<int>(Flag::kIStatement)) statement = true;
        if (inside && other.flag == static_cast<int>(Flag::kAbsolute)) general = true;
      }
      if (statement && !general) h.alive = false;
      break;
    }
  }
  // A heart next to a reflection or an apology is warmth, not a separate thank-you.
  for (auto& h : hits) {
    if (!h.alive || h.flag != static_cast<int>(Flag::kAppreciation) || h.end - h.begin != 1 ||
        a.toks[static_cast<std::size_t>(h.begin)].kind != TokenKind::kSymbol) {
      continue;
    }
    for (const auto& other : hits) {
      if (other.alive && other.sentence == h.sentence && other.flag >= 0 &&
          other.flag != static_cast<int>(Flag::kAppreciation) &&
          !is_harsh(static_cast<Flag>(other.flag))) {
        h.alive = false;
        break;
      }
    }
  }
  // Precedence inside a sentence (content/coach/README.md explains it).
  for (int si = 0; si < static_cast<int>(a.sentences.size()); ++si) {
    FlagSet present;
    for (const auto& h : hits) {
      if (h.alive && h.flag >= 0 && h.sentence == si) present.add(static_cast<Flag>(h.flag));
    }
    FlagSet drop;
    if (present.has(Flag::kCriticism) || present.has(Flag::kContempt) ||
        present.has(Flag::kDefensiveness)) {
      drop.add(Flag::kBlame);
      drop.add(Flag::kAbsolute);
    }
    if (present.has(Flag::kContempt)) {
      drop.add(Flag::kAppreciation);
      drop.add(Flag::kValidation);
    }
    FlagSet remaining;
    for (int f = 0; f < kFlagCount; ++f) {
      if (present.has(static_cast<Flag>(f)) && !drop.has(static_cast<Flag>(f))) {
        remaining.add(static_cast<Flag>(f));
      }
    }
    if (remaining.any_harsh() || a.sentences[static_cast<std::size_t>(si)].disguised) {
      drop.add(Flag::kIStatement);
    }
    if (drop.empty()) continue;
    for (auto& h : hits) {
      if (h.sentence == si && h.flag >= 0 && drop.has(static_cast<Flag>(h.flag))) h.alive = false;
    }
  }
  a.flags = FlagSet{};
  for (const auto& h : hits) {
    if (h.alive && h.flag >= 0) a.flags.add(static_cast<Flag>(h.flag));
  }
}

std::uint64_t fnv(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The flag a tip should speak to: the most pressing one.
constexpr Flag kTipOrder[] = {Flag::kContempt,      Flag::kCriticism,  Flag::kStonewalling,
                              Flag::kDefensiveness, Flag::kBlame,      Flag::kAbsolute,
                              Flag::kRepair,        Flag::kValidation, Flag::kIStatement,
                              Flag::kAppreciation};

thread_local Analysis tl_analysis;
thread_local Analysis tl_scratch;

}  // namespace

void analyze(const Model& m, std::string_view text, Analysis& a, Depth depth) {
  a.text = text;
  a.hits.clear();
  a.clauses.clear();
  a.flags = FlagSet{};
  if (a.tried.size() != m.rules.size()) {
    a.tried.assign(m.rules.size(), 0);
    a.stamp = 0;
  }
  if (a.stamp > 0xF0000000u) {
    std::fill(a.tried.begin(), a.tried.end(), 0);
    a.stamp = 0;
  }
  a.toks.reserve(64);
  a.hits.reserve(32);
  tokenize_message(m, a);
  find_phrases(m, a);
  find_sentences(a);
  View v{m, a};
  for (int si = 0; si < static_cast<int>(a.sentences.size()); ++si) {
    split_clauses(v, si);
    Sentence& s = a.sentences[static_cast<std::size_t>(si)];
    for (int ci = s.first_clause; ci < s.first_clause + s.clause_count; ++ci) {
      find_subject(v, ci);
      const Clause& c = a.clauses[static_cast<std::size_t>(ci)];
      s.why = s.why || c.why;
    }
    for (int k = s.begin; k < s.end; ++k) {
      if (a.toks[static_cast<std::size_t>(k)].kind == TokenKind::kPunct &&
          a.toks[static_cast<std::size_t>(k)].punct == '?') {
        s.question = true;
      }
    }
    if (s.clause_count > 0 && a.clauses[static_cast<std::size_t>(s.first_clause)].aux_tok >= 0) {
      s.question = true;
    }
    find_pattern_hits(v, si, depth);
  }
  // A sentence that is only a complaint word ("Seriously?", "Again.") colours the next one.
  for (std::size_t si = 1; si < a.sentences.size(); ++si) {
    const Sentence& prev = a.sentences[si - 1];
    bool only_complaint = true, any = false;
    for (int k = prev.begin; k < prev.end && only_complaint; ++k) {
      const Token& t = a.toks[static_cast<std::size_t>(k)];
      if (t.kind == TokenKind::kPunct) continue;
      any = true;
      only_complaint = (t.classes & (m.c.complaint_cue | m.c.discourse)) != 0;
    }
    a.sentences[si].carry_cue = any && only_complaint;
  }
  // Shields and nested patterns are settled before the clause rules look at them.
  for (int si = 0; si < static_cast<int>(a.sentences.size()); ++si) clause_rules(v, si);
  resolve(v);
}

Result<Coach> Coach::build(const Content& content) {
  auto m = std::make_shared<Model>();
  if (Status s = add_classes(content, *m); !s.ok()) return s.error();
  if (Status s = find_core_classes(content, *m); !s.ok()) return s.error();
  if (Status s = add_rules(content, *m); !s.ok()) return s.error();
  if (Status s = add_texts(content, *m); !s.ok()) return s.error();
  index_everything(*m);
  return Coach(std::move(m));
}

FlagSet Coach::flags_of(std::string_view text) const {
  analyze(*model_, text, tl_analysis);
  return tl_analysis.flags;
}

Verdict Coach::check(std::string_view text) const {
  const Model& m = *model_;
  Analysis& a = tl_analysis;
  analyze(m, text, a);
  Verdict v;
  v.text = std::string(text);
  v.flags = a.flags;
  v.evidence.reserve(a.hits.size());
  for (const Hit& h : a.hits) {
    if (!h.alive || h.flag < 0) continue;
    Evidence e;
    e.flag = static_cast<Flag>(h.flag);
    e.start = a.toks[static_cast<std::size_t>(h.begin)].start;
    e.end = a.toks[static_cast<std::size_t>(h.end) - 1].end;
    e.reason = *h.reason;
    // One piece of evidence per span and flag; a span inside another of the same flag adds nothing.
    bool covered = false;
    for (auto& other : v.evidence) {
      if (other.flag != e.flag) continue;
      if (other.start <= e.start && other.end >= e.end) {
        covered = true;
        break;
      }
      if (e.start <= other.start && e.end >= other.end) {
        other = e;
        covered = true;
        break;
      }
    }
    if (!covered) v.evidence.push_back(e);
  }
  std::sort(v.evidence.begin(), v.evidence.end(), [](const Evidence& x, const Evidence& y) {
    return x.start != y.start ? x.start < y.start : x.flag < y.flag;
  });
  std::size_t slot = kFlagCount;
  for (Flag f : kTipOrder) {
    if (a.flags.has(f)) {
      slot = static_cast<std::size_t>(f);
      break;
    }
  }
  const auto& tips = m.tips[slot];
  v.tip = tips.size() == 1 ? tips.front() : tips[fnv(text) % tips.size()];
  v.rewrite = make_rewrite(m, a, tl_scratch);
  return v;
}

}  // namespace hearth::coach
