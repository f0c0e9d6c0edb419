// Time in the core is a value passed in, never read from a clock here.
// Timestamps are milliseconds since the Unix epoch, UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

using Millis = std::int64_t;

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

// "2026-11-25T17:24:39Z" (seconds precision; sub-second parts are dropped).
std::string format_rfc3339(Millis t);
// Parses the form above (also with a fractional part or "+00:00"); nullopt when malformed.
std::optional<Millis> parse_rfc3339(std::string_view text);
// "2026-11-25" for the UTC day of t.
std::string format_date(Millis t);

}  // namespace hearth
