// The conflict workspace over HTTP. Each change loads the conflict inside the single writer,
// applies one step of core/conflict.h (which decides whether it is allowed), and saves it; the
// answer is the conflict as the person may see it (api/representations.cc asks PrivacyPolicy).
#include <algorithm>
#include <charconv>
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

using conflict::Conflict;
using http::Request;
using http::Respond;
using http::Response;

Error no_such_conflict() {
  return Error::make(ErrorCode::kNotFound, "not-found", "There is no such conversation here.");
}

Error not_in_couple() {
  return Error::make(ErrorCode::kNotFound, "not-in-couple",
                     "You are not in a couple yet. Invite your partner first.");
}

std::optional<conflict::ConflictId> parse_id(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::vector<UserId> members_of(const Couple& couple) {
  std::vector<UserId> out;
  for (const auto& p : couple.partners) out.push_back(p.user_id);
  return out;
}

// A step on one conflict: checked and applied inside the writer.
using Step = std::function<Status(Conflict&, Millis now)>;

void change(App& app, const Request& req, const Auth& auth, int status, Respond respond,
            Step step) {
  auto id = parse_id(req.param("id"));
  if (!id) return respond(http::problem(no_such_conflict()));
  if (!app.conflict_tools(auth.couple)) {
    return respond(http::problem(conflict::tools_unavailable(auth.couple, {})));
  }
  struct Out {
    Conflict conflict;
    Couple couple;
    Millis now = 0;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, id = *id, out, step = std::move(step)](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        auto c = tx.conflict(id);
        if (!c || !couple || c->couple_id != couple->id || !conflict::participant(*c, me)) {
          return no_such_conflict();
        }
        if (!app.conflict_tools(couple)) return conflict::tools_unavailable(couple, {});
        if (!conflict::between(*c, *couple)) {
          return Error::make(ErrorCode::kForbidden, "conflict-tools-unavailable",
                             "This conversation was with a former partner: you can read it, but "
                             "it cannot go on.");
        }
        if (Status s = step(*c, now); !s.ok()) return s;
        tx.save_conflict(*c);
        *out = {std::move(*c), std::move(*couple), now};
        return Status::Ok();
      },
      [&app, me, status, out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        Viewer viewer{me, out->couple.id};
        respond(
            json_response(status, conflict_json(out->conflict, viewer, members_of(out->couple),
                                                out->now, app.pause_suggestion(out->conflict))));
      });
}

// Reads the person's couple and its conflicts, for the read-only routes.
struct CoupleConflicts {
  Couple couple;
  std::vector<Conflict> conflicts;
};

// Only the conflicts this person took part in; with `with_current_partners`, only those between
// the couple as it is now (patterns describe this relationship, not an earlier one).
Result<CoupleConflicts> read_conflicts(App& app, const Auth& auth, bool with_current_partners) {
  if (!auth.couple) return not_in_couple();
  CoupleConflicts out{*auth.couple, {}};
  Status read = app.store().read(
      [&](storage::ReadTx& tx) { out.conflicts = tx.conflicts_of_couple(auth.couple->id); });
  if (!read.ok()) return read.error();
  std::erase_if(out.conflicts, [&](const Conflict& c) {
    if (!conflict::participant(c, auth.user.id)) return true;
    if (!with_current_partners) return false;
    return !std::all_of(out.couple.partners.begin(), out.couple.partners.end(),
                        [&](const Partner& p) { return conflict::participant(c, p.user_id); });
  });
  return out;
}

void list(App& app, const Auth& auth, Respond respond) {
  auto data = read_conflicts(app, auth, false);
  if (!data) return respond(http::problem(data.error()));
  Millis now = app.now();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : data->conflicts) items.push_back(conflict_summary_json(c, now));
  respond(json_response(200, {{"conflicts", std::move(items)}}));
}

void patterns(App& app, const Auth& auth, Respond respond) {
  auto data = read_conflicts(app, auth, true);
  if (!data) return respond(http::problem(data.error()));
  auto p = conflict::compute_patterns(data->conflicts, members_of(data->couple), app.now());
  respond(json_response(200, patterns_json(p, data->couple, auth.viewer())));
}

void get_one(App& app, Request& req, const Auth& auth, Respond respond) {
  auto id = parse_id(req.param("id"));
  if (!id) return respond(http::problem(no_such_conflict()));
  if (!auth.couple) return respond(http::problem(no_such_conflict()));
  std::optional<Conflict> c;
  Status read = app.store().read([&](storage::ReadTx& tx) { c = tx.conflict(*id); });
  if (!read.ok()) return respond(http::problem(read.error()));
  if (!c || c->couple_id != auth.couple->id || !conflict::participant(*c, auth.user.id)) {
    return respond(http::problem(no_such_conflict()));
  }
  respond(json_response(200, conflict_json(*c, auth.viewer(), members_of(*auth.couple), app.now(),
                                           app.pause_suggestion(*c))));
}

void start(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"topic", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  if (!app.conflict_tools(auth.couple)) {
    return respond(http::problem(conflict::tools_unavailable(auth.couple, {})));
  }
  auto out = std::make_shared<std::pair<Conflict, Couple>>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, topic = (*body)["topic"].get<std::string>(), out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto couple = tx.couple_of(me, now);
        if (!app.conflict_tools(couple)) return conflict::tools_unavailable(couple, {});
        auto c = conflict::start(security::new_id(), *couple, me, topic, now);
        if (!c) return c.error();
        tx.save_conflict(*c);
        *out = {std::move(*c), std::move(*couple)};
        return Status::Ok();
      },
      [&app, me, out, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        const auto& [c, couple] = *out;
        respond(json_response(
            201, conflict_json(c, Viewer{me, couple.id}, members_of(couple), app.now(), "")));
      });
}

void write_side(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"happened", JsonType::kString},
                                    {"felt", JsonType::kString},
                                    {"need", JsonType::kString},
                                    {"submit", JsonType::kBoolean}});
  if (!body) return respond(http::problem(body.error()));
  auto happened = (*body)["happened"].get<std::string>();
  auto felt = (*body)["felt"].get<std::string>();
  auto need = (*body)["need"].get<std::string>();
  conflict::Tone tone = app.tone_of(happened + "\n" + felt + "\n" + need);
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, happened, felt, need, submit = (*body)["submit"].get<bool>(), tone](
             Conflict& c, Millis now) {
           return conflict::write_side(c, me, happened, felt, need, submit, tone, now);
         });
}

void write_restatement(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"text", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto text = (*body)["text"].get<std::string>();
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, text, tone = app.tone_of(text)](Conflict& c, Millis now) {
           return conflict::write_restatement(c, me, text, tone, now);
         });
}

void answer_restatement(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"confirm", JsonType::kBoolean}});
  if (!body) return respond(http::problem(body.error()));
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, confirm = (*body)["confirm"].get<bool>()](Conflict& c, Millis now) {
           return conflict::answer_restatement(c, me, confirm, now);
         });
}

void add_idea(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"text", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto text = (*body)["text"].get<std::string>();
  change(app, req, auth, 201, std::move(respond),
         [me = auth.user.id, text, tone = app.tone_of(text), idea = security::new_id()](
             Conflict& c, Millis now) { return conflict::add_idea(c, me, idea, text, tone, now); });
}

void propose_agreement(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"steps", JsonType::kArray}});
  if (!body) return respond(http::problem(body.error()));
  std::vector<std::string> steps;
  std::string all;
  for (const auto& step : (*body)["steps"]) {
    if (!step.is_string()) {
      return respond(http::problem(Error::invalid("steps", "Each step must be a string.")));
    }
    steps.push_back(step.get<std::string>());
    all += steps.back() + "\n";
  }
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, steps, tone = app.tone_of(all)](Conflict& c, Millis now) {
           return conflict::propose_agreement(c, me, steps, tone, now);
         });
}

// A step whose body is an empty object (or nothing).
void simple(App& app, Request& req, const Auth& auth, Respond respond,
            Status (*step)(Conflict&, UserId, Millis)) {
  auto body = parse_body(req.body, {}, /*empty_ok=*/true);
  if (!body) return respond(http::problem(body.error()));
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, step](Conflict& c, Millis now) { return step(c, me, now); });
}

void pause(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"minutes", JsonType::kInteger}});
  if (!body) return respond(http::problem(body.error()));
  auto minutes = (*body)["minutes"].get<std::int64_t>();
  if (minutes < conflict::kMinPauseMinutes || minutes > conflict::kMaxPauseMinutes) {
    return respond(http::problem(
        Error::invalid("minutes", "A pause lasts between 20 minutes and 7 days (10080 minutes).")));
  }
  change(app, req, auth, 200, std::move(respond),
         [me = auth.user.id, minutes](Conflict& c, Millis now) {
           return conflict::pause(c, me, static_cast<int>(minutes), now);
         });
}

}  // namespace

void add_conflict_routes(App& app) {
  using A = const Auth&;
  app.authed_route("GET", "/api/v1/conflicts",
                   [&app](Request&, A a, Respond r) { list(app, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/conflicts",
                   [&app](Request& q, A a, Respond r) { start(app, q, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/conflicts/patterns",
                   [&app](Request&, A a, Respond r) { patterns(app, a, std::move(r)); });
  app.authed_route("GET", "/api/v1/conflicts/{id}",
                   [&app](Request& q, A a, Respond r) { get_one(app, q, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/conflicts/{id}/side",
                   [&app](Request& q, A a, Respond r) { write_side(app, q, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/conflicts/{id}/restatement", [&app](Request& q, A a, Respond r) {
    write_restatement(app, q, a, std::move(r));
  });
  app.authed_route(
      "POST", "/api/v1/conflicts/{id}/restatement/answer",
      [&app](Request& q, A a, Respond r) { answer_restatement(app, q, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/conflicts/{id}/ideas",
                   [&app](Request& q, A a, Respond r) { add_idea(app, q, a, std::move(r)); });
  app.authed_route("PUT", "/api/v1/conflicts/{id}/agreement", [&app](Request& q, A a, Respond r) {
    propose_agreement(app, q, a, std::move(r));
  });
  app.authed_route("POST", "/api/v1/conflicts/{id}/agreement/accept",
                   [&app](Request& q, A a, Respond r) {
                     simple(app, q, a, std::move(r), conflict::accept_agreement);
                   });
  app.authed_route("POST", "/api/v1/conflicts/{id}/pause",
                   [&app](Request& q, A a, Respond r) { pause(app, q, a, std::move(r)); });
  app.authed_route("POST", "/api/v1/conflicts/{id}/resume", [&app](Request& q, A a, Respond r) {
    simple(app, q, a, std::move(r), conflict::resume);
  });
  app.authed_route("POST", "/api/v1/conflicts/{id}/close", [&app](Request& q, A a, Respond r) {
    simple(app, q, a, std::move(r), conflict::close);
  });
}

}  // namespace hearth::api
