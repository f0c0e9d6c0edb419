#include "core/checkin.h"

#include <algorithm>
#include <tuple>

namespace hearth::checkin {

Visibility visibility_of(Field f) {
  switch (f) {
    case Field::kMood:
    case Field::kStress:
    case Field::kSelfCare:
      return Visibility::kPrivate;
    default:
      return Visibility::kShared;
  }
}

Visibility appreciation_visibility(const Appreciation& a) {
  return a.shared ? Visibility::kShared : Visibility::kPrivate;
}

namespace {

Status in_range(const char* field, int v, int lo, int hi) {
  if (v < lo || v > hi) {
    return Error::invalid(field, std::string(field) + " is a whole number from " +
                                     std::to_string(lo) + " to " + std::to_string(hi) + ".");
  }
  return Status::Ok();
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

Status validate(const Answers& a) {
  for (auto [field, v, lo, hi] : {std::tuple{"connection", a.connection, 0, 10},
                                  {"closeness", a.closeness, 0, 10},
                                  {"affection", a.affection, 0, 10},
                                  {"minutes_together", a.minutes_together, 0, 1440},
                                  {"focused_minutes", a.focused_minutes, 0, 1440},
                                  {"tech_interference", a.tech_interference, 0, 10},
                                  {"mood", a.mood, 1, 5},
                                  {"stress", a.stress, 1, 5}}) {
    if (Status s = in_range(field, v, lo, hi); !s.ok()) return s;
  }
  if (a.focused_minutes > a.minutes_together) {
    return Error::invalid("focused_minutes",
                          "Focused, phone-free time is part of the time together, so it cannot be "
                          "more than that.");
  }
  if (a.appreciation) {
    const std::string& t = a.appreciation->text;
    std::size_t n = utf8_length(t);
    if (t.find_first_not_of(" \t\r\n") == std::string::npos || n > 500) {
      return Error::invalid("appreciation.text",
                            "An appreciation is 1 to 500 characters (leave it out to skip it).");
    }
  }
  return Status::Ok();
}

Status writable(Day requested, Day today) {
  if (requested == today) return Status::Ok();
  if (requested > today) {
    return Error::make(
        ErrorCode::kConflict, "not-today",
        "That day has not started yet where you are (today is " + format_day(today) + ").");
  }
  return Error::make(ErrorCode::kConflict, "not-today",
                     "A check-in can be changed only on its own day; " + format_day(requested) +
                         " stays as it was. Today is " + format_day(today) + " where you are.");
}

CheckIn upsert(const std::optional<CheckIn>& existing, UserId user, CoupleId couple, Day day,
               const Answers& answers, const std::string& time_zone, Millis now) {
  CheckIn c;
  c.user = user;
  // A check-in stays with the couple it was made in, even when edited later that day.
  c.couple = existing ? existing->couple : couple;
  c.day = day;
  c.answers = answers;
  c.time_zone = time_zone;
  c.created_at = existing ? existing->created_at : now;
  c.updated_at = now;
  return c;
}

std::optional<CheckIn> as_seen_by(const CheckIn& c, const Viewer& viewer) {
  auto may = [&](Visibility v) {
    return PrivacyPolicy::can_read(viewer, {c.user, c.couple, v, false, true});
  };
  if (!may(visibility_of(Field::kCloseness))) return std::nullopt;
  CheckIn out = c;
  Answers none;
  if (!may(visibility_of(Field::kMood))) out.answers.mood = none.mood;
  if (!may(visibility_of(Field::kStress))) out.answers.stress = none.stress;
  if (!may(visibility_of(Field::kSelfCare))) out.answers.self_care = none.self_care;
  if (c.answers.appreciation && !may(appreciation_visibility(*c.answers.appreciation))) {
    out.answers.appreciation.reset();
  }
  return out;
}

std::vector<Day> days_this_week(const std::vector<Day>& checked_in, Day today) {
  Day monday = today - weekday(today);
  std::vector<Day> out;
  for (Day d : checked_in) {
    if (d >= monday && d <= today) out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace hearth::checkin
