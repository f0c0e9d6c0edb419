// The JSON form of check-ins, insights, the positive cycle and the journey (docs/API.md, "Daily
// check-in, insights …"). The partner's check-ins arrive already reduced by PrivacyPolicy.
#include <cmath>
#include <map>

#include "api/representations.h"

namespace hearth::api {

using insights::Metric;
using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string number_text(double v) {
  char buf[32];
  if (std::abs(v - std::round(v)) < 0.05) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

// Plain names for the measures, as sentences use them.
std::string_view label(Metric m) {
  switch (m) {
    case Metric::kConnection:
      return "Feeling connected";
    case Metric::kCloseness:
      return "Closeness";
    case Metric::kAffection:
      return "Affection";
    case Metric::kMinutesTogether:
      return "Time together";
    case Metric::kFocusedMinutes:
      return "Focused, phone-free time";
    case Metric::kTechInterference:
      return "Screens getting in the way";
    case Metric::kMood:
      return "Mood";
    case Metric::kStress:
      return "Stress";
    case Metric::kSelfCare:
      return "Self-care";
  }
  return "";
}

// The label as it reads inside a sentence.
std::string lower(std::string_view label) {
  std::string s(label);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string with_unit(Metric m, double v) {
  if (m == Metric::kMinutesTogether || m == Metric::kFocusedMinutes) {
    return number_text(v) + " minutes a day";
  }
  return number_text(v) + " of 10";
}

json values(const std::array<std::optional<double>, insights::kMetricCount>& a, bool shared_only) {
  if (!a[0]) return nullptr;
  json out = json::object();
  int n = shared_only ? insights::kSharedMetricCount : insights::kMetricCount;
  for (int i = 0; i < n; ++i) {
    out[std::string(insights::to_string(static_cast<Metric>(i)))] = optional_number(a[i]);
  }
  return out;
}

json day_values(const checkin::Answers& a, bool shared_only) {
  json out = json::object();
  int n = shared_only ? insights::kSharedMetricCount : insights::kMetricCount;
  for (int i = 0; i < n; ++i) {
    auto m = static_cast<Metric>(i);
    out[std::string(insights::to_string(m))] =
        m == Metric::kSelfCare ? json(a.self_care) : json(insights::value_of(a, m));
  }
  return out;
}

json change_json(const insights::Change& c, bool up) {
  std::string text = std::string(label(c.metric)) + ": " + with_unit(c.metric, c.this_week) +
                     (up ? ", up from " : ", down from ") + number_text(c.last_week) +
                     " the week before.";
  if (c.metric == Metric::kTechInterference) {
    text = std::string(label(c.metric)) + ": " + number_text(c.this_week) + " of 10, " +
           (c.this_week < c.last_week ? "less" : "more") + " than the week before (" +
           number_text(c.last_week) + ").";
  }
  return {{"metric", insights::to_string(c.metric)},
          {"this_week", c.this_week},
          {"last_week", c.last_week},
          {"text", text}};
}

json correlation_json(const std::optional<insights::Correlation>& c) {
  if (!c) return nullptr;
  auto r2 = [](double v) { return std::round(v * 100) / 100 + 0.0; };  // no "-0"
  return {{"r", r2(c->r)}, {"n", c->n}, {"low", r2(c->ci95.low)}, {"high", r2(c->ci95.high)}};
}

}  // namespace

json checkin_json(const checkin::CheckIn& c) {
  const auto& a = c.answers;
  return {{"date", format_day(c.day)},
          {"connection", a.connection},
          {"closeness", a.closeness},
          {"affection", a.affection},
          {"minutes_together", a.minutes_together},
          {"focused_minutes", a.focused_minutes},
          {"tech_interference", a.tech_interference},
          {"mood", a.mood},
          {"stress", a.stress},
          {"self_care", a.self_care},
          {"appreciation",
           a.appreciation ? json{{"text", a.appreciation->text}, {"shared", a.appreciation->shared}}
                          : json(nullptr)},
          {"time_zone", c.time_zone},
          {"created_at", format_rfc3339(c.created_at)},
          {"updated_at", format_rfc3339(c.updated_at)}};
}

json rhythm_json(const Rhythm& r) {
  json week = json::array();
  int count = 0;
  for (Day d = r.today - weekday(r.today); d <= r.today; ++d) {
    bool in = std::find(r.recent.begin(), r.recent.end(), d) != r.recent.end();
    count += in;
    week.push_back({{"date", format_day(d)}, {"checked_in", in}});
  }
  return {{"today", format_day(r.today)},
          {"week", std::move(week)},
          {"count", count},
          {"total", r.total}};
}

std::string checkins_csv(const std::vector<checkin::CheckIn>& list) {
  // RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled.
  auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
      if (ch == '"') out += '"';
      out += ch;
    }
    return out + "\"";
  };
  std::string out =
      "date,connection,closeness,affection,minutes_together,focused_minutes,tech_interference,"
      "mood,stress,self_care,appreciation,appreciation_shared,time_zone\r\n";
  for (const auto& c : list) {
    const auto& a = c.answers;
    out += format_day(c.day) + "," + std::to_string(a.connection) + "," +
           std::to_string(a.closeness) + "," + std::to_string(a.affection) + "," +
           std::to_string(a.minutes_together) + "," + std::to_string(a.focused_minutes) + "," +
           std::to_string(a.tech_interference) + "," + std::to_string(a.mood) + "," +
           std::to_string(a.stress) + "," + (a.self_care ? "true" : "false") + "," +
           (a.appreciation ? field(a.appreciation->text) : "") + "," +
           (a.appreciation ? (a.appreciation->shared ? "true" : "false") : "") + "," +
           field(c.time_zone) + "\r\n";
  }
  return out;
}

json insights_json(const InsightsView& v) {
  const auto& t = v.trend;
  std::map<Day, const checkin::Answers*> mine, theirs;
  for (const auto& c : *v.mine) mine[c.day] = &c.answers;
  for (const auto& c : *v.partners) theirs[c.day] = &c.answers;
  json series = json::array();
  for (Day d = t.from; d <= t.to; ++d) {
    auto m = mine.find(d);
    auto p = theirs.find(d);
    series.push_back({{"date", format_day(d)},
                      {"me", m == mine.end() ? json(nullptr) : day_values(*m->second, false)},
                      {"partner", !v.partner || p == theirs.end() ? json(nullptr)
                                                                  : day_values(*p->second, true)}});
  }
  // Self-care as the share of days (0–1) rather than a mean of true/false.
  json my_avg = values(t.my_average, false), my_prev = values(t.my_previous, false);
  const auto& w = v.weekly;
  json went_well = json::array(), dipped = json::array();
  for (const auto& c : w.went_well) went_well.push_back(change_json(c, true));
  for (const auto& c : w.dipped) dipped.push_back(change_json(c, false));
  json try_this = nullptr;
  if (w.enough && v.suggestion) {
    try_this = {{"metric", insights::to_string(v.suggestion->metric)},
                {"text", v.suggestion->text},
                {"why", v.suggestion->why},
                {"practice_tag", v.suggestion->practice_tag}};
  }
  json appreciations = json::array();
  for (const auto* list : {v.mine, v.partners}) {
    for (const auto& c : *list) {
      if (c.day < t.to - 13 || c.day > t.to || !c.answers.appreciation) continue;
      if (list == v.partners && !v.partner) continue;
      appreciations.push_back({{"date", format_day(c.day)},
                               {"from", list == v.mine ? "me" : "partner"},
                               {"text", c.answers.appreciation->text},
                               {"shared", c.answers.appreciation->shared}});
    }
  }
  std::stable_sort(appreciations.begin(), appreciations.end(),
                   [](const json& a, const json& b) { return a["date"] > b["date"]; });
  return {{"today", format_day(v.rhythm.today)},
          {"time_zone", v.time_zone},
          {"days", t.days},
          {"from", format_day(t.from)},
          {"to", format_day(t.to)},
          {"partner", v.partner ? json{{"id", std::to_string(v.partner->user_id)},
                                       {"display_name", v.partner->display_name}}
                                : json(nullptr)},
          {"rhythm", rhythm_json(v.rhythm)},
          {"series", std::move(series)},
          {"averages",
           {{"me", my_avg}, {"partner", v.partner ? values(t.partner_average, true) : nullptr}}},
          {"previous",
           {{"me", my_prev}, {"partner", v.partner ? values(t.partner_previous, true) : nullptr}}},
          {"weekly",
           {{"from", format_day(w.from)},
            {"to", format_day(w.to)},
            {"my_checkins", w.my_checkins},
            {"partner_checkins", w.partner_checkins},
            {"enough", w.enough},
            {"went_well", std::move(went_well)},
            {"dipped", std::move(dipped)},
            {"try", std::move(try_this)}}},
          {"appreciations", std::move(appreciations)}};
}

json cycle_json(const insights::Cycle& c) {
  json lagged = json::array(), same_day = json::array(), series = json::array();
  for (const auto& l : c.lagged) {
    std::string from = lower(label(l.from)), to = lower(label(l.to));
    std::string text;
    switch (l.verdict) {
      case insights::Verdict::kNotEnoughData:
        text = "Not enough data yet: this needs " + std::to_string(c.min_pairs) +
               " pairs of consecutive check-in days (there are " + std::to_string(l.pairs) + ").";
        break;
      case insights::Verdict::kGoesWithMore:
        text = "On the days after " +
               std::string(l.from == Metric::kCloseness ? "you felt closer" : "more affection") +
               ", " +
               (l.to == Metric::kAffection ? "there was more affection" : "you felt closer") +
               " than usual. An association in your own data, not proof that one causes the other.";
        break;
      case insights::Verdict::kGoesWithLess:
        text = "On the days after more " + from + ", " + to +
               " tended to be lower than usual. An association in your own data, not proof that "
               "one causes the other.";
        break;
      case insights::Verdict::kNoClearLink:
        text = "No clear link yet between " + from + " one day and " + to +
               " the next: the data allow anything from a small negative to a small positive link.";
        break;
    }
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    lagged.push_back({{"from", insights::to_string(l.from)},
                      {"to", insights::to_string(l.to)},
                      {"pairs", l.pairs},
                      {"correlation", correlation_json(l.correlation)},
                      {"effect", l.effect ? json(r2(*l.effect)) : json(nullptr)},
                      {"low", l.ci95 ? json(r2(l.ci95->low)) : json(nullptr)},
                      {"high", l.ci95 ? json(r2(l.ci95->high)) : json(nullptr)},
                      {"verdict", insights::to_string(l.verdict)},
                      {"text", text}});
  }
  for (const auto& l : c.same_day) {
    std::string from(label(l.from));
    std::string text;
    switch (l.verdict) {
      case insights::Verdict::kNotEnoughData:
        text = "Not enough days yet.";
        break;
      case insights::Verdict::kGoesWithMore:
        text = "Days with more of \u201c" + from + "\u201d went with feeling closer.";
        break;
      case insights::Verdict::kGoesWithLess:
        text = "Days with more of \u201c" + from + "\u201d went with feeling less close.";
        break;
      case insights::Verdict::kNoClearLink:
        text = "No clear link yet between \u201c" + from + "\u201d and closeness on the same day.";
        break;
    }
    same_day.push_back({{"from", insights::to_string(l.from)},
                        {"to", insights::to_string(l.to)},
                        {"days", l.days},
                        {"correlation", correlation_json(l.correlation)},
                        {"verdict", insights::to_string(l.verdict)},
                        {"text", text}});
  }
  for (const auto& p : c.series) {
    series.push_back({{"date", format_day(p.day)},
                      {"closeness", optional_number(p.closeness)},
                      {"affection", optional_number(p.affection)}});
  }
  return {{"pairs", c.pairs},
          {"min_pairs", c.min_pairs},
          {"enough", c.pairs >= c.min_pairs},
          {"lagged", std::move(lagged)},
          {"same_day", std::move(same_day)},
          {"series", std::move(series)},
          {"note",
           "Computed on your own check-ins only, each person compared with their own usual. "
           "Links here are associations with 95% uncertainty ranges; they never prove a cause."}};
}

json journey_json(const std::vector<journey::Event>& events) {
  json out = json::array();
  for (const auto& e : events) {
    out.push_back({{"at", format_rfc3339(e.at)},
                   {"kind", journey::to_string(e.kind)},
                   {"who", journey::to_string(e.who)},
                   {"title", e.title},
                   {"detail", e.detail}});
  }
  return {{"events", std::move(out)}};
}

}  // namespace hearth::api
