// Couples: open an invite, join with a code, see the couple, leave it. Every rule is decided by
// the core (core/couple.h) inside the write, so two people racing for one code cannot both win.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_body.h"
#include "api/representations.h"
#include "http/problem.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

using http::Request;
using http::Respond;
using http::Response;

Error not_in_couple() {
  return Error::make(
      ErrorCode::kNotFound, "not-in-couple",
      "You are not in a couple yet. You can invite your partner or join with their code.");
}

void create_invite(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {}, /*empty_ok=*/true);
  if (!body) return respond(http::problem(body.error()));
  struct Out {
    std::string code;
    Millis expires_at = 0;
    Couple couple;
  };
  auto out = std::make_shared<Out>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, name = auth.user.display_name, out](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto mine = tx.couple_of(me, now);
        if (Status s = can_create_invite(mine); !s.ok()) return s;
        if (mine) {
          out->couple = std::move(*mine);
        } else {
          out->couple = Couple{security::new_id(), now, {{me, name, now}}, std::nullopt};
          tx.insert_couple(out->couple.id, me, now);
        }
        tx.revoke_open_invites(
            out->couple.id);  // one open code at a time: a new one replaces the old
        out->code = format_invite_code(security::random_bytes<kInviteRandomBytes>());
        Invite invite{out->couple.id, me, now, now + kInviteLifetime, std::nullopt};
        out->expires_at = invite.expires_at;
        out->couple.open_invite = invite;
        tx.insert_invite({security::hash_secret(normalize_invite_code(out->code).value()), invite,
                          std::nullopt});
        return Status::Ok();
      },
      [out, me, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        Viewer viewer{me, out->couple.id};
        respond(json_response(201, {{"code", out->code},
                                    {"expires_at", format_rfc3339(out->expires_at)},
                                    {"couple", couple_json(out->couple, viewer)}}));
      });
}

void join(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"code", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  std::string key = std::to_string(auth.user.id);
  if (int wait = app.throttled_for(ThrottleKind::kInviteCode, key, req); wait > 0) {
    Error e = Error::make(ErrorCode::kTooManyAttempts, "too-many-attempts",
                          "Too many codes tried. Please wait " + std::to_string(wait) +
                              " seconds, then check the code with your partner.");
    e.retry_after_seconds = wait;
    return respond(http::problem(e));
  }
  auto code = normalize_invite_code((*body)["code"].get<std::string>());
  if (!code) {
    app.record_failure(ThrottleKind::kInviteCode, key, req);
    return respond(http::problem(code.error()));
  }
  auto joined = std::make_shared<Couple>();
  UserId me = auth.user.id;
  app.writer().submit(
      [&app, me, hash = security::hash_secret(*code), joined](storage::WriteTx& tx) -> Status {
        Millis now = app.now();
        auto invite = tx.invite(hash);
        std::optional<Couple> target =
            invite ? tx.couple_by_id(invite->invite.couple_id, now) : std::nullopt;
        if (!invite || !target) {
          // Same answer as an expired or used code: nothing to learn from probing.
          return can_join(me, std::nullopt, Invite{0, 0, 0, 0, now}, Couple{}, now);
        }
        auto mine = tx.couple_of(me, now);
        if (Status s = can_join(me, mine, invite->invite, *target, now); !s.ok()) return s;
        if (mine) tx.remove_partner(mine->id, me);  // a waiting couple of one dissolves
        tx.add_partner(target->id, me, now);
        tx.mark_invite_used(hash, me, now);
        *joined = tx.couple_by_id(target->id, now).value();
        return Status::Ok();
      },
      [&app, req, key, me, joined, respond](Status s) {
        if (!s.ok()) {
          if (s.error().slug == "invalid-invite") {
            app.record_failure(ThrottleKind::kInviteCode, key, req);
          }
          return respond(http::problem(s.error()));
        }
        app.record_success(ThrottleKind::kInviteCode, key);
        respond(json_response(200, {{"couple", couple_json(*joined, Viewer{me, joined->id})}}));
      });
}

void get_couple(Request&, const Auth& auth, Respond respond) {
  if (!auth.couple) return respond(http::problem(not_in_couple()));
  respond(json_response(200, couple_json(*auth.couple, auth.viewer())));
}

void leave(App& app, Request&, const Auth& auth, Respond respond) {
  app.writer().submit(
      [&app, me = auth.user.id](storage::WriteTx& tx) -> Status {
        auto mine = tx.couple_of(me, app.now());
        if (!mine) return not_in_couple();
        tx.remove_partner(mine->id, me);
        return Status::Ok();
      },
      [respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(Response{204, "", "", {}});
      });
}

}  // namespace

void add_couple_routes(App& app) {
  app.authed_route("POST", "/api/v1/couple", [&app](Request& req, const Auth& a, Respond r) {
    create_invite(app, req, a, std::move(r));
  });
  app.authed_route("GET", "/api/v1/couple", get_couple);
  app.authed_route("POST", "/api/v1/couple/join", [&app](Request& req, const Auth& a, Respond r) {
    join(app, req, a, std::move(r));
  });
  app.authed_route(
      "DELETE", "/api/v1/couple/membership",
      [&app](Request& req, const Auth& a, Respond r) { leave(app, req, a, std::move(r)); });
}

}  // namespace hearth::api
