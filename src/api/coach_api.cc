// The communication coach over HTTP: POST /api/v1/coach reads one message and answers the
// coach's verdict, mapped to JSON by api/representations.cc (the same mapping `hearth coach
// --json` prints). Logged-in people only; a message is at most 4000 characters; each person has
// a token bucket (App::coach_retry_after) so nobody can keep the CPU busy.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_body.h"
#include "api/representations.h"
#include "http/problem.h"

namespace hearth::api {
namespace {

constexpr std::size_t kMaxCoachCharacters = 4000;

// Characters as people count them: Unicode code points, not bytes.
std::size_t count_characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void check_message(App& app, http::Request& req, const Auth& auth, http::Respond respond) {
  if (int wait = app.coach_retry_after(auth.user.id); wait > 0) {
    Error e = Error::make(ErrorCode::kTooManyAttempts, "too-many-requests",
                          "You are asking the coach very quickly. Please wait " +
                              std::to_string(wait) + (wait == 1 ? " second." : " seconds."));
    e.retry_after_seconds = wait;
    return respond(http::problem(e));
  }
  const coach::Coach* coach = app.coach();
  if (!coach) {
    return respond(
        http::problem(503, "coach-unavailable", "The coach is not available right now."));
  }
  auto body = parse_body(req.body, {{"text", JsonType::kString}});
  if (!body) return respond(http::problem(body.error()));
  const auto& text = (*body)["text"].get_ref<const std::string&>();
  if (is_blank(text)) {
    return respond(http::problem(Error::invalid("text", "Write a message for the coach to read.")));
  }
  if (std::size_t n = count_characters(text); n > kMaxCoachCharacters) {
    return respond(http::problem(Error::invalid(
        "text", "A message for the coach can be at most " + std::to_string(kMaxCoachCharacters) +
                    " characters; this one has " + std::to_string(n) + ".")));
  }
  respond(json_response(200, coach_json(coach->check(text))));
}

}  // namespace

void add_coach_routes(App& app) {
  app.authed_route("POST", "/api/v1/coach",
                   [&app](http::Request& req, const Auth& auth, http::Respond respond) {
                     check_message(app, req, auth, std::move(respond));
                   });
}

}  // namespace hearth::api
