// Assessments over HTTP: instruments, private drafts and attempts, a person's own results, the
// couple report and the cause profile. Scoring, pairing and causes are the core's
// (core/assessment/); what a partner may read is PrivacyPolicy's; JSON is assessment_json.cc's.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_body.h"
#include "api/representations.h"
#include "core/conflict_patterns.h"
#include "http/problem.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

using assessment::Attempt;
using assessment::Draft;
using assessment::Instrument;
using http::Request;
using http::Respond;

Error no_such_instrument() {
  return Error::make(ErrorCode::kNotFound, "no-such-instrument",
                     "There is no such questionnaire here.");
}

std::vector<Attempt> of_instrument(const std::vector<Attempt>& all, std::string_view id) {
  std::vector<Attempt> out;
  for (const auto& a : all) {
    if (a.instrument == id) out.push_back(a);
  }
  return out;
}

const Draft* draft_for(const std::vector<Draft>& drafts, std::string_view id) {
  for (const auto& d : drafts) {
    if (d.instrument == id) return &d;
  }
  return nullptr;
}

InstrumentState state_of(const Instrument& inst, const std::vector<Attempt>& attempts,
                         const std::vector<Draft>& drafts) {
  InstrumentState s;
  s.draft = draft_for(drafts, inst.id);
  for (const auto& a : attempts) {
    if (a.instrument != inst.id) continue;
    ++s.attempts;
    s.last_submitted_at = a.submitted_at;
  }
  return s;
}

// The couple's rounds of one instrument: my attempts made in this couple, and those of my
// partner's that PrivacyPolicy lets me read (their k-th only once I have finished my k-th).
struct Rounds {
  std::vector<Attempt> mine, partners;
  std::size_t partner_total = 0;  // all their attempts in this couple, readable or not
};

Rounds rounds_of(const Instrument& inst, const std::vector<Attempt>& my_all,
                 const std::vector<Attempt>& partner_all, const Viewer& viewer) {
  Rounds r;
  for (const auto& a : my_all) {
    if (a.instrument == inst.id && a.couple == viewer.couple_id) r.mine.push_back(a);
  }
  for (const auto& a : partner_all) {
    if (a.instrument != inst.id || a.couple != viewer.couple_id) continue;
    ItemMeta meta{a.user, a.couple, Visibility::kRevealedWhenBothAnswered,
                  r.mine.size() > r.partner_total, true};
    ++r.partner_total;
    if (PrivacyPolicy::can_read(viewer, meta)) r.partners.push_back(a);
  }
  return r;
}

const Partner* partner_of(const Auth& auth) {
  if (!auth.couple || !auth.couple->paired()) return nullptr;
  for (const auto& p : auth.couple->partners) {
    if (p.user_id != auth.user.id) return &p;
  }
  return nullptr;
}

// ---- Routes ----

void list_instruments(App& app, const Auth& auth, Respond respond) {
  std::vector<Attempt> attempts;
  std::vector<Draft> drafts;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    attempts = tx.attempts_of(auth.user.id);
    drafts = tx.assessment_drafts_of(auth.user.id);
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& inst : app.catalog().instruments) {
    items.push_back(instrument_summary_json(inst, state_of(inst, attempts, drafts)));
  }
  respond(json_response(200, {{"instruments", std::move(items)}}));
}

void get_instrument(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Instrument* inst = app.catalog().instrument(req.param("id"));
  if (!inst) return respond(http::problem(no_such_instrument()));
  std::vector<Attempt> attempts;
  std::vector<Draft> drafts;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    attempts = of_instrument(tx.attempts_of(auth.user.id), inst->id);
    if (auto d = tx.assessment_draft(auth.user.id, inst->id)) drafts.push_back(std::move(*d));
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(200, instrument_json(*inst, state_of(*inst, attempts, drafts))));
}

void get_answers(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Instrument* inst = app.catalog().instrument(req.param("id"));
  if (!inst) return respond(http::problem(no_such_instrument()));
  std::optional<Draft> draft;
  Status read = app.store().read(
      [&](storage::ReadTx& tx) { draft = tx.assessment_draft(auth.user.id, inst->id); });
  if (!read.ok()) return respond(http::problem(read.error()));
  respond(json_response(200, draft_json(*inst, draft ? &*draft : nullptr)));
}

void put_answers(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Instrument* inst = app.catalog().instrument(req.param("id"));
  if (!inst) return respond(http::problem(no_such_instrument()));
  auto body = parse_body(req.body, {{"answers", JsonType::kObject}});
  if (!body) return respond(http::problem(body.error()));
  // Every answer is checked before anything is written: one bad answer changes nothing.
  std::vector<std::pair<std::string, std::optional<int>>> changes;
  for (auto it = (*body)["answers"].begin(); it != (*body)["answers"].end(); ++it) {
    const std::string& item = it.key();
    if (it.value().is_null()) {
      if (!inst->item(item)) {
        return respond(http::problem(assessment::check_answer(*inst, item, 0).error()));
      }
      changes.emplace_back(item, std::nullopt);
      continue;
    }
    if (!it.value().is_number()) {
      return respond(http::problem(Error::invalid(
          "answers." + item, "An answer is a whole number on the scale, or null to clear it.")));
    }
    double v = it.value().get<double>();
    if (Status s = assessment::check_answer(*inst, item, v); !s.ok()) {
      return respond(http::problem(s.error()));
    }
    changes.emplace_back(item, static_cast<int>(v));
  }
  auto out = std::make_shared<std::optional<Draft>>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, inst, changes = std::move(changes), out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto existing = tx.assessment_draft(me, inst->id);
        Draft d = existing ? *existing : Draft{inst->id, {}, now, now};
        for (const auto& [item, v] : changes) {
          if (v) {
            d.answers[item] = *v;
          } else {
            d.answers.erase(item);
          }
        }
        d.updated_at = now;
        if (d.answers.empty()) {
          if (existing) tx.delete_assessment_draft(me, inst->id);
        } else {
          tx.save_assessment_draft(me, d);
          *out = std::move(d);
        }
        return Status::Ok();
      },
      [inst, out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, draft_json(*inst, *out ? &**out : nullptr)));
      });
}

void submit(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Instrument* inst = app.catalog().instrument(req.param("id"));
  if (!inst) return respond(http::problem(no_such_instrument()));
  auto body = parse_body(req.body, {}, true);
  if (!body) return respond(http::problem(body.error()));
  auto history = std::make_shared<std::vector<Attempt>>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, inst, history](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto draft = tx.assessment_draft(me, inst->id);
        if (!draft) {
          Error e =
              Error::make(ErrorCode::kInvalidField, "incomplete", "Nothing has been answered yet.");
          e.field = "answers";
          return e;
        }
        auto couple = tx.couple_of(me, now);
        auto attempt =
            assessment::submit(*inst, *draft, security::new_id(), me, couple ? couple->id : 0, now);
        if (!attempt) return attempt.error();
        tx.insert_attempt(*attempt);
        tx.delete_assessment_draft(me, inst->id);
        *history = of_instrument(tx.attempts_of(me), inst->id);
        return Status::Ok();
      },
      [inst, history, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(201, results_json(*inst, *history)));
      });
}

void get_results(App& app, const Request& req, const Auth& auth, Respond respond) {
  const Instrument* inst = app.catalog().instrument(req.param("id"));
  if (!inst) return respond(http::problem(no_such_instrument()));
  std::vector<Attempt> history;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    history = of_instrument(tx.attempts_of(auth.user.id), inst->id);
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  if (history.empty()) {
    return respond(http::problem(Error::make(
        ErrorCode::kNotFound, "no-results",
        "You have not finished " + inst->title + " yet: your results appear once you do.")));
  }
  respond(json_response(200, results_json(*inst, history)));
}

// Everything the couple report and the cause profile read, in one snapshot.
struct CoupleData {
  std::vector<Attempt> mine, partners;
  std::vector<Draft> drafts;
  std::vector<conflict::Conflict> conflicts;
  std::vector<checkin::CheckIn> checkins;  // the last 30 days, both partners, as I may see them
};

constexpr int kTrackedDays = 30;

Result<CoupleData> read_couple_data(App& app, const Auth& auth, const Partner* partner,
                                    bool with_conflicts) {
  CoupleData d;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    d.mine = tx.attempts_of(auth.user.id);
    d.drafts = tx.assessment_drafts_of(auth.user.id);
    if (partner) d.partners = tx.attempts_of(partner->user_id);
    if (with_conflicts && auth.couple) d.conflicts = tx.conflicts_of_couple(auth.couple->id);
    std::string zone = tx.checkin_count_and_zone(auth.user.id).second;
    Day today = local_day(app.now(), zone.empty() ? "UTC" : zone);
    d.checkins = tx.checkins_of(auth.user.id, today - kTrackedDays + 1, today);
    if (partner) {
      for (const auto& c : tx.checkins_of(partner->user_id, today - kTrackedDays + 1, today + 1)) {
        if (auto seen = checkin::as_seen_by(c, auth.viewer())) d.checkins.push_back(*seen);
      }
    }
  });
  if (!read.ok()) return read.error();
  return d;
}

std::string titles(const std::vector<const Instrument*>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += i + 1 == list.size() ? " and " : ", ";
    out += list[i]->title;
  }
  return out;
}

void couple_report(App& app, const Auth& auth, Respond respond) {
  const Partner* partner = partner_of(auth);
  if (!partner) {
    return respond(http::problem(Error::make(
        ErrorCode::kConflict, "no-partner",
        "The couple report compares your answers with your partner's, so it needs the two of you: "
        "invite your partner from the Couple page.")));
  }
  auto data = read_couple_data(app, auth, partner, false);
  if (!data) return respond(http::problem(data.error()));
  Viewer viewer = auth.viewer();
  std::vector<assessment::ReportSection> sections;
  std::vector<WaitingRound> waiting;
  std::vector<Rounds> rounds;  // kept alive: sections point into them
  rounds.reserve(app.catalog().instruments.size());
  std::vector<const Instrument*> my_done, their_done;
  for (const Instrument& inst : app.catalog().instruments) {
    rounds.push_back(rounds_of(inst, data->mine, data->partners, viewer));
    const Rounds& r = rounds.back();
    if (auto s = assessment::report_section(inst, r.mine, r.partners)) sections.push_back(*s);
    std::size_t shared = std::min(r.mine.size(), r.partners.size());
    bool i_ahead = r.mine.size() > shared;
    bool they_ahead = r.partner_total > shared;
    bool drafting = draft_for(data->drafts, inst.id) != nullptr;
    if (i_ahead || they_ahead || drafting) {
      waiting.push_back({&inst,
                         i_ahead    ? "completed"
                         : drafting ? "in_progress"
                                    : "not_started",
                         they_ahead ? "finished" : "not_yet"});
    }
    if (i_ahead) my_done.push_back(&inst);
    if (they_ahead) their_done.push_back(&inst);
  }
  if (sections.empty()) {
    std::string detail =
        "The couple report opens once you have both finished the same questionnaire.";
    if (!my_done.empty()) {
      detail += " You have finished " + titles(my_done) + "; " + partner->display_name +
                " has not finished " + (my_done.size() == 1 ? "it" : "them") + " yet.";
    }
    if (!their_done.empty()) {
      detail += " " + partner->display_name + " has finished " + titles(their_done) +
                ": your turn when you are ready.";
    }
    if (my_done.empty() && their_done.empty()) {
      detail += " Neither of you has finished one yet: Signs of distance takes two minutes.";
    }
    return respond(http::problem(Error::make(ErrorCode::kConflict, "report-not-ready", detail)));
  }
  respond(json_response(200, couple_report_json(*partner, sections, waiting)));
}

void causes(App& app, const Auth& auth, Respond respond) {
  const Partner* partner = partner_of(auth);
  bool conflicts = partner && app.conflict_tools(auth.couple);
  auto data = read_couple_data(app, auth, partner, conflicts);
  if (!data) return respond(http::problem(data.error()));
  const auto& catalog = app.catalog();
  Viewer viewer = auth.viewer();
  assessment::CauseInputs in;
  std::vector<Rounds> rounds;
  rounds.reserve(catalog.instruments.size());
  for (const Instrument& inst : catalog.instruments) {
    const Attempt* latest = nullptr;
    for (const auto& a : data->mine) {
      if (a.instrument == inst.id) latest = &a;
    }
    if (latest) in.mine.push_back(latest);
    if (!partner) continue;
    rounds.push_back(rounds_of(inst, data->mine, data->partners, viewer));
    if (!rounds.back().partners.empty()) in.partners.push_back(&rounds.back().partners.back());
  }
  if (conflicts) {
    std::vector<UserId> members;
    for (const auto& p : auth.couple->partners) members.push_back(p.user_id);
    // Only conversations between the two of them as they are now.
    std::erase_if(data->conflicts,
                  [&](const conflict::Conflict& c) { return !conflict::between(c, *auth.couple); });
    auto p = conflict::compute_patterns(data->conflicts, members, app.now());
    in.conflicts = assessment::ConflictRecord{p.total, p.agreed, p.unresolved};
  }
  if (!data->checkins.empty()) {
    assessment::TrackedTime t;
    t.days = kTrackedDays;
    t.checkins = static_cast<int>(data->checkins.size());
    for (const auto& c : data->checkins) {
      t.focused_minutes += c.answers.focused_minutes;
      t.tech_interference += c.answers.tech_interference;
    }
    t.focused_minutes /= t.checkins;
    t.tech_interference /= t.checkins;
    in.tracked = t;
  }
  auto profile = assessment::cause_profile(catalog, in);
  respond(json_response(200, causes_json(catalog, profile, in.mine)));
}

}  // namespace

void add_assessment_routes(App& app) {
  using A = const Auth&;
  app.authed_route("GET", "/api/v1/instruments",
                   [&app](Request&, A a, Respond r) { list_instruments(app, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/instruments/{id}",
                   [&app](Request& q, A a, Respond r) { get_instrument(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/assessments/{id}/answers",
                   [&app](Request& q, A a, Respond r) { get_answers(app, q, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/assessments/{id}/answers",
                   [&app](Request& q, A a, Respond r) { put_answers(app, q, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/assessments/{id}/submit",
                   [&app](Request& q, A a, Respond r) { submit(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/assessments/{id}/results",
                   [&app](Request& q, A a, Respond r) { get_results(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/couple/report",
                   [&app](Request&, A a, Respond r) { couple_report(app, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/causes",
                   [&app](Request&, A a, Respond r) { causes(app, a, std::move(r)); });
}

}  // namespace hearth::api
