// What the coach says about messages: the edge cases of content/coach/README.md, evidence that
// points at the person's own words, rewrites that are clean I-statements and invent nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <thread>

#include "coach_support.h"

namespace hearth::coach {
namespace {

using testing::repo_coach;

std::set<std::string> flags(std::string_view text) {
  std::set<std::string> out;
  FlagSet f = repo_coach().check(text).flags;
  for (int i = 0; i < kFlagCount; ++i) {
    if (f.has(static_cast<Flag>(i))) out.insert(std::string(kFlagNames[i]));
  }
  return out;
}

using Flags = std::set<std::string>;

TEST(Coach, ANeutralQuestionCarriesNoFlags) {
  EXPECT_EQ(flags("Can you grab bread on your way home?"), Flags{});
  EXPECT_EQ(flags("Did you feed the cat?"), Flags{});
  EXPECT_EQ(flags("When is your flight on Friday?"), Flags{});
}

TEST(Coach, NegationTakesTheBlameAway) {
  EXPECT_EQ(flags("I'm not blaming you, I just want to understand what happened."), Flags{});
  EXPECT_EQ(flags("It's not your fault."), Flags{});
  EXPECT_EQ(flags("It's your fault."), Flags{"blame"});
  EXPECT_EQ(flags("I don't want to drop it."), Flags{});
  EXPECT_EQ(flags("Drop it."), Flags{"stonewalling"});
}

TEST(Coach, ADisguisedYouStatementIsBlameNotAnIStatement) {
  EXPECT_EQ(flags("I feel like you don't care."), Flags{"blame"});
  EXPECT_EQ(flags("I feel like you never take my side."), (Flags{"blame", "absolute"}));
  EXPECT_EQ(flags("I don't think you care about me."), Flags{"blame"});
  EXPECT_EQ(flags("I feel anxious when we argue right before bed."), Flags{"i_statement"});
}

TEST(Coach, AGenerousGeneralisationIsAppreciationNotAbsolute) {
  EXPECT_EQ(flags("You always make me laugh."), Flags{"appreciation"});
  EXPECT_EQ(flags("You never fail to surprise me."), Flags{"appreciation"});
  EXPECT_EQ(flags("You always know how to cheer me up."), Flags{"appreciation"});
  EXPECT_EQ(flags("You always leave the lights on."), (Flags{"blame", "absolute"}));
}

TEST(Coach, AgreeingThatThePartnerIsRightIsRepairNotBlame) {
  EXPECT_EQ(flags("You're right, I was late."), Flags{"repair"});
}

TEST(Coach, CurlyApostrophesCaseAndTextingReadAlike) {
  Flags expected{"blame", "absolute"};
  EXPECT_EQ(flags("You're always late."), expected);
  EXPECT_EQ(flags("You\u2019re always late."), expected);
  EXPECT_EQ(flags("YOU'RE ALWAYS LATE!!!"), expected);
  EXPECT_EQ(flags("ur always late"), expected);
}

TEST(Coach, EmojiCarryMeaning) {
  EXPECT_EQ(flags("Whatever \U0001F644"), (Flags{"stonewalling", "contempt"}));
  EXPECT_EQ(flags("thanks babe \u2764\uFE0F"), Flags{"appreciation"});
  EXPECT_EQ(flags("I'm running 10 minutes late \U0001F697"), Flags{});
}

TEST(Coach, EachSentenceKeepsItsOwnFlags) {
  EXPECT_EQ(flags("Thank you for being patient. I'm sorry I was so grumpy."),
            (Flags{"appreciation", "repair"}));
  EXPECT_EQ(flags("You never help. Honestly, you're so lazy."),
            (Flags{"blame", "absolute", "criticism"}));
  // Inside one sentence, a character attack takes the place of the accusation.
  EXPECT_EQ(flags("You're selfish and you only think about yourself."), Flags{"criticism"});
}

TEST(Coach, SarcasmIsContemptNotThanks) {
  EXPECT_EQ(flags("Wow, thanks for nothing."), Flags{"contempt"});
  EXPECT_EQ(flags("Brilliant move, genius."), Flags{"contempt"});
  EXPECT_EQ(flags("Thanks for cooking, it was lovely."), Flags{"appreciation"});
}

TEST(Coach, EvidenceQuotesTheMessageByteOffsets) {
  std::string text = "Ça va? Honestly, you\u2019re always late. \U0001F644";
  Verdict v = repo_coach().check(text);
  ASSERT_FALSE(v.evidence.empty());
  for (const auto& e : v.evidence) {
    ASSERT_LE(e.start, e.end);
    ASSERT_LE(e.end, text.size());
    EXPECT_EQ(v.quote(e), text.substr(e.start, e.end - e.start));
    EXPECT_FALSE(e.reason.empty());
  }
  auto absolute = std::find_if(v.evidence.begin(), v.evidence.end(),
                               [](const Evidence& e) { return e.flag == Flag::kAbsolute; });
  ASSERT_NE(absolute, v.evidence.end());
  EXPECT_EQ(v.quote(*absolute), "always");
  auto contempt = std::find_if(v.evidence.begin(), v.evidence.end(),
                               [](const Evidence& e) { return e.flag == Flag::kContempt; });
  ASSERT_NE(contempt, v.evidence.end());
  EXPECT_EQ(v.quote(*contempt), "\U0001F644");
}

std::vector<testing::Labelled> all_messages() {
  auto mine = testing::read_labelled(testing::source_path("tests/data/coach/messages.tsv"));
  auto dev = testing::read_labelled(testing::source_path("../shared/coach/dev-set.tsv"));
  mine.insert(mine.end(), dev.begin(), dev.end());
  return mine;
}

TEST(Coach, EveryFlagComesWithEvidenceAndEveryMessageWithATip) {
  for (const auto& m : all_messages()) {
    Verdict v = repo_coach().check(m.text);
    EXPECT_FALSE(v.tip.empty()) << m.text;
    for (int f = 0; f < kFlagCount; ++f) {
      if (!v.flags.has(static_cast<Flag>(f))) continue;
      bool found = std::any_of(v.evidence.begin(), v.evidence.end(),
                               [&](const Evidence& e) { return static_cast<int>(e.flag) == f; });
      EXPECT_TRUE(found) << kFlagNames[f] << " without evidence: " << m.text;
    }
    for (const auto& e : v.evidence) {
      EXPECT_TRUE(v.flags.has(e.flag)) << "evidence for a flag not raised: " << m.text;
    }
  }
}

// Lower-case words of a text, apostrophes straightened.
std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) out.insert(w);
    w.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (text.substr(i, 3) == "\u2019") {
      w += '\'';
      i += 2;
    } else if (std::isalnum(c) || c == '\'' || c >= 0x80) {
      w += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

TEST(Coach, ARewriteIsAnIStatementTheCoachPassesAndInventsNothing) {
  // Words the rewrite template and its fixed parts may add; everything else must be the
  // person's own.
  const std::set<std::string> allowed = {
      "i",  "feel", "felt",  "when",  "and",   "need",       "us",  "to",   "talk",     "about",
      "it", "you",  "don't", "not",   "hurt",  "frustrated", "say", "what", "happened", "in",
      "a",  "few",  "plain", "words", "would", "help",       "are", "your"};
  int rewrites = 0, own_words = 0;
  for (const auto& m : all_messages()) {
    Verdict v = repo_coach().check(m.text);
    bool wants =
        v.flags.has(Flag::kBlame) || v.flags.has(Flag::kAbsolute) || v.flags.has(Flag::kCriticism);
    if (!wants) continue;
    ASSERT_TRUE(v.rewrite) << m.text;
    ++rewrites;
    Verdict again = repo_coach().check(*v.rewrite);
    EXPECT_TRUE(again.flags.has(Flag::kIStatement)) << m.text << " -> " << *v.rewrite;
    EXPECT_FALSE(again.harsh()) << m.text << " -> " << *v.rewrite;
    auto mine = words_of(m.text);
    bool used_own = false;
    for (const auto& w : words_of(*v.rewrite)) {
      if (allowed.count(w)) continue;
      EXPECT_TRUE(mine.count(w)) << "\"" << w << "\" is not in: " << m.text << " -> " << *v.rewrite;
      used_own = true;
    }
    own_words += used_own;
  }
  EXPECT_GT(rewrites, 100);
  // Most rewrites are built from the person's own situation, not only the fill-in form.
  EXPECT_GT(own_words * 2, rewrites) << own_words << " of " << rewrites;
}

TEST(Coach, StonewallingGetsAPauseAndContemptAPromptToNameTheFeeling) {
  Verdict stone = repo_coach().check("I'm not discussing this.");
  ASSERT_TRUE(stone.rewrite);
  EXPECT_NE(stone.rewrite->find("come back"), std::string::npos) << *stone.rewrite;
  EXPECT_FALSE(repo_coach().check(*stone.rewrite).harsh());
  Verdict contempt = repo_coach().check("You're ridiculous.");
  ASSERT_TRUE(contempt.rewrite);
  EXPECT_NE(contempt.rewrite->find("feeling"), std::string::npos) << *contempt.rewrite;
}

TEST(Coach, HelpfulAndNeutralMessagesNeedNoRewrite) {
  EXPECT_FALSE(repo_coach().check("Thanks for cooking, it was lovely.").rewrite);
  EXPECT_FALSE(repo_coach().check("What do you want for dinner?").rewrite);
  EXPECT_FALSE(repo_coach().check("I'm sorry, I was wrong.").rewrite);
}

TEST(Coach, OddInputsAreSafe) {
  std::string long_text;
  while (long_text.size() < 16000) long_text += "You never listen, \u2019\U0001F644 and ";
  for (const std::string& text :
       {std::string(), std::string("   "), std::string("\U0001F644\U0001F644"), std::string("?!?!"),
        std::string("\xff\xfe\xfd"), std::string("you\xe2\x80"), long_text,
        std::string("a\0b", 3)}) {
    Verdict v = repo_coach().check(text);
    for (const auto& e : v.evidence) {
      ASSERT_LE(e.start, e.end);
      ASSERT_LE(e.end, text.size());
    }
    EXPECT_FALSE(v.tip.empty());
  }
}

TEST(Coach, RandomMixturesOfWordsEmojiAndBytesAreSafe) {
  // Pieces that exercise the tokenizer and the patterns together, in random order.
  const std::vector<std::string> pieces = {"you",
                                           "never",
                                           "always",
                                           "I",
                                           "feel",
                                           "like",
                                           "don't",
                                           "you\u2019re",
                                           "sorry",
                                           "not",
                                           "whatever",
                                           "so",
                                           "lazy",
                                           "genius",
                                           ",",
                                           ".",
                                           "?!",
                                           "\U0001F644",
                                           "\u2764\uFE0F",
                                           "\xff",
                                           "\xe2\x80",
                                           "thank",
                                           "when",
                                           "because",
                                           "every time",
                                           "u",
                                           "ur",
                                           "'s",
                                           "-",
                                           "\n",
                                           "  ",
                                           "idiot",
                                           "\u00C9lodie",
                                           "24/7",
                                           "self-centered",
                                           "(",
                                           ")",
                                           "\u2026",
                                           "we",
                                           "us"};
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int n = static_cast<int>(next() % 24);
    for (int i = 0; i < n; ++i) {
      text += pieces[next() % pieces.size()];
      if (next() % 3) text += ' ';
    }
    Verdict v = repo_coach().check(text);
    for (const auto& e : v.evidence) {
      ASSERT_LE(e.start, e.end) << text;
      ASSERT_LE(e.end, text.size()) << text;
    }
    if (v.rewrite && (v.flags.has(Flag::kBlame) || v.flags.has(Flag::kAbsolute) ||
                      v.flags.has(Flag::kCriticism))) {
      EXPECT_FALSE(repo_coach().check(*v.rewrite).harsh()) << text << " -> " << *v.rewrite;
    }
  }
}

TEST(Coach, ManyThreadsGetTheSameAnswersAsOne) {
  auto messages = all_messages();
  std::vector<std::uint16_t> expected;
  for (const auto& m : messages) expected.push_back(repo_coach().check(m.text).flags.bits());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < messages.size(); ++i) {
          if (repo_coach().check(messages[i].text).flags.bits() != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Coach, FlagsOfAgreesWithCheck) {
  for (const auto& m : all_messages()) {
    EXPECT_EQ(repo_coach().flags_of(m.text), repo_coach().check(m.text).flags) << m.text;
  }
}

}  // namespace
}  // namespace hearth::coach
