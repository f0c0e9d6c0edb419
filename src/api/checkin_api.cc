// The daily check-in, insights, the positive cycle and the journey over HTTP. Rules and
// statistics are the core's (core/checkin.h, core/insights/, core/journey.h); what a partner may
// see of a check-in is PrivacyPolicy's, applied by checkin::as_seen_by; JSON is insights_json.cc's.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_body.h"
#include "api/representations.h"
#include "core/conflict.h"
#include "core/journey.h"
#include "http/problem.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

using checkin::CheckIn;
using http::Request;
using http::Respond;

constexpr int kMaxExportDays = 3660;

const Partner* partner_of(const Auth& auth) {
  if (!auth.couple || !auth.couple->paired()) return nullptr;
  for (const auto& p : auth.couple->partners) {
    if (p.user_id != auth.user.id) return &p;
  }
  return nullptr;
}

insights::Days days_of(const std::vector<CheckIn>& list) {
  insights::Days out;
  for (const auto& c : list) out.emplace(c.day, c.answers);
  return out;
}

Error bad_date(std::string_view field) {
  return Error::invalid(std::string(field), "A date is written YYYY-MM-DD, e.g. 2026-11-25.");
}

Rhythm rhythm_of(App& app, storage::ReadTx& tx, UserId me, Day today) {
  Rhythm r;
  r.today = today;
  for (const auto& c : tx.checkins_of(me, today - 6, today)) r.recent.push_back(c.day);
  r.total = tx.checkin_count_and_zone(me).first;
  (void)app;
  return r;
}

// ---- PUT /api/v1/checkins/{date} ----

void put_checkin(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto day = parse_day(req.param("date"));
  if (!day) return respond(http::problem(bad_date("date")));
  using J = JsonType;
  auto body = parse_body(req.body, {{"connection", J::kInteger},
                                    {"closeness", J::kInteger},
                                    {"affection", J::kInteger},
                                    {"minutes_together", J::kInteger},
                                    {"focused_minutes", J::kInteger},
                                    {"tech_interference", J::kInteger},
                                    {"mood", J::kInteger},
                                    {"stress", J::kInteger},
                                    {"self_care", J::kBoolean},
                                    {"appreciation", J::kObject, false, true},
                                    {"time_zone", J::kString}});
  if (!body) return respond(http::problem(body.error()));
  const auto& b = *body;
  auto int_of = [&](const char* k) {
    const auto& v = b[k];
    // Out-of-range integers (beyond int) are caught by validate() after clamping.
    return static_cast<int>(std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 100000));
  };
  checkin::Answers a;
  a.connection = int_of("connection");
  a.closeness = int_of("closeness");
  a.affection = int_of("affection");
  a.minutes_together = int_of("minutes_together");
  a.focused_minutes = int_of("focused_minutes");
  a.tech_interference = int_of("tech_interference");
  a.mood = int_of("mood");
  a.stress = int_of("stress");
  a.self_care = b["self_care"].get<bool>();
  if (b.contains("appreciation") && !b["appreciation"].is_null()) {
    const auto& ap = b["appreciation"];
    for (const auto& [k, v] : ap.items()) {
      if (k != "text" && k != "shared") {
        return respond(http::problem(
            Error::invalid("appreciation." + k, "Unknown field \"appreciation." + k + "\".")));
      }
    }
    if (!ap.contains("text") || !ap["text"].is_string()) {
      return respond(http::problem(Error::invalid("appreciation.text", "\"text\" is a string.")));
    }
    if (!ap.contains("shared") || !ap["shared"].is_boolean()) {
      return respond(
          http::problem(Error::invalid("appreciation.shared", "\"shared\" is true or false.")));
    }
    a.appreciation = checkin::Appreciation{ap["text"].get<std::string>(), ap["shared"].get<bool>()};
  }
  std::string zone = b["time_zone"].get<std::string>();
  if (!valid_time_zone(zone)) {
    return respond(http::problem(Error::invalid(
        "time_zone", "\"" + zone + "\" is not a time zone name like Europe/Berlin.")));
  }
  if (Status s = checkin::validate(a); !s.ok()) return respond(http::problem(s.error()));

  struct Out {
    CheckIn saved;
    bool created = false;
    Rhythm rhythm;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, day = *day, a, zone, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        Day today = local_day(now, zone);
        if (Status s = checkin::writable(day, today); !s.ok()) return s;
        auto couple = tx.couple_of(me, now);
        auto existing = tx.checkin(me, day);
        out->saved = checkin::upsert(existing, me, couple ? couple->id : 0, day, a, zone, now);
        out->created = !existing;
        tx.save_checkin(out->saved);
        out->rhythm = rhythm_of(app, tx, me, today);
        return Status::Ok();
      },
      [out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(out->created ? 201 : 200, {{"checkin", checkin_json(out->saved)},
                                                         {"rhythm", rhythm_json(out->rhythm)}}));
      });
}

// The zone for "today" in reads: the query's, else the latest check-in's, else UTC.
Result<std::string> zone_for(const Request& req, storage::ReadTx* tx, UserId me) {
  if (auto q = req.query_param("time_zone")) {
    if (!valid_time_zone(*q)) {
      return Error::invalid("time_zone",
                            "\"" + *q + "\" is not a time zone name like Europe/Berlin.");
    }
    return *q;
  }
  std::string latest = tx ? tx->checkin_count_and_zone(me).second : "";
  return latest.empty() ? std::string("UTC") : latest;
}

// ---- GET /api/v1/checkins ----

void list_checkins(App& app, const Request& req, const Auth& auth, Respond respond) {
  std::optional<Day> from, to;
  if (auto f = req.query_param("from")) {
    if (!(from = parse_day(*f))) return respond(http::problem(bad_date("from")));
  }
  if (auto t = req.query_param("to")) {
    if (!(to = parse_day(*t))) return respond(http::problem(bad_date("to")));
  }
  auto format = req.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return respond(http::problem(Error::invalid("format", "format is json or csv.")));
  }
  std::vector<CheckIn> list;
  Rhythm rhythm;
  std::optional<Error> failed;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    auto zone = zone_for(req, &tx, auth.user.id);
    if (!zone) {
      failed = zone.error();
      return;
    }
    Day today = local_day(app.now(), *zone);
    Day last = to.value_or(today);
    Day first = from.value_or(last - 29);
    if (first > last) {
      failed = Error::invalid("from", "\"from\" must not be after \"to\".");
      return;
    }
    if (last - first + 1 > kMaxExportDays) {
      failed = Error::invalid("from", "At most 3660 days at a time.");
      return;
    }
    list = tx.checkins_of(auth.user.id, first, last);
    rhythm = rhythm_of(app, tx, auth.user.id, today);
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  if (failed) return respond(http::problem(*failed));
  if (format == "csv") {
    http::Response r;
    r.status = 200;
    r.content_type = "text/csv; charset=utf-8";
    r.body = checkins_csv(list);
    r.header("Content-Disposition", "attachment; filename=\"hearth-checkins.csv\"");
    return respond(std::move(r));
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : list) items.push_back(checkin_json(c));
  respond(json_response(200, {{"checkins", std::move(items)}, {"rhythm", rhythm_json(rhythm)}}));
}

// Both partners' check-ins over [from, to], the partner's as the viewer may see them.
struct CoupleDays {
  std::vector<CheckIn> mine, partners;
  Rhythm rhythm;
  std::string zone;
  Day today = 0;
};

Result<CoupleDays> read_days(App& app, const Request& req, const Auth& auth, int span) {
  CoupleDays d;
  const Partner* partner = partner_of(auth);
  std::optional<Error> failed;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    auto zone = zone_for(req, &tx, auth.user.id);
    if (!zone) {
      failed = zone.error();
      return;
    }
    d.zone = *zone;
    d.today = local_day(app.now(), d.zone);
    d.mine = tx.checkins_of(auth.user.id, d.today - span + 1, d.today);
    if (partner) {
      for (const auto& c : tx.checkins_of(partner->user_id, d.today - span + 1, d.today + 1)) {
        if (auto seen = checkin::as_seen_by(c, auth.viewer()))
          d.partners.push_back(std::move(*seen));
      }
    }
    d.rhythm = rhythm_of(app, tx, auth.user.id, d.today);
  });
  if (!read.ok()) return read.error();
  if (failed) return *failed;
  return d;
}

void get_insights(App& app, const Request& req, const Auth& auth, Respond respond) {
  int days = 30;
  if (auto q = req.query_param("days")) {
    if (*q == "7")
      days = 7;
    else if (*q == "30")
      days = 30;
    else if (*q == "90")
      days = 90;
    else
      return respond(http::problem(Error::invalid("days", "days is 7, 30 or 90.")));
  }
  // The range, the one before it, and the weekly summary's two weeks.
  auto data = read_days(app, req, auth, std::max(2 * days, 14));
  if (!data) return respond(http::problem(data.error()));
  const Partner* partner = partner_of(auth);
  insights::Days mine = days_of(data->mine), theirs = days_of(data->partners);
  const insights::Days* p = partner ? &theirs : nullptr;
  auto trend = insights::trend(mine, p, data->today, days);
  auto weekly = insights::weekly_summary(mine, p, data->today);
  const insights::Suggestion* suggestion =
      weekly.focus ? insights::pick(app.suggestions(), *weekly.focus, data->today) : nullptr;
  InsightsView view{trend,      weekly,  suggestion,  data->rhythm,
                    data->zone, partner, &data->mine, &data->partners};
  respond(json_response(200, insights_json(view)));
}

void get_cycle(App& app, const Request& req, const Auth& auth, Respond respond) {
  auto data = read_days(app, req, auth, 365);
  if (!data) return respond(http::problem(data.error()));
  insights::Days mine = days_of(data->mine), theirs = days_of(data->partners);
  auto cycle = insights::positive_cycle(mine, partner_of(auth) ? &theirs : nullptr, data->today);
  respond(json_response(200, cycle_json(cycle)));
}

void get_journey(App& app, const Auth& auth, Respond respond) {
  const Partner* partner = partner_of(auth);
  Viewer viewer = auth.viewer();
  journey::Inputs in;
  in.joined_at = auth.user.created_at;
  if (partner) {
    in.partner_name = partner->display_name;
    in.paired_at = std::max(auth.couple->partners[0].joined_at, auth.couple->partners[1].joined_at);
  }
  Status read = app.store().read([&](storage::ReadTx& tx) {
    auto finished = [&](const std::vector<assessment::Attempt>& list, bool partners) {
      std::map<std::string, int> count;
      std::vector<journey::Finished> out;
      for (const auto& a : list) {
        // A partner's questionnaires appear only for rounds in this couple (and are counted
        // among those), and only as finished.
        if (partners && !PrivacyPolicy::can_read(
                            viewer, {a.user, a.couple, Visibility::kShared, false, true})) {
          continue;
        }
        int n = ++count[a.instrument];
        const auto* inst = app.catalog().instrument(a.instrument);
        out.push_back({inst ? inst->title : a.instrument, n, a.submitted_at});
      }
      return out;
    };
    in.mine = finished(tx.attempts_of(auth.user.id), false);
    Day far = 0, soon = 4000000;
    for (const auto& c : tx.checkins_of(auth.user.id, far, soon))
      in.my_checkins.push_back(c.created_at);
    if (partner) {
      in.partners = finished(tx.attempts_of(partner->user_id), true);
      for (const auto& c : tx.checkins_of(partner->user_id, far, soon)) {
        if (checkin::as_seen_by(c, viewer)) in.partner_checkins.push_back(c.created_at);
      }
      for (const auto& c : tx.conflicts_of_couple(auth.couple->id)) {
        if (c.stage == conflict::Stage::kAgreed && conflict::between(c, *auth.couple) &&
            c.ended_at) {
          in.agreed.push_back({c.topic, *c.ended_at});
        }
      }
    }
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(200, journey_json(journey::build(in))));
}

}  // namespace

void add_checkin_routes(App& app) {
  using A = const Auth&;
  app.authed_route("PUT", "/api/v1/checkins/{date}",
                   [&app](Request& q, A a, Respond r) { put_checkin(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/checkins",
                   [&app](Request& q, A a, Respond r) { list_checkins(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/insights",
                   [&app](Request& q, A a, Respond r) { get_insights(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/insights/cycle",
                   [&app](Request& q, A a, Respond r) { get_cycle(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/journey",
                   [&app](Request&, A a, Respond r) { get_journey(app, a, std::move(r)); });
}

}  // namespace hearth::api
