#include "core/insights/insights.h"

#include <algorithm>
#include <cmath>

namespace hearth::insights {

std::string_view to_string(Metric m) {
  switch (m) {
    case Metric::kConnection:
      return "connection";
    case Metric::kCloseness:
      return "closeness";
    case Metric::kAffection:
      return "affection";
    case Metric::kMinutesTogether:
      return "minutes_together";
    case Metric::kFocusedMinutes:
      return "focused_minutes";
    case Metric::kTechInterference:
      return "tech_interference";
    case Metric::kMood:
      return "mood";
    case Metric::kStress:
      return "stress";
    case Metric::kSelfCare:
      return "self_care";
  }
  return "closeness";
}

bool shared(Metric m) { return static_cast<int>(m) < kSharedMetricCount; }

bool lower_is_better(Metric m) { return m == Metric::kTechInterference || m == Metric::kStress; }

double value_of(const checkin::Answers& a, Metric m) {
  switch (m) {
    case Metric::kConnection:
      return a.connection;
    case Metric::kCloseness:
      return a.closeness;
    case Metric::kAffection:
      return a.affection;
    case Metric::kMinutesTogether:
      return a.minutes_together;
    case Metric::kFocusedMinutes:
      return a.focused_minutes;
    case Metric::kTechInterference:
      return a.tech_interference;
    case Metric::kMood:
      return a.mood;
    case Metric::kStress:
      return a.stress;
    case Metric::kSelfCare:
      return a.self_care ? 1 : 0;
  }
  return 0;
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kNotEnoughData:
      return "not_enough_data";
    case Verdict::kGoesWithMore:
      return "goes_with_more";
    case Verdict::kGoesWithLess:
      return "goes_with_less";
    case Verdict::kNoClearLink:
      return "no_clear_link";
  }
  return "not_enough_data";
}

namespace {

constexpr Metric kAll[] = {Metric::kConnection,     Metric::kCloseness,
                           Metric::kAffection,      Metric::kMinutesTogether,
                           Metric::kFocusedMinutes, Metric::kTechInterference,
                           Metric::kMood,           Metric::kStress,
                           Metric::kSelfCare};

double round2(double v) { return std::round(v * 100.0) / 100.0; }

// Averages of every metric over days [from, to]; `shared_only` leaves private ones empty.
std::array<std::optional<double>, kMetricCount> averages(const Days& days, Day from, Day to,
                                                         bool shared_only, int* count) {
  std::array<double, kMetricCount> sum{};
  int n = 0;
  for (auto it = days.lower_bound(from); it != days.end() && it->first <= to; ++it) {
    ++n;
    for (Metric m : kAll) sum[static_cast<int>(m)] += value_of(it->second, m);
  }
  if (count) *count = n;
  std::array<std::optional<double>, kMetricCount> out{};
  if (n == 0) return out;
  for (Metric m : kAll) {
    if (shared_only && !shared(m)) continue;
    out[static_cast<int>(m)] = round2(sum[static_cast<int>(m)] / n);
  }
  return out;
}

// The smallest change in a metric worth mentioning in the weekly summary.
double notable(Metric m) {
  return m == Metric::kMinutesTogether || m == Metric::kFocusedMinutes ? 15.0 : 0.75;
}

// A person's days with each value centred on that person's own means over `days`.
struct Centred {
  std::map<Day, std::array<double, kMetricCount>> by_day;
};

Centred centre(const Days& days, Day from, Day to) {
  Centred c;
  std::array<double, kMetricCount> sum{};
  int n = 0;
  for (auto it = days.lower_bound(from); it != days.end() && it->first <= to; ++it) {
    std::array<double, kMetricCount> v{};
    for (Metric m : kAll) {
      v[static_cast<int>(m)] = value_of(it->second, m);
      sum[static_cast<int>(m)] += v[static_cast<int>(m)];
    }
    c.by_day.emplace(it->first, v);
    ++n;
  }
  for (auto& [day, v] : c.by_day) {
    for (int i = 0; i < kMetricCount; ++i) v[i] -= sum[i] / n;
  }
  return c;
}

Verdict verdict_of(const Interval& ci, double effect) {
  if (!ci.excludes_zero()) return Verdict::kNoClearLink;
  return effect > 0 ? Verdict::kGoesWithMore : Verdict::kGoesWithLess;
}

}  // namespace

Trend trend(const Days& mine, const Days* partners, Day today, int days) {
  Trend t;
  t.days = days;
  t.to = today;
  t.from = today - days + 1;
  t.mine = &mine;
  t.partners = partners;
  t.my_average = averages(mine, t.from, t.to, false, &t.my_count);
  t.my_previous = averages(mine, t.from - days, t.from - 1, false, nullptr);
  if (partners) {
    t.partner_average = averages(*partners, t.from, t.to, true, &t.partner_count);
    t.partner_previous = averages(*partners, t.from - days, t.from - 1, true, nullptr);
  }
  return t;
}

WeeklySummary weekly_summary(const Days& mine, const Days* partners, Day today) {
  WeeklySummary w;
  w.to = today;
  w.from = today - 6;
  // Pool both partners' shared metrics, week by week.
  auto pooled = [&](Day from, Day to, int* mine_n, int* partner_n) {
    std::array<double, kMetricCount> sum{};
    int n = 0;
    auto add = [&](const Days& d, int* count) {
      int c = 0;
      for (auto it = d.lower_bound(from); it != d.end() && it->first <= to; ++it, ++c) {
        for (int i = 0; i < kSharedMetricCount; ++i) {
          sum[i] += value_of(it->second, static_cast<Metric>(i));
        }
      }
      n += c;
      if (count) *count = c;
    };
    add(mine, mine_n);
    if (partners) add(*partners, partner_n);
    std::array<std::optional<double>, kMetricCount> out{};
    if (n > 0) {
      for (int i = 0; i < kSharedMetricCount; ++i) out[i] = round2(sum[i] / n);
    }
    return std::pair{out, n};
  };
  auto [now, n_now] = pooled(w.from, w.to, &w.my_checkins, &w.partner_checkins);
  auto [before, n_before] = pooled(w.from - 7, w.from - 1, nullptr, nullptr);
  w.enough = n_now >= kMinCheckinsPerWeek && n_before >= kMinCheckinsPerWeek;
  if (!w.enough) return w;
  std::vector<std::pair<double, Change>> better, worse;
  for (int i = 0; i < kSharedMetricCount; ++i) {
    auto m = static_cast<Metric>(i);
    Change c{m, *now[i], *before[i]};
    double delta = c.this_week - c.last_week;
    double gain = lower_is_better(m) ? -delta : delta;
    // Rank by the change relative to what counts as notable, so minutes and 0–10 scales compare.
    double size = gain / notable(m);
    if (size >= 1) better.emplace_back(size, c);
    if (size <= -1) worse.emplace_back(-size, c);
  }
  auto by_size = [](const auto& a, const auto& b) { return a.first > b.first; };
  std::stable_sort(better.begin(), better.end(), by_size);
  std::stable_sort(worse.begin(), worse.end(), by_size);
  for (std::size_t i = 0; i < better.size() && i < 2; ++i) w.went_well.push_back(better[i].second);
  for (std::size_t i = 0; i < worse.size() && i < 2; ++i) w.dipped.push_back(worse[i].second);
  if (!w.dipped.empty()) {
    w.focus = w.dipped.front().metric;
    w.focus_change = w.dipped.front();
  } else {
    // Nothing dipped: the lowest of the couple's 0–10 scales this week (reading
    // interference the other way round) is the one to try something for.
    double lowest = 11;
    for (Metric m :
         {Metric::kConnection, Metric::kCloseness, Metric::kAffection, Metric::kTechInterference}) {
      int i = static_cast<int>(m);
      double how_well = lower_is_better(m) ? 10 - *now[i] : *now[i];
      if (how_well < lowest) {
        lowest = how_well;
        w.focus = m;
        w.focus_change = Change{m, *now[i], *before[i]};
      }
    }
  }
  return w;
}

Cycle positive_cycle(const Days& mine, const Days* partners, Day today) {
  Cycle c;
  Day from = today - 364;  // a year of the couple's own data
  std::vector<Centred> people = {centre(mine, from, today)};
  if (partners) people.push_back(centre(*partners, from, today));

  for (auto [x, y] : {std::pair{Metric::kCloseness, Metric::kAffection},
                      std::pair{Metric::kAffection, Metric::kCloseness}}) {
    LaggedLink link;
    link.from = x;
    link.to = y;
    std::vector<double> next, prev_to, prev_from;
    std::vector<std::vector<double>> rows;
    for (const Centred& p : people) {
      for (const auto& [day, v] : p.by_day) {
        auto tomorrow = p.by_day.find(day + 1);
        if (tomorrow == p.by_day.end()) continue;
        next.push_back(tomorrow->second[static_cast<int>(y)]);
        prev_from.push_back(v[static_cast<int>(x)]);
        rows.push_back({v[static_cast<int>(y)], v[static_cast<int>(x)]});
      }
    }
    link.pairs = static_cast<int>(next.size());
    c.pairs = std::max(c.pairs, link.pairs);
    if (link.pairs >= kMinPairs) {
      link.correlation = pearson(prev_from, next);
      if (auto model = ols(next, rows)) {
        link.effect = model->coef[2];
        link.ci95 = model->ci95[2];
        link.verdict = verdict_of(*link.ci95, *link.effect);
      } else {
        link.verdict = Verdict::kNoClearLink;  // no variation to learn from
      }
    }
    c.lagged.push_back(link);
  }

  for (Metric x : {Metric::kMinutesTogether, Metric::kFocusedMinutes, Metric::kTechInterference}) {
    SameDayLink link;
    link.from = x;
    link.to = Metric::kCloseness;
    std::vector<double> xs, ys;
    for (const Centred& p : people) {
      for (const auto& [day, v] : p.by_day) {
        xs.push_back(v[static_cast<int>(x)]);
        ys.push_back(v[static_cast<int>(Metric::kCloseness)]);
      }
    }
    link.days = static_cast<int>(xs.size());
    if (link.days >= kMinPairs) {
      link.correlation = pearson(xs, ys);
      link.verdict = link.correlation ? verdict_of(link.correlation->ci95, link.correlation->r)
                                      : Verdict::kNoClearLink;
    }
    c.same_day.push_back(link);
  }

  for (Day d = today - 89; d <= today; ++d) {
    DayPoint p{d, std::nullopt, std::nullopt};
    double close = 0, aff = 0;
    int n = 0;
    for (const Days* days : {&mine, partners}) {
      if (!days) continue;
      auto it = days->find(d);
      if (it == days->end()) continue;
      close += it->second.closeness;
      aff += it->second.affection;
      ++n;
    }
    if (n > 0) {
      p.closeness = round2(close / n);
      p.affection = round2(aff / n);
    }
    c.series.push_back(p);
  }
  return c;
}

}  // namespace hearth::insights
