#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace hearth::http {
namespace {

std::string_view title_for(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Not logged in";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Request too large";
    case 415:
      return "Unsupported media type";
    case 422:
      return "Invalid input";
    case 429:
      return "Too many attempts";
    case 431:
      return "Request headers too large";
    case 503:
      return "Service unavailable";
    default:
      return status >= 500 ? "Server error" : "Request error";
  }
}

}  // namespace

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidField:
      return 422;
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kNotAuthenticated:
      return 401;
    case ErrorCode::kWrongCredentials:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kWrongPassword:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooManyAttempts:
      return 429;
    case ErrorCode::kBusy:
      return 503;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response problem(const Error& error) {
  int status = status_for(error.code);
  nlohmann::json body = {{"type", "/problems/" + error.slug},
                         {"title", title_for(status)},
                         {"status", status},
                         {"detail", error.detail}};
  if (!error.field.empty()) body["field"] = error.field;
  Response r{status, "application/problem+json", body.dump(), {}};
  if (error.retry_after_seconds > 0) {
    r.header("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return r;
}

Response problem(int status, std::string_view slug, std::string_view detail) {
  nlohmann::json body = {{"type", "/problems/" + std::string(slug)},
                         {"title", title_for(status)},
                         {"status", status},
                         {"detail", detail}};
  return {status, "application/problem+json", body.dump(), {}};
}

}  // namespace hearth::http
