// Internal to the coach (coach.cc, rewrite.cc): the compiled model and the working state of one
// analysis. Not for use elsewhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/coach/coach.h"
#include "core/coach/pattern.h"
#include "core/coach/text.h"

namespace hearth::coach {

// Classes the analysis itself relies on; the lexicon must define each.
struct CoreClasses {
  std::uint64_t you = 0, your = 0, i = 0, me = 0, we = 0, pronoun = 0, determiner = 0;
  std::uint64_t negator = 0, absolute = 0, absolute_opener = 0, complaint_cue = 0;
  std::uint64_t positive = 0, negative = 0;
  std::uint64_t discourse = 0, clause_break = 0, subordinator = 0, situation_opener = 0;
  std::uint64_t disguise_verb = 0;
  std::uint64_t past = 0, aux = 0, request_aux = 0, question_word = 0, care_verb = 0;
  std::uint64_t modifier = 0;
  std::uint64_t ur_you_are = 0;  // what makes "ur" read as "you are" rather than "your"
  std::uint64_t judgement = 0;   // character words and insults: negative in a clause's polarity
};

// Words the analysis looks for by name.
struct CoreWords {
  std::uint32_t ur = 0, you = 0, are = 0, like = 0, that = 0, as = 0, if_ = 0, though = 0;
  std::uint32_t why = 0, how = 0, come = 0, please = 0, never = 0, not_ = 0, do_ = 0, does = 0;
  std::uint32_t did = 0, nothing = 0, everything = 0, it = 0, ever = 0, believe = 0;
  std::uint32_t wonder = 0, wondering = 0, doubt = 0;
};

struct Rule {
  Pattern pattern;
  int flag = -1;  // a Flag, or -1 for a shield
  std::string reason;
  bool negation_ok = false;  // the pattern spells out its own negation
  // What a match can start with: tried only at tokens that have one of these.
  std::vector<std::uint32_t> first_words;  // sorted
};

// A rule's quick tests, kept apart from the rules so they sit together in memory.
struct RuleSignature {
  // Each element every match needs: a sentence lacking one of them (no word of `words`, no
  // class of `classes`) cannot match. The first kMaxNeeds are kept; more only filter less.
  static constexpr int kMaxNeeds = 3;
  struct Need {
    std::uint64_t classes = 0;
    WordBloom words{};
  };
  std::array<Need, kMaxNeeds> needs{};
  int need_count = 0;
  std::uint64_t first_classes = 0;
  WordBloom first_words{};
  bool first_wild = false;
  bool at_start = false;  // the pattern begins with ^
  // For a pattern starting with a plain word: what the next token must have (when known).
  bool has_second = false;
  std::uint64_t second_classes = 0;
  WordBloom second_words{};
};

struct Coach::Model {
  Vocabulary vocab;
  std::unordered_map<std::string, int> class_bits;
  CoreClasses c;
  CoreWords w;

  struct Phrase {
    std::vector<std::uint32_t> words;
    std::uint64_t classes = 0;
  };
  std::vector<Phrase> phrases;
  std::vector<std::vector<std::uint32_t>> phrases_by_first;  // by first word; longest first

  std::vector<Rule> rules;
  std::vector<RuleSignature> signatures;  // one per rule
  std::vector<bool> helpful_only;         // per rule: validation, appreciation or repair
  // Each rule under its anchor: the rarest element every match must contain.
  std::vector<std::vector<std::uint32_t>> rules_by_word;
  std::array<std::vector<std::uint32_t>, 64> rules_by_class;
  std::uint64_t anchor_classes = 0;  // the classes some rule is anchored on

  std::unordered_map<std::string, std::string> texts;
  std::string reason_you_accusation, reason_you_generalisation, reason_couple_generalisation,
      reason_disguised_you, reason_positive_generalisation;
  std::string rewrite_template, feeling, feeling_care, situation_unknown, need_unknown,
      need_general, stonewalling_script, contempt_prompt;
  std::array<std::vector<std::string>, kFlagCount + 1> tips;  // [kFlagCount]: no flag
};

enum class Subject : std::uint8_t { kNone, kYou, kYour, kI, kWe, kOther };
enum class Polarity : std::uint8_t { kNeutral, kNegative, kPositive };

struct Clause {
  int begin = 0, end = 0;  // tokens [begin, end)
  int sentence = 0;
  int opener = -1;  // the opening conjunction, if any
  int opener_len = 0;
  std::uint64_t opener_classes = 0;
  bool embedded = false;        // "I feel like | you ..."
  int inherited_negations = 0;  // "I don't think | you ...": negations before the verb
  bool doubt = false;           // "I wonder if | you ..."
  int content = 0;              // first token after openers and discourse words
  Subject subject = Subject::kNone;
  int subject_tok = -1;
  int aux_tok = -1;  // an auxiliary before the subject (a question or request)
  bool aux_negated = false;
  bool why = false, request = false;
};

struct Sentence {
  int begin = 0, end = 0;
  int first_clause = 0, clause_count = 0;
  bool question = false, why = false, disguised = false;
  bool carry_cue = false;  // follows a sentence that is only a complaint ("Seriously?")
};

struct Hit {
  int flag = -1;  // a Flag, or -1 for a shield
  int sentence = 0;
  int clause = -1;         // for the coach's own rules: the clause it is about
  int begin = 0, end = 0;  // tokens
  const std::string* reason = nullptr;
  bool alive = true;
  bool from_rule = false;  // the coach's own clause rules, not a pattern
};

// The working state of one analysis, reused between calls on the same thread.
struct Analysis {
  std::string_view text;
  std::vector<Token> toks;
  std::string norm;
  std::vector<PhraseSpan> phrases;
  std::vector<std::uint32_t> phrase_begin;
  std::vector<Sentence> sentences;
  std::vector<Clause> clauses;
  std::vector<Hit> hits;
  std::vector<std::uint32_t> tried;  // per rule: the last sentence it was a candidate in
  std::uint32_t stamp = 0;
  std::vector<std::uint32_t> candidates;
  std::vector<std::uint64_t> pos_classes;   // classes_at() of each token of the sentence
  std::vector<std::uint8_t> pos_bloom_bit;  // bloom_bit() of each token's word
  FlagSet flags;
};

// How much of the analysis to run.
enum class Depth : std::uint8_t {
  kFull,
  // Harsh flags and I-statements only, for checking rewrites. Patterns for validation,
  // appreciation and repair are skipped; those hits only ever take harsh flags away (by
  // shielding a clause or containing a harsh phrase), so this depth finds every harsh flag the
  // full analysis would find, and perhaps more.
  kHarshAndIStatements,
};

// Runs the analysis of `text` into `a` (tokens, clauses, hits, flags).
void analyze(const Coach::Model& m, std::string_view text, Analysis& a, Depth depth = Depth::kFull);

// The rewrite for an analysed message, or nothing. May run analyze() on candidate rewrites, so
// it uses `scratch` for that, never `a`.
std::optional<std::string> make_rewrite(const Coach::Model& m, const Analysis& a,
                                        Analysis& scratch);

}  // namespace hearth::coach
