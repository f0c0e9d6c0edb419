// Check-ins, calendar days and the statistics behind insights, against hand-computed values and
// generated series with and without a known lagged effect.
#include <gtest/gtest.h>

#include <random>

#include "core/checkin.h"
#include "core/insights/insights.h"
#include "core/insights/stats.h"
#include "core/journey.h"

#include <algorithm>
#include "core/local_time.h"

namespace hearth {
namespace {

using insights::Days;
using insights::Metric;
using insights::Verdict;

TEST(LocalTime, DaysParseFormatAndKnowTheirWeekday) {
  EXPECT_EQ(parse_day("1970-01-01"), 0);
  EXPECT_EQ(parse_day("2026-11-25"), 20782);  // 56 years with 14 leap days, then 328 days
  EXPECT_EQ(format_day(20782), "2026-11-25");
  EXPECT_FALSE(parse_day("2026-02-30").has_value());
  EXPECT_FALSE(parse_day("2026-11-5").has_value());
  EXPECT_FALSE(parse_day("tomorrow").has_value());
  EXPECT_EQ(weekday(*parse_day("2026-11-23")), 0);  // a Monday
  EXPECT_EQ(weekday(*parse_day("2026-11-29")), 6);  // a Sunday
  EXPECT_EQ(format_clock(0), "00:00");
  EXPECT_EQ(format_clock(19 * 60 + 5), "19:05");
  EXPECT_EQ(format_clock(1440), "24:00");
}

TEST(LocalTime, TheLocalDayFollowsTheTimeZone) {
  Millis t = *parse_rfc3339("2026-11-25T23:30:00Z");
  EXPECT_EQ(format_day(local_day(t, "UTC")), "2026-11-25");
  EXPECT_EQ(format_day(local_day(t, "Europe/Berlin")), "2026-11-26");     // UTC+1
  EXPECT_EQ(format_day(local_day(t, "America/New_York")), "2026-11-25");  // UTC−5
  Millis early = *parse_rfc3339("2026-11-25T03:00:00Z");
  EXPECT_EQ(format_day(local_day(early, "America/Los_Angeles")), "2026-11-24");
  EXPECT_TRUE(valid_time_zone("Pacific/Auckland"));
  EXPECT_FALSE(valid_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(valid_time_zone(""));
}

TEST(CheckIn, OnlyTodayIsWritableAndAnswersAreChecked) {
  EXPECT_TRUE(checkin::writable(100, 100).ok());
  EXPECT_EQ(checkin::writable(99, 100).error().slug, "not-today");
  EXPECT_EQ(checkin::writable(101, 100).error().slug, "not-today");
  checkin::Answers a;
  a.closeness = 7;
  a.minutes_together = 60;
  a.focused_minutes = 30;
  EXPECT_TRUE(checkin::validate(a).ok());
  a.focused_minutes = 61;
  EXPECT_EQ(checkin::validate(a).error().field, "focused_minutes");
  a.focused_minutes = 0;
  a.closeness = 11;
  EXPECT_EQ(checkin::validate(a).error().field, "closeness");
  a.closeness = 5;
  a.mood = 0;
  EXPECT_EQ(checkin::validate(a).error().field, "mood");
  a.mood = 3;
  a.appreciation = checkin::Appreciation{"   ", true};
  EXPECT_EQ(checkin::validate(a).error().field, "appreciation.text");
}

TEST(CheckIn, PrivateFieldsStayPrivate) {
  EXPECT_EQ(checkin::visibility_of(checkin::Field::kCloseness), Visibility::kShared);
  EXPECT_EQ(checkin::visibility_of(checkin::Field::kMood), Visibility::kPrivate);
  EXPECT_EQ(checkin::visibility_of(checkin::Field::kStress), Visibility::kPrivate);
  EXPECT_EQ(checkin::visibility_of(checkin::Field::kSelfCare), Visibility::kPrivate);
  EXPECT_EQ(checkin::appreciation_visibility({"thanks", false}), Visibility::kPrivate);
  EXPECT_EQ(checkin::appreciation_visibility({"thanks", true}), Visibility::kShared);
}

TEST(CheckIn, DaysThisWeekStartOnMonday) {
  Day wed = *parse_day("2026-11-25");
  auto week = checkin::days_this_week({wed - 3, wed - 2, wed - 2, wed, wed - 9}, wed);
  EXPECT_EQ(week, (std::vector<Day>{wed - 2, wed}));  // Sunday before is last week
}

TEST(Stats, PearsonMatchesAHandComputedValue) {
  // sxy = 6, sxx = 10, syy = 6: r = 6 / √60 = 0.774597
  auto c = insights::pearson({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5});
  ASSERT_TRUE(c.has_value());
  EXPECT_NEAR(c->r, 0.774597, 1e-6);
  EXPECT_EQ(c->n, 5);
  // Fisher z: atanh(0.774597) ± 1.96/√2 → tanh(−0.354) … tanh(2.418)
  EXPECT_NEAR(c->ci95.low, -0.3399, 1e-3);
  EXPECT_NEAR(c->ci95.high, 0.9843, 1e-3);
  EXPECT_FALSE(insights::pearson({1, 1, 1, 1}, {1, 2, 3, 4}).has_value());
  EXPECT_FALSE(insights::pearson({1, 2, 3}, {1, 2, 3}).has_value());
}

TEST(Stats, OlsMatchesAHandComputedFit) {
  // b1 = 6/10 = 0.6, b0 = 4 − 0.6·3 = 2.2; RSS = 2.4, σ² = 0.8, se(b1) = √(0.8/10) = 0.28284;
  // t(3) = 3.182: CI 0.6 ± 0.9000.
  auto m = insights::ols({2, 4, 5, 4, 5}, {{1}, {2}, {3}, {4}, {5}});
  ASSERT_TRUE(m.has_value());
  EXPECT_NEAR(m->coef[0], 2.2, 1e-9);
  EXPECT_NEAR(m->coef[1], 0.6, 1e-9);
  EXPECT_NEAR(m->se[1], 0.282843, 1e-6);
  EXPECT_NEAR(m->ci95[1].low, 0.6 - 3.182 * 0.282843, 1e-6);
  EXPECT_FALSE(m->ci95[1].excludes_zero());
  // Collinear predictors have no answer.
  EXPECT_FALSE(
      insights::ols({1, 2, 3, 4, 5}, {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}}).has_value());
}

// Two partners over `days` days. With `lag`, affection tomorrow rises with closeness today.
std::pair<Days, Days> generated(int days, double lag, unsigned seed, double missing = 0.1) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, 1);
  std::uniform_real_distribution<double> skip(0, 1);
  std::pair<Days, Days> out;
  for (Days* person : {&out.first, &out.second}) {
    double close = 5, aff = 5;
    for (Day d = 1000; d < 1000 + days; ++d) {
      double next_close = 5 + 0.4 * (close - 5) + 1.2 * noise(rng);
      double next_aff = 5 + 0.3 * (aff - 5) + lag * (close - 5) + 1.2 * noise(rng);
      close = std::clamp(next_close, 0.0, 10.0);
      aff = std::clamp(next_aff, 0.0, 10.0);
      if (skip(rng) < missing) continue;
      checkin::Answers a;
      a.closeness = static_cast<int>(std::lround(close));
      a.affection = static_cast<int>(std::lround(aff));
      a.connection = a.closeness;
      (*person)[d] = a;
    }
  }
  return out;
}

TEST(PositiveCycle, FindsAKnownLaggedEffectAndOnlyThatOne) {
  auto [a, b] = generated(120, 0.6, 7);
  auto cycle = insights::positive_cycle(a, &b, 1000 + 119);
  ASSERT_EQ(cycle.lagged.size(), 2u);
  const auto& close_to_aff = cycle.lagged[0];
  EXPECT_EQ(close_to_aff.from, Metric::kCloseness);
  EXPECT_GE(close_to_aff.pairs, insights::kMinPairs);
  EXPECT_EQ(close_to_aff.verdict, Verdict::kGoesWithMore);
  EXPECT_GT(*close_to_aff.effect, 0.3);
  EXPECT_LT(close_to_aff.ci95->low, 0.6);
  EXPECT_GT(close_to_aff.ci95->high, 0.4);
  // Nothing was built in the other direction.
  EXPECT_EQ(cycle.lagged[1].verdict, Verdict::kNoClearLink);
}

TEST(PositiveCycle, FindsNothingWhenThereIsNothing) {
  auto [a, b] = generated(120, 0.0, 11);
  auto cycle = insights::positive_cycle(a, &b, 1000 + 119);
  EXPECT_EQ(cycle.lagged[0].verdict, Verdict::kNoClearLink);
  EXPECT_EQ(cycle.lagged[1].verdict, Verdict::kNoClearLink);
}

TEST(PositiveCycle, SaysNotEnoughDataBelowTheMinimum) {
  auto [a, b] = generated(10, 0.6, 3, 0.0);  // 9 pairs each: 18 < 21
  auto cycle = insights::positive_cycle(a, &b, 1000 + 9);
  EXPECT_EQ(cycle.pairs, 18);
  EXPECT_EQ(cycle.lagged[0].verdict, Verdict::kNotEnoughData);
  EXPECT_FALSE(cycle.lagged[0].effect.has_value());
  EXPECT_EQ(cycle.series.size(), 90u);
}

checkin::Answers day_with(int closeness, int affection, int minutes, int tech) {
  checkin::Answers a;
  a.connection = closeness;
  a.closeness = closeness;
  a.affection = affection;
  a.minutes_together = minutes;
  a.focused_minutes = minutes / 2;
  a.tech_interference = tech;
  return a;
}

TEST(WeeklySummary, NamesWhatWentWellWhatDippedAndWhatToTry) {
  Day today = 2000;
  Days me, partner;
  for (Day d = today - 13; d <= today - 7; ++d) me[d] = day_with(5, 6, 60, 3);  // last week
  for (Day d = today - 6; d <= today; ++d) me[d] = day_with(7, 4, 60, 3);       // this week
  partner[today - 8] = day_with(5, 6, 60, 3);
  partner[today - 1] = day_with(7, 4, 60, 3);
  auto w = insights::weekly_summary(me, &partner, today);
  ASSERT_TRUE(w.enough);
  EXPECT_EQ(w.my_checkins, 7);
  EXPECT_EQ(w.partner_checkins, 1);
  ASSERT_FALSE(w.went_well.empty());
  EXPECT_EQ(w.went_well[0].metric, Metric::kConnection);  // 5 → 7, first of the tied pair
  EXPECT_EQ(w.went_well[1].metric, Metric::kCloseness);
  ASSERT_EQ(w.dipped.size(), 1u);
  EXPECT_EQ(w.dipped[0].metric, Metric::kAffection);
  EXPECT_DOUBLE_EQ(w.dipped[0].this_week, 4);
  EXPECT_EQ(w.focus, Metric::kAffection);

  Days little;
  little[today] = day_with(5, 5, 10, 1);
  EXPECT_FALSE(insights::weekly_summary(little, nullptr, today).enough);
}

TEST(Trend, AveragesTheRangeAndTheOneBeforeAndHidesPartnersPrivateFields) {
  Day today = 3000;
  Days me, partner;
  me[today] = day_with(8, 6, 30, 2);
  me[today - 1] = day_with(6, 4, 30, 2);
  me[today - 8] = day_with(2, 2, 0, 9);
  partner[today] = day_with(4, 4, 30, 2);
  partner[today].mood = 1;
  auto t = insights::trend(me, &partner, today, 7);
  EXPECT_EQ(t.my_count, 2);
  EXPECT_DOUBLE_EQ(*t.my_average[static_cast<int>(Metric::kCloseness)], 7.0);
  EXPECT_DOUBLE_EQ(*t.my_previous[static_cast<int>(Metric::kCloseness)], 2.0);
  EXPECT_DOUBLE_EQ(*t.partner_average[static_cast<int>(Metric::kCloseness)], 4.0);
  EXPECT_FALSE(t.partner_average[static_cast<int>(Metric::kMood)].has_value());
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

TEST(CheckInPrivacy, APartnerSeesOnlySharedFieldsAndOnlyInTheSameCouple) {
  checkin::CheckIn c;
  c.user = 1;
  c.couple = 10;
  c.answers.closeness = 8;
  c.answers.mood = 1;
  c.answers.stress = 5;
  c.answers.self_care = true;
  c.answers.appreciation = checkin::Appreciation{"private thanks", false};
  auto mine = checkin::as_seen_by(c, {1, 10});
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->answers.mood, 1);
  EXPECT_TRUE(mine->answers.appreciation.has_value());
  auto partners = checkin::as_seen_by(c, {2, 10});
  ASSERT_TRUE(partners.has_value());
  EXPECT_EQ(partners->answers.closeness, 8);
  EXPECT_EQ(partners->answers.mood, checkin::Answers{}.mood);
  EXPECT_EQ(partners->answers.stress, checkin::Answers{}.stress);
  EXPECT_FALSE(partners->answers.self_care);
  EXPECT_FALSE(partners->answers.appreciation.has_value());
  c.answers.appreciation->shared = true;
  EXPECT_TRUE(checkin::as_seen_by(c, {2, 10})->answers.appreciation.has_value());
  EXPECT_FALSE(checkin::as_seen_by(c, {3, 11}).has_value());  // a stranger
  c.couple = 0;                                               // made alone
  EXPECT_FALSE(checkin::as_seen_by(c, {2, 10}).has_value());
}

TEST(Journey, MilestonesAndEventsNewestFirst) {
  journey::Inputs in;
  in.joined_at = 100;
  in.partner_name = "Daniel";
  in.paired_at = 200;
  in.mine = {{"Signs of distance", 1, 300}, {"Signs of distance", 2, 900}};
  in.partners = {{"Core", 1, 400}};
  for (Millis t = 1000; t < 1008; ++t) in.my_checkins.push_back(t);
  in.agreed = {{"Phones at dinner", 950}};
  auto events = journey::build(in);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().title, "Your 7th check-in");
  EXPECT_EQ(events.front().at, 1006);
  std::vector<std::string> titles;
  for (const auto& e : events) titles.push_back(e.title);
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Daniel finished Core"), titles.end());
  EXPECT_NE(std::find(titles.begin(), titles.end(), "You and Daniel paired up"), titles.end());
  EXPECT_EQ(events.back().kind, journey::Kind::kJoined);
  for (std::size_t i = 1; i < events.size(); ++i) EXPECT_GE(events[i - 1].at, events[i].at);
}

}  // namespace
}  // namespace hearth
