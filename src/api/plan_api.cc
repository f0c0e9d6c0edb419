// "What helps" over HTTP: the practice library, free times and preferences, the weekly plan,
// logging a practice, the calendar feed, the daily prompt with paired reveal, and promises.
// Planning is core/plan/planner.h's (gathered by api/plan_service.h); who may read an answer or a
// promise is PrivacyPolicy's.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "api/app.h"
#include "api/json_body.h"
#include "api/plan_service.h"
#include "api/representations.h"
#include "core/plan/ical.h"
#include "core/plan/prompts.h"
#include "http/problem.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

using http::Request;
using http::Respond;
using nlohmann::json;
using plan::Practice;

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Error no_such_practice() {
  return Error::make(ErrorCode::kNotFound, "no-such-practice", "There is no such practice here.");
}
Error not_in_couple() {
  return Error::make(ErrorCode::kNotFound, "not-in-couple",
                     "This needs a couple: invite your partner from the Couple page first.");
}

std::size_t utf8_chars(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (std::from_chars(s.data(), s.data() + 2, h).ec != std::errc() ||
      std::from_chars(s.data() + 3, s.data() + 5, m).ec != std::errc()) {
    return std::nullopt;
  }
  if (s == "24:00") return 1440;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

json practice_json(const Practice& p, const assessment::Catalog& catalog) {
  json tags = json::array();
  for (const auto& t : p.tags) {
    auto it = catalog.tags.find(t);
    tags.push_back({{"id", t}, {"title", it == catalog.tags.end() ? t : it->second}});
  }
  json areas = json::array();
  for (const auto& a : p.areas) {
    auto slash = a.find('/');
    const auto* inst = catalog.instrument(a.substr(0, slash));
    std::string title = a;
    if (inst) {
      if (auto i = inst->subscale_index(a.substr(slash + 1))) title = inst->subscales[*i].title;
    }
    areas.push_back({{"id", a}, {"title", title}});
  }
  return {{"id", p.id},
          {"title", p.title},
          {"calendar_title", p.calendar_title},
          {"goal", p.goal},
          {"steps", p.steps},
          {"minutes", p.minutes},
          {"who", plan::to_string(p.who)},
          {"cost", plan::to_string(p.cost)},
          {"difficulty", p.difficulty},
          {"energy", plan::to_string(p.energy)},
          {"setting", plan::to_string(p.setting)},
          {"tags", std::move(tags)},
          {"areas", std::move(areas)},
          {"causes", p.causes},
          {"why", p.why},
          {"cite", p.cite.empty() ? json(nullptr) : json(p.cite)}};
}

// A session's id: stable for the same plan owner, week and practice, so calendar UIDs stay put.
std::string session_id(const storage::PlanOwner& owner, Day week, const std::string& practice) {
  return security::hash_secret(owner.key() + ":" + std::to_string(week) + ":" + practice)
      .substr(0, 20);
}

// Who plans together: the person's couple, or the person alone.
Couple plan_unit(const std::optional<Couple>& couple, UserId me) {
  return couple ? *couple : Couple{0, 0, {{me, "", 0}}, std::nullopt};
}

// The practice log behind a plan: the couple's, or the person's own.
std::vector<storage::PracticeLog> unit_logs(storage::ReadTx& tx, const Couple& unit) {
  return unit.id ? tx.practice_logs(unit.id) : tx.practice_logs_by(unit.partners.front().user_id);
}

// A session is done when its practice was logged done that week, skipped when only skipped.
std::string_view session_status(const plan::Session& s, Day week_start,
                                const std::vector<storage::PracticeLog>& logs) {
  bool skipped = false;
  for (const auto& l : logs) {
    if (l.practice != s.practice || l.day < week_start || l.day >= week_start + 7) continue;
    if (l.done) return "done";
    skipped = true;
  }
  return skipped ? "skipped" : "planned";
}

json plan_json(const storage::StoredPlan& sp, const storage::PlanOwner& owner,
               const plan::Library& lib, const assessment::Catalog& catalog,
               const std::vector<storage::PracticeLog>& logs) {
  json sessions = json::array();
  for (const auto& s : sp.plan.sessions) {
    const Practice* p = lib.practice(s.practice);
    std::string_view status = session_status(s, sp.plan.week_start, logs);
    bool done = status == "done";
    Millis at = instant_of(s.day, s.start, sp.time_zone);
    sessions.push_back({{"id", session_id(owner, sp.plan.week_start, s.practice)},
                        {"date", format_day(s.day)},
                        {"start", format_clock(s.start)},
                        {"end", format_clock(std::min(1440, s.start + s.minutes))},
                        {"starts_at", format_rfc3339(at)},
                        {"minutes", s.minutes},
                        {"reason", s.reason},
                        {"done", done},
                        {"status", status},
                        {"practice", p ? practice_json(*p, catalog) : json(nullptr)}});
  }
  return {{"week_start", format_day(sp.plan.week_start)},
          {"intensity", plan::to_string(sp.plan.intensity)},
          {"level", sp.plan.level},
          {"time_zone", sp.time_zone},
          {"sessions", std::move(sessions)},
          {"notes", sp.plan.notes},
          {"created_at", format_rfc3339(sp.created_at)}};
}

// ---- Practices ----

void list_practices(App& app, const Request& req, const Auth&, Respond respond) {
  auto tag = req.query_param("tag");
  auto area = req.query_param("area");
  json items = json::array();
  for (const auto& p : app.library().practices) {
    if (tag && std::find(p.tags.begin(), p.tags.end(), *tag) == p.tags.end()) continue;
    if (area && std::find(p.areas.begin(), p.areas.end(), *area) == p.areas.end()) continue;
    items.push_back(practice_json(p, app.catalog()));
  }
  json tags = json::array();
  for (const auto& [id, title] : app.catalog().tags) tags.push_back({{"id", id}, {"title", title}});
  respond(json_response(200, {{"practices", std::move(items)}, {"tags", std::move(tags)}}));
}

void get_practice(App& app, const Request& req, const Auth&, Respond respond) {
  const Practice* p = app.library().practice(req.param("id"));
  if (!p) return respond(http::problem(no_such_practice()));
  respond(json_response(200, practice_json(*p, app.catalog())));
}

// How a practice has gone for us: my entries and my partner's in our couple, newest first. Who
// may read an entry, and its note, is PrivacyPolicy's (an entry is shared within the couple it
// was made in; its note is private).
void get_practice_log(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Practice* p = app.library().practice(req.param("id"));
  if (!p) return respond(http::problem(no_such_practice()));
  Viewer viewer = auth.viewer();
  std::vector<storage::PracticeLog> entries;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    entries = tx.practice_logs_by(viewer.user_id);
    if (viewer.couple_id) {
      for (auto& l : tx.practice_logs(viewer.couple_id)) {
        if (l.user != viewer.user_id) entries.push_back(std::move(l));
      }
    }
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  std::erase_if(entries, [&](const storage::PracticeLog& l) {
    return l.practice != p->id ||
           !PrivacyPolicy::can_read(viewer, {l.user, l.couple, Visibility::kShared, false, true});
  });
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.created_at, a.id) > std::tie(b.day, b.created_at, b.id);
  });
  int done = 0, skipped = 0, rated = 0, rating_sum = 0;
  std::optional<Day> last_done;
  json items = json::array();
  for (const auto& l : entries) {
    (l.done ? done : skipped) += 1;
    if (l.rating) {
      ++rated;
      rating_sum += *l.rating;
    }
    if (l.done && !last_done) last_done = l.day;
    if (items.size() == 50) continue;
    bool note =
        PrivacyPolicy::can_read(viewer, {l.user, l.couple, Visibility::kPrivate, false, true});
    items.push_back({{"id", std::to_string(l.id)},
                     {"date", format_day(l.day)},
                     {"status", l.done ? "done" : "skipped"},
                     {"rating", l.rating ? json(*l.rating) : json(nullptr)},
                     {"by_me", l.user == viewer.user_id},
                     {"note", note ? json(l.note) : json(nullptr)}});
  }
  respond(json_response(
      200,
      {{"practice", p->id},
       {"done", done},
       {"skipped", skipped},
       {"average_rating", rated ? json(std::round(10.0 * rating_sum / rated) / 10) : json(nullptr)},
       {"last_done", last_done ? json(format_day(*last_done)) : json(nullptr)},
       {"entries", std::move(items)}}));
}

void log_practice(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Practice* p = app.library().practice(req.param("id"));
  if (!p) return respond(http::problem(no_such_practice()));
  auto body = parse_body(req.body, {{"status", JsonType::kString},
                                    {"rating", JsonType::kInteger, false, true},
                                    {"note", JsonType::kString, false},
                                    {"date", JsonType::kString, false}});
  if (!body) return respond(http::problem(body.error()));
  std::string status = (*body)["status"];
  if (status != "done" && status != "skipped") {
    return respond(http::problem(Error::invalid("status", "status is \"done\" or \"skipped\".")));
  }
  std::optional<int> rating;
  if (body->contains("rating") && !(*body)["rating"].is_null()) {
    auto r = (*body)["rating"].get<std::int64_t>();
    if (r < 1 || r > 5) {
      return respond(http::problem(Error::invalid("rating", "How it felt is 1 to 5.")));
    }
    rating = static_cast<int>(r);
  }
  std::string note = body->value("note", "");
  if (utf8_chars(note) > 500) {
    return respond(http::problem(Error::invalid("note", "A note is at most 500 characters.")));
  }
  std::optional<Day> date;
  if (body->contains("date")) {
    date = parse_day((*body)["date"].get<std::string>());
    if (!date) return respond(http::problem(Error::invalid("date", "A date is YYYY-MM-DD.")));
  }
  auto out = std::make_shared<storage::PracticeLog>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, id = p->id, done = status == "done", rating, note, date,
       out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        // Alone, "today" is in the zone of the person's own free times, as their plan's is.
        std::string zone = couple_time_zone(tx, plan_unit(couple, me));
        Day today = local_day(now, zone);
        Day day = date.value_or(today);
        if (day > today || day < today - 30) {
          return Error::invalid("date", "A practice is logged for today or the last 30 days.");
        }
        *out = {security::new_id(), couple ? couple->id : 0, me, id, day, done, rating, note, now};
        tx.insert_practice_log(*out);
        return Status::Ok();
      },
      [out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(201, {{"id", std::to_string(out->id)},
                                    {"practice", out->practice},
                                    {"date", format_day(out->day)},
                                    {"status", out->done ? "done" : "skipped"},
                                    {"rating", out->rating ? json(*out->rating) : json(nullptr)},
                                    {"note", out->note}}));
      });
}

// ---- Availability and preferences ----

json availability_json(const std::optional<storage::AvailabilityRecord>& a,
                       const std::vector<plan::Slot>& shared) {
  auto slots = [](const std::vector<plan::Slot>& list) {
    json out = json::array();
    for (const auto& s : list) {
      out.push_back({{"day", kDays[s.weekday]},
                     {"start", format_clock(s.start)},
                     {"end", format_clock(s.end)}});
    }
    return out;
  };
  json prefs = nullptr;
  if (a) {
    prefs = {{"likes", a->preferences.likes},
             {"dislikes", a->preferences.dislikes},
             {"budget", plan::to_string(a->preferences.budget)},
             {"energy", plan::to_string(a->preferences.energy)}};
  }
  return {{"time_zone", a ? json(a->time_zone) : json(nullptr)},
          {"slots", a ? slots(a->slots) : json::array()},
          {"preferences", prefs},
          {"shared_free_time", slots(shared)},
          {"updated_at", a ? json(format_rfc3339(a->updated_at)) : json(nullptr)}};
}

// Where both are free, in my own time zone (each partner's times moved into it).
std::vector<plan::Slot> shared_of(storage::ReadTx& tx, const std::optional<Couple>& couple,
                                  UserId me, Millis now) {
  std::vector<std::vector<plan::Slot>> people;
  auto mine = tx.availability(me);
  std::string zone = mine ? mine->time_zone : "UTC";
  if (couple) {
    for (const auto& p : couple->partners) {
      if (auto a = tx.availability(p.user_id); a && !a->slots.empty()) {
        people.push_back(in_zone(a->slots, a->time_zone, zone, now));
      }
    }
  } else if (mine) {
    people.push_back(mine->slots);
  }
  return plan::shared_time(people);
}

void get_availability(App& app, const Auth& auth, Respond respond) {
  std::optional<storage::AvailabilityRecord> a;
  std::vector<plan::Slot> shared;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    a = tx.availability(auth.user.id);
    shared = shared_of(tx, auth.couple, auth.user.id, app.now());
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(200, availability_json(a, shared)));
}

void put_availability(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"time_zone", JsonType::kString},
                                    {"slots", JsonType::kArray},
                                    {"preferences", JsonType::kObject, false}});
  if (!body) return respond(http::problem(body.error()));
  storage::AvailabilityRecord rec;
  rec.time_zone = (*body)["time_zone"];
  if (!valid_time_zone(rec.time_zone)) {
    return respond(
        http::problem(Error::invalid("time_zone", "Not a time zone name like Europe/Berlin.")));
  }
  const auto& slots = (*body)["slots"];
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const auto& s = slots[i];
    std::string field = "slots[" + std::to_string(i) + "]";
    if (!s.is_object() || s.size() != 3 || !s.contains("day") || !s.contains("start") ||
        !s.contains("end") || !s["day"].is_string() || !s["start"].is_string() ||
        !s["end"].is_string()) {
      return respond(http::problem(Error::invalid(
          field, "A free time is {\"day\": \"mon\", \"start\": \"18:30\", \"end\": \"21:00\"}.")));
    }
    auto day = std::find(std::begin(kDays), std::end(kDays), s["day"].get<std::string>());
    auto start = parse_clock(s["start"].get<std::string>());
    auto end = parse_clock(s["end"].get<std::string>());
    if (day == std::end(kDays) || !start || !end) {
      return respond(
          http::problem(Error::invalid(field,
                                       "Days are mon … sun and times HH:MM, e.g. {\"day\": "
                                       "\"sat\", \"start\": \"10:00\", \"end\": \"12:00\"}.")));
    }
    rec.slots.push_back({static_cast<int>(day - std::begin(kDays)), *start, *end});
  }
  if (Status s = plan::check_slots(rec.slots); !s.ok()) return respond(http::problem(s.error()));
  if (body->contains("preferences")) {
    const auto& p = (*body)["preferences"];
    for (const auto& [k, v] : p.items()) {
      if (k != "likes" && k != "dislikes" && k != "budget" && k != "energy") {
        return respond(http::problem(Error::invalid("preferences." + k, "Unknown field.")));
      }
    }
    for (const char* k : {"likes", "dislikes"}) {
      if (!p.contains(k)) continue;
      if (!p[k].is_array()) {
        return respond(http::problem(
            Error::invalid(std::string("preferences.") + k, "A list of practice tags.")));
      }
      for (const auto& t : p[k]) {
        if (!t.is_string() || !app.catalog().tags.count(t.get<std::string>())) {
          return respond(http::problem(Error::invalid(std::string("preferences.") + k,
                                                      "Unknown practice tag " + t.dump() + ".")));
        }
        (std::string(k) == "likes" ? rec.preferences.likes : rec.preferences.dislikes)
            .push_back(t.get<std::string>());
      }
    }
    if (p.contains("budget")) {
      std::string b = p["budget"].is_string() ? p["budget"].get<std::string>() : "";
      if (b == "free")
        rec.preferences.budget = plan::Cost::kFree;
      else if (b == "low")
        rec.preferences.budget = plan::Cost::kLow;
      else if (b == "medium")
        rec.preferences.budget = plan::Cost::kMedium;
      else
        return respond(http::problem(Error::invalid("preferences.budget", "free, low or medium.")));
    }
    if (p.contains("energy")) {
      std::string e = p["energy"].is_string() ? p["energy"].get<std::string>() : "";
      if (e == "low")
        rec.preferences.energy = plan::Energy::kLow;
      else if (e == "medium")
        rec.preferences.energy = plan::Energy::kMedium;
      else if (e == "high")
        rec.preferences.energy = plan::Energy::kHigh;
      else
        return respond(http::problem(Error::invalid("preferences.energy", "low, medium or high.")));
    }
  }
  struct Out {
    std::optional<storage::AvailabilityRecord> rec;
    std::vector<plan::Slot> shared;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, rec, out](storage::WriteTx& tx) mutable -> Status {
        rec.updated_at = app.now();
        tx.save_availability(me, rec);
        out->rec = rec;
        auto couple = tx.couple_of(me, rec.updated_at);
        out->shared = shared_of(tx, couple, me, rec.updated_at);
        // The week's plan follows the new times (it is re-made on the next read).
        return Status::Ok();
      },
      [out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, availability_json(out->rec, out->shared)));
      });
}

// ---- The plan ----

void plan_route(App& app, const Request& req, const Auth& auth, Respond respond, bool regenerate) {
  std::optional<plan::Intensity> intensity;
  if (regenerate) {
    auto body = parse_body(req.body, {{"intensity", JsonType::kString, false}}, true);
    if (!body) return respond(http::problem(body.error()));
    if (body->contains("intensity")) {
      intensity = plan::parse_intensity((*body)["intensity"].get<std::string>());
      if (!intensity) {
        return respond(http::problem(Error::invalid("intensity", "light, regular or deep.")));
      }
    }
  }
  struct Out {
    storage::StoredPlan plan;
    storage::PlanOwner owner;
    std::vector<storage::PracticeLog> logs;
  };
  auto out = std::make_shared<Out>();
  auto reply = [&app, out, respond](Status s) {
    if (!s.ok()) return respond(http::problem(s.error()));
    respond(json_response(
        200, plan_json(out->plan, out->owner, app.library(), app.catalog(), out->logs)));
  };
  UserId me = auth.user.id;
  if (!regenerate) {
    // Usually a read: the week's plan is stored and what it was made from has not changed.
    bool found = false;
    Status read = app.store().read([&](storage::ReadTx& tx) {
      Millis now = app.now();
      Couple unit = plan_unit(tx.couple_of(me, now), me);
      if (auto sp = stored_current_plan(tx, unit, app.catalog(), now)) {
        *out = {std::move(*sp), storage::PlanOwner::of(unit), unit_logs(tx, unit)};
        found = true;
      }
    });
    if (!read.ok() || found) return reply(read);
  }
  app.writer().submit(
      [&app, me, regenerate, intensity, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        Couple unit = plan_unit(tx.couple_of(me, now), me);
        out->owner = storage::PlanOwner::of(unit);
        if (intensity) tx.save_plan_intensity(out->owner, plan::to_string(*intensity));
        out->plan = current_plan(tx, unit, app.catalog(), app.library().practices, now, regenerate);
        out->logs = unit_logs(tx, unit);
        return Status::Ok();
      },
      reply);
}

// ---- The calendar ----

// Which weeks a calendar holds.
enum class Span {
  kThisWeek,  // the one-off download
  kFeed,      // the feed: also the stored plans of the last 4 weeks (so past sessions do not
              // vanish from calendars when a week ends) and of next week, once it is planned
};
constexpr int kFeedWeeksBack = 4;

// `user`'s calendar: the sessions of `sp` (their plan this week), with `span` the stored plans of
// the weeks around it, and their own open promises.
std::vector<plan::CalendarEvent> calendar_events(storage::ReadTx& tx, App& app, UserId user,
                                                 const Couple& unit, const storage::StoredPlan& sp,
                                                 Span span, Millis now) {
  std::vector<plan::CalendarEvent> events;
  auto owner = storage::PlanOwner::of(unit);
  std::vector<storage::StoredPlan> plans;
  if (span == Span::kFeed) {
    for (int k = kFeedWeeksBack; k >= 1; --k) {
      if (auto p = tx.stored_plan(owner, sp.plan.week_start - 7 * k))
        plans.push_back(std::move(*p));
    }
  }
  plans.push_back(sp);
  if (span == Span::kFeed) {
    if (auto p = tx.stored_plan(owner, sp.plan.week_start + 7)) plans.push_back(std::move(*p));
  }
  for (const auto& week : plans) {
    for (const auto& s : week.plan.sessions) {
      const Practice* p = app.library().practice(s.practice);
      plan::CalendarEvent e;
      e.uid = session_id(owner, week.plan.week_start, s.practice) + "@hearth";
      e.summary = p ? p->calendar_title : "Time together";
      e.description = "Planned in Hearth. Open the app for the details.";
      e.start = instant_of(s.day, s.start, week.time_zone);
      e.minutes = s.minutes;
      e.alarm_minutes_before = 30;
      e.updated_at = week.created_at;
      events.push_back(std::move(e));
    }
  }
  if (!unit.id) return events;  // promises are made within a couple
  Day today = local_day(now, sp.time_zone);
  for (const auto& pr : tx.promises(unit.id)) {
    // The promiser's own due dates, while still open and not long past.
    if (pr.by != user || pr.status != plan::PromiseStatus::kOpen || pr.due < today - 7) continue;
    plan::CalendarEvent e;
    e.uid = "promise-" + std::to_string(pr.id) + "@hearth";
    e.summary = "Reminder";  // never the promise itself: this may show on a lock screen
    e.description = "Something you said you would do. Open Hearth to see it.";
    e.day = pr.due;
    e.updated_at = pr.created_at;
    events.push_back(std::move(e));
  }
  return events;
}

// Answers with the calendar of the person `whose` finds, with one extra header. A read while the
// week's plan is stored and current; a write only when it has to be made.
void send_calendar(App& app, Respond respond, std::function<Result<UserId>(storage::ReadTx&)> whose,
                   Span span, std::pair<std::string, std::string> header) {
  auto body = std::make_shared<std::string>();
  auto reply = [body, header = std::move(header), respond](Status s) {
    if (!s.ok()) return respond(http::problem(s.error()));
    http::Response r;
    r.status = 200;
    r.content_type = "text/calendar; charset=utf-8";
    r.body = std::move(*body);
    r.header(header.first, header.second);
    respond(std::move(r));
  };
  std::optional<Status> answer;  // empty: the plan has to be made first
  Status read = app.store().read([&](storage::ReadTx& tx) {
    auto user = whose(tx);
    if (!user) {
      answer = user.error();
      return;
    }
    Millis now = app.now();
    Couple unit = plan_unit(tx.couple_of(*user, now), *user);
    if (auto sp = stored_current_plan(tx, unit, app.catalog(), now)) {
      *body = plan::calendar("Hearth", calendar_events(tx, app, *user, unit, *sp, span, now), now);
      answer = Status::Ok();
    }
  });
  if (!read.ok()) return reply(read);
  if (answer) return reply(*answer);
  app.writer().submit(
      [&app, whose = std::move(whose), span, body](storage::WriteTx& tx) -> Status {
        auto user = whose(tx);
        if (!user) return user.error();
        Millis now = app.now();
        Couple unit = plan_unit(tx.couple_of(*user, now), *user);
        auto sp = current_plan(tx, unit, app.catalog(), app.library().practices, now, false);
        *body = plan::calendar("Hearth", calendar_events(tx, app, *user, unit, sp, span, now), now);
        return Status::Ok();
      },
      reply);
}

void calendar_feed(App& app, const Request& req, Respond respond) {
  std::string name(req.param("token"));
  if (name.size() < 5 || name.substr(name.size() - 4) != ".ics") {
    return respond(
        http::problem(Error::make(ErrorCode::kNotFound, "not-found", "No such calendar.")));
  }
  std::string hash = security::hash_secret(name.substr(0, name.size() - 4));
  // Calendar apps ask every few minutes at most; anything much faster is turned away cheaply.
  if (int wait = app.calendar_retry_after(hash, req); wait > 0) {
    Error e = Error::make(ErrorCode::kTooManyAttempts, "too-many-requests",
                          "This calendar is being asked for very often. Please wait " +
                              std::to_string(wait) + (wait == 1 ? " second." : " seconds."));
    e.retry_after_seconds = wait;
    return respond(http::problem(e));
  }
  send_calendar(app, std::move(respond),
                [hash](storage::ReadTx& tx) -> Result<UserId> {
                  auto user = tx.calendar_user(hash);
                  if (!user) {
                    return Error::make(
                        ErrorCode::kNotFound, "not-found",
                        "No such calendar (the link may have been replaced or turned off).");
                  }
                  return *user;
                },
                Span::kFeed, {"Cache-Control", "no-store"});
}

void plan_ics(App& app, const Auth& auth, Respond respond) {
  UserId me = auth.user.id;
  send_calendar(app, std::move(respond), [me](storage::ReadTx&) -> Result<UserId> { return me; },
                Span::kThisWeek,
                {"Content-Disposition", "attachment; filename=\"hearth-week.ics\""});
}

void get_calendar(App& app, const Auth& auth, Respond respond) {
  std::optional<Millis> created;
  Status read = app.store().read(
      [&](storage::ReadTx& tx) { created = tx.calendar_token_created(auth.user.id); });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(
      200, {{"active", created.has_value()},
            {"created_at", created ? json(format_rfc3339(*created)) : json(nullptr)}}));
}

void new_calendar_token(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {}, true);
  if (!body) return respond(http::problem(body.error()));
  std::string token = security::new_session_token();
  std::string hash = security::hash_secret(token);
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, hash](storage::WriteTx& tx) -> Status {
        tx.set_calendar_token(me, hash, app.now());
        return Status::Ok();
      },
      [token, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(201, {{"path", "/calendar/" + token + ".ics"}, {"token", token}}));
      });
}

void delete_calendar_token(App& app, const Auth& auth, Respond respond) {
  UserId me = auth.user.id;
  app.writer().submit(
      [me](storage::WriteTx& tx) -> Status {
        tx.delete_calendar_token(me);
        return Status::Ok();
      },
      [respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        http::Response r;
        r.status = 204;
        respond(std::move(r));
      });
}

// ---- The daily prompt ----

// Every prompt this couple can get: the packs and their own.
std::vector<plan::Prompt> all_prompts(App& app, storage::ReadTx& tx, CoupleId couple) {
  std::vector<plan::Prompt> out = app.library().prompts;
  for (const auto& c : tx.custom_prompts(couple)) out.push_back(c.prompt);
  return out;
}

struct PromptView {
  plan::Prompt prompt;
  Day day = 0;
  std::vector<storage::PromptAnswer> answers;  // of this prompt in this couple
  int answered_by_both = 0;
  bool can_go_lighter = false;
};

json answer_json(const storage::PromptAnswer& a) {
  return {{"text", a.text}, {"updated_at", format_rfc3339(a.updated_at)}};
}

json prompt_view_json(const PromptView& v, const Viewer& viewer) {
  const storage::PromptAnswer* mine = nullptr;
  const storage::PromptAnswer* partners = nullptr;
  for (const auto& a : v.answers) (a.user == viewer.user_id ? mine : partners) = &a;
  bool both = mine && partners;
  json partner_answer = nullptr;
  if (partners &&
      PrivacyPolicy::can_read(viewer, {partners->user, partners->couple,
                                       Visibility::kRevealedWhenBothAnswered, both, true})) {
    partner_answer = answer_json(*partners);
  }
  return {{"date", format_day(v.day)},
          {"prompt",
           {{"id", v.prompt.id},
            {"text", v.prompt.text},
            {"depth", plan::to_string(v.prompt.depth)},
            {"theme", v.prompt.theme}}},
          {"mine", mine ? answer_json(*mine) : json(nullptr)},
          {"partner", partner_answer},
          {"partner_answered", partners != nullptr},
          {"answered_by_both", v.answered_by_both},
          {"can_go_lighter", v.can_go_lighter}};
}

// Today's prompt for the couple (assigned on first ask), or a new one after a skip.
Result<PromptView> today_prompt(App& app, storage::WriteTx& tx, const Couple& couple, Millis now,
                                bool skip, bool lighter) {
  std::string zone = couple_time_zone(tx, couple);
  Day today = local_day(now, zone);
  auto prompts = all_prompts(app, tx, couple.id);
  auto assigned = tx.daily_prompts(couple.id);
  auto answers = tx.prompt_answers(couple.id);
  std::map<std::string, int> answered;
  for (const auto& a : answers) ++answered[a.prompt_id];
  int both = 0;
  for (const auto& [id, n] : answered) both += n >= 2;
  const storage::DailyPrompt* current = nullptr;
  std::vector<std::string> used;
  for (const auto& d : assigned) {
    used.push_back(d.prompt_id);
    if (d.day == today && !d.skipped) current = &d;
  }
  const plan::Prompt* chosen = nullptr;
  if (current && !skip) {
    for (const auto& p : prompts) {
      if (p.id == current->prompt_id) chosen = &p;
    }
  }
  if (!chosen) {
    std::optional<plan::Depth> at_most;
    if (current && skip) {
      if (answered.count(current->prompt_id)) {
        return Error::make(ErrorCode::kConflict, "already-answered",
                           "One of you has answered today's prompt already, so it stays.");
      }
      tx.skip_daily_prompt(couple.id, today, current->prompt_id);
      for (const auto& p : prompts) {
        if (p.id == current->prompt_id && lighter && p.depth != plan::Depth::kLight) {
          at_most = static_cast<plan::Depth>(static_cast<int>(p.depth) - 1);
        } else if (p.id == current->prompt_id) {
          at_most = p.depth;
        }
      }
    } else if (skip) {
      return Error::make(ErrorCode::kConflict, "nothing-to-skip",
                         "There is no prompt to skip today yet.");
    }
    plan::Depth depth = plan::depth_for(today, plan::allowed_depth(both), at_most);
    chosen = plan::pick_prompt(prompts, used, couple.id, depth);
    if (!chosen)
      return Error::make(ErrorCode::kNotFound, "no-prompts",
                         "There are no prompts on this server.");
    tx.add_daily_prompt(couple.id, {today, chosen->id, false});
  }
  PromptView v;
  v.prompt = *chosen;
  v.day = today;
  for (const auto& a : answers) {
    if (a.prompt_id == chosen->id) v.answers.push_back(a);
  }
  v.answered_by_both = both;
  v.can_go_lighter = chosen->depth != plan::Depth::kLight;
  return v;
}

void prompt_today(App& app, const Request& req, const Auth& auth, Respond respond, bool skip) {
  bool lighter = false;
  if (skip) {
    auto body = parse_body(req.body, {{"lighter", JsonType::kBoolean, false}}, true);
    if (!body) return respond(http::problem(body.error()));
    lighter = body->value("lighter", false);
  }
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  auto out = std::make_shared<PromptView>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, skip, lighter, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!couple) return not_in_couple();
        auto v = today_prompt(app, tx, *couple, now, skip, lighter);
        if (!v) return v.error();
        *out = std::move(*v);
        return Status::Ok();
      },
      [out, viewer = auth.viewer(), respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, prompt_view_json(*out, viewer)));
      });
}

void answer_prompt(App& app, const Request& req, const Auth& auth, Respond respond) {
  std::string id(req.param("id"));
  auto body = parse_body(req.body, {{"text", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  std::string text = (*body)["text"];
  std::size_t chars = static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos || chars > 2000) {
    return respond(http::problem(Error::invalid("text", "An answer is 1 to 2000 characters.")));
  }
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  auto out = std::make_shared<PromptView>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, id, text, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!couple) return not_in_couple();
        // Only a prompt the couple has been given can be answered.
        std::optional<Day> day;
        for (const auto& d : tx.daily_prompts(couple->id)) {
          if (d.prompt_id == id) day = d.day;
        }
        const plan::Prompt* prompt = nullptr;
        auto prompts = all_prompts(app, tx, couple->id);
        for (const auto& p : prompts) {
          if (p.id == id) prompt = &p;
        }
        if (!day || !prompt) {
          return Error::make(ErrorCode::kNotFound, "no-such-prompt",
                             "That prompt has not been given to the two of you.");
        }
        storage::PromptAnswer a{id, me, couple->id, text, now, now};
        for (const auto& old : tx.prompt_answers(couple->id)) {
          if (old.prompt_id == id && old.user == me) a.created_at = old.created_at;
        }
        tx.save_prompt_answer(a);
        out->prompt = *prompt;
        out->day = *day;
        int both = 0;
        std::map<std::string, int> answered;
        for (const auto& x : tx.prompt_answers(couple->id)) {
          ++answered[x.prompt_id];
          if (x.prompt_id == id) out->answers.push_back(x);
        }
        for (const auto& [pid, n] : answered) both += n >= 2;
        out->answered_by_both = both;
        out->can_go_lighter = prompt->depth != plan::Depth::kLight;
        return Status::Ok();
      },
      [out, viewer = auth.viewer(), respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, prompt_view_json(*out, viewer)));
      });
}

void prompt_history(App& app, const Auth& auth, Respond respond) {
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  std::vector<PromptView> views;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    auto prompts = all_prompts(app, tx, auth.couple->id);
    auto answers = tx.prompt_answers(auth.couple->id);
    std::map<std::string, int> answered;
    for (const auto& a : answers) ++answered[a.prompt_id];
    int both = 0;
    for (const auto& [id, n] : answered) both += n >= 2;
    for (const auto& d : tx.daily_prompts(auth.couple->id)) {
      if (d.skipped) continue;
      for (const auto& p : prompts) {
        if (p.id != d.prompt_id) continue;
        PromptView v;
        v.prompt = p;
        v.day = d.day;
        v.answered_by_both = both;
        v.can_go_lighter = p.depth != plan::Depth::kLight;
        for (const auto& a : answers) {
          if (a.prompt_id == p.id) v.answers.push_back(a);
        }
        views.push_back(std::move(v));
      }
    }
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  json items = json::array();
  for (auto it = views.rbegin(); it != views.rend(); ++it)
    items.push_back(prompt_view_json(*it, auth.viewer()));
  respond(json_response(200, {{"prompts", std::move(items)}}));
}

void add_own_prompt(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(
      req.body,
      {{"text", JsonType::kString}, {"depth", JsonType::kString}, {"theme", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  std::string text = (*body)["text"];
  if (text.find_first_not_of(" \t\r\n") == std::string::npos || utf8_chars(text) > 300) {
    return respond(http::problem(Error::invalid("text", "A prompt is 1 to 300 characters.")));
  }
  auto depth = plan::parse_depth((*body)["depth"].get<std::string>());
  if (!depth)
    return respond(http::problem(Error::invalid("depth", "light, personal or vulnerable.")));
  std::string theme = (*body)["theme"];
  if (std::find_if(std::begin(plan::kThemes), std::end(plan::kThemes),
                   [&](const char* t) { return theme == t; }) == std::end(plan::kThemes)) {
    return respond(http::problem(Error::invalid(
        "theme", "everyday, appreciation, dreams, fears, past, future or intimacy.")));
  }
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  auto out = std::make_shared<storage::CustomPrompt>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, text, depth = *depth, theme, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!couple) return not_in_couple();
        out->id = security::new_id();
        out->couple = couple->id;
        out->created_by = me;
        out->prompt = {"custom." + std::to_string(out->id), depth, theme, text};
        out->created_at = now;
        tx.insert_custom_prompt(*out);
        return Status::Ok();
      },
      [out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(201, {{"id", out->prompt.id},
                                    {"text", out->prompt.text},
                                    {"depth", plan::to_string(out->prompt.depth)},
                                    {"theme", out->prompt.theme}}));
      });
}

// ---- Promises ----

json promise_json(const plan::Promise& p, const Viewer& viewer, Day today) {
  return {{"id", std::to_string(p.id)},
          {"by", std::to_string(p.by)},
          {"is_mine", p.by == viewer.user_id},
          {"text", p.text},
          {"due", format_day(p.due)},
          {"status", plan::to_string(p.status)},
          {"due_now", p.status == plan::PromiseStatus::kOpen && p.due <= today},
          {"created_at", format_rfc3339(p.created_at)},
          {"resolved_at", p.resolved_at ? json(format_rfc3339(*p.resolved_at)) : json(nullptr)}};
}

json promises_json(const std::vector<plan::Promise>& all, const Couple& couple,
                   const Viewer& viewer, Day today) {
  json items = json::array();
  for (const auto& p : all) items.push_back(promise_json(p, viewer, today));
  std::vector<UserId> people;
  for (const auto& p : couple.partners) people.push_back(p.user_id);
  json rel = json::array();
  for (const auto& r : plan::reliability(all, people, today)) {
    json months = json::array();
    for (const auto& m : r.months) {
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
      months.push_back({{"month", label}, {"kept", m.kept}, {"missed", m.missed}});
    }
    std::string name;
    for (const auto& p : couple.partners) {
      if (p.user_id == r.user) name = p.display_name;
    }
    rel.push_back(
        {{"id", std::to_string(r.user)},
         {"display_name", name},
         {"is_me", r.user == viewer.user_id},
         {"kept", r.kept},
         {"missed", r.missed},
         {"open", r.open},
         {"share_kept", r.share_kept ? json(std::round(*r.share_kept * 100) / 100) : json(nullptr)},
         {"months", std::move(months)}});
  }
  return {{"today", format_day(today)},
          {"promises", std::move(items)},
          {"reliability", std::move(rel)}};
}

// The couple's promises that `viewer` may read (shared with both while both are in the couple).
std::vector<plan::Promise> readable(const std::vector<plan::Promise>& all, const Viewer& viewer) {
  std::vector<plan::Promise> out;
  for (const auto& p : all) {
    if (PrivacyPolicy::can_read(viewer, {p.by, p.couple, Visibility::kShared, false, true}))
      out.push_back(p);
  }
  return out;
}

void list_promises(App& app, const Auth& auth, Respond respond) {
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  std::vector<plan::Promise> all;
  std::string zone;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    all = readable(tx.promises(auth.couple->id), auth.viewer());
    zone = couple_time_zone(tx, *auth.couple);
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(
      200, promises_json(all, *auth.couple, auth.viewer(), local_day(app.now(), zone))));
}

void make_promise(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"text", JsonType::kString}, {"due", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto due = parse_day((*body)["due"].get<std::string>());
  if (!due) return respond(http::problem(Error::invalid("due", "A date is YYYY-MM-DD.")));
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  std::string text = (*body)["text"];
  struct Out {
    plan::Promise promise;
    Day today = 0;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, text, due = *due, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!couple) return not_in_couple();
        Day today = local_day(now, couple_time_zone(tx, *couple));
        if (Status s = plan::check_new_promise(text, due, today); !s.ok()) return s;
        out->promise = {security::new_id(),         couple->id, me,           text, due,
                        plan::PromiseStatus::kOpen, now,        std::nullopt, 0};
        out->today = today;
        tx.save_promise(out->promise);
        return Status::Ok();
      },
      [out, viewer = auth.viewer(), respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(201, promise_json(out->promise, viewer, out->today)));
      });
}

void resolve_promise(App& app, const Request& req, const Auth& auth, Respond respond) {
  std::int64_t id = 0;
  std::string_view text = req.param("id");
  if (std::from_chars(text.data(), text.data() + text.size(), id).ec != std::errc()) id = 0;
  auto body = parse_body(req.body, {{"status", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto status = plan::parse_promise_status((*body)["status"].get<std::string>());
  if (!status || *status == plan::PromiseStatus::kOpen) {
    return respond(http::problem(Error::invalid("status", "\"kept\" or \"missed\".")));
  }
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  struct Out {
    plan::Promise promise;
    Day today = 0;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  Viewer viewer = auth.viewer();
  app.writer().submit(
      [&app, me, id, to = *status, viewer, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!couple) return not_in_couple();
        Viewer v{me, couple->id};
        for (auto& p : readable(tx.promises(couple->id), v)) {
          if (p.id != id) continue;
          Day today = local_day(now, couple_time_zone(tx, *couple));
          if (Status s = plan::resolve(p, to, me, today, now); !s.ok()) return s;
          tx.save_promise(p);
          out->promise = p;
          out->today = today;
          return Status::Ok();
        }
        (void)viewer;
        return Error::make(ErrorCode::kNotFound, "no-such-promise",
                           "There is no such promise here.");
      },
      [out, viewer, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, promise_json(out->promise, viewer, out->today)));
      });
}

}  // namespace

void add_plan_routes(App& app) {
  using A = const Auth&;
  app.authed_route("GET", "/api/v1/practices",
                   [&app](Request& q, A a, Respond r) { list_practices(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/practices/{id}",
                   [&app](Request& q, A a, Respond r) { get_practice(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/practices/{id}/log", [&app](Request& q, A a, Respond r) {
    get_practice_log(app, q, a, std::move(r));
  });
  app.authed_route("POST", "/api/v1/practices/{id}/log",
                   [&app](Request& q, A a, Respond r) { log_practice(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/availability",
                   [&app](Request&, A a, Respond r) { get_availability(app, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/availability", [&app](Request& q, A a, Respond r) {
    put_availability(app, q, a, std::move(r));
  });
  app.authed_route("GET", "/api/v1/plan", [&app](Request& q, A a, Respond r) {
    plan_route(app, q, a, std::move(r), false);
  });
  app.authed_route("POST", "/api/v1/plan/regenerate", [&app](Request& q, A a, Respond r) {
    plan_route(app, q, a, std::move(r), true);
  });
  app.authed_route("GET", "/api/v1/plan.ics",
                   [&app](Request&, A a, Respond r) { plan_ics(app, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/calendar",
                   [&app](Request&, A a, Respond r) { get_calendar(app, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/calendar", [&app](Request& q, A a, Respond r) {
    new_calendar_token(app, q, a, std::move(r));
  });
  app.authed_route("DELETE", "/api/v1/calendar", [&app](Request&, A a, Respond r) {
    delete_calendar_token(app, a, std::move(r));
  });
  app.route("GET", "/calendar/{token}",
            [&app](Request& q, Respond r) { calendar_feed(app, q, std::move(r)); });
  app.authed_route("GET", "/api/v1/prompts/today", [&app](Request& q, A a, Respond r) {
    prompt_today(app, q, a, std::move(r), false);
  });
  app.authed_route("POST", "/api/v1/prompts/today/skip", [&app](Request& q, A a, Respond r) {
    prompt_today(app, q, a, std::move(r), true);
  });
  app.authed_route("PUT", "/api/v1/prompts/{id}/answer",
                   [&app](Request& q, A a, Respond r) { answer_prompt(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/prompts",
                   [&app](Request&, A a, Respond r) { prompt_history(app, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/prompts",
                   [&app](Request& q, A a, Respond r) { add_own_prompt(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/promises",
                   [&app](Request&, A a, Respond r) { list_promises(app, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/promises",
                   [&app](Request& q, A a, Respond r) { make_promise(app, q, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/promises/{id}", [&app](Request& q, A a, Respond r) {
    resolve_promise(app, q, a, std::move(r));
  });
}

}  // namespace hearth::api
