// Micro-benchmarks of Hearth's pure core and the helpers on every request's path.
// Run through bench/run.sh, or directly: build/hearth_micro_bench [--benchmark_filter=REGEX].
//
// The figures put the HTTP scenarios in proportion: everything here is well under a
// microsecond except parsing JSON bodies (a few microseconds) and Argon2id, which takes tens of
// milliseconds and ~19 MiB per hash. That last one is why password hashing runs on its own
// small pool (src/security/password_hasher.h) instead of on the I/O threads.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "api/json_body.h"
#include "cli/assessment_content.h"
#include "core/account.h"
#include "core/couple.h"
#include "core/insights/insights.h"
#include "core/login_throttle.h"
#include "core/plan/planner.h"
#include "core/privacy.h"
#include "core/session_policy.h"
#include "core/time.h"
#include "http/message.h"
#include "http/router.h"
#include "security/password_hasher.h"
#include "security/tokens.h"

namespace {

using namespace hearth;

constexpr Millis kNow = 1'795'000'000'000;  // a fixed "now" (late 2026)

// ---- Account and couple rules --------------------------------------------------------------

void BM_NormalizeEmail(benchmark::State& state) {
  const std::string input = "  Alice.Martin+hearth@Example.COM ";
  for (auto _ : state) {
    auto r = normalize_email(input);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NormalizeEmail);

void BM_NormalizeDisplayName(benchmark::State& state) {
  const std::string input = "  Zoë Martin  ";
  for (auto _ : state) {
    auto r = normalize_display_name(input);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NormalizeDisplayName);

void BM_NormalizeInviteCode(benchmark::State& state) {
  const std::string input = "7kq3-vx9d-2m4p";  // as typed: lower case, with dashes
  for (auto _ : state) {
    auto r = normalize_invite_code(input);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_NormalizeInviteCode);

void BM_FormatInviteCode(benchmark::State& state) {
  const std::array<unsigned char, kInviteRandomBytes> random{0x3a, 0x91, 0x07, 0xfe,
                                                             0x5c, 0x22, 0xb4, 0x6d};
  for (auto _ : state) {
    auto code = format_invite_code(random);
    benchmark::DoNotOptimize(code);
  }
}
BENCHMARK(BM_FormatInviteCode);

// ---- Privacy ---------------------------------------------------------------------------------

void BM_PrivacyCanRead(benchmark::State& state) {
  // The four interesting cases, cycled: author, partner on a shared item, partner on a private
  // item, partner on a revealed-when-both-answered item.
  const Viewer author{1, 10}, partner{2, 10};
  const std::vector<std::pair<Viewer, ItemMeta>> cases = {
      {author, {1, 10, Visibility::kPrivate, false}},
      {partner, {1, 10, Visibility::kShared, false}},
      {partner, {1, 10, Visibility::kPrivate, false}},
      {partner, {1, 10, Visibility::kRevealedWhenBothAnswered, true}},
  };
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [viewer, item] = cases[i++ & 3];
    bool ok = PrivacyPolicy::can_read(viewer, item);
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_PrivacyCanRead);

// ---- Sessions and throttling -------------------------------------------------------------------

void BM_SessionState(benchmark::State& state) {
  const SessionLimits limits;
  const SessionTimes times{kNow - 10 * kDay, kNow - 2 * kHour};
  for (auto _ : state) {
    auto s = session_state(times, limits, kNow);
    bool touch = session_needs_touch(times, limits, kNow);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(touch);
  }
}
BENCHMARK(BM_SessionState);

// The check every login makes before hashing: retry_after on a throttle holding 10k keys.
void BM_LoginThrottleCheck(benchmark::State& state) {
  LoginThrottle throttle;
  std::vector<std::string> keys;
  for (int i = 0; i < 10000; ++i) keys.push_back("person" + std::to_string(i) + "@example.com");
  for (const auto& k : keys) throttle.record_failure(k, kNow);
  std::size_t i = 0;
  for (auto _ : state) {
    Millis wait = throttle.retry_after(keys[i++ % keys.size()], kNow);
    benchmark::DoNotOptimize(wait);
  }
}
BENCHMARK(BM_LoginThrottleCheck);

// A failed login then a successful one for the same key: record_failure + record_success.
void BM_LoginThrottleRecord(benchmark::State& state) {
  LoginThrottle throttle;
  const std::string key = "alice@example.com";
  Millis now = kNow;
  for (auto _ : state) {
    throttle.record_failure(key, now);
    throttle.record_success(key);
    now += 1;
  }
  benchmark::DoNotOptimize(throttle.tracked_keys());
}
BENCHMARK(BM_LoginThrottleRecord);

// ---- Security --------------------------------------------------------------------------------

// SHA-256 of a 43-character session token: done on every authenticated request.
void BM_HashSecretSessionToken(benchmark::State& state) {
  security::init();
  const std::string token = security::new_session_token();  // 43 characters
  for (auto _ : state) {
    auto h = security::hash_secret(token);
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_HashSecretSessionToken);

void BM_NewSessionToken(benchmark::State& state) {
  security::init();
  for (auto _ : state) {
    auto t = security::new_session_token();
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_NewSessionToken);

// One Argon2id hash at the server's default cost (HashCost{}: 2 passes, 19 MiB). This is what
// each sign-up, login and password change costs a hashing thread.
void BM_HashPasswordArgon2id(benchmark::State& state) {
  security::init();
  const security::HashCost cost{};
  const std::string password = "correct horse battery staple";
  for (auto _ : state) {
    auto h = security::hash_password(password, cost);
    if (!h) state.SkipWithError("hash_password ran out of memory");
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_HashPasswordArgon2id)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- Request handling helpers -------------------------------------------------------------------

// Strict parse of a sign-up body, as POST /api/v1/accounts does.
void BM_ParseRegistrationBody(benchmark::State& state) {
  const std::string body =
      R"({"email":"alice@example.com","password":"correct horse battery staple",)"
      R"("display_name":"Alice"})";
  for (auto _ : state) {
    auto r = api::parse_body(body, {{"email", api::JsonType::kString},
                                    {"password", api::JsonType::kString},
                                    {"display_name", api::JsonType::kString}});
    if (!r) state.SkipWithError("registration body rejected");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParseRegistrationBody);

// The empty-or-{} body of POST /api/v1/couple.
void BM_ParseEmptyObjectBody(benchmark::State& state) {
  const std::string body = "{}";
  for (auto _ : state) {
    auto r = api::parse_body(body, {}, /*empty_ok=*/true);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ParseEmptyObjectBody);

void BM_Rfc3339Format(benchmark::State& state) {
  Millis t = kNow;
  for (auto _ : state) {
    auto s = format_rfc3339(t++);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_Rfc3339Format);

void BM_CookieLookup(benchmark::State& state) {
  http::Request req;
  req.headers = {{"host", "127.0.0.1:8080"},
                 {"accept", "application/json"},
                 {"cookie", "theme=dark; hearth_session=" + std::string(43, 'x') + "; lang=fr"}};
  for (auto _ : state) {
    auto v = req.cookie("hearth_session");
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_CookieLookup);

// ---- Routing
// -------------------------------------------------------------------------------------

// Hearth's routes in registration order (src/api/*_api.cc), plus a {param}.ics route.
http::Router make_router() {
  http::Router r;
  auto none = [](http::Request&, http::Respond) {};
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/healthz"},
      {"GET", "/metrics"},
      {"GET", "/api/v1/openapi.json"},
      {"POST", "/api/v1/accounts"},
      {"POST", "/api/v1/session"},
      {"DELETE", "/api/v1/session"},
      {"GET", "/api/v1/me"},
      {"PATCH", "/api/v1/me"},
      {"DELETE", "/api/v1/me"},
      {"PUT", "/api/v1/me/password"},
      {"GET", "/api/v1/me/export"},
      {"POST", "/api/v1/couple"},
      {"GET", "/api/v1/couple"},
      {"POST", "/api/v1/couple/join"},
      {"DELETE", "/api/v1/couple/membership"},
      {"GET", "/calendar/{token}.ics"},
  };
  for (const auto& [method, pattern] : routes) r.add(method, pattern, none);
  return r;
}

void RouterMatch(benchmark::State& state, const char* method, const char* path) {
  const http::Router router = make_router();
  http::Request req;
  req.method = method;
  req.path = path;
  for (auto _ : state) {
    auto m = router.match(req);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK_CAPTURE(RouterMatch, first_route, "GET", "/healthz");
BENCHMARK_CAPTURE(RouterMatch, get_me, "GET", "/api/v1/me");
BENCHMARK_CAPTURE(RouterMatch, post_couple, "POST", "/api/v1/couple");
BENCHMARK_CAPTURE(RouterMatch, last_route_param, "GET", "/calendar/abcdef0123456789.ics");
BENCHMARK_CAPTURE(RouterMatch, miss_static_file, "GET", "/assets/app.js");

// ---- Insights: one couple, a year of check-ins (target: everything under 1 ms) ----

std::pair<insights::Days, insights::Days> year_of_checkins() {
  std::mt19937 rng(42);
  std::normal_distribution<double> noise(0, 1.2);
  std::uniform_real_distribution<double> skip(0, 1);
  std::pair<insights::Days, insights::Days> out;
  for (insights::Days* person : {&out.first, &out.second}) {
    double close = 0, aff = 0;
    for (Day d = 20000; d < 20365; ++d) {
      double c = 0.4 * close + noise(rng), a = 0.3 * aff + 0.5 * close + noise(rng);
      close = c;
      aff = a;
      if (skip(rng) < 0.15) continue;
      checkin::Answers x;
      x.closeness = std::clamp(static_cast<int>(5.5 + close), 0, 10);
      x.connection = x.closeness;
      x.affection = std::clamp(static_cast<int>(5 + aff), 0, 10);
      x.minutes_together = 60 + static_cast<int>(10 * close);
      x.minutes_together = std::max(0, x.minutes_together);
      x.focused_minutes = x.minutes_together / 2;
      x.tech_interference = 4;
      (*person)[d] = x;
    }
  }
  return out;
}

void BM_InsightsTrendAndWeekly(benchmark::State& state) {
  auto [a, b] = year_of_checkins();
  for (auto _ : state) {
    auto t = insights::trend(a, &b, 20364, 90);
    auto w = insights::weekly_summary(a, &b, 20364);
    benchmark::DoNotOptimize(t);
    benchmark::DoNotOptimize(w);
  }
}
BENCHMARK(BM_InsightsTrendAndWeekly)->Unit(benchmark::kMicrosecond);

void BM_PositiveCycleYear(benchmark::State& state) {
  auto [a, b] = year_of_checkins();
  for (auto _ : state) benchmark::DoNotOptimize(insights::positive_cycle(a, &b, 20364));
}
BENCHMARK(BM_PositiveCycleYear)->Unit(benchmark::kMicrosecond);

// Everything GET /api/v1/insights and /insights/cycle compute for one couple over a year.
void BM_AllInsightsOneCoupleYear(benchmark::State& state) {
  auto [a, b] = year_of_checkins();
  for (auto _ : state) {
    for (int days : {7, 30, 90}) benchmark::DoNotOptimize(insights::trend(a, &b, 20364, days));
    benchmark::DoNotOptimize(insights::weekly_summary(a, &b, 20364));
    benchmark::DoNotOptimize(insights::positive_cycle(a, &b, 20364));
  }
}
BENCHMARK(BM_AllInsightsOneCoupleYear)->Unit(benchmark::kMicrosecond);

// ---- The weekly plan for one couple, over the shipped library (target: under 5 ms) ----

void BM_MakePlan(benchmark::State& state) {
  std::string content = std::string(HEARTH_SOURCE_DIR) + "/content";
  auto catalog = cli::load_catalog(content);
  if (!catalog) {
    state.SkipWithError(catalog.error().detail.c_str());
    return;
  }
  auto library = cli::load_library(content, *catalog);
  if (!library) {
    state.SkipWithError(library.error().detail.c_str());
    return;
  }
  plan::Inputs in;
  in.week_start = 20780;
  for (int d = 0; d < 7; ++d) in.free.push_back({d, 18 * 60, 22 * 60});
  in.free.push_back({5, 9 * 60, 13 * 60});
  for (const auto& inst : catalog->instruments) {
    int i = 0;
    for (const auto& s : inst.subscales) {
      in.needs.push_back({inst.id + "/" + s.id, s.title, 20.0 + 13 * (i++ % 5)});
    }
  }
  for (const auto& c : catalog->causes) in.causes.push_back({c.id, c.title, 45});
  for (int i = 0; i < 40; ++i) {
    in.history.push_back(
        {library->practices[static_cast<std::size_t>(i * 7) % library->practices.size()].id,
         20780 - 60 + i, i % 5 != 0, 1 + i % 5});
  }
  for (auto _ : state) benchmark::DoNotOptimize(plan::make_plan(library->practices, in));
}
BENCHMARK(BM_MakePlan)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
