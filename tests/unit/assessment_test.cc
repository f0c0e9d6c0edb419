// Instruments as data, scoring, the couple report, the cause profile and reliability: checked
// against small hand-written instruments and hand-computed figures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/assessment_content.h"
#include "core/assessment/causes.h"
#include "core/assessment/content.h"
#include "core/assessment/reliability.h"
#include "core/assessment/report.h"
#include "core/assessment/scoring.h"

namespace hearth::assessment {
namespace {

const SourceFile kScales{"scales.toml", R"(
[agree5]
min = 1
max = 5
labels = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
)"};

const SourceFile kCauses{"causes.toml", R"(
[[causes]]
id = "busyness"
title = "Busyness and distraction"
explanation = "Little time together."
practice_tags = ["quality_time"]

[[causes]]
id = "unresolved_conflict"
title = "Unresolved conflict"
explanation = "Arguments that never end."
practice_tags = ["repair"]
)"};

const SourceFile kTags{"practice-tags.toml", R"(
[tags]
quality_time = "Time together"
repair = "Making up"
)"};

// Line 1 is the blank line after R"(.
const std::string kHabits = R"(
id = "habits"
version = 2
order = 1
title = "Habits"
purpose = "Purpose."
construct = "Construct."
modelled_on = ["Someone 2000"]
minutes = 3
scale = "agree5"

[scoring]
min_answered = 0.6

[[bands]]
from = 0
to = 39
label = "Low"
meaning = "Low."

[[bands]]
from = 40
to = 69
label = "Middle"
meaning = "Middle."

[[bands]]
from = 70
to = 100
label = "High"
meaning = "High."

[[subscales]]
id = "time"
title = "Time together"
description = "Time."
higher_is = "better"
causes = ["busyness"]
practice_tags = ["quality_time"]
talk_strength = "Strength starter."
talk_growth = "Growth starter."
talk_gap = "Gap starter."

[[subscales]]
id = "phones"
title = "Phones"
description = "Phones."
higher_is = "worse"
causes = ["busyness"]
practice_tags = ["quality_time"]
talk_strength = "Phones strength."
talk_growth = "Phones growth."
talk_gap = "Phones gap."

[[items]]
id = "time_1"
subscale = "time"
text = "We have time."

[[items]]
id = "time_2"
subscale = "time"
text = "We talk."

[[items]]
id = "time_3"
subscale = "time"
text = "We drift."
reverse = true

[[items]]
id = "phones_1"
subscale = "phones"
text = "Phones interrupt."

[[items]]
id = "phones_2"
subscale = "phones"
text = "Screens at dinner."

[[items]]
id = "phones_3"
subscale = "phones"
text = "We put phones away."
reverse = true
)";

Result<Catalog> build(const std::string& instrument) {
  return build_catalog({{"habits.toml", instrument}}, kScales, kCauses, kTags);
}

Catalog must_build(const std::string& instrument) {
  auto c = build(instrument);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().detail);
  return c.ok() ? *c : Catalog{};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string error_of(const std::string& instrument) {
  auto c = build(instrument);
  EXPECT_FALSE(c.ok());
  return c.ok() ? "" : c.error().detail;
}

// ---- Content ----

TEST(AssessmentContent, LoadsAValidInstrument) {
  Catalog cat = must_build(kHabits);
  ASSERT_EQ(cat.instruments.size(), 1u);
  const Instrument& inst = cat.instruments[0];
  EXPECT_EQ(inst.id, "habits");
  EXPECT_EQ(inst.version, 2);
  EXPECT_EQ(inst.items.size(), 6u);
  EXPECT_EQ(inst.subscales[1].direction, Direction::kHigherIsWorse);
  ASSERT_NE(inst.item("time_3"), nullptr);
  EXPECT_TRUE(inst.item("time_3")->reverse);
  EXPECT_EQ(inst.item("time_3.ideal"), nullptr);
}

TEST(AssessmentContent, IdealInstrumentsAskEveryItemTwice) {
  std::string text = replaced(kHabits, "scale = \"agree5\"\n",
                              "scale = \"agree5\"\nideal = true\nreal_label = \"Now\"\n"
                              "ideal_label = \"Wished\"\n");
  Catalog cat = must_build(text);
  const Instrument& inst = cat.instruments[0];
  EXPECT_EQ(inst.items.size(), 12u);
  ASSERT_NE(inst.item("time_1.ideal"), nullptr);
  EXPECT_EQ(inst.item("time_1.ideal")->facet, Facet::kIdeal);
  EXPECT_EQ(inst.item("time_1.ideal")->statement_id, "time_1");
}

TEST(AssessmentContent, UnknownKeyNamesFileAndLine) {
  std::string text = replaced(kHabits, "minutes = 3\n", "minutes = 3\ncolour = \"blue\"\n");
  EXPECT_EQ(error_of(text), "habits.toml:10: unknown key \"colour\"");
}

TEST(AssessmentContent, UnknownKeyInAnItemNamesTheItem) {
  std::string text =
      replaced(kHabits, "text = \"We talk.\"\n", "text = \"We talk.\"\nweight = 2\n");
  EXPECT_EQ(error_of(text), "habits.toml:64: item \"time_2\": unknown key \"weight\"");
}

TEST(AssessmentContent, DuplicateItemIdIsAnError) {
  std::string text = replaced(kHabits, "id = \"time_2\"", "id = \"time_1\"");
  EXPECT_EQ(error_of(text), "habits.toml:61: item \"time_1\": \"id\" is used twice");
}

TEST(AssessmentContent, SubscaleWithTooFewItemsIsAnError) {
  std::string text = replaced(kHabits, "subscale = \"phones\"\ntext = \"Screens at dinner.\"",
                              "subscale = \"time\"\ntext = \"Screens at dinner.\"");
  EXPECT_EQ(error_of(text),
            "habits.toml:44: subscale \"phones\" has 2 item(s); it needs at least 3");
}

TEST(AssessmentContent, BadReferencesAreErrors) {
  EXPECT_EQ(error_of(replaced(kHabits, "scale = \"agree5\"", "scale = \"agree7\"")),
            "habits.toml:10: \"scale\" names unknown scale \"agree7\"");
  EXPECT_EQ(error_of(replaced(kHabits, "subscale = \"time\"\ntext = \"We talk.\"",
                              "subscale = \"tme\"\ntext = \"We talk.\"")),
            "habits.toml:62: item \"time_2\": \"subscale\" names unknown subscale \"tme\"");
  EXPECT_EQ(error_of(replaced(kHabits, "causes = [\"busyness\"]", "causes = [\"stress\"]")),
            "habits.toml:38: subscale \"time\": \"causes\" names unknown cause \"stress\"");
  EXPECT_EQ(
      error_of(replaced(kHabits, "practice_tags = [\"quality_time\"]", "practice_tags = [\"x\"]")),
      "habits.toml:39: subscale \"time\": \"practice_tags\" names unknown practice tag \"x\"");
}

TEST(AssessmentContent, BandsMustCoverTheScaleWithoutGaps) {
  EXPECT_EQ(error_of(replaced(kHabits, "from = 40", "from = 41")),
            "habits.toml:22: [[bands]]: \"from\" should be 40 (bands cover 0–100 in order, "
            "without gaps or overlaps)");
  EXPECT_EQ(error_of(replaced(kHabits, "to = 100", "to = 99")),
            "habits.toml:27: [[bands]]: bands must end at 100");
}

TEST(AssessmentContent, MissingKeysAndBadTomlAreErrors) {
  EXPECT_EQ(error_of(replaced(kHabits, "purpose = \"Purpose.\"\n", "")),
            "habits.toml:1: missing \"purpose\"");
  std::string broken = error_of(replaced(kHabits, "minutes = 3", "minutes = = 3"));
  EXPECT_EQ(broken.rfind("habits.toml:9: ", 0), 0u) << broken;
}

TEST(AssessmentContent, DuplicateInstrumentIdsAcrossFilesAreErrors) {
  auto c =
      build_catalog({{"a.toml", kHabits}, {"b.toml", replaced(kHabits, "order = 1", "order = 2")}},
                    kScales, kCauses, kTags);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().detail, "b.toml:1: instrument id \"habits\" is also used by a.toml");
}

TEST(AssessmentContent, TheShippedContentLoads) {
  auto cat = cli::load_catalog(std::string(HEARTH_SOURCE_DIR) + "/content");
  ASSERT_TRUE(cat.ok()) << cat.error().detail;
  std::vector<std::string> ids;
  for (const auto& i : cat->instruments) ids.push_back(i.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"signs", "core", "habits", "conflict", "attachment"}));
  const Instrument* core = cat->instrument("core");
  ASSERT_NE(core, nullptr);
  EXPECT_TRUE(core->ideal);
  for (const auto& s : core->subscales) {
    int n = 0;
    for (const auto& it : core->items)
      n += it.subscale == *core->subscale_index(s.id) && it.facet == Facet::kReal;
    EXPECT_GE(n, 5) << s.id;
  }
  const Instrument* attachment = cat->instrument("attachment");
  ASSERT_NE(attachment, nullptr);
  ASSERT_TRUE(attachment->map.has_value());
}

// ---- Scoring ----

TEST(AssessmentScoring, ReverseKeysFlipAndMeansMapToZeroToHundred) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  // time: 5, 4, reverse 2 → 4: mean 13/3 → (13/3 − 1) / 4 × 100 = 83.33 → 83.3
  // phones: 1, 1, reverse 5 → 1: mean 1 → 0
  Scores s = score(inst, {{"time_1", 5},
                          {"time_2", 4},
                          {"time_3", 2},
                          {"phones_1", 1},
                          {"phones_2", 1},
                          {"phones_3", 5}});
  ASSERT_TRUE(s.ready());
  EXPECT_DOUBLE_EQ(*s.subscales[0].score, 83.3);
  EXPECT_DOUBLE_EQ(*s.subscales[1].score, 0.0);
  EXPECT_EQ(s.answered, 6);
  EXPECT_EQ(s.total, 6);
}

TEST(AssessmentScoring, PartialAnswersScoreOnlyAboveTheMinimumShare) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  // time: 2 of 3 answered (0.67 ≥ 0.6): mean (5 + 3) / 2 = 4 → 75. phones: 1 of 3 (0.33): none.
  Scores s = score(inst, {{"time_1", 5}, {"time_2", 3}, {"phones_1", 4}});
  EXPECT_DOUBLE_EQ(*s.subscales[0].score, 75.0);
  EXPECT_FALSE(s.subscales[1].score.has_value());
  EXPECT_EQ(s.missing, std::vector<std::string>{"phones"});
  EXPECT_FALSE(s.ready());

  Draft d{"habits", {{"time_1", 5}, {"time_2", 3}, {"phones_1", 4}}, 0, 0};
  auto attempt = submit(inst, d, 1, 7, 0, 1000);
  ASSERT_FALSE(attempt.ok());
  EXPECT_EQ(attempt.error().slug, "incomplete");
  EXPECT_NE(attempt.error().detail.find("\"Phones\""), std::string::npos);
}

TEST(AssessmentScoring, IdealScoresAndGaps) {
  std::string text = replaced(kHabits, "scale = \"agree5\"\n",
                              "scale = \"agree5\"\nideal = true\nreal_label = \"Now\"\n"
                              "ideal_label = \"Wished\"\n");
  Catalog cat = must_build(text);
  const Instrument& inst = cat.instruments[0];
  Answers a;
  for (const auto& item : inst.items) a[item.id] = 3;  // all middle: 50 (reverse of 3 is 3)
  a["time_1.ideal"] = 5;
  a["time_2.ideal"] = 5;
  a["time_3.ideal"] = 1;  // reverse → 5: ideal 100
  Scores s = score(inst, a);
  ASSERT_TRUE(s.ready());
  EXPECT_DOUBLE_EQ(*s.subscales[0].score, 50.0);
  EXPECT_DOUBLE_EQ(*s.subscales[0].ideal, 100.0);
  auto attempt = submit(inst, {"habits", a, 0, 0}, 9, 7, 0, 1000);
  ASSERT_TRUE(attempt.ok());
  Results r = results(inst, {*attempt});
  EXPECT_DOUBLE_EQ(*r.areas[0].ideal_gap, 50.0);
  EXPECT_FALSE(r.areas[0].change.has_value());
}

TEST(AssessmentScoring, BandsUseTheRoundedScore) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  EXPECT_EQ(band_for(inst, inst.subscales[0], 39.4).label, "Low");
  EXPECT_EQ(band_for(inst, inst.subscales[0], 39.5).label, "Middle");
  EXPECT_EQ(band_for(inst, inst.subscales[0], 69.6).label, "High");
  EXPECT_EQ(band_for(inst, inst.subscales[0], 0).label, "Low");
  EXPECT_EQ(band_for(inst, inst.subscales[0], 100).label, "High");
}

TEST(AssessmentScoring, AnswersMustBeKnownItemsOnTheScale) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  EXPECT_TRUE(check_answer(inst, "time_1", 1).ok());
  EXPECT_TRUE(check_answer(inst, "time_1", 5).ok());
  EXPECT_EQ(check_answer(inst, "time_1", 6).error().field, "answers.time_1");
  EXPECT_FALSE(check_answer(inst, "time_1", 0).ok());
  EXPECT_FALSE(check_answer(inst, "time_1", 2.5).ok());
  EXPECT_EQ(check_answer(inst, "time_9", 3).error().field, "answers.time_9");
}

Attempt attempt_with(std::string instrument, double time, double phones, Millis at) {
  Attempt a;
  a.instrument = std::move(instrument);
  a.submitted_at = at;
  a.scores = {{"time", time, std::nullopt}, {"phones", phones, std::nullopt}};
  return a;
}

TEST(AssessmentScoring, ResultsShowChangeSinceLastTime) {
  Catalog cat = must_build(kHabits);
  std::vector<Attempt> history = {attempt_with("habits", 40, 70, 1),
                                  attempt_with("habits", 55.5, 60, 2)};
  Results r = results(cat.instruments[0], history);
  EXPECT_EQ(r.latest, &history[1]);
  EXPECT_EQ(r.previous, &history[0]);
  EXPECT_DOUBLE_EQ(*r.areas[0].change, 15.5);
  EXPECT_DOUBLE_EQ(*r.areas[1].change, -10.0);
  EXPECT_EQ(r.areas[0].band->label, "Middle");
}

// ---- Couple report ----

TEST(AssessmentReport, ClassifiesStrengthsGrowthAndDifferentViews) {
  EXPECT_EQ(classify(Direction::kHigherIsBetter, 80, 75), AreaKind::kStrength);
  EXPECT_EQ(classify(Direction::kHigherIsBetter, 30, 45), AreaKind::kGrowth);
  EXPECT_EQ(classify(Direction::kHigherIsBetter, 80, 55), AreaKind::kDifferent);  // 25 apart
  EXPECT_EQ(classify(Direction::kHigherIsBetter, 80, 55.1), AreaKind::kMiddle);
  // Higher is worse: both low is the strength.
  EXPECT_EQ(classify(Direction::kHigherIsWorse, 10, 25), AreaKind::kStrength);
  EXPECT_EQ(classify(Direction::kHigherIsWorse, 60, 70), AreaKind::kGrowth);
}

TEST(AssessmentReport, PairsTheLatestRoundBothFinished) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  std::vector<Attempt> mine = {attempt_with("habits", 30, 80, 1), attempt_with("habits", 80, 20, 3),
                               attempt_with("habits", 90, 10, 5)};
  std::vector<Attempt> theirs = {attempt_with("habits", 40, 60, 2),
                                 attempt_with("habits", 75, 25, 4)};
  auto r = report_section(inst, mine, theirs);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->round, 2);
  EXPECT_EQ(r->mine, &mine[1]);  // not my third: my partner has not finished a third
  ASSERT_EQ(r->areas.size(), 2u);
  EXPECT_EQ(r->areas[0].kind, AreaKind::kStrength);
  EXPECT_EQ(*r->areas[0].starter, "Strength starter.");
  EXPECT_DOUBLE_EQ(*r->areas[0].change_me, 50.0);
  EXPECT_DOUBLE_EQ(*r->areas[0].change_partner, 35.0);
  EXPECT_EQ(r->areas[1].kind, AreaKind::kStrength);  // phones: both low, higher is worse

  EXPECT_FALSE(report_section(inst, mine, {}).has_value());
}

// ---- Cause profile ----

TEST(AssessmentCauses, RanksMeasuredCausesAndNamesWhatToTake) {
  Catalog cat = must_build(kHabits);
  Attempt mine = attempt_with("habits", 20, 80, 1);  // little time, phones everywhere
  CauseInputs in;
  in.mine = {&mine};
  auto profile = cause_profile(cat, in);
  ASSERT_EQ(profile.size(), 2u);
  EXPECT_EQ(profile[0].cause->id, "busyness");
  EXPECT_EQ(profile[0].rank, 1);
  EXPECT_DOUBLE_EQ(*profile[0].strength, 80.0);  // mean of 100 − 20 and 80
  EXPECT_EQ(profile[0].level, Level::kLikely);
  ASSERT_EQ(profile[0].evidence.size(), 2u);
  EXPECT_EQ(profile[0].evidence[0].text, "Time together: 20 of 100 (Low) in your answers");
  EXPECT_EQ(profile[1].cause->id, "unresolved_conflict");
  EXPECT_EQ(profile[1].level, Level::kNotMeasured);
  EXPECT_FALSE(profile[1].strength.has_value());
}

TEST(AssessmentCauses, ConflictRecordAndPartnerAnswersCount) {
  Catalog cat = must_build(kHabits);
  Attempt mine = attempt_with("habits", 80, 20, 1);      // concern 20 and 20
  Attempt partners = attempt_with("habits", 50, 50, 1);  // concern 50 and 50
  CauseInputs in;
  in.mine = {&mine};
  in.partners = {&partners};
  in.conflicts = ConflictRecord{4, 1, 3};
  auto profile = cause_profile(cat, in);
  ASSERT_EQ(profile[0].cause->id, "unresolved_conflict");  // 75 from the conflict record
  EXPECT_DOUBLE_EQ(*profile[0].strength, 75.0);
  EXPECT_EQ(profile[0].evidence[0].whose, Whose::kOurs);
  EXPECT_EQ(profile[1].cause->id, "busyness");
  EXPECT_DOUBLE_EQ(*profile[1].strength, 35.0);
  EXPECT_EQ(profile[1].level, Level::kLessLikely);
  // Too few conversations say nothing.
  in.conflicts = ConflictRecord{2, 0, 2};
  EXPECT_EQ(cause_profile(cat, in)[1].level, Level::kNotMeasured);
}

TEST(AssessmentCauses, TrackedTimeFromCheckinsInformsBusyness) {
  Catalog cat = must_build(kHabits);
  CauseInputs in;
  in.tracked = TrackedTime{10, 30, 15, 4.0};  // 15 focused minutes a day: concern 75; screens 40
  auto profile = cause_profile(cat, in);
  ASSERT_EQ(profile[0].cause->id, "busyness");
  EXPECT_DOUBLE_EQ(*profile[0].strength, 57.5);
  EXPECT_EQ(profile[0].level, Level::kPossible);
  ASSERT_EQ(profile[0].evidence.size(), 2u);
  EXPECT_EQ(profile[0].evidence[0].whose, Whose::kOurs);
  EXPECT_EQ(profile[0].evidence[0].text,
            "Over the last 30 days of check-ins (10), about 15 focused, phone-free minutes "
            "together on an average day.");
  EXPECT_EQ(profile[0].measure_with, std::vector<std::string>{"habits"});
  // Fewer than seven check-ins say nothing.
  in.tracked->checkins = 6;
  EXPECT_EQ(cause_profile(cat, in)[0].level, Level::kNotMeasured);
}

TEST(AssessmentCauses, NamesDemandWithdrawRoles) {
  auto cat = cli::load_catalog(std::string(HEARTH_SOURCE_DIR) + "/content");
  ASSERT_TRUE(cat.ok()) << cat.error().detail;
  const Instrument* conflict = cat->instrument("conflict");
  ASSERT_NE(conflict, nullptr);
  auto with = [&](double pursue, double withdraw) {
    Attempt a;
    a.instrument = "conflict";
    for (const auto& s : conflict->subscales) {
      double v = s.dw_role == DwRole::kIPursue     ? pursue
                 : s.dw_role == DwRole::kIWithdraw ? withdraw
                                                   : 50;
      a.scores.push_back({s.id, v, std::nullopt});
    }
    return a;
  };
  Attempt mine = with(80, 20), theirs = with(15, 75);
  CauseInputs in;
  in.mine = {&mine};
  in.partners = {&theirs};
  auto profile = cause_profile(*cat, in);
  std::string all;
  for (const auto& c : profile) {
    for (const auto& e : c.evidence) all += e.text + "\n";
  }
  EXPECT_NE(all.find("you tend to pursue (pressing to talk things through) and your partner tends "
                     "to withdraw"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("You both describe the same pattern: you pursue, your partner withdraws."),
            std::string::npos)
      << all;
}

// ---- Reliability ----

TEST(AssessmentReliability, CronbachAlphaMatchesAHandComputedValue) {
  // Item variances 5/3, 19/12, 11/12 (sum 25/6); totals 6, 8, 10, 14 have variance 35/3.
  // alpha = 3/2 × (1 − (25/6)/(35/3)) = 0.9642857…
  auto a = cronbach_alpha({{1, 2, 3}, {2, 3, 3}, {3, 3, 4}, {4, 5, 5}});
  ASSERT_TRUE(a.has_value());
  EXPECT_NEAR(*a, 0.9642857, 1e-6);
  EXPECT_FALSE(cronbach_alpha({{1, 2, 3}}).has_value());
  EXPECT_FALSE(cronbach_alpha({{3, 3}, {3, 3}}).has_value());
}

TEST(AssessmentReliability, NeedsEnoughCompleteRespondents) {
  Catalog cat = must_build(kHabits);
  const Instrument& inst = cat.instruments[0];
  std::vector<Answers> people;
  for (int i = 0; i < 29; ++i) {
    int v = 1 + i % 5;
    people.push_back({{"time_1", v},
                      {"time_2", v},
                      {"time_3", 6 - v},
                      {"phones_1", v},
                      {"phones_2", 6 - v},
                      {"phones_3", v}});
  }
  people.push_back({{"time_1", 3}});  // incomplete: not counted
  auto r = reliability(inst, people);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].respondents, 29);
  EXPECT_FALSE(r[0].alpha.has_value());
  people.push_back({{"time_1", 2},
                    {"time_2", 2},
                    {"time_3", 4},
                    {"phones_1", 2},
                    {"phones_2", 4},
                    {"phones_3", 2}});
  r = reliability(inst, people);
  EXPECT_EQ(r[0].respondents, 30);
  ASSERT_TRUE(r[0].alpha.has_value());
  EXPECT_NEAR(*r[0].alpha, 1.0, 1e-9);  // reverse key flipped: the items agree perfectly
  ASSERT_TRUE(r[1].alpha.has_value());
  EXPECT_LT(*r[1].alpha, 0.5);  // phones_2 runs against the others and is not reverse-keyed
}

}  // namespace
}  // namespace hearth::assessment
