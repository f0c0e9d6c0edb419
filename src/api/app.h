// The application behind the HTTP server: routing, the request guard (CSRF and content type),
// authentication, security headers, metrics and the access log, and the services the route
// files share. Route files (accounts_api.cc, couple_api.cc, system_api.cc) register handlers here;
// handlers turn requests into calls on the core and the store, and never decide privacy.
// Thread-safe once constructed.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/assessment/instrument.h"
#include "core/coach/coach.h"
#include "core/conflict.h"
#include "core/couple.h"
#include "core/insights/suggestions.h"
#include "core/login_throttle.h"
#include "core/plan/library.h"
#include "core/privacy.h"
#include "core/rate_limit.h"
#include "core/session_policy.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"

namespace hearth::storage {
class Store;
class GroupCommitWriter;
class WriteTx;
}  // namespace hearth::storage
namespace hearth::security {
class PasswordHasher;
}
namespace hearth::http {
class Metrics;
class AccessLog;
}  // namespace hearth::http

namespace hearth::api {

using Clock = std::function<Millis()>;

struct AppOptions {
  bool secure_cookies = false;
  bool trust_proxy = false;                  // believe X-Forwarded-For / X-Forwarded-Proto
  std::vector<std::string> allowed_origins;  // besides the request's own host
  std::string web_root;
  SessionLimits sessions;
  ThrottleLimits account_throttle;
  ThrottleLimits address_throttle{20, 15 * kMinute, 30 * kSecond, 15 * kMinute, 100000};
  // Calming suggestions shown during a paused conflict (content/conflict/pause-suggestions.txt).
  std::vector<std::string> pause_suggestions;
  // Counts the helpful and harsh coach flags in a text (the coach, wired in cli/main.cc).
  std::function<conflict::Tone(std::string_view)> tone;
  // The communication coach behind POST /api/v1/coach (absent: that route answers 503), and how
  // often one person may call it.
  std::optional<coach::Coach> coach;
  RateLimits coach_rate{10, 30, 100000};
  // How often one calendar feed URL, and one address over all feed URLs, may be fetched.
  RateLimits calendar_rate{0.2, 20, 100000};
  RateLimits calendar_address_rate{5, 100, 100000};
  // The questionnaires, causes and practice tags (content/instruments/, content/causes.toml, …).
  assessment::Catalog catalog;
  // "One thing to try" in the weekly summary (content/insights/suggestions.toml).
  std::vector<insights::Suggestion> suggestions;
  // The practice library and the conversation prompt packs (content/practices/, content/prompts/).
  plan::Library library;
};

// The person a request is authenticated as.
struct Auth {
  User user;
  std::string session_hash;
  Millis session_created_at = 0;
  std::optional<Couple> couple;
  Viewer viewer() const { return {user.id, couple ? couple->id : 0}; }
};

// Which login throttle a failure counts against.
enum class ThrottleKind { kLogin, kInviteCode };

class App {
 public:
  App(AppOptions options, storage::Store& store, storage::GroupCommitWriter& writer,
      security::PasswordHasher& hasher, http::Metrics& metrics, http::AccessLog& access_log,
      Clock clock);
  ~App();

  // The server's entry point.
  void handle(http::Request&& req, http::Respond respond);

  // ---- For route files ----
  using AuthedHandler = std::function<void(http::Request&, const Auth&, http::Respond)>;
  void route(const std::string& method, const std::string& pattern, http::Handler handler);
  void authed_route(const std::string& method, const std::string& pattern, AuthedHandler handler);

  Millis now() const { return clock_(); }
  const AppOptions& options() const { return options_; }
  storage::Store& store() { return store_; }
  storage::GroupCommitWriter& writer() { return writer_; }
  security::PasswordHasher& hasher() { return hasher_; }
  http::Metrics& metrics() { return metrics_; }

  // Seconds until this client may try again (0: now) under `kind`, for `account_key` and the
  // request's address.
  int throttled_for(ThrottleKind kind, const std::string& account_key, const http::Request& req);
  void record_failure(ThrottleKind kind, const std::string& account_key, const http::Request& req);
  void record_success(ThrottleKind kind, const std::string& account_key);

  // The one policy check for offering conflict tools to this couple (see core/conflict.h).
  bool conflict_tools(const std::optional<Couple>& couple) const;
  conflict::Tone tone_of(std::string_view text) const;
  // The coach, or nullptr when none was configured.
  const assessment::Catalog& catalog() const { return options_.catalog; }
  const std::vector<insights::Suggestion>& suggestions() const { return options_.suggestions; }
  const plan::Library& library() const { return options_.library; }
  const coach::Coach* coach() const { return options_.coach ? &*options_.coach : nullptr; }
  // Seconds until `who` may ask the coach again (0: now; a request is counted when allowed).
  int coach_retry_after(UserId who);
  // Seconds until the calendar feed with `token_hash` may be fetched again from `req`'s address
  // (0: now; a fetch is counted when allowed).
  int calendar_retry_after(std::string_view token_hash, const http::Request& req);
  // The calming suggestion shown with the latest pause of `c`.
  std::string_view pause_suggestion(const conflict::Conflict& c) const;

  std::string session_cookie(const std::string& token, const http::Request& req) const;
  std::string clear_session_cookie(const http::Request& req) const;
  // Creates a session row for `user` inside a write and returns its token.
  std::string new_session_in(storage::WriteTx& tx, UserId user);

 private:
  std::optional<http::Response> guard(const http::Request& req) const;
  void add_security_headers(http::Response& r, bool tls) const;

  AppOptions options_;
  storage::Store& store_;
  storage::GroupCommitWriter& writer_;
  security::PasswordHasher& hasher_;
  http::Metrics& metrics_;
  http::AccessLog& access_log_;
  Clock clock_;
  http::Router router_;
  std::vector<std::size_t> route_metric_keys_;
  std::size_t static_key_ = 0, unmatched_key_ = 0;
  http::StaticFiles static_files_;
  std::array<http::HeaderList, 4> security_headers_;  // see add_security_headers
  std::mutex throttle_mu_;
  LoginThrottle login_accounts_, login_addresses_, invite_accounts_, invite_addresses_;
  std::mutex coach_rate_mu_;
  RateLimiter coach_rate_;
  std::mutex calendar_rate_mu_;
  RateLimiter calendar_rate_, calendar_address_rate_;
};

// Route registration, one function per area.
void add_system_routes(App& app);
void add_account_routes(App& app);
void add_couple_routes(App& app);
void add_conflict_routes(App& app);
void add_coach_routes(App& app);
void add_assessment_routes(App& app);
void add_checkin_routes(App& app);
void add_plan_routes(App& app);

}  // namespace hearth::api
