// What a couple's check-ins show: trends over 7/30/90 days, a weekly summary written from their
// own numbers, and the positive cycle (does closeness on a day go with more affection on the
// next days, and the reverse?). Pure: the caller passes the check-ins the viewer may read and
// their local "today".
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/checkin.h"
#include "core/insights/stats.h"

namespace hearth::insights {

// The numbers a check-in holds. The first six are shared with the partner; the rest are private.
enum class Metric {
  kConnection,
  kCloseness,
  kAffection,
  kMinutesTogether,
  kFocusedMinutes,
  kTechInterference,
  kMood,
  kStress,
  kSelfCare
};
constexpr int kMetricCount = 9;
constexpr int kSharedMetricCount = 6;
std::string_view to_string(Metric m);
bool shared(Metric m);
bool lower_is_better(Metric m);
double value_of(const checkin::Answers& a, Metric m);

// One person's check-ins by day. For the partner, only shared metrics are ever read.
using Days = std::map<Day, checkin::Answers>;

struct Trend {
  int days = 0;
  Day from = 0, to = 0;
  const Days* mine = nullptr;
  const Days* partners = nullptr;  // null when there is no partner
  // Averages over the range and over the range before it (none without a check-in).
  std::array<std::optional<double>, kMetricCount> my_average{}, my_previous{};
  std::array<std::optional<double>, kMetricCount> partner_average{}, partner_previous{};
  int my_count = 0, partner_count = 0;
};
Trend trend(const Days& mine, const Days* partners, Day today, int days);

// ---- Weekly summary ----
constexpr int kMinCheckinsPerWeek = 3;  // between the two partners, in each of the two weeks

struct Change {
  Metric metric = Metric::kCloseness;
  double this_week = 0;
  double last_week = 0;
};
struct WeeklySummary {
  Day from = 0, to = 0;  // the last seven days, ending today
  int my_checkins = 0, partner_checkins = 0;
  bool enough = false;
  std::vector<Change> went_well;  // best first, at most two
  std::vector<Change> dipped;     // largest first, at most two
  std::optional<Metric> focus;    // what "one thing to try" is about
  std::optional<Change> focus_change;
};
// Over shared metrics only, both partners' check-ins pooled: the summary is the couple's.
WeeklySummary weekly_summary(const Days& mine, const Days* partners, Day today);

// ---- The positive cycle ----
constexpr int kMinPairs = 21;  // day pairs (today and tomorrow both checked in), both partners

enum class Verdict { kNotEnoughData, kGoesWithMore, kGoesWithLess, kNoClearLink };
std::string_view to_string(Verdict v);

// `to` on the next day, given `to` and `from` today: to[t+1] = b0 + b1·to[t] + b2·from[t],
// each person's values centred on their own means. b2 is the lagged link.
struct LaggedLink {
  Metric from = Metric::kCloseness, to = Metric::kAffection;
  int pairs = 0;
  std::optional<Correlation> correlation;  // from[t] with to[t+1]
  std::optional<double> effect;            // b2
  std::optional<Interval> ci95;
  Verdict verdict = Verdict::kNotEnoughData;
};

// Same-day association, each person centred on their own means.
struct SameDayLink {
  Metric from = Metric::kMinutesTogether, to = Metric::kCloseness;
  int days = 0;
  std::optional<Correlation> correlation;
  Verdict verdict = Verdict::kNotEnoughData;
};

struct DayPoint {
  Day day = 0;
  std::optional<double> closeness, affection;  // the couple's mean that day
};

struct Cycle {
  std::vector<LaggedLink> lagged;     // closeness → affection, affection → closeness
  std::vector<SameDayLink> same_day;  // time together, focused time, tech interference → closeness
  std::vector<DayPoint> series;       // the last 90 days, for the plot
  int pairs = 0;
  int min_pairs = kMinPairs;
};
Cycle positive_cycle(const Days& mine, const Days* partners, Day today);

}  // namespace hearth::insights
