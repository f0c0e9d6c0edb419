// The one mapping from errors to HTTP: application/problem+json (RFC 9457) bodies.
#pragma once

#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace hearth::http {

int status_for(ErrorCode code);
// A problem+json response for an Error from the core or storage.
Response problem(const Error& error);
// A problem+json response for errors found by the HTTP layer itself.
Response problem(int status, std::string_view slug, std::string_view detail);

}  // namespace hearth::http
