// Calendar days and time zones. A Day is a count of days since 1970-01-01 (a local calendar date,
// not an instant). Time-zone rules come from ICU's copy of the IANA database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace hearth {

using Day = std::int32_t;

// "2026-11-25" ↔ Day; nullopt for anything else (including impossible dates like 2026-02-30).
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day d);
// Minutes from midnight (0–1440) as "HH:MM" ("24:00" for the end of the day).
std::string format_clock(int minutes);
// Monday = 0 … Sunday = 6.
int weekday(Day d);

// Whether `zone` is an IANA time-zone name ICU knows ("Europe/Berlin", "UTC").
bool valid_time_zone(std::string_view zone);
// The local calendar day in `zone` at instant `t` (UTC when the zone is unknown).
Day local_day(Millis t, std::string_view zone);
// The instant of local wall time `minute` (minutes from midnight) on `day` in `zone` (UTC when
// the zone is unknown). In a daylight-saving gap or overlap ICU picks one reading.
Millis instant_of(Day day, int minute, std::string_view zone);

}  // namespace hearth
