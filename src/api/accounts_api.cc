// Accounts and sessions: sign up, log in and out, the profile, password change, export and
// account deletion. Password work runs on the hashing pool; every write goes through the
// GroupCommitWriter and is answered only after it is durable.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_body.h"
#include "api/representations.h"
#include "http/problem.h"
#include "security/password_hasher.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

using http::Request;
using http::Respond;
using http::Response;

Response busy() {
  Error e = Error::make(ErrorCode::kBusy, "busy",
                        "Hearth is busy checking other passwords. Please try again in a moment.");
  e.retry_after_seconds = 2;
  return http::problem(e);
}

Response too_many(int seconds) {
  Error e = Error::make(ErrorCode::kTooManyAttempts, "too-many-attempts",
                        "Too many unsuccessful attempts. Please wait " + std::to_string(seconds) +
                            " seconds and try again.");
  e.retry_after_seconds = seconds;
  return http::problem(e);
}

Response wrong_password() {
  return http::problem(Error{ErrorCode::kWrongPassword, "wrong-password",
                             "That is not your current password.", "current_password"});
}

// Responds with the session cookie and the user after a write that created a session.
Response with_session(App& app, const Request& req, int status, const User& user,
                      const std::string& token) {
  Response r = json_response(status, {{"user", user_json(user)}});
  r.header("Set-Cookie", app.session_cookie(token, req));
  return r;
}

void sign_up(App& app, Request& req, Respond respond) {
  auto body = parse_body(req.body, {{"email", JsonType::kString},
                                    {"password", JsonType::kString},
                                    {"display_name", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto email = normalize_email((*body)["email"].get<std::string>());
  if (!email) return respond(http::problem(email.error()));
  auto name = normalize_display_name((*body)["display_name"].get<std::string>());
  if (!name) return respond(http::problem(name.error()));
  std::string password = (*body)["password"].get<std::string>();
  if (Status s = check_new_password(password); !s.ok()) return respond(http::problem(s.error()));

  // Answer a taken email before spending a hash on it; the write checks again.
  bool taken = false;
  Status read =
      app.store().read([&](storage::ReadTx& tx) { taken = tx.user_by_email(*email).has_value(); });
  if (!read.ok()) return respond(http::problem(read.error()));
  if (taken) {
    return respond(http::problem(
        Error{ErrorCode::kConflict, "email-taken",
              "An account with this email already exists. Try logging in instead.", "email"}));
  }

  User user{security::new_id(), std::move(*email), std::move(*name), "", app.now()};
  bool queued = app.hasher().hash(
      std::move(password), [&app, req, user, respond](std::optional<std::string> hash) mutable {
        if (!hash) return respond(busy());
        user.password_hash = std::move(*hash);
        auto token = std::make_shared<std::string>();
        app.writer().submit(
            [&app, user, token](storage::WriteTx& tx) -> Status {
              if (Status s = tx.insert_user(user); !s.ok()) return s;
              *token = app.new_session_in(tx, user.id);
              return Status::Ok();
            },
            [&app, req, user, token, respond](Status s) {
              if (!s.ok()) {
                Error e = s.error();
                if (e.slug == "email-taken") e.field = "email";
                return respond(http::problem(e));
              }
              respond(with_session(app, req, 201, user, *token));
            });
      });
  if (!queued) respond(busy());
}

void log_in(App& app, Request& req, Respond respond) {
  auto body = parse_body(req.body, {{"email", JsonType::kString}, {"password", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto email = normalize_email((*body)["email"].get<std::string>());
  std::string password = (*body)["password"].get<std::string>();
  std::string key = email ? *email : (*body)["email"].get<std::string>();
  if (int wait = app.throttled_for(ThrottleKind::kLogin, key, req); wait > 0) {
    return respond(too_many(wait));
  }
  std::optional<User> user;
  if (email) {
    Status read = app.store().read([&](storage::ReadTx& tx) { user = tx.user_by_email(*email); });
    if (!read.ok()) return respond(http::problem(read.error()));
  }
  auto on_checked = [&app, req, user, key, respond](bool ok) {
    if (!ok) {
      app.record_failure(ThrottleKind::kLogin, key, req);
      return respond(
          http::problem(Error::make(ErrorCode::kWrongCredentials, "wrong-credentials",
                                    "That email and password do not match an account.")));
    }
    app.record_success(ThrottleKind::kLogin, key);
    auto token = std::make_shared<std::string>();
    app.writer().submit(
        [&app, id = user->id, token](storage::WriteTx& tx) {
          *token = app.new_session_in(tx, id);
          return Status::Ok();
        },
        [&app, req, user, token, respond](Status s) {
          if (!s.ok()) return respond(http::problem(s.error()));
          respond(with_session(app, req, 200, *user, *token));
        });
  };
  // Unknown accounts cost the same time as known ones, so timing reveals nothing.
  bool queued = user ? app.hasher().verify(user->password_hash, std::move(password), on_checked)
                     : app.hasher().verify_decoy(std::move(password), on_checked);
  if (!queued) respond(busy());
}

// Runs `write`; once it is durable, answers 204 and clears this device's session cookie.
void write_then_sign_out(App& app, const Request& req, storage::GroupCommitWriter::Write write,
                         Respond respond) {
  app.writer().submit(std::move(write), [&app, req, respond](Status s) {
    if (!s.ok()) return respond(http::problem(s.error()));
    Response r{204, "", "", {}};
    r.header("Set-Cookie", app.clear_session_cookie(req));
    respond(std::move(r));
  });
}

void log_out(App& app, Request& req, const Auth& auth, Respond respond) {
  write_then_sign_out(
      app, req,
      [hash = auth.session_hash](storage::WriteTx& tx) {
        tx.delete_session(hash);
        return Status::Ok();
      },
      std::move(respond));
}

void get_me(App& app, const Auth& auth, Respond respond) {
  respond(json_response(200, {{"user", user_json(auth.user)},
                              {"couple", optional_couple_json(auth.couple, auth.viewer())},
                              {"conflict_tools", app.conflict_tools(auth.couple)}}));
}

void update_me(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"display_name", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  auto name = normalize_display_name((*body)["display_name"].get<std::string>());
  if (!name) return respond(http::problem(name.error()));
  User updated = auth.user;
  updated.display_name = *name;
  app.writer().submit(
      [id = updated.id, name = *name](storage::WriteTx& tx) {
        tx.update_display_name(id, name);
        return Status::Ok();
      },
      [updated, respond](Status s) {
        if (!s.ok()) return respond(http::problem(s.error()));
        respond(json_response(200, {{"user", user_json(updated)}}));
      });
}

// Checks `password` against the person's own, throttled like a login, then runs `then`.
void confirm_password(App& app, const Request& req, const Auth& auth, std::string password,
                      std::string field, Respond respond, std::function<void()> then) {
  if (int wait = app.throttled_for(ThrottleKind::kLogin, auth.user.email, req); wait > 0) {
    return respond(too_many(wait));
  }
  bool queued = app.hasher().verify(
      auth.user.password_hash, std::move(password),
      [&app, req, email = auth.user.email, field, respond, then = std::move(then)](bool ok) {
        if (!ok) {
          app.record_failure(ThrottleKind::kLogin, email, req);
          Response r = wrong_password();
          if (field != "current_password") {
            Error e{ErrorCode::kWrongPassword, "wrong-password", "That is not your password.",
                    field};
            r = http::problem(e);
          }
          return respond(std::move(r));
        }
        then();
      });
  if (!queued) respond(busy());
}

void change_password(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(
      req.body, {{"current_password", JsonType::kString}, {"new_password", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  std::string fresh = (*body)["new_password"].get<std::string>();
  if (Status s = check_new_password(fresh, "new_password"); !s.ok()) {
    return respond(http::problem(s.error()));
  }
  confirm_password(
      app, req, auth, (*body)["current_password"].get<std::string>(), "current_password", respond,
      [&app, id = auth.user.id, keep = auth.session_hash, fresh, respond] {
        bool queued =
            app.hasher().hash(fresh, [&app, id, keep, respond](std::optional<std::string> hash) {
              if (!hash) return respond(busy());
              app.writer().submit(
                  [&app, id, keep, hash = *hash](storage::WriteTx& tx) {
                    tx.update_password_hash(id, hash, app.now());
                    // Anyone else logged in as this person is logged out; this device stays.
                    tx.delete_sessions_of(id, keep);
                    return Status::Ok();
                  },
                  [respond](Status s) {
                    if (!s.ok()) return respond(http::problem(s.error()));
                    respond(Response{204, "", "", {}});
                  });
            });
        if (!queued) respond(busy());
      });
}

void delete_me(App& app, Request& req, const Auth& auth, Respond respond) {
  auto body = parse_body(req.body, {{"password", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  confirm_password(app, req, auth, (*body)["password"].get<std::string>(), "password", respond,
                   [&app, req, id = auth.user.id, respond] {
                     write_then_sign_out(
                         app, req,
                         [id](storage::WriteTx& tx) {
                           tx.delete_user(id);
                           return Status::Ok();
                         },
                         respond);
                   });
}

void export_me(App& app, Request&, const Auth& auth, Respond respond) {
  ExportData data;
  data.user = auth.user;
  data.couple = auth.couple;
  data.current_session_hash = auth.session_hash;
  data.pause_suggestions = &app.options().pause_suggestions;
  Status read = app.store().read([&](storage::ReadTx& tx) {
    data.sessions = tx.sessions_of(auth.user.id);
    data.invites = tx.invites_created_by(auth.user.id);
    data.conflicts = tx.conflicts_written_in(auth.user.id);
    data.attempts = tx.attempts_of(auth.user.id);
    data.drafts = tx.assessment_drafts_of(auth.user.id);
    data.checkins = tx.checkins_of(auth.user.id, 0, 4000000);
    data.availability = tx.availability(auth.user.id);
    data.promises = tx.promises_by(auth.user.id);
    data.practice_logs = tx.practice_logs_by(auth.user.id);
    data.prompt_answers = tx.prompt_answers_by(auth.user.id);
  });
  if (!read.ok()) return respond(http::problem(read.error()));
  Millis now = app.now();
  Response r = json_response(200, export_json(data, app.options().sessions, now));
  r.header("Content-Disposition",
           "attachment; filename=\"hearth-export-" + format_date(now) + ".json\"");
  respond(std::move(r));
}

}  // namespace

void add_account_routes(App& app) {
  app.route("POST", "/api/v1/accounts",
            [&app](Request& req, Respond respond) { sign_up(app, req, std::move(respond)); });
  app.route("POST", "/api/v1/session",
            [&app](Request& req, Respond respond) { log_in(app, req, std::move(respond)); });
  app.authed_route("DELETE", "/api/v1/session", [&app](Request& req, const Auth& a, Respond r) {
    log_out(app, req, a, std::move(r));
  });
  app.authed_route("GET", "/api/v1/me",
                   [&app](Request&, const Auth& a, Respond r) { get_me(app, a, std::move(r)); });
  app.authed_route("PATCH", "/api/v1/me", [&app](Request& req, const Auth& a, Respond r) {
    update_me(app, req, a, std::move(r));
  });
  app.authed_route("DELETE", "/api/v1/me", [&app](Request& req, const Auth& a, Respond r) {
    delete_me(app, req, a, std::move(r));
  });
  app.authed_route("PUT", "/api/v1/me/password", [&app](Request& req, const Auth& a, Respond r) {
    change_password(app, req, a, std::move(r));
  });
  app.authed_route("GET", "/api/v1/me/export", [&app](Request& req, const Auth& a, Respond r) {
    export_me(app, req, a, std::move(r));
  });
}

}  // namespace hearth::api
