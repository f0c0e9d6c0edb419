#include "api/app.h"

#include <atomic>
#include <chrono>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/store.h"

namespace hearth::api {
namespace {

constexpr std::string_view kSessionCookie = "hearth_session";

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

bool is_state_changing(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_json_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string_view media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return lower(media) == "application/json";
}

bool is_api_path(std::string_view path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/healthz" ||
         path == "/metrics" || path.rfind("/calendar/", 0) == 0;
}

}  // namespace

App::App(AppOptions options, storage::Store& store, storage::GroupCommitWriter& writer,
         security::PasswordHasher& hasher, http::Metrics& metrics, http::AccessLog& access_log,
         Clock clock)
    : options_(std::move(options)),
      store_(store),
      writer_(writer),
      hasher_(hasher),
      metrics_(metrics),
      access_log_(access_log),
      clock_(std::move(clock)),
      static_files_(options_.web_root),
      login_accounts_(options_.account_throttle),
      login_addresses_(options_.address_throttle),
      invite_accounts_(options_.account_throttle),
      invite_addresses_(options_.address_throttle),
      coach_rate_(options_.coach_rate),
      calendar_rate_(options_.calendar_rate),
      calendar_address_rate_(options_.calendar_address_rate) {
  add_system_routes(*this);
  add_account_routes(*this);
  add_couple_routes(*this);
  add_conflict_routes(*this);
  add_coach_routes(*this);
  add_assessment_routes(*this);
  add_checkin_routes(*this);
  add_plan_routes(*this);
  for (int variant = 0; variant < 4; ++variant) {
    http::HeaderList& h = security_headers_[variant];
    h = {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
         {"X-Content-Type-Options", "nosniff"},
         {"X-Frame-Options", "DENY"},
         {"Referrer-Policy", "no-referrer"},
         {"Cross-Origin-Opener-Policy", "same-origin"},
         {"Cross-Origin-Resource-Policy", "same-origin"},
         {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"}};
    if (variant >= 2) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
    if (variant % 2 == 1) h.emplace_back("Cache-Control", "no-store");
  }
  static_key_ = metrics_.add_route("GET", "static");
  unmatched_key_ = metrics_.add_route("*", "unmatched");
}

App::~App() = default;

void App::route(const std::string& method, const std::string& pattern, http::Handler handler) {
  router_.add(method, pattern, std::move(handler));
  route_metric_keys_.push_back(metrics_.add_route(method, pattern));
}

void App::authed_route(const std::string& method, const std::string& pattern,
                       AuthedHandler handler) {
  route(method, pattern,
        [this, handler = std::move(handler)](http::Request& req, http::Respond respond) {
          std::string_view token = req.cookie(kSessionCookie);
          auto not_authenticated = [] {
            return http::problem(Error::make(ErrorCode::kNotAuthenticated, "not-authenticated",
                                             "Please log in to continue."));
          };
          if (token.empty() || token.size() > 128) return respond(not_authenticated());
          std::string hash = security::hash_secret(token);
          Millis now = clock_();
          std::optional<Auth> auth;
          bool expired = false, touch = false;
          Status read = store_.read([&](storage::ReadTx& tx) {
            auto session = tx.session(hash);
            if (!session) return;
            SessionTimes times{session->created_at, session->last_seen_at};
            if (session_state(times, options_.sessions, now) != SessionState::kActive) {
              expired = true;
              return;
            }
            auto user = tx.user_by_id(session->user_id);
            if (!user) return;
            touch = session_needs_touch(times, options_.sessions, now);
            auth = Auth{std::move(*user), hash, session->created_at,
                        tx.couple_of(session->user_id, now)};
          });
          if (!read.ok()) return respond(http::problem(read.error()));
          // Housekeeping writes below are not acknowledged to anyone, so nobody waits for them.
          if (expired) {
            writer_.submit(
                [hash](storage::WriteTx& tx) {
                  tx.delete_session(hash);
                  return Status::Ok();
                },
                [](Status) {});
          }
          if (!auth) return respond(not_authenticated());
          if (touch) {
            writer_.submit(
                [hash, now](storage::WriteTx& tx) {
                  tx.touch_session(hash, now);
                  return Status::Ok();
                },
                [](Status) {});
          }
          handler(req, *auth, std::move(respond));
        });
}

std::optional<http::Response> App::guard(const http::Request& req) const {
  if (!is_state_changing(req.method)) return std::nullopt;
  if (lower(req.header("sec-fetch-site")) == "cross-site") {
    return http::problem(403, "cross-site-request", "Requests from other sites are not accepted.");
  }
  if (req.has_header("origin")) {
    std::string origin = lower(req.header("origin"));
    bool allowed = false;
    auto scheme_end = origin.find("://");
    if (scheme_end != std::string::npos) {
      allowed = origin.substr(scheme_end + 3) == lower(req.header("host"));
    }
    for (const auto& o : options_.allowed_origins) allowed = allowed || lower(o) == origin;
    if (!allowed) {
      return http::problem(403, "cross-site-request",
                           "Requests from other sites are not accepted.");
    }
  }
  // A body must be JSON (an HTML form cannot send that cross-site); an empty body needs no type.
  if (!req.body.empty() && !is_json_media_type(req.header("content-type"))) {
    return http::problem(415, "unsupported-media-type",
                         "Send the request body as JSON with Content-Type: application/json.");
  }
  return std::nullopt;
}

void App::add_security_headers(http::Response& r, bool tls) const {
  bool has_cache_control = false;
  for (const auto& h : r.headers)
    has_cache_control = has_cache_control || h.first == "Cache-Control";
  // Four fixed lists, built once: over TLS or not, with no-store or with the handler's own
  // Cache-Control.
  r.common_headers = &security_headers_[(tls ? 2 : 0) + (has_cache_control ? 0 : 1)];
}

void App::handle(http::Request&& req, http::Respond respond) {
  auto started = std::chrono::steady_clock::now();
  if (options_.trust_proxy) {
    std::string_view forwarded = req.header("x-forwarded-for");
    if (!forwarded.empty()) {
      auto comma = forwarded.rfind(',');
      std::string_view last =
          comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      req.remote_address = std::string(last);
    }
    req.tls = req.tls || lower(req.header("x-forwarded-proto")) == "https";
  }

  auto match = router_.match(req);
  std::size_t key = unmatched_key_;
  std::string_view label = "unmatched";
  if (match.route) {
    key = route_metric_keys_[match.route->index];
    label = match.route->pattern;
  } else if (!is_api_path(req.path) && (req.method == "GET" || req.method == "HEAD")) {
    key = static_key_;
    label = "static";
  }

  // Every response passes here exactly once: headers, metrics, access log.
  struct Once {
    std::atomic<bool> done{false};
  };
  auto once = std::make_shared<Once>();
  http::Respond finish = [this, once, started, key, label, method = req.method,
                          remote = req.remote_address, tls = req.tls,
                          respond = std::move(respond)](http::Response r) {
    if (once->done.exchange(true)) return;
    add_security_headers(r, tls);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.record_request(key, r.status, seconds);
    access_log_.write({method, label, r.status, seconds, r.body.size(), remote});
    respond(std::move(r));
  };

  if (match.route) {
    if (auto refused = guard(req)) return finish(std::move(*refused));
    try {
      match.route->handler(req, finish);
    } catch (const std::exception&) {
      finish(http::problem(500, "internal", "Something went wrong on our side."));
    }
    return;
  }
  if (!match.allowed.empty()) {
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    auto r = http::problem(
        405, "method-not-allowed",
        "This address does not accept " + req.method + ". It accepts: " + allow + ".");
    r.header("Allow", allow);
    return finish(std::move(r));
  }
  if (key == static_key_) {
    if (auto file = static_files_.get(req.path)) return finish(std::move(*file));
  }
  finish(http::problem(404, "not-found", "There is nothing at " + req.path + "."));
}

int App::throttled_for(ThrottleKind kind, const std::string& account_key,
                       const http::Request& req) {
  Millis now = clock_();
  std::lock_guard lock(throttle_mu_);
  auto& accounts = kind == ThrottleKind::kLogin ? login_accounts_ : invite_accounts_;
  auto& addresses = kind == ThrottleKind::kLogin ? login_addresses_ : invite_addresses_;
  Millis wait = std::max(accounts.retry_after(account_key, now),
                         addresses.retry_after(req.remote_address, now));
  return static_cast<int>((wait + kSecond - 1) / kSecond);
}

void App::record_failure(ThrottleKind kind, const std::string& account_key,
                         const http::Request& req) {
  Millis now = clock_();
  std::lock_guard lock(throttle_mu_);
  auto& accounts = kind == ThrottleKind::kLogin ? login_accounts_ : invite_accounts_;
  auto& addresses = kind == ThrottleKind::kLogin ? login_addresses_ : invite_addresses_;
  accounts.record_failure(account_key, now);
  addresses.record_failure(req.remote_address, now);
}

void App::record_success(ThrottleKind kind, const std::string& account_key) {
  std::lock_guard lock(throttle_mu_);
  (kind == ThrottleKind::kLogin ? login_accounts_ : invite_accounts_).record_success(account_key);
}

bool App::conflict_tools(const std::optional<Couple>& couple) const {
  // Safety signals come from the safety screen once it exists; until then there are none.
  return conflict::tools_offered(couple, conflict::SafetySignals{});
}

int App::coach_retry_after(UserId who) {
  Millis now = clock_();
  std::lock_guard lock(coach_rate_mu_);
  Millis wait = coach_rate_.take(who, now);
  return static_cast<int>((wait + kSecond - 1) / kSecond);
}

int App::calendar_retry_after(std::string_view token_hash, const http::Request& req) {
  Millis now = clock_();
  auto key = [](std::string_view s) {
    return static_cast<std::int64_t>(std::hash<std::string_view>{}(s));
  };
  std::lock_guard lock(calendar_rate_mu_);
  Millis wait = calendar_address_rate_.take(key(req.remote_address), now);
  if (wait == 0) wait = calendar_rate_.take(key(token_hash), now);
  return static_cast<int>((wait + kSecond - 1) / kSecond);
}

conflict::Tone App::tone_of(std::string_view text) const {
  return options_.tone ? options_.tone(text) : conflict::Tone{};
}

std::string_view App::pause_suggestion(const conflict::Conflict& c) const {
  return conflict::pause_suggestion(c, options_.pause_suggestions);
}

std::string App::session_cookie(const std::string& token, const http::Request& req) const {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(options_.sessions.absolute / kSecond);
  if (options_.secure_cookies || req.tls) c += "; Secure";
  return c;
}

std::string App::clear_session_cookie(const http::Request& req) const {
  std::string c = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (options_.secure_cookies || req.tls) c += "; Secure";
  return c;
}

std::string App::new_session_in(storage::WriteTx& tx, UserId user) {
  std::string token = security::new_session_token();
  Millis now = clock_();
  tx.insert_session({security::hash_secret(token), user, now, now});
  return token;
}

}  // namespace hearth::api
