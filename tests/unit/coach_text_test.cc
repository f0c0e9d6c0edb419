#include <gtest/gtest.h>

#include "core/coach/text.h"

namespace hearth::coach {
namespace {

struct Tokenized {
  std::vector<Token> toks;
  std::string norm;
  std::vector<std::string> words() const {
    std::vector<std::string> out;
    for (const auto& t : toks) out.push_back(norm.substr(t.norm, t.norm_len));
    return out;
  }
};

Tokenized run(std::string_view text, const Vocabulary& vocab) {
  Tokenized t;
  tokenize(text, vocab, t.toks, t.norm);
  return t;
}

Vocabulary with_contractions() {
  Vocabulary v;
  v.set_expansion(v.intern("don't"), {v.intern("do"), v.intern("not")});
  v.set_expansion(v.intern("you're"), {v.intern("you"), v.intern("are")});
  v.set_expansion(v.intern("u"), {v.intern("you")});
  return v;
}

TEST(CoachText, LowerCasesAndSplitsWordsFromPunctuation) {
  Vocabulary v;
  auto t = run("You NEVER call, do you?!", v);
  EXPECT_EQ(t.words(),
            (std::vector<std::string>{"you", "never", "call", ",", "do", "you", "?", "!"}));
  EXPECT_EQ(t.toks[2].kind, TokenKind::kWord);
  EXPECT_EQ(t.toks[3].kind, TokenKind::kPunct);
  EXPECT_EQ(t.toks[3].punct, ',');
}

TEST(CoachText, CurlyApostrophesReadAsStraightOnesAndContractionsExpand) {
  Vocabulary v = with_contractions();
  auto curly = run("You\u2019re late and I don\u2019t like it", v);
  auto straight = run("You're late and I don't like it", v);
  EXPECT_EQ(curly.words(), straight.words());
  EXPECT_EQ(curly.words(), (std::vector<std::string>{"you", "are", "late", "and", "i", "do", "not",
                                                     "like", "it"}));
}

TEST(CoachText, ExpandedTokensKeepTheBytesOfTheWrittenWord) {
  Vocabulary v = with_contractions();
  std::string text = "Well, you\u2019re late";
  auto t = run(text, v);
  ASSERT_EQ(t.words().size(), 5u);
  EXPECT_EQ(text.substr(t.toks[2].start, t.toks[2].end - t.toks[2].start), "you\u2019re");
  EXPECT_EQ(t.toks[3].start, t.toks[2].start);
  EXPECT_TRUE(t.toks[2].expanded);
}

TEST(CoachText, TextingFormsExpandToo) {
  Vocabulary v = with_contractions();
  EXPECT_EQ(run("u forgot", v).words(), (std::vector<std::string>{"you", "forgot"}));
}

TEST(CoachText, PossessivesAreDroppedForKnownWords) {
  Vocabulary v;
  v.intern("mom");
  EXPECT_EQ(run("my mom's car", v).words(), (std::vector<std::string>{"my", "mom", "car"}));
}

TEST(CoachText, UnicodeLettersAreLowerCasedAndKeptInWords) {
  Vocabulary v;
  auto t = run("ÉLODIE est très FÂCHÉE", v);
  EXPECT_EQ(t.words(), (std::vector<std::string>{"élodie", "est", "très", "fâchée"}));
}

TEST(CoachText, EmojiAreTokensOfTheirOwnWithoutSelectorsOrSkinTones) {
  Vocabulary v;
  std::string text = "thanks \u2764\uFE0F and \U0001F44D\U0001F3FD\U0001F644";
  auto t = run(text, v);
  ASSERT_EQ(t.toks.size(), 5u);
  EXPECT_EQ(t.toks[1].kind, TokenKind::kSymbol);
  EXPECT_EQ(t.words()[1], "\u2764");
  EXPECT_EQ(t.words()[3], "\U0001F44D");
  EXPECT_EQ(t.words()[4], "\U0001F644");
  EXPECT_EQ(text.substr(t.toks[1].start, t.toks[1].end - t.toks[1].start), "\u2764\uFE0F");
}

TEST(CoachText, ZeroWidthJoinerSequencesStayOneToken) {
  Vocabulary v;
  auto t = run("\U0001F926\u200D\u2640\uFE0F ok", v);
  ASSERT_EQ(t.toks.size(), 2u);
  EXPECT_EQ(t.toks[0].kind, TokenKind::kSymbol);
}

TEST(CoachText, HyphensAndSlashesInsideWordsJoinThem) {
  Vocabulary v;
  EXPECT_EQ(run("so self-centered 24/7 - really", v).words(),
            (std::vector<std::string>{"so", "self-centered", "24/7", "-", "really"}));
}

TEST(CoachText, InvalidUtf8IsASeparatorNotACrash) {
  Vocabulary v;
  auto t = run(std::string("bad\xff\xfe"
                           "bytes \xe2\x80"),
               v);
  EXPECT_EQ(t.words(), (std::vector<std::string>{"bad", "bytes"}));
}

TEST(CoachText, EllipsisAndUnicodePunctuationNormalise) {
  Vocabulary v;
  auto t = run("Fine\u2026 whatever\u203D", v);
  EXPECT_EQ(t.words(), (std::vector<std::string>{"fine", ".", "whatever", "?"}));
}

TEST(CoachText, InflectionsCoverRegularForms) {
  auto forms = inflections("forget");
  for (const char* f : {"forget", "forgets", "forgetting"}) {
    EXPECT_NE(std::find(forms.begin(), forms.end(), f), forms.end()) << f;
  }
  auto lie = inflections("lie");
  for (const char* f : {"lies", "lied", "lying"}) {
    EXPECT_NE(std::find(lie.begin(), lie.end(), f), lie.end()) << f;
  }
  auto cancel = inflections("cancel");
  EXPECT_NE(std::find(cancel.begin(), cancel.end(), "cancelled"), cancel.end());
  auto nag = inflections("nag");
  EXPECT_NE(std::find(nag.begin(), nag.end(), "nagging"), nag.end());
}

}  // namespace
}  // namespace hearth::coach
